/**
 * The items of a response's `output` (`ResponseOutputItem`, by `type`): messages, function / custom / MCP / shell /
 * apply-patch tool calls and their outputs, searches, reasoning, compaction, image generation, code interpreter.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { ResponseMessageRoleSchema, VectorStoreFileAttributesSchema } from './common.js';
import {
  FunctionAndCustomToolCallOutputSchema,
  ResponseOutputMessageContentSchema,
  ResponseReasoningTextSchema,
  ResponseSummaryTextSchema,
} from './content.js';
import { ToolSchema, ToolSearchExecutionTypeSchema } from './tools.js';
import type { ApplyPatchCallOutputStatus, ApplyPatchCallStatus, ApplyPatchCreateFileOperation, ApplyPatchDeleteFileOperation, ApplyPatchUpdateFileOperation, ClickButtonType, ClickParam, ComputerAction, ComputerActionList, ComputerCallOutputStatus, ComputerCallSafetyCheckParam, ContainerReferenceResource, CoordParam, DirectToolCallCaller, DirectToolCallCallerParam, DoubleClickAction, DragParam, FunctionCallOutputStatusEnum, FunctionCallStatus, FunctionShellAction, FunctionShellCallOutputExitOutcome, FunctionShellCallOutputStatusEnum, FunctionShellCallOutputTimeoutOutcome, FunctionShellCallStatus, HTTPError, KeyPressAction, LocalEnvironmentResource, LocalShellExecAction, MCPProtocolError, MCPToolCallError, MCPToolCallStatus, MCPToolExecutionError, MessagePhase, MoveParam, ProgramOutputStatus, ProgramToolCallCaller, ProgramToolCallCallerParam, ResponseAdditionalTools, ResponseApplyPatchToolCall, ResponseApplyPatchToolCallOutput, ResponseCodeInterpreterOutputImage, ResponseCodeInterpreterOutputLogs, ResponseCodeInterpreterToolCall, ResponseCompactionItem, ResponseComputerToolCall, ResponseComputerToolCallOutput, ResponseComputerToolCallOutputItem, ResponseComputerToolCallOutputScreenshot, ResponseCustomToolCall, ResponseCustomToolCallOutput, ResponseCustomToolCallOutputItem, ResponseFileSearchToolCall, ResponseFunctionShellCallOutputContent, ResponseFunctionShellToolCall, ResponseFunctionShellToolCallOutput, ResponseFunctionToolCall, ResponseFunctionToolCallOutput, ResponseFunctionToolCallOutputItem, ResponseFunctionWebSearch, ResponseImageGenerationCall, ResponseLocalShellCall, ResponseLocalShellCallOutput, ResponseMcpApprovalRequest, ResponseMcpApprovalResponse, ResponseMcpCall, ResponseMcpListTools, ResponseMcpListToolsTool, ResponseOutputItem, ResponseOutputMessage, ResponseProgram, ResponseProgramOutput, ResponseReasoningItem, ResponseToolSearchCall, ResponseToolSearchOutputItem, ScreenshotParam, ScrollParam, ToolCallCaller, ToolCallCallerParam, TypeParam, WaitParam, WebSearchActionFind, WebSearchActionOpenPage, WebSearchActionSearch } from '../../wire/responses-api.js';
export type { ApplyPatchCallOutputStatus, ApplyPatchCallStatus, ApplyPatchCreateFileOperation, ApplyPatchDeleteFileOperation, ApplyPatchUpdateFileOperation, ClickButtonType, ClickParam, ComputerAction, ComputerActionList, ComputerCallOutputStatus, ComputerCallSafetyCheckParam, ContainerReferenceResource, CoordParam, DirectToolCallCaller, DirectToolCallCallerParam, DoubleClickAction, DragParam, FunctionCallOutputStatusEnum, FunctionCallStatus, FunctionShellAction, FunctionShellCallOutputExitOutcome, FunctionShellCallOutputStatusEnum, FunctionShellCallOutputTimeoutOutcome, FunctionShellCallStatus, HTTPError, KeyPressAction, LocalEnvironmentResource, LocalShellExecAction, MCPProtocolError, MCPToolCallError, MCPToolCallStatus, MCPToolExecutionError, MessagePhase, MoveParam, ProgramOutputStatus, ProgramToolCallCaller, ProgramToolCallCallerParam, ResponseAdditionalTools, ResponseApplyPatchToolCall, ResponseApplyPatchToolCallOutput, ResponseCodeInterpreterOutputImage, ResponseCodeInterpreterOutputLogs, ResponseCodeInterpreterToolCall, ResponseCompactionItem, ResponseComputerToolCall, ResponseComputerToolCallOutput, ResponseComputerToolCallOutputItem, ResponseComputerToolCallOutputScreenshot, ResponseCustomToolCall, ResponseCustomToolCallOutput, ResponseCustomToolCallOutputItem, ResponseFileSearchToolCall, ResponseFunctionShellCallOutputContent, ResponseFunctionShellToolCall, ResponseFunctionShellToolCallOutput, ResponseFunctionToolCall, ResponseFunctionToolCallOutput, ResponseFunctionToolCallOutputItem, ResponseFunctionWebSearch, ResponseImageGenerationCall, ResponseLocalShellCall, ResponseLocalShellCallOutput, ResponseMcpApprovalRequest, ResponseMcpApprovalResponse, ResponseMcpCall, ResponseMcpListTools, ResponseMcpListToolsTool, ResponseOutputItem, ResponseOutputMessage, ResponseProgram, ResponseProgramOutput, ResponseReasoningItem, ResponseToolSearchCall, ResponseToolSearchOutputItem, ScreenshotParam, ScrollParam, ToolCallCaller, ToolCallCallerParam, TypeParam, WaitParam, WebSearchActionFind, WebSearchActionOpenPage, WebSearchActionSearch } from '../../wire/responses-api.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Extra tool definitions made available to the model at this point of the output.
 *
 * @example
 * const { tools } = ResponseAdditionalToolsSchema.parse(json);
 */
export const ResponseAdditionalToolsSchema = objectSchema<ResponseAdditionalTools>(z.object({
  type: z.literal('additional_tools'),
  id: z.string(),
  role: ResponseMessageRoleSchema,
  tools: z.array(ToolSchema),
}));

/**
 * The status of an apply-patch call output: `completed` or `failed`.
 *
 * @example
 * ApplyPatchCallOutputStatusSchema.parse('completed');
 */
export const ApplyPatchCallOutputStatusSchema: z.ZodType<ApplyPatchCallOutputStatus> = typedSchema(z.enum(['completed', 'failed']));

/**
 * The status of an apply-patch call: `in_progress` or `completed`.
 *
 * @example
 * ApplyPatchCallStatusSchema.parse('in_progress');
 */
export const ApplyPatchCallStatusSchema: z.ZodType<ApplyPatchCallStatus> = typedSchema(z.enum(['in_progress', 'completed']));

/**
 * Instruction describing how to create a file via the apply_patch tool.
 *
 * @example
 * const { path, diff } = ApplyPatchCreateFileOperationSchema.parse(json);
 */
export const ApplyPatchCreateFileOperationSchema = objectSchema<ApplyPatchCreateFileOperation>(z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
}));

/**
 * Instruction describing how to delete a file via the apply_patch tool.
 *
 * @example
 * ApplyPatchDeleteFileOperationSchema.parse({ type: 'delete_file', path: 'src/unused.ts' }).path;
 */
export const ApplyPatchDeleteFileOperationSchema = objectSchema<ApplyPatchDeleteFileOperation>(z.object({
  type: z.literal('delete_file'),
  path: z.string(),
}));

/**
 * A tool call made directly by the model.
 *
 * @example
 * DirectToolCallCallerSchema.parse({ type: 'direct' });
 */
export const DirectToolCallCallerSchema = objectSchema<DirectToolCallCaller>(z.object({
  type: z.literal('direct'),
}));

/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * ProgramToolCallCallerSchema.parse({ type: 'program', caller_id: 'prog_123' }).caller_id;
 */
export const ProgramToolCallCallerSchema = objectSchema<ProgramToolCallCaller>(z.object({
  type: z.literal('program'),
  caller_id: z.string(),
}));

/**
 * The execution context that produced this tool call.
 *
 * @example
 * const caller = ToolCallCallerSchema.parse(json);
 * if (caller.type === 'program') console.log('called from', caller.caller_id);
 */
export const ToolCallCallerSchema: z.ZodType<ToolCallCaller> = typedSchema(z.discriminatedUnion('type', [
  DirectToolCallCallerSchema,
  ProgramToolCallCallerSchema,
]));

/**
 * Instruction describing how to update a file via the apply_patch tool.
 *
 * @example
 * ApplyPatchUpdateFileOperationSchema.parse({ type: 'update_file', path: 'src/a.ts', diff: '@@\n-old\n+new\n' });
 */
export const ApplyPatchUpdateFileOperationSchema = objectSchema<ApplyPatchUpdateFileOperation>(z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
}));

/**
 * A tool call that applies file diffs by creating, deleting, or updating files.
 *
 * @example
 * const { call_id, operation } = ResponseApplyPatchToolCallSchema.parse(json);
 */
export const ResponseApplyPatchToolCallSchema = objectSchema<ResponseApplyPatchToolCall>(z.object({
  type: z.literal('apply_patch_call'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: ApplyPatchCallStatusSchema,
  operation: z.discriminatedUnion('type', [
    ApplyPatchCreateFileOperationSchema,
    ApplyPatchDeleteFileOperationSchema,
    ApplyPatchUpdateFileOperationSchema,
  ]),
  created_by: z.string().optional(),
}));

/**
 * The output emitted by an apply patch tool call.
 *
 * @example
 * const { status, output } = ResponseApplyPatchToolCallOutputSchema.parse(json);
 */
export const ResponseApplyPatchToolCallOutputSchema = objectSchema<ResponseApplyPatchToolCallOutput>(z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusSchema,
  output: z.string().nullable().optional(),
  created_by: z.string().optional(),
}));

/**
 * The mouse button of a click action.
 *
 * @example
 * ClickButtonTypeSchema.parse('right');
 */
export const ClickButtonTypeSchema: z.ZodType<ClickButtonType> = typedSchema(z.enum(['left', 'right', 'wheel', 'back', 'forward']));

/**
 * A click action.
 *
 * @example
 * ClickParamSchema.parse({ type: 'click', button: 'left', x: 120, y: 48 });
 */
export const ClickParamSchema = objectSchema<ClickParam>(z.object({
  type: z.literal('click'),
  button: ClickButtonTypeSchema,
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
}));

/**
 * The image output from the code interpreter.
 *
 * @example
 * ResponseCodeInterpreterOutputImageSchema.parse(json).url;
 */
export const ResponseCodeInterpreterOutputImageSchema = objectSchema<ResponseCodeInterpreterOutputImage>(z.object({
  type: z.literal('image'),
  url: z.string(),
}));

/**
 * The logs output from the code interpreter.
 *
 * @example
 * ResponseCodeInterpreterOutputLogsSchema.parse({ type: 'logs', logs: '4\n' }).logs;
 */
export const ResponseCodeInterpreterOutputLogsSchema = objectSchema<ResponseCodeInterpreterOutputLogs>(z.object({
  type: z.literal('logs'),
  logs: z.string(),
}));

/**
 * A tool call to run code.
 *
 * @example
 * const { code, outputs } = ResponseCodeInterpreterToolCallSchema.parse(json);
 */
export const ResponseCodeInterpreterToolCallSchema = objectSchema<ResponseCodeInterpreterToolCall>(z.object({
  type: z.literal('code_interpreter_call'),
  id: z.string(),
  status: z.enum([
    'in_progress',
    'completed',
    'incomplete',
    'interpreting',
    'failed',
  ]),
  container_id: z.string(),
  code: z.string().nullable(),
  outputs: z.array(z.discriminatedUnion('type', [
    ResponseCodeInterpreterOutputLogsSchema,
    ResponseCodeInterpreterOutputImageSchema,
  ])).nullable(),
}));

/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * ResponseCompactionItemSchema.parse(json).encrypted_content;
 */
export const ResponseCompactionItemSchema = objectSchema<ResponseCompactionItem>(z.object({
  type: z.literal('compaction'),
  id: z.string(),
  encrypted_content: z.string(),
  created_by: z.string().optional(),
}));

/**
 * A double click action.
 *
 * @example
 * DoubleClickActionSchema.parse({ type: 'double_click', x: 64, y: 64, keys: null });
 */
export const DoubleClickActionSchema = objectSchema<DoubleClickAction>(z.object({
  type: z.literal('double_click'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable(),
}));

/**
 * An x/y coordinate pair, e.g.
 *
 * @example
 * CoordParamSchema.parse({ x: 10, y: 20 });
 */
export const CoordParamSchema = objectSchema<CoordParam>(z.object({
  x: z.number(),
  y: z.number(),
}));

/**
 * A drag action.
 *
 * @example
 * DragParamSchema.parse({ type: 'drag', path: [{ x: 10, y: 10 }, { x: 200, y: 10 }] });
 */
export const DragParamSchema = objectSchema<DragParam>(z.object({
  type: z.literal('drag'),
  path: z.array(CoordParamSchema),
  keys: z.array(z.string()).nullable().optional(),
}));

/**
 * A collection of keypresses the model would like to perform.
 *
 * @example
 * KeyPressActionSchema.parse({ type: 'keypress', keys: ['CTRL', 'C'] });
 */
export const KeyPressActionSchema = objectSchema<KeyPressAction>(z.object({
  type: z.literal('keypress'),
  keys: z.array(z.string()),
}));

/**
 * A mouse move action.
 *
 * @example
 * MoveParamSchema.parse({ type: 'move', x: 400, y: 300 });
 */
export const MoveParamSchema = objectSchema<MoveParam>(z.object({
  type: z.literal('move'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
}));

/**
 * A screenshot action.
 *
 * @example
 * ScreenshotParamSchema.parse({ type: 'screenshot' });
 */
export const ScreenshotParamSchema = objectSchema<ScreenshotParam>(z.object({
  type: z.literal('screenshot'),
}));

/**
 * A scroll action.
 *
 * @example
 * ScrollParamSchema.parse({ type: 'scroll', x: 500, y: 400, scroll_x: 0, scroll_y: 600 });
 */
export const ScrollParamSchema = objectSchema<ScrollParam>(z.object({
  type: z.literal('scroll'),
  x: z.number(),
  y: z.number(),
  scroll_x: z.number(),
  scroll_y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
}));

/**
 * An action to type in text.
 *
 * @example
 * TypeParamSchema.parse({ type: 'type', text: 'hello world' }).text;
 */
export const TypeParamSchema = objectSchema<TypeParam>(z.object({
  type: z.literal('type'),
  text: z.string(),
}));

/**
 * A wait action.
 *
 * @example
 * WaitParamSchema.parse({ type: 'wait' });
 */
export const WaitParamSchema = objectSchema<WaitParam>(z.object({
  type: z.literal('wait'),
}));

/**
 * One action of a computer use call (by `type`): click, double click, drag, keypress, move, screenshot, scroll,
 * type, wait.
 *
 * @example
 * const action = ComputerActionSchema.parse(json);
 * if (action.type === 'type') console.log('typing', action.text);
 */
export const ComputerActionSchema: z.ZodType<ComputerAction> = typedSchema(z.discriminatedUnion('type', [
  ClickParamSchema,
  DoubleClickActionSchema,
  DragParamSchema,
  KeyPressActionSchema,
  MoveParamSchema,
  ScreenshotParamSchema,
  ScrollParamSchema,
  TypeParamSchema,
  WaitParamSchema,
]));

/**
 * Flattened batched actions for `computer_use`.
 *
 * @example
 * ComputerActionListSchema.parse([{ type: 'click', button: 'left', x: 5, y: 5 }, { type: 'type', text: 'hi' }]);
 */
export const ComputerActionListSchema: z.ZodType<ComputerActionList> = typedSchema(z.array(ComputerActionSchema));

/**
 * The status of a computer call output.
 *
 * @example
 * ComputerCallOutputStatusSchema.parse('failed');
 */
export const ComputerCallOutputStatusSchema: z.ZodType<ComputerCallOutputStatus> = typedSchema(z.enum(['completed', 'incomplete', 'failed']));

/**
 * A pending safety check for the computer call.
 *
 * @example
 * ComputerCallSafetyCheckParamSchema.parse({ id: 'sc_1', code: 'malicious_instructions', message: 'Check the page' });
 */
export const ComputerCallSafetyCheckParamSchema = objectSchema<ComputerCallSafetyCheckParam>(z.object({
  id: z.string(),
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
}));

/**
 * A computer screenshot image used with the computer use tool.
 *
 * @example
 * ResponseComputerToolCallOutputScreenshotSchema.parse({ type: 'computer_screenshot', file_id: 'file-abc123' });
 */
export const ResponseComputerToolCallOutputScreenshotSchema = objectSchema<ResponseComputerToolCallOutputScreenshot>(z.object({
  type: z.literal('computer_screenshot'),
  image_url: z.string().optional(),
  file_id: z.string().optional(),
}));

/**
 * A tool call to a computer use tool.
 *
 * @example
 * const { call_id, actions, pending_safety_checks } = ResponseComputerToolCallSchema.parse(json);
 */
export const ResponseComputerToolCallSchema = objectSchema<ResponseComputerToolCall>(z.object({
  type: z.literal('computer_call'),
  id: z.string(),
  call_id: z.string(),
  action: ComputerActionSchema.optional(),
  actions: ComputerActionListSchema.optional(),
  pending_safety_checks: z.array(ComputerCallSafetyCheckParamSchema),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
}));

/**
 * The output of a computer tool call.
 *
 * @example
 * ResponseComputerToolCallOutputSchema.parse({
 *   type: 'computer_call_output', call_id: 'call_1', output: { type: 'computer_screenshot', file_id: 'file-abc' },
 * });
 */
export const ResponseComputerToolCallOutputSchema = objectSchema<ResponseComputerToolCallOutput>(z.object({
  type: z.literal('computer_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
}));

/**
 * The output of a computer tool call.
 *
 * @example
 * ResponseComputerToolCallOutputItemSchema.parse(json).status; // 'completed' | 'incomplete' | 'failed'
 */
export const ResponseComputerToolCallOutputItemSchema = objectSchema<ResponseComputerToolCallOutputItem>(z.object({
  type: z.literal('computer_call_output'),
  id: z.string(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: ComputerCallOutputStatusSchema,
  created_by: z.string().optional(),
}));

/**
 * Represents a container created with /v1/containers.
 *
 * @example
 * ContainerReferenceResourceSchema.parse({ type: 'container_reference', container_id: 'cntr_123' });
 */
export const ContainerReferenceResourceSchema = objectSchema<ContainerReferenceResource>(z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
}));

/**
 * A call to a custom tool created by the model.
 *
 * @example
 * const { name, input } = ResponseCustomToolCallSchema.parse(json);
 */
export const ResponseCustomToolCallSchema = objectSchema<ResponseCustomToolCall>(z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  input: z.string(),
}));

/**
 * A tool call made directly by the model.
 *
 * @example
 * DirectToolCallCallerParamSchema.parse({ type: 'direct' }).type; // 'direct'
 */
export const DirectToolCallCallerParamSchema: z.ZodType<DirectToolCallCallerParam> = typedSchema(DirectToolCallCallerSchema); // the yaml defines it twice, identically

/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * ProgramToolCallCallerParamSchema.parse({ type: 'program', caller_id: 'prog_7' });
 */
export const ProgramToolCallCallerParamSchema: z.ZodType<ProgramToolCallCallerParam> = typedSchema(ProgramToolCallCallerSchema); // the yaml defines it twice, identically

/**
 * The execution context that produced this tool call.
 *
 * @example
 * ToolCallCallerParamSchema.parse({ type: 'direct' });
 */
export const ToolCallCallerParamSchema: z.ZodType<ToolCallCallerParam> = typedSchema(ToolCallCallerSchema); // the yaml defines it twice, identically

/**
 * The output of a custom tool call from your code, being sent back to the model.
 *
 * @example
 * ResponseCustomToolCallOutputSchema.parse({ type: 'custom_tool_call_output', call_id: 'call_1', output: 'done' });
 */
export const ResponseCustomToolCallOutputSchema = objectSchema<ResponseCustomToolCallOutput>(z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
}));

/**
 * The status of a function call output item.
 *
 * @example
 * FunctionCallOutputStatusEnumSchema.parse('in_progress');
 */
export const FunctionCallOutputStatusEnumSchema: z.ZodType<FunctionCallOutputStatusEnum> = typedSchema(z.enum(['in_progress', 'completed', 'incomplete']));

/**
 * The output of a custom tool call, as an output item (with its `id` and `status`).
 *
 * @example
 * const { call_id, output, status } = ResponseCustomToolCallOutputItemSchema.parse(json);
 */
export const ResponseCustomToolCallOutputItemSchema = objectSchema<ResponseCustomToolCallOutputItem>(z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
}));

/**
 * The results of a file search tool call.
 *
 * @example
 * const { queries, results } = ResponseFileSearchToolCallSchema.parse(json);
 */
export const ResponseFileSearchToolCallSchema = objectSchema<ResponseFileSearchToolCall>(z.object({
  id: z.string(),
  type: z.literal('file_search_call'),
  status: z.enum(['in_progress', 'searching', 'completed', 'incomplete', 'failed']),
  queries: z.array(z.string()),
  results: z.array(z.object({
    file_id: z.string().optional(),
    text: z.string().optional(),
    filename: z.string().optional(),
    attributes: VectorStoreFileAttributesSchema.optional(),
    score: z.number().optional(),
  })).nullable().optional(),
}));

/**
 * The status of a function call.
 *
 * @example
 * FunctionCallStatusSchema.parse('completed');
 */
export const FunctionCallStatusSchema: z.ZodType<FunctionCallStatus> = typedSchema(FunctionCallOutputStatusEnumSchema); // the yaml defines it twice, identically

/**
 * Execute a shell command.
 *
 * @example
 * FunctionShellActionSchema.parse({ commands: ['ls'], timeout_ms: null, max_output_length: null });
 */
export const FunctionShellActionSchema = objectSchema<FunctionShellAction>(z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable(),
  max_output_length: z.number().nullable(),
}));

/**
 * The status of a shell call.
 *
 * @example
 * FunctionShellCallStatusSchema.parse('incomplete');
 */
export const FunctionShellCallStatusSchema: z.ZodType<FunctionShellCallStatus> = typedSchema(FunctionCallOutputStatusEnumSchema); // the yaml defines it twice, identically

/**
 * Represents the use of a local environment to perform shell actions.
 *
 * @example
 * LocalEnvironmentResourceSchema.parse({ type: 'local' });
 */
export const LocalEnvironmentResourceSchema = objectSchema<LocalEnvironmentResource>(z.object({
  type: z.literal('local'),
}));

/**
 * A tool call that executes one or more shell commands in a managed environment.
 *
 * @example
 * const { action, environment } = ResponseFunctionShellToolCallSchema.parse(json);
 */
export const ResponseFunctionShellToolCallSchema = objectSchema<ResponseFunctionShellToolCall>(z.object({
  type: z.literal('shell_call'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  action: FunctionShellActionSchema,
  status: FunctionShellCallStatusSchema,
  environment: z.discriminatedUnion('type', [
    LocalEnvironmentResourceSchema,
    ContainerReferenceResourceSchema,
  ]).nullable(),
  created_by: z.string().optional(),
}));

/**
 * The status of a shell call output item.
 *
 * @example
 * FunctionShellCallOutputStatusEnumSchema.parse('completed');
 */
export const FunctionShellCallOutputStatusEnumSchema: z.ZodType<FunctionShellCallOutputStatusEnum> = typedSchema(FunctionCallOutputStatusEnumSchema); // the yaml defines it twice, identically

/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * FunctionShellCallOutputTimeoutOutcomeSchema.safeParse({ type: 'exit', exit_code: 0 }).success; // false
 */
export const FunctionShellCallOutputTimeoutOutcomeSchema = objectSchema<FunctionShellCallOutputTimeoutOutcome>(z.object({
  type: z.literal('timeout'),
}));

/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * FunctionShellCallOutputExitOutcomeSchema.parse(json).exit_code;
 */
export const FunctionShellCallOutputExitOutcomeSchema = objectSchema<FunctionShellCallOutputExitOutcome>(z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
}));

/**
 * The content of a shell tool call output that was emitted.
 *
 * @example
 * const { stdout, stderr, outcome } = ResponseFunctionShellCallOutputContentSchema.parse(json);
 */
export const ResponseFunctionShellCallOutputContentSchema = objectSchema<ResponseFunctionShellCallOutputContent>(z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: z.discriminatedUnion('type', [
    FunctionShellCallOutputTimeoutOutcomeSchema,
    FunctionShellCallOutputExitOutcomeSchema,
  ]),
  created_by: z.string().optional(),
}));

/**
 * The output of a shell tool call that was emitted.
 *
 * @example
 * ResponseFunctionShellToolCallOutputSchema.parse(json).output.map((o) => o.stdout).join('');
 */
export const ResponseFunctionShellToolCallOutputSchema = objectSchema<ResponseFunctionShellToolCallOutput>(z.object({
  type: z.literal('shell_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: FunctionShellCallOutputStatusEnumSchema,
  output: z.array(ResponseFunctionShellCallOutputContentSchema),
  max_output_length: z.number().nullable(),
  created_by: z.string().optional(),
}));

/**
 * A tool call to run a function.
 *
 * @example
 * const { name, arguments: args, call_id } = ResponseFunctionToolCallSchema.parse(json);
 */
export const ResponseFunctionToolCallSchema = objectSchema<ResponseFunctionToolCall>(z.object({
  id: z.string().optional(),
  type: z.literal('function_call'),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  arguments: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
}));

/**
 * The output of a function tool call.
 *
 * @example
 * ResponseFunctionToolCallOutputSchema.parse({ type: 'function_call_output', output: '{"ok":true}' });
 */
export const ResponseFunctionToolCallOutputSchema = objectSchema<ResponseFunctionToolCallOutput>(z.object({
  id: z.string().optional(),
  type: z.literal('function_call_output'),
  call_id: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
}));

/**
 * The output of a function tool call.
 *
 * @example
 * ResponseFunctionToolCallOutputItemSchema.parse(json).output;
 */
export const ResponseFunctionToolCallOutputItemSchema = objectSchema<ResponseFunctionToolCallOutputItem>(z.object({
  id: z.string(),
  type: z.literal('function_call_output'),
  call_id: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
}));

/**
 * An MCP call failed with an HTTP error.
 *
 * @example
 * HTTPErrorSchema.parse({ type: 'http_error', code: 502, message: 'Bad Gateway' });
 */
export const HTTPErrorSchema = objectSchema<HTTPError>(z.object({
  type: z.literal('http_error'),
  code: z.number(),
  message: z.string(),
}));

/**
 * An image generation request made by the model.
 *
 * @example
 * const { result } = ResponseImageGenerationCallSchema.parse(json); // base64 image, or null
 */
export const ResponseImageGenerationCallSchema = objectSchema<ResponseImageGenerationCall>(z.object({
  type: z.literal('image_generation_call'),
  id: z.string(),
  status: z.enum(['in_progress', 'completed', 'generating', 'failed']),
  // Absent from the item of `response.output_item.added` on the real wire (it comes with `.done`).
  result: z.string().nullable().optional(),
}));

/**
 * Execute a shell command on the server.
 *
 * @example
 * LocalShellExecActionSchema.parse({ type: 'exec', command: ['ls', '-la'], env: {} });
 */
export const LocalShellExecActionSchema = objectSchema<LocalShellExecAction>(z.object({
  type: z.literal('exec'),
  command: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  working_directory: z.string().nullable().optional(),
  env: z.record(z.string(), z.string()),
  user: z.string().nullable().optional(),
}));

/**
 * A tool call to run a command on the local shell.
 *
 * @example
 * const { call_id, action } = ResponseLocalShellCallSchema.parse(json);
 */
export const ResponseLocalShellCallSchema = objectSchema<ResponseLocalShellCall>(z.object({
  type: z.literal('local_shell_call'),
  id: z.string(),
  call_id: z.string(),
  action: LocalShellExecActionSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']),
}));

/**
 * The output of a local shell tool call.
 *
 * @example
 * ResponseLocalShellCallOutputSchema.parse({ type: 'local_shell_call_output', id: 'lsh_1', output: 'ok' });
 */
export const ResponseLocalShellCallOutputSchema = objectSchema<ResponseLocalShellCallOutput>(z.object({
  type: z.literal('local_shell_call_output'),
  id: z.string(),
  output: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).nullable().optional(),
}));

/**
 * A request for human approval of a tool invocation.
 *
 * @example
 * const { id, server_label, name, arguments: args } = ResponseMcpApprovalRequestSchema.parse(json);
 */
export const ResponseMcpApprovalRequestSchema = objectSchema<ResponseMcpApprovalRequest>(z.object({
  type: z.literal('mcp_approval_request'),
  id: z.string(),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
}));

/**
 * A response to an MCP approval request.
 *
 * @example
 * ResponseMcpApprovalResponseSchema.parse(json).approve;
 */
export const ResponseMcpApprovalResponseSchema = objectSchema<ResponseMcpApprovalResponse>(z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
}));

/**
 * A tool available on an MCP server.
 *
 * @example
 * ResponseMcpListToolsToolSchema.parse({ name: 'search', input_schema: { type: 'object' } });
 */
export const ResponseMcpListToolsToolSchema = objectSchema<ResponseMcpListToolsTool>(z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  annotations: z.record(z.string(), z.unknown()).nullable().optional(),
}));

/**
 * A list of tools available on an MCP server.
 *
 * @example
 * const { server_label, tools } = ResponseMcpListToolsSchema.parse(json);
 */
export const ResponseMcpListToolsSchema = objectSchema<ResponseMcpListTools>(z.object({
  type: z.literal('mcp_list_tools'),
  id: z.string(),
  server_label: z.string(),
  tools: z.array(ResponseMcpListToolsToolSchema),
  error: z.string().nullable().optional(),
}));

/**
 * An MCP call failed with a protocol error.
 *
 * @example
 * MCPProtocolErrorSchema.parse({ type: 'mcp_protocol_error', code: -32601, message: 'Method not found' });
 */
export const MCPProtocolErrorSchema = objectSchema<MCPProtocolError>(z.object({
  type: z.literal('mcp_protocol_error'),
  code: z.number(),
  message: z.string(),
}));

/**
 * An MCP call failed while the tool ran.
 *
 * @example
 * MCPToolExecutionErrorSchema.parse({ type: 'mcp_tool_execution_error', content: [{ type: 'text', text: 'boom' }] });
 */
export const MCPToolExecutionErrorSchema = objectSchema<MCPToolExecutionError>(z.object({
  type: z.literal('mcp_tool_execution_error'),
  content: z.unknown(),
}));

/**
 * Why an MCP call failed (by `type`): HTTP error, protocol error, or an error of the tool.
 *
 * @example
 * const error = MCPToolCallErrorSchema.parse(json);
 * if (error.type !== 'mcp_tool_execution_error') console.error(error.code, error.message);
 */
export const MCPToolCallErrorSchema: z.ZodType<MCPToolCallError> = typedSchema(z.discriminatedUnion('type', [
  MCPProtocolErrorSchema,
  MCPToolExecutionErrorSchema,
  HTTPErrorSchema,
]));

/**
 * The status of an MCP call.
 *
 * @example
 * MCPToolCallStatusSchema.parse('calling');
 */
export const MCPToolCallStatusSchema: z.ZodType<MCPToolCallStatus> = typedSchema(z.enum(['in_progress', 'completed', 'incomplete', 'calling', 'failed']));

/**
 * An invocation of a tool on an MCP server.
 *
 * @example
 * const { name, output, error } = ResponseMcpCallSchema.parse(json);
 */
export const ResponseMcpCallSchema = objectSchema<ResponseMcpCall>(z.object({
  type: z.literal('mcp_call'),
  id: z.string(),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
  output: z.string().nullable().optional(),
  error: MCPToolCallErrorSchema.nullable().optional(),
  status: MCPToolCallStatusSchema.optional(),
  approval_request_id: z.string().nullable().optional(),
}));

/**
 * Labels an `assistant` message as intermediate commentary (`commentary`) or the final answer (`final_answer`).
 *
 * @example
 * MessagePhaseSchema.parse('final_answer');
 */
export const MessagePhaseSchema: z.ZodType<MessagePhase> = typedSchema(z.enum(['commentary', 'final_answer']));

/**
 * An output message from the model.
 *
 * @example
 * const { content } = ResponseOutputMessageSchema.parse(json);
 */
export const ResponseOutputMessageSchema = objectSchema<ResponseOutputMessage>(z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(ResponseOutputMessageContentSchema),
  phase: MessagePhaseSchema.nullable().optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
}));

/**
 * Action type "search" - Performs a web search query.
 *
 * @example
 * WebSearchActionSearchSchema.parse({ type: 'search', query: 'rxjs share operator' });
 */
export const WebSearchActionSearchSchema = objectSchema<WebSearchActionSearch>(z.object({
  type: z.literal('search'),
  query: z.string().optional(),
  queries: z.array(z.string()).optional(),
  sources: z.array(z.object({
    type: z.literal('url'),
    url: z.string(),
  })).optional(),
}));

/**
 * Action type "open_page" - Opens a specific URL from search results.
 *
 * @example
 * WebSearchActionOpenPageSchema.parse({ type: 'open_page', url: 'https://rxjs.dev' }).url;
 */
export const WebSearchActionOpenPageSchema = objectSchema<WebSearchActionOpenPage>(z.object({
  type: z.literal('open_page'),
  url: z.string().nullable().optional(),
}));

/**
 * Action type "find_in_page": Searches for a pattern within a loaded page.
 *
 * @example
 * WebSearchActionFindSchema.parse({ type: 'find_in_page', url: 'https://rxjs.dev/api', pattern: 'shareReplay' });
 */
export const WebSearchActionFindSchema = objectSchema<WebSearchActionFind>(z.object({
  type: z.literal('find_in_page'),
  url: z.string(),
  pattern: z.string(),
}));

/**
 * The results of a web search tool call.
 *
 * @example
 * const { action, status } = ResponseFunctionWebSearchSchema.parse(json);
 */
export const ResponseFunctionWebSearchSchema = objectSchema<ResponseFunctionWebSearch>(z.object({
  id: z.string(),
  type: z.literal('web_search_call'),
  status: z.enum(['in_progress', 'searching', 'completed', 'failed']),
  // Absent from the item of `response.output_item.added` on the real wire (it comes with `.done`).
  action: z
    .discriminatedUnion('type', [WebSearchActionSearchSchema, WebSearchActionOpenPageSchema, WebSearchActionFindSchema])
    .optional(),
}));

/**
 * A description of the chain of thought used by a reasoning model while generating a response.
 *
 * @example
 * ResponseReasoningItemSchema.parse(json).summary.map((s) => s.text);
 */
export const ResponseReasoningItemSchema = objectSchema<ResponseReasoningItem>(z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  encrypted_content: z.string().nullable().optional(),
  summary: z.array(ResponseSummaryTextSchema),
  content: z.array(ResponseReasoningTextSchema).optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
}));

/**
 * A program the model wrote for programmatic tool calling.
 *
 * @example
 * const { call_id, code } = ResponseProgramSchema.parse(json);
 */
export const ResponseProgramSchema = objectSchema<ResponseProgram>(z.object({
  type: z.literal('program'),
  id: z.string(),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
}));

/**
 * The status of a program output.
 *
 * @example
 * ProgramOutputStatusSchema.parse('incomplete');
 */
export const ProgramOutputStatusSchema: z.ZodType<ProgramOutputStatus> = typedSchema(z.enum(['completed', 'incomplete']));

/**
 * The output of a program run for programmatic tool calling.
 *
 * @example
 * ResponseProgramOutputSchema.parse(json).result;
 */
export const ResponseProgramOutputSchema = objectSchema<ResponseProgramOutput>(z.object({
  type: z.literal('program_output'),
  id: z.string(),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputStatusSchema,
}));

/**
 * A tool search the model ran to find tools.
 *
 * @example
 * const { execution, arguments: args } = ResponseToolSearchCallSchema.parse(json);
 */
export const ResponseToolSearchCallSchema = objectSchema<ResponseToolSearchCall>(z.object({
  type: z.literal('tool_search_call'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  arguments: z.unknown(),
  status: FunctionCallStatusSchema,
  created_by: z.string().optional(),
}));

/**
 * The tools a tool search found.
 *
 * @example
 * ResponseToolSearchOutputItemSchema.parse(json).tools.length;
 */
export const ResponseToolSearchOutputItemSchema = objectSchema<ResponseToolSearchOutputItem>(z.object({
  type: z.literal('tool_search_output'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  tools: z.array(ToolSchema),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
}));

/**
 * One item of a response's `output` (by `type`): a message, a tool call or its output, reasoning, ...
 *
 * @example
 * const item = ResponseOutputItemSchema.parse(json);
 * if (item.type === 'function_call') console.log(item.name, item.arguments);
 */
export const ResponseOutputItemSchema: z.ZodType<ResponseOutputItem> = typedSchema(z.discriminatedUnion('type', [
  ResponseOutputMessageSchema,
  ResponseFileSearchToolCallSchema,
  ResponseFunctionToolCallSchema,
  ResponseFunctionToolCallOutputItemSchema,
  ResponseFunctionWebSearchSchema,
  ResponseComputerToolCallSchema,
  ResponseComputerToolCallOutputItemSchema,
  ResponseReasoningItemSchema,
  ResponseProgramSchema,
  ResponseProgramOutputSchema,
  ResponseToolSearchCallSchema,
  ResponseToolSearchOutputItemSchema,
  ResponseAdditionalToolsSchema,
  ResponseCompactionItemSchema,
  ResponseImageGenerationCallSchema,
  ResponseCodeInterpreterToolCallSchema,
  ResponseLocalShellCallSchema,
  ResponseLocalShellCallOutputSchema,
  ResponseFunctionShellToolCallSchema,
  ResponseFunctionShellToolCallOutputSchema,
  ResponseApplyPatchToolCallSchema,
  ResponseApplyPatchToolCallOutputSchema,
  ResponseMcpCallSchema,
  ResponseMcpListToolsSchema,
  ResponseMcpApprovalRequestSchema,
  ResponseMcpApprovalResponseSchema,
  ResponseCustomToolCallSchema,
  ResponseCustomToolCallOutputItemSchema,
]));

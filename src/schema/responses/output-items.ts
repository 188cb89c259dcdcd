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

/** Extra tool definitions made available to the model at this point of the output. */
export const ResponseAdditionalToolsSchema = z.object({
  type: z.literal('additional_tools'),
  id: z.string(),
  role: ResponseMessageRoleSchema,
  tools: z.array(ToolSchema),
});
/** Extra tool definitions made available to the model at this point of the output. */
export type ResponseAdditionalTools = z.infer<typeof ResponseAdditionalToolsSchema>;

/** The status of an apply-patch call output: `completed` or `failed`. */
export const ApplyPatchCallOutputStatusSchema = z.enum(['completed', 'failed']);
/** The status of an apply-patch call output: `completed` or `failed`. */
export type ApplyPatchCallOutputStatus = z.infer<typeof ApplyPatchCallOutputStatusSchema>;

/** The status of an apply-patch call: `in_progress` or `completed`. */
export const ApplyPatchCallStatusSchema = z.enum(['in_progress', 'completed']);
/** The status of an apply-patch call: `in_progress` or `completed`. */
export type ApplyPatchCallStatus = z.infer<typeof ApplyPatchCallStatusSchema>;

/** Instruction describing how to create a file via the apply_patch tool. */
export const ApplyPatchCreateFileOperationSchema = z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
});
/** Instruction describing how to create a file via the apply_patch tool. */
export type ApplyPatchCreateFileOperation = z.infer<typeof ApplyPatchCreateFileOperationSchema>;

/** Instruction describing how to delete a file via the apply_patch tool. */
export const ApplyPatchDeleteFileOperationSchema = z.object({
  type: z.literal('delete_file'),
  path: z.string(),
});
/** Instruction describing how to delete a file via the apply_patch tool. */
export type ApplyPatchDeleteFileOperation = z.infer<typeof ApplyPatchDeleteFileOperationSchema>;

/** A tool call made directly by the model. */
export const DirectToolCallCallerSchema = z.object({
  type: z.literal('direct'),
});
/** A tool call made directly by the model. */
export type DirectToolCallCaller = z.infer<typeof DirectToolCallCallerSchema>;

/** A tool call made by a program (programmatic tool calling). */
export const ProgramToolCallCallerSchema = z.object({
  type: z.literal('program'),
  caller_id: z.string(),
});
/** A tool call made by a program (programmatic tool calling). */
export type ProgramToolCallCaller = z.infer<typeof ProgramToolCallCallerSchema>;

/** The execution context that produced this tool call. */
export const ToolCallCallerSchema = z.discriminatedUnion('type', [
  DirectToolCallCallerSchema,
  ProgramToolCallCallerSchema,
]);
/** The execution context that produced this tool call. */
export type ToolCallCaller = z.infer<typeof ToolCallCallerSchema>;

/** Instruction describing how to update a file via the apply_patch tool. */
export const ApplyPatchUpdateFileOperationSchema = z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
});
/** Instruction describing how to update a file via the apply_patch tool. */
export type ApplyPatchUpdateFileOperation = z.infer<typeof ApplyPatchUpdateFileOperationSchema>;

/** A tool call that applies file diffs by creating, deleting, or updating files. */
export const ResponseApplyPatchToolCallSchema = z.object({
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
});
/** A tool call that applies file diffs by creating, deleting, or updating files. */
export type ResponseApplyPatchToolCall = z.infer<typeof ResponseApplyPatchToolCallSchema>;

/** The output emitted by an apply patch tool call. */
export const ResponseApplyPatchToolCallOutputSchema = z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusSchema,
  output: z.string().nullable().optional(),
  created_by: z.string().optional(),
});
/** The output emitted by an apply patch tool call. */
export type ResponseApplyPatchToolCallOutput = z.infer<typeof ResponseApplyPatchToolCallOutputSchema>;

/** The mouse button of a click action. */
export const ClickButtonTypeSchema = z.enum(['left', 'right', 'wheel', 'back', 'forward']);
/** The mouse button of a click action. */
export type ClickButtonType = z.infer<typeof ClickButtonTypeSchema>;

/** A click action. */
export const ClickParamSchema = z.object({
  type: z.literal('click'),
  button: ClickButtonTypeSchema,
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/** A click action. */
export type ClickParam = z.infer<typeof ClickParamSchema>;

/** The image output from the code interpreter. */
export const ResponseCodeInterpreterOutputImageSchema = z.object({
  type: z.literal('image'),
  url: z.string(),
});
/** The image output from the code interpreter. */
export type ResponseCodeInterpreterOutputImage = z.infer<typeof ResponseCodeInterpreterOutputImageSchema>;

/** The logs output from the code interpreter. */
export const ResponseCodeInterpreterOutputLogsSchema = z.object({
  type: z.literal('logs'),
  logs: z.string(),
});
/** The logs output from the code interpreter. */
export type ResponseCodeInterpreterOutputLogs = z.infer<typeof ResponseCodeInterpreterOutputLogsSchema>;

/** A tool call to run code. */
export const ResponseCodeInterpreterToolCallSchema = z.object({
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
});
/** A tool call to run code. */
export type ResponseCodeInterpreterToolCall = z.infer<typeof ResponseCodeInterpreterToolCallSchema>;

/** A compaction item generated by the `v1/responses/compact` API. */
export const ResponseCompactionItemSchema = z.object({
  type: z.literal('compaction'),
  id: z.string(),
  encrypted_content: z.string(),
  created_by: z.string().optional(),
});
/** A compaction item generated by the `v1/responses/compact` API. */
export type ResponseCompactionItem = z.infer<typeof ResponseCompactionItemSchema>;

/** A double click action. */
export const DoubleClickActionSchema = z.object({
  type: z.literal('double_click'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable(),
});
/** A double click action. */
export type DoubleClickAction = z.infer<typeof DoubleClickActionSchema>;

/** An x/y coordinate pair, e.g. */
export const CoordParamSchema = z.object({
  x: z.number(),
  y: z.number(),
});
/** An x/y coordinate pair, e.g. */
export type CoordParam = z.infer<typeof CoordParamSchema>;

/** A drag action. */
export const DragParamSchema = z.object({
  type: z.literal('drag'),
  path: z.array(CoordParamSchema),
  keys: z.array(z.string()).nullable().optional(),
});
/** A drag action. */
export type DragParam = z.infer<typeof DragParamSchema>;

/** A collection of keypresses the model would like to perform. */
export const KeyPressActionSchema = z.object({
  type: z.literal('keypress'),
  keys: z.array(z.string()),
});
/** A collection of keypresses the model would like to perform. */
export type KeyPressAction = z.infer<typeof KeyPressActionSchema>;

/** A mouse move action. */
export const MoveParamSchema = z.object({
  type: z.literal('move'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/** A mouse move action. */
export type MoveParam = z.infer<typeof MoveParamSchema>;

/** A screenshot action. */
export const ScreenshotParamSchema = z.object({
  type: z.literal('screenshot'),
});
/** A screenshot action. */
export type ScreenshotParam = z.infer<typeof ScreenshotParamSchema>;

/** A scroll action. */
export const ScrollParamSchema = z.object({
  type: z.literal('scroll'),
  x: z.number(),
  y: z.number(),
  scroll_x: z.number(),
  scroll_y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/** A scroll action. */
export type ScrollParam = z.infer<typeof ScrollParamSchema>;

/** An action to type in text. */
export const TypeParamSchema = z.object({
  type: z.literal('type'),
  text: z.string(),
});
/** An action to type in text. */
export type TypeParam = z.infer<typeof TypeParamSchema>;

/** A wait action. */
export const WaitParamSchema = z.object({
  type: z.literal('wait'),
});
/** A wait action. */
export type WaitParam = z.infer<typeof WaitParamSchema>;

/**
 * One action of a computer use call (by `type`): click, double click, drag, keypress, move, screenshot, scroll,
 * type, wait.
 */
export const ComputerActionSchema = z.discriminatedUnion('type', [
  ClickParamSchema,
  DoubleClickActionSchema,
  DragParamSchema,
  KeyPressActionSchema,
  MoveParamSchema,
  ScreenshotParamSchema,
  ScrollParamSchema,
  TypeParamSchema,
  WaitParamSchema,
]);
/**
 * One action of a computer use call (by `type`): click, double click, drag, keypress, move, screenshot, scroll,
 * type, wait.
 */
export type ComputerAction = z.infer<typeof ComputerActionSchema>;

/** Flattened batched actions for `computer_use`. */
export const ComputerActionListSchema = z.array(ComputerActionSchema);
/** Flattened batched actions for `computer_use`. */
export type ComputerActionList = z.infer<typeof ComputerActionListSchema>;

/** The status of a computer call output. */
export const ComputerCallOutputStatusSchema = z.enum(['completed', 'incomplete', 'failed']);
/** The status of a computer call output. */
export type ComputerCallOutputStatus = z.infer<typeof ComputerCallOutputStatusSchema>;

/** A pending safety check for the computer call. */
export const ComputerCallSafetyCheckParamSchema = z.object({
  id: z.string(),
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
});
/** A pending safety check for the computer call. */
export type ComputerCallSafetyCheckParam = z.infer<typeof ComputerCallSafetyCheckParamSchema>;

/** A computer screenshot image used with the computer use tool. */
export const ResponseComputerToolCallOutputScreenshotSchema = z.object({
  type: z.literal('computer_screenshot'),
  image_url: z.string().optional(),
  file_id: z.string().optional(),
});
/** A computer screenshot image used with the computer use tool. */
export type ResponseComputerToolCallOutputScreenshot = z.infer<typeof ResponseComputerToolCallOutputScreenshotSchema>;

/** A tool call to a computer use tool. */
export const ResponseComputerToolCallSchema = z.object({
  type: z.literal('computer_call'),
  id: z.string(),
  call_id: z.string(),
  action: ComputerActionSchema.optional(),
  actions: ComputerActionListSchema.optional(),
  pending_safety_checks: z.array(ComputerCallSafetyCheckParamSchema),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/** A tool call to a computer use tool. */
export type ResponseComputerToolCall = z.infer<typeof ResponseComputerToolCallSchema>;

/** The output of a computer tool call. */
export const ResponseComputerToolCallOutputSchema = z.object({
  type: z.literal('computer_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/** The output of a computer tool call. */
export type ResponseComputerToolCallOutput = z.infer<typeof ResponseComputerToolCallOutputSchema>;

/** The output of a computer tool call. */
export const ResponseComputerToolCallOutputItemSchema = z.object({
  type: z.literal('computer_call_output'),
  id: z.string(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: ComputerCallOutputStatusSchema,
  created_by: z.string().optional(),
});
/** The output of a computer tool call. */
export type ResponseComputerToolCallOutputItem = z.infer<typeof ResponseComputerToolCallOutputItemSchema>;

/** Represents a container created with /v1/containers. */
export const ContainerReferenceResourceSchema = z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
});
/** Represents a container created with /v1/containers. */
export type ContainerReferenceResource = z.infer<typeof ContainerReferenceResourceSchema>;

/** A call to a custom tool created by the model. */
export const ResponseCustomToolCallSchema = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  input: z.string(),
});
/** A call to a custom tool created by the model. */
export type ResponseCustomToolCall = z.infer<typeof ResponseCustomToolCallSchema>;

/** A tool call made directly by the model. */
export const DirectToolCallCallerParamSchema = DirectToolCallCallerSchema; // the yaml defines it twice, identically
/** A tool call made directly by the model. */
export type DirectToolCallCallerParam = z.infer<typeof DirectToolCallCallerParamSchema>;

/** A tool call made by a program (programmatic tool calling). */
export const ProgramToolCallCallerParamSchema = ProgramToolCallCallerSchema; // the yaml defines it twice, identically
/** A tool call made by a program (programmatic tool calling). */
export type ProgramToolCallCallerParam = z.infer<typeof ProgramToolCallCallerParamSchema>;

/** The execution context that produced this tool call. */
export const ToolCallCallerParamSchema = ToolCallCallerSchema; // the yaml defines it twice, identically
/** The execution context that produced this tool call. */
export type ToolCallCallerParam = z.infer<typeof ToolCallCallerParamSchema>;

/** The output of a custom tool call from your code, being sent back to the model. */
export const ResponseCustomToolCallOutputSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
});
/** The output of a custom tool call from your code, being sent back to the model. */
export type ResponseCustomToolCallOutput = z.infer<typeof ResponseCustomToolCallOutputSchema>;

/** The status of a function call output item. */
export const FunctionCallOutputStatusEnumSchema = z.enum(['in_progress', 'completed', 'incomplete']);
/** The status of a function call output item. */
export type FunctionCallOutputStatusEnum = z.infer<typeof FunctionCallOutputStatusEnumSchema>;

/** The output of a custom tool call, as an output item (with its `id` and `status`). */
export const ResponseCustomToolCallOutputItemSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
});
/** The output of a custom tool call, as an output item (with its `id` and `status`). */
export type ResponseCustomToolCallOutputItem = z.infer<typeof ResponseCustomToolCallOutputItemSchema>;

/** The results of a file search tool call. */
export const ResponseFileSearchToolCallSchema = z.object({
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
});
/** The results of a file search tool call. */
export type ResponseFileSearchToolCall = z.infer<typeof ResponseFileSearchToolCallSchema>;

/** The status of a function call. */
export const FunctionCallStatusSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/** The status of a function call. */
export type FunctionCallStatus = z.infer<typeof FunctionCallStatusSchema>;

/** Execute a shell command. */
export const FunctionShellActionSchema = z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable(),
  max_output_length: z.number().nullable(),
});
/** Execute a shell command. */
export type FunctionShellAction = z.infer<typeof FunctionShellActionSchema>;

/** The status of a shell call. */
export const FunctionShellCallStatusSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/** The status of a shell call. */
export type FunctionShellCallStatus = z.infer<typeof FunctionShellCallStatusSchema>;

/** Represents the use of a local environment to perform shell actions. */
export const LocalEnvironmentResourceSchema = z.object({
  type: z.literal('local'),
});
/** Represents the use of a local environment to perform shell actions. */
export type LocalEnvironmentResource = z.infer<typeof LocalEnvironmentResourceSchema>;

/** A tool call that executes one or more shell commands in a managed environment. */
export const ResponseFunctionShellToolCallSchema = z.object({
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
});
/** A tool call that executes one or more shell commands in a managed environment. */
export type ResponseFunctionShellToolCall = z.infer<typeof ResponseFunctionShellToolCallSchema>;

/** The status of a shell call output item. */
export const FunctionShellCallOutputStatusEnumSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/** The status of a shell call output item. */
export type FunctionShellCallOutputStatusEnum = z.infer<typeof FunctionShellCallOutputStatusEnumSchema>;

/** Indicates that the shell call exceeded its configured time limit. */
export const FunctionShellCallOutputTimeoutOutcomeSchema = z.object({
  type: z.literal('timeout'),
});
/** Indicates that the shell call exceeded its configured time limit. */
export type FunctionShellCallOutputTimeoutOutcome = z.infer<typeof FunctionShellCallOutputTimeoutOutcomeSchema>;

/** Indicates that the shell commands finished and returned an exit code. */
export const FunctionShellCallOutputExitOutcomeSchema = z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
});
/** Indicates that the shell commands finished and returned an exit code. */
export type FunctionShellCallOutputExitOutcome = z.infer<typeof FunctionShellCallOutputExitOutcomeSchema>;

/** The content of a shell tool call output that was emitted. */
export const ResponseFunctionShellCallOutputContentSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: z.discriminatedUnion('type', [
    FunctionShellCallOutputTimeoutOutcomeSchema,
    FunctionShellCallOutputExitOutcomeSchema,
  ]),
  created_by: z.string().optional(),
});
/** The content of a shell tool call output that was emitted. */
export type ResponseFunctionShellCallOutputContent = z.infer<typeof ResponseFunctionShellCallOutputContentSchema>;

/** The output of a shell tool call that was emitted. */
export const ResponseFunctionShellToolCallOutputSchema = z.object({
  type: z.literal('shell_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: FunctionShellCallOutputStatusEnumSchema,
  output: z.array(ResponseFunctionShellCallOutputContentSchema),
  max_output_length: z.number().nullable(),
  created_by: z.string().optional(),
});
/** The output of a shell tool call that was emitted. */
export type ResponseFunctionShellToolCallOutput = z.infer<typeof ResponseFunctionShellToolCallOutputSchema>;

/** A tool call to run a function. */
export const ResponseFunctionToolCallSchema = z.object({
  id: z.string().optional(),
  type: z.literal('function_call'),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  arguments: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/** A tool call to run a function. */
export type ResponseFunctionToolCall = z.infer<typeof ResponseFunctionToolCallSchema>;

/** The output of a function tool call. */
export const ResponseFunctionToolCallOutputSchema = z.object({
  id: z.string().optional(),
  type: z.literal('function_call_output'),
  call_id: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/** The output of a function tool call. */
export type ResponseFunctionToolCallOutput = z.infer<typeof ResponseFunctionToolCallOutputSchema>;

/** The output of a function tool call. */
export const ResponseFunctionToolCallOutputItemSchema = z.object({
  id: z.string(),
  type: z.literal('function_call_output'),
  call_id: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
});
/** The output of a function tool call. */
export type ResponseFunctionToolCallOutputItem = z.infer<typeof ResponseFunctionToolCallOutputItemSchema>;

/** An MCP call failed with an HTTP error. */
export const HTTPErrorSchema = z.object({
  type: z.literal('http_error'),
  code: z.number(),
  message: z.string(),
});
/** An MCP call failed with an HTTP error. */
export type HTTPError = z.infer<typeof HTTPErrorSchema>;

/** An image generation request made by the model. */
export const ResponseImageGenerationCallSchema = z.object({
  type: z.literal('image_generation_call'),
  id: z.string(),
  status: z.enum(['in_progress', 'completed', 'generating', 'failed']),
  result: z.string().nullable(),
});
/** An image generation request made by the model. */
export type ResponseImageGenerationCall = z.infer<typeof ResponseImageGenerationCallSchema>;

/** Execute a shell command on the server. */
export const LocalShellExecActionSchema = z.object({
  type: z.literal('exec'),
  command: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  working_directory: z.string().nullable().optional(),
  env: z.record(z.string(), z.string()),
  user: z.string().nullable().optional(),
});
/** Execute a shell command on the server. */
export type LocalShellExecAction = z.infer<typeof LocalShellExecActionSchema>;

/** A tool call to run a command on the local shell. */
export const ResponseLocalShellCallSchema = z.object({
  type: z.literal('local_shell_call'),
  id: z.string(),
  call_id: z.string(),
  action: LocalShellExecActionSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/** A tool call to run a command on the local shell. */
export type ResponseLocalShellCall = z.infer<typeof ResponseLocalShellCallSchema>;

/** The output of a local shell tool call. */
export const ResponseLocalShellCallOutputSchema = z.object({
  type: z.literal('local_shell_call_output'),
  id: z.string(),
  output: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).nullable().optional(),
});
/** The output of a local shell tool call. */
export type ResponseLocalShellCallOutput = z.infer<typeof ResponseLocalShellCallOutputSchema>;

/** A request for human approval of a tool invocation. */
export const ResponseMcpApprovalRequestSchema = z.object({
  type: z.literal('mcp_approval_request'),
  id: z.string(),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
});
/** A request for human approval of a tool invocation. */
export type ResponseMcpApprovalRequest = z.infer<typeof ResponseMcpApprovalRequestSchema>;

/** A response to an MCP approval request. */
export const ResponseMcpApprovalResponseSchema = z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
});
/** A response to an MCP approval request. */
export type ResponseMcpApprovalResponse = z.infer<typeof ResponseMcpApprovalResponseSchema>;

/** A tool available on an MCP server. */
export const ResponseMcpListToolsToolSchema = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  annotations: z.record(z.string(), z.unknown()).nullable().optional(),
});
/** A tool available on an MCP server. */
export type ResponseMcpListToolsTool = z.infer<typeof ResponseMcpListToolsToolSchema>;

/** A list of tools available on an MCP server. */
export const ResponseMcpListToolsSchema = z.object({
  type: z.literal('mcp_list_tools'),
  id: z.string(),
  server_label: z.string(),
  tools: z.array(ResponseMcpListToolsToolSchema),
  error: z.string().nullable().optional(),
});
/** A list of tools available on an MCP server. */
export type ResponseMcpListTools = z.infer<typeof ResponseMcpListToolsSchema>;

/** An MCP call failed with a protocol error. */
export const MCPProtocolErrorSchema = z.object({
  type: z.literal('mcp_protocol_error'),
  code: z.number(),
  message: z.string(),
});
/** An MCP call failed with a protocol error. */
export type MCPProtocolError = z.infer<typeof MCPProtocolErrorSchema>;

/** An MCP call failed while the tool ran. */
export const MCPToolExecutionErrorSchema = z.object({
  type: z.literal('mcp_tool_execution_error'),
  content: z.unknown(),
});
/** An MCP call failed while the tool ran. */
export type MCPToolExecutionError = z.infer<typeof MCPToolExecutionErrorSchema>;

/** Why an MCP call failed (by `type`): HTTP error, protocol error, or an error of the tool. */
export const MCPToolCallErrorSchema = z.discriminatedUnion('type', [
  MCPProtocolErrorSchema,
  MCPToolExecutionErrorSchema,
  HTTPErrorSchema,
]);
/** Why an MCP call failed (by `type`): HTTP error, protocol error, or an error of the tool. */
export type MCPToolCallError = z.infer<typeof MCPToolCallErrorSchema>;

/** The status of an MCP call. */
export const MCPToolCallStatusSchema = z.enum(['in_progress', 'completed', 'incomplete', 'calling', 'failed']);
/** The status of an MCP call. */
export type MCPToolCallStatus = z.infer<typeof MCPToolCallStatusSchema>;

/** An invocation of a tool on an MCP server. */
export const ResponseMcpCallSchema = z.object({
  type: z.literal('mcp_call'),
  id: z.string(),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
  output: z.string().nullable().optional(),
  error: MCPToolCallErrorSchema.nullable().optional(),
  status: MCPToolCallStatusSchema.optional(),
  approval_request_id: z.string().nullable().optional(),
});
/** An invocation of a tool on an MCP server. */
export type ResponseMcpCall = z.infer<typeof ResponseMcpCallSchema>;

/** Labels an `assistant` message as intermediate commentary (`commentary`) or the final answer (`final_answer`). */
export const MessagePhaseSchema = z.enum(['commentary', 'final_answer']);
/** Labels an `assistant` message as intermediate commentary (`commentary`) or the final answer (`final_answer`). */
export type MessagePhase = z.infer<typeof MessagePhaseSchema>;

/** An output message from the model. */
export const ResponseOutputMessageSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(ResponseOutputMessageContentSchema),
  phase: MessagePhaseSchema.nullable().optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/** An output message from the model. */
export type ResponseOutputMessage = z.infer<typeof ResponseOutputMessageSchema>;

/** Action type "search" - Performs a web search query. */
export const WebSearchActionSearchSchema = z.object({
  type: z.literal('search'),
  query: z.string().optional(),
  queries: z.array(z.string()).optional(),
  sources: z.array(z.object({
    type: z.literal('url'),
    url: z.string(),
  })).optional(),
});
/** Action type "search" - Performs a web search query. */
export type WebSearchActionSearch = z.infer<typeof WebSearchActionSearchSchema>;

/** Action type "open_page" - Opens a specific URL from search results. */
export const WebSearchActionOpenPageSchema = z.object({
  type: z.literal('open_page'),
  url: z.string().nullable().optional(),
});
/** Action type "open_page" - Opens a specific URL from search results. */
export type WebSearchActionOpenPage = z.infer<typeof WebSearchActionOpenPageSchema>;

/** Action type "find_in_page": Searches for a pattern within a loaded page. */
export const WebSearchActionFindSchema = z.object({
  type: z.literal('find_in_page'),
  url: z.string(),
  pattern: z.string(),
});
/** Action type "find_in_page": Searches for a pattern within a loaded page. */
export type WebSearchActionFind = z.infer<typeof WebSearchActionFindSchema>;

/** The results of a web search tool call. */
export const ResponseFunctionWebSearchSchema = z.object({
  id: z.string(),
  type: z.literal('web_search_call'),
  status: z.enum(['in_progress', 'searching', 'completed', 'failed']),
  action: z.discriminatedUnion('type', [
    WebSearchActionSearchSchema,
    WebSearchActionOpenPageSchema,
    WebSearchActionFindSchema,
  ]),
});
/** The results of a web search tool call. */
export type ResponseFunctionWebSearch = z.infer<typeof ResponseFunctionWebSearchSchema>;

/** A description of the chain of thought used by a reasoning model while generating a response. */
export const ResponseReasoningItemSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  encrypted_content: z.string().nullable().optional(),
  summary: z.array(ResponseSummaryTextSchema),
  content: z.array(ResponseReasoningTextSchema).optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/** A description of the chain of thought used by a reasoning model while generating a response. */
export type ResponseReasoningItem = z.infer<typeof ResponseReasoningItemSchema>;

/** A program the model wrote for programmatic tool calling. */
export const ResponseProgramSchema = z.object({
  type: z.literal('program'),
  id: z.string(),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
});
/** A program the model wrote for programmatic tool calling. */
export type ResponseProgram = z.infer<typeof ResponseProgramSchema>;

/** The status of a program output. */
export const ProgramOutputStatusSchema = z.enum(['completed', 'incomplete']);
/** The status of a program output. */
export type ProgramOutputStatus = z.infer<typeof ProgramOutputStatusSchema>;

/** The output of a program run for programmatic tool calling. */
export const ResponseProgramOutputSchema = z.object({
  type: z.literal('program_output'),
  id: z.string(),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputStatusSchema,
});
/** The output of a program run for programmatic tool calling. */
export type ResponseProgramOutput = z.infer<typeof ResponseProgramOutputSchema>;

/** A tool search the model ran to find tools. */
export const ResponseToolSearchCallSchema = z.object({
  type: z.literal('tool_search_call'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  arguments: z.unknown(),
  status: FunctionCallStatusSchema,
  created_by: z.string().optional(),
});
/** A tool search the model ran to find tools. */
export type ResponseToolSearchCall = z.infer<typeof ResponseToolSearchCallSchema>;

/** The tools a tool search found. */
export const ResponseToolSearchOutputItemSchema = z.object({
  type: z.literal('tool_search_output'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  tools: z.array(ToolSchema),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
});
/** The tools a tool search found. */
export type ResponseToolSearchOutputItem = z.infer<typeof ResponseToolSearchOutputItemSchema>;

/** One item of a response's `output` (by `type`): a message, a tool call or its output, reasoning, ... */
export const ResponseOutputItemSchema = z.discriminatedUnion('type', [
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
]);
/** One item of a response's `output` (by `type`): a message, a tool call or its output, reasoning, ... */
export type ResponseOutputItem = z.infer<typeof ResponseOutputItemSchema>;

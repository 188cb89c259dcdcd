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

/**
 * Extra tool definitions made available to the model at this point of the output.
 *
 * @example
 * const { tools } = ResponseAdditionalToolsSchema.parse(json);
 */
export const ResponseAdditionalToolsSchema = z.object({
  type: z.literal('additional_tools'),
  id: z.string(),
  role: ResponseMessageRoleSchema,
  tools: z.array(ToolSchema),
});
/**
 * Extra tool definitions made available to the model at this point of the output.
 *
 * @example
 * const addedTypes = (item: ResponseAdditionalTools) => item.tools.map((t) => t.type);
 */
export type ResponseAdditionalTools = z.infer<typeof ResponseAdditionalToolsSchema>;

/**
 * The status of an apply-patch call output: `completed` or `failed`.
 *
 * @example
 * ApplyPatchCallOutputStatusSchema.parse('completed');
 */
export const ApplyPatchCallOutputStatusSchema = z.enum(['completed', 'failed']);
/**
 * The status of an apply-patch call output: `completed` or `failed`.
 *
 * @example
 * const failed = (s: ApplyPatchCallOutputStatus) => s === 'failed';
 */
export type ApplyPatchCallOutputStatus = z.infer<typeof ApplyPatchCallOutputStatusSchema>;

/**
 * The status of an apply-patch call: `in_progress` or `completed`.
 *
 * @example
 * ApplyPatchCallStatusSchema.parse('in_progress');
 */
export const ApplyPatchCallStatusSchema = z.enum(['in_progress', 'completed']);
/**
 * The status of an apply-patch call: `in_progress` or `completed`.
 *
 * @example
 * const status: ApplyPatchCallStatus = 'completed';
 */
export type ApplyPatchCallStatus = z.infer<typeof ApplyPatchCallStatusSchema>;

/**
 * Instruction describing how to create a file via the apply_patch tool.
 *
 * @example
 * const { path, diff } = ApplyPatchCreateFileOperationSchema.parse(json);
 */
export const ApplyPatchCreateFileOperationSchema = z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
});
/**
 * Instruction describing how to create a file via the apply_patch tool.
 *
 * @example
 * const create: ApplyPatchCreateFileOperation = { type: 'create_file', path: 'docs/new.md', diff: '+# New\n' };
 */
export type ApplyPatchCreateFileOperation = z.infer<typeof ApplyPatchCreateFileOperationSchema>;

/**
 * Instruction describing how to delete a file via the apply_patch tool.
 *
 * @example
 * ApplyPatchDeleteFileOperationSchema.parse({ type: 'delete_file', path: 'src/unused.ts' }).path;
 */
export const ApplyPatchDeleteFileOperationSchema = z.object({
  type: z.literal('delete_file'),
  path: z.string(),
});
/**
 * Instruction describing how to delete a file via the apply_patch tool.
 *
 * @example
 * const removed = (ops: ApplyPatchDeleteFileOperation[]) => ops.map((op) => op.path);
 */
export type ApplyPatchDeleteFileOperation = z.infer<typeof ApplyPatchDeleteFileOperationSchema>;

/**
 * A tool call made directly by the model.
 *
 * @example
 * DirectToolCallCallerSchema.parse({ type: 'direct' });
 */
export const DirectToolCallCallerSchema = z.object({
  type: z.literal('direct'),
});
/**
 * A tool call made directly by the model.
 *
 * @example
 * const isDirect = (c: ToolCallCaller): c is DirectToolCallCaller => c.type === 'direct';
 */
export type DirectToolCallCaller = z.infer<typeof DirectToolCallCallerSchema>;

/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * ProgramToolCallCallerSchema.parse({ type: 'program', caller_id: 'prog_123' }).caller_id;
 */
export const ProgramToolCallCallerSchema = z.object({
  type: z.literal('program'),
  caller_id: z.string(),
});
/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * const caller: ProgramToolCallCaller = { type: 'program', caller_id: 'prog_123' };
 */
export type ProgramToolCallCaller = z.infer<typeof ProgramToolCallCallerSchema>;

/**
 * The execution context that produced this tool call.
 *
 * @example
 * const caller = ToolCallCallerSchema.parse(json);
 * if (caller.type === 'program') console.log('called from', caller.caller_id);
 */
export const ToolCallCallerSchema = z.discriminatedUnion('type', [
  DirectToolCallCallerSchema,
  ProgramToolCallCallerSchema,
]);
/**
 * The execution context that produced this tool call.
 *
 * @example
 * const byProgram = (c: ToolCallCaller | null | undefined) => c?.type === 'program';
 */
export type ToolCallCaller = z.infer<typeof ToolCallCallerSchema>;

/**
 * Instruction describing how to update a file via the apply_patch tool.
 *
 * @example
 * ApplyPatchUpdateFileOperationSchema.parse({ type: 'update_file', path: 'src/a.ts', diff: '@@\n-old\n+new\n' });
 */
export const ApplyPatchUpdateFileOperationSchema = z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
});
/**
 * Instruction describing how to update a file via the apply_patch tool.
 *
 * @example
 * const diffLines = (op: ApplyPatchUpdateFileOperation) => op.diff.split('\n').length;
 */
export type ApplyPatchUpdateFileOperation = z.infer<typeof ApplyPatchUpdateFileOperationSchema>;

/**
 * A tool call that applies file diffs by creating, deleting, or updating files.
 *
 * @example
 * const { call_id, operation } = ResponseApplyPatchToolCallSchema.parse(json);
 */
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
/**
 * A tool call that applies file diffs by creating, deleting, or updating files.
 *
 * @example
 * const patches = response.output.filter(
 *   (item): item is ResponseApplyPatchToolCall => item.type === 'apply_patch_call',
 * );
 */
export type ResponseApplyPatchToolCall = z.infer<typeof ResponseApplyPatchToolCallSchema>;

/**
 * The output emitted by an apply patch tool call.
 *
 * @example
 * const { status, output } = ResponseApplyPatchToolCallOutputSchema.parse(json);
 */
export const ResponseApplyPatchToolCallOutputSchema = z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusSchema,
  output: z.string().nullable().optional(),
  created_by: z.string().optional(),
});
/**
 * The output emitted by an apply patch tool call.
 *
 * @example
 * const failure = (o: ResponseApplyPatchToolCallOutput) => (o.status === 'failed' ? o.output : undefined);
 */
export type ResponseApplyPatchToolCallOutput = z.infer<typeof ResponseApplyPatchToolCallOutputSchema>;

/**
 * The mouse button of a click action.
 *
 * @example
 * ClickButtonTypeSchema.parse('right');
 */
export const ClickButtonTypeSchema = z.enum(['left', 'right', 'wheel', 'back', 'forward']);
/**
 * The mouse button of a click action.
 *
 * @example
 * const button: ClickButtonType = 'left';
 */
export type ClickButtonType = z.infer<typeof ClickButtonTypeSchema>;

/**
 * A click action.
 *
 * @example
 * ClickParamSchema.parse({ type: 'click', button: 'left', x: 120, y: 48 });
 */
export const ClickParamSchema = z.object({
  type: z.literal('click'),
  button: ClickButtonTypeSchema,
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/**
 * A click action.
 *
 * @example
 * const shiftClick: ClickParam = { type: 'click', button: 'right', x: 300, y: 200, keys: ['SHIFT'] };
 */
export type ClickParam = z.infer<typeof ClickParamSchema>;

/**
 * The image output from the code interpreter.
 *
 * @example
 * ResponseCodeInterpreterOutputImageSchema.parse(json).url;
 */
export const ResponseCodeInterpreterOutputImageSchema = z.object({
  type: z.literal('image'),
  url: z.string(),
});
/**
 * The image output from the code interpreter.
 *
 * @example
 * const img = (o: ResponseCodeInterpreterOutputImage) => `<img src="${o.url}">`;
 */
export type ResponseCodeInterpreterOutputImage = z.infer<typeof ResponseCodeInterpreterOutputImageSchema>;

/**
 * The logs output from the code interpreter.
 *
 * @example
 * ResponseCodeInterpreterOutputLogsSchema.parse({ type: 'logs', logs: '4\n' }).logs;
 */
export const ResponseCodeInterpreterOutputLogsSchema = z.object({
  type: z.literal('logs'),
  logs: z.string(),
});
/**
 * The logs output from the code interpreter.
 *
 * @example
 * const printLogs = (o: ResponseCodeInterpreterOutputLogs) => process.stdout.write(o.logs);
 */
export type ResponseCodeInterpreterOutputLogs = z.infer<typeof ResponseCodeInterpreterOutputLogsSchema>;

/**
 * A tool call to run code.
 *
 * @example
 * const { code, outputs } = ResponseCodeInterpreterToolCallSchema.parse(json);
 */
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
/**
 * A tool call to run code.
 *
 * @example
 * const logsOf = (call: ResponseCodeInterpreterToolCall) =>
 *   (call.outputs ?? []).flatMap((o) => (o.type === 'logs' ? [o.logs] : []));
 */
export type ResponseCodeInterpreterToolCall = z.infer<typeof ResponseCodeInterpreterToolCallSchema>;

/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * ResponseCompactionItemSchema.parse(json).encrypted_content;
 */
export const ResponseCompactionItemSchema = z.object({
  type: z.literal('compaction'),
  id: z.string(),
  encrypted_content: z.string(),
  created_by: z.string().optional(),
});
/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * const carryOver = (c: ResponseCompactionItem) => ({ type: 'compaction', encrypted_content: c.encrypted_content });
 */
export type ResponseCompactionItem = z.infer<typeof ResponseCompactionItemSchema>;

/**
 * A double click action.
 *
 * @example
 * DoubleClickActionSchema.parse({ type: 'double_click', x: 64, y: 64, keys: null });
 */
export const DoubleClickActionSchema = z.object({
  type: z.literal('double_click'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable(),
});
/**
 * A double click action.
 *
 * @example
 * const open: DoubleClickAction = { type: 'double_click', x: 32, y: 96, keys: [] };
 */
export type DoubleClickAction = z.infer<typeof DoubleClickActionSchema>;

/**
 * An x/y coordinate pair, e.g.
 *
 * @example
 * CoordParamSchema.parse({ x: 10, y: 20 });
 */
export const CoordParamSchema = z.object({
  x: z.number(),
  y: z.number(),
});
/**
 * An x/y coordinate pair, e.g.
 *
 * @example
 * const origin: CoordParam = { x: 0, y: 0 };
 */
export type CoordParam = z.infer<typeof CoordParamSchema>;

/**
 * A drag action.
 *
 * @example
 * DragParamSchema.parse({ type: 'drag', path: [{ x: 10, y: 10 }, { x: 200, y: 10 }] });
 */
export const DragParamSchema = z.object({
  type: z.literal('drag'),
  path: z.array(CoordParamSchema),
  keys: z.array(z.string()).nullable().optional(),
});
/**
 * A drag action.
 *
 * @example
 * const dropPoint = (drag: DragParam) => drag.path[drag.path.length - 1];
 */
export type DragParam = z.infer<typeof DragParamSchema>;

/**
 * A collection of keypresses the model would like to perform.
 *
 * @example
 * KeyPressActionSchema.parse({ type: 'keypress', keys: ['CTRL', 'C'] });
 */
export const KeyPressActionSchema = z.object({
  type: z.literal('keypress'),
  keys: z.array(z.string()),
});
/**
 * A collection of keypresses the model would like to perform.
 *
 * @example
 * const combo = (a: KeyPressAction) => a.keys.join('+');
 */
export type KeyPressAction = z.infer<typeof KeyPressActionSchema>;

/**
 * A mouse move action.
 *
 * @example
 * MoveParamSchema.parse({ type: 'move', x: 400, y: 300 });
 */
export const MoveParamSchema = z.object({
  type: z.literal('move'),
  x: z.number(),
  y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/**
 * A mouse move action.
 *
 * @example
 * const hover: MoveParam = { type: 'move', x: 512, y: 384 };
 */
export type MoveParam = z.infer<typeof MoveParamSchema>;

/**
 * A screenshot action.
 *
 * @example
 * ScreenshotParamSchema.parse({ type: 'screenshot' });
 */
export const ScreenshotParamSchema = z.object({
  type: z.literal('screenshot'),
});
/**
 * A screenshot action.
 *
 * @example
 * const shot: ScreenshotParam = { type: 'screenshot' };
 */
export type ScreenshotParam = z.infer<typeof ScreenshotParamSchema>;

/**
 * A scroll action.
 *
 * @example
 * ScrollParamSchema.parse({ type: 'scroll', x: 500, y: 400, scroll_x: 0, scroll_y: 600 });
 */
export const ScrollParamSchema = z.object({
  type: z.literal('scroll'),
  x: z.number(),
  y: z.number(),
  scroll_x: z.number(),
  scroll_y: z.number(),
  keys: z.array(z.string()).nullable().optional(),
});
/**
 * A scroll action.
 *
 * @example
 * const scrollsDown = (a: ScrollParam) => a.scroll_y > 0;
 */
export type ScrollParam = z.infer<typeof ScrollParamSchema>;

/**
 * An action to type in text.
 *
 * @example
 * TypeParamSchema.parse({ type: 'type', text: 'hello world' }).text;
 */
export const TypeParamSchema = z.object({
  type: z.literal('type'),
  text: z.string(),
});
/**
 * An action to type in text.
 *
 * @example
 * const typing: TypeParam = { type: 'type', text: 'rx-openai-stream' };
 */
export type TypeParam = z.infer<typeof TypeParamSchema>;

/**
 * A wait action.
 *
 * @example
 * WaitParamSchema.parse({ type: 'wait' });
 */
export const WaitParamSchema = z.object({
  type: z.literal('wait'),
});
/**
 * A wait action.
 *
 * @example
 * const pause: WaitParam = { type: 'wait' };
 */
export type WaitParam = z.infer<typeof WaitParamSchema>;

/**
 * One action of a computer use call (by `type`): click, double click, drag, keypress, move, screenshot, scroll,
 * type, wait.
 *
 * @example
 * const action = ComputerActionSchema.parse(json);
 * if (action.type === 'type') console.log('typing', action.text);
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
 *
 * @example
 * const describe = (action: ComputerAction) =>
 *   action.type === 'click' ? `click ${action.button} at ${action.x},${action.y}` : action.type;
 */
export type ComputerAction = z.infer<typeof ComputerActionSchema>;

/**
 * Flattened batched actions for `computer_use`.
 *
 * @example
 * ComputerActionListSchema.parse([{ type: 'click', button: 'left', x: 5, y: 5 }, { type: 'type', text: 'hi' }]);
 */
export const ComputerActionListSchema = z.array(ComputerActionSchema);
/**
 * Flattened batched actions for `computer_use`.
 *
 * @example
 * const batch: ComputerActionList = [{ type: 'screenshot' }, { type: 'wait' }];
 */
export type ComputerActionList = z.infer<typeof ComputerActionListSchema>;

/**
 * The status of a computer call output.
 *
 * @example
 * ComputerCallOutputStatusSchema.parse('failed');
 */
export const ComputerCallOutputStatusSchema = z.enum(['completed', 'incomplete', 'failed']);
/**
 * The status of a computer call output.
 *
 * @example
 * const status: ComputerCallOutputStatus = 'completed';
 */
export type ComputerCallOutputStatus = z.infer<typeof ComputerCallOutputStatusSchema>;

/**
 * A pending safety check for the computer call.
 *
 * @example
 * ComputerCallSafetyCheckParamSchema.parse({ id: 'sc_1', code: 'malicious_instructions', message: 'Check the page' });
 */
export const ComputerCallSafetyCheckParamSchema = z.object({
  id: z.string(),
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
});
/**
 * A pending safety check for the computer call.
 *
 * @example
 * const acknowledge = (checks: ComputerCallSafetyCheckParam[]) => checks.map(({ id }) => ({ id }));
 */
export type ComputerCallSafetyCheckParam = z.infer<typeof ComputerCallSafetyCheckParamSchema>;

/**
 * A computer screenshot image used with the computer use tool.
 *
 * @example
 * ResponseComputerToolCallOutputScreenshotSchema.parse({ type: 'computer_screenshot', file_id: 'file-abc123' });
 */
export const ResponseComputerToolCallOutputScreenshotSchema = z.object({
  type: z.literal('computer_screenshot'),
  image_url: z.string().optional(),
  file_id: z.string().optional(),
});
/**
 * A computer screenshot image used with the computer use tool.
 *
 * @example
 * const screenshot = (png: Buffer): ResponseComputerToolCallOutputScreenshot =>
 *   ({ type: 'computer_screenshot', image_url: `data:image/png;base64,${png.toString('base64')}` });
 */
export type ResponseComputerToolCallOutputScreenshot = z.infer<typeof ResponseComputerToolCallOutputScreenshotSchema>;

/**
 * A tool call to a computer use tool.
 *
 * @example
 * const { call_id, actions, pending_safety_checks } = ResponseComputerToolCallSchema.parse(json);
 */
export const ResponseComputerToolCallSchema = z.object({
  type: z.literal('computer_call'),
  id: z.string(),
  call_id: z.string(),
  action: ComputerActionSchema.optional(),
  actions: ComputerActionListSchema.optional(),
  pending_safety_checks: z.array(ComputerCallSafetyCheckParamSchema),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/**
 * A tool call to a computer use tool.
 *
 * @example
 * const actionsOf = (call: ResponseComputerToolCall) => call.actions ?? (call.action ? [call.action] : []);
 */
export type ResponseComputerToolCall = z.infer<typeof ResponseComputerToolCallSchema>;

/**
 * The output of a computer tool call.
 *
 * @example
 * ResponseComputerToolCallOutputSchema.parse({
 *   type: 'computer_call_output', call_id: 'call_1', output: { type: 'computer_screenshot', file_id: 'file-abc' },
 * });
 */
export const ResponseComputerToolCallOutputSchema = z.object({
  type: z.literal('computer_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/**
 * The output of a computer tool call.
 *
 * @example
 * const reply: ResponseComputerToolCallOutput = {
 *   type: 'computer_call_output', call_id: 'call_1',
 *   output: { type: 'computer_screenshot', image_url: 'https://example.com/screen.png' },
 * };
 */
export type ResponseComputerToolCallOutput = z.infer<typeof ResponseComputerToolCallOutputSchema>;

/**
 * The output of a computer tool call.
 *
 * @example
 * ResponseComputerToolCallOutputItemSchema.parse(json).status; // 'completed' | 'incomplete' | 'failed'
 */
export const ResponseComputerToolCallOutputItemSchema = z.object({
  type: z.literal('computer_call_output'),
  id: z.string(),
  call_id: z.string(),
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).optional(),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  status: ComputerCallOutputStatusSchema,
  created_by: z.string().optional(),
});
/**
 * The output of a computer tool call.
 *
 * @example
 * const imageOf = (o: ResponseComputerToolCallOutputItem) => o.output.image_url ?? o.output.file_id;
 */
export type ResponseComputerToolCallOutputItem = z.infer<typeof ResponseComputerToolCallOutputItemSchema>;

/**
 * Represents a container created with /v1/containers.
 *
 * @example
 * ContainerReferenceResourceSchema.parse({ type: 'container_reference', container_id: 'cntr_123' });
 */
export const ContainerReferenceResourceSchema = z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
});
/**
 * Represents a container created with /v1/containers.
 *
 * @example
 * const where = (env: ContainerReferenceResource) => `container ${env.container_id}`;
 */
export type ContainerReferenceResource = z.infer<typeof ContainerReferenceResourceSchema>;

/**
 * A call to a custom tool created by the model.
 *
 * @example
 * const { name, input } = ResponseCustomToolCallSchema.parse(json);
 */
export const ResponseCustomToolCallSchema = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerSchema.nullable().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  input: z.string(),
});
/**
 * A call to a custom tool created by the model.
 *
 * @example
 * const label = (call: ResponseCustomToolCall) => `${call.namespace ? call.namespace + '.' : ''}${call.name}`;
 */
export type ResponseCustomToolCall = z.infer<typeof ResponseCustomToolCallSchema>;

/**
 * A tool call made directly by the model.
 *
 * @example
 * DirectToolCallCallerParamSchema.parse({ type: 'direct' }).type; // 'direct'
 */
export const DirectToolCallCallerParamSchema = DirectToolCallCallerSchema; // the yaml defines it twice, identically
/**
 * A tool call made directly by the model.
 *
 * @example
 * const caller: DirectToolCallCallerParam = { type: 'direct' };
 */
export type DirectToolCallCallerParam = z.infer<typeof DirectToolCallCallerParamSchema>;

/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * ProgramToolCallCallerParamSchema.parse({ type: 'program', caller_id: 'prog_7' });
 */
export const ProgramToolCallCallerParamSchema = ProgramToolCallCallerSchema; // the yaml defines it twice, identically
/**
 * A tool call made by a program (programmatic tool calling).
 *
 * @example
 * const fromProgram = (caller_id: string): ProgramToolCallCallerParam => ({ type: 'program', caller_id });
 */
export type ProgramToolCallCallerParam = z.infer<typeof ProgramToolCallCallerParamSchema>;

/**
 * The execution context that produced this tool call.
 *
 * @example
 * ToolCallCallerParamSchema.parse({ type: 'direct' });
 */
export const ToolCallCallerParamSchema = ToolCallCallerSchema; // the yaml defines it twice, identically
/**
 * The execution context that produced this tool call.
 *
 * @example
 * const caller: ToolCallCallerParam = { type: 'program', caller_id: 'prog_123' };
 */
export type ToolCallCallerParam = z.infer<typeof ToolCallCallerParamSchema>;

/**
 * The output of a custom tool call from your code, being sent back to the model.
 *
 * @example
 * ResponseCustomToolCallOutputSchema.parse({ type: 'custom_tool_call_output', call_id: 'call_1', output: 'done' });
 */
export const ResponseCustomToolCallOutputSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
});
/**
 * The output of a custom tool call from your code, being sent back to the model.
 *
 * @example
 * const reply = (call_id: string, output: string): ResponseCustomToolCallOutput =>
 *   ({ type: 'custom_tool_call_output', call_id, output });
 */
export type ResponseCustomToolCallOutput = z.infer<typeof ResponseCustomToolCallOutputSchema>;

/**
 * The status of a function call output item.
 *
 * @example
 * FunctionCallOutputStatusEnumSchema.parse('in_progress');
 */
export const FunctionCallOutputStatusEnumSchema = z.enum(['in_progress', 'completed', 'incomplete']);
/**
 * The status of a function call output item.
 *
 * @example
 * const status: FunctionCallOutputStatusEnum = 'completed';
 */
export type FunctionCallOutputStatusEnum = z.infer<typeof FunctionCallOutputStatusEnumSchema>;

/**
 * The output of a custom tool call, as an output item (with its `id` and `status`).
 *
 * @example
 * const { call_id, output, status } = ResponseCustomToolCallOutputItemSchema.parse(json);
 */
export const ResponseCustomToolCallOutputItemSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  id: z.string(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  output: z.union([z.string(), z.array(FunctionAndCustomToolCallOutputSchema)]),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
});
/**
 * The output of a custom tool call, as an output item (with its `id` and `status`).
 *
 * @example
 * const outputText = (o: ResponseCustomToolCallOutputItem) => (typeof o.output === 'string' ? o.output : '');
 */
export type ResponseCustomToolCallOutputItem = z.infer<typeof ResponseCustomToolCallOutputItemSchema>;

/**
 * The results of a file search tool call.
 *
 * @example
 * const { queries, results } = ResponseFileSearchToolCallSchema.parse(json);
 */
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
/**
 * The results of a file search tool call.
 *
 * @example
 * const filenames = (call: ResponseFileSearchToolCall) => (call.results ?? []).map((r) => r.filename);
 */
export type ResponseFileSearchToolCall = z.infer<typeof ResponseFileSearchToolCallSchema>;

/**
 * The status of a function call.
 *
 * @example
 * FunctionCallStatusSchema.parse('completed');
 */
export const FunctionCallStatusSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/**
 * The status of a function call.
 *
 * @example
 * const status: FunctionCallStatus = 'in_progress';
 */
export type FunctionCallStatus = z.infer<typeof FunctionCallStatusSchema>;

/**
 * Execute a shell command.
 *
 * @example
 * FunctionShellActionSchema.parse({ commands: ['ls'], timeout_ms: null, max_output_length: null });
 */
export const FunctionShellActionSchema = z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable(),
  max_output_length: z.number().nullable(),
});
/**
 * Execute a shell command.
 *
 * @example
 * const action: FunctionShellAction = { commands: ['git status'], timeout_ms: 5000, max_output_length: 2048 };
 */
export type FunctionShellAction = z.infer<typeof FunctionShellActionSchema>;

/**
 * The status of a shell call.
 *
 * @example
 * FunctionShellCallStatusSchema.parse('incomplete');
 */
export const FunctionShellCallStatusSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/**
 * The status of a shell call.
 *
 * @example
 * const running = (s: FunctionShellCallStatus) => s === 'in_progress';
 */
export type FunctionShellCallStatus = z.infer<typeof FunctionShellCallStatusSchema>;

/**
 * Represents the use of a local environment to perform shell actions.
 *
 * @example
 * LocalEnvironmentResourceSchema.parse({ type: 'local' });
 */
export const LocalEnvironmentResourceSchema = z.object({
  type: z.literal('local'),
});
/**
 * Represents the use of a local environment to perform shell actions.
 *
 * @example
 * const env: LocalEnvironmentResource = { type: 'local' };
 */
export type LocalEnvironmentResource = z.infer<typeof LocalEnvironmentResourceSchema>;

/**
 * A tool call that executes one or more shell commands in a managed environment.
 *
 * @example
 * const { action, environment } = ResponseFunctionShellToolCallSchema.parse(json);
 */
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
/**
 * A tool call that executes one or more shell commands in a managed environment.
 *
 * @example
 * const script = (call: ResponseFunctionShellToolCall) => call.action.commands.join('\n');
 */
export type ResponseFunctionShellToolCall = z.infer<typeof ResponseFunctionShellToolCallSchema>;

/**
 * The status of a shell call output item.
 *
 * @example
 * FunctionShellCallOutputStatusEnumSchema.parse('completed');
 */
export const FunctionShellCallOutputStatusEnumSchema = FunctionCallOutputStatusEnumSchema; // the yaml defines it twice, identically
/**
 * The status of a shell call output item.
 *
 * @example
 * const status: FunctionShellCallOutputStatusEnum = 'incomplete';
 */
export type FunctionShellCallOutputStatusEnum = z.infer<typeof FunctionShellCallOutputStatusEnumSchema>;

/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * FunctionShellCallOutputTimeoutOutcomeSchema.safeParse({ type: 'exit', exit_code: 0 }).success; // false
 */
export const FunctionShellCallOutputTimeoutOutcomeSchema = z.object({
  type: z.literal('timeout'),
});
/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * const timedOut: FunctionShellCallOutputTimeoutOutcome = { type: 'timeout' };
 */
export type FunctionShellCallOutputTimeoutOutcome = z.infer<typeof FunctionShellCallOutputTimeoutOutcomeSchema>;

/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * FunctionShellCallOutputExitOutcomeSchema.parse(json).exit_code;
 */
export const FunctionShellCallOutputExitOutcomeSchema = z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
});
/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * const succeeded = (o: FunctionShellCallOutputExitOutcome) => o.exit_code === 0;
 */
export type FunctionShellCallOutputExitOutcome = z.infer<typeof FunctionShellCallOutputExitOutcomeSchema>;

/**
 * The content of a shell tool call output that was emitted.
 *
 * @example
 * const { stdout, stderr, outcome } = ResponseFunctionShellCallOutputContentSchema.parse(json);
 */
export const ResponseFunctionShellCallOutputContentSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: z.discriminatedUnion('type', [
    FunctionShellCallOutputTimeoutOutcomeSchema,
    FunctionShellCallOutputExitOutcomeSchema,
  ]),
  created_by: z.string().optional(),
});
/**
 * The content of a shell tool call output that was emitted.
 *
 * @example
 * const show = (c: ResponseFunctionShellCallOutputContent) => (c.outcome.type === 'timeout' ? 'timed out' : c.stdout);
 */
export type ResponseFunctionShellCallOutputContent = z.infer<typeof ResponseFunctionShellCallOutputContentSchema>;

/**
 * The output of a shell tool call that was emitted.
 *
 * @example
 * ResponseFunctionShellToolCallOutputSchema.parse(json).output.map((o) => o.stdout).join('');
 */
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
/**
 * The output of a shell tool call that was emitted.
 *
 * @example
 * const stderrOf = (o: ResponseFunctionShellToolCallOutput) => o.output.map((c) => c.stderr).join('');
 */
export type ResponseFunctionShellToolCallOutput = z.infer<typeof ResponseFunctionShellToolCallOutputSchema>;

/**
 * A tool call to run a function.
 *
 * @example
 * const { name, arguments: args, call_id } = ResponseFunctionToolCallSchema.parse(json);
 */
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
/**
 * A tool call to run a function.
 *
 * @example
 * const argsOf = (call: ResponseFunctionToolCall): unknown => JSON.parse(call.arguments);
 */
export type ResponseFunctionToolCall = z.infer<typeof ResponseFunctionToolCallSchema>;

/**
 * The output of a function tool call.
 *
 * @example
 * ResponseFunctionToolCallOutputSchema.parse({ type: 'function_call_output', output: '{"ok":true}' });
 */
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
/**
 * The output of a function tool call.
 *
 * @example
 * const output: ResponseFunctionToolCallOutput = {
 *   type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: '21 C and sunny' }],
 * };
 */
export type ResponseFunctionToolCallOutput = z.infer<typeof ResponseFunctionToolCallOutputSchema>;

/**
 * The output of a function tool call.
 *
 * @example
 * ResponseFunctionToolCallOutputItemSchema.parse(json).output;
 */
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
/**
 * The output of a function tool call.
 *
 * @example
 * if (item.type === 'function_call_output') console.log(item.call_id, item.output);
 */
export type ResponseFunctionToolCallOutputItem = z.infer<typeof ResponseFunctionToolCallOutputItemSchema>;

/**
 * An MCP call failed with an HTTP error.
 *
 * @example
 * HTTPErrorSchema.parse({ type: 'http_error', code: 502, message: 'Bad Gateway' });
 */
export const HTTPErrorSchema = z.object({
  type: z.literal('http_error'),
  code: z.number(),
  message: z.string(),
});
/**
 * An MCP call failed with an HTTP error.
 *
 * @example
 * const serverSide = (e: HTTPError) => e.code >= 500;
 */
export type HTTPError = z.infer<typeof HTTPErrorSchema>;

/**
 * An image generation request made by the model.
 *
 * @example
 * const { result } = ResponseImageGenerationCallSchema.parse(json); // base64 image, or null
 */
export const ResponseImageGenerationCallSchema = z.object({
  type: z.literal('image_generation_call'),
  id: z.string(),
  status: z.enum(['in_progress', 'completed', 'generating', 'failed']),
  // Absent from the item of `response.output_item.added` on the real wire (it comes with `.done`).
  result: z.string().nullable().optional(),
});
/**
 * An image generation request made by the model.
 *
 * @example
 * const png = (call: ResponseImageGenerationCall) => (call.result ? Buffer.from(call.result, 'base64') : undefined);
 */
export type ResponseImageGenerationCall = z.infer<typeof ResponseImageGenerationCallSchema>;

/**
 * Execute a shell command on the server.
 *
 * @example
 * LocalShellExecActionSchema.parse({ type: 'exec', command: ['ls', '-la'], env: {} });
 */
export const LocalShellExecActionSchema = z.object({
  type: z.literal('exec'),
  command: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  working_directory: z.string().nullable().optional(),
  env: z.record(z.string(), z.string()),
  user: z.string().nullable().optional(),
});
/**
 * Execute a shell command on the server.
 *
 * @example
 * const run: LocalShellExecAction = {
 *   type: 'exec', command: ['npm', 'test'], env: { CI: '1' }, working_directory: '/app',
 * };
 */
export type LocalShellExecAction = z.infer<typeof LocalShellExecActionSchema>;

/**
 * A tool call to run a command on the local shell.
 *
 * @example
 * const { call_id, action } = ResponseLocalShellCallSchema.parse(json);
 */
export const ResponseLocalShellCallSchema = z.object({
  type: z.literal('local_shell_call'),
  id: z.string(),
  call_id: z.string(),
  action: LocalShellExecActionSchema,
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/**
 * A tool call to run a command on the local shell.
 *
 * @example
 * const argv = (call: ResponseLocalShellCall) => call.action.command;
 */
export type ResponseLocalShellCall = z.infer<typeof ResponseLocalShellCallSchema>;

/**
 * The output of a local shell tool call.
 *
 * @example
 * ResponseLocalShellCallOutputSchema.parse({ type: 'local_shell_call_output', id: 'lsh_1', output: 'ok' });
 */
export const ResponseLocalShellCallOutputSchema = z.object({
  type: z.literal('local_shell_call_output'),
  id: z.string(),
  output: z.string(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).nullable().optional(),
});
/**
 * The output of a local shell tool call.
 *
 * @example
 * const output: ResponseLocalShellCallOutput = { type: 'local_shell_call_output', id: 'call_1', output: 'total 0\n' };
 */
export type ResponseLocalShellCallOutput = z.infer<typeof ResponseLocalShellCallOutputSchema>;

/**
 * A request for human approval of a tool invocation.
 *
 * @example
 * const { id, server_label, name, arguments: args } = ResponseMcpApprovalRequestSchema.parse(json);
 */
export const ResponseMcpApprovalRequestSchema = z.object({
  type: z.literal('mcp_approval_request'),
  id: z.string(),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
});
/**
 * A request for human approval of a tool invocation.
 *
 * @example
 * const question = (r: ResponseMcpApprovalRequest) => `Allow ${r.name} on ${r.server_label} with ${r.arguments}?`;
 */
export type ResponseMcpApprovalRequest = z.infer<typeof ResponseMcpApprovalRequestSchema>;

/**
 * A response to an MCP approval request.
 *
 * @example
 * ResponseMcpApprovalResponseSchema.parse(json).approve;
 */
export const ResponseMcpApprovalResponseSchema = z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
});
/**
 * A response to an MCP approval request.
 *
 * @example
 * const verdict = (r: ResponseMcpApprovalResponse) => (r.approve ? 'approved' : `denied: ${r.reason ?? 'no reason'}`);
 */
export type ResponseMcpApprovalResponse = z.infer<typeof ResponseMcpApprovalResponseSchema>;

/**
 * A tool available on an MCP server.
 *
 * @example
 * ResponseMcpListToolsToolSchema.parse({ name: 'search', input_schema: { type: 'object' } });
 */
export const ResponseMcpListToolsToolSchema = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  annotations: z.record(z.string(), z.unknown()).nullable().optional(),
});
/**
 * A tool available on an MCP server.
 *
 * @example
 * const line = (t: ResponseMcpListToolsTool) => `${t.name}: ${t.description ?? ''}`;
 */
export type ResponseMcpListToolsTool = z.infer<typeof ResponseMcpListToolsToolSchema>;

/**
 * A list of tools available on an MCP server.
 *
 * @example
 * const { server_label, tools } = ResponseMcpListToolsSchema.parse(json);
 */
export const ResponseMcpListToolsSchema = z.object({
  type: z.literal('mcp_list_tools'),
  id: z.string(),
  server_label: z.string(),
  tools: z.array(ResponseMcpListToolsToolSchema),
  error: z.string().nullable().optional(),
});
/**
 * A list of tools available on an MCP server.
 *
 * @example
 * if (item.type === 'mcp_list_tools') console.log(item.server_label, item.tools.map((t) => t.name));
 */
export type ResponseMcpListTools = z.infer<typeof ResponseMcpListToolsSchema>;

/**
 * An MCP call failed with a protocol error.
 *
 * @example
 * MCPProtocolErrorSchema.parse({ type: 'mcp_protocol_error', code: -32601, message: 'Method not found' });
 */
export const MCPProtocolErrorSchema = z.object({
  type: z.literal('mcp_protocol_error'),
  code: z.number(),
  message: z.string(),
});
/**
 * An MCP call failed with a protocol error.
 *
 * @example
 * const text = (e: MCPProtocolError) => `MCP ${e.code}: ${e.message}`;
 */
export type MCPProtocolError = z.infer<typeof MCPProtocolErrorSchema>;

/**
 * An MCP call failed while the tool ran.
 *
 * @example
 * MCPToolExecutionErrorSchema.parse({ type: 'mcp_tool_execution_error', content: [{ type: 'text', text: 'boom' }] });
 */
export const MCPToolExecutionErrorSchema = z.object({
  type: z.literal('mcp_tool_execution_error'),
  content: z.unknown(),
});
/**
 * An MCP call failed while the tool ran.
 *
 * @example
 * const details = (e: MCPToolExecutionError) => JSON.stringify(e.content);
 */
export type MCPToolExecutionError = z.infer<typeof MCPToolExecutionErrorSchema>;

/**
 * Why an MCP call failed (by `type`): HTTP error, protocol error, or an error of the tool.
 *
 * @example
 * const error = MCPToolCallErrorSchema.parse(json);
 * if (error.type !== 'mcp_tool_execution_error') console.error(error.code, error.message);
 */
export const MCPToolCallErrorSchema = z.discriminatedUnion('type', [
  MCPProtocolErrorSchema,
  MCPToolExecutionErrorSchema,
  HTTPErrorSchema,
]);
/**
 * Why an MCP call failed (by `type`): HTTP error, protocol error, or an error of the tool.
 *
 * @example
 * const reason = (e: MCPToolCallError) => (e.type === 'mcp_tool_execution_error' ? 'the tool failed' : e.message);
 */
export type MCPToolCallError = z.infer<typeof MCPToolCallErrorSchema>;

/**
 * The status of an MCP call.
 *
 * @example
 * MCPToolCallStatusSchema.parse('calling');
 */
export const MCPToolCallStatusSchema = z.enum(['in_progress', 'completed', 'incomplete', 'calling', 'failed']);
/**
 * The status of an MCP call.
 *
 * @example
 * const settled = (s: MCPToolCallStatus) => s === 'completed' || s === 'failed';
 */
export type MCPToolCallStatus = z.infer<typeof MCPToolCallStatusSchema>;

/**
 * An invocation of a tool on an MCP server.
 *
 * @example
 * const { name, output, error } = ResponseMcpCallSchema.parse(json);
 */
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
/**
 * An invocation of a tool on an MCP server.
 *
 * @example
 * if (item.type === 'mcp_call') console.log(item.server_label, item.name, item.output ?? item.error);
 */
export type ResponseMcpCall = z.infer<typeof ResponseMcpCallSchema>;

/**
 * Labels an `assistant` message as intermediate commentary (`commentary`) or the final answer (`final_answer`).
 *
 * @example
 * MessagePhaseSchema.parse('final_answer');
 */
export const MessagePhaseSchema = z.enum(['commentary', 'final_answer']);
/**
 * Labels an `assistant` message as intermediate commentary (`commentary`) or the final answer (`final_answer`).
 *
 * @example
 * const phase: MessagePhase = 'commentary';
 */
export type MessagePhase = z.infer<typeof MessagePhaseSchema>;

/**
 * An output message from the model.
 *
 * @example
 * const { content } = ResponseOutputMessageSchema.parse(json);
 */
export const ResponseOutputMessageSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(ResponseOutputMessageContentSchema),
  phase: MessagePhaseSchema.nullable().optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
});
/**
 * An output message from the model.
 *
 * @example
 * const textOf = (m: ResponseOutputMessage) =>
 *   m.content.map((c) => (c.type === 'output_text' ? c.text : '')).join('');
 */
export type ResponseOutputMessage = z.infer<typeof ResponseOutputMessageSchema>;

/**
 * Action type "search" - Performs a web search query.
 *
 * @example
 * WebSearchActionSearchSchema.parse({ type: 'search', query: 'rxjs share operator' });
 */
export const WebSearchActionSearchSchema = z.object({
  type: z.literal('search'),
  query: z.string().optional(),
  queries: z.array(z.string()).optional(),
  sources: z.array(z.object({
    type: z.literal('url'),
    url: z.string(),
  })).optional(),
});
/**
 * Action type "search" - Performs a web search query.
 *
 * @example
 * const sourceUrls = (a: WebSearchActionSearch) => (a.sources ?? []).map((s) => s.url);
 */
export type WebSearchActionSearch = z.infer<typeof WebSearchActionSearchSchema>;

/**
 * Action type "open_page" - Opens a specific URL from search results.
 *
 * @example
 * WebSearchActionOpenPageSchema.parse({ type: 'open_page', url: 'https://rxjs.dev' }).url;
 */
export const WebSearchActionOpenPageSchema = z.object({
  type: z.literal('open_page'),
  url: z.string().nullable().optional(),
});
/**
 * Action type "open_page" - Opens a specific URL from search results.
 *
 * @example
 * const opened: WebSearchActionOpenPage = { type: 'open_page', url: 'https://example.com/article' };
 */
export type WebSearchActionOpenPage = z.infer<typeof WebSearchActionOpenPageSchema>;

/**
 * Action type "find_in_page": Searches for a pattern within a loaded page.
 *
 * @example
 * WebSearchActionFindSchema.parse({ type: 'find_in_page', url: 'https://rxjs.dev/api', pattern: 'shareReplay' });
 */
export const WebSearchActionFindSchema = z.object({
  type: z.literal('find_in_page'),
  url: z.string(),
  pattern: z.string(),
});
/**
 * Action type "find_in_page": Searches for a pattern within a loaded page.
 *
 * @example
 * const find = (a: WebSearchActionFind) => `"${a.pattern}" in ${a.url}`;
 */
export type WebSearchActionFind = z.infer<typeof WebSearchActionFindSchema>;

/**
 * The results of a web search tool call.
 *
 * @example
 * const { action, status } = ResponseFunctionWebSearchSchema.parse(json);
 */
export const ResponseFunctionWebSearchSchema = z.object({
  id: z.string(),
  type: z.literal('web_search_call'),
  status: z.enum(['in_progress', 'searching', 'completed', 'failed']),
  // Absent from the item of `response.output_item.added` on the real wire (it comes with `.done`).
  action: z
    .discriminatedUnion('type', [WebSearchActionSearchSchema, WebSearchActionOpenPageSchema, WebSearchActionFindSchema])
    .optional(),
});
/**
 * The results of a web search tool call.
 *
 * @example
 * if (item.type === 'web_search_call' && item.action.type === 'search') console.log('searched', item.action.query);
 */
export type ResponseFunctionWebSearch = z.infer<typeof ResponseFunctionWebSearchSchema>;

/**
 * A description of the chain of thought used by a reasoning model while generating a response.
 *
 * @example
 * ResponseReasoningItemSchema.parse(json).summary.map((s) => s.text);
 */
export const ResponseReasoningItemSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  encrypted_content: z.string().nullable().optional(),
  summary: z.array(ResponseSummaryTextSchema),
  content: z.array(ResponseReasoningTextSchema).optional(),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
});
/**
 * A description of the chain of thought used by a reasoning model while generating a response.
 *
 * @example
 * const summaryOf = (r: ResponseReasoningItem) => r.summary.map((s) => s.text).join('\n\n');
 */
export type ResponseReasoningItem = z.infer<typeof ResponseReasoningItemSchema>;

/**
 * A program the model wrote for programmatic tool calling.
 *
 * @example
 * const { call_id, code } = ResponseProgramSchema.parse(json);
 */
export const ResponseProgramSchema = z.object({
  type: z.literal('program'),
  id: z.string(),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
});
/**
 * A program the model wrote for programmatic tool calling.
 *
 * @example
 * if (item.type === 'program') console.log(item.call_id, item.code);
 */
export type ResponseProgram = z.infer<typeof ResponseProgramSchema>;

/**
 * The status of a program output.
 *
 * @example
 * ProgramOutputStatusSchema.parse('incomplete');
 */
export const ProgramOutputStatusSchema = z.enum(['completed', 'incomplete']);
/**
 * The status of a program output.
 *
 * @example
 * const status: ProgramOutputStatus = 'completed';
 */
export type ProgramOutputStatus = z.infer<typeof ProgramOutputStatusSchema>;

/**
 * The output of a program run for programmatic tool calling.
 *
 * @example
 * ResponseProgramOutputSchema.parse(json).result;
 */
export const ResponseProgramOutputSchema = z.object({
  type: z.literal('program_output'),
  id: z.string(),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputStatusSchema,
});
/**
 * The output of a program run for programmatic tool calling.
 *
 * @example
 * const resultOf = (o: ResponseProgramOutput) => (o.status === 'completed' ? o.result : undefined);
 */
export type ResponseProgramOutput = z.infer<typeof ResponseProgramOutputSchema>;

/**
 * A tool search the model ran to find tools.
 *
 * @example
 * const { execution, arguments: args } = ResponseToolSearchCallSchema.parse(json);
 */
export const ResponseToolSearchCallSchema = z.object({
  type: z.literal('tool_search_call'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  arguments: z.unknown(),
  status: FunctionCallStatusSchema,
  created_by: z.string().optional(),
});
/**
 * A tool search the model ran to find tools.
 *
 * @example
 * if (item.type === 'tool_search_call' && item.execution === 'client') console.log('search tools for', item.call_id);
 */
export type ResponseToolSearchCall = z.infer<typeof ResponseToolSearchCallSchema>;

/**
 * The tools a tool search found.
 *
 * @example
 * ResponseToolSearchOutputItemSchema.parse(json).tools.length;
 */
export const ResponseToolSearchOutputItemSchema = z.object({
  type: z.literal('tool_search_output'),
  id: z.string(),
  call_id: z.string().nullable(),
  execution: ToolSearchExecutionTypeSchema,
  tools: z.array(ToolSchema),
  status: FunctionCallOutputStatusEnumSchema,
  created_by: z.string().optional(),
});
/**
 * The tools a tool search found.
 *
 * @example
 * const foundTypes = (o: ResponseToolSearchOutputItem) => o.tools.map((t) => t.type);
 */
export type ResponseToolSearchOutputItem = z.infer<typeof ResponseToolSearchOutputItemSchema>;

/**
 * One item of a response's `output` (by `type`): a message, a tool call or its output, reasoning, ...
 *
 * @example
 * const item = ResponseOutputItemSchema.parse(json);
 * if (item.type === 'function_call') console.log(item.name, item.arguments);
 */
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
/**
 * One item of a response's `output` (by `type`): a message, a tool call or its output, reasoning, ...
 *
 * @example
 * function onItem(item: ResponseOutputItem) {
 *   if (item.type === 'message') console.log(item.content);
 *   else if (item.type === 'reasoning') console.log(item.summary);
 * }
 */
export type ResponseOutputItem = z.infer<typeof ResponseOutputItemSchema>;

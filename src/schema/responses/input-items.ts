/**
 * Input items (`ResponseInputItem`): what `instructions` may hold when a response echoes a list of items.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { DetailEnumSchema, FileDetailEnumSchema } from './common.js';
import { ResponseInputContentSchema } from './content.js';
import {
  ComputerCallSafetyCheckParamSchema,
  MessagePhaseSchema,
  ResponseCodeInterpreterToolCallSchema,
  ResponseComputerToolCallOutputScreenshotSchema,
  ResponseComputerToolCallSchema,
  ResponseCustomToolCallOutputSchema,
  ResponseCustomToolCallSchema,
  ResponseFileSearchToolCallSchema,
  ResponseFunctionToolCallSchema,
  ResponseFunctionWebSearchSchema,
  ResponseImageGenerationCallSchema,
  ResponseLocalShellCallOutputSchema,
  ResponseLocalShellCallSchema,
  ResponseMcpApprovalRequestSchema,
  ResponseMcpCallSchema,
  ResponseMcpListToolsSchema,
  ResponseOutputMessageSchema,
  ResponseReasoningItemSchema,
  ToolCallCallerParamSchema,
} from './output-items.js';
import {
  ContainerReferenceParamSchema,
  EmptyModelParamSchema,
  LocalEnvironmentParamSchema,
  ToolSchema,
  ToolSearchExecutionTypeSchema,
} from './tools.js';

/**
 * Extra tool definitions made available at this point of the input.
 *
 * @example
 * AdditionalToolsItemParamSchema.parse(json).tools.map((t) => t.type);
 */
export const AdditionalToolsItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  type: z.literal('additional_tools'),
  role: z.literal('developer'),
  tools: z.array(ToolSchema),
});
/**
 * Extra tool definitions made available at this point of the input.
 *
 * @example
 * const extra: AdditionalToolsItemParam = {
 *   type: 'additional_tools', role: 'developer', tools: [{ type: 'web_search' }],
 * };
 */
export type AdditionalToolsItemParam = z.infer<typeof AdditionalToolsItemParamSchema>;

/**
 * Outcome values reported for apply_patch tool call outputs.
 *
 * @example
 * ApplyPatchCallOutputStatusParamSchema.parse('failed');
 */
export const ApplyPatchCallOutputStatusParamSchema = z.enum(['completed', 'failed']);
/**
 * Outcome values reported for apply_patch tool call outputs.
 *
 * @example
 * const status: ApplyPatchCallOutputStatusParam = 'completed';
 */
export type ApplyPatchCallOutputStatusParam = z.infer<typeof ApplyPatchCallOutputStatusParamSchema>;

/**
 * Status values reported for apply_patch tool calls.
 *
 * @example
 * ApplyPatchCallStatusParamSchema.parse('in_progress');
 */
export const ApplyPatchCallStatusParamSchema = z.enum(['in_progress', 'completed']);
/**
 * Status values reported for apply_patch tool calls.
 *
 * @example
 * const isDone = (s: ApplyPatchCallStatusParam) => s === 'completed';
 */
export type ApplyPatchCallStatusParam = z.infer<typeof ApplyPatchCallStatusParamSchema>;

/**
 * Instruction for creating a new file via the apply_patch tool.
 *
 * @example
 * ApplyPatchCreateFileOperationParamSchema.parse({ type: 'create_file', path: 'src/hello.ts', diff: '+export {};\n' });
 */
export const ApplyPatchCreateFileOperationParamSchema = z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
});
/**
 * Instruction for creating a new file via the apply_patch tool.
 *
 * @example
 * const op: ApplyPatchCreateFileOperationParam = { type: 'create_file', path: 'README.md', diff: '+# Title\n' };
 */
export type ApplyPatchCreateFileOperationParam = z.infer<typeof ApplyPatchCreateFileOperationParamSchema>;

/**
 * Instruction for deleting an existing file via the apply_patch tool.
 *
 * @example
 * ApplyPatchDeleteFileOperationParamSchema.parse({ type: 'delete_file', path: 'old/legacy.ts' });
 */
export const ApplyPatchDeleteFileOperationParamSchema = z.object({
  type: z.literal('delete_file'),
  path: z.string(),
});
/**
 * Instruction for deleting an existing file via the apply_patch tool.
 *
 * @example
 * const op: ApplyPatchDeleteFileOperationParam = { type: 'delete_file', path: 'tmp/scratch.txt' };
 */
export type ApplyPatchDeleteFileOperationParam = z.infer<typeof ApplyPatchDeleteFileOperationParamSchema>;

/**
 * Instruction for updating an existing file via the apply_patch tool.
 *
 * @example
 * const { path, diff } = ApplyPatchUpdateFileOperationParamSchema.parse(json);
 */
export const ApplyPatchUpdateFileOperationParamSchema = z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
});
/**
 * Instruction for updating an existing file via the apply_patch tool.
 *
 * @example
 * const op: ApplyPatchUpdateFileOperationParam = { type: 'update_file', path: 'src/a.ts', diff: '-let x\n+const x\n' };
 */
export type ApplyPatchUpdateFileOperationParam = z.infer<typeof ApplyPatchUpdateFileOperationParamSchema>;

/**
 * One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool.
 *
 * @example
 * const op = ApplyPatchOperationParamSchema.parse(json);
 * if (op.type !== 'delete_file') console.log(op.diff);
 */
export const ApplyPatchOperationParamSchema = z.discriminatedUnion('type', [
  ApplyPatchCreateFileOperationParamSchema,
  ApplyPatchDeleteFileOperationParamSchema,
  ApplyPatchUpdateFileOperationParamSchema,
]);
/**
 * One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool.
 *
 * @example
 * const describeOp = (op: ApplyPatchOperationParam) => `${op.type} ${op.path}`;
 */
export type ApplyPatchOperationParam = z.infer<typeof ApplyPatchOperationParamSchema>;

/**
 * A tool call representing a request to create, delete, or update files using diff patches.
 *
 * @example
 * ApplyPatchToolCallItemParamSchema.parse({
 *   type: 'apply_patch_call', call_id: 'call_1', status: 'completed',
 *   operation: { type: 'delete_file', path: 'a.txt' },
 * });
 */
export const ApplyPatchToolCallItemParamSchema = z.object({
  type: z.literal('apply_patch_call'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallStatusParamSchema,
  operation: ApplyPatchOperationParamSchema,
});
/**
 * A tool call representing a request to create, delete, or update files using diff patches.
 *
 * @example
 * const touched = (call: ApplyPatchToolCallItemParam) => call.operation.path;
 */
export type ApplyPatchToolCallItemParam = z.infer<typeof ApplyPatchToolCallItemParamSchema>;

/**
 * The streamed output emitted by an apply patch tool call.
 *
 * @example
 * ApplyPatchToolCallOutputItemParamSchema.parse({
 *   type: 'apply_patch_call_output', call_id: 'call_1', status: 'failed', output: 'patch did not apply',
 * });
 */
export const ApplyPatchToolCallOutputItemParamSchema = z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusParamSchema,
  output: z.string().nullable().optional(),
});
/**
 * The streamed output emitted by an apply patch tool call.
 *
 * @example
 * const result: ApplyPatchToolCallOutputItemParam = {
 *   type: 'apply_patch_call_output', call_id: 'call_1', status: 'completed',
 * };
 */
export type ApplyPatchToolCallOutputItemParam = z.infer<typeof ApplyPatchToolCallOutputItemParamSchema>;

/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * CompactionSummaryItemParamSchema.parse({ type: 'compaction', encrypted_content: 'gAAAA...' });
 */
export const CompactionSummaryItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  type: z.literal('compaction'),
  encrypted_content: z.string(),
});
/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * const compacted: CompactionSummaryItemParam = { id: 'cmp_123', type: 'compaction', encrypted_content: 'gAAAA...' };
 */
export type CompactionSummaryItemParam = z.infer<typeof CompactionSummaryItemParamSchema>;

/**
 * Compacts the current context.
 *
 * @example
 * CompactionTriggerItemParamSchema.parse({ type: 'compaction_trigger' });
 */
export const CompactionTriggerItemParamSchema = z.object({
  type: z.literal('compaction_trigger'),
});
/**
 * Compacts the current context.
 *
 * @example
 * const input: CompactionTriggerItemParam[] = [{ type: 'compaction_trigger' }];
 */
export type CompactionTriggerItemParam = z.infer<typeof CompactionTriggerItemParamSchema>;

/**
 * The status of a function call item.
 *
 * @example
 * FunctionCallItemStatusSchema.parse('incomplete');
 */
export const FunctionCallItemStatusSchema = z.enum(['in_progress', 'completed', 'incomplete']);
/**
 * The status of a function call item.
 *
 * @example
 * const status: FunctionCallItemStatus = 'completed';
 */
export type FunctionCallItemStatus = z.infer<typeof FunctionCallItemStatusSchema>;

/**
 * The output of a computer tool call.
 *
 * @example
 * ComputerCallOutputItemParamSchema.parse({
 *   type: 'computer_call_output', call_id: 'call_1', output: { type: 'computer_screenshot', file_id: 'file-abc' },
 * });
 */
export const ComputerCallOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  type: z.literal('computer_call_output'),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).nullable().optional(),
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/**
 * The output of a computer tool call.
 *
 * @example
 * const screenshotOf = (o: ComputerCallOutputItemParam) => o.output.image_url ?? o.output.file_id;
 */
export type ComputerCallOutputItemParam = z.infer<typeof ComputerCallOutputItemParamSchema>;

/**
 * A list of one or many input items to the model, containing different content types.
 *
 * @example
 * ResponseInputMessageContentListSchema.parse([{ type: 'input_text', text: 'What is in this image?' }]);
 */
export const ResponseInputMessageContentListSchema = z.array(ResponseInputContentSchema);
/**
 * A list of one or many input items to the model, containing different content types.
 *
 * @example
 * const content: ResponseInputMessageContentList = [
 *   { type: 'input_text', text: 'Describe this picture.' },
 *   { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
 * ];
 */
export type ResponseInputMessageContentList = z.infer<typeof ResponseInputMessageContentListSchema>;

/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * EasyInputMessageSchema.parse({ role: 'user', content: 'Tell me a joke.' });
 */
export const EasyInputMessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), ResponseInputMessageContentListSchema]),
  phase: MessagePhaseSchema.nullable().optional(),
  type: z.literal('message').optional(),
});
/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * const message: EasyInputMessage = { role: 'developer', content: 'Answer in French.' };
 */
export type EasyInputMessage = z.infer<typeof EasyInputMessageSchema>;

/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * PromptCacheBreakpointParamSchema.safeParse({ mode: 'implicit' }).success; // false: only 'explicit'
 */
export const PromptCacheBreakpointParamSchema = z.object({
  mode: z.literal('explicit'),
});
/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * const breakpoint: PromptCacheBreakpointParam = { mode: 'explicit' }; // ends the cached prefix
 */
export type PromptCacheBreakpointParam = z.infer<typeof PromptCacheBreakpointParamSchema>;

/**
 * A text input to the model.
 *
 * @example
 * InputTextContentParamSchema.parse({ type: 'input_text', text: 'Result: 42', prompt_cache_breakpoint: null });
 */
export const InputTextContentParamSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/**
 * A text input to the model.
 *
 * @example
 * const part: InputTextContentParam = { type: 'input_text', text: 'The weather is sunny.' };
 */
export type InputTextContentParam = z.infer<typeof InputTextContentParamSchema>;

/**
 * An image input to the model.
 *
 * @example
 * InputImageContentParamAutoParamSchema.parse({ type: 'input_image', file_id: 'file-abc123' });
 */
export const InputImageContentParamAutoParamSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: DetailEnumSchema.nullable().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/**
 * An image input to the model.
 *
 * @example
 * const image: InputImageContentParamAutoParam = { type: 'input_image', image_url: 'https://example.com/plot.png' };
 */
export type InputImageContentParamAutoParam = z.infer<typeof InputImageContentParamAutoParamSchema>;

/**
 * A file input to the model.
 *
 * @example
 * InputFileContentParamSchema.parse({ type: 'input_file', file_id: 'file-abc123', detail: 'high' });
 */
export const InputFileContentParamSchema = z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  file_data: z.string().nullable().optional(),
  file_url: z.string().nullable().optional(),
  detail: FileDetailEnumSchema.optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/**
 * A file input to the model.
 *
 * @example
 * const file: InputFileContentParam = { type: 'input_file', file_url: 'https://example.com/report.pdf' };
 */
export type InputFileContentParam = z.infer<typeof InputFileContentParamSchema>;

/**
 * The output of a function tool call.
 *
 * @example
 * FunctionCallOutputItemParamSchema.parse({ type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' });
 */
export const FunctionCallOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('function_call_output'),
  output: z.union([
    z.string(),
    z.array(z.discriminatedUnion('type', [
      InputTextContentParamSchema,
      InputImageContentParamAutoParamSchema,
      InputFileContentParamSchema,
    ])),
  ]),
  name: z.string().nullable().optional(),
  namespace: z.string().nullable().optional(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/**
 * The output of a function tool call.
 *
 * @example
 * const reply = (call_id: string, result: unknown): FunctionCallOutputItemParam =>
 *   ({ type: 'function_call_output', call_id, output: JSON.stringify(result) });
 */
export type FunctionCallOutputItemParam = z.infer<typeof FunctionCallOutputItemParamSchema>;

/**
 * Commands and limits describing how to run the shell tool call.
 *
 * @example
 * FunctionShellActionParamSchema.parse({ commands: ['ls -la'], timeout_ms: 10_000 });
 */
export const FunctionShellActionParamSchema = z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  max_output_length: z.number().nullable().optional(),
});
/**
 * Commands and limits describing how to run the shell tool call.
 *
 * @example
 * const action: FunctionShellActionParam = { commands: ['npm test'], max_output_length: 4096 };
 */
export type FunctionShellActionParam = z.infer<typeof FunctionShellActionParamSchema>;

/**
 * Status values reported for shell tool calls.
 *
 * @example
 * FunctionShellCallItemStatusSchema.parse('in_progress');
 */
export const FunctionShellCallItemStatusSchema = FunctionCallItemStatusSchema; // the yaml defines it twice, identically
/**
 * Status values reported for shell tool calls.
 *
 * @example
 * const status: FunctionShellCallItemStatus = 'incomplete';
 */
export type FunctionShellCallItemStatus = z.infer<typeof FunctionShellCallItemStatusSchema>;

/**
 * A tool representing a request to execute one or more shell commands.
 *
 * @example
 * FunctionShellCallItemParamSchema.parse({
 *   type: 'shell_call', call_id: 'call_1', action: { commands: ['pwd'] }, environment: { type: 'local' },
 * });
 */
export const FunctionShellCallItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  type: z.literal('shell_call'),
  action: FunctionShellActionParamSchema,
  status: FunctionShellCallItemStatusSchema.nullable().optional(),
  environment: z.discriminatedUnion('type', [
    LocalEnvironmentParamSchema,
    ContainerReferenceParamSchema,
  ]).nullable().optional(),
});
/**
 * A tool representing a request to execute one or more shell commands.
 *
 * @example
 * const commandLine = (call: FunctionShellCallItemParam) => call.action.commands.join(' && ');
 */
export type FunctionShellCallItemParam = z.infer<typeof FunctionShellCallItemParamSchema>;

/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * FunctionShellCallOutputTimeoutOutcomeParamSchema.parse({ type: 'timeout' });
 */
export const FunctionShellCallOutputTimeoutOutcomeParamSchema = z.object({
  type: z.literal('timeout'),
});
/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * const outcome: FunctionShellCallOutputTimeoutOutcomeParam = { type: 'timeout' };
 */
export type FunctionShellCallOutputTimeoutOutcomeParam =
  z.infer<typeof FunctionShellCallOutputTimeoutOutcomeParamSchema>;

/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * FunctionShellCallOutputExitOutcomeParamSchema.parse({ type: 'exit', exit_code: 0 });
 */
export const FunctionShellCallOutputExitOutcomeParamSchema = z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
});
/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * const failed: FunctionShellCallOutputExitOutcomeParam = { type: 'exit', exit_code: 1 };
 */
export type FunctionShellCallOutputExitOutcomeParam = z.infer<typeof FunctionShellCallOutputExitOutcomeParamSchema>;

/**
 * The exit or timeout outcome associated with this shell call.
 *
 * @example
 * const outcome = FunctionShellCallOutputOutcomeParamSchema.parse(json);
 * if (outcome.type === 'exit') console.log('exit code', outcome.exit_code);
 */
export const FunctionShellCallOutputOutcomeParamSchema = z.discriminatedUnion('type', [
  FunctionShellCallOutputTimeoutOutcomeParamSchema,
  FunctionShellCallOutputExitOutcomeParamSchema,
]);
/**
 * The exit or timeout outcome associated with this shell call.
 *
 * @example
 * const ok = (o: FunctionShellCallOutputOutcomeParam) => o.type === 'exit' && o.exit_code === 0;
 */
export type FunctionShellCallOutputOutcomeParam = z.infer<typeof FunctionShellCallOutputOutcomeParamSchema>;

/**
 * Captured stdout and stderr for a portion of a shell tool call output.
 *
 * @example
 * FunctionShellCallOutputContentParamSchema.parse({ stdout: 'ok\n', stderr: '', outcome: { type: 'timeout' } });
 */
export const FunctionShellCallOutputContentParamSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: FunctionShellCallOutputOutcomeParamSchema,
});
/**
 * Captured stdout and stderr for a portion of a shell tool call output.
 *
 * @example
 * const chunk: FunctionShellCallOutputContentParam = { stdout: '', stderr: 'timed out', outcome: { type: 'timeout' } };
 */
export type FunctionShellCallOutputContentParam = z.infer<typeof FunctionShellCallOutputContentParamSchema>;

/**
 * The streamed output items emitted by a shell tool call.
 *
 * @example
 * FunctionShellCallOutputItemParamSchema.parse({
 *   type: 'shell_call_output', call_id: 'call_1',
 *   output: [{ stdout: 'hi\n', stderr: '', outcome: { type: 'exit', exit_code: 0 } }],
 * });
 */
export const FunctionShellCallOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  type: z.literal('shell_call_output'),
  output: z.array(FunctionShellCallOutputContentParamSchema),
  status: FunctionShellCallItemStatusSchema.nullable().optional(),
  max_output_length: z.number().nullable().optional(),
});
/**
 * The streamed output items emitted by a shell tool call.
 *
 * @example
 * const stdoutOf = (o: FunctionShellCallOutputItemParam) => o.output.map((c) => c.stdout).join('');
 */
export type FunctionShellCallOutputItemParam = z.infer<typeof FunctionShellCallOutputItemParamSchema>;

/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * ResponseInputMessageSchema.parse({ role: 'user', content: [{ type: 'input_text', text: 'Hi!' }] });
 */
export const ResponseInputMessageSchema = z.object({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer']),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
  content: ResponseInputMessageContentListSchema,
});
/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * const system: ResponseInputMessage = { role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] };
 */
export type ResponseInputMessage = z.infer<typeof ResponseInputMessageSchema>;

/**
 * A tool search call, as an input item.
 *
 * @example
 * ToolSearchCallItemParamSchema.parse({ type: 'tool_search_call', execution: 'client', arguments: {} });
 */
export const ToolSearchCallItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_call'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  arguments: EmptyModelParamSchema,
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/**
 * A tool search call, as an input item.
 *
 * @example
 * const search: ToolSearchCallItemParam = { type: 'tool_search_call', call_id: 'call_1', arguments: {} };
 */
export type ToolSearchCallItemParam = z.infer<typeof ToolSearchCallItemParamSchema>;

/**
 * A tool search output, as an input item.
 *
 * @example
 * const { tools } = ToolSearchOutputItemParamSchema.parse(json);
 */
export const ToolSearchOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_output'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  tools: z.array(ToolSchema),
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/**
 * A tool search output, as an input item.
 *
 * @example
 * const found: ToolSearchOutputItemParam = {
 *   type: 'tool_search_output', call_id: 'call_1', execution: 'client', tools: [{ type: 'local_shell' }],
 * };
 */
export type ToolSearchOutputItemParam = z.infer<typeof ToolSearchOutputItemParamSchema>;

/**
 * A response to an MCP approval request.
 *
 * @example
 * const { approval_request_id, approve, reason } = McpApprovalResponseParamSchema.parse(json);
 */
export const McpApprovalResponseParamSchema = z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string().nullable().optional(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
});
/**
 * A response to an MCP approval request.
 *
 * @example
 * const approve = (approval_request_id: string): McpApprovalResponseParam =>
 *   ({ type: 'mcp_approval_response', approval_request_id, approve: true });
 */
export type McpApprovalResponseParam = z.infer<typeof McpApprovalResponseParamSchema>;

/**
 * Content item used to generate a response.
 *
 * @example
 * const item = ResponseInputItemObjectSchema.parse(json);
 * if (item.type === 'function_call') console.log(item.name);
 */
export const ResponseInputItemObjectSchema = z.union([
  ResponseInputMessageSchema,
  ResponseOutputMessageSchema,
  ResponseFileSearchToolCallSchema,
  ResponseComputerToolCallSchema,
  ComputerCallOutputItemParamSchema,
  ResponseFunctionWebSearchSchema,
  ResponseFunctionToolCallSchema,
  FunctionCallOutputItemParamSchema,
  ToolSearchCallItemParamSchema,
  ToolSearchOutputItemParamSchema,
  AdditionalToolsItemParamSchema,
  ResponseReasoningItemSchema,
  CompactionSummaryItemParamSchema,
  ResponseImageGenerationCallSchema,
  ResponseCodeInterpreterToolCallSchema,
  ResponseLocalShellCallSchema,
  ResponseLocalShellCallOutputSchema,
  FunctionShellCallItemParamSchema,
  FunctionShellCallOutputItemParamSchema,
  ApplyPatchToolCallItemParamSchema,
  ApplyPatchToolCallOutputItemParamSchema,
  ResponseMcpListToolsSchema,
  ResponseMcpApprovalRequestSchema,
  McpApprovalResponseParamSchema,
  ResponseMcpCallSchema,
  ResponseCustomToolCallOutputSchema,
  ResponseCustomToolCallSchema,
]);
/**
 * Content item used to generate a response.
 *
 * @example
 * const isToolOutput = (item: ResponseInputItemObject) =>
 *   item.type === 'function_call_output' || item.type === 'custom_tool_call_output';
 */
export type ResponseInputItemObject = z.infer<typeof ResponseInputItemObjectSchema>;

/**
 * An internal identifier for an item to reference.
 *
 * @example
 * ItemReferenceParamSchema.parse({ type: 'item_reference', id: 'msg_123' });
 */
export const ItemReferenceParamSchema = z.object({
  type: z.literal('item_reference').nullable().optional(),
  id: z.string(),
});
/**
 * An internal identifier for an item to reference.
 *
 * @example
 * const ref: ItemReferenceParam = { id: 'fc_abc123' }; // `type` may be left out
 */
export type ItemReferenceParam = z.infer<typeof ItemReferenceParamSchema>;

/**
 * A program the model wrote for programmatic tool calling, as an input item.
 *
 * @example
 * const { code, fingerprint } = ProgramItemParamSchema.parse(json);
 */
export const ProgramItemParamSchema = z.object({
  id: z.string(),
  type: z.literal('program'),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
});
/**
 * A program the model wrote for programmatic tool calling, as an input item.
 *
 * @example
 * const program: ProgramItemParam = {
 *   id: 'prog_1', type: 'program', call_id: 'call_1', code: 'print(1)', fingerprint: 'fp_1',
 * };
 */
export type ProgramItemParam = z.infer<typeof ProgramItemParamSchema>;

/**
 * The status of a program output input item.
 *
 * @example
 * ProgramOutputItemStatusSchema.parse('completed');
 */
export const ProgramOutputItemStatusSchema = z.enum(['completed', 'incomplete']);
/**
 * The status of a program output input item.
 *
 * @example
 * const status: ProgramOutputItemStatus = 'incomplete';
 */
export type ProgramOutputItemStatus = z.infer<typeof ProgramOutputItemStatusSchema>;

/**
 * The output of a program run, as an input item.
 *
 * @example
 * ProgramOutputItemParamSchema.parse(json).result;
 */
export const ProgramOutputItemParamSchema = z.object({
  id: z.string(),
  type: z.literal('program_output'),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputItemStatusSchema,
});
/**
 * The output of a program run, as an input item.
 *
 * @example
 * const finished = (o: ProgramOutputItemParam) => o.status === 'completed';
 */
export type ProgramOutputItemParam = z.infer<typeof ProgramOutputItemParamSchema>;

/**
 * An item representing part of the context for the response to be generated by the model.
 *
 * @example
 * ResponseInputItemSchema.parse({ role: 'user', content: 'Hello' });
 */
export const ResponseInputItemSchema = z.union([
  EasyInputMessageSchema,
  ResponseInputItemObjectSchema,
  CompactionTriggerItemParamSchema,
  ItemReferenceParamSchema,
  ProgramItemParamSchema,
  ProgramOutputItemParamSchema,
]);
/**
 * An item representing part of the context for the response to be generated by the model.
 *
 * @example
 * const input: ResponseInputItem[] = [
 *   { role: 'user', content: 'What is 2 + 2?' },
 *   { type: 'item_reference', id: 'msg_123' },
 * ];
 */
export type ResponseInputItem = z.infer<typeof ResponseInputItemSchema>;

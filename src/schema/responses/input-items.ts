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
import type { AdditionalToolsItemParam, ApplyPatchCallOutputStatusParam, ApplyPatchCallStatusParam, ApplyPatchCreateFileOperationParam, ApplyPatchDeleteFileOperationParam, ApplyPatchOperationParam, ApplyPatchToolCallItemParam, ApplyPatchToolCallOutputItemParam, ApplyPatchUpdateFileOperationParam, CompactionSummaryItemParam, CompactionTriggerItemParam, ComputerCallOutputItemParam, EasyInputMessage, FunctionCallItemStatus, FunctionCallOutputItemParam, FunctionShellActionParam, FunctionShellCallItemParam, FunctionShellCallItemStatus, FunctionShellCallOutputContentParam, FunctionShellCallOutputExitOutcomeParam, FunctionShellCallOutputItemParam, FunctionShellCallOutputOutcomeParam, FunctionShellCallOutputTimeoutOutcomeParam, InputFileContentParam, InputImageContentParamAutoParam, InputTextContentParam, ItemReferenceParam, McpApprovalResponseParam, ProgramItemParam, ProgramOutputItemParam, ProgramOutputItemStatus, PromptCacheBreakpointParam, ResponseInputItem, ResponseInputItemObject, ResponseInputMessage, ResponseInputMessageContentList, ToolSearchCallItemParam, ToolSearchOutputItemParam } from '../../wire/responses-api.js';
export type { AdditionalToolsItemParam, ApplyPatchCallOutputStatusParam, ApplyPatchCallStatusParam, ApplyPatchCreateFileOperationParam, ApplyPatchDeleteFileOperationParam, ApplyPatchOperationParam, ApplyPatchToolCallItemParam, ApplyPatchToolCallOutputItemParam, ApplyPatchUpdateFileOperationParam, CompactionSummaryItemParam, CompactionTriggerItemParam, ComputerCallOutputItemParam, EasyInputMessage, FunctionCallItemStatus, FunctionCallOutputItemParam, FunctionShellActionParam, FunctionShellCallItemParam, FunctionShellCallItemStatus, FunctionShellCallOutputContentParam, FunctionShellCallOutputExitOutcomeParam, FunctionShellCallOutputItemParam, FunctionShellCallOutputOutcomeParam, FunctionShellCallOutputTimeoutOutcomeParam, InputFileContentParam, InputImageContentParamAutoParam, InputTextContentParam, ItemReferenceParam, McpApprovalResponseParam, ProgramItemParam, ProgramOutputItemParam, ProgramOutputItemStatus, PromptCacheBreakpointParam, ResponseInputItem, ResponseInputItemObject, ResponseInputMessage, ResponseInputMessageContentList, ToolSearchCallItemParam, ToolSearchOutputItemParam } from '../../wire/responses-api.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Extra tool definitions made available at this point of the input.
 *
 * @example
 * AdditionalToolsItemParamSchema.parse(json).tools.map((t) => t.type);
 */
export const AdditionalToolsItemParamSchema = objectSchema<AdditionalToolsItemParam>(z.object({
  id: z.string().nullable().optional(),
  type: z.literal('additional_tools'),
  role: z.literal('developer'),
  tools: z.array(ToolSchema),
}));

/**
 * Outcome values reported for apply_patch tool call outputs.
 *
 * @example
 * ApplyPatchCallOutputStatusParamSchema.parse('failed');
 */
export const ApplyPatchCallOutputStatusParamSchema: z.ZodType<ApplyPatchCallOutputStatusParam> = typedSchema(z.enum(['completed', 'failed']));

/**
 * Status values reported for apply_patch tool calls.
 *
 * @example
 * ApplyPatchCallStatusParamSchema.parse('in_progress');
 */
export const ApplyPatchCallStatusParamSchema: z.ZodType<ApplyPatchCallStatusParam> = typedSchema(z.enum(['in_progress', 'completed']));

/**
 * Instruction for creating a new file via the apply_patch tool.
 *
 * @example
 * ApplyPatchCreateFileOperationParamSchema.parse({ type: 'create_file', path: 'src/hello.ts', diff: '+export {};\n' });
 */
export const ApplyPatchCreateFileOperationParamSchema = objectSchema<ApplyPatchCreateFileOperationParam>(z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
}));

/**
 * Instruction for deleting an existing file via the apply_patch tool.
 *
 * @example
 * ApplyPatchDeleteFileOperationParamSchema.parse({ type: 'delete_file', path: 'old/legacy.ts' });
 */
export const ApplyPatchDeleteFileOperationParamSchema = objectSchema<ApplyPatchDeleteFileOperationParam>(z.object({
  type: z.literal('delete_file'),
  path: z.string(),
}));

/**
 * Instruction for updating an existing file via the apply_patch tool.
 *
 * @example
 * const { path, diff } = ApplyPatchUpdateFileOperationParamSchema.parse(json);
 */
export const ApplyPatchUpdateFileOperationParamSchema = objectSchema<ApplyPatchUpdateFileOperationParam>(z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
}));

/**
 * One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool.
 *
 * @example
 * const op = ApplyPatchOperationParamSchema.parse(json);
 * if (op.type !== 'delete_file') console.log(op.diff);
 */
export const ApplyPatchOperationParamSchema: z.ZodType<ApplyPatchOperationParam> = typedSchema(z.discriminatedUnion('type', [
  ApplyPatchCreateFileOperationParamSchema,
  ApplyPatchDeleteFileOperationParamSchema,
  ApplyPatchUpdateFileOperationParamSchema,
]));

/**
 * A tool call representing a request to create, delete, or update files using diff patches.
 *
 * @example
 * ApplyPatchToolCallItemParamSchema.parse({
 *   type: 'apply_patch_call', call_id: 'call_1', status: 'completed',
 *   operation: { type: 'delete_file', path: 'a.txt' },
 * });
 */
export const ApplyPatchToolCallItemParamSchema = objectSchema<ApplyPatchToolCallItemParam>(z.object({
  type: z.literal('apply_patch_call'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallStatusParamSchema,
  operation: ApplyPatchOperationParamSchema,
}));

/**
 * The streamed output emitted by an apply patch tool call.
 *
 * @example
 * ApplyPatchToolCallOutputItemParamSchema.parse({
 *   type: 'apply_patch_call_output', call_id: 'call_1', status: 'failed', output: 'patch did not apply',
 * });
 */
export const ApplyPatchToolCallOutputItemParamSchema = objectSchema<ApplyPatchToolCallOutputItemParam>(z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusParamSchema,
  output: z.string().nullable().optional(),
}));

/**
 * A compaction item generated by the `v1/responses/compact` API.
 *
 * @example
 * CompactionSummaryItemParamSchema.parse({ type: 'compaction', encrypted_content: 'gAAAA...' });
 */
export const CompactionSummaryItemParamSchema = objectSchema<CompactionSummaryItemParam>(z.object({
  id: z.string().nullable().optional(),
  type: z.literal('compaction'),
  encrypted_content: z.string(),
}));

/**
 * Compacts the current context.
 *
 * @example
 * CompactionTriggerItemParamSchema.parse({ type: 'compaction_trigger' });
 */
export const CompactionTriggerItemParamSchema = objectSchema<CompactionTriggerItemParam>(z.object({
  type: z.literal('compaction_trigger'),
}));

/**
 * The status of a function call item.
 *
 * @example
 * FunctionCallItemStatusSchema.parse('incomplete');
 */
export const FunctionCallItemStatusSchema: z.ZodType<FunctionCallItemStatus> = typedSchema(z.enum(['in_progress', 'completed', 'incomplete']));

/**
 * The output of a computer tool call.
 *
 * @example
 * ComputerCallOutputItemParamSchema.parse({
 *   type: 'computer_call_output', call_id: 'call_1', output: { type: 'computer_screenshot', file_id: 'file-abc' },
 * });
 */
export const ComputerCallOutputItemParamSchema = objectSchema<ComputerCallOutputItemParam>(z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  type: z.literal('computer_call_output'),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).nullable().optional(),
  status: FunctionCallItemStatusSchema.nullable().optional(),
}));

/**
 * A list of one or many input items to the model, containing different content types.
 *
 * @example
 * ResponseInputMessageContentListSchema.parse([{ type: 'input_text', text: 'What is in this image?' }]);
 */
export const ResponseInputMessageContentListSchema: z.ZodType<ResponseInputMessageContentList> = typedSchema(z.array(ResponseInputContentSchema));

/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * EasyInputMessageSchema.parse({ role: 'user', content: 'Tell me a joke.' });
 */
export const EasyInputMessageSchema = objectSchema<EasyInputMessage>(z.object({
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), ResponseInputMessageContentListSchema]),
  phase: MessagePhaseSchema.nullable().optional(),
  type: z.literal('message').optional(),
}));

/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * PromptCacheBreakpointParamSchema.safeParse({ mode: 'implicit' }).success; // false: only 'explicit'
 */
export const PromptCacheBreakpointParamSchema = objectSchema<PromptCacheBreakpointParam>(z.object({
  mode: z.literal('explicit'),
}));

/**
 * A text input to the model.
 *
 * @example
 * InputTextContentParamSchema.parse({ type: 'input_text', text: 'Result: 42', prompt_cache_breakpoint: null });
 */
export const InputTextContentParamSchema = objectSchema<InputTextContentParam>(z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
}));

/**
 * An image input to the model.
 *
 * @example
 * InputImageContentParamAutoParamSchema.parse({ type: 'input_image', file_id: 'file-abc123' });
 */
export const InputImageContentParamAutoParamSchema = objectSchema<InputImageContentParamAutoParam>(z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: DetailEnumSchema.nullable().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
}));

/**
 * A file input to the model.
 *
 * @example
 * InputFileContentParamSchema.parse({ type: 'input_file', file_id: 'file-abc123', detail: 'high' });
 */
export const InputFileContentParamSchema = objectSchema<InputFileContentParam>(z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  file_data: z.string().nullable().optional(),
  file_url: z.string().nullable().optional(),
  detail: FileDetailEnumSchema.optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
}));

/**
 * The output of a function tool call.
 *
 * @example
 * FunctionCallOutputItemParamSchema.parse({ type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' });
 */
export const FunctionCallOutputItemParamSchema = objectSchema<FunctionCallOutputItemParam>(z.object({
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
}));

/**
 * Commands and limits describing how to run the shell tool call.
 *
 * @example
 * FunctionShellActionParamSchema.parse({ commands: ['ls -la'], timeout_ms: 10_000 });
 */
export const FunctionShellActionParamSchema = objectSchema<FunctionShellActionParam>(z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  max_output_length: z.number().nullable().optional(),
}));

/**
 * Status values reported for shell tool calls.
 *
 * @example
 * FunctionShellCallItemStatusSchema.parse('in_progress');
 */
export const FunctionShellCallItemStatusSchema: z.ZodType<FunctionShellCallItemStatus> = typedSchema(FunctionCallItemStatusSchema); // the yaml defines it twice, identically

/**
 * A tool representing a request to execute one or more shell commands.
 *
 * @example
 * FunctionShellCallItemParamSchema.parse({
 *   type: 'shell_call', call_id: 'call_1', action: { commands: ['pwd'] }, environment: { type: 'local' },
 * });
 */
export const FunctionShellCallItemParamSchema = objectSchema<FunctionShellCallItemParam>(z.object({
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
}));

/**
 * Indicates that the shell call exceeded its configured time limit.
 *
 * @example
 * FunctionShellCallOutputTimeoutOutcomeParamSchema.parse({ type: 'timeout' });
 */
export const FunctionShellCallOutputTimeoutOutcomeParamSchema = objectSchema<FunctionShellCallOutputTimeoutOutcomeParam>(z.object({
  type: z.literal('timeout'),
}));

/**
 * Indicates that the shell commands finished and returned an exit code.
 *
 * @example
 * FunctionShellCallOutputExitOutcomeParamSchema.parse({ type: 'exit', exit_code: 0 });
 */
export const FunctionShellCallOutputExitOutcomeParamSchema = objectSchema<FunctionShellCallOutputExitOutcomeParam>(z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
}));

/**
 * The exit or timeout outcome associated with this shell call.
 *
 * @example
 * const outcome = FunctionShellCallOutputOutcomeParamSchema.parse(json);
 * if (outcome.type === 'exit') console.log('exit code', outcome.exit_code);
 */
export const FunctionShellCallOutputOutcomeParamSchema: z.ZodType<FunctionShellCallOutputOutcomeParam> = typedSchema(z.discriminatedUnion('type', [
  FunctionShellCallOutputTimeoutOutcomeParamSchema,
  FunctionShellCallOutputExitOutcomeParamSchema,
]));

/**
 * Captured stdout and stderr for a portion of a shell tool call output.
 *
 * @example
 * FunctionShellCallOutputContentParamSchema.parse({ stdout: 'ok\n', stderr: '', outcome: { type: 'timeout' } });
 */
export const FunctionShellCallOutputContentParamSchema = objectSchema<FunctionShellCallOutputContentParam>(z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: FunctionShellCallOutputOutcomeParamSchema,
}));

/**
 * The streamed output items emitted by a shell tool call.
 *
 * @example
 * FunctionShellCallOutputItemParamSchema.parse({
 *   type: 'shell_call_output', call_id: 'call_1',
 *   output: [{ stdout: 'hi\n', stderr: '', outcome: { type: 'exit', exit_code: 0 } }],
 * });
 */
export const FunctionShellCallOutputItemParamSchema = objectSchema<FunctionShellCallOutputItemParam>(z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  type: z.literal('shell_call_output'),
  output: z.array(FunctionShellCallOutputContentParamSchema),
  status: FunctionShellCallItemStatusSchema.nullable().optional(),
  max_output_length: z.number().nullable().optional(),
}));

/**
 * A message input to the model with a role indicating instruction following hierarchy.
 *
 * @example
 * ResponseInputMessageSchema.parse({ role: 'user', content: [{ type: 'input_text', text: 'Hi!' }] });
 */
export const ResponseInputMessageSchema = objectSchema<ResponseInputMessage>(z.object({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer']),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
  content: ResponseInputMessageContentListSchema,
}));

/**
 * A tool search call, as an input item.
 *
 * @example
 * ToolSearchCallItemParamSchema.parse({ type: 'tool_search_call', execution: 'client', arguments: {} });
 */
export const ToolSearchCallItemParamSchema = objectSchema<ToolSearchCallItemParam>(z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_call'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  arguments: EmptyModelParamSchema,
  status: FunctionCallItemStatusSchema.nullable().optional(),
}));

/**
 * A tool search output, as an input item.
 *
 * @example
 * const { tools } = ToolSearchOutputItemParamSchema.parse(json);
 */
export const ToolSearchOutputItemParamSchema = objectSchema<ToolSearchOutputItemParam>(z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_output'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  tools: z.array(ToolSchema),
  status: FunctionCallItemStatusSchema.nullable().optional(),
}));

/**
 * A response to an MCP approval request.
 *
 * @example
 * const { approval_request_id, approve, reason } = McpApprovalResponseParamSchema.parse(json);
 */
export const McpApprovalResponseParamSchema = objectSchema<McpApprovalResponseParam>(z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string().nullable().optional(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
}));

/**
 * Content item used to generate a response.
 *
 * @example
 * const item = ResponseInputItemObjectSchema.parse(json);
 * if (item.type === 'function_call') console.log(item.name);
 */
export const ResponseInputItemObjectSchema: z.ZodType<ResponseInputItemObject> = typedSchema(z.union([
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
]));

/**
 * An internal identifier for an item to reference.
 *
 * @example
 * ItemReferenceParamSchema.parse({ type: 'item_reference', id: 'msg_123' });
 */
export const ItemReferenceParamSchema = objectSchema<ItemReferenceParam>(z.object({
  type: z.literal('item_reference').nullable().optional(),
  id: z.string(),
}));

/**
 * A program the model wrote for programmatic tool calling, as an input item.
 *
 * @example
 * const { code, fingerprint } = ProgramItemParamSchema.parse(json);
 */
export const ProgramItemParamSchema = objectSchema<ProgramItemParam>(z.object({
  id: z.string(),
  type: z.literal('program'),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
}));

/**
 * The status of a program output input item.
 *
 * @example
 * ProgramOutputItemStatusSchema.parse('completed');
 */
export const ProgramOutputItemStatusSchema: z.ZodType<ProgramOutputItemStatus> = typedSchema(z.enum(['completed', 'incomplete']));

/**
 * The output of a program run, as an input item.
 *
 * @example
 * ProgramOutputItemParamSchema.parse(json).result;
 */
export const ProgramOutputItemParamSchema = objectSchema<ProgramOutputItemParam>(z.object({
  id: z.string(),
  type: z.literal('program_output'),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputItemStatusSchema,
}));

/**
 * An item representing part of the context for the response to be generated by the model.
 *
 * @example
 * ResponseInputItemSchema.parse({ role: 'user', content: 'Hello' });
 */
export const ResponseInputItemSchema: z.ZodType<ResponseInputItem> = typedSchema(z.union([
  EasyInputMessageSchema,
  ResponseInputItemObjectSchema,
  CompactionTriggerItemParamSchema,
  ItemReferenceParamSchema,
  ProgramItemParamSchema,
  ProgramOutputItemParamSchema,
]));

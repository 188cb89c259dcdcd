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

/** Extra tool definitions made available at this point of the input. */
export const AdditionalToolsItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  type: z.literal('additional_tools'),
  role: z.literal('developer'),
  tools: z.array(ToolSchema),
});
/** Extra tool definitions made available at this point of the input. */
export type AdditionalToolsItemParam = z.infer<typeof AdditionalToolsItemParamSchema>;

/** Outcome values reported for apply_patch tool call outputs. */
export const ApplyPatchCallOutputStatusParamSchema = z.enum(['completed', 'failed']);
/** Outcome values reported for apply_patch tool call outputs. */
export type ApplyPatchCallOutputStatusParam = z.infer<typeof ApplyPatchCallOutputStatusParamSchema>;

/** Status values reported for apply_patch tool calls. */
export const ApplyPatchCallStatusParamSchema = z.enum(['in_progress', 'completed']);
/** Status values reported for apply_patch tool calls. */
export type ApplyPatchCallStatusParam = z.infer<typeof ApplyPatchCallStatusParamSchema>;

/** Instruction for creating a new file via the apply_patch tool. */
export const ApplyPatchCreateFileOperationParamSchema = z.object({
  type: z.literal('create_file'),
  path: z.string(),
  diff: z.string(),
});
/** Instruction for creating a new file via the apply_patch tool. */
export type ApplyPatchCreateFileOperationParam = z.infer<typeof ApplyPatchCreateFileOperationParamSchema>;

/** Instruction for deleting an existing file via the apply_patch tool. */
export const ApplyPatchDeleteFileOperationParamSchema = z.object({
  type: z.literal('delete_file'),
  path: z.string(),
});
/** Instruction for deleting an existing file via the apply_patch tool. */
export type ApplyPatchDeleteFileOperationParam = z.infer<typeof ApplyPatchDeleteFileOperationParamSchema>;

/** Instruction for updating an existing file via the apply_patch tool. */
export const ApplyPatchUpdateFileOperationParamSchema = z.object({
  type: z.literal('update_file'),
  path: z.string(),
  diff: z.string(),
});
/** Instruction for updating an existing file via the apply_patch tool. */
export type ApplyPatchUpdateFileOperationParam = z.infer<typeof ApplyPatchUpdateFileOperationParamSchema>;

/** One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool. */
export const ApplyPatchOperationParamSchema = z.discriminatedUnion('type', [
  ApplyPatchCreateFileOperationParamSchema,
  ApplyPatchDeleteFileOperationParamSchema,
  ApplyPatchUpdateFileOperationParamSchema,
]);
/** One of the create_file, delete_file, or update_file operations supplied to the apply_patch tool. */
export type ApplyPatchOperationParam = z.infer<typeof ApplyPatchOperationParamSchema>;

/** A tool call representing a request to create, delete, or update files using diff patches. */
export const ApplyPatchToolCallItemParamSchema = z.object({
  type: z.literal('apply_patch_call'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallStatusParamSchema,
  operation: ApplyPatchOperationParamSchema,
});
/** A tool call representing a request to create, delete, or update files using diff patches. */
export type ApplyPatchToolCallItemParam = z.infer<typeof ApplyPatchToolCallItemParamSchema>;

/** The streamed output emitted by an apply patch tool call. */
export const ApplyPatchToolCallOutputItemParamSchema = z.object({
  type: z.literal('apply_patch_call_output'),
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  status: ApplyPatchCallOutputStatusParamSchema,
  output: z.string().nullable().optional(),
});
/** The streamed output emitted by an apply patch tool call. */
export type ApplyPatchToolCallOutputItemParam = z.infer<typeof ApplyPatchToolCallOutputItemParamSchema>;

/** A compaction item generated by the `v1/responses/compact` API. */
export const CompactionSummaryItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  type: z.literal('compaction'),
  encrypted_content: z.string(),
});
/** A compaction item generated by the `v1/responses/compact` API. */
export type CompactionSummaryItemParam = z.infer<typeof CompactionSummaryItemParamSchema>;

/** Compacts the current context. */
export const CompactionTriggerItemParamSchema = z.object({
  type: z.literal('compaction_trigger'),
});
/** Compacts the current context. */
export type CompactionTriggerItemParam = z.infer<typeof CompactionTriggerItemParamSchema>;

/** The status of a function call item. */
export const FunctionCallItemStatusSchema = z.enum(['in_progress', 'completed', 'incomplete']);
/** The status of a function call item. */
export type FunctionCallItemStatus = z.infer<typeof FunctionCallItemStatusSchema>;

/** The output of a computer tool call. */
export const ComputerCallOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  type: z.literal('computer_call_output'),
  output: ResponseComputerToolCallOutputScreenshotSchema,
  acknowledged_safety_checks: z.array(ComputerCallSafetyCheckParamSchema).nullable().optional(),
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/** The output of a computer tool call. */
export type ComputerCallOutputItemParam = z.infer<typeof ComputerCallOutputItemParamSchema>;

/** A list of one or many input items to the model, containing different content types. */
export const ResponseInputMessageContentListSchema = z.array(ResponseInputContentSchema);
/** A list of one or many input items to the model, containing different content types. */
export type ResponseInputMessageContentList = z.infer<typeof ResponseInputMessageContentListSchema>;

/** A message input to the model with a role indicating instruction following hierarchy. */
export const EasyInputMessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), ResponseInputMessageContentListSchema]),
  phase: MessagePhaseSchema.nullable().optional(),
  type: z.literal('message').optional(),
});
/** A message input to the model with a role indicating instruction following hierarchy. */
export type EasyInputMessage = z.infer<typeof EasyInputMessageSchema>;

/** Marks the exact end of a reusable prompt prefix. */
export const PromptCacheBreakpointParamSchema = z.object({
  mode: z.literal('explicit'),
});
/** Marks the exact end of a reusable prompt prefix. */
export type PromptCacheBreakpointParam = z.infer<typeof PromptCacheBreakpointParamSchema>;

/** A text input to the model. */
export const InputTextContentParamSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/** A text input to the model. */
export type InputTextContentParam = z.infer<typeof InputTextContentParamSchema>;

/** An image input to the model. */
export const InputImageContentParamAutoParamSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: DetailEnumSchema.nullable().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/** An image input to the model. */
export type InputImageContentParamAutoParam = z.infer<typeof InputImageContentParamAutoParamSchema>;

/** A file input to the model. */
export const InputFileContentParamSchema = z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  file_data: z.string().nullable().optional(),
  file_url: z.string().nullable().optional(),
  detail: FileDetailEnumSchema.optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointParamSchema.nullable().optional(),
});
/** A file input to the model. */
export type InputFileContentParam = z.infer<typeof InputFileContentParamSchema>;

/** The output of a function tool call. */
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
/** The output of a function tool call. */
export type FunctionCallOutputItemParam = z.infer<typeof FunctionCallOutputItemParamSchema>;

/** Commands and limits describing how to run the shell tool call. */
export const FunctionShellActionParamSchema = z.object({
  commands: z.array(z.string()),
  timeout_ms: z.number().nullable().optional(),
  max_output_length: z.number().nullable().optional(),
});
/** Commands and limits describing how to run the shell tool call. */
export type FunctionShellActionParam = z.infer<typeof FunctionShellActionParamSchema>;

/** Status values reported for shell tool calls. */
export const FunctionShellCallItemStatusSchema = FunctionCallItemStatusSchema; // the yaml defines it twice, identically
/** Status values reported for shell tool calls. */
export type FunctionShellCallItemStatus = z.infer<typeof FunctionShellCallItemStatusSchema>;

/** A tool representing a request to execute one or more shell commands. */
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
/** A tool representing a request to execute one or more shell commands. */
export type FunctionShellCallItemParam = z.infer<typeof FunctionShellCallItemParamSchema>;

/** Indicates that the shell call exceeded its configured time limit. */
export const FunctionShellCallOutputTimeoutOutcomeParamSchema = z.object({
  type: z.literal('timeout'),
});
/** Indicates that the shell call exceeded its configured time limit. */
export type FunctionShellCallOutputTimeoutOutcomeParam =
  z.infer<typeof FunctionShellCallOutputTimeoutOutcomeParamSchema>;

/** Indicates that the shell commands finished and returned an exit code. */
export const FunctionShellCallOutputExitOutcomeParamSchema = z.object({
  type: z.literal('exit'),
  exit_code: z.number(),
});
/** Indicates that the shell commands finished and returned an exit code. */
export type FunctionShellCallOutputExitOutcomeParam = z.infer<typeof FunctionShellCallOutputExitOutcomeParamSchema>;

/** The exit or timeout outcome associated with this shell call. */
export const FunctionShellCallOutputOutcomeParamSchema = z.discriminatedUnion('type', [
  FunctionShellCallOutputTimeoutOutcomeParamSchema,
  FunctionShellCallOutputExitOutcomeParamSchema,
]);
/** The exit or timeout outcome associated with this shell call. */
export type FunctionShellCallOutputOutcomeParam = z.infer<typeof FunctionShellCallOutputOutcomeParamSchema>;

/** Captured stdout and stderr for a portion of a shell tool call output. */
export const FunctionShellCallOutputContentParamSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  outcome: FunctionShellCallOutputOutcomeParamSchema,
});
/** Captured stdout and stderr for a portion of a shell tool call output. */
export type FunctionShellCallOutputContentParam = z.infer<typeof FunctionShellCallOutputContentParamSchema>;

/** The streamed output items emitted by a shell tool call. */
export const FunctionShellCallOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string(),
  caller: ToolCallCallerParamSchema.nullable().optional(),
  type: z.literal('shell_call_output'),
  output: z.array(FunctionShellCallOutputContentParamSchema),
  status: FunctionShellCallItemStatusSchema.nullable().optional(),
  max_output_length: z.number().nullable().optional(),
});
/** The streamed output items emitted by a shell tool call. */
export type FunctionShellCallOutputItemParam = z.infer<typeof FunctionShellCallOutputItemParamSchema>;

/** A message input to the model with a role indicating instruction following hierarchy. */
export const ResponseInputMessageSchema = z.object({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer']),
  status: z.enum(['in_progress', 'completed', 'incomplete']).optional(),
  content: ResponseInputMessageContentListSchema,
});
/** A message input to the model with a role indicating instruction following hierarchy. */
export type ResponseInputMessage = z.infer<typeof ResponseInputMessageSchema>;

/** A tool search call, as an input item. */
export const ToolSearchCallItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_call'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  arguments: EmptyModelParamSchema,
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/** A tool search call, as an input item. */
export type ToolSearchCallItemParam = z.infer<typeof ToolSearchCallItemParamSchema>;

/** A tool search output, as an input item. */
export const ToolSearchOutputItemParamSchema = z.object({
  id: z.string().nullable().optional(),
  call_id: z.string().nullable().optional(),
  type: z.literal('tool_search_output'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  tools: z.array(ToolSchema),
  status: FunctionCallItemStatusSchema.nullable().optional(),
});
/** A tool search output, as an input item. */
export type ToolSearchOutputItemParam = z.infer<typeof ToolSearchOutputItemParamSchema>;

/** A response to an MCP approval request. */
export const McpApprovalResponseParamSchema = z.object({
  type: z.literal('mcp_approval_response'),
  id: z.string().nullable().optional(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: z.string().nullable().optional(),
});
/** A response to an MCP approval request. */
export type McpApprovalResponseParam = z.infer<typeof McpApprovalResponseParamSchema>;

/** Content item used to generate a response. */
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
/** Content item used to generate a response. */
export type ResponseInputItemObject = z.infer<typeof ResponseInputItemObjectSchema>;

/** An internal identifier for an item to reference. */
export const ItemReferenceParamSchema = z.object({
  type: z.literal('item_reference').nullable().optional(),
  id: z.string(),
});
/** An internal identifier for an item to reference. */
export type ItemReferenceParam = z.infer<typeof ItemReferenceParamSchema>;

/** A program the model wrote for programmatic tool calling, as an input item. */
export const ProgramItemParamSchema = z.object({
  id: z.string(),
  type: z.literal('program'),
  call_id: z.string(),
  code: z.string(),
  fingerprint: z.string(),
});
/** A program the model wrote for programmatic tool calling, as an input item. */
export type ProgramItemParam = z.infer<typeof ProgramItemParamSchema>;

/** The status of a program output input item. */
export const ProgramOutputItemStatusSchema = z.enum(['completed', 'incomplete']);
/** The status of a program output input item. */
export type ProgramOutputItemStatus = z.infer<typeof ProgramOutputItemStatusSchema>;

/** The output of a program run, as an input item. */
export const ProgramOutputItemParamSchema = z.object({
  id: z.string(),
  type: z.literal('program_output'),
  call_id: z.string(),
  result: z.string(),
  status: ProgramOutputItemStatusSchema,
});
/** The output of a program run, as an input item. */
export type ProgramOutputItemParam = z.infer<typeof ProgramOutputItemParamSchema>;

/** An item representing part of the context for the response to be generated by the model. */
export const ResponseInputItemSchema = z.union([
  EasyInputMessageSchema,
  ResponseInputItemObjectSchema,
  CompactionTriggerItemParamSchema,
  ItemReferenceParamSchema,
  ProgramItemParamSchema,
  ProgramOutputItemParamSchema,
]);
/** An item representing part of the context for the response to be generated by the model. */
export type ResponseInputItem = z.infer<typeof ResponseInputItemSchema>;

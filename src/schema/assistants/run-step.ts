/**
 * The run step object (the data of `thread.run.step.created|in_progress|completed|failed|cancelled|expired`)
 * and its step details. The `thread.run.step.delta` shapes live in `run-step-delta.ts`.
 */
import { z } from 'zod';
import { FileSearchRankerSchema, MetadataSchema, RunStepLastErrorSchema, RunStepUsageSchema } from './common.js';
import type { CodeInterpreterImageOutput, CodeInterpreterLogsOutput, CodeInterpreterOutput, CodeInterpreterToolCall, FileSearchCallRankingOptions, FileSearchResult, FileSearchToolCall, FunctionToolCall, MessageCreationStepDetails, RunStep, RunStepDetails, RunStepStatus, RunStepType, ToolCall, ToolCallsStepDetails } from '../../wire/assistants.js';
export type { CodeInterpreterImageOutput, CodeInterpreterLogsOutput, CodeInterpreterOutput, CodeInterpreterToolCall, FileSearchCallRankingOptions, FileSearchResult, FileSearchToolCall, FunctionToolCall, MessageCreationStepDetails, RunStep, RunStepDetails, RunStepStatus, RunStepType, ToolCall, ToolCallsStepDetails } from '../../wire/assistants.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Text output of a code interpreter call: `{ type: 'logs', logs }`.
 *
 * @example
 * CodeInterpreterLogsOutputSchema.parse({ type: 'logs', logs: '42' });
 */
export const CodeInterpreterLogsOutputSchema = objectSchema<CodeInterpreterLogsOutput>(z.object({
  type: z.literal('logs'),
  logs: z.string(),
}));

/**
 * Image output of a code interpreter call: `{ type: 'image', image: { file_id } }`.
 *
 * @example
 * CodeInterpreterImageOutputSchema.parse({ type: 'image', image: { file_id: 'file-abc' } });
 */
export const CodeInterpreterImageOutputSchema = objectSchema<CodeInterpreterImageOutput>(z.object({
  type: z.literal('image'),
  image: z.object({ file_id: z.string() }),
}));

/**
 * One output of a code interpreter call: logs or an image (by `type`).
 *
 * @example
 * CodeInterpreterOutputSchema.parse({ type: 'logs', logs: '42' }).type; // 'logs'
 */
export const CodeInterpreterOutputSchema: z.ZodType<CodeInterpreterOutput> = typedSchema(z.discriminatedUnion('type', [
  CodeInterpreterLogsOutputSchema,
  CodeInterpreterImageOutputSchema,
]));

/**
 * A code interpreter call of a run step: the `input` code and its `outputs`.
 *
 * @example
 * CodeInterpreterToolCallSchema.parse({ id: 'call_1', type: 'code_interpreter', code_interpreter: { input: '1+1', outputs: [] } });
 */
export const CodeInterpreterToolCallSchema = objectSchema<CodeInterpreterToolCall>(z.object({
  id: z.string(),
  type: z.literal('code_interpreter'),
  code_interpreter: z.object({
    input: z.string(),
    outputs: z.array(CodeInterpreterOutputSchema),
  }),
}));

/**
 * The ranking options a file search call used (both fields required, unlike the tool's overrides).
 *
 * @example
 * FileSearchCallRankingOptionsSchema.parse({ ranker: 'default_2024_08_21', score_threshold: 0 });
 */
export const FileSearchCallRankingOptionsSchema = objectSchema<FileSearchCallRankingOptions>(z.object({
  ranker: FileSearchRankerSchema,
  score_threshold: z.number(),
}));

/**
 * One result of a file search call; `content` only when requested with `include`.
 *
 * @example
 * FileSearchResultSchema.parse({ file_id: 'file-abc', file_name: 'guide.pdf', score: 0.87 });
 */
export const FileSearchResultSchema = objectSchema<FileSearchResult>(z.object({
  file_id: z.string(),
  file_name: z.string(),
  score: z.number(),
  content: z
    .array(
      z.object({
        type: z.literal('text').optional(),
        text: z.string().optional(),
      }),
    )
    .optional(),
}));

/**
 * A file search call of a run step; `file_search` carries the ranking options and results when present.
 *
 * @example
 * FileSearchToolCallSchema.parse({ id: 'call_2', type: 'file_search', file_search: {} });
 */
export const FileSearchToolCallSchema = objectSchema<FileSearchToolCall>(z.object({
  id: z.string(),
  type: z.literal('file_search'),
  file_search: z.object({
    ranking_options: FileSearchCallRankingOptionsSchema.optional(),
    results: z.array(FileSearchResultSchema).optional(),
  }),
}));

/**
 * A function call of a run step: `name`, the JSON `arguments` text, and its `output` (`null` until submitted).
 *
 * @example
 * FunctionToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } });
 */
export const FunctionToolCallSchema = objectSchema<FunctionToolCall>(z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
    output: z.string().nullable(),
  }),
}));

/**
 * One tool call of a run step: code interpreter, file search or function (by `type`).
 *
 * @example
 * ToolCallSchema.parse({ id: 'call_2', type: 'file_search', file_search: {} }).type; // 'file_search'
 */
export const ToolCallSchema: z.ZodType<ToolCall> = typedSchema(z.discriminatedUnion('type', [
  CodeInterpreterToolCallSchema,
  FileSearchToolCallSchema,
  FunctionToolCallSchema,
]));

/**
 * Step details of a step that created a message: `{ type: 'message_creation', message_creation: { message_id } }`.
 *
 * @example
 * MessageCreationStepDetailsSchema.parse({ type: 'message_creation', message_creation: { message_id: 'msg_1' } });
 */
export const MessageCreationStepDetailsSchema = objectSchema<MessageCreationStepDetails>(z.object({
  type: z.literal('message_creation'),
  message_creation: z.object({ message_id: z.string() }),
}));

/**
 * Step details of a step that called tools: `{ type: 'tool_calls', tool_calls }`.
 *
 * @example
 * ToolCallsStepDetailsSchema.parse({ type: 'tool_calls', tool_calls: [] });
 */
export const ToolCallsStepDetailsSchema = objectSchema<ToolCallsStepDetails>(z.object({
  type: z.literal('tool_calls'),
  tool_calls: z.array(ToolCallSchema),
}));

/**
 * The details of a run step (by `type`).
 *
 * @example
 * RunStepDetailsSchema.parse(step.step_details).type; // 'message_creation' or 'tool_calls'
 */
export const RunStepDetailsSchema: z.ZodType<RunStepDetails> = typedSchema(z.discriminatedUnion('type', [
  MessageCreationStepDetailsSchema,
  ToolCallsStepDetailsSchema,
]));

/**
 * The type of a run step: `message_creation` or `tool_calls`.
 *
 * @example
 * RunStepTypeSchema.parse('tool_calls');
 */
export const RunStepTypeSchema: z.ZodType<RunStepType> = typedSchema(z.enum(['message_creation', 'tool_calls']));

/**
 * The status of a run step.
 *
 * @example
 * RunStepStatusSchema.parse('in_progress');
 */
export const RunStepStatusSchema: z.ZodType<RunStepStatus> = typedSchema(z.enum(['in_progress', 'cancelled', 'failed', 'completed', 'expired']));

/**
 * A step in the execution of a run (`object: 'thread.run.step'`).
 *
 * Deviation from the yaml: `expired_at` and `metadata` are required there (and in the official SDK type) but
 * optional here, because the published run step stream examples (and streams captured from the live API)
 * omit both; they carry an `expires_at` instead, which is kept as an unknown field.
 *
 * @example
 * const result = RunStepSchema.safeParse(json);
 * if (result.success && result.data.step_details.type === 'tool_calls') {
 *   for (const call of result.data.step_details.tool_calls) console.log(call.type);
 * }
 */
export const RunStepSchema = objectSchema<RunStep>(z.object({
  id: z.string(),
  object: z.literal('thread.run.step'),
  created_at: z.number(),
  assistant_id: z.string(),
  thread_id: z.string(),
  run_id: z.string(),
  type: RunStepTypeSchema,
  status: RunStepStatusSchema,
  step_details: RunStepDetailsSchema,
  last_error: RunStepLastErrorSchema.nullable(),
  expired_at: z.number().nullable().optional(),
  cancelled_at: z.number().nullable(),
  failed_at: z.number().nullable(),
  completed_at: z.number().nullable(),
  metadata: MetadataSchema.optional(),
  usage: RunStepUsageSchema.nullable(),
}));

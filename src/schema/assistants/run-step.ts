/**
 * The run step object (the data of `thread.run.step.created|in_progress|completed|failed|cancelled|expired`)
 * and its step details. The `thread.run.step.delta` shapes live in `run-step-delta.ts`.
 */
import { z } from 'zod';
import { FileSearchRankerSchema, MetadataSchema, RunStepLastErrorSchema, RunStepUsageSchema } from './common.js';

/**
 * Text output of a code interpreter call: `{ type: 'logs', logs }`.
 *
 * @example
 * CodeInterpreterLogsOutputSchema.parse({ type: 'logs', logs: '42' });
 */
export const CodeInterpreterLogsOutputSchema = z.object({
  type: z.literal('logs'),
  logs: z.string(),
});
/**
 * Text output of a code interpreter call.
 *
 * @example
 * const output: CodeInterpreterLogsOutput = { type: 'logs', logs: 'Hello from Python' };
 */
export type CodeInterpreterLogsOutput = z.infer<typeof CodeInterpreterLogsOutputSchema>;

/**
 * Image output of a code interpreter call: `{ type: 'image', image: { file_id } }`.
 *
 * @example
 * CodeInterpreterImageOutputSchema.parse({ type: 'image', image: { file_id: 'file-abc' } });
 */
export const CodeInterpreterImageOutputSchema = z.object({
  type: z.literal('image'),
  image: z.object({ file_id: z.string() }),
});
/**
 * Image output of a code interpreter call.
 *
 * @example
 * const plot: CodeInterpreterImageOutput = { type: 'image', image: { file_id: 'file-plot' } };
 */
export type CodeInterpreterImageOutput = z.infer<typeof CodeInterpreterImageOutputSchema>;

/**
 * One output of a code interpreter call: logs or an image (by `type`).
 *
 * @example
 * CodeInterpreterOutputSchema.parse({ type: 'logs', logs: '42' }).type; // 'logs'
 */
export const CodeInterpreterOutputSchema = z.discriminatedUnion('type', [
  CodeInterpreterLogsOutputSchema,
  CodeInterpreterImageOutputSchema,
]);
/**
 * One output of a code interpreter call.
 *
 * @example
 * function show(output: CodeInterpreterOutput) {
 *   return output.type === 'logs' ? output.logs : output.image.file_id;
 * }
 */
export type CodeInterpreterOutput = z.infer<typeof CodeInterpreterOutputSchema>;

/**
 * A code interpreter call of a run step: the `input` code and its `outputs`.
 *
 * @example
 * CodeInterpreterToolCallSchema.parse({ id: 'call_1', type: 'code_interpreter', code_interpreter: { input: '1+1', outputs: [] } });
 */
export const CodeInterpreterToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('code_interpreter'),
  code_interpreter: z.object({
    input: z.string(),
    outputs: z.array(CodeInterpreterOutputSchema),
  }),
});
/**
 * A code interpreter call of a run step.
 *
 * @example
 * function printLogs(call: CodeInterpreterToolCall) {
 *   for (const output of call.code_interpreter.outputs) if (output.type === 'logs') console.log(output.logs);
 * }
 */
export type CodeInterpreterToolCall = z.infer<typeof CodeInterpreterToolCallSchema>;

/**
 * The ranking options a file search call used (both fields required, unlike the tool's overrides).
 *
 * @example
 * FileSearchCallRankingOptionsSchema.parse({ ranker: 'default_2024_08_21', score_threshold: 0 });
 */
export const FileSearchCallRankingOptionsSchema = z.object({
  ranker: FileSearchRankerSchema,
  score_threshold: z.number(),
});
/**
 * The ranking options a file search call used.
 *
 * @example
 * const used: FileSearchCallRankingOptions = { ranker: 'auto', score_threshold: 0.5 };
 */
export type FileSearchCallRankingOptions = z.infer<typeof FileSearchCallRankingOptionsSchema>;

/**
 * One result of a file search call; `content` only when requested with `include`.
 *
 * @example
 * FileSearchResultSchema.parse({ file_id: 'file-abc', file_name: 'guide.pdf', score: 0.87 });
 */
export const FileSearchResultSchema = z.object({
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
});
/**
 * One result of a file search call.
 *
 * @example
 * const best = results.reduce((a: FileSearchResult, b: FileSearchResult) => (b.score > a.score ? b : a));
 */
export type FileSearchResult = z.infer<typeof FileSearchResultSchema>;

/**
 * A file search call of a run step; `file_search` carries the ranking options and results when present.
 *
 * @example
 * FileSearchToolCallSchema.parse({ id: 'call_2', type: 'file_search', file_search: {} });
 */
export const FileSearchToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('file_search'),
  file_search: z.object({
    ranking_options: FileSearchCallRankingOptionsSchema.optional(),
    results: z.array(FileSearchResultSchema).optional(),
  }),
});
/**
 * A file search call of a run step.
 *
 * @example
 * function fileNames(call: FileSearchToolCall) {
 *   return (call.file_search.results ?? []).map((result) => result.file_name);
 * }
 */
export type FileSearchToolCall = z.infer<typeof FileSearchToolCallSchema>;

/**
 * A function call of a run step: `name`, the JSON `arguments` text, and its `output` (`null` until submitted).
 *
 * @example
 * FunctionToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}', output: null } });
 */
export const FunctionToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
    output: z.string().nullable(),
  }),
});
/**
 * A function call of a run step.
 *
 * @example
 * const call: FunctionToolCall = {
 *   id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}', output: null },
 * };
 */
export type FunctionToolCall = z.infer<typeof FunctionToolCallSchema>;

/**
 * One tool call of a run step: code interpreter, file search or function (by `type`).
 *
 * @example
 * ToolCallSchema.parse({ id: 'call_2', type: 'file_search', file_search: {} }).type; // 'file_search'
 */
export const ToolCallSchema = z.discriminatedUnion('type', [
  CodeInterpreterToolCallSchema,
  FileSearchToolCallSchema,
  FunctionToolCallSchema,
]);
/**
 * One tool call of a run step.
 *
 * @example
 * function label(call: ToolCall) {
 *   return call.type === 'function' ? call.function.name : call.type;
 * }
 */
export type ToolCall = z.infer<typeof ToolCallSchema>;

/**
 * Step details of a step that created a message: `{ type: 'message_creation', message_creation: { message_id } }`.
 *
 * @example
 * MessageCreationStepDetailsSchema.parse({ type: 'message_creation', message_creation: { message_id: 'msg_1' } });
 */
export const MessageCreationStepDetailsSchema = z.object({
  type: z.literal('message_creation'),
  message_creation: z.object({ message_id: z.string() }),
});
/**
 * Step details of a step that created a message.
 *
 * @example
 * if (step.step_details.type === 'message_creation') {
 *   const details: MessageCreationStepDetails = step.step_details;
 *   console.log(details.message_creation.message_id);
 * }
 */
export type MessageCreationStepDetails = z.infer<typeof MessageCreationStepDetailsSchema>;

/**
 * Step details of a step that called tools: `{ type: 'tool_calls', tool_calls }`.
 *
 * @example
 * ToolCallsStepDetailsSchema.parse({ type: 'tool_calls', tool_calls: [] });
 */
export const ToolCallsStepDetailsSchema = z.object({
  type: z.literal('tool_calls'),
  tool_calls: z.array(ToolCallSchema),
});
/**
 * Step details of a step that called tools.
 *
 * @example
 * const details: ToolCallsStepDetails = { type: 'tool_calls', tool_calls: [] };
 */
export type ToolCallsStepDetails = z.infer<typeof ToolCallsStepDetailsSchema>;

/**
 * The details of a run step (by `type`).
 *
 * @example
 * RunStepDetailsSchema.parse(step.step_details).type; // 'message_creation' or 'tool_calls'
 */
export const RunStepDetailsSchema = z.discriminatedUnion('type', [
  MessageCreationStepDetailsSchema,
  ToolCallsStepDetailsSchema,
]);
/**
 * The details of a run step.
 *
 * @example
 * function callCount(details: RunStepDetails) {
 *   return details.type === 'tool_calls' ? details.tool_calls.length : 0;
 * }
 */
export type RunStepDetails = z.infer<typeof RunStepDetailsSchema>;

/**
 * The type of a run step: `message_creation` or `tool_calls`.
 *
 * @example
 * RunStepTypeSchema.parse('tool_calls');
 */
export const RunStepTypeSchema = z.enum(['message_creation', 'tool_calls']);
/**
 * The type of a run step.
 *
 * @example
 * const type: RunStepType = 'message_creation';
 */
export type RunStepType = z.infer<typeof RunStepTypeSchema>;

/**
 * The status of a run step.
 *
 * @example
 * RunStepStatusSchema.parse('in_progress');
 */
export const RunStepStatusSchema = z.enum(['in_progress', 'cancelled', 'failed', 'completed', 'expired']);
/**
 * The status of a run step.
 *
 * @example
 * const status: RunStepStatus = step.status;
 * if (status === 'failed') console.error(step.last_error?.message);
 */
export type RunStepStatus = z.infer<typeof RunStepStatusSchema>;

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
export const RunStepSchema = z.object({
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
});
/**
 * A step in the execution of a run.
 *
 * @example
 * if (event.event === 'thread.run.step.completed') {
 *   const step: RunStep = event.data;
 *   console.log(step.usage?.total_tokens);
 * }
 */
export type RunStep = z.infer<typeof RunStepSchema>;

/**
 * Shapes shared by the objects of the Assistants API stream: metadata, usage, errors, tools, response format,
 * tool choice, truncation and incomplete details. Written from the `AssistantStreamEvent` components of the
 * public OpenAPI description; names follow the official SDK's types where it has one.
 */
import { z } from 'zod';

/**
 * Up to 16 string key-value pairs attached to an object, or `null`.
 *
 * @example
 * MetadataSchema.parse({ user: 'u_1' }); // { user: 'u_1' }
 */
export const MetadataSchema = z.record(z.string(), z.string()).nullable();
/**
 * Metadata of an object: string keys to string values, or `null`.
 *
 * @example
 * const metadata: Metadata = run.metadata;
 * console.log(metadata?.['user']);
 */
export type Metadata = z.infer<typeof MetadataSchema>;

/**
 * Token usage of a run (`Run.usage` is `null` until the run reaches a terminal state).
 *
 * @example
 * const usage = RunUsageSchema.parse({ completion_tokens: 12, prompt_tokens: 30, total_tokens: 42 });
 */
export const RunUsageSchema = z.object({
  completion_tokens: z.number(),
  prompt_tokens: z.number(),
  total_tokens: z.number(),
});
/**
 * Token usage of a run.
 *
 * @example
 * const usage: RunUsage | null = run.usage;
 * console.log(usage?.total_tokens);
 */
export type RunUsage = z.infer<typeof RunUsageSchema>;

/**
 * Token usage of a run step (`RunStep.usage` is `null` while the step is `in_progress`).
 *
 * @example
 * RunStepUsageSchema.nullable().parse(step.usage); // null while the step is in_progress
 */
export const RunStepUsageSchema = z.object({
  completion_tokens: z.number(),
  prompt_tokens: z.number(),
  total_tokens: z.number(),
});
/**
 * Token usage of a run step.
 *
 * @example
 * const usage: RunStepUsage = { completion_tokens: 5, prompt_tokens: 20, total_tokens: 25 };
 */
export type RunStepUsage = z.infer<typeof RunStepUsageSchema>;

/**
 * The last error of a run: `server_error`, `rate_limit_exceeded` or `invalid_prompt`, with a message.
 *
 * @example
 * RunLastErrorSchema.parse({ code: 'rate_limit_exceeded', message: 'Rate limit reached' });
 */
export const RunLastErrorSchema = z.object({
  code: z.enum(['server_error', 'rate_limit_exceeded', 'invalid_prompt']),
  message: z.string(),
});
/**
 * The last error of a run.
 *
 * @example
 * const error: RunLastError | null = run.last_error;
 * if (error?.code === 'rate_limit_exceeded') retryLater();
 */
export type RunLastError = z.infer<typeof RunLastErrorSchema>;

/**
 * The last error of a run step: `server_error` or `rate_limit_exceeded`, with a message.
 *
 * @example
 * RunStepLastErrorSchema.parse({ code: 'server_error', message: 'The server had an error' });
 */
export const RunStepLastErrorSchema = z.object({
  code: z.enum(['server_error', 'rate_limit_exceeded']),
  message: z.string(),
});
/**
 * The last error of a run step.
 *
 * @example
 * const error: RunStepLastError = { code: 'server_error', message: 'Try again' };
 */
export type RunStepLastError = z.infer<typeof RunStepLastErrorSchema>;

/**
 * The data of an `event: error` block: `{ code, message, param, type }` (`code` and `param` may be `null`).
 *
 * @example
 * ErrorObjectSchema.safeParse({ code: null, message: 'boom', param: null, type: 'server_error' }).success; // true
 */
export const ErrorObjectSchema = z.object({
  code: z.string().nullable(),
  message: z.string(),
  param: z.string().nullable(),
  type: z.string(),
});
/**
 * The data of an `event: error` block.
 *
 * @example
 * function report(error: ErrorObject) {
 *   console.error(error.type, error.code ?? '', error.message);
 * }
 */
export type ErrorObject = z.infer<typeof ErrorObjectSchema>;

/**
 * Why a run is incomplete: which token limit was reached (`reason` may be absent).
 *
 * @example
 * RunIncompleteDetailsSchema.parse({ reason: 'max_completion_tokens' });
 */
export const RunIncompleteDetailsSchema = z.object({
  reason: z.enum(['max_completion_tokens', 'max_prompt_tokens']).optional(),
});
/**
 * Why a run is incomplete.
 *
 * @example
 * const details: RunIncompleteDetails | null = run.incomplete_details;
 * if (details?.reason === 'max_prompt_tokens') console.warn('prompt too long');
 */
export type RunIncompleteDetails = z.infer<typeof RunIncompleteDetailsSchema>;

/**
 * Why a message is incomplete.
 *
 * @example
 * MessageIncompleteDetailsSchema.parse({ reason: 'max_tokens' });
 */
export const MessageIncompleteDetailsSchema = z.object({
  reason: z.enum(['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed']),
});
/**
 * Why a message is incomplete.
 *
 * @example
 * const details: MessageIncompleteDetails = { reason: 'content_filter' };
 */
export type MessageIncompleteDetails = z.infer<typeof MessageIncompleteDetailsSchema>;

/**
 * How the thread was truncated before the run: `auto`, or the `last_messages` most recent messages.
 *
 * @example
 * TruncationStrategySchema.parse({ type: 'auto', last_messages: null });
 */
export const TruncationStrategySchema = z.object({
  type: z.enum(['auto', 'last_messages']),
  last_messages: z.number().nullable().optional(),
});
/**
 * How the thread was truncated before the run.
 *
 * @example
 * const strategy: TruncationStrategy = { type: 'last_messages', last_messages: 10 };
 */
export type TruncationStrategy = z.infer<typeof TruncationStrategySchema>;

// ---- tools -------------------------------------------------------------------------------------------------

/**
 * The code interpreter tool `{ type: 'code_interpreter' }`.
 *
 * @example
 * CodeInterpreterToolSchema.parse({ type: 'code_interpreter' });
 */
export const CodeInterpreterToolSchema = z.object({ type: z.literal('code_interpreter') });
/**
 * The code interpreter tool.
 *
 * @example
 * const tool: CodeInterpreterTool = { type: 'code_interpreter' };
 */
export type CodeInterpreterTool = z.infer<typeof CodeInterpreterToolSchema>;

/**
 * The ranker of a file search: `auto` or `default_2024_08_21`.
 *
 * @example
 * FileSearchRankerSchema.parse('default_2024_08_21');
 */
export const FileSearchRankerSchema = z.enum(['auto', 'default_2024_08_21']);
/**
 * The ranker of a file search.
 *
 * @example
 * const ranker: FileSearchRanker = 'auto';
 */
export type FileSearchRanker = z.infer<typeof FileSearchRankerSchema>;

/**
 * Ranking options of the file search tool (`score_threshold` between 0 and 1, optional ranker).
 *
 * @example
 * FileSearchRankingOptionsSchema.parse({ ranker: 'auto', score_threshold: 0.5 });
 */
export const FileSearchRankingOptionsSchema = z.object({
  ranker: FileSearchRankerSchema.optional(),
  score_threshold: z.number(),
});
/**
 * Ranking options of the file search tool.
 *
 * @example
 * const ranking: FileSearchRankingOptions = { score_threshold: 0.7 };
 */
export type FileSearchRankingOptions = z.infer<typeof FileSearchRankingOptionsSchema>;

/**
 * The file search tool, with optional overrides (`max_num_results`, `ranking_options`).
 *
 * @example
 * FileSearchToolSchema.parse({ type: 'file_search', file_search: { max_num_results: 5 } });
 */
export const FileSearchToolSchema = z.object({
  type: z.literal('file_search'),
  file_search: z
    .object({
      max_num_results: z.number().optional(),
      ranking_options: FileSearchRankingOptionsSchema.optional(),
    })
    .optional(),
});
/**
 * The file search tool.
 *
 * @example
 * const tool: FileSearchTool = { type: 'file_search', file_search: { ranking_options: { score_threshold: 0.5 } } };
 */
export type FileSearchTool = z.infer<typeof FileSearchToolSchema>;

/**
 * The file search tool as a message attachment names it: `{ type: 'file_search' }` only.
 *
 * @example
 * FileSearchToolTypeOnlySchema.parse({ type: 'file_search' });
 */
export const FileSearchToolTypeOnlySchema = z.object({ type: z.literal('file_search') });
/**
 * The file search tool as a message attachment names it.
 *
 * @example
 * const attachmentTool: FileSearchToolTypeOnly = { type: 'file_search' };
 */
export type FileSearchToolTypeOnly = z.infer<typeof FileSearchToolTypeOnlySchema>;

/**
 * The parameters a function accepts: a JSON Schema object, kept as it is.
 *
 * @example
 * FunctionParametersSchema.parse({ type: 'object', properties: { city: { type: 'string' } } });
 */
export const FunctionParametersSchema = z.record(z.string(), z.unknown());
/**
 * The parameters a function accepts (a JSON Schema object).
 *
 * @example
 * const parameters: FunctionParameters = { type: 'object', properties: {}, required: [] };
 */
export type FunctionParameters = z.infer<typeof FunctionParametersSchema>;

/**
 * A function the model may call (the yaml's `FunctionObject`): `name`, optional `description`, `parameters`
 * and `strict`.
 *
 * @example
 * FunctionDefinitionSchema.parse({ name: 'get_weather', parameters: { type: 'object', properties: {} } });
 */
export const FunctionDefinitionSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: FunctionParametersSchema.optional(),
  strict: z.boolean().nullable().optional(),
});
/**
 * A function the model may call.
 *
 * @example
 * const fn: FunctionDefinition = { name: 'get_weather', description: 'Weather of a city', strict: true };
 */
export type FunctionDefinition = z.infer<typeof FunctionDefinitionSchema>;

/**
 * The function tool `{ type: 'function', function: FunctionDefinition }`.
 *
 * @example
 * FunctionToolSchema.parse({ type: 'function', function: { name: 'get_weather' } });
 */
export const FunctionToolSchema = z.object({
  type: z.literal('function'),
  function: FunctionDefinitionSchema,
});
/**
 * The function tool.
 *
 * @example
 * const tool: FunctionTool = { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } };
 */
export type FunctionTool = z.infer<typeof FunctionToolSchema>;

/**
 * One tool of an assistant or run: code interpreter, file search or function (by `type`).
 *
 * @example
 * AssistantToolSchema.parse({ type: 'code_interpreter' });
 */
export const AssistantToolSchema = z.discriminatedUnion('type', [
  CodeInterpreterToolSchema,
  FileSearchToolSchema,
  FunctionToolSchema,
]);
/**
 * One tool of an assistant or run.
 *
 * @example
 * const names = run.tools.flatMap((tool: AssistantTool) => (tool.type === 'function' ? [tool.function.name] : []));
 */
export type AssistantTool = z.infer<typeof AssistantToolSchema>;

// ---- response format -----------------------------------------------------------------------------------------

/**
 * The default response format `{ type: 'text' }`.
 *
 * @example
 * ResponseFormatTextSchema.parse({ type: 'text' });
 */
export const ResponseFormatTextSchema = z.object({ type: z.literal('text') });
/**
 * The default response format.
 *
 * @example
 * const format: ResponseFormatText = { type: 'text' };
 */
export type ResponseFormatText = z.infer<typeof ResponseFormatTextSchema>;

/**
 * JSON mode `{ type: 'json_object' }`.
 *
 * @example
 * ResponseFormatJSONObjectSchema.safeParse(run.response_format).success; // true in JSON mode
 */
export const ResponseFormatJSONObjectSchema = z.object({ type: z.literal('json_object') });
/**
 * JSON mode.
 *
 * @example
 * const format: ResponseFormatJSONObject = { type: 'json_object' };
 */
export type ResponseFormatJSONObject = z.infer<typeof ResponseFormatJSONObjectSchema>;

/**
 * Structured Outputs `{ type: 'json_schema', json_schema: { name, description?, schema?, strict? } }`.
 *
 * @example
 * ResponseFormatJSONSchemaSchema.parse({ type: 'json_schema', json_schema: { name: 'answer', strict: true } });
 */
export const ResponseFormatJSONSchemaSchema = z.object({
  type: z.literal('json_schema'),
  json_schema: z.object({
    name: z.string(),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});
/**
 * Structured Outputs response format.
 *
 * @example
 * const format: ResponseFormatJSONSchema = { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } };
 */
export type ResponseFormatJSONSchema = z.infer<typeof ResponseFormatJSONSchemaSchema>;

/**
 * The response format of a run: `'auto'` or one of the `text` / `json_object` / `json_schema` objects.
 *
 * @example
 * AssistantResponseFormatOptionSchema.parse('auto');
 */
export const AssistantResponseFormatOptionSchema = z.union([
  z.literal('auto'),
  z.discriminatedUnion('type', [ResponseFormatTextSchema, ResponseFormatJSONObjectSchema, ResponseFormatJSONSchemaSchema]),
]);
/**
 * The response format of a run.
 *
 * @example
 * const format: AssistantResponseFormatOption = run.response_format ?? 'auto';
 * if (format !== 'auto' && format.type === 'json_schema') console.log(format.json_schema.name);
 */
export type AssistantResponseFormatOption = z.infer<typeof AssistantResponseFormatOptionSchema>;

// ---- tool choice ---------------------------------------------------------------------------------------------

/**
 * The function a named tool choice forces: `{ name }`.
 *
 * @example
 * AssistantToolChoiceFunctionSchema.parse({ name: 'get_weather' });
 */
export const AssistantToolChoiceFunctionSchema = z.object({ name: z.string() });
/**
 * The function a named tool choice forces.
 *
 * @example
 * const forced: AssistantToolChoiceFunction = { name: 'get_weather' };
 */
export type AssistantToolChoiceFunction = z.infer<typeof AssistantToolChoiceFunctionSchema>;

/**
 * A named tool choice: `{ type, function? }` (the yaml's `AssistantsNamedToolChoice`).
 *
 * @example
 * AssistantToolChoiceSchema.parse({ type: 'file_search' });
 */
export const AssistantToolChoiceSchema = z.object({
  type: z.enum(['function', 'code_interpreter', 'file_search']),
  function: AssistantToolChoiceFunctionSchema.optional(),
});
/**
 * A named tool choice.
 *
 * @example
 * const choice: AssistantToolChoice = { type: 'function', function: { name: 'get_weather' } };
 */
export type AssistantToolChoice = z.infer<typeof AssistantToolChoiceSchema>;

/**
 * The tool choice of a run: `'none' | 'auto' | 'required'` or a named tool choice.
 *
 * @example
 * AssistantToolChoiceOptionSchema.parse({ type: 'function', function: { name: 'get_weather' } });
 */
export const AssistantToolChoiceOptionSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  AssistantToolChoiceSchema,
]);
/**
 * The tool choice of a run.
 *
 * @example
 * const choice: AssistantToolChoiceOption | null = run.tool_choice;
 * if (typeof choice === 'object' && choice?.type === 'function') console.log(choice.function?.name);
 */
export type AssistantToolChoiceOption = z.infer<typeof AssistantToolChoiceOptionSchema>;

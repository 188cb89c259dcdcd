/**
 * Shapes shared by the objects of the Assistants API stream: metadata, usage, errors, tools, response format,
 * tool choice, truncation and incomplete details. Written from the `AssistantStreamEvent` components of the
 * public OpenAPI description; names follow the official SDK's types where it has one.
 */
import { z } from 'zod';
import type { AssistantResponseFormatOption, AssistantTool, AssistantToolChoice, AssistantToolChoiceFunction, AssistantToolChoiceOption, CodeInterpreterTool, ErrorObject, FileSearchRanker, FileSearchRankingOptions, FileSearchTool, FileSearchToolTypeOnly, FunctionDefinition, FunctionParameters, FunctionTool, MessageIncompleteDetails, Metadata, ResponseFormatJSONObject, ResponseFormatJSONSchema, ResponseFormatText, RunIncompleteDetails, RunLastError, RunStepLastError, RunStepUsage, RunUsage, TruncationStrategy } from '../../wire/assistants.js';
export type { AssistantResponseFormatOption, AssistantTool, AssistantToolChoice, AssistantToolChoiceFunction, AssistantToolChoiceOption, CodeInterpreterTool, ErrorObject, FileSearchRanker, FileSearchRankingOptions, FileSearchTool, FileSearchToolTypeOnly, FunctionDefinition, FunctionParameters, FunctionTool, MessageIncompleteDetails, Metadata, ResponseFormatJSONObject, ResponseFormatJSONSchema, ResponseFormatText, RunIncompleteDetails, RunLastError, RunStepLastError, RunStepUsage, RunUsage, TruncationStrategy } from '../../wire/assistants.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Up to 16 string key-value pairs attached to an object, or `null`.
 *
 * @example
 * MetadataSchema.parse({ user: 'u_1' }); // { user: 'u_1' }
 */
export const MetadataSchema: z.ZodType<Metadata> = typedSchema(z.record(z.string(), z.string()).nullable());

/**
 * Token usage of a run (`Run.usage` is `null` until the run reaches a terminal state).
 *
 * @example
 * const usage = RunUsageSchema.parse({ completion_tokens: 12, prompt_tokens: 30, total_tokens: 42 });
 */
export const RunUsageSchema = objectSchema<RunUsage>(z.object({
  completion_tokens: z.number(),
  prompt_tokens: z.number(),
  total_tokens: z.number(),
}));

/**
 * Token usage of a run step (`RunStep.usage` is `null` while the step is `in_progress`).
 *
 * @example
 * RunStepUsageSchema.nullable().parse(step.usage); // null while the step is in_progress
 */
export const RunStepUsageSchema = objectSchema<RunStepUsage>(z.object({
  completion_tokens: z.number(),
  prompt_tokens: z.number(),
  total_tokens: z.number(),
}));

/**
 * The last error of a run: `server_error`, `rate_limit_exceeded` or `invalid_prompt`, with a message.
 *
 * @example
 * RunLastErrorSchema.parse({ code: 'rate_limit_exceeded', message: 'Rate limit reached' });
 */
export const RunLastErrorSchema = objectSchema<RunLastError>(z.object({
  code: z.enum(['server_error', 'rate_limit_exceeded', 'invalid_prompt']),
  message: z.string(),
}));

/**
 * The last error of a run step: `server_error` or `rate_limit_exceeded`, with a message.
 *
 * @example
 * RunStepLastErrorSchema.parse({ code: 'server_error', message: 'The server had an error' });
 */
export const RunStepLastErrorSchema = objectSchema<RunStepLastError>(z.object({
  code: z.enum(['server_error', 'rate_limit_exceeded']),
  message: z.string(),
}));

/**
 * The data of an `event: error` block: `{ code, message, param, type }` (`code` and `param` may be `null`).
 *
 * @example
 * ErrorObjectSchema.safeParse({ code: null, message: 'boom', param: null, type: 'server_error' }).success; // true
 */
export const ErrorObjectSchema = objectSchema<ErrorObject>(z.object({
  code: z.string().nullable(),
  message: z.string(),
  param: z.string().nullable(),
  type: z.string(),
}));

/**
 * Why a run is incomplete: which token limit was reached (`reason` may be absent).
 *
 * @example
 * RunIncompleteDetailsSchema.parse({ reason: 'max_completion_tokens' });
 */
export const RunIncompleteDetailsSchema = objectSchema<RunIncompleteDetails>(z.object({
  reason: z.enum(['max_completion_tokens', 'max_prompt_tokens']).optional(),
}));

/**
 * Why a message is incomplete.
 *
 * @example
 * MessageIncompleteDetailsSchema.parse({ reason: 'max_tokens' });
 */
export const MessageIncompleteDetailsSchema = objectSchema<MessageIncompleteDetails>(z.object({
  reason: z.enum(['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed']),
}));

/**
 * How the thread was truncated before the run: `auto`, or the `last_messages` most recent messages.
 *
 * @example
 * TruncationStrategySchema.parse({ type: 'auto', last_messages: null });
 */
export const TruncationStrategySchema = objectSchema<TruncationStrategy>(z.object({
  type: z.enum(['auto', 'last_messages']),
  last_messages: z.number().nullable().optional(),
}));

// ---- tools -------------------------------------------------------------------------------------------------

/**
 * The code interpreter tool `{ type: 'code_interpreter' }`.
 *
 * @example
 * CodeInterpreterToolSchema.parse({ type: 'code_interpreter' });
 */
export const CodeInterpreterToolSchema = objectSchema<CodeInterpreterTool>(z.object({ type: z.literal('code_interpreter') }));

/**
 * The ranker of a file search: `auto` or `default_2024_08_21`.
 *
 * @example
 * FileSearchRankerSchema.parse('default_2024_08_21');
 */
export const FileSearchRankerSchema: z.ZodType<FileSearchRanker> = typedSchema(z.enum(['auto', 'default_2024_08_21']));

/**
 * Ranking options of the file search tool (`score_threshold` between 0 and 1, optional ranker).
 *
 * @example
 * FileSearchRankingOptionsSchema.parse({ ranker: 'auto', score_threshold: 0.5 });
 */
export const FileSearchRankingOptionsSchema = objectSchema<FileSearchRankingOptions>(z.object({
  ranker: FileSearchRankerSchema.optional(),
  score_threshold: z.number(),
}));

/**
 * The file search tool, with optional overrides (`max_num_results`, `ranking_options`).
 *
 * @example
 * FileSearchToolSchema.parse({ type: 'file_search', file_search: { max_num_results: 5 } });
 */
export const FileSearchToolSchema = objectSchema<FileSearchTool>(z.object({
  type: z.literal('file_search'),
  file_search: z
    .object({
      max_num_results: z.number().optional(),
      ranking_options: FileSearchRankingOptionsSchema.optional(),
    })
    .optional(),
}));

/**
 * The file search tool as a message attachment names it: `{ type: 'file_search' }` only.
 *
 * @example
 * FileSearchToolTypeOnlySchema.parse({ type: 'file_search' });
 */
export const FileSearchToolTypeOnlySchema = objectSchema<FileSearchToolTypeOnly>(z.object({ type: z.literal('file_search') }));

/**
 * The parameters a function accepts: a JSON Schema object, kept as it is.
 *
 * @example
 * FunctionParametersSchema.parse({ type: 'object', properties: { city: { type: 'string' } } });
 */
export const FunctionParametersSchema: z.ZodType<FunctionParameters> = typedSchema(z.record(z.string(), z.unknown()));

/**
 * A function the model may call (the yaml's `FunctionObject`): `name`, optional `description`, `parameters`
 * and `strict`.
 *
 * @example
 * FunctionDefinitionSchema.parse({ name: 'get_weather', parameters: { type: 'object', properties: {} } });
 */
export const FunctionDefinitionSchema = objectSchema<FunctionDefinition>(z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: FunctionParametersSchema.optional(),
  strict: z.boolean().nullable().optional(),
}));

/**
 * The function tool `{ type: 'function', function: FunctionDefinition }`.
 *
 * @example
 * FunctionToolSchema.parse({ type: 'function', function: { name: 'get_weather' } });
 */
export const FunctionToolSchema = objectSchema<FunctionTool>(z.object({
  type: z.literal('function'),
  function: FunctionDefinitionSchema,
}));

/**
 * One tool of an assistant or run: code interpreter, file search or function (by `type`).
 *
 * @example
 * AssistantToolSchema.parse({ type: 'code_interpreter' });
 */
export const AssistantToolSchema: z.ZodType<AssistantTool> = typedSchema(z.discriminatedUnion('type', [
  CodeInterpreterToolSchema,
  FileSearchToolSchema,
  FunctionToolSchema,
]));

// ---- response format -----------------------------------------------------------------------------------------

/**
 * The default response format `{ type: 'text' }`.
 *
 * @example
 * ResponseFormatTextSchema.parse({ type: 'text' });
 */
export const ResponseFormatTextSchema = objectSchema<ResponseFormatText>(z.object({ type: z.literal('text') }));

/**
 * JSON mode `{ type: 'json_object' }`.
 *
 * @example
 * ResponseFormatJSONObjectSchema.safeParse(run.response_format).success; // true in JSON mode
 */
export const ResponseFormatJSONObjectSchema = objectSchema<ResponseFormatJSONObject>(z.object({ type: z.literal('json_object') }));

/**
 * Structured Outputs `{ type: 'json_schema', json_schema: { name, description?, schema?, strict? } }`.
 *
 * @example
 * ResponseFormatJSONSchemaSchema.parse({ type: 'json_schema', json_schema: { name: 'answer', strict: true } });
 */
export const ResponseFormatJSONSchemaSchema = objectSchema<ResponseFormatJSONSchema>(z.object({
  type: z.literal('json_schema'),
  json_schema: z.object({
    name: z.string(),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
}));

/**
 * The response format of a run: `'auto'` or one of the `text` / `json_object` / `json_schema` objects.
 *
 * @example
 * AssistantResponseFormatOptionSchema.parse('auto');
 */
export const AssistantResponseFormatOptionSchema: z.ZodType<AssistantResponseFormatOption> = typedSchema(z.union([
  z.literal('auto'),
  z.discriminatedUnion('type', [ResponseFormatTextSchema, ResponseFormatJSONObjectSchema, ResponseFormatJSONSchemaSchema]),
]));

// ---- tool choice ---------------------------------------------------------------------------------------------

/**
 * The function a named tool choice forces: `{ name }`.
 *
 * @example
 * AssistantToolChoiceFunctionSchema.parse({ name: 'get_weather' });
 */
export const AssistantToolChoiceFunctionSchema = objectSchema<AssistantToolChoiceFunction>(z.object({ name: z.string() }));

/**
 * A named tool choice: `{ type, function? }` (the yaml's `AssistantsNamedToolChoice`).
 *
 * @example
 * AssistantToolChoiceSchema.parse({ type: 'file_search' });
 */
export const AssistantToolChoiceSchema = objectSchema<AssistantToolChoice>(z.object({
  type: z.enum(['function', 'code_interpreter', 'file_search']),
  function: AssistantToolChoiceFunctionSchema.optional(),
}));

/**
 * The tool choice of a run: `'none' | 'auto' | 'required'` or a named tool choice.
 *
 * @example
 * AssistantToolChoiceOptionSchema.parse({ type: 'function', function: { name: 'get_weather' } });
 */
export const AssistantToolChoiceOptionSchema: z.ZodType<AssistantToolChoiceOption> = typedSchema(z.union([
  z.enum(['none', 'auto', 'required']),
  AssistantToolChoiceSchema,
]));

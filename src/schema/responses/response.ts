/**
 * The response object (`Response`) and its usage, error and moderation.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { ResponseMetadataSchema, ResponseServiceTierSchema, ResponsesModelSchema } from './common.js';
import { ResponseInputItemSchema } from './input-items.js';
import { ResponseOutputItemSchema } from './output-items.js';
import {
  ReasoningSchema,
  ResponsePromptSchema,
  ResponseTextConfigSchema,
  ResponseToolChoiceSchema,
  ToolsArraySchema,
} from './tools.js';
import type { ModerationErrorBody, ModerationInputType, ModerationResultBody, PromptCacheModeEnum, PromptCacheOptions, PromptCacheTTLEnum, Response, ResponseConversation, ResponseError, ResponseErrorCode, ResponseModeration, ResponseUsage } from '../../wire/responses-api.js';
export type { ModerationErrorBody, ModerationInputType, ModerationResultBody, PromptCacheModeEnum, PromptCacheOptions, PromptCacheTTLEnum, Response, ResponseConversation, ResponseError, ResponseErrorCode, ResponseModeration, ResponseUsage } from '../../wire/responses-api.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * What a moderation covered: `text` or `image`.
 *
 * @example
 * ModerationInputTypeSchema.parse('image');
 */
export const ModerationInputTypeSchema: z.ZodType<ModerationInputType> = typedSchema(z.enum(['text', 'image']));

/**
 * A moderation result produced for the response input or output.
 *
 * @example
 * const { flagged, categories } = ModerationResultBodySchema.parse(json);
 */
export const ModerationResultBodySchema = objectSchema<ModerationResultBody>(z.object({
  type: z.literal('moderation_result'),
  model: z.string(),
  flagged: z.boolean(),
  categories: z.record(z.string(), z.boolean()),
  category_scores: z.record(z.string(), z.number()),
  category_applied_input_types: z.record(z.string(), z.array(ModerationInputTypeSchema)),
}));

/**
 * An error produced while attempting moderation for the response input or output.
 *
 * @example
 * ModerationErrorBodySchema.parse({ type: 'error', code: 'moderation_unavailable', message: 'Try again later' });
 */
export const ModerationErrorBodySchema = objectSchema<ModerationErrorBody>(z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
}));

/**
 * Moderation results or errors for the response input and output.
 *
 * @example
 * const { input, output } = ResponseModerationSchema.parse(json);
 * if (output.type === 'moderation_result' && output.flagged) console.warn('output flagged');
 */
export const ResponseModerationSchema = objectSchema<ResponseModeration>(z.object({
  input: z.discriminatedUnion('type', [ModerationResultBodySchema, ModerationErrorBodySchema]),
  output: z.discriminatedUnion('type', [ModerationResultBodySchema, ModerationErrorBodySchema]),
}));

/**
 * How prompt caching was applied: `implicit` or `explicit`.
 *
 * @example
 * PromptCacheModeEnumSchema.parse('implicit');
 */
export const PromptCacheModeEnumSchema: z.ZodType<PromptCacheModeEnum> = typedSchema(z.enum(['implicit', 'explicit']));

/**
 * The minimum lifetime of a prompt cache entry.
 *
 * @example
 * PromptCacheTTLEnumSchema.parse('30m'); // the only value
 */
export const PromptCacheTTLEnumSchema: z.ZodType<PromptCacheTTLEnum> = typedSchema(z.literal('30m'));

/**
 * The prompt-caching options that were applied to the response.
 *
 * @example
 * PromptCacheOptionsSchema.parse({ ttl: '30m', mode: 'explicit' });
 */
export const PromptCacheOptionsSchema = objectSchema<PromptCacheOptions>(z.object({
  ttl: PromptCacheTTLEnumSchema,
  mode: PromptCacheModeEnumSchema,
}));

/**
 * The error code for the response.
 *
 * @example
 * ResponseErrorCodeSchema.parse('rate_limit_exceeded');
 */
export const ResponseErrorCodeSchema: z.ZodType<ResponseErrorCode> = typedSchema(z.enum([
  'server_error',
  'rate_limit_exceeded',
  'invalid_prompt',
  'data_residency_mismatch',
  'bio_policy',
  'vector_store_timeout',
  'invalid_image',
  'invalid_image_format',
  'invalid_base64_image',
  'invalid_image_url',
  'image_too_large',
  'image_too_small',
  'image_parse_error',
  'image_content_policy_violation',
  'invalid_image_mode',
  'image_file_too_large',
  'unsupported_image_media_type',
  'empty_image_file',
  'failed_to_download_image',
  'image_file_not_found',
]));

/**
 * The error of a failed response: a `code` and a `message` (`null` when the response did not fail).
 *
 * @example
 * const error = ResponseErrorSchema.parse(json); // null when the response did not fail
 * if (error) console.error(error.code, error.message);
 */
export const ResponseErrorSchema: z.ZodType<ResponseError> = typedSchema(z.object({
  code: ResponseErrorCodeSchema,
  message: z.string(),
}).nullable());

/**
 * Represents token usage details including input tokens, output tokens, a breakdown of output tokens, and the total
 * tokens used.
 *
 * @example
 * const { input_tokens, output_tokens, total_tokens } = ResponseUsageSchema.parse(json);
 */
export const ResponseUsageSchema = objectSchema<ResponseUsage>(z.object({
  input_tokens: z.number(),
  input_tokens_details: z.object({
    cached_tokens: z.number(),
    // Absent on the real wire (OpenAI and Azure recordings), though the OpenAPI description requires it.
    cache_write_tokens: z.number().optional(),
  }).optional(),
  output_tokens: z.number(),
  output_tokens_details: z.object({
    reasoning_tokens: z.number(),
  }),
  total_tokens: z.number(),
}));

/**
 * The conversation that this response belonged to.
 *
 * @example
 * ResponseConversationSchema.parse({ id: 'conv_123' }).id;
 */
export const ResponseConversationSchema = objectSchema<ResponseConversation>(z.object({
  id: z.string(),
}));

/**
 * The response object: its status, output items, usage, error, and the settings it was created with.
 *
 * @example
 * const response = ResponseSchema.parse(json);
 * if (response.status === 'completed') console.log(response.output_text, response.usage?.total_tokens);
 */
export const ResponseSchema = objectSchema<Response>(z.object({
  metadata: ResponseMetadataSchema,
  top_logprobs: z.number().nullable().optional(),
  temperature: z.number().nullable(),
  top_p: z.number().nullable(),
  user: z.string().nullable().optional(),
  safety_identifier: z.string().nullable().optional(),
  prompt_cache_key: z.string().nullable().optional(),
  prompt_cache_retention: z.enum(['in_memory', '24h']).nullable().optional(),
  previous_response_id: z.string().nullable().optional(),
  model: ResponsesModelSchema,
  background: z.boolean().nullable().optional(),
  max_tool_calls: z.number().nullable().optional(),
  text: ResponseTextConfigSchema.optional(),
  tools: ToolsArraySchema,
  tool_choice: ResponseToolChoiceSchema,
  prompt: ResponsePromptSchema.optional(),
  service_tier: ResponseServiceTierSchema.optional(),
  truncation: z.enum(['auto', 'disabled']).nullable().optional(),
  id: z.string(),
  object: z.literal('response'),
  status: z.enum([
    'completed',
    'failed',
    'in_progress',
    'cancelled',
    'queued',
    'incomplete',
  ]).optional(),
  created_at: z.number(),
  completed_at: z.number().nullable().optional(),
  error: ResponseErrorSchema,
  incomplete_details: z.object({
    reason: z.enum(['max_output_tokens', 'content_filter']).optional(),
  }).nullable(),
  output: z.array(ResponseOutputItemSchema),
  reasoning: ReasoningSchema.nullable().optional(),
  instructions: z.union([z.string(), z.array(ResponseInputItemSchema)]).nullable(),
  output_text: z.string().nullable().optional(),
  usage: ResponseUsageSchema.nullable().optional(),
  prompt_cache_options: PromptCacheOptionsSchema.optional(),
  moderation: ResponseModerationSchema.nullable().optional(),
  parallel_tool_calls: z.boolean(),
  conversation: ResponseConversationSchema.nullable().optional(),
  max_output_tokens: z.number().nullable().optional(),
}));

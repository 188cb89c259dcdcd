/**
 * A streamed chunk of a Chat Completions response (`object: "chat.completion.chunk"`) and everything it
 * references. Written from `CreateChatCompletionStreamResponse` of the public OpenAPI description; names follow
 * the official SDK's types (`ChatCompletionChunk`, `ChatCompletionTokenLogprob`, `CompletionUsage`, ...).
 *
 * Every chunk of a stream is validated, so these schemas stay flat and cheap: no refinements, no transforms.
 */
import { z } from 'zod';
import type { ChatCompletionChoiceLogprobs, ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta, ChatCompletionChunkFunctionCall, ChatCompletionChunkToolCall, ChatCompletionFinishReason, ChatCompletionModeration, ChatCompletionModerationOutcome, ChatCompletionModerationResult, ChatCompletionRole, ChatCompletionServiceTier, ChatCompletionTokenLogprob, ChatCompletionTopLogprob, CompletionUsage } from '../../wire/chat.js';
export type { ChatCompletionChoiceLogprobs, ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta, ChatCompletionChunkFunctionCall, ChatCompletionChunkToolCall, ChatCompletionFinishReason, ChatCompletionModeration, ChatCompletionModerationOutcome, ChatCompletionModerationResult, ChatCompletionRole, ChatCompletionServiceTier, ChatCompletionTokenLogprob, ChatCompletionTopLogprob, CompletionUsage } from '../../wire/chat.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * The role of a message's author, as a delta may carry it.
 *
 * @example
 * ChatCompletionRoleSchema.parse('assistant');
 */
export const ChatCompletionRoleSchema: z.ZodType<ChatCompletionRole> = typedSchema(z.enum(['developer', 'system', 'user', 'assistant', 'tool']));

/**
 * Why the model stopped: `stop`, `length`, `tool_calls`, `content_filter` or (deprecated) `function_call`.
 *
 * @example
 * ChatCompletionFinishReasonSchema.parse('tool_calls');
 */
export const ChatCompletionFinishReasonSchema: z.ZodType<ChatCompletionFinishReason> = typedSchema(z.enum([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]));

/**
 * The processing tier that served the request (`auto`, `default`, `flex`, `scale`, `priority`, `fast`), or
 * `null`.
 *
 * @example
 * ChatCompletionServiceTierSchema.parse('flex');
 */
export const ChatCompletionServiceTierSchema: z.ZodType<ChatCompletionServiceTier> = typedSchema(z
  .enum(['auto', 'default', 'flex', 'scale', 'priority', 'fast'])
  .nullable());

/**
 * One of the most likely tokens at a position, with its log probability and UTF-8 bytes.
 *
 * @example
 * ChatCompletionTopLogprobSchema.parse({ token: 'Hello', logprob: -0.3, bytes: [72, 101, 108, 108, 111] });
 */
export const ChatCompletionTopLogprobSchema = objectSchema<ChatCompletionTopLogprob>(z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullable(),
}));

/**
 * A token of the output with its log probability, its UTF-8 bytes (`null` when it has none) and the most likely
 * alternatives.
 *
 * @example
 * ChatCompletionTokenLogprobSchema.parse({ token: 'Hi', logprob: -0.01, bytes: [72, 105], top_logprobs: [] });
 */
export const ChatCompletionTokenLogprobSchema = objectSchema<ChatCompletionTokenLogprob>(z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullable(),
  top_logprobs: z.array(ChatCompletionTopLogprobSchema),
}));

/**
 * The log probabilities of a choice: content tokens and refusal tokens (either may be `null`).
 *
 * @example
 * ChatCompletionChoiceLogprobsSchema.parse({ content: [], refusal: null });
 */
export const ChatCompletionChoiceLogprobsSchema = objectSchema<ChatCompletionChoiceLogprobs>(z.object({
  content: z.array(ChatCompletionTokenLogprobSchema).nullable(),
  refusal: z.array(ChatCompletionTokenLogprobSchema).nullable(),
}));

/**
 * A fragment of a tool call at `index` of the message's tool calls: `id`, `type` and `function.name` (or
 * `custom.name` for a custom tool) come with the first fragment, `function.arguments` (`custom.input`) arrive in
 * pieces to concatenate.
 *
 * @example
 * ChatCompletionChunkToolCallSchema.parse({ index: 0, function: { arguments: '{"ci' } });
 */
export const ChatCompletionChunkToolCallSchema = objectSchema<ChatCompletionChunkToolCall>(z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.enum(['function', 'custom']).optional(),
  function: z
    .object({
      name: z.string().optional(),
      arguments: z.string().optional(),
    })
    .optional(),
  custom: z
    .object({
      name: z.string().optional(),
      input: z.string().optional(),
    })
    .optional(),
}));

/**
 * A fragment of the deprecated `function_call`: `name` first, then `arguments` in pieces.
 *
 * @example
 * ChatCompletionChunkFunctionCallSchema.parse({ name: 'get_weather' });
 */
export const ChatCompletionChunkFunctionCallSchema = objectSchema<ChatCompletionChunkFunctionCall>(z.object({
  arguments: z.string().optional(),
  name: z.string().optional(),
}));

/**
 * What a chunk adds to a choice's message: `role` (first chunk), `content` and `refusal` fragments,
 * `tool_calls` fragments by index, or the deprecated `function_call`.
 *
 * @example
 * ChatCompletionChunkDeltaSchema.parse({ content: 'Hello' });
 */
export const ChatCompletionChunkDeltaSchema = objectSchema<ChatCompletionChunkDelta>(z.object({
  content: z.string().nullable().optional(),
  function_call: ChatCompletionChunkFunctionCallSchema.optional(),
  tool_calls: z.array(ChatCompletionChunkToolCallSchema).optional(),
  role: ChatCompletionRoleSchema.optional(),
  refusal: z.string().nullable().optional(),
  // Audio answers (`modalities: ['audio']`) stream their audio in pieces; the last piece may carry only `expires_at`.
  audio: z
    .object({
      id: z.string().optional(),
      data: z.string().optional(),
      transcript: z.string().optional(),
      expires_at: z.number().optional(),
    })
    .optional(),
}));

/**
 * One choice of a chunk: its `index`, the `delta`, `finish_reason` (`null` until it ends) and `logprobs`.
 *
 * @example
 * ChatCompletionChunkChoiceSchema.parse({ index: 0, delta: { content: 'Hi' }, finish_reason: null });
 */
export const ChatCompletionChunkChoiceSchema = objectSchema<ChatCompletionChunkChoice>(z.object({
  // Optional: Azure OpenAI ends a stream with a content-filter chunk whose choice has no delta.
  delta: ChatCompletionChunkDeltaSchema.optional(),
  logprobs: ChatCompletionChoiceLogprobsSchema.nullable().optional(),
  finish_reason: ChatCompletionFinishReasonSchema.nullable(),
  index: z.number(),
}));

/**
 * Token counts of a request: prompt, completion, total, with optional breakdowns.
 *
 * @example
 * const usage = CompletionUsageSchema.parse({ completion_tokens: 9, prompt_tokens: 12, total_tokens: 21 });
 */
export const CompletionUsageSchema = objectSchema<CompletionUsage>(z.object({
  completion_tokens: z.number(),
  prompt_tokens: z.number(),
  total_tokens: z.number(),
  completion_tokens_details: z
    .object({
      accepted_prediction_tokens: z.number().optional(),
      audio_tokens: z.number().optional(),
      reasoning_tokens: z.number().optional(),
      text_tokens: z.number().optional(),
      rejected_prediction_tokens: z.number().optional(),
    })
    .optional(),
  prompt_tokens_details: z
    .object({
      audio_tokens: z.number().optional(),
      cached_tokens: z.number().optional(),
      text_tokens: z.number().optional(),
      image_tokens: z.number().optional(),
      cache_write_tokens: z.number().optional(),
    })
    .optional(),
}));

// ---- moderation (present on the moderation chunk when moderated completions are requested) --------------------

/**
 * What a moderation input type can be: `text` or `image`.
 *
 * @example
 * ChatCompletionModerationInputTypeSchema.parse('image');
 */
export const ChatCompletionModerationInputTypeSchema = z.enum(['text', 'image']);

/**
 * One moderation result: whether it was flagged, by which categories, with scores.
 *
 * @example
 * ChatCompletionModerationResultSchema.parse({
 *   type: 'moderation_result', model: 'omni-moderation-latest', flagged: false,
 *   categories: {}, category_scores: {}, category_applied_input_types: {},
 * });
 */
export const ChatCompletionModerationResultSchema = objectSchema<ChatCompletionModerationResult>(z.object({
  type: z.literal('moderation_result'),
  model: z.string(),
  flagged: z.boolean(),
  categories: z.record(z.string(), z.boolean()),
  category_scores: z.record(z.string(), z.number()),
  category_applied_input_types: z.record(z.string(), z.array(ChatCompletionModerationInputTypeSchema)),
}));

/**
 * Moderation of the input or the output: results, or the error that prevented them (by `type`).
 *
 * @example
 * ChatCompletionModerationOutcomeSchema.parse({ type: 'error', code: 'timeout', message: 'Moderation timed out' });
 */
export const ChatCompletionModerationOutcomeSchema: z.ZodType<ChatCompletionModerationOutcome> = typedSchema(z.discriminatedUnion('type', [
  z.object({
    type: z.literal('moderation_results'),
    model: z.string(),
    results: z.array(ChatCompletionModerationResultSchema),
  }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
  }),
]));

/**
 * Moderation results (or errors) for the request input and the generated output.
 *
 * @example
 * ChatCompletionModerationSchema.safeParse(chunk.moderation).success; // true on the moderation chunk
 */
export const ChatCompletionModerationSchema = objectSchema<ChatCompletionModeration>(z.object({
  input: ChatCompletionModerationOutcomeSchema,
  output: ChatCompletionModerationOutcomeSchema,
}));

/**
 * One `data:` line of a Chat Completions stream. Every chunk of a stream has the same `id`, `created` and
 * `model`; `choices` is empty on the final usage chunk (`stream_options: { include_usage: true }`).
 *
 * @example
 * const chunk = ChatCompletionChunkSchema.parse(JSON.parse(sse.data));
 * process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
 */
export const ChatCompletionChunkSchema = objectSchema<ChatCompletionChunk>(z.object({
  id: z.string(),
  choices: z.array(ChatCompletionChunkChoiceSchema),
  created: z.number(),
  model: z.string(),
  obfuscation: z.string().optional(),
  service_tier: ChatCompletionServiceTierSchema.optional(),
  // Azure OpenAI sends `null`.
  system_fingerprint: z.string().nullable().optional(),
  // Azure OpenAI's first chunk (its `prompt_filter_results`) carries `""` here, and in `id` and `model`.
  object: z.union([z.literal('chat.completion.chunk'), z.literal('')]),
  usage: CompletionUsageSchema.nullable().optional(),
  moderation: ChatCompletionModerationSchema.nullable().optional(),
}));

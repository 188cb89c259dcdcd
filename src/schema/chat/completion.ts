/**
 * A whole chat completion (`object: "chat.completion"`): what a non-streaming request returns, and what
 * `finalChatCompletion()` builds from a stream (the same fields the official SDK's
 * `ChatCompletionStream.finalChatCompletion()` produces).
 */
import { z } from 'zod';
import {
  ChatCompletionChoiceLogprobsSchema,
  ChatCompletionFinishReasonSchema,
  ChatCompletionModerationSchema,
  ChatCompletionServiceTierSchema,
  CompletionUsageSchema,
} from './chunk.js';
import type { ChatCompletion, ChatCompletionAudio, ChatCompletionChoice, ChatCompletionMessage, ChatCompletionMessageAnnotation, ChatCompletionMessageCustomToolCall, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageToolCall } from '../../wire/chat.js';
export type { ChatCompletion, ChatCompletionAudio, ChatCompletionChoice, ChatCompletionMessage, ChatCompletionMessageAnnotation, ChatCompletionMessageCustomToolCall, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageToolCall } from '../../wire/chat.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * A function tool call of a message: its `id`, and the function's `name` and whole `arguments` text.
 *
 * @example
 * ChatCompletionMessageFunctionToolCallSchema.parse({
 *   id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
 * });
 */
export const ChatCompletionMessageFunctionToolCallSchema = objectSchema<ChatCompletionMessageFunctionToolCall>(z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
}));

/**
 * A custom tool call of a message: its `id`, the tool's `name` and the `input` the model wrote.
 *
 * @example
 * ChatCompletionMessageCustomToolCallSchema.parse({ id: 'call_2', type: 'custom', custom: { name: 'sql', input: 'SELECT 1' } });
 */
export const ChatCompletionMessageCustomToolCallSchema = objectSchema<ChatCompletionMessageCustomToolCall>(z.object({
  id: z.string(),
  type: z.literal('custom'),
  custom: z.object({
    name: z.string(),
    input: z.string(),
  }),
}));

/**
 * A tool call of a message (by `type`): `function` (the only kind a stream carries) or `custom`.
 *
 * @example
 * if (call.type === 'function') JSON.parse(call.function.arguments);
 */
export const ChatCompletionMessageToolCallSchema: z.ZodType<ChatCompletionMessageToolCall> = typedSchema(z.discriminatedUnion('type', [
  ChatCompletionMessageFunctionToolCallSchema,
  ChatCompletionMessageCustomToolCallSchema,
]));

/**
 * A URL citation of a message (web search): the cited `url` and `title`, and the span of content it covers.
 *
 * @example
 * ChatCompletionMessageAnnotationSchema.parse({
 *   type: 'url_citation', url_citation: { start_index: 0, end_index: 20, title: 'Example', url: 'https://example.com' },
 * });
 */
export const ChatCompletionMessageAnnotationSchema = objectSchema<ChatCompletionMessageAnnotation>(z.object({
  type: z.literal('url_citation'),
  url_citation: z.object({
    end_index: z.number(),
    start_index: z.number(),
    title: z.string(),
    url: z.string(),
  }),
}));

/**
 * The audio answer of a message (`modalities: ['audio']`): its id, base64 `data`, expiry and transcript.
 *
 * @example
 * ChatCompletionAudioSchema.parse({ id: 'audio_1', data: 'UklGRiQAAABXQVZF', expires_at: 1735689600, transcript: 'Hello!' });
 */
export const ChatCompletionAudioSchema = objectSchema<ChatCompletionAudio>(z.object({
  id: z.string(),
  data: z.string(),
  expires_at: z.number(),
  transcript: z.string(),
}));

/**
 * The assistant's message of a choice: `content` and `refusal` (each `null` when absent), and the tool calls,
 * deprecated `function_call`, annotations and audio when there were any.
 *
 * @example
 * const message: ChatCompletionMessage = completion.choices[0]!.message;
 * console.log(message.content ?? message.refusal);
 */
export const ChatCompletionMessageSchema = objectSchema<ChatCompletionMessage>(z.object({
  content: z.string().nullable(),
  refusal: z.string().nullable(),
  role: z.literal('assistant'),
  annotations: z.array(ChatCompletionMessageAnnotationSchema).optional(),
  audio: ChatCompletionAudioSchema.nullable().optional(),
  function_call: z.object({ arguments: z.string(), name: z.string() }).nullable().optional(),
  tool_calls: z.array(ChatCompletionMessageToolCallSchema).optional(),
}));

/**
 * One choice of a completion: its `index`, why it ended, its message and its log probabilities.
 *
 * @example
 * ChatCompletionChoiceSchema.parse({
 *   index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi', refusal: null },
 * });
 */
export const ChatCompletionChoiceSchema = objectSchema<ChatCompletionChoice>(z.object({
  finish_reason: ChatCompletionFinishReasonSchema,
  index: z.number(),
  logprobs: ChatCompletionChoiceLogprobsSchema.nullable(),
  message: ChatCompletionMessageSchema,
}));

/**
 * A whole chat completion.
 *
 * @example
 * const completion = ChatCompletionSchema.parse(await response.json());
 * console.log(completion.choices[0]?.message.content, completion.usage?.total_tokens);
 */
export const ChatCompletionSchema = objectSchema<ChatCompletion>(z.object({
  id: z.string(),
  choices: z.array(ChatCompletionChoiceSchema),
  created: z.number(),
  model: z.string(),
  object: z.literal('chat.completion'),
  moderation: ChatCompletionModerationSchema.nullable().optional(),
  service_tier: ChatCompletionServiceTierSchema.optional(),
  system_fingerprint: z.string().optional(),
  // A streamed completion keeps the chunks' `usage: null` when usage was not asked for (as the SDK's does).
  usage: CompletionUsageSchema.nullable().optional(),
}));

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

/**
 * A function tool call of a message: its `id`, and the function's `name` and whole `arguments` text.
 *
 * @example
 * ChatCompletionMessageFunctionToolCallSchema.parse({
 *   id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
 * });
 */
export const ChatCompletionMessageFunctionToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
});
/**
 * A function tool call of a message.
 *
 * @example
 * const argsOf = (call: ChatCompletionMessageFunctionToolCall): unknown => JSON.parse(call.function.arguments);
 */
export type ChatCompletionMessageFunctionToolCall = z.infer<typeof ChatCompletionMessageFunctionToolCallSchema>;

/**
 * A custom tool call of a message: its `id`, the tool's `name` and the `input` the model wrote.
 *
 * @example
 * ChatCompletionMessageCustomToolCallSchema.parse({ id: 'call_2', type: 'custom', custom: { name: 'sql', input: 'SELECT 1' } });
 */
export const ChatCompletionMessageCustomToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('custom'),
  custom: z.object({
    name: z.string(),
    input: z.string(),
  }),
});
/**
 * A custom tool call of a message.
 *
 * @example
 * const call: ChatCompletionMessageCustomToolCall = { id: 'call_3', type: 'custom', custom: { name: 'grammar', input: 'x = 1' } };
 */
export type ChatCompletionMessageCustomToolCall = z.infer<typeof ChatCompletionMessageCustomToolCallSchema>;

/**
 * A tool call of a message (by `type`): `function` (the only kind a stream carries) or `custom`.
 *
 * @example
 * if (call.type === 'function') JSON.parse(call.function.arguments);
 */
export const ChatCompletionMessageToolCallSchema = z.discriminatedUnion('type', [
  ChatCompletionMessageFunctionToolCallSchema,
  ChatCompletionMessageCustomToolCallSchema,
]);
/**
 * A tool call of a message.
 *
 * @example
 * const names = (message.tool_calls ?? []).map((call: ChatCompletionMessageToolCall) =>
 *   call.type === 'function' ? call.function.name : call.custom.name,
 * );
 */
export type ChatCompletionMessageToolCall = z.infer<typeof ChatCompletionMessageToolCallSchema>;

/**
 * A URL citation of a message (web search): the cited `url` and `title`, and the span of content it covers.
 *
 * @example
 * ChatCompletionMessageAnnotationSchema.parse({
 *   type: 'url_citation', url_citation: { start_index: 0, end_index: 20, title: 'Example', url: 'https://example.com' },
 * });
 */
export const ChatCompletionMessageAnnotationSchema = z.object({
  type: z.literal('url_citation'),
  url_citation: z.object({
    end_index: z.number(),
    start_index: z.number(),
    title: z.string(),
    url: z.string(),
  }),
});
/**
 * A URL citation of a message.
 *
 * @example
 * const links = (message.annotations ?? []).map((a: ChatCompletionMessageAnnotation) => a.url_citation.url);
 */
export type ChatCompletionMessageAnnotation = z.infer<typeof ChatCompletionMessageAnnotationSchema>;

/**
 * The audio answer of a message (`modalities: ['audio']`): its id, base64 `data`, expiry and transcript.
 *
 * @example
 * ChatCompletionAudioSchema.parse({ id: 'audio_1', data: 'UklGRiQAAABXQVZF', expires_at: 1735689600, transcript: 'Hello!' });
 */
export const ChatCompletionAudioSchema = z.object({
  id: z.string(),
  data: z.string(),
  expires_at: z.number(),
  transcript: z.string(),
});
/**
 * The audio answer of a message.
 *
 * @example
 * if (message.audio) {
 *   const audio: ChatCompletionAudio = message.audio;
 *   console.log(audio.transcript);
 * }
 */
export type ChatCompletionAudio = z.infer<typeof ChatCompletionAudioSchema>;

/**
 * The assistant's message of a choice: `content` and `refusal` (each `null` when absent), and the tool calls,
 * deprecated `function_call`, annotations and audio when there were any.
 *
 * @example
 * const message: ChatCompletionMessage = completion.choices[0]!.message;
 * console.log(message.content ?? message.refusal);
 */
export const ChatCompletionMessageSchema = z.object({
  content: z.string().nullable(),
  refusal: z.string().nullable(),
  role: z.literal('assistant'),
  annotations: z.array(ChatCompletionMessageAnnotationSchema).optional(),
  audio: ChatCompletionAudioSchema.nullable().optional(),
  function_call: z.object({ arguments: z.string(), name: z.string() }).nullable().optional(),
  tool_calls: z.array(ChatCompletionMessageToolCallSchema).optional(),
});
/**
 * The assistant's message of a choice.
 *
 * @example
 * function textOf(message: ChatCompletionMessage) {
 *   return message.content ?? message.refusal ?? '';
 * }
 */
export type ChatCompletionMessage = z.infer<typeof ChatCompletionMessageSchema>;

/**
 * One choice of a completion: its `index`, why it ended, its message and its log probabilities.
 *
 * @example
 * ChatCompletionChoiceSchema.parse({
 *   index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi', refusal: null },
 * });
 */
export const ChatCompletionChoiceSchema = z.object({
  finish_reason: ChatCompletionFinishReasonSchema,
  index: z.number(),
  logprobs: ChatCompletionChoiceLogprobsSchema.nullable(),
  message: ChatCompletionMessageSchema,
});
/**
 * One choice of a completion.
 *
 * @example
 * const choice: ChatCompletionChoice | undefined = completion.choices[0];
 * if (choice?.finish_reason === 'tool_calls') console.log(choice.message.tool_calls);
 */
export type ChatCompletionChoice = z.infer<typeof ChatCompletionChoiceSchema>;

/**
 * A whole chat completion.
 *
 * @example
 * const completion = ChatCompletionSchema.parse(await response.json());
 * console.log(completion.choices[0]?.message.content, completion.usage?.total_tokens);
 */
export const ChatCompletionSchema = z.object({
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
});
/**
 * A whole chat completion.
 *
 * @example
 * events$.pipe(finalChatCompletion()).subscribe((completion: ChatCompletion) => save(completion));
 */
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

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

/** A function tool call of a message: its `id`, and the function's `name` and whole `arguments` text. */
export const ChatCompletionMessageFunctionToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
});
/** A function tool call of a message. */
export type ChatCompletionMessageFunctionToolCall = z.infer<typeof ChatCompletionMessageFunctionToolCallSchema>;

/** A custom tool call of a message: its `id`, the tool's `name` and the `input` the model wrote. */
export const ChatCompletionMessageCustomToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('custom'),
  custom: z.object({
    name: z.string(),
    input: z.string(),
  }),
});
/** A custom tool call of a message. */
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
/** A tool call of a message. */
export type ChatCompletionMessageToolCall = z.infer<typeof ChatCompletionMessageToolCallSchema>;

/** A URL citation of a message (web search): the cited `url` and `title`, and the span of content it covers. */
export const ChatCompletionMessageAnnotationSchema = z.object({
  type: z.literal('url_citation'),
  url_citation: z.object({
    end_index: z.number(),
    start_index: z.number(),
    title: z.string(),
    url: z.string(),
  }),
});
/** A URL citation of a message. */
export type ChatCompletionMessageAnnotation = z.infer<typeof ChatCompletionMessageAnnotationSchema>;

/** The audio answer of a message (`modalities: ['audio']`): its id, base64 `data`, expiry and transcript. */
export const ChatCompletionAudioSchema = z.object({
  id: z.string(),
  data: z.string(),
  expires_at: z.number(),
  transcript: z.string(),
});
/** The audio answer of a message. */
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
/** The assistant's message of a choice. */
export type ChatCompletionMessage = z.infer<typeof ChatCompletionMessageSchema>;

/** One choice of a completion: its `index`, why it ended, its message and its log probabilities. */
export const ChatCompletionChoiceSchema = z.object({
  finish_reason: ChatCompletionFinishReasonSchema,
  index: z.number(),
  logprobs: ChatCompletionChoiceLogprobsSchema.nullable(),
  message: ChatCompletionMessageSchema,
});
/** One choice of a completion. */
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
  usage: CompletionUsageSchema.optional(),
});
/**
 * A whole chat completion.
 *
 * @example
 * events$.pipe(finalChatCompletion()).subscribe((completion: ChatCompletion) => save(completion));
 */
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

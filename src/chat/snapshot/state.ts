import type { ChatCompletionAudio, ChatCompletionChoiceLogprobs, ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta, ChatCompletionChunkFunctionCall, ChatCompletionChunkToolCall } from '../../wire/chat.js';

/**
 * A tool call as accumulated so far: `id` and `type` from its first fragment, `function.name`, and
 * `function.arguments` concatenated from every fragment (possibly not yet valid JSON); for a custom tool
 * (`type: 'custom'`), `custom.name` and `custom.input`.
 *
 * @example
 * const args: string = toolCall.function?.arguments ?? '';
 */
export type ChatCompletionSnapshotToolCall = Readonly<Omit<ChatCompletionChunkToolCall, 'index' | 'function' | 'custom'>> & {
  readonly function?: { readonly name: string; readonly arguments: string } | undefined;
  /** A custom tool's call: its `name` and the `input` text concatenated from every fragment. */
  readonly custom?: { readonly name: string; readonly input: string } | undefined;
};

/**
 * A choice's message as accumulated so far: `role`, `content` and `refusal` concatenated, tool calls by index,
 * the deprecated `function_call`, and audio (when the request asked for it).
 *
 * @example
 * const text: string = message.content ?? '';
 */
export type ChatCompletionSnapshotMessage = Readonly<
  Pick<ChatCompletionChunkDelta, 'role' | 'content' | 'refusal'>
> & {
  readonly tool_calls?: readonly ChatCompletionSnapshotToolCall[] | undefined;
  readonly function_call?: Readonly<ChatCompletionChunkFunctionCall> | undefined;
  readonly audio?: Readonly<Partial<ChatCompletionAudio>> | undefined;
};

/**
 * A choice as accumulated so far: its `index`, `finish_reason` (`null` until it ends), `logprobs`
 * (`content` / `refusal` token arrays concatenated) and message.
 *
 * @example
 * if (choice.finish_reason === 'length') warnTruncated(choice.index);
 */
export type ChatCompletionSnapshotChoice = Readonly<Pick<ChatCompletionChunkChoice, 'index' | 'finish_reason'>> & {
  readonly logprobs: Readonly<ChatCompletionChoiceLogprobs> | null;
  readonly message: ChatCompletionSnapshotMessage;
};

/**
 * What a Chat Completions stream has told so far, as `accumulateChatCompletion()` emits it after each chunk
 * (the counterpart of the official SDK's `currentChatCompletionSnapshot`). The chunk-level fields (`id`,
 * `created`, `model`, `system_fingerprint`, `service_tier`, `usage`, ...) are the latest ones seen; `choices[i]`
 * is the choice with `index` i. Immutable: a snapshot is never changed after it is emitted, and choices a chunk
 * did not touch keep their identity from one snapshot to the next.
 *
 * @example
 * chunks$.pipe(accumulateChatCompletion()).subscribe((snapshot) => render(snapshot.choices[0]?.message.content));
 */
export type ChatCompletionSnapshot = Readonly<Omit<ChatCompletionChunk, 'choices'>> & {
  readonly choices: readonly ChatCompletionSnapshotChoice[];
};

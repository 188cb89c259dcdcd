import { map, type OperatorFunction, pipe, reduce } from 'rxjs';
import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';
import { finalizeChatCompletion } from '../snapshot/finalize.js';
import { NO_PENDING_LOGPROBS, pendingLogprobsReducer, settledLogprobs } from '../snapshot/pending-logprobs.js';
import { readingWith } from '../../operators/reducing-operator.js';

/**
 * Emits once, when the stream completes: the whole {@link ChatCompletion} (`object: 'chat.completion'`), built
 * from every chunk as the official SDK's `ChatCompletionStream.finalChatCompletion()` builds it (see
 * {@link finalizeChatCompletion} for the rules and the few deliberate differences). Fails with
 * `MissingCompletionError` when there was no chunk or no choice, or a choice never got its `finish_reason`; a stream that
 * fails (a cut stream is an `IncompleteStreamError`) fails this too, with no completion. A stream holding several
 * completions (the chunks of `runChatTools()`'s turns, a retry after a cut) gives the last one, as the SDK's
 * runner does: a chunk of another completion `id` starts a new accumulation, by the rule of `chatCompletionReducer`
 * (when it opens a message, or the completion before finished).
 *
 * @example
 * import { chatCompletionChunks, finalChatCompletion } from 'rx-openai-stream';
 *
 * chatCompletionChunks(response).pipe(finalChatCompletion()).subscribe((completion) => {
 *   console.log(completion.choices[0]?.message.content, completion.usage?.total_tokens);
 * });
 */
export function finalChatCompletion(): OperatorFunction<ChatCompletionChunk, ChatCompletion> {
  return pipe(
    // The reducer of `accumulateChatCompletion()`, with the chunks' logprobs token lists appended at the end: the
    // snapshots in between are never seen here (see `pendingLogprobsReducer`).
    reduce(readingWith(pendingLogprobsReducer), NO_PENDING_LOGPROBS),
    map((state) => finalizeChatCompletion(settledLogprobs(state))),
  );
}

import { type OperatorFunction, scan } from 'rxjs';
import type { ChatCompletionChunk } from '../../wire/chat.js';
import { chatCompletionReducer } from '../snapshot/reducer.js';
import type { ChatCompletionSnapshot } from '../snapshot/state.js';
import { readingWith } from '../../operators/reducing-operator.js';

/**
 * Accumulates a Chat Completions stream into snapshots: one {@link ChatCompletionSnapshot} per chunk, with every
 * choice (by `index`) so far: `content` and `refusal` concatenated, tool calls with their `function.arguments`
 * concatenated, `logprobs` token arrays concatenated, `finish_reason`, and the latest `usage`, `model`,
 * `system_fingerprint`, `service_tier`. The pure {@link chatCompletionReducer} wrapped in `scan`: snapshots are
 * immutable and share unchanged choices, so `===` tells what changed. One snapshot per completion: a chunk of
 * another completion `id` (the next turn of `runChatTools()`, a retry after a cut) starts a new snapshot when the
 * chunk opens a message (`delta.role`) or the completion before finished (servers that give every chunk an id of
 * its own stay one).
 *
 * With `logprobs: true`, each snapshot holds its own list of every token's logprobs so far, so each chunk copies the
 * list: a long answer costs time in the square of its length (`node bench/logprobs.mjs`). For the final completion
 * only, `finalChatCompletion()` appends them once.
 *
 * @example
 * import { map, distinctUntilChanged } from 'rxjs';
 * import { accumulateChatCompletion } from 'rx-openai-stream';
 *
 * chunks$.pipe(
 *   accumulateChatCompletion(),
 *   map((snapshot) => snapshot.choices[0]?.message.content ?? ''),
 *   distinctUntilChanged(),
 * ).subscribe((text) => render(text));
 */
export function accumulateChatCompletion(): OperatorFunction<ChatCompletionChunk, ChatCompletionSnapshot> {
  return scan(readingWith(chatCompletionReducer), undefined as ChatCompletionSnapshot | undefined) as OperatorFunction<
    ChatCompletionChunk,
    ChatCompletionSnapshot
  >;
}

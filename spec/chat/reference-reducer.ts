// The Chat Completions reducer as it was before its hot path (spreads only), kept as the reference that
// `reducer-fast-path.spec.ts` holds the current one to. Not a spec itself.

import { SnapshotError } from '../../src/errors/stream-errors';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCall,
} from '../../src/schema/chat/index';
import type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChatCompletionSnapshotToolCall,
} from '../../src/chat/snapshot/state';

/**
 * The largest choice or tool call `index` accepted. Indexes address array positions: a huge one would make every
 * later copy of the array as long, so it is refused with a {@link SnapshotError} instead (`n` is at most 128).
 *
 * @example
 * if (choiceIndex > MAX_CHAT_INDEX) throw new RangeError('no such choice');
 */
export const MAX_CHAT_INDEX = 4096;

const NO_CHOICES: readonly ChatCompletionSnapshotChoice[] = Object.freeze([]);

/**
 * The pure reducer behind `accumulateChatCompletion()`: `(snapshot, chunk) => snapshot`, `undefined` before the
 * first chunk. Never mutates `snapshot` or `chunk`; the new snapshot shares every choice the chunk did not touch.
 *
 * The merge rules are the official SDK's (`ChatCompletionStream`), so `finalizeChatCompletion()` of the last
 * snapshot equals its `finalChatCompletion()`:
 * - chunk-level fields (`id`, `model`, `created`, `system_fingerprint`, `service_tier`, `usage`, ...) take the
 *   latest chunk's values (chunks with an empty `id` change only choices);
 * - each choice is found by `index`; `finish_reason` is kept once set; other choice fields take the latest value;
 * - `delta.content` and `delta.refusal` concatenate (empty fragments change nothing), `role` is replaced;
 * - `tool_calls` fragments merge by `index`: `id`, `type` and `function.name` are set by the fragments that carry
 *   them, `function.arguments` concatenate; the deprecated `function_call` merges the same way;
 * - `logprobs.content` and `logprobs.refusal` token arrays concatenate.
 *
 * Unlike the SDK, the first chunk of a choice that already carries logprob tokens is not counted twice, and no
 * chunk is ever modified. Throws {@link SnapshotError} for an `index` above {@link MAX_CHAT_INDEX}.
 *
 * @example
 * import { scan } from 'rxjs';
 * chunks$.pipe(scan(chatCompletionReducer, undefined as ChatCompletionSnapshot | undefined));
 */
export function referenceChatCompletionReducer(
  snapshot: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
): ChatCompletionSnapshot {
  const { choices, ...rest } = chunk;
  const previous = snapshot === undefined ? NO_CHOICES : snapshot.choices;
  const next = choices.length === 0 ? previous : reduceChoices(previous, choices);
  if (snapshot === undefined) return { ...rest, choices: next };
  if (chunk.id) return { ...snapshot, ...rest, choices: next };
  return next === previous ? snapshot : { ...snapshot, choices: next };
}

function reduceChoices(
  previous: readonly ChatCompletionSnapshotChoice[],
  choices: readonly ChatCompletionChunkChoice[],
): readonly ChatCompletionSnapshotChoice[] {
  const next = previous.slice();
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i]!;
    const index = checkedIndex(choice.index, `choices.${i}.index`);
    next[index] = reduceChoice(next[index], choice);
  }
  return next;
}

const CHOICE_KEYS: ReadonlySet<string> = new Set(['delta', 'finish_reason', 'index', 'logprobs']);

function reduceChoice(
  previous: ChatCompletionSnapshotChoice | undefined,
  chunkChoice: ChatCompletionChunkChoice,
): ChatCompletionSnapshotChoice {
  const { delta, finish_reason, index } = chunkChoice;
  const logprobs = chunkChoice.logprobs ?? null;
  let choice: ChatCompletionSnapshotChoice;
  if (previous === undefined) {
    choice = { finish_reason, index, message: EMPTY_MESSAGE, logprobs };
  } else {
    choice = previous;
    if (logprobs) choice = { ...choice, logprobs: mergeLogprobs(choice.logprobs, logprobs) };
    if (finish_reason) choice = { ...choice, finish_reason };
  }
  // Fields the schema does not know take the latest value, as they do in the SDK.
  for (const key in chunkChoice) {
    if (CHOICE_KEYS.has(key)) continue;
    safeKey(key, 'choices');
    choice = { ...choice, [key]: (chunkChoice as unknown as Record<string, unknown>)[key] };
  }
  const message = delta ? reduceMessage(choice.message, delta) : choice.message;
  return message === choice.message ? choice : { ...choice, message };
}

type Logprobs = NonNullable<ChatCompletionSnapshotChoice['logprobs']>;

function mergeLogprobs(previous: Logprobs | null, logprobs: Logprobs): Logprobs {
  if (!previous) return { ...logprobs };
  const { content, refusal, ...rest } = logprobs;
  let merged: Logprobs = { ...previous, ...rest };
  if (content) merged = { ...merged, content: (previous.content ?? []).concat(content) };
  if (refusal) merged = { ...merged, refusal: (previous.refusal ?? []).concat(refusal) };
  return merged;
}

const EMPTY_MESSAGE: ChatCompletionSnapshotMessage = Object.freeze({});

const DELTA_KEYS: ReadonlySet<string> = new Set(['content', 'refusal', 'role', 'tool_calls', 'function_call', 'audio']);

type MutableMessage = { -readonly [K in keyof ChatCompletionSnapshotMessage]: ChatCompletionSnapshotMessage[K] } & {
  [key: string]: unknown;
};

function reduceMessage(
  previous: ChatCompletionSnapshotMessage,
  delta: ChatCompletionChunkDelta,
): ChatCompletionSnapshotMessage {
  // A fresh object is made on the first change only; until it is returned nobody else sees it.
  let message: MutableMessage | undefined;
  const edit = (): MutableMessage => (message ??= { ...previous });
  for (const key in delta) {
    if (DELTA_KEYS.has(key)) continue;
    safeKey(key, 'delta');
    edit()[key] = (delta as Record<string, unknown>)[key];
  }
  const { content, refusal, role, tool_calls, function_call } = delta;
  const audio = (delta as { audio?: AudioDelta | null }).audio;
  if (refusal) edit().refusal = (previous.refusal || '') + refusal;
  if (role) edit().role = role;
  if (audio) edit().audio = mergeAudio(previous.audio, audio);
  if (function_call) {
    const before = previous.function_call;
    edit().function_call = before
      ? {
          ...before,
          ...(function_call.name ? { name: function_call.name } : {}),
          ...(function_call.arguments ? { arguments: (before.arguments ?? '') + function_call.arguments } : {}),
        }
      : { ...function_call };
  }
  if (content) edit().content = (previous.content || '') + content;
  if (tool_calls) edit().tool_calls = reduceToolCalls(previous.tool_calls ?? [], tool_calls);
  return message ?? previous;
}

type AudioDelta = { id?: string | null; data?: string | null; transcript?: string | null; expires_at?: number | null };

function mergeAudio(
  previous: ChatCompletionSnapshotMessage['audio'],
  audio: AudioDelta,
): ChatCompletionSnapshotMessage['audio'] {
  const merged: { id?: string; data?: string; transcript?: string; expires_at?: number } = { ...previous };
  if (audio.id != null) merged.id = audio.id;
  if (audio.data != null) merged.data = (merged.data ?? '') + audio.data;
  if (audio.transcript != null) merged.transcript = (merged.transcript ?? '') + audio.transcript;
  if (audio.expires_at != null) merged.expires_at = audio.expires_at;
  return merged;
}

function reduceToolCalls(
  previous: readonly ChatCompletionSnapshotToolCall[],
  fragments: readonly ChatCompletionChunkToolCall[],
): readonly ChatCompletionSnapshotToolCall[] {
  const calls = previous.slice();
  for (let i = 0; i < fragments.length; i++) {
    const { index, id, type, function: fn, ...rest } = fragments[i]!;
    const at = checkedIndex(index, `tool_calls.${i}.index`);
    let call: ChatCompletionSnapshotToolCall = { ...calls[at], ...rest };
    if (id) call = { ...call, id };
    if (type) call = { ...call, type };
    if (fn) {
      let f = call.function ?? { name: fn.name ?? '', arguments: '' };
      if (fn.name) f = { ...f, name: fn.name };
      if (fn.arguments) f = { ...f, arguments: f.arguments + fn.arguments };
      call = { ...call, function: f };
    }
    calls[at] = call;
  }
  return calls;
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys that could reach a prototype are refused, as `mergeDelta()` refuses them in run streams. */
function safeKey(key: string, where: string): void {
  if (UNSAFE_KEYS.has(key)) {
    throw new SnapshotError(`Refused the key "${key}"`, {
      eventName: 'chat.completion.chunk',
      path: `${where}.${key}`,
    });
  }
}

function checkedIndex(index: number, path: string): number {
  if (Number.isInteger(index) && index >= 0 && index <= MAX_CHAT_INDEX) return index;
  throw new SnapshotError(`Refused the index ${index} (at most ${MAX_CHAT_INDEX})`, {
    eventName: 'chat.completion.chunk',
    path,
  });
}

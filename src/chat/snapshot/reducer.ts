import { canGenerateCode, type RecordCopier, recordCopier } from '../../assistants/snapshot/copy-record.js';
import { SnapshotError } from '../../errors/stream-errors.js';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCall,
} from '../../schema/chat/index.js';
import type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChatCompletionSnapshotToolCall,
} from './state.js';

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
export function chatCompletionReducer(
  snapshot: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
): ChatCompletionSnapshot {
  // The fast path: the snapshot as an object literal naming its keys instead of a spread of a spread (see
  // `snapshotMerger`); the result is the same object the spreads below make.
  const snapshotKeys =
    snapshot === undefined ? NO_KEYS : snapshot === builtSnapshot ? Object.keys(snapshot) : exactKeys(snapshot);
  const chunkKeys = snapshot === undefined || chunk.id ? exactKeys(chunk) : NO_KEYS;
  const merge = snapshotKeys && chunkKeys ? snapshotMerger(snapshotKeys, chunkKeys) : undefined;
  if (merge !== undefined) {
    const previous = snapshot === undefined ? NO_CHOICES : snapshot.choices;
    const choices = chunk.choices;
    const next = choices.length === 0 ? previous : reduceChoices(previous, choices);
    if (snapshot !== undefined && !chunk.id && next === previous) return snapshot;
    return (builtSnapshot = merge(snapshot, chunk, next));
  }
  return reduceBySpreads(snapshot, chunk);
}

function reduceBySpreads(
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

/** The keys of a chunk's choice the schema knows (a `switch` compares interned strings by pointer). */
function isChoiceKey(key: string): boolean {
  switch (key) {
    case 'delta':
    case 'finish_reason':
    case 'index':
    case 'logprobs':
      return true;
    default:
      return false;
  }
}

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
    if (isChoiceKey(key)) continue;
    safeKey(key, 'choices');
    choice = { ...choice, [key]: (chunkChoice as unknown as Record<string, unknown>)[key] };
  }
  const message = delta ? reduceMessage(choice.message, delta) : choice.message;
  return message === choice.message ? choice : withMessage(choice, message);
}

/** `{ ...choice, message }`, by a copier naming the keys when `choice` has plain keys including `message`. */
function withMessage(
  choice: ChatCompletionSnapshotChoice,
  message: ChatCompletionSnapshotMessage,
): ChatCompletionSnapshotChoice {
  const keys = choice === builtChoice ? Object.keys(choice) : exactKeys(choice);
  if (keys === undefined || !keys.includes('message')) return { ...choice, message };
  const copy = choiceCopiers.get(keys)(choice);
  // An own data property of the fresh copy: assigning it is what the spread's `message` does.
  copy['message'] = message;
  return (builtChoice = copy as ChatCompletionSnapshotChoice);
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

/** The keys of a delta the reducer merges by their own rules. */
function isDeltaKey(key: string): boolean {
  switch (key) {
    case 'content':
    case 'refusal':
    case 'role':
    case 'tool_calls':
    case 'function_call':
    case 'audio':
      return true;
    default:
      return false;
  }
}

type MutableMessage = { -readonly [K in keyof ChatCompletionSnapshotMessage]: ChatCompletionSnapshotMessage[K] } & {
  [key: string]: unknown;
};

function reduceMessage(
  previous: ChatCompletionSnapshotMessage,
  delta: ChatCompletionChunkDelta,
): ChatCompletionSnapshotMessage {
  // A fresh object is made on the first change only; until it is returned nobody else sees it.
  let message: MutableMessage | undefined;
  const edit = (): MutableMessage => (message ??= copyMessage(previous));
  for (const key in delta) {
    if (isDeltaKey(key)) continue;
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

// ---- the hot path ------------------------------------------------------------------------------------------
//
// V8 copies `{ ...object }` through its slow runtime path when the source keeps properties outside the object,
// which every copy of a copy does (each snapshot, choice and message is one): about ten times the cost of an
// object literal naming the keys. So the copies below are literals compiled once per key list, used only where
// they make exactly the object the spread makes: the source's own enumerable string keys are known (and it has
// no symbol keys, which the spread would copy too). Where code generation is not allowed, the spreads run.

const NO_KEYS: readonly string[] = Object.freeze([]);

/** The own enumerable string keys of `value`, when it has no symbol keys (else `undefined`: use the spread). */
function exactKeys(value: object): readonly string[] | undefined {
  return Object.getOwnPropertySymbols(value).length === 0 ? Object.keys(value) : undefined;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `recordCopier` with a one-entry memo in front of it: a stream's objects keep one key list. */
class CopierCache {
  private keys: readonly string[] = NO_KEYS;
  private copier: RecordCopier = recordCopier(NO_KEYS);

  get(keys: readonly string[]): RecordCopier {
    if (!sameKeys(keys, this.keys)) {
      this.copier = recordCopier(keys);
      this.keys = keys;
    }
    return this.copier;
  }
}

const choiceCopiers = new CopierCache();
const messageCopiers = new CopierCache();

/** `{ ...message }`. */
function copyMessage(message: ChatCompletionSnapshotMessage): MutableMessage {
  const keys = message === builtMessage ? Object.keys(message) : exactKeys(message);
  if (keys === undefined) return { ...message } as MutableMessage;
  // Only string keys are ever assigned to the copy, so it stays free of symbol keys.
  return (builtMessage = messageCopiers.get(keys)(message) as MutableMessage);
}

/**
 * The snapshot, choice and message the reducer built last (each an object literal or a compiled copy with string
 * keys only, then only string keys assigned): when the next chunk brings them back, their keys need no check for
 * symbol keys, which costs more than the copy. Cleared by {@link forgetBuiltChatSnapshot} when an operator's
 * subscription ends, so nothing of a finished stream stays reachable from here.
 */
let builtSnapshot: ChatCompletionSnapshot | undefined;
let builtChoice: ChatCompletionSnapshotChoice | undefined;
let builtMessage: ChatCompletionSnapshotMessage | undefined;

/**
 * Lets go of what the reducer built last. Operators call it when their subscription ends; it only costs the next
 * call a check.
 *
 * @internal
 * @example
 * source.pipe(scan(chatCompletionReducer, undefined), finalize(forgetBuiltChatSnapshot));
 */
export function forgetBuiltChatSnapshot(): void {
  builtSnapshot = builtChoice = builtMessage = undefined;
}

/** `(snapshot, chunk, choices) => next snapshot`, compiled for one pair of key lists. */
type SnapshotMerger = (
  snapshot: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
  choices: readonly ChatCompletionSnapshotChoice[],
) => ChatCompletionSnapshot;

const mergers = new Map<string, SnapshotMerger | null>();
/** Enough for every shape a stream uses; past it, new shapes use the spreads rather than grow the cache. */
const MAX_MERGERS = 256;
let lastSnapshotKeys: readonly string[] = NO_KEYS;
let lastChunkKeys: readonly string[] = NO_KEYS;
let lastMerger: SnapshotMerger | undefined;

/**
 * A function returning `{ ...snapshot, ...rest, choices }` (where `rest` is the chunk without `choices`) for a
 * snapshot whose keys are `snapshotKeys` and a chunk whose keys are `chunkKeys` (both with no symbol keys), as an
 * object literal: the snapshot's keys in their order, each with the chunk's value when the chunk has that key,
 * then the chunk's other keys, then `choices` if the snapshot had none. Keys the chunk should not contribute
 * (a chunk with an empty `id`) are passed as an empty list. `undefined` when code generation is not allowed, a
 * key is `__proto__` (a literal would set the prototype) or the cache is full.
 */
function snapshotMerger(snapshotKeys: readonly string[], chunkKeys: readonly string[]): SnapshotMerger | undefined {
  if (lastMerger !== undefined && sameKeys(snapshotKeys, lastSnapshotKeys) && sameKeys(chunkKeys, lastChunkKeys)) {
    return lastMerger;
  }
  const cacheKey = JSON.stringify([snapshotKeys, chunkKeys]);
  let merger = mergers.get(cacheKey);
  if (merger === undefined) {
    merger = null;
    if (
      mergers.size < MAX_MERGERS &&
      !snapshotKeys.includes('__proto__') &&
      !chunkKeys.includes('__proto__') &&
      canGenerateCode()
    ) {
      const fromChunk = new Set(chunkKeys);
      const inSnapshot = new Set(snapshotKeys);
      const q = (key: string) => JSON.stringify(key); // a JSON string literal is a JavaScript string literal
      const parts: string[] = [];
      for (const key of snapshotKeys) {
        if (key === 'choices') parts.push(`${q(key)}: n`);
        else parts.push(`${q(key)}: ${fromChunk.has(key) ? 'c' : 's'}[${q(key)}]`);
      }
      for (const key of chunkKeys) if (key !== 'choices' && !inSnapshot.has(key)) parts.push(`${q(key)}: c[${q(key)}]`);
      if (!inSnapshot.has('choices')) parts.push('"choices": n');
      merger = new Function('s', 'c', 'n', `"use strict"; return { ${parts.join(', ')} };`) as SnapshotMerger;
    }
    if (mergers.size < MAX_MERGERS) mergers.set(cacheKey, merger);
  }
  if (merger === null) return undefined;
  lastSnapshotKeys = snapshotKeys;
  lastChunkKeys = chunkKeys;
  lastMerger = merger;
  return merger;
}

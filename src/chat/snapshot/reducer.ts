import { SnapshotError } from '../../errors/stream-errors.js';
import { detached, hasOwn } from '../../schema/json-values.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta, ChatCompletionChunkToolCall } from '../../wire/chat.js';
import type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChatCompletionSnapshotToolCall,
} from './state.js';
import { chunkChoices } from '../chunk-choices.js';

/**
 * The largest choice or tool call `index` accepted (127, as in the official SDK: `n` is at most 128). Indexes
 * address array positions: a larger one is refused with a {@link SnapshotError}.
 *
 * @example
 * if (choiceIndex > MAX_CHAT_INDEX) throw new RangeError('no such choice');
 */
export const MAX_CHAT_INDEX = 127;

const NO_CHOICES: readonly ChatCompletionSnapshotChoice[] = /* @__PURE__ */ Object.freeze([]);
const EMPTY_MESSAGE: ChatCompletionSnapshotMessage = /* @__PURE__ */ Object.freeze({});

/**
 * Marks a choice whose last delta was an audio chunk carrying only `expires_at`: the way an audio answer ends
 * when no `finish_reason` follows. A non-enumerable symbol, so it is not part of the snapshot's value (equality,
 * JSON, spreads); `finalizeChatCompletion()` reads it to infer `finish_reason: 'stop'`, as the SDK does.
 *
 * @internal
 * @example
 * const ended = (choice as { [AUDIO_DONE]?: boolean })[AUDIO_DONE] === true;
 */
export const AUDIO_DONE: unique symbol = /* @__PURE__ */ Symbol('rx-openai-stream.chat.audioDone');

/**
 * The pure reducer behind `accumulateChatCompletion()`: `(snapshot, chunk) => snapshot`, `undefined` before the
 * first chunk. Never mutates `snapshot` or `chunk`; the new snapshot shares every choice the chunk did not touch,
 * and none of the chunk's objects (`usage`, `logprobs` entries, a filter's results: what it keeps of them is copied,
 * since a shared stream's chunk reaches every subscription). It keeps no state of its own: everything it knows is
 * in the snapshot it is given.
 *
 * The merge rules are the official SDK's (`ChatCompletionStream`, openai 7.x), so `finalizeChatCompletion()` of
 * the last snapshot equals its `finalChatCompletion()`, and each snapshot equals its
 * `currentChatCompletionSnapshot`, but for the reasoning text compatible servers stream (below):
 * - one snapshot per completion: a chunk with choices whose non-empty `id` differs from the snapshot's non-empty
 *   `id` starts a new snapshot (the chunks of several completions in one stream, such as the `event`s of
 *   `runChatTools()`'s turns or a retry after a cut, give one snapshot per completion, and the last one is the final
 *   completion, as in the SDK's runner and its `ChatCompletionStream.fromReadableStream()`) when it opens a message
 *   (a choice's `delta.role`, for a choice the snapshot holds) after chunks that shared one id, or every choice of
 *   the snapshot finished ({@link completionIdsAfter}): some compatible servers give every chunk an `id` of its own,
 *   some the role too, some (with `n` > 1) each choice an `id` of its own,
 *   and their chunks go on with the current completion until it finished (the SDK's live streams accumulate
 *   whatever the ids); a usage chunk (`choices: []`, or no `choices` or `null` as some compatible servers write it)
 *   belongs to the completion before it; a chunk with an empty
 *   `id` belongs to the current completion (Azure's first chunk, `id: ""` with `prompt_filter_results`, starts the
 *   first snapshot with `id: ""`, which the completion's first real `id` then fills in, without starting another);
 * - chunk-level fields (`id`, `model`, `created`, `system_fingerprint`, `service_tier`, `usage`, ...) take the
 *   latest chunk's values; chunks with an empty `id` (Azure's first chunk excepted, which starts the snapshot)
 *   change only choices; `obfuscation` (padding of each chunk) is never kept;
 * - each choice is found by `index`; `finish_reason` is kept once set; other choice fields (Azure's
 *   `content_filter_results`, ...) take the latest value; a choice without `delta` changes only those; a
 *   `message` beside a `delta` is left out (Foundry Local sends an empty one with every delta; the message is the
 *   deltas'), a `message` without one takes its place as the SDK does;
 * - `delta.content` concatenates (an empty first fragment makes the content `""`), `delta.refusal` concatenates
 *   non-empty fragments, `role` is replaced, `audio` merges (`data` and `transcript` concatenate);
 * - `tool_calls` fragments merge by `index`: `id`, `type`, `function.name` and `custom.name` are set by the
 *   fragments that carry them, `function.arguments` and `custom.input` concatenate; the deprecated
 *   `function_call` merges the same way;
 * - `logprobs.content` and `logprobs.refusal` token arrays concatenate;
 * - `delta.reasoning_content` (DeepSeek, vLLM) and `delta.reasoning` (Ollama, OpenRouter) concatenate, a `null`
 *   fragment keeping what came (the SDK replaces them with each fragment, as any other field).
 *
 * Throws {@link SnapshotError} for an `index` above {@link MAX_CHAT_INDEX} or a key that could reach a prototype.
 *
 * @example
 * import { scan } from 'rxjs';
 * chunks$.pipe(scan(chatCompletionReducer, undefined as ChatCompletionSnapshot | undefined));
 */
export function chatCompletionReducer(
  snapshot: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
): ChatCompletionSnapshot {
  const choices = chunkChoices(chunk);
  // Another completion's chunk starts a snapshot of its own.
  const ids = snapshot === undefined ? 'another' : idsAfterChunk(snapshot, chunk);
  if (ids === 'another') {
    const first = choices.length === 0 ? NO_CHOICES : reduceChoices(NO_CHOICES, choices);
    return withIds(topLevel(undefined, chunk, first), 'one');
  }
  const current = snapshot!;
  const previous = current.choices;
  const next = choices.length === 0 ? previous : reduceChoices(previous, choices);
  const result = chunk.id ? topLevel(current, chunk, next) : next === previous ? current : withChoices(current, next);
  // A new snapshot object drops the mark (non-enumerable): set again only in the rare states that need one.
  return ids === 'same' || result === current ? result : withIds(result, ids);
}

/**
 * How the chunks of one completion have used their `id` so far: `'one'`, a single chunk with an id (nothing known
 * yet); `'same'`, the last two chunks shared one (the API's way); `'varying'`, the last chunk brought another id and
 * went on with the completion (some compatible servers give every chunk an id of its own).
 *
 * @internal
 * @example
 * let ids: CompletionIds = 'one';
 */
export type CompletionIds = 'one' | 'same' | 'varying';

/**
 * The rule that tells where a completion ends in a stream of several (a tool loop's turns, a retry after a cut),
 * shared by the reducer and the operators that keep lighter state: how the chunks of the completion whose last
 * `id` is `currentId` use their ids after `chunk` (from `ids` before it), or `'another'` when `chunk` starts another
 * completion. It does when both ids are non-empty and differ (the official SDK's rule in
 * `ChatCompletionStream.fromReadableStream()`), the chunk has choices (a usage chunk belongs to the completion
 * before it), and either the chunk opens again a message of a choice the completion has shown (a choice's
 * `delta.role`: the first chunk of every completion says the role, a retry's after a cut one too) while the
 * completion's chunks shared one id, or every choice of the completion finished, and the chunk carries something of
 * a message for a choice it has shown (an empty `delta`, none, or one of empty values only such as `content: ""`,
 * after the finish is a server's usage or content filter chunk for the same completion: LiteLLM's, Azure's; a choice
 * not shown yet is the same completion's next choice). What the rule asks of the completion (`asks`: whether it shows a choice, whether every choice finished)
 * is asked only when the ids differ; an object of functions and their argument rather than closures, which would
 * be made for every chunk. Some compatible servers give every chunk an `id` of its own, some with the role in every
 * chunk too (Foundry Local): their second chunk cannot be told from a retry after a single chunk, and goes on with
 * the completion (after an API's first chunk, a role without content, nothing is lost by it); while the ids keep
 * changing, only the completion's finish ends it. Some (sglang, with `n` > 1) give each choice an `id` of its own,
 * and may stream one choice after another: a choice not shown yet is that completion's, not another completion's.
 * Two chunks with one id make it `'same'` again, so a later retry starts anew. One string comparison per chunk;
 * the rest only when the ids differ.
 *
 * @internal
 * @example
 * const after = completionIdsAfter(ids, id, chunk, SNAPSHOT_ASKS, snapshot);
 * if (after === 'another') restart();
 */
export function completionIdsAfter<S>(
  ids: CompletionIds,
  currentId: string,
  chunk: ChatCompletionChunk,
  asks: CompletionQuestions<S>,
  state: S,
): CompletionIds | 'another' {
  const id = chunk.id;
  if (!id || chunkChoices(chunk).length === 0) return ids;
  // The first chunk with an id (after Azure's first one, whose id is empty).
  if (!currentId) return 'one';
  // Two chunks in a row with one id: the API's way, whatever came before (a cut, then a retry's first chunk joined).
  if (id === currentId) return 'same';
  const reopens = ids === 'same' && opensShownMessage(chunk, asks, state);
  return reopens || (asks.finished(state) && carriesShownDelta(chunk, asks, state)) ? 'another' : 'varying';
}

/**
 * What {@link completionIdsAfter} asks of the state of the completion so far (a snapshot, or an operator's lighter
 * record of it).
 *
 * @internal
 * @example
 * const asks: CompletionQuestions<ChatCompletionSnapshot> = { finished: everyChoiceFinished, shows: (s, i) => s.choices[i] !== undefined };
 */
export interface CompletionQuestions<S> {
  /** Whether every choice the completion has shown has finished (`false` when it has shown none). */
  readonly finished: (state: S) => boolean;
  /** Whether the completion has shown the choice of this `index`. */
  readonly shows: (state: S, index: number) => boolean;
}

/**
 * Whether `chunk` begins another completion than `snapshot`'s, by {@link completionIdsAfter}'s rule (the snapshot
 * keeps how its chunks used their ids, in a mark that is not part of its value).
 *
 * @internal
 * @example
 * if (snapshot !== undefined && startsNewCompletion(snapshot, chunk)) progress.length = 0;
 */
export function startsNewCompletion(snapshot: ChatCompletionSnapshot, chunk: ChatCompletionChunk): boolean {
  return idsAfterChunk(snapshot, chunk) === 'another';
}

/**
 * How `chunk` goes on from `snapshot` by the rule of {@link completionIdsAfter}: `'another'` when it starts another
 * completion (the reducer then starts a snapshot of its own).
 *
 * @internal
 * @example
 * if (idsAfterChunk(snapshot, chunk) === 'another') dropWhatWasPending();
 */
export function idsAfterChunk(snapshot: ChatCompletionSnapshot, chunk: ChatCompletionChunk): CompletionIds | 'another' {
  return completionIdsAfter(idsOf(snapshot), snapshot.id, chunk, SNAPSHOT_ASKS, snapshot);
}

const SNAPSHOT_ASKS: CompletionQuestions<ChatCompletionSnapshot> = {
  finished: everyChoiceFinished,
  shows: (snapshot, index) => snapshot.choices[index] !== undefined,
};

function everyChoiceFinished(snapshot: ChatCompletionSnapshot): boolean {
  let seen = false;
  const choices = snapshot.choices;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i];
    if (choice === undefined) continue; // an index no chunk has shown
    if (!choice.finish_reason && !isAudioDone(choice)) return false;
    seen = true;
  }
  return seen;
}

/** How a snapshot's chunks used their ids: a non-enumerable mark (not part of its value), absent for `'same'`. */
const IDS: unique symbol = /* @__PURE__ */ Symbol('rx-openai-stream.chat.ids');

function idsOf(snapshot: ChatCompletionSnapshot): CompletionIds {
  return (snapshot as { [IDS]?: CompletionIds })[IDS] ?? 'same';
}

/** Marks a snapshot just made (no one else holds it yet) with how its chunks used their ids. */
function withIds(snapshot: ChatCompletionSnapshot, ids: CompletionIds): ChatCompletionSnapshot {
  if (ids !== 'same' && snapshot.id) Object.defineProperty(snapshot, IDS, { value: ids, enumerable: false });
  return snapshot;
}

/** Whether the chunk has, for a choice the completion has shown, a delta with any field set (not `{}`, nor none). */
function carriesShownDelta<S>(chunk: ChatCompletionChunk, asks: CompletionQuestions<S>, state: S): boolean {
  const choices = chunk.choices;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i]!;
    if (asks.shows(state, choice.index) && deltaCarries(choice)) return true;
  }
  return false;
}

/**
 * Whether a chunk's choice has a delta with any field set (not `{}`, nor none), `besides` (a field name) left out:
 * an empty text or list, or `null`, is nothing of a message (a relay's or a server's trailing chunk, not a new
 * answer's).
 *
 * @internal
 * @example
 * if (finished && deltaCarries(choice)) reopen(choice.index);
 */
export function deltaCarries(choice: ChatCompletionChunkChoice, besides?: string): boolean {
  const delta = choice.delta as Record<string, unknown> | null | undefined;
  if (!delta) return false;
  for (const key in delta) {
    if (key === besides) continue;
    const value = delta[key];
    if (value != null && value !== '' && !(Array.isArray(value) && value.length === 0)) return true;
  }
  return false;
}

/**
 * Whether a chunk opens again the message of a choice the completion has shown: that choice's delta says the
 * `role` (the first chunk of a completion does).
 */
function opensShownMessage<S>(chunk: ChatCompletionChunk, asks: CompletionQuestions<S>, state: S): boolean {
  const choices = chunk.choices;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i]!;
    if (choice.delta?.role && asks.shows(state, choice.index)) return true;
  }
  return false;
}

/**
 * `{ ...snapshot, ...chunk-without-choices-and-obfuscation, choices }`: the snapshot's keys in their order with
 * the chunk's values, then the chunk's new keys, then `choices` if the snapshot had none.
 */
function topLevel(
  snapshot: ChatCompletionSnapshot | undefined,
  chunk: ChatCompletionChunk,
  choices: readonly ChatCompletionSnapshotChoice[],
): ChatCompletionSnapshot {
  const source = chunk as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  if (snapshot !== undefined) {
    const before = snapshot as unknown as Record<string, unknown>;
    for (const key in before) {
      if (!hasOwn.call(before, key)) continue;
      if (key === 'choices') result['choices'] = choices;
      else put(result, key, hasOwn.call(source, key) ? detached(source[key]) : before[key]);
    }
  }
  for (const key in source) {
    if (!hasOwn.call(source, key) || key === 'choices' || key === 'obfuscation') continue;
    if (snapshot === undefined || !hasOwn.call(snapshot, key)) put(result, key, detached(source[key]));
  }
  if (!hasOwn.call(result, 'choices')) result['choices'] = choices;
  return result as unknown as ChatCompletionSnapshot;
}

function withChoices(
  snapshot: ChatCompletionSnapshot,
  choices: readonly ChatCompletionSnapshotChoice[],
): ChatCompletionSnapshot {
  return { ...snapshot, choices };
}

/**
 * `snapshot` with other `choices`, still marked with how its chunks used their ids (the reducer goes on from it as
 * from `snapshot`).
 *
 * @internal
 * @example
 * const next = withOtherChoices(snapshot, choices);
 */
export function withOtherChoices(snapshot: ChatCompletionSnapshot, choices: readonly ChatCompletionSnapshotChoice[]): ChatCompletionSnapshot {
  return withIds(withChoices(snapshot, choices), idsOf(snapshot));
}

/** An own data property, `__proto__` included (an assignment to it would set the prototype instead). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
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

/** The keys of a chunk's choice with rules of their own. */
function isChoiceKey(key: string): boolean {
  switch (key) {
    case 'delta':
    case 'finish_reason':
    case 'index':
    case 'logprobs':
    case 'message':
      return true;
    default:
      return false;
  }
}

type MutableChoice = { -readonly [K in keyof ChatCompletionSnapshotChoice]: ChatCompletionSnapshotChoice[K] } & {
  [key: string]: unknown;
};

function reduceChoice(
  previous: ChatCompletionSnapshotChoice | undefined,
  chunkChoice: ChatCompletionChunkChoice,
): ChatCompletionSnapshotChoice {
  const { delta, finish_reason, index } = chunkChoice;
  const logprobs = chunkChoice.logprobs ?? null;
  // A fresh object is made on the first change only; until it is returned nobody else sees it.
  let choice: MutableChoice | undefined;
  if (previous === undefined) {
    choice = { finish_reason: finish_reason ?? null, index, message: EMPTY_MESSAGE, logprobs: null };
  }
  const edit = (): MutableChoice => (choice ??= copyChoice(previous!));
  // Fields the reducer does not know take the latest value, as they do in the SDK.
  for (const key in chunkChoice) {
    if (isChoiceKey(key) || !hasOwn.call(chunkChoice, key)) continue;
    safeKey(key, 'choices');
    edit()[key] = detached((chunkChoice as unknown as Record<string, unknown>)[key]);
  }
  if (logprobs) {
    const current = (choice ?? previous!).logprobs;
    edit().logprobs = mergeLogprobs(current, logprobs);
  }
  if (finish_reason && previous !== undefined) edit().finish_reason = finish_reason;
  // The message is the deltas'; a choice's own `message` counts only without a `delta` (taking the latest, as the
  // SDK does): Foundry Local sends an empty one beside every delta.
  if (!delta && hasOwn.call(chunkChoice, 'message')) edit().message = detached((chunkChoice as unknown as { message: ChatCompletionSnapshotMessage }).message);
  const before = (choice ?? previous!).message;
  if (delta) {
    const message = reduceMessage(before, delta);
    if (message !== before) edit().message = message;
    const done = isAudioEnd(delta);
    if (done !== isAudioDone(previous) || (done && choice !== undefined)) markAudioDone(edit(), done);
  } else if (choice !== undefined && isAudioDone(previous)) {
    markAudioDone(choice, true);
  }
  return choice ?? previous!;
}

/** A delta holding only `audio` with only `expires_at` (the SDK's test for the end of an audio answer). */
function isAudioEnd(delta: ChatCompletionChunkDelta): boolean {
  const audio = (delta as { audio?: AudioDelta | null }).audio;
  if (audio == null || audio.expires_at == null) return false;
  if (audio.id != null || audio.data != null || audio.transcript != null) return false;
  for (const key in delta) {
    if (key === 'audio' || !hasOwn.call(delta, key)) continue;
    if ((delta as Record<string, unknown>)[key] != null) return false;
    if (!isDeltaKey(key)) return false;
  }
  return true;
}

/**
 * Whether the choice's last delta ended an audio answer (see {@link AUDIO_DONE}).
 *
 * @internal
 * @example
 * const finishReason = choice.finish_reason ?? (isAudioDone(choice) ? 'stop' : null);
 */
export function isAudioDone(choice: ChatCompletionSnapshotChoice | undefined): boolean {
  return (choice as { [AUDIO_DONE]?: boolean } | undefined)?.[AUDIO_DONE] === true;
}

/**
 * `choice` with other `logprobs`, still marked when its audio answer ended (see {@link AUDIO_DONE}).
 *
 * @internal
 * @example
 * const next = withLogprobs(choice, { ...choice.logprobs!, content: tokens });
 */
export function withLogprobs(choice: ChatCompletionSnapshotChoice, logprobs: ChatCompletionSnapshotChoice['logprobs']): ChatCompletionSnapshotChoice {
  const copy = copyChoice(choice);
  copy.logprobs = logprobs;
  markAudioDone(copy, isAudioDone(choice));
  return copy;
}

function markAudioDone(choice: MutableChoice, done: boolean): void {
  if (done) Object.defineProperty(choice, AUDIO_DONE, { value: true, enumerable: false, configurable: true });
  else delete (choice as { [AUDIO_DONE]?: boolean })[AUDIO_DONE];
}

// ---- copies ------------------------------------------------------------------------------------------------
//
// V8 copies `{ ...object }` through a slow runtime path once the source keeps properties outside the object,
// which every copy of a copy does: about ten times the cost of an object literal naming the keys. The common
// choice and message shapes are copied by such a literal, after a look at their keys (a `for...in` over a
// fast object reads a cached key list): only where the literal makes exactly the object the spread makes (same
// string keys, same order). Snapshots are built from JSON by this reducer and carry no enumerable symbol keys
// (the non-enumerable one marking an audio end, which a spread does not copy either, is set again by the caller).

const CHOICE_KEYS = ['finish_reason', 'index', 'message', 'logprobs'];

/** `{ ...choice }`. */
function copyChoice(choice: ChatCompletionSnapshotChoice): MutableChoice {
  return hasKeys(choice, CHOICE_KEYS)
    ? { finish_reason: choice.finish_reason, index: choice.index, message: choice.message, logprobs: choice.logprobs }
    : ({ ...choice } as MutableChoice);
}

const ROLE_CONTENT = ['role', 'content'];

/** `{ ...message }`. */
function copyMessage(message: ChatCompletionSnapshotMessage): MutableMessage {
  return hasKeys(message, ROLE_CONTENT)
    ? { role: message.role, content: message.content }
    : ({ ...message } as MutableMessage);
}

/** Whether `value`'s enumerable string keys are exactly `keys`, in that order, all of them own. */
function hasKeys(value: object, keys: readonly string[]): boolean {
  let n = 0;
  for (const key in value) {
    if (key !== keys[n] || !hasOwn.call(value, key)) return false;
    n++;
  }
  return n === keys.length;
}

type Logprobs = NonNullable<ChatCompletionSnapshotChoice['logprobs']>;

function mergeLogprobs(previous: Logprobs | null, logprobs: Logprobs): Logprobs {
  if (!previous) return detached(logprobs);
  const { content, refusal, ...rest } = logprobs;
  let merged: Logprobs = { ...previous, ...detached(rest) };
  if (content) merged = { ...merged, content: (previous.content ?? []).concat(detached(content)) };
  if (refusal) merged = { ...merged, refusal: (previous.refusal ?? []).concat(detached(refusal)) };
  return merged;
}

const REASONING_KEYS = ['reasoning_content', 'reasoning'] as const;

/** The keys of a delta the reducer merges by their own rules. */
function isDeltaKey(key: string): boolean {
  switch (key) {
    case 'content':
    case 'refusal':
    case 'role':
    case 'tool_calls':
    case 'function_call':
    case 'audio':
    case 'reasoning_content':
    case 'reasoning':
      return true;
    default:
      return false;
  }
}

/**
 * The reasoning text compatible servers stream beside the content (DeepSeek's and vLLM's `reasoning_content`,
 * Ollama's and OpenRouter's `reasoning`): fragments concatenate, and a `null` (sent with each content fragment)
 * keeps what came. A value of another kind replaces it, as any other field's.
 */
function reasoningText(previous: unknown, fragment: unknown): unknown {
  if (fragment === null || fragment === undefined) return previous;
  return typeof fragment === 'string' && typeof previous === 'string' ? previous + fragment : detached(fragment);
}

type MutableMessage = { -readonly [K in keyof ChatCompletionSnapshotMessage]: ChatCompletionSnapshotMessage[K] } & {
  [key: string]: unknown;
};

function reduceMessage(
  previous: ChatCompletionSnapshotMessage,
  delta: ChatCompletionChunkDelta,
): ChatCompletionSnapshotMessage {
  let message: MutableMessage | undefined;
  const edit = (): MutableMessage => (message ??= copyMessage(previous));
  for (const key in delta) {
    if (isDeltaKey(key) || !hasOwn.call(delta, key)) continue;
    safeKey(key, 'delta');
    edit()[key] = detached((delta as Record<string, unknown>)[key]);
  }
  const { content, refusal, role, tool_calls, function_call } = delta;
  const audio = (delta as { audio?: AudioDelta | null }).audio;
  for (const key of REASONING_KEYS) {
    if (!hasOwn.call(delta, key)) continue;
    const fragment = (delta as Record<string, unknown>)[key];
    // The first one as it came (a `null` too), as any other field.
    if (!hasOwn.call(previous, key)) edit()[key] = detached(fragment);
    else {
      const before = (previous as Record<string, unknown>)[key];
      const after = reasoningText(before, fragment);
      if (after !== before) edit()[key] = after;
    }
  }
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
  if (content != null) edit().content = (previous.content || '') + content;
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

type CustomDelta = { name?: string | null; input?: string | null };

function reduceToolCalls(
  previous: readonly ChatCompletionSnapshotToolCall[],
  fragments: readonly ChatCompletionChunkToolCall[],
): readonly ChatCompletionSnapshotToolCall[] {
  const calls = previous.slice();
  for (let i = 0; i < fragments.length; i++) {
    const fragment = fragments[i]!;
    const at = checkedIndex(fragment.index, `tool_calls.${i}.index`);
    const call: Record<string, unknown> = { ...calls[at] };
    for (const key in fragment) {
      if (!hasOwn.call(fragment, key)) continue;
      switch (key) {
        case 'index':
        case 'id':
        case 'type':
        case 'function':
        case 'custom':
          continue;
        default:
          safeKey(key, `tool_calls.${i}`);
          call[key] = detached((fragment as unknown as Record<string, unknown>)[key]);
      }
    }
    const { id, type, function: fn } = fragment;
    const custom = (fragment as { custom?: CustomDelta | null }).custom;
    if (id) call['id'] = id;
    if (type) call['type'] = type;
    if (custom) {
      const before = call['custom'] as { name: string; input: string } | undefined;
      let c = before ?? { name: custom.name ?? '', input: '' };
      if (custom.name) c = { ...c, name: custom.name };
      if (custom.input) c = { ...c, input: c.input + custom.input };
      call['custom'] = c;
    }
    if (fn) {
      let f = (call['function'] as { name: string; arguments: string } | undefined) ?? {
        name: fn.name ?? '',
        arguments: '',
      };
      if (fn.name) f = { ...f, name: fn.name };
      if (fn.arguments) f = { ...f, arguments: f.arguments + fn.arguments };
      call['function'] = f;
    }
    calls[at] = call as ChatCompletionSnapshotToolCall;
  }
  return calls;
}

const UNSAFE_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['__proto__', 'constructor', 'prototype']);

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

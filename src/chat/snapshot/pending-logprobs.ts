import { detached } from '../../schema/json-values.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../../wire/chat.js';
import { chatCompletionReducer, idsAfterChunk, withLogprobs, withOtherChoices } from './reducer.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotChoice } from './state.js';
import { chunkChoices } from '../chunk-choices.js';

/**
 * The state of a chat reduction whose snapshots are seen only at some chunks (`finalChatCompletion()` at the end,
 * `toolCallDeltas()` at the chunks with tool calls): the snapshot without the logprobs token lists of the chunks
 * since it was last settled, and those lists. The reducer appends each chunk's tokens to the choice's list, a copy
 * of the list each time: with a token's logprobs in every chunk, a long answer's reduction was quadratic. Here
 * each chunk adds its lists at the head of a list of its own, and {@link settledLogprobs} appends them at once.
 * Immutable, like a snapshot.
 *
 * Declared in the package (`toolCallDeltas()`'s types name it), not exported from its entries.
 * @example
 * const state: PendingLogprobsState = { snapshot, pending: { choice: 0, field: 'content', tokens, before: undefined } };
 */
export interface PendingLogprobsState {
  readonly snapshot: ChatCompletionSnapshot | undefined;
  /** The token lists held back, newest first. */
  readonly pending: PendingTokens | undefined;
}

/** One chunk's token list for one choice's `content` or `refusal`, and the lists before it. */
interface PendingTokens {
  readonly choice: number;
  readonly field: 'content' | 'refusal';
  readonly tokens: readonly unknown[];
  readonly before: PendingTokens | undefined;
}

/**
 * Nothing seen, nothing pending.
 *
 * @internal
 * @example
 * chunks$.pipe(reduce(pendingLogprobsReducer, NO_PENDING_LOGPROBS), map(settledLogprobs));
 */
export const NO_PENDING_LOGPROBS: PendingLogprobsState = /* @__PURE__ */ Object.freeze({ snapshot: undefined, pending: undefined });

/**
 * {@link chatCompletionReducer} with each chunk's logprobs token lists held back: `settledLogprobs(chunks.reduce(
 * pendingLogprobsReducer, NO_PENDING_LOGPROBS))` equals `chunks.reduce(chatCompletionReducer, undefined)`, and
 * throws the same errors at the same chunks. A chunk of another completion drops what was held back, as the reducer
 * drops the completion before it. Pure: the state given is never changed.
 *
 * @internal
 * @example
 * const completion = settledLogprobs(chunks.reduce(pendingLogprobsReducer, NO_PENDING_LOGPROBS));
 */
export function pendingLogprobsReducer(state: PendingLogprobsState, chunk: ChatCompletionChunk): PendingLogprobsState {
  // A chunk of another completion starts from nothing, as the reducer starts it.
  const current = state.snapshot === undefined || idsAfterChunk(state.snapshot, chunk) === 'another' ? undefined : state.snapshot;
  const before = current === undefined ? undefined : state.pending;
  let pending = before;
  let choices: ChatCompletionChunkChoice[] | undefined;
  const given = chunkChoices(chunk);
  // Anything but lists appended to lists goes the reducer's way (which may refuse it: its error at this chunk), after
  // what was held back: a choice twice in one chunk, logprobs or lists of another kind, here or kept.
  const reduced = () => ({ snapshot: chatCompletionReducer(settledLogprobs({ snapshot: state.snapshot, pending: before }), chunk), pending: undefined });
  if (given.length > 1 && repeatsAChoice(given)) return reduced();
  for (let at = 0; at < given.length; at++) {
    const choice = given[at]!;
    const logprobs = choice?.logprobs;
    if (!logprobs) continue;
    const has = current?.choices[choice.index]?.logprobs;
    if (!isRecord(logprobs) || (has != null && !isRecord(has))) return reduced();
    const { content, refusal } = logprobs;
    if (!content && !refusal) continue;
    if (!appendable(content, has?.content) || !appendable(refusal, has?.refusal)) return reduced();
    if (content) pending = { choice: choice.index, field: 'content', tokens: detached(content), before: pending };
    if (refusal) pending = { choice: choice.index, field: 'refusal', tokens: detached(refusal), before: pending };
    // Held back: a list the choice has already is left out of the chunk (the reducer keeps the choice's, copying
    // nothing); one it has not yet is an empty list in its place, so that the lists' keys keep their order.
    const held: Record<string, unknown> = { ...logprobs };
    for (const field of ['content', 'refusal'] as const) {
      if (!held[field]) continue;
      if (has && field in has) delete held[field];
      else held[field] = [];
    }
    (choices ??= given.slice())[at] = { ...choice, logprobs: held as unknown as ChatCompletionChunkChoice['logprobs'] };
  }
  const snapshot = chatCompletionReducer(state.snapshot, choices ? { ...chunk, choices } : chunk);
  return { snapshot, pending };
}

/** Whether a chunk's list (`given`, when any) can be held back for a choice whose list is `kept`: both lists or none. */
function appendable(given: unknown, kept: unknown): boolean {
  return !given || (Array.isArray(given) && (kept === undefined || kept === null || Array.isArray(kept)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether two of a chunk's choices have one `index`. */
function repeatsAChoice(choices: readonly ChatCompletionChunkChoice[]): boolean {
  for (let a = 1; a < choices.length; a++) for (let b = 0; b < a; b++) if (choices[a]?.index === choices[b]?.index) return true;
  return false;
}

/**
 * The snapshot of a {@link PendingLogprobsState} with the token lists held back appended, each to its choice's
 * list, in the order the chunks brought them.
 *
 * @internal
 * @example
 * const completion = settledLogprobs(state);
 */
export function settledLogprobs(state: PendingLogprobsState): ChatCompletionSnapshot | undefined {
  const { snapshot } = state;
  if (snapshot === undefined || state.pending === undefined) return snapshot;
  // By choice and field, newest first.
  const lists = new Map<number, { content: Array<readonly unknown[]>; refusal: Array<readonly unknown[]> }>();
  for (let node: PendingTokens | undefined = state.pending; node !== undefined; node = node.before) {
    let found = lists.get(node.choice);
    if (!found) lists.set(node.choice, (found = { content: [], refusal: [] }));
    found[node.field].push(node.tokens);
  }
  const choices = snapshot.choices.slice() as ChatCompletionSnapshotChoice[];
  for (const [index, fields] of lists) {
    let logprobs = choices[index]!.logprobs!;
    for (const field of ['content', 'refusal'] as const) {
      const reversed = fields[field];
      if (reversed.length === 0) continue;
      // A list, or none: lists are held back only for a choice whose list is one (see `appendable`).
      const held = (logprobs[field] as unknown[] | null | undefined) ?? [];
      // One list (a settle at a chunk with tool calls): `concat`, the fastest copy; many: one `flat()`.
      const tokens = reversed.length === 1 ? held.concat(reversed[0]!) : [held, ...reversed.reverse()].flat();
      logprobs = { ...logprobs, [field]: tokens };
    }
    choices[index] = withLogprobs(choices[index]!, logprobs);
  }
  return withOtherChoices(snapshot, choices);
}

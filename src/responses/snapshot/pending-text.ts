import type { ResponseStreamEvent, ResponseTextDeltaEvent } from '../../wire/responses-api.js';
import { detached } from '../../schema/json-values.js';
import { appendOutputText, isOutputLogprobs, isUnadded, openMessagePosition, outputTextPosition, responseReducer } from './reducer.js';
import { beganAfterStart, startOf } from './stream-start.js';
import type { ResponseSnapshot } from './state.js';

/**
 * The state of a reduction that is read only at its end (`finalResponse()`): the snapshot, and the text of the
 * text deltas since then, all for one `output_text` part, not yet applied to it. Immutable, like a snapshot.
 *
 * Declared in the package (`toolCallDeltas()`'s types name it), not exported from its entries.
 * @example
 * const state: PendingTextState = { snapshot, at: addressOf(firstDelta), text: 'Hel' + 'lo' };
 */
export interface PendingTextState {
  readonly snapshot: ResponseSnapshot | undefined;
  /**
   * Where the pending text goes (copied from the first pending delta: a consumer may change the event), or
   * `undefined` when nothing is pending.
   */
  readonly at: TextPartAddress | undefined;
  /** The pending deltas' text, joined. */
  readonly text: string;
  /**
   * The pending deltas' logprobs, newest first (each delta's list, as the reducer would append it), or `undefined`:
   * a list that only grows at its head, so no delta copies the ones before it.
   */
  readonly logprobs?: PendingLogprobs | undefined;
  /**
   * Where the stream began when it began after its start (an output event before any response: a stream resumed
   * with `starting_after`), while no whole response has come since; `undefined` otherwise.
   */
  readonly joinedAt?: { readonly eventName: string; readonly sequenceNumber: number | undefined } | undefined;
}

/**
 * Nothing seen, nothing pending.
 *
 * @internal
 * @example
 * events$.pipe(reduce(pendingTextReducer, NOTHING_PENDING), map(settledSnapshot));
 */
export const NOTHING_PENDING: PendingTextState = /* @__PURE__ */ Object.freeze({ snapshot: undefined, at: undefined, text: '' });

const TEXT_DELTA = 'response.output_text.delta';

/** One delta's logprobs and those of the deltas before it. */
interface PendingLogprobs {
  readonly entries: readonly unknown[];
  readonly before: PendingLogprobs | undefined;
}

/**
 * {@link responseReducer} for a reduction whose snapshots nobody sees before the end: consecutive text deltas of
 * one `output_text` part are kept as one pending text (a string concatenation each) and applied at once, by the
 * next other event or by {@link settledSnapshot}, instead of copying the path to the part once per delta.
 * `settledSnapshot(states.reduce(pendingTextReducer, NOTHING_PENDING))` equals
 * `events.reduce(responseReducer, undefined)`, and throws the same {@link SnapshotError} at the same event:
 * each delta's part is looked up (and refused) as the reducer does. One difference, for a stream that began after
 * its start (where the reducer throws `MissingStreamStartError`): its events are skipped until one brings a whole
 * response (see `beforeResponse`), and `joinedAt` says where it began. Pure: the state given is never changed.
 *
 * Their logprobs wait with them (the reducer appends each delta's to the part's list, a copy of the list each time:
 * with a token's logprobs on every delta, that made a long answer's reduction quadratic), and are appended at once.
 *
 * @internal
 * @example
 * const final = settledSnapshot(events.reduce(pendingTextReducer, NOTHING_PENDING));
 */
export function pendingTextReducer(state: PendingTextState, event: ResponseStreamEvent): PendingTextState {
  const snapshot = state.snapshot;
  if (snapshot === undefined) return beforeResponse(state, event);
  return pendingTextStep(state, event);
}

/**
 * {@link pendingTextReducer} once a response is known, or from the first event as {@link responseReducer} starts
 * (`MissingStreamStartError` for a stream that began after its start): for `toolCallDeltas()`, whose snapshots are
 * seen at the events of tool calls only, never at a text delta. A state whose `at` is `undefined` holds the snapshot
 * `responseReducer` would hold. Pure.
 *
 * @internal
 * @example
 * const state = events.reduce(pendingTextStep, NOTHING_PENDING); // state.snapshot after a function call's delta
 */
export function pendingTextStep(state: PendingTextState, event: ResponseStreamEvent): PendingTextState {
  const snapshot = state.snapshot;
  if (snapshot !== undefined && event.type === TEXT_DELTA && typeof event.delta === 'string') {
    const at = state.at;
    // A delta of a message no event added goes where the reducer sends it: to the open message it names by its
    // place, or (no address here) through the reducer's step below, which starts the message.
    const address: TextPartAddress | undefined = isUnadded(snapshot, event, 'message') ? openMessageAddress(snapshot, event) : event;
    if (address !== undefined && (at === undefined || sameAddress(at, address))) {
      // The part's place does not depend on its text: looked up (and refused) as the reducer would, now.
      if (outputTextPosition(snapshot, address) < 0) return state; // not a message: the delta changes nothing
      // Only what the reducer would keep (a well-formed, non-empty list), copied as it copies it.
      const logprobs = isOutputLogprobs(event.logprobs) && event.logprobs.length > 0
        ? { entries: detached(event.logprobs), before: state.logprobs }
        : state.logprobs;
      return { snapshot, at: at ?? addressOf(address), text: state.text + event.delta, logprobs };
    }
  }
  return { snapshot: responseReducer(settledSnapshot(state), event), at: undefined, text: '' };
}

/**
 * Before any response. A stream that began after its start (an output event first, with a `sequence_number`
 * above 0: resumed with `starting_after`)
 * cannot be accumulated, but the end needs no start: the events are skipped until one brings a whole response, a
 * `response.created` (a response from its start) or a terminal event (`response.completed`, `.incomplete`,
 * `.failed`: the whole response, when it carries its `output`). Where the reducer throws
 * `MissingStreamStartError` for such a stream, this waits; `finalResponse()` throws it at the end when nothing
 * whole came.
 */
function beforeResponse(state: PendingTextState, event: ResponseStreamEvent): PendingTextState {
  if (state.joinedAt === undefined) {
    if ('output_index' in event && beganAfterStart(event)) return { snapshot: undefined, at: undefined, text: '', joinedAt: startOf(event) };
    const snapshot = responseReducer(undefined, event);
    return snapshot === undefined ? state : { snapshot, at: undefined, text: '' };
  }
  switch (event.type) {
    case 'response.completed':
    case 'response.incomplete':
    case 'response.failed':
      // Without its `output` the response is not whole either.
      if (!Array.isArray((event.response as { output?: unknown } | null)?.output)) return state;
      return { snapshot: responseReducer(undefined, event), at: undefined, text: '' };
    case 'response.created':
      return { snapshot: responseReducer(undefined, event), at: undefined, text: '' };
    default:
      return state;
  }
}

/**
 * The snapshot of a {@link PendingTextState} with its pending text applied.
 *
 * @internal
 * @example
 * const final = settledSnapshot(state);
 */
export function settledSnapshot(state: PendingTextState): ResponseSnapshot | undefined {
  const at = state.at;
  return at === undefined ? state.snapshot : appendOutputText(state.snapshot!, at, state.text, joined(state.logprobs));
}

/** The pending logprobs in the order their deltas came, as one list (`undefined` when none came). */
function joined(pending: PendingLogprobs | undefined): unknown[] | undefined {
  if (pending === undefined) return undefined;
  const lists: Array<readonly unknown[]> = [];
  for (let node: PendingLogprobs | undefined = pending; node !== undefined; node = node.before) lists.push(node.entries);
  return lists.reverse().flat();
}

/**
 * Where a text delta goes: its item and part.
 *
 * Declared in the package ({@link PendingTextState} names it), not exported from its entries.
 * @example
 * const at: TextPartAddress = { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', content_index: 0 };
 */
export interface TextPartAddress {
  readonly type: string;
  readonly output_index: number;
  readonly item_id: string | undefined;
  readonly content_index: number;
}

function addressOf(event: TextPartAddress): TextPartAddress {
  return { type: event.type, output_index: event.output_index, item_id: event.item_id, content_index: event.content_index };
}

/** The address of the open message a delta of a message no event added goes to, by its place; none without one. */
function openMessageAddress(snapshot: ResponseSnapshot, event: ResponseTextDeltaEvent): TextPartAddress | undefined {
  const position = openMessagePosition(snapshot);
  return position < 0 ? undefined : { type: event.type, output_index: position, item_id: undefined, content_index: event.content_index };
}

function sameAddress(a: TextPartAddress, b: TextPartAddress): boolean {
  return a.output_index === b.output_index && a.content_index === b.content_index && a.item_id === b.item_id;
}

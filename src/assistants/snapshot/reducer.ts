import { SnapshotError } from '../../errors/stream-errors.js';
import type { AssistantStreamEvent, Message, RunStep } from '../../schema/assistants/index.js';
import { hasExactKeys, type RecordCopier, recordCopier } from './copy-record.js';
import { mergeDelta, UnsafeDeltaKeyError } from './merge-delta.js';
import { textAppendEntry } from './text-append.js';
import { type AssistantStreamState, initialAssistantStreamState } from './state.js';

/**
 * The reducer behind `accumulateSnapshots()`: `(state, event) => state`. Never mutates `state` or `event`;
 * the new state shares everything the event did not change.
 *
 * - run events replace that run (by id) and set `currentRun`;
 * - `thread.run.step.*` / `thread.message.*` created and in-progress events store the object (an in-progress
 *   event without content keeps what deltas accumulated); deltas merge into the snapshot of their id by the
 *   API's rules (see `mergeDelta`); completed / failed / cancelled / expired / incomplete events store the
 *   server's final object and clear the `current...Snapshot`;
 * - other events (including unknown types) only become `currentEvent`.
 *
 * Throws {@link SnapshotError} for a delta of a message or run step never created, or a refused key.
 *
 * Pure in what it returns (the same state and event always give equal results), but not stateless: it keeps the
 * last transition and what its text fast path built in module variables. Called again with the state and event
 * of the call before, it returns that call's result, so several operators sharing one stream advance their
 * snapshots once per event, not once each; chains of states that interleave (two streams reduced at once) stay
 * correct but lose that memo and the fast path's shortcuts. Operators call `forgetLastTransition()` when their
 * subscription ends so nothing of a finished stream stays referenced.
 *
 * @example
 * import { scan } from 'rxjs';
 * events$.pipe(scan(assistantStreamReducer, initialAssistantStreamState));
 */
export function assistantStreamReducer(state: AssistantStreamState, event: AssistantStreamEvent): AssistantStreamState {
  if (state === lastState && event === lastEvent && lastNext !== undefined) return lastNext;
  const chained = state === lastNext;
  const canonical = chained ? lastNextCanonical : state === initialAssistantStreamState || isCanonical(state);
  // What the text fast path built last time is in `state` only if `state` is what that call returned.
  trustedMessage = chained && builtCopy !== undefined ? state.currentMessageSnapshot : undefined;
  trustedCopy = builtCopy;
  trustedIndex = builtIndex;
  trustedTextKeys = builtTextKeys;
  builtCopy = undefined;
  const next = reduce(state, event, canonical);
  lastState = state;
  lastEvent = event;
  lastNext = next;
  lastNextCanonical = canonical;
  return next;
}

function reduce(
  state: AssistantStreamState,
  event: AssistantStreamEvent,
  canonical: boolean,
): AssistantStreamState {
  switch (event.event) {
    case 'thread.message.delta': {
      const { id, delta } = event.data;
      const at = lastIndexById(state.messages, id);
      const merged = at < 0 ? undefined : mergeTextDelta(state.messages[at]!, delta);
      const message = merged ?? applyDelta(at < 0 ? undefined : state.messages[at], delta, event.event, id);
      // The fast path keeps the message's id, so it goes back where it was found.
      const messages = merged ? withAt(state.messages, at, merged) : upsert(state.messages, message);
      return canonical
        ? stateOf(event, state.currentRun, message, state.currentRunStepSnapshot, state.thread, messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, currentMessageSnapshot: message, messages };
    }
    case 'thread.run.step.delta': {
      const { id, delta } = event.data;
      const step = applyDelta(findById(state.runSteps, id), delta, event.event, id);
      const runSteps = upsert(state.runSteps, step);
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, step, state.thread, state.messages, runSteps, state.runs)
        : { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps };
    }
    case 'thread.message.created':
    case 'thread.message.in_progress': {
      const message = refresh(findById(state.messages, event.data.id), event.data, 'content');
      const messages = upsert(state.messages, message);
      return canonical
        ? stateOf(event, state.currentRun, message, state.currentRunStepSnapshot, state.thread, messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, currentMessageSnapshot: message, messages };
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete': {
      const messages = upsert(state.messages, event.data);
      return canonical
        ? stateOf(event, state.currentRun, undefined, state.currentRunStepSnapshot, state.thread, messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, currentMessageSnapshot: undefined, messages };
    }
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress': {
      const step = refresh(findById(state.runSteps, event.data.id), event.data, 'step_details');
      const runSteps = upsert(state.runSteps, step);
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, step, state.thread, state.messages, runSteps, state.runs)
        : { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps };
    }
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      const runSteps = upsert(state.runSteps, event.data);
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, undefined, state.thread, state.messages, runSteps, state.runs)
        : { ...state, currentEvent: event, currentRunStepSnapshot: undefined, runSteps };
    }
    case 'thread.run.created':
    case 'thread.run.queued':
    case 'thread.run.in_progress':
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelling':
    case 'thread.run.cancelled':
    case 'thread.run.expired': {
      const runs = upsert(state.runs, event.data);
      return canonical
        ? stateOf(event, event.data, state.currentMessageSnapshot, state.currentRunStepSnapshot, state.thread, state.messages, state.runSteps, runs)
        : { ...state, currentEvent: event, currentRun: event.data, runs };
    }
    case 'thread.created':
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, state.currentRunStepSnapshot, event.data, state.messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, thread: event.data };
    default:
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, state.currentRunStepSnapshot, state.thread, state.messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event };
  }
}

type Identified = { readonly id: string };

function applyDelta<T extends Identified>(snapshot: T | undefined, delta: object, eventName: string, id: string): T {
  if (snapshot === undefined) {
    throw new SnapshotError(`A delta arrived for ${id}, which the stream never created`, { eventName });
  }
  try {
    return mergeDelta(snapshot, delta);
  } catch (error) {
    if (error instanceof UnsafeDeltaKeyError) {
      throw new SnapshotError(`Refused the key "${error.key}"`, { eventName, path: `delta.${error.path}`, cause: error });
    }
    throw error;
  }
}

/**
 * A created / in-progress event carries the object as the server has it at that moment, without what deltas
 * added since. Keep the accumulated `field` when the event's is empty, so a late in-progress event cannot erase
 * streamed content.
 */
function refresh<T extends Message | RunStep>(existing: T | undefined, incoming: T, field: 'content' | 'step_details'): T {
  if (existing === undefined) return incoming;
  if (field === 'content') {
    const kept = (existing as Message).content;
    return (incoming as Message).content.length === 0 && kept.length > 0 ? { ...incoming, content: kept } : incoming;
  }
  const details = (incoming as RunStep).step_details;
  const keptDetails = (existing as RunStep).step_details;
  const empty = details.type === 'tool_calls' && details.tool_calls.length === 0;
  return empty && keptDetails.type === 'tool_calls' && keptDetails.tool_calls.length > 0
    ? { ...incoming, step_details: keptDetails }
    : incoming;
}

/**
 * Finds by id, searching from the end: the object being streamed is almost always the newest.
 *
 * @internal
 * @example
 * const message = findById(state.messages, 'msg_1');
 */
export function findById<T extends Identified>(list: readonly T[], id: string): T | undefined {
  const at = lastIndexById(list, id);
  return at < 0 ? undefined : list[at];
}

function lastIndexById(list: readonly Identified[], id: string): number {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.id === id) return i;
  return -1;
}

function upsert<T extends Identified>(list: readonly T[], item: T): readonly T[] {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.id === item.id) return withAt(list, i, item);
  }
  return [...list, item];
}

function withAt<T>(list: readonly T[], index: number, item: T): readonly T[] {
  const copy = list.slice();
  copy[index] = item;
  return copy;
}

// ---- the hot path ------------------------------------------------------------------------------------------
//
// Everything below only makes the reducer faster; for every input it returns what the generic code above (spread
// and `mergeDelta`) returns, or it steps aside and lets that code run.

/**
 * The last call: its arguments and result (a one-entry memo), and whether that result is canonical. Cleared by
 * {@link forgetLastTransition} when an operator's subscription ends, so nothing of a finished stream stays
 * reachable from here.
 */
let lastState: AssistantStreamState | undefined;
let lastEvent: AssistantStreamEvent | undefined;
let lastNext: AssistantStreamState | undefined;
let lastNextCanonical = false;

/**
 * What {@link mergeTextDelta} built, in plain variables rather than an object per event. `built...` describe the
 * last call's result when its text fast path ran (`builtCopy` is set only then): the message it built, which is
 * that result's `currentMessageSnapshot`, is a copy made by `builtCopy` (so it has exactly that copier's keys and
 * no symbol keys), and its content block at `builtIndex` and that block's `text` are object literals of
 * `BLOCK_KEYS` and of `builtTextKeys`. `trusted...` are the same facts about the state the current call received,
 * when it received that result: the next delta of the same block then skips the checks of those three objects.
 */
let trustedMessage: Message | undefined;
let trustedCopy: RecordCopier | undefined;
let trustedIndex = -1;
let trustedTextKeys: readonly string[] = [];
let builtCopy: RecordCopier | undefined;
let builtIndex = -1;
let builtTextKeys: readonly string[] = [];

/**
 * Lets go of the last call's states and events (the memo of {@link assistantStreamReducer}). Operators call it
 * when their subscription ends; it only costs the next call its shortcut.
 *
 * @internal
 * @example
 * return () => { subscription.unsubscribe(); forgetLastTransition(); };
 */
export function forgetLastTransition(): void {
  lastState = lastEvent = lastNext = undefined;
  lastNextCanonical = false;
  trustedMessage = undefined;
  trustedCopy = builtCopy = undefined;
  ropeValue = ropePrefix = '';
  ropeParts.length = 0;
}

/** The keys of a state, in the order of {@link initialAssistantStreamState}. */
const STATE_KEYS = Object.keys(initialAssistantStreamState);

/**
 * A state is canonical when its own keys are exactly those of the initial state, in the same order, with no
 * symbol keys: then the object literal of {@link stateOf} equals the spread `{ ...state, changes }`. The
 * initial state is, and every state built from a canonical one is, so this check runs only for a state the
 * reducer did not just return.
 */
function isCanonical(state: AssistantStreamState): boolean {
  return typeof state === 'object' && state !== null && hasExactKeys(state, STATE_KEYS);
}

/** A state as an object literal (a fixed shape, about ten times cheaper than a spread of the previous state). */
function stateOf(
  currentEvent: AssistantStreamEvent | undefined,
  currentRun: AssistantStreamState['currentRun'],
  currentMessageSnapshot: Message | undefined,
  currentRunStepSnapshot: RunStep | undefined,
  thread: AssistantStreamState['thread'],
  messages: readonly Message[],
  runSteps: readonly RunStep[],
  runs: AssistantStreamState['runs'],
): AssistantStreamState {
  return { currentEvent, currentRun, currentMessageSnapshot, currentRunStepSnapshot, thread, messages, runSteps, runs };
}

const BLOCK_KEYS = ['index', 'type', 'text'];
const TEXT_KEYS_WITH_ANNOTATIONS = ['value', 'annotations'];
const TEXT_KEYS_VALUE_ONLY = ['value'];

/**
 * The common text delta, `{ content: [{ index, type, text: { value } }] }` appending to a text block that already
 * exists, merged without `mergeDelta`'s generic walk: the same result (new message, content array, block and text
 * objects; `value` concatenated; everything else shared) for a fraction of the cost. Returns `undefined`, having
 * built nothing, for any other delta or snapshot; the caller then runs `mergeDelta`.
 */
function mergeTextDelta(message: Message, delta: object): Message | undefined {
  const entry = textAppendEntry(delta);
  if (entry === undefined) return undefined;
  const index = entry.index;
  const type = entry.type;
  const fragment = entry.text.value;

  // The snapshot: a content array with a block at `index` whose text has a string value.
  const content: unknown = message.content;
  if (!Array.isArray(content) || index >= content.length) return undefined;
  const block: unknown = content[index];
  if (!isRecord(block)) return undefined;
  const text = block['text'];
  if (!isRecord(text) || typeof text['value'] !== 'string') return undefined;

  let copy: RecordCopier;
  let textKeys: readonly string[];
  const trusted = message === trustedMessage && index === trustedIndex;
  if (trusted) {
    // Built by the previous call: the keys of these three objects are known.
    copy = trustedCopy!;
    textKeys = trustedTextKeys;
  } else {
    if (!hasExactKeys(block, BLOCK_KEYS)) return undefined;
    if (hasExactKeys(text, TEXT_KEYS_VALUE_ONLY)) textKeys = TEXT_KEYS_VALUE_ONLY;
    else if (hasExactKeys(text, TEXT_KEYS_WITH_ANNOTATIONS)) textKeys = TEXT_KEYS_WITH_ANNOTATIONS;
    else return undefined;
    if (Object.getOwnPropertySymbols(message).length !== 0) return undefined;
    copy = recordCopier(Object.keys(message));
  }

  const value = appendText(text['value'] as string, fragment, trusted);
  const nextText =
    textKeys === TEXT_KEYS_VALUE_ONLY ? { value } : { value, annotations: text['annotations'] };
  const nextBlock = { index, type: type !== undefined ? type : block['type'], text: nextText };
  const nextContent = content.slice();
  nextContent[index] = nextBlock;
  const next = copy(message) as { content: unknown };
  next.content = nextContent;
  builtCopy = copy;
  builtIndex = index;
  builtTextKeys = textKeys;
  return next as unknown as Message;
}

/**
 * The text the fast path appended to last (`ropeValue`): `ropePrefix` followed by the fragments of `ropeParts`
 * (fewer than {@link ROPE_BLOCK}).
 *
 * `value + fragment` makes V8 a rope node pointing at `value`; every snapshot's text then keeps the rope of the
 * whole text alive, one node per token, which the scavenger copies (once or twice) long after the snapshot that
 * made it is garbage. So the text is built in blocks: inside a block each text is still `previous + fragment`,
 * and every {@link ROPE_BLOCK} fragments the block's fragments are joined into one flat string and the text
 * becomes `ropePrefix + block`. The rope nodes made inside a block are then garbage (they die young), only one
 * node and one flat string per block stay, and each character is copied once more (linear in the text). The
 * strings are equal either way; only their representation inside V8 differs.
 */
let ropeValue = '';
let ropePrefix = '';
/** The fragments appended since `ropePrefix` (reused: emptied when a block ends). */
const ropeParts: string[] = [];
const ROPE_BLOCK = 64;

function appendText(previous: string, fragment: string, trusted: boolean): string {
  // `trusted`: the text is the one the previous call built, so `previous` is `ropeValue` itself (the same string,
  // compared in constant time) unless its snapshot was modified since; only then are characters compared.
  if (!trusted || ropeParts.length === 0 || previous !== ropeValue) {
    // Another text, the first fragment of this one, or a block just ended: start a block after it.
    ropePrefix = previous;
    ropeParts.length = 0;
    ropeParts.push(fragment);
    return (ropeValue = previous + fragment);
  }
  if (ropeParts.push(fragment) < ROPE_BLOCK) return (ropeValue = previous + fragment);
  const block = ropeParts.join('');
  ropeParts.length = 0;
  return (ropePrefix = ropeValue = ropePrefix + block);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

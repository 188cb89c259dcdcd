import { SnapshotError } from '../../errors/stream-errors.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, RunStep } from '../../wire/assistants.js';
import { hasExactKeys } from './copy-record.js';
import { mergeDelta, RefusedDeltaError } from './merge-delta.js';
import { detached } from '../../schema/json-values.js';
import { textAppendEntry } from './text-append.js';
import { type AssistantStreamState, initialAssistantStreamState } from './state.js';
import { isJsonObject } from '../../schema/json-values.js';

/**
 * The reducer behind `accumulateSnapshots()`: `(state, event) => state`. Never mutates `state` or `event`;
 * the new state shares everything the event did not change.
 *
 * - run events replace that run (by id) and set `currentRun`;
 * - `thread.run.step.*` / `thread.message.*` created and in-progress events store the object (of an object the
 *   state holds, the content accumulated stays: such an event may carry less than the deltas gave, as the SDK
 *   keeps its message snapshot; a step's tool calls received stay when the event has none); deltas merge into the
 *   snapshot of their id by the API's rules (see `mergeDelta`); completed / failed / cancelled / expired /
 *   incomplete events store the server's final object and clear the `current...Snapshot`;
 * - other events (including unknown types) only become `currentEvent`.
 *
 * Throws {@link SnapshotError} for a delta of a message or run step never created, a refused key, or an array index
 * above `MAX_DELTA_INDEX` (4096).
 *
 * The objects of a state are the reducer's own: what it keeps from an event (a message, a run, a delta's new
 * entry) is copied, so a state shares no object with the events (which reach every subscription of a shared
 * stream) and a consumer that changes its states changes nobody else's. `currentEvent` is the event itself.
 *
 * Pure and stateless: the result depends only on `state` and `event`, nothing is remembered between calls (no
 * memo, no module variables), so any number of streams can be reduced at once and a finished stream leaves
 * nothing behind. Operators that each reduce the same shared stream each pay for it: derive several results from
 * one `accumulateSnapshots()` instead (see `docs/observables.md`).
 *
 * @example
 * import { scan } from 'rxjs';
 * events$.pipe(scan(assistantStreamReducer, initialAssistantStreamState));
 */
export function assistantStreamReducer(state: AssistantStreamState, event: AssistantStreamEvent): AssistantStreamState {
  return reduce(state, event, state === initialAssistantStreamState || isCanonical(state));
}

function reduce(
  state: AssistantStreamState,
  event: AssistantStreamEvent,
  canonical: boolean,
): AssistantStreamState {
  switch (event.event) {
    case 'thread.message.delta': {
      const { id } = event.data;
      // A `null` content says nothing (the SDK skips it): it must not replace the blocks received.
      const delta = event.data.delta.content === null ? withoutContent(event.data.delta) : event.data.delta;
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
      const message = refresh(findById(state.messages, event.data.id), detached(event.data), 'content');
      const messages = upsert(state.messages, message);
      return canonical
        ? stateOf(event, state.currentRun, message, state.currentRunStepSnapshot, state.thread, messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, currentMessageSnapshot: message, messages };
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete': {
      const messages = upsert(state.messages, detached(event.data));
      return canonical
        ? stateOf(event, state.currentRun, undefined, state.currentRunStepSnapshot, state.thread, messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, currentMessageSnapshot: undefined, messages };
    }
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress': {
      const step = refresh(findById(state.runSteps, event.data.id), detached(event.data), 'step_details');
      const runSteps = upsert(state.runSteps, step);
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, step, state.thread, state.messages, runSteps, state.runs)
        : { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps };
    }
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      const runSteps = upsert(state.runSteps, detached(event.data));
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
      const run = detached(event.data);
      const runs = upsert(state.runs, run);
      return canonical
        ? stateOf(event, run, state.currentMessageSnapshot, state.currentRunStepSnapshot, state.thread, state.messages, state.runSteps, runs)
        : { ...state, currentEvent: event, currentRun: run, runs };
    }
    case 'thread.created': {
      const thread = detached(event.data);
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, state.currentRunStepSnapshot, thread, state.messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event, thread };
    }
    default:
      return canonical
        ? stateOf(event, state.currentRun, state.currentMessageSnapshot, state.currentRunStepSnapshot, state.thread, state.messages, state.runSteps, state.runs)
        : { ...state, currentEvent: event };
  }
}

type Identified = { readonly id: string };

function withoutContent<D extends { content?: unknown }>(delta: D): Omit<D, 'content'> {
  const { content: _content, ...rest } = delta;
  void _content;
  return rest;
}

function applyDelta<T extends Identified>(snapshot: T | undefined, delta: object, eventName: string, id: string): T {
  if (snapshot === undefined) {
    throw new SnapshotError(`A delta arrived for ${id}, which the stream never created`, { eventName });
  }
  try {
    return mergeDelta(snapshot, delta);
  } catch (error) {
    if (error instanceof RefusedDeltaError) {
      throw new SnapshotError(`Refused ${error.refused}`, { eventName, path: `delta.${error.path}`, cause: error });
    }
    throw error;
  }
}

/**
 * A created / in-progress event of an object the stream already holds carries the object as the server had it at
 * some moment, possibly before deltas the stream has since delivered; its other fields (status, ...) are taken.
 * A message's content blocks received stay whenever there are any, so a late in-progress event can neither erase
 * nor roll back streamed text (the SDK keeps its message snapshot on `in_progress` too). A step takes the event's
 * tool calls, as the SDK's does, but for none at all: then the ones received stay.
 */
function refresh<T extends Message | RunStep>(existing: T | undefined, incoming: T, field: 'content' | 'step_details'): T {
  if (existing === undefined) return incoming;
  if (field === 'content') {
    const kept = (existing as Message).content;
    return kept.length > 0 ? { ...incoming, content: kept } : incoming;
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
// and `mergeDelta`) returns, or it steps aside and lets that code run, with one difference: symbol-keyed
// properties are not data (JSON has none; only code that changed an emitted state or snapshot, or a hand-made
// initial state, can have added one), and the object literals below leave them out where a spread would copy them.
// It keeps nothing between calls: every check runs on every call (they allocate nothing), so a state or snapshot
// changed in place by a consumer is judged as it is now.

/** The keys of a state, in the order of {@link initialAssistantStreamState}. */
const STATE_KEYS = /* @__PURE__ */ Object.keys(initialAssistantStreamState);

/**
 * A state is canonical when its own string keys are exactly those of the initial state, in the same order: then
 * the object literal of {@link stateOf} equals the spread `{ ...state, changes }` (symbol keys aside). The initial
 * state is, and every state built from a canonical one is.
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
  if (!isJsonObject(block) || !hasExactKeys(block, BLOCK_KEYS)) return undefined;
  const text = block['text'];
  if (!isJsonObject(text) || typeof text['value'] !== 'string') return undefined;
  const withAnnotations = hasExactKeys(text, TEXT_KEYS_WITH_ANNOTATIONS);
  if (!withAnnotations && !hasExactKeys(text, TEXT_KEYS_VALUE_ONLY)) return undefined;

  const value = appendText(text['value'] as string, fragment);
  const nextText = withAnnotations ? { value, annotations: text['annotations'] } : { value };
  const nextBlock = { index, type: type !== undefined ? type : block['type'], text: nextText };
  const nextContent = content.slice();
  nextContent[index] = nextBlock;
  return withContent(message, nextContent);
}

/** The message keys in the order the API sends them (recorded streams), without and with `attachments`. */
const MESSAGE_KEYS = [
  'id', 'object', 'created_at', 'assistant_id', 'thread_id', 'run_id', 'status', 'incomplete_details',
  'incomplete_at', 'completed_at', 'role', 'content', 'metadata',
];
const MESSAGE_KEYS_WITH_ATTACHMENTS = /* @__PURE__ */ MESSAGE_KEYS.slice(0, -1).concat('attachments', 'metadata');

/**
 * `{ ...message, content }`. A spread of a message that is itself a copy takes V8's slow path (about 200 ns), so
 * a message with the API's keys in the API's order is copied by a literal naming them; any other message (other
 * keys, another order) by the spread. The same data either way.
 */
function withContent(message: Message, content: unknown[]): Message {
  const m = message as unknown as Record<string, unknown>;
  if (hasExactKeys(m, MESSAGE_KEYS)) {
    return {
      id: m['id'], object: m['object'], created_at: m['created_at'], assistant_id: m['assistant_id'],
      thread_id: m['thread_id'], run_id: m['run_id'], status: m['status'], incomplete_details: m['incomplete_details'],
      incomplete_at: m['incomplete_at'], completed_at: m['completed_at'], role: m['role'], content,
      metadata: m['metadata'],
    } as unknown as Message;
  }
  if (hasExactKeys(m, MESSAGE_KEYS_WITH_ATTACHMENTS)) {
    return {
      id: m['id'], object: m['object'], created_at: m['created_at'], assistant_id: m['assistant_id'],
      thread_id: m['thread_id'], run_id: m['run_id'], status: m['status'], incomplete_details: m['incomplete_details'],
      incomplete_at: m['incomplete_at'], completed_at: m['completed_at'], role: m['role'], content,
      attachments: m['attachments'], metadata: m['metadata'],
    } as unknown as Message;
  }
  // The spread keeps every other key (and its order) as `mergeDelta` would; `content` keeps its place.
  return { ...message, content } as Message;
}

/**
 * `previous + fragment`, flattened now and then.
 *
 * `previous + fragment` makes V8 a rope node pointing at `previous`, so a snapshot's text is a chain of one node
 * per token, all alive as long as the text is, and old enough by the end of a long message to be copied by the
 * scavenger and promoted. Whenever the length crosses a multiple of a step (1 KiB, growing with the text to a
 * sixteenth of it, so the copies stay linear in the text), the new text is flattened in place (`Number()` of a
 * rope makes V8 flatten it): the nodes before become garbage, and the string is equal either way; only its
 * representation inside V8 differs. Nothing is remembered between calls: the step follows from the lengths.
 */
function appendText(previous: string, fragment: string): string {
  const value = previous + fragment;
  const step = flattenStep(value.length);
  if (Math.floor(previous.length / step) !== Math.floor(value.length / step)) Number(value);
  return value;
}

const MIN_FLATTEN_STEP = 1024;

/** A power of two between a thirty-second and a sixteenth of `length`, at least {@link MIN_FLATTEN_STEP}. */
function flattenStep(length: number): number {
  let step = MIN_FLATTEN_STEP;
  while (step * 32 <= length) step *= 2;
  return step;
}


import { RUN_EVENT_NAMES, RUN_STEP_EVENT_NAMES } from '../../assistants/event-names.js';
import { assistantStreamReducer } from '../../assistants/snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../../assistants/snapshot/state.js';
import { textAppendEntry } from '../../assistants/snapshot/text-append.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message } from '../../wire/assistants.js';

/**
 * A run or run step as recovery reads it: its id and status (and a run's thread).
 *
 * @example
 * const run: DeliveredObject = { id: 'run_1', status: 'in_progress', thread_id: 'thread_1' };
 */
export interface DeliveredObject {
  readonly id: string;
  readonly status: string;
  readonly thread_id?: string;
}

/**
 * What a run stream has delivered, as far as recovery reads it (`missingEvents()`): the messages as the snapshot
 * reducer accumulates them from the message events, and the id and status of every run and run step (the last
 * run event's run as `currentRun`). A snapshot state ({@link AssistantStreamState}) is one too.
 *
 * @example
 * const state: DeliveredState = { currentRun: undefined, runs: [], runSteps: [], messages: [] };
 */
export interface DeliveredState {
  readonly currentRun: DeliveredObject | undefined;
  readonly runs: readonly DeliveredObject[];
  readonly runSteps: readonly DeliveredObject[];
  readonly messages: readonly Message[];
}

/**
 * What a run stream has delivered so far, for recovering it when it is cut (`state()`, what `missingEvents()`
 * compares with the server's objects).
 *
 * It runs beside the user's own operators on every event, so it must cost little:
 * - of run and run step events (most of a stream's lifecycle events, each a large object) it keeps the id and
 *   status (and a run's thread), copied as they arrive, rather than a copy of the whole object;
 * - message events go through the snapshot reducer (recovery compares the text received with the server's), but a
 *   text delta that only appends text to a text block the state already holds is kept as a fragment (a push), and
 *   the fragments are merged into the state, one joined delta per block, only when another message event arrives
 *   or the state is asked for. Appending the joined text gives the same messages as appending each fragment.
 *   Keeping text deltas away from the reducer also leaves its one-entry memo and text fast path to the user's
 *   `accumulateSnapshots()` / `finalMessages()` chain, which would otherwise be interleaved with this one on
 *   every token.
 *
 * Nothing it keeps is shared with an event (a consumer may change an event after it is delivered). Events it
 * cannot apply are skipped: tracking must never end the user's stream.
 *
 * @internal
 * @example
 * const delivered = deliveredEvents();
 * events$.pipe(tap((event) => delivered.observe(event)));
 * const missed = missingEvents(delivered.state(), finalRun, steps, messages);
 */
export function deliveredEvents(): { observe(event: AssistantStreamEvent): void; state(): DeliveredState } {
  // The message events, reduced.
  let messages: AssistantStreamState = initialAssistantStreamState;
  let currentRun: DeliveredObject | undefined;
  let runs: DeliveredObject[] = [];
  let runSteps: DeliveredObject[] = [];
  // `runs` and `runSteps` as last handed out by `state()`: changed in place until then, copied after.
  let shared = false;
  // Text not yet merged, in arrival order: one entry per run of deltas to the same message and block.
  const pending: PendingText[] = [];

  const apply = (event: AssistantStreamEvent) => {
    try {
      messages = assistantStreamReducer(messages, event);
    } catch {
      // Tracking is for recovery only; an event it cannot apply must not end the user's stream.
    }
  };
  const flush = () => {
    for (const text of pending) apply(joinedDelta(text));
    pending.length = 0;
  };
  const keep = (list: DeliveredObject[], object: DeliveredObject) => {
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.id === object.id) {
        list[i] = object;
        return;
      }
    }
    list.push(object);
  };

  return {
    observe(event) {
      const name = event.event;
      if (name === 'thread.message.delta') {
        const appended = plainTextAppend(event.data);
        if (appended !== undefined) {
          const last = pending[pending.length - 1];
          if (last !== undefined && last.id === appended.id && last.index === appended.index) {
            addFragment(last, appended.value);
            return;
          }
          if (holdsTextBlock(messages, appended.id, appended.index)) {
            pending.push({ id: appended.id, index: appended.index, head: '', parts: [appended.value] });
            return;
          }
        }
      } else if (RUN_EVENTS.has(name) || STEP_EVENTS.has(name)) {
        const object = idAndStatus(event.data);
        if (object === undefined) return;
        if (shared) {
          runs = runs.slice();
          runSteps = runSteps.slice();
          shared = false;
        }
        if (STEP_EVENTS.has(name)) keep(runSteps, object);
        else {
          keep(runs, object);
          currentRun = object;
        }
        return;
      } else if (!name.startsWith('thread.message.')) return;
      flush();
      apply(event);
    },
    state() {
      flush();
      shared = true;
      return { currentRun, runs, runSteps, messages: messages.messages };
    },
  };
}

// The events whose run or run step the snapshot reducer stores (a step's delta changes neither id nor status).
const RUN_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(RUN_EVENT_NAMES);
const STEP_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(
  RUN_STEP_EVENT_NAMES.filter((name) => name !== 'thread.run.step.delta'),
);

/** The id and status of a run or run step (and a run's thread), or `undefined` when they are not strings. */
function idAndStatus(data: unknown): DeliveredObject | undefined {
  const { id, status, thread_id } = data as { id?: unknown; status?: unknown; thread_id?: unknown };
  if (typeof id !== 'string' || typeof status !== 'string') return undefined;
  return typeof thread_id === 'string' ? { id, status, thread_id } : { id, status };
}

interface PendingText {
  readonly id: string;
  readonly index: number;
  /** The text of fragments already joined (so `parts` stays short). */
  head: string;
  parts: string[];
}

const JOIN_EVERY = 1024;

function addFragment(text: PendingText, value: string): void {
  if (text.parts.push(value) < JOIN_EVERY) return;
  // A rope node, not a copy: the text is flattened once, when it is merged.
  text.head += text.parts.join('');
  text.parts = [];
}

function joinedDelta(text: PendingText): AssistantStreamEvent {
  const value = text.head + text.parts.join('');
  return {
    event: 'thread.message.delta',
    data: { id: text.id, object: 'thread.message.delta', delta: { content: [{ index: text.index, type: 'text', text: { value } }] } },
  };
}

/**
 * The delta as `{ id, index, value }` when it does nothing but append `value` to the text of block `index` of a
 * text block: a {@link textAppendEntry} whose type, if any, is `'text'` (another type would change the block's)
 * and whose index is not -0 (the reducer keeps the delta's own index, and -0 would group with 0).
 */
function plainTextAppend(data: unknown): { id: string; index: number; value: string } | undefined {
  const { id, delta } = data as { id?: unknown; delta?: unknown };
  if (typeof id !== 'string') return undefined;
  const entry = textAppendEntry(delta);
  if (entry === undefined || (entry.type !== undefined && entry.type !== 'text') || Object.is(entry.index, -0)) {
    return undefined;
  }
  return { id, index: entry.index, value: entry.text.value };
}

/** Whether the state's message `id` has a text block at `index`, which appending text keeps a text block. */
function holdsTextBlock(state: AssistantStreamState, id: string, index: number): boolean {
  const messages = state.messages;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.id !== id) continue;
    const block = message.content[index];
    return block !== undefined && block.type === 'text' && typeof block.text?.value === 'string';
  }
  return false;
}


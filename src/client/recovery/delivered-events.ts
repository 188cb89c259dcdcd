import { assistantStreamReducer } from '../../assistants/snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../../assistants/snapshot/state.js';
import { textAppendEntry } from '../../assistants/snapshot/text-append.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';

/**
 * What a run stream has delivered so far, for recovering it when it is cut: the snapshot state of its events
 * (`state()`, what `missingEvents()` compares with the server's objects).
 *
 * It runs beside the user's own operators on every event, so it must cost little: a text delta that only
 * appends text to a text block the state already holds is kept as a fragment (a push), and the fragments are
 * merged into the state, one joined delta per block, only when another event arrives or the state is asked for.
 * Appending the joined text gives the same messages as appending each fragment; only `currentEvent` may then be
 * that joined delta instead of the last one received (recovery does not read it). Keeping text deltas away from
 * the reducer also leaves its one-entry memo and text fast path to the user's `accumulateSnapshots()` /
 * `finalMessages()` chain, which would otherwise be interleaved with this one on every token.
 *
 * Events the reducer cannot apply are skipped: tracking must never end the user's stream.
 *
 * @internal
 * @example
 * const delivered = deliveredEvents();
 * events$.pipe(tap((event) => delivered.observe(event)));
 * const missed = missingEvents(delivered.state(), finalRun, steps, messages);
 */
export function deliveredEvents(): { observe(event: AssistantStreamEvent): void; state(): AssistantStreamState } {
  let state: AssistantStreamState = initialAssistantStreamState;
  // Text not yet merged, in arrival order: one entry per run of deltas to the same message and block.
  const pending: PendingText[] = [];

  const apply = (event: AssistantStreamEvent) => {
    try {
      state = assistantStreamReducer(state, event);
    } catch {
      // Tracking is for recovery only; an event it cannot apply must not end the user's stream.
    }
  };
  const flush = () => {
    for (const text of pending) apply(joinedDelta(text));
    pending.length = 0;
  };

  return {
    observe(event) {
      const appended = event.event === 'thread.message.delta' ? plainTextAppend(event.data) : undefined;
      if (appended !== undefined) {
        const last = pending[pending.length - 1];
        if (last !== undefined && last.id === appended.id && last.index === appended.index) {
          addFragment(last, appended.value);
          return;
        }
        if (holdsTextBlock(state, appended.id, appended.index)) {
          pending.push({ id: appended.id, index: appended.index, head: '', parts: [appended.value] });
          return;
        }
      }
      flush();
      apply(event);
    },
    state() {
      flush();
      return state;
    },
  };
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


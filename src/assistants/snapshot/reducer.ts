import { SnapshotError } from '../../errors/stream-errors.js';
import type { AssistantStreamEvent, Message, RunStep } from '../../schema/assistants/index.js';
import { mergeDelta, UnsafeDeltaKeyError } from './merge-delta.js';
import type { AssistantStreamState } from './state.js';

/**
 * The pure reducer behind `accumulateSnapshots()`: `(state, event) => state`. Never mutates `state` or `event`;
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
 * @example
 * import { scan } from 'rxjs';
 * events$.pipe(scan(assistantStreamReducer, initialAssistantStreamState));
 */
export function assistantStreamReducer(state: AssistantStreamState, event: AssistantStreamEvent): AssistantStreamState {
  switch (event.event) {
    case 'thread.message.delta': {
      const { id, delta } = event.data;
      const message = applyDelta(findById(state.messages, id), delta, event.event, id);
      return { ...state, currentEvent: event, currentMessageSnapshot: message, messages: upsert(state.messages, message) };
    }
    case 'thread.run.step.delta': {
      const { id, delta } = event.data;
      const step = applyDelta(findById(state.runSteps, id), delta, event.event, id);
      return { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps: upsert(state.runSteps, step) };
    }
    case 'thread.message.created':
    case 'thread.message.in_progress': {
      const message = refresh(findById(state.messages, event.data.id), event.data, 'content');
      return { ...state, currentEvent: event, currentMessageSnapshot: message, messages: upsert(state.messages, message) };
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete':
      return {
        ...state,
        currentEvent: event,
        currentMessageSnapshot: undefined,
        messages: upsert(state.messages, event.data),
      };
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress': {
      const step = refresh(findById(state.runSteps, event.data.id), event.data, 'step_details');
      return { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps: upsert(state.runSteps, step) };
    }
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired':
      return {
        ...state,
        currentEvent: event,
        currentRunStepSnapshot: undefined,
        runSteps: upsert(state.runSteps, event.data),
      };
    case 'thread.run.created':
    case 'thread.run.queued':
    case 'thread.run.in_progress':
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelling':
    case 'thread.run.cancelled':
    case 'thread.run.expired':
      return { ...state, currentEvent: event, currentRun: event.data, runs: upsert(state.runs, event.data) };
    case 'thread.created':
      return { ...state, currentEvent: event, thread: event.data };
    default:
      return { ...state, currentEvent: event };
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
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.id === id) return list[i];
  return undefined;
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

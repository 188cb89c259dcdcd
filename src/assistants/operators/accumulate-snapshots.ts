import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { AssistantStreamState } from '../snapshot/state.js';
import { accumulating } from './accumulating-operator.js';

/**
 * Accumulates a run stream into snapshots: one {@link AssistantStreamState} per event, with `currentEvent`,
 * `currentRun`, `currentMessageSnapshot`, `currentRunStepSnapshot` and every message, run step and run so far.
 * {@link assistantStreamReducer} applied as `scan` would: states are immutable and share unchanged parts,
 * so `===` tells what changed.
 *
 * @example
 * import { map, distinctUntilChanged } from 'rxjs';
 * import { accumulateSnapshots } from 'rx-openai-stream';
 *
 * events$.pipe(
 *   accumulateSnapshots(),
 *   map((state) => state.messages),
 *   distinctUntilChanged(), // emits only when a message changed
 * ).subscribe((messages) => render(messages));
 */
export function accumulateSnapshots(): OperatorFunction<AssistantStreamEvent, AssistantStreamState> {
  return accumulating<AssistantStreamState>({ event: (_event, state, _previous, out) => out.next(state) });
}

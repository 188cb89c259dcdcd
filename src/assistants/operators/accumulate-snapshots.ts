import { type OperatorFunction, scan } from 'rxjs';
import type { AssistantStreamEvent } from '../../schema/assistants/index.js';
import { assistantStreamReducer } from '../snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../snapshot/state.js';

/**
 * Accumulates a run stream into snapshots: one {@link AssistantStreamState} per event, with `currentEvent`,
 * `currentRun`, `currentMessageSnapshot`, `currentRunStepSnapshot` and every message, run step and run so far.
 * The pure {@link assistantStreamReducer} wrapped in `scan`: states are immutable and share unchanged parts, so
 * `===` tells what changed.
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
  return scan(assistantStreamReducer, initialAssistantStreamState);
}

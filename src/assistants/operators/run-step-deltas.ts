import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { RunStep, RunStepDelta } from '../../wire/assistants.js';
import { accumulating } from './accumulating-operator.js';

/**
 * A run step delta with the run step as accumulated after it.
 *
 * @example
 * events$.pipe(runStepDeltas()).subscribe(({ delta, snapshot }: RunStepDeltaWithSnapshot) => showStep(snapshot.id, delta.step_details));
 */
export interface RunStepDeltaWithSnapshot {
  /** The delta as received (`event.data.delta`). */
  readonly delta: RunStepDelta;
  /** The whole run step so far, the delta included. */
  readonly snapshot: RunStep;
}

/**
 * Emits `{ delta, snapshot }` for every `thread.run.step.delta` (the SDKs' `onRunStepDelta(delta, snapshot)`).
 *
 * @example
 * import { runStepDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(runStepDeltas()).subscribe(({ snapshot }) => showStep(snapshot.step_details));
 */
export function runStepDeltas(): OperatorFunction<AssistantStreamEvent, RunStepDeltaWithSnapshot> {
  return accumulating<RunStepDeltaWithSnapshot>({
    event(event, state, _previous, out) {
      if (event.event === 'thread.run.step.delta') {
        out.next({ delta: event.data.delta, snapshot: state.currentRunStepSnapshot! });
      }
    },
  });
}

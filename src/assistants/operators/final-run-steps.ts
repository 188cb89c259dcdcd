import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { RunStep } from '../../wire/assistants.js';
import { MissingRunError } from '../../errors/stream-errors.js';
import { accumulating } from './accumulating-operator.js';
import { isSettledRunStatus } from '../run-statuses.js';

/**
 * Emits once, when the stream completes: every run step the stream carried, in order, each in its final form.
 * `[]` when there were none. Fails with `MissingRunError` when the stream's latest run never settled (it ended
 * early, at a `[DONE]` that came too soon), as the official SDK's final getters fail when no run settled.
 *
 * @example
 * import { finalRunSteps } from 'rx-openai-stream';
 *
 * events$.pipe(finalRunSteps()).subscribe((steps) => console.log(steps.map((s) => s.type)));
 */
export function finalRunSteps(): OperatorFunction<AssistantStreamEvent, readonly RunStep[]> {
  return accumulating<readonly RunStep[]>({
    complete(state, out) {
      // The stream's (latest) run never settled: it ended early (as the SDK's finals, none is final then).
      const run = state.currentRun;
      if (run !== undefined && !isSettledRunStatus(run.status)) return out.error(new MissingRunError(run.status));
      out.next(state.runSteps);
      out.complete();
    },
  });
}

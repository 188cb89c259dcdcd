import type { OperatorFunction } from 'rxjs';
import { MissingRunError } from '../../errors/stream-errors.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Run } from '../../wire/assistants.js';
import { isSettledRunStatus } from '../run-statuses.js';
import type { AssistantStreamState } from '../snapshot/state.js';
import { accumulating } from './accumulating-operator.js';


/**
 * Emits once, when the stream completes: the last run object in a final state (`completed`, `requires_action`,
 * `failed`, `cancelled`, `expired` or `incomplete`). Fails with {@link MissingRunError} when there was none.
 *
 * @example
 * import { finalRun } from 'rx-openai-stream';
 *
 * events$.pipe(finalRun()).subscribe((run) => {
 *   if (run.status === 'requires_action') answerToolCalls(run.required_action!.submit_tool_outputs.tool_calls);
 * });
 */
export function finalRun(): OperatorFunction<AssistantStreamEvent, Run> {
  return accumulating<Run>({
    complete(state, out) {
      const final = settledRun(state);
      if (!final) return out.error(new MissingRunError(state.currentRun?.status));
      out.next(final);
      out.complete();
    },
  });
}

/** The run a stream ended with: the latest run object in a settled state (of several runs, the newest settled). */
function settledRun(state: AssistantStreamState): Run | undefined {
  const candidates = state.currentRun ? [state.currentRun, ...state.runs.slice().reverse()] : [];
  return candidates.find((run) => isSettledRunStatus(run.status));
}

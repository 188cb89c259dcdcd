import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message } from '../../wire/assistants.js';
import { MissingRunError } from '../../errors/stream-errors.js';
import { accumulating } from './accumulating-operator.js';
import { isSettledRunStatus } from '../run-statuses.js';

/**
 * Emits once, when the stream completes: every message the stream carried, in order, each in its final form
 * (the server's `thread.message.completed` object when it came, else the accumulated snapshot). `[]` when
 * there were none. Fails with `MissingRunError` when the stream's latest run never settled (it ended early, at a
 * `[DONE]` that came too soon), as the official SDK's final getters fail when no run settled.
 *
 * @example
 * import { finalMessages } from 'rx-openai-stream';
 *
 * events$.pipe(finalMessages()).subscribe((messages) => save(messages));
 */
export function finalMessages(): OperatorFunction<AssistantStreamEvent, readonly Message[]> {
  return accumulating<readonly Message[]>({
    complete(state, out) {
      // The stream's (latest) run never settled: it ended early (as the SDK's finals, none is final then).
      const run = state.currentRun;
      if (run !== undefined && !isSettledRunStatus(run.status)) return out.error(new MissingRunError(run.status));
      out.next(state.messages);
      out.complete();
    },
  });
}

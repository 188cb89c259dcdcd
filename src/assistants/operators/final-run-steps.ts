import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { RunStep } from '../../wire/assistants.js';
import { accumulating } from './accumulating-operator.js';

/**
 * Emits once, when the stream completes: every run step the stream carried, in order, each in its final form.
 * `[]` when there were none.
 *
 * @example
 * import { finalRunSteps } from 'rx-openai-stream';
 *
 * events$.pipe(finalRunSteps()).subscribe((steps) => console.log(steps.map((s) => s.type)));
 */
export function finalRunSteps(): OperatorFunction<AssistantStreamEvent, readonly RunStep[]> {
  return accumulating<readonly RunStep[]>({
    complete(state, out) {
      out.next(state.runSteps);
      out.complete();
    },
  });
}

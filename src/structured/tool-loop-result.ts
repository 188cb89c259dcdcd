import { filter, last, map, type OperatorFunction, pipe } from 'rxjs';
import type { ToolLoopEvent, ToolLoopResult } from './tool-loop.js';

/**
 * Emits once, when a tool loop ends: its {@link ToolLoopResult} (the last response / completion, the whole
 * history of input items / messages, the number of model requests and why it stopped). A loop that fails fails
 * this too; a loop that completes without `loop.finished` fails with rxjs's `EmptyError`.
 *
 * @example
 * import { runResponsesTools, toolLoopResult } from 'rx-openai-stream/structured';
 *
 * runResponsesTools(client, { model: 'gpt-4o', input: 'Weather in Oslo?' }, { tools: [getWeather] })
 *   .pipe(toolLoopResult())
 *   .subscribe(({ final, history }) => console.log(final.output_text, history));
 */
export function toolLoopResult<E, F, P, H>(): OperatorFunction<ToolLoopEvent<E, F, P, H>, ToolLoopResult<F, H>> {
  return pipe(
    filter((event): event is Extract<ToolLoopEvent<E, F, P, H>, { type: 'loop.finished' }> => event.type === 'loop.finished'),
    map(({ final, history, steps, reason }): ToolLoopResult<F, H> => ({ final, history, steps, reason })),
    last(),
  );
}

import { filter, last, map, type OperatorFunction, pipe } from 'rxjs';
import type { ToolLoopEvent, ToolLoopResult } from './tool-loop.js';

type LoopFinished<E, F, P, H, O> = Extract<ToolLoopEvent<E, F, P, H, O>, { type: 'loop.finished' }>;

/**
 * Emits once, when a tool loop ends: its {@link ToolLoopResult} (the last response / completion, the whole
 * history of input items / messages, the number of model requests, why it stopped, and the tokens of all the
 * requests). A loop that fails fails this too; a loop that completes without `loop.finished` fails with rxjs's
 * `EmptyError`.
 *
 * @example
 * import { runResponsesTools, toolLoopResult } from 'rx-openai-stream/structured';
 *
 * runResponsesTools(client, { model: 'gpt-4o', input: 'Weather in Oslo?' }, { tools: [getWeather] })
 *   .pipe(toolLoopResult())
 *   .subscribe(({ final, history, usage }) => console.log(final.output_text, history, usage?.total));
 */
export function toolLoopResult<E, F, P, H, O>(): OperatorFunction<ToolLoopEvent<E, F, P, H, O>, ToolLoopResult<F, H>> {
  return pipe(
    filter((event): event is LoopFinished<E, F, P, H, O> => event.type === 'loop.finished'),
    map(({ final, history, steps, reason, usage }): ToolLoopResult<F, H> => ({ final, history, steps, reason, usage })),
    last(),
  );
}

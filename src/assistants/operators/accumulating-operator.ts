import { Observable, type OperatorFunction } from 'rxjs';
import { reducing, type ReducingSteps } from '../../operators/reducing-operator.js';
import type { AssistantStreamEvent } from '../../schema/assistants/index.js';
import { assistantStreamReducer, forgetLastTransition } from '../snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../snapshot/state.js';

/**
 * What an accumulating operator does with each event once the snapshots include it. @internal
 *
 * @example
 * const steps: AccumulatingSteps<string> = { event: (e, state, _previous, out) => out.next(e.event) };
 * events$.pipe(accumulating(steps)).subscribe((name) => console.log(name));
 */
export type AccumulatingSteps<R> = ReducingSteps<AssistantStreamState, AssistantStreamEvent, R>;

/**
 * The machinery shared by every operator that needs run snapshots (`messageDeltas()`, `toolCallDeltas()`,
 * `finalMessages()`, `handleEvents()`, ...): the generic reducing operator with the assistants reducer, so
 * one reducer state per subscription, advanced once per event, and errors of the reducer (a refused delta)
 * ending the stream. When the subscription ends, the reducer's memo of its last call is released. @internal
 *
 * @example
 * const lastMessageCount = () => accumulating<number>({ complete: (s, out) => { out.next(s.messages.length); out.complete(); } });
 */
export function accumulating<R>(steps: AccumulatingSteps<R>): OperatorFunction<AssistantStreamEvent, R> {
  const operator = reducing(assistantStreamReducer, initialAssistantStreamState, steps);
  return (source) =>
    new Observable<R>((out) => {
      // `out` itself subscribes (no extra subscriber per event); the teardown runs however the subscription ends.
      operator(source).subscribe(out);
      return forgetLastTransition;
    });
}

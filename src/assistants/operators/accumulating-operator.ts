import type { OperatorFunction } from 'rxjs';
import { reducing, type ReducingSteps } from '../../operators/reducing-operator.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import { assistantStreamReducer } from '../snapshot/reducer.js';
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
 * ending the stream. Each such operator reduces on its own: several on one shared stream reduce it once each
 * (derive them from one `accumulateSnapshots()` to reduce once; see `docs/observables.md`). @internal
 *
 * @example
 * const lastMessageCount = () => accumulating<number>({ complete: (s, out) => { out.next(s.messages.length); out.complete(); } });
 */
export function accumulating<R>(steps: AccumulatingSteps<R>): OperatorFunction<AssistantStreamEvent, R> {
  return reducing(assistantStreamReducer, initialAssistantStreamState, steps);
}

import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import type { AssistantStreamEvent } from '../../schema/assistants/index.js';
import { assistantStreamReducer } from '../snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../snapshot/state.js';

/** What an accumulating operator does with each event once the snapshots include it. @internal */
export interface AccumulatingSteps<R> {
  /** Called after the reducer applied `event`; `previous` is the state before it. */
  event?(event: AssistantStreamEvent, state: AssistantStreamState, previous: AssistantStreamState, out: Subscriber<R>): void;
  /** Called when the source completes, with the final state. Must complete `out` (or error it). */
  complete?(state: AssistantStreamState, out: Subscriber<R>): void;
}

/**
 * The machinery shared by every operator that needs snapshots (`messageDeltas()`, `toolCallDeltas()`,
 * `finalMessages()`, `handleEvents()`, ...): one reducer state per subscription, advanced once per event, and
 * errors of the reducer (a refused delta) ending the stream. @internal
 *
 * @example
 * const lastMessageCount = () => accumulating<number>({ complete: (s, out) => { out.next(s.messages.length); out.complete(); } });
 */
export function accumulating<R>(steps: AccumulatingSteps<R>): OperatorFunction<AssistantStreamEvent, R> {
  return (source) =>
    new Observable<R>((out) => {
      let state = initialAssistantStreamState;
      return source.subscribe({
        next(event) {
          const previous = state;
          try {
            state = assistantStreamReducer(previous, event);
            steps.event?.(event, state, previous, out);
          } catch (error) {
            out.error(error);
          }
        },
        error: (error: unknown) => out.error(error),
        complete() {
          if (!steps.complete) return out.complete();
          try {
            steps.complete(state, out);
          } catch (error) {
            out.error(error);
          }
        },
      });
    });
}

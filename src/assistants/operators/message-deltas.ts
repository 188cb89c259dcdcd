import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, MessageDelta } from '../../wire/assistants.js';
import { accumulating } from './accumulating-operator.js';

/**
 * A message delta with the message as accumulated after it.
 *
 * @example
 * events$.pipe(messageDeltas()).subscribe(({ delta, snapshot }: MessageDeltaWithSnapshot) => render(snapshot.id, delta.content));
 */
export interface MessageDeltaWithSnapshot {
  /** The delta as received (`event.data.delta`). */
  readonly delta: MessageDelta;
  /** The whole message so far, the delta included. */
  readonly snapshot: Message;
}

/**
 * Emits `{ delta, snapshot }` for every `thread.message.delta`: what arrived, and the message so far (the
 * equivalent of the SDKs' `onMessageDelta(delta, snapshot)`).
 *
 * @example
 * import { messageDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(messageDeltas()).subscribe(({ snapshot }) => render(snapshot.content));
 */
export function messageDeltas(): OperatorFunction<AssistantStreamEvent, MessageDeltaWithSnapshot> {
  return accumulating<MessageDeltaWithSnapshot>({
    event(event, state, _previous, out) {
      if (event.event === 'thread.message.delta') {
        out.next({ delta: event.data.delta, snapshot: state.currentMessageSnapshot! });
      }
    },
  });
}

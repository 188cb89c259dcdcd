import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message } from '../../wire/assistants.js';
import { accumulating } from './accumulating-operator.js';

/**
 * Emits once, when the stream completes: every message the stream carried, in order, each in its final form
 * (the server's `thread.message.completed` object when it came, else the accumulated snapshot). `[]` when
 * there were none.
 *
 * @example
 * import { finalMessages } from 'rx-openai-stream';
 *
 * events$.pipe(finalMessages()).subscribe((messages) => save(messages));
 */
export function finalMessages(): OperatorFunction<AssistantStreamEvent, readonly Message[]> {
  return accumulating<readonly Message[]>({
    complete(state, out) {
      out.next(state.messages);
      out.complete();
    },
  });
}

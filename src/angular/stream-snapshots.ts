import { defer, filter, map, type OperatorFunction } from 'rxjs';
import { assistantStreamReducer } from '../assistants/snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../assistants/snapshot/state.js';
import { chatCompletionReducer } from '../chat/snapshot/reducer.js';
import type { ChatCompletionSnapshot } from '../chat/snapshot/state.js';
import { type StreamKind, type StreamValue, streamKindOf } from '../operators/stream-value.js';
import { responseReducer } from '../responses/snapshot/reducer.js';
import type { ResponseSnapshot } from '../responses/snapshot/state.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';

/**
 * The snapshot the library accumulates from a stream of `E`: a {@link ResponseSnapshot} for Responses events, a
 * {@link ChatCompletionSnapshot} for Chat Completions chunks, an {@link AssistantStreamState} for Assistants run
 * events (a union for a union of them).
 *
 * @example
 * const snapshot: SnapshotOf<ResponseStreamEvent> = answer.snapshot()!; // a ResponseSnapshot
 */
export type SnapshotOf<E> = E extends ResponseStreamEvent
  ? ResponseSnapshot
  : E extends ChatCompletionChunk
    ? ChatCompletionSnapshot
    : E extends AssistantStreamEvent
      ? AssistantStreamState
      : never;

/**
 * Accumulates any stream into its snapshots, with the reducer of the stream's kind (told by its first value:
 * `accumulateResponse()`, `accumulateChatCompletion()` or `accumulateSnapshots()` in one); values of another kind
 * (in a merged stream) are left out. One snapshot per value once the first snapshot exists. @internal
 *
 * @example
 * events$.pipe(streamSnapshots()).subscribe((snapshot) => render(snapshot));
 */
export function streamSnapshots<E extends StreamValue>(): OperatorFunction<E, SnapshotOf<E>> {
  return (source) =>
    defer(() => {
      // The three reducers directly, not `protocolAccumulations`: that map also carries each API's tool call
      // extraction, which a snapshot does not need (0.6 KB gzip more in an Angular app's bundle).
      let kind: StreamKind | undefined;
      let state: unknown;
      return source.pipe(
        map((value) => {
          const valueKind = streamKindOf(value);
          kind ??= valueKind;
          if (valueKind === undefined || valueKind !== kind) return state;
          // One case per kind of `src/protocols/registry.ts`: a new kind fails to compile here until it has its reducer.
          switch (kind) {
            case 'responses':
              state = responseReducer(state as ResponseSnapshot | undefined, value as ResponseStreamEvent);
              break;
            case 'chat':
              state = chatCompletionReducer(state as ChatCompletionSnapshot | undefined, value as ChatCompletionChunk);
              break;
            case 'assistants':
              state = assistantStreamReducer((state ?? initialAssistantStreamState) as AssistantStreamState, value as AssistantStreamEvent);
              break;
            default:
              return kind satisfies never;
          }
          return state;
        }),
        filter((snapshot): snapshot is SnapshotOf<E> => snapshot !== undefined),
      );
    });
}

import { Observable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import type { StreamValue } from './stream-value.js';
import { subscribeChained } from './subscribe-chained.js';

/**
 * Options of {@link textDeltas}.
 *
 * @example
 * chunks$.pipe(textDeltas({ choice: 1 })).subscribe((text) => second.append(text));
 */
export interface TextDeltasOptions {
  /** For Chat Completions chunks: which choice's text (its `index`, default 0). Ignored for other streams. */
  choice?: number;
}

/**
 * Emits the text fragments of a stream as plain strings, in order, whatever the API:
 * - Assistants: the `text.value` of every text block of `thread.message.delta` events;
 * - Chat Completions: the `delta.content` of the choice with index `choice` (default 0) of every chunk;
 * - Responses: the `delta` of every `response.output_text.delta` event.
 * Other values pass nothing; empty fragments are skipped. Concatenating the strings gives the streamed text.
 * Each value's kind is told by a cheap look at its shape, so one operator serves every stream (even merged ones).
 *
 * @example
 * import { textDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * chunks$.pipe(textDeltas({ choice: 1 })).subscribe((text) => second.append(text));
 */
export function textDeltas(options: TextDeltasOptions = {}): OperatorFunction<StreamValue, string> {
  const wantedChoice = options.choice ?? 0;
  return (source) =>
    new Observable<string>((out) =>
      subscribeChained(source, out, {
        next(value) {
          const name = (value as AssistantStreamEvent).event;
          if (name !== undefined) {
            // Assistants: the hot path stays one compare for every other event.
            if (name !== 'thread.message.delta') return;
            const content = (value as Extract<AssistantStreamEvent, { event: 'thread.message.delta' }>).data.delta
              .content;
            if (content === undefined) return;
            for (let i = 0; i < content.length; i++) {
              const block = content[i]!;
              if (block.type === 'text') {
                const text = block.text?.value;
                if (text) out.next(text);
              }
            }
            return;
          }
          if ((value as ChatCompletionChunk).object === 'chat.completion.chunk') {
            const choices = (value as ChatCompletionChunk).choices;
            for (let i = 0; i < choices.length; i++) {
              const choice = choices[i]!;
              if (choice.index !== wantedChoice) continue;
              const text = choice.delta?.content;
              if (text) out.next(text);
            }
            return;
          }
          if ((value as ResponseStreamEvent).type === 'response.output_text.delta') {
            const text = (value as Extract<ResponseStreamEvent, { type: 'response.output_text.delta' }>).delta;
            if (text) out.next(text);
          }
        },
        error: (error: unknown) => out.error(error),
        complete: () => out.complete(),
      }),
    );
}

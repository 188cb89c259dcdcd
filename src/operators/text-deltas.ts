import { Observable, type OperatorFunction } from 'rxjs';
import { protocolOf } from '../protocols/registry.js';
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
 * Each value's kind is told by a cheap look at its shape (the protocols of `src/protocols/registry.ts`), so one
 * operator serves every stream (even merged ones).
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
          // One recognition step; the matched description knows where its values' text is.
          protocolOf(value)?.text(value, out, wantedChoice);
        },
        error: (error: unknown) => out.error(error),
        complete: () => out.complete(),
      }),
    );
}

import { Observable, type OperatorFunction } from 'rxjs';
import { OpenAIStreamError } from '../errors/base.js';
import { readFailure, redactSecrets, textOf } from '../errors/excerpt.js';
import { StreamParseError } from '../errors/stream-errors.js';
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
  choice?: number | undefined;
}

/**
 * Emits the text fragments of a stream as plain strings, in order, whatever the API:
 * - Assistants: the `text.value` of every text block of `thread.message.delta` events;
 * - Chat Completions: the `delta.content` of the choice with index `choice` (default 0) of every chunk;
 * - Responses: the `delta` of every `response.output_text.delta` event.
 * Other values pass nothing; empty fragments are skipped. Concatenating the strings gives the streamed text.
 * A value of a known kind that lacks what its text is read from (built by hand: the library's sources check those
 * fields) ends the stream with a {@link StreamParseError} that shows it, after the text before it.
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
          try {
            // One recognition step; the matched description knows where its values' text is.
            protocolOf(value)?.text(value, out, wantedChoice);
          } catch (error) {
            out.error(unreadableText(error, value));
          }
        },
        error: (error: unknown) => out.error(error),
        complete: () => out.complete(),
      }),
    );
}

/** The typed error of a value whose text cannot be read (the library's own errors pass as they are). */
function unreadableText(error: unknown, value: unknown): unknown {
  if (error instanceof OpenAIStreamError) return error;
  const { name, said } = readFailure(error, value);
  return new StreamParseError(`A value textDeltas() cannot read (${said})`, {
    eventName: name,
    data: redactSecrets(textOf(value)),
    cause: error,
  });
}

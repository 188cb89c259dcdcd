import { Observable, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../schema/assistants/index.js';

/** Options of {@link textDeltas}. */
export interface TextDeltasOptions {
  /** For Chat Completions chunks: which choice's text (default 0). */
  choice?: number;
}

/**
 * Emits the text fragments of a stream as plain strings, in order: the `text.value` of every text block of
 * `thread.message.delta` events (Assistants). Other events pass nothing; empty fragments are skipped.
 * Concatenating the strings gives the streamed text.
 *
 * @example
 * import { textDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function textDeltas(options: TextDeltasOptions = {}): OperatorFunction<AssistantStreamEvent, string> {
  void options;
  return (source) =>
    new Observable<string>((out) =>
      source.subscribe({
        next(event) {
          if (event.event !== 'thread.message.delta') return;
          const content = event.data.delta.content;
          if (content === undefined) return;
          for (let i = 0; i < content.length; i++) {
            const block = content[i]!;
            if (block.type === 'text') {
              const value = block.text?.value;
              if (value) out.next(value);
            }
          }
        },
        error: (error: unknown) => out.error(error),
        complete: () => out.complete(),
      }),
    );
}

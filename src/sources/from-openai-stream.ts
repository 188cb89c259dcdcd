import { Observable } from 'rxjs';

/**
 * What {@link fromOpenAIStream} accepts: the official SDK's `AssistantStream`, `Stream<...>` or
 * `ChatCompletionStream`, or any async iterable, optionally with the `controller` the SDK uses to abort.
 */
export type AdoptableStream<T> = AsyncIterable<T> & { controller?: AbortController };

/**
 * Adopts a stream of the official `openai` SDK (or any async iterable) as an Observable: each item is emitted
 * as it is, errors pass through unchanged, and unsubscribing aborts the SDK's request through its
 * `controller` and ends the iterator.
 *
 * @example
 * import OpenAI from 'openai';
 * import { fromOpenAIStream, textDeltas } from 'rx-openai-stream';
 *
 * const openai = new OpenAI();
 * const stream = openai.beta.threads.runs.stream(threadId, { assistant_id: assistantId });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream<T>(stream: AdoptableStream<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let stopped = false;
    let finished = false;
    const iterator = stream[Symbol.asyncIterator]();
    (async () => {
      for (;;) {
        const { done, value } = await iterator.next();
        if (stopped) return;
        if (done) break;
        subscriber.next(value);
      }
      finished = true;
      subscriber.complete();
    })().catch((error: unknown) => {
      finished = true;
      if (!stopped) subscriber.error(error);
    });
    return () => {
      stopped = true;
      if (finished) return;
      stream.controller?.abort();
      Promise.resolve(iterator.return?.()).catch(() => undefined);
    };
  });
}

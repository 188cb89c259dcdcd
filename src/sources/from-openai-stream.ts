import { Observable } from 'rxjs';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';

/**
 * What {@link fromOpenAIStream} accepts: the official SDK's `AssistantStream`, `Stream<...>` or
 * `ChatCompletionStream`, or any async iterable, optionally with the `controller` the SDK uses to abort.
 *
 * @example
 * const stream = openai.beta.threads.runs.stream(threadId, { assistant_id }); // an AdoptableStream
 * fromOpenAIStream(stream).subscribe((event) => console.log(event.event));
 */
export type AdoptableStream<T> = AsyncIterable<T> & { controller?: AbortController };

/**
 * What {@link fromOpenAIStream} accepts: a stream already started, or a function that starts one, called once per
 * subscription with an `AbortSignal` that is aborted when the subscriber unsubscribes before the end. With a
 * function the Observable is truly cold: `retry()` starts the request again.
 *
 * @example
 * const source: StreamSource<ChatCompletionChunk> = (signal) =>
 *   openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true }, { signal });
 * fromOpenAIStream(source).pipe(retry(2)).subscribe(print);
 */
export type StreamSource<T> = AdoptableStream<T> | ((signal: AbortSignal) => AdoptableStream<T> | PromiseLike<AdoptableStream<T>>);

/**
 * Adopts a stream of the official `openai` SDK (or any async iterable) as an Observable: each item is emitted
 * as it is, errors pass through unchanged, and unsubscribing aborts the SDK's request through its
 * `controller` and ends the iterator. An `AssistantStream`, a chat completion stream or a Responses stream is
 * typed as this library's `AssistantStreamEvent`, `ChatCompletionChunk` or `ResponseStreamEvent`, so every
 * operator accepts it.
 *
 * @example
 * import OpenAI from 'openai';
 * import { fromOpenAIStream, textDeltas } from 'rx-openai-stream';
 *
 * const openai = new OpenAI();
 * const stream = openai.beta.threads.runs.stream(threadId, { assistant_id: assistantId });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream(stream: StreamSource<{ event: string; data: unknown }>): Observable<AssistantStreamEvent>;
/**
 * Adopts a chat completion stream of the SDK as an Observable of `ChatCompletionChunk`s.
 *
 * @example
 * const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream(stream: StreamSource<{ object: 'chat.completion.chunk' }>): Observable<ChatCompletionChunk>;
/**
 * Adopts a Responses stream of the SDK as an Observable of `ResponseStreamEvent`s.
 *
 * @example
 * const stream = await openai.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream(stream: StreamSource<{ type: string; sequence_number?: number }>): Observable<ResponseStreamEvent>;
/**
 * Adopts any async iterable as an Observable of its items.
 *
 * @example
 * async function* numbers() { yield 1; yield 2; }
 * fromOpenAIStream(numbers()).subscribe((n) => console.log(n)); // 1, then 2
 */
export function fromOpenAIStream<T>(stream: StreamSource<T>): Observable<T>;
// The SDK's events, chunks and response events are the API's objects, passed on untouched; the overloads type
// them as this library's (zod-inferred) types of the same objects, so every operator accepts them.
/**
 * The implementation of the signatures above: emits each item of `stream` as it is.
 *
 * @example
 * fromOpenAIStream(openai.beta.threads.runs.stream(threadId, { assistant_id })).pipe(untilDone()).subscribe();
 */
export function fromOpenAIStream<T>(source: StreamSource<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let stopped = false;
    let finished = false;
    const controller = typeof source === 'function' ? new AbortController() : undefined;
    let stream: AdoptableStream<T> | undefined;
    let iterator: AsyncIterator<T> | undefined;
    const started = typeof source === 'function' ? source(controller!.signal) : source;
    (async () => {
      stream = await started;
      if (stopped) return stop();
      iterator = stream[Symbol.asyncIterator]();
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
    function stop() {
      // A stream read to its end (or failed) has nothing left to abort.
      if (finished) return;
      controller?.abort();
      stream?.controller?.abort();
      if (iterator) Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
    return () => {
      stopped = true;
      stop();
    };
  });
}

import { Observable } from 'rxjs';
import type { AssistantStreamEvent } from '../schema/assistants/index.js';
import type { ChatCompletionChunk } from '../schema/chat/index.js';
import type { ResponseStreamEvent } from '../schema/responses/index.js';

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
export function fromOpenAIStream(stream: AdoptableStream<{ event: string; data: unknown }>): Observable<AssistantStreamEvent>;
/**
 * Adopts a chat completion stream of the SDK as an Observable of `ChatCompletionChunk`s.
 *
 * @example
 * const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream(stream: AdoptableStream<{ object: 'chat.completion.chunk' }>): Observable<ChatCompletionChunk>;
/**
 * Adopts a Responses stream of the SDK as an Observable of `ResponseStreamEvent`s.
 *
 * @example
 * const stream = await openai.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
 * fromOpenAIStream(stream).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function fromOpenAIStream(stream: AdoptableStream<{ type: string; sequence_number?: number }>): Observable<ResponseStreamEvent>;
/**
 * Adopts any async iterable as an Observable of its items.
 *
 * @example
 * async function* numbers() { yield 1; yield 2; }
 * fromOpenAIStream(numbers()).subscribe((n) => console.log(n)); // 1, then 2
 */
export function fromOpenAIStream<T>(stream: AdoptableStream<T>): Observable<T>;
// The SDK's events, chunks and response events are the API's objects, passed on untouched; the overloads type
// them as this library's (zod-inferred) types of the same objects, so every operator accepts them.
/**
 * The implementation of the signatures above: emits each item of `stream` as it is.
 *
 * @example
 * fromOpenAIStream(openai.beta.threads.runs.stream(threadId, { assistant_id })).pipe(untilDone()).subscribe();
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

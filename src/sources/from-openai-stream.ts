import { Observable } from 'rxjs';
import { OpenAIStreamError } from '../errors/base.js';
import { kindOf } from '../errors/excerpt.js';
import { IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { StreamEnd } from '../protocols/protocol.js';
import { type Adoption, adoptionOf } from '../protocols/sources.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { finishAfterEnd, isAsyncIterable, isResponse, returnQuietly } from './byte-source.js';

/**
 * What {@link fromOpenAIStream} accepts: the official SDK's `AssistantStream`, `Stream<...>` or
 * `ChatCompletionStream`, or any async iterable, optionally with the `controller` the SDK uses to abort.
 *
 * @example
 * const stream = openai.beta.threads.runs.stream(threadId, { assistant_id }); // an AdoptableStream
 * fromOpenAIStream(stream).subscribe((event) => console.log(event.event));
 */
export type AdoptableStream<T> = AsyncIterable<T> & { controller?: AbortController | undefined };

/**
 * What {@link fromOpenAIStream} accepts: a stream already started, or a function that starts one, called once per
 * subscription with an `AbortSignal` that is aborted when the subscriber unsubscribes before the end. With a
 * function the Observable is truly cold: `retry()` starts the request again. A function that makes an SDK helper
 * stream (`chat.completions.stream()`, `responses.stream()`) should return it at once, not after awaiting something
 * else: an unsubscribe in between aborts the helper before it is handed over, and the SDK reports that abort,
 * which nothing of the helper's listens to yet, as an unhandled rejection.
 *
 * @example
 * const source: StreamSource<ChatCompletionChunk> = (signal) =>
 *   openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true }, { signal });
 * fromOpenAIStream(source).pipe(retry(2)).subscribe(print);
 */
export type StreamSource<T> = AdoptableStream<T> | ((signal: AbortSignal) => AdoptableStream<T> | PromiseLike<AdoptableStream<T>>);

/**
 * Adopts a stream of the official `openai` SDK (or any async iterable) as an Observable: each item is emitted
 * as it is, and unsubscribing aborts the SDK's request through its `controller` and ends the iterator. The SDK's
 * errors before the first value (an HTTP error's `APIError`, ...) pass through unchanged; once the values said
 * which API the stream is, its failures are the library source's errors: the API's error event, for which the
 * SDK throws its `APIError`, is the typed `ResponseStreamError` / `ChatCompletionStreamError` /
 * `AssistantStreamError` with the API's code; the Chat helper's
 * own parse or check of a structured answer, its error as it is (a Responses stream completes at its terminal
 * event, before the SDK parses: `finalParsed()` parses it here); anything else (a reset, an event the SDK could
 * not parse, which it reports in the same words, without the data, for the half event of a body cut mid-event, the
 * SDK helpers' own complaint about a stream that ended early) a cut, `IncompleteStreamError`, with the SDK's error
 * as its `cause`. An `AssistantStream`, a chat completion stream or a Responses
 * stream is typed as this library's `AssistantStreamEvent`, `ChatCompletionChunk` or `ResponseStreamEvent`, so
 * every operator accepts it.
 *
 * A cut stream is never a success: the SDK's iterator ends quietly both at `[DONE]` and when the body is cut, so
 * the values decide, by the rules of the library's own source of their API (`assistantEvents()`,
 * `chatCompletionChunks()`, `responseEvents()`), recognized by the first value:
 * - Responses: completes after `response.completed` / `response.incomplete`; `response.failed` and an `error`
 *   event the SDK passes on fail with `ResponseStreamError`; any other end is an `IncompleteStreamError`.
 * - Assistants runs: an end is a completion once the run settled (a terminal or `requires_action` status),
 *   else an `IncompleteStreamError`.
 * - Chat Completions: an end is a completion once every choice shown has its `finish_reason`, else an
 *   `IncompleteStreamError` (the usage chunk of `include_usage`, after the last finish, is not waited for: without
 *   `[DONE]`, a cut just before it cannot be told).
 *
 * Values of no known API complete with the iterator; so does an async iterable that is not the SDK's and gives none
 * (with a `controller` of its own too). An SDK stream that gives none (its body ended before the first event) is an
 * `IncompleteStreamError`, as the library's sources call an empty body (the SDK's `Stream`, which `create({ stream:
 * true })` gives, ends quietly there; its helper streams fail with an error of the SDK's, passed on as it is).
 *
 * A stream object is read once: a later subscription (`retry()`, `repeat()`, a second `subscribe()`) to which it
 * gives nothing fails with a `TypeError`, never completing as if the stream had ended; pass a function that starts
 * a new stream to retry. What is no stream (a fetch `Response`: use the byte sources) is a `TypeError` at the call.
 *
 * The SDK parses the JSON but checks none of it: the fields the library reads are checked here as the library's own
 * sources check them (a chunk's `choices` an array of objects, a delta's `index`, a text `value` a string, ...), and
 * a broken one fails the stream with `StreamParseError` (what, where, an excerpt) after the values before it. A
 * position a compatible server left out (a Responses event's `output_index`, a chat tool call fragment's `index`) is
 * filled in as the byte sources fill it: that value is emitted as a copy that has it; so is a chat usage chunk a
 * compatible server wrote without `choices` (or with `null`), as a copy with `choices: []`. (The SDK's helper streams,
 * `responses.stream()` and `chat.completions.stream()`, fail on such streams themselves, before a value comes: adopt
 * its raw `create({ stream: true })` stream instead.)
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
export function fromOpenAIStream(stream: StreamSource<{ type: string; sequence_number?: number | undefined }>): Observable<ResponseStreamEvent>;
/**
 * Adopts any async iterable as an Observable of its items.
 *
 * @example
 * async function* numbers() { yield 1; yield 2; }
 * fromOpenAIStream(numbers()).subscribe((n) => console.log(n)); // 1, then 2
 */
export function fromOpenAIStream<T>(stream: StreamSource<T>): Observable<T>;
// The SDK's events, chunks and response events are the API's objects, passed on untouched (but for positions left
// out, above); the overloads type them as this library's (zod-inferred) types of the same objects, so every operator
// accepts them.
/**
 * The implementation of the signatures above: emits each item of `stream` as it is, and judges the end of a stream
 * of a known API by its source's rules.
 *
 * @example
 * fromOpenAIStream(openai.beta.threads.runs.stream(threadId, { assistant_id })).pipe(untilDone()).subscribe();
 */
export function fromOpenAIStream<T>(source: StreamSource<T>): Observable<T> {
  // A mistake in the calling code (a fetch Response, `undefined`): reported now, as the byte sources and RxJS's
  // `from()` report theirs. A promise of a stream is checked once it resolves.
  if (typeof source !== 'function' && !isThenable(source) && !isAsyncIterable(source)) {
    throw new TypeError(
      `fromOpenAIStream: expected an SDK stream (an async iterable), a promise of one, or a function returning one (got ${kindOf(source)})${hintFor(source)}`,
    );
  }
  // A stream object can be read once; a function starts one per subscription.
  let subscriptions = 0;
  return new Observable<T>((subscriber) => {
    // A stream read by an earlier subscription (`retry()`, `repeat()`, a second `subscribe()`) gives nothing more:
    // its emptiness is no answer (an SDK helper's or a generator's iterator just ends), so it fails below.
    const readBefore = typeof source !== 'function' && subscriptions++ > 0;
    let values = 0;
    let stopped = false;
    // The iterator ended or failed: nothing left to abort.
    let finished = false;
    // The stream ended by its API's protocol (a terminal event): the iterator's end is read rather than aborted.
    let ended = false;
    const controller = typeof source === 'function' ? new AbortController() : undefined;
    let stream: AdoptableStream<T> | undefined;
    let iterator: AsyncIterator<T> | undefined;
    // Which API the values belong to, told by the first one (`null`: none the library knows).
    let adoption: Adoption | null | undefined;
    // Waiting on the iterator: a failure then is the stream's.
    let reading = false;
    const started = typeof source === 'function' ? source(controller!.signal) : source;
    (async () => {
      stream = await started;
      if (stopped) return abort();
      if (!isAsyncIterable(stream)) {
        finished = true;
        const given = typeof source === 'function' ? 'function' : 'promise';
        return subscriber.error(new TypeError(`fromOpenAIStream: the ${given} gave ${kindOf(stream)}, not an SDK stream (an async iterable)${hintFor(stream)}`));
      }
      // An SDK helper stream that already ended (read to its end by its own `finalResponse()`, `finalChatCompletion()`,
      // `done()`, a `for await` loop): its iterator ends at once, which is no answer either.
      const endedBefore = (stream as { ended?: unknown }).ended === true;
      iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        reading = true;
        const { done, value } = await iterator.next();
        reading = false;
        if (stopped) return;
        if (done) {
          if ((readBefore || endedBefore) && values === 0) {
            finished = true;
            const by = readBefore ? 'by an earlier subscription' : "before it was given (its SDK helper had ended: finalResponse(), a for await loop, ...)";
            return subscriber.error(
              new TypeError(
                `fromOpenAIStream: the stream was read ${by} and gave nothing more; to subscribe again or retry(), pass a function that starts a new one: fromOpenAIStream((signal) => openai.responses.stream(params, { signal }))`,
              ),
            );
          }
          break;
        }
        values++;
        if (adoption === undefined) adoption = adoptionOf(value) ?? null;
        // A value of no known API, or one its API does not claim, passes as it is.
        if (adoption === null || !adoption.protocol.is(value)) subscriber.next(value);
        else {
          const reader = adoption.reader;
          const read = reader.adopt(value);
          if (read instanceof StreamEnd) {
            if (read.error !== undefined) return subscriber.error(read.error);
            ended = true;
            return subscriber.complete();
          }
          // As `readProtocol()` does: a terminal value is known as such before it is out, so that a consumer that
          // stops at it (`first(…)`) leaves the iterator's end to be read as well.
          const ends = reader.ends(read);
          if (ends) ended = true;
          // The value itself, or a copy with the positions a compatible server left out filled in.
          subscriber.next(read as T);
          if (ends) return subscriber.complete();
        }
        // The consumer stopped at this value (`take`, `first`): the teardown aborted or released the iterator.
        if (stopped) return;
      }
      finished = true;
      // The SDK's iterator ends quietly both at `[DONE]` and at a cut: what the values told decides. A stream of the
      // SDK (see `isSdkStream`) that gave none is a body that ended before its first event (a
      // proxy that closed the connection after the headers): every API sends one at least, and the library's own
      // sources call that end a cut, so it is no empty success, whatever API it was.
      const error = adoption
        ? adoption.reader.endOfBody()
        : values === 0 && isSdkStream(stream)
          ? new IncompleteStreamError({ receivedEvents: 0 })
          : undefined;
      if (error === undefined) subscriber.complete();
      else subscriber.error(error);
    })().catch((error: unknown) => {
      if (!reading && iterator) {
        // Not the stream's failure but one of the code between it and the subscriber: the stream is still open.
        abort();
        finished = true;
        if (!stopped) subscriber.error(error);
        return;
      }
      finished = true;
      if (!stopped) subscriber.error(adoption ? failureOf(adoption, error) : error);
    });
    function abort() {
      // The SDK's helper streams report an abort that nothing of theirs listens to as an unhandled rejection (of
      // their `done()`): this abort is ours, its end is of no interest. (A factory's helper, when it gave one at once,
      // is known before our signal aborts it.)
      endQuietly(stream ?? (isThenable(started) ? undefined : started));
      controller?.abort();
      stream?.controller?.abort();
      if (iterator) returnQuietly(iterator);
    }
    return () => {
      stopped = true;
      // A stream read to its end (or failed) has nothing left to abort.
      if (finished) return;
      // Ended by its protocol: its iterator's end (the body's end) is most likely queued behind the last value, and
      // is read rather than aborted (which in Node's `fetch` destroys the connection); one with more, or not ended by
      // the next turn of the event loop, is aborted.
      if (ended && iterator) finishAfterEnd(() => iterator!.next(), abort);
      else abort();
    };
  });
}

/**
 * What a stream of a known API that the SDK's iterator failed is, as the library's own source would report it: the
 * API's error event (the SDK throws its `APIError`, without a status, carrying the event's error) is its typed error
 * by the same reader (`AssistantStreamError`, `ChatCompletionStreamError`, `ResponseStreamError`); its helpers' own
 * parse of a structured answer fails as it is; anything else (a reset connection, an event the SDK could not parse,
 * the SDK's own complaint about a stream that ended early) is a cut, `IncompleteStreamError` with the failure as its
 * `cause`. The library's own errors pass.
 */
function failureOf(adoption: Adoption, error: unknown): unknown {
  if (error instanceof OpenAIStreamError) return error;
  // By shape (the SDK is not a dependency): its stream errors are `APIError`s with no HTTP status.
  const sdk = error instanceof Error ? (error as Error & { status?: unknown; error?: unknown }) : undefined;
  if (sdk && 'status' in sdk && sdk.status === undefined && sdk.error !== undefined && sdk.error !== null) {
    // The SDK throws for a Chat chunk `{"error": ...}` (an object, or a compatible server's string) and for an
    // `event: error` of the other APIs, with the error: the same event again, for the reader.
    const event =
      adoption.protocol.kind === 'chat'
        ? { data: JSON.stringify({ error: sdk.error }) }
        : { event: 'error', data: JSON.stringify(sdk.error) };
    const end = adoption.reader.decode(event);
    if (end instanceof StreamEnd && end.error !== undefined) return end.error;
  }
  // An event the SDK could not parse (its helper streams wrap that `SyntaxError` in an `OpenAIError`): a cut. The
  // SDK says the same words, without the data, for the half event a body cut mid-event ends with (which the
  // library's own sources call a cut) and for an event of bad JSON (which they call a `StreamParseError`); the API
  // sends JSON, so the cut is the one that happens. Its helpers' own parse of the answer (`invalid structured output
  // JSON`) is no fault of the stream: their error as it is.
  const syntax = error instanceof SyntaxError ? error : sdk?.cause instanceof SyntaxError ? sdk.cause : undefined;
  if (syntax !== undefined) return /malformed/i.test(syntax.message) ? adoption.reader.cut(error) : error;
  // The helpers' own complaint about a stream whose values are whole (validating its answer against a schema):
  // theirs, as it is; a stream that finished is no cut. A transport failure (a `TypeError`) stays a cut.
  const ownComplaint = sdk !== undefined && !(sdk instanceof TypeError) && !('status' in sdk);
  if (ownComplaint && adoption.reader.endOfBody() === undefined) return error;
  return adoption.reader.cut(error);
}

/** What to do with a fetch `Response` given instead of a stream (the byte sources read it). */
function hintFor(value: unknown): string {
  return isResponse(value) ? ': for a fetch Response, use responseEvents(), chatCompletionChunks() or assistantEvents()' : '';
}

/**
 * Whether `stream` is the SDK's `Stream`: the `controller` of its request, and its own `tee()` and
 * `toReadableStream()`. A `controller` alone is no sign: `AdoptableStream` lets an app's own iterable carry one, for
 * the abort. (The SDK's helper streams need no test: they fail on an empty body themselves.)
 */
function isSdkStream(stream: unknown): boolean {
  const candidate = stream as { controller?: { abort?: unknown }; tee?: unknown; toReadableStream?: unknown } | undefined;
  return typeof candidate?.controller?.abort === 'function' && typeof candidate.tee === 'function' && typeof candidate.toReadableStream === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Marks the end of an SDK helper stream (`done()`, with its `controller`) as handled, whatever it is. */
function endQuietly(stream: unknown): void {
  const helper = stream as { done?: unknown; controller?: unknown } | undefined;
  if (typeof helper?.done !== 'function' || helper.controller === undefined) return;
  try {
    Promise.resolve((helper.done as () => unknown).call(helper)).catch(() => undefined);
  } catch {
    // A `done` that throws at once: nothing to mark.
  }
}

import { isObservable, Observable } from 'rxjs';
import { OpenAIStreamError, withRequestId } from '../errors/base.js';
import { subscribeChained } from '../operators/subscribe-chained.js';
import { type ByteSource, checkByteSource, isResponse } from '../sources/byte-source.js';
import { type FromSSEOptions, readSSE } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import { type ProtocolSource, StreamEnd } from './protocol.js';

/**
 * The source every API shares (`assistantEvents()`, `chatCompletionChunks()` and `responseEvents()` are this
 * with their {@link ProtocolSource}): SSE events (read with `fromSSE()` unless given as an Observable) decoded
 * one by one by a {@link ProtocolReader} of the subscription, each value emitted as the reader returns it.
 *
 * - A {@link StreamEnd} from the reader completes the stream, or fails it with its error.
 * - A value the reader calls terminal completes the stream after it is emitted (and releases the connection).
 * - A transport failure mid-stream fails it with the reader's `cut(cause)` (the library's own errors pass as
 *   they are); a body that ends before a terminal value or `[DONE]` ends it as the reader's `endOfBody()` says. A
 *   source factory's own failure (it threw, returned no bytes, or its request was refused) passes as it is.
 *
 * Cold: the options are prepared once per call, a reader is opened per subscription, and a source factory is
 * called per subscription (so `retry()` re-issues the request). Chained to its subscriber: `take`, `first` and
 * `takeUntil` stop the SSE events at once, synchronously too.
 *
 * @internal
 * @example
 * export const chatCompletionChunks = (source: ByteSource, options: ChatCompletionChunksOptions = {}) =>
 *   readProtocol(chatSource, source, options);
 */
export function readProtocol<E, O extends FromSSEOptions>(
  protocol: ProtocolSource<E, O>,
  source: ByteSource | Observable<ServerSentEvent>,
  options: O,
): Observable<E> {
  return readFramed(protocol, source, options, readSSE);
}

/**
 * How the bytes of a body become {@link ServerSentEvent}s for {@link readFramed}: `readSSE` (an event stream), or
 * `readNdjson` (one JSON value per line, `src/sources/from-ndjson.ts`). `ended` tells whether the stream has ended by
 * its protocol when it stops (then a fetch body's end is read rather than cancelled); `opened` is called once the
 * source is open (a factory gave its bytes), before its first read, with what it reads (a fetch `Response`'s
 * `x-request-id` goes with the stream's errors).
 *
 * @internal
 * @example
 * const ndjson: Framing = (source, options, ended) => readNdjson(source, options, ended);
 */
export type Framing = (
  source: ByteSource,
  options: FromSSEOptions,
  ended: () => boolean,
  opened: (given: ByteSource) => void,
) => Observable<ServerSentEvent>;

/**
 * {@link readProtocol} over the events of another framing of the same values (`readNdjson`): the same reader
 * decodes, checks and ends them. Its own function, so that a bundle of the event-stream sources does not carry
 * the other framings, nor one of theirs the event-stream parser.
 *
 * @internal
 * @example
 * export const responseEventsFromNdjson = (source: ByteSource, options: ResponseEventsFromNdjsonOptions = {}) =>
 *   readFramed(responsesSource, source, options, ndjsonLines);
 */
export function readFramed<E, O extends FromSSEOptions>(
  protocol: ProtocolSource<E, O>,
  source: ByteSource | Observable<ServerSentEvent>,
  options: O,
  frame: Framing,
): Observable<E> {
  // A value that is no source at all is the calling code's mistake, reported now (not as a stream cut at once).
  if (!isObservable(source)) checkByteSource(source);
  const open = protocol.prepare(options);
  return new Observable<E>((subscriber) => {
    const reader = open();
    // The stream ended by its protocol (`[DONE]`, `event: done`, a terminal event): the body's end is read rather
    // than cancelled.
    let done = false;
    // The source is open: a failure from then on is a stream cut short. Before it (a factory that threw, a connection
    // refused), the failure is the source's own, and passes as it is.
    let opened = isObservable(source);
    // The `x-request-id` of the fetch `Response` read, given with every error of the stream (see `OpenAIStreamError`).
    let requestId: string | undefined;
    const fail = (error: unknown) => subscriber.error(withRequestId(error, requestId));
    // What your `onComment` / `onRetry` threw fails the stream as it is, as `fromSSE()` fails: a bug of the callback,
    // not a cut (which a retry policy would retry).
    let thrownByCallback: { readonly error: unknown } | undefined;
    const guarded = <A>(callback: ((arg: A) => void) | undefined) =>
      callback &&
      ((arg: A) => {
        try {
          callback(arg);
        } catch (error) {
          thrownByCallback = { error };
          throw error;
        }
      });
    const framed = options.onComment || options.onRetry ? { ...options, onComment: guarded(options.onComment), onRetry: guarded(options.onRetry) } : options;
    const sse$ = isObservable(source)
      ? source
      : frame(source, framed, () => done, (given) => {
          opened = true;
          if (isResponse(given)) requestId = given.headers.get('x-request-id') ?? undefined;
        });
    // Chained: when the subscriber is done (`take(1)`, an error sent to it), the SSE events stop at once, even
    // in the middle of a synchronous source's emission loop.
    return subscribeChained(sse$, subscriber, {
      next(sse) {
        const value = reader.decode(sse);
        if (value instanceof StreamEnd) {
          if (value.error !== undefined) return fail(value.error);
          done = true;
          return subscriber.complete();
        }
        // A terminal event (Responses) ends the stream by its protocol too, and is known as such before it is out:
        // a consumer that stops at it (`first(…)`) leaves the body's end to be read as well.
        const ends = reader.ends(value);
        if (ends) done = true;
        subscriber.next(value);
        reader.emitted(value, sse);
        if (ends) subscriber.complete();
      },
      error(error: unknown) {
        // What a callback threw, as it is: not the response's, and maybe an error the app throws from every stream.
        if (thrownByCallback !== undefined && thrownByCallback.error === error) return subscriber.error(error);
        // A transport failure (reset, aborted body) mid-stream is a cut stream; our own errors say more already.
        const own = error instanceof OpenAIStreamError || !opened;
        fail(own ? error : reader.cut(error));
      },
      complete() {
        const error = reader.endOfBody();
        if (error === undefined) subscriber.complete();
        else fail(error);
      },
    });
  });
}

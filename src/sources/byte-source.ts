import type { Subscriber } from 'rxjs';
import { APIError } from '../errors/api-errors.js';
import { kindOf } from '../errors/excerpt.js';

/**
 * Bytes already on their way: a fetch `Response`, a WHATWG `ReadableStream` (browsers, Node's `fetch`), or any
 * async iterable of bytes or text (Node streams such as `http.IncomingMessage`, async generators).
 *
 * @example
 * const body: ByteStream = await fetch(url, { method: 'POST', body: JSON.stringify(params) });
 */
export type ByteStream = Response | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/**
 * A function that starts the request: called once per subscription with an `AbortSignal` that is aborted when
 * the subscriber unsubscribes before the end (never after a stream read to its end). This makes a source truly
 * cold: `retry()` calls it again, so the request is sent again.
 *
 * @example
 * const factory: ByteStreamFactory = (signal) => fetch(url, { method: 'POST', headers, body, signal });
 * assistantEvents(factory).pipe(retry(2)).subscribe(print); // each attempt sends the request again
 */
export type ByteStreamFactory = (signal: AbortSignal) => ByteStream | PromiseLike<ByteStream>;

/**
 * Anything `fromSSE()` (and `assistantEvents()`, `chatCompletionChunks()`, `responseEvents()`) can read bytes
 * from: a {@link ByteStream} (one subscription reads it; it cannot be read again), or a {@link ByteStreamFactory}
 * (each subscription calls it, so the source is cold and `retry()` re-issues the request). A `Response` with an
 * error status, given or returned by a factory, fails with the matching `APIError`.
 *
 * @example
 * const once: ByteSource = await fetch(url, { method: 'POST', body });
 * const cold: ByteSource = (signal) => fetch(url, { method: 'POST', body, signal });
 */
export type ByteSource = ByteStream | ByteStreamFactory;

/** A pull-based reader over a {@link ByteSource} that can be cancelled at any time. */
interface ByteReader {
  read(): Promise<IteratorResult<Uint8Array | string>>;
  /** Stops the source: cancels the HTTP body / destroys the stream. Safe to call more than once. */
  cancel(): void;
  /**
   * Whether the bytes are the body of a fetch `Response` (given, or returned by a factory). After the stream's
   * protocol ended, `readText` reads such a body's end rather than cancelling it; a cancel then also ends the read
   * left pending (an async iterator's `return()` would wait for its pending `next()`).
   */
  readonly isResponseBody: boolean;
  /** A factory's source: settles once the factory gave bytes to read, rejected by its failure. */
  readonly opened?: Promise<unknown>;
  /** What a factory returned, once `opened` settled (`undefined` for other sources, or before). */
  readonly returned?: ByteSource | undefined;
}

/**
 * Opens a reader on a byte source. `Response` and `ReadableStream` use a stream reader (cancelling it stops the
 * download); async iterables use their iterator (`return()` ends a Node stream or a generator). A factory is
 * called at once with a signal that `cancel()` aborts, unless the bytes were read to their end; its first `read()`
 * waits for what it returns.
 */
function openByteReader(source: ByteSource): ByteReader {
  checkByteSource(source);
  if (typeof source === 'function') return factoryReader(source);
  if (isResponse(source)) {
    // A body already read was refused by `checkByteSource()`.
    if (!source.body) return emptyReader();
    return streamReader(source.body, true);
  }
  if (isReadableStream(source)) return streamReader(source, false);
  return iteratorReader((source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]());
}

/**
 * Throws a `TypeError` when `source` is no {@link ByteSource} at all (a `Uint8Array`, a string, `undefined`), or a
 * `Response` whose body was already read: a mistake in the calling code, which the sources report when they are
 * called, as RxJS's `from()` does, rather than as a stream cut before its first event.
 *
 * @internal
 * @example
 * checkByteSource(new Uint8Array()); // TypeError: expected a Response, a ReadableStream, ...
 */
export function checkByteSource(source: unknown): asserts source is ByteSource {
  if (isResponse(source)) {
    if (source.bodyUsed) throw new TypeError('the Response body has already been read: a source needs a Response whose body is unread');
    return;
  }
  if (typeof source === 'function' || isReadableStream(source) || isAsyncIterable(source)) return;
  throw new TypeError(
    `expected a Response, a ReadableStream, an AsyncIterable of bytes or strings, or a function returning one (got ${kindOf(source)})`,
  );
}

function streamReader(stream: ReadableStream<Uint8Array>, isResponseBody: boolean): ByteReader {
  const reader = stream.getReader();
  let cancelled = false;
  return {
    read: () => reader.read(),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      // A cancel after an error or after the end rejects; there is nobody left to tell.
      reader.cancel().catch(() => undefined);
    },
    isResponseBody,
  };
}

function iteratorReader(iterator: AsyncIterator<Uint8Array | string>): ByteReader {
  let cancelled = false;
  return {
    read: () => iterator.next(),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      returnQuietly(iterator);
    },
    isResponseBody: false,
  };
}

/**
 * Ends `iterator` early (its `return()`, when it has one), ignoring a failure to do so, thrown or rejected: it comes
 * from a cancel the consumer asked for, and nobody is left to tell.
 *
 * @internal
 * @example
 * returnQuietly(stream[Symbol.asyncIterator]());
 */
export function returnQuietly(iterator: AsyncIterator<unknown>): void {
  try {
    Promise.resolve(iterator.return?.()).catch(() => undefined);
  } catch {
    // A `return()` that throws at once, rather than rejecting.
  }
}

function factoryReader(factory: ByteStreamFactory): ByteReader {
  const controller = new AbortController();
  let inner: ByteReader | undefined;
  let returned: ByteSource | undefined;
  let cancelled = false;
  let ended = false;
  const opening = (async (): Promise<ByteReader> => {
    const source = await factory(controller.signal);
    if (typeof source === 'function') throw new TypeError('a source factory returned a function, not bytes');
    returned = source;
    if (isResponse(source) && source.ok === false) throw await APIError.fromResponse(source, whereOf(source));
    inner = openByteReader(source);
    if (cancelled) inner.cancel();
    return inner;
  })();
  // A cancel while the factory runs aborts it; its rejection is then nobody's concern.
  opening.catch(() => undefined);
  return {
    async read() {
      const result = await (inner ?? (await opening)).read();
      if (result.done) ended = true;
      return result;
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      // Aborting after a clean end would only make abort errors.
      if (!ended) controller.abort();
      inner?.cancel();
    },
    // What the factory returned decides.
    get isResponseBody() {
      return inner?.isResponseBody ?? false;
    },
    get returned() {
      return returned;
    },
    opened: opening,
  };
}

function emptyReader(): ByteReader {
  return { read: async () => ({ done: true, value: undefined }), cancel: () => undefined, isResponseBody: true };
}

/**
 * What a source does with a body's text (see {@link readText}): `text` takes each piece as it is read and says
 * whether to read on; `end` takes the decoder's rest once the reading stopped (at the body's end, or when `text`
 * said so), and completes the subscriber or throws. What either throws fails the stream.
 *
 * @internal
 * @example
 * const sink: TextSink = { text: (piece) => (parser.feed(piece), true), end: (rest) => (parser.feed(rest), subscriber.complete()) };
 */
export interface TextSink {
  text(piece: string): boolean;
  end(rest: string): void;
  /**
   * Called once the source is open, before its first read: at once, or once a factory gave its bytes (`opened`: what
   * it returned, a `Response` whose content type says what it holds; else the source itself). A failure before it
   * is the source's own (a factory that threw or was refused a connection), not a stream cut short.
   */
  opened?: ((opened: ByteSource) => void) | undefined;
}

/**
 * Reads `source` as UTF-8 text (decoded across chunk boundaries; string chunks as they are, but for a leading
 * byte order mark, which is skipped as the decoder skips that of bytes) into `sink`, for
 * `subscriber`, and returns the subscription's teardown: the skeleton of the event-stream and the NDJSON sources. A
 * `Response` with an error status fails with its `APIError`; reading stops as soon as the subscriber is closed;
 * the teardown lets go of the body ({@link releaseBody}, told by `ended` whether the stream ended by its own
 * protocol).
 *
 * @internal
 * @example
 * return new Observable<ServerSentEvent>((subscriber) => readText(source, subscriber, ended, { text, end }));
 */
export function readText(source: ByteSource, subscriber: Subscriber<unknown>, ended: (() => boolean) | undefined, sink: TextSink): () => void {
  let stopped = false;
  let reader: ByteReader | undefined;
  const pump = async (): Promise<void> => {
    if (isErrorResponse(source)) throw await APIError.fromResponse(source, whereOf(source));
    reader = openByteReader(source);
    if (stopped) return reader.cancel();
    if (reader.opened !== undefined) {
      await reader.opened;
      if (stopped) return;
    }
    sink.opened?.(reader.returned ?? source);
    const decoder = new TextDecoder();
    let atStart = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (stopped) return;
      if (done) break;
      let piece = typeof value === 'string' ? value : decoder.decode(value, { stream: true });
      if (atStart && piece !== '') {
        atStart = false;
        // A text source's byte order mark is skipped, as the event-stream format says (the decoder drops that of
        // bytes); left in, it would hide the first line's field name.
        if (typeof value === 'string' && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      }
      const more = sink.text(piece);
      if (subscriber.closed) return;
      if (!more) break;
    }
    sink.end(decoder.decode());
  };
  pump().catch((error: unknown) => {
    if (!stopped) subscriber.error(error);
  });
  return () => {
    stopped = true;
    releaseBody(reader, ended);
  };
}

/** Whether `source` is a fetch `Response` with an error status (which a source fails with its `APIError`). */
function isErrorResponse(source: ByteSource): source is Response {
  return typeof Response !== 'undefined' && source instanceof Response && !source.ok;
}

/**
 * Whether `value` is a fetch `Response` (of this realm, or by its shape: a response-like of another realm or an
 * adapter).
 *
 * @internal
 * @example
 * isResponse(await fetch(url)); // true
 */
export function isResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response
    ? true
    : typeof value === 'object' && value !== null && 'bodyUsed' in value && 'headers' in value && 'status' in value;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

/**
 * Whether `value` is an object that can be iterated with `for await` (an SDK stream, a generator, a Node stream).
 *
 * @internal
 * @example
 * isAsyncIterable((async function* () {})()); // true
 */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * Lets go of a source's body when its subscriber leaves: a `Response` body whose stream ended by its own protocol
 * (`ended()`: its last event came) is read to its end ({@link finishAfterEnd}), so the connection can be reused;
 * any other is cancelled (which aborts its request).
 */
function releaseBody(reader: ByteReader | undefined, ended: (() => boolean) | undefined): void {
  if (reader !== undefined && ended?.() === true && reader.isResponseBody) finishAfterEnd(() => reader.read(), () => reader.cancel());
  else reader?.cancel();
}

/**
 * Reads the end of a body (or an SDK stream's iterator) whose last event came (a source that stops once its stream
 * ended by its own protocol: see `readSSE`, `fromOpenAIStream`), or cancels it: when the read brings more, or has
 * not settled by the next turn of the event loop (after the I/O already received was read; a body still open is
 * not waited for). Only the release of the connection waits; the stream was complete already.
 *
 * @internal
 * @example
 * if (ended() && reader.isResponseBody) finishAfterEnd(() => reader.read(), () => reader.cancel());
 * else reader.cancel();
 */
export function finishAfterEnd(read: () => Promise<{ readonly done?: boolean | undefined }>, cancel: () => void): void {
  let settled = false;
  read().then(
    (result) => {
      settled = true;
      if (!result.done) cancel();
    },
    () => {
      settled = true;
    },
  );
  nextTurn(() => {
    if (!settled) cancel();
  });
}

/**
 * Runs `fn` after the I/O of this turn of the event loop: `setImmediate` in Node, a 0 ms timeout elsewhere.
 *
 * @internal
 * @example
 * nextTurn(() => {
 *   if (!settled) reader.cancel();
 * });
 */
export function nextTurn(fn: () => void): void {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') immediate(fn);
  else setTimeout(fn, 0);
}

/**
 * The default `maxBufferSize` of the sources (`fromSSE()`, the NDJSON sources): 16 MiB, the most characters one line
 * or event may hold.
 *
 * @example
 * fromSSE(response, { maxBufferSize: 4 * DEFAULT_MAX_BUFFER_SIZE }); // room for very large events
 */
export const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;

/** Where an error response came from, for its message: its URL without the query (which may hold a key). */
function whereOf(response: Response): string {
  return String(response.url ?? '').split('?')[0] || 'response';
}

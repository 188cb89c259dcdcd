/**
 * Anything `fromSSE()` can read bytes from: a fetch `Response`, a WHATWG `ReadableStream` (browsers, Node's
 * `fetch`), or any async iterable of bytes or text (Node streams such as `http.IncomingMessage`, async
 * generators).
 *
 * @example
 * const source: ByteSource = await fetch(url, { method: 'POST', body });
 */
export type ByteSource = Response | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/**
 * A pull-based reader over a {@link ByteSource} that can be cancelled at any time. @internal
 *
 * @example
 * const reader: ByteReader = openByteReader(response);
 * const { value, done } = await reader.read();
 * reader.cancel(); // stops the download
 */
export interface ByteReader {
  read(): Promise<IteratorResult<Uint8Array | string>>;
  /** Stops the source: cancels the HTTP body / destroys the stream. Safe to call more than once. */
  cancel(): void;
}

/**
 * Opens a reader on a byte source. `Response` and `ReadableStream` use a stream reader (cancelling it stops the
 * download); async iterables use their iterator (`return()` ends a Node stream or a generator).
 *
 * @internal
 * @example
 * const reader = openByteReader(response);
 * const { value, done } = await reader.read();
 */
export function openByteReader(source: ByteSource): ByteReader {
  if (isResponse(source)) {
    if (source.bodyUsed) throw new TypeError('fromSSE: the Response body has already been read');
    if (!source.body) return emptyReader();
    return streamReader(source.body);
  }
  if (isReadableStream(source)) return streamReader(source);
  if (isAsyncIterable(source)) return iteratorReader(source[Symbol.asyncIterator]());
  throw new TypeError('fromSSE: expected a Response, a ReadableStream or an AsyncIterable of bytes or strings');
}

function streamReader(stream: ReadableStream<Uint8Array>): ByteReader {
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
  };
}

function iteratorReader(iterator: AsyncIterator<Uint8Array | string>): ByteReader {
  let cancelled = false;
  return {
    read: () => iterator.next(),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      Promise.resolve(iterator.return?.()).catch(() => undefined);
    },
  };
}

function emptyReader(): ByteReader {
  return { read: async () => ({ done: true, value: undefined }), cancel: () => undefined };
}

function isResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response
    ? true
    : typeof value === 'object' && value !== null && 'bodyUsed' in value && 'headers' in value && 'status' in value;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

import type { Observable } from 'rxjs';
import type { RequestOptions } from '../options.js';
import { readEventStream } from '../readers.js';
import type { RequestSpec, Transport } from '../transport.js';

/**
 * The first layer of a streaming call: sends the request (asking for `text/event-stream`) and reads the answer
 * as the protocol's events, bounded by the first-event and idle timeouts. Cold: each subscription is a new
 * request, so the layers above retry by subscribing again. The transport retries refusals (429, 5xx, a refused
 * connection) up to `options.maxRetries` before anything is accepted.
 *
 * @internal
 * @example
 * attempt(transport, { decode: (r) => chatCompletionChunks(r), nameOf: () => 'chunk' }, spec, options);
 */
export function attempt<E>(transport: Transport, reader: StreamReader<E>, spec: RequestSpec, options: RequestOptions | undefined): Observable<E> {
  return transport.request(spec, withStreamHeaders(options), (response, context) =>
    readEventStream(response, context.options, reader.decode, reader.nameOf),
  );
}

/**
 * How one call's event stream is read: a protocol's `decode` for that call, and its `nameOf`. @internal
 *
 * @example
 * const reader: StreamReader<ChatCompletionChunk> = { decode: (r) => chatProtocol.decode(r, call), nameOf: chatProtocol.nameOf };
 */
export interface StreamReader<E> {
  readonly decode: (response: Response) => Observable<E>;
  readonly nameOf: (event: E) => string;
}

/**
 * The call's options with `accept: text/event-stream` (the caller's headers win).
 *
 * @internal
 * @example
 * transport.request(spec, withStreamHeaders(options), read);
 */
export function withStreamHeaders(options: RequestOptions | undefined): RequestOptions {
  return { ...options, headers: { accept: 'text/event-stream', ...options?.headers } };
}

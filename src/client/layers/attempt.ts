import type { Observable } from 'rxjs';
import { headerRecord, type RequestOptions } from '../options.js';
import { readEventStream } from '../readers.js';
import type { RequestHold, RequestSpec, Transport } from '../transport.js';
import type { ClientProtocol } from '../protocols/protocol.js';

/**
 * The first layer of a streaming call: sends the request (asking for `text/event-stream`) and reads the answer
 * as the protocol's events, bounded by the first-event and idle timeouts. Cold: each subscription is a new
 * request, so the layers above retry by subscribing again. The transport retries refusals (429, 5xx, a refused
 * connection) up to `options.maxRetries` before anything is accepted. With a `hold`, a request the subscriber
 * leaves once it was sent may be read on for it (see `RequestHold`).
 *
 * @internal
 * @example
 * attempt(transport, chatProtocol, { method: 'POST', path: '/chat/completions', body: { ...params, stream: true } }, options);
 */
export function attempt<E>(
  transport: Transport,
  protocol: Pick<ClientProtocol<E, unknown>, 'decode' | 'nameOf' | 'firstEventDefault'>,
  spec: RequestSpec,
  options: RequestOptions | undefined,
  hold?: RequestHold<E>,
): Observable<E> {
  return transport.request(
    spec,
    withStreamHeaders(options),
    (response, context) =>
      readEventStream(response, context.options, (r) => protocol.decode(r, context.options), protocol.nameOf, protocol.firstEventDefault),
    hold,
  );
}

/**
 * The call's options with `accept: text/event-stream` (the caller's headers win).
 *
 * @internal
 * @example
 * transport.request(spec, withStreamHeaders(options), read);
 */
export function withStreamHeaders(options: RequestOptions | undefined): RequestOptions {
  return { ...options, headers: { accept: 'text/event-stream', ...headerRecord(options?.headers, 'request options') } };
}

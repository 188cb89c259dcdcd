import type { Observable } from 'rxjs';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { RequestOptions } from './options.js';
import { readAssistantStream } from './readers.js';
import type { RequestSpec, Transport } from './transport.js';

/**
 * Starts a streaming run request (`stream: true` is added to the body) and emits its events. Retries happen
 * only before the response is accepted (see the retry policy); once events flow, a cut stream is an error for
 * the recovery layer to handle, never a new request.
 *
 * @internal
 * @example
 * runStream(transport, { method: 'POST', path: `/threads/${threadId}/runs`, body }, options);
 */
export function runStream(transport: Transport, spec: RequestSpec, options: RequestOptions | undefined): Observable<AssistantStreamEvent> {
  const body = { ...(spec.body as object), stream: true };
  return transport.request({ ...spec, body }, withStreamHeaders(options), (response, context) =>
    readAssistantStream(response, context.options),
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
  return { ...options, headers: { accept: 'text/event-stream', ...options?.headers } };
}

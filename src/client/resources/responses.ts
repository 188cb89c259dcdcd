import type { Observable } from 'rxjs';
import { responseEvents } from '../../responses/response-events.js';
import { responseCheck } from '../body-checks.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { eventsOfResponse } from '../fallback/response-events.js';
import type { RequestOptions } from '../options.js';
import { readEventStream, readJSON } from '../readers.js';
import { withStreamHeaders } from '../run-stream.js';
import { fallBackToCreate } from '../fallback/fall-back-to-create.js';
import type { Transport } from '../transport.js';

/**
 * The body of a Responses API request: `model`, `input` and any other parameter of the API.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi', instructions: 'Answer briefly.' });
 */
export interface ResponseCreateParams {
  model: string;
  input?: unknown;
  [field: string]: unknown;
}

/**
 * Options of `client.responses.stream()`.
 *
 * @example
 * client.responses.stream(params, { fallbackToPolling: true, onFallback: ({ reason }) => console.warn(reason) });
 */
export interface ResponseStreamOptions extends RequestOptions {
  /** Called when the fallback to a non-streaming request starts (see `fallbackToPolling`). */
  onFallback?: (info: { reason: unknown }) => void;
}

/**
 * `client.responses`.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(finalResponse()).subscribe((r) => console.log(r.status));
 */
export interface ResponsesResource {
  /**
   * Streams a response (`stream: true` is set for you) as events. `response.failed` and `error` events fail it
   * with `ResponseStreamError`; a cut stream fails with `IncompleteStreamError`. With `fallbackToPolling`, a
   * stream that cannot be established becomes one non-streaming request emitted as equivalent events.
   *
   * @example
   * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(textDeltas()).subscribe(print);
   */
  stream(params: ResponseCreateParams, options?: ResponseStreamOptions): Observable<ResponseStreamEvent>;
  /**
   * One non-streaming response.
   *
   * @example
   * client.responses.create({ model: 'gpt-4o', input: 'Hi' }).subscribe((r) => console.log(r.status));
   */
  create(params: ResponseCreateParams, options?: RequestOptions): Observable<Response>;
}

/**
 * Builds `client.responses` on a transport.
 *
 * @internal
 * @example
 * const responses = responsesResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * responses.create({ model: 'gpt-4o', input: 'Hi' }).subscribe((r) => console.log(r.status));
 */
export function responsesResource(transport: Transport): ResponsesResource {
  const create = (params: ResponseCreateParams, options?: RequestOptions) => {
    const { stream: _ignored, ...body } = params;
    void _ignored;
    return transport.request({ method: 'POST', path: '/responses', body }, options, readJSON(responseCheck));
  };
  return {
    create,
    stream: (params, options) => {
      const streamed$ = transport.request(
        { method: 'POST', path: '/responses', body: { ...params, stream: true } },
        withStreamHeaders(options),
        (response, context) => readEventStream(response, context.options, (r) => responseEvents(r), (e) => e.type),
      );
      return fallBackToCreate(streamed$, {
        enabled: options?.fallbackToPolling ?? transport.options.fallbackToPolling,
        create: () => create(params, options),
        toValues: eventsOfResponse,
        onFallback: options?.onFallback,
      });
    },
  };
}

/**
 * Responses streams in the client: decoded by `responseEvents()`; settled by `response.completed`,
 * `response.incomplete` or `response.failed`; the stream of a background response is streamed again after a
 * cut from its last `sequence_number` (`../recovery/resume-response.ts`); the fallback is one non-streaming
 * request emitted as the equivalent events (`../fallback/response-events.ts`).
 */
import { concatMap, type Observable } from 'rxjs';
import { responseEvents } from '../../responses/response-events.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { eventsOfResponse } from '../fallback/response-events.js';
import type { RequestOptions } from '../options.js';
import { type ResponseRecoveryInfo, resumeResponse } from '../recovery/resume-response.js';
import type { RequestSpec, Transport } from '../transport.js';
import type { ClientProtocol } from './protocol.js';

/**
 * The events that settle a response's stream.
 *
 * @internal
 * @example
 * RESPONSE_TERMINAL_EVENTS.has(event.type); // true for 'response.completed'
 */
export const RESPONSE_TERMINAL_EVENTS: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Options of a streaming Responses call (`client.responses.stream()`).
 *
 * @example
 * client.responses.stream(params, { fallbackToPolling: true, onFallback: ({ reason }) => console.warn(reason) });
 */
export interface ResponseStreamOptions extends RequestOptions {
  /** Called when the fallback to a non-streaming request starts (see `fallbackToPolling`). */
  onFallback?: (info: { reason: unknown }) => void;
  /**
   * Called each time the cut stream of a background response is resumed from its last `sequence_number` (see
   * `recoverStreams`).
   */
  onRecover?: (info: ResponseRecoveryInfo) => void;
  /**
   * Unsubscribing from the stream of a background response that has not settled also cancels the response
   * (`POST /responses/{id}/cancel`, its answer ignored). Default false: unsubscribing only stops reading.
   */
  cancelOnUnsubscribe?: boolean;
}

/**
 * The plain calls a Responses stream needs besides its own request. @internal
 *
 * @example
 * api.streamAfter('resp_...', 41, options).subscribe(print); // GET /responses/{id}?stream=true&starting_after=41
 */
export interface ResponseStreamApi {
  /** The events of a stored background response after `startingAfter`. */
  streamAfter(responseId: string, startingAfter: number, options?: RequestOptions): Observable<ResponseStreamEvent>;
  /** `POST /responses/{id}/cancel`. */
  cancel(responseId: string, options?: RequestOptions): Observable<unknown>;
  /** `POST /responses` without streaming. */
  create(body: Record<string, unknown>, options?: RequestOptions): Observable<Response>;
}

/**
 * One streaming Responses call: a new response (`POST /responses` with `body`), or the events of an existing
 * background response (`GET /responses/{id}?stream=true`, `responseId` and `startingAfter` set). @internal
 *
 * @example
 * const call: ResponseStreamCall = { transport, api, spec: { method: 'POST', path: '/responses', body }, body, options };
 */
export interface ResponseStreamCall {
  readonly transport: Transport;
  readonly api: ResponseStreamApi;
  readonly spec: RequestSpec;
  readonly options: ResponseStreamOptions | undefined;
  /** The create body of a new response (for the fallback); absent for a stream by id. */
  readonly body?: Record<string, unknown>;
  readonly responseId?: string;
  readonly startingAfter?: number;
}

/**
 * The client's description of Responses streams (see `./protocol.ts`).
 *
 * @internal
 * @example
 * streamCall(transport, responsesProtocol, { transport, api, spec, body, options });
 */
export const responsesProtocol: ClientProtocol<ResponseStreamEvent, ResponseStreamCall> = {
  decode: (response) => responseEvents(response),
  nameOf: (event) => event.type,
  isTerminal: (event) => RESPONSE_TERMINAL_EVENTS.has(event.type),
  start: ({ transport, api, spec, options, body, responseId, startingAfter }) => {
    const byId = body === undefined;
    const fallbackToPolling = options?.fallbackToPolling ?? transport.options.fallbackToPolling;
    return {
      request: { spec, options },
      resume: (first) =>
        resumeResponse({
          first,
          resume: (id, after) => api.streamAfter(id, after, options),
          cancel: (id) => api.cancel(id, { ...options, signal: undefined }),
          responseId,
          startingAfter,
          resumable: byId || body['background'] === true,
          enabled: options?.recoverStreams ?? transport.options.recoverStreams,
          maxRetries: options?.maxRetries ?? transport.options.maxRetries,
          scheduler: options?.scheduler ?? transport.options.scheduler,
          onRecover: options?.onRecover,
          cancelOnUnsubscribe: options?.cancelOnUnsubscribe,
          isTerminal: (event) => RESPONSE_TERMINAL_EVENTS.has(event.type),
        }),
      fallback:
        !byId && fallbackToPolling
          ? (reason) => {
              options?.onFallback?.({ reason });
              return api.create(body, options).pipe(concatMap(eventsOfResponse));
            }
          : undefined,
    };
  },
};

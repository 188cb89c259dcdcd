/**
 * Responses streams in the client: decoded by `responseEvents()`; settled by `response.completed`,
 * `response.incomplete` or `response.failed`; the stream of a background response is streamed again after a
 * cut from its last `sequence_number` (`../recovery/resume-response.ts`); the cut stream of any other stored
 * response is completed once the response settled, with the events it missed (`../recovery/settle-response.ts`);
 * the fallback is one non-streaming request, followed until the response settled (a background one answers
 * `queued`), emitted as the equivalent events (`../fallback/response-events.ts`).
 */
import { catchError, concat, concatMap, defer, finalize, from, last, map, Observable, of, switchMap, takeUntil, tap, throwError } from 'rxjs';
import { APIError } from '../../errors/api-errors.js';
import { withRequestId } from '../../errors/base.js';
import { ResponseDivergedError, ResponseNotRetrievableError } from '../../errors/resume-errors.js';
import { ResponseStreamError } from '../../errors/stream-errors.js';
import { scheduleAfter } from '../../operators/schedule-after.js';
import { AFTER_CREATE, type Polled, pollUntilTerminal } from '../../polling/poll-until-terminal.js';
import { readProtocol } from '../../protocols/read-protocol.js';
import { OmittedPositions } from '../../responses/omitted-positions.js';
import { RESPONSE_TERMINAL_EVENTS, responsesSourceSharing } from '../../responses/protocol.js';
import { responseEvents } from '../../responses/response-events.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { responseCheck } from '../body-checks.js';
import { fallbackResponseEvents } from '../fallback/response-events.js';
import { answeredWithoutStream } from '../layers/fall-back.js';
import type { RequestOptions } from '../options.js';
import type { WithHeaders } from '../readers.js';
import { type ResponseRecoveryInfo, resumeResponse } from '../recovery/resume-response.js';
import { deliveredResponseEvents, divergence, isSettledResponse, missingResponseEvents } from '../recovery/settle-response.js';
import { isPathId, type RequestHold, type RequestSpec, stepOptions, type Transport, withCallKey } from '../transport.js';
import type { ClientProtocol } from './protocol.js';

/**
 * Options of a streaming Responses call (`client.responses.stream()`).
 *
 * @example
 * client.responses.stream(params, { fallbackToPolling: true, onFallback: ({ reason }) => console.warn(reason) });
 */
export interface ResponseStreamOptions extends RequestOptions {
  /** Called when the fallback to a non-streaming request starts (see `fallbackToPolling`). */
  onFallback?: ((info: { reason: unknown }) => void) | undefined;
  /**
   * Called each time the cut stream of a background response is resumed from its last `sequence_number` (see
   * `recoverStreams`).
   */
  onRecover?: ((info: ResponseRecoveryInfo) => void) | undefined;
  /**
   * Unsubscribing from the stream of a background response that has not settled (streamed, or followed by polling
   * after a `fallbackToPolling` create) also cancels the response (`POST /responses/{id}/cancel` with the key
   * `<idempotencyKey>-cancel`, its answer ignored). Default false: unsubscribing only stops reading.
   *
   * A create (`background: true`) left after its request was sent but before its first event told the response's
   * id (Stop right after sending, `takeUntil`) is not aborted at once: the API has created the response already, and
   * without its id nobody could cancel it. The client keeps that one request open, reads its events on (delivering
   * none) until one names the response, cancels it and closes the connection; it gives up, closing it, where the
   * stream would have failed (the `timeout` for the headers, `firstEventTimeout`, `idleTimeout`, an error answer or
   * the end of the body: no retry is sent). The same for the non-streaming create of `fallbackToPolling`. Left before
   * the request was sent (while the `apiKey` function runs, during the backoff before a retry), nothing is sent. The
   * call's `signal` or the client's closes the connection at once, held or not: an abort sends no cancel for a
   * response whose id is not known yet.
   *
   * `'beforeId'`: only that: the response is cancelled when the subscriber leaves before an event told its id; once
   * one has, unsubscribing only stops reading (a stream by id: never cancelled). For a relay whose browser learns
   * the id from the events it relays, then resumes a dropped connection and cancels by that id itself: a browser
   * that left before it got the id can do neither.
   *
   * @example
   * client.responses.stream({ model, input, background: true }, { cancelOnUnsubscribe: true }); // a Stop button's stream
   * client.responses.stream({ model, input, background: true }, { cancelOnUnsubscribe: 'beforeId' }); // a relay's upstream
   */
  cancelOnUnsubscribe?: boolean | 'beforeId' | undefined;
  /**
   * Poll interval while a cut stream's response, or the fallback's background response, settles. Default: the
   * server's `openai-poll-after-ms`, else the client's.
   */
  pollIntervalMs?: number | undefined;
}

/**
 * The plain calls a Responses stream needs besides its own request. @internal
 *
 * @example
 * api.streamAfter('resp_...', 41, options, undefined, decode).subscribe(print); // GET /responses/{id}?stream=true&starting_after=41
 */
export interface ResponseStreamApi {
  /**
   * The events of a stored background response after `startingAfter`, with the stream's own query (its `include`:
   * the fields it asked for come after a resume too), decoded by the call's `decode` (which shares what its streams
   * read).
   */
  streamAfter(
    responseId: string,
    startingAfter: number,
    options: RequestOptions | undefined,
    query: RequestSpec['query'],
    decode: (body: globalThis.Response) => Observable<ResponseStreamEvent>,
  ): Observable<ResponseStreamEvent>;
  /** `POST /responses/{id}/cancel`. */
  cancel(responseId: string, options?: RequestOptions): Observable<unknown>;
  /**
   * `GET /responses/{id}`, with the response headers (for `openai-poll-after-ms`), and `query` (the stream's
   * `include`: the fields the stream asked for come in the response read instead of it too).
   */
  retrieve(responseId: string, options?: RequestOptions, query?: RequestSpec['query']): Observable<WithHeaders<Response>>;
  /** `POST /responses` without streaming; `hold`: what its request does when left once sent (see `RequestHold`). */
  create(body: Record<string, unknown>, options?: RequestOptions, hold?: RequestHold<Response>): Observable<Response>;
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
  readonly body?: Record<string, unknown> | undefined;
  readonly responseId?: string | undefined;
  readonly startingAfter?: number | undefined;
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
  start: ({ transport, api, spec, options, body, responseId, startingAfter }, received) => {
    const byId = body === undefined;
    const fallbackToPolling = options?.fallbackToPolling ?? transport.options.fallbackToPolling;
    const recoverStreams = options?.recoverStreams ?? transport.options.recoverStreams;
    const scheduler = options?.scheduler ?? transport.options.scheduler;
    // A stored response that does not run in the background: a cut stream is completed once it settled.
    const settles = recoverStreams && !byId && body['background'] !== true && body['store'] !== false;
    // One key for the stream's POST, the fallback's create and (derived) the cancel: the fallback is refused if the
    // stream's POST was accepted after all.
    const callOptions = withCallKey(options);
    const delivered = settles ? deliveredResponseEvents() : undefined;
    // The positions a compatible server leaves out, as this call's streams told them: a stream that resumes a cut
    // one goes on from there.
    const positions = new OmittedPositions();
    const decode = (body: globalThis.Response) => readProtocol(responsesSourceSharing(positions), body, {});
    // What the response is read with where the stream cannot give it (a settle, the fallback's polls): the
    // stream's `include`, else the fields it asked for (logprobs, sources, encrypted reasoning) would be missing.
    const include = byId ? spec.query?.['include'] : body['include'];
    const retrieveQuery = { include: include as readonly string[] | undefined };
    const retrieve = (id: string) => api.retrieve(id, options, retrieveQuery);

    // Each state of response `id` from `first` on (with `AFTER_CREATE` when it is a create's answer), until it
    // settled (waits on the client's scheduler).
    const untilSettled = (id: string, first: Observable<Polled<Response>>, firstIntervalMs?: number) =>
      pollUntilTerminal<Response>({
        first,
        retrieve: () => retrieve(id),
        isTerminal: isSettledResponse,
        pollIntervalMs: options?.pollIntervalMs,
        defaultIntervalMs: transport.options.pollIntervalMs,
        firstIntervalMs,
        scheduler,
      });

    // `cancelOnUnsubscribe: 'beforeId'`: a response is cancelled only when left before an event told its id (the
    // subscriber could not cancel it by itself), never once one did.
    const cancelsNamed = !!options?.cancelOnUnsubscribe && options.cancelOnUnsubscribe !== 'beforeId';
    // With `cancelOnUnsubscribe`, a response followed by polling is cancelled when the subscriber leaves before it
    // settled (as `resumeResponse` does for a stream); not after it settled, nor after the polling failed. (Its
    // first state is emitted at once, as `response.created`, which tells the id.)
    const cancelledIfLeft = (id: string, states$: Observable<Response>): Observable<Response> =>
      !cancelsNamed
        ? states$
        : defer(() => {
            let over = false;
            return states$.pipe(
              tap({
                next: (response) => (over ||= isSettledResponse(response)),
                error: () => (over = true),
                complete: () => (over = true),
              }),
              finalize(() => {
                if (!over) cancelQuietly(id);
              }),
            );
          });
    const cancel = (id: string) => api.cancel(id, { ...stepOptions(callOptions, 'cancel'), signal: undefined });
    // Its answer is of no interest. Deferred: teardown never throws, whatever the call does.
    const cancelQuietly = (id: string) => void defer(() => cancel(id)).subscribe({ error: () => undefined });

    // With `cancelOnUnsubscribe`, a background create left once its request was sent but before an event told the
    // response's id: the API created the response, which nobody could cancel without its id. The request is read on
    // (nothing delivered) until the id comes, then the response is cancelled (see `RequestHold`, which bounds it).
    const holds = !!options?.cancelOnUnsubscribe && !byId && body['background'] === true;
    // An event delivered named the response: leaving then cancels it by its id (`resumeResponse`), nothing is held.
    let named = false;
    const learnName = (event: ResponseStreamEvent) => {
      named ||= isPathId((event as { response?: { id?: unknown } }).response?.id);
    };
    // Not for a response that settled: nothing is left to cancel.
    const cancelUnlessSettled = (response: { id?: unknown; status?: unknown }, settled: boolean) => {
      if (isPathId(response.id) && !settled) cancelQuietly(response.id);
    };
    const streamHold: RequestHold<ResponseStreamEvent> | undefined = holds
      ? {
          wanted: () => !named,
          next: (event) => {
            const response = (event as { response?: { id?: unknown } }).response;
            if (!isPathId(response?.id)) return false;
            cancelUnlessSettled(response, RESPONSE_TERMINAL_EVENTS.has(event.type));
            return true;
          },
          // A server that does not stream answered with the response it created.
          error: (error) => {
            const answered = answeredWithoutStream(error, responseCheck, 'response');
            if (answered) cancelUnlessSettled(answered, isSettledResponse(answered));
          },
        }
      : undefined;
    // The fallback's create (`fallbackToPolling`): its answer is the response.
    const createHold: RequestHold<Response> | undefined = holds
      ? {
          wanted: () => true,
          next: (created) => {
            cancelUnlessSettled(created, isSettledResponse(created));
            return true;
          },
        }
      : undefined;

    const settle = (reason: unknown): Observable<ResponseStreamEvent> | undefined => {
      const state = delivered!.state();
      const id = state.responseId;
      if (id === undefined || state.settled) return undefined;
      const receivedEvents = received();
      options?.onRecover?.({ reason, responseId: id, startingAfter: state.lastSequence, receivedEvents, attempt: 1, method: 'settle' });
      const deadline = options?.timeout ?? transport.options.timeout;
      const settled$ = untilSettled(id, retrieve(id)).pipe(
        last(),
        // The API does not serve the response (zero data retention, a gateway without the GET, deleted): the cut
        // is reported with the reason its recovery failed.
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof APIError && error.status === 404
              ? // The refusal's request id (the GET the API refused); the cut's is its `reason`'s.
                withRequestId(
                  new ResponseNotRetrievableError({ responseId: id, startingAfter: state.lastSequence, receivedEvents, reason, cause: error }),
                  error.requestId,
                )
              : error,
          ),
        ),
      );
      // The wait is bounded by the request deadline (`timeout`): past it the cut is reported as it was.
      // (Waited for in steps a timer takes: RxJS's `timeout` fires at once past about 24.8 days.)
      const expired$ = new Observable<never>((subscriber) => scheduleAfter(scheduler, deadline, () => subscriber.error(reason)));
      const bounded$ = deadline > 0 && deadline !== Infinity ? settled$.pipe(takeUntil(expired$)) : settled$;
      return bounded$.pipe(
        concatMap((response) => {
          if (response.status === 'cancelled') return throwError(() => reason);
          // Text deltas that would not add up to the response's text: the cut is reported, with the response.
          const found = divergence(delivered!.state(), response);
          if (found !== undefined) {
            return throwError(
              () => new ResponseDivergedError({ responseId: id, startingAfter: state.lastSequence, receivedEvents, reason, response, ...found }),
            );
          }
          const missing = missingResponseEvents(delivered!.state(), response);
          const end = missing[missing.length - 1]!;
          if (end.type !== 'response.failed') return from(missing);
          // As the stream would have: the failed response is an error.
          return concat(from(missing.slice(0, -1)), defer(() => throwError(() => new ResponseStreamError(end.type, JSON.stringify(end)))));
        }),
      );
    };

    return {
      request: { spec, options: callOptions, hold: streamHold },
      decode,
      resume: (first) =>
        resumeResponse({
          first,
          resume: (id, after) => api.streamAfter(id, after, options, byId ? spec.query : resumeQuery(body), decode),
          cancel,
          responseId,
          startingAfter,
          isSettled: (id) => retrieve(id).pipe(map(({ data }) => (data.status === 'cancelled' ? 'cancelled' : isSettledResponse(data)))),
          resumable: byId || body['background'] === true,
          enabled: recoverStreams,
          maxRetries: options?.maxRetries ?? transport.options.maxRetries,
          scheduler,
          onRecover: options?.onRecover,
          cancelOnUnsubscribe: cancelsNamed,
        }),
      fallback:
        !byId && fallbackToPolling
          ? (reason) => {
              options?.onFallback?.({ reason });
              // A server that does not stream answered with the response it created: followed from there. Else
              // a create with the stream's own key: a server that honours keys refuses it if the stream's POST was
              // accepted after all, rather than creating the response twice. (Runs look for the run instead.)
              // A background response answers `queued`: it is followed until it settled.
              const answered = answeredWithoutStream(reason, responseCheck, 'response');
              return (answered ? of(answered) : api.create(body, callOptions, createHold)).pipe(
                switchMap((created) =>
                  // A response still running is followed by its id: without one that names it, the stream's failure stands.
                  isPathId(created.id) || isSettledResponse(created)
                    ? cancelledIfLeft(created.id, untilSettled(created.id, of({ data: created }), AFTER_CREATE))
                    : throwError(() => reason),
                ),
                fallbackResponseEvents(),
              );
            }
          : undefined,
      recover: delivered ? settle : undefined,
      // Never both: a response that settles is not in the background, one that is held is.
      observe: delivered?.observe ?? (holds ? learnName : undefined),
    };
  },
};

/** What a resume of a stream a create began asks for: the create's `include` and `include_obfuscation`. */
function resumeQuery(body: Record<string, unknown>): RequestSpec['query'] {
  const options = body['stream_options'] as { include_obfuscation?: boolean } | undefined;
  return { include: body['include'] as readonly string[] | undefined, include_obfuscation: options?.include_obfuscation };
}

/**
 * Lossless resume of a background response's stream: when the stream is cut (the body ends early, the
 * connection resets, or the idle / first-event timeout expires), the events after the last delivered
 * `sequence_number` are asked for again (`GET /responses/{id}?stream=true&starting_after=N`), as many times as
 * needed: every event reaches the subscriber once, in order.
 */
import { catchError, concat, defer, EMPTY, filter, type MonoTypeOperatorFunction, Observable, of, retry, type SchedulerLike, switchMap, tap, throwError, timer } from 'rxjs';
import { APIConnectionError, APIError } from '../../errors/api-errors.js';
import { withRequestId } from '../../errors/base.js';
import { ResponseResumeExpiredError } from '../../errors/resume-errors.js';
import { IncompleteStreamError, StreamTimeoutError } from '../../errors/stream-errors.js';
import { RESPONSE_TERMINAL_EVENTS } from '../../responses/protocol.js';
import type { ResponseStreamEvent } from '../../wire/responses-api.js';
import { subscribeChained } from '../../operators/subscribe-chained.js';
import { retryDelayMs } from '../retry-policy.js';
import { isPathId } from '../transport.js';

/**
 * What the client tells `onRecover` when it resumes the cut stream of a background response, or completes the
 * cut stream of another stored response once it settled.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi', background: true }, {
 *   onRecover: (info) => console.warn(`resuming ${info.responseId} after event ${info.startingAfter}`, info.reason),
 * });
 */
export interface ResponseRecoveryInfo {
  /** Why the stream was cut: an `IncompleteStreamError`, a `StreamTimeoutError` or an `APIConnectionError`. */
  readonly reason: unknown;
  readonly responseId: string;
  /** The `sequence_number` of the last event delivered: the resume asks for the events after it. */
  readonly startingAfter: number;
  /** How many events this subscription has delivered so far. */
  readonly receivedEvents: number;
  /**
   * 1 for the first resume since the last event delivered (a `keepalive` without a number aside), 2 for the next,
   * ... (at most `maxRetries`, and at least 1: the first resume after an event goes even with `maxRetries: 0`; one
   * more for a response found settled, see `resumeResponse`).
   */
  readonly attempt: number;
  /**
   * `resume`: the events after `startingAfter` are streamed again (a background response); `settle`: the client
   * waits for the response to settle and emits the events the stream missed (a stored response that is not in
   * the background).
   */
  readonly method: 'resume' | 'settle';
}

/**
 * How {@link resumeResponse} resumes. @internal
 *
 * @example
 * const plan: ResumePlan = { first: post$, resume, cancel, resumable: true, enabled: true, maxRetries: 2, scheduler };
 */
export interface ResumePlan {
  /** The stream to start with: the POST of a new response, or the GET of an existing one. */
  readonly first: Observable<ResponseStreamEvent>;
  /** The events of `responseId` after `startingAfter` (`GET /responses/{id}?stream=true&starting_after=N`). */
  readonly resume: (responseId: string, startingAfter: number) => Observable<ResponseStreamEvent>;
  /** `POST /responses/{id}/cancel`, for `cancelOnUnsubscribe`. */
  readonly cancel: (responseId: string) => Observable<unknown>;
  /** The response, when known before the first event (a stream by id). */
  readonly responseId?: string | undefined;
  /** Events up to this `sequence_number` are not delivered (a stream by id with `starting_after`). */
  readonly startingAfter?: number | undefined;
  /**
   * Whether the response settled (`GET /responses/{id}`): asked when a stream by id with `startingAfter` ended
   * without an event, since then it may have had none left to send (`startingAfter` was its last event). A
   * failure of this request counts as "not settled"; `'cancelled'`: it settled cancelled, which is no end of its
   * own (its stream has no terminal event): the cut stands.
   */
  readonly isSettled?: ((responseId: string) => Observable<boolean | 'cancelled'>) | undefined;
  /** Whether the response is known to run in the background (its events can be streamed again). */
  readonly resumable: boolean;
  /** Off: a cut stream fails as it is (`recoverStreams: false`). */
  readonly enabled: boolean;
  /**
   * How many resumes in a row may deliver no event before the cut is final. The first resume after an event goes
   * even at `0`: it is a GET, so it cannot create anything twice, and `enabled` (`recoverStreams`) is its switch. A
   * stream by id whose response is found settled gets one more.
   */
  readonly maxRetries: number;
  readonly scheduler: SchedulerLike;
  readonly onRecover?: ((info: ResponseRecoveryInfo) => void) | undefined;
  /**
   * Unsubscribing before the response settled cancels it, once its id is known. (A create left before an event told
   * it is cancelled by the hold of its request: see `cancelOnUnsubscribe` in `../protocols/responses.ts`.)
   */
  readonly cancelOnUnsubscribe?: boolean | undefined;
}

/**
 * The events of `plan.first`, resumed after every cut of a background response: the first resume after an
 * event was delivered goes at once, further ones in a row back off (the client's retry delays, on its
 * scheduler) and stop after `maxRetries` of them (at least one, so `maxRetries: 0` still resumes once); a resume
 * that delivers an event restores the budget (a `keepalive` without a number is no such event). A stream by id
 * (`startingAfter`) that brought no event and whose response is found settled is resumed once more beyond the
 * budget, and completes empty when that resume too ends cleanly without an event (nothing was left after
 * `startingAfter`). Of a resumed stream, events already delivered (a server that replays more than asked) are
 * dropped, and a number past the next one (events skipped) is a cut; the first stream passes every event as it
 * came. A stream that ends without the terminal event is a cut. A resume the API refuses with 400 or 404, a stream
 * by id with `startingAfter` included, fails with {@link ResponseResumeExpiredError}.
 * Unsubscribing stops everything at once (and, with `cancelOnUnsubscribe`, cancels the response while it has not
 * settled).
 *
 * @internal
 * @example
 * resumeResponse({ first: post$, resume: (id, after) => get$(id, after), cancel, resumable: true, enabled: true,
 *   maxRetries: 2, scheduler: asyncScheduler }).subscribe(print);
 */
export function resumeResponse(plan: ResumePlan): Observable<ResponseStreamEvent> {
  return new Observable<ResponseStreamEvent>((subscriber) => {
    // What this subscription knows: the response, the last sequence number delivered, whether it settled.
    let responseId = plan.responseId;
    let last = plan.startingAfter ?? -1;
    let delivered = 0;
    let resumable = plan.resumable;
    let settled = false;
    let started = false;
    // A resume was sent after the response was found settled, with no event delivered (see `delay` below).
    let resumedSettled = false;
    // The cut that began the resumes in a row that delivered nothing: what the stream fails with when they run out
    // (it says where the stream was; a resume that brought nothing knows less).
    let firstCut: unknown;
    // Resumes in a row since the last event that moved the stream on (an unnumbered keepalive does not: a server
    // that answers every resume with one alone must not resume for ever, at once each time).
    let inRow = 0;

    // Whether the last event delivered (but a keepalive) had no `sequence_number`: after one, a resume cannot say
    // where to go on (`starting_after` the last number would bring the unnumbered ones again).
    let unnumbered = false;
    // The last response status and event delivered, for the error of a cut: a resume's own knows only its events.
    let status: string | undefined;
    let lastEvent: string | undefined;

    // A cut at this point of the call. With a reason, its `cause` says it, so it is not taken for a stream that
    // ended cleanly (`endedCleanly`).
    const cutHere = (why?: string) =>
      new IncompleteStreamError({
        responseId,
        lastResponseStatus: status,
        receivedEvents: delivered,
        lastEventName: lastEvent,
        cause: why === undefined ? undefined : new Error(why),
      });

    const learn = (event: ResponseStreamEvent): void => {
      // An unnumbered keepalive says nothing of the response nor of where the stream is: passed on, not progress.
      if ((event.type as string) === 'keepalive' && typeof event.sequence_number !== 'number') return;
      const response = (event as { response?: { id?: unknown; background?: unknown; status?: unknown } }).response;
      // The response the call asked for (a stream by id) stays the one followed, whatever id the stream tells.
      if (plan.responseId === undefined && isPathId(response?.id)) responseId = response.id;
      if (typeof response?.status === 'string') status = response.status;
      lastEvent = event.type;
      if (response?.background === true) resumable = true;
      if (typeof event.sequence_number === 'number') {
        last = event.sequence_number;
        unnumbered = false;
      } else unnumbered = true;
      if (RESPONSE_TERMINAL_EVENTS.has(event.type)) settled = true;
      delivered++;
      firstCut = undefined;
      inRow = 0;
    };

    // Of a stream after `starting_after` (a resume, a stream by id with `startingAfter`), only the events after the
    // last one delivered: a server may send more than asked. A number past the next one means events were skipped:
    // a cut, so the next resume asks again after the last one delivered (nothing the response sent is lost, no text
    // arrives out of order). The first stream of a call passes every event as it came, whatever its numbers (a
    // server whose numbers do not go up loses nothing, and is not taken for a cut).
    // One operator per event: drop, pass, or fail (a predicate that throws errors the stream).
    const afterLast = filter((event: ResponseStreamEvent) => {
      const n = event.sequence_number;
      if (typeof n !== 'number') return true;
      if (n <= last) return false;
      if (last >= 0 && n !== last + 1) {
        throw cutHere(`events ${last + 1} to ${n - 1} were skipped (the stream went from ${last} to ${n})`);
      }
      return true;
    });
    const events$ = defer(() => {
      if (!started) {
        started = true;
        if (plan.startingAfter === undefined) return plan.first;
        // A stream by id after `startingAfter` is a resume itself.
        return plan.responseId !== undefined
          ? plan.first.pipe(refusedAsExpired(plan.responseId, plan.startingAfter), afterLast)
          : plan.first.pipe(afterLast);
      }
      return plan.resume(responseId!, last).pipe(refusedAsExpired(responseId!, last), afterLast);
    }).pipe(
      tap(learn),
      // A stream that ended without the response's terminal event (a resume whose terminal event was numbered as
      // one already delivered, and dropped) is cut, never a success.
      (source) => concat(source, defer(() => (settled ? EMPTY : throwError(() => cutHere())))),
      retry({
        // The budget is counted below (`inRow`, reset by an event that moves the stream on): a settled response
        // earns one resume beyond it.
        count: plan.enabled ? Infinity : 0,
        delay: (error: unknown) => {
          const attempt = ++inRow;
          const id = responseId ?? (error instanceof IncompleteStreamError ? error.responseId : undefined);
          // Events came, the last unnumbered (a server without `sequence_number`): a resume cannot say where to go on.
          if (!resumable || !isPathId(id) || settled || !isCut(error) || unnumbered) return throwError(() => error);
          responseId = id;
          firstCut ??= error;
          const again = defer(() => {
            plan.onRecover?.({ reason: error, responseId: id, startingAfter: last, receivedEvents: delivered, attempt, method: 'resume' });
            return attempt === 1 ? of(0) : timer(retryDelayMs(attempt - 2, undefined), plan.scheduler);
          });
          // At least one: `maxRetries: 0` turns off sending a request again, and a resume (a GET) sends nothing again.
          const budgeted = () => (attempt > Math.max(plan.maxRetries, 1) ? throwError(() => firstCut) : again);
          if (delivered > 0 || plan.startingAfter === undefined || plan.isSettled === undefined) return budgeted();
          // A stream by id that brought no event may have had none to bring: asked for the events after the last
          // one of a settled response (a browser reconnecting with the last id it saw). Once the response is known
          // to have settled, one more resume brings whatever is left; when that one too ends cleanly without an
          // event, nothing is left, and the stream completes (a delay that completes without a value completes it).
          if (resumedSettled) return endedCleanly(error) ? EMPTY : budgeted();
          return plan.isSettled(id).pipe(
            catchError(() => of(false)),
            switchMap((done) => {
              // Cancelled: the stream stopped before its end, however much of it there is left to read.
              if (done === 'cancelled') return throwError(() => firstCut);
              if (!done) return budgeted();
              resumedSettled = true;
              return again;
            }),
          );
        },
      }),
    );

    let finished = false;
    // Chained: a synchronous `take()` downstream stops the source at once, as with every operator here.
    const subscription = subscribeChained(events$, subscriber, {
      next: (event) => subscriber.next(event),
      error: (error: unknown) => {
        finished = true;
        // A cut as the whole call saw it: the response, its last status and every event delivered (a resumed
        // connection's own error knows only the events after its `starting_after`).
        subscriber.error(
          error instanceof IncompleteStreamError
            ? withRequestId(
                new IncompleteStreamError({
                  // The response the call followed (a stream by id: the one it asked for).
                  responseId: responseId ?? error.responseId,
                  lastResponseStatus: error.lastResponseStatus ?? status,
                  receivedEvents: delivered,
                  lastEventName: lastEvent,
                  cause: error.cause,
                }),
                // The request whose body was cut.
                error.requestId,
              )
            : error,
        );
      },
      complete: () => {
        finished = true;
        subscriber.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      if (finished || settled || !plan.cancelOnUnsubscribe || !resumable || responseId === undefined) return;
      // The subscriber left: nothing more is read; the response is cancelled (its answer is of no interest).
      // Deferred: teardown never throws, whatever the call does.
      defer(() => plan.cancel(responseId!)).subscribe({ error: () => undefined });
    };
  });
}

/**
 * A resume the API refuses with 400 or 404 (past the resume window, or the response is gone) is a
 * {@link ResponseResumeExpiredError}.
 */
function refusedAsExpired(responseId: string, startingAfter: number): MonoTypeOperatorFunction<ResponseStreamEvent> {
  return catchError((error: unknown) =>
    throwError(() =>
      error instanceof APIError && (error.status === 400 || error.status === 404)
        ? // The refusal's request id (the GET the API refused), as its `APIError` had it.
          withRequestId(new ResponseResumeExpiredError({ responseId, startingAfter, cause: error }), error.requestId)
        : error,
    ),
  );
}

/** The body ended without its terminal event, and without a transport failure (no reset, no timeout). */
function endedCleanly(error: unknown): boolean {
  return error instanceof IncompleteStreamError && error.cause === undefined;
}

/** A cut of a stream that had been established: worth asking for the rest. */
function isCut(error: unknown): boolean {
  return (
    error instanceof IncompleteStreamError ||
    error instanceof APIConnectionError ||
    (error instanceof StreamTimeoutError && (error.kind === 'idle' || error.kind === 'first-event'))
  );
}

import { catchError, defer, finalize, type MonoTypeOperatorFunction, type Observable, type SchedulerLike, switchMap, tap, throwError, timer } from 'rxjs';
import { APIError } from '../../errors/api-errors.js';
import type { PendingTasksLike } from '../options.js';
import { retryDelayMs, saidNotToRetry } from '../retry-policy.js';

/**
 * How {@link retryStart} retries a call whose failed attempt may have created something on the server.
 *
 * @internal
 * @example
 * const retry: AdoptingRetry<AssistantStreamEvent> = {
 *   maxRetries: 2, scheduler, isRetryable, mayHaveCreated,
 *   adopt: (reason) => call.createdRun().pipe(map((run) => run && recoverRun(reason, run))),
 * };
 */
export interface AdoptingRetry<E> {
  readonly maxRetries: number;
  readonly scheduler: SchedulerLike;
  /**
   * Whether the failure is worth another attempt. One that is not, but that the API said not to retry
   * (`x-should-retry: false`) and that may have created something, is still adopted (never sent again).
   */
  isRetryable(error: unknown): boolean;
  /** Whether the server may have acted although the attempt failed (then `adopt` is asked first). */
  mayHaveCreated(error: unknown): boolean;
  /**
   * What the failed attempt created, as the stream to continue with; `undefined` when it created nothing (then
   * the request is sent again), `null` when the client cannot tell (then the failure is reported).
   */
  adopt(reason: unknown): Observable<Observable<E> | undefined | null>;
  /** The client's `pendingTasks`: one is held through each wait before a retry (each attempt holds its own). */
  readonly pendingTasks?: PendingTasksLike | undefined;
}

/**
 * Retries the source (a cold request) while it fails before its first event, after the retry policy's delay
 * on `plan.scheduler`; when the failure may have come after the server acted, what it created is adopted
 * instead of sending the request again (also after a failure the API said not to retry: then adopted or reported,
 * never sent again). Once an event arrived, a failure passes through (to the recovery layers): a second request
 * would repeat what was delivered. `received()`, when given, is how many events the call has delivered so far (a
 * call's own count, which `streamCall` keeps anyway): retries happen only before the first event, so it tells
 * whether this attempt delivered one without another operator on every event.
 *
 * @internal
 * @example
 * attempt(transport, protocol, spec, { ...options, maxRetries: 0 }).pipe(retryStart(plan.retry));
 */
export function retryStart<E>(plan: AdoptingRetry<E>, received?: () => number): MonoTypeOperatorFunction<E> {
  return (source) => {
    const attempt$ = (n: number): Observable<E> =>
      defer(() => {
        let seen = false;
        const delivered = received === undefined ? () => seen : () => received() > 0;
        return (received === undefined ? source.pipe(tap(() => (seen = true))) : source).pipe(
          catchError((error: unknown) => {
            if (delivered() || n >= plan.maxRetries) return throwError(() => error);
            // A failure the API said not to retry may still have created something: adopted, never sent again.
            const retryable = plan.isRetryable(error);
            if (!retryable && !(saidNotToRetry(error) && plan.mayHaveCreated(error))) return throwError(() => error);
            // The wait's task is taken here, before `catchError` lets the failed attempt (and its task) go, and the
            // next attempt takes its own before the wait's is released: the app is never stable in between.
            const release = plan.pendingTasks?.add();
            const wait$ = timer(retryDelayMs(n, error instanceof APIError ? error.headers : undefined), plan.scheduler).pipe(
              finalize(() => release?.()),
            );
            if (!plan.mayHaveCreated(error)) return wait$.pipe(switchMap(() => attempt$(n + 1)));
            return wait$.pipe(
              switchMap(() => plan.adopt(error)),
              switchMap((adopted) => adopted ?? (adopted === undefined && retryable ? attempt$(n + 1) : throwError(() => error))),
            );
          }),
        );
      });
    return attempt$(0);
  };
}

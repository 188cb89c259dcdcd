import { catchError, concatMap, defer, type Observable, tap, throwError } from 'rxjs';
import { cannotStream } from '../stream-run.js';

/**
 * What {@link fallBackToCreate} needs besides the stream. @internal
 *
 * @example
 * fallBackToCreate(chunks$, {
 *   enabled: true,
 *   create: () => client.chat.completions.create(params),
 *   toValues: chunksOfCompletion,
 *   onFallback: ({ reason }) => console.warn(reason),
 * });
 */
export interface FallbackPlan<T, R> {
  /** Whether the fallback is on for this call. */
  enabled: boolean;
  /** The non-streaming request. */
  create: () => Observable<R>;
  /** The values a stream would have carried for its result. */
  toValues: (result: R) => T[];
  /** Told when the fallback starts. */
  onFallback?: (info: { reason: unknown }) => void;
}

/**
 * A stream that, when it cannot be established (see `cannotStream`) before its first value, becomes one
 * non-streaming request whose result is emitted as the equivalent stream values. After a first value a
 * failure passes through: a second request would repeat what was emitted.
 *
 * @internal
 * @example
 * fallBackToCreate(chunks$, { enabled: true, create: () => create(params), toValues: chunksOfCompletion });
 */
export function fallBackToCreate<T, R>(streamed$: Observable<T>, plan: FallbackPlan<T, R>): Observable<T> {
  if (!plan.enabled) return streamed$;
  return defer(() => {
    let received = 0;
    return streamed$.pipe(
      tap(() => received++),
      catchError((error: unknown) => {
        if (received > 0 || !cannotStream(error)) return throwError(() => error);
        plan.onFallback?.({ reason: error });
        return plan.create().pipe(concatMap(plan.toValues));
      }),
    );
  });
}

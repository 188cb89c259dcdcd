import { catchError, type MonoTypeOperatorFunction, type Observable, throwError } from 'rxjs';
import { APIConnectionError, APIError } from '../../errors/api-errors.js';
import { StreamNotEstablishedError, StreamTimeoutError } from '../../errors/stream-errors.js';

/**
 * When the stream cannot be established (see {@link cannotStream}) before its first event, continues with
 * `fallback(reason)` instead (`fallbackToPolling`: a non-streaming request emitted as the equivalent events).
 * After a first event a failure passes through: a second request would repeat what was delivered.
 *
 * @internal
 * @example
 * events$.pipe(fallBack((reason) => create$.pipe(concatMap(chunksOfCompletion)), () => received));
 */
export function fallBack<E>(fallback: ((reason: unknown) => Observable<E>) | undefined, received: () => number): MonoTypeOperatorFunction<E> {
  return catchError((error: unknown) =>
    fallback !== undefined && received() === 0 && cannotStream(error) ? fallback(error) : throwError(() => error),
  );
}

/**
 * Failures that mean "streaming does not work here", as opposed to "the request is wrong".
 *
 * @internal
 * @example
 * if (cannotStream(error)) return createWithoutStreaming();
 */
export function cannotStream(error: unknown): boolean {
  return (
    error instanceof StreamNotEstablishedError ||
    error instanceof APIConnectionError ||
    (error instanceof StreamTimeoutError && (error.kind === 'headers' || error.kind === 'body')) ||
    (error instanceof APIError && error.status >= 500)
  );
}

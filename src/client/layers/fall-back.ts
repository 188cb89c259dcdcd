import { catchError, type MonoTypeOperatorFunction, type Observable, throwError } from 'rxjs';
import { APIConnectionError, APIError } from '../../errors/api-errors.js';
import { StreamNotEstablishedError, StreamTimeoutError } from '../../errors/stream-errors.js';
import type { BodyCheck } from '../body-checks.js';
import { saidNotToRetry } from '../retry-policy.js';

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
 * Failures that mean "streaming does not work here", as opposed to "the request is wrong". A 5xx the API said not
 * to retry (`x-should-retry: false`) is not one: the fallback's create would send the request again in another
 * form, and the API does not honour idempotency keys, so a request it accepted after all would be created twice.
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
    (error instanceof APIError && error.status >= 500 && !saidNotToRetry(error))
  );
}

/**
 * The object a server that does not stream answered the stream's request with (the `json` of a
 * {@link StreamNotEstablishedError}), when it is the one the request created: it names itself (a string `id`),
 * `object` is the expected type (or absent, as a compatible server may leave it out) and `check` takes it. A
 * fallback goes on from it instead of asking again, which would create a second response or run (or pay for a
 * second completion). Anything else (an error object under 200) is no answer: the fallback asks as before.
 *
 * @internal
 * @example
 * const created = answeredWithoutStream(reason, responseCheck, 'response');
 * (created ? of(created) : api.create(body, options)).pipe(...);
 */
export function answeredWithoutStream<T>(reason: unknown, check: BodyCheck<T>, object: string): T | undefined {
  const json = reason instanceof StreamNotEstablishedError ? reason.json : undefined;
  if (json === undefined || typeof json['id'] !== 'string' || json['id'] === '') return undefined;
  if ((json['object'] !== undefined && json['object'] !== object) || check(json) !== undefined) return undefined;
  return json as T;
}

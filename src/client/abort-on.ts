import { defer, fromEvent, identity, map, type MonoTypeOperatorFunction, takeUntil, throwError } from 'rxjs';
import { APIConnectionError } from '../errors/api-errors.js';

/**
 * Ends a call when the caller's `signal` aborts, whatever it is doing then (a request, a retry's backoff, a
 * resume's delay, a poll's wait): it fails with {@link abortReason} and everything it holds is torn down, as when
 * the subscriber unsubscribes (so `cancelOnUnsubscribe` cancels the response, and nothing more is sent). A signal
 * aborted already fails the call before anything is sent. Without a signal, the source as it is.
 *
 * The transport listens to the signal of each request too; this is for the calls made of several requests and the
 * waits between them.
 *
 * @internal
 * @example
 * pollUntilTerminal({ first, retrieve, isTerminal }).pipe(abortOn(options?.signal));
 */
export function abortOn<T>(signal: AbortSignal | undefined): MonoTypeOperatorFunction<T> {
  // Anything but a signal (from plain JS) is left to the options' check, which names it, at the request.
  if (!isSignal(signal)) return identity;
  // takeUntil subscribes to its notifier first, and passes on the notifier's error: the abort's reason.
  return takeUntil(
    defer(() =>
      signal.aborted
        ? throwError(() => abortReason(signal))
        : fromEvent(signal, 'abort').pipe(
            map(() => {
              throw abortReason(signal);
            }),
          ),
    ),
  );
}

/**
 * Whether `value` can be listened to as an `AbortSignal` is (`addEventListener()` and `removeEventListener()`).
 *
 * @internal
 * @example
 * const signal = isSignal(options.signal) ? options.signal : undefined;
 */
export function isSignal(value: unknown): value is AbortSignal {
  const signal = value as Partial<AbortSignal> | null | undefined;
  return typeof signal?.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
}

/**
 * What a call aborted by its `signal` fails with: the signal's reason (an `AbortError` `DOMException` when
 * `abort()` was given none), or an {@link APIConnectionError} where the runtime keeps no reason.
 *
 * @internal
 * @example
 * signal.addEventListener('abort', () => subscriber.error(abortReason(signal)));
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new APIConnectionError('Request aborted');
}

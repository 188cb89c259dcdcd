import { defer, fromEvent, identity, map, type MonoTypeOperatorFunction, type Observable, takeUntil, throwError } from 'rxjs';
import { APIConnectionError } from '../errors/api-errors.js';

/**
 * Ends a call when the caller's `signal` aborts, whatever it is doing then (a request, a retry's backoff, a
 * resume's delay, a poll's wait): it fails with {@link abortReason} and everything it holds is torn down, as when
 * the subscriber unsubscribes (so `cancelOnUnsubscribe` cancels a response whose id is known, and nothing more is
 * sent), except that no request is held open (see `RequestHold`): a create whose first event has not come is closed
 * at once, not read on for its response's id. A signal aborted already fails the call before anything is sent.
 * Without a signal, the source as it is.
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
  return takeUntil(abortNotice(signal));
}

/**
 * Fails with {@link abortReason} when `signal` aborts (at once when it has), and emits nothing else: what
 * {@link abortOn} ends a call with. Each subscription listens to the signal; share it (as the client does with its
 * own `signal`, one listener for all its calls) where many subscribe at once.
 *
 * @internal
 * @example
 * const clientEnd$ = abortNotice(options.signal).pipe(share());
 */
export function abortNotice(signal: AbortSignal): Observable<never> {
  return defer(() =>
    signal.aborted
      ? throwError(() => abortReason(signal))
      : fromEvent(signal, 'abort').pipe(
          map(() => {
            throw abortReason(signal);
          }),
        ),
  );
}

/**
 * Ends a call of `transport`'s client when the call's own `signal` or the client's aborts, whatever it is doing then
 * (see {@link abortOn}); the client's signal is listened to once for all its calls (`transport.end$`).
 *
 * @internal
 * @example
 * pollUntilTerminal({ first, retrieve, isTerminal }).pipe(callEnds(transport, options?.signal));
 */
export function callEnds<T>(transport: { readonly end$: Observable<never> | undefined }, signal: AbortSignal | undefined): MonoTypeOperatorFunction<T> {
  const own = abortOn<T>(signal);
  const end$ = transport.end$;
  return end$ === undefined ? own : (source) => source.pipe(own, takeUntil(end$));
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

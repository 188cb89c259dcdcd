import { asyncScheduler, type MonoTypeOperatorFunction, Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { StreamTimeoutError } from '../errors/stream-errors.js';
import { MAX_TIMER_MS } from '../operators/schedule-after.js';
import { subscribeChained } from '../operators/subscribe-chained.js';

/**
 * Fails the stream with {@link StreamTimeoutError} when no value arrives within `first` ms of subscribing
 * (`'first-event'`), or within `idle` ms of the previous value (`'idle'`). An `'idle'` error names the last value:
 * `nameOf` is called only when the timeout fires, on the value as it is then (a consumer may have changed it), and
 * when it throws, the error has no name. The last value is kept until the next one or the end of the
 * subscription. `0` and `Infinity` set no limit; a negative or `NaN` limit throws a `RangeError` (a forgotten
 * setting must not silently turn the timeout off).
 *
 * Like RxJS's `timeout({ first, each })`, but it does not cancel and re-create a timer for every value, which
 * costs more than the rest of a text delta's trip through the library: a value only records the time the consumer
 * was done with it, and the one timer, when it fires, either fails the stream or waits for what is left of the
 * time since then. As with `timeout()`, the idle time starts when the consumer returns from the previous value, so
 * slow synchronous work on one value does not count against the next.
 *
 * Time is `scheduler`'s (default `asyncScheduler`): its timers and its `now()`, so a `TestScheduler` or Angular's
 * `fakeAsync` controls it.
 *
 * @internal
 * @example
 * events$.pipe(eventTimeouts(10_000, 60_000, (event) => event.event));
 * // virtual time in a test:
 * testScheduler.run(({ cold, expectObservable }) =>
 *   expectObservable(cold('a 59s b').pipe(eventTimeouts(60_000, 60_000, String, testScheduler))).toBe('a 59s b 59999ms #', undefined, error));
 */
export function eventTimeouts<T>(
  first: number,
  idle: number,
  nameOf: (value: T) => string,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  const now = () => scheduler.now();
  const firstLimit = limit(first);
  const idleLimit = limit(idle);
  return (source) =>
    new Observable<T>((subscriber) => {
      let seen = 0;
      // The last value, named only if a timeout reports it: naming every value would cost a call on the hot path.
      let last: T | undefined;
      let lastAt = now();
      let timer: Subscription | undefined;

      const arm = (ms: number) => {
        // Timers take up to about 24.8 days; a longer limit is waited for in such steps.
        if (ms !== Infinity) timer = scheduler.schedule(check, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
      };
      const check = () => {
        timer = undefined;
        const allowed = seen === 0 ? firstLimit : idleLimit;
        const waited = now() - lastAt;
        // A timer may fire a fraction of a millisecond early: then it waits for the rest.
        if (waited >= allowed) {
          const error =
            seen === 0
              ? new StreamTimeoutError('first-event', allowed)
              : new StreamTimeoutError('idle', allowed, nameOrNone(nameOf, last as T));
          subscriber.error(error);
        } else arm(allowed - waited);
      };
      arm(firstLimit);

      // Chained: when the subscriber is done, the source stops at once, in a synchronous loop too.
      const subscription = subscribeChained(source, subscriber, {
        next(value) {
          last = value;
          subscriber.next(value);
          // The consumer may have stopped at this value (`take(1)`): then no timer may be armed again.
          if (subscriber.closed) return;
          lastAt = now();
          // The first value replaces the first-event deadline by an idle one, which may come sooner.
          if (seen++ === 0 && idleLimit < firstLimit) {
            timer?.unsubscribe();
            arm(idleLimit);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        timer?.unsubscribe();
        last = undefined;
        subscription.unsubscribe();
      };
    });
}

/** The name of the value a timeout reports; none when `nameOf` cannot give one (the timeout is still the error). */
function nameOrNone<T>(nameOf: (value: T) => string, value: T): string | undefined {
  try {
    return nameOf(value);
  } catch {
    return undefined;
  }
}

/** A limit in ms; `0` and `Infinity` mean none. Anything else that is not a positive number is a mistake. */
function limit(ms: number): number {
  if (ms === 0) return Infinity;
  if (ms > 0) return ms;
  throw new RangeError(`A stream timeout must be a positive number of milliseconds, 0 or Infinity (got ${ms})`);
}


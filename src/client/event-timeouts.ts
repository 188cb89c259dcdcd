import { type MonoTypeOperatorFunction, Observable } from 'rxjs';
import { StreamTimeoutError } from '../errors/stream-errors.js';

/**
 * Fails the stream with {@link StreamTimeoutError} when no value arrives within `first` ms of subscribing
 * (`'first-event'`), or within `idle` ms of the previous value (`'idle'`); the error names the last value.
 * `Infinity` waits for ever.
 *
 * Like RxJS's `timeout({ first, each })`, but it does not cancel and re-create a timer for every value, which
 * costs more than the rest of a text delta's trip through the library: a value only records when it arrived, and
 * the one timer, when it fires, either fails the stream or waits for what is left of the time after the last value.
 *
 * @internal
 * @example
 * events$.pipe(eventTimeouts(10_000, 60_000, (event) => event.event));
 */
export function eventTimeouts<T>(first: number, idle: number, nameOf: (value: T) => string): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let seen = 0;
      let lastName: string | undefined;
      let lastAt = now();
      let timer: ReturnType<typeof setTimeout> | undefined;

      const arm = (ms: number) => {
        // Timers take 1 ms to about 24.8 days; a longer (or infinite) limit is waited for in such steps.
        timer = setTimeout(check, Math.min(Math.max(ms, 1), MAX_TIMER_MS));
      };
      const check = () => {
        const limit = seen === 0 ? first : idle;
        const waited = now() - lastAt;
        // A timer may fire a fraction of a millisecond early: then it waits for the rest.
        if (waited >= limit) {
          subscriber.error(new StreamTimeoutError(seen === 0 ? 'first-event' : 'idle', limit, lastName));
        } else arm(limit - waited);
      };
      arm(first);

      const subscription = source.subscribe({
        next(value) {
          lastAt = now();
          lastName = nameOf(value);
          // The first value replaces the first-event deadline by an idle one, which may come sooner.
          if (seen++ === 0 && idle < first) {
            clearTimeout(timer);
            arm(idle);
          }
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        clearTimeout(timer);
        subscription.unsubscribe();
      };
    });
}

const now = (): number => performance.now();
const MAX_TIMER_MS = 2 ** 31 - 1;

import { Observable, type Observer, Subscriber, type Subscription } from 'rxjs';

/**
 * Subscribes `observer` to `source` on behalf of an operator's subscriber `out`, chained to it: the subscription
 * to the source belongs to `out` before the source emits anything, so when `out` ends (`take`, `first`,
 * `takeUntil`, an unsubscribe, an error sent to `out`) the source is unsubscribed at once, in the middle of a
 * synchronous emission loop too (`from(array)`, a replay of `shareReplay`). A plain
 * `source.subscribe(observer)` hands its subscription back only when the source returns: a synchronous source
 * would run to its end, feeding an operator whose subscriber is long gone.
 *
 * This is what RxJS's own operators do internally (`operate` and `createOperatorSubscriber`, not exported), with
 * public API only: the subscriber RxJS makes for `observer` is added to `out`, then given to the source as is.
 * Per value, it costs what `source.subscribe(observer)` costs, and one call. A handler of `observer` that throws
 * fails `out` (when `out` is a subscriber) with what it threw, as a callback of `map` or `tap` does. Return the
 * result from the `new Observable` subscribe function, so that the subscription also ends with `out`.
 *
 * @internal
 * @example
 * const lengths = (source: Observable<string>) =>
 *   new Observable<number>((out) =>
 *     subscribeChained(source, out, {
 *       next: (text) => out.next(text.length),
 *       error: (error: unknown) => out.error(error),
 *       complete: () => out.complete(),
 *     }),
 *   );
 */
export function subscribeChained<T>(source: Observable<T>, out: Subscription, observer: Partial<Observer<T>>): Subscription {
  // A handler that throws fails `out`, as a throw in the callback of one of RxJS's own operators fails its
  // subscriber. (The subscriber RxJS makes for `observer` would report it as unhandled, and leave `out` waiting.)
  const fail = (thrown: unknown): void => {
    if (!(out instanceof Subscriber)) throw thrown;
    out.error(thrown);
  };
  // Only the handlers `observer` has: a missing `error` stays missing (RxJS reports such an error as unhandled).
  const { next, error, complete } = observer;
  const guarded: Partial<Observer<T>> = {
    next:
      next &&
      ((value) => {
        try {
          next.call(observer, value);
        } catch (thrown) {
          fail(thrown);
        }
      }),
    error:
      error &&
      ((reason: unknown) => {
        try {
          error.call(observer, reason);
        } catch (thrown) {
          fail(thrown);
        }
      }),
    complete:
      complete &&
      (() => {
        try {
          complete.call(observer);
        } catch (thrown) {
          fail(thrown);
        }
      }),
  };
  return new Observable<T>((chained) => {
    out.add(chained);
    return source.subscribe(chained);
  }).subscribe(guarded);
}

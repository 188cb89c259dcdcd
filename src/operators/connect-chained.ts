import { Observable, type OperatorFunction, Subject } from 'rxjs';
import { subscribeChained } from './subscribe-chained.js';

/**
 * RxJS's `connect(selector)`, chained to its subscriber: `selector` gets the source multicast (one subscription
 * to the source, however many times `selector` subscribes to it), and when the subscriber is done (`take`,
 * `first`, `takeUntil`) the source is unsubscribed at once, in the middle of a synchronous emission too. RxJS's
 * own `connect` adds its subscription to the source only once `source.subscribe()` returned, so a synchronous
 * source runs to its end into a subject nobody reads.
 *
 * @internal
 * @example
 * events$.pipe(connectChained((events) => merge(events.pipe(map(show)), events.pipe(last(), ignoreElements()))));
 */
export function connectChained<T, R>(selector: (shared: Observable<T>) => Observable<R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      const shared = new Subject<T>();
      subscriber.add(selector(shared.asObservable()).subscribe(subscriber));
      if (subscriber.closed) return;
      return subscribeChained(source, subscriber, shared);
    });
}

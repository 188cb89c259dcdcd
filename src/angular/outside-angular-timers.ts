import { NgZone } from '@angular/core';
import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * The client's scheduler in an Angular app (the default of {@link provideOpenAIStream}): `scheduler`'s timers (the
 * request deadline, the idle and first-event timeouts, retry and poll waits), set outside the Angular zone when they
 * are scheduled inside it. Under zone.js a timer set inside the zone is a pending macrotask: a stream's idle timer
 * would keep the app unstable (`ApplicationRef.whenStable()`, hydration) for as long as the stream runs, and a
 * server-side rendering would wait for it to fire. What a timer does when it fires runs back inside the zone (it
 * fails a stream, sends a request again), so change detection sees it as before. Outside the zone, and in zoneless
 * apps (no zone.js), timers are `scheduler`'s as they are. @internal
 *
 * @example
 * const client = createClient({ fetch: httpClientFetch(inject(HttpClient)), scheduler: outsideAngularTimers(inject(NgZone)) });
 */
export function outsideAngularTimers(zone: NgZone, scheduler: SchedulerLike = asyncScheduler): SchedulerLike {
  return {
    now: () => scheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription {
      if (!NgZone.isInAngularZone()) return scheduler.schedule(work, delay, state);
      return zone.runOutsideAngular(() =>
        scheduler.schedule(
          function (this: SchedulerAction<T>, value?: T) {
            // `this` per run: a scheduler may run the work again on another action (RxJS's virtual time does).
            const action = rearmedOutside(zone, this);
            zone.run(() => work.call(action, value));
          },
          delay,
          state,
        ),
      );
    },
  };
}

/**
 * `action` as the work of a timer sees it (its `this`): scheduling it again (`this.schedule(state, delay)`, as RxJS's
 * `timer()` and the client's long waits do) sets the next timer outside the Angular zone too.
 */
function rearmedOutside<T>(zone: NgZone, action: SchedulerAction<T>): SchedulerAction<T> {
  const view: Pick<SchedulerAction<T>, 'closed' | 'schedule' | 'unsubscribe' | 'add' | 'remove'> = {
    get closed() {
      return action.closed;
    },
    schedule: (state?: T, delay?: number) => zone.runOutsideAngular(() => action.schedule(state, delay)),
    unsubscribe: () => action.unsubscribe(),
    add: (teardown) => action.add(teardown),
    remove: (teardown) => action.remove(teardown),
  };
  return view as SchedulerAction<T>;
}

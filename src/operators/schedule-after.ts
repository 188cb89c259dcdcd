import { type SchedulerLike, Subscription } from 'rxjs';

/** The longest delay a JavaScript timer takes (about 24.8 days); a longer one fires at once. @internal */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `work` once, `ms` milliseconds from now on `scheduler`; `Infinity` never runs it. A delay longer than a
 * timer can take is waited for in steps, measured with `scheduler.now()`, so virtual time (`TestScheduler`) and
 * real time behave alike. Unsubscribing the returned subscription cancels it.
 *
 * @internal
 * @example
 * const timer = scheduleAfter(asyncScheduler, 30_000, () => controller.abort());
 * timer.unsubscribe(); // the response came in time
 */
export function scheduleAfter(scheduler: SchedulerLike, ms: number, work: () => void): Subscription {
  if (ms === Infinity) return Subscription.EMPTY;
  const due = scheduler.now() + ms;
  const step = (wait: number) => Math.min(Math.max(wait, 0), MAX_TIMER_MS);
  return scheduler.schedule(function (this: { schedule(state?: unknown, delay?: number): unknown }) {
    const left = due - scheduler.now();
    // A timer may fire a fraction of a millisecond early, or a step short of a very long delay: wait for the rest.
    if (left > 0) this.schedule(undefined, step(left));
    else work();
  }, step(ms));
}

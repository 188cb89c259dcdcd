import { type SchedulerAction, type Subscription, VirtualTimeScheduler } from 'rxjs';

/**
 * A virtual-time scheduler that tells when a wait of a given length begins on it (a backoff, a timeout armed), for
 * tests that act once a call is waiting. Its time moves only when told (`advanceTo`): left alone, its timers never
 * fire, so a call that should have ended by other means waits for ever (the test then times out rather than passes).
 *
 * @example
 * const scheduler = new WatchedScheduler();
 * const client = createClient({ apiKey: 'test', baseURL, scheduler, firstEventTimeout: 5000 });
 * await scheduler.waitScheduled((ms) => ms === 5000); // the first-event timeout is armed
 * scheduler.advanceTo(5000); // and expires
 */
export class WatchedScheduler extends VirtualTimeScheduler {
  private readonly watchers: Array<{ matches: (ms: number) => boolean; resolve: () => void }> = [];

  override schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    for (const watcher of this.watchers) if (watcher.matches(delay)) watcher.resolve();
    return super.schedule(work, delay, state);
  }

  /** Resolves when something is scheduled with a delay `matches` accepts. */
  waitScheduled(matches: (ms: number) => boolean): Promise<void> {
    return new Promise((resolve) => this.watchers.push({ matches, resolve }));
  }

  /**
   * Runs what is due up to `ms` (virtual), and leaves the clock there: `now()` reads `ms` after it, as a real clock
   * would have moved on (RxJS's own `flush()` leaves it at the last action it ran, so what happens next, such as an
   * event that comes, would be dated earlier than the time the test has reached).
   */
  advanceTo(ms: number): void {
    this.maxFrames = ms;
    this.flush();
    if (this.frame < ms) this.frame = ms;
  }
}

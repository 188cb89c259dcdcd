/**
 * Every timer the emulator starts goes through one {@link Timers}, so `close()` can stop them all and tests can
 * wait until the scheduled work (runs, vector store processing) is done.
 */

/**
 * Stops a timer started by {@link Timers}; calling it twice is harmless.
 *
 * @example
 * const cancel: CancelTimer = timers.after(100, tick);
 * cancel();
 */
export type CancelTimer = () => void;

interface Entry {
  readonly work: boolean;
  clear(): void;
}

/**
 * A registry of timeouts and intervals. `work` timers advance server-side state (a run's next event, a vector
 * store file finishing); {@link Timers.whenIdle} resolves when none is pending.
 *
 * @example
 * const timers = new Timers();
 * timers.after(10, () => console.log('tick'), true);
 * await timers.whenIdle(); // after 'tick'
 * timers.clear();
 */
export class Timers {
  readonly #entries = new Set<Entry>();
  #pendingWork = 0;
  #idleWaiters: Array<() => void> = [];

  /**
   * Runs `fn` once after `ms` (`0`: on the next turn of the event loop). `work` marks timers that advance state.
   *
   * @example
   * const cancel = timers.after(50, () => res.end());
   * cancel();
   */
  after(ms: number, fn: () => void, work = false): CancelTimer {
    let done = false;
    const handle = ms > 0 ? setTimeout(fire, ms) : setImmediate(fire);
    const entry: Entry = {
      work,
      clear: () => (ms > 0 ? clearTimeout(handle as NodeJS.Timeout) : clearImmediate(handle as NodeJS.Immediate)),
    };
    this.#add(entry);
    const self = this;
    function fire(): void {
      if (done) return;
      done = true;
      try {
        fn();
      } finally {
        self.#remove(entry);
      }
    }
    return () => {
      if (done) return;
      done = true;
      entry.clear();
      this.#remove(entry);
    };
  }

  /**
   * Runs `fn` every `ms` until cancelled (never counted as work).
   *
   * @example
   * const stop = timers.every(1000, () => res.write(': keep-alive\n\n'));
   */
  every(ms: number, fn: () => void): CancelTimer {
    const handle = setInterval(fn, Math.max(1, ms));
    const entry: Entry = { work: false, clear: () => clearInterval(handle) };
    this.#add(entry);
    return () => {
      if (!this.#entries.has(entry)) return;
      entry.clear();
      this.#remove(entry);
    };
  }

  /**
   * Resolves when no `work` timer is pending (at once if none is).
   *
   * @example
   * await timers.whenIdle();
   */
  whenIdle(): Promise<void> {
    if (this.#pendingWork === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Stops every timer and releases every {@link Timers.whenIdle} waiter.
   *
   * @example
   * timers.clear();
   */
  clear(): void {
    for (const entry of this.#entries) entry.clear();
    this.#entries.clear();
    this.#pendingWork = 0;
    this.#releaseIdle();
  }

  #add(entry: Entry): void {
    this.#entries.add(entry);
    if (entry.work) this.#pendingWork++;
  }

  #remove(entry: Entry): void {
    if (!this.#entries.delete(entry)) return;
    if (entry.work && --this.#pendingWork === 0) this.#releaseIdle();
  }

  #releaseIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Plays a run's timeline in time: applies each tick when its pacing says, and tells the listeners (the open
 * streams of the run) every event. The run advances whether or not anyone listens: a stream that is cut leaves
 * the run going to its normal end, as on the real server.
 */
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { ResolvedOptions } from './options.js';
import type { Pace, RunWork, Tick } from './timeline.js';
import type { CancelTimer, Timers } from './timers.js';

/**
 * Hears a run's events; `end` comes when the played timeline is over (the stream then sends `done`).
 *
 * @example
 * const listener: RunListener = { event: (e) => sink.send(sseEvent(e.event, e.data)), end: () => sink.end() };
 */
export interface RunListener {
  event(event: AssistantStreamEvent): void;
  end(): void;
}

/**
 * The delay, in milliseconds, before a tick of some pace.
 *
 * @example
 * const instant: Pacer = () => 0;
 */
export type Pacer = (pace: Pace) => number;

/**
 * The pacing of streamed runs: `deltaMs` before each delta, `eventMs` before every other event.
 *
 * @example
 * driver.play(ticks, streamPacer(options), listener);
 */
export function streamPacer(options: ResolvedOptions): Pacer {
  const { eventMs, deltaMs } = options.pacing;
  return (pace) => (pace === 'delta' ? deltaMs : eventMs);
}

/**
 * The pacing of runs nobody streams: `statusStepMs` before each change of the run's status, nothing between.
 *
 * @example
 * driver.play(ticks, statusPacer(options));
 */
export function statusPacer(options: ResolvedOptions): Pacer {
  return (pace) => (pace === 'status' ? options.statusStepMs : 0);
}

function isRunEvent(event: AssistantStreamEvent): boolean {
  return event.event.startsWith('thread.run.') && !event.event.startsWith('thread.run.step.');
}

/**
 * Plays the timelines of one run.
 *
 * @example
 * const driver = new RunDriver(work, timers);
 * driver.play(startTicks(work, plan), streamPacer(options), { event: (e) => sink.send(e), end: () => sink.end() });
 */
export class RunDriver {
  #queue: Tick[] = [];
  #pacer: Pacer = () => 0;
  #cancelTimer: CancelTimer | undefined;
  readonly #listeners = new Set<RunListener>();

  constructor(
    readonly work: RunWork,
    private readonly timers: Timers,
  ) {}

  /** Whether ticks are still to be applied. */
  get busy(): boolean {
    return this.#queue.length > 0;
  }

  /**
   * Replaces what is left to play with `ticks`. The ticks up to the first run event are applied at once (so the
   * reply to the request shows the run as that event does); the rest follow, paced by `pacer` (by default as
   * before). `listener`, when given, hears every event from the first.
   */
  play(ticks: Tick[], pacer: Pacer = this.#pacer, listener?: RunListener): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (listener) this.#listeners.add(listener);
    this.#queue = [...ticks];
    this.#pacer = pacer;
    while (this.#queue.length > 0) {
      if (isRunEvent(this.#applyNext())) break;
    }
    this.#schedule();
  }

  /** Stops everything (the emulator closes). */
  stop(): void {
    this.#cancelTimer?.();
    this.#queue = [];
    this.#listeners.clear();
  }

  #applyNext(): AssistantStreamEvent {
    const event = this.#queue.shift()!.apply();
    for (const listener of [...this.#listeners]) listener.event(event);
    return event;
  }

  #schedule(): void {
    const next = this.#queue[0];
    if (!next) {
      this.#cancelTimer = undefined;
      const listeners = [...this.#listeners];
      this.#listeners.clear();
      for (const listener of listeners) listener.end();
      return;
    }
    this.#cancelTimer = this.timers.after(
      this.#pacer(next.pace),
      () => {
        this.#applyNext();
        while (this.#queue.length > 0 && this.#pacer(this.#queue[0]!.pace) === 0) this.#applyNext();
        this.#schedule();
      },
      true,
    );
  }
}

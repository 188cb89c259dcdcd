import { asyncScheduler, EMPTY, expand, map, Observable, type SchedulerLike, switchMap, first, takeWhile } from 'rxjs';
import { scheduleAfter } from '../operators/schedule-after.js';

/**
 * A polled value with the response headers it came with (for `openai-poll-after-ms`).
 *
 * @example
 * const first: Observable<Polled<Run>> = of({ data: run }); // no headers: the default interval applies
 * pollUntilTerminal({ first, retrieve, isTerminal }).subscribe((r) => console.log(r.status));
 */
export interface Polled<T> {
  readonly data: T;
  readonly headers?: Headers | undefined;
}

/**
 * Options of {@link pollUntilTerminal}.
 *
 * @example
 * pollUntilTerminal<Run>({
 *   first: of({ data: run }),
 *   retrieve: () => client.threads.runs.retrieveWithHeaders(run.id, { thread_id: run.thread_id }),
 *   isTerminal: (r) => r.status === 'completed' || r.status === 'failed', defaultIntervalMs: 2_000,
 * });
 */
export interface PollUntilTerminalOptions<T> {
  /** The first state, usually from the request that started the action (create, submit, upload). */
  first: Observable<Polled<T>>;
  /** Requests the current state again. */
  retrieve: () => Observable<Polled<T>>;
  /** Whether a state is final: polling stops after emitting it. */
  isTerminal: (value: T) => boolean;
  /** A fixed wait between polls. When absent, the server's `openai-poll-after-ms` header decides. */
  pollIntervalMs?: number | undefined;
  /** The wait when neither `pollIntervalMs` nor the header gives one. Default 1000. */
  defaultIntervalMs?: number | undefined;
  /**
   * The wait after the first state when `pollIntervalMs` is not given, whatever the first state's header says.
   * Default: that header, else `defaultIntervalMs`. The client's create-and-poll helpers pass `0`: the official
   * SDK polls at once after a create, whatever its answer's headers.
   */
  firstIntervalMs?: number | undefined;
  /** The scheduler of the waits (a `TestScheduler` in tests). Default `asyncScheduler`. */
  scheduler?: SchedulerLike | undefined;
}

/**
 * The {@link PollUntilTerminalOptions.firstIntervalMs} after a create's answer, which says nothing of the pace: poll
 * at once, as the official SDK does. @internal
 *
 * @example
 * pollUntilTerminal({ first: create$, retrieve, isTerminal, firstIntervalMs: AFTER_CREATE });
 */
export const AFTER_CREATE = 0;

/**
 * Emits each state of something the server works on asynchronously (a run, a vector store file, a file batch)
 * until a terminal one, which it emits last before completing. Between requests it waits `pollIntervalMs`, else
 * (after the first state) `firstIntervalMs`, else the server's `openai-poll-after-ms`, else `defaultIntervalMs`.
 * Cold; unsubscribing stops polling and
 * aborts a request under way. Errors end it; so does a `first` or `retrieve()` that completes without a state (RxJS's
 * `EmptyError`).
 *
 * @example
 * import { pollUntilTerminal } from 'rx-openai-stream';
 *
 * pollUntilTerminal({
 *   first: client.threads.runs.retrieveWithHeaders(runId, { thread_id }),
 *   retrieve: () => client.threads.runs.retrieveWithHeaders(runId, { thread_id }),
 *   isTerminal: (run) => run.status !== 'queued' && run.status !== 'in_progress',
 * }).subscribe((run) => console.log(run.status));
 */
export function pollUntilTerminal<T>(options: PollUntilTerminalOptions<T>): Observable<T> {
  const fallback = options.defaultIntervalMs ?? 1000;
  const firstWait = options.firstIntervalMs;
  const wait = (polled: Polled<T>, index: number) =>
    options.pollIntervalMs ?? (index === 0 && firstWait !== undefined ? firstWait : (pollAfterMs(polled.headers) ?? fallback));
  // One answer per request (a retrieve that stays open, or answers twice, neither holds the end nor starts a
  // second loop), and the end at the terminal state, whatever the request that gave it does next.
  // A request that completes without a state would end the polling on a state that is not final, as if it were:
  // RxJS's `EmptyError` says so instead (the `first` or `retrieve` given is at fault).
  const oneState = first<Polled<T>>();
  return options.first.pipe(
    oneState,
    expand((polled, index) =>
      options.isTerminal(polled.data)
        ? EMPTY
        : after(wait(polled, index), options.scheduler ?? asyncScheduler).pipe(switchMap(() => options.retrieve().pipe(oneState))),
    ),
    takeWhile((polled) => !options.isTerminal(polled.data), true),
    map((polled) => polled.data),
  );
}

/**
 * Emits once, `ms` from now: a wait longer than a timer takes (a server's `openai-poll-after-ms` of days) is waited
 * for in steps, not cut to nothing, and `Infinity` never ends (RxJS's `timer` fires at once past about 24.8 days).
 */
function after(ms: number, scheduler: SchedulerLike): Observable<void> {
  return new Observable<void>((subscriber) =>
    scheduleAfter(scheduler, ms, () => {
      subscriber.next();
      subscriber.complete();
    }),
  );
}

/**
 * The server's requested wait before the next poll (`openai-poll-after-ms`), if it sent a valid one.
 *
 * @example
 * pollAfterMs(new Headers({ 'openai-poll-after-ms': '500' })); // 500
 */
export function pollAfterMs(headers: Headers | undefined): number | undefined {
  const value = Number.parseInt(headers?.get('openai-poll-after-ms') ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

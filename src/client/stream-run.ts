import {
  catchError,
  concat,
  concatMap,
  defer,
  distinctUntilKeyChanged,
  EMPTY,
  from,
  last,
  map,
  type Observable,
  of,
  skip,
  switchMap,
  tap,
  throwError,
  timer,
  toArray,
} from 'rxjs';
import { APIConnectionError, APIError } from '../errors/api-errors.js';
import { IncompleteStreamError, StreamNotEstablishedError, StreamTimeoutError } from '../errors/stream-errors.js';
import { pollUntilTerminal } from '../polling/poll-until-terminal.js';
import { RUN_POLL_TERMINAL_STATUSES } from '../polling/terminal-states.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { Message, Run, RunStep, Thread } from '../wire/assistants.js';
import type { RequestOptions } from './options.js';
import type { WithHeaders } from './readers.js';
import { deliveredEvents } from './recovery/delivered-events.js';
import { missingEvents } from './recovery/missing-events.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import { createRunOnce, type KnownRun, mayHaveCreated, type RunLookupApi, runCall } from './run-attempts.js';
import { runStream } from './run-stream.js';
import type { RequestSpec, Transport } from './transport.js';

/**
 * What the client tells `onRecover` when a cut run stream is being completed by polling.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }, {
 *   onRecover: (info) => console.warn(`run ${info.runId} cut after ${info.receivedEvents} events`, info.reason),
 * });
 */
export interface StreamRecoveryInfo {
  /** Why the stream was cut: an `IncompleteStreamError` or a `StreamTimeoutError`. */
  readonly reason: unknown;
  readonly runId: string;
  readonly threadId: string;
  /** How many events the stream had delivered. */
  readonly receivedEvents: number;
}

/**
 * What the client tells `onFallback` when it creates the run without streaming instead.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }, {
 *   fallbackToPolling: true,
 *   onFallback: (info) => console.warn('streaming unavailable, polling instead', info.reason),
 * });
 */
export interface StreamFallbackInfo {
  /** Why streaming could not be established. */
  readonly reason: unknown;
}

/**
 * Options of the streaming run methods on top of {@link RequestOptions}.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }, {
 *   idleTimeout: 30_000,
 *   pollIntervalMs: 500,
 *   onRecover: ({ runId, receivedEvents }) => console.warn('recovering', runId, receivedEvents),
 * });
 */
export interface RunStreamOptions extends RequestOptions {
  /** Called when a cut stream is being completed by polling (see `recoverStreams`). */
  onRecover?: (info: StreamRecoveryInfo) => void;
  /** Called when the run is created without streaming (see `fallbackToPolling`). */
  onFallback?: (info: StreamFallbackInfo) => void;
  /** Poll interval during recovery and fallback. Default: the server's `openai-poll-after-ms`, else the client's. */
  pollIntervalMs?: number;
}

/**
 * The plain calls recovery and fallback need. @internal
 *
 * @example
 * api.retrieveRun(runId, threadId).subscribe(({ data }) => console.log(data.status));
 * api.latestRun(threadId).subscribe((run) => console.log(run?.id));
 */
export interface RunStreamApi extends RunLookupApi {
  listSteps(runId: string, threadId: string, options?: RequestOptions): Observable<RunStep>;
  listMessages(threadId: string, runId: string, options?: RequestOptions): Observable<Message>;
  retrieveThread(threadId: string, options?: RequestOptions): Observable<Thread>;
}

/**
 * A streaming run call with the reliability rules: retries only before the response is accepted, and after a
 * failure that may have come after the API created the run, only once the run is known not to exist (every
 * attempt carries the same `Idempotency-Key`; the run is recognised by its call's marker in its metadata, see
 * `RUN_CALL_METADATA_KEY`); a stream cut after its run is known is completed by polling that run and emitting
 * the missed events (`recoverStreams`, default on); and, with `fallbackToPolling`, a stream that cannot be
 * established becomes a non-streaming create plus polling that emits equivalent events.
 *
 * @internal
 * @example
 * streamRun(transport, api, { method: 'POST', path: `/threads/${id}/runs`, body }, options, { threadId: id });
 */
export function streamRun(
  transport: Transport,
  api: RunStreamApi,
  spec: RequestSpec,
  options: RunStreamOptions | undefined,
  known: KnownRun,
): Observable<AssistantStreamEvent> {
  const recover = options?.recoverStreams ?? transport.options.recoverStreams;
  const fallback = options?.fallbackToPolling ?? transport.options.fallbackToPolling;
  const pollIntervalMs = options?.pollIntervalMs;
  const scheduler = options?.scheduler ?? transport.options.scheduler;
  return defer(() => {
    // One call per subscription: its idempotency key, its marker, and how to find the run it created.
    const call = runCall(api, spec, options, known);
    // What this subscription has emitted so far, to know what a cut stream missed.
    const delivered = deliveredEvents();
    let emitted = 0;
    const track = tap<AssistantStreamEvent>((event) => {
      emitted++;
      delivered.observe(event);
    });

    const pollRun = (run: WithHeaders<Run>) =>
      pollUntilTerminal<Run>({
        first: of(run),
        retrieve: () => api.retrieveRun(run.data.id, run.data.thread_id, options),
        isTerminal: (r) => RUN_POLL_TERMINAL_STATUSES.has(r.status),
        pollIntervalMs,
        defaultIntervalMs: transport.options.pollIntervalMs,
        scheduler,
      });

    // Once the run is final: read its steps and messages and emit what the stream did not deliver.
    const completeFrom = (finalRun: Run) =>
      api.listSteps(finalRun.id, finalRun.thread_id, options).pipe(
        toArray(),
        switchMap((steps) =>
          api.listMessages(finalRun.thread_id, finalRun.id, options).pipe(
            toArray(),
            concatMap((messages) => defer(() => from(missingEvents(delivered.state(), finalRun, steps, messages)))),
          ),
        ),
      );

    const recover$ = (reason: unknown, runId: string, threadId: string) => {
      options?.onRecover?.({ reason, runId, threadId, receivedEvents: emitted });
      return api.retrieveRun(runId, threadId, options).pipe(
        switchMap((run) => pollRun(run).pipe(last())),
        switchMap(completeFrom),
      );
    };

    const fallback$ = (reason: unknown) => {
      options?.onFallback?.({ reason });
      const { stream: _stream, ...body } = (spec.body ?? {}) as Record<string, unknown>;
      void _stream;
      // Another request (no stream), so another idempotency key and marker; created once all the same.
      const createOptions = { ...options, idempotencyKey: `${call.options.idempotencyKey}-poll` };
      const create$ = createRunOnce(transport, api, { ...spec, body }, createOptions, known);
      return create$.pipe(
        switchMap((created) =>
          concat(
            known.threadId === undefined && known.runId === undefined
              ? api.retrieveThread(created.data.thread_id, options).pipe(map(threadCreated))
              : EMPTY,
            known.runId === undefined ? of(runEvent(created.data, 'created')) : EMPTY,
            pollRun(created).pipe(
              skip(1),
              distinctUntilKeyChanged('status'),
              concatMap((run) => (RUN_POLL_TERMINAL_STATUSES.has(run.status) ? completeFrom(run) : of(runEvent(run)))),
            ),
          ),
        ),
      );
    };

    const maxRetries = options?.maxRetries ?? transport.options.maxRetries;
    const attempt$ = (n: number): Observable<AssistantStreamEvent> =>
      defer(() =>
        runStream(transport, call.spec, { ...call.options, maxRetries: 0 }).pipe(
          track,
          catchError((error: unknown) => {
            if (emitted > 0) return throwError(() => error);
            if (n < maxRetries && isRetryableStart(error)) {
              const wait$ = timer(retryDelayMs(n, error instanceof APIError ? error.headers : undefined), scheduler);
              if (!mayHaveCreated(error)) return wait$.pipe(switchMap(() => attempt$(n + 1)));
              // The server may have created the run before failing: adopt it rather than create a second one.
              return wait$.pipe(
                switchMap(() => call.createdRun()),
                switchMap((run) =>
                  run ? recover$(error, run.id, run.thread_id).pipe(track) : run === undefined ? attempt$(n + 1) : throwError(() => error),
                ),
              );
            }
            return throwError(() => error);
          }),
        ),
      );

    return attempt$(0).pipe(
      catchError((error: unknown) => {
        if (recover && isCut(error)) {
          const run = delivered.state().currentRun;
          const runId = run?.id ?? known.runId;
          const threadId = run?.thread_id ?? known.threadId;
          if (runId !== undefined && threadId !== undefined) return recover$(error, runId, threadId).pipe(track);
          // Cut before the first event: the run may exist all the same.
          return call.createdRun().pipe(
            switchMap((found) => (found ? recover$(error, found.id, found.thread_id) : throwError(() => error))),
            track,
          );
        }
        if (fallback && emitted === 0 && cannotStream(error)) {
          // Same care as for retries: adopt a run the failed attempt created instead of creating another.
          const check$ = mayHaveCreated(error) ? call.createdRun() : of(undefined);
          return check$.pipe(
            switchMap((run) =>
              run ? recover$(error, run.id, run.thread_id) : run === undefined ? fallback$(error) : throwError(() => error),
            ),
            track,
          );
        }
        return throwError(() => error);
      }),
    );
  });
}

/** A start failure worth another attempt (the transport's retry policy, with headers and body timeouts included). */
function isRetryableStart(error: unknown): boolean {
  return isRetryable(error, 'POST') || (error instanceof StreamTimeoutError && (error.kind === 'headers' || error.kind === 'body'));
}

function isCut(error: unknown): boolean {
  return error instanceof IncompleteStreamError || (error instanceof StreamTimeoutError && (error.kind === 'idle' || error.kind === 'first-event'));
}

/**
 * Failures that mean "streaming does not work here", as opposed to "the request is wrong".
 *
 * @internal
 * @example
 * if (cannotStream(error)) return createWithoutStreaming();
 */
export function cannotStream(error: unknown): boolean {
  return (
    error instanceof StreamNotEstablishedError ||
    error instanceof APIConnectionError ||
    (error instanceof StreamTimeoutError && (error.kind === 'headers' || error.kind === 'body')) ||
    (error instanceof APIError && error.status >= 500)
  );
}

function runEvent(run: Run, status: string = run.status): AssistantStreamEvent {
  return { event: `thread.run.${status}`, data: run } as AssistantStreamEvent;
}

function threadCreated(thread: Thread): AssistantStreamEvent {
  return { event: 'thread.created', data: thread };
}

/**
 * Assistants run streams in the client: decoded by `assistantEvents()`; settled by the run's final event; a
 * failed start is retried only once the run is known not to exist (the run is recognised by its call's marker,
 * see `RUN_CALL_METADATA_KEY`, and adopted); a cut stream is completed by polling the run to its final state and
 * emitting the events it did not deliver; the fallback creates the run without streaming and polls it.
 */
import { concat, concatMap, defer, distinctUntilKeyChanged, EMPTY, from, last, map, type Observable, of, skip, switchMap, toArray } from 'rxjs';
import { assistantEvents } from '../../assistants/assistant-events.js';
import { AFTER_CREATE, pollUntilTerminal } from '../../polling/poll-until-terminal.js';
import { isSettledRunStatus } from '../../assistants/run-statuses.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, Run, RunStep, Thread } from '../../wire/assistants.js';
import { runCheck } from '../body-checks.js';
import { answeredWithoutStream } from '../layers/fall-back.js';
import type { RequestOptions } from '../options.js';
import type { WithHeaders } from '../readers.js';
import { deliveredEvents, type DeliveredState } from '../recovery/delivered-events.js';
import { missingEvents } from '../recovery/missing-events.js';
import { createRunOnce, isRunCallRetryable, type KnownRun, mayHaveCreated, type RunLookupApi, runCall, submittedCallIds } from '../run-attempts.js';
import { isPathId, type RequestSpec, stepOptions, type Transport } from '../transport.js';
import type { ClientProtocol } from './protocol.js';

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
  onRecover?: ((info: StreamRecoveryInfo) => void) | undefined;
  /** Called when the run is created without streaming (see `fallbackToPolling`). */
  onFallback?: ((info: StreamFallbackInfo) => void) | undefined;
  /** Poll interval during recovery and fallback. Default: the server's `openai-poll-after-ms`, else the client's. */
  pollIntervalMs?: number | undefined;
}

/**
 * The plain calls recovery and fallback need. @internal
 *
 * @example
 * api.retrieveRun(runId, threadId).subscribe(({ data }) => console.log(data.status));
 * api.recentRuns(threadId, 20).subscribe((runs) => console.log(runs[0]?.id));
 */
export interface RunStreamApi extends RunLookupApi {
  listSteps(runId: string, threadId: string, options?: RequestOptions): Observable<RunStep>;
  listMessages(threadId: string, runId: string, options?: RequestOptions): Observable<Message>;
  retrieveThread(threadId: string, options?: RequestOptions): Observable<Thread>;
}

/**
 * One streaming run call: the request (creating a run, or submitting tool outputs) and what is known of the run
 * before the stream says it. @internal
 *
 * @example
 * const call: RunStreamCall = { transport, api, spec: { method: 'POST', path, body }, options, known: { threadId } };
 */
export interface RunStreamCall {
  readonly transport: Transport;
  readonly api: RunStreamApi;
  readonly spec: RequestSpec;
  readonly options: RunStreamOptions | undefined;
  readonly known: KnownRun;
}

/**
 * The client's description of Assistants run streams (see `./protocol.ts`).
 *
 * @internal
 * @example
 * streamCall(transport, assistantsProtocol, { transport, api, spec, options, known: { threadId } });
 */
export const assistantsProtocol: ClientProtocol<AssistantStreamEvent, RunStreamCall> = {
  decode: (response) => assistantEvents(response),
  nameOf: (event) => event.event,
  start: ({ transport, api, spec, options, known }, received) => {
    const recoverStreams = options?.recoverStreams ?? transport.options.recoverStreams;
    const fallbackToPolling = options?.fallbackToPolling ?? transport.options.fallbackToPolling;
    const scheduler = options?.scheduler ?? transport.options.scheduler;
    // One call per subscription: its idempotency key, its marker, and how to find the run it created.
    const call = runCall(api, spec, options, known);
    // What this subscription has delivered, to know what a cut stream missed.
    const delivered = deliveredEvents();
    // A stream continuing a run after tool outputs: the tool calls it answers (the run's earlier steps are not its own).
    const submitted = known.runId === undefined ? undefined : submittedCallIds(spec.body);

    // From `run` (with `AFTER_CREATE` when it is a create's answer) to its final state.
    const pollRun = (run: WithHeaders<Run>, { runId, threadId }: Followed, firstIntervalMs?: number) =>
      pollUntilTerminal<Run>({
        first: of(run),
        retrieve: () => api.retrieveRun(runId, threadId, options),
        isTerminal: (r) => isSettledRunStatus(r.status),
        pollIntervalMs: options?.pollIntervalMs,
        defaultIntervalMs: transport.options.pollIntervalMs,
        firstIntervalMs,
        scheduler,
      });

    // Once the run is final: read its steps and messages and emit what the stream did not deliver.
    // A final run of other ids than the followed one's (a server's answer with ids that name nothing) cannot tell
    // which steps and messages are its own: the failure that started the recovery stands.
    // `before`: what the stream delivered, when that is not the last word (recovery's own start events came since).
    const completeFrom = (finalRun: Run, { runId, threadId }: Followed, reason: unknown, before?: DeliveredState) =>
      finalRun.id !== runId || finalRun.thread_id !== threadId
        ? rethrow(reason)
        : api.listSteps(runId, threadId, options).pipe(
            toArray(),
            switchMap((steps) =>
              api.listMessages(threadId, runId, options).pipe(
                toArray(),
                concatMap((messages) => defer(() => from(missingEvents(before ?? delivered.state(), finalRun, steps, messages, submitted)))),
              ),
            ),
          );

    // The events a stream begins with that this one did not deliver (it was cut, or lost, before them): the
    // thread this call made (`createAndRunStream`) and the run, as first found, so a consumer learns the run's id
    // from `thread.run.created` as from a stream. A stream continuing a run (tool outputs) begins with neither.
    const startEvents = (run: Run, { threadId }: Followed, state: DeliveredState): Observable<AssistantStreamEvent> => {
      if (known.runId !== undefined) return EMPTY;
      const thread$ =
        known.threadId === undefined && state.createdThreadId === undefined
          ? api.retrieveThread(threadId, options).pipe(map(threadCreated))
          : EMPTY;
      return concat(thread$, state.currentRun === undefined ? of(runEvent(run, 'created')) : EMPTY);
    };

    const recoverRun = (reason: unknown, runId: string, threadId: string) => {
      // Ids a server sent that name no object (`""`): nothing to look up, the failure stands.
      if (!isPathId(runId) || !isPathId(threadId)) return rethrow(reason);
      options?.onRecover?.({ reason, runId, threadId, receivedEvents: received() });
      const ids = { runId, threadId };
      return api.retrieveRun(runId, threadId, options).pipe(
        switchMap((run) => {
          // What the stream delivered: the missing events are reckoned from it, not from the start events below
          // (whose run may be final already, and must still get its final event).
          const before = delivered.state();
          return concat(
            startEvents(run.data, ids, before),
            pollRun(run, ids).pipe(
              last(),
              switchMap((final) => completeFrom(final, ids, reason, before)),
            ),
          );
        }),
      );
    };

    // The run a failed attempt created, recovered; `undefined`: none; `null`: cannot tell. A server that does not
    // stream answered with it; else it is looked up.
    const adopt = (reason: unknown) => {
      const answered = answeredWithoutStream(reason, runCheck, 'thread.run');
      return (answered ? of(answered) : call.createdRun()).pipe(
        map((run) => (run ? recoverRun(reason, known.runId ?? run.id, known.threadId ?? run.thread_id) : run)),
      );
    };

    const createAndPoll = (reason: unknown) => {
      const { stream: _stream, ...body } = (spec.body ?? {}) as Record<string, unknown>;
      void _stream;
      // Another request (no stream), so another idempotency key and marker; created once all the same.
      const createOptions = stepOptions(call.options, 'poll');
      return followCreated(reason, createRunOnce(transport, api, { ...spec, body }, createOptions, known));
    };

    // The fallback from the run a create answered with (its own, or the stream's request's when a server that does
    // not stream answered it): its start events, one per status change, then what the run made.
    const followCreated = (reason: unknown, created$: Observable<WithHeaders<Run>>) => {
      options?.onFallback?.({ reason });
      return created$.pipe(
        switchMap((created) => {
          // The run is followed by its ids (the call's own when it knew them): without ones that name it, the
          // stream's failure stands.
          const ids = { runId: known.runId ?? created.data.id, threadId: known.threadId ?? created.data.thread_id };
          if (!isPathId(ids.runId) || !isPathId(ids.threadId)) return rethrow(reason);
          // What was delivered before the start events below (nothing: the fallback comes before any event), which
          // the missing events are reckoned from: a run final already (adopted late, or a server's answer) still
          // gets its steps, messages and final event.
          const before = delivered.state();
          return concat(
            startEvents(created.data, ids, before),
            pollRun(created, ids, AFTER_CREATE).pipe(
              // The created state was told above, unless it is final: then it is the one to complete from.
              skip(isSettledRunStatus(created.data.status) ? 0 : 1),
              distinctUntilKeyChanged('status'),
              concatMap((run) => (isSettledRunStatus(run.status) ? completeFrom(run, ids, reason, before) : of(runEvent(run)))),
            ),
          );
        }),
      );
    };

    return {
      request: { spec: { ...call.spec, body: { ...(call.spec.body as object), stream: true } }, options: { ...call.options, maxRetries: 0 } },
      retry: {
        maxRetries: options?.maxRetries ?? transport.options.maxRetries,
        scheduler,
        // The transport's policy, with headers and body timeouts: a run found by its marker is adopted.
        isRetryable: isRunCallRetryable,
        mayHaveCreated,
        adopt,
        pendingTasks: transport.options.pendingTasks,
      },
      fallback: fallbackToPolling
        ? (reason) => {
            // A server that does not stream answered with the run: followed as the fallback's own create would be.
            const answered = answeredWithoutStream(reason, runCheck, 'thread.run');
            if (answered) return followCreated(reason, of({ data: answered, headers: new Headers() }));
            // Same care as for retries: adopt a run the failed attempt created instead of creating another.
            return (mayHaveCreated(reason) ? adopt(reason) : of(undefined)).pipe(
              switchMap((adopted) => adopted ?? (adopted === undefined ? createAndPoll(reason) : rethrow(reason))),
            );
          }
        : undefined,
      recover: recoverStreams
        ? (reason) => {
            const run = delivered.state().currentRun;
            // The ids the call knew, else those the stream told (a server's that name no object are none), as the
            // fallback follows its run.
            const runId = known.runId ?? (isPathId(run?.id) ? run.id : undefined);
            const threadId = known.threadId ?? (isPathId(run?.thread_id) ? run.thread_id : undefined);
            if (runId !== undefined && threadId !== undefined) return recoverRun(reason, runId, threadId);
            // Cut after `thread.created` of a thread this call made (`createAndRunStream`): the server created its run
            // with it, and it is the thread's only run.
            const createdThread = delivered.state().createdThreadId;
            if (isPathId(createdThread) && known.threadId === undefined) {
              return api.recentRuns(createdThread, 1, options).pipe(
                switchMap(([created]) => (created ? recoverRun(reason, created.id, createdThread) : rethrow(reason))),
              );
            }
            // Cut before the first event: the run may exist all the same.
            return adopt(reason).pipe(switchMap((adopted) => adopted ?? rethrow(reason)));
          }
        : undefined,
      observe: delivered.observe,
    };
  },
};

/** The run a recovery or the fallback follows: by the ids it was looked up with (a server's answer may carry others). */
interface Followed {
  readonly runId: string;
  readonly threadId: string;
}

function rethrow(reason: unknown): Observable<never> {
  return defer(() => {
    throw reason;
  });
}

function runEvent(run: Run, status: string = run.status): AssistantStreamEvent {
  return { event: `thread.run.${status}`, data: run } as AssistantStreamEvent;
}

function threadCreated(thread: Thread): AssistantStreamEvent {
  return { event: 'thread.created', data: thread };
}

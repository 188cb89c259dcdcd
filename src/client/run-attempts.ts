import { defer, map, type Observable, of } from 'rxjs';
import { APIConnectionError, APIError } from '../errors/api-errors.js';
import { StreamNotEstablishedError, StreamTimeoutError } from '../errors/stream-errors.js';
import { callEnds } from './abort-on.js';
import { runCheck } from './body-checks.js';
import type { Run } from '../wire/assistants.js';
import type { RequestOptions } from './options.js';
import { readJSONWithHeaders, type WithHeaders } from './readers.js';
import { retryStart } from './layers/retry-start.js';
import { isRetryable } from './retry-policy.js';
import { type RequestSpec, type Transport, withCallKey } from './transport.js';

/**
 * The metadata key under which a run created by this client records the `Idempotency-Key` of its call, so that
 * after a failure that may have come after the API created the run (a proxy's 502, a connection cut), the client
 * recognises that run among the thread's runs and adopts it instead of creating a second one. It works against
 * the real API, which keeps metadata; it is added only when the run's metadata has room (fewer than 16 keys) and
 * the caller did not set it.
 *
 * @example
 * client.threads.runs.createAndPoll(threadId, { assistant_id }).pipe(last())
 *   .subscribe((run) => console.log(run.metadata?.[RUN_CALL_METADATA_KEY])); // 'rx-openai-stream-retry-...'
 */
export const RUN_CALL_METADATA_KEY = 'rx_openai_stream_call';

/** How many of the thread's newest runs are searched for the marker. */
const RECENT_RUNS = 20;

/**
 * The plain calls the adoption check needs. @internal
 *
 * @example
 * api.recentRuns(threadId).subscribe((runs) => console.log(runs.length));
 */
export interface RunLookupApi {
  retrieveRun(runId: string, threadId: string, options?: RequestOptions): Observable<WithHeaders<Run>>;
  /** The thread's newest runs, newest first. */
  recentRuns(threadId: string, limit: number, options?: RequestOptions): Observable<readonly Run[]>;
}

/**
 * What is known about the run before the request says it: set for `submitToolOutputs*`. @internal
 *
 * @example
 * streamRun(transport, api, { method: 'POST', path, body }, options, { threadId: thread_id, runId });
 */
export interface KnownRun {
  threadId?: string | undefined;
  runId?: string | undefined;
}

/**
 * One call that creates (or continues) a run, as every attempt of it sends it: the same `Idempotency-Key`, and
 * for a run created on a known thread the key recorded in the run's metadata. @internal
 *
 * @example
 * const call = runCall(api, spec, options, { threadId });
 * transport.request(call.spec, { ...call.options, maxRetries: 0 }, read);
 * call.createdRun().subscribe((run) => console.log(run ? 'adopt' : run === undefined ? 'retry' : 'cannot tell'));
 */
export interface RunCall {
  readonly spec: RequestSpec;
  readonly options: RequestOptions;
  /**
   * Whether a failed attempt created (or continued) the run after all: the run, `undefined` when it did not,
   * `null` when the client cannot tell (then it must not try again).
   */
  createdRun(): Observable<Run | undefined | null>;
}

/**
 * Prepares a run call (one per subscription). @internal
 *
 * @example
 * const call = runCall(api, { method: 'POST', path: `/threads/${threadId}/runs`, body }, options, { threadId });
 */
export function runCall(api: RunLookupApi, spec: RequestSpec, options: RequestOptions | undefined, known: KnownRun): RunCall {
  const callOptions = withCallKey(options);
  const key = callOptions.idempotencyKey;
  const { threadId, runId } = known;
  if (runId !== undefined && threadId !== undefined) {
    const submitted = submittedCallIds(spec.body);
    return {
      spec,
      options: callOptions,
      // Tool outputs were accepted if the run no longer waits for them: it does not require action, or it requires
      // it for other calls (a next round, which came quickly).
      createdRun: () => api.retrieveRun(runId, threadId, options).pipe(map(({ data }) => (waitsFor(data, submitted) ? undefined : data))),
    };
  }
  const body = (spec.body ?? {}) as Record<string, unknown>;
  const metadata = body['metadata'];
  const entries = metadata && typeof metadata === 'object' ? Object.keys(metadata) : [];
  const marked =
    threadId !== undefined &&
    (metadata === undefined || metadata === null || (typeof metadata === 'object' && !Array.isArray(metadata))) &&
    entries.length < 16 &&
    !entries.includes(RUN_CALL_METADATA_KEY) &&
    key.length <= 512;
  if (!marked) return { spec, options: callOptions, createdRun: () => of(null) };
  return {
    spec: { ...spec, body: { ...body, metadata: { ...(metadata as object | null), [RUN_CALL_METADATA_KEY]: key } } },
    options: callOptions,
    createdRun: () =>
      api
        .recentRuns(threadId, RECENT_RUNS, options)
        .pipe(map((runs) => runs.find((run) => run.metadata?.[RUN_CALL_METADATA_KEY] === key))),
  };
}

/**
 * The `tool_call_id`s of a submission's `tool_outputs` (the body of `submit_tool_outputs`). @internal
 *
 * @example
 * submittedCallIds({ tool_outputs: [{ tool_call_id: 'call_1', output: 'sunny' }] }); // Set { 'call_1' }
 */
export function submittedCallIds(body: unknown): ReadonlySet<string> {
  const outputs = typeof body === 'object' && body !== null ? (body as { tool_outputs?: unknown }).tool_outputs : undefined;
  const ids = Array.isArray(outputs) ? outputs.map((output) => (output as { tool_call_id?: unknown } | null)?.tool_call_id) : [];
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

/** Whether `run` still waits for outputs of one of the `submitted` calls (all of its calls when none is known). */
function waitsFor(run: Run, submitted: ReadonlySet<string>): boolean {
  if (run.status !== 'requires_action') return false;
  const calls: unknown = run.required_action?.submit_tool_outputs?.tool_calls;
  if (submitted.size === 0 || !Array.isArray(calls)) return true;
  // Read defensively: the run's check does not look into the required action.
  return calls.some((call) => submitted.has((call as { id?: unknown } | null)?.id as string));
}

/**
 * Whether the server may have created the run although the attempt failed: a 5xx (a proxy's 502 or 504 may
 * come after the API accepted the request), a connection that broke after connecting, a headers or body
 * timeout, or a 200 answer that was not an event stream. 429, 408 and 409 are refusals; a refused connection
 * sent nothing.
 *
 * @internal
 * @example
 * mayHaveCreated(new InternalServerError(502, headers, body)); // true
 */
export function mayHaveCreated(error: unknown): boolean {
  if (error instanceof APIError) return error.status >= 500;
  if (error instanceof APIConnectionError) {
    // Node's fetch tells a refused connection in its error's cause (`fetch failed`, then the socket's error), whose
    // message the connection error quotes; a browser's fetch does not tell it.
    const socket = (error.cause as { cause?: { code?: unknown } } | undefined)?.cause;
    return socket?.code !== 'ECONNREFUSED' && !error.message.includes('ECONNREFUSED');
  }
  return error instanceof StreamTimeoutError || error instanceof StreamNotEstablishedError;
}

/**
 * A non-streaming run call (create, create-and-run, submit tool outputs) with retries that never make a second
 * run: after a failure that may have come after the API acted, the run is looked up by its call's marker (see
 * {@link RUN_CALL_METADATA_KEY}) and adopted; it is sent again only when it is known not to exist, and the error
 * is reported when the client cannot tell. Every attempt carries the same `Idempotency-Key`. @internal
 *
 * @example
 * createRunOnce(transport, api, { method: 'POST', path: `/threads/${threadId}/runs`, body }, options, { threadId });
 */
export function createRunOnce(
  transport: Transport,
  api: RunLookupApi,
  spec: RequestSpec,
  options: RequestOptions | undefined,
  known: KnownRun,
): Observable<WithHeaders<Run>> {
  return defer(() => {
    const call = runCall(api, spec, options, known);
    return transport.request(call.spec, { ...call.options, maxRetries: 0 }, readJSONWithHeaders(runCheck)).pipe(
      // The run streams' retry (`retryStart`), adopting the run found by its marker.
      retryStart({
        maxRetries: options?.maxRetries ?? transport.options.maxRetries,
        scheduler: options?.scheduler ?? transport.options.scheduler,
        isRetryable: isRunCallRetryable,
        mayHaveCreated,
        pendingTasks: transport.options.pendingTasks,
        // By the ids the call knows, else the found run's.
        adopt: () => call.createdRun().pipe(map((run) => run && api.retrieveRun(known.runId ?? run.id, known.threadId ?? run.thread_id, options))),
      }),
      // The caller's signal ends the backoff between attempts too, not only a request under way.
      callEnds(transport, options?.signal),
    );
  });
}

/**
 * Whether a run call's failed attempt is worth another (after the run it may have created is looked up): the
 * transport's policy for a POST, and a headers or body timeout too, since the marker tells whether the run exists.
 *
 * @internal
 * @example
 * isRunCallRetryable(new StreamTimeoutError('headers', 30_000)); // true
 */
export function isRunCallRetryable(error: unknown): boolean {
  return isRetryable(error, 'POST') || (error instanceof StreamTimeoutError && (error.kind === 'headers' || error.kind === 'body'));
}

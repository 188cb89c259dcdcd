import { defer, map, type Observable } from 'rxjs';
import { listPageCheck, messageCheck, runCheck, runStepCheck, threadCheck } from '../body-checks.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, Run, RunStep, Thread } from '../../wire/assistants.js';
import type { ListPage } from '../../wire/list-page.js';
import { AFTER_CREATE, pollUntilTerminal } from '../../polling/poll-until-terminal.js';
import { isSettledRunStatus } from '../../assistants/run-statuses.js';
import type { RequestOptions } from '../options.js';
import type {
  ListParams,
  MessageCreateParams,
  MessageListParams,
  PollOptions,
  RunCreateParams,
  RunRetrieveParams,
  StepListParams,
  SubmitToolOutputsParams,
  ThreadCreateAndRunParams,
  ThreadCreateParams,
} from '../params.js';
import { readJSON, readJSONWithHeaders, type WithHeaders } from '../readers.js';
import { holdTask } from '../hold-task.js';
import { callEnds } from '../abort-on.js';
import { createRunOnce, type KnownRun } from '../run-attempts.js';
import { assistantsProtocol, type RunStreamApi, type RunStreamOptions } from '../protocols/assistants.js';
import { streamCall } from '../stream-call.js';
import { paginate } from './paginate.js';
import { enc, type RequestSpec, type Transport } from '../transport.js';

const MessagesPage = listPageCheck(messageCheck);
const RunsPage = listPageCheck(runCheck);
const StepsPage = listPageCheck(runStepCheck);

/**
 * `client.threads.messages`.
 *
 * @example
 * client.threads.messages.create(threadId, { role: 'user', content: 'Hi' }).subscribe((m) => console.log(m.id));
 */
export interface MessagesResource {
  /** `POST /threads/{id}/messages`. @example client.threads.messages.create(threadId, { role: 'user', content: 'Hi' }); */
  create(threadId: string, body: MessageCreateParams, options?: RequestOptions): Observable<Message>;
  /** `GET /threads/{id}/messages`: one page. @example client.threads.messages.list(threadId, { order: 'asc' }); */
  list(threadId: string, query?: MessageListParams, options?: RequestOptions): Observable<ListPage<Message>>;
  /** Every message of the thread, page after page, one emission each. @example client.threads.messages.listAll(threadId).pipe(toArray()); */
  listAll(threadId: string, query?: MessageListParams, options?: RequestOptions): Observable<Message>;
}

/**
 * `client.threads.runs.steps`.
 *
 * @example
 * client.threads.runs.steps.listAll(runId, { thread_id }).pipe(toArray()).subscribe((steps) => console.log(steps.length));
 */
export interface StepsResource {
  /** `GET /threads/{thread_id}/runs/{id}/steps`: one page. @example client.threads.runs.steps.list(runId, { thread_id }); */
  list(runId: string, params: StepListParams, options?: RequestOptions): Observable<ListPage<RunStep>>;
  /** Every step of the run, one emission each. @example client.threads.runs.steps.listAll(runId, { thread_id }); */
  listAll(runId: string, params: StepListParams, options?: RequestOptions): Observable<RunStep>;
}

/**
 * `client.threads.runs`.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }).pipe(finalRun()).subscribe((run) => console.log(run.status));
 */
export interface RunsResource {
  readonly steps: StepsResource;
  /** `POST /threads/{id}/runs` without streaming. @example client.threads.runs.create(threadId, { assistant_id }); */
  create(threadId: string, body: RunCreateParams, options?: RequestOptions): Observable<Run>;
  /** `GET /threads/{thread_id}/runs/{id}`. @example client.threads.runs.retrieve(runId, { thread_id }); */
  retrieve(runId: string, params: RunRetrieveParams, options?: RequestOptions): Observable<Run>;
  /** `GET /threads/{id}/runs`: one page. @example client.threads.runs.list(threadId, { limit: 5 }); */
  list(threadId: string, query?: ListParams, options?: RequestOptions): Observable<ListPage<Run>>;
  /** `POST /threads/{thread_id}/runs/{id}/cancel`. @example client.threads.runs.cancel(runId, { thread_id }); */
  cancel(runId: string, params: RunRetrieveParams, options?: RequestOptions): Observable<Run>;
  /** Submits tool outputs without streaming. @example client.threads.runs.submitToolOutputs(runId, { thread_id, tool_outputs }); */
  submitToolOutputs(runId: string, params: SubmitToolOutputsParams, options?: RequestOptions): Observable<Run>;
  /**
   * Creates a run and streams its events. Cold: each subscription creates one run; unsubscribing aborts it.
   * @example client.threads.runs.stream(threadId, { assistant_id }).pipe(textDeltas()).subscribe(print);
   */
  stream(threadId: string, body: RunCreateParams, options?: RunStreamOptions): Observable<AssistantStreamEvent>;
  /**
   * Submits tool outputs and streams the run's continuation.
   * @example client.threads.runs.submitToolOutputsStream(runId, { thread_id, tool_outputs }).pipe(textDeltas());
   */
  submitToolOutputsStream(runId: string, params: SubmitToolOutputsParams, options?: RunStreamOptions): Observable<AssistantStreamEvent>;
  /**
   * Polls a run until `requires_action` or a final status, emitting every state it sees.
   * @example client.threads.runs.poll(runId, { thread_id }, { pollIntervalMs: 500 }).pipe(last());
   */
  poll(runId: string, params: RunRetrieveParams, options?: RequestOptions & PollOptions): Observable<Run>;
  /**
   * Creates a run without streaming, then polls it: emits the created run and every polled state, the last one
   * terminal (or `requires_action`).
   * @example client.threads.runs.createAndPoll(threadId, { assistant_id }).subscribe((run) => show(run.status));
   */
  createAndPoll(threadId: string, body: RunCreateParams, options?: RequestOptions & PollOptions): Observable<Run>;
  /**
   * Submits tool outputs without streaming, then polls the run like {@link RunsResource.createAndPoll}.
   * @example client.threads.runs.submitToolOutputsAndPoll(runId, { thread_id, tool_outputs });
   */
  submitToolOutputsAndPoll(runId: string, params: SubmitToolOutputsParams, options?: RequestOptions & PollOptions): Observable<Run>;
  /** `GET` of a run with its response headers (for custom polling). @example pollUntilTerminal({ first: client.threads.runs.retrieveWithHeaders(id, p), ... }); */
  retrieveWithHeaders(runId: string, params: RunRetrieveParams, options?: RequestOptions): Observable<WithHeaders<Run>>;
}

/**
 * `client.threads`.
 *
 * @example
 * client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }).subscribe((thread) => console.log(thread.id));
 */
export interface ThreadsResource {
  readonly messages: MessagesResource;
  readonly runs: RunsResource;
  /** `POST /threads`. @example client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }); */
  create(body?: ThreadCreateParams, options?: RequestOptions): Observable<Thread>;
  /** `GET /threads/{id}`. @example client.threads.retrieve(threadId); */
  retrieve(threadId: string, options?: RequestOptions): Observable<Thread>;
  /** `POST /threads/runs` without streaming. @example client.threads.createAndRun({ assistant_id, thread: { messages } }); */
  createAndRun(body: ThreadCreateAndRunParams, options?: RequestOptions): Observable<Run>;
  /**
   * Creates a thread and a run on it, streaming (the first event is `thread.created`).
   * @example client.threads.createAndRunStream({ assistant_id, thread: { messages } }).pipe(textDeltas());
   */
  createAndRunStream(body: ThreadCreateAndRunParams, options?: RunStreamOptions): Observable<AssistantStreamEvent>;
  /**
   * Creates a thread and a run without streaming, then polls the run.
   * @example client.threads.createAndRunPoll({ assistant_id, thread: { messages } }).pipe(last());
   */
  createAndRunPoll(body: ThreadCreateAndRunParams, options?: RequestOptions & PollOptions): Observable<Run>;
}

/**
 * Builds `client.threads` (messages, runs, run steps) on a transport.
 *
 * @internal
 * @example
 * const threads = threadsResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * threads.runs.createAndPoll(threadId, { assistant_id }).pipe(last()).subscribe((run) => console.log(run.status));
 */
export function threadsResource(transport: Transport): ThreadsResource {
  const get = <T>(path: string, schema: Parameters<typeof readJSON<T>>[0], options?: RequestOptions, query?: object) =>
    transport.request<T>({ method: 'GET', path, query: query as Record<string, string> }, options, readJSON(schema));
  const post = <T>(path: string, body: unknown, schema: Parameters<typeof readJSON<T>>[0], options?: RequestOptions) =>
    transport.request<T>({ method: 'POST', path, body }, options, readJSON(schema));

  const runPath = (threadId: string, runId: string) => `/threads/${enc(threadId)}/runs/${enc(runId)}`;
  const retrieveWithHeaders = (runId: string, { thread_id }: RunRetrieveParams, options?: RequestOptions) =>
    transport.request({ method: 'GET', path: runPath(thread_id, runId) }, options, readJSONWithHeaders(runCheck));
  // Polls a run: `first` starts the action (a create or a submit: `AFTER_CREATE` polls at once) or retrieves the
  // run; later requests retrieve the run it returned, by the ids the call knows (`known`), else by the answer's.
  const pollRunFrom = (
    first: Observable<WithHeaders<Run>>,
    options: (RequestOptions & PollOptions) | undefined,
    known: KnownRun,
    firstIntervalMs?: number,
  ): Observable<Run> =>
    defer(() => {
      // The run followed, from `first`'s answer on. One per subscription.
      let followed: { readonly runId: string; readonly threadId: string } | undefined;
      const remember = map((polled: WithHeaders<Run>) => {
        followed ??= { runId: known.runId ?? polled.data.id, threadId: known.threadId ?? polled.data.thread_id };
        return polled;
      });
      return pollUntilTerminal<Run>({
        first: first.pipe(remember),
        retrieve: () => retrieveWithHeaders(followed!.runId, { thread_id: followed!.threadId }, options),
        isTerminal: (run) => isSettledRunStatus(run.status),
        pollIntervalMs: options?.pollIntervalMs,
        defaultIntervalMs: transport.options.pollIntervalMs,
        firstIntervalMs,
        scheduler: options?.scheduler ?? transport.options.scheduler,
      }).pipe(callEnds(transport, options?.signal), holdTask(transport.options.pendingTasks));
    });

  const messages: MessagesResource = {
    create: (threadId, body, options) => post(`/threads/${enc(threadId)}/messages`, body, messageCheck, options),
    list: (threadId, query, options) => get(`/threads/${enc(threadId)}/messages`, MessagesPage, options, query),
    listAll: (threadId, query, options) => {
      const path = `/threads/${enc(threadId)}/messages`;
      return paginate(path, query?.after, (after) => get(path, MessagesPage, options, { ...query, after }));
    },
  };

  const steps: StepsResource = {
    list: (runId, { thread_id, ...query }, options) => get(`${runPath(thread_id, runId)}/steps`, StepsPage, options, query),
    listAll: (runId, { thread_id, ...query }, options) => {
      const path = `${runPath(thread_id, runId)}/steps`;
      return paginate(path, query.after, (after) => get(path, StepsPage, options, { ...query, after }));
    },
  };

  // The plain calls a streaming run needs to recover a cut stream or fall back to polling.
  const api: RunStreamApi = {
    retrieveRun: (runId, threadId, options) => retrieveWithHeaders(runId, { thread_id: threadId }, options),
    listSteps: (runId, threadId, options) => steps.listAll(runId, { thread_id: threadId, order: 'asc' }, options),
    listMessages: (threadId, runId, options) => messages.listAll(threadId, { run_id: runId, order: 'asc' }, options),
    retrieveThread: (threadId, options) => get(`/threads/${enc(threadId)}`, threadCheck, options),
    recentRuns: (threadId, limit, options) =>
      get(`/threads/${enc(threadId)}/runs`, RunsPage, options, { limit, order: 'desc' }).pipe(map((page) => page.data)),
  };

  // A streaming run call: see `../protocols/assistants.ts` for what makes it reliable.
  const streamRun = (spec: RequestSpec, options: RunStreamOptions | undefined, known: { threadId?: string; runId?: string }) =>
    streamCall(transport, assistantsProtocol, { transport, api, spec, options, known });

  // A run's create: `include` goes in the query (`include[]`), as the API takes it, the rest in the body.
  const createRunSpec = (threadId: string, { include, ...body }: RunCreateParams): RequestSpec => ({
    method: 'POST',
    path: `/threads/${enc(threadId)}/runs`,
    body,
    ...(include === undefined ? {} : { query: { include } }),
  });

  const runs: RunsResource = {
    steps,
    create: (threadId, body, options) =>
      createRunOnce(transport, api, createRunSpec(threadId, body), options, { threadId }).pipe(map(({ data }) => data)),
    retrieve: (runId, { thread_id }, options) => get(runPath(thread_id, runId), runCheck, options),
    list: (threadId, query, options) => get(`/threads/${enc(threadId)}/runs`, RunsPage, options, query),
    cancel: (runId, { thread_id }, options) => post(`${runPath(thread_id, runId)}/cancel`, undefined, runCheck, options),
    submitToolOutputs: (runId, { thread_id, ...body }, options) =>
      createRunOnce(transport, api, { method: 'POST', path: `${runPath(thread_id, runId)}/submit_tool_outputs`, body }, options, {
        threadId: thread_id,
        runId,
      }).pipe(map(({ data }) => data)),
    stream: (threadId, body, options) => streamRun(createRunSpec(threadId, body), options, { threadId }),
    submitToolOutputsStream: (runId, { thread_id, ...body }, options) =>
      streamRun({ method: 'POST', path: `${runPath(thread_id, runId)}/submit_tool_outputs`, body }, options, {
        threadId: thread_id,
        runId,
      }),
    poll: (runId, params, options) =>
      pollRunFrom(retrieveWithHeaders(runId, params, options), options, { runId, threadId: params?.thread_id }),
    createAndPoll: (threadId, body, options) =>
      pollRunFrom(
        createRunOnce(transport, api, createRunSpec(threadId, body), options, { threadId }),
        options,
        { threadId },
        AFTER_CREATE,
      ),
    submitToolOutputsAndPoll: (runId, { thread_id, ...body }, options) =>
      pollRunFrom(
        createRunOnce(transport, api, { method: 'POST', path: `${runPath(thread_id, runId)}/submit_tool_outputs`, body }, options, {
          threadId: thread_id,
          runId,
        }),
        options,
        { threadId: thread_id, runId },
        AFTER_CREATE,
      ),
    retrieveWithHeaders,
  };

  return {
    messages,
    runs,
    create: (body, options) => post('/threads', body ?? {}, threadCheck, options),
    retrieve: (threadId, options) => get(`/threads/${enc(threadId)}`, threadCheck, options),
    createAndRun: (body, options) =>
      createRunOnce(transport, api, { method: 'POST', path: '/threads/runs', body }, options, {}).pipe(map(({ data }) => data)),
    createAndRunStream: (body, options) => streamRun({ method: 'POST', path: '/threads/runs', body }, options, {}),
    createAndRunPoll: (body, options) =>
      pollRunFrom(createRunOnce(transport, api, { method: 'POST', path: '/threads/runs', body }, options, {}), options, {}, AFTER_CREATE),
  };
}

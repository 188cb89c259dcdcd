/**
 * Runs: `POST /threads/{thread_id}/runs`, `POST /threads/runs` (a new thread and its run), list, retrieve,
 * cancel and `submit_tool_outputs`. With `stream: true` the reply is the run's event stream, ending with
 * `event: done`; otherwise the run as it is (`queued`), and it moves on one status step at a time.
 */
import type { Run, Thread } from '../../../wire/assistants.js';
import { missingParameter, notFound } from '../api-error.js';
import type { JsonObject } from '../body.js';
import type { RunListener } from '../run-driver.js';
import type { RunAnswerLookup, RunSettings, ToolOutput } from '../run-engine.js';
import { checkStrictSchemas } from '../request-checks.js';
import { type Route, type RouteContext, scriptedAnswerOf } from '../routing.js';
import { ASSISTANTS_DONE, sseEvent, type EventSink, type SseEvent } from '../sse.js';
import type { EmulatorState } from '../state.js';
import { paginate } from '../store.js';
import {
  invalidType,
  is,
  optional,
  optionalResponseFormat,
  optionalToolChoice,
  optionalTools,
  optionalTruncation,
  requireString,
} from '../validate.js';
import { createThread } from './threads.js';

/**
 * The run settings of a create request.
 *
 * @example
 * const settings = readRunSettings(ctx.body);
 */
export function readRunSettings(body: JsonObject): RunSettings {
  return {
    model: optional(body, 'model', is.string, 'a string'),
    instructions: optional(body, 'instructions', is.stringOrNull, 'a string'),
    additionalInstructions: optional(body, 'additional_instructions', is.stringOrNull, 'a string'),
    additionalMessages: body['additional_messages'],
    tools: optionalTools(body),
    metadata: optional(body, 'metadata', is.metadata, 'an object'),
    temperature: optional(body, 'temperature', is.numberOrNull, 'a number'),
    topP: optional(body, 'top_p', is.numberOrNull, 'a number'),
    maxPromptTokens: optional(body, 'max_prompt_tokens', is.numberOrNull, 'an integer'),
    maxCompletionTokens: optional(body, 'max_completion_tokens', is.numberOrNull, 'an integer'),
    truncationStrategy: optionalTruncation(body),
    toolChoice: optionalToolChoice(body),
    parallelToolCalls: optional(body, 'parallel_tool_calls', is.boolean, 'a boolean'),
    responseFormat: optionalResponseFormat(body),
  };
}

/**
 * The listener that streams a run's events to the client, when the request asked for a stream: the stream opens
 * with the first event (so a request the API rejects is answered with its error, not a stream), starting with
 * `prelude`, and ends with `event: done` when the played timeline is over.
 */
function streamListener(ctx: RouteContext, prelude: () => readonly SseEvent[] = () => []): RunListener | undefined {
  if (optional(ctx.body, 'stream', is.boolean, 'a boolean') !== true) return undefined;
  let sink: EventSink | undefined;
  const open = (): EventSink => {
    if (!sink) {
      sink = ctx.openEventStream();
      for (const block of prelude()) sink.send(block);
    }
    return sink;
  };
  return {
    event: (event) => open().send(sseEvent(event.event, event.data)),
    end: () => {
      const stream = open();
      stream.send(ASSISTANTS_DONE);
      stream.end();
    },
  };
}

/**
 * The run of the path's `thread_id` and `run_id` (404 when either is unknown or they do not belong together).
 *
 * @example
 * const run = threadRun(ctx.state, ctx.params);
 */
export function threadRun(state: EmulatorState, params: RouteContext['params']): Run {
  const thread = state.store.threads.get(params['thread_id']!);
  const run = state.store.runs.get(params['run_id']!);
  if (run.thread_id !== thread.id) throw notFound('run', run.id);
  return run;
}

/** Takes back a thread this request created and its messages (`counted` of them were counted), uncounted. */
function forgetThread(state: EmulatorState, thread: Thread, counted: number): void {
  for (const message of state.store.messages.values((each) => each.thread_id === thread.id)) {
    state.store.messages.delete(message.id);
  }
  state.store.threads.delete(thread.id);
  state.counters.threadsCreated--;
  state.counters.messagesCreated -= counted;
}

/** The scripted answer of a run request, if any (`emulator.scriptAnswer`), asked once the run's input is known. */
function scriptedRunAnswer(ctx: RouteContext): RunAnswerLookup {
  return (facts) => scriptedAnswerOf(ctx, 'assistants', facts);
}

function readToolOutputs(body: JsonObject): ToolOutput[] {
  const list = body['tool_outputs'];
  if (list === undefined) throw missingParameter('tool_outputs');
  if (!Array.isArray(list)) throw invalidType('tool_outputs', 'an array', list);
  return list.map((item, index) => {
    const id = is.object(item) ? item['tool_call_id'] : undefined;
    const output = is.object(item) ? item['output'] : undefined;
    if (!is.string(id)) throw missingParameter(`tool_outputs[${index}].tool_call_id`);
    return { toolCallId: id, output: is.string(output) ? output : '' };
  });
}

/**
 * The runs endpoints (`/threads/runs` comes before `/threads/:thread_id/...` patterns).
 *
 * @example
 * const table = [...runRoutes];
 */
export const runRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/threads/runs',
    beta: true,
    handle: (ctx) => {
      const { state, body } = ctx;
      const assistant = state.store.assistants.get(requireString(body, 'assistant_id'));
      const settings = readRunSettings(body);
      checkStrictSchemas(body, state.options.strictRequests);
      const threadBody = optional(body, 'thread', is.object, 'an object') ?? {};
      let thread: Thread | undefined;
      const listener = streamListener(ctx, () => [sseEvent('thread.created', thread!)]);
      thread = createThread(state, threadBody);
      const counted = state.store.messages.values((message) => message.thread_id === thread!.id).length;
      try {
        return state.runs.start(thread, assistant, settings, listener, scriptedRunAnswer(ctx));
      } catch (error) {
        forgetThread(state, thread, counted); // a request that fails creates nothing
        throw error;
      }
    },
  },
  {
    method: 'POST',
    path: '/threads/:thread_id/runs',
    beta: true,
    handle: (ctx) => {
      const { state, body, params } = ctx;
      const thread = state.store.threads.get(params['thread_id']!);
      const assistant = state.store.assistants.get(requireString(body, 'assistant_id'));
      const settings = readRunSettings(body);
      checkStrictSchemas(body, state.options.strictRequests);
      return state.runs.start(thread, assistant, settings, streamListener(ctx), scriptedRunAnswer(ctx));
    },
  },
  {
    method: 'GET',
    path: '/threads/:thread_id/runs',
    beta: true,
    handle: ({ state, params, query }) => {
      const thread = state.store.threads.get(params['thread_id']!);
      return paginate(state.store.runs.values((run) => run.thread_id === thread.id), query);
    },
  },
  {
    method: 'GET',
    path: '/threads/:thread_id/runs/:run_id',
    beta: true,
    handle: ({ state, params }) => threadRun(state, params),
  },
  {
    method: 'POST',
    path: '/threads/:thread_id/runs/:run_id/cancel',
    beta: true,
    handle: ({ state, params }) => state.runs.cancel(threadRun(state, params)),
  },
  {
    method: 'POST',
    path: '/threads/:thread_id/runs/:run_id/submit_tool_outputs',
    beta: true,
    handle: (ctx) => {
      const run = threadRun(ctx.state, ctx.params);
      return ctx.state.runs.submitToolOutputs(run, readToolOutputs(ctx.body), streamListener(ctx), scriptedRunAnswer(ctx));
    },
  },
];

/**
 * Responses: `POST /responses`, `GET /responses/{response_id}` (with `stream=true&starting_after=N` for a
 * background response's events), `POST /responses/{response_id}/cancel`, `DELETE /responses/{response_id}` and
 * `GET /responses/{response_id}/input_items`. The answer is the test's (`emulator.scriptAnswer`), else the
 * generated one (see `../completion-plan.ts`): a
 * `response` object, or with `stream: true` its events (`response.created` ... `response.completed`). Responses
 * created with `store` (the default) can be read back and continued with `previous_response_id`; streamed, such
 * a response is `in_progress` until its last event and is produced to the end even when the client's connection
 * is cut; with `background: true` they are produced over time (see `../background-responses.ts`). The
 * `responseFailed` fault makes the model fail the response (status `failed`, its stream ends with `response.failed`).
 */
import { type Route, scriptedAnswerMatch } from '../routing.js';
import { playBlocks } from '../paced-stream.js';
import {
  backgroundResponses,
  backgroundToStream,
  cancelBackground,
  dropBackground,
  followBackground,
  refuseUnstoredBackground,
  startBackground,
} from '../background-responses.js';
import { failedMidway } from '../failed-midway.js';
import { inputItemsOf, responseInputItems } from '../response-input-items.js';
import {
  MODEL_FAILURE,
  readResponsesRequest,
  rememberResponse,
  responseEvents,
  responseMemory,
  responseObject,
  scriptResponse,
  storedResponse,
} from '../responses-script.js';
import { checkModelParameters, checkParameters, checkResponsesRequest } from '../request-checks.js';
import { paginate } from '../store.js';

/**
 * The Responses endpoints.
 *
 * @example
 * const table = [...responseRoutes]; // POST /responses, GET /responses/:response_id, ...
 * // then, with the official SDK:
 * const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
 * response.output_text; // 'You said: Hi'
 */
export const responseRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/responses',
    handle: (ctx) => {
      const checks = ctx.state.options.strictRequests;
      checkParameters('responses', ctx.body, checks);
      const request = readResponsesRequest(ctx.state, ctx.body);
      checkModelParameters('responses', ctx.body, checks);
      checkResponsesRequest(ctx.body, request.texts, checks); // texts: instructions, conversation, input
      refuseUnstoredBackground(request); // a 400 takes nothing: no fault, no scripted answer, no count
      const tools = request.tools.map((tool) => tool.function.name);
      // Matched first: a `when` that throws fails the request (500) before a fault is taken for it.
      const match = scriptedAnswerMatch(ctx, 'responses', { input: request.lastUserText, tools, toolOutputs: request.toolOutputs });
      const failed = ctx.answerFault();
      // A model that fails at once gives no answer: the scripted one is kept for the next request. One that fails
      // after some output (streamed, not in the background) was giving the scripted answer: it uses it up.
      const midway = failed?.afterEvents !== undefined && request.stream && !request.background;
      const scripted = failed && !midway ? undefined : match?.take();
      const script = scriptResponse(request, failed ? { ...MODEL_FAILURE, ...failed.error } : null, scripted);
      ctx.state.counters.responsesCreated++;
      if (request.store) {
        const turn = request.conversationId !== null ? request.turnItems : inputItemsOf(ctx.body['input']);
        responseInputItems(ctx.state).set(script.id, turn);
      }
      if (request.background) {
        const queued = startBackground(ctx.state, script);
        if (!request.stream) return queued;
        followBackground(backgroundResponses(ctx.state).get(script.id)!, ctx.openEventStream('responses'), -1);
        return undefined;
      }
      if (midway && failed.afterEvents !== undefined) {
        // The model fails after some output: the first events of the answer (scripted or generated), then failed.
        const answered = { ...script, failure: null };
        const cut = failedMidway(answered, { ...MODEL_FAILURE, ...failed.error }, failed.afterEvents);
        rememberResponse(ctx.state, cut.script, responseObject(cut.script, 'in_progress'));
        playBlocks(ctx.state, ctx.openEventStream('responses'), cut.blocks, {
          settle: () => rememberResponse(ctx.state, cut.script, cut.failed),
        });
        return undefined;
      }
      const final = responseObject(script, 'final');
      if (!request.stream) {
        rememberResponse(ctx.state, script, final);
        return final;
      }
      // A stored response is `in_progress` while it streams, and is produced to its end even when the client's
      // connection is cut (it can then be retrieved once it settled), as the API does.
      rememberResponse(ctx.state, script, responseObject(script, 'in_progress'));
      playBlocks(ctx.state, ctx.openEventStream('responses'), responseEvents(script, final), {
        settle: () => rememberResponse(ctx.state, script, final),
      });
      return undefined;
    },
  },
  {
    method: 'GET',
    path: '/responses/:response_id',
    handle: ({ state, params, query, openEventStream }) => {
      const id = params['response_id']!;
      const { response } = storedResponse(state, id);
      if (query.get('stream') !== 'true') return response;
      const { live, startingAfter } = backgroundToStream(state, id, query);
      followBackground(live, openEventStream('responses'), startingAfter);
      return undefined;
    },
  },
  {
    method: 'POST',
    path: '/responses/:response_id/cancel',
    handle: ({ state, params }) => {
      const id = params['response_id']!;
      return cancelBackground(state, id, storedResponse(state, id).response);
    },
  },
  {
    method: 'DELETE',
    path: '/responses/:response_id',
    handle: ({ state, params }) => {
      const id = params['response_id']!;
      storedResponse(state, id);
      dropBackground(state, id);
      responseMemory(state).delete(id);
      responseInputItems(state).delete(id);
      return { id, object: 'response', deleted: true };
    },
  },
  {
    method: 'GET',
    path: '/responses/:response_id/input_items',
    handle: ({ state, params, query }) => {
      const id = params['response_id']!;
      storedResponse(state, id);
      const items = responseInputItems(state).get(id) ?? [];
      return paginate(items as ReadonlyArray<{ id: string }>, query);
    },
  },
];

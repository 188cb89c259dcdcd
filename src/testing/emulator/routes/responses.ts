/**
 * Responses: `POST /responses` and `GET /responses/{response_id}`. The answer is the scripted model's (see
 * `../completion-plan.ts`): a `response` object, or with `stream: true` its events (`response.created` ...
 * `response.completed`). Responses created with `store` (the default) can be read back and continued with
 * `previous_response_id`.
 */
import type { Route } from '../routing.js';
import { playBlocks } from '../paced-stream.js';
import {
  readResponsesRequest,
  rememberResponse,
  responseEvents,
  responseObject,
  scriptResponse,
  storedResponse,
} from '../responses-script.js';

/**
 * The Responses endpoints.
 *
 * @example
 * const table = [...responseRoutes]; // POST /responses, GET /responses/:response_id
 * // then, with the official SDK:
 * const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
 * response.output_text; // 'You said: Hi'
 */
export const responseRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/responses',
    handle: (ctx) => {
      const request = readResponsesRequest(ctx.state, ctx.body);
      const script = scriptResponse(request);
      const final = responseObject(script, 'final');
      rememberResponse(ctx.state, script, final);
      ctx.state.counters.responsesCreated++;
      if (!request.stream) return final;
      playBlocks(ctx.state, ctx.openEventStream('responses'), responseEvents(script, final));
      return undefined;
    },
  },
  {
    method: 'GET',
    path: '/responses/:response_id',
    handle: ({ state, params }) => storedResponse(state, params['response_id']!).response,
  },
];

/**
 * `runResponsesTools()`'s `approveMcp`: the loop answers a turn's MCP approval requests with the app's verdicts
 * (`mcp_approval_response` items, beside the outputs of the turn's function calls) and goes on, as the official SDK's
 * `ResponsesToolRunner` does with its `approveMcp` option; without it, such a turn ends the loop
 * (`unanswered_calls`, see run-tools-responses.spec.ts).
 */
import { from, lastValueFrom, NEVER, of, toArray } from 'rxjs';
import { z } from 'zod';
import { createClient, type ResponseCreateParams, type ResponseStreamEvent, ToolLoopToolError } from '../../src/index';
import {
  type McpApprovalVerdict,
  type ResponsesToolLoopEvent,
  type ResponsesToolsClient,
  runResponsesTools,
  toolLoopResult,
  zodTool,
} from '../../src/structured';
import type { ResponseMcpApprovalRequest } from '../../src/wire/responses';
import { encode } from '../helpers/bytes';
import { serveAnswers } from '../helpers/local-server';
import { response } from '../responses/stream';

const approval = (id: string, name = 'delete_page'): ResponseMcpApprovalRequest => ({
  type: 'mcp_approval_request',
  id,
  server_label: 'docs',
  name,
  arguments: '{"page":"intro"}',
});
const fn = { type: 'function_call', id: 'fc_1', call_id: 'call_fn', name: 'lookup', arguments: '{"query":"Oslo"}', status: 'completed' };
const answer = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] };

/** A turn's events: created, then completed with `output`. */
const turn = (output: readonly object[], id: string): ResponseStreamEvent[] => [
  { type: 'response.created', sequence_number: 0, response: response('in_progress', [], { id }) } as ResponseStreamEvent,
  { type: 'response.completed', sequence_number: 1, response: response('completed', output as never, { id }) } as ResponseStreamEvent,
];

/** A client whose turn n (from 1) has the output `outputs[n - 1]` (the last one after), and the requests it was sent. */
function canned(outputs: ReadonlyArray<readonly object[]>) {
  const requests: ResponseCreateParams[] = [];
  const client: ResponsesToolsClient = {
    responses: {
      stream: (params) => {
        requests.push(params);
        return from(turn(outputs[Math.min(requests.length, outputs.length) - 1]!, `resp_${requests.length}`));
      },
    },
  };
  return { client, requests };
}

const lookup = zodTool({ name: 'lookup', parameters: z.object({ query: z.string() }), execute: () => 'sunny' });

describe('runResponsesTools with approveMcp', () => {
  it('answers the approval requests with the verdicts, beside the function outputs, and goes on to the answer', async () => {
    const { client, requests } = canned([[approval('mcpr_1'), approval('mcpr_2', 'read_page'), fn], [answer]]);
    const asked: Array<[string, string]> = [];
    const approveMcp = (request: ResponseMcpApprovalRequest, { callId, step }: { callId: string; step: number }): McpApprovalVerdict => {
      asked.push([request.name, `${callId}@${step}`]);
      return request.name === 'read_page' ? true : { approve: false, reason: 'Deleting is not allowed' };
    };
    const events = await lastValueFrom(runResponsesTools(client, { model: 'gpt-5.1', input: 'x' }, { tools: [lookup], approveMcp }).pipe(toArray()));
    const result = (events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>);
    expect(asked).toEqual([
      ['delete_page', 'mcpr_1@0'],
      ['read_page', 'mcpr_2@0'],
    ]);
    expect({ reason: result.reason, steps: result.steps, requests: requests.length }).toEqual({ reason: 'no_calls', steps: 2, requests: 2 });
    expect(requests[1]).toMatchObject({
      previous_response_id: 'resp_1',
      input: [
        { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: false, reason: 'Deleting is not allowed' },
        { type: 'mcp_approval_response', approval_request_id: 'mcpr_2', approve: true },
        { type: 'function_call_output', call_id: 'call_fn', output: 'sunny' },
      ],
    });
    expect((requests[1]!.input as object[])[1]).not.toHaveProperty('reason');
    // Each request is a call of the loop's events, its verdict the outcome's result (in the turn's order of calls).
    const turn = events.flatMap((e) => (e.type === 'turn.finished' && e.step === 0 ? [e.turn] : []))[0]!;
    expect(turn.outcomes.map((o) => [o.call.type, o.call.name, o.status, o.status === 'ok' ? o.result : o.error])).toEqual([
      ['mcp_approval', 'delete_page', 'ok', { approve: false, reason: 'Deleting is not allowed' }],
      ['mcp_approval', 'read_page', 'ok', { approve: true }],
      ['function', 'lookup', 'ok', 'sunny'],
    ]);
    expect(result.history.map((item) => item.type)).toEqual([
      undefined, // the user message, as the request's input string became
      'mcp_approval_request',
      'mcp_approval_request',
      'function_call',
      'mcp_approval_response',
      'mcp_approval_response',
      'function_call_output',
      'message',
    ]);
  });

  it('a turn with approval requests alone goes on too; a Promise and an Observable verdict count as a value does', async () => {
    const { client, requests } = canned([[approval('mcpr_1')], [approval('mcpr_2')], [answer]]);
    const verdicts = [Promise.resolve(true), of(false, true)];
    const result = await lastValueFrom(
      runResponsesTools(client, { model: 'gpt-5.1', input: 'x' }, { tools: [], approveMcp: () => verdicts.shift()! }).pipe(toolLoopResult()),
    );
    expect({ reason: result.reason, steps: result.steps }).toEqual({ reason: 'no_calls', steps: 3 });
    expect(requests.slice(1).map((r) => r.input)).toEqual([
      [{ type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true }],
      [{ type: 'mcp_approval_response', approval_request_id: 'mcpr_2', approve: true }],
    ]);
  });

  it('with store: false the next request replays the whole history, the request before its response', async () => {
    const { client, requests } = canned([[approval('mcpr_1')], [answer]]);
    await lastValueFrom(runResponsesTools(client, { model: 'gpt-5.1', input: 'x', store: false }, { tools: [], approveMcp: () => true }).pipe(toolLoopResult()));
    expect(requests[1]!.input).toEqual([
      { role: 'user', content: 'x' },
      approval('mcpr_1'),
      { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true },
    ]);
    expect(requests[1]).not.toHaveProperty('previous_response_id');
  });

  it.each<[string, () => unknown]>([
    ['a string', () => 'yes'],
    ['nothing', () => undefined],
    ['an object without approve', () => ({ reason: 'x' })],
    ['a reason that is no string', () => ({ approve: true, reason: 42 })],
    ['a throw', () => { throw new Error('the approval service is down'); }],
    ['a rejection', () => Promise.reject(new Error('the approval service is down'))],
    ['an Observable that completes empty', () => of()],
  ])('%s: denied, the error as the reason (onToolError: report), or ToolLoopToolError (fail)', async (_, approveMcp) => {
    const { client, requests } = canned([[approval('mcpr_1')], [answer]]);
    const given = approveMcp as never;
    await lastValueFrom(runResponsesTools(client, { model: 'gpt-5.1', input: 'x' }, { tools: [], approveMcp: given }).pipe(toolLoopResult()));
    const sent = (requests[1]!.input as Array<{ approve: boolean; reason: string }>)[0]!;
    expect(sent).toMatchObject({ type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: false });
    expect(sent.reason).toMatch(/^Error: (approveMcp must give true, false or \{ approve, reason \} \(got |the approval service is down)/);

    const strict = canned([[approval('mcpr_1')], [answer]]);
    const error = await lastValueFrom(runResponsesTools(strict.client, { model: 'gpt-5.1', input: 'x' }, { tools: [], approveMcp: given, onToolError: 'fail' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopToolError);
    expect(error).toMatchObject({ toolName: 'delete_page', callId: 'mcpr_1', step: 0 });
    expect(strict.requests).toHaveLength(1);
  });

  it('unsubscribing while a verdict is awaited aborts its signal and sends nothing more', async () => {
    const { client, requests } = canned([[approval('mcpr_1')], [answer]]);
    let signal: AbortSignal | undefined;
    const loop$ = runResponsesTools(client, { model: 'gpt-5.1', input: 'x' }, {
      tools: [],
      approveMcp: (_request, context) => {
        signal = context.signal;
        return NEVER;
      },
    });
    const subscription = loop$.subscribe();
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('is checked when the loop is called: a value that is no function is a TypeError', () => {
    const { client } = canned([[answer]]);
    expect(() => runResponsesTools(client, { model: 'm', input: 'x' }, { tools: [], approveMcp: true as never })).toThrow(
      'runResponsesTools: approveMcp must be a function (got true)',
    );
  });

  it('over HTTP with the client: the approval goes with previous_response_id, as the API takes it', async () => {
    const sse = (events: ResponseStreamEvent[]) => encode(events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
    const server = await serveAnswers([sse(turn([approval('mcpr_1')], 'resp_1')), sse(turn([answer], 'resp_2'))]);
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const result = await lastValueFrom(runResponsesTools(client, { model: 'gpt-5.1', input: 'Tidy the docs' }, { tools: [], approveMcp: () => true }).pipe(toolLoopResult()));
      expect(result.final.output_text).toBe('Done.');
      expect(JSON.parse(server.bodies[1]!)).toMatchObject({
        previous_response_id: 'resp_1',
        input: [{ type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true }],
        stream: true,
      });
    } finally {
      await server.close();
    }
  });
});

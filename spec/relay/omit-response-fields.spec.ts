/**
 * omitResponseFields(): a relay's browser never sees the request's system prompt, tools or metadata that the
 * Responses lifecycle events repeat, over real HTTP to the emulator; a `response.failed` error is rebuilt without
 * them; everything else passes as it came.
 */
import { from, lastValueFrom, take, throwError, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  createClient,
  omitResponseFields,
  relayToNodeResponse,
  responseEvents,
  ResponseStreamError,
  SERVER_SIDE_RESPONSE_FIELDS,
  type ResponseStreamEvent,
} from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing/index';
import { listen } from '../helpers/local-server';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ pacing: 0 });
});
afterAll(() => emulator.close());

const REQUEST = {
  model: 'gpt-4o',
  input: 'Tell me about the sea',
  instructions: 'SECRET SYSTEM PROMPT',
  metadata: { user_id: 'internal-42' },
  tool_choice: 'none' as const,
  tools: [{ type: 'function' as const, name: 'lookup_internal', parameters: { type: 'object', properties: {}, additionalProperties: false }, strict: true }],
};

describe('omitResponseFields()', () => {
  it('over a relay: the browser reads the same events without the fields the request set, and no trace of them', async () => {
    const client = createClient({ apiKey: 'k', baseURL: emulator.url, maxRetries: 0 });
    const direct = await lastValueFrom(client.responses.stream(REQUEST).pipe(toArray()));
    const server = await listen((req, res) => relayToNodeResponse(req, res, client.responses.stream(REQUEST).pipe(omitResponseFields()), { format: 'responses' }));
    try {
      const response = await fetch(server.url);
      const body = await response.text();
      const secrets = ['SECRET SYSTEM PROMPT', 'internal-42', 'lookup_internal'];
      // Each is in the stream as the API sends it (the assertion below can fail), and not in the relayed one.
      for (const secret of secrets) expect(JSON.stringify(direct)).toContain(secret);
      for (const secret of secrets) expect(body).not.toContain(secret);
      const relayed = await lastValueFrom(responseEvents(new Response(body, { headers: { 'content-type': 'text/event-stream' } })).pipe(toArray()));
      expect(relayed.map((event) => event.type)).toEqual(direct.map((event) => event.type));
      const last = relayed.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
      const lastDirect = direct.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
      for (const field of ['instructions', 'tools', 'tool_choice', 'metadata']) expect(lastDirect.response).toHaveProperty(field);
      for (const field of SERVER_SIDE_RESPONSE_FIELDS) expect(last.response).not.toHaveProperty(field);
      // Ids differ from one response to the next; the output is the same.
      const text = (r: typeof last.response) => r.output.map((item) => (item.type === 'message' ? item.content : item.type));
      expect(text(last.response)).toEqual(text(lastDirect.response));
      expect(last.response).toMatchObject({ status: 'completed', model: 'gpt-4o', usage: lastDirect.response.usage });
    } finally {
      await server.close();
    }
  });

  it('a response.failed error is rebuilt without them: the same type, id, sequence number and error; other errors pass as they are', async () => {
    const data = JSON.stringify({
      type: 'response.failed',
      sequence_number: 7,
      response: { id: 'resp_1', status: 'failed', instructions: 'SECRET', error: { code: 'server_error', message: 'The model failed' }, output: [] },
    });
    const error = await lastValueFrom(throwError(() => new ResponseStreamError('response.failed', data)).pipe(omitResponseFields())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    const failed = error as ResponseStreamError;
    expect(failed.data).not.toContain('SECRET');
    expect(failed).toMatchObject({ eventType: 'response.failed', responseId: 'resp_1', sequenceNumber: 7, code: 'server_error' });
    expect(failed.response).toEqual({ id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'The model failed' }, output: [] });
    const other = new ResponseStreamError('error', JSON.stringify({ type: 'error', code: 'x', message: 'y' }));
    await expect(lastValueFrom(throwError(() => other).pipe(omitResponseFields()))).rejects.toBe(other);
  });

  it('events without a response object pass as the same objects; the fields to leave out can be named', async () => {
    const delta = { type: 'response.output_text.delta', sequence_number: 3, delta: 'Hi' };
    const created = { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', reasoning: { effort: 'low' }, instructions: 'kept' } };
    const [first, second] = await lastValueFrom(from([delta, created]).pipe(omitResponseFields(['reasoning']), toArray()));
    expect(first).toBe(delta);
    expect(second).toEqual({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1', instructions: 'kept' } });
  });

  it('chains to its subscriber: take(1) stops the source at once (marbles)', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|', { a: { type: 'x' }, b: { type: 'y' }, c: { type: 'z' } });
      expectObservable(source.pipe(omitResponseFields(), take(1))).toBe('(a|)', { a: { type: 'x' } });
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });
});


import { connect } from 'node:net';
import { assistantEventDataSchemas } from '../../src/schema/assistants/index.js';
import { startEmulator, type Emulator } from '../../src/testing/index.js';
import { call, json, parseSse, setup, weatherTool } from './helpers.js';
import { until } from '../helpers/until';

describe('the emulator on the wire: errors, pagination, runs', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());

  describe('errors have the API shape', () => {
    it('401 without a key', async () => {
      const res = await call(emulator, 'GET', '/threads/thread_x', undefined, { authorization: '' });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { message: expect.stringContaining("You didn't provide an API key"), type: 'invalid_request_error', param: null, code: null },
      });
      const blank = await call(emulator, 'GET', '/threads/thread_x', undefined, { authorization: 'Bearer ' });
      expect(blank.status).toBe(401);
    });

    it("an empty or blank apiKey is refused by startEmulator() (no request could carry it: every request would be a 401)", async () => {
      for (const apiKey of ['', '  ']) {
        await expect(startEmulator({ apiKey })).rejects.toThrow(
          `startEmulator(): 'apiKey' must be a non-empty string, or left out to accept any key (got ${JSON.stringify(apiKey)}).`,
        );
      }
    });

    it('an unknown option or a time that is no number of milliseconds is refused by startEmulator(), naming it', async () => {
      const refusals: Array<[Record<string, unknown>, string]> = [
        [{ strictRequest: false }, "unknown option 'strictRequest' (known: pacing, statusStepMs, pollAfterMs, apiKey, port, resumeWindowMs, strictRequests)"],
        [{ statusStepMs: -1 }, "'statusStepMs' must be a number of milliseconds, 0 or more (got -1)"],
        [{ resumeWindowMs: Number.NaN }, "'resumeWindowMs' must be a number of milliseconds, 0 or more (got null)"],
        [{ pollAfterMs: 'x' }, `'pollAfterMs' must be a number of milliseconds, 0 or more (got "x")`],
        [{ pacing: -1 }, "'pacing' must be 0 or { eventMs, deltaMs } (got -1)"],
        [{ pacing: { eventMs: -5 } }, "'pacing.eventMs' must be a number of milliseconds, 0 or more (got -5)"],
        [{ pacing: { deltasMs: 5 } }, "'pacing' has an unknown field 'deltasMs' (known: eventMs, deltaMs)"],
        [{ port: 'abc' }, `'port' must be a whole number from 0 to 65535, 0 for a free one (got "abc")`],
        [{ port: 70_000 }, "'port' must be a whole number from 0 to 65535, 0 for a free one (got 70000)"],
      ];
      for (const [options, problem] of refusals) {
        await expect(startEmulator(options as never)).rejects.toThrow(`startEmulator(): ${problem}.`);
      }
      // What the options allow still starts.
      const fine = await startEmulator({ pacing: { eventMs: 0 }, statusStepMs: 0, pollAfterMs: null, resumeWindowMs: 0 });
      await fine.close();
    });

    it('close() resolves once the records of the exchanges it cut are ended (outcome server-closed)', async () => {
      const closing = await startEmulator({ pacing: 0 });
      closing.inject({ kind: 'stall', afterEvents: 2 });
      const body = fetch(`${closing.url}/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', input: 'hi', stream: true }),
      }).then((res) => res.text()).catch(() => undefined);
      const record = await closing.waitForRequest({ path: '/responses' });
      await closing.close();
      expect(record.outcome).toBe('server-closed');
      await body;
    });

    it('close() resolves with a request queued behind a held stream on the same connection (HTTP/1.1 pipelining)', async () => {
      const closing = await startEmulator({ pacing: 0 });
      const body = JSON.stringify({ model: 'gpt-4o', input: 'Hi', stream: true });
      const request = (extra: string) =>
        `POST /v1/responses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const socket = connect(Number(new URL(closing.url).port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('data', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(request(`x-emulator-fault: ${JSON.stringify({ kind: 'stall', afterEvents: 2 })}\r\n`) + request(''));
      await until(() => closing.requests.length === 2);
      // A close() that hangs fails this test by jest's timeout: a timer raced against it here would outlive the test
      // whenever close() wins, and keep the jest worker from exiting.
      await closing.close();
      // The queued one never got its connection: its record is ended all the same.
      expect(closing.requests.map((record) => record.outcome)).toEqual(['server-closed', 'server-closed']);
      await closing.requests[1]!.ended;
      socket.destroy();
    });

    it('401 for another key than the configured one', async () => {
      const strict = await startEmulator({ apiKey: 'sk-right' });
      try {
        const res = await call(strict, 'POST', '/threads', {}, { authorization: 'Bearer sk-wrong-key-123' });
        expect(res.status).toBe(401);
        expect((await res.json()).error).toEqual({
          message: expect.stringMatching(/^Incorrect API key provided: sk-\**-123\./),
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        });
        expect((await call(strict, 'POST', '/threads', {}, { authorization: 'Bearer sk-right' })).status).toBe(200);
      } finally {
        await strict.close();
      }
    });

    it('400 without the OpenAI-Beta header on Assistants endpoints (not on vector stores)', async () => {
      const res = await call(emulator, 'POST', '/threads', {}, { 'openai-beta': '' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          message: "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_beta',
        },
      });
      expect((await call(emulator, 'POST', '/vector_stores', {}, { 'openai-beta': '' })).status).toBe(200);
    });

    it('404 for unknown ids and URLs, 400 for ids of another kind', async () => {
      expect(await json(emulator, 'GET', '/threads/thread_nope')).toMatchObject({
        status: 404,
        body: { error: { message: "No thread found with id 'thread_nope'.", type: 'invalid_request_error', param: null, code: null } },
      });
      const { threadId } = await setup(emulator, 'x');
      expect((await json(emulator, 'GET', `/threads/${threadId}/runs/run_nope`)).body.error.message).toBe("No run found with id 'run_nope'.");
      expect(await json(emulator, 'GET', '/threads/asst_123')).toMatchObject({
        status: 400,
        body: { error: { message: "Invalid 'thread_id': 'asst_123'. Expected an ID that begins with 'thread'.", param: 'thread_id', code: 'invalid_value' } },
      });
      expect(await json(emulator, 'GET', '/nothing/here')).toMatchObject({
        status: 404,
        body: { error: { message: 'Invalid URL (GET /v1/nothing/here)', type: 'invalid_request_error' } },
      });
    });

    it('400 for malformed JSON and missing required fields', async () => {
      const malformed = await json(emulator, 'POST', '/threads', '{"messages": [');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^We could not parse the JSON body of your request\./);
      const { threadId } = await setup(emulator, 'x');
      expect(await json(emulator, 'POST', `/threads/${threadId}/runs`, { model: 'gpt-4o' })).toMatchObject({
        status: 400,
        body: {
          error: { message: "Missing required parameter: 'assistant_id'.", type: 'invalid_request_error', param: 'assistant_id', code: 'missing_required_parameter' },
        },
      });
      expect((await json(emulator, 'POST', '/assistants', { model: 42 })).body.error).toMatchObject({
        message: "Invalid type for 'model': expected a string, but got an integer instead.",
        code: 'invalid_type',
      });
      expect((await json(emulator, 'POST', `/threads/${threadId}/messages`, { role: 'user' })).body.error.param).toBe('content');
    });

    it('400 for tool outputs that do not match the calls, and for a second active run', async () => {
      const { assistantId, threadId } = await setup(emulator, 'call get_current_weather', [weatherTool]);
      const run = (await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId })).body;
      const second = await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId });
      expect(second.status).toBe(400);
      expect(second.body.error.message).toBe(`Thread ${threadId} already has an active run ${run.id}.`);
      await emulator.idle();
      const wrong = await json(emulator, 'POST', `/threads/${threadId}/runs/${run.id}/submit_tool_outputs`, {
        tool_outputs: [{ tool_call_id: 'call_wrong', output: 'x' }],
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/^Expected tool outputs for call_ids \["call_/);
      const streamedWrong = await call(emulator, 'POST', `/threads/${threadId}/runs/${run.id}/submit_tool_outputs`, {
        tool_outputs: [],
        stream: true,
      });
      expect(streamedWrong.status).toBe(400);
      expect(streamedWrong.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('list endpoints paginate', () => {
    it('limit, order (desc by default), after, before, first_id, last_id, has_more', async () => {
      const thread = (await json(emulator, 'POST', '/threads', {})).body;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await json(emulator, 'POST', `/threads/${thread.id}/messages`, { role: 'user', content: `m${i}` })).body.id);
      }
      const page = async (query: string) => (await json(emulator, 'GET', `/threads/${thread.id}/messages?${query}`)).body;
      expect(await page('limit=2')).toEqual({
        object: 'list',
        data: [expect.objectContaining({ id: ids[4] }), expect.objectContaining({ id: ids[3] })],
        first_id: ids[4],
        last_id: ids[3],
        has_more: true,
      });
      expect((await page(`order=asc&limit=2&after=${ids[1]}`)).data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[3]]);
      expect(await page(`order=asc&after=${ids[2]}`)).toMatchObject({ first_id: ids[3], last_id: ids[4], has_more: false });
      expect((await page(`order=asc&limit=2&before=${ids[3]}`)).data.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[2]]);
      expect(await page(`order=asc&limit=2&before=${ids[3]}`)).toMatchObject({ has_more: true });
      expect(await page(`after=${ids[0]}`)).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
      expect((await json(emulator, 'GET', `/threads/${thread.id}/messages?limit=0`)).status).toBe(400);
      expect((await json(emulator, 'GET', `/threads/${thread.id}/messages?order=sideways`)).status).toBe(400);
    });
  });

  describe('runs', () => {
    it('cancels a non-streamed run: cancelling at once, then cancelled', async () => {
      const slow = await startEmulator({ statusStepMs: 20 });
      try {
        const { assistantId, threadId } = await setup(slow, 'cancel me');
        const run = (await json(slow, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId })).body;
        const cancelling = await json(slow, 'POST', `/threads/${threadId}/runs/${run.id}/cancel`);
        expect(cancelling.body).toMatchObject({ id: run.id, status: 'cancelling' });
        await slow.idle();
        const cancelled = (await json(slow, 'GET', `/threads/${threadId}/runs/${run.id}`)).body;
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(Number) });
        expect((await json(slow, 'POST', `/threads/${threadId}/runs/${run.id}/cancel`)).status).toBe(400);
        expect(slow.counters.runsCancelled).toBe(1);
      } finally {
        await slow.close();
      }
    });

    it('cancels a streamed run mid-stream: the stream tells the cancellation and ends with done', async () => {
      const paced = await startEmulator({ pacing: { eventMs: 1, deltaMs: 5 } });
      try {
        const { assistantId, threadId } = await setup(paced, 'a long answer '.repeat(40));
        const res = await call(paced, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
        const reader = res.body!.getReader();
        let first = new TextDecoder().decode((await reader.read()).value);
        const runId = JSON.parse(parseSse(first)[0]!.data).id;
        // Mid-stream: once the answer's text has begun.
        while (!first.includes('event: thread.message.delta')) first += new TextDecoder().decode((await reader.read()).value);
        expect((await json(paced, 'POST', `/threads/${threadId}/runs/${runId}/cancel`)).body.status).toBe('cancelling');
        let text = first;
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
        const blocks = parseSse(text);
        for (const block of blocks.slice(0, -1)) {
          const schema = assistantEventDataSchemas[block.event as keyof typeof assistantEventDataSchemas];
          expect(schema.safeParse(JSON.parse(block.data)).success).toBe(true);
        }
        const names = blocks.map((block) => block.event);
        expect(names.slice(-5)).toEqual([
          'thread.run.cancelling',
          'thread.message.incomplete',
          'thread.run.step.cancelled',
          'thread.run.cancelled',
          'done',
        ]);
        const messages = (await json(paced, 'GET', `/threads/${threadId}/messages?run_id=${runId}`)).body.data;
        expect(messages[0]).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'run_cancelled' } });
      } finally {
        await paced.close();
      }
    });

    it('runs a function call without streaming: requires_action, then completed after the outputs', async () => {
      const { assistantId, threadId } = await setup(emulator, 'call get_current_weather please', [weatherTool]);
      const run = (await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId })).body;
      await emulator.idle();
      const waiting = (await json(emulator, 'GET', `/threads/${threadId}/runs/${run.id}`)).body;
      expect(waiting.status).toBe('requires_action');
      const [toolCall] = waiting.required_action.submit_tool_outputs.tool_calls;
      const submitted = await json(emulator, 'POST', `/threads/${threadId}/runs/${run.id}/submit_tool_outputs`, {
        tool_outputs: [{ tool_call_id: toolCall.id, output: 'sunny' }],
      });
      expect(submitted.body).toMatchObject({ status: 'queued', required_action: null });
      await emulator.idle();
      expect((await json(emulator, 'GET', `/threads/${threadId}/runs/${run.id}`)).body.status).toBe('completed');
    });

    it('adds additional_messages and overrides tools per run', async () => {
      const { assistantId, threadId } = await setup(emulator, 'first');
      const run = (
        await json(emulator, 'POST', `/threads/${threadId}/runs`, {
          assistant_id: assistantId,
          tools: [weatherTool],
          additional_messages: [{ role: 'user', content: 'now use a tool' }],
        })
      ).body;
      expect(run.tools).toEqual([weatherTool]);
      await emulator.idle();
      expect((await json(emulator, 'GET', `/threads/${threadId}/runs/${run.id}`)).body.status).toBe('requires_action');
      const messages = (await json(emulator, 'GET', `/threads/${threadId}/messages?order=asc`)).body.data;
      expect(messages.map((m: { content: Array<{ text: { value: string } }> }) => m.content[0]!.text.value)).toEqual(['first', 'now use a tool']);
    });
  });
});

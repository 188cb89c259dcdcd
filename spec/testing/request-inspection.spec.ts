import { request } from 'node:http';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '../../src/testing/index.js';
import { call, json } from './helpers.js';

describe('request inspection: headers, reset(), waitForRequest across tests', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());

  it('records every header of a request, names in lower case, the API key included', async () => {
    const client = new OpenAI({
      apiKey: 'sk-test-key',
      baseURL: emulator.url,
      maxRetries: 0,
      organization: 'org_123',
      project: 'proj_456',
      defaultHeaders: { 'X-Tenant': 'acme' },
    });
    await client.responses.create({ model: 'gpt-4o', input: 'Hi' }, { headers: { 'X-Trace-Id': 'trace-1' } });
    const record = await emulator.waitForRequest({ method: 'POST', path: '/responses' });
    expect(record.headers).toMatchObject({
      authorization: 'Bearer sk-test-key',
      'openai-organization': 'org_123',
      'openai-project': 'proj_456',
      'x-tenant': 'acme',
      'x-trace-id': 'trace-1',
      'x-stainless-retry-count': '0',
      'content-type': 'application/json',
    });
    expect(Object.keys(record.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it("shows the SDK's retry count header on each attempt", async () => {
    emulator.inject({ kind: 'serverError', retryAfterMs: 1 }, { match: { path: '/chat/completions' } });
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 1 });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    const first = await emulator.waitForRequest({ path: '/chat/completions' });
    const retry = await emulator.waitForRequest({ path: '/chat/completions', after: first });
    expect([first.status, first.headers['x-stainless-retry-count']]).toEqual([500, '0']);
    expect([retry.status, retry.headers['x-stainless-retry-count']]).toEqual([200, '1']);
  });

  it('joins the values of a header sent twice', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${emulator.url}/nothing`, { headers: { authorization: 'Bearer test' } });
      req.setHeader('X-Twice', ['a', 'b']); // two header lines
      req.on('response', (res) => (res.resume(), res.on('end', resolve)));
      req.on('error', reject);
      req.end();
    });
    const record = await emulator.waitForRequest({ path: '/v1/nothing' });
    expect(record.headers['x-twice']).toBe('a, b');
  });

  describe('reset()', () => {
    it('forgets requests, counters, faults and objects, and keeps the port', async () => {
      const port = emulator.port;
      const requests = emulator.requests;
      const counters = emulator.counters;
      const thread = (await json(emulator, 'POST', '/threads', {})).body;
      const fault = emulator.inject({ kind: 'serverError' }, { match: { path: '/files/file-x' } });
      expect(emulator.requests.length).toBeGreaterThan(0);
      expect(emulator.counters.threadsCreated).toBeGreaterThan(0);

      emulator.reset();

      expect(emulator.requests).toBe(requests); // the same live array, emptied
      expect(emulator.requests).toHaveLength(0);
      expect(emulator.counters).toBe(counters);
      expect(Object.values(emulator.counters).every((count) => count === 0)).toBe(true);
      expect(fault.remaining).toBe(0);
      expect(emulator.port).toBe(port);
      // The thread is gone; the fault no longer strikes.
      expect((await call(emulator, 'GET', `/threads/${thread.id}`)).status).toBe(404);
      expect((await call(emulator, 'GET', '/files/file-x')).status).toBe(404);
      expect(emulator.counters.requests).toBe(2);
    });

    it('forgets stored responses and Idempotency-Keys', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const response = await client.responses.create({ model: 'gpt-4o', input: 'keep me' });
      const keyed = await json(emulator, 'POST', '/threads', {}, { 'idempotency-key': 'reset-key' });
      emulator.reset();
      await expect(client.responses.retrieve(response.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      const again = await json(emulator, 'POST', '/threads', {}, { 'idempotency-key': 'reset-key' });
      expect(again.body.id).not.toBe(keyed.body.id);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
    });

    it('cuts a stream still open from before, and rejects waits still pending', async () => {
      const res = await call(emulator, 'POST', '/chat/completions', {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      }, { 'x-emulator-fault': JSON.stringify({ kind: 'stall', afterEvents: 1 }) });
      const reader = res.body!.getReader();
      await reader.read();
      const record = emulator.requests.at(-1)!;
      const pending = emulator.waitForRequest({ path: '/never' });
      emulator.reset();
      await expect(pending).rejects.toThrow("waitForRequest({ path: '/never' }): the emulator was reset before a matching request arrived.");
      expect((await record.ended).outcome).toBe('server-closed');
      await expect(reader.read()).rejects.toThrow();
    });

    it('lets a shared emulator start each test afresh: waitForRequest sees only this test', async () => {
      await json(emulator, 'POST', '/threads', { metadata: { test: 'one' } });
      emulator.reset();
      const waiting = emulator.waitForRequest({ method: 'POST', path: '/threads' });
      await json(emulator, 'POST', '/threads', { metadata: { test: 'two' } });
      expect((await waiting).body).toEqual({ metadata: { test: 'two' } });
    });
  });

  describe('waitForRequest', () => {
    beforeEach(() => emulator.reset());

    it('after: a record or a number of records, then only later requests count', async () => {
      await call(emulator, 'GET', '/nothing');
      const mark = emulator.requests.length;
      const next = emulator.waitForRequest({ path: '/v1/nothing', after: mark });
      await call(emulator, 'GET', '/nothing?second');
      expect((await next).query).toBe('second');
      const first = emulator.requests[0]!;
      expect((await emulator.waitForRequest({ path: '/v1/nothing', after: first })).query).toBe('second');
      const third = emulator.waitForRequest({ path: '/v1/nothing', after: first, nth: 2 });
      await call(emulator, 'GET', '/nothing?third');
      expect((await third).query).toBe('third');
    });

    it('timeout: rejects, naming the query and what the log holds', async () => {
      await call(emulator, 'GET', '/nothing');
      await expect(emulator.waitForRequest({ method: 'POST', path: '/responses', timeout: 20 })).rejects.toThrow(
        "waitForRequest({ method: 'POST', path: '/responses' }) timed out after 20 ms; the log holds 1 request(s): GET /v1/nothing.",
      );
    });

    it('signal: rejects with its reason', async () => {
      const controller = new AbortController();
      const waiting = emulator.waitForRequest({ path: '/responses', signal: controller.signal });
      controller.abort(new Error('test over'));
      await expect(waiting).rejects.toThrow('test over');
      await expect(emulator.waitForRequest({ path: '/responses', signal: controller.signal })).rejects.toThrow('test over');
    });

    it('checks its query', async () => {
      await expect(emulator.waitForRequest({ pathname: '/responses' } as never)).rejects.toThrow(
        "waitForRequest: unknown query key 'pathname'",
      );
      await expect(emulator.waitForRequest({ path: 'responses' })).rejects.toThrow(TypeError);
      await expect(emulator.waitForRequest({ nth: 0 })).rejects.toThrow("'nth' must be a whole number from 1");
      const stale = (await call(emulator, 'GET', '/nothing'), emulator.requests[0]!);
      emulator.reset();
      await expect(emulator.waitForRequest({ after: stale })).rejects.toThrow('not in this emulator');
    });

    it('rejects pending waits when the emulator closes, and later ones that find nothing', async () => {
      const own = await startEmulator({ pacing: 0 });
      const pending = own.waitForRequest({ method: 'POST', path: '/responses' });
      await own.close();
      await expect(pending).rejects.toThrow(
        "waitForRequest({ method: 'POST', path: '/responses' }): the emulator closed before a matching request arrived.",
      );
      await expect(own.waitForRequest({ path: '/responses' })).rejects.toThrow('the emulator is closed');
    });
  });
});

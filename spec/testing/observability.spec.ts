import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { startEmulator, type Emulator, type RequestRecord } from '../../src/testing/index.js';
import { call, HEADERS, json, parseSse, setup } from './helpers.js';

describe('observability: request log, counters, concurrency, close()', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: { eventMs: 0, deltaMs: 3 }, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());
  const countOf = (method: string, path: string) => emulator.requests.filter((r) => r.method === method && r.path === path).length;

  it('logs every request with method, path, status, body and outcome', async () => {
    const start = emulator.requests.length;
    const { assistantId, threadId } = await setup(emulator, 'log me');
    const res = await call(emulator, 'POST', `/threads/${threadId}/runs?x=1`, { assistant_id: assistantId, stream: true });
    await res.text();
    const records = emulator.requests.slice(start);
    expect(records.map((r) => [r.method, r.path, r.status, r.streamed])).toEqual([
      ['POST', '/v1/assistants', 200, false],
      ['POST', '/v1/threads', 200, false],
      ['POST', `/v1/threads/${threadId}/runs`, 200, true],
    ]);
    const run = records[2]!;
    expect(run.query).toBe('x=1');
    expect(run.body).toEqual({ assistant_id: assistantId, stream: true });
    expect(run.id).toBe(res.headers.get('x-request-id'));
    await run.ended;
    expect(run).toMatchObject({ outcome: 'finished', clientClosed: false, endedAt: expect.any(Number) });
  });

  it('shows a client that went away mid-stream (cancellation) and lets tests await it', async () => {
    const { assistantId, threadId } = await setup(emulator, 'word '.repeat(200));
    const controller = new AbortController();
    const res = await call(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }, {}, controller.signal);
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    const record = await emulator.waitForRequest({ method: 'POST', path: `/threads/${threadId}/runs` });
    const ended = await record.ended;
    expect(ended).toMatchObject({ outcome: 'client-closed', clientClosed: true, status: 200, streamed: true });
    // The run goes on without its client.
    await emulator.idle();
    const runs = (await json(emulator, 'GET', `/threads/${threadId}/runs`)).body.data;
    expect(runs[0].status).toBe('completed');
  });

  it('waitForRequest resolves for requests still to come, and picks the nth', async () => {
    const thread = (await json(emulator, 'POST', '/threads', {})).body;
    const second = emulator.waitForRequest({ method: 'GET', path: `/threads/${thread.id}`, nth: 2 });
    await call(emulator, 'GET', `/threads/${thread.id}`);
    const later = call(emulator, 'GET', `/threads/${thread.id}`);
    const record = await second;
    expect(record.path).toBe(`/v1/threads/${thread.id}`);
    expect(record).toBe(emulator.requests.filter((r) => r.path === `/v1/threads/${thread.id}` && r.method === 'GET')[1]);
    await later;
  });

  it('waitForRequest resolves once the body was read: body and Idempotency-Key are there, for a waiter registered before or after arrival', async () => {
    // What the record holds when the promise resolves (the record itself fills in later).
    const seen = (record: Promise<RequestRecord>) => record.then((r) => ({ body: r.body, key: r.idempotencyKey }));
    const before = seen(emulator.waitForRequest({ method: 'POST', path: '/threads', nth: countOf('POST', '/v1/threads') + 1 }));
    await json(emulator, 'POST', '/threads', { metadata: { n: 'before' } }, { 'idempotency-key': 'wait-before' });
    expect(await before).toEqual({ body: { metadata: { n: 'before' } }, key: 'wait-before' });

    // Arrived, body not sent yet: the waiter waits for it.
    const nth = countOf('POST', '/v1/threads') + 1;
    const req = request(new URL(`${emulator.url}/threads`), {
      method: 'POST',
      headers: { ...HEADERS, 'idempotency-key': 'wait-after' },
      agent: false,
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
    });
    req.flushHeaders();
    while (countOf('POST', '/v1/threads') < nth) await sleep(1);
    const after = seen(emulator.waitForRequest({ method: 'POST', path: '/threads', nth }));
    req.end(JSON.stringify({ metadata: { n: 'after' } }));
    expect(await Promise.all([after, answered])).toEqual([{ body: { metadata: { n: 'after' } }, key: 'wait-after' }, 200]);

    // A request answered without reading its body resolves its waiter too.
    const unknown = emulator.waitForRequest({ path: '/v1/nothing' });
    await call(emulator, 'POST', '/nothing', { a: 1 });
    expect(await unknown).toMatchObject({ status: 404, body: undefined });
  });

  it('counts runs: exactly one per run creation, streamed or not', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const before = { ...emulator.counters };
    await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'a' }] } });
    await client.beta.threads.createAndRunStream({ assistant_id: assistant.id }).finalRun();
    const thread = await client.beta.threads.create();
    await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(emulator.counters.runsCreated - before.runsCreated).toBe(3);
    expect(emulator.counters.threadsCreated - before.threadsCreated).toBe(3);
    expect(emulator.counters.streamsOpened - before.streamsOpened).toBe(1);
    expect(emulator.counters.messagesCreated - before.messagesCreated).toBe(1);
  });

  it('streams several runs at once, each to its own end', async () => {
    const texts = ['alpha beta gamma', 'one two three four', 'red green blue', 'north south', 'up down left right'];
    const results = await Promise.all(
      texts.map(async (text) => {
        const { assistantId, threadId } = await setup(emulator, text);
        const res = await call(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
        return parseSse(await res.text());
      }),
    );
    results.forEach((blocks, index) => {
      const text = blocks
        .filter((block) => block.event === 'thread.message.delta')
        .map((block) => JSON.parse(block.data).delta.content[0].text.value)
        .join('');
      expect(text).toBe(`You said: ${texts[index]}`);
      expect(blocks.at(-2)?.event).toBe('thread.run.completed');
    });
  });

  it('close() ends open streams and resolves; nothing listens afterwards', async () => {
    const own = await startEmulator({ pacing: 0 });
    const { assistantId, threadId } = await setup(own, 'held open');
    const res = await call(own, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }, {
      'x-emulator-fault': JSON.stringify({ kind: 'stall', afterEvents: 1 }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    const record = own.requests.at(-1)!;
    await own.close();
    expect((await record.ended).outcome).toBe('server-closed');
    await expect(reader.read()).rejects.toThrow();
    await expect(fetch(`${own.url}/threads`)).rejects.toThrow();
    await own.close(); // a second close is harmless
    await sleep(1);
  });
});

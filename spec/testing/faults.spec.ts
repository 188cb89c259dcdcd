import OpenAI from 'openai';
import { faultHeader, startEmulator, type Emulator, type Fault } from '../../src/testing/index.js';
import { call, json, observe, parseSse, setup, type Observed } from './helpers.js';

describe('fault injection', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.clearFaults());

  /** Streams a text run with a fault in the header; returns what the client saw and the run's ids. */
  async function streamWith(fault: Fault | Fault[] | undefined, openMs?: number, enough?: (seen: Observed) => boolean) {
    const { assistantId, threadId } = await setup(emulator, 'Tell me something about faults and streams');
    const headers = fault ? faultHeader(fault) : {};
    const seen = await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }, headers, openMs, enough);
    return { seen, threadId, blocks: parseSse(seen.text) };
  }

  /** The run reached its normal end server-side although its stream was cut. */
  async function expectRunCompleted(threadId: string) {
    await emulator.idle();
    const runs = (await json(emulator, 'GET', `/threads/${threadId}/runs`)).body.data;
    expect(runs[0].status).toBe('completed');
    const messages = (await json(emulator, 'GET', `/threads/${threadId}/messages?run_id=${runs[0].id}`)).body.data;
    expect(messages[0].content[0].text.value).toBe('You said: Tell me something about faults and streams');
  }

  const normal = (seen: Observed) => parseSse(seen.text).length;

  it('stall: silent after N events, the connection stays open, the run goes on', async () => {
    const { seen, blocks, threadId } = await streamWith({ kind: 'stall', afterEvents: 3 });
    expect(seen.status).toBe(200);
    expect(blocks.map((block) => block.event)).toEqual(['thread.run.created', 'thread.run.queued', 'thread.run.in_progress']);
    expect(seen.ending).toBe('open');
    await expectRunCompleted(threadId);
  });

  it('keepAliveOnly: only `: keep-alive` comments after N events', async () => {
    // Watched until three comments came (however slow the machine), or 5 s with nothing but comments: a stream that
    // sent another event, or no comments, fails.
    const comments = (seen: Observed) => seen.text.split('\n\n').filter((part) => part === ': keep-alive').length;
    const { seen, blocks } = await streamWith({ kind: 'keepAliveOnly', afterEvents: 2, everyMs: 10 }, 5_000, (seen) => comments(seen) >= 3);
    expect(blocks).toHaveLength(2);
    expect(seen.ending).toBe('open');
    expect(comments(seen)).toBeGreaterThanOrEqual(3);
  });

  it('endEarly: the body ends cleanly after N events, without done; the run goes on', async () => {
    const { seen, blocks, threadId } = await streamWith({ kind: 'endEarly', afterEvents: 4 });
    expect(seen.ending).toBe('end');
    expect(blocks).toHaveLength(4);
    expect(blocks.some((block) => block.event === 'done')).toBe(false);
    await expectRunCompleted(threadId);
  });

  it('reset: the socket is reset after N events; the run goes on', async () => {
    const { seen, blocks, threadId } = await streamWith({ kind: 'reset', afterEvents: 5 });
    expect(seen.ending).toBe('reset');
    expect(blocks).toHaveLength(5);
    const record = emulator.requests.filter((r) => r.streamed).at(-1)!;
    await record.ended;
    expect(record).toMatchObject({ outcome: 'server-closed', clientClosed: false, faults: ['reset'] });
    await expectRunCompleted(threadId);
  });

  it('reset: the stream of the SDK fails with a connection error', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const { assistantId, threadId } = await setup(emulator, 'reset me');
    const stream = client.beta.threads.runs.stream(
      threadId,
      { assistant_id: assistantId },
      { headers: faultHeader({ kind: 'reset', afterEvents: 3 }) },
    );
    const events: string[] = [];
    stream.on('event', (event) => events.push(event.event));
    const error = await stream.finalRun().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/terminated|reset|socket|closed/i);
    expect(events).toEqual(['thread.run.created', 'thread.run.queued', 'thread.run.in_progress']);
  });

  it('holdAfterDone: the whole stream and done, then the socket stays open', async () => {
    const { seen, blocks } = await streamWith({ kind: 'holdAfterDone' });
    expect(blocks.at(-1)).toEqual({ event: 'done', data: '[DONE]' });
    expect(blocks.at(-2)?.event).toBe('thread.run.completed');
    expect(seen.ending).toBe('open');
  });

  it('errorEvent: an `event: error` block after N events, then the end', async () => {
    const { seen, blocks } = await streamWith({ kind: 'errorEvent', afterEvents: 3, error: { message: 'boom' } });
    expect(seen.ending).toBe('end');
    expect(blocks).toHaveLength(4);
    expect(blocks[3]!.event).toBe('error');
    expect(JSON.parse(blocks[3]!.data)).toEqual({ code: 'server_error', message: 'boom', param: null, type: 'server_error' });
  });

  it('brokenJson: the data after N good events is not JSON; the stream goes on', async () => {
    const { seen, blocks } = await streamWith({ kind: 'brokenJson', afterEvents: 2 });
    expect(seen.ending).toBe('end');
    expect(() => JSON.parse(blocks[1]!.data)).not.toThrow();
    expect(() => JSON.parse(blocks[2]!.data)).toThrow();
    expect(blocks[2]!.event).toBe('thread.run.in_progress');
    expect(blocks.at(-1)?.event).toBe('done');
  });

  it('endMidEvent: N events, then half of the next one without its line end, then a clean end; the run goes on', async () => {
    const { seen, blocks, threadId } = await streamWith({ kind: 'endMidEvent', afterEvents: 3 });
    expect(seen.ending).toBe('end');
    // (A reader that dispatches the unterminated tail, as parseSse and the SDK do, gets a fourth block of half its data.)
    expect(blocks.map((block) => block.event)).toEqual(['thread.run.created', 'thread.run.queued', 'thread.run.in_progress', 'thread.run.step.created']);
    const tail = seen.text.slice(seen.text.lastIndexOf('\n\n') + 2);
    expect(tail).toMatch(/^event: thread\.run\.step\.created\ndata: \{"id":"step_/);
    expect(tail.endsWith('\n')).toBe(false);
    expect(() => JSON.parse(tail.slice(tail.indexOf('data: ') + 6))).toThrow(SyntaxError);
    await expectRunCompleted(threadId);
  });

  it('longLine: M bytes without a newline, in chunks, then the end', async () => {
    const { seen, blocks } = await streamWith({ kind: 'longLine', afterEvents: 1, bytes: 300_000, chunkBytes: 10_000 });
    expect(seen.ending).toBe('end');
    expect(blocks[0]!.event).toBe('thread.run.created');
    const tail = seen.text.slice(seen.text.lastIndexOf('\n\n') + 2);
    expect(tail).toBe(`data: ${'x'.repeat(300_000)}`);
    expect(seen.chunks).toBeGreaterThan(5);
  });

  it('slowBytes: the stream trickles in tiny chunks, complete', async () => {
    const fast = await streamWith(undefined);
    const { seen, blocks } = await streamWith({ kind: 'slowBytes', chunkBytes: 7, everyMs: 0 });
    expect(seen.ending).toBe('end');
    expect(blocks.length).toBe(normal(fast.seen));
    expect(seen.chunks).toBeGreaterThan(fast.seen.chunks * 10);
  });

  it('slowBytes combines with a cut: trickled, then reset', async () => {
    const { seen, blocks } = await streamWith([{ kind: 'slowBytes', chunkBytes: 50 }, { kind: 'reset', afterEvents: 3 }]);
    expect(seen.ending).toBe('reset');
    expect(blocks).toHaveLength(3);
  });

  it('bufferedProxy wholeBody: the complete stream at once as application/json', async () => {
    const { seen, blocks } = await streamWith({ kind: 'bufferedProxy' });
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(blocks.at(-1)?.event).toBe('done');
    expect(blocks.at(-2)?.event).toBe('thread.run.completed');
  });

  it('bufferedProxy badGateway: 502 at once, but the run was created and goes on', async () => {
    const before = emulator.counters.runsCreated;
    const { seen, threadId } = await streamWith({ kind: 'bufferedProxy', response: 'badGateway' });
    expect(seen.status).toBe(502);
    expect(seen.headers['content-type']).toBe('text/html');
    expect(seen.text).toContain('502 Bad Gateway');
    expect(emulator.counters.runsCreated).toBe(before + 1);
    await expectRunCompleted(threadId);
  });

  it('rateLimit: 429 with retry-after-ms and retry-after, N times; the request never reaches the API', async () => {
    const fault = emulator.inject({ kind: 'rateLimit', retryAfterMs: 1500 }, { times: 2, match: { method: 'POST', path: '/threads' } });
    const threads = emulator.counters.threadsCreated;
    for (let i = 0; i < 2; i++) {
      const res = await call(emulator, 'POST', '/threads', {});
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after-ms')).toBe('1500');
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await res.json()).toEqual({
        error: { message: expect.stringContaining('Rate limit'), type: 'requests', param: null, code: 'rate_limit_exceeded' },
      });
    }
    expect((await call(emulator, 'POST', '/threads', {})).status).toBe(200);
    expect(emulator.counters.threadsCreated).toBe(threads + 1);
    expect(fault).toMatchObject({ hits: 2, remaining: 0 });
  });

  it('rateLimit with only seconds sends only retry-after; the SDK waits and retries', async () => {
    const seconds = await call(emulator, 'GET', '/threads/thread_x', undefined, faultHeader({ kind: 'rateLimit', retryAfterSeconds: 3 }));
    expect(seconds.headers.get('retry-after')).toBe('3');
    expect(seconds.headers.get('retry-after-ms')).toBeNull();

    emulator.inject({ kind: 'rateLimit', retryAfterMs: 5 }, { times: 2 });
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 2 });
    const start = emulator.requests.length;
    const thread = await client.beta.threads.create();
    expect(thread.object).toBe('thread');
    expect(emulator.requests.slice(start).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('serverError: a 5xx with the API error body, N times', async () => {
    emulator.inject({ kind: 'serverError', status: 503 }, { match: { path: /\/threads$/ } });
    const failed = await call(emulator, 'POST', '/threads', {});
    expect(failed.status).toBe(503);
    expect((await failed.json()).error).toEqual({
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    });
    expect((await call(emulator, 'POST', '/threads', {})).status).toBe(200);
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    emulator.inject({ kind: 'serverError' });
    await expect(client.beta.threads.create()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('serverError with retryAfterMs: a retry-after-ms header, which the official SDK waits for', async () => {
    emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 7 }, { match: { path: /\/threads$/ } });
    const failed = await call(emulator, 'POST', '/threads', {});
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after-ms')).toBe('7');
    emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 7 }, { match: { path: /\/threads$/ }, times: 2 });
    const start = emulator.requests.length;
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 2 });
    expect((await client.beta.threads.create()).object).toBe('thread');
    expect(emulator.requests.slice(start).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('responseFailed: the model fails the response (created, streamed or in the background); other routes never take it', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const fault = emulator.inject({ kind: 'responseFailed' }, { times: 3 });
    await client.beta.threads.create();
    expect(fault.remaining).toBe(3);
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    expect(created).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: 'The model failed to generate a response.' },
      output: [],
      usage: null,
    });
    const events = [];
    for await (const event of await client.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true })) events.push(event);
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    const queued = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true });
    expect(queued.status).toBe('queued');
    await emulator.idle();
    expect((await client.responses.retrieve(queued.id)).status).toBe('failed');
    expect(fault).toMatchObject({ hits: 3, remaining: 0 });
    emulator.inject({ kind: 'responseFailed', error: { message: 'The model crashed.' } });
    expect((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).error).toEqual({ code: 'server_error', message: 'The model crashed.' });
  });

  it('matches: a stream fault skips requests that do not stream, and only hits matching paths', async () => {
    const fault = emulator.inject({ kind: 'endEarly', afterEvents: 1 }, { match: { path: /\/runs$/ } });
    const { assistantId, threadId } = await setup(emulator, 'not consumed by these requests');
    expect(fault.remaining).toBe(1);
    const seen = await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
    expect(parseSse(seen.text)).toHaveLength(1);
    expect(fault).toMatchObject({ hits: 1, remaining: 0 });
  });

  it('the x-emulator-fault header is checked', async () => {
    const res = await call(emulator, 'POST', '/threads', {}, { 'x-emulator-fault': '{"kind":"explode"}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^Invalid x-emulator-fault header: Unknown fault kind "explode" \(known: stall, /);
    expect(() => emulator.inject({ kind: 'stall' } as unknown as Fault)).toThrow("'stall' needs 'afterEvents' (a whole number, 0 or more).");
  });
});

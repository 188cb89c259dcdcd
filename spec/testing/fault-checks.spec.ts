import OpenAI from 'openai';
import { faultHeader, startEmulator, type Emulator, type Fault } from '../../src/testing/index.js';
import { call, json } from './helpers.js';
import { until } from '../helpers/until';

/**
 * Whether a POST the emulator holds back with a `delay` had an answer (a status line) once the emulator applied the
 * delay (its record lists it) and that turn of the event loop is over: an answer not held would be written by
 * then. The client then gives up.
 */
async function heldBack(emulator: Emulator, path: string, body: unknown, headers: Record<string, string>): Promise<string> {
  const before = emulator.requests.length;
  const abort = new AbortController();
  const answer = call(emulator, 'POST', path, body, headers, abort.signal);
  await until(() => emulator.requests.length > before && emulator.requests.at(-1)!.faults.includes('delay'), { what: 'the emulator to apply the delay' });
  await new Promise((resolve) => setImmediate(resolve));
  const status = emulator.requests.at(-1)!.status;
  abort.abort();
  const outcome = await answer.then(
    () => 'an answer',
    (error: unknown) => ((error as Error).name === 'AbortError' ? 'no answer' : String(error)),
  );
  return status === undefined ? outcome : `an answer (${status})`;
}

const CHAT = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi there' }] };

describe('faults: error bodies, hits, checks, latency, CORS', () => {
  let emulator: Emulator;
  let client: OpenAI;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
    client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, logLevel: 'off' });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.reset());

  describe('error bodies of serverError / rateLimit', () => {
    it('insufficient_quota: a 429 with the type and code the fault chooses', async () => {
      emulator.inject({
        kind: 'serverError',
        status: 429,
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: 'You exceeded your current quota, please check your plan and billing details.',
      });
      const error = await client.chat.completions.create(CHAT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(error).toMatchObject({
        status: 429,
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        param: null,
        error: { message: 'You exceeded your current quota, please check your plan and billing details.' },
      });
    });

    it('context_length_exceeded: a 400 with its param', async () => {
      const error = await client.chat.completions
        .create(CHAT, {
          headers: faultHeader({ kind: 'serverError', status: 400, code: 'context_length_exceeded', param: 'messages', message: 'Too long.' }),
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' });
    });

    it('defaults per status: 429 rate_limit_exceeded, 400 invalid_request_error, 500 server_error', async () => {
      const bodyFor = async (fault: Fault) => (await json(emulator, 'POST', '/threads', {}, faultHeader(fault))).body.error;
      expect(await bodyFor({ kind: 'serverError', status: 429 })).toEqual({
        message: 'Rate limit reached for requests.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      });
      expect(await bodyFor({ kind: 'serverError', status: 400 })).toMatchObject({ type: 'invalid_request_error', code: null });
      expect(await bodyFor({ kind: 'serverError', status: 404 })).toMatchObject({ type: 'invalid_request_error', code: null });
      expect(await bodyFor({ kind: 'serverError' })).toMatchObject({ type: 'server_error', code: null });
      expect(await bodyFor({ kind: 'rateLimit', code: 'tokens_exceeded', type: 'tokens' })).toMatchObject({
        type: 'tokens',
        code: 'tokens_exceeded',
      });
    });
  });

  describe('hits count the faults that acted', () => {
    it('a reset past the end of the stream is matched, not hit, and not recorded', async () => {
      const fault = emulator.inject({ kind: 'reset', afterEvents: 40 }, { match: { path: '/chat/completions' } });
      const completion = await client.chat.completions.stream(CHAT).finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('You said: Hi there');
      const record = await (await emulator.waitForRequest({ path: '/chat/completions' })).ended;
      expect({ matched: fault.matched, hits: fault.hits, remaining: fault.remaining }).toEqual({ matched: 1, hits: 0, remaining: 0 });
      expect(record.faults).toEqual([]);
      expect(emulator.counters.faultsApplied).toBe(0);
    });

    it('a reset within the stream is hit and recorded', async () => {
      const fault = emulator.inject({ kind: 'reset', afterEvents: 2 }, { match: { path: '/chat/completions' } });
      await expect(client.chat.completions.stream(CHAT).finalChatCompletion()).rejects.toThrow();
      const record = await (await emulator.waitForRequest({ path: '/chat/completions' })).ended;
      expect([fault.matched, fault.hits]).toEqual([1, 1]);
      expect(record.faults).toEqual(['reset']);
      expect(emulator.counters.faultsApplied).toBe(1);
    });

    it('brokenJson past the end is not hit; holdAfterDone is hit when the last block went out', async () => {
      const broken = emulator.inject({ kind: 'brokenJson', afterEvents: 40 }, { match: { path: '/chat/completions' } });
      await client.chat.completions.stream(CHAT).finalChatCompletion();
      expect([broken.matched, broken.hits]).toEqual([1, 0]);
      const hold = emulator.inject({ kind: 'holdAfterDone' }, { match: { path: '/chat/completions' } });
      await client.chat.completions.stream(CHAT).finalChatCompletion();
      expect([hold.matched, hold.hits]).toEqual([1, 1]);
    });
  });

  describe('registrations are checked', () => {
    const cases: Array<[string, () => unknown, string | RegExp]> = [
      ['an unknown match key', () => emulator.inject({ kind: 'serverError' }, { match: { pathname: '/responses' } as never }), "unknown match key 'pathname'"],
      ['a path without a leading /', () => emulator.inject({ kind: 'serverError' }, { match: { path: 'responses' } }), "paths start with '/'"],
      ['a path with a query', () => emulator.inject({ kind: 'serverError' }, { match: { path: '/responses?x=1' } }), 'without the query'],
      ['an unknown method', () => emulator.inject({ kind: 'serverError' }, { match: { method: 'FETCH' } }), "'method' must be an HTTP method"],
      ['serverError with a status that is no error', () => emulator.inject({ kind: 'serverError', status: 200 }), "'serverError': 'status' must be an error status, 400 to 599, got 200."],
      ['a negative afterEvents', () => emulator.inject({ kind: 'reset', afterEvents: -1 }), "'reset': 'afterEvents' must be a whole number, 0 or more, got -1."],
      ['a negative times', () => emulator.inject({ kind: 'serverError' }, { times: -1 }), "'times' must be a whole number from 1"],
      ['times 0', () => emulator.inject({ kind: 'serverError' }, { times: 0 }), "'times' must be a whole number from 1"],
      ['an unknown response', () => emulator.inject({ kind: 'bufferedProxy', response: 'nope' as never }), "'bufferedProxy': 'response' must be 'wholeBody' or 'badGateway', got \"nope\"."],
      ['an unknown field', () => emulator.inject({ kind: 'rateLimit', retryAfter: 5 } as never), "'rateLimit' has no field 'retryAfter'"],
      ['an unknown option', () => emulator.inject({ kind: 'rateLimit' }, { time: 2 } as never), "unknown option 'time'"],
      ['an error field of the wrong type', () => emulator.inject({ kind: 'errorEvent', afterEvents: 1, error: { code: 5 } as never }), "'errorEvent': 'error' .code must be a string or null, got 5."],
    ];
    it.each(cases)('%s is a TypeError naming it', (_name, register, message) => {
      expect(register).toThrow(TypeError);
      expect(register).toThrow(message);
    });

    it('the x-emulator-fault header answers 400 with the problem', async () => {
      const res = await json(emulator, 'POST', '/threads', {}, faultHeader({ kind: 'serverError', status: 200 }));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        message: "Invalid x-emulator-fault header: 'serverError': 'status' must be an error status, 400 to 599, got 200.",
        param: 'x-emulator-fault',
      });
      expect(emulator.counters.threadsCreated).toBe(0);
      // Two stream shapes for one stream: the second would silently replace the first.
      const both = await call(emulator, 'POST', '/chat/completions', { ...CHAT, stream: true }, faultHeader([{ kind: 'stall', afterEvents: 2 }, { kind: 'reset', afterEvents: 5 }]));
      expect(both.status).toBe(400);
      expect(((await both.json()) as { error: { message: string } }).error.message).toBe(
        'Invalid x-emulator-fault header: one stream fault at most besides slowBytes (got stall, reset)',
      );
      for (const [pair, problem] of [
        [[{ kind: 'slowBytes', chunkBytes: 1 }, { kind: 'slowBytes', chunkBytes: 9 }], 'one slowBytes at most (got slowBytes, slowBytes)'],
        [[{ kind: 'delay', ms: 2000 }, { kind: 'delay', ms: 0 }], 'one delay at most (got delay, delay)'],
      ] as Array<[Fault[], string]>) {
        const twice = await call(emulator, 'POST', '/chat/completions', { ...CHAT, stream: true }, faultHeader(pair));
        expect([twice.status, ((await twice.json()) as { error: { message: string } }).error.message]).toEqual([400, `Invalid x-emulator-fault header: ${problem}`]);
      }
      const withSlow = await call(emulator, 'POST', '/chat/completions', { ...CHAT, stream: true }, faultHeader([{ kind: 'slowBytes', chunkBytes: 50, everyMs: 0 }, { kind: 'reset', afterEvents: 2 }]));
      expect(withSlow.status).toBe(200);
      await withSlow.text().catch(() => undefined);
    });
  });

  describe('latency', () => {
    it('delay: a stream sends its headers, then its events later, in full', async () => {
      const res = await call(emulator, 'POST', '/chat/completions', { ...CHAT, stream: true }, faultHeader({ kind: 'delay', ms: 30_000 }));
      expect(res.status).toBe(200);
      const reading = res.text().then(
        (text) => text,
        () => '(cut)',
      );
      const record = emulator.requests.at(-1)!;
      emulator.reset(); // cuts the stream: no event came in the meantime
      expect(await reading).toMatch(/^(|\(cut\))$/);
      expect(record.faults).toEqual(['delay']);

      const stream = client.chat.completions.stream(CHAT, { headers: faultHeader({ kind: 'delay', ms: 5 }) });
      expect((await stream.finalChatCompletion()).choices[0]!.message.content).toBe('You said: Hi there');
    });

    it('delay with headersFirst: false holds the headers too, so a client timeout fires', async () => {
      const headers = faultHeader({ kind: 'delay', ms: 30_000, headersFirst: false });
      // A client's request timeout (here the fetch's own) runs out before the status line: for streams and JSON alike.
      for (const body of [{ ...CHAT, stream: true }, CHAT]) {
        expect(await heldBack(emulator, '/chat/completions', body, headers)).toBe('no answer');
      }
      expect(emulator.requests.map((record) => record.faults)).toEqual([['delay'], ['delay']]);
    });

    it('delay holds the answers of the faults it is combined with too: error answers, a lost reply, a proxy, a cut at 0', async () => {
      const late = { kind: 'delay' as const, ms: 30_000, headersFirst: false };
      const stream = { model: 'gpt-4o', input: 'Hi there', stream: true };
      const combined: Array<[unknown, Fault[]]> = [
        [CHAT, [late, { kind: 'rateLimit' }]],
        [CHAT, [late, { kind: 'serverError', status: 503 }]],
        [stream, [late, { kind: 'badGatewayAfterAccept' }]],
        [stream, [late, { kind: 'bufferedProxy', response: 'badGateway' }]],
        [stream, [late, { kind: 'endEarly', afterEvents: 0 }]],
        [stream, [late, { kind: 'errorEvent', afterEvents: 0 }]],
      ];
      for (const [body, faults] of combined) {
        const path = 'input' in (body as object) ? '/responses' : '/chat/completions';
        // No status line before the client's own timeout: the answer waits for the delay, whatever it is.
        expect(await heldBack(emulator, path, body, faultHeader(faults))).toBe('no answer');
        expect(emulator.requests.at(-1)!.faults).toContain('delay');
      }

      // Injected: the delay is used up by the request fault's answer, which it holds.
      const delay = emulator.inject({ kind: 'delay', ms: 30_000, headersFirst: false });
      emulator.inject({ kind: 'serverError', status: 503 });
      expect(await heldBack(emulator, '/chat/completions', CHAT, {})).toBe('no answer');
      expect([delay.matched, delay.hits, delay.remaining]).toEqual([1, 1, 0]);

      // Once the delay is over, the fault's answer comes as it would have.
      const error = await client.chat.completions
        .create(CHAT, { headers: faultHeader([{ kind: 'delay', ms: 5 }, { kind: 'rateLimit' }]) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(emulator.requests.at(-1)!.faults).toEqual(['rateLimit', 'delay']);
    });

    it('stall with resumeAfterMs: the held events come later and the stream completes', async () => {
      const headers = faultHeader({ kind: 'stall', afterEvents: 2, resumeAfterMs: 5 });
      const completion = await client.chat.completions.stream(CHAT, { headers }).finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('You said: Hi there');
      const response = await client.responses.stream({ model: 'gpt-4o', input: 'Hi there' }, { headers }).finalResponse();
      expect([response.status, response.output_text]).toEqual(['completed', 'You said: Hi there']);
    });
  });

  describe('responseFailed after some output', () => {
    it('streams the first events of the answer, then response.failed; the stored response is failed', async () => {
      const headers = faultHeader({ kind: 'responseFailed', afterEvents: 6, error: { message: 'The model crashed.' } });
      const stream = client.responses.stream({ model: 'gpt-4o', input: 'Tell me a long story please' }, { headers });
      const events: Array<{ type: string; response?: { id: string; status: string; error: unknown } }> = [];
      for await (const event of stream) events.push(event as never);
      expect(events.map((event) => event.type)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.delta',
        'response.failed',
      ]);
      const failed = events.at(-1)!.response!;
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'server_error', message: 'The model crashed.' } });
      const stored = await client.responses.retrieve(failed.id);
      expect([stored.status, stored.error?.message]).toEqual(['failed', 'The model crashed.']);
    });

    it('keeps the output items completed before the failure', async () => {
      const res = await call(emulator, 'POST', '/responses', { model: 'gpt-4o', input: 'Hi', stream: true }, faultHeader({ kind: 'responseFailed', afterEvents: 100 }));
      const blocks = (await res.text()).split('\n\n').filter(Boolean).map((block) => JSON.parse(block.split('\ndata: ')[1]!));
      const last = blocks.at(-1)!;
      expect(last.type).toBe('response.failed');
      expect(last.sequence_number).toBe(blocks.length - 1);
      expect(last.response.output).toEqual([expect.objectContaining({ type: 'message', status: 'completed' })]);
      expect(blocks.some((block) => block.type === 'response.completed')).toBe(false);
    });
  });

  describe('CORS', () => {
    it('answers preflights with 204, not logged, counted or faulted', async () => {
      emulator.inject({ kind: 'serverError' });
      const res = await fetch(`${emulator.url}/responses`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:9876',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-stainless-retry-count',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-stainless-retry-count');
      expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(emulator.requests).toHaveLength(0);
      expect(emulator.counters.requests).toBe(0);
      // The fault is still there for the real request.
      expect((await call(emulator, 'POST', '/threads', {})).status).toBe(500);
    });

    it('lets every answer be read from another origin, its ids included', async () => {
      for (const res of [await call(emulator, 'POST', '/threads', {}), await call(emulator, 'GET', '/nothing')]) {
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(res.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('x-request-id'));
      }
      const stream = await call(emulator, 'POST', '/chat/completions', { ...CHAT, stream: true });
      expect(stream.headers.get('access-control-allow-origin')).toBe('*');
      await stream.text();
    });
  });
});

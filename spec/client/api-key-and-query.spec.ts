/**
 * `apiKey` as a function (tokens that expire, as Microsoft Entra ID's for Azure OpenAI) and the client's default
 * `query` (Azure's `api-version`), over real HTTP to the emulator: the function is called for every request the
 * client sends (retries, resumes, recovery, polls), after subscribe and never for a request that is not sent; a
 * failing function fails the call with APIKeyProviderError before any request; `query` reaches every request URL,
 * and a call's own parameter of the same name wins.
 */
import OpenAI from 'openai';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { APIKeyProviderError, createAssistantsClient, createClient, OpenAIStreamError, type ResponseStreamEvent } from '../../src/index';
import { type Emulator, type RequestRecord, startEmulator } from '../../src/testing/index';
import { redactSecrets } from '../../src/errors/excerpt';
import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator();
const POST_RESPONSES = { method: 'POST', path: '/responses' } as const;
const BODY = { model: 'gpt-4o', input: 'Tell me about the sea' };
const QUERY = { 'api-version': '2025-04-01-preview' };

/** Lets pending I/O callbacks and promise jobs run. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A key function giving `token-1`, `token-2`, ... (synchronously, or through a promise), counting its calls. */
function tokens(kind: 'sync' | 'async' = 'sync') {
  let calls = 0;
  const next = () => `token-${++calls}`;
  const apiKey = kind === 'sync' ? next : async () => next();
  return { apiKey, calls: () => calls };
}

/** What the server saw of the requests since `from`: method, path (ids generic), query, and the key sent. */
const seen = (from: number, emulator: Emulator = ctx.emulator) =>
  emulator.requests.slice(from).map((r: RequestRecord) => [`${r.method} ${r.path.replace(/(resp|run|thread|msg|file)_\w+/g, '$1')}`, r.query, r.apiKey]);

/** The parameters of a request's query string, each name with all its values. */
const params = (record: RequestRecord) => {
  const all: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(record.query)) (all[name] ??= []).push(value);
  return all;
};

describe('apiKey as a function: called for every request sent, after subscribe', () => {
  it.each(['sync', 'async'] as const)('(%s) nothing is called before subscribe; a 500 then a success: two requests, two fresh tokens, in order', async (kind) => {
    const { apiKey, calls } = tokens(kind);
    const client = ctx.clientWith({ apiKey, maxRetries: 1 });
    const create$ = client.responses.create(BODY);
    expect(calls()).toBe(0);
    ctx.emulator.inject({ kind: 'serverError', status: 500, retryAfterMs: 1 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const response = await firstValueFrom(create$);
    expect(response.status).toBe('completed');
    expect(seen(from)).toEqual([
      ['POST /v1/responses', '', 'token-1'],
      ['POST /v1/responses', '', 'token-2'],
    ]);
    expect(ctx.emulator.requests.slice(from).map((r) => r.status)).toEqual([500, 200]);
    expect(calls()).toBe(2);
  });

  it('a stream answered 502 is sent again with a fresh token', async () => {
    const { apiKey } = tokens('async');
    ctx.emulator.inject({ kind: 'serverError', status: 502, retryAfterMs: 1 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(ctx.clientWith({ apiKey, maxRetries: 1 }).responses.stream(BODY).pipe(toArray()));
    expect(events.at(-1)!.type).toBe('response.completed');
    expect(seen(from).map(([, , key]) => key)).toEqual(['token-1', 'token-2']);
  });

  it('a cut background stream is resumed with a fresh token, and the resume carries the client’s query', async () => {
    const { apiKey } = tokens('async');
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 5 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(ctx.clientWith({ apiKey, query: QUERY }).responses.stream({ ...BODY, background: true }).pipe(toArray()));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, at) => at));
    expect(seen(from)).toEqual([
      ['POST /v1/responses', 'api-version=2025-04-01-preview', 'token-1'],
      ['GET /v1/responses/resp', 'api-version=2025-04-01-preview&stream=true&starting_after=4', 'token-2'],
    ]);
  });

  it('a cut stream of a stored response is completed by GETs that each carry a fresh token and the query', async () => {
    const { apiKey } = tokens('async');
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(ctx.clientWith({ apiKey, query: QUERY }).responses.stream(BODY).pipe(toArray()));
    expect(events.at(-1)!.type).toBe('response.completed');
    const requests = seen(from);
    expect(requests[0]).toEqual(['POST /v1/responses', 'api-version=2025-04-01-preview', 'token-1']);
    expect(requests.length).toBeGreaterThan(1);
    requests.slice(1).forEach(([what, query, key], at) => {
      expect(what).toBe('GET /v1/responses/resp');
      expect(query).toBe('api-version=2025-04-01-preview');
      expect(key).toBe(`token-${at + 2}`);
    });
  });

  it('every poll of createAndPoll gets a fresh token, and the query', async () => {
    // A run whose every status lasts 150 ms, polled every 5 ms: several polls however busy the machine is (with
    // the shared emulator's 5 ms steps a loaded machine's first poll could already see the run completed).
    const slow = await startEmulator({ pacing: 0, statusStepMs: 150, pollAfterMs: 5 });
    try {
      const { apiKey } = tokens();
      const client = createAssistantsClient({ apiKey, query: QUERY, baseURL: slow.url, pollIntervalMs: 5 });
      const { id: assistant_id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
      const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
      const from = slow.requests.length;
      const states = await lastValueFrom(client.threads.runs.createAndPoll(thread.id, { assistant_id }).pipe(toArray()));
      expect(states.at(-1)!.status).toBe('completed');
      const requests = seen(from, slow);
      expect(requests.length).toBeGreaterThan(2);
      expect(requests[0]![0]).toBe('POST /v1/threads/thread/runs');
      expect(requests.slice(1).every(([what]) => what === 'GET /v1/threads/thread/runs/run')).toBe(true);
      expect(requests.map(([, query]) => query)).toEqual(requests.map(() => 'api-version=2025-04-01-preview'));
      // Two keys went to the create calls above; each request since has its own.
      expect(requests.map(([, , key]) => key)).toEqual(requests.map((_, at) => `token-${at + 3}`));
    } finally {
      await slow.close();
    }
  });
});

describe('a key function that fails: APIKeyProviderError, nothing sent, not retried', () => {
  const SECRET = 'sk-proj-abcdefghijklmnop1234';
  it.each<[string, () => unknown, string]>([
    ['throws', () => { throw new Error(`refresh failed for Bearer ${SECRET}`); }, 'failed: refresh failed for Bearer ***1234'],
    ['rejects', () => Promise.reject(new Error(`no token: ${SECRET}`)), 'failed: no token: sk-***1234'],
    ['gives an empty string', () => '', 'gave an empty string instead of a non-empty string'],
    ['resolves to undefined', async () => undefined, 'gave undefined instead of a non-empty string'],
    ['gives a number', () => 42, 'gave a number instead of a non-empty string'],
    ['resolves to an access token object', async () => ({ token: SECRET, expiresOnTimestamp: 1 }), 'gave an object (Object) with a token property (return its .token)'],
  ])('a function that %s', async (_, fn, said) => {
    let calls = 0;
    const apiKey = (() => {
      calls++;
      return fn();
    }) as () => string;
    const client = ctx.clientWith({ apiKey, maxRetries: 2, fallbackToPolling: true });
    const from = ctx.emulator.requests.length;
    const calls$ = [
      [client.responses.stream(BODY), 'POST /responses'],
      [client.responses.retrieve('resp_1'), 'GET /responses/resp_1'],
      [client.files.create({ file: { name: 'a.txt', content: 'hi' }, purpose: 'assistants' }), 'POST /files'],
    ] as const;
    for (const [call$, request] of calls$) {
      calls = 0;
      const error = await lastValueFrom<unknown>(call$).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIKeyProviderError);
      expect((error as APIKeyProviderError).request).toBe(request);
      expect(error).toBeInstanceOf(OpenAIStreamError);
      expect((error as APIKeyProviderError).name).toBe('APIKeyProviderError');
      expect((error as Error).message).toContain(said);
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).message).not.toContain('abcdefgh');
      expect(calls).toBe(1);
    }
    expect(ctx.emulator.requests.length - from).toBe(0);
  });

  it('keeps what the function threw as its cause', async () => {
    const failure = new Error('AADSTS700082: The refresh token has expired');
    const error = await firstValueFrom(ctx.clientWith({ apiKey: () => Promise.reject(failure) }).conversations.retrieve('conv_1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIKeyProviderError);
    expect((error as APIKeyProviderError).cause).toBe(failure);
    expect((error as APIKeyProviderError).request).toBe('GET /conversations/conv_1');
  });

  it('a function that fails on a retry: the failed attempt is the only request, the call fails with APIKeyProviderError', async () => {
    let calls = 0;
    const apiKey = async () => {
      if (++calls === 2) throw new Error('the token service is down');
      return `token-${calls}`;
    };
    ctx.emulator.inject({ kind: 'serverError', status: 500, retryAfterMs: 1 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const error = await firstValueFrom(ctx.clientWith({ apiKey, maxRetries: 2 }).responses.create(BODY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIKeyProviderError);
    expect(seen(from)).toEqual([['POST /v1/responses', '', 'token-1']]);
    expect(calls).toBe(2);
  });
});

describe('unsubscribing while the key function works sends nothing', () => {
  /** A key function whose promise the test resolves. */
  function pendingKey() {
    const asked: Array<(key: string) => void> = [];
    let called!: () => void;
    const firstCall = new Promise<void>((resolve) => (called = resolve));
    const apiKey = () =>
      new Promise<string>((resolve) => {
        asked.push(resolve);
        called();
      });
    return { apiKey, asked, firstCall };
  }

  it('a stream unsubscribed before its key came: no request, even once the key comes', async () => {
    const { apiKey, asked, firstCall } = pendingKey();
    const from = ctx.emulator.requests.length;
    const subscription = ctx.clientWith({ apiKey }).responses.stream(BODY).subscribe();
    await firstCall;
    subscription.unsubscribe();
    asked[0]!('token-late');
    await settle();
    expect(ctx.emulator.requests.length - from).toBe(0);
    expect(asked).toHaveLength(1);
  });

  it('a call whose signal aborts while the key is awaited fails with the abort reason, and sends nothing', async () => {
    const { apiKey, asked, firstCall } = pendingKey();
    const controller = new AbortController();
    const from = ctx.emulator.requests.length;
    const failed = firstValueFrom(ctx.clientWith({ apiKey }).responses.create(BODY, { signal: controller.signal })).catch((e: unknown) => e);
    await firstCall;
    const reason = new Error('user left');
    controller.abort(reason);
    expect(await failed).toBe(reason);
    asked[0]!('token-late');
    await settle();
    expect(ctx.emulator.requests.length - from).toBe(0);
  });

  it('the same call, left alone: the request goes once the key comes, with that key (the control)', async () => {
    const { apiKey, asked, firstCall } = pendingKey();
    const from = ctx.emulator.requests.length;
    const done = firstValueFrom(ctx.clientWith({ apiKey }).responses.create(BODY));
    await firstCall;
    await settle();
    expect(ctx.emulator.requests.length - from).toBe(0);
    asked[0]!('token-in-time');
    expect((await done).status).toBe('completed');
    expect(seen(from)).toEqual([['POST /v1/responses', '', 'token-in-time']]);
  });

  it('a retry’s wait unsubscribed: the function is not called for the retry that is not sent', async () => {
    const { apiKey, calls } = tokens();
    ctx.emulator.inject({ kind: 'serverError', status: 500, retryAfterMs: 60_000 }, { match: POST_RESPONSES });
    const from = ctx.emulator.requests.length;
    const nth = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length + 1;
    const subscription = ctx.clientWith({ apiKey, maxRetries: 1 }).responses.create(BODY).subscribe({ error: () => undefined });
    const record = await ctx.emulator.waitForRequest({ ...POST_RESPONSES, nth });
    await record.ended;
    await settle();
    subscription.unsubscribe();
    await settle();
    expect(calls()).toBe(1);
    expect(ctx.emulator.requests.length - from).toBe(1);
  });
});

describe('query: on every request URL, the call’s own parameter wins', () => {
  it('a JSON call, a stream, a file upload', async () => {
    const client = ctx.clientWith({ query: QUERY });
    const from = ctx.emulator.requests.length;
    const created = await firstValueFrom(client.responses.create(BODY));
    await firstValueFrom(client.responses.retrieve(created.id));
    const events: ResponseStreamEvent[] = await lastValueFrom(client.responses.stream(BODY).pipe(toArray()));
    expect(events.at(-1)!.type).toBe('response.completed');
    await firstValueFrom(client.files.create({ file: { name: 'a.txt', content: 'hi' }, purpose: 'assistants' }));
    expect(seen(from).map(([what, query]) => [what, query])).toEqual([
      ['POST /v1/responses', 'api-version=2025-04-01-preview'],
      ['GET /v1/responses/resp', 'api-version=2025-04-01-preview'],
      ['POST /v1/responses', 'api-version=2025-04-01-preview'],
      ['POST /v1/files', 'api-version=2025-04-01-preview'],
    ]);
  });

  it('a list page and every page of listAll, with the call’s own parameters after it', async () => {
    const client = ctx.clientWith({ query: QUERY });
    const input = ['one', 'two', 'three'].map((content) => ({ role: 'user', content }));
    const response = await firstValueFrom(client.responses.create({ model: 'gpt-4o', input }));
    const from = ctx.emulator.requests.length;
    await firstValueFrom(client.responses.inputItems.list(response.id, { limit: 2, order: 'asc' }));
    const all = await lastValueFrom(client.responses.inputItems.listAll(response.id, { limit: 2, order: 'asc' }).pipe(toArray()));
    expect(all).toHaveLength(3);
    const queries = ctx.emulator.requests.slice(from).map((r) => r.query);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toBe('api-version=2025-04-01-preview&limit=2&order=asc');
    expect(queries[1]).toBe('api-version=2025-04-01-preview&limit=2&order=asc');
    expect(queries[2]).toMatch(/^api-version=2025-04-01-preview&limit=2&order=asc&after=\w+$/);
  });

  it('a parameter of the call replaces the client’s of the same name (sent once); a call’s undefined keeps the client’s', async () => {
    const client = ctx.clientWith({ query: { ...QUERY, order: 'desc', limit: '1' } });
    const input = ['one', 'two', 'three'].map((content) => ({ role: 'user', content }));
    const response = await firstValueFrom(client.responses.create({ model: 'gpt-4o', input }));
    const from = ctx.emulator.requests.length;
    const page = await firstValueFrom(client.responses.inputItems.list(response.id, { order: 'asc', limit: undefined }));
    expect(page.data.map((item) => (item['content'] as Array<{ text: string }>)[0]!.text)).toEqual(['one']);
    const record = ctx.emulator.requests[from]!;
    expect(params(record)).toEqual({ 'api-version': ['2025-04-01-preview'], order: ['asc'], limit: ['1'] });
    // Without the client's query, the call's parameters alone.
    await firstValueFrom(ctx.client.responses.inputItems.list(response.id, { limit: 2 }));
    expect(ctx.emulator.requests.at(-1)!.query).toBe('limit=2');
  });

  it("a baseURL with a query of its own (Azure's `…/deployments/x?api-version=…`): the path goes before it, and its parameters come first", async () => {
    for (const base of [`${ctx.emulator.url}?api-version=2024-10-21`, `${ctx.emulator.url}/?api-version=2024-10-21`]) {
      const client = ctx.clientWith({ baseURL: base, query: { tenant: 't1' } });
      const from = ctx.emulator.requests.length;
      const events = await lastValueFrom(client.responses.stream(BODY).pipe(toArray()));
      expect(events.at(-1)!.type).toBe('response.completed');
      await firstValueFrom(client.responses.inputItems.list((events[0] as { response: { id: string } }).response.id, { limit: 2 }));
      expect(seen(from).map(([what, query]) => [what, query])).toEqual([
        ['POST /v1/responses', 'api-version=2024-10-21&tenant=t1'],
        ['GET /v1/responses/resp/input_items', 'api-version=2024-10-21&tenant=t1&limit=2'],
      ]);
    }
    // The client's query and the call's replace a parameter of the baseURL's.
    const from = ctx.emulator.requests.length;
    await firstValueFrom(ctx.clientWith({ baseURL: `${ctx.emulator.url}?limit=9&x=1`, query: { x: '2' } }).responses.inputItems.list('resp_1', { limit: 2 })).catch(() => undefined);
    expect(params(ctx.emulator.requests[from]!)).toEqual({ limit: ['2'], x: ['2'] });
  });

  it('a list parameter goes as the SDK sends it, one include[] per value', async () => {
    const conversation = await firstValueFrom(ctx.client.conversations.create());
    const include = ['message.output_text.logprobs', 'file_search_call.results'];
    await firstValueFrom(ctx.client.conversations.items.list(conversation.id, { include, limit: 5 }));
    expect(params(ctx.emulator.requests.at(-1)!)).toEqual({ 'include[]': include, limit: ['5'] });
    // The call's list replaces the client's parameter of that name, as a call's own parameter does.
    await firstValueFrom(ctx.clientWith({ query: { include: 'x' } }).conversations.items.list(conversation.id, { include }));
    expect(params(ctx.emulator.requests.at(-1)!)).toEqual({ 'include[]': include });
  });
});

describe("a run's include goes in the query, as the SDK sends it", () => {
  const INCLUDE = ['step_details.tool_calls[*].file_search.results[*].content'];

  it('runs.stream, runs.create and runs.createAndPoll: include[] in the query, not in the body (the API reads it there)', async () => {
    const assistant = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }));
    const thread = () => firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const lastRunPost = () => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs')).at(-1)!;
    await sdk.beta.threads.runs.stream((await thread()).id, { assistant_id: assistant.id, include: INCLUDE as never }).finalRun();
    const theirs = lastRunPost();
    expect(params(theirs)).toEqual({ 'include[]': INCLUDE });
    expect(theirs.body).not.toHaveProperty('include');
    const body = { assistant_id: assistant.id, include: INCLUDE };
    for (const call of [
      async () => lastValueFrom(ctx.client.threads.runs.stream((await thread()).id, body)),
      async () => firstValueFrom(ctx.client.threads.runs.create((await thread()).id, body)),
      async () => lastValueFrom(ctx.client.threads.runs.createAndPoll((await thread()).id, body)),
    ]) {
      await call();
      const ours = lastRunPost();
      expect(params(ours)).toEqual(params(theirs));
      expect(ours.body).not.toHaveProperty('include');
    }
  });
});

describe('the emulator records the key of each request', () => {
  it('a string key as it was sent; none for an empty key (no Authorization header, 401)', async () => {
    const from = ctx.emulator.requests.length;
    await firstValueFrom(ctx.clientWith({ apiKey: 'sk-plain' }).responses.create(BODY));
    const error = await firstValueFrom(createClient({ apiKey: '', baseURL: ctx.emulator.url }).responses.create(BODY)).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(401);
    expect(seen(from).map(([, , key]) => key)).toEqual(['sk-plain', undefined]);
  });
});

describe('a baseURL holding a user name and password', () => {
  it('is refused when the client is made, naming no secret (fetch would refuse every request, the URL in its error)', () => {
    expect(() => createClient({ apiKey: 'k', baseURL: 'https://user:hunter2-proxy-password@gateway.example/v1' })).toThrow(
      new TypeError('createClient: baseURL must not hold a user name or password (fetch refuses such a URL); send credentials in headers'),
    );
    // A path with an @ after the host is no credential.
    expect(() => createClient({ apiKey: 'k', baseURL: 'https://gateway.example/v1/@team' })).not.toThrow();
  });

  it("a URL's credentials are masked in any error message built from a server's or fetch's words", () => {
    expect(redactSecrets('Request cannot be constructed from a URL that includes credentials: http://user:hunter2@127.0.0.1:8080/x')).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://***@127.0.0.1:8080/x',
    );
  });
});

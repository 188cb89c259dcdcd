/**
 * The Angular example's relay (examples/angular-chat/server/relay.ts) over real HTTP, without a browser: what it
 * lets through to the API and what it refuses, the page's headers, resume by `starting_after` and by
 * `Last-Event-ID` (a browser that leaves once it has the response's id cancels nothing), and the tool step it
 * runs itself. Upstream is the emulator; the browser is played by the library's own client and by raw requests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { createClient, textDeltas, type OpenAIStreamClient, type ResponseStreamEvent } from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing/index';
import { startRelay, type Relay } from '../../examples/angular-chat/server/relay';

const SECRET = 'sk-relay-secret-never-sent-to-browsers';
const INDEX_HTML = '<!doctype html><html><body><app-root ngCspNonce="__CSP_NONCE__"></app-root><script src="main.js" type="module"></script></body></html>';

describe('the angular-chat relay (node:http, in front of the emulator)', () => {
  let dir: string;
  let emulator: Emulator;
  let relay: Relay;
  let browser: OpenAIStreamClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'angular-chat-relay-'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'main.js'), 'export {};\n');
    emulator = await startEmulator({ pacing: 0, apiKey: SECRET });
    relay = await startRelay({ browserDir: dir, upstream: { apiKey: SECRET, baseURL: emulator.url, maxRetries: 0 }, model: 'gpt-4.1-mini' });
    browser = createClient({ baseURL: `${relay.url}api/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await relay?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw request to the relay (no URL normalisation: the path is sent as given). */
  function request(method: string, path: string, body?: string, headers: Record<string, string> = {}, to: Relay = relay) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const url = new URL(to.url);
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const postJson = (path: string, value: unknown) =>
    request('POST', path, JSON.stringify(value), { 'content-type': 'application/json' });

  /** Streams a new answer through the relay as the app does; resolves with its events. */
  const ask = (params: Record<string, unknown>) =>
    lastValueFrom(browser.responses.stream({ model: 'anything', ...params }).pipe(toArray()));

  const lastPost = () => [...emulator.requests].reverse().find((r) => r.method === 'POST' && r.path === '/v1/responses')!;

  it('serves the page with a strict CSP whose style nonce is the one written into the page, new each time', async () => {
    const [first, second] = [await request('GET', '/'), await request('GET', '/')];
    for (const page of [first, second]) {
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("require-trusted-types-for 'script'; trusted-types angular angular#bundler");
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(page.text).toContain(`ngCspNonce="${nonce}"`);
      expect(page.text).not.toContain('__CSP_NONCE__');
    }
    expect(first.headers['content-security-policy']).not.toBe(second.headers['content-security-policy']);
    const script = await request('GET', '/main.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the app folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/missing.js', '/%E0%A4%A.js', '/%zz']) {
      expect((await request('GET', path)).status).toBe(404);
    }
    expect((await request('GET', '/some/client/route')).text).toContain('<app-root'); // routes get the page
  });

  it('relays a streamed answer with its own model, instructions and tools, whatever the browser asks for', async () => {
    const events = await ask({ input: 'Hello relay', temperature: 2, tools: [{ type: 'web_search' }] });
    expect(events.at(-1)?.type).toBe('response.completed');
    const text = (await lastValueFrom(
      browser.responses.stream({ model: 'x', input: 'Hello again' }).pipe(textDeltas(), toArray()),
    )).join('');
    expect(text).toBe('You said: Hello again');
    const body = lastPost().body as Record<string, unknown>;
    expect(body['model']).toBe('gpt-4.1-mini');
    expect(body['background']).toBe(true);
    expect(body['temperature']).toBeUndefined();
    expect((body['tools'] as Array<{ name?: string }>).map((tool) => tool.name)).toEqual(['get_weather']);
    expect(body['input']).toEqual([{ role: 'user', content: 'Hello again' }]);
  });

  it("keeps its instructions and tool definitions from the browser: not in a stream, a resumed stream or a cancel's answer", async () => {
    const told = (text: string) => ['concise assistant', 'The current weather of a city', '"additionalProperties"'].filter((part) => text.includes(part));
    const stream = await postJson('/api/v1/responses', { input: 'What were you told?', stream: true });
    expect(told(JSON.stringify(lastPost().body))).toHaveLength(3); // the API gets them
    const id = /"id":"(resp_[^"]+)"/.exec(stream.text)![1]!;
    const resumed = await request('GET', `/api/v1/responses/${id}?stream=true&starting_after=0`);
    for (const reply of [stream, resumed]) {
      expect(reply.text).toContain('event: response.completed');
      expect(told(reply.text)).toEqual([]);
    }
    // A cancel needs a response still running: a paced upstream.
    const paced = await startEmulator({ pacing: { eventMs: 5, deltaMs: 50 } });
    const pacedRelay = await startRelay({ browserDir: dir, upstream: { apiKey: 'k', baseURL: paced.url, maxRetries: 0 }, model: 'gpt-4.1-mini' });
    try {
      const created = await firstValueFrom(createClient({ baseURL: `${pacedRelay.url}api/v1`, maxRetries: 0 }).responses.stream({ model: 'x', input: 'A long answer, please, about the sea and the ships' }));
      expect(told(JSON.stringify(created))).toEqual([]);
      const cancel = await request('POST', `/api/v1/responses/${(created as { response: { id: string } }).response.id}/cancel`, undefined, {}, pacedRelay);
      expect([cancel.status, JSON.parse(cancel.text)]).toEqual([200, expect.objectContaining({ object: 'response', status: 'cancelled' })]);
      expect(told(cancel.text)).toEqual([]);
    } finally {
      await pacedRelay.close();
      await paced.close();
    }
  });

  it('cancels nothing when the browser leaves once it has the id (a dropped connection): the browser resumes it to its end', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 5, deltaMs: 50 } });
    const pacedRelay = await startRelay({ browserDir: dir, upstream: { apiKey: 'k', baseURL: paced.url, maxRetries: 0 }, model: 'gpt-4.1-mini' });
    try {
      const client = createClient({ baseURL: `${pacedRelay.url}api/v1`, maxRetries: 0 });
      // The browser leaves at the first event: the relay's upstream stream is unsubscribed, its id known to the browser.
      const created = await firstValueFrom(client.responses.stream({ model: 'x', input: 'A long answer, please, about the sea and the ships' }));
      const id = (created as { response: { id: string } }).response.id;
      const resumed = await lastValueFrom(client.responses.stream({ response_id: id, starting_after: 0 }).pipe(toArray()));
      expect(resumed.at(-1)?.type).toBe('response.completed');
      expect(paced.requests.filter((record) => record.path.endsWith('/cancel'))).toEqual([]);
    } finally {
      await pacedRelay.close();
      await paced.close();
    }
  });

  it('refuses what the app never sends, in the API\'s error shape', async () => {
    const cases: Array<[number, string, string | undefined, Record<string, string>]> = [
      [415, '/api/v1/responses', '{"input":"hi","stream":true}', { 'content-type': 'text/plain' }],
      [400, '/api/v1/responses', 'not json', { 'content-type': 'application/json' }],
      [400, '/api/v1/responses', '{"input":"hi"}', { 'content-type': 'application/json' }],
      [400, '/api/v1/responses', '{"input":42,"stream":true}', { 'content-type': 'application/json' }],
      [400, '/api/v1/responses', JSON.stringify({ input: 'x'.repeat(4001), stream: true }), { 'content-type': 'application/json' }],
      [413, '/api/v1/responses', JSON.stringify({ input: 'x'.repeat(20_000), stream: true }), { 'content-type': 'application/json' }],
      [404, '/api/v1/responses', '{"input":"hi","stream":true,"previous_response_id":"resp_not_ours"}', { 'content-type': 'application/json' }],
      [404, '/api/v1/chat/completions', '{}', { 'content-type': 'application/json' }],
    ];
    const before = emulator.requests.length;
    for (const [status, path, body, headers] of cases) {
      const reply = await request('POST', path, body, headers);
      expect([path, body?.slice(0, 60), reply.status]).toEqual([path, body?.slice(0, 60), status]);
      expect(JSON.parse(reply.text)).toEqual({ error: expect.objectContaining({ message: expect.any(String), type: 'invalid_request_error' }) });
    }
    expect((await request('GET', '/api/v1/responses/resp_not_ours?stream=true')).status).toBe(404);
    expect((await request('GET', '/api/v1/responses/resp_%E0%A4%A?stream=true')).status).toBe(404); // not UTF-8
    expect((await request('POST', '/api/v1/responses/resp_not_ours/cancel')).status).toBe(404);
    expect(emulator.requests.length).toBe(before); // none reached the API
  });

  it('closes the connection of a body it refused unread: the next request on a kept-alive connection is answered', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(relay.url);
    const send = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method, path, agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await send('POST', '/api/v1/responses', JSON.stringify({ input: 'x'.repeat(1_000_000), stream: true }))).toBe(413);
      // The same socket, were it kept: the rest of the refused body is never read, and the next request waits
      // unanswered until the server drops the connection (ECONNRESET after its keep-alive timeout).
      expect(await send('GET', '/')).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('resumes a response after a sequence number, from the query or from Last-Event-ID', async () => {
    const events = await ask({ input: 'Resume me please' });
    const id = (events[0] as Extract<ResponseStreamEvent, { type: 'response.created' }>).response.id;
    const byQuery = await request('GET', `/api/v1/responses/${id}?stream=true&starting_after=3`);
    const byHeader = await request('GET', `/api/v1/responses/${id}?stream=true&starting_after=1`, undefined, { 'last-event-id': '5' });
    const ids = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    const last = events.at(-1)!.sequence_number!;
    expect(ids(byQuery.text)).toEqual(Array.from({ length: last - 3 }, (_, i) => i + 4));
    expect(ids(byHeader.text)).toEqual(Array.from({ length: last - 5 }, (_, i) => i + 6)); // the header wins
    // A malformed position is refused before the stream starts, in the API's error shape.
    for (const [query, headers, param] of [
      ['&starting_after=abc', {}, 'starting_after'],
      ['', { 'last-event-id': 'abc' }, 'Last-Event-ID'],
    ] as const) {
      const refused = await request('GET', `/api/v1/responses/${id}?stream=true${query}`, undefined, headers);
      expect([refused.status, JSON.parse(refused.text)]).toEqual([400, { error: expect.objectContaining({ param, type: 'invalid_request_error' }) }]);
    }
    const gets = emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/responses/${id}`);
    expect(gets.map((r) => new URLSearchParams(r.query).get('starting_after'))).toEqual(['3', '5']);
  });

  it('runs the tool calls of a response itself and answers with their outputs', async () => {
    const first = await ask({ input: 'Please get weather in Lisbon' });
    const completed = first.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    const call = completed.response.output.find((item) => item.type === 'function_call') as { call_id: string } | undefined;
    expect(call).toBeDefined();
    const text = (await lastValueFrom(
      browser.responses.stream({ model: 'x', previous_response_id: completed.response.id }).pipe(textDeltas(), toArray()),
    )).join('');
    expect(text).toBe('get_weather returned: {"city":"Lisbon","temperature_c":18,"conditions":"light rain"}');
    expect((lastPost().body as { input: unknown }).input).toEqual([
      { type: 'function_call_output', call_id: call!.call_id, output: '{"city":"Lisbon","temperature_c":18,"conditions":"light rain"}' },
    ]);
    // A response without tool calls has nothing to continue.
    const plain = await ask({ input: 'No tools here' });
    const plainId = (plain.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>).response.id;
    expect((await postJson('/api/v1/responses', { previous_response_id: plainId, stream: true })).status).toBe(400);
  });

  it("answers a refusal of its own key upstream (401, 403) as 502: the browser's credentials are not in question", async () => {
    const first = await ask({ input: 'Please get weather in Bergen' });
    const id = (first.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>).response.id;
    for (const status of [401, 403]) {
      emulator.inject({ kind: 'serverError', status }, { match: { method: 'GET', path: `/v1/responses/${id}` } });
      const reply = await postJson('/api/v1/responses', { previous_response_id: id, stream: true });
      expect([status, reply.status, JSON.parse(reply.text)]).toEqual([status, 502, { error: expect.objectContaining({ message: 'The upstream API failed.' }) }]);
    }
    // An answer the browser's request caused passes as it came: a response the API no longer has is a 404.
    emulator.inject({ kind: 'serverError', status: 404 }, { match: { method: 'GET', path: `/v1/responses/${id}` } });
    expect((await postJson('/api/v1/responses', { previous_response_id: id, stream: true })).status).toBe(404);
  });

  it('never sends the API key to the browser', async () => {
    const page = await request('GET', '/');
    const stream = await postJson('/api/v1/responses', { input: 'Show me your key', stream: true });
    const refused = await postJson('/api/v1/responses', { input: 42, stream: true });
    for (const reply of [page, stream, refused]) {
      expect(reply.text).not.toContain(SECRET);
      expect(JSON.stringify(reply.headers)).not.toContain(SECRET);
    }
    expect(stream.text).toContain('event: response.completed');
  });
});

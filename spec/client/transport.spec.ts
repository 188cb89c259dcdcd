import { firstValueFrom, lastValueFrom, map, type Observable, tap, toArray, VirtualTimeScheduler } from 'rxjs';
import OpenAI from 'openai';
import { APIConnectionError, APIError, createAssistantsClient, createClient, finalRun, IncompleteStreamError, InternalServerError, StreamTimeoutError } from '../../src/index';
import { faultHeader, startEmulator } from '../../src/testing/index';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const ctx = useEmulator();

let assistantId = '';
let threadId = '';
beforeAll(async () => {
  assistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }))).id;
  threadId = (await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }))).id;
});

/** Lets pending I/O callbacks and promise jobs run. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** The real fetch, with a record of what was sent and whether its signal was aborted. */
function recordingFetch() {
  const calls: { url: string; signal: AbortSignal; headers: boolean }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const call = { url: String(input), signal: init!.signal!, headers: false };
    calls.push(call);
    const response = await fetch(input, init);
    call.headers = true;
    return response;
  };
  return { calls, fetchImpl };
}

const threadPath = () => `/v1/threads/${threadId}`;

/**
 * A virtual clock for a call's deadline and backoff, and a recorded fetch: the test moves time once the answer's
 * headers came (`bodyPhase`), so a deadline that expires is the body's, whatever the machine's load.
 */
function virtualTime() {
  const scheduler = new WatchedScheduler();
  const { calls, fetchImpl } = recordingFetch();
  /** Resolves once the headers of the `n`-th fetch came and the client reads its body. */
  const bodyPhase = async (n = 0) => {
    while (!calls[n]?.headers) await settle();
    await settle();
  };
  /** Resolves once a first retry's backoff (375 to 500 ms: 0.5 s less up to 25% jitter) waits on the scheduler. */
  const backoff = () => scheduler.waitScheduled((ms) => ms >= 375 && ms <= 500);
  return { scheduler, calls, fetchImpl, bodyPhase, backoff };
}

describe('bodies are bounded by the timeout', () => {
  it('a JSON body that stalls after its headers fails with StreamTimeoutError("body") and the request is aborted', async () => {
    const time = virtualTime();
    const client = ctx.clientWith({ maxRetries: 0, scheduler: time.scheduler, fetch: time.fetchImpl });
    ctx.emulator.inject({ kind: 'stallBody' }, { match: { method: 'GET', path: threadPath() } });
    const answer = firstValueFrom(client.threads.retrieve(threadId, { timeout: 300 })).catch((e: unknown) => e);
    await time.bodyPhase();
    time.scheduler.advanceTo(299);
    expect(time.calls[0]!.signal.aborted).toBe(false);
    time.scheduler.advanceTo(300);
    const error = await answer;
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ kind: 'body', timeoutMs: 300 });
    const record = ctx.emulator.requests.filter((r) => r.path === threadPath()).at(-1)!;
    expect(record.faults).toEqual(['stallBody']);
    expect((await record.ended).clientClosed).toBe(true);
  });

  it('a GET whose body stalled is retried', async () => {
    const time = virtualTime();
    const client = ctx.clientWith({ scheduler: time.scheduler, fetch: time.fetchImpl });
    ctx.emulator.inject({ kind: 'stallBody' }, { match: { method: 'GET', path: threadPath() } });
    const answer = firstValueFrom(client.threads.retrieve(threadId, { timeout: 300 }));
    await time.bodyPhase();
    const backoff = time.backoff();
    time.scheduler.advanceTo(300); // the body's deadline
    await backoff;
    time.scheduler.advanceTo(800); // the backoff, at most 500 ms; not the retry's own deadline (at 975 or later)
    const thread = await answer;
    expect(thread.id).toBe(threadId);
    expect(time.calls).toHaveLength(2);
  });

  it('a JSON call answered with an event stream’s content type is bounded the same way (it asked for JSON)', async () => {
    // A gateway that labels everything text/event-stream, and stalls in the middle of the body.
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('{"id":"conv_1",');
    });
    try {
      const time = virtualTime();
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, timeout: 300, idleTimeout: 60_000, scheduler: time.scheduler, fetch: time.fetchImpl });
      const answer = firstValueFrom(client.conversations.retrieve('conv_1')).catch((e: unknown) => e);
      await time.bodyPhase();
      time.scheduler.advanceTo(300);
      const error = await answer;
      expect(error).toBeInstanceOf(StreamTimeoutError);
      expect(error).toMatchObject({ kind: 'body', timeoutMs: 300 });
    } finally {
      await server.close();
    }
  });

  it('an error body that stalls is bounded too: the error of its status, without its body', async () => {
    const headers = faultHeader([{ kind: 'serverError', status: 500 }, { kind: 'stallBody', bytes: 10 }]);
    const time = virtualTime();
    const client = ctx.clientWith({ scheduler: time.scheduler, fetch: time.fetchImpl });
    const answer = firstValueFrom(client.threads.retrieve(threadId, { timeout: 300, maxRetries: 0, headers })).catch((e: unknown) => e);
    await time.bodyPhase();
    time.scheduler.advanceTo(300);
    const error = await answer;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, requestId: expect.any(String), message: `500 its body did not come within 300 ms (GET ${threadPath().slice(3)})` });
  });

  it("a POST answered 503 whose body stalls is retried, as a 503 is (the status said it; the body is only an excerpt)", async () => {
    let requests = 0;
    const server = await listen((_req, res) => {
      if (++requests === 1) {
        res.writeHead(503, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
        res.write('{"error":'); // and nothing more
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'conv_1', object: 'conversation', created_at: 1, metadata: {} }));
    });
    try {
      const time = virtualTime();
      const client = createClient({ apiKey: 'k', baseURL: server.url, timeout: 300, maxRetries: 1, scheduler: time.scheduler, fetch: time.fetchImpl });
      const answer = firstValueFrom(client.conversations.create({}));
      await time.bodyPhase();
      const backoff = time.backoff();
      time.scheduler.advanceTo(300); // the 503's body did not come
      await backoff;
      time.scheduler.advanceTo(800);
      await expect(answer).resolves.toMatchObject({ id: 'conv_1' });
      expect(requests).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('a JSON body cut by the connection (resetBody)', () => {
  it('a GET: retried, and the answer of the retry is the value', async () => {
    const from = ctx.emulator.requests.length;
    ctx.emulator.inject({ kind: 'resetBody' }, { match: { method: 'GET', path: threadPath() } });
    const time = virtualTime();
    const client = ctx.clientWith({ scheduler: time.scheduler, fetch: time.fetchImpl });
    const backoff = time.backoff();
    const answer = firstValueFrom(client.threads.retrieve(threadId));
    await backoff; // the cut was read: the retry waits
    time.scheduler.advanceTo(500);
    const thread = await answer;
    expect(thread.id).toBe(threadId);
    expect(ctx.emulator.requests.slice(from).map((r) => r.faults)).toEqual([['resetBody'], []]);
  });

  it('out of retries, or for a POST (its answer is lost, not sent again): APIConnectionError with the cut as cause', async () => {
    ctx.emulator.inject({ kind: 'resetBody' }, { match: { method: 'GET', path: threadPath() } });
    const error = await firstValueFrom(ctx.client.threads.retrieve(threadId, { maxRetries: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/^Connection error while reading the body: terminated.* \(GET \/threads\/thread_\w+\)$/);
    expect(((error as Error).cause as Error).name).toBe('TypeError');

    const from = ctx.emulator.requests.length;
    ctx.emulator.inject({ kind: 'resetBody' }, { match: { method: 'POST', path: '/threads' } });
    const posted = await firstValueFrom(ctx.client.threads.create({})).catch((e: unknown) => e);
    expect(posted).toBeInstanceOf(APIConnectionError);
    expect(ctx.emulator.requests.slice(from).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a recovery poll whose body is cut is polled again: the cut run stream still completes', async () => {
    const thread = (await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Tell me about the sea' }] }))).id;
    const cut = ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: { method: 'POST', path: /\/runs$/ } });
    const poll = ctx.emulator.inject({ kind: 'resetBody' }, { match: { method: 'GET', path: /\/runs\/run_\w+$/ } });
    const time = virtualTime();
    const client = ctx.clientWith({ scheduler: time.scheduler });
    let ended = false;
    const call = lastValueFrom(client.threads.runs.stream(thread, { assistant_id: assistantId }).pipe(toArray())).finally(() => (ended = true));
    // The recovery's short waits (the poll's backoff, its poll interval) pass at once; a deadline (a minute or more)
    // never does.
    while (!ended) {
      await settle();
      const next = time.scheduler.actions[0];
      if (next !== undefined && next.delay - time.scheduler.frame <= 1000) time.scheduler.advanceTo(next.delay);
    }
    const events = await call;
    expect([cut.hits, poll.hits]).toEqual([1, 1]);
    expect(events.at(-1)!.event).toBe('thread.run.completed');
  });

  it('the official SDK rejects with undici’s own TypeError on the same answer', async () => {
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    ctx.emulator.inject({ kind: 'resetBody' }, { match: { method: 'GET', path: threadPath() } });
    const error = await sdk.beta.threads.retrieve(threadId).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TypeError');
    expect((error as Error).message).toBe('terminated');
  });
});

describe('unsubscribing sends nothing more', () => {
  it('while a failed attempt’s error body is read', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl, scheduler, maxRetries: 3 });
    const headers = faultHeader([{ kind: 'serverError', status: 503 }, { kind: 'stallBody', bytes: 5 }]);
    const from = ctx.emulator.requests.length;
    const subscription = client.threads.retrieve(threadId, { headers }).subscribe({ error: () => undefined });
    const record = await ctx.emulator.waitForRequest({ path: threadPath(), nth: ctx.emulator.requests.filter((r) => r.path === threadPath()).length + 1 });
    while (!calls[0]?.headers) await settle();
    subscription.unsubscribe();
    expect((await record.ended).clientClosed).toBe(true);
    await settle();
    scheduler.flush(); // any retry that was scheduled would run now
    await settle();
    expect(calls).toHaveLength(1);
    expect(ctx.emulator.requests.slice(from)).toHaveLength(1);
  });

  it('during the backoff before a retry', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl, scheduler, maxRetries: 3 });
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'GET', path: threadPath() } });
    const from = ctx.emulator.requests.length;
    const subscription = client.threads.retrieve(threadId).subscribe({ error: () => undefined });
    // The 429 was read: the retry waits on the scheduler.
    while (!scheduler.actions.some((action) => action.delay === 50)) await settle();
    subscription.unsubscribe();
    scheduler.flush();
    await settle();
    expect(calls).toHaveLength(1);
    expect(ctx.emulator.requests.slice(from).map((r) => r.status)).toEqual([429]);
  });

  it('a retry is sent when nobody unsubscribes (the same set-up, as a control)', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl, scheduler, maxRetries: 3 });
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'GET', path: threadPath() } });
    const done = firstValueFrom(client.threads.retrieve(threadId));
    while (!scheduler.actions.some((action) => action.delay === 50)) await settle();
    scheduler.maxFrames = 1_000; // up to the retry, not to the retry's own deadline
    scheduler.flush();
    expect((await done).id).toBe(threadId);
    expect(calls).toHaveLength(2);
  });
});

describe('unsubscribing from a run call sends nothing more', () => {
  it('during the backoff of runs.createAndPoll, and during its poll wait', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl, scheduler, pollIntervalMs: 5 });
    const thread = await firstValueFrom(client.threads.create({}));

    // Backoff: a 429 on the create.
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 40 }, { match: { method: 'POST', path: /\/runs$/ } });
    let sent = calls.length;
    let subscription = client.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId }).subscribe({ error: () => undefined });
    while (!scheduler.actions.some((action) => action.delay === scheduler.frame + 40)) await settle();
    subscription.unsubscribe();
    scheduler.flush();
    await settle();
    expect(calls.length - sent).toBe(1);

    // Poll wait: the run was created; the next retrieve waits on the scheduler.
    sent = calls.length;
    const states: string[] = [];
    subscription = client.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId }, { pollIntervalMs: 1_000 })
      .subscribe({ next: (run) => states.push(run.status), error: () => undefined });
    while (states.length === 0 || !scheduler.actions.some((action) => action.delay === scheduler.frame + 1_000)) await settle();
    subscription.unsubscribe();
    scheduler.flush();
    await settle();
    expect(calls.length - sent).toBe(1);
    await ctx.emulator.idle();
  });
});

describe('a response read to its end is not aborted', () => {
  it('a run stream and a JSON body: no signal aborted, every exchange finished', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl });
    const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    const from = ctx.emulator.requests.length;
    const run = await lastValueFrom(client.threads.runs.stream(thread.id, { assistant_id: assistantId }).pipe(finalRun()));
    expect(run.status).toBe('completed');
    await firstValueFrom(client.threads.retrieve(thread.id));
    await settle();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.filter((call) => call.signal.aborted).map((call) => call.url)).toEqual([]);
    const records = ctx.emulator.requests.slice(from);
    await Promise.all(records.map((r) => r.ended));
    expect(records.map((r) => r.outcome)).toEqual(records.map(() => 'finished'));
  });

  it('a Responses stream, which ends with its terminal event (no [DONE]): no signal aborted, the exchange finished', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const client = createClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl });
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray()));
    expect(events.at(-1)?.type).toBe('response.completed');
    await settle();
    expect(calls.map((call) => call.signal.aborted)).toEqual([false]);
    const records = ctx.emulator.requests.slice(from);
    await Promise.all(records.map((r) => r.ended));
    expect(records.map((r) => r.outcome)).toEqual(['finished']);
  });

  it('a 4xx/5xx error body read to its end is not aborted either', async () => {
    const { calls, fetchImpl } = recordingFetch();
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: fetchImpl, maxRetries: 0 });
    const error = await firstValueFrom(client.threads.retrieve(threadId, { headers: faultHeader({ kind: 'serverError' }) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(calls.map((call) => call.signal.aborted)).toEqual([false]);
  });
});

describe('a redirect to another origin', () => {
  it("is not followed with a header of the caller's own (an Azure api-key): an APIError of its status, nothing sent there", async () => {
    const elsewhere: Array<Record<string, unknown>> = [];
    const other = await listen((req, res) => {
      elsewhere.push({ ...req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'conv_1', object: 'conversation', created_at: 1, metadata: {} }));
    });
    const azure = await listen((req, res) => res.writeHead(307, { location: `${other.url}${req.url}` }).end());
    try {
      const keyed = createClient({ apiKey: '', headers: { 'api-key': 'SECRET-AZURE-KEY' }, baseURL: azure.url, maxRetries: 0 });
      const error = await firstValueFrom(keyed.conversations.retrieve('conv_1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(307);
      // A key per call is the caller's own too.
      const perCall = createClient({ apiKey: '', baseURL: azure.url, maxRetries: 0 });
      const again = await firstValueFrom(perCall.conversations.retrieve('conv_1', { headers: { 'api-key': 'SECRET-AZURE-KEY' } })).catch((e: unknown) => e);
      expect((again as APIError).status).toBe(307);
      expect(elsewhere).toEqual([]);

      // With the key in Authorization only, fetch follows the redirect and drops that header itself.
      const bearer = createClient({ apiKey: 'sk-SECRET', baseURL: azure.url, maxRetries: 0 });
      expect((await firstValueFrom(bearer.conversations.retrieve('conv_1'))).id).toBe('conv_1');
      expect(elsewhere).toHaveLength(1);
      expect(elsewhere[0]!['authorization']).toBeUndefined();
    } finally {
      await Promise.all([azure.close(), other.close()]);
    }
  });

  it("a browser's hidden redirect (an opaque redirect, status 0) is an APIError that says so", async () => {
    // What a browser's fetch gives for `redirect: 'manual'`: no status, no headers, no body.
    const opaque = { ok: false, status: 0, statusText: '', type: 'opaqueredirect', headers: new Headers(), body: null } as unknown as Response;
    const client = createClient({ apiKey: '', headers: { 'api-key': 'k' }, baseURL: 'https://azure.test/openai/v1', maxRetries: 0, fetch: async () => opaque });
    const error = await firstValueFrom(client.conversations.retrieve('conv_1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 0, message: expect.stringContaining("redirect not followed (the caller's headers)") });
    // A status 0 that is no redirect (a custom fetch's Response.error(), without headers of the caller's own) is not called one.
    const plain = createClient({ apiKey: 'k', baseURL: 'https://api.test/v1', maxRetries: 0, fetch: async () => Response.error() });
    const other = await firstValueFrom(plain.conversations.retrieve('conv_1')).catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 0 });
    expect((other as Error).message).not.toContain('redirect');
  });

  it('is followed on the same origin for a stream with none of the caller’s headers (the library’s own accept is none), as the SDK follows it', async () => {
    // A proxy whose old paths answer 307 to its new ones, which it passes on to the emulator.
    const proxy = await listen(async (req, res) => {
      if (req.url!.startsWith('/old/')) return void res.writeHead(307, { location: req.url!.slice('/old'.length) }).end();
      let body = '';
      for await (const chunk of req) body += chunk;
      const pass = ['authorization', 'content-type', 'accept'].filter((name) => req.headers[name] !== undefined);
      const answer = await fetch(`${ctx.emulator.url}${req.url!.slice('/v1'.length)}`, {
        method: req.method!,
        headers: Object.fromEntries(pass.map((name) => [name, String(req.headers[name])])),
        ...(body ? { body } : {}),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    try {
      const client = createClient({ apiKey: 'test', baseURL: `${proxy.url}/old/v1`, maxRetries: 0 });
      const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray()));
      expect(events.at(-1)!.type).toBe('response.completed');
      // A header given as undefined or null sends nothing of the caller's: followed too.
      const unset = { 'X-Tag': undefined, 'OpenAI-Beta': null } as unknown as Record<string, string>;
      const loose = createClient({ apiKey: 'test', baseURL: `${proxy.url}/old/v1`, maxRetries: 0, headers: unset });
      expect((await lastValueFrom(loose.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray()))).at(-1)!.type).toBe('response.completed');
    } finally {
      await proxy.close();
    }
  });
});

describe('credentials a server echoes never reach an error message', () => {
  it('the API key in a JSON error or in a proxy’s HTML page is masked (the message, and the body’s message)', async () => {
    const key = 'sk-proj-SECRETSECRET0123456789';
    const server = await listen((req, res) => {
      const auth = req.headers['authorization'] ?? '';
      if (req.url!.includes('json')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `Incorrect API key provided: ${auth}`, type: 'invalid_request_error', code: 'invalid_api_key', param: null } }));
      } else {
        res.writeHead(403, { 'content-type': 'text/html' }).end(`<html><body>Forbidden for ${auth} (key ${key})</body></html>`);
      }
    });
    try {
      const client = createClient({ apiKey: key, baseURL: server.url, maxRetries: 0 });
      for (const id of ['json', 'html']) {
        const error = await firstValueFrom(client.conversations.retrieve(id)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(APIError);
        const message = (error as APIError).message;
        expect(message).not.toContain('SECRETSECRET');
        expect(message).toContain('***6789');
        expect(JSON.stringify((error as APIError).error ?? {})).not.toContain('SECRETSECRET');
      }
    } finally {
      await server.close();
    }
  });
});

describe('an error body is read only as far as an error needs', () => {
  it('a huge error page is not read whole: the rest is cancelled, the error still typed with an excerpt', async () => {
    let serverEnded!: (finished: boolean) => void;
    const ended = new Promise<boolean>((resolve) => (serverEnded = resolve));
    const server = await listen((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
      let sent = 0;
      // 16 MB in all, written as the client takes it.
      const write = () => {
        while (sent < 256) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('close', () => serverEnded(res.writableFinished));
      write();
    });
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const error = await firstValueFrom(client.conversations.retrieve('conv_1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(502);
      expect((error as APIError).message.length).toBeLessThan(400);
      expect(await ended).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('an event stream is told by its content type in any letter case', () => {
  it.each(['Text/Event-Stream', 'TEXT/EVENT-STREAM; charset=utf-8'])('%s: chunks stream as they come, not once the body ended', async (type) => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    let firstSeen!: () => void;
    const seen = new Promise<void>((resolve) => (firstSeen = resolve));
    let restSent = false;
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.write(chunk('Hel'));
      // The rest goes once the client has shown the first chunk, or after 2 s (a client that waits for the body's end).
      void Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 2000))]).then(() => {
        restSent = true;
        res.end(chunk('lo') + `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      });
    });
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const sentBefore: boolean[] = [];
      const chunks = await lastValueFrom(
        client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }).pipe(
          tap(() => {
            sentBefore.push(restSent);
            firstSeen();
          }),
          toArray(),
        ),
      );
      expect(chunks).toHaveLength(3);
      expect(sentBefore[0]).toBe(false);
    } finally {
      await server.close();
    }
  });
});

/** A conversation, as the API answers for one. */
const CONVERSATION = JSON.stringify({ id: 'conv_1', object: 'conversation', created_at: 1, metadata: {} });

/** A server on 127.0.0.1 that keeps each request's headers and answers `status` with the JSON `body`. */
async function headerServer(status: number, body: string) {
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  const server = await listen((req, res) => {
    seen.push({ ...req.headers });
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  return { server, seen };
}

describe("the caller's headers", () => {
  it('replace the library’s of the same name in any letter case, as the SDK’s do: one Authorization, the caller’s idempotency key', async () => {
    const { server, seen } = await headerServer(200, CONVERSATION);
    const names = ['authorization', 'idempotency-key', 'accept', 'content-type', 'x-count'];
    const picked = () => seen.splice(0).map((headers) => Object.fromEntries(names.map((name) => [name, headers[name]])));
    try {
      // A number from plain JS is sent as its text, as the SDK sends it.
      const clientHeaders = { authorization: 'Bearer sk-relay', ACCEPT: 'application/json', 'X-Count': 5 as unknown as string };
      const callHeaders = { 'idempotency-key': 'my-key-1', 'Content-Type': 'application/json' };
      const ours = createClient({ apiKey: 'sk-env', baseURL: server.url, headers: clientHeaders, maxRetries: 0 });
      await firstValueFrom(ours.conversations.create({}, { headers: callHeaders }));
      const theirs = new OpenAI({ apiKey: 'sk-env', baseURL: server.url, defaultHeaders: clientHeaders, maxRetries: 0 });
      await theirs.conversations.create({}, { headers: callHeaders });
      const [mine, sdk] = picked();
      expect(mine).toEqual({ authorization: 'Bearer sk-relay', 'idempotency-key': 'my-key-1', accept: 'application/json', 'content-type': 'application/json', 'x-count': '5' });
      expect(mine).toEqual(sdk);

      // A header given as undefined (plain JS, an unset variable) leaves the library's; null removes it, as the SDK's.
      const loose = { Authorization: undefined, 'OpenAI-Organization': null } as unknown as Record<string, string>;
      const withLoose = createClient({ apiKey: 'sk-env', organization: 'org_1', baseURL: server.url, headers: loose, maxRetries: 0 });
      await firstValueFrom(withLoose.conversations.create({}));
      await new OpenAI({ apiKey: 'sk-env', organization: 'org_1', baseURL: server.url, defaultHeaders: loose, maxRetries: 0 }).conversations.create({});
      const [ours2, theirs2] = seen.splice(0).map((headers) => [headers['authorization'], headers['openai-organization']]);
      expect(ours2).toEqual(['Bearer sk-env', undefined]);
      expect(ours2).toEqual(theirs2);
    } finally {
      await server.close();
    }
  });
});

describe("the caller's headers as a Headers or a list of pairs", () => {
  it('are sent as the SDK sends them, for the client and for a call, a stream too; a string is a TypeError saying where', async () => {
    const { server, seen } = await headerServer(500, '{"error":{"message":"no"}}');
    const pick = () => seen.splice(0).map((h) => [h['api-key'], h['x-call'], h['accept']]);
    try {
      for (const [clientHeaders, callHeaders] of [
        [new Headers({ 'api-key': 'K1' }), new Headers({ 'X-Call': 'c1' })],
        [[['api-key', 'K1']], [['X-Call', 'c1']]],
      ] as const) {
        const ours = createClient({ apiKey: '', baseURL: server.url, headers: clientHeaders, maxRetries: 0 });
        await firstValueFrom(ours.conversations.retrieve('conv_1', { headers: callHeaders })).catch(() => undefined);
        await lastValueFrom(ours.responses.stream({ model: 'm', input: 'hi' }, { headers: callHeaders })).catch(() => undefined);
        const theirs = new OpenAI({ apiKey: 'none', baseURL: server.url, defaultHeaders: clientHeaders as never, maxRetries: 0 });
        await theirs.conversations.retrieve('conv_1', { headers: callHeaders as never }).catch(() => undefined);
        const [json, stream, sdk] = pick();
        expect(json).toEqual(['K1', 'c1', 'application/json']);
        expect(json).toEqual(sdk);
        expect(stream).toEqual(['K1', 'c1', 'text/event-stream']);
      }
      expect(() => createClient({ apiKey: '', baseURL: server.url, headers: 'api-key: K1' as never })).toThrow(
        new TypeError('createClient: headers must be an object, a Headers or a list of [name, value] pairs fetch can send (got string)'),
      );
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const error = await firstValueFrom(client.conversations.retrieve('conv_1', { headers: [['x-a']] as never })).catch((e: unknown) => e);
      expect(error).toEqual(new TypeError('request options: headers must be an object, a Headers or a list of [name, value] pairs fetch can send (got Array)'));
      expect(seen).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('a header value fetch cannot send', () => {
  it.each([
    ['a key with a line break', { apiKey: 'sk-proj-AbCdEfGh0123456789\nsk-proj-second' }, 'Authorization'],
    ["a caller's header with a NUL", { apiKey: '', headers: { 'api-key': '0123456789abcdef\u0000x' } }, 'api-key'],
    ['a name with a space (fetch would reject it as a connection error, retried)', { apiKey: '', headers: { 'x trace': '0123456789' } }, 'x trace'],
    ['a character beyond Latin-1', { apiKey: 'sk-проверка-0123456789' }, 'Authorization'],
  ])('%s: a TypeError naming the header, not its value, and nothing sent or retried', async (_, options, name) => {
    let calls = 0;
    const client = createClient({ baseURL: 'http://127.0.0.1:9/v1', ...options, fetch: () => (calls++, Promise.reject(new Error('sent'))) });
    const error = await firstValueFrom(client.responses.retrieve('resp_1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`The ${name} header cannot be sent`);
    expect((error as Error).message).not.toMatch(/0123456789/);
    expect(calls).toBe(0);
  });
});

describe('headers given as pairs', () => {
  it('are read as fetch reads them: a name given twice sends both values, joined; pairs fetch cannot send are a TypeError without the value', async () => {
    const { server, seen } = await headerServer(200, CONVERSATION);
    try {
      const pairs = [['x-tag', 'a'], ['X-Tag', 'b']] as const;
      await firstValueFrom(createClient({ apiKey: 'k', baseURL: server.url, headers: pairs }).conversations.retrieve('conv_1'));
      await new OpenAI({ apiKey: 'k', baseURL: server.url, defaultHeaders: pairs as never }).conversations.retrieve('conv_1');
      expect(seen.map((headers) => headers['x-tag'])).toEqual(['a, b', 'a, b']);
      const bad = () => createClient({ apiKey: '', baseURL: server.url, headers: [['api-key', '0123456789abcdef\nx']] });
      expect(bad).toThrow(new TypeError('createClient: headers must be an object, a Headers or a list of [name, value] pairs fetch can send (got Array)'));
    } finally {
      await server.close();
    }
  });
});

describe('a header value with spaces or a line end around it (a key read from a file)', () => {
  it('is sent as fetch sends it, trimmed, as the SDK sends it', async () => {
    const client = createAssistantsClient({ apiKey: 'test\n', baseURL: ctx.emulator.url, maxRetries: 0 });
    expect((await firstValueFrom(client.threads.create({}))).object).toBe('thread');
  });
});

describe('the fetch option', () => {
  it("is called as a plain function, as the SDK calls it: a browser's unbound fetch refuses any other `this`", async () => {
    const receivers: unknown[] = [];
    // As a browser's `window.fetch` checks its receiver ("Illegal invocation").
    function strictFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      receivers.push(this);
      if (this !== undefined && this !== globalThis) return Promise.reject(new TypeError('Illegal invocation'));
      return fetch(input, init);
    }
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, fetch: strictFetch, maxRetries: 0 });
    expect((await firstValueFrom(client.threads.create({}))).object).toBe('thread');
    expect(receivers).toEqual([undefined]);
  });
});

describe('x-should-retry', () => {
  /** Answers each request with the next of `answers` (status and x-should-retry), then 200 with a conversation. */
  async function answering(answers: Array<[number, string]>) {
    const seen: Array<string | undefined> = [];
    const server = await listen((req, res) => {
      seen.push(req.headers['idempotency-key'] as string | undefined);
      const next = answers.shift();
      if (!next) return res.writeHead(200, { 'content-type': 'application/json' }).end(CONVERSATION);
      const [status, shouldRetry] = next;
      res
        .writeHead(status, { 'content-type': 'application/json', 'x-should-retry': shouldRetry, 'retry-after-ms': '1' })
        .end(JSON.stringify({ error: { message: 'said', type: 'x', code: null, param: null } }));
    });
    return { server, seen };
  }

  it('false: a 429 or a 500 is not retried, as the SDK obeys it', async () => {
    for (const status of [429, 500]) {
      const ours = await answering([[status, 'false']]);
      const sdk = await answering([[status, 'false']]);
      try {
        const error = await firstValueFrom(
          createClient({ apiKey: 'k', baseURL: ours.server.url, maxRetries: 3 }).conversations.create({}),
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(APIError);
        expect((error as APIError).status).toBe(status);
        expect(ours.seen).toHaveLength(1);
        await new OpenAI({ apiKey: 'k', baseURL: sdk.server.url, maxRetries: 3 }).conversations.create({}).catch(() => undefined);
        expect(sdk.seen).toHaveLength(ours.seen.length);
      } finally {
        await ours.server.close();
        await sdk.server.close();
      }
    }
  });

  it('true: a 400 is retried, with the same idempotency key, as the SDK obeys it', async () => {
    const ours = await answering([[400, 'true']]);
    const sdk = await answering([[400, 'true']]);
    try {
      const conversation = await firstValueFrom(createClient({ apiKey: 'k', baseURL: ours.server.url, maxRetries: 3 }).conversations.create({}));
      expect(conversation.id).toBe('conv_1');
      expect(ours.seen).toHaveLength(2);
      expect(ours.seen[1]).toBe(ours.seen[0]);
      await new OpenAI({ apiKey: 'k', baseURL: sdk.server.url, maxRetries: 3 }).conversations.create({});
      expect(sdk.seen).toHaveLength(ours.seen.length);
    } finally {
      await ours.server.close();
      await sdk.server.close();
    }
  });

  it('any other value leaves it to the status: a 429 is retried, a 400 is not', async () => {
    const retried = await answering([[429, 'maybe']]);
    const refused = await answering([[400, 'maybe']]);
    try {
      await firstValueFrom(createClient({ apiKey: 'k', baseURL: retried.server.url, maxRetries: 3 }).conversations.create({}));
      expect(retried.seen).toHaveLength(2);
      const error = await firstValueFrom(createClient({ apiKey: 'k', baseURL: refused.server.url, maxRetries: 3 }).conversations.create({})).catch((e: unknown) => e);
      expect((error as APIError).status).toBe(400);
      expect(refused.seen).toHaveLength(1);
    } finally {
      await retried.server.close();
      await refused.server.close();
    }
  });
});

/**
 * The real fetch, with the JSON answers of the requests `matches` picks rewritten by `rewrite` (a server whose answers
 * carry other ids); every request's method and path recorded in `seen`.
 */
function runAnswersRewritten(
  matches: (method: string, path: string) => boolean,
  rewrite: (answer: Record<string, unknown>) => Record<string, unknown>,
  seen: string[] = [],
): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const method = init?.method ?? 'GET';
    const path = new URL(String(input)).pathname;
    seen.push(`${method} ${path}`);
    if (!matches(method, path)) return response;
    const answer = rewrite((await response.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(answer), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

describe('ids in request paths', () => {
  it('an id that would name another path ("", ".", "..", not a string) is refused before anything is sent, as the SDK refuses it', async () => {
    const paths: string[] = [];
    const server = await listen((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(CONVERSATION);
    });
    try {
      const client = createClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
      const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
      for (const id of ['..', '.', '', undefined, null]) {
        const bad = id as string;
        // `/conversations/conv_1/items/..` is the conversation itself; `/responses/..` the API's root.
        expect(() => client.conversations.items.delete(bad, { conversation_id: 'conv_1' })).toThrow(TypeError);
        expect(() => client.conversations.items.delete('item_1', { conversation_id: bad })).toThrow(TypeError);
        expect(() => client.responses.retrieve(bad)).toThrow(
          new TypeError(`An id in a request path must be a string other than "", "." and ".." (got ${typeof id === 'string' ? JSON.stringify(id) : String(id)})`),
        );
        expect(() => client.responses.cancel(bad)).toThrow(TypeError);
        expect(() => client.files.retrieve(bad)).toThrow(TypeError);
        expect(() => client.vectorStores.retrieve(bad)).toThrow(TypeError);
        // The SDK throws at the call too (but for an empty id).
        if (id !== '') expect(() => sdk.responses.retrieve(bad)).toThrow(/Path parameters/);
      }
      expect(paths).toEqual([]);

      // Ids with dots or slashes that are not a whole segment are encoded, and reach the path they name.
      for (const id of ['a..b', '.x', '...', '%2e%2e', '../x']) await firstValueFrom(client.conversations.retrieve(id));
      expect(paths).toEqual(['a..b', '.x', '...', '%252e%252e', '..%2Fx'].map((segment) => `GET /conversations/${segment}`));
    } finally {
      await server.close();
    }
  });

  it('a response id a server sent that cannot name an object is taken as none: a cut is the cut, unsubscribing never throws', async () => {
    for (const id of ['', '.', '..']) {
      const paths: string[] = [];
      const server = await listen((req, res) => {
        paths.push(`${req.method} ${req.url}`);
        if (req.method !== 'POST' || req.url !== '/responses') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
        const background = req.headers['x-background'] === '1';
        const response = { id, object: 'response', status: 'in_progress', background, output: [], model: 'm', created_at: 1 };
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response })}\n\n`);
        // Cut after the first event: a stored response's (settle) and a background one's (resume).
        if (req.headers['x-cut'] === '1') setTimeout(() => res.end(), 20);
      });
      try {
        const client = createClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 1 });
        for (const background of [true, false]) {
          const headers = { 'x-background': background ? '1' : '0', 'x-cut': '1' };
          const error = await lastValueFrom(client.responses.stream({ model: 'm', input: 'hi', background }, { headers })).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(IncompleteStreamError);
        }
        // Left while it runs, with cancelOnUnsubscribe: there is no response to cancel, and teardown does not throw.
        const received: unknown[] = [];
        const subscription = client.responses
          .stream({ model: 'm', input: 'hi', background: true }, { cancelOnUnsubscribe: true, headers: { 'x-background': '1' } })
          .subscribe((event) => received.push(event));
        while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(() => subscription.unsubscribe()).not.toThrow();
        await settle();
        expect(paths).toEqual(['POST /responses', 'POST /responses', 'POST /responses']);
      } finally {
        await server.close();
      }
    }
  });

  it("a run stream cut after a run whose id names no object: the cut is reported, no run is looked up by that id (the call's own thread id is used over the server's)", async () => {
    for (const [runId, threadId] of [['', 'thread_1'], ['..', 'thread_1'], ['run_1', ''], ['run_1', 'thread_other']]) {
      const paths: string[] = [];
      const server = await listen((req, res) => {
        paths.push(`${req.method} ${req.url}`);
        // The thread's runs (the call looks for a run its POST made): none.
        if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[],"has_more":false}');
        const run = { id: runId, object: 'thread.run', thread_id: threadId, status: 'queued', assistant_id: 'asst_1' };
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`event: thread.run.created\ndata: ${JSON.stringify(run)}\n\n`);
      });
      try {
        const recovered: unknown[] = [];
        const client = createAssistantsClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
        const error = await lastValueFrom(client.threads.runs.stream('thread_1', { assistant_id: 'asst_1' }, { onRecover: (info) => recovered.push(info) })).catch((e: unknown) => e);
        if (runId === 'run_1') {
          // The call's own thread id is used (the server's names none, or another thread), and the run looked up there.
          expect(paths[1]).toBe('GET /threads/thread_1/runs/run_1');
        } else {
          // No run to look up by that id: the run its POST made is looked for by its marker, and none is found.
          expect(error).toBeInstanceOf(IncompleteStreamError);
          expect(recovered).toEqual([]);
          expect(paths).toEqual(['POST /threads/thread_1/runs', 'GET /threads/thread_1/runs?limit=20&order=desc']);
        }
      } finally {
        await server.close();
      }
    }
  });

  it("a run stream's recovery whose answers carry a run id or thread id that names no object reports the cut, never a stream short of its text", async () => {
    const emulator = await startEmulator({ pacing: 0, statusStepMs: 50 });
    try {
      let broken: 'id' | 'thread_id' = 'id';
      // The server's answers about the run carry an empty id (or thread id).
      const breaking = runAnswersRewritten((method, path) => method === 'GET' && /\/runs\/run_[^/?]+$/.test(path), (run) => ({ ...run, [broken]: '' }));
      const plain = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url });
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, fetch: breaking, pollIntervalMs: 5, maxRetries: 0 });
      const assistant = (await firstValueFrom(plain.assistants.create({ model: 'gpt-4o' }))).id;
      for (const field of ['id', 'thread_id'] as const) {
        broken = field;
        const thread = (await firstValueFrom(plain.threads.create({ messages: [{ role: 'user', content: 'Hi there' }] }))).id;
        emulator.inject({ kind: 'endEarly', afterEvents: 2 }, { match: { method: 'POST', path: /\/runs$/ } });
        const error = await lastValueFrom(client.threads.runs.stream(thread, { assistant_id: assistant })).catch((e: unknown) => e);
        expect([field, error]).toEqual([field, expect.any(IncompleteStreamError)]);
        await emulator.idle();
        emulator.clearFaults();
      }
    } finally {
      await emulator.close();
    }
  });

  it("the plain run calls poll the run by the ids the call knows, whatever thread id the server's answer carries", async () => {
    const emulator = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5 });
    try {
      const paths: string[] = [];
      // The answer to the create carries another thread id (or none that names one).
      let other = 'thread_other';
      const rewriting = runAnswersRewritten((method, path) => method === 'POST' && path.endsWith('/runs'), (run) => ({ ...run, thread_id: other }), paths);
      const plain = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url });
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, fetch: rewriting, pollIntervalMs: 5 });
      const assistant = (await firstValueFrom(plain.assistants.create({ model: 'gpt-4o' }))).id;
      for (const thread_id of ['thread_other', '']) {
        other = thread_id;
        paths.length = 0;
        const thread = (await firstValueFrom(plain.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }))).id;
        const final = await lastValueFrom(client.threads.runs.createAndPoll(thread, { assistant_id: assistant }));
        expect(final.status).toBe('completed');
        expect(paths.filter((path) => path.startsWith('GET')).every((path) => path.startsWith(`GET /v1/threads/${thread}/runs/`))).toBe(true);
      }
    } finally {
      await emulator.close();
    }
  });

  it('a Responses stream by id resumes the response the call asked for, whatever id its events tell', async () => {
    const paths: string[] = [];
    const server = await listen((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      const response = (status: string) => ({ id: 'resp_OTHER', object: 'response', status, background: true, output: [] });
      const frame = (event: object) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (!req.url!.includes('starting_after=2')) {
        res.end(frame({ type: 'response.in_progress', sequence_number: 2, response: response('in_progress') })); // then cut
      } else res.end(frame({ type: 'response.completed', sequence_number: 3, response: response('completed') }));
    });
    try {
      const client = createClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
      const events = await lastValueFrom(client.responses.stream({ response_id: 'resp_1', starting_after: 1 }).pipe(toArray()));
      expect(events.map((e) => e.type)).toEqual(['response.in_progress', 'response.completed']);
      expect(paths).toEqual(['GET /responses/resp_1?stream=true&starting_after=1', 'GET /responses/resp_1?stream=true&starting_after=2']);
      // A cut that cannot be resumed names the response the call followed.
      const cut = await lastValueFrom(client.responses.stream({ response_id: 'resp_1', starting_after: 5 }, { recoverStreams: false })).catch((e: unknown) => e);
      expect(cut).toMatchObject({ name: 'IncompleteStreamError', responseId: 'resp_1' });
    } finally {
      await server.close();
    }
  });

  it('the vector store upload helpers refuse a store id that names no object when called, before anything is uploaded', async () => {
    const paths: string[] = [];
    const server = await listen((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    try {
      const client = createClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
      const file = new File(['notes'], 'notes.txt');
      expect(() => client.vectorStores.files.upload('..', file)).toThrow(TypeError);
      expect(() => client.vectorStores.files.uploadAndPoll('', file)).toThrow(TypeError);
      expect(() => client.vectorStores.fileBatches.uploadAndPoll('..', { files: [file] })).toThrow(TypeError);
      expect(() => client.vectorStores.files.createAndPoll('vs_1', { file_id: '..' })).toThrow(TypeError);
      expect(paths).toEqual([]);
      // A body without a file id is the API's to refuse (its 400 names the field), not a path error at the call.
      expect(() => client.vectorStores.files.createAndPoll('vs_1', {} as never).subscribe({ error: () => undefined })).not.toThrow();
    } finally {
      await server.close();
    }
  });

  it("the polling fallback's create answering a running response without a usable id: the stream's own failure stands", async () => {
    for (const id of ['', '..']) {
      const paths: string[] = [];
      const server = await listen((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk));
        req.on('end', () => {
          paths.push(`${req.method} ${req.url}`);
          if ((JSON.parse(body || '{}') as { stream?: boolean }).stream) {
            return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"down","type":"server_error"}}');
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, object: 'response', status: 'queued', background: true, output: [], model: 'm', created_at: 1 }));
        });
      });
      try {
        const client = createClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
        const error = await lastValueFrom(client.responses.stream({ model: 'm', input: 'hi', background: true }, { fallbackToPolling: true })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InternalServerError);
        expect(paths).toEqual(['POST /responses', 'POST /responses']);
      } finally {
        await server.close();
      }
    }
  });
});

describe('pendingTasks: a call holds one task, across its retries', () => {
  /** A `pendingTasks` that counts the tasks held and records when one was taken or released. */
  function countingTasks() {
    // `idle`: how many times no task was held any more (the app would be stable).
    const tasks = { held: 0, idle: 0, log: [] as string[] };
    return {
      tasks,
      pendingTasks: {
        add: () => {
          tasks.held++;
          tasks.log.push('add');
          let released = false;
          return () => {
            if (released) return;
            released = true;
            tasks.held--;
            if (tasks.held === 0) tasks.idle++;
            tasks.log.push('release');
          };
        },
      },
    };
  }

  it('a JSON call: one task from the subscription through the wait before the retry, released at the answer', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { tasks, pendingTasks } = countingTasks();
    const client = ctx.clientWith({ scheduler, maxRetries: 3, pendingTasks });
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'GET', path: threadPath() } });
    const done = firstValueFrom(client.threads.retrieve(threadId));
    expect(tasks.held).toBe(1);
    while (!scheduler.actions.some((action) => action.delay === 50)) await settle();
    // The 429 was read; the retry waits: still held.
    expect(tasks.held).toBe(1);
    scheduler.maxFrames = 1_000;
    scheduler.flush();
    expect((await done).id).toBe(threadId);
    expect(tasks.log).toEqual(['add', 'release']);
  });

  it('a stream: released when the headers of the event stream arrive, while the stream goes on', async () => {
    const { tasks, pendingTasks } = countingTasks();
    const client = ctx.clientWith({ pendingTasks });
    ctx.emulator.inject({ kind: 'stall', afterEvents: 1 }, { match: { method: 'POST', path: '/v1/responses' } });
    // firstValueFrom subscribes at once: the task is taken; at the first event it is released (read there, asserted here).
    const heldAtFirstEvent = firstValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(map(() => tasks.held)));
    expect(tasks.held).toBe(1);
    expect(await heldAtFirstEvent).toBe(0);
    expect(tasks.log).toEqual(['add', 'release']);
  });

  it('released on an error, on unsubscribing during the backoff, and for a signal aborted before the call', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { tasks, pendingTasks } = countingTasks();
    const client = ctx.clientWith({ scheduler, maxRetries: 0, pendingTasks });
    await expect(firstValueFrom(client.threads.retrieve('thread_none'))).rejects.toBeInstanceOf(APIError);
    expect(tasks.held).toBe(0);

    const retrying = ctx.clientWith({ scheduler, maxRetries: 3, pendingTasks });
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'GET', path: threadPath() } });
    const subscription = retrying.threads.retrieve(threadId).subscribe({ error: () => undefined });
    while (!scheduler.actions.some((action) => action.delay === 50)) await settle();
    expect(tasks.held).toBe(1);
    subscription.unsubscribe();
    expect(tasks.held).toBe(0);

    const aborted = AbortSignal.abort();
    await expect(firstValueFrom(client.threads.retrieve(threadId, { signal: aborted }))).rejects.toBe(aborted.reason);
    expect(tasks.held).toBe(0);
    expect(tasks.log.filter((entry) => entry === 'add')).toHaveLength(3);
  });

  it('a call that polls holds one through the waits between its polls, released at its end', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { tasks, pendingTasks } = countingTasks();
    const client = ctx.clientWith({ scheduler, pendingTasks });
    const store = await firstValueFrom(client.vectorStores.create({ name: 'docs' }));
    let states = 0;
    let finished = false;
    const done = lastValueFrom(
      client.vectorStores.files.uploadAndPoll(store.id, { name: 'a.txt', content: 'alpha' }).pipe(
        tap(() => states++),
        toArray(),
        tap(() => (finished = true)),
      ),
    );
    // Uploaded and attached (its first state emitted): the first poll waits on the scheduler, no request open.
    while (!(states > 0 && scheduler.actions.some((action) => action.delay === scheduler.frame))) await settle();
    expect(tasks.held).toBe(1);
    scheduler.maxFrames = 1_000; // the poll waits, not a request's deadline
    while (!finished) {
      scheduler.flush();
      await settle();
    }
    expect((await done).at(-1)).toMatchObject({ status: 'completed' });
    expect(tasks.held).toBe(0);
  });

  it('a run call retried by its own layer (runs.create, runs.stream) holds one through the backoff too', async () => {
    for (const method of ['create', 'stream'] as const) {
      const scheduler = new VirtualTimeScheduler();
      const { tasks, pendingTasks } = countingTasks();
      const client = ctx.clientWith({ scheduler, maxRetries: 2, pendingTasks });
      const path = `${threadPath()}/runs`;
      ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'POST', path }, times: 1 });
      const call: Observable<unknown> =
        method === 'create' ? client.threads.runs.create(threadId, { assistant_id: assistantId }) : client.threads.runs.stream(threadId, { assistant_id: assistantId });
      const subscription = call.subscribe({ error: () => undefined });
      while (!scheduler.actions.some((action) => action.delay - scheduler.frame === 50)) await settle();
      // The 429 was read; the retry waits: still held, and held all along (from the attempt's task to the wait's).
      expect(tasks.held).toBe(1);
      expect(tasks.idle).toBe(0);
      subscription.unsubscribe();
      expect(tasks.held).toBe(0);
    }
  });

  it('a stream a proxy relabelled (text/plain) is not held once its headers came, as an event stream is not', async () => {
    const event = (type: string, sequence: number) => `data: ${JSON.stringify({ type, sequence_number: sequence, response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] } })}\n\n`;
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(event('response.created', 0)); // then nothing more: the stream stays open
    });
    try {
      const { tasks, pendingTasks } = countingTasks();
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, pendingTasks });
      const first = await firstValueFrom(client.responses.stream({ model: 'm', input: 'Hi' }).pipe(map((value) => ({ type: value.type, held: tasks.held }))));
      expect(first).toEqual({ type: 'response.created', held: 0 });
    } finally {
      await server.close();
    }
  });

  it('is checked like the other options', () => {
    expect(() => createClient({ apiKey: 'k', pendingTasks: {} as never })).toThrow(new TypeError('createClient: pendingTasks must be an object with add() (got Object)'));
  });
});

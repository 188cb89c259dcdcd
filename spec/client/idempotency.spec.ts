import { firstValueFrom, lastValueFrom, type Observable, toArray } from 'rxjs';
import { APIError, createAssistantsClient, finalRun, InternalServerError } from '../../src/index';
import { RUN_CALL_METADATA_KEY } from '../../src/client/run-attempts';
import type { RequestRecord } from '../../src/testing/index';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';

const ctx = useEmulator();

let assistantId = '';
beforeAll(async () => {
  assistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }))).id;
});

const newThread = async () =>
  (await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Tell me about the sea' }] }))).id;

/** The requests logged while `work` ran. */
async function logged<T>(work: () => Promise<T>): Promise<{ result: T; requests: RequestRecord[] }> {
  const from = ctx.emulator.requests.length;
  const result = await work();
  await ctx.emulator.idle();
  return { result, requests: ctx.emulator.requests.slice(from) };
}

const KEY = /^rx-openai-stream-retry-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** POST paths of the composite calls: file uploads, a vector store's files, responses (not `/responses/{id}/…`). */
const UPLOADS = /(^|\/v1)\/files$/;
const ATTACHMENTS = /\/vector_stores\/[^/]+\/files$/;
const RESPONSES = /(^|\/v1)\/responses$/;
const posts = (requests: RequestRecord[], path: RegExp) => requests.filter((r) => r.method === 'POST' && path.test(r.path));

describe('Idempotency-Key', () => {
  it('every POST carries one; all attempts of one call share it; each subscription has its own', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: '/threads' }, times: 1 });
    const thread$ = ctx.client.threads.create({});
    const { requests } = await logged(async () => [await firstValueFrom(thread$), await firstValueFrom(thread$)]);
    const keys = posts(requests, /\/threads$/).map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(KEY);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(KEY);
    expect(keys[2]).not.toBe(keys[0]);
    expect(requests.filter((r) => r.method === 'GET').every((r) => r.idempotencyKey === undefined)).toBe(true);
  });

  it('idempotencyHeader renames the header, or with null leaves it out', async () => {
    const sent: Array<Record<string, string>> = [];
    const fetchImpl: typeof fetch = (input, init) => {
      sent.push(Object.fromEntries(new Headers(init!.headers)));
      return fetch(input, init);
    };
    await firstValueFrom(ctx.clientWith({ fetch: fetchImpl, idempotencyHeader: 'X-Idempotency-Key' }).threads.create({}));
    await firstValueFrom(ctx.clientWith({ fetch: fetchImpl, idempotencyHeader: null }).threads.create({}));
    expect(sent[0]!['x-idempotency-key']).toMatch(KEY);
    expect(sent[0]!['idempotency-key']).toBeUndefined();
    expect(Object.keys(sent[1]!).filter((name) => /idempotency/i.test(name))).toEqual([]);
  });

  it('the idempotencyKey option sets it', async () => {
    const { requests } = await logged(() => firstValueFrom(ctx.client.threads.create({}, { idempotencyKey: 'my-key-1' })));
    expect(posts(requests, /\/threads$/).map((r) => r.idempotencyKey)).toEqual(['my-key-1']);
  });

  it('a call of several POSTs gives each its own key, derived from the caller’s: a server that honours keys takes every step', async () => {
    const store = await firstValueFrom(ctx.client.vectorStores.create({ name: 'docs' }));
    const one = await logged(() =>
      lastValueFrom(ctx.client.vectorStores.files.uploadAndPoll(store.id, { name: 'a.txt', content: 'alpha' }, { idempotencyKey: 'call-1' })),
    );
    expect(one.result.status).toBe('completed');
    expect(posts(one.requests, UPLOADS).map((r) => r.idempotencyKey)).toEqual(['call-1-upload']);
    expect(posts(one.requests, ATTACHMENTS).map((r) => r.idempotencyKey)).toEqual(['call-1']);

    const uploadOnly = await logged(() =>
      firstValueFrom(ctx.client.vectorStores.files.upload(store.id, { name: 'z.txt', content: 'zeta' }, { idempotencyKey: 'call-0' })),
    );
    expect(posts(uploadOnly.requests, UPLOADS).map((r) => r.idempotencyKey)).toEqual(['call-0-upload']);
    expect(posts(uploadOnly.requests, ATTACHMENTS).map((r) => r.idempotencyKey)).toEqual(['call-0']);

    // Two uploads at once, the first held back by a 429: it ends last, and the batch still lists it first.
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 50 }, { match: { method: 'POST', path: UPLOADS }, times: 1 });
    const batch = await logged(() =>
      lastValueFrom(
        ctx.client.vectorStores.fileBatches.uploadAndPoll(
          store.id,
          { files: [{ name: 'b.txt', content: 'beta' }, { name: 'c.txt', content: 'gamma' }] },
          { idempotencyKey: 'call-2', maxConcurrency: 2 },
        ),
      ),
    );
    expect(batch.result.status).toBe('completed');
    // Which upload meets the 429 is up to the order they reach the emulator (the first one, in practice).
    const uploads = posts(batch.requests, UPLOADS);
    const limited = uploads.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const taken = uploads.filter((r) => r.status === 200).map((r) => r.idempotencyKey);
    expect([...taken].sort()).toEqual(['call-2-upload-0', 'call-2-upload-1']);
    // The upload held back is retried with its own key, and ends last.
    expect(taken.at(-1)).toBe(limited[0]!.idempotencyKey);
    const batchPost = posts(batch.requests, /\/file_batches$/);
    expect(batchPost.map((r) => r.idempotencyKey)).toEqual(['call-2']);
    const listed = (batchPost[0]!.body as { file_ids: string[] }).file_ids;
    const names = await Promise.all(listed.map(async (id) => (await firstValueFrom(ctx.client.files.retrieve(id))).filename));
    expect(names).toEqual(['b.txt', 'c.txt']);
  });

  it('a Responses stream that falls back sends its non-streaming create with the stream’s key: taken when the stream’s POST never reached the API', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: '/responses' }, times: 1 });
    const { result, requests } = await logged(() =>
      lastValueFrom(
        ctx.client.responses
          .stream({ model: 'gpt-4o', input: 'Hello there' }, { fallbackToPolling: true, maxRetries: 0, idempotencyKey: 'call-3' })
          .pipe(toArray()),
      ),
    );
    expect(result.at(-1)?.type).toBe('response.completed');
    expect(posts(requests, RESPONSES).map((r) => [r.idempotencyKey, r.status])).toEqual([
      ['call-3', 503],
      ['call-3', 200],
    ]);
  });

  it('without a caller’s key too: the stream’s POST and its fallback share the key of the subscription, so an accepted POST is never created twice', async () => {
    const responses = ctx.emulator.counters.responsesCreated;
    const chats = ctx.emulator.counters.chatCompletionsCreated;
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: '/responses' }, times: 1 });
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: '/chat/completions' }, times: 1 });
    const options = { fallbackToPolling: true, maxRetries: 0 };
    const { result, requests } = await logged(() =>
      Promise.all([
        lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hello there' }, options)).catch((e: unknown) => e),
        lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, options)).catch(
          (e: unknown) => e,
        ),
      ]),
    );
    expect(result.map((outcome) => outcome instanceof APIError && outcome.status)).toEqual([400, 400]);
    expect(ctx.emulator.counters.responsesCreated - responses).toBe(1);
    expect(ctx.emulator.counters.chatCompletionsCreated - chats).toBe(1);
    for (const path of [RESPONSES, /\/chat\/completions$/]) {
      const attempts = posts(requests, path);
      expect(attempts.map((r) => r.status)).toEqual([502, 400]);
      expect(attempts[0]!.idempotencyKey).toMatch(KEY);
      expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
    }
  });

  it('… and refused when the stream’s POST was accepted after all: one response, and the refusal reported', async () => {
    const before = ctx.emulator.counters.responsesCreated;
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: '/responses' }, times: 1 });
    const { result, requests } = await logged(() =>
      lastValueFrom(
        ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hello there' }, { fallbackToPolling: true, maxRetries: 0, idempotencyKey: 'call-5' }),
      ).catch((e: unknown) => e),
    );
    expect(ctx.emulator.counters.responsesCreated - before).toBe(1);
    expect(result).toBeInstanceOf(APIError);
    expect(posts(requests, RESPONSES).map((r) => [r.idempotencyKey, r.status])).toEqual([
      ['call-5', 502],
      ['call-5', 400],
    ]);
  });
});

describe('a 502 after the API accepted the POST leaves exactly one object', () => {
  // The 502 asks for a retry after 5 ms (as a proxy may), so these tests do not wait for the client's own backoff.
  const lost = (path: string | RegExp) =>
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path } });

  it('messages.create: the retry with the same key is answered with the message the first attempt created', async () => {
    const threadId = await newThread();
    const before = ctx.emulator.counters.messagesCreated;
    lost(/\/messages$/);
    const { result, requests } = await logged(() =>
      firstValueFrom(ctx.client.threads.messages.create(threadId, { role: 'user', content: 'once' })),
    );
    expect(ctx.emulator.counters.messagesCreated - before).toBe(1);
    const attempts = posts(requests, /\/messages$/);
    expect(attempts.map((r) => [r.status, r.replayed])).toEqual([
      [502, false],
      [200, true],
    ]);
    const listed = await firstValueFrom(ctx.client.threads.messages.list(threadId));
    expect(listed.data.filter((m) => m.id === result.id)).toHaveLength(1);
    expect(listed.data).toHaveLength(2);
  });

  it('responses.create', async () => {
    const before = ctx.emulator.counters.responsesCreated;
    lost('/responses');
    const { result } = await logged(() => firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi' })));
    expect(ctx.emulator.counters.responsesCreated - before).toBe(1);
    expect(result.status).toBe('completed');
  });

  it('responses.stream: the stream is lost with the 502, and its retry creates no second response', async () => {
    const before = ctx.emulator.counters.responsesCreated;
    lost('/responses');
    const { requests } = await logged(() =>
      lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray())).catch((e: unknown) => e),
    );
    expect(ctx.emulator.counters.responsesCreated - before).toBe(1);
    const attempts = posts(requests, /\/responses$/);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(attempts[0]!.status).toBe(502);
  });

  it('vectorStores.files.uploadAndPoll with a caller’s key: the upload and the attachment, each lost once, leave one file attached once', async () => {
    const store = await firstValueFrom(ctx.client.vectorStores.create({ name: 'lost posts' }));
    lost(UPLOADS);
    lost(ATTACHMENTS);
    const { result, requests } = await logged(() =>
      lastValueFrom(ctx.client.vectorStores.files.uploadAndPoll(store.id, { name: 'once.txt', content: 'once' }, { idempotencyKey: 'call-6' })),
    );
    expect(result.status).toBe('completed');
    for (const path of [UPLOADS, ATTACHMENTS]) {
      expect(posts(requests, path).map((r) => [r.status, r.replayed])).toEqual([
        [502, false],
        [200, true],
      ]);
    }
    const after = await firstValueFrom(ctx.client.vectorStores.retrieve(store.id));
    expect(after.file_counts).toMatchObject({ total: 1, completed: 1 });
  });

  it('chat.completions.create and threads.create', async () => {
    const chats = ctx.emulator.counters.chatCompletionsCreated;
    const threads = ctx.emulator.counters.threadsCreated;
    lost('/chat/completions');
    lost('/threads');
    await firstValueFrom(ctx.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }));
    await firstValueFrom(ctx.client.threads.create({}));
    expect(ctx.emulator.counters.chatCompletionsCreated - chats).toBe(1);
    expect(ctx.emulator.counters.threadsCreated - threads).toBe(1);
  });

  it('runs.createAndPoll adopts the run its lost POST created (found by the call marker in its metadata), sending no second POST', async () => {
    const threadId = await newThread();
    const before = ctx.emulator.counters.runsCreated;
    lost(/\/runs$/);
    const { result: states, requests } = await logged(() =>
      lastValueFrom(ctx.client.threads.runs.createAndPoll(threadId, { assistant_id: assistantId, metadata: { mine: 'kept' } }).pipe(toArray())),
    );
    expect(ctx.emulator.counters.runsCreated - before).toBe(1);
    expect(posts(requests, /\/runs$/)).toHaveLength(1);
    const run = states.at(-1)!;
    expect(run.status).toBe('completed');
    expect(run.metadata).toEqual({ mine: 'kept', [RUN_CALL_METADATA_KEY]: posts(requests, /\/runs$/)[0]!.idempotencyKey });
    const runs = await firstValueFrom(ctx.client.threads.runs.list(threadId));
    expect(runs.data).toHaveLength(1);
  });

  it('runs.stream adopts and recovers the run its lost POST created', async () => {
    const threadId = await newThread();
    const before = ctx.emulator.counters.runsCreated;
    lost(/\/runs$/);
    const { result: run } = await logged(() =>
      lastValueFrom(ctx.client.threads.runs.stream(threadId, { assistant_id: assistantId }).pipe(finalRun())),
    );
    expect(run.status).toBe('completed');
    expect(ctx.emulator.counters.runsCreated - before).toBe(1);
  });

  it('when the run cannot be recognised (metadata full), the error is reported rather than a second run created', async () => {
    const threadId = await newThread();
    const before = ctx.emulator.counters.runsCreated;
    lost(/\/runs$/);
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
    const error = await firstValueFrom(ctx.client.threads.runs.createAndPoll(threadId, { assistant_id: assistantId, metadata })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    await ctx.emulator.idle();
    expect(ctx.emulator.counters.runsCreated - before).toBe(1);
  });

  it('a 502 that says x-should-retry: false is not sent again, and the run its POST created is still adopted (stream and createAndPoll)', async () => {
    // The API's own say on the 502, as a proxy or the API may add it.
    const saysNoRetry: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.status !== 502) return response;
      const headers = new Headers(response.headers);
      headers.set('x-should-retry', 'false');
      return new Response(await response.arrayBuffer(), { status: 502, headers });
    };
    const client = ctx.clientWith({ fetch: saysNoRetry });
    for (const call of [
      (threadId: string) => client.threads.runs.stream(threadId, { assistant_id: assistantId }).pipe(finalRun()),
      (threadId: string) => client.threads.runs.createAndPoll(threadId, { assistant_id: assistantId }).pipe(toArray()),
    ]) {
      const threadId = await newThread();
      const before = ctx.emulator.counters.runsCreated;
      lost(/\/runs$/);
      const { requests } = await logged(() => lastValueFrom(call(threadId) as Observable<unknown>));
      expect(ctx.emulator.counters.runsCreated - before).toBe(1);
      expect(posts(requests, /\/runs$/)).toHaveLength(1);
    }
    // A 502 that created nothing (a gateway's own) is reported, not sent again: the API said so.
    ctx.emulator.clearFaults();
    const threadId = await newThread();
    ctx.emulator.inject({ kind: 'serverError', status: 502, retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ }, times: 1 });
    const { result: error, requests } = await logged(() =>
      firstValueFrom(client.threads.runs.createAndPoll(threadId, { assistant_id: assistantId })).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(posts(requests, /\/runs$/)).toHaveLength(1);
  });

  it('a 5xx that says x-should-retry: false is not sent again by the fallback either (fallbackToPolling): reported as it came', async () => {
    // A 5xx of the API's own (it created nothing here) that says it must not be sent again: the non-streaming create
    // of the fallback would send the same request again (with the real API, which does not honour keys, a second
    // response or completion when the first was accepted after all).
    const saysNoRetry: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.status < 500) return response;
      const headers = new Headers(response.headers);
      headers.set('x-should-retry', 'false');
      return new Response(await response.arrayBuffer(), { status: response.status, headers });
    };
    const client = ctx.clientWith({ fetch: saysNoRetry, fallbackToPolling: true });
    const threadId = await newThread();
    const calls: Array<[RegExp, () => Observable<unknown>]> = [
      [RESPONSES, () => client.responses.stream({ model: 'gpt-4o', input: 'Hello' })],
      [/\/chat\/completions$/, () => client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] })],
      [/\/runs$/, () => client.threads.runs.stream(threadId, { assistant_id: assistantId })],
    ];
    for (const [path, call] of calls) {
      ctx.emulator.inject({ kind: 'serverError', status: 500, retryAfterMs: 5 }, { match: { method: 'POST', path }, times: 1 });
      const { result: error, requests } = await logged(() => lastValueFrom(call()).catch((e: unknown) => e));
      expect(error).toBeInstanceOf(InternalServerError);
      expect(posts(requests, path)).toHaveLength(1);
    }
  });
  it('a refused connection sent nothing: the run call is sent again after the backoff, without a lookup (the create-and-run calls too)', async () => {
    // A port nothing listens on: Node's fetch fails with ECONNREFUSED a few causes down.
    const closed = await listen((_req, res) => res.end());
    await closed.close();
    const dead = new URL(closed.url).port;
    let refuse = 0;
    const sent: string[] = [];
    const client = createAssistantsClient({
      apiKey: 'test',
      baseURL: ctx.emulator.url,
      pollIntervalMs: 5,
      fetch: (input, init) => {
        const url = String(input);
        sent.push(`${refuse > 0 ? 'refused ' : ''}${init?.method} ${new URL(url).pathname.replace(/thread_\w+|run_\w+/g, '{id}')}`);
        return fetch(refuse-- > 0 ? url.replace(`:${new URL(url).port}/`, `:${dead}/`) : url, init);
      },
    });
    const threadId = await newThread();
    const body = { assistant_id: assistantId, thread: { messages: [{ role: 'user' as const, content: 'Hello' }] } };
    const calls: Record<string, () => Observable<unknown>> = {
      'runs.create': () => client.threads.runs.create(threadId, { assistant_id: assistantId }),
      createAndRun: () => client.threads.createAndRun(body),
      createAndRunStream: () => client.threads.createAndRunStream(body).pipe(toArray()),
    };
    for (const [name, call] of Object.entries(calls)) {
      refuse = 1;
      sent.length = 0;
      await lastValueFrom(call());
      const [first, second] = sent;
      expect([name, first]).toEqual([name, expect.stringMatching(/^refused POST /)]);
      expect([name, second]).toEqual([name, first!.replace('refused ', '')]);
    }
  });

  it('the emulator answers a reused key with other parameters with 400', async () => {
    const client = createAssistantsClient({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    await firstValueFrom(client.threads.create({}, { idempotencyKey: 'reused' }));
    const error = await firstValueFrom(client.threads.create({ metadata: { a: 'b' } }, { idempotencyKey: 'reused' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe('tool outputs accepted behind a 502, the run already waiting for the next call', () => {
  // A server where the submission was accepted but its answer lost (a proxy's 502), and the run then asked for
  // another call: it requires action again, for `call_2`. Sending `call_1` again would be refused.
  const run = {
    id: 'run_1',
    object: 'thread.run',
    created_at: 1,
    thread_id: 'thread_1',
    assistant_id: 'asst_1',
    status: 'requires_action',
    required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] } },
    metadata: {},
  };
  const submission = { thread_id: 'thread_1', tool_outputs: [{ tool_call_id: 'call_1', output: 'sunny' }] };

  it('is recognised as accepted (the run waits for other calls): no second submission, stream or not', async () => {
    const submits: string[] = [];
    const server = await listen((req, res) => {
      if (req.method === 'POST' && req.url!.endsWith('/submit_tool_outputs')) {
        submits.push(req.url!);
        req.resume();
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
        return;
      }
      if (req.method === 'GET' && req.url!.endsWith('/runs/run_1')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(run));
        return;
      }
      const list = { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
    });
    try {
      const client = createAssistantsClient({ apiKey: 'k', baseURL: server.url, pollIntervalMs: 5 });
      const accepted = await firstValueFrom(client.threads.runs.submitToolOutputs('run_1', submission));
      expect(accepted.required_action?.submit_tool_outputs.tool_calls.map((call) => call.id)).toEqual(['call_2']);
      expect(submits).toHaveLength(1);
      const events = await lastValueFrom(client.threads.runs.submitToolOutputsStream('run_1', submission).pipe(toArray()));
      expect(events.at(-1)).toMatchObject({ event: 'thread.run.requires_action' });
      expect(submits).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

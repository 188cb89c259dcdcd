import { asyncScheduler, firstValueFrom, forkJoin, from, lastValueFrom, type Observable, type SchedulerAction, type SchedulerLike, share, take, tap, toArray } from 'rxjs';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  createAssistantsClient,
  createClient,
  finalMessages,
  finalRun,
  ListPaginationError,
  NotFoundError,
  ofEventType,
  textDeltas,
} from '../../src/index';
import { useEmulator, weatherTool } from '../helpers/emulator';
import { listen } from '../helpers/local-server';

const ctx = useEmulator();
// A second emulator with realistic pacing, for cancellation mid-stream.
const slow = useEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
// A third with slow status steps and a fast server-requested poll pace: each status of a run lasts 150 ms, so the
// polling tests see several polls however busy the machine is.
const paced = useEmulator({ statusStepMs: 150, pollAfterMs: 10 });

async function newThread(content: string) {
  return firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content }] }));
}

async function assistant(tools: unknown[] = []) {
  return firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o', name: 'Test', tools: tools as never }));
}

function textOf(message: { content: readonly { type: string; text?: { value: string } }[] }) {
  return message.content.map((block) => block.text?.value ?? '').join('');
}

describe('createClient() and createClient()', () => {
  it("createClient() has no Assistants API and sends OpenAI-Beta to the vector stores only, as the SDK does; createAssistantsClient() has it and sends the header to it too; over the client's headers, under a call's", async () => {
    const base = { apiKey: 'test', baseURL: ctx.emulator.url };
    const client = createClient(base);
    expect(Object.keys(client).sort()).toEqual(['chat', 'conversations', 'files', 'responses', 'signal', 'vectorStores']);
    const assistants = createAssistantsClient(base);
    expect(Object.keys(assistants).sort()).toEqual(['assistants', 'chat', 'conversations', 'files', 'responses', 'signal', 'threads', 'vectorStores']);

    const betaOf = () => ctx.emulator.requests.at(-1)!.headers['openai-beta'];
    await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' }));
    expect(betaOf()).toBeUndefined();
    // The vector stores' endpoints get it from both, as the SDK sends it there.
    await firstValueFrom(client.vectorStores.create({ name: 'docs' }));
    expect(betaOf()).toBe('assistants=v2');
    await firstValueFrom(client.files.create({ file: { name: 'notes.txt', content: 'hello' }, purpose: 'assistants' }));
    expect(betaOf()).toBeUndefined();
    await firstValueFrom(assistants.threads.create());
    expect(betaOf()).toBe('assistants=v2');
    await lastValueFrom(assistants.responses.stream({ model: 'gpt-4o', input: 'Hi' }));
    expect(betaOf()).toBeUndefined();
    await firstValueFrom(assistants.vectorStores.create({ name: 'docs' }));
    expect(betaOf()).toBe('assistants=v2');
    // As the SDK's resource methods set it: over the client's headers (for the vector stores of createClient() too),
    // under a call's, which may replace it or remove it with null (the emulator then refuses as the API does).
    await firstValueFrom(createAssistantsClient({ ...base, headers: { 'OpenAI-Beta': 'realtime=v1' } }).threads.create());
    expect(betaOf()).toBe('assistants=v2');
    await firstValueFrom(createClient({ ...base, headers: { 'OpenAI-Beta': null } }).vectorStores.create({ name: 'docs' }));
    expect(betaOf()).toBe('assistants=v2');
    await firstValueFrom(assistants.threads.create({}, { headers: { 'openai-beta': 'assistants=v2,x=1' } }));
    expect(betaOf()).toBe('assistants=v2,x=1');
    const refused = await firstValueFrom(assistants.threads.create({}, { headers: { 'OpenAI-Beta': null } })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).code).toBe('invalid_beta');
  });
});

describe('createClient over real HTTP (emulator)', () => {
  it('streams a run: text deltas add up to the final message, the run completes', async () => {
    const { id: assistant_id } = await assistant();
    const thread = await newThread('Say hello');
    const events$ = ctx.client.threads.runs.stream(thread.id, { assistant_id }).pipe(share());
    const result = await firstValueFrom(
      forkJoin({
        text: events$.pipe(textDeltas(), toArray()),
        messages: events$.pipe(finalMessages()),
        run: events$.pipe(finalRun()),
      }),
    );
    expect(result.run.status).toBe('completed');
    expect(result.text.length).toBeGreaterThan(3);
    expect(result.text.join('')).toBe(textOf(result.messages[0]!));
    const listed = await firstValueFrom(ctx.client.threads.messages.list(thread.id, { order: 'asc' }));
    expect(listed.data.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('is cold: nothing is sent before subscribing, and each subscription creates one run', async () => {
    const { id: assistant_id } = await assistant();
    const thread = await newThread('Hi');
    const before = ctx.emulator.counters.runsCreated;
    const events$ = ctx.client.threads.runs.stream(thread.id, { assistant_id });
    expect(ctx.emulator.counters.runsCreated).toBe(before);
    await lastValueFrom(events$);
    expect(ctx.emulator.counters.runsCreated).toBe(before + 1);
  });

  it('runs a function tool call through submitToolOutputsStream', async () => {
    const { id: assistant_id } = await assistant([weatherTool]);
    const thread = await newThread('What does get_weather say for Paris?');
    const first = await lastValueFrom(ctx.client.threads.runs.stream(thread.id, { assistant_id }).pipe(finalRun()));
    expect(first.status).toBe('requires_action');
    const calls = first.required_action!.submit_tool_outputs.tool_calls;
    expect(calls.map((c) => c.function.name)).toEqual(['get_weather']);
    expect(JSON.parse(calls[0]!.function.arguments)).toHaveProperty('city');

    const events$ = ctx.client.threads.runs
      .submitToolOutputsStream(first.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: calls[0]!.id, output: '22°C, sunny' }] })
      .pipe(share());
    const [text, run] = await firstValueFrom(forkJoin([events$.pipe(textDeltas(), toArray()), events$.pipe(finalRun())]));
    expect(run.status).toBe('completed');
    expect(text.join('')).toContain('22°C, sunny');
  });

  it('refuses number options it cannot use with a RangeError naming them: at createClient, or as the call error (no request)', async () => {
    for (const bad of [{ maxRetries: Number.NaN }, { maxRetries: -1 }, { maxRetries: 1.5 }, { idleTimeout: -1 }, { firstEventTimeout: Number.NaN }, { timeout: '100' }, { pollIntervalMs: -5 }]) {
      const name = Object.keys(bad)[0]!;
      expect(() => createClient({ apiKey: 'k', ...(bad as object) })).toThrow(new RegExp(`^createClient: ${name} must be`));
      const from = ctx.emulator.requests.length;
      const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' }, bad as never)).catch((e: unknown) => e);
      if (name !== 'pollIntervalMs') {
        expect(error).toBeInstanceOf(RangeError);
        expect((error as Error).message).toContain(`request options: ${name} must be`);
        expect(ctx.emulator.requests.length).toBe(from);
      }
    }
    // Infinity and 0 are fine: no limit.
    expect(() => createClient({ apiKey: 'k', timeout: Infinity, idleTimeout: 0, maxRetries: 0 })).not.toThrow();
  });

  it('refuses options of another kind with a TypeError naming them and what came: at createClient (or createAssistantsClient), or as the call error (no request)', async () => {
    const clientCases: Array<[object, string]> = [
      [{ apiKey: { key: 'sk-abc' } }, 'apiKey must be a string or a function (got Object)'],
      [{ apiKey: 12345 }, 'apiKey must be a string or a function (got number)'],
      [{ baseURL: 42 }, 'baseURL must be a string (got number)'],
      [{ fetch: 'fetch' }, 'fetch must be a function (got string)'],
      [{ scheduler: {} }, 'scheduler must be an object with now() and schedule() (got Object)'],
      [{ idempotencyHeader: 5 }, 'idempotencyHeader must be a string or null (got number)'],
      [{ recoverStreams: 'false' }, 'recoverStreams must be a boolean (got string)'],
    ];
    for (const [bad, message] of clientCases) {
      expect(() => createClient({ apiKey: 'k', ...bad } as never)).toThrow(new TypeError(`createClient: ${message}`));
      expect(() => createAssistantsClient({ apiKey: 'k', ...bad } as never)).toThrow(new TypeError(`createAssistantsClient: ${message}`));
    }
    expect(() => createClient({ apiKey: Promise.resolve('k') as never })).toThrow(new TypeError('createClient: apiKey must be a string or a function (got Promise)'));
    const callCases: Array<[object, string]> = [
      [{ signal: 'x' }, 'signal must be an object with addEventListener() and removeEventListener() (got string)'],
      [{ signal: null }, 'signal must be an object with addEventListener() and removeEventListener() (got null)'],
      [{ signal: { addEventListener() {} } }, 'signal must be an object with addEventListener() and removeEventListener() (got Object)'],
      [{ idempotencyKey: 5 }, 'idempotencyKey must be a string (got number)'],
      [{ fallbackToPolling: 1 }, 'fallbackToPolling must be a boolean (got number)'],
    ];
    for (const [bad, message] of callCases) {
      const from = ctx.emulator.requests.length;
      // A plain call and a stream (whose signal also ends its waits between requests) alike.
      const calls: Observable<unknown>[] = [ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi' }, bad as never), ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' }, bad as never)];
      for (const call of calls) {
        const error = await firstValueFrom(call).catch((e: unknown) => e);
        expect(error).toEqual(new TypeError(`request options: ${message}`));
      }
      expect(ctx.emulator.requests.length).toBe(from);
    }
  });

  it('createAndRunStream starts with thread.created', async () => {
    const { id: assistant_id } = await assistant();
    const events = await lastValueFrom(
      ctx.client.threads.createAndRunStream({ assistant_id, thread: { messages: [{ role: 'user', content: 'Hello' }] } }).pipe(toArray()),
    );
    expect(events[0]!.event).toBe('thread.created');
    expect(events.at(-1)!.event).toBe('thread.run.completed');
  });

  it('createAndRunStream cut right after thread.created is recovered: the new thread holds the run', async () => {
    const { id: assistant_id } = await assistant();
    const params = { assistant_id, thread: { messages: [{ role: 'user' as const, content: 'Hello there' }] } };
    const uncut = await lastValueFrom(ctx.client.threads.createAndRunStream(params).pipe(textDeltas(), toArray()));
    for (const fault of [{ kind: 'reset', afterEvents: 1 }, { kind: 'endEarly', afterEvents: 1 }] as const) {
      ctx.emulator.inject(fault, { match: { method: 'POST', path: '/threads/runs' } });
      const events = await lastValueFrom(ctx.client.threads.createAndRunStream(params).pipe(toArray()));
      expect(events[0]!.event).toBe('thread.created');
      expect(events.filter((event) => event.event === 'thread.created')).toHaveLength(1);
      expect(events.at(-1)!.event).toBe('thread.run.completed');
      expect(await lastValueFrom(from(events).pipe(textDeltas(), toArray()))).toEqual([uncut.join('')]);
    }
  });

  it('createAndPoll emits every state it sees and ends at a terminal one', async () => {
    const { id: assistant_id } = await assistant();
    const thread = await newThread('Hello');
    const states = await lastValueFrom(ctx.client.threads.runs.createAndPoll(thread.id, { assistant_id }).pipe(toArray()));
    expect(states[0]!.status).toBe('queued');
    expect(states.at(-1)!.status).toBe('completed');
    expect(states.slice(0, -1).every((run) => run.status === 'queued' || run.status === 'in_progress')).toBe(true);
  });

  it('createAndRunPoll and submitToolOutputsAndPoll stop at requires_action, then finish', async () => {
    const { id: assistant_id } = await assistant([weatherTool]);
    const waiting = await lastValueFrom(
      ctx.client.threads.createAndRunPoll({ assistant_id, thread: { messages: [{ role: 'user', content: 'call get_weather for Oslo' }] } }),
    );
    expect(waiting.status).toBe('requires_action');
    const call = waiting.required_action!.submit_tool_outputs.tool_calls[0]!;
    const done = await lastValueFrom(
      ctx.client.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: call.id, output: 'cold' }] }),
    );
    expect(done.status).toBe('completed');
    const steps = await lastValueFrom(ctx.client.threads.runs.steps.listAll(done.id, { thread_id: done.thread_id }).pipe(toArray()));
    expect(steps.map((s) => s.type).sort()).toEqual(['message_creation', 'tool_calls']);
  });

  it('polls at the server pace (openai-poll-after-ms) unless pollIntervalMs says otherwise', async () => {
    // Runs take ~3 status steps of 60 ms; the server asks for a poll every 10 ms; the client's own default is 1 s.
    const client = paced.clientWith({ pollIntervalMs: 1000 });
    const { id: assistant_id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
    const gaps = async (pollIntervalMs?: number) => {
      const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] }));
      const run = await firstValueFrom(client.threads.runs.create(thread.id, { assistant_id }));
      const from = paced.emulator.requests.length;
      const states = await lastValueFrom(client.threads.runs.poll(run.id, { thread_id: thread.id }, { pollIntervalMs }).pipe(toArray()));
      expect(states.at(-1)!.status).toBe('completed');
      const polls = paced.emulator.requests.slice(from).filter((r) => r.method === 'GET' && r.path.endsWith(run.id));
      return polls.slice(1).map((r, i) => r.startedAt - polls[i]!.startedAt);
    };
    const byHeader = await gaps();
    const byOption = await gaps(100);
    // Waits are lower bounds (a loaded machine only lengthens them): the header's 10 ms, not the 1 s default...
    expect(Math.min(...byHeader)).toBeGreaterThanOrEqual(9);
    expect(Math.min(...byHeader)).toBeLessThan(1000);
    // ...and the option's 100 ms over the header.
    expect(Math.min(...byOption)).toBeGreaterThanOrEqual(98);
  });

  it('createAndPoll polls at once after the create (its answer gives no pace), then at the server pace', async () => {
    // The waits the client asks its scheduler for, but the request deadlines (the `timeout`).
    const waits: number[] = [];
    const recording: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule: (work: (this: SchedulerAction<unknown>, state?: unknown) => void, delay?: number, state?: unknown) => {
        if (delay !== undefined && delay < 600_000) waits.push(delay);
        return asyncScheduler.schedule(work, delay, state);
      },
    };
    const client = paced.clientWith({ scheduler: recording });
    const { id: assistant_id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] }));
    waits.length = 0;
    const states = await lastValueFrom(client.threads.runs.createAndPoll(thread.id, { assistant_id }).pipe(toArray()));
    expect(states.at(-1)!.status).toBe('completed');
    // At once, then the 10 ms the emulator's GETs ask for; never the client's 1 s default.
    expect(waits[0]).toBe(0);
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.slice(1).every((wait) => wait === 10)).toBe(true);
  });

  it('lists messages page by page, and listAll follows has_more', async () => {
    const thread = await newThread('one');
    for (const content of ['two', 'three', 'four', 'five']) {
      await firstValueFrom(ctx.client.threads.messages.create(thread.id, { role: 'user', content }));
    }
    const page = await firstValueFrom(ctx.client.threads.messages.list(thread.id, { limit: 2, order: 'asc' }));
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const all = await lastValueFrom(ctx.client.threads.messages.listAll(thread.id, { limit: 2, order: 'asc' }).pipe(toArray()));
    expect(all.map((m) => textOf(m))).toEqual(['one', 'two', 'three', 'four', 'five']);
    // From the caller's cursor on.
    const rest = await lastValueFrom(ctx.client.threads.messages.listAll(thread.id, { limit: 2, order: 'asc', after: all[2]!.id }).pipe(toArray()));
    expect(rest.map((m) => textOf(m))).toEqual(['four', 'five']);
  });

  describe('listAll against a server that pages its own way', () => {
    const ids = ['msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5'];
    const message = (id: string) => ({ id, object: 'thread.message', thread_id: 'thread_1', role: 'user', status: 'completed', content: [] });
    /** A list server: pages of 2 from `after`; `ignoreAfter` serves the first page every time; `lastId` whether pages carry last_id. */
    async function listServer({ ignoreAfter = false, lastId = true, wrapAfter = '', hasMore = true }) {
      const afters: Array<string | null> = [];
      const server = await listen((req, res) => {
        const after = new URL(req.url!, 'http://x').searchParams.get('after');
        afters.push(after);
        const start = ignoreAfter || after === null || after === wrapAfter ? 0 : ids.indexOf(after) + 1;
        const data = ids.slice(start, start + 2).map(message);
        const page = {
          object: 'list',
          data,
          first_id: data[0]?.id ?? null,
          ...(hasMore ? { has_more: start + 2 < ids.length } : {}),
          ...(lastId ? { last_id: data.at(-1)?.id ?? null } : {}),
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
      });
      return { server, afters, client: createAssistantsClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }) };
    }

    it('a page without last_id goes on after its last item', async () => {
      const { server, afters, client } = await listServer({ lastId: false });
      try {
        const all = await lastValueFrom(client.threads.messages.listAll('thread_1').pipe(toArray()));
        expect(all.map((m) => m.id)).toEqual(ids);
        expect(afters).toEqual([null, 'msg_2', 'msg_4']);
      } finally {
        await server.close();
      }
    });

    it('a page without has_more (a compatible server) is the last one, as the SDK reads it', async () => {
      const { server, afters, client } = await listServer({ hasMore: false });
      try {
        const page = await firstValueFrom(client.threads.messages.list('thread_1'));
        expect(page.data.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
        const all = await lastValueFrom(client.threads.messages.listAll('thread_1').pipe(toArray()));
        expect(all.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
        expect(afters).toEqual([null, null]);
      } finally {
        await server.close();
      }
    });

    it('a server that repeats a page fails with ListPaginationError after the items it gave, instead of looping', async () => {
      const { server, afters, client } = await listServer({ ignoreAfter: true });
      try {
        const seen: string[] = [];
        const error = await lastValueFrom(client.threads.messages.listAll('thread_1').pipe(tap((m) => seen.push(m.id)))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ListPaginationError);
        expect(error).toMatchObject({ path: '/threads/thread_1/messages', after: 'msg_2' });
        expect(seen).toEqual(['msg_1', 'msg_2']);
        expect(afters).toEqual([null, 'msg_2']);
      } finally {
        await server.close();
      }
    });

    it('a server whose cursor leads back to an earlier page fails the same way, nothing emitted twice', async () => {
      const { server, afters, client } = await listServer({ wrapAfter: 'msg_4' });
      try {
        const seen: string[] = [];
        const error = await lastValueFrom(client.threads.messages.listAll('thread_1').pipe(tap((m) => seen.push(m.id)))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ListPaginationError);
        expect(seen).toEqual(['msg_1', 'msg_2', 'msg_3', 'msg_4']);
        expect(afters).toEqual([null, 'msg_2', 'msg_4']);
      } finally {
        await server.close();
      }
    });
  });

  it('uploads files and polls vector store files and batches to completion', async () => {
    const store = await firstValueFrom(ctx.client.vectorStores.create({ name: 'docs' }));
    const file = await lastValueFrom(ctx.client.vectorStores.files.uploadAndPoll(store.id, { name: 'a.txt', content: 'alpha' }));
    expect(file.status).toBe('completed');
    const batch = await lastValueFrom(
      ctx.client.vectorStores.fileBatches.uploadAndPoll(
        store.id,
        { files: [{ name: 'b.txt', content: 'beta' }, new File(['gamma'], 'c.txt'), { name: 'd.txt', content: new Uint8Array([100]) }] },
        { maxConcurrency: 2 },
      ),
    );
    expect(batch.status).toBe('completed');
    expect(batch.file_counts.completed).toBe(3);
    const uploaded = await firstValueFrom(ctx.client.files.retrieve(file.id));
    expect(uploaded.filename).toBe('a.txt');
  });

  it('refuses what cannot be uploaded when the call is made, with nothing sent: a file that is none, no files, maxConcurrency below 1', async () => {
    const sent = ctx.emulator.requests.length;
    const { createReadStream } = await import('node:fs');
    const stream = createReadStream(__filename);
    try {
      expect(() => ctx.client.files.create({ file: undefined as never, purpose: 'assistants' })).toThrow(/^files\.create\(\): not a Blob, File or \{ name, content \}: undefined \(read a stream first\)$/);
      expect(() => ctx.client.vectorStores.files.uploadAndPoll('vs_1', stream as never)).toThrow(
        /^vectorStores\.files\.uploadAndPoll\(\): not a Blob, File or \{ name, content \}: ReadStream /,
      );
      expect(() => ctx.client.vectorStores.files.upload('vs_1', '/tmp/a.pdf' as never)).toThrow(/^vectorStores\.files\.upload\(\): .*: "\/tmp\/a\.pdf" /);
      expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: new Blob(['a']) as never })).toThrow(/files must be an array/);
      expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', undefined as never)).toThrow(/files must be an array/);
      // What was given, as it is: an object without a prototype, a number; a string for maxConcurrency quoted.
      expect(() => ctx.client.files.create({ file: Object.create(null) as never, purpose: 'assistants' })).toThrow(/: an object \(read a stream first\)$/);
      expect(() => ctx.client.files.create({ file: 5 as never, purpose: 'assistants' })).toThrow(/: 5 \(read a stream first\)$/);
      expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [{ name: 'a', content: 'a' }] }, { maxConcurrency: '2' as never })).toThrow(
        /\(got "2"\)/,
      );
      expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [{ name: 'a.txt', content: 'a' }, stream as never] })).toThrow(
        /fileBatches\.uploadAndPoll\(\): files\[1\]: not a Blob/,
      );
      expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [] })).toThrow(RangeError);
      // Other options are checked by the request, as every call's are: the call's error.
      const late = ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [{ name: 'a.txt', content: 'a' }] }, { timeout: -1 });
      await expect(lastValueFrom(late)).rejects.toThrow(/timeout must be/);
      for (const maxConcurrency of [0, -1, Number.NaN, 1.5]) {
        expect(() => ctx.client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [{ name: 'a.txt', content: 'a' }] }, { maxConcurrency })).toThrow(
          /maxConcurrency must be a whole number >= 1/,
        );
      }
    } finally {
      stream.destroy();
    }
    expect(ctx.emulator.requests.length).toBe(sent);
  });

  it('fails with typed errors: 401, 404, 400 in the API error shape, with the request id', async () => {
    const noKey = createAssistantsClient({ apiKey: '', baseURL: ctx.emulator.url, maxRetries: 0 });
    const unauthorized = await firstValueFrom(noKey.threads.create()).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect((unauthorized as AuthenticationError).status).toBe(401);
    expect((unauthorized as AuthenticationError).requestId).toMatch(/^req_/);

    const missing = await firstValueFrom(ctx.client.threads.retrieve('thread_nope')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error?.message).toBeTruthy();

    const thread = await newThread('x');
    const bad = await firstValueFrom(ctx.client.threads.runs.stream(thread.id, {} as never)).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
  });

  it('fails with APIConnectionError when nothing answers', async () => {
    const nobody = createAssistantsClient({ apiKey: 'test', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    await expect(firstValueFrom(nobody.threads.create())).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('aborts the request when the subscriber unsubscribes: the server sees the connection close', async () => {
    const { id: assistant_id } = await firstValueFrom(slow.client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(slow.client.threads.create({ messages: [{ role: 'user', content: 'tell me a long story please' }] }));
    const firstTwo = await lastValueFrom(
      slow.client.threads.runs.stream(thread.id, { assistant_id }).pipe(ofEventType('thread.run.created', 'thread.run.queued'), take(2), toArray()),
    );
    expect(firstTwo.map((e) => e.event)).toEqual(['thread.run.created', 'thread.run.queued']);
    const record = await slow.emulator.waitForRequest({ method: 'POST', path: /\/runs$/ });
    const ended = await record.ended;
    expect(ended.clientClosed).toBe(true);
  });

  it('passes the caller AbortSignal through', async () => {
    const controller = new AbortController();
    controller.abort(new Error('not needed any more'));
    await expect(firstValueFrom(ctx.client.threads.create({}, { signal: controller.signal }))).rejects.toThrow('not needed any more');
  });
});

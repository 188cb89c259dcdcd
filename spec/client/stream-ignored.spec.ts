/**
 * A server that does not stream (a gateway, a compatible server; the emulator's `streamIgnored` fault) answers a
 * request for a stream with the object it created, as JSON. The object is not lost: `StreamNotEstablishedError`
 * carries it (`json`), and with `fallbackToPolling` the client goes on from it: no second create, so no second
 * response or run (nor a second completion paid for).
 */
import { firstValueFrom, from, lastValueFrom, type Observable, toArray } from 'rxjs';
import {
  type AssistantStreamEvent,
  type ChatCompletionChunk,
  type ResponseStreamEvent,
  StreamNotEstablishedError,
  StreamParseError,
  textDeltas,
} from '../../src/index';
import { faultHeader, type RequestRecord } from '../../src/testing/index';
import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky';
const IGNORED = { kind: 'streamIgnored' } as const;
const FALLBACK = { fallbackToPolling: true, maxRetries: 0 } as const;

let assistantId = '';
beforeAll(async () => {
  assistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }))).id;
});

/** What `work` did: its result, the requests it sent, and how the emulator's counters moved. */
async function observed<T>(work: () => Promise<T>) {
  const before = { ...ctx.emulator.counters };
  const from = ctx.emulator.requests.length;
  const result = await work();
  await ctx.emulator.idle();
  const after = ctx.emulator.counters;
  return {
    result,
    requests: ctx.emulator.requests.slice(from).map((r: RequestRecord) => `${r.method} ${r.path.replace(/\/v1|_[A-Za-z0-9]+/g, '')}`),
    created: {
      responses: after.responsesCreated - before.responsesCreated,
      chats: after.chatCompletionsCreated - before.chatCompletionsCreated,
      runs: after.runsCreated - before.runsCreated,
    },
  };
}

/** The stream's events and its error (`undefined` when it completed). */
function outcome<E>(events$: Observable<E>): Promise<{ events: E[]; error: unknown }> {
  const events: E[] = [];
  return new Promise((resolve) =>
    events$.subscribe({ next: (e) => events.push(e), error: (error: unknown) => resolve({ events, error }), complete: () => resolve({ events, error: undefined }) }),
  );
}

const text = async (events$: Observable<ResponseStreamEvent | ChatCompletionChunk | AssistantStreamEvent>) =>
  (await lastValueFrom(events$.pipe(textDeltas(), toArray()))).join('');

describe('the emulator: streamIgnored', () => {
  it('answers a POST asking for a stream with the object it created, as JSON; other requests do not use it up', async () => {
    const fault = ctx.emulator.inject(IGNORED);
    const headers = { authorization: 'Bearer test', 'content-type': 'application/json' };
    await fetch(`${ctx.emulator.url}/models`, { headers });
    expect([fault.matched, fault.remaining]).toEqual([0, 1]);
    const answer = await fetch(`${ctx.emulator.url}/responses`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'gpt-4o', input: INPUT, stream: true, stream_options: { include_obfuscation: false } }),
    });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toMatchObject({ object: 'response', status: 'completed' });
    expect([fault.hits, fault.remaining]).toEqual([1, 0]);
    expect(ctx.emulator.requests.at(-1)?.faults).toEqual(['streamIgnored']);

    // In the request's header too: a chat completion.
    const chat = await fetch(`${ctx.emulator.url}/chat/completions`, {
      method: 'POST',
      headers: { ...headers, ...faultHeader(IGNORED) },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(await chat.json()).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'You said: Hi' } }] });
  });
});

describe('client.responses.stream() against a server that does not stream', () => {
  it('with fallbackToPolling: the events of the response it answered with, without creating it again', async () => {
    const expected = await text(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }));
    ctx.emulator.inject(IGNORED);
    const reasons: unknown[] = [];
    const { result, requests, created } = await observed(() =>
      outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, { ...FALLBACK, onFallback: ({ reason }) => reasons.push(reason) })),
    );
    expect(result.error).toBeUndefined();
    expect(await text(from(result.events))).toBe(expected);
    expect(expected).toMatch(/^You said: /);
    expect(result.events.at(-1)).toMatchObject({ type: 'response.completed', response: { status: 'completed' } });
    expect(created.responses).toBe(1);
    expect(requests).toEqual(['POST /responses']);
    expect(reasons).toEqual([expect.any(StreamNotEstablishedError)]);
    const id = (result.events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>).response.id;
    expect((reasons[0] as StreamNotEstablishedError).json).toMatchObject({ id, status: 'completed' });
  });

  it('in the background: the queued response it answered with is followed until it settled', async () => {
    ctx.emulator.inject(IGNORED);
    const { result, requests, created } = await observed(() =>
      outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, FALLBACK)),
    );
    expect(result.error).toBeUndefined();
    expect(result.events.at(-1)).toMatchObject({ type: 'response.completed', response: { status: 'completed' } });
    expect(created.responses).toBe(1);
    expect(requests[0]).toBe('POST /responses');
    expect(new Set(requests.slice(1))).toEqual(new Set(['GET /responses/resp']));
  });

  it('without fallbackToPolling: StreamNotEstablishedError, carrying the response (nothing received is lost)', async () => {
    ctx.emulator.inject(IGNORED);
    const { result, requests, created } = await observed(() => outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT })));
    expect(result.events).toEqual([]);
    expect(result.error).toBeInstanceOf(StreamNotEstablishedError);
    const error = result.error as StreamNotEstablishedError;
    expect(error.json).toMatchObject({ object: 'response', status: 'completed', output: [expect.anything()] });
    expect(error.message).toMatch(/^Expected a text\/event-stream response but got a JSON body \("application\/json"\): \{/);
    expect(error.message).not.toMatch(/newline-delimited/);
    expect([created.responses, requests]).toEqual([1, ['POST /responses']]);
  });

  it('an answer that is not the response (an error object under 200) is no answer: the fallback creates the response', async () => {
    const server = await import('node:http');
    let posts = 0;
    const gateway = server.createServer((req, res) => {
      posts++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'streaming is not supported here', type: 'invalid_request_error' } }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = gateway.address() as { port: number };
      const client = ctx.clientWith({ baseURL: `http://127.0.0.1:${port}/v1` });
      const { error } = await outcome(client.responses.stream({ model: 'gpt-4o', input: INPUT }, FALLBACK));
      // The fallback's create was answered with that error object too, which is no response: refused, naming it.
      expect(posts).toBe(2);
      expect(error).toBeInstanceOf(StreamParseError);
      expect((error as Error).message).toMatch(/^Schema violation \(expected a string, got undefined\) in the response body of POST \/responses/);
      expect((error as StreamParseError).excerpt).toContain('streaming is not supported here');
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});

describe('client.chat.completions.stream() against a server that does not stream', () => {
  it('with fallbackToPolling: the chunks of the completion it answered with, which is not asked for twice', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: INPUT }] };
    ctx.emulator.inject(IGNORED);
    const { result, requests, created } = await observed(() => outcome(ctx.client.chat.completions.stream(body, FALLBACK)));
    expect(result.error).toBeUndefined();
    expect(await text(from(result.events))).toBe(`You said: ${INPUT}`);
    expect(result.events.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason))).toContain('stop');
    expect([created.chats, requests]).toEqual([1, ['POST /chat/completions']]);
  });
});

describe('Assistants runs against a server that does not stream', () => {
  const names = (events: readonly AssistantStreamEvent[]) => events.map((e) => e.event);

  it('createAndRunStream with fallbackToPolling: the run it answered with is followed from its start, not created again (it has no marker to be found by)', async () => {
    ctx.emulator.inject(IGNORED);
    const calls: string[] = [];
    const { result, created, requests } = await observed(() =>
      outcome(
        ctx.client.threads.createAndRunStream(
          { assistant_id: assistantId, thread: { messages: [{ role: 'user', content: INPUT }] } },
          { ...FALLBACK, onFallback: () => calls.push('fallback'), onRecover: () => calls.push('recover') },
        ),
      ),
    );
    expect(result.error).toBeUndefined();
    expect(await text(from(result.events))).toBe(`You said: ${INPUT}`);
    // As the fallback's own create: the thread, the run as created, its statuses, what it made, its end.
    expect(names(result.events).slice(0, 2)).toEqual(['thread.created', 'thread.run.created']);
    expect(result.events.at(-1)).toMatchObject({ event: 'thread.run.completed' });
    expect(calls).toEqual(['fallback']);
    expect(created.runs).toBe(1);
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /threads/runs']);
  });

  it('runs.stream with fallbackToPolling: followed from the answer, without looking the run up by its marker', async () => {
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: INPUT }] }));
    ctx.emulator.inject(IGNORED);
    const { result, created, requests } = await observed(() => outcome(ctx.client.threads.runs.stream(thread.id, { assistant_id: assistantId }, FALLBACK)));
    expect(result.error).toBeUndefined();
    expect(await text(from(result.events))).toBe(`You said: ${INPUT}`);
    expect(names(result.events)[0]).toBe('thread.run.created');
    expect(created.runs).toBe(1);
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /threads/thread/runs']);
    // The lookup lists the thread's runs: not needed with the run in hand.
    expect(requests).not.toContain('GET /threads/thread/runs');
  });

  it('without fallbackToPolling: StreamNotEstablishedError carrying the run, which is not created again', async () => {
    ctx.emulator.inject(IGNORED);
    const { result, created } = await observed(() =>
      outcome(ctx.client.threads.createAndRunStream({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content: INPUT }] } })),
    );
    expect(result.events).toEqual([]);
    expect(result.error).toBeInstanceOf(StreamNotEstablishedError);
    expect((result.error as StreamNotEstablishedError).json).toMatchObject({ object: 'thread.run', status: 'queued' });
    expect(created.runs).toBe(1);
  });
});

describe('a run stream recovered before its first event begins as a stream does', () => {
  const names = (events: readonly AssistantStreamEvent[]) => events.map((e) => e.event);

  it('cut before its first event (a reset): thread.run.created, with the run, before the rest', async () => {
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: INPUT }] }));
    ctx.emulator.inject({ kind: 'reset', afterEvents: 0 }, { match: { method: 'POST', path: /\/runs$/ } });
    const { result, created } = await observed(() => outcome(ctx.client.threads.runs.stream(thread.id, { assistant_id: assistantId })));
    expect(result.error).toBeUndefined();
    expect(names(result.events)[0]).toBe('thread.run.created');
    const run = result.events[0]!.data as { id: string; thread_id: string };
    expect(run.thread_id).toBe(thread.id);
    expect(result.events.at(-1)).toMatchObject({ event: 'thread.run.completed', data: { id: run.id } });
    expect(await text(from(result.events))).toBe(`You said: ${INPUT}`);
    expect(created.runs).toBe(1);
  });

  it('a 502 after the API accepted the POST (adopted by its marker): thread.run.created first; once delivered, never again', async () => {
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: INPUT }] }));
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ } });
    const adopted = await outcome(ctx.client.threads.runs.stream(thread.id, { assistant_id: assistantId }));
    expect(adopted.error).toBeUndefined();
    expect(names(adopted.events).filter((name) => name === 'thread.run.created')).toHaveLength(1);
    expect(names(adopted.events)[0]).toBe('thread.run.created');

    // Cut after it came: recovery does not repeat it.
    const next = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: INPUT }] }));
    ctx.emulator.inject({ kind: 'reset', afterEvents: 3 }, { match: { method: 'POST', path: /\/runs$/ } });
    const cut = await outcome(ctx.client.threads.runs.stream(next.id, { assistant_id: assistantId }));
    expect(cut.error).toBeUndefined();
    expect(names(cut.events).filter((name) => name === 'thread.run.created')).toHaveLength(1);
  });
});

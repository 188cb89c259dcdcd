import { firstValueFrom, from, lastValueFrom, take, tap, toArray } from 'rxjs';
import {
  createClient,
  finalResponse,
  IncompleteStreamError,
  ResponseResumeExpiredError,
  type ResponseRecoveryInfo,
  responseEvents,
  type ResponseStreamEvent,
  resumableEventStream,
} from '../../src/index';
import { startEmulator, type Emulator, type Fault } from '../../src/testing/index.js';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';
import { sse } from '../responses/stream';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky';
const REPLY = `You said: ${INPUT}`;
const POST = { method: 'POST', path: '/responses' } as const;
const RESUME = { method: 'GET', path: /^\/v1\/responses\/resp_[^/]+$/ } as const;

const seqs = (events: readonly ResponseStreamEvent[]) => events.map((event) => event.sequence_number);
const text = (events: readonly ResponseStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : [])).join('');
const streamRequests = (emulator: Emulator, from: number) =>
  emulator.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/resp_\w+/, 'resp')}${r.query ? `?${r.query}` : ''}`);

/** The uncut stream of the same request, to compare with. */
async function uncut(): Promise<ResponseStreamEvent[]> {
  return lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(toArray()));
}

describe('client.responses.stream(): lossless resume of background responses', () => {
  it.each<[string, Fault]>([
    ['a reset connection', { kind: 'reset', afterEvents: 5 }],
    ['a premature end', { kind: 'endEarly', afterEvents: 5 }],
    ['an end in the middle of an event', { kind: 'endMidEvent', afterEvents: 5 }],
  ])('after %s: GET stream=true&starting_after=<last delivered>, every event once, in order', async (_, fault) => {
    const expected = await uncut();
    ctx.emulator.inject(fault, { match: POST });
    const recoveries: ResponseRecoveryInfo[] = [];
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: INPUT, background: true }, { onRecover: (info) => recoveries.push(info) })
        .pipe(toArray()),
    );
    expect(seqs(events)).toEqual(seqs(expected));
    expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
    expect(text(events)).toBe(REPLY);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp?stream=true&starting_after=4']);
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ startingAfter: 4, receivedEvents: 5, attempt: 1 });
    expect(recoveries[0]!.reason).toBeInstanceOf(IncompleteStreamError);
    expect(recoveries[0]!.responseId).toMatch(/^resp_/);
  });

  it('after a stall past the idle timeout', async () => {
    ctx.emulator.inject({ kind: 'stall', afterEvents: 3 }, { match: POST });
    const client = ctx.clientWith({ idleTimeout: 200 });
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(toArray()));
    expect(seqs(events)).toEqual(events.map((_, at) => at));
    expect(text(events)).toBe(REPLY);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp?stream=true&starting_after=2']);
    expect(ctx.emulator.requests[from]!.outcome).toBe('client-closed');
  });

  it('twice in one stream: the resumed stream is cut too, and resumed again after its own last event', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 2 }, { match: POST });
    ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: RESUME });
    const recoveries: ResponseRecoveryInfo[] = [];
    const from = ctx.emulator.requests.length;
    const response = await firstValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: INPUT, background: true }, { onRecover: (info) => recoveries.push(info) })
        .pipe(finalResponse()),
    );
    expect(response.output_text ?? (response.output[0] as { content: Array<{ text: string }> }).content[0]!.text).toBe(REPLY);
    expect(streamRequests(ctx.emulator, from)).toEqual([
      'POST /v1/responses',
      'GET /v1/responses/resp?stream=true&starting_after=1',
      'GET /v1/responses/resp?stream=true&starting_after=5',
    ]);
    expect(recoveries.map((r) => [r.startingAfter, r.attempt])).toEqual([
      [1, 1],
      [5, 1],
    ]);
  });

  it('a stream by id (with starting_after) resumes too', async () => {
    const queued = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 2 }, { match: RESUME });
    const events = await lastValueFrom(ctx.client.responses.stream({ response_id: queued.id, starting_after: 3 }).pipe(toArray()));
    expect(seqs(events)[0]).toBe(4);
    expect(seqs(events)).toEqual(events.map((_, at) => at + 4));
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it('starting_after -1 is the stream from its start (sent as none); NaN, 1.5 or -5 is a RangeError before anything is sent', async () => {
    const queued = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(ctx.client.responses.stream({ response_id: queued.id, starting_after: -1 }).pipe(toArray()));
    expect(seqs(events)).toEqual(events.map((_, at) => at));
    expect(ctx.emulator.requests[from]!.query).toBe('stream=true');
    const after = ctx.emulator.requests.length;
    for (const bad of [Number.NaN, 1.5, -5]) {
      expect(() => ctx.client.responses.stream({ response_id: queued.id, starting_after: bad })).toThrow(
        new RangeError(`responses.stream(): starting_after must be a whole number >= -1 (a sequence_number; got ${bad})`),
      );
      expect(() => ctx.client.responses.retrieve(queued.id, { stream: true, starting_after: bad })).toThrow(/^responses\.retrieve\(\): starting_after must be/);
    }
    expect(ctx.emulator.requests.length).toBe(after);
  });

  it('a resume asks for what the stream asked for: the include of a stream by id, or the include and include_obfuscation of a background create', async () => {
    const include = ['message.output_text.logprobs'] as const;
    const queued = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
    ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: RESUME, times: 1 });
    const from = ctx.emulator.requests.length;
    await lastValueFrom(ctx.client.responses.retrieve(queued.id, { stream: true, include: [...include] }).pipe(toArray()));
    ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: POST, times: 1 });
    const params = { model: 'gpt-4o', input: INPUT, background: true, include: [...include], stream_options: { include_obfuscation: false } };
    await lastValueFrom(ctx.client.responses.stream(params).pipe(toArray()));
    const asked = 'include%5B%5D=message.output_text.logprobs';
    expect(streamRequests(ctx.emulator, from)).toEqual([
      `GET /v1/responses/resp?${asked}&stream=true`,
      `GET /v1/responses/resp?${asked}&stream=true&starting_after=3`,
      'POST /v1/responses',
      `GET /v1/responses/resp?${asked}&include_obfuscation=false&stream=true&starting_after=3`,
    ]);
  });

  it('a stream by id after the last event of a settled response completes empty (a reconnect with the last id)', async () => {
    const all = await uncut();
    const id = all[0]!.type === 'response.created' ? all[0]!.response.id : '';
    const lastSequence = all.at(-1)!.sequence_number!;
    const recoveries: ResponseRecoveryInfo[] = [];
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(
      ctx.client.responses.stream({ response_id: id, starting_after: lastSequence }, { onRecover: (info) => recoveries.push(info) }).pipe(toArray()),
    );
    expect(events).toEqual([]);
    // The empty stream, one look at the response (settled), one more resume that brings nothing either: done.
    expect(recoveries.map((r) => [r.startingAfter, r.attempt])).toEqual([[lastSequence, 1]]);
    const stream = `GET /v1/responses/resp?stream=true&starting_after=${lastSequence}`;
    expect(streamRequests(ctx.emulator, from)).toEqual([stream, 'GET /v1/responses/resp', stream]);
  });

  it('a stream by id of a settled response, cut before its first event, still gets every event after starting_after', async () => {
    const all = await uncut();
    const id = all[0]!.type === 'response.created' ? all[0]!.response.id : '';
    for (const fault of [{ kind: 'reset', afterEvents: 0 }, { kind: 'endEarly', afterEvents: 0 }] as Fault[]) {
      ctx.emulator.inject(fault, { match: RESUME });
      const events = await lastValueFrom(ctx.client.responses.stream({ response_id: id, starting_after: 1 }).pipe(toArray()));
      expect(seqs(events)).toEqual(seqs(all).slice(2));
    }
  });

  it('a stream by id that ends without an event while the response runs is a cut, resumed as any other', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 20, deltaMs: 20 } });
    try {
      const client = createClient({ apiKey: 'test', baseURL: paced.url, maxRetries: 2 });
      const queued = await firstValueFrom(client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
      paced.inject({ kind: 'endEarly', afterEvents: 0 }, { match: { method: 'GET', path: /^\/v1\/responses\/resp_[^/]+$/ } });
      const recoveries: ResponseRecoveryInfo[] = [];
      const events = await lastValueFrom(
        client.responses.stream({ response_id: queued.id, starting_after: 0 }, { onRecover: (info) => recoveries.push(info) }).pipe(toArray()),
      );
      expect(events[0]!.sequence_number).toBe(1);
      expect(events.at(-1)!.type).toBe('response.completed');
      expect(recoveries.map((r) => [r.startingAfter, r.method])).toEqual([[0, 'resume']]);
    } finally {
      await paced.close();
    }
  });

  it('resumes in a row that deliver nothing are bounded by maxRetries; then the cut is final, with the cut’s own error', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 0 }, { match: RESUME, times: Infinity });
    const from = ctx.emulator.requests.length;
    const error = await lastValueFrom(
      ctx.clientWith({ maxRetries: 2 }).responses.stream({ model: 'gpt-4o', input: INPUT, background: true }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    // Where the stream was (the response, its three events), not what the last empty resume knew.
    expect(error).toMatchObject({ receivedEvents: 3, lastResponseStatus: 'in_progress' });
    expect((error as IncompleteStreamError).responseId).toMatch(/^resp_/);
    expect(streamRequests(ctx.emulator, from)).toEqual([
      'POST /v1/responses',
      'GET /v1/responses/resp?stream=true&starting_after=2',
      'GET /v1/responses/resp?stream=true&starting_after=2',
    ]);
  });

  it('a cut after a resume that delivered events, then empty resumes: the error tells of the response and of every event the call delivered', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 5 }, { match: POST });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 4 }, { match: RESUME, times: 1 });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 0 }, { match: RESUME, times: Infinity });
    const seen: ResponseStreamEvent[] = [];
    const error = await lastValueFrom(
      ctx.clientWith({ maxRetries: 1 }).responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(tap((e) => seen.push(e))),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(seen).toHaveLength(9);
    // The resumed connection saw no response object and 4 events; the call saw the response and 9.
    expect(error).toMatchObject({ receivedEvents: 9, lastResponseStatus: 'in_progress', lastEventName: seen.at(-1)!.type });
    expect((error as IncompleteStreamError).responseId).toBe((seen[0] as { response: { id: string } }).response.id);
    expect((error as Error).message).toMatch(/^The stream of response resp_\w+ \(last status: in_progress\) ended before it was done, after 9 events/);
  });

  it('a resume is never a success without the terminal event, keepalives alone do not renew the budget, and skipped numbers are asked for again', async () => {
    const id = 'resp_faults';
    const response = { id, object: 'response', status: 'in_progress', background: true, output: [] };
    const item = { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const delta = (n: number, d: string) => ({ type: 'response.output_text.delta', sequence_number: n, item_id: 'msg_1', output_index: 0, content_index: 0, delta: d });
    const completed = (n: number) => ({ type: 'response.completed', sequence_number: n, response: { ...response, status: 'completed' } });
    const head = [
      { type: 'response.created', sequence_number: 0, response },
      { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item },
      { type: 'response.content_part.added', sequence_number: 2, item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      delta(3, 'Hel'),
      delta(4, 'lo'),
    ];
    // The POST is cut after `head`; each GET answers with the next of `resumes` (the last one again when they run out).
    const serve = async (resumes: readonly Uint8Array[], run: (client: ReturnType<typeof createClient>, requests: string[]) => Promise<void>) => {
      const requests: string[] = [];
      let gets = 0;
      const server = await listen((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (req.method === 'POST') return res.end(sse(head));
        res.end(resumes[Math.min(gets++, resumes.length - 1)]);
      });
      try {
        await run(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 2 }), requests);
      } finally {
        await server.close();
      }
    };
    const call = (client: ReturnType<typeof createClient>) => {
      const seen: ResponseStreamEvent[] = [];
      const result = lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(tap((e) => seen.push(e)))).then(
        () => 'completed',
        (e: unknown) => e,
      );
      return { seen, result };
    };

    // A resume that numbers from 0 again: its delta and its terminal event are taken for events already delivered.
    await serve([sse([delta(0, ' world'), completed(1)])], async (client, requests) => {
      const { seen, result } = call(client);
      const outcome = await result;
      expect(outcome).toBeInstanceOf(IncompleteStreamError);
      expect(outcome).toMatchObject({ responseId: id, receivedEvents: 5, lastEventName: 'response.output_text.delta' });
      expect(text(seen)).toBe('Hello');
      expect(requests.filter((r) => r.startsWith('GET'))).toEqual(Array(2).fill(`GET /responses/${id}?stream=true&starting_after=4`));
    });

    // Every resume answers a keepalive without a number, then ends: the budget runs out (it resumed for ever before).
    await serve([sse([{ type: 'keepalive' }])], async (client, requests) => {
      const { result } = call(client);
      expect(await result).toBeInstanceOf(IncompleteStreamError);
      expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(2);
    });

    // Skipped numbers (5 before 4, then 4): the gap is a cut, and the next resume asks again after 4.
    await serve([sse([delta(6, 'ld'), delta(5, ' wor'), completed(7)]), sse([delta(5, ' wor'), delta(6, 'ld'), completed(7)])], async (client, requests) => {
      const { seen, result } = call(client);
      expect(await result).toBe('completed');
      expect(text(seen)).toBe('Hello world');
      expect(seqs(seen)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(requests.filter((r) => r.startsWith('GET'))).toEqual(Array(2).fill(`GET /responses/${id}?stream=true&starting_after=4`));
    });
  });

  it('a server that numbers no event: a cut is final (a resume could not say where to go on), never the text twice', async () => {
    const id = 'resp_unnumbered';
    const response = { id, object: 'response', status: 'in_progress', background: true, output: [] };
    const events = [
      { type: 'response.created', response },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      ...['ab', 'cd', 'ef'].map((delta) => ({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta })),
    ];
    const requests: string[] = [];
    let emptied = false;
    const server = await listen((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // The first stream by id: its first connection ends before any event.
      const empty = req.method === 'GET' && !emptied;
      if (empty) emptied = true;
      res.end(empty ? '' : events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
    });
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 2 });
      const seen: ResponseStreamEvent[] = [];
      const error = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(tap((e) => seen.push(e)))).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(text(seen)).toBe('abcdef');
      expect(requests).toEqual(['POST /responses']);
      // A stream by id without starting_after, cut before its first event: resumed from the start, not after -1.
      requests.length = 0;
      const again = await lastValueFrom(client.responses.stream({ response_id: id }).pipe(toArray())).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(IncompleteStreamError);
      expect(requests).toEqual([`GET /responses/${id}?stream=true`, `GET /responses/${id}?stream=true`]);
      // Numbered, then unnumbered: a resume after the last number would bring the unnumbered ones again.
      requests.length = 0;
      (events[0] as { sequence_number?: number }).sequence_number = 0;
      const mixed = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(take(50), toArray())).catch((e: unknown) => e);
      expect(mixed).toBeInstanceOf(IncompleteStreamError);
      expect(requests).toEqual(['POST /responses']);
      delete (events[0] as { sequence_number?: number }).sequence_number;
      // A keepalive without a number says nothing of where the stream is: a stream by id that gave only one is resumed.
      requests.length = 0;
      let served = 0;
      const keepalive = await listen((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (served++ === 0) return res.end('event: keepalive\ndata: {"type":"keepalive"}\n\n');
        const done = { type: 'response.completed', sequence_number: 4, response: { ...response, status: 'completed' } };
        res.end(`event: response.completed\ndata: ${JSON.stringify(done)}\n\n`);
      });
      try {
        const byId = createClient({ apiKey: 'k', baseURL: keepalive.url, maxRetries: 2 });
        const resumed = await lastValueFrom(byId.responses.stream({ response_id: id, starting_after: 3 }).pipe(toArray()));
        expect(resumed.map((e) => e.type)).toEqual(['keepalive', 'response.completed']);
        // The keepalive is no event of the response: as for a stream that brought none, the client asks whether the
        // response settled (this server answers no response, so it is taken as still at work) before resuming.
        expect(requests).toEqual([
          `GET /responses/${id}?stream=true&starting_after=3`,
          `GET /responses/${id}`,
          `GET /responses/${id}?stream=true&starting_after=3`,
        ]);
      } finally {
        await keepalive.close();
      }
      // With starting_after: its events are unnumbered too, so a cut is final (a resume after 3 would replay them).
      requests.length = 0;
      const after = await lastValueFrom(client.responses.stream({ response_id: id, starting_after: 3 }).pipe(take(50), toArray())).catch((e: unknown) => e);
      expect(after).toBeInstanceOf(IncompleteStreamError);
      expect(requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('maxRetries: 0 still resumes once after an event (a GET creates nothing); a second empty resume in a row is not sent', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 5 }, { match: POST });
    const client = ctx.clientWith({ maxRetries: 0 });
    const recoveries: ResponseRecoveryInfo[] = [];
    const from = ctx.emulator.requests.length;
    const events = await lastValueFrom(
      client.responses
        .stream({ model: 'gpt-4o', input: INPUT, background: true }, { onRecover: (info) => recoveries.push(info) })
        .pipe(toArray()),
    );
    expect(text(events)).toBe(REPLY);
    expect(seqs(events)).toEqual(events.map((_, at) => at));
    expect(recoveries.map((r) => [r.startingAfter, r.attempt])).toEqual([[4, 1]]);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp?stream=true&starting_after=4']);

    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 0 }, { match: RESUME, times: Infinity });
    const next = ctx.emulator.requests.length;
    const error = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(streamRequests(ctx.emulator, next)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp?stream=true&starting_after=2']);
  });

  it('unsubscribing during a resume ends it: the resume request is aborted and nothing more is sent', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
    ctx.emulator.inject({ kind: 'stall', afterEvents: 0 }, { match: RESUME });
    const from = ctx.emulator.requests.length;
    const received: ResponseStreamEvent[] = [];
    const subscription = ctx.client.responses
      .stream({ model: 'gpt-4o', input: INPUT, background: true })
      .subscribe({ next: (event) => received.push(event) });
    const resume = await ctx.emulator.waitForRequest({ ...RESUME, nth: countMatching(ctx.emulator, from) + 1 });
    subscription.unsubscribe();
    const ended = await resume.ended;
    expect(ended.outcome).toBe('client-closed');
    await ctx.emulator.idle();
    expect(received).toHaveLength(3);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp?stream=true&starting_after=2']);
  });

  it('a resume past the window fails with ResponseResumeExpiredError naming the response; what came before stays delivered', async () => {
    const strict = await startEmulator({ pacing: 0, resumeWindowMs: 0 });
    try {
      strict.inject({ kind: 'stall', afterEvents: 3 }, { match: POST });
      const client = ctx.clientWith({ baseURL: strict.url, idleTimeout: 300 });
      const received: ResponseStreamEvent[] = [];
      const error = await new Promise<unknown>((resolve) =>
        client.responses
          .stream({ model: 'gpt-4o', input: INPUT, background: true })
          .subscribe({ next: (e) => received.push(e), error: resolve, complete: () => resolve(undefined) }),
      );
      expect(received).toHaveLength(3);
      const id = received[0]!.type === 'response.created' ? received[0]!.response.id : '';
      expect(error).toBeInstanceOf(ResponseResumeExpiredError);
      expect(error).toMatchObject({ responseId: id, startingAfter: 2 });
      expect((error as Error).message).toContain(id);
      expect((error as Error).cause).toMatchObject({ status: 400, code: 'response_stream_expired' });
    } finally {
      await strict.close();
    }
  });

  it('a stream by id with starting_after past the window fails with ResponseResumeExpiredError too: it is a resume itself', async () => {
    const strict = await startEmulator({ pacing: 0, resumeWindowMs: 0 });
    try {
      const client = ctx.clientWith({ baseURL: strict.url });
      const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(toArray()));
      const id = events[0]!.type === 'response.created' ? events[0]!.response.id : '';
      const error = await lastValueFrom(client.responses.stream({ response_id: id, starting_after: 2 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseResumeExpiredError);
      expect(error).toMatchObject({ responseId: id, startingAfter: 2 });
      expect((error as Error).cause).toMatchObject({ status: 400, code: 'response_stream_expired' });
      // From the start (no starting_after) it is no resume: the API's error as it came.
      const fromStart = await lastValueFrom(client.responses.stream({ response_id: id })).catch((e: unknown) => e);
      expect(fromStart).not.toBeInstanceOf(ResponseResumeExpiredError);
      expect(fromStart).toMatchObject({ status: 400, code: 'response_stream_expired' });
    } finally {
      await strict.close();
    }
  });

  it('cancelOnUnsubscribe: unsubscribing before the response settled cancels it; without it the response goes on', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      const params = { model: 'gpt-4o', input: INPUT, background: true };
      const cancelled = await lastValueFrom(client.responses.stream(params, { cancelOnUnsubscribe: true }).pipe(take(3), toArray()));
      const cancel = await paced.waitForRequest({ method: 'POST', path: /\/cancel$/ });
      await cancel.ended;
      const id = cancelled[0]!.type === 'response.created' ? cancelled[0]!.response.id : '';
      expect(cancel.path).toBe(`/v1/responses/${id}/cancel`);
      await expect(firstValueFrom(client.responses.retrieve(id))).resolves.toMatchObject({ status: 'cancelled' });

      const kept = await lastValueFrom(client.responses.stream(params).pipe(take(3), toArray()));
      const keptId = kept[0]!.type === 'response.created' ? kept[0]!.response.id : '';
      await paced.idle();
      await expect(firstValueFrom(client.responses.retrieve(keptId))).resolves.toMatchObject({ status: 'completed' });
      expect(paced.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(1);
    } finally {
      await paced.close();
    }
  });

  it('cancelOnUnsubscribe with the caller’s idempotencyKey: the cancel has a key of its own, and the response is cancelled', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      const params = { model: 'gpt-4o', input: INPUT, background: true };
      const events = await lastValueFrom(
        client.responses.stream(params, { cancelOnUnsubscribe: true, idempotencyKey: 'call-4' }).pipe(take(3), toArray()),
      );
      const cancel = await paced.waitForRequest({ method: 'POST', path: /\/cancel$/ });
      await cancel.ended;
      const id = events[0]!.type === 'response.created' ? events[0]!.response.id : '';
      expect([cancel.idempotencyKey, cancel.status]).toEqual(['call-4-cancel', 200]);
      await expect(firstValueFrom(client.responses.retrieve(id))).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      await paced.close();
    }
  });

  it('a response cancelled by someone else while streamed: its stream ends, the resume finds nothing, IncompleteStreamError', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url, maxRetries: 1 });
      const received: ResponseStreamEvent[] = [];
      let twoReceived!: () => void;
      const two = new Promise<void>((resolve) => (twoReceived = resolve));
      const ended = new Promise<unknown>((resolve) =>
        client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).subscribe({
          next: (e) => received.push(e) === 2 && twoReceived(),
          error: resolve,
          complete: () => resolve(undefined),
        }),
      );
      await two;
      const id = received[0]!.type === 'response.created' ? received[0]!.response.id : '';
      await expect(firstValueFrom(client.responses.cancel(id))).resolves.toMatchObject({ status: 'cancelled' });
      const error = await ended;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(received.map((e) => e.type)).not.toContain('response.completed');
      expect(seqs(received)).toEqual(received.map((_, at) => at));
      expect(paced.requests.filter((r) => r.method === 'GET' && r.query.startsWith('stream=true'))).toHaveLength(1);
    } finally {
      await paced.close();
    }
  });

  it('a cut stream of a response that is neither in background nor stored fails with IncompleteStreamError (no resume)', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
    const from = ctx.emulator.requests.length;
    const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, store: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses']);
  });

  it('recoverStreams: false turns resume off', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 3 }, { match: POST });
    const from = ctx.emulator.requests.length;
    const error = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { recoverStreams: false }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(streamRequests(ctx.emulator, from)).toEqual(['POST /v1/responses']);
    await ctx.emulator.idle();
  });
});

function countMatching(emulator: Emulator, from: number): number {
  return emulator.requests.slice(0, from).filter((r) => r.method === 'GET' && /^\/v1\/responses\/resp_[^/]+$/.test(r.path)).length;
}

describe('client.responses.stream(): the first stream of a call passes every event, whatever its numbers', () => {
  /** A server on 127.0.0.1 that answers the POST with the emulator's own events, renumbered by `renumber`. */
  async function served(renumber: (at: number) => number) {
    const events = await uncut();
    const body = events.map((event, at) => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: renumber(at) })}\n\n`).join('');
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
    return { events, server };
  }

  it.each<[string, (at: number) => number]>([
    ['all 0', () => 0],
    ['all -1', () => -1],
    ['numbered again from 0 after response.in_progress', (at) => (at < 2 ? at : at - 2)],
  ])('%s: every event, the whole text, and the response completed', async (_, renumber) => {
    const { events: expected, server } = await served(renumber);
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT }).pipe(toArray()));
      expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
      expect(seqs(events)).toEqual(expected.map((_, at) => renumber(at)));
      expect(text(events)).toBe(REPLY);
      const response = await lastValueFrom(from(events).pipe(finalResponse()));
      expect(response.status).toBe('completed');
    } finally {
      await server.close();
    }
  });
});

describe('a cancelled background response, streamed by id after its last event', () => {
  it('is no success: the cut stands (IncompleteStreamError), and the relay does not answer 204 (which tells EventSource all was read)', async () => {
    const emulator = await startEmulator({ pacing: { eventMs: 20, deltaMs: 20 } });
    const client = createClient({ apiKey: 't', baseURL: emulator.url });
    try {
      const first = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Tell me about the sea and the sky', background: true }).pipe(take(4), toArray()));
      const id = (first[0] as { response: { id: string } }).response.id;
      await firstValueFrom(client.responses.cancel(id));
      // Every event the cancelled response has, read by id until the cut.
      const all: ResponseStreamEvent[] = [];
      await new Promise<void>((done) =>
        client.responses.stream({ response_id: id }, { maxRetries: 0 }).subscribe({ next: (e) => all.push(e), error: () => done(), complete: () => done() }),
      );
      const last = all.at(-1)!.sequence_number;
      const after = await lastValueFrom(client.responses.stream({ response_id: id, starting_after: last }).pipe(toArray())).catch((e: unknown) => e);
      expect(after).toBeInstanceOf(IncompleteStreamError);
      const handler = resumableEventStream((lastEventId) => client.responses.stream({ response_id: id, starting_after: Number(lastEventId ?? -1) }), {
        format: 'responses',
      });
      const reconnect = await handler(new Request('http://relay/events', { headers: { 'last-event-id': String(last) } }));
      expect(reconnect.status).toBe(200);
      const relayed = await lastValueFrom(responseEvents(reconnect).pipe(toArray())).catch((e: unknown) => e);
      expect(relayed).toBeInstanceOf(Error);
    } finally {
      await emulator.close();
    }
  });
});

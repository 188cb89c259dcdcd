import fc from 'fast-check';
import { firstValueFrom, from as fromEvents, lastValueFrom, toArray, VirtualTimeScheduler } from 'rxjs';
import {
  finalResponse,
  IncompleteStreamError,
  NotFoundError,
  ResponseDivergedError,
  ResponseNotRetrievableError,
  type ResponseRecoveryInfo,
  type ResponseStreamEvent,
  textDeltas,
} from '../../src/index';
import { startEmulator, type Fault } from '../../src/testing/index.js';
import { propertyRuns } from '../helpers/property-runs';
import { responsesWeatherTool, useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';
import { until } from '../helpers/until';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky, and the ships that sail between them';
const POST = { method: 'POST', path: '/responses' } as const;
const weather = responsesWeatherTool;
const TOOL_INPUT = 'Use get_weather for "New York" and for "Rome"';

const isRetrieve = (r: { method: string; path: string; query: string }) =>
  r.method === 'GET' && /^\/v1\/responses\/resp_[^/]+$/.test(r.path) && r.query === '';
const seqs = (events: readonly ResponseStreamEvent[]) => events.map((event) => event.sequence_number);
const idOf = (events: readonly ResponseStreamEvent[]) => (events[0]!.type === 'response.created' ? events[0]!.response.id : '');

describe('client.responses.stream(): a cut stream of a stored response is completed once it settled', () => {
  const SUMMARY = 'The user asks about the sea, so I describe it and the sky above it.';
  it.each<[string, Record<string, unknown>, (() => void) | undefined]>([
    ['a message', { input: INPUT }, undefined],
    ['function calls', { input: TOOL_INPUT, tools: [weather] }, undefined],
    ['a reasoning summary and a message', { input: INPUT }, () => ctx.emulator.scriptAnswer({ reasoning: SUMMARY, text: 'The sea is wide.' })],
  ])('%s cut at any event (end or reset): the same final response, text and events as the server has', async (_, params, script) => {
    script?.();
    const uncut = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', ...params }).pipe(toArray()));
    const total = uncut.length;
    expect(total).toBeGreaterThan(6);
    const calls = uncut.filter((e) => e.type === 'response.function_call_arguments.done').length;
    expect(calls > 0).toBe(params['tools'] !== undefined);
    const kind = fc.constantFrom<'reset' | 'endEarly' | 'endMidEvent'>('reset', 'endEarly', 'endMidEvent');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: total - 1 }), kind, async (afterEvents, cut) => {
        ctx.emulator.inject({ kind: cut, afterEvents } as Fault, { match: POST, times: 1 });
        script?.();
        const recoveries: ResponseRecoveryInfo[] = [];
        const events = await lastValueFrom(
          ctx.client.responses.stream({ model: 'gpt-4o', ...params }, { onRecover: (info) => recoveries.push(info) }).pipe(toArray()),
        );
        const id = idOf(events);
        const server = await firstValueFrom(ctx.client.responses.retrieve(id));
        const [accumulated, text] = await Promise.all([
          lastValueFrom(fromEvents(events).pipe(finalResponse())),
          lastValueFrom(fromEvents(events).pipe(textDeltas(), toArray())),
        ]);
        // The recovered events complete the stream: the accumulated response is the server's.
        expect(accumulated).toEqual({ ...server, output_text: accumulated.output_text });
        expect(accumulated.status).toBe('completed');
        expect(text.join('')).toBe(accumulated.output_text);
        // The argument deltas of each call add up to its arguments.
        for (const item of server.output) {
          if (item.type !== 'function_call') continue;
          const deltas = events.flatMap((e) => (e.type === 'response.function_call_arguments.delta' && e.item_id === item.id ? [e.delta] : []));
          expect(deltas.join('')).toBe(item.arguments);
        }
        // The summary deltas of each reasoning item add up to its summary.
        for (const item of server.output) {
          if (item.type !== 'reasoning') continue;
          const deltas = events.flatMap((e) => (e.type === 'response.reasoning_summary_text.delta' && e.item_id === item.id ? [e.delta] : []));
          expect(deltas.join('')).toBe(item.summary.map((part) => part.text).join(''));
        }
        // Strictly increasing sequence numbers, one terminal event, as many events of each kind as the uncut stream
        // (but deltas, whose rest comes as one, and the lifecycle events before the output).
        expect(seqs(events).slice(0, afterEvents)).toEqual(seqs(uncut).slice(0, afterEvents));
        for (let at = 1; at < events.length; at++) expect(events[at]!.sequence_number).toBeGreaterThan(events[at - 1]!.sequence_number!);
        expect(events.filter((e) => e.type === 'response.completed')).toHaveLength(1);
        const count = (list: readonly ResponseStreamEvent[], type: string) => list.filter((e) => e.type === type).length;
        for (const type of new Set(uncut.map((e) => e.type))) {
          if (type.endsWith('.delta') || type === 'response.created' || type === 'response.in_progress') continue;
          expect([type, count(events, type)]).toEqual([type, count(uncut, type)]);
        }
        expect(recoveries).toHaveLength(1);
        expect(recoveries[0]).toMatchObject({ responseId: id, method: 'settle', receivedEvents: afterEvents, startingAfter: afterEvents - 1 });
        expect(recoveries[0]!.reason).toBeInstanceOf(IncompleteStreamError);
      }),
      { numRuns: propertyRuns(2_000, 25) },
    );
  });

  it('a stream cut while the response is still produced waits for it to settle (paced emulator), then completes', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      paced.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
      const from = paced.requests.length;
      const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: INPUT }, { pollIntervalMs: 5 }).pipe(toArray()));
      const server = await firstValueFrom(client.responses.retrieve(idOf(events)));
      const response = await lastValueFrom(fromEvents(events).pipe(finalResponse()));
      expect(response).toEqual({ ...server, output_text: response.output_text });
      expect(response.output_text).toBe(`You said: ${INPUT}`);
      // It was still in progress when the stream was cut: the client polled until it settled.
      expect(paced.requests.slice(from).filter(isRetrieve).length).toBeGreaterThanOrEqual(2);
    } finally {
      await paced.close();
    }
  });

  it('a stream gone silent (idleTimeout) is completed the same way; the response was produced meanwhile', async () => {
    ctx.emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST });
    const recoveries: ResponseRecoveryInfo[] = [];
    const events = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, { idleTimeout: 100, onRecover: (info) => recoveries.push(info) }).pipe(toArray()),
    );
    const server = await firstValueFrom(ctx.client.responses.retrieve(idOf(events)));
    const response = await lastValueFrom(fromEvents(events).pipe(finalResponse()));
    expect(response).toEqual({ ...server, output_text: `You said: ${INPUT}` });
    expect(recoveries.map((r) => [r.method, r.receivedEvents, (r.reason as { kind?: string }).kind])).toEqual([['settle', 6, 'idle']]);
  });

  it('store: false, or a cut before the response is known, is IncompleteStreamError, and nothing is retrieved', async () => {
    for (const [params, afterEvents] of [
      [{ store: false }, 4],
      [{}, 0],
    ] as const) {
      ctx.emulator.inject({ kind: 'endEarly', afterEvents }, { match: POST });
      const from = ctx.emulator.requests.length;
      const recoveries: unknown[] = [];
      const error = await lastValueFrom(
        ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, ...params }, { onRecover: (info) => recoveries.push(info) }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(recoveries).toEqual([]);
      expect(ctx.emulator.requests.slice(from).filter(isRetrieve)).toEqual([]);
      await ctx.emulator.idle();
    }
  });

  it('a response the API does not serve (its GET answers 404) fails with ResponseNotRetrievableError, the cut kept', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 4 }, { match: POST });
    // A gateway that does not forward the GET (or an organization with zero data retention).
    ctx.emulator.inject({ kind: 'serverError', status: 404, message: 'Not found' }, { match: { method: 'GET', path: /^\/v1\/responses\/resp_[^/]+$/ } });
    const from = ctx.emulator.requests.length;
    const recoveries: ResponseRecoveryInfo[] = [];
    const events: ResponseStreamEvent[] = [];
    const error = await new Promise<unknown>((resolve) =>
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: INPUT }, { onRecover: (info) => recoveries.push(info) })
        .subscribe({ next: (event) => events.push(event), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(events).toHaveLength(4);
    expect(error).toBeInstanceOf(ResponseNotRetrievableError);
    const failure = error as ResponseNotRetrievableError;
    expect(failure).toMatchObject({ responseId: idOf(events), startingAfter: 3, receivedEvents: 4 });
    // The cut (what the stream delivered) and why its recovery failed (the API's 404) both stay reachable.
    expect(failure.reason).toBe(recoveries[0]!.reason);
    expect(failure.reason).toBeInstanceOf(IncompleteStreamError);
    expect((failure.reason as IncompleteStreamError).responseId).toBe(idOf(events));
    expect(failure.cause).toBeInstanceOf(NotFoundError);
    expect(failure.message).toContain(`The stream of response ${idOf(events)} was cut after 4 events`);
    expect(ctx.emulator.requests.slice(from).filter(isRetrieve).map((r) => r.status)).toEqual([404]);
    await ctx.emulator.idle();
  });

  it('a response that settled with another text than the one streamed (trimmed) fails with ResponseDivergedError, holding it; no delta is made up', async () => {
    const message = { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'The sea is wide.', annotations: [] }] };
    const settled = { id: 'resp_trim', object: 'response', created_at: 1, model: 'gpt-4o', status: 'completed', output: [message] };
    const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
    // The stream's text starts with a space the stored response does not have; the connection closes after it.
    const streamed = [
      { type: 'response.created', response: { ...settled, status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...message, status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', ...at, delta: ' The' },
      { type: 'response.output_text.delta', ...at, delta: ' sea' },
    ].map((event, sequence_number) => ({ ...event, sequence_number }));
    const server = await listen((req, res) => {
      req.resume();
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(streamed.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(settled));
      }
    });
    try {
      const client = ctx.clientWith({ baseURL: `${server.url}/v1`, maxRetries: 0, pollIntervalMs: 1 });
      const recoveries: ResponseRecoveryInfo[] = [];
      const events: ResponseStreamEvent[] = [];
      const error = await new Promise<unknown>((resolve) =>
        client.responses
          .stream({ model: 'gpt-4o', input: INPUT }, { onRecover: (info) => recoveries.push(info) })
          .subscribe({ next: (event) => events.push(event), error: resolve, complete: () => resolve(undefined) }),
      );
      expect(error).toBeInstanceOf(ResponseDivergedError);
      expect(error).toMatchObject({ responseId: 'resp_trim', startingAfter: 4, receivedEvents: 5, path: 'output[0].content[0].text', response: settled });
      // What differs, in its message too: the text delivered there and the response's.
      expect((error as ResponseDivergedError).excerpt).toBe('delivered " The sea", the response has "The sea is wide."');
      expect((error as Error).message).toContain('(output[0].content[0].text: delivered " The sea", the response has "The sea is wide.")');
      expect((error as ResponseDivergedError).reason).toBe(recoveries[0]!.reason);
      expect((error as ResponseDivergedError).reason).toBeInstanceOf(IncompleteStreamError);
      // What was delivered, and nothing after it: " The seas wide." would have been made of it.
      expect(events).toEqual(streamed);
      expect(recoveries.map((r) => r.method)).toEqual(['settle']);
    } finally {
      await server.close();
    }
  });

  it('recoverStreams: false reports the cut', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: POST });
    const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, { recoverStreams: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it('unsubscribing while it waits for the response to settle sends nothing more', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 20, deltaMs: 20 } });
    try {
      // Poll waits run on a scheduler that only moves when flushed.
      const virtual = new VirtualTimeScheduler();
      const client = ctx.clientWith({ baseURL: paced.url, scheduler: virtual });
      paced.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST });
      const from = paced.requests.length;
      let ended = false;
      const subscription = client.responses
        .stream({ model: 'gpt-4o', input: INPUT }, { pollIntervalMs: 1_000 })
        .subscribe({ error: () => (ended = true), complete: () => (ended = true) });
      await until(() => paced.requests.slice(from).some(isRetrieve), { everyMs: 2 });
      await until(() => paced.requests.slice(from).filter(isRetrieve).every((r) => r.status !== undefined), { everyMs: 2 });
      subscription.unsubscribe();
      virtual.flush();
      await paced.idle();
      expect(ended).toBe(false);
      expect(paced.requests.slice(from).filter(isRetrieve)).toHaveLength(1);
    } finally {
      await paced.close();
    }
  });
});

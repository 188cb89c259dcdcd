import { firstValueFrom, from as fromEvents, lastValueFrom, type Observable, share, toArray, VirtualTimeScheduler } from 'rxjs';
import { z } from 'zod';
import { finalResponse, ResponseStreamError, type ResponseStreamEvent, StructuredOutputRefusalError, textDeltas } from '../../src/index';
import { finalParsed } from '../../src/structured';
import { type Emulator, startEmulator } from '../../src/testing/index.js';
import { useEmulator } from '../helpers/emulator';
import { until } from '../helpers/until';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky';
const POST = { method: 'POST', path: '/responses' } as const;
// The stream's POST cannot be established (not retried: maxRetries 0), so the fallback creates the response.
const unavailable = (emulator: Emulator) => emulator.inject({ kind: 'serverError', status: 503 }, { match: POST });
const FALLBACK = { fallbackToPolling: true, maxRetries: 0 } as const;

const isRetrieve = (r: { method: string; path: string; query: string }) =>
  r.method === 'GET' && /^\/v1\/responses\/resp_[^/]+$/.test(r.path) && r.query === '';
const types = (events: readonly ResponseStreamEvent[]) => events.map((event) => event.type);
const idOf = (events: readonly ResponseStreamEvent[]) => (events[0]!.type === 'response.created' ? events[0]!.response.id : '');

/** The events a stream delivered, and its error (`undefined` when it completed). */
function outcome(events$: Observable<ResponseStreamEvent>, onEvent?: (events: ResponseStreamEvent[]) => void) {
  const events: ResponseStreamEvent[] = [];
  return new Promise<{ events: ResponseStreamEvent[]; error: unknown }>((resolve) =>
    events$.subscribe({
      next: (event) => {
        events.push(event);
        onEvent?.(events);
      },
      error: (error: unknown) => resolve({ events, error }),
      complete: () => resolve({ events, error: undefined }),
    }),
  );
}

describe('client.responses.stream() with fallbackToPolling: structured output', () => {
  it("a refused answer is StructuredOutputRefusalError with the refusal, as over the stream (the fallback's events carry it in its parts)", async () => {
    const City = z.object({ city: z.string() });
    for (const fallback of [true, false]) {
      if (fallback) unavailable(ctx.emulator);
      ctx.emulator.scriptAnswer({ refusal: "I can't help with that." });
      const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, FALLBACK).pipe(finalParsed(City))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StructuredOutputRefusalError);
      expect(error).toMatchObject({ refusal: "I can't help with that." });
    }
  });
});

describe('client.responses.stream() with fallbackToPolling: the fallback follows the response until it settled', () => {
  it('a background response (queued when created) is polled until completed: its text, events and final response', async () => {
    unavailable(ctx.emulator);
    const from = ctx.emulator.requests.length;
    const reasons: unknown[] = [];
    const events$ = ctx.client.responses
      .stream({ model: 'gpt-4o', input: INPUT, background: true }, { ...FALLBACK, onFallback: ({ reason }) => reasons.push(reason) })
      .pipe(share());
    const [events, text, response] = await Promise.all([
      lastValueFrom(events$.pipe(toArray())),
      lastValueFrom(events$.pipe(textDeltas(), toArray())),
      lastValueFrom(events$.pipe(finalResponse())),
    ]);
    expect(reasons).toHaveLength(1);
    // Known at once (`queued`), then the output, then the terminal event of the settled response.
    expect(events[0]).toMatchObject({ type: 'response.created', response: { status: 'queued', output: [] } });
    expect(types(events).at(-1)).toBe('response.completed');
    expect(types(events)).toContain('response.output_text.delta');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, at) => at));
    expect(text.join('')).toBe(`You said: ${INPUT}`);
    const server = await firstValueFrom(ctx.client.responses.retrieve(idOf(events)));
    expect(response).toEqual({ ...server, output_text: `You said: ${INPUT}` });
    expect(response.status).toBe('completed');
    const requests = ctx.emulator.requests.slice(from);
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 200]);
    expect(requests.filter(isRetrieve).length).toBeGreaterThanOrEqual(1);
  });

  it('a response created failed fails the stream with ResponseStreamError, as its stream would have', async () => {
    ctx.emulator.inject({ kind: 'responseFailed' }, { match: POST });
    const streamed = await outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }));
    unavailable(ctx.emulator);
    ctx.emulator.inject({ kind: 'responseFailed' }, { match: POST });
    const fallback = await outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, FALLBACK));
    expect(streamed.error).toBeInstanceOf(ResponseStreamError);
    expect(fallback.error).toBeInstanceOf(ResponseStreamError);
    const shown = (e: ResponseStreamError) => [e.eventType, e.code, e.message, e.response?.status, e.response?.error];
    expect(shown(fallback.error as ResponseStreamError)).toEqual(shown(streamed.error as ResponseStreamError));
    expect((fallback.error as ResponseStreamError).response?.status).toBe('failed');
    expect(types(fallback.events)).toEqual(['response.created']);
    // finalResponse() does not resolve with the failed response.
    unavailable(ctx.emulator);
    ctx.emulator.inject({ kind: 'responseFailed' }, { match: POST });
    await expect(lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT }, FALLBACK).pipe(finalResponse()))).rejects.toBeInstanceOf(
      ResponseStreamError,
    );
  });

  it('a background response that fails while it is polled fails the stream with ResponseStreamError after its first events', async () => {
    unavailable(ctx.emulator);
    ctx.emulator.inject({ kind: 'responseFailed', error: { message: 'The model crashed.' } }, { match: POST });
    const { events, error } = await outcome(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, FALLBACK));
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(error).toMatchObject({ eventType: 'response.failed', code: 'server_error', responseId: idOf(events) });
    expect((error as ResponseStreamError).message).toBe('The response reported an error (server_error): The model crashed.');
    expect(events[0]).toMatchObject({ type: 'response.created', response: { status: 'queued' } });
    expect(types(events)).not.toContain('response.completed');
  });

  it('a background response cancelled while it is polled fails the stream with ResponseStreamError', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 20, deltaMs: 20 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      unavailable(paced);
      // The first event tells the response: it is cancelled while it is produced.
      const { events, error } = await outcome(
        client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, FALLBACK),
        (received) => received.length === 1 && client.responses.cancel(idOf(received)).subscribe(),
      );
      expect(error).toBeInstanceOf(ResponseStreamError);
      expect((error as ResponseStreamError).response?.status).toBe('cancelled');
      expect((error as ResponseStreamError).message).toBe('The response reported an error: its status is "cancelled"');
      expect(types(events)).not.toContain('response.completed');
      await paced.idle();
    } finally {
      await paced.close();
    }
  });

  it('with cancelOnUnsubscribe, leaving before the response settled cancels it (once); without it, nothing is sent', async () => {
    // 200 ms per event: the response takes seconds to settle, the subscriber leaves at its first event (a generous
    // bound: the cancel only has to come before the response's last event).
    const paced = await startEmulator({ pacing: { eventMs: 200, deltaMs: 200 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      const cancels = (from: number) => paced.requests.slice(from).filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
      for (const cancelOnUnsubscribe of [true, false]) {
        unavailable(paced);
        const from = paced.requests.length;
        let id = '';
        let created!: () => void;
        const first = new Promise<void>((resolve) => (created = resolve));
        const subscription = client.responses
          .stream({ model: 'gpt-4o', input: INPUT, background: true }, { ...FALLBACK, cancelOnUnsubscribe })
          .subscribe((event) => {
            if (event.type === 'response.created') id = event.response.id;
            created();
          });
        await first;
        subscription.unsubscribe();
        // Without the option, the test cancels it itself (so nothing waits for it to finish): one cancel either way,
        // the library's or the test's, never two.
        if (!cancelOnUnsubscribe) await firstValueFrom(client.responses.cancel(id));
        await paced.idle();
        expect(cancels(from)).toHaveLength(1);
        expect((await firstValueFrom(client.responses.retrieve(id))).status).toBe('cancelled');
      }
    } finally {
      await paced.close();
    }
  });

  it('polls on the client scheduler; unsubscribing stops polling', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });
    try {
      // Poll waits run on a scheduler that only moves when flushed (no request deadlines on it: timeout 0).
      const virtual = new VirtualTimeScheduler();
      const client = ctx.clientWith({ baseURL: paced.url, scheduler: virtual, timeout: 0 });
      const stream = () => client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { ...FALLBACK, pollIntervalMs: 5 });

      // Unsubscribed while it waits to poll: no poll, even once the scheduler moves.
      unavailable(paced);
      let from = paced.requests.length;
      let first!: () => void;
      const created = new Promise<void>((resolve) => (first = resolve));
      let ended = false;
      const subscription = stream().subscribe({ next: first, error: () => (ended = true), complete: () => (ended = true) });
      await created;
      await paced.idle(); // the response settled meanwhile: only the scheduler holds the poll back
      expect(paced.requests.slice(from).filter(isRetrieve)).toEqual([]);
      subscription.unsubscribe();
      virtual.flush();
      await paced.idle();
      expect(ended).toBe(false);
      expect(paced.requests.slice(from).filter(isRetrieve)).toEqual([]);

      // Left subscribed, the scheduler's move makes it poll, and it completes.
      unavailable(paced);
      from = paced.requests.length;
      const events: ResponseStreamEvent[] = [];
      const done = new Promise<void>((resolve, reject) => stream().subscribe({ next: (event) => events.push(event), error: reject, complete: resolve }));
      await until(() => events.length > 0, { everyMs: 2 });
      await paced.idle();
      expect(paced.requests.slice(from).filter(isRetrieve)).toEqual([]);
      virtual.flush();
      await done;
      expect(paced.requests.slice(from).filter(isRetrieve)).toHaveLength(1);
      const text = await lastValueFrom(fromEvents(events).pipe(textDeltas(), toArray()));
      expect(text.join('')).toBe(`You said: ${INPUT}`);
    } finally {
      await paced.close();
    }
  });
});

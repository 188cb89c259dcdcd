import { getEventListeners, once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { finalize, firstValueFrom, from, lastValueFrom, map, mergeMap, Observable, of, share, Subject, take, tap, throwError, timer, toArray, zip } from 'rxjs';
import {
  ChatCompletionStreamError,
  chatCompletionChunks,
  createClient,
  IncompleteStreamError,
  relayToNodeResponse,
  responseEvents,
  ResponseStreamError,
  resumableEventStream,
  toEventStreamResponse,
  type EventStreamResponseOptions,
  type ResponseStreamEvent,
} from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing/index';
import { fixtureNames } from '../helpers/bytes';
import { recordingBytes } from './recordings';
import { listen, type LocalServer } from '../helpers/local-server';
import { serveFetch } from './serve';
import { until } from '../helpers/until';

const read = <T>(events$: Observable<T>) => lastValueFrom(events$.pipe(toArray()));
const recorded = (name: string) => read(responseEvents(new Response(recordingBytes('responses-recorded', name))));

/** Upstream of a test, with what the relay server saw of it. */
function watched<T>(events$: Observable<T>) {
  const seen = { events: [] as T[], unsubscribed: false, completed: false };
  const observed = events$.pipe(
    tap({ next: (e) => seen.events.push(e), complete: () => (seen.completed = true) }),
    finalize(() => (seen.unsubscribed = true)),
  );
  return { seen, observed };
}

describe('relay over real HTTP, upstream the emulator', () => {
  let emulator: Emulator;
  const client = () => createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });

  afterEach(() => emulator.close());

  it('node:http adapter: the browser reads exactly the events the server relayed, and the response ends', async () => {
    emulator = await startEmulator({ pacing: 0 });
    const upstreams: ReturnType<typeof watched<ResponseStreamEvent>>[] = [];
    const server = await listen((req, res) => {
      const upstream = watched(client().responses.stream({ model: 'gpt-4o', input: 'Tell me about the sea' }));
      upstreams.push(upstream);
      relayToNodeResponse(req, res, upstream.observed, { format: 'responses' });
    });
    try {
      const response = await fetch(server.url);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      const events = await read(responseEvents(response));
      expect(upstreams).toHaveLength(1);
      expect(upstreams[0]!.seen.completed).toBe(true);
      expect(events).toEqual(upstreams[0]!.seen.events);
      expect(events.at(-1)?.type).toBe('response.completed');
    } finally {
      await server.close();
    }
  });

  it.each(['node:http', 'fetch-style'] as const)(
    '%s: a browser that reads a few events and disconnects aborts the upstream request',
    async (style) => {
      emulator = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
      const upstreams: ReturnType<typeof watched<ResponseStreamEvent>>[] = [];
      const upstream = () => {
        const made = watched(client().responses.stream({ model: 'gpt-4o', input: 'Tell me a long story about the sea' }));
        upstreams.push(made);
        return made.observed;
      };
      const server =
        style === 'node:http'
          ? await listen((req, res) => relayToNodeResponse(req, res, upstream(), { format: 'responses' }))
          : await serveFetch(resumableEventStream(() => upstream(), { format: 'responses' }));
      try {
        const first = await read(responseEvents(await fetch(server.url)).pipe(take(3)));
        expect(first.map((e) => e.type)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
        const record = await (await emulator.waitForRequest({ method: 'POST', path: /\/responses$/ })).ended;
        expect(record.outcome).toBe('client-closed');
        expect(record.clientClosed).toBe(true);
        expect(upstreams).toHaveLength(1);
        expect(upstreams[0]!.seen.unsubscribed).toBe(true);
        expect(upstreams[0]!.seen.completed).toBe(false);
      } finally {
        await server.close();
      }
    },
  );
});

describe('relay over real HTTP: a browser that left before the relay began', () => {
  it('node:http adapter: upstream is never subscribed, so no request is sent for nobody', async () => {
    const emulator = await startEmulator({ pacing: 0 });
    let subscribed = 0;
    let relayed!: (subscription: { closed: boolean }) => void;
    const relayDone = new Promise<{ closed: boolean }>((resolve) => (relayed = resolve));
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const server = await listen(async (req, res) => {
      arrive();
      // The server reads the request and checks a session first; the browser leaves meanwhile (the relay begins
      // once the connection is known to be closed, not after some time).
      try {
        for await (const _ of req) void _;
      } catch {
        // The browser left while its body was read.
      }
      if (!res.destroyed) await once(res, 'close');
      const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const upstream = new Observable<ResponseStreamEvent>((subscriber) => {
        subscribed++;
        return client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).subscribe(subscriber);
      });
      relayed(relayToNodeResponse(req, res, upstream, { format: 'responses' }));
    });
    try {
      const controller = new AbortController();
      const request = fetch(server.url, { method: 'POST', body: '{}', signal: controller.signal }).catch(() => undefined);
      // The handler has the request before the browser leaves.
      await arrived;
      controller.abort();
      await request;
      const subscription = await relayDone;
      expect(subscribed).toBe(0);
      expect(subscription.closed).toBe(true);
      await emulator.idle();
      expect(emulator.requests.filter((r) => r.path.endsWith('/responses'))).toEqual([]);
    } finally {
      await server.close();
      await emulator.close();
    }
  });
});

describe('relay over real HTTP, a reconnect to a relay of an Observable', () => {
  it("node:http adapter: a request with a Last-Event-ID gets 204 No Content and makes no request (EventSource's reconnect after an end)", async () => {
    const events = await recorded(fixtureNames('responses-recorded')[0]!);
    let subscribed = 0;
    const upstream = new Observable<ResponseStreamEvent>((subscriber) => {
      subscribed++;
      from(events).subscribe(subscriber);
    });
    const server = await listen((req, res) => relayToNodeResponse(req, res, upstream, { format: 'responses', headers: { 'access-control-allow-origin': '*' } }));
    try {
      // The first connection reads it all.
      expect(await read(responseEvents(await fetch(server.url)))).toEqual(events);
      expect(subscribed).toBe(1);
      // EventSource asks again, with the last id it read: nothing can go on from there, and nothing is asked upstream.
      const again = await fetch(server.url, { headers: { 'last-event-id': String((events.at(-1) as { sequence_number: number }).sequence_number) } });
      expect(again.status).toBe(204);
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      expect(await again.text()).toBe('');
      expect(subscribed).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('relay over real HTTP, resume with Last-Event-ID', () => {
  const name = fixtureNames('responses-recorded')[0]!;
  // A stateless stand-in for `client.responses.stream({ response_id, starting_after })`: the events after one.
  const startingAfter = (events: readonly ResponseStreamEvent[], after: number) =>
    from(events.filter((e) => (e as { sequence_number: number }).sequence_number > after));

  it('fetch-style handler: the factory gets the Last-Event-ID; a reconnect resumes after the last event read', async () => {
    const events = await recorded(name);
    const ids: (string | undefined)[] = [];
    const server = await serveFetch(
      resumableEventStream((lastEventId) => {
        ids.push(lastEventId);
        return startingAfter(events, Number(lastEventId ?? -1));
      }),
    );
    try {
      // The first connection breaks after 5 events (the browser saw ids 0..4).
      const head = await read(responseEvents(await fetch(server.url)).pipe(take(5)));
      const last = String((head.at(-1) as { sequence_number: number }).sequence_number);
      const tail = await read(responseEvents(await fetch(server.url, { headers: { 'last-event-id': last } })));
      expect(ids).toEqual([undefined, last]);
      expect([...head, ...tail]).toEqual(events);
    } finally {
      await server.close();
    }
  });

  it('node:http adapter with a factory: the same resume', async () => {
    const events = await recorded(name);
    const ids: (string | undefined)[] = [];
    const server = await listen((req, res) =>
      relayToNodeResponse(req, res, (lastEventId) => {
        ids.push(lastEventId);
        return startingAfter(events, Number(lastEventId ?? -1));
      }),
    );
    try {
      const tail = await read(responseEvents(await fetch(server.url, { headers: { 'Last-Event-ID': '6' } })));
      expect(ids).toEqual(['6']);
      expect(tail).toEqual(events.slice(7));
    } finally {
      await server.close();
    }
  });

  /** Both adapters, each serving `factory` on a local server; `answered()`: whether the last request has its answer. */
  type Served = LocalServer & { readonly answered: () => boolean };
  type Serve = (factory: (lastEventId: string | undefined) => Observable<unknown>, options: EventStreamResponseOptions) => Promise<Served>;
  const adapters: Record<string, Serve> = {
    'fetch-style handler': async (factory, options) => {
      const handler = resumableEventStream(factory, options);
      let answered = false;
      const server = await serveFetch((request) => handler(request).then((response) => ((answered = true), response)));
      return { ...server, answered: () => answered };
    },
    'node:http adapter': async (factory, options) => {
      let last: ServerResponse | undefined;
      const server = await listen((req, res) => ((last = res), relayToNodeResponse(req, res, factory, options)));
      return { ...server, answered: () => last?.headersSent === true };
    },
  };

  for (const [adapter, serve] of Object.entries(adapters)) {
    it(`${adapter}: a reconnect after the last event gets 204 No Content (EventSource stops), with the extra headers`, async () => {
      const events = await recorded(name);
      const lastId = String((events.at(-1) as { sequence_number: number }).sequence_number);
      const server = await serve((lastEventId) => startingAfter(events, Number(lastEventId ?? -1)), {
        format: 'responses',
        headers: { 'access-control-allow-origin': 'https://app.example' },
      });
      try {
        const end = await fetch(server.url, { headers: { 'last-event-id': lastId } });
        expect(end.status).toBe(204);
        expect(end.headers.get('access-control-allow-origin')).toBe('https://app.example');
        expect(end.headers.get('content-type')).toBeNull();
        expect(await end.text()).toBe('');
        // A first connection to a stream with no event is still an event stream (the browser asked for one).
        const empty = await serve(() => from([]), { format: 'responses' });
        try {
          const first = await fetch(empty.url);
          expect(first.status).toBe(200);
          expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
          await first.text();
        } finally {
          await empty.close();
        }
      } finally {
        await server.close();
      }
    });

    it(`${adapter}: an async factory (a Promise of the Observable) is an error frame naming the mistake, never the Observable relayed as an event`, async () => {
      const chunks = await read(chatCompletionChunks(new Response(recordingBytes('chat-completions', 'plain-text.sse'))));
      const described: unknown[] = [];
      const describeError = (error: unknown) => (described.push(error), { code: 'upstream_error', message: 'Try again' });
      // One that rejects, too: its rejection is nobody's, and must not end the process.
      const unhandled: unknown[] = [];
      const record = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', record);
      let calls = 0;
      const factory = async () => (++calls === 2 ? Promise.reject(new Error('upstream down')) : from(chunks));
      const server = await serve(factory as never, { format: 'chat', describeError });
      try {
        const error = await lastValueFrom(chatCompletionChunks(await fetch(server.url))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ChatCompletionStreamError);
        expect(described).toHaveLength(1);
        expect((described[0] as Error).name).toBe('TypeError');
        expect((described[0] as Error).message).toMatch(/the factory must return an Observable of events \(got Promise; an async factory returns a Promise\)$/);
        const rejected = await lastValueFrom(chatCompletionChunks(await fetch(server.url))).catch((e: unknown) => e);
        expect(rejected).toBeInstanceOf(ChatCompletionStreamError);
        // Node tells an unhandled rejection once the turn that made it is over: long before the answer came back.
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', record);
        await server.close();
      }
    });

    it(`${adapter}: a chat factory with nothing more for a reconnect gets 204, not a lone [DONE]`, async () => {
      const chunks = await read(chatCompletionChunks(new Response(recordingBytes('chat-completions', 'plain-text.sse'))));
      const server = await serve((lastEventId) => (lastEventId === undefined ? from(chunks) : from([])), { format: 'chat' });
      try {
        expect(await read(chatCompletionChunks(await fetch(server.url)))).toEqual(chunks);
        const again = await fetch(server.url, { headers: { 'last-event-id': 'anything' } });
        expect(again.status).toBe(204);
        expect(await again.text()).toBe('');
      } finally {
        await server.close();
      }
    });

    it(`${adapter}: a reconnect whose upstream fails before any event gets the error event, and one that waits gets its headers with the first heartbeat`, async () => {
      const events = await recorded(name);
      const failing = await serve(() => throwError(() => new Error('upstream down')), { format: 'responses' });
      try {
        const answer = await fetch(failing.url, { headers: { 'last-event-id': '3' } });
        expect(answer.status).toBe(200);
        const error = await read(responseEvents(answer)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseStreamError);
        expect((error as ResponseStreamError).code).toBe('upstream_error');
      } finally {
        await failing.close();
      }
      // Upstream says nothing until released: the answer (200) comes with the first heartbeat, before any event.
      const release = new Subject<void>();
      const waiting = await serve((lastEventId) => release.pipe(take(1), mergeMap(() => startingAfter(events, Number(lastEventId)))), {
        format: 'responses',
        heartbeatMs: 20,
      });
      try {
        const answer = await fetch(waiting.url, { headers: { 'last-event-id': '6' } });
        expect(answer.status).toBe(200);
        const reader = answer.body!.getReader();
        const decoder = new TextDecoder();
        let text = decoder.decode((await reader.read()).value, { stream: true });
        expect(text.startsWith(': keep-alive\n\n')).toBe(true);
        release.next();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
        expect(await read(responseEvents(new Response(text)))).toEqual(events.slice(7));
      } finally {
        await waiting.close();
      }
    });

    it(`${adapter}: a reconnect's answer waits for upstream's first word (without heartbeats, as long as upstream is silent)`, async () => {
      const events = await recorded(name);
      const release = new Subject<void>();
      const subscribed = new Subject<void>();
      const server = await serve(
        (lastEventId) =>
          new Observable<unknown>((subscriber) => {
            subscribed.next();
            return release.pipe(take(1), mergeMap(() => startingAfter(events, Number(lastEventId)))).subscribe(subscriber);
          }),
        { format: 'responses', heartbeatMs: false },
      );
      try {
        const upstreamAsked = firstValueFrom(subscribed);
        const answer = fetch(server.url, { headers: { 'last-event-id': '6' } });
        await upstreamAsked;
        // Upstream was asked and said nothing: no answer yet (one written at once would be, by the end of this turn).
        await new Promise((resolve) => setImmediate(resolve));
        expect(server.answered()).toBe(false);
        release.next();
        const response = await answer;
        expect(response.status).toBe(200);
        expect(await read(responseEvents(response))).toEqual(events.slice(7));
      } finally {
        await server.close();
      }
    });

    it(`${adapter}: a reconnect whose upstream is cut before any event is a 200 the reader sees cut, never a 204 (which would stop EventSource)`, async () => {
      const server = await serve(() => throwError(() => new IncompleteStreamError({ receivedEvents: 0 })), { format: 'responses' });
      try {
        const answer = await fetch(server.url, { headers: { 'last-event-id': '3' } });
        expect(answer.status).toBe(200);
        expect(await read(responseEvents(answer)).catch((e: unknown) => e)).toBeInstanceOf(IncompleteStreamError);
      } finally {
        await server.close();
      }
    });

    it(`${adapter}: an upstream that ends empty after a heartbeat ends a 200 event stream (the 204 needs the end first)`, async () => {
      const late = await serve(() => timer(60).pipe(mergeMap(() => from([]))), { format: 'chat', heartbeatMs: 20 });
      try {
        const answer = await fetch(late.url, { headers: { 'last-event-id': 'x' } });
        expect(answer.status).toBe(200);
        const text = await answer.text();
        expect(text.startsWith(': keep-alive\n\n')).toBe(true);
        expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      } finally {
        await late.close();
      }
    });

    it(`${adapter}: a browser that leaves while a reconnect waits for upstream stops upstream`, async () => {
      const upstream = { subscribed: new Subject<void>(), unsubscribed: false };
      const silent = new Observable<unknown>(() => {
        upstream.subscribed.next();
        return () => (upstream.unsubscribed = true);
      });
      const subscribed = firstValueFrom(upstream.subscribed);
      const server = await serve(() => silent, { format: 'responses', heartbeatMs: 0 });
      try {
        const browser = new AbortController();
        const answer = fetch(server.url, { headers: { 'last-event-id': '3' }, signal: browser.signal }).catch((e: unknown) => e);
        await subscribed;
        browser.abort();
        expect((await answer as { name?: string }).name).toBe('AbortError');
        await until(() => upstream.unsubscribed, { what: 'upstream to be unsubscribed' });
      } finally {
        await server.close();
      }
    });
  }

  it('fetch-style handler: a reconnect waiting for upstream stops on the request signal as well as on options.signal', async () => {
    const unsubscribed: string[] = [];
    const subscribed = new Subject<string>();
    const silent = (name: string) => new Observable<unknown>(() => (subscribed.next(name), () => unsubscribed.push(name)));
    const mine = new AbortController();
    const handler = resumableEventStream((id) => silent(id!), { format: 'responses', heartbeatMs: false, signal: mine.signal });
    const request = new AbortController();
    const bothWaiting = firstValueFrom(subscribed.pipe(take(2), toArray()));
    const byRequest = handler(new Request('http://relay/', { headers: { 'last-event-id': 'request' }, signal: request.signal }));
    const byMine = handler(new Request('http://relay/', { headers: { 'last-event-id': 'mine' } }));
    await bothWaiting;
    request.abort();
    expect((await byRequest).status).toBe(200);
    expect(unsubscribed).toEqual(['request']);
    mine.abort();
    expect((await byMine).status).toBe(200);
    expect(unsubscribed).toEqual(['request', 'mine']);
  });

  it('fetch-style handler: a long-lived options.signal keeps nothing of the requests it served', async () => {
    const mine = new AbortController();
    const handler = resumableEventStream(() => of({ type: 'response.output_text.delta', sequence_number: 1 }), { format: 'responses', heartbeatMs: false, signal: mine.signal });
    // One listener of the relay's while a body is read, none once it ended (`AbortSignal.any()`, used before, adds
    // no listener but a signal that Node keeps with this one, one per request: the process grew with every request).
    const listeners = () => getEventListeners(mine.signal, 'abort').length;
    for (let i = 0; i < 50; i++) {
      const first = await handler(new Request('http://relay/'));
      const again = await handler(new Request('http://relay/', { headers: { 'last-event-id': '0' } }));
      await Promise.all([first.text(), again.text()]);
    }
    expect(listeners()).toBe(0);
    // Bodies never read, or cancelled before their first read (the browser left): nothing either.
    for (let i = 0; i < 20; i++) {
      await handler(new Request('http://relay/'));
      await (await handler(new Request('http://relay/'))).body!.cancel();
    }
    expect(listeners()).toBe(0);
    // While a body is read, the signal is listened to.
    const held = new Subject<unknown>();
    const holding = resumableEventStream(() => held, { format: 'responses', heartbeatMs: false, signal: mine.signal });
    const reader = (await holding(new Request('http://relay/'))).body!.getReader();
    const reading = reader.read();
    held.next({ type: 'response.output_text.delta', sequence_number: 1 });
    await reading;
    expect(listeners()).toBe(1);
    held.complete();
    while (!(await reader.read()).done);
    expect(listeners()).toBe(0);
  });

  it('an upstream error reaches the browser as the typed error; a cut upstream as IncompleteStreamError', async () => {
    const events = await recorded(name);
    const failure = JSON.stringify({ type: 'error', code: 'server_error', message: 'Boom', param: null, sequence_number: 3 });
    const server = await serveFetch((request) =>
      toEventStreamResponse(
        from(events.slice(0, 3)).pipe(
          tap({
            complete: () => {
              throw new URL(request.url).pathname === '/cut'
                ? new IncompleteStreamError({ receivedEvents: 3 })
                : new ResponseStreamError('error', failure);
            },
          }),
        ),
      ),
    );
    try {
      const error = await read(responseEvents(await fetch(`${server.url}/error`))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseStreamError);
      expect((error as ResponseStreamError).data).toBe(failure);
      const cut = await read(responseEvents(await fetch(`${server.url}/cut`))).catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(IncompleteStreamError);
    } finally {
      await server.close();
    }
  });

  it('chat over the node:http adapter ends with [DONE], read back by chatCompletionChunks', async () => {
    const chunks = await read(chatCompletionChunks(new Response(recordingBytes('chat-completions', 'plain-text.sse'))));
    const server = await listen((req, res) => relayToNodeResponse(req, res, from(chunks).pipe(share()), { format: 'chat' }));
    try {
      expect(await read(chatCompletionChunks(await fetch(server.url)))).toEqual(chunks);
    } finally {
      await server.close();
    }
  });

  it('node:http adapter: a frame larger than maxBufferSize passes when nothing waits (a partial image)', async () => {
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const chunks = [chunk('a'), chunk('x'.repeat(50_000)), chunk('b'), chunk('y'.repeat(50_000)), chunk('c')];
    // One chunk every 50 ms: a reader that keeps up has taken each before the next comes.
    const upstream = zip(from(chunks), timer(0, 50)).pipe(map(([value]) => value));
    const server = await listen((req, res) => relayToNodeResponse(req, res, upstream, { format: 'chat', maxBufferSize: 10_000 }));
    try {
      expect(await read(chatCompletionChunks(await fetch(server.url)))).toEqual(chunks);
    } finally {
      await server.close();
    }
  });

  it('node:http adapter: a reader more than maxBufferSize behind is cut, upstream stopped', async () => {
    const chunk = (i: number) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `${i} ${'x'.repeat(1000)}` }, finish_reason: null }] });
    const seen = { emitted: 0, unsubscribed: false };
    // 20,000 events of 1 KB, one per turn of the event loop (as from a network), to a reader that reads nothing.
    const upstream = new Observable<unknown>((subscriber) => {
      let i = 0;
      let pending: NodeJS.Immediate | undefined;
      const emit = () => {
        if (i === 20_000) return subscriber.complete();
        seen.emitted++;
        subscriber.next(chunk(i++));
        if (!subscriber.closed) pending = setImmediate(emit);
      };
      emit();
      return () => {
        clearImmediate(pending);
        seen.unsubscribed = true;
      };
    });
    const server = await listen((req, res) => relayToNodeResponse(req, res, upstream, { format: 'chat', maxBufferSize: 10_000 }));
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    try {
      socket.pause();
      socket.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
      await until(() => seen.unsubscribed);
      // Cut once the kernel's buffers were full and 10 KB more waited in the response: far before the end.
      expect(seen.emitted).toBeLessThan(20_000);
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it('node:http adapter: a reader that reads nothing is cut within one task too (an upstream of microtasks), at twice the limit', async () => {
    const chunk = (i: number) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `${i} ${'x'.repeat(100_000)}` }, finish_reason: null }] });
    const seen = { emitted: 0 };
    // 200 events of 100 KB from memory, one per microtask: Node writes nothing to the socket before they end.
    async function* replay() {
      for (let i = 0; i < 200; i++) {
        seen.emitted++;
        yield chunk(i);
      }
    }
    let cut = false;
    const server = await listen((req, res) => {
      res.on('close', () => (cut = !res.writableFinished));
      relayToNodeResponse(req, res, from(replay()), { format: 'chat', heartbeatMs: false, maxBufferSize: 1_000_000 });
    });
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    try {
      socket.pause();
      socket.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
      await until(() => cut);
      expect(seen.emitted).toBeGreaterThan(15);
      expect(seen.emitted).toBeLessThan(30);
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it('node:http adapter: the frames of one synchronous burst all pass to a reader that keeps up', async () => {
    // A large event right after small ones, all emitted at once (one network chunk's events): Node holds every
    // write of a turn back, so none of them shows that the reader is slow.
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const chunks = [chunk('a'), chunk('b'), chunk('x'.repeat(1_500_000)), chunk('c')];
    const server = await listen((req, res) => relayToNodeResponse(req, res, from(chunks), { format: 'chat', maxBufferSize: 1_000_000 }));
    try {
      expect(await read(chatCompletionChunks(await fetch(server.url)))).toEqual(chunks);
    } finally {
      await server.close();
    }
  });
});

describe("a head the relay cannot write is the caller's error at once, never a crash later", () => {
  const noOrigin = { 'access-control-allow-origin': undefined as unknown as string };
  const event = { type: 'response.output_text.delta', sequence_number: 4, delta: 'x' };

  it("node:http adapter: a header of undefined (a request's missing Origin copied) throws in the handler, on a reconnect too, before upstream is subscribed", async () => {
    let subscribed = 0;
    const factory = () => timer(10).pipe(tap({ subscribe: () => subscribed++ }), map(() => event));
    const thrown: unknown[] = [];
    const server = await listen((req, res) => {
      try {
        relayToNodeResponse(req, res, factory, { format: 'responses', headers: noOrigin });
      } catch (error) {
        thrown.push(error);
        res.writeHead(500).end();
      }
    });
    try {
      expect((await fetch(server.url)).status).toBe(500);
      // A reconnect wrote its head only after upstream's first event: the throw there ended the process.
      expect((await fetch(server.url, { headers: { 'last-event-id': '3' } })).status).toBe(500);
      expect(thrown).toHaveLength(2);
      expect(thrown[1]).toEqual(new TypeError('relayToNodeResponse: header "access-control-allow-origin" must be a string without line breaks or control characters (got undefined)'));
      expect(subscribed).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a status outside 200 to 599, a line break in a value, a name that is no token: each refused by every relay', () => {
    const cases: Array<[EventStreamResponseOptions, RegExp]> = [
      [{ status: 99 }, /status must be a whole number from 200 to 599 \(got 99\)/],
      [{ status: 200.5 }, /status must be a whole number/],
      [{ headers: { 'x-a': 'one\r\nset-cookie: two' } }, /header "x-a" must be a string without line breaks/],
      [{ headers: { 'bad name': 'v' } }, /"bad name" is not a header name/],
    ];
    const req = { headers: { 'last-event-id': '3' } };
    const res = { destroyed: false } as unknown as Parameters<typeof relayToNodeResponse>[1];
    for (const [options, message] of cases) {
      expect(() => relayToNodeResponse(req, res, () => of(event), { format: 'responses', ...options })).toThrow(message);
      expect(() => toEventStreamResponse(of(event), { format: 'responses', ...options })).toThrow(message);
      expect(() => resumableEventStream(() => of(event), { format: 'responses', ...options })).toThrow(message);
    }
  });

  it('node:http adapter: a response that refuses the head written later (other code sent headers) is destroyed, upstream stopped, nothing thrown', async () => {
    const { seen, observed } = watched(timer(10).pipe(map(() => event), mergeMap((e) => of(e, e))));
    let closed = false;
    const res = {
      destroyed: false,
      writableEnded: false,
      writableLength: 0,
      writeHead: () => {
        throw new Error('ERR_HTTP_HEADERS_SENT');
      },
      write: () => true,
      end: () => undefined,
      destroy() {
        this.destroyed = true;
        closed = true;
      },
      once: () => undefined,
      off: () => undefined,
    };
    relayToNodeResponse({ headers: { 'last-event-id': '3' } }, res, () => observed, { format: 'responses' });
    await until(() => seen.unsubscribed);
    expect(closed).toBe(true);
    expect(seen.events).toHaveLength(1);
  });
});

import * as fc from 'fast-check';
import { from, lastValueFrom, Observable, Subject, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  assistantEvents,
  chatCompletionChunks,
  fromSSE,
  responseEvents,
  toEventStreamBody,
  toEventStreamFrames,
  toEventStreamResponse,
  relayToNodeResponse,
  resumableEventStream,
  toNdjsonBody,
} from '../../src/index';
import { propertyRuns } from '../helpers/property-runs';
import { sdkClientOver } from '../helpers/sdk';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const KEEP_ALIVE = ': keep-alive\n\n';
const chunk = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const frame = (content: string) => `data: ${JSON.stringify(chunk(content))}\n\n`;

describe('toEventStreamFrames (marbles)', () => {
  it('writes a heartbeat every heartbeatMs on the given scheduler, and [DONE] at the end', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 25ms b 9ms |', { a: chunk('a'), b: chunk('b') });
      const frames = source.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: 10, scheduler: test }));
      expectObservable(frames).toBe('a 9ms h 9ms h 5ms b 3ms h 5ms (d|)', {
        a: frame('a'),
        b: frame('b'),
        h: KEEP_ALIVE,
        d: 'data: [DONE]\n\n',
      });
      expectSubscriptions(source.subscriptions).toBe('^ 35ms !');
    });
  });

  it('no heartbeat for Infinity or a period no timer can wait; a negative or NaN period is a RangeError at the call', () => {
    for (const heartbeatMs of [Infinity, 2 ** 31, 30 * 24 * 3600_000]) {
      const test = scheduler();
      test.run(({ cold, expectObservable }) => {
        const source = cold('a 50ms |', { a: chunk('a') });
        expectObservable(source.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs, scheduler: test }))).toBe('a 50ms (d|)', {
          a: frame('a'),
          d: 'data: [DONE]\n\n',
        });
      });
    }
    for (const heartbeatMs of [-1, Number.NaN, '15000' as never]) {
      expect(() => toEventStreamFrames({ heartbeatMs })).toThrow(RangeError);
      expect(() => toEventStreamBody(from([chunk('a')]), { heartbeatMs })).toThrow(/^toEventStreamBody: heartbeatMs must be a number/);
      expect(() => toNdjsonBody(from([chunk('a')]), { heartbeatMs })).toThrow(/^toNdjsonBody: heartbeatMs must be a number/);
    }
    for (const maxBufferSize of [0, -1, Number.NaN]) {
      expect(() => toEventStreamBody(from([chunk('a')]), { maxBufferSize })).toThrow(/^toEventStreamBody: maxBufferSize must be a number of characters > 0, or Infinity/);
      expect(() => toNdjsonBody(from([chunk('a')]), { maxBufferSize })).toThrow(/^toNdjsonBody: maxBufferSize must be/);
    }
    expect(() => toEventStreamResponse(from([chunk('a')]), { heartbeatMs: -1 })).toThrow(/^toEventStreamResponse: heartbeatMs must be/);
    expect(() => resumableEventStream(() => from([chunk('a')]), { maxBufferSize: 0 })).toThrow(/^resumableEventStream: maxBufferSize must be/);
    // The Node adapter: before it writes its head, so the caller can still answer with an error.
    for (const bad of [{ heartbeatMs: -1 }, { maxBufferSize: 0 }]) {
      const res = { writeHead: jest.fn(), on: jest.fn(), once: jest.fn(), write: jest.fn(), end: jest.fn() };
      expect(() => relayToNodeResponse({ headers: {} }, res as never, from([chunk('a')]), bad)).toThrow(/^relayToNodeResponse: (heartbeatMs|maxBufferSize) must be/);
      expect(res.writeHead).not.toHaveBeenCalled();
    }
  });

  it("reconnectMs: the SSE retry field goes with the first frame, whatever it is, and with no other", () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const retry = 'retry: 250\n';
      const events = cold('a 5ms b |', { a: chunk('a'), b: chunk('b') });
      expectObservable(events.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: false, reconnectMs: 250 }))).toBe('a 5ms b (d|)', {
        a: retry + frame('a'),
        b: frame('b'),
        d: 'data: [DONE]\n\n',
      });
      // A heartbeat first (a quiet upstream), an error first, an end first.
      const quiet = cold('25ms a |', { a: chunk('a') });
      expectObservable(quiet.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: 10, scheduler: test, reconnectMs: 0 }))).toBe('10ms h 9ms k 4ms a (d|)', {
        h: 'retry: 0\n' + KEEP_ALIVE,
        k: KEEP_ALIVE,
        a: frame('a'),
        d: 'data: [DONE]\n\n',
      });
      const failing = cold('#', undefined, new Error('upstream down'));
      expectObservable(failing.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: false, reconnectMs: 250 }))).toBe('(e|)', {
        e: `${retry}data: {"error":{"message":"The upstream stream failed (Error)","type":"server_error","param":null,"code":"upstream_error"}}\n\n`,
      });
      expectObservable(cold('|').pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: false, reconnectMs: 250 }))).toBe('(d|)', {
        d: `${retry}data: [DONE]\n\n`,
      });
    });
  });

  it('reconnectMs: read back by the sources and the SDK as the same events; anything but a whole number >= 0 is a RangeError at the call', async () => {
    const chunks = [chunk('a'), chunk('b')];
    const body = () => toEventStreamBody(from(chunks), { format: 'chat', heartbeatMs: false, reconnectMs: 1000 });
    expect(await lastValueFrom(chatCompletionChunks(body()).pipe(toArray()))).toEqual(chunks);
    const bytes = new Uint8Array(await new Response(body()).arrayBuffer());
    const sdk: unknown[] = [];
    for await (const value of await sdkClientOver([bytes]).chat.completions.create({ model: 'm', messages: [], stream: true })) sdk.push(value);
    expect(sdk).toEqual(chunks);
    const retries: number[] = [];
    await lastValueFrom(fromSSE(body(), { onRetry: (ms) => retries.push(ms) }).pipe(toArray()));
    expect(retries).toEqual([1000]);
    for (const reconnectMs of [-1, 1.5, Number.NaN, Infinity, '500' as never]) {
      expect(() => toEventStreamFrames({ reconnectMs })).toThrow(/^toEventStreamFrames: reconnectMs must be a whole number of milliseconds >= 0/);
      expect(() => toEventStreamBody(from(chunks), { reconnectMs })).toThrow(/^toEventStreamBody: reconnectMs must be/);
      expect(() => resumableEventStream(() => from(chunks), { reconnectMs })).toThrow(/^resumableEventStream: reconnectMs must be/);
      const res = { writeHead: jest.fn(), on: jest.fn(), once: jest.fn(), write: jest.fn(), end: jest.fn() };
      expect(() => relayToNodeResponse({ headers: {} }, res as never, from(chunks), { reconnectMs })).toThrow(/^relayToNodeResponse: reconnectMs must be/);
      expect(res.writeHead).not.toHaveBeenCalled();
    }
  });

  it('take() stops the source at once, and the heartbeat with it', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 20ms b 20ms c |', { a: chunk('a'), b: chunk('b'), c: chunk('c') });
      const frames = source.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: 10, scheduler: test }), take(3));
      expectObservable(frames).toBe('a 9ms h 9ms (h|)', { a: frame('a'), h: KEEP_ALIVE });
      expectSubscriptions(source.subscriptions).toBe('^ 19ms !');
    });
  });

  it('an unsubscribe tears down the source and the heartbeat', () => {
    const test = scheduler();
    test.run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--a-----', { a: chunk('a') });
      const frames = source.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: 3, scheduler: test }));
      expectObservable(frames, '^----!').toBe('--a h', { a: frame('a'), h: KEEP_ALIVE });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('a synchronous take stops a synchronous source at once', () => {
    let emitted = 0;
    const source = new Observable<unknown>((subscriber) => {
      for (let i = 0; i < 1000 && !subscriber.closed; i++) {
        emitted++;
        subscriber.next(chunk(String(i)));
      }
      subscriber.complete();
    });
    let frames: string[] = [];
    source.pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: false }), take(2)).subscribe((f) => (frames = [...frames, f]));
    expect(frames).toEqual([frame('0'), frame('1')]);
    expect(emitted).toBe(2);
  });

  it('errors become an error frame and a completion; the result never errors', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const source = cold('a #', { a: chunk('a') }, new Error('down'));
      const frames = source.pipe(toEventStreamFrames({ heartbeatMs: false }));
      expectObservable(frames).toBe('a (e|)', {
        a: frame('a'),
        e: 'data: {"error":{"message":"The upstream stream failed (Error)","type":"server_error","param":null,"code":"upstream_error"}}\n\n',
      });
    });
  });

  it('the heartbeats read back as nothing: the sources ignore comments', async () => {
    const events = [chunk('a'), chunk('b')];
    const text = `${KEEP_ALIVE}${frame('a')}${KEEP_ALIVE}${KEEP_ALIVE}${frame('b')}${KEEP_ALIVE}data: [DONE]\n\n`;
    const comments: string[] = [];
    const read = await lastValueFrom(chatCompletionChunks(new Response(text), { onComment: (c) => comments.push(c) }).pipe(toArray()));
    expect(read).toEqual(events);
    expect(comments).toHaveLength(4);
  });
});

describe('toEventStreamBody', () => {
  it('subscribes only when first read, and a cancel unsubscribes upstream', async () => {
    let subscribed = 0;
    let unsubscribed = 0;
    const upstream = new Observable<unknown>((subscriber) => {
      subscribed++;
      subscriber.next(chunk('a'));
      return () => unsubscribed++;
    });
    const body = toEventStreamBody(upstream, { format: 'chat', heartbeatMs: false });
    await Promise.resolve();
    expect(subscribed).toBe(0);
    const reader = body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(frame('a'));
    expect(subscribed).toBe(1);
    await reader.cancel();
    expect(unsubscribed).toBe(1);
  });

  it('an aborted signal unsubscribes upstream and ends the body', async () => {
    let unsubscribed = 0;
    const upstream = new Observable<unknown>((subscriber) => {
      subscriber.next(chunk('a'));
      return () => unsubscribed++;
    });
    const abort = new AbortController();
    const reader = toEventStreamBody(upstream, { format: 'chat', heartbeatMs: false, signal: abort.signal }).getReader();
    await reader.read();
    const next = reader.read();
    abort.abort();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(unsubscribed).toBe(1);
  });

  /** An upstream the test drives, once the body has subscribed to it (on its first read). */
  function driven() {
    const upstream = new Subject<unknown>();
    const state = { subscribed: false, unsubscribed: false };
    const events$ = new Observable<unknown>((subscriber) => {
      state.subscribed = true;
      const inner = upstream.subscribe(subscriber);
      return () => {
        state.unsubscribed = true;
        inner.unsubscribe();
      };
    });
    const whenSubscribed = async () => {
      while (!state.subscribed) await new Promise((resolve) => setImmediate(resolve));
    };
    return { upstream, state, events$, whenSubscribed };
  }
  const text = (chunk: ReadableStreamReadResult<Uint8Array>) => new TextDecoder().decode(chunk.value);

  it('a reader that falls more than maxBufferSize behind is cut: upstream stops, the body ends without [DONE]', async () => {
    const { upstream, state, events$, whenSubscribed } = driven();
    const reader = toEventStreamBody(events$, { format: 'chat', heartbeatMs: false, maxBufferSize: 1000 }).getReader();
    const first = reader.read();
    await whenSubscribed();
    upstream.next(chunk('first'));
    expect(text(await first)).toBe(frame('first'));
    // Nobody reads now; upstream goes on, one event per turn of the event loop (as events come from a network).
    let emitted = 0;
    for (let i = 0; i < 100 && !state.unsubscribed; i++) {
      emitted++;
      upstream.next(chunk(String(i)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(state.unsubscribed).toBe(true);
    expect(emitted).toBeLessThan(10);
    // What waited is still delivered, then the body ends: no [DONE], so the reader sees a cut stream.
    let rest = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) rest += text(read);
    expect(rest.startsWith(frame('0'))).toBe(true);
    expect(rest).not.toContain('[DONE]');
  });

  it('a frame larger than maxBufferSize passes when nothing waits', async () => {
    const { upstream, events$, whenSubscribed } = driven();
    const big = chunk('x'.repeat(5000));
    const reader = toEventStreamBody(events$, { format: 'chat', heartbeatMs: false, maxBufferSize: 1000 }).getReader();
    const first = reader.read();
    await whenSubscribed();
    upstream.next(big);
    expect(text(await first)).toBe(frame('x'.repeat(5000)));
    upstream.complete();
    expect(text(await reader.read())).toBe('data: [DONE]\n\n');
  });

  it('the frames of one synchronous burst all pass to a reader that keeps up, a large one after small ones too', async () => {
    // One network chunk may hold several events: the reader cannot take any of them before the burst ends, so none
    // makes it slow. (A partial image of 1,500 characters right after two small events, with a limit of 1,000.)
    const chunks = [chunk('a'), chunk('b'), chunk('x'.repeat(1500)), chunk('c')];
    const { upstream, state, events$, whenSubscribed } = driven();
    const reader = toEventStreamBody(events$, { format: 'chat', heartbeatMs: false, maxBufferSize: 1000 }).getReader();
    let body = '';
    const reading = (async () => {
      for (let read = await reader.read(); !read.done; read = await reader.read()) body += text(read);
    })();
    await whenSubscribed();
    for (const value of chunks) upstream.next(value);
    upstream.complete();
    await reading;
    expect(state.unsubscribed).toBe(true);
    expect(body).toBe(`${frame('a')}${frame('b')}${frame('x'.repeat(1500))}${frame('c')}data: [DONE]\n\n`);
  });

  it('frames that came while nobody read go out together in one chunk', async () => {
    const body = toEventStreamBody(from([chunk('a'), chunk('b')]), { format: 'chat', heartbeatMs: false });
    const reader = body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(`${frame('a')}${frame('b')}data: [DONE]\n\n`);
    expect((await reader.read()).done).toBe(true);
  });
});

// Text that tries to break the framing: line breaks of every kind, SSE field names, unicode outside the BMP.
const tricky = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('\n', '\r', '\r\n', 'data: ', 'event: ', 'id: ', ':', ' ', '[DONE]', 'é', '😀', '\u2028', '\u0000', 'a') }),
);
const runs = { numRuns: propertyRuns(2_000) };
const readAll = <T>(events$: Observable<T>) => lastValueFrom(events$.pipe(toArray()));

describe('round trip of generated events (fast-check)', () => {
  it('Responses events', async () => {
    const event = fc.record({
      type: fc.oneof(fc.constant('x.custom'), tricky.map((t) => `x.${t}`)),
      sequence_number: fc.nat(),
      text: tricky,
      nested: fc.record({ [`k`]: tricky, list: fc.array(tricky, { maxLength: 3 }) }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 8 }), async (events) => {
        const completed = { type: 'response.completed', sequence_number: events.length, response: { id: 'resp_1', status: 'completed' } };
        const all = [...events, completed];
        expect(await readAll(responseEvents(toEventStreamResponse(from(all), { heartbeatMs: false })))).toEqual(all);
      }),
      runs,
    );
  });

  it('Chat Completions chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky.map(chunk), { minLength: 1, maxLength: 8 }), async (chunks) => {
        expect(await readAll(chatCompletionChunks(toEventStreamResponse(from(chunks), { heartbeatMs: false })))).toEqual(chunks);
      }),
      runs,
    );
  });

  it('Assistants events', async () => {
    const name = fc.string({ unit: fc.constantFrom('a', '.', ':', ' ', 'é', '😀', 'data') }).map((t) => `thread.custom${t}`);
    const event = fc.record({ event: name, data: fc.record({ id: tricky, note: tricky, list: fc.array(tricky, { maxLength: 3 }) }) });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 8 }), async (events) => {
        const completed = { event: 'thread.run.completed', data: { id: 'run_1', object: 'thread.run', thread_id: 'thread_1', status: 'completed' } };
        const all = [...events, completed];
        const response = toEventStreamResponse(from(all), { heartbeatMs: false, format: 'assistants' });
        expect(await readAll(assistantEvents(response))).toEqual(all);
      }),
      runs,
    );
  });

  it('the frames are whole SSE events whatever the text: one event per frame', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky.map(chunk), { minLength: 1, maxLength: 5 }), async (chunks) => {
        const frames = await readAll(from(chunks).pipe(toEventStreamFrames({ format: 'chat', heartbeatMs: false })));
        const sse = await readAll(fromSSE(new Response(frames.join(''))));
        expect(sse.map((e) => e.data)).toEqual([...chunks.map((c) => JSON.stringify(c)), '[DONE]']);
      }),
      runs,
    );
  });
});

describe('toEventStreamBody and its signal', () => {
  it('a signal that aborts while upstream is being subscribed ends upstream too', async () => {
    const controller = new AbortController();
    let unsubscribed = false;
    const upstream = new Observable<unknown>((subscriber) => {
      controller.abort(); // as a request gone while the relay starts
      subscriber.next({ type: 'response.created', sequence_number: 0 });
      return () => (unsubscribed = true);
    });
    await new Response(toEventStreamBody(upstream, { format: 'responses', heartbeatMs: false, signal: controller.signal })).text();
    expect(unsubscribed).toBe(true);
  });
});

describe('a reader that keeps up with an upstream of microtasks', () => {
  // One event per microtask, as an async iterable's values come through fromOpenAIStream; each frame 0.6 times the
  // limit, so two waiting would pass it. A reader takes a few microtasks per read: it is not behind.
  const content = (i: number) => `${i}`.padEnd(6000, 'x');
  const upstream = () =>
    new Observable<unknown>((subscriber) => {
      let i = 0;
      const step = () => {
        if (subscriber.closed) return;
        if (i === 20) return subscriber.complete();
        subscriber.next(chunk(content(i++)));
        queueMicrotask(step);
      };
      queueMicrotask(step);
    });
  const whole = Array.from({ length: 20 }, (_, i) => frame(content(i))).join('') + 'data: [DONE]\n\n';

  it('a reader reading in a loop gets every frame, never cut', async () => {
    const reader = toEventStreamBody(upstream(), { format: 'chat', heartbeatMs: false, maxBufferSize: 10_000 }).getReader();
    let body = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) body += new TextDecoder().decode(read.value);
    expect(body).toBe(whole);
  });

  it('so does a runtime reading the Response whole', async () => {
    expect(await toEventStreamResponse(upstream(), { format: 'chat', heartbeatMs: false, maxBufferSize: 10_000 }).text()).toBe(whole);
  });
});

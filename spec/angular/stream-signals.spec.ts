/**
 * streamSignals(): text, snapshot, status, error and inProgress signals of a stream, with start() / stop(),
 * unsubscribed on destroy; in virtual time (TestScheduler), and rendered by a zoneless OnPush component.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  type ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  createEnvironmentInjector,
  DestroyRef,
  effect,
  type EnvironmentInjector,
  Injector,
  makeStateKey,
  PLATFORM_ID,
  runInInjectionContext,
  signal,
  TransferState,
} from '@angular/core';
import { defer, finalize, firstValueFrom, map, Observable, of, Subject, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateResponse,
  type AssistantStreamEvent,
  type ChatCompletionChunk,
  type ResponseStreamEvent,
  SnapshotError,
  textDeltas,
} from '../../src/index';
import { injectOpenAIStreamClient, provideOpenAIStream, type StreamSignals, streamSignals } from '../../src/angular/index';
import { type Emulator, startEmulator } from '../../src/testing/index';
import * as v from '../operators/values';
import { browserApp, mount } from './app';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

let app: ApplicationRef;
let injector: EnvironmentInjector;
beforeEach(async () => {
  app = await browserApp([]);
  // A context of its own per test, to destroy.
  injector = createEnvironmentInjector([], app.injector);
});

/** Resolves once `condition` (reading signals) holds: an effect of `app`, run by its change detection. */
function until(target: ApplicationRef, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const watcher = effect(
      () => {
        if (!condition()) return;
        watcher.destroy();
        resolve();
      },
      { injector: target.injector },
    );
  });
}

const responseEvents = { c: v.responseCreated, m: v.messageAdded, p: v.partAdded, h: v.textDeltaEvent('Hel'), l: v.textDeltaEvent('lo'), d: v.responseCompleted };

/**
 * An injection context whose DestroyRef shows the callbacks registered on it (`registered`) and can be marked
 * destroyed, over the spec's injector.
 */
function watchedContext(): { registered: Set<() => void>; destroyRef: { destroyed: boolean }; context: Injector } {
  const registered = new Set<() => void>();
  const destroyRef = {
    destroyed: false,
    onDestroy(callback: () => void) {
      registered.add(callback);
      return () => void registered.delete(callback);
    },
  };
  const context = { get: (token: unknown, notFound?: unknown) => (token === DestroyRef ? destroyRef : injector.get(token as never, notFound)) } as Injector;
  return { registered, destroyRef, context };
}

describe('streamSignals() in virtual time', () => {
  it('shows the text as it comes, the latest snapshot, and idle → streaming → done', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const events$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const answer = streamSignals(events$, { injector });
      const at: Array<[string, string, boolean]> = [];
      for (const frame of [1, 7, 9, 11, 12]) scheduler.schedule(() => at.push([answer.text(), answer.status(), answer.inProgress()]), frame);
      flush();
      expect(at).toEqual([
        ['', 'streaming', true],
        ['Hel', 'streaming', true],
        ['Hello', 'streaming', true],
        ['Hello', 'done', false],
        ['Hello', 'done', false],
      ]);
      expect(answer.snapshot()).toMatchObject({ status: 'completed' });
      expect(answer.error()).toBeUndefined();
      // One subscription: text and snapshot come from one request.
      expectSubscriptions(events$.subscriptions).toBe('^----------!');
    });
  });

  it('an error keeps the text received, sets error and the status', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const failure = new Error('connection lost');
      const events$ = cold<ResponseStreamEvent>('c-m-p-h-#', responseEvents, failure);
      const answer = streamSignals(events$, { injector });
      flush();
      expect([answer.text(), answer.status(), answer.inProgress(), answer.error()]).toEqual(['Hel', 'error', false, failure]);
      expect(answer.snapshot()).toMatchObject({ output_text: 'Hel' });
      expectSubscriptions(events$.subscriptions).toBe('^-------!');
    });
  });

  it('stop() unsubscribes at once (the request is aborted) and the status is stopped; stop() again does nothing', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const events$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const answer = streamSignals(events$, { injector });
      scheduler.schedule(() => answer.stop(), 7);
      scheduler.schedule(() => answer.stop(), 9);
      flush();
      expect([answer.text(), answer.status(), answer.inProgress()]).toEqual(['Hel', 'stopped', false]);
      expectSubscriptions(events$.subscriptions).toBe('^------!');
    });
  });

  it('destroying the injection context unsubscribes; start() after it does nothing', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const events$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const answer = streamSignals(events$, { injector });
      scheduler.schedule(() => injector.destroy(), 4);
      scheduler.schedule(() => answer.start(), 5);
      flush();
      expect(answer.status()).toBe('stopped');
      expectSubscriptions(events$.subscriptions).toBe('^---!');
    });
  });

  it('start(next$) stops the running stream, clears text, snapshot and error, and streams next$; start() runs the last stream again', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const first$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const second$ = cold<ResponseStreamEvent>('c-m-p-l-#', responseEvents, new Error('x'));
      const answer = streamSignals(first$, { injector });
      const at: Array<[string, string, unknown]> = [];
      const read = () => at.push([answer.text(), answer.status(), answer.snapshot() === undefined ? 'no snapshot' : 'snapshot']);
      scheduler.schedule(() => {
        read();
        answer.start(second$);
        read();
      }, 7);
      scheduler.schedule(read, 17);
      scheduler.schedule(() => {
        answer.start();
        read();
      }, 20);
      flush();
      read();
      expect(at).toEqual([
        ['Hel', 'streaming', 'snapshot'],
        ['', 'streaming', 'no snapshot'],
        ['lo', 'error', 'snapshot'],
        ['', 'streaming', 'no snapshot'],
        ['lo', 'error', 'snapshot'],
      ]);
      expectSubscriptions(first$.subscriptions).toBe('^------!');
      expectSubscriptions(second$.subscriptions).toBe(['-------^-------!', '--------------------^-------!']);
    });
  });

  it.each(['completes', 'fails'])("a stream whose finalize() starts the next one (a conversation's next turn) when it %s: the next one's state stands", (end) => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const next$ = cold<ResponseStreamEvent>('c-m-p-l', responseEvents);
      const first$ = cold<ResponseStreamEvent>(end === 'completes' ? 'c-m-p-h-d|' : 'c-m-p-h-#', responseEvents, new Error('first failed'));
      const answer: StreamSignals<ResponseStreamEvent, unknown> = streamSignals(first$.pipe(finalize(() => answer.start(next$))), { injector });
      flush();
      // The next stream runs (it has not ended): streaming, its own text, no error of the first.
      expect([answer.text(), answer.status(), answer.inProgress(), answer.error()]).toEqual(['lo', 'streaming', true, undefined]);
      answer.stop();
      expect(answer.status()).toBe('stopped');
    });
  });

  it("the docs' conversation: in finalize(), status() is 'done' after a completed turn, and not after a failed or stopped one", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const recorded: Array<[string, string]> = [];
      const answer: StreamSignals<ResponseStreamEvent, unknown> = streamSignals<ResponseStreamEvent>(undefined, { injector });
      const ask = (question: string, events$: Observable<ResponseStreamEvent>) =>
        answer.start(events$.pipe(finalize(() => answer.status() === 'done' && recorded.push([question, answer.text()]))));
      ask('completes', cold<ResponseStreamEvent>('c-m-p-h-d|', responseEvents));
      flush();
      ask('fails', cold<ResponseStreamEvent>('c-m-p-h-#', responseEvents, new Error('cut')));
      flush();
      ask('stopped', cold<ResponseStreamEvent>('c-m-p-h-', responseEvents));
      flush();
      answer.stop();
      // Only the completed turn, with its whole text; the failed and the stopped ones are not recorded.
      expect(recorded).toEqual([['completes', expect.stringMatching(/.+/)]]);
    });
  });

  it("stop() on a stream whose finalize() starts the next one: the next one runs; start(other$) instead: other$ runs, the finalize's stream never", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const next$ = cold<ResponseStreamEvent>('c-m-p-l', responseEvents);
      const other$ = cold<ResponseStreamEvent>('c-m-p-h-d|', responseEvents);
      const first$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const answer: StreamSignals<ResponseStreamEvent, unknown> = streamSignals(first$.pipe(finalize(() => answer.start(next$))), { injector });
      scheduler.schedule(() => answer.stop(), 7);
      flush();
      expect([answer.text(), answer.status()]).toEqual(['lo', 'streaming']);
      // Subscribed by the finalize() at the stop (frame 7), unsubscribed by the stop() below (frame 13, after flush).
      answer.stop();
      expectSubscriptions(next$.subscriptions).toBe('-------^-----!');

      const replaced$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const never$ = cold<ResponseStreamEvent>('c-m-p-l', responseEvents);
      answer.start(replaced$.pipe(finalize(() => answer.start(never$))));
      scheduler.schedule(() => answer.start(other$), 5);
      flush();
      expect([answer.text(), answer.status()]).toEqual(['Hel', 'done']);
      expectSubscriptions(never$.subscriptions).toBe([]);
    });
  });

  describe('a synchronous source (a replay, recorded events): stop(), start(next$) and destroy end it at once', () => {
    /** 1,000 text deltas emitted synchronously; counts what it produced; `at(n)` runs at the n-th delta. */
    function burst(at: (n: number) => void) {
      const seen = { produced: 0 };
      const source$ = defer(() => {
        const values = [v.responseCreated, v.messageAdded, v.partAdded, ...Array.from({ length: 1000 }, () => v.textDeltaEvent('Hello'))];
        return new Observable<ResponseStreamEvent>((subscriber) => {
          let deltas = 0;
          for (const value of values) {
            if (subscriber.closed) break;
            seen.produced++;
            subscriber.next(value);
            if (value.type === 'response.output_text.delta') at(++deltas);
          }
          subscriber.complete();
        });
      });
      return { seen, source$ };
    }

    it.each([
      ['with the default snapshot', {}],
      ['without a snapshot', { snapshot: false as const }],
    ])('stop() at the first delta, %s: the source stops, the text stays as it was', (_name, options) => {
      const answer = streamSignals<ResponseStreamEvent>(undefined, { injector, ...options });
      const { seen, source$ } = burst((n) => n === 1 && answer.stop());
      answer.start(source$);
      expect([answer.text(), answer.status(), seen.produced]).toEqual(['Hello', 'stopped', 4]);
    });

    it('start(next$) at the third delta: the old source stops, and the text is next$’s alone', () => {
      const answer = streamSignals<ResponseStreamEvent>(undefined, { injector });
      const next$ = new Subject<ResponseStreamEvent>();
      const { seen, source$ } = burst((n) => n === 3 && answer.start(next$));
      answer.start(source$);
      expect([answer.text(), answer.status(), seen.produced]).toEqual(['', 'streaming', 6]);
      next$.next(v.textDeltaEvent('Hi'));
      expect(answer.text()).toBe('Hi');
    });

    it('the context destroyed at the second delta: the source stops', () => {
      const answer = streamSignals<ResponseStreamEvent>(undefined, { injector });
      const { seen, source$ } = burst((n) => n === 2 && injector.destroy());
      answer.start(source$);
      expect([answer.text(), answer.status(), seen.produced]).toEqual(['HelloHello', 'stopped', 5]);
    });
  });

  it('without a stream it is idle until start(events$)', () => {
    testScheduler().run(({ cold, flush }) => {
      const answer = streamSignals<ResponseStreamEvent>(undefined, { injector });
      expect([answer.text(), answer.status(), answer.inProgress(), answer.snapshot()]).toEqual(['', 'idle', false, undefined]);
      answer.start();
      expect(answer.status()).toBe('idle');
      answer.start(cold<ResponseStreamEvent>('c-m-p-h|', responseEvents));
      flush();
      expect([answer.text(), answer.status()]).toEqual(['Hel', 'done']);
    });
  });

  it('a stream the default snapshot cannot follow (joined midway) keeps its text and status; the snapshot stays', () => {
    testScheduler().run(({ cold, flush }) => {
      const answer = streamSignals(cold<ResponseStreamEvent>('c-h-l-d|', responseEvents), { injector });
      flush();
      expect([answer.text(), answer.status(), answer.error()]).toEqual(['Hello', 'done', undefined]);
      expect(answer.snapshot()).toMatchObject({ status: 'in_progress', output: [] });
    });
  });

  it('an error of a snapshot operator of yours fails the stream', () => {
    testScheduler().run(({ cold, flush }) => {
      const answer = streamSignals(cold<ResponseStreamEvent>('c-h-l-d|', responseEvents), { injector, snapshot: accumulateResponse() });
      flush();
      expect([answer.text(), answer.status(), answer.error()]).toEqual(['Hel', 'error', expect.any(SnapshotError)]);
    });
  });

  it('takes Chat Completions chunks and Assistants events: the text and the snapshot of their kind', () => {
    testScheduler().run(({ cold, flush }) => {
      const chat = streamSignals(cold<ChatCompletionChunk>('r-h-l-s|', { r: v.chatRole, h: v.chatHel, l: v.chatLo, s: v.chatStop }), { injector });
      const assistants = streamSignals(
        cold<AssistantStreamEvent>('c-m-h-l-d|', { c: v.runCreated, m: v.messageCreated, h: v.hel, l: v.lo, d: v.runCompleted }),
        { injector },
      );
      flush();
      expect(chat.text()).toBe('Hello');
      expect(chat.snapshot()!.choices[0]!.message.content).toBe('Hello');
      expect(chat.snapshot()!.choices[0]!.finish_reason).toBe('stop');
      expect(assistants.text()).toBe('Hello');
      expect(assistants.snapshot()!.messages[0]!.content).toMatchObject([{ type: 'text', text: { value: 'Hello' } }]);
      expect(assistants.snapshot()!.currentRun!.status).toBe('completed');
    });
  });

  it("a stream of several completions / responses (a tool loop's turns) shows the current one's snapshot", () => {
    testScheduler().run(({ cold, flush }) => {
      const second = (c: ChatCompletionChunk) => ({ ...c, id: 'chatcmpl-2' });
      const chat = streamSignals(
        cold<ChatCompletionChunk>('a-b-c-r-h-s|', { a: v.chatCallStart, b: v.chatCallArgs, c: v.chunk([{ finish_reason: 'tool_calls' }]), r: second(v.chatRole), h: second(v.chatHel), s: second(v.chatStop) }),
        { injector },
      );
      const nextResponse = <T extends ResponseStreamEvent>(e: T): T => ('response' in e ? { ...e, response: { ...e.response, id: 'resp_2' } } : e);
      const responses = streamSignals(
        cold<ResponseStreamEvent>('c-f-d-C-m-p-h|', {
          c: v.responseCreated,
          f: v.functionAdded,
          d: v.responseCompleted,
          C: nextResponse(v.responseCreated),
          m: v.messageAdded,
          p: v.partAdded,
          h: v.textDeltaEvent('Hel'),
        }),
        { injector },
      );
      flush();
      expect(chat.snapshot()).toMatchObject({ id: 'chatcmpl-2', choices: [{ finish_reason: 'stop', message: { content: 'Hel' } }] });
      expect(chat.snapshot()!.choices[0]!.message.tool_calls).toBeUndefined();
      expect(responses.snapshot()).toMatchObject({ id: 'resp_2', output_text: 'Hel' });
      expect(responses.snapshot()!.output.map((item) => item.type)).toEqual(['message']);
      expect([chat.status(), responses.status()]).toEqual(['done', 'done']);
    });
  });

  it('takes a text operator and a snapshot operator of your choice, or no snapshot', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const events$ = cold<ResponseStreamEvent>('c-m-p-h-l-d|', responseEvents);
      const upper = streamSignals(events$, {
        injector,
        text: (source: Observable<ResponseStreamEvent>) => source.pipe(textDeltas(), map((text) => text.toUpperCase())),
        snapshot: (source: Observable<ResponseStreamEvent>) => source.pipe(accumulateResponse(), map((snapshot) => snapshot.output.length)),
      });
      const none = streamSignals(events$, { injector, snapshot: false });
      flush();
      expect([upper.text(), upper.snapshot()]).toEqual(['HELLO', 0]);
      expect([none.text(), none.snapshot()]).toEqual(['Hello', undefined]);
      expectSubscriptions(events$.subscriptions).toBe(['^----------!', '^----------!']);
    });
  });
});

describe('streamSignals() and its injection context', () => {
  it('needs an injection context, or an injector', () => {
    expect(() => streamSignals(new Subject<ResponseStreamEvent>())).toThrow(/NG0203/);
    const events$ = new Subject<ResponseStreamEvent>();
    const answer = runInInjectionContext(injector, () => streamSignals(events$));
    expect(events$.observed).toBe(true);
    injector.destroy();
    expect(events$.observed).toBe(false);
    expect(answer.status()).toBe('stopped');
  });

  it('holds its callback on the context only while a stream runs: a finished stream leaves nothing on a long-lived injector', () => {
    // An app's injector lives as long as the app.
    const { registered, destroyRef, context: longLived } = watchedContext();

    const done = Array.from({ length: 3 }, () => streamSignals(of<ResponseStreamEvent>(v.textDeltaEvent('Hi')), { injector: longLived }));
    const failed = streamSignals(throwError(() => new Error('x')), { injector: longLived });
    expect([...done.map((answer) => answer.status()), failed.status()]).toEqual(['done', 'done', 'done', 'error']);
    expect(registered.size).toBe(0);

    const events$ = new Subject<ResponseStreamEvent>();
    const answer = streamSignals(events$, { injector: longLived });
    expect(registered.size).toBe(1);
    answer.start();
    expect(registered.size).toBe(1);
    answer.stop();
    expect(registered.size).toBe(0);
    answer.start();
    events$.complete();
    expect([answer.status(), registered.size]).toEqual(['done', 0]);

    // The context's end stops a running stream, and no stream starts after it.
    answer.start(new Subject<ResponseStreamEvent>());
    destroyRef.destroyed = true;
    for (const callback of [...registered]) callback();
    expect([answer.status(), registered.size]).toEqual(['stopped', 0]);
    answer.start();
    expect([answer.status(), registered.size]).toEqual(['stopped', 0]);
  });

  it('a context destroyed while no stream runs: start() does nothing', () => {
    const answer = streamSignals<ResponseStreamEvent>(undefined, { injector });
    injector.destroy();
    const events$ = new Subject<ResponseStreamEvent>();
    answer.start(events$);
    expect([events$.observed, answer.status()]).toEqual([false, 'idle']);
  });

  it('on the server nothing is started by default; with ssr: "wait" the stream runs and holds stability to its end', async () => {
    const server = Injector.create({ providers: [{ provide: PLATFORM_ID, useValue: 'server' }], parent: injector });
    const skipped$ = new Subject<ResponseStreamEvent>();
    const skipped = streamSignals(skipped$, { injector: server });
    expect([skipped$.observed, skipped.status()]).toEqual([false, 'idle']);
    skipped.start();
    expect([skipped$.observed, skipped.status()]).toEqual([false, 'idle']);

    await app.whenStable();
    const waited$ = new Subject<ResponseStreamEvent>();
    const waited = streamSignals(waited$, { injector: server, ssr: 'wait' });
    expect([waited$.observed, waited.status()]).toEqual([true, 'streaming']);
    waited$.next(v.textDeltaEvent('Hi'));
    expect(await firstValueFrom(app.isStable)).toBe(false);
    waited$.complete();
    await app.whenStable();
    expect([waited.text(), waited.status()]).toEqual(['Hi', 'done']);
  });
});

describe('streamSignals() with transferKey: the answer streamed on the server, handed over to the browser', () => {
  const KEY = makeStateKey<unknown>('answer');
  const server = () => Injector.create({ providers: [{ provide: PLATFORM_ID, useValue: 'server' }], parent: injector });
  const completed = [v.responseCreated, v.messageAdded, v.partAdded, v.textDeltaEvent('Hel'), v.textDeltaEvent('lo'), v.responseCompleted];

  it('on the server, a stream that completes leaves its final state; a start() clears it, a failed or stopped stream leaves none', () => {
    const state = injector.get(TransferState);
    const answer = streamSignals(of(...completed), { injector: server(), ssr: 'wait', transferKey: 'answer' });
    expect(answer.status()).toBe('done');
    const entry = state.get(KEY, undefined);
    expect(entry).toEqual({ status: 'done', text: 'Hello', snapshot: answer.snapshot() });
    expect(answer.snapshot()).toMatchObject({ object: 'response', status: 'completed' });
    // As the page carries it: JSON.
    expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);

    const failing$ = new Subject<ResponseStreamEvent>();
    answer.start(failing$);
    expect(state.hasKey(KEY)).toBe(false);
    failing$.next(v.textDeltaEvent('Hel'));
    failing$.error(new Error('cut'));
    expect([answer.status(), state.hasKey(KEY)]).toEqual(['error', false]);

    answer.start(of(...completed));
    expect(state.hasKey(KEY)).toBe(true);
    answer.start(new Subject<ResponseStreamEvent>());
    answer.stop();
    expect([answer.status(), state.hasKey(KEY)]).toEqual(['stopped', false]);

    // Without a snapshot, the text alone; without transferKey, nothing.
    streamSignals(of(...completed), { injector: server(), ssr: 'wait', transferKey: 'answer', snapshot: false });
    expect(state.get(KEY, undefined)).toEqual({ status: 'done', text: 'Hello', snapshot: undefined });
    state.remove(KEY);
    streamSignals(of(...completed), { injector: server(), ssr: 'wait' });
    expect(state.isEmpty).toBe(true);
  });

  it("warns in dev mode of a transferKey without ssr: 'wait' (the server streams nothing to hand over)", () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      streamSignals(of(...completed), { injector: server(), ssr: 'wait', transferKey: 'answer' });
      streamSignals(of(...completed), { injector: server(), ssr: 'wait' });
      expect(warn).not.toHaveBeenCalled();
      const skipped = streamSignals(of(...completed), { injector: server(), transferKey: 'answer' });
      expect(warn.mock.calls).toEqual([[`rx-openai-stream: streamSignals() hands nothing over with transferKey 'answer' unless ssr is 'wait'.`]]);
      expect(skipped.status()).toBe('idle');
    } finally {
      warn.mockRestore();
      injector.get(TransferState).remove(KEY);
    }
  });

  it('in the browser, the first start() takes the entry instead of subscribing; the next one streams', () => {
    const state = injector.get(TransferState);
    const snapshot = { id: 'resp_1', status: 'completed', output_text: 'Hello' };
    state.set(KEY, JSON.parse(JSON.stringify({ status: 'done', text: 'Hello', snapshot })));
    // The entry taken, no callback is left on the context.
    const { registered, context } = watchedContext();
    const events$ = new Subject<ResponseStreamEvent>();
    const answer = streamSignals(events$, { injector: context, ssr: 'wait', transferKey: 'answer' });
    expect([events$.observed, answer.status(), answer.text(), answer.snapshot(), answer.error()]).toEqual([
      false,
      'done',
      'Hello',
      snapshot,
      undefined,
    ]);
    expect([state.hasKey(KEY), registered.size]).toEqual([false, 0]);
    answer.start();
    expect([events$.observed, answer.status(), answer.text(), answer.snapshot(), registered.size]).toEqual([true, 'streaming', '', undefined, 1]);
    events$.next(v.textDeltaEvent('Bye'));
    events$.complete();
    // In the browser nothing is written.
    expect([answer.text(), answer.status(), state.hasKey(KEY), registered.size]).toEqual(['Bye', 'done', false, 0]);
  });

  it('in the browser, an entry that is not a completed stream is left alone, and the stream starts', () => {
    const state = injector.get(TransferState);
    state.set(KEY, { count: 3 });
    const events$ = new Subject<ResponseStreamEvent>();
    const answer = streamSignals(events$, { injector, ssr: 'wait', transferKey: 'answer' });
    expect([events$.observed, answer.status(), state.get(KEY, undefined)]).toEqual([true, 'streaming', { count: 3 }]);
    state.set(KEY, { status: 'done', text: 'Hello' });
    const other$ = new Subject<ResponseStreamEvent>();
    const plain = streamSignals(other$, { injector });
    expect([other$.observed, plain.status(), state.hasKey(KEY)]).toEqual([true, 'streaming', true]);
    answer.start();
    expect([answer.status(), answer.text(), answer.snapshot(), state.hasKey(KEY)]).toEqual(['done', 'Hello', undefined, false]);
    expect(events$.observed).toBe(false);
  });

  it("in the browser, an entry of another shape with status 'done' but no text (the app's own) is left alone, and the stream starts", () => {
    const state = injector.get(TransferState);
    for (const entry of [{ status: 'done' }, { status: 'done', text: null }, { status: 'done', text: { value: 'Hello' } }]) {
      state.set(KEY, entry);
      const events$ = new Subject<ResponseStreamEvent>();
      const answer = streamSignals(events$, { injector, ssr: 'wait', transferKey: 'answer' });
      expect([events$.observed, answer.status(), answer.text(), state.get(KEY, undefined)]).toEqual([true, 'streaming', '', entry]);
      answer.stop();
    }
    state.remove(KEY);
  });
});

describe('streamSignals() in a zoneless OnPush component', () => {
  @Component({
    selector: 'app-answer',
    changeDetection: ChangeDetectionStrategy.OnPush,
    template: `<p>{{ answer.text() }}</p><i>{{ answer.status() }}</i>@if (answer.inProgress()) {<b>…</b>}`,
  })
  class Answer {
    static events$: Observable<ResponseStreamEvent>;
    readonly answer = streamSignals(Answer.events$);
  }

  it('renders the text progressively, then the status; destroying the component unsubscribes', async () => {
    const events$ = new Subject<ResponseStreamEvent>();
    Answer.events$ = events$;
    const { ref, host } = mount(app, Answer, 'app-answer');
    await app.whenStable();
    expect(host.textContent).toBe('streaming…');
    for (const [event, shown] of [
      [v.responseCreated, 'streaming…'],
      [v.messageAdded, 'streaming…'],
      [v.partAdded, 'streaming…'],
      [v.textDeltaEvent('Hel'), 'Helstreaming…'],
      [v.textDeltaEvent('lo'), 'Hellostreaming…'],
    ] as const) {
      events$.next(event);
      await app.whenStable();
      expect(host.textContent).toBe(shown);
    }
    expect(events$.observed).toBe(true);
    ref.destroy();
    expect(events$.observed).toBe(false);
  });

  it('renders done when the stream completes, and the error status when it fails', async () => {
    const events$ = new Subject<ResponseStreamEvent>();
    Answer.events$ = events$;
    const { host } = mount(app, Answer, 'app-answer');
    events$.next(v.textDeltaEvent('Hi'));
    events$.complete();
    await app.whenStable();
    expect(host.textContent).toBe('Hidone');

    const failing$ = new Subject<ResponseStreamEvent>();
    Answer.events$ = failing$;
    const second = mount(app, Answer, 'app-answer');
    failing$.error(new Error('x'));
    await app.whenStable();
    expect(second.host.textContent).toBe('error');
  });
});

describe('streamSignals() driven by an effect', () => {
  it("start() reads nothing reactively: a finalize() that reads text() (the docs' turn bookkeeping) does not restart the stream per delta", async () => {
    const sent: Array<{ question: string; events$: Subject<ResponseStreamEvent> }> = [];
    @Component({ selector: 'app-turns', changeDetection: ChangeDetectionStrategy.OnPush, template: `{{ answer.text() }}` })
    class Turns {
      readonly prompt = signal('first');
      readonly turns = signal<Array<{ question: string; answer: string }>>([]);
      readonly answer = streamSignals<ResponseStreamEvent>();
      constructor() {
        effect(() => {
          const question = this.prompt();
          // A cold request per subscription, as the client's streams are.
          const request$ = defer(() => {
            const events$ = new Subject<ResponseStreamEvent>();
            sent.push({ question, events$ });
            return events$;
          });
          this.answer.start(request$.pipe(finalize(() => this.turns.update((turns) => [...turns, { question, answer: this.answer.text() }]))));
        });
      }
    }
    const { ref, host } = mount(app, Turns, 'app-turns');
    await app.whenStable();
    sent.at(-1)!.events$.next(v.textDeltaEvent('A1'));
    await app.whenStable();
    ref.instance.prompt.set('second');
    await app.whenStable();
    for (const delta of ['B1', 'B2', 'B3']) {
      sent.at(-1)!.events$.next(v.textDeltaEvent(delta));
      await app.whenStable();
    }
    expect(sent.map((request) => request.question)).toEqual(['first', 'second']);
    expect([host.textContent, ref.instance.answer.status()]).toEqual(['B1B2B3', 'streaming']);
    expect(ref.instance.turns()).toEqual([{ question: 'first', answer: 'A1' }]);
  });
});

describe('streamSignals() over the provided client, real HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
  });
  afterAll(() => emulator.close());

  @Component({
    selector: 'app-chat',
    changeDetection: ChangeDetectionStrategy.OnPush,
    template: `<p>{{ answer.text() }}</p>`,
  })
  class Chat {
    private readonly client = injectOpenAIStreamClient();
    readonly answer = streamSignals<ResponseStreamEvent>();
    ask(input: string) {
      this.answer.start(this.client.responses.stream({ model: 'gpt-4o-mini', input }));
    }
  }

  it('renders the text of a stream still open, and a new prompt stops it and starts another', async () => {
    const chatApp = await browserApp([provideHttpClient(withFetch()), provideOpenAIStream({ baseURL: emulator.url, apiKey: 'k' })]);
    const { ref, host } = mount(chatApp, Chat, 'app-chat');
    // The emulator streams the prompt's words back; it stalls after the text's first deltas.
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: { method: 'POST', path: '/responses' } });
    ref.instance.ask('Tell me about the sea and the sky');
    const first = await emulator.waitForRequest({ method: 'POST', path: '/responses' });
    await until(chatApp, () => ref.instance.answer.text() !== '');
    await chatApp.whenStable();
    expect(host.textContent!.length).toBeGreaterThan(0);
    expect(host.textContent).toBe(ref.instance.answer.text());
    expect(ref.instance.answer.status()).toBe('streaming');
    expect(first.outcome).toBeUndefined();

    ref.instance.ask('Hello there');
    expect(await first.ended).toMatchObject({ clientClosed: true });
    await until(chatApp, () => ref.instance.answer.status() !== 'streaming');
    await chatApp.whenStable();
    expect(ref.instance.answer.status()).toBe('done');
    expect(host.textContent).toBe(ref.instance.answer.text());
    expect(ref.instance.answer.snapshot()!.output_text).toBe(ref.instance.answer.text());
  });
});

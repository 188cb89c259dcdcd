import {
  concatMap,
  defer,
  groupBy,
  last,
  lastValueFrom,
  map,
  merge,
  mergeMap,
  type Observable,
  of,
  take,
  timer,
  toArray,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateChatCompletion,
  accumulateResponse,
  accumulateSnapshots,
  type AssistantStreamHandler,
  type ChatCompletionChunk,
  chatCompletionChunks,
  handleEvents,
  mergeKeyed,
  responseEvents,
  type StreamEntry,
  textDeltas,
} from '../../src/index';
import { fixtureBytes, streamOf } from '../helpers/bytes';
import { useEmulator } from '../helpers/emulator';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('mergeKeyed', () => {
  it('subscribes to every stream at once and emits one entry per key after each change', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-x--y|');
      const b = cold('--p---q|');
      const view = (status: string, latest?: string) => ({ status, latest });
      expectObservable(mergeKeyed({ a, b })).toBe('sxp-yaq(b|)', {
        s: { a: view('pending'), b: view('pending') },
        x: { a: view('streaming', 'x'), b: view('pending') },
        p: { a: view('streaming', 'x'), b: view('streaming', 'p') },
        y: { a: view('streaming', 'y'), b: view('streaming', 'p') },
        a: { a: view('done', 'y'), b: view('streaming', 'p') },
        q: { a: view('done', 'y'), b: view('streaming', 'q') },
        b: { a: view('done', 'y'), b: view('done', 'q') },
      });
      expectSubscriptions(a.subscriptions).toBe('^----!');
      expectSubscriptions(b.subscriptions).toBe('^------!');
    });
  });

  it('refuses an array with a TypeError saying what it takes (its view would be an object of index keys)', () => {
    expect(() => mergeKeyed([of(1), of(2)] as never)).toThrow(new TypeError('mergeKeyed() takes a record of streams by key, not an array (Object.fromEntries() makes one)'));
  });

  it('keeps one stream’s failure to its entry, with the last value it had; the others go on', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const failing = cold('-x-#', undefined, new Error('cut'));
      const healthy = cold('----y|');
      const views: Observable<StreamEntry<string>> = mergeKeyed({ failing, healthy }).pipe(map((v) => v.failing));
      expectObservable(views).toBe('ab-cc(c|)', {
        a: { status: 'pending', latest: undefined },
        b: { status: 'streaming', latest: 'x' },
        c: { status: 'error', latest: 'x', error: new Error('cut') },
      });
    });
  });

  it('unsubscribing stops every stream at once', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-x--x--x|');
      const b = cold('--y--y--y|');
      expectObservable(mergeKeyed({ a, b }), '^--!').toBe('sxy', {
        s: expect.anything(),
        x: expect.anything(),
        y: expect.anything(),
      });
      expectSubscriptions(a.subscriptions).toBe('^--!');
      expectSubscriptions(b.subscriptions).toBe('^--!');
    });
  });

  it('stops its streams when a downstream take() is satisfied synchronously', () => {
    let pulled = 0;
    const counted = of(1, 2, 3, 4, 5, 6).pipe(map((n) => (pulled++, n)));
    const views: unknown[] = [];
    mergeKeyed({ counted }).pipe(take(3)).subscribe((v) => views.push(v));
    expect(views).toHaveLength(3);
    expect(pulled).toBe(2);
  });

  it('keeps the identity of entries that did not change', async () => {
    const views = await lastValueFrom(mergeKeyed({ a: of(1, 2), b: of('only') }).pipe(toArray()));
    // a streams and ends first (synchronous merge), then b: a's final entry is the same object afterwards.
    const aDone = views.findIndex((v) => v.a.status === 'done');
    for (const view of views.slice(aDone + 1)) expect(view.a).toBe(views[aDone]!.a);
    expect(views.at(-1)).toEqual({ a: { status: 'done', latest: 2 }, b: { status: 'done', latest: 'only' } });
  });

  it('takes any key, `__proto__` included, as an entry of its own (keys may come from user data)', async () => {
    const streams = Object.fromEntries([['__proto__', of(1)], ['b', of(2)]]) as Record<string, Observable<number>>;
    const views = await lastValueFrom(mergeKeyed(streams).pipe(toArray()));
    expect(Object.keys(views[0]!)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(views[0]!)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(views.at(-1)!, '__proto__')?.value).toEqual({ status: 'done', latest: 1 });
  });

  it('is cold: each subscription subscribes to the streams anew', async () => {
    let subscriptions = 0;
    const counted = defer(() => {
      subscriptions++;
      return of('v');
    });
    const view$ = mergeKeyed({ counted });
    await lastValueFrom(view$);
    await lastValueFrom(view$);
    expect(subscriptions).toBe(2);
  });
});

const byIdOrder = <T extends { id: string }>(values: readonly T[]): T[] => [...values].sort((x, y) => x.id.localeCompare(y.id));

/** Recorded events, read by the library's own source. */
async function recorded<T>(read: (bytes: ReadableStream<Uint8Array>) => Observable<T>, folder: string, name: string) {
  return lastValueFrom(read(streamOf([fixtureBytes(folder, name)])).pipe(toArray()));
}

/** The events on a virtual clock, one every `step` frames from `offset`, so that several streams interleave. */
function paced<T>(events: readonly T[], offset: number, step: number, testScheduler: TestScheduler): Observable<T> {
  return of(...events).pipe(concatMap((event, i) => timer(i === 0 ? offset : step, testScheduler).pipe(map(() => event))));
}

describe('merged streams of every kind, interleaved', () => {
  it('Responses: each stream accumulated on its own gives the same responses as read alone', async () => {
    const first = await recorded(responseEvents, 'responses-recorded', 'web-search-annotations.sse');
    const second = await recorded(responseEvents, 'responses-recorded', 'reasoning-summary-function-calls.sse');
    const alone = await Promise.all([first, second].map((events) => lastValueFrom(of(...events).pipe(accumulateResponse()))));
    const testScheduler = scheduler();
    testScheduler.run(({ expectObservable }) => {
      const view$ = mergeKeyed({
        search: paced(first, 1, 2, testScheduler).pipe(accumulateResponse()),
        tools: paced(second, 2, 2, testScheduler).pipe(accumulateResponse()),
      });
      const final$ = view$.pipe(
        last(),
        map((view) => ({ status: [view.search.status, view.tools.status], responses: [view.search.latest, view.tools.latest] })),
      );
      const frames = Math.max(1 + 2 * (first.length - 1), 2 + 2 * (second.length - 1));
      expectObservable(final$).toBe(`${frames}ms (a|)`, { a: { status: ['done', 'done'], responses: alone } });
    });
  });

  it('Chat Completions: merged chunks split by their id accumulate as when read alone', async () => {
    const names = ['parallel-tool-calls.sse', 'three-choices-content-and-refusal.sse', 'plain-text.sse'];
    const streams = await Promise.all(names.map((name) => recorded(chatCompletionChunks, 'chat-completions', name)));
    const alone = await Promise.all(streams.map((chunks) => lastValueFrom(of(...chunks).pipe(accumulateChatCompletion()))));
    const testScheduler = scheduler();
    testScheduler.run(({ expectObservable }) => {
      const merged = merge(...streams.map((chunks, i) => paced(chunks, i + 1, 3, testScheduler)));
      const byId$ = merged.pipe(
        groupBy((chunk: ChatCompletionChunk) => chunk.id),
        mergeMap((one) => one.pipe(accumulateChatCompletion(), last())),
        toArray(),
        map(byIdOrder),
      );
      const frames = Math.max(...streams.map((chunks, i) => i + 1 + 3 * (chunks.length - 1)));
      expectObservable(byId$).toBe(`${frames}ms (a|)`, { a: byIdOrder(alone) });
    });
  });

  it('Responses and Chat in one view: statuses and texts per key', async () => {
    const response = await recorded(responseEvents, 'responses-recorded', 'azure-text.sse');
    const chat = await recorded(chatCompletionChunks, 'chat-completions', 'plain-text.sse');
    const responseText = (await lastValueFrom(of(...response).pipe(textDeltas(), toArray()))).join('');
    const chatText = (await lastValueFrom(of(...chat).pipe(textDeltas(), toArray()))).join('');
    const testScheduler = scheduler();
    testScheduler.run(({ expectObservable }) => {
      const texts$ = mergeKeyed({
        response: paced(response, 1, 2, testScheduler).pipe(accumulateResponse()),
        chat: paced(chat, 2, 2, testScheduler).pipe(accumulateChatCompletion()),
      }).pipe(
        last(),
        map((view) => [view.response.latest?.output_text, view.chat.latest?.choices[0]?.message.content]),
      );
      const frames = Math.max(1 + 2 * (response.length - 1), 2 + 2 * (chat.length - 1));
      expectObservable(texts$).toBe(`${frames}ms (a|)`, { a: [responseText, chatText] });
    });
  });
});

describe('merged streams over HTTP (emulator)', () => {
  const ctx = useEmulator({ pacing: { eventMs: 1, deltaMs: 1 } });

  /** What a handler sees, per message id: its text when done. */
  function textsByMessage() {
    const texts: Record<string, string> = {};
    const handler: AssistantStreamHandler = {
      onTextDone: (text, message) => {
        texts[message.id] = (texts[message.id] ?? '') + text.value;
      },
    };
    return { texts, handler };
  }

  it('two Assistants runs merged raw: accumulateSnapshots and handleEvents track each message by its id', async () => {
    const { client } = ctx;
    const assistant = await lastValueFrom(client.assistants.create({ model: 'gpt-4o' }));
    const threads = await Promise.all(
      ['Tell me a story about a fox.', 'Describe the sea in one paragraph.'].map((content) =>
        lastValueFrom(client.threads.create({ messages: [{ role: 'user', content }] })),
      ),
    );
    const run = (threadId: string) => client.threads.runs.stream(threadId, { assistant_id: assistant.id });
    const merged = textsByMessage();
    const state = await lastValueFrom(
      merge(...threads.map((thread) => run(thread.id))).pipe(handleEvents(merged.handler), accumulateSnapshots()),
    );
    const messages = state.messages.filter((message) => message.role === 'assistant');
    expect(messages).toHaveLength(2);
    expect(new Set(messages.map((message) => message.thread_id))).toEqual(new Set(threads.map((thread) => thread.id)));
    for (const message of messages) {
      const text = message.content.map((block) => (block.type === 'text' ? block.text.value : '')).join('');
      expect(text.length).toBeGreaterThan(0);
      expect(merged.texts[message.id]).toBe(text);
    }
  });

  it('a Responses stream, a Chat stream and an Assistants run in one view end with each one’s own text', async () => {
    const { client } = ctx;
    const assistant = await lastValueFrom(client.assistants.create({ model: 'gpt-4o' }));
    const thread = await lastValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'Hello there' }] }));
    const streams = {
      response: () => client.responses.stream({ model: 'gpt-4o', input: 'Describe a forest.' }),
      chat: () => client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Describe a city.' }] }),
    };
    const alone = {
      response: (await lastValueFrom(streams.response().pipe(textDeltas(), toArray()))).join(''),
      chat: (await lastValueFrom(streams.chat().pipe(textDeltas(), toArray()))).join(''),
    };
    const view = await lastValueFrom(
      mergeKeyed({
        response: streams.response().pipe(accumulateResponse()),
        chat: streams.chat().pipe(accumulateChatCompletion()),
        run: client.threads.runs.stream(thread.id, { assistant_id: assistant.id }).pipe(accumulateSnapshots()),
      }),
    );
    expect([view.response.status, view.chat.status, view.run.status]).toEqual(['done', 'done', 'done']);
    expect(view.response.latest?.output_text).toBe(alone.response);
    expect(view.chat.latest?.choices[0]?.message.content).toBe(alone.chat);
    const runMessages = (view.run.latest?.messages ?? []).filter((message) => message.role === 'assistant');
    expect(runMessages).toHaveLength(1);
  });

  it('a failed stream is its own: the others still complete', async () => {
    const { client } = ctx;
    const view = await lastValueFrom(
      mergeKeyed({
        missing: client.responses.retrieve('resp_does_not_exist'),
        answer: client.responses.stream({ model: 'gpt-4o', input: 'Say hi.' }).pipe(accumulateResponse()),
      }),
    );
    expect(view.missing.status).toBe('error');
    expect(view.answer.status).toBe('done');
    expect(view.answer.latest?.output_text?.length).toBeGreaterThan(0);
  });
});

/**
 * mergeKeyedStreams(): mergeKeyed for a set of streams that changes while it runs. Marble tests pin what each
 * command does to the view and to the streams' subscriptions (start, replace, stop, the end of the commands,
 * unsubscribing); the last tests run Responses streams started and stopped at different times against the
 * emulator over HTTP, where a stopped stream's request must end as closed by the client.
 */
import { finalize, lastValueFrom, map, Observable, of, Subject, Subscriber, take, type TeardownLogic, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateResponse,
  type KeyedStream,
  type KeyedView,
  mergeKeyed,
  mergeKeyedStreams,
  type ResponseSnapshot,
  type StreamEntry,
  textDeltas,
} from '../../src/index';
import { useEmulator } from '../helpers/emulator';
import { until } from '../helpers/until';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const entry = (status: StreamEntry<unknown>['status'], latest?: unknown, error?: unknown): StreamEntry<unknown> =>
  error === undefined ? { status, latest } : { status, latest, error };

describe('mergeKeyedStreams', () => {
  it('adds an entry per started key, pending until its first value, and keeps ended entries', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const a = cold('-x-y--|');
      const b = cold('-p-#', undefined, new Error('cut'));
      const commands = hot<KeyedStream<string>>('-A---B------|', { A: { key: 'a', stream: a }, B: { key: 'b', stream: b } });
      expectObservable(commands.pipe(mergeKeyedStreams())).toBe('eAx-yBPdE---|', {
        e: {},
        A: { a: entry('pending') },
        x: { a: entry('streaming', 'x') },
        y: { a: entry('streaming', 'y') },
        B: { a: entry('streaming', 'y'), b: entry('pending') },
        P: { a: entry('streaming', 'y'), b: entry('streaming', 'p') },
        d: { a: entry('done', 'y'), b: entry('streaming', 'p') },
        E: { a: entry('done', 'y'), b: entry('error', 'p', new Error('cut')) },
      });
      expectSubscriptions(a.subscriptions).toBe('-^-----!');
      expectSubscriptions(b.subscriptions).toBe('-----^--!');
    });
  });

  it('starting a key again unsubscribes its stream at once and starts the entry over', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const first = cold('-x-----y|');
      const second = cold('-z|');
      const commands = hot<KeyedStream<string>>('-A--B----|', { A: { key: 'k', stream: first }, B: { key: 'k', stream: second } });
      expectObservable(commands.pipe(mergeKeyedStreams())).toBe('eax-bzd--|', {
        e: {},
        a: { k: entry('pending') },
        x: { k: entry('streaming', 'x') },
        b: { k: entry('pending') },
        z: { k: entry('streaming', 'z') },
        d: { k: entry('done', 'z') },
      });
      expectSubscriptions(first.subscriptions).toBe('-^--!');
      expectSubscriptions(second.subscriptions).toBe('----^-!');
    });
  });

  it('a stop unsubscribes the key’s stream at once and drops its entry; the key can start again', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const a = cold('--x------y|');
      const b = cold('--p------|');
      const again = cold('-r|');
      const commands = hot<KeyedStream<string>>('-AB--S-R----|', {
        A: { key: 'a', stream: a },
        B: { key: 'b', stream: b },
        S: { key: 'a', stream: null },
        R: { key: 'a', stream: again },
      });
      expectObservable(commands.pipe(mergeKeyedStreams())).toBe('eABxpS-Rrd-D|', {
        e: {},
        A: { a: entry('pending') },
        B: { a: entry('pending'), b: entry('pending') },
        x: { a: entry('streaming', 'x'), b: entry('pending') },
        p: { a: entry('streaming', 'x'), b: entry('streaming', 'p') },
        S: { b: entry('streaming', 'p') },
        R: { b: entry('streaming', 'p'), a: entry('pending') },
        r: { b: entry('streaming', 'p'), a: entry('streaming', 'r') },
        d: { b: entry('streaming', 'p'), a: entry('done', 'r') },
        D: { b: entry('done', 'p'), a: entry('done', 'r') },
      });
      expectSubscriptions(a.subscriptions).toBe('-^---!');
      expectSubscriptions(again.subscriptions).toBe('-------^-!');
      expectSubscriptions(b.subscriptions).toBe('--^--------!');
    });
  });

  it('completes when the commands completed and every stream ended; fails when the commands fail', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const slow = cold('-----x|');
      const commands = hot<KeyedStream<string>>('-A|', { A: { key: 'a', stream: slow } });
      expectObservable(commands.pipe(mergeKeyedStreams(), map((view) => view['a']?.status ?? 'none'))).toBe('na----s(d|)', {
        n: 'none',
        a: 'pending',
        s: 'streaming',
        d: 'done',
      });
      expectSubscriptions(slow.subscriptions).toBe('-^-----!');
    });
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const running = cold('-x--------|');
      const commands = hot<KeyedStream<string>>('-A--#', { A: { key: 'a', stream: running } }, new Error('commands failed'));
      expectObservable(commands.pipe(mergeKeyedStreams(), map((view) => Object.keys(view).length))).toBe(
        '011-#',
        { 0: 0, 1: 1 },
        new Error('commands failed'),
      );
      expectSubscriptions(running.subscriptions).toBe('-^--!');
    });
  });

  it('unsubscribing unsubscribes every stream at once', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const a = cold('-x-x-x-x|');
      const b = cold('--y-y|');
      const commands = hot<KeyedStream<string>>('-A-B--', { A: { key: 'a', stream: a }, B: { key: 'b', stream: b } });
      expectObservable(commands.pipe(mergeKeyedStreams(), map(() => 'v')), '^----!').toBe('vvvvv', { v: 'v' });
      expectSubscriptions(a.subscriptions).toBe('-^---!');
      expectSubscriptions(b.subscriptions).toBe('---^-!');
    });
  });

  it('keeps the identity of entries that did not change, and never changes a view it emitted', () => {
    const commands = new Subject<KeyedStream<number>>();
    const views: KeyedView<number>[] = [];
    commands.pipe(mergeKeyedStreams()).subscribe((view) => views.push(view));
    const a = new Subject<number>();
    commands.next({ key: 'a', stream: a });
    a.next(1);
    const frozen = JSON.stringify(views);
    commands.next({ key: 'b', stream: of(7, 8) });
    expect(views.at(-1)!['a']).toBe(views[2]!['a']);
    expect(JSON.stringify(views.slice(0, 3))).toBe(frozen);
    commands.next({ key: 'b', stream: null });
    expect(views.at(-1)).toEqual({ a: entry('streaming', 1) });
    expect(views.at(-1)!['a']).toBe(views[2]!['a']);
  });

  it("a command for a key sent from its stream's teardown while a command stops that stream is dropped: one stream per key, never a cut shown as done", () => {
    for (const replacement of ['another stream', 'a stop'] as const) {
      const commands = new Subject<KeyedStream<string>>();
      const views: KeyedView<string>[] = [];
      let completed = false;
      commands.pipe(mergeKeyedStreams()).subscribe({ next: (view) => views.push(view), complete: () => (completed = true) });
      const first = new Subject<string>();
      const second = new Subject<string>();
      const nextTurn = new Subject<string>();
      // The first stream starts the key's next turn when it ends (a conversation), as its finalize() sends.
      commands.next({ key: 'a', stream: first.pipe(finalize(() => commands.next({ key: 'a', stream: nextTurn }))) });
      commands.next({ key: 'a', stream: replacement === 'a stop' ? null : second });
      // The command that stopped the first stream won: the next turn was never subscribed.
      expect(nextTurn.observed).toBe(false);
      expect(first.observed).toBe(false);
      if (replacement === 'a stop') {
        expect(views.at(-1)).toEqual({});
        continue;
      }
      second.next('from second');
      second.complete();
      commands.complete();
      expect(views.at(-1)).toEqual({ a: { status: 'done', latest: 'from second' } });
      expect(completed).toBe(true);
    }
  });

  it('a stop for a key not in the view emits nothing', () => {
    const commands = new Subject<KeyedStream<number>>();
    const views: KeyedView<number>[] = [];
    commands.pipe(mergeKeyedStreams()).subscribe((view) => views.push(view));
    commands.next({ key: 'a', stream: of(1) });
    const count = views.length;
    commands.next({ key: 'nothing', stream: null });
    expect(views).toHaveLength(count);
  });

  it('keeps nothing of the streams that ended, stopped or were replaced on its subscriber (a long session stays bounded)', () => {
    const commands = new Subject<KeyedStream<number>>();
    // The subscriber the operator adds each stream's subscription to (RxJS takes a Subscriber as it is), counting
    // what it holds on to until it ends: what was added and not removed.
    let count = 0;
    const subscriber = new (class extends Subscriber<KeyedView<number>> {
      override add(teardown: TeardownLogic): void {
        count++;
        super.add(teardown);
      }
      override remove(teardown: Exclude<TeardownLogic, void>): void {
        count--;
        super.remove(teardown);
      }
    })();
    const held = () => count;
    commands.pipe(mergeKeyedStreams()).subscribe(subscriber);
    const before = held();
    const replaced = new Subject<number>();
    for (let i = 0; i < 1000; i++) {
      commands.next({ key: `k${i % 3}`, stream: of(i) }); // ends on its own
      commands.next({ key: 'long', stream: replaced }); // replaces the previous one
      commands.next({ key: 'stopped', stream: new Subject<number>() });
      commands.next({ key: 'stopped', stream: null });
    }
    // Only the one running stream ('long') is held.
    expect(held()).toBe(before + 1);
    subscriber.unsubscribe();
    expect(replaced.observed).toBe(false);
  });

  it('takes any key, `__proto__` included, as an entry of its own (keys may come from user data)', async () => {
    const views = await lastValueFrom(
      of<KeyedStream<number>[]>({ key: '__proto__', stream: of(1) }, { key: 'constructor', stream: of(2) }).pipe(mergeKeyedStreams(), toArray()),
    );
    const last = views.at(-1)!;
    expect(Object.getPrototypeOf(last)).toBe(Object.prototype);
    expect(Object.keys(last)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(last, '__proto__')?.value).toEqual(entry('done', 1));
    const stopped = await lastValueFrom(
      of<KeyedStream<number>[]>({ key: '__proto__', stream: of(1) }, { key: '__proto__', stream: null }).pipe(mergeKeyedStreams()),
    );
    expect(Object.keys(stopped)).toEqual([]);
  });

  it('stops pulling from synchronous commands and streams when a downstream take() is satisfied', () => {
    let commandsPulled = 0;
    let valuesPulled = 0;
    const stream = of(1, 2, 3, 4, 5).pipe(map((n) => (valuesPulled++, n)));
    const commands = of('a', 'b', 'c', 'd').pipe(map((key): KeyedStream<number> => (commandsPulled++, { key, stream })));
    const views: unknown[] = [];
    commands.pipe(mergeKeyedStreams(), take(4)).subscribe((view) => views.push(view));
    // {} , a pending, a streaming 1, a streaming 2: the first command's stream was read twice, nothing more.
    expect(views).toHaveLength(4);
    expect(commandsPulled).toBe(1);
    expect(valuesPulled).toBe(2);
  });

  it('take(1) of the first (empty) view does not even subscribe to the commands', async () => {
    let subscribed = 0;
    const commands = new Observable<KeyedStream<string>>((subscriber) => {
      subscribed++;
      subscriber.next({ key: 'a', stream: of('x') });
    });
    expect(await lastValueFrom(commands.pipe(mergeKeyedStreams(), take(1)))).toEqual({});
    expect(subscribed).toBe(0);
  });

  it('a stream that is none (a plain-JS caller’s Promise, undefined) is that key’s error entry; the view goes on', async () => {
    const commands = of<KeyedStream<string>[]>(
      { key: 'a', stream: Promise.resolve('x') as never },
      { key: 'b', stream: undefined as never },
      { key: 'c', stream: of('y') },
    );
    const last = await lastValueFrom(commands.pipe(mergeKeyedStreams()));
    expect(last['a']).toMatchObject({ status: 'error', error: expect.any(TypeError) });
    expect(last['b']).toMatchObject({ status: 'error', error: expect.any(TypeError) });
    expect(last['c']).toEqual(entry('done', 'y'));
  });

  it('a thousand keys started and stopped: the view ends empty and completes with the commands (nothing left running)', () => {
    const commands = new Subject<KeyedStream<number>>();
    const views: KeyedView<number>[] = [];
    let completed = false;
    const started: Subject<number>[] = [];
    commands.pipe(mergeKeyedStreams()).subscribe({ next: (view) => views.push(view), complete: () => (completed = true) });
    for (let i = 0; i < 1000; i++) {
      const stream = new Subject<number>();
      started.push(stream);
      commands.next({ key: `k${i}`, stream });
      commands.next({ key: `k${i}`, stream: null });
    }
    expect(views.at(-1)).toEqual({});
    expect(started.every((stream) => !stream.observed)).toBe(true);
    commands.complete();
    expect(completed).toBe(true);
  });
});

describe('mergeKeyedStreams over HTTP (emulator)', () => {
  const ctx = useEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });

  it('conversations started and stopped at different times: a stopped one’s request is aborted, the others end with their text', async () => {
    const { client, emulator } = ctx;
    const stream = (input: string): Observable<ResponseSnapshot> =>
      client.responses.stream({ model: 'gpt-4o', input }).pipe(accumulateResponse());
    const alone = (await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Describe the sea.' }).pipe(textDeltas(), toArray()))).join('');
    const longInput = `Tell me everything about ${'lighthouses and ships '.repeat(40)}`;

    const commands = new Subject<KeyedStream<ResponseSnapshot>>();
    const views: KeyedView<ResponseSnapshot>[] = [];
    const ended = new Promise<void>((resolve, reject) =>
      commands.pipe(mergeKeyedStreams()).subscribe({ next: (view) => views.push(view), error: reject, complete: resolve }),
    );

    commands.next({ key: 'sea', stream: stream('Describe the sea.') });
    // The second conversation starts once the first streams, and is stopped while it streams.
    await until(() => views.at(-1)?.['sea']?.status === 'streaming');
    commands.next({ key: 'long', stream: stream(longInput) });
    await until(() => views.at(-1)?.['long']?.status === 'streaming');
    commands.next({ key: 'long', stream: null });
    expect(Object.keys(views.at(-1)!)).toEqual(['sea']);
    commands.complete();
    await ended;

    const last = views.at(-1)!;
    expect(Object.keys(last)).toEqual(['sea']);
    expect(last['sea']?.status).toBe('done');
    expect(last['sea']?.latest?.output_text).toBe(alone);
    const stopped = emulator.requests.filter(
      (record) => record.path.endsWith('/responses') && (record.body as { input?: unknown } | undefined)?.input === longInput,
    );
    expect(stopped).toHaveLength(1);
    expect((await stopped[0]!.ended).outcome).toBe('client-closed');
  });
});

describe('a view a consumer tries to change', () => {
  it('mergeKeyed() and mergeKeyedStreams() emit frozen views: a change cannot reach the views after it', () => {
    const a = new Subject<number>();
    const views: Array<Record<string, unknown>> = [];
    mergeKeyed({ a }).subscribe((view) => views.push(view));
    a.next(1);
    const commands = new Subject<KeyedStream<number>>();
    const b = new Subject<number>();
    commands.pipe(mergeKeyedStreams()).subscribe((view) => views.push(view));
    commands.next({ key: 'b', stream: b });
    b.next(1);
    for (const view of views) {
      expect(Object.isFrozen(view)).toBe(true);
      // As in a consumer's strict-mode module: the write is refused.
      expect(() => {
        'use strict';
        view['selected'] = true;
      }).toThrow(TypeError);
    }
    a.next(2);
    b.next(2);
    expect(views.every((view) => !('selected' in view))).toBe(true);
  });
});

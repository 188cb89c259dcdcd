/**
 * pollUntilTerminal on a virtual clock: when each poll goes, what it emits, and that nothing is left running.
 */
import { EmptyError, of, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { pollAfterMs, type Polled, pollUntilTerminal } from '../../src/index';

interface Job {
  readonly status: 'queued' | 'in_progress' | 'completed' | 'failed';
}
const isTerminal = (job: Job) => job.status === 'completed' || job.status === 'failed';
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const state = (status: Job['status'], pollAfter?: number): Polled<Job> => ({
  data: { status },
  ...(pollAfter === undefined ? {} : { headers: new Headers({ 'openai-poll-after-ms': String(pollAfter) }) }),
});

describe('pollUntilTerminal', () => {
  it('waits defaultIntervalMs after every state without the header, the first one too', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const polled$ = pollUntilTerminal<Job>({
        first: of(state('queued')),
        retrieve: () => cold('-(a|)', { a: state('completed') }),
        isTerminal,
        defaultIntervalMs: 10,
        scheduler: test,
      });
      expectObservable(polled$).toBe('a 10ms (b|)', { a: { status: 'queued' }, b: { status: 'completed' } });
    });
  });

  it('completes at the terminal state even when the request that gave it stays open; a request answering twice starts no second loop', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const open = cold('-b', { b: state('completed') });
      const polled$ = pollUntilTerminal<Job>({ first: cold('(a|)', { a: state('queued') }), retrieve: () => open, isTerminal, defaultIntervalMs: 2, scheduler: test });
      expectObservable(polled$).toBe('a--(b|)', { a: { status: 'queued' }, b: { status: 'completed' } });
      expectSubscriptions(open.subscriptions).toBe('--^!');
    });
    const again = scheduler();
    again.run(({ cold, expectObservable }) => {
      let requests = 0;
      // A cache then the network: two answers to the first request, each of which would start a loop of its own.
      const polled$ = pollUntilTerminal<Job>({
        first: cold('(a|)', { a: state('queued') }),
        retrieve: () =>
          requests++ === 0 ? cold('-(bc)', { b: state('in_progress'), c: state('in_progress') }) : cold('-(d|)', { d: state('completed') }),
        isTerminal,
        defaultIntervalMs: 2,
        scheduler: again,
      });
      expectObservable(polled$).toBe('a--b--(d|)', { a: { status: 'queued' }, b: { status: 'in_progress' }, d: { status: 'completed' } });
    });
  });

  it('firstIntervalMs: 0 (after a create’s answer) polls at once, then waits defaultIntervalMs', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      // Each retrieve answers 1 frame after it is sent.
      const answers = [state('in_progress'), state('in_progress'), state('completed')];
      let sent = 0;
      const retrieves = answers.map((answer) => cold('-(a|)', { a: answer }));
      const polled$ = pollUntilTerminal<Job>({
        first: of(state('queued')),
        retrieve: () => retrieves[sent++]!,
        isTerminal,
        defaultIntervalMs: 10,
        firstIntervalMs: 0,
        scheduler: test,
      });
      // queued at 0; the first retrieve sent at 0, answered at 1; then 10 frames before each next one.
      expectObservable(polled$).toBe('ab 10ms c 10ms (d|)', {
        a: { status: 'queued' },
        b: { status: 'in_progress' },
        c: { status: 'in_progress' },
        d: { status: 'completed' },
      });
      expectSubscriptions(retrieves[0]!.subscriptions).toBe('^!');
      expectSubscriptions(retrieves[1]!.subscriptions).toBe('- 10ms ^!');
      expectSubscriptions(retrieves[2]!.subscriptions).toBe('- 10ms - 10ms ^!');
    });
  });

  it('firstIntervalMs outranks the first state’s header (a create’s answer: the SDK polls at once whatever it says); later headers count', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const answers = [state('in_progress', 30), state('completed')];
      let sent = 0;
      const polled$ = pollUntilTerminal<Job>({
        first: of(state('queued', 3000)),
        retrieve: () => cold('-(a|)', { a: answers[sent++]! }),
        isTerminal,
        defaultIntervalMs: 10,
        firstIntervalMs: 0,
        scheduler: test,
      });
      expectObservable(polled$).toBe('ab 30ms (c|)', { a: { status: 'queued' }, b: { status: 'in_progress' }, c: { status: 'completed' } });
    });
  });

  it('honours the server’s openai-poll-after-ms, and pollIntervalMs over it', () => {
    for (const [pollIntervalMs, expected] of [
      [undefined, '5ms a 499ms (b|)'],
      [100, '5ms a 99ms (b|)'],
    ] as const) {
      const test = scheduler();
      test.run(({ cold, expectObservable }) => {
        const polled$ = pollUntilTerminal<Job>({
          first: cold('5ms (a|)', { a: state('queued', 500) }),
          retrieve: () => of(state('completed')),
          isTerminal,
          ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
          scheduler: test,
        });
        expectObservable(polled$).toBe(expected, { a: { status: 'queued' }, b: { status: 'completed' } });
      });
    }
  });

  it('a wait longer than a timer takes (a server asking for days) is waited for, and Infinity never polls', () => {
    const days = 3_000_000_000; // ~35 days: past the 2^31 - 1 ms of a timer, which would fire at once
    for (const [first, pollIntervalMs, expected] of [
      [state('queued', days), undefined, `a ${days - 1}ms (b|)`],
      [state('queued'), Infinity, 'a'],
    ] as const) {
      const test = scheduler();
      test.run(({ expectObservable }) => {
        const polled$ = pollUntilTerminal<Job>({
          first: of(first),
          retrieve: () => of(state('completed')),
          isTerminal,
          ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
          scheduler: test,
        });
        expectObservable(polled$).toBe(expected, { a: { status: 'queued' }, b: { status: 'completed' } });
      });
    }
  });

  it('on real timers too: a wait of days or Infinity sends no retrieve at once (a timer past 2^31 - 1 ms fires at once)', async () => {
    for (const [first, pollIntervalMs] of [[state('queued', 3_000_000_000), undefined], [state('queued'), Infinity]] as const) {
      let retrieves = 0;
      const subscription = pollUntilTerminal<Job>({
        first: of(first),
        retrieve: () => (retrieves++, of(first)),
        isTerminal,
        ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      }).subscribe();
      // Node runs a timer set past 2^31 - 1 ms (or to Infinity) after 1 ms, and timers of one delay in the order they
      // were set: once this one fires, such a timer set by the subscription has fired.
      await new Promise((resolve) => setTimeout(resolve, 1));
      subscription.unsubscribe();
      expect(retrieves).toBe(0);
    }
  });

  it('a terminal first state is emitted and nothing is polled', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const retrieve = cold('-(a|)', { a: state('completed') });
      expectObservable(pollUntilTerminal<Job>({ first: of(state('failed')), retrieve: () => retrieve, isTerminal, scheduler: test })).toBe(
        '(a|)',
        { a: { status: 'failed' } },
      );
      expectSubscriptions(retrieve.subscriptions).toBe([]);
    });
  });

  it('unsubscribing during a wait, or during a retrieve, stops everything at once', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const retrieve = cold('---(a|)', { a: state('in_progress', 50) });
      const polled$ = pollUntilTerminal<Job>({ first: of(state('queued')), retrieve: () => retrieve, isTerminal, firstIntervalMs: 0, scheduler: test });
      // Stopped in the middle of the second retrieve (sent at 3 + 50 = 53, unsubscribed at 54).
      expectObservable(polled$, '^ 53ms !').toBe('a--b', { a: { status: 'queued' }, b: { status: 'in_progress' } });
      expectSubscriptions(retrieve.subscriptions).toBe(['^--!', '--- 50ms ^!']);
    });
  });

  it('a take() downstream stops it after the first state without polling', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const retrieve = cold('-(a|)', { a: state('completed') });
      const polled$ = pollUntilTerminal<Job>({ first: of(state('queued')), retrieve: () => retrieve, isTerminal, scheduler: test });
      expectObservable(polled$.pipe(take(1))).toBe('(a|)', { a: { status: 'queued' } });
      expectSubscriptions(retrieve.subscriptions).toBe([]);
    });
  });

  it('an error of a retrieve ends it with that error', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const polled$ = pollUntilTerminal<Job>({
        first: of(state('queued')),
        retrieve: () => cold('-#', undefined, new Error('gone')),
        isTerminal,
        defaultIntervalMs: 5,
        scheduler: test,
      });
      expectObservable(polled$).toBe('a 5ms #', { a: { status: 'queued' } }, new Error('gone'));
    });
  });

  it("a retrieve() (or a first) that completes without a state fails with RxJS's EmptyError, never ending on a state that is not final", () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const empty$ = pollUntilTerminal<Job>({ first: of(state('queued')), retrieve: () => cold('-|'), isTerminal, defaultIntervalMs: 2, scheduler: test });
      const error = new EmptyError();
      expectObservable(empty$).toBe('a--#', { a: { status: 'queued' } }, error);
      const noFirst$ = pollUntilTerminal<Job>({ first: cold('|'), retrieve: () => cold('-(a|)', { a: state('completed') }), isTerminal, scheduler: test });
      expectObservable(noFirst$).toBe('#', undefined, new EmptyError());
    });
  });

  it('pollAfterMs reads a valid header only', () => {
    expect(pollAfterMs(new Headers({ 'openai-poll-after-ms': '250' }))).toBe(250);
    expect(pollAfterMs(new Headers({ 'openai-poll-after-ms': 'soon' }))).toBeUndefined();
    expect(pollAfterMs(new Headers({ 'openai-poll-after-ms': '-1' }))).toBeUndefined();
    expect(pollAfterMs(undefined)).toBeUndefined();
  });
});

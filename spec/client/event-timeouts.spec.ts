import { Subject, take, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { StreamTimeoutError } from '../../src/index';
import { eventTimeouts } from '../../src/client/event-timeouts';

// The idle and first-event timers run on the scheduler they are given: virtual time, no waiting.

const names = (value: string) => value;
const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('eventTimeouts on a TestScheduler (virtual time)', () => {
  it('an idle timeout of 60 s fires at virtual 60 s after the last event, naming it', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<string>('a 30s b');
      const error = new StreamTimeoutError('idle', 60_000, 'b');
      expectObservable(source.pipe(eventTimeouts(60_000, 60_000, names, scheduler))).toBe('a 30s b 59999ms #', undefined, error);
      // The source is unsubscribed when the timeout fires.
      expectSubscriptions(source.subscriptions).toBe('^ 30s 60000ms !');
    });
  });

  it('a first-event timeout fires at its virtual time when nothing comes', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const error = new StreamTimeoutError('first-event', 10_000);
      expectObservable(cold<string>('-').pipe(eventTimeouts(10_000, 60_000, names, scheduler))).toBe('10s #', undefined, error);
    });
  });

  it('every event resets the idle time: events 59 s apart never time out', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<string>('a 59s b 59s c 59s d|').pipe(eventTimeouts(60_000, 60_000, names, scheduler))).toBe('a 59s b 59s c 59s d|');
    });
  });

  it('after the first event a shorter idle limit replaces the first-event deadline', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const error = new StreamTimeoutError('idle', 5_000, 'a');
      expectObservable(cold<string>('1s a 30s b').pipe(eventTimeouts(60_000, 5_000, names, scheduler))).toBe('1s a 4999ms #', undefined, error);
    });
  });

  it('0 and Infinity mean no limit', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<string>('100s a 1000s b|').pipe(eventTimeouts(0, Infinity, names, scheduler))).toBe('100s a 1000s b|');
      expectObservable(cold<string>('100s a 1000s b|').pipe(eventTimeouts(Infinity, 0, names, scheduler))).toBe('100s a 1000s b|');
    });
  });

  it('a limit longer than a JavaScript timer takes (about 24.8 days) is waited for in full', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const thirtyDays = 30 * 24 * 3600 * 1000;
      const error = new StreamTimeoutError('first-event', thirtyDays);
      expectObservable(cold<string>('-').pipe(eventTimeouts(thirtyDays, thirtyDays, names, scheduler))).toBe(`${thirtyDays}ms #`, undefined, error);
    });
  });
});

describe('eventTimeouts on a scheduler given as an option (outside TestScheduler.run)', () => {
  it('uses its timers and its now()', () => {
    const scheduler = new VirtualTimeScheduler();
    const source = new Subject<string>();
    const seen: Array<[number, unknown]> = [];
    source.pipe(eventTimeouts(60_000, 60_000, names, scheduler)).subscribe({
      next: (value) => seen.push([scheduler.now(), value]),
      error: (error: unknown) => seen.push([scheduler.now(), error]),
    });
    scheduler.schedule(() => source.next('a'), 45_000);
    scheduler.flush();
    expect(seen).toEqual([
      [45_000, 'a'],
      [105_000, new StreamTimeoutError('idle', 60_000, 'a')],
    ]);
  });
});

describe('eventTimeouts when the consumer stops at a value', () => {
  it('leaves no timer behind and names nothing, also when the first value would arm the idle timer', () => {
    const scheduler = new VirtualTimeScheduler();
    const source = new Subject<string>();
    let named = 0;
    const seen: unknown[] = [];
    // A first-event limit longer than the idle one: the first value replaces the one timer by a sooner one.
    source
      .pipe(
        eventTimeouts(60_000, 5_000, (value) => {
          named++;
          return value;
        }, scheduler),
        take(1),
      )
      .subscribe({ next: (value) => seen.push(value), error: (error: unknown) => seen.push(error), complete: () => seen.push('complete') });
    source.next('a');
    expect(seen).toEqual(['a', 'complete']);
    expect(scheduler.actions).toEqual([]);
    scheduler.flush();
    expect(named).toBe(0);
    expect(source.observed).toBe(false);
  });
});

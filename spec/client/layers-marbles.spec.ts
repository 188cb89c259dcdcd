import { asyncScheduler, of, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { fallBack } from '../../src/client/layers/fall-back';
import { recoverCut } from '../../src/client/layers/recover-cut';
import { type AdoptingRetry, retryStart } from '../../src/client/layers/retry-start';
import { APIError, IncompleteStreamError, StreamNotEstablishedError, StreamParseError } from '../../src/index';

function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

const rateLimited = APIError.from(429, new Headers({ 'retry-after-ms': '10' }), '{}', 'POST /threads/runs');
const badGateway = APIError.from(502, new Headers({ 'retry-after-ms': '10' }), '{}', 'POST /threads/runs');
const cut = new IncompleteStreamError({ receivedEvents: 1 });

function retryPlan(adopt: AdoptingRetry<string>['adopt'], maxRetries = 2): AdoptingRetry<string> {
  return {
    maxRetries,
    scheduler: asyncScheduler,
    isRetryable: (error) => error instanceof APIError,
    mayHaveCreated: (error) => error instanceof APIError && error.status >= 500,
    adopt,
  };
}

describe('client layers (marbles)', () => {
  it('retryStart: a refusal before the first event is sent again after the retry delay, up to maxRetries', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#', undefined, rateLimited);
      expectObservable(source.pipe(retryStart(retryPlan(() => of(undefined))))).toBe('20ms #', undefined, rateLimited);
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '10ms (^!)', '20ms (^!)']);
    });
  });

  it('retryStart: a failure after the first event passes through, never a second request', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-#', { a: 'a' }, rateLimited);
      expectObservable(source.pipe(retryStart(retryPlan(() => of(undefined))))).toBe('a-#', { a: 'a' }, rateLimited);
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('retryStart: what a failed attempt created is adopted instead of a second request; "cannot tell" reports the failure', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#', undefined, badGateway);
      const adopted = cold('-r|', { r: 'recovered' });
      expectObservable(source.pipe(retryStart(retryPlan(() => of(adopted))))).toBe('10ms -r|', { r: 'recovered' });
      expectSubscriptions(source.subscriptions).toBe('(^!)');
      expectSubscriptions(adopted.subscriptions).toBe('10ms ^-!');

      const unsure = cold('#', undefined, badGateway);
      expectObservable(unsure.pipe(retryStart(retryPlan(() => of(null))))).toBe('10ms #', undefined, badGateway);
    });
  });

  it('retryStart: unsubscribing during the backoff sends nothing more', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#', undefined, rateLimited);
      expectObservable(source.pipe(retryStart(retryPlan(() => of(undefined)))), '^ 5ms !').toBe('');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('fallBack: a stream that cannot be established continues with the fallback; not after a first event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const notStreaming = new StreamNotEstablishedError('application/json', '{}');
      const source = cold('-#', undefined, notStreaming);
      const fallback = cold('xy|');
      expectObservable(source.pipe(fallBack(() => fallback, () => 0))).toBe('-xy|');
      expectSubscriptions(fallback.subscriptions).toBe('-^-!');

      const after = cold('a#', undefined, notStreaming);
      expectObservable(after.pipe(fallBack(() => fallback, () => 1))).toBe('a#', undefined, notStreaming);
    });
  });

  it('recoverCut: a cut is completed by the recovered events; other errors, and a cut it cannot recover, pass', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const recovered = cold('-r|');
      expectObservable(cold('a#', undefined, cut).pipe(recoverCut(() => recovered))).toBe('a-r|');
      expectObservable(cold('a#', undefined, cut).pipe(recoverCut(() => undefined))).toBe('a#', undefined, cut);
      const broken = new StreamParseError('bad', { eventName: 'x' });
      expectObservable(cold('a#', undefined, broken).pipe(recoverCut(() => recovered))).toBe('a#', undefined, broken);
    });
  });

  it('the layers chain to their subscriber: take(1) stops the source at the first event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c|');
      const chained = source.pipe(
        retryStart(retryPlan(() => of(undefined))),
        fallBack(() => cold('x|'), () => 0),
        recoverCut(() => cold('r|')),
        take(1),
      );
      expectObservable(chained).toBe('-(a|)');
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });
});

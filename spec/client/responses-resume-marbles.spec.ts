import { asyncScheduler, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { resumeResponse, type ResumePlan } from '../../src/client/recovery/resume-response';
import { IncompleteStreamError, StreamParseError, type ResponseStreamEvent } from '../../src/index';

const ev = (sequence_number: number, type = 'response.output_text.delta'): ResponseStreamEvent =>
  ({ type, sequence_number, response: sequence_number === 0 ? { id: 'resp_1', background: true } : undefined }) as unknown as ResponseStreamEvent;
const cut = new IncompleteStreamError({ responseId: 'resp_1', receivedEvents: 2 });

function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('resumeResponse (marbles)', () => {
  const asked: number[] = [];
  it('a cut resumes at once after the last sequence number; duplicates replayed by the server are dropped', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('a-b-#', { a: ev(0), b: ev(1) }, cut);
      const resumed = cold('-b-c-d|', { b: ev(1), c: ev(2), d: ev(3, 'response.completed') });
      const plan: ResumePlan = {
        first,
        resume: (_id, after) => (asked.push(after), resumed),
        cancel: () => cold('|'),
        resumable: true,
        enabled: true,
        maxRetries: 2,
        scheduler: asyncScheduler,
      };
      expectObservable(resumeResponse(plan)).toBe('a-b----c-d|', {
        a: ev(0),
        b: ev(1),
        c: ev(2),
        d: ev(3, 'response.completed'),
      });
      expectSubscriptions(first.subscriptions).toBe('^---!');
      expectSubscriptions(resumed.subscriptions).toBe('----^-----!');
    });
    expect(asked).toEqual([1]);
  });

  it('take() stops the source at once, during a resume too; a cut that is not resumable passes through', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('a-#', { a: ev(0) }, cut);
      const resumed = cold('--b-c|', { b: ev(1), c: ev(2) });
      const plan: ResumePlan = {
        first,
        resume: () => resumed,
        cancel: () => cold('|'),
        resumable: true,
        enabled: true,
        maxRetries: 2,
        scheduler: asyncScheduler,
      };
      expectObservable(resumeResponse(plan).pipe(take(2))).toBe('a---(b|)', { a: ev(0), b: ev(1) });
      expectSubscriptions(resumed.subscriptions).toBe('--^-!');

      const broken = new StreamParseError('bad', {});
      const failing = cold('a-#', { a: ev(0) }, broken);
      expectObservable(resumeResponse({ ...plan, first: failing })).toBe('a-#', { a: ev(0) }, broken);
    });
  });

  it('cancelOnUnsubscribe: cancels at the unsubscribe, not after the response settled, and never without the option', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const running = cold('a-b-c-d-e|', { a: ev(0), b: ev(1), c: ev(2), d: ev(3), e: ev(4, 'response.completed') });
      const cancel = cold('--x|');
      const plan: ResumePlan = {
        first: running,
        resume: () => running,
        cancel: () => cancel,
        resumable: true,
        enabled: true,
        maxRetries: 2,
        scheduler: asyncScheduler,
        cancelOnUnsubscribe: true,
      };
      expectObservable(resumeResponse(plan), '^--!').toBe('a-b', { a: ev(0), b: ev(1) });
      expectObservable(resumeResponse(plan)).toBe('a-b-c-d-e|', { a: ev(0), b: ev(1), c: ev(2), d: ev(3), e: ev(4, 'response.completed') });
      expectObservable(resumeResponse({ ...plan, cancelOnUnsubscribe: false }), '^-!').toBe('a-', { a: ev(0) });
      expectSubscriptions(cancel.subscriptions).toBe('---^--!');
    });
  });
});

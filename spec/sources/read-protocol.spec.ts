/**
 * The source every API shares (`readProtocol()`, behind `responseEvents()`, `chatCompletionChunks()` and
 * `assistantEvents()`) is chained to its subscriber: when the subscriber is done, the SSE events stop at once,
 * in the middle of a synchronous emission loop too, and nothing more is decoded.
 */
import { Observable, take, takeUntil } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { assistantEvents, chatCompletionChunks, responseEvents, type ServerSentEvent } from '../../src/index';

const sources: Array<[string, (sse$: Observable<ServerSentEvent>) => Observable<unknown>, ServerSentEvent]> = [
  ['responseEvents', (sse$) => responseEvents(sse$), { event: 'response.output_text.delta', data: '{"type":"response.output_text.delta","sequence_number":1,"item_id":"m","output_index":0,"content_index":0,"delta":"x"}' }],
  ['chatCompletionChunks', (sse$) => chatCompletionChunks(sse$), { data: '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}' }],
  ['assistantEvents', (sse$) => assistantEvents(sse$), { event: 'thread.message.delta', data: '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x"}}]}}' }],
];

describe.each(sources)('%s over a synchronous Observable of SSE events', (_name, read, sse) => {
  it('stops it at once when take(1) is done', () => {
    let emitted = 0;
    const sse$ = new Observable<ServerSentEvent>((subscriber) => {
      for (let i = 0; i < 1000 && !subscriber.closed; i++) {
        emitted++;
        subscriber.next(sse);
      }
      subscriber.complete();
    });
    const values: unknown[] = [];
    read(sse$).pipe(take(1)).subscribe((value) => values.push(value));
    expect(values).toHaveLength(1);
    expect(emitted).toBe(1);
  });

  it('unsubscribes from the SSE events when the subscriber is done (takeUntil), and only then', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const sse$ = cold<ServerSentEvent>('a-a-a-a-a', { a: sse });
      const stop = hot<void>('-----x');
      expectObservable(read(sse$).pipe(takeUntil(stop))).toBe('a-a-a|', { a: expect.anything() });
      expectSubscriptions(sse$.subscriptions).toBe('^----!');
    });
  });

  it('ends the SSE events with the stream (an error event)', () => {
    let failed: unknown;
    let emitted = 0;
    const sse$ = new Observable<ServerSentEvent>((subscriber) => {
      for (let i = 0; i < 10 && !subscriber.closed; i++) {
        emitted++;
        subscriber.next(i === 1 ? { event: 'error', data: '{"error":{"message":"boom"}}' } : sse);
      }
    });
    read(sse$).subscribe({ error: (e: unknown) => (failed = e) });
    expect(failed).toBeInstanceOf(Error);
    expect(emitted).toBe(2);
  });
});

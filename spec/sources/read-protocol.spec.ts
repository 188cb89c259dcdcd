/**
 * The source every API shares (`readProtocol()`, behind `responseEvents()`, `chatCompletionChunks()` and
 * `assistantEvents()`) is chained to its subscriber: when the subscriber is done, the SSE events stop at once,
 * in the middle of a synchronous emission loop too, and nothing more is decoded.
 */
import { config, firstValueFrom, Observable, take, takeUntil } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { assistantEvents, assistantEventsFromNdjson, chatCompletionChunks, chatCompletionChunksFromNdjson, fromOpenAIStream, IncompleteStreamError, responseEvents, responseEventsFromNdjson, type ServerSentEvent } from '../../src/index';

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

describe('a source factory’s own failure passes as it is (not as a stream cut before its first event)', () => {
  const typed: Array<[string, (factory: never) => Observable<unknown>]> = [
    ['assistantEvents', assistantEvents as never],
    ['chatCompletionChunks', chatCompletionChunks as never],
    ['responseEvents', responseEvents as never],
    ['chatCompletionChunksFromNdjson', chatCompletionChunksFromNdjson as never],
    ['responseEventsFromNdjson', responseEventsFromNdjson as never],
    ['assistantEventsFromNdjson', assistantEventsFromNdjson as never],
  ];
  const errorOf = (values$: Observable<unknown>) =>
    new Promise<unknown>((resolve) => values$.subscribe({ error: resolve, complete: () => resolve('completed') }));

  it.each(typed)('%s', async (_name, read) => {
    const mine = new RangeError('a mistake in the factory');
    expect(
      await errorOf(
        read((() => {
          throw mine;
        }) as never),
      ),
    ).toBe(mine);
    expect(await errorOf(read((async () => Promise.reject(mine)) as never))).toBe(mine);
    // (By name: errors of Node's own code come from another realm than the test's.)
    const wrong = await errorOf(read((() => ({})) as never));
    expect((wrong as Error).name).toBe('TypeError');
    expect((wrong as Error).message).toMatch(/^expected a Response, a ReadableStream/);
    const refused = await errorOf(read(((signal: AbortSignal) => fetch('http://127.0.0.1:9/', { signal })) as never));
    expect((refused as Error).name).toBe('TypeError');
    expect((refused as Error).message).toBe('fetch failed');
    // Once the factory gave its bytes, a failure is a cut.
    const cut = await errorOf(
      read((() => ({
        async *[Symbol.asyncIterator]() {
          yield '';
          throw new Error('reset');
        },
      })) as never),
    );
    expect(cut).toBeInstanceOf(IncompleteStreamError);
  });
});

describe('an async iterable whose return() throws at once: stopping early ignores it (nobody is left to tell)', () => {
  const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }] };
  /** An endless iterable of `value`, whose `return()` throws instead of rejecting; counts its calls. */
  function refusingReturn(value: unknown) {
    const calls = { return: 0 };
    const iterable = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value }),
        return(): never {
          calls.return++;
          throw new Error('return() refused');
        },
      }),
    };
    return { calls, iterable };
  }

  it.each<[string, (iterable: never) => Observable<unknown>, unknown]>([
    ['chatCompletionChunks (bytes)', chatCompletionChunks as never, `data: ${JSON.stringify(chunk)}\n\n`],
    ['fromOpenAIStream (values)', fromOpenAIStream as never, chunk],
  ])('%s under take(1)', async (_name, read, value) => {
    const { calls, iterable } = refusingReturn(value);
    const unhandled: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = (error) => unhandled.push(error);
    try {
      const first = await firstValueFrom(read(iterable as never));
      expect(first).toMatchObject({ choices: [{ delta: { content: 'hi' } }] });
      // RxJS reports an error of a teardown on a timer of no delay: one set after it fires after it.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect({ returned: calls.return, unhandled }).toEqual({ returned: 1, unhandled: [] });
    } finally {
      config.onUnhandledError = previous;
    }
  });
});

import { lastValueFrom, type Observable, of, tap, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  type AssistantStreamEvent,
  type ChatCompletionChunk,
  chatCompletionChunks,
  IncompleteStreamError,
  responseEvents,
  ResponseStreamError,
  type ResponseStreamEvent,
  type StreamMetrics,
  streamMetrics,
} from '../../src/index';
import { fixtureBytes, streamOf } from '../helpers/bytes';
import * as v from './values';

/** A scheduler whose clock the operator reads, so times are exact frames. */
function run(test: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0], now: () => number) => void): void {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  scheduler.run((helpers) => test(helpers, () => scheduler.now()));
}

const summary = (fields: Partial<StreamMetrics>): StreamMetrics => ({
  kind: undefined,
  final: true,
  completed: true,
  timeToFirstToken: undefined,
  duration: 0,
  deltaCount: 0,
  deltasPerSecond: undefined,
  eventCount: 0,
  finishReason: undefined,
  usage: undefined,
  ...fields,
});

describe('streamMetrics', () => {
  it('Chat Completions: one final summary with exact times, and nothing of the source', () => {
    run(({ cold, expectObservable }, now) => {
      const chunks = cold('a-b-c-d-e|', { a: v.chatRole, b: v.chatHel, c: v.chatLo, d: v.chatStop, e: v.chatUsage });
      expectObservable(chunks.pipe(streamMetrics({ now }))).toBe('---------(s|)', {
        s: summary({
          kind: 'chat',
          timeToFirstToken: 2,
          duration: 9,
          deltaCount: 2,
          deltasPerSecond: 500,
          eventCount: 5,
          finishReason: 'stop',
          // The last chunk's usage, in the one shape of every API.
          usage: { input: 1, output: 2, total: 3 },
        }),
      });
    });
  });

  it("Chat Completions from Groq: the usage its last chunk carries in x_groq.usage, when it sent no usage of the API's shape", () => {
    const groq = (usage: object | undefined, xGroqUsage: object | undefined) =>
      ({ ...v.chatStop, ...(usage ? { usage } : {}), x_groq: { id: 'req_1', ...(xGroqUsage ? { usage: xGroqUsage } : {}) } }) as ChatCompletionChunk;
    const counts = (prompt: number, completion: number) => ({ queue_time: 0.09, prompt_tokens: prompt, prompt_time: 0.01, completion_tokens: completion, completion_time: 0.02, total_tokens: prompt + completion, total_time: 0.03 });
    run(({ cold, expectObservable }, now) => {
      const withoutUsage = cold('a-b-c|', { a: v.chatRole, b: v.chatHel, c: groq(undefined, counts(38, 4)) });
      expectObservable(withoutUsage.pipe(streamMetrics({ now }))).toBe('-----(s|)', {
        s: summary({ kind: 'chat', timeToFirstToken: 2, duration: 5, deltaCount: 1, deltasPerSecond: undefined, eventCount: 3, finishReason: 'stop', usage: { input: 38, output: 4, total: 42 } }),
      });
      // The API's shape first, when both came (with `include_usage`).
      const both = cold('a-b-c|', { a: v.chatRole, b: v.chatHel, c: groq({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }, counts(38, 4)) });
      expectObservable(both.pipe(streamMetrics({ now }))).toBe('-----(s|)', {
        s: summary({ kind: 'chat', timeToFirstToken: 2, duration: 5, deltaCount: 1, deltasPerSecond: undefined, eventCount: 3, finishReason: 'stop', usage: { input: 1, output: 2, total: 3 } }),
      });
    });
  });

  it('live: a summary after every delta, then the final one', () => {
    run(({ cold, expectObservable }, now) => {
      const chunks = cold('a-b---c-d|', { a: v.chatRole, b: v.chatHel, c: v.chatLo, d: v.chatStop });
      expectObservable(chunks.pipe(streamMetrics({ now, live: true }))).toBe('--x---y--(z|)', {
        x: summary({ kind: 'chat', final: false, completed: false, timeToFirstToken: 2, duration: 2, deltaCount: 1, eventCount: 2 }),
        y: summary({
          kind: 'chat',
          final: false,
          completed: false,
          timeToFirstToken: 2,
          duration: 6,
          deltaCount: 2,
          deltasPerSecond: 250,
          eventCount: 3,
        }),
        z: summary({
          kind: 'chat',
          timeToFirstToken: 2,
          duration: 9,
          deltaCount: 2,
          deltasPerSecond: 250,
          eventCount: 4,
          finishReason: 'stop',
        }),
      });
    });
  });

  it('a failed stream: the final summary says completed: false and carries the error, which is then rethrown', () => {
    run(({ cold, expectObservable }, now) => {
      const cut = new IncompleteStreamError({ completionId: 'chatcmpl-1', receivedEvents: 2 });
      const chunks = cold('a-b-#', { a: v.chatRole, b: v.chatHel }, cut);
      expectObservable(chunks.pipe(streamMetrics({ now }))).toBe(
        '----(s#)',
        { s: summary({ kind: 'chat', completed: false, error: cut, timeToFirstToken: 2, duration: 4, deltaCount: 1, eventCount: 2 }) },
        cut,
      );
    });
  });

  it('Assistants: message and run step deltas count, the finish reason is the last run status', () => {
    run(({ cold, expectObservable }, now) => {
      const events = cold('a-b-c-d-e-f|', {
        a: v.runCreated,
        b: v.hel,
        c: v.stepCreated,
        d: v.callStart,
        e: v.callArgs,
        f: v.runRequiresAction,
      }) as Observable<AssistantStreamEvent>;
      expectObservable(events.pipe(streamMetrics({ now }))).toBe('-----------(s|)', {
        s: summary({
          kind: 'assistants',
          timeToFirstToken: 2,
          duration: 11,
          deltaCount: 3,
          // Deltas at frames 2, 6 and 8: two more deltas in 6 ms.
          deltasPerSecond: 2000 / 6,
          eventCount: 6,
          finishReason: 'requires_action',
        }),
      });
    });
  });

  it('Responses: every *.delta event counts, the finish reason is the last response status', () => {
    run(({ cold, expectObservable }, now) => {
      const events = cold('a-b-c-d-e-f|', {
        a: v.responseCreated,
        b: v.messageAdded,
        c: v.partAdded,
        d: v.textDeltaEvent('Hi'),
        e: v.textDeltaEvent('!'),
        f: v.responseCompleted,
      }) as Observable<ResponseStreamEvent>;
      expectObservable(events.pipe(streamMetrics({ now }))).toBe('-----------(s|)', {
        s: summary({
          kind: 'responses',
          timeToFirstToken: 6,
          duration: 11,
          deltaCount: 2,
          deltasPerSecond: 500,
          eventCount: 6,
          finishReason: 'completed',
        }),
      });
    });
  });

  it('usage: a completed response’s and a completed run’s, in the one shape; none while they run', async () => {
    const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15, output_tokens_details: { reasoning_tokens: 0 } };
    const completed = { ...v.responseCompleted, response: { ...(v.responseCompleted as { response: object }).response, usage } } as ResponseStreamEvent;
    const [responses] = await lastValueFrom(of(v.responseCreated, v.textDeltaEvent('Hi'), completed).pipe(streamMetrics({ now: () => 0 }), toArray()));
    expect(responses!.usage).toEqual({ input: 10, output: 5, total: 15 });
    const runDone = { ...v.runCompleted, data: { ...v.runCompleted.data, usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } } } as AssistantStreamEvent;
    const [assistants] = await lastValueFrom(of(v.runCreated, v.hel, runDone).pipe(streamMetrics({ now: () => 0 }), toArray()));
    expect(assistants!.usage).toEqual({ input: 7, output: 3, total: 10 });
    const [running] = await lastValueFrom(of(v.runCreated, v.hel).pipe(streamMetrics({ now: () => 0 }), toArray()));
    expect(running!.usage).toBeUndefined();
  });

  it('a failed response: the final summary has its status and usage, from the error that replaced response.failed', async () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 3,
      response: { id: 'resp_1', object: 'response', status: 'failed', output: [], error: { code: 'server_error', message: 'boom' }, usage: { input_tokens: 4, output_tokens: 1, total_tokens: 5 } },
    };
    const bytes = new TextEncoder().encode(
      [v.responseCreated, v.textDeltaEvent('Hi'), failed].map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''),
    );
    const summaries: StreamMetrics[] = [];
    const error = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(streamMetrics({ now: () => 0 }), tap((m) => summaries.push(m)))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ completed: false, finishReason: 'failed', usage: { input: 4, output: 1, total: 5 }, eventCount: 2 });
  });

  it('an empty stream: no first token, no rate', () => {
    run(({ cold, expectObservable }, now) => {
      expectObservable(cold<ChatCompletionChunk>('--|').pipe(streamMetrics({ now }))).toBe('--(s|)', {
        s: summary({ duration: 2 }),
      });
    });
  });

  it('with the default clock, on a recorded stream', async () => {
    const chunks$ = chatCompletionChunks(streamOf([fixtureBytes('chat-completions', 'plain-text.sse')]));
    const [metrics] = await lastValueFrom(chunks$.pipe(streamMetrics(), toArray()));
    expect(metrics).toEqual(
      expect.objectContaining({ kind: 'chat', final: true, completed: true, finishReason: 'stop', eventCount: expect.any(Number) }),
    );
    expect(metrics!.deltaCount).toBeGreaterThan(1);
    expect(metrics!.timeToFirstToken).toBeGreaterThanOrEqual(0);
    expect(metrics!.duration).toBeGreaterThanOrEqual(metrics!.timeToFirstToken!);
  });

  it('counts a chunk once, whatever number of choices carry content', async () => {
    const [metrics] = await lastValueFrom(of(v.chatTwoChoices).pipe(streamMetrics({ now: () => 0 }), toArray()));
    expect(metrics!.deltaCount).toBe(1);
  });
});

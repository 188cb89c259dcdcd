import { filter, map, type Observable, takeUntil } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { z } from 'zod';
import { ToolLoopIncompleteError, ToolLoopToolError, type ChatCompletionChunk } from '../../src/index';
import { runChatTools, zodTool, type ChatToolLoopEvent, type ChatToolsClient } from '../../src/structured';

// The loop's ordering in virtual time, with a client whose turns are cold marbles (one per step, chosen by the
// number of messages sent).
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  ({
    id: 'chatcmpl_1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) as unknown as ChatCompletionChunk;
const call = (index: number, id: string, args: string) =>
  chunk({ role: 'assistant', tool_calls: [{ index, id, type: 'function', function: { name: 'add', arguments: args } }] });
const chunks = {
  a: call(0, 'call_1', '{"a":1,"b":2}'),
  b: call(1, 'call_2', '{"a":3,"b":4}'),
  c: call(0, 'call_3', '{"a":3,"b":5}'),
  f: chunk({}, 'tool_calls'),
  t: chunk({ role: 'assistant', content: 'done' }),
  s: chunk({}, 'stop'),
};
const describeEvent = (e: ChatToolLoopEvent): string => {
  switch (e.type) {
    case 'event':
      return `event@${e.step}${e.callId ? `:${e.callId}` : ''}`;
    case 'tool_call.started':
      return `started@${e.step}:${e.call.callId}`;
    case 'tool_call.finished':
      return `finished@${e.step}:${e.outcome.call.callId}=${e.outcome.output}`;
    case 'loop.finished':
      return `loop.finished:${e.steps}:${e.reason}`;
    default:
      return `${e.type}@${e.step}`;
  }
};

describe('runChatTools ordering (marbles)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] };
  const client = (turns: Record<number, Observable<ChatCompletionChunk>>): ChatToolsClient => ({
    chat: { completions: { stream: (request) => turns[request.messages.length]! } },
  });

  /** Subscribes in virtual time, noting each event as `<frame> <description>`. */
  function record(loop$: Observable<ChatToolLoopEvent>, log: string[]): void {
    loop$.subscribe({
      next: (e) => log.push(`${scheduler.now()} ${describeEvent(e)}`),
      complete: () => log.push(`${scheduler.now()} complete`),
      error: (e: unknown) => log.push(`${scheduler.now()} error ${String(e)}`),
    });
  }

  function setUp(helpers: { cold: TestScheduler['createColdObservable'] }) {
    const { cold } = helpers;
    // step 0: two calls; step 1 (1 + assistant + 2 tool messages = 4 messages): one call; step 2 (6 messages): text.
    const turn0 = cold('-a-b-f|', chunks);
    const turn1 = cold('-c-f|', chunks);
    const turn2 = cold('-t-s|', chunks);
    const fast = cold('-x|', { x: 'fast' });
    const slow = cold('---x|', { x: 'slow' });
    const add = zodTool({
      name: 'add',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a }) => (a === 3 ? fast : slow),
    });
    const loop$ = runChatTools(client({ 1: turn0, 4: turn1, 6: turn2 }), params, { tools: [add] });
    return { turn0, turn1, turn2, fast, slow, loop$ };
  }

  it('streams a turn, runs its calls in parallel once it ends, and starts the next turn when every call finished', () => {
    scheduler.run(({ cold, expectSubscriptions }) => {
      const { turn0, turn1, turn2, fast, slow, loop$ } = setUp({ cold });
      const log: string[] = [];
      record(loop$, log);
      scheduler.flush();
      expect(log).toEqual([
        '0 turn.started@0',
        '1 event@0:call_1',
        '3 event@0:call_2',
        '5 event@0',
        '6 started@0:call_1',
        '6 started@0:call_2',
        '8 finished@0:call_2=fast',
        '10 finished@0:call_1=slow',
        '10 turn.finished@0',
        '10 turn.started@1',
        '11 event@1:call_3',
        '13 event@1',
        '14 started@1:call_3',
        '16 finished@1:call_3=fast',
        '16 turn.finished@1',
        '16 turn.started@2',
        '17 event@2',
        '19 event@2',
        '20 turn.finished@2',
        '20 loop.finished:3:no_calls',
        '20 complete',
      ]);
      expectSubscriptions(turn0.subscriptions).toBe('^-----!');
      expectSubscriptions(turn1.subscriptions).toBe('----------^---!');
      expectSubscriptions(turn2.subscriptions).toBe('----------------^---!');
      expectSubscriptions(slow.subscriptions).toBe('------^---!');
      expectSubscriptions(fast.subscriptions).toBe(['------^-!', '--------------^-!']);
    });
  });

  it('takeUntil mid-tool unsubscribes the running tool at once and never starts the next turn', () => {
    scheduler.run(({ cold, hot, expectSubscriptions }) => {
      const { turn0, turn1, fast, slow, loop$ } = setUp({ cold });
      const log: string[] = [];
      record(loop$.pipe(takeUntil(hot('---------z'))), log);
      scheduler.flush();
      expect(log).toEqual([
        '0 turn.started@0',
        '1 event@0:call_1',
        '3 event@0:call_2',
        '5 event@0',
        '6 started@0:call_1',
        '6 started@0:call_2',
        '8 finished@0:call_2=fast',
        '9 complete',
      ]);
      expectSubscriptions(turn0.subscriptions).toBe('^-----!');
      expectSubscriptions(slow.subscriptions).toBe('------^--!');
      expectSubscriptions(fast.subscriptions).toBe('------^-!');
      expectSubscriptions(turn1.subscriptions).toBe([]);
    });
  });
});

describe('runChatTools events: the call of each chunk', () => {
  it('a chunk that starts two calls notes both ids: the later fragments of the second call name it', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold }) => {
      const fragment = (index: number, id: string | undefined, args: string) => ({ index, ...(id ? { id, type: 'function' } : {}), function: { ...(id ? { name: 'add' } : {}), arguments: args } });
      const both = chunk({ role: 'assistant', tool_calls: [fragment(0, 'call_1', '{"a":1,'), fragment(1, 'call_2', '{"a":3,')] });
      const rest = chunk({ tool_calls: [fragment(1, undefined, '"b":4}')] });
      const end = chunk({ tool_calls: [fragment(0, undefined, '"b":2}')] });
      const turn0 = cold('-x-y-z-f|', { x: both, y: rest, z: end, f: chunks.f });
      const turn1 = cold('-t-s|', chunks);
      const add = zodTool({ name: 'add', parameters: z.object({ a: z.number(), b: z.number() }), execute: ({ a, b }) => a + b });
      const client: ChatToolsClient = { chat: { completions: { stream: (request) => (request.messages.length === 1 ? turn0 : turn1) } } };
      const log: string[] = [];
      runChatTools(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] }, { tools: [add] })
        .pipe(filter((e) => e.type === 'event' && e.step === 0))
        .subscribe((e) => log.push(describeEvent(e)));
      scheduler.flush();
      expect(log).toEqual(['event@0:call_1', 'event@0:call_2', 'event@0:call_1', 'event@0']);
    });
  });
});

describe('runChatTools concurrency (marbles)', () => {
  it('concurrency: 1 runs a turn\'s calls one after another, in call order', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectSubscriptions }) => {
      const turn0 = cold('-a-b-f|', chunks);
      const turn1 = cold('-t-s|', chunks);
      const first = cold('---x|', { x: 'first' });
      const second = cold('-x|', { x: 'second' });
      const add = zodTool({
        name: 'add',
        parameters: z.object({ a: z.number(), b: z.number() }),
        execute: ({ a }) => (a === 1 ? first : second),
      });
      const turns: Record<number, Observable<ChatCompletionChunk>> = { 1: turn0, 4: turn1 };
      const client: ChatToolsClient = { chat: { completions: { stream: (request) => turns[request.messages.length]! } } };
      const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] };
      let messages: unknown[] = [];
      runChatTools(client, params, { tools: [add], concurrency: 1 }).subscribe((e) => {
        if (e.type === 'loop.finished') messages = [...e.history];
      });
      scheduler.flush();
      expectSubscriptions(first.subscriptions).toBe('------^---!');
      expectSubscriptions(second.subscriptions).toBe('----------^-!');
      expectSubscriptions(turn1.subscriptions).toBe('------------^---!');
      expect(messages.slice(2, 4)).toEqual([
        { role: 'tool', tool_call_id: 'call_1', content: 'first' },
        { role: 'tool', tool_call_id: 'call_2', content: 'second' },
      ]);
    });
  });
});

describe('runChatTools failures (marbles)', () => {
  it("onToolError: 'fail': a tool that throws unsubscribes its running siblings at once and fails the loop", () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const turn0 = cold('-a-b-f|', chunks);
      const slow = cold('---x|', { x: 'slow' });
      const add = zodTool({
        name: 'add',
        parameters: z.object({ a: z.number(), b: z.number() }),
        execute: ({ a }) => {
          if (a === 3) throw new Error('no threes');
          return slow;
        },
      });
      const client: ChatToolsClient = { chat: { completions: { stream: () => turn0 } } };
      const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] };
      const loop$ = runChatTools(client, params, { tools: [add], onToolError: 'fail' });
      expectObservable(loop$.pipe(map((e) => e.type))).toBe(
        'ab-b-b(cc#)',
        { a: 'turn.started', b: 'event', c: 'tool_call.started' },
        new ToolLoopToolError('add', 'call_2', 0, new Error('no threes')),
      );
      expectSubscriptions(slow.subscriptions).toBe('------(^!)');
    });
  });

  it('a turn that finished with content_filter fails the loop when it ends: its call never runs, no next request', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const turn0 = cold('-a-x|', { a: call(0, 'call_1', '{"a":1,'), x: chunk({}, 'content_filter') });
      const execute = jest.fn(() => 3);
      const add = zodTool({ name: 'add', parameters: z.object({ a: z.number(), b: z.number() }), execute });
      const stream = jest.fn(() => turn0);
      const client: ChatToolsClient = { chat: { completions: { stream } } };
      const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] };
      const loop$ = runChatTools(client, params, { tools: [add] });
      expectObservable(loop$.pipe(map((e) => e.type))).toBe(
        'ab-b#',
        { a: 'turn.started', b: 'event' },
        new ToolLoopIncompleteError({ step: 0, finishReason: 'content_filter', text: '{"a":1,', final: expect.anything(), calls: 1 }),
      );
      expectSubscriptions(turn0.subscriptions).toBe('^---!');
      scheduler.flush();
      expect(execute).not.toHaveBeenCalled();
      expect(stream).toHaveBeenCalledTimes(1);
    });
  });

  it('a plain value result is sent at once, JSON-stringified when not a string', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const turn0 = cold('-a-f|', chunks);
      const turn1 = cold('-t-s|', chunks);
      const add = zodTool({ name: 'add', parameters: z.object({ a: z.number(), b: z.number() }), execute: ({ a, b }) => ({ sum: a + b }) });
      const client: ChatToolsClient = {
        chat: { completions: { stream: (request) => (request.messages.length === 1 ? turn0 : turn1) } },
      };
      const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'add' }] };
      const outputs$ = runChatTools(client, params, { tools: [add] }).pipe(
        filter((e) => e.type === 'tool_call.finished'),
        map((e) => (e.type === 'tool_call.finished' ? e.outcome.output : '')),
      );
      expectObservable(outputs$).toBe('----x---|', { x: '{"sum":3}' });
    });
  });
});

/**
 * RxJS's contract for every exported operator: it chains to its subscriber, so when downstream is done (`take`,
 * `first`, `takeUntil`, an unsubscribe, an error) the source is unsubscribed at once, synchronously too: a
 * synchronous source (`from(array)`, a replay) stops pulling in the middle of its loop, and its teardown runs.
 */
import {
  concat,
  config,
  first,
  from,
  of,
  throwError,
  Observable,
  type OperatorFunction,
  ReplaySubject,
  shareReplay,
  Subject,
  take,
  takeUntil,
  tap,
  finalize,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { z } from 'zod';
import {
  accumulateChatCompletion,
  accumulateResponse,
  accumulateSnapshots,
  AssistantEventHandler,
  chatCompletionEvents,
  type AssistantStreamEvent,
  type AssistantStreamHandler,
  codeInterpreterDeltas,
  finalChatCompletion,
  finalMessages,
  finalResponse,
  finalRun,
  finalRunSteps,
  handleEvents,
  messageDeltas,
  ofEventType,
  runStepDeltas,
  SnapshotError,
  StreamParseError,
  streamMetrics,
  textDeltas,
  toEventStreamFrames,
  toolCallDeltas,
  untilDone,
} from '../../src/index';
import { finalParsed, parsedToolCalls, partialParsed, runChatTools, runResponsesTools, structuredOutput, type ToolLoopEvent, toolLoopResult } from '../../src/structured';
import { ev, message, step, textBlock, textDelta, toolDelta } from '../helpers/events';
import * as v from './values';

const MANY = 1000;
const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

// ---- Long, realistic streams of each kind ----

/** A run streaming a message of MANY text deltas, then its end. */
const textRun: readonly AssistantStreamEvent[] = [
  v.runCreated,
  v.runInProgress,
  v.messageCreated,
  ...repeat(MANY, (i) => textDelta('msg_1', [0, `tok${i} `])),
  ev('thread.message.completed', message('msg_1', 'completed', [textBlock('…')])),
  ev('thread.run.step.completed', step('step_0', 'completed', { type: 'message_creation', message_creation: { message_id: 'msg_1' } })),
  v.runCompleted,
];

/** A run streaming a function call's arguments in MANY fragments. */
const toolRun: readonly AssistantStreamEvent[] = [
  v.runCreated,
  v.stepCreated,
  v.callStart,
  ...repeat(MANY, () => toolDelta('step_1', { index: 0, args: '{"a":1}' })),
  v.runRequiresAction,
];

const codeDelta = (input: string) =>
  ev('thread.run.step.delta', {
    id: 'step_1',
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: [{ index: 0, type: 'code_interpreter', id: 'ci_1', code_interpreter: { input } }],
      },
    },
  } as never);

/** A run writing code for the code interpreter in MANY fragments. */
const codeRun: readonly AssistantStreamEvent[] = [v.runCreated, v.stepCreated, ...repeat(MANY, (i) => codeDelta(`x${i};`)), v.runCompleted];

/** A chat completion of MANY content chunks. */
const chatText = [v.chatRole, ...repeat(MANY, () => v.chatHel), v.chatStop, v.chatUsage];

/** A chat completion calling a tool with arguments in MANY fragments. */
const chatTool = [v.chatCallStart, ...repeat(MANY, () => v.chatCallArgs), v.chunk([{ delta: {}, finish_reason: 'tool_calls' }])];

/** A response streaming MANY text deltas. */
const responseText = [v.responseCreated, v.messageAdded, v.partAdded, ...repeat(MANY, () => v.textDeltaEvent('tok ')), v.responseCompleted];

/** A chat completion writing a JSON object (structured output) in MANY fragments, each adding a string to it. */
const chatJson = [
  v.chatRole,
  v.chunk([{ delta: { content: '{"a":[' } }]),
  ...repeat(MANY, (i) => v.chunk([{ delta: { content: i === 0 ? '"x"' : ',"x"' } }])),
  v.chunk([{ delta: { content: ']}' } }]),
  v.chatStop,
];
const JsonSchema = z.object({ a: z.array(z.string()) });

/** A chat completion calling a tool with a JSON string argument in MANY fragments. */
const toolArgs = (args: string) => v.chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: args } }] } }]);
const chatToolJson = [v.chatCallStart, toolArgs('{"a":"'), ...repeat(MANY, () => toolArgs('x')), toolArgs('"}'), v.chunk([{ delta: {}, finish_reason: 'tool_calls' }])];

/** A tool loop's events: MANY stream events of one turn, then its end. */
const toolLoop: readonly ToolLoopEvent<number, string, string, string>[] = [
  { type: 'turn.started', step: 0, request: 'request' },
  ...repeat(MANY, (i) => ({ type: 'event' as const, step: 0, callId: undefined, event: i })),
  { type: 'loop.finished', final: 'final', history: ['request', 'final'], steps: 1, reason: 'no_calls', usage: undefined },
];

/** A response streaming a function call's arguments in MANY fragments. */
const responseTool = [v.responseCreated, v.messageAdded, v.functionAdded, ...repeat(MANY, () => v.argsDelta('{"a":1}')), v.responseCompleted];

// ---- Every exported operator ----

interface Case {
  readonly name: string;
  readonly operator: () => OperatorFunction<never, unknown>;
  readonly events: readonly unknown[];
  /**
   * For operators that emit while the stream runs: the number of leading events that emit nothing; from there on
   * each event emits one value, so `take(n)` needs exactly `quiet + n` events. Absent for operators that emit
   * only when the stream ends.
   */
  readonly quiet?: number;
}

const counting = (counts: { events: number }): AssistantStreamHandler => ({ onEvent: () => counts.events++ });
class CountingHandler extends AssistantEventHandler {
  events = 0;
  override onEvent(): void {
    this.events++;
  }
}

const op = <T, R>(operator: () => OperatorFunction<T, R>) => operator as unknown as () => OperatorFunction<never, unknown>;

const cases: readonly Case[] = [
  { name: 'textDeltas (Assistants)', operator: op(() => textDeltas()), events: textRun, quiet: 3 },
  { name: 'textDeltas (Chat Completions)', operator: op(() => textDeltas()), events: chatText, quiet: 1 },
  { name: 'textDeltas (Responses)', operator: op(() => textDeltas()), events: responseText, quiet: 3 },
  { name: 'toolCallDeltas (Assistants)', operator: op(() => toolCallDeltas()), events: toolRun, quiet: 2 },
  { name: 'toolCallDeltas (Chat Completions)', operator: op(() => toolCallDeltas()), events: chatTool, quiet: 0 },
  { name: 'toolCallDeltas (Responses)', operator: op(() => toolCallDeltas()), events: responseTool, quiet: 3 },
  { name: 'streamMetrics({ live: true })', operator: op(() => streamMetrics({ live: true, now: () => 0 })), events: chatText, quiet: 1 },
  { name: 'streamMetrics()', operator: op(() => streamMetrics({ now: () => 0 })), events: responseText },
  { name: 'accumulateSnapshots', operator: op(accumulateSnapshots), events: textRun, quiet: 0 },
  {
    name: 'ofEventType',
    operator: op(() => ofEventType('thread.message.delta')),
    events: textRun,
    quiet: 3,
  },
  { name: 'messageDeltas', operator: op(messageDeltas), events: textRun, quiet: 3 },
  { name: 'runStepDeltas', operator: op(runStepDeltas), events: toolRun, quiet: 2 },
  { name: 'codeInterpreterDeltas', operator: op(codeInterpreterDeltas), events: codeRun, quiet: 2 },
  { name: 'finalRun', operator: op(finalRun), events: textRun },
  { name: 'finalMessages', operator: op(finalMessages), events: textRun },
  { name: 'finalRunSteps', operator: op(finalRunSteps), events: textRun },
  { name: 'untilDone', operator: op(untilDone), events: textRun },
  { name: 'handleEvents', operator: op(() => handleEvents(counting({ events: 0 }))), events: textRun, quiet: 0 },
  { name: 'handleEvents(new AssistantEventHandler())', operator: op(() => handleEvents(new CountingHandler())), events: toolRun, quiet: 0 },
  { name: 'accumulateChatCompletion', operator: op(accumulateChatCompletion), events: chatText, quiet: 0 },
  { name: 'finalChatCompletion', operator: op(finalChatCompletion), events: chatText },
  // Built on the same reducing machinery (its own file belongs to the Chat Completions events).
  { name: 'chatCompletionEvents', operator: op(() => chatCompletionEvents()), events: chatText },
  { name: 'accumulateResponse', operator: op(accumulateResponse), events: responseText, quiet: 0 },
  { name: 'finalResponse', operator: op(finalResponse), events: responseText },
  // rx-openai-stream/structured
  { name: 'partialParsed', operator: op(() => partialParsed(JsonSchema)), events: chatJson, quiet: 1 },
  { name: 'structuredOutput', operator: op(() => structuredOutput(JsonSchema)), events: chatJson, quiet: 1 },
  { name: 'finalParsed', operator: op(() => finalParsed(JsonSchema)), events: chatJson },
  { name: 'parsedToolCalls', operator: op(() => parsedToolCalls({ f: z.object({ a: z.string() }) })), events: chatToolJson },
  { name: 'toolLoopResult', operator: op(() => toolLoopResult()), events: toolLoop },
];

const streaming = cases.filter((c): c is Case & { quiet: number } => c.quiet !== undefined);

/** Streams whose second value the operator's reducer refuses (a delta for something never created, an index too big). */
const refusing = [
  ['accumulateSnapshots', op(accumulateSnapshots), [v.runCreated, ...repeat(MANY, () => textDelta('msg_unknown', [0, 'x']))]],
  ['messageDeltas', op(messageDeltas), [v.runCreated, ...repeat(MANY, () => textDelta('msg_unknown', [0, 'x']))]],
  ['handleEvents', op(() => handleEvents({})), [v.runCreated, ...repeat(MANY, () => textDelta('msg_unknown', [0, 'x']))]],
  ['toolCallDeltas', op(() => toolCallDeltas()), [v.runCreated, ...repeat(MANY, () => toolDelta('step_unknown', { index: 0, args: 'x' }))]],
  ['accumulateResponse', op(accumulateResponse), [v.responseCreated, ...repeat(MANY, () => v.textDeltaEvent('x'))]],
  ['finalResponse', op(finalResponse), [v.responseCreated, ...repeat(MANY, () => v.textDeltaEvent('x'))]],
  ['accumulateChatCompletion', op(accumulateChatCompletion), [v.chatRole, ...repeat(MANY, () => v.chunk([{ index: 1_000_000, delta: { content: 'x' } }]))]],
  ['finalChatCompletion', op(finalChatCompletion), [v.chatRole, ...repeat(MANY, () => v.chunk([{ index: 1_000_000, delta: { content: 'x' } }]))]],
] as const;

// ---- Synchronous sources that count what was pulled and whether they were torn down ----

interface Probe {
  pulled: number;
  tornDown: number;
}

/** `from(events)`, counting the values it delivered and its teardown. */
function fromArray(events: readonly unknown[], probe: Probe): Observable<never> {
  return from(events).pipe(
    tap(() => probe.pulled++),
    finalize(() => probe.tornDown++),
  ) as Observable<never>;
}

/** A hand-written synchronous source: emits in a loop as long as its subscriber is open. */
function loop(events: readonly unknown[], probe: Probe): Observable<never> {
  return new Observable<never>((subscriber) => {
    for (let i = 0; i < events.length && !subscriber.closed; i++) {
      probe.pulled++;
      subscriber.next(events[i] as never);
    }
    subscriber.complete();
    return () => probe.tornDown++;
  });
}

/** A replay of a stream that already ended (as `shareReplay` gives a late subscriber). */
function replay(events: readonly unknown[], probe: Probe): Observable<never> {
  const subject = new ReplaySubject<unknown>();
  for (const event of events) subject.next(event);
  subject.complete();
  return subject.pipe(
    tap(() => probe.pulled++),
    finalize(() => probe.tornDown++),
  ) as Observable<never>;
}

const sources = { 'from(array)': fromArray, 'a synchronous loop': loop, 'a ReplaySubject replay': replay };

describe.each(Object.entries(sources))('every operator stops %s as soon as downstream is done', (_label, makeSource) => {
  it.each(streaming.map((c) => [c.name, c] as const))('%s: take(2) pulls exactly the events it needs', (_name, c) => {
    const probe: Probe = { pulled: 0, tornDown: 0 };
    const values: unknown[] = [];
    let completed = false;
    makeSource(c.events, probe)
      .pipe(c.operator(), take(2))
      .subscribe({ next: (value) => values.push(value), complete: () => (completed = true) });
    expect(values).toHaveLength(2);
    expect(completed).toBe(true);
    expect(probe.pulled).toBe(c.quiet + 2);
    expect(probe.tornDown).toBe(1);
  });

  it.each(streaming.map((c) => [c.name, c] as const))('%s: first() pulls exactly the events it needs', (_name, c) => {
    const probe: Probe = { pulled: 0, tornDown: 0 };
    let value: unknown;
    makeSource(c.events, probe)
      .pipe(c.operator(), first())
      .subscribe((v) => (value = v));
    expect(value).toBeDefined();
    expect(probe.pulled).toBe(c.quiet + 1);
    expect(probe.tornDown).toBe(1);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: takeUntil stops the source in the middle of its loop', (_name, c) => {
    const probe: Probe = { pulled: 0, tornDown: 0 };
    const stop = new Subject<void>();
    const stopAt = 10;
    let completed = false;
    makeSource(c.events, probe)
      .pipe(
        tap(() => {
          if (probe.pulled === stopAt) stop.next();
        }),
        c.operator(),
        takeUntil(stop),
      )
      .subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
    expect(probe.pulled).toBe(stopAt);
    expect(probe.tornDown).toBe(1);
  });
});

describe('what the operators do upstream stops with the subscription', () => {
  it('handleEvents calls onEvent once per event pulled, then onEnd once, under take(2)', () => {
    const log: string[] = [];
    const probe: Probe = { pulled: 0, tornDown: 0 };
    fromArray(textRun, probe)
      .pipe(
        handleEvents({
          onEvent: (e) => log.push(`event ${e.event}`),
          onTextDelta: (d) => log.push(`text ${d.value}`),
          onEnd: () => log.push('end'),
        }),
        take(5),
      )
      .subscribe();
    expect(log).toEqual([
      'event thread.run.created',
      'event thread.run.in_progress',
      'event thread.message.created',
      'event thread.message.delta',
      'text tok0 ',
      'event thread.message.delta',
      'text tok1 ',
      'end',
    ]);
    expect(probe).toEqual({ pulled: 5, tornDown: 1 });
  });

  it('an AssistantEventHandler is called only for the events taken, from a shareReplay-like replay', () => {
    const handler = new CountingHandler();
    const probe: Probe = { pulled: 0, tornDown: 0 };
    replay(textRun, probe).pipe(handleEvents(handler), first()).subscribe();
    expect(handler.events).toBe(1);
    expect(probe).toEqual({ pulled: 1, tornDown: 1 });
  });

  it('a late subscriber of shareReplay gets only what take() asks for, through every streaming operator', () => {
    const shared = from(textRun).pipe(shareReplay());
    shared.subscribe(); // the whole run is now buffered
    const handler = new CountingHandler();
    const texts: string[] = [];
    let seen = 0;
    shared
      .pipe(
        tap(() => seen++),
        handleEvents(handler),
        textDeltas(),
        take(3),
      )
      .subscribe((text) => texts.push(text));
    expect(texts).toEqual(['tok0 ', 'tok1 ', 'tok2 ']);
    expect(handler.events).toBe(6);
    expect(seen).toBe(6);
  });

  it('a handler callback that throws stops the source at that event', () => {
    const probe: Probe = { pulled: 0, tornDown: 0 };
    let error: unknown;
    let events = 0;
    loop(textRun, probe)
      .pipe(
        handleEvents({
          onEvent: () => {
            if (++events === 3) throw new Error('handler failed');
          },
        }),
      )
      .subscribe({ error: (e: unknown) => (error = e) });
    expect((error as Error).message).toBe('handler failed');
    expect(probe).toEqual({ pulled: 3, tornDown: 1 });
  });

  it.each(refusing)('%s: a reducer error stops the source at the refused event', (_name, operator, events) => {
    const probe: Probe = { pulled: 0, tornDown: 0 };
    let error: unknown;
    loop(events, probe)
      .pipe(operator())
      .subscribe({ error: (e: unknown) => (error = e) });
    expect(error).toBeInstanceOf(SnapshotError);
    expect(probe).toEqual({ pulled: 2, tornDown: 1 });
  });
});

// ---- Marble tests: when the source is subscribed and unsubscribed ----

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const letters = 'abcdefgh';
/** The first 8 events of a case as marble values. */
const valuesOf = (c: Case) => Object.fromEntries([...letters].map((l, i) => [l, c.events[i]])) as Record<string, never>;
/** A subscription marble from frame 0 to `frame`. */
const until = (frame: number) => (frame === 0 ? '(^!)' : `^${'-'.repeat(frame - 1)}!`);

describe.each(cases.map((c) => [c.name, c] as const))('%s: source subscriptions (marbles)', (_name, c) => {
  it('subscribes once and unsubscribes when the source completes', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcdefgh|', valuesOf(c));
      expectObservable(source.pipe(c.operator()).pipe(takeUntil(new Subject())), '^--------------');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('unsubscribes when the source fails', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abc#', valuesOf(c), new Error('cut'));
      expectObservable(source.pipe(c.operator()).pipe(takeUntil(new Subject())), '^--------------');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('unsubscribes when the subscriber does', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcdefgh|', valuesOf(c));
      expectObservable(source.pipe(c.operator()), '^--!');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('unsubscribes when takeUntil fires', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold('abcdefgh|', valuesOf(c));
      const stop = hot('----x');
      expectObservable(source.pipe(c.operator(), takeUntil(stop)).pipe(takeUntil(new Subject())), '^--------------');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  if (c.quiet !== undefined) {
    const quiet = c.quiet;
    it(`unsubscribes when take(2) has its values (event ${quiet + 2})`, () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('abcdefgh|', valuesOf(c));
        expectObservable(source.pipe(c.operator(), take(2)).pipe(takeUntil(new Subject())), '^--------------');
        expectSubscriptions(source.subscriptions).toBe(until(quiet + 1));
      });
    });
  }
});

describe.each(refusing)('%s: an error of the operator itself (marbles)', (_name, operator, events) => {
  it('unsubscribes from the source at the refused event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|', { a: events[0], b: events[1], c: events[2] } as unknown as Record<string, never>);
      expectObservable(source.pipe(operator()).pipe(takeUntil(new Subject())), '^--------------');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});

describe('marbles of what each kind of end emits', () => {
  it('handleEvents: a callback that throws unsubscribes from the source at that event, after onException and onEnd', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const log: string[] = [];
      const source = cold('a-b-c|', { a: textRun[0]!, b: textRun[1]!, c: textRun[2]! });
      const handler: AssistantStreamHandler = {
        onEvent: (e) => {
          if (e.event === 'thread.run.in_progress') throw new Error('handler failed');
        },
        onException: (e) => log.push(`exception ${(e as Error).message}`),
        onEnd: () => log.push('end'),
      };
      expectObservable(source.pipe(handleEvents(handler))).toBe('a-#', { a: textRun[0] }, new Error('handler failed'));
      expectSubscriptions(source.subscriptions).toBe('^-!');
      flush();
      expect(log).toEqual(['exception handler failed', 'end']);
    });
  });

  it('handleEvents: the handler fires up to the unsubscription, then onEnd', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const log: string[] = [];
      const source = cold('abcdefgh|', valuesOf(cases.find((c) => c.name === 'handleEvents')!));
      expectObservable(
        source.pipe(handleEvents({ onEvent: (e) => log.push(e.event), onEnd: () => log.push('end') }), take(3)),
      ).toBe('ab(c|)', { a: textRun[0], b: textRun[1], c: textRun[2] });
      expectSubscriptions(source.subscriptions).toBe('^-!');
      flush();
      expect(log).toEqual(['thread.run.created', 'thread.run.in_progress', 'thread.message.created', 'end']);
    });
  });

  it('streamMetrics: a failing source gets its summary, then the error, and is unsubscribed at the failure', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab#', { a: v.chatRole, b: v.chatHel }, new Error('cut'));
      expectObservable(source.pipe(streamMetrics({ now: () => 0 }))).toBe(
        '--(s#)',
        { s: expect.objectContaining({ final: true, completed: false, deltaCount: 1 }) },
        new Error('cut'),
      );
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('finalRun: a stream without a final run fails at its end, after the source completed', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab|', { a: v.runCreated, b: v.messageCreated });
      expectObservable(source.pipe(finalRun())).toBe('--#', undefined, expect.anything());
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});

describe('a callback or a value that makes an operator throw fails its stream (never an unhandled error)', () => {
  /** How `values$` ended, and what RxJS reported as unhandled meanwhile (its `onUnhandledError` hook). */
  function ending(values$: Observable<unknown>): { values: number; end: unknown; unhandled: unknown[] } {
    const unhandled: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = (error) => unhandled.push(error);
    try {
      let values = 0;
      let end: unknown = 'none';
      values$.subscribe({ next: () => values++, error: (error: unknown) => (end = error), complete: () => (end = 'complete') });
      return { values, end, unhandled };
    } finally {
      config.onUnhandledError = previous;
    }
  }
  const thrown = new Error('thrown by a callback');
  const throwing = () => {
    throw thrown;
  };

  it('handleEvents: onEnd that throws at the completion fails the stream with its error', () => {
    expect(ending(from([v.runCreated, v.runCompleted]).pipe(handleEvents({ onEnd: throwing })))).toEqual({ values: 2, end: thrown, unhandled: [] });
  });

  it('handleEvents: onException that throws fails the stream with its error (as tap does)', () => {
    const failing = concat(of(v.runCreated), throwError(() => new Error('upstream')));
    expect(ending(failing.pipe(handleEvents({ onException: throwing })))).toEqual({ values: 1, end: thrown, unhandled: [] });
  });

  it('handleEvents: the first callback that throws gives the error, even one that throws the error it was given', () => {
    const upstream = new Error('upstream');
    const failing = concat(of(v.runCreated), throwError(() => upstream));
    const rethrowing = handleEvents({
      onException: (error) => {
        throw error;
      },
      onEnd: throwing,
    });
    expect(ending(failing.pipe(rethrowing))).toEqual({ values: 1, end: upstream, unhandled: [] });
  });

  it('streamMetrics: a `now` that throws at an event fails the stream', () => {
    let calls = 0;
    const now = () => (++calls === 3 ? throwing() : calls);
    expect(ending(from([v.chatRole, v.chatHel, v.chatLo, v.chatStop]).pipe(streamMetrics({ now })))).toEqual({ values: 0, end: thrown, unhandled: [] });
  });

  it('textDeltas: a value it cannot read fails the stream after the text before it, with a StreamParseError showing it', () => {
    const broken = { event: 'thread.message.delta', data: { id: 'msg_1' } } as unknown as AssistantStreamEvent;
    const { values, end, unhandled } = ending(from([v.messageCreated, v.hel, broken, v.lo]).pipe(textDeltas()));
    expect({ values, unhandled }).toEqual({ values: 1, unhandled: [] });
    expect(end).toBeInstanceOf(StreamParseError);
    expect(end).toMatchObject({ eventName: 'thread.message.delta', excerpt: JSON.stringify(broken) });
    expect((end as Error).message).toMatch(/^A value textDeltas\(\) cannot read \(TypeError: .+\) in event "thread\.message\.delta": \{/);
    expect((end as Error).cause).toBeInstanceOf(TypeError);
  });

  it('textDeltas: a chunk it cannot read is a StreamParseError too, naming it', () => {
    const chunk = { ...v.chatHel, choices: [null] };
    const { values, end } = ending(from([v.chatRole, v.chatHel, chunk, v.chatLo] as never[]).pipe(textDeltas()));
    expect(values).toBe(1);
    expect(end).toBeInstanceOf(StreamParseError);
    expect(end).toMatchObject({ eventName: 'chat.completion.chunk' });
  });

  it.each([
    ['nothing (written for some errors only)', () => undefined],
    ['no message', () => ({ code: 'x' })],
  ])('toEventStreamFrames: a describeError that returns %s gives the default description, and the frames complete', (_name, describe) => {
    for (const upstream of [v.chatHel, v.responseCreated, v.runCreated]) {
      const frames: string[] = [];
      const failing = concat(of(upstream), throwError(() => new RangeError('upstream')));
      const options = { heartbeatMs: false as const, describeError: describe as never };
      const { end, unhandled } = ending(failing.pipe(toEventStreamFrames(options), tap((frame) => frames.push(frame))));
      expect({ end, unhandled }).toEqual({ end: 'complete', unhandled: [] });
      expect(frames.at(-1)).toContain('The upstream stream failed (RangeError)');
    }
  });

  it('toEventStreamFrames: fields of describeError that are not strings (a BigInt code) are left out; its message is sent', () => {
    const frames: string[] = [];
    const failing = concat(of(v.chatHel), throwError(() => new RangeError('upstream')));
    const describeError = () => ({ code: 10n, message: 'Try again', type: 7, param: {} }) as never;
    const { end } = ending(failing.pipe(toEventStreamFrames({ heartbeatMs: false, describeError }), tap((frame) => frames.push(frame))));
    expect(end).toBe('complete');
    expect(JSON.parse(frames.at(-1)!.slice('data: '.length))).toEqual({ error: { message: 'Try again', type: 'server_error', param: null, code: null } });
  });

  it('toEventStreamFrames: a describeError that throws gives the default description, and the frames complete', () => {
    const frames: string[] = [];
    const failing = concat(of(v.chatHel), throwError(() => new RangeError('upstream')));
    const { end, unhandled } = ending(failing.pipe(toEventStreamFrames({ heartbeatMs: false, describeError: throwing }), tap((frame) => frames.push(frame))));
    expect({ end, unhandled }).toEqual({ end: 'complete', unhandled: [] });
    expect(frames.at(-1)).toContain('The upstream stream failed (RangeError)');
  });
});

describe('a value an accumulating operator (or toolCallDeltas, chatCompletionEvents) cannot read (built by hand) is a SnapshotError naming it, with an excerpt', () => {
  const cases: Array<[string, OperatorFunction<never, unknown>, readonly unknown[], string]> = [
    ['accumulateSnapshots', accumulateSnapshots() as never, [v.runCreated, v.messageCreated, { event: 'thread.message.delta' }], 'thread.message.delta'],
    ['accumulateChatCompletion', accumulateChatCompletion() as never, [v.chatRole, { ...v.chatHel, choices: [null] }], 'chat.completion.chunk'],
    ['finalChatCompletion', finalChatCompletion() as never, [v.chatRole, { ...v.chatHel, choices: [null] }], 'chat.completion.chunk'],
    ['accumulateResponse', accumulateResponse() as never, [v.responseCreated, { type: 'response.output_item.added', output_index: 0, sequence_number: 1 }], 'response.output_item.added'],
    ['finalResponse', finalResponse() as never, [v.responseCreated, { type: 'response.output_item.added', output_index: 0, sequence_number: 1 }], 'response.output_item.added'],
    ['toolCallDeltas (chunks)', toolCallDeltas() as never, [v.chatRole, { ...v.chatHel, choices: [null] }], 'chat.completion.chunk'],
    ['toolCallDeltas (run events)', toolCallDeltas() as never, [v.runCreated, v.messageCreated, { event: 'thread.message.delta' }], 'thread.message.delta'],
    ['chatCompletionEvents', chatCompletionEvents() as never, [v.chatRole, { ...v.chatHel, choices: [null] }], 'chat.completion.chunk'],
  ];
  it.each(cases)('%s', (_name, operator, values, eventName) => {
    let error: unknown;
    from(values as never[]).pipe(operator).subscribe({ error: (e: unknown) => (error = e) });
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error).toMatchObject({ eventName });
    expect((error as Error).message).toMatch(/^A value the snapshot cannot read \(TypeError: .+\): \{/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('the tool loops stop a synchronous turn stream as soon as downstream is done', () => {
  /** A client whose every stream emits `values` synchronously, counting what it produced and its teardowns. */
  function synchronous<T>(values: readonly T[]) {
    const seen = { produced: 0, unsubscribed: 0 };
    const stream = () =>
      new Observable<T>((subscriber) => {
        for (const value of values) {
          if (subscriber.closed) break;
          seen.produced++;
          subscriber.next(value);
        }
        subscriber.complete();
        return () => seen.unsubscribed++;
      });
    return { seen, stream };
  }
  const flood = <T>(first: T, middle: T, n: number) => [first, ...Array.from({ length: n }, () => middle)];

  it.each([2, 3])('runChatTools under take(%i)', (n) => {
    const { seen, stream } = synchronous(flood(v.chatRole, v.chatHel, 10_000));
    const client = { chat: { completions: { stream } } } as unknown as Parameters<typeof runChatTools>[0];
    runChatTools(client, { model: 'm', messages: [] }, { tools: [] }).pipe(take(n)).subscribe();
    // turn.started, then one event per chunk.
    expect(seen).toEqual({ produced: n - 1, unsubscribed: 1 });
  });

  it('runResponsesTools under takeUntil with a synchronous notifier', () => {
    const { seen, stream } = synchronous(flood(v.responseCreated, v.textDeltaEvent('x'), 10_000));
    const client = { responses: { stream } } as unknown as Parameters<typeof runResponsesTools>[0];
    const stop = new Subject<void>();
    runResponsesTools(client, { model: 'm', input: 'Hi' }, { tools: [] })
      .pipe(
        tap((event) => event.type === 'event' && event.event.type === 'response.output_text.delta' && stop.next()),
        takeUntil(stop),
      )
      .subscribe();
    expect(seen).toEqual({ produced: 2, unsubscribed: 1 });
  });
});

// Keep the helpers honest: the long streams are well-formed for their operators.
describe('the streams used above', () => {
  it('are accepted whole by their operators', () => {
    for (const c of cases) {
      let error: unknown;
      let count = 0;
      from(c.events as never[])
        .pipe(c.operator())
        .subscribe({ next: () => count++, error: (e: unknown) => (error = e) });
      expect([c.name, error]).toEqual([c.name, undefined]);
      expect([c.name, count > 0]).toEqual([c.name, true]);
    }
  });
});

import fc from 'fast-check';
import { asyncScheduler, lastValueFrom, range, type SchedulerLike, Subject, take, tap, toArray } from 'rxjs';
import { assistantStreamReducer, initialAssistantStreamState, StreamTimeoutError } from '../../src/index';
import type { AssistantStreamEvent, Message, MessageDeltaEvent, RunStep } from '../../src/index';
import { eventTimeouts } from '../../src/client/event-timeouts';
import { type DeliveredBlock, deliveredEvents, type DeliveredState, type DeliveredStep } from '../../src/client/recovery/delivered-events';
import { ev, message, run, step, textDelta } from '../helpers/events';
import { propertyRuns } from '../helpers/property-runs';

// The recovery tracker of client run streams keeps only what recovery reads, by rules of its own. Recovery compares
// its state with the server's objects, so what it reads of that state must be what reducing every event would hold.

/**
 * What recovery reads of a state: the id and status of every run and step (a run's thread), and of every message
 * its id, status, and each block's type and text.
 */
const idAndStatus = ({ id, status }: { id: string; status: string }) => ({ id, status });
// A step's tool calls as recovery reads them: per index, the length received of what the call streams (a function's
// arguments, a code interpreter's input).
const lengthOf = (value: unknown) => (typeof value === 'string' ? value.length : 0);
const streamedLength = (call: unknown) => {
  if (typeof call !== 'object' || call === null) return undefined;
  const { function: fn, code_interpreter: code } = call as { function?: { arguments?: unknown }; code_interpreter?: { input?: unknown } };
  return lengthOf(fn?.arguments) + lengthOf(code?.input);
};
// And per index, how many code interpreter outputs its list holds (`undefined`: no list).
const outputsCount = (call: unknown) => {
  const outputs = (call as { code_interpreter?: { outputs?: unknown } } | undefined)?.code_interpreter?.outputs;
  return Array.isArray(outputs) ? outputs.length : undefined;
};
const stepView = (step: DeliveredStep | RunStep) => {
  const calls = 'step_details' in step ? (step.step_details as { tool_calls?: unknown[] } | undefined)?.tool_calls : undefined;
  return {
    id: step.id,
    status: step.status,
    toolCalls: 'step_details' in step ? calls?.map(streamedLength) ?? [] : (step as DeliveredStep).toolCalls ?? [],
    toolOutputs: 'step_details' in step ? calls?.map(outputsCount) ?? [] : (step as DeliveredStep).toolOutputs ?? [],
  };
};
const blockView = (block: DeliveredBlock | undefined | null) =>
  block === undefined || block === null ? undefined : { type: block.type, text: typeof block.text?.value === 'string' ? block.text.value : undefined };
const recoveryView = (state: DeliveredState) => ({
  currentRun: state.currentRun && { id: state.currentRun.id, status: state.currentRun.status, thread_id: state.currentRun.thread_id },
  runs: state.runs.map(idAndStatus),
  runSteps: state.runSteps.map(stepView),
  messages: state.messages.map(({ id, status, content }) => ({ id, status, content: content.map(blockView) })),
});

const reduceAll = (events: readonly AssistantStreamEvent[]) => {
  let state = initialAssistantStreamState;
  for (const event of events) {
    try {
      state = assistantStreamReducer(state, event);
    } catch {
      // skipped, as the tracker skips it
    }
  }
  return state;
};

const messageId = fc.constantFrom('msg_1', 'msg_2');
const fragment = fc.string({ maxLength: 4 });
// A message's content as a message event carries it: none, text blocks, an image block.
const contentOf: fc.Arbitrary<Message['content']> = fc.array(
  fc.oneof(
    fragment.map((value) => ({ type: 'text' as const, text: { value, annotations: [] } })),
    fc.constant({ type: 'image_file' as const, image_file: { file_id: 'file_1' } }),
  ),
  { maxLength: 3 },
);
const stepId = fc.constantFrom('step_1', 'step_2');
const toolCallsOf = fc.array(
  fc.oneof(
    fragment.map((args) => ({ id: 'call_1', type: 'function' as const, function: { name: 'f', arguments: args, output: null } })),
    fc.tuple(fragment, fc.integer({ min: 0, max: 2 })).map(([input, logs]) => ({
      id: 'call_2',
      type: 'code_interpreter' as const,
      code_interpreter: { input, outputs: Array.from({ length: logs }, () => ({ type: 'logs' as const, logs: '4' })) },
    })),
  ),
  { maxLength: 2 },
);
const argumentsDelta = (id: string, entry: object) =>
  ev('thread.run.step.delta', { id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [entry as never] } } });
const anEvent: fc.Arbitrary<AssistantStreamEvent> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(messageId, fc.constantFrom(0, 1), fragment).map(([id, index, text]) => textDelta(id, [index, text])) },
  // Text deltas of other shapes: no type, with annotations, two blocks, an image block.
  {
    weight: 2,
    arbitrary: fc.tuple(messageId, fragment).map(([id, value]) =>
      ev('thread.message.delta', { id, object: 'thread.message.delta', delta: { content: [{ index: 0, text: { value } } as never] } }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(messageId, fragment).map(([id, value]) =>
      ev('thread.message.delta', {
        id,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value, annotations: [] } }] },
      }),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(messageId, fragment, fragment).map(([id, a, b]) => textDelta(id, [0, a], [1, b])) },
  // An index of -0 (JSON allows it; the reducer keeps it) and a block whose index is inherited, not its own.
  { weight: 1, arbitrary: fc.tuple(messageId, fragment).map(([id, text]) => textDelta(id, [-0, text])) },
  {
    weight: 1,
    arbitrary: fc.tuple(messageId, fragment).map(([id, value]) =>
      ev('thread.message.delta', {
        id,
        object: 'thread.message.delta',
        delta: { content: [Object.assign(Object.create({ index: 0 }), { type: 'text', text: { value } })] },
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: messageId.map((id) =>
      ev('thread.message.delta', {
        id,
        object: 'thread.message.delta',
        delta: { content: [{ index: 1, type: 'image_file', image_file: { file_id: 'file_1' } }] },
      }),
    ),
  },
  // A type-only entry, an entry whose text has annotations but no value, and indexes past the end.
  {
    weight: 1,
    arbitrary: fc.tuple(messageId, fc.integer({ min: 0, max: 3 })).map(([id, index]) =>
      ev('thread.message.delta', { id, object: 'thread.message.delta', delta: { content: [{ index, type: 'text' } as never] } }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(messageId, fc.integer({ min: 0, max: 3 })).map(([id, index]) =>
      ev('thread.message.delta', {
        id,
        object: 'thread.message.delta',
        delta: { content: [{ index, type: 'text', text: { annotations: [] } } as never] },
      }),
    ),
  },
  { weight: 2, arbitrary: fc.tuple(messageId, fc.integer({ min: 0, max: 3 }), fragment).map(([id, index, text]) => textDelta(id, [index, text])) },
  {
    weight: 2,
    arbitrary: fc.tuple(messageId, contentOf).map(([id, content]) => ev('thread.message.created', message(id, 'in_progress', content))),
  },
  { weight: 1, arbitrary: fc.tuple(messageId, contentOf).map(([id, content]) => ev('thread.message.in_progress', message(id, 'in_progress', content))) },
  { weight: 1, arbitrary: messageId.map((id) => ev('thread.message.in_progress', message(id, 'in_progress'))) },
  { weight: 1, arbitrary: fc.tuple(messageId, contentOf).map(([id, content]) => ev('thread.message.completed', message(id, 'completed', content))) },
  { weight: 1, arbitrary: fc.tuple(messageId, contentOf).map(([id, content]) => ev('thread.message.incomplete', message(id, 'incomplete', content))) },
  { weight: 1, arbitrary: fc.constantFrom('queued', 'in_progress', 'completed').map((status) => ev(`thread.run.${status}` as 'thread.run.queued', run('run_1', status as 'queued'))) },
  { weight: 1, arbitrary: fc.constant(ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'message_creation', message_creation: { message_id: 'msg_1' } }))) },
  // Tool call steps: created, in progress or final with some calls (or none), and deltas of their arguments.
  {
    weight: 2,
    arbitrary: fc
      .tuple(stepId, fc.constantFrom('thread.run.step.created', 'thread.run.step.in_progress', 'thread.run.step.completed'), toolCallsOf)
      .map(([id, name, calls]) =>
        ev(name as 'thread.run.step.created', step(id, name === 'thread.run.step.completed' ? 'completed' : 'in_progress', { type: 'tool_calls', tool_calls: calls })),
      ),
  },
  { weight: 6, arbitrary: fc.tuple(stepId, fc.integer({ min: 0, max: 2 }), fragment).map(([id, index, args]) => argumentsDelta(id, { index, type: 'function', function: { arguments: args } })) },
  // The first delta of a call (its id and name, arguments empty or absent), and a delta of an output only.
  {
    weight: 1,
    arbitrary: fc
      .tuple(stepId, fc.integer({ min: 0, max: 2 }), fc.constantFrom('', undefined))
      .map(([id, index, args]) => argumentsDelta(id, { index, id: `call_${index}`, type: 'function', function: { name: 'f', ...(args === undefined ? {} : { arguments: args }) } })),
  },
  { weight: 1, arbitrary: fc.tuple(stepId, fc.integer({ min: 0, max: 2 })).map(([id, index]) => argumentsDelta(id, { index, type: 'function', function: { output: 'x' } })) },
  // A code interpreter's input in fragments, and its logs.
  {
    weight: 3,
    arbitrary: fc
      .tuple(stepId, fc.integer({ min: 0, max: 2 }), fragment)
      .map(([id, index, input]) => argumentsDelta(id, { index, type: 'code_interpreter', code_interpreter: { input } })),
  },
  // Its outputs: at an index (a new one or again one received), without one (appended), or a first delta with none.
  {
    weight: 2,
    arbitrary: fc
      .tuple(stepId, fc.integer({ min: 0, max: 2 }), fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { maxLength: 2 }))
      .map(([id, index, at]) =>
        argumentsDelta(id, {
          index,
          type: 'code_interpreter',
          code_interpreter: { outputs: at.map((i) => ({ ...(i === undefined ? {} : { index: i }), type: 'logs', logs: '4' })) },
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(stepId, fc.integer({ min: 0, max: 2 }))
      .map(([id, index]) => argumentsDelta(id, { index, id: 'call_2', type: 'code_interpreter', code_interpreter: { input: '' } })),
  },
  { weight: 1, arbitrary: stepId.map((id) => ev('thread.run.step.created', step(id, 'in_progress', { type: 'message_creation', message_creation: { message_id: 'msg_2' } }))) },
);

describe('deliveredEvents (what a client run stream delivered, for recovery)', () => {
  it('holds what reducing every event holds, whenever it is asked', () => {
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 60 }), fc.array(fc.nat({ max: 60 }), { maxLength: 4 }), (events, askAt) => {
        const delivered = deliveredEvents();
        events.forEach((event, i) => {
          delivered.observe(event);
          if (askAt.includes(i)) expect(recoveryView(delivered.state())).toEqual(recoveryView(reduceAll(events.slice(0, i + 1))));
        });
        expect(recoveryView(delivered.state())).toEqual(recoveryView(reduceAll(events)));
      }),
      { numRuns: propertyRuns(20_000) },
    );
  });

  it('appends long runs of fragments of one block into the same text', () => {
    const delivered = deliveredEvents();
    const events = [ev('thread.message.created', message('msg_1', 'in_progress', [{ type: 'text', text: { value: '', annotations: [] } }]))];
    for (let i = 0; i < 5_000; i++) events.push(textDelta('msg_1', [0, String(i % 10)]));
    events.forEach((event) => delivered.observe(event));
    const block = delivered.state().messages[0]!.content[0];
    expect(blockView(block)).toEqual(blockView(reduceAll(events).messages[0]!.content[0]));
    expect(block?.text?.value).toBe(events.slice(1).map((_, i) => String(i % 10)).join(''));
  });

  it('keeps what recovery reads of messages as they arrived, whatever a consumer does to the events later', () => {
    const delivered = deliveredEvents();
    const created = ev('thread.message.created', message('msg_1', 'in_progress', [{ type: 'text', text: { value: 'He', annotations: [] } }]));
    const delta = textDelta('msg_1', [0, 'llo']);
    delivered.observe(created);
    delivered.observe(delta);
    const before = delivered.state();
    (created.data as { status: string }).status = 'completed';
    ((created.data as Message).content[0] as { type: string }).type = 'image_file';
    ((delta.data as MessageDeltaEvent).delta.content![0] as { text: { value: string } }).text.value = 'XXX';
    expect(delivered.state().messages).toEqual([{ id: 'msg_1', status: 'in_progress', content: [{ type: 'text', text: { value: 'Hello' } }] }]);
    // A state handed out does not change with later events.
    delivered.observe(textDelta('msg_1', [0, '!']));
    delivered.observe(ev('thread.message.completed', message('msg_1', 'completed', [{ type: 'text', text: { value: 'Hello!', annotations: [] } }])));
    expect(before.messages).toEqual([{ id: 'msg_1', status: 'in_progress', content: [{ type: 'text', text: { value: 'Hello' } }] }]);
    expect(delivered.state().messages[0]).toMatchObject({ status: 'completed', content: [{ text: { value: 'Hello!' } }] });
  });

  it('keeps what recovery reads of runs and steps as they arrived, whatever a consumer does to the events later', () => {
    const delivered = deliveredEvents();
    const queued = run('run_1', 'queued');
    const created = ev('thread.run.created', queued);
    const stepCreated = ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'message_creation', message_creation: { message_id: 'msg_1' } }));
    delivered.observe(created);
    delivered.observe(stepCreated);
    const before = delivered.state();
    (created.data as { status: string; id: string }).status = 'completed';
    (created.data as { id: string }).id = 'run_2';
    (stepCreated.data as { status: string }).status = 'completed';
    expect(delivered.state()).toMatchObject({
      currentRun: { id: 'run_1', status: 'queued', thread_id: queued.thread_id },
      runs: [{ id: 'run_1', status: 'queued' }],
      runSteps: [{ id: 'step_1', status: 'in_progress' }],
    });
    // A state handed out does not change with later events.
    delivered.observe(ev('thread.run.in_progress', run('run_1', 'in_progress')));
    expect(before.runs).toEqual([{ id: 'run_1', status: 'queued', thread_id: queued.thread_id }]);
    expect(delivered.state().runs).toMatchObject([{ id: 'run_1', status: 'in_progress' }]);
  });

  it('keeps what was received where a malformed event would make the reducer store or refuse something else', () => {
    const delivered = deliveredEvents();
    const delta = (content: unknown) => ev('thread.message.delta', JSON.parse(JSON.stringify({ id: 'msg_1', object: 'thread.message.delta', delta: { content } })));
    // A message event without a string status is kept, with the deltas after it.
    delivered.observe(ev('thread.message.created', { ...message('msg_1', 'in_progress', [{ type: 'text', text: { value: 'He', annotations: [] } }]), status: undefined as never }));
    delivered.observe(textDelta('msg_1', [0, 'l']));
    // A type or a value that is not a string leaves the block as it was.
    delivered.observe(delta([{ index: 0, type: null, text: { value: null } }]));
    // A key the reducer refuses elsewhere in the delta does not stop its text.
    delivered.observe(ev('thread.message.delta', JSON.parse('{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"lo","annotations":[{"__proto__":{"polluted":true}}]}}]}}')));
    // An index far past the end is skipped, allocating nothing.
    delivered.observe(delta([{ index: 1_000_000_000_000, type: 'text', text: { value: 'far' } }]));
    delivered.observe(delta([{ index: 3, type: 'text', text: { value: 'near' } }]));
    expect(delivered.state().messages).toEqual([
      {
        id: 'msg_1',
        status: undefined,
        content: [{ type: 'text', text: { value: 'Hello' } }, undefined, undefined, { type: 'text', text: { value: 'near' } }],
      },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('skips a delta of a message never created, or an event without data, and goes on', () => {
    const delivered = deliveredEvents();
    for (const name of ['thread.message.delta', 'thread.message.created', 'thread.run.created', 'thread.run.step.created']) {
      for (const data of [null, undefined, 'text', { delta: null }]) {
        expect(() => delivered.observe({ event: name, data } as unknown as AssistantStreamEvent)).not.toThrow();
      }
    }
    delivered.observe(textDelta('msg_unknown', [0, 'lost']));
    delivered.observe(ev('thread.run.created', run('run_1', 'queued')));
    expect(delivered.state().currentRun?.id).toBe('run_1');
    expect(delivered.state().messages).toEqual([]);
  });
});

describe('eventTimeouts', () => {
  const names = (value: string) => value;

  it('fails with "first-event" when nothing arrives in time', async () => {
    const source = new Subject<string>();
    const error = await new Promise((resolve) => source.pipe(eventTimeouts(30, 1_000, names)).subscribe({ error: resolve }));
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ kind: 'first-event', timeoutMs: 30, lastEventName: undefined });
  });

  it('after the first value, a shorter idle limit applies from that value (not the first-event deadline)', () => {
    jest.useFakeTimers(); // virtual time: setTimeout and performance.now() move together, only when advanced
    try {
      const source = new Subject<string>();
      const errors: unknown[] = [];
      source.pipe(eventTimeouts(60_000, 40, names)).subscribe({ error: (error) => errors.push(error) });
      source.next('thread.run.created');
      jest.advanceTimersByTime(39);
      expect(errors).toEqual([]);
      jest.advanceTimersByTime(1); // 40 ms after the value, far before the first-event deadline of a minute
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'idle', timeoutMs: 40, lastEventName: 'thread.run.created' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not fail while values keep arriving within the idle limit, and names the last one when they stop', () => {
    jest.useFakeTimers(); // virtual time: no margin between the gaps and the limit depends on the machine
    try {
      const source = new Subject<string>();
      const received: string[] = [];
      const errors: unknown[] = [];
      source.pipe(eventTimeouts(1_000, 300, names)).subscribe({ next: (v) => received.push(v), error: (e) => errors.push(e) });
      for (let i = 0; i < 6; i++) {
        source.next(`event ${i}`);
        jest.advanceTimersByTime(299); // 6 × 299 ms in all: past the first-event limit, never idle for 300 ms
      }
      expect(errors).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'idle', lastEventName: 'event 5' });
      expect(received).toHaveLength(6);
    } finally {
      jest.useRealTimers();
    }
  });

  it('with Infinity never fails, and completes when the source does', async () => {
    // Virtual time: no timer is armed, and a timer set to Infinity would fire after 1 ms, as in Node.
    jest.useFakeTimers();
    try {
      const source = new Subject<string>();
      const outcome = new Promise((resolve, reject) =>
        source.pipe(eventTimeouts(Infinity, Infinity, names)).subscribe({ error: reject, complete: () => resolve('complete') }),
      );
      jest.advanceTimersByTime(1_000);
      source.next('a');
      jest.advanceTimersByTime(1_000);
      expect(jest.getTimerCount()).toBe(0);
      source.complete();
      await expect(outcome).resolves.toBe('complete');
    } finally {
      jest.useRealTimers();
    }
  });

  it('names a value only when a timeout reports it, and reports the timeout (not a crash) when naming throws', async () => {
    const source = new Subject<string | null>();
    let named = 0;
    const received: unknown[] = [];
    const outcome = new Promise<unknown>((resolve) =>
      source
        .pipe(
          eventTimeouts(1_000, 20, (value) => {
            named++;
            return value!.toUpperCase();
          }),
        )
        .subscribe({ next: (value) => received.push(value), error: resolve }),
    );
    source.next('a');
    source.next(null);
    expect(received).toEqual(['a', null]);
    expect(named).toBe(0);
    const error = await outcome;
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ kind: 'idle', timeoutMs: 20, lastEventName: undefined });
    expect(named).toBe(1);
  });

  it('takes 0 as no limit and refuses a negative or NaN limit with a RangeError', async () => {
    jest.useFakeTimers(); // virtual time: no timer is armed
    try {
      const source = new Subject<string>();
      const errors: unknown[] = [];
      const done = new Promise((resolve) => source.pipe(eventTimeouts(0, 0, names)).subscribe({ error: (e) => errors.push(e), complete: () => resolve('complete') }));
      jest.advanceTimersByTime(1_000);
      source.next('a');
      jest.advanceTimersByTime(1_000);
      expect(jest.getTimerCount()).toBe(0);
      source.complete();
      await expect(done).resolves.toBe('complete');
      expect(errors).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
    expect(() => eventTimeouts(1_000, NaN, names)).toThrow(RangeError);
    expect(() => eventTimeouts(-1, 1_000, names)).toThrow(RangeError);
  });

  it('does not count the consumer\'s own work on a value against the idle limit', () => {
    // Virtual time. The operator's clock (its scheduler's `now()`) and the timers are separate here because
    // synchronous work moves the one and not the other: timers that expire meanwhile run only after the work
    // returned.
    jest.useFakeTimers();
    let clock = 0;
    // asyncScheduler's timers (faked), on a clock of the test's own.
    const scheduler: SchedulerLike = Object.assign(Object.create(asyncScheduler) as SchedulerLike, { now: () => clock });
    try {
      const source = new Subject<string>();
      const received: string[] = [];
      const outcome: unknown[] = [];
      source.pipe(eventTimeouts(1_000, 50, names, scheduler)).subscribe({
        next: (value) => {
          received.push(value);
          if (value === 'slow') clock += 120; // synchronous work longer than the idle limit
        },
        error: (error) => outcome.push(error),
        complete: () => outcome.push('complete'),
      });
      source.next('first');
      source.next('slow');
      // Now the timers that expired during the work run: 120 ms after 'first', 0 ms after the consumer returned.
      jest.advanceTimersByTime(120);
      expect(outcome).toEqual([]);
      // The next value is already there (like socket data on the next turn of the event loop).
      source.next('next');
      source.complete();
      expect(outcome).toEqual(['complete']);
      expect(received).toEqual(['first', 'slow', 'next']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops a synchronous source once unsubscribed, having named none of its values', async () => {
    let named = 0;
    let pulled = 0;
    const first = await lastValueFrom(
      range(0, 100_000).pipe(
        tap(() => pulled++),
        eventTimeouts(1_000, 1_000, (n) => String(named++ + n)),
        take(1),
        toArray(),
      ),
    );
    expect(first).toEqual([0]);
    expect(named).toBe(0);
    expect(pulled).toBe(1);
  });

  it('clears its timer when unsubscribed', () => {
    jest.useFakeTimers(); // virtual time: the timer either is gone or fires when advanced past it
    try {
      const source = new Subject<string>();
      const errors: unknown[] = [];
      const subscription = source.pipe(eventTimeouts(20, 20, names)).subscribe({ error: (e) => errors.push(e) });
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(1_000);
      expect(errors).toEqual([]);
      expect(source.observed).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

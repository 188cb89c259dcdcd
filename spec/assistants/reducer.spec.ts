import {
  assistantStreamReducer,
  type AssistantStreamEvent,
  type AssistantStreamState,
  initialAssistantStreamState,
  SnapshotError,
} from '../../src/index';
import { ev, message, run, step, textBlock, textDelta, toolDelta } from '../helpers/events';

const reduceAll = (events: AssistantStreamEvent[], from: AssistantStreamState = initialAssistantStreamState) => {
  const states: AssistantStreamState[] = [];
  let state = from;
  for (const event of events) states.push((state = assistantStreamReducer(state, event)));
  return states;
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const twoBlockMessage = [
  ev('thread.run.created', run('run_1', 'queued')),
  ev('thread.message.created', message('msg_1', 'in_progress')),
  textDelta('msg_1', [0, 'Hel']),
  textDelta('msg_1', [0, 'lo']),
  textDelta('msg_1', [1, 'Second']),
  textDelta('msg_1', [1, ' block']),
];

/** What `fn` throws (`undefined` when it returns). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assistantStreamReducer', () => {
  it('concatenates text by content index and exposes the current snapshots', () => {
    const states = reduceAll(twoBlockMessage);
    const last = states.at(-1)!;
    expect(last.currentMessageSnapshot!.content.map((b) => (b.type === 'text' ? b.text.value : ''))).toEqual([
      'Hello',
      'Second block',
    ]);
    expect(last.currentRun!.id).toBe('run_1');
    expect(last.currentEvent).toBe(twoBlockMessage.at(-1));
    expect(last.messages).toHaveLength(1);
  });

  it('a null in a delta changes nothing already received (text, a tool call\'s name, annotations)', () => {
    const nullText = ev('thread.message.delta', { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: null } }] } } as never);
    const text = reduceAll([...twoBlockMessage.slice(0, 3), nullText, textDelta('msg_1', [0, ' world'])]).at(-1)!;
    expect(text.currentMessageSnapshot!.content[0]).toMatchObject({ text: { value: 'Hel world' } });
    const annotated = ev('thread.message.delta', { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { annotations: [{ index: 0, type: 'file_path', text: 'x' }] } }] } } as never);
    const nullAnnotations = ev('thread.message.delta', { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { annotations: null } }] } } as never);
    const kept = reduceAll([...twoBlockMessage.slice(0, 3), annotated, nullAnnotations]).at(-1)!;
    expect(kept.currentMessageSnapshot!.content[0]).toMatchObject({ text: { value: 'Hel', annotations: [{ type: 'file_path', text: 'x' }] } });
    const calls = reduceAll([
      ev('thread.run.created', run('run_1', 'in_progress')),
      ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
      toolDelta('step_1', { index: 0, id: 'call_1', name: 'lookup', args: '{"a"' }),
      ev('thread.run.step.delta', {
        id: 'step_1',
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { name: null, arguments: ':1}' } }] } },
      } as never),
    ]).at(-1)!;
    expect(calls.currentRunStepSnapshot!.step_details).toMatchObject({ tool_calls: [{ id: 'call_1', function: { name: 'lookup', arguments: '{"a":1}' } }] });
  });

  it('never mutates an emitted state or an event (everything frozen, still works)', () => {
    const frozenEvents = twoBlockMessage.map((e) => deepFreeze(structuredClone(e)));
    let state = initialAssistantStreamState;
    for (const event of frozenEvents) state = deepFreeze(assistantStreamReducer(state, event));
    expect(state.messages[0]!.content).toHaveLength(2);
  });

  it('keeps the identity of everything an event did not touch', () => {
    const states = reduceAll([
      ...twoBlockMessage,
      ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
      toolDelta('step_1', { index: 0, id: 'call_1', name: 'f', args: '{"a"' }),
    ]);
    const [beforeTool, afterTool] = states.slice(-2);
    expect(afterTool!.messages).toBe(beforeTool!.messages);
    expect(afterTool!.runs).toBe(beforeTool!.runs);
    const [a, b] = states.slice(4, 6); // the two deltas of block 1
    expect(b!.messages[0]!.content[0]).toBe(a!.messages[0]!.content[0]); // block 0 untouched by block 1's delta
    expect(b!.messages[0]).not.toBe(a!.messages[0]);
  });

  it('merges tool call fragments by index, arguments concatenated', () => {
    const last = reduceAll([
      ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
      toolDelta('step_1', { index: 0, id: 'call_1', name: 'weather', args: '' }),
      toolDelta('step_1', { index: 1, id: 'call_2', name: 'time', args: '{"tz"' }),
      toolDelta('step_1', { index: 0, args: '{"city":' }),
      toolDelta('step_1', { index: 0, args: '"Paris"}' }),
      toolDelta('step_1', { index: 1, args: ':"UTC"}' }),
    ]).at(-1)!;
    const details = last.currentRunStepSnapshot!.step_details;
    expect(details.type).toBe('tool_calls');
    if (details.type !== 'tool_calls') return;
    expect(details.tool_calls.map((c) => (c.type === 'function' ? [c.id, c.function.name, c.function.arguments] : []))).toEqual([
      ['call_1', 'weather', '{"city":"Paris"}'],
      ['call_2', 'time', '{"tz":"UTC"}'],
    ]);
  });

  it('keys snapshots by id, so two runs merged into one stream accumulate side by side', () => {
    const last = reduceAll([
      ev('thread.run.created', run('run_a', 'queued')),
      ev('thread.run.created', run('run_b', 'queued')),
      ev('thread.message.created', message('msg_a', 'in_progress', [], 'run_a')),
      ev('thread.message.created', message('msg_b', 'in_progress', [], 'run_b')),
      textDelta('msg_a', [0, 'A1 ']),
      textDelta('msg_b', [0, 'B1 ']),
      textDelta('msg_a', [0, 'A2']),
      textDelta('msg_b', [0, 'B2']),
      ev('thread.message.completed', message('msg_a', 'completed', [textBlock('A1 A2')], 'run_a')),
      ev('thread.run.completed', run('run_a', 'completed')),
    ]).at(-1)!;
    expect(last.messages.map((m) => [m.id, m.status, m.content[0]?.type === 'text' ? m.content[0].text.value : ''])).toEqual([
      ['msg_a', 'completed', 'A1 A2'],
      ['msg_b', 'in_progress', 'B1 B2'],
    ]);
    expect(last.runs.map((r) => [r.id, r.status])).toEqual([
      ['run_a', 'completed'],
      ['run_b', 'queued'],
    ]);
  });

  it('stores the server final objects and clears the current snapshots when they end', () => {
    const final = message('msg_1', 'completed', [textBlock('Hello'), textBlock('Second block')]);
    const last = reduceAll([...twoBlockMessage, ev('thread.message.completed', final)]).at(-1)!;
    expect(last.currentMessageSnapshot).toBeUndefined();
    expect(last.messages[0]).toEqual(final);
    // A copy: the event reaches every subscription of a shared stream, the state only this one.
    expect(last.messages[0]).not.toBe(final);
  });

  it('keeps streamed content when a late in_progress event carries none', () => {
    const last = reduceAll([...twoBlockMessage, ev('thread.message.in_progress', message('msg_1', 'in_progress'))]).at(-1)!;
    expect(last.currentMessageSnapshot!.content).toHaveLength(2);
  });

  it('passes unknown event types through as the current event only', () => {
    const states = reduceAll(twoBlockMessage);
    const unknown = { event: 'thread.run.step.future', data: { anything: 1 } } as unknown as AssistantStreamEvent;
    const next = assistantStreamReducer(states.at(-1)!, unknown);
    expect(next.currentEvent).toBe(unknown);
    expect(next.messages).toBe(states.at(-1)!.messages);
  });

  it('refuses a delta for a message the stream never created', () => {
    expect(() => assistantStreamReducer(initialAssistantStreamState, textDelta('msg_x', [0, 'hi']))).toThrow(SnapshotError);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere in a delta, polluting nothing', (key) => {
    const state = reduceAll(twoBlockMessage.slice(0, 3)).at(-1)!;
    const payloads = [
      `{"id":"msg_1","object":"thread.message.delta","delta":{"${key}":{"polluted":true}}}`,
      `{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"${key}":{"polluted":true}}}]}}`,
      `{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":5,"type":"text","text":{"value":"x","${key}":{"polluted":true}}}]}}`,
    ];
    for (const payload of payloads) {
      const event = { event: 'thread.message.delta', data: JSON.parse(payload) } as AssistantStreamEvent;
      const error = thrownBy(() => assistantStreamReducer(state, event));
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as SnapshotError).path).toContain(key);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });

  it('keeps a key named like an inherited method (toString, valueOf) as it keeps any other, null values too', () => {
    const state = reduceAll(twoBlockMessage.slice(0, 3)).at(-1)!;
    for (const key of ['x_flag', 'toString', 'valueOf', 'hasOwnProperty']) {
      const payload = `{"id":"msg_1","object":"thread.message.delta","delta":{"${key}":null,"content":[{"index":0,"type":"text","text":{"${key}":null,"value":"!"}}]}}`;
      const next = assistantStreamReducer(state, { event: 'thread.message.delta', data: JSON.parse(payload) } as AssistantStreamEvent);
      const message = next.messages.find((m) => m.id === 'msg_1') as unknown as Record<string, unknown> & { content: Array<{ text: Record<string, unknown> }> };
      expect(Object.hasOwn(message, key)).toBe(true);
      expect(message[key]).toBeNull();
      expect(Object.hasOwn(message.content[0]!.text, key)).toBe(true);
      expect(message.content[0]!.text[key]).toBeNull();
    }
  });

  it('refuses an index above MAX_DELTA_INDEX, naming it (filling the gap would allocate and copy without bound)', () => {
    const state = reduceAll(twoBlockMessage.slice(0, 3)).at(-1)!;
    const far = { event: 'thread.message.delta', data: JSON.parse('{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":1000000000000,"type":"text","text":{"value":"x"}}]}}') } as AssistantStreamEvent;
    const error = thrownBy(() => assistantStreamReducer(state, far));
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error).toMatchObject({ eventName: 'thread.message.delta', path: 'delta.content.0.index' });
    expect((error as Error).message).toContain('the index 1000000000000 (at most 4096)');
    // The bound is on the index itself: deltas that each add a gap cannot grow the array past it.
    let grown = reduceAll(twoBlockMessage.slice(0, 3)).at(-1)!;
    for (const index of [1_000, 2_000, 3_000, 4_000, 4_096]) {
      grown = assistantStreamReducer(grown, { event: 'thread.message.delta', data: JSON.parse(`{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":${index},"type":"text","text":{"value":"x"}}]}}`) } as AssistantStreamEvent);
    }
    expect(grown.currentMessageSnapshot!.content).toHaveLength(4_097);
    expect(thrownBy(() => assistantStreamReducer(grown, { event: 'thread.message.delta', data: JSON.parse('{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":4097,"type":"text","text":{"value":"x"}}]}}') } as AssistantStreamEvent))).toBeInstanceOf(SnapshotError);
    // Within the bound, a gap is filled: blocks that arrive out of order keep their places.
    const near = { event: 'thread.message.delta', data: JSON.parse('{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":6,"type":"text","text":{"value":"y"}}]}}') } as AssistantStreamEvent;
    const content = assistantStreamReducer(state, near).currentMessageSnapshot!.content;
    expect(content).toHaveLength(7);
    expect(content[6]).toMatchObject({ type: 'text', text: { value: 'y' } });
  });

  it('accumulates a 100,000-delta message to its full text (linear cost is measured in bench/)', () => {
    let state = reduceAll(twoBlockMessage.slice(0, 2)).at(-1)!;
    const delta = textDelta('msg_1', [0, 'x']);
    for (let i = 0; i < 100_000; i++) state = assistantStreamReducer(state, delta);
    const block = state.currentMessageSnapshot!.content[0]!;
    expect(block.type === 'text' && block.text.value.length).toBe(100_000);
  });
});

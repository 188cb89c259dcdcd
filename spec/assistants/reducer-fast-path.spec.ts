import fc from 'fast-check';
import {
  assistantStreamReducer,
  type AssistantStreamEvent,
  type AssistantStreamState,
  initialAssistantStreamState,
  type Message,
  type RunStep,
  SnapshotError,
} from '../../src/index';
import { mergeDelta, RefusedDeltaError } from '../../src/assistants/snapshot/merge-delta';
import { detached } from '../../src/schema/json-values';
import { ev, message, run, step, textDelta } from '../helpers/events';
import { expectEqual } from '../helpers/expect-equal';
import { propertyRuns } from '../helpers/property-runs';

// The reducer has a hot path (states built as object literals, a specialized merge of text deltas, texts
// flattened now and then), and keeps nothing between calls. Symbol-keyed properties are not data: where the
// reference's spreads copy them, the literals of the hot path leave them out, so results are compared on their
// string keys (symbol keys in the inputs are still generated, to show they change nothing else). This spec holds it to the plain reducer it replaced, kept here as the
// reference: for any sequence of events, from any starting state, both return equal states (same keys in the
// same order, symbol keys included), share the same parts with the state before, and throw the same errors.

type Identified = { readonly id: string };

/** The reducer as it was written before the hot path: spreads and `mergeDelta`, keeping copies of event objects. */
function referenceReducer(state: AssistantStreamState, event: AssistantStreamEvent): AssistantStreamState {
  switch (event.event) {
    case 'thread.message.delta': {
      const { id, delta } = event.data;
      const message = applyDelta(findById(state.messages, id), delta, event.event, id);
      return { ...state, currentEvent: event, currentMessageSnapshot: message, messages: upsert(state.messages, message) };
    }
    case 'thread.run.step.delta': {
      const { id, delta } = event.data;
      const step = applyDelta(findById(state.runSteps, id), delta, event.event, id);
      return { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps: upsert(state.runSteps, step) };
    }
    case 'thread.message.created':
    case 'thread.message.in_progress': {
      const message = refresh(findById(state.messages, event.data.id), detached(event.data), 'content');
      return { ...state, currentEvent: event, currentMessageSnapshot: message, messages: upsert(state.messages, message) };
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete':
      return { ...state, currentEvent: event, currentMessageSnapshot: undefined, messages: upsert(state.messages, detached(event.data)) };
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress': {
      const step = refresh(findById(state.runSteps, event.data.id), detached(event.data), 'step_details');
      return { ...state, currentEvent: event, currentRunStepSnapshot: step, runSteps: upsert(state.runSteps, step) };
    }
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired':
      return { ...state, currentEvent: event, currentRunStepSnapshot: undefined, runSteps: upsert(state.runSteps, detached(event.data)) };
    case 'thread.run.created':
    case 'thread.run.queued':
    case 'thread.run.in_progress':
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelling':
    case 'thread.run.cancelled':
    case 'thread.run.expired':
    {
      const run = detached(event.data);
      return { ...state, currentEvent: event, currentRun: run, runs: upsert(state.runs, run) };
    }
    case 'thread.created':
      return { ...state, currentEvent: event, thread: detached(event.data) };
    default:
      return { ...state, currentEvent: event };
  }
}

function applyDelta<T extends Identified>(snapshot: T | undefined, delta: object, eventName: string, id: string): T {
  if (snapshot === undefined) throw new SnapshotError(`A delta arrived for ${id}, which the stream never created`, { eventName });
  try {
    return mergeDelta(snapshot, delta);
  } catch (error) {
    if (error instanceof RefusedDeltaError) {
      throw new SnapshotError(`Refused ${error.refused}`, { eventName, path: `delta.${error.path}`, cause: error });
    }
    throw error;
  }
}

function refresh<T extends Message | RunStep>(existing: T | undefined, incoming: T, field: 'content' | 'step_details'): T {
  if (existing === undefined) return incoming;
  if (field === 'content') {
    const kept = (existing as Message).content;
    return kept.length > 0 ? { ...incoming, content: kept } : incoming;
  }
  const details = (incoming as RunStep).step_details;
  const keptDetails = (existing as RunStep).step_details;
  const empty = details.type === 'tool_calls' && details.tool_calls.length === 0;
  return empty && keptDetails.type === 'tool_calls' && keptDetails.tool_calls.length > 0 ? { ...incoming, step_details: keptDetails } : incoming;
}

function findById<T extends Identified>(list: readonly T[], id: string): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.id === id) return list[i];
  return undefined;
}

function upsert<T extends Identified>(list: readonly T[], item: T): readonly T[] {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.id === item.id) {
      const copy = list.slice();
      copy[i] = item;
      return copy;
    }
  }
  return [...list, item];
}

// ---- comparing results ------------------------------------------------------------------------------------------

/** A value as a tree that `toEqual` compares strictly: own string keys in order, values, kinds. */
function shape(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'number' && Object.is(value, -0) ? '-0' : value;
  if (depth > 12) return '…';
  const kind = Array.isArray(value) ? `array(${value.length})` : Object.getPrototypeOf(value) === null ? 'null-proto' : 'object';
  return [kind, ...Object.getOwnPropertyNames(value).map((key) => [key, shape((value as Record<string, unknown>)[key], depth + 1)])];
}

/** The paths of `next` that are the very same object as in `previous` (what a state shares with the one before). */
function shared(previous: unknown, next: unknown, path = '$', out: string[] = [], depth = 0): string[] {
  if (typeof next !== 'object' || next === null || typeof previous !== 'object' || previous === null || depth > 8) return out;
  if (next === previous) {
    out.push(path);
    return out;
  }
  for (const key of Reflect.ownKeys(next)) {
    shared((previous as Record<PropertyKey, unknown>)[key], (next as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`, out, depth + 1);
  }
  return out;
}

function outcome(reducer: typeof referenceReducer, state: AssistantStreamState, event: AssistantStreamEvent) {
  try {
    return { state: reducer(state, event) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

// ---- events -----------------------------------------------------------------------------------------------------

const tag = Symbol('tag');
const ids = fc.constantFrom('msg_1', 'msg_2');
const fragments = fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: 6 }) }, fc.constantFrom(' 東京', '🙂', ''));

/** Optional trouble mixed into an object: unknown keys, a symbol key, a dangerous key (through JSON.parse). */
const withTrouble = <T extends object>(value: T, trouble: string): T => {
  switch (trouble) {
    case 'extra':
      return { ...value, extra: 1 };
    case 'symbol':
      return { ...value, [tag]: 'x' };
    case 'proto':
      return { ...value, ...JSON.parse('{"__proto__":{"polluted":true}}') };
    case 'first':
      return { extra: 1, ...value };
    default:
      return value;
  }
};
const trouble = fc.oneof({ weight: 12, arbitrary: fc.constant('none') }, fc.constantFrom('extra', 'symbol', 'proto', 'first'));

const textEntry = fc
  .record({
    index: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, fc.constantFrom(1, 2, -1, 1.5, -0)),
    type: fc.oneof({ weight: 8, arbitrary: fc.constant<unknown>('text') }, fc.constantFrom<unknown>('refusal', 3, undefined)),
    value: fc.oneof({ weight: 8, arbitrary: fragments.map((v): unknown => v) }, fc.constantFrom<unknown>(5, null, undefined)),
    annotations: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, fc.constantFrom([], [{ index: 0, type: 'file_path', text: 'x' }])),
    entryTrouble: trouble,
    textTrouble: trouble,
  })
  .map(({ index, type, value, annotations, entryTrouble, textTrouble }) => {
    const text = withTrouble({ ...(value === undefined ? {} : { value }), ...(annotations ? { annotations } : {}) }, textTrouble);
    return withTrouble({ index, ...(type === undefined ? {} : { type }), text }, entryTrouble);
  });

const messageDelta = fc
  .record({ id: ids, entries: fc.array(textEntry, { minLength: 1, maxLength: 2 }), role: fc.boolean(), deltaTrouble: trouble })
  .map(({ id, entries, role, deltaTrouble }) =>
    ev('thread.message.delta', {
      id,
      object: 'thread.message.delta',
      delta: withTrouble({ ...(role ? { role: 'assistant' as const } : {}), content: entries }, deltaTrouble) as never,
    }),
  );

const messageObject = fc
  .record({
    id: ids,
    blocks: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.nat({ max: 2 })),
    attachments: fc.boolean(),
    messageTrouble: fc.oneof({ weight: 4, arbitrary: fc.constant('none') }, fc.constantFrom('extra', 'symbol', 'proto', 'first')),
    textValue: fc.boolean(),
  })
  .map(({ id, blocks, attachments, messageTrouble, textValue }) => {
    const content = Array.from({ length: blocks }, (_, i) => ({
      type: 'text' as const,
      text: textValue ? { value: `b${i}`, annotations: [] } : ({ annotations: [] } as never),
    }));
    const m = message(id, 'in_progress', content) as Message & { attachments?: unknown };
    if (!attachments) delete m.attachments;
    return withTrouble(m, messageTrouble);
  });

const otherEvent = fc.oneof(
  messageObject.map((m) => ev('thread.message.created', m)),
  messageObject.map((m) => ev('thread.message.in_progress', m)),
  messageObject.map((m) => ev('thread.message.completed', { ...m, status: 'completed' })),
  fc.constantFrom(
    ev('thread.run.created', run('run_1', 'queued')),
    ev('thread.run.completed', run('run_1', 'completed')),
    ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
    ev('thread.run.step.completed', step('step_1', 'completed', { type: 'tool_calls', tool_calls: [] })),
    ev('thread.created', { id: 'thread_1', object: 'thread', created_at: 1, metadata: {} }),
    { event: 'thread.future', data: {} } as unknown as AssistantStreamEvent,
    textDelta('msg_3', [0, 'never created']),
  ),
);

const events = fc.array(
  fc.oneof({ weight: 2, arbitrary: otherEvent }, { weight: 6, arbitrary: messageDelta }),
  { minLength: 1, maxLength: 30 },
);

const startingStates = fc.constantFrom<[string, AssistantStreamState]>(
  ['initial', initialAssistantStreamState],
  ['extra key', { ...initialAssistantStreamState, extra: 1 } as AssistantStreamState],
  ['symbol key', { ...initialAssistantStreamState, [tag]: 1 } as AssistantStreamState],
  ['reordered', (({ runs, ...rest }) => ({ runs, ...rest }))(initialAssistantStreamState) as AssistantStreamState],
);

// ---- properties ---------------------------------------------------------------------------------------------------

function expectSameStep(state: AssistantStreamState, event: AssistantStreamEvent) {
  const expected = outcome(referenceReducer, state, event);
  const actual = outcome(assistantStreamReducer, state, event);
  expectEqual(actual.error, expected.error);
  if (expected.state && actual.state) {
    expectEqual(shape(actual.state), shape(expected.state));
    expectEqual(shared(state, actual.state), shared(state, expected.state));
  }
  return actual.state;
}

describe('assistantStreamReducer hot path', () => {
  it('returns what the plain reducer returns, along its own chain of states (the trusted path)', () => {
    fc.assert(
      fc.property(startingStates, events, ([, start], list) => {
        let state = start;
        for (const event of list) state = expectSameStep(state, event) ?? state;
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('returns what the plain reducer returns on states it did not build (the checked path)', () => {
    fc.assert(
      fc.property(startingStates, events, ([, start], list) => {
        let state = start;
        for (const event of list) {
          expectSameStep(state, event);
          const next = outcome(referenceReducer, state, event).state;
          if (next) state = next;
        }
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it.each([
    ['an unknown key on the message', { extra: 'kept' }],
  ])('keeps %s through the text fast path', (_name, addition) => {
    const created = ev('thread.message.created', { ...message('msg_1', 'in_progress'), ...addition } as Message);
    const steps = [created, textDelta('msg_1', [0, 'a']), textDelta('msg_1', [0, 'b']), textDelta('msg_1', [0, 'c'])];
    let state = initialAssistantStreamState;
    let reference = initialAssistantStreamState;
    for (const event of steps) {
      state = assistantStreamReducer(state, event);
      reference = referenceReducer(reference, event);
    }
    expect(shape(state)).toEqual(shape(reference));
    expect(Reflect.ownKeys(state.messages[0]!)).toEqual(Reflect.ownKeys(reference.messages[0]!));
  });

  it('builds the same texts over long streams (texts built in blocks), switching texts and going back to old states', () => {
    const created = [
      ev('thread.message.created', message('msg_1', 'in_progress', [
        { index: 0, type: 'text', text: { value: 'a', annotations: [] } },
        { index: 1, type: 'text', text: { value: '' } },
      ] as unknown as Message['content'])),
      ev('thread.message.created', message('msg_2', 'in_progress', [
        { index: 0, type: 'text', text: { value: 'z' } },
      ] as unknown as Message['content'])),
    ];
    const step = fc.oneof(
      { weight: 300, arbitrary: fc.tuple(fc.constant('delta' as const), fc.constantFrom(['msg_1', 0], ['msg_1', 1], ['msg_2', 0]), fragments) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('back' as const), fc.nat(200)) },
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 200, maxLength: 500 }), fc.nat(3), (steps, switchEvery) => {
        let state = initialAssistantStreamState;
        let reference = initialAssistantStreamState;
        for (const event of created) {
          state = assistantStreamReducer(state, event);
          reference = referenceReducer(reference, event);
        }
        const history: Array<[AssistantStreamState, AssistantStreamState]> = [[state, reference]];
        let n = 0;
        for (const item of steps) {
          if (item[0] === 'back') [state, reference] = history[Math.max(0, history.length - 1 - item[1])]!;
          else {
            const [[id, index], part] = [item[1] as [string, number], item[2]];
            // Mostly long runs of one text; every few steps (by `switchEvery`) another text in between.
            const target: [string, number] = switchEvery > 0 && ++n % (switchEvery * 37) === 0 ? [id, index] : ['msg_1', 0];
            const event = textDelta(target[0], [target[1], part]);
            state = assistantStreamReducer(state, event);
            reference = referenceReducer(reference, event);
            expectEqual(shape(state), shape(reference));
            history.push([state, reference]);
          }
        }
      }),
      { numRuns: propertyRuns(15, 3) },
    );
  });

  it('uses the text a snapshot holds, even when it was changed in place between two deltas', () => {
    const created = ev('thread.message.created', message('msg_1', 'in_progress', [
      { index: 0, type: 'text', text: { value: '' } },
    ] as unknown as Message['content']));
    let state = assistantStreamReducer(initialAssistantStreamState, created);
    let expected = '';
    for (let i = 0; i < 300; i++) {
      const part = `w${i % 10} `;
      state = assistantStreamReducer(state, textDelta('msg_1', [0, part]));
      expected += part;
      if (i % 97 === 50) {
        // Same length, other characters; then a shorter text.
        const text = state.messages[0]!.content[0]!.type === 'text' ? state.messages[0]!.content[0]!.text : undefined;
        expected = (i % 2 ? 'x' : 'y').repeat(expected.length - (i % 3));
        (text as { value: string }).value = expected;
      }
      const block = state.messages[0]!.content[0]!;
      expect(block.type === 'text' && block.text.value).toBe(expected);
    }
  });

  it('returns a new state for every call, even for the same state and event (nothing shared between chains)', () => {
    let state = assistantStreamReducer(initialAssistantStreamState, ev('thread.message.created', message('msg_1', 'in_progress')));
    for (const part of ['a', 'b', 'c']) {
      const event = textDelta('msg_1', [0, part]);
      const next = assistantStreamReducer(state, event);
      const again = assistantStreamReducer(state, event);
      expect(again).not.toBe(next);
      expect(again.currentMessageSnapshot).not.toBe(next.currentMessageSnapshot);
      expect(again).toEqual(next);
      state = next;
    }
    expect(state.currentMessageSnapshot!.content[0]).toEqual({ index: 0, type: 'text', text: { value: 'abc' } });
  });
});

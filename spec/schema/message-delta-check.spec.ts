import fc from 'fast-check';
import { anything, maybe, numbers, record, usually } from '../helpers/pre-check';
import { MessageDeltaEventSchema } from '../../src/schemas';
import { isCommonMessageDeltaEvent, messageDeltaIssue } from '../../src/schema/assistants/message-delta-check';
import { propertyRuns } from '../helpers/property-runs';

// Cheap cases, most of which the full schema refuses, so the properties take many of them (RUNS × 20: 800 in a plain
// run, 400,000 with PROPERTY_RUNS=20000).
const RUNS = propertyRuns(20_000, 40);

const text = record({
  value: maybe(fc.string()),
  annotations: maybe(fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, fc.array(anything, { maxLength: 2 }))),
});
const block = record(
  {
    index: maybe(fc.oneof({ weight: 3, arbitrary: fc.nat() }, numbers)),
    type: maybe(usually('text', 'image_file', 'refusal', 'image_url', 'TEXT', '')),
    text: maybe(text),
  },
  ['index', 'type'],
);
const delta = record({
  role: maybe(usually<string | undefined>('assistant', 'user', 'system', undefined, '')),
  content: maybe(fc.array(maybe(block), { maxLength: 4 })),
});
const data = record(
  {
    id: maybe(fc.string()),
    object: maybe(usually('thread.message.delta', 'thread.message', 'thread.run.step.delta')),
    delta: maybe(delta),
  },
  ['id', 'object', 'delta'],
);

/** Whether every content block `index` of a delta the schema accepted is an integer >= 0. */
function integerIndexes(value: unknown): boolean {
  const content = (value as { delta: { content?: Array<{ index: number }> } }).delta.content ?? [];
  return content.every((block) => Number.isSafeInteger(block.index) && block.index >= 0);
}

describe('messageDeltaIssue (what assistantEvents() checks of thread.message.delta by default)', () => {
  it('accepts every delta the full schema accepts, indexes aside (the description allows any number there)', () => {
    fc.assert(
      fc.property(maybe(data), (value) => {
        if (!MessageDeltaEventSchema.safeParse(value).success || !integerIndexes(value)) return;
        expect(messageDeltaIssue(value)).toBeUndefined();
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it('whatever it accepts has the text values textDeltas() reads as strings (or nothing)', () => {
    fc.assert(
      fc.property(maybe(data), (value) => {
        if (!isCommonMessageDeltaEvent(value)) return;
        for (const block of value.delta.content ?? []) {
          expect(Number.isSafeInteger(block.index)).toBe(true);
          if (block.type === 'text') expect(['string', 'undefined']).toContain(typeof (block.text?.value ?? undefined));
        }
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it('passes new block types, unknown keys, annotations and a missing object or role', () => {
    const wire = '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi","annotations":[]}}]}}';
    expect(messageDeltaIssue(JSON.parse(wire))).toBeUndefined();
    expect(messageDeltaIssue({ id: 'msg_1', delta: { role: 'critic', content: [{ index: 0, type: 'hologram', hologram: {} }] } })).toBeUndefined();
    expect(messageDeltaIssue({ id: 'msg_1', delta: { content: [{ index: 1, type: 'text', text: { annotations: [{ index: 0 }] } }] } })).toBeUndefined();
    expect(messageDeltaIssue({ id: 'msg_1', delta: {} })).toBeUndefined();
  });

  it('names the path of a read field of the wrong kind', () => {
    const delta = (content: unknown) => ({ id: 'msg_1', object: 'thread.message.delta', delta: { content } });
    const cases: Array<[unknown, string]> = [
      [null, ''],
      [{ delta: {} }, 'id'],
      [{ id: 'msg_1' }, 'delta'],
      [delta({}), 'delta.content'],
      [delta([1]), 'delta.content.0'],
      [delta([{ index: Infinity, type: 'text' }]), 'delta.content.0.index'],
      [delta([{ index: 0, type: 'text', text: 'Hi' }]), 'delta.content.0.text'],
      [delta([{ index: 0, type: 'text', text: { value: 1 } }]), 'delta.content.0.text.value'],
    ];
    for (const [value, path] of cases) expect({ value, path: messageDeltaIssue(value)?.path }).toEqual({ value, path });
  });
});

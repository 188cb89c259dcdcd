import fc from 'fast-check';
import { anything, itNeverAcceptsWhatTheSchemaRejects, maybe, numbers, record, usually } from '../helpers/pre-check';
import { MessageDeltaEventSchema } from '../../src/schemas';
import { isCommonMessageDeltaEvent } from '../../src/schema/assistants/message-delta-check';

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

describe('isCommonMessageDeltaEvent (the fast path before MessageDeltaEventSchema)', () => {
  itNeverAcceptsWhatTheSchemaRejects(isCommonMessageDeltaEvent, MessageDeltaEventSchema, maybe(data));

  it('accepts the deltas the API sends for text (so the fast path is taken)', () => {
    const common = fc.record({
      id: fc.string(),
      object: fc.constant('thread.message.delta' as const),
      delta: fc.record(
        {
          role: fc.constantFrom('assistant' as const, 'user' as const),
          content: fc.array(
            fc.record(
              {
                index: fc.nat(),
                type: fc.constant('text' as const),
                text: fc.record({ value: fc.string(), annotations: fc.constant([]) }, { requiredKeys: [] }),
              },
              { requiredKeys: ['index', 'type'] },
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(common, (value) => {
        expect(MessageDeltaEventSchema.safeParse(value).success).toBe(true);
        expect(isCommonMessageDeltaEvent(value)).toBe(true);
      }),
    );
    const wire = '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi","annotations":[]}}]}}';
    expect(isCommonMessageDeltaEvent(JSON.parse(wire))).toBe(true);
  });

  it('leaves everything else to the schema', () => {
    const delta = (content: unknown) => ({ id: 'msg_1', object: 'thread.message.delta', delta: { content } });
    expect(isCommonMessageDeltaEvent(delta([{ index: 0, type: 'image_file', image_file: { file_id: 'f' } }]))).toBe(false);
    expect(isCommonMessageDeltaEvent(delta([{ index: 0, type: 'text', text: { annotations: [{ index: 0 }] } }]))).toBe(false);
    expect(isCommonMessageDeltaEvent(delta([{ index: Infinity, type: 'text' }]))).toBe(false);
    expect(isCommonMessageDeltaEvent(delta({}))).toBe(false);
    expect(isCommonMessageDeltaEvent(null)).toBe(false);
  });
});

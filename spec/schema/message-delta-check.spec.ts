import fc from 'fast-check';
import { MessageDeltaEventSchema } from '../../src/index';
import { isCommonMessageDeltaEvent } from '../../src/schema/assistants/message-delta-check';

// The hand-written check of `thread.message.delta` data must never accept what the zod schema rejects: it is a
// shortcut past the schema, not a second opinion. Values are generated around the accepted shape, each part
// either right, slightly wrong or anything at all, so both sides of every condition are reached.

const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true });
const numbers = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: anything });
/** Mostly `usual`, sometimes one of `others`. */
const usually = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
/** An object with the given optional keys, sometimes with unknown keys mixed in. */
const record = (model: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []) =>
  fc
    .tuple(fc.record(model, { requiredKeys }), fc.option(fc.dictionary(fc.string(), anything, { maxKeys: 3 }), { nil: undefined }))
    .map(([known, extra]) => (extra ? { ...extra, ...known } : known));

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
  it('never accepts a value the schema rejects (generated around the common shape)', () => {
    fc.assert(
      fc.property(maybe(data), (value) => {
        if (isCommonMessageDeltaEvent(value)) expect(MessageDeltaEventSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never accepts a value the schema rejects (values as JSON.parse makes them)', () => {
    fc.assert(
      fc.property(maybe(data), (value) => {
        let json: unknown;
        try {
          const text = JSON.stringify(value);
          if (text === undefined) return;
          json = JSON.parse(text);
        } catch {
          return; // not representable as JSON (a BigInt, a cycle)
        }
        if (isCommonMessageDeltaEvent(json)) expect(MessageDeltaEventSchema.safeParse(json).success).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never accepts a value the schema rejects (any JSON at all)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        if (isCommonMessageDeltaEvent(value)) expect(MessageDeltaEventSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

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

import fc from 'fast-check';
import { type ChatCompletionChunk, type ChatCompletionSnapshot, chatCompletionReducer } from '../../src/index';
import { referenceChatCompletionReducer } from './reference-reducer';
import { propertyRuns } from '../helpers/property-runs';

// The reducer builds snapshots, choices and messages with compiled object literals instead of spreads of spreads.
// This spec holds it to the spread-only reducer it replaced (kept in `reference-reducer.ts`): for any sequence of
// chunks, from any starting snapshot, both return equal snapshots (same keys in the same order, symbol keys
// included), share the same parts with the snapshot before, and throw the same errors.

const SYMBOL = Symbol('extra');

/** Every own key (strings and symbols, in order) and value, recursively: equal shapes mean equal objects. */
function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(shape);
  const described: unknown[] = [Object.getPrototypeOf(value) === Object.prototype];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    described.push(String(key), descriptor.enumerable, shape(descriptor.value));
  }
  return described;
}

/** Adds odd keys to a generated object: unknown ones, a symbol, an own `__proto__` (as JSON.parse makes it). */
const withOddKeys = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc
    .tuple(
      arb,
      fc.constantFrom('none', 'none', 'none', 'extra', 'symbol', 'proto', 'hidden'),
      fc.oneof(fc.string(), fc.integer()),
    )
    .map(([value, odd, extra]) => {
      const out = { ...value } as Record<string | symbol, unknown>;
      if (odd === 'extra') out['x_extra'] = extra;
      if (odd === 'symbol') out[SYMBOL] = extra;
      if (odd === 'proto') Object.defineProperty(out, '__proto__', { value: extra, enumerable: true, writable: true, configurable: true });
      if (odd === 'hidden') Object.defineProperty(out, 'hidden', { value: extra, enumerable: false });
      return out as T;
    });

const delta = withOddKeys(
  fc.record(
    {
      role: fc.constantFrom('assistant' as const, 'user' as const),
      content: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.constant('')),
      refusal: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)),
      tool_calls: fc.array(
        fc.record(
          {
            index: fc.nat(2),
            id: fc.string({ maxLength: 2 }),
            type: fc.constant('function' as const),
            function: fc.record({ name: fc.string({ maxLength: 2 }), arguments: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }),
          },
          { requiredKeys: ['index'] },
        ),
        { maxLength: 2 },
      ),
      function_call: fc.record({ name: fc.string({ maxLength: 2 }), arguments: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
);
const tokens = fc.array(fc.record({ token: fc.string({ maxLength: 2 }), logprob: fc.double(), bytes: fc.constant(null), top_logprobs: fc.constant([]) }), { maxLength: 2 });
const choice = withOddKeys(
  fc.record(
    {
      index: fc.oneof({ weight: 6, arbitrary: fc.nat(2) }, fc.constantFrom(-1, 1.5, 5000)),
      delta,
      finish_reason: fc.constantFrom(null, null, null, 'stop' as const, 'length' as const),
      logprobs: fc.oneof(fc.constant(null), fc.constant(undefined), fc.record({ content: fc.oneof(tokens, fc.constant(null)), refusal: fc.constant(null) })),
    },
    { requiredKeys: ['index', 'delta', 'finish_reason'] },
  ),
);
const chunk = withOddKeys(
  fc.record(
    {
      id: fc.constantFrom('chatcmpl-1', 'chatcmpl-1', 'chatcmpl-2', ''),
      object: fc.constant('chat.completion.chunk' as const),
      created: fc.nat(3),
      model: fc.constantFrom('gpt-4o', 'gpt-4o-mini'),
      system_fingerprint: fc.constant('fp_1'),
      service_tier: fc.constantFrom('default' as const, null),
      usage: fc.oneof(fc.constant(null), fc.record({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() })),
      choices: fc.array(choice, { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'object', 'created', 'model', 'choices'] },
  ),
) as fc.Arbitrary<ChatCompletionChunk>;
/** A chunk of the common shape (one choice, one content token), as most of a stream is. */
const common = fc.tuple(fc.string({ maxLength: 3 }), fc.nat(1)).map(
  ([content, index]) =>
    JSON.parse(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o',
        system_fingerprint: 'fp_1',
        choices: [{ index, delta: { content }, logprobs: null, finish_reason: null }],
      }),
    ) as ChatCompletionChunk,
);
const chunks = fc.array(fc.oneof({ weight: 2, arbitrary: common }, chunk), { maxLength: 12 });
/** Where a stream starts: nothing yet, or a snapshot the reducer did not build. */
const start = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  common.map((first) => referenceChatCompletionReducer(undefined, first)),
  fc.constant({ id: 'x', [SYMBOL]: 1, choices: [] } as unknown as ChatCompletionSnapshot),
  fc.constant({ choices: [{ index: 0, finish_reason: null, logprobs: null, message: { role: 'assistant', [SYMBOL]: 1 } }], id: 'x' } as unknown as ChatCompletionSnapshot),
);

type Step = { ok: true; value: ChatCompletionSnapshot } | { ok: false; error: unknown };
const attempt = (run: () => ChatCompletionSnapshot): Step => {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
};

describe('chatCompletionReducer (hot path) against the spread-only reducer', () => {
  it('returns equal snapshots, shares the same parts and throws the same errors', () => {
    fc.assert(
      fc.property(start, chunks, (initial, sequence) => {
        let ours = initial;
        let theirs = initial;
        for (const c of sequence) {
          const a = attempt(() => chatCompletionReducer(ours, c));
          const b = attempt(() => referenceChatCompletionReducer(theirs, c));
          expect(a.ok).toBe(b.ok);
          if (!a.ok || !b.ok) {
            if (!a.ok && !b.ok) {
              expect((a.error as Error).constructor).toBe((b.error as Error).constructor);
              expect((a.error as Error).message).toBe((b.error as Error).message);
            }
            return;
          }
          expect(shape(a.value)).toEqual(shape(b.value));
          expect(a.value === ours).toBe(b.value === theirs);
          if (ours !== undefined && theirs !== undefined) {
            const n = Math.max(a.value.choices.length, ours.choices?.length ?? 0);
            for (let i = 0; i < n; i++) {
              expect(a.value.choices[i] === ours.choices?.[i]).toBe(b.value.choices[i] === theirs.choices?.[i]);
              expect(a.value.choices[i]?.message === ours.choices?.[i]?.message).toBe(
                b.value.choices[i]?.message === theirs.choices?.[i]?.message,
              );
            }
          }
          ours = a.value;
          theirs = b.value;
        }
      }),
      { numRuns: propertyRuns(3_000) },
    );
  });

  it('never modifies the chunk or the snapshot it is given', () => {
    fc.assert(
      fc.property(start, chunks, (initial, sequence) => {
        let snapshot = initial;
        for (const c of sequence) {
          const before = [shape(snapshot), shape(c)];
          try {
            const next = chatCompletionReducer(snapshot, c);
            expect([shape(snapshot), shape(c)]).toEqual(before);
            snapshot = next;
          } catch {
            return;
          }
        }
      }),
      { numRuns: propertyRuns(1_000) },
    );
  });
});

/**
 * The chat reducer is pure and keeps no state of its own: it never changes what it is given, it shares what a
 * chunk did not touch, and streams reduced interleaved give what they give alone.
 */
import fc from 'fast-check';
import { type ChatCompletionChunk, type ChatCompletionSnapshot, chatCompletionReducer } from '../../src/index';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(2_000, 50);

const text = fc.string({ maxLength: 5 });
const delta = fc.oneof(
  fc.record({ content: text }),
  fc.record({ role: fc.constant('assistant'), content: fc.constantFrom('', null) }),
  fc.record({ refusal: text }),
  fc.record({ tool_calls: fc.array(fc.record({ index: fc.nat({ max: 2 }), function: fc.record({ arguments: text }) }), { maxLength: 2 }) }),
  fc.record({ tool_calls: fc.constant([{ index: 0, type: 'custom', custom: { name: 'c', input: 'x' } }]) }),
  fc.record({ audio: fc.constantFrom({ id: 'a', data: 'x', transcript: 't' }, { expires_at: 1 }) }),
  fc.record({ x_unknown: fc.jsonValue() }),
);
const choice = fc.record(
  {
    index: fc.nat({ max: 2 }),
    delta,
    finish_reason: fc.constantFrom(null, 'stop', 'brand_new'),
    logprobs: fc.constantFrom(null, { content: [{ token: 'a', logprob: 0, bytes: null, top_logprobs: [] }], refusal: null }),
    content_filter_results: fc.constantFrom({}, { hate: { filtered: false } }),
  },
  { requiredKeys: ['index'] },
);
const chunk = fc.record(
  {
    id: fc.constantFrom('chatcmpl-1', ''),
    object: fc.constantFrom('chat.completion.chunk', ''),
    created: fc.nat(),
    model: fc.constantFrom('gpt-4o', ''),
    choices: fc.array(choice, { maxLength: 3 }),
    usage: fc.constantFrom(null, { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }),
    obfuscation: fc.string({ maxLength: 4 }),
    system_fingerprint: fc.constantFrom(null, 'fp_1'),
    prompt_filter_results: fc.constant([]),
  },
  { requiredKeys: ['id', 'choices'] },
) as unknown as fc.Arbitrary<ChatCompletionChunk>;

const reduceAll = (chunks: readonly ChatCompletionChunk[]) =>
  chunks.reduce<ChatCompletionSnapshot | undefined>(chatCompletionReducer, undefined);

describe('chatCompletionReducer purity', () => {
  it('never changes the snapshot or the chunk it is given, and shares the choices a chunk did not touch', () => {
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 8 }), (chunks) => {
        let snapshot: ChatCompletionSnapshot | undefined;
        for (const c of chunks) {
          const chunkBefore = structuredClone(c);
          const snapshotBefore = structuredClone(snapshot);
          const next = chatCompletionReducer(snapshot, c);
          expect(c).toEqual(chunkBefore);
          expect(snapshot).toEqual(snapshotBefore);
          const touched = new Set(c.choices.map((ch) => ch.index));
          snapshot?.choices.forEach((ch, i) => {
            if (!touched.has(i)) expect(next.choices[i]).toBe(ch);
          });
          expect(next).not.toHaveProperty('obfuscation');
          snapshot = next;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('interleaving two streams gives each the result it has alone (no state outside the snapshot)', () => {
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 6 }), fc.array(chunk, { maxLength: 6 }), (a, b) => {
        const alone = [reduceAll(a), reduceAll(b)];
        let sa: ChatCompletionSnapshot | undefined;
        let sb: ChatCompletionSnapshot | undefined;
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
          if (i < a.length) sa = chatCompletionReducer(sa, a[i]!);
          if (i < b.length) sb = chatCompletionReducer(sb, b[i]!);
        }
        expect([sa, sb]).toEqual(alone);
      }),
      { numRuns: RUNS },
    );
  });

  it('a chunk with an empty id and no choices returns the same snapshot', () => {
    const first = chatCompletionReducer(undefined, { id: 'c', choices: [] } as unknown as ChatCompletionChunk);
    expect(chatCompletionReducer(first, { id: '', choices: [] } as unknown as ChatCompletionChunk)).toBe(first);
  });
});

describe('src/chat keeps no module-level mutable state and generates no code', () => {
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const root = join(__dirname, '..', '..', 'src', 'chat');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    expect(source).not.toMatch(/new Function|\beval\(/);
    // A top-level `let` or `var` is state shared by every stream.
    expect(source).not.toMatch(/^(let|var) /m);
  });
});

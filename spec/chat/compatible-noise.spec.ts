/**
 * The shapes compatible servers mix into an otherwise ordinary stream, generated together and judged against the
 * official SDK 7.x on the same bytes: `delta.role` said again, `content` / `refusal` / `tool_calls` sent as `null`,
 * `logprobs: null` in every choice or token lists beside `null`s, several choices interleaved (one per chunk, or
 * several in one chunk), a choice without a `delta` (Azure's filter results), Azure's empty-id prompt-filter chunk
 * and its trailing filter chunk in the middle or at the end, `choices: []` chunks, the finish with an empty content
 * fragment, a usage chunk after the finish. Snapshots after every chunk, the final completion and the events equal
 * the SDK's; `textDeltas()` joins to choice 0's content; `toolCallDeltas()` gives each call's arguments, and with
 * each fragment the call and the completion as the SDK's snapshot holds them after that chunk.
 */
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { chatCompletionChunks, textDeltas, toolCallDeltas } from '../../src/index';
import { streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { propertyRuns } from '../helpers/property-runs';
import { chatBytes, ourChat, sdkChat, withoutMadeUpIds } from './sdk-chat';

type Json = Record<string, unknown>;

const top = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const token = (text: string) => ({ token: text, logprob: -0.5, bytes: [], top_logprobs: [] });

/** One step of one choice's answer. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('content' as const), text: fc.string({ maxLength: 3 }), refusalNull: fc.boolean(), logprobs: fc.boolean() }),
  fc.record({ kind: fc.constant('refusal' as const), text: fc.string({ maxLength: 3 }), contentNull: fc.boolean(), logprobs: fc.boolean() }),
  fc.record({ kind: fc.constant('tool' as const), call: fc.nat({ max: 2 }), args: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('nulls' as const), all: fc.boolean() }),
  fc.record({ kind: fc.constant('filter' as const) }),
  fc.record({ kind: fc.constant('azurePrompt' as const) }),
  fc.record({ kind: fc.constant('noChoices' as const) }),
);

const noisyStream = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(fc.tuple(fc.nat({ max: 2 }), step), { maxLength: 14 }),
  logprobsNull: fc.boolean(),
  roleEveryChunk: fc.boolean(),
  finishWithEmptyContent: fc.boolean(),
  trailingFilter: fc.boolean(),
  usage: fc.boolean(),
  // Whether each chunk's choices join the chunk before (several choices in one chunk).
  joins: fc.array(fc.boolean(), { maxLength: 30 }),
});

type NoisyStream = typeof noisyStream extends fc.Arbitrary<infer T> ? T : never;

function chunksOf(s: NoisyStream): Json[] {
  const chunks: Json[] = [];
  const choice = (index: number, delta: object | undefined, extra: object = {}): Json => ({
    index,
    ...(delta ? { delta } : {}),
    ...(s.logprobsNull ? { logprobs: null } : {}),
    finish_reason: null,
    ...extra,
  });
  const calls = new Map<number, number>();
  for (let c = 0; c < s.n; c++) chunks.push({ ...top, choices: [choice(c, { role: 'assistant', content: '' })] });
  for (const [which, st] of s.steps) {
    const c = which % s.n;
    switch (st.kind) {
      case 'content': {
        const delta = { content: st.text, ...(st.refusalNull ? { refusal: null } : {}) };
        chunks.push({ ...top, choices: [choice(c, delta, st.logprobs ? { logprobs: { content: [token(st.text)], refusal: null } } : {})] });
        break;
      }
      case 'refusal': {
        const delta = { refusal: st.text, ...(st.contentNull ? { content: null } : {}) };
        chunks.push({ ...top, choices: [choice(c, delta, st.logprobs ? { logprobs: { content: null, refusal: [token(st.text)] } } : {})] });
        break;
      }
      case 'tool': {
        // Calls start in order (a skipped index is a deliberate difference, tested elsewhere).
        const started = calls.get(c) ?? 0;
        const index = Math.min(st.call, started);
        if (index === started) calls.set(c, started + 1);
        const fragment =
          index === started
            ? { index, id: `call_${c}_${index}`, type: 'function', function: { name: `f${index}`, arguments: st.args } }
            : { index, function: { arguments: st.args } };
        chunks.push({ ...top, choices: [choice(c, { tool_calls: [fragment] })] });
        break;
      }
      case 'nulls':
        chunks.push({ ...top, choices: [choice(c, st.all ? { content: null, refusal: null, tool_calls: null, function_call: null, audio: null } : {})] });
        break;
      case 'filter':
        chunks.push({ ...top, choices: [{ index: c, finish_reason: null, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] });
        break;
      case 'azurePrompt':
        chunks.push({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0 }] });
        break;
      case 'noChoices':
        chunks.push({ ...top, choices: [], usage: null });
        break;
    }
  }
  for (let c = 0; c < s.n; c++) {
    chunks.push({ ...top, choices: [choice(c, s.finishWithEmptyContent ? { content: '' } : {}, { finish_reason: 'stop' })] });
  }
  if (s.trailingFilter) {
    chunks.push({ ...top, choices: [{ index: 0, finish_reason: null, content_filter_results: {}, content_filter_offsets: { check_offset: 0 } }] });
  }
  if (s.usage) chunks.push({ ...top, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
  const joined: Json[] = [];
  chunks.forEach((chunk, i) => {
    const last = joined[joined.length - 1];
    const choices = chunk['choices'] as Json[];
    const lastChoices = last?.['choices'] as Json[] | undefined;
    if (s.joins[i] && last && last['id'] === chunk['id'] && lastChoices!.length > 0 && choices.length > 0) {
      last['choices'] = [...lastChoices!, ...choices];
    } else {
      joined.push({ ...chunk });
    }
  });
  if (s.roleEveryChunk) {
    for (const chunk of joined) {
      for (const c of chunk['choices'] as Json[]) if (c['delta']) c['delta'] = { role: 'assistant', ...(c['delta'] as Json) };
    }
  }
  return joined;
}

interface Completion {
  choices: Array<{ index: number; message: { content: string | null; tool_calls?: Array<{ function: { arguments: string } }> } }>;
}
interface Snapshot {
  choices: Array<{ message: { tool_calls?: unknown[] } }>;
}

describe('streams with the shapes compatible servers send', () => {
  it('equal the SDK 7.x, and textDeltas() / toolCallDeltas() agree with its completion and snapshots', async () => {
    await fc.assert(
      fc.asyncProperty(noisyStream, async (s) => {
        const chunks = chunksOf(s);
        const bytes = chatBytes(chunks);
        const sdk = await sdkChat([bytes]);
        expectEqual(withoutMadeUpIds(await ourChat([bytes])), withoutMadeUpIds(sdk));

        const completion = sdk.completion as Completion;
        const text = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(textDeltas(), toArray()));
        expect(text.join('')).toBe(completion.choices[0]!.message.content ?? '');

        const deltas = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toolCallDeltas(), toArray()));
        // The chunk each fragment came in, to find the SDK's snapshot after it.
        const chunkOf: number[] = [];
        chunks.forEach((chunk, i) => {
          for (const c of chunk['choices'] as Array<{ delta?: { tool_calls?: unknown[] } }>) for (const _ of c.delta?.tool_calls ?? []) chunkOf.push(i);
        });
        expect(deltas).toHaveLength(chunkOf.length);
        const args = new Map<string, string>();
        deltas.forEach((d, k) => {
          const snapshot = sdk.snapshots[chunkOf[k]!] as Snapshot;
          expectEqual(d.completion, snapshot);
          expectEqual(d.snapshot, snapshot.choices[d.choiceIndex]!.message.tool_calls![d.delta.index]);
          const key = `${d.choiceIndex}/${d.delta.index}`;
          args.set(key, (args.get(key) ?? '') + (d.delta.function?.arguments ?? ''));
        });
        for (const c of completion.choices) {
          (c.message.tool_calls ?? []).forEach((call, i) => expect(args.get(`${c.index}/${i}`)).toBe(call.function.arguments));
        }
      }),
      { numRuns: propertyRuns(2_000, 40) },
    );
  }, 300_000);
});

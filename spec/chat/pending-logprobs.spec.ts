/**
 * `finalChatCompletion()` and `toolCallDeltas()` hold the chunks' logprobs token lists back
 * (`pendingLogprobsReducer`) instead of copying each choice's list at every chunk: what they give must be what
 * `chatCompletionReducer` gives on the same chunks (key order included), and fail where it throws, whatever the
 * chunks: several choices and completions, lists, nulls and values of another kind, tool calls between, audio
 * answers and their ends.
 */
import fc from 'fast-check';
import { lastValueFrom, of, tap } from 'rxjs';
import { NO_PENDING_LOGPROBS, pendingLogprobsReducer, settledLogprobs } from '../../src/chat/snapshot/pending-logprobs';
import { accumulateChatCompletion, type ChatCompletionChunk, type ChatCompletionSnapshot, type ChatToolCallDeltaWithSnapshot, chatCompletionReducer, finalChatCompletion, SnapshotError, toolCallDeltas } from '../../src/index';
import { finalizeChatCompletion } from '../../src/chat/snapshot/finalize';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(10_000, 200);

const token = fc.string({ maxLength: 3 }).map((text) => ({ token: text, logprob: -0.5, bytes: [...Buffer.from(text)], top_logprobs: [] }));
const tokens = fc.oneof(
  { weight: 6, arbitrary: fc.array(token, { maxLength: 3 }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('not a list', false, 0, '', { a: 1 }, 5, [[]]) },
);
const logprobs = fc.oneof(
  { weight: 6, arbitrary: fc.record({ content: tokens, refusal: tokens, extra: fc.option(fc.nat(), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('LP', 5, true, []) },
);
const choice = fc.record({
  index: fc.integer({ min: 0, max: 2 }),
  role: fc.boolean(),
  content: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
  refusal: fc.option(fc.string({ maxLength: 2 }), { nil: undefined }),
  call: fc.option(fc.record({ index: fc.integer({ min: 0, max: 1 }), args: fc.string({ maxLength: 3 }) }), { nil: undefined }),
  finish: fc.option(fc.constantFrom('stop', 'tool_calls', 'length'), { nil: undefined }),
  // An audio answer's pieces, and its end: a delta of `audio` alone (the reducer marks the choice done).
  audio: fc.constantFrom(undefined, undefined, undefined, 'data', 'end'),
  logprobs,
});
const chunkOf = fc.record({ id: fc.constantFrom('a', 'a', 'a', 'b', ''), choices: fc.array(choice, { maxLength: 2 }) });

type ChoiceSpec = typeof choice extends fc.Arbitrary<infer C> ? C : never;

function built(spec: { id: string; choices: ChoiceSpec[] }): ChatCompletionChunk {
  return {
    id: spec.id,
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: spec.choices.map((c) => {
      const delta: Record<string, unknown> = {};
      if (c.role) delta['role'] = 'assistant';
      if (c.content !== undefined) delta['content'] = c.content;
      if (c.refusal !== undefined) delta['refusal'] = c.refusal;
      if (c.call) delta['tool_calls'] = [{ index: c.call.index, id: `call_${c.call.index}`, type: 'function', function: { name: 'f', arguments: c.call.args } }];
      if (c.audio === 'data') delta['audio'] = { id: 'audio_1', data: 'AAAA', transcript: 'Hi' };
      if (c.audio === 'end') for (const key of Object.keys(delta)) delete delta[key];
      if (c.audio === 'end') delta['audio'] = { expires_at: 1 };
      const lp = c.logprobs && typeof c.logprobs === 'object' && !Array.isArray(c.logprobs)
        ? Object.fromEntries(Object.entries(c.logprobs).filter(([, v]) => v !== undefined))
        : c.logprobs;
      return { index: c.index, delta, finish_reason: c.finish ?? null, ...(lp === undefined ? {} : { logprobs: lp }) };
    }),
  } as unknown as ChatCompletionChunk;
}

type Outcome = { value: unknown } | { error: string };
const outcome = (run: () => unknown): Outcome => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('pendingLogprobsReducer', () => {
  it("settled, is chatCompletionReducer's snapshot on the same chunks (key order included), or fails with its error at the same chunk", () => {
    fc.assert(
      fc.property(fc.array(chunkOf, { maxLength: 12 }), (specs) => {
        const chunks = specs.map(built);
        const expected = outcome(() => chunks.reduce<ChatCompletionSnapshot | undefined>(chatCompletionReducer, undefined));
        const actual = outcome(() => settledLogprobs(chunks.reduce(pendingLogprobsReducer, NO_PENDING_LOGPROBS)));
        expect(actual).toEqual(expected);
        if ('value' in actual && 'value' in expected) expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
      }),
      { numRuns: RUNS },
    );
  });

  it("finalChatCompletion() is the finalized reducer's snapshot; toolCallDeltas() gives each fragment the reducer's snapshot at its chunk", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chunkOf, { maxLength: 12 }), async (specs) => {
        const chunks = specs.map(built);
        const snapshots: Array<ChatCompletionSnapshot | undefined> = [];
        let thrown: unknown;
        try {
          for (const chunk of chunks) snapshots.push(chatCompletionReducer(snapshots.at(-1), chunk));
        } catch (error) {
          thrown = error;
        }
        const final = await lastValueFrom(of(...chunks).pipe(finalChatCompletion())).then(
          (value) => ({ value: JSON.stringify(value) }),
          (error: unknown) => ({ error: (error as Error).message }),
        );
        // A chunk the reducer refuses fails the stream (the operator names the chunk in its message).
        const finalized = thrown === undefined ? outcome(() => JSON.stringify(finalizeChatCompletion(snapshots.at(-1)))) : undefined;
        if (finalized === undefined) expect('error' in final).toBe(true);
        else expect(final).toEqual(finalized);

        const emitted: ChatToolCallDeltaWithSnapshot[] = [];
        const error = await lastValueFrom(of(...chunks).pipe(toolCallDeltas(), tap((d) => emitted.push(d as ChatToolCallDeltaWithSnapshot))), { defaultValue: undefined }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error !== undefined).toBe(thrown !== undefined);
        for (const { completion, delta } of emitted) {
          const at = chunks.findIndex((chunk) => chunk.choices.some((c) => c.delta?.tool_calls?.includes(delta)));
          expect(completion).toEqual(snapshots[at]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('an audio answer with logprobs, ended by a delta of audio alone: finish_reason stop, as the reducer and the SDK give it', async () => {
    const chunk = (delta: object, logprobs: object | null = null) =>
      ({ id: 'a', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-audio', choices: [{ index: 0, delta, logprobs, finish_reason: null }] }) as unknown as ChatCompletionChunk;
    const tokens = [{ token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [] }];
    const chunks = [
      chunk({ role: 'assistant' }),
      chunk({ audio: { id: 'audio_1', data: 'AAAA', transcript: 'Hi' } }, { content: tokens, refusal: null }),
      chunk({ audio: { expires_at: 1 } }),
    ];
    const completion = await lastValueFrom(of(...chunks).pipe(finalChatCompletion()));
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.logprobs).toEqual({ content: tokens, refusal: null });
    expect(JSON.stringify(completion)).toBe(JSON.stringify(finalizeChatCompletion(chunks.reduce<ChatCompletionSnapshot | undefined>(chatCompletionReducer, undefined))));
  });

  it("a choice whose list the reducer cannot append to fails at that chunk, with the reducer's SnapshotError, whatever follows", async () => {
    const chunk = (id: string, logprobs: object) =>
      ({ id, object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'x' }, logprobs, finish_reason: null }] }) as unknown as ChatCompletionChunk;
    const tokens = [{ token: 'x', logprob: -0.1, bytes: [120], top_logprobs: [] }];
    const stream = [chunk('a', { content: false, refusal: tokens }), chunk('a', { content: tokens, refusal: null })];
    const plain = await lastValueFrom(of(...stream).pipe(accumulateChatCompletion())).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(SnapshotError);
    for (const chunks of [stream, [...stream, { ...chunk('b', { content: tokens, refusal: null }), choices: [{ index: 0, delta: { role: 'assistant', content: 'y' }, logprobs: null, finish_reason: 'stop' }] } as unknown as ChatCompletionChunk]]) {
      const error = await lastValueFrom(of(...chunks).pipe(finalChatCompletion())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as Error).message).toBe((plain as Error).message);
    }
  });
});

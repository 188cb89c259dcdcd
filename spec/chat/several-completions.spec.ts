/**
 * A stream holding the chunks of several completions (the `event`s of `runChatTools()`'s turns, a relayed
 * runner): one snapshot, one set of events and one completion per completion id, the last completion final. The
 * oracle is the official SDK's `ChatCompletionStream.fromReadableStream()` on the same chunks, which starts a new
 * completion where a chunk brings another `id` (the runner's own streams, one per request, read one each).
 */
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { accumulateChatCompletion, chatCompletionEvents, chatCompletionReducer, type ChatCompletionChunk, type ChatCompletionSnapshot, finalChatCompletion } from '../../src/index';
import { finalParsed, parsedToolCalls, partialParsed } from '../../src/structured';
import { z } from 'zod';
import { propertyRuns } from '../helpers/property-runs';
import { chatBytes, ourChat, sdkChat, sdkChatOfSeveral, withoutMadeUpIds } from './sdk-chat';

const RUNS = propertyRuns(1_000, 30);

const top = (id: string) => ({ id, object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' });
const choice = (delta: object | undefined, extra: object = {}) => ({ index: 0, ...(delta ? { delta } : {}), logprobs: null, finish_reason: null, ...extra });
const chunk = (id: string, choices: object[], extra: object = {}) => ({ ...top(id), choices, ...extra });

/** A tool loop's two turns: some content and a call, then the answer (the reviewer's case). */
const turn1 = [
  chunk('c1', [choice({ role: 'assistant', content: 'Let me check.' })]),
  chunk('c1', [choice({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] })]),
  chunk('c1', [choice({}, { finish_reason: 'tool_calls' })]),
];
const turn2 = [
  chunk('c2', [choice({ role: 'assistant', content: 'It is ' })]),
  chunk('c2', [choice({ content: 'sunny.' }, { finish_reason: 'stop' })]),
];

describe('chunks of several completions in one stream', () => {
  it('a turn with content and a call, then the answer: each completion its own content and done events, the last one final, as in the SDK', async () => {
    const chunks = [...turn1, ...turn2];
    const ours = await ourChat([chatBytes(chunks)]);
    expect(ours).toEqual(await sdkChatOfSeveral(chunks));
    expect(ours.events).toEqual([
      { type: 'content.delta', delta: 'Let me check.', snapshot: 'Let me check.' },
      { type: 'content.done', content: 'Let me check.' },
      { type: 'tool_calls.function.arguments.delta', name: 'get_weather', index: 0, arguments: '{"city":"Oslo"}', arguments_delta: '{"city":"Oslo"}' },
      { type: 'tool_calls.function.arguments.done', name: 'get_weather', index: 0, arguments: '{"city":"Oslo"}' },
      { type: 'content.delta', delta: 'It is ', snapshot: 'It is ' },
      { type: 'content.delta', delta: 'sunny.', snapshot: 'It is sunny.' },
      { type: 'content.done', content: 'It is sunny.' },
    ]);
    expect(ours.completion).toMatchObject({ id: 'c2', choices: [{ finish_reason: 'stop', message: { content: 'It is sunny.' } }] });
    expect((ours.completion as { choices: Array<{ message: object }> }).choices[0]!.message).not.toHaveProperty('tool_calls');
    // Each completion's events and snapshots are those of its own stream.
    const [one, two] = [await sdkChat([chatBytes(turn1)]), await sdkChat([chatBytes(turn2)])];
    expect(ours.events).toEqual([...one.events, ...two.events]);
    expect(ours.snapshots).toEqual([...one.snapshots, ...two.snapshots]);
  });

  it('generated turns (content, refusals, function and custom calls, n = 2, usage chunks) equal the SDK', async () => {
    const turn = fc.record({
      n: fc.integer({ min: 1, max: 2 }),
      texts: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
      refusal: fc.option(fc.string({ minLength: 1, maxLength: 3 }), { nil: undefined }),
      tools: fc.array(fc.record({ custom: fc.boolean(), name: fc.constantFrom('a', 'b'), parts: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }) }), { maxLength: 2 }),
      finish: fc.constantFrom('stop', 'tool_calls', 'length'),
      usage: fc.boolean(),
    });
    const stream = fc.array(turn, { minLength: 2, maxLength: 3 }).map((turns) =>
      turns.flatMap((t, at) => {
        const id = `chatcmpl-${at}`;
        const chunks: object[] = [];
        for (let c = 0; c < t.n; c++) {
          chunks.push(chunk(id, [choice({ role: 'assistant', content: '' }, { index: c })]));
          for (const text of t.texts) chunks.push(chunk(id, [choice({ content: text }, { index: c })]));
          if (t.refusal !== undefined) chunks.push(chunk(id, [choice({ refusal: t.refusal }, { index: c })]));
          t.tools.forEach((tool, i) => {
            chunks.push(
              chunk(id, [
                choice(
                  {
                    tool_calls: [
                      tool.custom
                        ? { index: i, id: `call_${at}_${i}`, type: 'custom', custom: { name: tool.name, input: '' } }
                        : { index: i, id: `call_${at}_${i}`, type: 'function', function: { name: tool.name, arguments: '' } },
                    ],
                  },
                  { index: c },
                ),
              ]),
            );
            for (const part of tool.parts) {
              const next = tool.custom ? { index: i, custom: { input: part } } : { index: i, function: { arguments: part } };
              chunks.push(chunk(id, [choice({ tool_calls: [next] }, { index: c })]));
            }
          });
          chunks.push(chunk(id, [choice({}, { index: c, finish_reason: t.finish })]));
        }
        if (t.usage) chunks.push(chunk(id, [], { usage: { prompt_tokens: 1, completion_tokens: at, total_tokens: 1 + at } }));
        return chunks;
      }),
    );
    await fc.assert(
      fc.asyncProperty(stream, async (chunks) => {
        expect(withoutMadeUpIds(await ourChat([chatBytes(chunks)]))).toEqual(withoutMadeUpIds(await sdkChatOfSeveral(chunks)));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it("Azure: the first chunk's empty id starts the snapshot and the real id fills it in; an empty-id chunk belongs to the current completion, as in the SDK", async () => {
    const azure = (id: string, text: string) => [
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0 }] },
      { ...top(id), choices: [choice({ role: 'assistant', content: '' }, { content_filter_results: {} })] },
      { ...top(id), choices: [choice({ content: text })] },
      { ...top(id), choices: [choice({}, { finish_reason: 'stop' })] },
    ];
    const chunks = [...azure('chatcmpl-A', 'one'), ...azure('chatcmpl-B', 'two')];
    const ours = await ourChat([chatBytes(chunks)]);
    expect(ours).toEqual(await sdkChatOfSeveral(chunks));
    expect(ours.snapshots.map((s) => (s as { id: string }).id)).toEqual(['', 'chatcmpl-A', 'chatcmpl-A', 'chatcmpl-A', 'chatcmpl-A', 'chatcmpl-B', 'chatcmpl-B', 'chatcmpl-B']);
    expect(ours.snapshots[0]).toMatchObject({ prompt_filter_results: [{ prompt_index: 0 }] });
    expect(ours.completion).toMatchObject({ id: 'chatcmpl-B', choices: [{ message: { content: 'two' } }] });
  });

  it('the reducer stays pure: a new completion is a new snapshot, the one before is left as it was', () => {
    const chunks = [...turn1, ...turn2] as ChatCompletionChunk[];
    const snapshots: ReturnType<typeof chatCompletionReducer>[] = [];
    let snapshot: ReturnType<typeof chatCompletionReducer> | undefined;
    for (const c of chunks) snapshots.push((snapshot = chatCompletionReducer(snapshot, c)));
    const before = structuredClone(snapshots[2]);
    const next = chatCompletionReducer(snapshots[2], chunks[3]!);
    expect(snapshots[2]).toEqual(before);
    expect(next.choices[0]).not.toBe(snapshots[2]!.choices[0]);
    expect(next).toEqual(chatCompletionReducer(undefined, chunks[3]!));
    // Within a completion, an untouched choice keeps its identity.
    const two = [chunk('x', [choice({ role: 'assistant', content: 'a' }, { index: 0 }), choice({ role: 'assistant', content: 'b' }, { index: 1 })])] as ChatCompletionChunk[];
    const first = chatCompletionReducer(undefined, two[0]!);
    const after = chatCompletionReducer(first, chunk('x', [choice({ content: 'c' }, { index: 1 })]) as ChatCompletionChunk);
    expect(after.choices[0]).toBe(first.choices[0]);
  });

  it('accumulateChatCompletion() and chatCompletionEvents() over the two turns as plain values', async () => {
    const chunks = [...turn1, ...turn2] as ChatCompletionChunk[];
    const snapshots = await lastValueFrom(from(chunks).pipe(accumulateChatCompletion(), toArray()));
    expect(snapshots.map((s) => s.choices[0]!.message.content)).toEqual(['Let me check.', 'Let me check.', 'Let me check.', 'It is ', 'It is sunny.']);
    expect(snapshots.at(-1)!.choices[0]!.message.tool_calls).toBeUndefined();
    const done = await lastValueFrom(from(chunks).pipe(chatCompletionEvents('content.done'), toArray()));
    expect(done.map((e) => e.content)).toEqual(['Let me check.', 'It is sunny.']);
  });
});

describe('a compatible server that gives every chunk of one completion an id of its own', () => {
  // Foundry Local, llama.cpp, LiteLLM and others have sent a new id per chunk: the SDK's live stream accumulates one
  // completion whatever the ids, and so do the snapshots here: only a finished completion gives way to another id.
  const varying = [
    chunk('x0', [choice({ role: 'assistant', content: '' })]),
    chunk('x1', [choice({ content: 'Hello' })]),
    chunk('x2', [choice({ content: ', world' })]),
    chunk('x3', [choice({}, { finish_reason: 'stop' })]),
  ];

  it("one completion: the snapshots, the final completion and the events are the SDK's live stream's", async () => {
    const ours = await ourChat([chatBytes(varying)]);
    expect(ours).toEqual(await sdkChat([chatBytes(varying)]));
    expect((ours.completion as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('Hello, world');
    expect(ours.events.filter((e) => (e as { type: string }).type === 'content.done')).toEqual([{ type: 'content.done', content: 'Hello, world' }]);
  });

  it('a usage chunk of yet another id belongs to the finished completion (include_usage on such a server)', async () => {
    const usage = chunk('x4', [], { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
    const chunks = [...varying, usage] as ChatCompletionChunk[];
    const ours = await ourChat([chatBytes(chunks)]);
    expect(ours).toEqual(await sdkChat([chatBytes(chunks)]));
    expect(ours.completion).toMatchObject({ choices: [{ message: { content: 'Hello, world' } }], usage: { total_tokens: 7 } });
  });

  it("a chunk of another id after the finish with choices but an empty delta, or none, is the same completion's (LiteLLM's usage chunk, Azure's filter chunk)", async () => {
    const trailing = [
      chunk('x4', [choice({})], { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }),
      chunk('x5', [choice(undefined, { content_filter_results: { hate: { filtered: false, severity: 'safe' } } })]),
    ];
    const chunks = [...varying, ...trailing] as ChatCompletionChunk[];
    const ours = await ourChat([chatBytes(chunks)]);
    expect(ours).toEqual(await sdkChat([chatBytes(chunks)]));
    expect(ours.completion).toMatchObject({ choices: [{ message: { content: 'Hello, world' }, finish_reason: 'stop' }], usage: { total_tokens: 7 } });
    const json = [chunk('j0', [choice({ role: 'assistant', content: '{"city":' })]), chunk('j1', [choice({ content: '"Oslo"}' }, { finish_reason: 'stop' })]), ...trailing];
    expect(await lastValueFrom(from(json as ChatCompletionChunk[]).pipe(finalParsed(z.object({ city: z.string() }))))).toEqual({ city: 'Oslo' });
  });

  it('a finished completion followed by chunks of another id still starts a new one (a tool loop of such a server)', async () => {
    const second = [chunk('y0', [choice({ role: 'assistant', content: 'Bye' })]), chunk('y1', [choice({}, { finish_reason: 'stop' })])];
    const snapshots = await lastValueFrom(from([...varying, ...second] as ChatCompletionChunk[]).pipe(accumulateChatCompletion(), toArray()));
    expect(snapshots.map((s) => s.choices[0]!.message.content)).toEqual(['', 'Hello', 'Hello, world', 'Hello, world', 'Bye', 'Bye']);
  });

  describe('with the role in every chunk too (Foundry Local 0.6)', () => {
    const withRole = [
      chunk('f1', [choice({ role: 'assistant', content: '{"city"' })]),
      chunk('f2', [choice({ role: 'assistant', content: ':"Oslo"' })]),
      chunk('f3', [choice({ role: 'assistant', content: ',"t":3}' })]),
      chunk('f4', [choice({ role: 'assistant', content: '' }, { finish_reason: 'stop' })]),
    ] as ChatCompletionChunk[];

    it("one completion: the snapshots, the final completion and the events are the SDK's live stream's", async () => {
      const ours = await ourChat([chatBytes(withRole)]);
      expect(ours).toEqual(await sdkChat([chatBytes(withRole)]));
      expect(ours.snapshots.map((s) => (s as ChatCompletionSnapshot).choices[0]!.message.content)).toEqual(['{"city"', '{"city":"Oslo"', '{"city":"Oslo","t":3}', '{"city":"Oslo","t":3}']);
      expect(ours.events.filter((e) => (e as { type: string }).type === 'content.done')).toEqual([{ type: 'content.done', content: '{"city":"Oslo","t":3}' }]);
    });

    it('finalParsed and partialParsed read one answer; a next turn still starts anew', async () => {
      const City = z.object({ city: z.string(), t: z.number() });
      expect(await lastValueFrom(from(withRole).pipe(finalParsed(City)))).toEqual({ city: 'Oslo', t: 3 });
      expect((await lastValueFrom(from(withRole).pipe(partialParsed(City), toArray()))).at(-1)).toEqual({ city: 'Oslo', t: 3 });
      const next = [chunk('g1', [choice({ role: 'assistant', content: '{"city":"Rome","t":4}' })]), chunk('g2', [choice({ role: 'assistant' }, { finish_reason: 'stop' })])] as ChatCompletionChunk[];
      expect(await lastValueFrom(from([...withRole, ...next]).pipe(finalParsed(City)))).toEqual({ city: 'Rome', t: 4 });
      const finals = await lastValueFrom(from([...withRole, ...next]).pipe(finalChatCompletion()));
      expect(finals.choices[0]!.message.content).toBe('{"city":"Rome","t":4}');
    });

    it('two choices (n = 2): both kept, as the SDK keeps them', async () => {
      const two = [
        chunk('h1', [choice({ role: 'assistant', content: 'A' }, { index: 0 })]),
        chunk('h2', [choice({ role: 'assistant', content: 'B' }, { index: 1 })]),
        chunk('h3', [choice({ role: 'assistant', content: 'a' }, { index: 0, finish_reason: 'stop' })]),
        chunk('h4', [choice({ role: 'assistant', content: 'b' }, { index: 1, finish_reason: 'stop' })]),
      ] as ChatCompletionChunk[];
      const ours = await ourChat([chatBytes(two)]);
      expect(ours.completion).toEqual((await sdkChat([chatBytes(two)])).completion);
      expect((ours.completion as ChatCompletionSnapshot).choices.map((c) => c.message.content)).toEqual(['Aa', 'Bb']);
    });

    it('parsedToolCalls: a call streamed over such chunks is one call', async () => {
      const Args = z.object({ city: z.string() });
      const call = (id: string, fragment: object, finish: string | null = null) => chunk(id, [choice({ role: 'assistant', tool_calls: [{ index: 0, ...fragment }] }, { finish_reason: finish })]);
      const chunks = [
        call('t1', { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"ci' } }),
        call('t2', { function: { arguments: 'ty":"Os' } }),
        call('t3', { function: { arguments: 'lo"}' } }, 'tool_calls'),
      ] as ChatCompletionChunk[];
      const calls = await lastValueFrom(from(chunks).pipe(parsedToolCalls({ weather: Args }), toArray()));
      expect(calls).toMatchObject([{ name: 'weather', callId: 'call_1', parsedArguments: { city: 'Oslo' } }]);
    });
  });

  describe('with n > 1 and an id per choice (sglang)', () => {
    const at = (id: string, index: number, delta: object, finish: string | null = null) => chunk(id, [{ ...choice(delta, { finish_reason: finish }), index }]);
    const interleaved = [
      at('A', 0, { role: 'assistant', content: '' }),
      at('A', 0, { content: '{"city":' }),
      at('B', 1, { role: 'assistant', content: '' }),
      at('B', 1, { content: '{"city":"Paris"}' }),
      at('A', 0, { content: '"Oslo"}' }),
      at('A', 0, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] }),
      at('A', 0, {}, 'tool_calls'),
      at('B', 1, {}, 'stop'),
    ] as ChatCompletionChunk[];
    // One choice after the other, each chunk an id of its own.
    const oneAfterTheOther = [
      at('a0', 0, { role: 'assistant', content: 'Hello' }),
      at('a1', 0, { content: ' world' }, 'stop'),
      at('b0', 1, { role: 'assistant', content: 'Bonjour' }),
      at('b1', 1, { content: ' monde' }, 'stop'),
    ] as ChatCompletionChunk[];

    it.each([
      ['interleaved', interleaved],
      ['one choice after the other', oneAfterTheOther],
    ])("%s: one completion of both choices, the snapshots, the final completion and the events the SDK's live stream's", async (_, chunks) => {
      const ours = await ourChat([chatBytes(chunks)]);
      expect(ours).toEqual(await sdkChat([chatBytes(chunks)]));
      expect((ours.completion as { choices: unknown[] }).choices).toHaveLength(2);
    });

    it("the structured operators read the wanted choice's whole text and calls", async () => {
      const City = z.object({ city: z.string() });
      expect(await lastValueFrom(from(interleaved).pipe(finalParsed(City, { choice: 0 })))).toEqual({ city: 'Oslo' });
      expect(await lastValueFrom(from(interleaved).pipe(finalParsed(City, { choice: 1 })))).toEqual({ city: 'Paris' });
      const calls = await lastValueFrom(from(interleaved).pipe(parsedToolCalls({ weather: City }), toArray()));
      expect(calls).toMatchObject([{ name: 'weather', callId: 'call_1', parsedArguments: { city: 'Oslo' } }]);
    });

    it('a next completion that opens a choice shown before still starts anew (a tool loop on such a server)', async () => {
      const next = [at('C', 0, { role: 'assistant', content: 'Bye' }), at('C', 0, {}, 'stop')] as ChatCompletionChunk[];
      const snapshots = await lastValueFrom(from([...oneAfterTheOther, ...next]).pipe(accumulateChatCompletion(), toArray()));
      expect(snapshots.at(-1)!.choices.map((c) => c.message.content)).toEqual(['Bye']);
    });
  });

  describe('retries after cuts, on an API with one id per completion', () => {
    const t = (id: string, delta: object, finish: string | null = null) => chunk(id, [choice(delta, { finish_reason: finish })]);
    // Cut after its first chunk (joined with the next attempt: nothing but the role was lost), then cut mid-answer.
    const cuts = (first: string, second: string, whole: string, azure = false) =>
      [
        ...(azure ? [chunk('', [], { prompt_filter_results: [] })] : []),
        t('A', { role: 'assistant', content: '' }),
        ...(azure ? [chunk('', [], { prompt_filter_results: [] })] : []),
        t('B', { role: 'assistant', content: '' }),
        t('B', { content: first }),
        ...(azure ? [chunk('', [], { prompt_filter_results: [] })] : []),
        t('C', { role: 'assistant', content: '' }),
        t('C', { content: second }),
        t('C', { content: whole }),
        t('C', {}, 'stop'),
      ] as ChatCompletionChunk[];

    it.each([[false], [true]])('twice (Azure-style empty-id chunks: %s): the last attempt alone, for every operator', async (azure) => {
      const chunks = cuts('{"city":"Os', '{"city":', '"Oslo"}', azure);
      const final = await lastValueFrom(from(chunks).pipe(finalChatCompletion()));
      expect(final.choices[0]!.message.content).toBe('{"city":"Oslo"}');
      const City = z.object({ city: z.string() });
      expect(await lastValueFrom(from(chunks).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
      const done = await lastValueFrom(from(chunks).pipe(chatCompletionEvents('content.done'), toArray()));
      expect(done.map((e) => e.content)).toEqual(['{"city":"Oslo"}']);
    });

    it('a tool call cut twice: parsedToolCalls and the final completion have the last attempt\'s call alone', async () => {
      const call = (id: string, fragment: object, finish: string | null = null) => t(id, { tool_calls: [{ index: 0, ...fragment }] }, finish);
      const opening = (id: string, callId: string) => t(id, { role: 'assistant', content: null, tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: 'weather', arguments: '' } }] });
      const chunks = [
        opening('A', 'call_A'),
        opening('B', 'call_B'),
        call('B', { function: { arguments: '{"city":"Os' } }),
        opening('C', 'call_C'),
        call('C', { function: { arguments: '{"city":"Oslo"}' } }),
        t('C', {}, 'tool_calls'),
      ] as ChatCompletionChunk[];
      const calls = await lastValueFrom(from(chunks).pipe(parsedToolCalls({ weather: z.object({ city: z.string() }) }), toArray()));
      expect(calls).toMatchObject([{ callId: 'call_C', parsedArguments: { city: 'Oslo' } }]);
      const final = await lastValueFrom(from(chunks).pipe(finalChatCompletion()));
      expect(final.choices[0]!.message.tool_calls).toMatchObject([{ id: 'call_C', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }]);
    });
  });

  it('a retry after a cut: the new completion (its role chunk, another id) starts anew, on an API with one id per completion', async () => {
    const cut = [chunk('r1', [choice({ role: 'assistant', content: '' })]), chunk('r1', [choice({ content: 'Hel' })])];
    const again = [chunk('r2', [choice({ role: 'assistant', content: '' })]), chunk('r2', [choice({ content: 'Hello' })]), chunk('r2', [choice({}, { finish_reason: 'stop' })])];
    const final = await lastValueFrom(from([...cut, ...again] as ChatCompletionChunk[]).pipe(finalChatCompletion()));
    expect(final.choices[0]!.message.content).toBe('Hello');
  });

  it('chunks whose choices carry a `message` beside their `delta` (Foundry Local): the message is still the deltas\'', async () => {
    // The SDK copies such a choice's `message` over the one it accumulates, keeping the last delta's text alone.
    const withMessage = varying.map((c) => ({
      ...c,
      choices: c.choices.map((ch) => ({ ...ch, message: { role: 'assistant', content: '' } })),
    })) as unknown as ChatCompletionChunk[];
    const ours = await ourChat([chatBytes(withMessage)]);
    expect((ours.completion as { choices: Array<{ message: { content: string } }> }).choices[0]!.message).toEqual({
      role: 'assistant',
      content: 'Hello, world',
      refusal: null,
    });
    expect(ours.snapshots.map((s) => (s as ChatCompletionSnapshot).choices[0]!.message.content)).toEqual(['', 'Hello', 'Hello, world', 'Hello, world']);
    // The difference docs/chat-and-responses.md states: the SDK keeps the last delta's text alone (none here).
    expect((await sdkChat([chatBytes(withMessage)])).completion).toMatchObject({ choices: [{ message: { content: '' } }] });
  });

  it('a choice with a `message` and no `delta` takes the message, as the SDK does', async () => {
    const whole = [
      chunk('w0', [{ index: 0, message: { role: 'assistant', content: 'Whole answer' }, finish_reason: null }]),
      chunk('w0', [{ index: 0, message: { role: 'assistant', content: 'Whole answer' }, finish_reason: 'stop' }]),
    ] as unknown as ChatCompletionChunk[];
    const ours = await ourChat([chatBytes(whole)]);
    expect((ours.completion as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('Whole answer');
    expect(ours.completion).toEqual((await sdkChat([chatBytes(whole)])).completion);
  });
});

describe('a retry after a cut: the cut attempt never finished, the next one brings another id', () => {
  it('a server that keeps one id per completion: the retry starts a completion of its own, the last one final', async () => {
    const cut = [chunk('c1', [choice({ role: 'assistant', content: '' })]), chunk('c1', [choice({ content: '{"city' })])];
    const retried = [
      chunk('c2', [choice({ role: 'assistant', content: '' })]),
      chunk('c2', [choice({ content: '{"city":"Oslo"}' })]),
      chunk('c2', [choice({}, { finish_reason: 'stop' })]),
    ];
    const snapshots = await lastValueFrom(from([...cut, ...retried] as ChatCompletionChunk[]).pipe(accumulateChatCompletion(), toArray()));
    expect(snapshots.map((s) => [s.id, s.choices[0]!.message.content])).toEqual([
      ['c1', ''],
      ['c1', '{"city'],
      ['c2', ''],
      ['c2', '{"city":"Oslo"}'],
      ['c2', '{"city":"Oslo"}'],
    ]);
    const events = await lastValueFrom(from([...cut, ...retried] as ChatCompletionChunk[]).pipe(chatCompletionEvents(), toArray()));
    expect(events.filter((e) => e.type === 'content.done')).toEqual([{ type: 'content.done', choiceIndex: 0, content: '{"city":"Oslo"}' }]);
  });
});


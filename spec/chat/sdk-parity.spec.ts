/**
 * Snapshots, final completion and events equal the official SDK 7.x's on the same bytes: recorded streams through
 * every chunking, Azure OpenAI's wire shapes, the four places where 6.x and 7.x differ, custom tool calls, and
 * generated streams with unread fields dropped, unknown enum values and unknown keys.
 */
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { chatCompletionChunks, finalChatCompletion } from '../../src/index';
import { chunksAtEdges, chunksOf, fixtureBytes, fixtureNames, splitAt, streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { chatBytes, ourChat, sdkChat, withoutMadeUpIds } from './sdk-chat';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(2_000, 50);

const recordings: Array<[string, string]> = [
  ...fixtureNames('chat-completions').map((name): [string, string] => ['chat-completions', name]),
  ['chat-recorded', 'openai-text-obfuscation.sse'],
];

describe('the same bytes through us and through the official SDK 7.x', () => {
  describe.each(recordings)('%s/%s', (folder, name) => {
    const bytes = fixtureBytes(folder, name);

    it('equal snapshots, final completion and events, read whole and one byte at a time (a long one at its ends)', async () => {
      const sdk = await sdkChat([bytes]);
      expectEqual(await ourChat([bytes]), sdk);
      expectEqual(await ourChat(chunksAtEdges(bytes, 1)), sdk);
    });

    it('equal whatever the chunking', async () => {
      const sdk = await sdkChat([bytes]);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 30 }), async (cuts) => {
          expectEqual(await ourChat(splitAt(bytes, cuts)), sdk);
        }),
        { numRuns: Math.max(3, Math.round(RUNS / 20)) },
      );
    });
  });

  it('the recorded obfuscated stream: no `obfuscation` in any snapshot or the completion (it is per-chunk padding)', async () => {
    const ours = await ourChat([fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse')]);
    expect(ours.snapshots.length).toBeGreaterThan(300);
    for (const snapshot of ours.snapshots) expect(snapshot).not.toHaveProperty('obfuscation');
    expect(ours.completion).not.toHaveProperty('obfuscation');
    expect(ours.completion).toMatchObject({ usage: { total_tokens: 316 }, service_tier: 'default' });
  });
});

// ---- Azure OpenAI ---------------------------------------------------------------------------------------------

const filters = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};
const azureTop = { created: 1727180541, id: 'chatcmpl-AB1', model: 'gpt-4o-2024-08-06', object: 'chat.completion.chunk' };
const azureChoice = (delta: object, extra: object = {}) => ({
  content_filter_results: filters,
  delta,
  finish_reason: null,
  index: 0,
  logprobs: null,
  ...extra,
});
/** Azure OpenAI's wire: a prompt-filter chunk with empty id/object/model, per-choice filter results, a null
 *  fingerprint, and a trailing content-filter chunk whose choice has no delta. */
const azureChunks = [
  { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }] },
  { choices: [{ ...azureChoice({ content: '', refusal: null, role: 'assistant' }), content_filter_results: {} }], ...azureTop, system_fingerprint: 'fp_5050236cbd' },
  { choices: [azureChoice({ content: 'Hello' })], ...azureTop, system_fingerprint: null },
  { choices: [azureChoice({ content: ' there' })], ...azureTop, system_fingerprint: null },
  { choices: [{ ...azureChoice({}, { finish_reason: 'stop' }), content_filter_results: {} }], ...azureTop, system_fingerprint: null },
  {
    choices: [{ content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 11 }, content_filter_results: filters, finish_reason: null, index: 0 }],
    ...azureTop,
    system_fingerprint: null,
  },
];

describe('Azure OpenAI streams', () => {
  it('complete, with the SDK 7.x snapshots, completion and events', async () => {
    const bytes = chatBytes(azureChunks);
    const sdk = await sdkChat([bytes]);
    const ours = await ourChat([bytes]);
    expectEqual(ours, sdk);
    expect(ours.completion).toMatchObject({
      id: 'chatcmpl-AB1',
      object: 'chat.completion',
      prompt_filter_results: [{ prompt_index: 0 }],
      choices: [{ finish_reason: 'stop', content_filter_results: filters, message: { content: 'Hello there' } }],
    });
    expectEqual(await ourChat(chunksOf(bytes, 1)), sdk);
  });

  it('a tool call stream with filter results completes as in the SDK', async () => {
    const call = (tool: object) => azureChoice({ tool_calls: [tool] });
    const bytes = chatBytes([
      azureChunks[0]!,
      { choices: [azureChoice({ role: 'assistant', content: null })], ...azureTop, system_fingerprint: null },
      { choices: [call({ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } })], ...azureTop },
      { choices: [call({ index: 0, function: { arguments: '{"city":"Oslo"}' } })], ...azureTop },
      { choices: [azureChoice({}, { finish_reason: 'tool_calls' })], ...azureTop },
      azureChunks[5]!,
    ]);
    expectEqual(await ourChat([bytes]), await sdkChat([bytes]));
  });
});

// ---- where openai 7.x differs from 6.x ------------------------------------------------------------------------

const top = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const choice = (delta: object | undefined, extra: object = {}) => ({ index: 0, ...(delta ? { delta } : {}), logprobs: null, finish_reason: null, ...extra });
const chunk = (choices: object[], extra: object = {}) => ({ ...top, choices, ...extra });

describe('the official SDK 7.x rules', () => {
  it('content: "" stays "" (not null) and fires content.done', async () => {
    const bytes = chatBytes([chunk([choice({ role: 'assistant', content: '' })]), chunk([choice({}, { finish_reason: 'stop' })])]);
    const ours = await ourChat([bytes]);
    expectEqual(ours, await sdkChat([bytes]));
    expect(ours.completion).toMatchObject({ choices: [{ message: { content: '' } }] });
    expect(ours.events).toEqual([{ type: 'content.done', content: '' }]);
  });

  it('interleaved parallel tool calls: a done event at every switch, the last one with the whole arguments', async () => {
    const fragment = (index: number, fn: object, extra: object = {}) => chunk([choice({ tool_calls: [{ index, ...extra, function: fn }] })]);
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', content: null })]),
      fragment(0, { name: 'a', arguments: '' }, { id: 'call_a', type: 'function' }),
      fragment(1, { name: 'b', arguments: '' }, { id: 'call_b', type: 'function' }),
      fragment(0, { arguments: '{"x":' }),
      fragment(1, { arguments: '{"y":' }),
      fragment(0, { arguments: '1}' }),
      fragment(1, { arguments: '2}' }),
      chunk([choice({}, { finish_reason: 'tool_calls' })]),
    ]);
    const ours = await ourChat([bytes]);
    expectEqual(ours, await sdkChat([bytes]));
    const done = ours.events.filter((e) => (e as { type: string }).type === 'tool_calls.function.arguments.done');
    expect(done.map((e) => (e as { index: number; arguments: string }).arguments)).toEqual(['', '', '{"x":', '{"y":', '{"x":1}', '{"y":2}']);
  });

  it('an audio answer that ends with an expires_at-only chunk gets finish_reason "stop"', async () => {
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', content: null, audio: { id: 'audio_1', data: 'AAA', transcript: 'Hi' } })]),
      chunk([choice({ audio: { data: 'BBB', transcript: ' there' } })]),
      chunk([choice({ audio: { expires_at: 1727180541 } })]),
      chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
    ]);
    const ours = await ourChat([bytes]);
    expectEqual(ours, await sdkChat([bytes]));
    expect(ours.completion).toMatchObject({
      choices: [{ finish_reason: 'stop', message: { audio: { id: 'audio_1', data: 'AAABBB', transcript: 'Hi there', expires_at: 1727180541 } } }],
    });
  });

  it('an audio answer whose last delta is not the expires_at-only one still needs a finish_reason, as in the SDK', async () => {
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', audio: { id: 'audio_1', data: 'AAA', transcript: 'Hi' } })]),
      chunk([choice({ audio: { expires_at: 1 } })]),
      chunk([choice({ content: 'x' })]),
    ]);
    expect((await sdkChat([bytes])).completion).toEqual({ sdkRejected: expect.stringContaining('finish_reason') });
    await expect(lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()))).rejects.toThrow('finish_reason');
  });

  it('custom tool call deltas accumulate name and input, and reach the completion as in the SDK', async () => {
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', content: null })]),
      chunk([choice({ tool_calls: [{ index: 0, id: 'call_c', type: 'custom', custom: { name: 'sql', input: '' } }] })]),
      chunk([choice({ tool_calls: [{ index: 0, custom: { input: 'SELECT ' } }] })]),
      chunk([choice({ tool_calls: [{ index: 0, custom: { input: '1' } }] })]),
      chunk([choice({}, { finish_reason: 'tool_calls' })]),
    ]);
    const ours = await ourChat([bytes]);
    expectEqual(ours, await sdkChat([bytes]));
    expect(ours.completion).toMatchObject({
      choices: [{ message: { tool_calls: [{ id: 'call_c', type: 'custom', custom: { name: 'sql', input: 'SELECT 1' } }] } }],
    });
  });
});

// ---- generated streams ----------------------------------------------------------------------------------------

/** A valid stream: content and/or refusal, maybe tool calls (function or custom), then finish, maybe usage. */
const validStream = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    texts: fc.array(fc.string({ maxLength: 6 }), { maxLength: 5 }),
    refusal: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    tools: fc.array(
      fc.record({ custom: fc.boolean(), name: fc.constantFrom('a', 'b'), parts: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }) }),
      { maxLength: 2 },
    ),
    finish: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'a_new_reason'),
    usage: fc.boolean(),
  })
  .map(({ n, texts, refusal, tools, finish, usage }) => {
    const chunks: Array<Record<string, unknown>> = [];
    for (let c = 0; c < n; c++) {
      chunks.push(chunk([choice({ role: 'assistant', content: '' }, { index: c })], { system_fingerprint: 'fp_1', service_tier: 'default', usage: null }));
      for (const text of texts) chunks.push(chunk([choice({ content: text }, { index: c })], { obfuscation: 'pad' }));
      for (const part of refusal ?? []) chunks.push(chunk([choice({ refusal: part }, { index: c })]));
      tools.forEach((tool, t) => {
        const first = tool.custom
          ? { index: t, id: `call_${t}`, type: 'custom', custom: { name: tool.name, input: '' } }
          : { index: t, id: `call_${t}`, type: 'function', function: { name: tool.name, arguments: '' } };
        chunks.push(chunk([choice({ tool_calls: [first] }, { index: c })]));
        for (const part of tool.parts) {
          const next = tool.custom ? { index: t, custom: { input: part } } : { index: t, function: { arguments: part } };
          chunks.push(chunk([choice({ tool_calls: [next] }, { index: c })]));
        }
      });
      chunks.push(chunk([choice({}, { index: c, finish_reason: finish })]));
    }
    if (usage) chunks.push(chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }));
    return chunks;
  });

/** Paths of fields no reader of the library reads (dropping them must change nothing but themselves). */
const UNREAD_TOP = ['object', 'created', 'model', 'system_fingerprint', 'service_tier', 'usage', 'obfuscation'];
const UNREAD_CHOICE = ['logprobs'];

/** Whether `value` holds an own `__proto__` key at any depth (as `JSON.parse('{"__proto__":1}')` gives one). */
function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  return Object.values(value).some(hasProtoKey);
}

/**
 * An unknown field's value. Without `__proto__` keys: the SDK's accumulation assigns keys, so such a key becomes
 * the prototype of its object there, while ours keeps it as data, as `JSON.parse` gives it (a deliberate
 * difference, tested on its own below).
 */
const unknownValue = fc.jsonValue().filter((value) => !hasProtoKey(value));

const mutation = fc.record({
  drop: fc.subarray([...UNREAD_TOP, ...UNREAD_CHOICE.map((k) => `choice.${k}`)]),
  role: fc.constantFrom('assistant', 'critic'),
  tier: fc.constantFrom('default', 'turbo', null),
  extra: fc.option(fc.dictionary(fc.constantFrom('shiny', 'x_meta', 'content_filter_results'), unknownValue, { maxKeys: 2 }), { nil: undefined }),
});

function mutate(chunks: Array<Record<string, unknown>>, m: { drop: string[]; role: string; tier: string | null; extra?: Record<string, unknown> }) {
  return chunks.map((original) => {
    const c: Record<string, unknown> = { ...original, ...(m.extra ?? {}) };
    if ('service_tier' in c) c['service_tier'] = m.tier;
    for (const key of m.drop) if (!key.startsWith('choice.')) delete c[key];
    c['choices'] = (original['choices'] as Array<Record<string, unknown>>).map((ch) => {
      const copy: Record<string, unknown> = { ...ch, ...(m.extra ?? {}) };
      for (const key of m.drop) if (key.startsWith('choice.')) delete copy[key.slice(7)];
      const delta = copy['delta'] as Record<string, unknown> | undefined;
      if (delta?.['role'] !== undefined) copy['delta'] = { ...delta, role: m.role, ...(m.extra ?? {}) };
      return copy;
    });
    return c;
  });
}

describe('generated valid streams', () => {
  it('complete and equal the SDK 7.x (snapshots, completion, events)', async () => {
    await fc.assert(
      fc.asyncProperty(validStream, async (chunks) => {
        const bytes = chatBytes(chunks);
        expectEqual(withoutMadeUpIds(await ourChat([bytes])), withoutMadeUpIds(await sdkChat([bytes])));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('with unread fields dropped, unknown enum values and unknown keys: still complete and equal the SDK 7.x', async () => {
    await fc.assert(
      fc.asyncProperty(validStream, mutation, async (chunks, m) => {
        const bytes = chatBytes(mutate(chunks, m));
        const ours = await ourChat([bytes]);
        const sdk = await sdkChat([bytes]);
        if (m.role === 'assistant') {
          expectEqual(withoutMadeUpIds(ours), withoutMadeUpIds(sdk));
        } else {
          // Deliberate: the SDK's finalChatCompletion() rejects a message whose role is not `assistant`; ours
          // reports the completion with the role the stream gave (events and snapshots are the SDK's).
          expect(sdk.completion).toEqual({ sdkRejected: expect.stringContaining('role=assistant') });
          expect(withoutMadeUpIds({ ...ours, completion: undefined })).toEqual(withoutMadeUpIds({ ...sdk, completion: undefined }));
          const roles = (ours.completion as { choices: Array<{ message: { role: string } }> }).choices.map((c) => c.message.role);
          expect(new Set(roles)).toEqual(new Set([m.role]));
        }
        const emitted = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toArray()));
        expect(emitted).toEqual(mutate(chunks, m).map((c) => JSON.parse(JSON.stringify(c))));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('where ours differs from the SDK 7.x on purpose', () => {
  it("concatenates compatible servers' reasoning text (reasoning_content, reasoning), a null keeping it; the SDK keeps the last fragment", async () => {
    for (const key of ['reasoning_content', 'reasoning']) {
      const bytes = chatBytes([
        chunk([choice({ role: 'assistant', content: null, [key]: null })]),
        chunk([choice({ [key]: 'Think ' })]),
        chunk([choice({ [key]: 'hard.' })]),
        // DeepSeek sends the content with a null reasoning.
        chunk([choice({ content: 'Yes.', [key]: null })]),
        chunk([choice({}, { finish_reason: 'stop' })]),
      ]);
      const ours = await ourChat([bytes]);
      const message = (ours.completion as { choices: Array<{ message: Record<string, unknown> }> }).choices[0]!.message;
      expect([key, message[key], message['content']]).toEqual([key, 'Think hard.', 'Yes.']);
      expect(((ours.snapshots.at(-1) as { choices: Array<{ message: Record<string, unknown> }> }).choices[0]!.message)[key]).toBe('Think hard.');
      // With logprobs on the content too (the final operator holds the tokens back): the same message.
      const withLogprobs = chatBytes([
        chunk([choice({ role: 'assistant', [key]: 'Think ' })]),
        chunk([choice({ content: 'Yes', [key]: null }, { logprobs: { content: [{ token: 'Yes', logprob: -0.1, bytes: [89], top_logprobs: [] }] } })]),
        chunk([choice({ [key]: 'again.' })]),
        chunk([choice({}, { finish_reason: 'stop' })]),
      ]);
      const again = (await ourChat([withLogprobs])).completion as { choices: Array<{ message: Record<string, unknown> }> };
      expect(again.choices[0]!.message[key]).toBe('Think again.');
      const sdk = (await sdkChat([bytes])).completion as { choices: Array<{ message: Record<string, unknown> }> };
      expect(sdk.choices[0]!.message[key]).toBeNull();
    }
  });

  it('a tool call without a type (Mistral, vLLM) takes the one its fields tell in the completion; the SDK fails', async () => {
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', function: { name: 'get_weather', arguments: '{"city":' } }] })]),
      chunk([choice({ tool_calls: [{ index: 0, function: { arguments: '"Rome"}' } }] })]),
      chunk([choice({}, { finish_reason: 'tool_calls' })]),
    ]);
    const ours = (await ourChat([bytes])).completion as { choices: Array<{ message: { tool_calls: unknown[] } }> };
    expect(ours.choices[0]!.message.tool_calls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }]);
    expect((await sdkChat([bytes])).completion).toEqual({ sdkRejected: expect.stringContaining('type') });
    // With a function and a custom object both, a function call (as parsedToolCalls() reads it).
    const both = chatBytes([
      chunk([choice({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_2', function: { name: 'add', arguments: '{}' }, custom: { name: 'add', input: 'x' } }] })]),
      chunk([choice({}, { finish_reason: 'tool_calls' })]),
    ]);
    const read = (await ourChat([both])).completion as { choices: Array<{ message: { tool_calls: Array<{ type: string }> } }> };
    expect(read.choices[0]!.message.tool_calls[0]!.type).toBe('function');
  });

  it('keeps a `__proto__` key of an unknown field as data, as JSON.parse gives it (the SDK makes it a prototype)', async () => {
    const shiny = () => JSON.parse('{"__proto__":[1],"kept":true}') as object;
    const bytes = chatBytes([
      chunk([choice({ role: 'assistant', content: 'Hi' }, { shiny: shiny() })], { shiny: shiny() }),
      chunk([choice({}, { finish_reason: 'stop' })]),
    ]);
    const ours = (await ourChat([bytes])).completion as { shiny: object; choices: Array<{ shiny: object }> };
    for (const value of [ours.shiny, ours.choices[0]!.shiny]) {
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual([1]);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(value).toHaveProperty('kept', true);
    }
    const sdk = (await sdkChat([bytes])).completion as { shiny: object };
    expect(Object.prototype.hasOwnProperty.call(sdk.shiny, '__proto__')).toBe(false);
  });
});

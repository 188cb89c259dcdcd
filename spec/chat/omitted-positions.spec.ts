/**
 * Tool call fragments without `index` (Gemini's OpenAI-compatible endpoint, mistral.rs: each call whole, with its
 * `id`), or at an index another call has (Ollama 0.20), are given their call's by the source, by the rule of
 * `src/chat/omitted-positions.ts` (docs/chat-and-responses.md states it). Every reader after the source (snapshots,
 * `finalChatCompletion()`, `chatCompletionEvents()`, `toolCallDeltas()`, the tool loops) then reads such a stream as
 * the API's own. The official SDK's `ChatCompletionStream` fails on a fragment without `index` ("invalid tool call
 * index") and merges Ollama's calls.
 */
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { type ChatCompletionChunk, chatCompletionChunks, createClient, finalChatCompletion, fromOpenAIStream, StreamParseError, toolCallDeltas } from '../../src/index';
import { runChatTools, toolLoopResult, zodTool } from '../../src/structured/index';
import { dataValuesOf, fixtureBytes, streamOf } from '../helpers/bytes';
import { serveAnswers } from '../helpers/local-server';
import { keepingValues, sdkClientOver } from '../helpers/sdk';
import { propertyRuns } from '../helpers/property-runs';
import { chatBytes, ourChat, sdkChat } from './sdk-chat';

const RUNS = propertyRuns(300, 5);

type Chunk = { choices: Array<{ delta?: { tool_calls?: Array<Record<string, unknown>> } }> };

/** The chunks with `index` left out of the fragments `drop` picks (by chunk, choice, fragment). */
function withoutIndexes(chunks: readonly Chunk[], drop: (chunk: number, fragment: number) => boolean): Chunk[] {
  return chunks.map((chunk, c) => ({
    ...chunk,
    choices: chunk.choices.map((choice) =>
      choice.delta?.tool_calls
        ? { ...choice, delta: { ...choice.delta, tool_calls: choice.delta.tool_calls.map((call, f) => (drop(c, f) ? (({ index: _index, ...rest }) => rest)(call) : call)) } }
        : choice,
    ),
  }));
}

const recordings = ['parallel-tool-calls.sse', 'tool-call-strict.sse', 'tool-call-non-strict.sse', 'tool-call-no-parse.sse'];

describe.each(recordings)('chat-completions/%s with tool call indexes left out', (name) => {
  const chunks = dataValuesOf<Chunk>(fixtureBytes('chat-completions', name));

  it('left out of every fragment: the same chunks, indexes and all, snapshots, events and completion', async () => {
    const expected = await ourChat([chatBytes(chunks)]);
    const mine = await ourChat([chatBytes(withoutIndexes(chunks, () => true))]);
    expect(mine).toEqual(expected);
    const read = await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(withoutIndexes(chunks, () => true))])).pipe(toArray()));
    expect(read).toEqual(chunks);
  });

  it('left out of any fragments: the same chunks and completion', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat({ max: chunks.length - 1 }), { minLength: 1 }), async (picked) => {
        const changed = withoutIndexes(chunks, (c) => picked.includes(c));
        expect(await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(changed)])).pipe(toArray()))).toEqual(chunks);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- Gemini's OpenAI-compatible endpoint, mistral.rs: whole calls with an id, without index ------------------------

const top = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gemini-2.5-flash' };

/** The final completion's function calls of choice 0, each as `[id, name, arguments]`. */
async function finalCalls(bytes: Uint8Array): Promise<Array<[string, string, string]>> {
  const final = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()));
  return final.choices[0]!.message.tool_calls!.map((c) => {
    const { name, arguments: args } = (c as { function: { name: string; arguments: string } }).function;
    return [c.id, name, args];
  });
}
const chunk = (delta: object, finish: string | null = null): object => ({ ...top, choices: [{ index: 0, delta, finish_reason: finish }] });
const whole = (id: string, city: string) => ({ id, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify({ city }) } });

describe('whole calls without index', () => {
  it('two in one chunk, a third in the next: three calls, in order; the SDK fails', async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [whole('call_a', 'Oslo'), whole('call_b', 'Rome')] }),
      chunk({ tool_calls: [whole('call_c', 'Lima')] }),
      chunk({}, 'tool_calls'),
    ]);
    expect((await finalCalls(bytes)).map(([id, , args]) => [id, args])).toEqual([
      ['call_a', '{"city":"Oslo"}'],
      ['call_b', '{"city":"Rome"}'],
      ['call_c', '{"city":"Lima"}'],
    ]);
    const deltas = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toolCallDeltas(), toArray()));
    expect(deltas.map((d) => [d.delta.index, d.snapshot.id])).toEqual([
      [0, 'call_a'],
      [1, 'call_b'],
      [2, 'call_c'],
    ]);
    expect((await sdkChat([bytes])).completion).toEqual({ sdkRejected: expect.stringContaining('invalid tool call index') });
  });

  it('a fragment without id continues the last call; one with the last call\'s id too', async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ function: { arguments: 'ty":"Os' } }] }),
      chunk({ tool_calls: [{ id: 'call_a', function: { arguments: 'lo"}' } }] }),
      chunk({ tool_calls: [{ id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect((await finalCalls(bytes)).map(([id, , args]) => [id, args])).toEqual([
      ['call_a', '{"city":"Oslo"}'],
      ['call_b', '{}'],
    ]);
  });

  it('a call without an id (or with "") that is named starts a new call when the last one is named (proxies in front of Gemini)', async () => {
    const nameless = (id: string | undefined, name: string, args: string) => ({ ...(id === undefined ? {} : { id }), type: 'function', function: { name, arguments: args } });
    for (const ids of [['a', ''], ['', ''], [undefined, undefined]]) {
      const bytes = chatBytes([
        chunk({ role: 'assistant', tool_calls: [nameless(ids[0], 'get_weather', '{"city":"Oslo"}')] }),
        chunk({ tool_calls: [nameless(ids[1], 'get_time', '{"zone":"CET"}')] }),
        chunk({}, 'tool_calls'),
      ]);
      expect((await finalCalls(bytes)).map(([, name, args]) => [name, args])).toEqual([
        ['get_weather', '{"city":"Oslo"}'],
        ['get_time', '{"zone":"CET"}'],
      ]);
    }
  });

  it("a later fragment that names an earlier call by its id goes to that call (Gemini's thought signatures)", async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [whole('call_a', 'Oslo'), whole('call_b', 'Rome')] }),
      chunk({ tool_calls: [{ id: 'call_a', extra_content: { google: { thought_signature: 'sig-a' } } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const final = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()));
    expect(final.choices[0]!.message.tool_calls).toEqual([
      { ...whole('call_a', 'Oslo'), extra_content: { google: { thought_signature: 'sig-a' } } },
      whole('call_b', 'Rome'),
    ]);
  });

  it("parallel calls all sent at index 0, each with its own id (Ollama 0.20): a call each; the fragments after one at that index are its", async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [{ index: 0, ...whole('call_y1', 'Paris') }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_y2', type: 'function', function: { name: 'get_time', arguments: '{"tz":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"UTC"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect(await finalCalls(bytes)).toEqual([
      ['call_y1', 'get_weather', '{"city":"Paris"}'],
      ['call_y2', 'get_time', '{"tz":"UTC"}'],
    ]);
    // The SDK merges them into one call.
    const sdk = (await sdkChat([bytes])).completion as { choices: Array<{ message: { tool_calls: unknown[] } }> };
    expect(sdk.choices[0]!.message.tool_calls).toHaveLength(1);
  });

  it('fragments without index that each bring a new id but no name are the one call they continue', async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ id: 'call_2', function: { arguments: '"Oslo"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect((await finalCalls(bytes)).map(([, , args]) => args)).toEqual(['{"city":"Oslo"}']);
  });

  it('a call named in a later fragment counts as named: a named fragment without index after it starts a call', async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"x":1}' } }] }),
      chunk({ tool_calls: [{ type: 'function', function: { name: 'g', arguments: '{"y":2}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect((await finalCalls(bytes)).map(([, name, args]) => [name, args])).toEqual([
      ['f', '{"x":1}'],
      ['g', '{"y":2}'],
    ]);
  });

  it('a later fragment of a call at its index with another id (a server that sends a new id with every fragment) stays that call', async () => {
    const bytes = chatBytes([
      chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_2', function: { arguments: '"Oslo"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect((await finalCalls(bytes)).map(([, , args]) => args)).toEqual(['{"city":"Oslo"}']);
  });

  it("a tool loop's turns read in one stream: each turn numbers its calls from 0 again", async () => {
    const turn = (id: string, call: string) => [
      { ...top, id, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, ...whole(call, 'Oslo') }] }, finish_reason: null }] },
      { ...top, id, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ];
    const chunks = await lastValueFrom(chatCompletionChunks(streamOf([chatBytes([...turn('c1', 'call_a'), ...turn('c2', 'call_b')])])).pipe(toArray()));
    expect(chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta?.tool_calls ?? []).map((call) => [call.id, call.index]))).toEqual([
      ['call_a', 0],
      ['call_b', 0],
    ]);
  });

  it('a cut completion and its retry read in one stream (a relay of a retried stream): the retry numbers its calls from 0', async () => {
    const cut = [
      { ...top, id: 'chatcmpl-A', choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_A', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
      { ...top, id: 'chatcmpl-A', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }, finish_reason: null }] },
    ];
    const retried = [
      { ...top, id: 'chatcmpl-B', choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_B', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
      { ...top, id: 'chatcmpl-B', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Oslo"}' } }] }, finish_reason: null }] },
      { ...top, id: 'chatcmpl-B', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ];
    const chunks = [...cut, ...retried];
    expect(await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(chunks)])).pipe(toArray()))).toEqual(chunks);
    expect(await finalCalls(chatBytes(chunks))).toEqual([['call_B', 'get_weather', '{"city":"Oslo"}']]);
  });

  it('with n = 2, the retry numbers the calls of every choice from 0, whichever chunk opens each choice', async () => {
    const opening = (id: string, index: number, call: string) => ({
      ...top,
      id,
      choices: [{ index, delta: { role: 'assistant', tool_calls: [{ index: 0, id: call, type: 'function', function: { name: 'get_weather', arguments: '{}' } }] }, finish_reason: null }],
    });
    const finish = (id: string) => ({ ...top, id, choices: [0, 1].map((index) => ({ index, delta: {}, finish_reason: 'tool_calls' })) });
    const chunks = [opening('chatcmpl-A', 0, 'call_A0'), opening('chatcmpl-A', 1, 'call_A1'), opening('chatcmpl-B', 0, 'call_B0'), opening('chatcmpl-B', 1, 'call_B1'), finish('chatcmpl-B')];
    expect(await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(chunks)])).pipe(toArray()))).toEqual(chunks);
    const final = await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(chunks)])).pipe(finalChatCompletion()));
    expect(final.choices.map((choice) => choice.message.tool_calls!.map((c) => c.id))).toEqual([['call_B0'], ['call_B1']]);
  });

  it('each choice numbers its own calls', async () => {
    const bytes = chatBytes([
      {
        ...top,
        choices: [
          { index: 0, delta: { role: 'assistant', tool_calls: [whole('call_a', 'Oslo')] } },
          { index: 1, delta: { role: 'assistant', tool_calls: [whole('call_b', 'Rome')] } },
        ],
      },
      { ...top, choices: [{ index: 1, delta: { tool_calls: [whole('call_c', 'Lima')] } }] },
      { ...top, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }, { index: 1, delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    const final = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()));
    expect(final.choices.map((choice) => choice.message.tool_calls!.map((c) => c.id))).toEqual([['call_a'], ['call_b', 'call_c']]);
  });

  it('a broken choice beside a fragment without index is a StreamParseError at the choice, after the chunks before it', async () => {
    const first = chunk({ role: 'assistant', content: 'Hi' });
    const broken = { ...top, choices: [{ index: 0, delta: { tool_calls: [whole('call_a', 'Oslo')] } }, null] };
    const received: unknown[] = [];
    const error = await new Promise((resolve) =>
      chatCompletionChunks(streamOf([chatBytes([first, broken])])).subscribe({ next: (c) => received.push(c), error: resolve }),
    );
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error).toMatchObject({ path: 'choices.1' });
    expect(received).toEqual([first]);
  });

  it('an index that is there but broken is still a StreamParseError at its path', async () => {
    const error = await lastValueFrom(chatCompletionChunks(streamOf([chatBytes([chunk({ tool_calls: [{ ...whole('call_a', 'Oslo'), index: -1 }] })])]))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error).toMatchObject({ path: 'choices.0.delta.tool_calls.0.index' });
  });

  it('runChatTools() over a server that sends such streams: each tool runs once, and the answer follows', async () => {
    const turns = [
      chatBytes([chunk({ role: 'assistant', tool_calls: [whole('call_a', 'Oslo'), whole('call_b', 'Rome')] }), chunk({}, 'tool_calls')]),
      chatBytes([chunk({ role: 'assistant', content: 'Oslo is colder.' }), chunk({}, 'stop')]),
    ];
    const server = await serveAnswers(turns);
    try {
      const seen: string[] = [];
      const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => (seen.push(city), `${city}: cold`) });
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const { final, steps } = await lastValueFrom(
        runChatTools(client, { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Compare' }] }, { tools: [getWeather] }).pipe(toolLoopResult()),
      );
      expect(seen).toEqual(['Oslo', 'Rome']);
      expect(steps).toBe(2);
      expect(final.choices[0]!.message.content).toBe('Oslo is colder.');
      const sent = JSON.parse(server.bodies[1]!).messages as Array<{ role: string; tool_call_id?: string }>;
      expect(sent.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual(['call_a', 'call_b']);
    } finally {
      await server.close();
    }
  });

  it("fromOpenAIStream() over the SDK's own stream of it: the same chunks, and the SDK's objects are not changed", async () => {
    const chunks = [chunk({ role: 'assistant', tool_calls: [whole('call_a', 'Oslo'), whole('call_b', 'Rome')] }), chunk({}, 'tool_calls')];
    const raw = await sdkClientOver([chatBytes(chunks)]).chat.completions.create({ model: 'gemini-2.5-flash', messages: [], stream: true });
    const { values, given } = keepingValues(raw);
    const adopted = await lastValueFrom(fromOpenAIStream(values as never as AsyncIterable<ChatCompletionChunk>).pipe(toArray()));
    expect(adopted).toEqual(await lastValueFrom(chatCompletionChunks(streamOf([chatBytes(chunks)])).pipe(toArray())));
    expect((adopted[0] as unknown as Chunk).choices[0]!.delta!.tool_calls!.map((c) => c['index'])).toEqual([0, 1]);
    expect(given).toEqual(chunks);
  });
});

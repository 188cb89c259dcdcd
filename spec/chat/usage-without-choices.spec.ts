/**
 * The usage chunk of `stream_options: { include_usage: true }` as some compatible servers write it: without
 * `choices` (ROCm ATOM before 2026-07, the llm-rosetta converter before 2026-03), or with `"choices": null`, where
 * the API writes `"choices": []`. Every source reads it as the API's usage chunk (emitted as a copy with
 * `choices: []`, everything else as the server wrote it), so the answer that finished before it stays whole and its
 * token counts are kept; a chunk with neither choices nor usage carries nothing and stays a `StreamParseError`. The
 * official SDK 7.x's `ChatCompletionStream` fails on it (`chunk.choices is not iterable`).
 */
import { lastValueFrom, type Observable, of, toArray } from 'rxjs';
import {
  accumulateChatCompletion,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionChunksFromNdjson,
  chatCompletionEvents,
  finalChatCompletion,
  fromOpenAIStream,
  streamKindOf,
  streamMetrics,
  StreamParseError,
  textDeltas,
  toEventStreamBody,
  toolCallDeltas,
} from '../../src/index';
import { z } from 'zod';
import { finalParsed, parsedToolCalls } from '../../src/structured';
import { encode, streamOf } from '../helpers/bytes';
import { keepingValues, sdkClientOver } from '../helpers/sdk';
import { chatBytes, sdkChat } from './sdk-chat';

type Json = Record<string, unknown>;

const top = { id: 'chatcmpl-u', object: 'chat.completion.chunk', created: 1, model: 'atom' };
const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
const answer: Json[] = [
  { ...top, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] },
  { ...top, choices: [{ index: 0, delta: { content: '!' }, finish_reason: null }] },
  { ...top, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
];
const shapes: Array<[string, Json]> = [
  ['without choices', { ...top, usage }],
  ['with "choices": null', { ...top, choices: null, usage }],
];
/** The same chunk as the API writes it. */
const apiUsageChunk = { ...top, choices: [], usage };

const ndjson = (chunks: readonly Json[]) => encode(chunks.map((c) => JSON.stringify(c) + '\n').join(''));
const all = <T>(values$: Observable<T>) => lastValueFrom(values$.pipe(toArray()));

describe.each(shapes)('a usage chunk %s', (_, usageChunk) => {
  const chunks = [...answer, usageChunk];
  const bytes = () => streamOf([chatBytes(chunks)]);
  const apiBytes = () => streamOf([chatBytes([...answer, apiUsageChunk])]);

  it('chatCompletionChunks() emits it as the usage chunk, with choices: [] and nothing else changed, and completes', async () => {
    const emitted = await all(chatCompletionChunks(bytes()));
    expect(emitted).toEqual([...answer, apiUsageChunk]);
    expect(await all(chatCompletionChunks(bytes(), { requireDone: false }))).toEqual(emitted);
  });

  it('finalChatCompletion() and accumulateChatCompletion() keep its usage: the outcome of the API\'s own usage chunk', async () => {
    const final = await lastValueFrom(chatCompletionChunks(bytes()).pipe(finalChatCompletion()));
    expect(final).toEqual(await lastValueFrom(chatCompletionChunks(apiBytes()).pipe(finalChatCompletion())));
    expect(final.usage).toEqual(usage);
    expect(final.choices[0]!.message.content).toBe('Hi!');
    const snapshots = await all(chatCompletionChunks(bytes()).pipe(accumulateChatCompletion()));
    expect(snapshots).toEqual(await all(chatCompletionChunks(apiBytes()).pipe(accumulateChatCompletion())));
  });

  it("the official SDK's ChatCompletionStream fails on it; the final completion here is the SDK's over the API's usage chunk", async () => {
    const sdk = await sdkChat([chatBytes(chunks)]);
    expect(sdk.completion).toEqual({ sdkRejected: expect.stringMatching(/choices is not iterable/) });
    const final = await lastValueFrom(chatCompletionChunks(bytes()).pipe(finalChatCompletion()));
    expect(final).toEqual((await sdkChat([chatBytes([...answer, apiUsageChunk])])).completion);
  });

  it('streamMetrics() counts its usage', async () => {
    const metrics = await lastValueFrom(chatCompletionChunks(bytes()).pipe(streamMetrics({ now: () => 0 })));
    expect(metrics).toMatchObject({ kind: 'chat', completed: true, finishReason: 'stop', eventCount: 4, usage: { input: 5, output: 2, total: 7 } });
  });

  it('chatCompletionChunksFromNdjson() reads it as chatCompletionChunks() does', async () => {
    const emitted = await all(chatCompletionChunksFromNdjson(streamOf([ndjson(chunks)])));
    expect(emitted).toEqual([...answer, apiUsageChunk]);
  });

  it("fromOpenAIStream() of the SDK's stream gives what chatCompletionChunks() gives on the same bytes, and changes no object of the SDK", async () => {
    const sdkStream = () => sdkClientOver([chatBytes(chunks)]).chat.completions.create({ model: 'atom', messages: [], stream: true });
    const final = await lastValueFrom(fromOpenAIStream(await sdkStream()).pipe(finalChatCompletion()));
    expect(final.usage).toEqual(usage);
    const { values, given } = keepingValues(await sdkStream());
    const adopted = await all(fromOpenAIStream(values as never as AsyncIterable<ChatCompletionChunk>));
    expect(adopted).toEqual([...answer, apiUsageChunk]);
    expect(adopted).toEqual(await all(chatCompletionChunks(bytes())));
    expect(given).toEqual(chunks);
  });

  it('a relay of the stream reads back as the API\'s stream', async () => {
    const relayed = toEventStreamBody(chatCompletionChunks(bytes()));
    expect(await all(chatCompletionChunks(relayed))).toEqual([...answer, apiUsageChunk]);
  });

  it('the operators read it as it is when it comes from no source of the library (an SDK stream read with from())', async () => {
    const values = () => of(...([...answer, usageChunk] as never as ChatCompletionChunk[]));
    expect(streamKindOf(usageChunk)).toBe('chat');
    const final = await lastValueFrom(values().pipe(finalChatCompletion()));
    expect(final).toEqual(await lastValueFrom(chatCompletionChunks(apiBytes()).pipe(finalChatCompletion())));
    expect(await all(values().pipe(accumulateChatCompletion()))).toEqual(await all(chatCompletionChunks(apiBytes()).pipe(accumulateChatCompletion())));
    expect(await all(values().pipe(chatCompletionEvents()))).toEqual(await all(chatCompletionChunks(apiBytes()).pipe(chatCompletionEvents())));
    expect((await all(values().pipe(textDeltas()))).join('')).toBe('Hi!');
    expect(await all(values().pipe(toolCallDeltas()))).toEqual([]);
    const metrics = await lastValueFrom(values().pipe(streamMetrics({ now: () => 0 })));
    expect(metrics).toMatchObject({ kind: 'chat', eventCount: 4, deltaCount: 2, finishReason: 'stop', usage: { input: 5, output: 2, total: 7 } });
  });

  it("the structured operators read it as it is too: an answer's parsed JSON, a tool call's parsed arguments", async () => {
    const json = [
      { ...top, choices: [{ index: 0, delta: { role: 'assistant', content: '{"city":' }, finish_reason: null }] },
      { ...top, choices: [{ index: 0, delta: { content: '"Oslo"}' }, finish_reason: 'stop' }] },
      usageChunk,
    ];
    const city = z.object({ city: z.string() });
    expect(await lastValueFrom(of(...(json as never as ChatCompletionChunk[])).pipe(finalParsed(city)))).toEqual({ city: 'Oslo' });
    const call = { index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } };
    const calls = [
      { ...top, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [call] }, finish_reason: null }] },
      { ...top, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      usageChunk,
    ];
    const parsed = await all(of(...(calls as never as ChatCompletionChunk[])).pipe(parsedToolCalls({ weather: city })));
    expect(parsed).toMatchObject([{ name: 'weather', callId: 'call_1', parsedArguments: { city: 'Oslo' } }]);
  });
});

describe('a chunk without choices that carries no usage', () => {
  const carriesNothing: Array<[string, Json]> = [
    ['no usage', { ...top }],
    ['"usage": null', { ...top, usage: null }],
    ['"choices": null, "usage": null', { ...top, choices: null, usage: null }],
    ['usage that is no object', { ...top, usage: 7 }],
  ];

  it.each(carriesNothing)('(%s) is a StreamParseError at "choices", after the chunks before it', async (_, chunk) => {
    const seen: unknown[] = [];
    const error = await lastValueFrom(chatCompletionChunks(streamOf([chatBytes([...answer, chunk])])).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('choices');
    const ndjsonError = await new Promise<unknown>((resolve) =>
      chatCompletionChunksFromNdjson(streamOf([ndjson([...answer, chunk])])).subscribe({ next: (c) => seen.push(c), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(ndjsonError).toBeInstanceOf(StreamParseError);
    expect(seen).toEqual(answer);
  });

  it('is not claimed as a chat value by the operators, nor are the whole objects of other APIs that carry usage', () => {
    for (const [, chunk] of carriesNothing) expect(streamKindOf(chunk)).toBeUndefined();
    // A Responses response, an Assistants run: `usage` beside an `object` of their own.
    expect(streamKindOf({ id: 'resp_1', object: 'response', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } })).toBeUndefined();
    expect(streamKindOf({ id: 'run_1', object: 'thread.run', status: 'completed', usage })).toBeUndefined();
    // An app's own object with a usage of other counts (a tool loop's result).
    expect(streamKindOf({ final: {}, history: [], steps: 1, reason: 'no_calls', usage: { input: 5, output: 2, total: 7 } })).toBeUndefined();
    // Events of the other APIs keep their kind.
    expect(streamKindOf({ type: 'response.completed', usage })).toBe('responses');
    expect(streamKindOf({ event: 'thread.run.completed', data: {}, usage })).toBe('assistants');
  });
});

/**
 * A chat stream whose `delta.content` is a list of parts, as Mistral's reasoning models (Magistral) send it on its
 * OpenAI-compatible endpoint: `{ type: 'thinking', thinking: [{ type: 'text', text }] }` parts while the model
 * thinks, then `{ type: 'text', text }` parts (or plain strings) for the answer. Every source reads such a chunk as
 * the API's, in a copy: `content` the text parts' text, `reasoning_content` the thinking parts' (the field DeepSeek
 * and vLLM stream reasoning in). So `textDeltas()` gives the answer alone, the final completion holds the answer as
 * its content and the thinking as its `reasoning_content`, and nothing the server sent is lost. A part of another
 * kind ends the stream with `StreamParseError`, after every chunk before it. (The official SDK 7.x adds the list to
 * the content as text: `"[object Object]"`.)
 */
import { from, lastValueFrom, type Observable, toArray } from 'rxjs';
import {
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionChunksFromNdjson,
  chatCompletionEvents,
  createClient,
  finalChatCompletion,
  fromOpenAIStream,
  StreamParseError,
  textDeltas,
  toEventStreamBody,
} from '../../src/index';
import { chunkWithTextContent } from '../../src/chat/content-parts';
import { chunksOfCompletion } from '../../src/client/fallback/chat-completion-chunks';
import type { ChatCompletion } from '../../src/index';
import { encode, streamOf } from '../helpers/bytes';
import { listen } from '../helpers/local-server';
import { sdkClientOver } from '../helpers/sdk';
import { chatBytes, sdkChat } from './sdk-chat';

type Json = Record<string, unknown>;

const top = { id: 'cmpl_m', object: 'chat.completion.chunk', created: 1, model: 'magistral-medium-2509' };
const chunk = (delta: Json, finish: string | null = null): Json => ({ ...top, choices: [{ index: 0, delta, finish_reason: finish }] });
const thinking = (...texts: string[]) => ({ type: 'thinking', thinking: texts.map((text) => ({ type: 'text', text })) });
const text = (value: string) => ({ type: 'text', text: value });

/** As Magistral streams an answer: the role, thinking in parts, an empty thinking part beside the first text part, then plain text. */
const magistral: Json[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: [thinking('Okay, 17 × 23')] }),
  chunk({ content: [thinking(' is 391', '.')] }),
  chunk({ content: [thinking(), text('The answer is ')] }),
  chunk({ content: '391.' }),
  chunk({}, 'stop'),
];
/** The same chunks as the API (and DeepSeek's reasoning) would write them. */
const asTheApi: Json[] = [
  magistral[0]!,
  chunk({ reasoning_content: 'Okay, 17 × 23' }),
  chunk({ reasoning_content: ' is 391.' }),
  chunk({ reasoning_content: '', content: 'The answer is ' }),
  magistral[4]!,
  magistral[5]!,
];

const all = <T>(values$: Observable<T>) => lastValueFrom(values$.pipe(toArray()));
const bytes = (chunks: readonly Json[] = magistral) => streamOf([chatBytes(chunks)]);

describe('chat content as a list of parts (Mistral Magistral)', () => {
  it('chatCompletionChunks() emits each such chunk as the API writes it: text as content, thinking as reasoning_content', async () => {
    expect(await all(chatCompletionChunks(bytes()))).toEqual(asTheApi);
    expect(await all(chatCompletionChunks(bytes(), { requireDone: false }))).toEqual(asTheApi);
  });

  it('textDeltas() gives the answer alone; the final completion holds the answer and the reasoning', async () => {
    expect((await all(chatCompletionChunks(bytes()).pipe(textDeltas()))).join('')).toBe('The answer is 391.');
    const final = await lastValueFrom(chatCompletionChunks(bytes()).pipe(finalChatCompletion()));
    expect(final.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'The answer is 391.', reasoning_content: 'Okay, 17 × 23 is 391.' });
    expect(final).toEqual(await lastValueFrom(chatCompletionChunks(bytes(asTheApi)).pipe(finalChatCompletion())));
    const deltas = (await all(chatCompletionChunks(bytes()).pipe(chatCompletionEvents())))
      .filter((e) => e.type === 'content.delta')
      .map((e) => (e as { delta: string }).delta);
    expect(deltas).toEqual(['The answer is ', '391.']);
  });

  it("the official SDK's final completion takes the list for text; here it is the SDK's over the API's chunks", async () => {
    const sdk = await sdkChat([chatBytes(magistral)]);
    expect(JSON.stringify(sdk.completion)).toContain('[object Object]');
    const final = await lastValueFrom(chatCompletionChunks(bytes()).pipe(finalChatCompletion()));
    const theirs = (await sdkChat([chatBytes(asTheApi)])).completion as { choices: Array<{ message: Json }> };
    expect(final.choices[0]!.message.content).toBe(theirs.choices[0]!.message['content']);
  });

  it('the NDJSON source, an adopted SDK stream and a relay read it the same', async () => {
    const ndjson = encode(magistral.map((c) => JSON.stringify(c) + '\n').join(''));
    expect(await all(chatCompletionChunksFromNdjson(streamOf([ndjson])))).toEqual(asTheApi);
    const sdkStream = await sdkClientOver([chatBytes(magistral)]).chat.completions.create({ model: 'm', messages: [], stream: true });
    expect(await all(fromOpenAIStream(sdkStream))).toEqual(asTheApi);
    expect(await all(chatCompletionChunks(toEventStreamBody(chatCompletionChunks(bytes()))))).toEqual(asTheApi);
  });

  it("the client's chat stream over HTTP gives the answer and its reasoning", async () => {
    const server = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(chatBytes(magistral)));
    });
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const final = await lastValueFrom(client.chat.completions.stream({ model: 'magistral-medium-2509', messages: [{ role: 'user', content: '17 × 23?' }] }).pipe(finalChatCompletion()));
      expect(final.choices[0]!.message).toMatchObject({ content: 'The answer is 391.', reasoning_content: 'Okay, 17 × 23 is 391.' });
    } finally {
      await server.close();
    }
  });

  it('only the deltas with a list change: other choices and fields stay as they came, the chunk given is not changed', () => {
    const given = {
      ...top,
      usage: null,
      choices: [
        { index: 0, delta: { content: [thinking('a'), text('b'), text('c')], role: 'assistant' }, finish_reason: null, logprobs: null },
        { index: 1, delta: { content: 'x' }, finish_reason: null },
        { index: 2, delta: { content: [] }, finish_reason: null },
        { index: 3, delta: { reasoning_content: 'Hm', content: [thinking('m, yes')] }, finish_reason: null },
      ],
    };
    const before = JSON.stringify(given);
    const read = chunkWithTextContent(given as never as ChatCompletionChunk);
    expect(read).toEqual({
      ...top,
      usage: null,
      choices: [
        { index: 0, delta: { role: 'assistant', reasoning_content: 'a', content: 'bc' }, finish_reason: null, logprobs: null },
        given.choices[1],
        { index: 2, delta: {}, finish_reason: null },
        // Reasoning the delta carried comes first (no server is known to send both).
        { index: 3, delta: { reasoning_content: 'Hmm, yes' }, finish_reason: null },
      ],
    });
    expect(read!.choices[1]).toBe(given.choices[1]);
    expect(JSON.stringify(given)).toBe(before);
  });

  it.each<[string, unknown]>([
    ['an image part', { type: 'image_url', image_url: 'https://x' }],
    ['a part without a type', { text: 'hi' }],
    ['null', null],
    ['a text part whose text is no string', { type: 'text', text: 42 }],
    ['thinking that is no list', { type: 'thinking', thinking: 'hmm' }],
    ['thinking holding a part of another kind', { type: 'thinking', thinking: [{ type: 'image_url' }] }],
  ])('%s: StreamParseError at the content, after every chunk before it', async (_, part) => {
    const chunks = [magistral[0]!, magistral[1]!, chunk({ content: [text('ok'), part] }), magistral[5]!];
    const seen: ChatCompletionChunk[] = [];
    const error = await new Promise((settle) =>
      chatCompletionChunks(bytes(chunks)).subscribe({ next: (c) => seen.push(c), error: settle, complete: () => settle(undefined) }),
    );
    expect(seen).toEqual(asTheApi.slice(0, 2));
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('choices.0.delta.content');
    expect(chunkWithTextContent(chunks[2] as never as ChatCompletionChunk)).toBeUndefined();
  });

  describe('a completion not streamed', () => {
    const completion = (content: unknown) =>
      ({
        id: 'cmpl_m',
        object: 'chat.completion',
        created: 1,
        model: 'magistral-medium-2509',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
      }) as unknown as ChatCompletion;
    const parts = [thinking('Okay', ', 391.'), text('The answer is 391.')];

    it('chat.completions.create() gives it as it came, its content the list of parts', async () => {
      const server = await listen((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(parts))));
      });
      try {
        const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
        const answer = await lastValueFrom(client.chat.completions.create({ model: 'magistral-medium-2509', messages: [] }));
        expect(answer).toEqual(completion(parts));
      } finally {
        await server.close();
      }
    });

    it("the stream fallback's chunks carry its text as content and its thinking as reasoning_content; a part of another kind throws", async () => {
      const final = await lastValueFrom(from(chunksOfCompletion(completion(parts))).pipe(finalChatCompletion()));
      expect(final.choices[0]!.message).toEqual({ role: 'assistant', content: 'The answer is 391.', reasoning_content: 'Okay, 391.', refusal: null });
      expect(final.usage).toEqual(completion(parts).usage);
      expect(() => chunksOfCompletion(completion([text('a'), { type: 'image_url', image_url: 'https://x' }]))).toThrow(StreamParseError);
      expect(() => chunksOfCompletion(completion([text('a'), { type: 'image_url' }]))).toThrow(/choices\.0\.message\.content/);
    });
  });
});

describe('chunks with a list of parts that came through no source', () => {
  it('textDeltas() emits strings only: a list (an SDK stream read with from()) is no text delta', async () => {
    const { of } = await import('rxjs');
    const raw = of(...(magistral as never as ChatCompletionChunk[]));
    expect(await all(raw.pipe(textDeltas()))).toEqual(['391.']);
  });
});

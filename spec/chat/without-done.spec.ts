/**
 * Chat Completions event streams of a compatible server that ends them without `data: [DONE]`: with
 * `requireDone: false` (the source's option, and the client's per call) such a stream is whole once every choice it
 * carried finished and the body ended; one that ends before that is still a cut. Without the option (the default)
 * a body without `[DONE]` is a cut, as the API always sends it.
 */
import OpenAI from 'openai';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import {
  chatCompletionChunks,
  type ChatCompletionChunk,
  createClient,
  finalChatCompletion,
  IncompleteStreamError,
  textDeltas,
} from '../../src/index';
import { z } from 'zod';
import { runChatTools, zodTool } from '../../src/structured';
import { chunksOf, fixtureBytes, fixtureNames, streamOf } from '../helpers/bytes';
import { useEmulator } from '../helpers/emulator';
import { listen, type LocalServer } from '../helpers/local-server';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const RECORDINGS = [
  ...fixtureNames('chat-recorded').map((name) => ['chat-recorded', name] as const),
  ...fixtureNames('chat-completions').map((name) => ['chat-completions', name] as const),
];

/** The body without its `data: [DONE]` event. */
function withoutDone(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  const without = text.replace(/data: \[DONE\]\r?\n?\r?\n?$/, '');
  expect(without).not.toBe(text);
  return without;
}

/** Every chunk, and how the stream ended (the error it failed with, or `'complete'`). */
async function read(chunks$: ReturnType<typeof chatCompletionChunks>) {
  const chunks: ChatCompletionChunk[] = [];
  const end = await new Promise<unknown>((resolve) =>
    chunks$.subscribe({ next: (c) => chunks.push(c), error: resolve, complete: () => resolve('complete') }),
  );
  return { chunks, end };
}

const chunk = (id: string, choices: object[]) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'm', choices })}\n\n`;

describe('chatCompletionChunks() of a stream without [DONE]', () => {
  it.each(RECORDINGS)('%s/%s without its [DONE]: whole with requireDone: false, a cut by default', async (folder, name) => {
    const bytes = fixtureBytes(folder, name);
    const expected = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toArray()));
    const body = encoder.encode(withoutDone(bytes));
    const lenient = await read(chatCompletionChunks(streamOf(chunksOf(body, 9)), { requireDone: false }));
    expect(lenient).toEqual({ chunks: expected, end: 'complete' });
    const strict = await read(chatCompletionChunks(streamOf([body])));
    expect(strict.chunks).toEqual(expected);
    expect(strict.end).toBeInstanceOf(IncompleteStreamError);
  });

  it('a body that ends before every choice finished is still a cut, with everything that came', async () => {
    const role = chunk('c1', [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const hello = chunk('c1', [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }]);
    const stop = (index: number) => chunk('c1', [{ index, delta: {}, finish_reason: 'stop' }]);
    const second = chunk('c1', [{ index: 1, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }]);
    const cases: Array<[string, number]> = [
      ['', 0],
      [role + hello, 2],
      [role + hello + second + stop(0), 4], // choice 1 never finished
    ];
    for (const [body, count] of cases) {
      const { chunks, end } = await read(chatCompletionChunks(streamOf([encoder.encode(body)]), { requireDone: false }));
      expect(chunks).toHaveLength(count);
      expect(end).toBeInstanceOf(IncompleteStreamError);
      expect(end).toMatchObject({ receivedEvents: count });
    }
    const whole = await read(chatCompletionChunks(streamOf([encoder.encode(role + hello + second + stop(0) + stop(1))]), { requireDone: false }));
    expect(whole.end).toBe('complete');
    // A usage chunk after the finish is read when it comes, and not waited for when it does not.
    const usage = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })}\n\n`;
    const withUsage = await read(chatCompletionChunks(streamOf([encoder.encode(role + hello + stop(0) + usage)]), { requireDone: false }));
    expect(withUsage).toMatchObject({ end: 'complete', chunks: [{}, {}, {}, { usage: { total_tokens: 2 } }] });
  });

  it('a stream of several completions (a tool loop relayed in one body) is whole when the last one finished, a cut in a later one is a cut', async () => {
    const turn1 = [
      chunk('t1', [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }]),
      chunk('t1', [{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
    ].join('');
    const turn2 = [
      chunk('t2', [{ index: 0, delta: { role: 'assistant', content: 'The weather is' }, finish_reason: null }]),
      chunk('t2', [{ index: 0, delta: { content: ' sunny and' }, finish_reason: null }]),
    ].join('');
    const finish2 = chunk('t2', [{ index: 0, delta: {}, finish_reason: 'stop' }]);
    const cut = await read(chatCompletionChunks(streamOf([encoder.encode(turn1 + turn2)]), { requireDone: false }));
    expect(cut.chunks).toHaveLength(4);
    expect(cut.end).toBeInstanceOf(IncompleteStreamError);
    expect(cut.end).toMatchObject({ completionId: 't2', receivedEvents: 4 });
    expect((await read(chatCompletionChunks(streamOf([encoder.encode(turn1 + turn2 + finish2)]), { requireDone: false }))).end).toBe('complete');
    // A content filter's empty delta with the finished completion's id, or a trailing chunk of empty values under an
    // id of its own (a server whose chunks each have one), opens no other completion.
    const filter = chunk('t1', [{ index: 0, delta: {}, finish_reason: null }]);
    const trailing = chunk('t9', [{ index: 0, delta: { content: '', tool_calls: [] }, finish_reason: null }]);
    for (const after of [filter, trailing]) {
      expect((await read(chatCompletionChunks(streamOf([encoder.encode(turn1 + after)]), { requireDone: false }))).end).toBe('complete');
    }
  });

  it('completions that share one constant id, an empty one or none (TGI has written "", OpenVINO writes none): a cut in a later one is a cut', async () => {
    // A server whose chunks all carry one id, or none, with no [DONE]: two answers in one body (a relay of two
    // requests, a tool loop's turns) tell each other apart only by the role and content that come after a finish.
    const line = (id: string | undefined, choices: object[], extra: object = {}) =>
      `data: ${JSON.stringify({ ...(id === undefined ? {} : { id }), object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra })}\n\n`;
    for (const id of ['chatcmpl-1', '', undefined]) {
      const first = line(id, [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }]) + line(id, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
      const usage = line(id, [], { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
      const second = line(id, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]) + line(id, [{ index: 0, delta: { content: 'The sea' }, finish_reason: null }]);
      const stop = line(id, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
      const run = async (body: string) => read(chatCompletionChunks(streamOf([encoder.encode(body)]), { requireDone: false }));
      for (const cut of [first + second, first + usage + second]) {
        const { chunks, end } = await run(cut);
        expect(end).toBeInstanceOf(IncompleteStreamError);
        expect(end).toMatchObject({ receivedEvents: chunks.length });
      }
      expect((await run(first + second + stop)).end).toBe('complete');
      expect((await run(first + usage + second + stop + usage)).end).toBe('complete');
      // A finish followed by a usage chunk, a content filter's empty delta or a chunk of empty values is whole.
      const trailing = line(id, [{ index: 0, delta: { content: '', tool_calls: [] }, finish_reason: null }], { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
      const filter = line(id, [{ index: 0, delta: {}, finish_reason: null, content_filter_results: {} }]);
      // So is one whose trailing chunk only says the role (servers that say it in every chunk), which a body cut
      // right after the next answer's first chunk (its role, no content yet) cannot be told from.
      const role = line(id, [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }]);
      const roleAndNull = line(id, [{ index: 0, delta: { content: null, role: 'assistant' }, finish_reason: null }], { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
      const nextStart = second.slice(0, second.indexOf('data: ', 1));
      for (const after of ['', usage, trailing, filter, filter + usage, role, roleAndNull, nextStart]) expect([after, (await run(first + after)).end]).toEqual([after, 'complete']);
      // Without requireDone: false, a body cut after the finish is a cut, which names the finish it saw.
      const strict = await read(chatCompletionChunks(streamOf([encoder.encode(first)])));
      expect(strict.end).toBeInstanceOf(IncompleteStreamError);
      expect(strict.end).toMatchObject({ finishReason: 'stop', receivedEvents: 2 });
    }
  });

  it('[DONE] still ends the stream with requireDone: false, whatever follows it', async () => {
    const bytes = fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse');
    const expected = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toArray()));
    // An unfinished choice after [DONE]: were [DONE] not the end, the body's end would be a cut.
    const after = chunk('late', [{ index: 3, delta: { role: 'assistant', content: 'late' }, finish_reason: null }]);
    const body = [bytes, encoder.encode(after)];
    expect(await read(chatCompletionChunks(streamOf(body), { requireDone: false }))).toEqual({ chunks: expected, end: 'complete' });
  });
});

describe('client.chat.completions.stream() against a server that ends its streams without [DONE] (real HTTP)', () => {
  let server: LocalServer;
  let body = '';
  beforeAll(async () => {
    server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
  });
  afterAll(() => server.close());

  const client = (options: { requireDone?: boolean } = {}) => createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, ...options });
  const params = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it('{ requireDone: false }: the answer whole, its final completion; without it, a cut', async () => {
    const bytes = fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse');
    const text = (await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(textDeltas(), toArray()))).join('');
    body = withoutDone(bytes);
    const lenient = client().chat.completions.stream(params, { requireDone: false });
    expect((await lastValueFrom(lenient.pipe(textDeltas(), toArray()))).join('')).toBe(text);
    const final = await firstValueFrom(client().chat.completions.stream(params, { requireDone: false }).pipe(finalChatCompletion()));
    expect(final.choices[0]!.message.content).toBe(text);
    await expect(lastValueFrom(client().chat.completions.stream(params))).rejects.toBeInstanceOf(IncompleteStreamError);
  });

  it("the client's requireDone is every call's default; a call's own option wins", async () => {
    const bytes = fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse');
    body = withoutDone(bytes);
    const lenient = client({ requireDone: false });
    await expect(lastValueFrom(lenient.chat.completions.stream(params).pipe(toArray()))).resolves.not.toHaveLength(0);
    await expect(lastValueFrom(lenient.chat.completions.stream(params, { requireDone: true }))).rejects.toBeInstanceOf(IncompleteStreamError);
  });

  it("runChatTools() with a client whose requireDone is false: every turn's stream is read to its finish", async () => {
    const turns = [
      chunk('c1', [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }]) +
        chunk('c1', [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }, finish_reason: null }]) +
        chunk('c1', [{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
      chunk('c2', [{ index: 0, delta: { role: 'assistant', content: 'Sunny in Oslo.' }, finish_reason: null }]) + chunk('c2', [{ index: 0, delta: {}, finish_reason: 'stop' }]),
    ];
    const requests: number[] = [];
    const loopServer = await listen((_req, res) => {
      requests.push(requests.length);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(turns[Math.min(requests.length - 1, 1)]);
    });
    try {
      const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `${city}: sunny` });
      const lenient = createClient({ apiKey: 'k', baseURL: loopServer.url, maxRetries: 0, requireDone: false });
      const events = await lastValueFrom(runChatTools(lenient, params, { tools: [getWeather] }).pipe(toArray()));
      const finished = events.at(-1) as { type: string; final: { choices: Array<{ message: { content: string } }> } };
      expect(finished.type).toBe('loop.finished');
      expect(finished.final.choices[0]!.message.content).toBe('Sunny in Oslo.');
      expect(requests).toHaveLength(2);
    } finally {
      await loopServer.close();
    }
  });

  it('{ requireDone: false }: a body that ends mid-answer is still a cut', async () => {
    const bytes = fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse');
    const full = withoutDone(bytes);
    body = full.slice(0, full.indexOf('"finish_reason":"stop"'));
    body = body.slice(0, body.lastIndexOf('data: '));
    await expect(lastValueFrom(client().chat.completions.stream(params, { requireDone: false }))).rejects.toBeInstanceOf(
      IncompleteStreamError,
    );
  });
});

describe("the emulator's withoutDone fault (a compatible server that never sends [DONE])", () => {
  const ctx = useEmulator();
  const params = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Tell me about lighthouses' }] };
  const CHAT = { match: { path: '/chat/completions' } };

  it('the stream comes whole but for [DONE]; requireDone: false reads it whole, the default reports a cut', async () => {
    const whole = (await lastValueFrom(ctx.client.chat.completions.stream(params).pipe(textDeltas(), toArray()))).join('');
    const fault = ctx.emulator.inject({ kind: 'withoutDone' }, { ...CHAT, times: 2 });
    const lenient = await lastValueFrom(ctx.client.chat.completions.stream(params, { requireDone: false }).pipe(textDeltas(), toArray()));
    expect(lenient.join('')).toBe(whole);
    await expect(lastValueFrom(ctx.client.chat.completions.stream(params))).rejects.toBeInstanceOf(IncompleteStreamError);
    expect([fault.matched, fault.hits]).toEqual([2, 2]);
  });

  it("the official SDK's stream ends quietly without it: its final completion resolves", async () => {
    ctx.emulator.inject({ kind: 'withoutDone' }, CHAT);
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const final = await sdk.chat.completions.stream(params).finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('stop');
  });

  it('leaves Responses streams as they are (they have no [DONE])', async () => {
    const fault = ctx.emulator.inject({ kind: 'withoutDone' }, { match: { path: '/responses' } });
    const events = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray()));
    expect(events.at(-1)!.type).toBe('response.completed');
    expect([fault.matched, fault.hits]).toEqual([1, 0]);
  });
});

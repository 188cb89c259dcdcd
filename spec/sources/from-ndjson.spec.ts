/**
 * The NDJSON sources (`responseEventsFromNdjson()`, `chatCompletionChunksFromNdjson()`, `assistantEventsFromNdjson()`):
 * the body the official SDK's `toReadableStream()` writes, and `toNdjsonBody()`, read back into the values the
 * event-stream sources read from the same stream, by the same readers (checks, errors, ends).
 */
import OpenAI from 'openai';
import { Stream } from 'openai/core/streaming';
import { concat, defer, firstValueFrom, from, lastValueFrom, Observable, retry, take, throwError, toArray } from 'rxjs';
import {
  APIError,
  assistantEvents,
  assistantEventsFromNdjson,
  AssistantStreamError,
  chatCompletionChunks,
  chatCompletionChunksFromNdjson,
  ChatCompletionStreamError,
  finalChatCompletion,
  IncompleteStreamError,
  responseEvents,
  responseEventsFromNdjson,
  ResponseStreamError,
  StreamBufferOverflowError,
  StreamNotEstablishedError,
  StreamParseError,
  textDeltas,
  toNdjsonBody,
  type ByteSource,
  type ChatCompletionChunk,
  type ResponseStreamEvent,
} from '../../src/index';
import { chunksAtEdges, chunksOf, encode, fixtureNames, iterableOf, splitAt, streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { listen } from '../helpers/local-server';
import { recordingBytes } from '../relay/recordings';

type Format = 'responses' | 'chat' | 'assistants';
const read = <T>(values$: Observable<T>) => lastValueFrom(values$.pipe(toArray()));
const failure = <T>(values$: Observable<T>) => lastValueFrom(values$).then(
  () => {
    throw new Error('expected the stream to fail');
  },
  (e: unknown) => e,
);

const sse: Record<Format, (source: ByteSource) => Observable<unknown>> = {
  responses: (s) => responseEvents(s),
  chat: (s) => chatCompletionChunks(s),
  assistants: (s) => assistantEvents(s),
};
const ndjson: Record<Format, (source: ByteSource) => Observable<unknown>> = {
  responses: (s) => responseEventsFromNdjson(s),
  chat: (s) => chatCompletionChunksFromNdjson(s),
  assistants: (s) => assistantEventsFromNdjson(s),
};
const folders: ReadonlyArray<readonly [string, Format]> = [
  ['responses', 'responses'],
  ['responses-recorded', 'responses'],
  ['chat-completions', 'chat'],
  ['chat-recorded', 'chat'],
  ['assistants', 'assistants'],
];

const eventStream = (bytes: Uint8Array) => new Response(bytes.slice(), { headers: { 'content-type': 'text/event-stream' } });
const sdkClient = (bytes: Uint8Array) => new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: async () => eventStream(bytes) });

/** The body the official SDK's `toReadableStream()` writes for the stream, through the call an app makes. */
async function sdkNdjson(format: Format, bytes: Uint8Array): Promise<Uint8Array> {
  const client = sdkClient(bytes);
  const body =
    format === 'chat'
      ? client.chat.completions.stream({ model: 'gpt-4o', messages: [] }).toReadableStream()
      : format === 'responses'
        ? (await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true })).toReadableStream()
        : client.beta.threads.runs.stream('thread_123', { assistant_id: 'asst_123' }).toReadableStream();
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** What the official SDK's reader (`Stream.fromReadableStream`, under every `fromReadableStream()` helper) reads. */
async function sdkReads(bytes: Uint8Array): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of Stream.fromReadableStream(new Response(bytes.slice()).body!, new AbortController())) items.push(item);
  return items;
}

/** The index of the last value that `test` accepts, or -1 (`findLastIndex` is ES2023). */
function lastIndexOf<T>(values: readonly T[], test: (value: T) => boolean): number {
  for (let i = values.length - 1; i >= 0; i--) if (test(values[i]!)) return i;
  return -1;
}

/** Cut points from a seeded generator: the same random splits on every run. */
function randomCuts(length: number, count: number, seed: number): number[] {
  let state = seed;
  const cuts: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    cuts.push(1 + (state % Math.max(1, length - 1)));
  }
  return cuts;
}

describe('NDJSON sources: round trip of the recordings', () => {
  for (const [folder, format] of folders) {
    for (const name of fixtureNames(folder)) {
      it(`${folder}/${name}: the SDK's toReadableStream() body and toNdjsonBody()'s read back into the values of the event stream`, async () => {
        const bytes = recordingBytes(folder, name);
        const expected = await read(sse[format](eventStream(bytes)));
        expect(expected.length).toBeGreaterThan(0);
        const theirs = await sdkNdjson(format, bytes);
        const ours = new Uint8Array(await new Response(toNdjsonBody(from(expected), { heartbeatMs: false })).arrayBuffer());
        // The library's relay writes what the SDK writes; the SDK's reader reads back those values too.
        expect(new TextDecoder().decode(ours)).toBe(new TextDecoder().decode(theirs));
        expectEqual(await sdkReads(theirs), expected);

        // Whole, one byte at a time at its ends (its first and last 2 KiB: every line end and the last line; the middle
        // in large pieces), random splits. (Characters split at each of their bytes: a test of its own below.)
        const small = chunksAtEdges(theirs, 1, 2048);
        expectEqual(await read(ndjson[format](new Response(theirs.slice()))), expected);
        expectEqual(await read(ndjson[format](streamOf(small))), expected);
        expectEqual(await read(ndjson[format](iterableOf(splitAt(theirs, randomCuts(theirs.length, 40, theirs.length))))), expected);
      });
    }
  }

  it('reads text pieces (an async iterable of strings) and a factory, called per subscription', async () => {
    const bytes = recordingBytes('responses-recorded', 'azure-text.sse');
    const expected = await read(responseEvents(eventStream(bytes)));
    const text = new TextDecoder().decode(await sdkNdjson('responses', bytes));
    expectEqual(await read(responseEventsFromNdjson(iterableOf(text.match(/[\s\S]{1,7}/g)!))), expected);

    let calls = 0;
    const factory = async () => {
      calls++;
      // The first request's body breaks off; the second is whole.
      if (calls === 1) return streamOf([encode(text.slice(0, 200))]);
      return new Response(text);
    };
    expectEqual(await read(responseEventsFromNdjson(factory).pipe(retry(1))), expected);
    expect(calls).toBe(2);
  });
});

describe('NDJSON sources: bytes and lines', () => {
  const content = ['Grüße ', 'aus 日本 ', '🙂🙂', ' — ok'];
  const chunk = (i: number, delta: Record<string, unknown>, finish: string | null = null): ChatCompletionChunk =>
    ({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], i }) as never;
  const chunks = [
    chunk(0, { role: 'assistant', content: '' }),
    ...content.map((text, i) => chunk(i + 1, { content: text })),
    chunk(9, {}, 'stop'),
  ];
  const lines = chunks.map((c) => JSON.stringify(c));

  it('a character split between chunks, at each of its bytes, is whole: the same chunks and text', async () => {
    const bytes = encode(`${lines.join('\n')}\n`);
    // Pieces of 1 to 4 bytes split every 2-, 3- and 4-byte character at each of its inner boundaries.
    for (const size of [1, 2, 3, 4]) {
      const values = await read(chatCompletionChunksFromNdjson(streamOf(chunksOf(bytes, size))));
      expectEqual(values, chunks);
      expect((await read(from(values).pipe(textDeltas()))).join('')).toBe(content.join(''));
    }
  });

  it.each([
    ['LF', '\n'],
    ['CR LF', '\r\n'],
    ['CR', '\r'],
  ])('lines that end with %s, one byte at a time, and blank lines (heartbeats) between them', async (_, end) => {
    const body = encode(`${end}${lines.join(`${end}${end}  ${end}`)}${end}${end}`);
    expectEqual(await read(chatCompletionChunksFromNdjson(streamOf(chunksOf(body, 1)))), chunks);
    expectEqual(await read(chatCompletionChunksFromNdjson(new Response(body.slice()))), chunks);
  });

  it('a last line without its line end is read when it is whole JSON, as the SDK reads it', async () => {
    const body = encode(lines.join('\n'));
    expectEqual(await read(chatCompletionChunksFromNdjson(streamOf(chunksOf(body, 3)))), chunks);
    expect(await sdkReads(body)).toEqual(chunks);
    const events = await read(responseEvents(eventStream(recordingBytes('responses-recorded', 'azure-text.sse'))));
    const bare = encode(events.map((e) => JSON.stringify(e)).join('\n'));
    expect(await read(responseEventsFromNdjson(streamOf(chunksOf(bare, 5))))).toEqual(events);
  });

  it('a line longer than maxBufferSize fails with StreamBufferOverflowError, and the body is cancelled', async () => {
    const body = streamOf([encode(`${lines[0]}\n`), encode(`{"id":"${'x'.repeat(300)}`), encode('"}\n')]);
    const error = await failure(chatCompletionChunksFromNdjson(body, { maxBufferSize: 200 }));
    expect(error).toBeInstanceOf(StreamBufferOverflowError);
    expect((error as StreamBufferOverflowError).limit).toBe(200);
    expect(body.cancelled()).toBe(true);
  });

  it('take(1) stops at once and cancels the body', async () => {
    const body = streamOf(lines.map((line) => encode(`${line}\n`)));
    expect(await firstValueFrom(chatCompletionChunksFromNdjson(body).pipe(take(1)))).toEqual(chunks[0]);
    expect(body.cancelled()).toBe(true);
  });
});

describe('NDJSON sources: ends, cuts and failures, as the event-stream readers judge them', () => {
  let responses: ResponseStreamEvent[];
  let chat: ChatCompletionChunk[];
  let threeChoices: ChatCompletionChunk[];
  let run: unknown[];
  beforeAll(async () => {
    responses = await read(responseEvents(eventStream(recordingBytes('responses-recorded', 'azure-text.sse'))));
    chat = await read(chatCompletionChunks(eventStream(recordingBytes('chat-completions', 'plain-text.sse'))));
    threeChoices = await read(chatCompletionChunks(eventStream(recordingBytes('chat-completions', 'three-choices-content-and-refusal.sse'))));
    run = await read(assistantEvents(eventStream(recordingBytes('assistants', 'create-thread-and-run.sse'))));
  });
  const body = (values: readonly unknown[], tail = '') => new Response(values.map((v) => `${JSON.stringify(v)}\n`).join('') + tail);

  it('Responses: a body that ends before response.completed is an IncompleteStreamError with the response', async () => {
    const error = await failure(responseEventsFromNdjson(body(responses.slice(0, -1))));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ responseId: responses[0]!.type === 'response.created' ? (responses[0] as { response: { id: string } }).response.id : '', lastResponseStatus: 'in_progress', receivedEvents: responses.length - 1 });
  });

  it('a body cut in the middle of a line is an IncompleteStreamError saying so (not a parse error)', async () => {
    const whole = responses.map((e) => `${JSON.stringify(e)}\n`).join('');
    const cut = whole.slice(0, whole.lastIndexOf('"usage"'));
    const error = await failure(responseEventsFromNdjson(new Response(cut)));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).receivedEvents).toBe(responses.length - 1);
    expect(((error as Error).cause as Error).message).toMatch(/^The body ended in the middle of a line: \{"type":"response.completed"/);
    // Chat and Assistants alike.
    const chatText = chat.map((c) => `${JSON.stringify(c)}\n`).join('');
    expect(await failure(chatCompletionChunksFromNdjson(new Response(chatText.slice(0, -20))))).toBeInstanceOf(IncompleteStreamError);
    const runText = run.map((e) => `${JSON.stringify(e)}\n`).join('');
    expect(await failure(assistantEventsFromNdjson(new Response(runText.slice(0, -20))))).toBeInstanceOf(IncompleteStreamError);
  });

  it('a connection that breaks mid-body is an IncompleteStreamError with the transport error as cause', async () => {
    const reset = new TypeError('terminated');
    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encode(responses.slice(0, 3).map((e) => `${JSON.stringify(e)}\n`).join('')));
        else controller.error(reset);
      },
    });
    const seen: unknown[] = [];
    const error = await new Promise((resolve) => responseEventsFromNdjson(broken).subscribe({ next: (v) => seen.push(v), error: resolve }));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as Error).cause).toBe(reset);
    expect(seen).toEqual(responses.slice(0, 3));
  });

  it('Chat: complete once every choice reported its finish_reason; a body that ends before is an IncompleteStreamError', async () => {
    expect(await read(chatCompletionChunksFromNdjson(body(chat)))).toEqual(chat);
    // Chunks that do not announce a usage chunk (no `"usage": null`): the end after the finish reason is whole (the
    // SDK's reader accepts the same body).
    const last = lastIndexOf(chat, (c) => c.choices.some((choice) => choice.finish_reason));
    expect(await read(chatCompletionChunksFromNdjson(body(chat.slice(0, last + 1))))).toEqual(chat.slice(0, last + 1));
    // Before the finish reason: cut, with what the stream told.
    const error = await failure(chatCompletionChunksFromNdjson(body(chat.slice(0, last))));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ completionId: chat[0]!.id, finishReason: undefined, receivedEvents: last });
    // No chunk at all: cut too (the SDK's reader fails as well: no chunks).
    expect(await failure(chatCompletionChunksFromNdjson(new Response('\n')))).toMatchObject({ name: 'IncompleteStreamError', receivedEvents: 0 });
  });

  it('Chat with "usage": null on every chunk (include_usage, or a relay that writes every field): complete after the last finish_reason, with or without the usage chunk', async () => {
    const last = lastIndexOf(chat, (c) => c.choices.some((choice) => choice.finish_reason));
    expect(chat.at(-1)!.usage).toBeTruthy(); // the recording ends with its usage chunk
    expect(last).toBe(chat.length - 2);
    const announced = chat.map((c, i) => (i <= last ? { ...c, usage: null } : c)) as ChatCompletionChunk[];
    expect(await read(chatCompletionChunksFromNdjson(body(announced)))).toEqual(announced);
    expect(await read(chatCompletionChunksFromNdjson(body(announced.slice(0, last + 1))))).toEqual(announced.slice(0, last + 1));
    // Before the last finish_reason: still a cut.
    expect(await failure(chatCompletionChunksFromNdjson(body(announced.slice(0, last))))).toMatchObject({ name: 'IncompleteStreamError' });
  });

  it('Chat, several choices: complete only when each of them finished', async () => {
    expect(await read(chatCompletionChunksFromNdjson(body(threeChoices)))).toEqual(threeChoices);
    const firstFinish = threeChoices.findIndex((c) => c.choices.some((choice) => choice.finish_reason));
    const allFinished = lastIndexOf(threeChoices, (c) => c.choices.some((choice) => choice.finish_reason));
    expect(firstFinish).toBeLessThan(allFinished);
    for (const end of [firstFinish + 1, allFinished]) {
      const error = await failure(chatCompletionChunksFromNdjson(body(threeChoices.slice(0, end))));
      expect(error).toMatchObject({ name: 'IncompleteStreamError', finishReason: 'stop' });
    }
    await expect(read(chatCompletionChunksFromNdjson(body(threeChoices.slice(0, allFinished + 1))))).resolves.toHaveLength(allFinished + 1);
  });

  it('Assistants: complete at the end of the body once the run settled, else an IncompleteStreamError with the run', async () => {
    expect(await read(assistantEventsFromNdjson(body(run)))).toEqual(run);
    const created = run.findIndex((e) => (e as { event: string }).event === 'thread.run.in_progress');
    const error = await failure(assistantEventsFromNdjson(body(run.slice(0, created + 2))));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ runId: 'run_123', threadId: 'thread_123', lastRunStatus: 'in_progress' });
  });

  it('a malformed line fails with StreamParseError showing the line, after the values before it', async () => {
    const bad = '{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"x"}}]';
    const seen: unknown[] = [];
    const error = await new Promise((resolve) =>
      chatCompletionChunksFromNdjson(body(chat.slice(0, 2), `${bad}\n${JSON.stringify(chat[2])}\n`)).subscribe({ next: (v) => seen.push(v), error: resolve }),
    );
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).excerpt).toBe(bad);
    expect((error as Error).message).toMatch(/^Invalid JSON: /);
    expect(seen).toEqual(chat.slice(0, 2));

    // The readers' checks of the fields the library reads, by the same rules as for an event stream.
    const at = responses.findIndex((e) => e.type === 'response.output_text.delta');
    const broken = { ...responses[at], delta: 5 };
    const fieldError = await failure(responseEventsFromNdjson(body([...responses.slice(0, at), broken])));
    expect(fieldError).toMatchObject({ name: 'StreamParseError', eventName: 'response.output_text.delta', path: 'delta' });
    // An Assistants line that is not {event, data}.
    const bare = (run[0] as { data: unknown }).data;
    const shapeError = await failure(assistantEventsFromNdjson(body([bare])));
    expect(shapeError).toMatchObject({ name: 'StreamParseError', path: 'event', excerpt: JSON.stringify(bare).slice(0, 200) });
    expect(await failure(assistantEventsFromNdjson(new Response('{"event":"thread.created"}\n')))).toMatchObject({ name: 'StreamParseError', path: 'data' });
  });

  it('an event stream given to an NDJSON source says so', async () => {
    const error = await failure(responseEventsFromNdjson(eventStream(recordingBytes('responses-recorded', 'azure-text.sse'))));
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as Error).message).toMatch(/^Expected newline-delimited JSON but got an event stream/);
  });

  it('errors the server put in the stream fail it with the API’s typed errors', async () => {
    const chatError = await failure(chatCompletionChunksFromNdjson(body([chat[0], { error: { message: 'overloaded', type: 'server_error', code: 'busy' } }])));
    expect(chatError).toBeInstanceOf(ChatCompletionStreamError);
    expect(chatError).toMatchObject({ code: 'busy', type: 'server_error' });

    const failed = { type: 'response.failed', sequence_number: 3, response: { ...(responses[0] as { response: object }).response, status: 'failed', error: { code: 'server_error', message: 'boom' } } };
    const responseError = await failure(responseEventsFromNdjson(body([...responses.slice(0, 2), failed])));
    expect(responseError).toBeInstanceOf(ResponseStreamError);
    expect(responseError).toMatchObject({ eventType: 'response.failed', code: 'server_error', sequenceNumber: 3 });
    expect((responseError as ResponseStreamError).response?.status).toBe('failed');

    const runError = await failure(assistantEventsFromNdjson(body([run[0], { event: 'error', data: { code: 'server_error', message: 'boom' } }])));
    expect(runError).toBeInstanceOf(AssistantStreamError);
    expect(runError).toMatchObject({ code: 'server_error', message: expect.stringContaining('boom') });
  });

  it('a Response with an error status fails with its APIError', async () => {
    const error = await failure(responseEventsFromNdjson(new Response('{"error":{"message":"No such response"}}', { status: 404 })));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(404);
  });

  it('refuses what is no byte source with a TypeError when called', () => {
    expect(() => responseEventsFromNdjson('{}\n' as never)).toThrow(/expected a Response, a ReadableStream/);
    expect(() => chatCompletionChunksFromNdjson(undefined as never)).toThrow(TypeError);
    expect(() => assistantEventsFromNdjson(new Uint8Array() as never)).toThrow('(got Uint8Array)');
  });
});

describe('NDJSON over real HTTP, relayed by toNdjsonBody()', () => {
  it("a whole stream reads back; the server's upstream failure breaks the body off: IncompleteStreamError", async () => {
    const events = await read(responseEvents(eventStream(recordingBytes('responses-recorded', 'azure-text.sse'))));
    const server = await listen((req, res) => {
      const failing = req.url === '/cut';
      const upstream = failing ? concat(from(events.slice(0, 4)), defer(() => throwError(() => new Error('upstream reset')))) : from(events);
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      void (async () => {
        try {
          for await (const piece of toNdjsonBody(upstream, { heartbeatMs: false }) as unknown as AsyncIterable<Uint8Array>) {
            await new Promise((written) => res.write(piece, written));
          }
          res.end();
        } catch {
          // As a node server does when the body it relays fails: the connection breaks off (no last chunk).
          res.destroy();
        }
      })();
    });
    try {
      expect(await read(responseEventsFromNdjson((signal) => fetch(`${server.url}/whole`, { signal })))).toEqual(events);
      const seen: unknown[] = [];
      const error = await new Promise((resolve) =>
        responseEventsFromNdjson((signal) => fetch(`${server.url}/cut`, { signal })).subscribe({ next: (v) => seen.push(v), error: resolve }),
      );
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(seen).toEqual(events.slice(0, 4));
    } finally {
      await server.close();
    }
  });
});

describe('an NDJSON body given to an event-stream source', () => {
  it.each([
    ['no content type', undefined],
    ['text/event-stream', 'text/event-stream'],
    ['application/x-ndjson', 'application/x-ndjson'],
  ])('(%s) fails with StreamNotEstablishedError naming the NDJSON sources, not a cut after 0 events', async (_, type) => {
    const bytes = await sdkNdjson('chat', recordingBytes('chat-completions', 'plain-text.sse'));
    const response = () => new Response(bytes.slice(), type ? { headers: { 'content-type': type } } : {});
    for (const source of [chatCompletionChunks, responseEvents, assistantEvents] as Array<(r: Response) => Observable<unknown>>) {
      const error = await failure(source(response()));
      expect(error).toBeInstanceOf(StreamNotEstablishedError);
      expect((error as StreamNotEstablishedError).contentType).toBe(type ?? '');
      expect((error as Error).message).toContain('chatCompletionChunksFromNdjson()');
      expect((error as StreamNotEstablishedError).excerpt).toMatch(/^\{"id":"chatcmpl-/);
    }
    // Read by its source, the same body is the whole answer.
    const completion = await lastValueFrom(chatCompletionChunksFromNdjson(response()).pipe(finalChatCompletion()));
    expect(completion.choices[0]!.message.content).toMatch(/^I'm unable to provide real-time weather/);
  });

  it('one byte at a time, it fails as soon as its first KiB came, and the body is cancelled', async () => {
    const bytes = await sdkNdjson('chat', recordingBytes('chat-completions', 'plain-text.sse'));
    const body = streamOf(chunksOf(bytes, 1));
    const error = await failure(chatCompletionChunks(body));
    expect(error).toBeInstanceOf(StreamNotEstablishedError);
    // Its first KiB, shown (as an excerpt) with its length.
    expect((error as StreamNotEstablishedError).excerpt).toMatch(/… \(1024 chars\)$/);
    expect(body.cancelled()).toBe(true);
  });
});

import fc from 'fast-check';
import { firstValueFrom, lastValueFrom, type Observable, take, toArray } from 'rxjs';
import { APIError, assistantEvents, type ChatCompletionChunk, chatCompletionChunks, fromSSE, NotFoundError, responseEvents, type ServerSentEvent, StreamBufferOverflowError, StreamNotEstablishedError } from '../../src/index';
import { chunksOf, encode, iterableOf, splitAt, streamOf } from '../helpers/bytes';
import { listen, type LocalServer } from '../helpers/local-server';

const collect = (source: Parameters<typeof fromSSE>[0], options?: Parameters<typeof fromSSE>[1]) =>
  lastValueFrom(fromSSE(source, options).pipe(toArray()));

describe('fromSSE', () => {
  it('reads named and unnamed events with ids, joining multi-line data', async () => {
    const body = 'event: a\nid: 7\ndata: one\ndata: two\n\ndata: plain\n\n';
    expect(await collect(streamOf([encode(body)]))).toEqual([
      { event: 'a', id: '7', data: 'one\ntwo' },
      { event: undefined, id: undefined, data: 'plain' },
    ]);
  });

  it('handles CR, LF and CRLF line ends alike', async () => {
    const expected = [{ event: 'x', data: '1' }, { event: 'y', data: '2' }];
    for (const eol of ['\n', '\r', '\r\n']) {
      const body = `event: x${eol}data: 1${eol}${eol}event: y${eol}data: 2${eol}${eol}`;
      const events = await collect(streamOf(chunksOf(encode(body), 1)));
      expect(events.map(({ event, data }) => ({ event, data }))).toEqual(expected);
    }
  });

  it('with CR-only line ends, delivers an event as soon as its closing CR came, while the body stays open', async () => {
    // A server that holds the connection after its last event: nothing more arrives to show that no LF follows.
    for (const [source, body] of [
      [(b: string) => fromSSE(held(b)), 'data: one\r\rdata: two\r\r'],
      [(b: string) => responseEvents(new Response(held(b), { headers: { 'content-type': 'text/event-stream' } })), responsesBody('\r')],
      [(b: string) => chatCompletionChunks(new Response(held(b), { headers: { 'content-type': 'text/event-stream' } })), chatBody('\r')],
    ] as const) {
      const values = await lastValueFrom((source(body) as Observable<unknown>).pipe(take(2), toArray()));
      expect(values).toHaveLength(2);
    }
    // And a Responses stream completes at its terminal event, a chat stream at [DONE], the body still open.
    expect(await lastValueFrom(responseEvents(new Response(held(responsesBody('\r')), { headers: { 'content-type': 'text/event-stream' } })).pipe(toArray()))).toHaveLength(2);
    expect(await lastValueFrom(chatCompletionChunks(new Response(held(chatBody('\r')), { headers: { 'content-type': 'text/event-stream' } })).pipe(toArray()))).toHaveLength(2);
  });

  it('a CR LF split between two chunks is one line end, an empty chunk between them too', async () => {
    const events = await collect(streamOf([encode('data: one\r'), encode('\n\r'), encode('\ndata: two\r\n'), encode('\r\n')]));
    expect(events.map((e) => e.data)).toEqual(['one', 'two']);
    const named = await collect(streamOf([encode('event: a\r'), new Uint8Array(0), encode('\ndata: {"b":'), encode('1}\r'), encode(''), encode('\n\r\n')]));
    expect(named.map(({ event, data }) => ({ event, data }))).toEqual([{ event: 'a', data: '{"b":1}' }]);
  });

  it('skips comments and retry lines, reporting them to the callbacks', async () => {
    const comments: string[] = [];
    const retries: number[] = [];
    const body = ': keep-alive\nretry: 1500\ndata: x\n\n: another\n\n';
    const events = await collect(streamOf([encode(body)]), {
      onComment: (c) => comments.push(c),
      onRetry: (r) => retries.push(r),
    });
    expect(events.map((e) => e.data)).toEqual(['x']);
    expect(comments).toEqual(['keep-alive', 'another']);
    expect(retries).toEqual([1500]);
  });

  it('decodes multi-byte UTF-8 split across chunks, under every split', async () => {
    const text = 'héllo → 世界 🎉 ok';
    const bytes = encode(`data: ${text}\n\n`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const events = await collect(streamOf(splitAt(bytes, cuts)));
        expect(events.map((e) => e.data)).toEqual([text]);
      }),
      { numRuns: 200 },
    );
  });

  it('turns invalid UTF-8 into U+FFFD instead of failing, as EventSource does', async () => {
    const bytes = new Uint8Array([...encode('data: a'), 0xff, 0xfe, ...encode('b\n\n')]);
    expect((await collect(streamOf([bytes]))).map((e) => e.data)).toEqual(['a\uFFFD\uFFFDb']);
  });

  it('reads async iterables of bytes or strings', async () => {
    expect(await collect(iterableOf(['data: 1\n', '\ndata: 2\n\n']))).toEqual([
      { event: undefined, id: undefined, data: '1' },
      { event: undefined, id: undefined, data: '2' },
    ]);
    expect((await collect(iterableOf(chunksOf(encode('data: z\n\n'), 3)))).map((e) => e.data)).toEqual(['z']);
  });

  it('delivers the last event at the end of the body without its blank line, or even its last line end', async () => {
    for (const tail of ['\n\n', '\n', '\r\n', '\r', '']) {
      for (const chunks of [[encode(`data: 1\n\nevent: last\ndata: 2${tail}`)], chunksOf(encode(`data: 1\n\nevent: last\ndata: 2${tail}`), 1)]) {
        const events = await collect(streamOf(chunks));
        expect(events.map(({ event, data }) => [event, data])).toEqual([[undefined, '1'], ['last', '2']]);
      }
    }
    // A payload cut at the end is delivered as it came: the JSON reader then names the broken event.
    expect((await collect(streamOf([encode('data: 1\n\ndata: {"cut')]))).map((e) => e.data)).toEqual(['1', '{"cut']);
    // A comment or an empty line at the end delivers nothing more.
    expect((await collect(iterableOf(['data: 1\n\n:ping']))).map((e) => e.data)).toEqual(['1']);
  });

  it('fails with StreamBufferOverflowError on a line longer than maxBufferSize, and cancels the source', async () => {
    const stream = streamOf([encode('data: ok\n\ndata: '), ...Array.from({ length: 50 }, () => encode('x'.repeat(1000)))]);
    const received: ServerSentEvent[] = [];
    const error = await new Promise((resolve) =>
      fromSSE(stream, { maxBufferSize: 10_000 }).subscribe({ next: (e) => received.push(e), error: resolve }),
    );
    expect(error).toBeInstanceOf(StreamBufferOverflowError);
    expect((error as StreamBufferOverflowError).limit).toBe(10_000);
    expect((error as Error).message).toContain('maxBufferSize (10000 characters)');
    // An excerpt of what was being read when the limit was passed.
    expect((error as StreamBufferOverflowError).excerpt).toMatch(/^x{20}/);
    expect(received.map((e) => e.data)).toEqual(['ok']);
    expect(stream.cancelled()).toBe(true);
  });

  it('bounds every line and event by maxBufferSize: any field, many data lines, a name and an id beside the data, a line that came whole', async () => {
    const fails = async (pieces: string[]) => {
      // More to come after the piece that passes the limit: the body is cancelled.
      const stream = streamOf([...pieces, 'data: later\n\n'].map(encode));
      const received: ServerSentEvent[] = [];
      const error = await new Promise<unknown>((resolve) =>
        fromSSE(stream, { maxBufferSize: 10_000 }).subscribe({ next: (e) => received.push(e), error: resolve, complete: () => resolve('complete') }),
      );
      expect(error).toBeInstanceOf(StreamBufferOverflowError);
      expect((error as StreamBufferOverflowError).limit).toBe(10_000);
      expect(received.map((e) => e.data)).toEqual(['ok']);
      expect(stream.cancelled()).toBe(true);
      return error as StreamBufferOverflowError;
    };
    const many = (piece: string, n: number) => Array.from({ length: n }, () => piece);
    // A line that never ends, whatever its field: the parser's own buffer.
    for (const field of ['data: ', 'event: ', 'id: ', ': ', 'other: ']) {
      expect((await fails(['data: ok\n\n', field, ...many('x'.repeat(1000), 50)])).excerpt).toMatch(/^x{20}/);
    }
    // An event of many short data lines.
    expect((await fails(['data: ok\n\n', ...many(`data: ${'x'.repeat(100)}\n`, 500)])).excerpt).toMatch(/^(data: )?x{20}/);
    // Fields each under the limit that hold more together, and a line over the limit that came in one piece: the
    // event is not delivered, and the error names it.
    const named = await fails(['data: ok\n\n', 'event: big\nid: ', 'i'.repeat(6_000), '\ndata: ', 'd'.repeat(6_000), '\n\n']);
    expect(named).toMatchObject({ eventName: 'big' });
    expect(named.excerpt).toMatch(/^d{20}/);
    expect(named.message).toContain('An event of 12003 characters (its data, event and id fields) exceeded maxBufferSize (10000 characters) in event "big"');
    expect((await fails(['data: ok\n\n', `data: ${'d'.repeat(50_000)}\n\n`])).excerpt).toMatch(/^d{20}/);
    expect((await fails([`data: ok\n\nevent: ${'e'.repeat(9_000)}\n`, `data: ${'d'.repeat(2_000)}\n\n`])).eventName).toMatch(/^e{20}/);
    // At the limit, it passes.
    const events = await collect(streamOf([encode(`event: e\nid: i\ndata: ${'d'.repeat(9_998)}\n\n`)]), { maxBufferSize: 10_000 });
    expect(events.map((e) => e.data.length)).toEqual([9_998]);
  });

  it('an event at maxBufferSize passes however the body was split, one past it fails (the parser counts a line with its field name)', async () => {
    const ends = async (body: string, size: number) => {
      const received: ServerSentEvent[] = [];
      const end = await new Promise<unknown>((resolve) =>
        fromSSE(streamOf(chunksOf(encode(body), size)), { maxBufferSize: 100 }).subscribe({ next: (e) => received.push(e), error: resolve, complete: () => resolve('complete') }),
      );
      return [end instanceof StreamBufferOverflowError ? 'overflow' : end, received.length];
    };
    const d = (n: number) => 'd'.repeat(n);
    for (const size of [1, 3, 50, 1_000]) {
      for (const [body, over] of [
        [`data: ${d(100)}\r\n\r\n`, `data: ${d(101)}\r\n\r\n`],
        [`event: e\nid: i\ndata: ${d(98)}\n\n`, `event: e\nid: i\ndata: ${d(99)}\n\n`],
        [`data: ${d(50)}\ndata: ${d(49)}\n\n`, `data: ${d(50)}\ndata: ${d(50)}\n\n`],
      ]) {
        expect([size, body.length, await ends(body!, size)]).toEqual([size, body.length, ['complete', 1]]);
        expect([size, over!.length, await ends(over!, size)]).toEqual([size, over!.length, ['overflow', 0]]);
      }
    }
  });

  it('fails with the matching APIError for an error Response', async () => {
    const response = new Response('{"error":{"message":"No thread found","type":"invalid_request_error"}}', {
      status: 404,
      headers: { 'x-request-id': 'req_1' },
    });
    const error = await firstValueFrom(fromSSE(response)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(404);
    expect((error as APIError).requestId).toBe('req_1');
    expect((error as APIError).message).toContain('No thread found');
  });

  it('refuses what is no byte source at all with a TypeError when called, as every source does', () => {
    for (const wrong of [new Uint8Array([1]), 'data: x\n\n', undefined, null, 5, { body: 'x' }]) {
      expect(() => fromSSE(wrong as never)).toThrow(TypeError);
      expect(() => assistantEvents(wrong as never)).toThrow(TypeError);
      expect(() => chatCompletionChunks(wrong as never)).toThrow(/expected a Response, a ReadableStream/);
      expect(() => responseEvents(wrong as never)).toThrow(TypeError);
    }
    expect(() => chatCompletionChunks(new Uint8Array() as never)).toThrow('(got Uint8Array)');
  });

  it('a Response labelled as something else that carries no event is StreamNotEstablishedError with its start; one that carries events is read', async () => {
    const html = () => new Response('<html><body>502 Bad Gateway</body></html>', { headers: { 'content-type': 'text/html' } });
    const json = () => new Response('{"error":{"message":"buffered by the proxy"}}', { headers: { 'content-type': 'application/json' } });
    for (const [make, type, said] of [[html, 'text/html', '502 Bad Gateway'], [json, 'application/json', 'buffered by the proxy']] as const) {
      for (const read of [fromSSE, responseEvents, chatCompletionChunks, assistantEvents] as Array<(r: Response) => Observable<unknown>>) {
        const error = await lastValueFrom(read(make())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamNotEstablishedError);
        expect((error as StreamNotEstablishedError).contentType).toBe(type);
        expect((error as Error).message).toContain(said);
      }
    }
    // A relabelled stream (a proxy's text/plain) is still read as the stream it is.
    const relabelled = new Response('event: a\ndata: 1\n\n', { headers: { 'content-type': 'text/plain' } });
    expect(await lastValueFrom(fromSSE(relabelled).pipe(toArray()))).toEqual([{ event: 'a', data: '1', id: undefined }]);
  });

  it('a JSON error body labelled as an event stream is StreamNotEstablishedError that says it is JSON', async () => {
    const body = '{"error":{"message":"boom","type":"server_error"}}\n';
    for (const read of [fromSSE, responseEvents, chatCompletionChunks, assistantEvents] as Array<(r: Response) => Observable<unknown>>) {
      const error = await lastValueFrom(read(new Response(body, { headers: { 'content-type': 'text/event-stream' } }))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotEstablishedError);
      expect((error as Error).message).toMatch(/^Expected a text\/event-stream response but got a JSON body \("text\/event-stream"\): \{"error"/);
    }
  });

  it('a body labelled JSON that is one object is read to its end and kept in the error (a server that does not stream answers with what it created)', async () => {
    const created = { id: 'resp_1', object: 'response', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'x'.repeat(5000) }] }] };
    const whole = JSON.stringify(created, null, 2);
    const chunked = (text: string, type: string) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < text.length; at += 700) controller.enqueue(new TextEncoder().encode(text.slice(at, at + 700)));
            controller.close();
          },
        }),
        { headers: { 'content-type': type } },
      );
    const failure = async (response: Response, options?: { maxBufferSize: number }) =>
      (await lastValueFrom(fromSSE(response, options)).catch((e: unknown) => e)) as StreamNotEstablishedError;
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/problem+json']) {
      const error = await failure(chunked(whole, type));
      expect(error).toBeInstanceOf(StreamNotEstablishedError);
      expect(error.json).toEqual(created);
      expect(error.message).toMatch(/got a JSON body/);
      expect(error.excerpt.length).toBeLessThan(whole.length);
    }
    for (const read of [responseEvents, chatCompletionChunks, assistantEvents] as Array<(r: Response) => Observable<unknown>>) {
      const error = (await lastValueFrom(read(chunked(whole, 'application/json'))).catch((e: unknown) => e)) as StreamNotEstablishedError;
      expect(error.json).toEqual(created);
    }
    // Not kept: a body longer than maxBufferSize (read no further than its first KiB, as any other), JSON lines,
    // a JSON body under another label (only its start is read), a JSON array, a body that is no JSON after all.
    expect((await failure(chunked(whole, 'application/json'), { maxBufferSize: 4096 })).json).toBeUndefined();
    const lines = `${JSON.stringify({ type: 'response.created' })}\n${JSON.stringify({ type: 'response.in_progress' })}\n`;
    const ndjson = await failure(chunked(lines, 'application/json'));
    expect(ndjson.json).toBeUndefined();
    expect(ndjson.message).toMatch(/newline-delimited JSON/);
    for (const type of ['text/event-stream', 'text/plain', 'application/x-ndjson', '']) expect((await failure(chunked(whole, type))).json).toBeUndefined();
    expect((await failure(chunked('[{"id":"a"}]', 'application/json'))).json).toBeUndefined();
    expect((await failure(chunked('{"id": "a", "cut', 'application/json'))).json).toBeUndefined();
  });

  it('a never-ending body labelled JSON that is no one object (a live JSON-lines stream relabelled) still fails once its first KiB came, and is cancelled', async () => {
    const line = JSON.stringify({ type: 'response.output_text.delta', delta: 'x'.repeat(200) }) + '\n';
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(line)); // about 2.5 KiB, then it stays open
      },
      cancel() {
        cancelled = true;
      },
    });
    const error = await lastValueFrom(fromSSE(new Response(body, { headers: { 'content-type': 'application/json' } }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamNotEstablishedError);
    expect((error as StreamNotEstablishedError).json).toBeUndefined();
    expect((error as Error).message).toMatch(/JSON lines/);
    expect(cancelled).toBe(true);
  });

  it('a factory that returns a Response reads its label as a given Response: a page or a JSON answer is StreamNotEstablishedError, its JSON kept', async () => {
    const page = () => new Response('Service Unavailable', { headers: { 'content-type': 'text/plain' } });
    const answer = { id: 'resp_1', object: 'response', status: 'completed', output: [] };
    const json = () => new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
    for (const read of [fromSSE, responseEvents, chatCompletionChunks, assistantEvents] as Array<(r: Response | (() => Response)) => Observable<unknown>>) {
      for (const make of [page, json]) {
        const given = await lastValueFrom(read(make()).pipe(toArray())).catch((e: unknown) => e);
        const returned = await lastValueFrom(read(() => make()).pipe(toArray())).catch((e: unknown) => e);
        expect(returned).toBeInstanceOf(StreamNotEstablishedError);
        expect(returned).toEqual(given);
        expect((returned as StreamNotEstablishedError).json).toEqual(make === json ? answer : undefined);
      }
    }
    // A relabelled stream a factory returns is read as the stream it is.
    const relabelled = () => new Response('event: a\ndata: 1\n\n', { headers: { 'content-type': 'text/plain' } });
    expect(await lastValueFrom(fromSSE(relabelled).pipe(toArray()))).toEqual([{ event: 'a', data: '1', id: undefined }]);
  });

  it('an onComment or onRetry callback that throws fails every source with what it threw (not a cut, which a retry policy retries)', async () => {
    const created = '{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}';
    const bodies: Array<[string, (r: Response, o: object) => Observable<unknown>, string]> = [
      ['responses', responseEvents as never, `event: response.created\ndata: ${created}\n\n`],
      ['chat', chatCompletionChunks as never, 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\n'],
      ['assistants', assistantEvents as never, 'event: thread.created\ndata: {"id":"thread_1","object":"thread"}\n\n'],
      ['fromSSE', fromSSE as never, 'data: x\n\n'],
    ];
    for (const [name, read, head] of bodies) {
      for (const [line, option] of [[': keep-alive\n\n', 'onComment'], ['retry: 10\n\n', 'onRetry']] as const) {
        const bug = new Error(`a bug in my ${option}`);
        const error = await lastValueFrom(read(new Response(head + line), { [option]: () => { throw bug; } })).catch((e: unknown) => e);
        expect([name, option, error]).toEqual([name, option, bug]);
      }
    }
  });

  it('refuses a Response whose body was already read, with a TypeError when called, for every source', async () => {
    const response = new Response('data: x\n\n');
    await response.text();
    for (const source of [fromSSE, assistantEvents, chatCompletionChunks, responseEvents]) {
      expect(() => source(response)).toThrow(TypeError);
      expect(() => source(response)).toThrow('already been read');
    }
  });

  it('a factory that returns a function, or a Response whose body was read, fails the stream with a TypeError, for every source', async () => {
    const used = new Response('data: x\n\n');
    await used.text();
    for (const source of [fromSSE, assistantEvents, chatCompletionChunks, responseEvents] as Array<(f: () => unknown) => Observable<unknown>>) {
      const nested = await lastValueFrom(source(() => () => used)).catch((e: unknown) => e);
      expect(nested).toEqual(new TypeError('a source factory returned a function, not bytes'));
      const read = await lastValueFrom(source(() => used)).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(TypeError);
      expect((read as Error).message).toMatch(/already been read/);
    }
  });

  describe('over real HTTP', () => {
    let server: LocalServer;
    let url: string;
    let closed: Promise<void>;

    beforeEach(async () => {
      let markClosed: () => void;
      closed = new Promise((resolve) => (markClosed = resolve));
      server = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        let n = 0;
        const timer = setInterval(() => res.write(`data: ${n++}\n\n`), 5);
        res.on('close', () => {
          clearInterval(timer);
          markClosed();
        });
      });
      url = `${server.url}/`;
    });

    afterEach(() => server.close());

    it('unsubscribing cancels the body: the server sees the connection close', async () => {
      const response = await fetch(url);
      const first = await lastValueFrom(fromSSE(response).pipe(take(3), toArray()));
      expect(first.map((e) => e.data)).toEqual(['0', '1', '2']);
      await closed; // resolves only when the server's socket closes; jest's timeout fails the test otherwise
    });
  });
});

describe('a byte order mark at the start of a body is skipped', () => {
  const chunk = (content: string, finish: string | null = null) =>
    JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
  const body = `data: ${chunk('Hello, ')}\n\ndata: ${chunk('world', 'stop')}\n\ndata: [DONE]\n\n`;
  const texts = (chunks: readonly ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]!.delta!.content).join('');

  it('in text chunks (a Node stream with setEncoding, an iterable of strings): every chunk arrives', async () => {
    for (const pieces of [[`\uFEFF${body}`], ['\uFEFF', body], ['', `\uFEFF${body.slice(0, 10)}`, body.slice(10)]]) {
      expect(texts(await lastValueFrom(chatCompletionChunks(iterableOf(pieces)).pipe(toArray())))).toBe('Hello, world');
    }
  });

  it('in bytes: every chunk arrives (the decoder drops it), split anywhere', async () => {
    const bytes = encode(`\uFEFF${body}`);
    for (const at of [1, 2, 3, 4]) {
      expect(texts(await lastValueFrom(chatCompletionChunks(iterableOf(splitAt(bytes, [at]))).pipe(toArray())))).toBe('Hello, world');
    }
  });

  it('only at the start: one later in the text is the text’s', async () => {
    const later = `data: ${chunk('\uFEFFHi', 'stop')}\n\ndata: [DONE]\n\n`;
    expect(texts(await lastValueFrom(chatCompletionChunks(iterableOf([`\uFEFF${later}`])).pipe(toArray())))).toBe('\uFEFFHi');
  });
});

/** A body of `text` that stays open after it (a server holding the connection). */
function held(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.enqueue(encode(text)) });
}

/** A Responses stream of two events (created, completed), with the given line end. */
function responsesBody(eol: string): string {
  const response = (status: string) => ({ id: 'resp_1', object: 'response', created_at: 1, status, model: 'gpt-4o', output: [] });
  const event = (type: string, n: number, status: string) =>
    `event: ${type}${eol}data: ${JSON.stringify({ type, sequence_number: n, response: response(status) })}${eol}${eol}`;
  return event('response.created', 0, 'in_progress') + event('response.completed', 1, 'completed');
}

/** A chat stream of two chunks (a text delta, the finish), then [DONE], with the given line end. */
function chatBody(eol: string): string {
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}${eol}${eol}`;
  return `${chunk({ role: 'assistant', content: 'Hi' }, null)}${chunk({}, 'stop')}data: [DONE]${eol}${eol}`;
}

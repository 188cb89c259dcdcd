import { Stream } from 'openai/core/streaming';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { ResponseStream } from 'openai/lib/responses/ResponseStream';
import { concat, defer, filter, from, lastValueFrom, map, Observable, throwError, timer, toArray, VirtualTimeScheduler } from 'rxjs';
import {
  assistantEvents,
  chatCompletionChunks,
  IncompleteStreamError,
  responseEvents,
  responseEventsFromNdjson,
  ResponseStreamError,
  textDeltas,
  toNdjsonBody,
  type ResponseStreamEvent,
} from '../../src/index';
import { fixtureNames } from '../helpers/bytes';
import { recordingBytes } from './recordings';
import { until } from '../helpers/until';

const read = <T>(events$: Observable<T>) => lastValueFrom(events$.pipe(toArray()));
const readers = {
  responses: (r: Response) => responseEvents(r) as Observable<unknown>,
  chat: (r: Response) => chatCompletionChunks(r) as Observable<unknown>,
  assistants: (r: Response) => assistantEvents(r) as Observable<unknown>,
};
const folders = [
  ['responses', 'responses'],
  ['responses-recorded', 'responses'],
  ['chat-completions', 'chat'],
  ['chat-recorded', 'chat'],
  ['assistants', 'assistants'],
] as const;

describe("toNdjsonBody: the SDK's toReadableStream() body", () => {
  for (const [folder, format] of folders) {
    for (const name of fixtureNames(folder)) {
      it(`${folder}/${name}: byte for byte what the SDK's toReadableStream() writes for the same stream`, async () => {
        const events = await read(readers[format](new Response(recordingBytes(folder, name))));
        const sdk = Stream.fromSSEResponse(new Response(recordingBytes(folder, name)), new AbortController());
        const expected = await new Response(sdk.toReadableStream()).text();
        expect(await new Response(toNdjsonBody(from(events), { heartbeatMs: false })).text()).toBe(expected);
      });
    }
  }

  it("ChatCompletionStream.fromReadableStream reads it: the same text and final completion's content", async () => {
    const bytes = recordingBytes('chat-completions', 'plain-text.sse');
    const text = (await read(chatCompletionChunks(new Response(bytes)).pipe(textDeltas()))).join('');
    const chunks = await read(chatCompletionChunks(new Response(bytes)));
    const runner = ChatCompletionStream.fromReadableStream(toNdjsonBody(from(chunks), { heartbeatMs: false }));
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]!.message.content).toBe(text);
  });

  it('ResponseStream.fromReadableStream reads it: the final response is the completed one', async () => {
    const events = await read(responseEvents(new Response(recordingBytes('responses-recorded', 'azure-text.sse'))));
    const completed = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    const stream = ResponseStream.fromReadableStream(toNdjsonBody(from(events), { heartbeatMs: false }));
    expect((await stream.finalResponse()).id).toBe(completed.response.id);
  });

  it('an upstream error errors the body after the lines before it; the SDK reader throws', async () => {
    const chunks = await read(chatCompletionChunks(new Response(recordingBytes('chat-completions', 'plain-text.sse'))));
    const failure = new IncompleteStreamError({ receivedEvents: 2 });
    const body = toNdjsonBody(concat(from(chunks.slice(0, 2)), throwError(() => failure)), { heartbeatMs: false });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of Stream.fromReadableStream(body, new AbortController())) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(seen).toEqual(chunks.slice(0, 2));
  });

  it("a failed response (the library's ResponseStreamError) is written as its line and the body ends, as the SDK's body has it", async () => {
    const response = (status: string, extra: object = {}) => ({ id: 'resp_1', object: 'response', created_at: 1, status, model: 'm', output: [], ...extra });
    // A `keepalive` while the model works (the API sends them) is one of the stream's own events too.
    const wire = [
      { type: 'response.created', sequence_number: 0, response: response('in_progress') },
      { type: 'keepalive', sequence_number: 1 },
      { type: 'response.failed', sequence_number: 2, response: response('failed', { error: { code: 'server_error', message: 'The model failed' } }) },
    ];
    const bytes = () => new Response(wire.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
    const sdk = Stream.fromSSEResponse(bytes(), new AbortController());
    const expected = await new Response(sdk.toReadableStream()).text();
    const body = toNdjsonBody(responseEvents(bytes()), { heartbeatMs: false });
    const [ours, again] = body.tee();
    expect(await new Response(ours).text()).toBe(expected);
    // The library's NDJSON reader of it fails as the stream did, with the API's code.
    const error = await lastValueFrom(responseEventsFromNdjson(again)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(error).toMatchObject({ eventType: 'response.failed', code: 'server_error', responseId: 'resp_1' });
    // A failure before any value (a stream by id resumed just before it, a stream filtered to its text): the line too.
    const lastLine = expected.slice(expected.lastIndexOf('\n', expected.length - 2) + 1);
    const filtered = (type: string): Observable<unknown> => responseEvents(bytes()).pipe(filter((event) => event.type === type));
    for (const events$ of [filtered('response.failed'), filtered('response.output_text.delta')]) {
      expect(await new Response(toNdjsonBody(events$, { heartbeatMs: false })).text()).toBe(lastLine);
    }
    // Of values made of the events (text, names), the failed response is the error it is: the body errors.
    const derived = toNdjsonBody(responseEvents(bytes()).pipe(map((event) => event.type)), { heartbeatMs: false });
    const read = await new Response(derived).text().catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ResponseStreamError);
  });

  it('a reader more than maxBufferSize behind is cut with IncompleteStreamError, upstream stopped', async () => {
    const line = (i: number) => ({ id: i, text: 'x'.repeat(80) });
    let emitted = 0;
    let unsubscribed = false;
    // One line per turn of the event loop, as from a network.
    const upstream = new Observable<unknown>((subscriber) => {
      let pending: NodeJS.Immediate | undefined;
      const emit = () => {
        if (emitted === 50) return subscriber.complete();
        subscriber.next(line(emitted++));
        if (!subscriber.closed) pending = setImmediate(emit);
      };
      emit();
      return () => {
        clearImmediate(pending);
        unsubscribed = true;
      };
    });
    const reader = toNdjsonBody(upstream, { heartbeatMs: false, maxBufferSize: 100 }).getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    // The reader takes nothing more until upstream was stopped.
    await until(() => unsubscribed);
    const error = await (async () => {
      for (let read = await reader.read(); !read.done; read = await reader.read()) text += new TextDecoder().decode(read.value);
    })().catch((e: unknown) => e);
    // What waited is read first, then the error.
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(text.split('\n').filter(Boolean).map((json) => JSON.parse(json))).toEqual([line(0), line(1)]);
    expect(emitted).toBe(3);
  });

  it('the lines of one synchronous burst all pass to a reader that keeps up', async () => {
    const lines = [{ id: 'a' }, { id: 'b', text: 'x'.repeat(500) }, { id: 'c' }];
    // A line larger than the limit right after a small one: a burst may fill twice the limit.
    const body = toNdjsonBody(from(lines), { heartbeatMs: false, maxBufferSize: 400 });
    const seen: unknown[] = [];
    for await (const item of Stream.fromReadableStream(body, new AbortController())) seen.push(item);
    expect(seen).toEqual(lines);
  });

  it('heartbeats are empty lines on the given scheduler, which the SDK skips', async () => {
    const scheduler = new VirtualTimeScheduler();
    let subscribed = false;
    const a = { id: 'a' };
    const b = { id: 'b' };
    const upstream = defer(() => {
      subscribed = true;
      return concat(timer(25, scheduler).pipe(map(() => a)), timer(25, scheduler).pipe(map(() => b)));
    });
    const body = toNdjsonBody(upstream, { heartbeatMs: 10, scheduler });
    const [mine, theirs] = body.tee();
    const text = new Response(mine).text();
    const items = (async () => {
      const list: unknown[] = [];
      for await (const item of Stream.fromReadableStream(theirs, new AbortController())) list.push(item);
      return list;
    })();
    while (!subscribed) await new Promise((resolve) => setImmediate(resolve));
    scheduler.flush();
    // At 10 and 20 ms, a at 25, at 30 and 40, b at 50 (before the heartbeat due then), the end.
    expect(await text).toBe('\n\n{"id":"a"}\n\n\n{"id":"b"}\n');
    expect(await items).toEqual([a, b]);
  });
});

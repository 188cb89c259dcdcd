import OpenAI from 'openai';
import { Stream } from 'openai/core/streaming';
import { from, lastValueFrom, Observable, throwError, concat, toArray } from 'rxjs';
import {
  assistantEvents,
  AssistantStreamError,
  chatCompletionChunks,
  ChatCompletionStreamError,
  EVENT_STREAM_HEADERS,
  IncompleteStreamError,
  responseEvents,
  ResponseStreamError,
  resumableEventStream,
  toEventStreamResponse,
  toNdjsonBody,
  type RelayFormat,
  relayToNodeResponse,
} from '../../src/index';
import { fixtureNames } from '../helpers/bytes';
import { listen } from '../helpers/local-server';
import { recordingBytes } from './recordings';

type Reader = (response: Response) => Observable<unknown>;
const readers: Record<RelayFormat, Reader> = {
  responses: (r) => responseEvents(r),
  chat: (r) => chatCompletionChunks(r),
  assistants: (r) => assistantEvents(r),
};
const folders: ReadonlyArray<[string, RelayFormat]> = [
  ['responses', 'responses'],
  ['responses-recorded', 'responses'],
  ['chat-completions', 'chat'],
  ['chat-recorded', 'chat'],
  ['assistants', 'assistants'],
];

const read = <T>(events$: Observable<T>) => lastValueFrom(events$.pipe(toArray()));
const original = (folder: string, name: string, format: RelayFormat) =>
  read(readers[format](new Response(recordingBytes(folder, name))));
const relayed = (events: readonly unknown[], format?: RelayFormat) =>
  toEventStreamResponse(from(events), { format, heartbeatMs: false });

/** What the official SDK reads out of an SSE body (its legacy mode: what `client.*.stream()` iterates). */
async function sdkRead(response: Response): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of Stream.fromSSEResponse(response, new AbortController())) items.push(item);
  return items;
}

describe('relay round trip over the recordings', () => {
  for (const [folder, format] of folders) {
    for (const name of fixtureNames(folder)) {
      it(`${folder}/${name}: the relayed body reads back into the same events`, async () => {
        const events = await original(folder, name, format);
        expect(events.length).toBeGreaterThan(0);
        // Told by the first event, and named.
        expect(await read(readers[format](relayed(events)))).toEqual(events);
        expect(await read(readers[format](relayed(events, format)))).toEqual(events);
      });

      it(`${folder}/${name}: the SDK reads the relayed body as it reads the recording`, async () => {
        const events = await original(folder, name, format);
        const direct = await sdkRead(new Response(recordingBytes(folder, name)));
        expect(await sdkRead(relayed(events, format))).toEqual(direct);
      });
    }
  }

  it('keeps the recordings framing: event names, sequence numbers as ids, the API terminal events', async () => {
    const responses = await original('responses-recorded', 'azure-text.sse', 'responses');
    const text = await relayed(responses).text();
    expect(text.startsWith('event: response.created\nid: 0\ndata: {"type":"response.created","sequence_number":0,')).toBe(true);
    expect(text).toMatch(/\n\nevent: response\.completed\nid: \d+\ndata: \{"type":"response\.completed"[^\n]*\}\n\n$/);
    const chat = await original('chat-completions', 'plain-text.sse', 'chat');
    expect((await relayed(chat).text()).endsWith('}\n\ndata: [DONE]\n\n')).toBe(true);
    const run = await original('assistants', 'create-run.sse', 'assistants');
    const runText = await relayed(run).text();
    expect(runText.startsWith('event: thread.run.created\ndata: {"id":"run_123"')).toBe(true);
    expect(runText.endsWith('}\n\nevent: done\ndata: [DONE]\n\n')).toBe(true);
  });

  it('answers with the event-stream headers', () => {
    const response = toEventStreamResponse(from([]), { format: 'chat', headers: { 'x-extra': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-extra')).toBe('1');
    expect(EVENT_STREAM_HEADERS['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  it('says what it expected when given something that is no Observable (a Promise, an array, null)', () => {
    const wrong = [Promise.resolve([]), [], null];
    for (const value of wrong) {
      expect(() => toEventStreamResponse(value as never, { format: 'chat' })).toThrow(/^toEventStreamBody: expected an Observable of events \(got /);
      expect(() => toNdjsonBody(value as never)).toThrow(/^toNdjsonBody: expected an Observable of events/);
    }
    expect(() => toEventStreamResponse(Promise.resolve() as never)).toThrow('(got Promise)');
    const res = { destroyed: true } as never;
    expect(() => relayToNodeResponse({ headers: {} }, res, [] as never)).toThrow('relayToNodeResponse: expected an Observable of events (got Array)');
  });

  it('a header given in another letter case replaces the default of that name, in both adapters', async () => {
    const headers = { 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'yes' };
    const response = toEventStreamResponse(from([]), { format: 'chat', headers });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-accel-buffering')).toBe('yes');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const server = await listen((req, res) => relayToNodeResponse(req, res, from([]), { format: 'chat', headers }));
    try {
      const relayed = await fetch(server.url);
      await relayed.text();
      expect(relayed.headers.get('cache-control')).toBe('no-store');
      expect(relayed.headers.get('x-accel-buffering')).toBe('yes');
      expect(relayed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    } finally {
      await server.close();
    }
  });
});

describe('relay of upstream errors', () => {
  const responseError = JSON.stringify({ type: 'error', code: 'server_error', message: 'Boom', param: null, sequence_number: 3 });

  it('Responses: the API error event comes back as the same ResponseStreamError', async () => {
    const events = (await original('responses-recorded', 'azure-text.sse', 'responses')).slice(0, 3);
    const upstream = concat(from(events), throwError(() => new ResponseStreamError('error', responseError)));
    const error = await read(responseEvents(toEventStreamResponse(upstream))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect((error as ResponseStreamError).data).toBe(responseError);
    expect((error as ResponseStreamError).code).toBe('server_error');
    expect((error as ResponseStreamError).sequenceNumber).toBe(3);
    const sdkError = await sdkRead(toEventStreamResponse(upstream)).catch((e: unknown) => e);
    expect(sdkError).toBeInstanceOf(OpenAI.APIError);
    expect((sdkError as InstanceType<typeof OpenAI.APIError>).code).toBe('server_error');
  });

  it("the API's error events reach the browser with a key a proxy echoed in them masked, in every format", async () => {
    const key = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0SECRETTAIL';
    const upstreams: Array<[RelayFormat, Observable<never>]> = [
      ['responses', throwError(() => new ResponseStreamError('error', JSON.stringify({ type: 'error', code: 'x', message: `rejected Bearer ${key}`, sequence_number: 0 })))],
      ['chat', throwError(() => new ChatCompletionStreamError(JSON.stringify({ error: { message: `proxy: bad key ${key}`, type: 'x', param: key, code: 'x' } })))],
      ['assistants', throwError(() => new AssistantStreamError(JSON.stringify({ code: 'x', message: `bad key ${key}` })))],
      // After a line break or a tab, which JSON text writes as `\n` and `\t`, escapes ending in a letter.
      ['responses', throwError(() => new ResponseStreamError('error', JSON.stringify({ type: 'error', code: 'invalid_api_key', message: `Key refused:\n${key}`, sequence_number: 0 })))],
      ['chat', throwError(() => new ChatCompletionStreamError(JSON.stringify({ error: { message: `bad key:\t${key}`, type: 'x', param: null, code: 'x' } })))],
    ];
    for (const [format, upstream] of upstreams) {
      const sse = await toEventStreamResponse(upstream, { format }).text();
      expect(sse).not.toContain('SECRETTAIL');
      expect(sse).toContain('***TAIL');
      await expect(new Response(toNdjsonBody(upstream)).text()).rejects.not.toThrow(/SECRETTAIL/);
    }
  });

  it('Responses: response.failed comes back as response.failed, with the events before it', async () => {
    const events = (await original('responses-recorded', 'azure-text.sse', 'responses')).slice(0, 2);
    const failed = JSON.stringify({
      type: 'response.failed',
      sequence_number: 2,
      response: { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'Down' } },
    });
    const upstream = concat(from(events), throwError(() => new ResponseStreamError('response.failed', failed)));
    const seen: unknown[] = [];
    const error = await new Promise((resolve) =>
      responseEvents(toEventStreamResponse(upstream)).subscribe({ next: (e) => seen.push(e), error: resolve }),
    );
    expect(seen).toEqual(events);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect((error as ResponseStreamError).eventType).toBe('response.failed');
    expect((error as ResponseStreamError).code).toBe('server_error');
    expect((error as ResponseStreamError).responseId).toBe('resp_1');
  });

  it('Responses: any other failure becomes an error event with the upstream_error code and no internal detail', async () => {
    const events = (await original('responses-recorded', 'azure-text.sse', 'responses')).slice(0, 2);
    const upstream = concat(from(events), throwError(() => new Error('ECONNRESET at https://internal:8443 sk-secret')));
    const response = toEventStreamResponse(upstream);
    const error = await read(responseEvents(response)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect((error as ResponseStreamError).code).toBe('upstream_error');
    expect((error as ResponseStreamError).data).not.toContain('sk-secret');
    expect((error as ResponseStreamError).sequenceNumber).toBe(2);
  });

  it('a describeError option chooses what the browser reads', async () => {
    const upstream = throwError(() => new Error('quota'));
    const response = toEventStreamResponse(upstream, {
      format: 'chat',
      describeError: () => ({ code: 'rate_limit_exceeded', message: 'Slow down', type: 'requests' }),
    });
    const error = await read(chatCompletionChunks(response)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect((error as ChatCompletionStreamError).code).toBe('rate_limit_exceeded');
    expect((error as ChatCompletionStreamError).type).toBe('requests');
  });

  it('chat: the API error line comes back as the same ChatCompletionStreamError; the SDK throws its APIError', async () => {
    const chunks = (await original('chat-completions', 'plain-text.sse', 'chat')).slice(0, 2);
    const data = JSON.stringify({ error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } });
    const upstream = () => concat(from(chunks), throwError(() => new ChatCompletionStreamError(data)));
    const error = await read(chatCompletionChunks(toEventStreamResponse(upstream()))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect((error as ChatCompletionStreamError).data).toBe(data);
    const sdkError = await sdkRead(toEventStreamResponse(upstream())).catch((e: unknown) => e);
    expect(sdkError).toBeInstanceOf(OpenAI.APIError);
    expect((sdkError as InstanceType<typeof OpenAI.APIError>).code).toBe('overloaded');
  });

  it('chat: a bare {code, message} error (sent as event: error) is relayed inside {"error": ...}', async () => {
    const upstream = throwError(() => new ChatCompletionStreamError(JSON.stringify({ code: 'x', message: 'Bad' })));
    const response = toEventStreamResponse(upstream, { format: 'chat' });
    const text = await response.text();
    expect(text).toBe('data: {"error":{"message":"Bad","type":"server_error","param":null,"code":"x"}}\n\n');
  });

  it('Assistants: the API error event comes back as the same AssistantStreamError', async () => {
    const events = (await original('assistants', 'create-run.sse', 'assistants')).slice(0, 2);
    const data = JSON.stringify({ code: 'server_error', message: 'Sorry' });
    const upstream = () => concat(from(events), throwError(() => new AssistantStreamError(data)));
    const error = await read(assistantEvents(toEventStreamResponse(upstream()))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect((error as AssistantStreamError).data).toBe(data);
    const sdkError = await sdkRead(toEventStreamResponse(upstream())).catch((e: unknown) => e);
    expect(sdkError).toBeInstanceOf(OpenAI.APIError);
    expect((sdkError as InstanceType<typeof OpenAI.APIError>).code).toBe('server_error');
    const generic = await read(
      assistantEvents(toEventStreamResponse(concat(from(events), throwError(() => new TypeError('fetch failed'))))),
    ).catch((e: unknown) => e);
    expect(generic).toBeInstanceOf(AssistantStreamError);
    expect((generic as AssistantStreamError).code).toBe('upstream_error');
  });

  it.each(folders.filter(([folder]) => !folder.endsWith('-recorded')))(
    '%s: a cut upstream ends the body without the terminal event, so the reader sees IncompleteStreamError',
    async (folder, format) => {
      const events = await original(folder, fixtureNames(folder)[0]!, format);
      const upstream = concat(from(events.slice(0, 2)), throwError(() => new IncompleteStreamError({ receivedEvents: 2 })));
      const response = toEventStreamResponse(upstream, { format });
      const seen: unknown[] = [];
      const error = await new Promise((resolve, reject) =>
        readers[format](response).subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => reject(new Error('completed')) }),
      );
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(seen).toEqual(events.slice(0, 2));
    },
  );

  it('an event JSON cannot carry becomes an error event, and upstream is unsubscribed', async () => {
    let unsubscribed = false;
    const upstream = new Observable<unknown>((subscriber) => {
      subscriber.next({ type: 'x.custom', sequence_number: 0, big: 1n });
      return () => (unsubscribed = true);
    });
    const error = await read(responseEvents(toEventStreamResponse(upstream))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(unsubscribed).toBe(true);
  });

  it('an Assistants event name with a line break is refused with an error event, not written', async () => {
    const upstream = from([{ event: 'thread.x\nevent: done', data: {} }]);
    const text = await toEventStreamResponse(upstream, { format: 'assistants' }).text();
    expect(text).toMatch(/^event: error\ndata: \{"code":"upstream_error"/);
    expect(text).not.toContain('event: done');
  });
});

describe('resumableEventStream (without HTTP)', () => {
  const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };

  it('passes the Last-Event-ID header, trimmed, and undefined when absent or blank; calls the factory on first read', async () => {
    const ids: (string | undefined)[] = [];
    const handler = resumableEventStream((lastEventId) => {
      ids.push(lastEventId);
      return from([chunk]);
    }, { format: 'chat', heartbeatMs: false });
    // A first connection is answered at once and calls the factory when its body is read; a reconnect calls it
    // before it answers (its answer waits for upstream's first word).
    const first = await handler(new Request('http://relay/'));
    const blank = await handler(new Request('http://relay/', { headers: { 'last-event-id': ' ' } }));
    expect(ids).toEqual([]);
    const reconnect = await handler(new Request('http://relay/', { headers: { 'last-event-id': ' 12 ' } }));
    expect(ids).toEqual(['12']);
    for (const response of [first, blank, reconnect]) expect(await read(chatCompletionChunks(response))).toEqual([chunk]);
    expect(ids).toEqual(['12', undefined, undefined]);
  });

  it('a CORS preflight (OPTIONS) and a HEAD are answered without calling the factory: no upstream request', async () => {
    let calls = 0;
    const cors = { 'access-control-allow-origin': 'https://app.example', 'access-control-allow-headers': 'last-event-id' };
    const handler = resumableEventStream(() => (calls++, from([chunk])), { format: 'chat', heartbeatMs: false, headers: cors });
    const preflight = await handler(
      new Request('http://relay/', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-headers': 'last-event-id' } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('last-event-id');
    expect(preflight.body).toBeNull();
    const head = await handler(new Request('http://relay/', { method: 'HEAD', headers: { 'last-event-id': '3' } }));
    expect([head.status, head.headers.get('content-type'), head.headers.get('access-control-allow-origin'), head.body]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
      'https://app.example',
      null,
    ]);
    expect(calls).toBe(0);
    // A GET after them is relayed as always.
    expect(await read(chatCompletionChunks(await handler(new Request('http://relay/'))))).toEqual([chunk]);
    expect(calls).toBe(1);
  });

  it('a factory that throws is relayed as an error event', async () => {
    const handler = resumableEventStream(() => {
      throw new Error('cannot resume');
    }, { format: 'chat', heartbeatMs: false });
    const error = await read(chatCompletionChunks(await handler(new Request('http://relay/')))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect((error as ChatCompletionStreamError).code).toBe('upstream_error');
  });
});

/**
 * The `x-request-id` of the response an error came from, on every error of the library (`requestId`), as the
 * official SDK gives it (`requestID`) on its errors of the same bytes: what a user quotes when asking OpenAI for
 * help about a stream that failed after its headers, a cut, a timeout or a broken body, and not only about an
 * error status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstValueFrom, lastValueFrom, of, tap, toArray } from 'rxjs';
import OpenAI from 'openai';
import {
  APIConnectionError,
  ChatCompletionStreamError,
  chatCompletionChunks,
  createClient,
  fromSSE,
  IncompleteStreamError,
  OpenAIStreamError,
  responseEvents,
  ResponseNotRetrievableError,
  ResponseResumeExpiredError,
  ResponseStreamError,
  StreamBufferOverflowError,
  StreamNotEstablishedError,
  StreamParseError,
  StreamTimeoutError,
  type ServerSentEvent,
} from '../../src/index';
import { withRequestId } from '../../src/errors/base';
import { listen, type LocalServer } from '../helpers/local-server';
import { until } from '../helpers/until';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const ID = 'req_0123456789abcdef';
// Named as the API names them (`event: <type>`): the SDK reads a Responses `error` event by its name. Chat chunks have none.
const sse = (...events: object[]) =>
  events.map((event) => `${'type' in event ? `event: ${String(event.type)}\n` : ''}data: ${JSON.stringify(event)}\n\n`).join('');
const created = { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] } };
const delta = { type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel' };
const chunk = { id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] };

/** A server on 127.0.0.1 that reads each request to its end, then answers it with `then`. */
const serve = (then: (res: ServerResponse) => void): Promise<LocalServer> =>
  listen((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => then(res));
  });

/** The head of an event stream, with `x-request-id: ID` (or, given `null`, none). */
const eventStream = (res: ServerResponse, id: string | null = ID) =>
  res.writeHead(200, { 'content-type': 'text/event-stream', ...(id === null ? {} : { 'x-request-id': id }) });

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const failure = <T>(promise: Promise<T>) => promise.then(() => undefined, (error: unknown) => error);

describe('the client: the request id on errors that came after the headers', () => {
  it("a Responses stream's error event: ResponseStreamError with the id the SDK gives its APIError", async () => {
    server = await serve((res) => {
      eventStream(res);
      res.end(sse(created, delta, { type: 'error', sequence_number: 2, code: 'server_error', message: 'The model failed', param: null }));
    });
    const ours = await failure(lastValueFrom(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).responses.stream({ model: 'm', input: 'hi' })));
    expect(ours).toBeInstanceOf(ResponseStreamError);
    expect((ours as ResponseStreamError).requestId).toBe(ID);

    const theirs = await failure(
      (async () => {
        const stream = await new OpenAI({ apiKey: 'k', baseURL: server!.url, maxRetries: 0 }).responses.create({ model: 'm', input: 'hi', stream: true });
        for await (const _ of stream);
      })(),
    );
    expect((theirs as { requestID?: string }).requestID).toBe(ID);
  });

  it("a Chat Completions stream's error chunk: ChatCompletionStreamError with the id the SDK gives its APIError", async () => {
    server = await serve((res) => {
      eventStream(res);
      res.end(sse(chunk, { error: { message: 'Overloaded', type: 'server_error', code: null, param: null } }));
    });
    const params = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
    const ours = await failure(lastValueFrom(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).chat.completions.stream(params)));
    expect(ours).toBeInstanceOf(ChatCompletionStreamError);
    expect((ours as ChatCompletionStreamError).requestId).toBe(ID);

    const theirs = await failure(
      (async () => {
        const stream = await new OpenAI({ apiKey: 'k', baseURL: server!.url, maxRetries: 0 }).chat.completions.create({ ...params, stream: true });
        for await (const _ of stream);
      })(),
    );
    expect((theirs as { requestID?: string }).requestID).toBe(ID);
  });

  it('a stream cut short: IncompleteStreamError with the id of the response whose body ended', async () => {
    server = await serve((res) => {
      eventStream(res);
      res.end(sse(created, delta));
    });
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, recoverStreams: false });
    const error = await failure(lastValueFrom(client.responses.stream({ model: 'm', input: 'hi' })));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).requestId).toBe(ID);
  });

  it('a stream gone silent: the idle StreamTimeoutError with the id', async () => {
    server = await serve((res) => {
      eventStream(res);
      res.write(sse(created, delta)); // then nothing more
    });
    // Virtual time: the idle timeout expires once both events came, whatever the machine's load.
    const scheduler = new WatchedScheduler();
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, recoverStreams: false, idleTimeout: 5000, scheduler });
    let received = 0;
    const failed = failure(lastValueFrom(client.responses.stream({ model: 'm', input: 'hi' }).pipe(tap(() => received++))));
    await until(() => received === 2, { what: 'both events' });
    scheduler.advanceTo(5000);
    const error = await failed;
    expect(error).toMatchObject({ kind: 'idle', requestId: ID });
    expect(error).toBeInstanceOf(StreamTimeoutError);
  });

  it("a JSON body that is not JSON: StreamParseError with the id (the SDK's parse error has none)", async () => {
    server = await serve((res) => res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': ID }).end('{"id": "resp_1", '));
    const error = await failure(firstValueFrom(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).responses.retrieve('resp_1')));
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).requestId).toBe(ID);
  });

  it('a JSON body that stalls past the deadline: the body StreamTimeoutError with the id', async () => {
    server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': ID });
      res.write('{"id": "resp_1", ');
    });
    // Virtual time: the deadline expires once the headers came (a body's timeout, not the headers').
    const scheduler = new WatchedScheduler();
    let answered = false;
    const fetchImpl: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      answered = true;
      return response;
    };
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, timeout: 300, scheduler, fetch: fetchImpl });
    const failed = failure(firstValueFrom(client.responses.retrieve('resp_1')));
    await until(() => answered, { what: 'the headers' });
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.advanceTo(300);
    expect(await failed).toMatchObject({ kind: 'body', requestId: ID });
  });

  it('a JSON body cut by the connection: APIConnectionError with the id', async () => {
    let open: ServerResponse | undefined;
    server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': ID, 'content-length': '100' });
      res.write('{"id": "resp_1", ');
      open = res;
    });
    let answered = false;
    const fetchImpl: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      answered = true;
      return response;
    };
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0, fetch: fetchImpl });
    const failed = failure(firstValueFrom(client.responses.retrieve('resp_1')));
    // Cut once the client has the headers: the cut is the body's.
    await until(() => answered, { what: 'the headers' });
    open!.destroy();
    const error = await failed;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).requestId).toBe(ID);
  });

  it('a response without the header: requestId undefined, and an error without a response has none', async () => {
    server = await serve((res) => {
      eventStream(res, null);
      res.end(sse(created, { type: 'error', sequence_number: 1, code: 'server_error', message: 'failed', param: null }));
    });
    const error = await failure(lastValueFrom(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).responses.stream({ model: 'm', input: 'hi' })));
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect((error as ResponseStreamError).requestId).toBeUndefined();
    expect(new IncompleteStreamError({ receivedEvents: 0 }).requestId).toBeUndefined();
  });
});

describe('the client: the request id of a recovery the API refused', () => {
  // A stream cut after two events (its POST answered with `req_post`), and the GET of its recovery refused with a 404
  // whose id is `req_get`: the error is that refusal's, and carries its id (the cut's is its `reason`'s, or its cause's).
  const refusedRecovery = (background: boolean): Promise<LocalServer> =>
    listen((req: IncomingMessage, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST') {
          eventStream(res, 'req_post');
          res.end(sse({ ...created, response: { ...created.response, background } }, delta));
        } else {
          const body = JSON.stringify({ error: { message: 'No response found', type: 'invalid_request_error', param: null, code: null } });
          res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'req_get' }).end(body);
        }
      });
    });

  it('a resume refused (background): ResponseResumeExpiredError with the id of the refused GET', async () => {
    server = await refusedRecovery(true);
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    const error = await failure(lastValueFrom(client.responses.stream({ model: 'm', input: 'hi', background: true })));
    expect(error).toBeInstanceOf(ResponseResumeExpiredError);
    expect((error as ResponseResumeExpiredError).requestId).toBe('req_get');
  });

  it('a response not served (a stream not in the background): ResponseNotRetrievableError with the id of the refused GET', async () => {
    server = await refusedRecovery(false);
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    const error = await failure(lastValueFrom(client.responses.stream({ model: 'm', input: 'hi' })));
    expect(error).toBeInstanceOf(ResponseNotRetrievableError);
    expect((error as ResponseNotRetrievableError).requestId).toBe('req_get');
    expect(((error as ResponseNotRetrievableError).reason as IncompleteStreamError).requestId).toBe('req_post');
  });
});

describe('the sources: the request id of the fetch Response they read', () => {
  it("a factory's Response: the error event's ResponseStreamError and a cut chat stream's IncompleteStreamError carry its id", async () => {
    let body = sse(created, { type: 'error', sequence_number: 1, code: 'server_error', message: 'failed', param: null });
    server = await serve((res) => {
      eventStream(res);
      res.end(body);
    });
    const url = server.url;
    const failed = await failure(lastValueFrom(responseEvents((signal) => fetch(url, { signal }))));
    expect(failed).toBeInstanceOf(ResponseStreamError);
    expect((failed as ResponseStreamError).requestId).toBe(ID);

    body = sse(chunk);
    const cut = await failure(lastValueFrom(chatCompletionChunks(await fetch(url))));
    expect(cut).toBeInstanceOf(IncompleteStreamError);
    expect((cut as IncompleteStreamError).requestId).toBe(ID);
  });

  it("what a callback threw fails the stream as it is: an error the app throws from every stream gets no stream's id", async () => {
    const stop = new OpenAIStreamError('stop');
    const events = (id: string) =>
      responseEvents(new Response(': hi\n\ndata: {}\n\n', { headers: { 'content-type': 'text/event-stream', 'x-request-id': id } }), {
        onComment: () => {
          throw stop;
        },
      });
    expect(await failure(lastValueFrom(events('req_A')))).toBe(stop);
    expect(await failure(lastValueFrom(events('req_B')))).toBe(stop);
    expect(stop.requestId).toBeUndefined();
  });

  it("fromSSE() too: a JSON answer's StreamNotEstablishedError and an overflow carry the id; what a callback threw does not", async () => {
    const answer = (type: string, body: string) => new Response(body, { headers: { 'content-type': type, 'x-request-id': ID } });
    const refused = await failure(lastValueFrom(fromSSE(answer('application/json', '{"error": {"message": "Not a stream"}}'))));
    expect(refused).toBeInstanceOf(StreamNotEstablishedError);
    expect((refused as StreamNotEstablishedError).requestId).toBe(ID);
    const fromFactory = await failure(lastValueFrom(fromSSE(async () => answer('application/json', '{"id": "resp_1"}'))));
    expect((fromFactory as StreamNotEstablishedError).requestId).toBe(ID);
    const overflow = await failure(lastValueFrom(fromSSE(answer('text/event-stream', `data: ${'x'.repeat(100)}\n\n`), { maxBufferSize: 10 })));
    expect(overflow).toBeInstanceOf(StreamBufferOverflowError);
    expect((overflow as StreamBufferOverflowError).requestId).toBe(ID);
    const stop = new OpenAIStreamError('stop');
    const onComment = () => {
      throw stop;
    };
    expect(await failure(lastValueFrom(fromSSE(answer('text/event-stream', ': hi\n\ndata: x\n\n'), { onComment })))).toBe(stop);
    expect(stop.requestId).toBeUndefined();
  });

  it('events given as an Observable carry no id: there were no headers', async () => {
    const events: ServerSentEvent[] = [{ data: JSON.stringify(created), event: undefined, id: undefined }];
    const error = await failure(lastValueFrom(responseEvents(of(...events)).pipe(toArray())));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).requestId).toBeUndefined();
  });
});

describe('withRequestId', () => {
  it("gives a library error the id once, and leaves others' errors and a frozen error as they are", () => {
    const error = new IncompleteStreamError({ receivedEvents: 1 });
    expect(withRequestId(error, new Headers({ 'x-request-id': 'req_1' }))).toBe(error);
    withRequestId(error, 'req_2');
    expect(error.requestId).toBe('req_1');

    const own = new Error('app');
    withRequestId(own, 'req_1');
    expect('requestId' in own).toBe(false);

    const frozen = Object.freeze(new OpenAIStreamError('frozen'));
    expect(() => withRequestId(frozen, 'req_1')).not.toThrow();
    expect(frozen.requestId).toBeUndefined();
  });
});

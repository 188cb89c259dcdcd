/**
 * Error bodies as servers send them, the API's and others' (vLLM's, a gateway's, a proxy's): the call fails with
 * the class of its status and the fields the official SDK gives on the same answer, whatever the body's shape.
 */
import { inspect } from 'node:util';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import OpenAI from 'openai';
import { APIError, assistantEvents, chatCompletionChunks, createClient, IncompleteStreamError, responseEvents, ResponseStreamError, StreamNotEstablishedError, StreamParseError } from '../../src/index';
import { listen } from '../helpers/local-server';
import { redactSecrets } from '../../src/errors/excerpt';

/** The case, its status and body, and whether the SDK's fields and words are the same (else: as noted). */
const bodies: Array<[string, number, string, boolean?]> = [
  ['the API’s', 400, JSON.stringify({ error: { message: 'Bad input', type: 'invalid_request_error', param: 'input', code: 'bad' } })],
  ['a null message', 400, JSON.stringify({ error: { message: null, type: 'invalid_request_error' } })],
  ['a number for a message', 500, JSON.stringify({ error: { message: 42 } })],
  ['an object for a message', 400, JSON.stringify({ error: { message: { detail: 'x' } } })],
  // Deliberately an object here (`error.message` reads as for the API's shape); the SDK keeps the string, quoted.
  ['an error as a string', 429, JSON.stringify({ error: 'Slow down' }), false],
  ['vLLM’s, without the error wrapper', 404, JSON.stringify({ object: 'error', message: 'The model `gpt-x` does not exist.', type: 'NotFoundError', param: null, code: 404 })],
  ['a gateway’s, without the error wrapper', 401, JSON.stringify({ statusCode: 401, message: 'Access denied due to invalid subscription key.' })],
  ['an error of null', 403, JSON.stringify({ error: null, message: 'Forbidden here' })],
  ['a proxy’s page', 502, '<html><body>Bad gateway</body></html>'],
  // Worded "503 no body"; the SDK's "503 status code (no body)".
  ['nothing', 503, '', false],
];

describe('an error body of any shape', () => {
  it.each(bodies)('%s: the class, status, code, type, param and message the SDK gives', async (_, status, body, same = true) => {
    const server = await listen((_req, res) => res.writeHead(status, { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json' }).end(body));
    try {
      const ours = await firstValueFrom(createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).conversations.retrieve('conv_1')).catch((e: unknown) => e);
      const theirs = await new OpenAI({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).conversations.retrieve('conv_1').catch((e: unknown) => e);
      expect(ours).toBeInstanceOf(APIError);
      const fields = (e: unknown) => {
        const { status, code, type, param, error } = e as APIError;
        return { name: (e as Error).constructor.name, status, code, type, param, error };
      };
      if (!same) {
        expect([(ours as APIError).constructor.name, (ours as APIError).status]).toEqual([(theirs as APIError).constructor.name, status]);
        return;
      }
      expect(fields(ours)).toEqual(fields(theirs));
      // The SDK's words; here with where the request went.
      expect((ours as APIError).message).toBe(`${(theirs as Error).message} (GET /conversations/conv_1)`);
    } finally {
      await server.close();
    }
  });
});

describe('what an error tells of a body a server sent', () => {
  it("a 200 page answering a JSON call: StreamParseError naming the request without its query, the page's echoed key masked", async () => {
    const server = await listen((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>blocked: authorization=${req.headers['authorization']}</html>`));
    try {
      const client = createClient({ apiKey: 'sk-proj-AbCdEfGhIjKl0123456789', baseURL: server.url, query: { key: 'GATEWAY-SECRET-42' }, maxRetries: 0 });
      const error = await firstValueFrom(client.responses.retrieve('resp_1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamParseError);
      expect((error as StreamParseError).message).toBe('Invalid JSON in the response body of GET /responses/resp_1: <html>blocked: authorization=Bearer ***6789</html>');
      expect((error as StreamParseError).eventName).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("an Azure gateway's error echoing the api-key header: the key masked in the APIError's message, its last four kept", async () => {
    const key = '0123456789abcdef0123456789abcdef';
    const server = await listen((req, res) => {
      const echoed = `Request headers: api-key: ${req.headers['api-key']}; {"Ocp-Apim-Subscription-Key":"${req.headers['api-key']}"}; ?api_key=${req.headers['api-key']}; AZURE_OPENAI_API_KEY=${req.headers['api-key']}; x-api-key: ${req.headers['api-key']}`;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 401, message: echoed }));
    });
    try {
      const client = createClient({ apiKey: '', headers: { 'api-key': key }, baseURL: server.url, maxRetries: 0 });
      const error = await firstValueFrom(client.responses.retrieve('resp_1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).message).toBe(
        '401 Request headers: api-key: ***cdef; {"Ocp-Apim-Subscription-Key":"***cdef"}; ?api_key=***cdef; AZURE_OPENAI_API_KEY=***cdef; x-api-key: ***cdef (GET /responses/resp_1)',
      );
      expect(JSON.stringify((error as APIError).error)).not.toContain('0123456789');
    } finally {
      await server.close();
    }
  });

  it('a page under the event-stream label: StreamNotEstablishedError showing it, not a cut after 0 events', async () => {
    const page = '<!doctype html><html><body>Request blocked by policy</body></html>';
    const server = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(page));
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const error = await lastValueFrom(client.responses.stream({ model: 'm', input: 'hi' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotEstablishedError);
      expect((error as Error).message).toBe(`Expected a text/event-stream response but got a page ("text/event-stream"): ${page}`);
      const alone = await lastValueFrom(chatCompletionChunks(new Response(page, { headers: { 'content-type': 'text/event-stream' } }))).catch((e: unknown) => e);
      expect(alone).toBeInstanceOf(StreamNotEstablishedError);
    } finally {
      await server.close();
    }
  });

  it("an error status given to a source: the URL in its message without the query (a gateway's key)", async () => {
    const server = await listen((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'No entry' } })));
    try {
      const url = `${server.url}/chat/completions?key=GATEWAY-SECRET-42`;
      const error = await lastValueFrom(chatCompletionChunks(() => fetch(url))).catch((e: unknown) => e);
      expect((error as APIError).message).toBe(`401 No entry (${server.url}/chat/completions)`);
      const given = await lastValueFrom(responseEvents(await fetch(url))).catch((e: unknown) => e);
      expect((given as APIError).message).toBe(`401 No entry (${server.url}/chat/completions)`);
      // A response-like without a url (a test double, an adapter's): said as a response.
      const like = { ok: false, status: 503, statusText: '', headers: new Headers(), bodyUsed: false, body: new Response('{"error":{"message":"overloaded"}}').body };
      const unnamed = await lastValueFrom(responseEvents(async () => like as unknown as Response)).catch((e: unknown) => e);
      expect((unnamed as APIError).message).toBe('503 overloaded (response)');
    } finally {
      await server.close();
    }
  });

  it("the API's error event with a message of megabytes: bounded as an APIError's (1,000 characters), a key in it masked", async () => {
    const huge = `sk-proj-AbCdEfGhIjKl0123456789 ${'x'.repeat(5_000_000)}`;
    const body = `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'server_error', message: huge, sequence_number: 0 })}\n\n`;
    const error = await lastValueFrom(responseEvents(new Response(body, { headers: { 'content-type': 'text/event-stream' } }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    const message = (error as Error).message;
    expect(message.length).toBeLessThan(1100);
    expect(message).toContain('sk-***6789');
    expect(message).not.toContain('AbCdEf');
  });

  it("an Azure key header's value echoed URL-encoded is masked too", () => {
    const key = '0123456789abcdef0123456789SECRET';
    for (const echoed of [`headers=api-key%3A%20${key}`, `?next=%2Fv1%3Fapi-key%3D${key}`, `"api-key":"${key}"`, `api-key: ${key}`]) {
      const error = APIError.from(401, new Headers(), JSON.stringify({ error: { message: `denied: ${echoed}`, param: echoed } }));
      for (const written of [error.message, JSON.stringify(error), inspect(error, { depth: 5 })]) {
        expect(written).not.toContain('0123456789');
        expect(written).toContain('***CRET');
      }
    }
  });

  it("a failed response is kept as the API sent it (the model's output is not rewritten), its error's message masked", async () => {
    const output = 'Send the header as Bearer authentication; in config.py set api_key = "REPLACE_WITH_YOUR_KEY".';
    const response = {
      id: 'resp_1',
      object: 'response',
      status: 'failed',
      error: { code: 'server_error', message: 'upstream said Bearer sk-proj-Q1w2E3r4T5y6U7i8O9p0SECRETTAIL' },
      output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'incomplete', content: [{ type: 'output_text', text: output, annotations: [] }] }],
    };
    const data = JSON.stringify({ type: 'response.failed', sequence_number: 3, response });
    const error = await lastValueFrom(responseEvents(new Response(`event: response.failed\ndata: ${data}\n\n`, { headers: { 'content-type': 'text/event-stream' } }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect((error as ResponseStreamError).data).toBe(data);
    expect((error as ResponseStreamError).response).toEqual(response);
    expect((error as Error).message).toBe('The response reported an error (server_error): upstream said Bearer ***TAIL');
  });

  it('a key a proxy echoed, escaped or not, is masked in every field of the error a logger writes, not only in its message', async () => {
    const key = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0SECRETTAIL';
    const echoes = [
      `authorization=Bearer%20${key}`, // URL-encoded
      `authorization=Bearer+${key}`, // form-encoded
      JSON.stringify({ auth: `Bearer ${key}` }).replace(' ', '\\u0020'), // JSON-escaped
      `Bearer ${key}`,
      // After a line break or a tab: in JSON text an escape ending in a letter (`\n`), URL-encoded (`%0A`, `%3D`).
      `key refused:\n${key}`,
      `key refused:\t${key}`,
      `key refused:\nBearer ${key}`,
      `refused%0A${key}`,
      `key%3D${key}`,
    ];
    for (const echoed of echoes) {
      const server = await listen((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `bad request: ${echoed}`, param: echoed, type: 'x' } }));
      });
      try {
        const client = createClient({ apiKey: key, baseURL: server.url, maxRetries: 0 });
        const error = await firstValueFrom(client.responses.retrieve('resp_1')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(APIError);
        for (const written of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 5 })]) {
          expect(written).not.toContain('SECRETTAIL');
          expect(written).toContain('***TAIL');
        }
      } finally {
        await server.close();
      }
      // The API's error events in a stream: the data, the parsed error and the message.
      const data = JSON.stringify({ type: 'error', code: 'server_error', message: `upstream rejected ${echoed}`, param: echoed, sequence_number: 0 });
      const streamed = await lastValueFrom(responseEvents(new Response(`event: error\ndata: ${data}\n\n`, { headers: { 'content-type': 'text/event-stream' } }))).catch((e: unknown) => e);
      expect(streamed).toBeInstanceOf(ResponseStreamError);
      for (const written of [(streamed as Error).message, (streamed as ResponseStreamError).data, JSON.stringify(streamed), inspect(streamed, { depth: 5 })]) {
        expect(written).not.toContain('SECRETTAIL');
        expect(written).toContain('***TAIL');
      }
    }
  });
});

describe('redactSecrets', () => {
  it('masks a bearer token or a key after an escape whose last character is a letter, and nothing inside a word', () => {
    const token = '0123456789abcdefSECRETTAIL';
    for (const echoed of [`{"m":"line\\nBearer ${token}"}`, `{"m":"tab\\tBearer ${token}"}`, `a%0ABearer%20${token}`, `x\\u000aBearer ${token}`]) {
      expect(redactSecrets(echoed)).not.toContain('SECRET');
    }
    for (const echoed of ['{"m":"\\nsk-proj-abcdefghSECRETTAIL"}', 'v%3Dsk-proj-abcdefghSECRETTAIL', 'q\\u003Dsk-proj-abcdefghSECRETTAIL']) {
      expect(redactSecrets(echoed)).toContain('sk-***TAIL');
    }
    // Words that merely contain the prefix stay as they are.
    for (const word of ['task-0123456789abcdef', 'unBearer 0123456789abcdef', 'ask-me-anything-please']) expect(redactSecrets(word)).toBe(word);
  });
});

describe('what a server named, quoted in a message', () => {
  it('an id or an event name of megabytes is quoted up to 100 characters; the error keeps it whole', async () => {
    const id = `chatcmpl-${'x'.repeat(1_000_000)}`;
    const chunk = { id, object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };
    const cut = await lastValueFrom(chatCompletionChunks(new Response(`data: ${JSON.stringify(chunk)}\n\n`))).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(IncompleteStreamError);
    expect((cut as Error).message.length).toBeLessThan(300);
    expect((cut as IncompleteStreamError).completionId).toBe(id);
    const name = `thread.${'y'.repeat(1_000_000)}`;
    const broken = await lastValueFrom(assistantEvents(new Response(`event: ${name}\ndata: {broken\n\n`))).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(StreamParseError);
    expect((broken as Error).message.length).toBeLessThan(500);
    expect((broken as StreamParseError).eventName).toBe(name);
  });
});

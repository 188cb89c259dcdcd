/**
 * The relay of the Angular chat: one node:http server that serves the built app under a strict
 * Content-Security-Policy and relays Responses streams between the browser and the API (or the built-in
 * emulator). The API key stays here; the browser only reaches a small, validated, OpenAI-compatible subset:
 *
 * | request | what the relay does |
 * | --- | --- |
 * | `POST /api/v1/responses` `{ input, previous_response_id?, stream: true }` | starts a background response with the server's model, instructions and tools, and relays its events |
 * | `POST /api/v1/responses` `{ previous_response_id, stream: true }` (no `input`) | runs the function calls of that response here, on the server, and starts the next response with their outputs |
 * | `GET /api/v1/responses/{id}?stream=true&starting_after=N` (or `Last-Event-ID: N`) | relays that response's events after N: how a dropped connection resumes without losing or repeating text |
 * | `POST /api/v1/responses/{id}/cancel` | cancels it upstream (the browser's Stop) |
 *
 * The browser uses the library's own client against `/api/v1`, so it resumes a cut stream by itself
 * (`GET ...?starting_after=<last sequence_number>`), and `cancelOnUnsubscribe` turns its Stop into a cancel.
 * Only ids of responses this relay started are accepted. The instructions and tool definitions stay here too: the
 * response objects the browser reads (the lifecycle events, a cancel's answer) leave them out.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { lastValueFrom, type Observable, tap, type Subscription } from 'rxjs';
import {
  APIError,
  createClient,
  omitResponseFields,
  relayToNodeResponse,
  SERVER_SIDE_RESPONSE_FIELDS,
  type ClientOptions,
  type OpenAIStreamClient,
  type ResponseCreateParams,
  type ResponseStreamEvent,
} from '../../../src/index.js';

/**
 * Options of {@link startRelay}.
 *
 * @example
 * await startRelay({ browserDir: 'dist/browser', upstream: { apiKey: process.env.OPENAI_API_KEY }, model: 'gpt-4.1-mini' });
 */
export interface RelayOptions {
  /** The built app (the `browser` folder of the Angular build). */
  readonly browserDir: string;
  /** How to reach the API: `createClient()` options (the key lives here, never in the browser). */
  readonly upstream: ClientOptions;
  /** The one model the relay uses, whatever the browser sends. */
  readonly model: string;
  /**
   * The most tokens one response may produce (`max_output_tokens`), whatever the browser sends: what a visitor can
   * spend of the key per request. An answer cut there ends `incomplete` (the page says so). Default 1024.
   */
  readonly maxOutputTokens?: number;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

/**
 * A running relay.
 *
 * @example
 * const relay = await startRelay(options);
 * console.log(relay.url);
 * await relay.close();
 */
export interface Relay {
  /** `http://host:port/`. */
  readonly url: string;
  /**
   * Destroys the connection of every event stream open right now, as a network failure would (for tests and
   * demos of the resume). Returns how many were open. Not reachable over HTTP.
   */
  dropStreams(): number;
  close(): Promise<void>;
}

/** The instructions every response gets. */
const INSTRUCTIONS =
  'You are a concise assistant in a small chat demo. When the user asks about the weather, call get_weather.';

/** The tools the model may call; the relay runs them (see {@link runTool}). */
const TOOLS = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'The current weather of a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'The city, e.g. Paris' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: true,
  },
];

/** A stand-in weather service: what `get_weather` answers. */
function runTool(name: string, args: string): unknown {
  if (name !== 'get_weather') return { error: `unknown tool ${name}` };
  let city = 'somewhere';
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { city?: unknown }).city === 'string') {
      city = (parsed as { city: string }).city.slice(0, 100);
    }
  } catch {
    // malformed arguments: answer for "somewhere"
  }
  return { city, temperature_c: 18, conditions: 'light rain' };
}

const MAX_BODY_BYTES = 16 * 1024;
const MAX_INPUT_CHARS = 4000;
const MAX_KNOWN_RESPONSES = 10_000;
const RESPONSE_ID = /^resp_[A-Za-z0-9_-]{1,200}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's policy: scripts from this origin only, Trusted Types required, styles by nonce (Angular's component styles). */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types angular angular#bundler',
  ].join('; ');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/**
 * Starts the relay.
 *
 * @example
 * const relay = await startRelay({ browserDir, upstream: { apiKey: 'emulator', baseURL: emulator.url }, model: 'gpt-4.1-mini' });
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const client = createClient(options.upstream);
  const browserDir = resolve(options.browserDir);
  /** The responses this relay started (the only ids the browser may name), oldest first. */
  const known = new Set<string>();
  const openStreams = new Set<ServerResponse>();

  const remember = (id: string) => {
    known.add(id);
    if (known.size > MAX_KNOWN_RESPONSES) known.delete(known.values().next().value!);
  };

  /** The relays running, by response id: a cancel closes them before it reaches the API. */
  const relaying = new Map<string, Set<Subscription>>();

  /**
   * Relays `source` as an event stream; `id` names its response when known, else its first event does (and the
   * id becomes one the browser may name).
   */
  const relayEvents = (
    req: IncomingMessage,
    res: ServerResponse,
    source: Observable<ResponseStreamEvent> | ((lastEventId: string | undefined) => Observable<ResponseStreamEvent>),
    id?: string,
  ) => {
    openStreams.add(res);
    res.once('close', () => openStreams.delete(res));
    let subscription: Subscription | undefined;
    let responseId: string | undefined;
    const register = (found: string) => {
      responseId = found;
      remember(found);
      if (!subscription) return;
      const set = relaying.get(found) ?? new Set();
      relaying.set(found, set.add(subscription));
    };
    // The lifecycle events repeat the request: the server's instructions and tools stay here.
    const learn = (events$: Observable<ResponseStreamEvent>) =>
      events$.pipe(
        tap((event) => {
          if (event.type === 'response.created' && responseId === undefined) register(event.response.id);
        }),
        omitResponseFields(),
      );
    subscription = relayToNodeResponse(
      req,
      res,
      typeof source === 'function' ? (lastEventId: string | undefined) => learn(source(lastEventId)) : learn(source),
      { format: 'responses' },
    );
    if (id !== undefined || responseId !== undefined) register(id ?? responseId!);
    subscription.add(() => {
      if (responseId === undefined) return;
      const set = relaying.get(responseId);
      set?.delete(subscription!);
      if (set?.size === 0) relaying.delete(responseId);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The API's status but for a refusal of the relay's own key (401, 403): that is no answer to the browser's
      // credentials (an app's interceptor would take it for its session's end), but the relay's failure.
      const status =
        error instanceof HttpError ? error.status : error instanceof APIError && error.status !== 401 && error.status !== 403 ? error.status : 502;
      const message = error instanceof HttpError ? error.message : 'The upstream API failed.';
      const param = error instanceof HttpError ? error.param : null;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A request refused before its body was read whole (too large, not JSON's type) cannot leave its connection
      // for the next one: the rest of the body would stand in the way.
      if (!req.complete) res.setHeader('connection', 'close');
      sendJson(res, status, { error: { message, type: 'invalid_request_error', param, code: null } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      if (req.method === 'POST' && path === '/api/v1/responses') return startResponse(req, res);
      const match = /^\/api\/v1\/responses\/([^/]+)(\/cancel)?$/.exec(path);
      if (match) {
        const id = knownId(decoded(match[1]!));
        if (req.method === 'POST' && match[2]) {
          // Stop: close this relay's streams of the response first (the API sees its client leave), then cancel it.
          for (const subscription of [...(relaying.get(id) ?? [])]) subscription.unsubscribe();
          return sendJson(res, 200, withoutServerFields(await lastValueFrom(client.responses.cancel(id))));
        }
        if (req.method === 'GET' && !match[2] && url.searchParams.get('stream') === 'true') {
          return followResponse(req, res, id, url.searchParams.get('starting_after'));
        }
      }
      throw new HttpError(404, 'Not found.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
    return serveFile(res, path);
  }

  function knownId(id: string): string {
    if (!RESPONSE_ID.test(id) || !known.has(id)) throw new HttpError(404, 'No such response.', 'response_id');
    return id;
  }

  async function startResponse(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (body['stream'] !== true) throw new HttpError(400, 'Only streamed responses are relayed: set stream to true.', 'stream');
    const previous = body['previous_response_id'];
    if (previous !== undefined && previous !== null && typeof previous !== 'string') {
      throw new HttpError(400, 'previous_response_id must be a string.', 'previous_response_id');
    }
    const previousId = typeof previous === 'string' ? knownId(previous) : undefined;
    const input = body['input'];
    let upstreamInput: unknown;
    if (input === undefined || input === null) {
      // Continue after the function calls of the previous response: the tools run here, not in the browser.
      if (previousId === undefined) throw new HttpError(400, 'Send input, or previous_response_id to answer its tool calls.', 'input');
      const response = await lastValueFrom(client.responses.retrieve(previousId));
      const calls = (response.output ?? []).flatMap((item) =>
        item.type === 'function_call' ? [item as { call_id: string; name: string; arguments: string }] : [],
      );
      if (calls.length === 0) throw new HttpError(400, 'That response made no tool calls.', 'previous_response_id');
      upstreamInput = calls.map((call) => ({
        type: 'function_call_output',
        call_id: call.call_id,
        output: JSON.stringify(runTool(call.name, call.arguments)),
      }));
    } else {
      if (typeof input !== 'string' || input.trim() === '' || input.length > MAX_INPUT_CHARS) {
        throw new HttpError(400, `input must be a non-empty string of at most ${MAX_INPUT_CHARS} characters.`, 'input');
      }
      upstreamInput = [{ role: 'user', content: input }];
    }
    const params: ResponseCreateParams = {
      model: options.model,
      instructions: INSTRUCTIONS,
      tools: TOOLS,
      input: upstreamInput,
      max_output_tokens: options.maxOutputTokens ?? 1024,
      background: true,
      store: true,
      ...(previousId === undefined ? {} : { previous_response_id: previousId }),
    };
    // A browser that leaves before the response's id came (Stop right after sending, a closed tab) never learnt it: it
    // can neither resume nor cancel the response, which would run to its end upstream, billed, for nobody. So the
    // response is cancelled then: the client reads the upstream stream on until the id comes ('beforeId'). Once the
    // browser has the id, leaving cancels nothing: a dropped connection is resumed, a Stop cancels by the id.
    relayEvents(req, res, client.responses.stream(params, { cancelOnUnsubscribe: 'beforeId' }));
  }

  function followResponse(req: IncomingMessage, res: ServerResponse, id: string, startingAfter: string | null): void {
    const after = parseSequence(startingAfter, 'starting_after');
    // Checked here too, before the stream starts: a 400 then, not an error event (the factory reads it again).
    const header = req.headers['last-event-id'];
    parseSequence(typeof header === 'string' ? header : undefined, 'Last-Event-ID');
    relayEvents(
      req,
      res,
      (lastEventId: string | undefined) => {
        const resumeAfter = lastEventId === undefined ? after : parseSequence(lastEventId, 'Last-Event-ID');
        return client.responses.stream({ response_id: id, ...(resumeAfter === undefined ? {} : { starting_after: resumeAfter }) });
      },
      id,
    );
  }

  async function serveFile(res: ServerResponse, path: string): Promise<void> {
    let file = path === '/' ? 'index.html' : decoded(path).replace(/^\/+/, '');
    let full = normalize(join(browserDir, file));
    if (full !== browserDir && !full.startsWith(browserDir + sep)) throw new HttpError(404, 'Not found.');
    if (!(await stat(full).then((s) => s.isFile(), () => false))) {
      if (extname(file) !== '') throw new HttpError(404, 'Not found.');
      file = 'index.html'; // a client-side route
      full = join(browserDir, file);
    }
    const nonce = randomBytes(16).toString('base64');
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extname(full)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(nonce),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file === 'index.html' ? 'no-cache' : 'public, max-age=3600',
    };
    let content: Buffer | string = await readFile(full);
    if (file === 'index.html') content = content.toString('utf8').replaceAll('__CSP_NONCE__', nonce);
    res.writeHead(200, headers).end(content);
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    dropStreams() {
      const count = openStreams.size;
      for (const res of openStreams) res.socket?.destroy();
      openStreams.clear();
      return count;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** A path or segment percent-decoded; one that is no UTF-8 names nothing here (not an upstream failure: a 404). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(404, 'Not found.');
  }
}

function parseSequence(text: string | null | undefined, param: string): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < -1) throw new HttpError(400, `${param} must be an integer.`, param);
  return value;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Send application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** A response object as the browser may see it: without the server's instructions, tools and the like. */
function withoutServerFields(response: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response).filter(([key]) => !SERVER_SIDE_RESPONSE_FIELDS.includes(key)));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

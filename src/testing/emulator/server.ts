/**
 * The HTTP side: every request is logged, authenticated (`Authorization: Bearer <key>`), routed through the
 * table, checked for the Assistants beta header, read (JSON or multipart), exposed to faults, and answered with
 * JSON, an event stream or the API's error shape. Every response carries `x-request-id`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ApiErrorReply } from './api-error.js';
import { formDigest, parseJsonObject, parseMultipart, readBody, type JsonObject, type MultipartForm } from './body.js';
import { BAD_GATEWAY_HTML, openEventStream, retryAfterMsHeader } from './event-stream.js';
import {
  FAULT_HEADER,
  FaultRegistry,
  errorDefaults,
  headerFault,
  isLatencyFault,
  isReplyFaultFor,
  isRequestFault,
  isStreamFault,
  parseFaultHeader,
  type AnswerFault,
  type Fault,
  type FaultTarget,
  type LatencyFault,
  type ReplyFault,
  type RequestFault,
  type StreamFault,
  type TakenFault,
} from './faults.js';
import { RequestLog, type MutableRequestRecord } from './request-log.js';
import { routeMatcher, type Route, type RouteContext } from './routing.js';
import type { EmulatorState } from './state.js';
import { ResponseWriter } from './writer.js';

/**
 * An emulator's HTTP server and how to shut it down.
 *
 * @example
 * const api: ApiServer = createApiServer(state, routes, faults, log);
 * await api.close();
 */
export interface ApiServer {
  readonly server: Server;
  /** Ends every open response and stops listening; resolves when the server is closed. */
  close(): Promise<void>;
  /** Cuts every exchange still open (a stalled or held stream, a stalled body), as `close()` does, and keeps listening. */
  dropExchanges(): void;
}

/**
 * The headers that let a page of another origin (a browser test: Karma, Vitest browser mode, Playwright) call the
 * emulator and read what the library reads: sent with every answer.
 *
 * @example
 * res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json' });
 */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': [
    'x-request-id',
    'openai-version',
    'openai-processing-ms',
    'openai-poll-after-ms',
    'openai-organization',
    'openai-project',
    'retry-after',
    'retry-after-ms',
    'idempotent-replayed',
    'x-should-retry',
    'x-ratelimit-limit-requests',
    'x-ratelimit-remaining-requests',
    'x-ratelimit-reset-requests',
    'x-ratelimit-limit-tokens',
    'x-ratelimit-remaining-tokens',
    'x-ratelimit-reset-tokens',
  ].join(', '),
};

/** The paths of model requests, whose answers carry the rate-limit headers. */
const MODEL_PATHS: ReadonlySet<string> = new Set(['/v1/responses', '/v1/chat/completions']);

/** The rate-limit headers of a model request's answer: the API's names, values of a generous limit barely used. */
const RATE_LIMIT_HEADERS: Readonly<Record<string, string>> = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999000',
  'x-ratelimit-reset-tokens': '2ms',
};

const BETA_MESSAGE =
  "You must provide the 'OpenAI-Beta' header to access the Assistants API. " +
  "Please try again by setting the header 'OpenAI-Beta: assistants=v2'.";

const NO_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer " +
  'auth (i.e. Authorization: Bearer YOUR_KEY).';

/**
 * Creates (does not start) the HTTP server of an emulator.
 *
 * @example
 * const { server, close } = createApiServer(state, routes, new FaultRegistry(), new RequestLog());
 * server.listen(0, '127.0.0.1');
 */
export function createApiServer(
  currentState: () => EmulatorState,
  routes: readonly Route[],
  faults: FaultRegistry,
  log: RequestLog,
): ApiServer {
  const match = routeMatcher(routes);
  // The exchanges open, with their records.
  const open = new Map<ResponseWriter, MutableRequestRecord>();
  let closing = false;

  const server = createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    // A browser's CORS preflight: answered here, not an API request (not logged, counted or faulted).
    if (method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req));
      res.end();
      return;
    }
    const state = currentState();
    state.counters.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record = log.start(method, url.pathname, url.search.slice(1), headersOf(req));
    const headers: Record<string, string> = { ...CORS_HEADERS, 'x-request-id': record.id, 'openai-version': '2020-10-01' };
    const { pollAfterMs } = state.options;
    if (method === 'GET' && pollAfterMs !== null) headers['openai-poll-after-ms'] = String(pollAfterMs);
    // A model request's answer tells the rate limits, as the API's does (fixed values: the emulator has none).
    if (method === 'POST' && MODEL_PATHS.has(url.pathname)) Object.assign(headers, RATE_LIMIT_HEADERS);
    const started = performance.now();
    // How long the answer took until its head went out, as the API tells it (whole milliseconds, at least 1).
    const processing = () => ({ 'openai-processing-ms': String(Math.max(1, Math.round(performance.now() - started))) });
    const writer = new ResponseWriter(res, state.timers, headers, (status) => (record.status = status), processing);
    open.set(writer, record);
    res.on('close', () => {
      open.delete(writer);
      log.read(record); // an exchange that ended before its body was read
      if (res.writableFinished) record.end('finished');
      else record.end(writer.serverClosed || closing ? 'server-closed' : 'client-closed');
    });

    handle(state, req, url, method, record, writer).catch((error: unknown) => {
      const message = `The emulator failed: ${String((error as Error)?.message ?? error)}`;
      // The emulator's own failure (a test's `match.when` that threw): a client should not retry what fails alike.
      const reply = error instanceof ApiErrorReply ? error : new ApiErrorReply(500, message, 'server_error', null, null, { 'x-should-retry': 'false' });
      if (writer.headersSent) writer.end();
      else sendJson(writer, reply.status, reply.body(), reply.headers);
      log.read(record); // answered before its body was read, or its body could not be parsed
    });
  });

  async function handle(
    state: EmulatorState,
    req: IncomingMessage,
    url: URL,
    method: string,
    record: MutableRequestRecord,
    writer: ResponseWriter,
  ): Promise<void> {
    const path = url.pathname;
    const key = /^Bearer\s+(\S.*)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    record.apiKey = key;
    // The live API gives a missing key no code; `invalid_api_key` is a wrong key's.
    if (!key) throw new ApiErrorReply(401, NO_KEY_MESSAGE, 'invalid_request_error', null, null);
    if (state.options.apiKey !== undefined && key !== state.options.apiKey) {
      throw new ApiErrorReply(
        401,
        `Incorrect API key provided: ${redact(key)}. ` +
          'You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        null,
        'invalid_api_key',
      );
    }
    const found = path.startsWith('/v1/') ? match(method, path.slice(3)) : undefined;
    if (!found) throw new ApiErrorReply(404, `Invalid URL (${method} ${path})`);
    const { route, params } = found;
    if (route.beta && !/\bassistants=v2\b/.test(String(req.headers['openai-beta'] ?? ''))) {
      throw new ApiErrorReply(400, BETA_MESSAGE, 'invalid_request_error', null, 'invalid_beta');
    }

    const bytes = await readBody(req);
    let body: JsonObject = {};
    let form: MultipartForm | undefined;
    if (route.body === 'multipart') form = parseMultipart(bytes, req.headers['content-type']);
    else record.body = body = parseJsonObject(bytes);

    const idempotencyKey = headerValue(req.headers['idempotency-key']);
    record.idempotencyKey = idempotencyKey;
    log.read(record); // `waitForRequest` resolves now, with the body and the key
    const headerFaults = parseFaultHeader(req.headers[FAULT_HEADER]);
    const target = { method, path };
    // The `delay` of the answer, taken when the answer is decided: a request fault's error answer, or the API's
    // answer (JSON, an event stream, or the 502 of a fault that loses it). An error answer of the API uses none up.
    const takeDelay = (): LatencyFault | undefined => {
      const header = headerFaults.find(isLatencyFault);
      const taken = header ? headerFault(header) : headerFaults.length === 0 ? faults.takeLatencyFault(target) : undefined;
      if (taken) applied(state, record, taken);
      return taken?.fault;
    };
    const headerRequestFault = headerFaults.find(isRequestFault);
    const requestFault = headerRequestFault
      ? headerFault(headerRequestFault)
      : headerFaults.length === 0
        ? faults.takeRequestFault(target)
        : undefined;
    if (requestFault) {
      applied(state, record, requestFault);
      // Only a header can stall the body of a request fault's reply.
      const stall = headerFaults.find((fault): fault is ReplyFault => fault.kind === 'stallBody');
      if (stall) applied(state, record, headerFault(stall));
      const reply = requestFaultReply(requestFault.fault);
      later(state, takeDelay(), () => sendJson(writer, reply.status, reply.body(), reply.headers, stall));
      return;
    }

    // From here on the request reached the API. A key seen before answers what its first request got. A JSON
    // request is compared by its parameters (not by their order or spacing); a multipart one by its parts (its
    // boundary differs from one attempt to the next).
    const requestText = form ? formDigest(form) : parametersOf(bytes.toString('utf8'));
    const previous = idempotencyKey === undefined || method === 'GET' ? undefined : state.idempotency.get(idempotencyKey);
    if (previous) {
      if (previous.method !== method || previous.path !== path || previous.request !== requestText) {
        throw new ApiErrorReply(
          400,
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          'invalid_request_error',
          'Idempotency-Key',
          'idempotency_key_reused',
        );
      }
      if (!previous.answer) {
        throw new ApiErrorReply(
          400,
          'The request first sent with this Idempotency-Key was answered with an event stream, which cannot be replayed.',
          'invalid_request_error',
          'Idempotency-Key',
          'idempotency_key_reused',
        );
      }
      record.replayed = true;
      state.counters.idempotentReplays++;
      const replyFault = takeReplyFault(state, headerFaults, target, record, 'json');
      const answer = previous.answer;
      later(state, takeDelay(), () =>
        sendJsonText(writer, answer.status, answer.text, { 'idempotent-replayed': 'true' }, replyFault),
      );
      return;
    }

    // Reply faults are taken when the answer they apply to goes out: a JSON answer, or a stream for a lost reply.
    let streamed = false;
    let ctx: RouteContext = {
      method,
      path,
      params,
      query: url.searchParams,
      body,
      form,
      state,
      openEventStream: (dialect) => {
        streamed = true;
        record.streamed = true;
        state.counters.streamsOpened++;
        // The proxy answers 502 at once (or after the `delay`); the stream goes on unseen behind it (and meets no
        // stream fault).
        const replyFault = takeReplyFault(state, headerFaults, target, record, 'stream');
        if (replyFault?.kind === 'badGatewayAfterAccept') {
          const lost: StreamFault = { kind: 'bufferedProxy', response: 'badGateway', retryAfterMs: replyFault.retryAfterMs };
          return openEventStream(writer, state.timers, [lost], dialect, { delay: takeDelay() });
        }
        const streamFaults =
          headerFaults.length > 0 ? headerFaults.filter(isStreamFault).map(headerFault) : faults.takeStreamFaults(target);
        // A stream fault is recorded when it acts: one whose `afterEvents` the stream never reaches is not.
        const onStrike = (fault: StreamFault): void => {
          const taken = streamFaults.find((candidate) => candidate.fault === fault);
          if (taken) applied(state, record, taken);
        };
        const delay = takeDelay();
        return openEventStream(writer, state.timers, streamFaults.map((taken) => taken.fault), dialect, { onStrike, delay });
      },
      answerFault: () => {
        const taken = takeAnswerFault(headerFaults, target, 'responseFailed');
        if (taken) applied(state, record, taken);
        return taken?.fault;
      },
    };
    // A server that does not stream: a request for a stream is handled as one without (see the `streamIgnored` fault).
    const ignored = method === 'POST' && body['stream'] === true ? takeAnswerFault(headerFaults, target, 'streamIgnored') : undefined;
    if (ignored) {
      const { stream: _stream, stream_options: _options, ...rest } = body;
      ctx = { ...ctx, body: rest };
    }
    let result: unknown;
    try {
      result = await route.handle(ctx);
    } catch (error) {
      // Refused (a 400, a scripted answer's `when` that threw): the request reached no answer to change.
      ignored?.release();
      throw error;
    }
    if (ignored) applied(state, record, ignored);
    // The answer is kept as it is sent: a replay answers this text, whatever becomes of the object afterwards.
    const answer = streamed ? undefined : { status: 200, text: jsonText(result) };
    if (idempotencyKey !== undefined && method !== 'GET') {
      state.idempotency.set(idempotencyKey, { method, path, request: requestText, answer });
    }
    if (answer) {
      const replyFault = takeReplyFault(state, headerFaults, target, record, 'json');
      later(state, takeDelay(), () => sendJsonText(writer, answer.status, answer.text, {}, replyFault));
    }
  }

  /**
   * The reply fault of a request the API answered (from its header, else an injected one), that applies to its
   * answer: taken when the answer goes out, so an error answer, or a stream for `stallBody`, uses none up.
   */
  function takeReplyFault(
    state: EmulatorState,
    headerFaults: readonly Fault[],
    target: FaultTarget,
    record: MutableRequestRecord,
    answer: 'json' | 'stream',
  ): ReplyFault | undefined {
    const header = headerFaults.find((candidate): candidate is ReplyFault => isReplyFaultFor(candidate, answer));
    const taken = header ? headerFault(header) : headerFaults.length === 0 ? faults.takeReplyFault(target, answer) : undefined;
    if (taken) applied(state, record, taken);
    return taken?.fault;
  }

  /** The answer fault of `kind` a request meets: from its header, else an injected one (counted as used). */
  function takeAnswerFault<K extends AnswerFault['kind']>(
    headerFaults: readonly Fault[],
    target: FaultTarget,
    kind: K,
  ): TakenFault<Extract<AnswerFault, { kind: K }>> | undefined {
    const header = headerFaults.find((fault): fault is Extract<AnswerFault, { kind: K }> => fault.kind === kind);
    return header ? headerFault(header) : headerFaults.length === 0 ? faults.takeAnswerFault(target, kind) : undefined;
  }

  /** A fault acted on the request: it shows in the record, the counters and the injected fault's `hits`. */
  function applied(state: EmulatorState, record: MutableRequestRecord, taken: TakenFault): void {
    taken.hit();
    record.faults.push(taken.fault.kind);
    state.counters.faultsApplied++;
  }

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        const state = currentState();
        state.runs.stopAll();
        state.timers.clear();
        log.close();
        // Once closed, every exchange it cut has its record ended (`outcome` set). A response queued behind another
        // on its connection never got one, and never tells its end: its record is ended here.
        const cut = [...open.keys()].filter((writer) => writer.attached);
        const ended = Promise.all(cut.map((writer) => new Promise<void>((done) => writer.onClose(done))));
        for (const [writer, record] of open) {
          const attached = writer.attached;
          writer.destroy();
          if (!attached) record.end('server-closed');
        }
        server.close(() => void ended.then(() => resolve()));
        server.closeAllConnections();
      }),
    dropExchanges: () => {
      for (const writer of open.keys()) writer.destroy();
    },
  };
}

/** Runs `send` now, or `delay.ms` later. */
function later(state: EmulatorState, delay: LatencyFault | undefined, send: () => void): void {
  if (delay) state.timers.after(delay.ms, send);
  else send();
}

/** A request's headers, names in lower case, repeated ones joined by `, `. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]!}` : raw[i + 1]!;
  }
  return headers;
}

/** The answer to a CORS preflight: any origin, the methods the API has, the headers the page asks for. */
function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    ...CORS_HEADERS,
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': requested ?? 'authorization, content-type, openai-beta, idempotency-key',
    'access-control-max-age': '86400',
    vary: 'origin, access-control-request-method, access-control-request-headers',
    'content-length': '0',
  };
}

function sendJson(
  writer: ResponseWriter,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  fault?: ReplyFault,
): void {
  sendJsonText(writer, status, jsonText(body), headers, fault);
}

function jsonText(body: unknown): string {
  return JSON.stringify(body, null, 2);
}

function sendJsonText(
  writer: ResponseWriter,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
  fault?: ReplyFault,
): void {
  if (fault?.kind === 'badGatewayAfterAccept') {
    writer.head(502, { 'content-type': 'text/html', ...retryAfterMsHeader(fault.retryAfterMs) });
    writer.write(BAD_GATEWAY_HTML);
    writer.end();
    return;
  }
  writer.head(status, { 'content-type': 'application/json', ...headers });
  if (fault?.kind === 'stallBody' || fault?.kind === 'resetBody') {
    // Headers and part of the body, then silence (the connection stays open until the client or `close()` ends
    // it), or a reset once that part went out.
    writer.write(text.slice(0, Math.max(1, Math.min(fault.bytes ?? Math.floor(text.length / 2), text.length - 1))));
    if (fault.kind === 'resetBody') writer.reset();
    return;
  }
  writer.write(text);
  writer.end();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function requestFaultReply(fault: RequestFault): ApiErrorReply {
  const status = fault.kind === 'rateLimit' ? 429 : (fault.status ?? 500);
  const defaults = errorDefaults(status);
  if (fault.kind === 'rateLimit') {
    // Only `retryAfterSeconds` given: only `retry-after`. Otherwise both headers (default 10 ms).
    const headers: Record<string, string> = {};
    const ms = fault.retryAfterMs ?? (fault.retryAfterSeconds === undefined ? 10 : undefined);
    if (ms !== undefined) headers['retry-after-ms'] = String(ms);
    headers['retry-after'] = String(fault.retryAfterSeconds ?? Math.ceil((ms ?? 0) / 1000));
    const wait = ms !== undefined ? `${ms}ms` : `${headers['retry-after']}s`;
    return new ApiErrorReply(
      429,
      fault.message ?? `Rate limit reached for requests. Please try again in ${wait}.`,
      fault.type ?? defaults.type,
      fault.param ?? null,
      fault.code === undefined ? defaults.code : fault.code,
      headers,
    );
  }
  return new ApiErrorReply(
    status,
    fault.message ?? defaults.message,
    fault.type ?? defaults.type,
    fault.param ?? null,
    fault.code === undefined ? defaults.code : fault.code,
    retryAfterMsHeader(fault.retryAfterMs),
  );
}

function redact(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

/** A JSON body's parameters as text that does not depend on their order or spacing (the text itself if not JSON). */
function parametersOf(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const sorted = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sorted);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sorted(inner)]));
  };
  return JSON.stringify(sorted(value));
}

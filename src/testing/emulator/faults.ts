/**
 * Fault injection: what can go wrong, which requests it hits, and how often. Faults are injected with
 * `emulator.inject(fault, { match, times })` or carried by one request in the `x-emulator-fault` header.
 *
 * Four families:
 * - request faults (`rateLimit`, `serverError`) answer any matching request instead of the API;
 * - reply faults (`badGatewayAfterAccept`, `stallBody`) hit a matching request that the API answered: the answer
 *   (JSON, or for `badGatewayAfterAccept` an event stream too) is lost to a proxy, or its JSON body stalls; an
 *   error answer of the API, or a stream for `stallBody`, does not use them up;
 * - answer faults change what the API answers: the model fails (`responseFailed`, taken by `POST /responses`
 *   only), or a request asking for a stream is answered without one (`streamIgnored`, taken only by a `POST` whose
 *   body has `stream: true`);
 * - stream faults (every other kind) shape a response that is an event stream (a request that does not stream
 *   is not matched by them). A stream fault and `slowBytes` can hit the same stream.
 */
import { badRequest } from './api-error.js';
import type { ApiErrorBody } from './api-error.js';

/**
 * One fault. `afterEvents` counts the event blocks written before the fault strikes (`0`: before the first).
 *
 * @example
 * emulator.inject({ kind: 'reset', afterEvents: 5 });
 * emulator.inject({ kind: 'rateLimit', retryAfterMs: 10 }, { times: 2 });
 */
export type Fault =
  /**
   * The stream goes silent after N events; the connection stays open. With `resumeAfterMs`, the events held
   * meanwhile go out after that long and the stream goes on (a slow upstream rather than a dead one).
   */
  | { readonly kind: 'stall'; readonly afterEvents: number; readonly resumeAfterMs?: number | undefined }
  /** After N events only `: keep-alive` comments come, every `everyMs` (default 1000). */
  | { readonly kind: 'keepAliveOnly'; readonly afterEvents: number; readonly everyMs?: number | undefined }
  /** The response ends cleanly after N events, without `done`. */
  | { readonly kind: 'endEarly'; readonly afterEvents: number }
  /** The socket is reset (ECONNRESET) after N events. */
  | { readonly kind: 'reset'; readonly afterEvents: number }
  /** After N events an `event: error` block (`error` overrides its fields), then the response ends. */
  | { readonly kind: 'errorEvent'; readonly afterEvents: number; readonly error?: Partial<ApiErrorBody['error']> | undefined }
  /** The data of the event after N good ones is cut in half (invalid JSON); the stream goes on. */
  | { readonly kind: 'brokenJson'; readonly afterEvents: number }
  /**
   * After N events, the first half of the next event's data without its line end, then a clean end of the body: a
   * server or proxy that stopped in the middle of a write.
   */
  | { readonly kind: 'endMidEvent'; readonly afterEvents: number }
  /**
   * After N events a `data:` line of `bytes` bytes without a newline, written `chunkBytes` (default 65536) at a
   * time; then the response ends.
   */
  | { readonly kind: 'longLine'; readonly afterEvents: number; readonly bytes: number; readonly chunkBytes?: number | undefined }
  /** The whole stream, `done` included, then the socket stays open (the response never ends). */
  | { readonly kind: 'holdAfterDone' }
  /**
   * The whole stream but its closing `data: [DONE]` (Chat Completions; Assistants' `event: done`), then a clean end:
   * a compatible server that never sends it. Responses streams have no `[DONE]`: nothing is left out of them.
   */
  | { readonly kind: 'withoutDone' }
  /** The body is trickled `chunkBytes` (default 3) at a time, every `everyMs` (default 1). */
  | { readonly kind: 'slowBytes'; readonly chunkBytes?: number | undefined; readonly everyMs?: number | undefined }
  /**
   * Latency: the answer of the API comes `ms` later. An event stream sends its headers at once (with
   * `headersFirst: false`, they wait too: no byte for `ms`) and every event `ms` later than it would have come: the
   * first after `ms`, the rest at the normal pacing ("slow first token"), a stream fault at `afterEvents: 0` after
   * `ms` too. A JSON answer is sent `ms` later. Combines with every other fault: the answer another fault puts in
   * the place of the API's (a `rateLimit` / `serverError` error, a proxy's 502) comes `ms` later too. An error
   * answer of the API itself (a 400, a 404) is not delayed and does not use it up.
   */
  | { readonly kind: 'delay'; readonly ms: number; readonly headersFirst?: boolean | undefined }
  /**
   * A proxy that cannot stream: `wholeBody` (default) sends the complete stream body at once when it is over,
   * under `contentType` (default `application/json`); `badGateway` answers 502 at once. Either way the request
   * reached the API: the run was created and goes on. With `retryAfterMs`, the 502 carries a `retry-after-ms` header.
   */
  | {
      readonly kind: 'bufferedProxy';
      readonly response?: 'wholeBody' | 'badGateway' | undefined;
      readonly contentType?: string | undefined;
      readonly retryAfterMs?: number | undefined;
    }
  /**
   * 429 with `retry-after-ms` and `retry-after` (seconds, rounded up); the request does not reach the API. The
   * body is `type: 'requests'`, `code: 'rate_limit_exceeded'` unless `type`, `code`, `param` or `message` say otherwise.
   */
  | {
      readonly kind: 'rateLimit';
      readonly retryAfterMs?: number | undefined;
      readonly retryAfterSeconds?: number | undefined;
      readonly message?: string | undefined;
      readonly type?: string | undefined;
      readonly code?: string | null | undefined;
      readonly param?: string | null | undefined;
    }
  /**
   * An error answer (default 500; any status from 400 to 599) with the API's error body; the request does not
   * reach the API. `type`, `code`, `param` and `message` set the body's fields; the defaults are what the API
   * sends for the status (see {@link errorDefaults}: 429 `type: 'requests'`, `code: 'rate_limit_exceeded'`; 400
   * `invalid_request_error`; 5xx `server_error`; ...). With `retryAfterMs`, a `retry-after-ms` header asks clients
   * to retry after that long (as the API sometimes does), so tests of what a retry does need not wait for the
   * client's own backoff.
   */
  | {
      readonly kind: 'serverError';
      readonly status?: number | undefined;
      readonly message?: string | undefined;
      readonly type?: string | undefined;
      readonly code?: string | null | undefined;
      readonly param?: string | null | undefined;
      readonly retryAfterMs?: number | undefined;
    }
  /**
   * The API handles the request (creates the run, message, response, ...; a stream goes on unseen) and a proxy
   * answers 502 in its place, as when the connection between them breaks after the request was accepted. A
   * request the API refuses (an error answer) is not affected and does not use it up. With
   * `retryAfterMs`, the 502 carries a `retry-after-ms` header, so tests of the retry need not wait for the
   * client's own backoff.
   */
  | { readonly kind: 'badGatewayAfterAccept'; readonly retryAfterMs?: number | undefined }
  /**
   * A JSON answer of the API sends its headers and the first `bytes` bytes of its body (default: half of it), then
   * goes silent; the connection stays open. Error answers and event streams are not affected (and do not use it
   * up), except the reply of a request fault carried by the same `x-emulator-fault` header.
   */
  | { readonly kind: 'stallBody'; readonly bytes?: number | undefined }
  /**
   * A JSON answer of the API sends its headers and the first `bytes` bytes of its body (default: half of it), then
   * the connection is reset: a body cut by the network after the API acted. Error answers and event streams are not
   * affected (and do not use it up).
   */
  | { readonly kind: 'resetBody'; readonly bytes?: number | undefined }
  /**
   * The API handles a `POST /responses` and the model fails: the response is `failed`, with no output and the
   * API's `error` (`{ code: 'server_error', message: 'The model failed to generate a response.' }`, fields
   * overridable by `error`). Without streaming it is the answer; streamed, `response.created` and
   * `response.in_progress` come, then `response.failed`; in the background it is `queued`, `in_progress`, then
   * stored `failed`. Other requests are not matched by it. With `afterEvents`, a streamed response (not in the
   * background) fails after some output: its first `afterEvents` events (at least `response.created` and
   * `response.in_progress`, at most all but the last) as the answer would have had them, then `response.failed`
   * with the output items completed so far.
   */
  | {
      readonly kind: 'responseFailed';
      readonly error?: { readonly code?: string | undefined; readonly message?: string | undefined } | undefined;
      readonly afterEvents?: number | undefined;
    }
  /**
   * A server that does not stream (a gateway, a compatible server): a `POST` whose body asks for a stream
   * (`stream: true`) is handled as if it had not (`stream` and `stream_options` left out), and its answer is the
   * object it created, as JSON: a completed response, a chat completion, a queued run. Other requests are not
   * matched by it.
   */
  | { readonly kind: 'streamIgnored' };

/**
 * The name of a kind of fault.
 *
 * @example
 * const kinds: readonly FaultKind[] = record.faults; // ['reset']
 */
export type FaultKind = Fault['kind'];

/**
 * A fault answering the request instead of the API.
 *
 * @example
 * const fault: RequestFault = { kind: 'serverError', status: 503 };
 */
export type RequestFault = Extract<Fault, { kind: 'rateLimit' | 'serverError' }>;

/**
 * A fault hitting the reply after the API handled the request.
 *
 * @example
 * const fault: ReplyFault = { kind: 'badGatewayAfterAccept' };
 */
export type ReplyFault = Extract<Fault, { kind: 'badGatewayAfterAccept' | 'stallBody' | 'resetBody' }>;

/**
 * A fault changing what the API answers (the model fails, or a stream is answered without one).
 *
 * @example
 * const fault: AnswerFault = { kind: 'responseFailed', error: { message: 'The model crashed.' } };
 */
export type AnswerFault = Extract<Fault, { kind: 'responseFailed' | 'streamIgnored' }>;

/**
 * A fault delaying the answer (JSON or event stream, the API's or the one another fault gives).
 *
 * @example
 * const fault: LatencyFault = { kind: 'delay', ms: 500 };
 */
export type LatencyFault = Extract<Fault, { kind: 'delay' }>;

/**
 * A fault shaping an event stream.
 *
 * @example
 * const fault: StreamFault = { kind: 'stall', afterEvents: 3 };
 */
export type StreamFault = Exclude<Fault, RequestFault | ReplyFault | AnswerFault | LatencyFault>;

/**
 * Which requests an injected fault hits. `path` is compared with the request's path without its query: a string
 * equals it, with or without the `/v1` prefix (`'/threads/runs'`); a RegExp is tested against the full path
 * (`/v1/threads/runs`). Any other key is a TypeError, as is a string path that cannot match (no leading `/`, or a `?`).
 *
 * @example
 * emulator.inject({ kind: 'serverError' }, { match: { method: 'POST', path: /\/runs$/ } });
 */
export interface RequestMatch {
  /**
   * The HTTP method (any case).
   *
   * @example
   * emulator.inject({ kind: 'serverError' }, { match: { method: 'GET' } });
   */
  readonly method?: string | undefined;
  /**
   * The path: a string equal to it with or without `/v1`, or a RegExp tested against it with `/v1`.
   *
   * @example
   * emulator.inject({ kind: 'reset', afterEvents: 2 }, { match: { path: '/responses' } });
   */
  readonly path?: string | RegExp | undefined;
}

/**
 * How an injected fault is applied.
 *
 * @example
 * emulator.inject({ kind: 'serverError' }, { times: 3, match: { method: 'GET' } });
 */
export interface InjectOptions {
  /**
   * Which requests (default: every request the fault applies to).
   *
   * @example
   * emulator.inject({ kind: 'serverError' }, { match: { method: 'POST', path: '/chat/completions' } });
   */
  readonly match?: RequestMatch | undefined;
  /**
   * How many requests it is given to (default 1; `Infinity` for all): a whole number from 1. Each matching
   * request the fault is given to uses one up, whether or not the fault then strikes (see {@link InjectedFault.hits}).
   *
   * @example
   * emulator.inject({ kind: 'rateLimit' }, { times: 2 });
   */
  readonly times?: number | undefined;
}

/**
 * A fault injected into an emulator.
 *
 * @example
 * const fault = emulator.inject({ kind: 'serverError' }, { times: 3 });
 * await callUnderTest();
 * expect(fault.hits).toBe(3);
 * fault.remove();
 */
export interface InjectedFault {
  readonly fault: Fault;
  /**
   * Requests it was given to so far (each used one of its `times`), whether or not it struck.
   *
   * @example
   * expect(fault.matched).toBe(1);
   */
  readonly matched: number;
  /**
   * Requests it actually acted on so far: a stream fault whose `afterEvents` lies beyond the end of the stream
   * (the stream ended first, or the client left) was matched but did not hit. Request, reply, answer and
   * latency faults, `slowBytes` and `bufferedProxy` act as soon as they are given to a request.
   *
   * @example
   * const fault = emulator.inject({ kind: 'reset', afterEvents: 40 });
   * await shortStream(); // 12 events: the reset never came
   * expect([fault.matched, fault.hits]).toEqual([1, 0]);
   */
  readonly hits: number;
  /**
   * How many more requests it will be given to.
   *
   * @example
   * expect(fault.remaining).toBe(0);
   */
  readonly remaining: number;
  /**
   * Stops it from being given to more requests.
   *
   * @example
   * fault.remove();
   */
  remove(): void;
}

/**
 * The header carrying faults for the one request it is sent with: a {@link Fault} or an array of them, as JSON.
 *
 * @example
 * const headers = { [FAULT_HEADER]: '{"kind":"serverError"}', authorization: 'Bearer test' };
 * await fetch(`${emulator.url}/files/file-1`, { headers }); // 500
 */
export const FAULT_HEADER = 'x-emulator-fault';

/**
 * The header that makes one request meet `fault` (or several faults).
 *
 * @example
 * const stream = client.beta.threads.runs.stream(threadId, { assistant_id }, {
 *   headers: faultHeader({ kind: 'reset', afterEvents: 4 }),
 * });
 */
export function faultHeader(fault: Fault | readonly Fault[]): Record<string, string> {
  return { [FAULT_HEADER]: JSON.stringify(fault) };
}

const REQUEST_KINDS: ReadonlySet<FaultKind> = new Set(['rateLimit', 'serverError']);
const REPLY_KINDS: ReadonlySet<FaultKind> = new Set(['badGatewayAfterAccept', 'stallBody', 'resetBody']);
const ANSWER_KINDS: ReadonlySet<FaultKind> = new Set(['responseFailed', 'streamIgnored']);

/**
 * Whether a fault answers requests (rather than shaping streams).
 *
 * @example
 * isRequestFault({ kind: 'rateLimit' }); // true
 */
export function isRequestFault(fault: Fault): fault is RequestFault {
  return REQUEST_KINDS.has(fault.kind);
}

/**
 * Whether a fault hits the reply after the API handled the request.
 *
 * @example
 * isReplyFault({ kind: 'stallBody' }); // true
 */
export function isReplyFault(fault: Fault): fault is ReplyFault {
  return REPLY_KINDS.has(fault.kind);
}

/**
 * Whether a reply fault applies to an answer: a JSON answer meets every kind; an event stream only
 * `badGatewayAfterAccept` (the proxy's 502 replaces it), whose body `stallBody` and `resetBody` leave alone.
 *
 * @example
 * isReplyFaultFor({ kind: 'stallBody' }, 'stream'); // false
 */
export function isReplyFaultFor(fault: Fault, answer: 'json' | 'stream'): fault is ReplyFault {
  return isReplyFault(fault) && (answer === 'json' || fault.kind === 'badGatewayAfterAccept');
}

/**
 * Whether a fault changes what the API answers.
 *
 * @example
 * isAnswerFault({ kind: 'responseFailed' }); // true
 */
export function isAnswerFault(fault: Fault): fault is AnswerFault {
  return ANSWER_KINDS.has(fault.kind);
}

/**
 * Whether a fault delays the answer.
 *
 * @example
 * isLatencyFault({ kind: 'delay', ms: 100 }); // true
 */
export function isLatencyFault(fault: Fault): fault is LatencyFault {
  return fault.kind === 'delay';
}

/**
 * Whether a fault shapes an event stream.
 *
 * @example
 * isStreamFault({ kind: 'reset', afterEvents: 2 }); // true
 */
export function isStreamFault(fault: Fault): fault is StreamFault {
  return !isRequestFault(fault) && !isReplyFault(fault) && !isAnswerFault(fault) && !isLatencyFault(fault);
}

/**
 * The error body the API sends for an HTTP status, field by field: what a `serverError` / `rateLimit` fault
 * sends unless it sets the fields itself.
 *
 * @example
 * errorDefaults(429); // { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' }
 * errorDefaults(400).type; // 'invalid_request_error'
 */
export function errorDefaults(status: number): { type: string; code: string | null; message: string } {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', code: null, message: 'The request was invalid.' };
    case 401:
      return {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
      };
    case 403:
      return { type: 'invalid_request_error', code: null, message: 'You are not allowed to make this request.' };
    case 404:
      return { type: 'invalid_request_error', code: null, message: 'The requested resource does not exist.' };
    case 409:
      return { type: 'invalid_request_error', code: null, message: 'The request conflicts with the current state of the resource.' };
    case 429:
      return { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' };
    default:
      return status >= 500
        ? { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' }
        : { type: 'invalid_request_error', code: null, message: 'The request was invalid.' };
  }
}

/** How a field of a fault is checked. */
type FieldRule =
  | 'count' // a whole number, 0 or more
  | 'size' // a whole number, 1 or more
  | 'ms' // a finite number, 0 or more
  | 'status' // a whole number from 400 to 599
  | 'string'
  | 'nullableString'
  | 'boolean'
  | 'errorFields' // an object of optional message / type / code / param
  | 'proxyResponse'; // 'wholeBody' | 'badGateway'

const ERROR_FIELDS = { message: 'string', type: 'string', code: 'nullableString', param: 'nullableString' } as const;

const FIELDS: Readonly<Record<FaultKind, { required?: Readonly<Record<string, FieldRule>>; optional?: Readonly<Record<string, FieldRule>> }>> = {
  stall: { required: { afterEvents: 'count' }, optional: { resumeAfterMs: 'ms' } },
  keepAliveOnly: { required: { afterEvents: 'count' }, optional: { everyMs: 'ms' } },
  endEarly: { required: { afterEvents: 'count' } },
  reset: { required: { afterEvents: 'count' } },
  errorEvent: { required: { afterEvents: 'count' }, optional: { error: 'errorFields' } },
  brokenJson: { required: { afterEvents: 'count' } },
  endMidEvent: { required: { afterEvents: 'count' } },
  longLine: { required: { afterEvents: 'count', bytes: 'count' }, optional: { chunkBytes: 'size' } },
  holdAfterDone: {},
  withoutDone: {},
  slowBytes: { optional: { chunkBytes: 'size', everyMs: 'ms' } },
  delay: { required: { ms: 'ms' }, optional: { headersFirst: 'boolean' } },
  bufferedProxy: { optional: { response: 'proxyResponse', contentType: 'string', retryAfterMs: 'ms' } },
  rateLimit: { optional: { retryAfterMs: 'ms', retryAfterSeconds: 'ms', ...ERROR_FIELDS } },
  serverError: { optional: { status: 'status', retryAfterMs: 'ms', ...ERROR_FIELDS } },
  badGatewayAfterAccept: { optional: { retryAfterMs: 'ms' } },
  stallBody: { optional: { bytes: 'count' } },
  resetBody: { optional: { bytes: 'count' } },
  responseFailed: { optional: { error: 'errorFields', afterEvents: 'count' } },
  streamIgnored: {},
};

/**
 * Checks a fault (from `inject`, the header, or untyped code); throws a TypeError naming what is wrong: an unknown
 * kind or field, a missing field, a value of the wrong type or out of range.
 *
 * @example
 * validateFault({ kind: 'stall', afterEvents: 2 }); // returns it
 * validateFault({ kind: 'stall' }); // throws: 'stall' needs 'afterEvents' (a whole number, 0 or more)
 * validateFault({ kind: 'serverError', status: 200 }); // throws: 'status' must be an error status (400 to 599)
 */
export function validateFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A fault is an object with a "kind".');
  }
  const fault = value as Record<string, unknown>;
  const kind = fault['kind'];
  const fields = typeof kind === 'string' && Object.hasOwn(FIELDS, kind) ? FIELDS[kind as FaultKind] : undefined;
  if (!fields) {
    throw new TypeError(`Unknown fault kind ${JSON.stringify(kind)} (known: ${Object.keys(FIELDS).join(', ')}).`);
  }
  const rules: Record<string, FieldRule> = { ...fields.required, ...fields.optional };
  for (const name of Object.keys(fault)) {
    if (name === 'kind') continue;
    if (!Object.hasOwn(rules, name)) {
      const known = Object.keys(rules);
      throw new TypeError(`'${kind}' has no field '${name}' (${known.length ? `its fields: ${known.join(', ')}` : 'it takes none'}).`);
    }
  }
  for (const [name, rule] of Object.entries(rules)) {
    const field = fault[name];
    if (field === undefined) {
      if (fields.required && Object.hasOwn(fields.required, name)) {
        throw new TypeError(`'${kind}' needs '${name}' (${RULE_TEXT[rule]}).`);
      }
      continue;
    }
    const problem = checkField(rule, field);
    if (problem) throw new TypeError(`'${kind}': '${name}' ${problem}.`);
  }
  return value as Fault;
}

const RULE_TEXT: Readonly<Record<FieldRule, string>> = {
  count: 'a whole number, 0 or more',
  size: 'a whole number, 1 or more',
  ms: 'a number of milliseconds, 0 or more',
  status: 'an error status, 400 to 599',
  string: 'a string',
  nullableString: 'a string or null',
  boolean: 'true or false',
  errorFields: 'an object with message, type, code, param',
  proxyResponse: "'wholeBody' or 'badGateway'",
};

/** What is wrong with a field's value, or `undefined`. */
function checkField(rule: FieldRule, value: unknown): string | undefined {
  const fail = `must be ${RULE_TEXT[rule]}, got ${JSON.stringify(value) ?? String(value)}`;
  switch (rule) {
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 ? undefined : fail;
    case 'size':
      return Number.isInteger(value) && (value as number) >= 1 ? undefined : fail;
    case 'ms':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : fail;
    case 'status':
      return Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599 ? undefined : fail;
    case 'string':
      return typeof value === 'string' ? undefined : fail;
    case 'nullableString':
      return typeof value === 'string' || value === null ? undefined : fail;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fail;
    case 'proxyResponse':
      return value === 'wholeBody' || value === 'badGateway' ? undefined : fail;
    case 'errorFields': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail;
      for (const [name, field] of Object.entries(value)) {
        const fieldRule = (ERROR_FIELDS as Readonly<Record<string, FieldRule>>)[name];
        if (!fieldRule) return `has no field '${name}' (its fields: ${Object.keys(ERROR_FIELDS).join(', ')})`;
        const problem = checkField(fieldRule, field);
        if (problem) return `.${name} ${problem}`;
      }
      return undefined;
    }
  }
}

const MATCH_KEYS: ReadonlySet<string> = new Set(['method', 'path']);
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD']);

/**
 * Checks a {@link RequestMatch}; throws a TypeError naming what is wrong (`where` says who asked).
 *
 * @example
 * validateMatch({ method: 'POST', path: '/responses' }, 'inject'); // fine
 * validateMatch({ pathname: '/responses' }, 'inject'); // throws: unknown match key 'pathname'
 */
export function validateMatch(match: unknown, where: string): void {
  if (typeof match !== 'object' || match === null || Array.isArray(match)) {
    throw new TypeError(`${where}: 'match' is an object with 'method' and / or 'path'.`);
  }
  const fields = match as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!MATCH_KEYS.has(key)) throw new TypeError(`${where}: unknown match key '${key}' (known: method, path).`);
  }
  validateMethodAndPath(fields, where);
}

/**
 * Checks the `method` and `path` of a match (of a fault, or of a scripted answer, which has more keys); throws a
 * TypeError naming what is wrong (`where` says who asked): a method that is none, a string path that can match no
 * request (no leading `/`, or a `?`).
 *
 * @example
 * validateMethodAndPath({ method: 'POST', path: '/responses' }, 'scriptAnswer()'); // fine
 * validateMethodAndPath({ path: 'responses' }, 'scriptAnswer()'); // throws: paths start with '/'
 */
export function validateMethodAndPath(fields: { readonly method?: unknown; readonly path?: unknown }, where: string): void {
  const { method, path } = fields;
  if (method !== undefined && !(typeof method === 'string' && METHODS.has(method.toUpperCase()))) {
    throw new TypeError(`${where}: 'method' must be an HTTP method (${[...METHODS].join(', ')}), got ${JSON.stringify(method)}.`);
  }
  if (path === undefined || path instanceof RegExp) return;
  if (typeof path !== 'string') throw new TypeError(`${where}: 'path' must be a string or a RegExp, got ${typeof path}.`);
  if (!path.startsWith('/')) {
    throw new TypeError(`${where}: the path ${JSON.stringify(path)} can match no request: paths start with '/' ('/${path}').`);
  }
  if (path.includes('?')) {
    throw new TypeError(`${where}: the path ${JSON.stringify(path)} can match no request: it is compared without the query.`);
  }
}

/**
 * A match as text, for error messages.
 *
 * @example
 * describeMatch({ method: 'POST', path: /\/runs$/ }); // "{ method: 'POST', path: /\/runs$/ }"
 */
export function describeMatch(match: RequestMatch | undefined): string {
  const parts: string[] = [];
  if (match?.method !== undefined) parts.push(`method: '${match.method}'`);
  if (match?.path !== undefined) parts.push(`path: ${typeof match.path === 'string' ? `'${match.path}'` : String(match.path)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/**
 * The faults of a request's `x-emulator-fault` header (400 when it is not valid).
 *
 * @example
 * parseFaultHeader('{"kind":"reset","afterEvents":2}'); // [{ kind: 'reset', afterEvents: 2 }]
 */
export function parseFaultHeader(header: string | string[] | undefined): Fault[] {
  if (header === undefined) return [];
  try {
    const value: unknown = JSON.parse(Array.isArray(header) ? header.join(',') : header);
    const faults = (Array.isArray(value) ? value : [value]).map(validateFault);
    // One stream shape a stream can take, one trickle and one latency (they go together): a second of a kind would
    // silently replace the first, or be ignored.
    const ofKind = (wanted: (fault: Fault) => boolean, what: string) => {
      const found = faults.filter(wanted);
      if (found.length > 1) throw new Error(`${what} (got ${found.map((fault) => fault.kind).join(', ')})`);
    };
    ofKind((fault) => isStreamFault(fault) && fault.kind !== 'slowBytes', 'one stream fault at most besides slowBytes');
    ofKind((fault) => fault.kind === 'slowBytes', 'one slowBytes at most');
    ofKind((fault) => fault.kind === 'delay', 'one delay at most');
    return faults;
  } catch (error) {
    throw badRequest(`Invalid ${FAULT_HEADER} header: ${(error as Error).message}`, FAULT_HEADER);
  }
}

/**
 * The request a fault is matched against.
 *
 * @example
 * const target: FaultTarget = { method: 'POST', path: '/v1/threads/runs' };
 */
export interface FaultTarget {
  readonly method: string;
  readonly path: string;
}

/**
 * Whether a request matches (no match: every request does).
 *
 * @example
 * matchesRequest({ path: '/threads/runs' }, { method: 'POST', path: '/v1/threads/runs' }); // true
 */
export function matchesRequest(match: RequestMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === target.path || `/v1${match.path}` === target.path;
  match.path.lastIndex = 0;
  return match.path.test(target.path);
}

/**
 * A fault given to one request: `hit()` tells that it acted (counted once, on the injected fault it came from).
 *
 * @example
 * const taken = faults.takeRequestFault(target);
 * if (taken) { answerWith(taken.fault); taken.hit(); }
 */
export interface TakenFault<T extends Fault = Fault> {
  readonly fault: T;
  hit(): void;
  /** Gives the use back: the request it was taken for was refused before the fault could act (a 400, a `when` that threw). */
  release(): void;
}

/**
 * A fault carried by the request's own header, as a {@link TakenFault} (no injected fault to count on).
 *
 * @example
 * const taken = headerFault({ kind: 'reset', afterEvents: 2 });
 */
export function headerFault<T extends Fault>(fault: T): TakenFault<T> {
  return { fault, hit: () => {}, release: () => {} };
}

class Injection implements InjectedFault {
  matched = 0;
  hits = 0;
  constructor(
    readonly fault: Fault,
    readonly match: RequestMatch | undefined,
    public remaining: number,
  ) {}
  remove(): void {
    this.remaining = 0;
  }
}

const OPTION_KEYS: ReadonlySet<string> = new Set(['match', 'times']);

/**
 * The injected faults of an emulator, taken by the requests they match.
 *
 * @example
 * const faults = new FaultRegistry();
 * faults.inject({ kind: 'serverError' }, { times: 2 });
 * faults.takeRequestFault({ method: 'GET', path: '/v1/threads/thread_1' })?.fault; // { kind: 'serverError' }
 */
export class FaultRegistry {
  #injections: Injection[] = [];

  /** Adds a fault (see {@link InjectOptions}); a TypeError names what is wrong with the fault or the options. */
  inject(fault: Fault, options: InjectOptions = {}): InjectedFault {
    const valid = validateFault(fault);
    if (typeof options !== 'object' || options === null) throw new TypeError('inject: the options are an object.');
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) throw new TypeError(`inject: unknown option '${key}' (known: match, times).`);
    }
    if (options.match !== undefined) validateMatch(options.match, 'inject');
    const times = options.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
      throw new TypeError(`inject: 'times' must be a whole number from 1, or Infinity; got ${String(times)}.`);
    }
    const injection = new Injection(valid, options.match, times);
    this.#injections.push(injection);
    return injection;
  }

  /** Removes every injected fault. */
  clear(): void {
    for (const injection of this.#injections) injection.remove();
    this.#injections = [];
  }

  /** The first request fault matching the request, counted as used. */
  takeRequestFault(target: FaultTarget): TakenFault<RequestFault> | undefined {
    return this.#take(target, isRequestFault);
  }

  /**
   * The first reply fault matching the request that applies to its answer, counted as used: a JSON answer takes
   * either kind, an event stream only `badGatewayAfterAccept`.
   */
  takeReplyFault(target: FaultTarget, answer: 'json' | 'stream'): TakenFault<ReplyFault> | undefined {
    return this.#take(target, (fault) => isReplyFaultFor(fault, answer));
  }

  /** The first answer fault of that kind matching the request, counted as used. */
  takeAnswerFault<K extends AnswerFault['kind']>(target: FaultTarget, kind: K): TakenFault<Extract<AnswerFault, { kind: K }>> | undefined {
    return this.#take(target, (fault): fault is Extract<AnswerFault, { kind: K }> => fault.kind === kind);
  }

  /** The first latency fault matching the request, counted as used. */
  takeLatencyFault(target: FaultTarget): TakenFault<LatencyFault> | undefined {
    return this.#take(target, isLatencyFault);
  }

  /**
   * The faults of a stream: the first matching stream fault other than `slowBytes`, and the first matching
   * `slowBytes`, each counted as used.
   */
  takeStreamFaults(target: FaultTarget): Array<TakenFault<StreamFault>> {
    const isCut = (fault: Fault): fault is StreamFault => isStreamFault(fault) && fault.kind !== 'slowBytes';
    const isSlow = (fault: Fault): fault is StreamFault => fault.kind === 'slowBytes';
    const cut = this.#take(target, isCut);
    const slow = this.#take(target, isSlow);
    return [cut, slow].filter((fault): fault is TakenFault<StreamFault> => fault !== undefined);
  }

  #take<T extends Fault>(target: FaultTarget, accept: (fault: Fault) => fault is T): TakenFault<T> | undefined {
    this.#injections = this.#injections.filter((injection) => injection.remaining > 0);
    const injection = this.#injections.find((i) => accept(i.fault) && matchesRequest(i.match, target));
    if (!injection) return undefined;
    injection.remaining--;
    injection.matched++;
    let counted = false;
    let released = false;
    return {
      fault: injection.fault as T,
      hit: () => {
        if (counted) return;
        counted = true;
        injection.hits++;
      },
      release: () => {
        if (counted || released) return;
        released = true;
        injection.matched--;
        // Back in the registry when it was its last use (`#take` drops used-up injections).
        if (injection.remaining++ === 0 && !this.#injections.includes(injection)) this.#injections.push(injection);
      },
    };
  }
}

/**
 * Fault injection: what can go wrong, which requests it hits, and how often. Faults are injected with
 * `emulator.inject(fault, { match, times })` or carried by one request in the `x-emulator-fault` header.
 *
 * Four families:
 * - request faults (`rateLimit`, `serverError`) answer any matching request instead of the API;
 * - reply faults (`badGatewayAfterAccept`, `stallBody`) hit a matching request that the API answered: the answer
 *   (JSON, or for `badGatewayAfterAccept` an event stream too) is lost to a proxy, or its JSON body stalls; an
 *   error answer of the API, or a stream for `stallBody`, does not use them up;
 * - answer faults (`responseFailed`) change what the API answers: the model fails (only the routes that can
 *   fail take them: `POST /responses`);
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
  /** The stream goes silent after N events; the connection stays open. */
  | { readonly kind: 'stall'; readonly afterEvents: number }
  /** After N events only `: keep-alive` comments come, every `everyMs` (default 1000). */
  | { readonly kind: 'keepAliveOnly'; readonly afterEvents: number; readonly everyMs?: number }
  /** The response ends cleanly after N events, without `done`. */
  | { readonly kind: 'endEarly'; readonly afterEvents: number }
  /** The socket is reset (ECONNRESET) after N events. */
  | { readonly kind: 'reset'; readonly afterEvents: number }
  /** After N events an `event: error` block (`error` overrides its fields), then the response ends. */
  | { readonly kind: 'errorEvent'; readonly afterEvents: number; readonly error?: Partial<ApiErrorBody['error']> }
  /** The data of the event after N good ones is cut in half (invalid JSON); the stream goes on. */
  | { readonly kind: 'brokenJson'; readonly afterEvents: number }
  /**
   * After N events a `data:` line of `bytes` bytes without a newline, written `chunkBytes` (default 65536) at a
   * time; then the response ends.
   */
  | { readonly kind: 'longLine'; readonly afterEvents: number; readonly bytes: number; readonly chunkBytes?: number }
  /** The whole stream, `done` included, then the socket stays open (the response never ends). */
  | { readonly kind: 'holdAfterDone' }
  /** The body is trickled `chunkBytes` (default 3) at a time, every `everyMs` (default 1). */
  | { readonly kind: 'slowBytes'; readonly chunkBytes?: number; readonly everyMs?: number }
  /**
   * A proxy that cannot stream: `wholeBody` (default) sends the complete stream body at once when it is over,
   * under `contentType` (default `application/json`); `badGateway` answers 502 at once. Either way the request
   * reached the API: the run was created and goes on. With `retryAfterMs`, the 502 carries a `retry-after-ms` header.
   */
  | {
      readonly kind: 'bufferedProxy';
      readonly response?: 'wholeBody' | 'badGateway';
      readonly contentType?: string;
      readonly retryAfterMs?: number;
    }
  /** 429 with `retry-after-ms` and `retry-after` (seconds, rounded up); the request does not reach the API. */
  | { readonly kind: 'rateLimit'; readonly retryAfterMs?: number; readonly retryAfterSeconds?: number }
  /**
   * A 5xx (default 500) with the API's error body; the request does not reach the API. With `retryAfterMs`, a
   * `retry-after-ms` header asks clients to retry after that long (as the API sometimes does), so tests of what a
   * retry does need not wait for the client's own backoff.
   */
  | { readonly kind: 'serverError'; readonly status?: number; readonly message?: string; readonly retryAfterMs?: number }
  /**
   * The API handles the request (creates the run, message, response, ...; a stream goes on unseen) and a proxy
   * answers 502 in its place, as when the connection between them breaks after the request was accepted. A
   * request the API refuses (an error answer) is not affected and does not use it up. With
   * `retryAfterMs`, the 502 carries a `retry-after-ms` header, so tests of the retry need not wait for the
   * client's own backoff.
   */
  | { readonly kind: 'badGatewayAfterAccept'; readonly retryAfterMs?: number }
  /**
   * A JSON answer of the API sends its headers and the first `bytes` bytes of its body (default: half of it), then
   * goes silent; the connection stays open. Error answers and event streams are not affected (and do not use it
   * up), except the reply of a request fault carried by the same `x-emulator-fault` header.
   */
  | { readonly kind: 'stallBody'; readonly bytes?: number }
  /**
   * The API handles a `POST /responses` and the model fails: the response is `failed`, with no output and the
   * API's `error` (`{ code: 'server_error', message: 'The model failed to generate a response.' }`, fields
   * overridable by `error`). Without streaming it is the answer; streamed, `response.created` and
   * `response.in_progress` come, then `response.failed`; in the background it is `queued`, `in_progress`, then
   * stored `failed`. Other requests are not matched by it.
   */
  | { readonly kind: 'responseFailed'; readonly error?: { readonly code?: string; readonly message?: string } };

/**
 * The name of a kind of fault.
 *
 * @example
 * const kinds: FaultKind[] = record.faults; // ['reset']
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
export type ReplyFault = Extract<Fault, { kind: 'badGatewayAfterAccept' | 'stallBody' }>;

/**
 * A fault changing what the API answers (the model fails).
 *
 * @example
 * const fault: AnswerFault = { kind: 'responseFailed', error: { message: 'The model crashed.' } };
 */
export type AnswerFault = Extract<Fault, { kind: 'responseFailed' }>;

/**
 * A fault shaping an event stream.
 *
 * @example
 * const fault: StreamFault = { kind: 'stall', afterEvents: 3 };
 */
export type StreamFault = Exclude<Fault, RequestFault | ReplyFault | AnswerFault>;

/**
 * Which requests an injected fault hits. `path` is compared with the request's path without its query: a string
 * equals it, with or without the `/v1` prefix (`'/threads/runs'`); a RegExp is tested against the full path.
 *
 * @example
 * emulator.inject({ kind: 'serverError' }, { match: { method: 'POST', path: /\/runs$/ } });
 */
export interface RequestMatch {
  readonly method?: string;
  readonly path?: string | RegExp;
}

/**
 * How an injected fault is applied.
 *
 * @example
 * emulator.inject({ kind: 'serverError' }, { times: 3, match: { method: 'GET' } });
 */
export interface InjectOptions {
  /** Which requests (default: every request the fault applies to). */
  readonly match?: RequestMatch;
  /** How many requests it hits (default 1; `Infinity` for all). */
  readonly times?: number;
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
  /** Requests it hit so far. */
  readonly hits: number;
  /** Requests it will still hit. */
  readonly remaining: number;
  /** Stops it from hitting more requests. */
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
const REPLY_KINDS: ReadonlySet<FaultKind> = new Set(['badGatewayAfterAccept', 'stallBody']);
const ANSWER_KINDS: ReadonlySet<FaultKind> = new Set(['responseFailed']);

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
 * Whether a reply fault applies to an answer: a JSON answer meets either kind; an event stream only
 * `badGatewayAfterAccept` (the proxy's 502 replaces it), whose body `stallBody` does not stall.
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
 * Whether a fault shapes an event stream.
 *
 * @example
 * isStreamFault({ kind: 'reset', afterEvents: 2 }); // true
 */
export function isStreamFault(fault: Fault): fault is StreamFault {
  return !isRequestFault(fault) && !isReplyFault(fault) && !isAnswerFault(fault);
}

const NUMBER_FIELDS: Readonly<Record<FaultKind, { required: readonly string[]; optional: readonly string[] }>> = {
  stall: { required: ['afterEvents'], optional: [] },
  keepAliveOnly: { required: ['afterEvents'], optional: ['everyMs'] },
  endEarly: { required: ['afterEvents'], optional: [] },
  reset: { required: ['afterEvents'], optional: [] },
  errorEvent: { required: ['afterEvents'], optional: [] },
  brokenJson: { required: ['afterEvents'], optional: [] },
  longLine: { required: ['afterEvents', 'bytes'], optional: ['chunkBytes'] },
  holdAfterDone: { required: [], optional: [] },
  slowBytes: { required: [], optional: ['chunkBytes', 'everyMs'] },
  bufferedProxy: { required: [], optional: ['retryAfterMs'] },
  rateLimit: { required: [], optional: ['retryAfterMs', 'retryAfterSeconds'] },
  serverError: { required: [], optional: ['status', 'retryAfterMs'] },
  badGatewayAfterAccept: { required: [], optional: ['retryAfterMs'] },
  stallBody: { required: [], optional: ['bytes'] },
  responseFailed: { required: [], optional: [] },
};

/**
 * Checks a fault (from the header, or from untyped code); throws a message naming what is wrong.
 *
 * @example
 * validateFault({ kind: 'stall', afterEvents: 2 }); // returns it
 * validateFault({ kind: 'stall' }); // throws: 'stall' needs a number 'afterEvents'
 */
export function validateFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null) throw new TypeError('A fault is an object with a "kind".');
  const fault = value as Record<string, unknown>;
  const kind = fault['kind'];
  const fields = typeof kind === 'string' ? NUMBER_FIELDS[kind as FaultKind] : undefined;
  if (!fields) throw new TypeError(`Unknown fault kind ${JSON.stringify(kind)}.`);
  for (const name of fields.required) {
    if (typeof fault[name] !== 'number') throw new TypeError(`'${String(kind)}' needs a number '${name}'.`);
  }
  for (const name of fields.optional) {
    if (fault[name] !== undefined && typeof fault[name] !== 'number') {
      throw new TypeError(`'${String(kind)}': '${name}' must be a number.`);
    }
  }
  return value as Fault;
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
    return (Array.isArray(value) ? value : [value]).map(validateFault);
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

class Injection implements InjectedFault {
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

/**
 * The injected faults of an emulator, taken by the requests they match.
 *
 * @example
 * const faults = new FaultRegistry();
 * faults.inject({ kind: 'serverError' }, { times: 2 });
 * faults.takeRequestFault({ method: 'GET', path: '/v1/threads/thread_1' }); // { kind: 'serverError' }
 */
export class FaultRegistry {
  #injections: Injection[] = [];

  /** Adds a fault (see {@link InjectOptions}). */
  inject(fault: Fault, options: InjectOptions = {}): InjectedFault {
    const injection = new Injection(validateFault(fault), options.match, options.times ?? 1);
    this.#injections.push(injection);
    return injection;
  }

  /** Removes every injected fault. */
  clear(): void {
    for (const injection of this.#injections) injection.remove();
    this.#injections = [];
  }

  /** The first request fault matching the request, counted as used. */
  takeRequestFault(target: FaultTarget): RequestFault | undefined {
    return this.#take(target, isRequestFault);
  }

  /**
   * The first reply fault matching the request that applies to its answer, counted as used: a JSON answer takes
   * either kind, an event stream only `badGatewayAfterAccept`.
   */
  takeReplyFault(target: FaultTarget, answer: 'json' | 'stream'): ReplyFault | undefined {
    return this.#take(target, (fault) => isReplyFaultFor(fault, answer));
  }

  /** The first answer fault matching the request, counted as used. */
  takeAnswerFault(target: FaultTarget): AnswerFault | undefined {
    return this.#take(target, isAnswerFault);
  }

  /**
   * The faults of a stream: the first matching stream fault other than `slowBytes`, and the first matching
   * `slowBytes`, each counted as used.
   */
  takeStreamFaults(target: FaultTarget): StreamFault[] {
    const isCut = (fault: Fault): fault is StreamFault => isStreamFault(fault) && fault.kind !== 'slowBytes';
    const isSlow = (fault: Fault): fault is StreamFault => fault.kind === 'slowBytes';
    const cut = this.#take(target, isCut);
    const slow = this.#take(target, isSlow);
    return [cut, slow].filter((fault): fault is StreamFault => fault !== undefined);
  }

  #take<T extends Fault>(target: FaultTarget, accept: (fault: Fault) => fault is T): T | undefined {
    this.#injections = this.#injections.filter((injection) => injection.remaining > 0);
    const injection = this.#injections.find((i) => accept(i.fault) && matchesRequest(i.match, target));
    if (!injection) return undefined;
    injection.remaining--;
    injection.hits++;
    return injection.fault as T;
  }
}

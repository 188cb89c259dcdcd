import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { kindOf } from '../errors/excerpt.js';

/**
 * The `apiKey` option: a key, or a function giving one (a token that expires, as Microsoft Entra ID's for Azure
 * OpenAI), called for every HTTP request the client sends.
 *
 * @example
 * const key: APIKey = 'sk-...';
 * const token: APIKey = getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default');
 */
export type APIKey = string | (() => string | Promise<string>);

/**
 * Options of `createClient()`. Every option but `apiKey`, `baseURL`, `query`, `organization`, `project` and `fetch`
 * can be overridden per call with {@link RequestOptions}.
 *
 * @example
 * const client = createClient({ apiKey: 'sk-...', maxRetries: 3, idleTimeout: 30_000 });
 */
export interface ClientOptions {
  /**
   * The API key, sent as `Authorization: Bearer <key>`, or a function giving it (sync or async). A function is
   * called for every HTTP request, once the call is subscribed and just before the request is sent: each retry, each
   * resume or recovery request and each poll gets a fresh value, and nothing calls it when nothing is sent (it is
   * never called by `createClient()`), so it should be cheap: a token kept until shortly before it expires. The
   * client waits for it without a deadline (`timeout` starts when the request is sent); unsubscribing, or the call's
   * `signal`, stops the wait and sends nothing. When it throws, rejects or gives anything but a non-empty string, the
   * call fails with `APIKeyProviderError`, not retried, and nothing is sent. An empty key (`''`) sends no
   * `Authorization` header (a relay that adds its own). Default: the `OPENAI_API_KEY` environment variable, where
   * `process` exists.
   *
   * @example
   * createClient({ apiKey: process.env.OPENAI_API_KEY });
   * createClient({ baseURL: 'https://my-resource.openai.azure.com/openai/v1', apiKey: getBearerTokenProvider(credential, scope) });
   */
  apiKey?: APIKey | undefined;
  /**
   * The API's base URL, ending in `/v1`. Default `https://api.openai.com/v1`; in browsers, point it at a proxy. A
   * query in it (`…/deployments/x?api-version=2024-10-21`) is kept after each request's path, before `query`.
   */
  baseURL?: string | undefined;
  /**
   * Query parameters added to every request URL (Azure OpenAI's `api-version` before its v1 API). A call's own
   * parameter of the same name (`limit`, `after`, `starting_after`, ...) wins, as the official SDK's `defaultQuery`.
   *
   * @example
   * // Azure OpenAI's Chat Completions before its v1 API: key in `api-key`, no Authorization header
   * createClient({
   *   baseURL: 'https://my-resource.openai.azure.com/openai/deployments/my-deployment',
   *   query: { 'api-version': '2024-10-21' },
   *   headers: { 'api-key': process.env.AZURE_OPENAI_API_KEY! },
   *   apiKey: '',
   * });
   */
  query?: Record<string, string> | undefined;
  /** Sent as `OpenAI-Organization`. Default: `OPENAI_ORG_ID`. */
  organization?: string | undefined;
  /** Sent as `OpenAI-Project`. Default: `OPENAI_PROJECT_ID`. */
  project?: string | undefined;
  /**
   * Extra headers for every request: an object of names and values, a `Headers`, or a list of `[name, value]`
   * pairs. Each replaces the library's header of the same name, in any letter case; `null` removes it.
   *
   * @example
   * createClient({ headers: { 'api-key': process.env.AZURE_OPENAI_API_KEY! }, apiKey: '' });
   */
  headers?: HeadersOption | undefined;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * How many times a request is retried after 408, 409, 429, 5xx or a connection failure, with exponential
   * backoff and jitter, honouring `retry-after-ms` / `retry-after`. A stream is never retried once an event
   * arrived. Default 2.
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds a request may take before it is aborted with `StreamTimeoutError`: until the response headers
   * (`headers`), and for a body that is not an event stream (JSON, error bodies) until its last byte (`body`).
   * Event streams (a streaming call answered with one) are bounded by `idleTimeout` and `firstEventTimeout`
   * instead. Default 600 000; `0` or
   * `Infinity`: no limit.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a stream may go without an event (SSE comments do not count; the API's `keepalive` events do).
   * Default 60 000; `0` or `Infinity`: no limit (a negative or `NaN` value fails the stream with a `RangeError`).
   */
  idleTimeout?: number | undefined;
  /**
   * Milliseconds from response headers to a stream's first event. Default: the idle timeout; for Chat Completions
   * streams the request's `timeout` (the API sends no chunk while a reasoning model thinks, which may take minutes).
   * `0` or `Infinity`: no limit.
   */
  firstEventTimeout?: number | undefined;
  /**
   * When a run stream is cut after its run was created (the body ends early, the connection resets, or a
   * timeout expires), poll the run to its final state and emit the events that were missed. Default true.
   */
  recoverStreams?: boolean | undefined;
  /**
   * When streaming cannot be established after retries (for example a proxy that buffers or strips
   * `text/event-stream`), create the run without streaming and poll it, emitting equivalent events. Default false.
   */
  fallbackToPolling?: boolean | undefined;
  /**
   * Whether a Chat Completions stream must end with `data: [DONE]`, as the API's do. Default true. `false` for a
   * compatible server that ends its streams without it: a stream is then whole once every choice finished and
   * the body ended (a body that ends before that is still a cut). Per call too, and for the turns of
   * `runChatTools()` with this client.
   *
   * @example
   * const local = createClient({ apiKey: 'none', baseURL: 'http://localhost:8080/v1', requireDone: false });
   */
  requireDone?: boolean | undefined;
  /** Poll interval for recovery and fallback when the server sends no `openai-poll-after-ms`. Default 1000. */
  pollIntervalMs?: number | undefined;
  /**
   * The header carrying each POST's and DELETE's idempotency key (the same on every retry of a call). Default
   * `'Idempotency-Key'`; `null` sends none (for a gateway or a browser CORS policy that refuses it). Run calls
   * record the key in the run's metadata either way, to recognise their run after an ambiguous failure.
   */
  idempotencyHeader?: string | null | undefined;
  /**
   * The RxJS scheduler of every timer (request timeouts, idle and first-event timeouts, retry backoff, poll
   * waits): pass a `TestScheduler` or run in Angular's `fakeAsync` to control time in tests (`fakeAsync` controls the
   * timers only: a response's body, a `ReadableStream` read through native promises, never arrives inside it). Default
   * `asyncScheduler`.
   */
  scheduler?: SchedulerLike | undefined;
  /**
   * Something that counts work in progress, as Angular's `PendingTasks` does for the app's stability
   * (`whenStable()`, server-side rendering): each request takes one task (`add()` gives its release) from the call's
   * subscription until the headers of a stream it asked for arrive, or, for any other body (JSON, an error), until
   * its end, however many attempts it takes: the waits before retries are held too. A stream's body is not held,
   * however long it runs. A call that polls (`createAndPoll()`, `uploadAndPoll()`) holds one until it settles, the
   * waits between its polls included. The client of `provideOpenAIStream()` passes Angular's.
   *
   * @example
   * let busy = 0;
   * const client = createClient({ pendingTasks: { add: () => (busy++, () => void busy--) } });
   */
  pendingTasks?: PendingTasksLike | undefined;
  /**
   * Ends every call of the client: once it aborts, each call under way fails with its reason (an `AbortError` when
   * `abort()` was given none) as a call's own `signal` would end it (an open request is aborted, a wait before a
   * retry, a resume or a poll ends), and every later call fails with it at once, unsent. Nothing more is sent, not
   * even the cancel of `cancelOnUnsubscribe`, and a request held open to learn a response's id is closed. A call's
   * own `signal` ends that call too: either one does. The client of `provideOpenAIStream()` ends with its injector
   * this way.
   *
   * @example
   * const shutdown = new AbortController();
   * const client = createClient({ signal: shutdown.signal });
   * process.once('SIGTERM', () => shutdown.abort());
   */
  signal?: AbortSignal | undefined;
}

/**
 * Per-call options: override the client's, add headers, or pass an `AbortSignal`.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }, { idleTimeout: 10_000, maxRetries: 0 });
 */
export interface RequestOptions
  extends Pick<
    ClientOptions,
    'maxRetries' | 'timeout' | 'idleTimeout' | 'firstEventTimeout' | 'recoverStreams' | 'fallbackToPolling' | 'scheduler'
  > {
  /** Extra headers for this request, as the client's `headers` are given; they replace the client's. */
  headers?: HeadersOption | undefined;
  /**
   * Aborts the call, as unsubscribing does, at any point: the request under way, or the backoff before a retry or a
   * resume, or the wait between two polls. The call fails with the signal's reason (an `AbortError` when `abort()`
   * was given none), and what it holds is released (with `cancelOnUnsubscribe`, a response whose id is known is
   * cancelled; unlike unsubscribing, the signal never holds a request open to learn the id: a create whose first
   * event has not come is closed at once, and its response not cancelled).
   */
  signal?: AbortSignal | undefined;
  /**
   * The `Idempotency-Key` header of a POST or DELETE, the same on every retry of the call. Default: a new random
   * key per subscription (`rx-openai-stream-retry-<uuid>`). A call that sends other POSTs as well gives each its own
   * key, derived from this one: `<key>-upload` (`-upload-<i>` for the i-th of several files) for the uploads of
   * `vectorStores.files.upload` / `uploadAndPoll` and `fileBatches.uploadAndPoll`, `<key>-cancel` for
   * `cancelOnUnsubscribe`, `<key>-poll` for a run's fallback. The fallback of a Chat Completions or Responses stream
   * sends the stream's key (this one, or the one the subscription drew): a server that honours keys then refuses
   * it if the stream's POST was accepted after all.
   */
  idempotencyKey?: string | undefined;
}

/**
 * The client's options with defaults applied. @internal
 *
 * @example
 * const resolved: ResolvedClientOptions = resolveClientOptions({ apiKey: 'sk-...' });
 * resolved.maxRetries; // 2
 */
export interface ResolvedClientOptions {
  apiKey: APIKey | undefined;
  baseURL: string;
  query: Record<string, string> | undefined;
  organization: string | undefined;
  project: string | undefined;
  headers: HeaderRecord;
  /**
   * `OpenAI-Beta` (`assistants=v2` for the Assistants API and the vector stores), set over the client's `headers` and
   * under a call's, as the SDK's resource methods set it.
   */
  beta?: string | undefined;
  fetch: typeof fetch;
  maxRetries: number;
  timeout: number;
  idleTimeout: number;
  firstEventTimeout: number | undefined;
  recoverStreams: boolean;
  fallbackToPolling: boolean;
  requireDone: boolean;
  pollIntervalMs: number;
  idempotencyHeader: string | null;
  scheduler: SchedulerLike;
  pendingTasks: PendingTasksLike | undefined;
  signal: AbortSignal | undefined;
}

/**
 * What the client's `pendingTasks` option takes: Angular's `PendingTasks`, or anything whose `add()` counts one task
 * of work in progress and gives the function that ends it.
 *
 * @example
 * const tasks: PendingTasksLike = inject(PendingTasks);
 */
export interface PendingTasksLike {
  add(): () => void;
}

/**
 * Applies defaults and environment variables; a mistake in `options` is an error that names `where` (the function
 * that was given them). @internal
 *
 * @example
 * resolveClientOptions({ apiKey: 'sk-...', timeout: 30_000 }).idleTimeout; // 60_000
 */
export function resolveClientOptions(options: ClientOptions, where = 'createClient'): ResolvedClientOptions {
  checkOptions(options, where);
  const env = typeof process !== 'undefined' && process.env ? process.env : {};
  const fetchImpl = options.fetch ?? (typeof fetch === 'function' ? fetch : undefined);
  if (!fetchImpl) throw new TypeError(`${where}: no fetch implementation; pass options.fetch`);
  const baseURL = (options.baseURL ?? env['OPENAI_BASE_URL'] ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  // fetch refuses every request to such a URL, and names the URL, password included, in its error.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(baseURL)) {
    const from = options.baseURL === undefined ? 'OPENAI_BASE_URL' : 'baseURL';
    throw new TypeError(`${where}: ${from} must not hold a user name or password (fetch refuses such a URL); send credentials in headers`);
  }
  return {
    apiKey: options.apiKey ?? env['OPENAI_API_KEY'],
    baseURL,
    query: options.query,
    organization: options.organization ?? env['OPENAI_ORG_ID'],
    project: options.project ?? env['OPENAI_PROJECT_ID'],
    headers: headerRecord(options.headers, where) ?? {},
    // Called as a plain function (`this` undefined, as the SDK calls it), never as a method of the options: a
    // browser's `fetch` refuses any other `this` ("Illegal invocation"), the caller's unbound `window.fetch` too.
    fetch: (input, init) => fetchImpl(input, init),
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? 600_000,
    idleTimeout: options.idleTimeout ?? 60_000,
    firstEventTimeout: options.firstEventTimeout,
    recoverStreams: options.recoverStreams ?? true,
    fallbackToPolling: options.fallbackToPolling ?? false,
    requireDone: options.requireDone ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    idempotencyHeader: options.idempotencyHeader === undefined ? 'Idempotency-Key' : options.idempotencyHeader,
    scheduler: options.scheduler ?? asyncScheduler,
    pendingTasks: options.pendingTasks,
    signal: options.signal,
  };
}

/**
 * Throws a `RangeError` naming the option when a number option of the client or of a call is not one the client
 * can use: `maxRetries` a whole number ≥ 0; `timeout`, `idleTimeout`, `firstEventTimeout` and `pollIntervalMs` a
 * number ≥ 0 (`0` and `Infinity` set no limit where the option says so). A forgotten conversion (`'100'`) or a
 * computed `NaN` would otherwise turn a limit off, or retry forever. A `TypeError` when another option is of the
 * wrong kind (`apiKey`, `baseURL`, `fetch`, `scheduler`, `signal`, a flag, ...). @internal
 *
 * @example
 * checkOptions({ maxRetries: Number.NaN }, 'createClient'); // RangeError: createClient: maxRetries must be ...
 * checkOptions({ apiKey: { key: 'sk-1' } }, 'createClient'); // TypeError: createClient: apiKey must be a string ...
 */
export function checkOptions(options: object | undefined, where: string): void {
  if (options === undefined) return;
  const numbers = options as Partial<Record<string, unknown>>;
  const retries = numbers['maxRetries'];
  if (retries !== undefined && !(typeof retries === 'number' && Number.isInteger(retries) && retries >= 0)) {
    throw new RangeError(`${where}: maxRetries must be a whole number >= 0 (got ${String(retries)})`);
  }
  for (const name of ['timeout', 'idleTimeout', 'firstEventTimeout', 'pollIntervalMs']) {
    const value = numbers[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new RangeError(`${where}: ${name} must be a number of milliseconds >= 0, or Infinity (got ${shown(value)})`);
    }
  }
  // Below 1, RxJS's `mergeMap` starts no upload at all: the call would never end.
  const concurrency = numbers['maxConcurrency'];
  if (concurrency !== undefined && !((Number.isInteger(concurrency) || concurrency === Infinity) && (concurrency as number) >= 1)) {
    throw new RangeError(`${where}: maxConcurrency must be a whole number >= 1, or Infinity (got ${shown(concurrency)})`);
  }
  // Options of another kind, from plain JS: said here rather than failing deep inside (`fetchImpl is not a
  // function`), or being sent (`Bearer [object Object]`), or read as on (the string 'false').
  for (const name in OPTION_KINDS) {
    const value = numbers[name];
    if (value === undefined) continue; // most options of most calls: nothing to look at
    const expected = OPTION_KINDS[name]!;
    // 'an object with now() and schedule()': those methods; else the kinds the words name.
    const methods = expected.match(/\w+(?=\(\))/g);
    const ok = methods
      ? methods.every((method) => typeof (value as Record<string, unknown> | null)?.[method] === 'function')
      : expected.includes(value === null ? 'null' : typeof value);
    if (!ok) throw new TypeError(`${where}: ${name} must be ${expected} (got ${kindOf(value)})`);
  }
}

/**
 * What an option that is no number must be, in the words of its error: the kinds they name (a `typeof`, or
 * `null`), or the methods of an object (an RxJS scheduler, an `AbortSignal`).
 */
const OPTION_KINDS: Readonly<Record<string, string>> = {
  apiKey: 'a string or a function',
  baseURL: 'a string',
  organization: 'a string',
  project: 'a string',
  idempotencyKey: 'a string',
  idempotencyHeader: 'a string or null',
  fetch: 'a function',
  recoverStreams: 'a boolean',
  fallbackToPolling: 'a boolean',
  requireDone: 'a boolean',
  scheduler: 'an object with now() and schedule()',
  pendingTasks: 'an object with add()',
  signal: 'an object with addEventListener() and removeEventListener()',
};

/** A value as an option error shows it: a string quoted (a forgotten conversion), anything else as it prints. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Headers as `createClient()` and each call take them: an object of names and values (`null` removes the library's
 * header of that name, `undefined` leaves it), a `Headers`, or a list of `[name, value]` pairs.
 *
 * @example
 * const headers: HeadersOption = [['api-key', key], ['x-trace', traceId]];
 */
export type HeadersOption = Readonly<Record<string, string | null | undefined>> | Headers | ReadonlyArray<readonly [string, string]>;

/** Headers as an object of names and values (what {@link headerRecord} makes of a {@link HeadersOption}). @internal */
export type HeaderRecord = Readonly<Record<string, string | null | undefined>>;

/**
 * A {@link HeadersOption} as an object of names and values: an object as it is; a `Headers` or a list of pairs as
 * fetch reads them (names lower-cased, a name given twice with its values joined by `, `). Anything else, pairs
 * fetch cannot send too, is a `TypeError` saying where, without the value.
 *
 * @internal
 * @example
 * headerRecord([['x-tag', 'a'], ['X-Tag', 'b']], 'createClient'); // { 'x-tag': 'a, b' }
 */
export function headerRecord(given: HeadersOption | null | undefined, where: string): HeaderRecord | undefined {
  if (given === undefined || given === null) return undefined;
  if (typeof given === 'object') {
    if (typeof (given as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') return given as HeaderRecord;
    try {
      return Object.fromEntries(new Headers(given as HeadersInit));
    } catch {
      // Pairs fetch cannot send: the error below (fetch's would quote the value, a key often).
    }
  }
  throw new TypeError(`${where}: headers must be an object, a Headers or a list of [name, value] pairs fetch can send (got ${kindOf(given)})`);
}

import { Observable, share, type Subscription } from 'rxjs';
import { APIConnectionError, APIError } from '../errors/api-errors.js';
import { OpenAIStreamError, withRequestId } from '../errors/base.js';
import { redactSecrets } from '../errors/excerpt.js';
import { StreamTimeoutError } from '../errors/stream-errors.js';
import { AppRequestFailure } from '../errors/app-request-failure.js';
import { APIKeyProviderError } from '../errors/api-key-errors.js';
import { type APIKey, checkOptions, type HeaderRecord, headerRecord, type RequestOptions, type ResolvedClientOptions } from './options.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import { scheduleAfter } from '../operators/schedule-after.js';
import { abortNotice, abortReason } from './abort-on.js';
import { isEventStreamType } from '../sources/server-sent-event.js';

/**
 * Encodes an id for use as a path segment. Throws a `TypeError` (as the official SDK refuses such a path, before
 * anything is sent) for an id that is not a string, or that would name another path: empty, `.` or `..`, which
 * fetch resolves (`/conversations/conv_1/items/..` is the conversation itself).
 *
 * @internal
 * @example
 * `/threads/${enc(threadId)}/runs`
 * enc('..'); // throws TypeError
 */
export function enc(id: string): string {
  if (!isPathId(id)) {
    throw new TypeError(`An id in a request path must be a string other than "", "." and ".." (got ${typeof id === 'string' ? JSON.stringify(id) : String(id)})`);
  }
  return encodeURIComponent(id);
}

/**
 * Whether `id` can name an object in a request path ({@link enc} takes it). An id a server sent that cannot is
 * taken as none: recovery then reports the cut rather than a path error.
 *
 * @internal
 * @example
 * if (isPathId(event.response?.id)) responseId = event.response.id;
 */
export function isPathId(id: unknown): id is string {
  return typeof id === 'string' && id !== '' && id !== '.' && id !== '..';
}

/**
 * One API request, before headers and retries are added. @internal
 *
 * @example
 * transport.request({ method: 'GET', path: '/threads/thread_1/runs', query: { limit: 1 } }, undefined, readJSON());
 */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path below the base URL, starting with `/` (e.g. `/threads/thread_1/runs`). */
  path: string;
  /** A list is sent as the SDK sends it, one `name[]=` per value (`include[]=a&include[]=b`). */
  query?: Record<string, string | number | boolean | readonly string[] | null | undefined> | undefined;
  /** A JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
}

/**
 * What a transport call knows when reading a response. @internal
 *
 * @example
 * transport.request(spec, options, (response, context) => readEventStream(response, context.options, assistantEvents, (e) => e.event));
 */
export interface ResponseContext {
  /** The options of this call merged over the client's. */
  readonly options: ResolvedClientOptions;
  /** The request, for messages: its method and path (`GET /responses/resp_1`), without the query. */
  readonly where: string;
}

/**
 * What a request does when its subscriber leaves after the request was sent, before its answer was read to its
 * end: instead of aborting it at once, it may be held open, its answer read on (never delivered) until it says what
 * the caller needs (a background response's id, to cancel it). @internal
 *
 * @example
 * transport.request(spec, options, read, { wanted: () => !named, next: (event) => isPathId(event.response?.id) });
 */
export interface RequestHold<T> {
  /** Asked once, when the subscriber leaves while the request is under way: whether to hold it (a throw: no). */
  wanted(): boolean;
  /** A value read while held; `true` ends the hold (the request is then aborted), and so does a throw. */
  next(value: T): boolean;
  /** The held request failed (the hold is over): what it failed with. A throw is ignored. */
  readonly error?: ((error: unknown) => void) | undefined;
}

/**
 * Sends requests: one cold Observable per call that performs the request (with retries, the request deadline,
 * the caller's `AbortSignal`, one `Idempotency-Key` for all attempts of a POST or DELETE) and then reads the
 * response with `read`. Unsubscribing at any point before the response was read to its end aborts the request,
 * so the server sees the connection close, and sends nothing more; a response read to its end is not aborted.
 * `read` must read a body that is not an event stream whole before emitting.
 *
 * With a `hold`, a request the subscriber leaves once it was sent (its attempt under way: waiting for headers, or
 * reading the answer) is held open when `hold.wanted()` says so: its answer is read on and shown to `hold.next`
 * until that is done, the answer ends or fails (`hold.error`), or the limits the subscriber had bound it (the
 * deadline up to the headers, the first-event and idle timeouts of a stream, read with it) expire; then it is
 * aborted. A held request is never retried, and the call's `signal` or the client's ends it at once (as they do
 * any request), so does a signal aborted when the subscriber leaves (then nothing is held). Leaving before the
 * request was sent (while the key is asked for, during the backoff before a retry) sends nothing, as always.
 * @internal
 *
 * @example
 * const transport: Transport = createTransport(resolveClientOptions({ apiKey: 'sk-...' }));
 * transport.request({ method: 'GET', path: '/threads/thread_1' }, { maxRetries: 0 }, readJSON(ThreadSchema));
 */
export interface Transport {
  readonly options: ResolvedClientOptions;
  /**
   * Fails with the reason when the client's `signal` aborts (see `callEnds()`): one listener on the signal for all
   * the calls under way, however many (a listener per call would pass Node's limit of ten at once and warn of a
   * leak). `undefined` without a signal.
   */
  readonly end$: Observable<never> | undefined;
  request<T>(
    spec: RequestSpec,
    options: RequestOptions | undefined,
    read: (response: Response, context: ResponseContext) => Observable<T>,
    hold?: RequestHold<T>,
  ): Observable<T>;
}

/**
 * Creates the transport of a client.
 *
 * @internal
 * @example
 * const transport = createTransport(resolveClientOptions({ apiKey: 'sk-...' }));
 * transport.request({ method: 'GET', path: '/threads/thread_1' }, undefined, readJSON);
 */
export function createTransport(clientOptions: ResolvedClientOptions): Transport {
  const end$ = clientOptions.signal === undefined ? undefined : abortNotice(clientOptions.signal).pipe(share());
  return {
    options: clientOptions,
    end$,
    request: <T>(
      spec: RequestSpec,
      requestOptions: RequestOptions | undefined,
      read: (response: Response, context: ResponseContext) => Observable<T>,
      hold?: RequestHold<T>,
    ) =>
      new Observable<T>((subscriber) => {
        const options = mergeOptions(clientOptions, requestOptions);
        const url = buildURL(options.baseURL, options.query, spec);
        // The request in messages: its method and path (`GET /responses/resp_1`), without the query.
        const where = `${spec.method} ${spec.path}`;
        // One key for every attempt of this call, so a server that honours it creates one object at most.
        const idempotencyKey = spec.method === 'GET' ? undefined : (requestOptions?.idempotencyKey ?? newIdempotencyKey());
        let controller: AbortController | undefined;
        let timer: Subscription | undefined;
        let reading: Subscription | undefined;
        // The response was read to its end: nothing is left to abort.
        let finished = false;
        // The app's stability (`pendingTasks`), held across attempts and the waits between them, until the headers of
        // a stream the call asked for, or the call's end.
        let release = clientOptions.pendingTasks?.add();
        const releaseTask = () => {
          release?.();
          release = undefined;
        };
        // The attempt under way was sent (`fetch` called) and is not over: what a `hold` may keep open.
        let sent = false;
        // The subscriber was given the call's end (an error or the completion): its teardown is no leaving.
        let ended = false;
        // The hold in force: the subscriber left, the request is read on for `hold` (see `RequestHold`).
        let held: RequestHold<T> | undefined;
        // Whether the call is over for whoever is given its values: the subscriber, or the hold while it lasts.
        const closed = () => held === undefined && subscriber.closed;
        const next = (value: T) => {
          if (held === undefined) return subscriber.next(value);
          let done: boolean;
          try {
            done = held.next(value);
          } catch {
            done = true;
          }
          if (done) letGo();
        };
        const fail = (error: unknown) => {
          if (held === undefined) {
            ended = true;
            return subscriber.error(error);
          }
          try {
            held.error?.(error);
          } catch {
            // The hold is over all the same.
          }
          letGo();
        };
        const complete = () => {
          if (held === undefined) {
            ended = true;
            return subscriber.complete();
          }
          letGo();
        };

        // The call's own signal and the client's (through `end$`): either one ends the call.
        const userSignal = requestOptions?.signal;
        const stop = (reason: unknown) => {
          controller?.abort(reason);
          fail(reason);
        };
        const onUserAbort = () => stop(abortReason(userSignal!));

        // The key of each attempt, asked for just before it is sent (a function's token may have expired since the
        // last); an attempt whose key comes after the subscriber left is not sent.
        function attempt(n: number) {
          if (closed()) return;
          let key: string | undefined | Promise<string>;
          try {
            key = keyOf(options.apiKey, where);
          } catch (error: unknown) {
            return fail(error);
          }
          if (!(key instanceof Promise)) {
            try {
              return send(n, key);
            } catch (error: unknown) {
              return fail(error);
            }
          }
          // A key function silent for the request deadline fails the call, as a server silent that long would: the
          // deadline bounds the wait for the key too (not retried, as no failure of the key function is).
          timer = timeLimit(options, () => fail(new APIKeyProviderError(where, { timedOutMs: options.timeout })));
          // A throw while sending (a body JSON cannot encode) fails the call, as it does when the key is at hand.
          key
            .then((given) => {
              timer?.unsubscribe();
              send(n, given);
            })
            .catch((error: unknown) => fail(error));
        }

        function send(n: number, apiKey: string | undefined) {
          if (closed()) return;
          const attemptController = new AbortController();
          controller = attemptController;
          finished = false;
          // Which part of the exchange the deadline now bounds; `done` once this attempt is over either way.
          let phase: 'headers' | 'body' | 'done' = 'headers';
          let timedOut = false;
          // An error status whose body is being read: the deadline then reports the status, without its body.
          let failed: Response | undefined;
          // The response's headers, once they came: a body's timeout carries its request id.
          let answered: Headers | undefined;
          const over = () => {
            phase = 'done';
            timer?.unsubscribe();
          };
          timer = timeLimit(options, () => {
            if (phase === 'headers') {
              // The fetch promise rejects with the abort and reports the timeout.
              phase = 'done';
              timedOut = true;
              attemptController.abort();
            } else if (phase === 'body') {
              phase = 'done';
              reading?.unsubscribe();
              attemptController.abort();
              // An error status whose body stalled: the status said what went wrong (a 503 is retried as such), and
              // the message says what became of the body (`503 its body did not come within 300 ms (POST /responses)`).
              const stalled = `its body did not come within ${options.timeout} ms`;
              if (failed) retryOr(n, APIError.from(failed.status, failed.headers, stalled, where), failed.headers);
              else retryOr(n, withRequestId(new StreamTimeoutError('body', options.timeout), answered), undefined);
            }
          });

          const callHeaders = headerRecord(requestOptions?.headers, 'request options');
          const headers = buildHeaders(options, apiKey, callHeaders, spec, n, idempotencyKey);
          const init: RequestInit = {
            method: spec.method,
            headers,
            signal: attemptController.signal,
            // fetch drops `Authorization` on a redirect to another origin, but not a header of the caller's own (an
            // Azure `api-key`, a proxy's key): with one, a redirect is not followed but answered as an `APIError`
            // of its 3xx status (as the official SDK's `AzureOpenAI` does), so no key leaves for another host.
            redirect: hasOwnHeader(options.headers) || hasOwnHeader(callHeaders) ? 'manual' : 'follow',
          };
          if (spec.body !== undefined) {
            init.body = isFormData(spec.body) ? spec.body : JSON.stringify(spec.body);
          }

          sent = true;
          options.fetch(url, init).then(
            async (response) => {
              if (closed()) return;
              if (phase === 'done') {
                // The deadline expired as the headers arrived: the abort came too late to reject the fetch.
                response.body?.cancel().catch(() => undefined);
                return retryOr(n, new StreamTimeoutError('headers', options.timeout), undefined);
              }
              answered = response.headers;
              // An event stream is what the caller asked for (`accept: text/event-stream`) and got: a JSON call answered
              // with an event stream's content type is still a body the deadline bounds to its last byte.
              const askedForEvents = isEventStreamType(headers['accept']);
              const isEventStream = askedForEvents && isEventStreamType(response.headers.get('content-type'));
              if (!response.ok) {
                // The error body is bounded by the deadline too.
                phase = 'body';
                failed = response;
                // A browser's fetch hides a redirect it did not follow (`opaqueredirect`, status 0; `httpClientFetch`
                // gives fetch's status-0 response for it too): say what it was.
                const error =
                  response.status === 0 && init.redirect === 'manual'
                    ? APIError.from(0, response.headers, REDIRECT_NOT_FOLLOWED, where)
                    : await APIError.fromResponse(response, where);
                // Unsubscribed, or timed out, while the body was read: nothing more is sent.
                if (closed() || phase !== 'body') return;
                over();
                finished = true;
                return retryOr(n, error, response.headers);
              }
              // An event stream is bounded by the idle and first-event timeouts from here on; any other body by the
              // deadline, to its last byte.
              if (isEventStream) over();
              else phase = 'body';
              // A stream the caller asked for holds no task from here on, whatever its label: it may run for long.
              if (askedForEvents) releaseTask();
              reading = read(response, { options, where }).subscribe({
                next: (value) => {
                  // Any other body is bounded by the deadline up to its first value. A JSON body is read whole before
                  // its value is emitted: nothing is left to bound or to abort then, even if the subscriber stops at
                  // this value. The events of a stream the caller asked for under another label (a proxy relabelled
                  // it) come one by one: the rest of its body is still aborted if the subscriber stops.
                  if (!isEventStream && phase === 'body') {
                    over();
                    finished = !askedForEvents;
                  }
                  next(value);
                },
                error: (error: unknown) => {
                  over();
                  // Any other body cut by the connection (undici's `terminated`): a connection error, retried for a
                  // GET, as a stalled body is; a POST's answer was lost after the server acted on it. An event
                  // stream's cut is its reader's to tell (a cut stream), and the library's own errors say more.
                  // Whatever the body held or lacked, the response's id comes along (see `OpenAIStreamError.requestId`).
                  if (askedForEvents || error instanceof OpenAIStreamError) return fail(withRequestId(error, response.headers));
                  const cut = withRequestId(
                    new APIConnectionError(`Connection error while reading the body: ${describe(error)} (${where})`, { cause: error }),
                    response.headers,
                  );
                  if (spec.method === 'GET') retryOr(n, cut, undefined);
                  else fail(cut);
                },
                complete: () => {
                  over();
                  finished = true;
                  complete();
                },
              });
            },
            (cause: unknown) => {
              if (closed()) return;
              over();
              // The app's own failure (an interceptor's error of `httpClientFetch()`): its error as it is, at once.
              if (!timedOut && cause instanceof AppRequestFailure) return fail(cause.reason);
              const error = timedOut
                ? new StreamTimeoutError('headers', options.timeout)
                : new APIConnectionError(`Connection error: ${redactSecrets(describe(cause))} (${where})`, { cause });
              retryOr(n, error, undefined);
            },
          ).catch((error: unknown) => fail(error)); // what went wrong on the way fails the call, never silently
        }

        function retryOr(n: number, error: unknown, headers: Headers | undefined) {
          if (closed()) return;
          // A held request is never sent again: the subscriber left.
          if (held !== undefined || n >= options.maxRetries || !isRetryable(error, spec.method)) return fail(error);
          sent = false;
          timer = scheduleAfter(options.scheduler, retryDelayMs(n, headers), () => attempt(n + 1));
        }

        if (userSignal?.aborted) {
          releaseTask();
          onUserAbort();
          return;
        }
        userSignal?.addEventListener('abort', onUserAbort, { once: true });
        // At once when the client's signal aborted already: then nothing is sent (`attempt` finds the call over).
        const clientEnd = end$?.subscribe({ error: stop });
        attempt(0);

        // The end of the call: everything it holds is let go.
        function letGo() {
          held = undefined;
          releaseTask();
          timer?.unsubscribe();
          userSignal?.removeEventListener('abort', onUserAbort);
          clientEnd?.unsubscribe();
          reading?.unsubscribe();
          // Stops a request or a body still running (and releases a connection the server holds open). A response
          // read to its end has nothing left to stop, and is not aborted.
          if (!finished) controller?.abort();
        }

        return () => {
          // The subscriber left a request that was sent and is under way, with no signal aborted: held when the hold
          // wants it (its timers, its signals' listeners and its reading go on; the app's task is let go).
          if (hold !== undefined && sent && !ended && !finished && !userSignal?.aborted && !clientOptions.signal?.aborted && wants(hold)) {
            held = hold;
            releaseTask();
            return;
          }
          letGo();
        };
      }),
  };
}

/** Whether `hold` wants its request held; one whose question throws does not (a teardown never throws). */
function wants(hold: RequestHold<never>): boolean {
  try {
    return hold.wanted();
  } catch {
    return false;
  }
}

/** The request deadline of one attempt (none for `0` or `Infinity`). */
function timeLimit(options: ResolvedClientOptions, onTimeout: () => void): Subscription {
  const ms = options.timeout === 0 ? Infinity : options.timeout;
  return scheduleAfter(options.scheduler, ms, onTimeout);
}

/**
 * A new idempotency key, in the format of the official SDK's generated keys (`stainless-node-retry-<uuid>`) with
 * this library's prefix.
 *
 * @internal
 * @example
 * newIdempotencyKey(); // 'rx-openai-stream-retry-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b'
 */
export function newIdempotencyKey(): string {
  return `rx-openai-stream-retry-${uuid4()}`;
}

/**
 * One subscription's options with its `Idempotency-Key` fixed: the caller's, or a new one. Every request of the
 * call sent with them carries the same key, also one that sends the POST again in another form (a fallback's
 * non-streaming create): a server that honours keys then refuses it if the first POST was accepted after all,
 * rather than creating the object twice.
 *
 * @internal
 * @example
 * const callOptions = withCallKey(options); // one per subscription
 * post$(body, callOptions); fallback$(body, callOptions);
 */
export function withCallKey<O extends RequestOptions>(options: O | undefined): O & { readonly idempotencyKey: string } {
  return { ...(options as O), idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey() };
}

/**
 * The options of one request of a call that sends several POSTs (an upload, then the object that uses it): the
 * caller's `idempotencyKey`, when given, becomes `<key>-<step>`. Each request then has a key of its own (a server
 * that honours keys refuses one reused with other parameters), and the same call made again repeats every step's
 * key. Without a caller's key, the transport gives each request a fresh one anyway.
 *
 * @internal
 * @example
 * files.create({ file, purpose: 'assistants' }, stepOptions(options, 'upload'));
 */
export function stepOptions<O extends RequestOptions>(options: O | undefined, step: string): O | undefined {
  return options?.idempotencyKey === undefined ? options : { ...options, idempotencyKey: `${options.idempotencyKey}-${step}` };
}

function uuid4(): string {
  // Web Crypto's `getRandomValues`, which every target has (Node 20's global `crypto`, every browser), where
  // `randomUUID` is missing outside secure contexts (a page served over plain http).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

function mergeOptions(client: ResolvedClientOptions, call: RequestOptions | undefined): ResolvedClientOptions {
  if (!call) return client;
  // Thrown in the subscription: the call fails with it, before any request.
  checkOptions(call, 'request options');
  const merged = { ...client };
  for (const key of ['maxRetries', 'timeout', 'idleTimeout', 'firstEventTimeout', 'recoverStreams', 'fallbackToPolling', 'scheduler'] as const) {
    if (call[key] !== undefined) (merged as Record<string, unknown>)[key] = call[key];
  }
  // A Chat Completions stream's own (`ChatStreamOptions`); other calls do not have it.
  const requireDone = (call as { requireDone?: boolean }).requireDone;
  if (requireDone !== undefined) merged.requireDone = requireDone;
  return merged;
}

/**
 * The request's URL: the parameters of the `baseURL`'s own query, then the client's `query` (Azure's
 * `api-version`), then the call's own parameters, each replacing one of the same name before it (as the SDK's
 * `defaultQuery`); a call's `undefined` or `null` is no parameter. The path goes before the `baseURL`'s query.
 */
function buildURL(baseURL: string, defaults: Record<string, string> | undefined, spec: RequestSpec): string {
  const mark = baseURL.indexOf('?');
  const own = mark < 0 ? undefined : baseURL.slice(mark + 1);
  const url = `${mark < 0 ? baseURL : baseURL.slice(0, mark).replace(/\/+$/, '')}${spec.path}`;
  if (!spec.query && !defaults && !own) return url;
  const params = new URLSearchParams(own);
  for (const query of [defaults, spec.query]) {
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object') params.set(key, String(value));
      else {
        // A list replaces the client's parameter of that name too.
        params.delete(key);
        for (const item of value) params.append(`${key}[]`, item);
      }
    }
  }
  const query = params.toString();
  return query ? `${url}?${query}` : url;
}

/**
 * The key of one request: the `apiKey` option, or what its function gives now (a promise when the function is
 * async). A function that throws, rejects, or gives anything but a non-empty string is an {@link APIKeyProviderError}
 * (thrown, or the promise's rejection).
 */
function keyOf(apiKey: APIKey | undefined, request: string): string | undefined | Promise<string> {
  if (typeof apiKey !== 'function') return apiKey;
  let given: unknown;
  try {
    given = apiKey();
  } catch (failure: unknown) {
    throw new APIKeyProviderError(request, { failure });
  }
  if (typeof (given as PromiseLike<unknown> | undefined)?.then !== 'function') return checkedKey(given, request);
  return Promise.resolve(given).then(
    (key) => checkedKey(key, request),
    (failure: unknown) => {
      throw new APIKeyProviderError(request, { failure });
    },
  );
}

function checkedKey(key: unknown, request: string): string {
  if (typeof key === 'string' && key !== '') return key;
  throw new APIKeyProviderError(request, { gave: key });
}

/**
 * A request's headers, by lower-cased name, as the official SDK orders them: the library's, then the client's
 * `headers`, then a JSON body's `content-type`, then the call's `headers`; each replaces a header of the same name
 * before it, in any letter case (a relay's `authorization` replaces the key's `Authorization`, a caller's
 * `idempotency-key` the library's), where names as given would send both, joined.
 */
function buildHeaders(
  options: ResolvedClientOptions,
  apiKey: string | undefined,
  call: HeaderRecord | undefined,
  spec: RequestSpec,
  attempt: number,
  idempotencyKey: string | undefined,
): Record<string, string> {
  // No prototype: a name is only ever a header.
  const headers: Record<string, string> = Object.create(null);
  const set = (name: string, value: string) => {
    // fetch refuses such a value (once it stripped the spaces and line ends around it) with a message that quotes
    // it, a key often, and such a name as a failed connection (retried): refused here, without the value.
    if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(name) || /[\0\r\n]|[^\0-\xff]/.test(value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''))) {
      throw new TypeError(`The ${name} header cannot be sent: fetch refuses its name or its value (a line break, a NUL, beyond Latin-1)`);
    }
    headers[name.toLowerCase()] = value;
  };
  // As the SDK's: a header given as `undefined` leaves the one before it, `null` removes it.
  const setAll = (given: HeaderRecord | undefined) => {
    for (const [name, value] of Object.entries(given ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else if (value !== undefined) set(name, String(value));
    }
  };
  set('accept', 'application/json');
  if (apiKey) set('Authorization', `Bearer ${apiKey}`);
  if (options.organization) set('OpenAI-Organization', options.organization);
  if (options.project) set('OpenAI-Project', options.project);
  if (attempt > 0) set('x-retry-count', String(attempt));
  if (idempotencyKey !== undefined && options.idempotencyHeader) set(options.idempotencyHeader, idempotencyKey);
  setAll(options.headers);
  // As the SDK's resource methods set it: over the client's headers, under the call's.
  if (options.beta) set('OpenAI-Beta', options.beta);
  if (spec.body !== undefined && !isFormData(spec.body)) set('content-type', 'application/json');
  setAll(call);
  return headers;
}

/**
 * Whether the caller's headers (the client's or a call's) have one that may carry a key fetch does not know to
 * drop: any but `accept`, which a stream's call options carry for the library.
 */
function hasOwnHeader(headers: HeaderRecord | undefined): boolean {
  // A header given as `undefined` or `null` sends nothing of the caller's.
  for (const name in headers) if (name.toLowerCase() !== 'accept' && headers[name] != null) return true;
  return false;
}

const REDIRECT_NOT_FOLLOWED = "redirect not followed (the caller's headers)";

function isFormData(body: unknown): body is FormData {
  return typeof FormData !== 'undefined' && body instanceof FormData;
}

function describe(cause: unknown): string {
  // By shape rather than `instanceof Error`: the errors of Node's own `fetch` may come from another realm (a VM
  // context).
  const message = (value: unknown): string | undefined => {
    const text = typeof value === 'object' && value !== null ? (value as { message?: unknown }).message : undefined;
    return typeof text === 'string' ? text : undefined;
  };
  const outer = message(cause);
  if (outer === undefined) return String(cause);
  const inner = message((cause as { cause?: unknown }).cause);
  return inner === undefined ? outer : `${outer}: ${inner}`;
}

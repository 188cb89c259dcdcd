import { Observable, type Subscription } from 'rxjs';
import { APIConnectionError, APIError } from '../errors/api-errors.js';
import { StreamTimeoutError } from '../errors/stream-errors.js';
import type { RequestOptions, ResolvedClientOptions } from './options.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';

/**
 * Encodes an id for use as a path segment.
 *
 * @internal
 * @example
 * `/threads/${enc(threadId)}/runs`
 */
export const enc = encodeURIComponent;

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
  query?: Record<string, string | number | boolean | null | undefined>;
  /** A JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
}

/**
 * What a transport call knows when reading a response. @internal
 *
 * @example
 * transport.request(spec, options, (response, context) => readAssistantStream(response, context.options));
 */
export interface ResponseContext {
  /** The options of this call merged over the client's. */
  readonly options: ResolvedClientOptions;
}

/**
 * Sends requests: one cold Observable per call that performs the request (with retries, the headers timeout,
 * the caller's `AbortSignal`) and then reads the response with `read`. Unsubscribing at any point aborts the
 * request, so the server sees the connection close. @internal
 *
 * @example
 * const transport: Transport = createTransport(resolveClientOptions({ apiKey: 'sk-...' }));
 * transport.request({ method: 'GET', path: '/threads/thread_1' }, { maxRetries: 0 }, readJSON(ThreadSchema));
 */
export interface Transport {
  readonly options: ResolvedClientOptions;
  request<T>(
    spec: RequestSpec,
    options: RequestOptions | undefined,
    read: (response: Response, context: ResponseContext) => Observable<T>,
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
  return {
    options: clientOptions,
    request: (spec, requestOptions, read) =>
      new Observable((subscriber) => {
        const options = mergeOptions(clientOptions, requestOptions);
        const url = buildURL(options.baseURL, spec);
        let controller: AbortController | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let reading: Subscription | undefined;

        const userSignal = requestOptions?.signal;
        const onUserAbort = () => {
          controller?.abort(userSignal?.reason);
          fail(userSignal?.reason ?? new APIConnectionError('Request aborted'));
        };

        function fail(error: unknown) {
          subscriber.error(error);
        }

        function attempt(n: number) {
          const attemptController = new AbortController();
          controller = attemptController;
          let timedOut = false;
          timer = setTimeout(() => {
            timedOut = true;
            attemptController.abort();
          }, options.timeout);

          const init: RequestInit = {
            method: spec.method,
            headers: buildHeaders(options, requestOptions, spec, n),
            signal: attemptController.signal,
          };
          if (spec.body !== undefined) {
            init.body = isFormData(spec.body) ? spec.body : JSON.stringify(spec.body);
          }

          options.fetch(url, init).then(
            async (response) => {
              clearTimeout(timer);
              if (subscriber.closed) return;
              if (!response.ok) {
                const body = await response.text().catch(() => '');
                return retryOr(n, APIError.from(response.status, response.headers, body, `${spec.method} ${spec.path}`), response.headers);
              }
              reading = read(response, { options }).subscribe({
                next: (value) => subscriber.next(value),
                error: (error: unknown) => fail(error),
                complete: () => subscriber.complete(),
              });
            },
            (cause: unknown) => {
              clearTimeout(timer);
              if (subscriber.closed) return;
              const error = timedOut
                ? new StreamTimeoutError('headers', options.timeout)
                : new APIConnectionError(`Connection error: ${describe(cause)} (${spec.method} ${spec.path})`, { cause });
              retryOr(n, error, undefined);
            },
          );
        }

        function retryOr(n: number, error: unknown, headers: Headers | undefined) {
          if (n >= options.maxRetries || !isRetryable(error, spec.method)) return fail(error);
          timer = setTimeout(() => attempt(n + 1), retryDelayMs(n, headers));
        }

        if (userSignal?.aborted) {
          onUserAbort();
          return;
        }
        userSignal?.addEventListener('abort', onUserAbort, { once: true });
        attempt(0);

        return () => {
          clearTimeout(timer);
          userSignal?.removeEventListener('abort', onUserAbort);
          reading?.unsubscribe();
          // Always abort: it stops a request or body still running, and releases a connection the server holds
          // open after `[DONE]`; on a response read to its end it changes nothing.
          controller?.abort();
        };
      }),
  };
}

function mergeOptions(client: ResolvedClientOptions, call: RequestOptions | undefined): ResolvedClientOptions {
  if (!call) return client;
  const merged = { ...client };
  for (const key of ['maxRetries', 'timeout', 'idleTimeout', 'firstEventTimeout', 'recoverStreams', 'fallbackToPolling'] as const) {
    if (call[key] !== undefined) (merged as Record<string, unknown>)[key] = call[key];
  }
  return merged;
}

function buildURL(baseURL: string, spec: RequestSpec): string {
  const url = `${baseURL}${spec.path}`;
  if (!spec.query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(spec.query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${url}?${query}` : url;
}

function buildHeaders(
  options: ResolvedClientOptions,
  call: RequestOptions | undefined,
  spec: RequestSpec,
  attempt: number,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'OpenAI-Beta': 'assistants=v2',
    ...options.headers,
  };
  if (options.apiKey) headers['Authorization'] = `Bearer ${options.apiKey}`;
  if (options.organization) headers['OpenAI-Organization'] = options.organization;
  if (options.project) headers['OpenAI-Project'] = options.project;
  if (spec.body !== undefined && !isFormData(spec.body)) headers['content-type'] = 'application/json';
  if (attempt > 0) headers['x-retry-count'] = String(attempt);
  return { ...headers, ...call?.headers };
}

function isFormData(body: unknown): body is FormData {
  return typeof FormData !== 'undefined' && body instanceof FormData;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
  }
  return String(cause);
}

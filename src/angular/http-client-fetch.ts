import {
  type HttpClient,
  type HttpContext,
  HttpErrorResponse,
  type HttpEvent,
  HttpEventType,
  type HttpHeaders,
} from '@angular/common/http';
import type { Subscription } from 'rxjs';
import { AppRequestFailure } from '../errors/app-request-failure.js';
import { isEventStreamType } from '../sources/server-sent-event.js';

/**
 * Options of {@link httpClientFetch}.
 *
 * @example
 * const options: HttpClientFetchOptions = { httpContext: () => new HttpContext().set(SKIP_LOADING_BAR, true) };
 */
export interface HttpClientFetchOptions {
  /**
   * Makes the `HttpContext` of each request: tokens your interceptors read (a loading bar's "ignore this request", a
   * retry interceptor's "not this one"). Called once per request, a retry of the library's included, so that each
   * gets a context of its own, as `HttpClient`'s requests do. An error it throws fails the request as the app's
   * failure (`AppRequestFailure`; the library fails the call with that error, at once, without retrying).
   */
  httpContext?: (() => HttpContext) | undefined;
}

/**
 * A `fetch` over Angular's `HttpClient`, for `createClient({ fetch })`: requests go through the app's interceptors
 * (auth headers, logging, base URLs) and backend, and the response body is a `ReadableStream` fed as the data
 * arrives, from `HttpClient`'s download progress events, so event streams are read incrementally and every source,
 * operator, timeout and recovery of the library works unchanged.
 *
 * What it does, as `fetch` would:
 * - sends the method, headers and body of `input` / `init` (`string`, `FormData`, `Blob`, `URLSearchParams`,
 *   `ArrayBuffer` or a typed array; a `ReadableStream` body is refused with a `TypeError`, as `HttpClient` cannot
 *   send one);
 * - resolves with a `Response` as soon as the headers of a successful (2xx) response arrive; a non-OK status resolves
 *   once the exchange ends with it, with the error body, so the library turns it into its typed errors
 *   (`RateLimitError`, `NotFoundError`, ...). An interceptor may answer an error by sending the request again (a
 *   token refreshed after a 401, `retry()` after a 503): the exchange's final outcome counts, and each new attempt
 *   starts over, so what an earlier attempt sent never reaches the body. (A new attempt after a 2xx response was
 *   resolved errors its body, since a `Response` cannot start over: the library then sees a cut stream.)
 * - rejects like `fetch` when no response comes (the connection fails: the backend's own error, or a `TypeError`);
 *   a connection lost during the body errors the body's stream. An error that is not an `HttpErrorResponse` (an
 *   interceptor's own: "not signed in") rejects as the app's failure rather than the connection's: the library fails
 *   the call with that error itself, at once, without retrying;
 * - takes a whole response an interceptor or a test backend answers with (`of(new HttpResponse({ body }))`) whatever
 *   its body: text, data (sent as its JSON text, `content-type: application/json` unless it has one), bytes or a
 *   `Blob`; a body that is none of these (a cycle, a `bigint`) fails the request with a `TypeError`, as the app's
 *   failure (the library fails the call with it, without retrying);
 * - `init.signal` aborts: the `HttpClient` request is unsubscribed (the connection closes) and the promise rejects,
 *   or the body's stream errors, with the signal's reason; cancelling the body's stream closes the connection too;
 * - the body's stream errors when `HttpClient` ends the exchange before the response's end (its fetch backend stops
 *   reading once the app is destroyed): a cut stream never looks complete.
 *
 * Best with `provideHttpClient(withFetch())`, whose backend reports every chunk as it arrives (the default
 * `XMLHttpRequest` backend reports progress in bursts about 50 ms apart). `HttpClient` keeps the text received so far
 * until the request ends (its `partialText`), and the new part of each progress event is cut out of all of it, which
 * copies the whole text: fine for chat-sized answers, work that grows with the square of a long stream's length (see
 * docs/angular.md). The request opts out of the HTTP transfer cache (`transferCache: false`): a stream is never
 * replayed from server-side rendering.
 *
 * `options.httpContext` makes the `HttpContext` of each request (its tokens read by your interceptors).
 *
 * @example
 * import { HttpClient } from '@angular/common/http';
 * import { inject } from '@angular/core';
 * import { createClient } from 'rx-openai-stream';
 * import { httpClientFetch } from 'rx-openai-stream/angular';
 *
 * // `apiKey: ''`: no Authorization header, and OPENAI_API_KEY stays out of it under server-side rendering.
 * const client = createClient({ baseURL: '/api/openai/v1', apiKey: '', fetch: httpClientFetch(inject(HttpClient)) });
 */
export function httpClientFetch(http: HttpClient, options: HttpClientFetchOptions = {}): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    let context: HttpContext | undefined;
    try {
      context = options.httpContext?.();
    } catch (error) {
      // The app's failure, not the connection's: the library fails the call with it, without retrying.
      throw new AppRequestFailure(error, `${method} ${url}`);
    }
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((value, name) => (headers[name] = value));
    const signal = init?.signal ?? request?.signal ?? undefined;
    // Passed on when not the default: the client asks fetch not to follow a redirect when a header of the caller's
    // own (an Azure `api-key`) would go along to another host. Only HttpClient's fetch backend (`withFetch()`) can;
    // its XHR backend follows, and warns of the option.
    const redirect = init?.redirect ?? request?.redirect;
    const manual = redirect === 'manual';
    const body = await requestBody(init, request, method);
    if (signal?.aborted) throw abortReason(signal);

    return new Promise<Response>((resolve, reject) => {
      const encoder = new TextEncoder();
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const stream = new ReadableStream<Uint8Array>({
        start: (c) => void (controller = c),
        // The reader gave up on the body: close the connection. Nothing more goes into it (a `Blob` answer still being
        // read would be enqueued into a cancelled stream, a throw no one catches).
        cancel: () => {
          bodyOpen = false;
          end();
        },
      });
      let response: Response | undefined;
      // The status line of a non-OK answer: the response waits for the exchange's end, as an interceptor may yet send
      // the request again (a 401 answered by a token refresh, `retry()` on a 503).
      let held: { status: number; statusText: string; headers: HttpHeaders } | undefined;
      // `Sent` events so far: one per attempt.
      let attempts = 0;
      let bodyOpen = true;
      // Characters of the current attempt's text (`partialText`) already passed on.
      let seen = 0;
      let subscription: Subscription | undefined;
      let over = false;

      const onAbort = () => fail(abortReason(signal!));
      // Ends the exchange: no more events, the connection closed if it was open.
      function end() {
        if (over) return;
        over = true;
        signal?.removeEventListener('abort', onAbort);
        subscription?.unsubscribe();
      }
      function respond(status: number, statusText: string, httpHeaders: HttpHeaders | undefined, contentType?: string) {
        if (response) return;
        const responseHeaders = new Headers();
        for (const name of httpHeaders?.keys() ?? []) {
          for (const value of httpHeaders!.getAll(name) ?? []) responseHeaders.append(name, value);
        }
        if (contentType !== undefined && !responseHeaders.has('content-type')) responseHeaders.set('content-type', contentType);
        const nullBody = status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
        try {
          response = new Response(nullBody ? null : stream, { status, statusText, headers: responseHeaders });
        } catch (cause) {
          // A status `Response` cannot carry (outside 200-599): no usable response, as for fetch.
          end();
          reject(new TypeError(`httpClientFetch: unusable response status ${status} (${method} ${url})`, { cause }));
          return;
        }
        resolve(response);
      }
      // A new attempt of the exchange (an interceptor sent the request again): what came before it no longer counts.
      function startOver() {
        held = undefined;
        seen = 0;
        // Too late once a 2xx response was resolved: a `Response` cannot start over. Cut, not complete.
        if (response) fail(new TypeError(`httpClientFetch: HttpClient sent the request again after its response was resolved (${method} ${url})`));
      }
      // Ends the exchange with `failure`: the promise rejects before a response, its body errors after one.
      function fail(failure: unknown) {
        end();
        if (!response) reject(failure);
        else if (bodyOpen) {
          bodyOpen = false;
          controller.error(failure);
        }
      }
      function push(text: string | undefined) {
        if (text === undefined || text.length <= seen || !bodyOpen) return;
        controller.enqueue(encoder.encode(text.slice(seen)));
        seen = text.length;
      }
      function closeBody() {
        if (!bodyOpen) return;
        bodyOpen = false;
        controller.close();
      }
      // The exchange's end with a whole response: the body is the text passed on so far and the rest of `body`.
      // Text as `HttpClient` reads it, or what an interceptor or a test backend answered with (data, as JSON; bytes;
      // a `Blob`), unless text came before it (then that text is the body).
      function finish(status: number, statusText: string, httpHeaders: HttpHeaders | undefined, body: unknown) {
        if (typeof body === 'string' || body === null || body === undefined || seen > 0) {
          respond(status, statusText, httpHeaders);
          push(typeof body === 'string' ? body : undefined);
          closeBody();
          end();
          return;
        }
        const whole = bodyOf(body, `${method} ${url}`);
        // An answer of the app's own that cannot be a body: its failure, not the connection's (no retry).
        if (whole instanceof Error) return fail(response ? whole : new AppRequestFailure(whole, `${method} ${url}`));
        respond(status, statusText, httpHeaders, typeof whole === 'string' ? 'application/json' : undefined);
        end();
        if (!response || !bodyOpen) return;
        if (typeof whole === 'string') push(whole);
        else if (whole instanceof Uint8Array) controller.enqueue(whole);
        else {
          whole.then(
            (bytes) => {
              if (!bodyOpen) return;
              controller.enqueue(bytes);
              closeBody();
            },
            (cause: unknown) => fail(new TypeError(`httpClientFetch: the response's Blob body could not be read (${method} ${url})`, { cause })),
          );
          return;
        }
        closeBody();
      }

      signal?.addEventListener('abort', onAbort, { once: true });
      subscription = http
        .request(method, url, {
          body,
          headers,
          observe: 'events',
          reportProgress: true,
          responseType: 'text',
          transferCache: false,
          ...(context ? { context } : {}),
          ...(manual ? { redirect } : {}),
        })
        .subscribe({
          next: (event: HttpEvent<string>) => {
            switch (event.type) {
              case HttpEventType.Sent:
                // Each attempt begins with it: a second one is an interceptor's retry.
                if (attempts++ > 0) startOver();
                break;
              case HttpEventType.ResponseHeader:
                // Once per attempt; a second one without `Sent` is a retry of an interceptor's own making.
                if (held || response) startOver();
                if (over) break;
                // A non-OK status waits for the exchange's end: an interceptor may send the request again.
                if (event.ok) respond(event.status, event.statusText, event.headers);
                else held = { status: event.status, statusText: event.statusText, headers: event.headers };
                break;
              case HttpEventType.DownloadProgress:
                // An error body comes whole with the exchange's end (below), if it is the final outcome.
                if (!held) push(event.partialText);
                break;
              case HttpEventType.Response:
                // Without progress events (an interceptor answering from a cache, a test backend) the whole
                // response comes here.
                finish(event.status, event.statusText, event.headers, event.body);
                break;
            }
          },
          error: (error: unknown) => {
            // Already over: the body we ended it with (a `Blob` still being read) stands.
            if (over) return;
            if (manual && error instanceof HttpErrorResponse && error.responseType === 'opaqueredirect' && !response) {
              // The redirect not followed: what fetch gives for it, a response of status 0 with nothing to read.
              end();
              response = Response.error();
              resolve(response);
              return;
            }
            if (error instanceof HttpErrorResponse && error.status !== 0 && !response) {
              // The exchange ended with an HTTP error status: a response with its body, for the library to read.
              finish(error.status, error.statusText, error.headers, error.error);
              return;
            }
            if (!(error instanceof HttpErrorResponse) && !response) {
              // Not an HTTP outcome: the app's own code failed the request (an interceptor's "not signed in"). The
              // library fails the call with that error, at once, rather than retrying a connection error.
              fail(new AppRequestFailure(error, `${method} ${url}`));
              return;
            }
            // No response (the connection failed), or the connection was lost during the body.
            const cause = error instanceof HttpErrorResponse && error.error instanceof Error ? error.error : error;
            fail(cause instanceof Error ? cause : new TypeError(`Failed to fetch (${method} ${url})`, { cause }));
          },
          complete: () => {
            if (over) return;
            // An error status with no error after it: an interceptor swallowed the error (`catchError(() => EMPTY)`,
            // a redirect to the login page). The status is the outcome, without its body.
            if (held && !response) return finish(held.status, held.statusText, held.headers, undefined);
            // Completion without the final response event: the exchange was cut short (the fetch backend stops
            // reading when its injector is destroyed), never a body that ended well.
            fail(new TypeError(`httpClientFetch: HttpClient ended the exchange before the response's end (${method} ${url})`));
          },
        });
      if (over) subscription.unsubscribe();
    });
  };
}

/** The request body in a form `HttpClient` sends as is. */
async function requestBody(init: RequestInit | undefined, request: Request | undefined, method: string): Promise<unknown> {
  const body = init?.body !== undefined ? init.body : request && method !== 'GET' && method !== 'HEAD' ? await request.arrayBuffer() : null;
  if (body === null || body === undefined) return null;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    throw new TypeError('httpClientFetch: a ReadableStream request body cannot be sent through HttpClient');
  }
  if (ArrayBuffer.isView(body)) return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
  return body;
}

/**
 * A body that is not text, as the response's: data as its JSON text, bytes as they are, a `Blob`'s bytes once read;
 * a `TypeError` for anything else (a value JSON cannot write, a cycle).
 */
function bodyOf(body: object | number | boolean | bigint | symbol, where: string): string | Uint8Array | Promise<Uint8Array> | TypeError {
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.arrayBuffer().then((bytes) => new Uint8Array(bytes));
  let json: string | undefined;
  let cause: unknown;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    cause = error;
  }
  return json ?? new TypeError(`httpClientFetch: a response body that is neither text, bytes nor JSON data (a ${typeof body}, ${where})`, { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

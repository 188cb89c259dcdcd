import * as http from '@angular/common/http';
import { HttpBackend, HttpClient, type HttpContext, type HttpHandler, HttpXhrBackend } from '@angular/common/http';
import {
  assertInInjectionContext,
  createEnvironmentInjector,
  DestroyRef,
  EnvironmentInjector,
  type EnvironmentProviders,
  inject,
  InjectionToken,
  type Injector,
  makeEnvironmentProviders,
  NgZone,
  PendingTasks,
  PLATFORM_ID,
  runInInjectionContext,
} from '@angular/core';
import { createClient, type OpenAIStreamClient } from '../client/create-client.js';
import type { ClientOptions } from '../client/options.js';
import { httpClientFetch } from './http-client-fetch.js';
import { InjectorDestroyedError } from './injector-destroyed-error.js';
import { outsideAngularTimers } from './outside-angular-timers.js';

/**
 * Options of {@link provideOpenAIStream}: those of `createClient()` but `fetch`, which is `HttpClient`'s, and
 * `pendingTasks`, which is Angular's. `apiKey` is usually left out: a browser talks to a relay of yours that holds
 * the key (`baseURL: '/api/openai/v1'`), never to OpenAI with a key. Without `apiKey` no `Authorization` header is
 * sent (an interceptor may add the app's own), and no `OPENAI_API_KEY` is read from the environment, on the server
 * either. `query` and an `apiKey` function (called for each request, as in `createClient()`) work as they do there.
 *
 * `httpContext` makes the `HttpContext` of each request, for your interceptors.
 *
 * @example
 * const options: OpenAIStreamOptions = { baseURL: '/api/openai/v1', idleTimeout: 30_000, maxRetries: 1 };
 */
export interface OpenAIStreamOptions extends Omit<ClientOptions, 'fetch' | 'pendingTasks'> {
  /**
   * Makes the `HttpContext` of each request of the client: tokens your interceptors read (a loading bar's "ignore
   * this request", a retry interceptor's "not this one"). Called once per request, a retry included, so that each
   * gets a context of its own. An error it throws fails the call with that error, at once, nothing sent.
   *
   * @example
   * provideOpenAIStream({ baseURL: '/api/openai/v1', httpContext: () => new HttpContext().set(SKIP_LOADING_BAR, true) });
   */
  httpContext?: (() => HttpContext) | undefined;
}

/**
 * The client made by {@link provideOpenAIStream}. Inject it, or call {@link injectOpenAIStreamClient}.
 *
 * @example
 * const client = inject(OPENAI_STREAM_CLIENT);
 * client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi' }).pipe(textDeltas()).subscribe(render);
 */
export const OPENAI_STREAM_CLIENT = new InjectionToken<OpenAIStreamClient>('rx-openai-stream: OPENAI_STREAM_CLIENT');

/**
 * Provides an `rx-openai-stream` client ({@link OPENAI_STREAM_CLIENT}) whose requests go through the app's
 * `HttpClient` ({@link httpClientFetch}): its interceptors (auth, logging) and backend apply. Provide
 * `provideHttpClient(withFetch())` too, so that streams arrive chunk by chunk (the default `XMLHttpRequest` backend
 * delivers them in bursts).
 *
 * Stability: a request holds the application's stability (`ApplicationRef.whenStable()`, server-side rendering,
 * hydration) from its call's start until its response headers arrive, the waits before its retries included, and a
 * JSON body until its end; an event stream's body does not hold it, so a long stream never keeps the app from
 * becoming stable. A call that polls (`createAndPoll()`, `uploadAndPoll()`) holds it until it settles, the waits
 * between its polls included; a stream's fallback to polling does not, between its polls. (`HttpClient` counts
 * every request as a pending task for its whole life; the client's requests go through a handler of their own,
 * over the same interceptors and backend, that leaves the counting to the client's `pendingTasks`. It relies on two
 * of Angular's private exports of `@angular/common/http`, present from Angular 20 to 21 at least; without them the
 * app's `HttpClient` is used as is, and a stream holds stability until it ends.) Under zone.js the client's timers
 * (the request deadline, the idle and first-event timeouts, retry and poll waits) are set outside the Angular zone,
 * so the zone does not count them (an open stream's idle timer would hold the app for the stream's whole life);
 * what they do when they fire (fail a stream, send a request again) runs back inside the zone, for change detection
 * to see. A `scheduler` of yours in `options` is used as given.
 *
 * The client lives as long as the injector that provides it. When that injector is destroyed (`app.destroy()`, the
 * end of a server-side render, a child injector's `destroy()`), every call still under way ends at once with an
 * {@link InjectorDestroyedError} (an open request is aborted, a wait before a retry, a resume or a poll ends), and
 * later calls fail with it, unsent; a stream that ends so is not recovered. (The client's `signal` option does it:
 * a `signal` of yours in `options` ends the calls too, with its own reason.) A stream that a component or
 * `streamSignals()` holds is unsubscribed with its view first. `cancelOnUnsubscribe` cannot cancel at that point (the
 * app's `HttpClient` is gone with it): stop a background response before destroying the app if it must be
 * cancelled.
 *
 * `options` may be a function, run in the injection context, to read options from other providers.
 *
 * @example
 * // app.config.ts
 * import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
 * import { provideZonelessChangeDetection } from '@angular/core';
 * import { provideOpenAIStream } from 'rx-openai-stream/angular';
 *
 * export const appConfig = {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
 *     provideOpenAIStream({ baseURL: '/api/openai/v1', idleTimeout: 30_000 }),
 *   ],
 * };
 */
export function provideOpenAIStream(options: OpenAIStreamOptions | (() => OpenAIStreamOptions) = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: OPENAI_STREAM_CLIENT,
      useFactory: () => {
        const { httpContext, ...resolved } = typeof options === 'function' ? options() : options;
        // In the browser only: on the server, Angular's NG02801 says it once, where ours would come with every page.
        if (inject(PLATFORM_ID) !== 'server') warnOfXhrBackend(inject(HttpBackend, { optional: true }));
        // The injector's end ends every call of the client, with a typed error: a stalled stream, a wait before a
        // retry or a poll would otherwise outlive the app (and hold its stability), and a later request would meet
        // Angular's error for a destroyed injector.
        const ended = new AbortController();
        const end = (reason: unknown) => {
          if (!ended.signal.aborted) ended.abort(reason);
        };
        const destroyRef = inject(DestroyRef);
        destroyRef.onDestroy(() => end(new InjectorDestroyedError()));
        // A signal of yours ends them too: forwarded by one listener, removed with the injector (`AbortSignal.any()`
        // is missing from older browsers, and takes no object that is only shaped like a signal).
        const own = resolved.signal;
        if (own?.aborted) end(own.reason);
        else if (own) {
          const onAbort = () => end(own.reason);
          own.addEventListener('abort', onAbort, { once: true });
          destroyRef.onDestroy(() => own.removeEventListener('abort', onAbort));
        }
        return createClient({
          ...resolved,
          // '' sends no Authorization header and keeps OPENAI_API_KEY (server-side rendering) out of it.
          apiKey: resolved.apiKey ?? '',
          fetch: httpClientFetch(streamingHttpClient(), { httpContext }),
          signal: ended.signal,
          // Each request holds the app's stability from its call's start, across retries, until a stream's headers
          // or the end of any other body.
          pendingTasks: inject(PendingTasks),
          // Under zone.js, timers outside the Angular zone: a stream's idle timer never keeps the app unstable.
          scheduler: resolved.scheduler ?? outsideAngularTimers(inject(NgZone)),
        });
      },
    },
  ]);
}

/**
 * The client of {@link provideOpenAIStream}, from the current injection context or from `options.injector`.
 *
 * @example
 * export class Chat {
 *   private readonly client = injectOpenAIStreamClient();
 *   readonly answer = streamSignals(this.client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi' }));
 * }
 */
export function injectOpenAIStreamClient(options: { injector?: Injector | undefined } = {}): OpenAIStreamClient {
  if (options.injector) return options.injector.get(OPENAI_STREAM_CLIENT);
  assertInInjectionContext(injectOpenAIStreamClient);
  return inject(OPENAI_STREAM_CLIENT);
}

/**
 * In dev mode, in the browser, once per client (an injector makes its client once): `HttpClient` on its
 * `XMLHttpRequest` backend (no `withFetch()`; Angular 21 provides `HttpClient` without `provideHttpClient()`, on that
 * backend) reports a stream's progress in bursts, and follows every redirect.
 */
function warnOfXhrBackend(backend: HttpBackend | null): void {
  if ((typeof ngDevMode === 'undefined' || ngDevMode) && backend instanceof HttpXhrBackend) {
    console.warn(
      "rx-openai-stream: HttpClient uses its XMLHttpRequest backend, which reports a stream's progress in bursts " +
        '(about 50 ms apart) and follows every redirect. Add withFetch(): provideHttpClient(withFetch()).',
    );
  }
}

/**
 * An `HttpClient` over the app's interceptors and backend whose requests are not pending tasks by themselves: a
 * handler like Angular's own, in an injector of its own where `REQUESTS_CONTRIBUTE_TO_STABILITY` is false. The app's
 * `HttpClient` when Angular lacks the private exports it takes.
 */
function streamingHttpClient(): HttpClient {
  // Read as properties of the namespace, so that a version without them gives `undefined` (a named import would
  // fail to link) and bundlers still import just these two.
  const contributes: InjectionToken<boolean> | undefined = http.ɵREQUESTS_CONTRIBUTE_TO_STABILITY;
  const Handler: (new (backend: HttpBackend, injector: EnvironmentInjector) => HttpHandler) | undefined =
    http.ɵHttpInterceptingHandler;
  if (!(contributes instanceof InjectionToken) || typeof Handler !== 'function') return inject(HttpClient);
  const destroyRef = inject(DestroyRef);
  // The handler of `level`'s interceptors, over its backend. With `withRequestsMadeViaParent()` that backend is the
  // parent's own handler, which would hold stability for the whole stream: the parent's interceptors then get a
  // quiet handler of their own too, and so on up (the handler's `injector` is where its interceptors come from).
  const quietHandler = (level: EnvironmentInjector): HttpHandler => {
    const child = createEnvironmentInjector([{ provide: contributes, useValue: false }], level, 'rx-openai-stream');
    destroyRef.onDestroy(() => child.destroy());
    let backend: HttpBackend = child.get(HttpBackend);
    const upper = backend instanceof Handler ? (backend as { injector?: unknown }).injector : undefined;
    if (upper instanceof EnvironmentInjector && upper !== level) backend = quietHandler(upper);
    return runInInjectionContext(child, () => new Handler(backend, child));
  };
  return new HttpClient(quietHandler(inject(EnvironmentInjector)));
}

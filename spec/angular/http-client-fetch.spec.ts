/**
 * The client of provideOpenAIStream() and httpClientFetch() over real HTTP to the emulator, through Angular's
 * HttpClient with the fetch backend (Node has fetch): streams arrive as they are written, interceptors apply,
 * unsubscribing closes the connection, errors are the library's typed errors, timeouts work, and a long stream does
 * not keep the app from becoming stable.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import {
  HTTP_INTERCEPTORS,
  HttpClient,
  HttpContext,
  HttpContextToken,
  HttpErrorResponse,
  type HttpHandler,
  type HttpInterceptor,
  type HttpInterceptorFn,
  type HttpRequest,
  HttpResponse,
  provideHttpClient,
  withFetch,
  withInterceptors,
  withInterceptorsFromDi,
  withRequestsMadeViaParent,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import {
  type ApplicationRef,
  Component,
  createEnvironmentInjector,
  DestroyRef,
  EnvironmentInjector,
  inject,
  Injectable,
  NgZone,
  ɵNoopNgZone,
} from '@angular/core';
import {
  asyncScheduler,
  catchError,
  EMPTY,
  firstValueFrom,
  lastValueFrom,
  of,
  retry,
  type SchedulerAction,
  type SchedulerLike,
  type Subscription,
  take,
  throwError,
  timer,
  toArray,
  VirtualAction,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  APIConnectionError,
  APIKeyProviderError,
  AppRequestFailure,
  AuthenticationError,
  createAssistantsClient,
  NotFoundError,
  type OpenAIStreamClient,
  OpenAIStreamError,
  RateLimitError,
  type ResponseStreamEvent,
  StreamTimeoutError,
  textDeltas,
} from '../../src/index';
import {
  httpClientFetch,
  injectOpenAIStreamClient,
  InjectorDestroyedError,
  OPENAI_STREAM_CLIENT,
  type OpenAIStreamOptions,
  provideOpenAIStream,
  streamSignals,
} from '../../src/angular/index';
import { outsideAngularTimers } from '../../src/angular/outside-angular-timers';
import { type Emulator, faultHeader, startEmulator } from '../../src/testing/index';
import { browserApp, mount } from './app';
import { listen } from '../helpers/local-server';
import { until } from '../helpers/until';

const KEY = 'relay-key';
let emulator: Emulator;
beforeAll(async () => {
  // Accepts only the key the app's interceptor adds.
  emulator = await startEmulator({ pacing: 0, apiKey: KEY });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

const auth: HttpInterceptorFn = (request, next) => next(request.clone({ setHeaders: { Authorization: `Bearer ${KEY}` } }));
const POST_RESPONSES = { method: 'POST', path: '/responses' } as const;
const BODY = { model: 'gpt-4o-mini', input: 'Tell me about the sea' };

async function appWith(options: OpenAIStreamOptions = {}, interceptors: HttpInterceptorFn[] = [auth]) {
  const app = await browserApp([
    provideHttpClient(withFetch(), withInterceptors(interceptors)),
    provideOpenAIStream({ baseURL: emulator.url, ...options }),
  ]);
  return { app, client: app.injector.get(OPENAI_STREAM_CLIENT) };
}

const isStable = (app: ApplicationRef) => firstValueFrom(app.isStable);

/** Subscribes and resolves once `count` events came (the subscription stays open). */
function firstEvents(events$: { subscribe: (observer: { next: (e: ResponseStreamEvent) => void; error: (e: unknown) => void }) => Subscription }, count: number) {
  const events: ResponseStreamEvent[] = [];
  let subscription!: Subscription;
  const arrived = new Promise<void>((resolve, reject) => {
    subscription = events$.subscribe({
      next: (event) => {
        events.push(event);
        if (events.length === count) resolve();
      },
      error: reject,
    });
  });
  return { events, arrived, subscription };
}

describe('provideOpenAIStream(): the client over HttpClient', () => {
  it('streams a Responses answer whole, the same events as over the global fetch', async () => {
    const { client } = await appWith();
    const viaHttpClient = await lastValueFrom(client.responses.stream(BODY).pipe(toArray()));
    const viaFetch = await lastValueFrom(createAssistantsClient({ apiKey: KEY, baseURL: emulator.url }).responses.stream(BODY).pipe(toArray()));
    expect(viaHttpClient.length).toBeGreaterThan(5);
    // Ids and timestamps differ from one response to the next; the sequence of events is the same.
    expect(viaHttpClient.map((event) => event.type)).toEqual(viaFetch.map((event) => event.type));
    const text = (events: ResponseStreamEvent[]) => events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('');
    expect(text(viaHttpClient)).toBe(text(viaFetch));
    expect(text(viaHttpClient).length).toBeGreaterThan(0);
  });

  it('delivers events as they arrive, before the body ends; unsubscribing closes the connection', async () => {
    const { client } = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 4 }, { match: POST_RESPONSES });
    const { events, arrived, subscription } = firstEvents(client.responses.stream(BODY), 4);
    await arrived;
    const record = emulator.requests.at(-1)!;
    expect(record).toMatchObject({ method: 'POST', path: '/v1/responses', outcome: undefined, faults: ['stall'] });
    expect(events[0]!.type).toBe('response.created');
    subscription.unsubscribe();
    expect(await record.ended).toMatchObject({ outcome: 'client-closed', clientClosed: true });
  });

  it("sends the interceptors' headers (no Authorization of its own without apiKey), the method and the JSON body", async () => {
    const fault: HttpInterceptorFn = (request, next) => next(request.clone({ setHeaders: faultHeader({ kind: 'endEarly', afterEvents: 3 }) }));
    const { client } = await appWith({ recoverStreams: false }, [auth, fault]);
    await lastValueFrom(client.responses.stream(BODY)).catch(() => undefined);
    const record = emulator.requests.at(-1)!;
    expect(record).toMatchObject({ method: 'POST', path: '/v1/responses', status: 200, faults: ['endEarly'] });
    expect(record.body).toEqual({ ...BODY, stream: true });
  });

  it('streams Chat Completions too; Assistants runs through createAssistantsClient() over httpClientFetch()', async () => {
    const { app, client } = await appWith();
    const chat = await lastValueFrom(
      client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about the sea' }] }).pipe(textDeltas(), toArray()),
    );
    expect(chat.join('').length).toBeGreaterThan(0);
    // The app's client has no Assistants API (shut down upstream); an app that still needs it makes its own client.
    expect('threads' in client).toBe(false);
    const assistants = createAssistantsClient({ baseURL: emulator.url, apiKey: KEY, fetch: httpClientFetch(app.injector.get(HttpClient)) });
    const assistant = await firstValueFrom(assistants.assistants.create({ model: 'gpt-4o-mini' }));
    const thread = await firstValueFrom(assistants.threads.create({ messages: [{ role: 'user', content: 'Tell me about the sea' }] }));
    const run = await lastValueFrom(assistants.threads.runs.stream(thread.id, { assistant_id: assistant.id }).pipe(textDeltas(), toArray()));
    expect(run.join('').length).toBeGreaterThan(0);
  });

  it('uploads a file (a multipart FormData body) and reads JSON answers', async () => {
    const { client } = await appWith();
    const file = await firstValueFrom(client.files.create({ file: { name: 'notes.txt', content: 'hello' }, purpose: 'assistants' }));
    expect(file).toMatchObject({ object: 'file', filename: 'notes.txt', bytes: 5 });
    expect(await firstValueFrom(client.files.retrieve(file.id))).toMatchObject({ id: file.id, filename: 'notes.txt' });
  });

  it('class interceptors (withInterceptorsFromDi) apply too', async () => {
    class AuthInterceptor implements HttpInterceptor {
      intercept(request: HttpRequest<unknown>, next: HttpHandler) {
        return next.handle(request.clone({ setHeaders: { Authorization: `Bearer ${KEY}` } }));
      }
    }
    const app = await browserApp([
      provideHttpClient(withFetch(), withInterceptorsFromDi()),
      { provide: HTTP_INTERCEPTORS, useClass: AuthInterceptor, multi: true },
      provideOpenAIStream({ baseURL: emulator.url }),
    ]);
    const text = await lastValueFrom(app.injector.get(OPENAI_STREAM_CLIENT).responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(text.join('').length).toBeGreaterThan(0);
  });

  it("works with Angular's HttpTestingController (a response flushed whole)", async () => {
    const app = await browserApp([provideHttpClient(withFetch()), provideHttpClientTesting(), provideOpenAIStream({ baseURL: 'https://relay.test/v1' })]);
    const controller = app.injector.get(HttpTestingController);
    const client = app.injector.get(OPENAI_STREAM_CLIENT);
    const all = lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    // The request is sent once the library's fetch has built it (microtasks later).
    let sent = controller.match('https://relay.test/v1/responses');
    for (let turn = 0; turn < 100 && sent.length === 0; turn++) {
      await Promise.resolve();
      sent = controller.match('https://relay.test/v1/responses');
    }
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect([request.request.method, request.request.body, request.request.headers.has('authorization')]).toEqual(['POST', JSON.stringify({ ...BODY, stream: true }), false]);
    const body = [
      'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}\n\n',
      'event: response.output_item.added\ndata: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}\n\n',
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}\n\n',
      'event: response.completed\ndata: {"type":"response.completed","sequence_number":3,"response":{"id":"resp_1","object":"response","status":"completed","output":[]}}\n\n',
    ].join('');
    request.flush(body, { headers: { 'content-type': 'text/event-stream' } });
    expect(await all).toEqual(['Hi']);
  });

  it('an HTTP error status becomes the typed error, with the API error body', async () => {
    // Without apiKey and without an interceptor no Authorization is sent: not even the environment's key.
    const saved = process.env['OPENAI_API_KEY'];
    process.env['OPENAI_API_KEY'] = KEY;
    const { client: noAuth } = await appWith({}, []).finally(() => {
      if (saved === undefined) delete process.env['OPENAI_API_KEY'];
      else process.env['OPENAI_API_KEY'] = saved;
    });
    const unauthorized = await lastValueFrom(noAuth.responses.stream(BODY)).catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(unauthorized).toMatchObject({ status: 401, message: expect.stringContaining('API key') });

    const { client } = await appWith({ maxRetries: 0 });
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 10 }, { match: POST_RESPONSES });
    const limited = await lastValueFrom(client.responses.stream(BODY)).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers.get('retry-after-ms')).toBe('10');

    const missing = await firstValueFrom(client.responses.retrieve('resp_missing')).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it("follows no redirect to another host with a header of the caller's own (an Azure api-key): APIError 307, nothing sent there", async () => {
    const elsewhere: unknown[] = [];
    const other = await listen((req, res) => {
      elsewhere.push(req.headers['api-key']);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const moved = await listen((req, res) => res.writeHead(307, { location: `${other.url}${req.url}` }).end());
    try {
      const { client } = await appWith({ baseURL: moved.url, headers: { 'api-key': 'AZURE-SECRET' }, maxRetries: 0 }, []);
      const error = await firstValueFrom(client.files.retrieve('file-1')).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 307 });
      expect(elsewhere).toEqual([]);
    } finally {
      await Promise.all([moved.close(), other.close()]);
    }
  });

  it("a browser's hidden redirect (HttpClient's opaque redirect error) is the client's APIError of status 0, sent once", async () => {
    // What a browser's fetch answers for `redirect: 'manual'`, given to Angular's fetch backend.
    const sent: Array<RequestRedirect | undefined> = [];
    const saved = globalThis.fetch;
    const opaque = { ok: false, status: 0, statusText: '', type: 'opaqueredirect', redirected: false, url: '', headers: new Headers(), body: null };
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(init?.redirect);
      return opaque as unknown as Response;
    }) as typeof fetch;
    try {
      const { client } = await appWith({ headers: { 'api-key': 'AZURE-SECRET' }, maxRetries: 2 }, []);
      const error = await firstValueFrom(client.files.retrieve('file-1')).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 0, message: expect.stringContaining("redirect not followed (the caller's headers)") });
      expect(sent).toEqual(['manual']);
      // Without a header of the caller's own, the default is not passed on (HttpClient's XHR backend warns of it).
      sent.length = 0;
      const { client: plain } = await appWith({ maxRetries: 0 }, []);
      await firstValueFrom(plain.files.retrieve('file-1')).catch(() => undefined);
      expect(sent).toEqual([undefined]);
    } finally {
      globalThis.fetch = saved;
    }
  });

  it('retries a 429 through HttpClient, honouring retry-after-ms, then streams', async () => {
    const { client } = await appWith({ maxRetries: 1 });
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 5 }, { match: POST_RESPONSES });
    const text = await lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(text.join('').length).toBeGreaterThan(0);
    expect(emulator.requests.slice(-2).map((record) => record.status)).toEqual([429, 200]);
  });

  it('passes an apiKey function and query through: each request, a retry included, asks the function; the query reaches the URL', async () => {
    // The options pass through as createAssistantsClient() takes them (in a browser, leave apiKey out: a relay holds the key).
    const asked: string[] = [];
    const apiKey = async () => {
      asked.push(KEY);
      return KEY;
    };
    const { client } = await appWith({ apiKey, query: { 'api-version': '2025-04-01-preview' }, maxRetries: 1 }, []);
    expect(asked).toHaveLength(0);
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 5 }, { match: POST_RESPONSES });
    const from = emulator.requests.length;
    const text = await lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(text.join('').length).toBeGreaterThan(0);
    expect(emulator.requests.slice(from).map((r) => [r.status, r.apiKey, r.query])).toEqual([
      [429, KEY, 'api-version=2025-04-01-preview'],
      [200, KEY, 'api-version=2025-04-01-preview'],
    ]);
    expect(asked).toHaveLength(2);
  });

  it('an apiKey function that fails: APIKeyProviderError, nothing sent', async () => {
    const { client } = await appWith({ apiKey: () => Promise.reject(new Error('no session')) }, []);
    const from = emulator.requests.length;
    const error = await lastValueFrom(client.responses.stream(BODY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIKeyProviderError);
    expect((error as Error).message).toContain('no session');
    expect(emulator.requests.length - from).toBe(0);
  });

  it('the idle timeout still fires, and closes the connection', async () => {
    const { client } = await appWith({ idleTimeout: 100, recoverStreams: false });
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    const error = await lastValueFrom(client.responses.stream(BODY)).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ kind: 'idle', timeoutMs: 100 });
    expect(await emulator.requests.at(-1)!.ended).toMatchObject({ clientClosed: true });
  });

  it('a connection that fails is an APIConnectionError', async () => {
    const closed = await startEmulator({ pacing: 0 });
    const url = closed.url;
    await closed.close();
    const { client } = await appWith({ baseURL: url, maxRetries: 0 });
    const error = await lastValueFrom(client.responses.stream(BODY)).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe('interceptors that send the request again', () => {
  /** The text of the answer to BODY, as the global fetch reads it. */
  const expectedText = async () =>
    (await lastValueFrom(createAssistantsClient({ apiKey: KEY, baseURL: emulator.url }).responses.stream(BODY).pipe(textDeltas(), toArray()))).join('');
  const statusesSince = (count: number) => emulator.requests.slice(count).filter((r) => r.path === '/v1/responses').map((r) => r.status);

  it('a 401 answered by a token refresh and a second request: the answer is the second response, whole', async () => {
    let token = 'stale';
    const refreshing: HttpInterceptorFn = (request, next) => {
      const send = () => next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
      return send().pipe(
        catchError((error: unknown) => {
          if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
          token = KEY; // refreshed
          return send();
        }),
      );
    };
    const { client } = await appWith({ maxRetries: 0 }, [refreshing]);
    const before = emulator.requests.length;
    const text = await lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(statusesSince(before)).toEqual([401, 200]);
    expect(text.join('')).toBe(await expectedText());
  });

  it('retry() on a 503: the answer is the retry, whole; an error the retry ends with is the typed error', async () => {
    const retrying: HttpInterceptorFn = (request, next) => auth(request, next).pipe(retry({ count: 1, delay: 5 }));
    const { client } = await appWith({ maxRetries: 0 }, [retrying]);
    emulator.inject({ kind: 'serverError', status: 503 }, { match: POST_RESPONSES });
    const before = emulator.requests.length;
    const text = await lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(statusesSince(before)).toEqual([503, 200]);
    expect(text.join('')).toBe(await expectedText());

    emulator.inject({ kind: 'rateLimit', retryAfterMs: 10 }, { match: POST_RESPONSES, times: 2 });
    const limited = await lastValueFrom(client.responses.stream(BODY)).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ status: 429, message: expect.not.stringContaining('response.created') });
  });

  it('an interceptor that swallows an error status (catchError to EMPTY): the status is the typed error, no retry', async () => {
    let redirected = 0;
    const toLogin: HttpInterceptorFn = (request, next) =>
      next(request).pipe(
        catchError((error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            redirected++; // router.navigate(['/login'])
            return EMPTY;
          }
          return throwError(() => error);
        }),
      );
    const { client } = await appWith({ maxRetries: 2 }, [toLogin]);
    const before = emulator.requests.length;
    const error = await lastValueFrom(client.responses.stream(BODY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(redirected).toBe(1);
    expect(statusesSince(before)).toEqual([401]);
  });

  it('a request sent again after a 2xx response was resolved errors its body: a Response cannot start over', async () => {
    const retrying: HttpInterceptorFn = (request, next) => auth(request, next).pipe(retry({ count: 1 }));
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([retrying]))]);
    const fetchImpl = httpClientFetch(app.injector.get(HttpClient));
    emulator.inject({ kind: 'reset', afterEvents: 2 }, { match: POST_RESPONSES });
    const response = await fetchImpl(`${emulator.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...BODY, stream: true }),
    });
    const reader = response.body!.getReader();
    let received = '';
    const rest = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += new TextDecoder().decode(chunk.value);
    })();
    await expect(rest).rejects.toThrow(`httpClientFetch: HttpClient sent the request again after its response was resolved (POST ${emulator.url}/responses)`);
    // The first attempt's events only, once each.
    expect(received.match(/event: response\.created/g)).toHaveLength(1);
  });
});

describe("interceptors' own errors and answers", () => {
  it('an interceptor failing the request with an error of its own fails the call with that error, at once (no retry)', async () => {
    const notSignedIn = new Error('not signed in');
    let calls = 0;
    const session: HttpInterceptorFn = () => {
      calls++;
      return throwError(() => notSignedIn);
    };
    const { client } = await appWith({ maxRetries: 2 }, [session]);
    expect(await lastValueFrom(client.responses.stream(BODY)).catch((error: unknown) => error)).toBe(notSignedIn);
    expect(await firstValueFrom(client.responses.retrieve('resp_1')).catch((error: unknown) => error)).toBe(notSignedIn);
    expect(calls).toBe(2);
  });

  it('a fake backend answering with data, bytes or a Blob: the body is its JSON text, or the bytes', async () => {
    const stored = { id: 'resp_1', object: 'response', status: 'completed', output: [] };
    const json = new TextEncoder().encode(JSON.stringify(stored));
    const bodies: Record<string, unknown> = { data: stored, bytes: json, buffer: json.buffer, blob: new Blob([json]) };
    const fake: HttpInterceptorFn = (request, next) => {
      const kind = /\/responses\/(\w+)$/.exec(request.url)?.[1];
      return kind && kind in bodies ? of(new HttpResponse({ status: 200, body: bodies[kind] })) : next(request);
    };
    const { client } = await appWith({ maxRetries: 0 }, [fake]);
    for (const kind of Object.keys(bodies)) expect(await firstValueFrom(client.responses.retrieve(kind))).toEqual(stored);

    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([fake]))]);
    const response = await httpClientFetch(app.injector.get(HttpClient))(`${emulator.url}/responses/data`);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('a body that is neither text, bytes nor JSON data fails the call with a TypeError, at once (no retry)', async () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    let calls = 0;
    const fake: HttpInterceptorFn = () => {
      calls++;
      return of(new HttpResponse({ status: 200, body: cycle }));
    };
    const { client } = await appWith({ maxRetries: 2 }, [fake]);
    const error = await firstValueFrom(client.responses.retrieve('resp_1')).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({
      message: `httpClientFetch: a response body that is neither text, bytes nor JSON data (a object, GET ${emulator.url}/responses/resp_1)`,
    });
    expect(calls).toBe(1);
  });
});

describe('where the client is provided, and what Angular says when it is not', () => {
  it('outside an injection context, NG0203 names injectOpenAIStreamClient() and streamSignals(); without the provider, NG0201 names the token', async () => {
    expect(() => injectOpenAIStreamClient()).toThrow(/^NG0203: injectOpenAIStreamClient\(\) can only be used within an injection context/);
    expect(() => streamSignals()).toThrow(/^NG0203: streamSignals\(\) can only be used within an injection context/);
    const app = await browserApp([provideHttpClient(withFetch())]);
    expect(() => injectOpenAIStreamClient({ injector: app.injector })).toThrow(/NG0201: No provider found for `InjectionToken rx-openai-stream: OPENAI_STREAM_CLIENT`/);
  });

  it("not in a component's providers (NG0207); a component's own client, in an environment injector of its own, ends with it", async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    @Component({ selector: 'app-provided', template: '', providers: [provideOpenAIStream({ baseURL: emulator.url }) as never] })
    class Provided {}
    expect(() => mount(app, Provided, 'app-provided')).toThrow(/NG0207/);

    @Component({ selector: 'app-own', template: '' })
    class Own {
      private readonly scope = createEnvironmentInjector([provideOpenAIStream({ baseURL: emulator.url })], inject(EnvironmentInjector));
      readonly client = injectOpenAIStreamClient({ injector: this.scope });
      constructor() {
        inject(DestroyRef).onDestroy(() => this.scope.destroy());
      }
    }
    const { ref } = mount(app, Own, 'app-own');
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    let failure: unknown;
    const { arrived } = firstEvents(
      { subscribe: (observer) => ref.instance.client.responses.stream(BODY).subscribe({ ...observer, error: (error: unknown) => (failure = error) }) },
      2,
    );
    await arrived;
    const record = emulator.requests.at(-1)!;
    ref.destroy();
    expect(await record.ended).toMatchObject({ clientClosed: true });
    expect(failure).toBeInstanceOf(InjectorDestroyedError);
  });
});

describe("without withFetch(): HttpClient's XMLHttpRequest backend", () => {
  it("the provider warns, once per app's client, in dev mode; not with withFetch() nor with a testing backend", async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const clientOf = async (providers: Parameters<typeof browserApp>[0]) =>
        (await browserApp([...providers, provideOpenAIStream({ baseURL: emulator.url })])).injector.get(OPENAI_STREAM_CLIENT);
      await clientOf([provideHttpClient(withFetch())]);
      await clientOf([provideHttpClient(), provideHttpClientTesting()]);
      expect(warn).not.toHaveBeenCalled();
      // Angular 21 provides HttpClient without provideHttpClient(), over XMLHttpRequest.
      const xhr = await clientOf([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/^rx-openai-stream: .*XMLHttpRequest.*withFetch\(\)/s);
      // The client is made once per app: each app on that backend is told once, whatever it asks of the client.
      xhr.responses.retrieve('resp_1');
      expect(warn).toHaveBeenCalledTimes(1);
      await clientOf([provideHttpClient()]);
      expect(warn).toHaveBeenCalledTimes(2);
      // Node has no XMLHttpRequest: the call fails with the backend's own error, at once.
      const error = await firstValueFrom(xhr.responses.retrieve('resp_1')).catch((failure: unknown) => failure);
      expect(String(error)).toBe('ReferenceError: XMLHttpRequest is not defined');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('httpContext: an HttpContext of yours on each request, for your interceptors', () => {
  /** A token an interceptor of the app reads (a loading bar's "ignore this request", a retry interceptor's "not this one"). */
  const QUIET = new HttpContextToken<boolean>(() => false);
  /** The contexts of the requests that went through it. */
  const contexts = () => {
    const seen: HttpContext[] = [];
    const interceptor: HttpInterceptorFn = (request, next) => {
      seen.push(request.context);
      return next(request);
    };
    return { seen, interceptor };
  };

  it('each request of the provided client, a retry included, carries a new context made by the function', async () => {
    const { seen, interceptor } = contexts();
    let made = 0;
    const { client } = await appWith({ httpContext: () => (made++, new HttpContext().set(QUIET, true)) }, [auth, interceptor]);
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 1 }, { match: POST_RESPONSES });
    const text = await lastValueFrom(client.responses.stream(BODY).pipe(textDeltas(), toArray()));
    expect(text.join('').length).toBeGreaterThan(0);
    // A JSON call too (a 404 here).
    expect(await firstValueFrom(client.responses.retrieve('resp_missing')).catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
    expect(seen.map((context) => context.get(QUIET))).toEqual([true, true, true]);
    // One per request: an interceptor that sets a token on one request's context sets nothing on the next one's.
    expect(new Set(seen).size).toBe(3);
    expect(made).toBe(3);

    // Without it, Angular's default context.
    const plain = contexts();
    const other = await appWith({}, [auth, plain.interceptor]);
    await lastValueFrom(other.client.responses.stream(BODY));
    expect(plain.seen.map((context) => context.get(QUIET))).toEqual([false]);
  });

  it('httpClientFetch(http, { httpContext }) too; a function that throws fails the call with its error at once, nothing sent', async () => {
    const { seen, interceptor } = contexts();
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth, interceptor]))]);
    const http = app.injector.get(HttpClient);
    const response = await httpClientFetch(http, { httpContext: () => new HttpContext().set(QUIET, true) })(`${emulator.url}/responses/resp_missing`);
    expect(response.status).toBe(404);
    expect(seen.map((context) => context.get(QUIET))).toEqual([true]);

    const broken = new Error('no context');
    const before = emulator.requests.length;
    const failing = await appWith({ maxRetries: 2, httpContext: () => { throw broken; } });
    const error = await lastValueFrom(failing.client.responses.stream(BODY)).catch((failure: unknown) => failure);
    expect(error).toBe(broken);
    expect(emulator.requests.length).toBe(before);
    const rejected = await httpClientFetch(http, { httpContext: () => { throw broken; } })(`${emulator.url}/responses/resp_1`).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AppRequestFailure);
    expect((rejected as AppRequestFailure).reason).toBe(broken);
  });
});

describe('application stability', () => {
  /** Becomes stable while a stream of `client` that stalled after its first events is still open. */
  async function stableWhileStreaming(app: ApplicationRef, client: OpenAIStreamClient): Promise<void> {
    await app.whenStable();
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    const { arrived, subscription } = firstEvents(client.responses.stream(BODY), 2);
    await arrived;
    const record = emulator.requests.at(-1)!;
    // Resolves while the stream runs (held by the stream, it would never resolve: the test would time out).
    await app.whenStable();
    expect(record.outcome).toBeUndefined();
    subscription.unsubscribe();
  }

  it('the app is stable while a stream of the provided client runs', async () => {
    const { app, client } = await appWith();
    await stableWhileStreaming(app, client);
  });

  it("with withRequestsMadeViaParent(), in a child injector: stable while the stream runs, through both levels' interceptors", async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    const seen: string[] = [];
    const child = createEnvironmentInjector(
      [
        provideHttpClient(withRequestsMadeViaParent(), withInterceptors([(request, next) => (seen.push(request.url), next(request))])),
        provideOpenAIStream({ baseURL: emulator.url }),
      ],
      app.injector,
    );
    // The parent's interceptor adds the key the emulator asks for: without it no event would come.
    await stableWhileStreaming(app, child.get(OPENAI_STREAM_CLIENT));
    expect(seen).toEqual([`${emulator.url}/responses`]);
    child.destroy();
  });

  it('a request that is not a stream holds stability until its body ends', async () => {
    const { app, client } = await appWith({ maxRetries: 0 });
    emulator.inject({ kind: 'stallBody' }, { match: POST_RESPONSES });
    const earlier = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length;
    const subscription = client.responses.create(BODY).subscribe({ error: () => undefined });
    const record = await emulator.waitForRequest({ ...POST_RESPONSES, nth: earlier + 1 });
    expect(await isStable(app)).toBe(false);
    subscription.unsubscribe();
    await app.whenStable();
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  /** asyncScheduler, telling when the client schedules a wait of `ms` on it (its retry's, after a 429). */
  function watchedScheduler(ms: number) {
    let scheduled!: () => void;
    const waiting = new Promise<void>((resolve) => (scheduled = resolve));
    const scheduler: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T) {
        if (delay === ms) scheduled();
        return asyncScheduler.schedule(work, delay, state);
      },
    };
    return { scheduler, waiting };
  }

  it('a call holds stability across its retries: whenStable() waits out the retry-after wait, for the answer', async () => {
    const { scheduler, waiting } = watchedScheduler(300);
    const { app, client } = await appWith({ maxRetries: 1, scheduler });
    await app.whenStable();
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 300 }, { match: POST_RESPONSES });
    const earlier = emulator.requests.length;
    let answer: unknown;
    client.responses.create(BODY).subscribe((response) => (answer = response));
    await waiting;
    expect(emulator.requests.slice(earlier).map((record) => record.status)).toEqual([429]);
    // Between the 429 and the retry: still unstable. The app is stable only once the answer is there.
    expect(await isStable(app)).toBe(false);
    await app.whenStable();
    expect(answer).toMatchObject({ status: 'completed' });
    expect(emulator.requests.slice(-2).map((record) => record.status)).toEqual([429, 200]);
  });

  it("a stream's retries are held too, until the headers of the stream that answers", async () => {
    const { scheduler, waiting } = watchedScheduler(300);
    const { app, client } = await appWith({ maxRetries: 1, scheduler });
    await app.whenStable();
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 300 }, { match: POST_RESPONSES });
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    const earlier = emulator.requests.length;
    const { arrived, subscription } = firstEvents(client.responses.stream(BODY), 2);
    await waiting;
    expect(emulator.requests.slice(earlier).map((record) => record.status)).toEqual([429]);
    expect(await isStable(app)).toBe(false);
    await app.whenStable();
    // Stable while the stream that answered is still open.
    await arrived;
    expect(emulator.requests.at(-1)!.outcome).toBeUndefined();
    subscription.unsubscribe();
  });

  it("(Angular's own behaviour) a plain HttpClient request is a pending task for its whole life", async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    const client = createAssistantsClient({ baseURL: emulator.url, apiKey: '', fetch: httpClientFetch(app.injector.get(HttpClient)) });
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    const { arrived, subscription } = firstEvents(client.responses.stream(BODY), 2);
    await arrived;
    expect(await isStable(app)).toBe(false);
    subscription.unsubscribe();
    await app.whenStable();
  });
});

describe("the injector's end: the provided client stops and refuses, with a typed error", () => {
  /** A background stream that stalled after its first two events, with the error its subscriber receives. */
  async function stalledStream(client: OpenAIStreamClient) {
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    let seen = 0;
    let arrived!: () => void;
    const twoEvents = new Promise<void>((resolve) => (arrived = resolve));
    const failed = new Promise<unknown>((resolve) => {
      client.responses.stream({ ...BODY, background: true }).subscribe({
        next: () => ++seen === 2 && arrived(),
        error: resolve,
        complete: () => resolve('completed'),
      });
    });
    await twoEvents;
    return { record: emulator.requests.at(-1)!, failed };
  }

  it('app.destroy() stops a stalled stream at once with InjectorDestroyedError: the connection closes, nothing is resumed', async () => {
    // The default idle timeout is 60 s: without the stop the stream would outlive the test.
    const { app, client } = await appWith();
    const { record, failed } = await stalledStream(client);
    const before = emulator.requests.length;
    app.destroy();
    const error = await failed;
    expect(error).toBeInstanceOf(InjectorDestroyedError);
    expect(await record.ended).toMatchObject({ clientClosed: true });
    // Not taken for a cut: no resume, no poll (once the background response settled, none is due either).
    await emulator.idle();
    expect(emulator.requests.length).toBe(before);
  });

  it("streamSignals() of a root service, beside the client: the app's destroy while streaming leaves 'stopped', no error", async () => {
    // State in a root service, as many apps keep it: its signals and the client share the app's injector, whose
    // destroy ends the client's calls (InjectorDestroyedError) before the signals' own hook runs.
    @Injectable({ providedIn: 'root' })
    class ChatService {
      private readonly client = injectOpenAIStreamClient();
      readonly answer = streamSignals<ResponseStreamEvent>();
      ask(input: string) {
        this.answer.start(this.client.responses.stream({ model: 'gpt-4o-mini', input }));
      }
    }
    const { app } = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 4 }, { match: POST_RESPONSES });
    const chat = app.injector.get(ChatService);
    chat.ask('Tell me about the sea');
    await until(() => chat.answer.snapshot() !== undefined);
    const request = emulator.requests.at(-1)!;
    expect(request.faults).toEqual(['stall']);
    expect(chat.answer.status()).toBe('streaming');
    app.destroy();
    expect(await request.ended).toMatchObject({ clientClosed: true });
    expect({ status: chat.answer.status(), error: chat.answer.error() }).toEqual({ status: 'stopped', error: undefined });
  });

  it("a child injector's destroy stops the streams of the client it provides; the app's HttpClient goes on", async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    const child = createEnvironmentInjector([provideOpenAIStream({ baseURL: emulator.url })], app.injector);
    const { record, failed } = await stalledStream(child.get(OPENAI_STREAM_CLIENT));
    child.destroy();
    expect(await failed).toBeInstanceOf(InjectorDestroyedError);
    expect(await record.ended).toMatchObject({ clientClosed: true });
    const text = await lastValueFrom(app.injector.get(HttpClient).post(`${emulator.url}/responses`, BODY, { responseType: 'text' }));
    expect(JSON.parse(text)).toMatchObject({ status: 'completed' });
  });

  it('a call made after the destroy is refused with InjectorDestroyedError, nothing sent, not retried', async () => {
    const { app, client } = await appWith({ maxRetries: 3 });
    app.destroy();
    const before = emulator.requests.length;
    const error = await lastValueFrom(client.responses.create(BODY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectorDestroyedError);
    expect(emulator.requests.length).toBe(before);
  });

  it('a JSON call whose body stalls fails with InjectorDestroyedError at the destroy, not retried', async () => {
    const { app, client } = await appWith({ maxRetries: 3 });
    emulator.inject({ kind: 'stallBody' }, { match: POST_RESPONSES });
    const earlier = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length;
    const answer = lastValueFrom(client.responses.create(BODY)).catch((e: unknown) => e);
    const record = await emulator.waitForRequest({ ...POST_RESPONSES, nth: earlier + 1 });
    app.destroy();
    expect(await answer).toBeInstanceOf(InjectorDestroyedError);
    expect(await record.ended).toMatchObject({ clientClosed: true });
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length).toBe(earlier + 1);
  });

  it("a signal of yours in the options ends the calls too, with its reason; an object shaped like a signal as well; the destroy's error stays the app's own", async () => {
    for (const shaped of [false, true]) {
      const controller = new AbortController();
      // An object with a signal's methods and state only (a polyfill's, another realm's).
      const signal = shaped
        ? ({
            get aborted() {
              return controller.signal.aborted;
            },
            get reason() {
              return controller.signal.reason as unknown;
            },
            addEventListener: controller.signal.addEventListener.bind(controller.signal),
            removeEventListener: controller.signal.removeEventListener.bind(controller.signal),
          } as unknown as AbortSignal)
        : controller.signal;
      const { app, client } = await appWith({ signal });
      const { failed } = await stalledStream(client);
      const reason = new Error('stopped by the app');
      controller.abort(reason);
      expect(await failed).toBe(reason);
      app.destroy();
    }
    const controller = new AbortController();
    const { app, client } = await appWith({ signal: controller.signal });
    const { failed } = await stalledStream(client);
    app.destroy();
    expect(await failed).toBeInstanceOf(InjectorDestroyedError);
    expect(controller.signal.aborted).toBe(false);
  });

  it('a call waiting to retry ends at the destroy, not when its wait is over; nothing more is sent', async () => {
    const { app, client } = await appWith({ maxRetries: 2 });
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 30_000 }, { match: POST_RESPONSES });
    const earlier = emulator.requests.length;
    const answer = lastValueFrom(client.responses.create(BODY)).catch((e: unknown) => e);
    await (await emulator.waitForRequest({ ...POST_RESPONSES, after: earlier })).ended;
    app.destroy();
    // Within the test's time limit, far inside the 30 s wait.
    expect(await answer).toBeInstanceOf(InjectorDestroyedError);
    expect(emulator.requests.length).toBe(earlier + 1);
  });

  it("a child injector's destroy during a retry's wait: the root app is stable at once, the call ended", async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    const child = createEnvironmentInjector([provideOpenAIStream({ baseURL: emulator.url })], app.injector);
    await app.whenStable();
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 30_000 }, { match: POST_RESPONSES });
    const earlier = emulator.requests.length;
    const answer = lastValueFrom(child.get(OPENAI_STREAM_CLIENT).responses.create(BODY)).catch((e: unknown) => e);
    await (await emulator.waitForRequest({ ...POST_RESPONSES, after: earlier })).ended;
    expect(await isStable(app)).toBe(false);
    child.destroy();
    expect(await answer).toBeInstanceOf(InjectorDestroyedError);
    await app.whenStable();
  });
});

describe('zone.js apps: the timers of the client outside the Angular zone', () => {
  /**
   * A stand-in for zone.js's Angular zone (not among this project's dependencies): `run()` enters it and
   * `runOutsideAngular()` leaves it, for the code they run; `NgZone.isInAngularZone()` answers by it.
   */
  class SpyZone extends ɵNoopNgZone {
    inside = false;
    override run<T>(fn: (...args: any[]) => T): T {
      return this.within(true, fn);
    }
    override runOutsideAngular<T>(fn: (...args: any[]) => T): T {
      return this.within(false, fn);
    }
    private within<T>(inside: boolean, fn: () => T): T {
      const was = this.inside;
      this.inside = inside;
      try {
        return fn();
      } finally {
        this.inside = was;
      }
    }
  }
  let zone: SpyZone;
  beforeEach(() => {
    zone = new SpyZone();
    jest.spyOn(NgZone, 'isInAngularZone').mockImplementation(() => zone.inside);
  });
  afterEach(() => jest.restoreAllMocks());

  it('a timer scheduled inside the zone is set outside it; what it does, and sets again, runs inside', () => {
    const testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    // Where each timer is set: the first of each schedule() and the ones a work sets again (`this.schedule()`).
    const setInside: boolean[] = [];
    const schedule = VirtualAction.prototype.schedule;
    jest.spyOn(VirtualAction.prototype, 'schedule').mockImplementation(function (this: VirtualAction<unknown>, state, delay) {
      setInside.push(zone.inside);
      return schedule.call(this, state, delay);
    });
    const scheduler = outsideAngularTimers(zone, testScheduler);
    const ran: Array<[string, number, boolean]> = [];
    zone.run(() => {
      // RxJS's timer() sets its next timer with `this.schedule()`; the client's long waits do too, with other delays.
      timer(10, 5, scheduler).pipe(take(3)).subscribe((n) => ran.push([`timer ${n}`, testScheduler.now(), zone.inside]));
      scheduler.schedule(function (this: SchedulerAction<number>, step: number = 0) {
        ran.push([`step ${step}`, testScheduler.now(), zone.inside]);
        if (step < 2) this.schedule(step + 1, 7 + step);
      }, 3);
    });
    // Outside the zone, timers are the scheduler's, as they are.
    scheduler.schedule(() => ran.push(['outside', testScheduler.now(), zone.inside]), 1);
    testScheduler.flush();
    expect(ran).toEqual([
      ['outside', 1, false],
      ['step 0', 3, true],
      ['timer 0', 10, true],
      ['step 1', 10, true],
      ['timer 1', 15, true],
      ['step 2', 18, true],
      ['timer 2', 20, true],
    ]);
    expect(setInside.length).toBeGreaterThanOrEqual(6);
    expect(setInside.every((inside) => !inside)).toBe(true);
  });

  it("the provided client's timers scheduled inside the zone (the request deadline) are set outside it; a scheduler of yours is used as given", async () => {
    const setInside: boolean[] = [];
    const setInterval = globalThis.setInterval;
    jest.spyOn(globalThis, 'setInterval').mockImplementation(((handler: () => void, ms?: number) => {
      setInside.push(zone.inside);
      return setInterval(handler, ms);
    }) as typeof globalThis.setInterval);
    const streamInZone = async (options: OpenAIStreamOptions) => {
      const app = await browserApp([
        { provide: NgZone, useValue: zone },
        provideHttpClient(withFetch(), withInterceptors([auth])),
        provideOpenAIStream({ baseURL: emulator.url, ...options }),
      ]);
      const client = app.injector.get(OPENAI_STREAM_CLIENT);
      emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
      // Inside the zone, as a component's constructor or an event handler runs; the idle timer is armed in a callback
      // of the fetch backend, which the stand-in (without zone.js) does not carry back into the zone.
      const { arrived, subscription } = zone.run(() => firstEvents(client.responses.stream(BODY), 2));
      await arrived;
      subscription.unsubscribe();
      await emulator.requests.at(-1)!.ended;
    };

    await streamInZone({});
    expect(setInside.length).toBeGreaterThanOrEqual(1);
    expect(setInside.every((inside) => !inside)).toBe(true);

    const yours = new TestScheduler(() => undefined);
    const scheduled = jest.spyOn(yours, 'schedule');
    setInside.length = 0;
    await streamInZone({ scheduler: yours });
    expect(scheduled).toHaveBeenCalled();
    expect(setInside).toEqual([]);
  });
});

describe('httpClientFetch() as fetch', () => {
  const fetchIn = async (interceptors: HttpInterceptorFn[] = [auth]) => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors(interceptors))]);
    return httpClientFetch(app.injector.get(HttpClient));
  };

  it('resolves with the status, headers and body of an error response', async () => {
    const fetchImpl = await fetchIn();
    const response = await fetchImpl(`${emulator.url}/responses/resp_missing`);
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(JSON.parse(await response.text())).toMatchObject({ error: { code: null, type: 'invalid_request_error' } });
  });

  it("rejects with an AppRequestFailure (exported, the app's error as reason) when an interceptor fails the request", async () => {
    const notSignedIn = new Error('not signed in');
    const fetchImpl = await fetchIn([() => throwError(() => notSignedIn)]);
    const error = await fetchImpl(`${emulator.url}/responses/resp_1`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppRequestFailure);
    expect(error).toBeInstanceOf(OpenAIStreamError);
    expect((error as AppRequestFailure).reason).toBe(notSignedIn);
    expect((error as AppRequestFailure).cause).toBe(notSignedIn);
  });

  it('takes a Request, its headers, method and body', async () => {
    const fetchImpl = await fetchIn();
    const request = new Request(`${emulator.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-fault': JSON.stringify({ kind: 'serverError', status: 503 }) },
      body: JSON.stringify(BODY),
    });
    const response = await fetchImpl(request);
    expect(response.status).toBe(503);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', faults: ['serverError'] });
  });

  it('an aborted signal rejects before a response, and errors the body after it, closing the connection', async () => {
    const fetchImpl = await fetchIn();
    const before = new AbortController();
    before.abort();
    await expect(fetchImpl(`${emulator.url}/responses/resp_1`, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });

    emulator.inject({ kind: 'stall', afterEvents: 1 }, { match: POST_RESPONSES });
    const during = new AbortController();
    const response = await fetchImpl(`${emulator.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...BODY, stream: true }),
      signal: during.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('response.created');
    const record = emulator.requests.at(-1)!;
    during.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  it('cancelling the body closes the connection', async () => {
    const fetchImpl = await fetchIn();
    emulator.inject({ kind: 'stall', afterEvents: 1 }, { match: POST_RESPONSES });
    const response = await fetchImpl(`${emulator.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...BODY, stream: true }),
    });
    const record = emulator.requests.at(-1)!;
    await response.body!.cancel();
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  it("cancelling the body while a Blob answer is still being read leaves it unread: no error thrown into nobody's promise", async () => {
    // A Blob whose bytes come when the test says: the body is cancelled before they do.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    class HeldBlob extends Blob {
      override async arrayBuffer(): Promise<ArrayBuffer> {
        const bytes = await super.arrayBuffer();
        await released;
        return bytes;
      }
    }
    const fetchImpl = await fetchIn([() => of(new HttpResponse({ status: 200, body: new HeldBlob(['{"id":"resp_1"}']) }))]);
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const response = await fetchImpl(`${emulator.url}/responses/resp_1`);
      await response.body!.cancel();
      release();
      // The Blob's read settles, then Node reports a rejection nobody handled after the microtasks of that turn.
      await released;
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('a body cut short by the app going away errors, never ends as if complete', async () => {
    const app = await browserApp([provideHttpClient(withFetch(), withInterceptors([auth]))]);
    const fetchImpl = httpClientFetch(app.injector.get(HttpClient));
    // After the first event only keep-alive comments: the fetch backend reads on, and notices the app is gone.
    emulator.inject({ kind: 'keepAliveOnly', afterEvents: 1, everyMs: 10 }, { match: POST_RESPONSES });
    const response = await fetchImpl(`${emulator.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...BODY, stream: true }),
    });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('response.created');
    const record = emulator.requests.at(-1)!;
    app.destroy();
    const rest = (async () => {
      while (!(await reader.read()).done);
      return 'ended';
    })();
    await expect(rest).rejects.toThrow(new TypeError(`httpClientFetch: HttpClient ended the exchange before the response's end (POST ${emulator.url}/responses)`));
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  it('refuses a ReadableStream body, as HttpClient cannot send one', async () => {
    const fetchImpl = await fetchIn();
    const body = new ReadableStream({ start: (controller) => controller.close() });
    await expect(fetchImpl(`${emulator.url}/files`, { method: 'POST', body, duplex: 'half' } as RequestInit)).rejects.toBeInstanceOf(TypeError);
  });
});

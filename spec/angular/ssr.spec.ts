/**
 * Server-side rendering (@angular/platform-server, zoneless, with hydration): a stream never keeps a page from
 * rendering. streamSignals() starts nothing on the server by default; a stream of the provided client does not hold
 * the app's stability once its headers arrived; `ssr: 'wait'` renders the whole answer, and with `transferKey` hands
 * it over to the browser, whose hydration (the browser platform over the rendered page) shows it without a request.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  type ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  inject,
  makeStateKey,
  PLATFORM_ID,
  provideZonelessChangeDetection,
  signal,
  TransferState,
  type Type,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { bootstrapApplication, type BootstrapContext, provideClientHydration } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { map, NEVER } from 'rxjs';
import { accumulateResponse, type ChatCompletionChunk, type ResponseSnapshot, type ResponseStreamEvent } from '../../src/index';
import { OPENAI_STREAM_CLIENT, provideOpenAIStream, streamSignals } from '../../src/angular/index';
import { type Emulator, startEmulator } from '../../src/testing/index';
import { until } from '../helpers/until';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ pacing: 0 });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

const POST_RESPONSES = { method: 'POST', path: '/responses' } as const;
const BODY = { model: 'gpt-4o-mini', input: 'Tell me about the sea' };

/** Renders `root` on the server as a page request would; resolves with the HTML once the app is stable. */
function render(root: Type<unknown>, http = provideHttpClient(withFetch())): Promise<string> {
  const config: ApplicationConfig = {
    providers: [
      provideZonelessChangeDetection(),
      provideServerRendering(),
      provideClientHydration(),
      http,
      provideOpenAIStream({ baseURL: emulator.url, apiKey: 'k' }),
    ],
  };
  const log = console.log;
  console.log = () => undefined; // Angular's "running in development mode" notice
  return renderApplication((context: BootstrapContext) => bootstrapApplication(root, config, context), {
    document: '<html><head></head><body><app-root></app-root></body></html>',
    url: 'http://localhost/',
    allowedHosts: ['localhost'],
  }).finally(() => (console.log = log));
}

describe('server-side rendering', () => {
  it('a component streaming a never-ending stream renders: streamSignals() starts nothing on the server', async () => {
    @Component({
      selector: 'app-root',
      changeDetection: ChangeDetectionStrategy.OnPush,
      template: `<p>[{{ answer.text() }}] {{ answer.status() }}</p>`,
    })
    class Root {
      readonly answer = streamSignals<ResponseStreamEvent>(NEVER);
    }
    const html = await render(Root);
    expect(html).toContain('<p>[] idle</p>');
  });

  it('a stream of the provided client does not hold the rendering, and ends with the app', async () => {
    emulator.inject({ kind: 'stall', afterEvents: 3 }, { match: POST_RESPONSES });
    @Component({ selector: 'app-root', template: `<p>{{ events() }} events</p>` })
    class Root {
      readonly events = signal(0);
      constructor() {
        inject(OPENAI_STREAM_CLIENT)
          .responses.stream(BODY)
          .pipe(takeUntilDestroyed())
          .subscribe(() => this.events.update((n) => n + 1));
      }
    }
    // Held by the stream, the rendering would never end (the emulator holds the stream open): the test would time out.
    const html = await render(Root);
    expect(html).toMatch(/<p>\d events<\/p>/);
    const record = emulator.requests.at(-1)!;
    expect(record).toMatchObject({ method: 'POST', faults: ['stall'] });
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  it('a JSON call answered 429, then retried after retry-after-ms, is in the page: the wait holds the rendering', async () => {
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 300 }, { match: POST_RESPONSES });
    @Component({ selector: 'app-root', template: `<p>{{ status() }}</p>` })
    class Root {
      readonly status = signal('waiting');
      constructor() {
        inject(OPENAI_STREAM_CLIENT)
          .responses.create(BODY)
          .pipe(takeUntilDestroyed())
          .subscribe((response) => this.status.set(response.status ?? 'none'));
      }
    }
    const html = await render(Root);
    expect(html).toContain('<p>completed</p>');
    expect(emulator.requests.slice(-2).map((record) => record.status)).toEqual([429, 200]);
  });

  it("rxResource(): the page renders at the stream's first value, and the stream closes with the app; params undefined on the server send nothing", async () => {
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
    @Component({
      selector: 'app-root',
      changeDetection: ChangeDetectionStrategy.OnPush,
      template: `@if (answer.hasValue()) {<p>[{{ answer.value().output_text }}] {{ answer.value().status }}</p>}<i>{{ answer.status() }}</i>`,
    })
    class Root {
      static browserOnly = false;
      private readonly client = inject(OPENAI_STREAM_CLIENT);
      private readonly server = inject(PLATFORM_ID) === 'server';
      readonly answer = rxResource({
        params: () => (Root.browserOnly && this.server ? undefined : BODY),
        stream: ({ params }) => this.client.responses.stream(params).pipe(accumulateResponse()),
      });
    }
    const before = emulator.requests.length;
    const html = await render(Root);
    expect(html).toMatch(/<p>\[\] in_progress<\/p>(<!--container-->)?<i>resolved<\/i>/);
    expect(await emulator.requests.at(-1)!.ended).toMatchObject({ clientClosed: true });

    Root.browserOnly = true;
    expect(await render(Root)).toContain('<i>idle</i>');
    expect(emulator.requests.length).toBe(before + 1);
  });

  it("without withFetch(), the provider does not warn on the server at each page: Angular's NG02801 says it, once", async () => {
    @Component({ selector: 'app-root', template: `<p>{{ client ? 'ready' : '' }}</p>` })
    class Root {
      readonly client = inject(OPENAI_STREAM_CLIENT);
    }
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let warnings: string[];
    try {
      for (let page = 0; page < 3; page++) expect(await render(Root, provideHttpClient())).toContain('<p>ready</p>');
    } finally {
      warnings = warn.mock.calls.map(([message]) => String(message));
      warn.mockRestore();
    }
    expect(warnings.filter((message) => message.startsWith('rx-openai-stream'))).toEqual([]);
  });

  it("with ssr: 'wait' the page carries the whole answer", async () => {
    @Component({
      selector: 'app-root',
      changeDetection: ChangeDetectionStrategy.OnPush,
      template: `<p>{{ answer.text() }}</p><i>{{ answer.status() }}</i>`,
    })
    class Root {
      readonly answer = streamSignals(inject(OPENAI_STREAM_CLIENT).responses.stream(BODY), { ssr: 'wait' });
    }
    const html = await render(Root);
    const text = /<p>([^<]*)<\/p><i>done<\/i>/.exec(html)?.[1];
    expect(text?.length).toBeGreaterThan(10);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', status: 200, outcome: 'finished' });
  });
});

/** The state the server serialized into `html` (its `ng-state` script), as the browser's `TransferState` reads it. */
function pageState(html: string): Record<string, unknown> {
  const json = /<script id="ng-state" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  return json === undefined ? {} : JSON.parse(json);
}

let hydrated: ApplicationRef | undefined;
afterEach(() => {
  hydrated?.destroy();
  hydrated = undefined;
});

/**
 * Hydrates `html` (a page of `render`) as the browser does: the browser platform, over the page parsed into a DOM
 * (domino's, as the server's), with `provideClientHydration()`, so that `TransferState` comes from the page.
 */
async function hydrate<C>(root: Type<C>, html: string, http = provideHttpClient(withFetch())): Promise<{ app: ApplicationRef; root: C; host: Element }> {
  const domino = require('../../node_modules/@angular/platform-server/third_party/domino/bundled-domino.mjs').default;
  const page = domino.createWindow(html, 'http://localhost/').document as Document;
  const global = globalThis as { document?: Document; ngServerMode?: boolean | undefined };
  const { document, ngServerMode } = global;
  global.document = page;
  // provideServerRendering() set it for the process; a browser has none.
  global.ngServerMode = undefined;
  const log = console.log;
  console.log = () => undefined; // the development-mode and hydration notices
  try {
    const app = await bootstrapApplication(root, {
      providers: [
        provideZonelessChangeDetection(),
        provideClientHydration(),
        http,
        provideOpenAIStream({ baseURL: emulator.url, apiKey: 'k' }),
      ],
    });
    hydrated = app;
    app.onDestroy(() => Object.assign(global, { document, ngServerMode }));
    await app.whenStable();
    return { app, root: app.components[0]!.instance as C, host: page.querySelector('app-root')! };
  } finally {
    console.log = log;
  }
}


describe("the answer of ssr: 'wait' handed over to the browser (transferKey)", () => {
  @Component({
    selector: 'app-root',
    changeDetection: ChangeDetectionStrategy.OnPush,
    template: `<p>{{ answer.text() }}</p><i>{{ answer.status() }}</i>`,
  })
  class Answer {
    readonly answer = streamSignals(inject(OPENAI_STREAM_CLIENT).responses.stream(BODY), { ssr: 'wait', transferKey: 'sea' });
  }

  it('the page carries the answer in its HTML, and its final state (status, text, snapshot) in its serialized state', async () => {
    const requests = emulator.requests.length;
    const html = await render(Answer);
    const text = /<p>([^<]*)<\/p><i>done<\/i>/.exec(html)?.[1];
    expect(text?.length).toBeGreaterThan(10);
    const entry = pageState(html)['sea'];
    expect(entry).toEqual({ status: 'done', text, snapshot: expect.objectContaining({ object: 'response', status: 'completed', output_text: text }) });
    // The final snapshot and the text: not the events.
    expect(Object.keys(entry as object)).toEqual(['status', 'text', 'snapshot']);
    expect(emulator.requests.length).toBe(requests + 1);
  });

  it('hydration shows the transferred answer, status done, without a request', async () => {
    const html = await render(Answer);
    const entry = pageState(html)['sea'] as { text: string; snapshot: ResponseSnapshot };
    const requests = emulator.requests.length;
    let sent = 0;
    const { app, root, host } = await hydrate(Answer, html, provideHttpClient(withFetch(), withInterceptors([(request, next) => (sent++, next(request))])));
    expect([root.answer.status(), root.answer.text(), root.answer.snapshot(), root.answer.error()]).toEqual([
      'done',
      entry.text,
      entry.snapshot,
      undefined,
    ]);
    expect(host.innerHTML).toBe(`<p>${entry.text}</p><i>done</i>`);
    // The app is stable (hydrate() waited for it) and this turn is over: a request it makes would be sent by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(0);
    expect(emulator.requests.length).toBe(requests);
    // Taken: a later start() streams.
    expect(app.injector.get(TransferState).hasKey(makeStateKey('sea'))).toBe(false);
  });

  it('a start() after hydration (the user asks again) sends a request and streams a new answer', async () => {
    const html = await render(Answer);
    const requests = emulator.requests.length;
    const { app, root, host } = await hydrate(Answer, html);
    root.answer.start();
    expect(root.answer.status()).toBe('streaming');
    await until(() => root.answer.status() !== 'streaming', { what: 'the answer to end' });
    await app.whenStable();
    expect(root.answer.status()).toBe('done');
    expect(emulator.requests.length).toBe(requests + 1);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/responses', status: 200 });
    expect(root.answer.snapshot()?.id).not.toBe((pageState(html)['sea'] as { snapshot: ResponseSnapshot }).snapshot.id);
    expect(host.innerHTML).toBe(`<p>${root.answer.text()}</p><i>done</i>`);
  });

  it('only a completed answer is handed over, by its own key: one that failed on the server, or one without a key, streams again in the browser', async () => {
    emulator.inject({ kind: 'serverError', status: 400 }, { match: { method: 'POST', path: '/chat/completions' } });
    @Component({
      selector: 'app-root',
      changeDetection: ChangeDetectionStrategy.OnPush,
      template: `<p>{{ answer.status() }} {{ failed.status() }} {{ unkeyed.status() }}</p>`,
    })
    class Page {
      private readonly client = inject(OPENAI_STREAM_CLIENT);
      readonly answer = streamSignals(this.client.responses.stream(BODY), { ssr: 'wait', transferKey: 'answer' });
      readonly failed = streamSignals<ChatCompletionChunk>(
        this.client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about the sea' }] }),
        { ssr: 'wait', transferKey: 'failed' },
      );
      readonly unkeyed = streamSignals(this.client.responses.stream(BODY), { ssr: 'wait' });
    }
    const html = await render(Page);
    expect(html).toContain('<p>done error done</p>');
    expect(Object.keys(pageState(html)).filter((key) => !key.startsWith('__'))).toEqual(['answer']);

    const requests = emulator.requests.length;
    const { root, host } = await hydrate(Page, html);
    await until(() => !root.failed.inProgress() && !root.unkeyed.inProgress(), { what: 'both streams to end' });
    expect(host.innerHTML).toBe('<p>done done done</p>');
    expect(root.answer.snapshot()?.id).toBe((pageState(html)['answer'] as { snapshot: ResponseSnapshot }).snapshot.id);
    expect(emulator.requests.slice(requests).map((record) => record.path).sort()).toEqual(['/v1/chat/completions', '/v1/responses']);
  });

  it("a snapshot JSON cannot write (a bigint, a cycle) is not handed over, and the page's state (hydration's) is serialized", async () => {
    @Component({
      selector: 'app-root',
      changeDetection: ChangeDetectionStrategy.OnPush,
      template: `<p>{{ answer.status() }} {{ cyclic.status() }} {{ plain.status() }}</p>`,
    })
    class Page {
      private readonly client = inject(OPENAI_STREAM_CLIENT);
      readonly answer = streamSignals(this.client.responses.stream(BODY), {
        ssr: 'wait',
        transferKey: 'big',
        snapshot: map(() => ({ tokens: 1n })),
      });
      readonly cyclic = streamSignals(this.client.responses.stream(BODY), {
        ssr: 'wait',
        transferKey: 'cyclic',
        snapshot: map(() => {
          const node: { self?: unknown } = {};
          node.self = node;
          return node;
        }),
      });
      readonly plain = streamSignals(this.client.responses.stream(BODY), { ssr: 'wait', transferKey: 'plain' });
    }
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let html: string;
    let errorCalls: unknown[][];
    let warningCalls: unknown[][];
    try {
      html = await render(Page);
    } finally {
      errorCalls = [...errors.mock.calls];
      warningCalls = [...warnings.mock.calls];
      errors.mockRestore();
      warnings.mockRestore();
    }
    expect(html).toContain('<p>done done done</p>');
    expect(errorCalls).toEqual([]);
    // Dev mode names each key it could not hand over.
    expect(warningCalls.map(([message]) => String(message))).toEqual([
      expect.stringContaining("'big'"),
      expect.stringContaining("'cyclic'"),
    ]);
    const state = pageState(html);
    expect(Object.keys(state)).toContain('plain');
    expect(Object.keys(state)).not.toContain('big');
    expect(Object.keys(state)).not.toContain('cyclic');
    // Hydration's own state (its `__nghData__`) is in the page too.
    expect(Object.keys(state).some((key) => key.startsWith('__'))).toBe(true);
  });
});

/**
 * Server-side rendering (@angular/platform-server, zoneless, with hydration): a stream never keeps a page from
 * rendering. streamSignals() starts nothing on the server by default; a stream of the provided client does not hold
 * the app's stability once its headers arrived; `ssr: 'wait'` renders the whole answer.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  type ApplicationConfig,
  ChangeDetectionStrategy,
  Component,
  inject,
  provideZonelessChangeDetection,
  signal,
  type Type,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { bootstrapApplication, type BootstrapContext, provideClientHydration } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { NEVER } from 'rxjs';
import type { ResponseStreamEvent } from '../../src/index';
import { OPENAI_STREAM_CLIENT, provideOpenAIStream, streamSignals } from '../../src/angular/index';
import { type Emulator, startEmulator } from '../../src/testing/index';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ pacing: 0 });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

const POST_RESPONSES = { method: 'POST', path: '/responses' } as const;
const BODY = { model: 'gpt-4o-mini', input: 'Tell me about the sea' };

/** Renders `root` on the server as a page request would; resolves with the HTML once the app is stable. */
function render(root: Type<unknown>): Promise<string> {
  const config: ApplicationConfig = {
    providers: [
      provideZonelessChangeDetection(),
      provideServerRendering(),
      provideClientHydration(),
      provideHttpClient(withFetch()),
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

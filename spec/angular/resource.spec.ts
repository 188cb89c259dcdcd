/**
 * Angular's resource APIs over the client of provideOpenAIStream(), real HTTP to the emulator, in zoneless apps:
 * `rxResource({ params, stream })` (the value grows as events arrive, a change of params aborts the request and
 * cancels a background response, errors, `reload()`, a stop, the app's stability), `resource({ stream })` with the
 * call's `signal`, and `toSignal()`. What docs/angular.md ("Angular's resources: rxResource, resource, toSignal")
 * says of them.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import { HttpEventType, type HttpInterceptorFn, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  computed,
  createEnvironmentInjector,
  resource,
  type ResourceStreamItem,
  runInInjectionContext,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { finalize, firstValueFrom, scan, tap } from 'rxjs';
import {
  accumulateResponse,
  RateLimitError,
  ResponseStreamError,
  StreamTimeoutError,
  textDeltas,
} from '../../src/index';
import { injectOpenAIStreamClient, type OpenAIStreamOptions, provideOpenAIStream } from '../../src/angular/index';
import { type Emulator, startEmulator } from '../../src/testing/index';
import { until } from '../helpers/until';
import { browserApp, mount } from './app';

let emulator: Emulator;
beforeAll(async () => {
  // Paced, so that a background response is still running when the test cancels it.
  emulator = await startEmulator({ pacing: { eventMs: 1, deltaMs: 5 } });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

const POST_RESPONSES = { method: 'POST', path: '/responses' } as const;
const QUESTION = 'Tell me about the sea and the sky';
/** The request to POST /responses made after now. */
const nextPost = () => emulator.waitForRequest({ ...POST_RESPONSES, after: emulator.requests.length, timeout: 5000 });
/** Each request the apps' HttpClient sent, in order: the text it received so far, and whether it is over (ended or unsubscribed). */
const exchanges: Array<{ text: string; over: boolean }> = [];
const traced: HttpInterceptorFn = (request, next) => {
  const exchange = { text: '', over: false };
  exchanges.push(exchange);
  return next(request).pipe(
    tap((event) => {
      if (event.type === HttpEventType.DownloadProgress && event.partialText !== undefined) exchange.text = event.partialText;
    }),
    finalize(() => (exchange.over = true)),
  );
};
/** The end of the event loop's turn: what runs on promises (the body's reads, the events' parsing) has run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Resolves once the app's last request has received its first `count` events, and has read them. */
const received = async (count: number) => {
  await until(() => (exchanges.at(-1)?.text.split('\n\n').length ?? 0) > count, { what: `the first ${count} events` });
  await turn();
};

async function appWith(options: OpenAIStreamOptions = {}): Promise<ApplicationRef> {
  return browserApp([provideHttpClient(withFetch(), withInterceptors([traced])), provideOpenAIStream({ baseURL: emulator.url, apiKey: 'k', ...options })]);
}

const isStable = (app: ApplicationRef) => firstValueFrom(app.isStable);
/** What `value()` gives, or the error it throws. */
const valueOf = <T>(read: () => T): T | { threw: unknown } => {
  try {
    return read();
  } catch (error) {
    return { threw: error };
  }
};

/** The text so far of an answer to the question in `question`: `textDeltas()` summed up, as a developer writes it. */
@Component({
  selector: 'app-answer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (answer.hasValue()) {<p>{{ answer.value() }}</p>}<i>{{ answer.status() }}</i>`,
})
class TextAnswer {
  private readonly client = injectOpenAIStreamClient();
  readonly question = signal<string | undefined>(QUESTION);
  readonly answer = rxResource({
    params: () => this.question(),
    stream: ({ params }) => this.client.responses.stream({ model: 'gpt-4o-mini', input: params }).pipe(
      textDeltas(),
      scan((text, delta) => text + delta, ''),
    ),
  });
}

/** The same with the response's snapshot as the value (the pattern of docs/angular.md): a background response. */
@Component({
  selector: 'app-snapshot',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (answer.hasValue()) {<p>{{ answer.value().output_text }}</p><i>{{ answer.value().status }}</i>}`,
})
class SnapshotAnswer {
  static background = false;
  static question = QUESTION;
  private readonly client = injectOpenAIStreamClient();
  readonly question = signal(SnapshotAnswer.question);
  readonly answer = rxResource({
    params: () => this.question(),
    stream: ({ params }) =>
      this.client.responses
        .stream({ model: 'gpt-4o-mini', input: params, background: SnapshotAnswer.background }, { cancelOnUnsubscribe: true })
        .pipe(accumulateResponse()),
  });
  // docs/angular.md's
  readonly streaming = computed(() => this.answer.status() === 'resolved' && this.answer.value()?.status === 'in_progress');
  stop() {
    this.answer.set(this.answer.value());
  }
}

describe('rxResource() over the provided client', () => {
  it('the value grows as the deltas arrive, rendered zoneless and OnPush; isLoading() holds only until the first value', async () => {
    const app = await appWith();
    // The emulator streams the prompt's words back; it stalls after the text's first deltas.
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES });
    const sent = nextPost();
    const { ref, host } = mount(app, TextAnswer, 'app-answer');
    const { answer } = ref.instance;
    expect([answer.status(), answer.isLoading(), answer.hasValue()]).toEqual(['loading', true, false]);
    const first = await sent;
    await until(() => answer.hasValue() && answer.value().length > 0, { what: 'the first deltas' });
    await app.whenStable();
    // Resolved at the first value, while the stream is still open: isLoading() does not say "streaming".
    expect([answer.status(), answer.isLoading(), first.outcome]).toEqual(['resolved', false, undefined]);
    expect(host.querySelector('p')!.textContent).toBe(answer.value());
    expect(`You said: ${QUESTION}`.startsWith(answer.value()!)).toBe(true);

    // New params: the running request is aborted (its connection closed), and the next one streams to its end.
    const next = nextPost();
    ref.instance.question.set('Hello there');
    expect(await first.ended).toMatchObject({ clientClosed: true });
    await until(() => answer.hasValue() && answer.value() === 'You said: Hello there', { what: 'the second answer' });
    expect(await (await next).ended).toMatchObject({ outcome: 'finished' });
    await app.whenStable();
    expect([answer.status(), host.querySelector('p')!.textContent]).toEqual(['resolved', 'You said: Hello there']);
  });

  it('new params cancel a background response of cancelOnUnsubscribe', async () => {
    SnapshotAnswer.background = true;
    SnapshotAnswer.question = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    try {
      const app = await appWith();
      // The stream stalls; the response goes on in the background (some 60 words, 5 ms each).
      emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES });
      const before = emulator.requests.length;
      const { ref, host } = mount(app, SnapshotAnswer, 'app-snapshot');
      const { answer } = ref.instance;
      await until(() => answer.hasValue() && answer.value().output_text !== '', { what: 'the first deltas' });
      const id = answer.value()!.id;
      await app.whenStable();
      expect(host.querySelector('i')!.textContent).toBe('in_progress');

      ref.instance.question.set('Hello there');
      const cancel = await emulator.waitForRequest({ method: 'POST', path: `/responses/${id}/cancel`, after: before, timeout: 5000 });
      expect((await cancel.ended).status).toBe(200);
      const stored = await fetch(`${emulator.url}/responses/${id}`, { headers: { authorization: 'Bearer k' } });
      expect(await stored.json()).toMatchObject({ id, status: 'cancelled' });
      await until(() => answer.hasValue() && answer.value().status === 'completed', { what: 'the second answer' });
      expect(answer.value()).toMatchObject({ output_text: 'You said: Hello there' });
      expect(answer.value()!.id).not.toBe(id);
    } finally {
      SnapshotAnswer.background = false;
      SnapshotAnswer.question = QUESTION;
    }
  });

  it("an error is the library's typed error in error(); value() throws, and what came before it is not in the value", async () => {
    const app = await appWith({ maxRetries: 0 });
    emulator.inject({ kind: 'rateLimit' }, { match: POST_RESPONSES });
    const { ref, host } = mount(app, TextAnswer, 'app-answer');
    const { answer } = ref.instance;
    await until(() => answer.status() === 'error', { what: 'the error' });
    expect(answer.error()).toBeInstanceOf(RateLimitError);
    expect([answer.hasValue(), answer.isLoading()]).toEqual([false, false]);
    // Angular's resource: value() throws in the error state (ResourceValueError, the error as its cause).
    expect(valueOf(() => answer.value())).toEqual({ threw: expect.objectContaining({ cause: answer.error() }) });
    await app.whenStable();
    expect(host.textContent).toBe('error');

    // An error event after some text: the error is the stream's, the text so far is gone from the value.
    emulator.inject({ kind: 'errorEvent', afterEvents: 6 }, { match: POST_RESPONSES });
    expect(answer.reload()).toBe(true);
    await until(() => answer.status() === 'error', { what: 'the error event' });
    expect(answer.error()).toBeInstanceOf(ResponseStreamError);
    expect(answer.hasValue()).toBe(false);
  });

  it("an answer without text (a refusal): textDeltas() summed up ends with no value, Angular's NG0991; the snapshot is a value", async () => {
    const app = await appWith();
    emulator.scriptAnswer({ refusal: "I can't help with that." }, { times: 2 });
    const text = mount(app, TextAnswer, 'app-answer').ref.instance.answer;
    const snapshotOf = mount(app, SnapshotAnswer, 'app-snapshot').ref.instance;
    const snapshot = snapshotOf.answer;
    await until(() => text.status() === 'error' && snapshot.value()?.status === 'completed', { what: 'both answers' });
    expect(String(text.error())).toMatch(/NG0991/);
    expect(snapshot.value()).toMatchObject({ output_text: '', output: [{ type: 'message', content: [{ type: 'refusal' }] }] });
    expect(snapshotOf.streaming()).toBe(false);
  });

  it('reload() sends a new request: while streaming it aborts the running one; before the first value it does nothing', async () => {
    const app = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES, times: 1 });
    const sent = nextPost();
    const { ref } = mount(app, TextAnswer, 'app-answer');
    const { answer } = ref.instance;
    const first = await sent;
    await received(2);
    // Loading (no text yet): Angular's reload() refuses, and nothing is sent (not when the app next runs its
    // change detection either, which would start a reload's request).
    const before = exchanges.length;
    expect([answer.status(), answer.reload()]).toEqual(['loading', false]);
    app.tick();
    await turn();
    expect(exchanges.length).toBe(before);

    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES, times: 1 });
    const next = nextPost();
    ref.instance.question.set('Hello there and everywhere');
    expect(await first.ended).toMatchObject({ clientClosed: true });
    const second = await next;
    await until(() => answer.hasValue() && answer.value().length > 0, { what: 'the first deltas' });
    const reloaded = nextPost();
    expect(answer.reload()).toBe(true);
    expect(await second.ended).toMatchObject({ clientClosed: true });
    await until(() => answer.hasValue() && answer.value() === 'You said: Hello there and everywhere', { what: 'the reloaded answer' });
    expect(await (await reloaded).ended).toMatchObject({ outcome: 'finished' });
    expect(answer.status()).toBe('resolved');
  });

  it("stops with set(value()): the request is aborted, the text stays (status 'local'); params that become undefined do not stop it (Angular's own behaviour)", async () => {
    const app = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES, times: 2 });
    const sent = nextPost();
    const { ref } = mount(app, TextAnswer, 'app-answer');
    const { answer } = ref.instance;
    const first = await sent;
    await until(() => answer.hasValue() && answer.value().length > 0, { what: 'the first deltas' });
    const text = answer.value();
    answer.set(answer.value());
    expect(await first.ended).toMatchObject({ clientClosed: true });
    expect([answer.status(), answer.value()]).toEqual(['local', text]);

    // Angular's resource aborts a load when its params change, not when they become undefined: the stream goes on,
    // unseen, to its end (here a stall: open until something stops it).
    const next = nextPost();
    expect(answer.reload()).toBe(true);
    const second = await next;
    await until(() => answer.status() === 'resolved' && answer.value()!.length > 0, { what: 'the reloaded deltas' });
    ref.instance.question.set(undefined);
    await app.whenStable();
    expect([answer.status(), answer.value()]).toEqual(['idle', undefined]);
    // Not stopped: the app's request is still open (a stop unsubscribes it at once).
    await turn();
    expect(exchanges.at(-1)!.over).toBe(false);
    expect(second.outcome).toBeUndefined();
    // set() stops it all the same.
    answer.set(undefined);
    expect(await second.ended).toMatchObject({ clientClosed: true });
  });

  it('destroying the component aborts the request', async () => {
    const app = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES });
    const { ref } = mount(app, TextAnswer, 'app-answer');
    await until(() => ref.instance.answer.hasValue(), { what: 'the first deltas' });
    const record = emulator.requests.at(-1)!;
    ref.destroy();
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });

  describe("the app's stability: Angular's resource holds it until the first value", () => {
    it('textDeltas() summed up: a stream with no text yet keeps the app unstable, until it ends (here its idle timeout)', async () => {
      const app = await appWith({ idleTimeout: 300, maxRetries: 0, recoverStreams: false });
      await app.whenStable();
      emulator.inject({ kind: 'stall', afterEvents: 4 }, { match: POST_RESPONSES });
      const sent = nextPost();
      const { ref } = mount(app, TextAnswer, 'app-answer');
      const { answer } = ref.instance;
      await sent;
      // The headers and the events before the stall came (the client holds nothing any more): the resource's own
      // pending task holds the app.
      await received(4);
      expect([answer.status(), await isStable(app)]).toEqual(['loading', false]);
      await app.whenStable();
      expect(answer.error()).toBeInstanceOf(StreamTimeoutError);
    });

    it("accumulateResponse(): the first event is the first value, and the app is stable while the stream is open; the docs' stop()", async () => {
      const app = await appWith();
      emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSES });
      const sent = nextPost();
      const { ref } = mount(app, SnapshotAnswer, 'app-snapshot');
      const { answer } = ref.instance;
      const record = await sent;
      // Resolves while the stream is open (held by it, it would not resolve before the 60 s idle timeout).
      await app.whenStable();
      expect(record.outcome).toBeUndefined();
      expect([answer.status(), answer.value()?.status, answer.value()?.output_text, ref.instance.streaming()]).toEqual(['resolved', 'in_progress', '', true]);
      // The docs' stop(): the request aborted, the snapshot kept, no longer streaming.
      ref.instance.stop();
      expect(await record.ended).toMatchObject({ clientClosed: true });
      expect([answer.status(), answer.value()?.status, ref.instance.streaming()]).toEqual(['local', 'in_progress', false]);
    });
  });
});

describe('resource({ stream }) and toSignal()', () => {
  it("resource({ stream }): the call's signal is the resource's abortSignal, new params abort the request", async () => {
    const app = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES, times: 1 });
    const injector = createEnvironmentInjector([], app.injector);
    const question = signal(QUESTION);
    const answer = runInInjectionContext(injector, () => {
      const client = injectOpenAIStreamClient();
      return resource({
        params: () => question(),
        stream: async ({ params, abortSignal }) => {
          const state = signal<ResourceStreamItem<string>>({ value: '' });
          client.responses
            .stream({ model: 'gpt-4o-mini', input: params }, { signal: abortSignal })
            .pipe(textDeltas(), scan((text, delta) => text + delta, ''))
            .subscribe({ next: (value) => state.set({ value }), error: (error) => state.set({ error }) });
          return state;
        },
      });
    });
    await until(() => answer.hasValue() && answer.value().length > 0, { what: 'the first deltas' });
    const first = emulator.requests.at(-1)!;
    question.set('Hello there');
    expect(await first.ended).toMatchObject({ clientClosed: true });
    await until(() => answer.hasValue() && answer.value() === 'You said: Hello there', { what: 'the second answer' });
    injector.destroy();
  });

  it('toSignal() with an initialValue: the text grows, the context going away aborts the request, a failure throws when read; requireSync refuses a stream and leaves it running', async () => {
    const app = await appWith();
    emulator.inject({ kind: 'stall', afterEvents: 6 }, { match: POST_RESPONSES });
    const injector = createEnvironmentInjector([], app.injector);
    const stream$ = (client: ReturnType<typeof injectOpenAIStreamClient>) =>
      client.responses.stream({ model: 'gpt-4o-mini', input: QUESTION }).pipe(textDeltas(), scan((text, delta) => text + delta, ''));
    const text = runInInjectionContext(injector, () => toSignal(stream$(injectOpenAIStreamClient()), { initialValue: '' }));
    expect(text()).toBe('');
    await until(() => text().length > 0, { what: 'the first deltas' });
    const record = emulator.requests.at(-1)!;
    expect(record.outcome).toBeUndefined();
    injector.destroy();
    expect(await record.ended).toMatchObject({ clientClosed: true });

    // requireSync: Angular's NG0601, and the stream stays subscribed (Angular registers its cleanup after the check):
    // the request is sent and runs to its end, its context destroyed or not.
    const sync = createEnvironmentInjector([], app.injector);
    const leaked = nextPost();
    expect(() => runInInjectionContext(sync, () => toSignal(stream$(injectOpenAIStreamClient()), { requireSync: true }))).toThrow(/NG0601/);
    sync.destroy();
    expect(await (await leaked).ended).toMatchObject({ outcome: 'finished' });

    // A failure is thrown by the signal when it is read.
    const failing = createEnvironmentInjector([provideOpenAIStream({ baseURL: emulator.url, apiKey: 'k', maxRetries: 0 })], app.injector);
    emulator.inject({ kind: 'rateLimit' }, { match: POST_RESPONSES });
    const failed = runInInjectionContext(failing, () => toSignal(stream$(injectOpenAIStreamClient()), { initialValue: '' }));
    await until(() => valueOf(failed) !== '', { what: 'the failure' });
    expect(valueOf(failed)).toEqual({ threw: expect.any(RateLimitError) });
    failing.destroy();
  });
});

/**
 * `cancelOnUnsubscribe` when the subscriber leaves a background create after its request was sent but before an
 * event told the response's id: the API created the response, so the client reads that request on (delivering
 * nothing) until the id comes, cancels the response, and closes the connection; bounded by the limits the stream had
 * (virtual time here); nothing is held, nor sent, when the request was not sent yet, for a response not in the
 * background, or when a signal aborts. Over real HTTP to the emulator; every fetch is watched, to tell when the
 * client aborts it (at once, or later).
 */
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { type ClientOptions, createClient, type ResponseStreamOptions } from '../../src/index';
import { type Emulator, startEmulator } from '../../src/testing/index.js';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const INPUT = 'Tell me about the sea and the sky';
const BACKGROUND = { model: 'gpt-4o', input: INPUT, background: true } as const;
const POST_RESPONSE = { method: 'POST', path: '/responses' } as const;
const CANCEL = { method: 'POST', path: /^\/v1\/responses\/resp_[^/]+\/cancel$/ } as const;

/** One fetch the client made: what it sent, and whether (and when, in the scheduler's time) it was aborted. */
interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
  abortedAt: number | undefined;
  readonly aborted: Promise<void>;
  /** Resolves once the client has read the answer's body to its end (or stopped reading it), or the fetch failed. */
  readonly read: Promise<void>;
}

/** Resolves once what is queued now has run (the promise callbacks, the next I/O turn). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The global fetch, each call recorded with the time of its abort on `scheduler` (the client's), and when the
 * client is done with the answer's body.
 */
function watchedFetch(scheduler: { now(): number } = Date) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(String(input));
    let onAbort!: () => void;
    let onRead!: () => void;
    const entry: Sent = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
      abortedAt: undefined,
      aborted: new Promise<void>((resolve) => (onAbort = resolve)),
      read: new Promise<void>((resolve) => (onRead = resolve)),
    };
    init?.signal?.addEventListener('abort', () => {
      entry.abortedAt = scheduler.now();
      onAbort();
    });
    sent.push(entry);
    return globalThis.fetch(input, init).then(
      (response) => {
        if (response.body === null) {
          onRead();
          return response;
        }
        // The same body, passed on as the client reads it.
        const reader = response.body.getReader();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            try {
              const { done, value } = await reader.read();
              if (!done) return controller.enqueue(value);
              controller.close();
            } catch (error) {
              controller.error(error);
            }
            onRead();
          },
          cancel(reason) {
            onRead();
            return reader.cancel(reason);
          },
        });
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      },
      (error: unknown) => {
        onRead();
        throw error;
      },
    );
  };
  return { sent, fetch };
}

/** Requests of `emulator` from index `from` on, as `METHOD path` with response ids generalised. */
const requestsFrom = (emulator: Emulator, from = 0) => emulator.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/resp_\w+/g, 'resp')}`);

/** The id in a cancel's path. */
const idOf = (path: string) => /resp_[^/]+/.exec(path)![0];

describe('cancelOnUnsubscribe: a background create left before its first event named the response', () => {
  let emulator: Emulator;
  // Slow enough that a response is still running when the test cancels it, however loaded the machine: its 11 text
  // deltas take 4.4 s. The events before them come quickly: the tests wait for response.created (or take the first
  // three events), never for a delta, so a slow event pace would only add to each test's wall time.
  beforeEach(async () => (emulator = await startEmulator({ pacing: { eventMs: 5, deltaMs: 400 }, pollAfterMs: 5 })));
  afterEach(() => emulator.close());

  const clientWith = (options: ClientOptions) => createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, ...options });

  /** Subscribes to `client.responses.stream(params, options)`, recording whatever it delivers. */
  const subscribe = (client: ReturnType<typeof createClient>, options: ResponseStreamOptions, params: object = BACKGROUND) => {
    const delivered: unknown[] = [];
    const subscription = client.responses.stream(params as typeof BACKGROUND, options).subscribe({
      next: (event) => delivered.push(event),
      error: (error: unknown) => delivered.push(error),
    });
    return { delivered, subscription };
  };

  /** The cancel the emulator got after `from`, its answer, and the response's stored status. */
  const cancelled = async (from: number) => {
    const cancel = await emulator.waitForRequest({ ...CANCEL, after: from, timeout: 5000 });
    await cancel.ended;
    const stored = await firstValueFrom(clientWith({}).responses.retrieve(idOf(cancel.path)));
    return { cancel, status: stored.status };
  };

  it.each([
    ['waits for its headers', { kind: 'delay', ms: 300, headersFirst: false } as const],
    ['has its headers, not its first event', { kind: 'delay', ms: 300, headersFirst: true } as const],
  ])('left while the POST %s: read on until response.created, the response cancelled (<key>-cancel), then closed', async (_, delay) => {
    emulator.inject(delay, { match: POST_RESPONSE });
    const scheduler = new WatchedScheduler();
    const { sent, fetch } = watchedFetch(scheduler);
    const client = clientWith({ fetch, scheduler, firstEventTimeout: 12_345 });
    const { delivered, subscription } = subscribe(client, { cancelOnUnsubscribe: true, idempotencyKey: 'stop-early' });
    const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
    // After the headers: the first-event timeout is armed.
    if (delay.headersFirst !== false) await scheduler.waitScheduled((ms) => ms === 12_345);
    subscription.unsubscribe();
    // Held: the request is not aborted when the subscriber leaves.
    expect(sent.map((s) => [s.method, s.path, s.abortedAt])).toEqual([['POST', '/v1/responses', undefined]]);

    const { cancel, status } = await cancelled(0);
    expect([cancel.idempotencyKey, cancel.status, status]).toEqual(['stop-early-cancel', 200, 'cancelled']);
    // The response the POST created, and no other.
    expect(emulator.counters.responsesCreated).toBe(1);
    // Closed once the id came: the client closed it, not the server's end of the response.
    expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
    await sent[0]!.aborted;
    expect(delivered).toEqual([]);
    expect(requestsFrom(emulator)).toEqual(['POST /v1/responses', 'POST /v1/responses/resp/cancel', 'GET /v1/responses/resp']);
  });

  it('a first event that never comes: the held request is closed at firstEventTimeout, nothing else is sent', async () => {
    emulator.inject({ kind: 'stall', afterEvents: 0 }, { match: POST_RESPONSE });
    const scheduler = new WatchedScheduler();
    const { sent, fetch } = watchedFetch(scheduler);
    const client = clientWith({ fetch, scheduler, firstEventTimeout: 5000 });
    const { delivered, subscription } = subscribe(client, { cancelOnUnsubscribe: true });
    const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
    await scheduler.waitScheduled((ms) => ms === 5000);
    subscription.unsubscribe();
    scheduler.advanceTo(4999);
    expect(sent[0]!.abortedAt).toBeUndefined();
    scheduler.advanceTo(5000);
    expect(sent[0]!.abortedAt).toBe(5000);
    expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
    expect(delivered).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(requestsFrom(emulator)).toEqual(['POST /v1/responses']);
  });

  it('headers that never come: the held request is closed at the request timeout, nothing else is sent', async () => {
    emulator.inject({ kind: 'delay', ms: 60_000, headersFirst: false }, { match: POST_RESPONSE });
    const scheduler = new WatchedScheduler();
    const { sent, fetch } = watchedFetch(scheduler);
    const client = clientWith({ fetch, scheduler, timeout: 5000 });
    const { delivered, subscription } = subscribe(client, { cancelOnUnsubscribe: true });
    const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
    subscription.unsubscribe();
    scheduler.advanceTo(4999);
    expect(sent[0]!.abortedAt).toBeUndefined();
    scheduler.advanceTo(5000);
    expect(sent[0]!.abortedAt).toBe(5000);
    expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
    // The client has seen its fetch fail: whatever waits then runs. Nothing does.
    await sent[0]!.read;
    await turn();
    scheduler.advanceTo(Infinity);
    await turn();
    expect([delivered, sent.length]).toEqual([[], 1]);
    expect(requestsFrom(emulator)).toEqual(['POST /v1/responses']);
  });

  it('an error answer to the held request (a 429): closed, never sent again, nothing cancelled', async () => {
    emulator.inject({ kind: 'rateLimit', retryAfterMs: 1 }, { match: POST_RESPONSE });
    emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE });
    const scheduler = new WatchedScheduler();
    const { sent, fetch } = watchedFetch(scheduler);
    const client = clientWith({ fetch, scheduler, maxRetries: 2 });
    const { subscription } = subscribe(client, { cancelOnUnsubscribe: true });
    const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
    subscription.unsubscribe();
    expect(sent[0]!.abortedAt).toBeUndefined();
    expect(await post.ended).toMatchObject({ status: 429, outcome: 'finished' });
    // The client has read the 429: a retry would be waiting now (1 ms, virtual); whatever waits runs.
    await sent[0]!.read;
    await turn();
    scheduler.advanceTo(Infinity);
    await turn();
    expect(sent).toHaveLength(1);
    expect(requestsFrom(emulator)).toEqual(['POST /v1/responses']);
  });

  describe('left before the POST was sent: nothing is sent (where a call left once its POST went is held)', () => {
    it('while the apiKey function runs', async () => {
      emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE });
      let giveKey!: (key: string) => void;
      const key = new Promise<string>((resolve) => (giveKey = resolve));
      const { sent, fetch } = watchedFetch();
      const client = clientWith({ fetch, apiKey: () => key });
      subscribe(client, { cancelOnUnsubscribe: true }).subscription.unsubscribe();
      const late = subscribe(client, { cancelOnUnsubscribe: true });
      giveKey('test');
      await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
      late.subscription.unsubscribe();
      // The one request sent is the second call's, held.
      expect(sent.map((s) => s.abortedAt)).toEqual([undefined]);
      expect((await cancelled(0)).status).toBe('cancelled');
      expect(requestsFrom(emulator)).toEqual(['POST /v1/responses', 'POST /v1/responses/resp/cancel', 'GET /v1/responses/resp']);
    });

    it('during the backoff before a retry', async () => {
      emulator.inject({ kind: 'rateLimit', retryAfterMs: 12_345 }, { match: POST_RESPONSE, times: 2 });
      const scheduler = new WatchedScheduler();
      const { sent, fetch } = watchedFetch(scheduler);
      const client = clientWith({ fetch, scheduler, maxRetries: 2 });
      let backoff = scheduler.waitScheduled((ms) => ms === 12_345);
      const early = subscribe(client, { cancelOnUnsubscribe: true });
      await backoff;
      early.subscription.unsubscribe();
      backoff = scheduler.waitScheduled((ms) => ms === 12_345);
      const late = subscribe(client, { cancelOnUnsubscribe: true });
      await backoff;
      // The second call's retry goes (the first call's wait ended with it), and its answer comes late.
      emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE });
      scheduler.advanceTo(12_345);
      await emulator.waitForRequest({ ...POST_RESPONSE, nth: 3, timeout: 5000 });
      late.subscription.unsubscribe();
      expect(sent.map((s) => s.abortedAt)).toEqual([undefined, undefined, undefined]);
      expect((await cancelled(0)).status).toBe('cancelled');
      expect(requestsFrom(emulator)).toEqual([
        'POST /v1/responses',
        'POST /v1/responses',
        'POST /v1/responses',
        'POST /v1/responses/resp/cancel',
        'GET /v1/responses/resp',
      ]);
      expect(emulator.counters.responsesCreated).toBe(1);
    });
  });

  it.each([
    ['a response not in the background', { cancelOnUnsubscribe: true }, { model: 'gpt-4o', input: INPUT }],
    ['without cancelOnUnsubscribe', {}, BACKGROUND],
  ])('%s: the request is aborted when the subscriber leaves (where a background one is held), nothing is cancelled', async (_, options, params) => {
    emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE, times: 2 });
    const { sent, fetch } = watchedFetch();
    const client = clientWith({ fetch });
    const held = subscribe(client, { cancelOnUnsubscribe: true });
    await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
    held.subscription.unsubscribe();
    const left = subscribe(client, options, params);
    const post = await emulator.waitForRequest({ ...POST_RESPONSE, nth: 2, timeout: 5000 });
    left.subscription.unsubscribe();
    expect(sent.map((s) => s.abortedAt === undefined)).toEqual([true, false]);
    expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
    // The held one's cancel, the only one.
    await cancelled(0);
    expect(requestsFrom(emulator).sort()).toEqual(['GET /v1/responses/resp', 'POST /v1/responses', 'POST /v1/responses', 'POST /v1/responses/resp/cancel']);
  });

  describe('a signal aborts at once, held or not: no cancel for a response whose id is not known', () => {
    it("the call's signal, aborted before the first event: the request is aborted (where unsubscribing holds it), the call fails with the reason", async () => {
      emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE, times: 2 });
      const { sent, fetch } = watchedFetch();
      const client = clientWith({ fetch });
      const held = subscribe(client, { cancelOnUnsubscribe: true });
      await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
      held.subscription.unsubscribe();
      const controller = new AbortController();
      const { delivered } = subscribe(client, { cancelOnUnsubscribe: true, signal: controller.signal });
      const post = await emulator.waitForRequest({ ...POST_RESPONSE, nth: 2, timeout: 5000 });
      const reason = new Error('stopped by the user');
      controller.abort(reason);
      expect(sent.map((s) => s.abortedAt === undefined)).toEqual([true, false]);
      expect(delivered).toEqual([reason]);
      expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
      // The held one's cancel, the only one.
      await cancelled(0);
      expect(requestsFrom(emulator).sort()).toEqual(['GET /v1/responses/resp', 'POST /v1/responses', 'POST /v1/responses', 'POST /v1/responses/resp/cancel']);
    });

    it.each(['call', 'client'])("the %s's signal, aborted while the request is held: it is closed at once", async (whose) => {
      emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE });
      const { sent, fetch } = watchedFetch();
      const controller = new AbortController();
      const client = clientWith(whose === 'client' ? { fetch, signal: controller.signal } : { fetch });
      const { subscription } = subscribe(client, whose === 'call' ? { cancelOnUnsubscribe: true, signal: controller.signal } : { cancelOnUnsubscribe: true });
      const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
      subscription.unsubscribe();
      expect(sent[0]!.abortedAt).toBeUndefined();
      controller.abort();
      expect(sent[0]!.abortedAt).toBeDefined();
      expect(await post.ended).toMatchObject({ outcome: 'client-closed' });
      expect(requestsFrom(emulator)).toEqual(['POST /v1/responses']);
    });
  });

  describe("cancelOnUnsubscribe: 'beforeId' (a relay's upstream)", () => {
    it('left before the first event: the request is held, and the response cancelled once its id comes', async () => {
      emulator.inject({ kind: 'delay', ms: 300, headersFirst: false }, { match: POST_RESPONSE });
      const { sent, fetch } = watchedFetch();
      const { delivered, subscription } = subscribe(clientWith({ fetch }), { cancelOnUnsubscribe: 'beforeId', idempotencyKey: 'relayed' });
      await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
      subscription.unsubscribe();
      expect(sent[0]!.abortedAt).toBeUndefined();
      const { cancel, status } = await cancelled(0);
      expect([cancel.idempotencyKey, status]).toEqual(['relayed-cancel', 'cancelled']);
      expect(delivered).toEqual([]);
    });

    it('left once an event told the id: no cancel (where true sends one as the subscriber leaves)', async () => {
      const { sent, fetch } = watchedFetch();
      const client = clientWith({ fetch });
      // Left at the third event: the teardown sends a cancel at once, so what was fetched by then is all there is.
      const leftAtThird = async (cancelOnUnsubscribe: true | 'beforeId') => {
        const from = sent.length;
        const events = await lastValueFrom(client.responses.stream(BACKGROUND, { cancelOnUnsubscribe }).pipe(take(3), toArray()));
        expect(events[0]).toMatchObject({ type: 'response.created' });
        return sent.slice(from).map((s) => `${s.method} ${s.path.replace(/resp_\w+/g, 'resp')}`);
      };
      expect(await leftAtThird(true)).toEqual(['POST /v1/responses', 'POST /v1/responses/resp/cancel']);
      expect(await leftAtThird('beforeId')).toEqual(['POST /v1/responses']);
    });
  });

  describe('fallbackToPolling', () => {
    it('a stream answered without one (the response as JSON), left before the answer: the response is cancelled', async () => {
      emulator.inject({ kind: 'streamIgnored' }, { match: POST_RESPONSE });
      emulator.inject({ kind: 'delay', ms: 300 }, { match: POST_RESPONSE });
      const { sent, fetch } = watchedFetch();
      const { delivered, subscription } = subscribe(clientWith({ fetch }), { cancelOnUnsubscribe: true, fallbackToPolling: true });
      const post = await emulator.waitForRequest({ ...POST_RESPONSE, timeout: 5000 });
      subscription.unsubscribe();
      expect(sent[0]!.abortedAt).toBeUndefined();
      const { status } = await cancelled(0);
      expect(status).toBe('cancelled');
      expect(await post.ended).toMatchObject({ status: 200, streamed: false });
      expect(delivered).toEqual([]);
      expect(requestsFrom(emulator)).toEqual(['POST /v1/responses', 'POST /v1/responses/resp/cancel', 'GET /v1/responses/resp']);
    });

    it("the fallback's create, left before its answer: the response is cancelled", async () => {
      emulator.inject({ kind: 'serverError', status: 503 }, { match: POST_RESPONSE });
      const { sent, fetch } = watchedFetch();
      const { delivered, subscription } = subscribe(clientWith({ fetch }), {
        cancelOnUnsubscribe: true,
        fallbackToPolling: true,
        idempotencyKey: 'fallen-back',
        // The create's answer comes late (the stream's 503 has come already).
        onFallback: () => emulator.inject({ kind: 'delay', ms: 300 }, { match: POST_RESPONSE }),
      });
      const create = await emulator.waitForRequest({ ...POST_RESPONSE, nth: 2, timeout: 5000 });
      subscription.unsubscribe();
      expect(sent.map((s) => [s.body?.['stream'], s.abortedAt])).toEqual([
        [true, undefined],
        [undefined, undefined],
      ]);
      const { cancel, status } = await cancelled(0);
      expect([cancel.idempotencyKey, status]).toEqual(['fallen-back-cancel', 'cancelled']);
      expect(await create.ended).toMatchObject({ status: 200, outcome: 'finished' });
      expect(delivered).toEqual([]);
      expect(requestsFrom(emulator)).toEqual(['POST /v1/responses', 'POST /v1/responses', 'POST /v1/responses/resp/cancel', 'GET /v1/responses/resp']);
    });
  });
});

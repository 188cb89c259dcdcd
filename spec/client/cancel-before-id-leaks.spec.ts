/**
 * `cancelOnUnsubscribe` holds (see cancel-before-id.spec.ts), against a fetch the test answers by hand: what a held
 * request leaves behind on each path (timers, signal listeners, pending tasks, the client's end$), what is cancelled,
 * with which key, and that nothing is delivered, nor reported unhandled.
 */
import { config, Subject, switchMap, take } from 'rxjs';
import { type ClientOptions, createClient, type ResponseStreamOptions } from '../../src/index';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const BACKGROUND = { model: 'gpt-4o', input: 'Hi', background: true } as const;
const encoder = new TextEncoder();
const turn = () => new Promise((resolve) => setImmediate(resolve));
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await turn();
};

interface Call {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly signal: AbortSignal;
  /** Answers with an event stream's headers. */
  sse(): void;
  push(event: object): void;
  end(): void;
  cut(error: unknown): void;
  json(status: number, body: unknown): void;
  reject(error: unknown): void;
}

function fakeFetch() {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init!.signal!;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      const abort = () => {
        const reason = signal.reason ?? new DOMException('aborted', 'AbortError');
        reject(reason);
        try {
          controller.error(reason);
        } catch {
          // closed already
        }
      };
      if (signal.aborted) abort();
      signal.addEventListener('abort', abort);
      calls.push({
        method: init?.method ?? 'GET',
        path: new URL(String(input)).pathname,
        headers: init!.headers as Record<string, string>,
        signal,
        sse: () => resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })),
        push: (event) => controller.enqueue(encoder.encode(`event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`)),
        end: () => controller.close(),
        cut: (error) => controller.error(error),
        reject,
        json: (status, json) => resolve(new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } })),
      });
    });
  return { calls, fetch };
}

const response = (id: string, status = 'queued') => ({ id, object: 'response', status, background: true, output: [] });
const created = (id: string, status = 'queued') => ({ type: 'response.created', sequence_number: 0, response: response(id, status) });
const inProgress = (id: string) => ({ type: 'response.in_progress', sequence_number: 1, response: response(id, 'in_progress') });

/** A signal whose listeners are counted. */
function countedSignal() {
  const controller = new AbortController();
  const signal = controller.signal;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  const seen = new Set<unknown>();
  signal.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions) => {
    if (!seen.has(listener)) listeners++;
    seen.add(listener);
    add(type, listener, options);
    if (options?.once) {
      add(type, () => {
        if (seen.delete(listener)) listeners--;
      }, { once: true });
    }
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: EventListenerOptions) => {
    if (seen.delete(listener)) listeners--;
    remove(type, listener, options);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners: () => listeners };
}

function countedTasks() {
  let open = 0;
  return {
    add: () => {
      open++;
      let done = false;
      return () => {
        if (!done) open--;
        done = true;
      };
    },
    open: () => open,
  };
}

const openTimers = (scheduler: WatchedScheduler) => (scheduler as unknown as { actions: Array<{ closed: boolean }> }).actions.filter((a) => !a.closed).length;

describe('cancelOnUnsubscribe holds: what is left behind', () => {
  let unhandled: unknown[];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    config.onUnhandledError = (error) => unhandled.push(error);
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    config.onUnhandledError = null;
    process.off('unhandledRejection', onRejection);
  });

  const setup = (options: Partial<ClientOptions> = {}) => {
    const { calls, fetch } = fakeFetch();
    const scheduler = new WatchedScheduler();
    const tasks = countedTasks();
    const clientSignal = countedSignal();
    const client = createClient({ apiKey: 'k', baseURL: 'http://api.test/v1', maxRetries: 0, fetch, scheduler, pendingTasks: tasks, signal: clientSignal.signal, ...options });
    const userSignal = countedSignal();
    const state = () => ({ timers: openTimers(scheduler), tasks: tasks.open(), user: userSignal.listeners(), client: clientSignal.listeners() });
    return { calls, scheduler, tasks, client, clientSignal, userSignal, state };
  };
  const idle = { timers: 0, tasks: 0, user: 0, client: 0 };

  const stream = (client: ReturnType<typeof createClient>, options: ResponseStreamOptions) => {
    const delivered: unknown[] = [];
    const subscription = client.responses.stream(BACKGROUND, options).subscribe({ next: (e) => delivered.push(e), error: (e: unknown) => delivered.push(e) });
    return { delivered, subscription };
  };

  it.each([true, 'beforeId'] as const)('left waiting for headers (%s): the id comes, one cancel with <key>-cancel, then everything is let go', async (cancelOnUnsubscribe) => {
    const { calls, client, userSignal, state, scheduler } = setup();
    const { delivered, subscription } = stream(client, { cancelOnUnsubscribe, signal: userSignal.signal, idempotencyKey: 'K' });
    await turns();
    expect(calls).toHaveLength(1);
    subscription.unsubscribe();
    expect(calls[0]!.signal.aborted).toBe(false);
    calls[0]!.sse();
    await turns();
    calls[0]!.push(created('resp_1'));
    await turns();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.headers['idempotency-key']}`)).toEqual(['POST /v1/responses K', 'POST /v1/responses/resp_1/cancel K-cancel']);
    calls[1]!.json(200, response('resp_1', 'cancelled'));
    await turns();
    expect(state()).toEqual(idle);
    expect(delivered).toEqual([]);
    scheduler.advanceTo(Infinity);
    await turns();
    expect(calls).toHaveLength(2);
    expect(unhandled).toEqual([]);
  });

  it.each([
    ['cut (a reset)', (c: Call) => c.cut(new TypeError('terminated'))],
    ['ended without naming the response', (c: Call) => c.end()],
    ['an error event', (c: Call) => c.push({ type: 'error', sequence_number: 0, code: 'server_error', message: 'boom' })],
  ])('left while held, the held stream %s: nothing cancelled, everything let go, nothing unhandled', async (_, ending) => {
    const { calls, client, userSignal, state, scheduler } = setup();
    const { delivered, subscription } = stream(client, { cancelOnUnsubscribe: true, signal: userSignal.signal });
    await turns();
    calls[0]!.sse();
    await turns();
    subscription.unsubscribe();
    ending(calls[0]!);
    await turns();
    expect(state()).toEqual(idle);
    scheduler.advanceTo(Infinity);
    await turns();
    expect([calls.length, delivered, unhandled]).toEqual([1, [], []]);
  });

  it('take(1) on a first event that does not name the response: held, cancelled once the id comes', async () => {
    const { calls, client, state } = setup();
    const delivered: unknown[] = [];
    client.responses.stream(BACKGROUND, { cancelOnUnsubscribe: 'beforeId' }).pipe(take(1)).subscribe((e) => delivered.push(e));
    await turns();
    calls[0]!.sse();
    await turns();
    calls[0]!.push({ type: 'keepalive' });
    await turns();
    expect(delivered).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(false);
    calls[0]!.push(created('resp_1'));
    calls[0]!.push(inProgress('resp_1'));
    await turns();
    expect(calls.map((c) => c.path)).toEqual(['/v1/responses', '/v1/responses/resp_1/cancel']);
    calls[1]!.json(200, response('resp_1', 'cancelled'));
    await turns();
    expect(state()).toEqual(idle);
    expect([delivered.length, unhandled]).toEqual([1, []]);
  });

  it('take(1) on response.created: no hold; true cancels once, beforeId never', async () => {
    for (const cancelOnUnsubscribe of [true, 'beforeId'] as const) {
      const { calls, client, state } = setup();
      client.responses.stream(BACKGROUND, { cancelOnUnsubscribe }).pipe(take(1)).subscribe();
      await turns();
      calls[0]!.sse();
      await turns();
      calls[0]!.push(created('resp_1'));
      await turns();
      expect(calls[0]!.signal.aborted).toBe(true);
      expect(calls.map((c) => c.path)).toEqual(cancelOnUnsubscribe === true ? ['/v1/responses', '/v1/responses/resp_1/cancel'] : ['/v1/responses']);
      calls[1]?.json(200, response('resp_1', 'cancelled'));
      await turns();
      expect(state()).toEqual(idle);
    }
    expect(unhandled).toEqual([]);
  });

  it('switchMap re-subscribing: every left create is held and cancelled by its own id, with its own key; all let go', async () => {
    const { calls, client, state } = setup();
    const clicks = new Subject<number>();
    const delivered: unknown[] = [];
    clicks.pipe(switchMap((n) => client.responses.stream(BACKGROUND, { cancelOnUnsubscribe: true, idempotencyKey: `k${n}` }))).subscribe((e) => delivered.push(e));
    for (let n = 0; n < 20; n++) clicks.next(n);
    await turns();
    expect(calls).toHaveLength(20);
    for (const [n, call] of calls.slice(0, 20).entries()) {
      call.sse();
      await turns(2);
      call.push(created(`resp_${n}`));
    }
    await turns();
    const cancels = calls.slice(20);
    expect(cancels.map((c) => `${c.path} ${c.headers['idempotency-key']}`)).toEqual(
      Array.from({ length: 19 }, (_, n) => `/v1/responses/resp_${n}/cancel k${n}-cancel`),
    );
    expect(calls.slice(0, 19).every((c) => c.signal.aborted)).toBe(true);
    for (const cancel of cancels) cancel.json(200, {});
    clicks.complete();
    await turns(20);
    // The last is still streaming, delivered to the subscriber.
    expect(delivered).toEqual([created('resp_19')]);
    expect(state()).toMatchObject({ tasks: 0, user: 0 });
    expect(unhandled).toEqual([]);
  });

  it('left during a resume of a cut stream: true cancels once by its id, beforeId sends nothing', async () => {
    for (const cancelOnUnsubscribe of [true, 'beforeId'] as const) {
      const { calls, client, state } = setup();
      const { subscription } = stream(client, { cancelOnUnsubscribe });
      await turns();
      calls[0]!.sse();
      await turns();
      calls[0]!.push(created('resp_1'));
      await turns();
      calls[0]!.cut(new TypeError('terminated'));
      await turns();
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp_1']);
      subscription.unsubscribe();
      await turns();
      expect(calls[1]!.signal.aborted).toBe(true);
      expect(calls.slice(2).map((c) => c.path)).toEqual(cancelOnUnsubscribe === true ? ['/v1/responses/resp_1/cancel'] : []);
      calls[2]?.json(200, {});
      await turns();
      expect(state()).toEqual(idle);
    }
    expect(unhandled).toEqual([]);
  });

  it.each([
    ['running', 'queued', true],
    ['settled', 'completed', false],
  ])("left during the fallback's create, answered with a %s response: cancelled only while running", async (_, status, cancels) => {
    const { calls, client, state } = setup();
    const { subscription, delivered } = stream(client, { cancelOnUnsubscribe: 'beforeId', fallbackToPolling: true, idempotencyKey: 'F' });
    await turns();
    calls[0]!.json(503, { error: { message: 'down' } });
    await turns();
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
    subscription.unsubscribe();
    calls[1]!.json(200, response('resp_1', status));
    await turns();
    expect(calls.slice(2).map((c) => `${c.path} ${c.headers['idempotency-key']}`)).toEqual(cancels ? ['/v1/responses/resp_1/cancel F-cancel'] : []);
    calls[2]?.json(200, {});
    await turns();
    expect(state()).toEqual(idle);
    expect([delivered, unhandled]).toEqual([[], []]);
  });

  it("the client's signal (an Angular injector's end) while held: closed at once, nothing cancelled, its later events go nowhere", async () => {
    const { calls, client, clientSignal, state } = setup();
    const { delivered, subscription } = stream(client, { cancelOnUnsubscribe: true });
    await turns();
    calls[0]!.sse();
    await turns();
    subscription.unsubscribe();
    clientSignal.controller.abort(new Error('destroyed'));
    expect(calls[0]!.signal.aborted).toBe(true);
    await turns();
    expect(state()).toEqual({ ...idle, client: state().client });
    expect([calls.length, delivered, unhandled]).toEqual([1, [], []]);
  });

  it('held past firstEventTimeout, then past idleTimeout between events that do not name it: closed, timers gone', async () => {
    const { calls, client, state, scheduler } = setup({ firstEventTimeout: 1000, idleTimeout: 2000 });
    const { subscription } = stream(client, { cancelOnUnsubscribe: true });
    await turns();
    calls[0]!.sse();
    await turns();
    subscription.unsubscribe();
    calls[0]!.push({ type: 'keepalive' });
    await turns();
    scheduler.advanceTo(1999);
    expect(calls[0]!.signal.aborted).toBe(false);
    scheduler.advanceTo(2000);
    expect(calls[0]!.signal.aborted).toBe(true);
    await turns();
    expect(state()).toEqual(idle);
    expect([calls.length, unhandled]).toEqual([1, []]);
  });

  it.each([
    ['the fetch fails (a refused connection)', (c: Call) => c.reject(new TypeError('fetch failed'))],
    ['a 500 answers it', (c: Call) => c.json(500, { error: { message: 'down' } })],
  ])('left waiting for headers, then %s: never sent again (maxRetries 2), nothing cancelled, all let go', async (_, answer) => {
    const { calls, client, userSignal, state, scheduler } = setup({ maxRetries: 2 });
    const { delivered, subscription } = stream(client, { cancelOnUnsubscribe: true, signal: userSignal.signal });
    await turns();
    subscription.unsubscribe();
    answer(calls[0]!);
    await turns();
    expect(state()).toEqual(idle);
    scheduler.advanceTo(Infinity);
    await turns();
    expect([calls.length, delivered, unhandled]).toEqual([1, [], []]);
  });
});

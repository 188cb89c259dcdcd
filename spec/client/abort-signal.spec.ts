/**
 * The `signal` request option ends a call whatever it is doing, as unsubscribing does: in a resume's backoff, in a
 * poll's wait, with `cancelOnUnsubscribe`, over HTTP to the emulator. The waits run on a scheduler that never fires
 * (a `VirtualTimeScheduler` nobody flushes), so a call that ignored the signal would wait for ever: these tests
 * then time out rather than pass.
 */
import { getEventListeners } from 'node:events';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import type { Run, ResponseStreamEvent } from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing/index.js';
import { useEmulator } from '../helpers/emulator';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky';
const POST_RESPONSE = { method: 'POST', path: '/responses' } as const;
const RESUME = { method: 'GET', path: /^\/v1\/responses\/resp_[^/]+$/ } as const;

/** Subscribes, aborts with `reason` once `when` resolves, and gives what the call delivered and how it ended. */
async function abortedWhen<T>(
  call: (signal: AbortSignal) => { subscribe(observer: { next(value: T): void; error(e: unknown): void; complete(): void }): unknown },
  when: (received: readonly T[]) => Promise<unknown>,
): Promise<{ received: T[]; error: unknown }> {
  const controller = new AbortController();
  const received: T[] = [];
  const ended = new Promise<unknown>((resolve) =>
    call(controller.signal).subscribe({ next: (value) => received.push(value), error: resolve, complete: () => resolve('completed') }),
  );
  await when(received);
  const reason = new Error('stopped by the user');
  controller.abort(reason);
  // A generous bound, so that a call that ignores the signal fails this test instead of holding it to its timeout.
  let bound: NodeJS.Timeout | undefined;
  const error = await Promise.race([ended, new Promise((resolve) => (bound = setTimeout(() => resolve('still running 5 s after the abort'), 5000)))]);
  clearTimeout(bound);
  expect(error).toBe(reason);
  return { received, error };
}

/** Requests of `emulator` from index `from` on, as `METHOD path` with response ids generalised. */
const requestsFrom = (emulator: Emulator, from: number) =>
  emulator.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/(resp|run|thread)_\w+/g, '$1')}`);

describe('the signal option ends a call during its waits', () => {
  it('a background response in the backoff between resumes: the stream fails with the reason, nothing more is sent', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST_RESPONSE });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 0 }, { match: RESUME, times: 10 });
    const from = ctx.emulator.requests.length;
    const scheduler = new WatchedScheduler();
    const client = ctx.clientWith({ scheduler, maxRetries: 5 });
    await abortedWhen<ResponseStreamEvent>(
      (signal) => client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { signal }),
      // The first resume goes at once and ends empty: the second waits for its backoff (375 to 500 ms).
      () => scheduler.waitScheduled((ms) => ms >= 375 && ms <= 500),
    );
    await ctx.emulator.idle();
    expect(requestsFrom(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp']);
  });

  it('a stored response waiting to settle after a cut: the stream fails with the reason between two polls', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 40, deltaMs: 40 } });
    try {
      paced.inject({ kind: 'reset', afterEvents: 3 }, { match: POST_RESPONSE });
      const scheduler = new WatchedScheduler();
      const client = ctx.clientWith({ baseURL: paced.url, scheduler });
      const { received } = await abortedWhen<ResponseStreamEvent>(
        (signal) => client.responses.stream({ model: 'gpt-4o', input: INPUT }, { signal, pollIntervalMs: 12_345 }),
        // The first look at the response finds it in progress: the next waits for the poll interval.
        () => scheduler.waitScheduled((ms) => ms === 12_345),
      );
      expect(received).toHaveLength(3);
      await paced.idle();
      expect(requestsFrom(paced, 0)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp']);
    } finally {
      await paced.close();
    }
  });

  it('with cancelOnUnsubscribe, a background response aborted by its signal is cancelled, as when unsubscribed', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 } });
    try {
      const client = ctx.clientWith({ baseURL: paced.url });
      const { received } = await abortedWhen<ResponseStreamEvent>(
        (signal) => client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { signal, cancelOnUnsubscribe: true }),
        async (events) => {
          while (events.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
        },
      );
      const cancel = await paced.waitForRequest({ method: 'POST', path: /\/cancel$/, timeout: 5000 });
      await cancel.ended;
      const id = received[0]!.type === 'response.created' ? received[0]!.response.id : '';
      expect(cancel.path).toBe(`/v1/responses/${id}/cancel`);
      await expect(firstValueFrom(client.responses.retrieve(id))).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      await paced.close();
    }
  });

  it('createAndPoll of a run, between two polls: the call fails with the reason, nothing more is sent', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 40, deltaMs: 40 }, statusStepMs: 200 });
    try {
      const scheduler = new WatchedScheduler();
      const client = ctx.clientWith({ baseURL: paced.url, scheduler });
      const { id: assistant_id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
      const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: INPUT }] }));
      const from = paced.requests.length;
      const { received } = await abortedWhen<Run>(
        (signal) => client.threads.runs.createAndPoll(thread.id, { assistant_id }, { signal }),
        // The created run is emitted, and the first poll waits for its interval (none after a create).
        () => scheduler.waitScheduled((ms) => ms === 0),
      );
      expect(received.map((run) => run.status)).toEqual(['queued']);
      await paced.idle();
      expect(requestsFrom(paced, from)).toEqual(['POST /v1/threads/thread/runs']);
    } finally {
      await paced.close();
    }
  });

  it('uploadAndPoll of a vector store file, between two polls: the call fails with the reason, nothing more is sent', async () => {
    const scheduler = new WatchedScheduler();
    const client = ctx.clientWith({ scheduler });
    const store = await firstValueFrom(client.vectorStores.create({ name: 'docs' }));
    const from = ctx.emulator.requests.length;
    await abortedWhen(
      (signal) => client.vectorStores.files.uploadAndPoll(store.id, { name: 'a.txt', content: 'alpha' }, { signal }),
      // Uploaded and attached: the first poll waits for its interval (none after a create).
      () => scheduler.waitScheduled((ms) => ms === 0),
    );
    await ctx.emulator.idle();
    expect(requestsFrom(ctx.emulator, from)).toEqual(['POST /v1/files', expect.stringMatching(/^POST \/v1\/vector_stores\/vs_\w+\/files$/)]);
  });

  it.each(['createAndRun', 'runs.create'] as const)('%s in the backoff before a retry: the call fails with the reason, nothing more is sent', async (method) => {
    const scheduler = new WatchedScheduler();
    const client = ctx.clientWith({ scheduler, maxRetries: 3 });
    const { id: assistant_id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(client.threads.create({}));
    const path = method === 'createAndRun' ? '/threads/runs' : `/threads/${thread.id}/runs`;
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 12_345 }, { match: { method: 'POST', path }, times: 1 });
    const from = ctx.emulator.requests.length;
    await abortedWhen<unknown>(
      (signal) =>
        method === 'createAndRun'
          ? client.threads.createAndRun({ assistant_id }, { signal })
          : client.threads.runs.create(thread.id, { assistant_id }, { signal }),
      // The 429 asks for 12,345 ms before the retry.
      () => scheduler.waitScheduled((ms) => ms === 12_345),
    );
    await ctx.emulator.idle();
    expect(ctx.emulator.requests.slice(from).map((r) => r.method)).toEqual(['POST']);
  });

  it('a signal aborted already fails a stream before anything is sent', async () => {
    const from = ctx.emulator.requests.length;
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(
      lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { signal: controller.signal }).pipe(toArray())),
    ).rejects.toThrow('too late');
    expect(ctx.emulator.requests.length).toBe(from);
  });
});

describe("the client's signal ends every call of the client, as a call's own does", () => {
  it('a background response in the backoff between resumes', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: POST_RESPONSE });
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 0 }, { match: RESUME, times: 10 });
    const from = ctx.emulator.requests.length;
    const scheduler = new WatchedScheduler();
    await abortedWhen<ResponseStreamEvent>(
      (signal) => ctx.clientWith({ scheduler, maxRetries: 5, signal }).responses.stream({ model: 'gpt-4o', input: INPUT, background: true }),
      () => scheduler.waitScheduled((ms) => ms >= 375 && ms <= 500),
    );
    await ctx.emulator.idle();
    expect(requestsFrom(ctx.emulator, from)).toEqual(['POST /v1/responses', 'GET /v1/responses/resp']);
  });

  it('runs.create in the backoff before a retry, and createAndPoll between two polls', async () => {
    const { id: assistant_id } = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(ctx.client.threads.create({}));
    const scheduler = new WatchedScheduler();
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 12_345 }, { match: { method: 'POST', path: `/threads/${thread.id}/runs` }, times: 1 });
    let from = ctx.emulator.requests.length;
    await abortedWhen<unknown>(
      (signal) => ctx.clientWith({ scheduler, maxRetries: 3, signal }).threads.runs.create(thread.id, { assistant_id }),
      () => scheduler.waitScheduled((ms) => ms === 12_345),
    );
    await ctx.emulator.idle();
    expect(ctx.emulator.requests.slice(from).map((r) => r.method)).toEqual(['POST']);

    from = ctx.emulator.requests.length;
    const polls = new WatchedScheduler();
    const { received } = await abortedWhen<Run>(
      (signal) => ctx.clientWith({ scheduler: polls, signal }).threads.runs.createAndPoll(thread.id, { assistant_id }),
      () => polls.waitScheduled((ms) => ms === 0),
    );
    expect(received).toHaveLength(1);
    await ctx.emulator.idle();
    expect(requestsFrom(ctx.emulator, from)).toEqual(['POST /v1/threads/thread/runs']);
  });

  it('uploadAndPoll between two polls', async () => {
    const store = await firstValueFrom(ctx.client.vectorStores.create({ name: 'docs' }));
    const scheduler = new WatchedScheduler();
    const from = ctx.emulator.requests.length;
    await abortedWhen(
      (signal) => ctx.clientWith({ scheduler, signal }).vectorStores.files.uploadAndPoll(store.id, { name: 'a.txt', content: 'alpha' }),
      () => scheduler.waitScheduled((ms) => ms === 0),
    );
    await ctx.emulator.idle();
    expect(ctx.emulator.requests.slice(from)).toHaveLength(2);
  });

  it('an open stream is aborted (the connection closes); a later call fails at once, unsent; no cancel is sent', async () => {
    const controller = new AbortController();
    const client = ctx.clientWith({ signal: controller.signal });
    ctx.emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: POST_RESPONSE });
    const { received, error } = await abortedWhenOwn(controller, client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }, { cancelOnUnsubscribe: true }));
    expect(received).toHaveLength(2);
    const record = ctx.emulator.requests.at(-1)!;
    expect(await record.ended).toMatchObject({ clientClosed: true });
    const from = ctx.emulator.requests.length;
    await expect(firstValueFrom(client.responses.create({ model: 'gpt-4o', input: INPUT }))).rejects.toBe(error);
    await ctx.emulator.idle();
    expect(ctx.emulator.requests.length).toBe(from);
  });

  it('is listened to once for all the calls under way: twenty streams at once hold one listener on it, none when over', async () => {
    const controller = new AbortController();
    const client = ctx.clientWith({ signal: controller.signal });
    ctx.emulator.inject({ kind: 'stall', afterEvents: 1 }, { match: POST_RESPONSE, times: 20 });
    const subscriptions = Array.from({ length: 20 }, () => client.responses.stream({ model: 'gpt-4o', input: INPUT }).subscribe({ error: () => undefined }));
    // Each call listens from its subscription on (a listener each would warn of a leak past ten).
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const subscription of subscriptions) subscription.unsubscribe();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("with both, the call's own signal ends the call while the client's stays live", async () => {
    const client = new AbortController();
    const scheduler = new WatchedScheduler();
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 12_345 }, { match: POST_RESPONSE, times: 1 });
    await abortedWhen<unknown>(
      (signal) => ctx.clientWith({ scheduler, maxRetries: 3, signal: client.signal }).responses.create({ model: 'gpt-4o', input: INPUT }, { signal }),
      () => scheduler.waitScheduled((ms) => ms === 12_345),
    );
    expect(client.signal.aborted).toBe(false);
  });
});

/** Subscribes to `events$`, aborts `controller` once two events came, and gives what came and the error. */
async function abortedWhenOwn(controller: AbortController, events$: { subscribe(observer: object): unknown }) {
  const received: unknown[] = [];
  let two!: () => void;
  const arrived = new Promise<void>((resolve) => (two = resolve));
  const ended = new Promise<unknown>((resolve) =>
    events$.subscribe({ next: (value: unknown) => received.push(value) === 2 && two(), error: resolve, complete: () => resolve('completed') }),
  );
  await arrived;
  const reason = new Error('client closed');
  controller.abort(reason);
  const error = await ended;
  expect(error).toBe(reason);
  return { received, error };
}

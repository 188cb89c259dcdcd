/**
 * How long a stream's first event is awaited when the call sets no `firstEventTimeout`: a Chat Completions stream
 * sends nothing while a reasoning model thinks (a minute or more, already paid for), so its first chunk is awaited
 * for the request's `timeout`; a Responses stream, whose first event comes as it begins, for the idle timeout. Over
 * real HTTP to the emulator, in the client scheduler's virtual time: the emulator holds the first event after the
 * headers (`delay` with `headersFirst`, or a `stall` before any event) while the test moves the clock.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { createClient, StreamTimeoutError, textDeltas } from '../../src/index';
import { type Emulator, startEmulator } from '../../src/testing/index.js';
import { WatchedScheduler } from '../helpers/watched-scheduler';

const IDLE = 30_000;
const TIMEOUT = 480_000;
const CHAT = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello there' }] };

let emulator: Emulator;
beforeEach(async () => (emulator = await startEmulator({ pacing: 0 })));
afterEach(() => emulator.close());

/** A client on a virtual clock, and a promise of each response's headers (they have come: the first-event timer is armed). */
function clientWithClock(options: { firstEventTimeout?: number } = {}) {
  const scheduler = new WatchedScheduler();
  let headersCame!: () => void;
  const headers = new Promise<void>((resolve) => (headersCame = resolve));
  const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init).then((response) => (headersCame(), response));
  const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, scheduler, fetch, idleTimeout: IDLE, timeout: TIMEOUT, ...options });
  // Once the headers came, the stream's reader subscribes and arms its timer in the same turn of the event loop.
  const afterHeaders = () => headers.then(() => new Promise((resolve) => setImmediate(resolve)));
  return { client, scheduler, afterHeaders };
}

/** What the stream ended with: its text, or its error. */
const outcome = <T>(promise: Promise<T[]>) => promise.then((values) => ({ text: values.join('') }), (error: unknown) => ({ error }));

describe('the wait for the first event, without firstEventTimeout', () => {
  it('a chat stream silent past the idle timeout after its headers (a reasoning model thinking) is not cut: it streams when the chunks come', async () => {
    emulator.inject({ kind: 'delay', ms: 400, headersFirst: true }, { match: { method: 'POST', path: '/chat/completions' } });
    const { client, scheduler, afterHeaders } = clientWithClock();
    const done = outcome(lastValueFrom(client.chat.completions.stream(CHAT).pipe(textDeltas(), toArray())));
    await afterHeaders();
    scheduler.advanceTo(IDLE * 4);
    const result = await done;
    expect(result).toEqual({ text: expect.stringMatching(/\S/) });
    expect(emulator.counters.chatCompletionsCreated).toBe(1);
  });

  it("a chat stream whose first chunk never comes fails at the request's timeout (StreamTimeoutError first-event)", async () => {
    emulator.inject({ kind: 'stall', afterEvents: 0 }, { match: { method: 'POST', path: '/chat/completions' } });
    const { client, scheduler, afterHeaders } = clientWithClock();
    const done = outcome(lastValueFrom(client.chat.completions.stream(CHAT).pipe(toArray())));
    await afterHeaders();
    scheduler.advanceTo(TIMEOUT - 1);
    scheduler.advanceTo(TIMEOUT);
    const result = await done;
    expect((result as { error: unknown }).error).toBeInstanceOf(StreamTimeoutError);
    expect((result as { error: unknown }).error).toMatchObject({ kind: 'first-event', timeoutMs: TIMEOUT });
  });

  it('firstEventTimeout, when given, bounds a chat stream as it says', async () => {
    emulator.inject({ kind: 'stall', afterEvents: 0 }, { match: { method: 'POST', path: '/chat/completions' } });
    const { client, scheduler, afterHeaders } = clientWithClock({ firstEventTimeout: 5_000 });
    const done = outcome(lastValueFrom(client.chat.completions.stream(CHAT).pipe(toArray())));
    await afterHeaders();
    scheduler.advanceTo(5_000);
    expect((await done as { error: unknown }).error).toMatchObject({ kind: 'first-event', timeoutMs: 5_000 });
  });

  it('a Responses stream (its first event comes as it begins) waits for its first event for the idle timeout', async () => {
    emulator.inject({ kind: 'stall', afterEvents: 0 }, { match: { method: 'POST', path: '/responses' } });
    const { client, scheduler, afterHeaders } = clientWithClock();
    const done = outcome(lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hello there' }).pipe(toArray())));
    await afterHeaders();
    scheduler.advanceTo(IDLE);
    expect((await done as { error: unknown }).error).toMatchObject({ kind: 'first-event', timeoutMs: IDLE });
  });
});

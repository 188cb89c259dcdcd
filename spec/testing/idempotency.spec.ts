import { faultHeader, startEmulator, type Emulator } from '../../src/testing/index.js';
import { json, observe, setup } from './helpers.js';

describe('emulator: Idempotency-Key and the reply faults', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.clearFaults());

  it('a repeated key with the same request answers the first answer again, creating nothing', async () => {
    const before = emulator.counters.threadsCreated;
    const key = { 'idempotency-key': 'key-same' };
    const first = await json(emulator, 'POST', '/threads', { metadata: { n: '1' } }, key);
    const second = await json(emulator, 'POST', '/threads', { metadata: { n: '1' } }, key);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(emulator.counters.threadsCreated - before).toBe(1);
    expect(emulator.requests.slice(-2).map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      ['key-same', false],
      ['key-same', true],
    ]);
  });

  it('a repeated key with other parameters, or after a stream, is refused with 400', async () => {
    await json(emulator, 'POST', '/threads', {}, { 'idempotency-key': 'key-other' });
    const other = await json(emulator, 'POST', '/threads', { metadata: { a: 'b' } }, { 'idempotency-key': 'key-other' });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('idempotency_key_reused');

    const { assistantId, threadId } = await setup(emulator, 'Hi');
    const key = { 'idempotency-key': 'key-stream' };
    await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }, key);
    await emulator.idle();
    const again = await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true }, key);
    expect(again.status).toBe(400);
  });

  it('badGatewayAfterAccept: the object is created, the client gets a 502', async () => {
    const before = emulator.counters.threadsCreated;
    const reply = await json(emulator, 'POST', '/threads', {}, faultHeader({ kind: 'badGatewayAfterAccept' })).catch(() => undefined);
    // The body is a proxy's HTML page: `json()` cannot parse it.
    expect(reply).toBeUndefined();
    expect(emulator.counters.threadsCreated - before).toBe(1);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 502, faults: ['badGatewayAfterAccept'] });
  });

  it('badGatewayAfterAccept on a stream: 502 at once, and the run goes on to its end', async () => {
    const { assistantId, threadId } = await setup(emulator, 'Hi');
    emulator.inject({ kind: 'badGatewayAfterAccept' }, { match: { method: 'POST', path: /\/runs$/ } });
    const seen = await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
    expect(seen.status).toBe(502);
    await emulator.idle();
    const runs = (await json(emulator, 'GET', `/threads/${threadId}/runs`)).body.data;
    expect(runs.map((run: { status: string }) => run.status)).toEqual(['completed']);
  });

  it('badGatewayAfterAccept with retryAfterMs: the 502 carries retry-after-ms, on a JSON reply and on a stream', async () => {
    emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: '/threads' } });
    const reply = await observe(emulator, '/threads', {});
    expect([reply.status, reply.headers['retry-after-ms']]).toEqual([502, '5']);
    const { assistantId, threadId } = await setup(emulator, 'Hi');
    emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 7 }, { match: { method: 'POST', path: /\/runs$/ } });
    const stream = await observe(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
    expect([stream.status, stream.headers['retry-after-ms']]).toEqual([502, '7']);
    await emulator.idle();
    emulator.inject({ kind: 'badGatewayAfterAccept' }, { match: { method: 'POST', path: '/threads' } });
    expect((await observe(emulator, '/threads', {})).headers['retry-after-ms']).toBeUndefined();
  });

  it('stallBody: headers and part of a JSON body, then silence with the connection open', async () => {
    emulator.inject({ kind: 'stallBody', bytes: 7 }, { match: { method: 'POST', path: '/threads' } });
    const seen = await observe(emulator, '/threads', { metadata: { a: 'b' } }, {}, 100);
    expect(seen.status).toBe(200);
    expect(seen.text).toHaveLength(7);
    expect(seen.ending).toBe('open');
  });
});

import { faultHeader, startEmulator, type Emulator } from '../../src/testing/index.js';
import { call, json, observe, parseSse, setup } from './helpers.js';

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

  it('a replay answers the first answer as it was sent, not the object as it is now', async () => {
    const { assistantId, threadId } = await setup(emulator, 'Hi');
    const key = { 'idempotency-key': 'key-snapshot' };
    const first = await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId }, key);
    expect(first.body.status).toBe('queued');
    await emulator.idle();
    const now = await json(emulator, 'GET', `/threads/${threadId}/runs/${first.body.id}`);
    expect(now.body.status).toBe('completed');
    const again = await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId }, key);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
  });

  it('a repeated key with the same parameters in another order or spacing is the same request: replayed', async () => {
    const key = { 'idempotency-key': 'key-order' };
    const first = await call(emulator, 'POST', '/threads', '{"metadata":{"a":"1","b":"2"}}', key);
    const again = await call(emulator, 'POST', '/threads', '{ "metadata": { "b": "2", "a": "1" } }', key);
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(await again.json()).toEqual(await first.json());
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

  it('a multipart upload is compared by its parts: the same file again is replayed, another file is refused', async () => {
    const upload = async (name: string, content: string) => {
      const form = new FormData(); // each request gets a boundary of its own
      form.append('purpose', 'assistants');
      form.append('file', new Blob([content], { type: 'text/plain' }), name);
      const headers = { authorization: 'Bearer test', 'idempotency-key': 'key-upload' };
      const res = await fetch(`${emulator.url}/files`, { method: 'POST', headers, body: form });
      return { status: res.status, body: await res.json(), replayed: res.headers.get('idempotent-replayed') };
    };
    const before = emulator.counters.filesUploaded;
    const first = await upload('one.txt', 'ONE');
    const again = await upload('one.txt', 'ONE');
    expect([again.status, again.replayed, again.body]).toEqual([200, 'true', first.body]);
    for (const [name, content] of [['two.txt', 'TWO-TWO'], ['one.txt', 'one'], ['two.txt', 'ONE']]) {
      const other = await upload(name!, content!);
      expect([other.status, other.body.error?.code]).toEqual([400, 'idempotency_key_reused']);
    }
    expect(emulator.counters.filesUploaded - before).toBe(1);
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

  it('stallBody is used up only by a JSON answer of the API: not by an event stream, nor by an error answer', async () => {
    // Every request below matches; only the JSON answer uses the fault up.
    const stall = emulator.inject({ kind: 'stallBody', bytes: 5 }, { match: { path: /\/responses/ } });
    const streamed = await call(emulator, 'POST', '/responses', { model: 'gpt-4o', input: 'Hi', stream: true });
    expect([streamed.status, parseSse(await streamed.text()).at(-1)?.event]).toEqual([200, 'response.completed']);
    const refused = await json(emulator, 'POST', '/responses', {});
    expect(refused.status).toBe(400);
    const missing = await json(emulator, 'GET', '/responses/resp_none');
    expect(missing.status).toBe(404);
    expect(emulator.requests.slice(-3).map((r) => r.faults)).toEqual([[], [], []]);
    expect([stall.hits, stall.remaining]).toEqual([0, 1]);
    // The first answer it applies to gets it.
    const stalled = await observe(emulator, '/responses', { model: 'gpt-4o', input: 'Hi' }, {}, 100);
    expect([stalled.status, stalled.text.length, stalled.ending]).toEqual([200, 5, 'open']);
    expect([stall.hits, emulator.requests.at(-1)!.faults]).toEqual([1, ['stallBody']]);
  });

  it('badGatewayAfterAccept is used up only by a request the API accepted; a stream it hides uses no stream fault up', async () => {
    const lost = emulator.inject({ kind: 'badGatewayAfterAccept' }, { match: { method: 'POST', path: /\/responses/ } });
    expect((await json(emulator, 'POST', '/responses', {})).status).toBe(400);
    expect((await json(emulator, 'POST', '/responses/resp_none/cancel', {})).status).toBe(404);
    expect([lost.hits, lost.remaining]).toEqual([0, 1]);
    const before = emulator.counters.responsesCreated;
    expect((await observe(emulator, '/responses', { model: 'gpt-4o', input: 'Hi' })).status).toBe(502);
    expect(emulator.counters.responsesCreated - before).toBe(1);
    expect([lost.hits, emulator.requests.at(-1)!.faults]).toEqual([1, ['badGatewayAfterAccept']]);

    const cut = emulator.inject({ kind: 'reset', afterEvents: 2 }, { match: { method: 'POST', path: '/responses' } });
    emulator.inject({ kind: 'badGatewayAfterAccept' }, { match: { method: 'POST', path: '/responses' } });
    expect((await observe(emulator, '/responses', { model: 'gpt-4o', input: 'Hi', stream: true })).status).toBe(502);
    expect([cut.hits, emulator.requests.at(-1)!.faults]).toEqual([0, ['badGatewayAfterAccept']]);
    await emulator.idle();
  });

  it('a header stallBody does not touch a stream, and is not logged on it', async () => {
    const seen = await observe(emulator, '/responses', { model: 'gpt-4o', input: 'Hi', stream: true }, faultHeader({ kind: 'stallBody' }));
    expect([seen.status, seen.ending, parseSse(seen.text).at(-1)?.event]).toEqual([200, 'end', 'response.completed']);
    expect(emulator.requests.at(-1)!.faults).toEqual([]);
  });

  it('stallBody: headers and part of a JSON body, then silence with the connection open', async () => {
    emulator.inject({ kind: 'stallBody', bytes: 7 }, { match: { method: 'POST', path: '/threads' } });
    const seen = await observe(emulator, '/threads', { metadata: { a: 'b' } }, {}, 100);
    expect(seen.status).toBe(200);
    expect(seen.text).toHaveLength(7);
    expect(seen.ending).toBe('open');
  });
});

import OpenAI from 'openai';
import { useEmulatorAndSdk } from '../helpers/sdk';
import { startEmulator } from '../../src/testing/index';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';

const INPUT = 'Tell me about the sea and the sky';

async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('the emulator: background responses, with the official SDK', () => {
  const sdk = useEmulatorAndSdk();
  afterEach(() => sdk.emulator.clearFaults());

  it('create({ background: true }) answers at once with status queued; retrieve() follows it to completed', async () => {
    const queued = await sdk.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true });
    expect(queued.status).toBe('queued');
    expect(queued.background).toBe(true);
    expect(queued.output).toEqual([]);
    await sdk.emulator.idle();
    const done = await sdk.client.responses.retrieve(queued.id);
    expect(done.status).toBe('completed');
    expect(done.output_text).toBe(`You said: ${INPUT}`);
  });

  it('create({ background: true, stream: true }) streams numbered events; retrieve(id, { stream: true, starting_after }) replays the rest', async () => {
    const all = await collect(await sdk.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true, stream: true }));
    expect(all.map((e) => e.sequence_number)).toEqual(all.map((_, at) => at));
    expect(all.at(-1)!.type).toBe('response.completed');
    // As the live API's: the response is queued before it runs.
    const statuses = all.slice(0, 3).map((e) => [e.type, 'response' in e ? e.response.status : undefined]);
    expect(statuses).toEqual([
      ['response.created', 'queued'],
      ['response.queued', 'queued'],
      ['response.in_progress', 'in_progress'],
    ]);
    const id = all[0]!.type === 'response.created' ? all[0]!.response.id : '';

    const rest = await collect(await sdk.client.responses.retrieve(id, { stream: true, starting_after: 4 }));
    expect(rest).toEqual(all.slice(5));
    const whole = await collect(await sdk.client.responses.retrieve(id, { stream: true }));
    expect(whole).toEqual(all);
  });

  it('responses.stream({ response_id, starting_after }) of the SDK resumes a cut background stream', async () => {
    const cut = sdk.emulator.inject({ kind: 'endEarly', afterEvents: 3 }, { match: { method: 'POST', path: '/responses' } });
    const first = await collect(await sdk.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true, stream: true }));
    expect(cut.hits).toBe(1);
    expect(first).toHaveLength(3);
    const id = first[0]!.type === 'response.created' ? first[0]!.response.id : '';
    const resumed = sdk.client.responses.stream({ response_id: id, starting_after: first.at(-1)!.sequence_number });
    const rest = await collect(resumed);
    const final = await resumed.finalResponse();
    expect(rest[0]!.sequence_number).toBe(3);
    expect(rest.map((e) => e.sequence_number)).toEqual(rest.map((_, at) => at + 3));
    expect(final.output_text).toBe(`You said: ${INPUT}`);
  });

  it('a cancelled or still queued background response asks no tool output of the next request (its planned calls were never sent)', async () => {
    const slow = await startEmulator({ pacing: { eventMs: 50, deltaMs: 50 } });
    try {
      const sdk = new OpenAI({ apiKey: 'test', baseURL: slow.url, maxRetries: 0 });
      const tools = [{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: false }];
      slow.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: {} }] }, { times: 2 });
      const cancelled = await sdk.responses.create({ model: 'gpt-4o', input: 'Weather?', tools, background: true });
      await sdk.responses.cancel(cancelled.id);
      const queued = await sdk.responses.create({ model: 'gpt-4o', input: 'Weather?', tools, background: true });
      for (const previous of [cancelled.id, queued.id]) {
        const next = await sdk.responses.create({ model: 'gpt-4o', previous_response_id: previous, input: 'Never mind', tools });
        expect(next.status).toBe('completed');
      }
    } finally {
      await slow.close();
    }
  });

  it('a stream opened while the response runs follows the live events to the end', async () => {
    const slow = await startEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });
    try {
      const sdk = new OpenAI({ apiKey: 'test', baseURL: slow.url, maxRetries: 0 });
      const queued = await sdk.responses.create({ model: 'gpt-4o', input: INPUT, background: true });
      const events = await collect(await sdk.responses.retrieve(queued.id, { stream: true, starting_after: -1 }));
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, at) => at));
      expect(events.at(-1)!.type).toBe('response.completed');
    } finally {
      await slow.close();
    }
  });

  it('a stream opened ahead of the production with starting_after gets only the live events after it', async () => {
    // About 50 events, one every 5 ms at the least: the stream opens long before the 30th exists.
    const slow = await startEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });
    try {
      const sdk = new OpenAI({ apiKey: 'test', baseURL: slow.url, maxRetries: 0 });
      const queued = await sdk.responses.create({ model: 'gpt-4o', input: 'word '.repeat(40).trim(), background: true });
      const events = await collect(await sdk.responses.retrieve(queued.id, { stream: true, starting_after: 30 }));
      expect(events.length).toBeGreaterThan(10);
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, at) => at + 31));
      expect(events.at(-1)!.type).toBe('response.completed');
    } finally {
      await slow.close();
    }
  });

  it('cancel() stops a running background response: status cancelled, its stream ends, cancel again answers the same', async () => {
    const slow = await startEmulator({ pacing: { eventMs: 200, deltaMs: 200 } });
    try {
      const sdk = new OpenAI({ apiKey: 'test', baseURL: slow.url, maxRetries: 0 });
      const queued = await sdk.responses.create({ model: 'gpt-4o', input: INPUT, background: true });
      const streamed = collect(await sdk.responses.retrieve(queued.id, { stream: true }));
      const cancelled = await sdk.responses.cancel(queued.id);
      expect(cancelled.status).toBe('cancelled');
      const events = await streamed;
      expect(events.map((e) => e.type)).not.toContain('response.completed');
      expect((await sdk.responses.retrieve(queued.id)).status).toBe('cancelled');
      expect((await sdk.responses.cancel(queued.id)).status).toBe('cancelled');
      await slow.idle();
    } finally {
      await slow.close();
    }
  });

  it('cancel() of a response not created in background, or already completed: 400', async () => {
    const plain = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    await expect(sdk.client.responses.cancel(plain.id)).rejects.toMatchObject({ status: 400 });
    const queued = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true });
    await sdk.emulator.idle();
    await expect(sdk.client.responses.cancel(queued.id)).rejects.toMatchObject({ status: 400 });
  });

  it('streaming a response that was not created in background is a 400; an unknown one a 404', async () => {
    const plain = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    await expect(sdk.client.responses.retrieve(plain.id, { stream: true })).rejects.toMatchObject({ status: 400 });
    await expect(sdk.client.responses.retrieve('resp_unknown', { stream: true })).rejects.toMatchObject({ status: 404 });
  });

  it("a streamed GET whose starting_after is empty or no integer: 400 invalid_type, not the events after 0", async () => {
    const created = await sdk.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true });
    await sdk.emulator.idle();
    for (const value of ['', ' ', '1.5', 'x']) {
      const res = await fetch(`${sdk.emulator.url}/responses/${created.id}?stream=true&starting_after=${encodeURIComponent(value)}`, {
        headers: { authorization: 'Bearer test' },
      });
      expect([value, res.status]).toEqual([value, 400]);
      expect((await res.json()).error).toMatchObject({ param: 'starting_after', code: 'invalid_type' });
    }
  });

  it('background needs store: 400', async () => {
    await expect(sdk.client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true, store: false })).rejects.toMatchObject({
      status: 400,
      param: 'store',
    });
  });

  it('the 400 of background without store takes nothing: no scripted answer, no responseFailed fault, no count', async () => {
    const { emulator, client } = sdk;
    const scripted = emulator.scriptAnswer({ text: 'Kept for the next request.' });
    const fault = emulator.inject({ kind: 'responseFailed' });
    const before = { ...emulator.counters };
    await expect(client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true, store: false })).rejects.toMatchObject({
      status: 400,
    });
    expect([scripted.hits, scripted.remaining, fault.matched, fault.remaining]).toEqual([0, 1, 0, 1]);
    expect(emulator.requests.at(-1)!.faults).toEqual([]);
    expect(emulator.counters.responsesCreated - before.responsesCreated).toBe(0);
    expect(emulator.counters.faultsApplied - before.faultsApplied).toBe(0);
    fault.remove();
    expect((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text).toBe('Kept for the next request.');
  });

  it('delete() forgets the response: retrieve answers 404', async () => {
    const response = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    await sdk.client.responses.delete(response.id);
    await expect(sdk.client.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404 });
    await expect(sdk.client.responses.delete(response.id)).rejects.toMatchObject({ status: 404 });
  });

  it('inputItems.list() pages the input items, newest first by default', async () => {
    const input = [
      { role: 'user' as const, content: 'one' },
      { role: 'assistant' as const, content: 'two' },
      { role: 'user' as const, content: 'three' },
    ];
    const response = await sdk.client.responses.create({ model: 'gpt-4o', input });
    const items = [];
    for await (const item of sdk.client.responses.inputItems.list(response.id, { limit: 2 })) items.push(item);
    expect(items.map((item) => (item.type === 'message' ? item.content[0] : undefined))).toEqual([
      { type: 'input_text', text: 'three' },
      { type: 'input_text', text: 'two' },
      { type: 'input_text', text: 'one' },
    ]);
    expect(items.every((item) => typeof item.id === 'string')).toBe(true);
    const asc = await sdk.client.responses.inputItems.list(response.id, { order: 'asc' });
    expect(asc.data.map((item) => item.type === 'message' && item.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('a streamed GET past the resume window: 400 response_stream_expired', async () => {
    const strict = await startEmulator({ pacing: 0, resumeWindowMs: 0 });
    try {
      const sdk = new OpenAI({ apiKey: 'test', baseURL: strict.url, maxRetries: 0 });
      const queued = await sdk.responses.create({ model: 'gpt-4o', input: 'Hi', background: true });
      await strict.idle();
      await expect(sdk.responses.retrieve(queued.id, { stream: true, starting_after: 2 })).rejects.toMatchObject({
        status: 400,
        code: 'response_stream_expired',
        param: 'starting_after',
      });
    } finally {
      await strict.close();
    }
  });
});

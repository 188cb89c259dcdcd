import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { accumulateResponse, BadRequestError, createClient, finalResponse, MissingStreamStartError, NotFoundError, SnapshotError, StreamParseError, textDeltas } from '../../src/index';
import { startEmulator } from '../../src/testing/index.js';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky';

describe('client.responses: stored and background responses', () => {
  it('create({ background: true }) answers queued; retrieve() reads it back, completed once the emulator is idle', async () => {
    const queued = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
    expect(queued.status).toBe('queued');
    await ctx.emulator.idle();
    const done = await firstValueFrom(ctx.client.responses.retrieve(queued.id));
    expect(done.status).toBe('completed');
    expect(ctx.emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/responses/${queued.id}`, query: '' });
  });

  it('stream() of a background request numbers every event; stream({ response_id, starting_after }) and retrieve(id, { stream: true, starting_after }) give the rest', async () => {
    const all = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(toArray()));
    expect(all.map((e) => e.sequence_number)).toEqual(all.map((_, at) => at));
    const id = all[0]!.type === 'response.created' ? all[0]!.response.id : '';

    const rest = await lastValueFrom(ctx.client.responses.stream({ response_id: id, starting_after: 5 }).pipe(toArray()));
    expect(rest).toEqual(all.slice(6));
    expect(ctx.emulator.requests.at(-1)).toMatchObject({ method: 'GET', query: 'stream=true&starting_after=5' });
    const same = await lastValueFrom(ctx.client.responses.retrieve(id, { stream: true, starting_after: 5 }).pipe(toArray()));
    expect(same).toEqual(rest);
    const whole = await firstValueFrom(ctx.client.responses.stream({ response_id: id }).pipe(finalResponse()));
    expect(whole.status).toBe('completed');
    expect(ctx.emulator.requests.at(-1)).toMatchObject({ method: 'GET', query: 'stream=true' });
    // A tail has no `response.created` to accumulate from: finalResponse() gives the terminal event's response, what
    // the SDK's finalResponse() gives after the same resume; the accumulation itself says what is missing.
    const tail = await firstValueFrom(ctx.client.responses.stream({ response_id: id, starting_after: 5 }).pipe(finalResponse()));
    expect(tail).toEqual(whole);
    const snapshots = await lastValueFrom(ctx.client.responses.stream({ response_id: id, starting_after: 5 }).pipe(accumulateResponse())).catch((e: unknown) => e);
    expect(snapshots).toBeInstanceOf(MissingStreamStartError);
    expect(snapshots).toBeInstanceOf(SnapshotError);
  });

  it('cancel() cancels a running background response', async () => {
    const emulatorPaced = await startEmulator({ pacing: { eventMs: 200, deltaMs: 200 } });
    try {
      const client = ctx.clientWith({ baseURL: emulatorPaced.url });
      const queued = await firstValueFrom(client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
      const cancelled = await firstValueFrom(client.responses.cancel(queued.id));
      expect(cancelled).toMatchObject({ id: queued.id, status: 'cancelled' });
      expect(emulatorPaced.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/responses/${queued.id}/cancel` });
      await expect(firstValueFrom(client.responses.retrieve(queued.id))).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      await emulatorPaced.close();
    }
  });

  it('retrieve() is a response, retrieve(id, { stream: true }) a stream of events (checked by the compiler)', async () => {
    const id = (await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true }))).id;
    const text = await lastValueFrom(ctx.client.responses.retrieve(id, { stream: true }).pipe(textDeltas(), toArray()));
    expect(text.join('')).toBe('You said: Hi');
    // @ts-expect-error a Response is not a stream event: textDeltas() does not accept retrieve()'s result
    const misuse = () => ctx.client.responses.retrieve(id).pipe(textDeltas());
    expect(typeof misuse).toBe('function');
  });

  it('cancel() of a response that is not in background fails with BadRequestError', async () => {
    const plain = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi' }));
    await expect(firstValueFrom(ctx.client.responses.cancel(plain.id))).rejects.toBeInstanceOf(BadRequestError);
  });

  it('delete() removes it: the next retrieve() is a NotFoundError', async () => {
    const response = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi' }));
    const deleted = await firstValueFrom(ctx.client.responses.delete(response.id));
    expect(deleted).toMatchObject({ id: response.id, deleted: true });
    expect(ctx.emulator.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/responses/${response.id}` });
    await expect(firstValueFrom(ctx.client.responses.retrieve(response.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('delete() answered 200 without a body (as the API describes it; the SDK takes it too) is { id, deleted: true }; a body that is no JSON still fails', async () => {
    let answer = '';
    const server = await listen((_req, res) => res.writeHead(200).end(answer));
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      await expect(firstValueFrom(client.responses.delete('resp_1'))).resolves.toEqual({ id: 'resp_1', deleted: true });
      answer = '<html>gateway</html>';
      await expect(firstValueFrom(client.responses.delete('resp_1'))).rejects.toBeInstanceOf(StreamParseError);
    } finally {
      await server.close();
    }
  });

  it('conversations.delete() answered 204 (a compatible server, a proxy; the SDK gives null) is { id, deleted: true }', async () => {
    const server = await listen((_req, res) => res.writeHead(204).end());
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      await expect(firstValueFrom(client.conversations.delete('conv_1'))).resolves.toEqual({ id: 'conv_1', object: 'conversation.deleted', deleted: true });
    } finally {
      await server.close();
    }
  });

  it("create(), retrieve() and cancel() refuse a 200 whose body is an error object (it is no response), as chat's create() does", async () => {
    const server = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } })));
    });
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const calls: Array<import('rxjs').Observable<unknown>> = [
        client.responses.create({ model: 'm', input: 'hi' }),
        client.responses.retrieve('resp_1'),
        client.chat.completions.create({ model: 'm', messages: [] }),
      ];
      for (const call of calls) {
        const error = await firstValueFrom(call).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamParseError);
        expect((error as StreamParseError).path).toBe('id');
      }
    } finally {
      await server.close();
    }
  });

  it('inputItems.list() gives one page; listAll() follows the cursor through every page', async () => {
    const input = ['one', 'two', 'three', 'four', 'five'].map((content) => ({ role: 'user', content }));
    const response = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input }));
    const page = await firstValueFrom(ctx.client.responses.inputItems.list(response.id, { limit: 2, order: 'asc' }));
    expect(page.has_more).toBe(true);
    expect(page.data.map((item) => (item['content'] as Array<{ text: string }>)[0]!.text)).toEqual(['one', 'two']);
    const before = ctx.emulator.requests.length;
    const all = await lastValueFrom(ctx.client.responses.inputItems.listAll(response.id, { limit: 2, order: 'asc' }).pipe(toArray()));
    expect(all.map((item) => (item['content'] as Array<{ text: string }>)[0]!.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(ctx.emulator.requests.length - before).toBe(3);
  });

  it('a broken field the client reads fails with StreamParseError naming its path', async () => {
    // The emulator echoes an input item's own fields: an `id` that is a number comes back as one.
    const input = [
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}', id: 1 },
      { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      { role: 'user', content: 'Hi' },
    ];
    const response = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input }));
    const error = await firstValueFrom(ctx.client.responses.inputItems.list(response.id, { order: 'asc' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('data.0.id');
  });
});

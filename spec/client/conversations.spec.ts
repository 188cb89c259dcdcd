import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { BadRequestError, finalResponse, NotFoundError, textDeltas } from '../../src/index';
import { responsesWeatherTool, useEmulator } from '../helpers/emulator';

const ctx = useEmulator();
const weather = responsesWeatherTool;
const sinceNow = () => {
  const from = ctx.emulator.requests.length;
  return () => ctx.emulator.requests.slice(from);
};

describe('client.conversations over HTTP', () => {
  it('create, retrieve, update and delete a conversation', async () => {
    const created = await firstValueFrom(
      ctx.client.conversations.create({ items: [{ type: 'message', role: 'user', content: 'Hello' }], metadata: { topic: 'demo' } }),
    );
    expect(created).toMatchObject({ object: 'conversation', metadata: { topic: 'demo' } });
    expect(created.id).toMatch(/^conv_/);
    await expect(firstValueFrom(ctx.client.conversations.retrieve(created.id))).resolves.toEqual(created);
    const updated = await firstValueFrom(ctx.client.conversations.update(created.id, { metadata: { topic: 'weather' } }));
    expect(updated).toEqual({ ...created, metadata: { topic: 'weather' } });
    await expect(firstValueFrom(ctx.client.conversations.delete(created.id))).resolves.toEqual({
      id: created.id,
      object: 'conversation.deleted',
      deleted: true,
    });
    await expect(firstValueFrom(ctx.client.conversations.retrieve(created.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('items: create, list (pages, order), listAll, retrieve, delete', async () => {
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const added = await firstValueFrom(
      ctx.client.conversations.items.create(id, { items: texts.map((content) => ({ type: 'message', role: 'user', content })) }),
    );
    expect(added.object).toBe('list');
    expect(added.data.map((item) => (item['content'] as Array<{ text: string }>)[0]!.text)).toEqual(texts);
    const ids = added.data.map((item) => item.id);

    const newest = await firstValueFrom(ctx.client.conversations.items.list(id, { limit: 2 }));
    expect(newest.data.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    expect(newest.has_more).toBe(true);
    const all = await lastValueFrom(ctx.client.conversations.items.listAll(id, { order: 'asc', limit: 2 }).pipe(toArray()));
    expect(all.map((item) => item.id)).toEqual(ids);

    const item = await firstValueFrom(ctx.client.conversations.items.retrieve(ids[1]!, { conversation_id: id }));
    expect(item).toEqual(added.data[1]);
    const conversation = await firstValueFrom(ctx.client.conversations.items.delete(ids[1]!, { conversation_id: id }));
    expect(conversation.id).toBe(id);
    const left = await lastValueFrom(ctx.client.conversations.items.listAll(id, { order: 'asc' }).pipe(toArray()));
    expect(left.map((i) => i.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
    await expect(firstValueFrom(ctx.client.conversations.items.retrieve(ids[1]!, { conversation_id: id }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('a two-turn chat through a conversation: each turn joins it, and the second answer sees the first', async () => {
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const first = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: 'My name is Ada and I like the sea', conversation: id }).pipe(finalResponse()),
    );
    expect(first.conversation).toEqual({ id });
    const second = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'What is my name?', conversation: { id } }));
    const alone = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'What is my name?' }));
    // The first turn is part of the second one's prompt.
    expect(second.usage!.input_tokens).toBeGreaterThan(alone.usage!.input_tokens);
    const items = await lastValueFrom(ctx.client.conversations.items.listAll(id, { order: 'asc' }).pipe(toArray()));
    expect(items.map((item) => [item.type, item['role']])).toEqual([
      ['message', 'user'],
      ['message', 'assistant'],
      ['message', 'user'],
      ['message', 'assistant'],
    ]);
    expect(items[1]!.id).toBe(first.output[0]!.id);
    expect(items[3]).toEqual(second.output[0]);
  });

  it('a tool loop through a conversation: the output of a call made in the first turn answers it in the second', async () => {
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const asked = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: 'Use get_weather for "Rome"', tools: [weather], conversation: id }).pipe(finalResponse()),
    );
    const call = asked.output.find((item) => item.type === 'function_call')!;
    expect(call).toBeDefined();
    const answer = await lastValueFrom(
      ctx.client.responses
        .stream({
          model: 'gpt-4o',
          input: [{ type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: '31C and sunny' }],
          tools: [weather],
          conversation: id,
        })
        .pipe(textDeltas(), toArray()),
    );
    expect(answer.join('')).toBe('get_weather returned: 31C and sunny');
    // Without the conversation the call is unknown.
    await expect(
      firstValueFrom(
        ctx.client.responses.create({
          model: 'gpt-4o',
          input: [{ type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: '31C' }],
        }),
      ),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('conversation and previous_response_id together, or an unknown conversation, are refused', async () => {
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const previous = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi' }));
    await expect(
      firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi', conversation: id, previous_response_id: previous.id })),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Hi', conversation: 'conv_nope' }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('create POSTs carry an Idempotency-Key: a retry after a lost answer gets the conversation the first attempt created', async () => {
    const requests = sinceNow();
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: '/conversations' }, times: 1 });
    const created = await firstValueFrom(ctx.client.conversations.create({ metadata: { once: 'yes' } }));
    const { id } = created;
    ctx.emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 5 }, { match: { method: 'POST', path: /\/items$/ }, times: 1 });
    await firstValueFrom(ctx.client.conversations.items.create(id, { items: [{ type: 'message', role: 'user', content: 'once' }] }));
    await ctx.emulator.idle();
    const posts = requests().filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path.replace(id, 'conv'), r.status, r.replayed])).toEqual([
      ['/v1/conversations', 502, false],
      ['/v1/conversations', 200, true],
      ['/v1/conversations/conv/items', 502, false],
      ['/v1/conversations/conv/items', 200, true],
    ]);
    expect(posts[0]!.idempotencyKey).toMatch(/^rx-openai-stream-retry-/);
    expect(posts[1]!.idempotencyKey).toBe(posts[0]!.idempotencyKey);
    const items = await lastValueFrom(ctx.client.conversations.items.listAll(id).pipe(toArray()));
    expect(items).toHaveLength(1);
  });
});

import OpenAI from 'openai';
import { strictWeatherTool, useEmulatorAndSdk } from '../helpers/sdk';

const weather = strictWeatherTool;

describe('the official SDK against the emulator: Conversations', () => {
  const sdk = useEmulatorAndSdk();

  it('conversations.create / retrieve / update / delete', async () => {
    const conversation = await sdk.client.conversations.create({
      items: [{ type: 'message', role: 'user', content: 'Hello' }],
      metadata: { topic: 'demo' },
    });
    expect(conversation).toMatchObject({ object: 'conversation', metadata: { topic: 'demo' } });
    expect(typeof conversation.created_at).toBe('number');
    await expect(sdk.client.conversations.retrieve(conversation.id)).resolves.toEqual(conversation);
    const updated = await sdk.client.conversations.update(conversation.id, { metadata: { topic: 'weather' } });
    expect(updated.metadata).toEqual({ topic: 'weather' });
    const deleted = await sdk.client.conversations.delete(conversation.id);
    expect(deleted).toEqual({ id: conversation.id, object: 'conversation.deleted', deleted: true });
    await expect(sdk.client.conversations.retrieve(conversation.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('conversations.items: create, list with auto-pagination, retrieve, delete', async () => {
    const { id } = await sdk.client.conversations.create();
    const texts = ['a', 'b', 'c', 'd', 'e'];
    const added = await sdk.client.conversations.items.create(id, {
      items: texts.map((content) => ({ type: 'message' as const, role: 'user' as const, content })),
    });
    expect(added.data).toHaveLength(5);
    const ids = added.data.map((item) => item.id as string);
    const seen: string[] = [];
    for await (const item of sdk.client.conversations.items.list(id, { order: 'asc', limit: 2 })) seen.push(item.id as string);
    expect(seen).toEqual(ids);
    const page = await sdk.client.conversations.items.list(id, { limit: 2 });
    expect(page.data.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    expect(page.hasNextPage()).toBe(true);
    const item = await sdk.client.conversations.items.retrieve(ids[0]!, { conversation_id: id });
    expect(item).toMatchObject({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a' }] });
    const after = await sdk.client.conversations.items.delete(ids[0]!, { conversation_id: id });
    expect(after.id).toBe(id);
    await expect(sdk.client.conversations.items.retrieve(ids[0]!, { conversation_id: id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('responses with conversation: a tool loop over two turns, the conversation holding both', async () => {
    const { id } = await sdk.client.conversations.create();
    const first = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Use get_weather for "Rome"', tools: [weather], conversation: id });
    expect(first.conversation).toEqual({ id });
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    const stream = await sdk.client.responses.create({
      model: 'gpt-4o',
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '31C and sunny' }],
      tools: [weather],
      conversation: { id },
      stream: true,
    });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('get_weather returned: 31C and sunny');
    const items: string[] = [];
    for await (const item of sdk.client.conversations.items.list(id, { order: 'asc' })) items.push(item.type);
    expect(items).toEqual(['message', 'function_call', 'function_call_output', 'message']);
  });
});

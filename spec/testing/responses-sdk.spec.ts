import OpenAI from 'openai';
import { strictWeatherTool, useEmulatorAndSdk } from '../helpers/sdk';
import { collapsedTypes, RESPONSES_TEXT_EVENTS } from '../helpers/response-event-types';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';

const weather = strictWeatherTool;



describe('the official SDK against the emulator: Responses', () => {
  const sdk = useEmulatorAndSdk();

  it('create({ stream: true }): the events in the API order, numbered from 0', async () => {
    const stream = await sdk.client.responses.create({ model: 'gpt-4o', input: 'Hello! How are you?', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    expect(collapsedTypes(events.map((event) => event.type))).toEqual(RESPONSES_TEXT_EVENTS);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, at) => at));
    const deltas = events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : []));
    expect(deltas).toEqual(['You', ' said', ':', ' Hello', '!', ' How', ' are', ' you', '?']);
    const completed = events.at(-1)!;
    if (completed.type !== 'response.completed') throw new Error(completed.type);
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output[0]).toMatchObject({
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'You said: Hello! How are you?', annotations: [] }],
    });
    expect(completed.response.usage!.output_tokens).toBe(9);
  });

  it('stream(...).finalResponse(): the accumulated response, text deltas with snapshots on the way', async () => {
    const stream = sdk.client.responses.stream({
      model: 'gpt-4o',
      instructions: 'You are a helpful assistant.',
      input: 'Hi there',
    });
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => snapshots.push(event.snapshot));
    const response = await stream.finalResponse();

    expect(response.id).toMatch(/^resp_/);
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('You said: Hi there');
    expect(response.instructions).toBe('You are a helpful assistant.');
    expect(snapshots).toEqual(['You', 'You said', 'You said:', 'You said: Hi', 'You said: Hi there']);
  });

  it('create() without stream: a completed response with usage; retrieve() reads it back', async () => {
    const before = sdk.emulator.counters.responsesCreated;
    const response = await sdk.client.responses.create({
      model: 'gpt-4o-mini',
      input: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'input_text', text: 'What is up?' }] },
      ],
    });

    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-4o-mini', error: null });
    expect(response.output_text).toBe('You said: What is up?');
    expect(response.output[0]!.id).toMatch(/^msg_/);
    const usage = response.usage!;
    expect(usage.output_tokens).toBe(7);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    expect(sdk.emulator.counters.responsesCreated - before).toBe(1);

    const again = await sdk.client.responses.retrieve(response.id);
    expect(again.output_text).toBe('You said: What is up?');
  });

  it('a function named in the input: a function_call item, its arguments streamed', async () => {
    const stream = sdk.client.responses.stream({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'Use get_weather for "New York"' }],
      tools: [weather],
    });
    const types: string[] = [];
    const fragments: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    stream.on('response.function_call_arguments.delta', (event) => fragments.push(event.delta));
    const response = await stream.finalResponse();

    expect(collapsedTypes(types)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(response.output).toHaveLength(1);
    const call = response.output[0]!;
    expect(call).toMatchObject({
      type: 'function_call',
      status: 'completed',
      name: 'get_weather',
      arguments: '{"city":"New York"}',
    });
    if (call.type !== 'function_call') throw new Error(call.type);
    expect(call.id).toMatch(/^fc_/);
    expect(call.call_id).toMatch(/^call_/);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.join('')).toBe(call.arguments);
    expect(response.output_text).toBe('');
  });

  it('function_call_output answers the call: with previous_response_id, or with the whole conversation', async () => {
    const first = await sdk.client.responses.create({ model: 'gpt-4o', input: 'get_weather in Rome', tools: [weather] });
    const call = first.output[0]!;
    if (call.type !== 'function_call') throw new Error(call.type);

    const chained = await sdk.client.responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '31C and sunny' }],
      tools: [weather],
    });
    expect(chained.output_text).toBe('get_weather returned: 31C and sunny');
    expect(chained.previous_response_id).toBe(first.id);

    const whole = await sdk.client.responses.create({
      model: 'gpt-4o',
      store: false,
      input: [
        { role: 'user', content: 'get_weather in Rome' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: '30C' },
      ],
      tools: [weather],
    });
    expect(whole.output_text).toBe('get_weather returned: 30C');
    const unknown = await sdk.client.responses.retrieve(whole.id).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError); // store: false keeps nothing
  });

  it('max_output_tokens cuts the answer: status incomplete, response.incomplete last', async () => {
    const input = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const stream = sdk.client.responses.stream({ model: 'gpt-4o', input, max_output_tokens: 16 });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const response = await stream.finalResponse();

    expect(types.at(-1)).toBe('response.incomplete');
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    // 16 tokens: 'You', ' said', ':' and 13 words
    expect(response.output_text).toBe('You said: one two three four five six seven eight nine ten eleven twelve thirteen');
    expect(response.usage!.output_tokens).toBe(16);
  });
});

import OpenAI from 'openai';
import { useEmulatorAndSdk } from '../helpers/sdk';
import type { ChatCompletionChunk, ChatCompletionTool } from 'openai/resources/chat/completions';

const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

const stock: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_stock_price',
    parameters: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] },
  },
};

describe('the official SDK against the emulator: Chat Completions', () => {
  const sdk = useEmulatorAndSdk();

  it('create({ stream: true }): chunks with a role first, token-sized deltas and a finish reason', async () => {
    const stream = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello! How are you?' },
      ],
      stream: true,
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const contents = chunks.slice(1, -1).map((chunk) => chunk.choices[0]!.delta.content);
    expect(contents).toEqual(['You', ' said', ':', ' Hello', '!', ' How', ' are', ' you', '?']);
    expect(chunks.at(-1)!.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]!.id).toMatch(/^chatcmpl-/);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'gpt-4o')).toBe(true);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false); // no include_usage: no usage field at all
  });

  it('stream(...).finalChatCompletion(): the accumulated completion, content events on the way', async () => {
    const runner = sdk.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi there' }],
    });
    const deltas: string[] = [];
    runner.on('content', (delta) => deltas.push(delta));
    const completion = await runner.finalChatCompletion();

    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'stop',
      message: { role: 'assistant', content: 'You said: Hi there', refusal: null },
    });
    expect(deltas.join('')).toBe('You said: Hi there');
    expect(await runner.finalContent()).toBe('You said: Hi there');
  });

  it('create() without stream: one chat.completion with usage', async () => {
    const before = sdk.emulator.counters.chatCompletionsCreated;
    const completion = await sdk.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is up?' }] }],
    });

    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'You said: What is up?', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.system_fingerprint).toMatch(/^fp_/);
    const usage = completion.usage!;
    expect(usage.completion_tokens).toBe(7); // 'You', ' said', ':', ' What', ' is', ' up', '?'
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(sdk.emulator.counters.chatCompletionsCreated - before).toBe(1);
  });

  it('a function named in the message: a streamed tool call, finish_reason tool_calls', async () => {
    const runner = sdk.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Use get_weather for the weather in Paris' }],
      tools: [weather],
    });
    const fragments: string[] = [];
    runner.on('tool_calls.function.arguments.delta', (event) => fragments.push(event.arguments_delta));
    const completion = await runner.finalChatCompletion();

    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls![0]!;
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    expect(call.id).toMatch(/^call_/);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.join('')).toBe('{"city":"Paris"}');
  });

  it('two functions named: parallel tool calls by index (only the first with parallel_tool_calls: false)', async () => {
    const messages = [{ role: 'user' as const, content: 'Call get_weather for "Oslo" and get_stock_price' }];
    const stream = await sdk.client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weather, stock], stream: true });
    const heads: Array<{ index: number; name: string | undefined }> = [];
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (call.id) heads.push({ index: call.index, name: call.function?.name });
      }
    }
    expect(heads).toEqual([
      { index: 0, name: 'get_weather' },
      { index: 1, name: 'get_stock_price' },
    ]);

    const single = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [weather, stock],
      parallel_tool_calls: false,
    });
    expect(single.choices[0]!.message.tool_calls!.map((call) => call.type === 'function' && call.function.name)).toEqual([
      'get_weather',
    ]);
  });

  it('tool results answer the calls: one line per call, after the tool messages', async () => {
    const first = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'get weather in Rome' }],
      tools: [weather],
    });
    const assistant = first.choices[0]!.message;
    const call = assistant.tool_calls![0]!;
    const second = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'get weather in Rome' },
        assistant,
        { role: 'tool', tool_call_id: call.id, content: '31C and sunny' },
      ],
      tools: [weather],
    });
    expect(second.choices[0]!.message.content).toBe('get_weather returned: 31C and sunny');
    expect(second.choices[0]!.finish_reason).toBe('stop');
  });

  it('runTools(): the SDK calls the function and sends its result; the final answer reports it', async () => {
    const runner = sdk.client.chat.completions.runTools({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What does get_weather say for Lisbon?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'The weather in a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            function: (args: { city: string }) => `${args.city}: 24C`,
            parse: JSON.parse,
          },
        },
      ],
    });
    expect(await runner.finalContent()).toBe('get_weather returned: Lisbon: 24C');
  });

  it('stream_options.include_usage: usage null on every chunk, then a chunk with choices [] and the usage', async () => {
    const stream = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Count me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    // 'You', ' said', ':', ' Count', ' me'
    expect(last.usage).toMatchObject({ completion_tokens: 5, total_tokens: last.usage!.prompt_tokens + 5 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);

    const completion = await sdk.client.chat.completions
      .stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Count me' }],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    expect(completion.usage).toEqual(last.usage);
  });

  it('n: 3 gives three choices, interleaved by index, each the whole answer', async () => {
    const runner = sdk.client.chat.completions.stream({ model: 'gpt-4o', n: 3, messages: [{ role: 'user', content: 'Hi' }] });
    const order: number[] = [];
    runner.on('chunk', (chunk) => order.push(...chunk.choices.map((choice) => choice.index)));
    const completion = await runner.finalChatCompletion();

    expect(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, 'You said: Hi', 'stop'],
      [1, 'You said: Hi', 'stop'],
      [2, 'You said: Hi', 'stop'],
    ]);
    expect(order.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('max_tokens / max_completion_tokens cut the answer: finish_reason length', async () => {
    const streamed = await sdk.client.chat.completions
      .stream({ model: 'gpt-4o', max_completion_tokens: 3, messages: [{ role: 'user', content: 'A long question' }] })
      .finalChatCompletion();
    expect(streamed.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'You said:' } });

    const whole = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'A long question' }],
    });
    expect(whole.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'You said' } });
    expect(whole.usage!.completion_tokens).toBe(2);

    const call = await sdk.client.chat.completions.create({
      model: 'gpt-4o',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'get_weather in Paris' }],
      tools: [weather],
    });
    expect(call.choices[0]!.finish_reason).toBe('length');
    const fn = call.choices[0]!.message.tool_calls![0]!;
    expect(fn.type === 'function' && fn.function.arguments).toBe('{"city');
  });
});

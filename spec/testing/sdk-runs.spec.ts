import OpenAI from 'openai';
import { useEmulatorAndSdk } from '../helpers/sdk';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    },
  },
};

describe('the official SDK against the emulator: runs', () => {
  const sdk = useEmulatorAndSdk({ pacing: 0, statusStepMs: 2, pollAfterMs: 1 });

  it('streams a text run with runs.stream', async () => {
    const assistant = await sdk.client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await sdk.client.beta.threads.create({ messages: [{ role: 'user', content: 'Hello there, emulator!' }] });
    const stream = sdk.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const deltas: string[] = [];
    const events: string[] = [];
    stream.on('textDelta', (delta) => deltas.push(delta.value ?? ''));
    stream.on('event', (event) => events.push(event.event));
    const run = await stream.finalRun();
    const messages = await stream.finalMessages();
    expect(run.status).toBe('completed');
    expect(run.usage).not.toBeNull();
    expect(deltas.join('')).toBe('You said: Hello there, emulator!');
    expect(deltas.length).toBeGreaterThan(3);
    expect(messages[0]?.content[0]).toMatchObject({ type: 'text', text: { value: 'You said: Hello there, emulator!' } });
    const stored = await sdk.client.beta.threads.messages.list(thread.id, { run_id: run.id });
    expect(stored.data[0]?.content).toEqual([
      { type: 'text', text: { value: 'You said: Hello there, emulator!', annotations: [] } },
    ]);
    expect(events.filter((e) => e !== 'thread.message.delta')).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
    ]);
  });

  it('streams a function call, then submitToolOutputsStream completes the run', async () => {
    const assistant = await sdk.client.beta.assistants.create({ model: 'gpt-4o', tools: [weatherTool] });
    const thread = await sdk.client.beta.threads.create({
      messages: [{ role: 'user', content: 'Please call get_weather for "Paris".' }],
    });
    const first = sdk.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const argumentDeltas: string[] = [];
    first.on('toolCallDelta', (delta) => {
      if (delta.type === 'function') argumentDeltas.push(delta.function?.arguments ?? '');
    });
    const waiting = await first.finalRun();
    expect(waiting.status).toBe('requires_action');
    const calls = waiting.required_action!.submit_tool_outputs.tool_calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' });
    expect(argumentDeltas.join('')).toBe('{"city":"Paris","unit":"celsius"}');
    expect(argumentDeltas.length).toBeGreaterThan(3);

    const second = sdk.client.beta.threads.runs.submitToolOutputsStream(waiting.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: calls[0]!.id, output: '18 degrees and sunny' }],
    });
    const done = await second.finalRun();
    expect(done.status).toBe('completed');
    const text = (await second.finalMessages()).flatMap((m) => m.content).map((c) => (c.type === 'text' ? c.text.value : ''));
    expect(text.join('')).toBe('get_weather returned: 18 degrees and sunny');

    const steps = await sdk.client.beta.threads.runs.steps.list(waiting.id, { thread_id: thread.id, order: 'asc' });
    expect(steps.data.map((s) => [s.type, s.status])).toEqual([
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ]);
    const details = steps.data[0]!.step_details;
    expect(details.type === 'tool_calls' && details.tool_calls[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', output: '18 degrees and sunny' },
    });
  });

  it('streams a code interpreter step: input fragments, then logs, then the answer', async () => {
    const assistant = await sdk.client.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'code_interpreter' }] });
    const thread = await sdk.client.beta.threads.create({ messages: [{ role: 'user', content: 'Calculate (3 + 4) * 5 please' }] });
    const stream = sdk.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const inputs: string[] = [];
    const logs: string[] = [];
    stream.on('toolCallDelta', (delta) => {
      if (delta.type !== 'code_interpreter') return;
      if (delta.code_interpreter?.input) inputs.push(delta.code_interpreter.input);
      for (const output of delta.code_interpreter?.outputs ?? []) if (output.type === 'logs') logs.push(output.logs ?? '');
    });
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    expect(inputs.join('')).toBe('print((3 + 4) * 5)');
    expect(inputs.length).toBeGreaterThan(3);
    expect(logs).toEqual(['35']);
    const texts = (await stream.finalMessages()).flatMap((m) => m.content).map((c) => (c.type === 'text' ? c.text.value : ''));
    expect(texts).toEqual(['The result is 35.']);
  });

  it('createAndRunStream starts with thread.created', async () => {
    const assistant = await sdk.client.beta.assistants.create({ model: 'gpt-4o' });
    const stream = sdk.client.beta.threads.createAndRunStream({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Stream me' }] },
    });
    const events: string[] = [];
    stream.on('event', (event) => events.push(event.event));
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    expect(events[0]).toBe('thread.created');
    expect(events[1]).toBe('thread.run.created');
  });

  it('createAndPoll reaches completed, and the messages are listed', async () => {
    const assistant = await sdk.client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await sdk.client.beta.threads.create({ messages: [{ role: 'user', content: 'Poll me' }] });
    const run = await sdk.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');
    const messages = await sdk.client.beta.threads.messages.list(thread.id);
    expect(messages.data.map((m) => m.role)).toEqual(['assistant', 'user']);
  });
});

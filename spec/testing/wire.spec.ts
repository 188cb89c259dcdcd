import { assistantEventDataSchemas } from '../../src/schema/assistants/index.js';
import { startEmulator, type Emulator } from '../../src/testing/index.js';
import { call, collapsedNames, fixtureBlocks, json, parseSse, setup, weatherTool, type Block } from './helpers.js';

/** Streams a request and returns its blocks. */
async function stream(emulator: Emulator, path: string, body: unknown): Promise<Block[]> {
  const res = await call(emulator, 'POST', path, body);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return parseSse(await res.text());
}

function expectValid(blocks: readonly Block[]): void {
  for (const block of blocks) {
    if (block.event === 'done') {
      expect(block.data).toBe('[DONE]');
      continue;
    }
    const schema = assistantEventDataSchemas[block.event as keyof typeof assistantEventDataSchemas];
    expect(schema).toBeDefined();
    const result = schema.safeParse(JSON.parse(block.data));
    if (!result.success) throw new Error(`${block.event}: ${result.error.message}`);
  }
}

function parseOrUndefined(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a few published examples have a stray brace or lost their data line
  }
}

/** Every top-level key the recording's data has, the emulator's data has too (per event name). */
function expectKeysOfRecording(blocks: readonly Block[], recording: readonly Block[]): void {
  for (const recorded of recording) {
    const data = recorded.event === 'done' ? undefined : parseOrUndefined(recorded.data);
    if (!data) continue;
    const ours = blocks.find((block) => block.event === recorded.event);
    expect(ours).toBeDefined();
    const missing = Object.keys(data).filter((key) => !(key in JSON.parse(ours!.data)));
    expect({ event: recorded.event, missing }).toEqual({ event: recorded.event, missing: [] });
  }
}

function last(blocks: readonly Block[], event: string): any {
  return JSON.parse([...blocks].reverse().find((block) => block.event === event)!.data);
}

describe('the emulator on the wire: event streams', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());

  it('streams a text run as the recorded create-run stream, every event valid', async () => {
    const { assistantId, threadId } = await setup(emulator, 'Hello! How are you doing today?');
    const blocks = await stream(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
    const recording = fixtureBlocks('create-run');
    expect(collapsedNames(blocks)).toEqual(collapsedNames(recording));
    expectValid(blocks);
    expectKeysOfRecording(blocks, recording);
    const deltas = blocks.filter((block) => block.event === 'thread.message.delta').map((block) => JSON.parse(block.data));
    expect(deltas.map((delta) => delta.delta.content[0].text.value).join('')).toBe('You said: Hello! How are you doing today?');
    expect(deltas[0].delta.content[0].text.annotations).toEqual([]);
    expect(deltas[1].delta.content[0].text).toEqual({ value: ' said' });
    expect(last(blocks, 'thread.run.completed').usage).toEqual(
      expect.objectContaining({ prompt_tokens: expect.any(Number), completion_tokens: deltas.length }),
    );
  });

  it('streams a new thread and its run as the recorded create-thread-and-run stream', async () => {
    const { assistantId } = await setup(emulator, 'unused');
    const blocks = await stream(emulator, '/threads/runs', {
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'Hi' }] },
      stream: true,
    });
    const recording = fixtureBlocks('create-thread-and-run');
    expect(collapsedNames(blocks)).toEqual(collapsedNames(recording));
    expectValid(blocks);
    expectKeysOfRecording(blocks, recording);
    const thread = JSON.parse(blocks[0]!.data);
    expect(last(blocks, 'thread.run.created').thread_id).toBe(thread.id);
  });

  it('streams a function call and the continuation as the recorded streams', async () => {
    const { assistantId } = await setup(emulator, 'unused', [weatherTool]);
    const first = await stream(emulator, '/threads/runs', {
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'What is the weather in "San Francisco, CA"? Use get_current_weather.' }] },
      stream: true,
    });
    const recording = fixtureBlocks('create-thread-and-run-with-functions');
    expect(collapsedNames(first)).toEqual(collapsedNames(recording));
    expectValid(first);
    expectKeysOfRecording(first, recording);
    const waiting = last(first, 'thread.run.requires_action');
    const [toolCall] = waiting.required_action.submit_tool_outputs.tool_calls;
    expect(toolCall).toEqual({
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_current_weather', arguments: '{"location":"San Francisco, CA"}' },
    });
    const firstDelta = JSON.parse(first.find((block) => block.event === 'thread.run.step.delta')!.data);
    expect(firstDelta.delta.step_details.tool_calls[0]).toEqual({
      index: 0,
      id: toolCall.id,
      type: 'function',
      function: { name: 'get_current_weather', arguments: '', output: null },
    });

    const second = await stream(emulator, `/threads/${waiting.thread_id}/runs/${waiting.id}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: toolCall.id, output: '70 degrees and sunny.' }],
      stream: true,
    });
    const continuation = fixtureBlocks('submit-tool-outputs');
    expect(collapsedNames(second)).toEqual(collapsedNames(continuation));
    expectValid(second);
    expectKeysOfRecording(second, continuation);
    const toolStep = JSON.parse(second[0]!.data);
    expect(toolStep).toMatchObject({ status: 'completed', type: 'tool_calls' });
    expect(toolStep.step_details.tool_calls[0].function.output).toBe('70 degrees and sunny.');
    const answer = last(second, 'thread.message.completed').content[0].text.value;
    expect(answer).toBe('get_current_weather returned: 70 degrees and sunny.');
  });

  it('leaves the stored run, steps and messages exactly as the stream told', async () => {
    const { assistantId, threadId } = await setup(emulator, 'Calculate 6 * 7', [{ type: 'code_interpreter' }]);
    const blocks = await stream(emulator, `/threads/${threadId}/runs`, { assistant_id: assistantId, stream: true });
    expectValid(blocks);
    const run = last(blocks, 'thread.run.completed');
    expect((await json(emulator, 'GET', `/threads/${threadId}/runs/${run.id}`)).body).toEqual(run);
    const steps = (await json(emulator, 'GET', `/threads/${threadId}/runs/${run.id}/steps?order=asc`)).body.data;
    const completedSteps = blocks.filter((block) => block.event === 'thread.run.step.completed').map((b) => JSON.parse(b.data));
    expect(steps).toEqual(completedSteps);
    expect(steps[0].step_details.tool_calls[0].code_interpreter).toEqual({
      input: 'print(6 * 7)',
      outputs: [{ type: 'logs', logs: '42' }],
    });
    const messages = (await json(emulator, 'GET', `/threads/${threadId}/messages?run_id=${run.id}`)).body.data;
    expect(messages).toEqual([last(blocks, 'thread.message.completed')]);
  });

  it('answers a non-streamed run with the queued run, then moves it one status step at a time', async () => {
    const slow = await startEmulator({ pacing: 0, statusStepMs: 150, pollAfterMs: 7 });
    try {
      const { assistantId, threadId } = await setup(slow, 'One step at a time');
      const created = await json(slow, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId });
      expect(created.headers.get('content-type')).toMatch(/^application\/json/);
      expect(created.body).toMatchObject({ object: 'thread.run', status: 'queued', started_at: null, usage: null });
      const seen = new Set<string>(['queued']);
      let current = created.body;
      while (current.status !== 'completed') {
        const got = await json(slow, 'GET', `/threads/${threadId}/runs/${current.id}`);
        expect(got.headers.get('openai-poll-after-ms')).toBe('7');
        current = got.body;
        seen.add(current.status);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect([...seen]).toEqual(['queued', 'in_progress', 'completed']);
      expect(current.usage).not.toBeNull();
    } finally {
      await slow.close();
    }
  });

  it('gives every response an x-request-id and the GET responses openai-poll-after-ms', async () => {
    const { threadId } = await setup(emulator, 'ids');
    const got = await call(emulator, 'GET', `/threads/${threadId}`);
    expect(got.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(got.headers.get('openai-poll-after-ms')).toBe('1');
    const posted = await call(emulator, 'POST', '/threads', {});
    expect(posted.headers.get('x-request-id')).toMatch(/^req_/);
    expect(posted.headers.get('openai-poll-after-ms')).toBeNull();
    const failed = await call(emulator, 'GET', '/threads/thread_nope');
    expect(failed.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

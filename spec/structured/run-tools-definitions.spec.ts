import { from, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import {
  type ChatCompletionChunk,
  type ResponseStreamEvent,
  StructuredOutputSchemaError,
  StructuredOutputUnknownToolError,
  ToolLoopDefinitionError,
} from '../../src/index';
import {
  jsonSchemaTool,
  runChatTools,
  runResponsesTools,
  toolLoopResult,
  zodTool,
  zodResponsesFunction,
  type ChatToolsClient,
  type ResponsesToolsClient,
} from '../../src/structured';
import { response } from '../responses/stream';
import { chunk } from './streams';

// What the loops check when they are called (one rule for both: a mistake only code can fix is thrown by the call,
// before any Observable or request exists), and what they do with custom tool calls and token usage, with clients
// of canned turns (the emulator never calls a custom tool, and reports no cached or reasoning tokens).

/** A chat client and a Responses client that count their requests and answer every one with `turns[n]`. */
function clients(chatTurns: readonly ChatCompletionChunk[][] = [], responseTurns: readonly ResponseStreamEvent[][] = []) {
  const requests: unknown[] = [];
  const chat: ChatToolsClient = {
    chat: { completions: { stream: (request) => (requests.push(structuredClone(request)), from(chatTurns[requests.length - 1] ?? [])) } },
  };
  const responses: ResponsesToolsClient = {
    responses: { stream: (request) => (requests.push(structuredClone(request)), from(responseTurns[requests.length - 1] ?? [])) },
  };
  return { chat, responses, requests };
}

const City = z.object({ city: z.string() });
const getWeather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => `sunny in ${city}` });
const chatParams = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Oslo?' }] };
const responsesParams = { model: 'gpt-4o', input: 'Weather in Oslo?' };

/** Calls both loops with `options`, returning what each threw (`undefined` when it returned). */
function thrownByBoth(options: object): unknown[] {
  const { chat, responses, requests } = clients();
  const thrown = [
    () => runChatTools(chat, chatParams, options as never),
    () => runResponsesTools(responses, responsesParams, options as never),
  ].map((call) => {
    try {
      call();
      return undefined;
    } catch (error) {
      return error;
    }
  });
  expect(requests).toEqual([]);
  return thrown;
}

describe('tool loops: the options are checked when a loop is called', () => {
  it("a function tool in the official SDK's runnable form is a ToolLoopDefinitionError naming it and the way to declare it", () => {
    const sdkForm = {
      type: 'function',
      function: { name: 'get_time', parameters: { type: 'object', properties: {} }, function: () => 'noon', parse: JSON.parse },
    };
    for (const error of thrownByBoth({ tools: [getWeather, sdkForm] })) {
      expect(error).toBeInstanceOf(ToolLoopDefinitionError);
      expect(error).toMatchObject({ name: 'ToolLoopDefinitionError', index: 1, toolName: 'get_time' });
      expect((error as Error).message).toMatch(/tools\[1\] \("get_time"\) is a function tool in the official SDK's form/);
      expect((error as Error).message).toMatch(/jsonSchemaTool\(/);
    }
  });

  it("the SDK ResponsesToolRunner's { tool, execute } and a declaration for the API (zodResponsesFunction()) say how to declare them", () => {
    const runnerForm = { tool: { type: 'function', name: 'get_time', parameters: { type: 'object' }, strict: false }, execute: () => 'noon' };
    for (const error of thrownByBoth({ tools: [runnerForm] })) {
      expect(error).toMatchObject({ index: 0, toolName: 'get_time' });
      expect((error as Error).message).toMatch(/ResponsesToolRunner \(`\{ tool, execute \}`\): declare it with jsonSchemaTool\(\{ \.\.\.tool, execute \}\)/);
    }
    for (const error of thrownByBoth({ tools: [zodResponsesFunction({ name: 'get_time', parameters: City })] })) {
      expect(error).toBeInstanceOf(ToolLoopDefinitionError);
      expect((error as Error).message).toMatch(/\("get_time"\) has no `execute` function \(got undefined\); a tool declaration for the API/);
    }
  });

  const notTools: Array<[string, unknown, RegExp, string | undefined]> = [
    ['a string', 'get_weather', /tools\[0\] is not a tool \(got string\)/, undefined],
    ['null', null, /tools\[0\] is not a tool \(got null\)/, undefined],
    ['no name', { parameters: City, execute: () => 1 }, /tools\[0\] has no name/, undefined],
    ['no execute', { name: 'get_time', parameters: City }, /tools\[0\] \("get_time"\) has no `execute` function \(got undefined\)/, 'get_time'],
    ['parameters missing', { name: 'get_time', execute: () => 1 }, /`parameters` must be a zod schema \(zodTool\) or a JSON Schema object \(jsonSchemaTool\) \(got undefined\)/, 'get_time'],
    ['parameters an array', { name: 'get_time', parameters: [], execute: () => 1 }, /\(got Array\)/, 'get_time'],
    // zod 3's `_def` without its `safeParse` (a zod 3 schema is a zod tool: spec/structured/zod3-emulator.spec.ts).
    ['a schema-like object', { name: 'get_time', parameters: { _def: { typeName: 'ZodObject' } }, execute: () => 1 }, /\(got an object with `_def` that is no zod 3 schema\)/, 'get_time'],
    ['strict not a boolean', { name: 'get_time', parameters: {}, strict: 'yes', execute: () => 1 }, /`strict` must be a boolean/, 'get_time'],
    ['parse not a function', { name: 'get_time', parameters: {}, parse: 'json', execute: () => 1 }, /`parse` must be a function/, 'get_time'],
  ];
  it.each(notTools)('%s is a ToolLoopDefinitionError saying what was expected', (_, tool, message, toolName) => {
    for (const error of thrownByBoth({ tools: [tool] })) {
      expect(error).toBeInstanceOf(ToolLoopDefinitionError);
      expect((error as Error).message).toMatch(message);
      expect(error).toMatchObject({ index: 0, toolName });
    }
  });

  it('tools that is not an array is a ToolLoopDefinitionError (index undefined)', () => {
    for (const error of thrownByBoth({ tools: getWeather })) {
      expect(error).toBeInstanceOf(ToolLoopDefinitionError);
      expect(error).toMatchObject({ index: undefined, message: expect.stringMatching(/`tools` must be an array of tools \(got Object\)/) });
    }
  });

  it('a zod schema strict mode cannot represent is a StructuredOutputSchemaError naming the tool, thrown by the call', () => {
    const optional = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string(), units: z.string().optional() }), execute: () => 1 });
    for (const error of thrownByBoth({ tools: [optional] })) {
      expect(error).toBeInstanceOf(StructuredOutputSchemaError);
      expect(error).toMatchObject({ toolName: 'get_weather', path: 'properties/units', problem: expect.stringMatching(/optional but not nullable/) });
      expect((error as Error).message).toMatch(/^The parameters of tool "get_weather": The property "units" is optional but not nullable/);
    }
  });

  it.each([
    [{ maxSteps: 0 }, /maxSteps must be a whole number >= 1 \(got 0\)/],
    [{ maxSteps: Number.NaN }, /maxSteps must be a whole number >= 1 \(got NaN\)/],
    [{ maxSteps: 2.5 }, /maxSteps/],
    [{ concurrency: 0 }, /concurrency must be a whole number >= 1, or Infinity \(got 0\)/],
    [{ concurrency: -1 }, /concurrency/],
  ])('%o is a RangeError (a loop that never ends, or a turn whose calls never run)', (option, message) => {
    for (const error of thrownByBoth({ tools: [getWeather], ...option })) {
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('valid options build a cold Observable: nothing is requested before a subscription', () => {
    expect(thrownByBoth({ tools: [getWeather, jsonSchemaTool({ name: 'b', parameters: {}, execute: () => 1 })], concurrency: Infinity, maxSteps: 1 })).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('runResponsesTools on a custom tool call', () => {
  const customItem = { type: 'custom_tool_call', id: 'ctc_0', call_id: 'call_c', name: 'run_sql', input: 'SELECT 1', status: 'completed' };
  const functionItem = { type: 'function_call', id: 'fc_1', call_id: 'call_f', name: 'get_weather', arguments: '{"city":"Oslo"}', status: 'completed' };
  let seq = 0;
  const e = (event: object) => ({ ...event, sequence_number: seq++ }) as ResponseStreamEvent;
  const calls = [
    e({ type: 'response.created', response: response('in_progress') }),
    e({ type: 'response.output_item.added', output_index: 0, item: { ...customItem, input: '', status: 'in_progress' } }),
    e({ type: 'response.custom_tool_call_input.delta', item_id: 'ctc_0', output_index: 0, delta: 'SELECT 1' }),
    e({ type: 'response.custom_tool_call_input.done', item_id: 'ctc_0', output_index: 0, input: 'SELECT 1' }),
    e({ type: 'response.output_item.done', output_index: 0, item: customItem }),
    e({ type: 'response.output_item.added', output_index: 1, item: { ...functionItem, arguments: '', status: 'in_progress' } }),
    e({ type: 'response.output_item.done', output_index: 1, item: functionItem }),
    e({ type: 'response.completed', response: response('completed', [customItem, functionItem] as never) }),
  ];
  const answer = [e({ type: 'response.created', response: response('in_progress') }), e({ type: 'response.completed', response: response('completed') })];

  it('is answered like a call to an unknown tool, with a custom_tool_call_output; the function call beside it runs', async () => {
    const { responses, requests } = clients([], [calls, answer]);
    const events = await lastValueFrom(runResponsesTools(responses, responsesParams, { tools: [getWeather] }).pipe(toArray()));
    const outcomes = events.flatMap((event) => (event.type === 'tool_call.finished' ? [event.outcome] : []));
    expect(outcomes.map((o) => [o.call.type, o.call.name, o.call.arguments, o.status])).toEqual([
      ['custom', 'run_sql', 'SELECT 1', 'error'],
      ['function', 'get_weather', '{"city":"Oslo"}', 'ok'],
    ]);
    // The custom call's events name it, as a function call's do.
    const named = events.flatMap((event) => (event.type === 'event' && event.callId !== undefined ? [`${event.event.type}:${event.callId}`] : []));
    expect(named).toContain('response.custom_tool_call_input.delta:call_c');
    expect(requests).toHaveLength(2);
    expect((requests[1] as { input: unknown[] }).input).toEqual([
      { type: 'custom_tool_call_output', call_id: 'call_c', output: expect.stringMatching(/^Error: The model called custom tool "run_sql" \(call call_c\)/) },
      { type: 'function_call_output', call_id: 'call_f', output: 'sunny in Oslo' },
    ]);
  });

  it("fails the loop with StructuredOutputUnknownToolError with onInvalidArguments: 'fail', as an unknown function does", async () => {
    const { responses, requests } = clients([], [calls, answer]);
    const error = await lastValueFrom(runResponsesTools(responses, responsesParams, { tools: [getWeather], onInvalidArguments: 'fail' })).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StructuredOutputUnknownToolError);
    expect(error).toMatchObject({ toolName: 'run_sql', callId: 'call_c', toolType: 'custom', reason: 'unknown_tool' });
    expect(requests).toHaveLength(1);
  });
});

describe('tool loops: the tokens of all the turns', () => {
  it('sums input, output, total and every detail count of the chat turns, as the SDK totalUsage() sums them', async () => {
    const usage = (prompt: number, completion: number, cached: number, reasoning: number) =>
      ({
        ...chunk([]),
        choices: [],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
          prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: reasoning, ...(reasoning > 0 ? { accepted_prediction_tokens: 2 } : {}) },
        },
      });
    const call = chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } } as never]);
    const turns = [
      [call, chunk([{ delta: {}, finish_reason: 'tool_calls' }]), usage(100, 20, 64, 8)],
      [chunk([{ delta: { role: 'assistant', content: 'sunny' } }]), chunk([{ delta: {}, finish_reason: 'stop' }]), usage(130, 5, 96, 0)],
    ] as ChatCompletionChunk[][];
    const { chat } = clients(turns);
    const result = await lastValueFrom(runChatTools(chat, chatParams, { tools: [getWeather] }).pipe(toolLoopResult()));
    expect(result.usage).toEqual({
      input: 230,
      output: 25,
      total: 255,
      inputDetails: { cached_tokens: 160, audio_tokens: 0 },
      outputDetails: { reasoning_tokens: 8, accepted_prediction_tokens: 2 },
    });
  });
});

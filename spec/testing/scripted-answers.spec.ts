import OpenAI from 'openai';
import { zodResponseFormat as sdkZodResponseFormat, zodTextFormat as sdkZodTextFormat } from 'openai/helpers/zod';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { lastValueFrom, share, toArray } from 'rxjs';
import { z } from 'zod';
import { createAssistantsClient, createClient, finalMessages, finalRun } from '../../src/index';
import { runChatTools, runResponsesTools, toolLoopResult, zodTool } from '../../src/structured';
import { startEmulator, type AnswerRequest, type Emulator } from '../../src/testing/index';
import { strictWeatherTool, withoutParsed } from '../helpers/sdk';
import { collapsedTypes, RESPONSES_TEXT_EVENTS } from '../helpers/response-event-types';

const City = z.object({ city: z.string() });
const chatWeatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  },
};


/** Two calls of the same function with different arguments, with the ids the test chose. */
const TWO_CITIES = {
  toolCalls: [
    { name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_oslo' },
    { name: 'get_weather', arguments: '{"city":"Rome"}', id: 'call_rome' },
  ],
};

describe('scripted answers (emulator.scriptAnswer)', () => {
  let emulator: Emulator;
  let client: OpenAI;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5 });
    client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, logLevel: 'off' });
  });
  afterEach(() => {
    emulator.clearScriptedAnswers();
    emulator.clearFaults();
  });
  afterAll(() => emulator.close());

  describe('Responses', () => {
    it('a text: streamed with the events of a generated answer, usage counting its tokens', async () => {
      emulator.scriptAnswer({ text: 'Il fait beau à Paris.' });
      const stream = client.responses.stream({ model: 'gpt-4o', input: "What's the weather like in Paris today?" });
      const types: string[] = [];
      stream.on('event', (event: ResponseStreamEvent) => types.push(event.type));
      const response = await stream.finalResponse();

      expect(response.output_text).toBe('Il fait beau à Paris.');
      expect(collapsedTypes(types)).toEqual(RESPONSES_TEXT_EVENTS);
      expect(response.usage?.output_tokens).toBe(types.filter((type) => type === 'response.output_text.delta').length);
      // Used up: the next request gets the generated answer.
      const next = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
      expect(next.output_text).toBe('You said: Hi');
    });

    it('the SDK: two calls of the same function, the outputs, then the scripted final answer', async () => {
      emulator.scriptAnswer(TWO_CITIES);
      emulator.scriptAnswer({ text: 'Oslo: 3C, Rome: 21C.' });
      const tools = [strictWeatherTool];
      const first = await client.responses.stream({ model: 'gpt-4o', input: 'Weather in two cities?', tools }).finalResponse();
      const calls = first.output.flatMap((item) => (item.type === 'function_call' ? [item] : []));
      expect(calls.map(({ name, arguments: args, call_id }) => ({ name, args, call_id }))).toEqual([
        { name: 'get_weather', args: '{"city":"Oslo"}', call_id: 'call_oslo' },
        { name: 'get_weather', args: '{"city":"Rome"}', call_id: 'call_rome' },
      ]);
      const final = await client.responses.create({
        model: 'gpt-4o',
        tools,
        previous_response_id: first.id,
        input: calls.map((call) => ({
          type: 'function_call_output' as const,
          call_id: call.call_id,
          output: JSON.parse(call.arguments).city === 'Oslo' ? '3C' : '21C',
        })),
      });
      expect(final.output_text).toBe('Oslo: 3C, Rome: 21C.');
    });

    it("the library's runResponsesTools: a whole tool loop on scripted answers", async () => {
      emulator.scriptAnswer(TWO_CITIES, { match: { api: 'responses' } });
      emulator.scriptAnswer({ text: 'Oslo is colder.' }, { match: { when: (request) => request.toolOutputs.length === 2 } });
      const seen: string[] = [];
      const getWeather = zodTool({
        name: 'get_weather',
        parameters: City,
        execute: ({ city }) => {
          seen.push(city);
          return { city, temperature: city === 'Oslo' ? 3 : 21 };
        },
      });
      const ours = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const { final, steps } = await lastValueFrom(
        runResponsesTools(ours, { model: 'gpt-4o', input: 'Compare the weather' }, { tools: [getWeather] }).pipe(toolLoopResult()),
      );
      expect(seen).toEqual(['Oslo', 'Rome']);
      expect(steps).toBe(2);
      expect(final.output_text).toBe('Oslo is colder.');
    });

    it('a text then calls: a message item, then the function_call items', async () => {
      emulator.scriptAnswer({ text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
      const response = await client.responses
        .stream({ model: 'gpt-4o', input: 'Weather?', tools: [strictWeatherTool] })
        .finalResponse();
      expect(response.output.map((item) => item.type)).toEqual(['message', 'function_call']);
      expect(response.output_text).toBe('Let me check.');
      expect(response.output[1]).toMatchObject({ name: 'get_weather', arguments: '{"city":"Oslo"}', call_id: expect.stringMatching(/^call_/) });
    });

    it('a refusal: streamed as refusal deltas; parse() gives the refusal part and no output_parsed', async () => {
      const format = sdkZodTextFormat(City, 'city');
      emulator.scriptAnswer({ refusal: "I can't help with that." }, { times: 2 });
      const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hack it', text: { format } });
      const refusalDeltas: string[] = [];
      stream.on('response.refusal.delta', (event) => refusalDeltas.push(event.delta));
      const streamed = await stream.finalResponse();
      expect(refusalDeltas.join('')).toBe("I can't help with that.");
      expect(streamed.output_parsed).toBeNull();

      const parsed = await client.responses.parse({ model: 'gpt-4o', input: 'Hack it', text: { format } });
      expect(parsed.output_parsed).toBeNull();
      expect(parsed.output[0]).toMatchObject({
        type: 'message',
        content: [{ type: 'refusal', refusal: "I can't help with that." }],
      });
    });

    it('reasoning: a reasoning item with its summary first, counted in reasoning_tokens', async () => {
      emulator.scriptAnswer({ reasoning: 'The user greets me.', text: 'Hello!' });
      const stream = client.responses.stream({ model: 'o4-mini', input: 'Hi' });
      const summary: string[] = [];
      stream.on('response.reasoning_summary_text.delta', (event) => summary.push(event.delta));
      const response = await stream.finalResponse();
      expect(summary.join('')).toBe('The user greets me.');
      expect(response.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'The user greets me.' }] });
      expect(response.output_text).toBe('Hello!');
      expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(summary.length);
      expect(response.usage?.output_tokens).toBe(summary.length + 2);
    });

    it('the token limit counts the reasoning first; used up there, the response is incomplete with no message', async () => {
      const words = (n: number) => Array.from({ length: n }, (_, at) => `w${at}`).join(' ');
      emulator.scriptAnswer({ reasoning: words(10), text: words(10) });
      const cut = await client.responses.create({ model: 'o4-mini', input: 'Hi', max_output_tokens: 16 });
      expect([cut.status, cut.incomplete_details?.reason]).toEqual(['incomplete', 'max_output_tokens']);
      expect(cut.usage).toMatchObject({ output_tokens: 16, output_tokens_details: { reasoning_tokens: 10 } });
      expect(cut.output_text).toBe(words(6));

      emulator.scriptAnswer({ reasoning: words(30), text: 'Never written.' });
      const stream = client.responses.stream({ model: 'o4-mini', input: 'Hi', max_output_tokens: 16 });
      const types: string[] = [];
      stream.on('event', (event: ResponseStreamEvent) => types.push(event.type));
      const thought = await stream.finalResponse();
      expect([thought.status, thought.incomplete_details?.reason]).toEqual(['incomplete', 'max_output_tokens']);
      expect(thought.output.map((item) => item.type)).toEqual(['reasoning']);
      expect(thought.usage).toMatchObject({ output_tokens: 16, output_tokens_details: { reasoning_tokens: 16 } });
      expect(types).not.toContain('response.output_text.delta');
      expect(types.at(-1)).toBe('response.incomplete');
    });

    it('a json_schema request gets a scripted text as it is, valid or not', async () => {
      emulator.scriptAnswer({ text: '{"city": 42}' });
      const response = await client.responses.create({
        model: 'gpt-4o',
        input: 'Which city?',
        text: { format: sdkZodTextFormat(City, 'city') },
      });
      expect(response.output_text).toBe('{"city": 42}');
    });

    it('a model failure (responseFailed) does not use the scripted answer up', async () => {
      const scripted = emulator.scriptAnswer({ text: 'Scripted.' });
      emulator.inject({ kind: 'responseFailed' });
      const failed = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
      expect(failed.status).toBe('failed');
      expect(scripted.remaining).toBe(1);
      expect((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text).toBe('Scripted.');
      expect(scripted.hits).toBe(1);
    });

    it('a model failure after some output (responseFailed with afterEvents) streams the scripted answer and uses it up', async () => {
      const scripted = emulator.scriptAnswer({ text: 'My scripted answer goes on.' });
      emulator.inject({ kind: 'responseFailed', afterEvents: 6 });
      const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hi' });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
      const events: ResponseStreamEvent[] = [];
      for await (const event of stream) events.push(event);
      expect(deltas.join('')).toBe('My scripted');
      expect(events.at(-1)!.type).toBe('response.failed');
      expect([scripted.hits, scripted.remaining]).toEqual([1, 0]);
    });
  });

  describe('Chat Completions', () => {
    it('a text, streamed: chunks of content then finish_reason stop', async () => {
      emulator.scriptAnswer({ text: 'Bonjour !' }, { match: { api: 'chat' } });
      const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
      const chunks: ChatCompletionChunk[] = [];
      stream.on('chunk', (chunk) => chunks.push(chunk));
      const completion = await stream.finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('Bonjour !');
      expect(completion.choices[0]!.finish_reason).toBe('stop');
      expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    });

    it("the SDK's runTools: two calls of the same function, then the scripted final answer", async () => {
      emulator.scriptAnswer(TWO_CITIES);
      emulator.scriptAnswer({ text: 'Oslo: 3C, Rome: 21C.' });
      const seen: string[] = [];
      const runner = client.chat.completions.runTools({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Weather in two cities?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'The weather in a city',
              parameters: chatWeatherTool.function.parameters,
              function: (args: { city: string }) => {
                seen.push(args.city);
                return args.city === 'Oslo' ? '3C' : '21C';
              },
              parse: JSON.parse,
            },
          },
        ],
      });
      expect(await runner.finalContent()).toBe('Oslo: 3C, Rome: 21C.');
      expect(seen).toEqual(['Oslo', 'Rome']);
      const toolMessages = runner.messages.filter((message) => message.role === 'tool');
      expect(toolMessages.map((message) => 'tool_call_id' in message && message.tool_call_id)).toEqual(['call_oslo', 'call_rome']);
    });

    it("the library's runChatTools: a whole tool loop on scripted answers", async () => {
      emulator.scriptAnswer(TWO_CITIES, { match: { api: 'chat', input: 'Compare' } });
      emulator.scriptAnswer({ text: 'Rome is warmer.' }, { match: { api: 'chat', when: (request) => request.toolOutputs.length > 0 } });
      const getWeather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => `${city}: fine` });
      const ours = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const messages = [{ role: 'user' as const, content: 'Compare Oslo and Rome' }];
      const { final, history } = await lastValueFrom(
        runChatTools(ours, { model: 'gpt-4o', messages }, { tools: [getWeather] }).pipe(toolLoopResult()),
      );
      expect(final.choices[0]!.message.content).toBe('Rome is warmer.');
      expect(history.filter((message) => message.role === 'tool').map((message) => message.content)).toEqual([
        'Oslo: fine',
        'Rome: fine',
      ]);
    });

    it('a text then calls: content, then the tool calls, finish_reason tool_calls', async () => {
      emulator.scriptAnswer({ text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_1' }] });
      const completion = await client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather?' }], tools: [chatWeatherTool] })
        .finalChatCompletion();
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBe('Let me check.');
      const toolCalls = [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }];
      expect(withoutParsed(choice.message.tool_calls)).toEqual(toolCalls);
      // Not streamed: the same message.
      emulator.scriptAnswer({ text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_1' }] });
      const created = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [chatWeatherTool],
      });
      expect(created.choices[0]!.message).toMatchObject({ content: 'Let me check.', tool_calls: toolCalls });
      expect(created.choices[0]!.finish_reason).toBe('tool_calls');
    });

    it('a refusal: parse() and stream().finalChatCompletion() give message.refusal, no content, no parsed', async () => {
      const response_format = sdkZodResponseFormat(City, 'city');
      const messages = [{ role: 'user' as const, content: 'Hack it' }];
      emulator.scriptAnswer({ refusal: "I can't help with that." }, { times: 2 });
      const parsed = await client.chat.completions.parse({ model: 'gpt-4o', messages, response_format });
      expect(parsed.choices[0]!.message).toMatchObject({ content: null, refusal: "I can't help with that.", parsed: null });
      expect(parsed.choices[0]!.finish_reason).toBe('stop');

      const refusals: string[] = [];
      const stream = client.chat.completions.stream({ model: 'gpt-4o', messages, response_format });
      stream.on('refusal.delta', ({ delta }) => refusals.push(delta));
      const streamed = await stream.finalChatCompletion();
      expect(streamed.choices[0]!.message.refusal).toBe("I can't help with that.");
      expect(streamed.choices[0]!.message.parsed).toBeNull();
      expect(refusals.join('')).toBe("I can't help with that.");
    });

    it('a call of a function the request does not declare, and arguments that are not JSON, are sent as given', async () => {
      emulator.scriptAnswer({ toolCalls: [{ name: 'delete_everything', arguments: '{"oops":' }] });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [chatWeatherTool],
      });
      expect(completion.choices[0]!.message.tool_calls).toEqual([
        { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'delete_everything', arguments: '{"oops":' } },
      ]);
    });

    it('a token limit cuts a scripted answer like a generated one', async () => {
      emulator.scriptAnswer({ text: 'one two three four' });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Count' }],
        max_completion_tokens: 2,
      });
      expect(completion.choices[0]!.message.content).toBe('one two');
      expect(completion.choices[0]!.finish_reason).toBe('length');
      expect(completion.usage?.completion_tokens).toBe(2);
    });

    it('max_completion_tokens counts the reasoning first; used up there, the content is empty and finish_reason length', async () => {
      const request = { model: 'o4-mini', messages: [{ role: 'user' as const, content: 'Count' }] };
      emulator.scriptAnswer({ reasoning: 'one two three', text: 'four five six' });
      const cut = await client.chat.completions.create({ ...request, max_completion_tokens: 5 });
      expect([cut.choices[0]!.message.content, cut.choices[0]!.finish_reason]).toEqual(['four five', 'length']);
      expect(cut.usage).toMatchObject({ completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 3 } });

      emulator.scriptAnswer({ reasoning: 'one two three', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
      const thought = await client.chat.completions.stream({ ...request, max_completion_tokens: 3, stream_options: { include_usage: true } }).finalChatCompletion();
      expect(thought.choices[0]!.message).toMatchObject({ content: '' });
      expect(thought.choices[0]!.message.tool_calls ?? []).toEqual([]);
      expect(thought.choices[0]!.finish_reason).toBe('length');
      expect(thought.usage).toMatchObject({ completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 3 } });
    });
  });

  describe('Assistants runs', () => {
    async function assistantAndThread(text: string) {
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [chatWeatherTool] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: text }] });
      return { assistant_id: assistant.id, thread_id: thread.id };
    }

    it('scripted calls, requires_action, then the scripted answer after the tool outputs', async () => {
      emulator.scriptAnswer(TWO_CITIES, { match: { api: 'assistants' } });
      emulator.scriptAnswer({ text: 'Oslo: 3C, Rome: 21C.' }, { match: { api: 'assistants' } });
      const { assistant_id, thread_id } = await assistantAndThread('Weather in two cities?');
      const waiting = await client.beta.threads.runs.stream(thread_id, { assistant_id }).finalRun();
      expect(waiting.status).toBe('requires_action');
      const calls = waiting.required_action!.submit_tool_outputs.tool_calls;
      expect(calls.map((call) => [call.id, call.function.name, call.function.arguments])).toEqual([
        ['call_oslo', 'get_weather', '{"city":"Oslo"}'],
        ['call_rome', 'get_weather', '{"city":"Rome"}'],
      ]);
      const done = await client.beta.threads.runs
        .submitToolOutputsStream(waiting.id, {
          thread_id,
          tool_outputs: [
            { tool_call_id: 'call_oslo', output: '3C' },
            { tool_call_id: 'call_rome', output: '21C' },
          ],
        })
        .finalRun();
      expect(done.status).toBe('completed');
      const [message] = (await client.beta.threads.messages.list(thread_id, { limit: 1 })).data;
      expect(message!.content).toEqual([{ type: 'text', text: { value: 'Oslo: 3C, Rome: 21C.', annotations: [] } }]);
    });

    it('a predicate that throws: the 500 creates no run (the thread stays free) and submits no outputs', async () => {
      const throwing = { match: { api: 'assistants' as const, when: (): boolean => { throw new Error('boom'); } } };
      const { assistant_id, thread_id } = await assistantAndThread('Weather?');
      const before = { ...emulator.counters };
      const scripted = emulator.scriptAnswer({ text: 'Never.' }, throwing);
      // With the SDK's own retries on: the 500 says not to retry (`x-should-retry: false`), so it is sent once.
      const retrying = new OpenAI({ apiKey: 'test', baseURL: emulator.url, logLevel: 'off' });
      const sent = emulator.requests.length;
      const create = retrying.beta.threads.runs.create(thread_id, { assistant_id, additional_messages: [{ role: 'user', content: 'And now?' }] });
      await expect(create).rejects.toThrow('scriptAnswer(): match.when threw: boom');
      expect(emulator.requests.length - sent).toBe(1);
      expect(emulator.requests.at(-1)!.headers['x-stainless-retry-count']).toBe('0');
      const createAndRun = client.beta.threads.createAndRun({ assistant_id, thread: { messages: [{ role: 'user', content: 'Hi' }] } });
      await expect(createAndRun).rejects.toThrow('scriptAnswer(): match.when threw: boom');
      expect((await client.beta.threads.runs.list(thread_id)).data).toEqual([]);
      expect((await client.beta.threads.messages.list(thread_id)).data.map((message) => message.content)).toEqual([
        [{ type: 'text', text: { value: 'Weather?', annotations: [] } }],
      ]);
      for (const counter of ['runsCreated', 'threadsCreated', 'messagesCreated'] as const) {
        expect([counter, emulator.counters[counter] - before[counter]]).toEqual([counter, 0]);
      }
      scripted.remove();

      // The thread is free: a run goes on, to its tool calls; a throwing predicate at submit_tool_outputs leaves it waiting.
      emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_1' }] });
      const waiting = await client.beta.threads.runs.createAndPoll(thread_id, { assistant_id });
      expect(waiting.status).toBe('requires_action');
      emulator.scriptAnswer({ text: 'Never.' }, throwing);
      const submitted = emulator.counters.toolOutputsSubmitted;
      const submit = client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id, tool_outputs: [{ tool_call_id: 'call_1', output: '3C' }] });
      await expect(submit).rejects.toThrow('scriptAnswer(): match.when threw: boom');
      expect(emulator.counters.toolOutputsSubmitted).toBe(submitted);
      emulator.clearScriptedAnswers();
      const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
        thread_id,
        tool_outputs: [{ tool_call_id: 'call_1', output: '3C' }],
      });
      expect(done.status).toBe('completed');
    });

    it('a refusal: the message has a refusal block; a non-streamed run too', async () => {
      emulator.scriptAnswer({ refusal: 'No.' }, { match: { api: 'assistants' }, times: 2 });
      const { assistant_id, thread_id } = await assistantAndThread('Hack it');
      const run = await client.beta.threads.runs.stream(thread_id, { assistant_id }).finalRun();
      expect(run.status).toBe('completed');
      const [message] = (await client.beta.threads.messages.list(thread_id, { limit: 1 })).data;
      expect(message!.content).toEqual([{ type: 'refusal', refusal: 'No.' }]);

      const polled = await client.beta.threads.createAndRunPoll({
        assistant_id,
        thread: { messages: [{ role: 'user', content: 'Hack it' }] },
      });
      expect(polled.status).toBe('completed');
      const [polledMessage] = (await client.beta.threads.messages.list(polled.thread_id, { limit: 1 })).data;
      expect(polledMessage!.content).toEqual([{ type: 'refusal', refusal: 'No.' }]);
    });
  });

  describe("the library's client on scripted runs", () => {
    it('a text then calls, then a refusal after the outputs: the final run and messages', async () => {
      const ours = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      emulator.scriptAnswer({ text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_x' }] });
      emulator.scriptAnswer({ refusal: 'I will not say.' });
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [chatWeatherTool] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather?' }] });
      const first$ = ours.threads.runs.stream(thread.id, { assistant_id: assistant.id }).pipe(share());
      const [run, messages] = await Promise.all([lastValueFrom(first$.pipe(finalRun())), lastValueFrom(first$.pipe(finalMessages()))]);
      expect(run.status).toBe('requires_action');
      expect(run.required_action?.submit_tool_outputs.tool_calls.map((call) => call.id)).toEqual(['call_x']);
      expect(messages.map((message) => message.content)).toEqual([[{ type: 'text', text: { value: 'Let me check.', annotations: [] } }]]);

      const next$ = ours.threads.runs
        .submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_x', output: '3C' }] })
        .pipe(share());
      const [done, refused] = await Promise.all([lastValueFrom(next$.pipe(finalRun())), lastValueFrom(next$.pipe(finalMessages()))]);
      expect(done.status).toBe('completed');
      expect(refused.map((message) => message.content)).toEqual([[{ type: 'refusal', refusal: 'I will not say.' }]]);
      expect(done.usage?.completion_tokens).toBeGreaterThan(0);
    });
  });

  describe('matching and counting', () => {
    it('times: the next N matching requests; then generated answers again', async () => {
      const scripted = emulator.scriptAnswer({ text: 'Scripted.' }, { times: 2 });
      const ask = async () =>
        (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })).choices[0]!.message
          .content;
      expect([await ask(), await ask(), await ask()]).toEqual(['Scripted.', 'Scripted.', 'You said: Hi']);
      expect(scripted.hits).toBe(2);
      expect(scripted.remaining).toBe(0);
    });

    it('match: requests of another API, or whose input does not match, get generated answers', async () => {
      const scripted = emulator.scriptAnswer({ text: 'Weather: sunny.' }, { match: { api: 'chat', input: /weather/i }, times: Infinity });
      const responses = await client.responses.create({ model: 'gpt-4o', input: 'The weather?' });
      expect(responses.output_text).toBe('You said: The weather?');
      const chat = (content: string) =>
        client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] }).then((c) => c.choices[0]!.message.content);
      expect(await chat('Hello')).toBe('You said: Hello');
      expect(await chat('What about the Weather?')).toBe('Weather: sunny.');
      expect(await chat('weather again')).toBe('Weather: sunny.');
      expect(scripted.hits).toBe(2);
      expect(scripted.remaining).toBe(Infinity);
    });

    it('a predicate gets a copy of the request: what it changes changes neither the log nor the answer', async () => {
      emulator.scriptAnswer(
        { text: 'Seen.' },
        {
          match: {
            api: 'responses',
            when: (request) => {
              (request.body as Record<string, unknown>)['input'] = 'changed';
              (request.tools as string[]).length = 0;
              return true;
            },
          },
        },
      );
      const from = emulator.requests.length;
      const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi there', tools: [strictWeatherTool] });
      expect(response.output_text).toBe('Seen.');
      expect((emulator.requests[from]!.body as { input: string }).input).toBe('Hi there');
      expect(emulator.requests[from]!.body).toMatchObject({ tools: [expect.objectContaining({ name: 'get_weather' })] });
    });

    it('match by path (as for faults), and a predicate that sees the request', async () => {
      const seen: AnswerRequest[] = [];
      emulator.scriptAnswer(
        { text: 'By path.' },
        { match: { method: 'POST', path: '/responses', when: (request) => (seen.push(request), true) } },
      );
      const chat = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(chat.choices[0]!.message.content).toBe('You said: Hi');
      const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi there', tools: [strictWeatherTool] });
      expect(response.output_text).toBe('By path.');
      expect(seen).toEqual([
        {
          api: 'responses',
          method: 'POST',
          path: '/v1/responses',
          body: expect.objectContaining({ input: 'Hi there' }),
          input: 'Hi there',
          tools: ['get_weather'],
          toolOutputs: [],
        },
      ]);
    });

    it('answers are taken in the order they were added; remove() and clearScriptedAnswers() stop them', async () => {
      const ask = () => client.responses.create({ model: 'gpt-4o', input: 'Hi' }).then((r) => r.output_text);
      const first = emulator.scriptAnswer({ text: 'First.' });
      emulator.scriptAnswer({ text: 'Second.' });
      const third = emulator.scriptAnswer({ text: 'Third.' });
      expect(await ask()).toBe('First.');
      expect(first.remaining).toBe(0);
      third.remove();
      expect(await ask()).toBe('Second.');
      expect(await ask()).toBe('You said: Hi');
      emulator.scriptAnswer({ text: 'Cleared.' }, { times: Infinity });
      emulator.clearScriptedAnswers();
      expect(await ask()).toBe('You said: Hi');
    });

    it('reset() removes scripted answers as it removes faults: their handles say so', async () => {
      const separate = await startEmulator({ pacing: 0 });
      try {
        const scripted = separate.scriptAnswer({ text: 'Before the reset.' }, { times: 3 });
        const fault = separate.inject({ kind: 'serverError' }, { times: 3 });
        separate.reset();
        expect([scripted.remaining, fault.remaining]).toEqual([0, 0]);
        const sdk = new OpenAI({ apiKey: 'test', baseURL: separate.url, maxRetries: 0 });
        expect((await sdk.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text).toBe('You said: Hi');
        expect([scripted.hits, scripted.remaining]).toEqual([0, 0]);
      } finally {
        await separate.close();
      }
    });

    it('a predicate that throws: the request fails with a 500 saying so', async () => {
      emulator.scriptAnswer({ text: 'Never.' }, { match: { when: () => { throw new Error('no body'); } } });
      const failure = client.responses.create({ model: 'gpt-4o', input: 'Hi' });
      await expect(failure).rejects.toThrow(OpenAI.InternalServerError);
      await expect(failure).rejects.toThrow('scriptAnswer(): match.when threw: no body');
    });

    it('a predicate that throws uses up no responseFailed fault: the next request gets it', async () => {
      const throwing = emulator.scriptAnswer({ text: 'Never.' }, { match: { when: () => { throw new Error('no body'); } } });
      const fault = emulator.inject({ kind: 'responseFailed' });
      await expect(client.responses.create({ model: 'gpt-4o', input: 'Hi' })).rejects.toThrow('scriptAnswer(): match.when threw: no body');
      expect(fault.remaining).toBe(1);
      throwing.remove();
      const failed = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
      expect(failed.status).toBe('failed');
      expect(fault.remaining).toBe(0);
    });

    it('a background response is produced with the scripted answer', async () => {
      emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_bg' }] });
      const queued = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true, tools: [strictWeatherTool] });
      expect(queued.status).toBe('queued');
      await emulator.idle();
      const done = await client.responses.retrieve(queued.id);
      expect(done.output).toEqual([expect.objectContaining({ type: 'function_call', call_id: 'call_bg', arguments: '{"city":"Oslo"}' })]);
    });

    it('a request the API refuses (400) does not use a scripted answer up', async () => {
      const scripted = emulator.scriptAnswer({ text: 'Kept.' });
      await expect(client.chat.completions.create({ model: 'gpt-4o', messages: [] })).rejects.toThrow(OpenAI.BadRequestError);
      expect(scripted.remaining).toBe(1);
    });

    it('faults apply to a scripted stream as to a generated one', async () => {
      emulator.scriptAnswer({ text: 'A scripted answer of several words.' });
      emulator.inject({ kind: 'errorEvent', afterEvents: 3 }, { match: { path: '/chat/completions' } });
      const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      const contents: string[] = [];
      stream.on('content', (delta) => contents.push(delta));
      await expect(stream.finalChatCompletion()).rejects.toThrow();
      expect(contents.join('')).toBe('A scripted'); // the role chunk and two fragments, then the error
    });

    it('a malformed answer or options: a TypeError at registration naming the problem', () => {
      const script = (answer: unknown, options?: unknown) => () => emulator.scriptAnswer(answer as never, options as never);
      expect(script('hello')).toThrow(new TypeError('scriptAnswer(): the answer must be an object such as { text } or { toolCalls }, got "hello".'));
      expect(script({})).toThrow("the answer needs a 'text', 'toolCalls' or a 'refusal'");
      expect(script({ content: 'Hi' })).toThrow("unknown answer field 'content'");
      expect(script({ text: 'Hi', refusal: 'No' })).toThrow("a 'refusal' cannot come with a 'text' or 'toolCalls'");
      expect(script({ toolCalls: [] })).toThrow("'toolCalls' must be a non-empty array");
      expect(script({ toolCalls: [{ arguments: {} }] })).toThrow('toolCalls[0].name must be a non-empty string, got undefined.');
      expect(script({ toolCalls: [{ name: 'f', arguments: [1] }] })).toThrow('toolCalls[0].arguments must be an object or JSON text, got an array');
      expect(script({ toolCalls: [{ name: 'f', args: {} }] })).toThrow("toolCalls[0]: unknown field 'args'");
      expect(script({ text: 42 })).toThrow("'text' must be a string, got number 42");
      expect(script({ text: 'Hi' }, { times: 0 })).toThrow("'times' must be a whole number of at least 1");
      expect(script({ text: 'Hi' }, { match: { api: 'completions' } })).toThrow("match.api must be 'responses', 'chat' or 'assistants'");
      expect(script({ text: 'Hi' }, { match: { input: 3 } })).toThrow('match.input must be a string or a RegExp');
      expect(script({ text: 'Hi' }, { match: { when: true } })).toThrow('match.when must be a function');
      expect(script({ text: 'Hi' }, { match: { model: 'gpt-4o' } })).toThrow("unknown match field 'model'");
      // method and path are checked as the faults' are: a method that is none, a path that can match no request.
      expect(script({ text: 'Hi' }, { match: { method: 'FETCH' } })).toThrow(
        new TypeError(`scriptAnswer(): 'method' must be an HTTP method (GET, POST, DELETE, PUT, PATCH, HEAD), got "FETCH".`),
      );
      expect(script({ text: 'Hi' }, { match: { method: 3 } })).toThrow("'method' must be an HTTP method");
      expect(script({ text: 'Hi' }, { match: { path: 'responses' } })).toThrow("paths start with '/' ('/responses')");
      expect(script({ text: 'Hi' }, { match: { path: '/responses?x=1' } })).toThrow('it is compared without the query');
      expect(script({ text: 'Hi' }, { match: { path: 3 } })).toThrow("'path' must be a string or a RegExp, got number");
      expect(() => emulator.scriptAnswer({ text: 'Hi' }, { match: { method: 'post', path: /\/responses$/ } }).remove()).not.toThrow();
    });
  });

  describe('json_object formats without a script', () => {
    it('Chat response_format json_object: a JSON object', async () => {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'List three colours as JSON' }],
        response_format: { type: 'json_object' },
      });
      expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ answer: 'You said: List three colours as JSON' });
    });

    it('Responses text.format json_object: a JSON object, streamed as text deltas', async () => {
      const response = await client.responses
        .stream({ model: 'gpt-4o', input: 'List three colours as JSON', text: { format: { type: 'json_object' } } })
        .finalResponse();
      expect(JSON.parse(response.output_text)).toEqual({ answer: 'You said: List three colours as JSON' });
    });
  });
});

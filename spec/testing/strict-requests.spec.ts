/**
 * The emulator refuses what the live API refuses before any model runs (option `strictRequests`, on by default):
 * strict schemas that break the rules of strict mode, `json_object` without the word "json", unknown top-level
 * parameters, parameters the model does not take (a reasoning model's sampling parameters and Chat `max_tokens`, a
 * reasoning effort for a model that does not reason). Over real HTTP, with the official SDK and the library's client.
 */
import OpenAI from 'openai';
import { zodFunction, zodResponseFormat, zodTextFormat as sdkZodTextFormat } from 'openai/helpers/zod';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { BadRequestError, createAssistantsClient } from '../../src/index.js';
import { jsonSchemaTool, runChatTools, runResponsesTools, toolLoopResult, zodTextFormat, zodTool } from '../../src/structured/index.js';
import { strictSchemaViolation } from '../../src/structured/strict-schema-rules.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing/index.js';

const loose = { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] };
const open = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const closed = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const nestedLoose = {
  type: 'object',
  properties: { place: { type: 'object', properties: { city: { type: 'string' } }, required: [], additionalProperties: false } },
  required: ['place'],
  additionalProperties: false,
};
const withAllOf = {
  type: 'object',
  properties: { city: { allOf: [{ type: 'string' }] } },
  required: ['city'],
  additionalProperties: false,
};

/** The API's error body of a refused request, and the SDK's error for it. */
async function refusal(promise: Promise<unknown>): Promise<{ error: InstanceType<typeof OpenAI.BadRequestError>; body: unknown }> {
  const error = await promise.then(
    () => {
      throw new Error('the request was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
  return { error: bad, body: bad.error };
}

describe('the emulator refuses what the API refuses (strictRequests, default)', () => {
  let emulator: Emulator;
  let sdk: OpenAI;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
    sdk = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
  });
  afterEach(() => emulator.clearScriptedAnswers());
  afterAll(() => emulator.close());

  describe('strict schemas', () => {
    it('Chat: a strict json_schema response_format whose object leaves a property out of required', async () => {
      const { error, body } = await refusal(
        sdk.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hi' }],
          response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true, schema: loose } },
        }),
      );
      expect(error.status).toBe(400);
      expect(body).toEqual({
        message:
          "Invalid schema for response_format 'weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
        type: 'invalid_request_error',
        param: 'response_format',
        code: null,
      });
      expect(emulator.counters.chatCompletionsCreated).toBe(0);
    });

    it('Chat: a strict function tool without additionalProperties: false', async () => {
      const { body } = await refusal(
        sdk.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [
            { type: 'function', function: { name: 'ok', strict: true, parameters: closed } },
            { type: 'function', function: { name: 'get_weather', strict: true, parameters: open } },
          ],
        }),
      );
      expect(body).toEqual({
        message: "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
        type: 'invalid_request_error',
        param: 'tools[1].function.parameters',
        code: 'invalid_function_parameters',
      });
    });

    it('Assistants: a strict function tool of an assistant, and nothing is created', async () => {
      const before = emulator.counters.assistantsCreated;
      const { body } = await refusal(
        sdk.beta.assistants.create({
          model: 'gpt-4o',
          tools: [{ type: 'function', function: { name: 'get_weather', strict: true, parameters: open } }],
        }),
      );
      expect(body).toEqual({
        message: "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
        type: 'invalid_request_error',
        param: 'tools[0].function.parameters',
        code: 'invalid_function_parameters',
      });
      expect(emulator.counters.assistantsCreated).toBe(before);
      // Not strict: accepted as it is.
      await sdk.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'function', function: { name: 'get_weather', parameters: open } }] });
      expect(emulator.counters.assistantsCreated).toBe(before + 1);
    });

    it('Assistants: a run (streamed or not, in a thread or with a new one) with a strict response_format that breaks the rules creates nothing', async () => {
      const assistant = await sdk.beta.assistants.create({ model: 'gpt-4o' });
      const thread = await sdk.beta.threads.create({ messages: [{ role: 'user', content: 'Hi' }] });
      const { runsCreated: runsBefore, threadsCreated: threadsBefore, messagesCreated: messagesBefore } = emulator.counters;
      const response_format = { type: 'json_schema' as const, json_schema: { name: 'weather', strict: true, schema: loose } };
      const expected = {
        message:
          "Invalid schema for response_format 'weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
        type: 'invalid_request_error',
        param: 'response_format',
        code: null,
      };
      expect((await refusal(sdk.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, response_format }))).body).toEqual(expected);
      const streamed = sdk.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id, response_format });
      expect((await refusal(streamed.done())).body).toEqual(expected);
      const withThread = sdk.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hi' }] }, response_format });
      expect((await refusal(withThread)).body).toEqual(expected);
      // Nor a thread or message for the refused createAndRun.
      expect(emulator.counters).toMatchObject({ runsCreated: runsBefore, threadsCreated: threadsBefore, messagesCreated: messagesBefore });
      // The library's client gets its typed error, with the parameter.
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const error = await lastValueFrom(client.threads.runs.stream(thread.id, { assistant_id: assistant.id, response_format })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, param: 'response_format' });
      expect(emulator.counters.runsCreated).toBe(runsBefore);
    });

    it('Responses: a strict text.format, a nested object, said where (context)', async () => {
      const { body } = await refusal(
        sdk.responses.create({
          model: 'gpt-4o',
          input: 'Hi',
          text: { format: { type: 'json_schema', name: 'trip', strict: true, schema: nestedLoose } },
        }),
      );
      expect(body).toEqual({
        message:
          "Invalid schema for response_format 'trip': In context=('properties', 'place'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'city'.",
        type: 'invalid_request_error',
        param: 'text.format.schema',
        code: 'invalid_json_schema',
      });
    });

    it('Responses: a function tool with strict: true is refused for a schema strict mode does not take; without strict it falls back (as the API does)', async () => {
      const { body } = await refusal(
        sdk.responses.create({ model: 'gpt-4o', input: 'get_weather "Oslo"', tools: [{ type: 'function', name: 'get_weather', strict: true, parameters: open } as never] }),
      );
      // `strict` omitted: strict validation when the schema allows it, else not; the echo says which applied.
      const loose = await sdk.responses.create({ model: 'gpt-4o', input: 'get_weather "Oslo"', tools: [{ type: 'function', name: 'get_weather', parameters: open } as never] });
      expect(loose.output.some((item) => item.type === 'function_call' && item.name === 'get_weather')).toBe(true);
      expect(loose.tools).toMatchObject([{ type: 'function', name: 'get_weather', strict: false }]);
      expect(body).toMatchObject({
        message: "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
        param: 'tools[0].parameters',
        code: 'invalid_function_parameters',
      });
      const keyword = await refusal(
        sdk.responses.create({ model: 'gpt-4o', input: 'Hi', tools: [{ type: 'function', name: 'f', strict: true, parameters: withAllOf }] }),
      );
      expect(keyword.body).toMatchObject({ message: "Invalid schema for function 'f': In context=('properties', 'city'), 'allOf' is not permitted." });
    });

    it('Responses: the root must be an object schema', async () => {
      const { body } = await refusal(
        sdk.responses.create({
          model: 'gpt-4o',
          input: 'Hi',
          text: { format: { type: 'json_schema', name: 'list', strict: true, schema: { type: 'array', items: { type: 'string' } } } },
        }),
      );
      expect(body).toMatchObject({ message: `Invalid schema for response_format 'list': schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.` });
    });

    it("the library's client gets a BadRequestError with the API's fields", async () => {
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const error = await lastValueFrom(
        client.responses.stream({ model: 'gpt-4o', input: 'Hi', text: { format: { type: 'json_schema', name: 'x', strict: true, schema: loose } } }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'text.format.schema', code: 'invalid_json_schema' });
    });

    it('accepts non-strict schemas, whatever they are', async () => {
      const chat = await sdk.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'get_weather "Oslo"' }],
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: loose } },
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: loose } }],
      });
      expect(chat.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather' } });
      const response = await sdk.responses.create({
        model: 'gpt-4o',
        input: 'get_weather "Oslo"',
        tools: [{ type: 'function', name: 'get_weather', strict: false, parameters: loose }],
        text: { format: { type: 'json_schema', name: 'x', strict: false, schema: loose } },
      });
      expect(response.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
    });

    it("accepts what the official SDK's and the library's zod helpers build, strict", async () => {
      const Weather = z.object({ city: z.string(), unit: z.enum(['C', 'F']).nullable(), days: z.array(z.object({ day: z.number() })) });
      const completion = await sdk.chat.completions.parse({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Weather?' }],
        response_format: zodResponseFormat(Weather, 'weather'),
        tools: [zodFunction({ name: 'get_weather', parameters: z.object({ city: z.string() }) })],
      });
      expect(completion.choices[0]!.message.parsed).not.toBeNull();
      const parsed = await sdk.responses.parse({ model: 'gpt-4o', input: 'Weather?', text: { format: sdkZodTextFormat(Weather, 'weather') } });
      expect(parsed.output_parsed).not.toBeNull();
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const tool = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string(), unit: z.string().nullable() }), execute: () => 'sunny' });
      const { final, steps } = await lastValueFrom(
        runResponsesTools(client, { model: 'gpt-4o', input: 'get_weather "Oslo"', text: { format: zodTextFormat(Weather, 'weather') } }, { tools: [tool] }).pipe(
          toolLoopResult(),
        ),
      );
      expect([final.status, steps]).toEqual(['completed', 2]);
    });

    it("the library's tool loops with a loose jsonSchemaTool (strict: false) run as before", async () => {
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const tool = jsonSchemaTool({ name: 'get_weather', parameters: loose, strict: false, execute: () => 'sunny' });
      const responses = await lastValueFrom(runResponsesTools(client, { model: 'gpt-4o', input: 'get_weather "Oslo"' }, { tools: [tool] }).pipe(toolLoopResult()));
      expect(responses.steps).toBe(2);
      const chat = await lastValueFrom(
        runChatTools(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'get_weather "Oslo"' }] }, { tools: [tool] }).pipe(toolLoopResult()),
      );
      expect(chat.steps).toBe(2);
    });

    it('a scripted answer is not a reason to accept a refused request, and is kept for the next one', async () => {
      const scripted = emulator.scriptAnswer({ text: 'Bonjour' });
      await refusal(sdk.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: loose } },
      }));
      expect(scripted.remaining).toBe(1);
      const completion = await sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(completion.choices[0]!.message.content).toBe('Bonjour');
    });
  });

  describe('json_object without the word "json"', () => {
    it('Chat: refused, with the API\'s message', async () => {
      const { body } = await refusal(
        sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_object' } }),
      );
      expect(body).toEqual({
        message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: null,
      });
    });

    it('Chat: accepted when any message says json, in any case', async () => {
      const completion = await sdk.chat.completions.create({
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Reply in JSON.' },
          { role: 'user', content: 'List three colours' },
        ],
        response_format: { type: 'json_object' },
      });
      expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual(expect.any(Object));
    });

    it('Responses: refused without it; accepted when the input or the instructions say it', async () => {
      const { body } = await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'List three colours', text: { format: { type: 'json_object' } } }));
      expect(body).toEqual({
        message: "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      });
      const byInput = await sdk.responses.create({ model: 'gpt-4o', input: 'List three colours as Json', text: { format: { type: 'json_object' } } });
      expect(byInput.status).toBe('completed');
      const byInstructions = await sdk.responses.create({
        model: 'gpt-4o',
        instructions: 'Answer with a JSON object.',
        input: 'List three colours',
        text: { format: { type: 'json_object' } },
      });
      expect(byInstructions.status).toBe('completed');
    });
  });

  describe('unknown top-level parameters', () => {
    it('Responses: a Chat Completions parameter says where it moved; any other is unknown', async () => {
      const moved = await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Hi', max_tokens: 50 } as never));
      expect(moved.body).toEqual({
        message:
          "Unsupported parameter: 'max_tokens'. In the Responses API, this parameter has moved to 'max_output_tokens'. Try again with the new parameter.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      });
      const unknown = await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Hi', temprature: 0.2 } as never));
      expect(unknown.body).toEqual({ message: "Unknown parameter: 'temprature'.", type: 'invalid_request_error', param: 'temprature', code: 'unknown_parameter' });
    });

    it('Chat: refused, also through the library\'s client', async () => {
      const { body } = await refusal(
        sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], max_output_tokens: 50 } as never),
      );
      expect(body).toEqual({ message: "Unknown parameter: 'max_output_tokens'.", type: 'invalid_request_error', param: 'max_output_tokens', code: 'unknown_parameter' });
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const error = await firstValueFrom(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], input: 'Hi' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, param: 'input', code: 'unknown_parameter' });
    });

    it('accepts every parameter the SDK and the library send', async () => {
      const completion = await sdk.chat.completions
        .stream({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hi' }],
          stream_options: { include_usage: true },
          temperature: 0.5,
          top_p: 1,
          max_completion_tokens: 100,
          seed: 1,
          user: 'u',
          store: false,
          metadata: { a: 'b' },
          parallel_tool_calls: true,
          tools: [{ type: 'function', function: { name: 'f', parameters: loose } }],
          tool_choice: 'none',
        })
        .finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('You said: Hi');
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const events = await lastValueFrom(
        client.responses
          .stream({ model: 'o4-mini', input: 'Hi', instructions: 'Be brief.', max_output_tokens: 100, store: true, reasoning: { effort: 'low' }, truncation: 'auto' })
          .pipe(toArray()),
      );
      expect(events.at(-1)).toMatchObject({ type: 'response.completed' });
    });
  });

  describe('parameters the model does not take', () => {
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    /** The API's error body of a request refused for a parameter the model does not take. */
    const refused = (param: string, message: string, code = 'unsupported_parameter') => ({ message, type: 'invalid_request_error', param, code });
    const notSupported = (param: string) => refused(param, `Unsupported parameter: '${param}' is not supported with this model.`);

    it("Chat: a reasoning model refuses max_tokens, and says to use max_completion_tokens", async () => {
      for (const model of ['o4-mini', 'gpt-5', 'gpt-5.1', 'o1-2024-12-17']) {
        const { error, body } = await refusal(sdk.chat.completions.create({ model, messages, max_tokens: 50 }));
        expect([error.status, error.param, error.code]).toEqual([400, 'max_tokens', 'unsupported_parameter']);
        expect(body).toEqual(
          refused('max_tokens', "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."),
        );
      }
      const taken = await sdk.chat.completions.create({ model: 'o4-mini', messages, max_completion_tokens: 50, max_tokens: null });
      expect(taken.choices[0]!.finish_reason).toBe('stop');
      // A model that does not reason takes it.
      expect((await sdk.chat.completions.create({ model: 'gpt-4o', messages, max_tokens: 50 })).choices[0]!.finish_reason).toBe('stop');
    });

    it('Chat: a temperature other than 1 is an unsupported value, named in the message (o1 and o3-mini: an unsupported parameter)', async () => {
      for (const model of ['o3', 'o4-mini-2025-04-16', 'gpt-5-mini', 'gpt-5-nano']) {
        const { body } = await refusal(sdk.chat.completions.create({ model, messages, temperature: 0.2 }));
        expect(body).toEqual(
          refused(
            'temperature',
            "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
            'unsupported_value',
          ),
        );
      }
      const zero = await refusal(sdk.chat.completions.stream({ model: 'o3', messages, temperature: 0 }).finalChatCompletion());
      expect(zero.error.message).toBe("400 Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.");
      for (const model of ['o1', 'o3-mini']) {
        expect((await refusal(sdk.chat.completions.create({ model, messages, temperature: 0.7 }))).body).toEqual(notSupported('temperature'));
      }
      // The default, given or null, is taken.
      for (const temperature of [1, null]) {
        const taken = await sdk.chat.completions.create({ model: 'o3', messages, temperature });
        expect(taken.choices[0]!.message.content).toBe('You said: Hi');
      }
    });

    it('Chat: top_p, the penalties and logprobs other than their defaults are unsupported parameters', async () => {
      const cases: Array<[string, Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>]> = [
        ['top_p', { top_p: 0.5 }],
        ['presence_penalty', { presence_penalty: 0.5 }],
        ['frequency_penalty', { frequency_penalty: -1 }],
        ['logprobs', { logprobs: true, top_logprobs: 2 }],
      ];
      for (const [param, extra] of cases) {
        const { error, body } = await refusal(sdk.chat.completions.create({ model: 'o4-mini', messages, ...extra }));
        expect(error).toBeInstanceOf(OpenAI.BadRequestError);
        expect(body).toEqual(notSupported(param));
      }
      const defaults = { top_p: 1, presence_penalty: 0, frequency_penalty: 0, logprobs: false };
      const taken = await sdk.chat.completions.create({ model: 'gpt-5', messages, ...defaults });
      expect(taken.choices[0]!.logprobs).toBeNull();
      const nulls = { temperature: null, top_p: null, presence_penalty: null, frequency_penalty: null, logprobs: null };
      expect((await sdk.chat.completions.create({ model: 'gpt-5', messages, ...nulls })).choices[0]!.finish_reason).toBe('stop');
    });

    it('Responses: a reasoning model refuses temperature and top_p other than 1, as unsupported parameters', async () => {
      for (const [model, extra] of [
        ['o4-mini', { temperature: 0.2 }],
        ['gpt-5', { temperature: 0 }],
        ['o3', { top_p: 0.9 }],
      ] as const) {
        const param = Object.keys(extra)[0]!;
        const { error, body } = await refusal(sdk.responses.create({ model, input: 'Hi', ...extra }));
        expect([error.status, error.param, error.code]).toEqual([400, param, 'unsupported_parameter']);
        expect(body).toEqual(notSupported(param));
      }
      // Streamed, the same 400 before any event.
      const streamed = await refusal(sdk.responses.stream({ model: 'gpt-5-mini', input: 'Hi', temperature: 0.5 }).finalResponse());
      expect(streamed.body).toEqual(notSupported('temperature'));
      const taken = await sdk.responses.create({ model: 'o4-mini', input: 'Hi', temperature: 1, top_p: null, reasoning: { effort: 'low' } });
      expect([taken.status, taken.temperature, taken.top_p]).toEqual(['completed', 1, 1]);
    });

    it('gpt-5.1 and later take the sampling parameters at reasoning effort none only', async () => {
      for (const effort of [undefined, null, 'none'] as const) {
        const chat = await sdk.chat.completions.create({ model: 'gpt-5.1', messages, temperature: 0.2, reasoning_effort: effort });
        expect(chat.choices[0]!.finish_reason).toBe('stop');
        const response = await sdk.responses.create({ model: 'gpt-5.2', input: 'Hi', top_p: 0.5, reasoning: { effort } });
        expect(response.status).toBe('completed');
      }
      const chat = await refusal(sdk.chat.completions.create({ model: 'gpt-5.1', messages, temperature: 0.2, reasoning_effort: 'low' }));
      expect(chat.body).toEqual(
        refused('temperature', "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", 'unsupported_value'),
      );
      const response = await refusal(sdk.responses.create({ model: 'gpt-5.2', input: 'Hi', top_p: 0.5, reasoning: { effort: 'high' } }));
      expect(response.body).toEqual(notSupported('top_p'));
    });

    it('a model that does not reason refuses a reasoning effort: Responses reasoning.effort, Chat reasoning_effort', async () => {
      for (const model of ['gpt-4o', 'gpt-4.1', 'gpt-4o-mini']) {
        const { error, body } = await refusal(sdk.responses.create({ model, input: 'Hi', reasoning: { effort: 'low' } }));
        expect(error).toBeInstanceOf(OpenAI.BadRequestError);
        expect([error.status, error.param, error.code]).toEqual([400, 'reasoning.effort', 'unsupported_parameter']);
        expect(body).toEqual(notSupported('reasoning.effort'));
        expect((await refusal(sdk.chat.completions.create({ model, messages, reasoning_effort: 'medium' }))).body).toEqual(notSupported('reasoning_effort'));
      }
      // Without an effort, taken; so is a reasoning model's effort.
      expect((await sdk.responses.create({ model: 'gpt-4o', input: 'Hi', reasoning: { effort: null } })).status).toBe('completed');
      expect((await sdk.chat.completions.create({ model: 'gpt-4.1', messages, reasoning_effort: null })).choices[0]!.finish_reason).toBe('stop');
      expect((await sdk.chat.completions.create({ model: 'o3-mini', messages, reasoning_effort: 'high' })).choices[0]!.finish_reason).toBe('stop');
    });

    it("the library's client gets the BadRequestError; a model the emulator does not know takes every parameter", async () => {
      const client = createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const error = await lastValueFrom(client.responses.stream({ model: 'o4-mini', input: 'Hi', temperature: 0.3 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'temperature', code: 'unsupported_parameter' });
      for (const model of ['my-model', 'gpt-5-chat-latest', 'ft:gpt-4o-2024-08-06:acme::abc123']) {
        const chat = await sdk.chat.completions.create({ model, messages, temperature: 0.2, max_tokens: 20, reasoning_effort: 'low' });
        expect(chat.choices[0]!.finish_reason).toBe('stop');
        const response = await sdk.responses.create({ model, input: 'Hi', temperature: 0.2, reasoning: { effort: 'low' } });
        expect(response.status).toBe('completed');
      }
    });
  });
});

describe('strictRequests: false (or per check) gives the old leniency', () => {
  /** `test` with the SDK on an emulator of its own, started with `strictRequests`, closed afterwards. */
  async function withChecks(strictRequests: EmulatorOptions['strictRequests'], test: (sdk: OpenAI) => Promise<void>) {
    const emulator = await startEmulator({ pacing: 0, strictRequests });
    try {
      await test(new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 }));
    } finally {
      await emulator.close();
    }
  }

  it('false: every check off', async () => {
    await withChecks(false, async (sdk) => {
      const chat = await sdk.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        response_format: { type: 'json_object' },
        max_output_tokens: 50,
      } as never);
      expect(JSON.parse((chat as OpenAI.ChatCompletion).choices[0]!.message.content!)).toEqual({ answer: 'You said: Hi' });
      const response = await sdk.responses.create({
        model: 'gpt-4o',
        input: 'get_weather "Oslo"',
        max_tokens: 50,
        tools: [{ type: 'function', name: 'get_weather', parameters: loose }],
        text: { format: { type: 'json_schema', name: 'x', strict: true, schema: loose } },
      } as never);
      expect((response as OpenAI.Responses.Response).output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
      // The Assistants API too: an assistant with a broken strict tool, a run with a broken strict format.
      const assistant = await sdk.beta.assistants.create({
        model: 'gpt-4o',
        tools: [{ type: 'function', function: { name: 'get_weather', strict: true, parameters: open } }],
      });
      const thread = await sdk.beta.threads.create({ messages: [{ role: 'user', content: 'Hi' }] });
      const run = await sdk.beta.threads.runs.create(thread.id, {
        assistant_id: assistant.id,
        response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true, schema: loose } },
      });
      expect(run.status).toBe('queued');
    });
  });

  it('schemas: false accepts broken strict schemas on every endpoint, the other checks stay on', async () => {
    await withChecks({ schemas: false }, async (sdk) => {
      const response_format = { type: 'json_schema' as const, json_schema: { name: 'weather', strict: true, schema: loose } };
      const assistant = await sdk.beta.assistants.create({ model: 'gpt-4o', response_format });
      const run = await sdk.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hi' }] }, response_format });
      expect(run.status).toBe('queued');
      const chat = await sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], response_format });
      expect(chat.choices[0]!.finish_reason).toBe('stop');
      await refusal(sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temprature: 1 } as never));
    });
  });

  it('per check: the ones turned off accept, the others still refuse', async () => {
    await withChecks({ parameters: false }, async (sdk) => {
      const response = await sdk.responses.create({ model: 'gpt-4o', input: 'Hi', brand_new_parameter: 1 } as never);
      expect((response as OpenAI.Responses.Response).status).toBe('completed');
      const reasoning = await sdk.responses.create({ model: 'gpt-4o', input: 'Hi', reasoning: { effort: 'low' } });
      expect(reasoning.status).toBe('completed');
      const chat = await sdk.chat.completions.create({ model: 'o3', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, max_tokens: 20 });
      expect(chat.choices[0]!.finish_reason).toBe('stop');
      await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Hi', text: { format: { type: 'json_object' } } }));
    });
  });

  it('a malformed option is a TypeError', async () => {
    await expect(startEmulator({ strictRequests: { schema: false } as never })).rejects.toThrow(
      "startEmulator(): 'strictRequests' has an unknown check 'schema' (known: schemas, jsonObject, parameters).",
    );
    await expect(startEmulator({ strictRequests: 'off' as never })).rejects.toThrow(TypeError);
  });
});

describe('the rules of strict mode (strictSchemaViolation), the ones the emulator applies', () => {
  it.each([
    [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'], additionalProperties: false }, [], "Extra required key 'b' supplied."],
    [{ ...closed, properties: { city: true } }, ['properties', 'city'], 'schema must be a JSON Schema object, not a boolean or another value.'],
    [{ ...closed, properties: { city: { type: 'array' } } }, ['properties', 'city'], 'array schema missing items.'],
    [{ ...closed, properties: { city: { type: 'array', items: [{ type: 'string' }] } } }, ['properties', 'city'], "'items' must be a schema, not an array (tuples are not supported)."],
    [{ ...closed, properties: { city: { anyOf: [{ type: 'string' }, { type: 'object', properties: {} }] } } }, ['properties', 'city', 'anyOf', 1], "'additionalProperties' is required to be supplied and to be false."],
    [{ ...closed, $defs: { a: { type: 'string', not: { const: 'x' } } } }, ['$defs', 'a'], "'not' is not permitted."],
  ])('refuses %j at %j', (schema, context, message) => {
    expect(strictSchemaViolation(schema)).toEqual({ context, message });
  });
});

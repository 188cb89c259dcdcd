/**
 * The structured output of a finished, non-streamed answer: `parseStructuredOutput(final, schema)` and
 * `finalParsed(schema)` over `client.responses.create()` / `client.chat.completions.create()`, compared with the
 * official SDK's `responses.parse()` / `chat.completions.parse()` on the same emulator, and with `finalParsed()`
 * over the stream of the same answer (the same values, the same errors).
 */
import OpenAI from 'openai';
import { LengthFinishReasonError } from 'openai/core/error';
import { zodFunction as sdkZodFunction, zodResponseFormat as sdkZodResponseFormat, zodTextFormat as sdkZodTextFormat } from 'openai/helpers/zod';
import { lastValueFrom, type Observable, of } from 'rxjs';
import { z } from 'zod';
import {
  chatCompletionChunks,
  finalChatCompletion,
  finalResponse,
  responseEvents,
  StructuredOutputIncompleteError,
  StructuredOutputParseError,
  StructuredOutputRefusalError,
  StructuredOutputValidationError,
  type ChatCompletion,
  type Response,
} from '../../src/index';
import {
  finalParsed,
  parseStructuredOutput,
  runChatTools,
  type StructuredOutputFinal,
  type StructuredOutputStreamValue,
  toolLoopResult,
  zodResponseFormat,
  zodTextFormat,
  zodTool,
} from '../../src/structured';
import { fixtureBytes, fixtureNames } from '../helpers/bytes';
import { useEmulator } from '../helpers/emulator';

const City = z.object({ city: z.string(), population: z.number() });
const input = 'Tell me {"city":"Oslo","population":700000}';
const messages = [{ role: 'user' as const, content: input }];

async function outcome<T>(run: () => T | Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
}
const failureOf = (values$: Observable<unknown>) => lastValueFrom(values$).then(
  () => {
    throw new Error('expected a failure');
  },
  (e: unknown) => e,
);
/** What an outcome says, to compare two of them: the value, or the error's class and message. */
const said = (result: { value: unknown } | { error: unknown }) =>
  'value' in result ? { value: result.value } : { error: (result.error as Error).name, message: (result.error as Error).message };

describe('parseStructuredOutput and finalParsed on finished answers, against the emulator and the SDK (real HTTP)', () => {
  const ctx = useEmulator();
  const sdk = () => new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });

  it("Responses: create() + finalParsed(), parseStructuredOutput() and the stream all give the SDK's output_parsed", async () => {
    const theirs = await sdk().responses.parse({ model: 'gpt-4o', input, text: { format: sdkZodTextFormat(City, 'city') } });
    expect(theirs.output_parsed).toEqual({ city: 'Oslo', population: 700000 });
    const params = { model: 'gpt-4o', input, text: { format: zodTextFormat(City, 'city') } };
    expect(await lastValueFrom(ctx.client.responses.create(params).pipe(finalParsed(City)))).toEqual(theirs.output_parsed);
    const response = await lastValueFrom(ctx.client.responses.create(params));
    expect(parseStructuredOutput(response, City)).toEqual(theirs.output_parsed);
    expect(await lastValueFrom(ctx.client.responses.stream(params).pipe(finalParsed(City)))).toEqual(theirs.output_parsed);
    // finalResponse() of the stream is a finished answer too.
    expect(parseStructuredOutput(await lastValueFrom(ctx.client.responses.stream(params).pipe(finalResponse())), City)).toEqual(theirs.output_parsed);
  });

  it("Chat Completions: create() + finalParsed() and parseStructuredOutput() give the SDK's message.parsed", async () => {
    const theirs = await sdk().chat.completions.parse({ model: 'gpt-4o', messages, response_format: sdkZodResponseFormat(City, 'city') });
    expect(theirs.choices[0]!.message.parsed).toEqual({ city: 'Oslo', population: 700000 });
    const params = { model: 'gpt-4o', messages, response_format: zodResponseFormat(City, 'city') };
    expect(await lastValueFrom(ctx.client.chat.completions.create(params).pipe(finalParsed(City)))).toEqual(theirs.choices[0]!.message.parsed);
    expect(parseStructuredOutput(await lastValueFrom(ctx.client.chat.completions.create(params)), City)).toEqual(theirs.choices[0]!.message.parsed);
  });

  it('zod transforms apply, as in the SDK', async () => {
    const Shouted = City.transform(({ city, population }) => ({ CITY: city.toUpperCase(), thousands: population / 1000 }));
    const theirs = await sdk().responses.parse({ model: 'gpt-4o', input, text: { format: sdkZodTextFormat(City, 'city') } });
    const response = await lastValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input, text: { format: zodTextFormat(City, 'city') } }));
    expect(parseStructuredOutput(response, Shouted)).toEqual(Shouted.parse(theirs.output_parsed));
    expect(parseStructuredOutput(response, Shouted)).toEqual({ CITY: 'OSLO', thousands: 700 });
  });

  it('Responses cut by max_output_tokens: StructuredOutputIncompleteError, as the stream says (the SDK: output_parsed null)', async () => {
    // The API's least limit (16) cuts an answer with a long city name.
    const long = `Tell me {"city":"${'Oslo '.repeat(12).trim()}","population":700000}`;
    const theirs = await sdk().responses.parse({ model: 'gpt-4o', input: long, max_output_tokens: 16, text: { format: sdkZodTextFormat(City, 'city') } });
    expect(theirs.status).toBe('incomplete');
    expect(theirs.output_parsed).toBeNull();
    const params = { model: 'gpt-4o', input: long, max_output_tokens: 16, text: { format: zodTextFormat(City, 'city') } };
    const whole = await failureOf(ctx.client.responses.create(params).pipe(finalParsed(City)));
    expect(whole).toBeInstanceOf(StructuredOutputIncompleteError);
    expect(whole).toMatchObject({ finishReason: 'max_output_tokens', text: theirs.output_text });
    const streamed = await failureOf(ctx.client.responses.stream(params).pipe(finalParsed(City)));
    expect(said({ error: whole })).toEqual(said({ error: streamed }));
  });

  it('Chat Completions cut by max_tokens: StructuredOutputIncompleteError, as the stream says (the SDK: LengthFinishReasonError)', async () => {
    const theirs = await outcome(() =>
      sdk().chat.completions.parse({ model: 'gpt-4o', messages, max_tokens: 4, response_format: sdkZodResponseFormat(City, 'city') }),
    );
    expect('error' in theirs && theirs.error).toBeInstanceOf(LengthFinishReasonError);
    const params = { model: 'gpt-4o', messages, max_tokens: 4, response_format: zodResponseFormat(City, 'city') };
    const completion = await lastValueFrom(ctx.client.chat.completions.create(params));
    const whole = await outcome(() => parseStructuredOutput(completion, City));
    expect('error' in whole && whole.error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect('error' in whole && whole.error).toMatchObject({ finishReason: 'length', text: completion.choices[0]!.message.content });
    const streamed = await failureOf(ctx.client.chat.completions.stream(params).pipe(finalParsed(City)));
    expect(said(whole)).toEqual(said({ error: streamed }));
  });

  it('JSON the schema refuses: StructuredOutputValidationError with the issues, as the stream says (the SDK throws too)', async () => {
    // A check no JSON schema carries: the emulator's answer follows the schema sent, the refinement refuses it.
    const Small = City.extend({ population: z.number().refine((n) => n <= 1000, 'too many people') });
    const theirs = await outcome(() => sdk().responses.parse({ model: 'gpt-4o', input, text: { format: sdkZodTextFormat(Small, 'city') } }));
    expect('error' in theirs && String(theirs.error)).toMatch(/too many people/);
    const params = { model: 'gpt-4o', input, text: { format: zodTextFormat(City, 'city') } };
    const whole = await failureOf(ctx.client.responses.create(params).pipe(finalParsed(Small)));
    expect(whole).toBeInstanceOf(StructuredOutputValidationError);
    expect((whole as StructuredOutputValidationError).issues[0]!.path).toEqual(['population']);
    expect(said({ error: whole })).toEqual(said({ error: await failureOf(ctx.client.responses.stream(params).pipe(finalParsed(Small))) }));
  });

  it("a tool loop's final: parseStructuredOutput() gives the SDK runner's finalMessage().parsed", async () => {
    const Weather = z.object({ city: z.string() });
    const Answer = z.object({ city: z.string(), temp: z.number() });
    const loopMessages = [{ role: 'user' as const, content: 'Use get_weather {"city":"Oslo"}' }];
    const runner = sdk().chat.completions.runTools({
      model: 'gpt-4o',
      stream: true,
      messages: loopMessages,
      response_format: sdkZodResponseFormat(Answer, 'answer'),
      tools: [sdkZodFunction({ name: 'get_weather', parameters: Weather, function: ({ city }) => ({ city, temp: 21 }) })],
    });
    const theirs = ((await runner.finalMessage()) as { parsed?: unknown }).parsed;
    expect(theirs).toEqual({ city: 'Oslo', temp: 21 });
    const { final } = await lastValueFrom(
      runChatTools(
        ctx.client,
        { model: 'gpt-4o', messages: loopMessages, response_format: zodResponseFormat(Answer, 'answer') },
        { tools: [zodTool({ name: 'get_weather', parameters: Weather, execute: ({ city }) => ({ city, temp: 21 }) })] },
      ).pipe(toolLoopResult()),
    );
    expect(parseStructuredOutput(final, Answer)).toEqual(theirs);
    expect(await lastValueFrom(of(final).pipe(finalParsed(Answer)))).toEqual(theirs);
  });
});

describe('parseStructuredOutput over the recordings: what finalParsed() says of their streams', () => {
  const Anything = z.unknown();
  const cases: Array<[string, string, number]> = [
    ...fixtureNames('chat-completions').map((name): [string, string, number] => ['chat-completions', name, 0]),
    ['chat-completions', 'three-choices-content-and-refusal.sse', 1],
    ['chat-completions', 'three-choices-content-and-refusal.sse', 2],
    ...fixtureNames('responses-recorded').map((name): [string, string, number] => ['responses-recorded', name, 0]),
    ...fixtureNames('responses').map((name): [string, string, number] => ['responses', name, 0]),
  ];
  /** The stream of a recording, and its finished answer (`finalChatCompletion()` / `finalResponse()`). */
  const streamOfRecording = (folder: string, name: string): Observable<StructuredOutputStreamValue> => {
    const bytes = new Response(fixtureBytes(folder, name).slice());
    return folder.startsWith('chat') ? chatCompletionChunks(bytes) : responseEvents(bytes);
  };
  const finalOf = (folder: string, name: string): Promise<StructuredOutputFinal> => {
    const bytes = new Response(fixtureBytes(folder, name).slice());
    return lastValueFrom<StructuredOutputFinal>(
      folder.startsWith('chat') ? chatCompletionChunks(bytes).pipe(finalChatCompletion()) : responseEvents(bytes).pipe(finalResponse()),
    );
  };

  it.each(cases)('%s/%s (choice %d): the same value or the same error', async (folder, name, choice) => {
    const streamed = await outcome(() => lastValueFrom(streamOfRecording(folder, name).pipe(finalParsed(Anything, { choice }))));
    const final = await finalOf(folder, name);
    expect(said(await outcome(() => parseStructuredOutput(final, Anything, { choice })))).toEqual(said(streamed));
  });

  it('covers values, refusals, cuts and text that is not JSON', async () => {
    const kinds = new Set<string>();
    for (const [folder, name, choice] of cases) {
      const final = await finalOf(folder, name);
      const result = await outcome(() => parseStructuredOutput(final, Anything, { choice }));
      kinds.add('value' in result ? 'value' : (result.error as Error).name);
    }
    expect([...kinds].sort()).toEqual(['StructuredOutputIncompleteError', 'StructuredOutputParseError', 'StructuredOutputRefusalError', 'StructuredOutputToolCallsError', 'value']);
  });
});

describe('parseStructuredOutput: the rules of the streams, on whole answers', () => {
  const text = '{"city":"Oslo","population":700000}';
  const message = (content: unknown[], phase?: string) => ({ id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content, ...(phase ? { phase } : {}) });
  const outputText = (value: string) => ({ type: 'output_text', text: value, annotations: [] });
  const response = (output: unknown[], fields: Record<string, unknown> = {}) =>
    ({ id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-4o', status: 'completed', output, incomplete_details: null, ...fields }) as unknown as Response;
  const completion = (choice: Record<string, unknown>, fields: Record<string, unknown> = {}) =>
    ({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, ...choice }], ...fields }) as unknown as ChatCompletion;

  it('Responses: the first final answer text, past commentary messages, reasoning and tool calls', () => {
    const output = [
      { id: 'rs_1', type: 'reasoning', summary: [] },
      message([outputText('{"not":"this"}')], 'commentary'),
      { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}', status: 'completed' },
      message([outputText(''), outputText(text)], 'final_answer'),
      message([outputText('{"nor":"this"}')]),
    ];
    expect(parseStructuredOutput(response(output), City)).toEqual(JSON.parse(text));
    // No status (a compatible server): parsed, as the SDK does.
    expect(parseStructuredOutput(response([message([outputText(text)])], { status: undefined }), City)).toEqual(JSON.parse(text));
  });

  it('a turn that only called tools is StructuredOutputToolCallsError, as over its stream', () => {
    const called = response([{ id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}', status: 'completed' }]);
    expect(outcomeSync(() => parseStructuredOutput(called, City))).toMatchObject({ name: 'StructuredOutputToolCallsError', toolNames: ['get_weather'] });
    const calls = [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }];
    const chat = completion({ message: { role: 'assistant', content: null, tool_calls: calls }, finish_reason: 'tool_calls' });
    expect(outcomeSync(() => parseStructuredOutput(chat, City))).toMatchObject({ name: 'StructuredOutputToolCallsError', toolNames: ['get_weather'] });
  });

  it('Responses: a refusal, an incomplete, unsettled, failed or cancelled response say so', () => {
    const refusal = response([message([{ type: 'refusal', refusal: "I can't help with that." }])]);
    expect(() => parseStructuredOutput(refusal, City)).toThrow(StructuredOutputRefusalError);
    expect(() => parseStructuredOutput(refusal, City)).toThrow("The model refused: I can't help with that.");
    for (const status of ['queued', 'in_progress'] as const) {
      const pending = response([], { status });
      expect(() => parseStructuredOutput(pending, City)).toThrow(StructuredOutputIncompleteError);
      expect(outcomeSync(() => parseStructuredOutput(pending, City))).toMatchObject({ finishReason: status, text: '' });
    }
    const incomplete = response([message([outputText('{"city":"Os')])], { status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
    expect(outcomeSync(() => parseStructuredOutput(incomplete, City))).toMatchObject({ name: 'StructuredOutputIncompleteError', finishReason: 'content_filter', text: '{"city":"Os' });
    const failed = response([], { status: 'failed', error: { code: 'server_error', message: 'The model crashed.' } });
    expect(outcomeSync(() => parseStructuredOutput(failed, City))).toMatchObject({
      name: 'StructuredOutputIncompleteError',
      finishReason: 'failed',
      message: 'No structured output: the response\'s status is "failed": server_error: The model crashed.',
    });
    const cancelled = response([], { status: 'cancelled', error: null });
    expect(outcomeSync(() => parseStructuredOutput(cancelled, City))).toMatchObject({ finishReason: 'cancelled', message: 'No structured output: the response\'s status is "cancelled"' });
  });

  it('Chat Completions: the choice asked for; length, content_filter and refusals say so', () => {
    const two = completion({ message: { role: 'assistant', content: '{"city":"Rome","population":1}', refusal: null } });
    two.choices.push({ index: 1, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: text, refusal: null } } as never);
    expect(parseStructuredOutput(two, City, { choice: 1 })).toEqual(JSON.parse(text));
    expect(parseStructuredOutput(two, City)).toEqual({ city: 'Rome', population: 1 });
    const cut = completion({ finish_reason: 'content_filter', message: { role: 'assistant', content: '{"ci', refusal: null } });
    expect(outcomeSync(() => parseStructuredOutput(cut, City))).toMatchObject({ name: 'StructuredOutputIncompleteError', finishReason: 'content_filter', text: '{"ci' });
    const refused = completion({ message: { role: 'assistant', content: null, refusal: 'No.' } });
    expect(outcomeSync(() => parseStructuredOutput(refused, City))).toMatchObject({ name: 'StructuredOutputRefusalError', refusal: 'No.' });
    // A turn that only called tools has no text: not JSON, as in the stream.
    const calls = completion({ finish_reason: 'tool_calls', message: { role: 'assistant', content: null, refusal: null, tool_calls: [] } });
    expect(outcomeSync(() => parseStructuredOutput(calls, City))).toBeInstanceOf(StructuredOutputParseError);
  });

  it('a stream value is a TypeError naming it', () => {
    expect(() => parseStructuredOutput({ type: 'response.output_text.delta', delta: 'x' } as never, City)).toThrow(
      'parseStructuredOutput: expected a Response or a ChatCompletion (got Object "response.output_text.delta")',
    );
    expect(() => parseStructuredOutput({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: {} }] } as never, City)).toThrow(TypeError);
    expect(() => parseStructuredOutput(undefined as never, City)).toThrow('(got undefined)');
  });

  it('finalParsed() over whole answers parses the last one', async () => {
    const first = response([message([outputText('{"city":"Rome","population":1}')])]);
    const last = response([message([outputText(text)])]);
    expect(await lastValueFrom(of(first, last).pipe(finalParsed(City)))).toEqual(JSON.parse(text));
  });
});

function outcomeSync(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

describe('StructuredOutputValidationError: the message names every issue', () => {
  it('each with its path, an issue at the root after the first as "at the root", the rest counted past ten', () => {
    const issue = (path: PropertyKey[], message: string) => ({ path, message, code: 'custom' as const, input: undefined });
    const two = new StructuredOutputValidationError([issue(['a'], 'x'), issue([], 'y')], {});
    expect(two.message).toBe('The structured output does not match its schema at a: x; at the root: y (2 issues): {}');
    const root = new StructuredOutputValidationError([issue([], 'y')], {}, { toolName: 'f' });
    expect(root.message).toBe('The arguments of tool call "f" do not match its schema: y (1 issue): {}');
    const many = new StructuredOutputValidationError(Array.from({ length: 12 }, (_, i) => issue(['n', i], `bad ${i}`)), {});
    expect(many.message).toMatch(/ at n\.0: bad 0;.* at n\.9: bad 9; and 2 more \(12 issues\): \{\}$/);
  });
});

/**
 * The stream operators over what is not one answer from its start, against the official SDK where it has an
 * answer:
 * - the `event`s of a tool loop's turns (several completions / responses in one stream): snapshots per turn, the
 *   last turn final, its text the structured output (the SDK's runner on the same emulator);
 * - a turn that called tools instead of answering: `StructuredOutputToolCallsError` where the SDK gives
 *   `parsed: null`, never a parse error;
 * - a Responses stream resumed with `starting_after`: `finalParsed()` is the SDK's `output_parsed` after the same
 *   resume, never a parse of a tail of the text.
 */
import OpenAI from 'openai';
import { zodFunction, zodResponseFormat as sdkZodResponseFormat, zodTextFormat as sdkZodTextFormat } from 'openai/helpers/zod';
import { filter, firstValueFrom, from, lastValueFrom, map, type Observable, of, toArray } from 'rxjs';
import { z } from 'zod';
import {
  accumulateChatCompletion,
  accumulateResponse,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  finalChatCompletion,
  finalResponse,
  MissingResponseError,
  MissingStreamStartError,
  type ResponseStreamEvent,
  StructuredOutputIncompleteError,
  StructuredOutputParseError,
  StructuredOutputToolCallsError,
} from '../../src/index';
import {
  finalParsed,
  parsedToolCalls,
  parseStructuredOutput,
  partialParsed,
  runChatTools,
  runResponsesTools,
  structuredOutput,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
  zodTool,
  type ChatToolLoopEvent,
  type ChatToolsClient,
  type ResponsesToolLoopEvent,
  type ResponsesToolsClient,
} from '../../src/structured';
import { fixtureBytes, streamOf } from '../helpers/bytes';
import { useEmulator } from '../helpers/emulator';
import { sdkClientOver, withoutParsed } from '../helpers/sdk';
import { SDK_EVENTS } from '../chat/sdk-chat';
import { sdk as sdkResponseStream } from '../responses/sdk-parity';
import { response, sse } from '../responses/stream';
import { chatContentChunks, chunk, pieces, responseFunctionCallEvents, responseIncomplete, responseTextEvents } from './streams';

const settle = <T>(o$: Observable<T>) => lastValueFrom(o$.pipe(toArray())).then((values) => ({ values }), (error: unknown) => ({ error }));
const City = z.object({ city: z.string() });
const Answer = z.object({ city: z.string(), temperature: z.number() });

/** Each step's values, in order. */
function byStep<E>(events: ReadonlyArray<{ type: string }>): E[][] {
  const steps: E[][] = [];
  for (const e of events) {
    if (e.type !== 'event') continue;
    const { step, event } = e as unknown as { step: number; event: E };
    (steps[step] ??= []).push(event);
  }
  return steps;
}

describe('the events of a tool loop, read by the stream operators (against the emulator)', () => {
  const ctx = useEmulator();
  const getWeather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => ({ city, temperature: 21 }) });

  it("Chat: the last completion is final, each turn's snapshots are its own, the events and the parsed answer are the SDK runner's", async () => {
    const messages = [{ role: 'user', content: 'Use get_weather for "Oslo"' }];
    const events = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages, response_format: zodResponseFormat(Answer, 'answer') }, { tools: [getWeather] }).pipe(toArray()),
    );
    const finished = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
    expect(finished.steps).toBe(2);
    const turns = byStep<ChatCompletionChunk>(events);
    const chunks$ = from(turns.flat());

    expect(await lastValueFrom(chunks$.pipe(finalChatCompletion()))).toEqual(finished.final);
    const snapshots = await lastValueFrom(chunks$.pipe(accumulateChatCompletion(), toArray()));
    const perTurn = await Promise.all(turns.map((turn) => lastValueFrom(from(turn).pipe(accumulateChatCompletion(), toArray()))));
    expect(snapshots).toEqual(perTurn.flat());

    // The SDK's runner, on the same emulator, with the same tool and format.
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const runner = sdk.chat.completions.runTools({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'Use get_weather for "Oslo"' }],
      response_format: sdkZodResponseFormat(Answer, 'answer'),
      tools: [zodFunction({ name: 'get_weather', parameters: City, function: ({ city }) => JSON.stringify({ city, temperature: 21 }) })],
    });
    const sdkEvents: unknown[] = [];
    const on = runner.on as (event: string, listener: (props: object) => void) => unknown;
    for (const type of SDK_EVENTS) on.call(runner, type, (props) => sdkEvents.push(structuredClone({ type, ...props })));
    const sdkFinal = await runner.finalChatCompletion();

    const ours = await lastValueFrom(chunks$.pipe(chatCompletionEvents(), toArray()));
    expect(ours.map(({ choiceIndex: _choiceIndex, ...rest }) => rest)).toEqual(withoutParsed(sdkEvents));
    expect(await lastValueFrom(chunks$.pipe(finalParsed(Answer)))).toEqual(sdkFinal.choices[0]!.message.parsed);
    expect(sdkFinal.choices[0]!.message.parsed).toEqual({ city: 'Oslo', temperature: 21 });
  });

  it("Responses: each turn's snapshots are its own (the SDK's per turn), the last response final, its output parsed", async () => {
    const events = await lastValueFrom(
      runResponsesTools(
        ctx.client,
        { model: 'gpt-4o', input: 'Use get_weather for "Oslo"', text: { format: zodTextFormat(Answer, 'answer') } },
        { tools: [getWeather] },
      ).pipe(toArray()),
    );
    const finished = events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>;
    expect(finished.steps).toBe(2);
    const turns = byStep<ResponseStreamEvent>(events);
    const events$ = from(turns.flat());

    const snapshots = await lastValueFrom(events$.pipe(accumulateResponse(), toArray()));
    const perTurn = await Promise.all(turns.map((turn) => lastValueFrom(from(turn).pipe(accumulateResponse(), toArray()))));
    expect(snapshots).toEqual(perTurn.flat());
    for (const [at, turn] of turns.entries()) {
      expect(perTurn[at]!.at(-1)).toEqual(withoutParsed((await sdkResponseStream([sse(turn)])).final));
    }
    expect(snapshots.at(-1)!.output.map((item) => item.type)).toEqual(['message']);
    expect(await lastValueFrom(events$.pipe(finalResponse()))).toEqual(finished.final);
    expect(await lastValueFrom(events$.pipe(finalParsed(Answer)))).toEqual({ city: 'Oslo', temperature: 21 });
  });
});

describe('turns with text before their tool calls: the structured output is the last turn\'s', () => {
  const base = { object: 'chat.completion.chunk', created: 1, model: 'm' };
  const chatTurns: ChatCompletionChunk[][] = [
    [
      { ...base, id: 'c1', choices: [{ index: 0, delta: { role: 'assistant', content: '{"note":"checking"}' }, finish_reason: null }] },
      { ...base, id: 'c1', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }, finish_reason: null }] },
      { ...base, id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ] as ChatCompletionChunk[],
    [
      { ...base, id: 'c2', choices: [{ index: 0, delta: { role: 'assistant', content: '{"city":"Oslo",' }, finish_reason: null }] },
      { ...base, id: 'c2', choices: [{ index: 0, delta: { content: '"temperature":21}' }, finish_reason: 'stop' }] },
    ] as ChatCompletionChunk[],
  ];
  const chatClient = (): ChatToolsClient => {
    let step = 0;
    return { chat: { completions: { stream: () => from(chatTurns[step++]!) } } };
  };
  const tools = [zodTool({ name: 'get_weather', parameters: City, execute: () => 'sunny' })];

  it('Chat: finalParsed(), structuredOutput() and partialParsed() over the loop\'s chunks', async () => {
    const chunks = () =>
      runChatTools(chatClient(), { model: 'm', messages: [{ role: 'user', content: 'x' }] }, { tools }).pipe(
        filter((e) => e.type === 'event'),
        map((e) => e.event),
      );
    expect(await lastValueFrom(chunks().pipe(finalParsed(Answer)))).toEqual({ city: 'Oslo', temperature: 21 });
    expect(await lastValueFrom(chunks().pipe(structuredOutput(Answer)))).toEqual({ done: true, partial: { city: 'Oslo', temperature: 21 }, parsed: { city: 'Oslo', temperature: 21 } });
    const partials = await lastValueFrom(chunks().pipe(partialParsed(), toArray()));
    expect(partials).toEqual([{ note: 'checking' }, { city: 'Oslo' }, { city: 'Oslo', temperature: 21 }]);
  });

  it('Responses: finalParsed() over the loop\'s events', async () => {
    const note = responseTextEvents(pieces('{"note":"checking"}'));
    const call = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city":"Oslo"}'] }]);
    // One response with the note and the call (the call's items after the message), then the answer.
    const callEvents = call.slice(1, -1).map((e) => ({ ...e, output_index: 1 })) as ResponseStreamEvent[];
    const message = (note.at(-2) as unknown as { item: object }).item;
    const fc = (callEvents.at(-1) as unknown as { item: object }).item;
    const first = [
      ...note.slice(0, -1),
      ...callEvents,
      { type: 'response.completed', sequence_number: 99, response: response('completed', [message, fc] as never) },
    ] as ResponseStreamEvent[];
    const answer = responseTextEvents(pieces('{"city":"Oslo","temperature":21}')).map((e) =>
      'response' in e ? ({ ...e, response: { ...e.response, id: 'resp_2' } } as ResponseStreamEvent) : e,
    );
    const turns = [first, answer];
    let step = 0;
    const client: ResponsesToolsClient = { responses: { stream: () => from(turns[step++]!) } };
    const events$ = runResponsesTools(client, { model: 'm', input: 'x' }, { tools }).pipe(
      filter((e) => e.type === 'event'),
      map((e) => e.event),
    );
    expect(await lastValueFrom(events$.pipe(finalParsed(Answer)))).toEqual({ city: 'Oslo', temperature: 21 });
  });
});

describe('finalParsed() of a turn that called tools instead of answering', () => {
  it('Chat (recorded): StructuredOutputToolCallsError naming the tools, where the SDK gives message.parsed null (a turn without text only)', async () => {
    const bytes = fixtureBytes('chat-completions', 'tool-call-strict.sse');
    const sdkFinal = await sdkClientOver([bytes])
      .chat.completions.stream({ model: 'm', messages: [], response_format: sdkZodResponseFormat(City, 'a'), tools: [zodFunction({ name: 'GetWeatherArgs', parameters: z.object({ city: z.string(), country: z.string(), units: z.enum(['c', 'f']) }) })] })
      .finalChatCompletion();
    expect(sdkFinal.choices[0]!.message.parsed).toBeNull();
    const names = sdkFinal.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? c.function.name : c.custom.name));

    for (const operator of [finalParsed(City), structuredOutput(City), partialParsed(City)]) {
      const { error } = (await settle(chatCompletionChunks(streamOf([bytes])).pipe(operator as never))) as { error?: unknown };
      expect(error).toBeInstanceOf(StructuredOutputToolCallsError);
      expect(error).toMatchObject({ reason: 'tool_calls', toolNames: names });
      expect((error as Error).message).toMatch(/called tools .* instead of answering/);
    }
    // Only a turn without text: one that answered with nothing is still a parse error, one with text and calls parses its text.
    const empty = await settle(of(...chatContentChunks([])).pipe(finalParsed(City)));
    expect((empty as { error: unknown }).error).toBeInstanceOf(StructuredOutputParseError);
    const both = [
      chunk([{ delta: { role: 'assistant', content: '{"city":"Oslo"}' } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
    ];
    expect(await lastValueFrom(of(...both).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
  });

  it('Responses: StructuredOutputToolCallsError, where the SDK gives output_parsed null', async () => {
    const events = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city":', '"Oslo"}'] }]);
    const sdkFinal = await sdkClientOver([sse(events)])
      .responses.stream({ model: 'm', input: 'x', text: { format: sdkZodTextFormat(City, 'city') } })
      .finalResponse();
    expect(sdkFinal.output_parsed).toBeNull();
    await expect(lastValueFrom(of(...events).pipe(finalParsed(City)))).rejects.toMatchObject({
      name: 'StructuredOutputToolCallsError',
      toolNames: ['get_weather'],
    });
  });
});

describe('a Responses stream resumed with starting_after', () => {
  const ctx = useEmulator();
  const Population = z.object({ city: z.string(), population: z.number() });

  it("finalParsed() is the SDK's output_parsed after the same resume (the terminal event's whole text); partialParsed() shows it once", async () => {
    const input = 'Tell me {"city":"Oslo","population":700000}';
    const created = await firstValueFrom(
      ctx.client.responses.create({ model: 'gpt-4o', input, background: true, text: { format: zodTextFormat(Population, 'city') } }),
    );
    const all = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id }).pipe(toArray()));
    const startingAfter = all.findIndex((e) => e.type === 'response.output_text.delta') + 1; // the first two text deltas are missed
    expect(all[startingAfter]!.type).toBe('response.output_text.delta');
    const resumed = () => ctx.client.responses.stream({ response_id: created.id, starting_after: startingAfter });

    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const sdkFinal = await sdk.responses.stream({ response_id: created.id, starting_after: startingAfter, text: { format: sdkZodTextFormat(Population, 'city') } }).finalResponse();
    expect(sdkFinal.output_parsed).toEqual({ city: 'Oslo', population: 700000 });

    expect(await lastValueFrom(resumed().pipe(finalParsed(Population)))).toEqual(sdkFinal.output_parsed);
    expect(await lastValueFrom(resumed().pipe(partialParsed(Population), toArray()))).toEqual([sdkFinal.output_parsed]);
    expect(await lastValueFrom(resumed().pipe(structuredOutput(Population), toArray()))).toEqual([
      { done: false, partial: sdkFinal.output_parsed },
      { done: true, partial: sdkFinal.output_parsed, parsed: sdkFinal.output_parsed },
    ]);
  });

  it("parsedToolCalls(): the calls done before starting_after come at the terminal event, from its response (the SDK's parsed_arguments)", async () => {
    ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_weather', arguments: { city: 'Rome' } }] });
    const GetWeather = z.object({ city: z.string() });
    const tool = zodResponsesFunction({ name: 'get_weather', parameters: GetWeather });
    const created = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'weather?', background: true, tools: [tool] }));
    const all = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id }).pipe(toArray()));
    const firstDone = all.find((e) => e.type === 'response.output_item.done' && e.item.type === 'function_call')!;
    const resumed = ctx.client.responses.stream({ response_id: created.id, starting_after: firstDone.sequence_number });
    const calls = await lastValueFrom(resumed.pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()));
    // The second call at its output_item.done, the first (done before the resume) at response.completed.
    expect(calls.map((c) => [c.index, c.parsedArguments.city])).toEqual([[1, 'Rome'], [0, 'Oslo']]);
    const whole = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id }).pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()));
    expect(whole.map((c) => c.parsedArguments.city)).toEqual(['Oslo', 'Rome']);
  });

  it('after its last event: no event, so MissingResponseError, as finalResponse() gives; never a parse error blaming the model', async () => {
    const created = await firstValueFrom(
      ctx.client.responses.create({ model: 'gpt-4o', input: 'Tell me {"city":"Oslo","population":1}', background: true, text: { format: zodTextFormat(Population, 'city') } }),
    );
    const all = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id }).pipe(toArray()));
    const after = ctx.client.responses.stream({ response_id: created.id, starting_after: all.at(-1)!.sequence_number });
    expect(await lastValueFrom(after.pipe(toArray()))).toEqual([]);
    for (const operator of [finalResponse(), finalParsed(Population), structuredOutput(Population), partialParsed(Population)]) {
      const outcome = (await settle(after.pipe(operator as never))) as { values?: unknown[]; error?: unknown };
      expect(outcome.error).toBeInstanceOf(MissingResponseError);
    }
  });

  const whole = responseTextEvents(pieces('{"city":"Oslo"}'));
  const tail = whole.slice(4); // from the second text delta on

  it('without its terminal event it fails with MissingStreamStartError, never parsing the tail of the text', async () => {
    for (const operator of [finalParsed(City), structuredOutput(City), partialParsed(City)]) {
      const outcome = (await settle(from(tail.slice(0, -1)).pipe(operator as never))) as { values?: unknown[]; error?: unknown };
      expect(outcome.values).toBeUndefined();
      expect(outcome.error).toBeInstanceOf(MissingStreamStartError);
      expect(outcome.error).toMatchObject({ sequenceNumber: 4 });
    }
    expect(await lastValueFrom(from(tail).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
  });

  it('a response.incomplete at its end is StructuredOutputIncompleteError with the whole text that arrived', async () => {
    const cut = responseIncomplete('max_output_tokens') as unknown as { response: Record<string, unknown> };
    const doneItem = (whole.at(-2) as unknown as { item: object }).item;
    const incomplete = { ...cut, response: { ...cut.response, output: [doneItem] } } as unknown as ResponseStreamEvent;
    const error = await lastValueFrom(from([...tail.slice(0, -1), incomplete]).pipe(finalParsed(City))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect(error).toMatchObject({ finishReason: 'max_output_tokens', text: '{"city":"Oslo"}' });
  });

  it('resumed just before its end (the terminal event alone): the whole text of its response, or its tool calls', async () => {
    const terminal = whole.at(-1)!;
    expect(terminal.type).toBe('response.completed');
    expect(await lastValueFrom(of(terminal).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
    expect(await lastValueFrom(of(terminal).pipe(partialParsed(City), toArray()))).toEqual([{ city: 'Oslo' }]);
    const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{}', status: 'completed' };
    const calls = { type: 'response.completed', sequence_number: 9, response: response('completed', [call as never]) } as ResponseStreamEvent;
    await expect(lastValueFrom(of(calls).pipe(finalParsed(City)))).rejects.toMatchObject({ name: 'StructuredOutputToolCallsError', toolNames: ['get_weather'] });
  });

  it('the terminal event alone is read as parseStructuredOutput() reads its response: a refusal part wins over text', async () => {
    const parts = [{ type: 'output_text', text: '{"city":"Oslo"}', annotations: [] }, { type: 'refusal', refusal: 'No.' }];
    const output = [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: parts }];
    const terminal = { type: 'response.completed', sequence_number: 9, response: response('completed', output as never) } as ResponseStreamEvent;
    await expect(lastValueFrom(of(terminal).pipe(finalParsed(City)))).rejects.toMatchObject({ name: 'StructuredOutputRefusalError', refusal: 'No.' });
    expect(() => parseStructuredOutput((terminal as unknown as { response: never }).response, City)).toThrow(expect.objectContaining({ name: 'StructuredOutputRefusalError' }));
  });

  it('a refusal in the terminal response is StructuredOutputRefusalError', async () => {
    const refused = {
      type: 'response.completed',
      sequence_number: 9,
      response: response('completed', [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] } as never]),
    } as ResponseStreamEvent;
    await expect(lastValueFrom(from([tail[0]!, refused]).pipe(finalParsed(City)))).rejects.toMatchObject({ name: 'StructuredOutputRefusalError', refusal: 'No.' });
  });
});

describe('chunks of one completion, each with an id of its own (compatible servers)', () => {
  it('finalParsed() parses the whole text, and chunks that carry a message beside their delta are chunks', async () => {
    const varying = chatContentChunks(pieces('{"city":"Oslo"}')).map((c, i) => ({ ...c, id: `chunk-${i}` }) as ChatCompletionChunk);
    expect(await lastValueFrom(of(...varying).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
    // Foundry Local's chunks carry `message` (empty) beside `delta`: still a stream, not whole answers.
    const withMessage = varying.map((c) => ({ ...c, choices: c.choices.map((ch) => ({ ...ch, message: { role: 'assistant', content: '' } })) }) as ChatCompletionChunk);
    expect(await lastValueFrom(of(...withMessage).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
    // Their usage chunk (no choices, yet another id) ends nothing.
    const usage = { ...varying[0]!, id: 'chunk-usage', choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } } as ChatCompletionChunk;
    expect(await lastValueFrom(of(...varying, usage).pipe(finalParsed(City)))).toEqual({ city: 'Oslo' });
  });

  it('a retry after a cut (one id per completion, the first attempt unfinished): the retried answer is parsed alone', async () => {
    const attempt = (id: string, text: string) => chatContentChunks(pieces(text)).map((c) => ({ ...c, id }) as ChatCompletionChunk);
    const cut = attempt('chatcmpl-1', '{"city":"Oslo"}').filter((c) => !c.choices.some((choice) => choice.finish_reason)).slice(0, 3);
    expect(cut.length).toBe(3);
    expect(await lastValueFrom(of(...cut, ...attempt('chatcmpl-2', '{"city":"Rome"}')).pipe(finalParsed(City)))).toEqual({ city: 'Rome' });
  });

  it('a retry after a cut mid-arguments: parsedToolCalls() gives the retried call alone, never the two joined', async () => {
    const call = (id: string, callId: string, args: string[]): ChatCompletionChunk[] =>
      [
        chunk([{ delta: { role: 'assistant', content: null } }]),
        chunk([{ delta: { tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: 'get_weather', arguments: '' } }] } }]),
        ...args.map((a) => chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: a } }] } }])),
        chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
      ].map((c) => ({ ...c, id }) as ChatCompletionChunk);
    const cut = call('chatcmpl-1', 'call_1', ['{"ci', 'ty":"Os']).slice(0, -1);
    const calls = await lastValueFrom(
      of(...cut, ...call('chatcmpl-2', 'call_2', ['{"city"', ':"Rome"}'])).pipe(parsedToolCalls({ get_weather: City }), toArray()),
    );
    expect(calls).toEqual([{ name: 'get_weather', callId: 'call_2', arguments: '{"city":"Rome"}', parsedArguments: { city: 'Rome' }, index: 0 }]);
    // The same chunks with one id throughout stay one completion (nothing dropped: the arguments join, and fail).
    const same = [...cut, ...call('chatcmpl-1', 'call_2', ['{"city"', ':"Rome"}'])];
    await expect(lastValueFrom(of(...same).pipe(parsedToolCalls({ get_weather: City }), toArray()))).rejects.toThrow(StructuredOutputParseError);
  });

  it('Responses: a call the cut response left open is not the retried response\'s (its incomplete answer is no unfinished call)', async () => {
    const first = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"ci'] }]).slice(0, 3);
    expect(first.map((e) => e.type)).toEqual(['response.created', 'response.output_item.added', 'response.function_call_arguments.delta']);
    const retried = (events: ResponseStreamEvent[]) =>
      events.map((e) => ('response' in e ? ({ ...e, response: { ...e.response, id: 'resp_2' } } as ResponseStreamEvent) : e));
    const text = retried([...responseTextEvents(pieces('Too long')).slice(0, -1), responseIncomplete('max_output_tokens')]);
    expect(await lastValueFrom(of(...first, ...text).pipe(parsedToolCalls({ get_weather: City }), toArray()))).toEqual([]);
    const called = retried(responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_2', deltas: ['{"city":"Rome"}'] }]));
    expect(await lastValueFrom(of(...first, ...called).pipe(parsedToolCalls({ get_weather: City }), toArray()))).toEqual([
      { name: 'get_weather', callId: 'call_2', arguments: '{"city":"Rome"}', parsedArguments: { city: 'Rome' }, index: 0 },
    ]);
    // Without the new response (one response throughout), the open call makes the incomplete answer an error.
    await expect(
      lastValueFrom(of(...first, ...responseTextEvents(pieces('Too long')).slice(1, -1), responseIncomplete('max_output_tokens')).pipe(parsedToolCalls({ get_weather: City }))),
    ).rejects.toThrow(StructuredOutputIncompleteError);
  });
});


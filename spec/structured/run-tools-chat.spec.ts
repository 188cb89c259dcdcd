import OpenAI from 'openai';
import { zodFunction as sdkZodFunction } from 'openai/helpers/zod';
import { concatMap, filter, from, last, lastValueFrom, map, Observable, tap, toArray, zip } from 'rxjs';
import { z } from 'zod';
import {
  type ChatCompletion,
  type ChatCompletionChunk,
  IncompleteStreamError,
  StreamParseError,
  StructuredOutputIncompleteError,
  StructuredOutputUnknownToolError,
  StructuredOutputValidationError,
  ToolLoopIncompleteError,
  ToolLoopMaxStepsError,
} from '../../src/index';
import {
  jsonSchemaTool,
  runChatTools,
  toolLoopResult,
  zodTool,
  type ChatToolLoopEvent,
  type ChatToolsClient,
  type ChatToolsMessage,
} from '../../src/structured';
import { useEmulator } from '../helpers/emulator';
import { until } from '../helpers/until';
import { chunk, recordingLookup } from './streams';

// The emulator's assistant calls every function tool the last user message names (in parallel); after the
// `tool` messages it answers `<name> returned: <output>`, one line per call.
describe('runChatTools against the emulator (real HTTP)', () => {
  const ctx = useEmulator();
  const City = z.object({ city: z.string() });
  const messages = [{ role: 'user', content: 'Use get_weather and get_time for "Oslo"' }];
  const chatPosts = () => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
  let before = 0;
  beforeEach(() => (before = chatPosts().length));
  const posts = () => chatPosts().slice(before);

  const getWeather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => ({ city, temperature: 21 }) });
  // An Observable tool: its last value is the result.
  const getTime = zodTool({
    name: 'get_time',
    parameters: City,
    execute: () =>
      new Observable<string>((subscriber) => {
        subscriber.next('11:59');
        subscriber.next('12:00');
        subscriber.complete();
      }),
  });

  it('runs the calls, appends the assistant message with its tool_calls and one tool message per call', async () => {
    const events = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime] }).pipe(toArray()));
    const result = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
    expect(result).toMatchObject({ type: 'loop.finished', steps: 2, reason: 'no_calls' });
    expect(result.final.choices[0]!.message.content).toBe(
      'get_weather returned: {"city":"Oslo","temperature":21}\nget_time returned: 12:00',
    );
    const callIds = events.flatMap((e) => (e.type === 'tool_call.started' ? [e.call.callId] : []));
    expect(callIds).toHaveLength(2);
    // Chunks carrying a tool call name it.
    const chunkCallIds = new Set(events.flatMap((e) => (e.type === 'event' && e.callId !== undefined ? [e.callId] : [])));
    expect(chunkCallIds).toEqual(new Set(callIds));

    expect(posts()).toHaveLength(2);
    const second = posts()[1]!.body as { messages: unknown[]; tools: unknown[] };
    expect(second.tools).toEqual([
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'get_weather', strict: true }) }),
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'get_time', strict: true }) }),
    ]);
    expect(second.messages).toEqual([
      messages[0],
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: callIds[0], type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: callIds[1], type: 'function', function: { name: 'get_time', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: callIds[0], content: '{"city":"Oslo","temperature":21}' },
      { role: 'tool', tool_call_id: callIds[1], content: '12:00' },
    ]);
    expect(result.history).toEqual([
      ...second.messages,
      { role: 'assistant', content: result.final.choices[0]!.message.content },
    ]);
  });

  it("sends the SDK's runTools() next request: the assistant's text beside its calls, the results in call order whatever order they end in", async () => {
    const script = () =>
      ctx.emulator.scriptAnswer({
        text: 'Let me check.',
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Oslo' } },
          { name: 'get_weather', arguments: { city: 'Rome' } },
        ],
      });
    // The first call ends last: Oslo's result waits for Rome's (and for what Rome's result set off), in each run.
    const firstEndsLast = () => {
      let romeEnded!: () => void;
      const rome = new Promise<void>((resolve) => (romeEnded = resolve));
      return async (city: string) => {
        if (city === 'Oslo') await rome.then(() => new Promise((resolve) => setImmediate(resolve)));
        else romeEnded();
        return `sunny in ${city}`;
      };
    };
    const question = [{ role: 'user', content: 'Weather in Oslo and Rome?' }];
    script();
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const sdkWeather = firstEndsLast();
    const runner = sdk.chat.completions.runTools({
      model: 'gpt-4o',
      stream: true,
      messages: question as never,
      tools: [sdkZodFunction({ name: 'get_weather', parameters: City, function: ({ city }) => sdkWeather(city) })],
    });
    const sdkContent = await runner.finalContent();
    const sdkSecond = chatPosts().slice(before)[1]!.body as { messages: ChatToolsMessage[] };

    script();
    before = chatPosts().length;
    const ourWeather = firstEndsLast();
    const weather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => ourWeather(city) });
    const events = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [weather] }).pipe(toArray()));
    const finished = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome.output] : []));
    expect(finished).toEqual(['sunny in Rome', 'sunny in Oslo']); // as they ended
    const second = posts()[1]!.body as { messages: ChatToolsMessage[] };
    // The same messages but for the call ids each run's completion got.
    const ids = (messages: ChatToolsMessage[]) => (messages[1]!['tool_calls'] as Array<{ id: string }>).map((call) => call.id);
    const named = (messages: ChatToolsMessage[]) => {
      const [a, b] = ids(messages);
      return JSON.parse(JSON.stringify(messages).replaceAll(a!, 'call_A').replaceAll(b!, 'call_B')) as unknown;
    };
    expect(named(second.messages)).toEqual(named(sdkSecond.messages));
    expect(second.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'Let me check.', tool_calls: expect.any(Array) },
      { role: 'tool', tool_call_id: ids(second.messages)[0], content: 'sunny in Oslo' },
      { role: 'tool', tool_call_id: ids(second.messages)[1], content: 'sunny in Rome' },
    ]);
    const result = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.final.choices[0]!.message.content).toBe(sdkContent);
  });

  it("a refusal ends the loop as it ends the SDK's runTools(): no calls, no content, the refusal in the history", async () => {
    const question = [{ role: 'user', content: 'Use get_weather for "Oslo"' }];
    ctx.emulator.scriptAnswer({ refusal: "I can't help with that." });
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const runner = sdk.chat.completions.runTools({ model: 'gpt-4o', stream: true, messages: question as never, tools: [sdkZodFunction({ name: 'get_weather', parameters: City, function: () => 'sunny' })] });
    const sdkMessage = await runner.finalMessage();

    ctx.emulator.scriptAnswer({ refusal: "I can't help with that." });
    const result = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [getWeather] }).pipe(toolLoopResult()));
    expect(result).toMatchObject({ reason: 'no_calls', steps: 1 });
    const message = result.final.choices[0]!.message;
    expect([message.content, message.refusal]).toEqual([sdkMessage.content, sdkMessage.refusal]);
    expect(message.refusal).toBe("I can't help with that.");
    expect(result.history.at(-1)).toEqual({ role: 'assistant', content: null, refusal: "I can't help with that." });
  });

  it("stopWhen ends after a turn with its tool messages last; a new loop goes on from that history (what the SDK's afterCompletion adds messages for)", async () => {
    const stopped = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime], stopWhen: () => true }).pipe(toolLoopResult()),
    );
    expect(stopped).toMatchObject({ reason: 'stop_when', steps: 1 });
    expect(stopped.history.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    // (The emulator answers the tool messages that end a conversation; messages of the app's own go after them.)
    const goneOn = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages: [...stopped.history] }, { tools: [getWeather, getTime] }).pipe(toolLoopResult()),
    );
    expect(goneOn).toMatchObject({ reason: 'no_calls', steps: 1 });
    expect((posts()[1]!.body as { messages: unknown[] }).messages).toEqual(stopped.history);
    expect(goneOn.final.choices[0]!.message.content).toBe('get_weather returned: {"city":"Oslo","temperature":21}\nget_time returned: 12:00');
  });

  it("sends every turn with the loop's callOptions, but for an idempotencyKey: each turn keeps a key of its own", async () => {
    const callOptions = { headers: { 'x-trace': 'trace-2' }, idempotencyKey: 'one-key', requireDone: true };
    const events = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime], callOptions }).pipe(toArray()));
    expect(events.at(-1)).toMatchObject({ type: 'loop.finished', steps: 2 });
    expect(posts().map((r) => r.headers['x-trace'])).toEqual(['trace-2', 'trace-2']);
    const keys = posts().map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain('one-key');
  });

  it('maxSteps: ToolLoopMaxStepsError after the last allowed turn', async () => {
    const error = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime], maxSteps: 1 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopMaxStepsError);
    expect((error as ToolLoopMaxStepsError).history).toHaveLength(4);
    expect(posts()).toHaveLength(1);
  });

  it("with n = 2, an event's callId names choice 0's call (the one the loop runs), never another choice's", async () => {
    const events = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages, n: 2 } as never, { tools: [getWeather, getTime], maxSteps: 1, onMaxSteps: 'stop' }).pipe(toArray()),
    );
    const started = events.flatMap((e) => (e.type === 'tool_call.started' ? [e.call.callId] : []));
    expect(started).toHaveLength(2);
    for (const e of events) {
      if (e.type !== 'event' || e.callId === undefined) continue;
      const own = e.event.choices.find((choice) => choice.index === 0);
      // Only chunks of choice 0 are told a call; it is one the loop runs.
      expect(own?.delta?.tool_calls).toBeDefined();
      expect(started).toContain(e.callId);
    }
  });

  it("without messages, the API's BadRequestError (as for a plain stream), not a TypeError of the loop's", async () => {
    const error = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o' } as never, { tools: [getWeather] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, param: 'messages' });
  });

  it('a client whose streams are synchronous runs a long loop to its end (each turn after the other, not inside it)', async () => {
    const call = (n: number) =>
      ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${n}`, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }, logprobs: null, finish_reason: 'tool_calls' }] }) as ChatCompletionChunk;
    let turns = 0;
    const canned: ChatToolsClient = { chat: { completions: { stream: () => from([call(turns++)]) } } };
    const error = await lastValueFrom(runChatTools(canned, { model: 'm', messages }, { tools: [getWeather], maxSteps: 4_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopMaxStepsError);
    expect(turns).toBe(4_000);
  });

  it('a call to a tool the loop does not know is reported to the model', async () => {
    const result = await lastValueFrom(
      runChatTools(
        ctx.client,
        { model: 'gpt-4o', messages, tools: [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }] },
        { tools: [getWeather] },
      ).pipe(toolLoopResult()),
    );
    expect(result.final.choices[0]!.message.content).toMatch(/^get_weather returned: .*\nget_time returned: Error: .*get_time/);
  });

  it("a call to a tool the loop does not run is answered with the names of the tools it runs, as the SDK's runTools() answers", async () => {
    const script = () => ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_forecast', arguments: { city: 'Oslo' } }] });
    script();
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const runner = sdk.chat.completions.runTools({
      model: 'gpt-4o',
      stream: true,
      messages: messages as never,
      tools: [
        sdkZodFunction({ name: 'get_weather', parameters: City, function: () => 'sunny' }),
        sdkZodFunction({ name: 'get_time', parameters: City, function: () => '12:00' }),
      ],
    });
    await runner.finalContent();
    const sdkAnswer = runner.messages.find((m) => m.role === 'tool')!.content as string;
    // The SDK names the call and the functions it runs: "get_forecast", then "get_weather", "get_time".
    const sdkNames = [...sdkAnswer.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(sdkNames).toEqual(['get_forecast', 'get_weather', 'get_time']);

    script();
    before = chatPosts().length;
    const events = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime] }).pipe(toArray()));
    const outcome = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome] : []))[0]!;
    expect(outcome).toMatchObject({ status: 'error', call: { name: 'get_forecast' } });
    expect(outcome.output).toBe(
      `Error: The model called tool "get_forecast" (call ${outcome.call.callId}), which is not one of the tools the loop runs: "get_weather", "get_time"`,
    );
    expect([...(outcome.output as string).matchAll(/"(\w+)"/g)].map((m) => m[1])).toEqual(sdkNames);
    expect((posts()[1]!.body as { messages: ChatToolsMessage[] }).messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: outcome.call.callId,
      content: outcome.output,
    });
    // With onInvalidArguments: 'fail', the error says the same, and names the tools.
    script();
    const error = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime], onInvalidArguments: 'fail' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputUnknownToolError);
    expect(error).toMatchObject({ toolName: 'get_forecast', knownTools: ['get_weather', 'get_time'] });
  });

  it('unsubscribing mid-tool unsubscribes the Observable tool; no further request', async () => {
    let unsubscribed = false;
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    const slow = zodTool({
      name: 'get_weather',
      parameters: City,
      execute: () =>
        new Observable<string>(() => {
          running();
          return () => (unsubscribed = true);
        }),
    });
    const subscription = runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [slow] }).subscribe();
    await isRunning;
    expect(unsubscribed).toBe(false);
    subscription.unsubscribe();
    expect(unsubscribed).toBe(true);
    await posts()[0]!.ended;
    expect(posts()).toHaveLength(1);
  });

  describe('a network that fails mid-loop', () => {
    const ran: string[] = [];
    const weather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => (ran.push(city), `sunny in ${city}`) });
    const question = [{ role: 'user', content: 'Use get_weather for "Oslo"' }];
    beforeEach(() => (ran.length = 0));
    /** The loop, with `fault` injected for the request of `step` only (when its turn starts, before it is sent). */
    const faulted = (fault: Parameters<typeof ctx.emulator.inject>[0], step: number, callOptions?: { signal?: AbortSignal }) =>
      runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [weather], callOptions }).pipe(
        tap((e) => e.type === 'turn.started' && e.step === step && ctx.emulator.inject(fault)),
      );
    const kinds = (events: readonly ChatToolLoopEvent[]) => events.filter((e) => e.type !== 'event').map((e) => `${e.type}@${'step' in e ? e.step : ''}`);

    it('unsubscribing mid-stream aborts the request in flight (the server sees the client close it); no tool runs, no further request', async () => {
      const events: ChatToolLoopEvent[] = [];
      const subscription = faulted({ kind: 'stall', afterEvents: 3 }, 0).subscribe((e) => events.push(e));
      // The turn's first events have come (the server stalls after them): its request is in flight.
      await until(() => events.filter((e) => e.type === 'event').length >= 3, { what: "the turn's first events" });
      subscription.unsubscribe();
      expect((await posts()[0]!.ended).outcome).toBe('client-closed');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(posts()).toHaveLength(1);
      expect(ran).toEqual([]);
      expect(kinds(events)).toEqual(['turn.started@0']);
    });

    it("aborting callOptions' signal mid-stream of the second turn aborts that request and fails the loop with the signal's reason", async () => {
      const controller = new AbortController();
      const events: ChatToolLoopEvent[] = [];
      const failed = lastValueFrom(faulted({ kind: 'stall', afterEvents: 2 }, 1, { signal: controller.signal }).pipe(tap((e) => events.push(e)))).catch((e: unknown) => e);
      await until(() => events.some((e) => e.type === 'event' && e.step === 1), { what: "the second turn's first event" });
      const reason = new Error('the user left');
      controller.abort(reason);
      expect(await failed).toBe(reason);
      expect((await posts()[1]!.ended).outcome).toBe('client-closed');
      expect(posts()).toHaveLength(2);
      expect(ran).toEqual(['Oslo']);
      expect(kinds(events)).toEqual(['turn.started@0', 'tool_call.started@0', 'tool_call.finished@0', 'turn.finished@0', 'turn.started@1']);
    });

    it.each([
      ['reset mid tool call (step 0)', { kind: 'reset', afterEvents: 3 }, 0],
      ['clean end mid tool call (step 0)', { kind: 'endEarly', afterEvents: 3 }, 0],
      ['reset mid answer (step 1)', { kind: 'reset', afterEvents: 2 }, 1],
      ['end in the middle of an event (step 1)', { kind: 'endMidEvent', afterEvents: 2 }, 1],
    ] as const)('a stream cut (%s) fails the loop with IncompleteStreamError: never a success, nothing run or sent after it', async (_name, fault, step) => {
      const events: ChatToolLoopEvent[] = [];
      const error = await lastValueFrom(faulted(fault, step).pipe(tap((e) => events.push(e)))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      // No retry after the first chunk: one request per turn, the cut turn's the last.
      expect(posts()).toHaveLength(step + 1);
      expect(ran).toEqual(step === 0 ? [] : ['Oslo']);
      const turn0 = ['turn.started@0', 'tool_call.started@0', 'tool_call.finished@0', 'turn.finished@0'];
      expect(kinds(events)).toEqual(step === 0 ? ['turn.started@0'] : [...turn0, 'turn.started@1']);
    });

    it("a request the server refused before its stream began (429) is sent again by the client: the turn's events and tools come once", async () => {
      const events = await lastValueFrom(faulted({ kind: 'rateLimit', retryAfterMs: 5 }, 1).pipe(toArray()));
      expect(posts().map((post) => post.status)).toEqual([200, 429, 200]);
      expect(ran).toEqual(['Oslo']);
      expect(kinds(events)).toEqual([
        'turn.started@0', 'tool_call.started@0', 'tool_call.finished@0', 'turn.finished@0', 'turn.started@1', 'turn.finished@1', 'loop.finished@',
      ]);
      const result = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
      expect(result).toMatchObject({ reason: 'no_calls', steps: 2 });
      // The answer of step 1 is one completion's: its chunks were emitted once.
      const ids = new Set(events.flatMap((e) => (e.type === 'event' && e.step === 1 ? [e.event.id] : [])));
      expect(ids.size).toBe(1);
      expect(result.final.choices[0]!.message.content).toBe('get_weather returned: sunny in Oslo');
      expect(result.history).toHaveLength(4);
    });
  });

  describe('a turn cut by the token limit (finish_reason length)', () => {
    const { executed, tool: lookup } = recordingLookup('one two three four five six seven');
    beforeEach(() => (executed.length = 0));
    /** Runs the loop to its error, keeping what it emitted before. */
    async function failing(params: object) {
      const events: ChatToolLoopEvent[] = [];
      const loop$ = runChatTools(ctx.client, { model: 'gpt-4o', ...params } as never, { tools: [lookup] });
      const error = await lastValueFrom(loop$.pipe(tap((e) => events.push(e)))).catch((e: unknown) => e);
      return { events, error: error as ToolLoopIncompleteError };
    }

    it('fails with ToolLoopIncompleteError after the first request: its cut call is not run, no second request', async () => {
      const { events, error } = await failing({
        max_completion_tokens: 4,
        messages: [{ role: 'user', content: 'Use lookup with query "the population of every city in Norway please"' }],
      });
      expect(error).toBeInstanceOf(ToolLoopIncompleteError);
      expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
      expect(error).toMatchObject({
        name: 'ToolLoopIncompleteError',
        reason: 'incomplete',
        step: 0,
        finishReason: 'length',
        text: '{"query"',
      });
      expect(error.message).toMatch(/step 0 did not finish \(length\): its 1 tool call was not run and no further request was made/);
      const final = error.final as ChatCompletion;
      expect(final.choices[0]).toMatchObject({
        finish_reason: 'length',
        message: { tool_calls: [{ function: { name: 'lookup', arguments: '{"query"' } }] },
      });
      expect(executed).toEqual([]);
      expect(posts()).toHaveLength(1);
      // The turn's chunks were delivered; no tool call started, no turn.finished.
      const types = events.map((e) => e.type);
      expect(types[0]).toBe('turn.started');
      expect(new Set(types.slice(1))).toEqual(new Set(['event']));
      expect(events.filter((e) => e.type === 'event')).toHaveLength(6); // the tool call's head, 3 argument fragments, finish, usage
    });

    it('a cut answer without calls fails too (step 1 here: after a full call), never a loop.finished', async () => {
      const { events, error } = await failing({
        max_completion_tokens: 9,
        messages: [{ role: 'user', content: 'Use lookup with query "x"' }],
      });
      expect(error).toBeInstanceOf(ToolLoopIncompleteError);
      expect(error).toMatchObject({ step: 1, finishReason: 'length', text: 'lookup returned: one two three four five six' });
      expect(error.message).toMatch(/step 1 did not finish \(length\): its answer is incomplete/);
      expect((error.final as ChatCompletion).choices[0]!.message.content).toBe('lookup returned: one two three four five six');
      expect(executed).toEqual(['x']);
      expect(posts()).toHaveLength(2);
      expect(events.map((e) => e.type)).toContain('turn.finished'); // of step 0
      expect(events.map((e) => e.type)).not.toContain('loop.finished');
    });
  });

  describe('tools declared by a plain JSON Schema (what the SDK\'s runTools() takes)', () => {
    const weatherSchema = {
      type: 'object',
      properties: { city: { type: 'string' }, units: { type: 'string' } },
      required: ['city'],
    };
    const question = [{ role: 'user', content: 'Use get_weather {"city":"Oslo"}' }];

    it('sends the schema as it is, non-strict, runs the tool with the JSON.parsed arguments, as the SDK does', async () => {
      const seen: unknown[] = [];
      const tool = jsonSchemaTool({
        name: 'get_weather',
        description: 'The weather',
        parameters: weatherSchema,
        execute: (args: { city: string }) => (seen.push(args), `sunny in ${args.city}`),
      });
      const result = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [tool] }).pipe(toolLoopResult()));
      expect(seen).toEqual([{ city: 'Oslo' }]);
      const sent = posts().map((post) => (post.body as { tools: unknown[] }).tools);
      expect(sent).toEqual([0, 1].map(() => [
        { type: 'function', function: { name: 'get_weather', parameters: weatherSchema, strict: false, description: 'The weather' } },
      ]));

      // The SDK's runTools() with the same function, on the same emulator: the same answer.
      const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
      const runner = sdk.chat.completions.runTools({
        model: 'gpt-4o',
        stream: true,
        messages: question as never,
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'The weather', parameters: weatherSchema, parse: JSON.parse, function: (args: { city: string }) => `sunny in ${args.city}` } }],
      });
      expect(result.final.choices[0]!.message.content).toBe(await runner.finalContent());
      expect(result.final.choices[0]!.message.content).toBe('get_weather returned: sunny in Oslo');
    });

    it('a plain tool object with a JSON Schema works too (no helper), strict when asked', async () => {
      const tool = { name: 'get_weather', parameters: { ...weatherSchema, additionalProperties: false, required: ['city', 'units'] }, strict: true, execute: ({ city }: { city: string }) => city };
      const result = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [tool] }).pipe(toolLoopResult()));
      expect(result.final.choices[0]!.message.content).toBe('get_weather returned: Oslo');
      expect((posts()[0]!.body as { tools: Array<{ function: object }> }).tools[0]!.function).toMatchObject({ strict: true });
    });

    it('`parse` gives execute its value; a parse that throws is invalid arguments (reported, or failing the loop)', async () => {
      const parsing = (parse: (text: string) => unknown) =>
        jsonSchemaTool({ name: 'get_weather', parameters: weatherSchema, parse, execute: (args) => JSON.stringify(args) });
      const parsed = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [parsing((text) => ({ ...JSON.parse(text), seen: true }))] }).pipe(toolLoopResult()),
      );
      expect(parsed.final.choices[0]!.message.content).toBe('get_weather returned: {"city":"Oslo","seen":true}');

      const refusing = parsing(async () => Promise.reject(new Error('units are required')));
      const events = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [refusing] }).pipe(toArray()));
      const outcome = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome] : []))[0]!;
      expect(outcome.status).toBe('error');
      expect(outcome.output).toMatch(/^Error: .*get_weather.*units are required/);
      const error = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [refusing], onInvalidArguments: 'fail' }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StructuredOutputValidationError);
      expect(error).toMatchObject({ toolName: 'get_weather', value: '{"city":"Oslo"}', cause: new Error('units are required') });
    });
  });

  it('a tool returning text parts sends them as the tool message content (the API takes an array of text parts)', async () => {
    const parts = [{ type: 'text' as const, text: 'sunny' }, { type: 'text' as const, text: ', 21 °C' }];
    const tool = zodTool({ name: 'get_weather', parameters: City, execute: () => parts });
    const events = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use get_weather for "Oslo"' }] }, { tools: [tool] }).pipe(toArray()),
    );
    const outcome = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome] : []))[0]!;
    expect(outcome.output).toEqual(parts);
    const toolMessage = (posts()[1]!.body as { messages: ChatToolsMessage[] }).messages.at(-1);
    expect(toolMessage).toEqual({ role: 'tool', tool_call_id: outcome.call.callId, content: parts });
    const result = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.final.choices[0]!.message.content).toBe('get_weather returned: sunny\n, 21 °C'); // the emulator reads the parts, a line each

    // An array that is not text parts is JSON-stringified, as any other value.
    const other = zodTool({ name: 'get_weather', parameters: City, execute: () => [{ type: 'input_text', text: 'x' }] });
    const start = posts().length;
    await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use get_weather for "Oslo"' }] }, { tools: [other] }));
    expect((posts()[start + 1]!.body as { messages: ChatToolsMessage[] }).messages.at(-1)?.content).toBe('[{"type":"input_text","text":"x"}]');
  });

  // The API answers a request whose `tool_choice` names a function with a call to it, every turn (the emulator
  // answers the tool outputs with a text): scripted so, for requests that force it.
  describe('a tool_choice that forces a function', () => {
    const forced = { type: 'function', function: { name: 'get_weather' } } as const;
    const question = [{ role: 'user', content: 'Weather in Oslo?' }];
    const isForced = (request: { body: Readonly<Record<string, unknown>> }) => typeof request.body['tool_choice'] === 'object';
    const script = (args: ReadonlyArray<Record<string, unknown>>) => {
      ctx.emulator.clearScriptedAnswers();
      for (const [i, call] of args.entries()) {
        const times = i === args.length - 1 ? 20 : 1; // the last arguments for every request after
        ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: call }] }, { times, match: { api: 'chat', when: isForced } });
      }
    };
    const sdkRun = async (args: ReadonlyArray<Record<string, unknown>>) => {
      script(args);
      const start = chatPosts().length;
      const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
      const runner = sdk.chat.completions.runTools({
        model: 'gpt-4o',
        stream: true,
        messages: question as never,
        tool_choice: forced,
        tools: [sdkZodFunction({ name: 'get_weather', parameters: City, function: ({ city }) => `sunny in ${city}` })],
      });
      const content = await runner.finalContent();
      return { content, requests: chatPosts().length - start, messages: runner.messages };
    };
    const ran: string[] = [];
    const weather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => (ran.push(city), `sunny in ${city}`) });
    beforeEach(() => (ran.length = 0));

    it("ends the loop once that function ran (reason tool_choice), as the SDK's runTools() stops, never at maxSteps", async () => {
      const sdk = await sdkRun([{ city: 'Oslo' }]);
      script([{ city: 'Oslo' }]);
      before = chatPosts().length;
      const result = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question, tool_choice: forced }, { tools: [weather] }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'tool_choice', steps: 1 });
      expect(ran).toEqual(['Oslo']);
      expect(posts()).toHaveLength(1);
      expect(sdk.requests).toBe(1);
      // The history ends with the function's result, as the SDK's messages do; the final content is the turn's (none).
      expect(result.history.at(-1)).toMatchObject({ role: 'tool', content: 'sunny in Oslo' });
      expect(sdk.messages.at(-1)).toMatchObject({ role: 'tool', content: 'sunny in Oslo' });
      expect(result.final.choices[0]!.message.content).toBe(sdk.content);
    });

    it('goes on while the arguments are invalid (the error is sent to the model, which is made to call again), as the SDK does', async () => {
      const sdk = await sdkRun([{ town: 'Oslo' }, { city: 'Oslo' }]);
      script([{ town: 'Oslo' }, { city: 'Oslo' }]);
      before = chatPosts().length;
      const result = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question, tool_choice: forced }, { tools: [weather] }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'tool_choice', steps: 2 });
      expect(ran).toEqual(['Oslo']);
      expect(posts()).toHaveLength(2);
      expect(sdk.requests).toBe(2);
      expect(posts()[1]!.body).toMatchObject({ tool_choice: forced });
    });

    it("goes on after a failure of the forced function's tool that is reported to the model (onToolError: 'report'), until it gives its result", async () => {
      script([{ city: 'Oslo' }]);
      let calls = 0;
      const flaky = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => (++calls === 1 ? Promise.reject(new Error('timed out')) : `sunny in ${city}`) });
      const events = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question, tool_choice: forced }, { tools: [flaky] }).pipe(toArray()),
      );
      const outcomes = events.flatMap((e) => (e.type === 'tool_call.finished' ? [[e.step, e.outcome.status, e.outcome.output]] : []));
      expect(outcomes).toEqual([
        [0, 'error', 'Error: timed out'],
        [1, 'ok', 'sunny in Oslo'],
      ]);
      expect(events.at(-1)).toMatchObject({ type: 'loop.finished', reason: 'tool_choice', steps: 2 });
    });

    it("ends after the turn when the forced function is none of the loop's tools (declared in params.tools): its answer would not change", async () => {
      script([{ city: 'Oslo' }]);
      before = chatPosts().length;
      const declared = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
      const time = zodTool({ name: 'get_time', parameters: City, execute: () => '12:00' });
      const result = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question, tools: [declared], tool_choice: forced }, { tools: [time] }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'tool_choice', steps: 1 });
      expect(posts()).toHaveLength(1);
      expect(result.history.at(-1)).toMatchObject({ role: 'tool', content: expect.stringMatching(/not one of the tools the loop runs: "get_time"/) });
    });

    it("tool_choice 'required' still goes on (the SDK's runTools() does too): maxSteps ends it", async () => {
      ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { times: 3, match: { api: 'chat' } });
      const result = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: question, tool_choice: 'required' }, { tools: [weather], maxSteps: 3, onMaxSteps: 'stop' }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'max_steps', steps: 3 });
      expect(ran).toEqual(['Oslo', 'Oslo', 'Oslo']);
    });
  });

  it.each([
    ['a string', 'sunny', 'sunny'],
    ['an object', { city: 'Oslo', temperature: 21 }, '{"city":"Oslo","temperature":21}'],
    ['an array that is no text parts', [1, 2], '[1,2]'],
    ['a number', 21, '21'],
    ['false', false, 'false'],
    ['null', null, 'null'],
    ['an empty string', '', ''],
  ])("a tool's result that is %s is sent as the SDK's runTools() sends it", async (_name, value, sent) => {
    const question = [{ role: 'user', content: 'Use get_weather for "Oslo"' }];
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    await sdk.chat.completions
      .runTools({ model: 'gpt-4o', stream: true, messages: question as never, tools: [sdkZodFunction({ name: 'get_weather', parameters: City, function: () => value })] })
      .finalContent();
    const sdkSent = (chatPosts().slice(before)[1]!.body as { messages: ChatToolsMessage[] }).messages.at(-1)!.content;
    before = chatPosts().length;
    const tool = zodTool({ name: 'get_weather', parameters: City, execute: () => value });
    await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages: question }, { tools: [tool] }));
    const ours = (posts()[1]!.body as { messages: ChatToolsMessage[] }).messages.at(-1)!.content;
    expect([ours, sdkSent]).toEqual([sent, sent]);
  });

  it('the result holds the tokens of every turn, summed with their details, as the SDK\'s totalUsage() sums them', async () => {
    const params = { model: 'gpt-4o', messages, stream_options: { include_usage: true } };
    const events = await lastValueFrom(runChatTools(ctx.client, params, { tools: [getWeather, getTime] }).pipe(toArray()));
    const turns = events.flatMap((e) => (e.type === 'turn.finished' ? [e.turn.final.usage!] : []));
    expect(turns).toHaveLength(2);
    const result = events.at(-1) as Extract<ChatToolLoopEvent, { type: 'loop.finished' }>;
    const sum = (key: 'prompt_tokens' | 'completion_tokens' | 'total_tokens') => turns.reduce((n, usage) => n + usage[key], 0);
    expect(result.usage).toEqual({
      input: sum('prompt_tokens'),
      output: sum('completion_tokens'),
      total: sum('total_tokens'),
      inputDetails: { cached_tokens: 0, audio_tokens: 0 },
      outputDetails: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
    expect(result.usage!.input).toBeGreaterThan(0);

    // The SDK's runTools() on the same emulator: the same sums of its own completions, the same detail names.
    const sdk = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const runner = sdk.chat.completions.runTools({
      ...params,
      stream: true,
      messages: messages as never,
      tools: [
        sdkZodFunction({ name: 'get_weather', parameters: City, function: ({ city }) => ({ city, temperature: 21 }) }),
        sdkZodFunction({ name: 'get_time', parameters: City, function: () => '12:00' }),
      ],
    });
    const total = await runner.totalUsage();
    const completions = runner.allChatCompletions();
    expect(completions).toHaveLength(2);
    expect(total.prompt_tokens).toBe(completions.reduce((n, c) => n + c.usage!.prompt_tokens, 0));
    expect(Object.keys(total.prompt_tokens_details!).sort()).toEqual(Object.keys(result.usage!.inputDetails).sort());
    expect(Object.keys(total.completion_tokens_details!).sort()).toEqual(Object.keys(result.usage!.outputDetails).sort());

    // The recipes docs/parity.md gives for the runner's other getters, on the same two runs.
    const loop$ = from(events);
    const ours = await lastValueFrom(
      zip([
        loop$.pipe(filter((e) => e.type === 'turn.finished'), map((e) => e.turn.final), toArray()),
        loop$.pipe(filter((e) => e.type === 'tool_call.started'), map((e) => e.call), filter((call) => call.type === 'function'), last(undefined, undefined)),
        loop$.pipe(filter((e) => e.type === 'turn.finished'), concatMap((e) => e.turn.outcomes), filter((o) => o.call.type === 'function'), map((o) => o.output), last(undefined, undefined)),
      ]),
    );
    expect(ours[0].map((c) => c.choices[0]!.finish_reason)).toEqual(completions.map((c) => c.choices[0]!.finish_reason));
    const sdkCall = await runner.finalFunctionToolCall();
    expect([ours[1]?.name, ours[1]?.arguments]).toEqual([sdkCall?.name, sdkCall?.arguments]);
    expect(ours[2]).toBe(await runner.finalFunctionToolCallResult());

    // Without usage in the stream (no include_usage) the total is undefined, not zeros.
    const without = await lastValueFrom(runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime] }).pipe(toolLoopResult()));
    expect(without.final.usage).toBeUndefined();
    expect(without).toHaveProperty('usage', undefined);
  });

});

// The emulator never calls a custom tool: a turn calling one, from canned chunks.
describe('runChatTools on a custom tool call', () => {
  const custom = chunk([{ delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_c', type: 'custom', custom: { name: 'run_sql', input: 'SELECT 1' } }] } } as never]);
  const fn = chunk([{ delta: { tool_calls: [{ index: 1, id: 'call_f', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } } as never]);
  const calls = [custom, fn, chunk([{ delta: {}, finish_reason: 'tool_calls' }])];
  const answer = [chunk([{ delta: { role: 'assistant', content: 'done' } }]), chunk([{ delta: {}, finish_reason: 'stop' }])];
  function client() {
    const requests: Array<{ messages: unknown[] }> = [];
    const fake: ChatToolsClient = {
      chat: { completions: { stream: (request) => (requests.push(structuredClone(request)), from<ChatCompletionChunk[]>(requests.length === 1 ? calls : answer)) } },
    };
    return { fake, requests };
  }
  const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });
  const params = { model: 'gpt-5', messages: [{ role: 'user', content: 'go' }], tools: [{ type: 'custom', custom: { name: 'run_sql' } }] };

  it('answers it like a call to an unknown tool (the loop cannot run it) and runs the function call beside it', async () => {
    const { fake, requests } = client();
    const events = await lastValueFrom(runChatTools(fake, params, { tools: [getWeather] }).pipe(toArray()));
    const outcomes = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome] : []));
    expect(outcomes.map((o) => [o.call.type, o.call.name, o.status])).toEqual([
      ['custom', 'run_sql', 'error'],
      ['function', 'get_weather', 'ok'],
    ]);
    expect(outcomes[0]!.call.arguments).toBe('SELECT 1');
    expect(outcomes[0]!.status === 'error' && outcomes[0]!.error).toBeInstanceOf(StructuredOutputUnknownToolError);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_c', type: 'custom', custom: { name: 'run_sql', input: 'SELECT 1' } },
          { id: 'call_f', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'call_c',
        content: 'Error: The model called custom tool "run_sql" (call call_c), which a tool loop cannot run: the tools it runs are function tools: "get_weather"',
      },
      { role: 'tool', tool_call_id: 'call_f', content: 'sunny in Oslo' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'loop.finished', reason: 'no_calls', steps: 2 });
  });

  it("fails the loop with StructuredOutputUnknownToolError (toolType 'custom') with onInvalidArguments: 'fail'", async () => {
    const { fake, requests } = client();
    const error = await lastValueFrom(runChatTools(fake, params, { tools: [getWeather], onInvalidArguments: 'fail' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputUnknownToolError);
    expect(error).toMatchObject({ toolName: 'run_sql', callId: 'call_c', toolType: 'custom' });
    expect(requests).toHaveLength(1);
  });
});

// A compatible server's tool call without its function's name, from canned chunks. (One without an id gets one made
// up, as the SDK makes one up: it runs.)
describe('runChatTools on a tool call it can neither run nor answer', () => {
  it.each([
    ['a function without its name', { id: 'call_1', type: 'function', function: { arguments: '{"city":"Oslo"}' } }, 'name'],
  ])('%s: StreamParseError naming the field, no tool runs, no next request', async (_name, call, field) => {
    const chunks = [chunk([{ delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, ...call }] } } as never]), chunk([{ delta: {}, finish_reason: 'tool_calls' }])];
    let requests = 0;
    const fake: ChatToolsClient = { chat: { completions: { stream: () => (requests++, from<ChatCompletionChunk[]>(chunks)) } } };
    const execute = jest.fn(() => 'sunny');
    const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute });
    const error = await lastValueFrom(runChatTools(fake, { model: 'gpt-4o', messages: [{ role: 'user', content: 'go' }] }, { tools: [getWeather] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error).toMatchObject({ path: field });
    expect(execute).not.toHaveBeenCalled();
    expect(requests).toBe(1);
  });
});

// An audio model answers in `audio` (its words in `audio.transcript`, `content` null): the next turn must send that
// answer back, by its id, as the SDK's runTools() does. From canned turns (the emulator does not speak).
describe('runChatTools with an audio model', () => {
  const top = (id: string) => ({ id, object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-audio-preview' });
  const ch = (id: string, delta: object, finish: string | null = null) => ({ ...top(id), choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const turns = [
    [
      ch('c0', { role: 'assistant', content: null, audio: { id: 'audio_0', data: 'AAA', transcript: 'Let me check.' } }),
      ch('c0', { audio: { expires_at: 1_700_000_000 } }),
      ch('c0', { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }),
      ch('c0', {}, 'tool_calls'),
    ],
    [
      ch('c1', { role: 'assistant', content: null, audio: { id: 'audio_1', data: 'BBB', transcript: 'It is sunny.' } }),
      ch('c1', { audio: { expires_at: 1_700_000_001 } }),
      ch('c1', {}, 'stop'),
    ],
  ];
  const sse = (chunks: object[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
  const params = {
    model: 'gpt-4o-audio-preview',
    modalities: ['text', 'audio'],
    audio: { voice: 'alloy', format: 'pcm16' },
    messages: [{ role: 'user' as const, content: 'Weather in Oslo?' }],
  };
  const City = z.object({ city: z.string() });

  it("sends the assistant's audio back by its id on the next turn, as the SDK does, and keeps it in the history", async () => {
    const sdkBodies: Array<{ messages: unknown[] }> = [];
    const sdk = new OpenAI({
      apiKey: 'test',
      maxRetries: 0,
      fetch: async (_url, init) => {
        sdkBodies.push(JSON.parse(String(init!.body)));
        return new Response(sse(turns[sdkBodies.length - 1]!), { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const sdkTool = sdkZodFunction({ name: 'get_weather', parameters: City, function: () => 'sunny' });
    await sdk.chat.completions.runTools({ ...(params as object), stream: true, tools: [sdkTool] } as never).finalChatCompletion();

    const bodies: Array<{ messages: unknown[] }> = [];
    const client: ChatToolsClient = {
      chat: { completions: { stream: (request) => (bodies.push(request as never), from(turns[bodies.length - 1]! as never)) } },
    };
    const getWeather = zodTool({ name: 'get_weather', parameters: City, execute: () => 'sunny' });
    const result = await lastValueFrom(runChatTools(client, params, { tools: [getWeather] }).pipe(toolLoopResult()));
    expect(bodies[1]!.messages[1]).toMatchObject({ role: 'assistant', content: null, audio: { id: 'audio_0' } });
    expect(bodies[1]!.messages[1]).toEqual(sdkBodies[1]!.messages[1]);
    expect(result.history.at(-1)).toEqual({ role: 'assistant', content: null, audio: { id: 'audio_1' } });
  });
});

// tool_choice shapes that name a function without forcing one, from canned chunks (the emulator refuses some).
describe('runChatTools with a tool_choice that forces no function', () => {
  const called = (id: string) => [
    chunk([{ delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } } as never]),
    chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
  ];
  const answer = [chunk([{ delta: { role: 'assistant', content: 'done' } }]), chunk([{ delta: {}, finish_reason: 'stop' }])];
  const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });

  it.each([
    ['a custom tool', { type: 'custom', custom: { name: 'get_weather' } }],
    ['allowed_tools', { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_weather' } }] } }],
    ['a function without a name', { type: 'function', function: {} }],
    ['a function of null', { type: 'function', function: null }],
  ])('%s: the loop goes on until a turn has no calls', async (_name, toolChoice) => {
    let turns = 0;
    const fake: ChatToolsClient = { chat: { completions: { stream: () => from<ChatCompletionChunk[]>(++turns < 3 ? called(`call_${turns}`) : answer) } } };
    const params = { model: 'gpt-4o', messages: [{ role: 'user', content: 'go' }], tool_choice: toolChoice };
    const result = await lastValueFrom(runChatTools(fake, params as never, { tools: [getWeather] }).pipe(toolLoopResult()));
    expect(result).toMatchObject({ reason: 'no_calls', steps: 3 });
  });
});

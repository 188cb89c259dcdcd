import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { firstValueFrom, from, lastValueFrom, Observable, takeWhile, tap, toArray } from 'rxjs';
import { z } from 'zod';
import {
  type Response,
  type ResponseCreateParams,
  type ResponseStreamEvent,
  StreamParseError,
  StructuredOutputIncompleteError,
  StructuredOutputUnknownToolError,
  StructuredOutputValidationError,
  ToolLoopDefinitionError,
  ToolLoopIncompleteError,
  ToolLoopMaxStepsError,
  ToolLoopToolError,
} from '../../src/index';
import {
  jsonSchemaTool,
  runChatTools,
  runResponsesTools,
  toolLoopResult,
  zodTool,
  type ResponsesToolLoopEvent,
  type ResponsesToolsClient,
} from '../../src/structured';
import { useEmulator } from '../helpers/emulator';
import { response } from '../responses/stream';
import { recordingLookup, responseFunctionCallEvents } from './streams';

// The emulator's assistant calls every function tool the user message names (in parallel), with a quoted phrase
// as a string argument; after the outputs it answers `<name> returned: <output>`, one line per call.
/** The items of a loop whose first turn called both tools: the user message, the calls, the outputs, the answer. */
const TWO_CALL_TURNS = ['message', 'function_call', 'function_call', 'function_call_output', 'function_call_output', 'message'];

describe('runResponsesTools against the emulator (real HTTP)', () => {
  const ctx = useEmulator();
  const City = z.object({ city: z.string() });
  const input = 'Use get_weather and get_time for "Oslo"';
  const responsesPosts = () => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
  let before = 0;
  beforeEach(() => (before = responsesPosts().length));
  const posts = () => responsesPosts().slice(before);

  /** Two tools that resolve only once both have started: the loop runs a turn's calls in parallel. */
  function parallelTools() {
    const started: string[] = [];
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const arrive = (name: string) => {
      started.push(name);
      if (started.length === 2) release();
      return bothStarted;
    };
    const getWeather = zodTool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: City,
      execute: async ({ city }) => {
        await arrive('get_weather');
        return { city, temperature: 21 };
      },
    });
    const getTime = zodTool({
      name: 'get_time',
      parameters: City,
      execute: async () => {
        await arrive('get_time');
        return '12:00';
      },
    });
    return { tools: [getWeather, getTime], started };
  }

  it('runs parallel calls, sends the outputs with previous_response_id, and ends when a turn has no calls', async () => {
    const { tools, started } = parallelTools();
    const events = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools }).pipe(toArray()));
    expect(started).toEqual(['get_weather', 'get_time']);

    const loopEvents = events.filter((e) => e.type !== 'event').map((e) => `${e.type}${'step' in e ? `@${e.step}` : ''}`);
    expect(loopEvents).toEqual([
      'turn.started@0',
      'tool_call.started@0',
      'tool_call.started@0',
      'tool_call.finished@0',
      'tool_call.finished@0',
      'turn.finished@0',
      'turn.started@1',
      'turn.finished@1',
      'loop.finished',
    ]);
    // Stream events come between turn.started and the first tool call, each with its step.
    const firstStart = events.findIndex((e) => e.type === 'tool_call.started');
    const turn0 = events.slice(1, firstStart);
    expect(turn0.every((e) => e.type === 'event' && e.step === 0)).toBe(true);
    expect(turn0.map((e) => (e as { event: { type: string } }).event.type)).toContain('response.completed');
    // Argument deltas name the call they belong to.
    const deltas = turn0.filter(
      (e): e is Extract<ResponsesToolLoopEvent, { type: 'event' }> =>
        e.type === 'event' && e.event.type === 'response.function_call_arguments.delta',
    );
    expect(deltas.length).toBeGreaterThan(0);
    const callIds = events.flatMap((e) => (e.type === 'tool_call.started' ? [e.call.callId] : []));
    expect(new Set(deltas.map((e) => e.callId))).toEqual(new Set(callIds));

    const result = events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.reason).toBe('no_calls');
    expect(result.steps).toBe(2);
    expect(result.final.output_text).toBe(
      'get_weather returned: {"city":"Oslo","temperature":21}\nget_time returned: 12:00',
    );

    const [first, second] = posts().map((r) => r.body as Record<string, unknown>);
    expect(posts()).toHaveLength(2);
    expect(first!['tools']).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_weather', description: 'The weather in a city', strict: true }),
      expect.objectContaining({ type: 'function', name: 'get_time', strict: true }),
    ]);
    expect(second!['previous_response_id']).toMatch(/^resp_/);
    expect(second!['input']).toEqual([
      { type: 'function_call_output', call_id: callIds[0], output: '{"city":"Oslo","temperature":21}' },
      { type: 'function_call_output', call_id: callIds[1], output: '12:00' },
    ]);
    // The history: the user message, the model's calls, the outputs, the final message.
    expect(result.history.map((item) => (item as { type?: string }).type ?? 'message')).toEqual(TWO_CALL_TURNS);
  });

  it("sends every turn with the loop's callOptions, but for an idempotencyKey: each turn keeps a key of its own", async () => {
    const { tools } = parallelTools();
    const recovered: unknown[] = [];
    const callOptions = { headers: { 'x-trace': 'trace-1' }, idempotencyKey: 'one-key', idleTimeout: 30_000, onRecover: (info: unknown) => recovered.push(info) };
    const result = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools, callOptions }).pipe(toolLoopResult()));
    expect(result.steps).toBe(2);
    expect(posts().map((r) => r.headers['x-trace'])).toEqual(['trace-1', 'trace-1']);
    const keys = posts().map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain('one-key');
    expect(callOptions.idempotencyKey).toBe('one-key'); // the caller's object is not changed
    expect(recovered).toEqual([]);
  });

  it('with store: false sends the whole input again, the model output items included', async () => {
    const { tools } = parallelTools();
    const result = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input, store: false }, { tools }).pipe(toolLoopResult()),
    );
    expect(result.final.output_text).toContain('get_time returned: 12:00');
    const second = posts()[1]!.body as Record<string, unknown>;
    expect(second['previous_response_id']).toBeUndefined();
    // Reasoning items are replayed with their content, which the API sends only when asked.
    expect(posts().map((post) => (post.body as Record<string, unknown>)['include'])).toEqual([
      ['reasoning.encrypted_content'],
      ['reasoning.encrypted_content'],
    ]);
    expect((second['input'] as Array<{ type?: string }>).map((item) => item.type ?? 'message')).toEqual([
      'message',
      'function_call',
      'function_call',
      'function_call_output',
      'function_call_output',
    ]);
  });

  it("with store: false a reasoning model's reasoning items go back with their encrypted content, before the calls they led to", async () => {
    ctx.emulator.scriptAnswer({ reasoning: 'Oslo needs the weather tool.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    ctx.emulator.scriptAnswer({ reasoning: 'Now I can answer.', text: 'Sunny in Oslo.' });
    const weather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => `sunny in ${city}` });
    const result = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'o4-mini', input: 'Weather in Oslo?', store: false }, { tools: [weather] }).pipe(toolLoopResult()),
    );
    // The emulator, as the API, refuses a reasoning item without its content when nothing is stored.
    expect(result.final.output_text).toBe('Sunny in Oslo.');
    const reasoning = result.history[1] as { type: string; id: string; encrypted_content?: unknown };
    expect(reasoning).toMatchObject({ type: 'reasoning', encrypted_content: expect.any(String) });
    expect(posts()).toHaveLength(2);
    const second = posts()[1]!.body as { input: Array<{ type?: string }> };
    expect(second.input.map((item) => item.type ?? 'message')).toEqual(['message', 'reasoning', 'function_call', 'function_call_output']);
    expect(second.input[1]).toMatchObject({ id: reasoning.id, encrypted_content: reasoning.encrypted_content });
    expect(second).not.toHaveProperty('previous_response_id');
  });

  it("with store: false keeps the caller's include entries, reasoning.encrypted_content added once", async () => {
    const { tools } = parallelTools();
    for (const include of [['message.output_text.logprobs'], ['reasoning.encrypted_content', 'message.output_text.logprobs']]) {
      const from = posts().length;
      await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input, store: false, include }, { tools }).pipe(toolLoopResult()));
      const sent = posts().slice(from).map((post) => (post.body as Record<string, unknown>)['include'] as string[]);
      expect(sent).toHaveLength(2);
      for (const entries of sent) expect([...entries].sort()).toEqual(['message.output_text.logprobs', 'reasoning.encrypted_content']);
    }
  });

  it('with a conversation the next turn sends the same conversation and only the outputs, no previous_response_id', async () => {
    const { tools } = parallelTools();
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const events = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input, conversation: id }, { tools }).pipe(toArray()),
    );
    const result = events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.type).toBe('loop.finished');
    expect(result.steps).toBe(2);
    expect(result.final.output_text).toBe(
      'get_weather returned: {"city":"Oslo","temperature":21}\nget_time returned: 12:00',
    );
    const callIds = events.flatMap((e) => (e.type === 'tool_call.started' ? [e.call.callId] : []));
    const [, second] = posts().map((r) => r.body as Record<string, unknown>);
    expect(posts()).toHaveLength(2);
    expect(second!['conversation']).toBe(id);
    expect(second).not.toHaveProperty('previous_response_id');
    expect(second!['input']).toEqual([
      { type: 'function_call_output', call_id: callIds[0], output: '{"city":"Oslo","temperature":21}' },
      { type: 'function_call_output', call_id: callIds[1], output: '12:00' },
    ]);
    // The conversation holds both turns, each item once.
    const items = await lastValueFrom(ctx.client.conversations.items.listAll(id, { order: 'asc' }).pipe(toArray()));
    expect(items.map((item) => item.type)).toEqual(TWO_CALL_TURNS);
  });

  it('with a conversation and store: false the next turn still sends only the outputs, not the whole input again', async () => {
    const { tools } = parallelTools();
    const { id } = await firstValueFrom(ctx.client.conversations.create());
    const result = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input, conversation: { id }, store: false }, { tools }).pipe(
        toolLoopResult(),
      ),
    );
    expect(result.final.output_text).toContain('get_time returned: 12:00');
    const second = posts()[1]!.body as Record<string, unknown>;
    expect(second['conversation']).toEqual({ id });
    expect(second).not.toHaveProperty('previous_response_id');
    expect((second['input'] as Array<{ type?: string }>).map((item) => item.type)).toEqual([
      'function_call_output',
      'function_call_output',
    ]);
    const items = await lastValueFrom(ctx.client.conversations.items.listAll(id, { order: 'asc' }).pipe(toArray()));
    expect(items).toHaveLength(6);
  });

  const failing = zodTool({
    name: 'get_weather',
    parameters: City,
    execute: (): Promise<string> => Promise.reject(new Error('boom')),
  });

  it('a tool that fails is reported to the model as its output by default', async () => {
    const events = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use get_weather for "Oslo"' }, { tools: [failing] }).pipe(toArray()),
    );
    const finished = events.find((e) => e.type === 'tool_call.finished');
    expect(finished).toMatchObject({ outcome: { status: 'error', output: 'Error: boom', error: new Error('boom') } });
    const result = events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.final.output_text).toBe('get_weather returned: Error: boom');
  });

  it("a tool that fails fails the loop with onToolError: 'fail', and no further request is made", async () => {
    const error = await lastValueFrom(
      runResponsesTools(
        ctx.client,
        { model: 'gpt-4o', input: 'Use get_weather for "Oslo"' },
        { tools: [failing], onToolError: 'fail' },
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopToolError);
    expect(error).toMatchObject({ toolName: 'get_weather', step: 0, cause: new Error('boom') });
    expect((error as ToolLoopToolError).callId).toMatch(/^call_/);
    expect(posts()).toHaveLength(1);
  });

  const picky = zodTool({
    name: 'get_weather',
    parameters: z.object({ city: z.string().min(10) }),
    execute: () => 'never',
  });
  // The emulator's arguments follow the tool's schema (as strict mode does): JSON in the message injects invalid ones.
  const invalidCall = 'Use get_weather {"city": "Oslo"}';

  it('invalid arguments are reported to the model by default, without running the tool', async () => {
    const execute = jest.spyOn(picky, 'execute');
    const events = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input: invalidCall }, { tools: [picky] }).pipe(toArray()),
    );
    expect(execute).not.toHaveBeenCalled();
    const finished = events.find((e) => e.type === 'tool_call.finished')!;
    expect(finished).toMatchObject({ outcome: { status: 'error' } });
    const outcome = (finished as Extract<ResponsesToolLoopEvent, { type: 'tool_call.finished' }>).outcome;
    expect(outcome.status === 'error' && outcome.error).toBeInstanceOf(StructuredOutputValidationError);
    expect(outcome.output).toMatch(/^Error: /);
    const sent = (posts()[1]!.body as { input: Array<{ output: string }> }).input[0]!.output;
    expect(sent).toBe(outcome.output);
  });

  it('arguments with several problems are reported with every one of them, so that the model can mend them all at once', async () => {
    const Trip = z.object({ city: z.string().min(2), nights: z.number().int(), rooms: z.number().min(1) });
    const book = zodTool({ name: 'book', parameters: Trip, execute: () => 'booked' });
    ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'book', arguments: { city: 'O', nights: 1.5, rooms: 2 } }] });
    const events = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Book it' }, { tools: [book] }).pipe(toArray()));
    const finished = events.find((e): e is Extract<ResponsesToolLoopEvent, { type: 'tool_call.finished' }> => e.type === 'tool_call.finished')!;
    const error = finished.outcome.status === 'error' ? finished.outcome.error : undefined;
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    expect((error as StructuredOutputValidationError).issues.map((issue) => issue.path)).toEqual([['city'], ['nights']]);
    const sent = (posts()[1]!.body as { input: Array<{ output: string }> }).input[0]!.output;
    // Each issue, with where it is (the official SDK's runTools() sends zod's whole error too).
    for (const issue of (error as StructuredOutputValidationError).issues) expect(sent).toContain(`at ${issue.path.join('.')}: ${issue.message}`);
    expect(sent).toContain('(2 issues)');
  });

  it("invalid arguments fail the loop with onInvalidArguments: 'fail'", async () => {
    const error = await lastValueFrom(
      runResponsesTools(
        ctx.client,
        { model: 'gpt-4o', input: invalidCall },
        { tools: [picky], onInvalidArguments: 'fail' },
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    expect((error as StructuredOutputValidationError).toolName).toBe('get_weather');
    expect(posts()).toHaveLength(1);
  });

  it('maxSteps: a ToolLoopMaxStepsError with the history by default, a clean stop with onMaxSteps: stop', async () => {
    const { tools } = parallelTools();
    const error = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools, maxSteps: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolLoopMaxStepsError);
    expect((error as ToolLoopMaxStepsError).steps).toBe(1);
    expect((error as ToolLoopMaxStepsError).history.at(-1)).toMatchObject({ type: 'function_call_output', output: '12:00' });
    expect(posts()).toHaveLength(1);

    const stopped = await lastValueFrom(
      runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: parallelTools().tools, maxSteps: 1, onMaxSteps: 'stop' }).pipe(
        toolLoopResult(),
      ),
    );
    expect(stopped).toMatchObject({ steps: 1, reason: 'max_steps' });
    expect(posts()).toHaveLength(2);
  });

  it('stopWhen ends the loop after the turn it holds for', async () => {
    const { tools } = parallelTools();
    const result = await lastValueFrom(
      runResponsesTools(
        ctx.client,
        { model: 'gpt-4o', input },
        { tools, stopWhen: (turn) => turn.outcomes.some((o) => o.status === 'ok' && o.output === '12:00') },
      ).pipe(toolLoopResult()),
    );
    expect(result).toMatchObject({ steps: 1, reason: 'stop_when' });
    expect(posts()).toHaveLength(1);
  });

  it('unsubscribing mid-tool aborts a Promise tool and unsubscribes an Observable tool; no further request', async () => {
    let signal: AbortSignal | undefined;
    let unsubscribed = false;
    let running!: () => void;
    const bothRunning = new Promise<void>((resolve) => (running = resolve));
    let count = 0;
    const arrive = () => ++count === 2 && running();
    const slowPromise = zodTool({
      name: 'get_weather',
      parameters: City,
      execute: (_args, context) => {
        signal = context.signal;
        arrive();
        return new Promise<string>(() => undefined);
      },
    });
    const slowObservable = zodTool({
      name: 'get_time',
      parameters: City,
      execute: () =>
        new Observable<string>(() => {
          arrive();
          return () => (unsubscribed = true);
        }),
    });
    const subscription = runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: [slowPromise, slowObservable] }).subscribe();
    await bothRunning;
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(unsubscribed).toBe(true);
    await posts()[0]!.ended;
    expect(posts()).toHaveLength(1);
  });

  it("stopping the loop at a tool's tool_call.finished leaves that tool's signal unaborted: it had finished", async () => {
    // A tool may undo its work when its signal aborts (a reservation released): work that finished must stand.
    const signals = new Map<string, AbortSignal>();
    const book = (name: string, result: (city: string) => unknown) =>
      zodTool({ name, parameters: City, execute: ({ city }, { signal }) => (signals.set(name, signal), result(city)) });
    const tools = [book('get_weather', (city) => Promise.resolve(`booked ${city}`)), book('get_time', () => '12:00')];
    for (const tool of tools) {
      signals.clear();
      const events = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: `Use ${tool.name} for "Oslo"` }, { tools: [tool] }).pipe(
          takeWhile((e) => e.type !== 'tool_call.finished', true),
          toArray(),
        ),
      );
      expect(events.at(-1)).toMatchObject({ type: 'tool_call.finished', outcome: { status: 'ok' } });
      expect(signals.get(tool.name)?.aborted).toBe(false);
    }
  });

  /** Tools for a loop that stops while a tool runs: `get_weather` never settles; `started` resolves once it runs. */
  function hangingTools() {
    const state: { toolSignal: AbortSignal | undefined } = { toolSignal: undefined };
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const never = zodTool({
      name: 'get_weather',
      parameters: City,
      execute: (_args, context) => {
        state.toolSignal = context.signal;
        running();
        return new Promise<string>(() => undefined);
      },
    });
    const time = zodTool({ name: 'get_time', parameters: City, execute: () => '12:00' });
    return { state, started, tools: [never, time] };
  }

  it("aborting callOptions' signal while a tool runs ends the loop at once with the abort's reason, as unsubscribing does", async () => {
    const { state, started, tools } = hangingTools();
    const controller = new AbortController();
    const seen: string[] = [];
    const outcome = new Promise<unknown>((resolve) =>
      runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools, callOptions: { signal: controller.signal } }).subscribe({
        next: (e) => e.type !== 'event' && seen.push(e.type),
        error: resolve,
      }),
    );
    await started;
    controller.abort();
    const error = await outcome;
    expect((error as Error).name).toBe('AbortError');
    expect(state.toolSignal?.aborted).toBe(true);
    expect(seen).not.toContain('turn.finished');
    await posts()[0]!.ended;
    expect(posts()).toHaveLength(1);
  });

  it("the client's own signal ends the loop while a tool runs too (the tool's signal aborts), with its reason", async () => {
    const { state, started, tools } = hangingTools();
    const controller = new AbortController();
    const client = ctx.clientWith({ signal: controller.signal });
    expect(client.signal).toBe(controller.signal);
    const outcome = new Promise<unknown>((resolve) =>
      runResponsesTools(client, { model: 'gpt-4o', input }, { tools }).subscribe({ error: resolve }),
    );
    await started;
    const reason = new Error('the app went away');
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    expect(state.toolSignal?.aborted).toBe(true);
  });

  it('is cold: each subscription runs the loop again', async () => {
    const loop$ = runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Hi' }, { tools: parallelTools().tools });
    expect(posts()).toHaveLength(0);
    const [a, b] = await Promise.all([lastValueFrom(loop$.pipe(toolLoopResult())), lastValueFrom(loop$.pipe(toolLoopResult()))]);
    expect(a.final.output_text).toBe('You said: Hi');
    expect(b.final.id).not.toBe(a.final.id);
    expect(posts()).toHaveLength(2);
  });

  describe('a tool_choice that forces a function', () => {
    const forced = { type: 'function', name: 'get_weather' } as const;
    const isForced = (request: { body: Readonly<Record<string, unknown>> }) => typeof request.body['tool_choice'] === 'object';
    const ran: string[] = [];
    const weather = zodTool({ name: 'get_weather', parameters: City, execute: ({ city }) => (ran.push(city), `sunny in ${city}`) });
    /** Every forced request gets a call of the function, as the API makes the model call it: `args` in turn, the last one from then on. */
    const script = (args: ReadonlyArray<Record<string, unknown>>) => {
      ran.length = 0;
      ctx.emulator.clearScriptedAnswers();
      for (const [i, call] of args.entries()) {
        const times = i === args.length - 1 ? 20 : 1;
        ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: call }] }, { times, match: { api: 'responses', when: isForced } });
      }
    };
    afterEach(() => ctx.emulator.clearScriptedAnswers());

    it('ends the loop once that function ran (reason tool_choice) instead of making the model call it again up to maxSteps', async () => {
      script([{ city: 'Oslo' }]);
      const result = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Weather in Oslo?', tool_choice: forced }, { tools: [weather] }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'tool_choice', steps: 1 });
      expect(ran).toEqual(['Oslo']);
      expect(posts()).toHaveLength(1);
      expect(result.history.at(-1)).toMatchObject({ type: 'function_call_output', output: 'sunny in Oslo' });
    });

    it('goes on while the arguments are invalid (the error is sent to the model, made to call again)', async () => {
      script([{ town: 'Oslo' }, { city: 'Oslo' }]);
      const result = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Weather in Oslo?', tool_choice: forced }, { tools: [weather] }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'tool_choice', steps: 2 });
      expect(ran).toEqual(['Oslo']);
      expect(posts()).toHaveLength(2);
      expect(posts()[1]!.body).toMatchObject({ tool_choice: forced });
    });

    it("the SDK's ResponsesToolRunner refuses a forced function (and 'required' over function tools) before sending anything", async () => {
      // In a node process of its own, as the runner's other test here (it checks that values are of its realm).
      const start = responsesPosts().length;
      const script = `
        const OpenAI = require('openai').default;
        const { ResponsesToolRunner } = require('openai/helpers/responses-tool-runner');
        const tool = { type: 'function', name: 'get_weather', strict: true,
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } };
        const runner = new ResponsesToolRunner({ functions: [{ tool, execute: async ({ city }) => 'sunny in ' + city }] });
        const client = new OpenAI({ apiKey: 'test', baseURL: process.argv[1], maxRetries: 0 });
        const run = (tool_choice) => runner.run(client, { model: 'gpt-4o', input: 'Weather in Oslo?', tools: [], tool_choice })
          .then((response) => response.status, (error) => error.constructor.name + ': ' + error.message);
        Promise.all([run({ type: 'function', name: 'get_weather' }), run('required')]).then((outcomes) => process.stdout.write(JSON.stringify(outcomes)));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, ctx.emulator.url]);
      const refused = 'TypeError: ResponsesToolRunner cannot finish when tool_choice always requires a local tool. Use auto or responses.create for a single forced request.';
      expect(JSON.parse(stdout)).toEqual([refused, refused]);
      expect(responsesPosts()).toHaveLength(start);
    });

    it("tool_choice 'required' forces no one function: the loop goes on to maxSteps", async () => {
      ctx.emulator.clearScriptedAnswers();
      ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }, { times: 20, match: { api: 'responses' } });
      const result = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Weather in Oslo?', tool_choice: 'required' }, { tools: [weather], maxSteps: 3, onMaxSteps: 'stop' }).pipe(toolLoopResult()),
      );
      expect(result).toMatchObject({ reason: 'max_steps', steps: 3 });
    });
  });

  describe('a turn cut by max_output_tokens (status incomplete)', () => {
    const { executed, tool: lookup } = recordingLookup('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen');
    beforeEach(() => (executed.length = 0));
    /** Runs the loop to its error, keeping what it emitted before. */
    async function failing(input: string) {
      const events: ResponsesToolLoopEvent[] = [];
      const loop$ = runResponsesTools(ctx.client, { model: 'gpt-4o', input, max_output_tokens: 16 }, { tools: [lookup] });
      const error = await lastValueFrom(loop$.pipe(tap((e) => events.push(e)))).catch((e: unknown) => e);
      return { events, error: error as ToolLoopIncompleteError };
    }

    it('fails with ToolLoopIncompleteError after the first request: its cut call is not run, no second request', async () => {
      const { events, error } = await failing('Use lookup with query "the population of every city in Norway and Sweden please"');
      expect(error).toBeInstanceOf(ToolLoopIncompleteError);
      expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
      const cut = '{"query":"the population of every city in Norway and Sweden please';
      expect(error).toMatchObject({ step: 0, finishReason: 'max_output_tokens', text: cut });
      expect(error.message).toMatch(
        /step 0 did not finish \(max_output_tokens\): its 1 tool call was not run and no further request was made/,
      );
      expect(error.final).toMatchObject({ status: 'incomplete', output: [{ type: 'function_call', name: 'lookup', arguments: cut }] });
      expect(executed).toEqual([]);
      expect(posts()).toHaveLength(1);
      // The turn's events were delivered, its response.incomplete last; no tool call started, no turn.finished.
      const types = events.map((e) => (e.type === 'event' ? e.event.type : e.type));
      expect(types[0]).toBe('turn.started');
      expect(types.at(-1)).toBe('response.incomplete');
      expect(events.slice(1).every((e) => e.type === 'event')).toBe(true);
    });

    it('a cut answer without calls fails too (step 1 here: after a full call), never a loop.finished', async () => {
      const { events, error } = await failing('Use lookup with query "x"');
      expect(error).toBeInstanceOf(ToolLoopIncompleteError);
      const answer = 'lookup returned: one two three four five six seven eight nine ten eleven twelve thirteen';
      expect(error).toMatchObject({ step: 1, finishReason: 'max_output_tokens', text: answer });
      expect(error.message).toMatch(/step 1 did not finish \(max_output_tokens\): its answer is incomplete/);
      expect((error.final as Response & { output_text: string }).output_text).toBe(answer);
      expect(executed).toEqual(['x']);
      expect(posts()).toHaveLength(2);
      expect(events.map((e) => e.type)).toContain('turn.finished'); // of step 0
      expect(events.map((e) => e.type)).not.toContain('loop.finished');
    });
  });

  it("tells the model of a tool's failure in at most 1,000 characters, credentials masked; the outcome keeps the error", async () => {
    const secret = new Error(`upstream refused token sk-proj-ABCDEFGHIJKLMNOP1234: ${'x'.repeat(5000)}`);
    const failing = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: () => Promise.reject(secret) });
    const time = zodTool({ name: 'get_time', parameters: z.object({ zone: z.string().nullable() }), execute: () => '12:00' });
    const events = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: [failing, time] }).pipe(toArray()));
    const outcome = events.flatMap((e) => (e.type === 'tool_call.finished' && e.outcome.call.name === 'get_weather' ? [e.outcome] : []))[0]!;
    expect(outcome.status).toBe('error');
    expect(outcome.status === 'error' && outcome.error).toBe(secret);
    expect(outcome.output).not.toContain('ABCDEFGHIJ');
    expect(outcome.output).toContain('sk-***1234');
    expect(outcome.output.length).toBeLessThan(1100);
    expect(JSON.stringify(posts()[1]!.body)).not.toContain('ABCDEFGHIJ');
  });

  it('refuses two tools of one name when called, before any request (the API would refuse them, and a call could not tell which to run)', () => {
    const first = zodTool({ name: 'lookup', parameters: z.object({ q: z.string() }), execute: () => 'a' });
    const second = jsonSchemaTool({ name: 'lookup', parameters: { type: 'object' }, execute: () => 'b' });
    const before = posts().length;
    expect(() => runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: [first, second] })).toThrow(ToolLoopDefinitionError);
    expect(() => runChatTools(ctx.client, { model: 'gpt-4o', messages: [] }, { tools: [first, second] })).toThrow('Two tools are named "lookup"');
    const error = (() => {
      try {
        runChatTools(ctx.client, { model: 'gpt-4o', messages: [] }, { tools: [first, second] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ index: 1, toolName: 'lookup' });
    expect((error as Error).message).toMatch(/\(runChatTools: tools\[0\] and tools\[1\]\)/);
    expect(posts().length).toBe(before);
  });

  describe('a tool returning input content parts (text, image, file)', () => {
    const blocks = [
      { type: 'input_text' as const, text: 'chart:' },
      { type: 'input_image' as const, image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'input_file' as const, file_id: 'file-abc123' },
    ];
    const question = 'Use get_chart {"city":"Oslo"}';
    const outputsOf = (body: unknown) => (body as { input: Array<{ type: string; output: unknown }> }).input.filter((item) => item.type === 'function_call_output').map((item) => item.output);

    it('sends them as the function_call_output.output, as they are, as the SDK\'s ResponsesToolRunner does', async () => {
      const chart = zodTool({ name: 'get_chart', parameters: City, execute: async () => blocks });
      const events = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input: question }, { tools: [chart] }).pipe(toArray()));
      expect(outputsOf(posts()[1]!.body)).toEqual([blocks]);
      const outcome = events.flatMap((e) => (e.type === 'tool_call.finished' ? [e.outcome] : []))[0]!;
      expect(outcome).toMatchObject({ status: 'ok', result: blocks, output: blocks });
      expect(events.at(-1)).toMatchObject({ type: 'loop.finished', reason: 'no_calls' });

      // The SDK's runner on the same emulator, its function returning the same blocks. In a node process of its
      // own: the runner checks that values are plain objects of its realm, which jest's sandbox is not.
      const ours = outputsOf(posts()[1]!.body);
      const sdkStart = responsesPosts().length;
      const script = `
        const OpenAI = require('openai').default;
        const { ResponsesToolRunner } = require('openai/helpers/responses-tool-runner');
        const [url, input, blocks] = process.argv.slice(1);
        const tool = { type: 'function', name: 'get_chart', strict: true,
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } };
        const runner = new ResponsesToolRunner({ functions: [{ tool, execute: async () => JSON.parse(blocks) }] });
        runner.run(new OpenAI({ apiKey: 'test', baseURL: url, maxRetries: 0 }), { model: 'gpt-4o', input, tools: [] })
          .then((response) => process.stdout.write(response.status));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, ctx.emulator.url, question, JSON.stringify(blocks)]);
      expect(stdout).toBe('completed');
      expect(outputsOf(responsesPosts()[sdkStart + 1]!.body)).toEqual(ours);

      // Anything else stays JSON-stringified: an empty array, a part of another type, a value that is no object.
      for (const result of [[], [{ type: 'text', text: 'chat part' }], [{ type: 'input_text', text: 'a' }, 'b'], [blocks[0], null]]) {
        const start = posts().length;
        const tool = zodTool({ name: 'get_chart', parameters: City, execute: () => result });
        await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input: question }, { tools: [tool] }));
        expect(outputsOf(posts()[start + 1]!.body)).toEqual([JSON.stringify(result)]);
      }
    });
  });

  it('a JSON-schema tool is sent with its schema and strict: false (the Responses API takes a missing strict as true)', async () => {
    const parameters = { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' } }, required: ['city'] };
    const tool = jsonSchemaTool({ name: 'get_weather', parameters, execute: (args: { city: string }) => `sunny in ${args.city}` });
    const result = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use get_weather {"city":"Oslo"}' }, { tools: [tool] }).pipe(toolLoopResult()));
    expect(result.final.output_text).toBe('get_weather returned: sunny in Oslo');
    expect((posts()[0]!.body as { tools: unknown[] }).tools).toEqual([{ type: 'function', name: 'get_weather', parameters, strict: false }]);
    expect(result.final.tools).toEqual([expect.objectContaining({ name: 'get_weather', strict: false })]);
  });

  it('the result and ToolLoopMaxStepsError hold the tokens of every turn, summed with their details', async () => {
    const events = await lastValueFrom(runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: parallelTools().tools }).pipe(toArray()));
    const turns = events.flatMap((e) => (e.type === 'turn.finished' ? [e.turn.final.usage!] : []));
    expect(turns).toHaveLength(2);
    const sum = (key: 'input_tokens' | 'output_tokens' | 'total_tokens') => turns.reduce((n, usage) => n + usage[key], 0);
    const result = events.at(-1) as Extract<ResponsesToolLoopEvent, { type: 'loop.finished' }>;
    expect(result.usage).toEqual({
      input: sum('input_tokens'),
      output: sum('output_tokens'),
      total: sum('total_tokens'),
      inputDetails: { cached_tokens: 0 },
      outputDetails: { reasoning_tokens: 0 },
    });
    expect(result.usage!.output).toBeGreaterThan(0);

    const seen: ResponsesToolLoopEvent[] = [];
    const loop$ = runResponsesTools(ctx.client, { model: 'gpt-4o', input }, { tools: parallelTools().tools, maxSteps: 1 });
    const error = (await lastValueFrom(loop$.pipe(tap((e) => seen.push(e)))).catch((e: unknown) => e)) as ToolLoopMaxStepsError;
    expect(error).toBeInstanceOf(ToolLoopMaxStepsError);
    const only = seen.flatMap((e) => (e.type === 'turn.finished' ? [e.turn.final.usage!] : []));
    expect(only).toHaveLength(1);
    expect(error.usage).toMatchObject({ input: only[0]!.input_tokens, output: only[0]!.output_tokens, total: only[0]!.total_tokens });
  });
});

/**
 * A loop over one canned turn: a call to `lookup` (arguments `args`) whose stream ends with `last` (the terminal
 * event, made from the call's item); what the loop failed with, the event types it emitted, the requests sent and
 * whether the tool ran.
 */
async function cannedTurn(args: string, last: (sequence_number: number) => ResponseStreamEvent) {
  const events = responseFunctionCallEvents([{ name: 'lookup', callId: 'call_1', deltas: [args] }]);
  events[events.length - 1] = last(events.length - 1);
  let requests = 0;
  const client: ResponsesToolsClient = { responses: { stream: () => (requests++, from(events)) } };
  const execute = jest.fn(() => 'never');
  const lookup = zodTool({ name: 'lookup', parameters: z.object({ query: z.string() }), execute });
  const seen: string[] = [];
  const error = await lastValueFrom(
    runResponsesTools(client, { model: 'gpt-4o', input: 'lookup' }, { tools: [lookup] }).pipe(tap((e) => seen.push(e.type))),
  ).catch((e: unknown) => e);
  return { error, seen, requests, ran: execute.mock.calls.length > 0, events };
}
const item = (fields: object) => ({ type: 'function_call', id: 'fc_0', call_id: 'call_1', name: 'lookup', ...fields });

// The emulator cannot filter content: a turn that ends `incomplete` for `content_filter`, from canned events.
describe('runResponsesTools on a turn cut by the content filter', () => {
  it('fails with ToolLoopIncompleteError (content_filter) without running the call or sending another request', async () => {
    const cut = item({ arguments: '{"query":"wea', status: 'incomplete' });
    const { error, seen, requests, ran, events } = await cannedTurn('{"query":"wea', (sequence_number) => ({
      type: 'response.incomplete',
      sequence_number,
      response: response('incomplete', [cut as never], { incomplete_details: { reason: 'content_filter' } }),
    }) as ResponseStreamEvent);
    expect(error).toBeInstanceOf(ToolLoopIncompleteError);
    expect(error).toMatchObject({
      step: 0,
      finishReason: 'content_filter',
      text: '{"query":"wea',
      final: { id: 'resp_1', status: 'incomplete' },
    });
    expect({ ran, requests }).toEqual({ ran: false, requests: 1 });
    expect(seen).toEqual(['turn.started', ...events.map(() => 'event')]);
  });
});

// A compatible server's function call without what the loop needs to run and answer it, from canned events.
describe('runResponsesTools on a function call without its call_id, name or arguments', () => {
  it.each([
    ['call_id absent', { call_id: undefined }, 'callId'],
    ['call_id null', { call_id: null }, 'callId'],
    ['name null', { name: null }, 'name'],
    ['arguments absent', { arguments: undefined }, 'arguments'],
  ])('%s: StreamParseError naming the field, no tool runs, no next request', async (_name, change, field) => {
    const broken = JSON.parse(JSON.stringify(item({ arguments: '{"query":"x"}', status: 'completed', ...change }))) as never;
    const { error, seen, requests, ran, events } = await cannedTurn('{"query":"x"}', (sequence_number) => ({
      type: 'response.completed',
      sequence_number,
      response: response('completed', [broken]),
    }) as ResponseStreamEvent);
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error).toMatchObject({ path: field });
    expect((error as Error).message).toMatch(new RegExp(`^A tool call the loop can neither run nor answer \\(its id, name or arguments are missing\\) at ${field}: \\{"type":"function"`));
    expect({ ran, requests }).toEqual({ ran: false, requests: 1 });
    // Every event of the turn came first.
    expect(seen).toEqual(['turn.started', ...events.map(() => 'event')]);
  });
});

// Calls of tools the app runs itself (a shell, a computer, a patch, an MCP approval), beside the loop's own, from
// canned turns: the next request would have to answer them too, so the loop stops after running its own.
describe('runResponsesTools on a turn with calls the app answers', () => {
  const fn = { type: 'function_call', id: 'fc_1', call_id: 'call_fn', name: 'lookup', arguments: '{"query":"Oslo"}', status: 'completed' };
  const shell = { type: 'shell_call', id: 'sh_1', call_id: 'call_shell', status: 'completed', action: { commands: ['ls'], timeout_ms: null, max_output_length: null } };
  const computer = { type: 'computer_call', id: 'cu_1', call_id: 'call_cu', status: 'completed', action: { type: 'screenshot' }, pending_safety_checks: [] };
  const approval = { type: 'mcp_approval_request', id: 'mcpr_1', server_label: 'docs', name: 'search', arguments: '{}' };
  // Answered in the output itself: a server-side tool search (its output has the call's id), a hosted web search (no call_id).
  const searched = [
    { type: 'tool_search_call', id: 'ts_1', call_id: 'call_ts', execution: 'server', arguments: {}, status: 'completed' },
    { type: 'tool_search_output', id: 'tso_1', call_id: 'call_ts', execution: 'server', tools: [], status: 'completed' },
    { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'Oslo' } },
  ];
  const answer = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] };

  /** A loop whose first turn's output is `output`, its second an answer: what it sent, ran and ended with. */
  async function loop(output: readonly object[]) {
    const turn = (items: readonly object[], id: string) => [
      { type: 'response.created', sequence_number: 0, response: response('in_progress', [], { id }) },
      { type: 'response.completed', sequence_number: 1, response: response('completed', items as never, { id }) },
    ] as ResponseStreamEvent[];
    const requests: unknown[] = [];
    const client: ResponsesToolsClient = {
      responses: { stream: (params) => (requests.push(params), from(requests.length === 1 ? turn(output, 'resp_1') : turn([answer], 'resp_2'))) },
    };
    const execute = jest.fn(() => 'sunny');
    const lookup = zodTool({ name: 'lookup', parameters: z.object({ query: z.string() }), execute });
    const result = await lastValueFrom(runResponsesTools(client, { model: 'gpt-5.1', input: 'x', tools: [{ type: 'shell' }] }, { tools: [lookup] }).pipe(toolLoopResult()));
    return { result, requests: requests.length, ran: execute.mock.calls.length };
  }

  it.each([
    ['a shell call beside a function call', [fn, shell]],
    ['a computer call beside a function call', [fn, computer]],
    ['an MCP approval request beside a function call', [fn, approval]],
  ])('%s: the function runs, its output ends the history, nothing more is sent (unanswered_calls)', async (_name, output) => {
    const { result, requests, ran } = await loop(output);
    expect({ requests, ran, reason: result.reason, steps: result.steps }).toEqual({ requests: 1, ran: 1, reason: 'unanswered_calls', steps: 1 });
    expect(result.final.id).toBe('resp_1');
    expect(result.history.at(-1)).toEqual({ type: 'function_call_output', call_id: 'call_fn', output: 'sunny' });
  });

  it('only calls the app answers: unanswered_calls (was no_calls, as if the loop were done)', async () => {
    const { result, requests, ran } = await loop([shell]);
    expect({ requests, ran, reason: result.reason }).toEqual({ requests: 1, ran: 0, reason: 'unanswered_calls' });
  });

  it("a call through a namespace tool (crm.lookup) does not run the loop's tool of the bare name: answered as an unknown tool", async () => {
    const namespaced = { ...fn, namespace: 'crm' };
    const { result, requests, ran } = await loop([namespaced]);
    expect({ requests, ran }).toEqual({ requests: 2, ran: 0 });
    const output = result.history.find((item) => item.type === 'function_call_output') as { call_id: string; output: string } | undefined;
    expect(output?.call_id).toBe('call_fn');
    expect(output?.output).toMatch(/^Error: .*crm\.lookup/);
  });

  it('calls the server answered in the same output (a tool search, a web search) do not stop the loop', async () => {
    const { result, requests, ran } = await loop([...searched, fn]);
    expect({ requests, ran, reason: result.reason }).toEqual({ requests: 2, ran: 1, reason: 'no_calls' });
  });
});

// A forced tool_choice against turns the emulator does not give: several calls of the forced function in one
// turn, and tool_choice shapes that name a function without forcing it.
describe('runResponsesTools with a forced function, on canned turns', () => {
  const call = (i: number, args: string) => ({ type: 'function_call', id: `fc_${i}`, call_id: `call_${i}`, name: 'get_weather', arguments: args, status: 'completed' });
  const answer = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] };
  /** A client whose turn n (from 1) has the output `outputs(n)`, and the requests it was sent. */
  function canned(outputs: (turn: number) => readonly object[]) {
    const requests: ResponseCreateParams[] = [];
    const client: ResponsesToolsClient = {
      responses: {
        stream: (params) => {
          requests.push(params);
          const id = `resp_${requests.length}`;
          return from([
            { type: 'response.created', sequence_number: 0, response: response('in_progress', [], { id }) },
            { type: 'response.completed', sequence_number: 1, response: response('completed', outputs(requests.length) as never, { id }) },
          ] as ResponseStreamEvent[]);
        },
      },
    };
    return { client, requests };
  }
  const forced = { type: 'function', name: 'get_weather' } as const;
  const weather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `sunny in ${city}` });
  const run = (client: ResponsesToolsClient, tool_choice: unknown, options: Partial<Parameters<typeof runResponsesTools>[2]> = {}) =>
    lastValueFrom(runResponsesTools(client, { model: 'gpt-4o', input: 'Weather?', tool_choice: tool_choice as never }, { tools: [weather], ...options }).pipe(toolLoopResult()));

  it('two calls in one turn, one valid and one not: both answered, the loop ends (tool_choice); two invalid ones: it goes on', async () => {
    const one = canned(() => [call(1, '{"city":"Oslo"}'), call(2, '{"town":"Oslo"}')]);
    const ended = await run(one.client, forced);
    expect({ reason: ended.reason, steps: ended.steps, requests: one.requests.length }).toEqual({ reason: 'tool_choice', steps: 1, requests: 1 });
    expect(ended.history.filter((item) => item.type === 'function_call_output').map((item) => (item as { output: string }).output)).toEqual([
      'sunny in Oslo',
      expect.stringMatching(/^Error: /),
    ]);
    const both = canned((turn) => (turn === 1 ? [call(1, '{"town":"Oslo"}'), call(2, 'not json')] : [call(3, '{"city":"Oslo"}')]));
    expect(await run(both.client, forced)).toMatchObject({ reason: 'tool_choice', steps: 2 });
  });

  it('stopWhen comes first (stop_when); with maxSteps 1 the forced function that ran ends it (tool_choice), one that did not reaches maxSteps', async () => {
    const { client } = canned(() => [call(1, '{"city":"Oslo"}')]);
    expect(await run(client, forced, { stopWhen: () => true })).toMatchObject({ reason: 'stop_when', steps: 1 });
    expect(await run(client, forced, { maxSteps: 1 })).toMatchObject({ reason: 'tool_choice', steps: 1 });
    const invalid = canned(() => [call(1, '{"town":"Oslo"}')]);
    expect(await run(invalid.client, forced, { maxSteps: 1, onMaxSteps: 'stop' })).toMatchObject({ reason: 'max_steps', steps: 1 });
  });

  it('a call through a namespace tool of the forced bare name (crm.get_weather for get_weather) ends the loop, whether the loop runs it or not', async () => {
    const namespaced = (turn: number) => [{ ...call(turn, '{"city":"Oslo"}'), namespace: 'crm' }];
    const crmWeather = zodTool({ name: 'crm.get_weather', parameters: z.object({ city: z.string() }), execute: ({ city }) => `crm: sunny in ${city}` });
    const ran = canned(namespaced);
    const ended = await run(ran.client, forced, { tools: [crmWeather] });
    expect({ reason: ended.reason, steps: ended.steps, requests: ran.requests.length }).toEqual({ reason: 'tool_choice', steps: 1, requests: 1 });
    expect(ended.history.at(-1)).toEqual({ type: 'function_call_output', call_id: 'call_1', output: 'crm: sunny in Oslo' });
    // Without a tool of the qualified name, the call is answered as unknown: the model, made to call it again, would
    // get the same answer up to maxSteps.
    const unknown = canned(namespaced);
    expect(await run(unknown.client, forced)).toMatchObject({ reason: 'tool_choice', steps: 1 });
    expect(unknown.requests).toHaveLength(1);
    // A call of another namespace's function of another name is no forced call.
    const other = canned((turn) => (turn < 3 ? [{ ...call(turn, '{"city":"Oslo"}'), name: 'get_weather_now', namespace: 'crm' }] : [answer]));
    expect(await run(other.client, forced)).toMatchObject({ reason: 'no_calls', steps: 3 });
  });

  it.each([
    ['allowed_tools', { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'get_weather' }] }],
    ['a custom tool', { type: 'custom', name: 'get_weather' }],
    ['a function without a name', { type: 'function' }],
  ])('a tool_choice of %s forces no function: the loop goes on until a turn has no calls', async (_name, toolChoice) => {
    const { client, requests } = canned((turn) => (turn < 3 ? [call(turn, '{"city":"Oslo"}')] : [answer]));
    expect(await run(client, toolChoice)).toMatchObject({ reason: 'no_calls', steps: 3 });
    expect(requests[2]!.tool_choice).toEqual(toolChoice);
  });
});

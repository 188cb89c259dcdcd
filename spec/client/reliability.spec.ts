import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, from, lastValueFrom, toArray, VirtualTimeScheduler } from 'rxjs';
import {
  AssistantStreamError,
  type AssistantStreamEvent,
  createAssistantsClient,
  createClient,
  finalMessages,
  finalRun,
  finalRunSteps,
  handleEvents,
  IncompleteStreamError,
  InternalServerError,
  RateLimitError,
  type Run,
  StreamBufferOverflowError,
  StreamParseError,
  type StreamRecoveryInfo,
  StreamTimeoutError,
  toolCallDeltas,
} from '../../src/index';
import type { Fault } from '../../src/testing/index';
import { useEmulator, weatherTool } from '../helpers/emulator';
import { until } from '../helpers/until';
import { WatchedScheduler } from '../helpers/watched-scheduler';
import { sse } from '../responses/stream';

const ctx = useEmulator();

let assistantId = '';
let toolAssistantId = '';
let codeAssistantId = '';
beforeAll(async () => {
  assistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }))).id;
  toolAssistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o', tools: [weatherTool] }))).id;
  codeAssistantId = (await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o', tools: [{ type: 'code_interpreter' }] }))).id;
});

async function thread(content = 'Tell me something nice about the sea, please') {
  return (await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content }] }))).id;
}

/** Streams a run with `fault` injected on its POST; returns everything the user would see. */
async function streamWith(fault: Fault | undefined, options: Parameters<typeof ctx.client.threads.runs.stream>[2] = {}, assistant = assistantId) {
  if (fault) ctx.emulator.inject(fault, { match: { method: 'POST', path: /\/runs$/ } });
  const threadId = await thread(
    assistant === toolAssistantId ? 'call get_weather for Lyon' : assistant === codeAssistantId ? 'calculate 1234 * 5678 + 90, please' : undefined,
  );
  const runsBefore = ctx.emulator.counters.runsCreated;
  const recoveries: StreamRecoveryInfo[] = [];
  const events: AssistantStreamEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    ctx.client.threads.runs
      .stream(threadId, { assistant_id: assistant }, { onRecover: (info) => recoveries.push(info), ...options })
      .subscribe({ next: (e) => events.push(e), error: resolve, complete: () => resolve(undefined) }),
  );
  await ctx.emulator.idle();
  return { threadId, events, error, recoveries, runsCreated: ctx.emulator.counters.runsCreated - runsBefore };
}

/** The run's messages as the server has them. */
async function serverTexts(threadId: string) {
  const all = await lastValueFrom(ctx.client.threads.messages.listAll(threadId, { order: 'asc' }).pipe(toArray()));
  return all.filter((m) => m.role === 'assistant').map((m) => m.content.map((b) => (b.type === 'text' ? b.text.value : '')).join(''));
}

const textOf = (events: AssistantStreamEvent[]) =>
  events.flatMap((e) => (e.event === 'thread.message.delta' ? (e.data.delta.content ?? []) : [])).map((c) => (c.type === 'text' ? c.text?.value ?? '' : '')).join('');

describe('timeouts', () => {
  it('an idle stream fails with StreamTimeoutError("idle") naming the last event, and the request is aborted', async () => {
    const out = await streamWith({ kind: 'stall', afterEvents: 4 }, { idleTimeout: 150, recoverStreams: false });
    expect(out.error).toBeInstanceOf(StreamTimeoutError);
    expect(out.error).toMatchObject({ kind: 'idle', timeoutMs: 150, lastEventName: out.events[3]!.event });
    const record = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs')).at(-1)!;
    expect((await record.ended).clientClosed).toBe(true);
  });

  it('the idle timeout runs on the client’s scheduler: a virtual minute passes at once, over real HTTP', async () => {
    const scheduler = new VirtualTimeScheduler();
    ctx.emulator.inject({ kind: 'stall', afterEvents: 4 }, { match: { method: 'POST', path: /\/runs$/ } });
    const threadId = await thread();
    const events: AssistantStreamEvent[] = [];
    let error: unknown;
    let fourReceived!: () => void;
    const four = new Promise<void>((resolve) => (fourReceived = resolve));
    // The client's option (`createClient({ scheduler })`), not a per-call one.
    const client = ctx.clientWith({ scheduler, idleTimeout: 60_000 });
    const subscription = client.threads.runs
      .stream(threadId, { assistant_id: assistantId }, { recoverStreams: false })
      .subscribe({ next: (e) => events.push(e) === 4 && fourReceived(), error: (e: unknown) => (error = e) });
    await four;
    // The stream is stalled; nothing fails until the scheduler's clock moves (what runs on promises and the
    // event loop's next turn has run by now).
    await new Promise((resolve) => setImmediate(resolve));
    expect(error).toBeUndefined();
    scheduler.flush();
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ kind: 'idle', timeoutMs: 60_000, lastEventName: events[3]!.event });
    expect(scheduler.frame).toBe(60_000);
    expect(subscription.closed).toBe(true);
    await ctx.emulator.idle();
  });

  it('keep-alive comments do not reset the idle timeout', async () => {
    const out = await streamWith({ kind: 'keepAliveOnly', afterEvents: 3, everyMs: 20 }, { idleTimeout: 150, recoverStreams: false });
    expect(out.error).toBeInstanceOf(StreamTimeoutError);
    expect((out.error as StreamTimeoutError).kind).toBe('idle');
  });

  it('the API\'s keepalive events do reset it: a Responses stream that works for longer than the idle timeout completes', async () => {
    // On the client's virtual clock: a keepalive every 600 ms against an idle timeout of 1 s, 1.8 s in all. Each
    // keepalive comes (over real HTTP) before the clock moves on; without the reset, the stream fails at 1 s.
    const response = { id: 'resp_k', object: 'response', status: 'in_progress', output: [] };
    let open: import('node:http').ServerResponse | undefined;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse([{ type: 'response.created', sequence_number: 0, response }]));
      open = res;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const scheduler = new WatchedScheduler();
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const client = createClient({ apiKey: 'k', baseURL, idleTimeout: 1000, maxRetries: 0, recoverStreams: false, scheduler });
      const types: string[] = [];
      let failed: unknown;
      const done = new Promise<void>((resolve) =>
        client.responses.stream({ model: 'gpt-4o', input: 'Think' }).subscribe({
          next: (e) => types.push(e.type as string),
          error: (e: unknown) => ((failed = e), resolve()),
          complete: resolve,
        }),
      );
      await until(() => types.length === 1, { what: 'the first event' });
      for (let n = 1; n <= 3; n++) {
        open!.write(sse([{ type: 'keepalive', sequence_number: n }]));
        await until(() => types.length === n + 1, { what: `keepalive ${n}` });
        scheduler.advanceTo(600 * n);
        expect(failed).toBeUndefined();
      }
      open!.end(sse([{ type: 'response.completed', sequence_number: 4, response: { ...response, status: 'completed' } }]));
      await done;
      expect(failed).toBeUndefined();
      expect(types.filter((t) => t === 'keepalive')).toHaveLength(3);
      expect(types.at(-1)).toBe('response.completed');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a stream with no first event fails with StreamTimeoutError("first-event")', async () => {
    const out = await streamWith({ kind: 'stall', afterEvents: 0 }, { firstEventTimeout: 100, recoverStreams: false });
    expect(out.error).toMatchObject({ kind: 'first-event', timeoutMs: 100 });
  });

  it('with recovery, a stream with no first event adopts the run the server created', async () => {
    const out = await streamWith({ kind: 'stall', afterEvents: 0 }, { firstEventTimeout: 100 });
    expect(out.error).toBeUndefined();
    expect(out.recoveries).toHaveLength(1);
    expect(out.runsCreated).toBe(1);
    const [serverText] = await serverTexts(out.threadId);
    expect(textOf(out.events)).toBe(serverText);
  });

  it('no response headers in time fails with StreamTimeoutError("headers"), and onTimeout fires', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const client = createAssistantsClient({ apiKey: 'k', baseURL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`, timeout: 100, maxRetries: 0 });
    const calls: string[] = [];
    const error = await lastValueFrom(
      client.threads.runs.stream('thread_1', { assistant_id: 'asst_1' }).pipe(handleEvents({ onTimeout: () => calls.push('timeout'), onEnd: () => calls.push('end') })),
    ).catch((e: unknown) => e);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(error).toMatchObject({ kind: 'headers', timeoutMs: 100 });
    expect(calls).toEqual(['timeout', 'end']);
  });
});

describe('completion rules', () => {
  it('[DONE] completes at once even when the server holds the socket open, releasing it', async () => {
    const out = await streamWith({ kind: 'holdAfterDone' });
    expect(out.error).toBeUndefined();
    expect(out.events.at(-1)!.event).toBe('thread.run.completed');
    const record = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs')).at(-1)!;
    expect((await record.ended).clientClosed).toBe(true);
  });

  it.each([
    ['endEarly', { kind: 'endEarly', afterEvents: 9 }],
    ['endMidEvent', { kind: 'endMidEvent', afterEvents: 9 }],
    ['reset', { kind: 'reset', afterEvents: 9 }],
  ] as const)('a body cut by %s is IncompleteStreamError when recovery is off, never a completion', async (_name, fault) => {
    const out = await streamWith(fault, { recoverStreams: false });
    expect(out.error).toBeInstanceOf(IncompleteStreamError);
    expect(out.error).toMatchObject({ runId: out.events[0]!.data.id, receivedEvents: 9 });
    expect(out.events).toHaveLength(9);
  });
});

describe('lossless recovery', () => {
  it.each([
    ['endEarly', 'before the message', { kind: 'endEarly', afterEvents: 3 }],
    ['endEarly', 'mid-message', { kind: 'endEarly', afterEvents: 10 }],
    ['endMidEvent', 'mid-message', { kind: 'endMidEvent', afterEvents: 10 }],
    ['reset', 'mid-message', { kind: 'reset', afterEvents: 12 }],
    ['stall + idle timeout', 'mid-message', { kind: 'stall', afterEvents: 11 }],
    ['keep-alive only + idle timeout', 'mid-message', { kind: 'keepAliveOnly', afterEvents: 11, everyMs: 10 }],
  ] as const)('%s %s: the stream ends as the server has it, nothing lost, nothing twice', async (_fault, _where, fault) => {
    const out = await streamWith(fault, { idleTimeout: 200 });
    expect(out.error).toBeUndefined();
    expect(out.recoveries).toHaveLength(1);
    expect(out.runsCreated).toBe(1);
    const [serverText] = await serverTexts(out.threadId);
    expect(textOf(out.events)).toBe(serverText);
    const names = out.events.map((e) => e.event);
    for (const once of ['thread.run.created', 'thread.message.completed', 'thread.run.completed']) {
      expect(names.filter((n) => n === once)).toHaveLength(1);
    }
    expect(names.at(-1)).toBe('thread.run.completed');
    // The accumulated result equals the server's objects.
    const messages = await lastValueFrom(replay(out.events).pipe(finalMessages()));
    const server = await lastValueFrom(ctx.client.threads.messages.listAll(out.threadId, { order: 'asc' }).pipe(toArray()));
    expect(messages).toEqual(server.filter((m) => m.role === 'assistant'));
  });

  it('recovers a tool-calling run cut mid-arguments up to requires_action', async () => {
    const out = await streamWith({ kind: 'reset', afterEvents: 7 }, {}, toolAssistantId);
    expect(out.error).toBeUndefined();
    const run = await lastValueFrom(replay(out.events).pipe(finalRun()));
    expect(run.status).toBe('requires_action');
    expect(out.runsCreated).toBe(1);
  });
});

describe('recovery of tool calls', () => {
  const functionArguments = (steps: readonly { step_details: { type: string; tool_calls?: unknown[] } }[]) =>
    steps.flatMap((s) => (s.step_details.tool_calls ?? []) as { type: string; function?: { arguments: string } }[]).map((c) => c.function?.arguments);
  const serverSteps = async (threadId: string, runId: string) =>
    lastValueFrom(ctx.client.threads.runs.steps.listAll(runId, { thread_id: threadId, order: 'asc' }).pipe(toArray()));

  /**
   * Streams `assistant`'s run once uncut, then once cut (reset) after each of its step events, each one ending in
   * a single recovery; `check` gets each cut run's events, thread and final run.
   */
  async function forEachStepCut(assistant: string, minimumCuts: number, check: (out: { events: AssistantStreamEvent[]; threadId: string }, run: Run) => Promise<void>) {
    const uncut = await streamWith(undefined, {}, assistant);
    const cutPoints = uncut.events.map((e, i) => (e.event === 'thread.run.step.delta' || e.event === 'thread.run.step.created' ? i + 1 : -1)).filter((n) => n > 0);
    expect(cutPoints.length).toBeGreaterThan(minimumCuts);
    for (const afterEvents of cutPoints) {
      const out = await streamWith({ kind: 'reset', afterEvents }, {}, assistant);
      expect(out.error).toBeUndefined();
      expect(out.recoveries).toHaveLength(1);
      await check(out, await lastValueFrom(from(out.events).pipe(finalRun())));
    }
  }

  it('a run cut while its function arguments stream ends with the whole arguments, in the snapshot and the tool call deltas', async () => {
    await forEachStepCut(toolAssistantId, 2, async (out, run) => {
      expect(run.status).toBe('requires_action');
      const expected = functionArguments(await serverSteps(out.threadId, run.id));
      expect(expected.every((a) => typeof a === 'string' && a.length > 2)).toBe(true);
      expect(functionArguments(await lastValueFrom(from(out.events).pipe(finalRunSteps())))).toEqual(expected);
      const fragments = await lastValueFrom(from(out.events).pipe(toolCallDeltas(), toArray()));
      expect(fragments.map(({ delta }) => (delta.type === 'function' ? delta.function?.arguments ?? '' : '')).join('')).toBe(expected.join(''));
      expect(fragments.at(-1)?.snapshot).toMatchObject({ function: { arguments: expected.at(-1) } });
    });
  });

  it('a run cut while its code interpreter streams ends with the whole input and outputs, in the final steps and the tool call deltas', async () => {
    const codeInputs = (steps: readonly { step_details: { type: string; tool_calls?: unknown[] } }[]) =>
      steps.flatMap((s) => (s.step_details.tool_calls ?? []) as { code_interpreter?: { input: string } }[]).map((c) => c.code_interpreter?.input);
    await forEachStepCut(codeAssistantId, 4, async (out, run) => {
      expect(run.status).toBe('completed');
      const steps = await serverSteps(out.threadId, run.id);
      const expected = codeInputs(steps).filter((input) => input !== undefined);
      expect(expected).toEqual(['print(1234 * 5678 + 90)']);
      expect(codeInputs(await lastValueFrom(from(out.events).pipe(finalRunSteps()))).filter((input) => input !== undefined)).toEqual(expected);
      const fragments = await lastValueFrom(from(out.events).pipe(toolCallDeltas(), toArray()));
      expect(fragments.map(({ delta }) => (delta.type === 'code_interpreter' ? delta.code_interpreter?.input ?? '' : '')).join('')).toBe(expected[0]);
      const outputs = steps
        .flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []))
        .flatMap((c) => (c.type === 'code_interpreter' ? c.code_interpreter.outputs : []));
      expect(outputs).toEqual([{ type: 'logs', logs: '7006742' }]);
      expect(fragments.at(-1)?.snapshot).toMatchObject({ type: 'code_interpreter', code_interpreter: { input: expected[0], outputs } });
      // Every output once, as a delta.
      const deltaOutputs = fragments.flatMap(({ delta }) => (delta.type === 'code_interpreter' ? (delta.code_interpreter?.outputs ?? []) : []));
      expect(deltaOutputs).toEqual(outputs.map((output, index) => ({ index, ...output })));
      expect(textOf(out.events)).toBe((await serverTexts(out.threadId)).join(''));
    });
  });

  it('a cut submitToolOutputsStream repeats none of the steps and messages of the stream before it', async () => {
    for (const fault of [{ kind: 'reset', afterEvents: 0 }, { kind: 'endEarly', afterEvents: 1 }, { kind: 'endEarly', afterEvents: 3 }] as Fault[]) {
      const first = await streamWith(undefined, {}, toolAssistantId);
      const waiting = first.events.at(-1)!.data as { id: string; required_action: { submit_tool_outputs: { tool_calls: { id: string }[] } } };
      const callId = waiting.required_action.submit_tool_outputs.tool_calls[0]!.id;
      const earlierIds = new Set(first.events.map((e) => (e.data as { id?: string }).id).filter((id) => id !== waiting.id));
      ctx.emulator.inject(fault, { match: { method: 'POST', path: /submit_tool_outputs$/ } });
      const recoveries: StreamRecoveryInfo[] = [];
      const second = await lastValueFrom(
        ctx.client.threads.runs
          .submitToolOutputsStream(waiting.id, { thread_id: first.threadId, tool_outputs: [{ tool_call_id: callId, output: '-3C' }] }, { onRecover: (i) => recoveries.push(i) })
          .pipe(toArray()),
      );
      await ctx.emulator.idle();
      expect(recoveries).toHaveLength(1);
      // Of what the first stream delivered, only the tool step's completion may come again (it happens after the submission).
      const repeated = second.filter((e) => earlierIds.has((e.data as { id?: string }).id ?? '') && e.event !== 'thread.run.step.completed');
      expect(repeated.map((e) => e.event)).toEqual([]);
      const stepsCompleted = second.filter((e) => e.event === 'thread.run.step.completed').map((e) => (e.data as { id: string }).id);
      expect(new Set(stepsCompleted).size).toBe(stepsCompleted.length);
      const run = await lastValueFrom(from(second).pipe(finalRun()));
      expect(run.status).toBe('completed');
      // The answer written after the submission arrives whole.
      const texts = await serverTexts(first.threadId);
      expect(textOf(second)).toBe(texts.at(-1));
      expect(textOf(first.events) + textOf(second)).toBe(texts.join(''));
    }
  });
});

describe('retries', () => {
  it('retries 429 honouring retry-after-ms, and creates one run', async () => {
    const out = await streamWith({ kind: 'rateLimit', retryAfterMs: 60 });
    ctx.emulator.clearFaults();
    expect(out.error).toBeUndefined();
    expect(out.runsCreated).toBe(1);
    const posts = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs')).slice(-2);
    expect(posts[0]!.status).toBe(429);
    expect(posts[1]!.startedAt - posts[0]!.endedAt!).toBeGreaterThanOrEqual(55);
  });

  it("does not retry a 429 insufficient_quota (the account's quota, not a rate): RateLimitError at once, one request", async () => {
    const quota = { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' };
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 5, ...quota }, { match: { method: 'POST', path: /\/runs$/ }, times: 3 });
    const before = ctx.emulator.requests.length;
    const out = await streamWith(undefined, { maxRetries: 2 });
    ctx.emulator.clearFaults();
    expect(out.error).toBeInstanceOf(RateLimitError);
    expect(out.error).toMatchObject({ status: 429, code: 'insufficient_quota' });
    expect(ctx.emulator.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/runs'))).toHaveLength(1);
    expect(out.runsCreated).toBe(0);

    // A Responses stream alike; an `x-should-retry: true` the API sends over it is obeyed.
    const client = createClient({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 2 });
    const posts = () => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length;
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 5, ...quota }, { match: { method: 'POST', path: '/v1/responses' }, times: 1 });
    const first = posts();
    const refused = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(posts() - first).toBe(1);
    ctx.emulator.clearFaults();
    let asked = 0;
    const retried = createClient({
      apiKey: 'test',
      baseURL: ctx.emulator.url,
      maxRetries: 2,
      // The first request answered here (it never reaches the emulator), the retry by the emulator.
      fetch: async (input, init) => {
        if (asked++ > 0) return fetch(input, init);
        const body = JSON.stringify({ error: { ...quota, param: null } });
        return new Response(body, { status: 429, headers: { 'content-type': 'application/json', 'x-should-retry': 'true', 'retry-after-ms': '5' } });
      },
    });
    const answer = await lastValueFrom(retried.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(toArray()));
    expect(answer.at(-1)?.type).toBe('response.completed');
    expect(asked).toBe(2);
  });

  it('does not retry a 429 whose insufficient_quota is in its type alone (code null, as the API wrote it in 2023)', async () => {
    // `{"message":"You exceeded your current quota, ...","type":"insufficient_quota","param":null,"code":null}`
    // (chathub-dev/chathub#354, ChatGPTNextWeb/NextChat#1794); the API now writes the code too.
    const body = JSON.stringify({
      error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: null },
    });
    let asked = 0;
    const client = createClient({
      apiKey: 'test',
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 2,
      fetch: async () => {
        asked++;
        return new Response(body, { status: 429, headers: { 'content-type': 'application/json', 'retry-after-ms': '1' } });
      },
    });
    const refused = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'Hi' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ status: 429, type: 'insufficient_quota', code: null });
    expect(asked).toBe(1);
  });

  it('retries 5xx up to maxRetries, then fails with InternalServerError', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ }, times: 5 });
    const before = ctx.emulator.requests.length;
    const out = await streamWith(undefined, { maxRetries: 2 });
    expect(out.error).toBeInstanceOf(InternalServerError);
    expect(ctx.emulator.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/runs'))).toHaveLength(3);
    expect(out.runsCreated).toBe(0);
  });

  it('does not retry 400', async () => {
    const threadId = await thread();
    const before = ctx.emulator.requests.length;
    const error = await firstValueFrom(ctx.client.threads.runs.stream(threadId, { assistant_id: 'asst_missing_field' } as never, { maxRetries: 3 }).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeDefined();
    expect(ctx.emulator.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('never retries once events arrived: a cut stream is recovered, not re-created', async () => {
    const out = await streamWith({ kind: 'reset', afterEvents: 2 }, { maxRetries: 5 });
    expect(out.runsCreated).toBe(1);
    expect(ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs') && r.startedAt >= 0).at(-1)!.faults).toContain('reset');
  });
});

describe('fallback to non-streaming', () => {
  it('a proxy that buffers the stream and relabels it still yields the events, with one run', async () => {
    const out = await streamWith({ kind: 'bufferedProxy', response: 'wholeBody', contentType: 'application/json' });
    expect(out.error).toBeUndefined();
    expect(out.runsCreated).toBe(1);
    expect(out.events.at(-1)!.event).toBe('thread.run.completed');
  });

  it('a stream that cannot be established becomes create + poll with equivalent events', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ }, times: 3 });
    const fallbacks: unknown[] = [];
    const out = await streamWith(undefined, { fallbackToPolling: true, maxRetries: 2, onFallback: (info) => fallbacks.push(info.reason) });
    expect(out.error).toBeUndefined();
    expect(fallbacks).toHaveLength(1);
    expect(out.runsCreated).toBe(1);
    const names = out.events.map((e) => e.event);
    expect(names[0]).toBe('thread.run.created');
    expect(names.at(-1)).toBe('thread.run.completed');
    const [serverText] = await serverTexts(out.threadId);
    expect(textOf(out.events)).toBe(serverText);
    const messages = await lastValueFrom(replay(out.events).pipe(finalMessages()));
    expect(messages.map((m) => m.status)).toEqual(['completed']);
  });

  it('without the option, the failure is reported', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ }, times: 3 });
    const out = await streamWith(undefined, { maxRetries: 2 });
    expect(out.error).toBeInstanceOf(InternalServerError);
    expect(out.runsCreated).toBe(0);
  });

  it('a proxy that fails after the API created the run: the run is adopted, never created twice', async () => {
    ctx.emulator.inject({ kind: 'bufferedProxy', response: 'badGateway', retryAfterMs: 5 }, { match: { method: 'POST', path: /\/runs$/ }, times: 3 });
    const out = await streamWith(undefined, { fallbackToPolling: true, maxRetries: 2 });
    expect(out.error).toBeUndefined();
    expect(out.runsCreated).toBe(1);
    expect(out.recoveries).toHaveLength(1);
    const [serverText] = await serverTexts(out.threadId);
    expect(textOf(out.events)).toBe(serverText);
    expect(out.events.at(-1)!.event).toBe('thread.run.completed');
  });
});

describe('bad input over the wire', () => {
  it('an error event fails with AssistantStreamError', async () => {
    const out = await streamWith({ kind: 'errorEvent', afterEvents: 5 });
    expect(out.error).toBeInstanceOf(AssistantStreamError);
    expect(out.events).toHaveLength(5);
  });

  it('broken JSON fails with StreamParseError naming the event', async () => {
    const out = await streamWith({ kind: 'brokenJson', afterEvents: 5 });
    expect(out.error).toBeInstanceOf(StreamParseError);
    expect((out.error as StreamParseError).eventName).toMatch(/^thread\./);
    expect(out.events).toHaveLength(5);
  });

  it('a 48 MiB line fails fast with StreamBufferOverflowError, in bounded memory', async () => {
    // Bounded memory, without measuring the heap (no memory margins in unit tests): the line is dropped at the
    // 16 MiB limit and the request aborted, so the other 32 MiB are never read; the error keeps an excerpt only.
    const out = await streamWith({ kind: 'longLine', afterEvents: 4, bytes: 48 * 1024 * 1024, chunkBytes: 64 * 1024 });
    expect(out.error).toBeInstanceOf(StreamBufferOverflowError);
    expect(out.events).toHaveLength(4);
    expect((out.error as StreamBufferOverflowError).limit).toBe(16 * 2 ** 20);
    // Its first 200 characters and the length of what was read ('xxx… (65529 chars)'), however the line was split.
    expect((out.error as StreamBufferOverflowError).excerpt).toMatch(/^x{1,200}(… \(\d+ chars\))?$/);
    const record = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runs')).at(-1)!;
    expect(await record.ended).toMatchObject({ clientClosed: true, outcome: 'client-closed' });
  });
});

/** The events again, as a fresh cold stream. */
function replay(events: AssistantStreamEvent[]) {
  return from(events);
}

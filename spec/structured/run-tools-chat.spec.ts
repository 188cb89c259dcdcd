import { lastValueFrom, Observable, tap, toArray } from 'rxjs';
import { z } from 'zod';
import {
  type ChatCompletion,
  StructuredOutputIncompleteError,
  ToolLoopIncompleteError,
  ToolLoopMaxStepsError,
} from '../../src/index';
import { runChatTools, toolLoopResult, zodTool, type ChatToolLoopEvent } from '../../src/structured';
import { useEmulator } from '../helpers/emulator';
import { recordingLookup } from './streams';

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

  it('maxSteps: ToolLoopMaxStepsError after the last allowed turn', async () => {
    const error = await lastValueFrom(
      runChatTools(ctx.client, { model: 'gpt-4o', messages }, { tools: [getWeather, getTime], maxSteps: 1 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopMaxStepsError);
    expect((error as ToolLoopMaxStepsError).history).toHaveLength(4);
    expect(posts()).toHaveLength(1);
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
});

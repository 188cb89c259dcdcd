/**
 * Waits and adoptions at their edges: a run the Assistants fallback adopts when it has already completed (its text
 * and final event still come), a request deadline longer than a timer takes (the settle of a cut stored response
 * still waits), and a key function that never answers (bounded by the request deadline).
 */
import { firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { APIKeyProviderError, createAssistantsClient, createClient, textDeltas } from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing/index';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5 });
});
afterEach(() => {
  emulator.clearFaults();
  emulator.clearScriptedAnswers();
});
afterAll(() => emulator.close());

const textOf = async (events: readonly unknown[]) => (await lastValueFrom(from(events as never[]).pipe(textDeltas(), toArray()))).join('');

describe('the Assistants fallback adopting a run that has already completed', () => {
  const client = () => createAssistantsClient({ apiKey: 'test', baseURL: emulator.url, pollIntervalMs: 5, maxRetries: 1 });

  it('runs.stream: its text and its final event come, one run created', async () => {
    const c = client();
    const { id: assistant_id } = await firstValueFrom(c.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(c.threads.create({ messages: [{ role: 'user', content: 'Hello' }] }));
    const runs = { method: 'POST', path: /\/runs$/ } as const;
    const before = emulator.counters.runsCreated;
    // The stream's POST and its retry create nothing; the fallback's create is accepted, its answer lost, and the
    // run has completed by the time the retry finds it by its marker.
    emulator.inject({ kind: 'serverError', status: 503 }, { match: runs, times: 2 });
    emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 300 }, { match: runs, times: 1 });
    const events = await lastValueFrom(c.threads.runs.stream(thread.id, { assistant_id }, { fallbackToPolling: true }).pipe(toArray()));
    await emulator.idle();
    expect(emulator.counters.runsCreated - before).toBe(1);
    expect({ first: events[0]?.event, last: events.at(-1)?.event, text: await textOf(events) }).toEqual({
      first: 'thread.run.created',
      last: 'thread.run.completed',
      text: 'You said: Hello',
    });
  });

  it('submitToolOutputsStream: the answer after the outputs comes', async () => {
    const c = client();
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    const { id: assistant_id } = await firstValueFrom(c.assistants.create({ model: 'gpt-4o', tools } as never));
    const thread = await firstValueFrom(c.threads.create({ messages: [{ role: 'user', content: 'Weather in Oslo? Use get_weather' }] }));
    const run = await lastValueFrom(c.threads.runs.createAndPoll(thread.id, { assistant_id }));
    expect(run.status).toBe('requires_action');
    const calls = run.required_action!.submit_tool_outputs.tool_calls;
    emulator.scriptAnswer({ text: 'Sunny in Oslo.' }, { match: { api: 'assistants' } });
    const submit = { method: 'POST', path: /submit_tool_outputs$/ } as const;
    emulator.inject({ kind: 'serverError', status: 503 }, { match: submit, times: 2 });
    emulator.inject({ kind: 'badGatewayAfterAccept', retryAfterMs: 300 }, { match: submit, times: 1 });
    const outputs = { thread_id: thread.id, tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: 'sunny' })) };
    const events = await lastValueFrom(c.threads.runs.submitToolOutputsStream(run.id, outputs, { fallbackToPolling: true }).pipe(toArray()));
    const runEvents = events.map((e) => e.event).filter((name) => name.startsWith('thread.run.') && !name.includes('step'));
    expect({ runEvents, text: await textOf(events) }).toEqual({ runEvents: ['thread.run.completed'], text: 'Sunny in Oslo.' });
  });
});

describe('a request deadline longer than a timer takes (about 24.8 days)', () => {
  it('the cut stream of a stored response is still completed once the response settled', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 5, deltaMs: 5 } });
    try {
      paced.inject({ kind: 'endEarly', afterEvents: 3 }, { match: { method: 'POST', path: '/responses' } });
      const c = createClient({ apiKey: 'test', baseURL: paced.url, timeout: Number.MAX_SAFE_INTEGER });
      const text = await lastValueFrom(c.responses.stream({ model: 'gpt-4o', input: 'Hello' }, { pollIntervalMs: 5 }).pipe(textDeltas(), toArray())).then(
        (deltas) => deltas.join(''),
        (error: unknown) => String(error),
      );
      expect(text).toBe('You said: Hello');
    } finally {
      await paced.close();
    }
  });
});

describe('a key function that never answers', () => {
  it('fails the call with APIKeyProviderError once the request deadline passed; nothing is sent', async () => {
    const from = emulator.requests.length;
    const c = createClient({ baseURL: emulator.url, apiKey: () => new Promise<string>(() => undefined), timeout: 200, maxRetries: 0 });
    const error = await lastValueFrom(c.responses.create({ model: 'gpt-4o', input: 'Hi' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIKeyProviderError);
    expect((error as Error).message).toBe("The apiKey function gave no key within 200 ms (the request's timeout); the request was not sent (POST /responses)");
    expect(emulator.requests.length).toBe(from);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { faultHeader, startEmulator, type Emulator, type Fault } from '../../src/testing/index.js';
import { collapsedNames, observe, parseSse, type Block } from './helpers.js';

const HEADERS = { authorization: 'Bearer test', 'content-type': 'application/json' };

const recording: Block[] = parseSse(
  readFileSync(join(__dirname, '..', 'fixtures', 'responses', 'create-response.sse'), 'utf8'),
);

/** Whether `sub` is `list` with some items left out (same relative order). */
function isSubsequence(sub: readonly string[], list: readonly string[]): boolean {
  let at = 0;
  for (const item of list) if (item === sub[at]) at++;
  return at === sub.length;
}

/** The keys of an object and of its nested objects, in order. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keyPaths(inner, `${prefix}${key}.`)]);
}

describe('the emulator on the wire: Responses', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.clearFaults());

  function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init = { method: 'POST', headers: { ...HEADERS, ...headers }, body: JSON.stringify(body) };
    return fetch(`${emulator.url}/responses`, init);
  }

  it('every delta event ends with an obfuscation, as in the live recordings; none with stream_options.include_obfuscation: false', async () => {
    const live = parseSse(readFileSync(join(__dirname, '..', 'fixtures', 'responses-recorded', 'azure-text.sse'), 'utf8'));
    const liveDelta = JSON.parse(live.find((block) => block.event === 'response.output_text.delta')!.data);
    const deltasOf = async (extra: object) =>
      parseSse(await (await post({ model: 'gpt-4o', input: 'Hi', stream: true, ...extra })).text())
        .filter((block) => block.event!.endsWith('.delta'))
        .map((block) => JSON.parse(block.data));
    const ours = await deltasOf({});
    expect(ours.length).toBeGreaterThan(0);
    for (const delta of ours) {
      expect(Object.keys(delta)).toEqual(Object.keys(liveDelta));
      expect(delta.obfuscation).toMatch(/^\w+$/);
    }
    expect((await deltasOf({ stream_options: { include_obfuscation: false } })).some((delta) => 'obfuscation' in delta)).toBe(false);
  });

  it('a text stream has the events of the recording, in its order, with its keys in its order', async () => {
    const res = await post({ model: 'gpt-4o', instructions: 'You are a helpful assistant.', input: 'Hi', stream: true });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const blocks = parseSse(await res.text());

    expect(collapsedNames(blocks)).toEqual(collapsedNames(recording));
    blocks.forEach((block, at) => {
      const data = JSON.parse(block.data);
      expect([data.type, data.sequence_number]).toEqual([block.event, at]);
    });
    for (const recorded of recording) {
      const ours = blocks.find((block) => block.event === recorded.event)!;
      const [theirs, mine] = [keyPaths(JSON.parse(recorded.data)), keyPaths(JSON.parse(ours.data))];
      // Ours adds `sequence_number`, `logprobs` and `completed_at`, as the API does now; nothing is missing or moved.
      expect({ event: recorded.event, inOrder: isSubsequence(theirs, mine) }).toEqual({ event: recorded.event, inOrder: true });
    }
    const completed = JSON.parse(blocks.at(-1)!.data).response;
    expect(completed).toMatchObject({
      status: 'completed',
      instructions: 'You are a helpful assistant.',
      usage: { output_tokens: 4 },
    });
    expect(completed.completed_at).toEqual(expect.any(Number));
  });

  it('a non-streamed response is the object response.completed carries', async () => {
    const body = await (await post({ model: 'gpt-4o', input: 'Hi' })).json();
    const final = JSON.parse(recording.at(-1)!.data).response;
    expect(isSubsequence(Object.keys(final), Object.keys(body))).toBe(true);
    expect(body.output).toEqual([
      {
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'You said: Hi', annotations: [], logprobs: [] }],
      },
    ]);
  });

  it("the request's reasoning settings are echoed, null where not given", async () => {
    const asked = await (await post({ model: 'o4-mini', input: 'Hi', reasoning: { effort: 'low', summary: 'auto' } })).json();
    expect(asked.reasoning).toEqual({ effort: 'low', summary: 'auto' });
    expect((await (await post({ model: 'gpt-4o', input: 'Hi' })).json()).reasoning).toEqual({ effort: null, summary: null });
  });

  it('function tools are echoed in the normalized form; hosted tools are accepted as they are', async () => {
    const tools = [
      { type: 'function', name: 'lookup', parameters: { type: 'object', properties: {}, required: [], additionalProperties: false } },
      { type: 'web_search_preview' },
    ];
    const body = await (await post({ model: 'gpt-4o', input: 'lookup', tools })).json();
    expect(body.tools).toEqual([
      {
        type: 'function',
        description: null,
        name: 'lookup',
        parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
        strict: true,
      },
      { type: 'web_search_preview' },
    ]);
    expect(body.output[0]).toMatchObject({ type: 'function_call', name: 'lookup', arguments: '{}' });
  });

  describe('errors in the API shape', () => {
    it.each([
      [{ input: 'Hi' }, "Missing required parameter: 'model'.", 'model', 'missing_required_parameter'],
      [
        { model: 'gpt-4o', input: 42 },
        "Invalid type for 'input': expected a string or an array, but got an integer instead.",
        'input',
        'invalid_type',
      ],
      [
        { model: 'gpt-4o', input: 'Hi', max_output_tokens: 5 },
        "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 5 instead.",
        'max_output_tokens',
        'integer_below_min_value',
      ],
      [
        { model: 'gpt-4o', input: 'Hi', previous_response_id: 'resp_nothing' },
        "Previous response with id 'resp_nothing' not found.",
        'previous_response_id',
        'previous_response_not_found',
      ],
      [
        { model: 'gpt-4o', input: [{ type: 'function_call_output', call_id: 'call_x', output: '1' }] },
        'No tool call found for function call output with call_id call_x.',
        'input',
        null,
      ],
      [
        { model: 'gpt-4o', input: 'Hi', tools: [{ type: 'function', name: 'get weather', parameters: {}, strict: false }] },
        "Invalid 'tools[0].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'tools[0].name',
        'invalid_value',
      ],
      [
        { model: 'gpt-4o', input: 'Hi', tools: [{ type: 'function', name: 'f', parameters: {}, strict: false }], tool_choice: { type: 'function', name: 'g' } },
        "Invalid value for 'tool_choice': function 'g' is not one of the 'tools'.",
        'tool_choice',
        null,
      ],
      [
        { model: 'gpt-4o', input: 'Hi', temperature: 9 },
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 9 instead.",
        'temperature',
        'decimal_above_max_value',
      ],
      // A function call in the input that no output after it answers.
      [
        { model: 'gpt-4o', input: [{ type: 'function_call', call_id: 'call_y', name: 'f', arguments: '{}' }, { role: 'user', content: 'never mind' }] },
        'No tool output found for function call call_y.',
        'input',
        null,
      ],
    ])('400 for %j', async (body, message, param, code) => {
      const res = await post(body);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 400,
        body: { error: { message, type: 'invalid_request_error', param, code } },
      });
    });

    it("a response's function calls must be answered by the request that follows it: 400 for each one left out", async () => {
      const tools = [{ type: 'function', name: 'get_weather', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
      emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_weather', arguments: { city: 'Oslo' } }] });
      const first = await (await post({ model: 'gpt-4o', input: 'Weather?', tools })).json();
      const [a, b] = first.output.map((item: { call_id: string }) => item.call_id);
      const next = (input: unknown) => post({ model: 'gpt-4o', previous_response_id: first.id, input, tools });
      const none = await next('never mind');
      expect({ status: none.status, body: await none.json() }).toEqual({
        status: 400,
        body: { error: { message: `No tool output found for function call ${a}.`, type: 'invalid_request_error', param: 'input', code: null } },
      });
      const one = await next([{ type: 'function_call_output', call_id: a, output: 'Sunny' }]);
      expect((await one.json()).error.message).toBe(`No tool output found for function call ${b}.`);
      const both = await next([a, b].map((call_id) => ({ type: 'function_call_output', call_id, output: 'Sunny' })));
      expect(both.status).toBe(200);
    });

    it('the SDK raises BadRequestError, and AuthenticationError for a wrong key', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const bad = await client.responses.create({ input: 'Hi' } as never).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
      expect(bad).toMatchObject({ status: 400, param: 'model', code: 'missing_required_parameter' });

      const guarded = await startEmulator({ pacing: 0, apiKey: 'sk-right-key-1234' });
      try {
        const wrong = new OpenAI({ apiKey: 'sk-wrong-key-5678', baseURL: guarded.url, maxRetries: 0 });
        const failure = await wrong.responses.create({ model: 'gpt-4o', input: 'Hi' }).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
        expect(failure).toMatchObject({ status: 401, code: 'invalid_api_key' });
        expect(guarded.counters.responsesCreated).toBe(0);
      } finally {
        await guarded.close();
      }
    });
  });

  describe('faults', () => {
    it('reset after N events: the SDK stream throws after N events', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const stream = client.responses.stream(
        { model: 'gpt-4o', input: 'Tell me about faults' },
        { headers: faultHeader({ kind: 'reset', afterEvents: 5 }) },
      );
      const types: string[] = [];
      stream.on('event', (event) => types.push(event.type));
      const failure = await stream.finalResponse().catch((e: unknown) => e);
      expect(String((failure as Error).message)).toMatch(/terminated|reset|socket|closed/i);
      expect(types).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
      ]);
    });

    it('endEarly: finalResponse() resolves with the unfinished snapshot; brokenJson: the SDK throws', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, logLevel: 'off' });
      const cut = await client.responses
        .stream({ model: 'gpt-4o', input: 'Tell me about faults' }, { headers: faultHeader({ kind: 'endEarly', afterEvents: 6 }) })
        .finalResponse();
      expect(cut.status).toBe('in_progress');
      expect(cut.output_text).toBe('You said');

      const broken = await client.responses
        .stream({ model: 'gpt-4o', input: 'Hi' }, { headers: faultHeader({ kind: 'brokenJson', afterEvents: 3 }) })
        .finalResponse()
        .catch((e: unknown) => e);
      expect(broken).toBeInstanceOf(OpenAI.OpenAIError);
      expect(String((broken as Error).message)).toMatch(/JSON/);
    });

    it.each<[string, Fault, { ending: string; blocks: number }]>([
      ['stall', { kind: 'stall', afterEvents: 3 }, { ending: 'open', blocks: 3 }],
      ['endEarly', { kind: 'endEarly', afterEvents: 4 }, { ending: 'end', blocks: 4 }],
      ['errorEvent', { kind: 'errorEvent', afterEvents: 2 }, { ending: 'end', blocks: 3 }],
    ])('%s shapes the raw stream', async (_, fault, expected) => {
      const seen = await observe(emulator, '/responses', { model: 'gpt-4o', input: 'Hi', stream: true }, faultHeader(fault));
      const blocks = parseSse(seen.text);
      expect({ ending: seen.ending, blocks: blocks.length }).toEqual(expected);
      if (fault.kind === 'errorEvent') expect(blocks.at(-1)!.event).toBe('error');
    });

    it('an injected fault hits only its path, and rateLimit creates nothing', async () => {
      const before = emulator.counters.responsesCreated;
      emulator.inject({ kind: 'rateLimit', retryAfterMs: 1 }, { match: { method: 'POST', path: '/responses' } });
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const chat = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect(chat.choices[0]!.message.content).toBe('You said: Hi');
      const failure = await client.responses.create({ model: 'gpt-4o', input: 'Hi' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
      expect(emulator.counters.responsesCreated).toBe(before);
    });
  });
});

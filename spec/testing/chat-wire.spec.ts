import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { faultHeader, startEmulator, type Emulator, type Fault } from '../../src/testing/index.js';
import { observe, parseSse, type Block } from './helpers.js';

const HEADERS = { authorization: 'Bearer test', 'content-type': 'application/json' };

/** The blocks of a recorded stream (spec/fixtures/chat-completions/<name>.sse). */
function recording(name: string): Block[] {
  return parseSse(readFileSync(join(__dirname, '..', 'fixtures', 'chat-completions', `${name}.sse`), 'utf8'));
}

function chunks(blocks: readonly Block[]): any[] {
  return blocks.filter((block) => block.data !== '[DONE]').map((block) => JSON.parse(block.data));
}

/** The keys of an object and of its nested objects, in order (`choices.0.delta.role`, ...). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keyPaths(inner, `${prefix}${key}.`)]);
}

/** A chunk with its varying values (ids, times, model, fingerprint, texts) blanked: what is left is the shape. */
function shape(chunk: any): unknown {
  return JSON.parse(
    JSON.stringify(chunk, (key, value) => {
      if (key === 'created') return 0;
      if (['id', 'model', 'system_fingerprint', 'content', 'arguments', 'name', 'obfuscation'].includes(key)) {
        return typeof value === 'string' ? (value === '' ? '' : '<s>') : value;
      }
      if (key === 'usage' && value !== null) return '<usage>';
      return value;
    }),
  );
}

/**
 * Fields the live API added to every chunk after the published recordings (`spec/fixtures/chat-completions/`) were
 * made; the live recording of `spec/fixtures/chat-recorded/` has them.
 */
const LATER_FIELDS = ['service_tier', 'obfuscation'];

/** Same shape and the same keys in the same order (nested keys included); the later fields only if `recorded` has them. */
function expectLike(ours: unknown, recorded: unknown): void {
  const has = (key: string) => typeof recorded === 'object' && recorded !== null && key in recorded;
  const kept = Object.fromEntries(Object.entries(ours as object).filter(([key]) => !LATER_FIELDS.includes(key) || has(key)));
  expect(shape(kept)).toEqual(shape(recorded));
  expect(keyPaths(kept)).toEqual(keyPaths(recorded));
}

describe('the emulator on the wire: Chat Completions', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.clearFaults());

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${emulator.url}/chat/completions`, {
      method: 'POST',
      headers: { ...HEADERS, ...headers },
      body: JSON.stringify(body),
    });
  }

  async function stream(body: Record<string, unknown>): Promise<Block[]> {
    const res = await post({ ...body, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    return parseSse(await res.text());
  }

  const weather = {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  };

  it('a text stream is shaped like the recorded one: data lines only, same keys in the same order, [DONE] last', async () => {
    const ours = await stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    const recorded = recording('plain-text');

    expect(ours.every((block) => block.event === undefined)).toBe(true);
    expect(ours.at(-1)!.data).toBe('[DONE]');
    const [first, ...rest] = chunks(ours);
    const recordedChunks = chunks(recorded).filter((chunk) => chunk.choices.length > 0); // recorded with include_usage
    expectLike(first, recordedChunks[0]);
    expectLike(rest[0], recordedChunks[1]);
    expectLike(rest.at(-1), recordedChunks.at(-1));
  });

  it('a text stream with include_usage is shaped like the live recording: service_tier and an obfuscation on every chunk', async () => {
    const live = chunks(parseSse(readFileSync(join(__dirname, '..', 'fixtures', 'chat-recorded', 'openai-text-obfuscation.sse'), 'utf8')));
    const ours = chunks(await stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream_options: { include_usage: true } }));
    expectLike(ours[0], live[0]);
    expectLike(ours[1], live[1]);
    expectLike(ours.at(-2), live.at(-2));
    expect(keyPaths(ours.at(-1)).filter((key) => !key.startsWith('usage.'))).toEqual(keyPaths(live.at(-1)).filter((key) => !key.startsWith('usage.')));
    expect(ours.every((chunk) => typeof chunk.obfuscation === 'string' && chunk.obfuscation.length > 0)).toBe(true);
    // Without it when the request says so.
    const plain = chunks(await stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream_options: { include_obfuscation: false } }));
    expect(plain.some((chunk) => 'obfuscation' in chunk)).toBe(false);
  });

  it('include_usage: usage null after choices on every chunk, then choices [] and the usage keys of the recording', async () => {
    const ours = chunks(
      await stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hello' }],
        stream_options: { include_usage: true },
      }),
    );
    const recordedUsage = chunks(recording('max-tokens-length-finish')).at(-1);

    for (const chunk of ours.slice(0, -1)) {
      expect(Object.keys(chunk)).toEqual(['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices', 'usage', 'obfuscation']);
      expect(chunk.usage).toBeNull();
    }
    const last = ours.at(-1);
    expect(Object.keys(last).filter((key) => !LATER_FIELDS.includes(key))).toEqual(Object.keys(recordedUsage));
    expect(last.choices).toEqual([]);
    for (const key of keyPaths(recordedUsage.usage)) expect(keyPaths(last.usage)).toContain(key);
  });

  it('one tool call starts as the recorded one (role, content null, call head, refusal null), then fragments', async () => {
    const ours = chunks(
      await stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'get_weather for Paris' }], tools: [weather] }),
    );
    const recorded = chunks(recording('tool-call-non-strict')).filter((chunk) => chunk.choices.length > 0);

    expectLike(ours[0], recorded[0]);
    expectLike(ours[1], recorded[1]);
    expectLike(ours.at(-1), recorded.at(-1));
    expect(ours[0].choices[0].delta.tool_calls[0].id).toMatch(/^call_/);
    const args = ours.slice(1, -1).map((chunk) => chunk.choices[0].delta.tool_calls[0].function.arguments);
    expect(args.join('')).toBe('{"city":"Paris"}');
  });

  it('parallel tool calls start as the recorded ones: a role chunk, then one head per call', async () => {
    const stock = { type: 'function', function: { name: 'get_stock_price', parameters: { type: 'object', properties: {} } } };
    const ours = chunks(
      await stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'get_weather in Oslo and get_stock_price' }],
        tools: [weather, stock],
      }),
    );
    const recorded = chunks(recording('parallel-tool-calls')).filter((chunk) => chunk.choices.length > 0);

    expectLike(ours[0], recorded[0]);
    expectLike(ours[1], recorded[1]);
    const heads = ours.flatMap((chunk) =>
      (chunk.choices[0].delta.tool_calls ?? [])
        .filter((call: any) => call.id)
        .map((call: any) => [call.index, call.function.name]),
    );
    expect(heads).toEqual([
      [0, 'get_weather'],
      [1, 'get_stock_price'],
    ]);
    expect(ours.at(-1).choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' });
  });

  it('n: 3 interleaves the choices and ends each with its finish chunk, as the recording does', async () => {
    const ours = chunks(await stream({ model: 'gpt-4o', n: 3, messages: [{ role: 'user', content: 'Hi' }] }));
    const recorded = chunks(recording('three-choices-content-and-refusal')).filter((chunk) => chunk.choices.length > 0);

    expect(ours.every((chunk) => chunk.choices.length === 1)).toBe(true);
    const finishes = (list: any[]) =>
      list.filter((chunk) => chunk.choices[0].finish_reason).map((chunk) => chunk.choices[0].index);
    expect(finishes(ours)).toEqual(finishes(recorded));
    expect(ours.slice(-3).every((chunk) => chunk.choices[0].finish_reason === 'stop')).toBe(true);
    for (const index of [0, 1, 2]) {
      const text = ours
        .filter((chunk) => chunk.choices[0].index === index)
        .map((chunk) => chunk.choices[0].delta.content ?? '')
        .join('');
      expect(text).toBe('You said: Hi');
    }
  });

  it('logprobs: true gives each token its entry, streamed as the recorded streams do, and on the whole message; the SDK accumulates them', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello there' }], logprobs: true, top_logprobs: 2 };
    type Entry = { token: string; logprob: number; bytes: number[]; top_logprobs: Array<{ token: string }> };
    const check = (entries: Entry[], text: string) => {
      expect(entries.map((e) => e.token).join('')).toBe(text);
      for (const e of entries) {
        expect(e.bytes).toEqual([...Buffer.from(e.token)]);
        expect(e.logprob).toBeLessThan(0);
        expect(e.top_logprobs).toHaveLength(2);
        expect(e.top_logprobs[0]).toMatchObject({ token: e.token, logprob: e.logprob });
      }
    };
    const whole = await (await post(body)).json();
    check(whole.choices[0].logprobs.content, 'You said: Hello there');
    expect(whole.choices[0].logprobs.refusal).toBeNull();

    const chunks = (await stream(body)).filter((b) => b.data !== '[DONE]').map((b) => JSON.parse(b.data));
    // The opening chunk: an empty list; each text delta: its token; the finish: none (as content-logprobs.sse).
    expect(chunks[0].choices[0].logprobs).toEqual({ content: [], refusal: null });
    expect(chunks.at(-1).choices[0].logprobs).toBeNull();
    check(chunks.slice(1, -1).flatMap((c) => c.choices[0].logprobs.content), 'You said: Hello there');

    const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const final = await client.chat.completions.stream(body).finalChatCompletion();
    check(final.choices[0]!.logprobs!.content as Entry[], 'You said: Hello there');
    // Without logprobs, none.
    expect((await (await post({ ...body, logprobs: undefined, top_logprobs: undefined })).json()).choices[0].logprobs).toBeNull();
  });

  it('a refusal with logprobs: true has them under refusal', async () => {
    emulator.scriptAnswer({ refusal: "I can't help with that." }, { times: 2 });
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], logprobs: true };
    const whole = await (await post(body)).json();
    expect(whole.choices[0].logprobs.content).toBeNull();
    expect(whole.choices[0].logprobs.refusal.map((e: { token: string }) => e.token).join('')).toBe("I can't help with that.");
    const chunks = (await stream(body)).filter((b) => b.data !== '[DONE]').map((b) => JSON.parse(b.data));
    expect(chunks[0].choices[0].logprobs).toEqual({ content: null, refusal: [] });
    expect(chunks[1].choices[0].logprobs.content).toBeNull();
  });

  it('a non-streamed completion has the API fields in the API order', async () => {
    const res = await post({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier', 'system_fingerprint']);
    expect(body.service_tier).toBe('default');
    expect(Object.keys(body.choices[0])).toEqual(['index', 'message', 'logprobs', 'finish_reason']);
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: 'You said: Hello', refusal: null, annotations: [] });
  });

  it('paced streams stop when the client leaves; idle() waits for streams still playing', async () => {
    const paced = await startEmulator({ pacing: { eventMs: 1, deltaMs: 1 } });
    try {
      const client = new OpenAI({ apiKey: 'test', baseURL: paced.url, maxRetries: 0 });
      const whole = await client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] })
        .finalChatCompletion();
      expect(whole.choices[0]!.message.content).toBe('You said: Hello there');

      const stream = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
        stream: true,
      });
      let seen = 0;
      for await (const _ of stream) if (++seen === 2) break; // the SDK aborts the request
      const record = paced.requests.at(-1)!;
      expect((await record.ended).clientClosed).toBe(true);
      await paced.idle();
    } finally {
      await paced.close();
    }
  });

  describe('errors in the API shape', () => {
    async function error(body: unknown, headers: Record<string, string> = {}) {
      const res = await post(body, headers);
      return { status: res.status, body: await res.json() };
    }

    it.each([
      [{ messages: [{ role: 'user', content: 'Hi' }] }, 'you must provide a model parameter', null, null],
      [{ model: 'gpt-4o' }, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'],
      [
        { model: 'gpt-4o', messages: [] },
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'messages',
        'empty_array',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'robot', content: 'Hi' }] },
        "Invalid value: 'robot'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
        'messages[0].role',
        'invalid_value',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], n: 0 },
        "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        'n',
        'integer_below_min_value',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'tool', tool_call_id: 'call_1', content: 'x' }] },
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        'messages[0].role',
        null,
      ],
      // Function tools as the API takes them: a name of letters, digits, _ and - (at most 64), an object schema, a
      // tool_choice among them.
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'get weather' } }] },
        "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'tools[0].function.name',
        'invalid_value',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'f'.repeat(65) } }] },
        "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
        'tools[0].function.name',
        'string_above_max_length',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }] },
        `Invalid schema for function 'f': schema must be a JSON Schema of 'type: "object"', got 'type: "string"'.`,
        'tools[0].function.parameters',
        'invalid_function_parameters',
      ],
      [
        {
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [{ type: 'function', function: { name: 'f' } }],
          tool_choice: { type: 'function', function: { name: 'g' } },
        },
        "Invalid value for 'tool_choice': function 'g' is not one of the 'tools'.",
        'tool_choice',
        null,
      ],
      // Tool calls that the tool messages right after them do not all answer.
      ...[
        [{ role: 'user', content: 'never mind' }],
        [{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' }],
        [{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' }, { role: 'user', content: 'and?' }],
      ].map((after): [object, string, string, null] => [
        {
          model: 'gpt-4o',
          messages: [
            { role: 'user', content: 'Weather?' },
            {
              role: 'assistant',
              content: null,
              tool_calls: ['call_1', 'call_2'].map((id) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{}' } })),
            },
            ...after,
          ],
        },
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${after.length === 1 && after[0]!.role === 'user' ? 'call_1, call_2' : 'call_2'}`,
        'messages.[1].role',
        null,
      ]),
      // Parameters the emulator does not use, checked as the API checks them (a setting read from the environment).
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temperature: '0.7' },
        "Invalid type for 'temperature': expected a number, but got a string instead.",
        'temperature',
        'invalid_type',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temperature: 5 },
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 5 instead.",
        'temperature',
        'decimal_above_max_value',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 42 }] },
        "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an integer instead.",
        'messages[0].content',
        'invalid_type',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'yaml' } },
        "Invalid value: 'yaml'. Supported values are: 'text', 'json_object', and 'json_schema'.",
        'response_format.type',
        'invalid_value',
      ],
      [
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_schema' } },
        "Missing required parameter: 'response_format.json_schema'.",
        'response_format.json_schema',
        'missing_required_parameter',
      ],
    ])('400 for %j', async (body, message, param, code) => {
      const reply = await error(body);
      expect(reply).toEqual({ status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } });
    });

    it('null for the sampling parameters and response_format is accepted (the Python SDK sends it for None)', async () => {
      const nulls = { temperature: null, top_p: null, presence_penalty: null, frequency_penalty: null, seed: null, stop: null, metadata: null, response_format: null };
      const res = await post({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...nulls });
      expect(res.status).toBe(200);
      await res.text();
    });

    it('the SDK raises BadRequestError with the body', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const failure = await client.chat.completions.create({ model: 'gpt-4o' } as never).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
      expect(failure).toMatchObject({ status: 400, param: 'messages', code: 'missing_required_parameter' });
    });

    it('401 without a key, and with a wrong key when the emulator has one', async () => {
      const noKey = await fetch(`${emulator.url}/chat/completions`, { method: 'POST', body: '{}' });
      expect(noKey.status).toBe(401);
      expect((await noKey.json()).error).toMatchObject({ type: 'invalid_request_error', code: null });

      const guarded = await startEmulator({ pacing: 0, apiKey: 'sk-right-key-1234' });
      try {
        const client = new OpenAI({ apiKey: 'sk-wrong-key-5678', baseURL: guarded.url, maxRetries: 0 });
        const failure = await client.chat.completions
          .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
          .catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
        expect(failure).toMatchObject({ status: 401, code: 'invalid_api_key' });
        expect(guarded.counters.chatCompletionsCreated).toBe(0);
      } finally {
        await guarded.close();
      }
    });
  });

  describe('faults', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about faults' }], stream: true };

    it('reset after N chunks: the SDK stream throws after N chunks', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const stream = await client.chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about faults' }], stream: true },
        { headers: faultHeader({ kind: 'reset', afterEvents: 3 }) },
      );
      const seen: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })().catch((e: unknown) => e);
      expect(String((failure as Error).message)).toMatch(/terminated|reset|socket|closed/i); // undici's TypeError
      expect(seen).toEqual(['', 'You', ' said']);
      const record = emulator.requests.at(-1)!;
      await record.ended;
      expect(record).toMatchObject({ path: '/v1/chat/completions', streamed: true, faults: ['reset'], outcome: 'server-closed' });
    });

    it('endEarly (injected): the body ends without [DONE]; finalChatCompletion() rejects', async () => {
      emulator.inject({ kind: 'endEarly', afterEvents: 4 }, { match: { path: '/chat/completions' } });
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const failure = await client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about faults' }] })
        .finalChatCompletion()
        .catch((e: unknown) => e);
      expect(String((failure as Error).message)).toMatch(/missing finish_reason/);
    });

    it.each<[string, Fault, Partial<{ ending: string; blocks: number }>]>([
      ['stall', { kind: 'stall', afterEvents: 2 }, { ending: 'open', blocks: 2 }],
      ['endEarly', { kind: 'endEarly', afterEvents: 5 }, { ending: 'end', blocks: 5 }],
      ['holdAfterDone', { kind: 'holdAfterDone' }, { ending: 'open', blocks: 10 }],
      ['withoutDone', { kind: 'withoutDone' }, { ending: 'end', blocks: 9 }],
    ])('%s shapes the raw stream', async (_, fault, expected) => {
      const seen = await observe(emulator, '/chat/completions', body, faultHeader(fault));
      const blocks = parseSse(seen.text);
      expect({ ending: seen.ending, blocks: blocks.length }).toEqual(expected);
      if (fault.kind === 'holdAfterDone') expect(blocks.at(-1)!.data).toBe('[DONE]');
      if (fault.kind === 'withoutDone') expect(blocks.at(-1)!.data).toContain('"finish_reason":"stop"');
    });

    it('brokenJson: the SDK fails to parse the broken chunk', async () => {
      // logLevel 'off': the SDK would log the bad data.
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0, logLevel: 'off' });
      const failure = await client.chat.completions
        .stream(
          { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] },
          { headers: faultHeader({ kind: 'brokenJson', afterEvents: 2 }) },
        )
        .finalChatCompletion()
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.OpenAIError);
      expect(String((failure as Error).message)).toMatch(/JSON/);

      // create({ stream: true }): the iteration throws the parser's plain SyntaxError (only the helpers wrap it).
      const stream = await client.chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true },
        { headers: faultHeader({ kind: 'brokenJson', afterEvents: 2 }) },
      );
      const thrown = await (async () => {
        for await (const _chunk of stream);
      })().catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(SyntaxError);
      expect(thrown).not.toBeInstanceOf(OpenAI.OpenAIError);
      expect(String((thrown as Error).message)).toBe('Error reading response: malformed server-sent event JSON.');
    });

    it('slowBytes: the same completion, trickled', async () => {
      const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const completion = await client.chat.completions
        .stream(
          { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] },
          { headers: faultHeader({ kind: 'slowBytes', chunkBytes: 64, everyMs: 0 }) },
        )
        .finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('You said: Hi');
    });

    it('rateLimit and serverError answer instead of the API (nothing is created); the SDK retries a 429', async () => {
      const before = emulator.counters.chatCompletionsCreated;
      emulator.inject({ kind: 'serverError', status: 503 }, { match: { path: '/chat/completions' } });
      const strict = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const failure = await strict.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
      expect(failure).toMatchObject({ status: 503, type: 'server_error' });
      expect(emulator.counters.chatCompletionsCreated).toBe(before);

      const limit = emulator.inject({ kind: 'rateLimit', retryAfterMs: 1 }, { match: { path: '/chat/completions' }, times: 2 });
      const patient = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 2 });
      const completion = await patient.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
        .finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('You said: Hi');
      expect(limit.hits).toBe(2);
      expect(emulator.counters.chatCompletionsCreated - before).toBe(1);
    });
  });
});

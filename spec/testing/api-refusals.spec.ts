/**
 * What the API refuses that a test must not get away with, and what it tells in its answers' headers: the emulator
 * answers as the API does, through the official SDK.
 */
import OpenAI from 'openai';
import { type Emulator, startEmulator } from '../../src/testing/index';

let emulator: Emulator;
let sdk: OpenAI;
beforeAll(async () => {
  emulator = await startEmulator({ pacing: 0 });
  sdk = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
});
afterAll(() => emulator.close());

/** The APIError a request was refused with (fails the test when it was accepted). */
async function refusal(request: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await request.then(
    (value) => new Error(`accepted: ${JSON.stringify(value).slice(0, 200)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('Responses text.format', () => {
  it("Chat Completions' nested json_schema form, or a format without a name: 400 for text.format.name", async () => {
    for (const format of [{ type: 'json_schema', json_schema: { name: 'place', strict: true, schema } }, { type: 'json_schema', schema }]) {
      const error = await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Where?', text: { format: format as never } }));
      expect([error.status, error.param, error.message]).toEqual([400, 'text.format.name', "400 Missing required parameter: 'text.format.name'."]);
    }
    // The flat form is taken.
    const taken = await sdk.responses.create({ model: 'gpt-4o', input: 'Where?', text: { format: { type: 'json_schema', name: 'place', strict: true, schema } } });
    expect(JSON.parse(taken.output_text)).toHaveProperty('city');
  });
});

describe("a structured output format's name", () => {
  it('is a name as the API takes one (letters, digits, _ and -, at most 64), in both APIs', async () => {
    const responses = await refusal(
      sdk.responses.create({ model: 'gpt-4o', input: 'A crêpe', text: { format: { type: 'json_schema', name: 'crêpe recipe', schema } } }),
    );
    expect([responses.status, responses.param, responses.code]).toEqual([400, 'text.format.name', 'invalid_value']);
    const chat = await refusal(
      sdk.chat.completions.create({ model: 'gpt-4o', messages, response_format: { type: 'json_schema', json_schema: { name: 'x'.repeat(65), schema } } }),
    );
    expect([chat.status, chat.param, chat.code]).toEqual([400, 'response_format.json_schema.name', 'string_above_max_length']);
  });
});

describe('tools the request does not have', () => {
  it("Responses: tool_choice 'required' without tools is refused, as Chat's is", async () => {
    const error = await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Hi', tool_choice: 'required' }));
    expect([error.status, error.param, error.message]).toEqual([400, 'tool_choice', "400 Tool choice 'required' must be specified with 'tools' parameter."]);
  });

  it('Chat: parallel_tool_calls without tools, top_logprobs without logprobs', async () => {
    const parallel = await refusal(sdk.chat.completions.create({ model: 'gpt-4o', messages, parallel_tool_calls: false }));
    expect([parallel.status, parallel.param]).toEqual([400, 'parallel_tool_calls']);
    const top = await refusal(sdk.chat.completions.create({ model: 'gpt-4o', messages, top_logprobs: 3 }));
    expect([top.status, top.param]).toEqual([400, 'top_logprobs']);
    // With what they depend on, taken.
    const taken = await sdk.chat.completions.create({ model: 'gpt-4o', messages, logprobs: true, top_logprobs: 3 });
    expect(taken.choices[0]?.logprobs?.content?.[0]?.top_logprobs).toHaveLength(3);
  });
});

describe("the answers' headers", () => {
  it('every answer tells openai-processing-ms; a model request its rate limits', async () => {
    const { response } = await sdk.responses.create({ model: 'gpt-4o', input: 'Hi' }).withResponse();
    expect(Number(response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(1);
    for (const name of ['requests', 'tokens']) {
      expect(Number(response.headers.get(`x-ratelimit-limit-${name}`))).toBeGreaterThan(Number(response.headers.get(`x-ratelimit-remaining-${name}`)));
      expect(response.headers.get(`x-ratelimit-reset-${name}`)).toMatch(/^\d+m?s$/);
    }
    const models = await sdk.models.list().withResponse();
    expect(Number(models.response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(1);
    expect(models.response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    // A stream's, as its head goes out.
    const stream = await sdk.chat.completions.create({ model: 'gpt-4o', messages, stream: true }).withResponse();
    expect(Number(stream.response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(1);
    expect(stream.response.headers.get('x-ratelimit-remaining-requests')).not.toBeNull();
    for await (const _chunk of stream.data) void _chunk;
  });
});

describe('items given by their id alone (store: false keeps none)', () => {
  it("a reasoning item carries its encrypted content, which a stateless next turn sends back; without it, an item the API does not store is 404", async () => {
    emulator.scriptAnswer({ reasoning: 'The user greets me.', text: 'Hello!' });
    const first = await sdk.responses.create({ model: 'o4-mini', input: 'Hi', store: false, include: ['reasoning.encrypted_content'] });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(typeof reasoning?.encrypted_content).toBe('string');
    const history = [{ role: 'user' as const, content: 'Hi' }, ...first.output, { role: 'user' as const, content: 'And then?' }];
    const next = await sdk.responses.create({ model: 'o4-mini', store: false, input: history as never });
    expect(next.status).toBe('completed');
    // The same reasoning item without its encrypted content: the API looks it up by its id, and store: false kept none.
    const { encrypted_content: _dropped, ...byId } = reasoning!;
    const error = await refusal(sdk.responses.create({ model: 'o4-mini', store: false, input: [history[0], byId, ...history.slice(2)] as never }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect([error.param, error.message]).toEqual(['input', `404 Item with id '${reasoning!.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`]);
  });

  it('an item_reference resolves to a stored response\'s item; an unknown one is 404', async () => {
    const stored = await sdk.responses.create({ model: 'gpt-4o', input: 'Hi' });
    const message = stored.output.find((item) => item.type === 'message')!;
    const next = await sdk.responses.create({ model: 'gpt-4o', input: [{ type: 'item_reference', id: message.id }, { role: 'user', content: 'More' }] });
    expect(next.status).toBe('completed');
    const error = await refusal(sdk.responses.create({ model: 'gpt-4o', input: [{ type: 'item_reference', id: 'msg_does_not_exist' }, { role: 'user', content: 'Hi' }] }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe("content parts of the other API, or of the other role", () => {
  it('Responses: an assistant message takes output_text and refusal parts, any other role input_* parts', async () => {
    const assistant = await refusal(
      sdk.responses.create({
        model: 'gpt-4o',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'input_text', text: 'Hello!' }] } as never,
          { role: 'user', content: [{ type: 'input_text', text: 'And then?' }] },
        ],
      }),
    );
    expect([assistant.status, assistant.code, assistant.param, assistant.message]).toEqual([
      400,
      'invalid_value',
      'input[1].content[0]',
      "400 Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.",
    ]);
    // Chat Completions' `text` part in a user message.
    const chatPart = await refusal(sdk.responses.create({ model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'text', text: 'Hi' } as never] }] }));
    expect([chatPart.status, chatPart.code, chatPart.param]).toEqual([400, 'invalid_value', 'input[0].content[0]']);
    // As the API takes them.
    const taken = await sdk.responses.create({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] } as never,
        { role: 'user', content: 'And then?' },
      ],
    });
    expect(taken.status).toBe('completed');
  });

  it("Chat: the Responses API's input_text part is refused", async () => {
    const error = await refusal(sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' } as never] }] }));
    expect([error.status, error.code, error.param]).toEqual([400, 'invalid_value', 'messages[0].content[0].type']);
    const taken = await sdk.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    expect(taken.choices[0]?.message.content).toBe('You said: Hi');
  });
});

describe('a streamIgnored fault and a request the API refuses', () => {
  it('a 400, or a scripted answer whose when throws, uses it up no more than it does any other fault', async () => {
    const ignored = emulator.inject({ kind: 'streamIgnored' });
    await refusal(sdk.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true, max_output_tokens: 1 }));
    const script = emulator.scriptAnswer({ text: 'x' }, { match: { when: () => { throw new Error('boom'); } } });
    await refusal(sdk.chat.completions.create({ model: 'gpt-4o', stream: true, messages }));
    script.remove();
    expect([ignored.remaining, ignored.matched, ignored.hits]).toEqual([1, 0, 0]);
    // The next stream request meets it.
    const answer = await fetch(`${emulator.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages }),
    });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect([ignored.remaining, ignored.hits]).toEqual([0, 1]);
  });
});

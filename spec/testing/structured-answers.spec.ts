import OpenAI from 'openai';
import { zodTextFormat as sdkZodTextFormat, zodResponseFormat as sdkZodResponseFormat } from 'openai/helpers/zod';
import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { createClient } from '../../src/index.js';
import { finalParsed, partialParsed, zodResponsesFunction, zodTextFormat } from '../../src/structured/index.js';
import { startEmulator, type Emulator } from '../../src/testing/index.js';

const Forecast = z.object({
  city: z.string(),
  temperature_c: z.number(),
  days: z.number().int(),
  conditions: z.enum(['sunny', 'light rain', 'snow']),
  umbrella: z.boolean(),
  summary: z.string(),
  wind: z.object({ speed_kmh: z.number(), direction: z.enum(['N', 'E', 'S', 'W']) }),
  hours: z.array(z.object({ hour: z.number().int(), note: z.string().nullable() })),
  alert: z.string().nullable(),
});

const GetWeather = z.object({ city: z.string() });

/** The text of a response's first message (a non-streamed `create()` reply carries no `output_text`). */
function messageText(response: { output: ReadonlyArray<{ type: string; content?: ReadonlyArray<{ type: string; text?: string }> }> }): string {
  const message = response.output.find((item) => item.type === 'message');
  const part = message?.content?.find((p) => p.type === 'output_text');
  if (part?.text === undefined) throw new Error('no output_text part');
  return part.text;
}

describe('the emulator answers json_schema formats with JSON valid for the schema', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
  });
  afterAll(() => emulator.close());

  it('Responses: streamed as output_text deltas, read by partialParsed and finalParsed', async () => {
    const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const events$ = client.responses.stream({
      model: 'gpt-4.1-mini',
      input: 'The forecast for Paris, please',
      text: { format: zodTextFormat(Forecast, 'forecast') },
    });
    const [partials, [final]] = await Promise.all([
      lastValueFrom(events$.pipe(partialParsed(Forecast), toArray())),
      lastValueFrom(events$.pipe(finalParsed(Forecast), toArray())),
    ]);
    expect(Forecast.parse(final)).toEqual(final);
    expect(final).toEqual({
      city: 'You said: The forecast for Paris, please',
      temperature_c: 0,
      days: 0,
      conditions: 'sunny',
      umbrella: true,
      summary: 'summary',
      wind: { speed_kmh: 0, direction: 'N' },
      hours: [{ hour: 0, note: 'note' }],
      alert: 'alert',
    });
    expect(partials.length).toBeGreaterThan(5); // streamed in many deltas, the object growing
    expect(partials.at(-1)).toEqual(final);
  });

  it('after a tool call, the fields come from the tool output by name (previous_response_id + function_call_output)', async () => {
    const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const format = zodTextFormat(Forecast, 'forecast');
    const tools = [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })];
    const first = await lastValueFrom(
      client.responses.create({ model: 'gpt-4.1-mini', input: 'Use get_weather: how is it in Paris?', tools, text: { format } }),
    );
    const call = first.output[0];
    if (call?.type !== 'function_call') throw new Error(`expected a function call, got ${call?.type}`);
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris' });
    const output = JSON.stringify({ city: 'Paris', temperature_c: 18.5, conditions: 'light rain', umbrella: false });
    const final = await lastValueFrom(
      client.responses
        .stream({
          model: 'gpt-4.1-mini',
          previous_response_id: first.id,
          input: [{ type: 'function_call_output', call_id: call.call_id, output }],
          tools,
          text: { format },
        })
        .pipe(finalParsed(Forecast)),
    );
    expect(final).toMatchObject({ city: 'Paris', temperature_c: 18.5, conditions: 'light rain', umbrella: false });
    expect(final.summary).toBe(`get_weather returned: ${output}`);
  });

  it('the official SDK reads it: responses.parse and responses.stream', async () => {
    const sdk = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const text = { format: sdkZodTextFormat(Forecast, 'forecast') };
    const parsed = await sdk.responses.parse({ model: 'gpt-4.1-mini', input: 'Oslo?', text });
    expect(Forecast.parse(parsed.output_parsed)).toMatchObject({ conditions: 'sunny', umbrella: true });

    const stream = sdk.responses.stream({ model: 'gpt-4.1-mini', input: 'Oslo?', text });
    let deltas = 0;
    for await (const event of stream) if (event.type === 'response.output_text.delta') deltas++;
    const final = await stream.finalResponse();
    expect(deltas).toBeGreaterThan(5);
    expect(final.output_parsed).toEqual(parsed.output_parsed);
  });

  it('Chat Completions: response_format json_schema, read by the SDK chat.completions.parse', async () => {
    const sdk = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const completion = await sdk.chat.completions.parse({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Oslo?' }],
      response_format: sdkZodResponseFormat(Forecast, 'forecast'),
    });
    const forecast = completion.choices[0]!.message.parsed;
    expect(Forecast.parse(forecast)).toMatchObject({ city: 'You said: Oslo?', hours: [{ hour: 0, note: 'note' }] });
  });

  it('a plain JSON schema: $ref into $defs, bounds, minItems, anyOf with null, const, type lists', async () => {
    const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const schema = {
      type: 'object',
      $defs: {
        Point: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'integer', minimum: 2 } }, required: ['x', 'y'], additionalProperties: false },
      },
      properties: {
        at: { $ref: '#/$defs/Point' },
        count: { type: 'integer', minimum: 3 },
        below: { type: 'number', maximum: -2 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        maybe: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
        kind: { const: 'fixed' },
        label: { type: ['string', 'null'] },
      },
      required: ['at', 'count', 'below', 'tags', 'maybe', 'kind', 'label'],
      additionalProperties: false,
    };
    const response = await lastValueFrom(
      client.responses.create({
        model: 'gpt-4.1-mini',
        input: 'Hi',
        text: { format: { type: 'json_schema', name: 'shape', schema, strict: true } },
      }),
    );
    expect(JSON.parse(messageText(response))).toEqual({
      at: { x: 0, y: 2 },
      count: 3,
      below: -2,
      tags: ['You said: Hi', 'text'],
      maybe: true,
      kind: 'fixed',
      label: 'label',
    });
  });

  it('a token limit cuts the JSON as it cuts any answer: status incomplete', async () => {
    const client = createClient({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const response = await lastValueFrom(
      client.responses.create({
        model: 'gpt-4.1-mini',
        input: 'Oslo?',
        max_output_tokens: 16,
        text: { format: zodTextFormat(Forecast, 'forecast') },
      }),
    );
    expect(response.status).toBe('incomplete');
    const cut = messageText(response);
    expect(cut).toMatch(/^\{"city":"You said: Oslo\?"/);
    expect(() => JSON.parse(cut)).toThrow(SyntaxError);
  });
});

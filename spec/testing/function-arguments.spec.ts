import { z } from 'zod';
import { toStrictJsonSchema } from '../../src/structured/index.js';
import { startEmulator, type Emulator } from '../../src/testing/index.js';
import { json, setup } from './helpers.js';

// A model calling a strict function sends arguments valid for its schema: the emulator's calls must be too (nested
// objects, minItems, formats, patterns, lengths, number bounds, nullable types, anyOf, const, recursive $refs), or
// tool code under test fails offline where the API would not. JSON written in the message is still sent as it is.

type Api = 'chat' | 'responses' | 'assistants';
const APIS: readonly Api[] = ['chat', 'responses', 'assistants'];

interface Tool {
  readonly name: string;
  readonly parameters: Record<string, unknown>;
  /** `undefined`: the field is not sent. */
  readonly strict: boolean | undefined;
}

/** The arguments (JSON text) of the one function call the emulator answers `message` with, through `api`. */
async function argumentsOf(emulator: Emulator, api: Api, tool: Tool, message: string): Promise<string> {
  const strict = tool.strict === undefined ? {} : { strict: tool.strict };
  const fn = { name: tool.name, parameters: tool.parameters, ...strict };
  if (api === 'chat') {
    const messages = [{ role: 'user', content: message }];
    const { status, body } = await json(emulator, 'POST', '/chat/completions', { model: 'gpt-4o', messages, tools: [{ type: 'function', function: fn }] });
    expect(status).toBe(200);
    expect(body.choices[0].message.tool_calls).toHaveLength(1);
    return body.choices[0].message.tool_calls[0].function.arguments;
  }
  if (api === 'responses') {
    const { status, body } = await json(emulator, 'POST', '/responses', { model: 'gpt-4o', input: message, tools: [{ type: 'function', ...fn }] });
    expect(status).toBe(200);
    expect(body.output).toMatchObject([{ type: 'function_call', name: tool.name }]);
    return body.output[0].arguments;
  }
  const { assistantId, threadId } = await setup(emulator, message, [{ type: 'function', function: fn }]);
  const run = await json(emulator, 'POST', `/threads/${threadId}/runs`, { assistant_id: assistantId });
  await emulator.idle();
  const { body } = await json(emulator, 'GET', `/threads/${threadId}/runs/${run.body.id}`);
  expect(body.status).toBe('requires_action');
  const calls = body.required_action.submit_tool_outputs.tool_calls;
  expect(calls).toHaveLength(1);
  return calls[0].function.arguments;
}

/** The issues of `value` against a JSON schema (none: `undefined`). */
function issues(schema: Record<string, unknown>, value: unknown): unknown {
  return z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema).safeParse(value).error?.issues;
}

// Everything a strict schema can ask for, at several depths.
const closed = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const TRIP = {
  ...closed({
    traveller: closed({
      name: { type: 'string', minLength: 2 },
      email: { type: 'string', format: 'email' },
      age: { type: 'integer', minimum: 18, maximum: 120 },
      address: closed({ city: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } }),
    }),
    legs: {
      type: 'array',
      minItems: 2,
      items: closed({ from: { type: 'string' }, to: { type: 'string' }, date: { type: 'string', format: 'date' } }),
    },
    code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
    budget: { type: 'number', exclusiveMinimum: 100, multipleOf: 50 },
    note: { type: ['string', 'null'], maxLength: 3 },
    seat: { anyOf: [{ type: 'null' }, closed({ row: { type: 'integer', minimum: 1 }, side: { enum: ['window', 'aisle'] } })] },
    kind: { const: 'trip' },
    route: { $ref: '#/$defs/Stop' },
  }),
  $defs: { Stop: closed({ place: { type: 'string' }, next: { anyOf: [{ $ref: '#/$defs/Stop' }, { type: 'null' }] } }) },
};

// The same in zod, as the library's tool loops send it (`zodFunction`, `zodResponsesFunction`: `toStrictJsonSchema`).
const Stop = z.object({
  place: z.string(),
  get next() {
    return Stop.nullable();
  },
});
const Trip = z.object({
  traveller: z.object({
    name: z.string().min(2),
    email: z.email(),
    age: z.number().int().min(18).max(120),
    address: z.object({ city: z.string(), zip: z.string().regex(/^\d{5}$/) }),
  }),
  legs: z.array(z.object({ from: z.string(), to: z.string(), date: z.iso.date() })).min(2),
  code: z.string().regex(/^[A-Z]{3}-\d{4}$/),
  budget: z.number().gt(100).multipleOf(50),
  note: z.string().max(3).nullable(),
  seat: z.object({ row: z.number().int().min(1), side: z.enum(['window', 'aisle']) }).nullable(),
  kind: z.literal('trip'),
  route: Stop,
  tags: z.array(z.uuid()).min(1).max(3),
});

describe('the emulator calls functions with arguments valid for their schema', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 1, pollAfterMs: 1 });
  });
  afterAll(() => emulator.close());

  describe.each(APIS)('%s', (api) => {
    it('a strict tool with a nested, constrained, recursive schema: every property, all valid, hints where they fit', async () => {
      const tool = { name: 'book_trip', parameters: TRIP, strict: true };
      const args = JSON.parse(await argumentsOf(emulator, api, tool, 'Please book_trip for "Oslo" in 2 weeks'));
      expect(issues(TRIP, { ...args, legs: [] })).toBeDefined(); // the check is not vacuous
      expect(issues(TRIP, args)).toBeUndefined();
      expect(args).toMatchObject({
        traveller: { name: 'Oslo', email: 'user@example.com', age: 18, address: { city: 'Oslo', zip: '00000' } },
        legs: [{ from: 'Oslo', to: 'Oslo', date: '2024-01-01' }, { from: 'Oslo', to: 'Oslo', date: '2024-01-01' }],
        code: 'AAA-0000',
        budget: 150,
        note: 'not', // the name cut to maxLength, as 'Oslo' is too long
        seat: { row: 2, side: 'window' },
        kind: 'trip',
        route: { place: 'Oslo', next: null },
      });
    });

    it('a zod schema sent as the library sends it (toStrictJsonSchema): the arguments parse with the zod schema', async () => {
      const tool = { name: 'book_trip', parameters: toStrictJsonSchema(Trip), strict: true };
      const args = JSON.parse(await argumentsOf(emulator, api, tool, 'What would book_trip do with the trip to Rome?'));
      expect(Trip.safeParse(args).error?.issues).toBeUndefined();
      expect(args.traveller.address.city).toBe('Rome');
    });

    it('a non-strict tool: only the required properties (all when there is no required list), each valid', async () => {
      const parameters = {
        type: 'object',
        properties: {
          city: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer', minimum: 1, maximum: 7 },
          window: {
            type: 'object',
            properties: { from: { type: 'string', format: 'date-time' }, hours: { type: 'array', items: { type: 'integer' }, minItems: 2 } },
            required: ['from', 'hours'],
          },
          options: { type: 'object', properties: { detailed: { type: 'boolean' }, lang: { type: 'string' } } },
        },
        required: ['city', 'days', 'window', 'options'],
      };
      const tool = { name: 'get_forecast', parameters, strict: false };
      const args = JSON.parse(await argumentsOf(emulator, api, tool, 'Use get_forecast for "Oslo" over 3 days'));
      expect(args).toEqual({
        city: 'Oslo',
        days: 3,
        window: { from: '2024-01-01T12:00:00Z', hours: [3, 3] },
        options: { detailed: true, lang: 'Oslo' },
      });
      expect(issues(parameters, args)).toBeUndefined();
      // a number out of bounds is not taken: the valid value nearest to 0 is
      const far = JSON.parse(await argumentsOf(emulator, api, tool, 'Use get_forecast for "Oslo" over 30 days'));
      expect(far.days).toBe(1);
    });

    it('the message hints: a quoted phrase, else a proper noun, else the name; the first number; the first enum value', async () => {
      const parameters = {
        type: 'object',
        properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
        required: ['location', 'unit'],
        additionalProperties: false,
      };
      const tool = { name: 'get_weather', parameters, strict: true };
      const call = (message: string) => argumentsOf(emulator, api, tool, message);
      expect(await call('Use get_weather for "Oslo"')).toBe('{"location":"Oslo","unit":"celsius"}');
      expect(await call('What is the weather in Paris? Use get_weather.')).toBe('{"location":"Paris","unit":"celsius"}');
      expect(await call('use get_weather')).toBe('{"location":"location","unit":"celsius"}');
      const optional = { name: 'get_weather', parameters: { ...parameters, required: ['location'] }, strict: false };
      expect(await argumentsOf(emulator, api, optional, 'Use get_weather for "Oslo"')).toBe('{"location":"Oslo"}');
    });

    it('a JSON object written in the message is sent as it is, even against the schema', async () => {
      const tool = { name: 'book_trip', parameters: TRIP, strict: true };
      expect(await argumentsOf(emulator, api, tool, 'book_trip {"traveller": 42, "extra": [1]}')).toBe('{"traveller":42,"extra":[1]}');
    });
  });

  it('Responses: a function tool without `strict` is strict (every property) when its schema allows it, else not, as on the API', async () => {
    // Strict mode does not take this schema (`days` is not required): without `strict` the API falls back to
    // non-strict validation, so only the required properties; `strict: true` is refused for it (or, with the
    // schema checks off, answered as strict: every property).
    const loose = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] };
    const tight = { ...loose, required: ['city', 'days'], additionalProperties: false };
    expect(await argumentsOf(emulator, 'responses', { name: 'get_forecast', parameters: loose, strict: undefined }, 'get_forecast for "Oslo"')).toBe('{"city":"Oslo"}');
    expect(await argumentsOf(emulator, 'responses', { name: 'get_forecast', parameters: tight, strict: undefined }, 'get_forecast for "Oslo"')).toBe('{"city":"Oslo","days":0}');
    const lenient = await startEmulator({ pacing: 0, strictRequests: { schemas: false } });
    try {
      const tool = { name: 'get_forecast', parameters: loose, strict: true };
      expect(await argumentsOf(lenient, 'responses', tool, 'get_forecast for "Oslo"')).toBe('{"city":"Oslo","days":0}');
      expect(await argumentsOf(lenient, 'chat', { ...tool, strict: undefined }, 'get_forecast for "Oslo"')).toBe('{"city":"Oslo"}');
    } finally {
      await lenient.close();
    }
  });
});

/**
 * zod 3 schemas (`zod/v3`, and a zod@3 install: `ZOD3S`) end to end, over HTTP to the emulator: request formats the emulator (strict, as the API)
 * accepts and answers, the operators parsing with zod 3, tool loops running zod 3 tools, zod 3's issues on invalid
 * output, and a refused schema sending nothing.
 */
import { lastValueFrom, share, toArray } from 'rxjs';
import type { z as z3 } from 'zod/v3';
import { StructuredOutputSchemaError, StructuredOutputValidationError } from '../../src/index';
import {
  finalParsed,
  parsedToolCalls,
  partialParsed,
  runChatTools,
  runResponsesTools,
  structuredOutput,
  toolLoopResult,
  toStrictJsonSchema,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
  zodTool,
} from '../../src/structured';
import { useEmulator } from '../helpers/emulator';
import { ZOD3S } from './zod3-tables';

describe.each(ZOD3S)('zod 3 schemas (%s) against the emulator (real HTTP)', (_, z3) => {
  const Forecast = z3
    .object({
      city: z3.string(),
      temperature_c: z3.number(),
      conditions: z3.enum(['sunny', 'light rain', 'snow']),
      umbrella: z3.boolean(),
      wind: z3.object({ speed_kmh: z3.number(), direction: z3.enum(['N', 'E', 'S', 'W']) }).describe('the wind now'),
      hours: z3.array(z3.object({ hour: z3.number().int(), note: z3.string().nullable() })),
      alert: z3.string().nullable(),
    })
    .describe('a forecast');

  const ctx = useEmulator();
  const posts = (path: string) => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === path);

  it('Responses: a zod 3 text format the emulator accepts; partialParsed grows, finalParsed validates with zod 3', async () => {
    const before = posts('/v1/responses').length;
    const events$ = ctx.client.responses
      .stream({ model: 'gpt-4o', input: 'The forecast for Paris', text: { format: zodTextFormat(Forecast, 'forecast') } })
      .pipe(share());
    const [partials, [final]] = await Promise.all([
      lastValueFrom(events$.pipe(partialParsed(Forecast), toArray())),
      lastValueFrom(events$.pipe(finalParsed(Forecast), toArray())),
    ]);
    // The strict schema went out as it is, and the emulator (which refuses what strict mode refuses) answered it.
    const sent = posts('/v1/responses').slice(before);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as { text: { format: { schema: unknown } } }).text.format.schema).toEqual(toStrictJsonSchema(Forecast));
    expect(final).toEqual({
      city: 'You said: The forecast for Paris',
      temperature_c: 0,
      conditions: 'sunny',
      umbrella: true,
      wind: { speed_kmh: 0, direction: 'N' },
      hours: [{ hour: 0, note: 'note' }],
      alert: 'alert',
    });
    expect(Forecast.parse(final)).toEqual(final);
    expect(partials.length).toBeGreaterThan(5);
    expect(partials[0]).not.toEqual(final);
    expect(partials.at(-1)).toEqual(final);
  });

  it('Chat Completions: a zod 3 response format; structuredOutput ends with the parsed value', async () => {
    const snapshots = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Oslo?' }], response_format: zodResponseFormat(Forecast, 'forecast') })
        .pipe(structuredOutput(Forecast), toArray()),
    );
    const last = snapshots.at(-1)!;
    expect(snapshots.filter((s) => !s.done).length).toBeGreaterThan(5);
    expect(last.done).toBe(true);
    expect(last.done && last.parsed).toMatchObject({ city: 'You said: Oslo?', hours: [{ hour: 0, note: 'note' }] });
  });

  it('parsedToolCalls parses a zod 3 function tool call', async () => {
    const GetWeather = z3.object({ city: z3.string(), days: z3.number().int() });
    const calls = await lastValueFrom(
      ctx.client.responses
        .stream({
          model: 'gpt-4o',
          input: 'What does get_weather say? {"city": "Rome", "days": 3}',
          tools: [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })],
        })
        .pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()),
    );
    expect(calls.map((call) => call.parsedArguments)).toEqual([{ city: 'Rome', days: 3 }]);
  });

  it("output the zod 3 schema refuses is a StructuredOutputValidationError with zod 3's issues", async () => {
    ctx.emulator.scriptAnswer({ text: '{"city": 42}' });
    const City = z3.object({ city: z3.string() });
    const error = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: 'Which city?', text: { format: zodTextFormat(City, 'city') } }).pipe(finalParsed(City)),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    expect((error as StructuredOutputValidationError).issues).toEqual([
      expect.objectContaining({ path: ['city'], code: 'invalid_type', message: 'Expected string, received number' }),
    ]);
    expect((error as Error).cause).toBeInstanceOf(z3.ZodError);
  });

  describe('tool loops with zod 3 tools', () => {
    const Weather = z3.object({ city: z3.string(), unit: z3.enum(['C', 'F']).nullable() });
    const weatherTool = (seen: unknown[]) =>
      zodTool({
        name: 'get_weather',
        parameters: Weather,
        execute: (args) => {
          seen.push(args);
          return { city: args.city, temperature: 21 };
        },
      });

    it('runResponsesTools runs the tool with arguments parsed by zod 3, and sends its strict schema', async () => {
      const before = posts('/v1/responses').length;
      const seen: unknown[] = [];
      const { final } = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use get_weather for "Oslo"' }, { tools: [weatherTool(seen)] }).pipe(toolLoopResult()),
      );
      expect(seen).toEqual([{ city: 'Oslo', unit: 'C' }]);
      expect(final.output_text).toBe('get_weather returned: {"city":"Oslo","temperature":21}');
      const first = posts('/v1/responses')[before]!.body as { tools: unknown[] };
      expect(first.tools).toEqual([{ type: 'function', name: 'get_weather', parameters: toStrictJsonSchema(Weather), strict: true }]);
    });

    it('runChatTools runs the tool with arguments parsed by zod 3', async () => {
      const seen: unknown[] = [];
      const { final } = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use get_weather for "Rome"' }] }, { tools: [weatherTool(seen)] }).pipe(
          toolLoopResult(),
        ),
      );
      expect(seen).toEqual([{ city: 'Rome', unit: 'C' }]);
      expect(final.choices[0]!.message.content).toBe('get_weather returned: {"city":"Rome","temperature":21}');
    });

    it("arguments the zod 3 schema refuses fail the loop with zod 3's issues (onInvalidArguments: 'fail')", async () => {
      const picky = zodTool({ name: 'get_weather', parameters: z3.object({ city: z3.string().min(10) }), execute: () => 'never' });
      const error = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use get_weather {"city": "Oslo"}' }, { tools: [picky], onInvalidArguments: 'fail' }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StructuredOutputValidationError);
      expect(error).toMatchObject({ toolName: 'get_weather', value: { city: 'Oslo' } });
      expect((error as StructuredOutputValidationError).issues).toEqual([
        expect.objectContaining({ path: ['city'], code: 'too_small', message: 'String must contain at least 10 character(s)' }),
      ]);
      expect((error as Error).cause).toBeInstanceOf(z3.ZodError);
    });

    it('a zod 3 tool strict mode cannot represent is refused where the loop is made, and nothing is sent', () => {
      const before = ctx.emulator.requests.length;
      const dated = zodTool({ name: 'book', parameters: z3.object({ when: z3.date() }), execute: () => 'booked' });
      for (const make of [
        () => runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use book' }, { tools: [dated] }),
        () => runChatTools(ctx.client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use book' }] }, { tools: [dated] }),
      ]) {
        expect(make).toThrow(StructuredOutputSchemaError);
        expect(make).toThrow(/^The parameters of tool "book": Date cannot be represented in JSON Schema \(at properties\/when\)/);
      }
      expect(ctx.emulator.requests.length).toBe(before);
    });

    it('a zod 3 tool with a transform: the model is asked for its input side, execute gets the transformed arguments', async () => {
      const before = posts('/v1/responses').length;
      const seen: unknown[] = [];
      const count = zodTool({
        name: 'count',
        parameters: z3.object({ n: z3.string().transform(Number) }),
        execute: (args) => {
          seen.push(args);
          return args.n + 1;
        },
      });
      const { final } = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use count {"n": "41"}' }, { tools: [count] }).pipe(toolLoopResult()),
      );
      expect(seen).toEqual([{ n: 41 }]);
      expect(final.output_text).toBe('count returned: 42');
      const first = posts('/v1/responses')[before]!.body as { tools: { parameters: unknown }[] };
      expect(first.tools[0]!.parameters).toEqual(toStrictJsonSchema(z3.object({ n: z3.string() })));
    });

    it('a zod 3 tool with z.preprocess(f, a): the model is asked for a, execute gets what f then a give', async () => {
      const before = posts('/v1/responses').length;
      const seen: unknown[] = [];
      const count = zodTool({
        name: 'count',
        parameters: z3.object({ n: z3.preprocess((v) => (typeof v === 'string' ? Number(v.trim()) : v), z3.number().int()) }),
        execute: (args) => {
          seen.push(args);
          return args.n + 1;
        },
      });
      const { final } = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use count {"n": 41}' }, { tools: [count] }).pipe(toolLoopResult()),
      );
      expect(seen).toEqual([{ n: 41 }]);
      expect(final.output_text).toBe('count returned: 42');
      const first = posts('/v1/responses')[before]!.body as { tools: { parameters: unknown }[] };
      expect(first.tools[0]!.parameters).toEqual(toStrictJsonSchema(z3.object({ n: z3.number().int() })));
    });
  });
});

/**
 * zod 3 schemas from a zod@3 install (the `zod3` devDependency: `npm:zod@3.25.76`, the zod 3 the official SDK's
 * helpers take), not from `zod/v3` inside the zod 4 package the library depends on: another package, so other
 * classes and another `ZodError`. The tables of `zod3-schemas.spec.ts` written with it, each compared with its
 * `zod/v3` twin and with the SDK; validation with the install's issues; tool loops and a text format over HTTP to
 * the emulator.
 */
import * as sdk from 'openai/helpers/zod';
import { from, lastValueFrom, share, toArray } from 'rxjs';
import { z as installed } from 'zod3';
import { z as v3 } from 'zod/v3';
import { StructuredOutputSchemaError, StructuredOutputValidationError } from '../../src/index';
import {
  finalParsed,
  parseStructuredOutput,
  partialParsed,
  runChatTools,
  runResponsesTools,
  toolLoopResult,
  toStrictJsonSchema,
  zodFunction,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
  zodTool,
} from '../../src/structured';
import { isZod3Schema, isZod4Schema } from '../../src/structured/zod-schema';
import { useEmulator } from '../helpers/emulator';
import { responseTextEvents, wire } from './streams';
import { refusedSchemas, sameAsSdkSchemas, type Zod3 } from './zod3-tables';

// The install's namespace, typed as `zod/v3`'s to build the shared tables (its own types: zod3-install.types.ts).
const z3 = installed as unknown as Zod3;

describe('a zod@3 install', () => {
  it('is another package than zod/v3: its schemas are no zod/v3 classes, and are read as zod 3 schemas', () => {
    const schema = installed.object({ city: installed.string() });
    expect(schema).not.toBeInstanceOf(v3.ZodType);
    expect(new installed.ZodError([])).not.toBeInstanceOf(v3.ZodError);
    expect(isZod3Schema(schema)).toBe(true);
    expect(isZod4Schema(schema)).toBe(false);
  });

  const twins = sameAsSdkSchemas(v3);
  it.each(Object.entries(sameAsSdkSchemas(z3)))('%s: the request formats equal its zod/v3 twin and the SDK', (name, schema) => {
    const twin = twins[name]!;
    expect(wire(zodTextFormat(schema, 'thing'))).toEqual(wire(zodTextFormat(twin, 'thing')));
    expect(wire(zodTextFormat(schema, 'thing'))).toEqual(wire(sdk.zodTextFormat(schema, 'thing')));
    expect(wire(zodResponseFormat(schema, 'thing'))).toEqual(wire(sdk.zodResponseFormat(schema, 'thing')));
    expect(wire(zodFunction({ name: 'f', parameters: schema }))).toEqual(wire(sdk.zodFunction({ name: 'f', parameters: schema })));
    expect(wire(zodResponsesFunction({ name: 'f', parameters: schema }))).toEqual(wire(sdk.zodResponsesFunction({ name: 'f', parameters: schema })));
  });

  it.each(refusedSchemas(z3))('refused as its zod/v3 twin is: %s', (_, schema, path, problem) => {
    let error: unknown;
    try {
      zodTextFormat(schema, 'x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputSchemaError);
    expect(error).toMatchObject({ path, problem: expect.stringMatching(problem) });
  });

  it('a transform, a pipeline and z.preprocess() are written as what the model writes, and apply when parsing', async () => {
    const Count = installed.object({
      n: installed.string().transform(Number),
      m: installed.preprocess((v) => (typeof v === 'string' ? Number(v) : v), installed.number().int()),
      tag: installed.string().pipe(installed.string().toUpperCase()),
    });
    expect(toStrictJsonSchema(Count)).toEqual(toStrictJsonSchema(v3.object({ n: v3.string(), m: v3.number().int(), tag: v3.string() })));
    expect(await lastValueFrom(from(responseTextEvents(['{"n":"4', '2","m":"7","tag":"a"}'])).pipe(finalParsed(Count)))).toEqual({
      n: 42,
      m: 7,
      tag: 'A',
    });
  });

  it("validates with the install's safeParse: its issues, and its ZodError as the cause", async () => {
    const Weather = installed.object({ city: installed.string(), celsius: installed.number().max(60), unit: installed.enum(['C', 'F']).nullable() });
    const error = await lastValueFrom(from(responseTextEvents(['{"city":5,"celsius":99,"unit":"K"}'])).pipe(finalParsed(Weather))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    const { issues, cause } = error as StructuredOutputValidationError;
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      [['city'], 'invalid_type'],
      [['celsius'], 'too_big'],
      [['unit'], 'invalid_enum_value'],
    ]);
    expect(issues[0]!.message).toBe('Expected string, received number');
    expect(cause).toBeInstanceOf(installed.ZodError);

    const completion = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: '{"city":"Oslo","celsius":3,"unit":null}', refusal: null } }],
    } as unknown as Parameters<typeof parseStructuredOutput>[0];
    expect(parseStructuredOutput(completion, Weather)).toEqual({ city: 'Oslo', celsius: 3, unit: null });
  });

  describe('against the emulator (real HTTP)', () => {
    const ctx = useEmulator();
    const posts = () => ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
    const Weather = installed.object({ city: installed.string(), unit: installed.enum(['C', 'F']).nullable() });
    const weatherTool = (seen: unknown[]) =>
      zodTool({
        name: 'get_weather',
        parameters: Weather,
        execute: (args) => {
          seen.push(args);
          return { city: args.city, temperature: 21 };
        },
      });

    it('a text format the emulator (strict, as the API) accepts; partialParsed and finalParsed read the answer', async () => {
      const Forecast = installed.object({ city: installed.string(), hours: installed.array(installed.object({ hour: installed.number().int() })) });
      const before = posts().length;
      const events$ = ctx.client.responses.stream({ model: 'gpt-4o', input: 'Paris', text: { format: zodTextFormat(Forecast, 'forecast') } }).pipe(share());
      const [partials, [final]] = await Promise.all([
        lastValueFrom(events$.pipe(partialParsed(Forecast), toArray())),
        lastValueFrom(events$.pipe(finalParsed(Forecast), toArray())),
      ]);
      expect((posts()[before]!.body as { text: { format: { schema: unknown } } }).text.format.schema).toEqual(toStrictJsonSchema(Forecast));
      expect(final).toEqual({ city: 'You said: Paris', hours: [{ hour: 0 }] });
      expect(partials.length).toBeGreaterThan(3);
      expect(partials.at(-1)).toEqual(final);
    });

    it('runResponsesTools and runChatTools run a tool with arguments parsed by the install', async () => {
      const seen: unknown[] = [];
      const before = posts().length;
      const responses = await lastValueFrom(
        runResponsesTools(ctx.client, { model: 'gpt-4o', input: 'Use get_weather for "Oslo"' }, { tools: [weatherTool(seen)] }).pipe(toolLoopResult()),
      );
      expect(responses.final.output_text).toBe('get_weather returned: {"city":"Oslo","temperature":21}');
      expect((posts()[before]!.body as { tools: unknown[] }).tools).toEqual([
        { type: 'function', name: 'get_weather', parameters: toStrictJsonSchema(Weather), strict: true },
      ]);
      const chat = await lastValueFrom(
        runChatTools(ctx.client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use get_weather for "Rome"' }] }, { tools: [weatherTool(seen)] }).pipe(
          toolLoopResult(),
        ),
      );
      expect(chat.final.choices[0]!.message.content).toBe('get_weather returned: {"city":"Rome","temperature":21}');
      expect(seen).toEqual([
        { city: 'Oslo', unit: 'C' },
        { city: 'Rome', unit: 'C' },
      ]);
    });
  });
});

/**
 * zod 3 schemas from a zod@3 install (the `zod3` devDependency: `npm:zod@3.25.76`, the zod 3 the official SDK's
 * helpers take), not from `zod/v3` inside the zod 4 package the library depends on: another package, so other
 * classes and another `ZodError`. The tables of `zod3-schemas.spec.ts` written with it, each compared with its
 * `zod/v3` twin and with the SDK. (Validation, and the end-to-end tests over HTTP, run for both zod 3s in
 * `zod3-schemas.spec.ts` and `zod3-emulator.spec.ts`.)
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
});

/**
 * zod 3 schemas (`zod/v3`, as the official SDK's helpers take them) in the request helpers: the JSON Schema we send
 * for them, beside what the SDK sends (`openai/helpers/zod`, its vendored zod-to-json-schema in strict mode) and
 * beside what we send for the same schema written in zod 4; what strict mode cannot represent; validation.
 */
import fc from 'fast-check';
import * as sdk from 'openai/helpers/zod';
import { from, lastValueFrom } from 'rxjs';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod/v3';
import { StructuredOutputSchemaError, StructuredOutputValidationError } from '../../src/index';
import {
  finalParsed,
  parseStructuredOutput,
  toStrictJsonSchema,
  zodFunction,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
} from '../../src/structured';
import { strictSchemaViolation } from '../../src/structured/strict-schema-rules';
import { validate } from '../../src/structured/structured-text';
import { refusedSchemas, SDK_ACCEPTS, sameAsSdkSchemas, ZOD3S } from './zod3-tables';
import { propertyRuns } from '../helpers/property-runs';
import { responseTextEvents, wire } from './streams';
const propertiesOf = (schema: unknown) => (schema as { properties: Record<string, unknown> }).properties;

interface Tree {
  label: string;
  children: Tree[];
}
const Tree3: z3.ZodType<Tree> = z3.lazy(() => z3.object({ label: z3.string(), children: z3.array(Tree3) }));
const Tree4: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(Tree4) }));

const sameAsSdk = sameAsSdkSchemas(z3);
const refused = refusedSchemas(z3);

describe('zod 3 schemas: the request formats equal the SDK', () => {
  it.each(Object.entries(sameAsSdk))('%s: text format, response format and function tools equal the SDK', (_, schema) => {
    expect(wire(zodTextFormat(schema, 'thing'))).toEqual(wire(sdk.zodTextFormat(schema, 'thing')));
    expect(wire(zodTextFormat(schema, 'thing', { description: 'd' }))).toEqual(wire(sdk.zodTextFormat(schema, 'thing', { description: 'd' })));
    expect(wire(zodResponseFormat(schema, 'thing'))).toEqual(wire(sdk.zodResponseFormat(schema, 'thing')));
    expect(wire(zodFunction({ name: 'f', parameters: schema, description: 'does f' }))).toEqual(
      wire(sdk.zodFunction({ name: 'f', parameters: schema, description: 'does f' })),
    );
    expect(wire(zodResponsesFunction({ name: 'f', parameters: schema, defer_loading: true }))).toEqual(
      wire(sdk.zodResponsesFunction({ name: 'f', parameters: schema, defer_loading: true })),
    );
    // And the rules of strict mode (the emulator's, as the API's) accept it.
    expect(strictSchemaViolation(toStrictJsonSchema(schema))).toBeUndefined();
  });
});

describe('zod 3 schemas: where we differ from the SDK, on purpose', () => {
  /**
   * Ours (the same as for the schema in zod 4: one set of rules for both versions, which strict mode accepts), and
   * the SDK's, read when asked (it refuses some).
   */
  const both = (schema: z3.ZodTypeAny, zod4: z.core.$ZodType) => {
    const ours = toStrictJsonSchema(schema);
    expect(ours).toEqual(toStrictJsonSchema(zod4));
    expect(strictSchemaViolation(ours)).toBeUndefined();
    return {
      ours,
      get theirs() {
        return wire(sdk.zodTextFormat(schema, 'thing').schema) as Record<string, unknown>;
      },
    };
  };

  it('a nullable plain type: a JSON Schema `type` list, where the SDK writes OpenAPI\'s `nullable: true`', () => {
    // `nullable` is no JSON Schema keyword: the rules of strict mode (and the emulator's answers) read `null` from
    // `type` / `anyOf`, and zod 4 writes it so.
    const { ours, theirs } = both(
      z3.object({ a: z3.string().nullable(), b: z3.string().nullish(), c: z3.boolean().nullable() }),
      z.object({ a: z.string().nullable(), b: z.string().nullish(), c: z.boolean().nullable() }),
    );
    expect(propertiesOf(ours)).toEqual({ a: { type: ['string', 'null'] }, b: { type: ['string', 'null'] }, c: { type: ['boolean', 'null'] } });
    expect(propertiesOf(theirs)).toEqual({ a: { type: 'string', nullable: true }, b: { type: 'string', nullable: true }, c: { type: 'boolean', nullable: true } });
    // With a check, the SDK writes an anyOf; ours folds plain types alike (zod 3's int has no bounds; zod 4's has).
    const int = z3.object({ n: z3.number().int().nullable() });
    expect(propertiesOf(toStrictJsonSchema(int))['n']).toEqual({ type: ['integer', 'null'] });
    expect(propertiesOf(wire(sdk.zodTextFormat(int, 'x').schema))['n']).toEqual({ anyOf: [{ type: 'integer' }, { type: 'null' }] });
  });

  it('a schema used twice is written twice, where the SDK makes it a definition', () => {
    // zod 4 inlines it too (a shared schema becomes a definition with an id, which zod 3 has not).
    const Address3 = z3.object({ street: z3.string() });
    const Address4 = z.object({ street: z.string() });
    const { ours, theirs } = both(z3.object({ home: Address3, work: Address3 }), z.object({ home: Address4, work: Address4 }));
    expect(propertiesOf(ours)['work']).toEqual(propertiesOf(ours)['home']);
    expect(ours['definitions']).toBeUndefined();
    expect(propertiesOf(theirs)['work']).toEqual({ $ref: '#/definitions/thing_properties_home' });
  });

  it('recursion (z3.lazy) is a definition named as zod 4 names it, and `#` for the root', () => {
    const { ours, theirs } = both(z3.object({ root: Tree3 }), z.object({ root: Tree4 }));
    expect(ours).toMatchObject({
      properties: { root: { $ref: '#/definitions/__schema0' } },
      definitions: { __schema0: { properties: { children: { items: { $ref: '#/definitions/__schema0' } } } } },
    });
    // The SDK names it by its path and adds the root as a definition (`thing`).
    expect(Object.keys(theirs['definitions'] as object)).toEqual(['thing_properties_root', 'thing']);

    const Category3: z3.ZodType<{ name: string; sub: unknown[] }> = z3.object({ name: z3.string(), sub: z3.lazy(() => z3.array(Category3)) });
    const Category4 = z.object({
      name: z.string(),
      get sub() {
        return z.array(Category4);
      },
    });
    const root = both(Category3, Category4);
    expect(root.ours).toMatchObject({ properties: { sub: { items: { $ref: '#' } } } });
    expect(root.ours['definitions']).toBeUndefined();
    expect(propertiesOf(root.theirs)['sub']).toEqual({ type: 'array', items: { $ref: '#/definitions/thing' } });
  });

  it('recursion through a described lazy (each .describe() a new lazy of the same function) is a definition too', () => {
    const Tree: z3.ZodType<{ label: string; kids: unknown[] }> = z3.lazy(() =>
      z3.object({ label: z3.string(), kids: z3.array(Tree.describe('the child nodes')) }),
    );
    expect(toStrictJsonSchema(z3.object({ root: Tree }))).toMatchObject({
      properties: { root: { $ref: '#/definitions/__schema0' } },
      definitions: { __schema0: { properties: { kids: { items: { $ref: '#/definitions/__schema0' } } } } },
    });
    // As the whole schema: `#`.
    expect(toStrictJsonSchema(Tree)).toMatchObject({ properties: { kids: { items: { $ref: '#' } } } });
    // Each described use keeps its own description, beside its `$ref`; the definition has none.
    const uses = toStrictJsonSchema(z3.object({ a: Tree.describe('A tree'), b: Tree.describe('B tree'), c: Tree }));
    expect(uses['properties']).toEqual({
      a: { $ref: '#/definitions/__schema0', description: 'A tree' },
      b: { $ref: '#/definitions/__schema0', description: 'B tree' },
      c: { $ref: '#/definitions/__schema0' },
    });
    expect((uses['definitions'] as Record<string, object>)['__schema0']).not.toHaveProperty('description');
    expect(strictSchemaViolation(uses)).toBeUndefined();
  });

  it('a union of literals is an anyOf of consts, where the SDK folds it into an enum', () => {
    const { ours, theirs } = both(z3.object({ v: z3.union([z3.literal('a'), z3.literal('b')]) }), z.object({ v: z.union([z.literal('a'), z.literal('b')]) }));
    expect(propertiesOf(ours)['v']).toEqual({ anyOf: [{ type: 'string', const: 'a' }, { type: 'string', const: 'b' }] });
    expect(propertiesOf(theirs)['v']).toEqual({ type: 'string', enum: ['a', 'b'] });
  });

  it('a description is written once, where zod 3 put it, and the SDK writes it on the nullable wrapper too', () => {
    const { ours, theirs } = both(
      z3.object({ o: z3.object({ b: z3.number() }).describe('o').nullable() }),
      z.object({ o: z.object({ b: z.number() }).describe('o').nullable() }),
    );
    expect(propertiesOf(ours)['o']).not.toHaveProperty('description');
    expect(propertiesOf(theirs)['o']).toHaveProperty('description', 'o');
  });

  it('.readonly() adds readOnly, as zod 4 writes it (the SDK writes nothing)', () => {
    const { ours, theirs } = both(z3.object({ a: z3.array(z3.string()).readonly() }), z.object({ a: z.array(z.string()).readonly() }));
    expect(propertiesOf(ours)['a']).toEqual({ type: 'array', items: { type: 'string' }, readOnly: true });
    expect(propertiesOf(theirs)['a']).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it("a time writes no `format` (JSON Schema's time asks for an offset, zod 3's time refuses one), as zod 4 does", () => {
    const ours = toStrictJsonSchema(z3.object({ t: z3.string().time() }));
    expect(propertiesOf(ours)['t']).toEqual({ type: 'string', pattern: expect.any(String) });
    expect(propertiesOf(wire(sdk.zodTextFormat(z3.object({ t: z3.string().time() }), 'x').schema))['t']).toEqual({ type: 'string', format: 'time' });
  });

  it('refinements, trim and case changes are accepted (checked or applied when parsing), where the SDK refuses them', () => {
    // zod 4's are accepted too: they add nothing to the JSON Schema, and the answer is validated by the schema.
    const schema = z3.object({
      even: z3.number().refine((n) => n % 2 === 0),
      word: z3.string().trim().toLowerCase(),
      range: z3.object({ from: z3.number(), to: z3.number() }).superRefine(() => undefined),
    });
    const { ours } = both(schema, z.object({ even: z.number().refine((n) => n % 2 === 0), word: z.string().trim().toLowerCase(), range: z.object({ from: z.number(), to: z.number() }) }));
    expect(propertiesOf(ours)['even']).toEqual({ type: 'number' });
    expect(() => sdk.zodTextFormat(schema, 'x')).toThrow(/ZodEffects|value-changing/);
  });

  it('an intersection of two plain objects is one object (zod 4 folds it so); the SDK refuses intersections', () => {
    const { ours } = both(
      z3.object({ both: z3.intersection(z3.object({ a: z3.string() }), z3.object({ b: z3.number() })) }),
      z.object({ both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })) }),
    );
    expect(propertiesOf(ours)['both']).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a', 'b'],
      additionalProperties: false,
    });
    expect(() => sdk.zodTextFormat(z3.object({ both: z3.object({ a: z3.string() }).and(z3.object({ b: z3.number() })) }), 'x')).toThrow(/ZodIntersection/);
  });

  it('an intersection with a .strict() object that lacks the other side’s keys is refused: zod 3 would reject every answer', () => {
    const person = z3.intersection(z3.object({ name: z3.string() }).strict(), z3.object({ age: z3.number() }));
    expect(person.safeParse({ name: 'Ada', age: 36 }).success).toBe(false); // what the folded object would ask for
    expect(() => toStrictJsonSchema(z3.object({ person }))).toThrow(
      new StructuredOutputSchemaError("A .strict() object in an intersection refuses the other side's properties: zod 3 would reject every answer", 'properties/person'),
    );
    // Through refinements, brands, lazies and pipes too.
    const strict = z3.object({ name: z3.string() }).strict();
    for (const side of [strict.refine(() => true), strict.brand('P'), z3.lazy(() => strict), strict.pipe(strict)] as z3.ZodTypeAny[]) {
      expect(() => toStrictJsonSchema(z3.object({ person: z3.intersection(side, z3.object({ age: z3.number() })) }))).toThrow(StructuredOutputSchemaError);
    }
    // A .catch() or a preprocess may make an answer pass: not refused for this reason.
    for (const side of [strict.catch({ name: 'x' }), z3.preprocess((v) => v, strict)] as z3.ZodTypeAny[]) {
      expect(() => toStrictJsonSchema(z3.object({ person: z3.intersection(side, z3.object({ age: z3.number() })) }))).not.toThrow(/would reject every answer/);
    }
    // A strict side that has every key of the other is one object all the same.
    const same = z3.intersection(z3.object({ name: z3.string(), age: z3.number() }).strict(), z3.object({ age: z3.number() }));
    expect(same.safeParse({ name: 'Ada', age: 36 }).success).toBe(true);
    expect(propertiesOf(toStrictJsonSchema(z3.object({ same })))['same']).toMatchObject({ required: ['name', 'age'] });
  });

  it('a union of objects the SDK cannot tell apart is accepted, as the SDK accepts it in zod 4', () => {
    // Both parse as zod does, first branch first; the SDK refuses it for zod 3 only.
    const either = both(
      z3.object({ either: z3.union([z3.object({ a: z3.string() }), z3.object({ b: z3.number() })]) }),
      z.object({ either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) }),
    );
    expect(either.ours).toEqual(wire(sdk.zodTextFormat(z.object({ either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) }), 'x').schema));
    expect(() => either.theirs).toThrow(/ambiguous union/);
  });

  it('a default of a number the SDK cannot prove finite is accepted (JSON numbers are)', () => {
    const { ours } = both(z3.object({ n: z3.number().default(2) }), z.object({ n: z.number().default(2) }));
    expect(propertiesOf(ours)['n']).toEqual({ type: 'number', default: 2 });
    expect(() => sdk.zodTextFormat(z3.object({ n: z3.number().default(2) }), 'x')).toThrow(/ZodDefault/);
  });

  it('a pipeline is written as its input side, what the model writes; its output side applies when parsing', () => {
    // The SDK refuses pipelines; zod 4 writes a pipe's output side (here a number, which `z.string()` then refuses).
    const Count = z3.object({ n: z3.string().pipe(z3.coerce.number()) });
    expect(propertiesOf(toStrictJsonSchema(Count))['n']).toEqual({ type: 'string' });
    expect(validate({ n: '42' }, Count)).toEqual({ n: 42 });
    expect(() => sdk.zodTextFormat(Count, 'x')).toThrow(/ZodPipeline/);
  });

  it("a pipeline's output side is not written: its constraints are checked when parsing only (a limitation)", () => {
    // No merging of the two sides: the model is told `string`, and an answer that breaks `b` fails validation.
    const Mail = z3.object({ e: z3.string().pipe(z3.string().email().max(10)) });
    expect(propertiesOf(toStrictJsonSchema(Mail))['e']).toEqual({ type: 'string' });
    expect(validate({ e: 'a@b.io' }, Mail)).toEqual({ e: 'a@b.io' });
    expect(() => validate({ e: 'not an email' }, Mail)).toThrow(StructuredOutputValidationError);
    expect(() => validate({ e: 'abcdef@b.io' }, Mail)).toThrow(StructuredOutputValidationError);
    // On the input side, they are written.
    expect(propertiesOf(toStrictJsonSchema(z3.object({ e: z3.string().email().max(10).pipe(z3.string()) })))['e']).toEqual({
      type: 'string',
      maxLength: 10,
      format: 'email',
      pattern: expect.stringMatching(/@/),
    });
  });
});

describe('zod 3 schemas: what the same schema in zod 4 gives', () => {
  const pairs: Array<[string, z3.ZodTypeAny, z.core.$ZodType]> = [
    ['optional and nullable', z3.object({ a: z3.string().optional().nullable(), b: z3.boolean().nullish() }), z.object({ a: z.string().optional().nullable(), b: z.boolean().nullish() })],
    ['union with null', z3.object({ v: z3.union([z3.string(), z3.null(), z3.boolean()]) }), z.object({ v: z.union([z.string(), z.null(), z.boolean()]) })],
    ['arrays with bounds', z3.object({ a: z3.array(z3.string()).nonempty().max(3), l: z3.array(z3.number()).length(2) }), z.object({ a: z.array(z.string()).min(1).max(3), l: z.array(z.number()).length(2) })],
    ['bounds, the tighter wins', z3.object({ n: z3.number().min(1).min(3).gt(2).max(10) }), z.object({ n: z.number().min(1).min(3).gt(2).max(10) })],
    ['default object', z3.object({ o: z3.object({ b: z3.string() }).default({ b: 'x' }) }), z.object({ o: z.object({ b: z.string() }).default({ b: 'x' }) })],
    ['nullable default null', z3.object({ a: z3.string().nullable().default(null) }), z.object({ a: z.string().nullable().default(null) })],
    ['numeric native enum', z3.object({ e: z3.nativeEnum({ A: 0, B: 1, 0: 'A', 1: 'B' } as unknown as { A: 0; B: 1 }) }), z.object({ e: z.nativeEnum({ A: 0, B: 1, 0: 'A', 1: 'B' } as unknown as { A: 0; B: 1 }) })],
    ['mixed native enum', z3.object({ e: z3.nativeEnum({ A: 'a', B: 1 }) }), z.object({ e: z.nativeEnum({ A: 'a', B: 1 }) })],
    ['a lazy used twice', z3.object({ x: Tree3, y: z3.array(Tree3) }), z.object({ x: Tree4, y: z.array(Tree4) })],
    ['described nullable string', z3.object({ a: z3.string().describe('d').nullable(), b: z3.string().nullable().describe('e') }), z.object({ a: z.string().describe('d').nullable(), b: z.string().nullable().describe('e') })],
  ];
  it.each(pairs)('%s', (_, zod3, zod4) => {
    expect(toStrictJsonSchema(zod3)).toEqual(toStrictJsonSchema(zod4));
  });
});

describe('zod 3 schemas: where the same schema in zod 4 is written otherwise', () => {
  /** The strict JSON Schema of one property `a`, or the refusal's problem. */
  const property = (schema: z3.ZodTypeAny | z.core.$ZodType, make: (a: never) => unknown) => {
    try {
      return propertiesOf(toStrictJsonSchema(make(schema as never) as z.core.$ZodType))['a'];
    } catch (error) {
      return (error as StructuredOutputSchemaError).problem;
    }
  };
  const of3 = (a: z3.ZodTypeAny) => property(a, (x) => z3.object({ a: x }));
  const of4 = (a: z.core.$ZodType) => property(a, (x) => z.object({ a: x }));
  const SAFE = Number.MAX_SAFE_INTEGER;

  it.each<[string, z3.ZodTypeAny, z.core.$ZodType, string]>([
    ['uuid', z3.string().uuid(), z.uuid(), 'uuid'],
    ['duration', z3.string().duration(), z.iso.duration(), 'duration'],
    ['ip v4', z3.string().ip({ version: 'v4' }), z.ipv4(), 'ipv4'],
  ])('a format (%s) is the format alone; zod 4 adds its own pattern', (_, zod3, zod4, format) => {
    expect(of3(zod3)).toEqual({ type: 'string', format });
    expect(of4(zod4)).toEqual({ type: 'string', format, pattern: expect.any(String) });
  });

  it('time() writes no format (JSON Schema time asks for an offset), but its check as a pattern, as zod 4 does', () => {
    expect(of3(z3.string().time())).toEqual({ type: 'string', pattern: expect.any(String) });
    expect(of4(z.iso.time())).toEqual({ type: 'string', pattern: expect.any(String) });
  });

  it.each<[string, z3.ZodTypeAny, z.core.$ZodType, string | undefined]>([
    ['email', z3.string().email(), z.email(), 'email'],
    ['datetime', z3.string().datetime(), z.iso.datetime(), 'date-time'],
    ['datetime with offset', z3.string().datetime({ offset: true }), z.iso.datetime({ offset: true }), 'date-time'],
    ['datetime of precision 3', z3.string().datetime({ precision: 3 }), z.iso.datetime({ precision: 3 }), 'date-time'],
    ['datetime of precision 0', z3.string().datetime({ precision: 0 }), z.iso.datetime({ precision: 0 }), 'date-time'],
    ['local datetime', z3.string().datetime({ local: true }), z.iso.datetime({ local: true }), undefined],
    ['date', z3.string().date(), z.iso.date(), 'date'],
  ])('a format narrower in zod 3 (%s) is its format and zod 3\'s check as a pattern, as zod 4 writes its own', (_, zod3, zod4, format) => {
    expect(of3(zod3)).toEqual({ type: 'string', ...(format ? { format } : {}), pattern: expect.any(String) });
    expect(of4(zod4)).toEqual({ type: 'string', ...(format ? { format } : {}), pattern: expect.any(String) });
  });

  it('jwt() and cidr() write nothing; zod 4 writes formats of those names', () => {
    expect(of3(z3.string().jwt())).toEqual({ type: 'string' });
    expect(of4(z.jwt())).toEqual({ type: 'string', format: 'jwt' });
    expect(of3(z3.string().cidr({ version: 'v4' }))).toEqual({ type: 'string' });
    expect(of4(z.cidrv4())).toEqual({ type: 'string', format: 'cidrv4', pattern: expect.any(String) });
  });

  it("zod 4's uuid pattern is of its own check, which asks for a version digit zod 3's does not", () => {
    const noVersion = '12345678-1234-1234-1234-123456789012';
    expect(z3.string().uuid().safeParse(noVersion).success).toBe(true);
    expect(new RegExp((of4(z.uuid()) as { pattern: string }).pattern, 'u').test(noVersion)).toBe(false);
  });

  it.each<[string, z3.ZodTypeAny, z.core.$ZodType, string]>([
    ['startsWith', z3.string().startsWith('ab'), z.string().startsWith('ab'), 'starts_with'],
    ['endsWith', z3.string().endsWith('ab'), z.string().endsWith('ab'), 'ends_with'],
    ['includes', z3.string().includes('ab'), z.string().includes('ab'), 'includes'],
    ['cuid', z3.string().cuid(), z.cuid(), 'cuid'],
    ['cuid2', z3.string().cuid2(), z.cuid2(), 'cuid2'],
    ['ulid', z3.string().ulid(), z.ulid(), 'ulid'],
    ['nanoid', z3.string().nanoid(), z.nanoid(), 'nanoid'],
    ['emoji', z3.string().emoji(), z.emoji(), 'emoji'],
  ])('a pattern check (%s) is the pattern alone; zod 4 adds a format of its name, no JSON Schema format', (_, zod3, zod4, format) => {
    expect(of3(zod3)).toEqual({ type: 'string', pattern: expect.any(String) });
    expect(of4(zod4)).toEqual({ type: 'string', format, pattern: expect.any(String) });
  });

  it("cuid, ulid and emoji: zod 4's pattern is another, as its check is", () => {
    for (const [zod3, zod4] of [
      [z3.string().cuid(), z.cuid()],
      [z3.string().ulid(), z.ulid()],
      [z3.string().emoji(), z.emoji()],
    ] as const) {
      expect((of3(zod3) as { pattern: string }).pattern).not.toBe((of4(zod4) as { pattern: string }).pattern);
    }
  });

  it(".int() has no bounds, as zod 3's int check has none; zod 4's int is a safe integer, with the bounds", () => {
    expect(of3(z3.number().int())).toEqual({ type: 'integer' });
    expect(of4(z.number().int())).toEqual({ type: 'integer', minimum: -SAFE, maximum: SAFE });
    expect(z3.number().int().safeParse(2 ** 60).success).toBe(true);
    expect(z.number().int().safeParse(2 ** 60).success).toBe(false);
  });

  it(".safe() is a number within the safe bounds (zod 3 takes 1.5); zod 4's .safe() is an integer", () => {
    expect(of3(z3.number().safe())).toEqual({ type: 'number', minimum: -SAFE, maximum: SAFE });
    expect(of4(z.number().safe())).toEqual({ type: 'integer', minimum: -SAFE, maximum: SAFE });
    expect(z3.number().safe().safeParse(1.5).success).toBe(true);
  });

  it('.catch(v) writes nothing (zod 3 keeps v as a function of the error); zod 4 writes `default: v`', () => {
    expect(of3(z3.string().catch('x'))).toEqual({ type: 'string' });
    expect(of4(z.string().catch('x'))).toEqual({ type: 'string', default: 'x' });
  });

  it('a format and a regex on one string are both written, which strict mode takes; zod 4 writes an allOf, refused', () => {
    expect(of3(z3.string().email().regex(/^a/))).toEqual({ type: 'string', format: 'email', pattern: '^a' });
    expect(strictSchemaViolation(toStrictJsonSchema(z3.object({ a: z3.string().email().regex(/^a/) })))).toBeUndefined();
    expect(of4(z.string().email().regex(/^a/))).toMatch(/`allOf` is not supported/);
  });
});

describe('zod 3 schemas: a recursive root inside wrappers', () => {
  interface Comment {
    text: string;
    replies: Comment[];
  }
  const Comment: z3.ZodType<Comment> = z3.object({ text: z3.string(), replies: z3.array(z3.lazy(() => Comment)) });
  const plain = toStrictJsonSchema(Comment);

  it('the unwrapped schema: the root is `#`', () => {
    expect(plain).toMatchObject({ type: 'object', properties: { replies: { type: 'array', items: { $ref: '#' } } } });
    expect(plain['definitions']).toBeUndefined();
  });

  it.each<[string, z3.ZodTypeAny]>([
    ['.refine()', Comment.refine((c) => c.text !== '')],
    ['.superRefine()', Comment.superRefine(() => undefined)],
    ['.brand()', Comment.brand('Comment')],
    ['.catch()', Comment.catch({ text: '', replies: [] })],
    ['a lazy', z3.lazy(() => Comment)],
    ['several: .refine().brand()', Comment.refine((c) => c.text !== '').brand('Comment')],
  ])('%s is written as the schema it wraps (as zod 4 takes .refine() and .brand())', (_, schema) => {
    const format = zodTextFormat(schema, 'comment');
    expect(format.schema).toEqual(plain);
    expect(strictSchemaViolation(format.schema)).toBeUndefined();
  });

  it('.readonly() and .default() add their keyword to the root', () => {
    expect(toStrictJsonSchema(Comment.readonly())).toEqual({ ...plain, readOnly: true });
    expect(toStrictJsonSchema(Comment.default({ text: '', replies: [] }))).toEqual({ ...plain, default: { text: '', replies: [] } });
  });

  it('a cycle back through the wrapper is `#` too', () => {
    const Refined: z3.ZodType<Comment> = z3.object({ text: z3.string(), replies: z3.array(z3.lazy(() => Refined)) }).refine((c) => c.text !== '');
    expect(toStrictJsonSchema(Refined)).toEqual(plain);
  });

  it('the refinement still applies when the answer is parsed', () => {
    const NonEmpty = Comment.refine((c) => c.text !== '', 'a comment has text');
    expect(validate({ text: 'a', replies: [{ text: 'b', replies: [] }] }, NonEmpty)).toEqual({ text: 'a', replies: [{ text: 'b', replies: [] }] });
    expect(() => validate({ text: '', replies: [] }, NonEmpty)).toThrow(StructuredOutputValidationError);
  });
});

describe('zod 3 schemas: a transform is written as its input side', () => {
  const Count = z3.object({ n: z3.string().transform(Number), tags: z3.array(z3.string().transform((s) => s.toUpperCase())).nullable() });

  it('the JSON Schema is the one of the schema it transforms: what the model writes', () => {
    expect(toStrictJsonSchema(Count)).toEqual(toStrictJsonSchema(z3.object({ n: z3.string(), tags: z3.array(z3.string()).nullable() })));
    expect(strictSchemaViolation(toStrictJsonSchema(Count))).toBeUndefined();
    // Through a pipeline and a refinement too, and at the root.
    const piped = z3.object({ n: z3.string().transform(Number).pipe(z3.number().int()).refine((n) => n > 0) });
    expect(propertiesOf(toStrictJsonSchema(piped))['n']).toEqual({ type: 'string' });
    const root = z3.object({ a: z3.string() }).transform((o) => o.a);
    expect(toStrictJsonSchema(root)).toEqual(toStrictJsonSchema(z3.object({ a: z3.string() })));
  });

  it('finalParsed and parseStructuredOutput give the transformed value', async () => {
    const answer = '{"n":"42","tags":["a","b"]}';
    expect(await lastValueFrom(from(responseTextEvents([answer])).pipe(finalParsed(Count)))).toEqual({ n: 42, tags: ['A', 'B'] });
    const completion = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: answer, refusal: null } }],
    } as unknown as Parameters<typeof parseStructuredOutput>[0];
    expect(parseStructuredOutput(completion, Count)).toEqual({ n: 42, tags: ['A', 'B'] });
  });

  it('z.preprocess(f, a) is written as a, as zod 4 writes its z.preprocess(); f runs on the answer before a reads it', async () => {
    const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
    const cases: Array<[string, z3.ZodTypeAny, z3.ZodTypeAny, z.core.$ZodType]> = [
      ['a property', z3.object({ n: z3.preprocess(Number, z3.number()) }), z3.object({ n: z3.number() }), z.object({ n: z.preprocess(Number, z.number()) })],
      [
        'in an array',
        z3.object({ list: z3.array(z3.preprocess(trimmed, z3.string().min(1))) }),
        z3.object({ list: z3.array(z3.string().min(1)) }),
        z.object({ list: z.array(z.preprocess(trimmed, z.string().min(1))) }),
      ],
      [
        'at the root',
        z3.preprocess(trimmed, z3.object({ a: z3.string() })),
        z3.object({ a: z3.string() }),
        z.preprocess(trimmed, z.object({ a: z.string() })),
      ],
    ];
    for (const [where, preprocessed, plain, zod4] of cases) {
      expect([where, toStrictJsonSchema(preprocessed)]).toEqual([where, toStrictJsonSchema(plain)]);
      expect([where, toStrictJsonSchema(preprocessed)]).toEqual([where, toStrictJsonSchema(zod4)]);
    }
    // Inside a pipeline, its input side.
    expect(toStrictJsonSchema(z3.object({ n: z3.preprocess(String, z3.string()).pipe(z3.string().max(3)) }))).toEqual(
      toStrictJsonSchema(z3.object({ n: z3.string() })),
    );
    // Parsing runs f, then a: a string the model should not have written is coerced; what a refuses fails.
    const Count = z3.object({ n: z3.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z3.number().int()) });
    expect(await lastValueFrom(from(responseTextEvents(['{"n":"42"}'])).pipe(finalParsed(Count)))).toEqual({ n: 42 });
    expect(await lastValueFrom(from(responseTextEvents(['{"n":7}'])).pipe(finalParsed(Count)))).toEqual({ n: 7 });
    const error = await lastValueFrom(from(responseTextEvents(['{"n":"4.5"}'])).pipe(finalParsed(Count))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    expect((error as StructuredOutputValidationError).issues.map((issue) => [issue.path, issue.code])).toEqual([[['n'], 'invalid_type']]);
  });

  it('zod 4 refuses a transform, where zod 3 takes it (the versions differ here)', () => {
    let error: unknown;
    try {
      toStrictJsonSchema(z.object({ n: z.string().transform(Number) }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputSchemaError);
    expect(error).toMatchObject({ path: 'properties/n', problem: expect.stringMatching(/Transforms cannot be represented/) });
  });
});

describe("zod 3 schemas: a check's pattern accepts what the check accepts", () => {
  // Each pattern read as JSON Schema reads it (ECMAScript, Unicode mode), beside the check's own answer.
  const cases: Array<[string, z3.ZodString, string, string[]]> = [
    ['cuid', z3.string().cuid(), '^[Cc][^-\\s]{8,}$', ['cjld2cjxh0000qzrmn831i7rn', 'Cjld2cjxh', 'c12345678', 'c1234567', 'c-12345678', 'c1234 5678', 'x12345678', '']],
    ['cuid2', z3.string().cuid2(), '^[a-z0-9]+$', ['tz4a98xxat96iws9zmbrgj3a', 'Tz4a98', 'abc-1', 'a', '']],
    ['ulid', z3.string().ulid(), '^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$', ['01ARZ3NDEKTSV4RRFFQ69G5FAV', '01arz3ndektsv4rrffq69g5fav', '01ARZ3NDEKTSV4RRFFQ69G5FA', '01ARZ3NDEKTSV4RRFFQ69G5FAI', '01arz3ndektsv4rrffq69g5fau', '01ARZ3NDEKTSV4RRFFQ69G5FAV0']],
    ['nanoid', z3.string().nanoid(), '^[0-9A-Za-z_-]{21}$', ['V1StGXR8_Z5jdHi6B-myT', 'v1stgxr8_z5jdhi6b-myt', 'V1StGXR8_Z5jdHi6B-my', 'V1StGXR8_Z5jdHi6B-my!']],
    ['emoji', z3.string().emoji(), '^[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$', ['👍', '👍🏽', '🇳🇴', '👨‍👩‍👧', '#️⃣', '123', 'a', '👍a', '']],
    ['startsWith', z3.string().startsWith('a.b('), '^a\\.b\\(', ['a.b(c', 'a.b(', 'axb(c', 'xa.b(']],
    ['endsWith', z3.string().endsWith('$1'), '\\$1$', ['cost $1', '$1', 'cost $12', 'cost 1']],
    ['includes', z3.string().includes('+1'), '\\+1', ['a+1b', '+1', 'a1', '']],
    ['includes from a position', z3.string().includes('ab', { position: 2 }), '^[\\s\\S]{2,}ab', ['xxab', 'x\nab', 'abab', 'ab', 'xab', 'xxxxab']],
  ];

  it.each(cases)('%s', (_, check, pattern, samples) => {
    expect(propertiesOf(toStrictJsonSchema(z3.object({ s: check })))['s']).toEqual({ type: 'string', pattern });
    const regex = new RegExp(pattern, 'u');
    for (const sample of samples) expect([sample, regex.test(sample)]).toEqual([sample, check.safeParse(sample).success]);
  });
});

describe('zod 3 schemas: what strict mode cannot represent is refused, with where', () => {
  /** The refusal of `make()`: a StructuredOutputSchemaError, nothing built. */
  const refusal = (make: () => unknown): StructuredOutputSchemaError => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputSchemaError);
    return error as StructuredOutputSchemaError;
  };

  it.each(refused)('%s', (_, schema, path, problem) => {
    for (const make of [
      () => zodTextFormat(schema, 'x'),
      () => zodResponseFormat(schema, 'x'),
      () => zodFunction({ name: 'f', parameters: schema }),
      () => zodResponsesFunction({ name: 'f', parameters: schema }),
    ]) {
      const error = refusal(make);
      expect(error.path).toBe(path);
      expect(error.problem).toMatch(problem);
    }
  });

  it('the SDK refuses the same ones (with its own errors), but for those pinned here', () => {
    const sdkAccepts = refused.filter(([, schema]) => {
      try {
        sdk.zodTextFormat(schema, 'x');
        return true;
      } catch {
        return false;
      }
    });
    expect(sdkAccepts.map(([what]) => what)).toEqual(SDK_ACCEPTS);
    expect(strictSchemaViolation(wire(sdk.zodTextFormat(z3.object({ data: z3.string().base64() }), 'x').schema))?.message).toMatch(/contentEncoding/);
  });

  it('a zod 4 schema inside a zod 3 one is refused where it is', () => {
    const mixed = z3.object({ a: z.string() as unknown as z3.ZodString });
    expect(refusal(() => zodTextFormat(mixed, 'x'))).toMatchObject({ path: 'properties/a', problem: expect.stringMatching(/zod 4 schema inside a zod 3/) });
  });

  it('a zod 3 schema inside a zod 4 one (classic or zod/mini) is refused where it is', () => {
    const inside = z3.string() as unknown as z.ZodString;
    const cases: Array<[z.core.$ZodType, string]> = [
      [z.object({ a: inside }), 'properties/a'],
      [zm.object({ a: inside }), 'properties/a'],
      [z.object({ o: z.object({ list: z.array(z.union([z.string(), inside]).nullable()) }) }), 'properties/o/properties/list/items/anyOf/1'],
      [zm.object({ a: zm.optional(zm.nullable(inside)) }), 'properties/a'],
      [z.object({ a: z.lazy(() => inside), b: z.string() }), 'properties/a'],
      [z.object({ both: z.intersection(z.object({ a: z.string() }), z.object({ b: inside })) }), 'properties/both/allOf/1/properties/b'],
    ];
    for (const [schema, path] of cases) {
      const error = refusal(() => zodTextFormat(schema, 'x'));
      expect(error).toMatchObject({ path, problem: 'A zod 3 schema inside a zod 4 schema is not supported: use one version for the whole schema' });
      expect(error.cause).toBeInstanceOf(TypeError); // zod 4's own failure, kept
    }
  });

  it('an error inside the zod 3 schema that is no refusal (a lazy, a default, a malformed _def) is said where it is', () => {
    const boom = new Error('boom');
    const malformed = z3.object({ a: z3.string() });
    (malformed._def as { shape: () => unknown }).shape = () => {
      throw boom;
    };
    const cases: Array<[z3.ZodTypeAny, string]> = [
      [
        z3.object({
          a: z3.lazy(() => {
            throw boom;
          }),
        }),
        'properties/a',
      ],
      [
        z3.object({
          list: z3.array(
            z3.string().default(() => {
              throw boom;
            }),
          ),
        }),
        'properties/list/items',
      ],
      [z3.object({ o: z3.object({ m: malformed }) }), 'properties/o/properties/m'],
      [
        z3.lazy(() => {
          throw boom;
        }),
        '<root>',
      ],
    ];
    for (const [schema, path] of cases) {
      const error = refusal(() => toStrictJsonSchema(schema));
      expect(error).toMatchObject({ path, problem: 'The zod 3 schema could not be read: boom' });
      expect(error.cause).toBe(boom);
    }
  });
});

describe.each(ZOD3S)('zod 3 schemas (%s): validation', (_, z3) => {
  const Weather = z3.object({ city: z3.string(), celsius: z3.number().max(60), unit: z3.enum(['C', 'F']).nullable() });

  it("validates with the schema's safeParse: its output (transforms apply), or its issues", async () => {
    const Shouting = z3.object({ word: z3.string().transform((s) => s.toUpperCase()) });
    expect(await lastValueFrom(from(responseTextEvents(['{"word":"hi"}'])).pipe(finalParsed(Shouting)))).toEqual({ word: 'HI' });

    const error = await lastValueFrom(from(responseTextEvents(['{"city":5,"celsius":99,"unit":"K"}'])).pipe(finalParsed(Weather))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    const { issues, cause } = error as StructuredOutputValidationError;
    // zod 3's issues, as its own words have them.
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      [['city'], 'invalid_type'],
      [['celsius'], 'too_big'],
      [['unit'], 'invalid_enum_value'],
    ]);
    expect(issues[0]!.message).toBe('Expected string, received number');
    expect(cause).toBeInstanceOf(z3.ZodError);
  });

  it('parseStructuredOutput reads a whole answer with a zod 3 schema', () => {
    const completion = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: '{"city":"Oslo","celsius":3,"unit":null}', refusal: null } }],
    } as unknown as Parameters<typeof parseStructuredOutput>[0];
    expect(parseStructuredOutput(completion, Weather)).toEqual({ city: 'Oslo', celsius: 3, unit: null });
  });
});

describe("zod 3 schemas: a format's pattern accepts what zod 3's check accepts", () => {
  const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
  const date = pick(['2026-12-01', '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-1-01', '20261-01-01']);
  const time = pick(['10:00', '23:59:59', '24:00:00', '10:60', '10:00:00.5', '10:00:00.123', '10:00:00.', '10:00:00:00', '10:00:00.123:00.456', '1:00']);
  const zone = pick(['', 'Z', 'z', '+01:00', '+0100', '-05:30', '+1:00', 'Z+01:00']);
  const datetimes = fc.tuple(date, pick(['T', 't', ' ']), time, zone).map((parts) => parts.join(''));
  const emails = fc
    .tuple(fc.stringMatching(/^[a-zA-Z0-9._'+\-@ ]{0,6}$/), pick(['@', '']), fc.stringMatching(/^[a-zA-Z0-9.\-]{0,6}$/), pick(['.io', '.c', '.com', '', '.1a']))
    .map((parts) => parts.join(''));
  const pattern = (schema: z3.ZodTypeAny) => {
    const node = propertiesOf(toStrictJsonSchema(z3.object({ a: schema })))['a'] as { pattern: string };
    return new RegExp(node.pattern, 'u');
  };

  it.each<[string, z3.ZodString, fc.Arbitrary<string>]>([
    ['datetime()', z3.string().datetime(), datetimes],
    ['datetime({ offset: true })', z3.string().datetime({ offset: true }), datetimes],
    ['datetime({ local: true, precision: 3 })', z3.string().datetime({ local: true, precision: 3 }), datetimes],
    ['datetime({ precision: 0, offset: true })', z3.string().datetime({ precision: 0, offset: true }), datetimes],
    ['time()', z3.string().time(), time],
    ['time({ precision: 1 })', z3.string().time({ precision: 1 }), time],
    ['date()', z3.string().date(), date],
    ['email()', z3.string().email(), emails],
  ])('%s', (_, schema, strings) => {
    const accepts = pattern(schema);
    // Both answers of each kind come up, so the comparison says something.
    expect(fc.sample(strings, { numRuns: 400, seed: 7 }).map((text) => schema.safeParse(text).success)).toEqual(expect.arrayContaining([true, false]));
    fc.assert(
      fc.property(strings, (text) => accepts.test(text) === schema.safeParse(text).success),
      { numRuns: propertyRuns(5_000, 1_000) },
    );
  });
});

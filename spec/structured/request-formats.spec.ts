import * as sdk from 'openai/helpers/zod';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { from, lastValueFrom } from 'rxjs';
import { type ResponseStreamEvent, StructuredOutputSchemaError, StructuredOutputValidationError } from '../../src/index';
import { finalParsed, toStrictJsonSchema, zodFunction, zodResponseFormat, zodResponsesFunction, zodTextFormat } from '../../src/structured';
import { strictSchemaViolation } from '../../src/structured/strict-schema-rules';
import { wire } from './streams';

const TreeNode: z.ZodType<{ label: string; children: unknown[] }> = z.lazy(() =>
  z.object({ label: z.string(), children: z.array(TreeNode) }),
);

// A schema with an id (zod 4 writes it once among the definitions), and recursive ones with annotations: zod
// writes such a `$ref` with a description or a default as `{ description, allOf: [{ $ref }] }`.
const Address = z.object({ street: z.string(), city: z.string() }).meta({ id: 'Address' });
const Category: z.ZodType = z.object({ name: z.string(), get parent() { return Category.describe('The parent category').nullable(); } });
const Node: z.ZodType = z.object({ v: z.string(), get kids() { return z.array(Node.describe('a child')); } });

const schemas: Record<string, z.ZodType> = {
  'a schema with an id, described and as it is': z.object({ home: Address.describe('Where the customer lives'), work: Address }),
  'a schema with an id and a default': z.object({ home: Address.default({ street: '', city: '' }) }),
  'a schema with an id as the whole schema': Address,
  'a schema with an id as the whole schema, described': Address.describe('An address'),
  'a schema with an id as the whole schema, titled': Address.meta({ title: 'An address' }),
  'recursive through a getter, described and nullable': Category,
  'recursive items, described': Node,
  flat: z.object({ city: z.string(), celsius: z.number(), sunny: z.boolean() }),
  described: z.object({ name: z.string().describe('the name') }).describe('a person'),
  nullable: z.object({ nick: z.string().nullable(), age: z.number().int().nullable() }),
  'optional and nullable': z.object({ nick: z.string().optional().nullable(), other: z.string().nullish() }),
  'nested objects and arrays': z.object({
    steps: z.array(z.object({ explanation: z.string(), output: z.string() })),
    final_answer: z.string(),
    meta: z.object({ tags: z.array(z.string()), nested: z.object({ deep: z.boolean().nullable() }) }),
  }),
  'enums and literals': z.object({ kind: z.enum(['a', 'b']), lit: z.literal('x'), n: z.literal(3) }),
  unions: z.object({ value: z.union([z.string(), z.number()]), obj: z.union([z.object({ a: z.string() }), z.null()]) }),
  'discriminated union': z.object({
    shape: z.discriminatedUnion('type', [
      z.object({ type: z.literal('circle'), radius: z.number() }),
      z.object({ type: z.literal('square'), side: z.number() }),
    ]),
  }),
  'defaults and formats': z.object({ p: z.string().default('d'), when: z.iso.datetime(), mail: z.email() }),
  'nullable object': z.object({ address: z.object({ street: z.string() }).nullable() }),
  recursive: z.object({ root: TreeNode }),
  'number bounds': z.object({ n: z.number().min(0).max(10), items: z.array(z.number()).min(1).max(3) }),
};

describe('request formats from zod schemas, as the official SDK makes them', () => {
  it.each(Object.entries(schemas))('%s: text format, response format and function tools equal the SDK', (_, schema) => {
    expect(wire(zodTextFormat(schema, 'thing'))).toEqual(wire(sdk.zodTextFormat(schema, 'thing')));
    expect(wire(zodTextFormat(schema, 'thing', { description: 'd' }))).toEqual(
      wire(sdk.zodTextFormat(schema, 'thing', { description: 'd' })),
    );
    expect(wire(zodResponseFormat(schema, 'thing'))).toEqual(wire(sdk.zodResponseFormat(schema, 'thing')));
    expect(wire(zodResponseFormat(schema, 'thing', { description: 'd' }))).toEqual(
      wire(sdk.zodResponseFormat(schema, 'thing', { description: 'd' })),
    );
    expect(wire(zodFunction({ name: 'f', parameters: schema, description: 'does f' }))).toEqual(
      wire(sdk.zodFunction({ name: 'f', parameters: schema, description: 'does f' })),
    );
    expect(wire(zodFunction({ name: 'f', parameters: schema }))).toEqual(wire(sdk.zodFunction({ name: 'f', parameters: schema })));
    expect(wire(zodResponsesFunction({ name: 'f', parameters: schema, defer_loading: true }))).toEqual(
      wire(sdk.zodResponsesFunction({ name: 'f', parameters: schema, defer_loading: true })),
    );
    expect(wire(zodResponsesFunction({ name: 'f', parameters: schema, description: 'x' }))).toEqual(
      wire(sdk.zodResponsesFunction({ name: 'f', parameters: schema, description: 'x' })),
    );
  });

  it.each(Object.entries(schemas))("%s: the rules of strict mode (the emulator's) accept what it and the SDK build", (_, schema) => {
    expect(strictSchemaViolation(toStrictJsonSchema(schema))).toBeUndefined();
    expect(strictSchemaViolation(sdk.zodTextFormat(schema, 'thing').schema)).toBeUndefined();
  });

  it('has the wire shape the API documents', () => {
    const Weather = z.object({ city: z.string(), unit: z.enum(['C', 'F']).nullable() });
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string' }, unit: { anyOf: [{ type: 'string', enum: ['C', 'F'] }, { type: 'null' }] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    };
    expect(toStrictJsonSchema(Weather)).toEqual(schema);
    expect(zodTextFormat(Weather, 'weather')).toEqual({ type: 'json_schema', name: 'weather', strict: true, schema });
    expect(zodResponseFormat(Weather, 'weather')).toEqual({
      type: 'json_schema',
      json_schema: { name: 'weather', strict: true, schema },
    });
    expect(zodFunction({ name: 'get_weather', parameters: Weather })).toEqual({
      type: 'function',
      function: { name: 'get_weather', parameters: schema, strict: true },
    });
    expect(zodResponsesFunction({ name: 'get_weather', parameters: Weather })).toEqual({
      type: 'function',
      name: 'get_weather',
      parameters: schema,
      strict: true,
    });
  });

  it.each([
    ['an optional field that is not nullable', z.object({ a: z.string().optional() }), 'properties/a'],
    ['a nested optional field', z.object({ o: z.object({ b: z.number().optional() }) }), 'properties/o/properties/b'],
    ['a record', z.object({ r: z.record(z.string(), z.number()) }), 'properties/r'],
    ['a loose object', z.looseObject({ a: z.string() }), '<root>'],
    ['a tuple', z.object({ t: z.tuple([z.string(), z.number()]) }), 'properties/t'],
    ['a root that is not an object', z.array(z.string()), '<root>'],
    ['a root union', z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]), '<root>'],
    ['a `__proto__` property', z.object({ ['__proto__']: z.string() }), 'properties/__proto__'],
    ['a base64 string (contentEncoding)', z.object({ data: z.base64() }), 'properties/data'],
    ['a file (contentMediaType)', z.object({ f: z.file().mime('image/png') }), 'properties/f'],
    ['a date, which zod cannot write', z.object({ when: z.date() }), 'properties/when'],
    ['a transform, which zod cannot write', z.object({ n: z.string().transform((s) => s.length) }), 'properties/n'],
    ['a bigint, which zod cannot write', z.object({ o: z.object({ big: z.bigint() }) }), 'properties/o/properties/big'],
    ['a literal undefined, which zod cannot write', z.object({ a: z.literal(undefined) }), 'properties/a'],
    ['a bigint literal, which zod cannot write', z.object({ o: z.object({ n: z.literal(BigInt(1)) }) }), 'properties/o/properties/n'],
    ['an id whose $ref leads nowhere (a %-escape in it)', z.object({ a: z.object({ s: z.string() }).meta({ id: '%41' }) }), 'properties/a'],
  ])('refuses %s with StructuredOutputSchemaError, as the SDK refuses it', (_, schema, path) => {
    expect(() => sdk.zodTextFormat(schema, 'x')).toThrow();
    let error: unknown;
    try {
      zodTextFormat(schema, 'x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputSchemaError);
    expect((error as StructuredOutputSchemaError).path).toBe(path);
    // zod's own refusal stays reachable.
    if (/zod cannot write/.test(_)) expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("refuses the SDK's zod 3 option schemaDefinitions (with zod 4 a schema's id makes the definition), rather than sending it", () => {
    const Address = z.object({ street: z.string() });
    const props = { schemaDefinitions: { Address } } as unknown as { description?: string };
    for (const make of [() => zodTextFormat(z.object({ home: Address }), 'x', props), () => zodResponseFormat(z.object({ home: Address }), 'x', props)]) {
      expect(make).toThrow(StructuredOutputSchemaError);
      expect(make).toThrow(/meta\(\{ id/);
    }
    // What it is for, the zod 4 way: a shared schema with an id is a definition.
    const Shared = z.object({ street: z.string() }).meta({ id: 'Address' });
    const format = zodTextFormat(z.object({ home: Shared, work: Shared }), 'x');
    expect(format.schema).toMatchObject({ definitions: { Address: { type: 'object' } }, properties: { home: { $ref: '#/definitions/Address' } } });
  });

  it('takes zod/mini schemas as classic ones: the same formats and tools, and the operators validate with them', async () => {
    const Mini = zm.object({ city: zm.string(), unit: zm.nullable(zm.enum(['C', 'F'])) });
    const Classic = z.object({ city: z.string(), unit: z.enum(['C', 'F']).nullable() });
    expect(zodTextFormat(Mini, 'weather')).toEqual(zodTextFormat(Classic, 'weather'));
    expect(zodResponseFormat(Mini, 'weather')).toEqual(zodResponseFormat(Classic, 'weather'));
    expect(zodFunction({ name: 'f', parameters: Mini })).toEqual(zodFunction({ name: 'f', parameters: Classic }));
    const text = JSON.stringify({ city: 'Oslo', unit: 'C' });
    const events = [{ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: text, sequence_number: 0, logprobs: [] }];
    const parsed: { city: string; unit: 'C' | 'F' | null } = await lastValueFrom(from(events as ResponseStreamEvent[]).pipe(finalParsed(Mini)));
    expect(parsed).toEqual({ city: 'Oslo', unit: 'C' });
    const wrong = JSON.stringify({ city: 5, unit: 'K' });
    const invalid = [{ ...events[0], delta: wrong }] as ResponseStreamEvent[];
    await expect(lastValueFrom(from(invalid).pipe(finalParsed(Mini)))).rejects.toBeInstanceOf(StructuredOutputValidationError);
  });
});

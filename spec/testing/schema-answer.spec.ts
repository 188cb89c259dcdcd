import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { finalParsed, parsedToolCalls, zodFunction, zodResponseFormat, zodResponsesFunction, zodTextFormat } from '../../src/structured/index.js';
import { schemaAnswer } from '../../src/testing/emulator/schema-answer.js';
import { useEmulator } from '../helpers/emulator';
import { propertyRuns } from '../helpers/property-runs';

// Strict Structured Outputs guarantee an answer valid for its schema: the emulator's answers must be too, or code
// under test meets a StructuredOutputValidationError offline that the API cannot cause.

const Node = z.object({
  name: z.string(),
  get children() {
    return z.array(Node);
  },
});
const Tree = z.object({
  label: z.string(),
  get kids() {
    return z.array(Tree).max(3);
  },
});
const Linked = z
  .object({
    value: z.number().int().min(1),
    get next() {
      return Linked.nullable();
    },
  })
  .meta({ id: 'Linked' });
// The recursive branch first: the answer must take the other one where it recurses.
const Expr = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add'),
    get left() {
      return Expr;
    },
    get right() {
      return Expr;
    },
  }),
  z.object({ kind: z.literal('num'), value: z.number().multipleOf(0.5).gt(1) }),
]);
const Folder = z.object({
  name: z.string().min(1).max(20),
  get parent() {
    return Folder.nullable();
  },
  get subfolders() {
    return z.array(Folder).min(1).nullable();
  },
});
const Person = z.object({ name: z.string(), email: z.email() }).meta({ id: 'Person' });

const CASES: Record<string, z.ZodObject> = {
  'recursion through an array': z.object({ tree: Node }),
  'recursion at the root ($ref: "#")': Tree,
  'recursion through a nullable $defs entry (.meta({ id }))': z.object({ list: Linked }),
  'recursion through a discriminated union': z.object({ expr: Expr }),
  'recursion through a non-empty nullable array': z.object({ root: Folder }),
  'a $defs entry used twice': z.object({ author: Person, reviewer: Person.nullable() }),
  'ISO formats': z.object({
    when: z.iso.datetime(),
    millis: z.iso.datetime({ precision: 3 }),
    offset: z.iso.datetime({ offset: true }),
    local: z.iso.datetime({ local: true }),
    day: z.iso.date(),
    time: z.iso.time(),
    seconds: z.iso.time({ precision: 0 }),
    duration: z.iso.duration(),
  }),
  'identifier formats': z.object({
    id: z.uuid(),
    v4: z.uuidv4(),
    v7: z.uuidv7(),
    guid: z.guid(),
    ulid: z.ulid(),
    nanoid: z.nanoid(),
    cuid: z.cuid(),
    cuid2: z.cuid2(),
    ksuid: z.ksuid(),
    xid: z.xid(),
  }),
  'network formats': z.object({
    contact: z.email(),
    site: z.url(),
    http: z.httpUrl(),
    host: z.hostname(),
    ip: z.ipv4(),
    ip6: z.ipv6(),
    net: z.cidrv4(),
    net6: z.cidrv6(),
    phone: z.e164(),
  }),
  // Not base64 / base64url: their `contentEncoding` is refused by strict mode (and by `zodTextFormat`).
  'encoded formats': z.object({ hex: z.hex(), jwt: z.jwt(), emoji: z.emoji() }),
  'string checks': z.object({
    lower: z.string().toLowerCase().lowercase(),
    upper: z.string().uppercase(),
    prefix: z.string().startsWith('ab'),
    suffix: z.string().endsWith('yz'),
    middle: z.string().includes('mm'),
  }),
  'patterns': z.object({
    code: z.string().regex(/^[A-Z]{3}$/),
    sku: z.string().regex(/^SKU-\d{4,6}(-[a-z]{2})?$/),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    version: z.string().regex(/^v?(\d+)\.(\d+)\.(\d+)$/),
    unanchored: z.string().regex(/\d{2}/),
    choice: z.string().regex(/^(red|green|blue)$/),
    counted: z.string().regex(/^[a-f]+$/).min(4).max(6),
  }),
  'lengths': z.object({
    short: z.string().max(3),
    long: z.string().min(30),
    exact: z.string().length(5),
    none: z.string().max(0),
    emailShort: z.email().max(20),
  }),
  'numbers': z.object({
    step: z.number().multipleOf(5).min(1),
    between: z.number().gt(0.5).lt(0.7),
    quarter: z.number().multipleOf(0.25).gt(1),
    tenth: z.number().multipleOf(0.1).gt(0.25).lt(0.35),
    positive: z.number().int().positive(),
    negative: z.number().int().negative(),
    below: z.number().lt(-0.5),
    whole: z.number().int().multipleOf(3).min(10).max(20),
    narrow: z.number().int().gt(2).lt(4),
    half: z.number().int().multipleOf(0.5).min(0.5),
    f32: z.float32(),
    i32: z.int32().min(7),
  }),
  'arrays': z.object({
    pair: z.array(z.string()).min(2).max(2),
    empty: z.array(z.number()).max(0),
    three: z.array(z.email()).length(3),
    nonempty: z.array(z.boolean()).nonempty(),
    nested: z.array(z.array(z.number().min(2)).min(1)).min(2),
  }),
  'enums and literals': z.object({
    level: z.enum(['low', 'high']),
    version: z.literal(2),
    tag: z.literal(['a', 'b']),
    on: z.literal(true),
    nothing: z.null(),
  }),
  'nullable and optional': z.object({
    note: z.string().nullable(),
    count: z.number().min(3).nullable(),
    later: z.iso.date().optional().nullable(),
    when: z.iso.datetime().nullable(),
  }),
  'nested objects': z.object({
    a: z.object({ b: z.object({ c: z.object({ d: z.object({ e: z.string().max(2), f: z.array(z.number().max(-1)) }) }) }) }),
  }),
  'unions': z.object({
    either: z.union([z.email(), z.number().int()]),
    numberFirst: z.union([z.number().multipleOf(7).min(1), z.string()]),
    shape: z.discriminatedUnion('type', [
      z.object({ type: z.literal('circle'), radius: z.number().positive() }),
      z.object({ type: z.literal('square'), side: z.number().gt(0).lt(1) }),
    ]),
  }),
  'a plain object': z.object({ city: z.string(), n: z.number().nullable() }),
};

describe('the emulator answers every strict json_schema format with a value valid for it', () => {
  const ctx = useEmulator();

  it.each(Object.entries(CASES))('Responses: %s', async (name, schema) => {
    const value = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: 'hi', text: { format: zodTextFormat(schema, 'answer') } })
        .pipe(finalParsed(schema)),
    );
    expect(schema.parse(value)).toEqual(value);
  });

  it.each(Object.entries(CASES))('Chat Completions: %s', async (name, schema) => {
    const value = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], response_format: zodResponseFormat(schema, 'answer') })
        .pipe(finalParsed(schema)),
    );
    expect(schema.parse(value)).toEqual(value);
  });

  it('a recursion ends at once with its shortest value', async () => {
    const answer = (schema: z.ZodObject) =>
      lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'hi', text: { format: zodTextFormat(schema, 'answer') } }).pipe(finalParsed(schema)));
    expect(await answer(z.object({ tree: Node }))).toEqual({ tree: { name: 'You said: hi', children: [] } });
    expect(await answer(z.object({ list: Linked }))).toEqual({ list: { value: 1, next: null } });
    expect(await answer(z.object({ expr: Expr }))).toEqual({
      expr: { kind: 'add', left: { kind: 'num', value: 1.5 }, right: { kind: 'num', value: 1.5 } },
    });
    expect(await answer(z.object({ root: Folder }))).toEqual({
      root: { name: 'You said: hi', parent: null, subfolders: [{ name: 'name', parent: null, subfolders: null }] },
    });
  });

  it('known formats get their examples, patterns a matching string, lengths a fitted text', async () => {
    const value = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: 'hi', text: { format: zodTextFormat(CASES['lengths']!, 'answer') } })
        .pipe(finalParsed(CASES['lengths']!)),
    );
    expect(value).toEqual({ short: 'You', long: 'You said: hixxxxxxxxxxxxxxxxxx', exact: 'exact', none: '', emailShort: 'user@example.com' });
  });
});

// A strict function tool's arguments come from the same generator, with the hints of the user's message.
describe("the emulator calls every strict function tool with arguments valid for its schema", () => {
  const ctx = useEmulator();
  const content = 'Use answer for "Oslo" in 3 days';

  it.each(Object.entries(CASES))('Responses: %s', async (name, schema) => {
    const tools = [zodResponsesFunction({ name: 'answer', parameters: schema })];
    const calls = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: content, tools }).pipe(parsedToolCalls({ answer: schema }), toArray()),
    );
    expect(calls).toHaveLength(1);
  });

  it.each(Object.entries(CASES))('Chat Completions: %s', async (name, schema) => {
    const tools = [zodFunction({ name: 'answer', parameters: schema })];
    const calls = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content }], tools })
        .pipe(parsedToolCalls({ answer: schema }), toArray()),
    );
    expect(calls).toHaveLength(1);
  });
});

describe('schemaAnswer', () => {
  const context = { text: 'You said: hi', known: {} };
  const answer = (schema: Record<string, unknown>): unknown => JSON.parse(schemaAnswer(schema, context));

  it('numbers: any satisfiable bounds, multipleOf and integer type give a valid number', () => {
    const steps = [undefined, 0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10];
    const gaps = fc.integer({ min: 0, max: 800 }).map((n) => n / 16);
    const numberSchema = fc
      .record({
        integer: fc.boolean(),
        step: fc.constantFrom(...steps),
        k: fc.integer({ min: -1000, max: 1000 }),
        below: fc.option(fc.record({ gap: gaps, open: fc.boolean() })),
        above: fc.option(fc.record({ gap: gaps, open: fc.boolean() })),
      })
      .map(({ integer, step, k, below, above }) => {
        // a number that satisfies everything, then bounds around it
        const value = step === undefined ? (integer ? k : k / 8) : Number((k * (integer ? Math.ceil(step) : step)).toFixed(2));
        let schema = integer ? z.number().int() : z.number();
        if (step !== undefined) schema = schema.multipleOf(integer ? Math.ceil(step) : step);
        if (below) schema = below.open && below.gap > 0 ? schema.gt(value - below.gap) : schema.min(value - below.gap);
        if (above) schema = above.open && above.gap > 0 ? schema.lt(value + above.gap) : schema.max(value + above.gap);
        return schema;
      });
    fc.assert(
      fc.property(numberSchema, (schema) => {
        const Shape = z.object({ n: schema });
        const value = answer(zodTextFormat(Shape, 'answer').schema);
        expect(Shape.safeParse(value).error?.issues).toBeUndefined();
      }),
      { numRuns: propertyRuns(5_000) },
    );
  });

  it('a value from the conversation is taken only when the schema accepts it', () => {
    const schema = zodTextFormat(z.object({ n: z.number().int().min(10), contact: z.email(), code: z.string().max(3) }), 'answer').schema;
    const from = (known: Record<string, unknown>): unknown => JSON.parse(schemaAnswer(schema, { text: 'Hi', known }));
    expect(from({ n: 12, contact: 'ana@example.org', code: 'abc' })).toEqual({ n: 12, contact: 'ana@example.org', code: 'abc' });
    expect(from({ n: 9, contact: 'Ana', code: 'abcd' })).toEqual({ n: 10, contact: 'user@example.com', code: 'Hi' });
  });

  it('plain JSON schemas: tuples, closed tuples, draft 4 exclusive bounds, required properties beyond the declared', () => {
    expect(answer({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer', minimum: 4 }], items: false })).toEqual([
      'You said: hi',
      4,
    ]);
    expect(answer({ type: 'array', items: [{ const: 'a' }, { type: 'boolean' }], minItems: 3 })).toEqual(['a', true, 'You said: hi']);
    expect(answer({ type: 'number', minimum: 2, exclusiveMinimum: true, maximum: 2.5 })).toBe(2.25);
    expect(answer({ type: 'object', properties: { a: { type: 'integer' } }, required: ['a', 'b'] })).toEqual({ a: 0, b: 'You said: hi' });
  });

  it('hints are taken only where the schema accepts them: any hints give a valid value for every case', () => {
    const schemas = Object.values(CASES).map((schema) => ({ schema, json: zodTextFormat(schema, 'answer').schema }));
    const hints = fc.record({ string: fc.option(fc.string(), { nil: undefined }), number: fc.option(fc.double(), { nil: undefined }) });
    fc.assert(
      fc.property(hints, fc.constantFrom(...schemas), (hint, { schema, json }) => {
        const value: unknown = JSON.parse(schemaAnswer(json, { known: {}, hints: hint }));
        expect(schema.safeParse(value).error?.issues).toBeUndefined();
      }),
      { numRuns: propertyRuns(5_000) },
    );
  });

  it('hints fill strings and numbers; requiredOnly keeps the required properties (all without a required list)', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', maximum: 7 },
        far: { type: 'integer', minimum: 10 },
        extra: { type: 'string' },
        inner: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } },
      },
      required: ['city', 'days', 'far', 'inner'],
    };
    const hints = { string: 'Oslo', number: 3 };
    expect(JSON.parse(schemaAnswer(schema, { known: {}, hints, requiredOnly: true }))).toEqual({
      city: 'Oslo',
      days: 3,
      far: 10,
      inner: { a: 'Oslo', b: 3 },
    });
    expect(JSON.parse(schemaAnswer(schema, { known: {}, hints }))).toMatchObject({ extra: 'Oslo' });
    expect(JSON.parse(schemaAnswer(schema, { known: {} }))).toEqual({
      city: 'city',
      days: 0,
      far: 10,
      extra: 'extra',
      inner: { a: 'a', b: 0 },
    });
  });

  it('a pattern it cannot satisfy falls back to the text fitted to the lengths', () => {
    // a back-reference: no string is built for it
    expect(answer({ type: 'string', pattern: '^(a)\\1b$', maxLength: 5 })).toBe('You s');
  });
});

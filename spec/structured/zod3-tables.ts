/**
 * The two zod 3s the zod 3 specs run with, and tables of schemas written with either: `zod/v3` inside the zod 4
 * package the library depends on, and a zod@3 install (the `zod3` devDependency, `npm:zod@3.25.76`), another
 * package, with other classes and another `ZodError`.
 */
import { z as z3 } from 'zod/v3';
import { z as installed } from 'zod3';

/**
 * A zod 3 namespace. A zod@3 install's is passed as `zod/v3`'s type: the two declare the same classes in other
 * files, which TypeScript does not take for one another; at run time each builds its own package's schemas.
 */
export type Zod3 = typeof z3;

/** Each zod 3 with its name, for `describe.each`: every namespace has its own `ZodError` as `z3.ZodError`. */
export const ZOD3S: ReadonlyArray<[string, Zod3]> = [
  ['zod/v3', z3],
  ['a zod@3 install', installed as unknown as Zod3],
];

/** Schemas for which we send, key for key, what the SDK sends, written with `z3`. */
export function sameAsSdkSchemas(z3: Zod3): Record<string, z3.ZodTypeAny> {
  return {
    flat: z3.object({ city: z3.string(), celsius: z3.number(), sunny: z3.boolean() }),
    described: z3.object({ name: z3.string().describe('the name'), age: z3.number().describe('in years') }).describe('a person'),
    'nested objects and arrays': z3.object({
      steps: z3.array(z3.object({ explanation: z3.string(), output: z3.string() })),
      final_answer: z3.string(),
      meta: z3.object({ tags: z3.array(z3.string()).min(1).max(5), nested: z3.object({ deep: z3.enum(['x', 'y']).nullable() }) }),
    }),
    'enums and literals': z3.object({
      kind: z3.enum(['a', 'b']),
      lit: z3.literal('x'),
      n: z3.literal(3),
      none: z3.literal(null),
      native: z3.nativeEnum({ Up: 'up', Down: 'down' } as const),
    }),
    'nullable object and nullable enum': z3.object({
      address: z3.object({ street: z3.string() }).nullable(),
      unit: z3.enum(['C', 'F']).nullable(),
    }),
    'union of plain types': z3.object({ value: z3.union([z3.string(), z3.number(), z3.boolean()]) }),
    'union of objects told apart by a literal': z3.object({
      either: z3.union([z3.object({ kind: z3.literal('a'), a: z3.string() }), z3.object({ kind: z3.literal('b'), b: z3.number() })]),
    }),
    'discriminated union': z3.object({
      shape: z3.discriminatedUnion('type', [
        z3.object({ type: z3.literal('circle'), radius: z3.number() }),
        z3.object({ type: z3.literal('square'), side: z3.number() }),
      ]),
    }),
    'number checks': z3.object({ n: z3.number().int().min(0).max(10), p: z3.number().positive().lt(5), m: z3.number().multipleOf(3) }),
    // `email()`, `datetime()` and `date()` add their check as a pattern, which the SDK does not: zod3-schemas.spec.ts.
    'string checks': z3.object({
      s: z3.string().min(2).max(8),
      link: z3.string().url(),
      id: z3.string().uuid(),
      word: z3.string().regex(/^[a-z]+$/),
      mail: z3.string().email().regex(/@example\.com$/),
    }),
    'a default': z3.object({ p: z3.string().default('d'), n: z3.number().int().default(2) }),
    'optional and nullable object': z3.object({ o: z3.object({ a: z3.string() }).optional().nullable() }),
    'strict object, brand': z3.object({ a: z3.string().brand('A') }).strict(),
    'any and unknown': z3.object({ a: z3.any(), u: z3.unknown() }),
  };
}

/** zod 3 schemas we refuse, written with `z3`: what, the JSON Schema location, the problem. */
export function refusedSchemas(z3: Zod3): Array<[string, z3.ZodTypeAny, string, RegExp]> {
  return [
    ['an optional field that is not nullable', z3.object({ a: z3.string().optional() }), 'properties/a', /optional but not nullable/],
    ['a nested optional field', z3.object({ o: z3.object({ b: z3.number().optional() }) }), 'properties/o/properties/b', /optional but not nullable/],
    ['a date', z3.object({ when: z3.date() }), 'properties/when', /^Date cannot be represented/],
    ['a nullable date in an array', z3.object({ list: z3.array(z3.date().nullable()) }), 'properties/list/items', /^Date cannot/],
    ['a bigint', z3.object({ o: z3.object({ big: z3.bigint() }) }), 'properties/o/properties/big', /^BigInt cannot/],
    ['a bigint literal', z3.object({ n: z3.literal(BigInt(1)) }), 'properties/n', /^BigInt literals/],
    ['a map', z3.object({ m: z3.map(z3.string(), z3.number()) }), 'properties/m', /^Map cannot/],
    ['a set', z3.object({ s: z3.set(z3.string()) }), 'properties/s', /^Set cannot/],
    ['a promise', z3.object({ p: z3.promise(z3.string()) }), 'properties/p', /^Promises cannot/],
    ['a function', z3.object({ f: z3.function() }), 'properties/f', /^Function types cannot/],
    ['a symbol in a union', z3.object({ u: z3.union([z3.string(), z3.symbol()]) }), 'properties/u/anyOf/1', /^Symbols cannot/],
    ['undefined', z3.object({ u: z3.undefined() }), 'properties/u', /^Undefined cannot/],
    ['a record', z3.object({ r: z3.record(z3.number()) }), 'properties/r', /additional properties \(a record/],
    ['a passthrough object', z3.object({ a: z3.string() }).passthrough(), '<root>', /additional properties/],
    ['a catchall', z3.object({ a: z3.string() }).catchall(z3.number()), '<root>', /additional properties/],
    ['a tuple', z3.object({ t: z3.tuple([z3.string(), z3.number()]) }), 'properties/t', /^Tuples/],
    ['a root that is not an object', z3.array(z3.string()), '<root>', /root must be an object/],
    ['a root union', z3.union([z3.object({ a: z3.string() }), z3.object({ b: z3.string() })]), '<root>', /root must be an object/],
    ['a `__proto__` property', z3.object({ ['__proto__']: z3.string() }), 'properties/__proto__', /__proto__/],
    ['a base64 string (contentEncoding)', z3.object({ data: z3.string().base64() }), 'properties/data', /contentEncoding/],
    ['two patterns (allOf)', z3.object({ s: z3.string().startsWith('a').endsWith('z') }), 'properties/s', /allOf/],
    ['an intersection of one property twice, differently', z3.object({ i: z3.object({ a: z3.string() }).and(z3.object({ a: z3.number() })) }), 'properties/i', /allOf/],
    ['never', z3.object({ n: z3.never() }), 'properties/n', /`not`/],
  ];
}

/**
 * Of those, the ones the SDK sends: `contentEncoding`, which the rules of strict mode (the emulator's) refuse, as
 * they refuse zod 4's `z.base64()` from both.
 */
export const SDK_ACCEPTS = ['a base64 string (contentEncoding)'];


/**
 * Compile-time proof that `objectSchema<T>()` (src/schema/object-schema.ts), which declares the OpenAPI object
 * schemas, checks each schema's output against its interface: a wrong field type, a missing required field, a
 * wider enum or a nested schema of another interface is a compile error. A type test, checked by `tsc`
 * (`npm test` runs the type check beside jest).
 */
import { expectTypeOf } from 'expect-type';
import { z } from 'zod';
import { objectSchema, type ObjectSchema } from '../../src/schema/object-schema';

interface Part {
  type: 'part';
  text: string;
}
interface Whole {
  id: string;
  status: 'queued' | 'done';
  size?: number | null;
  parts: Part[];
}

const PartSchema = objectSchema<Part>(z.object({ type: z.literal('part'), text: z.string() }));
const WholeSchema = objectSchema<Whole>(
  z.object({ id: z.string(), status: z.enum(['queued', 'done']), size: z.number().nullable().optional(), parts: z.array(PartSchema) }),
);

// What users get: the declared type, with zod's methods, whose output is the interface.
expectTypeOf(WholeSchema).toEqualTypeOf<ObjectSchema<Whole>>();
expectTypeOf(WholeSchema.parse({})).toEqualTypeOf<Whole>();
expectTypeOf(WholeSchema.nullable().parse(null)).toEqualTypeOf<Whole | null>();
// An option of a discriminated union, as the event schemas use them.
expectTypeOf(z.discriminatedUnion('type', [PartSchema]).parse({})).toEqualTypeOf<Part>();

// @ts-expect-error `id` is a number, the interface says string
objectSchema<Whole>(z.object({ id: z.number(), status: z.enum(['queued', 'done']), parts: z.array(PartSchema) }));
// @ts-expect-error `parts` is missing
objectSchema<Whole>(z.object({ id: z.string(), status: z.enum(['queued', 'done']) }));
// @ts-expect-error `status` allows a value the interface does not
objectSchema<Whole>(z.object({ id: z.string(), status: z.enum(['queued', 'done', 'lost']), parts: z.array(PartSchema) }));
// @ts-expect-error `parts` holds wholes, not parts
objectSchema<Whole>(z.object({ id: z.string(), status: z.enum(['queued', 'done']), parts: z.array(WholeSchema) }));
// @ts-expect-error `size` may be a string, the interface says number or null
objectSchema<Whole>(z.object({ id: z.string(), status: z.enum(['queued', 'done']), size: z.string().optional(), parts: z.array(PartSchema) }));
// @ts-expect-error not an object schema (no `propValues`), so it cannot be a union option
objectSchema<Part>(z.union([PartSchema, PartSchema]));

import type { z } from 'zod';

/**
 * The declared type of an object schema: a zod schema whose output is `T` (a declared interface of
 * `src/wire/`), which `z.discriminatedUnion()` accepts as an option. Declaring schemas this way keeps their
 * declarations one line long and makes the compiler check each schema against its interface.
 *
 * @example
 * import type { ObjectSchema } from 'rx-openai-stream/schemas';
 * import type { Thread } from 'rx-openai-stream';
 * const schema: ObjectSchema<Thread> = ThreadSchema; // every object schema of rx-openai-stream/schemas is one
 */
export type ObjectSchema<T> = z.ZodType<T> & ObjectShapeValues;

/** What an object schema has beyond `z.ZodType`: its properties' literal values, which `z.discriminatedUnion()` reads. */
type ObjectShapeValues = { _zod: { propValues: z.core.util.PropValues } };

/**
 * Declares an object schema as an `ObjectSchema<T>`, once the compiler checked that its output is a `T`.
 *
 * The parameter's type is zod's core type (`$ZodType<T>`: what the schema produces), so the check compares outputs
 * only. Annotating the constant (`const ThreadSchema: ObjectSchema<Thread> = z.object(...)`) checks the same thing
 * but makes the compiler compare every method of zod's classes too, for every schema: for the 310 object schemas of
 * src/schema that was 15 of the project's 22 s of type checking (`tsc -p tsconfig.build.json --noEmit
 * --extendedDiagnostics`, check time 22.0 s before, 7.2 s after). A schema that refers to itself (through a getter)
 * keeps the annotation as well, which TypeScript needs to type the reference. A module that declares schemas so
 * imports the type `ObjectSchema` too, even where its source does not name it: its declarations then name it (without
 * the import, each reads `import("../object-schema.js").ObjectSchema<...>`).
 *
 * @example
 * import { z } from 'zod';
 * import type { Thread } from '../wire/assistants.js';
 * export const ThreadSchema = objectSchema<Thread>(z.object({ id: z.string(), object: z.literal('thread') }));
 */
/* @__NO_SIDE_EFFECTS__ */
export function objectSchema<T>(schema: z.core.$ZodType<T> & ObjectShapeValues): ObjectSchema<T> {
  return schema as ObjectSchema<T>;
}

/**
 * Declares a schema that is not an object schema (an enum, a union, a record, a nullable) as the type its constant is
 * annotated with: `const ImageDetailSchema: z.ZodType<ImageDetail> = typedSchema(z.enum([...]))`. The compiler then
 * compares two instances of `z.ZodType` by their output type alone; without the call it compares every member of
 * the schema's own class (`ZodEnum`, `ZodUnion`, ...) with every member of `ZodType`, once per constant. The check is
 * the same: a schema whose output is not the annotated type fails to compile. For the 100 constants of src/schema
 * so declared, `tsc -p tsconfig.json --noEmit --incremental false --extendedDiagnostics` went from 395,196 types and
 * 1,134,158 instantiations (1.09 GB) to 322,197 and 912,275 (0.92 GB). The declarations are the same: they keep the
 * annotation.
 *
 * @example
 * import { z } from 'zod';
 * import type { ImageDetail } from '../wire/assistants.js';
 * export const ImageDetailSchema: z.ZodType<ImageDetail> = typedSchema(z.enum(['auto', 'low', 'high']));
 */
/* @__NO_SIDE_EFFECTS__ */
export function typedSchema<T>(schema: z.core.$ZodType<T>): z.ZodType<T> {
  return schema as z.ZodType<T>;
}

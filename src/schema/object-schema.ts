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

import type { z } from 'zod';

/**
 * The declared type of an object schema: a zod schema whose output is `T` (a declared interface of
 * `src/wire/`), which `z.discriminatedUnion()` accepts as an option. Declaring schemas this way keeps their
 * declarations one line long and makes the compiler check each schema against its interface.
 *
 * @example
 * import { z } from 'zod';
 * import type { Thread } from '../wire/assistants.js';
 * export const ThreadSchema: ObjectSchema<Thread> = z.object({ id: z.string(), object: z.literal('thread') });
 */
export type ObjectSchema<T> = z.ZodType<T> & { _zod: { propValues: z.core.util.PropValues } };

/**
 * The zod schemas the structured helpers take: zod 4's (classic `zod` or `zod/mini`, read through zod's core type
 * `_zod`) and zod 3's (`import { z } from 'zod/v3'`, or a zod@3 install), read through `_def` and `safeParse()`.
 * zod 3 is declared here by shape, as the helpers use it, so the declarations never import zod 3's types.
 */
import type { z } from 'zod';
import { kindOf } from '../errors/excerpt.js';

/**
 * A zod 3 schema, by the parts the helpers use: `_def` (what it is, for the JSON Schema), `_output` (the type it
 * parses to) and `safeParse()`. Schemas of `zod/v3` (in the zod 4 package) and of a zod@3 install fit it alike.
 *
 * @example
 * import { z as z3 } from 'zod/v3';
 * const Weather: Zod3Schema<{ city: string }> = z3.object({ city: z3.string() });
 */
export interface Zod3Schema<Output = unknown> {
  /** zod 3's definition of the schema (`typeName`, and the fields of its kind). */
  readonly _def: object;
  /** The type the schema parses to (zod 3 declares it; it holds no value). */
  readonly _output: Output;
  /** Validates a value: `{ success: true, data }`, or `{ success: false, error }` with zod 3's issues. */
  safeParse(value: unknown): Zod3SafeParseResult<Output>;
}

/**
 * What a zod 3 schema's `safeParse()` returns, by the parts the helpers read.
 *
 * @example
 * const result: Zod3SafeParseResult<{ city: string }> = Weather.safeParse({ city: 'Oslo' });
 * if (!result.success) console.error(result.error.issues);
 */
export type Zod3SafeParseResult<Output> =
  | { readonly success: true; readonly data: Output }
  | {
      readonly success: false;
      readonly error: { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: string | undefined }[] };
    };

/**
 * A zod schema of either major version: zod 4's core type (classic or `zod/mini`) or a {@link Zod3Schema}.
 *
 * @example
 * import { z } from 'zod';
 * import { z as z3 } from 'zod/v3';
 * const schemas: AnyZodSchema[] = [z.object({ a: z.string() }), z3.object({ a: z3.string() })];
 */
export type AnyZodSchema = z.core.$ZodType | Zod3Schema;

/**
 * The type a zod schema of either version parses to: zod 4's `z.output<S>`, a zod 3 schema's `_output`.
 *
 * @example
 * import { z as z3 } from 'zod/v3';
 * const Weather = z3.object({ city: z3.string() });
 * type Weather = ZodOutput<typeof Weather>; // { city: string }
 */
export type ZodOutput<S> = S extends { readonly _zod: { readonly output: unknown } }
  ? z.output<S>
  : S extends { readonly _output: infer O }
    ? O
    : unknown;

/**
 * The type a zod schema of either version reads: zod 4's `z.input<S>`, a zod 3 schema's `_input`. What the model
 * writes, so what the partial values of a stream are (`partialParsed()`); it differs from {@link ZodOutput} where
 * the schema transforms, coerces or fills in defaults.
 *
 * @example
 * import { z as z3 } from 'zod/v3';
 * const Count = z3.object({ n: z3.string().transform(Number) });
 * type Written = ZodInput<typeof Count>; // { n: string }
 * type Parsed = ZodOutput<typeof Count>; // { n: number }
 */
export type ZodInput<S> = S extends { readonly _zod: { readonly input: unknown } }
  ? z.input<S>
  : S extends { readonly _input: infer I }
    ? I
    : unknown;

/**
 * Whether a value is a zod 4 schema (classic or `zod/mini`): an object with zod's core `_zod`, which zod 3's schemas
 * have not. The helpers tell the versions apart by it and {@link isZod3Schema} (which refuses what this accepts).
 *
 * @internal
 * @example
 * isZod4Schema(z.object({})); // true
 * isZod4Schema(zm.object({})); // true (zod/mini)
 * isZod4Schema(z3.object({})); // false
 */
export function isZod4Schema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * Whether a value is a zod 3 schema: not a zod 4 one ({@link isZod4Schema}), with `_def` of a string `typeName`
 * (zod 4's defs have `type`), and `safeParse`.
 *
 * @internal
 * @example
 * isZod3Schema(z3.object({})); // true
 * isZod3Schema(z.object({})); // false
 */
export function isZod3Schema(value: unknown): value is Zod3Schema {
  if (typeof value !== 'object' || value === null || isZod4Schema(value)) return false;
  const def = (value as { _def?: unknown })._def;
  return (
    typeof def === 'object' &&
    def !== null &&
    typeof (def as { typeName?: unknown }).typeName === 'string' &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

/**
 * Whether a value is a zod schema of either version (a tool loop tells zod tools from JSON-schema tools by it).
 *
 * @internal
 * @example
 * isZodSchema(z.object({ city: z.string() })); // true
 * isZodSchema({ type: 'object' }); // false
 */
export function isZodSchema(value: unknown): value is AnyZodSchema {
  return isZod4Schema(value) || isZod3Schema(value);
}

/**
 * Throws a `TypeError` naming `where` when `value` is no zod schema: a structured operator given a name, a JSON
 * schema or a parser fails when it is called, not at the first value with an error from deep inside.
 *
 * @internal
 * @example
 * checkZodSchema('Recipe', 'finalParsed'); // TypeError: finalParsed: expected a zod schema (zod 4, zod/mini or zod 3) (got string)
 */
export function checkZodSchema(value: unknown, where: string): void {
  if (!isZodSchema(value)) throw new TypeError(`${where}: expected a zod schema (zod 4, zod/mini or zod 3) (got ${kindOf(value)})`);
}

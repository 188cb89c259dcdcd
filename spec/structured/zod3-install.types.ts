/**
 * Type tests of schemas from a zod@3 install (the `zod3` devDependency, another package than `zod/v3`), checked by
 * `tsc` (`npm run typecheck`), not run by jest: the helpers take them, by shape, and infer what they parse to.
 */
import { expectTypeOf } from 'expect-type';
import { type Observable, of } from 'rxjs';
import { z as z3 } from 'zod3';
import type { ResponseStreamEvent } from '../../src/index';
import {
  finalParsed,
  partialParsed,
  toStrictJsonSchema,
  zodFunction,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
  zodTool,
  type AnyZodSchema,
  type DeepPartial,
  type JsonSchemaTextFormat,
  type Zod3Schema,
  type ZodOutput,
} from '../../src/structured';

const Weather = z3.object({ city: z3.string(), celsius: z3.number(), unit: z3.enum(['C', 'F']).nullable() });
type Weather = { city: string; celsius: number; unit: 'C' | 'F' | null };
declare const events$: Observable<ResponseStreamEvent>;

const asZod3: Zod3Schema<Weather> = Weather;
const asAny: AnyZodSchema = Weather;
void [asZod3, asAny];
expectTypeOf<ZodOutput<typeof Weather>>().toEqualTypeOf<Weather>();
// The output, not the input: a transform changes the type, a default fills the field.
const Counted = z3.object({ word: z3.string().transform((s) => s.length), days: z3.number().default(1) });
expectTypeOf<ZodOutput<typeof Counted>>().toEqualTypeOf<{ word: number; days: number }>();

expectTypeOf(zodTextFormat(Weather, 'weather')).toEqualTypeOf<JsonSchemaTextFormat>();
zodResponseFormat(Weather, 'weather');
zodFunction({ name: 'get_weather', parameters: Weather });
zodResponsesFunction({ name: 'get_weather', parameters: Weather });
toStrictJsonSchema(Weather);

// A recursive schema annotated with the install's ZodType.
interface Tree {
  label: string;
  children: Tree[];
}
const Tree: z3.ZodType<Tree> = z3.lazy(() => z3.object({ label: z3.string(), children: z3.array(Tree) }));
expectTypeOf(events$.pipe(finalParsed(Tree))).toEqualTypeOf<Observable<Tree>>();

expectTypeOf(events$.pipe(finalParsed(Weather))).toEqualTypeOf<Observable<Weather>>();
expectTypeOf(events$.pipe(partialParsed(Weather))).toEqualTypeOf<Observable<DeepPartial<Weather>>>();

zodTool({
  name: 'get_weather',
  parameters: Weather,
  execute: (args) => {
    expectTypeOf(args).toEqualTypeOf<Weather>();
    return of(args.celsius);
  },
});
// @ts-expect-error the arguments are the schema's: `town` is not one of them
zodTool({ name: 'x', parameters: z3.object({ city: z3.string() }), execute: ({ town }) => town });

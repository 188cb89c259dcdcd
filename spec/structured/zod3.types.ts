/**
 * Type tests of zod 3 schemas in the structured helpers, checked by `tsc` (`npm run typecheck`), not run by jest:
 * each helper takes a zod 3 schema and infers what it parses to, as it does for zod 4.
 */
import { expectTypeOf } from 'expect-type';
import { type Observable, of } from 'rxjs';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod/v3';
import { createClient, type ChatCompletion, type ResponseStreamEvent } from '../../src/index';
import {
  finalParsed,
  parsedToolCalls,
  parseStructuredOutput,
  partialParsed,
  runChatTools,
  structuredOutput,
  toStrictJsonSchema,
  zodFunction,
  zodResponseFormat,
  zodResponsesFunction,
  zodTextFormat,
  zodTool,
  type AnyZodSchema,
  type DeepPartial,
  type JsonSchemaTextFormat,
  type RunnableTool,
  type StructuredOutputSnapshot,
  type Zod3Schema,
  type ZodInput,
  type ZodOutput,
} from '../../src/structured';

const Weather = z3.object({ city: z3.string(), celsius: z3.number(), unit: z3.enum(['C', 'F']).nullable() });
type Weather = { city: string; celsius: number; unit: 'C' | 'F' | null };
declare const events$: Observable<ResponseStreamEvent>;
declare const completion: ChatCompletion;

// A zod 3 schema is a Zod3Schema of its output, and an AnyZodSchema; ZodOutput reads either version.
const asZod3: Zod3Schema<Weather> = Weather;
const asAny: AnyZodSchema = Weather;
void [asZod3, asAny];
expectTypeOf<ZodOutput<typeof Weather>>().toEqualTypeOf<Weather>();
expectTypeOf<ZodOutput<z.ZodObject<{ city: z.ZodString }>>>().toEqualTypeOf<{ city: string }>();
expectTypeOf<ZodOutput<zm.ZodMiniString>>().toEqualTypeOf<string>();
// A zod/mini schema's output (not its input: the default fills `days`, the nullable adds null).
const MiniWeather = zm.object({ city: zm.string(), days: zm._default(zm.number(), 1), unit: zm.nullable(zm.enum(['C', 'F'])) });
expectTypeOf<ZodOutput<typeof MiniWeather>>().toEqualTypeOf<{ city: string; days: number; unit: 'C' | 'F' | null }>();
expectTypeOf<ZodOutput<typeof MiniWeather>>().not.toEqualTypeOf<z.input<typeof MiniWeather>>();
// Neither version's schema: unknown.
expectTypeOf<ZodOutput<{ city: string }>>().toBeUnknown();
// zod 3's output, not its input: a default fills the field, a transform changes the type.
const Counted = z3.object({ word: z3.string().transform((s) => s.length), days: z3.number().default(1) });
expectTypeOf<ZodOutput<typeof Counted>>().toEqualTypeOf<{ word: number; days: number }>();
// Its input, what the model writes: what the partial values are.
expectTypeOf<ZodInput<typeof Counted>>().toEqualTypeOf<{ word: string; days?: number | undefined }>();
expectTypeOf(events$.pipe(partialParsed(Counted))).toEqualTypeOf<Observable<DeepPartial<{ word: string; days?: number | undefined }>>>();
events$.pipe(structuredOutput(Counted)).subscribe((s) => {
  expectTypeOf(s.partial.word).toEqualTypeOf<string | undefined>();
  if (s.done) expectTypeOf(s.parsed.word).toEqualTypeOf<number>();
});

// The request helpers take it.
expectTypeOf(zodTextFormat(Weather, 'weather')).toEqualTypeOf<JsonSchemaTextFormat>();
zodResponseFormat(Weather, 'weather', { description: 'the weather' });
zodFunction({ name: 'get_weather', parameters: Weather });
zodResponsesFunction({ name: 'get_weather', parameters: Weather, defer_loading: true });
toStrictJsonSchema(Weather);
// A recursive schema annotated with zod 3's ZodType (whose `_def` type says no `typeName`) fits too.
interface Tree {
  label: string;
  children: Tree[];
}
const Tree: z3.ZodType<Tree> = z3.lazy(() => z3.object({ label: z3.string(), children: z3.array(Tree) }));
zodTextFormat(z3.object({ tree: Tree }), 'tree');
expectTypeOf(events$.pipe(finalParsed(Tree))).toEqualTypeOf<Observable<Tree>>();

// @ts-expect-error a zod 3 look-alike without safeParse is no schema
zodTextFormat({ _def: { typeName: 'ZodObject' }, _output: {} }, 'x');
// @ts-expect-error a JSON Schema is no zod schema (jsonSchemaTool takes those)
zodResponsesFunction({ name: 'f', parameters: { type: 'object', properties: {} } });

// The operators infer the output of a zod 3 schema.
expectTypeOf(events$.pipe(finalParsed(Weather))).toEqualTypeOf<Observable<Weather>>();
expectTypeOf(events$.pipe(finalParsed(Counted))).toEqualTypeOf<Observable<{ word: number; days: number }>>();
expectTypeOf(events$.pipe(partialParsed(Weather))).toEqualTypeOf<Observable<DeepPartial<Weather>>>();
expectTypeOf(events$.pipe(structuredOutput(Weather))).toEqualTypeOf<Observable<StructuredOutputSnapshot<Weather>>>();
expectTypeOf(parseStructuredOutput(completion, Weather)).toEqualTypeOf<Weather>();
events$.pipe(parsedToolCalls({ get_weather: Weather, get_time: z.object({ zone: z.string() }) })).subscribe((call) => {
  // One member per tool, of either version: the name narrows the arguments.
  if (call.name === 'get_weather') expectTypeOf(call.parsedArguments).toEqualTypeOf<Weather>();
  else expectTypeOf(call.parsedArguments).toEqualTypeOf<{ zone: string }>();
});
events$.pipe(finalParsed(Weather)).subscribe((weather) => {
  // @ts-expect-error the output is the schema's: there is no `town`
  void weather.town;
});

// zodTool infers the arguments from a zod 3 schema; zod 3 and zod 4 tools fit one list.
const getWeather = zodTool({
  name: 'get_weather',
  parameters: Weather,
  execute: (args) => {
    expectTypeOf(args).toEqualTypeOf<Weather>();
    return of(args.celsius);
  },
});
const getTime = zodTool({ name: 'get_time', parameters: z.object({ zone: z.string() }), execute: ({ zone }) => zone });
const tools: readonly RunnableTool[] = [getWeather, getTime];
runChatTools(createClient({ apiKey: 'k' }), { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { tools });
// @ts-expect-error the arguments are the schema's: `town` is not one of them
zodTool({ name: 'x', parameters: z3.object({ city: z3.string() }), execute: ({ town }) => town });

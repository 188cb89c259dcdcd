import type { OperatorFunction } from 'rxjs';
import { type AnyZodSchema, checkZodSchema, type ZodInput, type ZodOutput } from './zod-schema.js';
import { createPartialJsonParser, type DeepPartial } from './partial-json-parser.js';
import { SKIP, withSteps } from './per-subscription.js';
import {
  structuredText,
  validate,
  type StructuredOutputOptions,
  type StructuredOutputStreamValue,
} from './structured-text.js';

/**
 * What {@link structuredOutput} emits: `{ done: false, partial }` while the output streams, then once
 * `{ done: true, partial, parsed }` with the output validated by the schema. `partial` is the JSON as written (of
 * the schema's input type `I`), `parsed` what the schema made of it (its output type `T`); they differ where the
 * schema transforms, coerces or fills in defaults.
 *
 * @example
 * const show = (s: StructuredOutputSnapshot<z.infer<typeof Recipe>>) => (s.done ? save(s.parsed) : render(s.partial));
 */
export type StructuredOutputSnapshot<T, I = T> =
  | { readonly done: false; readonly partial: DeepPartial<I> }
  | { readonly done: true; readonly partial: DeepPartial<I>; readonly parsed: T };

/**
 * Emits `{ done: false, partial }` after each delta that changed the structured output (as
 * {@link partialParsed}), and at the end of the stream `{ done: true, partial, parsed }`: `parsed` is the whole
 * output validated with `schema` (zod's output, so transforms apply; a zod 4 or a zod 3 schema), what the official SDK gives as
 * `output_parsed` / `message.parsed`. Fails with `StructuredOutputParseError` (not JSON, or cut short),
 * `StructuredOutputValidationError` (the schema refuses it), `StructuredOutputRefusalError`,
 * `StructuredOutputIncompleteError` (`length`, `content_filter`, `response.incomplete`, `response.failed`) or
 * `StructuredOutputToolCallsError` (tool calls instead of an answer); all are `StructuredOutputError`s. Reads Chat
 * Completions chunks (choice `choice`, default 0) and Responses events; several turns and resumed Responses
 * streams as {@link partialParsed} does.
 *
 * @example
 * import { structuredOutput } from 'rx-openai-stream/structured';
 *
 * chunks$.pipe(structuredOutput(Recipe)).subscribe((s) => {
 *   if (s.done) save(s.parsed);
 *   else render(s.partial);
 * });
 */
export function structuredOutput<S extends AnyZodSchema>(
  schema: S,
  options: StructuredOutputOptions = {},
): OperatorFunction<StructuredOutputStreamValue, StructuredOutputSnapshot<ZodOutput<S>, ZodInput<S>>> {
  checkZodSchema(schema, 'structuredOutput');
  type T = ZodOutput<S>;
  type I = ZodInput<S>;
  return withSteps(() => {
    // One text tracker and one parser per subscription.
    const text = structuredText(options);
    let parser = createPartialJsonParser();
    let previous: unknown;
    let turn = 0;
    return {
      next(value): StructuredOutputSnapshot<T, I> | typeof SKIP {
        const piece = text.next(value);
        if (text.turn !== turn) {
          // Another completion / response began: its text is the output, parsed from its start.
          turn = text.turn;
          parser = createPartialJsonParser();
          previous = undefined;
        }
        if (piece === undefined) return SKIP;
        const partial = parser.push(piece);
        if (partial === previous || partial === undefined) return SKIP;
        previous = partial;
        return { done: false, partial: partial as DeepPartial<I> };
      },
      complete(): StructuredOutputSnapshot<T, I> {
        text.complete();
        const final = parser.end();
        return { done: true, partial: final as DeepPartial<I>, parsed: validate(final, schema) };
      },
    };
  });
}

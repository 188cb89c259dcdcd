import type { OperatorFunction } from 'rxjs';
import type { AnyZodSchema, ZodOutput } from './zod-schema.js';
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
 * `{ done: true, partial, parsed }` with the output validated by the schema.
 *
 * @example
 * const show = (s: StructuredOutputSnapshot<Recipe>) => (s.done ? save(s.parsed) : render(s.partial));
 */
export type StructuredOutputSnapshot<T> =
  | { readonly done: false; readonly partial: DeepPartial<T> }
  | { readonly done: true; readonly partial: DeepPartial<T>; readonly parsed: T };

/**
 * Emits `{ done: false, partial }` after each delta that changed the structured output (as
 * {@link partialParsed}), and at the end of the stream `{ done: true, partial, parsed }`: `parsed` is the whole
 * output validated with `schema` (zod's output, so transforms apply; a zod 4 or a zod 3 schema), what the official SDK gives as
 * `output_parsed` / `message.parsed`. Fails with `StructuredOutputParseError` (not JSON, or cut short),
 * `StructuredOutputValidationError` (the schema refuses it), `StructuredOutputRefusalError`,
 * `StructuredOutputIncompleteError` (`length`, `content_filter`, `response.incomplete`) or
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
): OperatorFunction<StructuredOutputStreamValue, StructuredOutputSnapshot<ZodOutput<S>>> {
  type T = ZodOutput<S>;
  return withSteps(() => {
    // One text tracker and one parser per subscription.
    const text = structuredText(options);
    let parser = createPartialJsonParser();
    let previous: unknown;
    let turn = 0;
    return {
      next(value): StructuredOutputSnapshot<T> | typeof SKIP {
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
        return { done: false, partial: partial as DeepPartial<T> };
      },
      complete(): StructuredOutputSnapshot<T> {
        text.complete();
        const final = parser.end();
        return { done: true, partial: final as DeepPartial<T>, parsed: validate(final, schema) };
      },
    };
  });
}

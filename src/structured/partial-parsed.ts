import type { OperatorFunction } from 'rxjs';
import type { z } from 'zod';
import { type AnyZodSchema, checkZodSchema, type ZodInput } from './zod-schema.js';
import { createPartialJsonParser, type DeepPartial } from './partial-json-parser.js';
import { SKIP, withSteps } from './per-subscription.js';
import {
  structuredText,
  validate,
  type StructuredOutputOptions,
  type StructuredOutputStreamValue,
} from './structured-text.js';

/**
 * Emits the structured output parsed so far, each time a delta changed it: a deep-partial object (see
 * {@link createPartialJsonParser} for what is shown when), a new value sharing every finished part with the
 * previous one. It is the JSON as the model writes it, typed by the schema's input ({@link ZodInput}): a
 * transform, a coercion or a default applies to the whole output only (`finalParsed()`, `structuredOutput()`'s
 * `parsed`). Reads Chat Completions chunks (`delta.content` of choice `choice`, default 0) and Responses events
 * (`response.output_text.delta`). At the end of the stream the JSON must be complete (else
 * `StructuredOutputParseError`) and, when `schema` (zod 4's or zod 3's) is given, valid (else `StructuredOutputValidationError`); a
 * refusal is `StructuredOutputRefusalError`, a `length` / `content_filter` finish, `response.incomplete` or `response.failed` is
 * `StructuredOutputIncompleteError`, tool calls instead of an answer `StructuredOutputToolCallsError`. Everything
 * emitted before an error stays valid. A stream of several turns (a tool loop's `event`s) starts again at each new
 * completion / response; a Responses stream resumed with `starting_after` shows nothing until its terminal event
 * brings the whole text (a tail of the text is not parsed), and fails with `MissingStreamStartError` without one.
 * A stream that brought no value at all fails with `MissingResponseError`.
 *
 * @example
 * import { partialParsed, zodTextFormat } from 'rx-openai-stream/structured';
 *
 * client.responses
 *   .stream({ model: 'gpt-4o', input, text: { format: zodTextFormat(Recipe, 'recipe') } })
 *   .pipe(partialParsed(Recipe))
 *   .subscribe((recipe) => render(recipe.title ?? '', recipe.steps ?? []));
 */
export function partialParsed<S extends AnyZodSchema = z.core.$ZodType<unknown>>(
  schema?: S,
  options: StructuredOutputOptions = {},
): OperatorFunction<StructuredOutputStreamValue, DeepPartial<ZodInput<S>>> {
  if (schema !== undefined) checkZodSchema(schema, 'partialParsed');
  return withSteps(() => {
    // One text tracker and one parser per subscription.
    const text = structuredText(options);
    let parser = createPartialJsonParser();
    let previous: unknown;
    let turn = 0;
    return {
      next(value) {
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
        return partial as DeepPartial<ZodInput<S>>;
      },
      complete() {
        text.complete();
        const final = parser.end();
        validate(final, schema);
        // A top-level number (or anything that only ended with the text) shows up now.
        return final === previous ? SKIP : (final as DeepPartial<ZodInput<S>>);
      },
    };
  });
}

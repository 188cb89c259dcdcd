import type { OperatorFunction } from 'rxjs';
import { type AnyZodSchema, checkZodSchema, type ZodOutput } from './zod-schema.js';
import { isStructuredOutputFinal, parseStructuredOutput, type StructuredOutputFinal } from './parse-structured-output.js';
import { SKIP, withSteps } from './per-subscription.js';
import {
  parseAndValidate,
  structuredText,
  type StructuredOutputOptions,
  type StructuredOutputStreamValue,
} from './structured-text.js';

/**
 * Emits once, when the stream completes: the structured output parsed and validated with `schema` (zod's output;
 * a zod 4 or a zod 3 schema, validated by its own zod), what the official SDK gives as `response.output_parsed` (Responses) or `choices[i].message.parsed` (Chat
 * Completions). Nothing is parsed before the end (use {@link partialParsed} or {@link structuredOutput} to see
 * it grow). Fails like {@link structuredOutput}: `StructuredOutputParseError`, `StructuredOutputValidationError`,
 * `StructuredOutputRefusalError`, `StructuredOutputIncompleteError`, and `StructuredOutputToolCallsError` when the
 * model called tools instead of answering (the SDK's `parsed: null`).
 *
 * It parses the whole text, never a part of it: a stream of several turns (a tool loop's `event`s) gives the
 * last completion's / response's output; a Responses stream resumed with `starting_after` (which lacks the start
 * of the text) gives the output of its terminal event's response, as the SDK's `output_parsed` after a resume, and
 * fails with `MissingStreamStartError` when that event did not come. A stream that brought no value at all (one by
 * id after its last event) fails with `MissingResponseError`, as `finalResponse()` does.
 *
 * Reads a stream (Responses events, Chat Completions chunks) and whole answers alike: over an Observable of
 * finished `Response` / `ChatCompletion` objects (`client.responses.create()`, `client.chat.completions.create()`,
 * `finalResponse()`), it parses the last one's output as {@link parseStructuredOutput} does, with the same errors
 * (the SDK's `responses.parse()` / `chat.completions.parse()`).
 *
 * @example
 * import { z } from 'zod';
 * import { finalParsed, zodTextFormat } from 'rx-openai-stream/structured';
 *
 * const Weather = z.object({ city: z.string(), celsius: z.number() });
 * client.responses
 *   .stream({ model: 'gpt-4o', input: 'Paris?', text: { format: zodTextFormat(Weather, 'weather') } })
 *   .pipe(finalParsed(Weather))
 *   .subscribe((weather) => console.log(weather.celsius));
 *
 * // Not streamed: the same operator on the whole response.
 * client.responses
 *   .create({ model: 'gpt-4o', input: 'Paris?', text: { format: zodTextFormat(Weather, 'weather') } })
 *   .pipe(finalParsed(Weather))
 *   .subscribe((weather) => console.log(weather.celsius));
 */
export function finalParsed<S extends AnyZodSchema>(
  schema: S,
  options: StructuredOutputOptions = {},
): OperatorFunction<StructuredOutputStreamValue | StructuredOutputFinal, ZodOutput<S>> {
  checkZodSchema(schema, 'finalParsed');
  return withSteps(() => {
    const text = structuredText(options);
    let json = '';
    let whole: StructuredOutputFinal | undefined;
    let turn = 0;
    return {
      next(value) {
        if (isStructuredOutputFinal(value)) whole = value;
        else {
          const piece = text.next(value);
          if (text.turn !== turn) {
            // Another completion / response began: its text is the output.
            turn = text.turn;
            json = '';
          }
          if (piece !== undefined) json += piece;
        }
        return SKIP;
      },
      complete() {
        if (whole !== undefined) return parseStructuredOutput(whole, schema, options);
        text.complete();
        return parseAndValidate(json, schema);
      },
    };
  });
}

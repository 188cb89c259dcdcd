import type { OperatorFunction } from 'rxjs';
import { SKIP, withSteps } from './per-subscription.js';
import type { z } from 'zod';
import {
  parseAndValidate,
  structuredText,
  type StructuredOutputOptions,
  type StructuredOutputStreamValue,
} from './structured-text.js';

/**
 * Emits once, when the stream completes: the structured output parsed and validated with `schema` (zod's output),
 * what the official SDK gives as `response.output_parsed` (Responses) or `choices[i].message.parsed` (Chat
 * Completions). Nothing is parsed before the end (use {@link partialParsed} or {@link structuredOutput} to see
 * it grow). Fails like {@link structuredOutput}: `StructuredOutputParseError`, `StructuredOutputValidationError`,
 * `StructuredOutputRefusalError`, `StructuredOutputIncompleteError`.
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
 */
export function finalParsed<S extends z.core.$ZodType>(
  schema: S,
  options: StructuredOutputOptions = {},
): OperatorFunction<StructuredOutputStreamValue, z.output<S>> {
  return withSteps(() => {
    const text = structuredText(options);
    let json = '';
    return {
      next(value) {
        const piece = text.next(value);
        if (piece !== undefined) json += piece;
        return SKIP;
      },
      complete() {
        text.complete();
        return parseAndValidate(json, schema);
      },
    };
  });
}

/**
 * What the structured-output operators read from a stream: the text of the structured output, piece by piece,
 * and the signs that there will be no valid output (a refusal, a cut). One tracker per subscription.
 */
import { z } from 'zod';
import {
  StructuredOutputIncompleteError,
  StructuredOutputRefusalError,
  StructuredOutputValidationError,
} from '../errors/structured-errors.js';
import { chatProtocol } from '../chat/protocol.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { createPartialJsonParser } from './partial-json-parser.js';

/**
 * A value of a stream that can carry a structured output: a Chat Completions chunk or a Responses event.
 *
 * @example
 * const values$: Observable<StructuredOutputStreamValue> = client.responses.stream(params);
 */
export type StructuredOutputStreamValue = ResponseStreamEvent | ChatCompletionChunk;

/**
 * Options of the structured-output operators.
 *
 * @example
 * chunks$.pipe(finalParsed(Weather, { choice: 1 }));
 */
export interface StructuredOutputOptions {
  /** Chat Completions: which choice (its `index`, default 0). Ignored for Responses streams. */
  choice?: number;
}

/** @internal The text pieces of the structured output of one stream. @example const t = structuredText(); */
export interface StructuredText {
  /** The piece of output text `value` carries, or `undefined`. Throws on a refusal's end or a cut output. */
  next(value: StructuredOutputStreamValue): string | undefined;
  /** At the end of the stream: throws when the model refused. */
  complete(): void;
}

type OutputTextDelta = Extract<ResponseStreamEvent, { type: 'response.output_text.delta' }>;
type OutputItemAdded = Extract<ResponseStreamEvent, { type: 'response.output_item.added' }>;

/**
 * Follows one stream's structured output:
 * - Chat Completions: `delta.content` of choice `choice`; `delta.refusal` collected; a `length` or
 *   `content_filter` finish is {@link StructuredOutputIncompleteError};
 * - Responses: the `response.output_text.delta`s of the first output text part of a message that is not a
 *   `commentary` (non-final) phase, as the official SDK parses only final answers; `response.refusal.*` collected;
 *   `response.incomplete` is {@link StructuredOutputIncompleteError}.
 * A refusal fails with {@link StructuredOutputRefusalError} when it is done (`response.refusal.done`, the choice's
 * finish) or at the end of the stream.
 *
 * @internal
 * @example
 * const text = structuredText({});
 * const piece = text.next(event); // string | undefined
 */
export function structuredText(options: StructuredOutputOptions): StructuredText {
  const wantedChoice = options.choice ?? 0;
  let text = ''; // so far, for the incomplete error
  let refusal: string | undefined;
  let outputIndex = -1;
  let contentIndex = -1;
  let skipped: Set<number> | undefined; // output indexes of non-final (commentary) messages

  const take = (piece: string): string => {
    text += piece;
    return piece;
  };

  return {
    next(value) {
      if (chatProtocol.is(value)) {
        const choices = value.choices;
        let piece: string | undefined;
        for (let i = 0; i < choices.length; i++) {
          const choice = choices[i]!;
          if (choice.index !== wantedChoice) continue;
          const delta = choice.delta;
          if (delta?.content) piece = (piece ?? '') + take(delta.content);
          if (delta?.refusal) refusal = (refusal ?? '') + delta.refusal;
          const finish = choice.finish_reason;
          if (finish === 'length' || finish === 'content_filter') throw new StructuredOutputIncompleteError(finish, text);
          if (finish && refusal !== undefined) throw new StructuredOutputRefusalError(refusal);
        }
        return piece;
      }
      const event = value as ResponseStreamEvent;
      switch (event.type) {
        case 'response.output_text.delta': {
          const delta = event as OutputTextDelta;
          if (outputIndex === -1) {
            if (skipped?.has(delta.output_index)) return undefined;
            outputIndex = delta.output_index;
            contentIndex = delta.content_index;
          } else if (delta.output_index !== outputIndex || delta.content_index !== contentIndex) {
            return undefined;
          }
          return take(delta.delta);
        }
        case 'response.output_item.added': {
          const item = (event as OutputItemAdded).item as { type: string; phase?: string | null };
          if (item.type === 'message' && item.phase != null && item.phase !== 'final_answer') {
            (skipped ??= new Set()).add((event as OutputItemAdded).output_index);
          }
          return undefined;
        }
        case 'response.refusal.delta':
          refusal = (refusal ?? '') + event.delta;
          return undefined;
        case 'response.refusal.done':
          throw new StructuredOutputRefusalError(event.refusal);
        case 'response.incomplete':
          throw new StructuredOutputIncompleteError(event.response.incomplete_details?.reason ?? 'incomplete', text);
        default:
          return undefined;
      }
    },
    complete() {
      if (refusal !== undefined) throw new StructuredOutputRefusalError(refusal);
    },
  };
}

/**
 * Parses a whole JSON text with the typed errors of the partial parser, then validates it with `schema`.
 *
 * @internal
 * @example
 * parseAndValidate('{"a":1}', z.object({ a: z.number() })); // { a: 1 }
 */
export function parseAndValidate<S extends z.core.$ZodType>(
  text: string,
  schema: S | undefined,
  details: { toolName?: string; callId?: string } = {},
): z.output<S> {
  const parser = createPartialJsonParser();
  parser.push(text);
  return validate(parser.end(), schema, details);
}

/**
 * Validates a parsed value with `schema` (when given), failing with {@link StructuredOutputValidationError}.
 *
 * @internal
 * @example
 * validate({ a: 1 }, z.object({ a: z.number() })); // { a: 1 }
 */
export function validate<S extends z.core.$ZodType>(
  value: unknown,
  schema: S | undefined,
  details: { toolName?: string; callId?: string } = {},
): z.output<S> {
  if (schema === undefined) return value as z.output<S>;
  // The function, not a method: the core type that classic and `zod/mini` schemas share declares none.
  const result = z.safeParse(schema, value);
  if (!result.success) throw new StructuredOutputValidationError(result.error.issues, value, { ...details, cause: result.error });
  return result.data;
}

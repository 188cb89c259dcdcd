import { type AnyZodSchema, checkZodSchema, type ZodOutput } from './zod-schema.js';
import { kindOf } from '../errors/excerpt.js';
import {
  StructuredOutputIncompleteError,
  StructuredOutputRefusalError,
  StructuredOutputToolCallsError,
} from '../errors/structured-errors.js';
import type { ChatCompletion } from '../wire/chat.js';
import type { Response } from '../wire/responses-api.js';
import { parseAndValidate, responseAnswerText, type StructuredOutputOptions } from './structured-text.js';

/**
 * A finished answer, whole: a Responses `Response` (what `client.responses.create()` emits, `finalResponse()`, the
 * `final` of a `runResponsesTools()` loop) or a Chat Completions `ChatCompletion` (`client.chat.completions.create()`,
 * `finalChatCompletion()`, the `final` of a `runChatTools()` loop). {@link parseStructuredOutput} and `finalParsed()`
 * read its structured output.
 *
 * @example
 * const answer: StructuredOutputFinal = await lastValueFrom(client.responses.create(params));
 */
export type StructuredOutputFinal = Response | ChatCompletion;

/**
 * The structured output of a finished `Response` or `ChatCompletion`, parsed and validated with `schema` (zod's
 * output, so transforms apply; a zod 4 or a zod 3 schema): what the official SDK's `responses.parse()` gives as `output_parsed` and
 * `chat.completions.parse()` as `choices[i].message.parsed`. For an answer in hand (a non-streamed `create()`, a
 * tool loop's `final`); on an Observable of them, `finalParsed(schema)` does the same.
 *
 * The output is found, and fails, as `finalParsed()` finds it in a stream of the same answer:
 * - Responses: the text of the first output text part (that is not empty) of a message whose `phase` is not a
 *   non-final one (`commentary`); a `refusal` part is {@link StructuredOutputRefusalError}; a response whose
 *   status is `incomplete` is {@link StructuredOutputIncompleteError} (`finishReason`: its
 *   `incomplete_details.reason`), and so is one that has no whole output for another reason: still `queued` or
 *   `in_progress`, or `failed` or `cancelled` (`finishReason`: that status; the message says the response's
 *   `error`).
 * - Chat Completions: the `message.content` of choice `choice` (its `index`, default 0); a `length` or
 *   `content_filter` finish is {@link StructuredOutputIncompleteError}, a `message.refusal`
 *   {@link StructuredOutputRefusalError}.
 * - A turn that only called tools (no text; a chat choice's `tool_calls`, a response's `function_call` /
 *   `custom_tool_call` items) is {@link StructuredOutputToolCallsError} naming them, as over its stream. Other text
 *   that is not JSON (none at all included) is `StructuredOutputParseError` with where and an excerpt; JSON that
 *   `schema` refuses is `StructuredOutputValidationError` with zod's issues (zod 3's for a zod 3 schema).
 *
 * Where the SDK sets `output_parsed` / `message.parsed` to `null` (a refusal, an incomplete response, no text),
 * this throws the error that says why. A value that is neither a `Response` nor a `ChatCompletion` (a stream's
 * event or chunk) is a `TypeError`.
 *
 * @example
 * import { lastValueFrom } from 'rxjs';
 * import { z } from 'zod';
 * import { parseStructuredOutput, runResponsesTools, toolLoopResult, zodTextFormat } from 'rx-openai-stream/structured';
 *
 * const City = z.object({ city: z.string(), population: z.number() });
 * const { final } = await lastValueFrom(
 *   runResponsesTools(client, { model: 'gpt-4o', input, text: { format: zodTextFormat(City, 'city') } }, { tools }).pipe(toolLoopResult()),
 * );
 * const city = parseStructuredOutput(final, City); // { city: 'Oslo', population: 709000 }
 */
export function parseStructuredOutput<S extends AnyZodSchema>(
  final: StructuredOutputFinal,
  schema: S,
  options: StructuredOutputOptions = {},
): ZodOutput<S> {
  if (!isStructuredOutputFinal(final)) {
    throw new TypeError(`parseStructuredOutput: expected a Response or a ChatCompletion (got ${describe(final)})`);
  }
  checkZodSchema(schema, 'parseStructuredOutput');
  return parseAndValidate(finalStructuredText(final, options), schema);
}

/**
 * Whether `value` is a finished `Response` or `ChatCompletion`, not a value of a stream: a Response has an `output`
 * array and no `type` (every Responses event has one); a ChatCompletion's choices hold a `message` (a chunk's hold
 * a `delta`). A completion without choices is taken for a chunk, which has no text either.
 *
 * @internal
 * @example
 * isStructuredOutputFinal(await lastValueFrom(client.responses.create(params))); // true
 * isStructuredOutputFinal({ type: 'response.output_text.delta', delta: 'x' }); // false
 */
export function isStructuredOutputFinal(value: unknown): value is StructuredOutputFinal {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as { type?: unknown; output?: unknown; choices?: unknown };
  if (typeof fields.type === 'string') return false;
  if (Array.isArray(fields.output)) return true;
  const choices = fields.choices;
  if (!Array.isArray(choices)) return false;
  // Not by `object` alone: compatible servers write `chat.completion` on chunks too, and some chunks carry a
  // `message` beside their `delta`.
  if ((value as { object?: unknown }).object === 'chat.completion.chunk' || choices.length === 0) return false;
  for (const choice of choices as readonly ({ message?: unknown; delta?: unknown } | null)[]) {
    if (typeof choice?.message !== 'object' || choice.message === null || choice.delta != null) return false;
  }
  return true;
}


/**
 * The text of the structured output of a finished answer, or the error that says there is none, by the rules
 * `structuredText()` follows over the answer's stream (see {@link parseStructuredOutput}).
 */
function finalStructuredText(final: StructuredOutputFinal, options: StructuredOutputOptions): string {
  if (!Array.isArray((final as { output?: unknown }).output)) {
    const wanted = options.choice ?? 0;
    const choice = (final as ChatCompletion).choices.find((candidate) => candidate.index === wanted);
    const text = choice?.message?.content ?? '';
    const finish = choice?.finish_reason;
    if (finish === 'length' || finish === 'content_filter') throw new StructuredOutputIncompleteError(finish, text);
    const refusal = choice?.message?.refusal;
    if (refusal) throw new StructuredOutputRefusalError(refusal);
    const calls = choice?.message?.tool_calls;
    if (text === '' && calls?.length) throw new StructuredOutputToolCallsError(calls.map(toolNameOf));
    return text;
  }
  return responseAnswerText(final as Response);
}

/** The name of a chat tool call (a function's or a custom tool's), `''` when it has none. */
function toolNameOf(call: { function?: { name?: unknown } | null; custom?: { name?: unknown } | null }): string {
  const name = call.function?.name ?? call.custom?.name;
  return typeof name === 'string' ? name : '';
}

/** What a wrong argument is, for the TypeError: its kind, and a stream value's `type` or `object`. */
function describe(value: unknown): string {
  const named = value as { type?: unknown; object?: unknown } | null;
  const name = typeof named?.type === 'string' ? named.type : typeof named?.object === 'string' ? named.object : undefined;
  return name === undefined ? kindOf(value) : `${kindOf(value)} "${name}"`;
}

import { catchError, map, type MonoTypeOperatorFunction, throwError } from 'rxjs';
import { ResponseStreamError } from '../errors/stream-errors.js';
import { withRequestId } from '../errors/base.js';

/**
 * The fields of a Responses API response object that repeat what the server asked for, and that a browser does not
 * need: the system prompt (`instructions`), the tools' definitions and the choice among them (`tools`,
 * `tool_choice`), the request's `metadata`, the end user's identifiers (`user`, `safety_identifier`), the stored
 * prompt and its variables (`prompt`) and `prompt_cache_key`. What {@link omitResponseFields} leaves out by default.
 * (`text`, whose `format` holds a structured output's schema, stays: name it too if the schema is yours alone.)
 *
 * @example
 * events$.pipe(omitResponseFields([...SERVER_SIDE_RESPONSE_FIELDS, 'reasoning']));
 */
export const SERVER_SIDE_RESPONSE_FIELDS: readonly string[] = /* @__PURE__ */ Object.freeze([
  'instructions',
  'tools',
  'tool_choice',
  'metadata',
  'user',
  'safety_identifier',
  'prompt',
  'prompt_cache_key',
]);

/**
 * Leaves `fields` (default {@link SERVER_SIDE_RESPONSE_FIELDS}) out of the response object that Responses
 * lifecycle events carry (`response.created`, `.in_progress`, `.queued`, `.completed`, `.incomplete`, `.failed`),
 * for a server that relays a stream to browsers: those events repeat the whole request, the system prompt and the
 * tools included. A `response.failed` that ends the stream as a `ResponseStreamError` is rebuilt without them too,
 * so the relay's error frame carries none. Every other event, field and error passes as it came: the output
 * items name the tools the model called (`function_call` items), as they must for the browser to show them. Put it
 * right before the relay. The type stays `E`: the fields left out are absent from the values, though `E` has them.
 *
 * @example
 * import { omitResponseFields, relayToNodeResponse } from 'rx-openai-stream';
 *
 * relayToNodeResponse(req, res, client.responses.stream({ model: 'gpt-4o', instructions: SYSTEM, input }).pipe(omitResponseFields()), {
 *   format: 'responses',
 * });
 */
export function omitResponseFields<E>(fields: readonly string[] = SERVER_SIDE_RESPONSE_FIELDS): MonoTypeOperatorFunction<E> {
  const omitted = new Set(fields);
  const without = <V>(value: V): V => {
    const response = (value as { response?: unknown } | null)?.response;
    if (typeof response !== 'object' || response === null || Array.isArray(response)) return value;
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(response)) if (!omitted.has(key)) kept[key] = (response as Record<string, unknown>)[key];
    return { ...value, response: kept };
  };
  return (source) =>
    source.pipe(
      map(without),
      catchError((error: unknown) => {
        if (!(error instanceof ResponseStreamError) || error.response === undefined) return throwError(() => error);
        const rebuilt = withRequestId(new ResponseStreamError(error.eventType, JSON.stringify(without(error.error)), error.responseId), error.requestId);
        return throwError(() => rebuilt);
      }),
    );
}

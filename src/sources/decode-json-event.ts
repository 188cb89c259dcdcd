import { isObservable, type Observable } from 'rxjs';
import { kindOf } from '../errors/excerpt.js';
import { StreamParseError } from '../errors/stream-errors.js';
import type { ByteSource } from './byte-source.js';
import { fromSSE, type FromSSEOptions } from './from-sse.js';
import type { ServerSentEvent } from './server-sent-event.js';

/**
 * The step every typed source shares (`assistantEvents()`, `chatCompletionChunks()`, `responseEvents()`): an
 * SSE `data:` text becomes JSON, which is validated by the schema registered for the event's name, with a
 * {@link StreamParseError} naming the event when either fails. The JSON object itself is what callers emit.
 *
 * The functions return the error instead of throwing it: they run once per event on the hot path, and the
 * caller decides how to end its stream.
 */

/**
 * A schema a source can hold events to with its `conformance` option: any zod schema (the full OpenAPI ones are
 * in `rx-openai-stream/schemas`), or anything else with a zod-like `safeParse`. Declared by what the sources call,
 * so the library's types do not depend on zod's.
 *
 * @example
 * import { ResponseSchema } from 'rx-openai-stream/schemas';
 * const strict: ConformanceSchema = ResponseSchema;
 */
export interface ConformanceSchema {
  safeParse(value: unknown):
    | { readonly success: true }
    | {
        readonly success: false;
        readonly error: { readonly issues: ReadonlyArray<{ readonly message: string; readonly path: ReadonlyArray<PropertyKey> }> };
      };
}

/**
 * Builds the name → schema lookup of a source once, so dispatch is one `Map` lookup per event (a name whose schema
 * is `undefined` has none). What is not an object of schemas (one schema, a string, a schema that is none) is a
 * `TypeError` naming `where`: a check asked for is never silently skipped.
 *
 * @internal
 * @example
 * const schemas = schemaLookup(assistantEventDataSchemas, 'assistantEvents');
 * schemas.get('thread.run.created'); // RunSchema
 */
export function schemaLookup(schemas: Readonly<Partial<Record<string, ConformanceSchema>>>, where: string): ReadonlyMap<string, ConformanceSchema> {
  if (typeof schemas !== 'object' || schemas === null || isSchema(schemas)) {
    throw new TypeError(`${where}: conformance must be an object of event names and schemas (got ${isSchema(schemas) ? 'one schema' : kindOf(schemas)})`);
  }
  const lookup = new Map<string, ConformanceSchema>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema !== undefined) lookup.set(name, checkedSchema(schema, `${where}: conformance[${JSON.stringify(name)}]`));
  }
  return lookup;
}

/**
 * `schema`, when it is one (it has a `safeParse`); else a `TypeError` naming `where`.
 *
 * @internal
 * @example
 * checkedSchema(ChatCompletionChunkSchema, 'chatCompletionChunks: conformance');
 */
export function checkedSchema(schema: unknown, where: string): ConformanceSchema {
  if (!isSchema(schema)) throw new TypeError(`${where} must be a zod schema, or anything with a safeParse (got ${kindOf(schema)})`);
  return schema;
}

function isSchema(value: unknown): value is ConformanceSchema {
  return typeof (value as Partial<ConformanceSchema> | null)?.safeParse === 'function';
}

/**
 * Parses an event's `data:` as JSON, or returns a {@link StreamParseError} (`Invalid JSON`) naming the event.
 *
 * @internal
 * @example
 * const json = parseEventJson('thread.run.created', sse.data);
 * if (json instanceof StreamParseError) return subscriber.error(json);
 */
export function parseEventJson(eventName: string | undefined, data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    return new StreamParseError('Invalid JSON', { eventName, data, cause });
  }
}

/**
 * Validates parsed JSON against `schema`: `undefined` when it passes, else a {@link StreamParseError}
 * (`Schema violation`) with the path of the first issue.
 *
 * @internal
 * @example
 * const problem = validateEventJson(RunSchema, 'thread.run.created', sse.data, json);
 * if (problem) return subscriber.error(problem);
 */
export function validateEventJson(
  schema: ConformanceSchema,
  eventName: string | undefined,
  data: string,
  json: unknown,
): StreamParseError | undefined {
  const result = schema.safeParse(json);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return new StreamParseError(`Schema violation (${issue?.message ?? 'invalid'})`, {
    eventName,
    data,
    path: issue?.path.join('.'),
    cause: result.error,
  });
}

/**
 * Parses an event's data and validates it by the event's name: the JSON when it is valid, or the
 * {@link StreamParseError} to end the stream with. An event whose name has no schema passes through as parsed,
 * unless `strict` is set.
 *
 * @internal
 * @example
 * const json = decodeJsonEvent(schemas, name, sse.data, strict);
 * if (json instanceof StreamParseError) return subscriber.error(json);
 * subscriber.next({ event: name, data: json });
 */
export function decodeJsonEvent(
  schemas: ReadonlyMap<string, ConformanceSchema>,
  eventName: string,
  data: string,
  strict: boolean,
): unknown {
  const json = parseEventJson(eventName, data);
  if (json instanceof StreamParseError) return json;
  const schema = schemas.get(eventName);
  if (schema === undefined) {
    return strict ? new StreamParseError('Unknown event type (strict mode)', { eventName, data }) : json;
  }
  return validateEventJson(schema, eventName, data, json) ?? json;
}

/**
 * The SSE events of a source: an Observable of {@link ServerSentEvent}s as it is, anything else read with
 * {@link fromSSE}.
 *
 * @internal
 * @example
 * const sse$ = serverSentEvents(source, options);
 */
export function serverSentEvents(
  source: ByteSource | Observable<ServerSentEvent>,
  options: FromSSEOptions,
): Observable<ServerSentEvent> {
  return isObservable(source) ? source : fromSSE(source, options);
}

/**
 * What a hand-written check of an event's data found wrong with a field the library reads: where (a dotted
 * path such as `choices.0.delta.content`) and what was expected there.
 *
 * @example
 * const issue: ReadIssue = { path: 'choices.0.index', message: 'expected a non-negative integer' };
 */
export interface ReadIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The {@link StreamParseError} (`Schema violation`) for a {@link ReadIssue} found in an event's data.
 *
 * @internal
 * @example
 * const issue = chatCompletionChunkIssue(json);
 * if (issue) return subscriber.error(readIssueError(issue, undefined, sse.data));
 */
export function readIssueError(issue: ReadIssue, eventName: string | undefined, data: string): StreamParseError {
  return new StreamParseError(`Schema violation (${issue.message})`, { eventName, data, path: issue.path });
}

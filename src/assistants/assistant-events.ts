import type { Observable } from 'rxjs';
import type { AssistantStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readProtocol } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import type { ConformanceSchema } from '../sources/decode-json-event.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import { assistantsSource } from './protocol.js';

/**
 * Options of {@link assistantEvents}.
 *
 * @example
 * assistantEvents(await fetch(url, init), { strict: true, onComment: (text) => console.debug('keep-alive', text) })
 *   .subscribe((event) => console.log(event.event));
 *
 * // Opt-in: every event must conform to the OpenAPI description (and the bundle carries the zod schemas).
 * import { assistantEventDataSchemas } from 'rx-openai-stream/schemas';
 * assistantEvents(response, { conformance: assistantEventDataSchemas });
 */
export interface AssistantEventsOptions extends FromSSEOptions {
  /** Fail with {@link StreamParseError} on an event type the library does not know, instead of passing it through. */
  strict?: boolean | undefined;
  /**
   * zod schemas, by event name, that events' data must satisfy too, such as `assistantEventDataSchemas` (the
   * OpenAPI description's objects: required fields, enums). Without it (the default) only the fields the library
   * reads are checked (see `schema/assistants/event-check.ts`), and everything else passes untouched.
   */
  conformance?: Readonly<Partial<Record<string, ConformanceSchema>>> | undefined;
}

/**
 * Turns a run stream of the Assistants API into an Observable of typed events `{ event, data }` (the shape of
 * the official SDK's `AssistantStreamEvent`).
 *
 * Accepts what {@link fromSSE} accepts, or an Observable of {@link ServerSentEvent}s. Of every known event's
 * data, the fields the library reads are checked (string `id`s, a run's string `status` and `thread_id`, a
 * step's `step_details.type`, a message's `content` array, the `index` of every delta entry, a text delta's
 * string `value`; the list is in `schema/assistants/event-check.ts`); everything else passes untouched (new
 * statuses and types, `null`s, missing fields the library does not read). Pass `{ conformance:
 * assistantEventDataSchemas }` to also hold every event to the OpenAPI description. What is emitted is the event's JSON as `JSON.parse` returns it, unknown
 * fields included (text deltas that repeat the previous one's text around their value are read without
 * `JSON.parse`, into an equal object: see `sources/json-template.ts`).
 * - `event: done` / `data: [DONE]` completes the Observable (and releases the connection).
 * - `event: error` fails it with {@link AssistantStreamError}; so does `{"error": ...}` under a name that is none of
 *   the API's (none, `message`): a proxy's error in the middle of the stream, which the SDK throws too.
 * - A body that ends without `[DONE]` before the run reached a terminal or `requires_action` state, or a
 *   connection that breaks mid-stream, fails it with {@link IncompleteStreamError}: never a plain completion.
 * - Invalid JSON, a read field of the wrong kind, or (with `conformance`) a schema violation fails it with
 *   {@link StreamParseError} naming the event and the field's path.
 * - An event type the schemas do not know passes through untouched (typed as `AssistantStreamEvent`, so switch
 *   statements need a `default`), unless `strict` is set.
 *
 * Cold: one subscription reads the body once; `share()` it to feed several operators.
 *
 * @example
 * import { share } from 'rxjs';
 * import { assistantEvents, textDeltas, finalMessages } from 'rx-openai-stream';
 *
 * const events$ = assistantEvents(response).pipe(share());
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * events$.pipe(finalMessages()).subscribe((messages) => save(messages));
 */
export function assistantEvents(
  source: ByteSource | Observable<ServerSentEvent>,
  options: AssistantEventsOptions = {},
): Observable<AssistantStreamEvent> {
  return readProtocol(assistantsSource, source, options);
}

import type { Observable } from 'rxjs';
import type { IncompleteStreamError, ResponseStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readProtocol } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import type { ConformanceSchema } from '../sources/decode-json-event.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { responsesSource } from './protocol.js';

/**
 * Options of {@link responseEvents}: those of `fromSSE()`, `strict`, and `conformance`.
 *
 * @example
 * import { responseEventDataSchemas } from 'rx-openai-stream/schemas';
 *
 * responseEvents(response, { strict: true }); // fail on event types the library does not know
 * responseEvents(response, { conformance: responseEventDataSchemas }); // also check every event against the OpenAPI description
 */
export interface ResponseEventsOptions extends FromSSEOptions {
  /**
   * Fail with {@link StreamParseError} on an event type the library does not know (nor `conformance` names),
   * instead of passing it through (`keepalive` events always pass).
   */
  strict?: boolean | undefined;
  /**
   * Opt-in full validation: a map event type → zod schema that every event of a listed type must also pass
   * (after the default checks), failing with {@link StreamParseError} (`Schema violation`, with the path of the
   * first issue) otherwise. Pass `responseEventDataSchemas` to check every event against the OpenAPI description
   * of the API (which real streams do not always follow: fields it marks required are absent, enums grow); pass
   * your own map to check only what your code relies on. Without it, only the fields this library reads are
   * checked (see `responseWireChecks`), and the OpenAPI schemas are not part of a bundle that does not import
   * them.
   */
  conformance?: Readonly<Record<string, ConformanceSchema>> | undefined;
}

/**
 * Turns a Responses API stream (`stream: true`) into an Observable of typed events: the event JSON itself
 * (`{ type: 'response.output_text.delta', delta, ... }`), the shape of the official SDK's `ResponseStreamEvent`.
 *
 * Accepts what `fromSSE()` accepts, or an Observable of {@link ServerSentEvent}s. An event's type is its JSON
 * `type`, as for the official SDK: the SSE `event:` name only repeats it (a relay may write `message` or another
 * name there), but for `error` and `response.failed`, which fail the stream whatever the JSON says, and for JSON
 * without a `type`, which the name then names (of a known type, it fails that type's check; of another type, it
 * passes through as it came; without a name either, it is a {@link StreamParseError}, or a
 * {@link ResponseStreamError} when it carries an `error`). Each event of a known type is checked for exactly the fields
 * this library reads (`type`, `sequence_number`, `output_index`, `content_index`, `summary_index`,
 * `annotation_index`, `item_id`, the `delta` / `text` / `arguments` / ... strings, the items, parts and response
 * the snapshot is built of; see `responseWireChecks`); every other field passes through untouched whatever its
 * presence, type or value. A position a compatible server leaves out (llama.cpp sends no `output_index` nor
 * `content_index`) is filled in, in a copy of the event: the item its `item_id` names, else the last item or part
 * started (an `added` event takes the next one); in a stream picked up after its start, where the events that would
 * tell it were not read, it is a {@link StreamParseError}. The `conformance` option adds full OpenAPI validation.
 * - `response.completed` and `response.incomplete` are emitted, then the Observable completes (and releases the
 *   connection).
 * - `response.failed` and `error` fail it with {@link ResponseStreamError} (the failed response, with its
 *   `error`, is in `e.response`).
 * - A body that ends before any of those (a `data: [DONE]` too, which the API never sends), or a connection that
 *   breaks mid-stream, fails it with {@link IncompleteStreamError} (with `responseId` and `lastResponseStatus`).
 * - Invalid JSON or a broken field the library reads (`delta: 5`, `output_index: "x"`) fails it with
 *   {@link StreamParseError} naming the event, the path and an excerpt.
 * - An event type the library does not know passes through untouched (switch statements need a `default`),
 *   unless `strict` is set.
 *
 * Cold: one subscription reads the body once; `share()` it to feed several operators.
 *
 * @example
 * import { share } from 'rxjs';
 * import { responseEvents, textDeltas, finalResponse } from 'rx-openai-stream';
 *
 * const events$ = responseEvents(await fetch(url, { method: 'POST', headers, body })).pipe(share());
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * events$.pipe(finalResponse()).subscribe((response) => console.log(response.output_text, response.usage));
 */
export function responseEvents(
  source: ByteSource | Observable<ServerSentEvent>,
  options: ResponseEventsOptions = {},
): Observable<ResponseStreamEvent> {
  return readProtocol(responsesSource, source, options);
}

import { Observable } from 'rxjs';
import { OpenAIStreamError } from '../errors/base.js';
import { IncompleteStreamError, ResponseStreamError, StreamParseError } from '../errors/stream-errors.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { responseTextDeltaShape } from '../schema/responses/text-delta-template.js';
import { responseWireChecks, type WireCheck } from '../schema/responses/wire-checks.js';
import type { ByteSource } from '../sources/byte-source.js';
import { parseEventJson, schemaLookup, serverSentEvents, validateEventJson, type ConformanceSchema } from '../sources/decode-json-event.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import { jsonTemplate } from '../sources/json-template.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';

/**
 * Options of {@link responseEvents}: those of `fromSSE()`, `strict`, and `conformance`.
 *
 * @example
 * import { responseEventDataSchemas } from 'rx-openai-stream';
 *
 * responseEvents(response, { strict: true }); // fail on event types the library does not know
 * responseEvents(response, { conformance: responseEventDataSchemas }); // also check every event against the OpenAPI description
 */
export interface ResponseEventsOptions extends FromSSEOptions {
  /**
   * Fail with {@link StreamParseError} on an event type the library does not know (nor `conformance` names),
   * instead of passing it through (`keepalive` events always pass).
   */
  strict?: boolean;
  /**
   * Opt-in full validation: a map event type → zod schema that every event of a listed type must also pass
   * (after the default checks), failing with {@link StreamParseError} (`Schema violation`, with the path of the
   * first issue) otherwise. Pass `responseEventDataSchemas` to check every event against the OpenAPI description
   * of the API (which real streams do not always follow: fields it marks required are absent, enums grow); pass
   * your own map to check only what your code relies on. Without it, only the fields this library reads are
   * checked (see `responseWireChecks`), and the OpenAPI schemas are not part of a bundle that does not import
   * them.
   */
  conformance?: Readonly<Record<string, ConformanceSchema>>;
}

const noSchemas: ReadonlyMap<string, ConformanceSchema> = new Map();
// Built once: dispatch by event type is one Map lookup per event.
const checkByType: ReadonlyMap<string, WireCheck> = new Map(Object.entries(responseWireChecks));

const TEXT_DELTA = 'response.output_text.delta';

/**
 * Turns a Responses API stream (`stream: true`) into an Observable of typed events: the event JSON itself
 * (`{ type: 'response.output_text.delta', delta, ... }`), the shape of the official SDK's `ResponseStreamEvent`.
 *
 * Accepts what `fromSSE()` accepts, or an Observable of {@link ServerSentEvent}s. An event's type is its SSE
 * `event:` name (or, without one, its JSON `type`). Each event of a known type is checked for exactly the fields
 * this library reads (`type`, `sequence_number`, `output_index`, `content_index`, `summary_index`,
 * `annotation_index`, `item_id`, the `delta` / `text` / `arguments` / ... strings, the items, parts and response
 * the snapshot is built of; see `responseWireChecks`); every other field passes through untouched whatever its
 * presence, type or value. The `conformance` option adds full OpenAPI validation.
 * - `response.completed` and `response.incomplete` are emitted, then the Observable completes (and releases the
 *   connection); so does `data: [DONE]`.
 * - `response.failed` and `error` fail it with {@link ResponseStreamError} (the failed response, with its
 *   `error`, is in `e.response`).
 * - A body that ends before any of those, or a connection that breaks mid-stream, fails it with
 *   {@link IncompleteStreamError} (with `responseId` and `lastResponseStatus`).
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
  const sse$ = serverSentEvents(source, options);
  const strict = options.strict ?? false;
  const schemaByType = options.conformance === undefined ? noSchemas : schemaLookup(options.conformance);
  return new Observable<ResponseStreamEvent>((subscriber) => {
    // What the stream has told so far about its response, to describe an end before it was done.
    let received = 0;
    let lastEventName: string | undefined;
    let response: { id?: unknown; status?: unknown } | undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const cut = (cause?: unknown) =>
      new IncompleteStreamError({
        responseId: text(response?.id),
        lastResponseStatus: text(response?.status),
        receivedEvents: received,
        lastEventName,
        cause,
      });

    const textDeltas = jsonTemplate(responseTextDeltaShape);

    return sse$.subscribe({
      next(sse) {
        const data = sse.data;
        if (data === '[DONE]') return subscriber.complete();
        let type = sse.event;
        if (type === 'error' || type === 'response.failed') {
          return subscriber.error(new ResponseStreamError(type, data));
        }
        // A text delta that fits the stream's template is read without JSON.parse (and was validated when the
        // template was learned); everything else is parsed, typed and validated here.
        let json: unknown = type === TEXT_DELTA || type === undefined ? textDeltas.read(data) : undefined;
        let learnable = false;
        if (json !== undefined) type = TEXT_DELTA;
        else {
          json = parseEventJson(type, data);
          if (json instanceof StreamParseError) return subscriber.error(json);
          if (type === undefined) {
            // Without an `event:` line the JSON's own `type` names the event.
            const own = (json as { type?: unknown } | null)?.type;
            if (typeof own !== 'string') {
              return subscriber.error(new StreamParseError('Event without a type', { data, path: 'type' }));
            }
            type = own;
            if (type === 'error' || type === 'response.failed') {
              return subscriber.error(new ResponseStreamError(type, data));
            }
          }
          const check = checkByType.get(type);
          if (check !== undefined) {
            const broken = check(json);
            if (broken) {
              return subscriber.error(
                new StreamParseError(`Broken field (${broken.message})`, { eventName: type, data, path: broken.path }),
              );
            }
          }
          const schema = schemaByType.get(type);
          if (schema !== undefined) {
            const problem = validateEventJson(schema, type, data, json);
            if (problem) return subscriber.error(problem);
          }
          if (check === undefined && schema === undefined && strict && type !== 'keepalive') {
            return subscriber.error(new StreamParseError('Unknown event type (strict mode)', { eventName: type, data }));
          }
          learnable = type === TEXT_DELTA;
        }
        received++;
        lastEventName = type;
        const carried = (json as { response?: unknown } | null)?.response;
        if (typeof carried === 'object' && carried !== null) response = carried;
        subscriber.next(json as ResponseStreamEvent);
        // After the event is out, so the first token does not wait for it.
        if (learnable) textDeltas.learn(data, json);
        if (type === 'response.completed' || type === 'response.incomplete') subscriber.complete();
      },
      error(error: unknown) {
        // A transport failure (reset, aborted body) mid-stream is a cut stream; our own errors say more already.
        subscriber.error(error instanceof OpenAIStreamError ? error : cut(error));
      },
      complete() {
        subscriber.error(cut());
      },
    });
  });
}

import type { Observable } from 'rxjs';
import type { IncompleteStreamError, ResponseStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readFramed } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import { ndjsonLines } from '../sources/from-ndjson.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { responsesSource } from './protocol.js';
import type { ResponseEventsOptions } from './response-events.js';

/**
 * Options of {@link responseEventsFromNdjson}: those of `responseEvents()` but the event-stream callbacks
 * (`maxBufferSize` is the most characters one line may hold).
 *
 * @example
 * responseEventsFromNdjson(response, { strict: true, maxBufferSize: 1024 * 1024 });
 */
export type ResponseEventsFromNdjsonOptions = Omit<ResponseEventsOptions, 'onComment' | 'onRetry'>;

/**
 * `responseEvents()` for a newline-delimited JSON body: one event's JSON per line, as the official SDK's
 * `stream.toReadableStream()` writes it (the body its `ResponseStream.fromReadableStream()` reads in the
 * browser) and this library's `toNdjsonBody()`. For a browser app whose server relays streams that way; a server
 * that relays with `toEventStreamBody()` is read with `responseEvents()`.
 *
 * The lines are decoded, checked and ended exactly as `responseEvents()` does the events of an event stream (the
 * JSON's own `type` names each event; NDJSON has no event names): `response.completed` / `response.incomplete`
 * end the stream, `response.failed` / `error` fail it with {@link ResponseStreamError}, a body that ends before
 * those (a cut relay, the server's own failure that broke the body off) fails it with
 * {@link IncompleteStreamError}, and a line that is not JSON, or breaks a field the library reads, fails it with
 * {@link StreamParseError} showing the line. Blank lines (heartbeats) are skipped; lines end with LF, CR LF or
 * CR; a last line without its line end counts when it is whole JSON (when it is not, the body was cut in the middle
 * of it: {@link IncompleteStreamError}). The content type is not looked at (the SDK's body has none; a server may
 * say `application/x-ndjson`, `application/jsonl`, `text/plain`, ...); a `Response` with an error status fails
 * with its `APIError`.
 *
 * Cold, as `responseEvents()`: one subscription reads the body once (a factory is called per subscription).
 *
 * @example
 * import { responseEventsFromNdjson, textDeltas } from 'rx-openai-stream';
 *
 * // Server, with the official SDK: `return new Response((await openai.responses.create({ ...body, stream: true })).toReadableStream());`
 * const events$ = responseEventsFromNdjson((signal) => fetch('/api/answer', { method: 'POST', body, signal }));
 * events$.pipe(textDeltas()).subscribe((text) => output.append(text));
 */
export function responseEventsFromNdjson(
  source: ByteSource,
  options: ResponseEventsFromNdjsonOptions = {},
): Observable<ResponseStreamEvent> {
  return readFramed(responsesSource, source, options, ndjsonLines);
}

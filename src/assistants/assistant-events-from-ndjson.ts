import type { Observable } from 'rxjs';
import { type AssistantStreamError, type IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readFramed } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import { parseEventJson } from '../sources/decode-json-event.js';
import { readNdjson } from '../sources/from-ndjson.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { AssistantEventsOptions } from './assistant-events.js';
import { assistantsSource } from './protocol.js';
import { hasOwn } from '../schema/json-values.js';

/**
 * Options of {@link assistantEventsFromNdjson}: those of `assistantEvents()` but the event-stream callbacks
 * (`maxBufferSize` is the most characters one line may hold).
 *
 * @example
 * assistantEventsFromNdjson(response, { strict: true });
 */
export type AssistantEventsFromNdjsonOptions = Omit<AssistantEventsOptions, 'onComment' | 'onRetry'>;

/**
 * `assistantEvents()` for a newline-delimited JSON body: one `{"event": name, "data": {...}}` per line, as the
 * official SDK's `AssistantStream.toReadableStream()` writes it (the body its `AssistantStream.fromReadableStream()`
 * reads in the browser) and this library's `toNdjsonBody()` over run events. For a browser app whose server relays
 * run streams that way; a server that relays with `toEventStreamBody()` is read with `assistantEvents()`.
 *
 * Each line's `event` is the event's name and its `data` the event's data, decoded and checked exactly as
 * `assistantEvents()` does an SSE event of that name; a line that is not JSON, or not of that shape, fails the
 * stream with {@link StreamParseError} showing the line. NDJSON carries no `event: done`: as in an event stream
 * that ends without it, the stream completes at the end of the body once its run reached a terminal or
 * `requires_action` status, and fails with {@link IncompleteStreamError} otherwise (a cut relay, the server's own
 * failure that broke the body off). An `error` line fails it with {@link AssistantStreamError}.
 *
 * Blank lines (heartbeats) are skipped; lines end with LF, CR LF or CR; a last line without its line end counts
 * when it is whole JSON (when it is not, the body was cut in the middle of it: {@link IncompleteStreamError}). The
 * content type is not looked at (the SDK's body has none); a `Response` with an error status fails with its
 * `APIError`.
 *
 * Cold, as `assistantEvents()`: one subscription reads the body once (a factory is called per subscription).
 *
 * @example
 * import { assistantEventsFromNdjson, textDeltas } from 'rx-openai-stream';
 *
 * // Server, with the official SDK: `return new Response(openai.beta.threads.runs.stream(threadId, body).toReadableStream());`
 * const events$ = assistantEventsFromNdjson((signal) => fetch('/api/run', { method: 'POST', body, signal }));
 * events$.pipe(textDeltas()).subscribe((text) => output.append(text));
 */
export function assistantEventsFromNdjson(
  source: ByteSource,
  options: AssistantEventsFromNdjsonOptions = {},
): Observable<AssistantStreamEvent> {
  return readFramed(assistantsSource, source, options, (bytes, readOptions, ended, opened) => readNdjson(bytes, readOptions, ended, namedLine, opened));
}

/**
 * A line of a run stream's NDJSON, `{"event": name, "data": ...}` (the SDK's `AssistantStreamEvent`), as the SSE
 * event it stands for: the event `name` whose data is the JSON of `data`.
 */
function namedLine(line: string): ServerSentEvent | StreamParseError {
  if (line === '[DONE]') return { data: line };
  const json = parseEventJson(undefined, line);
  if (json instanceof StreamParseError) return json;
  const event = (json as { event?: unknown } | null)?.event;
  if (typeof event !== 'string' || !hasOwn.call(json, 'data')) {
    return new StreamParseError('Expected a line {"event": name, "data": ...}', { data: line, path: typeof event === 'string' ? 'data' : 'event' });
  }
  return { event, data: JSON.stringify((json as { data: unknown }).data) };
}

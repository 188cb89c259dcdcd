import type { Observable } from 'rxjs';
import { checkRelayLimits, toEventStreamBody, type EventStreamBodyOptions } from './event-stream-body.js';

/**
 * The headers of a relayed event stream: its content type, no caching or transforming on the way, and
 * `x-accel-buffering: no` so that nginx (and proxies that follow it) pass each event on at once.
 *
 * @example
 * res.writeHead(200, { ...EVENT_STREAM_HEADERS });
 */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});

/**
 * {@link EVENT_STREAM_HEADERS} with `headers` added, a header given in any letter case replacing the default of
 * that name (HTTP header names are case-insensitive: `Content-Type` must not become a second content type).
 *
 * @internal
 * @example
 * eventStreamHeaders({ 'Cache-Control': 'no-store' }); // { 'content-type': ..., 'x-accel-buffering': 'no', 'Cache-Control': 'no-store' }
 */
export function eventStreamHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const merged: Record<string, string> = { ...EVENT_STREAM_HEADERS };
  for (const name in headers) {
    for (const key in merged) if (key.toLowerCase() === name.toLowerCase()) delete merged[key];
    merged[name] = headers[name]!;
  }
  return merged;
}

/**
 * Throws for a `status` or `headers` a relay cannot send, naming `where` and the header, before anything is
 * subscribed or sent: a status that is not a whole number from 200 to 599 (`RangeError`), a header whose name is not
 * a token or whose value is not a string of the characters a header line can hold (`TypeError`: a value of
 * `undefined`, such as a request's missing `Origin` header copied into `access-control-allow-origin`, or a line
 * break). A relay that answers a reconnect writes its head only when upstream first says something, inside a
 * callback where a throw would take the server process down.
 *
 * @internal
 * @example
 * checkRelayHead({ headers: { 'access-control-allow-origin': req.headers.origin } }, 'relayToNodeResponse'); // TypeError when no Origin came
 */
export function checkRelayHead(options: { readonly status?: unknown; readonly headers?: unknown }, where: string): void {
  const { status, headers } = options;
  if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new RangeError(`${where}: status must be a whole number from 200 to 599 (got ${String(status)})`);
  }
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`${where}: headers must be an object of names and values`);
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new TypeError(`${where}: ${JSON.stringify(name)} is not a header name`);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new TypeError(`${where}: header "${name}" must be a string without line breaks or control characters (got ${typeof value === 'string' ? JSON.stringify(value) : String(value)})`);
    }
  }
}

// RFC 9110's token, and a field value as node:http and fetch accept it (no CR, LF, NUL or other controls but tab).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Options of {@link toEventStreamResponse}: those of the body, and the response's status and extra headers.
 *
 * @example
 * toEventStreamResponse(events$, { format: 'responses', headers: { 'access-control-allow-origin': origin } });
 */
export interface EventStreamResponseOptions extends EventStreamBodyOptions {
  /** Default 200. */
  readonly status?: number | undefined;
  /** Added to {@link EVENT_STREAM_HEADERS}, replacing the default of the same name in any letter case. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * A fetch `Response` streaming an Observable of an API's events as `text/event-stream` (see
 * {@link toEventStreamBody}), for fetch-style servers (Deno, Bun, Cloudflare Workers, Next.js route handlers,
 * Hono, ...). A browser reads it with `responseEvents(await fetch(url))` (or `chatCompletionChunks`,
 * `assistantEvents`), with `EventSource`, or with the SDK's `Stream.fromSSEResponse`.
 *
 * @example
 * import { createClient, toEventStreamResponse } from 'rx-openai-stream';
 *
 * const client = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * export async function POST(request: Request): Promise<Response> {
 *   const { input } = await request.json();
 *   return toEventStreamResponse(client.responses.stream({ model: 'gpt-4o', input }), {
 *     format: 'responses',
 *     signal: request.signal,
 *   });
 * }
 */
export function toEventStreamResponse<T>(events$: Observable<T>, options: EventStreamResponseOptions = {}): Response {
  checkRelayLimits(options, 'toEventStreamResponse');
  checkRelayHead(options, 'toEventStreamResponse');
  return eventStreamResponse(toEventStreamBody(events$, options), options);
}

/**
 * A `Response` of an event-stream body: the status (default 200) and the event-stream headers with `headers` added.
 *
 * @internal
 * @example
 * eventStreamResponse(body, { headers: { 'access-control-allow-origin': origin } });
 */
export function eventStreamResponse(
  body: ReadableStream<Uint8Array>,
  options: Pick<EventStreamResponseOptions, 'status' | 'headers'>,
): Response {
  return new Response(body, { status: options.status ?? 200, headers: eventStreamHeaders(options.headers) });
}

import type { Observable } from 'rxjs';
import { checkRelayLimits, toEventStreamBody, type EventStreamBodyOptions } from './event-stream-body.js';

/**
 * The headers of a relayed event stream: its content type, no caching or transforming on the way, and
 * `x-accel-buffering: no` so that nginx (and proxies that follow it) pass each event on at once.
 *
 * @example
 * res.writeHead(200, { ...EVENT_STREAM_HEADERS });
 */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
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

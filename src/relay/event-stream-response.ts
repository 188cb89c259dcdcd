import type { Observable } from 'rxjs';
import { toEventStreamBody, type EventStreamBodyOptions } from './event-stream-body.js';

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
 * Options of {@link toEventStreamResponse}: those of the body, and the response's status and extra headers.
 *
 * @example
 * toEventStreamResponse(events$, { format: 'responses', headers: { 'access-control-allow-origin': origin } });
 */
export interface EventStreamResponseOptions extends EventStreamBodyOptions {
  /** Default 200. */
  readonly status?: number;
  /** Added to (and overriding) {@link EVENT_STREAM_HEADERS}. */
  readonly headers?: Readonly<Record<string, string>>;
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
  return new Response(toEventStreamBody(events$, options), {
    status: options.status ?? 200,
    headers: { ...EVENT_STREAM_HEADERS, ...options.headers },
  });
}

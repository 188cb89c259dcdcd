import { defer, type Observable } from 'rxjs';
import { toEventStreamResponse, type EventStreamResponseOptions } from './event-stream-response.js';

/**
 * Makes the upstream stream of one request: `lastEventId` is the browser's `Last-Event-ID` header (the `id:` of
 * the last event it received before it reconnected), `undefined` on a first connection.
 *
 * @example
 * const factory: RelayFactory<ResponseStreamEvent> = (lastEventId) =>
 *   client.responses.stream({ response_id: id, starting_after: Number(lastEventId ?? -1) });
 */
export type RelayFactory<T> = (lastEventId: string | undefined, request: Request) => Observable<T>;

/**
 * A fetch-style handler `(request) => Response` that relays the stream a factory makes, resumed where the
 * browser stopped: the request's `Last-Event-ID` header goes to the factory (Responses events carry their
 * `sequence_number` as the event id). Keeps no state: any server instance can serve a reconnect. The factory is
 * called when the body is first read (cold: each request makes its own upstream stream); a request whose
 * `signal` aborts, or whose body is cancelled, unsubscribes it.
 *
 * For background Responses the factory resumes upstream (`starting_after`). Chat Completions and Assistants
 * streams cannot resume upstream: a factory for them either starts over or refuses (`throwError(...)`, relayed
 * as an error event) when `lastEventId` is set; see `docs/relay.md`.
 *
 * @example
 * import { createClient, resumableEventStream } from 'rx-openai-stream';
 *
 * const client = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * const handler = resumableEventStream((lastEventId, request) => {
 *   const responseId = new URL(request.url).searchParams.get('response_id')!;
 *   return client.responses.stream({ response_id: responseId, starting_after: Number(lastEventId ?? -1) });
 * }, { format: 'responses' });
 * // Deno.serve(handler), export default { fetch: handler }, app.get('/events', (c) => handler(c.req.raw)), ...
 */
export function resumableEventStream<T>(
  factory: RelayFactory<T>,
  options: EventStreamResponseOptions = {},
): (request: Request) => Response {
  return (request) => {
    const lastEventId = request.headers.get('last-event-id')?.trim() || undefined;
    return toEventStreamResponse(
      defer(() => factory(lastEventId, request)),
      { ...options, signal: options.signal ?? request.signal },
    );
  };
}

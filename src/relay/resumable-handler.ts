import { defer, type Observable, type Unsubscribable, using } from 'rxjs';
import { checked } from './check-events.js';
import { checkRelayLimits, toEventStreamBody } from './event-stream-body.js';
import { emptyEndWatch } from './empty-end.js';
import { checkRelayHead, eventStreamHeaders, eventStreamResponse, toEventStreamResponse, type EventStreamResponseOptions } from './event-stream-response.js';

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
 * A fetch-style handler `(request) => Promise<Response>` that relays the stream a factory makes, resumed where
 * the browser stopped: the request's `Last-Event-ID` header goes to the factory (Responses events carry their
 * `sequence_number` as the event id). Keeps no state: any server instance can serve a reconnect. A request whose
 * `signal` aborts, or whose body is cancelled, unsubscribes the factory's stream.
 *
 * - A first connection is answered at once; the factory is called when the body is first read (cold: each request
 *   makes its own upstream stream).
 * - A reconnect (a `Last-Event-ID` header) is answered once upstream says something (an event, an error, a
 *   heartbeat). When upstream ends without an event before the first heartbeat, the browser has read everything:
 *   the answer is `204 No Content`, which tells `EventSource` to stop reconnecting. (After a heartbeat the answer
 *   is already a 200 event stream, which then ends; with `heartbeatMs: false` the answer waits for upstream.)
 * - `options.signal` and the request's own signal both stop it.
 * - A CORS preflight (`OPTIONS`) is answered `204` with `options.headers` (put the CORS headers there, the
 *   `access-control-allow-headers` a resume needs, `last-event-id`, included), and `HEAD` with the head of an event
 *   stream: neither calls the factory.
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
): (request: Request) => Promise<Response> {
  // When the handler is made: a limit it cannot use fails no request later.
  checkRelayLimits(options, 'resumableEventStream');
  checkRelayHead(options, 'resumableEventStream');
  return async (request) => {
    // A CORS preflight (a browser on another origin asks before it sends `Last-Event-ID`) and a HEAD read no
    // stream: answered without calling the factory, whose every call is an upstream request (a billed one for chat).
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...options.headers } });
    if (request.method === 'HEAD') return new Response(null, { status: options.status ?? 200, headers: eventStreamHeaders(options.headers) });
    const lastEventId = request.headers.get('last-event-id')?.trim() || undefined;
    // Both signals stop the relay: yours, and the request's (a runtime that tells a disconnect only by cancelling
    // the body has no body to cancel while a reconnect waits for upstream's first word).
    // The listeners on them are there while the relay's stream is: a body never read leaves nothing on yours.
    const both = options.signal ? eitherSignal(options.signal, request.signal) : undefined;
    const relayed$ = defer(() => checked(factory(lastEventId, request), 'resumableEventStream'));
    const events$ = both ? using(both.watch, () => relayed$) : relayed$;
    const bodyOptions = { ...options, signal: both?.signal ?? request.signal };
    if (lastEventId === undefined) return toEventStreamResponse(events$, bodyOptions);

    // A reconnect: the first read subscribes and waits for the first frame (an event, an error, a heartbeat), or for
    // the end (also the end a signal brings).
    const upstream = emptyEndWatch(events$);
    const reader = toEventStreamBody(upstream.events$, bodyOptions).getReader();
    const first = await reader.read();
    if (upstream.endedEmpty()) {
      // Ended without an event (at most the terminal `[DONE]` frame was written): nothing left to read.
      await reader.cancel();
      return new Response(null, { status: 204, headers: { ...options.headers } });
    }
    return eventStreamResponse(prependTo(first, reader), options);
  };
}

/**
 * A signal that aborts when `a` or `b` does, while it is watched: `watch()` adds the listeners (or aborts at once,
 * when one already did), and unsubscribing what it returns removes them. (Node's `AbortSignal.any()` keeps every
 * signal it made from a long-lived one, so a handler's `options.signal` would hold one more per request served.)
 */
function eitherSignal(a: AbortSignal, b: AbortSignal): { readonly signal: AbortSignal; watch(): Unsubscribable } {
  const controller = new AbortController();
  const fromA = () => controller.abort(a.reason);
  const fromB = () => controller.abort(b.reason);
  const unsubscribe = () => {
    a.removeEventListener('abort', fromA);
    b.removeEventListener('abort', fromB);
  };
  // One that aborted already (a request gone before the handler ran) ends the relay before it starts.
  if (a.aborted) fromA();
  else if (b.aborted) fromB();
  return {
    signal: controller.signal,
    watch: () => {
      if (a.aborted) fromA();
      else if (b.aborted) fromB();
      a.addEventListener('abort', fromA, { once: true });
      b.addEventListener('abort', fromB, { once: true });
      return { unsubscribe };
    },
  };
}

/** A body that gives what was read already, then the rest of `reader`; cancelling it cancels the reader. */
function prependTo(first: ReadableStreamReadResult<Uint8Array>, reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let pending: ReadableStreamReadResult<Uint8Array> | undefined = first;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = pending ?? (await reader.read());
        pending = undefined;
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

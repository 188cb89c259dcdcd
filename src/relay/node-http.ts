import { defer, merge, Observable, Subject, Subscription, takeUntil } from 'rxjs';
import { checked, checkEvents } from './check-events.js';
import { emptyEndWatch } from './empty-end.js';
import { toEventStreamFrames, type EventStreamFramesOptions } from './event-stream-frames.js';
import { checkRelayLimits, DEFAULT_RELAY_BUFFER_SIZE } from './event-stream-body.js';
import { checkRelayHead, eventStreamHeaders } from './event-stream-response.js';
import { readerBacklog } from './reader-backlog.js';

/**
 * The parts of node:http's `IncomingMessage` the adapter reads (so that the library does not import node:http).
 *
 * @example
 * const request: NodeRequestLike = req; // an http.IncomingMessage
 */
export interface NodeRequestLike {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * The parts of node:http's `ServerResponse` the adapter uses.
 *
 * @example
 * const response: NodeResponseLike = res; // an http.ServerResponse
 */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders?: (() => void) | undefined;
  write(chunk: string): boolean;
  end(): unknown;
  destroy(): unknown;
  /** Bytes written but not yet taken by the socket. */
  readonly writableLength: number;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/**
 * Options of {@link relayToNodeResponse}: those of the frames, and the status and extra headers.
 *
 * @example
 * relayToNodeResponse(req, res, events$, { format: 'chat', headers: { 'access-control-allow-origin': '*' } });
 */
export interface NodeRelayOptions extends EventStreamFramesOptions {
  /** Default 200. */
  readonly status?: number | undefined;
  /** Added to the event-stream headers, replacing the default of the same name in any letter case. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The most bytes that may wait for a slow reader in the response's buffer (default
   * `DEFAULT_RELAY_BUFFER_SIZE`). A reader further behind is cut: upstream is unsubscribed (its request aborted)
   * and the connection destroyed, which the reader sees as a cut stream (`IncompleteStreamError`). A reader is
   * behind only when bytes waited past a turn of the event loop (a task and the microtasks it queues: the socket
   * cannot write before it ends). The frames of one turn may fill the buffer up to twice the limit, so a frame
   * larger than the limit passes to a reader that keeps up after small ones of its turn (within twice the limit),
   * and a frame of any size when nothing waits.
   */
  readonly maxBufferSize?: number | undefined;
}

/**
 * Relays an Observable of an API's events to a node:http response as `text/event-stream` (framing, errors and
 * heartbeats as {@link toEventStreamFrames} writes them): writes the headers at once, each event as it comes,
 * ends the response when the stream ends, and unsubscribes upstream (aborting the upstream HTTP request) when the
 * connection closes first. Pass a factory `(lastEventId) => Observable` to resume where a reconnecting browser
 * stopped (its `Last-Event-ID` header): a reconnect is answered with upstream's first event, error or heartbeat,
 * and with `204 No Content` when upstream ends without an event before the first heartbeat (the browser read
 * everything; `EventSource` stops reconnecting). Given an Observable, a request with a `Last-Event-ID` (a
 * reconnect: `EventSource` asks again after every end of a body) is answered `204 No Content` without subscribing:
 * the Observable cannot go on where the browser stopped, and subscribing would make the request again. Express and
 * Fastify (`reply.raw`) hand over node's objects: use this; fetch-style frameworks (Hono, Next.js, ...) use
 * `toEventStreamResponse()` / `resumableEventStream()`.
 *
 * Returns the subscription (unsubscribing it ends the response).
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createClient, relayToNodeResponse } from 'rx-openai-stream';
 *
 * const client = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * createServer((req, res) => {
 *   relayToNodeResponse(req, res, client.responses.stream({ model: 'gpt-4o', input: 'Hi' }), { format: 'responses' });
 * }).listen(8080);
 */
export function relayToNodeResponse<T>(
  req: NodeRequestLike,
  res: NodeResponseLike,
  source: Observable<T> | ((lastEventId: string | undefined) => Observable<T>),
  options: NodeRelayOptions = {},
): Subscription {
  const header = req.headers['last-event-id'];
  const lastEventId = (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
  const factory = typeof source === 'function' ? source : undefined;
  if (factory === undefined) checkEvents(source, 'relayToNodeResponse');
  // Before the head is written: a limit it cannot use is the caller's error, not a 200 that ends empty.
  checkRelayLimits(options, 'relayToNodeResponse');
  // So is a head it cannot write: on a reconnect it is written later, where a throw would end the process.
  checkRelayHead(options, 'relayToNodeResponse');
  // A reconnect (`EventSource` asks again after every end of a body, whole or not) to a stream that cannot resume
  // where it stopped: subscribing would make the request again (a new answer, billed again, its text repeated in
  // the browser). 204 No Content stops `EventSource`; a factory decides for itself.
  if (factory === undefined && lastEventId !== undefined) {
    if (!res.destroyed) {
      res.writeHead(204, { ...options.headers });
      res.end();
    }
    return Subscription.EMPTY;
  }
  // A reconnect (a factory given a Last-Event-ID) is answered once upstream says something: an upstream that ends
  // without an event before the first heartbeat means the browser has read everything, and 204 No Content tells
  // EventSource to stop reconnecting. Any other stream gets its headers at once.
  const upstream$ =
    factory === undefined ? (source as Observable<T>) : defer(() => checked(factory(lastEventId), 'relayToNodeResponse'));
  const reconnect = factory !== undefined && lastEventId !== undefined ? emptyEndWatch(upstream$) : undefined;
  const events$ = reconnect?.events$ ?? upstream$;
  const status = options.status ?? 200;
  // A reader too far behind, or a head that could not be written (below). Stops upstream at once, in the middle of
  // a synchronous emission too.
  const cut = new Subject<void>();
  let headWritten = false;
  const writeHead = (code: number) => {
    headWritten = true;
    if (res.destroyed) return;
    res.writeHead(code, code === 204 ? { ...options.headers } : eventStreamHeaders(options.headers));
    res.flushHeaders?.();
  };
  // From inside the stream's callbacks, where a throw would be reported as unhandled (and end a Node process): a
  // response that cannot take its head (the head was checked above: headers sent by other code) is destroyed and
  // upstream stopped instead.
  const writeHeadLater = (code: number) => {
    try {
      writeHead(code);
    } catch {
      res.destroy();
      cut.next();
    }
  };
  if (reconnect === undefined) writeHead(status);
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_RELAY_BUFFER_SIZE;
  // Node writes to the socket only after a task and its microtasks (a chunked response is corked until the next
  // tick): a turn ends at the next `setImmediate`.
  const backlog = readerBacklog(maxBufferSize, setImmediate);
  const end = () => {
    if (!headWritten) writeHeadLater(status);
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  const subscription = events$.pipe(toEventStreamFrames<T>(options), takeUntil(merge(closed(res), cut))).subscribe({
    next(frame) {
      if (!headWritten) {
        // The terminal frame (`[DONE]`) of an upstream that ended without an event: nothing to send.
        if (reconnect?.endedEmpty()) return;
        writeHeadLater(status);
      }
      // Node queues what the socket cannot take yet (in bytes): a reader too far behind (`readerBacklog()`) is cut.
      if (res.destroyed) return cut.next();
      const before = res.writableLength;
      res.write(frame);
      if (backlog.tooFar(before, res.writableLength)) {
        res.destroy();
        cut.next();
      }
    },
    complete() {
      if (!headWritten && reconnect?.endedEmpty()) writeHeadLater(204);
      end();
    },
  });
  subscription.add(end);
  return subscription;
}

/**
 * Emits when the connection of `res` closes; at once when it closed already (a browser that left while the server
 * was still reading the request or checking a session), so that upstream is never subscribed and no request is sent
 * for nobody.
 */
function closed(res: NodeResponseLike): Observable<void> {
  return new Observable<void>((subscriber) => {
    if (res.destroyed) return subscriber.next();
    const onClose = () => subscriber.next();
    res.once('close', onClose);
    return () => res.off('close', onClose);
  });
}

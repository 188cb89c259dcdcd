import { asyncScheduler, interval, Observable } from 'rxjs';
import { checkEvents } from './check-events.js';
import { IncompleteStreamError, ResponseStreamError } from '../errors/stream-errors.js';
import { subscribeChained } from '../operators/subscribe-chained.js';
import { isResponseStreamType } from '../responses/lifecycle-events.js';
import { bodyOfFrames, checkRelayLimits, type EventStreamBodyOptions } from './event-stream-body.js';

/**
 * Options of {@link toNdjsonBody}: the heartbeat, its scheduler, the buffer limit and the stop signal of the
 * event-stream body (there is no framing to choose, and no error event to describe).
 *
 * @example
 * toNdjsonBody(events$, { heartbeatMs: 10_000, signal: request.signal });
 */
export type NdjsonBodyOptions = Pick<EventStreamBodyOptions, 'heartbeatMs' | 'scheduler' | 'signal' | 'maxBufferSize'>;

/**
 * The body the official SDK's `toReadableStream()` makes, from an Observable: one JSON value per line
 * (newline-delimited JSON), which the SDK's `ChatCompletionStream.fromReadableStream()`,
 * `ResponseStream.fromReadableStream()`, `AssistantStream.fromReadableStream()` and `Stream.fromReadableStream()`
 * read in the browser. For an app whose browser code already uses those helpers; otherwise prefer
 * {@link toEventStreamBody} (standard SSE: the API's error events, ids and resume, and this library's sources
 * read it).
 *
 * As the SDK's: an upstream error (a cut upstream too) errors the body, which the SDK's reader throws (over HTTP
 * the connection breaks off), but for a Responses `response.failed` in a stream of Responses events (the
 * library's streams fail with a `ResponseStreamError` for it), which is written as its line before the body ends,
 * as the SDK's body has it (the library's NDJSON sources then fail with that `ResponseStreamError`); a clean end is
 * the stream's end. Heartbeats are empty lines (the SDK skips them).
 * Pull-based, cancelled and bounded as {@link toEventStreamBody}: a reader more than `maxBufferSize` behind is
 * cut with an `IncompleteStreamError`.
 *
 * @example
 * import { toNdjsonBody } from 'rx-openai-stream';
 *
 * // Server
 * return new Response(toNdjsonBody(client.chat.completions.stream({ model: 'gpt-4o', messages })));
 * // Browser, with the official SDK
 * const runner = ChatCompletionStream.fromReadableStream((await fetch('/api/chat', { method: 'POST', body })).body!);
 * runner.on('content', (delta) => output.append(delta));
 */
export function toNdjsonBody<T>(events$: Observable<T>, options: NdjsonBodyOptions = {}): ReadableStream<Uint8Array> {
  checkEvents(events$, 'toNdjsonBody');
  const heartbeatMs = checkRelayLimits(options, 'toNdjsonBody');
  const scheduler = options.scheduler ?? asyncScheduler;
  let lines = 0;
  const lines$ = new Observable<string>((subscriber) => {
    // Whether every value so far (none too) was a Responses event: the stream's own events, not values made of them.
    let responseEvents = true;
    subscriber.add(
      subscribeChained(events$, subscriber, {
        next(event) {
          const type = (event as { type?: unknown } | null)?.type;
          responseEvents &&= isResponseStreamType(type);
          let line: string | undefined;
          try {
            line = JSON.stringify(event);
          } catch (error) {
            return subscriber.error(error);
          }
          if (line === undefined) return subscriber.error(new TypeError(`The relay cannot write ${typeof event} as JSON`));
          lines++;
          subscriber.next(`${line}\n`);
        },
        error(error: unknown) {
          // A failed response is an event of a Responses stream, which the SDK's body writes as its line before it
          // ends (the library's streams report it as their error, with the event's data); of values made of the
          // events (text deltas, ...), it is the error it is.
          const failed = error instanceof ResponseStreamError && error.eventType === 'response.failed' ? error.error : undefined;
          if (responseEvents && typeof failed === 'object' && failed !== null) {
            lines++;
            subscriber.next(`${JSON.stringify(failed)}\n`);
            return subscriber.complete();
          }
          subscriber.error(error);
        },
        complete: () => subscriber.complete(),
      }),
    );
    if (heartbeatMs && !subscriber.closed) {
      subscriber.add(interval(heartbeatMs, scheduler).subscribe(() => subscriber.next('\n')));
    }
  });
  return bodyOfFrames(lines$, {
    ...options,
    overflowError: () => new IncompleteStreamError({ receivedEvents: lines }),
  });
}

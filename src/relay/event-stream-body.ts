import { Subject, takeUntil, type Observable, type Subscription } from 'rxjs';
import { toEventStreamFrames, type EventStreamFramesOptions } from './event-stream-frames.js';

/**
 * Options of {@link toEventStreamBody}: those of the frames, and a signal that stops the relay.
 *
 * @example
 * toEventStreamBody(events$, { format: 'chat', heartbeatMs: 10_000, signal: request.signal });
 */
export interface EventStreamBodyOptions extends EventStreamFramesOptions {
  /** Aborting it unsubscribes upstream and ends the body (for servers that tell a disconnect by a signal). */
  readonly signal?: AbortSignal;
  /**
   * The most characters of frames that may wait for a slow reader (default {@link DEFAULT_RELAY_BUFFER_SIZE}).
   * A reader that falls further behind is cut: upstream is unsubscribed (its request aborted) and, once the
   * waiting frames are read, the body ends without its terminal event (the reader sees a cut stream). A single
   * frame larger than the limit still passes when nothing waits.
   */
  readonly maxBufferSize?: number;
}

/**
 * The default `maxBufferSize` of a relay: 16 MiB of characters waiting for a slow reader.
 *
 * @example
 * toEventStreamBody(events$, { maxBufferSize: DEFAULT_RELAY_BUFFER_SIZE * 4 }); // partial images are large
 */
export const DEFAULT_RELAY_BUFFER_SIZE = 16 * 1024 * 1024;

/**
 * Turns an Observable of an API's events into a `text/event-stream` body (see {@link toEventStreamFrames} for
 * the framing, errors and heartbeats).
 *
 * Pull-based and cold: nothing is subscribed until the body is first read; frames wait in the body's own queue
 * until it is read, several at a time; cancelling the body (a browser that disconnects) unsubscribes upstream,
 * which aborts the upstream HTTP request. The upstream Observable pushes, so a reader slower than the API lets
 * frames queue up, to `maxBufferSize` characters; a reader further behind is cut (see
 * {@link EventStreamBodyOptions.maxBufferSize}).
 *
 * @example
 * import { toEventStreamBody } from 'rx-openai-stream';
 *
 * const body = toEventStreamBody(client.chat.completions.stream({ model: 'gpt-4o', messages }), { format: 'chat' });
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 */
export function toEventStreamBody<T>(events$: Observable<T>, options: EventStreamBodyOptions = {}): ReadableStream<Uint8Array> {
  const overflow = new Subject<void>();
  const frames$ = events$.pipe(toEventStreamFrames<T>(options), takeUntil(overflow));
  const signal = options.signal;
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_RELAY_BUFFER_SIZE;
  const encoder = new TextEncoder();
  let subscription: Subscription | undefined;
  let queue = '';
  let ended = false;
  let cancelled = false;
  let wake: (() => void) | undefined;
  const onAbort = () => stop();
  const stop = () => {
    signal?.removeEventListener('abort', onAbort);
    subscription?.unsubscribe();
    ended = true;
    queue = '';
    wake?.();
  };
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (subscription === undefined) {
          if (signal?.aborted) return controller.close();
          signal?.addEventListener('abort', onAbort, { once: true });
          subscription = frames$.subscribe({
            next(frame) {
              if (queue !== '' && queue.length + frame.length > maxBufferSize) {
                // A reader this far behind is cut, not waited for: memory stays bounded.
                ended = true;
                overflow.next();
              } else queue += frame;
              notify();
            },
            complete() {
              ended = true;
              signal?.removeEventListener('abort', onAbort);
              notify();
            },
          });
        }
        const flush = () => {
          if (cancelled) return;
          if (queue !== '') {
            controller.enqueue(encoder.encode(queue));
            queue = '';
          }
          if (ended) controller.close();
        };
        if (queue !== '' || ended) return flush();
        return new Promise<void>((resolve) => {
          wake = () => {
            wake = undefined;
            flush();
            resolve();
          };
        });
      },
      cancel() {
        cancelled = true;
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}

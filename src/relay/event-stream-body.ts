import type { Observable, Subscription } from 'rxjs';
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
}

/**
 * Turns an Observable of an API's events into a `text/event-stream` body (see {@link toEventStreamFrames} for
 * the framing, errors and heartbeats).
 *
 * Pull-based and cold: nothing is subscribed until the body is first read; frames wait in the body's own queue
 * until it is read, several at a time; cancelling the body (a browser that disconnects) unsubscribes upstream,
 * which aborts the upstream HTTP request. The upstream Observable pushes, so a reader slower than the API lets
 * frames queue up (an API stream is slower than any network a browser reads from; a stalled reader is cut by its
 * server's socket timeout, which cancels the body).
 *
 * @example
 * import { toEventStreamBody } from 'rx-openai-stream';
 *
 * const body = toEventStreamBody(client.chat.completions.stream({ model: 'gpt-4o', messages }), { format: 'chat' });
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 */
export function toEventStreamBody<T>(events$: Observable<T>, options: EventStreamBodyOptions = {}): ReadableStream<Uint8Array> {
  const frames$ = events$.pipe(toEventStreamFrames<T>(options));
  const signal = options.signal;
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
              queue += frame;
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

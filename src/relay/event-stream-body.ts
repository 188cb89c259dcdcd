import { Subject, takeUntil, type Observable, type Subscription } from 'rxjs';
import { checkEvents } from './check-events.js';
import { readerBacklog } from './reader-backlog.js';
import { heartbeatPeriod, reconnectField, toEventStreamFrames, type EventStreamFramesOptions } from './event-stream-frames.js';

/**
 * Options of {@link toEventStreamBody}: those of the frames, and a signal that stops the relay.
 *
 * @example
 * toEventStreamBody(events$, { format: 'chat', heartbeatMs: 10_000, signal: request.signal });
 */
export interface EventStreamBodyOptions extends EventStreamFramesOptions {
  /** Aborting it unsubscribes upstream and ends the body (for servers that tell a disconnect by a signal). */
  readonly signal?: AbortSignal | undefined;
  /**
   * The most characters of frames that may wait for a slow reader (default {@link DEFAULT_RELAY_BUFFER_SIZE}).
   * A reader that falls further behind is cut: upstream is unsubscribed (its request aborted) and, once the
   * waiting frames are read, the body ends without its terminal event (the reader sees a cut stream). Only a
   * reader that left frames unread past a turn is behind (the frames of one task of the event loop and its
   * microtasks, say the events of one network chunk, wait for one another: a reader may not take them before the
   * task ends). A burst may fill the queue up to twice the limit, so a frame larger than the limit passes to a
   * reader that keeps up after small ones of its burst (within twice the limit), and a frame of any size when
   * nothing waits.
   */
  readonly maxBufferSize?: number | undefined;
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
  checkEvents(events$, 'toEventStreamBody');
  checkRelayLimits(options, 'toEventStreamBody');
  return bodyOfFrames(events$.pipe(toEventStreamFrames<T>(options)), options);
}

/**
 * Throws a `RangeError` naming `where` for a `heartbeatMs`, `maxBufferSize` or `reconnectMs` a relay cannot use (a
 * negative or `NaN` period; a limit of 0, below 0 or `NaN`, which would cut every reader or none; a reconnection time
 * that is no whole number >= 0), before anything is sent.
 * Returns the heartbeat's period ({@link heartbeatPeriod}: `undefined` for none).
 *
 * @internal
 * @example
 * checkRelayLimits({ maxBufferSize: 0 }, 'relayToNodeResponse'); // RangeError: relayToNodeResponse: maxBufferSize must be ...
 */
export function checkRelayLimits(options: Pick<EventStreamBodyOptions, 'heartbeatMs' | 'maxBufferSize' | 'reconnectMs'>, where: string): number | undefined {
  const limit = options.maxBufferSize;
  if (limit !== undefined && !(typeof limit === 'number' && limit > 0)) {
    throw new RangeError(`${where}: maxBufferSize must be a number of characters > 0, or Infinity (got ${String(limit)})`);
  }
  reconnectField(options.reconnectMs, where);
  return heartbeatPeriod(options.heartbeatMs, where);
}

/**
 * How {@link bodyOfFrames} ends a body whose reader fell too far behind.
 *
 * @internal
 * @example
 * const options: FramesBodyOptions = { maxBufferSize: 1024, overflowError: () => new Error('too slow') };
 */
export interface FramesBodyOptions {
  readonly signal?: AbortSignal | undefined;
  readonly maxBufferSize?: number | undefined;
  /** The error that ends the body of a reader too far behind; without it, the body just ends. */
  readonly overflowError?: (() => unknown) | undefined;
}

/**
 * A pull-based body of text frames: subscribes on the first read, queues frames until read (at most
 * `maxBufferSize` characters: a reader further behind is cut), unsubscribes on cancel or on `signal`; an error of
 * the frames errors the body after what was queued is read.
 *
 * @internal
 * @example
 * const body = bodyOfFrames(of('data: 1\n\n', 'data: 2\n\n'), {});
 */
export function bodyOfFrames(frames: Observable<string>, options: FramesBodyOptions): ReadableStream<Uint8Array> {
  const overflow = new Subject<void>();
  const frames$ = frames.pipe(takeUntil(overflow));
  const signal = options.signal;
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_RELAY_BUFFER_SIZE;
  const encoder = new TextEncoder();
  let subscription: Subscription | undefined;
  let queue = '';
  // A turn ends with a task of the event loop: an upstream of microtasks (an async iterable's values, through
  // `fromOpenAIStream`) emits between a reader's reads, which take a few microtasks each, so a microtask's end would
  // count a reader that keeps up as behind.
  const backlog = readerBacklog(maxBufferSize, afterTask);
  let ended = false;
  let failure: { error: unknown } | undefined;
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
  const end = () => {
    ended = true;
    signal?.removeEventListener('abort', onAbort);
    notify();
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (subscription === undefined) {
          if (signal?.aborted) return controller.close();
          signal?.addEventListener('abort', onAbort, { once: true });
          subscription = frames$.subscribe({
            next(frame) {
              if (backlog.tooFar(queue.length, queue.length + frame.length)) {
                // A reader this far behind is cut, not waited for: memory stays bounded.
                ended = true;
                if (options.overflowError) failure = { error: options.overflowError() };
                overflow.next();
              } else queue += frame;
              notify();
            },
            error(error: unknown) {
              failure = { error };
              end();
            },
            complete: end,
          });
          // Aborted while upstream subscribed (`stop()` found no subscription yet to end): ended now.
          if (signal?.aborted) subscription.unsubscribe();
        }
        const flush = () => {
          if (cancelled) return;
          if (queue !== '') {
            controller.enqueue(encoder.encode(queue));
            queue = '';
            backlog.drained();
            // An error would drop what was just queued: it waits for the next read.
            if (failure) return;
          }
          if (!ended) return;
          if (failure) controller.error(failure.error);
          else controller.close();
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

/** Runs `end` after the current task of the event loop and its microtasks (`setImmediate` where there is one). */
function afterTask(end: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(end);
  else setTimeout(end, 0);
}

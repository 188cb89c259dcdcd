import { asyncScheduler, interval, Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import {
  AssistantStreamError,
  ChatCompletionStreamError,
  IncompleteStreamError,
  ResponseStreamError,
  ServerStreamError,
} from '../errors/stream-errors.js';
import { MAX_TIMER_MS } from '../operators/schedule-after.js';
import { subscribeChained } from '../operators/subscribe-chained.js';

/**
 * Which API's framing a relayed stream uses:
 * - `'responses'`: `event: <type>`, `id: <sequence_number>`, `data: <event JSON>`; nothing after the last event
 *   (the API ends the body after `response.completed`).
 * - `'chat'`: `data: <chunk JSON>` lines, then `data: [DONE]`.
 * - `'assistants'`: `event: <event>`, `data: <JSON of data>`, then `event: done` + `data: [DONE]`.
 *
 * @example
 * events$.pipe(toEventStreamFrames({ format: 'chat' }));
 */
export type RelayFormat = 'responses' | 'chat' | 'assistants';

/**
 * What an upstream failure becomes in the relayed stream: the fields of the API's error object.
 *
 * @example
 * const describeError = (error: unknown): RelayedError => ({ code: 'upstream_error', message: 'Try again later' });
 */
export interface RelayedError {
  /** A machine-readable code (`server_error`, `rate_limit_exceeded`, ...). */
  readonly code: string | null;
  /** What the browser may read. */
  readonly message: string;
  /** The error type (`server_error`, `invalid_request_error`, ...). */
  readonly type?: string | undefined;
  /** The request parameter at fault, if any. */
  readonly param?: string | null | undefined;
}

/**
 * Options of {@link toEventStreamFrames} (and of every relay built on it).
 *
 * @example
 * const options: EventStreamFramesOptions = { format: 'responses', heartbeatMs: 10_000 };
 */
export interface EventStreamFramesOptions {
  /** The framing; by default told by the first event (`{ event, data }`: Assistants; a string `type`: Responses; else chat). */
  readonly format?: RelayFormat | undefined;
  /**
   * Every how many milliseconds a `: keep-alive` comment is written, so that proxies do not cut a quiet stream
   * (the library's sources, the SDK and `EventSource` ignore comments). Default 15 000; `false`, `0` or
   * `Infinity` for none. A negative number or `NaN` is a `RangeError`.
   */
  readonly heartbeatMs?: number | false | undefined;
  /** The scheduler of the heartbeat (default `asyncScheduler`); pass the client's, or a `TestScheduler`. */
  readonly scheduler?: SchedulerLike | undefined;
  /**
   * How long a browser's `EventSource` waits before it reconnects after the connection dropped, in milliseconds:
   * the SSE `retry:` field, written with the first frame (browsers wait about 3 s without it). A resumable relay
   * (`resumableEventStream()`, `relayToNodeResponse()` with a factory) then picks the stream up sooner. A whole
   * number >= 0; anything else is a `RangeError`. Default: none written.
   */
  readonly reconnectMs?: number | undefined;
  /**
   * What an upstream failure that is not the API's own error event tells the browser. Default: the code
   * `upstream_error` and a message naming only the error's class (no internal detail reaches the browser).
   * The API's own error events (`ServerStreamError`s) are relayed as they came. When it throws, or returns no
   * description (nothing, or no string `message`: a function written for some errors only), the default description
   * is sent; a `code`, `type` or `param` that is not a string is left out (the frames never error).
   */
  readonly describeError?: ((error: unknown) => RelayedError) | undefined;
}

/**
 * The default heartbeat period of a relay, in milliseconds.
 *
 * @example
 * toEventStreamFrames({ heartbeatMs: DEFAULT_HEARTBEAT_MS * 2 });
 */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * The period of a relay's heartbeat from its `heartbeatMs` option: none for `false`, `0`, `Infinity` or a period
 * longer than a timer can wait (2³¹ − 1 ms, about 25 days: a heartbeat is never due); a `RangeError` naming
 * `where` for a negative number, `NaN` or anything else (a heartbeat every millisecond is no one's intent).
 *
 * @internal
 * @example
 * heartbeatPeriod(undefined, 'toEventStreamBody'); // 15000
 * heartbeatPeriod(Infinity, 'toEventStreamBody'); // undefined: no heartbeat
 */
export function heartbeatPeriod(option: unknown, where: string): number | undefined {
  const ms = option === undefined ? DEFAULT_HEARTBEAT_MS : option === false ? 0 : option;
  if (typeof ms !== 'number' || !(ms >= 0)) {
    throw new RangeError(`${where}: heartbeatMs must be a number of milliseconds >= 0, Infinity or false (got ${String(option)})`);
  }
  return ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}

/** The comment written as a heartbeat. */
const HEARTBEAT = ': keep-alive\n\n';
const LINE_BREAK = /[\r\n]/;

/**
 * Turns an Observable of an API's events (Responses events, Chat Completions chunks, Assistants `{ event, data }`)
 * into the frames of a `text/event-stream` body, one string per event, that this library's sources and the
 * official SDK read back into the same events.
 *
 * - Event names and ids are kept (see {@link RelayFormat}); the end is what the API sends at its end.
 * - An upstream error becomes the API's in-stream error, which the sources turn back into the matching typed
 *   error: the API's own error event (`ResponseStreamError`, `AssistantStreamError`, `ChatCompletionStreamError`)
 *   as it came, anything else as `options.describeError` tells (`event: error` for Responses and Assistants,
 *   `data: {"error": {...}}` for chat). Then the frames complete.
 * - A cut upstream (`IncompleteStreamError`) completes the frames without the terminal event: the reader sees a
 *   cut stream (`IncompleteStreamError`), never a clean end.
 * - A `: keep-alive` comment every `heartbeatMs` on `scheduler`.
 *
 * The result never errors. Unsubscribing unsubscribes the source (which aborts its HTTP request).
 *
 * @example
 * import { toEventStreamFrames } from 'rx-openai-stream';
 *
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' })
 *   .pipe(toEventStreamFrames({ format: 'responses' }))
 *   .subscribe((frame) => res.write(frame));
 */
export function toEventStreamFrames<T>(options: EventStreamFramesOptions = {}): OperatorFunction<T, string> {
  const heartbeatMs = heartbeatPeriod(options.heartbeatMs, 'toEventStreamFrames');
  const scheduler = options.scheduler ?? asyncScheduler;
  const describe = options.describeError ?? describeUpstreamError;
  const reconnect = reconnectField(options.reconnectMs, 'toEventStreamFrames');
  return (source) =>
    new Observable<string>((subscriber) => {
      let format = options.format;
      let lastSequence: number | undefined;
      // The `retry:` field goes with the first frame, whatever it is (an event, an error, a heartbeat): a frame of
      // its own would be a first frame to a resumable relay, which answers 204 when none comes.
      let field = reconnect;
      const send = (frame: string) => {
        subscriber.next(field + frame);
        field = '';
      };
      const fail = (error: unknown) => {
        if (!(error instanceof IncompleteStreamError)) send(errorFrame(format ?? 'responses', error, describe, lastSequence));
        subscriber.complete();
      };
      subscriber.add(
        subscribeChained(source, subscriber, {
          next(event) {
            let frame: string;
            try {
              format ??= detectFormat(event);
              if (format === 'responses') {
                const sequence = (event as { sequence_number?: unknown }).sequence_number;
                if (typeof sequence === 'number') lastSequence = sequence;
              }
              frame = eventFrame(format, event);
            } catch (error) {
              return fail(error);
            }
            send(frame);
          },
          error: fail,
          complete() {
            if (format === 'chat') send('data: [DONE]\n\n');
            else if (format === 'assistants') send('event: done\ndata: [DONE]\n\n');
            subscriber.complete();
          },
        }),
      );
      if (heartbeatMs && !subscriber.closed) {
        subscriber.add(interval(heartbeatMs, scheduler).subscribe(() => send(HEARTBEAT)));
      }
    });
}

/**
 * The `retry:` line a relay writes for its `reconnectMs` option (`''` without one); a `RangeError` naming `where` for
 * anything but a whole number of milliseconds >= 0.
 *
 * @internal
 * @example
 * reconnectField(500, 'toEventStreamBody'); // 'retry: 500\n'
 */
export function reconnectField(option: unknown, where: string): string {
  if (option === undefined) return '';
  if (!Number.isSafeInteger(option) || (option as number) < 0) {
    throw new RangeError(`${where}: reconnectMs must be a whole number of milliseconds >= 0 (got ${String(option)})`);
  }
  return `retry: ${option as number}\n`;
}

function detectFormat(event: unknown): RelayFormat {
  const record = event as Record<string, unknown> | null;
  if (typeof record === 'object' && record !== null) {
    if (typeof record['event'] === 'string' && 'data' in record) return 'assistants';
    if (typeof record['type'] === 'string') return 'responses';
  }
  return 'chat';
}

function json(value: unknown): string {
  const text = JSON.stringify(value);
  // `undefined`, a function, a symbol: nothing JSON can carry.
  if (text === undefined) throw new TypeError(`The relay cannot write ${typeof value} as JSON`);
  return text;
}

function eventFrame(format: RelayFormat, event: unknown): string {
  if (format === 'chat') return `data: ${json(event)}\n\n`;
  if (format === 'assistants') {
    const { event: name, data } = event as { event: string; data: unknown };
    if (LINE_BREAK.test(name)) throw new TypeError(`An event name with a line break cannot be relayed: ${JSON.stringify(name)}`);
    return `event: ${name}\ndata: ${json(data)}\n\n`;
  }
  const { type, sequence_number: sequence } = event as { type?: unknown; sequence_number?: unknown };
  // A type with a line break cannot be an `event:` line; the data's own `type` names the event then.
  const named = typeof type === 'string' && !LINE_BREAK.test(type) ? `event: ${type}\n` : '';
  const id = typeof sequence === 'number' && Number.isFinite(sequence) ? `id: ${sequence}\n` : '';
  return `${named}${id}data: ${json(event)}\n\n`;
}

function errorFrame(
  format: RelayFormat,
  error: unknown,
  describe: (error: unknown) => RelayedError,
  lastSequence: number | undefined,
): string {
  if (format === 'responses') {
    // The API's own error events, as they came (ids are kept: the event's own sequence number).
    if (error instanceof ResponseStreamError && !LINE_BREAK.test(error.eventType)) {
      const id = error.sequenceNumber === undefined ? '' : `id: ${error.sequenceNumber}\n`;
      return `event: ${error.eventType}\n${id}data: ${oneLine(error.data)}\n\n`;
    }
    const { code, message, param } = describeAny(error, describe);
    const body: Record<string, unknown> = { type: 'error', code, message, param: param ?? null };
    if (lastSequence !== undefined) body['sequence_number'] = lastSequence + 1;
    return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
  }
  if (format === 'assistants') {
    if (error instanceof AssistantStreamError) return `event: error\ndata: ${oneLine(error.data)}\n\n`;
    const { code, message, type, param } = describeAny(error, describe);
    return `event: error\ndata: ${JSON.stringify({ code, message, type: type ?? 'server_error', param: param ?? null })}\n\n`;
  }
  if (error instanceof ChatCompletionStreamError) {
    const parsed = error.error as { error?: unknown } | undefined;
    if (typeof parsed === 'object' && parsed !== null && typeof parsed.error === 'object' && parsed.error !== null) {
      return `data: ${oneLine(error.data)}\n\n`;
    }
  }
  const { code, message, type, param } = describeAny(error, describe);
  return `data: ${JSON.stringify({ error: { message, type: type ?? 'server_error', param: param ?? null, code } })}\n\n`;
}

function describeAny(error: unknown, describe: (error: unknown) => RelayedError): RelayedError {
  // The API's own error (of another framing than the relay's): its code and message are the API's words.
  if (error instanceof ServerStreamError) {
    return { code: error.code ?? null, message: apiMessage(error) };
  }
  // The frames never error: a `describeError` that throws, or gives no description (no string `message`: a
  // function written for some errors only), gives the default one; fields of another kind are left out.
  let described: Partial<Record<keyof RelayedError, unknown>> | undefined;
  try {
    described = describe(error) as Partial<Record<keyof RelayedError, unknown>> | undefined;
  } catch {
    described = undefined;
  }
  if (typeof described !== 'object' || described === null || typeof described.message !== 'string') {
    return describeUpstreamError(error);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const { code, message, type, param } = described;
  const kind = text(type);
  return { code: text(code) ?? null, message, ...(kind === undefined ? {} : { type: kind }), param: text(param) ?? null };
}

function apiMessage(error: ServerStreamError): string {
  const parsed = error.error as Record<string, unknown> | undefined;
  const body = (typeof parsed?.['error'] === 'object' && parsed['error'] !== null ? parsed['error'] : parsed) as
    | Record<string, unknown>
    | undefined;
  return typeof body?.['message'] === 'string' ? body['message'] : error.message;
}

/** Raw data with line breaks (from a multi-line `data:` event) written back as several `data:` lines. */
function oneLine(data: string): string {
  return data.replace(/\r\n|\r|\n/g, '\ndata: ');
}

/**
 * The default description of an upstream failure that is not the API's own error event: the code
 * `upstream_error` and a message naming the error's class only, so that no internal detail (URLs, keys in
 * messages) reaches the browser.
 *
 * @example
 * describeUpstreamError(new TypeError('fetch failed'));
 * // { code: 'upstream_error', type: 'server_error', param: null, message: 'The upstream stream failed (TypeError)' }
 */
export function describeUpstreamError(error: unknown): RelayedError {
  const name = error instanceof Error ? error.name : typeof error;
  return { code: 'upstream_error', type: 'server_error', param: null, message: `The upstream stream failed (${name})` };
}

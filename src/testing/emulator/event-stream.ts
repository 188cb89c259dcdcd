/**
 * An event stream response, shaped by the stream faults of its request: the blocks a route sends go out as
 * `event:` / `data:` text unless a fault stalls, cuts, corrupts, delays or buffers them.
 */
import type { LatencyFault, StreamFault } from './faults.js';
import { DONE_DATA, SSE_HEADERS, formatComment, formatSse, type EventSink, type SseEvent } from './sse.js';
import type { Timers } from './timers.js';
import type { ResponseWriter } from './writer.js';

const DEFAULT_ERROR = {
  code: 'server_error',
  message: 'The server had an error while processing your request. Sorry about that!',
  param: null,
  type: 'server_error',
};

/**
 * The page a proxy answers 502 with.
 *
 * @example
 * writer.head(502, { 'content-type': 'text/html' });
 * writer.write(BAD_GATEWAY_HTML);
 */
export const BAD_GATEWAY_HTML = [
  '<html>',
  '<head><title>502 Bad Gateway</title></head>',
  '<body>',
  '<center><h1>502 Bad Gateway</h1></center>',
  '</body>',
  '</html>',
  '',
].join('\r\n');

/**
 * The `retry-after-ms` header a proxy's 502 carries when a fault asks for one (nothing otherwise).
 *
 * @example
 * writer.head(502, { 'content-type': 'text/html', ...retryAfterMsHeader(5) }); // retry-after-ms: 5
 */
export function retryAfterMsHeader(ms: number | undefined): Record<string, string> {
  return ms === undefined ? {} : { 'retry-after-ms': String(ms) };
}

/**
 * What else shapes a stream: who hears that a fault acted, and the latency of its events.
 *
 * @example
 * openEventStream(writer, timers, faults, 'chat', { onStrike: (fault) => record.faults.push(fault.kind) });
 */
export interface EventStreamOptions {
  /** Called once per fault when it acts (a fault whose `afterEvents` is never reached is never reported). */
  readonly onStrike?: ((fault: StreamFault) => void) | undefined;
  /**
   * The `delay` fault of the answer: every event (and the end) comes `ms` later, and so does a fault that strikes
   * before the first event (`afterEvents: 0`) or a proxy's answer (`bufferedProxy`); the headers of an event
   * stream too unless `headersFirst`.
   */
  readonly delay?: LatencyFault | undefined;
}

/**
 * Starts an event stream on `writer` (headers go out at once, unless a `delay` holds them) and returns where its
 * blocks are sent.
 *
 * @example
 * const sink = openEventStream(writer, timers, [{ kind: 'reset', afterEvents: 3 }]);
 * sink.send(sseEvent('thread.run.created', run));
 */
export function openEventStream(
  writer: ResponseWriter,
  timers: Timers,
  faults: readonly StreamFault[],
  dialect: StreamDialect = 'assistants',
  options: EventStreamOptions = {},
): EventSink {
  const sink = faultedStream(writer, timers, faults, dialect, options);
  return options.delay ? delayed(sink, timers, options.delay.ms) : sink;
}

function faultedStream(
  writer: ResponseWriter,
  timers: Timers,
  faults: readonly StreamFault[],
  dialect: StreamDialect,
  { onStrike = () => {}, delay }: EventStreamOptions,
): EventSink {
  let fault: StreamFault | undefined;
  for (const each of faults) {
    if (each.kind === 'slowBytes') {
      writer.trickle({ chunkBytes: each.chunkBytes ?? 3, everyMs: each.everyMs ?? 1 });
      onStrike(each);
    } else fault = each;
  }
  // What the stream does before its first event happens `delay.ms` later (set before any event's timer, so first).
  const atStart = (fn: () => void): void => {
    if (delay) timers.after(delay.ms, fn);
    else fn();
  };
  if (fault?.kind === 'bufferedProxy') {
    onStrike(fault);
    return bufferedProxy(writer, fault, atStart);
  }

  writer.head(200, SSE_HEADERS);
  if (!delay || delay.headersFirst !== false) writer.flushHead();
  let written = 0;
  let silent = false; // the fault struck: nothing the route sends goes out any more
  let held: SseEvent[] | undefined; // a stall that resumes: the blocks sent meanwhile
  let endHeld = false;

  const strike = (): void => {
    if (!fault || !('afterEvents' in fault) || written !== fault.afterEvents || silent) return;
    // The client left; `brokenJson` and `endMidEvent` act in `send`, on the event after N.
    if (writer.closed || fault.kind === 'brokenJson' || fault.kind === 'endMidEvent') return;
    onStrike(fault);
    switch (fault.kind) {
      case 'stall':
        silent = true;
        if (fault.resumeAfterMs !== undefined) {
          held = [];
          timers.after(fault.resumeAfterMs, () => {
            const blocks = held ?? [];
            held = undefined;
            silent = false;
            for (const block of blocks) send(block);
            if (endHeld) writer.end();
          });
        }
        break;
      case 'keepAliveOnly': {
        silent = true;
        const stop = timers.every(fault.everyMs ?? 1000, () => writer.write(formatComment('keep-alive')));
        writer.onClose(stop);
        break;
      }
      case 'endEarly':
        silent = true;
        writer.end();
        break;
      case 'reset':
        silent = true;
        writer.reset();
        break;
      case 'errorEvent':
        silent = true;
        writer.write(errorBlock(dialect, { ...DEFAULT_ERROR, ...fault.error }, written));
        writer.end();
        break;
      case 'longLine':
        silent = true;
        writeLongLine(writer, timers, fault.bytes, fault.chunkBytes ?? 65536);
        break;
    }
  };
  atStart(() => {
    writer.flushHead();
    strike(); // a fault at `afterEvents: 0`
  });

  const send = (block: SseEvent): void => {
    if (held) {
      held.push(block);
      return;
    }
    if (silent || writer.closed) return;
    if (fault?.kind === 'withoutDone' && block.data === DONE_DATA) {
      onStrike(fault);
      return;
    }
    if (fault?.kind === 'endMidEvent' && written === fault.afterEvents) {
      silent = true;
      onStrike(fault);
      const text = formatSse({ ...block, data: block.data.slice(0, Math.ceil(block.data.length / 2)) });
      writer.write(text.replace(/\n+$/, ''));
      writer.end();
      return;
    }
    const broken = fault?.kind === 'brokenJson' && written === fault.afterEvents;
    const data = broken ? block.data.slice(0, Math.ceil(block.data.length / 2)) : block.data;
    writer.write(formatSse({ ...block, data }));
    written++;
    if (broken) onStrike(fault!);
    if (fault?.kind === 'holdAfterDone' && isLastBlock(dialect, block)) {
      silent = true;
      onStrike(fault);
    }
    strike();
  };

  return {
    send,
    end(): void {
      if (held) endHeld = true;
      else if (!silent) writer.end();
    },
    get closed() {
      return held ? writer.closed : silent || writer.closed;
    },
    onClose: (fn) => writer.onClose(fn),
  };
}

/** A sink whose blocks and end each go out `ms` later (in order: timers of one length fire in the order set). */
function delayed(sink: EventSink, timers: Timers, ms: number): EventSink {
  return {
    send: (block) => void timers.after(ms, () => sink.send(block)),
    end: () => void timers.after(ms, () => sink.end()),
    get closed() {
      return sink.closed;
    },
    onClose: (fn) => sink.onClose(fn),
  };
}

/**
 * Which API a stream speaks: the error block and the last block differ. Assistants: `event: error` with
 * `{ code, message, ... }`, last block `[DONE]`; Chat Completions: `data: {"error": {...}}`, last `[DONE]`;
 * Responses: `event: error` with `{ type: 'error', code, message, param, sequence_number }`, last the
 * `response.completed` / `incomplete` / `failed` event.
 *
 * @example
 * const sink = ctx.openEventStream('responses'); // error events and last event as the Responses API sends them
 */
export type StreamDialect = 'assistants' | 'chat' | 'responses';

function errorBlock(dialect: StreamDialect, error: Record<string, unknown>, sequence: number): string {
  if (dialect === 'chat') return formatSse({ data: JSON.stringify({ error }) });
  if (dialect === 'responses') {
    const { code, message, param } = error;
    return formatSse({ event: 'error', data: JSON.stringify({ type: 'error', code, message, param, sequence_number: sequence }) });
  }
  return formatSse({ event: 'error', data: JSON.stringify(error) });
}

const RESPONSE_LAST_EVENTS: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function isLastBlock(dialect: StreamDialect, block: SseEvent): boolean {
  return dialect === 'responses' ? RESPONSE_LAST_EVENTS.has(block.event ?? '') : block.data === DONE_DATA;
}

/** `data: ` and then `bytes` bytes without a newline, `chunkBytes` per turn of the event loop; then the end. */
function writeLongLine(writer: ResponseWriter, timers: Timers, bytes: number, chunkBytes: number): void {
  let left = bytes;
  const chunk = 'x'.repeat(Math.max(1, Math.min(chunkBytes, bytes)));
  writer.write('data: ');
  const next = (): void => {
    if (writer.closed) return;
    if (left <= 0) {
      writer.end();
      return;
    }
    const size = Math.min(left, chunk.length);
    writer.write(size === chunk.length ? chunk : chunk.slice(0, size));
    left -= size;
    timers.after(0, next);
  };
  next();
}

/**
 * A proxy that buffers: the whole body at once when the stream is over, or a 502 at once (`atStart`: when a
 * `delay` lets it).
 */
function bufferedProxy(
  writer: ResponseWriter,
  fault: Extract<StreamFault, { kind: 'bufferedProxy' }>,
  atStart: (fn: () => void) => void,
): EventSink {
  const lost = fault.response === 'badGateway';
  if (lost) {
    atStart(() => {
      writer.head(502, { 'content-type': 'text/html', ...retryAfterMsHeader(fault.retryAfterMs) });
      writer.write(BAD_GATEWAY_HTML);
      writer.end();
    });
  }
  let body = '';
  return {
    send(block: SseEvent): void {
      if (!lost && !writer.closed) body += formatSse(block);
    },
    end(): void {
      if (lost || writer.closed) return;
      writer.head(200, { 'content-type': fault.contentType ?? 'application/json' });
      writer.write(body);
      writer.end();
    },
    get closed() {
      return writer.closed;
    },
    onClose: (fn) => writer.onClose(fn),
  };
}

import { OpenAIStreamError } from './base.js';
import { excerpt } from './excerpt.js';

/**
 * A stream carried something that is not what the API sends: invalid JSON, a payload that fails its event's
 * schema, an unknown event in strict mode, or a line longer than the buffer limit. Everything emitted before it
 * stays valid; the stream ends with this error.
 *
 * @example
 * assistantEvents(response).subscribe({
 *   error: (e) => e instanceof StreamParseError && console.error(e.eventName, e.excerpt),
 * });
 */
export class StreamParseError extends OpenAIStreamError {
  /** The SSE `event:` name of the offending event, when it had one. */
  readonly eventName: string | undefined;
  /** The start of the offending data (at most 200 characters). */
  readonly excerpt: string;
  /** Where in the payload the problem is (a JSON path such as `delta.content.0.text`), when known. */
  readonly path: string | undefined;

  constructor(reason: string, details: { eventName?: string; data?: string; path?: string; cause?: unknown }) {
    const shown = excerpt(details.data ?? '');
    const where = details.eventName ? ` in event "${details.eventName}"` : '';
    const at = details.path ? ` at ${details.path}` : '';
    super(`${reason}${where}${at}: ${shown}`, { cause: details.cause });
    this.eventName = details.eventName;
    this.excerpt = shown;
    this.path = details.path;
  }
}

/**
 * The byte stream held more than `maxBufferSize` characters without finishing a line or an event. Raised before
 * memory grows further; the HTTP body is cancelled.
 *
 * @example
 * fromSSE(response, { maxBufferSize: 1024 * 1024 }).subscribe({
 *   error: (e) => e instanceof StreamBufferOverflowError && console.error(e.limit),
 * });
 */
export class StreamBufferOverflowError extends StreamParseError {
  /** The limit that was exceeded, in characters. */
  readonly limit: number;

  constructor(limit: number, buffered: string) {
    super(`An SSE line or event exceeded maxBufferSize (${limit} characters) without ending`, { data: buffered });
    this.limit = limit;
  }
}

/**
 * The server sent `event: error` in a run stream. Carries the API's `code` and `message` and the raw data.
 *
 * @example
 * events$.subscribe({ error: (e) => e instanceof AssistantStreamError && console.error(e.code, e.message) });
 */
export class AssistantStreamError extends OpenAIStreamError {
  /** The API's error code (for example `server_error`), when it sent one. */
  readonly code: string | undefined;
  /** The raw `data:` of the error event, as received. */
  readonly data: string;
  /** The parsed error object, when the data was JSON. */
  readonly error: unknown;

  constructor(data: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = undefined;
    }
    // The API has sent both `{ code, message }` and `{ error: { code, message } }`.
    const body = (isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : parsed) as Record<string, unknown>;
    const code = isRecord(body) && typeof body['code'] === 'string' ? body['code'] : undefined;
    const message = isRecord(body) && typeof body['message'] === 'string' ? body['message'] : excerpt(data);
    super(`The stream reported an error${code ? ` (${code})` : ''}: ${message}`);
    this.code = code;
    this.data = data;
    this.error = parsed;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The stream ended (the body closed, or the connection reset) before it was done: no `[DONE]`, and the run had
 * not reached a terminal or `requires_action` state. Everything received before was emitted; this error says
 * what was missing so the caller can resume (the client does so by polling the run, see docs/reliability.md).
 *
 * @example
 * events$.subscribe({
 *   error: (e) => { if (e instanceof IncompleteStreamError) resumeByPolling(e.runId); },
 * });
 */
export class IncompleteStreamError extends OpenAIStreamError {
  /** The id of the run the stream was about, when one was seen. */
  readonly runId: string | undefined;
  /** The thread of that run, when known. */
  readonly threadId: string | undefined;
  /** The last run status seen (`in_progress`, ...), when a run object was seen. */
  readonly lastRunStatus: string | undefined;
  /** How many events were received (and emitted) before the end. */
  readonly receivedEvents: number;
  /** The name of the last event received. */
  readonly lastEventName: string | undefined;

  constructor(details: {
    runId?: string;
    threadId?: string;
    lastRunStatus?: string;
    receivedEvents: number;
    lastEventName?: string;
    cause?: unknown;
  }) {
    const run = details.runId ? ` of run ${details.runId} (last status: ${details.lastRunStatus ?? 'unknown'})` : '';
    super(
      `The stream${run} ended before it was done, after ${details.receivedEvents} events` +
        (details.lastEventName ? ` (last: ${details.lastEventName})` : ''),
      { cause: details.cause },
    );
    this.runId = details.runId;
    this.threadId = details.threadId;
    this.lastRunStatus = details.lastRunStatus;
    this.receivedEvents = details.receivedEvents;
    this.lastEventName = details.lastEventName;
  }
}

/**
 * An event could not be applied to the accumulated snapshots: a delta for a message or run step the stream
 * never created, or a delta carrying a key that could pollute prototypes (`__proto__`, `constructor`,
 * `prototype`), which is refused. Snapshots emitted before stay valid.
 *
 * @example
 * events$.pipe(accumulateSnapshots()).subscribe({
 *   error: (e) => e instanceof SnapshotError && console.error(e.eventName, e.path),
 * });
 */
export class SnapshotError extends OpenAIStreamError {
  /** The event that could not be applied. */
  readonly eventName: string;
  /** Where in the event's data, for a refused key (e.g. `delta.content.0.__proto__`). */
  readonly path: string | undefined;

  constructor(reason: string, details: { eventName: string; path?: string; cause?: unknown }) {
    super(`${reason} (event "${details.eventName}"${details.path ? ` at ${details.path}` : ''})`, {
      cause: details.cause,
    });
    this.eventName = details.eventName;
    this.path = details.path;
  }
}

/**
 * `finalRun()` was asked for the run, but the stream ended without a run in a final state (`completed`,
 * `requires_action`, `failed`, `cancelled`, `expired` or `incomplete`).
 *
 * @example
 * events$.pipe(finalRun()).subscribe({ error: (e) => e instanceof MissingRunError && console.error(e.message) });
 */
export class MissingRunError extends OpenAIStreamError {
  /** The last run status seen, when the stream carried a run that never reached a final state. */
  readonly lastRunStatus: string | undefined;
  constructor(lastRunStatus?: string) {
    super(
      lastRunStatus
        ? `The stream ended while its run was still "${lastRunStatus}": no final run`
        : 'The stream ended without any run object: no final run',
    );
    this.lastRunStatus = lastRunStatus;
  }
}

/** Which of the client's timeouts expired. */
export type StreamTimeoutKind = 'headers' | 'first-event' | 'idle';

/**
 * A timeout expired: no response headers in time (`headers`), no first event in time (`first-event`), or no
 * event for too long in the middle of a stream (`idle`; keep-alive comments do not count as events). The
 * request was aborted.
 *
 * @example
 * client.threads.runs.stream(threadId, body, { idleTimeout: 30_000 }).subscribe({
 *   error: (e) => { if (e instanceof StreamTimeoutError) console.log(e.kind, e.timeoutMs, e.lastEventName); },
 * });
 */
export class StreamTimeoutError extends OpenAIStreamError {
  /** Which timeout expired. */
  readonly kind: StreamTimeoutKind;
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  /** The name of the last event received before it expired, if any. */
  readonly lastEventName: string | undefined;

  constructor(kind: StreamTimeoutKind, timeoutMs: number, lastEventName?: string) {
    const what = { headers: 'response headers', 'first-event': 'the first event', idle: 'the next event' }[kind];
    super(
      `Timed out after ${timeoutMs} ms waiting for ${what}` + (lastEventName ? ` (last event: ${lastEventName})` : ''),
    );
    this.kind = kind;
    this.timeoutMs = timeoutMs;
    this.lastEventName = lastEventName;
  }
}

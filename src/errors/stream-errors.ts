import { OpenAIStreamError } from './base.js';
import { excerpt, maskedExcerpt, redactSecrets } from './excerpt.js';
import type { Response } from '../wire/responses-api.js';

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
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StreamParseError';
  /** The SSE `event:` name of the offending event, when it had one. */
  declare readonly eventName: string | undefined;
  /** The start of the offending data: its first 200 characters, and its length when it is longer (`… (65529 chars)`). */
  declare readonly excerpt: string;
  /** Where in the payload the problem is (a JSON path such as `delta.content.0.text`), when known. */
  declare readonly path: string | undefined;

  constructor(reason: string, details: { eventName?: string | undefined; data?: string | undefined; path?: string | undefined; cause?: unknown }) {
    // Credentials masked: a proxy's page may echo the request's `Authorization`.
    const shown = maskedExcerpt(details.data ?? '');
    const where = details.eventName ? ` in event "${excerpt(details.eventName, 100)}"` : '';
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
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StreamBufferOverflowError';
  /** The limit that was exceeded, in characters. */
  declare readonly limit: number;

  /**
   * `buffered` is an excerpt of what was being read; `event`, for an event that ended but whose fields (`data`,
   * `event`, `id`) hold more than `limit` characters together: how many, and its name.
   */
  constructor(limit: number, buffered: string, event?: { readonly size: number; readonly eventName?: string | undefined }) {
    super(
      event === undefined
        ? `A line or event exceeded maxBufferSize (${limit} characters) without ending`
        : `An event of ${event.size} characters (its data, event and id fields) exceeded maxBufferSize (${limit} characters)`,
      { data: buffered, eventName: event?.eventName },
    );
    this.limit = limit;
  }
}

/**
 * The server reported an error inside a stream that had started fine: `event: error` in a run stream
 * ({@link AssistantStreamError}), an `{"error": {...}}` chunk in a Chat Completions stream
 * ({@link ChatCompletionStreamError}), an `error` or `response.failed` event in a Responses stream
 * ({@link ResponseStreamError}). One `instanceof` check catches all three. Carries the API's `code` and
 * `message` and the raw data.
 *
 * @example
 * events$.subscribe({ error: (e) => e instanceof ServerStreamError && console.error(e.code, e.message) });
 */
export class ServerStreamError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ServerStreamError';
  /** The API's error code (for example `server_error`), when it sent one. */
  declare readonly code: string | undefined;
  /**
   * The raw `data:` of the error event, as received but for credentials a proxy echoed in an error event's data,
   * masked as in the message (a `response.failed` event's data is kept whole).
   */
  declare readonly data: string;
  /** The parsed data, when it was JSON. */
  declare readonly error: unknown;

  /**
   * @param data the raw `data:` text.
   * @param options `subject` starts the message (default `The stream`); `locate` picks the object holding
   * `code` and `message` out of the parsed data (default: the data itself, or its `error` object); `verbatim`
   * keeps the data as received (credentials are masked in it otherwise).
   */
  constructor(
    given: string,
    options: { subject?: string | undefined; locate?: ((parsed: unknown) => unknown) | undefined; verbatim?: boolean | undefined } = {},
  ) {
    // Credentials a proxy echoed are masked before anything is kept: an error's fields end up in logs (a logger
    // writes them all) and, relayed, in a browser. Not in `verbatim` data (a failed response: the API's object,
    // with the model's output, which is not to be rewritten); the message is masked all the same.
    const data = options.verbatim ? given : redactSecrets(given);
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = undefined;
    }
    const located = options.locate ? options.locate(parsed) : parsed;
    // The API has sent both `{ code, message }` and `{ error: { code, message } }`.
    const body = isRecord(located) && isRecord(located['error']) ? located['error'] : located;
    const code = isRecord(body) && typeof body['code'] === 'string' ? body['code'] : undefined;
    // The server's words, bounded and masked as an `APIError`'s are.
    const message = isRecord(body) && typeof body['message'] === 'string' ? maskedExcerpt(body['message'], 1000) : maskedExcerpt(data);
    super(`${options.subject ?? 'The stream'} reported an error${code ? ` (${code})` : ''}: ${message}`);
    this.code = code;
    this.data = data;
    this.error = parsed;
  }
}

/**
 * The server sent `event: error` (or an unnamed `{"error": ...}`) in a run stream. Carries the API's `code` and
 * `message` and the data (credentials a proxy echoed in it masked).
 *
 * @example
 * events$.subscribe({ error: (e) => e instanceof AssistantStreamError && console.error(e.code, e.message) });
 */
export class AssistantStreamError extends ServerStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'AssistantStreamError';
  constructor(data: string) {
    super(data);
  }
}

/**
 * A Chat Completions stream carried an error instead of a chunk: a `data: {"error": {...}}` line (or an
 * `event: error`). The API's `code`, `type`, `param` and `message` are kept.
 *
 * @example
 * chatCompletionChunks(response).subscribe({
 *   error: (e) => e instanceof ChatCompletionStreamError && console.error(e.code, e.type, e.message),
 * });
 */
export class ChatCompletionStreamError extends ServerStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ChatCompletionStreamError';
  /** The API's error type (for example `server_error` or `invalid_request_error`), when it sent one. */
  declare readonly type: string | undefined;
  /** The request parameter at fault, when the API named one. */
  declare readonly param: string | undefined;

  constructor(data: string) {
    super(data);
    const body = errorBody(this.error);
    this.type = typeof body?.['type'] === 'string' ? body['type'] : undefined;
    this.param = typeof body?.['param'] === 'string' ? body['param'] : undefined;
  }
}

/**
 * A Responses stream ended in failure: an `error` event, or `response.failed` (the response object, with its
 * `error`, is in {@link ResponseStreamError.response}), or an unnamed `{"error": ...}`. Carries the API's `code` and
 * `message` and the data (an `error` event's with credentials a proxy echoed in it masked; a failed response's whole).
 * The client's fallback (`fallbackToPolling`) reports a response that ended `failed` or `cancelled` the same way
 * (`eventType` `response.failed`; a `cancelled` response has no `error`, its status is the message).
 *
 * @example
 * responseEvents(response).subscribe({
 *   error: (e) => {
 *     if (e instanceof ResponseStreamError) console.error(e.eventType, e.code, e.response?.status);
 *   },
 * });
 */
export class ResponseStreamError extends ServerStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ResponseStreamError';
  /** The event that failed the stream: `error` or `response.failed`. */
  declare readonly eventType: string;
  /** The failed response (`response.failed` only), as the event carried it. */
  declare readonly response: Response | undefined;
  /**
   * The id of the failed response: the one a `response.failed` event carries, else (an `error` event) the one the
   * stream's earlier events gave, when known.
   */
  declare readonly responseId: string | undefined;
  /** The event's `sequence_number`, when it had one. */
  declare readonly sequenceNumber: number | undefined;
  /** The request parameter at fault (`error` events), when the API named one. */
  declare readonly param: string | undefined;

  constructor(eventType: string, data: string, knownResponseId?: string) {
    const failed = eventType === 'response.failed';
    // A failed response is the API's object, the model's output with it: kept as it came.
    super(data, failed ? { subject: 'The response', locate: failureOf, verbatim: true } : {});
    const response = failed ? responseOf(this.error) : undefined;
    const parsed = isRecord(this.error) ? this.error : undefined;
    const body = errorBody(this.error);
    this.eventType = eventType;
    this.response = response as Response | undefined;
    // The failed response's own id, else the one the stream told before (a compatible server's may be "" or none).
    const own = response?.['id'];
    this.responseId = typeof own === 'string' && own !== '' ? own : knownResponseId;
    this.sequenceNumber = typeof parsed?.['sequence_number'] === 'number' ? parsed['sequence_number'] : undefined;
    this.param = !failed && typeof body?.['param'] === 'string' ? body['param'] : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The object that holds `code` / `message`: `parsed.error` when it is an object, else `parsed`. */
function errorBody(parsed: unknown): Record<string, unknown> | undefined {
  if (!isRecord(parsed)) return undefined;
  return isRecord(parsed['error']) ? parsed['error'] : parsed;
}

function responseOf(parsed: unknown): Record<string, unknown> | undefined {
  return isRecord(parsed) && isRecord(parsed['response']) ? parsed['response'] : undefined;
}

/** What a failed response says went wrong: its `error`, else its status (a `cancelled` one has no `error`). */
function failureOf(parsed: unknown): unknown {
  const response = responseOf(parsed);
  const status = response?.['status'];
  if (isRecord(response?.['error']) || typeof status !== 'string') return response?.['error'];
  return { message: `its status is "${status}"` };
}

/**
 * The stream ended (the body closed, or the connection reset) before it was done. Everything received before
 * was emitted; this error says what was missing so the caller can resume or retry.
 * - Assistants: no `[DONE]`, and the run had not reached a terminal or `requires_action` state (the client
 *   resumes by polling the run, see docs/reliability.md); `runId`, `threadId`, `lastRunStatus` say where.
 * - Chat Completions: no `data: [DONE]` (newline-delimited JSON, which has none: a choice without its
 *   `finish_reason`); `completionId` and `finishReason` (the last finish reason seen: set when the model had
 *   finished but the end of the stream, such as the usage chunk, was lost).
 * - Responses: no `response.completed` / `response.incomplete` (a `data: [DONE]` before them is a cut too);
 *   `responseId` and `lastResponseStatus` say where.
 *
 * @example
 * events$.subscribe({
 *   error: (e) => { if (e instanceof IncompleteStreamError) resumeByPolling(e.runId); },
 * });
 */
export class IncompleteStreamError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'IncompleteStreamError';
  /** The id of the run the stream was about, when one was seen. */
  declare readonly runId: string | undefined;
  /** The thread of that run, when known. */
  declare readonly threadId: string | undefined;
  /** The last run status seen (`in_progress`, ...), when a run object was seen. */
  declare readonly lastRunStatus: string | undefined;
  /** Chat Completions: the id of the completion (`chatcmpl-...`), when a chunk was seen. */
  declare readonly completionId: string | undefined;
  /** Chat Completions: the last `finish_reason` seen in any choice, when one was. */
  declare readonly finishReason: string | undefined;
  /** Responses: the id of the response (`resp_...`), when a response object was seen. */
  declare readonly responseId: string | undefined;
  /** Responses: the last response status seen (`in_progress`, ...), when a response object was seen. */
  declare readonly lastResponseStatus: string | undefined;
  /** How many events (chunks, for Chat Completions) were received (and emitted) before the end. */
  declare readonly receivedEvents: number;
  /** The name (Responses: the `type`) of the last event received. */
  declare readonly lastEventName: string | undefined;

  constructor(details: {
    runId?: string | undefined;
    threadId?: string | undefined;
    lastRunStatus?: string | undefined;
    completionId?: string | undefined;
    finishReason?: string | undefined;
    responseId?: string | undefined;
    lastResponseStatus?: string | undefined;
    receivedEvents: number;
    lastEventName?: string | undefined;
    cause?: unknown;
  }) {
    // What a server named (ids, statuses, event names) is quoted up to 100 characters: a message, not a payload.
    const q = (text: string | undefined, none: string) => (text === undefined ? none : excerpt(text, 100));
    const of = details.runId
      ? ` of run ${q(details.runId, '')} (last status: ${q(details.lastRunStatus, 'unknown')})`
      : details.responseId
        ? ` of response ${q(details.responseId, '')} (last status: ${q(details.lastResponseStatus, 'unknown')})`
        : details.completionId
          ? ` of chat completion ${q(details.completionId, '')} (last finish reason: ${q(details.finishReason, 'none')})`
          : '';
    super(
      `The stream${of} ended before it was done, after ${details.receivedEvents} events` +
        (details.lastEventName ? ` (last: ${q(details.lastEventName, '')})` : ''),
      { cause: details.cause },
    );
    this.runId = details.runId;
    this.threadId = details.threadId;
    this.lastRunStatus = details.lastRunStatus;
    this.completionId = details.completionId;
    this.finishReason = details.finishReason;
    this.responseId = details.responseId;
    this.lastResponseStatus = details.lastResponseStatus;
    this.receivedEvents = details.receivedEvents;
    this.lastEventName = details.lastEventName;
  }
}

/**
 * An event could not be applied to the accumulated snapshots: a delta for a message or run step the stream
 * never created, or a delta that is refused: one carrying a key that could pollute prototypes (`__proto__`,
 * `constructor`, `prototype`), or an array index above the reducer's bound (4096 in run streams; Chat Completions
 * and Responses have their own); or a value the reducer cannot read at all (built by hand, without the fields the
 * library's sources check: its message has an excerpt of the value, its `cause` the reducer's `TypeError`).
 * Snapshots emitted before stay valid.
 *
 * @example
 * events$.pipe(accumulateSnapshots()).subscribe({
 *   error: (e) => e instanceof SnapshotError && console.error(e.eventName, e.path),
 * });
 */
export class SnapshotError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'SnapshotError';
  /** The event that could not be applied. */
  declare readonly eventName: string;
  /** Where in the event's data, for a refused key or index (`delta.content.0.__proto__`, `delta.content.0.index`). */
  declare readonly path: string | undefined;

  constructor(reason: string, details: { eventName: string; path?: string | undefined; cause?: unknown }) {
    super(`${reason} (event "${details.eventName}"${details.path ? ` at ${details.path}` : ''})`, {
      cause: details.cause,
    });
    this.eventName = details.eventName;
    this.path = details.path;
  }
}

/**
 * A Responses stream that began after its start: an output event (one with an `output_index`) with a
 * `sequence_number` above 0 came before any event carrying the response (`response.created`, `.in_progress`,
 * ...), as in a stream resumed with
 * `client.responses.stream({ response_id, starting_after })`, which carries only the events after `starting_after`.
 * What needs every event from the start cannot be whole then:
 * - `accumulateResponse()` (and `toolCallDeltas()`, the default snapshot of `streamSignals()`) fails with it at that
 *   event: stream the response without `starting_after` (every event again, from `response.created`) to see its
 *   snapshots;
 * - `finalResponse()` and `finalParsed()` need no start: they take the whole response from the terminal event
 *   (`response.completed`, `.incomplete`, `.failed`). They fail with it only when that event did not come (or
 *   carried no `output`): a stream that began midway and gave nothing whole.
 *
 * A {@link SnapshotError}, so checks of that class catch it as before.
 *
 * @example
 * client.responses.stream({ response_id, starting_after: 41 }).pipe(accumulateResponse()).subscribe({
 *   error: (e) => e instanceof MissingStreamStartError && console.error(e.sequenceNumber, e.message),
 * });
 */
export class MissingStreamStartError extends SnapshotError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'MissingStreamStartError';
  /** The `sequence_number` of the event where the stream began, when it had one. */
  declare readonly sequenceNumber: number | undefined;

  /**
   * @param needs what could not be given: `'snapshot'` (an accumulation, at the first output event) or `'final'`
   *   (`finalResponse()` / `finalParsed()`, at the end of a stream that brought no whole response).
   */
  constructor(needs: 'snapshot' | 'final', details: { eventName: string; sequenceNumber?: unknown }) {
    const at = typeof details.sequenceNumber === 'number' ? `sequence_number ${details.sequenceNumber}` : 'no sequence_number';
    const reason =
      needs === 'snapshot'
        ? `The stream began after its start (at ${at}; no response.created before it), as a stream resumed with ` +
          '`starting_after` does, so its snapshots cannot be whole. Stream the response without `starting_after` to ' +
          'accumulate it, or use finalResponse() / finalParsed(), which take the whole response from the terminal event'
        : `The stream began after its start (at ${at}; no response.created before it), as a stream resumed with ` +
          '`starting_after` does, and brought no whole response: no terminal event (response.completed, ' +
          '.incomplete, .failed) with its output. Stream the response without `starting_after`';
    super(reason, { eventName: details.eventName });
    this.sequenceNumber = typeof details.sequenceNumber === 'number' ? details.sequenceNumber : undefined;
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
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'MissingRunError';
  /** The last run status seen, when the stream carried a run that never reached a final state. */
  declare readonly lastRunStatus: string | undefined;
  constructor(lastRunStatus?: string) {
    super(
      lastRunStatus
        ? `The stream ended while its run was still "${lastRunStatus}": no final run`
        : 'The stream ended without any run object: no final run',
    );
    this.lastRunStatus = lastRunStatus;
  }
}

/**
 * `finalChatCompletion()` could not build the completion: the stream carried no chunk, or a choice never got
 * its `finish_reason` or `role` (the official SDK fails the same way).
 *
 * @example
 * chunks$.pipe(finalChatCompletion()).subscribe({
 *   error: (e) => e instanceof MissingCompletionError && console.error(e.choiceIndex, e.message),
 * });
 */
export class MissingCompletionError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'MissingCompletionError';
  /** The choice that was incomplete, when the problem was one choice. */
  declare readonly choiceIndex: number | undefined;
  constructor(reason: string, choiceIndex?: number) {
    super(`No final chat completion: ${reason}`);
    this.choiceIndex = choiceIndex;
  }
}

/**
 * `finalResponse()` was asked for the response, but the stream ended without any response object (no
 * `response.created`).
 *
 * @example
 * events$.pipe(finalResponse()).subscribe({ error: (e) => e instanceof MissingResponseError && retry() });
 */
export class MissingResponseError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'MissingResponseError';
  constructor() {
    super('The stream ended without any response object: no final response');
  }
}

/**
 * Which of the client's timeouts expired.
 *
 * @example
 * client.threads.runs.stream(threadId, { assistant_id }).subscribe({
 *   error: (e) => { if (e instanceof StreamTimeoutError && e.kind === 'first-event') showSlowStart(); },
 * });
 */
export type StreamTimeoutKind = 'headers' | 'body' | 'first-event' | 'idle';

/**
 * A timeout expired: no response headers in time (`headers`), a JSON body not complete in time (`body`, the same
 * `timeout` from the start of the request; an error body not complete in time is the `APIError` of its status), no
 * first event in time (`first-event`), or no event for too long in the middle of a stream (`idle`; keep-alive
 * comments do not count as events). The request was aborted.
 *
 * @example
 * client.threads.runs.stream(threadId, body, { idleTimeout: 30_000 }).subscribe({
 *   error: (e) => { if (e instanceof StreamTimeoutError) console.log(e.kind, e.timeoutMs, e.lastEventName); },
 * });
 */
export class StreamTimeoutError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StreamTimeoutError';
  /** Which timeout expired. */
  declare readonly kind: StreamTimeoutKind;
  /** The timeout that expired, in milliseconds. */
  declare readonly timeoutMs: number;
  /** The name of the last event received before it expired; `undefined` when none came or it could not be named. */
  declare readonly lastEventName: string | undefined;

  constructor(kind: StreamTimeoutKind, timeoutMs: number, lastEventName?: string) {
    const what = { headers: 'response headers', body: 'the rest of the response body', 'first-event': 'the first event', idle: 'the next event' }[kind];
    super(
      `Timed out after ${timeoutMs} ms waiting for ${what}` + (lastEventName ? ` (last event: ${lastEventName})` : ''),
    );
    this.kind = kind;
    this.timeoutMs = timeoutMs;
    this.lastEventName = lastEventName;
  }
}

/**
 * A streaming request was answered with something that is not an event stream (for example a proxy that
 * buffers the body and answers `application/json`, a server that does not stream and answers with the object it
 * created, or an HTML error page with status 200, whatever its label), or an event-stream source was given a body
 * that starts as JSON: newline-delimited JSON, such as the official SDK's `toReadableStream()` writes, which the
 * message then says how to read (`responseEventsFromNdjson()`, ...). A body labelled JSON that is one JSON object
 * is read to its end and kept in {@link StreamNotEstablishedError.json}. With `fallbackToPolling`, the client then
 * goes on without streaming: from that object when it is the one the request created (a response, a chat
 * completion, a run), else with a request that does not stream.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).subscribe({
 *   error: (e) => e instanceof StreamNotEstablishedError && console.warn(e.contentType, e.json),
 * });
 */
export class StreamNotEstablishedError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StreamNotEstablishedError';
  /** The response's content type. */
  declare readonly contentType: string;
  /** The start of the body. */
  declare readonly excerpt: string;
  /**
   * The whole body, parsed, when it was labelled JSON and was one JSON object (a server that does not stream
   * answers with the object it created; or an error object); `undefined` otherwise.
   *
   * @example
   * if (error instanceof StreamNotEstablishedError && error.json) console.log('answered without a stream:', error.json);
   */
  declare readonly json: Readonly<Record<string, unknown>> | undefined;
  constructor(contentType: string, body: string, json?: Readonly<Record<string, unknown>>) {
    const shown = maskedExcerpt(body);
    const label = `"${contentType || 'no content type'}"`;
    const isJson = /^\s*[[{]/.test(body);
    // JSON lines rather than one object (whole, or an error): most likely a body of the official SDK's `toReadableStream()`.
    const lines = isJson && json === undefined && !/^\s*\{\s*"error"/.test(body);
    // A body labelled as an event stream that is JSON or a page: say what it is, not only the label that was right.
    const got = lines ? `JSON lines (${label})` : isJson ? `a JSON body (${label})` : /^\s*</.test(body) ? `a page (${label})` : label;
    super(
      `Expected a text/event-stream response but got ${got}: ${shown}` +
        (lines ? '. Read newline-delimited JSON with responseEventsFromNdjson(), chatCompletionChunksFromNdjson() or assistantEventsFromNdjson()' : ''),
    );
    this.contentType = contentType;
    this.excerpt = shown;
    this.json = json;
  }
}

import { IncompleteStreamError, ResponseStreamError, StreamParseError } from '../errors/stream-errors.js';
import type { ResponseToolCallDeltaWithSnapshot } from '../operators/tool-call-deltas.js';
import { type AdoptingReader, type ProtocolAccumulation, type ProtocolReader, type ProtocolSource, StreamEnd, type StreamProtocol, tokenUsage } from '../protocols/protocol.js';
import { responseTextDeltaShape } from '../schema/responses/text-delta-template.js';
import { responseWireChecks, type WireCheck } from '../schema/responses/wire-checks.js';
import { parseEventJson, schemaLookup, validateEventJson, type ConformanceSchema } from '../sources/decode-json-event.js';
import { type JsonTemplate, jsonTemplate } from '../sources/json-template.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import type { ResponseEventsOptions } from './response-events.js';
import { isOmittedPosition, OmittedPositions } from './omitted-positions.js';
import { NOTHING_PENDING, type PendingTextState, pendingTextStep } from './snapshot/pending-text.js';
import { outputPosition, type responseReducer } from './snapshot/reducer.js';
import { textOf } from '../errors/excerpt.js';

// The Responses API, described once (see `src/protocols/protocol.ts`): its values, its source, its accumulation.

const TEXT_DELTA = 'response.output_text.delta';
const FUNCTION_ARGUMENTS_DELTA = 'response.function_call_arguments.delta';
const CUSTOM_INPUT_DELTA = 'response.custom_tool_call_input.delta';

/** The events that end a Responses stream once emitted. */
const isTerminal = (type: string | undefined): boolean => type === 'response.completed' || type === 'response.incomplete';
/** The events that fail it, with the response (or the error) they carry. */
const isFailure = (type: string | undefined): type is string => type === 'error' || type === 'response.failed';

/**
 * The events that settle a response: after them its stream has nothing more to send (the first two end it, the
 * last fails it). The resume of a background response reads it (`src/client/recovery/resume-response.ts`).
 *
 * @internal
 * @example
 * RESPONSE_TERMINAL_EVENTS.has(event.type); // true for 'response.completed'
 */
export const RESPONSE_TERMINAL_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
]);

/**
 * Responses events as the operators of every stream read them: a value with a string `type` (checked after the
 * Assistants and Chat Completions shapes); its text is the `delta` of `response.output_text.delta`; every
 * `*.delta` event is a delta; the status of the response a lifecycle event carries tells how it ended.
 *
 * @example
 * if (responsesProtocol.is(value)) responsesProtocol.text(value, { next: write }, 0);
 */
export const responsesProtocol: StreamProtocol<ResponseStreamEvent, 'responses'> = {
  kind: 'responses',
  is: (value): value is ResponseStreamEvent => typeof (value as { type?: unknown } | null)?.type === 'string',
  text(event, out) {
    if (event.type !== TEXT_DELTA) return;
    const text = (event as Extract<ResponseStreamEvent, { type: typeof TEXT_DELTA }>).delta;
    if (text) out.next(text);
  },
  isDelta: (event) => event.type.endsWith('.delta'),
  finishReason(event) {
    const status = (event as { response?: { status?: unknown } }).response?.status;
    return typeof status === 'string' ? status : undefined;
  },
  usage: (event) => tokenUsage((event as { response?: { usage?: unknown } | undefined }).response?.usage, 'input_tokens', 'output_tokens'),
  // `response.failed` ends the stream as a ResponseStreamError holding the failed response.
  failure: (error) =>
    error instanceof ResponseStreamError && error.response !== undefined
      ? ({ type: 'response.failed', sequence_number: error.sequenceNumber, response: error.response } as ResponseStreamEvent)
      : undefined,
};

const noSchemas: ReadonlyMap<string, ConformanceSchema> = /* @__PURE__ */ new Map();
// Built once: dispatch by event type is one Map lookup per event. (A pure call of a plain name, so that a bundle
// that reads only `responsesProtocol`, such as one of `textDeltas()` alone, drops it and the checks.)
const checkByType = /* @__PURE__ */ mapOf(responseWireChecks);

function mapOf(record: Readonly<Record<string, WireCheck>>): ReadonlyMap<string, WireCheck> {
  return new Map(Object.entries(record));
}

/**
 * How `responseEvents()` reads a Responses stream: each event checked for the fields the library reads (and the
 * `conformance` schemas), text deltas read through a JSON template; `response.completed` and
 * `response.incomplete` end it; `error` and `response.failed` fail it with {@link ResponseStreamError}; an end
 * before any of those (a `[DONE]` too) is an {@link IncompleteStreamError} with the response's id and status. The
 * same rules judge the SDK's streams `fromOpenAIStream()` adopts (no `[DONE]` there: only a terminal event
 * completes them).
 *
 * @internal
 * @example
 * const events$ = readProtocol(responsesSource, response, { strict: true });
 */
export const responsesSource: ProtocolSource<ResponseStreamEvent, ResponseEventsOptions> = {
  prepare(options) {
    const strict = options.strict ?? false;
    const schemaByType = options.conformance === undefined ? noSchemas : schemaLookup(options.conformance, 'responseEvents');
    return () => new ResponseReader(strict, schemaByType);
  },
};

/**
 * {@link responsesSource} (without options) whose readers share `positions`: the source of the streams of one client
 * call (the first, and those that resume it after a cut), so that a resumed stream fills the positions a compatible
 * server leaves out from what the earlier ones told.
 *
 * @internal
 * @example
 * const positions = new OmittedPositions();
 * const decode = (response: Response) => readProtocol(responsesSourceSharing(positions), response, {});
 */
export function responsesSourceSharing(positions: OmittedPositions): ProtocolSource<ResponseStreamEvent, ResponseEventsOptions> {
  return { prepare: () => () => new ResponseReader(false, noSchemas, positions) };
}

class ResponseReader implements ProtocolReader<ResponseStreamEvent> {
  // What the stream has told so far about its response, to describe an end before it was done.
  private received = 0;
  private lastEventName: string | undefined;
  // The response's id (the last one that named it: a compatible server's lifecycle events may carry none, or "")
  // and its last status.
  private responseId: string | undefined;
  private responseStatus: string | undefined;
  private learnable = false;
  private readonly textDeltas: JsonTemplate<ResponseStreamEvent> = jsonTemplate(responseTextDeltaShape);
  constructor(
    private readonly strict: boolean,
    private readonly schemaByType: ReadonlyMap<string, ConformanceSchema>,
    // The subscription's own, or the one a client's call shares between its streams.
    private readonly positions: OmittedPositions = new OmittedPositions(),
  ) {}

  decode(sse: ServerSentEvent): ResponseStreamEvent | StreamEnd {
    const data = sse.data;
    // The stream ends at its terminal event (before this): a `[DONE]` (the API sends none) before it is a cut, as
    // the chat protocol's end is its `[DONE]`, whatever came before.
    if (data === '[DONE]') return new StreamEnd(this.cut());
    // `message`, the SSE standard's default name, names nothing (a relay may write it on every event).
    let type = sse.event === 'message' ? undefined : sse.event;
    if (isFailure(type)) return this.failure(type, data);
    // A text delta that fits the stream's template is read without JSON.parse (and was validated when the
    // template was learned); everything else is parsed, typed and validated here.
    let filled = false;
    let json: unknown = type === TEXT_DELTA || type === undefined ? this.textDeltas.read(data) : undefined;
    this.learnable = false;
    if (json !== undefined) type = TEXT_DELTA;
    else {
      json = parseEventJson(type, data);
      if (json instanceof StreamParseError) return new StreamEnd(json);
      // The JSON's own `type` names the event, as for the official SDK: the `event:` line only repeats it, and a
      // relay may write another name there, or none.
      const own = (json as { type?: unknown } | null)?.type;
      if (typeof own === 'string' && own !== type) {
        type = own;
        if (isFailure(type)) return this.failure(type, data);
      } else if (type === undefined) {
        // `{"error": {...}}` without a type: how compatible servers (llama.cpp, LiteLLM's proxy) report an error in
        // the middle of the stream, as in a chat stream; the SDK throws its APIError for it too.
        // Any error (an object, or a server's string), as the SDK and the chat reader take it.
        if ((json as { error?: unknown } | null)?.error) return this.failure('error', data);
        return new StreamEnd(new StreamParseError('Event without a type', { data, path: 'type' }));
      }
      const check = checkByType.get(type);
      if (check !== undefined) {
        const placed = this.checked(type, check, json as Record<string, unknown>, data);
        if (placed instanceof StreamEnd) return placed;
        filled = placed !== json;
        json = placed;
      }
      const schema = this.schemaByType.get(type);
      if (schema !== undefined) {
        const problem = validateEventJson(schema, type, data, json);
        if (problem) return new StreamEnd(problem);
      }
      if (check === undefined && schema === undefined && this.strict && type !== 'keepalive') {
        return new StreamEnd(new StreamParseError('Unknown event type (strict mode)', { eventName: type, data }));
      }
      // A template is learned from an event that is the text of its line (not one with positions filled in).
      this.learnable = type === TEXT_DELTA && !filled;
    }
    this.note(type, json);
    return json as ResponseStreamEvent;
  }

  /**
   * `event` once its `check` passed: itself, or a copy with the positions a compatible server left out filled in
   * (`./omitted-positions.ts`); a broken field ends the stream. `data` is the event's line (an adopted event has
   * none: its error's excerpt is written from the event).
   */
  protected checked(type: string, check: WireCheck, given: Record<string, unknown>, data: string | undefined): Record<string, unknown> | StreamEnd {
    let event = given;
    let broken = check(event);
    // Each fill sets the field the check stopped at to a position, so the next check gets past it.
    while (broken && isOmittedPosition(event, broken.path)) {
      if (!this.positions.knows(type, event)) {
        const message = 'Position left out in a stream picked up after its start (only the events before it tell it)';
        return new StreamEnd(new StreamParseError(message, { eventName: type, data: data ?? textOf(given), path: broken.path }));
      }
      event = this.positions.fill(type, event, broken.path);
      broken = check(event);
    }
    if (broken) {
      return new StreamEnd(
        new StreamParseError(`Broken field (${broken.message})`, { eventName: type, data: data ?? textOf(given), path: broken.path }),
      );
    }
    this.positions.note(type, event);
    return event;
  }

  /** Notes what a cut stream reports: how many events came, the last one's name, the response it carried. */
  protected note(type: string, event: unknown): void {
    this.received++;
    this.lastEventName = type;
    const carried = (event as { response?: unknown } | null)?.response;
    if (typeof carried !== 'object' || carried === null) return;
    const { id, status } = carried as { id?: unknown; status?: unknown };
    if (typeof id === 'string' && id !== '') this.responseId = id;
    if (typeof status === 'string') this.responseStatus = status;
  }

  /** An `error` or `response.failed` event, with the response's id as far as the stream told it. */
  protected failure(type: string, data: string): StreamEnd {
    return new StreamEnd(new ResponseStreamError(type, data, this.responseId));
  }

  ends(): boolean {
    // The event just decoded.
    return isTerminal(this.lastEventName);
  }

  emitted(event: ResponseStreamEvent, sse: ServerSentEvent): void {
    if (this.learnable) this.textDeltas.learn(sse.data, event);
  }

  endOfBody(): IncompleteStreamError {
    return this.cut();
  }

  cut(cause?: unknown): IncompleteStreamError {
    return new IncompleteStreamError({
      responseId: this.responseId,
      lastResponseStatus: this.responseStatus,
      receivedEvents: this.received,
      lastEventName: this.lastEventName,
      cause,
    });
  }
}

/**
 * The reader `fromOpenAIStream()` judges the SDK's Responses streams with (see `src/protocols/sources.ts`): a
 * {@link ResponseReader} as `responseEvents()` opens it without options, that also adopts the SDK's events.
 *
 * @internal
 * @example
 * const reader = responseAdopter();
 * const value = reader.adopt(event); // the event, or the StreamEnd of `error` / `response.failed` / a broken field
 */
export function responseAdopter(): AdoptingReader<ResponseStreamEvent> {
  return new AdoptingResponseReader(false, noSchemas);
}

class AdoptingResponseReader extends ResponseReader implements AdoptingReader<ResponseStreamEvent> {
  adopt(event: ResponseStreamEvent): ResponseStreamEvent | StreamEnd {
    const type = event.type;
    // The SDK passes `error` (unless named on its `event:` line, which the SDK throws as its APIError) and
    // `response.failed` on as values: they fail the stream here as in `decode()`.
    if (isFailure(type)) return this.failure(type, JSON.stringify(event));
    // The fields the library reads are checked as in `decode()` (positions left out filled in): the SDK parses the
    // JSON but checks nothing.
    const check = checkByType.get(type);
    const placed = check === undefined ? event : this.checked(type, check, event as unknown as Record<string, unknown>, undefined);
    if (placed instanceof StreamEnd) return placed;
    this.note(type, placed);
    return placed as unknown as ResponseStreamEvent;
  }
}

/**
 * Responses events as `toolCallDeltas()` accumulates them: {@link responseReducer} from `undefined`, with the text
 * deltas of a part applied together at the next other event ({@link pendingTextStep}: no snapshot is seen at a text
 * delta here, and applying each delta's logprobs copies the part's list); the tool call fragments are
 * `response.function_call_arguments.delta` and `response.custom_tool_call_input.delta`, each with its item as
 * accumulated.
 *
 * @example
 * const state = responsesAccumulation.reducer(responsesAccumulation.initial, event); // state.snapshot
 */
export const responsesAccumulation: ProtocolAccumulation<ResponseStreamEvent, PendingTextState, ResponseToolCallDeltaWithSnapshot> = {
  initial: NOTHING_PENDING,
  reducer: pendingTextStep,
  toolCallDeltas(event, { snapshot: response }, out) {
    const type = event.type;
    if (type !== FUNCTION_ARGUMENTS_DELTA && type !== CUSTOM_INPUT_DELTA) return;
    // By position, not wire index: after a gap in `output_index` the two differ.
    const item = response && response.output[outputPosition(response, event)];
    if (item?.type !== 'function_call' && item?.type !== 'custom_tool_call') return;
    out.next({ delta: event, snapshot: item, response: response! });
  },
};

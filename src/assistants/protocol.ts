import { AssistantStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import type { ToolCallDeltaWithSnapshot } from '../operators/tool-call-deltas.js';
import { type AdoptingReader, type ProtocolAccumulation, type ProtocolReader, type ProtocolSource, StreamEnd, STREAM_DONE, type StreamProtocol, tokenUsage } from '../protocols/protocol.js';
import { ASSISTANT_EVENT_NAMES, assistantEventIssue } from '../schema/assistants/event-check.js';
import { messageDeltaIssue } from '../schema/assistants/message-delta-check.js';
import { messageDeltaShape } from '../schema/assistants/message-delta-template.js';
import { type ConformanceSchema, parseEventJson, readIssueError, schemaLookup, validateEventJson } from '../sources/decode-json-event.js';
import { type JsonTemplate, jsonTemplate } from '../sources/json-template.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { MessageDeltaEvent } from '../wire/assistants.js';
import type { AssistantEventsOptions } from './assistant-events.js';
import { isSettledRunStatus } from './run-statuses.js';
import { assistantStreamReducer } from './snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from './snapshot/state.js';
import { textOf } from '../errors/excerpt.js';

// Assistants run streams, described once (see `src/protocols/protocol.ts`): their values, their source, their
// accumulation.

const MESSAGE_DELTA = 'thread.message.delta';
const RUN_STEP_DELTA = 'thread.run.step.delta';

/**
 * Assistants run events as the operators of every stream read them: a value with a string `event` name and no
 * string `type` (a compatible server adds an `event` key to its Responses events, whose `type` names them); its
 * text is the `text.value` of every text block of `thread.message.delta` events; every `*.delta` event is a
 * delta; the status of a run an event carries tells how it ended.
 *
 * @example
 * if (assistantsProtocol.is(value)) assistantsProtocol.text(value, { next: write }, 0);
 */
export const assistantsProtocol: StreamProtocol<AssistantStreamEvent, 'assistants'> = {
  kind: 'assistants',
  is: (value): value is AssistantStreamEvent => {
    const event = value as { event?: unknown; type?: unknown } | null;
    return typeof event?.event === 'string' && typeof event.type !== 'string';
  },
  text(event, out) {
    // The hot path stays one compare for every other event.
    if (event.event !== MESSAGE_DELTA) return;
    const content = (event.data as MessageDeltaEvent).delta.content;
    // Absent, or `null` (which the checks let through, as the SDK skips it).
    if (content == null) return;
    for (let i = 0; i < content.length; i++) {
      const block = content[i]!;
      if (block.type === 'text') {
        const text = block.text?.value;
        if (text) out.next(text);
      }
    }
  },
  isDelta: (event) => event.event.endsWith('.delta'),
  finishReason(event) {
    const data = event.data as { object?: unknown; status?: unknown } | null;
    return data?.object === 'thread.run' && typeof data.status === 'string' ? data.status : undefined;
  },
  // A run's, once it ended (its steps' usage is part of it).
  usage(event) {
    const data = event.data as { object?: unknown; usage?: unknown } | null;
    return data?.object === 'thread.run' ? tokenUsage(data.usage, 'prompt_tokens', 'completion_tokens') : undefined;
  },
};

// Every known event name, mapped to itself. An SSE parser cuts each name out of the bytes as a new string;
// emitting the constant instead turns every later comparison of it (`textDeltas()`, the reducer's `switch`,
// `ofEventType()`) from a character-by-character compare into a pointer compare. (A pure call of a plain name,
// so that a bundle that reads only `assistantsProtocol`, such as one of `textDeltas()` alone, drops it.)
const knownEventNames = /* @__PURE__ */ selfMap(ASSISTANT_EVENT_NAMES);

function selfMap(names: readonly string[]): ReadonlyMap<string, string> {
  return new Map(names.map((name) => [name, name]));
}

/**
 * How `assistantEvents()` reads a run stream: each event checked for the fields the library reads (and the
 * `conformance` schemas), text deltas read through a JSON template; `event: done` and `[DONE]` end it; `event:
 * error` fails it with {@link AssistantStreamError}; a body that ends early is a proper end only once the run
 * settled (a terminal or `requires_action` status), else an {@link IncompleteStreamError} with the run's ids
 * and status. The same rules judge the SDK's run streams `fromOpenAIStream()` adopts (which pass no `done` on: they
 * complete when they end after the run settled).
 *
 * @internal
 * @example
 * const events$ = readProtocol(assistantsSource, response, { strict: true });
 */
export const assistantsSource: ProtocolSource<AssistantStreamEvent, AssistantEventsOptions> = {
  prepare(options) {
    const strict = options.strict ?? false;
    const conformance = options.conformance === undefined ? undefined : schemaLookup(options.conformance, 'assistantEvents');
    return () => new RunEventReader(strict, conformance);
  },
};

class RunEventReader implements ProtocolReader<AssistantStreamEvent> {
  // What the stream has told so far about its run, to judge an end without `[DONE]`.
  private received = 0;
  private lastEventName: string | undefined;
  private run: { id?: string; thread_id?: string; status?: string } | undefined;
  private learnable = false;
  // Not with `conformance` schemas, which may judge the strings the template fills in.
  private readonly textDeltaTemplate: JsonTemplate<MessageDeltaEvent> | undefined;

  constructor(
    private readonly strict: boolean,
    private readonly conformance: ReadonlyMap<string, ConformanceSchema> | undefined,
  ) {
    this.textDeltaTemplate = conformance === undefined ? jsonTemplate(messageDeltaShape) : undefined;
  }

  decode(sse: ServerSentEvent): AssistantStreamEvent | StreamEnd {
    const raw = sse.event ?? 'message';
    const name = raw === MESSAGE_DELTA ? MESSAGE_DELTA : (knownEventNames.get(raw) ?? raw);
    if (name === 'done' || sse.data === '[DONE]') return STREAM_DONE;
    if (name === 'error') return new StreamEnd(new AssistantStreamError(sse.data));
    let data: unknown;
    this.learnable = false;
    if (name === MESSAGE_DELTA) {
      // The event of every token: read through the template when its text fits; otherwise parsed and
      // checked (the template learns from it).
      data = this.textDeltaTemplate?.read(sse.data);
      if (data === undefined) {
        data = parseEventJson(MESSAGE_DELTA, sse.data);
        if (data instanceof StreamParseError) return new StreamEnd(data);
        const issue = messageDeltaIssue(data);
        if (issue !== undefined) return new StreamEnd(readIssueError(issue, MESSAGE_DELTA, sse.data));
        this.learnable = true;
      }
    } else {
      const known = knownEventNames.has(name);
      data = parseEventJson(name, sse.data);
      // `{"error": ...}` under a name that is none of the API's (none, `message`, ...): how a proxy reports an error in
      // the middle of the stream; the SDK throws its APIError for it too (strict mode or not).
      if (!known && !name.startsWith('thread.') && (data as { error?: unknown } | null)?.error && !(data instanceof StreamParseError)) {
        return new StreamEnd(new AssistantStreamError(sse.data));
      }
      if (this.strict && !known) {
        return new StreamEnd(new StreamParseError('Unknown event type (strict mode)', { eventName: name, data: sse.data }));
      }
      if (data instanceof StreamParseError) return new StreamEnd(data);
      const issue = assistantEventIssue(name, data);
      if (issue !== undefined) return new StreamEnd(readIssueError(issue, name, sse.data));
    }
    const schema = this.conformance?.get(name);
    if (schema !== undefined) {
      const problem = validateEventJson(schema, name, sse.data, data);
      if (problem) return new StreamEnd(problem);
    }
    this.note(name, data);
    return { event: name, data } as AssistantStreamEvent;
  }

  /** Notes what a cut stream reports: how many events came, the last one's name, the run it carried. */
  protected note(name: string, data: unknown): void {
    this.received++;
    this.lastEventName = name;
    if ((data as { object?: unknown } | null)?.object === 'thread.run') this.run = data as typeof this.run;
  }

  ends(): boolean {
    // Only `done` / `[DONE]` end a run stream.
    return false;
  }

  emitted(event: AssistantStreamEvent, sse: ServerSentEvent): void {
    // After the event is out, so the first token does not wait for it.
    if (this.learnable) this.textDeltaTemplate?.learn(sse.data, event.data as MessageDeltaEvent);
  }

  endOfBody(): IncompleteStreamError | undefined {
    // The body ended without `[DONE]`: fine only if the run already reached a state that ends its stream.
    const status = this.run?.status;
    return status !== undefined && isSettledRunStatus(status) ? undefined : this.cut();
  }

  cut(cause?: unknown): IncompleteStreamError {
    return new IncompleteStreamError({
      runId: this.run?.id,
      threadId: this.run?.thread_id,
      lastRunStatus: this.run?.status,
      receivedEvents: this.received,
      lastEventName: this.lastEventName,
      cause,
    });
  }
}

/**
 * The reader `fromOpenAIStream()` judges the SDK's run streams with (see `src/protocols/sources.ts`): a
 * {@link RunEventReader} as `assistantEvents()` opens it without options, that also adopts the SDK's events.
 *
 * @internal
 * @example
 * const reader = runEventAdopter();
 * const value = reader.adopt(event); // the event, or the StreamEnd of `done` / `error` / a broken field
 */
export function runEventAdopter(): AdoptingReader<AssistantStreamEvent> {
  return new AdoptingRunEventReader(false, undefined);
}

class AdoptingRunEventReader extends RunEventReader implements AdoptingReader<AssistantStreamEvent> {
  adopt(event: AssistantStreamEvent): AssistantStreamEvent | StreamEnd {
    // The SDK passes neither `done` nor `error` on (it ends quietly at the first, throws its APIError for the
    // second); another iterable may: they end the stream as in `decode()`.
    const name: string = event.event;
    if (name === 'done') return STREAM_DONE;
    if (name === 'error') return new StreamEnd(new AssistantStreamError(JSON.stringify(event.data)));
    // The fields the library reads are checked as in `decode()`: the SDK parses the JSON but checks nothing.
    const issue = name === MESSAGE_DELTA ? messageDeltaIssue(event.data) : assistantEventIssue(name, event.data);
    if (issue !== undefined) return new StreamEnd(readIssueError(issue, name, textOf(event.data)));
    this.note(name, event.data);
    return event;
  }
}

/**
 * Run events as `toolCallDeltas()` accumulates them: {@link assistantStreamReducer} from the empty state; the
 * tool call fragments are those of `thread.run.step.delta` events, each with its call and run step as
 * accumulated.
 *
 * @example
 * const state = assistantsAccumulation.reducer(assistantsAccumulation.initial, event);
 */
export const assistantsAccumulation: ProtocolAccumulation<AssistantStreamEvent, AssistantStreamState, ToolCallDeltaWithSnapshot> = {
  initial: initialAssistantStreamState,
  reducer: assistantStreamReducer,
  toolCallDeltas(event, state, out) {
    if (event.event !== RUN_STEP_DELTA) return;
    const details = event.data.delta.step_details;
    if (details?.type !== 'tool_calls' || !details.tool_calls) return;
    const runStep = state.currentRunStepSnapshot!;
    if (runStep.step_details.type !== 'tool_calls') return;
    for (const delta of details.tool_calls) {
      const snapshot = runStep.step_details.tool_calls[delta.index];
      if (snapshot) out.next({ delta, snapshot, runStep });
    }
  },
};

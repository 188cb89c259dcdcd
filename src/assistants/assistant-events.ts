import { Observable } from 'rxjs';
import { OpenAIStreamError } from '../errors/base.js';
import { AssistantStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import { ASSISTANT_EVENT_NAMES, assistantEventIssue } from '../schema/assistants/event-check.js';
import { messageDeltaIssue } from '../schema/assistants/message-delta-check.js';
import { messageDeltaShape } from '../schema/assistants/message-delta-template.js';
import { RUN_SETTLED_STATUSES } from './run-statuses.js';
import type { ByteSource } from '../sources/byte-source.js';
import {
  parseEventJson,
  readIssueError,
  schemaLookup,
  serverSentEvents,
  type ConformanceSchema,
  validateEventJson,
} from '../sources/decode-json-event.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import { jsonTemplate } from '../sources/json-template.js';

/**
 * Options of {@link assistantEvents}.
 *
 * @example
 * assistantEvents(await fetch(url, init), { strict: true, onComment: (text) => console.debug('keep-alive', text) })
 *   .subscribe((event) => console.log(event.event));
 *
 * // Opt-in: every event must conform to the OpenAPI description (and the bundle carries the zod schemas).
 * import { assistantEventDataSchemas } from 'rx-openai-stream';
 * assistantEvents(response, { conformance: assistantEventDataSchemas });
 */
export interface AssistantEventsOptions extends FromSSEOptions {
  /** Fail with {@link StreamParseError} on an event type the library does not know, instead of passing it through. */
  strict?: boolean;
  /**
   * zod schemas, by event name, that events' data must satisfy too, such as `assistantEventDataSchemas` (the
   * OpenAPI description's objects: required fields, enums). Without it (the default) only the fields the library
   * reads are checked (see `schema/assistants/event-check.ts`), and everything else passes untouched.
   */
  conformance?: Readonly<Partial<Record<string, ConformanceSchema>>>;
}

const MESSAGE_DELTA = 'thread.message.delta';

// Every known event name, mapped to itself. An SSE parser cuts each name out of the bytes as a new string;
// emitting the constant instead turns every later comparison of it (`textDeltas()`, the reducer's `switch`,
// `ofEventType()`) from a character-by-character compare into a pointer compare.
const knownEventNames: ReadonlyMap<string, string> = new Map(ASSISTANT_EVENT_NAMES.map((n) => [n, n]));

/**
 * Turns a run stream of the Assistants API into an Observable of typed events `{ event, data }` (the shape of
 * the official SDK's `AssistantStreamEvent`).
 *
 * Accepts what {@link fromSSE} accepts, or an Observable of {@link ServerSentEvent}s. Of every known event's
 * data, the fields the library reads are checked (string `id`s, a run's string `status` and `thread_id`, a
 * step's `step_details.type`, a message's `content` array, the `index` of every delta entry, a text delta's
 * string `value`; the list is in `schema/assistants/event-check.ts`); everything else passes untouched (new
 * statuses and types, `null`s, missing fields the library does not read). Pass `{ conformance:
 * assistantEventDataSchemas }` to also hold every event to the OpenAPI description. What is emitted is the event's JSON as `JSON.parse` returns it, unknown
 * fields included (text deltas that repeat the previous one's text around their value are read without
 * `JSON.parse`, into an equal object: see `sources/json-template.ts`).
 * - `event: done` / `data: [DONE]` completes the Observable (and releases the connection).
 * - `event: error` fails it with {@link AssistantStreamError}.
 * - A body that ends without `[DONE]` before the run reached a terminal or `requires_action` state, or a
 *   connection that breaks mid-stream, fails it with {@link IncompleteStreamError}: never a plain completion.
 * - Invalid JSON, a read field of the wrong kind, or (with `conformance`) a schema violation fails it with
 *   {@link StreamParseError} naming the event and the field's path.
 * - An event type the schemas do not know passes through untouched (typed as `AssistantStreamEvent`, so switch
 *   statements need a `default`), unless `strict` is set.
 *
 * Cold: one subscription reads the body once; `share()` it to feed several operators.
 *
 * @example
 * import { share } from 'rxjs';
 * import { assistantEvents, textDeltas, finalMessages } from 'rx-openai-stream';
 *
 * const events$ = assistantEvents(response).pipe(share());
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * events$.pipe(finalMessages()).subscribe((messages) => save(messages));
 */
export function assistantEvents(
  source: ByteSource | Observable<ServerSentEvent>,
  options: AssistantEventsOptions = {},
): Observable<AssistantStreamEvent> {
  const sse$ = serverSentEvents(source, options);
  const strict = options.strict ?? false;
  const conformance = options.conformance === undefined ? undefined : schemaLookup(definedSchemas(options.conformance));
  return new Observable<AssistantStreamEvent>((subscriber) => {
    // What the stream has told so far about its run, to judge an end without `[DONE]`.
    let received = 0;
    let lastEventName: string | undefined;
    let run: { id?: string; thread_id?: string; status?: string } | undefined;
    // Not with `conformance` schemas, which may judge the strings the template fills in.
    const textDeltaTemplate = conformance === undefined ? jsonTemplate(messageDeltaShape) : undefined;
    const cut = (cause?: unknown) =>
      new IncompleteStreamError({
        runId: run?.id,
        threadId: run?.thread_id,
        lastRunStatus: run?.status,
        receivedEvents: received,
        lastEventName,
        cause,
      });

    return sse$.subscribe({
      next(sse) {
        const raw = sse.event ?? 'message';
        const name = raw === MESSAGE_DELTA ? MESSAGE_DELTA : (knownEventNames.get(raw) ?? raw);
        if (name === 'done' || sse.data === '[DONE]') return subscriber.complete();
        if (name === 'error') return subscriber.error(new AssistantStreamError(sse.data));
        let data: unknown;
        let learnable = false;
        if (name === MESSAGE_DELTA) {
          // The event of every token: read through the template when its text fits; otherwise parsed and
          // checked (the template learns from it).
          data = textDeltaTemplate?.read(sse.data);
          if (data === undefined) {
            data = parseEventJson(MESSAGE_DELTA, sse.data);
            if (data instanceof StreamParseError) return subscriber.error(data);
            const issue = messageDeltaIssue(data);
            if (issue !== undefined) return subscriber.error(readIssueError(issue, MESSAGE_DELTA, sse.data));
            learnable = true;
          }
        } else {
          if (strict && !knownEventNames.has(name)) {
            return subscriber.error(new StreamParseError('Unknown event type (strict mode)', { eventName: name, data: sse.data }));
          }
          data = parseEventJson(name, sse.data);
          if (data instanceof StreamParseError) return subscriber.error(data);
          const issue = assistantEventIssue(name, data);
          if (issue !== undefined) return subscriber.error(readIssueError(issue, name, sse.data));
        }
        const schema = conformance?.get(name);
        if (schema !== undefined) {
          const problem = validateEventJson(schema, name, sse.data, data);
          if (problem) return subscriber.error(problem);
        }
        received++;
        lastEventName = name;
        if ((data as { object?: unknown } | null)?.object === 'thread.run') run = data as typeof run;
        subscriber.next({ event: name, data } as AssistantStreamEvent);
        // After the event is out, so the first token does not wait for it.
        if (learnable) textDeltaTemplate?.learn(sse.data, data);
      },
      error(error: unknown) {
        // A transport failure (reset, aborted body) mid-stream is a cut stream; our own errors say more already.
        subscriber.error(error instanceof OpenAIStreamError ? error : cut(error));
      },
      complete() {
        // The body ended without `[DONE]`: fine only if the run already reached a state that ends its stream.
        if (run?.status !== undefined && RUN_SETTLED_STATUSES.has(run.status)) subscriber.complete();
        else subscriber.error(cut());
      },
    });
  });
}


/** The entries of a `conformance` map that hold a schema. */
function definedSchemas(map: Readonly<Partial<Record<string, ConformanceSchema>>>): Record<string, ConformanceSchema> {
  const schemas: Record<string, ConformanceSchema> = {};
  for (const [name, schema] of Object.entries(map)) if (schema !== undefined) schemas[name] = schema;
  return schemas;
}

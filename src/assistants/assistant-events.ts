import { isObservable, Observable } from 'rxjs';
import type { z } from 'zod';
import { OpenAIStreamError } from '../errors/base.js';
import { AssistantStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { assistantEventDataSchemas, type AssistantStreamEvent } from '../schema/assistants/index.js';
import type { ByteSource } from '../sources/byte-source.js';
import { fromSSE, type FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';

/** Options of {@link assistantEvents}. */
export interface AssistantEventsOptions extends FromSSEOptions {
  /** Fail with {@link StreamParseError} on an event type the schemas do not know, instead of passing it through. */
  strict?: boolean;
}

// Built once: dispatch by event name is one Map lookup per event.
const schemaByEvent: ReadonlyMap<string, z.ZodType> = new Map(Object.entries(assistantEventDataSchemas));

/**
 * Turns a run stream of the Assistants API into an Observable of typed events `{ event, data }` (the shape of
 * the official SDK's `AssistantStreamEvent`).
 *
 * Accepts what {@link fromSSE} accepts, or an Observable of {@link ServerSentEvent}s. Every known event's data
 * is validated against its zod schema; the parsed JSON object itself is emitted, unknown fields included.
 * - `event: done` / `data: [DONE]` completes the Observable (and releases the connection).
 * - `event: error` fails it with {@link AssistantStreamError}.
 * - A body that ends without `[DONE]` before the run reached a terminal or `requires_action` state, or a
 *   connection that breaks mid-stream, fails it with {@link IncompleteStreamError}: never a plain completion.
 * - Invalid JSON or a schema violation fails it with {@link StreamParseError} naming the event.
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
  const sse$ = isObservable(source) ? source : fromSSE(source, options);
  const strict = options.strict ?? false;
  return new Observable<AssistantStreamEvent>((subscriber) => {
    // What the stream has told so far about its run, to judge an end without `[DONE]`.
    let received = 0;
    let lastEventName: string | undefined;
    let run: { id?: string; thread_id?: string; status?: string } | undefined;
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
        const name = sse.event ?? 'message';
        if (name === 'done' || sse.data === '[DONE]') return subscriber.complete();
        if (name === 'error') return subscriber.error(new AssistantStreamError(sse.data));
        const event = decodeAssistantEvent(name, sse.data, strict);
        if (event instanceof StreamParseError) return subscriber.error(event);
        received++;
        lastEventName = name;
        const data = event.data as { object?: unknown };
        if (data.object === 'thread.run') run = data as typeof run;
        subscriber.next(event);
      },
      error(error: unknown) {
        // A transport failure (reset, aborted body) mid-stream is a cut stream; our own errors say more already.
        subscriber.error(error instanceof OpenAIStreamError ? error : cut(error));
      },
      complete() {
        // The body ended without `[DONE]`: fine only if the run already reached a state that ends its stream.
        if (run?.status !== undefined && RUN_STREAM_END_STATUSES.has(run.status)) subscriber.complete();
        else subscriber.error(cut());
      },
    });
  });
}

/** Run statuses after which a run stream has nothing more to say. */
const RUN_STREAM_END_STATUSES: ReadonlySet<string> = new Set([
  'requires_action',
  'completed',
  'failed',
  'cancelled',
  'expired',
  'incomplete',
]);

/**
 * Parses and validates one event's data. Returns the error instead of throwing it: the caller is on the hot
 * path and decides how to end the stream.
 */
function decodeAssistantEvent(name: string, data: string, strict: boolean): AssistantStreamEvent | StreamParseError {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    return new StreamParseError('Invalid JSON', { eventName: name, data, cause });
  }
  const schema = schemaByEvent.get(name);
  if (schema === undefined) {
    if (strict) return new StreamParseError('Unknown event type (strict mode)', { eventName: name, data });
    return { event: name, data: json } as unknown as AssistantStreamEvent;
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return new StreamParseError(`Schema violation (${issue?.message ?? 'invalid'})`, {
      eventName: name,
      data,
      path: issue?.path.join('.'),
      cause: result.error,
    });
  }
  return { event: name, data: json } as AssistantStreamEvent;
}

/**
 * What the structured-output operators read from a stream: the text of the structured output, piece by piece,
 * and the signs that there will be no valid output (a refusal, a cut). One tracker per subscription.
 */
import { z } from 'zod';
import { MissingResponseError, MissingStreamStartError } from '../errors/stream-errors.js';
import {
  StructuredOutputIncompleteError,
  StructuredOutputParseError,
  StructuredOutputRefusalError,
  StructuredOutputToolCallsError,
  StructuredOutputValidationError,
} from '../errors/structured-errors.js';
import { chatProtocol } from '../chat/protocol.js';
import { type CompletionIds, completionIdsAfter, type CompletionQuestions, MAX_CHAT_INDEX } from '../chat/snapshot/reducer.js';
import { beganAfterStart, startOf } from '../responses/snapshot/stream-start.js';
import type { ChatCompletionChunk, ChatCompletionChunkToolCall } from '../wire/chat.js';
import type { Response, ResponseStreamEvent } from '../wire/responses-api.js';
import { createPartialJsonParser } from './partial-json-parser.js';
import { isZod3Schema, type AnyZodSchema, type ZodOutput } from './zod-schema.js';
import { chunkChoices } from '../chat/chunk-choices.js';
import { messageOf } from '../errors/excerpt.js';

/**
 * A value of a stream that can carry a structured output: a Chat Completions chunk or a Responses event.
 *
 * @example
 * const values$: Observable<StructuredOutputStreamValue> = client.responses.stream(params);
 */
export type StructuredOutputStreamValue = ResponseStreamEvent | ChatCompletionChunk;

/**
 * Options of the structured-output operators.
 *
 * @example
 * chunks$.pipe(finalParsed(Weather, { choice: 1 }));
 */
export interface StructuredOutputOptions {
  /** Chat Completions: which choice (its `index`, default 0). Ignored for Responses streams. */
  choice?: number | undefined;
}

/** @internal The text pieces of the structured output of one stream. @example const t = structuredText(); */
export interface StructuredText {
  /** The piece of output text `value` carries, or `undefined`. Throws on a refusal's end or a cut output. */
  next(value: StructuredOutputStreamValue): string | undefined;
  /**
   * How many completions / responses began after the first (0 for a stream of one): when it changes, the pieces
   * begin again, those of the new turn, so what was made of the earlier pieces is dropped.
   */
  readonly turn: number;
  /**
   * At the end of the stream: throws when the model refused, when it called tools instead of answering, when
   * the text cannot be whole (a stream that began after its start and brought no whole response), and when no value
   * came at all ({@link MissingResponseError}).
   */
  complete(): void;
}

type OutputTextDelta = Extract<ResponseStreamEvent, { type: 'response.output_text.delta' }>;
type OutputItemAdded = Extract<ResponseStreamEvent, { type: 'response.output_item.added' }>;
type Lifecycle = Extract<ResponseStreamEvent, { type: 'response.created' | 'response.queued' | 'response.in_progress' }>;
type Terminal = Extract<ResponseStreamEvent, { type: 'response.completed' | 'response.incomplete' | 'response.failed' }>;

/**
 * Follows one stream's structured output:
 * - Chat Completions: `delta.content` of choice `choice`; `delta.refusal` collected; a `length` or
 *   `content_filter` finish is {@link StructuredOutputIncompleteError};
 * - Responses: the `response.output_text.delta`s of the first output text part of a message that is not a
 *   `commentary` (non-final) phase, as the official SDK parses only final answers; `response.refusal.*` collected;
 *   the answer of `response.completed`'s response replaces them where it differs (text only in `.done` events, a
 *   phase known only at the message's end, a refusal only in its parts); `response.incomplete` and
 *   `response.failed` are {@link StructuredOutputIncompleteError}.
 * A refusal fails with {@link StructuredOutputRefusalError} when it is done (`response.refusal.done`, the choice's
 * finish) or at the end of the stream. A turn with tool calls and no text fails with
 * {@link StructuredOutputToolCallsError} at the end.
 *
 * Several completions / responses in one stream (a tool loop's `event`s, a retry after a cut): a chunk of another
 * completion `id` (by the rule of `startsNewCompletion()`), a lifecycle event of another response `id`, starts the
 * text again (`turn` counts them), so the last turn's text
 * is the output. A Responses stream that began after its start (resumed with `starting_after`: an output event
 * with a `sequence_number` above 0 before any response) gives no pieces, since they would be a tail of the text;
 * its terminal event gives the whole text of its response as one piece, and without one `complete()` fails with
 * {@link MissingStreamStartError}.
 *
 * @internal
 * @example
 * const text = structuredText({});
 * const piece = text.next(event); // string | undefined
 */
export function structuredText(options: StructuredOutputOptions): StructuredText {
  const wantedChoice = options.choice ?? 0;
  let turn = 0;
  let text = ''; // so far, for the incomplete error
  let refusal: string | undefined;
  let outputIndex = -1;
  let contentIndex = -1;
  let skipped: Set<number> | undefined; // output indexes of non-final (commentary) messages
  let calls: string[] | undefined; // the names of the tools called, by call
  let id = ''; // the completion's or the response's, once known
  let ids: CompletionIds = 'one'; // Chat: how the completion's chunks use their ids (`completionIdsAfter()`)
  let choicesShown: Set<number> | undefined; // Chat: the choices shown, and those that reported a `finish_reason`
  let choicesFinished: Set<number> | undefined;
  let started = false; // Responses: a lifecycle event came before any output event
  let joinedAt: ReturnType<typeof startOf> | undefined; // Responses: where a stream that began after its start began
  let empty = true; // no value came at all

  const take = (piece: string): string => {
    text += piece;
    return piece;
  };
  // What the reducer's rule (`completionIdsAfter()`) asks of the completion so far.
  const asks: CompletionQuestions<undefined> = {
    finished: () => choicesShown !== undefined && choicesShown.size === choicesFinished?.size,
    shows: (_, index) => choicesShown?.has(index) === true,
  };
  const restart = () => {
    turn++;
    text = '';
    refusal = undefined;
    outputIndex = -1;
    contentIndex = -1;
    skipped = undefined;
    calls = undefined;
    started = false;
    joinedAt = undefined;
    choicesShown = undefined;
    choicesFinished = undefined;
  };

  /** A terminal event of a stream that began after its start: the whole text of its response, as one piece. */
  const wholeText = (event: Terminal): string | undefined => {
    const output = (event.response as { output?: unknown } | null)?.output;
    if (!Array.isArray(output)) return undefined; // not whole: `complete()` says so
    joinedAt = undefined;
    const response = event.response;
    // By the terminal event's type where a compatible server leaves the response's status out.
    const status = event.type === 'response.incomplete' ? 'incomplete' : response.status;
    const whole = responseAnswerText({ ...response, status } as Response);
    return whole === '' ? undefined : take(whole);
  };

  /**
   * The `response.completed` of a stream read from its start: its response's answer is the one (the official SDK
   * parses `output_parsed` from it). Where it differs from what the deltas gave (text that came only in `.done`
   * events, a message whose non-final phase showed only at its end, a refusal only in its parts), it replaces them,
   * as a new turn's text. A server that leaves the terminal response's output empty leaves the deltas' text.
   */
  const settledText = (event: Terminal): string | undefined => {
    const output = (event.response as { output?: unknown } | null)?.output;
    if (!Array.isArray(output) || output.length === 0) return undefined;
    const found = finalAnswer(output);
    if (found.refusal !== undefined) throw new StructuredOutputRefusalError(found.refusal);
    // Its calls too: a response that only called tools fails so at the end, whatever text its deltas gave.
    if (found.calls !== undefined) calls = found.calls;
    const whole = found.text ?? '';
    // Text that differs in its surrounding whitespace only parses the same: no second parse of it. (No answer is
    // no answer, whatever blanks the deltas gave.)
    if (whole === text || (whole !== '' && whole.trim() === text.trim())) return undefined;
    turn++;
    text = '';
    return whole === '' ? undefined : take(whole);
  };

  return {
    get turn() {
      return turn;
    },
    next(value) {
      empty = false;
      if (chatProtocol.is(value)) {
        const completion = value.id;
        if (completion) {
          // Another completion, by the reducer's rule (`completionIdsAfter()`): a retry after a cut, the next turn.
          const after = completionIdsAfter(ids, id, value, asks, undefined);
          if (after === 'another') {
            restart();
            ids = 'one';
          } else ids = after;
          id = completion;
        }
        const choices = chunkChoices(value);
        let piece: string | undefined;
        for (let i = 0; i < choices.length; i++) {
          const choice = choices[i]!;
          (choicesShown ??= new Set()).add(choice.index);
          if (choice.finish_reason) (choicesFinished ??= new Set()).add(choice.index);
          if (choice.index !== wantedChoice) continue;
          const delta = choice.delta;
          if (delta?.content) piece = (piece ?? '') + take(delta.content);
          if (delta?.refusal) refusal = (refusal ?? '') + delta.refusal;
          if (delta?.tool_calls) calls = namesOf(calls, delta.tool_calls);
          const finish = choice.finish_reason;
          if (finish === 'length' || finish === 'content_filter') throw new StructuredOutputIncompleteError(finish, text);
          if (finish && refusal !== undefined) throw new StructuredOutputRefusalError(refusal);
        }
        return piece;
      }
      const event = value as ResponseStreamEvent;
      switch (event.type) {
        case 'response.created':
        case 'response.queued':
        case 'response.in_progress': {
          const response = (event as Lifecycle).response?.id;
          if (joinedAt !== undefined) {
            // Only a new response's start ends the wait for a whole one.
            if (event.type === 'response.created') restart();
            else return undefined;
          } else if (typeof response === 'string' && response !== '' && id !== '' && response !== id) {
            restart();
          }
          if (typeof response === 'string' && response !== '') id = response;
          started = true;
          return undefined;
        }
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed': {
          const response = (event as Terminal).response?.id;
          if (typeof response === 'string' && response !== '' && id !== '' && response !== id) {
            // Another response, seen only at its end: whole from that event alone.
            restart();
            joinedAt = startOf(event);
          }
          if (typeof response === 'string' && response !== '') id = response;
          // Nothing of this response came before its end (a stream resumed just before it): whole from that event.
          if (!started && joinedAt === undefined) joinedAt = startOf(event);
          if (joinedAt !== undefined) return wholeText(event as Terminal);
          if (event.type === 'response.completed') return settledText(event as Terminal);
          if (event.type === 'response.incomplete') {
            throw new StructuredOutputIncompleteError(event.response.incomplete_details?.reason ?? 'incomplete', text);
          }
          // As `parseStructuredOutput()` of the failed response: no answer, whatever text came. (The library's sources
          // fail such a stream first, with `ResponseStreamError`; a stream of events built otherwise may not.)
          if (event.type === 'response.failed') throw noOutput('failed', text, (event as Terminal).response?.error);
          return undefined;
        }
        default:
          break;
      }
      if (!started && joinedAt === undefined && 'output_index' in event) {
        // Only a stream that shows it missed events (a first `sequence_number` above 0) lacks the start of the
        // text; the deltas of a stream that is only deltas are its whole text.
        if (beganAfterStart(event)) joinedAt = startOf(event);
        else started = true;
      }
      if (joinedAt !== undefined) {
        // A tail of the text is no text to parse: the terminal event gives it whole. A refusal's end is whole.
        if (event.type === 'response.refusal.done') throw new StructuredOutputRefusalError(event.refusal);
        return undefined;
      }
      switch (event.type) {
        case 'response.output_text.delta': {
          const delta = event as OutputTextDelta;
          if (outputIndex === -1) {
            if (skipped?.has(delta.output_index)) return undefined;
            outputIndex = delta.output_index;
            contentIndex = delta.content_index;
          } else if (delta.output_index !== outputIndex || delta.content_index !== contentIndex) {
            return undefined;
          }
          return take(delta.delta);
        }
        case 'response.output_item.added': {
          const item = (event as OutputItemAdded).item as { type: string; phase?: string | null; name?: unknown };
          if (item.type === 'message' && item.phase != null && item.phase !== 'final_answer') {
            (skipped ??= new Set()).add((event as OutputItemAdded).output_index);
          } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
            (calls ??= []).push(typeof item.name === 'string' ? item.name : '');
          }
          return undefined;
        }
        case 'response.refusal.delta':
          refusal = (refusal ?? '') + event.delta;
          return undefined;
        case 'response.refusal.done':
          throw new StructuredOutputRefusalError(event.refusal);
        default:
          return undefined;
      }
    },
    complete() {
      // Nothing to parse, and nothing the model wrote to blame (a stream by id after its last event is empty).
      if (empty) throw new MissingResponseError();
      if (joinedAt !== undefined) throw new MissingStreamStartError('final', joinedAt);
      if (refusal !== undefined) throw new StructuredOutputRefusalError(refusal);
      if (text === '' && calls !== undefined && calls.length > 0) {
        throw new StructuredOutputToolCallsError(Array.from(calls, (name) => name ?? ''));
      }
    },
  };
}

/** The names of a chat choice's tool calls after these fragments (by `index`; a fragment may bring the name). */
function namesOf(calls: string[] | undefined, fragments: readonly ChatCompletionChunkToolCall[]): string[] {
  const names = calls ?? [];
  for (const fragment of fragments) {
    const at = fragment.index;
    if (!Number.isInteger(at) || at < 0 || at > MAX_CHAT_INDEX) continue;
    const name = fragment.function?.name || (fragment as { custom?: { name?: string | null } | null }).custom?.name;
    if (name) names[at] = name;
    else names[at] ??= '';
  }
  return names;
}

/**
 * The text of the structured output of a finished response, or the error that says there is none, by the rules of
 * its stream: a refusal part is {@link StructuredOutputRefusalError}; a response `incomplete` (or without a whole
 * output: still `queued` / `in_progress`, or `failed` / `cancelled`, whose `error` the message says) is
 * {@link StructuredOutputIncompleteError}; one that only called tools is {@link StructuredOutputToolCallsError};
 * else the text of its answer (`''` for none). For `parseStructuredOutput()` and a stream resumed after its start.
 *
 * @internal
 * @example
 * parseAndValidate(responseAnswerText(response), schema);
 */
export function responseAnswerText(response: Response): string {
  const found = finalAnswer(Array.isArray(response.output) ? response.output : []);
  if (found.refusal !== undefined) throw new StructuredOutputRefusalError(found.refusal);
  const text = found.text;
  const status = response.status;
  if (status === 'incomplete') {
    throw new StructuredOutputIncompleteError(response.incomplete_details?.reason ?? 'incomplete', text ?? '');
  }
  if (status === 'failed' || status === 'cancelled' || status === 'queued' || status === 'in_progress') {
    // No whole output: a response that ended without one (with what its error says), or that has not ended.
    throw noOutput(status, text ?? '', response.error);
  }
  if (text === undefined && found.calls !== undefined) throw new StructuredOutputToolCallsError(found.calls);
  return text ?? '';
}

/**
 * The answer of a finished response's `output`: the text of the first non-empty output text part of a message
 * that is not of a non-final (`commentary`) phase (as the official SDK parses only final answers), its first
 * refusal, and the names of the tools it called.
 */
function finalAnswer(output: readonly unknown[]): { text?: string; refusal?: string; calls?: string[] } {
  let text: string | undefined;
  let refusal: string | undefined;
  let calls: string[] | undefined;
  for (const entry of output) {
    const item = entry as { type?: unknown; phase?: unknown; name?: unknown; content?: unknown } | null;
    if (item === null || typeof item !== 'object') continue;
    if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      (calls ??= []).push(typeof item.name === 'string' ? item.name : '');
      continue;
    }
    if (item.type !== 'message' || (item.phase != null && item.phase !== 'final_answer') || !Array.isArray(item.content)) continue;
    for (const part of item.content as unknown[]) {
      const p = part as { type?: unknown; text?: unknown; refusal?: unknown } | null;
      if (text === undefined && p?.type === 'output_text' && typeof p.text === 'string' && p.text !== '') text = p.text;
      if (refusal === undefined && p?.type === 'refusal' && typeof p.refusal === 'string') refusal = p.refusal;
    }
  }
  return {
    ...(text !== undefined ? { text } : {}),
    ...(refusal !== undefined ? { refusal } : {}),
    ...(calls !== undefined ? { calls } : {}),
  };
}

/**
 * Parses a whole JSON text with the typed errors of the partial parser, then validates it with `schema`.
 *
 * @internal
 * @example
 * parseAndValidate('{"a":1}', z.object({ a: z.number() })); // { a: 1 }
 */
export function parseAndValidate<S extends AnyZodSchema>(
  text: string,
  schema: S | undefined,
  details: { toolName?: string | undefined; callId?: string | undefined } = {},
): ZodOutput<S> {
  let value: unknown;
  try {
    const parser = createPartialJsonParser();
    parser.push(text);
    value = parser.end();
  } catch (error) {
    if (!(error instanceof StructuredOutputParseError)) throw error;
    // The same error, with the whole text (nothing received is lost) and the call it was the arguments of.
    throw new StructuredOutputParseError(error.problem, { offset: error.offset, path: error.path, excerpt: error.excerpt, text, ...details });
  }
  return validate(value, schema, details);
}

/**
 * Validates a parsed value with `schema` (when given, of zod 4 or zod 3), failing with
 * {@link StructuredOutputValidationError} with the issues of that zod.
 *
 * @internal
 * @example
 * validate({ a: 1 }, z.object({ a: z.number() })); // { a: 1 }
 */
export function validate<S extends AnyZodSchema>(
  value: unknown,
  schema: S | undefined,
  details: { toolName?: string | undefined; callId?: string | undefined } = {},
): ZodOutput<S> {
  if (schema === undefined) return value as ZodOutput<S>;
  let result: { success: true; data: unknown } | { success: false; error: { issues: StructuredOutputValidationError['issues'] } };
  try {
    // The schema's own method when it has one (zod 3, zod 4 classic): its own copy of zod then parses, with that
    // copy's messages, locale and error class (the library's copy gives a schema of another copy, zod 3.25's
    // `zod/v4` or an app's older zod 4, only "Invalid input"). `zod/mini` schemas have one too; a schema without
    // it (a bare `zod/v4/core` schema) goes through the function.
    const own = (schema as { safeParse?: unknown }).safeParse;
    result =
      isZod3Schema(schema) || typeof own === 'function'
        ? (schema as unknown as { safeParse(input: unknown): typeof result }).safeParse(value)
        : z.safeParse(schema as z.core.$ZodType, value);
  } catch (error) {
    // A check that threw (a refinement's or a transform's own error) or that is asynchronous (zod throws for a
    // Promise in a synchronous parse): the value is not known to be valid.
    const message = `the schema's check threw: ${messageOf(error)}`;
    throw new StructuredOutputValidationError([{ path: [], message, code: 'custom' }], value, { ...details, cause: error });
  }
  if (!result.success) throw new StructuredOutputValidationError(result.error.issues, value, { ...details, cause: result.error });
  return result.data as ZodOutput<S>;
}

/** A response whose status says it has no structured output, with what its `error` says. */
function noOutput(status: string, text: string, error: { code?: string | null; message: string } | null | undefined): StructuredOutputIncompleteError {
  const why = error ? `: ${error.code ? `${error.code}: ` : ''}${error.message}` : '';
  return new StructuredOutputIncompleteError(status, text, `No structured output: the response's status is "${status}"${why}`);
}

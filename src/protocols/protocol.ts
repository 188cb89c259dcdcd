import type { OpenAIStreamError } from '../errors/base.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';

/*
 * What this library knows of one streaming API (Assistants runs, Chat Completions, Responses), written once, in
 * that API's folder (`src/<api>/protocol.ts`). A description has three parts, each its own constant, so a bundle
 * carries only the parts it uses (`responseEvents()` + `textDeltas()` never carries a reducer):
 *
 * - {@link StreamProtocol}: how its values are told apart from other APIs' values, where their text is, which of
 *   them are deltas and what they say about how generation ended. Listed in `src/protocols/registry.ts`, read by
 *   `textDeltas()`, `streamMetrics()` and `streamKindOf()`.
 * - {@link ProtocolSource}: how the bytes of its stream become values (decoding and the checks of what the
 *   library reads), when the stream is complete, and what a cut stream reports. Read by the API's source
 *   (`responseEvents()`, ...) through `readProtocol()` (`src/protocols/read-protocol.ts`), and by
 *   `fromOpenAIStream()` through `src/protocols/sources.ts` (the official SDK's streams of its values, judged
 *   complete or cut by the same rules).
 * - {@link ProtocolAccumulation}: how its values accumulate (the pure reducer of the snapshots) and where the tool
 *   calls are in them. Read by `toolCallDeltas()` through `src/protocols/accumulations.ts`.
 */

/**
 * Where each value of an API's stream is sent: the subscriber of an operator (its `next`).
 *
 * @example
 * const sink: Sink<string> = { next: (text) => process.stdout.write(text) };
 */
export interface Sink<T> {
  next(value: T): void;
}

/**
 * Token counts as a stream reports them, in one shape for every API (Chat Completions' and Assistants'
 * `prompt_tokens` / `completion_tokens` are `input` / `output`).
 *
 * @example
 * const usage: TokenUsage = { input: 12, output: 30, total: 42 };
 */
export interface TokenUsage {
  readonly input: number;
  readonly output: number;
  readonly total: number;
}

/**
 * The tokens of every model request of a tool loop, summed: `input`, `output` and `total` (the shape
 * `streamMetrics()` reports), and the detail counts summed under the API's names (`inputDetails`: Chat
 * Completions' `prompt_tokens_details` such as `cached_tokens`, `audio_tokens`; Responses' `input_tokens_details`;
 * `outputDetails`: `completion_tokens_details` such as `reasoning_tokens`, `output_tokens_details`). What the
 * official SDK's `totalUsage()` gives, in the library's names.
 *
 * @example
 * const cost = (u: ToolLoopUsage) => u.input * 2.5e-6 + u.output * 10e-6 - (u.inputDetails['cached_tokens'] ?? 0) * 1.25e-6;
 */
export interface ToolLoopUsage extends TokenUsage {
  readonly inputDetails: Readonly<Record<string, number>>;
  readonly outputDetails: Readonly<Record<string, number>>;
}

/**
 * The part of a protocol description the operators that work on every kind of stream read (`textDeltas()`,
 * `streamMetrics()`, `streamKindOf()`): small functions over one value, nothing kept between values.
 *
 * @example
 * const chat: StreamProtocol<ChatCompletionChunk, 'chat'> = {
 *   kind: 'chat',
 *   is: (value): value is ChatCompletionChunk => Array.isArray((value as { choices?: unknown } | null)?.choices),
 *   text: (chunk, out, choice) => { ... },
 *   isDelta: (chunk) => ...,
 *   finishReason: (chunk) => ...,
 *   usage: (chunk) => tokenUsage(chunk.usage, 'prompt_tokens', 'completion_tokens'),
 * };
 */
export interface StreamProtocol<E, K extends string = string> {
  /** The API's name, as `streamKindOf()` and `StreamMetrics.kind` report it. */
  readonly kind: K;
  /**
   * Whether `value` is one of this API's values, by a cheap look at its shape (one or two property reads). The
   * registry asks the protocols in its order; the first that says yes owns the value.
   */
  is(value: unknown): value is E;
  /**
   * Sends the text fragments `value` carries to `out`, in order, skipping empty ones. `choice` is
   * `TextDeltasOptions.choice` (which choice, for APIs with several; others ignore it).
   */
  text(value: E, out: Sink<string>, choice: number): void;
  /** Whether `value` is a delta (usually one token), as `StreamMetrics.deltaCount` counts them. */
  isDelta(value: E): boolean;
  /**
   * How generation ended as far as `value` says (a finish reason, a run or response status), or `undefined` when
   * it says nothing: `StreamMetrics.finishReason` keeps the last one said.
   */
  finishReason(value: E): string | undefined;
  /**
   * The token counts `value` reports (a chat chunk's `usage`, the usage of the response or run it carries), or
   * `undefined` when it reports none.
   */
  usage(value: E): TokenUsage | undefined;
  /**
   * The value a failure of this API's stream carries, when the failure ended the stream in its place (Responses:
   * the failed response of a `ResponseStreamError`, which `response.failed` becomes), so that a summary can read
   * its status and usage; `undefined` for other failures. APIs whose failures carry nothing leave it out.
   */
  failure?: ((error: unknown) => E | undefined) | undefined;
}

/**
 * {@link TokenUsage} from an object with numeric `input` and `output` counts under either API's names (and a
 * `total`, else their sum); `undefined` for anything else (`null`, a field missing or not a number).
 *
 * @internal
 * @example
 * tokenUsage(chunk.usage, 'prompt_tokens', 'completion_tokens'); // { input: 9, output: 12, total: 21 }
 */
export function tokenUsage(value: unknown, inputKey: string, outputKey: string): TokenUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const counts = value as Record<string, unknown>;
  const input = counts[inputKey];
  const output = counts[outputKey];
  if (typeof input !== 'number' || typeof output !== 'number') return undefined;
  const total = counts['total_tokens'];
  return { input, output, total: typeof total === 'number' ? total : input + output };
}

/**
 * What a {@link ProtocolReader} returns instead of a value when an SSE event ends the stream: with no `error`,
 * the stream completes (`[DONE]`, `event: done`); with one, it fails with it (an `error` event, a broken field).
 *
 * @example
 * if (sse.data === '[DONE]') return STREAM_DONE;
 * if (json instanceof StreamParseError) return new StreamEnd(json);
 */
export class StreamEnd {
  constructor(readonly error?: OpenAIStreamError) {}
}

/**
 * The {@link StreamEnd} that completes a stream (`[DONE]`). Frozen, shared by every stream.
 *
 * @example
 * if (sse.data === '[DONE]') return STREAM_DONE;
 */
export const STREAM_DONE: StreamEnd = /* @__PURE__ */ Object.freeze(new StreamEnd());

/**
 * The part of a protocol description its source reads: how the options of a call are prepared (once per call
 * of the source: schema lookups, flags) into a factory of {@link ProtocolReader}s (one per subscription, so a
 * retried subscription starts afresh).
 *
 * @example
 * const chatSource: ProtocolSource<ChatCompletionChunk, ChatCompletionChunksOptions> = {
 *   prepare: (options) => () => new ChunkReader(options.conformance),
 * };
 */
export interface ProtocolSource<E, O extends FromSSEOptions> {
  prepare(options: O): () => ProtocolReader<E>;
}

/**
 * One subscription's reading of an API's stream (`readProtocol()` calls it): it owns what the stream told so
 * far (to describe a cut) and the stream's JSON templates.
 *
 * @example
 * const reader = open();
 * const value = reader.decode(sse);
 * if (value instanceof StreamEnd) return value.error ? subscriber.error(value.error) : subscriber.complete();
 * const ends = reader.ends(value);
 * subscriber.next(value);
 * reader.emitted(value, sse);
 * if (ends) subscriber.complete();
 */
export interface ProtocolReader<E> {
  /**
   * One SSE event: the value to emit (the event's JSON, checked for the fields the library reads), or a
   * {@link StreamEnd} (`[DONE]`, an error event, invalid JSON, a broken field).
   */
  decode(sse: ServerSentEvent): E | StreamEnd;
  /**
   * Whether `value`, just decoded, ends the stream once emitted (a terminal event such as `response.completed`).
   * Asked before it is emitted, so that a consumer that stops at it finds the stream ended by its protocol.
   */
  ends(value: E): boolean;
  /** Called after `value` was emitted (so the first token does not wait for it): the reader learns its templates here. */
  emitted(value: E, sse: ServerSentEvent): void;
  /**
   * The body ended before a terminal event or `[DONE]`: `undefined` when that is a proper end all the same (an
   * Assistants run already settled), else the error to fail with (an `IncompleteStreamError`).
   */
  endOfBody(): OpenAIStreamError | undefined;
  /** The error for a stream cut by a transport failure (`cause`) mid-stream: an `IncompleteStreamError`. */
  cut(cause: unknown): OpenAIStreamError;
}

/**
 * A {@link ProtocolReader} that also judges values another reader decoded: the one `fromOpenAIStream()` reads the
 * official SDK's streams with (see `src/protocols/sources.ts`). Each protocol keeps it apart from the reader its
 * source opens, so that a bundle without `fromOpenAIStream()` (the client's) does not carry it.
 *
 * @internal
 * @example
 * const value = reader.adopt(event);
 * if (value instanceof StreamEnd) return value.error ? subscriber.error(value.error) : subscriber.complete();
 */
export interface AdoptingReader<E> extends ProtocolReader<E> {
  /**
   * A value another reader decoded (the official SDK's stream, adopted by `fromOpenAIStream()`), noted as
   * {@link decode} notes the value of the same event: the value to emit, or the {@link StreamEnd} `decode` would
   * return for that event (Responses' `error` and `response.failed`, an Assistants `done` or `error` value). {@link
   * ends} is asked after it as after `decode`, and {@link endOfBody} when the adopted stream ends (the SDK's
   * iterator ends quietly both at `[DONE]`, which it does not pass on, and at a cut: the reader of an adopted API is
   * one that needs no `[DONE]`, see `src/protocols/sources.ts`). The fields the library reads are checked as
   * `decode` checks them (the SDK parses the JSON but checks nothing): a broken one is a {@link StreamEnd} with a
   * `StreamParseError`. The value is not changed: where it left out a position `decode` fills in (a Responses
   * event's `output_index`, a chat tool call fragment's `index`), the value to emit is a copy that has it.
   */
  adopt(value: E): E | StreamEnd;
}

/**
 * The part of a protocol description `toolCallDeltas()` reads: how the values accumulate (the pure reducer
 * behind the API's `accumulate...()` operator, from `initial`) and where the tool call fragments are.
 *
 * @example
 * const chatAccumulation: ProtocolAccumulation<ChatCompletionChunk, ChatCompletionSnapshot | undefined, ChatToolCallDeltaWithSnapshot> = {
 *   initial: undefined,
 *   reducer: chatCompletionReducer,
 *   toolCallDeltas: (chunk, completion, out) => { ... },
 * };
 */
export interface ProtocolAccumulation<E, S, D> {
  readonly initial: S;
  readonly reducer: (state: S, value: E) => S;
  /** Sends every tool call fragment `value` carries to `out`, with the call as accumulated in `state` (after `value`). */
  toolCallDeltas(value: E, state: S, out: Sink<D>): void;
}

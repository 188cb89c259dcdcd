import { ChatCompletionStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import type { ChatToolCallDeltaWithSnapshot } from '../operators/tool-call-deltas.js';
import { type AdoptingReader, type ProtocolAccumulation, type ProtocolReader, type ProtocolSource, StreamEnd, STREAM_DONE, type StreamProtocol, tokenUsage } from '../protocols/protocol.js';
import { chatCompletionChunkIssue, isUsageChunkWithoutChoices } from '../schema/chat/chunk-check.js';
import { contentChunkShape } from '../schema/chat/chunk-template.js';
import { chunkWithTextContent } from './content-parts.js';
import { checkedSchema, type ConformanceSchema, parseEventJson, readIssueError, validateEventJson } from '../sources/decode-json-event.js';
import { type JsonTemplate, jsonTemplate } from '../sources/json-template.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ChatCompletionChunksOptions } from './chat-completion-chunks.js';
import { isOmittedToolCallIndex, ToolCallPositions } from './omitted-positions.js';
import { NO_PENDING_LOGPROBS, type PendingLogprobsState, pendingLogprobsReducer, settledLogprobs } from './snapshot/pending-logprobs.js';
import { type CompletionIds, type CompletionQuestions, chatCompletionReducer, completionIdsAfter, deltaCarries } from './snapshot/reducer.js';
import { textOf } from '../errors/excerpt.js';
import { isJsonObject } from '../schema/json-values.js';
import { chunkChoices } from './chunk-choices.js';

// Chat Completions, described once (see `src/protocols/protocol.ts`): its values, its source, its accumulation.

/**
 * Chat Completions chunks as the operators of every stream read them: a value with a `choices` array (no other
 * API's values have one; `object` is not looked at: compatible servers write `chat.completion` or nothing there,
 * Azure `""`), or a usage chunk without them (`isUsageChunkWithoutChoices()`: some compatible servers write no
 * `choices`, or `null`, where the API writes `[]`; the sources emit it with `choices: []`, but a chunk that came
 * through none, such as an SDK stream read with `from()`, is read as it is, as a chunk of no choices); its text is the
 * `delta.content` of the wanted choice; a chunk carrying content, refusal or tool call fragments is a delta; a choice's
 * `finish_reason` tells how it ended.
 *
 * @example
 * if (chatProtocol.is(value)) chatProtocol.text(value, { next: write }, 0);
 */
export const chatProtocol: StreamProtocol<ChatCompletionChunk, 'chat'> = {
  kind: 'chat',
  is: (value): value is ChatCompletionChunk => Array.isArray((value as { choices?: unknown } | null)?.choices) || isUsageChunkWithoutChoices(value),
  text(chunk, out, wanted) {
    const choices = chunkChoices(chunk);
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]!;
      if (choice.index !== wanted) continue;
      const text: unknown = choice.delta?.content;
      // A string: a list of parts (Mistral's) read from no source of the library stays unread here (the sources read it).
      if (typeof text === 'string' && text !== '') out.next(text);
    }
  },
  isDelta(chunk) {
    for (const choice of chunkChoices(chunk)) {
      const d = choice.delta;
      if (d && (d.content || d.refusal || d.tool_calls?.length || d.function_call)) return true;
    }
    return false;
  },
  finishReason(chunk) {
    let reason: string | undefined;
    for (const choice of chunkChoices(chunk)) if (choice.finish_reason) reason = choice.finish_reason;
    return reason;
  },
  // The last chunk's, with `stream_options: { include_usage: true }`; else Groq's, which its last chunk carries in
  // `x_groq.usage` whether it was asked for or not.
  usage: (chunk) => tokenUsage(chunk.usage ?? groqUsage(chunk), 'prompt_tokens', 'completion_tokens'),
};

/** The `usage` in a chunk's `x_groq` (Groq's extension), if any. */
function groqUsage(chunk: ChatCompletionChunk): unknown {
  const extension = (chunk as unknown as Record<string, unknown>)['x_groq'];
  return isJsonObject(extension) ? extension['usage'] : undefined;
}

/**
 * How `chatCompletionChunks()` reads a Chat Completions stream: each chunk checked for the fields the library
 * reads (and the `conformance` schema), content chunks read through a JSON template; `[DONE]` ends it; an `error`
 * event or a `{ "error": ... }` chunk fails it with {@link ChatCompletionStreamError}; an end without `[DONE]` is
 * an {@link IncompleteStreamError} with the completion's id and last finish reason, but with `requireDone: false`
 * (a {@link FinishingChunkReader}), where it is whole once every choice it showed finished.
 *
 * @internal
 * @example
 * const chunks$ = readProtocol(chatSource, response, {});
 */
export const chatSource: ProtocolSource<ChatCompletionChunk, ChatCompletionChunksOptions> = {
  prepare(options) {
    const given = options.conformance;
    const conformance = given === undefined ? undefined : checkedSchema(given, 'chatCompletionChunks: conformance');
    return options.requireDone === false ? () => new FinishingChunkReader(conformance) : () => new ChunkReader(conformance);
  },
};

class ChunkReader implements ProtocolReader<ChatCompletionChunk> {
  // What the stream has told so far, to describe an end without `[DONE]`.
  private received = 0;
  private completionId: string | undefined;
  private finishReason: string | undefined;
  private learnable = false;
  private readonly toolCalls = new ToolCallPositions();
  // Content chunks that repeat the last one's text around their content are read without JSON.parse; not
  // with a `conformance` schema, which may judge the strings the template fills in.
  private readonly contentChunks: JsonTemplate<ChatCompletionChunk> | undefined;

  constructor(private readonly conformance: ConformanceSchema | undefined) {
    this.contentChunks = conformance === undefined ? jsonTemplate(contentChunkShape) : undefined;
  }

  decode(sse: ServerSentEvent): ChatCompletionChunk | StreamEnd {
    if (sse.data === '[DONE]') return STREAM_DONE;
    if (sse.event === 'error') return new StreamEnd(new ChatCompletionStreamError(sse.data));
    let chunk = this.contentChunks?.read(sse.data);
    this.learnable = false;
    if (chunk === undefined) {
      const json = parseEventJson(sse.event, sse.data);
      if (json instanceof StreamParseError) return new StreamEnd(json);
      // The API reports a failure in the middle of a stream as a data line holding `{ "error": {...} }`.
      if ((json as { error?: unknown } | null)?.error) return new StreamEnd(new ChatCompletionStreamError(sse.data));
      // The fields the library reads are checked by hand; the rest passes untouched.
      const placed = this.checked(json, sse.event, sse.data);
      if (placed instanceof StreamEnd) return placed;
      if (this.conformance !== undefined) {
        const problem = validateEventJson(this.conformance, sse.event, sse.data, placed);
        if (problem) return new StreamEnd(problem);
      }
      chunk = placed;
      // A template is learned from a chunk that is the text of its line (not one with positions filled in).
      this.learnable = placed === json;
    }
    this.note(chunk);
    return chunk;
  }

  /**
   * `json` once its check passed: itself, or a copy whose tool call fragments have the indexes a compatible server
   * left out or gave twice (`./omitted-positions.ts`); a broken field ends the stream. `data` is the chunk's line (an
   * adopted chunk has none: its error's excerpt is written from the chunk).
   */
  protected checked(json: unknown, eventName: string | undefined, data: string | undefined): ChatCompletionChunk | StreamEnd {
    let chunk = json as ChatCompletionChunk;
    let issue = chatCompletionChunkIssue(chunk);
    // Content as a list of parts (Mistral's reasoning models): its text and thinking, in a copy (`./content-parts.ts`).
    const parted = issue?.path.endsWith('.delta.content') ? chunkWithTextContent(chunk) : undefined;
    if (parted !== undefined) issue = chatCompletionChunkIssue((chunk = parted));
    if (issue === undefined) chunk = this.toolCalls.place(chunk);
    else if (isOmittedToolCallIndex(chunk, issue.path)) {
      // Every fragment of the chunk without an index has one after this.
      chunk = this.toolCalls.place(chunk);
      issue = chatCompletionChunkIssue(chunk);
    } else if (issue.path === 'choices' && chunk.choices == null && isJsonObject(chunk.usage)) {
      // The usage chunk of a server that writes no `choices` (or `null`) where the API writes `[]`: the API's, in a
      // copy, so that every reader after the source (and the consumer's own code, by the type) finds the array. (In a
      // chat stream a `usage` is enough to tell it: `isUsageChunkWithoutChoices()` also tells it from other APIs'
      // values, for `chatProtocol.is`, which the operators ask of any value.)
      chunk = { ...chunk, choices: [] };
      issue = undefined;
    }
    return issue === undefined ? chunk : new StreamEnd(readIssueError(issue, eventName, data ?? textOf(json)));
  }

  /** Notes what a cut stream reports: how many chunks came, the completion's id, the last finish reason. */
  protected note(chunk: ChatCompletionChunk): void {
    this.received++;
    this.completionId = chunk.id;
    const choices = chunk.choices;
    for (let i = 0; i < choices.length; i++) {
      const reason = choices[i]!.finish_reason;
      if (reason) this.finishReason = reason;
    }
  }

  ends(): boolean {
    // Only `[DONE]` ends a chat stream.
    return false;
  }

  emitted(chunk: ChatCompletionChunk, sse: ServerSentEvent): void {
    // After the chunk is out, so the first token does not wait for it.
    if (this.learnable) this.contentChunks?.learn(sse.data, chunk);
  }

  endOfBody(): IncompleteStreamError | undefined {
    return this.cut();
  }

  cut(cause?: unknown): IncompleteStreamError {
    return new IncompleteStreamError({
      completionId: this.completionId,
      finishReason: this.finishReason,
      receivedEvents: this.received,
      cause,
    });
  }
}

/**
 * How `chatCompletionChunksFromNdjson()` reads a Chat Completions stream framed without `[DONE]` (newline-delimited
 * JSON, as the official SDK's `toReadableStream()` writes it, which drops `[DONE]`): as {@link chatSource} does,
 * but the stream is complete when its body ends after every choice it carried reported a `finish_reason` (the rule
 * of the SDK's streams `fromOpenAIStream()` adopts). A body that ends before that (no chunk, a choice still
 * unfinished) is an {@link IncompleteStreamError}, as a body without `[DONE]` is in an event stream. (The official
 * SDK's reader takes any end of the body after one chunk as the end.) The usage chunk of `include_usage`, after
 * the last finish, is not waited for (see `FinishingChunkReader`). `chatSource` with `requireDone: false`; also
 * how `fromOpenAIStream()` judges the SDK's chat streams, which pass no `[DONE]` on.
 *
 * @internal
 * @example
 * const chunks$ = readFramed(chatSourceWithoutDone, response, {}, ndjsonLines);
 */
export const chatSourceWithoutDone: ProtocolSource<ChatCompletionChunk, ChatCompletionChunksOptions> = {
  prepare: (options) => chatSource.prepare({ ...options, requireDone: false }),
};

/**
 * A {@link ChunkReader} for streams that carry no `[DONE]` (NDJSON, the SDK's streams `fromOpenAIStream()` adopts, event
 * streams read with `requireDone: false`):
 * its end of body is a completion once every choice it showed has its `finish_reason` and it showed one at least;
 * else a cut. The usage chunk of `stream_options: { include_usage: true }`, which comes after the last finish, is not
 * waited for: the chunks cannot tell whether it was asked for (`"usage": null` in every chunk is what the API writes
 * when it was, and what many relays write whether or not), and the answer is whole without it. A choice that
 * finished is open again when a later chunk brings something of its message under the same id, an empty one or
 * none (servers that keep one id for every answer: the next answer in the body, which must finish too); an empty
 * delta after the finish (a usage or content filter chunk), or one that only says the role, leaves it finished.
 */
class FinishingChunkReader extends ChunkReader {
  // By choice index: whether it finished, for the completion under way.
  private readonly finished = new Map<number, boolean>();
  // Where that completion ends, by the reducer's rule (`completionIdsAfter()`): a stream of several completions (a
  // tool loop's turns relayed in one body) is whole when the last one finished, not the first.
  private ids: CompletionIds = 'one';
  private currentId = '';

  override decode(sse: ServerSentEvent): ChatCompletionChunk | StreamEnd {
    const chunk = super.decode(sse);
    if (!(chunk instanceof StreamEnd)) this.noteEnding(chunk);
    return chunk;
  }

  override endOfBody(): IncompleteStreamError | undefined {
    return FINISHED_ASKS.finished(this.finished) ? undefined : this.cut();
  }

  protected noteEnding(chunk: ChatCompletionChunk): void {
    const finished = this.finished;
    const after = completionIdsAfter(this.ids, this.currentId, chunk, FINISHED_ASKS, finished);
    if (after === 'another') finished.clear();
    this.ids = after === 'another' ? 'one' : after;
    if (chunk.id) this.currentId = chunk.id;
    const choices = chunk.choices;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]!;
      const index = choice.index;
      if (choice.finish_reason) finished.set(index, true);
      else {
        const done = finished.get(index);
        // Something of a message for a choice that finished, under the same id (or an empty one, or none: servers
        // that keep one id for every answer, TGI's "", OpenVINO's none) is the next answer's: it must finish too.
        // An empty delta after the finish (a usage or content filter chunk) is not, nor one that only says the role
        // (servers that say it in every chunk, their trailing chunks too).
        if (done === undefined || (done && deltaCarries(choice, 'role'))) finished.set(index, false);
      }
    }
  }
}

/** What {@link completionIdsAfter} asks of the choices a {@link FinishingChunkReader} saw (by index: finished). */
const FINISHED_ASKS: CompletionQuestions<ReadonlyMap<number, boolean>> = {
  finished: (choices) => {
    if (choices.size === 0) return false;
    for (const done of choices.values()) if (!done) return false;
    return true;
  },
  shows: (choices, index) => choices.has(index),
};

/**
 * The reader `fromOpenAIStream()` judges the SDK's chat streams with (see `src/protocols/sources.ts`): a
 * {@link FinishingChunkReader}, as {@link chatSourceWithoutDone} opens it without options (the SDK's iterators pass
 * no `[DONE]` on), that also adopts the SDK's chunks.
 *
 * @internal
 * @example
 * const reader = chunkAdopter();
 * const value = reader.adopt(chunk); // the chunk, or the StreamEnd of a broken field
 */
export function chunkAdopter(): AdoptingReader<ChatCompletionChunk> {
  return new AdoptingChunkReader(undefined);
}

class AdoptingChunkReader extends FinishingChunkReader implements AdoptingReader<ChatCompletionChunk> {
  adopt(chunk: ChatCompletionChunk): ChatCompletionChunk | StreamEnd {
    // The SDK throws its APIError for an error chunk. The fields the library reads are checked as in `decode()`:
    // the SDK parses the JSON but checks nothing.
    const placed = this.checked(chunk, undefined, undefined);
    if (placed instanceof StreamEnd) return placed;
    this.note(placed);
    this.noteEnding(placed);
    return placed;
  }
}

/**
 * Chat Completions chunks as `toolCallDeltas()` accumulates them: {@link chatCompletionReducer} from
 * `undefined`, with the logprobs token lists held back until a chunk with tool calls ({@link pendingLogprobsReducer}:
 * no snapshot is seen at the other chunks here, and appending each chunk's tokens copies the choice's list); the tool
 * call fragments are every choice's `delta.tool_calls`, each with its call as accumulated.
 *
 * @example
 * const state = chatAccumulation.reducer(chatAccumulation.initial, chunk); // state.snapshot
 */
export const chatAccumulation: ProtocolAccumulation<ChatCompletionChunk, PendingLogprobsState, ChatToolCallDeltaWithSnapshot> = {
  initial: NO_PENDING_LOGPROBS,
  reducer(state, chunk) {
    // A chunk with tool calls shows its completion: reduced as the reducer reduces it, after what was held back.
    return chunkChoices(chunk).some((choice) => choice.delta?.tool_calls)
      ? { snapshot: chatCompletionReducer(settledLogprobs(state), chunk), pending: undefined }
      : pendingLogprobsReducer(state, chunk);
  },
  toolCallDeltas(chunk, { snapshot: completion }, out) {
    for (const choice of chunkChoices(chunk)) {
      const fragments = choice.delta?.tool_calls;
      if (!fragments) continue;
      const calls = completion!.choices[choice.index]!.message.tool_calls!;
      for (const delta of fragments) {
        out.next({ delta, snapshot: calls[delta.index]!, choiceIndex: choice.index, completion: completion! });
      }
    }
  },
};

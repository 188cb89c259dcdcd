/**
 * Tool call positions a compatible server leaves out of its Chat Completions chunks, filled in by the source that
 * reads them, so that every reader after it (the reducer, `chatCompletionEvents()`, `toolCallDeltas()`,
 * `parsedToolCalls()`, the tool loops) finds a fragment's call as on the API's streams. Gemini's OpenAI-compatible
 * endpoint and mistral.rs send each tool call whole, with its `id` but without `index`.
 *
 * The rule is the Responses one (`src/responses/omitted-positions.ts`): a fragment without `index` belongs to the
 * last call the choice started, unless it starts one: the choice's first, or one with an `id` other than the last
 * call's, which takes the next position.
 *
 * One per subscription (the source's reader holds it). Chunks whose fragments carry their `index` pass as they
 * are; what the reader notes of them costs one lookup per tool call fragment.
 */
import { isJsonObject } from '../schema/json-values.js';
import type { ChatCompletionChunk } from '../wire/chat.js';

/** The tool calls one choice started: how many, and the last one's id (when a fragment told it). */
interface StartedCalls {
  count: number;
  lastId: string | undefined;
}

/**
 * Whether the problem the chunk check found (its path) is a tool call fragment's `index` left out (absent or
 * `null`): then {@link OmittedToolCallIndexes.fill} gives it.
 *
 * @internal
 * @example
 * if (issue && isOmittedToolCallIndex(json, issue.path)) json = indexes.fill(json);
 */
export function isOmittedToolCallIndex(chunk: unknown, path: string): boolean {
  const at = /^choices\.(\d+)\.delta\.tool_calls\.(\d+)\.index$/.exec(path);
  if (at === null) return false;
  const choice = (chunk as { choices: Array<{ delta: { tool_calls: Array<Record<string, unknown>> } }> }).choices[Number(at[1])]!;
  return choice.delta.tool_calls[Number(at[2])]!['index'] == null;
}

/**
 * Which tool calls one chat stream started in each choice, so far: what fills an `index` its fragments leave out.
 *
 * @internal
 * @example
 * const indexes = new OmittedToolCallIndexes();
 * const chunk = indexes.fill(json); // every fragment without `index` given one
 */
export class OmittedToolCallIndexes {
  // By choice index.
  private readonly started = new Map<number, StartedCalls>();

  /** Notes the position of a fragment that has one (given by the wire, or filled in). */
  note(choice: number, index: number, id: unknown): void {
    let calls = this.started.get(choice);
    if (calls === undefined) this.started.set(choice, (calls = { count: 0, lastId: undefined }));
    if (index >= calls.count) {
      calls.count = index + 1;
      calls.lastId = typeof id === 'string' ? id : undefined;
    } else if (index === calls.count - 1 && typeof id === 'string') calls.lastId = id;
  }

  /**
   * A copy of `chunk` (only the objects on the way to a filled fragment are new: the chunk may be one the caller
   * still holds, such as one of the official SDK's) in which every tool call fragment without `index` has one.
   */
  fill(chunk: ChatCompletionChunk): ChatCompletionChunk {
    const choices = chunk.choices.map((choice) => {
      const calls = choice.delta?.tool_calls as unknown;
      if (!Number.isSafeInteger(choice.index) || !Array.isArray(calls)) return choice;
      const placed = calls.map((call: unknown) => {
        if (!isJsonObject(call)) return call;
        const given = call['index'];
        if (given != null) {
          if (Number.isSafeInteger(given)) this.note(choice.index, given as number, call['id']);
          return call;
        }
        const index = this.place(choice.index, call['id']);
        this.note(choice.index, index, call['id']);
        return { ...call, index };
      });
      return { ...choice, delta: { ...choice.delta, tool_calls: placed } };
    });
    return { ...chunk, choices } as ChatCompletionChunk;
  }

  /** The position of a fragment without `index` in `choice`: the last call's, or the next for a call it starts. */
  private place(choice: number, id: unknown): number {
    const calls = this.started.get(choice);
    if (calls === undefined || calls.count === 0) return 0;
    const starts = typeof id === 'string' && id !== '' && calls.lastId !== undefined && id !== calls.lastId;
    return starts ? calls.count : calls.count - 1;
  }
}

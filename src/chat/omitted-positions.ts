/**
 * Tool call positions a compatible server leaves out of its Chat Completions chunks, filled in by the source that
 * reads them, so that every reader after it (the reducer, `chatCompletionEvents()`, `toolCallDeltas()`,
 * `parsedToolCalls()`, the tool loops) finds a fragment's call as on the API's streams. Gemini's OpenAI-compatible
 * endpoint and mistral.rs send each tool call whole, with its `id` but without `index`.
 *
 * The rule is the Responses one (`src/responses/omitted-positions.ts`): a fragment without `index` belongs to the
 * call its `id` names (Gemini sends a call's signature later, by its id); one that starts a call takes the next
 * position: the choice's first, one with an `id` no call had, or one without an `id` (or with `""`) that carries a
 * name when the last call has one (the API names a call in its first fragment only); any other belongs to the last
 * call.
 *
 * One per subscription (the source's reader holds it). Chunks whose fragments carry their `index` pass as they
 * are; what the reader notes of them costs a lookup or two per tool call fragment.
 */
import { isJsonObject } from '../schema/json-values.js';
import type { ChatCompletionChunk } from '../wire/chat.js';

/** The tool calls one choice started: how many, the position of each by its id, whether the last one has a name. */
interface StartedCalls {
  count: number;
  readonly ids: Map<string, number>;
  lastNamed: boolean;
}

/** A fragment's `id` when it has one that is not empty (an empty one tells no call apart). */
const idOf = (fragment: Record<string, unknown>): string | undefined => {
  const id = fragment['id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/** Whether a fragment carries its call's name: the API names a call in its first fragment. */
const isNamed = (fragment: Record<string, unknown>): boolean => {
  const fn = (fragment['function'] ?? fragment['custom']) as { name?: unknown } | null | undefined;
  return typeof fn?.name === 'string' && fn.name !== '';
};

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
  note(choice: number, index: number, fragment: Record<string, unknown>): void {
    let calls = this.started.get(choice);
    if (calls === undefined) this.started.set(choice, (calls = { count: 0, ids: new Map(), lastNamed: false }));
    const id = idOf(fragment);
    if (id !== undefined && !calls.ids.has(id)) calls.ids.set(id, index);
    if (index >= calls.count) {
      calls.count = index + 1;
      calls.lastNamed = false;
    }
    if (index === calls.count - 1 && isNamed(fragment)) calls.lastNamed = true;
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
          if (Number.isSafeInteger(given)) this.note(choice.index, given as number, call);
          return call;
        }
        const index = this.place(choice.index, call);
        this.note(choice.index, index, call);
        return { ...call, index };
      });
      return { ...choice, delta: { ...choice.delta, tool_calls: placed } };
    });
    return { ...chunk, choices } as ChatCompletionChunk;
  }

  /**
   * The position of a fragment without `index` in `choice`: the call its id names; the next one for a call it
   * starts (a new id, or a name when the last call has one); else the last call's.
   */
  private place(choice: number, fragment: Record<string, unknown>): number {
    const calls = this.started.get(choice);
    if (calls === undefined || calls.count === 0) return 0;
    const id = idOf(fragment);
    if (id !== undefined) return calls.ids.get(id) ?? calls.count;
    return isNamed(fragment) && calls.lastNamed ? calls.count : calls.count - 1;
  }
}

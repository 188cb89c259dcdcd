/**
 * Tool call positions a compatible server leaves out of its Chat Completions chunks (or gives twice), set by the
 * source that reads them, so that every reader after it (the reducer, `chatCompletionEvents()`, `toolCallDeltas()`,
 * `parsedToolCalls()`, the tool loops) finds a fragment's call as on the API's streams:
 *
 * - Gemini's OpenAI-compatible endpoint and mistral.rs send each tool call whole, with its `id` but without `index`;
 * - Ollama 0.20 sends parallel calls all at `index` 0, each with its own `id`.
 *
 * The rule is the Responses one (`src/responses/omitted-positions.ts`). A fragment without `index` belongs to the call
 * its `id` names (Gemini sends a call's signature later, by its id); one that starts a call takes the next position:
 * the choice's first, or a named one (the API names a call in its first fragment only) with an `id` no call had, or
 * after a named call whatever its `id` (none, or `""`); any other belongs to the last call. A named fragment (a
 * call's first) whose `index` holds a call of another `id` starts a call too (the API gives each call an index of its
 * own), and the fragments after it at that `index` are that new call's. A choice starts numbering again in another
 * completion (a tool loop's next turn, or a retry after a cut, read in one stream): after its `finish_reason`, and
 * every choice when a chunk of a new `id` (after chunks that shared one) opens a message again (`delta.role`), as the
 * reducer tells completions apart.
 *
 * One per subscription (the source's reader holds it). Chunks whose fragments carry their own positions pass as they
 * are; what the reader notes of them costs a few lookups per tool call fragment.
 */
import { isIndex, isJsonObject } from '../schema/json-values.js';
import type { ChatCompletionChunk } from '../wire/chat.js';

/** The tool calls one choice started. */
interface StartedCalls {
  /** How many (the next call's position). */
  count: number;
  /** The position of each call by its id, and the id of each position. */
  readonly positions: Map<string, number>;
  readonly ids: Map<number, string>;
  /** The wire `index`es that now stand for another position (a call sent at an index another call had). */
  readonly moved: Map<number, number>;
  /** Whether the last call has a name. */
  lastNamed: boolean;
  /** Whether the choice finished: a call after that is another completion's (a tool loop's next turn). */
  finished: boolean;
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

/** Whether a choice of a chunk opens its message (`delta.role`, which a completion's first chunk of it says). */
const opensMessage = (choice: unknown): boolean => isJsonObject(choice) && isJsonObject(choice['delta']) && !!choice['delta']['role'];

/**
 * Whether the problem the chunk check found (its path) is a tool call fragment's `index` left out (absent or
 * `null`): then {@link ToolCallPositions.place} gives it.
 *
 * @internal
 * @example
 * if (issue && isOmittedToolCallIndex(json, issue.path)) json = positions.place(json);
 */
export function isOmittedToolCallIndex(chunk: unknown, path: string): boolean {
  const at = /^choices\.(\d+)\.delta\.tool_calls\.(\d+)\.index$/.exec(path);
  if (at === null) return false;
  const choice = (chunk as { choices: Array<{ delta: { tool_calls: Array<Record<string, unknown>> } }> }).choices[Number(at[1])]!;
  return choice.delta.tool_calls[Number(at[2])]!['index'] == null;
}

/**
 * Which tool calls one chat stream started in each choice, so far: what sets the `index` of a fragment that left it
 * out, or that gave one another call has.
 *
 * @internal
 * @example
 * const positions = new ToolCallPositions();
 * const placed = positions.place(chunk); // the chunk itself, or a copy whose fragments have their calls' indexes
 */
export class ToolCallPositions {
  // By choice index.
  private readonly started = new Map<number, StartedCalls>();
  // The last chunk's `id`, and whether the chunks before it shared it (a stream that keeps one id per completion).
  private lastId: string | undefined;
  private idShared = false;

  /**
   * `chunk` with every tool call fragment at its call's position, noted: the chunk itself when each had it, else a
   * copy (only the objects on the way to a moved fragment are new: the chunk may be one the caller still holds, such
   * as one of the official SDK's). A fragment whose `index` is broken keeps it, for the check to report.
   */
  place(chunk: ChatCompletionChunk): ChatCompletionChunk {
    const choices = chunk.choices;
    // Another completion opens a choice's message again (a retry after a cut, relayed in one stream with the cut
    // one): every choice numbers its calls from 0, as the reducer starts every choice anew.
    if (this.isAnotherCompletion(chunk.id) && choices.some(opensMessage)) this.started.clear();
    let copied: Array<ChatCompletionChunk['choices'][number]> | undefined;
    for (let c = 0; c < choices.length; c++) {
      const choice = choices[c]!;
      // A broken choice (`null`, no index) is left for the check to report.
      if (!isJsonObject(choice) || !isIndex(choice.index)) continue;
      const fragments = choice.delta?.tool_calls as unknown;
      if (Array.isArray(fragments)) {
        const moved = this.placeFragments(choice.index, fragments);
        if (moved !== undefined) {
          copied ??= choices.slice();
          copied[c] = { ...choice, delta: { ...choice.delta, tool_calls: moved } } as typeof choice;
        }
      }
      // After its fragments: a call after the finish is another completion's.
      if (choice.finish_reason) {
        const calls = this.started.get(choice.index);
        if (calls !== undefined) calls.finished = true;
      }
    }
    return copied === undefined ? chunk : { ...chunk, choices: copied };
  }

  /**
   * Whether a chunk of this `id` may begin another completion: its id is not the last chunk's, after chunks that
   * shared one (servers that give every chunk an id of its own never begin one this way).
   */
  private isAnotherCompletion(id: unknown): boolean {
    if (typeof id !== 'string' || id === '') return false;
    if (id === this.lastId) {
      this.idShared = true;
      return false;
    }
    const anew = this.idShared;
    this.lastId = id;
    this.idShared = false;
    return anew;
  }

  /** A copy of `fragments` where one moved, else `undefined`. */
  private placeFragments(choice: number, fragments: readonly unknown[]): unknown[] | undefined {
    let moved: unknown[] | undefined;
    for (let f = 0; f < fragments.length; f++) {
      const fragment: unknown = fragments[f];
      if (!isJsonObject(fragment)) continue;
      const given = fragment['index'];
      if (given != null && !isIndex(given)) continue;
      const at = this.positionOf(choice, given, fragment);
      if (at === given) continue;
      moved ??= fragments.slice();
      moved[f] = { ...fragment, index: at };
    }
    return moved;
  }

  /** Where a fragment of `choice` goes (`given`: its `index`, or none), noted as its call's. */
  private positionOf(choice: number, given: number | null | undefined, fragment: Record<string, unknown>): number {
    let calls = this.started.get(choice);
    if (calls === undefined || calls.finished) {
      calls = { count: 0, positions: new Map(), ids: new Map(), moved: new Map(), lastNamed: false, finished: false };
      this.started.set(choice, calls);
    }
    const id = idOf(fragment);
    // The API's own fragments after a call's first (no id, an index a call has, and the call's name noted when it is
    // the last): nothing to note.
    if (id === undefined && given != null && given < calls.count && calls.moved.size === 0 && (given !== calls.count - 1 || calls.lastNamed)) {
      return given;
    }
    let at: number;
    if (given == null) {
      // Left out: the call its id names; else a named fragment with a new id, or after a named call, starts one.
      const known = id === undefined ? undefined : calls.positions.get(id);
      const starts = calls.count === 0 || (isNamed(fragment) && (id !== undefined || calls.lastNamed));
      at = known ?? (starts ? calls.count : calls.count - 1);
    } else {
      at = calls.moved.size === 0 ? given : (calls.moved.get(given) ?? given);
      // A call's first fragment (it has the name) under an index another call has: its own position, and the
      // index's fragments after it are its. Not a later fragment whose id differs (some servers send a new id with
      // every fragment of a call).
      const holder = id === undefined ? undefined : calls.ids.get(at);
      if (holder !== undefined && holder !== id && isNamed(fragment)) {
        at = calls.positions.get(id!) ?? calls.count;
        calls.moved.set(given, at);
      }
    }
    if (id !== undefined && !calls.positions.has(id)) {
      calls.positions.set(id, at);
      calls.ids.set(at, id);
    }
    if (at >= calls.count) {
      calls.count = at + 1;
      calls.lastNamed = false;
    }
    if (at === calls.count - 1 && isNamed(fragment)) calls.lastNamed = true;
    return at;
  }
}

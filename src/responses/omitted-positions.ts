/**
 * Positions a compatible server leaves out of its Responses events, filled in by the source that reads them, so that
 * every reader after it (the reducer, `finalResponse()`'s held-back text, `toolCallDeltas()`, the tool loops, the
 * structured-output operators, the client's recovery) finds an event's place as on the API's streams. llama.cpp's
 * server sends no `output_index` nor `content_index` (ggml-org/llama.cpp#20607); LiteLLM's bridge from Chat
 * Completions sends reasoning summary deltas without `summary_index`.
 *
 * The rule, the same for the three positions and for the chat protocol's tool call `index`
 * (`src/chat/omitted-positions.ts`): a position left out is the last one the stream started; an event that starts
 * one (`response.output_item.added`, `response.content_part.added`, `response.reasoning_summary_part.added`) takes the
 * next. An item is found by its id first (`item_id`, or the `item`'s own `id`, else its `call_id`), as the events of
 * one item carry it.
 *
 * Positions are known only from a stream's start: in a stream picked up after it (`starting_after`: its first event
 * numbered above 0, but for a `response.created` without output), one left out is a `StreamParseError`, as the
 * earlier events that would tell it were not read.
 * The client's call shares one between its first stream and those that resume it after a cut, so that they go on
 * from what the first one told; an event numbered at or below the last one noted (resent by a server that does not
 * filter by `starting_after`) changes nothing.
 *
 * One per subscription (the source's reader holds it, or the client's call for its streams): what it notes is the
 * subscription's own. Events that carry their positions pass as they are; the API's own streams pay a `switch` per
 * event that was parsed (text deltas read through the template skip even that).
 */
import { isJsonObject } from '../schema/json-values.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import { beganAfterStart } from './snapshot/stream-start.js';

/** The fields a Responses event places itself with, in the order the wire checks read them. */
export type PositionField = 'output_index' | 'content_index' | 'summary_index';

/**
 * Whether a field the wire check found broken is a position the event left out (absent or `null`): then
 * {@link OmittedPositions.fill} gives it; any other broken value is still a broken field.
 *
 * @internal
 * @example
 * if (broken && isOmittedPosition(json, broken.path)) json = positions.fill(type, json, broken.path);
 */
export function isOmittedPosition(event: unknown, path: string): path is PositionField {
  return (
    (path === 'output_index' || path === 'content_index' || path === 'summary_index') &&
    (event as Record<string, unknown>)[path] == null
  );
}

/**
 * Whether a stream whose first event is `event` was read from its start: that event is not numbered above 0, or is
 * a `response.created` without output yet, whatever its number (the API numbers it 0, LiteLLM's bridge 1).
 */
function opensStream(type: string, event: Record<string, unknown>): boolean {
  if (!beganAfterStart(event as unknown as ResponseStreamEvent)) return true;
  if (type !== 'response.created') return false;
  const output = (event['response'] as { output?: unknown } | null | undefined)?.output;
  return output == null || (Array.isArray(output) && output.length === 0);
}

/**
 * What tells an item apart from the others: its `id`, else its `call_id` (llama.cpp adds function calls without an
 * `id`, and names them by their `call_id` in its events' `item_id`). An empty one tells nothing.
 */
function identityOf(item: unknown): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const id = item['id'];
  if (typeof id === 'string' && id !== '') return id;
  const callId = item['call_id'];
  return typeof callId === 'string' && callId !== '' ? callId : undefined;
}

/**
 * Where one Responses stream put its items and their parts, so far: what fills a position its events leave out.
 *
 * @internal
 * @example
 * const positions = new OmittedPositions();
 * positions.fill('response.output_text.delta', { type: 'response.output_text.delta', item_id: 'msg_1', delta: 'Hi' }, 'output_index');
 */
export class OmittedPositions {
  // The `output_index` of each item added with an id, by that id.
  private readonly items = new Map<string, number>();
  // The `output_index` of the last item added, and the highest one (-1 before any).
  private lastItem = -1;
  private highestItem = -1;
  // By `output_index`: the last content part and summary part started in the item.
  private readonly lastPart = new Map<number, number>();
  private readonly lastSummary = new Map<number, number>();
  // Whether the stream was read from its start (told by the first event), and the last `added` event's number.
  private fromStart: boolean | undefined;
  private lastSequence = -1;

  /**
   * Whether the positions `event` leaves out can be told: the stream was read from its start (this being its first
   * event, see {@link opensStream}).
   */
  knows(type: string, event: Record<string, unknown>): boolean {
    return this.fromStart ?? opensStream(type, event);
  }

  /** Notes where an event that starts an item or a part put it, once it passed its checks (positions filled). */
  note(type: string, event: Record<string, unknown>): void {
    this.fromStart ??= opensStream(type, event);
    switch (type) {
      case 'response.output_item.added': {
        if (this.resent(event)) return;
        const at = event['output_index'] as number;
        const id = identityOf(event['item']);
        if (id !== undefined) this.items.set(id, at);
        this.lastItem = at;
        if (at > this.highestItem) this.highestItem = at;
        // A new item at a place used before starts with none of the old one's parts.
        this.lastPart.delete(at);
        this.lastSummary.delete(at);
        break;
      }
      case 'response.content_part.added':
        if (!this.resent(event)) this.lastPart.set(event['output_index'] as number, event['content_index'] as number);
        break;
      case 'response.reasoning_summary_part.added':
        if (!this.resent(event)) this.lastSummary.set(event['output_index'] as number, event['summary_index'] as number);
    }
  }

  /**
   * Whether an `added` event was noted already: numbered at or below the last one noted (a resumed stream's server
   * that does not filter by `starting_after` sends it again). Only `added` events are numbered here: each one's
   * number is above every earlier one's, whatever came between.
   */
  private resent(event: Record<string, unknown>): boolean {
    const sequence = event['sequence_number'];
    if (typeof sequence !== 'number') return false;
    if (sequence <= this.lastSequence) return true;
    this.lastSequence = sequence;
    return false;
  }

  /**
   * `event` with `field` set to the position it left out (a shallow copy: the event may be an object the caller
   * still holds, such as one of the official SDK's). `output_index` comes first: the part positions are the
   * item's.
   */
  fill(type: string, event: Record<string, unknown>, field: PositionField): Record<string, unknown> {
    return { ...event, [field]: field === 'output_index' ? this.itemOf(type, event) : this.partOf(type, event, field) };
  }

  private itemOf(type: string, event: Record<string, unknown>): number {
    const added = type === 'response.output_item.added';
    const id = added || type === 'response.output_item.done' ? identityOf(event['item']) : event['item_id'];
    const known = typeof id === 'string' ? this.items.get(id) : undefined;
    if (known !== undefined) return known;
    // An event of an item that was never added (or of none) is the last item's, as a part's event is its last part's.
    return added ? this.highestItem + 1 : Math.max(this.lastItem, 0);
  }

  private partOf(type: string, event: Record<string, unknown>, field: 'content_index' | 'summary_index'): number {
    const item = event['output_index'] as number;
    const parts = field === 'content_index' ? this.lastPart : this.lastSummary;
    const last = parts.get(item);
    const starts = type === 'response.content_part.added' || type === 'response.reasoning_summary_part.added';
    if (starts) return last === undefined ? 0 : last + 1;
    // The item's first part, started by this event without its `added` (as Ollama's summaries are, and the reducer
    // starts them): a part added after it is the next.
    if (last === undefined) parts.set(item, 0);
    return last ?? 0;
  }
}

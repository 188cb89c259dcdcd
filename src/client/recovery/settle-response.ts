/**
 * Recovery of a cut stream of a stored response that does not run in the background: the API cannot stream it
 * again, but it goes on producing the response and keeps it, so the client waits for it to settle (polling
 * `GET /responses/{id}`) and emits the events the stream did not deliver, built from the final response and
 * what was delivered. Accumulating the delivered and the recovered events gives the final response, and the
 * text deltas add up to its whole text.
 */
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';

/**
 * Whether `response` settled: its status (`completed`, `incomplete`, `failed`, `cancelled`) will not change any
 * more. Waiting for a response (a cut stream's, the fallback's background response) stops there. @internal
 *
 * @example
 * pollUntilTerminal<Response>({ first, retrieve, isTerminal: isSettledResponse });
 */
export function isSettledResponse(response: { readonly status?: unknown }): boolean {
  return SETTLED_STATUSES.has(response.status as string);
}

const SETTLED_STATUSES: ReadonlySet<string> = new Set(['completed', 'incomplete', 'failed', 'cancelled']);

/** What was delivered of one content part (its text or refusal: only its length is kept). */
interface DeliveredPart {
  added: boolean;
  done: boolean;
  length: number;
  textDone: boolean;
}

/** What was delivered of one output item. */
interface DeliveredItem {
  added: boolean;
  done: boolean;
  parts: Map<number, DeliveredPart>;
  argumentsLength: number;
  argumentsDone: boolean;
}

/**
 * What a Responses stream delivered, as far as recovery needs it: the response's id, the last
 * `sequence_number`, and for each output item and content part whether its `added` / `done` events came and
 * how much of its text or arguments. @internal
 *
 * @example
 * const state: DeliveredResponse = tracker.state();
 * state.responseId; // 'resp_...'
 */
export interface DeliveredResponse {
  readonly responseId: string | undefined;
  readonly lastSequence: number;
  readonly settled: boolean;
  readonly items: ReadonlyMap<number, DeliveredItem>;
}

/**
 * Follows the events a Responses stream delivers (one tracker per subscription). It keeps counts and flags,
 * never the text, so it costs a few lookups per event.
 *
 * @internal
 * @example
 * const delivered = deliveredResponseEvents();
 * events$.pipe(tap(delivered.observe)); // `observe` and `state` do not use `this`
 * const missed = missingResponseEvents(delivered.state(), finalResponse);
 */
export function deliveredResponseEvents(): { readonly observe: (event: ResponseStreamEvent) => void; readonly state: () => DeliveredResponse } {
  let responseId: string | undefined;
  let lastSequence = -1;
  let settled = false;
  const items = new Map<number, DeliveredItem>();
  const item = (index: number): DeliveredItem => {
    let found = items.get(index);
    if (!found) items.set(index, (found = { added: false, done: false, parts: new Map(), argumentsLength: 0, argumentsDone: false }));
    return found;
  };
  const part = (index: number, content: number): DeliveredPart => {
    const parts = item(index).parts;
    let found = parts.get(content);
    if (!found) parts.set(content, (found = { added: false, done: false, length: 0, textDone: false }));
    return found;
  };
  // The part the last text delta went to: deltas come in runs to the same part.
  let textPart: DeliveredPart | undefined;
  let textAt = -1;
  let textWithin = -1;
  return {
    observe: (event) => {
      const raw = event as unknown as Record<string, unknown> & { type: string };
      const sequence = raw['sequence_number'];
      if (typeof sequence === 'number') lastSequence = sequence;
      const type = raw.type;
      const outputIndex = raw['output_index'];
      const contentIndex = raw['content_index'];
      if (type === 'response.output_text.delta' || type === 'response.refusal.delta') {
        const delta = raw['delta'];
        if (typeof outputIndex !== 'number' || typeof contentIndex !== 'number' || typeof delta !== 'string') return;
        if (textPart === undefined || outputIndex !== textAt || contentIndex !== textWithin) {
          textPart = part(outputIndex, contentIndex);
          textAt = outputIndex;
          textWithin = contentIndex;
        }
        textPart.length += delta.length;
        return;
      }
      const at = typeof outputIndex === 'number' ? outputIndex : undefined;
      const within = at !== undefined && typeof contentIndex === 'number' ? contentIndex : undefined;
      switch (type) {
        case 'response.function_call_arguments.delta':
          if (at !== undefined && typeof raw['delta'] === 'string') item(at).argumentsLength += raw['delta'].length;
          return;
        case 'response.function_call_arguments.done':
          if (at !== undefined) item(at).argumentsDone = true;
          return;
        case 'response.output_item.added':
          if (at !== undefined) item(at).added = true;
          return;
        case 'response.output_item.done':
          if (at !== undefined) item(at).done = true;
          return;
        case 'response.content_part.added':
          if (within !== undefined) part(at!, within).added = true;
          return;
        case 'response.content_part.done':
          if (within !== undefined) part(at!, within).done = true;
          return;
        case 'response.output_text.done':
        case 'response.refusal.done':
          if (within !== undefined) part(at!, within).textDone = true;
          return;
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed':
          settled = true;
          break;
      }
      const response = raw['response'] as { id?: unknown } | undefined;
      if (typeof response?.id === 'string') responseId = response.id;
    },
    state: () => ({ responseId, lastSequence, settled, items }),
  };
}

/**
 * The events a cut stream did not deliver, given what it did deliver and the response as it settled: for each
 * output item not yet done its `added` event (when missing), each content part's `added` event, the rest of its
 * text (or refusal) as one delta and its `done` events, the rest of a function call's arguments as one delta and
 * its `done` event, the item's `done` event; then `response.completed` (or `response.incomplete`) with the
 * response. Sequence numbers continue after the last delivered one. A `failed` or `cancelled` response ends with
 * a `response.failed` event (which the client turns into `ResponseStreamError`, as the stream would have).
 *
 * Pure: the same inputs give the same events.
 *
 * @internal
 * @example
 * from(missingResponseEvents(delivered.state(), settled)); // ..., { type: 'response.completed', response: settled, ... }
 */
export function missingResponseEvents(delivered: DeliveredResponse, response: Response): ResponseStreamEvent[] {
  const events: ResponseStreamEvent[] = [];
  let sequence = delivered.lastSequence;
  const push = (event: Record<string, unknown>) => events.push({ ...event, sequence_number: ++sequence } as unknown as ResponseStreamEvent);
  const output = (Array.isArray(response.output) ? response.output : []) as unknown as Array<Record<string, unknown> & { type: string }>;
  output.forEach((item, output_index) => {
    const seen = delivered.items.get(output_index);
    if (seen?.done) return;
    const item_id = item['id'];
    if (item.type === 'message' && Array.isArray(item['content'])) {
      if (!seen?.added) push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', content: [] } });
      (item['content'] as Array<Record<string, unknown> & { type: string }>).forEach((part, content_index) => {
        const had = seen?.parts.get(content_index);
        if (had?.done) return;
        const at = { item_id, output_index, content_index };
        const field = part.type === 'output_text' ? 'text' : part.type === 'refusal' ? 'refusal' : undefined;
        const full = field !== undefined && typeof part[field] === 'string' ? (part[field] as string) : undefined;
        if (!had?.added) {
          const empty = field === 'text' ? { ...part, text: '', annotations: [] } : field === 'refusal' ? { ...part, refusal: '' } : part;
          push({ type: 'response.content_part.added', ...at, part: empty });
        }
        if (full !== undefined) {
          const kind = field === 'text' ? 'output_text' : 'refusal';
          const rest = full.slice(had?.length ?? 0);
          if (rest !== '') push({ type: `response.${kind}.delta`, ...at, delta: rest, ...(kind === 'output_text' ? { logprobs: [] } : {}) });
          if (!had?.textDone) push({ type: `response.${kind}.done`, ...at, [field!]: full, ...(kind === 'output_text' ? { logprobs: [] } : {}) });
        }
        push({ type: 'response.content_part.done', ...at, part });
      });
    } else if (item.type === 'function_call' && typeof item['arguments'] === 'string') {
      const args = item['arguments'];
      if (!seen?.added) push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      const rest = args.slice(seen?.argumentsLength ?? 0);
      if (rest !== '') push({ type: 'response.function_call_arguments.delta', item_id, output_index, delta: rest });
      if (!seen?.argumentsDone) push({ type: 'response.function_call_arguments.done', item_id, output_index, name: item['name'], arguments: args });
    } else if (!seen?.added) {
      push({ type: 'response.output_item.added', output_index, item });
    }
    push({ type: 'response.output_item.done', output_index, item });
  });
  // A cancelled response is no success: it fails as a failed one does.
  const status = response.status;
  push({ type: status === 'completed' ? 'response.completed' : status === 'incomplete' ? 'response.incomplete' : 'response.failed', response });
  return events;
}

/**
 * Recovery of a cut stream of a stored response that does not run in the background: the API cannot stream it
 * again, but it goes on producing the response and keeps it, so the client waits for it to settle (polling
 * `GET /responses/{id}`) and emits the events the stream did not deliver, built from the final response and
 * what was delivered. Accumulating the delivered and the recovered events gives the final response, and the
 * text deltas add up to its whole text; a response that does not continue the text delivered cannot be completed
 * so (see {@link divergence}).
 */
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { isPathId } from '../transport.js';
import { appendPiece, joined } from './text-pieces.js';

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

const SETTLED_STATUSES: ReadonlySet<string> = /* @__PURE__ */ new Set(['completed', 'incomplete', 'failed', 'cancelled']);

/**
 * What was delivered of one part of an item: a content part (a message's text or refusal, a reasoning item's
 * text) or a reasoning summary part, kept from the first of its events delivered: its text's deltas (in pieces, see
 * `./text-pieces.ts`) and their length, and how many of an output text's annotations came (`annotation.added`: one
 * past the highest index).
 */
interface DeliveredPart {
  done: boolean;
  length: number;
  text: string[];
  textDone: boolean;
  annotations: number;
}

/** What was delivered of one output item. */
interface DeliveredItem {
  added: boolean;
  done: boolean;
  /** By `content_index`; a reasoning summary part by `-1 - summary_index` (see {@link partKey}). */
  parts: Map<number, DeliveredPart>;
  /**
   * What the item streams (see {@link ITEM_INPUT}) as delivered (in pieces) and its length, and whether its `done`
   * event came.
   */
  input: string[];
  inputLength: number;
  inputDone: boolean;
  /** Whether a hosted tool's final status event came (`response.web_search_call.completed`, ...; see `HOSTED_STATUS`). */
  statusDone: boolean;
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
 * Follows the events a Responses stream delivers (one tracker per subscription). It keeps counts and flags, and the
 * text of each part's deltas and of what each call streams until the part or item is done (so that recovery can tell
 * whether the response as it settled continues it, see {@link divergence}): a few lookups and a push per event.
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
    if (!found) items.set(index, (found = { added: false, done: false, parts: new Map(), input: [], inputLength: 0, inputDone: false, statusDone: false }));
    return found;
  };
  const part = (index: number, content: number): DeliveredPart => {
    const parts = item(index).parts;
    let found = parts.get(content);
    if (!found) parts.set(content, (found = { done: false, length: 0, text: [], textDone: false, annotations: 0 }));
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
      const contentIndex = partKey(raw);
      if (
        type === 'response.output_text.delta' ||
        type === 'response.reasoning_summary_text.delta' ||
        type === 'response.refusal.delta' ||
        type === 'response.reasoning_text.delta'
      ) {
        const delta = raw['delta'];
        if (typeof outputIndex !== 'number' || typeof contentIndex !== 'number' || typeof delta !== 'string') return;
        if (textPart === undefined || outputIndex !== textAt || contentIndex !== textWithin) {
          textPart = part(outputIndex, contentIndex);
          textAt = outputIndex;
          textWithin = contentIndex;
        }
        textPart.length += delta.length;
        appendPiece(textPart.text, delta);
        return;
      }
      const at = typeof outputIndex === 'number' ? outputIndex : undefined;
      const within = at !== undefined && typeof contentIndex === 'number' ? contentIndex : undefined;
      switch (type) {
        // What an item streams (ITEM_INPUT): a function's or an MCP call's arguments, a custom tool's input, code.
        case 'response.function_call_arguments.delta':
        case 'response.custom_tool_call_input.delta':
        case 'response.mcp_call_arguments.delta':
        case 'response.code_interpreter_call_code.delta':
          if (at !== undefined && typeof raw['delta'] === 'string') {
            const streamed = item(at);
            streamed.inputLength += raw['delta'].length;
            appendPiece(streamed.input, raw['delta']);
          }
          return;
        case 'response.function_call_arguments.done':
        case 'response.custom_tool_call_input.done':
        case 'response.mcp_call_arguments.done':
        case 'response.code_interpreter_call_code.done':
          if (at !== undefined) item(at).inputDone = true;
          return;
        case 'response.output_item.added':
          if (at !== undefined) item(at).added = true;
          return;
        case 'response.output_item.done':
          if (at !== undefined) {
            // Nothing of a done item is sent again or compared: its text is let go (a long answer is not kept twice).
            const done = item(at);
            done.done = true;
            done.input.length = 0;
            for (const kept of done.parts.values()) kept.text.length = 0;
          }
          return;
        case 'response.content_part.added':
        case 'response.reasoning_summary_part.added':
          // The part is known from here on (as it is from any first event of it).
          if (within !== undefined) part(at!, within);
          return;
        case 'response.content_part.done':
        case 'response.reasoning_summary_part.done':
          if (within !== undefined) {
            const done = part(at!, within);
            done.done = true;
            done.text.length = 0;
          }
          return;
        case 'response.output_text.annotation.added': {
          if (within === undefined) return;
          const delivered = part(at!, within);
          const index = raw['annotation_index'];
          delivered.annotations = typeof index === 'number' ? Math.max(delivered.annotations, index + 1) : delivered.annotations + 1;
          return;
        }
        case 'response.output_text.done':
        case 'response.reasoning_summary_text.done':
        case 'response.refusal.done':
        case 'response.reasoning_text.done':
          if (within !== undefined) part(at!, within).textDone = true;
          return;
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed':
          settled = true;
          break;
        default:
          // A hosted tool's final status event (see HOSTED_STATUS_EVENTS).
          if (at !== undefined && HOSTED_STATUS_EVENTS.has(type)) item(at).statusDone = true;
      }
      const response = raw['response'] as { id?: unknown } | undefined;
      if (isPathId(response?.id)) responseId = response.id;
    },
    state: () => ({ responseId, lastSequence, settled, items }),
  };
}

/**
 * Where an event's part is kept in its item's `parts`: a content part at its `content_index`, a reasoning summary
 * part at `-1 - summary_index` (one map for both lists, whose events are alike).
 */
function partKey(event: Record<string, unknown>): unknown {
  const summary = event['summary_index'];
  return typeof summary === 'number' ? -1 - summary : event['content_index'];
}

/** How a part's text streams, by the part's type: the field that holds it, and the name its events take. */
const PART_TEXT: Readonly<Record<string, readonly [field: string, events: string]>> = {
  output_text: ['text', 'output_text'],
  refusal: ['refusal', 'refusal'],
  reasoning_text: ['text', 'reasoning_text'],
  summary_text: ['text', 'reasoning_summary_text'],
};

/**
 * How an output item's input streams, by the item's type: the field that holds it, the name its events take
 * (`<name>.delta`, `<name>.done`), and the fields of its result, which the API's `added` item has as `null`.
 */
const ITEM_INPUT: Readonly<Record<string, readonly [field: string, events: string, results?: readonly string[]]>> = {
  function_call: ['arguments', 'response.function_call_arguments'],
  custom_tool_call: ['input', 'response.custom_tool_call_input'],
  mcp_call: ['arguments', 'response.mcp_call_arguments', ['output', 'error']],
  code_interpreter_call: ['code', 'response.code_interpreter_call_code', ['outputs']],
};

/**
 * The items of hosted tools whose progress has events of its own (`response.<type>.in_progress`, `.searching`,
 * ...), and the statuses whose event ends it (`response.<type>.completed`, an MCP call's `.failed`): a UI waiting
 * for that event gets it after a cut too.
 */
const HOSTED_STATUS: Readonly<Record<string, ReadonlySet<string>>> = {
  web_search_call: new Set(['completed']),
  file_search_call: new Set(['completed']),
  code_interpreter_call: new Set(['completed']),
  image_generation_call: new Set(['completed']),
  mcp_call: new Set(['completed', 'failed']),
  mcp_list_tools: new Set(['completed', 'failed']),
};

/** The event names of those final statuses (`response.web_search_call.completed`, ...), which the tracker notes. */
const HOSTED_STATUS_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  Object.entries(HOSTED_STATUS).flatMap(([item, statuses]) => [...statuses].map((status) => `response.${item}.${status}`)),
);

/**
 * The parts delivered of an item, each list in the order of its index: its summary parts, its content parts. The
 * response's parts are matched with them in that order, the first part delivered with the first part, as the
 * snapshot reducer places them: the API numbers an item's parts from 0, vLLM's gpt-oss streams number them on from
 * the items before it (vllm-project/vllm#45742: a message's one part at `content_index` 1 after a reasoning item).
 */
function partsInOrder(seen: DeliveredItem | undefined): [summary: DeliveredPart[], content: DeliveredPart[]] {
  if (seen === undefined || seen.parts.size === 0) return [[], []];
  const keys = [...seen.parts.keys()].sort((a, b) => a - b);
  // Summary parts are kept at `-1 - summary_index`: in reverse below 0.
  const summary = keys.filter((key) => key < 0).reverse();
  const content = keys.filter((key) => key >= 0);
  return [summary.map((key) => seen.parts.get(key)!), content.map((key) => seen.parts.get(key)!)];
}

/**
 * The log probabilities of the tokens after the first `length` characters of a text: `[]` when the tokens do not
 * end there (deltas that split a token), as nothing then says which of them the rest holds.
 */
function tokensAfter(logprobs: readonly unknown[], length: number): unknown[] {
  let at = 0;
  for (let i = 0; i < logprobs.length; i++) {
    if (at === length) return logprobs.slice(i);
    const token = (logprobs[i] as { token?: unknown } | null)?.token;
    if (typeof token !== 'string') return [];
    at += token.length;
  }
  return [];
}

/**
 * Where the response as it settled does not continue what a cut stream delivered, or `undefined` when it does: the
 * path of the first text (a part's text, refusal or summary, what a call streams) of an item not yet done whose
 * deltas delivered are not the start of the response's (`output[1].content[0].text`), or of an item or part whose
 * deltas were delivered and that the response lacks (`output[2]`). Recovery sends each text's rest as what follows
 * its first characters delivered: the deltas would no longer add up to the response's text (a server that stored
 * another text than it streamed, or placed a part elsewhere), so the cut is reported instead
 * (`ResponseDivergedError`), with the two texts. Pure.
 *
 * @internal
 * @example
 * const found = divergence(delivered.state(), settled); // undefined: missingResponseEvents() completes the stream
 */
export function divergence(delivered: DeliveredResponse, response: Response): Divergence | undefined {
  const output = (Array.isArray(response.output) ? response.output : []) as unknown as ReadonlyArray<Record<string, unknown> | null>;
  for (const [index, seen] of delivered.items) {
    if (seen.done) continue;
    const item = output[index];
    const at = `output[${index}]`;
    const [summaryParts, contentParts] = partsInOrder(seen);
    if (item === undefined || item === null || typeof item !== 'object') {
      const streamed = [...summaryParts, ...contentParts].find((part) => part.length > 0);
      if (seen.inputLength > 0 || streamed) return { path: at, delivered: joined(streamed?.text ?? seen.input), stored: undefined };
      continue;
    }
    for (const [list, parts] of [['summary', summaryParts], ['content', contentParts]] as const) {
      const given = Array.isArray(item[list]) ? (item[list] as unknown[]) : [];
      for (let position = 0; position < parts.length; position++) {
        const part = parts[position]!;
        if (part.done || part.length === 0) continue;
        const full = given[position] as Record<string, unknown> | null | undefined;
        const field = PART_TEXT[full?.type as string]?.[0];
        const text = field === undefined ? undefined : full![field];
        const sent = joined(part.text);
        if (typeof text !== 'string') return { path: `${at}.${list}[${position}]`, delivered: sent, stored: undefined };
        if (!text.startsWith(sent)) return { path: `${at}.${list}[${position}].${field}`, delivered: sent, stored: text };
      }
    }
    if (seen.inputLength > 0) {
      const field = ITEM_INPUT[item['type'] as string]?.[0];
      const full = field === undefined ? undefined : item[field];
      const sent = joined(seen.input);
      if (typeof full !== 'string') return { path: at, delivered: sent, stored: undefined };
      if (!full.startsWith(sent)) return { path: `${at}.${field}`, delivered: sent, stored: full };
    }
  }
  return undefined;
}

/**
 * Where the response as it settled does not continue what a cut stream delivered ({@link divergence}): the path of
 * the text, the text delivered there, and the response's (none when the response has no text there). @internal
 *
 * @example
 * const found: Divergence = { path: 'output[0].content[0].text', delivered: ' The sea', stored: 'The sea is wide.' };
 */
export interface Divergence {
  readonly path: string;
  readonly delivered: string;
  readonly stored: string | undefined;
}

/**
 * The events a cut stream did not deliver, given what it did deliver and the response as it settled: for each
 * output item not yet done its `added` event (when missing); for each part of a message or a reasoning item (its
 * summary parts, then its content parts) the part's `added` event, the rest of its text (a message's text or
 * refusal, a reasoning summary or text) as one delta (an output text's with the log probabilities of its tokens),
 * the output text's annotations not delivered (`annotation.added` each) and its `done` events; a hosted tool's final
 * status event (`response.web_search_call.completed`, ...) when it did not come; the rest of what a call streams (a
 * function's or an MCP call's arguments, a custom tool's input, a code interpreter's code) as one delta and its
 * `done` event; the item's `done` event; then `response.completed` (or
 * `response.incomplete`) with the response. An item's parts delivered are matched with the response's in order (see
 * {@link partsInOrder}). Sequence numbers continue after the last delivered one. A `failed` or
 * `cancelled` response ends with a `response.failed` event (which the fallback turns into `ResponseStreamError`, as
 * the stream would have; the settle recovery reports a `cancelled` response's cut instead).
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
    const input = ITEM_INPUT[item.type];
    const [summaryParts, contentParts] = partsInOrder(seen);
    // The parts of a message (`content`), or of a reasoning item (`summary`, then `content`): each one's missing
    // `added` event, the rest of its text as one delta, its text's `done` and its own `done` event.
    const parts = (list: unknown, summary: boolean) =>
      Array.isArray(list) &&
      (list as Array<Record<string, unknown> & { type: string }>).forEach((part, index) => {
        const had = (summary ? summaryParts : contentParts)[index];
        if (had?.done) return;
        const at = { item_id, output_index, [summary ? 'summary_index' : 'content_index']: index };
        const [field, kind] = PART_TEXT[part.type] ?? [];
        const full = field !== undefined && typeof part[field] === 'string' ? (part[field] as string) : undefined;
        // An output text's delta carries the log probabilities of its tokens (those after what was delivered, when
        // the part has them: the response was read with the stream's `include`), its `done` all of them; its part
        // starts without annotations.
        const logprobs = kind === 'output_text' && Array.isArray(part['logprobs']) ? (part['logprobs'] as unknown[]) : undefined;
        const text = kind === 'output_text' ? { logprobs: logprobs ?? [] } : {};
        const partEvent = summary ? 'response.reasoning_summary_part' : 'response.content_part';
        // Any event of the part delivered started it (a reasoning part whose `added` event a server never sends is
        // started by its first delta): then no `added` event.
        if (had === undefined) {
          const empty = full === undefined ? part : { ...part, [field!]: '', ...(kind === 'output_text' ? { annotations: [] } : {}) };
          push({ type: `${partEvent}.added`, ...at, part: empty });
        }
        if (full !== undefined) {
          const rest = full.slice(had?.length ?? 0);
          if (rest !== '') {
            const restLogprobs = kind === 'output_text' ? { logprobs: tokensAfter(logprobs ?? [], had?.length ?? 0) } : {};
            push({ type: `response.${kind}.delta`, ...at, delta: rest, ...restLogprobs });
          }
          // The citations not delivered, as the API sends them: each its own event, before the text is done.
          const annotations = kind === 'output_text' && Array.isArray(part['annotations']) ? (part['annotations'] as unknown[]) : [];
          for (let index = had?.annotations ?? 0; index < annotations.length; index++) {
            push({ type: 'response.output_text.annotation.added', ...at, annotation_index: index, annotation: annotations[index] });
          }
          if (!had?.textDone) push({ type: `response.${kind}.done`, ...at, [field!]: full, ...text });
        }
        push({ type: `${partEvent}.done`, ...at, part });
      });
    if (item.type === 'message' || item.type === 'reasoning') {
      if (!seen?.added) {
        const start = item.type === 'message' ? { status: 'in_progress', content: [] } : { summary: [], ...('content' in item ? { content: [] } : {}) };
        push({ type: 'response.output_item.added', output_index, item: { ...item, ...start } });
      }
      parts(item['summary'], true);
      parts(item['content'], false);
    } else if (input !== undefined && typeof item[input[0]] === 'string') {
      const [field, name, results = []] = input;
      const full = item[field] as string;
      if (!seen?.added) {
        // The item as it starts: in progress, nothing streamed yet, no result.
        const start: Record<string, unknown> = { ...item, [field]: '' };
        if ('status' in item) start['status'] = 'in_progress';
        for (const result of results) if (result in item) start[result] = null;
        push({ type: 'response.output_item.added', output_index, item: start });
      }
      const rest = full.slice(seen?.inputLength ?? 0);
      if (rest !== '') push({ type: `${name}.delta`, item_id, output_index, delta: rest });
      // A function call's `done` names the function too.
      if (!seen?.inputDone) push({ type: `${name}.done`, item_id, output_index, ...(item.type === 'function_call' ? { name: item['name'] } : {}), [field]: full });
    } else if (!seen?.added) {
      push({ type: 'response.output_item.added', output_index, item });
    }
    // A hosted tool's final status event (its intermediate ones, `searching` and the like, are past).
    const status = item['status'];
    if (!seen?.statusDone && typeof status === 'string' && HOSTED_STATUS[item.type]?.has(status)) {
      push({ type: `response.${item.type}.${status}`, item_id, output_index });
    }
    push({ type: 'response.output_item.done', output_index, item });
  });
  // A cancelled response is no success: it fails as a failed one does.
  const status = response.status;
  push({ type: status === 'completed' ? 'response.completed' : status === 'incomplete' ? 'response.incomplete' : 'response.failed', response });
  return events;
}

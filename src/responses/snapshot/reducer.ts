import { MissingStreamStartError, SnapshotError } from '../../errors/stream-errors.js';
import { detached } from '../../schema/json-values.js';
import type { Response, ResponseOutputItem, ResponseOutputMessage, ResponseOutputText, ResponseReasoningItem, ResponseStreamEvent } from '../../wire/responses-api.js';
import type { ResponseSnapshot } from './state.js';
import { beganAfterStart, startOf } from './stream-start.js';

/**
 * The largest `annotation_index` accepted: it addresses an array position (a larger one is refused with a
 * {@link SnapshotError}).
 *
 * @example
 * annotationIndex <= MAX_ANNOTATION_INDEX; // true for every real stream
 */
export const MAX_ANNOTATION_INDEX = 4096;

type OutputItem = ResponseOutputItem;
type OutputOf<T extends OutputItem['type']> = Extract<OutputItem, { type: T }>;
type MessagePart = ResponseOutputMessage['content'][number];
type ReasoningPart = NonNullable<ResponseReasoningItem['content']>[number];

/** Status events: the output item type they apply to and the status they set. */
const STATUS_EVENTS: ReadonlyMap<string, readonly [OutputItem['type'], string]> = /* @__PURE__ */ new Map([
  ['response.code_interpreter_call.in_progress', ['code_interpreter_call', 'in_progress']],
  ['response.code_interpreter_call.interpreting', ['code_interpreter_call', 'interpreting']],
  ['response.code_interpreter_call.completed', ['code_interpreter_call', 'completed']],
  ['response.file_search_call.in_progress', ['file_search_call', 'in_progress']],
  ['response.file_search_call.searching', ['file_search_call', 'searching']],
  ['response.file_search_call.completed', ['file_search_call', 'completed']],
  ['response.web_search_call.in_progress', ['web_search_call', 'in_progress']],
  ['response.web_search_call.searching', ['web_search_call', 'searching']],
  ['response.web_search_call.completed', ['web_search_call', 'completed']],
  ['response.image_generation_call.in_progress', ['image_generation_call', 'in_progress']],
  ['response.image_generation_call.generating', ['image_generation_call', 'generating']],
  ['response.image_generation_call.completed', ['image_generation_call', 'completed']],
  ['response.mcp_call.in_progress', ['mcp_call', 'in_progress']],
  ['response.mcp_call.completed', ['mcp_call', 'completed']],
  ['response.mcp_call.failed', ['mcp_call', 'failed']],
]);

/**
 * The pure reducer behind `accumulateResponse()`: `(snapshot, event) => snapshot`, `undefined` until the first
 * lifecycle event. Never mutates `snapshot` or `event`; the new snapshot shares every output item the event did
 * not touch, and keeps copies of what it takes from the event (responses, items, parts, annotations, logprobs),
 * so that a consumer changing an event of a shared stream changes no snapshot. A text delta copies the path to
 * its part only (the response, the output array, the message, its content array, the part).
 *
 * The rules are the official SDK's (`accumulateResponse` of its `ResponseStream`), so the last snapshot equals the
 * response its `finalResponse()` gives:
 * - lifecycle events (`response.created`, `.queued`, `.in_progress`, `.completed`, `.incomplete`, `.failed`)
 *   replace the snapshot with the response they carry (plus `output_text`);
 * - one snapshot per response: a lifecycle event whose response has another non-empty `id` than the snapshot's
 *   starts a new snapshot, without the output built so far (the events of several responses in one stream, such
 *   as the `event`s of `runResponsesTools()`'s turns, give one snapshot per response, and the last one is the
 *   final response; the SDK's stream, which reads one response, fails there);
 * - `response.output_item.added` appends the item, `.done` replaces it; `response.content_part.added` appends the
 *   part to its message (or reasoning item), `.done` replaces it;
 * - `*.delta` events append to the text, refusal, function call arguments, custom tool input, MCP arguments,
 *   code interpreter code, reasoning text or reasoning summary text they address; `*.done` events set the whole
 *   value; `response.output_text.annotation.added` sets the annotation at its index;
 * - status events (`response.file_search_call.searching`, ...) set the status of their item;
 * - `output_text` follows every change of an `output_text` part of a message;
 * - other events (audio, MCP tool listing, shell call progress, a compaction's `response.compaction.compacting`,
 *   unknown types) change nothing.
 *
 * A reasoning summary part or reasoning text part just past the last one is started by the first event that
 * addresses it (a server that sends no `added` event for it: Ollama, vLLM). An event of a message's or reasoning
 * item's content part whose index is past its parts is read as vLLM numbers them, on from the parts of the items
 * before (see `partPosition()`). The events of a message no event added go to the last
 * message while it is open, or start one (see {@link isUnadded}: LiteLLM's bridge).
 *
 * Throws {@link SnapshotError} for an event addressing an output item or content part that does not exist, or a
 * content part of another kind than the event expects, or an output event before any lifecycle event (the SDK
 * throws in the same cases); its subclass {@link MissingStreamStartError} when that output event's
 * `sequence_number` is above 0: a stream that began after its start (resumed with `starting_after`), whose
 * snapshots cannot be whole (`finalResponse()` takes the response of its terminal event instead). Unlike the SDK,
 * any lifecycle event (not only `response.created`) may come first.
 *
 * @example
 * import { scan } from 'rxjs';
 * events$.pipe(scan(responseReducer, undefined as ResponseSnapshot | undefined));
 */
export function responseReducer(
  snapshot: ResponseSnapshot | undefined,
  event: ResponseStreamEvent,
): ResponseSnapshot | undefined {
  switch (event.type) {
    case 'response.created':
    case 'response.queued':
    case 'response.in_progress':
      return snapshot === undefined || isOtherResponse(snapshot, event.response)
        ? withOutputText(detached(event.response), [])
        : interim(snapshot, detached(event.response));
    case 'response.completed':
    case 'response.incomplete':
    case 'response.failed':
      return withOutputText(
        detached(event.response),
        snapshot === undefined || isOtherResponse(snapshot, event.response) ? [] : snapshot.output,
      );
    default:
      break;
  }
  if (snapshot === undefined) {
    if (!('output_index' in event)) return undefined;
    if (beganAfterStart(event)) throw new MissingStreamStartError('snapshot', startOf(event));
    throw new SnapshotError('An output event arrived before the response was created', { eventName: event.type });
  }

  if (MESSAGE_EVENTS.has(event.type)) {
    const placed = unaddedMessage(snapshot, event);
    if (placed !== undefined) return placed;
  }

  switch (event.type) {
    case 'response.output_item.added': {
      const item = detached(event.item);
      const output = [...snapshot.output, item];
      return item.type === 'message' ? recomputeText({ ...snapshot, output }) : { ...snapshot, output };
    }
    case 'response.output_item.done': {
      const item = detached(event.item);
      const addressed = { type: event.type, output_index: event.output_index, item_id: item.id };
      const next = updateOutput(snapshot, addressed, () => item);
      return item.type === 'message' ? recomputeText(next) : next;
    }
    case 'response.content_part.added': {
      const part = detached(event.part);
      const next = updateOutput(snapshot, event, (item) => {
        if (item.type === 'message' && part.type !== 'reasoning_text') {
          return { ...item, content: [...item.content, part] };
        }
        if (item.type === 'reasoning' && part.type === 'reasoning_text') {
          return { ...item, content: [...(item.content ?? []), part] };
        }
        return item;
      });
      return part.type === 'output_text' && next !== snapshot ? recomputeText(next) : next;
    }
    case 'response.content_part.done': {
      const part = detached(event.part);
      const next = updateOutput(snapshot, event, (item, position) => {
        if (item.type === 'message' && part.type !== 'reasoning_text') {
          const at = partPosition(item.content, event.content_index, snapshot.output, position);
          return { ...item, content: replaceAt(item.content, at, event, () => part) };
        }
        // A reasoning text part's `done` without its text (as LiteLLM writes a message's part) takes no text away.
        if (item.type === 'reasoning' && part.type === 'reasoning_text' && typeof part.text === 'string') {
          return { ...item, content: replaceReasoningPart(item.content ?? [], event.content_index, event, () => part, snapshot.output, position) };
        }
        return item;
      });
      return part.type === 'output_text' && next !== snapshot ? recomputeText(next) : next;
    }
    case 'response.output_text.delta':
      return appendOutputText(snapshot, event, event.delta, event.logprobs);
    case 'response.output_text.done': {
      const next = updateMessagePart(snapshot, event, 'output_text', (part) =>
        withDoneLogprobs({ ...part, text: event.text }, event.logprobs),
      );
      return next === snapshot ? next : recomputeText(next);
    }
    case 'response.output_text.annotation.added':
      return updateMessagePart(snapshot, event, 'output_text', (part) => {
        const at = event.annotation_index;
        if (!Number.isInteger(at) || at < 0 || at > MAX_ANNOTATION_INDEX) {
          throw new SnapshotError(`Refused the annotation index ${at}`, {
            eventName: event.type,
            path: 'annotation_index',
          });
        }
        // A part without its list (`null`, or left out by a compatible server) gets one.
        const annotations = Array.isArray(part.annotations) ? part.annotations.slice() : [];
        annotations[at] = detached(event.annotation) as (typeof annotations)[number];
        return { ...part, annotations };
      });
    case 'response.refusal.delta':
      return updateMessagePart(snapshot, event, 'refusal', (part) => ({
        ...part,
        refusal: part.refusal + event.delta,
      }));
    case 'response.refusal.done':
      return updateMessagePart(snapshot, event, 'refusal', (part) => ({ ...part, refusal: event.refusal }));
    case 'response.function_call_arguments.delta':
      return updateItem(snapshot, event, 'function_call', (item) => ({
        ...item,
        arguments: (item.arguments ?? '') + event.delta,
      }));
    case 'response.function_call_arguments.done':
      return updateItem(snapshot, event, 'function_call', (item) => ({ ...item, arguments: event.arguments }));
    case 'response.custom_tool_call_input.delta':
      return updateItem(snapshot, event, 'custom_tool_call', (item) => ({
        ...item,
        input: (item.input ?? '') + event.delta,
      }));
    case 'response.custom_tool_call_input.done':
      return updateItem(snapshot, event, 'custom_tool_call', (item) => ({ ...item, input: event.input }));
    case 'response.mcp_call_arguments.delta':
      return updateItem(snapshot, event, 'mcp_call', (item) => ({
        ...item,
        arguments: (item.arguments ?? '') + event.delta,
      }));
    case 'response.mcp_call_arguments.done':
      return updateItem(snapshot, event, 'mcp_call', (item) => ({ ...item, arguments: event.arguments }));
    case 'response.code_interpreter_call_code.delta':
      return updateItem(snapshot, event, 'code_interpreter_call', (item) => ({
        ...item,
        code: (item.code ?? '') + event.delta,
      }));
    case 'response.code_interpreter_call_code.done':
      return updateItem(snapshot, event, 'code_interpreter_call', (item) => ({ ...item, code: event.code }));
    case 'response.reasoning_text.delta':
      return updateReasoningPart(snapshot, event, (part) => ({ ...part, text: (part.text ?? '') + event.delta }));
    case 'response.reasoning_text.done':
      return updateReasoningPart(snapshot, event, (part) => ({ ...part, text: event.text }));
    case 'response.reasoning_summary_part.added':
      return updateItem(snapshot, event, 'reasoning', (item) => ({
        ...item,
        summary: [...(item.summary ?? []), detached(event.part)],
      }));
    // A summary part whose `added` event never came (Ollama sends none) starts with its first event.
    case 'response.reasoning_summary_part.done':
      return updateItem(snapshot, event, 'reasoning', (item) => ({
        ...item,
        summary: replaceAt(item.summary ?? [], event.summary_index, event, () => detached(event.part), BLANK_SUMMARY),
      }));
    case 'response.reasoning_summary_text.delta':
      return updateItem(snapshot, event, 'reasoning', (item) => ({
        ...item,
        summary: replaceAt(
          item.summary ?? [],
          event.summary_index,
          event,
          (part) => ({ ...part, text: part.text + event.delta }),
          BLANK_SUMMARY,
        ),
      }));
    case 'response.reasoning_summary_text.done':
      return updateItem(snapshot, event, 'reasoning', (item) => ({
        ...item,
        summary: replaceAt(item.summary ?? [], event.summary_index, event, (part) => ({ ...part, text: event.text }), BLANK_SUMMARY),
      }));
    default: {
      const status = STATUS_EVENTS.get(event.type);
      if (status === undefined) return snapshot;
      const [itemType, value] = status;
      return updateOutput(snapshot, event as Addressed, (item) =>
        item.type === itemType ? ({ ...item, status: value } as OutputItem) : item,
      );
    }
  }
}

/**
 * Whether `response` is another response than the snapshot's: both have a non-empty `id`, and they differ.
 *
 * @internal
 * @example
 * if (isOtherResponse(snapshot, event.response)) startAnew();
 */
export function isOtherResponse(snapshot: ResponseSnapshot, response: Response): boolean {
  const id = (response as { id?: unknown } | null)?.id;
  const current = snapshot.id;
  return typeof id === 'string' && id !== '' && typeof current === 'string' && current !== '' && id !== current;
}

/**
 * The response with `output_text` (kept when it already is a string, as the SDK does). A response without
 * `output` (or with `output: null`) takes `fallback`, the items the stream built so far, as the SDK does.
 */
function withOutputText(response: Response, fallback: readonly OutputItem[]): ResponseSnapshot {
  if (!Array.isArray(response.output)) {
    const output = fallback.slice();
    return { ...response, output, output_text: joinOutputText(output) };
  }
  if (typeof response.output_text === 'string') return response as ResponseSnapshot;
  return { ...response, output_text: joinOutputText(response.output) };
}

/** The identity of an output item, as the SDK compares them: its type, id and call id. */
function identity(item: OutputItem): string {
  const { id, call_id } = item as { id?: unknown; call_id?: unknown };
  const routed =
    item.type === 'function_call' ||
    item.type === 'custom_tool_call' ||
    item.type === 'shell_call' ||
    item.type === 'shell_call_output';
  return JSON.stringify([item.type, routed ? null : (id ?? null), call_id ?? null]);
}

/**
 * A `response.created` / `.queued` / `.in_progress` after the snapshot exists: the response's fields replace the
 * snapshot's, but the output built so far stays (the SDK's rule): an empty `output` keeps it as it is; items the
 * event carries replace the items of the same identity; when one of them is new, the event's items come first,
 * followed by the items it does not carry.
 */
function interim(snapshot: ResponseSnapshot, response: Response): ResponseSnapshot {
  const incoming = response.output;
  let output: OutputItem[];
  if (!Array.isArray(incoming)) output = snapshot.output.slice();
  else if (incoming.length === 0) output = snapshot.output;
  else {
    const positions = new Map(snapshot.output.map((item, position) => [identity(item), position]));
    const known = incoming.every((item) => positions.has(identity(item)));
    if (known) {
      output = snapshot.output.slice();
      for (const item of incoming) output[positions.get(identity(item))!] = item;
    } else {
      const carried = new Set(incoming.map(identity));
      output = [...incoming, ...snapshot.output.filter((item) => !carried.has(identity(item)))];
    }
  }
  const supplied = (response as { output_text?: unknown }).output_text;
  return {
    ...response,
    output,
    output_text: typeof supplied === 'string' ? supplied : joinOutputText(output),
  } as ResponseSnapshot;
}

/**
 * Whether `value` is a list of output logprobs the SDK accepts (token, logprob, bytes; the same in top_logprobs).
 *
 * @internal
 * @example
 * isOutputLogprobs([{ token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [] }]); // true
 */
export function isOutputLogprobs(value: unknown): value is NonNullable<ResponseOutputText['logprobs']> {
  return (
    Array.isArray(value) &&
    value.every((entry) => isLogprob(entry) && Array.isArray(entry['top_logprobs']) && entry['top_logprobs'].every(isLogprob))
  );
}

function isLogprob(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { token, logprob, bytes } = value as Record<string, unknown>;
  return (
    typeof token === 'string' &&
    typeof logprob === 'number' &&
    Array.isArray(bytes) &&
    bytes.every((byte) => typeof byte === 'number')
  );
}

/** A text delta's logprobs are appended to the part's (the SDK's rule: only a well-formed, non-empty list). */
function withDeltaLogprobs(part: ResponseOutputText, logprobs: unknown): ResponseOutputText {
  if (!isOutputLogprobs(logprobs) || logprobs.length === 0) return part;
  return { ...part, logprobs: [...(Array.isArray(part.logprobs) ? part.logprobs : []), ...detached(logprobs)] };
}

/** A text done's logprobs replace the part's when either is non-empty (the SDK's rule). */
function withDoneLogprobs(part: ResponseOutputText, logprobs: unknown): ResponseOutputText {
  if (!isOutputLogprobs(logprobs)) return part;
  if (logprobs.length > 0 || (Array.isArray(part.logprobs) && part.logprobs.length > 0)) return { ...part, logprobs: detached(logprobs) };
  return part;
}

/** A `response.output_text.delta` or the like: what addresses one content part of one output item. */
type PartAddressed = Addressed & { readonly content_index: number };

/**
 * Where the `output_text` part a text event addresses is: the position of its item in `snapshot.output`, or -1
 * when that item is not a message (the event changes nothing, as in the SDK). Throws {@link SnapshotError} when
 * the item or the part does not exist, or the part is not an `output_text` part.
 *
 * @internal
 * @example
 * const position = outputTextPosition(snapshot, event);
 * if (position >= 0) (snapshot.output[position] as ResponseOutputMessage).content[event.content_index];
 */
export function outputTextPosition(snapshot: ResponseSnapshot, event: PartAddressed): number {
  const position = outputPosition(snapshot, event);
  const item = snapshot.output[position];
  if (item === undefined) throw noOutputItem(event);
  if (item.type !== 'message') return -1;
  const part = item.content[partPosition(item.content, event.content_index, snapshot.output, position)];
  if (part === undefined) throw new SnapshotError(`No content part at index ${event.content_index}`, { eventName: event.type });
  if (part.type !== 'output_text') throw wrongPart(event, 'output_text', part.type);
  return position;
}

/**
 * The snapshot after text `delta` (with `logprobs`) was appended to the `output_text` part `event` addresses:
 * a copy of the path to that part only (the response, the output array, the message, its content array, the
 * part), every other item and part shared; `output_text` grows by `delta` when the part is the last of the
 * output (the common case), and is joined again otherwise. The one text delta step of the reducer, also used by
 * `finalResponse()` to apply several deltas of one part at once.
 *
 * @internal
 * @example
 * const next = appendOutputText(snapshot, event, event.delta, event.logprobs);
 */
export function appendOutputText(
  snapshot: ResponseSnapshot,
  event: PartAddressed,
  delta: string,
  logprobs: unknown,
): ResponseSnapshot {
  const position = outputTextPosition(snapshot, event);
  if (position < 0) return snapshot;
  const output = snapshot.output;
  const item = output[position] as ResponseOutputMessage;
  const at = partPosition(item.content, event.content_index, output, position);
  const part = item.content[at] as ResponseOutputText;
  const content = item.content.slice();
  content[at] = withDeltaLogprobs({ ...part, text: part.text + delta }, logprobs);
  const nextOutput = output.slice();
  nextOutput[position] = { ...item, content };
  const atEnd = position === output.length - 1 && at === content.length - 1;
  const next = withOutput(snapshot, nextOutput);
  next.output_text = atEnd ? snapshot.output_text + delta : joinOutputText(nextOutput);
  return next;
}

/**
 * `{ ...snapshot, output }`, written as a copy and then a store: V8 copies a spread alone faster than a spread with
 * properties after it (a 31-field response: about 0.45 against 0.7 µs). This runs per delta, on the response's
 * thirty-odd fields (`node bench/profile.mjs responses-library 20000 40`: 3 to 6 % less time in 4 alternating runs).
 */
function withOutput(snapshot: ResponseSnapshot, output: OutputItem[]): { -readonly [K in keyof ResponseSnapshot]: ResponseSnapshot[K] } {
  const next: { -readonly [K in keyof ResponseSnapshot]: ResponseSnapshot[K] } = { ...snapshot };
  next.output = output;
  return next;
}

function noOutputItem(event: Addressed): SnapshotError {
  return new SnapshotError(`No output item at index ${event.output_index}`, { eventName: event.type, path: 'output_index' });
}

function wrongPart(event: Addressed, kind: string, found: string): SnapshotError {
  return new SnapshotError(`Expected a content part of type "${kind}", found "${found}"`, {
    eventName: event.type,
    path: 'content_index',
  });
}

function recomputeText(snapshot: ResponseSnapshot): ResponseSnapshot {
  return { ...snapshot, output_text: joinOutputText(snapshot.output) };
}

/**
 * The text of every `output_text` part of every message, joined (the SDK's `output_text`).
 *
 * @internal
 * @example
 * joinOutputText(response.output); // 'Hi there!'
 */
export function joinOutputText(output: readonly OutputItem[]): string {
  let text = '';
  for (const item of output) {
    if (item?.type !== 'message') continue;
    for (const part of item.content) if (part?.type === 'output_text') text += part.text;
  }
  return text;
}

interface Addressed {
  readonly type: string;
  readonly output_index: number;
  readonly item_id?: string | undefined;
}

/**
 * Where in `snapshot.output` the item an event addresses is. Items are appended in the order they are added,
 * whatever their `output_index` (the SDK's rule), so after a gap in the indexes (0, 2, ...) the wire index is not
 * the position: the item is then found by its id (`item_id`, the added item's `id`), as the SDK's index map
 * would find it. Without an id, the wire index is the position.
 *
 * @example
 * const item = snapshot.output[outputPosition(snapshot, event)];
 */
export function outputPosition(snapshot: ResponseSnapshot, event: Addressed): number {
  const wire = event.output_index;
  const id = event.item_id;
  if (id === undefined) return wire;
  const output = snapshot.output;
  if ((output[wire] as { id?: unknown } | undefined)?.id === id) return wire;
  for (let position = 0; position < output.length; position++) {
    if ((output[position] as { id?: unknown } | undefined)?.id === id) return position;
  }
  return wire;
}

/**
 * Whether `event` is about an item no event added: its id (`item_id`, a non-empty string) names no item of the
 * snapshot, and the item at its wire index is of another `type` and another id. LiteLLM's bridge from Chat
 * Completions adds only the reasoning item of a reasoning model and streams the message's text at that item's
 * `output_index` under an id no item has; it ends an answer of tool calls alone with the `done` events of a message
 * it never added, at `output_index` 0, where a function call is. Read by the wire index, that text changed no item
 * and that message replaced the call (the SDK fails on both). The API adds every item before its first event, so
 * such an event is never one of its own; an event that names no item at the index of an item of its own type (a
 * server whose ids do not match) still addresses that item. See `unaddedMessage()` for where such an event goes.
 *
 * @internal
 * @example
 * isUnadded(snapshot, { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_2' }, 'message');
 */
export function isUnadded(snapshot: ResponseSnapshot, event: Addressed, type: string): boolean {
  const id = event.item_id;
  if (typeof id !== 'string' || id === '') return false;
  const output = snapshot.output;
  const placed = output[event.output_index] as { id?: unknown; type?: unknown } | undefined;
  if (placed === undefined || placed.type === type || placed.id === id) return false;
  for (const item of output) if ((item as { id?: unknown } | undefined)?.id === id) return false;
  return true;
}

/** The events of a message's text, and its `done`: those {@link unaddedMessage} reads. */
const MESSAGE_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.output_text.annotation.added',
  'response.refusal.delta',
  'response.refusal.done',
]);

/**
 * Where the events of a message no event added go when the snapshot's last message is still open (neither
 * `completed` nor `incomplete`: a server whose ids do not match, and that puts every item at one index): its
 * position; else -1 (the message is started).
 *
 * @internal
 * @example
 * const position = openMessagePosition(snapshot); // 1: the message after the reasoning item is still streaming
 */
export function openMessagePosition(snapshot: ResponseSnapshot): number {
  const output = snapshot.output;
  for (let position = output.length - 1; position >= 0; position--) {
    const item = output[position];
    if (item?.type !== 'message') continue;
    const status = (item as { status?: unknown }).status;
    return status === 'completed' || status === 'incomplete' ? -1 : position;
  }
  return -1;
}

/**
 * The snapshot after an event of a message no event added ({@link isUnadded}), or `undefined` for any other
 * event (the reducer's own cases then apply it). The event goes to the last message of the snapshot while that one
 * is open ({@link openMessagePosition}); else its message is started, after the items so far: an assistant message `in_progress` with the event's id, holding a blank part for a text event
 * of its first part (none for `response.content_part.added`, which brings its own; `response.output_item.done`
 * brings the whole message). A text event of a later part of a message never started changes nothing, as
 * before. Reasoning text parts are a reasoning item's, not a message's.
 */
function unaddedMessage(snapshot: ResponseSnapshot, event: ResponseStreamEvent): ResponseSnapshot | undefined {
  let address: PartAddressed;
  if (event.type === 'response.output_item.done') {
    const item = event.item as { id?: unknown; type?: unknown } | null;
    if (item?.type !== 'message') return undefined;
    address = { type: event.type, output_index: event.output_index, item_id: item.id as string | undefined, content_index: 0 };
  } else {
    if ((event as { part?: { type?: unknown } }).part?.type === 'reasoning_text') return undefined;
    address = event as unknown as PartAddressed;
  }
  if (!isUnadded(snapshot, address, 'message')) return undefined;
  const open = openMessagePosition(snapshot);
  // Addressed by its place alone (without an id, the wire index is the position).
  if (open >= 0) return responseReducer(snapshot, { ...event, output_index: open, item_id: undefined } as unknown as ResponseStreamEvent);
  const output = snapshot.output;
  if (event.type === 'response.output_item.done') return recomputeText({ ...snapshot, output: [...output, detached(event.item)] });
  if (address.content_index !== 0) return undefined;
  const content: MessagePart[] = [];
  if (event.type === 'response.refusal.delta' || event.type === 'response.refusal.done') content.push({ type: 'refusal', refusal: '' });
  else if (event.type !== 'response.content_part.added') content.push({ type: 'output_text', text: '', annotations: [] } as ResponseOutputText);
  const message = { id: address.item_id!, type: 'message', role: 'assistant', status: 'in_progress', content } as ResponseOutputMessage;
  return responseReducer({ ...snapshot, output: [...output, message] }, event);
}

/** Replaces the output item the event addresses by `update(item)`; the same snapshot when nothing changed. */
function updateOutput(
  snapshot: ResponseSnapshot,
  event: Addressed,
  update: (item: OutputItem, position: number) => OutputItem,
): ResponseSnapshot {
  const position = outputPosition(snapshot, event);
  const item = snapshot.output[position];
  if (item === undefined) throw noOutputItem(event);
  const next = update(item, position);
  if (next === item) return snapshot;
  const output = snapshot.output.slice();
  output[position] = next;
  return withOutput(snapshot, output);
}

/** Updates the addressed item when it is of type `T` (other items are left alone, as in the SDK). */
function updateItem<T extends OutputItem['type']>(
  snapshot: ResponseSnapshot,
  event: Addressed,
  type: T,
  update: (item: OutputOf<T>, position: number) => OutputOf<T>,
): ResponseSnapshot {
  return updateOutput(snapshot, event, (item, position) => (item.type === type ? update(item as OutputOf<T>, position) : item));
}

/** Updates content part `content_index` of the addressed message, which must be of kind `kind`. */
function updateMessagePart<K extends MessagePart['type']>(
  snapshot: ResponseSnapshot,
  event: Addressed & { readonly content_index: number },
  kind: K,
  update: (part: Extract<MessagePart, { type: K }>) => Extract<MessagePart, { type: K }>,
): ResponseSnapshot {
  return updateItem(snapshot, event, 'message', (item, position) => ({
    ...item,
    content: replaceAt(item.content, partPosition(item.content, event.content_index, snapshot.output, position), event, (part) => {
      if (part.type !== kind) throw wrongPart(event, kind, part.type);
      return update(part as Extract<MessagePart, { type: K }>);
    }),
  }));
}

/**
 * Updates reasoning text part `content_index` of the addressed reasoning item (see {@link replaceReasoningPart}).
 */
function updateReasoningPart(
  snapshot: ResponseSnapshot,
  event: Addressed & { readonly content_index: number },
  update: (part: ReasoningPart) => ReasoningPart,
): ResponseSnapshot {
  return updateItem(snapshot, event, 'reasoning', (item, position) => ({
    ...item,
    content: replaceReasoningPart(item.content ?? [], event.content_index, event, update, snapshot.output, position),
  }));
}

/**
 * A copy of a reasoning item's `content` with the text part an event at `index` addresses updated; a part just past
 * the last one is started (a part whose `added` event never came: vLLM adds its reasoning items with `content: null`
 * and sends no standard `content_part.added`, and numbers the part after the parts of the items before it, see
 * {@link partPosition}).
 */
function replaceReasoningPart(
  content: readonly ReasoningPart[],
  index: number,
  event: { readonly type: string },
  update: (part: ReasoningPart) => ReasoningPart,
  output: readonly OutputItem[],
  position: number,
): ReasoningPart[] {
  return replaceAt(content, partPosition(content, index, output, position, true), event, update, BLANK_REASONING_TEXT);
}

/**
 * Where the part an event's `content_index` addresses is in the list of parts of the item at `position` of `output`.
 * The API numbers an item's parts from 0; vLLM's gpt-oss streams number them on from the parts of the items before
 * (vllm-project/vllm#45742: a message after a reasoning item has its one part at `content_index` 1), while
 * `content_part.added` appends the part whatever its index, as in the SDK. So: the part at that index; else the part
 * at the index less the parts of the items before; else, with `startsNext` (a part whose `added` event never came),
 * the next part by either numbering. Any other index stays as it is (an event for a part that is not there: a
 * `SnapshotError`, not a text put into another part).
 */
function partPosition(
  parts: readonly unknown[],
  index: number,
  output: readonly OutputItem[],
  position: number,
  startsNext = false,
): number {
  if (index < parts.length || !Number.isInteger(index)) return index;
  let before = 0;
  for (let i = 0; i < position; i++) {
    const content = (output[i] as { content?: unknown }).content;
    if (Array.isArray(content)) before += content.length;
  }
  const shifted = index - before;
  if (shifted >= 0 && shifted < parts.length) return shifted;
  return startsNext && index !== parts.length && shifted === parts.length ? shifted : index;
}

const BLANK_SUMMARY: ResponseReasoningItem['summary'][number] = /* @__PURE__ */ Object.freeze({ type: 'summary_text', text: '' });
const BLANK_REASONING_TEXT: ReasoningPart = /* @__PURE__ */ Object.freeze({ type: 'reasoning_text', text: '' });

/**
 * A copy of `list` with the existing entry at `index` replaced by `update(entry)`; with a `blank`, an entry missing
 * just past the end is started from it (a reasoning part whose `added` event a server never sends).
 */
function replaceAt<T>(
  list: readonly T[],
  index: number,
  event: { readonly type: string },
  update: (entry: T) => T,
  blank?: T,
): T[] {
  const entry = list[index] ?? (index === list.length ? blank : undefined);
  if (entry === undefined) {
    throw new SnapshotError(`No content part at index ${index}`, { eventName: event.type });
  }
  const copy = list.slice();
  copy[index] = update(entry);
  return copy;
}

import { RUN_EVENT_NAMES, RUN_STEP_EVENT_NAMES } from '../../assistants/event-names.js';
import { MAX_DELTA_INDEX } from '../../assistants/snapshot/merge-delta.js';
import { findById } from '../../assistants/snapshot/reducer.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import { appendPiece, joined } from './text-pieces.js';

/**
 * A run or run step as recovery reads it: its id and status (and a run's thread).
 *
 * @example
 * const run: DeliveredObject = { id: 'run_1', status: 'in_progress', thread_id: 'thread_1' };
 */
export interface DeliveredObject {
  readonly id: string;
  readonly status: string;
  readonly thread_id?: string | undefined;
}

/**
 * A run step as recovery reads it: its id and status and, for every tool call index, how many characters were
 * received of what the call streams, a function's arguments or a code interpreter's input (`0` for a tool call
 * without them; `undefined`: no tool call there).
 * Without `toolCalls` (a snapshot's step), recovery takes no tool call as received. `toolOutputs` says, per tool
 * call index, how many code interpreter outputs were received (`undefined`: the call has no `outputs` list).
 *
 * @example
 * const step: DeliveredStep = { id: 'step_1', status: 'in_progress', toolCalls: [7] }; // '{"city' arrived
 */
export interface DeliveredStep extends DeliveredObject {
  readonly toolCalls?: readonly (number | undefined)[] | undefined;
  readonly toolOutputs?: readonly (number | undefined)[] | undefined;
}

/**
 * A content block of a message as recovery reads it: its type and, for text, the text received. A block of a
 * snapshot's message is one too.
 *
 * @example
 * const block: DeliveredBlock = { type: 'text', text: { value: 'Hello' } };
 */
export interface DeliveredBlock {
  readonly type?: string | undefined;
  readonly text?: { readonly value: string } | undefined;
}

/**
 * A message as recovery reads it: its id, its status and its content blocks. A snapshot's message is one too.
 *
 * @example
 * const message: DeliveredMessage = { id: 'msg_1', status: 'in_progress', content: [{ type: 'text', text: { value: 'Hel' } }] };
 */
export interface DeliveredMessage {
  readonly id: string;
  /** As the last message event gave it (`undefined` when that was not a string). */
  readonly status?: string | undefined;
  readonly content: readonly (DeliveredBlock | undefined)[];
}

/**
 * What a run stream has delivered, as far as recovery reads it (`missingEvents()`): the id and status of every run
 * and run step (the last run event's run as `currentRun`), how much of each tool call's arguments or input arrived
 * (and how many of a code interpreter's outputs), and of every message its status, the type of each content block
 * and the text received. A snapshot state (`AssistantStreamState`) is one too, without the tool calls' lengths.
 *
 * @example
 * const state: DeliveredState = { currentRun: undefined, runs: [], runSteps: [], messages: [] };
 */
export interface DeliveredState {
  readonly currentRun: DeliveredObject | undefined;
  /** The id of the thread the stream said it created (`thread.created`: `createAndRunStream`), if it did. */
  readonly createdThreadId?: string | undefined;
  readonly runs: readonly DeliveredObject[];
  readonly runSteps: readonly DeliveredStep[];
  readonly messages: readonly DeliveredMessage[];
}

/**
 * What a run stream has delivered so far, for recovering it when it is cut (`state()`, what `missingEvents()`
 * compares with the server's objects).
 *
 * It sees every event of every client run stream, so it keeps only what recovery reads, as plain values copied
 * from the events: ids, statuses, block types, text, and the length of each tool call's function arguments or code
 * interpreter input and the number of its outputs (not the text nor the outputs: recovery sends the server's from
 * there on). A text delta adds its text to its block's list of pieces (joined every `JOIN_EVERY` pieces and
 * when recovery asks, so a long answer is not kept as one small string object per token); nothing else of an event
 * is kept, so a consumer that changes an event after it is delivered changes nothing here.
 *
 * The messages follow the snapshot reducer's rules as far as recovery reads them: a created or in-progress event
 * stores the message (keeping the blocks received, if any), a completed or incomplete one stores
 * the server's; a delta's content entries merge into the block at their `index` (a `type` replaces the block's,
 * text is appended, a gap before the index is left empty), and a delta of a message never created is skipped.
 * The steps' tool calls follow the reducer's rules too: a step's created or in-progress event stores its tool calls
 * (keeping those received when its `tool_calls` is empty and the step's details were `tool_calls` already), a final
 * event stores the server's; a delta's `step_details.tool_calls` entries merge into the tool call at their `index`
 * (arguments and input lengthen by the fragment's length, a gap is left empty; a code interpreter's `outputs` list
 * is taken where the call had none, and otherwise merged as the reducer merges a list: an output with an `index`
 * goes there, one without is appended), its `step_details.type` replaces the step's; a delta of a step never
 * created is skipped.
 * Where events are malformed the rules differ from the reducer's on purpose, each time keeping what was received:
 * - keys of a delta other than its content (the API's `role`, for one) are not read: recovery reads no other;
 * - a `type` or a text `value` that is not a string leaves the block's as it was (the reducer would store it); so
 *   do function `arguments` and code interpreter `input` that are not a string, a `function` or `code_interpreter`
 *   that is not an object (for the length received; the reducer stores it in place of the call's, and so does the
 *   count of outputs, which it drops), and a step delta's `step_details` that is not an object;
 * - a delta with a key the reducer refuses (`__proto__`, `constructor`, `prototype`) still adds its text and type:
 *   only strings are copied from it, so such a key reaches nothing;
 * - an entry whose `index` is above `MAX_DELTA_INDEX` is skipped (the reducer refuses the delta), so no stream makes
 *   the tracker allocate without bound; an entry without an `index` is skipped (the reducer appends it as a new
 *   block, which recovery, comparing blocks by position, cannot match with the server's); so is a code interpreter
 *   output whose `index` is above `MAX_DELTA_INDEX` (the other outputs of its delta still count);
 * - outputs are counted, not their text: an output is taken as received whole, as the API sends each one.
 *
 * @internal
 * @example
 * const delivered = deliveredEvents();
 * events$.pipe(tap(delivered.observe)); // `observe` and `state` do not use `this`
 * const missed = missingEvents(delivered.state(), finalRun, steps, messages);
 */
export function deliveredEvents(): { readonly observe: (event: AssistantStreamEvent) => void; readonly state: () => DeliveredState } {
  let currentRun: DeliveredObject | undefined;
  let createdThreadId: string | undefined;
  const runs: DeliveredObject[] = [];
  const runSteps: DeliveredObject[] = [];
  // Only for steps whose events carried step details: the type of those details and the tool calls' lengths.
  const stepDetails = new Map<string, TrackedDetails>();
  const messages: TrackedMessage[] = [];

  return {
    observe: (event) => {
      const { event: name, data } = event;
      // Tracking serves recovery only: an event it cannot read must not end the user's stream.
      if (typeof data !== 'object' || data === null) return;
      if (name === 'thread.message.delta') {
        const { id, delta } = data as { id?: unknown; delta?: { content?: unknown } };
        // Searched from the end: the deltas of a stream are almost always for its newest message.
        const message = typeof id === 'string' ? findById(messages, id) : undefined;
        if (message !== undefined) appendDelta(message, typeof delta === 'object' && delta !== null ? delta.content : undefined);
      } else if (name === 'thread.message.created' || name === 'thread.message.in_progress') {
        storeMessage(messages, data, true);
      } else if (name === 'thread.message.completed' || name === 'thread.message.incomplete') {
        storeMessage(messages, data, false);
      } else if (RUN_EVENTS.has(name)) {
        const run = idAndStatus(data);
        if (run === undefined) return;
        keep(runs, run);
        currentRun = run;
      } else if (name === 'thread.run.step.delta') {
        const { id, delta } = data as { id?: unknown; delta?: { step_details?: unknown } };
        if (typeof id !== 'string' || findById(runSteps, id) === undefined) return;
        const details = typeof delta === 'object' && delta !== null ? delta.step_details : undefined;
        if (typeof details === 'object' && details !== null) mergeStepDetails(stepDetails, id, details);
      } else if (name === 'thread.created') {
        const id = (data as { id?: unknown }).id;
        if (typeof id === 'string') createdThreadId = id;
      } else if (STEP_EVENTS.has(name)) {
        const step = idAndStatus(data);
        if (step === undefined) return;
        keep(runSteps, step);
        storeStepDetails(stepDetails, step.id, (data as { step_details?: unknown }).step_details, STEP_STARTS.has(name));
      }
    },
    state: () => {
      // Copies: the tracker goes on changing its own objects as events arrive.
      return {
        currentRun,
        ...(createdThreadId === undefined ? {} : { createdThreadId }),
        runs: runs.slice(),
        runSteps: runSteps.map((step) => {
          const details = stepDetails.get(step.id);
          return details === undefined
            ? step
            : { ...step, toolCalls: details.toolCalls?.slice() ?? [], toolOutputs: details.outputs?.slice() ?? [] };
        }),
        messages: messages.map(({ id, status, content }) => ({
          id,
          status,
          content: content.map((block) =>
            block === undefined ? undefined : block.text === undefined ? { type: block.type } : { type: block.type, text: { value: joined(block.text) } },
          ),
        })),
      };
    },
  };
}

// The events whose run or run step the snapshot reducer stores (a step's delta changes neither id nor status).
const RUN_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(RUN_EVENT_NAMES);
const STEP_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(
  RUN_STEP_EVENT_NAMES.filter((name) => name !== 'thread.run.step.delta'),
);

// Step events that store the step keeping the tool calls received when theirs are empty (the reducer's `refresh`).
const STEP_STARTS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(['thread.run.step.created', 'thread.run.step.in_progress']);

interface TrackedDetails {
  type: string | undefined;
  /**
   * Per tool call index, the length of the arguments or input received (`undefined`: no tool call there);
   * `undefined` while the details have no `tool_calls` list.
   */
  toolCalls: (number | undefined)[] | undefined;
  /** Per tool call index, how many code interpreter outputs its `outputs` list holds (`undefined`: no list). */
  outputs: (number | undefined)[] | undefined;
}

/**
 * The length of what a tool call streams: a function's `arguments` and a code interpreter's `input` (`0` without
 * them; both, should an entry carry both), or `undefined` when the call is not an object.
 */
function streamedLength(call: unknown): number | undefined {
  if (typeof call !== 'object' || call === null) return undefined;
  const { function: fn, code_interpreter: code } = call as { function?: unknown; code_interpreter?: unknown };
  return stringLength(fn, 'arguments') + stringLength(code, 'input');
}

/** `holder[key]` when `holder` is an object, else `undefined`. */
function field(holder: unknown, key: string): unknown {
  return typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[key] : undefined;
}

/** The length of `holder[key]` when it is a string, else `0`. */
function stringLength(holder: unknown, key: string): number {
  const value = field(holder, key);
  return typeof value === 'string' ? value.length : 0;
}

/** Stores a step event's details; a created or in-progress one (`keepReceived`) with no tool calls keeps those received. */
function storeStepDetails(all: Map<string, TrackedDetails>, id: string, details: unknown, keepReceived: boolean): void {
  const { type, tool_calls } = (typeof details === 'object' && details !== null ? details : {}) as { type?: unknown; tool_calls?: unknown };
  const calls = Array.isArray(tool_calls) ? tool_calls.map(streamedLength) : undefined;
  const outputs = Array.isArray(tool_calls) ? tool_calls.map(outputsOf) : undefined;
  const previous = all.get(id);
  const kept = previous?.toolCalls;
  if (keepReceived && type === 'tool_calls' && calls?.length === 0 && previous?.type === 'tool_calls' && kept !== undefined && kept.length > 0) {
    return;
  }
  all.set(id, { type: typeof type === 'string' ? type : undefined, toolCalls: calls, outputs });
}

/** Merges a step delta's details: its type, and each tool call entry into the tool call at its `index`. */
function mergeStepDetails(all: Map<string, TrackedDetails>, id: string, details: object): void {
  let tracked = all.get(id);
  if (tracked === undefined) all.set(id, (tracked = { type: undefined, toolCalls: undefined, outputs: undefined }));
  const { type, tool_calls: entries } = details as { type?: unknown; tool_calls?: unknown };
  if (typeof type === 'string') tracked.type = type;
  if (!Array.isArray(entries)) return;
  // Details without a list take the delta's as it is (the reducer's merge sets a missing value), not by index.
  if (tracked.toolCalls === undefined) {
    tracked.toolCalls = entries.map(streamedLength);
    tracked.outputs = entries.map(outputsOf);
    return;
  }
  const calls = tracked.toolCalls;
  const outputs = (tracked.outputs ??= []);
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (typeof entry !== 'object' || entry === null) continue;
    const { index } = entry as { index?: unknown };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_DELTA_INDEX) continue;
    while (calls.length < index) calls.push(undefined);
    while (outputs.length < index) outputs.push(undefined);
    const had = calls[index];
    const length = streamedLength(entry)!;
    calls[index] = had === undefined ? length : had + length;
    outputs[index] = had === undefined ? outputsOf(entry) : mergedOutputs(outputs[index], entry);
  }
}

/** How many entries a tool call's code interpreter `outputs` list holds; `undefined` without a list. */
function outputsOf(call: unknown): number | undefined {
  const list = field(field(call, 'code_interpreter'), 'outputs');
  return Array.isArray(list) ? list.length : undefined;
}

/**
 * The count of outputs after a delta entry merged into a call that had `had` (the reducer's rules: a list where
 * there was none is taken as it is; into a list, an output with an `index` goes there, one without is appended).
 */
function mergedOutputs(had: number | undefined, entry: object): number | undefined {
  if (!('code_interpreter' in entry)) return had;
  const code = field(entry, 'code_interpreter');
  // Not an object: it replaces the call's, list and all.
  if (typeof code !== 'object' || code === null || Array.isArray(code)) return undefined;
  if (!('outputs' in code)) return had;
  const list = field(code, 'outputs');
  if (!Array.isArray(list)) return undefined;
  if (had === undefined) return list.length;
  let count = had;
  for (const output of list) {
    const index = field(output, 'index');
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) count++;
    else if (index <= MAX_DELTA_INDEX) count = Math.max(count, index + 1);
  }
  return count;
}

interface TrackedBlock {
  type: string | undefined;
  /** The text received, in pieces (`undefined`: the block has no text). */
  text: string[] | undefined;
}

interface TrackedMessage {
  readonly id: string;
  status: string | undefined;
  content: (TrackedBlock | undefined)[];
}

/** The id and status of a run or run step (and a run's thread), or `undefined` when they are not strings. */
function idAndStatus(data: unknown): DeliveredObject | undefined {
  const { id, status, thread_id } = data as { id?: unknown; status?: unknown; thread_id?: unknown };
  if (typeof id !== 'string' || typeof status !== 'string') return undefined;
  return typeof thread_id === 'string' ? { id, status, thread_id } : { id, status };
}

/** Replaces the object with the same id, or adds it. */
function keep(list: DeliveredObject[], object: DeliveredObject): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.id === object.id) {
      list[i] = object;
      return;
    }
  }
  list.push(object);
}

/**
 * Stores a message event's message; for a created or in-progress one (`keepReceived`), the blocks received so far
 * stay, if any (such an event carries the message as it was at some moment, possibly before the deltas).
 */
function storeMessage(messages: TrackedMessage[], data: unknown, keepReceived: boolean): void {
  const { id, status: given, content } = data as { id?: unknown; status?: unknown; content?: unknown };
  if (typeof id !== 'string') return;
  // Stored whatever its status, so that the deltas that follow are kept (recovery sends nothing for a message whose
  // status is not `in_progress`).
  const status = typeof given === 'string' ? given : undefined;
  const blocks = Array.isArray(content) ? content.map(trackedBlock) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.id !== id) continue;
    message.status = status;
    if (!(keepReceived && message.content.length > 0)) message.content = blocks;
    return;
  }
  messages.push({ id, status, content: blocks });
}

function trackedBlock(block: unknown): TrackedBlock | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const { type, text } = block as { type?: unknown; text?: { value?: unknown } };
  const value = typeof text === 'object' && text !== null ? text.value : undefined;
  return { type: typeof type === 'string' ? type : undefined, text: typeof value === 'string' ? [value] : undefined };
}

/** Merges a delta's content entries into the message: each into the block at its `index`. */
function appendDelta(message: TrackedMessage, entries: unknown): void {
  if (!Array.isArray(entries)) return;
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (typeof entry !== 'object' || entry === null) continue;
    const { index, type, text } = entry as { index?: unknown; type?: unknown; text?: { value?: unknown } };
    const content = message.content;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_DELTA_INDEX) continue;
    // An index past the end leaves holes, as in the snapshot (an index of -0 is block 0 there too).
    while (content.length < index) content.push(undefined);
    const block = content[index];
    if (block === undefined) {
      content[index] = trackedBlock(entry);
      continue;
    }
    const value = typeof text === 'object' && text !== null ? text.value : undefined;
    if (typeof type === 'string') block.type = type;
    if (typeof value !== 'string') continue;
    if (block.text === undefined) block.text = [value];
    else appendPiece(block.text, value);
  }
}

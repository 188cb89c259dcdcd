/**
 * What `responseEvents()` checks of every Responses event by default: exactly the fields this library reads (the
 * snapshot reducer, `textDeltas()`, `toolCallDeltas()`, `streamMetrics()`, the completion rules and the client),
 * and nothing else. Every other field passes through untouched whatever its presence, type or value: a new item
 * type, tool type or status, a field the API no longer sends, `null` where the OpenAPI description says string,
 * an unknown key. The full OpenAPI schemas (`responseEventDataSchemas`) stay available as an opt-in
 * (`responseEvents(source, { conformance: responseEventDataSchemas })`); this file imports none of them, so a
 * bundle of `responseEvents()` does not carry them.
 *
 * Small hand-written checks, one per event type: each returns `undefined` when the event is fine, or the
 * {@link WireProblem} (the JSON path and what is wrong) of the first field the library reads that is broken.
 * They never copy or change the value.
 */
import type { ReadIssue } from '../../sources/decode-json-event.js';
import { hasOwn, isJsonObject, jsonKind } from '../json-values.js';

/**
 * A field the library reads that is broken: its JSON path (`item.content.0.text`) and what is wrong with it (the
 * same shape as every source's check reports).
 *
 * @example
 * const problem = responseWireChecks['response.output_text.delta']?.(json);
 * if (problem) console.error(problem.path, problem.message); // 'delta' 'expected a string, got number'
 */
export type WireProblem = ReadIssue;

/**
 * The check of one event type: `undefined` when every field the library reads is usable, else the first
 * {@link WireProblem}.
 *
 * @example
 * const check: WireCheck = responseWireChecks['response.refusal.delta']!;
 * check({ type: 'response.refusal.delta', output_index: 0, content_index: 0, delta: 'No' }); // undefined
 */
export type WireCheck = (json: unknown) => WireProblem | undefined;

type Check = (value: unknown, path: string) => WireProblem | undefined;

const at = (path: string, key: string | number): string => (path === '' ? `${key}` : `${path}.${key}`);
const problem = (path: string, expected: string, value: unknown): WireProblem => ({
  path,
  message: `expected ${expected}, got ${value === undefined ? 'nothing' : jsonKind(value)}`,
});
const string: Check = (value, path) => (typeof value === 'string' ? undefined : problem(path, 'a string', value));
const number: Check = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : problem(path, 'a number', value);
/** An array position: a non-negative safe integer (the SDK refuses anything else too). */
const index: Check = (value, path) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : problem(path, 'a non-negative integer', value);

/** `check` when the field is present (not `undefined`); absence is fine. */
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined ? undefined : check(value, path);

/** `check` when the field is present and not `null`. */
const nullish =
  (check: Check): Check =>
  (value, path) =>
    value === undefined || value === null ? undefined : check(value, path);

/** An object whose listed fields pass their checks; every other key is ignored. */
const object =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, path) => {
    if (!isJsonObject(value)) return problem(path, 'an object', value);
    for (const key in fields) {
      const found = fields[key]!(value[key], at(path, key));
      if (found) return found;
    }
    return undefined;
  };

/** An array whose every entry passes `entry`. */
const array =
  (entry: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return problem(path, 'an array', value);
    for (let i = 0; i < value.length; i++) {
      const found = entry(value[i], at(path, i));
      if (found) return found;
    }
    return undefined;
  };

/** An object with a string `type`, then the fields that type reads (`byType`); other types need only `type`. */
const tagged =
  (byType: Readonly<Record<string, Check>>): Check =>
  (value, path) => {
    if (!isJsonObject(value)) return problem(path, 'an object', value);
    const type = value['type'];
    if (typeof type !== 'string') return problem(at(path, 'type'), 'a string', type);
    const check = hasOwn.call(byType, type) ? byType[type] : undefined;
    return check === undefined ? undefined : check(value, path);
  };

// Content parts: the reducer joins `output_text` text into `output_text`, sets annotations by index, and appends
// deltas to `text` / `refusal`. A reasoning text part may come without its `text` (a delta starts it from ''):
// LiteLLM's bridge ends a reasoning model's message with a `content_part.done` whose part is
// `{ type: 'reasoning_text', reasoning }`.
const outputTextPart = object({ text: string, annotations: nullish(array(() => undefined)) });
const contentPart = tagged({
  output_text: outputTextPart,
  refusal: object({ refusal: string }),
  reasoning_text: object({ text: optional(string) }),
});

// Output items: the reducer reads `type` everywhere, the `id` to find the item an event addresses, and what
// deltas append to.
const textPart = object({ text: string });
const byType = tagged({
  message: object({ content: array(contentPart) }),
  reasoning: object({ summary: nullish(array(textPart)), content: nullish(array(contentPart)) }),
  function_call: object({ arguments: optional(string) }),
  custom_tool_call: object({ input: optional(string) }),
  mcp_call: object({ arguments: optional(string) }),
  code_interpreter_call: object({ code: nullish(string) }),
});
const itemId = optional(string);
const anyItem: Check = (value, path) =>
  byType(value, path) ?? itemId((value as Record<string, unknown>)['id'], at(path, 'id'));

// The response of a lifecycle event: its `id` and `status` describe a cut stream and the finish reason, its
// `output` becomes the snapshot; `output_text` is kept when it is a string (else it is computed).
const response = object({
  id: nullish(string),
  status: nullish(string),
  output: nullish(array(anyItem)),
});

/** Every event carries its `type`; `sequence_number` is read by the client's resumption. */
const base = { sequence_number: nullish(number) };
const addressed = { ...base, output_index: index, item_id: optional(string) };
const inPart = { ...addressed, content_index: index };
const inSummary = { ...addressed, summary_index: index };

type Fields = Readonly<Record<string, Check>>;

/** The check of an event of `type` whose listed fields pass their checks. */
const event = (type: string, fields: Fields): WireCheck => {
  const named: Check = (value, path) => (value === type ? undefined : problem(path, `"${type}"`, value));
  const check = object({ type: named, ...fields });
  return (json) => check(json, '');
};

/** The check of each event type, from the fields it reads (its `type` is checked too). */
const eventChecks = (fieldsByType: Readonly<Record<string, Fields>>): Readonly<Record<string, WireCheck>> =>
  Object.fromEntries(Object.entries(fieldsByType).map(([type, fields]) => [type, event(type, fields)]));

/** The fields of a lifecycle event (`response.created`, `response.completed`, ...): the response it carries. */
const lifecycle = { ...base, response };

/**
 * The default check of every Responses event type the library knows (`error` and `response.failed` end the
 * stream before any check). Events of other types pass through unchecked (unless `strict`).
 *
 * @example
 * import { responseWireChecks } from 'rx-openai-stream';
 *
 * const check = responseWireChecks['response.output_text.delta']!;
 * check({ type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 5 });
 * // { path: 'delta', message: 'expected a string, got number' }
 */
export const responseWireChecks: Readonly<Record<string, WireCheck>> = /* @__PURE__ */ eventChecks({
  'response.created': lifecycle,
  'response.queued': lifecycle,
  'response.in_progress': lifecycle,
  'response.completed': lifecycle,
  'response.incomplete': lifecycle,
  'response.failed': lifecycle,
  'response.output_item.added': { ...addressed, item: anyItem },
  'response.output_item.done': { ...addressed, item: anyItem },
  'response.content_part.added': { ...inPart, part: contentPart },
  'response.content_part.done': { ...inPart, part: contentPart },
  'response.output_text.delta': { ...inPart, delta: string },
  'response.output_text.done': { ...inPart, text: string },
  'response.output_text.annotation.added': { ...inPart, annotation_index: index },
  'response.refusal.delta': { ...inPart, delta: string },
  'response.refusal.done': { ...inPart, refusal: string },
  'response.function_call_arguments.delta': { ...addressed, delta: string },
  'response.function_call_arguments.done': { ...addressed, arguments: string },
  'response.custom_tool_call_input.delta': { ...addressed, delta: string },
  'response.custom_tool_call_input.done': { ...addressed, input: string },
  'response.mcp_call_arguments.delta': { ...addressed, delta: string },
  'response.mcp_call_arguments.done': { ...addressed, arguments: string },
  'response.code_interpreter_call_code.delta': { ...addressed, delta: string },
  'response.code_interpreter_call_code.done': { ...addressed, code: string },
  'response.reasoning_text.delta': { ...inPart, delta: string },
  'response.reasoning_text.done': { ...inPart, text: string },
  'response.reasoning_summary_part.added': { ...inSummary, part: textPart },
  'response.reasoning_summary_part.done': { ...inSummary, part: textPart },
  'response.reasoning_summary_text.delta': { ...inSummary, delta: string },
  'response.reasoning_summary_text.done': { ...inSummary, text: string },
  // Status events set the status of the item they address.
  'response.code_interpreter_call.in_progress': addressed,
  'response.code_interpreter_call.interpreting': addressed,
  'response.code_interpreter_call.completed': addressed,
  'response.file_search_call.in_progress': addressed,
  'response.file_search_call.searching': addressed,
  'response.file_search_call.completed': addressed,
  'response.web_search_call.in_progress': addressed,
  'response.web_search_call.searching': addressed,
  'response.web_search_call.completed': addressed,
  'response.image_generation_call.in_progress': addressed,
  'response.image_generation_call.generating': addressed,
  'response.image_generation_call.completed': addressed,
  'response.mcp_call.in_progress': addressed,
  'response.mcp_call.completed': addressed,
  'response.mcp_call.failed': addressed,
  // Events that change no snapshot: only their type (and sequence number) is read.
  'response.image_generation_call.partial_image': base,
  'response.audio.delta': base,
  'response.audio.done': base,
  'response.audio.transcript.delta': base,
  'response.audio.transcript.done': base,
  'response.mcp_list_tools.in_progress': base,
  'response.mcp_list_tools.completed': base,
  'response.mcp_list_tools.failed': base,
  'response.compaction.compacting': base,
  'response.shell_call_command.added': base,
  'response.shell_call_command.delta': base,
  'response.shell_call_command.done': base,
  'response.shell_call_output_content.delta': base,
  'response.shell_call_output_content.done': base,
  error: base,
});

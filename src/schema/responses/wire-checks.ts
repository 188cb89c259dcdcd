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
import { isJsonObject } from '../json-values.js';

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

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const at = (path: string, key: string | number): string => (path === '' ? `${key}` : `${path}.${key}`);
const problem = (path: string, expected: string, value: unknown): WireProblem => ({
  path,
  message: `expected ${expected}, got ${value === undefined ? 'nothing' : kind(value)}`,
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
    const check = Object.prototype.hasOwnProperty.call(byType, type) ? byType[type] : undefined;
    return check === undefined ? undefined : check(value, path);
  };

// Content parts: the reducer joins `output_text` text into `output_text`, sets annotations by index, and appends
// deltas to `text` / `refusal`.
const outputTextPart = object({ text: string, annotations: nullish(array(() => undefined)) });
const contentPart = tagged({
  output_text: outputTextPart,
  refusal: object({ refusal: string }),
  reasoning_text: object({ text: string }),
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

const event = (type: string, fields: Readonly<Record<string, Check>> = base): WireCheck => {
  const named: Check = (value, path) => (value === type ? undefined : problem(path, `"${type}"`, value));
  const check = object({ type: named, ...fields });
  return (json) => check(json, '');
};

const lifecycle = (type: string): WireCheck => event(type, { ...base, response });
const text = (type: string, field: string, fields: Readonly<Record<string, Check>>): WireCheck =>
  event(type, { ...fields, [field]: string });

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
export const responseWireChecks: Readonly<Record<string, WireCheck>> = {
  'response.created': lifecycle('response.created'),
  'response.queued': lifecycle('response.queued'),
  'response.in_progress': lifecycle('response.in_progress'),
  'response.completed': lifecycle('response.completed'),
  'response.incomplete': lifecycle('response.incomplete'),
  'response.failed': lifecycle('response.failed'),
  'response.output_item.added': event('response.output_item.added', { ...addressed, item: anyItem }),
  'response.output_item.done': event('response.output_item.done', { ...addressed, item: anyItem }),
  'response.content_part.added': event('response.content_part.added', { ...inPart, part: contentPart }),
  'response.content_part.done': event('response.content_part.done', { ...inPart, part: contentPart }),
  'response.output_text.delta': text('response.output_text.delta', 'delta', inPart),
  'response.output_text.done': text('response.output_text.done', 'text', inPart),
  'response.output_text.annotation.added': event('response.output_text.annotation.added', {
    ...inPart,
    annotation_index: index,
  }),
  'response.refusal.delta': text('response.refusal.delta', 'delta', inPart),
  'response.refusal.done': text('response.refusal.done', 'refusal', inPart),
  'response.function_call_arguments.delta': text('response.function_call_arguments.delta', 'delta', addressed),
  'response.function_call_arguments.done': text('response.function_call_arguments.done', 'arguments', addressed),
  'response.custom_tool_call_input.delta': text('response.custom_tool_call_input.delta', 'delta', addressed),
  'response.custom_tool_call_input.done': text('response.custom_tool_call_input.done', 'input', addressed),
  'response.mcp_call_arguments.delta': text('response.mcp_call_arguments.delta', 'delta', addressed),
  'response.mcp_call_arguments.done': text('response.mcp_call_arguments.done', 'arguments', addressed),
  'response.code_interpreter_call_code.delta': text('response.code_interpreter_call_code.delta', 'delta', addressed),
  'response.code_interpreter_call_code.done': text('response.code_interpreter_call_code.done', 'code', addressed),
  'response.reasoning_text.delta': text('response.reasoning_text.delta', 'delta', inPart),
  'response.reasoning_text.done': text('response.reasoning_text.done', 'text', inPart),
  'response.reasoning_summary_part.added': event('response.reasoning_summary_part.added', {
    ...inSummary,
    part: textPart,
  }),
  'response.reasoning_summary_part.done': event('response.reasoning_summary_part.done', {
    ...inSummary,
    part: textPart,
  }),
  'response.reasoning_summary_text.delta': text('response.reasoning_summary_text.delta', 'delta', inSummary),
  'response.reasoning_summary_text.done': text('response.reasoning_summary_text.done', 'text', inSummary),
  // Status events set the status of the item they address.
  'response.code_interpreter_call.in_progress': event('response.code_interpreter_call.in_progress', addressed),
  'response.code_interpreter_call.interpreting': event('response.code_interpreter_call.interpreting', addressed),
  'response.code_interpreter_call.completed': event('response.code_interpreter_call.completed', addressed),
  'response.file_search_call.in_progress': event('response.file_search_call.in_progress', addressed),
  'response.file_search_call.searching': event('response.file_search_call.searching', addressed),
  'response.file_search_call.completed': event('response.file_search_call.completed', addressed),
  'response.web_search_call.in_progress': event('response.web_search_call.in_progress', addressed),
  'response.web_search_call.searching': event('response.web_search_call.searching', addressed),
  'response.web_search_call.completed': event('response.web_search_call.completed', addressed),
  'response.image_generation_call.in_progress': event('response.image_generation_call.in_progress', addressed),
  'response.image_generation_call.generating': event('response.image_generation_call.generating', addressed),
  'response.image_generation_call.completed': event('response.image_generation_call.completed', addressed),
  'response.mcp_call.in_progress': event('response.mcp_call.in_progress', addressed),
  'response.mcp_call.completed': event('response.mcp_call.completed', addressed),
  'response.mcp_call.failed': event('response.mcp_call.failed', addressed),
  // Events that change no snapshot: only their type (and sequence number) is read.
  'response.image_generation_call.partial_image': event('response.image_generation_call.partial_image'),
  'response.audio.delta': event('response.audio.delta'),
  'response.audio.done': event('response.audio.done'),
  'response.audio.transcript.delta': event('response.audio.transcript.delta'),
  'response.audio.transcript.done': event('response.audio.transcript.done'),
  'response.mcp_list_tools.in_progress': event('response.mcp_list_tools.in_progress'),
  'response.mcp_list_tools.completed': event('response.mcp_list_tools.completed'),
  'response.mcp_list_tools.failed': event('response.mcp_list_tools.failed'),
  'response.shell_call_command.added': event('response.shell_call_command.added'),
  'response.shell_call_command.delta': event('response.shell_call_command.delta'),
  'response.shell_call_command.done': event('response.shell_call_command.done'),
  'response.shell_call_output_content.delta': event('response.shell_call_output_content.delta'),
  'response.shell_call_output_content.done': event('response.shell_call_output_content.done'),
  error: event('error'),
};

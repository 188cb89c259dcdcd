/**
 * Reading request fields with the API's 400 replies: `Missing required parameter: 'model'.`,
 * `Invalid type for 'tools': expected an array, but got a string instead.`
 */
import type { AssistantResponseFormatOption, AssistantTool, AssistantToolChoiceOption, Metadata, TruncationStrategy } from '../../wire/assistants.js';
import { badRequest, missingParameter, type ApiErrorReply } from './api-error.js';
import type { JsonObject } from './body.js';

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * 400 for a field of the wrong type: `Invalid type for 'tools': expected an array, but got a string instead.`
 *
 * @example
 * if (!Array.isArray(body['tools'])) throw invalidType('tools', 'an array', body['tools']);
 */
export function invalidType(key: string, expected: string, value: unknown): ApiErrorReply {
  return badRequest(
    `Invalid type for '${key}': expected ${expected}, but got ${typeName(value)} instead.`,
    key,
    'invalid_type',
  );
}

/**
 * A required string field.
 *
 * @example
 * const assistantId = requireString(body, 'assistant_id'); // 400 when missing
 */
export function requireString(body: JsonObject, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw missingParameter(key);
  if (typeof value !== 'string') throw invalidType(key, 'a string', value);
  return value;
}

/**
 * An optional field checked by a type guard; `null` counts as given when `nullable`.
 *
 * @example
 * const n = optional(body, 'temperature', isNumber, 'a number'); // number | undefined
 */
export function optional<T>(
  body: JsonObject,
  key: string,
  guard: (value: unknown) => value is T,
  expected: string,
): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!guard(value)) throw invalidType(key, expected, value);
  return value;
}

/**
 * Type guards for {@link optional}: `is.string`, `is.stringOrNull`, `is.numberOrNull`, `is.boolean`,
 * `is.object` (a plain object), `is.array`, `is.metadata` (an object of strings, or `null`).
 *
 * @example
 * const name = optional(body, 'name', is.stringOrNull, 'a string');
 * if (is.object(value)) value['type'];
 */
export const is = {
  string: (value: unknown): value is string => typeof value === 'string',
  stringOrNull: (value: unknown): value is string | null => value === null || typeof value === 'string',
  numberOrNull: (value: unknown): value is number | null =>
    value === null || (typeof value === 'number' && Number.isFinite(value)),
  boolean: (value: unknown): value is boolean => typeof value === 'boolean',
  object: (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value),
  array: (value: unknown): value is unknown[] => Array.isArray(value),
  metadata: (value: unknown): value is Metadata =>
    value === null ||
    (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')),
};

/**
 * The `tools` field: every tool `code_interpreter`, `file_search` or `function` (with a `function.name`).
 *
 * @example
 * const tools = optionalTools(body) ?? assistant.tools;
 */
export function optionalTools(body: JsonObject, key = 'tools'): AssistantTool[] | undefined {
  const tools = optional(body, key, is.array, 'an array');
  tools?.forEach((tool, index) => {
    const type = is.object(tool) ? tool['type'] : undefined;
    if (type === 'code_interpreter' || type === 'file_search') return;
    const fn = is.object(tool) ? tool['function'] : undefined;
    if (type === 'function' && is.object(fn) && is.string(fn['name'])) return;
    if (type === 'function') throw missingParameter(`${key}[${index}].function.name`);
    throw badRequest(
      `Invalid value: '${String(type)}'. Supported values are: 'code_interpreter', 'function', and 'file_search'.`,
      `${key}[${index}].type`,
      'invalid_value',
    );
  });
  return tools as AssistantTool[] | undefined;
}

/**
 * The `tool_choice` field: `none`, `auto`, `required` or `{ type, function? }`.
 *
 * @example
 * const toolChoice = optionalToolChoice(body) ?? 'auto';
 */
export function optionalToolChoice(body: JsonObject): AssistantToolChoiceOption | null | undefined {
  return optional(
    body,
    'tool_choice',
    (value): value is AssistantToolChoiceOption | null =>
      value === null ||
      value === 'none' ||
      value === 'auto' ||
      value === 'required' ||
      (is.object(value) && ['function', 'code_interpreter', 'file_search'].includes(value['type'] as string)),
    "'none', 'auto', 'required' or an object",
  );
}

/**
 * The `response_format` field: `auto` or `{ type: 'text' | 'json_object' | 'json_schema', ... }`.
 *
 * @example
 * const format = optionalResponseFormat(body) ?? 'auto';
 */
export function optionalResponseFormat(body: JsonObject): AssistantResponseFormatOption | null | undefined {
  return optional(
    body,
    'response_format',
    (value): value is AssistantResponseFormatOption | null =>
      value === null ||
      value === 'auto' ||
      (is.object(value) && ['text', 'json_object', 'json_schema'].includes(value['type'] as string)),
    "'auto' or an object",
  );
}

/**
 * The `truncation_strategy` field: `{ type: 'auto' | 'last_messages', last_messages? }`.
 *
 * @example
 * const truncation = optionalTruncation(body) ?? { type: 'auto', last_messages: null };
 */
export function optionalTruncation(body: JsonObject): TruncationStrategy | null | undefined {
  return optional(
    body,
    'truncation_strategy',
    (value): value is TruncationStrategy | null =>
      value === null || (is.object(value) && (value['type'] === 'auto' || value['type'] === 'last_messages')),
    'an object',
  );
}

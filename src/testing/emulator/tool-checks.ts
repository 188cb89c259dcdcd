/**
 * Checks the API makes of a request's function tools and sampling settings before any model runs, shared by
 * `POST /chat/completions` and `POST /responses`: a request a test sends the emulator is refused where the live
 * API would refuse it. The messages follow the API's wording as far as it is known (match on `param` and `code`).
 */
import { badRequest } from './api-error.js';
import type { JsonObject } from './body.js';
import { is, optional } from './validate.js';

/** The names the API takes for a function: letters, digits, `_` and `-`, at most 64 of them. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]+$/;
const MAX_FUNCTION_NAME = 64;

/**
 * A name as the API takes one for a function or a structured output format (at `param`): letters, digits, `_` and
 * `-`, at most 64.
 *
 * @example
 * checkName('crêpe recipe', 'text.format.name'); // throws: the space and the ê
 */
export function checkName(name: string, param: string): void {
  if (name.length > MAX_FUNCTION_NAME) {
    throw badRequest(
      `Invalid '${param}': string too long. Expected a string with maximum length ${MAX_FUNCTION_NAME}, but got a string with length ${name.length} instead.`,
      param,
      'string_above_max_length',
    );
  }
  if (!FUNCTION_NAME.test(name)) {
    throw badRequest(
      `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${FUNCTION_NAME.source}'.`,
      param,
      'invalid_value',
    );
  }
}

/**
 * A function tool's `name` (at `param`) and `parameters` (at `parametersParam`): the name as the API allows it, the
 * parameters, when given, a JSON Schema of an object (strict or not).
 *
 * @example
 * checkFunctionTool('get weather', 'tools[0].function.name', {}, 'tools[0].function.parameters'); // throws: the space
 */
export function checkFunctionTool(name: string, param: string, parameters: unknown, parametersParam: string): void {
  checkName(name, param);
  const type = is.object(parameters) ? parameters['type'] : undefined;
  if (type !== undefined && type !== 'object') {
    throw badRequest(
      `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "${String(type)}"'.`,
      parametersParam,
      'invalid_function_parameters',
    );
  }
}

/**
 * A `tool_choice` that names a function must name one of the request's function tools.
 *
 * @example
 * checkChosenFunction('get_weather', ['get_time']); // throws 400 at 'tool_choice'
 */
export function checkChosenFunction(name: string, declared: readonly string[]): void {
  if (!declared.includes(name)) {
    throw badRequest(`Invalid value for 'tool_choice': function '${name}' is not one of the 'tools'.`, 'tool_choice');
  }
}

/**
 * A sampling setting the API bounds (`temperature` 0 to 2, `top_p` 0 to 1, the penalties -2 to 2): a number or
 * `null`, in range.
 *
 * @example
 * checkRange(body, 'temperature', 0, 2); // 400 decimal_above_max_value for 5
 */
export function checkRange(body: JsonObject, key: string, min: number, max: number): void {
  const value = optional(body, key, is.numberOrNull, 'a number');
  if (typeof value !== 'number') return;
  if (value > max) {
    const message = `Invalid '${key}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`;
    throw badRequest(message, key, 'decimal_above_max_value');
  }
  if (value < min) {
    const message = `Invalid '${key}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`;
    throw badRequest(message, key, 'decimal_below_min_value');
  }
}

/**
 * What the library asks of the JSON values it reads, written once for the sources, the wire checks, the reducers
 * and the clients' body checks.
 */

/**
 * An object that is not an array (as JSON has them).
 *
 * @internal
 * @example
 * isJsonObject(JSON.parse('{"a":1}')); // true
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An index of a list (a whole number >= 0, within the safe integers), as a choice's or a tool call's `index`.
 *
 * @internal
 * @example
 * isIndex(0); // true
 * isIndex(-1); // false
 */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The kind of a JSON value as an error message names it: `null`, `array`, or its `typeof` (`object`, `string`,
 * `number`, ...).
 *
 * @internal
 * @example
 * `expected a string, got ${jsonKind([])}`; // 'expected a string, got array'
 */
export function jsonKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * What the library asks of the JSON values it reads, and how it keeps them, written once for the sources, the wire
 * checks, the reducers and the clients' body checks.
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
 * `Object.prototype.hasOwnProperty`, to call on a parsed value (whose own `hasOwnProperty` may be a key of the JSON).
 *
 * @internal
 * @example
 * hasOwn.call(JSON.parse('{"hasOwnProperty":1,"a":1}'), 'a'); // true
 */
export const hasOwn = Object.prototype.hasOwnProperty;

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

/**
 * A copy of an event's object at every depth (plain objects and arrays; symbol-keyed values shallowly), for a
 * reducer to keep: the event itself reaches every subscription of a shared stream, the copy only this one. A
 * string, number or other primitive is returned as it is.
 * Own `__proto__` keys (as `JSON.parse` makes them) stay own data properties.
 *
 * @internal
 * @example
 * const message = detached(event.data); // equal, shares no object with the event
 */
export function detached<V>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = value.slice();
    for (let i = 0; i < copy.length; i++) {
      const inner: unknown = copy[i];
      if (typeof inner === 'object' && inner !== null) copy[i] = detached(inner);
    }
    return copy as V;
  }
  const copy = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    const inner = copy[key];
    if (typeof inner !== 'object' || inner === null) continue;
    if (key === '__proto__') {
      Object.defineProperty(copy, key, { value: detached(inner), writable: true, enumerable: true, configurable: true });
    } else copy[key] = detached(inner);
  }
  return copy as V;
}

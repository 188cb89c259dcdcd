/**
 * Applies an API delta to a snapshot without mutating either: the result shares every part the delta does not
 * touch with `snapshot`, and copies only the objects on the path to what changed.
 *
 * The API's merge rules: strings concatenate (text, function arguments, code input); objects merge key by key;
 * array entries that carry an `index` merge into the entry at that position (content blocks, tool calls,
 * annotations, code outputs); other arrays append; `index` and `type` are replaced, never merged; anything else
 * (numbers, booleans, a value of another kind than before) is replaced.
 *
 * Keys `__proto__`, `constructor` and `prototype` are refused with {@link UnsafeDeltaKeyError} anywhere in a
 * delta, so no prototype is ever polluted.
 *
 * @example
 * const before = { index: 0, type: 'text', text: { value: 'Hel', annotations: [] } };
 * const after = mergeDelta(before, { index: 0, type: 'text', text: { value: 'lo' } });
 * after.text.value;                            // 'Hello'
 * after.text.annotations === before.text.annotations; // true: untouched parts are shared
 */
export function mergeDelta<T extends object>(snapshot: T, delta: object): T {
  const acc = snapshot as Record<string, unknown>;
  const result: Record<string, unknown> = { ...acc };
  let key = '';
  try {
    for (key of Object.keys(delta)) {
      const deltaValue = (delta as Record<string, unknown>)[key];
      if (UNSAFE_KEYS.has(key)) throw new UnsafeDeltaKeyError(key);
      const accValue = acc[key];
      if (accValue === undefined || accValue === null || key === 'index' || key === 'type') {
        result[key] = checked(deltaValue);
      } else if (typeof accValue === 'string' && typeof deltaValue === 'string') {
        result[key] = accValue + deltaValue;
      } else if (Array.isArray(accValue) && Array.isArray(deltaValue)) {
        result[key] = mergeArray(accValue, deltaValue);
      } else if (isPlainObject(accValue) && isPlainObject(deltaValue)) {
        result[key] = mergeDelta(accValue, deltaValue);
      } else {
        result[key] = checked(deltaValue);
      }
    }
  } catch (error) {
    // Paths are built only when something is refused, never on the hot path.
    throw error instanceof UnsafeDeltaKeyError && error.path !== key ? error.under(key) : error;
  }
  return result as T;
}

/**
 * Merges array delta entries into `snapshot` by their `index` (the position they belong at), or appends entries
 * that carry none. Returns a new array; `snapshot` is not changed.
 *
 * @example
 * mergeArray([{ index: 0, type: 'function', function: { arguments: '{"a"' } }],
 *            [{ index: 0, function: { arguments: ':1}' } }]);
 * // [{ index: 0, type: 'function', function: { arguments: '{"a":1}' } }]
 */
export function mergeArray(snapshot: readonly unknown[], delta: readonly unknown[]): unknown[] {
  const result = snapshot.slice();
  for (let i = 0; i < delta.length; i++) {
    const entry = delta[i];
    try {
      const index = isPlainObject(entry) ? entry['index'] : undefined;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        result.push(checked(entry));
        continue;
      }
      // An index past the end (2 before 1) leaves explicit `undefined`s, so the array stays dense.
      while (result.length < index) result.push(undefined);
      const existing = result[index];
      result[index] = isPlainObject(existing) ? mergeDelta(existing, entry as object) : checked(entry);
    } catch (error) {
      throw error instanceof UnsafeDeltaKeyError ? error.under(String(i)) : error;
    }
  }
  return result;
}

/**
 * A delta carried a key that could pollute prototypes (`__proto__`, `constructor`, `prototype`). The delta is
 * refused; nothing was changed.
 *
 * @example
 * try { mergeDelta({}, JSON.parse('{"__proto__": {"admin": true}}')); }
 * catch (e) { e instanceof UnsafeDeltaKeyError; } // true
 */
export class UnsafeDeltaKeyError extends Error {
  /** The refused key. */
  readonly key: string;
  /** Where it was, as a dotted path from the delta's root (e.g. `content.0.text.__proto__`). */
  readonly path: string;
  constructor(key: string, path: string = key) {
    super(`Refused the key "${key}" in a delta at ${path}`);
    this.name = 'UnsafeDeltaKeyError';
    this.key = key;
    this.path = path;
  }

  /** The same refusal, one level further out. @internal */
  under(parent: string): UnsafeDeltaKeyError {
    return new UnsafeDeltaKeyError(this.key, `${parent}.${this.path}`);
  }
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Values stored from a delta as they are are checked for unsafe keys at any depth: they become part of the
 * snapshot and later merges walk into them. Strings and numbers (the common case) return at once.
 */
function checked<V>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  let key = '';
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        key = String(i);
        checked(value[i]);
      }
      return value;
    }
    for (key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) throw new UnsafeDeltaKeyError(key);
      checked((value as Record<string, unknown>)[key]);
    }
  } catch (error) {
    throw error instanceof UnsafeDeltaKeyError && error.path !== key ? error.under(key) : error;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

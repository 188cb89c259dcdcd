import { isJsonObject } from '../../schema/json-values.js';
/**
 * Applies an API delta to a snapshot without mutating either: the result shares every part the delta does not
 * touch with `snapshot`, and copies only the objects on the path to what changed.
 *
 * The API's merge rules: strings concatenate (text, function arguments, code input); objects merge key by key;
 * array entries that carry an `index` merge into the entry at that position (content blocks, tool calls,
 * annotations, code outputs); other arrays append; `index` and `type` are replaced, never merged; a `null` (or
 * `undefined`) where the snapshot has a value changes nothing (what was received stays); anything else (numbers,
 * booleans, a value of another kind than before) is replaced.
 *
 * Keys `__proto__`, `constructor` and `prototype` are refused with {@link RefusedDeltaError} anywhere in a
 * delta, so no prototype is ever polluted; so is an array entry whose `index` is above {@link MAX_DELTA_INDEX}.
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
      if (UNSAFE_KEYS.has(key)) throw unsafeKey(key);
      // A key named like an inherited method (`toString`) reads that method: the snapshot has no value there.
      const inherited = acc[key];
      const accValue = typeof inherited === 'function' ? undefined : inherited;
      if (accValue === undefined || accValue === null || key === 'index' || key === 'type') {
        result[key] = checked(deltaValue);
      } else if (typeof accValue === 'string' && typeof deltaValue === 'string') {
        result[key] = accValue + deltaValue;
      } else if (Array.isArray(accValue) && Array.isArray(deltaValue)) {
        result[key] = mergeArray(accValue, deltaValue);
      } else if (isJsonObject(accValue) && isJsonObject(deltaValue)) {
        result[key] = mergeDelta(accValue, deltaValue);
      } else if (deltaValue === null || deltaValue === undefined) {
        // Nothing new: what was received stays (the spread copied it).
      } else {
        result[key] = checked(deltaValue);
      }
    }
  } catch (error) {
    // Paths are built only when something is refused, never on the hot path.
    throw error instanceof RefusedDeltaError && error.path !== key ? error.under(key) : error;
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
      const index = isJsonObject(entry) ? entry['index'] : undefined;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        result.push(checked(entry));
        continue;
      }
      // An index past the end (2 before 1) leaves explicit `undefined`s, so the array stays dense.
      if (index > MAX_DELTA_INDEX) throw new RefusedDeltaError('index', `the index ${index} (at most ${MAX_DELTA_INDEX})`, 'index');
      while (result.length < index) result.push(undefined);
      const existing = result[index];
      result[index] = isJsonObject(existing) ? mergeDelta(existing, entry as object) : checked(entry);
    } catch (error) {
      throw error instanceof RefusedDeltaError ? error.under(String(i)) : error;
    }
  }
  return result;
}

/**
 * A delta the snapshot refuses, with nothing changed: it carried a key that could pollute prototypes (`__proto__`,
 * `constructor`, `prototype`; `reason` `'key'`), or an array entry whose `index` is above {@link MAX_DELTA_INDEX}
 * (`reason` `'index'`).
 *
 * @example
 * try { mergeDelta({}, JSON.parse('{"__proto__": {"admin": true}}')); }
 * catch (e) { e instanceof RefusedDeltaError && e.reason; } // 'key' (e.refused: 'the key "__proto__"')
 */
export class RefusedDeltaError extends Error {
  /** Which rule refused the delta. */
  readonly reason: 'key' | 'index';
  /** What was refused, for messages: `the key "__proto__"`, or `the index 5000 (at most 4096)`. */
  readonly refused: string;
  /** Where it was, as a dotted path from the delta's root (e.g. `content.0.text.__proto__`). */
  readonly path: string;
  constructor(reason: 'key' | 'index', refused: string, path: string) {
    super(`Refused ${refused} in a delta at ${path}`);
    this.name = 'RefusedDeltaError';
    this.reason = reason;
    this.refused = refused;
    this.path = path;
  }

  /** The same refusal, one level further out. @internal */
  under(parent: string): RefusedDeltaError {
    return new RefusedDeltaError(this.reason, this.refused, `${parent}.${this.path}`);
  }
}

/**
 * The largest array `index` a delta entry may carry (content blocks, tool calls, annotations, code outputs): an
 * entry past the end leaves `undefined` in the positions between, so the bound keeps what a stream can make the
 * snapshot allocate (and copy on every later delta) small. The API's entries come in order, far below it.
 *
 * @example
 * mergeArray([], [{ index: 2, type: 'text' }]); // [undefined, undefined, { index: 2, type: 'text' }]
 * mergeArray([], [{ index: 5000, type: 'text' }]); // throws RefusedDeltaError (reason 'index')
 */
export const MAX_DELTA_INDEX = 4096;

const UNSAFE_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['__proto__', 'constructor', 'prototype']);

function unsafeKey(key: string): RefusedDeltaError {
  return new RefusedDeltaError('key', `the key "${key}"`, key);
}

/**
 * A value stored from a delta: checked for unsafe keys at any depth (it becomes part of the snapshot and later
 * merges walk into it) and copied, so the snapshot shares no object with the event (events of a shared stream reach
 * every subscription; a snapshot must not change when another subscription's consumer changes its own). Strings
 * and numbers (the common case) return at once.
 */
function checked<V>(value: V): V {
  if (typeof value !== 'object' || value === null) return value;
  let key = '';
  try {
    if (Array.isArray(value)) {
      const copy = value.slice();
      for (let i = 0; i < copy.length; i++) {
        key = String(i);
        copy[i] = checked(copy[i]);
      }
      return copy as V;
    }
    const copy = { ...value } as Record<string, unknown>;
    for (key of Object.keys(copy)) {
      if (UNSAFE_KEYS.has(key)) throw unsafeKey(key);
      const inner = copy[key];
      if (typeof inner === 'object' && inner !== null) copy[key] = checked(inner);
    }
    return copy as V;
  } catch (error) {
    throw error instanceof RefusedDeltaError && error.path !== key ? error.under(key) : error;
  }
}

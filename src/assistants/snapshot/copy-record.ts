/**
 * Fast shallow copies of the API's objects, for the reducer's hot path.
 *
 * `{ ...object }` is the obvious copy, but V8 copies an object through its slow runtime path whenever the
 * source keeps some properties outside the object itself, which is the case for every copy of a copy: a
 * message copied once per text delta costs about 200 ns that way, against about 15 ns for an object literal that
 * names its keys. So a copier is compiled once per key list (`new Function` returning such a literal) and cached;
 * where code generation is not allowed (a strict Content-Security-Policy, `--disallow-code-generation-from-strings`)
 * copies fall back to the spread.
 */

/**
 * Copies an object that has exactly the copier's keys. @internal
 *
 * @example
 * const copy: RecordCopier = recordCopier(Object.keys(message));
 * const next = copy(message); // equals { ...message }
 */
export type RecordCopier = (source: object) => Record<string, unknown>;

const copiers = new Map<string, RecordCopier | null>();
/** Enough for every shape a stream uses; past it, new shapes use the spread rather than grow the cache. */
const MAX_COPIERS = 256;
let codeGeneration: boolean | undefined;

const spreadCopy: RecordCopier = (source) => ({ ...source });

/**
 * A copier for objects whose own enumerable string keys are `keys`, in this order, and that have no symbol keys.
 * Its result equals `{ ...source }` for such an object. Returns the spread itself when code generation is not
 * allowed, when a key is `__proto__` (a literal would set the prototype instead) or when the cache is full.
 *
 * @internal
 * @example
 * const copy = recordCopier(Object.keys(message));
 * const next = copy(message); // same keys, same values, a new object
 */
export function recordCopier(keys: readonly string[]): RecordCopier {
  const cacheKey = JSON.stringify(keys);
  const cached = copiers.get(cacheKey);
  if (cached !== undefined) return cached ?? spreadCopy;
  let copier: RecordCopier | null = null;
  if (copiers.size < MAX_COPIERS && !keys.includes('__proto__') && canGenerateCode()) {
    // JSON string literals are JavaScript string literals; every key is read once, as the spread reads it.
    const body = keys.map((key) => `${JSON.stringify(key)}: s[${JSON.stringify(key)}]`).join(', ');
    copier = new Function('s', `"use strict"; return { ${body} };`) as RecordCopier;
  }
  if (copiers.size < MAX_COPIERS) copiers.set(cacheKey, copier);
  return copier ?? spreadCopy;
}

/**
 * Whether `new Function` works here (not under a strict Content-Security-Policy or
 * `--disallow-code-generation-from-strings`). Asked once, then remembered.
 *
 * @internal
 * @example
 * const copy = canGenerateCode() ? compiledCopier : (s: object) => ({ ...s });
 */
export function canGenerateCode(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = typeof new Function('return 1') === 'function';
    } catch {
      codeGeneration = false;
    }
  }
  return codeGeneration;
}

/**
 * Whether the own enumerable string keys of `value` are `keys` (in this order) and it has no symbol keys: then
 * `{ ...value }` and a literal naming `keys` make equal objects. Allocates; for checks off the hot path.
 *
 * @internal
 * @example
 * hasExactKeys({ value: 'a' }, ['value']); // true
 */
export function hasExactKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  if (own.length !== keys.length) return false;
  for (let i = 0; i < own.length; i++) if (own[i] !== keys[i]) return false;
  return Object.getOwnPropertySymbols(value).length === 0;
}

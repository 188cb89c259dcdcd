/**
 * Key checks for the reducers' hot paths: where an object's own keys are known, an object literal naming them
 * copies it about ten times faster than `{ ...object }` of an object that is itself a copy (V8 takes its slow
 * runtime path there). Literals are written by hand for fixed shapes (states, content blocks); nothing is
 * generated at run time (no `new Function`, so a strict Content-Security-Policy or Trusted Types change nothing)
 * and nothing is cached between calls.
 */

import { hasOwn } from '../../schema/json-values.js';

/**
 * Whether the own enumerable string keys of `value` are `keys` (in this order) and it inherits no enumerable key:
 * then a literal naming `keys` copies its data as `{ ...value }` does. Symbol-keyed properties are not data (JSON
 * has none; only code that changed an emitted object can have added one) and are not looked for: a literal copy
 * leaves them out. Allocates nothing.
 *
 * @internal
 * @example
 * hasExactKeys({ value: 'a' }, ['value']); // true
 */
export function hasExactKeys(value: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in value) {
    if (i >= keys.length || key !== keys[i] || !hasOwn.call(value, key)) return false;
    i++;
  }
  return i === keys.length;
}

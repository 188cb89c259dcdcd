import { isDeepStrictEqual } from 'node:util';

/**
 * `expect(actual).toEqual(expected)` for checks in a hot loop: Node's deep strict equality first (values strictly
 * equal are also `toEqual`), jest's own comparison only when they differ, for its verdict and its diff. Every
 * `expect()` call builds an error for its stack and jest's `equals` is slow on large values; a property that
 * compares a snapshot after every event spends most of its time there. Only for values made in the test's own
 * realm: objects from `structuredClone` or from Node's own `fetch` (the official SDK's outcomes) have another
 * `Object.prototype`, so strict equality always fails on them and this only adds to `toEqual`.
 *
 * @example
 * for (const event of events) expectEqual(shape(ours(event)), shape(reference(event)));
 */
export function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/**
 * `expect(actual).toEqual(expected)`, quicker on large JSON-like values: a plain structural comparison first, jest's
 * own only when that one does not find them equal (for jest's verdict and its diff). jest's `equals` is generic
 * (asymmetric matchers, iterables, custom testers) and slow on large values, and every `expect()` call builds an
 * error for its stack; comparing whole event lists and final responses of long streams spends most of its time
 * there.
 *
 * The quick comparison ({@link plainEqual}) only says "equal" where `toEqual` says so too: primitives by
 * `Object.is`, arrays (with no keys beside their elements) element by element, plain objects (of any realm:
 * `structuredClone` and Node's own `fetch` make objects with another `Object.prototype`, which `toEqual` ignores
 * too) by their keys whose values are not `undefined`. Anything else (class instances, dates, maps, symbol keys,
 * sparse arrays, values nested deeper than 1,000 levels, cycles among them) is left to jest.
 *
 * @example
 * for (const event of events) expectEqual(shape(ours(event)), shape(reference(event)));
 * expectEqual(ours.events, sdk.events);
 */
export function expectEqual(actual: unknown, expected: unknown): void {
  if (!plainEqual(actual, expected)) expect(actual).toEqual(expected);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Whether `a` and `b` are equal as JSON-like values (see {@link expectEqual}); `false` also where it cannot tell.
 *
 * @example
 * plainEqual({ a: [1], b: undefined }, { a: [1] }); // true
 */
export function plainEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 1000) return false;
  if (Object.getOwnPropertySymbols(a).length > 0 || Object.getOwnPropertySymbols(b).length > 0) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    // Keys beside the elements (`Object.assign([1], { x: 1 })`), or holes: jest's to judge.
    if (Object.keys(a).length !== a.length || Object.keys(b).length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!plainEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || left[key] === undefined) continue;
    if (!Object.hasOwn(right, key) || !plainEqual(left[key], right[key], depth + 1)) return false;
    defined++;
  }
  for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined) defined--;
  return defined === 0;
}

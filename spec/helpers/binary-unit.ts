import fc from 'fast-check';

/**
 * fast-check's `'binary'` string unit (any code point but the surrogates), generating and shrinking exactly as
 * `{ unit: 'binary' }` does (same `nat`, same mapping: the same values for the same seed), without its start-up
 * cost: fast-check builds a map of all 1.1 million code points the first time it reverses the built-in unit
 * (to shrink its "dangerous strings" such as `__proto__`), 1 to 2.5 s of CPU in every suite that uses it.
 *
 * @example
 * const anyString = fc.string({ unit: binaryUnit, maxLength: 12 });
 * const documents = fc.json({ stringUnit: binaryUnit });
 */
export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - 0x800 }).map(
  (index) => String.fromCodePoint(index < 0xd800 ? index : index + 0x800),
  (value) => {
    const codePoint = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (codePoint === undefined || (codePoint >= 0xd800 && codePoint < 0xe000) || String.fromCodePoint(codePoint) !== value) {
      throw new TypeError('not one code point other than a surrogate');
    }
    return codePoint < 0xd800 ? codePoint : codePoint - 0x800;
  },
);

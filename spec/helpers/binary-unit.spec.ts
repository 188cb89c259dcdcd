import fc from 'fast-check';
import { binaryUnit } from './binary-unit';

// fast-check 4's own 'binary' unit is `nat` over the code points without the surrogates (its `fullAlphabetRanges`),
// which is what binaryUnit is; comparing the two here would pay the very start-up cost binaryUnit avoids.
describe('binaryUnit', () => {
  it('generates one code point at a time, any but a surrogate, over the whole range', () => {
    const values = fc.sample(binaryUnit, { seed: 42, numRuns: 5000 });
    const notOneCodePoint = values.filter((value) => [...value].length !== 1 || /[\ud800-\udfff]/u.test(value));
    expect(notOneCodePoint).toEqual([]);
    const codePoints = values.map((value) => value.codePointAt(0)!);
    expect(codePoints.some((c) => c < 0x80)).toBe(true);
    expect(codePoints.some((c) => c >= 0xe000 && c <= 0xffff)).toBe(true);
    expect(codePoints.some((c) => c > 0xffff)).toBe(true);
    expect(codePoints).toContain(0x10ffff);
  });

  it('shrinks strings built of it (its values map back), and refuses what it cannot build', () => {
    const { counterexample } = fc.check(
      fc.property(fc.string({ unit: binaryUnit }), (s) => !(s.length > 3 && /[^\x00-\x7f]/.test(s))),
      { seed: 3 },
    );
    expect(counterexample).toEqual(['𐀀𐀀']);
    expect(binaryUnit.canShrinkWithoutContext('\u{10ffff}')).toBe(true);
    for (const value of ['', 'ab', '\ud800', 1]) expect(binaryUnit.canShrinkWithoutContext(value)).toBe(false);
  });
});

import { runInNewContext } from 'node:vm';
import { expectEqual, plainEqual } from './expect-equal';

describe('expectEqual (toEqual, with a quick structural comparison first)', () => {
  it('the quick comparison finds JSON-like values equal: undefined-valued keys, plain objects of another realm', () => {
    const value = { a: [1, 'x', null, { b: true }], c: { d: -1.5 } };
    expect(plainEqual(value, structuredClone(value))).toBe(true);
    expect(plainEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(plainEqual(runInNewContext('({ a: [1, { b: 2 }] })'), { a: [1, { b: 2 }] })).toBe(true);
    expect(plainEqual(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(true);
    expect(plainEqual([NaN], [NaN])).toBe(true);
  });

  it('the quick comparison leaves to jest what it cannot judge, and expectEqual passes where toEqual passes', () => {
    const cycle = (): object => {
      const o: Record<string, unknown> = { a: 1 };
      o['self'] = o;
      return o;
    };
    const cases: Array<[unknown, unknown]> = [
      [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])],
      [{ at: new Date(5) }, { at: new Date(5) }],
      [cycle(), cycle()],
      [[1, , 3], [1, undefined, 3]], // eslint-disable-line no-sparse-arrays
    ];
    for (const [actual, expected] of cases) {
      expect(plainEqual(actual, expected)).toBe(false);
      expectEqual(actual, expected);
    }
  });

  it('fails where toEqual fails, with its message', () => {
    const fails = (actual: unknown, expected: unknown) => {
      expect(() => expect(actual).toEqual(expected)).toThrow();
      expect(plainEqual(actual, expected)).toBe(false);
      expect(() => expectEqual(actual, expected)).toThrow(/toEqual/);
    };
    fails({ a: 1 }, { a: 2 });
    fails({ a: 1 }, { a: 1, b: 2 });
    fails({ a: 1, b: 2 }, { a: 1 });
    fails([1, 2], [1, 2, 3]);
    fails([1, [2]], [1, [3]]);
    fails({ a: [] }, { a: {} });
    fails(Object.assign([1], { x: 1 }), [1]);
    fails(0, -0);
    fails('1', 1);
    fails(null, undefined);
    fails({ at: new Date(5) }, { at: new Date(6) });
  });
});

import { runInNewContext } from 'node:vm';
import { expectEqual } from './expect-equal';

describe('expectEqual (toEqual, with a quick structural comparison first)', () => {
  it('passes where toEqual passes: JSON values, undefined-valued keys, plain objects of another realm', () => {
    const value = { a: [1, 'x', null, { b: true }], c: { d: -1.5 } };
    expectEqual(value, structuredClone(value));
    expectEqual({ a: 1, b: undefined }, { a: 1 });
    expectEqual({ a: 1 }, { a: 1, b: undefined });
    expectEqual(runInNewContext('({ a: [1, { b: 2 }] })'), { a: [1, { b: 2 }] });
    expectEqual(Object.assign(Object.create(null), { a: 1 }), { a: 1 });
    expectEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]));
    expectEqual({ at: new Date(5) }, { at: new Date(5) });
    expectEqual([NaN], [NaN]);
  });

  it('fails where toEqual fails, with its message', () => {
    const fails = (actual: unknown, expected: unknown) => {
      expect(() => expect(actual).toEqual(expected)).toThrow();
      expect(() => expectEqual(actual, expected)).toThrow(/toEqual/);
    };
    fails({ a: 1 }, { a: 2 });
    fails({ a: 1 }, { a: 1, b: 2 });
    fails({ a: 1, b: 2 }, { a: 1 });
    fails([1, 2], [1, 2, 3]);
    fails([1, [2]], [1, [3]]);
    fails({ a: [] }, { a: {} });
    fails(0, -0);
    fails('1', 1);
    fails(null, undefined);
    fails({ at: new Date(5) }, { at: new Date(6) });
  });
});

import { createContext, type Script } from 'node:vm';
import { compileOnce } from './compile-once-runtime.cjs';

type Scripts = Map<string, { source: string; head: string; script: Script | undefined }>;
type ModuleFunction = (exports: Record<string, unknown>) => unknown;
const FILE = '/virtual/module.js';
const load = (scripts: Scripts, source: string, context = createContext({ marker: 'a context' })) =>
  compileOnce(scripts, source, FILE, ['exports'], context) as ModuleFunction | undefined;

describe("the test runtime's compile-once (spec/helpers/compile-once-runtime.cjs)", () => {
  const COUNTER = 'let count = 0;\nexports.next = () => ++count;\nexports.marker = marker;';

  it('compiles a file once, and runs it in each context with state and globals of its own', () => {
    const scripts: Scripts = new Map();
    const first: Record<string, unknown> = {};
    load(scripts, COUNTER, createContext({ marker: 'first' }))!(first);
    const script = scripts.get(FILE)?.script;
    const second: Record<string, unknown> = {};
    load(scripts, COUNTER, createContext({ marker: 'second' }))!(second);

    expect(scripts.get(FILE)?.script).toBe(script);
    expect([first.marker, second.marker]).toEqual(['first', 'second']);
    const [next1, next2] = [first.next as () => number, second.next as () => number];
    expect([next1(), next1(), next2()]).toEqual([1, 2, 1]);
  });

  it('compiles again when the file\'s code changed, even to code of the same length', () => {
    const scripts: Scripts = new Map();
    const exports: Record<string, unknown> = {};
    load(scripts, 'exports.n = 1;')!(exports);
    load(scripts, 'exports.n = 2;')!(exports);
    expect(exports.n).toBe(2);
    expect(scripts.get(FILE)?.source).toBe('exports.n = 2;');
  });

  it('compiles again for other module parameters', () => {
    const scripts: Scripts = new Map();
    const exports: Record<string, unknown> = {};
    load(scripts, 'exports.n = 1;')!(exports);
    const other = compileOnce(scripts, 'exports.n = 1;', FILE, ['module', 'exports'], createContext({})) as (m: unknown, e: unknown) => void;
    const secondExports: Record<string, unknown> = {};
    other({}, secondExports);
    expect(secondExports.n).toBe(1);
  });

  it("gives the code's own line numbers in stack traces", () => {
    const exports: Record<string, unknown> = {};
    load(new Map(), "'use strict';\nexports.fail = () => {\n  throw new Error('here');\n};")!(exports);
    expect(() => (exports.fail as () => void)()).toThrow(expect.objectContaining({ stack: expect.stringContaining(`${FILE}:3:9`) }));
  });

  it('keeps strict code strict', () => {
    const exports: Record<string, unknown> = {};
    load(new Map(), "'use strict';\nexports.self = (function () { return this; })();")!(exports);
    expect(exports.self).toBeUndefined();
  });

  it('leaves code that may call import() to jest (its callback belongs to the file\'s own runtime)', () => {
    const scripts: Scripts = new Map();
    expect(load(scripts, 'exports.later = () => import("node:fs");')).toBeUndefined();
    expect(load(scripts, 'exports.later = () => import ("node:fs");')).toBeUndefined();
    expect(load(scripts, 'exports.later = () => import ("node:fs");')).toBeUndefined();
    expect(scripts.get(FILE)?.script).toBeUndefined();
  });
});

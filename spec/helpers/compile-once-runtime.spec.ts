import { createContext, type Script } from 'node:vm';
import { compileOnce, compileOnceFor, usable } from './compile-once-runtime.cjs';

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

  it("compiles again when the file's code changed", () => {
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
    expect(load(scripts, 'exports.later = () => import\n("node:fs");')).toBeUndefined();
    expect(scripts.get(FILE)?.script).toBeUndefined();
  });

  describe('in place of the executor\'s compile', () => {
    const executor = (context: object | null) => {
      const own: string[] = [];
      return {
        own,
        compile: (source: string, filename: string) => {
          own.push(filename);
          return () => source;
        },
        exec() {
          return this.compile('', '');
        },
        injectedModuleParameters: ['exports'],
        environment: { getVmContext: () => context },
        resolution: { isCoreModule: (filename: string) => filename === 'fs' },
      };
    };

    it('runs modules from its scripts, once compiled', () => {
      const fake = executor(createContext({}));
      const scripts: Scripts = new Map();
      const compile = compileOnceFor(fake, scripts);
      const exports: Record<string, unknown> = {};
      (compile('exports.n = 1;', FILE) as ModuleFunction)(exports);
      compile('exports.n = 1;', FILE);
      expect(exports.n).toBe(1);
      expect(fake.own).toEqual([]);
      expect(scripts.size).toBe(1);
    });

    it("leaves to the executor's own compile: a disposed environment, core modules, import() and what does not parse, remembered", () => {
      const scripts: Scripts = new Map();
      compileOnceFor(executor(null), scripts)('exports.n = 1;', '/virtual/disposed.js');
      const fake = executor(createContext({}));
      const compile = compileOnceFor(fake, scripts);
      compile('exports.n = 1;', 'fs');
      compile('exports.m = import("x");', '/virtual/imports.js');
      compile('#!/usr/bin/env node\nexports.n = 1;', '/virtual/shebang.js');
      compile('#!/usr/bin/env node\nexports.n = 1;', '/virtual/shebang.js');
      compile('exports.n = ;', '/virtual/broken.js');
      expect(fake.own).toEqual(['fs', '/virtual/imports.js', '/virtual/shebang.js', '/virtual/shebang.js', '/virtual/broken.js']);
      expect([...scripts.keys()]).toEqual(['/virtual/imports.js', '/virtual/shebang.js', '/virtual/broken.js']);
      expect([...scripts.values()].every((known) => known.script === undefined)).toBe(true);
    });

    it('is refused for an executor that does not compile through this.compile() or lacks a part', () => {
      expect(usable(executor(null))).toBe(true);
      expect(usable({ ...executor(null), exec: () => undefined })).toBe(false);
      expect(usable({ ...executor(null), environment: {} })).toBe(false);
      expect(usable(undefined)).toBe(false);
    });
  });
});

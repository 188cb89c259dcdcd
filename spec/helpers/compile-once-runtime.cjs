// Jest's runtime, with one change: a worker compiles each module's code once, and every test file runs that one
// compiled script in its own context.
//
// Why: every test file gets fresh modules, so a worker used to compile rxjs, zod, the openai SDK, jest's own
// `expect` and our `src/` again for each of the ~40 files it runs, and then compile again each function they call.
// Jest compiles with `vm.compileFunction`, whose compiles V8 does not share (nodejs/node#35375). A `vm.Script` is
// compiled once and runs in any context: its functions' bytecode, compiled on their first call, serves every later
// file. Measured on this project's 2 cores, 2026-11-30:
// - the whole suite in one process (`node --cpu-prof node_modules/jest/bin/jest.js --runInBand`): 122.7 s and
//   129.5 CPU-s with jest's runtime, 93.6 s and 97.7 CPU-s with this one;
// - `npm test`, alternating: 64.2, 57.6 and 67.0 s (108 to 124 CPU-s) with jest's runtime; 57.8, 57.2 and 56.9 s
//   (105 to 107 CPU-s) with this one.
//
// What stays the same: each file still runs every module's code afresh in its own context, so modules, their state
// and their globals are the file's own; only compiled code is shared. Line numbers in stack traces are the module's
// own (the wrapper's first line is numbered 0).
//
// How: jest-runtime's module executor turns a CommonJS module's (transformed) code into a function with
// `compile()`. On this runtime's executor, `compile` is `compileOnceFor()`'s: `compileOnce()` first, and jest's own
// compile for code that may call `import()` (which needs a callback bound to the file's own runtime), for code that
// does not parse as a script (a syntax error, which jest reports, or a `#!` line, which jest accepts), and for
// Node's core modules. With V8 coverage (`--coverage --coverageProvider=v8`) the runtime is jest's own: V8 counts
// a file's coverage from functions compiled during that file. `jest-runtime` is a devDependency of its own: upgrade
// it with `jest` (the runtime refuses to start when jest's executor no longer looks as it expects).
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

class CompileOnceRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    if (this._coverageOptions?.collectCoverage && this._coverageOptions.coverageProvider === 'v8') return;
    if (!usable(this.executor)) {
      // Loud rather than silently slower: a jest upgrade changed what this relies on.
      throw new Error(
        "spec/helpers/compile-once-runtime.cjs: jest-runtime's module executor no longer compiles modules with " +
          'this.compile(), or lacks environment, resolution or injectedModuleParameters; adapt this runtime or ' +
          'remove `runtime` from jest.config.ts',
      );
    }
    this.executor.compile = compileOnceFor(this.executor, WORKER_SCRIPTS);
  }
}

/** This worker's compiled modules: filename -> the code, the wrapper's head, and the script (none: jest compiles it). */
const WORKER_SCRIPTS = new Map();

/** A replacement for `executor.compile` that goes through `compileOnce()` with `scripts`, else to jest's own. */
function compileOnceFor(executor, scripts) {
  const compileAlone = executor.compile.bind(executor);
  return (source, filename) => {
    const context = executor.environment.getVmContext();
    if (context == null || executor.resolution.isCoreModule(filename)) return compileAlone(source, filename);
    return compileOnce(scripts, source, filename, executor.injectedModuleParameters, context) ?? compileAlone(source, filename);
  };
}

/**
 * The module function of `source` (a function of `params` whose body is the code) in `context`, from the script
 * `scripts` holds for `filename` when it was compiled from the very same code and parameters, else from a new one
 * kept there. `undefined` for code that may call `import()` (its callback would be bound to the first file's
 * runtime) and for code that does not parse as a script: both are left to jest's compile, and remembered.
 */
function compileOnce(scripts, source, filename, params, context) {
  const head = `(function (${params.join(', ')}) {\n`;
  let known = scripts.get(filename);
  if (known === undefined || known.source !== source || known.head !== head) {
    known = { source, head, script: scriptOf(head, source, filename) };
    scripts.set(filename, known);
  }
  return known.script?.runInContext(context);
}

function scriptOf(head, source, filename) {
  if (/\bimport\s*\(/.test(source)) return undefined;
  try {
    // The code starts on the wrapper's second line, numbered 1 (`lineOffset`), so stack traces give its own lines.
    return new vm.Script(`${head}${source}\n})`, { filename, lineOffset: -1 });
  } catch {
    return undefined;
  }
}

/** Whether jest-runtime's module executor compiles through `this.compile()` and has what `compileOnceFor()` uses. */
function usable(executor) {
  return (
    executor != null &&
    typeof executor.compile === 'function' &&
    typeof executor.exec === 'function' &&
    /\bthis\.compile\(/.test(executor.exec.toString()) &&
    Array.isArray(executor.injectedModuleParameters) &&
    typeof executor.environment?.getVmContext === 'function' &&
    typeof executor.resolution?.isCoreModule === 'function'
  );
}

module.exports = CompileOnceRuntime;
module.exports.compileOnce = compileOnce;
module.exports.compileOnceFor = compileOnceFor;
module.exports.usable = usable;

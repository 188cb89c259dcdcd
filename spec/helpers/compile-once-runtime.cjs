// Jest's runtime, with one change: a worker compiles each module's code once, and every test file runs that one
// compiled script in its own context.
//
// Why: every test file gets fresh modules, so a worker used to compile rxjs, zod, the openai SDK, jest's own
// `expect` and our `src/` again for each of the ~40 files it runs, and then compile again each function they call.
// Jest compiles with `vm.compileFunction`, whose compiles V8 does not share (nodejs/node#35375). A `vm.Script` is
// compiled once and runs in any context: its functions' bytecode, compiled on their first call, serves every later
// file. Measured on this project's 2 cores, 2026-11-30:
// - the whole suite in one process (`node --cpu-prof node_modules/jest/bin/jest.js --runInBand`): 122.7 s and 129.5 CPU-s
//   with jest's runtime, 93.6 s and 97.7 CPU-s with this one;
// - `npm test`, alternating: 64.2, 57.6 and 67.0 s (108 to 124 CPU-s) with jest's runtime; 57.8, 57.2 and 56.9 s
//   (105 to 107 CPU-s) with this one.
//
// What stays the same: each file still runs every module's code afresh in its own context, so modules, their state
// and their globals are the file's own; only compiled code is shared (as it is between the modules of one Node
// process). Line numbers in stack traces are the module's own (the wrapper's first line is numbered 0).
//
// How: jest-runtime's module executor turns a module's (transformed) code into a function with `compile()`. On this
// runtime's executor, `compile` first asks `compileOnce()`; for code that may call `import()` (which needs a
// callback bound to the file's own runtime), and for Node's core modules, it is jest's compile as before.
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

class CompileOnceRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (!usable(executor)) {
      // Loud rather than silently slower: a jest upgrade changed what this relies on.
      throw new Error(
        "spec/helpers/compile-once-runtime.cjs: jest-runtime's module executor no longer has compile(), environment, " +
          'resolution and injectedModuleParameters; adapt this runtime or remove `runtime` from jest.config.ts',
      );
    }
    const compileAlone = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || executor.resolution.isCoreModule(filename)) return compileAlone(source, filename);
      try {
        return compileOnce(WORKER_SCRIPTS, source, filename, executor.injectedModuleParameters, context) ?? compileAlone(source, filename);
      } catch {
        // A syntax error: jest's compile throws it again, with its explanations.
        return compileAlone(source, filename);
      }
    };
  }
}

/** This worker's compiled modules: filename -> the code, the wrapper's head and the script (none for code that may call `import()`). */
const WORKER_SCRIPTS = new Map();

/**
 * The module function of `source` (a function of `params` whose body is the code) in `context`, from the script
 * `scripts` holds for `filename` when it was compiled from the very same code and parameters, else from a new one
 * kept there.
 * `undefined` for code that may call `import()`: its callback would be bound to the first file's runtime.
 */
function compileOnce(scripts, source, filename, params, context) {
  const head = `(function (${params.join(', ')}) {\n`;
  let known = scripts.get(filename);
  if (known === undefined || known.source !== source || known.head !== head) {
    // The code starts on the wrapper's second line, numbered 1 (`lineOffset`), so stack traces give its own lines.
    const script = /\bimport\s*\(/.test(source) ? undefined : new vm.Script(`${head}${source}\n})`, { filename, lineOffset: -1 });
    known = { source, head, script };
    scripts.set(filename, known);
  }
  return known.script?.runInContext(context);
}

/** Whether jest-runtime's module executor has what `compileOnce()` is plugged into. */
function usable(executor) {
  return (
    executor != null &&
    typeof executor.compile === 'function' &&
    Array.isArray(executor.injectedModuleParameters) &&
    typeof executor.environment?.getVmContext === 'function' &&
    typeof executor.resolution?.isCoreModule === 'function'
  );
}

module.exports = CompileOnceRuntime;
module.exports.compileOnce = compileOnce;

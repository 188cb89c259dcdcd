// Jest's node environment, with two fixes. One: the AsyncLocalStorage instances a test file creates are disabled
// when the file ends.
//
// Why: jest-circus creates an AsyncLocalStorage for every test file (its test execution context) and never disables
// it. A worker runs many files, and Node calls every enabled instance on every promise and async resource created
// in the process, so each file makes the next ones slower: after 60 files a `new Promise` costs about 50 times what
// it costs with none (node 20; measured by a plain script creating 300,000 promises: 58 ms with none, 2,780 ms
// with 60 enabled, 32 ms once they are disabled). Our specs are promise-heavy (HTTP to the emulator, streams); in a
// CPU profile of the whole suite run in band, AsyncLocalStorage propagation took 10 of 129 s.
//
// How: while a file runs, `AsyncLocalStorage` of node:async_hooks is a subclass that remembers its instances
// (jest-circus reads it when it loads, after setup()); teardown() disables them and puts the class back.
//
// Two, for the worker processes running the files: once a worker has nothing left to do, it exits at once rather
// than tearing its V8 heap down first.
//
// Why: after the run jest gives each worker 500 ms to exit, then kills it and prints "A worker process has failed to
// exit gracefully ... tests leaking due to improper teardown". A worker whose event loop has emptied still frees its
// whole heap before the process ends (V8's Isolate::Delete, page by page: nine tenths of a profiled worker's time
// after its 'exit' event). Measured on 2 cores (2026-12-02): 250 to 430 ms for a worker of 170 MB, 510 to 545 ms
// for workers of 300 to 340 MB (spec/relay and spec/testing, load average 7), so runs printed the warning with
// nothing left open. `process.exit()` skips that teardown (the same workers: 110 ms, and 124 to 291 ms).
// 'beforeExit' only comes once the loop is empty (a worker's IPC channel keeps it busy until jest tells the worker
// to end), so a file that leaves a timer, socket or server open still keeps its worker alive and still gets the
// warning.
const JEST_WORKER = /[\\/]jest-worker[\\/]build[\\/]processChild\.js$/;
if (typeof process.send === 'function' && JEST_WORKER.test(process.argv[1] ?? '')) {
  process.once('beforeExit', (code) => process.exit(code));
}

const asyncHooks = require('node:async_hooks');
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironment extends TestEnvironment {
  #created = [];
  #original = asyncHooks.AsyncLocalStorage;

  async setup() {
    await super.setup();
    const created = this.#created;
    asyncHooks.AsyncLocalStorage = class AsyncLocalStorage extends this.#original {
      constructor(...args) {
        super(...args);
        created.push(this);
      }
    };
  }

  async teardown() {
    asyncHooks.AsyncLocalStorage = this.#original;
    for (const storage of this.#created.splice(0)) storage.disable();
    await super.teardown();
  }
}

module.exports = NodeEnvironment;

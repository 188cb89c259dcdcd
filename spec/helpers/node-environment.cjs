// Jest's node environment, with one fix: the AsyncLocalStorage instances a test file creates are disabled when the file
// ends.
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

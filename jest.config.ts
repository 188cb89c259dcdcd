/**
 * Jest reads this file through ts-node, which by default type-checks it first (some 3 s of CPU before the first
 * test starts); `npm run typecheck` checks it already (tsconfig.json includes it), so jest only transpiles it.
 * @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"module": "CommonJS", "moduleResolution": "Node10"}}
 */
import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: '<rootDir>/spec/helpers/node-environment.cjs',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Type checking runs once for the whole project (`npm run typecheck`); per-file transpiling keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'CommonJS', moduleResolution: 'Node10', isolatedModules: true } }],
    // Angular ships ES modules only (spec/angular): converted to CommonJS, cached by jest.
    '^.+/node_modules/@angular/.+\\.mjs$': '<rootDir>/spec/helpers/esm-to-cjs.cjs',
  },
  // node_modules are not transformed, but for Angular's ES modules.
  transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // rxjs as one file (the UMD build it ships, the same code as its CommonJS files): every test file loads rxjs
    // afresh, and its CommonJS build is some 170 modules, each resolved, read and compiled per file (about a sixth
    // of all modules jest loaded in a run). Its entry points (`rxjs/operators`, `rxjs/testing`, ...) are parts of the
    // same file, so classes stay one (an Observable from Angular, from the library and from TestScheduler is the
    // same class).
    '^rxjs$': '<rootDir>/node_modules/rxjs/dist/bundles/rxjs.umd.js',
    '^rxjs/(operators|testing|ajax|fetch|webSocket)$': '<rootDir>/spec/helpers/rxjs-bundle/$1.cjs',
  },
  // Jest's runtime, but a worker compiles each module once and every test file runs that compiled script in its own
  // context (spec/helpers/compile-once-runtime.cjs says why, and what it measured).
  runtime: '<rootDir>/spec/helpers/compile-once-runtime.cjs',
  testTimeout: 20000,
  // Jest's default is one worker less than the cores: a single worker, so no overlap at all, on a 2-core machine.
  // Many specs wait on the emulator, timers or Chromium rather than compute, so one worker more than the cores keeps
  // them busy. Measured on 2 cores (`npm test`, warm, alternating, 2026-11-30): 3 workers 56.4 to 64.7 s (five
  // runs, mean 60.3 s), 2 workers 59.1 to 68.0 s (mean 65.1 s); earlier, 4 workers and recycling workers by memory
  // (`workerIdleMemoryLimit`) were slower. (Jest reads a percentage above 100 as a count: '150%' is 150 workers.)
  maxWorkers: availableParallelism() + 1,
};

export default config;

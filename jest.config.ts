/**
 * Jest reads this file through ts-node, which by default type-checks it first (some 3 s of CPU before the first
 * test starts); `npm run typecheck` checks it already (tsconfig.json includes it), so jest only transpiles it.
 * @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"module": "CommonJS", "moduleResolution": "Node10"}}
 */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
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
  },
  testTimeout: 20000,
  // Jest's default is one worker less than the cores: a single worker, so no overlap at all, on a 2-core machine.
  // Many specs wait on the emulator, timers or Chromium rather than compute, so use every core. Measured on 2 cores
  // (npm test, warm): 4 workers, or recycling workers by memory (`workerIdleMemoryLimit`), were slower.
  maxWorkers: '100%',
};

export default config;

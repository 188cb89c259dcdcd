/** What scripts around the example (screenshot.mjs) load in one bundle: the relay and the emulator. */
export { startRelay } from './relay.js';
export { startEmulator } from '../../../src/testing/index.js';

/**
 * `rx-openai-stream/testing`: an OpenAI API emulator for tests. {@link startEmulator} serves the Assistants
 * API (assistants, threads, messages, runs with their event streams, run steps), files and vector stores on
 * 127.0.0.1, with a deterministic scripted assistant, a request log, counters and fault injection.
 *
 * @example
 * import OpenAI from 'openai';
 * import { startEmulator, faultHeader } from 'rx-openai-stream/testing';
 *
 * const emulator = await startEmulator({ pacing: 0 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
 * emulator.inject({ kind: 'reset', afterEvents: 5 }); // the next stream breaks after 5 events
 * const stream = client.beta.threads.runs.stream(threadId, { assistant_id }, {
 *   headers: faultHeader({ kind: 'stall', afterEvents: 3 }), // or: this one request stalls
 * });
 * await emulator.close();
 */
export { startEmulator, type Emulator } from './emulator/emulator.js';
export { DEFAULT_PACING, type EmulatorOptions, type Pacing } from './emulator/options.js';
/**
 * What the emulator counts (`emulator.counters`).
 *
 * @example
 * const before = emulator.counters.runsCreated;
 * await callUnderTest();
 * expect(emulator.counters.runsCreated - before).toBe(1);
 */
export type { EmulatorCounters } from './emulator/counters.js';
export {
  FAULT_HEADER,
  faultHeader,
  type AnswerFault,
  type Fault,
  type FaultKind,
  type InjectOptions,
  type InjectedFault,
  type LatencyFault,
  type ReplyFault,
  type RequestFault,
  type RequestMatch,
  type StreamFault,
} from './emulator/faults.js';
export type {
  AnswerMatch,
  AnswerRequest,
  ModelAnswer,
  ScriptAnswerOptions,
  ScriptedAnswer,
  ScriptedApi,
  ScriptedToolCall,
} from './emulator/scripted-answers.js';
/**
 * The request log's types: one logged request, how its exchange ended, and a query for `waitForRequest`.
 *
 * @example
 * const record: RequestRecord = await emulator.waitForRequest({ method: 'POST', path: /\/runs$/ });
 * expect((await record.ended).outcome).toBe('client-closed');
 */
export type { RequestOutcome, RequestQuery, RequestRecord } from './emulator/request-log.js';

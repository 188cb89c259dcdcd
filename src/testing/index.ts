/**
 * `rx-openai-stream/testing`: an OpenAI API emulator for tests. {@link startEmulator} serves the Responses API
 * (streamed or not, background responses and their resumable streams, `previous_response_id`, conversations) and
 * Chat Completions on 127.0.0.1, with a deterministic model whose answers a test can choose
 * (`emulator.scriptAnswer`), a request log, counters and fault injection; the official `openai` SDK works against
 * it unchanged. It also serves the Assistants API (assistants, threads, messages, runs with their event streams,
 * run steps), files and vector stores, for code that still uses them (OpenAI shut the Assistants API down on
 * 2026-08-26). See `docs/testing.md`.
 *
 * @example
 * import OpenAI from 'openai';
 * import { startEmulator, faultHeader } from 'rx-openai-stream/testing';
 *
 * const emulator = await startEmulator({ pacing: 0 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
 * emulator.scriptAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }); // the model calls it
 * emulator.inject({ kind: 'reset', afterEvents: 5 }); // the next stream breaks after 5 events
 * const stream = client.responses.stream({ model: 'gpt-4o', input: 'Weather in Oslo?', tools }, {
 *   headers: faultHeader({ kind: 'stall', afterEvents: 3 }), // or: this one request stalls
 * });
 * await emulator.close();
 */
export { startEmulator, type Emulator } from './emulator/emulator.js';
export { DEFAULT_PACING, type EmulatorOptions, type Pacing, type StrictRequestChecks } from './emulator/options.js';
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
export type { ApiErrorBody } from './emulator/api-error.js';
/**
 * The types of scripted answers (`emulator.scriptAnswer`): what the model answers, which requests it is for, the
 * request a `match.when` predicate sees, and the handle.
 *
 * @example
 * const answer: ModelAnswer = { text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] };
 * const scripted: ScriptedAnswer = emulator.scriptAnswer(answer, { match: { api: 'responses' } });
 */
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

/** {@link startEmulator}: an OpenAI API emulator on 127.0.0.1 for tests, and the handle it resolves. */
import type { AddressInfo } from 'node:net';
import { zeroCounters, type EmulatorCounters } from './counters.js';
import { FaultRegistry, type Fault, type InjectOptions, type InjectedFault } from './faults.js';
import { resolveOptions, type EmulatorOptions } from './options.js';
import { RequestLog, type RequestQuery, type RequestRecord } from './request-log.js';
import { routes } from './routes/index.js';
import { RunEngine } from './run-engine.js';
import { AnswerScripts, type ModelAnswer, type ScriptAnswerOptions, type ScriptedAnswer } from './scripted-answers.js';
import { createApiServer } from './server.js';
import type { EmulatorState } from './state.js';
import { Store } from './store.js';
import { Timers } from './timers.js';

/**
 * A running emulator.
 *
 * @example
 * const emulator = await startEmulator({ pacing: 0 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url });
 * // ... use the client ...
 * await emulator.close();
 */
export interface Emulator {
  /** The base URL to give a client: `http://127.0.0.1:<port>/v1`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Every request received so far (since the start or the last {@link Emulator.reset}), oldest first (a live view). */
  readonly requests: readonly RequestRecord[];
  /** What was created, submitted, streamed and faulted so far (since the start or the last reset; a live view). */
  readonly counters: Readonly<EmulatorCounters>;
  /**
   * Makes requests fail (see {@link Fault}); by default the next one the fault applies to.
   *
   * @example
   * emulator.inject({ kind: 'rateLimit', retryAfterMs: 5 }, { times: 2, match: { method: 'POST' } });
   */
  inject(fault: Fault, options?: InjectOptions): InjectedFault;
  /**
   * Removes every injected fault.
   *
   * @example
   * afterEach(() => emulator.clearFaults());
   */
  clearFaults(): void;
  /**
   * Chooses what the model answers to the next request of Responses, Chat Completions or Assistants runs (a run's
   * creation or its tool outputs) that `options.match` matches, `options.times` times (default 1): a text, function
   * calls, a text then calls, or a refusal (see {@link ModelAnswer}). Scripted answers are taken in the order they
   * were added, before the generated ones, and streamed like them (same events, pacing and faults). Throws a
   * TypeError when the answer or the options are malformed.
   *
   * @example
   * emulator.scriptAnswer({ toolCalls: [
   *   { name: 'get_weather', arguments: { city: 'Oslo' } },
   *   { name: 'get_weather', arguments: { city: 'Rome' } },
   * ] });
   * emulator.scriptAnswer({ text: 'Oslo: 3C, Rome: 21C.' }); // the answer after the tool outputs
   * emulator.scriptAnswer({ refusal: "I can't help with that." }, { match: { api: 'chat', input: 'password' } });
   */
  scriptAnswer(answer: ModelAnswer, options?: ScriptAnswerOptions): ScriptedAnswer;
  /**
   * Removes every scripted answer: the model's answers are generated again.
   *
   * @example
   * afterEach(() => emulator.clearScriptedAnswers());
   */
  clearScriptedAnswers(): void;
  /**
   * Resolves with the request matching `query` (the `nth`, default the first), logged already or yet to come,
   * once the request was read: its `body`, `headers` and `idempotencyKey` are known (`status` and `ended` come
   * later). The log counts from the start or the last {@link Emulator.reset}; `after` looks only past a record (or
   * a number of records). Rejects after `timeout` ms, when `signal` aborts, and when the emulator is reset or
   * closed first; for a query with an unknown key it rejects with a TypeError.
   *
   * @example
   * const record = await emulator.waitForRequest({ method: 'POST', path: /\/runs$/, timeout: 2000 });
   * await record.ended;
   * const retry = await emulator.waitForRequest({ method: 'POST', path: /\/runs$/, after: record });
   */
  waitForRequest(query?: RequestQuery): Promise<RequestRecord>;
  /**
   * Makes the emulator as it was when it started, on the same port: the request log emptied (pending
   * `waitForRequest` calls reject), the counters at zero (in place: `emulator.counters` and `emulator.requests`
   * stay the same objects), every injected fault and scripted answer removed, every object forgotten (assistants,
   * threads, runs, files, vector stores, responses, conversations, `Idempotency-Key`s), the work of runs and
   * background responses stopped, and every exchange still open cut (a stalled stream: `server-closed`). For tests
   * that share one emulator.
   *
   * @example
   * beforeAll(async () => (emulator = await startEmulator({ pacing: 0 })));
   * afterEach(() => emulator.reset());
   * afterAll(() => emulator.close());
   */
  reset(): void;
  /**
   * Resolves when no run, background response and vector store file has work scheduled: every run has ended or
   * waits for tool outputs, every background response has settled (streams cut by a fault included: their runs and
   * responses go on to their end).
   *
   * @example
   * await emulator.idle();
   * const run = await client.beta.threads.runs.retrieve(runId, { thread_id: threadId }); // final form
   */
  idle(): Promise<void>;
  /**
   * Ends every open connection and stops listening; resolves when the server is closed.
   *
   * @example
   * afterAll(() => emulator.close());
   */
  close(): Promise<void>;
}

/**
 * Starts an OpenAI API emulator on 127.0.0.1 (an ephemeral port by default): Responses and Chat Completions (and
 * the Assistants API, files and vector stores, for code that still uses them). The official `openai` SDK works
 * against it unchanged; see `docs/testing.md` for the endpoints, the model's answers (generated, or chosen with
 * `scriptAnswer`) and the faults.
 *
 * @example
 * import OpenAI from 'openai';
 * import { startEmulator } from 'rx-openai-stream/testing';
 *
 * const emulator = await startEmulator({ pacing: 0 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: emulator.url });
 * const response = await client.responses.stream({ model: 'gpt-4o', input: 'Hello' }).finalResponse();
 * response.output_text; // 'You said: Hello'
 * emulator.scriptAnswer({ text: 'Bonjour !' });
 * const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
 * completion.choices[0].message.content; // 'Bonjour !'
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const counters = zeroCounters();
  // A fresh state at the start and on each reset (scripted answers included); the counters are the same object
  // throughout (a live view).
  const freshState = (): EmulatorState => {
    const store = new Store();
    const timers = new Timers();
    const runs = new RunEngine(store, timers, resolved, counters);
    return { store, options: resolved, counters, timers, runs, idempotency: new Map(), answers: new AnswerScripts() };
  };
  let state = freshState();
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const api = createApiServer(() => state, routes, faults, log);
  await new Promise<void>((resolve, reject) => {
    api.server.once('error', reject);
    api.server.listen(resolved.port, '127.0.0.1', () => {
      api.server.off('error', reject);
      resolve();
    });
  });
  const port = (api.server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests: log.records,
    counters,
    inject: (fault, injectOptions) => faults.inject(fault, injectOptions),
    clearFaults: () => faults.clear(),
    scriptAnswer: (answer, scriptOptions) => state.answers.add(answer, scriptOptions),
    clearScriptedAnswers: () => state.answers.clear(),
    waitForRequest: (query) => log.waitFor(query),
    idle: () => state.timers.whenIdle(),
    close: () => (closed ??= api.close()),
    reset: () => {
      state.runs.stopAll();
      state.timers.clear();
      api.dropExchanges();
      faults.clear();
      state.answers.clear(); // their handles say so: `remaining` 0, as the faults' do
      log.reset();
      Object.assign(counters, zeroCounters());
      state = freshState();
    },
  };
}

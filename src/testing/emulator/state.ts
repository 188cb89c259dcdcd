/** What every route handler can reach: the emulator's memory, options, counters, timers and runs. */
import type { EmulatorCounters } from './counters.js';
import type { ResolvedOptions } from './options.js';
import type { RunEngine } from './run-engine.js';
import type { AnswerScripts } from './scripted-answers.js';
import type { Store } from './store.js';
import type { Timers } from './timers.js';

/**
 * The state of one emulator, shared by its routes.
 *
 * @example
 * const thread = ctx.state.store.threads.get(ctx.params['thread_id']!);
 */
export interface EmulatorState {
  readonly store: Store;
  readonly options: ResolvedOptions;
  readonly counters: EmulatorCounters;
  readonly timers: Timers;
  readonly runs: RunEngine;
  /** The answers scripted by the test (`emulator.scriptAnswer`), taken before the generated ones. */
  readonly answers: AnswerScripts;
  /** The answers of requests sent with an `Idempotency-Key`, by key (see `server.ts`). */
  readonly idempotency: Map<string, IdempotentAnswer>;
}

/**
 * What the emulator remembers of a request sent with an `Idempotency-Key`: a request with the same key and the
 * same method, path and parameters (JSON body, or multipart parts) is answered with the first `answer` again, as it
 * was sent (not the object as it is now), instead of being handled a second time; with other parameters it is refused.
 *
 * @example
 * state.idempotency.get('rx-openai-stream-retry-...')?.answer?.text; // the run the first request created, as answered
 */
export interface IdempotentAnswer {
  readonly method: string;
  readonly path: string;
  /**
   * The request's parameters: its JSON body text, or for a multipart upload the digest of its parts (`formDigest`:
   * the boundary changes per attempt, the parts do not).
   */
  readonly request: string;
  /**
   * The first answer as it was sent, status and JSON text (a snapshot: the object may have changed since), or
   * `undefined` when it was an event stream (which cannot be replayed).
   */
  readonly answer: { readonly status: number; readonly text: string } | undefined;
}

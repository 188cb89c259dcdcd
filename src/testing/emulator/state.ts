/** What every route handler can reach: the emulator's memory, options, counters, timers and runs. */
import type { EmulatorCounters } from './counters.js';
import type { ResolvedOptions } from './options.js';
import type { RunEngine } from './run-engine.js';
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
}

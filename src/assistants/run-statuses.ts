/**
 * The run statuses the library branches on, without zod: what `assistantEvents()`, `finalRun()` and polling need
 * to judge a run settled, importable without the schemas.
 */
import type { RunStatus } from '../wire/assistants.js';

/**
 * The statuses after which a run changes no more: `completed`, `failed`, `cancelled`, `expired`, `incomplete`
 * (`requires_action` is not among them: the run continues once tool outputs are submitted).
 *
 * @example
 * TERMINAL_RUN_STATUSES.includes('completed'); // true
 */
export const TERMINAL_RUN_STATUSES = /* @__PURE__ */ Object.freeze([
  'completed',
  'failed',
  'cancelled',
  'expired',
  'incomplete',
] as const satisfies readonly RunStatus[]);
/**
 * A status after which a run changes no more.
 *
 * @example
 * if (isTerminalRunStatus(run.status)) {
 *   const status: TerminalRunStatus = run.status; // 'completed', 'failed', ...
 * }
 */
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

// The library's own sets: never handed out (the exported ones are copies), so nothing a caller does changes them.
const terminalRunStatuses: ReadonlySet<string> = /* @__PURE__ */ new Set(TERMINAL_RUN_STATUSES);
const settledRunStatuses: ReadonlySet<string> = /* @__PURE__ */ new Set([...TERMINAL_RUN_STATUSES, 'requires_action']);

/**
 * Whether a run status is terminal (see {@link TERMINAL_RUN_STATUSES}).
 *
 * @example
 * isTerminalRunStatus(run.status); // true for 'completed', false for 'requires_action'
 */
export function isTerminalRunStatus(status: string): status is TerminalRunStatus {
  return terminalRunStatuses.has(status);
}

/**
 * The statuses at which a run stops for now: terminal, or waiting for tool outputs (`requires_action`). A run
 * stream ends at them, polling stops at them, and `finalRun()` reports the last run in one of them.
 *
 * @example
 * RUN_SETTLED_STATUSES.has('requires_action'); // true
 */
export const RUN_SETTLED_STATUSES: ReadonlySet<string> = /* @__PURE__ */ frozenSet(settledRunStatuses);

/**
 * Whether a run status is one at which a run stops for now (see {@link RUN_SETTLED_STATUSES}): what the library
 * itself asks, of a set of its own.
 *
 * @internal
 * @example
 * if (isSettledRunStatus(run.status)) stopPolling();
 */
export function isSettledRunStatus(status: string): boolean {
  return settledRunStatuses.has(status);
}

/**
 * A copy of `values` to export: a `Set` whose `add`, `delete` and `clear` throw a `TypeError` (a constant shared by
 * every caller in the process). The library reads sets of its own, never these, so even a change forced through
 * `Set.prototype` changes nothing it does.
 *
 * @internal
 * @example
 * export const DONE: ReadonlySet<string> = frozenSet(['completed', 'failed']);
 */
export function frozenSet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values);
  const refuse = (): never => {
    throw new TypeError('This set is read-only: a constant every caller in the process shares');
  };
  for (const name of ['add', 'delete', 'clear']) Object.defineProperty(set, name, { value: refuse });
  return Object.freeze(set);
}

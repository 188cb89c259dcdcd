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

const terminalRunStatuses: ReadonlySet<string> = /* @__PURE__ */ frozenSet(TERMINAL_RUN_STATUSES);

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
export const RUN_SETTLED_STATUSES: ReadonlySet<string> = /* @__PURE__ */ frozenSet([...TERMINAL_RUN_STATUSES, 'requires_action']);

/**
 * A `Set` of `values` whose `add`, `delete` and `clear` throw a `TypeError`: for the constants the library exports
 * and reads itself, which one caller must not be able to change for every stream of the process.
 *
 * @internal
 * @example
 * const DONE = frozenSet(['completed', 'failed']);
 * DONE.has('completed'); // true
 */
export function frozenSet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values);
  const refuse = (): never => {
    throw new TypeError('This set is read-only: the library and every stream of the process share it');
  };
  for (const name of ['add', 'delete', 'clear']) Object.defineProperty(set, name, { value: refuse });
  return Object.freeze(set);
}

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
export const TERMINAL_RUN_STATUSES = ['completed', 'failed', 'cancelled', 'expired', 'incomplete'] as const satisfies
  readonly RunStatus[];
/**
 * A status after which a run changes no more.
 *
 * @example
 * if (isTerminalRunStatus(run.status)) {
 *   const status: TerminalRunStatus = run.status; // 'completed', 'failed', ...
 * }
 */
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

const terminalRunStatuses: ReadonlySet<string> = new Set(TERMINAL_RUN_STATUSES);

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
export const RUN_SETTLED_STATUSES: ReadonlySet<string> = new Set([...TERMINAL_RUN_STATUSES, 'requires_action']);

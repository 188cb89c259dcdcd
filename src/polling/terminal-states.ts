import { frozenSet, RUN_SETTLED_STATUSES } from '../assistants/run-statuses.js';

/**
 * Run statuses at which polling stops: the run finished, or it waits for tool outputs (`requires_action`).
 *
 * @example
 * if (RUN_POLL_TERMINAL_STATUSES.has(run.status)) stopPolling();
 */
export const RUN_POLL_TERMINAL_STATUSES: ReadonlySet<string> = RUN_SETTLED_STATUSES;

/**
 * Statuses at which vector store files and file batches are done processing.
 *
 * @example
 * if (FILE_POLL_TERMINAL_STATUSES.has(file.status)) stopPolling();
 */
export const FILE_POLL_TERMINAL_STATUSES: ReadonlySet<string> = /* @__PURE__ */ frozenSet(['completed', 'failed', 'cancelled']);

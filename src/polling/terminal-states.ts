import { frozenSet, RUN_SETTLED_STATUSES } from '../assistants/run-statuses.js';

// The library's own set (the exported one is a copy, see `frozenSet`).
const fileDoneStatuses: ReadonlySet<string> = /* @__PURE__ */ new Set(['completed', 'failed', 'cancelled']);

/**
 * Run statuses at which polling stops: the run finished, or it waits for tool outputs (`requires_action`).
 *
 * @example
 * if (RUN_POLL_TERMINAL_STATUSES.has(run.status)) stopPolling();
 */
export const RUN_POLL_TERMINAL_STATUSES: ReadonlySet<string> = /* @__PURE__ */ frozenSet(RUN_SETTLED_STATUSES);

/**
 * Statuses at which vector store files and file batches are done processing.
 *
 * @example
 * if (FILE_POLL_TERMINAL_STATUSES.has(file.status)) stopPolling();
 */
export const FILE_POLL_TERMINAL_STATUSES: ReadonlySet<string> = /* @__PURE__ */ frozenSet(fileDoneStatuses);

/**
 * Whether a vector store file or file batch is done processing (see {@link FILE_POLL_TERMINAL_STATUSES}), by the
 * library's own set.
 *
 * @internal
 * @example
 * if (isFileProcessingDone(file.status)) stopPolling();
 */
export function isFileProcessingDone(status: string): boolean {
  return fileDoneStatuses.has(status);
}

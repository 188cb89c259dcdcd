import { defer, finalize, type MonoTypeOperatorFunction } from 'rxjs';
import type { PendingTasksLike } from './options.js';

/**
 * Holds one task of the client's `pendingTasks` (Angular's `PendingTasks`: the app's stability) from the
 * subscription to the end of the source, however it ends: a call that polls (`createAndPoll()`) holds it through
 * the waits between its polls, when no request of its own does. Without `pendingTasks`, the source as it is.
 *
 * @internal
 * @example
 * pollUntilTerminal({ first, retrieve, isTerminal }).pipe(holdTask(transport.options.pendingTasks));
 */
export function holdTask<T>(pendingTasks: PendingTasksLike | undefined): MonoTypeOperatorFunction<T> {
  if (pendingTasks === undefined) return (source) => source;
  return (source) => defer(() => source.pipe(finalize(pendingTasks.add())));
}

import { catchError, type MonoTypeOperatorFunction, type Observable, throwError } from 'rxjs';
import { IncompleteStreamError, StreamTimeoutError } from '../../errors/stream-errors.js';

/**
 * Completes a cut stream: on a cut (see {@link isCut}), the events `recover(reason)` gives (those the server's
 * final objects hold and the stream did not deliver) follow what was delivered; when it gives `undefined` (the
 * client cannot tell what was missed) or there is no `recover`, the cut is reported as it is.
 *
 * @internal
 * @example
 * events$.pipe(recoverCut((reason) => runId ? missingRunEvents(reason, runId) : undefined));
 */
export function recoverCut<E>(recover: ((reason: unknown) => Observable<E> | undefined) | undefined): MonoTypeOperatorFunction<E> {
  return catchError((error: unknown) => (isCut(error) ? recover?.(error) : undefined) ?? throwError(() => error));
}

/**
 * A stream that was established and then stopped short: it ended early or reset (`IncompleteStreamError`), or
 * went silent (`StreamTimeoutError` `idle` / `first-event`).
 *
 * @internal
 * @example
 * isCut(new StreamTimeoutError('idle', 60_000)); // true
 */
export function isCut(error: unknown): boolean {
  return error instanceof IncompleteStreamError || (error instanceof StreamTimeoutError && (error.kind === 'idle' || error.kind === 'first-event'));
}

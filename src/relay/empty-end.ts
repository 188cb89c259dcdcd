import { type Observable, tap } from 'rxjs';

/**
 * `events$` as it is, and whether it completed without an event (so far): what tells a reconnect that has nothing
 * left to read. For one subscription: the flags are the call's, and each relay subscribes what it gets once (a
 * second subscription would share them).
 *
 * @internal
 * @example
 * const upstream = emptyEndWatch(EMPTY);
 * upstream.events$.subscribe({ complete: () => upstream.endedEmpty() }); // true
 */
export function emptyEndWatch<T>(events$: Observable<T>): { events$: Observable<T>; endedEmpty: () => boolean } {
  let seen = false;
  let completed = false;
  return {
    events$: events$.pipe(tap({ next: () => (seen = true), complete: () => (completed = true) })),
    endedEmpty: () => completed && !seen,
  };
}

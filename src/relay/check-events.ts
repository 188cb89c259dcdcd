import { isObservable, type Observable } from 'rxjs';
import { kindOf } from '../errors/excerpt.js';

/**
 * Throws a `TypeError` naming `where` when `events$` is no Observable (a Promise, an array, `undefined`): the
 * relays take the stream itself, as `client.responses.stream(...)` returns it. @internal
 *
 * @example
 * checkEvents(events$, 'toEventStreamBody'); // TypeError: toEventStreamBody: expected an Observable of events (got Promise)
 */
export function checkEvents(events$: unknown, where: string): asserts events$ is Observable<unknown> {
  if (isObservable(events$)) return;
  throw new TypeError(`${where}: expected an Observable of events (got ${kindOf(events$)})`);
}

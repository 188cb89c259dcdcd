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

/**
 * What a relay factory returned, when it is an Observable of events; otherwise a `TypeError` saying so (a factory
 * written `async`, which returns a Promise of the Observable, would relay the Observable itself as one event).
 *
 * @internal
 * @example
 * defer(() => checked(factory(lastEventId), 'relayToNodeResponse'));
 */
export function checked<T>(events$: Observable<T>, where: string): Observable<T> {
  if (isObservable(events$)) return events$;
  // A Promise is not waited for, so its rejection is nobody's: handled here, or it would end the process.
  const then = (events$ as { then?: unknown } | null)?.then;
  if (typeof then === 'function') then.call(events$, undefined, () => undefined);
  const got = kindOf(events$);
  const hint = 'an async factory returns a Promise';
  throw new TypeError(`${where}: the factory must return an Observable of events (got ${got}; ${hint})`);
}

import { defer, identity, type Observable, tap } from 'rxjs';
import { callEnds } from './abort-on.js';
import { attempt } from './layers/attempt.js';
import { fallBack } from './layers/fall-back.js';
import { recoverCut } from './layers/recover-cut.js';
import { retryStart } from './layers/retry-start.js';
import type { ClientProtocol } from './protocols/protocol.js';
import type { Transport } from './transport.js';

/**
 * A streaming call with the client's reliability, for any protocol (`./protocols/`): each subscription starts
 * the protocol's plan, then the layers, each one RxJS operator chained to the subscriber:
 *
 * 1. `attempt`: the request, read as the protocol's events with the first-event and idle timeouts (read on for the
 *    plan's `hold` when the subscriber leaves it once sent);
 * 2. `retryStart`: retries before the first event that adopt what a failed attempt created (run streams);
 * 3. `resume`: a cut stream streamed again after its last event (background responses);
 * 4. `fallBack`: a stream that cannot be established becomes a non-streaming request plus polling;
 * 5. `recoverCut`: a cut stream completed with the events the server's final objects say were missed;
 * 6. every delivered event counted and shown to the plan's `observe`;
 * 7. the caller's `signal`, or the client's, ends the call whatever it is doing (see `callEnds`).
 *
 * @internal
 * @example
 * streamCall(transport, chatProtocol, { transport, params, options }).pipe(textDeltas()).subscribe(print);
 */
export function streamCall<E, C>(transport: Transport, protocol: ClientProtocol<E, C>, call: C): Observable<E> {
  return defer(() => {
    let received = 0;
    const plan = protocol.start(call, () => received);
    const { spec, options, hold } = plan.request;
    return attempt(transport, plan.decode ? { ...protocol, decode: plan.decode } : protocol, spec, options, hold).pipe(
      plan.retry ? retryStart(plan.retry, () => received) : identity,
      plan.resume ?? identity,
      fallBack(plan.fallback, () => received),
      recoverCut(plan.recover),
      tap((event) => {
        received++;
        plan.observe?.(event);
      }),
      callEnds(transport, options?.signal),
    );
  });
}

import { concatMap, distinctUntilKeyChanged, from, map, of, type OperatorFunction, throwError } from 'rxjs';
import { ResponseStreamError } from '../../errors/stream-errors.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { type DeliveredResponse, isSettledResponse, missingResponseEvents } from '../recovery/settle-response.js';

/**
 * The fallback's events of a response followed until it settled: the non-streaming create's answer, then (for a
 * `queued` or `in_progress` response, such as a background one) each poll, the last one settled. The events are
 * those a stream would have carried, numbered from 0:
 * - the first state: `response.created` (without output; `in_progress` when the response already settled);
 * - each later change of status before it settled: `response.queued` / `response.in_progress`;
 * - the settled response: the events recovery builds for what a cut stream missed (`missingResponseEvents()`),
 *   here all of them: for each output item its `added` event, its text and refusal parts (one delta each) or its
 *   function-call arguments (one delta), its `done` events, then `response.completed` or `response.incomplete`
 *   with the whole response. A `failed` (or `cancelled`) response fails the stream with
 *   {@link ResponseStreamError} after its output events, as its `response.failed` event would have.
 *
 * Accumulating the events gives back the settled response.
 *
 * @internal
 * @example
 * create$.pipe(switchMap((created) => untilSettled(created.id, of({ data: created }), AFTER_CREATE)), fallbackResponseEvents()).pipe(finalResponse());
 */
export function fallbackResponseEvents(): OperatorFunction<Response, ResponseStreamEvent> {
  return (states) =>
    states.pipe(
      distinctUntilKeyChanged('status'),
      concatMap((response, index) => from(eventsOfState(response, index === 0))),
      map((event, sequence_number) => ({ ...event, sequence_number }) as unknown as ResponseStreamEvent),
      // As the stream's reader does with `response.failed`: the failed response is an error.
      concatMap((event) =>
        event.type === 'response.failed' ? throwError(() => new ResponseStreamError(event.type, JSON.stringify(event))) : of(event),
      ),
    );
}

/** The events one state of the response adds (numbered anew by the caller). */
function eventsOfState(response: Response, first: boolean): object[] {
  const pending = { ...response, output: [] };
  if (!isSettledResponse(response)) {
    return [{ type: first ? 'response.created' : response.status === 'queued' ? 'response.queued' : 'response.in_progress', response: pending }];
  }
  // The output's events and the terminal one, as recovery builds those a cut stream missed: here, all of them.
  return [
    ...(first ? [{ type: 'response.created', response: { ...pending, status: 'in_progress' } }] : []),
    ...missingResponseEvents(NOTHING_DELIVERED, response),
  ];
}

const NOTHING_DELIVERED: DeliveredResponse = { responseId: undefined, lastSequence: -1, settled: false, items: new Map() };

/**
 * How a Responses stream tells that it began after its start (a stream resumed with `starting_after`), shared by
 * the reducer, `finalResponse()` and the structured-output operators. Imports nothing, so that a bundle of
 * `finalParsed()` does not carry the reducer.
 */
import type { ResponseStreamEvent } from '../../wire/responses-api.js';

/**
 * Whether an event that came before any response shows that the stream began after its start: its
 * `sequence_number` is above 0 (events before it were not received, as after `starting_after`). A stream whose
 * events carry no sequence numbers does not tell.
 *
 * @internal
 * @example
 * if (snapshot === undefined && 'output_index' in event && beganAfterStart(event)) waitForTheEnd();
 */
export function beganAfterStart(event: ResponseStreamEvent): boolean {
  const sequence = (event as { sequence_number?: unknown }).sequence_number;
  return typeof sequence === 'number' && sequence > 0;
}

/**
 * Where a stream that began after its start began: the event's type and `sequence_number`.
 *
 * @internal
 * @example
 * throw new MissingStreamStartError('snapshot', startOf(event));
 */
export function startOf(event: ResponseStreamEvent): { eventName: string; sequenceNumber: number | undefined } {
  const sequence = (event as { sequence_number?: unknown }).sequence_number;
  return { eventName: event.type, sequenceNumber: typeof sequence === 'number' ? sequence : undefined };
}

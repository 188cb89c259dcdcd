import { concatMap, distinctUntilKeyChanged, from, map, of, type OperatorFunction, throwError } from 'rxjs';
import { ResponseStreamError } from '../../errors/stream-errors.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { isSettledResponse } from '../recovery/settle-response.js';

/**
 * The fallback's events of a response followed until it settled: the non-streaming create's answer, then (for a
 * `queued` or `in_progress` response, such as a background one) each poll, the last one settled. The events are
 * those a stream would have carried, numbered from 0:
 * - the first state: `response.created` (without output; `in_progress` when the response already settled);
 * - each later change of status before it settled: `response.queued` / `response.in_progress`;
 * - the settled response: for each output item its `added` event, its text parts (one `output_text.delta` each)
 *   or its function-call arguments (one delta), its `done` events, then `response.completed` or
 *   `response.incomplete` with the whole response. A `failed` (or `cancelled`) response fails the stream with
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

/** The events one state of the response adds (without sequence numbers). */
function eventsOfState(response: Response, first: boolean): Record<string, unknown>[] {
  const settled = isSettledResponse(response);
  const pending = { ...response, output: [] };
  if (!settled) return [{ type: first ? 'response.created' : response.status === 'queued' ? 'response.queued' : 'response.in_progress', response: pending }];
  const end = response.status === 'completed' ? 'response.completed' : response.status === 'incomplete' ? 'response.incomplete' : 'response.failed';
  return [
    ...(first ? [{ type: 'response.created', response: { ...pending, status: 'in_progress' } }] : []),
    ...outputEvents(response),
    { type: end, response },
  ];
}

/** For each output item of a settled response, the events that stream it. */
function outputEvents(response: Response): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const push = (event: Record<string, unknown>) => events.push(event);
  response.output.forEach((item, output_index) => {
    const raw = item as unknown as Record<string, unknown> & { type: string; id?: string };
    if (raw.type === 'message' && Array.isArray(raw['content'])) {
      const content = raw['content'] as Array<Record<string, unknown> & { type: string }>;
      push({ type: 'response.output_item.added', output_index, item: { ...raw, status: 'in_progress', content: [] } });
      content.forEach((part, content_index) => {
        const item_id = raw.id!;
        if (part.type === 'output_text') {
          push({ type: 'response.content_part.added', item_id, output_index, content_index, part: { ...part, text: '', annotations: [] } });
          push({ type: 'response.output_text.delta', item_id, output_index, content_index, delta: part['text'] });
          push({ type: 'response.output_text.done', item_id, output_index, content_index, text: part['text'] });
        } else {
          push({ type: 'response.content_part.added', item_id, output_index, content_index, part });
        }
        push({ type: 'response.content_part.done', item_id, output_index, content_index, part });
      });
    } else if (raw.type === 'function_call') {
      push({ type: 'response.output_item.added', output_index, item: { ...raw, status: 'in_progress', arguments: '' } });
      push({ type: 'response.function_call_arguments.delta', item_id: raw.id, output_index, delta: raw['arguments'] });
      push({ type: 'response.function_call_arguments.done', item_id: raw.id, output_index, name: raw['name'], arguments: raw['arguments'] });
    } else {
      push({ type: 'response.output_item.added', output_index, item: raw });
    }
    push({ type: 'response.output_item.done', output_index, item: raw });
  });
  return events;
}

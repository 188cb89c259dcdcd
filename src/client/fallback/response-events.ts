import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';

/**
 * The events a stream would have carried for a finished `response`: `response.created` (in progress, no
 * output), then for each output item its `added` event, its text parts (one `output_text.delta` each) or its
 * function-call arguments (one delta), its `done` events, and finally `response.completed` (or `incomplete`)
 * with the whole response. Accumulating them gives back `response`.
 *
 * @internal
 * @example
 * from(eventsOfResponse(response)).pipe(finalResponse());
 */
export function eventsOfResponse(response: Response): ResponseStreamEvent[] {
  const events: Record<string, unknown>[] = [];
  const push = (event: Record<string, unknown>) => events.push({ ...event, sequence_number: events.length });
  push({ type: 'response.created', response: { ...response, status: 'in_progress', output: [] } });
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
  push({ type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response });
  return events as unknown as ResponseStreamEvent[];
}

/**
 * Event types with runs of the same delta collapsed into one: a stream's shape whatever its number of deltas.
 *
 * @example
 * collapsedTypes(['response.output_text.delta', 'response.output_text.delta', 'response.completed']);
 * // ['response.output_text.delta', 'response.completed']
 */
export function collapsedTypes(types: readonly string[]): string[] {
  return types.filter((type, at, all) => !(type.endsWith('.delta') && all[at - 1] === type));
}

/** The event types of a Responses answer that is one message of text, deltas collapsed (see {@link collapsedTypes}). */
export const RESPONSES_TEXT_EVENTS: readonly string[] = [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.content_part.added',
  'response.output_text.delta',
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.completed',
];

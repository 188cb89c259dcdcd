import { filter, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, AssistantStreamEventName } from '../../wire/assistant-events.js';

/**
 * Keeps only the events of the given types, narrowing their type.
 *
 * @example
 * import { ofEventType } from 'rx-openai-stream';
 *
 * events$.pipe(ofEventType('thread.run.completed', 'thread.run.failed'))
 *   .subscribe((e) => console.log(e.event, e.data.usage)); // e.data is a Run
 */
export function ofEventType<K extends AssistantStreamEventName>(
  ...types: [K, ...K[]]
): OperatorFunction<AssistantStreamEvent, Extract<AssistantStreamEvent, { event: K }>> {
  // One type: a string compare per event; several: a Set lookup.
  if (types.length === 1) {
    const only = types[0];
    return filter((e): e is Extract<AssistantStreamEvent, { event: K }> => e.event === only);
  }
  const wanted: ReadonlySet<string> = new Set(types);
  return filter((e): e is Extract<AssistantStreamEvent, { event: K }> => wanted.has(e.event));
}

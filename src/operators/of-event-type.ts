import { filter, type OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, AssistantStreamEventName } from '../wire/assistant-events.js';
import type { ResponseStreamEvent, ResponseStreamEventOf, ResponseStreamEventType } from '../wire/response-events.js';

/**
 * Keeps only the events of the given types, narrowing their type: a run stream's events by their `event` name, a
 * Responses stream's by their `type` (what the SDK's `stream.on(type, listener)` listens to).
 *
 * @example
 * import { ofEventType } from 'rx-openai-stream';
 *
 * events$.pipe(ofEventType('thread.run.completed', 'thread.run.failed'))
 *   .subscribe((e) => console.log(e.event, e.data.usage)); // e.data is a Run
 *
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' })
 *   .pipe(ofEventType('response.output_text.delta'))
 *   .subscribe((e) => process.stdout.write(e.delta)); // e is a ResponseTextDeltaEvent
 */
export function ofEventType<K extends AssistantStreamEventName>(
  ...types: [K, ...K[]]
): OperatorFunction<AssistantStreamEvent, Extract<AssistantStreamEvent, { event: K }>>;
export function ofEventType<K extends ResponseStreamEventType>(
  ...types: [K, ...K[]]
): OperatorFunction<ResponseStreamEvent, ResponseStreamEventOf<K>>;
export function ofEventType<E extends AssistantStreamEvent | ResponseStreamEvent>(
  ...types: [string, ...string[]]
): OperatorFunction<E, E> {
  // A Responses event is named by `type`, a run stream's event by `event`. `type` is read first: a run event is built
  // here as `{ event, data }`, while a Responses event is the server's JSON, where a compatible server may add an
  // `event` key of its own.
  const nameOf = (e: AssistantStreamEvent | ResponseStreamEvent): unknown => ('type' in e ? e.type : e.event);
  // One type: a string compare per event; several: a Set lookup.
  if (types.length === 1) {
    const only = types[0];
    return filter((e) => nameOf(e) === only);
  }
  const wanted: ReadonlySet<unknown> = new Set(types);
  return filter((e) => wanted.has(nameOf(e)));
}

/**
 * Every event of an Assistants run stream by name, with the type of its `data`, and the unions derived from that
 * map. The payload interfaces themselves are in `./assistants.ts`.
 *
 * @example
 * import type { AssistantStreamEvent } from 'rx-openai-stream';
 * const onEvent = (e: AssistantStreamEvent) => e.event === 'thread.run.completed' && done(e.data);
 * @packageDocumentation
 */
import type { ErrorObject, Message, MessageDeltaEvent, Run, RunStep, RunStepDeltaEvent, Thread } from './assistants.js';

/**
 * The type of the `data` of every event of an Assistants run stream, by event name. `done` is not here: its data
 * is the text `[DONE]`, not JSON. `error` is here, but it is not a member of {@link AssistantStreamEvent}: it
 * ends the stream with an error instead of being emitted.
 *
 * @example
 * type Created = AssistantEventDataMap['thread.run.created']; // Run
 */
export interface AssistantEventDataMap {
  'thread.created': Thread;
  'thread.run.created': Run;
  'thread.run.queued': Run;
  'thread.run.in_progress': Run;
  'thread.run.requires_action': Run;
  'thread.run.completed': Run;
  'thread.run.incomplete': Run;
  'thread.run.failed': Run;
  'thread.run.cancelling': Run;
  'thread.run.cancelled': Run;
  'thread.run.expired': Run;
  'thread.run.step.created': RunStep;
  'thread.run.step.in_progress': RunStep;
  'thread.run.step.delta': RunStepDeltaEvent;
  'thread.run.step.completed': RunStep;
  'thread.run.step.failed': RunStep;
  'thread.run.step.cancelled': RunStep;
  'thread.run.step.expired': RunStep;
  'thread.message.created': Message;
  'thread.message.in_progress': Message;
  'thread.message.delta': MessageDeltaEvent;
  'thread.message.completed': Message;
  'thread.message.incomplete': Message;
  error: ErrorObject;
}

/**
 * Every event name that has a JSON `data`: `error` included.
 *
 * @example
 * const name: AssistantEventDataName = 'error';
 */
export type AssistantEventDataName = keyof AssistantEventDataMap;

/**
 * The name of an event emitted as a value: every name but `error`.
 *
 * @example
 * const name: AssistantStreamEventName = 'thread.message.delta';
 */
export type AssistantStreamEventName = Exclude<AssistantEventDataName, 'error'>;

/**
 * The type of the `data` of the event named `K`.
 *
 * @example
 * type Step = AssistantEventData<'thread.run.step.completed'>; // RunStep
 */
export type AssistantEventData<K extends AssistantEventDataName> = AssistantEventDataMap[K];

/**
 * One event of an Assistants run stream, discriminated by `event`: `{ event: 'thread.run.created', data: Run }`,
 * `{ event: 'thread.message.delta', data: MessageDeltaEvent }`, and so on (`error` and `done` excluded).
 *
 * @example
 * function onEvent(e: AssistantStreamEvent) {
 *   if (e.event === 'thread.message.delta') console.log(e.data.delta.content);
 * }
 */
export type AssistantStreamEvent = {
  [K in AssistantStreamEventName]: { event: K; data: AssistantEventData<K> };
}[AssistantStreamEventName];

/**
 * Every event of an Assistants run stream, by name, with the schema of its `data`. The event types are derived
 * from this map, never restated.
 */
import type { z } from 'zod';
import { ErrorObjectSchema } from './common.js';
import { MessageDeltaEventSchema } from './message-delta.js';
import { MessageSchema } from './message.js';
import { RunStepDeltaEventSchema } from './run-step-delta.js';
import { RunStepSchema } from './run-step.js';
import { RunSchema } from './run.js';
import { ThreadSchema } from './thread.js';

/**
 * The schema of the `data` of every event of an Assistants run stream, keyed by event name. `done` is not here:
 * its data is the text `[DONE]`, not JSON. `error` is here (its data is an {@link ErrorObject}) but it is not a
 * member of {@link AssistantStreamEvent}: it ends the stream with an error instead of being emitted.
 *
 * @example
 * const result = assistantEventDataSchemas['thread.run.created'].safeParse(json);
 * if (result.success) console.log(result.data.status); // 'queued'
 *
 * // Dispatch by name:
 * const schema = assistantEventDataSchemas[name as AssistantStreamEventName];
 * if (schema) schema.parse(json);
 */
export const assistantEventDataSchemas = {
  'thread.created': ThreadSchema,

  'thread.run.created': RunSchema,
  'thread.run.queued': RunSchema,
  'thread.run.in_progress': RunSchema,
  'thread.run.requires_action': RunSchema,
  'thread.run.completed': RunSchema,
  'thread.run.incomplete': RunSchema,
  'thread.run.failed': RunSchema,
  'thread.run.cancelling': RunSchema,
  'thread.run.cancelled': RunSchema,
  'thread.run.expired': RunSchema,

  'thread.run.step.created': RunStepSchema,
  'thread.run.step.in_progress': RunStepSchema,
  'thread.run.step.delta': RunStepDeltaEventSchema,
  'thread.run.step.completed': RunStepSchema,
  'thread.run.step.failed': RunStepSchema,
  'thread.run.step.cancelled': RunStepSchema,
  'thread.run.step.expired': RunStepSchema,

  'thread.message.created': MessageSchema,
  'thread.message.in_progress': MessageSchema,
  'thread.message.delta': MessageDeltaEventSchema,
  'thread.message.completed': MessageSchema,
  'thread.message.incomplete': MessageSchema,

  error: ErrorObjectSchema,
} as const;

/**
 * Every event name that has a JSON `data`: the keys of {@link assistantEventDataSchemas}, `error` included.
 *
 * @example
 * const schema = assistantEventDataSchemas[name as AssistantEventDataName]; // 'error' included
 */
export type AssistantEventDataName = keyof typeof assistantEventDataSchemas;

/**
 * The name of an event emitted as a value: every key of {@link assistantEventDataSchemas} but `error`.
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
export type AssistantEventData<K extends AssistantEventDataName> = z.infer<(typeof assistantEventDataSchemas)[K]>;

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

/**
 * The thread event names: `thread.created`.
 *
 * @example
 * THREAD_EVENT_NAMES[0]; // 'thread.created'
 */
export const THREAD_EVENT_NAMES = ['thread.created'] as const satisfies readonly AssistantStreamEventName[];

/**
 * The run event names, whose data is a {@link Run}.
 *
 * @example
 * (RUN_EVENT_NAMES as readonly string[]).includes(event.event);
 */
export const RUN_EVENT_NAMES = [
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
] as const satisfies readonly AssistantStreamEventName[];

/**
 * The run step event names: a {@link RunStep}, or a {@link RunStepDeltaEvent} for `thread.run.step.delta`.
 *
 * @example
 * (RUN_STEP_EVENT_NAMES as readonly string[]).includes(event.event); // true for 'thread.run.step.delta'
 */
export const RUN_STEP_EVENT_NAMES = [
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.delta',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
] as const satisfies readonly AssistantStreamEventName[];

/**
 * The message event names: a {@link Message}, or a {@link MessageDeltaEvent} for `thread.message.delta`.
 *
 * @example
 * events$.pipe(ofEventType(...MESSAGE_EVENT_NAMES)).subscribe((e) => console.log(e.event, e.data.id));
 */
export const MESSAGE_EVENT_NAMES = [
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.message.incomplete',
] as const satisfies readonly AssistantStreamEventName[];

/**
 * Every {@link AssistantStreamEventName}, family by family.
 *
 * @example
 * ASSISTANT_STREAM_EVENT_NAMES.length; // 23
 */
export const ASSISTANT_STREAM_EVENT_NAMES = [
  ...THREAD_EVENT_NAMES,
  ...RUN_EVENT_NAMES,
  ...RUN_STEP_EVENT_NAMES,
  ...MESSAGE_EVENT_NAMES,
] as const;

// Compile-time check: the families cover every event name of the map (fails to compile otherwise).
type Expect<T extends true> = T;
type EventFamiliesAreExhaustive = Expect<
  [Exclude<AssistantStreamEventName, (typeof ASSISTANT_STREAM_EVENT_NAMES)[number]>] extends [never] ? true : false
>;

/**
 * A thread event name.
 *
 * @example
 * const name: ThreadEventName = 'thread.created';
 */
export type ThreadEventName = (typeof THREAD_EVENT_NAMES)[number];
/**
 * A run event name.
 *
 * @example
 * const name: RunEventName = 'thread.run.requires_action';
 */
export type RunEventName = (typeof RUN_EVENT_NAMES)[number];
/**
 * A run step event name.
 *
 * @example
 * const name: RunStepEventName = 'thread.run.step.delta';
 */
export type RunStepEventName = (typeof RUN_STEP_EVENT_NAMES)[number];
/**
 * A message event name.
 *
 * @example
 * const name: MessageEventName = 'thread.message.completed';
 */
export type MessageEventName = (typeof MESSAGE_EVENT_NAMES)[number];

/**
 * The `thread.created` event.
 *
 * @example
 * const onThread = (e: ThreadStreamEvent) => console.log(e.data.created_at);
 */
export type ThreadStreamEvent = Extract<AssistantStreamEvent, { event: ThreadEventName }>;
/**
 * A `thread.run.*` event (not the step events); its data is a {@link Run}.
 *
 * @example
 * function onRun(e: RunStreamEvent) {
 *   if (e.event === 'thread.run.failed') console.error(e.data.last_error?.message);
 * }
 */
export type RunStreamEvent = Extract<AssistantStreamEvent, { event: RunEventName }>;
/**
 * A `thread.run.step.*` event.
 *
 * @example
 * function onStep(e: RunStepStreamEvent) {
 *   if (e.event === 'thread.run.step.delta') console.log(e.data.delta.step_details?.type);
 *   else console.log(e.data.status);
 * }
 */
export type RunStepStreamEvent = Extract<AssistantStreamEvent, { event: RunStepEventName }>;
/**
 * A `thread.message.*` event.
 *
 * @example
 * function onMessage(e: MessageStreamEvent) {
 *   if (e.event === 'thread.message.completed') console.log(e.data.content.length);
 * }
 */
export type MessageStreamEvent = Extract<AssistantStreamEvent, { event: MessageEventName }>;

const threadEventNames: ReadonlySet<string> = new Set(THREAD_EVENT_NAMES);
const runEventNames: ReadonlySet<string> = new Set(RUN_EVENT_NAMES);
const runStepEventNames: ReadonlySet<string> = new Set(RUN_STEP_EVENT_NAMES);
const messageEventNames: ReadonlySet<string> = new Set(MESSAGE_EVENT_NAMES);

/**
 * Whether an event is `thread.created`.
 *
 * @example
 * events$.pipe(filter(isThreadStreamEvent)).subscribe((e) => console.log(e.data.id));
 */
export function isThreadStreamEvent(event: AssistantStreamEvent): event is ThreadStreamEvent {
  return threadEventNames.has(event.event);
}

/**
 * Whether an event is a run event (its data is a {@link Run}).
 *
 * @example
 * events$.pipe(filter(isRunStreamEvent)).subscribe((e) => console.log(e.data.status));
 */
export function isRunStreamEvent(event: AssistantStreamEvent): event is RunStreamEvent {
  return runEventNames.has(event.event);
}

/**
 * Whether an event is a run step event.
 *
 * @example
 * events$.pipe(filter(isRunStepStreamEvent)).subscribe((e) => console.log(e.data.id));
 */
export function isRunStepStreamEvent(event: AssistantStreamEvent): event is RunStepStreamEvent {
  return runStepEventNames.has(event.event);
}

/**
 * Whether an event is a message event.
 *
 * @example
 * events$.pipe(filter(isMessageStreamEvent)).subscribe((e) => console.log(e.data.id));
 */
export function isMessageStreamEvent(event: AssistantStreamEvent): event is MessageStreamEvent {
  return messageEventNames.has(event.event);
}

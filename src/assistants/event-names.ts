import type {
  AssistantStreamEvent,
  AssistantStreamEventName,
} from '../wire/assistant-events.js';

/**
 * The thread event names: `thread.created`.
 *
 * @example
 * THREAD_EVENT_NAMES[0]; // 'thread.created'
 */
export const THREAD_EVENT_NAMES = /* @__PURE__ */ Object.freeze([
  'thread.created',
] as const satisfies readonly AssistantStreamEventName[]);

/**
 * The run event names, whose data is a {@link Run}.
 *
 * @example
 * (RUN_EVENT_NAMES as readonly string[]).includes(event.event);
 */
export const RUN_EVENT_NAMES = /* @__PURE__ */ Object.freeze([
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
] as const satisfies readonly AssistantStreamEventName[]);

/**
 * The run step event names: a {@link RunStep}, or a {@link RunStepDeltaEvent} for `thread.run.step.delta`.
 *
 * @example
 * (RUN_STEP_EVENT_NAMES as readonly string[]).includes(event.event); // true for 'thread.run.step.delta'
 */
export const RUN_STEP_EVENT_NAMES = /* @__PURE__ */ Object.freeze([
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.delta',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
] as const satisfies readonly AssistantStreamEventName[]);

/**
 * The message event names: a {@link Message}, or a {@link MessageDeltaEvent} for `thread.message.delta`.
 *
 * @example
 * events$.pipe(ofEventType(...MESSAGE_EVENT_NAMES)).subscribe((e) => console.log(e.event, e.data.id));
 */
export const MESSAGE_EVENT_NAMES = /* @__PURE__ */ Object.freeze([
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.message.incomplete',
] as const satisfies readonly AssistantStreamEventName[]);

/**
 * Every {@link AssistantStreamEventName}, family by family.
 *
 * @example
 * ASSISTANT_STREAM_EVENT_NAMES.length; // 23
 */
export const ASSISTANT_STREAM_EVENT_NAMES = /* @__PURE__ */ Object.freeze([
  ...THREAD_EVENT_NAMES,
  ...RUN_EVENT_NAMES,
  ...RUN_STEP_EVENT_NAMES,
  ...MESSAGE_EVENT_NAMES,
] as const);

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

const threadEventNames: ReadonlySet<string> = /* @__PURE__ */ new Set(THREAD_EVENT_NAMES);
const runEventNames: ReadonlySet<string> = /* @__PURE__ */ new Set(RUN_EVENT_NAMES);
const runStepEventNames: ReadonlySet<string> = /* @__PURE__ */ new Set(RUN_STEP_EVENT_NAMES);
const messageEventNames: ReadonlySet<string> = /* @__PURE__ */ new Set(MESSAGE_EVENT_NAMES);

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

import type { ResponseStreamEvent, ResponseStreamEventType } from '../wire/response-events.js';

/**
 * Every event type that carries a whole `Response` in `response`: the lifecycle events.
 *
 * @example
 * (RESPONSE_LIFECYCLE_EVENT_TYPES as readonly string[]).includes(event.type);
 */
export const RESPONSE_LIFECYCLE_EVENT_TYPES = /* @__PURE__ */ Object.freeze([
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
] as const satisfies readonly ResponseStreamEventType[]);

/**
 * A lifecycle event type: its event carries the whole response.
 *
 * @example
 * 'response.created' satisfies ResponseLifecycleEventType
 */
export type ResponseLifecycleEventType = (typeof RESPONSE_LIFECYCLE_EVENT_TYPES)[number];

/**
 * A lifecycle event: `response.created`, `.queued`, `.in_progress`, `.completed`, `.incomplete` or `.failed`.
 *
 * @example
 * e.response.status
 */
export type ResponseLifecycleEvent = Extract<ResponseStreamEvent, { type: ResponseLifecycleEventType }>;

const lifecycleTypes: ReadonlySet<string> = /* @__PURE__ */ new Set(RESPONSE_LIFECYCLE_EVENT_TYPES);

/**
 * Whether an event carries the whole response (a lifecycle event).
 *
 * @example
 * events$.pipe(filter(isResponseLifecycleEvent)).subscribe((e) => console.log(e.response.status));
 */
export function isResponseLifecycleEvent(event: ResponseStreamEvent): event is ResponseLifecycleEvent {
  return lifecycleTypes.has(event.type);
}

/**
 * Whether an event type is one of a Responses stream's own: `response.*`, `error`, or `keepalive` (which the API
 * sends while the model works, and streams by id while a background response does). Other typed events (the SDK's
 * transcription or image streams, values made of events) are not.
 *
 * @internal
 * @example
 * isResponseStreamType('keepalive'); // true
 * isResponseStreamType('transcript.text.delta'); // false
 */
export function isResponseStreamType(type: unknown): boolean {
  return typeof type === 'string' && (type.startsWith('response.') || type === 'error' || type === 'keepalive');
}

/**
 * Every event of an Assistants run stream, by name, with the schema of its `data`. The event types are derived
 * from this map, never restated.
 */
import type { z } from 'zod';
import type { AssistantEventDataMap } from '../../wire/assistant-events.js';
export type * from '../../wire/assistant-events.js';
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
export const assistantEventDataSchemas: { readonly [K in keyof AssistantEventDataMap]: z.ZodType<AssistantEventDataMap[K]> } = {
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
};

/**
 * zod schemas of every Assistants API stream event, and the types inferred from them.
 *
 * Each schema is exported as `XxxSchema` and its type as `Xxx` (`RunSchema` / `Run`), named after the official
 * SDK's types where it has one. Schemas have no defaults and no transforms: a validated value's type is the
 * parsed JSON's type, so callers validate and then emit the JSON object itself (unknown fields included).
 * {@link assistantEventDataSchemas} maps every event name to the schema of its `data`.
 *
 * @example
 * import { assistantEventDataSchemas } from 'rx-openai-stream/schemas';
 * import { isTerminalRunStatus, type AssistantStreamEvent } from 'rx-openai-stream';
 *
 * const result = assistantEventDataSchemas['thread.run.completed'].safeParse(JSON.parse(sse.data));
 * if (!result.success) throw new Error(result.error.message);
 * const event = { event: 'thread.run.completed', data: result.data } satisfies AssistantStreamEvent;
 * isTerminalRunStatus(event.data.status); // true
 */
export * from './common.js';
export * from './thread.js';
export * from './run.js';
export * from './run-step.js';
export * from './run-step-delta.js';
export * from './message.js';
export * from './message-delta.js';
export * from './events.js';

/**
 * `rx-openai-stream/schemas`: zod schemas of everything the OpenAI APIs send, written from the public OpenAPI
 * description, each typed against the declared interface of the same name (`RunSchema` checks a `Run`). They
 * check full OpenAPI conformance, which the library's sources do not do by default (they check only the fields
 * they read, and let the rest through as the real API sends it). Import them to validate strictly, in tests or
 * at a boundary of your own; they cost what zod's full API costs in a bundle, so the main entry leaves them out.
 *
 * @example
 * import { ResponseSchema, responseEventDataSchemas } from 'rx-openai-stream/schemas';
 *
 * const strict = responseEventDataSchemas['response.completed'].safeParse(event);
 * if (!strict.success) console.warn('off the OpenAPI description', strict.error.issues);
 *
 * @packageDocumentation
 */
export * from './schema/assistants/index.js';
export * from './schema/chat/index.js';
export * from './schema/resources.js';
// Responses: everything but the tools at the top level, and every Responses schema in the `Responses`
// namespace (`Responses.FunctionToolSchema`), as in the main entry's types.
export * from './schema/responses/common.js';
export * from './schema/responses/content.js';
export * from './schema/responses/output-items.js';
export * from './schema/responses/input-items.js';
export * from './schema/responses/response.js';
export * from './schema/responses/events.js';
export * from './schema/responses/stream-event.js';
/**
 * The Responses API's zod schemas in one namespace, named as in the main entry's `Responses` types.
 *
 * @example
 * import { Responses } from 'rx-openai-stream/schemas';
 * Responses.FunctionToolSchema.safeParse(tool).success; // true for a valid function tool
 */
export * as Responses from './schema/responses/index.js';
export type { ObjectSchema } from './schema/object-schema.js';

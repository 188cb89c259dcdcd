/**
 * zod schemas of every Responses API stream event, the response object and everything it references, and the
 * types inferred from them. Each schema is exported as `XxxSchema` and its type as `Xxx`, named after the
 * official SDK's types (`Response`, `ResponseOutputItem`, `ResponseTextDeltaEvent`, `FunctionTool`, ...). No
 * defaults, no transforms: a validated value's type is the parsed JSON's type, so the JSON object itself is
 * emitted (unknown fields included). {@link responseEventDataSchemas} maps every event type to its schema.
 *
 * @example
 * import { responseEventDataSchemas } from 'rx-openai-stream/schemas';
 *
 * const result = responseEventDataSchemas['response.output_text.delta'].safeParse(JSON.parse(sse.data));
 * if (result.success) process.stdout.write(result.data.delta);
 */
export * from './common.js';
export * from './content.js';
export * from './tools.js';
export * from './output-items.js';
export * from './input-items.js';
export * from './response.js';
export * from './events.js';
export * from './stream-event.js';

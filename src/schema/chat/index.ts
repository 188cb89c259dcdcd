/**
 * zod schemas of the Chat Completions API's streamed chunks and whole completions, and the types inferred from
 * them. Each schema is exported as `XxxSchema` and its type as `Xxx`, named after the official SDK's types.
 * No defaults, no transforms: a validated value's type is the parsed JSON's type, so the JSON object itself is
 * emitted.
 *
 * @example
 * import { ChatCompletionChunkSchema } from 'rx-openai-stream/schemas';
 *
 * const result = ChatCompletionChunkSchema.safeParse(JSON.parse(sse.data));
 * if (result.success) console.log(result.data.choices[0]?.delta?.content);
 */
export * from './chunk.js';
export * from './completion.js';

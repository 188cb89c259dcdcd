/**
 * `rx-openai-stream/structured`: Structured Outputs with zod. A zod schema becomes the request's `text.format`
 * (Responses), `response_format` (Chat Completions) or strict function tool; while the answer streams,
 * `partialParsed()` emits the deep-partial object after each delta; at the end `structuredOutput()` /
 * `finalParsed()` give the object validated by the schema, and `parsedToolCalls()` the validated arguments of each
 * tool call; `parseStructuredOutput()` (or `finalParsed()` on `create()`) parses a finished, non-streamed answer.
 * A subpath of its own, since its types are zod's: the main entry's declarations stay free of them. Schemas are
 * zod 4's (classic or `zod/mini`) or zod 3's (`zod/v3`, or a zod@3 install: the official SDK's helpers take both).
 * The error classes (`StructuredOutputError` and its subclasses) are in the main entry, with every other error.
 *
 * @example
 * import { z } from 'zod';
 * import { createClient } from 'rx-openai-stream';
 * import { zodTextFormat, partialParsed, finalParsed } from 'rx-openai-stream/structured';
 *
 * const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) });
 * const events$ = createClient().responses.stream({ model: 'gpt-4o', input: 'A pancake recipe',
 *   text: { format: zodTextFormat(Recipe, 'recipe') } });
 * events$.pipe(partialParsed(Recipe)).subscribe((partial) => render(partial));
 *
 * @packageDocumentation
 */
export { createPartialJsonParser, type PartialJsonParser, type DeepPartial } from './partial-json-parser.js';
export { toStrictJsonSchema } from './strict-json-schema.js';
export type { JsonSchemaNode } from './strict-schema-rules.js';
export type { AnyZodSchema, Zod3Schema, Zod3SafeParseResult, ZodInput, ZodOutput } from './zod-schema.js';
export {
  zodTextFormat,
  zodResponseFormat,
  zodFunction,
  zodResponsesFunction,
  type JsonSchemaTextFormat,
  type JsonSchemaResponseFormat,
  type StrictChatFunctionTool,
  type StrictResponsesFunctionTool,
} from './request-formats.js';
export type { StructuredOutputStreamValue, StructuredOutputOptions } from './structured-text.js';
export { partialParsed } from './partial-parsed.js';
export { structuredOutput, type StructuredOutputSnapshot } from './structured-output.js';
export { finalParsed } from './final-parsed.js';
export { parseStructuredOutput, type StructuredOutputFinal } from './parse-structured-output.js';
export { parsedToolCalls, type ParsedToolCall } from './parsed-tool-calls.js';
export {
  zodTool,
  jsonSchemaTool,
  type RunnableTool,
  type JsonSchemaTool,
  type JsonSchemaObject,
  type ToolLoopTool,
  type ToolContext,
} from './loop-tools.js';
export {
  type ToolOutput,
  type ResponsesToolOutput,
  type ChatToolOutput,
  type ChatTextContentPart,
  type ToolLoopCall,
  type ToolCallOutcome,
  type ToolLoopTurn,
  type ToolLoopStopReason,
  type ToolLoopResult,
  type ToolLoopEvent,
  type ToolLoopCallOptions,
  type ToolLoopOptions,
} from './tool-loop.js';
export {
  runResponsesTools,
  type McpApprovalVerdict,
  type ResponsesToolLoopOptions,
  type ResponsesToolsClient,
  type ResponsesToolLoopEvent,
  type ResponsesToolsHistoryItem,
} from './run-responses-tools.js';
export { runChatTools, type ChatToolsClient, type ChatToolsMessage, type ChatToolLoopEvent } from './run-chat-tools.js';
export { toolLoopResult } from './tool-loop-result.js';
export type { ToolLoopUsage } from '../protocols/protocol.js';

/**
 * Every type of the Responses API in one module: objects, stream events and their map, tools. The main entry
 * exports it as the `Responses` namespace (`Responses.FunctionTool`), since some official names are the
 * Assistants API's too.
 *
 * @example
 * import type { Responses } from 'rx-openai-stream';
 * const tool: Responses.FunctionTool = { type: 'function', name: 'f', parameters: {}, strict: true };
 * @packageDocumentation
 */
export type * from './responses.js';
export type * from './responses-tools.js';
export type * from './response-events.js';

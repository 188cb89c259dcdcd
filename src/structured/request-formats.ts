/**
 * Request parameters for Structured Outputs built from zod schemas (zod 4's or zod 3's), in the shapes the API
 * takes (the same shapes, key for key, that the official SDK's `openai/helpers/zod` gives). They are plain
 * JSON-ready objects: parsing the answer is the operators' job (`partialParsed`, `structuredOutput`,
 * `finalParsed`, `parsedToolCalls`).
 */
import { StructuredOutputSchemaError } from '../errors/structured-errors.js';
import { toStrictJsonSchema } from './strict-json-schema.js';
import type { AnyZodSchema } from './zod-schema.js';

/**
 * The Responses API `text.format` for a JSON schema.
 *
 * @example
 * const format: JsonSchemaTextFormat = zodTextFormat(Weather, 'weather');
 * client.responses.stream({ model, input, text: { format } });
 */
export interface JsonSchemaTextFormat {
  type: 'json_schema';
  /** The model-visible name of the format. */
  name: string;
  /** The strict JSON Schema. */
  schema: Record<string, unknown>;
  strict: true;
  /** What the format is for, for the model. */
  description?: string | undefined;
}

/**
 * The Chat Completions `response_format` for a JSON schema.
 *
 * @example
 * const response_format: JsonSchemaResponseFormat = zodResponseFormat(Weather, 'weather');
 * client.chat.completions.stream({ model, messages, response_format });
 */
export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  json_schema: {
    /** The model-visible name of the format. */
    name: string;
    /** The strict JSON Schema. */
    schema: Record<string, unknown>;
    strict: true;
    /** What the format is for, for the model. */
    description?: string | undefined;
  };
}

/**
 * A strict Chat Completions function tool (`tools[]` entry).
 *
 * @example
 * const tools: StrictChatFunctionTool[] = [zodFunction({ name: 'get_weather', parameters: Weather })];
 */
export interface StrictChatFunctionTool {
  type: 'function';
  function: {
    name: string;
    /** The strict JSON Schema of the arguments. */
    parameters: Record<string, unknown>;
    strict: true;
    description?: string | undefined;
  };
}

/**
 * A strict Responses API function tool (`tools[]` entry).
 *
 * @example
 * const tools: StrictResponsesFunctionTool[] = [zodResponsesFunction({ name: 'get_weather', parameters: Weather })];
 */
export interface StrictResponsesFunctionTool {
  type: 'function';
  name: string;
  /** The strict JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  strict: true;
  description?: string | undefined;
  /** Whether the tool is loaded only when the model searches for it. */
  defer_loading?: boolean | undefined;
}

/**
 * The Responses API `text.format` asking for JSON that matches `schema` (strict Structured Outputs), a zod 4
 * schema (classic or `zod/mini`) or a zod 3 one (`zod/v3`, or a zod@3 install). Throws
 * `StructuredOutputSchemaError` for what strict mode cannot represent (an optional field that is not nullable, a
 * record, an intersection that is not of two plain objects, a tuple, a date, a zod 4 transform, a root that is not
 * an object). A zod 3 transform is not refused: it is written as its input side, what the model writes, and applies
 * when the answer is parsed.
 *
 * @example
 * import { z } from 'zod';
 * import { zodTextFormat, finalParsed } from 'rx-openai-stream/structured';
 *
 * const Weather = z.object({ city: z.string(), celsius: z.number() });
 * client.responses
 *   .stream({ model: 'gpt-4o', input: 'Weather in Paris?', text: { format: zodTextFormat(Weather, 'weather') } })
 *   .pipe(finalParsed(Weather))
 *   .subscribe((weather) => console.log(weather.celsius));
 *
 * // A zod 3 schema, as the official SDK's helpers take it:
 * import { z as z3 } from 'zod/v3';
 * const Weather3 = z3.object({ city: z3.string(), celsius: z3.number() });
 * client.responses
 *   .stream({ model: 'gpt-4o', input: 'Weather in Paris?', text: { format: zodTextFormat(Weather3, 'weather') } })
 *   .pipe(finalParsed(Weather3))
 *   .subscribe((weather) => console.log(weather.celsius));
 */
export function zodTextFormat(schema: AnyZodSchema, name: string, props: { description?: string | undefined } = {}): JsonSchemaTextFormat {
  return { type: 'json_schema', ...described(props), name, strict: true, schema: toStrictJsonSchema(schema) };
}

/**
 * The `description` of a format's `props`, the one field they take. The official SDK's option `schemaDefinitions`
 * is refused rather than sent to the API: with zod 4, a schema with an id (`.meta({ id: 'Address' })`) is written
 * as a definition and referred to; a zod 3 schema is written inline where it is used (a recursive one becomes a
 * definition).
 */
function described(props: { description?: string }): { description?: string } {
  if (props !== null && typeof props === 'object' && 'schemaDefinitions' in props) {
    throw new StructuredOutputSchemaError(
      '`schemaDefinitions` (an option of the official SDK) is not taken: with zod 4, give a shared schema an id (`.meta({ id: "Address" })`) and it becomes a definition; a zod 3 schema is written inline where it is used',
      '<root>',
    );
  }
  return props.description === undefined ? {} : { description: props.description };
}

/**
 * The Chat Completions `response_format` asking for JSON that matches `schema` (strict Structured Outputs), a zod 4
 * or a zod 3 schema. Throws `StructuredOutputSchemaError` like {@link zodTextFormat}.
 *
 * @example
 * import { zodResponseFormat, finalParsed } from 'rx-openai-stream/structured';
 *
 * client.chat.completions
 *   .stream({ model: 'gpt-4o', messages, response_format: zodResponseFormat(Weather, 'weather') })
 *   .pipe(finalParsed(Weather))
 *   .subscribe((weather) => console.log(weather.city));
 */
export function zodResponseFormat(
  schema: AnyZodSchema,
  name: string,
  props: { description?: string | undefined } = {},
): JsonSchemaResponseFormat {
  return { type: 'json_schema', json_schema: { ...described(props), name, strict: true, schema: toStrictJsonSchema(schema) } };
}

/**
 * A strict Chat Completions function tool whose arguments match `parameters` (a zod 4 or a zod 3 schema). Get the
 * validated arguments of the model's calls with `parsedToolCalls({ [name]: parameters })`.
 *
 * @example
 * import { zodFunction, parsedToolCalls } from 'rx-openai-stream/structured';
 *
 * const GetWeather = z.object({ city: z.string() });
 * client.chat.completions
 *   .stream({ model: 'gpt-4o', messages, tools: [zodFunction({ name: 'get_weather', parameters: GetWeather })] })
 *   .pipe(parsedToolCalls({ get_weather: GetWeather }))
 *   .subscribe((call) => console.log(call.name, call.parsedArguments.city));
 */
export function zodFunction(options: { name: string; parameters: AnyZodSchema; description?: string | undefined }): StrictChatFunctionTool {
  return {
    type: 'function',
    function: {
      name: options.name,
      parameters: toStrictJsonSchema(options.parameters),
      strict: true,
      ...(options.description ? { description: options.description } : undefined),
    },
  };
}

/**
 * A strict Responses API function tool whose arguments match `parameters` (a zod 4 or a zod 3 schema). Get the
 * validated arguments of the model's calls with `parsedToolCalls({ [name]: parameters })`.
 *
 * @example
 * import { zodResponsesFunction, parsedToolCalls } from 'rx-openai-stream/structured';
 *
 * client.responses
 *   .stream({ model: 'gpt-4o', input, tools: [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })] })
 *   .pipe(parsedToolCalls({ get_weather: GetWeather }))
 *   .subscribe((call) => console.log(call.callId, call.parsedArguments.city));
 */
export function zodResponsesFunction(options: {
  name: string;
  parameters: AnyZodSchema;
  description?: string | undefined;
  defer_loading?: boolean | undefined;
}): StrictResponsesFunctionTool {
  return {
    type: 'function',
    name: options.name,
    parameters: toStrictJsonSchema(options.parameters),
    strict: true,
    ...(options.defer_loading === undefined ? {} : { defer_loading: options.defer_loading }),
    ...(options.description ? { description: options.description } : undefined),
  };
}

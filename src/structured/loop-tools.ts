/**
 * The tools a loop runs (`zodTool()`, `jsonSchemaTool()`), and how a loop checks its options and declares its tools
 * to the API (`declareTools()`), before any request.
 */
import type { Observable } from 'rxjs';
import { kindOf } from '../errors/excerpt.js';
import { StructuredOutputSchemaError } from '../errors/structured-errors.js';
import { ToolLoopDefinitionError } from '../errors/tool-loop-errors.js';
import { toStrictJsonSchema } from './strict-json-schema.js';
import type { ToolLoopOptions } from './tool-loop.js';
import { isZodSchema, type AnyZodSchema, type ZodOutput } from './zod-schema.js';

/**
 * What a tool's `execute` gets besides its arguments: a signal aborted when the loop is unsubscribed while the
 * tool runs, the call's id and the step (0 for the first model request).
 *
 * @example
 * const execute = async (args: { city: string }, { signal }: ToolContext) =>
 *   (await fetch(`https://wttr.in/${args.city}?format=3`, { signal })).text();
 */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly callId: string;
  readonly step: number;
}

/**
 * A function tool the loop can run, declared with a zod schema (zod 4's, or zod 3's): its name, description and zod
 * parameters (sent as a strict function tool), and `execute`, given the arguments parsed and validated by the schema. It returns a
 * value, a Promise or an Observable (its last value is the result, once it completes: one that never completes holds
 * the loop, so answer with `first()` of a store's state; an Observable tool is unsubscribed when the loop is). A string result is sent to the model as it is, `undefined` as `''`, an array of content parts the API
 * takes (see {@link ToolOutput}) as it is, any other value JSON-stringified.
 *
 * @example
 * const getWeather: RunnableTool<typeof GetWeather, { temperature: number }> = {
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: GetWeather,
 *   execute: async ({ city }, { signal }) => weatherApi(city, signal),
 * };
 */
export interface RunnableTool<S extends AnyZodSchema = AnyZodSchema, R = unknown> {
  readonly name: string;
  readonly description?: string | undefined;
  readonly parameters: S;
  /** Runs one call (method syntax: a tool of any schema fits a list of `RunnableTool`s). */
  execute(args: ZodOutput<S>, context: ToolContext): R | PromiseLike<R> | Observable<R>;
}

/**
 * A JSON Schema, as a plain object (`{ type: 'object', properties: { ... }, required: [...] }`).
 *
 * @example
 * const parameters: JsonSchemaObject = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
 */
export type JsonSchemaObject = { readonly [keyword: string]: unknown };

/**
 * A function tool the loop can run, declared with a plain JSON Schema rather than zod (what the official SDK's
 * `runTools()` takes as `{ type: 'function', function: { name, parameters, strict, function, parse } }`, tools
 * read from an MCP server, a schema written by hand). `parameters` is sent as it is; `strict` (default `false`,
 * always sent) asks the API to enforce it, which it does only for a schema strict mode accepts (every property in
 * `required`, `additionalProperties: false`: the API refuses the request otherwise). The arguments text becomes
 * `execute`'s argument through `parse` (default: `JSON.parse`, with the library's `StructuredOutputParseError`
 * for text that is not JSON); a `parse` that throws or rejects makes the call's arguments invalid, as a zod
 * tool's schema does (`onInvalidArguments`). Results are sent as for {@link RunnableTool}.
 *
 * @example
 * const getWeather: JsonSchemaTool<{ city: string }, string> = {
 *   name: 'get_weather',
 *   parameters: { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' } }, required: ['city'] },
 *   execute: ({ city }) => `sunny in ${city}`,
 * };
 */
export interface JsonSchemaTool<A = unknown, R = unknown> {
  readonly name: string;
  readonly description?: string | undefined;
  /** The JSON Schema of the arguments, sent as it is. */
  readonly parameters: JsonSchemaObject;
  /** Whether the API enforces `parameters` (strict Structured Outputs). Default `false`. */
  readonly strict?: boolean | undefined;
  /**
   * Turns the arguments text into `execute`'s argument (default `JSON.parse`): validate here (ajv, a schema's
   * `parse`, ...). A throw or a rejection makes the arguments invalid (`onInvalidArguments`).
   */
  parse?: ((args: string) => A | PromiseLike<A>) | undefined;
  /** Runs one call (method syntax: a tool of any argument type fits a list of tools). */
  execute(args: A, context: ToolContext): R | PromiseLike<R> | Observable<R>;
}

/**
 * A tool of a tool loop: declared with zod ({@link RunnableTool}, `zodTool()`) or with a JSON Schema
 * ({@link JsonSchemaTool}, `jsonSchemaTool()`). The loop tells them apart by `parameters`: a zod schema (zod 4's
 * `_zod`, zod 3's `_def.typeName` and `safeParse`), or a plain JSON Schema object.
 *
 * @example
 * const tools: ToolLoopTool[] = [zodTool({ ... }), jsonSchemaTool({ ... })];
 */
export type ToolLoopTool = RunnableTool | JsonSchemaTool;

/**
 * Declares a {@link RunnableTool} with its argument types inferred from the zod schema (zod 4's or zod 3's).
 *
 * @example
 * import { z } from 'zod';
 * import { zodTool } from 'rx-openai-stream/structured';
 *
 * const getWeather = zodTool({
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: z.object({ city: z.string() }),
 *   execute: ({ city }) => ({ city, temperature: 21 }), // sent as '{"city":"Oslo","temperature":21}'
 * });
 *
 * // A zod 3 schema (`zod/v3`, or a zod@3 install), as the official SDK's helpers take it:
 * import { z as z3 } from 'zod/v3';
 * const getTime = zodTool({ name: 'get_time', parameters: z3.object({ city: z3.string() }), execute: ({ city }) => `noon in ${city}` });
 */
export function zodTool<S extends AnyZodSchema, R>(tool: RunnableTool<S, R>): RunnableTool<S, R> {
  return tool;
}

/**
 * Declares a {@link JsonSchemaTool}: a tool whose parameters are a plain JSON Schema, non-strict unless `strict:
 * true`. Its arguments are `JSON.parse`d, or given to your `parse`, whose result types them (else type them in
 * `execute`, as `JSON.parse` would: nothing checks them against the schema).
 *
 * @example
 * import { jsonSchemaTool, runChatTools } from 'rx-openai-stream/structured';
 *
 * // From the official SDK's runTools(): { type: 'function', function: { name, parameters, function, parse } }
 * const getWeather = jsonSchemaTool({
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' } }, required: ['city'] },
 *   parse: (text) => JSON.parse(text) as { city: string; units?: string },
 *   execute: ({ city, units }) => `sunny in ${city} (${units ?? 'celsius'})`,
 * });
 * runChatTools(client, { model: 'gpt-4o', messages }, { tools: [getWeather] }).subscribe(print);
 */
export function jsonSchemaTool<A = unknown, R = unknown>(tool: JsonSchemaTool<A, R>): JsonSchemaTool<A, R> {
  return tool;
}

/**
 * A tool as a loop sends it to the API: name, description, JSON Schema and strictness.
 *
 * @internal
 * @example
 * const declaration: ToolDeclaration = { name: 'add', parameters: { type: 'object' }, strict: false, description: undefined };
 */
export interface ToolDeclaration {
  readonly name: string;
  readonly description: string | undefined;
  readonly parameters: JsonSchemaObject;
  readonly strict: boolean;
}

/**
 * Checks a loop's options when the loop is called, and gives what is sent for each tool. A mistake only code can
 * fix is thrown here, before an Observable exists (as `zodFunction()` throws), never at a subscription:
 * `ToolLoopDefinitionError` for a value that is no tool or two tools of one name, `StructuredOutputSchemaError`
 * naming the tool for a zod schema strict mode cannot represent, `RangeError` for `maxSteps` / `concurrency`.
 *
 * @internal
 * @example
 * const declared = declareTools(options, 'runChatTools').map(({ name, parameters, strict }) =>
 *   ({ type: 'function', function: { name, parameters, strict } }));
 */
export function declareTools(
  options: Pick<ToolLoopOptions<never, never>, 'tools' | 'maxSteps' | 'concurrency'>,
  where: string,
): ToolDeclaration[] {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: expected options with \`tools\` (got ${kindOf(options)})`);
  }
  const { maxSteps, concurrency } = options;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new RangeError(`${where}: maxSteps must be a whole number >= 1 (got ${String(maxSteps)})`);
  }
  if (concurrency !== undefined && !((Number.isInteger(concurrency) && concurrency >= 1) || concurrency === Infinity)) {
    throw new RangeError(`${where}: concurrency must be a whole number >= 1, or Infinity (got ${String(concurrency)})`);
  }
  const tools: readonly unknown[] = options.tools;
  if (!Array.isArray(tools)) {
    throw new ToolLoopDefinitionError(`${where}: \`tools\` must be an array of tools (got ${kindOf(tools)})`, {
      index: undefined,
    });
  }
  const indexes = new Map<string, number>();
  return tools.map((tool, index) => {
    const declaration = toolDeclaration(tool, index, where);
    // Two tools of one name: the API refuses the request, and a call could not tell which to run.
    const first = indexes.get(declaration.name);
    if (first !== undefined) {
      const which = `${where}: tools[${first}] and tools[${index}]`;
      throw new ToolLoopDefinitionError(`Two tools are named "${declaration.name}" (${which}): a tool loop needs one name per tool`, {
        index,
        toolName: declaration.name,
      });
    }
    indexes.set(declaration.name, index);
    return declaration;
  });
}

function toolDeclaration(tool: unknown, index: number, where: string): ToolDeclaration {
  const at = `${where}: tools[${index}]`;
  if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
    throw new ToolLoopDefinitionError(`${at} is not a tool (got ${kindOf(tool)}): ${EXPECTED_TOOL}`, { index });
  }
  const fields = tool as Record<string, unknown>;
  const sdkFunction = fields['function'];
  if (fields['type'] === 'function' && typeof sdkFunction === 'object' && sdkFunction !== null) {
    const name = (sdkFunction as { name?: unknown }).name;
    const toolName = typeof name === 'string' ? name : undefined;
    throw new ToolLoopDefinitionError(
      `${at}${toolName === undefined ? '' : ` ("${toolName}")`} is a function tool in the official SDK's form ` +
        "(`{ type: 'function', function: { ... } }`), which a loop cannot run: declare it with " +
        'jsonSchemaTool({ name, parameters, strict, parse, execute }) (its `function` becomes `execute`), or zodTool(...)',
      { index, toolName },
    );
  }
  const declared = fields['tool'];
  if (typeof declared === 'object' && declared !== null && fields['name'] === undefined) {
    const name = (declared as { name?: unknown }).name;
    const toolName = typeof name === 'string' ? name : undefined;
    throw new ToolLoopDefinitionError(
      `${at}${toolName === undefined ? '' : ` ("${toolName}")`} is in the form of the official SDK's ResponsesToolRunner ` +
        '(`{ tool, execute }`): declare it with jsonSchemaTool({ ...tool, execute })',
      { index, toolName },
    );
  }
  const name = fields['name'];
  if (typeof name !== 'string' || name === '') {
    throw new ToolLoopDefinitionError(`${at} has no name (a non-empty string): ${EXPECTED_TOOL}`, { index });
  }
  const named = `${at} ("${name}")`;
  if (typeof fields['execute'] !== 'function') {
    // zodFunction() / zodResponsesFunction() give what the API takes, with nothing to run.
    const hint =
      fields['type'] === 'function'
        ? `; a tool declaration for the API (such as zodResponsesFunction()'s) has nothing to run: ${EXPECTED_TOOL}`
        : '';
    throw new ToolLoopDefinitionError(`${named} has no \`execute\` function (got ${kindOf(fields['execute'])})${hint}`, {
      index,
      toolName: name,
    });
  }
  const description = fields['description'];
  if (description !== undefined && typeof description !== 'string') {
    throw new ToolLoopDefinitionError(`${named}: \`description\` must be a string (got ${kindOf(description)})`, {
      index,
      toolName: name,
    });
  }
  const parameters = fields['parameters'];
  // zodFunction() leaves an empty description out; so does a loop.
  const described = description === '' ? undefined : description;
  if (isZodSchema(parameters)) {
    try {
      return { name, description: described, parameters: toStrictJsonSchema(parameters), strict: true };
    } catch (error) {
      if (!(error instanceof StructuredOutputSchemaError)) throw error;
      const cause = error.cause === undefined ? {} : { cause: error.cause };
      throw new StructuredOutputSchemaError(error.problem, error.path, { ...cause, toolName: name });
    }
  }
  // `_def` but not zod 3's (no `typeName` or no `safeParse`): a schema of some other kind, no JSON Schema.
  const schemaLike = typeof parameters === 'object' && parameters !== null && '_def' in parameters;
  if (schemaLike || typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    const got = schemaLike ? 'an object with `_def` that is no zod 3 schema' : kindOf(parameters);
    throw new ToolLoopDefinitionError(
      `${named}: \`parameters\` must be a zod schema (zodTool) or a JSON Schema object (jsonSchemaTool) (got ${got})`,
      { index, toolName: name },
    );
  }
  const { strict, parse } = fields;
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new ToolLoopDefinitionError(`${named}: \`strict\` must be a boolean (got ${kindOf(strict)})`, {
      index,
      toolName: name,
    });
  }
  if (parse !== undefined && typeof parse !== 'function') {
    throw new ToolLoopDefinitionError(`${named}: \`parse\` must be a function (got ${kindOf(parse)})`, {
      index,
      toolName: name,
    });
  }
  return { name, description: described, parameters: parameters as JsonSchemaObject, strict: strict ?? false };
}

const EXPECTED_TOOL =
  'a tool loop takes zodTool({ name, parameters: <zod schema>, execute }) ' +
  'or jsonSchemaTool({ name, parameters: <JSON Schema>, execute })';

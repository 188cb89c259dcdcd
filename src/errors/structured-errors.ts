import { OpenAIStreamError } from './base.js';
import { excerpt } from './excerpt.js';

/**
 * Why a structured output could not be delivered: `invalid_json` (the text is not JSON), `validation` (it is JSON
 * but the zod schema refuses it), `refusal` (the model refused), `incomplete` (the output was cut: a `length` or
 * `content_filter` finish, a `response.incomplete`), `unknown_tool` (a call to a tool without a schema),
 * `tool_calls` (the model called tools instead of answering: there is no output to parse).
 *
 * @example
 * const retryable = (reason: StructuredOutputErrorReason) => reason === 'incomplete';
 */
export type StructuredOutputErrorReason = 'invalid_json' | 'validation' | 'refusal' | 'incomplete' | 'unknown_tool' | 'tool_calls';

/**
 * The base class of every structured-output failure, so one `instanceof` check catches them all; `reason` says
 * which one it is without importing every subclass.
 *
 * @example
 * events$.pipe(finalParsed(Weather)).subscribe({
 *   error: (e) => { if (e instanceof StructuredOutputError) console.error(e.reason, e.message); },
 * });
 */
export class StructuredOutputError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputError';
  /** Which failure this is. */
  declare readonly reason: StructuredOutputErrorReason;

  constructor(reason: StructuredOutputErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * The streamed text is not JSON: an unexpected character, a bad escape, a control character in a string, or the
 * end of the text before the value was complete. Carries what (`problem`), where (`offset` in the whole text,
 * `path` in the document) and an excerpt of the text just before the problem; the whole `text` when it was read
 * whole (`finalParsed()`, `parseStructuredOutput()`, a tool call's arguments), and
 * `toolName` / `callId` when it was a call's arguments (`parsedToolCalls()`, the tool loops).
 *
 * @example
 * const parser = createPartialJsonParser();
 * try { parser.push('{"a": tru!'); } catch (e) {
 *   if (e instanceof StructuredOutputParseError) console.error(e.offset, e.path, e.excerpt); // 9 '$.a' '{"a": tru!'
 * }
 */
export class StructuredOutputParseError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputParseError';
  /** The offset of the offending character in the whole text (the text's length for an early end). */
  declare readonly offset: number;
  /** Where in the document: a JSONPath such as `$.steps[2].answer` (`$` is the top-level value). */
  declare readonly path: string;
  /** The text just before and at the offending character (at most about 60 characters). */
  declare readonly excerpt: string;
  /** What is wrong, such as `unexpected character "!"` or `the text ended before the value was complete`. */
  declare readonly problem: string;
  /**
   * The whole text, when it was read whole; `undefined` for a text read as it streamed (`partialParsed()`,
   * `structuredOutput()`, `createPartialJsonParser()`: what came before the problem is in what they emitted).
   */
  declare readonly text: string | undefined;
  /** The function name, when the text was a tool call's arguments. */
  declare readonly toolName: string | undefined;
  /** The call id, when the text was a tool call's arguments. */
  declare readonly callId: string | undefined;

  constructor(
    what: string,
    details: {
      offset: number;
      path: string;
      excerpt: string;
      text?: string | undefined;
      toolName?: string | undefined;
      callId?: string | undefined;
    },
  ) {
    // Tolerant of missing details: an error class must never fail to construct.
    const shown = excerpt(String(details.excerpt ?? ''), 80);
    const subject = details.toolName ? `the arguments of tool call "${details.toolName}"` : 'structured output';
    super('invalid_json', `Invalid JSON in ${subject}: ${what} at offset ${details.offset} (${details.path}): ${JSON.stringify(shown)}`);
    this.offset = details.offset;
    this.path = details.path;
    this.excerpt = shown;
    this.problem = String(what);
    this.text = details.text;
    this.toolName = details.toolName;
    this.callId = details.callId;
  }
}

/**
 * The output is JSON but the zod schema refuses it. `issues` are zod's; `value` is the parsed JSON; `toolName` /
 * `callId` name the function call when the value was a call's arguments.
 *
 * @example
 * events$.pipe(finalParsed(Weather)).subscribe({
 *   error: (e) => e instanceof StructuredOutputValidationError && console.error(e.issues, e.value),
 * });
 */
export class StructuredOutputValidationError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputValidationError';
  /** zod's issues (each with `path`, `code` and `message`). */
  declare readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: string | undefined }[];
  /** The parsed JSON the schema refused. */
  declare readonly value: unknown;
  /** The function name, when the value was a tool call's arguments. */
  declare readonly toolName: string | undefined;
  /** The call id, when the value was a tool call's arguments. */
  declare readonly callId: string | undefined;

  constructor(
    issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: string | undefined }[],
    value: unknown,
    details: { toolName?: string | undefined; callId?: string | undefined; cause?: unknown } = {},
  ) {
    const subject = details.toolName ? `The arguments of tool call "${details.toolName}"` : 'The structured output';
    let shown: string;
    try {
      shown = excerpt(JSON.stringify(value) ?? String(value));
    } catch {
      shown = String(value);
    }
    super(
      'validation',
      `${subject} ${details.toolName ? 'do' : 'does'} not match its schema${describeIssues(issues)} (${issues.length} issue${issues.length === 1 ? '' : 's'}): ${shown}`,
      { cause: details.cause },
    );
    this.issues = issues;
    this.value = value;
    this.toolName = details.toolName;
    this.callId = details.callId;
  }
}

/**
 * Every issue (up to {@link LISTED_ISSUES}) with where it is: a tool loop sends this message to the model, which can
 * then mend all of its arguments in one more call rather than one problem per call.
 */
function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): string {
  if (issues.length === 0) return ': invalid';
  const listed = issues.slice(0, LISTED_ISSUES).map(({ path, message }, i) => {
    // The first issue follows "does not match its schema" (nothing said for the root); the next ones stand alone.
    const where = path.length > 0 ? ` at ${path.map(String).join('.')}` : i === 0 ? '' : ' at the root';
    return `${where}: ${message}`;
  });
  const more = issues.length > LISTED_ISSUES ? `; and ${issues.length - LISTED_ISSUES} more` : '';
  return listed.join(';') + more;
}

const LISTED_ISSUES = 10;

/**
 * The model refused to answer in the requested format (`response.refusal.*` events, a chat `delta.refusal`).
 * `refusal` is the model's text.
 *
 * @example
 * events$.pipe(finalParsed(Weather)).subscribe({
 *   error: (e) => e instanceof StructuredOutputRefusalError && showRefusal(e.refusal),
 * });
 */
export class StructuredOutputRefusalError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputRefusalError';
  /** The refusal text, as far as it arrived. */
  declare readonly refusal: string;

  constructor(refusal: string) {
    super('refusal', `The model refused: ${excerpt(refusal)}`);
    this.refusal = refusal;
  }
}

/**
 * The output was cut before the JSON was complete: a chat choice finished with `length` or `content_filter`, or a
 * response ended with `response.incomplete` (`incomplete_details.reason`: `max_output_tokens`,
 * `content_filter`). `finishReason` is the API's value; `text` is what arrived. A tool loop's cut turn is its
 * subclass `ToolLoopIncompleteError`, so this one check catches both.
 *
 * @example
 * events$.pipe(finalParsed(Weather)).subscribe({
 *   error: (e) => e instanceof StructuredOutputIncompleteError && e.finishReason === 'length' && askForLess(),
 * });
 */
export class StructuredOutputIncompleteError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputIncompleteError';
  /** `length`, `content_filter` (Chat Completions), `max_output_tokens`, `content_filter` (Responses), ... */
  declare readonly finishReason: string;
  /** The text that arrived before the cut. */
  declare readonly text: string;

  /** @param message replaces the default message (a subclass says where the cut was). */
  constructor(finishReason: string, text: string, message?: string) {
    super(
      'incomplete',
      message ?? `The structured output is incomplete (${finishReason}) after ${text.length} characters: ${excerpt(text)}`,
    );
    this.finishReason = finishReason;
    this.text = text;
  }
}

/**
 * A call to a tool that cannot be run: a function call naming a tool missing from the map given to
 * `parsedToolCalls()` or from a tool loop's `tools`, or (in a tool loop) a custom tool call (`toolType: 'custom'`:
 * free-form input, which no loop tool takes). A tool loop's error names the tools it runs (`knownTools`), in its
 * message too: the message is what the model is told (`onInvalidArguments: 'report'`), so that it calls one of them.
 *
 * @example
 * events$.pipe(parsedToolCalls({ get_weather: Weather })).subscribe({
 *   error: (e) => e instanceof StructuredOutputUnknownToolError && console.error(e.toolName),
 * });
 */
export class StructuredOutputUnknownToolError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputUnknownToolError';
  /** The name the model called. */
  declare readonly toolName: string;
  /** The call's id, when known. */
  declare readonly callId: string | undefined;
  /** The kind of call: a function call, or a custom tool call (which a tool loop cannot run). */
  declare readonly toolType: 'function' | 'custom';
  /**
   * The names of the tools a tool loop runs, in their order (what its message tells the model it may call);
   * `undefined` from `parsedToolCalls()`, whose message says the tool has no schema.
   */
  declare readonly knownTools: readonly string[] | undefined;

  constructor(
    toolName: string,
    callId: string | undefined,
    options: { toolType?: 'function' | 'custom' | undefined; knownTools?: readonly string[] | undefined } = {},
  ) {
    const toolType = options?.toolType ?? 'function';
    const knownTools = options?.knownTools;
    const call = callId ? ` (call ${callId})` : '';
    const listed = knownTools?.map((name) => JSON.stringify(name)).join(', ');
    const names = listed === '' ? 'none' : (listed ?? '');
    let message: string;
    if (toolType === 'custom') {
      const runs = knownTools === undefined ? '' : `: ${names}`;
      message = `The model called custom tool "${toolName}"${call}, which a tool loop cannot run: the tools it runs are function tools${runs}`;
    } else if (knownTools !== undefined) {
      message = `The model called tool "${toolName}"${call}, which is not one of the tools the loop runs: ${names}`;
    } else {
      message = `The model called tool "${toolName}", which has no schema${call}`;
    }
    super('unknown_tool', message);
    this.toolName = toolName;
    this.callId = callId;
    this.toolType = toolType;
    this.knownTools = knownTools;
  }
}

/**
 * The model called tools instead of answering: the turn (a chat choice, a response) has tool calls and no output
 * text, so there is no structured output to parse (the official SDK gives `message.parsed` / `output_parsed`
 * `null` there). Not a fault of the model: run the tools and send their outputs back (`runChatTools()` /
 * `runResponsesTools()` do, and parse the answer of the last turn), or read the calls with `parsedToolCalls()`.
 * `toolNames` are the names the model called, in call order.
 *
 * @example
 * chunks$.pipe(finalParsed(Weather)).subscribe({
 *   error: (e) => e instanceof StructuredOutputToolCallsError && runTools(e.toolNames),
 * });
 */
export class StructuredOutputToolCallsError extends StructuredOutputError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputToolCallsError';
  /** The names of the tools the model called (`''` for a call that never got its name), in call order. */
  declare readonly toolNames: readonly string[];

  constructor(toolNames: readonly string[]) {
    const names = toolNames.map((name) => JSON.stringify(excerpt(name, 60))).join(', ');
    super(
      'tool_calls',
      `The model called tools (${names}) instead of answering: there is no structured output to parse. ` +
        'Run the tools and send their outputs back (runChatTools() / runResponsesTools() do), or read the calls with parsedToolCalls()',
    );
    this.toolNames = toolNames.slice();
  }
}

/**
 * A zod schema cannot be sent as a strict Structured Outputs schema: an optional field that is not nullable, an
 * open object, an unsupported keyword (`allOf`, `not`, tuples, ...), a root that is not an object. `path` is the
 * JSON Schema location; `toolName` names the tool when a tool loop's `zodTool` has the schema.
 *
 * @example
 * try { zodTextFormat(z.object({ a: z.string().optional() }), 'x'); } catch (e) {
 *   if (e instanceof StructuredOutputSchemaError) console.error(e.path); // 'properties/a'
 * }
 */
export class StructuredOutputSchemaError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'StructuredOutputSchemaError';
  /** The JSON Schema location of the problem (`<root>`, `properties/a/items`, ...). */
  declare readonly path: string;
  /** What strict mode cannot represent, without the location (the message adds it). */
  declare readonly problem: string;
  /** The tool whose parameters the schema is, when a tool loop declared it (`undefined` otherwise). */
  declare readonly toolName: string | undefined;

  constructor(what: string, path: string, options?: { cause?: unknown; toolName?: string | undefined }) {
    const tool = options?.toolName === undefined ? '' : `The parameters of tool "${options.toolName}": `;
    super(
      `${tool}${what} (at ${path}); strict Structured Outputs cannot represent it`,
      options !== undefined && 'cause' in options ? { cause: options.cause } : undefined,
    );
    this.path = path;
    this.problem = what;
    this.toolName = options?.toolName;
  }
}

import type { ToolLoopUsage } from '../protocols/protocol.js';
import type { ChatCompletionMessageParam } from '../client/resources/chat.js';
import type { ChatCompletion } from '../wire/chat.js';
import type { ResponseInputItem, ResponseOutputItem } from '../wire/responses.js';
import type { Response } from '../wire/responses-api.js';
import { OpenAIStreamError } from './base.js';
import { excerpt, messageOf } from './excerpt.js';
import { StructuredOutputIncompleteError } from './structured-errors.js';

/**
 * A tool loop (`runResponsesTools()` / `runChatTools()` of `rx-openai-stream/structured`) reached `maxSteps`
 * model requests while the model still called tools (with `onMaxSteps: 'error'`, the default). The tools of the
 * last turn have run; `steps` says how many requests were made and `history` is the conversation so far (the
 * Responses input items or the chat messages, the last tool outputs included), to continue it by hand; `usage` the
 * tokens of all its requests (as `toolLoopResult()` gives them).
 *
 * @example
 * loop$.subscribe({ error: (e) => { if (e instanceof ToolLoopMaxStepsError) console.warn(e.steps, e.history, e.usage?.total); } });
 */
export class ToolLoopMaxStepsError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ToolLoopMaxStepsError';
  /** How many model requests the loop made. */
  declare readonly steps: number;
  /**
   * The conversation so far: Responses input and output items (`runResponsesTools()`), or chat messages
   * (`runChatTools()`), as the request and the API gave them.
   *
   * @example
   * const outputs = error.history.filter((item) => 'type' in item && item.type === 'function_call_output');
   */
  declare readonly history: readonly (ResponseInputItem | ResponseOutputItem | ChatCompletionMessageParam)[];
  /**
   * The tokens of all the loop's requests: `input`, `output`, `total` and the API's detail counts summed
   * (`undefined` when no request reported usage).
   */
  declare readonly usage: ToolLoopUsage | undefined;

  constructor(steps: number, history: readonly (ResponseInputItem | ResponseOutputItem | ChatCompletionMessageParam)[], usage?: ToolLoopUsage) {
    super(`The tool loop made ${steps} model requests (maxSteps) and the model still called tools.`);
    this.steps = steps;
    this.history = history;
    this.usage = usage;
  }
}

/**
 * A tool loop (`runResponsesTools()` / `runChatTools()`) was given a tool list it cannot use: a value that is
 * neither a zod tool (`zodTool()`) nor a JSON-schema tool (`jsonSchemaTool()`) — such as the official SDK's
 * `{ type: 'function', function: { ... } }` runnable form — or two tools of one name. Thrown when the loop is
 * called, before any request (a mistake only code can fix, like `zodFunction()`'s schema errors). `index` is the
 * tool's position in `tools`, `toolName` its name when it has one.
 *
 * @example
 * try {
 *   runChatTools(client, params, { tools });
 * } catch (e) {
 *   if (e instanceof ToolLoopDefinitionError) console.error(e.index, e.toolName, e.message);
 * }
 */
export class ToolLoopDefinitionError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ToolLoopDefinitionError';
  /** The tool's position in `tools` (the second one, for two tools of one name); `undefined` when `tools` is no array. */
  declare readonly index: number | undefined;
  /** The tool's name, when it has one. */
  declare readonly toolName: string | undefined;

  constructor(message: string, details: { index: number | undefined; toolName?: string | undefined }) {
    super(message);
    this.index = details?.index;
    this.toolName = details?.toolName;
  }
}

/**
 * A tool's `execute` threw (or its Promise rejected, or its Observable failed) in a tool loop configured with
 * `onToolError: 'fail'`. Names the tool, the call and the step; the tool's error is the `cause`.
 *
 * @example
 * loop$.subscribe({ error: (e) => { if (e instanceof ToolLoopToolError) console.error(e.toolName, e.cause); } });
 */
export class ToolLoopToolError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ToolLoopToolError';
  declare readonly toolName: string;
  declare readonly callId: string;
  declare readonly step: number;

  constructor(toolName: string, callId: string, step: number, cause: unknown) {
    const reason = messageOf(cause);
    super(`Tool '${toolName}' (call ${callId}, step ${step}) failed: ${excerpt(reason)}`, { cause });
    this.toolName = toolName;
    this.callId = callId;
    this.step = step;
  }
}

/**
 * A tool loop's turn whose generation did not finish normally: a chat choice that finished with `length` (the
 * token limit) or `content_filter`, or a response that ended `incomplete` (`incomplete_details.reason`:
 * `max_output_tokens`, `content_filter`). Its tool calls may be cut (`{"query"`), so none of them was run and no
 * further request was made; a turn without calls has a cut answer, which the loop does not present as final. The
 * turn's events were emitted before the error (no `turn.finished`). Carries the `step`, the API's `finishReason`,
 * the `text` before the cut (the last call's arguments, or the answer's text) and the turn's `final` completion /
 * response. A {@link StructuredOutputIncompleteError} (`reason` `incomplete`), so one check catches every cut output.
 *
 * @example
 * runChatTools(client, { model: 'gpt-4o', messages, max_completion_tokens: 64 }, { tools }).subscribe({
 *   error: (e) => {
 *     if (e instanceof ToolLoopIncompleteError) console.warn(e.step, e.finishReason, e.text, e.final.usage);
 *   },
 * });
 */
export class ToolLoopIncompleteError extends StructuredOutputIncompleteError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ToolLoopIncompleteError';
  /** The step of the cut turn (0 for the first model request). */
  declare readonly step: number;
  /** The turn's final chat completion (`runChatTools()`) or response (`runResponsesTools()`). */
  declare readonly final: ChatCompletion | Response;

  constructor(details: {
    step: number;
    finishReason: string;
    text: string;
    final: ChatCompletion | Response;
    /** How many function calls the turn made (none of them was run). */
    calls: number;
  }) {
    // Tolerant of missing details: an error class must never fail to construct.
    const { step, finishReason, text = '', final, calls = 0 } = details ?? ({} as Partial<typeof details>);
    const shown = String(text);
    const what =
      calls > 0
        ? `its ${calls} tool call${calls === 1 ? ' was' : 's were'} not run and no further request was made`
        : 'its answer is incomplete, so the loop has no final answer';
    super(
      String(finishReason),
      shown,
      `The tool loop's turn at step ${step} did not finish (${finishReason}): ${what}. ` +
        `The output before the cut (${shown.length} characters): ${JSON.stringify(excerpt(shown))}`,
    );
    this.step = step as number;
    this.final = final as ChatCompletion | Response;
  }
}

import { OpenAIStreamError } from './base.js';
import { excerpt } from './excerpt.js';

/**
 * A tool loop (`runResponsesTools()` / `runChatTools()` of `rx-openai-stream/structured`) reached `maxSteps`
 * model requests while the model still called tools (with `onMaxSteps: 'error'`, the default). The tools of the
 * last turn have run; `steps` says how many requests were made and `history` is the conversation so far (the
 * Responses input items or the chat messages, the last tool outputs included), to continue it by hand.
 *
 * @example
 * loop$.subscribe({ error: (e) => { if (e instanceof ToolLoopMaxStepsError) console.warn(e.steps, e.history); } });
 */
export class ToolLoopMaxStepsError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ToolLoopMaxStepsError';
  /** How many model requests the loop made. */
  readonly steps: number;
  /** The conversation so far: Responses input items, or chat messages. */
  readonly history: readonly unknown[];

  constructor(steps: number, history: readonly unknown[]) {
    super(`The tool loop made ${steps} model requests (maxSteps) and the model still called tools.`);
    this.steps = steps;
    this.history = history;
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
  readonly toolName: string;
  readonly callId: string;
  readonly step: number;

  constructor(toolName: string, callId: string, step: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Tool '${toolName}' (call ${callId}, step ${step}) failed: ${excerpt(reason)}`, { cause });
    this.toolName = toolName;
    this.callId = callId;
    this.step = step;
  }
}

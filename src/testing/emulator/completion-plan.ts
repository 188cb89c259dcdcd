/**
 * The scripted model behind the Chat Completions and Responses endpoints: the Assistants script's rules (see
 * `script.ts`) applied to one request. A conversation that ends with tool results is answered with one line per
 * result (`<name> returned: <output>`); otherwise the last user text decides: a function call when a function
 * tool is named (or `tool_choice` forces one), else `You said: <text>`; with a `json_schema` format, that text
 * becomes JSON valid for the schema. The answer is cut into token-sized fragments, and a token limit cuts the
 * fragments. Also the request readers both endpoints share.
 */
import type { AssistantToolChoiceOption, FunctionTool } from '../../wire/assistants.js';
import { badRequest } from './api-error.js';
import type { JsonObject } from './body.js';
import { jsonSchemaOf, knownFields, schemaAnswer } from './schema-answer.js';
import { answerToolOutputs, planRun, tokenize } from './script.js';
import type { PlannedAnswer } from './scripted-answers.js';
import { invalidType, is } from './validate.js';

/**
 * What one request asks of the script.
 *
 * @example
 * const input: CompletionInput = {
 *   userText: 'Hi', toolOutputs: [], tools: [], toolChoice: 'auto', parallelToolCalls: true, maxTokens: null,
 * };
 */
export interface CompletionInput {
  /** The text of the last user message ('' when there is none). */
  readonly userText: string;
  /** The tool results that end the conversation (after the model's calls), in order; empty otherwise. */
  readonly toolOutputs: ReadonlyArray<{ readonly name: string; readonly output: string }>;
  /** The request's function tools, in the Assistants form (`{ type: 'function', function: { name, parameters } }`). */
  readonly tools: readonly FunctionTool[];
  readonly toolChoice: AssistantToolChoiceOption | null;
  readonly parallelToolCalls: boolean;
  /** The most tokens the answer may have (`null`: no limit). */
  readonly maxTokens: number | null;
}

/**
 * One function call of an answer: the function, its whole arguments, and the fragments that are sent (all of
 * them unless the token limit cut the answer).
 *
 * @example
 * const call: CompletionCall = { name: 'get_weather', arguments: '{"city":"Oslo"}', fragments: ['{"', 'city', ...] };
 */
export interface CompletionCall {
  readonly name: string;
  readonly arguments: string;
  readonly fragments: readonly string[];
  /** The call id a scripted answer chose (else the endpoint makes one). */
  readonly id?: string | undefined;
}

/**
 * The answer to one request, cut to the token limit: a text, a refusal, or function calls (after a text, when
 * `leadingText` has fragments). `truncated` tells that the limit cut it (finish reason `length`, status
 * `incomplete`); `completionTokens` counts the fragments sent, `reasoning` the fragments of a scripted reasoning
 * summary (counted in `completionTokens` too, and cut first by the limit).
 *
 * @example
 * const answer: CompletionAnswer = {
 *   kind: 'text', fragments: ['You', ' said', ':', ' Hi'], truncated: false, completionTokens: 4,
 * };
 */
export type CompletionAnswer =
  | (AnswerBudget & { readonly kind: 'text'; readonly fragments: readonly string[] })
  | (AnswerBudget & { readonly kind: 'refusal'; readonly fragments: readonly string[] })
  | (AnswerBudget & {
      readonly kind: 'functionCalls';
      /** The text the model writes before its calls (no fragment: none). */
      readonly leadingText: readonly string[];
      readonly calls: readonly CompletionCall[];
    });

/** What every {@link CompletionAnswer} says of its tokens: cut by the limit, how many, the reasoning summary's. */
interface AnswerBudget {
  readonly truncated: boolean;
  readonly completionTokens: number;
  readonly reasoning?: readonly string[];
}

/**
 * Decides the answer to a request and cuts it into fragments (then to `maxTokens`).
 *
 * @example
 * const input = { userText: 'Hi there', toolOutputs: [], tools: [], toolChoice: 'auto', parallelToolCalls: true };
 * answerCompletion({ ...input, maxTokens: null });
 * // { kind: 'text', fragments: ['You', ' said', ':', ' Hi', ' there'], truncated: false, completionTokens: 5 }
 * answerCompletion({ ...input, maxTokens: 2 });
 * // { kind: 'text', fragments: ['You', ' said'], truncated: true, completionTokens: 2 }
 */
export function answerCompletion(input: CompletionInput): CompletionAnswer {
  const limit = input.maxTokens ?? Infinity;
  if (input.toolOutputs.length === 0) {
    const plan = planRun({
      userText: input.userText,
      tools: input.tools,
      toolChoice: input.toolChoice,
      parallelToolCalls: input.parallelToolCalls,
    });
    if (plan.kind === 'functionCalls') {
      let left = limit;
      const calls: CompletionCall[] = [];
      for (const call of plan.calls) {
        if (left <= 0) break;
        const all = tokenize(call.arguments);
        const fragments = all.slice(0, left);
        left -= fragments.length;
        calls.push({ name: call.name, arguments: call.arguments, fragments });
      }
      const sent = calls.reduce((sum, call) => sum + call.fragments.length, 0);
      const total = plan.calls.reduce((sum, call) => sum + tokenize(call.arguments).length, 0);
      return { kind: 'functionCalls', leadingText: [], calls, truncated: sent < total, completionTokens: sent };
    }
    if (plan.kind === 'codeInterpreter' || plan.kind === 'refusal') {
      throw new Error(`The script planned a ${plan.kind} answer, which it never does for a request without code interpreter.`);
    }
    return textAnswer(plan.text, limit); // no code interpreter here: only function tools are given
  }
  return textAnswer(answerToolOutputs(input.toolOutputs), limit);
}

/**
 * The answer to a request that asks for JSON: with a `json_schema` format the text answer becomes a value valid
 * for the schema (`schemaAnswer`), its fields taken by name from the JSON of the user's message and the tool
 * outputs, its strings from the scripted text; with a `json_object` format it becomes `{"answer": <the text>}`
 * (the API guarantees a JSON object there). The token limit cuts it as it cuts any answer. `undefined` for any
 * other format, and when the script calls functions.
 *
 * @example
 * structuredCompletion(request, { type: 'json_schema', name: 'weather', schema });
 * // { kind: 'text', fragments: ['{"', 'city', '":"', 'Paris', ...], truncated: false, completionTokens: 12 }
 * structuredCompletion(request, { type: 'json_object' });
 * // { kind: 'text', fragments: ['{"', 'answer', '":"', 'You', ' said', ...], ... }
 */
export function structuredCompletion(input: CompletionInput, format: unknown): CompletionAnswer | undefined {
  const schema = jsonSchemaOf(format);
  const jsonObject = is.object(format) && format['type'] === 'json_object';
  if (schema === undefined && !jsonObject) return undefined;
  const plain = answerCompletion({ ...input, maxTokens: null });
  if (plain.kind !== 'text') return undefined;
  const text = plain.fragments.join('');
  const known = knownFields([input.userText, ...input.toolOutputs.map((output) => output.output)]);
  const json = schema === undefined ? JSON.stringify({ answer: text }) : schemaAnswer(schema, { text, known });
  return textAnswer(json, input.maxTokens ?? Infinity);
}

/**
 * A scripted answer (`emulator.scriptAnswer`) cut into fragments, then to `maxTokens`, which counts the reasoning
 * as the API's limits do: the reasoning summary first, then the text, then the calls' arguments (a call the limit
 * leaves no token for is not sent). A limit the reasoning uses up leaves no answer at all: an empty, truncated text
 * (Responses: no message item; Chat: `content: ''`, `finish_reason: 'length'`). Sent as given: arguments that are
 * not valid JSON, calls of functions the request did not declare, a text that does not follow the request's
 * `json_schema` all go out as they are.
 *
 * @example
 * scriptedCompletion(planAnswer({ text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }), null);
 * // { kind: 'functionCalls', leadingText: ['Let', ' me', ' check', '.'], calls: [{ name: 'get_weather', ... }], ... }
 * scriptedCompletion(planAnswer({ reasoning: 'Let me think.', text: 'Hi' }), 2);
 * // { kind: 'text', fragments: [], truncated: true, completionTokens: 2, reasoning: ['Let', ' me'] }
 */
export function scriptedCompletion(answer: PlannedAnswer, maxTokens: number | null): CompletionAnswer {
  let left = maxTokens ?? Infinity;
  let total = 0;
  const cut = (text: string): string[] => {
    const all = tokenize(text);
    total += all.length;
    const kept = all.slice(0, Math.max(0, left));
    left -= kept.length;
    return kept;
  };
  const reasoning = answer.reasoning === undefined ? [] : cut(answer.reasoning);
  const extra = reasoning.length > 0 ? { reasoning } : {};
  const counted = (sent: number) => ({ truncated: sent + reasoning.length < total, completionTokens: sent + reasoning.length });
  const answerTokens = [answer.refusal ?? answer.text ?? '', ...answer.calls.map((call) => call.arguments)]
    .reduce((sum, text) => sum + tokenize(text).length, 0);
  if (left <= 0 && (reasoning.length < total || answerTokens > 0)) {
    // The limit ran out while the model reasoned: no answer was written.
    return { kind: 'text', fragments: [], truncated: true, completionTokens: reasoning.length, ...extra };
  }
  if (answer.refusal !== undefined) {
    const fragments = cut(answer.refusal);
    return { kind: 'refusal', fragments, ...counted(fragments.length), ...extra };
  }
  const text = answer.text === undefined ? [] : cut(answer.text);
  if (answer.calls.length === 0) return { kind: 'text', fragments: text, ...counted(text.length), ...extra };
  const calls: CompletionCall[] = [];
  for (const call of answer.calls) {
    const outOfTokens = left <= 0;
    const fragments = cut(call.arguments);
    if (outOfTokens) continue;
    calls.push({ name: call.name, arguments: call.arguments, fragments, ...(call.id !== undefined ? { id: call.id } : {}) });
  }
  const sent = text.length + calls.reduce((sum, call) => sum + call.fragments.length, 0);
  return { kind: 'functionCalls', leadingText: text, calls, ...counted(sent), ...extra };
}

function textAnswer(text: string, limit: number): CompletionAnswer {
  const all = tokenize(text);
  const fragments = all.slice(0, limit);
  return { kind: 'text', fragments, truncated: fragments.length < all.length, completionTokens: fragments.length };
}

/**
 * The prompt tokens of a request: the tokens of its texts (instructions, messages, tool arguments and outputs),
 * counted as the answers are cut.
 *
 * @example
 * countPromptTokens(['You are terse.', 'Hello there']); // 6
 */
export function countPromptTokens(texts: readonly string[]): number {
  return tokenize(texts.filter((text) => text !== '').join('\n')).length;
}

/**
 * The `system_fingerprint` of every Chat Completions answer.
 *
 * @example
 * chunk.system_fingerprint === SYSTEM_FINGERPRINT; // true
 */
export const SYSTEM_FINGERPRINT = 'fp_e1f0a7c3d2';

/**
 * A type guard for `optional()` (`validate.ts`): a boolean or `null`.
 *
 * @example
 * const stream = optional(body, 'stream', isBooleanOrNull, 'a boolean') === true;
 */
export const isBooleanOrNull = (value: unknown): value is boolean | null =>
  value === null || typeof value === 'boolean';

/**
 * A type guard for `optional()` (`validate.ts`): an array or `null`.
 *
 * @example
 * const tools = optional(body, 'tools', isArrayOrNull, 'an array') ?? [];
 */
export const isArrayOrNull = (value: unknown): value is unknown[] | null => value === null || Array.isArray(value);

/**
 * An optional integer field within `[min, max]` (`null` counts as not given), with the API's messages.
 *
 * @example
 * const n = optionalInteger(body, 'n', 1, 128) ?? 1; // 400 "Invalid 'n': integer below minimum value. ..." for 0
 */
export function optionalInteger(body: JsonObject, key: string, min: number, max = Infinity): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(key, 'an integer', value);
  if (value < min) {
    throw badRequest(
      `Invalid '${key}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      key,
      'integer_below_min_value',
    );
  }
  if (value > max) {
    throw badRequest(
      `Invalid '${key}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      key,
      'integer_above_max_value',
    );
  }
  return value;
}

/**
 * The text of a message's content: a string as it is, else the `text` of its parts joined by newlines (`text`,
 * `input_text`, `output_text` parts; images and files have none).
 *
 * @example
 * contentText([{ type: 'text', text: 'Hello' }, { type: 'image_url', image_url: { url } }]); // 'Hello'
 */
export function contentText(content: unknown): string {
  if (is.string(content)) return content;
  if (!is.array(content)) return '';
  return content
    .flatMap((part) => (is.object(part) && is.string(part['text']) ? [part['text']] : []))
    .join('\n');
}

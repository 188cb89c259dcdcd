/**
 * The scripted assistant: what a run does, decided from the thread's last user message and the run's tools. Pure
 * and deterministic; `docs/testing.md` states the rules for users.
 *
 * 1. Function call: the run has function tools, `tool_choice` is not `'none'`, and the message names one (its
 *    exact name, or the name with `_` read as spaces, case-insensitive) - or says "call a function" / "use a
 *    tool", or `tool_choice` is `'required'` or names the function. Every named function is called (in order of
 *    mention; only the first when `parallel_tool_calls` is `false`), then the run requires action.
 * 2. Code interpreter: the run has `code_interpreter` and the message says calculate, compute, execute or
 *    "run code" / "run python" (or `tool_choice` names `code_interpreter`). The input is `print(<expression>)`
 *    for the first arithmetic expression in the message (else `print(<the message>)`), the logs what Python would
 *    print, and the answer `The result is <logs>.`
 * 3. Otherwise a text answer: `You said: <the message>` (or `Hello! How can I assist you today?` when the thread
 *    has no user text).
 *
 * After tool outputs are submitted the answer is one line per call: `<function name> returned: <output>`.
 */
import { escapeRegExp } from '../../structured/escape-reg-exp.js';
import type { AssistantTool, AssistantToolChoiceOption, FunctionDefinition, FunctionTool } from '../../wire/assistants.js';
import { findArithmetic, printArithmetic } from './arithmetic.js';
import { schemaAnswer } from './schema-answer.js';
import type { PlannedAnswer } from './scripted-answers.js';

/**
 * One function call the assistant makes: the function and its arguments as JSON text.
 *
 * @example
 * const call: PlannedCall = { name: 'get_weather', arguments: '{"city":"Oslo"}' };
 */
export interface PlannedCall {
  readonly name: string;
  readonly arguments: string;
  /** The call id a scripted answer chose (else a new `call_...`). */
  readonly id?: string | undefined;
}

/**
 * What a run does: answer text, call functions (after a message with `text`, when a scripted answer has one; then
 * wait for their outputs), refuse (a scripted answer), or run code and answer.
 *
 * @example
 * const plan: Plan = { kind: 'text', text: 'You said: Hi' };
 */
export type Plan =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refusal'; readonly refusal: string }
  | { readonly kind: 'functionCalls'; readonly calls: readonly PlannedCall[]; readonly text?: string | undefined }
  | { readonly kind: 'codeInterpreter'; readonly input: string; readonly logs: string; readonly text: string };

/**
 * What the script reads to plan a run.
 *
 * @example
 * const input: PlanInput = { userText: 'Hi', tools: [], toolChoice: 'auto', parallelToolCalls: true };
 */
export interface PlanInput {
  /** The text of the thread's last user message ('' when there is none). */
  readonly userText: string;
  readonly tools: readonly AssistantTool[];
  readonly toolChoice: AssistantToolChoiceOption | null;
  readonly parallelToolCalls: boolean;
}

/**
 * The answer when the thread has no user text.
 *
 * @example
 * planRun({ userText: '', tools: [], toolChoice: null, parallelToolCalls: true }); // { kind: 'text', text: GREETING }
 */
export const GREETING = 'Hello! How can I assist you today?';

const ASKS_FOR_CODE = /\b(calculate|compute|execute|run (?:some |the |this )?(?:code|python))\b/i;

/**
 * Decides what a run does.
 *
 * @example
 * const tools = [weatherTool]; // a function tool named get_weather, requiring a string `location`
 * planRun({ userText: 'Use get_weather for "Oslo"', tools, toolChoice: 'auto', parallelToolCalls: true });
 * // { kind: 'functionCalls', calls: [{ name: 'get_weather', arguments: '{"location":"Oslo"}' }] }
 * planRun({ userText: 'Hi there', tools: [], toolChoice: null, parallelToolCalls: true });
 * // { kind: 'text', text: 'You said: Hi there' }
 */
export function planRun(input: PlanInput): Plan {
  const { userText, tools, toolChoice } = input;
  if (toolChoice !== 'none') {
    const functions = tools.filter((tool): tool is FunctionTool => tool.type === 'function');
    const called = chooseFunctions(userText, functions, toolChoice);
    if (called.length > 0) {
      const calls = (input.parallelToolCalls ? called : called.slice(0, 1)).map((tool) => ({
        name: tool.function.name,
        arguments: functionArguments(userText, tool.function),
      }));
      return { kind: 'functionCalls', calls };
    }
    const forcedCode = typeof toolChoice === 'object' && toolChoice?.type === 'code_interpreter';
    const hasCode = tools.some((tool) => tool.type === 'code_interpreter');
    if (hasCode && (forcedCode || ASKS_FOR_CODE.test(userText))) {
      return codePlan(userText);
    }
  }
  return { kind: 'text', text: userText.trim() === '' ? GREETING : `You said: ${userText}` };
}

/**
 * The plan of a scripted answer (`emulator.scriptAnswer`), sent as given (a function the run does not have is
 * called all the same). Its reasoning is not told: runs have no reasoning items.
 *
 * @example
 * planOfAnswer(planAnswer({ refusal: 'No.' })); // { kind: 'refusal', refusal: 'No.' }
 */
export function planOfAnswer(answer: PlannedAnswer): Plan {
  if (answer.refusal !== undefined) return { kind: 'refusal', refusal: answer.refusal };
  if (answer.calls.length === 0) return { kind: 'text', text: answer.text ?? '' };
  return { kind: 'functionCalls', calls: answer.calls, text: answer.text };
}

/**
 * The answer after tool outputs: one line per call, `<name> returned: <output>`.
 *
 * @example
 * answerToolOutputs([{ name: 'get_weather', output: '22C' }]); // 'get_weather returned: 22C'
 */
export function answerToolOutputs(outputs: ReadonlyArray<{ name: string; output: string }>): string {
  return outputs.map(({ name, output }) => `${name} returned: ${output}`).join('\n');
}

/**
 * Splits text into token-sized fragments on word boundaries: each word with the spaces before it, each other
 * symbol alone. Joining the fragments gives the text back.
 *
 * @example
 * tokenize('Hello! How are you?'); // ['Hello', '!', ' How', ' are', ' you', '?']
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu) ?? [];
}

function chooseFunctions(
  text: string,
  functions: readonly FunctionTool[],
  toolChoice: AssistantToolChoiceOption | null,
): FunctionTool[] {
  if (functions.length === 0) return [];
  if (typeof toolChoice === 'object' && toolChoice?.type === 'function') {
    const forced = functions.find((tool) => tool.function.name === toolChoice.function?.name);
    return forced ? [forced] : [];
  }
  const lower = text.toLowerCase();
  const mentioned = functions
    .map((tool) => ({ tool, at: mentionIndex(lower, tool.function.name.toLowerCase()) }))
    .filter(({ at }) => at !== -1)
    .sort((a, b) => a.at - b.at)
    .map(({ tool }) => tool);
  if (mentioned.length > 0) return mentioned;
  const asked = /\b(call|use) (?:a |an |the |your |some )?(function|tool)s?\b/i.test(text);
  return asked || toolChoice === 'required' ? functions.slice(0, 1) : [];
}

function mentionIndex(lowerText: string, lowerName: string): number {
  for (const form of new Set([lowerName, lowerName.replace(/_/g, ' ')])) {
    const match = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(form)}(?![\\p{L}\\p{N}_])`, 'u').exec(lowerText);
    if (match) return match.index;
  }
  return -1;
}

/**
 * The arguments of a call: a JSON object written in the message (from its first `{` to its last `}`) as it is;
 * else a value valid for the function's JSON schema (`schemaAnswer`, as for Structured Outputs), with every property
 * of a strict function and only the required ones otherwise (every declared one without a `required` list), that
 * takes the message's hints where the schema accepts them: for a string its first quoted phrase, else the first
 * capitalised word that does not start a sentence, else the property's name; for a number its first number.
 */
function functionArguments(text: string, fn: FunctionDefinition): string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start !== -1 && end > start) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return JSON.stringify(value);
    } catch {
      // not JSON: derive the arguments from the schema
    }
  }
  const quoted = /"([^"]+)"|'([^']+)'/.exec(text);
  // Else a proper noun: a capitalised word that does not start a sentence ("the weather in Paris" -> Paris).
  const proper = /[^.!?\s]\s+([A-Z][\p{L}-]+)/u.exec(text);
  const number = /-?\d+(?:\.\d+)?/.exec(text);
  const hints = { string: quoted ? (quoted[1] ?? quoted[2]) : proper?.[1], number: number ? Number(number[0]) : undefined };
  return schemaAnswer({ type: 'object', ...fn.parameters }, { known: {}, hints, requiredOnly: fn.strict !== true });
}

function codePlan(text: string): Plan {
  const expression = findArithmetic(text);
  if (expression !== undefined) {
    const logs = printArithmetic(expression) ?? '';
    return { kind: 'codeInterpreter', input: `print(${expression})`, logs, text: `The result is ${logs}.` };
  }
  const input = `print(${JSON.stringify(text)})`;
  return { kind: 'codeInterpreter', input, logs: text, text: `The result is ${text}.` };
}

/**
 * Scripted answers: a test chooses what the model answers (`emulator.scriptAnswer(answer, { match, times })`),
 * for the next requests of Responses, Chat Completions or Assistants runs that the script matches. Matching and
 * counting work as for injected faults (`faults.ts`: `match.method` / `match.path` through `matchesRequest`,
 * `times`, `hits`, `remaining`, `remove()`), with three more criteria: the API, the last user input, a predicate.
 * A scripted answer takes precedence over the generated one (`script.ts`, `completion-plan.ts`) and is sent the
 * way a generated answer is: same events, pacing, faults and usage counting.
 */
import { matchesRequest, validateMethodAndPath, type RequestMatch } from './faults.js';

/**
 * An API whose answers can be scripted: `'responses'` (`POST /responses`), `'chat'` (`POST /chat/completions`),
 * `'assistants'` (a run's creation, and its `submit_tool_outputs`).
 *
 * @example
 * emulator.scriptAnswer({ text: 'Hi!' }, { match: { api: 'chat' } });
 */
export type ScriptedApi = 'responses' | 'chat' | 'assistants';

/**
 * One function call of a scripted answer. `arguments` is an object (sent as its JSON) or JSON text, sent as it is
 * even when it is not valid JSON or not valid for the tool's schema (default `{}`); `id` is the call id (Chat's
 * `tool_calls[].id`, Responses' `call_id`, the Assistants tool call's `id`; default a new `call_...`).
 *
 * @example
 * const call: ScriptedToolCall = { name: 'get_weather', arguments: { city: 'Oslo' } };
 * const raw: ScriptedToolCall = { name: 'get_weather', arguments: '{"city":', id: 'call_broken' }; // invalid JSON, on purpose
 */
export interface ScriptedToolCall {
  readonly name: string;
  readonly arguments?: Readonly<Record<string, unknown>> | string | undefined;
  readonly id?: string | undefined;
}

/**
 * What the model answers: a text; function calls (several, the same function more than once too); a text then
 * calls (as models do: "Let me check." and the calls); or a refusal. `reasoning` adds a reasoning summary before
 * the answer (a Responses `reasoning` output item; Chat and Assistants count it in `reasoning_tokens` only).
 *
 * @example
 * const text: ModelAnswer = { text: 'Il fait beau.' };
 * const calls: ModelAnswer = {
 *   toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_weather', arguments: { city: 'Rome' } }],
 * };
 * const both: ModelAnswer = { text: 'Let me check.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] };
 * const refusal: ModelAnswer = { refusal: "I can't help with that." };
 */
export type ModelAnswer =
  | {
      readonly text: string;
      readonly toolCalls?: readonly ScriptedToolCall[] | undefined;
      readonly refusal?: never;
      readonly reasoning?: string | undefined;
    }
  | {
      readonly text?: never;
      readonly toolCalls: readonly ScriptedToolCall[];
      readonly refusal?: never;
      readonly reasoning?: string | undefined;
    }
  | { readonly refusal: string; readonly text?: never; readonly toolCalls?: never; readonly reasoning?: string | undefined };

/**
 * A request as a scripted answer's `match.when` sees it.
 *
 * @example
 * const afterTools = (request: AnswerRequest) => request.toolOutputs.length > 0;
 * emulator.scriptAnswer({ text: 'It is 21C in Oslo.' }, { match: { when: afterTools } });
 */
export interface AnswerRequest {
  readonly api: ScriptedApi;
  /** `'POST'`. */
  readonly method: string;
  /** The full path: `'/v1/responses'`, `'/v1/chat/completions'`, `'/v1/threads/thread_.../runs'`, ... */
  readonly path: string;
  /** The parsed JSON body of the request (for a run's `submit_tool_outputs`, that request's body). */
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * The text of the last user message: of `messages` (Chat), of `input` or else of the `previous_response_id`
   * chain (Responses), of the thread (Assistants); `''` when there is none.
   */
  readonly input: string;
  /** The names of the request's function tools (a run's: its own `tools`, else the assistant's). */
  readonly tools: readonly string[];
  /** The tool results the request ends with (Chat `tool` messages, `function_call_output` items, submitted outputs). */
  readonly toolOutputs: ReadonlyArray<{ readonly name: string; readonly output: string }>;
}

/**
 * Which requests a scripted answer is for: every criterion given must hold. `method` and `path` as for faults
 * (a string path equals the request's path with or without `/v1`, a RegExp is tested against the full path);
 * `api` the API; `input` a substring (or a RegExp tested against) the last user input; `when` a predicate, given a
 * copy of the request (what it changes changes nothing else; when it throws, the request is answered with a 500
 * `The emulator failed: scriptAnswer(): match.when threw: ...`).
 *
 * @example
 * emulator.scriptAnswer({ refusal: 'No.' }, { match: { api: 'responses', input: 'password' } });
 * emulator.scriptAnswer({ text: 'Done.' }, { match: { when: (request) => request.toolOutputs.length > 0 } });
 */
export interface AnswerMatch extends RequestMatch {
  readonly api?: ScriptedApi | undefined;
  readonly input?: string | RegExp | undefined;
  readonly when?: ((request: AnswerRequest) => boolean) | undefined;
}

/**
 * How a scripted answer is applied: to which requests (default: every request of the three APIs) and how many
 * (default 1; `Infinity` for all).
 *
 * @example
 * emulator.scriptAnswer({ text: 'Bonjour' }, { match: { api: 'chat' }, times: 2 });
 */
export interface ScriptAnswerOptions {
  readonly match?: AnswerMatch | undefined;
  readonly times?: number | undefined;
}

/**
 * A scripted answer registered on an emulator.
 *
 * @example
 * const scripted = emulator.scriptAnswer({ text: 'Bonjour' }, { times: 2 });
 * await callUnderTest();
 * expect(scripted.hits).toBe(2);
 * scripted.remove();
 */
export interface ScriptedAnswer {
  readonly answer: ModelAnswer;
  /** Requests it answered so far. */
  readonly hits: number;
  /** Requests it will still answer. */
  readonly remaining: number;
  /** Stops it from answering more requests. */
  remove(): void;
}

/**
 * A scripted answer as the emulator sends it: the arguments as JSON text, the absent parts `undefined`.
 *
 * @example
 * const planned: PlannedAnswer = { text: 'Hi', calls: [], refusal: undefined, reasoning: undefined };
 */
export interface PlannedAnswer {
  readonly text: string | undefined;
  readonly calls: ReadonlyArray<{ readonly name: string; readonly arguments: string; readonly id: string | undefined }>;
  readonly refusal: string | undefined;
  readonly reasoning: string | undefined;
}

const ANSWER_KEYS = new Set(['text', 'toolCalls', 'refusal', 'reasoning']);
const CALL_KEYS = new Set(['name', 'arguments', 'id']);
const MATCH_KEYS = new Set(['method', 'path', 'api', 'input', 'when']);
const APIS: ReadonlySet<string> = new Set<ScriptedApi>(['responses', 'chat', 'assistants']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a scripted answer (from typed code or not) and gives it as it is sent; throws a TypeError naming what is
 * wrong.
 *
 * @example
 * planAnswer({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
 * // { text: undefined, calls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}', id: undefined }], ... }
 * planAnswer({ text: 'Hi', refusal: 'No' }); // throws: a refusal cannot come with a text or tool calls
 */
export function planAnswer(answer: unknown): PlannedAnswer {
  const where = 'scriptAnswer():';
  if (!isRecord(answer)) {
    throw new TypeError(`${where} the answer must be an object such as { text } or { toolCalls }, got ${shownValue(answer)}.`);
  }
  for (const key of Object.keys(answer)) {
    if (!ANSWER_KEYS.has(key)) {
      throw new TypeError(`${where} unknown answer field '${key}' (expected text, toolCalls, refusal or reasoning).`);
    }
  }
  const { text, toolCalls, refusal, reasoning } = answer;
  for (const [name, value] of [['text', text], ['refusal', refusal], ['reasoning', reasoning]] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`${where} '${name}' must be a string, got ${shownValue(value)}.`);
    }
  }
  if (text === undefined && toolCalls === undefined && refusal === undefined) {
    throw new TypeError(`${where} the answer needs a 'text', 'toolCalls' or a 'refusal'.`);
  }
  if (refusal !== undefined && (text !== undefined || toolCalls !== undefined)) {
    throw new TypeError(`${where} a 'refusal' cannot come with a 'text' or 'toolCalls' (a refusal is the whole answer).`);
  }
  if (toolCalls !== undefined && (!Array.isArray(toolCalls) || toolCalls.length === 0)) {
    throw new TypeError(`${where} 'toolCalls' must be a non-empty array of { name, arguments }, got ${shownValue(toolCalls)}.`);
  }
  const calls = ((toolCalls ?? []) as unknown[]).map((call, index) => planCall(call, `${where} toolCalls[${index}]`));
  return {
    text: text as string | undefined,
    calls,
    refusal: refusal as string | undefined,
    reasoning: reasoning as string | undefined,
  };
}

function planCall(call: unknown, where: string): PlannedAnswer['calls'][number] {
  if (!isRecord(call)) throw new TypeError(`${where} must be an object { name, arguments }, got ${shownValue(call)}.`);
  for (const key of Object.keys(call)) {
    if (!CALL_KEYS.has(key)) throw new TypeError(`${where}: unknown field '${key}' (expected name, arguments or id).`);
  }
  const { name, arguments: args, id } = call;
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`${where}.name must be a non-empty string, got ${shownValue(name)}.`);
  }
  if (args !== undefined && typeof args !== 'string' && !isRecord(args)) {
    throw new TypeError(`${where}.arguments must be an object or JSON text, got ${shownValue(args)}.`);
  }
  if (id !== undefined && (typeof id !== 'string' || id === '')) {
    throw new TypeError(`${where}.id must be a non-empty string, got ${shownValue(id)}.`);
  }
  return { name, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}), id };
}

function checkOptions(options: unknown): ScriptAnswerOptions {
  const where = 'scriptAnswer():';
  if (options === undefined) return {};
  if (!isRecord(options)) throw new TypeError(`${where} the options must be an object { match, times }, got ${shownValue(options)}.`);
  const { match, times } = options;
  if (times !== undefined && (typeof times !== 'number' || !(times >= 1) || (!Number.isInteger(times) && times !== Infinity))) {
    throw new TypeError(`${where} 'times' must be a whole number of at least 1 (or Infinity), got ${String(times)}.`);
  }
  if (match !== undefined) {
    if (!isRecord(match)) throw new TypeError(`${where} 'match' must be an object, got ${shownValue(match)}.`);
    for (const key of Object.keys(match)) {
      if (!MATCH_KEYS.has(key)) {
        throw new TypeError(`${where} unknown match field '${key}' (expected method, path, api, input or when).`);
      }
    }
    if (match['api'] !== undefined && !APIS.has(match['api'] as string)) {
      throw new TypeError(`${where} match.api must be 'responses', 'chat' or 'assistants', got ${JSON.stringify(match['api'])}.`);
    }
    if (match['input'] !== undefined && typeof match['input'] !== 'string' && !(match['input'] instanceof RegExp)) {
      throw new TypeError(`${where} match.input must be a string or a RegExp, got ${shownValue(match['input'])}.`);
    }
    validateMethodAndPath(match, 'scriptAnswer()'); // as for faults: a method that is none, a path that can match nothing
    if (match['when'] !== undefined && typeof match['when'] !== 'function') {
      throw new TypeError(`${where} match.when must be a function of the request, got ${shownValue(match['when'])}.`);
    }
  }
  return options as ScriptAnswerOptions;
}

/** A value as an error message shows it: a string quoted (cut at 40 characters), else its kind (and a primitive's value). */
function shownValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * Whether a request matches a scripted answer's `match` (no match: every request does).
 *
 * @example
 * matchesAnswer({ api: 'chat', input: 'weather' }, request); // true for a Chat request whose user asks about the weather
 */
function matchesAnswer(match: AnswerMatch | undefined, request: AnswerRequest): boolean {
  if (!match) return true;
  if (!matchesRequest(match, request)) return false;
  if (match.api !== undefined && match.api !== request.api) return false;
  if (typeof match.input === 'string' && !request.input.includes(match.input)) return false;
  if (match.input instanceof RegExp) {
    match.input.lastIndex = 0;
    if (!match.input.test(request.input)) return false;
  }
  if (match.when === undefined) return true;
  try {
    // A copy: what the callback does to it must not change the request log, nor what the emulator answers.
    return match.when({
      ...request,
      body: structuredClone(request.body),
      tools: [...request.tools],
      toolOutputs: request.toolOutputs.map((output) => ({ ...output })),
    });
  } catch (error) {
    // The request is answered with a 500 saying so (the server's reply to an emulator failure).
    throw new Error(`scriptAnswer(): match.when threw: ${String((error as Error)?.message ?? error)}`, { cause: error });
  }
}

class Script implements ScriptedAnswer {
  hits = 0;
  constructor(
    readonly answer: ModelAnswer,
    readonly planned: PlannedAnswer,
    readonly match: AnswerMatch | undefined,
    public remaining: number,
  ) {}
  remove(): void {
    this.remaining = 0;
  }
}

/**
 * The scripted answers of one emulator, taken in the order they were added by the requests they match.
 *
 * @example
 * const answers = new AnswerScripts();
 * answers.add({ text: 'Bonjour' }, { match: { api: 'chat' } });
 * answers.find(chatRequest)?.take(); // { text: 'Bonjour', calls: [], ... }, then undefined
 */
export class AnswerScripts {
  #scripts: Script[] = [];

  /** Adds a scripted answer (see {@link ScriptAnswerOptions}); throws a TypeError for a malformed one. */
  add(answer: ModelAnswer, options?: ScriptAnswerOptions): ScriptedAnswer {
    const planned = planAnswer(answer);
    const { match, times } = checkOptions(options);
    const script = new Script(answer, planned, match, times ?? 1);
    this.#scripts.push(script);
    return script;
  }

  /** Removes every scripted answer. */
  clear(): void {
    for (const script of this.#scripts) script.remove();
    this.#scripts = [];
  }

  /**
   * The first scripted answer matching the request (`undefined`: the answer is generated), not yet counted as
   * used: `take()` counts it and gives it. Matching runs the `when` predicates (which may throw), so a route can
   * match before it takes anything else for the request.
   */
  find(request: AnswerRequest): { take(): PlannedAnswer } | undefined {
    this.#scripts = this.#scripts.filter((script) => script.remaining > 0);
    const script = this.#scripts.find((candidate) => matchesAnswer(candidate.match, request));
    if (!script) return undefined;
    return {
      take: () => {
        script.remaining--;
        script.hits++;
        return script.planned;
      },
    };
  }
}

/**
 * What a route knows of a request once it read it, for {@link scriptedAnswerOf}.
 *
 * @example
 * const facts: AnswerFacts = { input: request.userText, tools: ['get_weather'], toolOutputs: [] };
 */
export type AnswerFacts = Pick<AnswerRequest, 'input' | 'tools' | 'toolOutputs'>;

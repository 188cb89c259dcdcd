/**
 * Responses in the emulator: reading a `POST /responses` body (with the API's 400 replies), the answer as a
 * `response` object, and its stream: `response.created`, `response.in_progress`, the output items with their
 * parts and deltas, and `response.completed` (or `response.incomplete`), each event with its `sequence_number`;
 * a response the model fails (the `responseFailed` fault) has no output and ends with `response.failed`.
 * Stored responses (`store`, default `true`) can be read back and continued with `previous_response_id`.
 */
import type { AssistantToolChoiceOption, FunctionTool } from '../../wire/assistants.js';
import { ApiErrorReply, badRequest, missingParameter } from './api-error.js';
import type { JsonObject } from './body.js';
import {
  answerCompletion,
  contentText,
  countPromptTokens,
  isArrayOrNull,
  isBooleanOrNull,
  optionalInteger,
  scriptedCompletion,
  structuredCompletion,
  type CompletionAnswer,
} from './completion-plan.js';
import { unixNow } from './objects.js';
import type { PacedBlock } from './paced-stream.js';
import type { PlannedAnswer } from './scripted-answers.js';
import { obfuscation, sseEvent } from './sse.js';
import type { EmulatorState } from './state.js';
import { newId } from './store.js';
import { conversations, readConversationParam, storedConversation } from './conversations.js';
import { inputItemsOf, responseInputItems } from './response-input-items.js';
import { checkChosenFunction, checkFunctionTool, checkName, checkRange } from './tool-checks.js';
import { invalidType, is, optional, requireString } from './validate.js';
import { strictSchemaViolation } from '../../structured/strict-schema-rules.js';

/**
 * A response kept for `GET /responses/{id}` and `previous_response_id`: the object, the texts of its
 * conversation (for prompt tokens) and the names of every function call in it (by `call_id`).
 *
 * @example
 * const stored: StoredResponse = responseMemory(state).get('resp_...')!;
 * stored.callNames.get('call_...'); // 'get_weather'
 */
export interface StoredResponse {
  readonly response: JsonObject;
  readonly texts: readonly string[];
  readonly callNames: ReadonlyMap<string, string>;
  /** The `call_id`s of its own function calls: a request that follows it must answer every one. */
  readonly calls?: readonly string[] | undefined;
  /** The text of the conversation's last user message, for the input of a scripted answer's match. */
  readonly userText?: string | undefined;
}

const memories = new WeakMap<EmulatorState, Map<string, StoredResponse>>();

/**
 * The stored responses of one emulator, by id.
 *
 * @example
 * responseMemory(ctx.state).get(ctx.params['response_id']!);
 */
export function responseMemory(state: EmulatorState): Map<string, StoredResponse> {
  let memory = memories.get(state);
  if (!memory) memories.set(state, (memory = new Map()));
  return memory;
}

/**
 * A stored response, or the API's 404.
 *
 * @example
 * const { response } = storedResponse(ctx.state, ctx.params['response_id']!);
 * storedResponse(ctx.state, 'resp_unknown'); // throws 404 "Response with id 'resp_unknown' not found."
 */
export function storedResponse(state: EmulatorState, id: string, param: string | null = null): StoredResponse {
  const stored = responseMemory(state).get(id);
  if (stored) return stored;
  if (param === 'previous_response_id') {
    throw new ApiErrorReply(
      400,
      `Previous response with id '${id}' not found.`,
      'invalid_request_error',
      param,
      'previous_response_not_found',
    );
  }
  throw new ApiErrorReply(404, `Response with id '${id}' not found.`, 'invalid_request_error', param);
}

/**
 * A validated Responses request: what the emulator reads of it, and what the response echoes.
 *
 * @example
 * const request: ResponsesRequest = readResponsesRequest(state, { model: 'gpt-4o', input: 'Hi' });
 * request.userText; // 'Hi'
 */
export interface ResponsesRequest {
  readonly model: string;
  readonly stream: boolean;
  /** `stream_options.include_obfuscation` (the API's default: on): an `obfuscation` on every delta event. */
  readonly includeObfuscation: boolean;
  readonly store: boolean;
  /** `background: true`: the POST answers at once and the response is produced over time (see `background-responses.ts`). */
  readonly background: boolean;
  readonly instructions: string | null;
  readonly previousResponseId: string | null;
  /** The conversation the response belongs to (`conversation`), whose items came before `input`. */
  readonly conversationId: string | null;
  /** The turn's own input as items (with ids), added to the conversation with the output once it settled. */
  readonly turnItems: readonly JsonObject[];
  /** The text of the last user message of `input` ('' when there is none). */
  readonly userText: string;
  /** The text of the last user message of `input`, else of the `previous_response_id` chain ('' when none). */
  readonly lastUserText: string;
  /** The `function_call_output` items that end `input`, named after the calls they answer. */
  readonly toolOutputs: ReadonlyArray<{ readonly name: string; readonly output: string }>;
  /** The function tools, in the Assistants form the script reads. */
  readonly tools: readonly FunctionTool[];
  readonly toolChoice: AssistantToolChoiceOption | null;
  readonly parallelToolCalls: boolean;
  readonly maxTokens: number | null;
  /** The texts of the conversation so far (previous responses included), and the names of its calls. */
  readonly texts: readonly string[];
  readonly callNames: ReadonlyMap<string, string>;
  /** Fields the response echoes, in the API's normalized form. */
  readonly echo: {
    readonly tools: readonly unknown[];
    readonly toolChoice: unknown;
    readonly temperature: number;
    readonly topP: number;
    readonly text: unknown;
    readonly truncation: unknown;
    readonly metadata: unknown;
    readonly user: string | null;
    readonly reasoning: { readonly effort: unknown; readonly summary: unknown };
  };
}

const INPUT_ROLES = ['user', 'assistant', 'system', 'developer'];

/**
 * Reads and checks a request body; throws the API's 400 replies (`Missing required parameter: 'model'.`, ...).
 *
 * @example
 * const request = readResponsesRequest(ctx.state, ctx.body);
 */
export function readResponsesRequest(state: EmulatorState, body: JsonObject): ResponsesRequest {
  const model = requireString(body, 'model');
  const previousResponseId = optional(body, 'previous_response_id', is.stringOrNull, 'a string') ?? null;
  const previous =
    previousResponseId === null ? undefined : storedResponse(state, previousResponseId, 'previous_response_id');
  const instructions = optional(body, 'instructions', is.stringOrNull, 'a string') ?? null;
  const conversationId = readConversationParam(state, body);
  const turnItems = conversationId === null ? [] : inputItemsOf(body['input']);
  // A conversation's items come first, then the turn's input.
  const input = conversationId === null ? body['input'] : [...storedConversation(state, conversationId).items, ...turnItems];
  const conversation = readInput(input, previous, (id) => storedItem(state, id));
  const tools = readTools(body);
  checkRange(body, 'temperature', 0, 2);
  checkRange(body, 'top_p', 0, 1);
  const temperature = optional(body, 'temperature', is.numberOrNull, 'a number') ?? 1;
  const topP = optional(body, 'top_p', is.numberOrNull, 'a number') ?? 1;
  const toolChoice = readToolChoice(body['tool_choice']);
  if (toolChoice === 'required' && tools.echo.length === 0) {
    throw badRequest("Tool choice 'required' must be specified with 'tools' parameter.", 'tool_choice');
  }
  if (toolChoice !== null && typeof toolChoice === 'object' && toolChoice.function !== undefined) {
    checkChosenFunction(toolChoice.function.name, tools.functions.map((tool) => tool.function.name));
  }
  checkTextFormat(body);
  return {
    model,
    stream: optional(body, 'stream', isBooleanOrNull, 'a boolean') === true,
    includeObfuscation: optional(body, 'stream_options', is.object, 'an object')?.['include_obfuscation'] !== false,
    store: optional(body, 'store', isBooleanOrNull, 'a boolean') ?? true,
    background: optional(body, 'background', isBooleanOrNull, 'a boolean') === true,
    instructions,
    previousResponseId,
    conversationId,
    turnItems,
    ...conversation,
    lastUserText: conversation.userText !== '' ? conversation.userText : (previous?.userText ?? ''),
    texts: [instructions ?? '', ...conversation.texts],
    tools: tools.functions,
    toolChoice,
    parallelToolCalls: optional(body, 'parallel_tool_calls', isBooleanOrNull, 'a boolean') ?? true,
    maxTokens: optionalInteger(body, 'max_output_tokens', 16) ?? null,
    echo: {
      tools: tools.echo,
      toolChoice: body['tool_choice'] ?? 'auto',
      temperature,
      topP,
      text: optional(body, 'text', is.object, 'an object') ?? { format: { type: 'text' } },
      truncation: optional(body, 'truncation', is.stringOrNull, 'a string') ?? 'disabled',
      metadata: optional(body, 'metadata', is.metadata, 'an object') ?? {},
      user: optional(body, 'user', is.stringOrNull, 'a string') ?? null,
      reasoning: reasoningEcho(optional(body, 'reasoning', isObjectOrNull, 'an object')),
    },
  };
}

const isObjectOrNull = (value: unknown): value is JsonObject | null => value === null || is.object(value);

/**
 * `text.format` as the API takes it: a `json_schema` format names itself and holds its schema at its top
 * (`{ type: 'json_schema', name, schema, strict }`); Chat Completions' nested form (`json_schema: { name, schema }`)
 * is refused as the API refuses it, for its missing `name`.
 */
function checkTextFormat(body: JsonObject): void {
  const text = optional(body, 'text', isObjectOrNull, 'an object');
  const format = text?.['format'];
  if (format === undefined || format === null) return;
  if (!is.object(format)) throw invalidType('text.format', 'an object', format);
  if (format['type'] !== 'json_schema') return;
  if (!is.string(format['name'])) throw missingParameter('text.format.name');
  checkName(format['name'], 'text.format.name');
  if (!is.object(format['schema'])) throw missingParameter('text.format.schema');
}

/** The `reasoning` a response echoes: the request's `effort` and `summary`, `null` for those not given. */
function reasoningEcho(reasoning: JsonObject | null | undefined): { effort: unknown; summary: unknown } {
  return { effort: reasoning?.['effort'] ?? null, summary: reasoning?.['summary'] ?? null };
}

/** The content part types of an input message: the model's (an assistant message), or given to it (any other role). */
const ASSISTANT_PARTS: readonly string[] = ['output_text', 'refusal'];
const INPUT_PARTS: readonly string[] = ['input_text', 'input_image', 'input_file'];

/** Each part's `type` is one `allowed` lists, else the API's 400 (Chat Completions' `text` parts, say). */
function checkPartTypes(parts: readonly unknown[], allowed: readonly string[], param: string): void {
  parts.forEach((part, index) => {
    const type = is.object(part) ? part['type'] : undefined;
    if (is.string(type) && allowed.includes(type)) return;
    const names = allowed.map((name) => `'${name}'`);
    const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`;
    throw badRequest(`Invalid value: '${String(type)}'. Supported values are: ${list}.`, `${param}[${index}]`, 'invalid_value');
  });
}

/** Whether an item of that id is stored: an output item of a stored response, or one of its input items. */
function storedItem(state: EmulatorState, id: string): boolean {
  for (const stored of responseMemory(state).values()) {
    const output = stored.response['output'];
    if (is.array(output) && output.some((item) => is.object(item) && item['id'] === id)) return true;
  }
  for (const items of responseInputItems(state).values()) if (items.some((item) => item['id'] === id)) return true;
  return false;
}

/** The API's answer to an input item given by its id alone that it does not store. */
function itemNotFound(id: string): ApiErrorReply {
  return new ApiErrorReply(
    404,
    `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
    'invalid_request_error',
    'input',
  );
}

function readInput(
  input: unknown,
  previous: StoredResponse | undefined,
  stored: (id: string) => boolean,
): Pick<ResponsesRequest, 'userText' | 'toolOutputs' | 'texts' | 'callNames'> {
  const texts = [...(previous?.texts ?? [])];
  const callNames = new Map(previous?.callNames);
  // The function calls no output answered yet: those of the previous response, those of the input itself.
  const unanswered = new Set(previous?.calls);
  const refuseUnanswered = () => {
    const [first] = unanswered;
    if (first !== undefined) throw badRequest(`No tool output found for function call ${first}.`, 'input');
  };
  if (input === undefined || input === null || is.string(input)) refuseUnanswered();
  if (input === undefined || input === null) return { userText: '', toolOutputs: [], texts, callNames };
  if (is.string(input)) return { userText: input, toolOutputs: [], texts: [...texts, input], callNames };
  if (!is.array(input)) throw invalidType('input', 'a string or an array', input);
  let userText = '';
  let toolOutputs: Array<{ name: string; output: string }> = [];
  input.forEach((item, index) => {
    const param = `input[${index}]`;
    if (!is.object(item)) throw invalidType(param, 'an object', item);
    const type = item['type'] ?? (item['role'] !== undefined ? 'message' : undefined);
    if (type === 'message') {
      const role = item['role'];
      if (role === undefined) throw missingParameter(`${param}.role`);
      if (!is.string(role) || !INPUT_ROLES.includes(role)) {
        throw badRequest(
          `Invalid value: '${String(role)}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
          `${param}.role`,
          'invalid_value',
        );
      }
      const content = item['content'];
      if (content === undefined || content === null) throw missingParameter(`${param}.content`);
      if (!is.string(content) && !is.array(content)) {
        throw invalidType(`${param}.content`, 'a string or an array', content);
      }
      if (is.array(content)) checkPartTypes(content, role === 'assistant' ? ASSISTANT_PARTS : INPUT_PARTS, `${param}.content`);
      const text = contentText(content);
      texts.push(text);
      if (role === 'user') userText = text;
      toolOutputs = [];
    } else if (type === 'function_call') {
      const [callId, name] = [item['call_id'], item['name']];
      if (!is.string(callId)) throw missingParameter(`${param}.call_id`);
      if (!is.string(name)) throw missingParameter(`${param}.name`);
      callNames.set(callId, name);
      unanswered.add(callId);
      if (is.string(item['arguments'])) texts.push(item['arguments']);
      toolOutputs = [];
    } else if (type === 'function_call_output') {
      const callId = item['call_id'];
      if (!is.string(callId)) throw missingParameter(`${param}.call_id`);
      const name = callNames.get(callId);
      if (name === undefined) {
        throw badRequest(`No tool call found for function call output with call_id ${callId}.`, 'input');
      }
      unanswered.delete(callId);
      const output = contentText(item['output']);
      texts.push(output);
      toolOutputs.push({ name, output });
    } else if (type === 'item_reference' || (type === 'reasoning' && !is.string(item['encrypted_content']))) {
      // An item by its id alone (a reasoning item without its encrypted content too): the API looks it up.
      const id = item['id'];
      if (!is.string(id)) throw missingParameter(`${param}.id`);
      if (!stored(id)) throw itemNotFound(id);
    } else if (!is.string(type)) {
      throw missingParameter(`${param}.type`);
    }
    // Other item types (reasoning with its encrypted content, hosted tool calls) are accepted and not read.
  });
  refuseUnanswered();
  return { userText, toolOutputs, texts, callNames };
}

function readTools(body: JsonObject): { functions: FunctionTool[]; echo: unknown[] } {
  const tools = optional(body, 'tools', isArrayOrNull, 'an array');
  const functions: FunctionTool[] = [];
  const echo = (tools ?? []).map((tool, index) => {
    if (!is.object(tool)) throw invalidType(`tools[${index}]`, 'an object', tool);
    if (!is.string(tool['type'])) throw missingParameter(`tools[${index}].type`);
    if (tool['type'] !== 'function') return tool; // hosted tools: accepted, never called by the script
    if (!is.string(tool['name'])) throw missingParameter(`tools[${index}].name`);
    checkFunctionTool(tool['name'], `tools[${index}].name`, tool['parameters'], `tools[${index}].parameters`);
    const parameters = is.object(tool['parameters']) ? tool['parameters'] : undefined;
    // `strict` as asked; omitted (or null), strict when the schema allows it, else not: the API tries strict
    // validation and falls back (a schema strict mode refuses is refused only with `strict: true`).
    const asked = tool['strict'];
    const strict = asked === true || (asked !== false && (parameters === undefined || strictSchemaViolation(parameters) === undefined));
    functions.push({ type: 'function', function: { name: tool['name'], strict, ...(parameters ? { parameters } : {}) } });
    return {
      type: 'function',
      description: tool['description'] ?? null,
      name: tool['name'],
      parameters: tool['parameters'] ?? null,
      // Whether strict mode applies.
      strict,
    };
  });
  return { functions, echo };
}

function readToolChoice(choice: unknown): AssistantToolChoiceOption | null {
  if (choice === undefined || choice === null) return null;
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (is.object(choice) && choice['type'] === 'function') {
    if (!is.string(choice['name'])) throw missingParameter('tool_choice.name');
    return { type: 'function', function: { name: choice['name'] } };
  }
  if (is.object(choice) && choice['type'] === 'allowed_tools') {
    return choice['mode'] === 'required' ? 'required' : 'auto';
  }
  if (is.object(choice) && is.string(choice['type'])) return 'none'; // a hosted tool: no function is called
  throw badRequest(
    "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a tool.",
    'tool_choice',
    'invalid_value',
  );
}

/**
 * One output item of a scripted response: a message (its one part an `output_text` or a `refusal`), a function
 * call, or a reasoning item (its one summary part).
 *
 * @example
 * const item: ScriptedItem = { kind: 'message', id: 'msg_...', part: 'output_text', fragments: ['You', ' said', ':', ' Hi'] };
 */
export type ScriptedItem =
  | {
      readonly kind: 'message';
      readonly id: string;
      readonly part: 'output_text' | 'refusal';
      readonly fragments: readonly string[];
    }
  | { readonly kind: 'reasoning'; readonly id: string; readonly fragments: readonly string[] }
  | {
      readonly kind: 'functionCall';
      readonly id: string;
      readonly callId: string;
      readonly name: string;
      readonly fragments: readonly string[];
    };

/**
 * The answer to one request: the response's id and time, its output items, whether the token limit cut it, the
 * usage, and the `error` when the model fails.
 *
 * @example
 * const script = scriptResponse(readResponsesRequest(ctx.state, ctx.body));
 * responseObject(script, 'final').status; // 'completed'
 */
export interface ResponsesScript {
  readonly id: string;
  readonly createdAt: number;
  readonly request: ResponsesRequest;
  readonly items: readonly ScriptedItem[];
  readonly truncated: boolean;
  readonly usage: ResponsesUsage;
  /** The `error` of a response the model fails (status `failed`, no output); `null` otherwise. */
  readonly failure: JsonObject | null;
}

/**
 * The `error` of a response the model fails, as the API words it.
 *
 * @example
 * scriptResponse(request, { ...MODEL_FAILURE, message: 'The model crashed.' });
 */
export const MODEL_FAILURE: Readonly<JsonObject> = { code: 'server_error', message: 'The model failed to generate a response.' };

/**
 * The `usage` of a response.
 *
 * @example
 * const usage: ResponsesUsage = response.usage; // { input_tokens: 3, output_tokens: 6, total_tokens: 9, ... }
 */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/**
 * Decides the answer of a request: the test's (`scripted`, from `emulator.scriptAnswer`) or else the generated
 * one; a message with the text (or the refusal), then one `function_call` item per call (after a reasoning item
 * when the scripted answer has reasoning); with `failure` (the `error` of the `responseFailed` fault), a response
 * the model fails.
 *
 * @example
 * const script = scriptResponse(request);
 * scriptResponse(request, MODEL_FAILURE); // status 'failed', no output
 * scriptResponse(request, null, planAnswer({ refusal: 'No.' })); // a message with a refusal part
 */
export function scriptResponse(
  request: ResponsesRequest,
  failure: JsonObject | null = null,
  scripted?: PlannedAnswer,
): ResponsesScript {
  const answer: CompletionAnswer = scripted
    ? scriptedCompletion(scripted, request.maxTokens)
    : (structuredCompletion(request, textFormat(request)) ?? answerCompletion(request));
  const items: ScriptedItem[] = [];
  if (answer.reasoning) items.push({ kind: 'reasoning', id: newId('rs_'), fragments: answer.reasoning });
  // A limit the reasoning used up leaves no message (the model wrote nothing of it).
  const unwritten = answer.truncated && answer.kind !== 'functionCalls' && answer.fragments.length === 0;
  if (answer.kind !== 'functionCalls') {
    const part = answer.kind === 'refusal' ? 'refusal' : 'output_text';
    if (!unwritten) items.push({ kind: 'message', id: newId('msg_'), part, fragments: answer.fragments });
  } else {
    if (answer.leadingText.length > 0) {
      items.push({ kind: 'message', id: newId('msg_'), part: 'output_text', fragments: answer.leadingText });
    }
    for (const call of answer.calls) {
      items.push({
        kind: 'functionCall',
        id: newId('fc_'),
        callId: call.id ?? newId('call_'),
        name: call.name,
        fragments: call.fragments,
      });
    }
  }
  const inputTokens = countPromptTokens(request.texts);
  return {
    id: newId('resp_'),
    createdAt: unixNow(),
    request,
    items,
    truncated: answer.truncated,
    usage: {
      input_tokens: inputTokens,
      // As the live API sends them: no `cache_write_tokens`, which the OpenAPI description marks required.
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: answer.completionTokens,
      output_tokens_details: { reasoning_tokens: answer.reasoning?.length ?? 0 },
      total_tokens: inputTokens + answer.completionTokens,
    },
    failure,
  };
}

/** The request's `text.format` (as echoed), read for structured answers. */
function textFormat(request: ResponsesRequest): unknown {
  return is.object(request.echo.text) ? request.echo.text['format'] : undefined;
}

type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

function itemObject(item: ScriptedItem, status: ItemStatus, full: boolean): JsonObject {
  const text = full ? item.fragments.join('') : '';
  if (item.kind === 'message') {
    return {
      id: item.id,
      type: 'message',
      status,
      role: 'assistant',
      content: full ? [contentPart(item.part, text)] : [],
    };
  }
  if (item.kind === 'reasoning') {
    // Its encrypted content, as the API gives it by default (opaque: here the summary, encoded), in the item done:
    // what a request with `store: false` sends back for the model to go on from.
    const done = full ? { encrypted_content: `gAAAAA${Buffer.from(JSON.stringify({ id: item.id, text })).toString('base64url')}` } : {};
    return { id: item.id, type: 'reasoning', summary: full ? [summaryText(text)] : [], ...done };
  }
  return { id: item.id, type: 'function_call', status, arguments: text, call_id: item.callId, name: item.name };
}

function contentPart(part: 'output_text' | 'refusal', text: string): JsonObject {
  return part === 'refusal' ? { type: 'refusal', refusal: text } : { type: 'output_text', text, annotations: [], logprobs: [] };
}

function summaryText(text: string): JsonObject {
  return { type: 'summary_text', text };
}

/**
 * The `response` object: `'in_progress'` as `response.created` / `response.in_progress` tell it (no output, no
 * usage), `'final'` as `response.completed` (or `response.incomplete`, when the token limit cut the answer;
 * `response.failed`, with its `error` and no output, when the model failed) and the non-streamed reply tell it.
 *
 * @example
 * responseObject(script, 'final');
 * // { id: 'resp_...', object: 'response', created_at, status: 'completed', completed_at, error: null, ...,
 * //   output: [{ type: 'message', ..., content: [{ type: 'output_text', text: 'You said: Hi', annotations: [] }] }],
 * //   usage: { input_tokens, output_tokens, total_tokens, ... }, ... }
 */
export function responseObject(script: ResponsesScript, phase: 'in_progress' | 'final'): JsonObject {
  const { request } = script;
  const final = phase === 'final';
  const status = !final ? 'in_progress' : script.failure !== null ? 'failed' : script.truncated ? 'incomplete' : 'completed';
  return {
    id: script.id,
    object: 'response',
    created_at: script.createdAt,
    status,
    completed_at: status === 'completed' ? unixNow() : null,
    error: status === 'failed' ? { ...script.failure } : null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: request.instructions,
    max_output_tokens: request.maxTokens,
    model: request.model,
    output: final && status !== 'failed' ? script.items.map((item) => itemObject(item, finalItemStatus(script), true)) : [],
    parallel_tool_calls: request.parallelToolCalls,
    previous_response_id: request.previousResponseId,
    ...(request.conversationId !== null ? { conversation: { id: request.conversationId } } : {}),
    background: request.background,
    reasoning: request.echo.reasoning,
    store: request.store,
    temperature: request.echo.temperature,
    text: request.echo.text,
    tool_choice: request.echo.toolChoice,
    tools: request.echo.tools,
    top_p: request.echo.topP,
    truncation: request.echo.truncation,
    usage: final && status !== 'failed' ? script.usage : null,
    user: request.echo.user,
    metadata: request.echo.metadata,
  };
}

function finalItemStatus(script: ResponsesScript): ItemStatus {
  return script.truncated ? 'incomplete' : 'completed';
}

/**
 * Keeps a response (when its request says `store`) for `GET /responses/{id}` and `previous_response_id`.
 *
 * @example
 * rememberResponse(ctx.state, script, responseObject(script, 'final'));
 */
export function rememberResponse(state: EmulatorState, script: ResponsesScript, response: JsonObject): void {
  const { conversationId, turnItems } = script.request;
  const settled = response['status'] === 'completed' || response['status'] === 'incomplete';
  // The turn joins its conversation once it settled: its input items, then its output items.
  if (settled && conversationId !== null && conversations(state).has(conversationId)) {
    const output = (response['output'] as JsonObject[] | undefined) ?? [];
    storedConversation(state, conversationId).items.push(...turnItems.map((item) => ({ ...item })), ...output.map((item) => ({ ...item })));
  }
  if (!script.request.store) return;
  const callNames = new Map(script.request.callNames);
  const texts = [...script.request.texts.slice(1)]; // instructions are not carried over
  // A failed response has no output to carry over.
  for (const item of script.failure === null ? script.items : []) {
    if (item.kind !== 'reasoning') texts.push(item.fragments.join('')); // reasoning is not carried over
    if (item.kind === 'functionCall') callNames.set(item.callId, item.name);
  }
  // The calls a next request must answer: those of the output as stored, none while a background response is
  // queued or running, nor once it was cancelled (a client never saw the calls the script had planned).
  const output = Array.isArray(response['output']) ? (response['output'] as JsonObject[]) : [];
  const calls = output.filter((item) => item['type'] === 'function_call').map((item) => String(item['call_id']));
  responseMemory(state).set(script.id, { response, texts, callNames, calls, userText: script.request.lastUserText });
}

/**
 * The stream of a response: `event: <type>` blocks whose data carries the same `type` and a `sequence_number`
 * from 0, in the API's order. A background response starts `queued`, as the API's do: `response.created` and
 * `response.queued` carry the queued response, then `response.in_progress` the running one.
 *
 * @example
 * playBlocks(ctx.state, ctx.openEventStream(), responseEvents(script, responseObject(script, 'final')));
 */
export function responseEvents(script: ResponsesScript, final: JsonObject, background = false): PacedBlock[] {
  const blocks: PacedBlock[] = [];
  // Every delta carries padding characters, as the live API's do (fields a client must pass over).
  const obfuscated = script.request.includeObfuscation;
  const emit = (pace: PacedBlock['pace'], type: string, fields: JsonObject): void => {
    const padded = pace === 'delta' && obfuscated ? { ...fields, obfuscation: obfuscation(blocks.length) } : fields;
    blocks.push({ pace, block: sseEvent(type, { type, sequence_number: blocks.length, ...padded }) });
  };
  const started = responseObject(script, 'in_progress');
  if (background) {
    const queued = { ...started, status: 'queued' };
    emit('event', 'response.created', { response: queued });
    emit('event', 'response.queued', { response: queued });
  } else emit('event', 'response.created', { response: started });
  emit('event', 'response.in_progress', { response: started });
  if (script.failure !== null) {
    emit('event', 'response.failed', { response: final });
    return blocks;
  }
  const status = finalItemStatus(script);
  script.items.forEach((item, outputIndex) => {
    const text = item.fragments.join('');
    const added = itemObject(item, 'in_progress', false);
    emit('event', 'response.output_item.added', { output_index: outputIndex, item: added });
    if (item.kind === 'message') {
      const at = { item_id: item.id, output_index: outputIndex, content_index: 0 };
      emit('event', 'response.content_part.added', { ...at, part: contentPart(item.part, '') });
      if (item.part === 'refusal') {
        for (const delta of item.fragments) emit('delta', 'response.refusal.delta', { ...at, delta });
        emit('event', 'response.refusal.done', { ...at, refusal: text });
      } else {
        for (const delta of item.fragments) emit('delta', 'response.output_text.delta', { ...at, delta, logprobs: [] });
        emit('event', 'response.output_text.done', { ...at, text, logprobs: [] });
      }
      emit('event', 'response.content_part.done', { ...at, part: contentPart(item.part, text) });
    } else if (item.kind === 'reasoning') {
      const at = { item_id: item.id, output_index: outputIndex, summary_index: 0 };
      emit('event', 'response.reasoning_summary_part.added', { ...at, part: summaryText('') });
      for (const delta of item.fragments) emit('delta', 'response.reasoning_summary_text.delta', { ...at, delta });
      emit('event', 'response.reasoning_summary_text.done', { ...at, text });
      emit('event', 'response.reasoning_summary_part.done', { ...at, part: summaryText(text) });
    } else {
      const at = { item_id: item.id, output_index: outputIndex };
      for (const delta of item.fragments) emit('delta', 'response.function_call_arguments.delta', { ...at, delta });
      // Without `name` (the live API's, unlike the OpenAPI description's): read it from the output item.
      emit('event', 'response.function_call_arguments.done', { ...at, arguments: text });
    }
    emit('event', 'response.output_item.done', { output_index: outputIndex, item: itemObject(item, status, true) });
  });
  emit('event', script.truncated ? 'response.incomplete' : 'response.completed', { response: final });
  return blocks;
}

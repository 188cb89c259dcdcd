/**
 * Chat Completions in the emulator: reading a `POST /chat/completions` body (with the API's 400 replies), and
 * writing the answer as a `chat.completion` object or as the chunks of a stream, shaped like the live API's
 * (see `spec/fixtures/chat-completions/*.sse`).
 */
import type { AssistantToolChoiceOption, FunctionTool } from '../../wire/assistants.js';
import { badRequest, missingParameter } from './api-error.js';
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
  SYSTEM_FINGERPRINT,
  type CompletionAnswer,
} from './completion-plan.js';
import { unixNow } from './objects.js';
import type { PlannedAnswer } from './scripted-answers.js';
import type { PacedBlock } from './paced-stream.js';
import { DONE_DATA, obfuscation, sseEvent } from './sse.js';
import { newId } from './store.js';
import { checkChosenFunction, checkFunctionTool, checkName, checkRange } from './tool-checks.js';
import { invalidType, is, optional } from './validate.js';

/**
 * A validated Chat Completions request: what the emulator reads of it.
 *
 * @example
 * const request: ChatRequest = readChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 * request.n; // 1
 */
export interface ChatRequest {
  readonly model: string;
  readonly n: number;
  readonly stream: boolean;
  /** `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** `stream_options.include_obfuscation` (the API's default: on). */
  readonly includeObfuscation: boolean;
  /** The text of the last user message ('' when there is none). */
  readonly userText: string;
  /** The results of the tool messages that end the conversation, named after the calls they answer. */
  readonly toolOutputs: ReadonlyArray<{ readonly name: string; readonly output: string }>;
  readonly tools: readonly FunctionTool[];
  readonly toolChoice: AssistantToolChoiceOption | null;
  readonly parallelToolCalls: boolean;
  /** `max_completion_tokens`, else `max_tokens`, else `null`. */
  readonly maxTokens: number | null;
  /** With `logprobs: true`, how many alternatives each token lists (`top_logprobs`, default 0); else `null`. */
  readonly logprobs: number | null;
  readonly promptTokens: number;
  /**
   * `response_format`: with type `json_schema` the answer is JSON valid for its schema (see `schema-answer.ts`),
   * with `json_object` a JSON object.
   */
  readonly responseFormat?: unknown;
}

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

/**
 * Reads and checks a request body; throws the API's 400 replies (`you must provide a model parameter`,
 * `Missing required parameter: 'messages'.`, ...).
 *
 * @example
 * const request = readChatRequest(ctx.body);
 */
export function readChatRequest(body: JsonObject): ChatRequest {
  const model = body['model'];
  if (model === undefined || model === null) throw badRequest('you must provide a model parameter');
  if (!is.string(model)) throw invalidType('model', 'a string', model);

  const messages = body['messages'];
  if (messages === undefined || messages === null) throw missingParameter('messages');
  if (!is.array(messages)) throw invalidType('messages', 'an array', messages);
  if (messages.length === 0) {
    throw badRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  const conversation = readMessages(messages);

  const stream = optional(body, 'stream', isBooleanOrNull, 'a boolean') === true;
  const streamOptions = optional(body, 'stream_options', isObjectOrNull, 'an object');
  if (streamOptions && !stream) {
    throw badRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
  }
  const includeUsage = streamOptions?.['include_usage'] === true;
  const includeObfuscation = streamOptions?.['include_obfuscation'] !== false;

  checkSampling(body);
  checkResponseFormat(body);

  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const maxTokens =
    optionalInteger(body, 'max_completion_tokens', 1) ?? optionalInteger(body, 'max_tokens', 1) ?? null;
  const tools = readTools(body);
  const toolChoice = readToolChoice(body, tools.given);
  if (toolChoice !== null && typeof toolChoice === 'object' && toolChoice.function !== undefined) {
    checkChosenFunction(toolChoice.function.name, tools.functions.map((tool) => tool.function.name));
  }
  const parallel = optional(body, 'parallel_tool_calls', isBooleanOrNull, 'a boolean');
  if (parallel !== undefined && parallel !== null && !tools.given) {
    throw badRequest(
      "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.",
      'parallel_tool_calls',
    );
  }
  const parallelToolCalls = parallel ?? true;
  const topLogprobs = optionalInteger(body, 'top_logprobs', 0, 20);
  const wantsLogprobs = optional(body, 'logprobs', isBooleanOrNull, 'a boolean') === true;
  if (topLogprobs !== undefined && topLogprobs !== null && !wantsLogprobs) {
    throw badRequest("Invalid value for 'top_logprobs': 'top_logprobs' is only allowed when 'logprobs' is true.", 'top_logprobs');
  }
  const logprobs = wantsLogprobs ? (topLogprobs ?? 0) : null;

  return {
    model,
    n,
    stream,
    includeUsage,
    includeObfuscation,
    ...conversation,
    tools: tools.functions,
    toolChoice,
    parallelToolCalls,
    maxTokens,
    logprobs,
    responseFormat: body['response_format'] ?? null,
  };
}

const isObjectOrNull = (value: unknown): value is JsonObject | null => value === null || is.object(value);

/**
 * The sampling and bookkeeping parameters the API checks though the emulator does not use them: `temperature`
 * (0 to 2), `top_p` (0 to 1), `presence_penalty` and `frequency_penalty` (-2 to 2), `seed` (an integer), `stop`
 * (a string, up to 4 strings, or `null`), `metadata` (an object of strings): a string `"0.7"` read from the
 * environment is refused here as it is by the API.
 */
function checkSampling(body: JsonObject): void {
  checkRange(body, 'temperature', 0, 2);
  checkRange(body, 'top_p', 0, 1);
  checkRange(body, 'presence_penalty', -2, 2);
  checkRange(body, 'frequency_penalty', -2, 2);
  const seed = body['seed'];
  if (seed !== undefined && seed !== null && !Number.isInteger(seed)) throw invalidType('seed', 'an integer', seed);
  const stop = body['stop'];
  const stops = Array.isArray(stop) ? stop : [stop];
  if (stop !== undefined && stop !== null && (stops.length > 4 || !stops.every(is.string))) {
    throw invalidType('stop', 'one of a string or array of strings (at most 4)', stop);
  }
  optional(body, 'metadata', is.metadata, 'an object of strings');
}

/**
 * `response_format`: `{ type: 'text' }`, `{ type: 'json_object' }`, or `{ type: 'json_schema', json_schema: { name,
 * schema?, strict? } }`, as the API takes it.
 */
function checkResponseFormat(body: JsonObject): void {
  const objectOrNull = (value: unknown): value is JsonObject | null => value === null || is.object(value);
  const format = optional(body, 'response_format', objectOrNull, 'an object');
  if (format === undefined || format === null) return;
  const type = format['type'];
  if (type === undefined) throw missingParameter('response_format.type');
  if (type !== 'text' && type !== 'json_object' && type !== 'json_schema') {
    throw badRequest(
      `Invalid value: '${String(type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
      'response_format.type',
      'invalid_value',
    );
  }
  if (type !== 'json_schema') return;
  const jsonSchema = format['json_schema'];
  if (jsonSchema === undefined) throw missingParameter('response_format.json_schema');
  if (!is.object(jsonSchema)) throw invalidType('response_format.json_schema', 'an object', jsonSchema);
  if (jsonSchema['name'] === undefined) throw missingParameter('response_format.json_schema.name');
  if (!is.string(jsonSchema['name'])) throw invalidType('response_format.json_schema.name', 'a string', jsonSchema['name']);
  checkName(jsonSchema['name'], 'response_format.json_schema.name');
}

function readMessages(
  messages: readonly unknown[],
): Pick<ChatRequest, 'userText' | 'toolOutputs' | 'promptTokens'> {
  const texts: string[] = [];
  const callNames = new Map<string, string>(); // tool_call_id -> function name, from the assistant messages
  let userText = '';
  let toolOutputs: Array<{ name: string; output: string }> = [];
  let answersCalls = false; // the previous message was an assistant message with tool calls, or a tool message
  // The calls of the last assistant message with tool calls that no tool message answered yet, and where it was:
  // every one must be answered by the tool messages right after it.
  let unanswered: string[] = [];
  let askedAt = -1;
  const refuseUnanswered = () => {
    if (unanswered.length === 0) return;
    throw badRequest(
      "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
        `The following tool_call_ids did not have response messages: ${unanswered.join(', ')}`,
      `messages.[${askedAt}].role`,
    );
  };
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (!is.object(message)) throw invalidType(param, 'an object', message);
    const role = message['role'];
    if (role === undefined || role === null) throw missingParameter(`${param}.role`);
    if (!is.string(role) || !ROLES.includes(role)) {
      throw badRequest(
        `Invalid value: '${String(role)}'. Supported values are: ` +
          "'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
        `${param}.role`,
        'invalid_value',
      );
    }
    const content = message['content'];
    const toolCalls = role === 'assistant' && is.array(message['tool_calls']) ? message['tool_calls'] : [];
    if ((content === undefined || content === null) && role !== 'assistant') {
      throw missingParameter(`${param}.content`);
    }
    if (content !== undefined && content !== null && !is.string(content) && !is.array(content)) {
      throw invalidType(`${param}.content`, 'one of a string or array of objects', content);
    }
    if (is.array(content)) {
      content.forEach((part, at) => {
        const type = is.object(part) ? part['type'] : undefined;
        if (is.string(type) && CHAT_PARTS.includes(type)) return;
        // The Responses API's parts (`input_text`, ...) among them: the API refuses them here.
        throw badRequest(
          `Invalid value: '${String(type)}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', 'audio', and 'file'.`,
          `${param}.content[${at}].type`,
          'invalid_value',
        );
      });
    }
    const text = contentText(content);
    texts.push(text);
    if (role === 'tool') {
      const id = message['tool_call_id'];
      if (!is.string(id)) throw missingParameter(`${param}.tool_call_id`);
      if (!answersCalls) {
        throw badRequest(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `${param}.role`,
        );
      }
      toolOutputs.push({ name: callNames.get(id) ?? id, output: text });
      unanswered = unanswered.filter((asked) => asked !== id);
      answersCalls = true;
      return;
    }
    refuseUnanswered();
    toolOutputs = [];
    answersCalls = toolCalls.length > 0;
    askedAt = index;
    toolCalls.forEach((call) => {
      const fn = is.object(call) && is.object(call['function']) ? call['function'] : {};
      if (is.object(call) && is.string(call['id']) && is.string(fn['name'])) callNames.set(call['id'], fn['name']);
      if (is.object(call) && is.string(call['id'])) unanswered.push(call['id']);
      if (is.string(fn['arguments'])) texts.push(fn['arguments']);
    });
    if (role === 'user') userText = text;
  });
  refuseUnanswered();
  return { userText, toolOutputs, promptTokens: countPromptTokens(texts) };
}

/** The content part types of a chat message. */
const CHAT_PARTS: readonly string[] = ['text', 'image_url', 'input_audio', 'refusal', 'audio', 'file'];

function readTools(body: JsonObject): { given: boolean; functions: FunctionTool[] } {
  const tools = optional(body, 'tools', isArrayOrNull, 'an array');
  if (!tools) return { given: false, functions: [] };
  const functions: FunctionTool[] = [];
  tools.forEach((tool, index) => {
    const type = is.object(tool) ? tool['type'] : undefined;
    if (type === 'custom') return; // accepted, never called by the script
    if (type !== 'function') {
      throw badRequest(
        `Invalid value: '${String(type)}'. Supported values are: 'function' and 'custom'.`,
        `tools[${index}].type`,
        'invalid_value',
      );
    }
    const fn = (tool as JsonObject)['function'];
    if (!is.object(fn)) throw missingParameter(`tools[${index}].function`);
    if (!is.string(fn['name'])) throw missingParameter(`tools[${index}].function.name`);
    checkFunctionTool(fn['name'], `tools[${index}].function.name`, fn['parameters'], `tools[${index}].function.parameters`);
    functions.push(tool as FunctionTool);
  });
  return { given: tools.length > 0, functions };
}

function readToolChoice(body: JsonObject, toolsGiven: boolean): AssistantToolChoiceOption | null {
  const choice = body['tool_choice'];
  if (choice === undefined || choice === null) return null;
  if (!toolsGiven) {
    throw badRequest(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (is.object(choice) && choice['type'] === 'function') {
    const fn = choice['function'];
    if (!is.object(fn) || !is.string(fn['name'])) throw missingParameter('tool_choice.function.name');
    return { type: 'function', function: { name: fn['name'] } };
  }
  if (is.object(choice) && choice['type'] === 'allowed_tools') {
    const mode = is.object(choice['allowed_tools']) ? choice['allowed_tools']['mode'] : undefined;
    return mode === 'required' ? 'required' : 'auto';
  }
  if (is.object(choice) && choice['type'] === 'custom') return 'none'; // the script calls functions only
  throw badRequest(
    "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a named tool.",
    'tool_choice',
    'invalid_value',
  );
}

/**
 * The answers of one request (one per choice) and what its objects share: id, creation time, model, usage.
 *
 * @example
 * const script = scriptChat(readChatRequest(ctx.body));
 * script.choices.length; // the request's `n`
 */
export interface ChatScript {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly choices: ReadonlyArray<{ readonly answer: CompletionAnswer; readonly callIds: readonly string[] }>;
  readonly usage: ChatUsage;
  /** The request's `logprobs` ({@link ChatRequest.logprobs}). */
  readonly logprobs: number | null;
}

/**
 * The `usage` of a Chat Completions answer.
 *
 * @example
 * const usage: ChatUsage = completion.usage; // { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9, ... }
 */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/**
 * Decides the answers of a request: `n` times the same answer, the test's (`scripted`, from
 * `emulator.scriptAnswer`) or else the generated one, each call with its own `call_...` id (unless the scripted
 * call has an id).
 *
 * @example
 * const script = scriptChat(request);
 * const body = chatCompletionObject(script);
 * scriptChat(request, planAnswer({ refusal: 'No.' })); // a refusal
 */
export function scriptChat(request: ChatRequest, scripted?: PlannedAnswer): ChatScript {
  const answer = scripted
    ? scriptedCompletion(scripted, request.maxTokens)
    : (structuredCompletion(request, request.responseFormat) ?? answerCompletion(request));
  const choices = Array.from({ length: request.n }, () => ({
    answer,
    callIds: answer.kind === 'functionCalls' ? answer.calls.map((call) => call.id ?? newId('call_')) : [],
  }));
  const completionTokens = answer.completionTokens * request.n;
  return {
    id: newId('chatcmpl-'),
    created: unixNow(),
    model: request.model,
    choices,
    logprobs: request.logprobs,
    usage: {
      prompt_tokens: request.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: request.promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: (answer.reasoning?.length ?? 0) * request.n,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

function finishReason(answer: CompletionAnswer): 'stop' | 'length' | 'tool_calls' {
  if (answer.truncated) return 'length';
  return answer.kind === 'functionCalls' && answer.calls.length > 0 ? 'tool_calls' : 'stop';
}

/**
 * The non-streamed answer: a `chat.completion` object.
 *
 * @example
 * chatCompletionObject(script);
 * // { id: 'chatcmpl-...', object: 'chat.completion', created, model,
 * //   choices: [{ index: 0, message: { role: 'assistant', content: 'You said: Hi', refusal: null, annotations: [] },
 * //     logprobs: null, finish_reason: 'stop' }],
 * //   usage, service_tier: 'default', system_fingerprint }
 */
export function chatCompletionObject(script: ChatScript): unknown {
  return {
    id: script.id,
    object: 'chat.completion',
    created: script.created,
    model: script.model,
    choices: script.choices.map(({ answer, callIds }, index) => ({
      index,
      message: choiceMessage(answer, callIds),
      logprobs: messageLogprobs(answer, script.logprobs),
      finish_reason: finishReason(answer),
    })),
    usage: script.usage,
    // The live API names the tier that served the request here too (`default` for the emulator's one tier).
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

function choiceMessage(answer: CompletionAnswer, callIds: readonly string[]): Record<string, unknown> {
  if (answer.kind === 'text') {
    return { role: 'assistant', content: answer.fragments.join(''), refusal: null, annotations: [] };
  }
  if (answer.kind === 'refusal') {
    return { role: 'assistant', content: null, refusal: answer.fragments.join(''), annotations: [] };
  }
  return {
    role: 'assistant',
    content: answer.leadingText.length > 0 ? answer.leadingText.join('') : null,
    ...(answer.calls.length > 0
      ? {
          tool_calls: answer.calls.map((call, at) => ({
            id: callIds[at],
            type: 'function',
            function: { name: call.name, arguments: call.fragments.join('') },
          })),
        }
      : {}),
    refusal: null,
    annotations: [],
  };
}

/**
 * The streamed answer: `chat.completion.chunk` blocks (no `event:` line), the choices interleaved one block at
 * a time, then (with `include_usage`) a chunk with `choices: []` and the usage, then `data: [DONE]`. With
 * `include_usage` every other chunk says `usage: null`, as the API does. Every chunk carries `service_tier` and,
 * unless `include_obfuscation` is `false`, an `obfuscation` of padding characters, as the live API's do (see the
 * recording in `spec/fixtures/chat-recorded/`): fields a client must pass over.
 *
 * @example
 * playBlocks(ctx.state, ctx.openEventStream(), chatCompletionChunks(script, request.includeUsage));
 */
export function chatCompletionChunks(script: ChatScript, includeUsage: boolean, includeObfuscation = true): PacedBlock[] {
  let count = 0;
  const chunk = (choices: unknown[], usage?: ChatUsage | null): unknown => ({
    id: script.id,
    object: 'chat.completion.chunk',
    created: script.created,
    model: script.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(usage !== undefined ? { usage } : {}),
    ...(includeObfuscation ? { obfuscation: obfuscation(count++) } : {}),
  });
  const perChoice = script.choices.map(({ answer, callIds }, index) => {
    let tokens = 0;
    return choiceDeltas(answer, callIds).map(({ pace, delta, finish }) => {
      const logprobs = script.logprobs === null ? null : deltaLogprobs(delta, tokens++, script.logprobs);
      return {
        pace,
        block: sseEvent(undefined, chunk([{ index, delta, logprobs, finish_reason: finish ?? null }], includeUsage ? null : undefined)),
      };
    });
  });
  const blocks: PacedBlock[] = [];
  for (let at = 0; perChoice.some((list) => at < list.length); at++) {
    for (const list of perChoice) if (at < list.length) blocks.push(list[at]!);
  }
  if (includeUsage) blocks.push({ pace: 'event', block: sseEvent(undefined, chunk([], script.usage)) });
  blocks.push({ pace: 'event', block: { data: DONE_DATA } });
  return blocks;
}

/**
 * The `logprobs` of a choice's chunk, as the API's with `logprobs: true`: the opening chunk has an empty list for
 * the part it opens (`content` for text, `refusal` for a refusal), each text or refusal delta the entry of its token;
 * tool call chunks and the finish have none.
 */
function deltaLogprobs(delta: Record<string, unknown>, at: number, top: number): unknown {
  const { content, refusal } = delta;
  if ('role' in delta) {
    if (typeof content === 'string') return { content: [], refusal: null };
    if (typeof refusal === 'string') return { content: null, refusal: [] };
    return null;
  }
  if (typeof content === 'string') return { content: [tokenLogprob(content, at, top)], refusal: null };
  if (typeof refusal === 'string') return { content: null, refusal: [tokenLogprob(refusal, at, top)] };
  return null;
}

/** A whole message's `logprobs`: the entries of its text's or its refusal's tokens (`null` without `logprobs`). */
function messageLogprobs(answer: CompletionAnswer, top: number | null): unknown {
  if (top === null) return null;
  const entries = (fragments: readonly string[]) => fragments.map((token, at) => tokenLogprob(token, at + 1, top));
  if (answer.kind === 'refusal') return { content: null, refusal: entries(answer.fragments) };
  const text = answer.kind === 'text' ? answer.fragments : answer.leadingText;
  return { content: text.length > 0 ? entries(text) : null, refusal: null };
}

/** Alternatives a token's `top_logprobs` list after the token itself. */
const ALTERNATIVES = [' the', ',', ' a', '.', ' and', ' of', ' to', ' is'];

/**
 * One token's entry (a fragment of the answer is one token): a made-up but steady `logprob` (the same token at the
 * same place has the same one), its UTF-8 `bytes`, and `top` alternatives, the token itself first.
 */
function tokenLogprob(token: string, at: number, top: number): unknown {
  const logprob = -Math.round((0.0005 + (at % 9) * 0.07) * 1e6) / 1e6;
  const entry = (text: string, value: number) => ({ token: text, logprob: value, bytes: [...new TextEncoder().encode(text)] });
  const alternatives = Array.from({ length: top }, (_, i) =>
    i === 0 ? entry(token, logprob) : entry(ALTERNATIVES[(at + i) % ALTERNATIVES.length]!, Math.round((logprob - i * 1.5) * 1e6) / 1e6),
  );
  return { ...entry(token, logprob), top_logprobs: alternatives };
}

interface ChoiceDelta {
  readonly pace: 'event' | 'delta';
  readonly delta: Record<string, unknown>;
  readonly finish?: string;
}

/**
 * The deltas of one choice, as the live API sends them: text starts with `{ role, content: '', refusal: null }`,
 * a refusal with `{ role, content: null, refusal: '' }`; one tool call starts with `{ role, content: null,
 * tool_calls: [<the call's head>], refusal: null }`, several with `{ role, content: null }` and then one chunk per
 * call's head (after a text, every call has a chunk of its head); arguments follow in fragments; the last delta is
 * empty and carries the finish reason.
 */
function choiceDeltas(answer: CompletionAnswer, callIds: readonly string[]): ChoiceDelta[] {
  const deltas: ChoiceDelta[] = [];
  if (answer.kind === 'refusal') {
    deltas.push({ pace: 'event', delta: { role: 'assistant', content: null, refusal: '' } });
    for (const fragment of answer.fragments) deltas.push({ pace: 'delta', delta: { refusal: fragment } });
  } else if (answer.kind === 'text' || answer.leadingText.length > 0) {
    deltas.push({ pace: 'event', delta: { role: 'assistant', content: '', refusal: null } });
    const text = answer.kind === 'text' ? answer.fragments : answer.leadingText;
    for (const fragment of text) deltas.push({ pace: 'delta', delta: { content: fragment } });
  }
  if (answer.kind === 'functionCalls' && answer.calls.length > 0) {
    const head = (at: number) => ({
      index: at,
      id: callIds[at],
      type: 'function',
      function: { name: answer.calls[at]!.name, arguments: '' },
    });
    const opened = answer.leadingText.length > 0;
    const single = answer.calls.length === 1 && !opened;
    if (!opened) {
      deltas.push({
        pace: 'event',
        delta: single
          ? { role: 'assistant', content: null, tool_calls: [head(0)], refusal: null }
          : { role: 'assistant', content: null },
      });
    }
    answer.calls.forEach((call, at) => {
      if (!single) deltas.push({ pace: 'event', delta: { tool_calls: [head(at)] } });
      for (const fragment of call.fragments) {
        deltas.push({ pace: 'delta', delta: { tool_calls: [{ index: at, function: { arguments: fragment } }] } });
      }
    });
  }
  deltas.push({ pace: 'event', delta: {}, finish: finishReason(answer) });
  return deltas;
}

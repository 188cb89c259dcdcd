/**
 * The check `chatCompletionChunks()` runs on every `chat.completion.chunk` by default: the fields the library
 * reads (the snapshot reducer, `finalChatCompletion()`, `chatCompletionEvents()`, `textDeltas()`,
 * `toolCallDeltas()`, `streamMetrics()`, the end-of-stream report), and nothing else. A field that is read must
 * have the kind the code relies on; every other field passes untouched whatever it holds or whether it is there
 * at all (`object`, `model`, `created`, `usage`, `system_fingerprint`, `service_tier`, Azure's
 * `prompt_filter_results` / `content_filter_results`, `obfuscation`, unknown keys, new enum values).
 *
 * Checked (absent and `null` are fine wherever a field is optional):
 * - the chunk is an object with a `choices` array, and a string `id` when it has one (Azure's first chunk sends
 *   `""`; some compatible servers send none). (A usage chunk without `choices` is not let through by this check:
 *   the source gives it `choices: []` first, see {@link isUsageChunkWithoutChoices}.)
 * - each choice is an object with an integer `index` >= 0, a `finish_reason` that is a string (any value) or
 *   `null`, a `delta` that is an object, `logprobs` an object whose `content` / `refusal` are arrays;
 * - in a delta: `content`, `refusal`, `role` strings (a `content` list of Mistral's `thinking` / `text` parts is not
 *   let through by this check either: the source reads it first, see `chat/content-parts.ts`); `tool_calls` an array
 *   of objects with an integer `index`
 *   >= 0, string `id` / `type`, `function: { name, arguments }` and `custom: { name, input }` with string
 *   fields; `function_call: { name, arguments }` strings; `audio` with string `id` / `data` / `transcript` and a
 *   number `expires_at`.
 *
 * The full OpenAPI schema (`ChatCompletionChunkSchema`) is opt-in: `chatCompletionChunks(source, { conformance:
 * ChatCompletionChunkSchema })`.
 */
import type { ReadIssue } from '../../sources/decode-json-event.js';
import type { ChatCompletionChunk } from './chunk.js';
import { isIndex, isJsonObject } from '../json-values.js';

/**
 * What is wrong with a field of a chunk the library reads, or `undefined` when the chunk can be read (see the
 * module comment for the list).
 *
 * @internal
 * @example
 * chatCompletionChunkIssue(JSON.parse('{"id":"c1","choices":[{"index":-1,"delta":{}}]}'));
 * // { path: 'choices.0.index', message: 'expected an integer >= 0' }
 */
export function chatCompletionChunkIssue(data: unknown): ReadIssue | undefined {
  if (!isJsonObject(data)) return { path: '', message: 'expected an object' };
  if (!isOptionalString(data['id'])) return { path: 'id', message: 'expected a string' };
  const choices = data['choices'];
  if (!Array.isArray(choices)) return { path: 'choices', message: 'expected an array' };
  for (let i = 0; i < choices.length; i++) {
    const problem = choiceIssue(choices[i]);
    if (problem !== undefined) return at(`choices.${i}`, problem);
  }
  return undefined;
}

function choiceIssue(choice: unknown): ReadIssue | undefined {
  if (!isJsonObject(choice)) return { path: '', message: 'expected an object' };
  if (!isIndex(choice['index'])) return { path: 'index', message: 'expected an integer >= 0' };
  if (!isOptionalString(choice['finish_reason'])) return { path: 'finish_reason', message: 'expected a string' };
  const logprobs = choice['logprobs'];
  if (logprobs !== undefined && logprobs !== null) {
    if (!isJsonObject(logprobs)) return { path: 'logprobs', message: 'expected an object' };
    if (!isOptionalArray(logprobs['content'])) return { path: 'logprobs.content', message: 'expected an array' };
    if (!isOptionalArray(logprobs['refusal'])) return { path: 'logprobs.refusal', message: 'expected an array' };
  }
  const delta = choice['delta'];
  if (delta === undefined || delta === null) return undefined;
  if (!isJsonObject(delta)) return { path: 'delta', message: 'expected an object' };
  const problem = deltaIssue(delta);
  return problem === undefined ? undefined : at('delta', problem);
}

function deltaIssue(delta: Record<string, unknown>): ReadIssue | undefined {
  if (!isOptionalString(delta['content'])) return { path: 'content', message: 'expected a string' };
  if (!isOptionalString(delta['refusal'])) return { path: 'refusal', message: 'expected a string' };
  if (!isOptionalString(delta['role'])) return { path: 'role', message: 'expected a string' };
  const toolCalls = delta['tool_calls'];
  if (toolCalls !== undefined && toolCalls !== null) {
    if (!Array.isArray(toolCalls)) return { path: 'tool_calls', message: 'expected an array' };
    for (let i = 0; i < toolCalls.length; i++) {
      const problem = toolCallIssue(toolCalls[i]);
      if (problem !== undefined) return at(`tool_calls.${i}`, problem);
    }
  }
  const functionCall = stringFieldsIssue(delta['function_call'], 'name', 'arguments');
  if (functionCall !== undefined) return at('function_call', functionCall);
  const audio = delta['audio'];
  if (audio !== undefined && audio !== null) {
    const problem = stringFieldsIssue(audio, 'id', 'data', 'transcript');
    if (problem !== undefined) return at('audio', problem);
    const expiresAt = (audio as Record<string, unknown>)['expires_at'];
    if (expiresAt !== undefined && expiresAt !== null && typeof expiresAt !== 'number') {
      return { path: 'audio.expires_at', message: 'expected a number' };
    }
  }
  return undefined;
}

function toolCallIssue(call: unknown): ReadIssue | undefined {
  if (!isJsonObject(call)) return { path: '', message: 'expected an object' };
  if (!isIndex(call['index'])) return { path: 'index', message: 'expected an integer >= 0' };
  if (!isOptionalString(call['id'])) return { path: 'id', message: 'expected a string' };
  if (!isOptionalString(call['type'])) return { path: 'type', message: 'expected a string' };
  const fn = stringFieldsIssue(call['function'], 'name', 'arguments');
  if (fn !== undefined) return at('function', fn);
  const custom = stringFieldsIssue(call['custom'], 'name', 'input');
  return custom === undefined ? undefined : at('custom', custom);
}

/** `value` absent, `null`, or an object whose `keys` are absent, `null` or strings. */
function stringFieldsIssue(value: unknown, ...keys: string[]): ReadIssue | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) return { path: '', message: 'expected an object' };
  for (const key of keys) if (!isOptionalString(value[key])) return { path: key, message: 'expected a string' };
  return undefined;
}

function at(prefix: string, issue: ReadIssue): ReadIssue {
  return { path: issue.path === '' ? prefix : `${prefix}.${issue.path}`, message: issue.message };
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function isOptionalArray(value: unknown): boolean {
  return value === undefined || value === null || Array.isArray(value);
}

/**
 * Whether `data` is the usage chunk of `stream_options: { include_usage: true }` as some compatible servers write
 * it: a `usage` object that counts `prompt_tokens` and no `choices` (absent or `null`; ROCm ATOM before 2026-07, the llm-rosetta converter
 * before 2026-03), where the API writes `"choices": []`. The sources read it as the API's (a copy with `choices:
 * []`), and the operators know it as a chat chunk. Without `usage` such a chunk carries nothing, and is no chunk the
 * library reads. Another API's value that carries `usage` is not one: an event (a string `type` or `event`), or a
 * whole object of its own (`object` other than a chat one: a `response`, a `thread.run`).
 *
 * @internal
 * @example
 * isUsageChunkWithoutChoices(JSON.parse('{"id":"c1","usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}')); // true
 */
export function isUsageChunkWithoutChoices(data: unknown): boolean {
  // `usage` first: most values the operators ask about (Responses events) have none.
  const value = data as { usage?: unknown; choices?: unknown; type?: unknown; event?: unknown; object?: unknown } | null;
  if (value === null || typeof value !== 'object') return false;
  const usage = value.usage;
  // A chat usage counts `prompt_tokens` (an app's own object with a `usage` of other counts, such as a tool loop's
  // result, is no chunk).
  if (!isJsonObject(usage) || typeof usage['prompt_tokens'] !== 'number') return false;
  if (value.choices != null || typeof value.type === 'string' || typeof value.event === 'string') return false;
  const object = value.object;
  return typeof object !== 'string' || object === '' || object.startsWith('chat.completion');
}

/**
 * Whether the library can read `data` as a chunk: {@link chatCompletionChunkIssue} found nothing. (It says
 * nothing about the fields the library does not read.)
 *
 * @internal
 * @example
 * isCommonChatCompletionChunk(JSON.parse('{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}')); // true
 */
export function isCommonChatCompletionChunk(data: unknown): data is ChatCompletionChunk {
  return chatCompletionChunkIssue(data) === undefined;
}

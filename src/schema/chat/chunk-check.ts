/**
 * A hand-written check of the common `chat.completion.chunk` data, one per token of a Chat Completions stream.
 * It accepts a subset of what `ChatCompletionChunkSchema` accepts, several times faster than zod; anything it
 * does not accept goes to the schema, which decides (and explains its refusal).
 *
 * `spec/schema/chunk-check.spec.ts` proves with fast-check that it never accepts a value the schema rejects.
 * Change both together.
 */
import type { ChatCompletionChunk } from './chunk.js';

/**
 * Whether `data` is a valid chunk of the common shape: `id`, `model` strings, `created` a number,
 * `object: 'chat.completion.chunk'`, optional `system_fingerprint` / `obfuscation` strings, `service_tier`,
 * `usage` of the three token counts (no details) or `null`, no `moderation` (or `null`), and choices
 * `{ index: number, finish_reason, logprobs?: null, delta: { role?, content?, refusal? } }` (no tool calls, no
 * `function_call`). Unknown keys are allowed, as the schema allows them. `false` means "ask the schema", not
 * "invalid".
 *
 * @internal
 * @example
 * isCommonChatCompletionChunk(JSON.parse(
 *   '{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}',
 * )); // true
 */
export function isCommonChatCompletionChunk(data: unknown): data is ChatCompletionChunk {
  if (
    !isObject(data) ||
    data['object'] !== 'chat.completion.chunk' ||
    typeof data['id'] !== 'string' ||
    typeof data['model'] !== 'string' ||
    !isFiniteNumber(data['created'])
  ) {
    return false;
  }
  if (!isOptionalString(data['system_fingerprint']) || !isOptionalString(data['obfuscation'])) return false;
  const tier = data['service_tier'];
  if (
    tier !== undefined &&
    tier !== null &&
    tier !== 'auto' &&
    tier !== 'default' &&
    tier !== 'flex' &&
    tier !== 'scale' &&
    tier !== 'priority' &&
    tier !== 'fast'
  ) {
    return false;
  }
  const usage = data['usage'];
  if (usage !== undefined && usage !== null && !isPlainUsage(usage)) return false;
  const moderation = data['moderation'];
  if (moderation !== undefined && moderation !== null) return false;
  const choices = data['choices'];
  if (!Array.isArray(choices)) return false;
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i];
    if (!isObject(choice) || !isFiniteNumber(choice['index'])) return false;
    const reason = choice['finish_reason'];
    if (
      reason !== null &&
      reason !== 'stop' &&
      reason !== 'length' &&
      reason !== 'tool_calls' &&
      reason !== 'content_filter' &&
      reason !== 'function_call'
    ) {
      return false;
    }
    const logprobs = choice['logprobs'];
    if (logprobs !== undefined && logprobs !== null) return false;
    const delta = choice['delta'];
    if (!isObject(delta)) return false;
    if (!isOptionalNullableString(delta['content']) || !isOptionalNullableString(delta['refusal'])) return false;
    if (delta['tool_calls'] !== undefined || delta['function_call'] !== undefined) return false;
    const role = delta['role'];
    if (
      role !== undefined &&
      role !== 'assistant' &&
      role !== 'user' &&
      role !== 'system' &&
      role !== 'developer' &&
      role !== 'tool'
    ) {
      return false;
    }
  }
  return true;
}

/** `usage` with the three token counts and no breakdowns (breakdowns go to the schema). */
function isPlainUsage(usage: unknown): boolean {
  return (
    isObject(usage) &&
    isFiniteNumber(usage['completion_tokens']) &&
    isFiniteNumber(usage['prompt_tokens']) &&
    isFiniteNumber(usage['total_tokens']) &&
    usage['completion_tokens_details'] === undefined &&
    usage['prompt_tokens_details'] === undefined
  );
}

// As zod 4 judges them: an object is anything but null and arrays; a number is finite.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isOptionalNullableString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';

/**
 * The chunks a stream would have carried for `completion`: one chunk per choice with its whole message
 * (role, content, refusal, tool calls by index), logprobs and finish reason, then a `choices: []` chunk with
 * the usage when the completion has one. Accumulating them gives back `completion`.
 *
 * @internal
 * @example
 * from(chunksOfCompletion(completion)).pipe(finalChatCompletion()); // equals completion
 */
export function chunksOfCompletion(completion: ChatCompletion): ChatCompletionChunk[] {
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk' as const,
    created: completion.created,
    model: completion.model,
    ...(completion.system_fingerprint !== undefined ? { system_fingerprint: completion.system_fingerprint } : {}),
    ...(completion.service_tier !== undefined ? { service_tier: completion.service_tier } : {}),
  };
  const chunks = completion.choices.map((choice) => {
    const { role, content, refusal, tool_calls } = choice.message;
    const delta = {
      role,
      content,
      refusal,
      ...(tool_calls ? { tool_calls: tool_calls.map((call, index) => ({ index, ...call })) } : {}),
    };
    return { ...base, choices: [{ index: choice.index, delta, logprobs: choice.logprobs, finish_reason: choice.finish_reason }] };
  });
  if (completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage } as never);
  return chunks as unknown as ChatCompletionChunk[];
}

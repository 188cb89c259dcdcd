import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';

/**
 * The chunks a stream would have carried for `completion`: one chunk per choice whose delta is the whole message
 * (role, content, refusal, tool calls by index, and whatever else it holds: annotations, audio, ...), with the
 * choice's logprobs, finish reason and other fields (Azure's `content_filter_results`), then a `choices: []` chunk
 * with the usage when the completion has one. Every chunk carries the completion's top-level fields
 * (`system_fingerprint`, Azure's `prompt_filter_results`, unknown ones) but `usage`. Accumulating them gives back
 * `completion`.
 *
 * @internal
 * @example
 * from(chunksOfCompletion(completion)).pipe(finalChatCompletion()); // equals completion
 */
export function chunksOfCompletion(completion: ChatCompletion): ChatCompletionChunk[] {
  const { choices, usage, object: _object, ...top } = completion;
  void _object;
  const base = { ...top, object: 'chat.completion.chunk' as const };
  const chunks: unknown[] = choices.map((choice) => {
    const { message, ...fields } = choice;
    const { tool_calls, ...rest } = message;
    const delta = { ...rest, ...(tool_calls ? { tool_calls: tool_calls.map((call, index) => ({ index, ...call })) } : {}) };
    return { ...base, choices: [{ ...fields, delta }] };
  });
  if (usage) chunks.push({ ...base, choices: [], usage });
  return chunks as ChatCompletionChunk[];
}

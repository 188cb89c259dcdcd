import { chunkWithTextContent } from '../../chat/content-parts.js';
import { textOf } from '../../errors/excerpt.js';
import { StreamParseError } from '../../errors/stream-errors.js';
import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';

/**
 * The chunks a stream would have carried for `completion`: per choice, a chunk whose delta is the whole message
 * (role, content, refusal, tool calls by index, and whatever else it holds: annotations, audio, ...), with the
 * choice's logprobs and other fields (Azure's `content_filter_results`), then a chunk with its finish reason and an
 * empty delta, as the API sends it (the SDK's and `chatCompletionEvents()`' `...done` events of a choice's last
 * tool call come from that chunk: in the delta's own chunk, the finish would come before the call); then a
 * `choices: []` chunk with the usage when the completion has one. Every chunk carries the completion's top-level
 * fields (`system_fingerprint`, Azure's `prompt_filter_results`, unknown ones) but `usage`. Accumulating them gives
 * back `completion`, but for a `content` that is a list of parts (Mistral's Magistral), which streams as the source
 * reads it (`chat/content-parts.ts`: its text as `content`, its thinking as `reasoning_content`); a part of another
 * kind throws `StreamParseError`.
 *
 * @internal
 * @example
 * from(chunksOfCompletion(completion)).pipe(finalChatCompletion()); // equals completion
 */
export function chunksOfCompletion(completion: ChatCompletion): ChatCompletionChunk[] {
  const { choices, usage, object: _object, ...top } = completion;
  void _object;
  const base = { ...top, object: 'chat.completion.chunk' as const };
  const chunks: unknown[] = choices.flatMap((choice) => {
    const { message, finish_reason, ...fields } = choice;
    const { tool_calls, ...rest } = message;
    const delta = { ...rest, ...(tool_calls ? { tool_calls: tool_calls.map((call, index) => ({ index, ...call })) } : {}) };
    const content = { ...base, choices: [{ ...fields, delta, finish_reason: null }] } as unknown as ChatCompletionChunk;
    // Content as a list of parts (Mistral's Magistral) streams as the API's would: text and reasoning.
    const read = chunkWithTextContent(content);
    if (read === undefined) {
      throw new StreamParseError('A part of the completion cannot be streamed', { data: textOf(message.content), path: `choices.${choice.index}.message.content` });
    }
    return [
      read,
      { ...base, choices: [{ index: choice.index, delta: {}, finish_reason }] },
    ];
  });
  if (usage) chunks.push({ ...base, choices: [], usage });
  return chunks as ChatCompletionChunk[];
}

import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../wire/chat.js';

// Never written to: the readers only read choices.
const NO_CHOICES: readonly ChatCompletionChunkChoice[] = [];

/**
 * A chunk's choices, as every reader of chat chunks takes them: none for the usage chunk some compatible servers
 * write without `choices` (or with `null`) where the API writes `[]`. The sources emit such a chunk as the API's
 * (a copy with `choices: []`), but the operators also read chunks that came through no source (an SDK stream read
 * with `from()`), which `chatProtocol.is` recognizes by `isUsageChunkWithoutChoices()`.
 *
 * @internal
 * @example
 * for (const choice of chunkChoices(chunk)) if (choice.finish_reason) finished.add(choice.index);
 */
export function chunkChoices(chunk: ChatCompletionChunk): readonly ChatCompletionChunkChoice[] {
  return (chunk.choices as ChatCompletionChunkChoice[] | null | undefined) ?? NO_CHOICES;
}

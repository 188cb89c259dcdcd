import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../wire/chat.js';

type Part = { readonly type?: unknown; readonly text?: unknown; readonly thinking?: unknown } | null | undefined;

/**
 * A chunk whose `delta.content` is a list of parts, as Mistral's reasoning models (Magistral) stream it, as the API
 * writes it: a copy in which each such delta's `content` is the text of its `{ type: 'text', text }` parts (none
 * without one), and its `reasoning_content` (the field DeepSeek and vLLM stream reasoning in, which the readers
 * accumulate) the text of its `{ type: 'thinking', thinking: [{ type: 'text', text }] }` parts, after any
 * `reasoning_content` the delta carried already. `undefined` when a
 * part is of another kind: nothing would show it, so the chunk stays unread (the stream fails on it, with what it
 * held).
 *
 * @internal
 * @example
 * chunkWithTextContent(JSON.parse('{"id":"c","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"Hi"}]}}]}'));
 * // { id: 'c', choices: [{ index: 0, delta: { content: 'Hi' } }] }
 */
export function chunkWithTextContent(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
  let unknown = false;
  const choices = chunk.choices.map((choice): ChatCompletionChunkChoice => {
    const parts: unknown = choice?.delta?.content;
    if (!Array.isArray(parts)) return choice;
    const delta = choice.delta as { content?: unknown; reasoning_content?: unknown };
    // The thinking goes after any reasoning the delta carried already (no server sends both: none is lost if one does).
    const before = delta.reasoning_content;
    const texts: { content?: string; reasoning_content?: string } = typeof before === 'string' ? { reasoning_content: before } : {};
    for (const part of parts as Part[]) {
      const key = part?.type === 'thinking' ? 'reasoning_content' : 'content';
      // A thinking part holds text parts; a text part is its own.
      const inner = key === 'content' ? [part] : part!.thinking;
      if (!Array.isArray(inner)) unknown = true;
      else {
        texts[key] ??= '';
        for (const text of inner as Part[]) {
          if (text?.type === 'text' && typeof text.text === 'string') texts[key] += text.text;
          else unknown = true;
        }
      }
    }
    const { content: _parts, ...rest } = delta;
    return { ...choice, delta: { ...rest, ...texts } } as ChatCompletionChunkChoice;
  });
  return unknown ? undefined : { ...chunk, choices };
}

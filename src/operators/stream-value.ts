import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';

/**
 * A value of any stream this library reads: an Assistants run event (`assistantEvents()`), a Chat Completions
 * chunk (`chatCompletionChunks()`) or a Responses event (`responseEvents()`). The operators of `src/operators/`
 * accept all three.
 *
 * @example
 * const values$: Observable<StreamValue> = merge(assistantEvents(a), chatCompletionChunks(b));
 */
export type StreamValue = AssistantStreamEvent | ChatCompletionChunk | ResponseStreamEvent;

/** Which API a {@link StreamValue} comes from. @example if (streamKindOf(value) === 'chat') countChunk(); */
export type StreamKind = 'assistants' | 'chat' | 'responses';

/**
 * Tells which API a value comes from by a cheap look at its shape: an `event` name (Assistants), `object:
 * "chat.completion.chunk"` (Chat Completions), or a `type` (Responses). `undefined` for anything else.
 *
 * @example
 * streamKindOf({ object: 'chat.completion.chunk', ... }); // 'chat'
 */
export function streamKindOf(value: unknown): StreamKind | undefined {
  const v = value as { event?: unknown; object?: unknown; type?: unknown } | null | undefined;
  if (typeof v?.event === 'string') return 'assistants';
  if (v?.object === 'chat.completion.chunk') return 'chat';
  if (typeof v?.type === 'string') return 'responses';
  return undefined;
}

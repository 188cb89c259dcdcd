import { type KnownProtocol, protocolOf, type ProtocolValue } from '../protocols/registry.js';

/**
 * A value of any stream this library reads: an Assistants run event (`assistantEvents()`), a Chat Completions
 * chunk (`chatCompletionChunks()`) or a Responses event (`responseEvents()`), i.e. `AssistantStreamEvent |
 * ChatCompletionChunk | ResponseStreamEvent` (one per protocol of `src/protocols/registry.ts`). The operators of
 * `src/operators/` accept all three.
 *
 * @example
 * const values$: Observable<StreamValue> = merge(assistantEvents(a), chatCompletionChunks(b));
 */
export type StreamValue = ProtocolValue<KnownProtocol>;

/**
 * Which API a {@link StreamValue} comes from: `'assistants' | 'chat' | 'responses'`.
 *
 * @example
 * if (streamKindOf(value) === 'chat') countChunk();
 */
export type StreamKind = KnownProtocol['kind'];

/**
 * Tells which API a value comes from by a cheap look at its shape: an `event` name (Assistants), a `choices` array
 * (Chat Completions, whatever its `object`), or a `type` (Responses). `undefined` for anything else.
 *
 * @example
 * streamKindOf({ choices: [] }); // 'chat'
 */
export function streamKindOf(value: unknown): StreamKind | undefined {
  return protocolOf(value)?.kind;
}

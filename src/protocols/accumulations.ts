import { assistantsAccumulation } from '../assistants/protocol.js';
import { chatAccumulation } from '../chat/protocol.js';
import { responsesAccumulation } from '../responses/protocol.js';
import type { ProtocolAccumulation } from './protocol.js';
import type { KnownProtocol, ProtocolValue } from './registry.js';

/**
 * The values of the protocol of kind `K`.
 *
 * @example
 * type Chunk = ValueOfKind<'chat'>; // ChatCompletionChunk
 */
export type ValueOfKind<K extends KnownProtocol['kind']> = ProtocolValue<Extract<KnownProtocol, { kind: K }>>;

/**
 * The accumulation part of every protocol of `src/protocols/registry.ts`, by kind (`toolCallDeltas()` reads it;
 * kept apart from the registry so that `textDeltas()` does not carry the reducers). The compiler asks for an
 * entry for every protocol of the registry.
 *
 * @example
 * const accumulation = protocolAccumulations[protocolOf(value)!.kind];
 */
export const protocolAccumulations = {
  assistants: assistantsAccumulation,
  chat: chatAccumulation,
  responses: responsesAccumulation,
} as const satisfies { readonly [K in KnownProtocol['kind']]: { readonly reducer: (state: never, value: ValueOfKind<K>) => unknown } };

/**
 * What `toolCallDeltas()` emits for the values of the protocol of kind `K`.
 *
 * @example
 * type FromChunks = ToolCallDeltaOfKind<'chat'>; // ChatToolCallDeltaWithSnapshot
 */
export type ToolCallDeltaOfKind<K extends KnownProtocol['kind']> =
  (typeof protocolAccumulations)[K] extends ProtocolAccumulation<infer _E, infer _S, infer D> ? D : never;

import { assistantsProtocol } from '../assistants/protocol.js';
import { chatProtocol } from '../chat/protocol.js';
import { responsesProtocol } from '../responses/protocol.js';
import type { StreamProtocol } from './protocol.js';

/**
 * Every API whose values the operators of every stream (`textDeltas()`, `streamMetrics()`, `toolCallDeltas()`,
 * `streamKindOf()`) recognize, in the order they are asked: the first whose `is()` says yes owns a value. A new
 * API is one description file (`src/<api>/protocol.ts`) and one entry here; `StreamValue` and `StreamKind`
 * follow from this list, and the compiler then asks for its accumulation in `src/protocols/accumulations.ts`.
 *
 * @example
 * streamProtocols.map((protocol) => protocol.kind); // ['assistants', 'chat', 'responses']
 */
export const streamProtocols = [assistantsProtocol, chatProtocol, responsesProtocol] as const;

/**
 * One of the {@link streamProtocols}.
 *
 * @example
 * const kinds: KnownProtocol['kind'][] = ['assistants', 'chat', 'responses'];
 */
export type KnownProtocol = (typeof streamProtocols)[number];

/**
 * The value type of a protocol description.
 *
 * @example
 * type Chunk = ProtocolValue<typeof chatProtocol>; // ChatCompletionChunk
 */
export type ProtocolValue<P> = P extends StreamProtocol<infer E, string> ? E : never;

/**
 * The one recognition step of the operators of every stream: the protocol `value` belongs to (by a cheap look at
 * its shape, see {@link StreamProtocol.is}), or `undefined` for a value of no known API.
 *
 * @internal
 * @example
 * const protocol = protocolOf(value);
 * protocol?.text(value, out, 0);
 */
export function protocolOf(value: unknown): StreamProtocol<ProtocolValue<KnownProtocol>, KnownProtocol['kind']> | undefined {
  for (let i = 0; i < streamProtocols.length; i++) {
    const protocol = streamProtocols[i]!;
    if (protocol.is(value)) return protocol;
  }
  return undefined;
}

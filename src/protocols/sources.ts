import { runEventAdopter } from '../assistants/protocol.js';
import { chunkAdopter } from '../chat/protocol.js';
import { isResponseStreamType } from '../responses/lifecycle-events.js';
import { responseAdopter } from '../responses/protocol.js';
import type { ValueOfKind } from './accumulations.js';
import type { AdoptingReader, StreamProtocol } from './protocol.js';
import { type KnownProtocol, protocolOf } from './registry.js';

/**
 * The adopting reader of every protocol of `src/protocols/registry.ts`, by kind: `fromOpenAIStream()` judges an
 * adopted stream by the rules of its API's source (kept apart from the registry so that `textDeltas()` does not
 * carry the sources, and apart from the sources so that their other readers do not carry `adopt`). The SDK's
 * iterators pass no `[DONE]` on: Chat Completions' reader is the one of the source that needs none (the one of
 * NDJSON bodies); Responses and Assistants runs end by their values anyway. The compiler asks for an entry for
 * every protocol of the registry.
 *
 * @internal
 * @example
 * const reader = protocolAdopters[protocolOf(value)!.kind]();
 */
export const protocolAdopters = {
  assistants: runEventAdopter,
  chat: chunkAdopter,
  responses: responseAdopter,
} as const satisfies { readonly [K in KnownProtocol['kind']]: () => AdoptingReader<ValueOfKind<K>> };

/**
 * How one subscription of `fromOpenAIStream()` judges a stream of an API's values: the API's protocol (which of
 * the values it owns) and an adopting reader of its source, which notes them (`adopt`) and judges their end
 * (`ends`, `endOfBody`).
 *
 * @internal
 * @example
 * const adoption = adoptionOf(first);
 * if (adoption?.protocol.is(value)) adoption.reader.adopt(value);
 */
export interface Adoption {
  readonly protocol: StreamProtocol<unknown>;
  readonly reader: AdoptingReader<unknown>;
}

/**
 * The {@link Adoption} of a stream whose first value is `value`: of the API that owns it (the registry's one
 * recognition step), with a reader of its own; `undefined` for a value of no known API.
 *
 * @internal
 * @example
 * const adoption = adoptionOf({ type: 'response.created', response }); // Responses
 * adoptionOf(42); // undefined
 */
export function adoptionOf(value: unknown): Adoption | undefined {
  const protocol = protocolOf(value);
  if (protocol === undefined) return undefined;
  // Any `type` reads as a Responses event, but a Responses stream starts with one of its own (`response.*`, `error`,
  // or a `keepalive` of a stream by id while the response works): a stream of other typed events (the SDK's
  // transcription or image streams) is of no API known here.
  if (protocol.kind === 'responses' && !isResponseStreamType((value as { type: string }).type)) return undefined;
  const reader = protocolAdopters[protocol.kind]() as AdoptingReader<unknown>;
  return { protocol: protocol as StreamProtocol<unknown>, reader };
}

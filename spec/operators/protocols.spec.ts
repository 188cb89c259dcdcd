/**
 * The protocol registry (`src/protocols/registry.ts`): the one recognition step of the operators of every stream.
 * Each description claims its own API's values and none of the others', whatever the registry's order.
 */
import { protocolAccumulations } from '../../src/protocols/accumulations';
import { protocolOf, streamProtocols } from '../../src/protocols/registry';
import { streamKindOf } from '../../src/index';
import * as v from './values';

const valuesByKind = {
  assistants: [v.runCreated, v.hel, v.stepCreated, v.callArgs, v.runCompleted],
  chat: [v.chatRole, v.chatHel, v.chatStop, v.chatUsage, v.chatCallStart],
  responses: [v.responseCreated, v.messageAdded, v.textDeltaEvent('x'), v.argsDelta('{}'), v.responseCompleted],
} as const;

describe('the protocol registry', () => {
  it('lists one protocol per kind, each with an accumulation', () => {
    const kinds = streamProtocols.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(Object.keys(protocolAccumulations).sort()).toEqual([...kinds].sort());
  });

  it.each(Object.entries(valuesByKind))('gives the %s values to their protocol, and only to it', (kind, values) => {
    for (const value of values) {
      expect(protocolOf(value)?.kind).toBe(kind);
      expect(streamKindOf(value)).toBe(kind);
      // Order-free: no other protocol claims the value.
      expect(streamProtocols.filter((p) => p.is(value)).map((p) => p.kind)).toEqual([kind]);
    }
  });

  it.each([null, undefined, 0, 'text', [], {}, { event: 5 }, { object: 'chat.completion' }, { type: 7 }])(
    'recognizes no protocol in %p',
    (value) => {
      expect(protocolOf(value)).toBeUndefined();
      expect(streamKindOf(value)).toBeUndefined();
    },
  );
});

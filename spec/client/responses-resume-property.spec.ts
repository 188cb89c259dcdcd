import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import type { ResponseStreamEvent } from '../../src/index';
import type { Fault } from '../../src/testing/index.js';
import { propertyRuns } from '../helpers/property-runs';
import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator();
const INPUT = 'Tell me about the sea and the sky, and the ships that sail between them';
const POST = { method: 'POST', path: '/responses' } as const;
const RESUME = { method: 'GET', path: /^\/v1\/responses\/resp_[^/]+$/ } as const;

/** What a stream says, ids aside (every response has its own). */
function shape(events: readonly ResponseStreamEvent[]): unknown[] {
  return events.map((event) => {
    const { response: _response, item_id: _itemId, item: _item, ...rest } = event as unknown as Record<string, unknown>;
    return rest;
  });
}

const stream = () =>
  lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true }).pipe(toArray()));

describe('resume of a background response: property', () => {
  it('a stream cut at any event boundary (and its resume cut again) gives exactly the uncut sequence', async () => {
    const expected = await stream();
    const total = expected.length;
    const cutKind = fc.constantFrom<'reset' | 'endEarly'>('reset', 'endEarly');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: total - 1 }),
        cutKind,
        fc.option(fc.record({ after: fc.integer({ min: 1, max: total - 1 }), kind: cutKind }), { nil: undefined }),
        async (cutAt, kind, second) => {
          ctx.emulator.clearFaults();
          ctx.emulator.inject({ kind, afterEvents: cutAt } as Fault, { match: POST });
          if (second) ctx.emulator.inject({ kind: second.kind, afterEvents: second.after } as Fault, { match: RESUME });
          const events = await stream();
          const seqs = events.map((event) => event.sequence_number);
          expect(seqs).toEqual(expected.map((_, at) => at));
          expect(shape(events)).toEqual(shape(expected));
          const ids = new Set(events.flatMap((e) => ('response' in e ? [(e.response as { id: string }).id] : [])));
          expect(ids.size).toBe(1);
        },
      ),
      { numRuns: propertyRuns(2000, 25) },
    );
  });
});

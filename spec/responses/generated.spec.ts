/**
 * Generated valid Responses streams (messages with text and refusal parts, function calls, reasoning summaries,
 * web searches; text deltas with logprobs, well-formed or not; gaps in `output_index`), as they are and with
 * unread fields dropped, enum values replaced and unknown keys added: this library answers as the official SDK
 * 7.x `ResponseStream` does on the same bytes, whole and cut before its end.
 */
import fc from 'fast-check';
import { responseReducer, type ResponseSnapshot, type ResponseStreamEvent } from '../../src/index';
import { chunksOf } from '../helpers/bytes';
import { withoutParsed } from '../helpers/sdk';
import { expectSameAnswers, ours, sdk } from './sdk-parity';
import { type GeneratedItem, type GeneratedStream, generatedEvents, type LogprobsKind, logprobsOf, sse } from './stream';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(1_000, 25);

const piece = fc.string({ minLength: 0, maxLength: 6 });
const textDelta = fc
  .tuple(piece, fc.constantFrom<LogprobsKind>('valid', 'empty', 'malformed', 'absent'))
  .map(([text, kind]) => ({ text, logprobs: logprobsOf(kind, text) }));
const item: fc.Arbitrary<GeneratedItem> = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    parts: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('text' as const), deltas: fc.array(textDelta, { minLength: 1, maxLength: 4 }) }),
        fc.record({ kind: fc.constant('refusal' as const), deltas: fc.array(piece, { minLength: 1, maxLength: 3 }) }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({ kind: fc.constant('function_call' as const), deltas: fc.array(piece, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('reasoning' as const),
    summaries: fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('web_search_call' as const) }),
);
const stream: fc.Arbitrary<GeneratedStream> = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 4 }),
  gaps: fc.array(fc.constantFrom(0, 0, 1, 3), { minLength: 4, maxLength: 4 }),
});

/** JSON without `undefined` (as the bytes carry it). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Mutation = 'none' | 'drop' | 'enum' | 'unknown';
/** One change that must not matter: an unread field dropped, a status replaced, an unknown key added. */
function mutate(events: Array<Record<string, unknown>>, mutation: Mutation, at: number): Array<Record<string, unknown>> {
  const copy = json(events);
  const event = copy[at % copy.length]!;
  if (mutation === 'drop') {
    const response = event['response'] as Record<string, unknown> | undefined;
    const item = event['item'] as Record<string, unknown> | undefined;
    if (response) delete response[['usage', 'tools', 'model', 'instructions', 'metadata'][at % 5]!];
    else if (item) delete item[['status', 'role', 'name'][at % 3]!];
    else delete event[['logprobs', 'obfuscation', 'name'][at % 3]!];
  } else if (mutation === 'enum') {
    const target = (event['item'] ?? event['response'] ?? event) as Record<string, unknown>;
    if (typeof target['status'] === 'string') target['status'] = 'x_new_status';
    if (typeof target['role'] === 'string') target['role'] = 'x_new_role';
  } else if (mutation === 'unknown') {
    event['x_unknown'] = { nested: [at, null] };
    const inner = (event['item'] ?? event['part'] ?? event['response']) as Record<string, unknown> | undefined;
    if (inner) inner['x_unknown'] = 'value';
  }
  return copy;
}

const fold = (events: Array<Record<string, unknown>>): ResponseSnapshot | undefined =>
  events.reduce<ResponseSnapshot | undefined>((s, e) => responseReducer(s, e as unknown as ResponseStreamEvent), undefined);

describe('generated streams', () => {
  it("give the SDK's events and final response, also with unread fields dropped, new enum values, unknown keys", async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.constantFrom<Mutation>('none', 'drop', 'enum', 'unknown'), fc.nat(), fc.integer({ min: 1, max: 64 }), async (s, mutation, at, size) => {
        const events = mutate(json(generatedEvents(s)), mutation, at);
        const bytes = sse(events);
        expectSameAnswers(await ours(chunksOf(bytes, size)), await sdk([bytes]));
      }),
      { numRuns: RUNS },
    );
  });

  it("accumulate as the SDK does: the snapshot at any point before the end equals the SDK's response so far", async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.constantFrom<Mutation>('none', 'drop', 'enum', 'unknown'), fc.nat(), fc.nat(), async (s, mutation, at, cut) => {
        const whole = generatedEvents(s, cut % 3 === 0);
        // A body that stops anywhere after response.created (before response.completed), half of the time right
        // after a text delta (where the logprobs so far show).
        const afterDeltas = whole.flatMap((e, i) => (e['type'] === 'response.output_text.delta' ? [i + 1] : []));
        const end = cut % 2 === 0 && afterDeltas.length > 0 ? afterDeltas[cut % afterDeltas.length]! : 1 + (cut % (whole.length - 1));
        const events = mutate(json(whole.slice(0, end)), mutation, at);
        const theirs = await sdk([sse(events)]);
        expect(theirs.error).toBeUndefined();
        expect(fold(events)).toEqual(withoutParsed(theirs.final));
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * `finalResponse()` applies the text deltas of one part together (`pendingTextReducer`): its answer must be the
 * last snapshot of `responseReducer` on the same events, whole or cut anywhere, with deltas addressed anywhere
 * (other parts, missing items and parts, parts of another kind, items that are not messages), with logprobs or
 * not, and fail with the same error where the reducer throws; a stream that began after its start is answered
 * from its first whole response (see `folded`).
 */
import fc from 'fast-check';
import { lastValueFrom, of, tap } from 'rxjs';
import {
  finalResponse,
  type ResponseToolCallDeltaWithSnapshot,
  toolCallDeltas,
  MissingResponseError,
  MissingStreamStartError,
  responseReducer,
  type ResponseSnapshot,
  type ResponseStreamEvent,
} from '../../src/index';
import { propertyRuns } from '../helpers/property-runs';
import { type GeneratedItem, generatedEvents, type LogprobsKind, logprobsOf } from './stream';

const RUNS = propertyRuns(2_000, 200);

const piece = fc.string({ minLength: 0, maxLength: 5 });
const logprobs = fc.constantFrom<LogprobsKind>('valid', 'empty', 'malformed', 'absent', 'absent', 'empty');
const textDelta = fc.tuple(piece, logprobs).map(([text, kind]) => ({ text, logprobs: logprobsOf(kind, text) }));
const item: fc.Arbitrary<GeneratedItem> = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    parts: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('text' as const), deltas: fc.array(textDelta, { minLength: 1, maxLength: 6 }) }),
        fc.record({ kind: fc.constant('refusal' as const), deltas: fc.array(piece, { minLength: 1, maxLength: 2 }) }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({ kind: fc.constant('function_call' as const), deltas: fc.array(piece, { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('web_search_call' as const) }),
);
/**
 * A text delta addressed anywhere: like one of the stream's text deltas (`base`), at another content index, output
 * index or item id, without an id; or anywhere at all.
 */
const stray = fc.record({
  base: fc.nat(),
  tweak: fc.constantFrom('same', 'content', 'index', 'id', 'no id', 'anywhere'),
  output_index: fc.integer({ min: 0, max: 6 }),
  content_index: fc.integer({ min: 0, max: 3 }),
  item: fc.integer({ min: 0, max: 4 }),
  delta: piece,
  logprobs,
});
const scenario = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 4 }),
  gaps: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: 4, maxLength: 4 }),
  complete: fc.boolean(),
  strays: fc.array(stray, { maxLength: 4 }),
  at: fc.nat(),
  cut: fc.nat(),
  whole: fc.boolean(),
});

type Outcome = { value: ResponseSnapshot | undefined } | { error: { name: string; message: string } };

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * What finalResponse() must give: the reducer's last snapshot or its error; for a stream that began after its start
 * (where the reducer throws MissingStreamStartError), the reducer's answer from the first event that brings a whole
 * response (a `response.created`, a terminal event with its `output`), or MissingStreamStartError without one.
 */
function folded(events: readonly ResponseStreamEvent[]): Outcome {
  try {
    const value = events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined);
    return value === undefined ? { error: { name: 'MissingResponseError', message: new MissingResponseError().message } } : { value };
  } catch (error) {
    if (error instanceof MissingStreamStartError) {
      const whole = events.findIndex(
        (e) => e.type === 'response.created' || (TERMINAL.has(e.type) && Array.isArray((e as { response: { output?: unknown } }).response.output)),
      );
      if (whole !== -1) return folded(events.slice(whole));
      const end = new MissingStreamStartError('final', { eventName: error.eventName, sequenceNumber: error.sequenceNumber });
      return { error: { name: end.name, message: end.message } };
    }
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

async function final(events: readonly ResponseStreamEvent[]): Promise<Outcome> {
  try {
    return { value: await lastValueFrom(of(...events).pipe(finalResponse())) };
  } catch (error) {
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The events of a scenario: a generated stream, a block of strays in it, cut anywhere or whole. Deep-frozen. */
function scenarioEvents(s: typeof scenario extends fc.Arbitrary<infer S> ? S : never): ResponseStreamEvent[] {
  const events = generatedEvents({ items: s.items, gaps: s.gaps }, s.complete) as unknown as ResponseStreamEvent[];
  const deltas = events.filter((e) => e.type === 'response.output_text.delta') as unknown as Array<Record<string, unknown>>;
  // The strays go in as one block (so that they follow each other), the stream often cut right after it.
  const position = 2 + (s.at % Math.max(1, events.length - 2));
  const block: ResponseStreamEvent[] = [];
  for (const d of s.strays) {
    const base = deltas.length > 0 && d.tweak !== 'anywhere' ? deltas[d.base % deltas.length]! : undefined;
    const address: Record<string, unknown> = base
      ? { output_index: base['output_index'], content_index: base['content_index'], item_id: base['item_id'] }
      : { output_index: d.output_index, content_index: d.content_index, item_id: `item_${d.item}` };
    if (d.tweak === 'content') address['content_index'] = d.content_index;
    if (d.tweak === 'index') address['output_index'] = d.output_index;
    if (d.tweak === 'id') address['item_id'] = `item_${d.item}`;
    if (d.tweak === 'no id') delete address['item_id'];
    block.push({
      type: 'response.output_text.delta',
      ...address,
      delta: d.delta,
      logprobs: logprobsOf(d.logprobs, d.delta),
      sequence_number: 0,
    } as unknown as ResponseStreamEvent);
  }
  events.splice(position, 0, ...block);
  const end = s.cut % 2 === 0 ? position + block.length : 1 + (s.cut % events.length);
  // Cut anywhere (pending text at the end), or whole; a stream may even start mid-way (no response yet).
  return deepFreeze(s.whole ? events : events.slice(s.cut % 3 === 0 ? 2 : 0, end));
}

describe('finalResponse()', () => {
  it('gives the last snapshot of responseReducer (key order included), or fails with its error', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const kept = scenarioEvents(s);
        const expected = folded(kept);
        const actual = await final(kept);
        expect(actual).toEqual(expected);
        if ('value' in actual && 'value' in expected) expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
      }),
      { numRuns: RUNS },
    );
  });

  it('applies the pending text of a cut stream (no response.completed)', async () => {
    const events = generatedEvents({ items: [{ kind: 'message', parts: [{ kind: 'text', deltas: [{ text: 'Hel', logprobs: [] }, { text: 'lo', logprobs: [] }] }] }], gaps: [] }, false)
      .filter((e) => e['type'] !== 'response.output_text.done' && e['type'] !== 'response.content_part.done') as unknown as ResponseStreamEvent[];
    const response = await lastValueFrom(of(...events).pipe(finalResponse()));
    expect(response.output_text).toBe('Hello');
    expect(response.output[0]).toMatchObject({ content: [{ type: 'output_text', text: 'Hello' }] });
  });

  it('keeps the deltas of each part apart when they alternate (by content index, output index and item id)', async () => {
    const [created, inProgress] = generatedEvents({ items: [], gaps: [] }, false) as unknown as ResponseStreamEvent[];
    const message = (id: string) => ({ type: 'message', id, status: 'in_progress', role: 'assistant', content: [] });
    const part = { type: 'output_text', text: '', annotations: [] };
    const delta = (output_index: number, item_id: string, content_index: number, text: string) =>
      ({ type: 'response.output_text.delta', output_index, item_id, content_index, delta: text, logprobs: [] }) as unknown as ResponseStreamEvent;
    const events = [
      created!,
      inProgress!,
      { type: 'response.output_item.added', output_index: 0, item: message('m0') },
      { type: 'response.content_part.added', output_index: 0, item_id: 'm0', content_index: 0, part },
      { type: 'response.content_part.added', output_index: 0, item_id: 'm0', content_index: 1, part },
      { type: 'response.output_item.added', output_index: 1, item: message('m1') },
      { type: 'response.content_part.added', output_index: 1, item_id: 'm1', content_index: 0, part },
    ] as unknown as ResponseStreamEvent[];
    events.push(delta(0, 'm0', 0, 'a'), delta(0, 'm0', 1, 'b'), delta(0, 'm0', 0, 'c'), delta(1, 'm1', 0, 'd'), delta(0, 'm0', 1, 'e'));
    events.push(delta(1, 'm1', 0, 'f'), delta(1, 'm1', 0, 'g'));
    const response = await lastValueFrom(of(...events).pipe(finalResponse()));
    expect(response.output_text).toBe('acbedfg');
    expect(response).toEqual(events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined));
  });
});

describe('toolCallDeltas() on Responses events', () => {
  it("gives each fragment the snapshot responseReducer has at its event, and fails where the reducer throws (its text deltas and their logprobs applied together)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const kept = scenarioEvents(s);
        // The reducer's snapshot after each event, until it throws.
        const snapshots: Array<ResponseSnapshot | undefined> = [];
        let thrown: unknown;
        try {
          for (const event of kept) snapshots.push(responseReducer(snapshots.at(-1), event));
        } catch (error) {
          thrown = error;
        }
        const emitted: ResponseToolCallDeltaWithSnapshot[] = [];
        const error = await lastValueFrom(of(...kept).pipe(toolCallDeltas(), tap((d) => emitted.push(d as ResponseToolCallDeltaWithSnapshot))), { defaultValue: undefined }).then(
          () => undefined,
          (e: unknown) => e,
        );
        // The reducer's error, at the same event (every fragment before it emitted).
        expect((error as Error | undefined)?.message).toBe((thrown as Error | undefined)?.message);
        for (const { delta, response } of emitted) {
          const at = kept.indexOf(delta);
          expect(response).toEqual(snapshots[at]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

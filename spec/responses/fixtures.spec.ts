/**
 * The recorded Responses stream, and a synthetic one with every kind of output, through every chunking, against
 * the official SDK fed with the same bytes.
 */
import fc from 'fast-check';
import { accumulateResponse as sdkAccumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type OpenAI from 'openai';
import { lastValueFrom, pipe, toArray } from 'rxjs';
import { readShared } from '../helpers/shared-reads';
import {
  accumulateResponse,
  finalResponse,
  responseEvents,
  responseReducer,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  textDeltas,
  toolCallDeltas,
} from '../../src/index';
import { chunksOf, fixtureBytes, fixtureNames, splitAt, streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { sdkClientOver, withoutParsed } from '../helpers/sdk';
import { richEvents, sse } from './stream';

interface Outcome {
  events: ResponseStreamEvent[];
  final: ResponseSnapshot;
  snapshots: ResponseSnapshot[];
  text: string;
}

/** Each reader over its own read of the bytes. */
async function outcome(parts: Uint8Array[]): Promise<Outcome> {
  const events = await lastValueFrom(responseEvents(streamOf(parts)).pipe(toArray()));
  const final = await lastValueFrom(responseEvents(streamOf(parts)).pipe(finalResponse()));
  const snapshots = await lastValueFrom(responseEvents(streamOf(parts)).pipe(accumulateResponse(), toArray()));
  const text = (await lastValueFrom(responseEvents(streamOf(parts)).pipe(textDeltas(), toArray()))).join('');
  return { events, final, snapshots, text };
}

/**
 * The same readers all subscribed to one read of the bytes ({@link readShared}), equal to {@link outcome} over the
 * whole bytes, so both ways are checked.
 */
async function sharedOutcome(parts: Uint8Array[]): Promise<Outcome> {
  const { events, final, snapshots, texts } = await readShared(responseEvents(streamOf(parts)), {
    events: toArray(),
    final: finalResponse(),
    snapshots: pipe(accumulateResponse(), toArray()),
    texts: pipe(textDeltas(), toArray()),
  });
  return { events, final, snapshots, text: texts.join('') };
}

/** The SDK's `finalResponse()` over the bytes. */
async function sdkFinal(parts: Uint8Array[]): Promise<unknown> {
  return sdkClientOver(parts).responses.stream({ model: 'gpt-4o', input: 'Hi' }).finalResponse();
}

const streams: Array<[string, Uint8Array]> = [
  ...fixtureNames('responses').map((name) => [name, fixtureBytes('responses', name)] as [string, Uint8Array]),
  ['synthetic: reasoning, tool calls, text, refusal', sse(richEvents())],
];

describe('Responses streams', () => {
  it('covers the recording', () => {
    expect(fixtureNames('responses')).toEqual(['create-response.sse']);
  });

  describe.each(streams)('%s', (name, bytes) => {
    let whole: Outcome;

    beforeAll(async () => {
      whole = await outcome([bytes]);
    });

    it('emits every event, ending with response.completed', () => {
      const dataLines = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((line) => line.startsWith('data: '));
      expectEqual(whole.events, dataLines.map((line) => JSON.parse(line.slice(6))));
      expect(whole.events.at(-1)!.type).toBe('response.completed');
    });

    it('gives the same events, snapshots, final response and text one byte at a time', async () => {
      expectEqual(await sharedOutcome(chunksOf(bytes, 1)), whole);
    });

    it('gives the same events, snapshots, final response and text whatever the chunking', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), async (cuts) => {
          expectEqual(await sharedOutcome(splitAt(bytes, cuts)), whole);
        }),
        { numRuns: 15 },
      );
    });

    it("finalResponse() deep-equals the official SDK's finalResponse() (without its parsed fields)", async () => {
      expect(whole.final).toEqual(withoutParsed(await sdkFinal(chunksOf(bytes, 64))));
    });

    it("every snapshot equals the official SDK's accumulateResponse() after the same events", () => {
      let sdk: OpenAI.Responses.Response | undefined;
      const expected = whole.events.map((event) => {
        sdk = sdkAccumulateResponse(event as OpenAI.Responses.ResponseStreamEvent, sdk);
        return structuredClone(sdk);
      });
      expect(whole.snapshots).toEqual(expected);
    });

    it('textDeltas() gives the text of every response.output_text.delta (the published example elides some)', () => {
      const deltas = whole.events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : []));
      expect(whole.text).toBe(deltas.join(''));
      if (name.startsWith('synthetic')) expect(whole.text).toBe(whole.final.output_text);
    });
  });

  it('snapshots share the output items an event did not touch, and events are never mutated', () => {
    const events = richEvents().map((e) => deepFreeze(e));
    const snapshots: ResponseSnapshot[] = [];
    let snapshot: ResponseSnapshot | undefined;
    for (const event of events) {
      snapshot = responseReducer(snapshot, event);
      snapshots.push(snapshot!);
    }
    // The function call arguments delta (event 10) changes output[1] only.
    const before = snapshots[9]!;
    const after = snapshots[10]!;
    expect(after.output[0]).toBe(before.output[0]);
    expect(after.output[1]).not.toBe(before.output[1]);
    expect(after.output_text).toBe(before.output_text);
  });

  it('toolCallDeltas() gives every function call and custom tool call fragment with the item so far', async () => {
    const deltas = await lastValueFrom(responseEvents(streamOf([sse(richEvents())])).pipe(toolCallDeltas(), toArray()));
    expect(
      deltas.map(({ delta, snapshot }) => [delta.delta, snapshot.type === 'function_call' ? snapshot.arguments : snapshot.input]),
    ).toEqual([
      ['{"city"', '{"city"'],
      [':"Paris"}', '{"city":"Paris"}'],
      ['*** ', '*** '],
      ['patch', '*** patch'],
    ]);
    expect(deltas[1]!.response.output).toHaveLength(2);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

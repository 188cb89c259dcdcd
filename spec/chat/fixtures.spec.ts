/**
 * Every recorded Chat Completions stream (live API recordings) through every chunking, against the official SDK
 * fed with the same bytes.
 */
import fc from 'fast-check';
import { lastValueFrom, pipe, toArray } from 'rxjs';
import { readShared } from '../helpers/shared-reads';
import {
  accumulateChatCompletion,
  type ChatCompletion,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  type ChatCompletionStreamEvent,
  finalChatCompletion,
  textDeltas,
  toolCallDeltas,
} from '../../src/index';
import { chunksAtEdges, chunksOf, fixtureBytes, fixtureNames, splitAt, streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { sdkChat } from './sdk-chat';

const names = fixtureNames('chat-completions');

interface Outcome {
  chunks: ChatCompletionChunk[];
  completion: ChatCompletion;
  events: ChatCompletionStreamEvent[];
  text: string;
}

/** Each reader over its own read of the bytes. */
async function outcome(parts: Uint8Array[]): Promise<Outcome> {
  const chunks = await lastValueFrom(chatCompletionChunks(streamOf(parts)).pipe(toArray()));
  const completion = await lastValueFrom(chatCompletionChunks(streamOf(parts)).pipe(finalChatCompletion()));
  const events = await lastValueFrom(chatCompletionChunks(streamOf(parts)).pipe(chatCompletionEvents(), toArray()));
  const text = (await lastValueFrom(chatCompletionChunks(streamOf(parts)).pipe(textDeltas(), toArray()))).join('');
  return { chunks, completion, events, text };
}

/**
 * The same readers all subscribed to one read of the bytes ({@link readShared}), equal to {@link outcome} over the
 * whole bytes, so both ways are checked.
 */
async function sharedOutcome(parts: Uint8Array[]): Promise<Outcome> {
  const { chunks, completion, events, texts } = await readShared(chatCompletionChunks(streamOf(parts)), {
    chunks: toArray(),
    completion: finalChatCompletion(),
    events: pipe(chatCompletionEvents(), toArray()),
    texts: pipe(textDeltas(), toArray()),
  });
  return { chunks, completion, events, text: texts.join('') };
}

/** Our events without the `choiceIndex` the SDK's events do not carry. */
function withoutChoiceIndex(events: ChatCompletionStreamEvent[]): unknown[] {
  return events.map(({ choiceIndex: _choiceIndex, ...rest }) => rest);
}

describe('recorded Chat Completions streams', () => {
  it('covers the twelve recordings', () => {
    expect(names).toHaveLength(12);
  });

  it('a long recording repeats in its middle only kinds of chunks its ends hold (so chunksAtEdges cuts every kind at every offset)', () => {
    /** The structure of a JSON value: its keys and the types of its leaves. */
    const shape = (value: unknown): string =>
      Array.isArray(value)
        ? `[${[...new Set(value.map(shape))].sort().join('|')}]`
        : value !== null && typeof value === 'object'
          ? `{${Object.keys(value).sort().map((key) => `${key}:${shape((value as Record<string, unknown>)[key])}`).join(',')}}`
          : typeof value;
    const recordings = [...names.map((name) => fixtureBytes('chat-completions', name)), fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse')];
    const long = recordings.filter((bytes) => bytes.length > 2 * 8192);
    expect(long.length).toBeGreaterThan(0);
    for (const bytes of long) {
      const [head, middle, tail] = [bytes.subarray(0, 8192), bytes.subarray(8192, bytes.length - 8192), bytes.subarray(bytes.length - 8192)];
      // Whole lines only: a line cut by an edge belongs to both sides.
      const kinds = (part: Uint8Array) =>
        new Set(
          new TextDecoder()
            .decode(part)
            .split('\n')
            .slice(1, -1)
            .filter((line) => line.startsWith('data: {'))
            .map((line) => shape(JSON.parse(line.slice(6)))),
        );
      const ends = new Set([...kinds(head), ...kinds(tail)]);
      expect([...kinds(middle)].filter((kind) => !ends.has(kind))).toEqual([]);
    }
  });

  describe.each(names)('%s', (name) => {
    const bytes = fixtureBytes('chat-completions', name);
    let whole: Outcome;

    beforeAll(async () => {
      whole = await outcome([bytes]);
    });

    it('emits every chunk and completes at [DONE]', () => {
      const dataLines = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]');
      expectEqual(whole.chunks, dataLines.map((line) => JSON.parse(line.slice(6))));
    });

    it('gives the same chunks, completion, events and text one byte at a time (a long one at its ends)', async () => {
      expectEqual(await sharedOutcome(chunksAtEdges(bytes, 1)), whole);
    });

    it('gives the same chunks, completion, events and text whatever the chunking', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), async (cuts) => {
          expectEqual(await sharedOutcome(splitAt(bytes, cuts)), whole);
        }),
        { numRuns: 15 },
      );
    });

    it("finalChatCompletion() deep-equals the official SDK's finalChatCompletion() (without its parsed fields)", async () => {
      const sdk = await sdkChat([bytes]);
      expect(whole.completion).toEqual(sdk.completion);
    });

    it("chatCompletionEvents() emits the official SDK's events, in its order", async () => {
      const sdk = await sdkChat(chunksOf(bytes, 7));
      expect(withoutChoiceIndex(whole.events)).toEqual(sdk.events);
    });

    it('the last snapshot holds what finalChatCompletion() reports', async () => {
      const snapshots = await lastValueFrom(
        chatCompletionChunks(streamOf([bytes])).pipe(accumulateChatCompletion(), toArray()),
      );
      expect(snapshots).toHaveLength(whole.chunks.length);
      const last = snapshots.at(-1)!;
      expect(last.id).toBe(whole.completion.id);
      whole.completion.choices.forEach((choice, i) => {
        expect(last.choices[i]!.finish_reason).toBe(choice.finish_reason);
        expect(last.choices[i]!.message.content ?? null).toBe(choice.message.content);
        expect(last.choices[i]!.message.refusal ?? null).toBe(choice.message.refusal);
      });
    });

    it("textDeltas() gives choice 0's content", () => {
      expect(whole.text).toBe(whole.completion.choices[0]!.message.content ?? '');
    });

    it("concatenating toolCallDeltas()' argument fragments gives each call's arguments", async () => {
      const deltas = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(toolCallDeltas(), toArray()));
      const joined = new Map<string, string>();
      for (const { delta, choiceIndex } of deltas) {
        const key = `${choiceIndex}/${delta.index}`;
        joined.set(key, (joined.get(key) ?? '') + (delta.function?.arguments ?? ''));
      }
      const expected = new Map<string, string>();
      for (const choice of whole.completion.choices) {
        choice.message.tool_calls?.forEach((call, i) => {
          if (call.type === 'function') expected.set(`${choice.index}/${i}`, call.function.arguments);
        });
      }
      expect(joined).toEqual(expected);
    });
  });

  it('parallel tool calls: the usage of the final `choices: []` chunk reaches the completion', async () => {
    const completion = await lastValueFrom(
      chatCompletionChunks(streamOf([fixtureBytes('chat-completions', 'parallel-tool-calls.sse')])).pipe(
        finalChatCompletion(),
      ),
    );
    expect(completion.usage).toEqual(expect.objectContaining({ total_tokens: expect.any(Number) }));
    expect(completion.choices[0]!.message.tool_calls!.length).toBeGreaterThan(1);
  });

  it('three choices: every choice is accumulated by its index', async () => {
    const completion = await lastValueFrom(
      chatCompletionChunks(streamOf([fixtureBytes('chat-completions', 'three-choices-content-and-refusal.sse')])).pipe(
        finalChatCompletion(),
      ),
    );
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
  });
});

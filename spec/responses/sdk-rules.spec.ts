/**
 * The snapshot rules of the official SDK 7.x `ResponseStream` this library follows (text delta logprobs, gaps in
 * `output_index`, lifecycle events after the output began, lifecycle responses without `output`), and every
 * deliberate difference from it, each pinned (see docs/chat-and-responses.md, "Differences from the SDK").
 *
 * Snapshot rules are compared on bodies that end before `response.completed`: the SDK's `finalResponse()` then
 * gives the response it accumulated, which is what this library's `responseReducer` gives after the same events.
 */
import { lastValueFrom, of, toArray } from 'rxjs';
import {
  accumulateResponse,
  IncompleteStreamError,
  responseReducer,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  SnapshotError,
  StreamParseError,
  toolCallDeltas,
} from '../../src/index';
import { gptOssStream } from '../helpers/gpt-oss-stream';
import { withoutParsed } from '../helpers/sdk';
import { expectSameAnswers, ours, sdk } from './sdk-parity';
import { response, sse } from './stream';

type Event = Record<string, unknown>;

/** Sequence numbers in order, as the API sends them. */
const numbered = (events: Event[]): Event[] => events.map((e, sequence_number) => ({ ...e, sequence_number }));

const fold = (events: Event[]): ResponseSnapshot | undefined =>
  events.reduce<ResponseSnapshot | undefined>((s, e) => responseReducer(s, e as unknown as ResponseStreamEvent), undefined);

async function expectSdkSnapshot(events: Event[]): Promise<void> {
  const theirs = await sdk([sse(events)]);
  expect(theirs.error).toBeUndefined();
  expect(fold(events)).toEqual(withoutParsed(theirs.final));
}

const created = { type: 'response.created', response: response('in_progress') };
const message = (id: string) => ({ type: 'message', id, status: 'in_progress', role: 'assistant', content: [] });
const textPart = { type: 'output_text', text: '', annotations: [] };
const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '', status: 'in_progress' };
const logprob = (token: string) => ({ token, logprob: -0.5, bytes: [...Buffer.from(token)], top_logprobs: [{ token, logprob: -0.5, bytes: [1] }] });

describe('snapshot rules shared with the SDK', () => {
  it('takes the logprobs of text deltas (well-formed, non-empty lists only) and of text done', async () => {
    const start = [
      created,
      { type: 'response.output_item.added', output_index: 0, item: message('msg_1') },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: textPart },
    ];
    const delta = (text: string, logprobs: unknown) => ({
      type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: text, logprobs,
    });
    const deltas = [
      delta('Hel', [logprob('Hel')]),
      delta('l', []),
      delta('o', [{ token: 'o', logprob: -1 }]), // no bytes: the SDK skips it, and so does this library
      delta('!', [logprob('!')]),
    ];
    const events = numbered([...start, ...deltas]);
    await expectSdkSnapshot(events);
    const part = (fold(events)!.output[0] as { content: Array<{ logprobs?: unknown[] }> }).content[0]!;
    expect(part.logprobs).toEqual([logprob('Hel'), logprob('!')]);
    const done = { type: 'response.output_text.done', item_id: 'msg_1', output_index: 0, content_index: 0, text: 'Hello!', logprobs: [logprob('Hello!')] };
    await expectSdkSnapshot(numbered([...start, ...deltas, done]));
    await expectSdkSnapshot(numbered([...start, ...deltas, { ...done, logprobs: [] }]));
  });

  it('places items in the order they are added whatever gaps `output_index` has, and finds them by id', async () => {
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: message('msg_1') },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: textPart },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi' },
      { type: 'response.output_item.added', output_index: 2, item: call },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '{"a":' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '1}' },
      { type: 'response.output_item.added', output_index: 5, item: message('msg_2') },
      { type: 'response.content_part.added', item_id: 'msg_2', output_index: 5, content_index: 0, part: textPart },
      { type: 'response.output_text.delta', item_id: 'msg_2', output_index: 5, content_index: 0, delta: ' there' },
      { type: 'response.output_item.done', output_index: 2, item: { ...call, arguments: '{"a":1}', status: 'completed' } },
    ]);
    await expectSdkSnapshot(events);
    const snapshot = fold(events)!;
    expect(snapshot.output.map((item) => item.type)).toEqual(['message', 'function_call', 'message']);
    expect(snapshot.output_text).toBe('Hi there');
    // toolCallDeltas() finds the call by position too: each fragment with the call as accumulated so far.
    const calls = await lastValueFrom(of(...(events as unknown as ResponseStreamEvent[])).pipe(toolCallDeltas(), toArray()));
    expect(calls.map((c) => [(c.delta as { delta: string }).delta, (c.snapshot as { arguments: string }).arguments])).toEqual([
      ['{"a":', '{"a":'],
      ['1}', '{"a":1}'],
    ]);
  });

  it('keeps the output built so far when a lifecycle event without output comes after it', async () => {
    const start = [
      created,
      { type: 'response.output_item.added', output_index: 0, item: call },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 0, delta: '{}' },
    ];
    const inProgress = { type: 'response.in_progress', response: response('in_progress', [], { temperature: 0.5 }) };
    await expectSdkSnapshot(numbered([...start, inProgress]));
    expect(fold(numbered([...start, inProgress]))).toMatchObject({ temperature: 0.5, output: [{ arguments: '{}' }] });
    const { output: _, ...withoutOutput } = response('in_progress');
    await expectSdkSnapshot(numbered([...start, { type: 'response.in_progress', response: withoutOutput }]));
  });

  it('builds the final output from the items when response.completed carries none', async () => {
    const { output: _, ...withoutOutput } = response('completed');
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: call },
      { type: 'response.output_item.done', output_index: 0, item: { ...call, arguments: '{}', status: 'completed' } },
      { type: 'response.completed', response: withoutOutput },
    ]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.final).toEqual(withoutParsed(theirs.final));
    expect(mine.last).toEqual(withoutParsed(theirs.final));
    expect(mine.final?.output).toHaveLength(1);
  });

  it('events keep the output_index the wire sent, after a gap too', async () => {
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 1, item: call },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '{}' },
      { type: 'response.output_item.done', output_index: 1, item: { ...call, arguments: '{}' } },
      { type: 'response.completed', response: response('completed', [{ ...call, arguments: '{}' }] as never) },
    ]);
    const mine = await ours([sse(events)]);
    expectSameAnswers(mine, await sdk([sse(events)]));
    expect(mine.events).toEqual(events);
  });

  it('a compaction item and its response.compaction.compacting: strict mode passes them, and the snapshot is the SDK\'s', async () => {
    // A response that compacts its context first (`context_management`): the compaction item, the event the API
    // sends while it samples the summary (it carries no content: the item's done event does), then the answer.
    const compaction = { type: 'compaction', id: 'cmp_1', encrypted_content: '' };
    const compacted = { ...compaction, encrypted_content: 'gAAAAB-summary' };
    const answer = { ...message('msg_1'), status: 'completed', content: [{ ...textPart, text: 'Hi' }] };
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: compaction },
      { type: 'response.compaction.compacting', item_id: 'cmp_1', output_index: 0 },
      { type: 'response.output_item.done', output_index: 0, item: compacted },
      { type: 'response.output_item.added', output_index: 1, item: message('msg_1') },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 1, content_index: 0, part: textPart },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hi', logprobs: [] },
      { type: 'response.output_item.done', output_index: 1, item: answer },
      { type: 'response.completed', response: response('completed', [compacted, answer] as never) },
    ]);
    const mine = await ours([sse(events)], { strict: true });
    expectSameAnswers(mine, await sdk([sse(events)]));
    expect(mine.events).toEqual(events);
    // The event changes no snapshot (the SDK's accumulation ignores it too): the one before it stays.
    const before = fold(events.slice(0, 2));
    expect(responseReducer(before, events[2] as unknown as ResponseStreamEvent)).toBe(before);
  });
});

describe('deliberate differences from the SDK', () => {
  it('keeps items in the order they are added, a repeated output_index too; the SDK sorts its final output by index (and fails on a repeat)', async () => {
    const done = (id: string, text: string) => ({ ...message(id), status: 'completed', content: [{ ...textPart, text }] });
    const { output: _, ...withoutOutput } = response('completed');
    for (const indexes of [[1, 0], [0, 0]]) {
      const ids = indexes.map((_, at) => `msg_${at}`);
      const events = numbered([
        created,
        ...indexes.map((i, at) => ({ type: 'response.output_item.added', output_index: i, item: message(ids[at]!) })),
        ...indexes.map((i, at) => ({ type: 'response.output_item.done', output_index: i, item: done(ids[at]!, `${at}.`) })),
        { type: 'response.completed', response: withoutOutput },
      ]);
      const mine = await ours([sse(events)]);
      expect(mine.final?.output.map((item) => (item as { id: string }).id)).toEqual(ids);
      expect(mine.final?.output_text).toBe('0.1.');
      const theirs = await sdk([sse(events)]);
      if (indexes[0] === 1) expect((theirs.final as { output_text: string }).output_text).toBe('1.0.');
      else expect(theirs.error).toBeDefined();
    }
  });


  it('emits the lifecycle event as the wire sent it; the SDK fills in the output it lacks', async () => {
    const { output: _, ...withoutOutput } = response('completed');
    const completed = { type: 'response.completed', response: withoutOutput };
    const events = numbered([created, { type: 'response.output_item.added', output_index: 0, item: call }, { type: 'response.output_item.done', output_index: 0, item: call }, completed]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.events).toEqual(events);
    expect((theirs.events.at(-1) as { response: { output: unknown[] } }).response.output).toEqual([call]);
  });

  it('an event type it does not know passes through; the SDK fails the stream', async () => {
    const events = numbered([
      created,
      { type: 'response.future_thing.delta', output_index: 0, stuff: [1] },
      { type: 'response.completed', response: response('completed') },
    ]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.error).toBeUndefined();
    expect(mine.events).toEqual(events);
    expect(String(theirs.error)).toContain('Unhandled response stream event');
  });

  it('any lifecycle event may come first; the SDK requires response.created', async () => {
    const events = numbered([
      { type: 'response.in_progress', response: response('in_progress') },
      { type: 'response.completed', response: response('completed') },
    ]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.final?.status).toBe('completed');
    expect(String(theirs.error)).toContain("expected 'response.created'");
  });

  it('does not check item identities (a function call without call_id); the SDK fails', async () => {
    const { call_id: _, ...anonymous } = call;
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: anonymous },
      { type: 'response.output_item.done', output_index: 0, item: { ...anonymous, arguments: '{}' } },
      { type: 'response.completed', response: response('completed', [{ ...anonymous, arguments: '{}' }] as never) },
    ]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.final?.output).toEqual([{ ...anonymous, arguments: '{}' }]);
    expect(String(theirs.error)).toContain('call_id');
  });

  it('a body that ends before response.completed fails with IncompleteStreamError; the SDK resolves what it had', async () => {
    const events = numbered([created, { type: 'response.output_item.added', output_index: 0, item: call }]);
    const [mine, theirs] = [await ours([sse(events)]), await sdk([sse(events)])];
    expect(mine.error).toBeInstanceOf(IncompleteStreamError);
    expect(mine.events).toEqual(events);
    expect(withoutParsed(theirs.final)).toEqual(fold(events));
  });

  it('appends deltas to "" when the added item has no arguments / input; the SDK appends to "undefined"', async () => {
    const { arguments: _, ...bare } = call;
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: bare },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 0, delta: '{}' },
    ]);
    const theirs = await sdk([sse(events)]);
    expect((fold(events)!.output[0] as { arguments: string }).arguments).toBe('{}');
    expect((theirs.final as { output: Array<{ arguments: string }> }).output[0]!.arguments).toBe('undefined{}');
  });

  it('shell call progress events change no snapshot (the done item carries the call); the SDK accumulates them', async () => {
    const shell = { type: 'shell_call', id: 'sh_1', call_id: 'call_9', status: 'in_progress', action: { commands: [] } };
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: shell },
      { type: 'response.shell_call_command.added', output_index: 0, command_index: 0, command: 'ls' },
    ]);
    const theirs = await sdk([sse(events)]);
    expect(fold(events)!.output[0]).toEqual(shell);
    expect((theirs.final as { output: Array<typeof shell> }).output[0]!.action.commands).toEqual(['ls']);
  });

  it("starts a reasoning part whose added event never came (Ollama's summaries, vLLM's reasoning text on content: null); the SDK fails", async () => {
    const reasoning = (content?: null) => ({ type: 'reasoning', id: 'rs_1', summary: [], ...(content === null ? { content } : {}) });
    const at = { item_id: 'rs_1', output_index: 0 };
    const ollama = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: reasoning() },
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0, delta: 'Think' },
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0, delta: 'ing' },
      { type: 'response.reasoning_summary_text.done', ...at, summary_index: 0, text: 'Thinking' },
    ]);
    expect((fold(ollama)!.output[0] as { summary: unknown }).summary).toEqual([{ type: 'summary_text', text: 'Thinking' }]);
    expect((await sdk([sse(ollama)])).error).toBeDefined();
    const vllm = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: reasoning(null) },
      // Not an event of the API: passed through, changing nothing.
      { type: 'response.reasoning_part.added', ...at, content_index: 0, part: { type: 'reasoning_text', text: '' } },
      { type: 'response.reasoning_text.delta', ...at, content_index: 0, delta: 'Hm' },
    ]);
    expect((fold(vllm)!.output[0] as { content: unknown }).content).toEqual([{ type: 'reasoning_text', text: 'Hm' }]);
    // Only the part just past the last is started: a gap is still refused.
    const gap = numbered([...ollama.slice(0, 2), { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 2, delta: '?' }]);
    expect(() => fold(gap)).toThrow(new SnapshotError('No content part at index 2', { eventName: 'response.reasoning_summary_text.delta' }));
  });

  it("finds the parts vLLM's gpt-oss streams number on from the items before (a message's one part at content_index 2); the SDK fails", async () => {
    // vLLM's Harmony streaming keeps one content_index counter for the whole response (vllm-project/vllm#45742):
    // reasoning at 0, a web search (no parts), reasoning at 1, then the message's only part at 2.
    const stream = gptOssStream();
    const events = numbered([created, ...stream.events]);
    const output = stream.output;
    // Before each item's done event the snapshot holds what streamed so far, each text in its item's one part.
    const before = (type: string, output_index: number) => events.findIndex((e) => e['type'] === type && e['output_index'] === output_index);
    expect((fold(events.slice(0, before('response.reasoning_text.done', 2)))!.output[2] as { content: unknown }).content).toEqual([
      { type: 'reasoning_text', text: 'Found it.' },
    ]);
    expect(fold(events.slice(0, before('response.output_text.done', 3)))!.output_text).toBe('Sunny, 21C.');
    expect(fold(events)!.output).toEqual(output);
    const mine = await ours([sse([...events, { type: 'response.completed', response: response('completed', output as never), sequence_number: events.length }])]);
    expect(mine.error).toBeUndefined();
    expect(mine.final!.output).toEqual(output);
    expect((await sdk([sse(events)])).error).toBeDefined();
  });

  it("an event for a message's part that is not there, by either numbering, is a SnapshotError: no text goes into another part", () => {
    // The message's part 0 streamed; then a part 1 whose added event never came. No item before it has parts, so
    // vLLM's numbering gives 1 too: the text is not taken for part 0's (whose done event would drop 'A').
    const at = (content_index: number) => ({ item_id: 'msg_1', output_index: 0, content_index });
    const events = numbered([
      created,
      { type: 'response.output_item.added', output_index: 0, item: message('msg_1') },
      { type: 'response.content_part.added', ...at(0), part: textPart },
      { type: 'response.output_text.delta', ...at(0), delta: 'A', logprobs: [] },
      { type: 'response.output_text.delta', ...at(1), delta: 'B', logprobs: [] },
    ]);
    expect(() => fold(events)).toThrow(new SnapshotError('No content part at index 1', { eventName: 'response.output_text.delta' }));
  });

  it('an output_item.added without an item is a StreamParseError; the SDK drops the event', async () => {
    const events = numbered([created, { type: 'response.output_item.added', output_index: 0, item: null }]);
    const mine = await ours([sse(events)]);
    expect(mine.error).toBeInstanceOf(StreamParseError);
    expect(mine.error).toMatchObject({ eventName: 'response.output_item.added', path: 'item' });
    const snapshots = await lastValueFrom(of(...(events.slice(0, 1) as unknown as ResponseStreamEvent[])).pipe(accumulateResponse(), toArray()));
    expect(snapshots).toHaveLength(1);
  });
});

/**
 * Items a compatible server streams without adding them. LiteLLM's bridge from Chat Completions
 * (`litellm/responses/litellm_completion_transformation/streaming_iterator.py`) adds only the reasoning item of a
 * reasoning model, at `output_index` 0, and then streams the message's text at that same index under an `item_id` no
 * item has; an answer of tool calls alone (the calls at indexes 1, 2, ...) ends with the `done` events of a message
 * it never added, at index 0. The streams below are built as that code sends them (data-only frames, summary deltas
 * without `summary_index` nor `sequence_number`, a message `output_item.done` with `sequence_number` 1).
 *
 * Read by the wire index alone, the text changed no item until `response.completed`, and the message replaced the
 * first call. The reducer starts the message instead (`isUnadded()`), and only where the item at the wire index is
 * of another kind: a server whose ids do not match still has its events read by the wire index.
 */
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { z } from 'zod';
import {
  accumulateResponse,
  finalResponse,
  IncompleteStreamError,
  responseEvents,
  responseReducer,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  StreamParseError,
  textDeltas,
} from '../../src/index';
import { NOTHING_PENDING, pendingTextReducer, settledSnapshot } from '../../src/responses/snapshot/pending-text';
import { parsedToolCalls } from '../../src/structured/index';
import { encode, streamOf } from '../helpers/bytes';
import { response } from './stream';

/** LiteLLM's frames: `data:` lines only. */
const frames = (events: readonly object[]) => encode(events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join(''));

const start = [
  { type: 'response.created', response: response('in_progress', [], { id: 'resp_lite' }), sequence_number: 1 },
  { type: 'response.in_progress', response: response('in_progress', [], { id: 'resp_lite' }), sequence_number: 2 },
];
const reasoningAdded = {
  type: 'response.output_item.added',
  output_index: 0,
  item: { id: 'rs_1', type: 'reasoning', status: 'in_progress', summary: null },
  sequence_number: 3,
};
const reasoningDone = [
  { type: 'response.reasoning_summary_text.done', item_id: 'rs_1', output_index: 0, sequence_number: 4, summary_index: 0, text: 'Thinking' },
  {
    type: 'response.reasoning_summary_part.done',
    item_id: 'rs_1',
    output_index: 0,
    sequence_number: 5,
    summary_index: 0,
    part: { type: 'summary_text', text: 'Thinking' },
  },
  {
    type: 'response.output_item.done',
    output_index: 0,
    sequence_number: 6,
    item: { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] },
  },
];
const reasoningItem = { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] };
const summaryDelta = (delta: string) => ({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, delta });
const textDelta = (delta: string, sequence_number: number) => ({
  type: 'response.output_text.delta',
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
  delta,
  sequence_number,
});
/** The `done` events of LiteLLM's message, with its text (at index 0, never added). */
const messageDone = (text: string, reasoning?: string) => [
  { type: 'response.output_text.done', item_id: 'msg_1', output_index: 0, content_index: 0, text },
  {
    type: 'response.content_part.done',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    // LiteLLM's part, when the model reasoned: a reasoning text part (the message's text is in the item's `done`).
    part: reasoning === undefined ? { type: 'output_text', text, annotations: [], logprobs: null } : { type: 'reasoning_text', reasoning },
  },
  {
    type: 'response.output_item.done',
    output_index: 0,
    sequence_number: 1,
    item: { id: 'msg_1', status: 'completed', type: 'message', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] },
  },
];
const message = (text: string) => ({
  id: 'msg_1',
  status: 'completed',
  type: 'message',
  role: 'assistant',
  content: [{ type: 'output_text', text, annotations: [] }],
});
const call = (id: string, args: string, status = 'completed') => ({ type: 'function_call', id, call_id: id, name: 'get_weather', arguments: args, status });
/** LiteLLM's events of one tool call at `output_index`, its arguments split in pieces of 10 characters. */
const toolCall = (id: string, output_index: number, args: string, from: number) => {
  const pieces = args.match(/.{1,10}/g) ?? [];
  return [
    { type: 'response.output_item.added', output_index, item: call(id, '', 'in_progress'), sequence_number: from },
    ...pieces.map((delta, i) => ({ type: 'response.function_call_arguments.delta', item_id: id, output_index, delta, sequence_number: from + 1 + i })),
    { type: 'response.function_call_arguments.done', item_id: id, output_index, arguments: args, sequence_number: from + 1 + pieces.length },
    { type: 'response.output_item.done', output_index, item: call(id, args), sequence_number: from + 2 + pieces.length },
  ];
};

const reasoningAnswer = [
  ...start,
  reasoningAdded,
  summaryDelta('Think'),
  summaryDelta('ing'),
  ...reasoningDone,
  textDelta('Hel', 7),
  textDelta('lo', 8),
  ...messageDone('Hello', 'Thinking'),
  {
    type: 'response.completed',
    response: response('completed', [reasoningItem, message('Hello')] as never, { id: 'resp_lite' }),
    sequence_number: 9,
  },
];

const parisArgs = '{"city":"Paris","unit":"celsius"}';
const romeArgs = '{"city":"Rome"}';
const toolAnswer = [
  ...start,
  ...toolCall('call_a', 1, parisArgs, 3),
  ...toolCall('call_b', 2, romeArgs, 10),
  ...messageDone(''),
  {
    type: 'response.completed',
    response: response('completed', [message(''), call('call_a', parisArgs), call('call_b', romeArgs)] as never, { id: 'resp_lite' }),
    sequence_number: 20,
  },
];

async function snapshotsOf(events: readonly object[]): Promise<ResponseSnapshot[]> {
  return lastValueFrom(responseEvents(streamOf([frames(events)])).pipe(accumulateResponse(), toArray()));
}

describe("items streamed without being added (LiteLLM's bridge)", () => {
  it('a reasoning model: the text grows in a message of its own, after the reasoning item, in every snapshot', async () => {
    const snapshots = await snapshotsOf(reasoningAnswer);
    expect(snapshots).toHaveLength(reasoningAnswer.length);
    const first = reasoningAnswer.findIndex((event) => event.type === 'response.output_text.delta');
    const texts = snapshots.slice(first, -1).map((snapshot) => snapshot.output_text);
    expect(texts).toEqual(['Hel', 'Hello', 'Hello', 'Hello', 'Hello']);
    expect(snapshots[first]!.output).toEqual([
      reasoningItem,
      { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [{ type: 'output_text', text: 'Hel', annotations: [] }] },
    ]);
    // The reasoning item is never touched by the message's events; the message's done completes it.
    for (const snapshot of snapshots.slice(first, -1)) expect(snapshot.output[0]).toEqual(reasoningItem);
    expect(snapshots.at(-2)!.output).toEqual([reasoningItem, message('Hello')]);
    expect(snapshots.at(-1)!.output_text).toBe('Hello');
  });

  it('an answer of tool calls alone: the message it ends with is appended, and the first call stays', async () => {
    const snapshots = await snapshotsOf(toolAnswer);
    const done = toolAnswer.findIndex((event) => event.type === 'response.output_text.done');
    expect(snapshots[done - 1]!.output).toEqual([call('call_a', parisArgs), call('call_b', romeArgs)]);
    for (const snapshot of snapshots.slice(done, -1)) {
      expect(snapshot.output.slice(0, 2)).toEqual([call('call_a', parisArgs), call('call_b', romeArgs)]);
      expect(snapshot.output).toHaveLength(3);
    }
    expect(snapshots.at(-2)!.output[2]).toEqual(message(''));
    const calls = await lastValueFrom(responseEvents(streamOf([frames(toolAnswer)])).pipe(parsedToolCalls({ get_weather: z.object({ city: z.string() }) }), toArray()));
    expect(calls.map((c) => [c.callId, c.arguments])).toEqual([
      ['call_a', parisArgs],
      ['call_b', romeArgs],
    ]);
  });

  it('a reasoning model calling tools: reasoning, calls, then the message appended after them', async () => {
    const events = [
      ...start,
      reasoningAdded,
      summaryDelta('Thinking'),
      ...reasoningDone,
      ...toolCall('call_a', 1, parisArgs, 7),
      ...messageDone('', 'Thinking'),
      { type: 'response.completed', response: response('completed', [], { id: 'resp_lite' }), sequence_number: 20 },
    ];
    const snapshots = await snapshotsOf(events);
    expect(snapshots.at(-2)!.output).toEqual([reasoningItem, call('call_a', parisArgs), message('')]);
  });

  it('finalResponse() of a stream cut in the text (no response.completed) is the last snapshot, its text applied', async () => {
    const decoded = await lastValueFrom(responseEvents(streamOf([frames(reasoningAnswer)])).pipe(toArray()));
    const cut = decoded.slice(0, decoded.findIndex((event) => event.type === 'response.output_text.done'));
    const final = await lastValueFrom(from(cut).pipe(finalResponse()));
    expect(final).toEqual(cut.reduce<ResponseSnapshot | undefined>(responseReducer, undefined));
    expect(final.output_text).toBe('Hello');
    expect(final.output[1]).toMatchObject({ id: 'msg_1', content: [{ text: 'Hello' }] });
    const text = await lastValueFrom(from(cut).pipe(textDeltas(), toArray()));
    expect(text.join('')).toBe('Hello');
  });

  it("a stream whose response.created is numbered 1 (LiteLLM's) is read from its start: positions it leaves out are filled", async () => {
    const seen: object[] = [];
    const error = await lastValueFrom(
      responseEvents(streamOf([frames([...start, reasoningAdded, summaryDelta('Think'), summaryDelta('ing')])])).pipe(
        tap((event) => seen.push(event)),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError); // it ends without response.completed: a cut, after every event
    expect(seen.slice(3).map((event) => (event as { summary_index?: number }).summary_index)).toEqual([0, 0]);
  });

  it("a reasoning text part without its text (LiteLLM's content_part.done of a reasoning model's message) passes the checks", async () => {
    const decoded = await lastValueFrom(responseEvents(streamOf([frames(reasoningAnswer)])).pipe(toArray()));
    const done = decoded.find((event) => event.type === 'response.content_part.done');
    expect(done).toMatchObject({ part: { type: 'reasoning_text', reasoning: 'Thinking' } });
    const snapshot = decoded.slice(0, -1).reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(snapshot.output).toEqual([reasoningItem, message('Hello')]);
    // A reasoning item's part without text takes its deltas from ''.
    const part = [
      { type: 'response.content_part.added', item_id: 'rs_1', output_index: 0, content_index: 0, part: { type: 'reasoning_text' } },
      { type: 'response.reasoning_text.delta', item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'Hm' },
    ];
    const partly = await lastValueFrom(
      responseEvents(streamOf([frames([...start, reasoningAdded, ...part, reasoningDone[2]!, reasoningAnswer.at(-1)!])])).pipe(toArray()),
    );
    const reasoned = partly.slice(0, 5).reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(reasoned.output[0]).toMatchObject({ content: [{ type: 'reasoning_text', text: 'Hm' }] });
  });

  it('a refusal of a message never added starts it too', () => {
    const events = [
      ...start,
      reasoningAdded,
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'No.' },
    ] as ResponseStreamEvent[];
    const snapshot = events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(snapshot.output[1]).toEqual({ id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [{ type: 'refusal', refusal: 'No.' }] });
    expect(snapshot.output[0]).toEqual(reasoningAdded.item);
  });

  it('an event naming no item at the index of an item of its own kind still addresses that item (ids that do not match)', () => {
    const events = [
      ...start,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_added', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_other', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { ...textDelta('Hi', 5), item_id: 'msg_other' },
      { type: 'response.output_item.done', output_index: 0, item: { ...message('Hi'), id: 'msg_done' } },
    ] as ResponseStreamEvent[];
    const snapshots = events.map((_, i) => events.slice(0, i + 1).reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!);
    expect(snapshots[4]!.output).toEqual([
      { id: 'msg_added', type: 'message', role: 'assistant', status: 'in_progress', content: [{ type: 'output_text', text: 'Hi', annotations: [] }] },
    ]);
    expect(snapshots[5]!.output).toEqual([{ ...message('Hi'), id: 'msg_done' }]);
  });

  it("a reasoning text part's done without its text, naming no item, takes no text from the reasoning item at its index", () => {
    const thought = { id: 'rs_1', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'deep thoughts' }] };
    const events = [
      ...start,
      { type: 'response.output_item.added', output_index: 0, item: thought },
      { type: 'response.content_part.done', item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'reasoning_text', reasoning: 'deep' } },
    ] as ResponseStreamEvent[];
    const snapshot = events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(snapshot.output).toEqual([thought]);
  });

  it('a text event of a later part of a message never started changes nothing, as before (no part to put it in)', () => {
    const events = [
      ...start,
      reasoningAdded,
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 1, part: { type: 'output_text', text: '', annotations: [] } },
      { ...textDelta('Hi', 5), content_index: 1 },
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 2, delta: 'No' },
    ] as ResponseStreamEvent[];
    const before = events.slice(0, 3).reduce<ResponseSnapshot | undefined>(responseReducer, undefined);
    expect(events.slice(3).reduce<ResponseSnapshot | undefined>(responseReducer, before)).toBe(before);
  });

  it('every item at one index, with ids that do not match: the events go to the last message, and its text is counted once', () => {
    const events = [
      ...start,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_a', type: 'reasoning', summary: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_a', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_b', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { ...textDelta('Hi', 6), item_id: 'msg_b' },
      { type: 'response.output_item.done', output_index: 0, item: { ...message('Hi'), id: 'msg_c' } },
    ] as ResponseStreamEvent[];
    const snapshots = events.map((_, i) => events.slice(0, i + 1).reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!);
    expect(snapshots[5]!.output[1]).toEqual({ id: 'msg_a', type: 'message', role: 'assistant', status: 'in_progress', content: [{ type: 'output_text', text: 'Hi', annotations: [] }] });
    expect(snapshots[6]!.output).toEqual([{ id: 'rs_a', type: 'reasoning', summary: [] }, { ...message('Hi'), id: 'msg_c' }]);
    expect(snapshots[6]!.output_text).toBe('Hi');
    const final = events.slice(0, 6).reduce(pendingTextReducer, NOTHING_PENDING);
    expect(settledSnapshot(final)).toEqual(snapshots[5]);
  });

  it("finalResponse() holds such deltas back as it holds any part's (applied together, logprobs too), and gives the reducer's answer", () => {
    const logprobs = (token: string) => [{ token, logprob: -0.5, bytes: [...Buffer.from(token)], top_logprobs: [] }];
    const events = [
      ...start,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_a', type: 'reasoning', summary: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_a', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_b', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { ...textDelta('A', 6), item_id: 'msg_b', logprobs: logprobs('A') },
      { ...textDelta('B', 7), item_id: 'msg_b', logprobs: logprobs('B') },
    ] as ResponseStreamEvent[];
    const state = events.reduce(pendingTextReducer, NOTHING_PENDING);
    expect([state.text, state.at?.output_index]).toEqual(['AB', 1]);
    const reduced = events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(settledSnapshot(state)).toEqual(reduced);
    expect(reduced.output[1]).toMatchObject({ id: 'msg_a', content: [{ text: 'AB', logprobs: [...logprobs('A'), ...logprobs('B')] }] });
  });

  it('a message never added, after a message that is done, is started: the done message keeps its text', () => {
    const events = [
      ...start,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_0', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_0', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { ...textDelta('First answer.', 5), item_id: 'msg_0' },
      { type: 'response.output_item.done', output_index: 0, item: { ...message('First answer.'), id: 'msg_0' } },
      { type: 'response.output_item.added', output_index: 1, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      { ...textDelta(' Second one', 8), output_index: 1 },
      { type: 'response.output_item.done', output_index: 1, item: message(' Second one') },
    ] as ResponseStreamEvent[];
    const snapshot = events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    expect(snapshot.output).toEqual([{ ...message('First answer.'), id: 'msg_0' }, { id: 'rs_1', type: 'reasoning', summary: [] }, message(' Second one')]);
    expect(snapshot.output_text).toBe('First answer. Second one');
  });

  it('a response.created numbered above 0 that carries output (a stream picked up after its start) does not tell positions left out', async () => {
    const resumed = {
      type: 'response.created',
      response: response('in_progress', [{ id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'First.' }, { type: 'summary_text', text: 'Sec' }] }] as never, { id: 'resp_lite' }),
      sequence_number: 7,
    };
    const error = await lastValueFrom(responseEvents(streamOf([frames([resumed, summaryDelta('ond.')])]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).message).toContain('Position left out in a stream picked up after its start');
  });

  it('a text event of a message never added, at an index no item holds, is still a SnapshotError', () => {
    const events = [...start, textDelta('Hi', 3)] as ResponseStreamEvent[];
    expect(() => events.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)).toThrow('No output item at index 0');
  });
});

/**
 * Positions a compatible server leaves out of its Responses events (llama.cpp's server sends no `output_index` nor
 * `content_index`; LiteLLM's bridge sends summary deltas without `summary_index`) are filled in by the source: a
 * position left out is the last one started, an `added` event takes the next, an item is found by its id. Every
 * reader after the source (snapshots, `finalResponse()`, `toolCallDeltas()`, the tool loops) then reads such a
 * stream as the API's own. The official SDK's `ResponseStream` fails on them ("missing output at index undefined").
 */
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import {
  createClient,
  finalResponse,
  fromOpenAIStream,
  responseEvents,
  type ResponseStreamEvent,
  StreamParseError,
  textDeltas,
  toolCallDeltas,
} from '../../src/index';
import { parsedToolCalls, runResponsesTools, toolLoopResult, zodTool } from '../../src/structured/index';
import { dataValuesOf, fixtureBytes, fixtureNames, streamOf } from '../helpers/bytes';
import { listen, serveAnswers } from '../helpers/local-server';
import { keepingValues, sdkClientOver } from '../helpers/sdk';
import { propertyRuns } from '../helpers/property-runs';
import { ours, sdk } from './sdk-parity';
import { richEvents, sse } from './stream';

const RUNS = propertyRuns(300, 5);
const POSITIONS = ['output_index', 'content_index', 'summary_index'] as const;

const streams: Array<[string, object[]]> = [
  ['synthetic', richEvents()],
  ...fixtureNames('responses-recorded').map((name): [string, object[]] => [name, dataValuesOf<object>(fixtureBytes('responses-recorded', name))]),
];

// Events that change no snapshot (partial images, audio, MCP tool listing, shell progress) are read for their type
// and sequence number only: their positions are not read, nor filled in.
const UNREAD = /^response\.(image_generation_call\.partial_image|audio\.|mcp_list_tools\.|shell_call_)/;

/** `event` without the given position fields (those the library reads). */
function without(event: object, fields: readonly string[]): object {
  if (UNREAD.test((event as { type: string }).type)) return event;
  const copy: Record<string, unknown> = { ...event };
  for (const field of fields) delete copy[field];
  return copy;
}

describe.each(streams)('%s with positions left out', (_name, events) => {
  it('every position left out of every event: the same events, positions and all, and the same final response', async () => {
    const expected = await ours([sse(events)]);
    expect(expected.error).toBeUndefined();
    const stripped = events.map((event) => without(event, POSITIONS));
    expect(stripped.some((event, i) => Object.keys(event).length < Object.keys(events[i]!).length)).toBe(true);
    const mine = await ours([sse(stripped)]);
    expect(mine.error).toBeUndefined();
    expect(mine.events).toEqual(expected.events);
    expect(mine.final).toEqual(expected.final);
    expect(mine.last).toEqual(expected.last);
  });

  it('any of them left out of any events (a server that sends some): the same events and final response', async () => {
    const expected = await ours([sse(events)]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: events.length - 1 }), fc.subarray([...POSITIONS], { minLength: 1 })), { minLength: 1, maxLength: 30 }), async (drops) => {
        const changed = events.map((event, i) => without(event, drops.filter(([at]) => at === i).flatMap(([, fields]) => fields)));
        const mine = await ours([sse(changed)]);
        expect(mine.error).toBeUndefined();
        expect(mine.events).toEqual(expected.events);
        expect(mine.final).toEqual(expected.final);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a stream resumed after a cut, or picked up after its start', () => {
  const positioned = richEvents().map((e) =>
    'response' in e ? { ...e, response: { ...(e as { response: object }).response, background: true } } : e,
  ) as Array<{ sequence_number: number }>;
  const stripped = positioned.map((event) => without(event, POSITIONS)) as Array<{ sequence_number: number }>;

  /** A server of this background response that cuts its POST's stream after `cutAfter`, and serves the rest by id. */
  /** A server that cuts every stream after event `cut.after` and answers resumes (one server: the cuts run in turn). */
  async function cutting(cut: { after: number }, resends: boolean) {
    return listen((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (req.method === 'POST') {
          res.write(sse(stripped.filter((e) => e.sequence_number <= cut.after)));
          setTimeout(() => res.destroy(), 5);
        } else {
          const after = Number(new URL(req.url!, 'http://x').searchParams.get('starting_after'));
          // A server that does not quite filter by `starting_after` sends the three events before it again.
          res.end(sse(stripped.filter((e) => e.sequence_number > (resends ? after - 3 : after))));
        }
      });
    });
  }

  it.each([false, true])('the client resumes a cut background stream where it stopped, positions and all, wherever the cut (server resends the three events before it: %s)', async (resends) => {
    const expected = await lastValueFrom(responseEvents(streamOf([sse(positioned)])).pipe(toArray()));
    const cut = { after: 0 };
    const server = await cutting(cut, resends);
    try {
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 1 });
      for (cut.after = 1; cut.after < positioned.length - 1; cut.after++) {
        const methods: string[] = [];
        const events = await lastValueFrom(
          client.responses.stream({ model: 'gpt-4o', input: 'Hi', background: true }, { onRecover: (info) => methods.push(info.method) }).pipe(toArray()),
        );
        expect({ cutAfter: cut.after, methods }).toEqual({ cutAfter: cut.after, methods: ['resume'] });
        expect(events).toEqual(expected);
      }
    } finally {
      await server.close();
    }
  });

  it('a stream picked up after its start (starting_after) that leaves a position out fails with StreamParseError: only the events before it tell it', async () => {
    const events = await lastValueFrom(responseEvents(streamOf([sse(positioned.slice(10))])).pipe(toArray()));
    expect(events).toHaveLength(positioned.length - 10);
    const received: unknown[] = [];
    const error = await new Promise((resolve) =>
      responseEvents(streamOf([sse(stripped.slice(10))])).subscribe({ next: (e) => received.push(e), error: resolve }),
    );
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as Error).message).toContain('Position left out in a stream picked up after its start');
    const firstAddressed = stripped.slice(10).findIndex((e) => 'item_id' in e || 'item' in e);
    expect(received).toEqual(positioned.slice(10, 10 + firstAddressed));
  });
});

// ---- llama.cpp's server (tools/server, `to_json_oaicompat_resp_stream`; ggml-org/llama.cpp#20607) -----------------

const created = (status: string) => ({ id: 'resp_x', object: 'response', status });
const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}', status: 'completed' };
const reply = { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Let me check.', annotations: [] }] };

/** A text, then a function call, as llama.cpp's server writes them: no `output_index`, `content_index`, sequence numbers. */
function llamaText(): object[] {
  return [
    { type: 'response.created', response: created('in_progress') },
    { type: 'response.in_progress', response: created('in_progress') },
    { type: 'response.output_item.added', item: { ...reply, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', item_id: 'msg_1', part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', item_id: 'msg_1', delta: 'Let me' },
    { type: 'response.output_text.delta', item_id: 'msg_1', delta: ' check.' },
    { type: 'response.output_text.done', item_id: 'msg_1', text: 'Let me check.' },
    { type: 'response.content_part.done', item_id: 'msg_1', part: reply.content[0] },
    { type: 'response.output_item.done', item: reply },
    { type: 'response.output_item.added', item: { ...call, arguments: '', status: 'in_progress' } },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"city":' },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '"Oslo"}' },
    { type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: call.arguments },
    { type: 'response.output_item.done', item: call },
    { type: 'response.completed', response: { ...created('completed'), created_at: 1, model: 'qwen', output: [reply, call] } },
  ];
}

describe("llama.cpp's Responses stream (no output_index, content_index, sequence_number)", () => {
  it('is read whole: events with their positions, the text, the tool call deltas and the final response; the SDK fails', async () => {
    const bytes = sse(llamaText());
    const events = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(toArray()));
    expect(events.map((e) => [e.type, (e as { output_index?: number }).output_index, (e as { content_index?: number }).content_index])).toEqual([
      ['response.created', undefined, undefined],
      ['response.in_progress', undefined, undefined],
      ['response.output_item.added', 0, undefined],
      ['response.content_part.added', 0, 0],
      ['response.output_text.delta', 0, 0],
      ['response.output_text.delta', 0, 0],
      ['response.output_text.done', 0, 0],
      ['response.content_part.done', 0, 0],
      ['response.output_item.done', 0, undefined],
      ['response.output_item.added', 1, undefined],
      ['response.function_call_arguments.delta', 1, undefined],
      ['response.function_call_arguments.delta', 1, undefined],
      ['response.function_call_arguments.done', 1, undefined],
      ['response.output_item.done', 1, undefined],
      ['response.completed', undefined, undefined],
    ]);
    expect((await lastValueFrom(responseEvents(streamOf([bytes])).pipe(textDeltas(), toArray()))).join('')).toBe('Let me check.');
    const deltas = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(toolCallDeltas(), toArray()));
    expect(deltas.map((d) => [d.delta.delta, d.snapshot.type, (d.snapshot as { arguments: string }).arguments])).toEqual([
      ['{"city":', 'function_call', '{"city":'],
      ['"Oslo"}', 'function_call', '{"city":"Oslo"}'],
    ]);
    const final = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(finalResponse()));
    expect(final.output).toEqual([reply, call]);
    expect(final.output_text).toBe('Let me check.');
    expect((await sdk([bytes])).error).toBeDefined();
  });

  it('runResponsesTools() over a server that sends such streams: the tool runs once on the whole arguments', async () => {
    const answer = { ...reply, id: 'msg_2', content: [{ type: 'output_text', text: 'Oslo: 3C.', annotations: [] }] };
    const turns = [
      sse(llamaText()),
      sse([
        { type: 'response.created', response: created('in_progress') },
        { type: 'response.output_item.added', item: { ...answer, status: 'in_progress', content: [] } },
        { type: 'response.content_part.added', item_id: 'msg_2', part: { type: 'output_text', text: '', annotations: [] } },
        { type: 'response.output_text.delta', item_id: 'msg_2', delta: 'Oslo: 3C.' },
        { type: 'response.output_item.done', item: answer },
        { type: 'response.completed', response: { ...created('completed'), output: [answer] } },
      ]),
    ];
    const server = await serveAnswers(turns);
    try {
      const seen: unknown[] = [];
      const getWeather = zodTool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: (args) => (seen.push(args), '3C') });
      const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
      const { final, steps } = await lastValueFrom(runResponsesTools(client, { model: 'qwen', input: 'Weather in Oslo?' }, { tools: [getWeather] }).pipe(toolLoopResult()));
      expect(seen).toEqual([{ city: 'Oslo' }]);
      expect(steps).toBe(2);
      expect(final.output_text).toBe('Oslo: 3C.');
      expect(JSON.parse(server.bodies[1]!).input).toEqual(expect.arrayContaining([{ type: 'function_call_output', call_id: 'call_1', output: '3C' }]));
    } finally {
      await server.close();
    }
  });

  it("fromOpenAIStream() over the SDK's own stream of it: the same events, and the SDK's objects are not changed", async () => {
    const raw = await sdkClientOver([sse(llamaText())]).responses.create({ model: 'qwen', input: 'Hi', stream: true });
    const { values, given } = keepingValues(raw);
    const adopted = await lastValueFrom(fromOpenAIStream(values as never as AsyncIterable<ResponseStreamEvent>).pipe(toArray()));
    expect(adopted).toEqual(await lastValueFrom(responseEvents(streamOf([sse(llamaText())])).pipe(toArray())));
    expect(given).toEqual(llamaText());
  });
});

describe('the rule: a position left out is the last one started, an added event takes the next', () => {
  const head = [{ type: 'response.created', response: created('in_progress') }];
  const message = { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] };

  it('a second content part without content_index is the next part; its deltas go to it', async () => {
    const final = await lastValueFrom(
      responseEvents(
        streamOf([
          sse([
            ...head,
            { type: 'response.output_item.added', item: message },
            { type: 'response.content_part.added', item_id: 'msg_1', part: { type: 'output_text', text: '', annotations: [] } },
            { type: 'response.output_text.delta', item_id: 'msg_1', delta: 'one' },
            { type: 'response.content_part.added', item_id: 'msg_1', part: { type: 'refusal', refusal: '' } },
            { type: 'response.refusal.delta', item_id: 'msg_1', delta: 'two' },
            { type: 'response.completed', response: created('completed') },
          ]),
        ]),
      ).pipe(finalResponse()),
    );
    expect((final.output[0] as { content: unknown[] }).content).toEqual([
      { type: 'output_text', text: 'one', annotations: [] },
      { type: 'refusal', refusal: 'two' },
    ]);
  });

  it("summary deltas without summary_index (LiteLLM's bridge) go to the last summary part, the first when none was added", async () => {
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [] };
    const events = await lastValueFrom(
      responseEvents(
        streamOf([
          sse([
            ...head,
            { type: 'response.output_item.added', output_index: 0, item: reasoning },
            { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, delta: 'Think' },
            { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, delta: 'ing' },
            { type: 'response.reasoning_summary_part.added', item_id: 'rs_1', output_index: 0, part: { type: 'summary_text', text: '' } },
            { type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, delta: 'More' },
            { type: 'response.completed', response: created('completed') },
          ]),
        ]),
      ).pipe(toArray()),
    );
    expect(events.slice(2, 6).map((e) => (e as { summary_index: number }).summary_index)).toEqual([0, 0, 1, 1]);
    const final = await lastValueFrom(from(events).pipe(finalResponse()));
    expect((final.output[0] as { summary: unknown }).summary).toEqual([
      { type: 'summary_text', text: 'Thinking' },
      { type: 'summary_text', text: 'More' },
    ]);
  });

  it("an item is found by its id, wherever it was added; an event of an unknown item is the last item's", async () => {
    const events = await lastValueFrom(
      responseEvents(
        streamOf([
          sse([
            ...head,
            { type: 'response.output_item.added', item: { ...call, id: 'fc_a', arguments: '' } },
            { type: 'response.output_item.added', item: { ...call, id: 'fc_b', arguments: '' } },
            { type: 'response.function_call_arguments.delta', item_id: 'fc_a', delta: 'A' },
            { type: 'response.function_call_arguments.delta', item_id: 'fc_b', delta: 'B' },
            { type: 'response.function_call_arguments.delta', item_id: 'fc_zzz', delta: 'C' },
            { type: 'response.function_call_arguments.delta', delta: 'D' },
            { type: 'response.output_item.done', item: { ...call, id: 'fc_a', arguments: 'A' } },
            { type: 'response.completed', response: created('completed') },
          ]),
        ]),
      ).pipe(toArray()),
    );
    expect(events.slice(1, 8).map((e) => (e as { output_index: number }).output_index)).toEqual([0, 1, 0, 1, 1, 1, 0]);
  });

  it("function calls added without an id (or with \"\") are found by their call_id (llama.cpp's parallel calls)", async () => {
    for (const id of [{}, { id: '' }]) await expectCallIds(id);
  });

  async function expectCallIds(id: object) {
    const fc = (callId: string, name: string, args: string, status: string) => ({ type: 'function_call', ...id, call_id: callId, name, arguments: args, status });
    const bytes = sse([
      ...head,
      { type: 'response.output_item.added', item: fc('fc_A1', 'get_weather', '', 'in_progress') },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_A1', delta: '{"city":"Paris"}' },
      { type: 'response.output_item.added', item: fc('fc_B2', 'get_time', '', 'in_progress') },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_B2', delta: '{"tz":"UTC"}' },
      { type: 'response.output_item.done', item: fc('fc_A1', 'get_weather', '{"city":"Paris"}', 'completed') },
      { type: 'response.output_item.done', item: fc('fc_B2', 'get_time', '{"tz":"UTC"}', 'completed') },
      { type: 'response.completed', response: created('completed') },
    ]);
    const events = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(toArray()));
    expect(events.slice(1, 7).map((e) => (e as { output_index: number }).output_index)).toEqual([0, 0, 1, 1, 0, 1]);
    const calls = await lastValueFrom(responseEvents(streamOf([bytes])).pipe(parsedToolCalls({ get_weather: z.object({ city: z.string() }), get_time: z.object({ tz: z.string() }) }), toArray()));
    expect(calls.map((c) => [c.index, c.name, c.parsedArguments])).toEqual([
      [0, 'get_weather', { city: 'Paris' }],
      [1, 'get_time', { tz: 'UTC' }],
    ]);
  }

  it('a position that is there but broken is still a StreamParseError at its path', async () => {
    const error = await lastValueFrom(
      responseEvents(streamOf([sse([...head, { type: 'response.output_item.added', output_index: 'x', item: message }])])),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error).toMatchObject({ path: 'output_index', eventName: 'response.output_item.added' });
  });
});

import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { fallbackResponseEvents } from '../../src/client/fallback/response-events';
import { deliveredResponseEvents, divergence, missingResponseEvents } from '../../src/client/recovery/settle-response';
import { accumulateResponse, finalResponse, type Response, ResponseStreamError, type ResponseStreamEvent, textDeltas, toolCallDeltas } from '../../src/index';
import { dataValuesOf, fixtureBytes } from '../helpers/bytes';
import { gptOssStream } from '../helpers/gpt-oss-stream';

const message = {
  id: 'msg_1',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [
    { type: 'output_text', text: 'Hello, wide world', annotations: [], logprobs: [] },
    { type: 'refusal', refusal: 'I cannot say more' },
  ],
};
// The output text's tokens (as the stream's deltas, four characters each) with their log probabilities, and two
// citations, as a response read with `include: ['message.output_text.logprobs']` and a web search has them.
const TOKENS = 'Hello, wide world'.match(/.{1,4}/g)!;
const LOGPROBS = TOKENS.map((token, i) => ({ token, logprob: -i / 10, bytes: [...Buffer.from(token)], top_logprobs: [] }));
(message.content[0] as { logprobs: unknown[] }).logprobs = LOGPROBS;
const citations = [
  { type: 'url_citation', start_index: 0, end_index: 5, url: 'https://example.com/hello', title: 'Hello' },
  { type: 'url_citation', start_index: 7, end_index: 17, url: 'https://example.com/world', title: 'World' },
];
(message.content[0] as { annotations: unknown[] }).annotations = citations;
const reasoning = {
  id: 'rs_1',
  type: 'reasoning',
  summary: [
    { type: 'summary_text', text: 'Greeting, then the weather' },
    { type: 'summary_text', text: 'Rome it is' },
  ],
  content: [{ type: 'reasoning_text', text: 'The user says hello; the city is Rome' }],
};
const call = { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Rome"}' };
// Items whose input streams too, each by events of its own (a custom tool call has no status).
const custom = { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_2', name: 'sql', input: 'SELECT name FROM users' };
const mcp = { id: 'mcp_1', type: 'mcp_call', status: 'completed', server_label: 'docs', name: 'lookup', arguments: '{"q":"rome"}', output: 'found' };
const code = { id: 'ci_1', type: 'code_interpreter_call', status: 'completed', container_id: 'cntr_1', code: 'print(21 * 2)', outputs: [{ type: 'logs', logs: '42' }] };
// Each with how the API's `added` event shows it: nothing streamed yet, no result.
const streamed: ReadonlyArray<[Record<string, unknown>, field: string, events: string, start: Record<string, unknown>]> = [
  [custom, 'input', 'response.custom_tool_call_input', { ...custom, input: '' }],
  [mcp, 'arguments', 'response.mcp_call_arguments', { ...mcp, status: 'in_progress', arguments: '', output: null }],
  [code, 'code', 'response.code_interpreter_call_code', { ...code, status: 'in_progress', code: '', outputs: null }],
];
const final = {
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  status: 'completed',
  model: 'gpt-4o',
  output: [reasoning, message, call, custom, mcp, code],
  usage: { input_tokens: 3, output_tokens: 9, total_tokens: 12 },
} as unknown as Response;

/** The stream the API would send for `final`, deltas in small pieces. */
function stream(): ResponseStreamEvent[] {
  const events: Record<string, unknown>[] = [];
  const push = (event: Record<string, unknown>) => events.push({ ...event, sequence_number: events.length });
  const pieces = (text: string) => text.match(/.{1,4}/g) ?? [];
  const started = { ...final, status: 'in_progress', output: [], usage: null };
  push({ type: 'response.created', response: started });
  push({ type: 'response.in_progress', response: started });
  push({ type: 'response.output_item.added', output_index: 0, item: { ...reasoning, summary: [], content: [] } });
  reasoning.summary.forEach((part, summary_index) => {
    const where = { item_id: 'rs_1', output_index: 0, summary_index };
    push({ type: 'response.reasoning_summary_part.added', ...where, part: { type: 'summary_text', text: '' } });
    for (const delta of pieces(part.text)) push({ type: 'response.reasoning_summary_text.delta', ...where, delta });
    push({ type: 'response.reasoning_summary_text.done', ...where, text: part.text });
    push({ type: 'response.reasoning_summary_part.done', ...where, part });
  });
  const thought = { item_id: 'rs_1', output_index: 0, content_index: 0 };
  push({ type: 'response.content_part.added', ...thought, part: { type: 'reasoning_text', text: '' } });
  for (const delta of pieces(reasoning.content[0]!.text)) push({ type: 'response.reasoning_text.delta', ...thought, delta });
  push({ type: 'response.reasoning_text.done', ...thought, text: reasoning.content[0]!.text });
  push({ type: 'response.content_part.done', ...thought, part: reasoning.content[0] });
  push({ type: 'response.output_item.done', output_index: 0, item: reasoning });
  push({ type: 'response.output_item.added', output_index: 1, item: { ...message, status: 'in_progress', content: [] } });
  const at = (content_index: number) => ({ item_id: 'msg_1', output_index: 1, content_index });
  push({ type: 'response.content_part.added', ...at(0), part: { type: 'output_text', text: '', annotations: [] } });
  pieces('Hello, wide world').forEach((delta, i) => {
    push({ type: 'response.output_text.delta', ...at(0), delta, logprobs: [LOGPROBS[i]!] });
    // A citation as soon as the text it cites came, the last one after the last delta.
    if (i === 1) push({ type: 'response.output_text.annotation.added', ...at(0), annotation_index: 0, annotation: citations[0] });
  });
  push({ type: 'response.output_text.annotation.added', ...at(0), annotation_index: 1, annotation: citations[1] });
  push({ type: 'response.output_text.done', ...at(0), text: 'Hello, wide world', logprobs: LOGPROBS });
  push({ type: 'response.content_part.done', ...at(0), part: message.content[0] });
  push({ type: 'response.content_part.added', ...at(1), part: { type: 'refusal', refusal: '' } });
  for (const delta of pieces('I cannot say more')) push({ type: 'response.refusal.delta', ...at(1), delta });
  push({ type: 'response.refusal.done', ...at(1), refusal: 'I cannot say more' });
  push({ type: 'response.content_part.done', ...at(1), part: message.content[1] });
  push({ type: 'response.output_item.done', output_index: 1, item: message });
  push({ type: 'response.output_item.added', output_index: 2, item: { ...call, status: 'in_progress', arguments: '' } });
  for (const delta of pieces(call.arguments)) push({ type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta });
  push({ type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 2, name: call.name, arguments: call.arguments });
  push({ type: 'response.output_item.done', output_index: 2, item: call });
  streamed.forEach(([item, field, name, start], at) => {
    const where = { item_id: item['id'], output_index: 3 + at };
    push({ type: 'response.output_item.added', output_index: 3 + at, item: start });
    for (const delta of pieces(item[field] as string)) push({ type: `${name}.delta`, ...where, delta });
    push({ type: `${name}.done`, ...where, [field]: item[field] });
    push({ type: 'response.output_item.done', output_index: 3 + at, item });
  });
  push({ type: 'response.completed', response: final });
  return events as unknown as ResponseStreamEvent[];
}

/**
 * `events` cut after `cut` of them and completed by recovery against `settled`: the tracker that saw the head, and
 * the head followed by the events recovery makes.
 */
function cutAndCompleted(events: readonly ResponseStreamEvent[], settled: Response, cut: number) {
  const delivered = deliveredResponseEvents();
  const head = events.slice(0, cut);
  head.forEach((event) => delivered.observe(event));
  return { delivered, all: [...head, ...missingResponseEvents(delivered.state(), settled)] };
}

const joined = (events: readonly ResponseStreamEvent[], type: string, field = 'delta') =>
  events.flatMap((e) => (e.type === type ? [(e as unknown as Record<string, string>)[field]] : [])).join('');

describe('missingResponseEvents', () => {
  const uncut = stream();
  it.each(uncut.slice(1).map((_, at) => at + 1))('cut after %i events: delivered + missing accumulate to the uncut result', async (cut) => {
    const { delivered, all } = cutAndCompleted(uncut, final, cut);
    expect(divergence(delivered.state(), final)).toBeUndefined();
    const [expected, actual] = await Promise.all([lastValueFrom(from(uncut).pipe(finalResponse())), lastValueFrom(from(all).pipe(finalResponse()))]);
    expect(actual).toEqual(expected);
    const text = await lastValueFrom(from(all).pipe(textDeltas(), toArray()));
    expect(text.join('')).toBe((await lastValueFrom(from(uncut).pipe(textDeltas(), toArray()))).join(''));
    for (const type of ['response.output_text.delta', 'response.refusal.delta', 'response.function_call_arguments.delta', 'response.reasoning_text.delta', ...streamed.map(([, , name]) => `${name}.delta`)]) {
      expect([type, joined(all, type)]).toEqual([type, joined(uncut, type)]);
    }
    // Each item starts as the API starts it (in progress, nothing streamed yet, no result).
    const added = (events: ResponseStreamEvent[]) => events.filter((e) => e.type === 'response.output_item.added').map(({ sequence_number: _, ...e }) => e);
    expect(added(all)).toEqual(added(uncut));
    // The tool calls' fragments add up to what the uncut stream gave, a custom tool's input too.
    const fragments = async (events: ResponseStreamEvent[]) => {
      const all = await lastValueFrom(from(events).pipe(toolCallDeltas(), toArray()));
      return ['call_1', 'call_2'].map((id) => all.filter((f) => f.snapshot.call_id === id).map((f) => f.delta.delta).join(''));
    };
    expect(await fragments(all)).toEqual(await fragments(uncut));
    // The output text's log probabilities add up to the uncut stream's, delta by delta, and its `done` has them all;
    // its citations come as the uncut stream's, each once and in order.
    const logprobsOf = (events: ResponseStreamEvent[], type: string) =>
      events.flatMap((e) => (e.type === type ? ((e as unknown as { logprobs: unknown[] }).logprobs ?? []) : []));
    expect(logprobsOf(all, 'response.output_text.delta')).toEqual(LOGPROBS);
    expect(logprobsOf(all, 'response.output_text.done')).toEqual(LOGPROBS);
    const cited = (events: ResponseStreamEvent[]) =>
      events.flatMap((e) => (e.type === 'response.output_text.annotation.added' ? [[e.annotation_index, e.annotation]] : []));
    expect(cited(all)).toEqual(cited(uncut));
    // Each summary part's deltas add up to its text.
    for (const index of [0, 1]) {
      const ofPart = all.filter((e) => (e as { summary_index?: number }).summary_index === index);
      expect(joined(ofPart, 'response.reasoning_summary_text.delta')).toBe(reasoning.summary[index]!.text);
    }
    // Nothing twice, nothing missing: each other kind of event as often as in the uncut stream, sequence numbers
    // strictly increasing.
    for (const type of new Set(uncut.map((e) => e.type))) {
      if (type.endsWith('.delta') || type === 'response.created' || type === 'response.in_progress') continue;
      expect([type, all.filter((e) => e.type === type).length]).toEqual([type, uncut.filter((e) => e.type === type).length]);
    }
    expect(all.map((e) => e.sequence_number)).toEqual(all.map((_, at) => at));
  });

  // Real streams: a web search (six searches, a message with twelve citations) and an image generation (a partial
  // image, then the final one), cut after every event.
  it.each(['web-search-annotations.sse', 'image-generation.sse', 'azure-text.sse', 'reasoning-summary-function-calls.sse', 'swiftagent-function-call.sse'])(
    'the recorded %s, cut anywhere: every event but the progress the cut skipped comes as often as uncut, the final response the same',
    async (name) => {
      const recorded = dataValuesOf<ResponseStreamEvent>(fixtureBytes('responses-recorded', name));
      const settled = (recorded.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>).response;
      // Progress that is past once the response settled: not made up after a cut.
      const PAST = /\.(delta|in_progress|searching|generating|interpreting|partial_image)$|^response\.(created|queued)$/;
      const counts = (events: readonly ResponseStreamEvent[]) => {
        const byType = new Map<string, number>();
        for (const e of events) if (!PAST.test(e.type)) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
        return Object.fromEntries([...byType].sort());
      };
      const expected = await lastValueFrom(from(recorded).pipe(finalResponse()));
      for (let cut = 1; cut < recorded.length; cut++) {
        const { delivered, all } = cutAndCompleted(recorded, settled, cut);
        expect([cut, divergence(delivered.state(), settled)]).toEqual([cut, undefined]);
        expect([cut, counts(all)]).toEqual([cut, counts(recorded)]);
        expect(await lastValueFrom(from(all).pipe(finalResponse()))).toEqual(expected);
      }
    },
  );

  it("parts a server never announced (Ollama's summaries, vLLM's reasoning text) are not announced again after a cut: no snapshot holds a part the response lacks", async () => {
    const item = { id: 'rs_9', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Let me think.' }, { type: 'summary_text', text: 'More.' }], content: [{ type: 'reasoning_text', text: 'Hm, yes.' }] };
    const settled = { ...final, output: [item] } as unknown as Response;
    const at = { item_id: 'rs_9', output_index: 0 };
    const events = [
      { type: 'response.created', response: { ...settled, status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...item, summary: [], content: null } },
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0, delta: 'Let me ' },
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0, delta: 'think.' },
      { type: 'response.reasoning_summary_text.done', ...at, summary_index: 0, text: 'Let me think.' },
      { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 1, delta: 'More.' },
      { type: 'response.reasoning_text.delta', ...at, content_index: 0, delta: 'Hm, ' },
      { type: 'response.reasoning_text.delta', ...at, content_index: 0, delta: 'yes.' },
      { type: 'response.output_item.done', output_index: 0, item },
      { type: 'response.completed', response: settled },
    ].map((event, sequence_number) => ({ ...event, sequence_number })) as unknown as ResponseStreamEvent[];
    for (let cut = 1; cut < events.length; cut++) {
      const snapshots = await lastValueFrom(from(cutAndCompleted(events, settled, cut).all).pipe(accumulateResponse(), toArray()));
      for (const snapshot of snapshots) {
        const reasoning = snapshot.output[0] as { summary?: unknown[]; content?: unknown[] | null } | undefined;
        expect([cut, (reasoning?.summary ?? []).length <= 2 && (reasoning?.content ?? []).length <= 1]).toEqual([cut, true]);
      }
      expect(snapshots.at(-1)!.output).toEqual([item]);
    }
  });

  it("parts vLLM's gpt-oss streams number on from the items before (a message's one part at content_index 2) continue the response's parts, cut anywhere: no text twice", async () => {
    const stream = gptOssStream();
    const settled = { ...final, output: stream.output } as unknown as Response;
    const events = [
      { type: 'response.created', response: { ...settled, status: 'in_progress', output: [] } },
      ...stream.events,
      { type: 'response.completed', response: settled },
    ].map((event, sequence_number) => ({ ...event, sequence_number })) as unknown as ResponseStreamEvent[];
    for (let cut = 1; cut < events.length; cut++) {
      const { all } = cutAndCompleted(events, settled, cut);
      expect([cut, joined(all, 'response.output_text.delta'), joined(all, 'response.reasoning_text.delta')]).toEqual([cut, 'Sunny, 21C.', 'Look it up.Found it.']);
      const snapshots = await lastValueFrom(from(all).pipe(accumulateResponse(), toArray()));
      expect([cut, snapshots.at(-1)!.output]).toEqual([cut, settled.output]);
    }
  });

  it('divergence(): where the response as it settled does not continue the text, summary, refusal or arguments delivered', () => {
    const uncut = stream();
    // Cut after the first delta of each kind (the rest would be sent after its first characters delivered).
    const after = (type: string) => uncut.findIndex((e) => e.type === type) + 1;
    const edited = (change: (output: Array<Record<string, any>>) => void) => {
      const output = structuredClone(final.output) as unknown as Array<Record<string, any>>;
      change(output);
      return { ...final, output } as unknown as Response;
    };
    const cases: Array<[cut: number, settled: Response, path: string | undefined]> = [
      // A server that stored the text trimmed, or otherwise changed what it streamed.
      [after('response.output_text.delta'), edited((o) => (o[1]!['content'][0].text = 'Hi, wide world')), 'output[1].content[0].text'],
      [after('response.refusal.delta'), edited((o) => (o[1]!['content'][1].refusal = 'No.')), 'output[1].content[1].refusal'],
      [after('response.reasoning_summary_text.delta'), edited((o) => (o[0]!['summary'][0].text = 'Weather first')), 'output[0].summary[0].text'],
      [after('response.reasoning_text.delta'), edited((o) => (o[0]!['content'][0].text = 'Hello; Rome')), 'output[0].content[0].text'],
      [after('response.function_call_arguments.delta'), edited((o) => (o[2]!['arguments'] = '{ "city": "Rome" }')), 'output[2].arguments'],
      // The part or item delivered is not in the response, or not of a kind with that text.
      [after('response.output_text.delta'), edited((o) => (o[1]!['content'] = [])), 'output[1].content[0]'],
      [after('response.function_call_arguments.delta'), edited((o) => o.splice(2)), 'output[2]'],
      [after('response.function_call_arguments.delta'), edited((o) => (o[2] = { ...message, id: 'msg_2' })), 'output[2]'],
      // A text that goes on from what was delivered, or one whose part was done, is no divergence.
      [after('response.output_text.delta'), edited((o) => (o[1]!['content'][0].text = 'Hello, wide world, and more')), undefined],
      [uncut.findIndex((e) => e.type === 'response.content_part.done' && e.item_id === 'msg_1') + 1, edited((o) => (o[1]!['content'][0].text = 'Changed')), undefined],
    ];
    for (const [cut, settled, path] of cases) {
      const delivered = deliveredResponseEvents();
      uncut.slice(0, cut).forEach((event) => delivered.observe(event));
      expect([cut, divergence(delivered.state(), settled)?.path]).toEqual([cut, path]);
    }
    // With the text delivered there, and the response's (none where it has no text there).
    const delivered = deliveredResponseEvents();
    uncut.slice(0, after('response.output_text.delta')).forEach((event) => delivered.observe(event));
    expect(divergence(delivered.state(), edited((o) => (o[1]!['content'][0].text = 'Hi, wide world')))).toEqual({
      path: 'output[1].content[0].text',
      delivered: 'Hell', // the first delta
      stored: 'Hi, wide world',
    });
    expect(divergence(delivered.state(), edited((o) => (o[1]!['content'] = []))))
      .toEqual({ path: 'output[1].content[0]', delivered: 'Hell', stored: undefined });
  });

  it('keeps the text of a part or item only until it is done: a long answer is not kept twice by the tracker', () => {
    const delivered = deliveredResponseEvents();
    const kept = () =>
      [...delivered.state().items.values()].flatMap((item) => [item.input.join(''), ...[...item.parts.values()].map((part) => part.text.join(''))]).join('');
    let most = 0;
    for (const event of uncut) {
      delivered.observe(event);
      most = Math.max(most, kept().length);
    }
    expect(most).toBeGreaterThan(0);
    // Every item of the stream is done: nothing of their text is kept, their lengths are.
    expect(kept()).toBe('');
    expect([...delivered.state().items.values()].every((item) => item.done)).toBe(true);
  });

  it('an incomplete or failed response ends with its own terminal event; a cancelled one fails (no success)', () => {
    const delivered = deliveredResponseEvents();
    uncut.slice(0, 3).forEach((event) => delivered.observe(event));
    expect(missingResponseEvents(delivered.state(), { ...final, status: 'incomplete' }).at(-1)!.type).toBe('response.incomplete');
    expect(missingResponseEvents(delivered.state(), { ...final, status: 'failed' }).at(-1)!.type).toBe('response.failed');
    expect(missingResponseEvents(delivered.state(), { ...final, status: 'cancelled' }).at(-1)!.type).toBe('response.failed');
    expect(delivered.state().responseId).toBe('resp_1');
  });
});

describe('fallbackResponseEvents (the polling fallback): the events of a response followed until it settled', () => {
  it('the settled response streams as recovery would build it: text, refusal and arguments as deltas, accumulating to the response', async () => {
    const events = await lastValueFrom(from([{ ...final, status: 'queued', output: [] } as unknown as Response, final]).pipe(fallbackResponseEvents(), toArray()));
    expect(events[0]!.type).toBe('response.created');
    expect(joined(events, 'response.output_text.delta')).toBe('Hello, wide world');
    expect(joined(events, 'response.refusal.delta')).toBe('I cannot say more');
    expect(joined(events, 'response.function_call_arguments.delta')).toBe(call.arguments);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, at) => at));
    expect(await lastValueFrom(from(events).pipe(finalResponse()))).toEqual(await lastValueFrom(from(stream()).pipe(finalResponse())));
  });

  it('a cancelled response fails with ResponseStreamError after its output events', async () => {
    const seen: ResponseStreamEvent[] = [];
    const error = await lastValueFrom(from([{ ...final, status: 'cancelled' } as unknown as Response]).pipe(fallbackResponseEvents(), tap((e) => seen.push(e)))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(joined(seen, 'response.output_text.delta')).toBe('Hello, wide world');
  });
});

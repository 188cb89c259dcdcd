/**
 * Builders of Responses API streams for tests: a response object shaped as the API sends it, and a synthetic
 * stream that exercises every kind of output the reducer handles (reasoning, function call, custom tool call,
 * message text with annotations, refusal, MCP call, code interpreter, web search), as SSE bytes.
 */
import type { Response, ResponseStreamEvent } from '../../src/index';
import { encode } from '../helpers/bytes';

/** A response object as the API sends it in lifecycle events. */
export function response(status: Response['status'], output: Response['output'] = [], extra: Partial<Response> = {}): Response {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1741290958,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: 'gpt-4o',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...extra,
  } as Response;
}

/** The SSE bytes of events (`event:` = type, `data:` = JSON). */
export function sse(events: readonly object[], tail = ''): Uint8Array {
  return encode(
    events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join('') + tail,
  );
}

const text = (value: string) => ({ type: 'output_text' as const, text: value, annotations: [], logprobs: [] });

/** Events of a response that reasons, calls tools and answers, ending with `response.completed`. */
export function richEvents(): ResponseStreamEvent[] {
  let seq = 0;
  const e = <T extends object>(event: T) => ({ ...event, sequence_number: seq++ });
  const reasoning = { type: 'reasoning', id: 'rs_1', summary: [] as Array<{ type: 'summary_text'; text: string }> };
  const fnCall = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '', status: 'in_progress' };
  const custom = { type: 'custom_tool_call', id: 'ct_1', call_id: 'call_2', name: 'patch', input: '' };
  const mcp = { type: 'mcp_call', id: 'mcp_1', server_label: 'docs', name: 'search', arguments: '', status: 'in_progress' };
  const code = { type: 'code_interpreter_call', id: 'ci_1', status: 'in_progress', container_id: 'cntr_1', code: null, outputs: null };
  const web = { type: 'web_search_call', id: 'ws_1', status: 'in_progress', action: { type: 'search', query: 'weather' } };
  const message = { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] };
  const annotation = { type: 'url_citation', url: 'https://example.com', title: 'Example', start_index: 0, end_index: 5 };
  const summary = 'Thinking about weather.';
  const answer = 'Sunny, 21°C.';
  const finalOutput = [
    { ...reasoning, summary: [{ type: 'summary_text', text: summary }], status: 'completed' },
    { ...fnCall, arguments: '{"city":"Paris"}', status: 'completed' },
    { ...custom, input: '*** patch' },
    { ...mcp, arguments: '{"q":"x"}', status: 'completed' },
    { ...code, code: 'print(1)', status: 'completed' },
    { ...web, status: 'completed' },
    {
      ...message,
      status: 'completed',
      content: [
        { ...text(answer), annotations: [annotation] },
        { type: 'refusal', refusal: 'No more.' },
      ],
    },
  ];
  return [
    e({ type: 'response.created', response: response('in_progress') }),
    e({ type: 'response.in_progress', response: response('in_progress') }),
    e({ type: 'response.output_item.added', output_index: 0, item: reasoning }),
    e({ type: 'response.reasoning_summary_part.added', item_id: 'rs_1', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: '' } }),
    e({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'Thinking ' }),
    e({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'about weather.' }),
    e({ type: 'response.reasoning_summary_text.done', item_id: 'rs_1', output_index: 0, summary_index: 0, text: summary }),
    e({ type: 'response.reasoning_summary_part.done', item_id: 'rs_1', output_index: 0, summary_index: 0, part: { type: 'summary_text', text: summary } }),
    e({ type: 'response.output_item.done', output_index: 0, item: finalOutput[0] }),
    e({ type: 'response.output_item.added', output_index: 1, item: fnCall }),
    e({ type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '{"city"' }),
    e({ type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: ':"Paris"}' }),
    e({ type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 1, name: 'get_weather', arguments: '{"city":"Paris"}' }),
    e({ type: 'response.output_item.done', output_index: 1, item: finalOutput[1] }),
    e({ type: 'response.output_item.added', output_index: 2, item: custom }),
    e({ type: 'response.custom_tool_call_input.delta', item_id: 'ct_1', output_index: 2, delta: '*** ' }),
    e({ type: 'response.custom_tool_call_input.delta', item_id: 'ct_1', output_index: 2, delta: 'patch' }),
    e({ type: 'response.custom_tool_call_input.done', item_id: 'ct_1', output_index: 2, input: '*** patch' }),
    e({ type: 'response.output_item.done', output_index: 2, item: finalOutput[2] }),
    e({ type: 'response.output_item.added', output_index: 3, item: mcp }),
    e({ type: 'response.mcp_call.in_progress', item_id: 'mcp_1', output_index: 3 }),
    e({ type: 'response.mcp_call_arguments.delta', item_id: 'mcp_1', output_index: 3, delta: '{"q":' }),
    e({ type: 'response.mcp_call_arguments.delta', item_id: 'mcp_1', output_index: 3, delta: '"x"}' }),
    e({ type: 'response.mcp_call_arguments.done', item_id: 'mcp_1', output_index: 3, arguments: '{"q":"x"}' }),
    e({ type: 'response.mcp_call.completed', item_id: 'mcp_1', output_index: 3 }),
    e({ type: 'response.output_item.done', output_index: 3, item: finalOutput[3] }),
    e({ type: 'response.output_item.added', output_index: 4, item: code }),
    e({ type: 'response.code_interpreter_call.in_progress', item_id: 'ci_1', output_index: 4 }),
    e({ type: 'response.code_interpreter_call_code.delta', item_id: 'ci_1', output_index: 4, delta: 'print(' }),
    e({ type: 'response.code_interpreter_call_code.delta', item_id: 'ci_1', output_index: 4, delta: '1)' }),
    e({ type: 'response.code_interpreter_call_code.done', item_id: 'ci_1', output_index: 4, code: 'print(1)' }),
    e({ type: 'response.code_interpreter_call.interpreting', item_id: 'ci_1', output_index: 4 }),
    e({ type: 'response.code_interpreter_call.completed', item_id: 'ci_1', output_index: 4 }),
    e({ type: 'response.output_item.done', output_index: 4, item: finalOutput[4] }),
    e({ type: 'response.output_item.added', output_index: 5, item: web }),
    e({ type: 'response.web_search_call.in_progress', item_id: 'ws_1', output_index: 5 }),
    e({ type: 'response.web_search_call.searching', item_id: 'ws_1', output_index: 5 }),
    e({ type: 'response.web_search_call.completed', item_id: 'ws_1', output_index: 5 }),
    e({ type: 'response.output_item.done', output_index: 5, item: finalOutput[5] }),
    e({ type: 'response.output_item.added', output_index: 6, item: message }),
    e({ type: 'response.content_part.added', item_id: 'msg_1', output_index: 6, content_index: 0, part: text('') }),
    e({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 6, content_index: 0, delta: 'Sunny', logprobs: [] }),
    e({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 6, content_index: 0, delta: ', 21°C.', logprobs: [] }),
    e({ type: 'response.output_text.annotation.added', item_id: 'msg_1', output_index: 6, content_index: 0, annotation_index: 0, annotation }),
    e({ type: 'response.output_text.done', item_id: 'msg_1', output_index: 6, content_index: 0, text: answer, logprobs: [] }),
    e({ type: 'response.content_part.done', item_id: 'msg_1', output_index: 6, content_index: 0, part: { ...text(answer), annotations: [annotation] } }),
    e({ type: 'response.content_part.added', item_id: 'msg_1', output_index: 6, content_index: 1, part: { type: 'refusal', refusal: '' } }),
    e({ type: 'response.refusal.delta', item_id: 'msg_1', output_index: 6, content_index: 1, delta: 'No ' }),
    e({ type: 'response.refusal.delta', item_id: 'msg_1', output_index: 6, content_index: 1, delta: 'more.' }),
    e({ type: 'response.refusal.done', item_id: 'msg_1', output_index: 6, content_index: 1, refusal: 'No more.' }),
    e({ type: 'response.content_part.done', item_id: 'msg_1', output_index: 6, content_index: 1, part: { type: 'refusal', refusal: 'No more.' } }),
    e({ type: 'response.output_item.done', output_index: 6, item: finalOutput[6] }),
    e({
      type: 'response.completed',
      response: response('completed', finalOutput as Response['output'], {
        usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 30 },
      }),
    }),
  ] as ResponseStreamEvent[];
}

/** What a generated stream is made of: output items with their streamed pieces. */
export type GeneratedItem =
  | { kind: 'message'; parts: Array<{ kind: 'text'; deltas: Array<{ text: string; logprobs: unknown }> } | { kind: 'refusal'; deltas: string[] }> }
  | { kind: 'function_call'; deltas: string[] }
  | { kind: 'reasoning'; summaries: string[][] }
  | { kind: 'web_search_call' };

export interface GeneratedStream {
  items: GeneratedItem[];
  /** Added to each next `output_index` beyond 1 (the API may skip indexes). */
  gaps: number[];
}

/** A logprob entry of a text delta as the API sends it. */
export const logprobOf = (token: string) => ({
  token,
  logprob: -0.25,
  bytes: [...new TextEncoder().encode(token)],
  top_logprobs: [{ token, logprob: -0.25, bytes: [...new TextEncoder().encode(token)] }],
});

/** How a generated text delta carries logprobs: well-formed, an empty list, malformed entries, or none. */
export type LogprobsKind = 'valid' | 'empty' | 'malformed' | 'absent';

/** The `logprobs` of a text delta of `text`, of the given kind (`undefined`: the field is left out). */
export const logprobsOf = (kind: LogprobsKind, text: string): unknown =>
  kind === 'valid' ? [logprobOf(text)] : kind === 'empty' ? [] : kind === 'malformed' ? [{ token: text }] : undefined;

/**
 * The events of a generated stream: `response.created`, `.in_progress`, each item added, streamed and done (in
 * `output_index` order, with the gaps), and `response.completed` with every final item (unless `complete` is
 * false, then the stream stops before the last item's `output_item.done`).
 */
export function generatedEvents(stream: GeneratedStream, complete = true): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  const push = (event: Record<string, unknown>) => events.push({ ...event, sequence_number: events.length });
  push({ type: 'response.created', response: response('in_progress') });
  push({ type: 'response.in_progress', response: response('in_progress') });
  const finals: unknown[] = [];
  let output_index = -1;
  stream.items.forEach((spec, n) => {
    output_index += 1 + (stream.gaps[n] ?? 0);
    const item_id = `item_${n}`;
    const at = { item_id, output_index };
    let final: Record<string, unknown>;
    if (spec.kind === 'message') {
      push({ type: 'response.output_item.added', output_index, item: { type: 'message', id: item_id, status: 'in_progress', role: 'assistant', content: [] } });
      const content = spec.parts.map((part, content_index) => {
        if (part.kind === 'text') {
          push({ type: 'response.content_part.added', ...at, content_index, part: { type: 'output_text', text: '', annotations: [] } });
          for (const d of part.deltas) push({ type: 'response.output_text.delta', ...at, content_index, delta: d.text, logprobs: d.logprobs });
          const text = part.deltas.map((d) => d.text).join('');
          push({ type: 'response.output_text.done', ...at, content_index, text, logprobs: [] });
          const done = { type: 'output_text', text, annotations: [], logprobs: [] };
          push({ type: 'response.content_part.done', ...at, content_index, part: done });
          return done;
        }
        push({ type: 'response.content_part.added', ...at, content_index, part: { type: 'refusal', refusal: '' } });
        for (const delta of part.deltas) push({ type: 'response.refusal.delta', ...at, content_index, delta });
        const refusal = part.deltas.join('');
        push({ type: 'response.refusal.done', ...at, content_index, refusal });
        push({ type: 'response.content_part.done', ...at, content_index, part: { type: 'refusal', refusal } });
        return { type: 'refusal', refusal };
      });
      final = { type: 'message', id: item_id, status: 'completed', role: 'assistant', content };
    } else if (spec.kind === 'function_call') {
      const call = { type: 'function_call', id: item_id, call_id: `call_${n}`, name: 'f', arguments: '', status: 'in_progress' };
      push({ type: 'response.output_item.added', output_index, item: call });
      for (const delta of spec.deltas) push({ type: 'response.function_call_arguments.delta', ...at, delta });
      const args = spec.deltas.join('');
      push({ type: 'response.function_call_arguments.done', ...at, arguments: args });
      final = { ...call, arguments: args, status: 'completed' };
    } else if (spec.kind === 'reasoning') {
      push({ type: 'response.output_item.added', output_index, item: { type: 'reasoning', id: item_id, summary: [] } });
      const summary = spec.summaries.map((deltas, summary_index) => {
        push({ type: 'response.reasoning_summary_part.added', ...at, summary_index, part: { type: 'summary_text', text: '' } });
        for (const delta of deltas) push({ type: 'response.reasoning_summary_text.delta', ...at, summary_index, delta });
        const text = deltas.join('');
        push({ type: 'response.reasoning_summary_text.done', ...at, summary_index, text });
        push({ type: 'response.reasoning_summary_part.done', ...at, summary_index, part: { type: 'summary_text', text } });
        return { type: 'summary_text', text };
      });
      final = { type: 'reasoning', id: item_id, summary };
    } else {
      const search = { type: 'web_search_call', id: item_id, status: 'in_progress' };
      push({ type: 'response.output_item.added', output_index, item: search });
      for (const step of ['in_progress', 'searching', 'completed']) push({ type: `response.web_search_call.${step}`, ...at });
      final = { ...search, status: 'completed', action: { type: 'search', query: 'q' } };
    }
    if (!complete && n === stream.items.length - 1) return;
    push({ type: 'response.output_item.done', output_index, item: final });
    finals.push(final);
  });
  if (complete) push({ type: 'response.completed', response: response('completed', finals as Response['output']) });
  return events;
}

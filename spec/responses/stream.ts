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

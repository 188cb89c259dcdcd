/**
 * A Responses stream as vLLM serves gpt-oss (its Harmony streaming), which keeps one `content_index` counter for the
 * whole response (vllm-project/vllm#45742): a reasoning item's part at 0, a web search (no parts), another reasoning
 * item's part at 1, then the message's only part at 2. vLLM's own `response.reasoning_part.added` / `.done` events
 * come along (not the API's: they pass through, changing nothing). `events` are those between `response.created`
 * and the terminal event, without sequence numbers; `output` is the response's output they make.
 *
 * @example
 * const { events, output } = gptOssStream();
 * const all = [created, ...events, completed(output)].map((event, sequence_number) => ({ ...event, sequence_number }));
 */
export function gptOssStream(): { readonly events: Array<Record<string, unknown>>; readonly output: Array<Record<string, unknown>> } {
  const think = (id: string, text: string) => ({ type: 'reasoning', id, summary: [], content: [{ type: 'reasoning_text', text }], status: 'completed' });
  const search = { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'weather' } };
  const answer = { type: 'message', id: 'msg_3', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Sunny, 21C.', annotations: [] }] };
  const reasoning = (output_index: number, content_index: number, id: string, pieces: string[]) => {
    const at = { item_id: id, output_index, content_index };
    const text = pieces.join('');
    return [
      { type: 'response.output_item.added', output_index, item: { type: 'reasoning', id, summary: [], content: null, status: 'in_progress' } },
      { type: 'response.reasoning_part.added', ...at, part: { type: 'reasoning_text', text: '' } },
      ...pieces.map((delta) => ({ type: 'response.reasoning_text.delta', ...at, delta })),
      { type: 'response.reasoning_text.done', ...at, text },
      { type: 'response.reasoning_part.done', ...at, part: { type: 'reasoning_text', text } },
      { type: 'response.output_item.done', output_index, item: think(id, text) },
    ];
  };
  const at = { item_id: 'msg_3', output_index: 3, content_index: 2 };
  const events = [
    ...reasoning(0, 0, 'rs_0', ['Look ', 'it up.']),
    { type: 'response.output_item.added', output_index: 1, item: { ...search, status: 'in_progress' } },
    { type: 'response.output_item.done', output_index: 1, item: search },
    ...reasoning(2, 1, 'rs_2', ['Found ', 'it', '.']),
    { type: 'response.output_item.added', output_index: 3, item: { ...answer, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', ...at, delta: 'Sunny, ', logprobs: [] },
    { type: 'response.output_text.delta', ...at, delta: '21C.', logprobs: [] },
    { type: 'response.output_text.done', ...at, text: 'Sunny, 21C.', logprobs: [] },
    { type: 'response.content_part.done', ...at, part: answer.content[0] },
    { type: 'response.output_item.done', output_index: 3, item: answer },
  ];
  return { events, output: [think('rs_0', 'Look it up.'), search, think('rs_2', 'Found it.'), answer] };
}

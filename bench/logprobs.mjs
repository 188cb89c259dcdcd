// What a token's logprobs on every delta cost the operators that accumulate (Responses with
// `include: ['message.output_text.logprobs']`, Chat Completions with `logprobs: true`): N deltas of one answer, each
// with one token's logprobs, read whole. The time per delta should not grow with N where no snapshot is emitted
// per delta (`finalResponse()`, `finalChatCompletion()`, `toolCallDeltas()`); `accumulateResponse()` and
// `accumulateChatCompletion()` emit a snapshot per delta, each with its own list of every token so far, so theirs
// grows with N (shown for comparison, up to 20,000).
//
//   npm run build && node bench/logprobs.mjs
import { count, from, lastValueFrom } from 'rxjs';

const lib = await import(new URL('../dist/esm/index.js', import.meta.url));
const { accumulateChatCompletion, accumulateResponse, finalChatCompletion, finalResponse, toolCallDeltas } = lib;

const token = (text) => ({ token: text, logprob: -0.25, bytes: [...Buffer.from(text)], top_logprobs: [] });

function responseEvents(n) {
  const response = { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'gpt-4o', output: [] };
  const message = { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  const events = [
    { type: 'response.created', response },
    { type: 'response.output_item.added', output_index: 0, item: message },
    { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } },
  ];
  for (let i = 0; i < n; i++) events.push({ type: 'response.output_text.delta', ...at, delta: ' word', logprobs: [token(' word')] });
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}

function chatChunks(n) {
  const chunk = (delta, logprobs, finish_reason = null) => ({
    id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o',
    choices: [{ index: 0, delta, logprobs, finish_reason }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' }, { content: [], refusal: null })];
  for (let i = 0; i < n; i++) chunks.push(chunk({ content: ' word' }, { content: [token(' word')], refusal: null }));
  chunks.push(chunk({}, null, 'stop'));
  return chunks;
}

const cases = [
  ['Responses: finalResponse()', responseEvents, finalResponse, [5_000, 10_000, 20_000, 40_000, 80_000]],
  ['Responses: toolCallDeltas()', responseEvents, toolCallDeltas, [5_000, 10_000, 20_000, 40_000, 80_000]],
  ['Responses: accumulateResponse()', responseEvents, accumulateResponse, [5_000, 10_000, 20_000]],
  ['Chat: finalChatCompletion()', chatChunks, finalChatCompletion, [5_000, 10_000, 20_000, 40_000, 80_000]],
  ['Chat: toolCallDeltas()', chatChunks, toolCallDeltas, [5_000, 10_000, 20_000, 40_000, 80_000]],
  ['Chat: accumulateChatCompletion()', chatChunks, accumulateChatCompletion, [5_000, 10_000, 20_000]],
];
for (const [name, make, operator, sizes] of cases) {
  console.log(name);
  for (const n of sizes) {
    const values = make(n);
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      await lastValueFrom(from(values).pipe(operator(), count()));
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`  N = ${String(n).padStart(6)}: ${best.toFixed(0).padStart(6)} ms, ${((best / n) * 1000).toFixed(2).padStart(7)} µs per delta (best of 3)`);
  }
}

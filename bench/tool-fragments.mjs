// What reading tool call fragments costs through the sources, which set the positions compatible servers leave out
// (src/chat/omitted-positions.ts, src/responses/omitted-positions.ts): N chat tool call fragments of one call to
// `finalChatCompletion()`, and N Responses function call argument deltas to `finalResponse()`, each as the API sends
// them (every position there), read whole from one body. With RX_OPENAI_STREAM_BASE_DIST (another build's
// `esm/index.js`, as a file: URL), the same runs of that build alternate with this one's: the cost of a change.
//
//   npm run build && node bench/tool-fragments.mjs
//   RX_OPENAI_STREAM_BASE_DIST=file:///tmp/base/dist/esm/index.js node bench/tool-fragments.mjs
import { lastValueFrom } from 'rxjs';

const N = 20_000;
const ROUNDS = 15;
const builds = [['library', new URL('../dist/esm/index.js', import.meta.url).href]];
if (process.env.RX_OPENAI_STREAM_BASE_DIST) builds.unshift(['base', process.env.RX_OPENAI_STREAM_BASE_DIST]);
const libs = await Promise.all(builds.map(async ([name, url]) => [name, await import(url)]));

const encoder = new TextEncoder();
const top = { id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const chunk = (delta, finish_reason = null) => `data: ${JSON.stringify({ ...top, choices: [{ index: 0, delta, finish_reason }] })}\n\n`;
let chat = chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] });
for (let i = 0; i < N; i++) chat += chunk({ tool_calls: [{ index: 0, function: { arguments: 'ab' } }] });
chat += chunk({}, 'tool_calls') + 'data: [DONE]\n\n';
const chatBytes = encoder.encode(chat);

let sequence = 0;
const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify({ ...e, sequence_number: sequence++ })}\n\n`;
let responses = event({ type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } });
responses += event({ type: 'response.output_item.added', output_index: 0, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '' } });
for (let i = 0; i < N; i++) responses += event({ type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: 'ab' });
responses += event({ type: 'response.completed', response: { id: 'resp_1', status: 'completed' } });
const responseBytes = encoder.encode(responses);

const cases = [
  ['chat: tool call fragments -> finalChatCompletion()', (lib) => lib.chatCompletionChunks(new Response(chatBytes)).pipe(lib.finalChatCompletion())],
  ['responses: argument deltas -> finalResponse()', (lib) => lib.responseEvents(new Response(responseBytes)).pipe(lib.finalResponse())],
];

console.log(`node ${process.version}; N = ${N.toLocaleString('en')}; median of ${ROUNDS} rounds, builds alternating`);
for (const [label, run] of cases) {
  const times = new Map(libs.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS + 2; round++) {
    for (const [name, lib] of libs) {
      const start = performance.now();
      await lastValueFrom(run(lib));
      // The first two rounds warm up.
      if (round >= 2) times.get(name).push(performance.now() - start);
    }
  }
  for (const [name, ms] of times) {
    ms.sort((a, b) => a - b);
    const median = ms[ms.length >> 1];
    console.log(`${label}  ${name.padEnd(8)} ${median.toFixed(1).padStart(7)} ms  ${((median * 1e6) / N).toFixed(0).padStart(6)} ns/fragment`);
  }
}

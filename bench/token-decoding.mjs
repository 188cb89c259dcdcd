// What one text delta costs to decode: JSON.parse against the library's template (src/sources/json-template.ts),
// on the benchmark's 20,000 text-delta strings; and the two ways of comparing a piece of text at an offset.
//
//   npm run build && node bench/token-decoding.mjs
import { assistantRunStream } from './generate.mjs';

const dist = new URL('../dist/esm/', import.meta.url);
const { jsonTemplate } = await import(new URL('sources/json-template.js', dist));
const { messageDeltaShape } = await import(new URL('schema/assistants/message-delta-template.js', dist));

// Flat copies of the data lines, as the SSE parser hands them out.
const lines = assistantRunStream(20000)
  .text.split('\n')
  .filter((line) => line.startsWith('data: {"id":"msg_001","object":"thread.message.delta"'))
  .map((line) => JSON.parse(JSON.stringify(line.slice('data: '.length))));

let sink;
function time(label, fn) {
  let best = Infinity;
  for (let round = 0; round < 8; round++) {
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) for (const data of lines) sink = fn(data);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} ${((best / (10 * lines.length)) * 1e6).toFixed(0).padStart(5)} ns per delta (best of 8)`);
}

const template = jsonTemplate(messageDeltaShape);
template.learn(lines[1], JSON.parse(lines[1]));
if (JSON.stringify(template.read(lines[2])) !== JSON.stringify(JSON.parse(lines[2]))) throw new Error('template disagrees');
const PIECE = '","object":"thread.message.delta","delta":{"content":[{"index":';

time('JSON.parse', (data) => JSON.parse(data));
time('template read', (data) => template.read(data) ?? JSON.parse(data));
time('startsWith(piece, 14)', (data) => data.startsWith(PIECE, 14));
time('slice(14, 14 + piece.length) === piece', (data) => data.slice(14, 14 + PIECE.length) === PIECE);
void sink;

// Garbage-collection time of one contender, counted with a PerformanceObserver on `gc` entries:
//
//   npm run build && node bench/gc.mjs [library|sdk|floor] [N] [runs]
//
// Runs the contender 10 times to warm up, then `runs` times (default 30), and prints collections and their
// milliseconds per run. RX_OPENAI_STREAM_DIST points at another build, as for bench/run.mjs.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { assistantRunStream, toChunks } from './generate.mjs';
import { floor, libraryAssistants, sdkAssistants } from './implementations.mjs';

const [name = 'library', n = '20000', runs = '30'] = process.argv.slice(2);
const run = { library: libraryAssistants, sdk: sdkAssistants, floor }[name];
if (!run) throw new Error(`unknown contender ${name}`);
const stream = assistantRunStream(Number(n));
const chunks = toChunks(stream.text);
const expected = { text: stream.expectedText };

let collections = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections++;
    gcMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

for (let i = 0; i < 10; i++) await run(chunks, expected);
collections = 0;
gcMs = 0;
const t0 = performance.now();
for (let i = 0; i < Number(runs); i++) await run(chunks, expected);
const wall = (performance.now() - t0) / Number(runs);
await new Promise((resolve) => setTimeout(resolve, 50)); // let the last entries arrive
console.log(
  `${name} N=${n}: ${(collections / runs).toFixed(1)} collections, ${(gcMs / runs).toFixed(2)} ms of GC, ${wall.toFixed(1)} ms per run`,
);

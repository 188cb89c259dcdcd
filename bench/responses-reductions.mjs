// CPU time of the Responses snapshot reductions alone, without the bytes: the events of `responsesStream(N)` are
// parsed once, then each build runs `responseReducer` over them, and the pipeline of the Responses benchmark
// (`accumulateResponse()` last snapshot, `finalResponse()`, `textDeltas()` on one shared `from(events)`).
// Builds alternate within one process; the medians of 6 runs after 2 are printed. CPU time (process.cpuUsage),
// not wall time, so that other jobs on a shared machine weigh less (they still slow caches and clocks).
//
//   npm run build && node bench/responses-reductions.mjs                       (this build: dist/esm/index.js)
//   node bench/responses-reductions.mjs /abs/path/a/esm/index.js /abs/path/b/esm/index.js   (two builds)
import { fileURLToPath } from 'node:url';
import { forkJoin, from, lastValueFrom, share, takeLast } from 'rxjs';
import { responsesStream } from './generate.mjs';

const dists = process.argv.slice(2);
if (dists.length === 0) dists.push(fileURLToPath(new URL('../dist/esm/index.js', import.meta.url)));
const libs = await Promise.all(dists.map((d) => import(d)));
const n = Number(process.env.N ?? 20000);
const { text } = responsesStream(n);
const events = text
  .split('\n\n')
  .filter(Boolean)
  .map((block) => JSON.parse(block.split('\n')[1].slice('data: '.length)));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const results = dists.map(() => ({ reducer: [], pipeline: [] }));
for (let round = 0; round < 8; round++) {
  for (const [i, lib] of libs.entries()) {
    let t0 = cpu();
    let snapshot;
    for (const event of events) snapshot = lib.responseReducer(snapshot, event);
    const reducer = cpu() - t0;
    t0 = cpu();
    const events$ = from(events).pipe(share());
    const [last, final] = await lastValueFrom(
      forkJoin([events$.pipe(lib.accumulateResponse(), takeLast(1)), events$.pipe(lib.finalResponse()), events$.pipe(lib.textDeltas())]),
    );
    const pipeline = cpu() - t0;
    if (last.output_text !== snapshot.output_text || final.output_text !== snapshot.output_text) throw new Error('texts differ');
    if (round >= 2) {
      results[i].reducer.push(reducer);
      results[i].pipeline.push(pipeline);
    }
  }
}
const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
for (const [i, r] of results.entries()) {
  console.log(
    `${dists[i]}: N = ${n}, responseReducer ${median(r.reducer).toFixed(1)} ms CPU, ` +
      `accumulateResponse + finalResponse + textDeltas ${median(r.pipeline).toFixed(1)} ms CPU`,
  );
}

// What several reducing operators on one shared run stream cost, against one `accumulateSnapshots()` whose last
// state gives the finals: CPU time of the operators alone, on the benchmark's run (decoded once beforehand).
//
//   npm run build && node bench/shared-reducers.mjs [N]
import { last, lastValueFrom, map, share, Subject, toArray } from 'rxjs';
import { assistantRunStream, sseResponse, toChunks } from './generate.mjs';

const lib = await import(process.env.RX_OPENAI_STREAM_DIST ?? '../dist/esm/index.js');
const n = Number(process.argv[2] ?? 20000);
const chunks = toChunks(assistantRunStream(n).text);
const events = await lastValueFrom(lib.assistantEvents(sseResponse(chunks)).pipe(toArray()));

const patterns = {
  // Each operator reduces the stream on its own.
  'accumulateSnapshots() + finalMessages() + finalRun()': async () => {
    const source = new Subject();
    const events$ = source.pipe(share());
    const done = Promise.all([
      lastValueFrom(events$.pipe(lib.accumulateSnapshots())),
      lastValueFrom(events$.pipe(lib.finalMessages())),
      lastValueFrom(events$.pipe(lib.finalRun())),
    ]);
    return play(source, done);
  },
  // One reduction; the finals read from its last state.
  'one accumulateSnapshots(), finals from its last state': async () => {
    const source = new Subject();
    const state$ = source.pipe(lib.accumulateSnapshots(), share());
    const done = Promise.all([
      lastValueFrom(state$),
      lastValueFrom(state$.pipe(last(), map((state) => state.messages))),
      lastValueFrom(state$.pipe(last(), map((state) => state.currentRun))),
    ]);
    return play(source, done);
  },
};

/** Every event into `source` (all consumers subscribed before the first one), then the consumers' results. */
function play(source, done) {
  for (const event of events) source.next(event);
  source.complete();
  return done;
}

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const samples = Object.fromEntries(Object.keys(patterns).map((name) => [name, []]));
for (let round = 0; round < 14; round++) {
  for (const [name, run] of Object.entries(patterns)) {
    const t0 = cpu();
    await run();
    if (round >= 4) samples[name].push(cpu() - t0);
  }
}
console.log(`${events.length} events, node ${process.version}; CPU ms per run (median of 10)`);
for (const [name, list] of Object.entries(samples)) {
  list.sort((a, b) => a - b);
  const median = list[list.length >> 1];
  console.log(`  ${name.padEnd(56)} ${median.toFixed(1).padStart(7)} ms  ${((median * 1e6) / events.length).toFixed(0).padStart(5)} ns/event`);
}

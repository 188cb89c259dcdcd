// CPU time of each API's source with its usual consumers, per build, the builds alternating in one process
// (medians of 7 after 2): Assistants `assistantEvents()` + `textDeltas()` + `accumulateSnapshots()` (last),
// Chat `chatCompletionChunks()` + `textDeltas()` + `finalChatCompletion()`, Responses `responseEvents()` +
// `textDeltas()` + `accumulateResponse()` (last) + `finalResponse()`, on the streams of `generate.mjs` (N =
// 20,000) in 1 KiB chunks. CPU time (process.cpuUsage), not wall time, so that other jobs on a shared machine
// weigh less; to compare two builds when `run.mjs`'s wall-clock ratios are too noisy.
//
//   node --expose-gc bench/cpu-pipelines.mjs /abs/before/esm/index.js /abs/after/esm/index.js
//   ONLY=assistants node --expose-gc bench/cpu-pipelines.mjs ...        (one API: assistants, chat, responses)
import { share, last, forkJoin, lastValueFrom, toArray } from 'rxjs';
import { assistantRunStream, chatCompletionStream, responsesStream, toChunks, sseResponse } from './generate.mjs';
const dists = process.argv.slice(2);
const libs = await Promise.all(dists.map((d) => import(d)));
const n = 20000;
const cases = {
  assistants: [toChunks(assistantRunStream(n).text), (lib, r) => { const e$ = lib.assistantEvents(r).pipe(share()); return forkJoin([e$.pipe(lib.textDeltas(), toArray()), e$.pipe(lib.accumulateSnapshots(), last())]); }],
  chat: [toChunks(chatCompletionStream(n).text), (lib, r) => { const e$ = lib.chatCompletionChunks(r).pipe(share()); return forkJoin([e$.pipe(lib.textDeltas(), toArray()), e$.pipe(lib.finalChatCompletion())]); }],
  responses: [toChunks(responsesStream(n).text), (lib, r) => { const e$ = lib.responseEvents(r).pipe(share()); return forkJoin([e$.pipe(lib.textDeltas(), toArray()), e$.pipe(lib.accumulateResponse(), last()), e$.pipe(lib.finalResponse())]); }],
};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const [name, [chunks, run]] of Object.entries(cases).filter(([k]) => !process.env.ONLY || k === process.env.ONLY)) {
  const res = dists.map(() => []);
  for (let round = 0; round < 9; round++) for (const [i, lib] of libs.entries()) {
    const t0 = cpu(); await lastValueFrom(run(lib, sseResponse(chunks))); const t = cpu() - t0;
    if (round >= 2) res[i].push(t);
  }
  console.log(name, res.map((r, i) => `${dists[i].split('/').slice(-3)[0]} ${r.sort((a, b) => a - b)[r.length >> 1].toFixed(1)} ms`).join(' | '));
}

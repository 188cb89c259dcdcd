// Throughput, memory and latency of rx-openai-stream against the floor (eventsource-parser + JSON.parse) and the
// official `openai` SDK, on the same bytes, in one process.
//
//   npm run bench                  (builds, then: node --expose-gc bench/run.mjs)
//   node --expose-gc bench/run.mjs --quick          fewer rounds, fewer latency samples
//   node --expose-gc bench/run.mjs --rounds=9 --no-latency --only=assistants --sizes=20000
//   node --expose-gc bench/run.mjs --no-latency --only=responses      (also: --only=chat)
//   node --expose-gc bench/run.mjs --only=assistants --spaced   text deltas written with spaces (still valid JSON)
//                                  that the library's templates never learn: the cost without them
//   RX_OPENAI_STREAM_DIST=/other/dist/esm/index.js node --expose-gc bench/run.mjs   (another build)
//
// See docs/performance.md for the method, the machine and the numbers.
//
// Method: each stream is generated once as SSE bytes cut into 1 KiB chunks. Every timed run reads it from a
// fresh pull-based ReadableStream (the SDK through a custom `fetch` returning a Response over it). Runs are
// interleaved (A B C, B C A, C A B, ...) so drifts of the machine hit every contender alike; warm-up rounds
// are discarded; medians of wall-clock times are reported. Peak heap comes from a separate, untimed pass that
// samples the heap at every chunk (after a forced GC); retained memory from another one.

import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { assistantRunStream, chatCompletionStream, responsesStream, toChunks } from './generate.mjs';
import {
  floor,
  libraryAssistants,
  libraryChat,
  libraryClientAssistants,
  libraryClientResponses,
  libraryResponses,
  sdkAssistants,
  sdkChat,
  sdkResponses,
} from './implementations.mjs';
import { runLatency, printLatency } from './latency.mjs';

if (typeof global.gc !== 'function') {
  console.error('Run with --expose-gc: node --expose-gc bench/run.mjs');
  process.exit(1);
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name, fallback) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const ROUNDS = Number(option('rounds', quick ? 3 : 7));
const WARMUP_ROUNDS = quick ? 1 : 2;
const SIZES = option('sizes', '5000,20000,100000').split(',').map(Number);
const ONLY = option('only', 'all');
const SPACED = args.includes('--spaced');
const CHUNK_SIZE = 1024;

const gc = () => {
  global.gc();
  global.gc();
};
const heapUsed = () => v8.getHeapStatistics().used_heap_size;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

function environment() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {}
  return {
    node: process.version,
    v8: process.versions.v8,
    cpus: cpus().length,
    cpuModel,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    command: `node ${process.execArgv.join(' ')} bench/run.mjs ${args.join(' ')}`.replace(/\s+/g, ' ').trim(),
  };
}

/** Times `contenders` on `fixtures` (one per size), interleaved and rotated, and returns every sample. */
async function timeAll(kind, contenders, fixtures) {
  const samples = {}; // samples[size][name] = ms[]
  for (const f of fixtures) samples[f.n] = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const measured = round >= WARMUP_ROUNDS;
    for (const f of fixtures) {
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      for (const c of order) {
        // No forced GC here: a full GC throws away inline caches and shrinks the young generation, and the run
        // after it pays several times its steady-state cost. Rotation spreads every contender's GC debt evenly.
        await tick();
        const t0 = performance.now();
        await c.run(f.chunks, f.expected);
        const ms = performance.now() - t0;
        if (measured) samples[f.n][c.name].push(ms);
      }
    }
    process.stderr.write(`  ${kind}: round ${round + 1}/${WARMUP_ROUNDS + ROUNDS}${measured ? '' : ' (warm-up)'}\n`);
  }
  return samples;
}

/** Peak heap above the post-GC baseline while one run reads the stream, sampled at every chunk. */
async function peakHeap(run, f) {
  gc();
  await tick();
  const base = heapUsed();
  let peak = base;
  const sample = () => {
    const used = heapUsed();
    if (used > peak) peak = used;
  };
  const result = await run(f.chunks, f.expected, sample);
  sample();
  return { peakBytes: peak - base, result };
}

function summarize(kind, contenders, fixtures, samples, peaks) {
  const rows = [];
  for (const f of fixtures) {
    const floorMs = median(samples[f.n].floor);
    const sdkMs = samples[f.n].sdk ? median(samples[f.n].sdk) : undefined;
    for (const c of contenders) {
      const ms = median(samples[f.n][c.name]);
      rows.push({
        kind,
        n: f.n,
        events: f.events,
        bytes: f.bytes,
        contender: c.name,
        medianMs: round2(ms),
        minMs: round2(Math.min(...samples[f.n][c.name])),
        maxMs: round2(Math.max(...samples[f.n][c.name])),
        eventsPerSecond: Math.round(f.events / (ms / 1000)),
        nsPerEvent: round2((ms * 1e6) / f.events),
        timeVsFloor: round2(ms / floorMs),
        throughputVsSdk: sdkMs === undefined ? null : round2(sdkMs / ms),
        peakHeapMB: round2(peaks[f.n][c.name] / 2 ** 20),
        samplesMs: samples[f.n][c.name].map(round2),
      });
    }
  }
  return rows;
}

const round2 = (x) => Math.round(x * 100) / 100;

function printTable(title, rows) {
  console.log(`\n${title}`);
  const header = ['N', 'events', 'contender', 'events/s', 'ms (median)', 'ns/event', 'time vs floor', 'throughput vs SDK', 'peak heap MB'];
  const lines = rows.map((r) => [
    String(r.n),
    String(r.events),
    r.contender,
    r.eventsPerSecond.toLocaleString('en-US'),
    r.medianMs.toFixed(1),
    r.nsPerEvent.toFixed(0),
    `${r.timeVsFloor.toFixed(2)}x`,
    r.throughputVsSdk === null ? '-' : `${r.throughputVsSdk.toFixed(2)}x`,
    r.peakHeapMB.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w, i) => (i < 3 ? ':' : '-') + '-'.repeat(w) + (i < 3 ? '-' : ':')).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
}

/** Heap retained by the final state of a 100,000-delta run (the state kept, everything else collected). */
async function retainedMemory(n) {
  const stream = assistantRunStream(n);
  const f = { chunks: toChunks(stream.text, CHUNK_SIZE), expected: { text: stream.expectedText } };
  const measure = async (run, keep) => {
    gc();
    await tick();
    gc();
    const before = heapUsed();
    let kept = keep(await run(f.chunks, f.expected));
    await tick();
    gc();
    await tick();
    gc();
    const after = heapUsed();
    const bytes = after - before;
    const json = kept.json();
    kept = undefined;
    return { retainedBytes: bytes, finalJsonBytes: json };
  };
  const library = await measure(libraryAssistants, ({ state, messages }) => ({
    state,
    messages,
    json: () => Buffer.byteLength(JSON.stringify({ messages, runSteps: state.runSteps })),
  }));
  const sdk = await measure(sdkAssistants, ({ stream, messages }) => ({ stream, messages, json: () => library.finalJsonBytes }));
  return {
    n,
    library: { ...library, ratio: round2(library.retainedBytes / library.finalJsonBytes) },
    sdk: { ...sdk, note: 'the AssistantStream object kept (it holds its snapshots and listeners)' },
  };
}

async function suite(kind, contenders, make) {
  const fixtures = SIZES.map((n) => {
    const s = make(n);
    return { n, events: s.events, bytes: Buffer.byteLength(s.text), chunks: toChunks(s.text, CHUNK_SIZE), expected: { text: s.expectedText } };
  });
  process.stderr.write(`${kind}: ${fixtures.map((f) => `N=${f.n} (${f.events} events, ${(f.bytes / 2 ** 20).toFixed(1)} MiB)`).join(', ')}\n`);
  // Correctness first: every contender must read every stream right.
  for (const f of fixtures) for (const c of contenders) await c.run(f.chunks, f.expected);
  const samples = await timeAll(kind, contenders, fixtures);
  const peaks = {};
  for (const f of fixtures) {
    peaks[f.n] = {};
    for (const c of contenders) peaks[f.n][c.name] = (await peakHeap(c.run, f)).peakBytes;
  }
  return summarize(kind, contenders, fixtures, samples, peaks);
}

const env = environment();
console.log(`rx-openai-stream benchmark: node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}), ${env.platform}`);
console.log(`rounds: ${ROUNDS} measured after ${WARMUP_ROUNDS} warm-up; sizes ${SIZES.join(', ')}; ${CHUNK_SIZE}-byte chunks`);

const results = { environment: env, config: { rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, sizes: SIZES, chunkSize: CHUNK_SIZE, quick }, notes: [] };

if (ONLY === 'all' || ONLY === 'assistants') {
  const rows = await suite(
    'assistants',
    [
      { name: 'floor', run: floor },
      { name: 'library', run: libraryAssistants },
      { name: 'library-client', run: libraryClientAssistants },
      { name: 'sdk', run: sdkAssistants },
    ],
    (n) => assistantRunStream(n, { spaced: SPACED }),
  );
  results.assistants = rows;
  printTable(`Assistants run stream (200 tool-call deltas + N text deltas${SPACED ? ', spaced JSON' : ''})`, rows);
  if (SIZES.includes(100000)) {
    results.retained = await retainedMemory(100000);
    const r = results.retained.library;
    console.log(
      `\nRetained after a 100,000-delta run (final state kept, after GC): ${(r.retainedBytes / 2 ** 20).toFixed(2)} MiB ` +
        `for ${(r.finalJsonBytes / 2 ** 20).toFixed(2)} MiB of final messages + run steps as JSON (${r.ratio.toFixed(2)}x); ` +
        `SDK (AssistantStream kept): ${(results.retained.sdk.retainedBytes / 2 ** 20).toFixed(2)} MiB`,
    );
  }
}

if (ONLY === 'all' || ONLY === 'chat') {
  const chat = libraryChat();
  const contenders = [{ name: 'floor', run: floor }];
  if (chat.run) contenders.push({ name: 'library', run: chat.run });
  else {
    const note = `chat: library skipped: ${chat.missing}`;
    console.log(`\nNote: ${note}`);
    results.notes.push(note);
  }
  contenders.push({ name: 'sdk', run: sdkChat });
  const rows = await suite('chat', contenders, (n) => chatCompletionStream(n));
  results.chat = rows;
  printTable(`Chat Completions chunk stream (N content chunks)${chat.run ? ` [final: ${chat.finalName}()]` : ''}`, rows);
}

if (ONLY === 'all' || ONLY === 'responses') {
  const rows = await suite(
    'responses',
    [
      { name: 'floor', run: floor },
      { name: 'library', run: libraryResponses },
      { name: 'library-client', run: libraryClientResponses },
      { name: 'sdk', run: sdkResponses },
    ],
    (n) => responsesStream(n),
  );
  results.responses = rows;
  printTable('Responses stream (N output_text deltas)', rows);
}

// Targets (Assistants, see docs/performance.md).
if (results.assistants) {
  const row = (n, c) => results.assistants.find((r) => r.n === n && r.contender === c);
  const targets = [];
  if (row(20000, 'library')) {
    const lib = row(20000, 'library');
    targets.push({ target: 'N=20,000: library time <= 1.5x floor', value: lib.timeVsFloor, limit: 1.5, pass: lib.timeVsFloor <= 1.5 });
    targets.push({ target: 'N=20,000: library throughput >= 4x SDK', value: lib.throughputVsSdk, limit: 4, pass: lib.throughputVsSdk >= 4 });
  }
  if (row(5000, 'library') && row(100000, 'library')) {
    const growth = round2(row(100000, 'library').nsPerEvent / row(5000, 'library').nsPerEvent);
    targets.push({ target: 'per-event cost N=100,000 / N=5,000 <= 1.3x', value: growth, limit: 1.3, pass: growth <= 1.3 });
  }
  if (results.retained) {
    const ratio = results.retained.library.ratio;
    targets.push({ target: 'retained after 100,000 deltas <= 3x final JSON', value: ratio, limit: 3, pass: ratio <= 3 });
  }
  results.targets = targets;
  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.value}`);
  const client = row(20000, 'library-client');
  if (client) {
    console.log(`  (not a target) N=20,000 through the client: ${client.timeVsFloor}x floor, ${client.throughputVsSdk}x SDK`);
  }
}

if (!args.includes('--no-latency')) {
  results.latency = await runLatency({ quick });
  printLatency(results.latency);
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('\nwrote bench/results/latest.json');

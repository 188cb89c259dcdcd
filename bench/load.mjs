// Load: many concurrent paced run streams over loopback, each client kind in its own process.
//
//   npm run bench:load                          # = npm run build && node bench/load.mjs (3 rounds of about 50 s)
//   node bench/load.mjs --streams=1000 --words=40 --delta-ms=100 --event-ms=100 --timeout-s=180 --rounds=3 [--clients=floor,library,sdk]
//   LOAD_CHILD_NODE_ARGS='--cpu-prof --cpu-prof-dir=bench/results' node bench/load.mjs --clients=library --rounds=1   # profile a client
//   node bench/load.mjs --clients=floor,library --warm-batches=3   # measured after 3 batches of the same streams
//                                               # in the same process (its code compiled and optimised)
//   LOAD_CHILD_NODE_ARGS='--trace-opt --trace-deopt' LOAD_CHILD_OUTPUT_DIR=/tmp/load node bench/load.mjs --rounds=1
//                                               # what V8 printed in each child, kept in /tmp/load/<client>-<round>.txt
//   LOAD_CHILD_NODE_ARGS=--single-threaded node bench/load.mjs --rounds=4   # V8's compiler and GC on the main thread:
//                                               # steadier CPU times, to compare the work of two builds
//   RX_OPENAI_STREAM_BASE_DIST=file:///tmp/base/dist/esm/index.js node bench/load.mjs --clients=floor,base,library --rounds=5
//                                               # a change against another build (`base`), in alternating rounds
//
// For each client run the parent starts a fresh emulator (rx-openai-stream/testing, on 127.0.0.1) with paced
// streams, creates one assistant and `streams` threads, then runs the client in a fresh child process; the clients
// run one after the other, in reverse order every other round. A child
// opens `streams` run streams at once (`POST /threads/{id}/runs`, `stream: true`), checks that each one's text is
// the scripted answer in full, and reports its CPU time (user + sys, from just before the first request to the
// last stream's end; on Linux also split into the main thread, which runs the JavaScript, and the helper threads,
// mostly V8's optimising compiler and garbage collection) and its peak RSS. Clients:
//   - floor:   global fetch + eventsource-parser + JSON.parse, text accumulated from `thread.message.delta`;
//   - floor-abortable: (diagnostic) the floor with an AbortSignal per request, as any client that can stop a request
//              before its headers passes: what Node's fetch charges for that alone;
//   - library: createAssistantsClient().threads.runs.stream(...).pipe(textDeltas());
//   - source:  (diagnostic) fetch + assistantEvents(response).pipe(textDeltas()): the library's source without the client;
//   - sdk:     the official SDK's client.beta.threads.runs.stream(...) with a `textDelta` listener, awaiting `done()`.
// Everything is bounded: a fixed number of streams, and each child is killed after `timeout-s` seconds.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const STREAMS = Number(args.streams ?? 1000);
const WORDS = Number(args.words ?? 40);
// 100 ms per event: 1,000 streams then ask for about 10,000 events a second, which every client keeps up with, so each
// event is read on its own. At 10 ms per event (100,000 a second) the run saturates: events queue, a client that
// falls behind reads several per chunk, and its CPU per event follows the run's timing more than its code
// (docs/performance.md, "At a pace a client keeps up with").
const DELTA_MS = Number(args['delta-ms'] ?? 100);
const EVENT_MS = Number(args['event-ms'] ?? 100);
const TIMEOUT_S = Number(args['timeout-s'] ?? 180);
const CLIENTS = (args.clients ?? 'floor,library,sdk').split(',');
// Batches of all the streams each client child runs before the measured one (each thread then has had that many
// runs before): 0 measures a fresh process, as a server's first streams; more, a process whose code V8 has already
// compiled and optimised. Their CPU is reported as `warmCpuMs`; peak RSS covers them too.
const WARM_BATCHES = Number(args['warm-batches'] ?? 0);
if (!Number.isInteger(WARM_BATCHES) || WARM_BATCHES < 0) throw new Error(`--warm-batches must be a whole number (got ${args['warm-batches']})`);
// Rounds of all the clients, one after the other, every other round in reverse order (floor, library, sdk, sdk,
// library, floor, ...): the ratios of each round compare runs made close together, which a machine whose load
// changes needs. The targets are judged on the median of the rounds' ratios: a single round's ratio moved by 0.1 to
// 0.2 between runs here, which is as much as the margin it is judged by.
const ROUNDS = Number(args.rounds ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive integer (got ${args.rounds})`);
if (new Set(CLIENTS).size !== CLIENTS.length) throw new Error(`--clients names a client twice (${CLIENTS.join(',')})`);
const DIST = process.env.RX_OPENAI_STREAM_DIST ?? new URL('../dist/esm/index.js', import.meta.url).href;

// Where to keep each child's whole output (V8's tracing flags print to it), as `<client>-<round>.txt`.
const OUTPUT_DIR = process.env.LOAD_CHILD_OUTPUT_DIR;

if (args.client) await child(args.client);
else await parent();

async function parent() {
  const { startEmulator } = await import(new URL('../dist/esm/testing/index.js', import.meta.url).href);
  // Every client run meets an emulator in the same state: a fresh one, with its own assistant and threads. (One
  // emulator for all the runs grew by a run and a message per thread and run, so each client met a busier
  // emulator than the one before it: in a round, the library always came after the floor, and later rounds
  // were slower for all of them.)
  const fresh = async () => {
    const emulator = await startEmulator({ pacing: { eventMs: EVENT_MS, deltaMs: DELTA_MS }, statusStepMs: 5 });
    const post = async (path, body) => {
      const response = await fetch(`${emulator.url}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer load', 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const assistant = await post('/assistants', { model: 'gpt-4o' });
    const threads = [];
    for (let i = 0; i < STREAMS; i++) {
      const words = Array.from({ length: WORDS }, (_, w) => `word${(i * 7 + w) % 97}`).join(' ');
      const thread = await post('/threads', { messages: [{ role: 'user', content: `Stream ${i}: ${words}.` }] });
      threads.push({ id: thread.id, text: `You said: Stream ${i}: ${words}.` });
    }
    return { emulator, setup: { url: emulator.url, assistant: assistant.id, threads } };
  };
  const answerLength = `You said: Stream 0: ${Array.from({ length: WORDS }, (_, w) => `word${w % 97}`).join(' ')}.`.length;
  console.log(
    `load: ${STREAMS} concurrent run streams per client over 127.0.0.1, pacing ${EVENT_MS} ms per event / ${DELTA_MS} ms per delta, ` +
      `answers of about ${answerLength} characters, a fresh emulator per client run; node ${process.version}`,
  );
  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const roundRows = [];
    // Every other round in reverse order, so no client always runs after another.
    for (const client of round % 2 === 1 ? CLIENTS : [...CLIENTS].reverse()) {
      const { emulator, setup } = await fresh();
      try {
        const result = await runChild(client, setup, round);
        roundRows.push({ client, round, ...result });
        console.log(`  ${ROUNDS > 1 ? `round ${round} ` : ''}${client}: ${JSON.stringify(result)}`);
      } finally {
        await emulator.close();
      }
    }
    rows.push(...roundRows);
    report(roundRows, ROUNDS > 1 ? `round ${round}` : undefined);
  }
  if (ROUNDS > 1) {
    if (CLIENTS.includes('floor')) {
      console.log('');
      for (const client of CLIENTS.filter((c) => c !== 'floor')) {
        const cpu = ratios(client, 'floor', 'cpuMs');
        console.log(`${client} CPU vs floor per round: ${cpu.map((r) => r.toFixed(2) + 'x').join(', ')}; median ${median(cpu).toFixed(2)}x`);
      }
    }
    if (CLIENTS.includes('library') && CLIENTS.includes('sdk')) {
      const rss = ratios('library', 'sdk', 'peakRssMb');
      console.log(`library peak RSS vs SDK per round: ${rss.map((r) => r.toFixed(2) + 'x').join(', ')}; median ${median(rss).toFixed(2)}x`);
    }
  }
  // Each target whose two clients ran: with one round, its ratio; with more, the median of the rounds' ratios.
  const targets = [];
  if (CLIENTS.includes('library') && CLIENTS.includes('floor')) {
    const cpu = median(ratios('library', 'floor', 'cpuMs'));
    targets.push(`  ${cpu <= 1.1 ? 'PASS' : 'MISS'}  library CPU <= 1.1x floor: ${cpu.toFixed(2)}`);
  }
  if (CLIENTS.includes('library') && CLIENTS.includes('sdk')) {
    const rss = median(ratios('library', 'sdk', 'peakRssMb'));
    targets.push(`  ${rss <= 1 ? 'PASS' : 'MISS'}  library peak RSS <= SDK: ${rss.toFixed(2)}x the SDK's`);
  }
  if (targets.length > 0) console.log(`\nTargets${ROUNDS > 1 ? ` (medians of ${ROUNDS} rounds)` : ''}\n${targets.join('\n')}`);
  if (rows.some((row) => row.ok !== STREAMS)) process.exitCode = 1;

  /** Per round, `key` of `client` divided by `key` of `base` in the same round. */
  function ratios(client, base, key) {
    return rows
      .filter((row) => row.client === client)
      .map((row) => row[key] / rows.find((other) => other.client === base && other.round === row.round)[key]);
  }
}

/** The middle value, or the mean of the two middle ones for an even count. */
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report(rows, title) {
  const floor = rows.find((row) => row.client === 'floor');
  const sdk = rows.find((row) => row.client === 'sdk');
  console.log(
    `\n${title ? `${title}\n` : ''}| client | streams ok | wall s | CPU ms (user+sys) | CPU vs floor | main thread ms | helper threads ms | peak RSS MB | RSS vs SDK |`,
  );
  console.log('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const row of rows) {
    const cpu = floor ? (row.cpuMs / floor.cpuMs).toFixed(2) + 'x' : '';
    const rss = sdk ? (row.peakRssMb / sdk.peakRssMb).toFixed(2) + 'x' : '';
    console.log(
      `| ${row.client} | ${row.ok}/${STREAMS} | ${row.wallS} | ${row.cpuMs} | ${cpu} | ${row.mainCpuMs ?? ''} | ${row.helperCpuMs ?? ''} | ${row.peakRssMb} | ${rss} |`,
    );
  }
}

function runChild(client, setup, round) {
  return new Promise((resolve, reject) => {
    const proc = execFile(
      process.execPath,
      [...(process.env.LOAD_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []), fileURLToPath(import.meta.url), `--client=${client}`, `--warm-batches=${WARM_BATCHES}`],
      { timeout: TIMEOUT_S * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 28, env: { ...process.env } },
      (error, stdout, stderr) => {
        if (OUTPUT_DIR) {
          mkdirSync(OUTPUT_DIR, { recursive: true });
          writeFileSync(`${OUTPUT_DIR}/${client}-${round}.txt`, stdout + stderr);
        }
        if (error) return reject(new Error(`${client}: ${error.message}\n${stderr.slice(-4000)}`));
        // The result is the last line that is one (V8's tracing flags may print after it).
        resolve(JSON.parse(stdout.trim().split('\n').findLast((line) => line.startsWith('{"ok":'))));
      },
    );
    proc.stdin.end(JSON.stringify(setup));
  });
}

async function child(client) {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { url, assistant, threads } = JSON.parse(input);
  const stream = await contender(client, url, assistant);
  // With --warm-batches, the same streams run that many times first, each batch at once, unmeasured but for its CPU.
  const warmCpuMs = [];
  for (let batch = 0; batch < WARM_BATCHES; batch++) {
    const before = process.cpuUsage();
    await Promise.allSettled(threads.map((thread) => stream(thread.id)));
    const used = process.cpuUsage(before);
    warmCpuMs.push(Math.round((used.user + used.system) / 1000));
  }
  const threads0 = threadCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.allSettled(threads.map((thread) => stream(thread.id)));
  const wallS = ((performance.now() - t0) / 1000).toFixed(2);
  const cpu = process.cpuUsage(cpu0);
  const threads1 = threadCpuMs();
  let ok = 0;
  const failures = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled' && result.value === threads[i].text) ok++;
    else if (failures.length < 3) failures.push(result.status === 'rejected' ? String(result.reason) : `thread ${i}: wrong text`);
  });
  if (failures.length) console.error(failures.join('\n'));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const split = threads0 && threads1 ? cpuSplit(threads0, threads1) : {};
  const warm = WARM_BATCHES > 0 ? { warmCpuMs } : {};
  console.log(JSON.stringify({ ok, wallS: Number(wallS), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...split, peakRssMb, ...warm }));
}

/**
 * CPU ms (user + sys) of each thread of this process, by thread id, from Linux's `/proc/self/task/<tid>/stat`
 * (in clock ticks, 10 ms each here: `getconf CLK_TCK` says 100); `undefined` elsewhere. The main thread runs the
 * JavaScript; the others are V8's helpers (its optimising compiler and its parallel and concurrent garbage
 * collection) and libuv's.
 */
function threadCpuMs() {
  let tids;
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  const byThread = new Map();
  for (const tid of tids) {
    let stat;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile (V8's and libuv's helpers live as long as the process)
    }
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and
    // 13th of those.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return byThread;
}

/** The CPU of the main thread and of all the others between two {@link threadCpuMs} readings. */
function cpuSplit(before, after) {
  let mainCpuMs = 0;
  let helperCpuMs = 0;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid === process.pid) mainCpuMs += used;
    else helperCpuMs += used;
  }
  return { mainCpuMs, helperCpuMs };
}

/** `(threadId) => Promise<the run's text>` for one client kind. */
async function contender(client, url, assistant) {
  if (client === 'floor' || client === 'floor-abortable') {
    const { createParser } = await import('eventsource-parser');
    return async (threadId) => {
      const response = await fetch(`${url}/threads/${threadId}/runs`, {
        // Node's fetch registers every signal (a listener, a WeakRef and a FinalizationRegistry entry per request).
        ...(client === 'floor-abortable' ? { signal: new AbortController().signal } : {}),
        method: 'POST',
        headers: { authorization: 'Bearer load', 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify({ assistant_id: assistant, stream: true }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const parts = [];
      const parser = createParser({
        onEvent(event) {
          if (event.data === '[DONE]') return;
          const json = JSON.parse(event.data);
          if (event.event === 'thread.message.delta') {
            for (const block of json.delta.content ?? []) if (block.type === 'text') parts.push(block.text.value ?? '');
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
      return parts.join('');
    };
  }
  if (client === 'library' || client === 'base') {
    // `base`: another build of the library, to compare a change with what it changes (RX_OPENAI_STREAM_BASE_DIST).
    const lib = await import(client === 'base' ? process.env.RX_OPENAI_STREAM_BASE_DIST : DIST);
    const { lastValueFrom, toArray } = await import('rxjs');
    // A build from before the Assistants API left `createClient()` (`RX_OPENAI_STREAM_BASE_DIST`) has it there.
    const api = (lib.createAssistantsClient ?? lib.createClient)({ apiKey: 'load', baseURL: url, maxRetries: 0 });
    return async (threadId) =>
      (await lastValueFrom(api.threads.runs.stream(threadId, { assistant_id: assistant }).pipe(lib.textDeltas(), toArray()))).join('');
  }
  if (client === 'source') {
    // The library's source alone (no client): what the client's layers add is library minus this.
    const lib = await import(DIST);
    const { lastValueFrom, toArray } = await import('rxjs');
    return async (threadId) => {
      const response = await fetch(`${url}/threads/${threadId}/runs`, {
        method: 'POST',
        headers: { authorization: 'Bearer load', 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify({ assistant_id: assistant, stream: true }),
      });
      return (await lastValueFrom(lib.assistantEvents(response).pipe(lib.textDeltas(), toArray()))).join('');
    };
  }
  if (client === 'sdk') {
    const { default: OpenAI } = await import('openai');
    const api = new OpenAI({ apiKey: 'load', baseURL: url, maxRetries: 0, timeout: TIMEOUT_S * 1000 });
    return async (threadId) => {
      const parts = [];
      const stream = api.beta.threads.runs.stream(threadId, { assistant_id: assistant }).on('textDelta', (delta) => parts.push(delta.value ?? ''));
      await stream.done();
      return parts.join('');
    };
  }
  throw new Error(`unknown client ${client}`);
}

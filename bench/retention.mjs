// What keeping every text delta of a long run costs in memory: the library's `textDeltas()` (whose token events
// are read through the JSON template) against the floor (eventsource-parser + JSON.parse), both keeping every
// fragment, and both keeping every `thread.message.delta` event.
//
//   npm run build && node --expose-gc bench/retention.mjs [--n=200000] [--short]
//   RX_OPENAI_STREAM_DIST=/path/to/other/dist/esm/index.js node --expose-gc bench/retention.mjs   # another build
//
// Tokens are 24 to 33 characters by default (V8 makes a substring of 13 characters or more a view of its parent,
// so these are the fragments a view would pin the event text and its decoded chunk with); `--short` uses the
// benchmark's vocabulary (1 to 12 characters) instead.
import { createParser } from 'eventsource-parser';
import { filter, lastValueFrom, tap } from 'rxjs';
import { assistantRunStream, chunkStream, sseResponse, toChunks } from './generate.mjs';

const lib = await import(process.env.RX_OPENAI_STREAM_DIST ?? '../dist/esm/index.js');
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const n = Number(args.n ?? 200_000);
const words = !('short' in args) ? Array.from({ length: n }, (_, i) => ` a longer token, number ${i}`) : undefined;
const stream = assistantRunStream(n, words ? { words } : {});
const chunks = toChunks(stream.text);

function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

async function floor(keep) {
  const parser = createParser({
    onEvent(event) {
      if (event.event !== 'thread.message.delta') return;
      const json = JSON.parse(event.data);
      keep(json, json.delta.content[0].text.value);
    },
  });
  const reader = chunkStream(chunks).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
}

async function library(keep) {
  await lastValueFrom(
    lib.assistantEvents(sseResponse(chunks)).pipe(
      filter((event) => event.event === 'thread.message.delta'),
      tap((event) => keep(event, event.data.delta.content[0].text.value)),
    ),
  );
}

async function measure(name, what) {
  const kept = [];
  const before = heap();
  await { floor, library }[name](what === 'fragments' ? (_event, text) => kept.push(text) : (event) => kept.push(event));
  const retained = heap() - before;
  if (kept.length !== n) throw new Error(`${name}: kept ${kept.length} of ${n}`);
  if (what === 'fragments' && kept.join('') !== stream.expectedText) throw new Error(`${name}: wrong text`);
  return retained;
}

if (args.case) {
  // One measurement per process, so nothing of another one is still on the heap.
  const [name, what] = args.case.split(':');
  console.log(JSON.stringify({ retained: await measure(name, what) }));
} else {
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const rows = [];
  for (const name of ['floor', 'library']) {
    for (const what of ['fragments', 'events']) {
      const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2), `--case=${name}:${what}`], { encoding: 'utf8' });
      const { retained } = JSON.parse(out.trim().split('\n').at(-1));
      rows.push({ contender: name, kept: `${n} ${what}`, 'retained MB': Number((retained / 2 ** 20).toFixed(1)) });
    }
  }
  console.log(`retained after one ${n}-delta run (tokens ${words ? '24-33' : '1-12'} characters), node ${process.version}`);
  console.table(rows);
}

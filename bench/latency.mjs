// Latency of rx-openai-stream, against the floor and the official SDK:
//
// - unsubscribe-to-abort: a real HTTP server on 127.0.0.1 streams a run slowly; the client unsubscribes after a
//   few deltas; measured from `unsubscribe()` (SDK: `abort()`, floor: `reader.cancel()`) to the server seeing the
//   connection close.
// - time to first delta: the run's preamble is fed and processed, then one chunk carrying the first
//   `thread.message.delta` is enqueued; measured from the enqueue to the text leaving `textDeltas()` (floor: to
//   `JSON.parse` of that event's data; SDK: to its `textDelta` listener).
//
//   node --expose-gc bench/latency.mjs [--quick]       (also run by bench/run.mjs)

import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { share } from 'rxjs';
import { assistantRunStream } from './generate.mjs';
import { lib } from './implementations.mjs';

const encoder = new TextEncoder();
const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (xs) => ({
  samples: xs.length,
  medianUs: Math.round(quantile(xs, 0.5) * 1000),
  p90Us: Math.round(quantile(xs, 0.9) * 1000),
  maxUs: Math.round(Math.max(...xs) * 1000),
});

/** The preamble of a run (everything before the first text delta) and the first delta event, as SSE text. */
function runParts() {
  const { text } = assistantRunStream(4);
  const firstDelta = text.indexOf('event: thread.message.delta');
  const secondDelta = text.indexOf('event: thread.message.delta', firstDelta + 1);
  return {
    preamble: text.slice(0, firstDelta),
    firstDelta: text.slice(firstDelta, secondDelta),
    delta: text.slice(secondDelta, text.indexOf('event: thread.message.delta', secondDelta + 1)),
  };
}

// ---- unsubscribe-to-abort --------------------------------------------------------------------------------------

async function withSlowServer(fn) {
  const { preamble, delta } = runParts();
  let onClose = () => {};
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(preamble);
    const timer = setInterval(() => res.write(delta), 10);
    res.on('close', () => {
      clearInterval(timer);
      onClose(performance.now());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    return await fn(url, (listener) => (onClose = listener));
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Starts one streamed request with `start`, stops it after 3 deltas with the function it returns; ms to close. */
function abortOnce(url, setOnClose, start) {
  return new Promise((resolve, reject) => {
    let stoppedAt;
    const timeout = setTimeout(() => reject(new Error('the server never saw the connection close')), 5000);
    setOnClose((closedAt) => {
      clearTimeout(timeout);
      resolve(closedAt - stoppedAt);
    });
    let deltas = 0;
    let stop;
    const onDelta = () => {
      if (++deltas !== 3) return;
      stoppedAt = performance.now();
      stop();
    };
    Promise.resolve(start(url, onDelta))
      .then((s) => (stop = s))
      .catch(reject);
  });
}

const abortContenders = {
  floor: async (url, onDelta) => {
    const response = await fetch(`${url}/v1/threads/thread_123/runs`, { method: 'POST' });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (e) => {
        if (e.event === 'thread.message.delta') {
          JSON.parse(e.data);
          onDelta();
        }
      },
    });
    let cancelled = false;
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || cancelled) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    })().catch(() => {});
    return () => {
      cancelled = true;
      reader.cancel().catch(() => {});
    };
  },
  library: async (url, onDelta) => {
    const response = await fetch(`${url}/v1/threads/thread_123/runs`, { method: 'POST' });
    const subscription = lib.assistantEvents(response).pipe(lib.textDeltas()).subscribe({ next: onDelta, error: () => {} });
    return () => subscription.unsubscribe();
  },
  sdk: async (url, onDelta) => {
    const client = new OpenAI({ apiKey: 'x', baseURL: `${url}/v1`, maxRetries: 0 });
    const stream = client.beta.threads.runs.stream('thread_123', { assistant_id: 'asst_123' });
    stream.on('textDelta', onDelta);
    stream.on('error', () => {});
    stream.finalMessages().catch(() => {});
    return () => stream.abort();
  },
};

async function unsubscribeToAbort(iterations) {
  return withSlowServer(async (url, setOnClose) => {
    const samples = Object.fromEntries(Object.keys(abortContenders).map((k) => [k, []]));
    const names = Object.keys(abortContenders);
    for (let i = 0; i < iterations + 2; i++) {
      for (const name of names) {
        const ms = await abortOnce(url, setOnClose, abortContenders[name]);
        if (i >= 2) samples[name].push(ms);
        await sleep(5);
      }
    }
    return Object.fromEntries(names.map((n) => [n, stats(samples[n])]));
  });
}

// ---- time to first delta --------------------------------------------------------------------------------------

/** A ReadableStream fed by hand, and its controller. */
function manualStream() {
  let controller;
  const stream = new ReadableStream({ start: (c) => void (controller = c) });
  return { stream, controller };
}

// Each contender calls `onReady` once it has handled the preamble's last event (`thread.message.in_progress`),
// and `onFirst` when the first text comes out.
const PREAMBLE_END = 'thread.message.in_progress';

const firstDeltaContenders = {
  floor: (stream, onFirst, onReady) => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (e) => {
        const json = JSON.parse(e.data);
        if (e.event === PREAMBLE_END) onReady();
        if (e.event === 'thread.message.delta') onFirst(json);
      },
    });
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    })();
    return () => reader.cancel().catch(() => {});
  },
  library: (stream, onFirst, onReady) => {
    const events$ = lib.assistantEvents(new Response(stream)).pipe(share());
    const subs = [
      events$.pipe(lib.textDeltas()).subscribe({ next: onFirst, error: () => {} }),
      events$.pipe(lib.accumulateSnapshots()).subscribe({
        next: (state) => state.currentEvent?.event === PREAMBLE_END && onReady(),
        error: () => {},
      }),
      events$.pipe(lib.finalMessages()).subscribe({ error: () => {} }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  },
  sdk: (stream, onFirst, onReady) => {
    const client = new OpenAI({
      apiKey: 'x',
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
      fetch: async () => new Response(stream, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const s = client.beta.threads.runs.stream('thread_123', { assistant_id: 'asst_123' });
    s.on('textDelta', onFirst);
    s.on('event', (e) => e.event === PREAMBLE_END && onReady());
    s.on('error', () => {});
    s.finalMessages().catch(() => {});
    return () => s.abort();
  },
};

async function firstDeltaOnce(contender, preambleBytes, deltaBytes) {
  const { stream, controller } = manualStream();
  let resolveFirst;
  const first = new Promise((resolve) => (resolveFirst = resolve));
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  let firstAt;
  const stop = contender(
    stream,
    () => {
      if (firstAt === undefined) {
        firstAt = performance.now();
        resolveFirst();
      }
    },
    () => resolveReady(),
  );
  controller.enqueue(preambleBytes);
  await ready; // the preamble is read and handled: the contender waits on its next read
  await tick();
  const t0 = performance.now();
  controller.enqueue(deltaBytes);
  await first;
  stop();
  return firstAt - t0;
}

async function timeToFirstDelta(iterations) {
  const { preamble, firstDelta } = runParts();
  const preambleBytes = encoder.encode(preamble);
  const deltaBytes = encoder.encode(firstDelta);
  const names = Object.keys(firstDeltaContenders);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  const warmup = 50;
  for (let i = 0; i < warmup + iterations; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      const ms = await firstDeltaOnce(firstDeltaContenders[name], preambleBytes, deltaBytes);
      if (i >= warmup) samples[name].push(ms);
    }
  }
  const result = Object.fromEntries(names.map((n) => [n, stats(samples[n])]));
  result.libraryOverheadUs = result.library.medianUs - result.floor.medianUs;
  return result;
}

/** Runs both latency measurements. */
export async function runLatency({ quick = false } = {}) {
  const abort = await unsubscribeToAbort(quick ? 10 : 30);
  const firstDelta = await timeToFirstDelta(quick ? 200 : 1000);
  return { unsubscribeToAbort: abort, timeToFirstDelta: firstDelta };
}

/** Prints what {@link runLatency} measured. */
export function printLatency(latency) {
  const table = (title, rows) => {
    console.log(`\n${title}`);
    console.log('| contender | samples | median µs | p90 µs | max µs |');
    console.log('|:--|--:|--:|--:|--:|');
    for (const [name, s] of Object.entries(rows)) {
      if (typeof s !== 'object') continue;
      console.log(`| ${name} | ${s.samples} | ${s.medianUs} | ${s.p90Us} | ${s.maxUs} |`);
    }
  };
  table('Unsubscribe-to-abort (HTTP on 127.0.0.1: stop call -> server sees the socket close)', latency.unsubscribeToAbort);
  table('Time to first delta (chunk enqueued -> first text out)', latency.timeToFirstDelta);
  console.log(`  library overhead over the floor (medians): ${latency.timeToFirstDelta.libraryOverheadUs} µs`);
}

// Run as a script (not imported by bench/run.mjs): Node gives import.meta.url the real path, so the command's is resolved too.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const latency = await runLatency({ quick: process.argv.includes('--quick') });
  printLatency(latency);
}

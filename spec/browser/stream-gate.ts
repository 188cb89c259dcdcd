/**
 * A hold on the upstream event streams a relay reads, for tests that act mid-answer without racing a paced
 * stream: the relay's client fetches through `gate.fetch`, and `gate.hold(n)` arms a hold for the next event
 * stream it opens. That stream passes through up to the end of its `n`th text delta event (`*.output_text.delta`),
 * then nothing more until `release()`. The relay and the browser see an upstream that pauses mid-answer, at a point
 * the test fixes, for as long as the test acts; the bytes are the upstream's, in order, none added or left out.
 *
 * @example
 * const gate = streamGate();
 * const relay = await startRelay({ ..., upstream: { apiKey, baseURL: emulator.url, fetch: gate.fetch } });
 * const hold = gate.hold(3);
 * // ... the browser asks; its answer shows three deltas and waits ...
 * hold.release(); // the rest of the answer follows
 */
export interface StreamGate {
  /** A `fetch` for the relay's client: the global one, with the armed holds applied to event streams. */
  readonly fetch: typeof fetch;
  /** Holds the next event stream after its `deltas`th text delta event (armed holds apply in order). */
  hold(deltas: number): Hold;
  /** Releases every hold (for `afterEach`: a failed test must not leave a stream held). */
  releaseAll(): void;
}

export interface Hold {
  /** Resolves when the stream reached the hold (its first `deltas` text deltas passed on, the rest waiting). */
  readonly reached: Promise<void>;
  /** Lets the rest of the stream through. */
  release(): void;
}

interface Armed extends Hold {
  readonly deltas: number;
  readonly released: Promise<void>;
  arrive(): void;
}

export function streamGate(): StreamGate {
  const armed: Armed[] = [];
  const all: Armed[] = [];

  const gated = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) return response;
    const hold = armed.shift();
    if (!hold) return response;
    return new Response(holdAfter(response.body, hold), { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return {
    fetch: gated as typeof fetch,
    hold(deltas) {
      let release!: () => void;
      let arrive!: () => void;
      const released = new Promise<void>((done) => (release = done));
      const reached = new Promise<void>((done) => (arrive = done));
      const hold: Armed = { deltas, released, reached, release, arrive };
      armed.push(hold);
      all.push(hold);
      return { reached, release };
    },
    releaseAll() {
      armed.length = 0;
      for (const hold of all.splice(0)) hold.release();
    },
  };
}

const DELTA_EVENT = /^event: [a-z_.]*output_text\.delta$/m;
const LF = 10;

/** `body`, passed on whole up to the end of its `hold.deltas`th text delta event, the rest after `hold.released`. */
function holdAfter(body: ReadableStream<Uint8Array>, hold: Armed): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let phase: 'counting' | 'held' | 'open' = 'counting';
  let seen = 0;
  /** Counting: the bytes of a block not complete yet. Held: the bytes after the hold point. */
  let rest = new Uint8Array(0);
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (phase === 'held') {
        await hold.released;
        if (cancelled) return;
        phase = 'open';
        const held = rest;
        rest = new Uint8Array(0);
        if (held.length > 0) {
          controller.enqueue(held);
          return;
        }
      }
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          if (rest.length > 0) controller.enqueue(rest);
          controller.close();
          return;
        }
        if (phase === 'open') {
          controller.enqueue(value);
          return;
        }
        const bytes = concat(rest, value);
        // Complete blocks (each ends with an empty line), counted until the hold point.
        let end = 0;
        for (let at = 1; at < bytes.length; at++) {
          if (bytes[at] !== LF || bytes[at - 1] !== LF) continue;
          const block = decoder.decode(bytes.subarray(end, at + 1));
          end = at + 1;
          if (DELTA_EVENT.test(block) && ++seen === hold.deltas) {
            phase = 'held';
            break;
          }
        }
        rest = bytes.slice(end);
        if (end > 0) controller.enqueue(bytes.slice(0, end));
        if (phase === 'held') {
          hold.arrive();
          return;
        }
        if (end > 0) return;
      }
    },
    cancel: (reason) => {
      cancelled = true;
      return reader.cancel(reason);
    },
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/**
 * The gate angular-chat.spec.ts holds answers with (./stream-gate.ts): the bytes pass unchanged and in order, in any
 * chunking; an armed hold stops a stream right after its nth text delta event until released; other streams and
 * other responses pass as they are.
 */
import { streamGate } from './stream-gate';

const STREAM =
  'event: response.created\ndata: {"type":"response.created"}\n\n' +
  Array.from({ length: 6 }, (_, i) => `event: response.output_text.delta\ndata: {"delta":"wörd ${i} "}\n\n`).join('') +
  'event: response.completed\ndata: {"type":"response.completed"}\n\n';
const BYTES = new TextEncoder().encode(STREAM);

/** A `fetch` answering an event stream of `BYTES` in chunks of `size` bytes (or JSON, for `json: true`). */
function upstream(size: number, json = false): typeof fetch {
  return (async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < BYTES.length; at += size) controller.enqueue(BYTES.slice(at, at + size));
          controller.close();
        },
      }),
      { headers: { 'content-type': json ? 'application/json' : 'text/event-stream; charset=utf-8' } },
    )) as typeof fetch;
}

/** Reads `response` whole; `onChunk` sees the text so far after every chunk. */
async function readAll(response: Response, onChunk: (text: string) => void = () => {}): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    onChunk(text);
  }
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

it.each([1, 2, 7, 64, BYTES.length])('holds after the nth text delta until release(), then passes the rest: the same bytes (chunks of %i)', async (size) => {
  globalThis.fetch = upstream(size);
  const gate = streamGate();
  const hold = gate.hold(3);
  const response = await gate.fetch('http://upstream.invalid/v1/responses', { method: 'POST' });
  let released = false;
  // Released a few turns after the hold is reached: a reader asking meanwhile gets nothing more.
  void hold.reached.then(() =>
    setTimeout(() => {
      released = true;
      hold.release();
    }, 5),
  );
  let atHold: string | undefined;
  let beyondHoldUnreleased = false;
  const text = await readAll(response, (soFar) => {
    const deltas = soFar.split('output_text.delta').length - 1;
    if (atHold === undefined && deltas === 3) atHold = soFar;
    if (soFar.length > (atHold ?? soFar).length && !released) beyondHoldUnreleased = true;
  });
  expect(text).toBe(STREAM);
  // What came before the release ends with the third delta's block: nothing of the fourth.
  const third = STREAM.indexOf('\n\n', STREAM.indexOf('"wörd 2 "')) + 2;
  expect(atHold).toBe(STREAM.slice(0, third));
  expect(beyondHoldUnreleased).toBe(false);
});

it('holds only armed event streams, in order; JSON answers pass as they are', async () => {
  const gate = streamGate();
  globalThis.fetch = upstream(BYTES.length, true);
  expect(await readAll(await gate.fetch('http://upstream.invalid/'))).toBe(STREAM); // JSON: not held, not counted
  const first = gate.hold(1);
  globalThis.fetch = upstream(BYTES.length);
  const held = await gate.fetch('http://upstream.invalid/');
  expect(await readAll(await gate.fetch('http://upstream.invalid/'))).toBe(STREAM); // the next stream: not armed
  const reading = readAll(held);
  await first.reached;
  gate.releaseAll();
  expect(await reading).toBe(STREAM);
});

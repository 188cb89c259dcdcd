import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of recorded streams copied from ../shared/fixtures. */
export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Names of the `.sse` files in a fixture folder (`assistants`, `chat-completions`, `responses`). */
export function fixtureNames(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.sse'))
    .sort();
}

/** The bytes of a recorded stream. */
export function fixtureBytes(folder: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, folder, name)));
}

/** The JSON values of an event stream's `data:` lines, `[DONE]` left out (a recording's events or chunks). */
export function dataValuesOf<T = unknown>(bytes: Uint8Array): T[] {
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as T);
}

/** Splits bytes at the given cut points (sorted, deduplicated, inside the array). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/** Splits bytes into chunks of `size` bytes. */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/**
 * `chunksOf(bytes, size)` at both ends of a long body, its middle in `edge`-sized pieces: the first and the last
 * `edge` bytes (8 KiB by default) are split every `size` bytes, the many lines between them cost a few chunks
 * instead of one per byte. For a recording whose middle holds only kinds of lines its ends hold too (a long Chat
 * Completions answer: the same content deltas, with or without `obfuscation`; its start and end carry the role,
 * the finish reason, usage and `[DONE]`), so every kind of line is still cut at every offset; random splits over
 * the whole body cover the middle. A body up to `2 × edge` long is `chunksOf(bytes, size)`.
 *
 * @example
 * const parts = chunksAtEdges(fixtureBytes('chat-recorded', 'openai-text-obfuscation.sse'), 1);
 */
export function chunksAtEdges(bytes: Uint8Array, size: number, edge = 8192): Uint8Array[] {
  if (bytes.length <= 2 * edge) return chunksOf(bytes, size);
  const tail = bytes.length - edge;
  return [...chunksOf(bytes.subarray(0, edge), size), ...chunksOf(bytes.subarray(edge, tail), edge), ...chunksOf(bytes.subarray(tail), size)];
}

/** A ReadableStream that yields the chunks (each as its own copy) and records whether it was cancelled. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> & { cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!.slice());
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return Object.assign(stream, { cancelled: () => cancelled });
}

/** An async generator over the chunks. */
export async function* iterableOf<T>(chunks: readonly T[]): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk;
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The published OpenAPI examples of Assistants run streams (spec/fixtures/assistants) carry two typos: the data
 * of some `thread.run.*` events ends with one `}` too many (not JSON), and one event lost its `data: ` prefix
 * (a bare `{...}` line, which SSE ignores, so that event never arrives). The files stay as published (tests feed
 * them as they are and expect the typed failure); this returns the bytes with exactly those typos undone, for
 * tests of everything else. Any other defect is left as it is, so it still fails loudly.
 */
export function withPublishedTypoFixed(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const fixed = text
    .split('\n')
    .map((line) => (line.startsWith('{') ? `data: ${line}` : line))
    .map((line) => {
      if (!line.startsWith('data: {')) return line;
      const data = line.slice(6);
      if (parses(data) || !data.endsWith('}}') || !parses(data.slice(0, -1))) return line;
      return `data: ${data.slice(0, -1)}`;
    })
    .join('\n');
  return encode(fixed);
}

/** The names of the events whose data is not JSON, in order. */
export function eventsWithInvalidJson(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes);
  return text
    .split(/\n\n/)
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: (.*)$/m.exec(block)?.[1] }))
    .filter(({ data }) => data !== undefined && data !== '[DONE]' && !parses(data))
    .map(({ event }) => event ?? 'message');
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

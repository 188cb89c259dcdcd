/** Raw HTTP helpers for the emulator specs (no SDK): requests with the usual headers, SSE parsing. */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Emulator } from '../../src/testing/index.js';

/** One SSE block: its event name and data. */
export interface Block {
  event: string | undefined;
  data: string;
}

/** Splits an SSE body into blocks (comments dropped; data lines joined by `\n`). */
export function parseSse(text: string): Block[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((raw) => raw.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      event: lines.find((line) => line.startsWith('event:'))?.slice('event:'.length).trim(),
      data: lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).replace(/^ /, ''))
        .join('\n'),
    }));
}

/** The event names of a stream with runs of the same delta event collapsed into one. */
export function collapsedNames(blocks: readonly Block[]): string[] {
  const names: string[] = [];
  for (const block of blocks) {
    const name = block.event ?? '(none)';
    if (name.endsWith('.delta') && names[names.length - 1] === name) continue;
    names.push(name);
  }
  return names;
}

/** The blocks of a recorded fixture (spec/fixtures/assistants/<name>.sse). */
export function fixtureBlocks(name: string): Block[] {
  return parseSse(readFileSync(join(__dirname, '..', 'fixtures', 'assistants', `${name}.sse`), 'utf8'));
}

/** Headers of an authenticated Assistants request. */
export const HEADERS = { authorization: 'Bearer test', 'openai-beta': 'assistants=v2', 'content-type': 'application/json' };

/** A raw request to the emulator (JSON body), with the usual headers unless overridden. */
export function call(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...HEADERS, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** A raw request whose JSON reply is returned (with the status). */
export async function json<T = any>(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await call(emulator, method, path, body, headers);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

/** Creates an assistant and a thread with one user message; returns their ids. */
export async function setup(
  emulator: Emulator,
  text: string,
  tools: unknown[] = [],
): Promise<{ assistantId: string; threadId: string }> {
  const assistant = await json(emulator, 'POST', '/assistants', { model: 'gpt-4o', tools });
  const thread = await json(emulator, 'POST', '/threads', { messages: [{ role: 'user', content: text }] });
  return { assistantId: assistant.body.id, threadId: thread.body.id };
}

/** The function tool the specs use. */
export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
  },
};

/** What a raw `node:http` client saw of a response. */
export interface Observed {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** How many chunks arrived. */
  chunks: number;
  /** `end`: the body ended cleanly; `reset`: the connection broke; `open`: still open after `openMs` of silence. */
  ending: 'end' | 'reset' | 'open';
}

/**
 * POSTs with `node:http` and watches the response: resolves when it ends, breaks, or has sent nothing but
 * comments for `openMs` (the client then closes it), or, with `enough`, as soon as what it saw is enough (then
 * `ending` is `open` too, and the client closes it).
 */
export function observe(
  emulator: Emulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  openMs = 150,
  enough?: (seen: Observed) => boolean,
): Promise<Observed> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${emulator.url}${path}`);
    const req = request(url, { method: 'POST', headers: { ...HEADERS, ...headers } }, (res) => {
      const seen: Observed = { status: res.statusCode ?? 0, headers: res.headers, text: '', chunks: 0, ending: 'open' };
      let timer = setTimeout(() => finish('open'), openMs);
      const finish = (ending: Observed['ending']) => {
        clearTimeout(timer);
        if (ending === 'open') req.destroy();
        resolve({ ...seen, ending });
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        seen.text += chunk;
        seen.chunks++;
        if (enough?.(seen)) return finish('open');
        if (chunk.startsWith(':')) return; // comments do not count as activity
        clearTimeout(timer);
        timer = setTimeout(() => finish('open'), openMs);
      });
      res.on('end', () => finish('end'));
      res.on('error', () => finish('reset'));
      res.on('aborted', () => finish('reset'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(JSON.stringify(body));
  });
}

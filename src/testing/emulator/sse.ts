/**
 * Server-sent events as the API writes them: `event: <name>` and `data: <json>` lines, a blank line after each
 * block; comments start with `:`. Assistants streams end with `event: done` / `data: [DONE]`, Chat Completions
 * streams with a bare `data: [DONE]`.
 */

/**
 * One block of a stream: an optional event name and the data text (JSON, or `[DONE]`).
 *
 * @example
 * const block: SseEvent = { event: 'thread.run.created', data: '{"id":"run_1"}' };
 */
export interface SseEvent {
  readonly event?: string | undefined;
  readonly data: string;
}

/**
 * The data of the block that ends a stream.
 *
 * @example
 * if (block.data === DONE_DATA) end();
 */
export const DONE_DATA = '[DONE]';

/**
 * The headers of an event stream response.
 *
 * @example
 * writer.head(200, SSE_HEADERS);
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/**
 * A block with its data serialized now (so later changes to `data` do not show).
 *
 * @example
 * sseEvent('thread.run.created', run); // { event: 'thread.run.created', data: '{"id":"run_..."}' }
 * sseEvent(undefined, chunk); // a Chat Completions block (no event line)
 */
export function sseEvent(event: string | undefined, data: unknown): SseEvent {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return event === undefined ? { data: text } : { event, data: text };
}

/**
 * The `obfuscation` of the `n`th chunk or delta event: padding characters, as the live API puts on its streamed
 * deltas (from 2 to 13 of them, the same on every run).
 *
 * @example
 * sseEvent(undefined, { ...chunk, obfuscation: obfuscation(3) });
 */
export function obfuscation(n: number): string {
  return 'Qup1BsQ3xXxv2CE8'.slice(0, 2 + ((n * 5) % 12));
}

/**
 * The assistants stream's last block: `event: done` / `data: [DONE]`.
 *
 * @example
 * sink.send(ASSISTANTS_DONE);
 */
export const ASSISTANTS_DONE: SseEvent = { event: 'done', data: DONE_DATA };

/**
 * The text of a block: one `data:` line per line of data, then a blank line.
 *
 * @example
 * formatSse({ event: 'done', data: '[DONE]' }); // 'event: done\ndata: [DONE]\n\n'
 */
export function formatSse(block: SseEvent): string {
  const eventLine = block.event === undefined ? '' : `event: ${block.event}\n`;
  const dataLines = block.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${eventLine}${dataLines}\n`;
}

/**
 * A comment block (ignored by clients, keeps connections alive).
 *
 * @example
 * formatComment('keep-alive'); // ': keep-alive\n\n'
 */
export function formatComment(text: string): string {
  return `: ${text}\n\n`;
}

/**
 * Where a route sends the blocks of its stream. Faults decide what reaches the client.
 *
 * @example
 * const sink = ctx.openEventStream();
 * sink.send(sseEvent('thread.created', thread));
 * sink.send(ASSISTANTS_DONE);
 * sink.end();
 */
export interface EventSink {
  send(block: SseEvent): void;
  end(): void;
  /** Whether the response is over (the client left, or a fault ended it); sends are then ignored. */
  readonly closed: boolean;
  /** Calls `fn` once the response is over. */
  onClose(fn: () => void): void;
}

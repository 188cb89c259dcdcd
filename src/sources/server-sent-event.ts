/**
 * One event of a `text/event-stream` body: the `event:` name (absent for unnamed events), the `data:` text
 * (several `data:` lines joined by `\n`) and the last `id:`. Comments and `retry:` lines never become events.
 *
 * @example
 * const sse: ServerSentEvent = { event: 'thread.run.created', data: '{"id":"run_1"}' };
 */
export interface ServerSentEvent {
  event?: string | undefined;
  data: string;
  id?: string | undefined;
}

/**
 * Whether a `Content-Type` header value names an event stream. Media types are case-insensitive
 * (`Text/Event-Stream; charset=utf-8` is one too).
 *
 * @internal
 * @example
 * isEventStreamType(response.headers.get('content-type')); // true for 'text/event-stream; charset=utf-8'
 */
export function isEventStreamType(contentType: string | null | undefined): boolean {
  return contentType != null && contentType.toLowerCase().includes('text/event-stream');
}

/**
 * Whether an event's data, or a line of newline-delimited JSON, is whole: JSON that parses, or the `[DONE]` that
 * ends a stream. For the last one of a body that ended without its line end: not whole, the body was cut in it.
 *
 * @internal
 * @example
 * isWholeJson('{"a": 1}'); // true
 * isWholeJson('{"a": '); // false
 */
export function isWholeJson(text: string): boolean {
  if (text === '[DONE]') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

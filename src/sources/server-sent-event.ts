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

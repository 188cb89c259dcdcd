import { defer, type Observable } from 'rxjs';
import { StreamParseError } from '../errors/stream-errors.js';
import type { BodyCheck } from './body-checks.js';
import { eventTimeouts } from './event-timeouts.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResponseContext } from './transport.js';

/**
 * A JSON body with the response headers (polling reads `openai-poll-after-ms`).
 *
 * @example
 * client.threads.runs.retrieveWithHeaders(runId, { thread_id })
 *   .subscribe(({ data, headers }) => console.log(data.status, headers.get('openai-poll-after-ms')));
 */
export interface WithHeaders<T> {
  readonly data: T;
  readonly headers: Headers;
}

/**
 * Reads a JSON body, checked by `check` when one is given (a field the client reads that is broken fails with
 * {@link StreamParseError}; everything else passes as it came). With `empty`, an empty body (a 2xx with nothing in
 * it, as the API describes `DELETE /responses/{id}`'s answer) gives `empty()`.
 *
 * @internal
 * @example
 * transport.request(spec, options, readJSON(runCheck));
 * transport.request(spec, options, readJSON(responseDeletedCheck, () => ({ id, deleted: true })));
 */
export function readJSON<T>(check?: BodyCheck<T>, empty?: () => T): (response: Response, context: ResponseContext) => Observable<T> {
  return (response, { where }) =>
    defer(async () => {
      const text = await response.text();
      return empty !== undefined && text.trim() === '' ? empty() : decodeJSON(text, check, where);
    });
}

/**
 * Like {@link readJSON}, keeping the response headers.
 *
 * @internal
 * @example
 * transport.request(spec, options, readJSONWithHeaders(runCheck));
 */
export function readJSONWithHeaders<T>(check?: BodyCheck<T>): (response: Response, context: ResponseContext) => Observable<WithHeaders<T>> {
  return (response, { where }) => defer(async () => ({ data: decodeJSON(await response.text(), check, where), headers: response.headers }));
}

/** The body's JSON, checked; `where` (the request's method and path, never its query) names it in an error. */
function decodeJSON<T>(text: string, check: BodyCheck<T> | undefined, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StreamParseError(`Invalid JSON in the response body of ${where}`, { data: text, cause });
  }
  const issue = check?.(json);
  if (issue) throw new StreamParseError(`Schema violation (${issue.message}) in the response body of ${where}`, { data: text, path: issue.path });
  // The parsed JSON itself, unknown fields included.
  return json as T;
}

/**
 * The shared part of reading any event stream: parsing with `parse`, and the idle and first-event timeouts (without
 * a `firstEventTimeout`, the first event is awaited for the idle timeout, or with `firstEventDefault: 'request'` for
 * the request's `timeout`).
 *
 * A body labelled as something else than an event stream (a proxy that relabelled a live stream, or buffered one and
 * sent it whole) is read as one all the same, event by event as it arrives, by `parse` (the typed sources do, see
 * `fromSSE()`): the call was made and answered with its events, and a fallback would make it a second time. A body
 * that is no event stream (JSON, a page) fails with `StreamNotEstablishedError` showing its start.
 *
 * @internal
 * @example
 * readEventStream(response, options, chatCompletionChunks, () => 'chunk');
 */
export function readEventStream<T>(
  response: Response,
  options: ResolvedClientOptions,
  parse: (response: Response) => Observable<T>,
  nameOf: (value: T) => string,
  firstEventDefault?: 'idle' | 'request',
): Observable<T> {
  const idle = options.idleTimeout;
  const first = options.firstEventTimeout ?? (firstEventDefault === 'request' ? options.timeout : idle);
  return parse(response).pipe(eventTimeouts(first, idle, nameOf, options.scheduler));
}

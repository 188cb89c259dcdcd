import { APIConnectionError, APIError } from '../errors/api-errors.js';
import { StreamTimeoutError } from '../errors/stream-errors.js';

/** HTTP statuses worth another try: the server said it did not process the request, or was overloaded. */
const RETRYABLE_STATUSES: ReadonlySet<number> = /* @__PURE__ */ new Set([408, 409, 429]);

/**
 * Whether a failed attempt may be retried. Only failures before the response was accepted qualify: an error
 * status the API defines as transient (408, 409, 429, 5xx) or no response at all; an `x-should-retry` header of
 * `true` or `false` decides over the status. A 429 whose error is `insufficient_quota` (its `code`, or its `type`
 * alone: the account's quota or billing, not a rate) is not transient: no retry would succeed, and retrying only
 * delays the error by the backoffs (the SDK retries it). Reading a 2xx response is never retried, because the
 * server may already have created a run. A headers or body timeout is retried only for GET, where repeating cannot
 * create anything.
 *
 * @internal
 * @example
 * isRetryable(new RateLimitError(429, headers, body), 'POST'); // true
 */
export function isRetryable(error: unknown, method: string): boolean {
  if (error instanceof APIError) {
    // The API may say itself (`x-should-retry: true` or `false`), over what its status suggests, as the SDK obeys it.
    const said = error.headers.get('x-should-retry');
    // The API wrote `insufficient_quota` as the error's type alone (`code: null`) before it wrote the code too.
    const quota = error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
    const transient = !quota && (RETRYABLE_STATUSES.has(error.status) || error.status >= 500);
    return said === 'true' || (said !== 'false' && transient);
  }
  if (error instanceof APIConnectionError) return true;
  if (error instanceof StreamTimeoutError) return (error.kind === 'headers' || error.kind === 'body') && method === 'GET';
  return false;
}

/**
 * Whether the API said not to retry this failure (`x-should-retry: false`). A run call that failed so may still
 * have created its run: it is looked up, though not sent again.
 *
 * @internal
 * @example
 * if (!isRetryable(error, 'POST') && saidNotToRetry(error) && mayHaveCreated(error)) lookUpTheRun();
 */
export function saidNotToRetry(error: unknown): boolean {
  return error instanceof APIError && error.headers.get('x-should-retry') === 'false';
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry): the server's `retry-after-ms`, else
 * `retry-after` (seconds or an HTTP date), when it is a sensible wait (at most 60 s); otherwise exponential
 * backoff from 0.5 s, doubling, capped at 8 s, with up to 25% jitter downwards so clients spread out.
 *
 * @internal
 * @example
 * retryDelayMs(0, new Headers({ 'retry-after-ms': '250' })); // 250
 */
export function retryDelayMs(attempt: number, headers: Headers | undefined, random: () => number = Math.random): number {
  const fromServer = serverDelayMs(headers);
  if (fromServer !== undefined) return fromServer;
  const base = Math.min(500 * 2 ** attempt, 8000);
  return Math.round(base * (1 - 0.25 * random()));
}

function serverDelayMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0 && ms <= 60_000) return ms;
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  const seconds = Number.parseFloat(after);
  if (Number.isFinite(seconds)) return seconds >= 0 && seconds <= 60 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  const wait = date - Date.now();
  return wait >= 0 && wait <= 60_000 ? wait : undefined;
}

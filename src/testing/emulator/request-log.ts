/**
 * The request log: one {@link RequestRecord} per HTTP request, with how its exchange ended, and a way to wait
 * for a request to arrive or to end.
 */
import { randomBytes } from 'node:crypto';
import { describeMatch, matchesRequest, validateMatch, type FaultKind, type RequestMatch } from './faults.js';

/**
 * How an exchange ended: the response finished, the client went away first, or the emulator cut it.
 *
 * @example
 * expect((await record.ended).outcome).toBe('client-closed');
 */
export type RequestOutcome = 'finished' | 'client-closed' | 'server-closed';

/**
 * One request as the emulator saw it. Fields fill in as the exchange goes on.
 *
 * @example
 * const record = await emulator.waitForRequest({ method: 'POST', path: /\/runs$/ });
 * await record.ended;
 * expect(record.clientClosed).toBe(true);
 */
export interface RequestRecord {
  /** The `x-request-id` of the response (`req_...`). */
  readonly id: string;
  readonly method: string;
  /** The path without the query (`/v1/threads/thread_1/runs`). */
  readonly path: string;
  /** The query string without `?` (`''` when none). */
  readonly query: string;
  /**
   * The request's headers as sent, names in lower case (a header sent several times: its values joined by `, `).
   * Nothing is hidden: `authorization` holds the key the client sent (`'Bearer sk-test'`), so tests can check which
   * key, project (`openai-project`), organization (`openai-organization`), retry count (`x-stainless-retry-count`,
   * as the official SDK sends it) or custom header a call carried.
   *
   * @example
   * const record = await emulator.waitForRequest({ method: 'POST', path: '/responses' });
   * expect(record.headers['authorization']).toBe('Bearer sk-test');
   * expect(record.headers['openai-project']).toBe('proj_123');
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body: `{}` for a request without one (a GET); `undefined` until read, and for multipart or unreadable bodies. */
  readonly body: unknown;
  /** The response status, once sent. */
  readonly status: number | undefined;
  /** Whether the response is an event stream. */
  readonly streamed: boolean;
  /** The faults applied to the request. */
  readonly faults: readonly FaultKind[];
  /** The request's `Idempotency-Key` header, if it had one. */
  readonly idempotencyKey: string | undefined;
  /**
   * The key of the request's `Authorization: Bearer <key>` header, if it had one (to check which key or token a
   * client sent with each request). Known from the time the request is read.
   */
  readonly apiKey: string | undefined;
  /** Whether it was answered from an earlier request with the same `Idempotency-Key` (nothing was created). */
  readonly replayed: boolean;
  /** When the request arrived (ms since the epoch). */
  readonly startedAt: number;
  /** When the exchange ended, if it did. */
  readonly endedAt: number | undefined;
  /** How the exchange ended, if it did. */
  readonly outcome: RequestOutcome | undefined;
  /** Whether the client closed the connection before the response finished. */
  readonly clientClosed: boolean;
  /** Resolves with this record when the exchange ends (however it ends). */
  readonly ended: Promise<RequestRecord>;
}

/**
 * A {@link RequestMatch} that may also pick the nth matching request, only look at requests logged after a point,
 * and give up after a time or on a signal.
 *
 * @example
 * await emulator.waitForRequest({ method: 'GET', path: /\/runs\/run_/, nth: 2 }); // the second poll
 * const mark = emulator.requests.length;
 * await callUnderTest();
 * await emulator.waitForRequest({ method: 'POST', path: '/responses', after: mark, timeout: 2000 });
 */
export interface RequestQuery extends RequestMatch {
  /**
   * Which matching request (1 = the first, default), counted from the start of the log, or from `after`.
   *
   * @example
   * await emulator.waitForRequest({ path: '/responses', nth: 2 }); // the retry
   */
  readonly nth?: number | undefined;
  /**
   * Only requests logged after this point: a record of the log (the requests that arrived after it), or a number
   * of records to skip (`emulator.requests.length`: only requests still to come). Without it, the whole log since
   * the start (or the last `reset()`) counts.
   *
   * @example
   * const first = await emulator.waitForRequest({ path: '/responses' });
   * const retry = await emulator.waitForRequest({ path: '/responses', after: first });
   */
  readonly after?: RequestRecord | number | undefined;
  /**
   * Rejects after this many milliseconds without a match, with an error naming the query and what the log holds.
   * Default: no time limit (the wait still ends, rejected, when the emulator is reset or closed).
   *
   * @example
   * await emulator.waitForRequest({ path: '/responses', timeout: 1000 });
   */
  readonly timeout?: number | undefined;
  /**
   * Rejects with the signal's reason when it aborts.
   *
   * @example
   * const controller = new AbortController();
   * const waiting = emulator.waitForRequest({ path: '/responses', signal: controller.signal });
   * controller.abort();
   */
  readonly signal?: AbortSignal | undefined;
}

const QUERY_KEYS: ReadonlySet<string> = new Set(['method', 'path', 'nth', 'after', 'timeout', 'signal']);

/**
 * The mutable record the server keeps (users see it as a {@link RequestRecord}).
 *
 * @example
 * const record = new MutableRequestRecord('GET', '/v1/threads/thread_1', '');
 * record.end('finished');
 */
export class MutableRequestRecord implements RequestRecord {
  readonly id = `req_${randomBytes(16).toString('hex')}`;
  body: unknown = undefined;
  status: number | undefined = undefined;
  streamed = false;
  faults: FaultKind[] = [];
  idempotencyKey: string | undefined = undefined;
  apiKey: string | undefined = undefined;
  replayed = false;
  readonly startedAt = Date.now();
  endedAt: number | undefined = undefined;
  outcome: RequestOutcome | undefined = undefined;
  readonly ended: Promise<RequestRecord>;
  #resolve!: (record: RequestRecord) => void;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly query: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    this.ended = new Promise((resolve) => (this.#resolve = resolve));
  }

  get clientClosed(): boolean {
    return this.outcome === 'client-closed';
  }

  /** Records the end of the exchange (the first call wins). */
  end(outcome: RequestOutcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.endedAt = Date.now();
    this.#resolve(this);
  }
}

/**
 * Every request an emulator received, oldest first. A request is logged when it arrives; waiters see it once it
 * was read (its body and `Idempotency-Key` recorded), or once it was answered or closed without being read.
 *
 * @example
 * const log = new RequestLog();
 * const record = log.start('GET', '/v1/threads/thread_1', '');
 * log.read(record);
 * await log.waitFor({ path: '/threads/thread_1' }); // record
 */
export class RequestLog {
  readonly records: MutableRequestRecord[] = [];
  readonly #read = new WeakSet<RequestRecord>();
  #waiters: Waiter[] = [];
  #closed = false;

  /** Logs a new request. */
  start(method: string, path: string, query: string, headers: Readonly<Record<string, string>> = {}): MutableRequestRecord {
    const record = new MutableRequestRecord(method, path, query, headers);
    this.records.push(record);
    return record;
  }

  /** Marks a request as read (the first call counts): the waiters whose match it is resolve with it. */
  read(record: MutableRequestRecord): void {
    if (this.#read.has(record)) return;
    this.#read.add(record);
    for (const waiter of [...this.#waiters]) {
      const found = this.#found(waiter.query, waiter.skip);
      if (found) waiter.settle(() => waiter.resolve(found));
    }
  }

  /**
   * Resolves with the request matching `query` (the nth match in the order of arrival, after `query.after`),
   * already logged or yet to come, once it was read. Rejects on `query.timeout`, `query.signal`, {@link reset} and
   * {@link close}.
   */
  waitFor(query: RequestQuery = {}): Promise<RequestRecord> {
    let skip: number;
    try {
      skip = this.#validate(query);
    } catch (error) {
      return Promise.reject(error);
    }
    const found = this.#found(query, skip);
    if (found) return Promise.resolve(found);
    if (this.#closed) return Promise.reject(new Error(`${describeQuery(query)}: the emulator is closed.`));
    if (query.signal?.aborted) return Promise.reject(query.signal.reason);
    return new Promise<RequestRecord>((resolve, reject) => {
      const cleanups: Array<() => void> = [];
      const waiter: Waiter = {
        query,
        skip,
        resolve,
        reject,
        settle: (fn) => {
          this.#waiters = this.#waiters.filter((other) => other !== waiter);
          for (const cleanup of cleanups) cleanup();
          fn();
        },
      };
      this.#waiters.push(waiter);
      if (query.timeout !== undefined) {
        const timer = setTimeout(() => {
          const seen = this.records.map((record) => `${record.method} ${record.path}`);
          const logged = seen.length === 0 ? 'no request' : `${seen.length} request(s): ${seen.slice(-10).join(', ')}`;
          waiter.settle(() => reject(new Error(`${describeQuery(query)} timed out after ${query.timeout} ms; the log holds ${logged}.`)));
        }, query.timeout);
        cleanups.push(() => clearTimeout(timer));
      }
      const signal = query.signal;
      if (signal) {
        const onAbort = (): void => waiter.settle(() => reject(signal.reason));
        signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', onAbort));
      }
    });
  }

  /** Empties the log (in place: `emulator.requests` stays the same array); pending waits reject. */
  reset(): void {
    this.records.length = 0;
    this.#rejectAll((query) => `${describeQuery(query)}: the emulator was reset before a matching request arrived.`);
  }

  /** Rejects every pending wait, and every later one that finds no match in the log. */
  close(): void {
    this.#closed = true;
    this.#rejectAll((query) => `${describeQuery(query)}: the emulator closed before a matching request arrived.`);
  }

  #rejectAll(message: (query: RequestQuery) => string): void {
    for (const waiter of [...this.#waiters]) waiter.settle(() => waiter.reject(new Error(message(waiter.query))));
  }

  /** Checks a query; returns how many records of the log to skip. */
  #validate(query: RequestQuery): number {
    if (typeof query !== 'object' || query === null) throw new TypeError('waitForRequest: the query is an object.');
    for (const key of Object.keys(query)) {
      if (!QUERY_KEYS.has(key)) {
        throw new TypeError(`waitForRequest: unknown query key '${key}' (known: ${[...QUERY_KEYS].join(', ')}).`);
      }
    }
    validateMatch({ method: query.method, path: query.path }, 'waitForRequest');
    const { nth, after, timeout, signal } = query;
    if (nth !== undefined && !(Number.isInteger(nth) && nth >= 1)) {
      throw new TypeError(`waitForRequest: 'nth' must be a whole number from 1, got ${String(nth)}.`);
    }
    if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0 && Number.isFinite(timeout))) {
      throw new TypeError(`waitForRequest: 'timeout' must be a number of milliseconds (0 or more), got ${String(timeout)}.`);
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError("waitForRequest: 'signal' must be an AbortSignal.");
    }
    if (after === undefined) return 0;
    if (typeof after === 'number') {
      if (!(Number.isInteger(after) && after >= 0)) {
        throw new TypeError(`waitForRequest: 'after' must be a record of the log or a whole number of records (0 or more), got ${after}.`);
      }
      return after;
    }
    const index = this.records.indexOf(after as MutableRequestRecord);
    if (index === -1) {
      throw new TypeError(
        "waitForRequest: 'after' is a record that is not in this emulator's log (was the emulator reset since?).",
      );
    }
    return index + 1;
  }

  #found(query: RequestQuery, skip: number): RequestRecord | undefined {
    const matching = this.records.slice(skip).filter((candidate) => matchesRequest(query, candidate));
    const record = matching[(query.nth ?? 1) - 1];
    return record && this.#read.has(record) ? record : undefined;
  }
}

interface Waiter {
  readonly query: RequestQuery;
  readonly skip: number;
  readonly resolve: (record: RequestRecord) => void;
  readonly reject: (error: unknown) => void;
  /** Removes the waiter, clears its timer and signal listener, then runs `fn`. */
  readonly settle: (fn: () => void) => void;
}

function describeQuery(query: RequestQuery): string {
  const nth = query.nth !== undefined ? `, nth: ${query.nth}` : '';
  const after = query.after !== undefined ? `, after: ${typeof query.after === 'number' ? query.after : query.after.id}` : '';
  return `waitForRequest(${describeMatch(query)}${nth}${after})`;
}

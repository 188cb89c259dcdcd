/**
 * The request log: one {@link RequestRecord} per HTTP request, with how its exchange ended, and a way to wait
 * for a request to arrive or to end.
 */
import { randomBytes } from 'node:crypto';
import { matchesRequest, type FaultKind, type RequestMatch } from './faults.js';

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
  /** The parsed JSON body (`undefined` until read, and for multipart or unreadable bodies). */
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
 * A {@link RequestMatch} that may also pick the nth matching request.
 *
 * @example
 * await emulator.waitForRequest({ method: 'GET', path: /\/runs\/run_/, nth: 2 }); // the second poll
 */
export interface RequestQuery extends RequestMatch {
  /** Which matching request (1 = the first, default). */
  readonly nth?: number;
}

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
  #waiters: Array<{ query: RequestQuery; resolve: (record: RequestRecord) => void }> = [];

  /** Logs a new request. */
  start(method: string, path: string, query: string): MutableRequestRecord {
    const record = new MutableRequestRecord(method, path, query);
    this.records.push(record);
    return record;
  }

  /** Marks a request as read (the first call counts): the waiters whose match it is resolve with it. */
  read(record: MutableRequestRecord): void {
    if (this.#read.has(record)) return;
    this.#read.add(record);
    this.#waiters = this.#waiters.filter((waiter) => {
      const found = this.#found(waiter.query);
      if (!found) return true;
      waiter.resolve(found);
      return false;
    });
  }

  /**
   * Resolves with the request matching `query` (the nth match in the order of arrival), already logged or yet to
   * come, once it was read.
   */
  waitFor(query: RequestQuery = {}): Promise<RequestRecord> {
    const found = this.#found(query);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ query, resolve }));
  }

  #found(query: RequestQuery): RequestRecord | undefined {
    const record = this.records.filter((candidate) => matchesRequest(query, candidate))[(query.nth ?? 1) - 1];
    return record && this.#read.has(record) ? record : undefined;
  }
}

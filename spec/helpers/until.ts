/**
 * Options of {@link until}.
 *
 * @example
 * const options: UntilOptions = { what: 'the request to end', everyMs: 20 };
 */
export interface UntilOptions {
  /** What is waited for, named in the error when the wait gives up. */
  readonly what?: string;
  /** How often the condition is checked (default 5 ms). */
  readonly everyMs?: number;
  /** When the wait gives up (default 10 s: before jest's test timeout, with a message that says what failed). */
  readonly timeoutMs?: number;
}

/**
 * Resolves once `condition()` holds, checked every `everyMs`; rejects with an error naming `what` when it does not
 * hold within `timeoutMs` (counted in checks, not read from a clock). For waits on something a test cannot
 * subscribe to (a server's record, a page's state read from Node); prefer waiting on an event when there is one.
 *
 * @example
 * await until(() => upstream.unsubscribed, { what: 'upstream to be unsubscribed' });
 */
export async function until(condition: () => boolean, { what = 'the condition', everyMs = 5, timeoutMs = 10_000 }: UntilOptions = {}): Promise<void> {
  for (let waited = 0; !condition(); waited += everyMs) {
    if (waited >= timeoutMs) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

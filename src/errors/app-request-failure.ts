import { OpenAIStreamError } from './base.js';
import { messageOf } from './excerpt.js';

/**
 * What a `fetch` given to the client rejects with when a request failed for a reason of the app's own, not of the
 * connection: `httpClientFetch()` (`rx-openai-stream/angular`) rejects with one when an Angular interceptor fails the
 * request with an error of its own (`throwError(() => new Error('not signed in'))`). The client then fails the call
 * with `reason` itself, at once: not an `APIConnectionError`, and never retried (another attempt would fail alike).
 * Code that calls `httpClientFetch()` directly, as a `fetch`, receives this error, with the app's error as `reason`
 * (and `cause`).
 *
 * @example
 * // in a fetch of yours, when the app refuses the request:
 * return Promise.reject(new AppRequestFailure(new Error('not signed in'), 'POST /v1/responses'));
 * // calling httpClientFetch yourself:
 * httpFetch(url, init).catch((e) => { if (e instanceof AppRequestFailure) showLogin(e.reason); });
 */
export class AppRequestFailure extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'AppRequestFailure';
  /** The app's error, as the client's caller receives it. */
  declare readonly reason: unknown;

  constructor(reason: unknown, where: string) {
    super(`The app failed the request (${where}): ${messageOf(reason)}`, { cause: reason });
    this.reason = reason;
  }
}

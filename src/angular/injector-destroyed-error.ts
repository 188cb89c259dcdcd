import { OpenAIStreamError } from '../errors/base.js';

/**
 * A request of `httpClientFetch()` given a `destroyRef` (as the client of `provideOpenAIStream()` is) met the end of
 * that injector: the app, or the child injector that provides the client, was destroyed. An exchange still open then
 * stops at once (the connection closes) and fails with this error; a request made afterwards (a retry, a resume,
 * a poll, a new call) is refused with it, without sending anything. It is never retried, and a stream that ends with
 * it is not taken for a cut to recover. `phase` says which: `'open'` (stopped while open) or `'refused'`.
 *
 * @example
 * // a service that streams outside any component, in an app that may be destroyed:
 * client.responses.stream(body).subscribe({
 *   error: (e) => { if (!(e instanceof InjectorDestroyedError)) report(e); }, // the app going away is no failure
 * });
 */
export class InjectorDestroyedError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'InjectorDestroyedError';
  /** The request (`POST https://example.test/v1/responses`). */
  readonly request: string;
  /** `'open'`: the exchange was under way and was stopped; `'refused'`: the request came later and was not sent. */
  readonly phase: 'open' | 'refused';

  /**
   * @example
   * new InjectorDestroyedError('POST https://example.test/v1/responses', 'refused');
   */
  constructor(request: string, phase: 'open' | 'refused') {
    super(
      phase === 'open'
        ? `The injector of the HttpClient was destroyed while the request was open; it was stopped (${request})`
        : `The injector of the HttpClient was destroyed; the request was not sent (${request})`,
    );
    this.request = request;
    this.phase = phase;
  }
}

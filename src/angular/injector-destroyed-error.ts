import { OpenAIStreamError } from '../errors/base.js';

/**
 * The injector that provides the client of `provideOpenAIStream()` was destroyed (`app.destroy()`, the end of a
 * server-side render, a child injector's `destroy()`): every call of that client still under way ends with this
 * error at once (an open request is aborted and its connection closes; a wait before a retry, a resume or a poll
 * ends), and later calls fail with it without sending anything. It is never retried, and a stream that ends with
 * it is not taken for a cut to recover. Streams that components and `streamSignals()` hold are unsubscribed with
 * their views before it, so they stop without it.
 *
 * @example
 * // a service that streams outside any component, in an app that may be destroyed:
 * client.responses.stream(body).subscribe({
 *   next: render,
 *   error: (e) => { if (!(e instanceof InjectorDestroyedError)) report(e); }, // the app going away is no failure
 * });
 */
export class InjectorDestroyedError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'InjectorDestroyedError';

  /**
   * @example
   * new InjectorDestroyedError(); // the reason the provided client's calls end with
   */
  constructor() {
    super('The injector that provides the client was destroyed: its calls ended, and nothing more is sent');
  }
}

/**
 * The base class of every error this library raises, so one `instanceof` check catches them all.
 *
 * @example
 * events$.subscribe({ error: (e) => { if (e instanceof OpenAIStreamError) report(e.name, e.message, e.requestId); } });
 */
export class OpenAIStreamError extends Error {
  /**
   * The `x-request-id` header of the HTTP response the error came from, to quote when asking OpenAI for help: an
   * error status ({@link APIError}), or what its body held or lacked (a stream's error event, a stream cut short, a
   * timeout, invalid JSON). Known for every request the client makes, and for a fetch `Response` a source read
   * (given, or returned by a factory); `undefined` when the server sent none, or the bytes came without headers.
   */
  declare readonly requestId?: string | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Each subclass spells its `name` out (minifiers rename classes); this covers users' own subclasses.
    this.name = new.target === OpenAIStreamError ? 'OpenAIStreamError' : new.target.name;
  }
}

/**
 * Gives `error`, when it is one of the library's and has no request id yet, the `x-request-id` of the response its
 * cause came from (`headers`, or the id itself). Returns `error`.
 *
 * @internal
 * @example
 * subscriber.error(withRequestId(error, response.headers));
 */
export function withRequestId<E>(error: E, from: Headers | string | undefined): E {
  if (error instanceof OpenAIStreamError && error.requestId === undefined && from !== undefined && Object.isExtensible(error)) {
    const id = typeof from === 'string' ? from : from.get('x-request-id');
    if (id) (error as { requestId?: string }).requestId = id;
  }
  return error;
}

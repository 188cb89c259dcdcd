/**
 * The base class of every error this library raises, so one `instanceof` check catches them all.
 *
 * @example
 * events$.subscribe({ error: (e) => { if (e instanceof OpenAIStreamError) report(e.name, e.message); } });
 */
export class OpenAIStreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // `name` comes from the concrete class, so logs say `StreamParseError: ...` rather than `Error: ...`.
    this.name = new.target.name;
  }
}

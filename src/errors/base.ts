/**
 * The base class of every error this library raises, so one `instanceof` check catches them all.
 *
 * @example
 * events$.subscribe({ error: (e) => { if (e instanceof OpenAIStreamError) report(e.name, e.message); } });
 */
export class OpenAIStreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Each subclass spells its `name` out (minifiers rename classes); this covers users' own subclasses.
    this.name = new.target === OpenAIStreamError ? 'OpenAIStreamError' : new.target.name;
  }
}

import { OpenAIStreamError } from './base.js';
import { excerpt } from './excerpt.js';

/**
 * A cut stream of a background response could not be resumed because the API no longer serves its events: the
 * resume request (`GET /responses/{id}?stream=true&starting_after=N`) was answered 400 or 404 (the resume
 * window ran out, or the response was deleted or expired). Every event before the cut was delivered; `cause`
 * holds the API's error.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi', background: true }).subscribe({
 *   error: (e) => e instanceof ResponseResumeExpiredError && console.warn(`fetch ${e.responseId} instead`, e.startingAfter),
 * });
 */
export class ResponseResumeExpiredError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ResponseResumeExpiredError';
  /** The response whose stream could not be resumed (`resp_...`). */
  readonly responseId: string;
  /** The `sequence_number` of the last event delivered (the `starting_after` the API refused). */
  readonly startingAfter: number;
  /** The start of the API's error message. */
  readonly excerpt: string;

  constructor(details: { responseId: string; startingAfter: number; cause: unknown }) {
    const said = excerpt(details.cause instanceof Error ? details.cause.message : String(details.cause));
    super(
      `The stream of response ${details.responseId} could not be resumed after event ${details.startingAfter}: ` +
        `the API no longer serves its events (${said})`,
      { cause: details.cause },
    );
    this.responseId = details.responseId;
    this.startingAfter = details.startingAfter;
    this.excerpt = said;
  }
}

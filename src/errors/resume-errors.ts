import type { Response } from '../wire/responses-api.js';
import { OpenAIStreamError } from './base.js';
import { excerpt, messageOf } from './excerpt.js';

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
  declare readonly responseId: string;
  /** The `sequence_number` of the last event delivered (the `starting_after` the API refused). */
  declare readonly startingAfter: number;
  /** The start of the API's error message. */
  declare readonly excerpt: string;

  constructor(details: { responseId: string; startingAfter: number; cause: unknown }) {
    const said = excerpt(messageOf(details.cause));
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

/**
 * The cut stream of a stored response (one not in the background) could not be completed because the API does
 * not serve the response: the client waits for it to settle with `GET /responses/{id}`, and that request was
 * answered 404 (an organization with zero data retention keeps no responses, a gateway may not forward the GET,
 * or the response was deleted). Every event before the cut was delivered; `reason` is the cut itself (an
 * `IncompleteStreamError` or `StreamTimeoutError`), `cause` the API's 404.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).subscribe({
 *   error: (e) => {
 *     if (e instanceof ResponseNotRetrievableError) console.warn(`cut after ${e.receivedEvents} events`, e.reason, e.cause);
 *   },
 * });
 */
export class ResponseNotRetrievableError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ResponseNotRetrievableError';
  /** The response whose stream was cut (`resp_...`). */
  declare readonly responseId: string;
  /** The `sequence_number` of the last event delivered. */
  declare readonly startingAfter: number;
  /** How many events the stream delivered before the cut. */
  declare readonly receivedEvents: number;
  /** The cut: the error that would have ended the stream without recovery. */
  declare readonly reason: unknown;
  /** The start of the API's error message. */
  declare readonly excerpt: string;

  constructor(details: { responseId: string; startingAfter: number; receivedEvents: number; reason: unknown; cause: unknown }) {
    const said = excerpt(messageOf(details.cause));
    const cut = messageOf(details.reason);
    super(
      `The stream of response ${details.responseId} was cut after ${details.receivedEvents} events and could not be ` +
        `completed: the API does not serve the response (${said}). The cut: ${cut}`,
      { cause: details.cause },
    );
    this.responseId = details.responseId;
    this.startingAfter = details.startingAfter;
    this.receivedEvents = details.receivedEvents;
    this.reason = details.reason;
    this.excerpt = said;
  }
}

/**
 * The cut stream of a stored response (one not in the background) could not be completed because the response as
 * it settled does not continue what the stream delivered: the text deltas of a part (or the fragments of a call's
 * arguments) delivered before the cut are not the start of the response's text there (a server that stored
 * another text than it streamed, or placed it elsewhere). The events that would complete the stream send each
 * text's rest after its first characters delivered, and would no longer add up to the response's text, so the cut
 * is reported; the settled response is kept (`response`), so nothing the server has is lost. Every event before
 * the cut was delivered; `reason` (and `cause`) is the cut itself (an `IncompleteStreamError` or
 * `StreamTimeoutError`).
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).subscribe({
 *   error: (e) => {
 *     if (e instanceof ResponseDivergedError) render(e.response.output); // the answer as the server has it
 *   },
 * });
 */
export class ResponseDivergedError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ResponseDivergedError';
  /** The response whose stream was cut (`resp_...`). */
  declare readonly responseId: string;
  /** The `sequence_number` of the last event delivered. */
  declare readonly startingAfter: number;
  /** How many events the stream delivered before the cut. */
  declare readonly receivedEvents: number;
  /** The cut: the error that would have ended the stream without recovery. */
  declare readonly reason: unknown;
  /** The response as it settled (`GET /responses/{id}`). */
  declare readonly response: Response;
  /** Where it does not continue what was delivered: `output[1].content[0].text`, `output[2].arguments`, `output[3]`. */
  declare readonly path: string;
  /** The start of the text delivered there, and of the response's (`none` when it has no text there). */
  declare readonly excerpt: string;

  constructor(details: {
    responseId: string;
    startingAfter: number;
    receivedEvents: number;
    reason: unknown;
    response: Response;
    path: string;
    delivered: string;
    stored: string | undefined;
  }) {
    const cut = messageOf(details.reason);
    const quoted = (text: string | undefined) => (text === undefined ? 'none' : JSON.stringify(excerpt(text, 80)));
    const said = `delivered ${quoted(details.delivered)}, the response has ${quoted(details.stored)}`;
    super(
      `The stream of response ${details.responseId} was cut after ${details.receivedEvents} events and could not be ` +
        `completed: the response as it settled does not continue what the stream delivered (${details.path}: ${said}). ` +
        `The cut: ${cut}`,
      { cause: details.reason },
    );
    this.excerpt = said;
    this.responseId = details.responseId;
    this.startingAfter = details.startingAfter;
    this.receivedEvents = details.receivedEvents;
    this.reason = details.reason;
    this.response = details.response;
    this.path = details.path;
  }
}

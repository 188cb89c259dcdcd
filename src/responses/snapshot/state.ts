import type { Response } from '../../wire/responses-api.js';

/**
 * What a Responses stream has told so far, as `accumulateResponse()` emits it after each event (the official
 * SDK's response snapshot): the {@link Response} of the latest lifecycle event (`response.created`,
 * `.in_progress`, `.completed`, ...) with every output item, content part, text, refusal, arguments and status
 * the events added since, and `output_text`, the text of every `output_text` part of every message, joined (the
 * SDK's convenience field; the API does not send it).
 *
 * Immutable: a snapshot is never changed after it is emitted, and output items an event did not touch keep their
 * identity from one snapshot to the next.
 *
 * @example
 * events$.pipe(accumulateResponse()).subscribe((snapshot) => render(snapshot.output_text));
 */
export type ResponseSnapshot = Response & { readonly output_text: string };

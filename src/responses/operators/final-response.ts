import { map, type OperatorFunction, pipe, reduce } from 'rxjs';
import { MissingResponseError, MissingStreamStartError } from '../../errors/stream-errors.js';
import type { ResponseStreamEvent } from '../../wire/responses-api.js';
import { NOTHING_PENDING, pendingTextReducer, settledSnapshot } from '../snapshot/pending-text.js';
import type { ResponseSnapshot } from '../snapshot/state.js';
import { readingWith } from '../../operators/reducing-operator.js';

/**
 * Emits once, when the stream completes: the final {@link ResponseSnapshot}, the response as the last lifecycle
 * event (`response.completed` or `response.incomplete`) carried it, with `output_text` (the same response the
 * official SDK's `ResponseStream.finalResponse()` gives, without its `output_parsed` / `parsed` /
 * `parsed_arguments` fields: parsed structured outputs come from `finalParsed()` and `parsedToolCalls()` of
 * `rx-openai-stream/structured`). The sources fail a stream cut before that event; a stream you end sooner
 * (`take(n)` before this operator) gives the snapshot it got to, `in_progress`, as the SDK resolves the latest
 * response after a clean end. Fails with
 * {@link MissingResponseError} when the stream carried no response; a stream that fails (a cut stream, a
 * `response.failed`) fails this too.
 *
 * A stream that began after its start (`client.responses.stream({ response_id, starting_after })`, whose events
 * before `starting_after` never arrive) gives the response of its terminal event, which carries it whole, as the
 * SDK's `finalResponse()` does after a resume; without such an event it fails with
 * {@link MissingStreamStartError}. A stream of several responses (the events of `runResponsesTools()`'s turns)
 * gives the last one.
 *
 * @example
 * import { responseEvents, finalResponse } from 'rx-openai-stream';
 *
 * responseEvents(response).pipe(finalResponse()).subscribe((r) => console.log(r.status, r.output_text, r.usage));
 */
export function finalResponse(): OperatorFunction<ResponseStreamEvent, ResponseSnapshot> {
  return pipe(
    // The reducer of `accumulateResponse()`, with the text deltas of one part applied together: the snapshots in
    // between are never seen here, so they are not made (see `pendingTextReducer`).
    reduce(readingWith(pendingTextReducer), NOTHING_PENDING),
    map((state) => {
      const snapshot = settledSnapshot(state);
      if (snapshot !== undefined) return snapshot;
      if (state.joinedAt !== undefined) throw new MissingStreamStartError('final', state.joinedAt);
      throw new MissingResponseError();
    }),
  );
}

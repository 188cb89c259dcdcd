import { filter, type OperatorFunction, pipe, scan } from 'rxjs';
import type { ResponseStreamEvent } from '../../wire/responses-api.js';
import { responseReducer } from '../snapshot/reducer.js';
import type { ResponseSnapshot } from '../snapshot/state.js';
import { readingWith } from '../../operators/reducing-operator.js';

/**
 * Accumulates a Responses stream into snapshots: one {@link ResponseSnapshot} per event once the response
 * exists (from its first lifecycle event, normally `response.created`), with every output item, content part,
 * text, refusal, function call arguments and status so far, and `output_text`. The pure
 * {@link responseReducer} in `scan`: snapshots are immutable and share unchanged output items, so `===` tells
 * what changed. Events before the response exists (none, in a well-formed stream) emit nothing.
 *
 * With logprobs asked for (`include: ['message.output_text.logprobs']`), each snapshot holds its own list of every
 * token's logprobs so far, so each delta copies the list: a long answer costs time in the square of its length
 * (`node bench/logprobs.mjs`). For the final response only, `finalResponse()` appends them once.
 *
 * @example
 * import { map, distinctUntilChanged } from 'rxjs';
 * import { accumulateResponse } from 'rx-openai-stream';
 *
 * events$.pipe(
 *   accumulateResponse(),
 *   map((snapshot) => snapshot.output_text),
 *   distinctUntilChanged(),
 * ).subscribe((text) => render(text));
 */
export function accumulateResponse(): OperatorFunction<ResponseStreamEvent, ResponseSnapshot> {
  return pipe(
    scan(readingWith(responseReducer), undefined as ResponseSnapshot | undefined),
    filter((snapshot): snapshot is ResponseSnapshot => snapshot !== undefined),
  );
}

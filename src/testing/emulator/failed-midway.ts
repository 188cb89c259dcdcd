/**
 * A streamed response the model fails after some output: the events of the answer it was giving, up to the
 * `afterEvents` of the `responseFailed` fault, then `response.failed`.
 */
import type { JsonObject } from './body.js';
import type { PacedBlock } from './paced-stream.js';
import { responseEvents, responseObject, type ResponsesScript } from './responses-script.js';
import { sseEvent } from './sse.js';

/**
 * The events of `script` cut after `afterEvents` of them (at least `response.created` and `response.in_progress`,
 * at most all but the last), then `response.failed` with `failure` as its `error`. The failed response keeps the
 * output items completed before the failure (`response.output_item.done` among the events sent) and has no usage.
 *
 * @example
 * const { blocks, failed } = failedMidway(scriptResponse(request, null), MODEL_FAILURE, 6);
 * playBlocks(state, sink, blocks, { settle: () => rememberResponse(state, failedScript, failed) });
 */
export function failedMidway(
  script: ResponsesScript,
  failure: JsonObject,
  afterEvents: number,
): { readonly blocks: PacedBlock[]; readonly failed: JsonObject; readonly script: ResponsesScript } {
  const full = responseEvents(script, responseObject(script, 'final'));
  const sent = full.slice(0, Math.max(2, Math.min(afterEvents, full.length - 1)));
  const completed = sent
    .filter(({ block }) => block.event === 'response.output_item.done')
    .map(({ block }) => (JSON.parse(block.data) as { item: JsonObject }).item);
  const failedScript: ResponsesScript = { ...script, failure };
  const failed: JsonObject = { ...responseObject(failedScript, 'final'), output: completed };
  const last = sseEvent('response.failed', { type: 'response.failed', sequence_number: sent.length, response: failed });
  return { blocks: [...sent, { pace: 'event', block: last }], failed, script: failedScript };
}

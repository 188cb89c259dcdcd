/**
 * Background responses (`background: true`): the POST answers at once with the response `queued`, and the
 * emulator's timers then produce its events one by one, paced like streams. Every event is kept with its
 * `sequence_number`, so `GET /responses/{id}?stream=true&starting_after=N` replays the events after N and then
 * follows the live ones; a streamed background POST does the same from the first event. The stored response
 * (`GET /responses/{id}`) follows the events: `queued`, `in_progress`, then `completed` / `incomplete`, or
 * `cancelled` after `POST /responses/{id}/cancel`. The events stay available for `resumeWindowMs` after the
 * response settled; past it a streamed GET answers 400 `response_stream_expired`.
 */
import { ApiErrorReply, badRequest } from './api-error.js';
import type { JsonObject } from './body.js';
import type { PacedBlock } from './paced-stream.js';
import { rememberResponse, responseEvents, responseObject, type ResponsesScript } from './responses-script.js';
import type { EventSink, SseEvent } from './sse.js';
import type { EmulatorState } from './state.js';
import type { CancelTimer } from './timers.js';

/**
 * A background response being produced (or settled): its events, how many exist so far, and the streams
 * following it.
 *
 * @example
 * const live = backgroundResponses(state).get('resp_...');
 * live?.produced; // events so far
 */
export interface BackgroundResponse {
  readonly script: ResponsesScript;
  /** Every event of the response, `sequence_number` = index. */
  readonly blocks: readonly PacedBlock[];
  /** How many of `blocks` exist so far. */
  produced: number;
  /** The current status: `queued`, `in_progress`, `completed`, `incomplete` or `cancelled`. */
  status: string;
  /** When it settled (ms since the epoch), or `undefined` while it runs. */
  settledAt: number | undefined;
  /**
   * The streams following it: each gets every new block with its `sequence_number` (`at`), then `undefined` when no
   * more will come.
   */
  readonly followers: Set<(block: SseEvent | undefined, at: number) => void>;
  /** Stops the pending production timer. */
  stop: CancelTimer | undefined;
}

const registries = new WeakMap<EmulatorState, Map<string, BackgroundResponse>>();

/**
 * The background responses of one emulator, by id.
 *
 * @example
 * backgroundResponses(ctx.state).get(ctx.params['response_id']!)?.status; // 'in_progress'
 */
export function backgroundResponses(state: EmulatorState): Map<string, BackgroundResponse> {
  let registry = registries.get(state);
  if (!registry) registries.set(state, (registry = new Map()));
  return registry;
}

const SETTLED = new Set(['completed', 'incomplete', 'cancelled', 'failed']);

function snapshot(live: BackgroundResponse): JsonObject {
  const base = responseObject(live.script, live.status === 'completed' || live.status === 'incomplete' ? 'final' : 'in_progress');
  return { ...base, status: live.status };
}

/**
 * The API's 400 for a background response that is not stored (`background: true` with `store: false`): asked
 * before the request takes anything (a scripted answer, a fault, a count).
 *
 * @example
 * refuseUnstoredBackground(request); // throws 400 "Background responses must be stored: ..." for store: false
 */
export function refuseUnstoredBackground(request: Pick<ResponsesScript['request'], 'background' | 'store'>): void {
  if (request.background && !request.store) {
    throw badRequest('Background responses must be stored: `background: true` needs `store: true`.', 'store', 'invalid_value');
  }
}

/**
 * Starts producing a background response: stores it `queued`, then one event per pacing step (at least one
 * turn of the event loop each), updating the stored response as its status changes. Returns the `queued`
 * response the POST answers with. The route has refused a request that is not stored first
 * ({@link refuseUnstoredBackground}), before it took a fault or a scripted answer.
 *
 * @example
 * const queued = startBackground(ctx.state, script);
 * queued.status; // 'queued'
 */
export function startBackground(state: EmulatorState, script: ResponsesScript): JsonObject {
  const final = responseObject(script, 'final');
  const live: BackgroundResponse = {
    script,
    blocks: responseEvents(script, final, true),
    produced: 0,
    status: 'queued',
    settledAt: undefined,
    followers: new Set(),
    stop: undefined,
  };
  backgroundResponses(state).set(script.id, live);
  const { eventMs, deltaMs } = state.options.pacing;
  const step = (): void => {
    const paced = live.blocks[live.produced]!;
    live.produced++;
    const type = paced.block.event;
    if (type === 'response.in_progress') update(state, live, 'in_progress');
    const last = live.produced === live.blocks.length;
    if (last) {
      live.status = final['status'] as string;
      live.settledAt = Date.now();
      rememberResponse(state, script, final);
    }
    for (const follower of [...live.followers]) follower(paced.block, live.produced - 1);
    if (last) {
      live.stop = undefined;
      endFollowers(live);
      return;
    }
    schedule();
  };
  const schedule = (): void => {
    const next = live.blocks[live.produced]!;
    live.stop = state.timers.after(next.pace === 'delta' ? deltaMs : eventMs, step, true);
  };
  const queued = snapshot(live);
  rememberResponse(state, script, queued);
  schedule();
  return queued;
}

function update(state: EmulatorState, live: BackgroundResponse, status: string): JsonObject {
  live.status = status;
  const response = snapshot(live);
  rememberResponse(state, live.script, response);
  return response;
}

function endFollowers(live: BackgroundResponse): void {
  for (const follower of [...live.followers]) follower(undefined, live.produced);
  live.followers.clear();
}

/**
 * Streams a background response on `sink`: the events after `startingAfter` produced so far, then the live ones
 * after it (a follower that starts ahead of the production skips the live events up to `startingAfter`); the sink
 * ends when the response settles (at once when it already has).
 *
 * @example
 * followBackground(live, ctx.openEventStream('responses'), 41);
 */
export function followBackground(live: BackgroundResponse, sink: EventSink, startingAfter: number): void {
  for (let at = Math.max(0, startingAfter + 1); at < live.produced; at++) sink.send(live.blocks[at]!.block);
  if (live.settledAt !== undefined || live.status === 'cancelled') {
    sink.end();
    return;
  }
  const follower = (block: SseEvent | undefined, at: number): void => {
    if (!block) sink.end();
    else if (at > startingAfter) sink.send(block);
  };
  live.followers.add(follower);
  sink.onClose(() => live.followers.delete(follower));
}

/**
 * The background response a streamed GET asks for, or the API's errors: 400 when the response was not created
 * with `background: true`, 400 `response_stream_expired` when its events are past the resume window, 400 for a
 * `starting_after` that is not an integer.
 *
 * @example
 * const { live, startingAfter } = backgroundToStream(ctx.state, id, ctx.query);
 */
export function backgroundToStream(
  state: EmulatorState,
  id: string,
  query: URLSearchParams,
): { live: BackgroundResponse; startingAfter: number } {
  const live = backgroundResponses(state).get(id);
  if (!live) {
    throw badRequest(`Response '${id}' was not created with background=true, so it cannot be streamed again.`, 'stream', 'invalid_value');
  }
  const text = query.get('starting_after');
  // An empty value is no number (`Number('')` would read it as 0, and drop the first event).
  const startingAfter = text === null ? -1 : text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(startingAfter) || startingAfter < -1) {
    throw badRequest(`Invalid 'starting_after': expected an integer, got '${text}'.`, 'starting_after', 'invalid_type');
  }
  if (live.settledAt !== undefined && Date.now() - live.settledAt >= state.options.resumeWindowMs) {
    throw new ApiErrorReply(
      400,
      `The events of response '${id}' are no longer available to stream (the resume window ended).`,
      'invalid_request_error',
      'starting_after',
      'response_stream_expired',
    );
  }
  return { live, startingAfter };
}

/**
 * `POST /responses/{id}/cancel`: a queued or running background response becomes `cancelled` (no more events;
 * the streams following it end). Cancelling a cancelled response answers it again; a settled one, or one that
 * is not a background response, is a 400.
 *
 * @example
 * cancelBackground(ctx.state, 'resp_...').status; // 'cancelled'
 */
export function cancelBackground(state: EmulatorState, id: string, stored: JsonObject): JsonObject {
  const live = backgroundResponses(state).get(id);
  if (!live) throw badRequest('Only responses created with background=true can be cancelled.', null, 'invalid_value');
  if (live.status === 'cancelled') return stored;
  if (SETTLED.has(live.status)) {
    throw badRequest(`Cannot cancel a response with status '${live.status}'.`, null, 'invalid_value');
  }
  live.stop?.();
  live.stop = undefined;
  const response = update(state, live, 'cancelled');
  live.settledAt = Date.now();
  endFollowers(live);
  return response;
}

/**
 * Forgets a background response (after `DELETE /responses/{id}`): its production stops, its streams end.
 *
 * @example
 * dropBackground(ctx.state, 'resp_...');
 */
export function dropBackground(state: EmulatorState, id: string): void {
  const live = backgroundResponses(state).get(id);
  if (!live) return;
  live.stop?.();
  endFollowers(live);
  backgroundResponses(state).delete(id);
}

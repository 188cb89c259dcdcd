/**
 * Sending a precomputed list of blocks on an event stream, paced like the runs' streams: `deltaMs` before each
 * token fragment, `eventMs` before every other block (with `pacing: 0` everything goes out at once). Chat
 * Completions and Responses streams have no server-side work behind them, so the playback simply stops when the
 * response is over (the client left, or a fault ended or silenced it).
 */
import type { EventSink, SseEvent } from './sse.js';
import type { EmulatorState } from './state.js';

/**
 * One block and how it is paced: `delta` for a token fragment, `event` for anything else.
 *
 * @example
 * const block: PacedBlock = { pace: 'delta', block: sseEvent(undefined, chunk) };
 */
export interface PacedBlock {
  readonly pace: 'event' | 'delta';
  readonly block: SseEvent;
}

/**
 * Plays `blocks` on `sink`, each after the delay of its pace, then ends the sink. The timers count as the
 * emulator's work, so `emulator.idle()` waits for streams still playing.
 *
 * @example
 * const sink = ctx.openEventStream();
 * playBlocks(ctx.state, sink, [
 *   { pace: 'event', block: sseEvent(undefined, firstChunk) },
 *   { pace: 'delta', block: sseEvent(undefined, deltaChunk) },
 *   { pace: 'event', block: { data: DONE_DATA } },
 * ]);
 */
export function playBlocks(state: EmulatorState, sink: EventSink, blocks: readonly PacedBlock[]): void {
  const { eventMs, deltaMs } = state.options.pacing;
  const delay = (paced: PacedBlock): number => (paced.pace === 'delta' ? deltaMs : eventMs);
  let next = 0;
  const step = (): void => {
    // The block whose delay just passed, then every following block that needs no delay.
    do {
      if (sink.closed) return;
      sink.send(blocks[next]!.block);
      next++;
    } while (next < blocks.length && delay(blocks[next]!) === 0);
    schedule();
  };
  const schedule = (): void => {
    if (sink.closed) return;
    if (next >= blocks.length) {
      sink.end();
      return;
    }
    const ms = delay(blocks[next]!);
    if (ms === 0) step();
    else state.timers.after(ms, step, true);
  };
  schedule();
}

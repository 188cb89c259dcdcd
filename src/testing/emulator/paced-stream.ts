/**
 * Sending a precomputed list of blocks on an event stream, paced like the runs' streams: `deltaMs` before each
 * token fragment, `eventMs` before every other block (with `pacing: 0` everything goes out at once). Chat
 * Completions streams have no server-side work behind them, so the playback simply stops when the response is
 * over (the client left, or a fault ended or silenced it). A stored response is produced all the same (`produce`):
 * its blocks go on being produced after the client left, and `settle` runs after the last one.
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
 * How {@link playBlocks} goes on when the response is over before its last block.
 *
 * @example
 * playBlocks(ctx.state, sink, blocks, { settle: () => rememberResponse(ctx.state, script, final) });
 */
export interface PlayOptions {
  /**
   * The blocks stand for work the server does whoever listens (a stored response): they are produced to the end
   * even when the sink closed early (its sends are ignored), and `settle` runs once the last one is produced.
   */
  readonly settle?: (() => void) | undefined;
}

/**
 * Plays `blocks` on `sink`, each after the delay of its pace, then ends the sink. The timers count as the
 * emulator's work, so `emulator.idle()` waits for streams still playing (and for responses still produced).
 *
 * @example
 * const sink = ctx.openEventStream();
 * playBlocks(ctx.state, sink, [
 *   { pace: 'event', block: sseEvent(undefined, firstChunk) },
 *   { pace: 'delta', block: sseEvent(undefined, deltaChunk) },
 *   { pace: 'event', block: { data: DONE_DATA } },
 * ]);
 */
export function playBlocks(state: EmulatorState, sink: EventSink, blocks: readonly PacedBlock[], options: PlayOptions = {}): void {
  const { eventMs, deltaMs } = state.options.pacing;
  const delay = (paced: PacedBlock): number => (paced.pace === 'delta' ? deltaMs : eventMs);
  const { settle } = options;
  // Whether nobody needs the rest: the response is over and no server-side work goes on.
  const stopped = () => sink.closed && settle === undefined;
  let next = 0;
  const step = (): void => {
    // The block whose delay just passed, then every following block that needs no delay.
    do {
      if (stopped()) return;
      if (!sink.closed) sink.send(blocks[next]!.block);
      next++;
    } while (next < blocks.length && delay(blocks[next]!) === 0);
    schedule();
  };
  const schedule = (): void => {
    if (stopped()) return;
    if (next >= blocks.length) {
      settle?.();
      if (!sink.closed) sink.end();
      return;
    }
    const ms = delay(blocks[next]!);
    if (ms === 0) step();
    else state.timers.after(ms, step, true);
  };
  schedule();
}

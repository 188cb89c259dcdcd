/**
 * When a relay cuts a reader that falls behind, written once for both relays (`toEventStreamBody`, whose frames
 * wait in its own queue, and `relayToNodeResponse`, whose bytes wait in Node's): a reader is behind when what waited
 * at the start of the current turn (it had the chance to take it and did not) and this frame take the backlog past
 * `maxBufferSize`. Frames of one turn the reader cannot take before it ends (the events of one network chunk) do
 * not make it slow: they may fill the backlog up to twice the limit, and a frame of any size goes when nothing
 * waits. `afterTurn(end)` runs `end` once the turn is over: a microtask for the web body, whose reader reads between
 * them; `setImmediate` for Node, which writes to the socket only after a task and its microtasks.
 *
 * @internal
 * @example
 * const backlog = readerBacklog(maxBufferSize, queueMicrotask);
 * if (backlog.tooFar(queue.length, queue.length + frame.length)) cut();
 */
export function readerBacklog(maxBufferSize: number, afterTurn: (end: () => void) => void) {
  // What waited when the current turn began, and whether one is under way.
  let stale = 0;
  let turn = false;
  const end = () => {
    turn = false;
  };
  return {
    /** Whether a reader with `before` waiting, and `after` once this frame is added, is too far behind. */
    tooFar(before: number, after: number): boolean {
      if (!turn) {
        turn = true;
        stale = before;
        afterTurn(end);
      }
      return stale > 0 ? after > maxBufferSize : before > 0 && after > 2 * maxBufferSize;
    },
    /** The reader took everything that waited. */
    drained(): void {
      stale = 0;
    },
  };
}

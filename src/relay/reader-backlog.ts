/**
 * When a relay cuts a reader that falls behind, written once for both relays (`toEventStreamBody`, whose frames
 * wait in its own queue, and `relayToNodeResponse`, whose bytes wait in Node's): a reader is behind when what waited
 * at the start of the current turn (it had the chance to take it and did not) and this frame take the backlog past
 * `maxBufferSize`. Frames of one turn the reader cannot take before it ends (the events of one network chunk) do
 * not make it slow: they may fill the backlog up to twice the limit, and a frame of any size goes when nothing
 * waits. `afterTurn(end)` runs `end` once the turn is over: after the current task of the event loop and its
 * microtasks, for Node, which writes to the socket only then, and for the web body too, whose reader takes a few
 * microtasks per read while an upstream of microtasks (an async iterable's values) goes on between them.
 *
 * @internal
 * @example
 * const backlog = readerBacklog(maxBufferSize, setImmediate);
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

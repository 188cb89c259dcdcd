/**
 * Text the recovery trackers keep as it arrives, in pieces (a stream's text deltas): a list of strings joined every
 * {@link JOIN_EVERY} pieces and when read, so that a long answer is not kept as one small string object per token.
 */

/** How many pieces of text a list keeps before they are joined into one. */
const JOIN_EVERY = 1024;

/**
 * Adds `piece` to `pieces`, joining them when they reach {@link JOIN_EVERY}. @internal
 *
 * @example
 * appendPiece(part.text, event.delta);
 */
export function appendPiece(pieces: string[], piece: string): void {
  if (pieces.push(piece) >= JOIN_EVERY) joined(pieces);
}

/**
 * The text of `pieces`, which from then on are that one string. The first piece (the text joined so far) is not
 * copied again: it is concatenated with the others joined, which V8 keeps as a rope, so joining every
 * {@link JOIN_EVERY} pieces costs in proportion to the new text only. @internal
 *
 * @example
 * const text = joined(part.text);
 */
export function joined(pieces: string[]): string {
  if (pieces.length === 1) return pieces[0]!;
  const head = pieces[0] ?? '';
  pieces[0] = '';
  const text = head + pieces.join('');
  pieces.length = 1;
  pieces[0] = text;
  return text;
}

import { hasOwn, isJsonObject } from '../../schema/json-values.js';
/**
 * The most common delta of a run stream, recognized for the reducer's text merge, which takes a shortcut for it.
 */

/**
 * A content entry that only appends `text.value` to the text of block `index`.
 *
 * @internal
 * @example
 * const entry: TextAppendEntry = { index: 0, type: 'text', text: { value: 'Hel' } };
 */
export interface TextAppendEntry {
  readonly index: number;
  /** Absent, or a string (the reducer sets the block's type to it). */
  readonly type?: string | undefined;
  readonly text: { readonly value: string };
}


/**
 * The delta's one content entry when the delta is exactly `{ content: [{ index, type?, text: { value } }] }`
 * (own keys only, `index` a non-negative integer, `type` a string when present, `value` a string), else
 * `undefined`. Returns the entry itself: nothing is allocated on this path, which runs once per token.
 *
 * @internal
 * @example
 * const entry = textAppendEntry(event.data.delta);
 * if (entry) text = appendText(block.text.value, entry.text.value); // else the generic `mergeDelta`
 */
export function textAppendEntry(delta: unknown): TextAppendEntry | undefined {
  if (!isJsonObject(delta)) return undefined;
  // Exactly one own key, `content` (for-in also lists inherited enumerable keys: then we step aside).
  let keys = 0;
  for (const key in delta) if (key !== 'content' || ++keys > 1) return undefined;
  if (keys !== 1 || !hasOwn.call(delta, 'content')) return undefined;
  const entries = delta['content'];
  if (!Array.isArray(entries) || entries.length !== 1) return undefined;
  const entry: unknown = entries[0];
  if (!isJsonObject(entry)) return undefined;
  // Own keys among index, type and text; a block index, a string type, a text that is `{ value }`.
  let hasType = false;
  keys = 0;
  for (const key in entry) {
    if (!hasOwn.call(entry, key)) return undefined;
    if (key === 'type') hasType = true;
    else if (key !== 'index' && key !== 'text') return undefined;
    keys++;
  }
  const index = entry['index'];
  const textDelta = entry['text'];
  if (keys !== (hasType ? 3 : 2) || !hasOwn.call(entry, 'index') || !hasOwn.call(entry, 'text')) return undefined;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  if (hasType && typeof entry['type'] !== 'string') return undefined;
  if (!isJsonObject(textDelta)) return undefined;
  keys = 0;
  for (const key in textDelta) if (key !== 'value' || ++keys > 1) return undefined;
  if (keys !== 1 || !hasOwn.call(textDelta, 'value') || typeof textDelta['value'] !== 'string') return undefined;
  return entry as unknown as TextAppendEntry;
}


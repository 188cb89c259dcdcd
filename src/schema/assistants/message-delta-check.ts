/**
 * The check `assistantEvents()` runs on every `thread.message.delta` by default (the event of every token): the
 * fields the library reads (the snapshot reducer, `textDeltas()`, `handleEvents()`), nothing else.
 *
 * Checked: the data is an object with a string `id` and an object `delta`; `delta.content`, when present, is an
 * array of objects with an integer `index` >= 0; a block of `type: 'text'` has a `text` that is an object (or
 * absent / `null`) whose `value` is a string (or absent / `null`). Everything else (`object`, `role`, other block
 * types, annotations, unknown keys, new enum values) passes untouched.
 */
import type { ReadIssue } from '../../sources/decode-json-event.js';
import type { MessageDeltaEvent } from './message-delta.js';
import { isIndex, isJsonObject } from '../json-values.js';

/**
 * What is wrong with a field of a `thread.message.delta` the library reads, or `undefined`.
 *
 * @internal
 * @example
 * messageDeltaIssue(JSON.parse('{"id":"msg_1","delta":{"content":[{"index":0,"type":"text","text":{"value":1}}]}}'));
 * // { path: 'delta.content.0.text.value', message: 'expected a string' }
 */
export function messageDeltaIssue(data: unknown): ReadIssue | undefined {
  if (!isJsonObject(data)) return { path: '', message: 'expected an object' };
  if (typeof data['id'] !== 'string') return { path: 'id', message: 'expected a string' };
  const delta = data['delta'];
  if (!isJsonObject(delta)) return { path: 'delta', message: 'expected an object' };
  const content = delta['content'];
  if (content === undefined || content === null) return undefined;
  if (!Array.isArray(content)) return { path: 'delta.content', message: 'expected an array' };
  for (let i = 0; i < content.length; i++) {
    const block: unknown = content[i];
    if (!isJsonObject(block)) return { path: `delta.content.${i}`, message: 'expected an object' };
    if (!isIndex(block['index'])) return { path: `delta.content.${i}.index`, message: 'expected an integer >= 0' };
    if (block['type'] !== 'text') continue;
    const text = block['text'];
    if (text === undefined || text === null) continue;
    if (!isJsonObject(text)) return { path: `delta.content.${i}.text`, message: 'expected an object' };
    const value = text['value'];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return { path: `delta.content.${i}.text.value`, message: 'expected a string' };
    }
  }
  return undefined;
}

/**
 * Whether the library can read `data` as a `thread.message.delta`: {@link messageDeltaIssue} found nothing.
 *
 * @internal
 * @example
 * isCommonMessageDeltaEvent(JSON.parse(
 *   '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi"}}]}}',
 * )); // true
 */
export function isCommonMessageDeltaEvent(data: unknown): data is MessageDeltaEvent {
  return messageDeltaIssue(data) === undefined;
}


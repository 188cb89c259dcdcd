/**
 * The text delta as a {@link TemplateShape}: what lets a run stream read most `thread.message.delta` events
 * without `JSON.parse` (see `sources/json-template.ts`). Everything it builds is of the common shape
 * `isCommonMessageDeltaEvent` accepts, so the schema would accept it too.
 */
import { isPlainNumber, type TemplateShape } from '../../sources/json-template.js';
import { isJsonObject } from '../json-values.js';
import type { MessageDeltaEvent } from './message-delta.js';

/** What one message's text deltas share: the message id, the block index, whether `annotations: []` is sent. */
interface TextDeltaFields {
  readonly id: string;
  readonly index: number;
  readonly annotations: boolean;
}

/**
 * `{ id, object: 'thread.message.delta', delta: { content: [{ index, type: 'text', text: { value } }] } }`
 * (with `annotations: []` after `value` when the API sends it), the string being `value`.
 *
 * @internal
 * @example
 * const deltas = jsonTemplate(messageDeltaShape);
 */
export const messageDeltaShape: TemplateShape<TextDeltaFields, MessageDeltaEvent> = {
  split(json) {
    if (!isJsonObject(json) || typeof json['id'] !== 'string' || json['object'] !== 'thread.message.delta') return undefined;
    const delta = json['delta'];
    const content = isJsonObject(delta) ? delta['content'] : undefined;
    if (!Array.isArray(content) || content.length !== 1) return undefined;
    const block: unknown = content[0];
    if (!isJsonObject(block) || block['type'] !== 'text') return undefined;
    const index = block['index'];
    const text = block['text'];
    if (!isPlainNumber(index) || !Number.isSafeInteger(index) || index < 0) return undefined;
    if (!isJsonObject(text) || typeof text['value'] !== 'string') return undefined;
    const annotations = text['annotations'];
    if (annotations !== undefined && !(Array.isArray(annotations) && annotations.length === 0)) return undefined;
    return { fields: { id: json['id'], index, annotations: annotations !== undefined }, slots: [text['value']] };
  },
  build(fields, slots) {
    const value = slots[0] as string;
    // One literal, so every event has the same hidden classes as the last (the reducer's checks stay monomorphic).
    return {
      id: fields.id,
      object: 'thread.message.delta',
      delta: {
        content: [{ index: fields.index, type: 'text', text: fields.annotations ? { value, annotations: [] } : { value } }],
      },
    };
  },
};

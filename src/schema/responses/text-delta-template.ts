/**
 * `response.output_text.delta` as a {@link TemplateShape}: what lets `responseEvents()` read most text deltas
 * without `JSON.parse` (see `sources/json-template.ts`). It only learns from events the checks accepted,
 * and what it builds differs from such an event only in `delta` (a string), `sequence_number` (an integer) and
 * `obfuscation` (a string), which the checks (and the full schema) accept whatever their values of those kinds.
 */
import {
  type JsonPrimitive,
  primitiveFields,
  type TemplateShape,
  type TemplateSlot,
} from '../../sources/json-template.js';
import { isJsonObject } from '../json-values.js';
import type { ResponseTextDeltaEvent } from './events.js';

/** What one stream's text deltas share. */
interface TextDeltaFields {
  /** The event's fields (`type`, `item_id`, indexes), with placeholders where slots and `logprobs` go. */
  readonly top: Readonly<Record<string, JsonPrimitive>>;
  readonly sequenceNumber: boolean;
  readonly obfuscation: boolean;
  /** Whether the event carries `logprobs: []`. */
  readonly logprobs: boolean;
}

const PLACEHOLDERS = { delta: '', sequence_number: 0, obfuscation: '', logprobs: null };

/**
 * `{ type: 'response.output_text.delta', item_id, output_index, content_index, delta, sequence_number?,
 * logprobs?: [], obfuscation? }` (and any other strings, numbers or nulls), the slots being `delta`,
 * `sequence_number` and `obfuscation`.
 *
 * @internal
 * @example
 * const deltas = jsonTemplate(responseTextDeltaShape);
 */
export const responseTextDeltaShape: TemplateShape<TextDeltaFields, ResponseTextDeltaEvent> = {
  split(json) {
    if (!isJsonObject(json) || json['type'] !== 'response.output_text.delta') return undefined;
    const delta = json['delta'];
    const sequence = json['sequence_number'];
    const obfuscation = json['obfuscation'];
    const logprobs = json['logprobs'];
    if (typeof delta !== 'string') return undefined;
    if (sequence !== undefined && typeof sequence !== 'number') return undefined;
    if (obfuscation !== undefined && typeof obfuscation !== 'string') return undefined;
    if (logprobs !== undefined && !(Array.isArray(logprobs) && logprobs.length === 0)) return undefined;
    const top = primitiveFields(json, PLACEHOLDERS);
    if (top === undefined) return undefined;
    const slots: TemplateSlot[] = [delta];
    if (sequence !== undefined) slots.push(sequence);
    if (obfuscation !== undefined) slots.push(obfuscation);
    return {
      fields: { top, sequenceNumber: sequence !== undefined, obfuscation: obfuscation !== undefined, logprobs: logprobs !== undefined },
      slots,
    };
  },
  build(fields, slots) {
    const event: Record<string, unknown> = { ...fields.top };
    event['delta'] = slots[0];
    let next = 1;
    if (fields.sequenceNumber) event['sequence_number'] = slots[next++];
    if (fields.obfuscation) event['obfuscation'] = slots[next];
    if (fields.logprobs) event['logprobs'] = [];
    return event as unknown as ResponseTextDeltaEvent;
  },
};


/**
 * A hand-written check of the common `thread.message.delta` data, the hottest event of a run stream (one per
 * token). It accepts a subset of what `MessageDeltaEventSchema` accepts, about ten times faster than zod;
 * anything it does not accept goes to the schema, which decides (and explains its refusal).
 *
 * `spec/schema/message-delta-check.spec.ts` proves with fast-check that it never accepts a value the schema
 * rejects. Change both together.
 */
import type { MessageDeltaEvent } from './message-delta.js';

/**
 * Whether `data` is a valid `thread.message.delta` payload of the common shape:
 * `{ id: string, object: 'thread.message.delta', delta: { role?, content?: TextBlock[] } }` where every content
 * block is `{ index: number, type: 'text', text?: { value?: string, annotations?: [] } }`. Unknown keys are
 * allowed, as the schema allows them. `false` means "ask the schema", not "invalid".
 *
 * @internal
 * @example
 * isCommonMessageDeltaEvent(JSON.parse(
 *   '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi"}}]}}',
 * )); // true
 */
export function isCommonMessageDeltaEvent(data: unknown): data is MessageDeltaEvent {
  if (!isObject(data) || typeof data['id'] !== 'string' || data['object'] !== 'thread.message.delta') return false;
  const delta = data['delta'];
  if (!isObject(delta)) return false;
  const role = delta['role'];
  if (role !== undefined && role !== 'assistant' && role !== 'user') return false;
  const content = delta['content'];
  if (content === undefined) return true;
  if (!Array.isArray(content)) return false;
  for (let i = 0; i < content.length; i++) {
    const block: unknown = content[i];
    if (!isObject(block) || block['type'] !== 'text' || !isFiniteNumber(block['index'])) return false;
    const text = block['text'];
    if (text === undefined) continue;
    if (!isObject(text)) return false;
    const value = text['value'];
    if (value !== undefined && typeof value !== 'string') return false;
    const annotations = text['annotations'];
    if (annotations !== undefined && !(Array.isArray(annotations) && annotations.length === 0)) return false;
  }
  return true;
}

// As zod 4 judges them: an object is anything but null and arrays; a number is finite.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

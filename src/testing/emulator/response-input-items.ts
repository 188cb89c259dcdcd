/**
 * The input items of stored responses, for `GET /responses/{id}/input_items`: the request's `input` as the API
 * lists it (a string becomes one user message with an `input_text` part; every item gets an id).
 */
import type { JsonObject } from './body.js';
import type { EmulatorState } from './state.js';
import { newId } from './store.js';

const registries = new WeakMap<EmulatorState, Map<string, readonly JsonObject[]>>();

/**
 * The input items kept per response id.
 *
 * @example
 * responseInputItems(ctx.state).get('resp_...'); // [{ id: 'msg_...', type: 'message', role: 'user', ... }]
 */
export function responseInputItems(state: EmulatorState): Map<string, readonly JsonObject[]> {
  let registry = registries.get(state);
  if (!registry) registries.set(state, (registry = new Map()));
  return registry;
}

/**
 * The items of a request's `input` (already validated by `readResponsesRequest`), in order, with ids.
 *
 * @example
 * inputItemsOf('Hi'); // [{ id: 'msg_...', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'Hi' }] }]
 */
export function inputItemsOf(input: unknown): JsonObject[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [message('user', input)];
  if (!Array.isArray(input)) return [];
  return input.map((raw) => {
    const item = raw as JsonObject;
    const type = item['type'] ?? (item['role'] !== undefined ? 'message' : undefined);
    if (type === 'message' && typeof item['content'] === 'string') return message(String(item['role']), item['content']);
    const prefix = type === 'message' ? 'msg_' : type === 'function_call_output' ? 'fco_' : type === 'function_call' ? 'fc_' : 'item_';
    return { id: newId(prefix), ...item, type: type ?? null, ...(type === 'message' ? { status: 'completed' } : {}) };
  });
}

function message(role: string, text: string): JsonObject {
  return { id: newId('msg_'), type: 'message', role, status: 'completed', content: [{ type: 'input_text', text }] };
}

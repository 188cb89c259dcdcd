/**
 * Conversations (`/conversations`): a conversation is an object (`conv_...`, `metadata`) and an ordered list of
 * items. A Responses request with `conversation` reads the conversation's items before its own input, and the
 * turn's input items and output items are added to it (the output once the response settled), as the API does.
 */
import { ApiErrorReply, badRequest } from './api-error.js';
import type { JsonObject } from './body.js';
import { unixNow } from './objects.js';
import { inputItemsOf } from './response-input-items.js';
import type { EmulatorState } from './state.js';
import { newId } from './store.js';
import { is } from './validate.js';

/**
 * One conversation: the object the API answers with, and its items in order.
 *
 * @example
 * const conversation = conversations(ctx.state).get('conv_...');
 * conversation?.items.length;
 */
export interface StoredConversation {
  object: JsonObject & { id: string };
  readonly items: JsonObject[];
}

const registries = new WeakMap<EmulatorState, Map<string, StoredConversation>>();

/**
 * The conversations of one emulator, by id.
 *
 * @example
 * conversations(ctx.state).get(ctx.params['conversation_id']!);
 */
export function conversations(state: EmulatorState): Map<string, StoredConversation> {
  let registry = registries.get(state);
  if (!registry) registries.set(state, (registry = new Map()));
  return registry;
}

/** The API limits how many items one request adds. */
const MAX_ITEMS_PER_REQUEST = 20;

/**
 * Creates a conversation from `{ items?, metadata? }`.
 *
 * @example
 * const conversation = createConversation(ctx.state, { metadata: { topic: 'demo' } });
 */
export function createConversation(state: EmulatorState, body: JsonObject): JsonObject {
  const metadata = readMetadata(body);
  const items = readItems(body['items'] ?? [], 'items');
  const object = { id: newId('conv_'), object: 'conversation', created_at: unixNow(), metadata: metadata ?? {} };
  conversations(state).set(object.id, { object, items });
  return object;
}

/**
 * The conversation `id`, or the API's 404.
 *
 * @example
 * const { object, items } = storedConversation(ctx.state, 'conv_...');
 */
export function storedConversation(state: EmulatorState, id: string, param: string | null = null): StoredConversation {
  const found = conversations(state).get(id);
  if (found) return found;
  throw new ApiErrorReply(404, `Conversation with id '${id}' not found.`, 'invalid_request_error', param, null);
}

/**
 * Replaces the metadata of a conversation (`POST /conversations/{id}` with `{ metadata }`).
 *
 * @example
 * updateConversation(ctx.state, 'conv_...', { metadata: { topic: 'x' } }).metadata; // { topic: 'x' }
 */
export function updateConversation(state: EmulatorState, id: string, body: JsonObject): JsonObject {
  const conversation = storedConversation(state, id);
  if (body['metadata'] === undefined) throw new ApiErrorReply(400, "Missing required parameter: 'metadata'.", 'invalid_request_error', 'metadata', 'missing_required_parameter');
  conversation.object = { ...conversation.object, metadata: readMetadata(body) ?? {} };
  return conversation.object;
}

/**
 * Adds items (Responses input items) at the end of a conversation; returns them as stored (with ids).
 *
 * @example
 * addConversationItems(ctx.state, 'conv_...', [{ type: 'message', role: 'user', content: 'Hi' }], 'items');
 */
export function addConversationItems(state: EmulatorState, id: string, raw: unknown, param: string): JsonObject[] {
  const conversation = storedConversation(state, id);
  const items = readItems(raw, param);
  conversation.items.push(...items);
  return items;
}

/**
 * The `conversation` of a Responses request (`'conv_...'` or `{ id }`), checked to exist; `null` when absent.
 *
 * @example
 * readConversationParam(ctx.state, ctx.body); // 'conv_...'
 */
export function readConversationParam(state: EmulatorState, body: JsonObject): string | null {
  const value = body['conversation'];
  if (value === undefined || value === null) return null;
  const id = is.string(value) ? value : is.object(value) && is.string(value['id']) ? value['id'] : undefined;
  if (id === undefined) throw badRequest("Invalid type for 'conversation': expected a string or an object with an 'id'.", 'conversation', 'invalid_type');
  if (body['previous_response_id'] !== undefined && body['previous_response_id'] !== null) {
    throw badRequest("Mutually exclusive parameters: 'previous_response_id' and 'conversation'.", 'conversation', 'mutually_exclusive_parameters');
  }
  storedConversation(state, id, 'conversation');
  return id;
}

function readItems(raw: unknown, param: string): JsonObject[] {
  if (!is.array(raw)) throw badRequest(`Invalid type for '${param}': expected an array.`, param, 'invalid_type');
  if (raw.length > MAX_ITEMS_PER_REQUEST) {
    throw badRequest(`Invalid '${param}': array too long. Expected at most ${MAX_ITEMS_PER_REQUEST} items.`, param, 'array_above_max_length');
  }
  raw.forEach((item, index) => {
    if (!is.object(item)) throw badRequest(`Invalid type for '${param}[${index}]': expected an object.`, `${param}[${index}]`, 'invalid_type');
  });
  return inputItemsOf(raw);
}

function readMetadata(body: JsonObject): JsonObject | null | undefined {
  const metadata = body['metadata'];
  if (metadata === undefined) return undefined;
  if (!is.metadata(metadata)) throw badRequest("Invalid type for 'metadata': expected an object of strings.", 'metadata', 'invalid_type');
  return metadata as JsonObject | null;
}

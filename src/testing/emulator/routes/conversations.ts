/**
 * Conversations: `POST /conversations`, `GET|POST|DELETE /conversations/{conversation_id}`,
 * `POST|GET /conversations/{conversation_id}/items` and `GET|DELETE /conversations/{conversation_id}/items/{item_id}`.
 * Responses requests with `conversation` read and extend them (see `../conversations.ts`).
 */
import { ApiErrorReply } from '../api-error.js';
import {
  addConversationItems,
  conversations,
  createConversation,
  storedConversation,
  updateConversation,
} from '../conversations.js';
import type { Route } from '../routing.js';
import { paginate } from '../store.js';

const itemOf = (items: ReadonlyArray<{ id?: unknown }>, conversationId: string, itemId: string) => {
  const index = items.findIndex((item) => item.id === itemId);
  if (index === -1) {
    throw new ApiErrorReply(404, `Item with id '${itemId}' not found in conversation '${conversationId}'.`, 'invalid_request_error', null, null);
  }
  return index;
};

/**
 * The Conversations endpoints.
 *
 * @example
 * const table = [...conversationRoutes];
 * // then, with the official SDK:
 * const conversation = await client.conversations.create({ metadata: { topic: 'demo' } });
 */
export const conversationRoutes: readonly Route[] = [
  { method: 'POST', path: '/conversations', handle: ({ state, body }) => createConversation(state, body) },
  {
    method: 'GET',
    path: '/conversations/:conversation_id',
    handle: ({ state, params }) => storedConversation(state, params['conversation_id']!).object,
  },
  {
    method: 'POST',
    path: '/conversations/:conversation_id',
    handle: ({ state, params, body }) => updateConversation(state, params['conversation_id']!, body),
  },
  {
    method: 'DELETE',
    path: '/conversations/:conversation_id',
    handle: ({ state, params }) => {
      const id = params['conversation_id']!;
      storedConversation(state, id);
      conversations(state).delete(id);
      return { id, object: 'conversation.deleted', deleted: true };
    },
  },
  {
    method: 'POST',
    path: '/conversations/:conversation_id/items',
    handle: ({ state, params, body }) => {
      const data = addConversationItems(state, params['conversation_id']!, body['items'], 'items');
      return { object: 'list', data, first_id: data[0]?.['id'] ?? null, last_id: data[data.length - 1]?.['id'] ?? null, has_more: false };
    },
  },
  {
    method: 'GET',
    path: '/conversations/:conversation_id/items',
    handle: ({ state, params, query }) => {
      const { items } = storedConversation(state, params['conversation_id']!);
      return paginate(items as unknown as ReadonlyArray<{ id: string }>, query);
    },
  },
  {
    method: 'GET',
    path: '/conversations/:conversation_id/items/:item_id',
    handle: ({ state, params }) => {
      const id = params['conversation_id']!;
      const { items } = storedConversation(state, id);
      return items[itemOf(items, id, params['item_id']!)];
    },
  },
  {
    method: 'DELETE',
    path: '/conversations/:conversation_id/items/:item_id',
    handle: ({ state, params }) => {
      const id = params['conversation_id']!;
      const conversation = storedConversation(state, id);
      conversation.items.splice(itemOf(conversation.items, id, params['item_id']!), 1);
      return conversation.object;
    },
  },
];

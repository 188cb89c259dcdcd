/**
 * The Conversations API (`/conversations`), as declared interfaces written by hand: the fields the library reads
 * or that every object carries; everything else the API sends passes through untouched (index signatures).
 *
 * @example
 * import type { Conversation, ConversationItem } from 'rx-openai-stream';
 * @packageDocumentation
 */
import type { ListPage } from './list-page.js';

/**
 * A conversation (`conv_...`): a stored list of items that Responses requests with `conversation` read and extend.
 *
 * @example
 * client.conversations.create().subscribe((conversation: Conversation) => console.log(conversation.id));
 */
export interface Conversation {
  id: string;
  object?: 'conversation';
  /** Seconds since the epoch. */
  created_at?: number;
  metadata?: Record<string, string> | null;
  [field: string]: unknown;
}

/**
 * The answer of `DELETE /conversations/{id}`.
 *
 * @example
 * client.conversations.delete('conv_...').subscribe(({ deleted }) => console.log(deleted));
 */
export interface ConversationDeleted {
  id: string;
  object?: 'conversation.deleted';
  deleted?: boolean;
  [field: string]: unknown;
}

/**
 * One item of a conversation: a message, a function call, a function call output, a reasoning item, ... Every
 * item has an `id` and a `type`; the rest is the item as the Responses API has it.
 *
 * @example
 * client.conversations.items.listAll('conv_...', { order: 'asc' })
 *   .subscribe((item: ConversationItem) => console.log(item.type, item.id));
 */
export interface ConversationItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * A page of conversation items (`GET /conversations/{id}/items`, and the answer of `items.create`).
 *
 * @example
 * client.conversations.items.list('conv_...').subscribe((page: ConversationItemList) => console.log(page.has_more));
 */
export type ConversationItemList = ListPage<ConversationItem>;

/**
 * The body of `POST /conversations`: initial `items` (Responses input items, at most 20) and `metadata`.
 *
 * @example
 * client.conversations.create({ items: [{ type: 'message', role: 'user', content: 'Hi' }], metadata: { topic: 'demo' } });
 */
export interface ConversationCreateParams {
  items?: unknown[] | null;
  metadata?: Record<string, string> | null;
  [field: string]: unknown;
}

/**
 * The body of `POST /conversations/{id}`: the new `metadata`.
 *
 * @example
 * client.conversations.update('conv_...', { metadata: { topic: 'weather' } });
 */
export interface ConversationUpdateParams {
  metadata: Record<string, string> | null;
  [field: string]: unknown;
}

/**
 * The body of `POST /conversations/{id}/items` (`include` goes to the query).
 *
 * @example
 * client.conversations.items.create('conv_...', { items: [{ type: 'message', role: 'user', content: 'Hi' }] });
 */
export interface ConversationItemCreateParams {
  items: unknown[];
  include?: string[];
  [field: string]: unknown;
}

/**
 * The query of `GET /conversations/{id}/items`: cursor pagination (`order` default `desc`) and `include`.
 *
 * @example
 * client.conversations.items.list('conv_...', { limit: 10, order: 'asc' });
 */
export interface ConversationItemListParams {
  after?: string;
  limit?: number;
  order?: 'asc' | 'desc';
  include?: string[];
}

/**
 * The parameters of `items.retrieve` and `items.delete`: the conversation the item belongs to.
 *
 * @example
 * client.conversations.items.retrieve('msg_...', { conversation_id: 'conv_...' });
 */
export interface ConversationItemParams {
  conversation_id: string;
  include?: string[];
}

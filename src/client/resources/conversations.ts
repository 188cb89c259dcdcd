import type { Observable } from 'rxjs';
import { conversationCheck, conversationDeletedCheck, conversationItemCheck, listPageCheck } from '../body-checks.js';
import type {
  Conversation,
  ConversationCreateParams,
  ConversationDeleted,
  ConversationItem,
  ConversationItemCreateParams,
  ConversationItemList,
  ConversationItemListParams,
  ConversationItemParams,
  ConversationUpdateParams,
} from '../../wire/conversations.js';
import type { RequestOptions } from '../options.js';
import { readJSON } from '../readers.js';
import { enc, type Transport } from '../transport.js';
import { paginate } from './paginate.js';

const ItemsPage = listPageCheck(conversationItemCheck);

/**
 * `client.conversations.items`: the items of a conversation.
 *
 * @example
 * client.conversations.items.listAll('conv_...', { order: 'asc' }).subscribe((item) => console.log(item.type));
 */
export interface ConversationItemsResource {
  /**
   * Adds items (Responses input items, at most 20) at the end of the conversation (`POST /conversations/{id}/items`);
   * emits the created items as a list.
   * @example client.conversations.items.create('conv_...', { items: [{ type: 'message', role: 'user', content: 'Hi' }] });
   */
  create(conversationId: string, params: ConversationItemCreateParams, options?: RequestOptions): Observable<ConversationItemList>;
  /** `GET /conversations/{id}/items`: one page (newest first unless `order: 'asc'`). @example client.conversations.items.list('conv_...', { limit: 5 }); */
  list(conversationId: string, query?: ConversationItemListParams, options?: RequestOptions): Observable<ConversationItemList>;
  /** Every item, page after page, one emission each. @example client.conversations.items.listAll('conv_...', { order: 'asc' }).pipe(toArray()); */
  listAll(conversationId: string, query?: ConversationItemListParams, options?: RequestOptions): Observable<ConversationItem>;
  /** `GET /conversations/{conversation_id}/items/{id}`. @example client.conversations.items.retrieve('msg_...', { conversation_id }); */
  retrieve(itemId: string, params: ConversationItemParams, options?: RequestOptions): Observable<ConversationItem>;
  /** `DELETE /conversations/{conversation_id}/items/{id}`; emits the conversation. @example client.conversations.items.delete('msg_...', { conversation_id }); */
  delete(itemId: string, params: ConversationItemParams, options?: RequestOptions): Observable<Conversation>;
}

/**
 * `client.conversations`: stored conversations that `client.responses.stream/create({ conversation })` read and
 * extend with each turn's input and output items.
 *
 * @example
 * client.conversations.create().pipe(
 *   switchMap(({ id }) => client.responses.stream({ model: 'gpt-4o', input: 'Hi', conversation: id })),
 *   textDeltas(),
 * ).subscribe(print);
 */
export interface ConversationsResource {
  readonly items: ConversationItemsResource;
  /** `POST /conversations` (with optional initial `items` and `metadata`). @example client.conversations.create({ metadata: { topic: 'demo' } }); */
  create(params?: ConversationCreateParams, options?: RequestOptions): Observable<Conversation>;
  /** `GET /conversations/{id}`. @example client.conversations.retrieve('conv_...'); */
  retrieve(conversationId: string, options?: RequestOptions): Observable<Conversation>;
  /** `POST /conversations/{id}`: replaces its `metadata`. @example client.conversations.update('conv_...', { metadata: { topic: 'x' } }); */
  update(conversationId: string, params: ConversationUpdateParams, options?: RequestOptions): Observable<Conversation>;
  /** `DELETE /conversations/{id}` (its items stay readable through the responses that hold them). @example client.conversations.delete('conv_...'); */
  delete(conversationId: string, options?: RequestOptions): Observable<ConversationDeleted>;
}

/**
 * Builds `client.conversations` on a transport.
 *
 * @internal
 * @example
 * const conversations = conversationsResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * conversations.create().subscribe(({ id }) => console.log(id));
 */
export function conversationsResource(transport: Transport): ConversationsResource {
  const path = (id: string) => `/conversations/${enc(id)}`;
  const itemPath = (conversationId: string, itemId: string) => `${path(conversationId)}/items/${enc(itemId)}`;
  const query = (include: string[] | undefined) => (include === undefined ? undefined : { include });
  const itemsPath = (conversationId: string) => `${path(conversationId)}/items`;
  const itemsPage = (conversationId: string, { include, ...rest }: ConversationItemListParams = {}, options?: RequestOptions) =>
    transport.request(
      { method: 'GET', path: itemsPath(conversationId), query: { ...rest, ...query(include) } },
      options,
      readJSON(ItemsPage),
    );
  return {
    create: (params, options) => transport.request({ method: 'POST', path: '/conversations', body: params ?? {} }, options, readJSON(conversationCheck)),
    retrieve: (conversationId, options) => transport.request({ method: 'GET', path: path(conversationId) }, options, readJSON(conversationCheck)),
    update: (conversationId, params, options) =>
      transport.request({ method: 'POST', path: path(conversationId), body: params }, options, readJSON(conversationCheck)),
    // An empty answer (a 204 of a compatible server or proxy; the SDK gives `null`): deleted all the same.
    delete: (conversationId, options) =>
      transport.request(
        { method: 'DELETE', path: path(conversationId) },
        options,
        readJSON(conversationDeletedCheck, () => ({ id: conversationId, object: 'conversation.deleted', deleted: true })),
      ),
    items: {
      create: (conversationId, { include, ...body }, options) =>
        transport.request({ method: 'POST', path: `${path(conversationId)}/items`, query: query(include), body }, options, readJSON(ItemsPage)),
      list: itemsPage,
      listAll: (conversationId, params, options) =>
        paginate(itemsPath(conversationId), params?.after, (after) => itemsPage(conversationId, { ...params, after }, options)),
      retrieve: (itemId, { conversation_id, include }, options) =>
        transport.request({ method: 'GET', path: itemPath(conversation_id, itemId), query: query(include) }, options, readJSON(conversationItemCheck)),
      delete: (itemId, { conversation_id }, options) =>
        transport.request({ method: 'DELETE', path: itemPath(conversation_id, itemId) }, options, readJSON(conversationCheck)),
    },
  };
}

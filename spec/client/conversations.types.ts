/**
 * Compile-time proof that the conversation objects of the official SDK (openai 7.x) are what our declared
 * interfaces (src/wire/conversations.ts) accept, and that our request bodies take the SDK's: code holding the
 * SDK's values can use `client.conversations` and the other way round. Checked by `tsc`, not jest.
 */
import { expectTypeOf } from 'expect-type';
import type * as Official from 'openai/resources/conversations/conversations';
import type * as OfficialItems from 'openai/resources/conversations/items';
import type {
  Conversation,
  ConversationCreateParams,
  ConversationDeleted,
  ConversationItem,
  ConversationItemCreateParams,
  ConversationItemListParams,
  ConversationUpdateParams,
} from '../../src/index';

/**
 * `T` as an object type (not an interface): TypeScript gives interfaces no implicit index signature, so an SDK
 * interface is compared with our open interfaces (`[field: string]: unknown`) field by field this way, as an
 * object literal or a parsed body would be.
 */
type Fields<T> = { [K in keyof T]: T[K] };

// The SDK's objects are ours (every field we declare, as the SDK types it), but for one difference: the SDK types
// a conversation's `metadata` as `unknown`, we as the API documents it, string values (or null).
expectTypeOf<Fields<Omit<Official.Conversation, 'metadata'> & { metadata: Record<string, string> }>>().toExtend<Conversation>();
expectTypeOf<Fields<Official.Conversation>>().not.toExtend<Conversation>();
expectTypeOf<Fields<Official.ConversationDeletedResource>>().toExtend<ConversationDeleted>();
// An item of the SDK's union (its `id` and `type` are what we read) is one of ours.
expectTypeOf<Fields<Extract<OfficialItems.ConversationItem, { type: 'function_call_output' }>>>().toExtend<ConversationItem>();

// The SDK's request bodies are accepted by our methods.
expectTypeOf<Fields<Official.ConversationCreateParams>>().toExtend<ConversationCreateParams>();
expectTypeOf<Fields<Official.ConversationUpdateParams>>().toExtend<ConversationUpdateParams>();
expectTypeOf<Fields<OfficialItems.ItemCreateParams>>().toExtend<ConversationItemCreateParams>();
expectTypeOf<Fields<OfficialItems.ItemListParams>>().toExtend<ConversationItemListParams>();

// What we read is required: an item without a `type` is not an item.
// @ts-expect-error `type` is required
expectTypeOf<{ id: string }>().toExtend<ConversationItem>();

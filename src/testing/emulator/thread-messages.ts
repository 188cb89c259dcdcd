/**
 * Messages in threads: adding the messages a request carries (`POST /threads/{id}/messages`, a new thread's
 * `messages`, a run's `additional_messages`), the thread's active run, and a message's text.
 */
import type { Message, MessageContent, Run } from '../../wire/assistants.js';
import { badRequest, missingParameter } from './api-error.js';
import type { JsonObject } from './body.js';
import { newAddedMessage } from './objects.js';
import type { Store } from './store.js';
import { invalidType, is, optional } from './validate.js';

const ACTIVE_STATUSES: ReadonlySet<Run['status']> = new Set(['queued', 'in_progress', 'requires_action', 'cancelling']);

/**
 * The run of a thread that has not ended, if any (a thread runs one at a time).
 *
 * @example
 * if (activeRun(store, threadId)) throw badRequest('...');
 */
export function activeRun(store: Store, threadId: string): Run | undefined {
  return store.runs.values((run) => run.thread_id === threadId && ACTIVE_STATUSES.has(run.status)).at(-1);
}

/**
 * Validates and stores one message (`{ role, content, attachments?, metadata? }`); `param` prefixes field names
 * in errors (`messages[0].`).
 *
 * @example
 * addMessage(store, thread.id, { role: 'user', content: 'Hello' });
 */
export function addMessage(store: Store, threadId: string, input: JsonObject, param = ''): Message {
  const role = input['role'];
  if (role === undefined) throw missingParameter(`${param}role`);
  if (role !== 'user' && role !== 'assistant') {
    const message = `Invalid value: '${String(role)}'. Supported values are: 'user' and 'assistant'.`;
    throw badRequest(message, `${param}role`, 'invalid_value');
  }
  const content = messageContent(input['content'], `${param}content`);
  const metadata = optional(input, 'metadata', is.metadata, 'an object') ?? {};
  const attachments = optional(input, 'attachments', is.array, 'an array') ?? [];
  return store.messages.add(
    newAddedMessage(store.messages.newId(), threadId, role, content, metadata, attachments as Message['attachments']),
  );
}

/**
 * Stores the messages of a `messages` / `additional_messages` array, in order.
 *
 * @example
 * addMessages(store, thread.id, body['messages'], 'messages');
 */
export function addMessages(store: Store, threadId: string, list: unknown, param: string): Message[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw invalidType(param, 'an array', list);
  return list.map((item, index) => {
    if (!is.object(item)) throw invalidType(`${param}[${index}]`, 'an object', item);
    return addMessage(store, threadId, item, `${param}[${index}].`);
  });
}

/**
 * The text blocks of a message joined by newlines.
 *
 * @example
 * messageText(message); // 'Hello'
 */
export function messageText(message: Message): string {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text.value] : [])).join('\n');
}

function messageContent(content: unknown, param: string): MessageContent[] {
  if (content === undefined || content === null) throw missingParameter(param);
  if (is.string(content)) return [{ type: 'text', text: { value: content, annotations: [] } }];
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array', content);
  return content.map((part, index): MessageContent => {
    const type = is.object(part) ? part['type'] : undefined;
    if (is.object(part) && type === 'text' && is.string(part['text'])) {
      return { type: 'text', text: { value: part['text'], annotations: [] } };
    }
    if (is.object(part) && type === 'image_file' && is.object(part['image_file'])) return part as unknown as MessageContent;
    if (is.object(part) && type === 'image_url' && is.object(part['image_url'])) return part as unknown as MessageContent;
    throw badRequest(
      `Invalid value for '${param}[${index}]': expected a text, image_file or image_url part.`,
      `${param}[${index}]`,
      'invalid_value',
    );
  });
}

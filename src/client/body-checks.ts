/**
 * The checks of the client's JSON response bodies: the fields the client and the operators read of each object,
 * nothing else, as the stream sources check their events. A new status or tool type, a field the API stopped
 * sending, `null` where the OpenAPI description says string, an unknown key: all pass. A broken field that is
 * read fails the call with `StreamParseError` naming its path. The full OpenAPI schemas stay out of the client
 * (and out of its bundles): they are opt-in, in `rx-openai-stream/schemas`.
 */
import type { ReadIssue } from '../sources/decode-json-event.js';
import { assistantEventIssue } from '../schema/assistants/event-check.js';
import { responseWireChecks } from '../schema/responses/wire-checks.js';
import type { Message, Run, RunStep, Thread } from '../wire/assistants.js';
import type { ChatCompletion } from '../wire/chat.js';
import type { ListPage } from '../wire/list-page.js';
import type { Response } from '../wire/responses.js';
import type { ResponseDeleted, ResponseInputListItem } from './resources/responses.js';
import type { Conversation, ConversationDeleted, ConversationItem } from '../wire/conversations.js';
import type { Assistant, FileObject, VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../wire/resources.js';
import { isJsonObject, jsonKind } from '../schema/json-values.js';

/**
 * The check of a response body that, when it passes, is read as a `T` (the type parameter only carries the
 * body's type to `readJSON()`).
 *
 * @internal
 * @example
 * transport.request(spec, options, readJSON(runCheck)); // Observable<Run>
 */
export interface BodyCheck<T> {
  (json: unknown): ReadIssue | undefined;
  /** Never set: it carries `T`. */
  readonly body?: T | undefined;
}

// Marked free of side effects: a bundle keeps only the checks its calls use (the Assistants ones, and the event
// checks they bring, stay out of an app that streams Responses).
/* @__NO_SIDE_EFFECTS__ */
function bodyCheck<T>(check: (json: unknown) => ReadIssue | undefined): BodyCheck<T> {
  return check;
}

const issue = (path: string, expected: string, value: unknown): ReadIssue => ({
  path,
  message: `expected ${expected}, got ${jsonKind(value)}`,
});

/** An object with a string `id`, and a string `status` when `withStatus`. */
const identified = (json: unknown, withStatus: boolean): ReadIssue | undefined => {
  if (!isJsonObject(json)) return issue('', 'an object', json);
  if (typeof json['id'] !== 'string') return issue('id', 'a string', json['id']);
  if (withStatus && typeof json['status'] !== 'string') return issue('status', 'a string', json['status']);
  return undefined;
};
/** {@link identified}, without and with `status`: one function each, shared by the checks below. */
const hasId = (json: unknown): ReadIssue | undefined => identified(json, false);
const hasIdAndStatus = (json: unknown): ReadIssue | undefined => identified(json, true);

/**
 * The same checks as the run stream's events (`thread.run.*` and so on): see `event-check.ts`.
 *
 * @internal
 * @example
 * readJSONWithHeaders(runCheck)
 */
export const runCheck = bodyCheck<Run>((json) => assistantEventIssue('thread.run.created', json));
/** @internal @example readJSON(threadCheck) */
export const threadCheck = bodyCheck<Thread>((json) => assistantEventIssue('thread.created', json));
/** @internal @example readJSON(messageCheck) */
export const messageCheck = bodyCheck<Message>((json) => assistantEventIssue('thread.message.created', json));
/** @internal @example listPageCheck(runStepCheck) */
export const runStepCheck = bodyCheck<RunStep>((json) => assistantEventIssue('thread.run.step.created', json));

const completedResponse = responseWireChecks['response.completed']!;
/**
 * A response object as `response.completed` carries it (the non-streaming fallback turns its output into
 * events).
 *
 * @internal
 * @example
 * readJSON(responseCheck)
 */
export const responseCheck = bodyCheck<Response>((json) => {
  // An error object under 200 (`{ error: { message } }`, a proxy's) is no response: a response names itself or
  // has an output (a compatible server may leave its id out of a completed one).
  if (isJsonObject(json) && isJsonObject(json['error']) && json['id'] === undefined && json['output'] === undefined) {
    return issue('id', 'a string', json['id']);
  }
  const found = completedResponse({ type: 'response.completed', response: json });
  return found && { ...found, path: found.path.replace(/^response\.?/, '') };
});

/**
 * A whole chat completion: a string `id` and, per choice, an integer `index`, a `message` object whose
 * `content` (or a list of parts), `refusal` are strings or null and whose `tool_calls` is an array, and `finish_reason` a string or
 * null (what `finalChatCompletion()`'s readers and the streaming fallback read).
 *
 * @internal
 * @example
 * readJSON(chatCompletionCheck)
 */
export const chatCompletionCheck = bodyCheck<ChatCompletion>((json) => {
  if (!isJsonObject(json)) return issue('', 'an object', json);
  if (typeof json['id'] !== 'string') return issue('id', 'a string', json['id']);
  const choices = json['choices'];
  if (!Array.isArray(choices)) return issue('choices', 'an array', choices);
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i];
    if (!isJsonObject(choice)) return issue(`choices.${i}`, 'an object', choice);
    const index = choice['index'];
    if (!Number.isInteger(index) || (index as number) < 0) return issue(`choices.${i}.index`, 'a non-negative integer', index);
    const reason = choice['finish_reason'];
    if (reason !== null && reason !== undefined && typeof reason !== 'string') {
      return issue(`choices.${i}.finish_reason`, 'a string or null', reason);
    }
    const message = choice['message'];
    if (!isJsonObject(message)) return issue(`choices.${i}.message`, 'an object', message);
    for (const key of ['content', 'refusal'] as const) {
      const value = message[key];
      // A content that is a list of parts (Mistral's Magistral) passes as it came: the stream fallback reads it.
      if (value !== null && value !== undefined && typeof value !== 'string' && !(key === 'content' && Array.isArray(value))) {
        return issue(`choices.${i}.message.${key}`, 'a string or null', value);
      }
    }
    const calls = message['tool_calls'];
    if (calls !== null && calls !== undefined && !Array.isArray(calls)) {
      return issue(`choices.${i}.message.tool_calls`, 'an array', calls);
    }
  }
  return undefined;
});

/** @internal @example readJSON(assistantCheck) */
export const assistantCheck = bodyCheck<Assistant>(hasId);
/** @internal @example readJSON(fileCheck) */
export const fileCheck = bodyCheck<FileObject>(hasId);
/** Polling reads `status`. @internal @example readJSON(vectorStoreCheck) */
export const vectorStoreCheck = bodyCheck<VectorStore>(hasIdAndStatus);
/** @internal @example readJSONWithHeaders(vectorStoreFileCheck) */
export const vectorStoreFileCheck = bodyCheck<VectorStoreFile>(hasIdAndStatus);
/** @internal @example readJSONWithHeaders(fileBatchCheck) */
export const fileBatchCheck = bodyCheck<VectorStoreFileBatch>(hasIdAndStatus);

/**
 * A list page: `data` an array of items that pass `item`, `has_more` a boolean (or none: no more pages), `last_id` a
 * string or null (pagination reads both).
 *
 * @internal
 * @example
 * readJSON(listPageCheck(messageCheck)); // Observable<ListPage<Message>>
 */
export function listPageCheck<T>(item: BodyCheck<T>): BodyCheck<ListPage<T>> {
  return bodyCheck<ListPage<T>>((json) => {
    if (!isJsonObject(json)) return issue('', 'an object', json);
    const data = json['data'];
    if (!Array.isArray(data)) return issue('data', 'an array', data);
    // Left out by some compatible servers: no more pages, as the SDK reads it.
    const more = json['has_more'];
    if (more !== undefined && more !== null && typeof more !== 'boolean') return issue('has_more', 'a boolean', more);
    const last = json['last_id'];
    if (last !== null && last !== undefined && typeof last !== 'string') return issue('last_id', 'a string or null', last);
    for (let i = 0; i < data.length; i++) {
      const found = item(data[i]);
      if (found) return { ...found, path: found.path === '' ? `data.${i}` : `data.${i}.${found.path}` };
    }
    return undefined;
  });
}

/**
 * The answer of `DELETE /responses/{id}`: a string `id` (the client reads nothing else).
 *
 * @internal
 * @example
 * readJSON(responseDeletedCheck)
 */
export const responseDeletedCheck = bodyCheck<ResponseDeleted>(hasId);

/**
 * An input item of a stored response (`GET /responses/{id}/input_items`): a string `id` (pagination reads it)
 * and a string `type`.
 *
 * @internal
 * @example
 * readJSON(listPageCheck(responseInputItemCheck))
 */
export const responseInputItemCheck = bodyCheck<ResponseInputListItem>((json) => {
  const found = hasId(json);
  if (found) return found;
  const type = (json as Record<string, unknown>)['type'];
  return typeof type === 'string' ? undefined : issue('type', 'a string', type);
});

/**
 * A conversation (`conv_...`) and the answer of its deletion: a string `id` (the client reads nothing else).
 *
 * @internal
 * @example
 * readJSON(conversationCheck)
 */
export const conversationCheck = bodyCheck<Conversation>(hasId);
/** @internal @example readJSON(conversationDeletedCheck) */
export const conversationDeletedCheck = bodyCheck<ConversationDeleted>(hasId);

/**
 * A conversation item: a string `id` (pagination reads it) and a string `type`, as an input item of a response.
 *
 * @internal
 * @example
 * readJSON(listPageCheck(conversationItemCheck))
 */
export const conversationItemCheck = bodyCheck<ConversationItem>(responseInputItemCheck);

/** `/threads/{thread_id}/messages`: create, list (optionally by `run_id`), retrieve. */
import { badRequest, notFound } from '../api-error.js';
import type { Route } from '../routing.js';
import { paginate } from '../store.js';
import { activeRun, addMessage } from '../thread-messages.js';

/**
 * The messages endpoints.
 *
 * @example
 * const table = [...messageRoutes];
 */
export const messageRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/threads/:thread_id/messages',
    beta: true,
    handle: ({ state, params, body }) => {
      const thread = state.store.threads.get(params['thread_id']!);
      const run = activeRun(state.store, thread.id);
      if (run) throw badRequest(`Can't add messages to ${thread.id} while a run ${run.id} is active.`);
      const message = addMessage(state.store, thread.id, body);
      state.counters.messagesCreated++;
      return message;
    },
  },
  {
    method: 'GET',
    path: '/threads/:thread_id/messages',
    beta: true,
    handle: ({ state, params, query }) => {
      const thread = state.store.threads.get(params['thread_id']!);
      const runId = query.get('run_id');
      const messages = state.store.messages.values(
        (message) => message.thread_id === thread.id && (runId === null || message.run_id === runId),
      );
      return paginate(messages, query);
    },
  },
  {
    method: 'GET',
    path: '/threads/:thread_id/messages/:message_id',
    beta: true,
    handle: ({ state, params }) => {
      const thread = state.store.threads.get(params['thread_id']!);
      const message = state.store.messages.get(params['message_id']!);
      if (message.thread_id !== thread.id) throw notFound('message', message.id);
      return message;
    },
  },
];

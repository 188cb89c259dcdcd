/** `/threads`: create (with initial messages) and retrieve. Runs on threads are in `runs.ts`. */
import type { Thread, ThreadToolResources } from '../../../wire/assistants.js';
import type { JsonObject } from '../body.js';
import { newThread } from '../objects.js';
import type { Route } from '../routing.js';
import type { EmulatorState } from '../state.js';
import { addMessages } from '../thread-messages.js';
import { is, optional } from '../validate.js';

/**
 * Creates a thread from a request body (`{ messages?, metadata?, tool_resources? }`), messages included.
 *
 * @example
 * const thread = createThread(ctx.state, ctx.body);
 */
export function createThread(state: EmulatorState, body: JsonObject): Thread {
  const metadata = optional(body, 'metadata', is.metadata, 'an object') ?? {};
  const toolResources = optional(body, 'tool_resources', is.object, 'an object') as ThreadToolResources | undefined;
  const thread = state.store.threads.add(newThread(state.store.threads.newId(), metadata, toolResources ?? null));
  state.counters.threadsCreated++;
  state.counters.messagesCreated += addMessages(state.store, thread.id, body['messages'], 'messages').length;
  return thread;
}

/**
 * The threads endpoints.
 *
 * @example
 * const table = [...threadRoutes];
 */
export const threadRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/threads',
    beta: true,
    handle: ({ state, body }) => createThread(state, body),
  },
  {
    method: 'GET',
    path: '/threads/:thread_id',
    beta: true,
    handle: ({ state, params }) => state.store.threads.get(params['thread_id']!),
  },
];

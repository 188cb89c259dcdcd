/** `/assistants`: create, retrieve, list. */
import type { ThreadToolResources } from '../../../wire/assistants.js';
import { unixNow, type Assistant } from '../objects.js';
import { checkStrictSchemas } from '../request-checks.js';
import type { Route } from '../routing.js';
import { paginate } from '../store.js';
import { is, optional, optionalResponseFormat, optionalTools, requireString } from '../validate.js';

/**
 * The assistants endpoints.
 *
 * @example
 * const table = [...assistantRoutes, ...threadRoutes];
 */
export const assistantRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/assistants',
    beta: true,
    handle: ({ state, body }) => {
      const assistant: Assistant = {
        id: state.store.assistants.newId(),
        object: 'assistant',
        created_at: unixNow(),
        name: optional(body, 'name', is.stringOrNull, 'a string') ?? null,
        description: optional(body, 'description', is.stringOrNull, 'a string') ?? null,
        model: requireString(body, 'model'),
        instructions: optional(body, 'instructions', is.stringOrNull, 'a string') ?? null,
        tools: optionalTools(body) ?? [],
        tool_resources: (optional(body, 'tool_resources', is.object, 'an object') ?? {}) as ThreadToolResources,
        metadata: optional(body, 'metadata', is.metadata, 'an object') ?? {},
        temperature: optional(body, 'temperature', is.numberOrNull, 'a number') ?? 1,
        top_p: optional(body, 'top_p', is.numberOrNull, 'a number') ?? 1,
        response_format: optionalResponseFormat(body) ?? 'auto',
      };
      checkStrictSchemas(body, state.options.strictRequests);
      state.counters.assistantsCreated++;
      return state.store.assistants.add(assistant);
    },
  },
  {
    method: 'GET',
    path: '/assistants/:assistant_id',
    beta: true,
    handle: ({ state, params }) => state.store.assistants.get(params['assistant_id']!),
  },
  {
    method: 'GET',
    path: '/assistants',
    beta: true,
    handle: ({ state, query }) => paginate(state.store.assistants.values(), query),
  },
];

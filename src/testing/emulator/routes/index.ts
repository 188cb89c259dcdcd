/**
 * The route table: every endpoint the emulator answers, in the order the server tries them (the first route
 * whose method and path pattern match wins, so a literal path such as `/threads/runs` comes before patterns
 * like `/threads/:thread_id`).
 *
 * To add endpoints (Chat Completions, Responses, ...): write `routes/<name>.ts` exporting a `readonly Route[]`
 * (see `../routing.ts` for `Route` and `RouteContext`: path parameters, query, JSON or multipart body, the
 * shared state, and `openEventStream()` for streamed replies, where the stream faults apply), then add it to
 * the list below.
 */
import type { Route } from '../routing.js';
import { assistantRoutes } from './assistants.js';
import { chatRoutes } from './chat.js';
import { conversationRoutes } from './conversations.js';
import { fileRoutes } from './files.js';
import { messageRoutes } from './messages.js';
import { modelRoutes } from './models.js';
import { responseRoutes } from './responses.js';
import { runRoutes } from './runs.js';
import { stepRoutes } from './steps.js';
import { threadRoutes } from './threads.js';
import { vectorStoreRoutes } from './vector-stores.js';

/**
 * Every route of the emulator.
 *
 * @example
 * const server = createApiServer(state, routes, faults, log);
 */
export const routes: readonly Route[] = [
  ...assistantRoutes,
  ...runRoutes,
  ...stepRoutes,
  ...messageRoutes,
  ...threadRoutes,
  ...fileRoutes,
  ...vectorStoreRoutes,
  ...chatRoutes,
  ...responseRoutes,
  ...conversationRoutes,
  ...modelRoutes,
];

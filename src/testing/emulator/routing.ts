/**
 * The route table's vocabulary: a {@link Route} is a method, a path pattern relative to `/v1` (`:name` segments
 * are parameters) and a handler. The table itself is `routes/index.ts`; the server finds the first route whose
 * method and pattern match.
 */
import type { StreamDialect } from './event-stream.js';
import type { JsonObject, MultipartForm } from './body.js';
import type { AnswerFault } from './faults.js';
import type { EventSink } from './sse.js';
import type { EmulatorState } from './state.js';
import type { AnswerFacts, PlannedAnswer, ScriptedApi } from './scripted-answers.js';

/**
 * What a handler gets.
 *
 * @example
 * const handle = ({ state, params, query }: RouteContext) =>
 *   paginate(state.store.runs.values((run) => run.thread_id === params['thread_id']), query);
 */
export interface RouteContext {
  /** The request's method (`'POST'`). */
  readonly method: string;
  /** The request's full path, without its query (`'/v1/chat/completions'`). */
  readonly path: string;
  /** The path parameters (`{ thread_id: 'thread_...' }`). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The JSON body (`{}` when empty; also `{}` for multipart routes). */
  readonly body: JsonObject;
  /** The multipart form, for routes with `body: 'multipart'`. */
  readonly form: MultipartForm | undefined;
  readonly state: EmulatorState;
  /**
   * Answers with an event stream (headers go out now, the request's stream faults apply). The handler's return
   * value is then ignored; it sends the blocks and ends the sink when the stream is over.
   */
  openEventStream(dialect?: StreamDialect): EventSink;
  /**
   * The `responseFailed` fault this request meets (from its `x-emulator-fault` header, else an injected one),
   * counted as applied: a route that can fail asks once; other routes never take one.
   */
  answerFault(): Extract<AnswerFault, { kind: 'responseFailed' }> | undefined;
}

/**
 * One endpoint. The handler returns the JSON body of a 200 reply (or opens an event stream), and throws an
 * `ApiErrorReply` for an error reply.
 *
 * @example
 * const retrieveThread: Route = {
 *   method: 'GET',
 *   path: '/threads/:thread_id',
 *   beta: true,
 *   handle: ({ state, params }) => state.store.threads.get(params['thread_id']!),
 * };
 */
export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path after `/v1`, with `:name` parameters: `/threads/:thread_id/runs`. */
  readonly path: string;
  /** Whether the request needs `OpenAI-Beta: assistants=v2` (the Assistants API). */
  readonly beta?: boolean | undefined;
  /** How the body is read: JSON (default) or `multipart/form-data`. */
  readonly body?: 'json' | 'multipart' | undefined;
  readonly handle: (ctx: RouteContext) => unknown;
}

/** A route and the parameters its pattern captured. */
interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/**
 * Compiles a table into a matcher of `(method, path after /v1)`.
 *
 * @example
 * const match = routeMatcher(routes);
 * match('GET', '/threads/thread_1')?.params; // { thread_id: 'thread_1' }
 */
export function routeMatcher(routes: readonly Route[]): (method: string, path: string) => RouteMatch | undefined {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}/?$`) };
  });
  return (method, path) => {
    for (const { route, names, regex } of compiled) {
      if (route.method !== method) continue;
      const found = regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1]!)));
      return { route, params };
    }
    return undefined;
  };
}

/**
 * The scripted answer (if any) of the request a route handles, taken (counted as used) now: a route asks once,
 * when it is about to answer (a request it refuses uses none up).
 *
 * @example
 * const scripted = scriptedAnswerOf(ctx, 'chat', { input: request.userText, tools: [], toolOutputs: [] });
 */
export function scriptedAnswerOf(ctx: RouteContext, api: ScriptedApi, facts: AnswerFacts): PlannedAnswer | undefined {
  return scriptedAnswerMatch(ctx, api, facts)?.take();
}

/**
 * The scripted answer (if any) of the request a route handles, matched now and taken (counted as used) when the
 * route calls `take()`: for a route that decides after matching whether it answers with it (a model failure keeps
 * it for the next request). A `when` predicate that throws fails the request here, before the route took anything.
 *
 * @example
 * const match = scriptedAnswerMatch(ctx, 'responses', facts);
 * const failed = ctx.answerFault();
 * const scripted = failed ? undefined : match?.take();
 */
export function scriptedAnswerMatch(ctx: RouteContext, api: ScriptedApi, facts: AnswerFacts): { take(): PlannedAnswer } | undefined {
  return ctx.state.answers.find({ api, method: ctx.method, path: ctx.path, body: ctx.body, ...facts });
}

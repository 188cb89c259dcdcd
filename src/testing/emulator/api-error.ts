/**
 * The API's error replies: `{ "error": { "message", "type", "param", "code" } }` with an HTTP status. Route
 * handlers throw an {@link ApiErrorReply}; the server turns it into the response.
 */

/**
 * The body of every error response, as the API sends it.
 *
 * @example
 * const body: ApiErrorBody = {
 *   error: { message: 'Invalid URL (GET /v1/x)', type: 'invalid_request_error', param: null, code: null },
 * };
 */
export interface ApiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An error reply a route handler throws (internal to the emulator: users see it as an HTTP response).
 *
 * @example
 * throw new ApiErrorReply(404, "No thread found with id 'thread_x'.");
 */
export class ApiErrorReply extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiErrorReply';
  }

  /**
   * The JSON body of the reply.
   *
   * @example
   * new ApiErrorReply(400, 'bad').body(); // { error: { message: 'bad', type: 'invalid_request_error', ... } }
   */
  body(): ApiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/**
 * 400 for a request the API rejects (`param` names the offending field).
 *
 * @example
 * throw badRequest("Missing required parameter: 'assistant_id'.", 'assistant_id', 'missing_required_parameter');
 */
export function badRequest(message: string, param: string | null = null, code: string | null = null): ApiErrorReply {
  return new ApiErrorReply(400, message, 'invalid_request_error', param, code);
}

/**
 * 400 for a missing field: `Missing required parameter: 'assistant_id'.`
 *
 * @example
 * if (body['assistant_id'] === undefined) throw missingParameter('assistant_id');
 */
export function missingParameter(param: string): ApiErrorReply {
  return badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

/**
 * 404 for an unknown object: `No thread found with id 'thread_x'.`
 *
 * @example
 * throw notFound('thread', 'thread_x');
 */
export function notFound(noun: string, id: string): ApiErrorReply {
  return new ApiErrorReply(404, `No ${noun} found with id '${id}'.`);
}

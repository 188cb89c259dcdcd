import { OpenAIStreamError } from './base.js';
import { maskedExcerpt, redactSecrets, textOf } from './excerpt.js';

/**
 * The `error` object of an API error body: `{ "error": { message, type, param, code } }`.
 *
 * @example
 * client.responses.retrieve('resp_missing').subscribe({
 *   error: (e) => { if (e instanceof APIError) console.log(e.error?.code, e.error?.message); },
 * });
 */
export interface APIErrorBody {
  message?: string | undefined;
  type?: string | undefined;
  param?: string | null | undefined;
  code?: string | null | undefined;
  [key: string]: unknown;
}

/**
 * The API answered with an HTTP error. `status`, the `x-request-id` as `requestId`, and the API's `error` body
 * are kept; the message is the API's own (credentials in it masked: a proxy may echo the `Authorization` header). Subclasses name the common statuses, so
 * `e instanceof RateLimitError` reads like the intent.
 *
 * @example
 * client.responses.retrieve('resp_missing').subscribe({
 *   error: (e) => { if (e instanceof NotFoundError) console.log(e.status, e.requestId, e.error?.message); },
 * });
 */
export class APIError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'APIError';
  /** The HTTP status code. */
  declare readonly status: number;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The `x-request-id` response header, to quote when asking OpenAI for help. */
  declare readonly requestId: string | undefined;
  /** The `error` object of the body, when the body was the API's JSON error shape. */
  declare readonly error: APIErrorBody | undefined;
  /** `error.code`, e.g. `invalid_api_key`. */
  declare readonly code: string | null | undefined;
  /** `error.type`, e.g. `invalid_request_error`. */
  declare readonly type: string | undefined;
  /** `error.param`, the request parameter at fault. */
  declare readonly param: string | null | undefined;

  constructor(status: number, headers: Headers, body: string, where?: string) {
    // Credentials a proxy echoed are masked, in the message and in the body's fields (a logger writes them all).
    const error = parseErrorBody(redactSecrets(body));
    // As the SDK words it: the body's message, else (none, or `null`) the whole error object, else the body.
    const message: unknown = error?.message;
    const what = message ? (typeof message === 'string' ? message : textOf(message)) : error ? textOf(error) : body;
    // The API's words up to 1,000 characters, a page that is not its JSON (a proxy's HTML) to 200.
    super(`${status} ${what ? maskedExcerpt(what, error ? 1000 : 200) : 'no body'}${where ? ` (${where})` : ''}`);
    this.status = status;
    this.headers = headers;
    this.requestId = headers.get('x-request-id') ?? undefined;
    this.error = error;
    this.code = error?.code;
    this.type = error?.type;
    this.param = error?.param;
  }

  /**
   * Builds the subclass that matches `status` (400 → {@link BadRequestError}, 401, 403, 404, 409, 422, 429,
   * 5xx → {@link InternalServerError}, anything else → `APIError`).
   *
   * @example
   * const error = APIError.from(404, response.headers, await response.text());
   * error instanceof NotFoundError; // true
   */
  static from(status: number, headers: Headers, body: string, where?: string): APIError {
    const Class = classForStatus(status);
    return new Class(status, headers, body, where);
  }

  /**
   * {@link APIError.from} an error `response`, its body read up to 64 KiB (a proxy's 50 MB error page is not held
   * for an excerpt; the rest is cancelled). A body that cannot be read counts as none.
   *
   * @example
   * if (!response.ok) throw await APIError.fromResponse(response, 'POST /responses');
   */
  static async fromResponse(response: Response, where?: string): Promise<APIError> {
    const body = await boundedText(response).catch(() => '');
    return APIError.from(response.status, response.headers, body, where);
  }
}

/** How much of an error body is read: the API's error JSON is small, and a message shows an excerpt anyway. */
const MAX_ERROR_BODY = 64 * 1024;

/** The text of `response`'s body, at most about {@link MAX_ERROR_BODY} characters; the rest is cancelled. */
async function boundedText(response: Response): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length >= MAX_ERROR_BODY) {
      reader.cancel().catch(() => undefined);
      return text;
    }
  }
}

/** HTTP 400: the request was malformed. @example if (e instanceof BadRequestError) fixParams(e.param); */
export class BadRequestError extends APIError {
  override readonly name: string = 'BadRequestError';
}
/** HTTP 401: the API key is missing or wrong. @example if (e instanceof AuthenticationError) askForKey(); */
export class AuthenticationError extends APIError {
  override readonly name: string = 'AuthenticationError';
}
/** HTTP 403: the key may not use this resource. @example if (e instanceof PermissionDeniedError) showAccessError(); */
export class PermissionDeniedError extends APIError {
  override readonly name: string = 'PermissionDeniedError';
}
/** HTTP 404: no such object (thread, run, file, ...). @example if (e instanceof NotFoundError) forgetThread(); */
export class NotFoundError extends APIError {
  override readonly name: string = 'NotFoundError';
}
/** HTTP 409: a conflict, such as a run already active on the thread. @example if (e instanceof ConflictError) later(); */
export class ConflictError extends APIError {
  override readonly name: string = 'ConflictError';
}
/** HTTP 422: the request was understood but cannot be processed. @example if (e instanceof UnprocessableEntityError) log(e); */
export class UnprocessableEntityError extends APIError {
  override readonly name: string = 'UnprocessableEntityError';
}
/** HTTP 429: rate limited; the client retries these with backoff. @example if (e instanceof RateLimitError) slowDown(); */
export class RateLimitError extends APIError {
  override readonly name: string = 'RateLimitError';
}
/** HTTP 5xx: the server failed. @example if (e instanceof InternalServerError) showOutage(); */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError';
}

/**
 * No HTTP response arrived: DNS, TCP, TLS or a reset before the headers. `cause` is the underlying error.
 *
 * @example
 * client.conversations.create().subscribe({ error: (e) => e instanceof APIConnectionError && showOffline() });
 */
export class APIConnectionError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'APIConnectionError';
  constructor(message = 'Connection error', options?: { cause?: unknown }) {
    super(message, options);
  }
}

function classForStatus(status: number): typeof APIError {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
}

const CLASS_BY_STATUS: Readonly<Record<number, typeof APIError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function parseErrorBody(body: string): APIErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const inner = (parsed as { error?: unknown }).error;
    if (typeof inner === 'object' && inner !== null) return inner as APIErrorBody;
    if (typeof inner === 'string') return { message: inner };
    // Without an `error` (vLLM's, a gateway's `{ message, code }`), the body is the error, as the SDK reads it.
    return inner == null ? (parsed as APIErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

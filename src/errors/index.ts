export { OpenAIStreamError } from './base.js';
export {
  StreamParseError,
  StreamBufferOverflowError,
  AssistantStreamError,
  IncompleteStreamError,
  SnapshotError,
  MissingRunError,
  StreamTimeoutError,
  type StreamTimeoutKind,
} from './stream-errors.js';
export {
  APIError,
  type APIErrorBody,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
} from './api-errors.js';

export { OpenAIStreamError } from './base.js';
export {
  StreamParseError,
  StreamBufferOverflowError,
  ServerStreamError,
  AssistantStreamError,
  ChatCompletionStreamError,
  ResponseStreamError,
  IncompleteStreamError,
  SnapshotError,
  MissingStreamStartError,
  MissingRunError,
  MissingCompletionError,
  MissingResponseError,
  StreamTimeoutError,
  type StreamTimeoutKind,
  StreamNotEstablishedError,
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
export {
  StructuredOutputError,
  type StructuredOutputErrorReason,
  StructuredOutputParseError,
  StructuredOutputValidationError,
  StructuredOutputRefusalError,
  StructuredOutputIncompleteError,
  StructuredOutputUnknownToolError,
  StructuredOutputToolCallsError,
  StructuredOutputSchemaError,
} from './structured-errors.js';
export { ResponseDivergedError, ResponseNotRetrievableError, ResponseResumeExpiredError } from './resume-errors.js';
export {
  ToolLoopMaxStepsError,
  ToolLoopToolError,
  ToolLoopIncompleteError,
  ToolLoopDefinitionError,
} from './tool-loop-errors.js';
export { ListPaginationError } from './page-errors.js';
export { AppRequestFailure } from './app-request-failure.js';
export { APIKeyProviderError } from './api-key-errors.js';

/**
 * rx-openai-stream: OpenAI streams as RxJS Observables.
 *
 * Sources turn bytes into typed events (`fromSSE`, `assistantEvents`, `chatCompletionChunks`, `responseEvents`,
 * `fromOpenAIStream`, and for newline-delimited JSON `assistantEventsFromNdjson`, `chatCompletionChunksFromNdjson`,
 * `responseEventsFromNdjson`); operators do what the official SDKs' handlers, accessors and final getters do
 * (`textDeltas`, `accumulateSnapshots`, `handleEvents`, `finalMessages`, `accumulateChatCompletion`,
 * `finalChatCompletion`, `chatCompletionEvents`, `accumulateResponse`, `finalResponse`, ...), and
 * `streamMetrics` measures any of them.
 *
 * @example
 * import { share } from 'rxjs';
 * import { assistantEvents, textDeltas, finalMessages } from 'rx-openai-stream';
 *
 * const events$ = assistantEvents(response).pipe(share());
 * events$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * events$.pipe(finalMessages()).subscribe((messages) => save(messages));
 *
 * @packageDocumentation
 */

// Errors
export * from './errors/index.js';

// Sources
export type { ServerSentEvent } from './sources/server-sent-event.js';
export type { ByteSource, ByteStream, ByteStreamFactory } from './sources/byte-source.js';
export { fromSSE, type FromSSEOptions } from './sources/from-sse.js';
export { DEFAULT_MAX_BUFFER_SIZE } from './sources/byte-source.js';
export { fromOpenAIStream, type AdoptableStream, type StreamSource } from './sources/from-openai-stream.js';
export type { ConformanceSchema } from './sources/decode-json-event.js';

// Assistants
export { assistantEvents, type AssistantEventsOptions } from './assistants/assistant-events.js';
export {
  assistantEventsFromNdjson,
  type AssistantEventsFromNdjsonOptions,
} from './assistants/assistant-events-from-ndjson.js';
export { type AssistantStreamState, initialAssistantStreamState } from './assistants/snapshot/state.js';
export { assistantStreamReducer } from './assistants/snapshot/reducer.js';
export { accumulateSnapshots } from './assistants/operators/accumulate-snapshots.js';
export { ofEventType } from './operators/of-event-type.js';
export { messageDeltas, type MessageDeltaWithSnapshot } from './assistants/operators/message-deltas.js';
export { runStepDeltas, type RunStepDeltaWithSnapshot } from './assistants/operators/run-step-deltas.js';
export { codeInterpreterDeltas, type CodeInterpreterDelta } from './assistants/operators/code-interpreter.js';
export { finalRun } from './assistants/operators/final-run.js';
export { finalMessages } from './assistants/operators/final-messages.js';
export { finalRunSteps } from './assistants/operators/final-run-steps.js';
export { untilDone } from './assistants/operators/until-done.js';
export { handleEvents } from './assistants/operators/handle-events.js';
export type { AssistantStreamHandler, HandlerCallback } from './assistants/operators/assistant-stream-handler.js';
export { AssistantEventHandler } from './assistants/operators/assistant-event-handler.js';

// Chat Completions
export { chatCompletionChunks, type ChatCompletionChunksOptions } from './chat/chat-completion-chunks.js';
export {
  chatCompletionChunksFromNdjson,
  type ChatCompletionChunksFromNdjsonOptions,
} from './chat/chat-completion-chunks-from-ndjson.js';
export type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChatCompletionSnapshotToolCall,
} from './chat/snapshot/state.js';
export { chatCompletionReducer, MAX_CHAT_INDEX } from './chat/snapshot/reducer.js';
export { finalizeChatCompletion } from './chat/snapshot/finalize.js';
export { accumulateChatCompletion } from './chat/operators/accumulate-chat-completion.js';
export { finalChatCompletion } from './chat/operators/final-chat-completion.js';
export {
  chatCompletionEvents,
  type ChatCompletionStreamEvent,
  type ChatCompletionStreamEventType,
  type ChatContentDeltaEvent,
  type ChatContentDoneEvent,
  type ChatRefusalDeltaEvent,
  type ChatRefusalDoneEvent,
  type ChatToolCallArgumentsDeltaEvent,
  type ChatToolCallArgumentsDoneEvent,
  type ChatLogprobsContentDeltaEvent,
  type ChatLogprobsContentDoneEvent,
  type ChatLogprobsRefusalDeltaEvent,
  type ChatLogprobsRefusalDoneEvent,
} from './chat/operators/chat-completion-events.js';

// Responses
export { responseEvents, type ResponseEventsOptions } from './responses/response-events.js';
export {
  responseEventsFromNdjson,
  type ResponseEventsFromNdjsonOptions,
} from './responses/response-events-from-ndjson.js';
export type { ResponseSnapshot } from './responses/snapshot/state.js';
export { responseReducer, MAX_ANNOTATION_INDEX, outputPosition } from './responses/snapshot/reducer.js';
export { responseWireChecks, type WireCheck, type WireProblem } from './schema/responses/wire-checks.js';
export { accumulateResponse } from './responses/operators/accumulate-response.js';
export { finalResponse } from './responses/operators/final-response.js';

// Operators for every kind of stream
export { type StreamValue, type StreamKind, streamKindOf } from './operators/stream-value.js';
export { textDeltas, type TextDeltasOptions } from './operators/text-deltas.js';
export {
  toolCallDeltas,
  type ToolCallDeltaOf,
  type ToolCallDeltaWithSnapshot,
  type ChatToolCallDeltaWithSnapshot,
  type ResponseToolCallDeltaWithSnapshot,
} from './operators/tool-call-deltas.js';
export { streamMetrics, type StreamMetrics, type StreamMetricsOptions } from './operators/stream-metrics.js';
export type { TokenUsage, ToolLoopUsage } from './protocols/protocol.js';
export {
  mergeKeyed,
  mergeKeyedStreams,
  type KeyedStream,
  type KeyedView,
  type MergedView,
  type StreamEntry,
  type StreamEntryStatus,
} from './operators/merge-keyed.js';

// Client
export { type AssistantsStreamClient, createAssistantsClient, createClient, type OpenAIStreamClient } from './client/create-client.js';
export type { APIKey, ClientOptions, HeadersOption, PendingTasksLike, RequestOptions } from './client/options.js';
export { RUN_CALL_METADATA_KEY } from './client/run-attempts.js';
export type {
  StreamRecoveryInfo,
  StreamFallbackInfo,
  RunStreamOptions,
} from './client/protocols/assistants.js';
export type * from './client/params.js';
export type { WithHeaders } from './client/readers.js';
export type { AssistantsResource } from './client/resources/assistants.js';
export type {
  ChatResource,
  ChatCompletionsResource,
  ChatCompletionCreateParams,
  ChatCompletionCreateFields,
  ChatCompletionMessageParam,
  ChatStreamOptions,
} from './client/resources/chat.js';
export type { ResponsesResource, ResponseCreateFields, ResponseCreateParams, ResponseStreamOptions } from './client/resources/responses.js';
export type {
  ResponseStreamByIdParams,
  ResponseRetrieveParams,
  ResponseDeleted,
  ResponseInputListItem,
  ResponseInputItemListParams,
  ResponseInputItemsResource,
} from './client/resources/responses.js';
export type { ResponseRecoveryInfo } from './client/recovery/resume-response.js';
export type { ConversationsResource, ConversationItemsResource } from './client/resources/conversations.js';
export type * from './wire/conversations.js';
export type { FilesResource } from './client/resources/files.js';
export type { ThreadsResource, RunsResource, MessagesResource, StepsResource } from './client/resources/threads.js';
export type {
  VectorStoresResource,
  VectorStoreFilesResource,
  FileBatchesResource,
} from './client/resources/vector-stores.js';

// Polling
export { pollUntilTerminal, pollAfterMs, type Polled, type PollUntilTerminalOptions } from './polling/poll-until-terminal.js';
export { RUN_POLL_TERMINAL_STATUSES, FILE_POLL_TERMINAL_STATUSES } from './polling/terminal-states.js';

// Wire types: declared interfaces of what the APIs send (the zod schemas that check full OpenAPI conformance are
// opt-in, in the `rx-openai-stream/schemas` subpath). Responses tools, tool choice and text settings, whose
// official names such as `FunctionTool` are the Assistants API's too, are in the `Responses` namespace
// (`Responses.FunctionTool`), with every other Responses type.
export type * from './wire/assistants.js';
export type * from './wire/assistant-events.js';
export type * from './wire/chat.js';
export type * from './wire/responses.js';
export type * from './wire/response-events.js';
export type * from './wire/resources.js';
export type * from './wire/list-page.js';
/**
 * Every type of the Responses API (objects, stream events and their map, tools) in one namespace, since some
 * official names (`FunctionTool`, ...) are the Assistants API's too.
 *
 * @example
 * import type { Responses } from 'rx-openai-stream';
 * const tool: Responses.FunctionTool = { type: 'function', name: 'get_weather', parameters: {}, strict: true };
 */
export type * as Responses from './wire/responses-api.js';
export * from './assistants/event-names.js';
export {
  isTerminalRunStatus,
  RUN_SETTLED_STATUSES,
  TERMINAL_RUN_STATUSES,
  type TerminalRunStatus,
} from './assistants/run-statuses.js';
export {
  isResponseLifecycleEvent,
  RESPONSE_LIFECYCLE_EVENT_TYPES,
  type ResponseLifecycleEvent,
  type ResponseLifecycleEventType,
} from './responses/lifecycle-events.js';

// Relay: an event stream re-served as `text/event-stream` to browsers (fetch-style and node:http), with resume.
export {
  toEventStreamFrames,
  describeUpstreamError,
  DEFAULT_HEARTBEAT_MS,
  type RelayFormat,
  type RelayedError,
  type EventStreamFramesOptions,
} from './relay/event-stream-frames.js';
export { toEventStreamBody, DEFAULT_RELAY_BUFFER_SIZE, type EventStreamBodyOptions } from './relay/event-stream-body.js';
export { toNdjsonBody, type NdjsonBodyOptions } from './relay/ndjson-body.js';
export { toEventStreamResponse, EVENT_STREAM_HEADERS, type EventStreamResponseOptions } from './relay/event-stream-response.js';
export { resumableEventStream, type RelayFactory } from './relay/resumable-handler.js';
export { omitResponseFields, SERVER_SIDE_RESPONSE_FIELDS } from './relay/omit-response-fields.js';
export {
  relayToNodeResponse,
  type NodeRelayOptions,
  type NodeRequestLike,
  type NodeResponseLike,
} from './relay/node-http.js';

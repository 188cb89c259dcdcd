/**
 * Every event of a Responses API stream by its `type` (which is also its SSE `event:` name), and the unions
 * derived from that map. The event interfaces themselves are in `./responses.ts`.
 *
 * @example
 * import type { ResponseStreamEvent } from 'rx-openai-stream';
 * const onEvent = (e: ResponseStreamEvent) => e.type === 'response.output_text.delta' && write(e.delta);
 * @packageDocumentation
 */
import type {
  ResponseAudioDeltaEvent,
  ResponseAudioDoneEvent,
  ResponseAudioTranscriptDeltaEvent,
  ResponseAudioTranscriptDoneEvent,
  ResponseCodeInterpreterCallCodeDeltaEvent,
  ResponseCodeInterpreterCallCodeDoneEvent,
  ResponseCodeInterpreterCallCompletedEvent,
  ResponseCodeInterpreterCallInProgressEvent,
  ResponseCodeInterpreterCallInterpretingEvent,
  ResponseCompactionCompactingEvent,
  ResponseCompletedEvent,
  ResponseContentPartAddedEvent,
  ResponseContentPartDoneEvent,
  ResponseCreatedEvent,
  ResponseCustomToolCallInputDeltaEvent,
  ResponseCustomToolCallInputDoneEvent,
  ResponseErrorEvent,
  ResponseFailedEvent,
  ResponseFileSearchCallCompletedEvent,
  ResponseFileSearchCallInProgressEvent,
  ResponseFileSearchCallSearchingEvent,
  ResponseFunctionCallArgumentsDeltaEvent,
  ResponseFunctionCallArgumentsDoneEvent,
  ResponseImageGenCallCompletedEvent,
  ResponseImageGenCallGeneratingEvent,
  ResponseImageGenCallInProgressEvent,
  ResponseImageGenCallPartialImageEvent,
  ResponseInProgressEvent,
  ResponseIncompleteEvent,
  ResponseMcpCallArgumentsDeltaEvent,
  ResponseMcpCallArgumentsDoneEvent,
  ResponseMcpCallCompletedEvent,
  ResponseMcpCallFailedEvent,
  ResponseMcpCallInProgressEvent,
  ResponseMcpListToolsCompletedEvent,
  ResponseMcpListToolsFailedEvent,
  ResponseMcpListToolsInProgressEvent,
  ResponseOutputItemAddedEvent,
  ResponseOutputItemDoneEvent,
  ResponseOutputTextAnnotationAddedEvent,
  ResponseQueuedEvent,
  ResponseReasoningSummaryPartAddedEvent,
  ResponseReasoningSummaryPartDoneEvent,
  ResponseReasoningSummaryTextDeltaEvent,
  ResponseReasoningSummaryTextDoneEvent,
  ResponseReasoningTextDeltaEvent,
  ResponseReasoningTextDoneEvent,
  ResponseRefusalDeltaEvent,
  ResponseRefusalDoneEvent,
  ResponseShellCallCommandAddedEvent,
  ResponseShellCallCommandDeltaEvent,
  ResponseShellCallCommandDoneEvent,
  ResponseShellCallOutputContentDeltaEvent,
  ResponseShellCallOutputContentDoneEvent,
  ResponseTextDeltaEvent,
  ResponseTextDoneEvent,
  ResponseWebSearchCallCompletedEvent,
  ResponseWebSearchCallInProgressEvent,
  ResponseWebSearchCallSearchingEvent,
} from './responses.js';

/**
 * The event of each `type` of a Responses stream, `error` included (it ends the stream with a
 * `ResponseStreamError` instead of being emitted).
 *
 * @example
 * type Delta = ResponseEventDataMap['response.output_text.delta']; // ResponseTextDeltaEvent
 */
export interface ResponseEventDataMap {
  error: ResponseErrorEvent;
  'response.audio.delta': ResponseAudioDeltaEvent;
  'response.audio.done': ResponseAudioDoneEvent;
  'response.audio.transcript.delta': ResponseAudioTranscriptDeltaEvent;
  'response.audio.transcript.done': ResponseAudioTranscriptDoneEvent;
  'response.code_interpreter_call.completed': ResponseCodeInterpreterCallCompletedEvent;
  'response.code_interpreter_call.in_progress': ResponseCodeInterpreterCallInProgressEvent;
  'response.code_interpreter_call.interpreting': ResponseCodeInterpreterCallInterpretingEvent;
  'response.code_interpreter_call_code.delta': ResponseCodeInterpreterCallCodeDeltaEvent;
  'response.code_interpreter_call_code.done': ResponseCodeInterpreterCallCodeDoneEvent;
  'response.compaction.compacting': ResponseCompactionCompactingEvent;
  'response.completed': ResponseCompletedEvent;
  'response.content_part.added': ResponseContentPartAddedEvent;
  'response.content_part.done': ResponseContentPartDoneEvent;
  'response.created': ResponseCreatedEvent;
  'response.custom_tool_call_input.delta': ResponseCustomToolCallInputDeltaEvent;
  'response.custom_tool_call_input.done': ResponseCustomToolCallInputDoneEvent;
  'response.failed': ResponseFailedEvent;
  'response.file_search_call.completed': ResponseFileSearchCallCompletedEvent;
  'response.file_search_call.in_progress': ResponseFileSearchCallInProgressEvent;
  'response.file_search_call.searching': ResponseFileSearchCallSearchingEvent;
  'response.function_call_arguments.delta': ResponseFunctionCallArgumentsDeltaEvent;
  'response.function_call_arguments.done': ResponseFunctionCallArgumentsDoneEvent;
  'response.image_generation_call.completed': ResponseImageGenCallCompletedEvent;
  'response.image_generation_call.generating': ResponseImageGenCallGeneratingEvent;
  'response.image_generation_call.in_progress': ResponseImageGenCallInProgressEvent;
  'response.image_generation_call.partial_image': ResponseImageGenCallPartialImageEvent;
  'response.in_progress': ResponseInProgressEvent;
  'response.incomplete': ResponseIncompleteEvent;
  'response.mcp_call.completed': ResponseMcpCallCompletedEvent;
  'response.mcp_call.failed': ResponseMcpCallFailedEvent;
  'response.mcp_call.in_progress': ResponseMcpCallInProgressEvent;
  'response.mcp_call_arguments.delta': ResponseMcpCallArgumentsDeltaEvent;
  'response.mcp_call_arguments.done': ResponseMcpCallArgumentsDoneEvent;
  'response.mcp_list_tools.completed': ResponseMcpListToolsCompletedEvent;
  'response.mcp_list_tools.failed': ResponseMcpListToolsFailedEvent;
  'response.mcp_list_tools.in_progress': ResponseMcpListToolsInProgressEvent;
  'response.output_item.added': ResponseOutputItemAddedEvent;
  'response.output_item.done': ResponseOutputItemDoneEvent;
  'response.output_text.annotation.added': ResponseOutputTextAnnotationAddedEvent;
  'response.output_text.delta': ResponseTextDeltaEvent;
  'response.output_text.done': ResponseTextDoneEvent;
  'response.queued': ResponseQueuedEvent;
  'response.reasoning_summary_part.added': ResponseReasoningSummaryPartAddedEvent;
  'response.reasoning_summary_part.done': ResponseReasoningSummaryPartDoneEvent;
  'response.reasoning_summary_text.delta': ResponseReasoningSummaryTextDeltaEvent;
  'response.reasoning_summary_text.done': ResponseReasoningSummaryTextDoneEvent;
  'response.reasoning_text.delta': ResponseReasoningTextDeltaEvent;
  'response.reasoning_text.done': ResponseReasoningTextDoneEvent;
  'response.refusal.delta': ResponseRefusalDeltaEvent;
  'response.refusal.done': ResponseRefusalDoneEvent;
  'response.shell_call_command.added': ResponseShellCallCommandAddedEvent;
  'response.shell_call_command.delta': ResponseShellCallCommandDeltaEvent;
  'response.shell_call_command.done': ResponseShellCallCommandDoneEvent;
  'response.shell_call_output_content.delta': ResponseShellCallOutputContentDeltaEvent;
  'response.shell_call_output_content.done': ResponseShellCallOutputContentDoneEvent;
  'response.web_search_call.completed': ResponseWebSearchCallCompletedEvent;
  'response.web_search_call.in_progress': ResponseWebSearchCallInProgressEvent;
  'response.web_search_call.searching': ResponseWebSearchCallSearchingEvent;
}

/**
 * Every event `type` of a Responses stream, `error` included.
 *
 * @example
 * 'error' satisfies ResponseEventDataType
 */
export type ResponseEventDataType = keyof ResponseEventDataMap;

/**
 * The `type` of an event emitted as a value: every type but `error`.
 *
 * @example
 * 'response.completed' satisfies ResponseStreamEventType
 */
export type ResponseStreamEventType = Exclude<ResponseEventDataType, 'error'>;

/**
 * The event whose `type` is `K`.
 *
 * @example
 * type Delta = ResponseStreamEventOf<'response.output_text.delta'>; // ResponseTextDeltaEvent
 */
export type ResponseStreamEventOf<K extends ResponseEventDataType> = ResponseEventDataMap[K];

/**
 * One event of a Responses stream, discriminated by `type` (`error` excluded: it ends the stream with a
 * `ResponseStreamError` instead).
 *
 * @example
 * function onEvent(e: ResponseStreamEvent) {
 *   if (e.type === 'response.output_text.delta') process.stdout.write(e.delta);
 * }
 */
export type ResponseStreamEvent = ResponseEventDataMap[ResponseStreamEventType];

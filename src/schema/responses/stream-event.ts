/**
 * Every event of a Responses API stream, by `type` (which is also the SSE `event:` name), with the schema of its
 * JSON. The event types are derived from this map, never restated.
 */
import type { z } from 'zod';
import type { Response } from './response.js';
import {
  ResponseAudioDeltaEventSchema,
  ResponseAudioDoneEventSchema,
  ResponseAudioTranscriptDeltaEventSchema,
  ResponseAudioTranscriptDoneEventSchema,
  ResponseCodeInterpreterCallCodeDeltaEventSchema,
  ResponseCodeInterpreterCallCodeDoneEventSchema,
  ResponseCodeInterpreterCallCompletedEventSchema,
  ResponseCodeInterpreterCallInProgressEventSchema,
  ResponseCodeInterpreterCallInterpretingEventSchema,
  ResponseCompletedEventSchema,
  ResponseContentPartAddedEventSchema,
  ResponseContentPartDoneEventSchema,
  ResponseCreatedEventSchema,
  ResponseCustomToolCallInputDeltaEventSchema,
  ResponseCustomToolCallInputDoneEventSchema,
  ResponseErrorEventSchema,
  ResponseFailedEventSchema,
  ResponseFileSearchCallCompletedEventSchema,
  ResponseFileSearchCallInProgressEventSchema,
  ResponseFileSearchCallSearchingEventSchema,
  ResponseFunctionCallArgumentsDeltaEventSchema,
  ResponseFunctionCallArgumentsDoneEventSchema,
  ResponseImageGenCallCompletedEventSchema,
  ResponseImageGenCallGeneratingEventSchema,
  ResponseImageGenCallInProgressEventSchema,
  ResponseImageGenCallPartialImageEventSchema,
  ResponseInProgressEventSchema,
  ResponseIncompleteEventSchema,
  ResponseMcpCallArgumentsDeltaEventSchema,
  ResponseMcpCallArgumentsDoneEventSchema,
  ResponseMcpCallCompletedEventSchema,
  ResponseMcpCallFailedEventSchema,
  ResponseMcpCallInProgressEventSchema,
  ResponseMcpListToolsCompletedEventSchema,
  ResponseMcpListToolsFailedEventSchema,
  ResponseMcpListToolsInProgressEventSchema,
  ResponseOutputItemAddedEventSchema,
  ResponseOutputItemDoneEventSchema,
  ResponseOutputTextAnnotationAddedEventSchema,
  ResponseQueuedEventSchema,
  ResponseReasoningSummaryPartAddedEventSchema,
  ResponseReasoningSummaryPartDoneEventSchema,
  ResponseReasoningSummaryTextDeltaEventSchema,
  ResponseReasoningSummaryTextDoneEventSchema,
  ResponseReasoningTextDeltaEventSchema,
  ResponseReasoningTextDoneEventSchema,
  ResponseRefusalDeltaEventSchema,
  ResponseRefusalDoneEventSchema,
  ResponseShellCallCommandAddedEventSchema,
  ResponseShellCallCommandDeltaEventSchema,
  ResponseShellCallCommandDoneEventSchema,
  ResponseShellCallOutputContentDeltaEventSchema,
  ResponseShellCallOutputContentDoneEventSchema,
  ResponseTextDeltaEventSchema,
  ResponseTextDoneEventSchema,
  ResponseWebSearchCallCompletedEventSchema,
  ResponseWebSearchCallInProgressEventSchema,
  ResponseWebSearchCallSearchingEventSchema,
} from './events.js';

/**
 * The schema of every event of a Responses stream, keyed by its `type`. Each event's JSON carries its `type`, so
 * the schema checks that too. `error` is here but it is not a member of {@link ResponseStreamEvent}: it ends the
 * stream with an error instead of being emitted.
 *
 * @example
 * const result = responseEventDataSchemas['response.output_text.delta'].safeParse(json);
 * if (result.success) process.stdout.write(result.data.delta);
 */
export const responseEventDataSchemas = {
  error: ResponseErrorEventSchema,
  'response.audio.delta': ResponseAudioDeltaEventSchema,
  'response.audio.done': ResponseAudioDoneEventSchema,
  'response.audio.transcript.delta': ResponseAudioTranscriptDeltaEventSchema,
  'response.audio.transcript.done': ResponseAudioTranscriptDoneEventSchema,
  'response.code_interpreter_call.completed': ResponseCodeInterpreterCallCompletedEventSchema,
  'response.code_interpreter_call.in_progress': ResponseCodeInterpreterCallInProgressEventSchema,
  'response.code_interpreter_call.interpreting': ResponseCodeInterpreterCallInterpretingEventSchema,
  'response.code_interpreter_call_code.delta': ResponseCodeInterpreterCallCodeDeltaEventSchema,
  'response.code_interpreter_call_code.done': ResponseCodeInterpreterCallCodeDoneEventSchema,
  'response.completed': ResponseCompletedEventSchema,
  'response.content_part.added': ResponseContentPartAddedEventSchema,
  'response.content_part.done': ResponseContentPartDoneEventSchema,
  'response.created': ResponseCreatedEventSchema,
  'response.custom_tool_call_input.delta': ResponseCustomToolCallInputDeltaEventSchema,
  'response.custom_tool_call_input.done': ResponseCustomToolCallInputDoneEventSchema,
  'response.failed': ResponseFailedEventSchema,
  'response.file_search_call.completed': ResponseFileSearchCallCompletedEventSchema,
  'response.file_search_call.in_progress': ResponseFileSearchCallInProgressEventSchema,
  'response.file_search_call.searching': ResponseFileSearchCallSearchingEventSchema,
  'response.function_call_arguments.delta': ResponseFunctionCallArgumentsDeltaEventSchema,
  'response.function_call_arguments.done': ResponseFunctionCallArgumentsDoneEventSchema,
  'response.image_generation_call.completed': ResponseImageGenCallCompletedEventSchema,
  'response.image_generation_call.generating': ResponseImageGenCallGeneratingEventSchema,
  'response.image_generation_call.in_progress': ResponseImageGenCallInProgressEventSchema,
  'response.image_generation_call.partial_image': ResponseImageGenCallPartialImageEventSchema,
  'response.in_progress': ResponseInProgressEventSchema,
  'response.incomplete': ResponseIncompleteEventSchema,
  'response.mcp_call.completed': ResponseMcpCallCompletedEventSchema,
  'response.mcp_call.failed': ResponseMcpCallFailedEventSchema,
  'response.mcp_call.in_progress': ResponseMcpCallInProgressEventSchema,
  'response.mcp_call_arguments.delta': ResponseMcpCallArgumentsDeltaEventSchema,
  'response.mcp_call_arguments.done': ResponseMcpCallArgumentsDoneEventSchema,
  'response.mcp_list_tools.completed': ResponseMcpListToolsCompletedEventSchema,
  'response.mcp_list_tools.failed': ResponseMcpListToolsFailedEventSchema,
  'response.mcp_list_tools.in_progress': ResponseMcpListToolsInProgressEventSchema,
  'response.output_item.added': ResponseOutputItemAddedEventSchema,
  'response.output_item.done': ResponseOutputItemDoneEventSchema,
  'response.output_text.annotation.added': ResponseOutputTextAnnotationAddedEventSchema,
  'response.output_text.delta': ResponseTextDeltaEventSchema,
  'response.output_text.done': ResponseTextDoneEventSchema,
  'response.queued': ResponseQueuedEventSchema,
  'response.reasoning_summary_part.added': ResponseReasoningSummaryPartAddedEventSchema,
  'response.reasoning_summary_part.done': ResponseReasoningSummaryPartDoneEventSchema,
  'response.reasoning_summary_text.delta': ResponseReasoningSummaryTextDeltaEventSchema,
  'response.reasoning_summary_text.done': ResponseReasoningSummaryTextDoneEventSchema,
  'response.reasoning_text.delta': ResponseReasoningTextDeltaEventSchema,
  'response.reasoning_text.done': ResponseReasoningTextDoneEventSchema,
  'response.refusal.delta': ResponseRefusalDeltaEventSchema,
  'response.refusal.done': ResponseRefusalDoneEventSchema,
  'response.shell_call_command.added': ResponseShellCallCommandAddedEventSchema,
  'response.shell_call_command.delta': ResponseShellCallCommandDeltaEventSchema,
  'response.shell_call_command.done': ResponseShellCallCommandDoneEventSchema,
  'response.shell_call_output_content.delta': ResponseShellCallOutputContentDeltaEventSchema,
  'response.shell_call_output_content.done': ResponseShellCallOutputContentDoneEventSchema,
  'response.web_search_call.completed': ResponseWebSearchCallCompletedEventSchema,
  'response.web_search_call.in_progress': ResponseWebSearchCallInProgressEventSchema,
  'response.web_search_call.searching': ResponseWebSearchCallSearchingEventSchema,
} as const;

/**
 * Every event `type` of a Responses stream: the keys of {@link responseEventDataSchemas}, `error` included.
 *
 * @example
 * 'error' satisfies ResponseEventDataType
 */
export type ResponseEventDataType = keyof typeof responseEventDataSchemas;

/**
 * The `type` of an event emitted as a value: every key of {@link responseEventDataSchemas} but `error`.
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
export type ResponseStreamEventOf<K extends ResponseEventDataType> = z.infer<(typeof responseEventDataSchemas)[K]>;

/**
 * One event of a Responses stream, discriminated by `type` (`error` excluded: it ends the stream with a
 * `ResponseStreamError` instead).
 *
 * @example
 * function onEvent(e: ResponseStreamEvent) {
 *   if (e.type === 'response.output_text.delta') process.stdout.write(e.delta);
 * }
 */
export type ResponseStreamEvent = { [K in ResponseStreamEventType]: ResponseStreamEventOf<K> }[ResponseStreamEventType];

/**
 * Every event type that carries a whole {@link Response} in `response`: the lifecycle events.
 *
 * @example
 * (RESPONSE_LIFECYCLE_EVENT_TYPES as readonly string[]).includes(event.type);
 */
export const RESPONSE_LIFECYCLE_EVENT_TYPES = [
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
] as const satisfies readonly ResponseStreamEventType[];

/**
 * A lifecycle event type: its event carries the whole response.
 *
 * @example
 * 'response.created' satisfies ResponseLifecycleEventType
 */
export type ResponseLifecycleEventType = (typeof RESPONSE_LIFECYCLE_EVENT_TYPES)[number];

/**
 * A lifecycle event: `response.created`, `.queued`, `.in_progress`, `.completed`, `.incomplete` or `.failed`.
 *
 * @example
 * e.response.status
 */
export type ResponseLifecycleEvent = Extract<ResponseStreamEvent, { type: ResponseLifecycleEventType }>;

const lifecycleTypes: ReadonlySet<string> = new Set(RESPONSE_LIFECYCLE_EVENT_TYPES);

/**
 * Whether an event carries the whole response (a lifecycle event).
 *
 * @example
 * events$.pipe(filter(isResponseLifecycleEvent)).subscribe((e) => console.log(e.response.status));
 */
export function isResponseLifecycleEvent(event: ResponseStreamEvent): event is ResponseLifecycleEvent {
  return lifecycleTypes.has(event.type);
}

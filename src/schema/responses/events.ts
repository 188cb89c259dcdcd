/**
 * The events of a Responses stream, one schema per `type` (see `stream-event.ts` for the map and the union).
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { ResponseAnnotationSchema, ResponseContentPartSchema, ResponseTextDeltaLogprobSchema } from './content.js';
import { ResponseFunctionShellCallOutputContentSchema, ResponseOutputItemSchema } from './output-items.js';
import { ResponseSchema } from './response.js';

/** Emitted when there is a partial audio response. */
export const ResponseAudioDeltaEventSchema = z.object({
  type: z.literal('response.audio.delta'),
  sequence_number: z.number().optional(),
  delta: z.string(),
});
/** Emitted when there is a partial audio response. */
export type ResponseAudioDeltaEvent = z.infer<typeof ResponseAudioDeltaEventSchema>;

/** Emitted when the audio response is complete. */
export const ResponseAudioDoneEventSchema = z.object({
  type: z.literal('response.audio.done'),
  sequence_number: z.number().optional(),
});
/** Emitted when the audio response is complete. */
export type ResponseAudioDoneEvent = z.infer<typeof ResponseAudioDoneEventSchema>;

/** Emitted when there is a partial transcript of audio. */
export const ResponseAudioTranscriptDeltaEventSchema = z.object({
  type: z.literal('response.audio.transcript.delta'),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when there is a partial transcript of audio. */
export type ResponseAudioTranscriptDeltaEvent = z.infer<typeof ResponseAudioTranscriptDeltaEventSchema>;

/** Emitted when the full audio transcript is completed. */
export const ResponseAudioTranscriptDoneEventSchema = z.object({
  type: z.literal('response.audio.transcript.done'),
  sequence_number: z.number().optional(),
});
/** Emitted when the full audio transcript is completed. */
export type ResponseAudioTranscriptDoneEvent = z.infer<typeof ResponseAudioTranscriptDoneEventSchema>;

/** Emitted when a partial code snippet is streamed by the code interpreter. */
export const ResponseCodeInterpreterCallCodeDeltaEventSchema = z.object({
  type: z.literal('response.code_interpreter_call_code.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a partial code snippet is streamed by the code interpreter. */
export type ResponseCodeInterpreterCallCodeDeltaEvent = z.infer<typeof ResponseCodeInterpreterCallCodeDeltaEventSchema>;

/** Emitted when the code snippet is finalized by the code interpreter. */
export const ResponseCodeInterpreterCallCodeDoneEventSchema = z.object({
  type: z.literal('response.code_interpreter_call_code.done'),
  output_index: z.number(),
  item_id: z.string(),
  code: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when the code snippet is finalized by the code interpreter. */
export type ResponseCodeInterpreterCallCodeDoneEvent = z.infer<typeof ResponseCodeInterpreterCallCodeDoneEventSchema>;

/** Emitted when the code interpreter call is completed. */
export const ResponseCodeInterpreterCallCompletedEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when the code interpreter call is completed. */
export type ResponseCodeInterpreterCallCompletedEvent = z.infer<typeof ResponseCodeInterpreterCallCompletedEventSchema>;

/** Emitted when a code interpreter call is in progress. */
export const ResponseCodeInterpreterCallInProgressEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a code interpreter call is in progress. */
export type ResponseCodeInterpreterCallInProgressEvent =
  z.infer<typeof ResponseCodeInterpreterCallInProgressEventSchema>;

/** Emitted when the code interpreter is actively interpreting the code snippet. */
export const ResponseCodeInterpreterCallInterpretingEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.interpreting'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when the code interpreter is actively interpreting the code snippet. */
export type ResponseCodeInterpreterCallInterpretingEvent =
  z.infer<typeof ResponseCodeInterpreterCallInterpretingEventSchema>;

/** Emitted when the model response is complete. */
export const ResponseCompletedEventSchema = z.object({
  type: z.literal('response.completed'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/** Emitted when the model response is complete. */
export type ResponseCompletedEvent = z.infer<typeof ResponseCompletedEventSchema>;

/** Emitted when a new content part is added. */
export const ResponseContentPartAddedEventSchema = z.object({
  type: z.literal('response.content_part.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  part: ResponseContentPartSchema,
  sequence_number: z.number().optional(),
});
/** Emitted when a new content part is added. */
export type ResponseContentPartAddedEvent = z.infer<typeof ResponseContentPartAddedEventSchema>;

/** Emitted when a content part is done. */
export const ResponseContentPartDoneEventSchema = z.object({
  type: z.literal('response.content_part.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  sequence_number: z.number().optional(),
  part: ResponseContentPartSchema,
});
/** Emitted when a content part is done. */
export type ResponseContentPartDoneEvent = z.infer<typeof ResponseContentPartDoneEventSchema>;

/** An event that is emitted when a response is created. */
export const ResponseCreatedEventSchema = z.object({
  type: z.literal('response.created'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/** An event that is emitted when a response is created. */
export type ResponseCreatedEvent = z.infer<typeof ResponseCreatedEventSchema>;

/** Event representing a delta (partial update) to the input of a custom tool call. */
export const ResponseCustomToolCallInputDeltaEventSchema = z.object({
  type: z.literal('response.custom_tool_call_input.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
});
/** Event representing a delta (partial update) to the input of a custom tool call. */
export type ResponseCustomToolCallInputDeltaEvent = z.infer<typeof ResponseCustomToolCallInputDeltaEventSchema>;

/** Event indicating that input for a custom tool call is complete. */
export const ResponseCustomToolCallInputDoneEventSchema = z.object({
  type: z.literal('response.custom_tool_call_input.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  input: z.string(),
});
/** Event indicating that input for a custom tool call is complete. */
export type ResponseCustomToolCallInputDoneEvent = z.infer<typeof ResponseCustomToolCallInputDoneEventSchema>;

/** Emitted when an error occurs. */
export const ResponseErrorEventSchema = z.object({
  type: z.literal('error'),
  code: z.string().nullable(),
  message: z.string(),
  param: z.string().nullable(),
  sequence_number: z.number().optional(),
});
/** Emitted when an error occurs. */
export type ResponseErrorEvent = z.infer<typeof ResponseErrorEventSchema>;

/** An event that is emitted when a response fails. */
export const ResponseFailedEventSchema = z.object({
  type: z.literal('response.failed'),
  sequence_number: z.number().optional(),
  response: ResponseSchema,
});
/** An event that is emitted when a response fails. */
export type ResponseFailedEvent = z.infer<typeof ResponseFailedEventSchema>;

/** Emitted when a file search call is completed (results found). */
export const ResponseFileSearchCallCompletedEventSchema = z.object({
  type: z.literal('response.file_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a file search call is completed (results found). */
export type ResponseFileSearchCallCompletedEvent = z.infer<typeof ResponseFileSearchCallCompletedEventSchema>;

/** Emitted when a file search call is initiated. */
export const ResponseFileSearchCallInProgressEventSchema = z.object({
  type: z.literal('response.file_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a file search call is initiated. */
export type ResponseFileSearchCallInProgressEvent = z.infer<typeof ResponseFileSearchCallInProgressEventSchema>;

/** Emitted when a file search is currently searching. */
export const ResponseFileSearchCallSearchingEventSchema = z.object({
  type: z.literal('response.file_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a file search is currently searching. */
export type ResponseFileSearchCallSearchingEvent = z.infer<typeof ResponseFileSearchCallSearchingEventSchema>;

/** Emitted when there is a partial function-call arguments delta. */
export const ResponseFunctionCallArgumentsDeltaEventSchema = z.object({
  type: z.literal('response.function_call_arguments.delta'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  delta: z.string(),
});
/** Emitted when there is a partial function-call arguments delta. */
export type ResponseFunctionCallArgumentsDeltaEvent = z.infer<typeof ResponseFunctionCallArgumentsDeltaEventSchema>;

/** Emitted when function-call arguments are finalized. */
export const ResponseFunctionCallArgumentsDoneEventSchema = z.object({
  type: z.literal('response.function_call_arguments.done'),
  item_id: z.string(),
  name: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  arguments: z.string(),
});
/** Emitted when function-call arguments are finalized. */
export type ResponseFunctionCallArgumentsDoneEvent = z.infer<typeof ResponseFunctionCallArgumentsDoneEventSchema>;

/** Emitted when an image generation tool call has completed and the final image is available. */
export const ResponseImageGenCallCompletedEventSchema = z.object({
  type: z.literal('response.image_generation_call.completed'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item_id: z.string(),
});
/** Emitted when an image generation tool call has completed and the final image is available. */
export type ResponseImageGenCallCompletedEvent = z.infer<typeof ResponseImageGenCallCompletedEventSchema>;

/** Emitted when an image generation tool call is actively generating an image (intermediate state). */
export const ResponseImageGenCallGeneratingEventSchema = z.object({
  type: z.literal('response.image_generation_call.generating'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when an image generation tool call is actively generating an image (intermediate state). */
export type ResponseImageGenCallGeneratingEvent = z.infer<typeof ResponseImageGenCallGeneratingEventSchema>;

/** Emitted when an image generation tool call is in progress. */
export const ResponseImageGenCallInProgressEventSchema = z.object({
  type: z.literal('response.image_generation_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when an image generation tool call is in progress. */
export type ResponseImageGenCallInProgressEvent = z.infer<typeof ResponseImageGenCallInProgressEventSchema>;

/** Emitted when a partial image is available during image generation streaming. */
export const ResponseImageGenCallPartialImageEventSchema = z.object({
  type: z.literal('response.image_generation_call.partial_image'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
  partial_image_index: z.number(),
  partial_image_b64: z.string(),
  size: z.string().optional(),
  quality: z.string().optional(),
  background: z.string().optional(),
  output_format: z.string().optional(),
});
/** Emitted when a partial image is available during image generation streaming. */
export type ResponseImageGenCallPartialImageEvent = z.infer<typeof ResponseImageGenCallPartialImageEventSchema>;

/** Emitted when the response is in progress. */
export const ResponseInProgressEventSchema = z.object({
  type: z.literal('response.in_progress'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/** Emitted when the response is in progress. */
export type ResponseInProgressEvent = z.infer<typeof ResponseInProgressEventSchema>;

/** An event that is emitted when a response finishes as incomplete. */
export const ResponseIncompleteEventSchema = z.object({
  type: z.literal('response.incomplete'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/** An event that is emitted when a response finishes as incomplete. */
export type ResponseIncompleteEvent = z.infer<typeof ResponseIncompleteEventSchema>;

/** Emitted when there is a delta (partial update) to the arguments of an MCP tool call. */
export const ResponseMcpCallArgumentsDeltaEventSchema = z.object({
  type: z.literal('response.mcp_call_arguments.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when there is a delta (partial update) to the arguments of an MCP tool call. */
export type ResponseMcpCallArgumentsDeltaEvent = z.infer<typeof ResponseMcpCallArgumentsDeltaEventSchema>;

/** Emitted when the arguments for an MCP tool call are finalized. */
export const ResponseMcpCallArgumentsDoneEventSchema = z.object({
  type: z.literal('response.mcp_call_arguments.done'),
  output_index: z.number(),
  item_id: z.string(),
  arguments: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when the arguments for an MCP tool call are finalized. */
export type ResponseMcpCallArgumentsDoneEvent = z.infer<typeof ResponseMcpCallArgumentsDoneEventSchema>;

/** Emitted when an MCP tool call has completed successfully. */
export const ResponseMcpCallCompletedEventSchema = z.object({
  type: z.literal('response.mcp_call.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/** Emitted when an MCP tool call has completed successfully. */
export type ResponseMcpCallCompletedEvent = z.infer<typeof ResponseMcpCallCompletedEventSchema>;

/** Emitted when an MCP tool call has failed. */
export const ResponseMcpCallFailedEventSchema = z.object({
  type: z.literal('response.mcp_call.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/** Emitted when an MCP tool call has failed. */
export type ResponseMcpCallFailedEvent = z.infer<typeof ResponseMcpCallFailedEventSchema>;

/** Emitted when an MCP tool call is in progress. */
export const ResponseMcpCallInProgressEventSchema = z.object({
  type: z.literal('response.mcp_call.in_progress'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
});
/** Emitted when an MCP tool call is in progress. */
export type ResponseMcpCallInProgressEvent = z.infer<typeof ResponseMcpCallInProgressEventSchema>;

/** Emitted when the list of available MCP tools has been successfully retrieved. */
export const ResponseMcpListToolsCompletedEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/** Emitted when the list of available MCP tools has been successfully retrieved. */
export type ResponseMcpListToolsCompletedEvent = z.infer<typeof ResponseMcpListToolsCompletedEventSchema>;

/** Emitted when the attempt to list available MCP tools has failed. */
export const ResponseMcpListToolsFailedEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/** Emitted when the attempt to list available MCP tools has failed. */
export type ResponseMcpListToolsFailedEvent = z.infer<typeof ResponseMcpListToolsFailedEventSchema>;

/** Emitted when the system is in the process of retrieving the list of available MCP tools. */
export const ResponseMcpListToolsInProgressEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.in_progress'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/** Emitted when the system is in the process of retrieving the list of available MCP tools. */
export type ResponseMcpListToolsInProgressEvent = z.infer<typeof ResponseMcpListToolsInProgressEventSchema>;

/** Emitted when a new output item is added. */
export const ResponseOutputItemAddedEventSchema = z.object({
  type: z.literal('response.output_item.added'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
});
/** Emitted when a new output item is added. */
export type ResponseOutputItemAddedEvent = z.infer<typeof ResponseOutputItemAddedEventSchema>;

/** Emitted when an output item is marked done. */
export const ResponseOutputItemDoneEventSchema = z.object({
  type: z.literal('response.output_item.done'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
});
/** Emitted when an output item is marked done. */
export type ResponseOutputItemDoneEvent = z.infer<typeof ResponseOutputItemDoneEventSchema>;

/** Emitted when an annotation is added to output text content. */
export const ResponseOutputTextAnnotationAddedEventSchema = z.object({
  type: z.literal('response.output_text.annotation.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  annotation_index: z.number(),
  sequence_number: z.number().optional(),
  annotation: ResponseAnnotationSchema.nullable(),
});
/** Emitted when an annotation is added to output text content. */
export type ResponseOutputTextAnnotationAddedEvent = z.infer<typeof ResponseOutputTextAnnotationAddedEventSchema>;

/** Emitted when a response is queued and waiting to be processed. */
export const ResponseQueuedEventSchema = z.object({
  type: z.literal('response.queued'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/** Emitted when a response is queued and waiting to be processed. */
export type ResponseQueuedEvent = z.infer<typeof ResponseQueuedEventSchema>;

/** Emitted when a new reasoning summary part is added. */
export const ResponseReasoningSummaryPartAddedEventSchema = z.object({
  type: z.literal('response.reasoning_summary_part.added'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  sequence_number: z.number().optional(),
  part: z.object({
    type: z.literal('summary_text'),
    text: z.string(),
  }),
});
/** Emitted when a new reasoning summary part is added. */
export type ResponseReasoningSummaryPartAddedEvent = z.infer<typeof ResponseReasoningSummaryPartAddedEventSchema>;

/** Emitted when a reasoning summary part is completed. */
export const ResponseReasoningSummaryPartDoneEventSchema = z.object({
  type: z.literal('response.reasoning_summary_part.done'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  status: z.literal('incomplete').optional(),
  sequence_number: z.number().optional(),
  part: z.object({
    type: z.literal('summary_text'),
    text: z.string(),
  }),
});
/** Emitted when a reasoning summary part is completed. */
export type ResponseReasoningSummaryPartDoneEvent = z.infer<typeof ResponseReasoningSummaryPartDoneEventSchema>;

/** Emitted when a delta is added to a reasoning summary text. */
export const ResponseReasoningSummaryTextDeltaEventSchema = z.object({
  type: z.literal('response.reasoning_summary_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a delta is added to a reasoning summary text. */
export type ResponseReasoningSummaryTextDeltaEvent = z.infer<typeof ResponseReasoningSummaryTextDeltaEventSchema>;

/** Emitted when a reasoning summary text is completed. */
export const ResponseReasoningSummaryTextDoneEventSchema = z.object({
  type: z.literal('response.reasoning_summary_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a reasoning summary text is completed. */
export type ResponseReasoningSummaryTextDoneEvent = z.infer<typeof ResponseReasoningSummaryTextDoneEventSchema>;

/** Emitted when a delta is added to a reasoning text. */
export const ResponseReasoningTextDeltaEventSchema = z.object({
  type: z.literal('response.reasoning_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a delta is added to a reasoning text. */
export type ResponseReasoningTextDeltaEvent = z.infer<typeof ResponseReasoningTextDeltaEventSchema>;

/** Emitted when a reasoning text is completed. */
export const ResponseReasoningTextDoneEventSchema = z.object({
  type: z.literal('response.reasoning_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a reasoning text is completed. */
export type ResponseReasoningTextDoneEvent = z.infer<typeof ResponseReasoningTextDoneEventSchema>;

/** Emitted when there is a partial refusal text. */
export const ResponseRefusalDeltaEventSchema = z.object({
  type: z.literal('response.refusal.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when there is a partial refusal text. */
export type ResponseRefusalDeltaEvent = z.infer<typeof ResponseRefusalDeltaEventSchema>;

/** Emitted when refusal text is finalized. */
export const ResponseRefusalDoneEventSchema = z.object({
  type: z.literal('response.refusal.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  refusal: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when refusal text is finalized. */
export type ResponseRefusalDoneEvent = z.infer<typeof ResponseRefusalDoneEventSchema>;

/** A streaming event that indicated a shell command was added to a tool call. */
export const ResponseShellCallCommandAddedEventSchema = z.object({
  type: z.literal('response.shell_call_command.added'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
});
/** A streaming event that indicated a shell command was added to a tool call. */
export type ResponseShellCallCommandAddedEvent = z.infer<typeof ResponseShellCallCommandAddedEventSchema>;

/** A streaming event that indicated a shell command was incrementally updated. */
export const ResponseShellCallCommandDeltaEventSchema = z.object({
  type: z.literal('response.shell_call_command.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  delta: z.string(),
  obfuscation: z.string().optional(),
});
/** A streaming event that indicated a shell command was incrementally updated. */
export type ResponseShellCallCommandDeltaEvent = z.infer<typeof ResponseShellCallCommandDeltaEventSchema>;

/** A streaming event that indicated a shell command was completed. */
export const ResponseShellCallCommandDoneEventSchema = z.object({
  type: z.literal('response.shell_call_command.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
});
/** A streaming event that indicated a shell command was completed. */
export type ResponseShellCallCommandDoneEvent = z.infer<typeof ResponseShellCallCommandDoneEventSchema>;

/** A delta of stdout/stderr emitted while a shell call was running. */
export const ShellCallOutputDeltaSchema = z.object({
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});
/** A delta of stdout/stderr emitted while a shell call was running. */
export type ShellCallOutputDelta = z.infer<typeof ShellCallOutputDeltaSchema>;

/** A streaming event that indicated shell call output was incrementally added. */
export const ResponseShellCallOutputContentDeltaEventSchema = z.object({
  type: z.literal('response.shell_call_output_content.delta'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  delta: ShellCallOutputDeltaSchema,
});
/** A streaming event that indicated shell call output was incrementally added. */
export type ResponseShellCallOutputContentDeltaEvent = z.infer<typeof ResponseShellCallOutputContentDeltaEventSchema>;

/** A streaming event that indicated shell call output was completed. */
export const ResponseShellCallOutputContentDoneEventSchema = z.object({
  type: z.literal('response.shell_call_output_content.done'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  output: z.array(ResponseFunctionShellCallOutputContentSchema),
});
/** A streaming event that indicated shell call output was completed. */
export type ResponseShellCallOutputContentDoneEvent = z.infer<typeof ResponseShellCallOutputContentDoneEventSchema>;

/** Emitted when there is an additional text delta. */
export const ResponseTextDeltaEventSchema = z.object({
  type: z.literal('response.output_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
});
/** Emitted when there is an additional text delta. */
export type ResponseTextDeltaEvent = z.infer<typeof ResponseTextDeltaEventSchema>;

/** Emitted when text content is finalized. */
export const ResponseTextDoneEventSchema = z.object({
  type: z.literal('response.output_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
});
/** Emitted when text content is finalized. */
export type ResponseTextDoneEvent = z.infer<typeof ResponseTextDoneEventSchema>;

/** Emitted when a web search call is completed. */
export const ResponseWebSearchCallCompletedEventSchema = z.object({
  type: z.literal('response.web_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a web search call is completed. */
export type ResponseWebSearchCallCompletedEvent = z.infer<typeof ResponseWebSearchCallCompletedEventSchema>;

/** Emitted when a web search call is initiated. */
export const ResponseWebSearchCallInProgressEventSchema = z.object({
  type: z.literal('response.web_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a web search call is initiated. */
export type ResponseWebSearchCallInProgressEvent = z.infer<typeof ResponseWebSearchCallInProgressEventSchema>;

/** Emitted when a web search call is executing. */
export const ResponseWebSearchCallSearchingEventSchema = z.object({
  type: z.literal('response.web_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/** Emitted when a web search call is executing. */
export type ResponseWebSearchCallSearchingEvent = z.infer<typeof ResponseWebSearchCallSearchingEventSchema>;

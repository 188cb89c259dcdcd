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
import type { ResponseAudioDeltaEvent, ResponseAudioDoneEvent, ResponseAudioTranscriptDeltaEvent, ResponseAudioTranscriptDoneEvent, ResponseCodeInterpreterCallCodeDeltaEvent, ResponseCodeInterpreterCallCodeDoneEvent, ResponseCodeInterpreterCallCompletedEvent, ResponseCodeInterpreterCallInProgressEvent, ResponseCodeInterpreterCallInterpretingEvent, ResponseCompactionCompactingEvent, ResponseCompletedEvent, ResponseContentPartAddedEvent, ResponseContentPartDoneEvent, ResponseCreatedEvent, ResponseCustomToolCallInputDeltaEvent, ResponseCustomToolCallInputDoneEvent, ResponseErrorEvent, ResponseFailedEvent, ResponseFileSearchCallCompletedEvent, ResponseFileSearchCallInProgressEvent, ResponseFileSearchCallSearchingEvent, ResponseFunctionCallArgumentsDeltaEvent, ResponseFunctionCallArgumentsDoneEvent, ResponseImageGenCallCompletedEvent, ResponseImageGenCallGeneratingEvent, ResponseImageGenCallInProgressEvent, ResponseImageGenCallPartialImageEvent, ResponseInProgressEvent, ResponseIncompleteEvent, ResponseMcpCallArgumentsDeltaEvent, ResponseMcpCallArgumentsDoneEvent, ResponseMcpCallCompletedEvent, ResponseMcpCallFailedEvent, ResponseMcpCallInProgressEvent, ResponseMcpListToolsCompletedEvent, ResponseMcpListToolsFailedEvent, ResponseMcpListToolsInProgressEvent, ResponseOutputItemAddedEvent, ResponseOutputItemDoneEvent, ResponseOutputTextAnnotationAddedEvent, ResponseQueuedEvent, ResponseReasoningSummaryPartAddedEvent, ResponseReasoningSummaryPartDoneEvent, ResponseReasoningSummaryTextDeltaEvent, ResponseReasoningSummaryTextDoneEvent, ResponseReasoningTextDeltaEvent, ResponseReasoningTextDoneEvent, ResponseRefusalDeltaEvent, ResponseRefusalDoneEvent, ResponseShellCallCommandAddedEvent, ResponseShellCallCommandDeltaEvent, ResponseShellCallCommandDoneEvent, ResponseShellCallOutputContentDeltaEvent, ResponseShellCallOutputContentDoneEvent, ResponseTextDeltaEvent, ResponseTextDoneEvent, ResponseWebSearchCallCompletedEvent, ResponseWebSearchCallInProgressEvent, ResponseWebSearchCallSearchingEvent, ShellCallOutputDelta } from '../../wire/responses-api.js';
export type { ResponseAudioDeltaEvent, ResponseAudioDoneEvent, ResponseAudioTranscriptDeltaEvent, ResponseAudioTranscriptDoneEvent, ResponseCodeInterpreterCallCodeDeltaEvent, ResponseCodeInterpreterCallCodeDoneEvent, ResponseCodeInterpreterCallCompletedEvent, ResponseCodeInterpreterCallInProgressEvent, ResponseCodeInterpreterCallInterpretingEvent, ResponseCompactionCompactingEvent, ResponseCompletedEvent, ResponseContentPartAddedEvent, ResponseContentPartDoneEvent, ResponseCreatedEvent, ResponseCustomToolCallInputDeltaEvent, ResponseCustomToolCallInputDoneEvent, ResponseErrorEvent, ResponseFailedEvent, ResponseFileSearchCallCompletedEvent, ResponseFileSearchCallInProgressEvent, ResponseFileSearchCallSearchingEvent, ResponseFunctionCallArgumentsDeltaEvent, ResponseFunctionCallArgumentsDoneEvent, ResponseImageGenCallCompletedEvent, ResponseImageGenCallGeneratingEvent, ResponseImageGenCallInProgressEvent, ResponseImageGenCallPartialImageEvent, ResponseInProgressEvent, ResponseIncompleteEvent, ResponseMcpCallArgumentsDeltaEvent, ResponseMcpCallArgumentsDoneEvent, ResponseMcpCallCompletedEvent, ResponseMcpCallFailedEvent, ResponseMcpCallInProgressEvent, ResponseMcpListToolsCompletedEvent, ResponseMcpListToolsFailedEvent, ResponseMcpListToolsInProgressEvent, ResponseOutputItemAddedEvent, ResponseOutputItemDoneEvent, ResponseOutputTextAnnotationAddedEvent, ResponseQueuedEvent, ResponseReasoningSummaryPartAddedEvent, ResponseReasoningSummaryPartDoneEvent, ResponseReasoningSummaryTextDeltaEvent, ResponseReasoningSummaryTextDoneEvent, ResponseReasoningTextDeltaEvent, ResponseReasoningTextDoneEvent, ResponseRefusalDeltaEvent, ResponseRefusalDoneEvent, ResponseShellCallCommandAddedEvent, ResponseShellCallCommandDeltaEvent, ResponseShellCallCommandDoneEvent, ResponseShellCallOutputContentDeltaEvent, ResponseShellCallOutputContentDoneEvent, ResponseTextDeltaEvent, ResponseTextDoneEvent, ResponseWebSearchCallCompletedEvent, ResponseWebSearchCallInProgressEvent, ResponseWebSearchCallSearchingEvent, ShellCallOutputDelta } from '../../wire/responses-api.js';
import { objectSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Emitted when there is a partial audio response.
 *
 * @example
 * const chunk = Buffer.from(ResponseAudioDeltaEventSchema.parse(json).delta, 'base64');
 */
export const ResponseAudioDeltaEventSchema = objectSchema<ResponseAudioDeltaEvent>(z.object({
  type: z.literal('response.audio.delta'),
  sequence_number: z.number().optional(),
  delta: z.string(),
}));

/**
 * Emitted when the audio response is complete.
 *
 * @example
 * ResponseAudioDoneEventSchema.parse({ type: 'response.audio.done', sequence_number: 12 });
 */
export const ResponseAudioDoneEventSchema = objectSchema<ResponseAudioDoneEvent>(z.object({
  type: z.literal('response.audio.done'),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when there is a partial transcript of audio.
 *
 * @example
 * process.stdout.write(ResponseAudioTranscriptDeltaEventSchema.parse(json).delta);
 */
export const ResponseAudioTranscriptDeltaEventSchema = objectSchema<ResponseAudioTranscriptDeltaEvent>(z.object({
  type: z.literal('response.audio.transcript.delta'),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the full audio transcript is completed.
 *
 * @example
 * ResponseAudioTranscriptDoneEventSchema.safeParse(json).success;
 */
export const ResponseAudioTranscriptDoneEventSchema = objectSchema<ResponseAudioTranscriptDoneEvent>(z.object({
  type: z.literal('response.audio.transcript.done'),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a partial code snippet is streamed by the code interpreter.
 *
 * @example
 * const { item_id, delta } = ResponseCodeInterpreterCallCodeDeltaEventSchema.parse(json);
 */
export const ResponseCodeInterpreterCallCodeDeltaEventSchema = objectSchema<ResponseCodeInterpreterCallCodeDeltaEvent>(z.object({
  type: z.literal('response.code_interpreter_call_code.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the code snippet is finalized by the code interpreter.
 *
 * @example
 * console.log(ResponseCodeInterpreterCallCodeDoneEventSchema.parse(json).code);
 */
export const ResponseCodeInterpreterCallCodeDoneEventSchema = objectSchema<ResponseCodeInterpreterCallCodeDoneEvent>(z.object({
  type: z.literal('response.code_interpreter_call_code.done'),
  output_index: z.number(),
  item_id: z.string(),
  code: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the code interpreter call is completed.
 *
 * @example
 * ResponseCodeInterpreterCallCompletedEventSchema.parse(json).output_index;
 */
export const ResponseCodeInterpreterCallCompletedEventSchema = objectSchema<ResponseCodeInterpreterCallCompletedEvent>(z.object({
  type: z.literal('response.code_interpreter_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a code interpreter call is in progress.
 *
 * @example
 * ResponseCodeInterpreterCallInProgressEventSchema.parse({
 *   type: 'response.code_interpreter_call.in_progress', output_index: 1, item_id: 'ci_123',
 * });
 */
export const ResponseCodeInterpreterCallInProgressEventSchema = objectSchema<ResponseCodeInterpreterCallInProgressEvent>(z.object({
  type: z.literal('response.code_interpreter_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the code interpreter is actively interpreting the code snippet.
 *
 * @example
 * const { item_id } = ResponseCodeInterpreterCallInterpretingEventSchema.parse(json);
 */
export const ResponseCodeInterpreterCallInterpretingEventSchema = objectSchema<ResponseCodeInterpreterCallInterpretingEvent>(z.object({
  type: z.literal('response.code_interpreter_call.interpreting'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted while a compaction item's summary is sampled (a response that compacts its context). It carries no
 * summary: the item's `response.output_item.done` does.
 *
 * @example
 * const { item_id } = ResponseCompactionCompactingEventSchema.parse(json);
 */
export const ResponseCompactionCompactingEventSchema = objectSchema<ResponseCompactionCompactingEvent>(z.object({
  type: z.literal('response.compaction.compacting'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the model response is complete.
 *
 * @example
 * const { response } = ResponseCompletedEventSchema.parse(json);
 * console.log(response.usage?.total_tokens);
 */
export const ResponseCompletedEventSchema = objectSchema<ResponseCompletedEvent>(z.object({
  type: z.literal('response.completed'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a new content part is added.
 *
 * @example
 * const { part, content_index } = ResponseContentPartAddedEventSchema.parse(json);
 */
export const ResponseContentPartAddedEventSchema = objectSchema<ResponseContentPartAddedEvent>(z.object({
  type: z.literal('response.content_part.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  part: ResponseContentPartSchema,
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a content part is done.
 *
 * @example
 * ResponseContentPartDoneEventSchema.parse(json).part.type; // 'output_text' | 'refusal' | 'reasoning_text'
 */
export const ResponseContentPartDoneEventSchema = objectSchema<ResponseContentPartDoneEvent>(z.object({
  type: z.literal('response.content_part.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  sequence_number: z.number().optional(),
  part: ResponseContentPartSchema,
}));

/**
 * An event that is emitted when a response is created.
 *
 * @example
 * const { id, model } = ResponseCreatedEventSchema.parse(json).response;
 */
export const ResponseCreatedEventSchema = objectSchema<ResponseCreatedEvent>(z.object({
  type: z.literal('response.created'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
}));

/**
 * Event representing a delta (partial update) to the input of a custom tool call.
 *
 * @example
 * ResponseCustomToolCallInputDeltaEventSchema.parse(json).delta;
 */
export const ResponseCustomToolCallInputDeltaEventSchema = objectSchema<ResponseCustomToolCallInputDeltaEvent>(z.object({
  type: z.literal('response.custom_tool_call_input.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
}));

/**
 * Event indicating that input for a custom tool call is complete.
 *
 * @example
 * const { item_id, input } = ResponseCustomToolCallInputDoneEventSchema.parse(json);
 */
export const ResponseCustomToolCallInputDoneEventSchema = objectSchema<ResponseCustomToolCallInputDoneEvent>(z.object({
  type: z.literal('response.custom_tool_call_input.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  input: z.string(),
}));

/**
 * Emitted when an error occurs.
 *
 * @example
 * const { code, message, param } = ResponseErrorEventSchema.parse(json);
 */
export const ResponseErrorEventSchema = objectSchema<ResponseErrorEvent>(z.object({
  type: z.literal('error'),
  code: z.string().nullable(),
  message: z.string(),
  param: z.string().nullable(),
  sequence_number: z.number().optional(),
}));

/**
 * An event that is emitted when a response fails.
 *
 * @example
 * const { error } = ResponseFailedEventSchema.parse(json).response;
 */
export const ResponseFailedEventSchema = objectSchema<ResponseFailedEvent>(z.object({
  type: z.literal('response.failed'),
  sequence_number: z.number().optional(),
  response: ResponseSchema,
}));

/**
 * Emitted when a file search call is completed (results found).
 *
 * @example
 * ResponseFileSearchCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseFileSearchCallCompletedEventSchema = objectSchema<ResponseFileSearchCallCompletedEvent>(z.object({
  type: z.literal('response.file_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a file search call is initiated.
 *
 * @example
 * ResponseFileSearchCallInProgressEventSchema.parse({
 *   type: 'response.file_search_call.in_progress', output_index: 0, item_id: 'fs_123',
 * });
 */
export const ResponseFileSearchCallInProgressEventSchema = objectSchema<ResponseFileSearchCallInProgressEvent>(z.object({
  type: z.literal('response.file_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a file search is currently searching.
 *
 * @example
 * const { output_index } = ResponseFileSearchCallSearchingEventSchema.parse(json);
 */
export const ResponseFileSearchCallSearchingEventSchema = objectSchema<ResponseFileSearchCallSearchingEvent>(z.object({
  type: z.literal('response.file_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when there is a partial function-call arguments delta.
 *
 * @example
 * const { item_id, delta } = ResponseFunctionCallArgumentsDeltaEventSchema.parse(json);
 */
export const ResponseFunctionCallArgumentsDeltaEventSchema = objectSchema<ResponseFunctionCallArgumentsDeltaEvent>(z.object({
  type: z.literal('response.function_call_arguments.delta'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  delta: z.string(),
}));

/**
 * Emitted when function-call arguments are finalized.
 *
 * @example
 * const { name, arguments: args } = ResponseFunctionCallArgumentsDoneEventSchema.parse(json);
 * const params = JSON.parse(args);
 */
export const ResponseFunctionCallArgumentsDoneEventSchema = objectSchema<ResponseFunctionCallArgumentsDoneEvent>(z.object({
  type: z.literal('response.function_call_arguments.done'),
  item_id: z.string(),
  // Absent on the real wire (recordings of the OpenAI API), though the OpenAPI description requires it.
  name: z.string().optional(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  arguments: z.string(),
}));

/**
 * Emitted when an image generation tool call has completed and the final image is available.
 *
 * @example
 * ResponseImageGenCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseImageGenCallCompletedEventSchema = objectSchema<ResponseImageGenCallCompletedEvent>(z.object({
  type: z.literal('response.image_generation_call.completed'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item_id: z.string(),
}));

/**
 * Emitted when an image generation tool call is actively generating an image (intermediate state).
 *
 * @example
 * ResponseImageGenCallGeneratingEventSchema.safeParse(json).success;
 */
export const ResponseImageGenCallGeneratingEventSchema = objectSchema<ResponseImageGenCallGeneratingEvent>(z.object({
  type: z.literal('response.image_generation_call.generating'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when an image generation tool call is in progress.
 *
 * @example
 * ResponseImageGenCallInProgressEventSchema.parse({
 *   type: 'response.image_generation_call.in_progress', output_index: 0, item_id: 'ig_123',
 * });
 */
export const ResponseImageGenCallInProgressEventSchema = objectSchema<ResponseImageGenCallInProgressEvent>(z.object({
  type: z.literal('response.image_generation_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a partial image is available during image generation streaming.
 *
 * @example
 * const { partial_image_b64, partial_image_index } = ResponseImageGenCallPartialImageEventSchema.parse(json);
 */
export const ResponseImageGenCallPartialImageEventSchema = objectSchema<ResponseImageGenCallPartialImageEvent>(z.object({
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
}));

/**
 * Emitted when the response is in progress.
 *
 * @example
 * ResponseInProgressEventSchema.parse(json).response.status; // 'in_progress'
 */
export const ResponseInProgressEventSchema = objectSchema<ResponseInProgressEvent>(z.object({
  type: z.literal('response.in_progress'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
}));

/**
 * An event that is emitted when a response finishes as incomplete.
 *
 * @example
 * const reason = ResponseIncompleteEventSchema.parse(json).response.incomplete_details?.reason;
 */
export const ResponseIncompleteEventSchema = objectSchema<ResponseIncompleteEvent>(z.object({
  type: z.literal('response.incomplete'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when there is a delta (partial update) to the arguments of an MCP tool call.
 *
 * @example
 * ResponseMcpCallArgumentsDeltaEventSchema.parse(json).delta;
 */
export const ResponseMcpCallArgumentsDeltaEventSchema = objectSchema<ResponseMcpCallArgumentsDeltaEvent>(z.object({
  type: z.literal('response.mcp_call_arguments.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the arguments for an MCP tool call are finalized.
 *
 * @example
 * const args = JSON.parse(ResponseMcpCallArgumentsDoneEventSchema.parse(json).arguments);
 */
export const ResponseMcpCallArgumentsDoneEventSchema = objectSchema<ResponseMcpCallArgumentsDoneEvent>(z.object({
  type: z.literal('response.mcp_call_arguments.done'),
  output_index: z.number(),
  item_id: z.string(),
  arguments: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when an MCP tool call has completed successfully.
 *
 * @example
 * ResponseMcpCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseMcpCallCompletedEventSchema = objectSchema<ResponseMcpCallCompletedEvent>(z.object({
  type: z.literal('response.mcp_call.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when an MCP tool call has failed.
 *
 * @example
 * const { item_id, output_index } = ResponseMcpCallFailedEventSchema.parse(json);
 */
export const ResponseMcpCallFailedEventSchema = objectSchema<ResponseMcpCallFailedEvent>(z.object({
  type: z.literal('response.mcp_call.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when an MCP tool call is in progress.
 *
 * @example
 * const started = ResponseMcpCallInProgressEventSchema.safeParse(json);
 * if (started.success) console.log('calling MCP tool', started.data.item_id);
 */
export const ResponseMcpCallInProgressEventSchema = objectSchema<ResponseMcpCallInProgressEvent>(z.object({
  type: z.literal('response.mcp_call.in_progress'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
}));

/**
 * Emitted when the list of available MCP tools has been successfully retrieved.
 *
 * @example
 * ResponseMcpListToolsCompletedEventSchema.parse(json).output_index;
 */
export const ResponseMcpListToolsCompletedEventSchema = objectSchema<ResponseMcpListToolsCompletedEvent>(z.object({
  type: z.literal('response.mcp_list_tools.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the attempt to list available MCP tools has failed.
 *
 * @example
 * ResponseMcpListToolsFailedEventSchema.safeParse(json).success;
 */
export const ResponseMcpListToolsFailedEventSchema = objectSchema<ResponseMcpListToolsFailedEvent>(z.object({
  type: z.literal('response.mcp_list_tools.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when the system is in the process of retrieving the list of available MCP tools.
 *
 * @example
 * const { item_id } = ResponseMcpListToolsInProgressEventSchema.parse(json);
 */
export const ResponseMcpListToolsInProgressEventSchema = objectSchema<ResponseMcpListToolsInProgressEvent>(z.object({
  type: z.literal('response.mcp_list_tools.in_progress'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a new output item is added.
 *
 * @example
 * const { item, output_index } = ResponseOutputItemAddedEventSchema.parse(json);
 */
export const ResponseOutputItemAddedEventSchema = objectSchema<ResponseOutputItemAddedEvent>(z.object({
  type: z.literal('response.output_item.added'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
}));

/**
 * Emitted when an output item is marked done.
 *
 * @example
 * const { item } = ResponseOutputItemDoneEventSchema.parse(json);
 * if (item.type === 'message') console.log(item.content);
 */
export const ResponseOutputItemDoneEventSchema = objectSchema<ResponseOutputItemDoneEvent>(z.object({
  type: z.literal('response.output_item.done'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
}));

/**
 * Emitted when an annotation is added to output text content.
 *
 * @example
 * const { annotation, annotation_index } = ResponseOutputTextAnnotationAddedEventSchema.parse(json);
 */
export const ResponseOutputTextAnnotationAddedEventSchema = objectSchema<ResponseOutputTextAnnotationAddedEvent>(z.object({
  type: z.literal('response.output_text.annotation.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  annotation_index: z.number(),
  sequence_number: z.number().optional(),
  annotation: ResponseAnnotationSchema.nullable(),
}));

/**
 * Emitted when a response is queued and waiting to be processed.
 *
 * @example
 * ResponseQueuedEventSchema.parse(json).response.id;
 */
export const ResponseQueuedEventSchema = objectSchema<ResponseQueuedEvent>(z.object({
  type: z.literal('response.queued'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a new reasoning summary part is added.
 *
 * @example
 * const { summary_index, part } = ResponseReasoningSummaryPartAddedEventSchema.parse(json);
 */
export const ResponseReasoningSummaryPartAddedEventSchema = objectSchema<ResponseReasoningSummaryPartAddedEvent>(z.object({
  type: z.literal('response.reasoning_summary_part.added'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  sequence_number: z.number().optional(),
  part: z.object({
    type: z.literal('summary_text'),
    text: z.string(),
  }),
}));

/**
 * Emitted when a reasoning summary part is completed.
 *
 * @example
 * ResponseReasoningSummaryPartDoneEventSchema.parse(json).part.text;
 */
export const ResponseReasoningSummaryPartDoneEventSchema = objectSchema<ResponseReasoningSummaryPartDoneEvent>(z.object({
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
}));

/**
 * Emitted when a delta is added to a reasoning summary text.
 *
 * @example
 * process.stderr.write(ResponseReasoningSummaryTextDeltaEventSchema.parse(json).delta);
 */
export const ResponseReasoningSummaryTextDeltaEventSchema = objectSchema<ResponseReasoningSummaryTextDeltaEvent>(z.object({
  type: z.literal('response.reasoning_summary_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a reasoning summary text is completed.
 *
 * @example
 * const { text, summary_index } = ResponseReasoningSummaryTextDoneEventSchema.parse(json);
 */
export const ResponseReasoningSummaryTextDoneEventSchema = objectSchema<ResponseReasoningSummaryTextDoneEvent>(z.object({
  type: z.literal('response.reasoning_summary_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a delta is added to a reasoning text.
 *
 * @example
 * ResponseReasoningTextDeltaEventSchema.parse(json).delta;
 */
export const ResponseReasoningTextDeltaEventSchema = objectSchema<ResponseReasoningTextDeltaEvent>(z.object({
  type: z.literal('response.reasoning_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a reasoning text is completed.
 *
 * @example
 * console.log(ResponseReasoningTextDoneEventSchema.parse(json).text);
 */
export const ResponseReasoningTextDoneEventSchema = objectSchema<ResponseReasoningTextDoneEvent>(z.object({
  type: z.literal('response.reasoning_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when there is a partial refusal text.
 *
 * @example
 * const { delta } = ResponseRefusalDeltaEventSchema.parse(json);
 */
export const ResponseRefusalDeltaEventSchema = objectSchema<ResponseRefusalDeltaEvent>(z.object({
  type: z.literal('response.refusal.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when refusal text is finalized.
 *
 * @example
 * ResponseRefusalDoneEventSchema.parse(json).refusal;
 */
export const ResponseRefusalDoneEventSchema = objectSchema<ResponseRefusalDoneEvent>(z.object({
  type: z.literal('response.refusal.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  refusal: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * A streaming event that indicated a shell command was added to a tool call.
 *
 * @example
 * const { command_index, command } = ResponseShellCallCommandAddedEventSchema.parse(json);
 */
export const ResponseShellCallCommandAddedEventSchema = objectSchema<ResponseShellCallCommandAddedEvent>(z.object({
  type: z.literal('response.shell_call_command.added'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
}));

/**
 * A streaming event that indicated a shell command was incrementally updated.
 *
 * @example
 * ResponseShellCallCommandDeltaEventSchema.parse(json).delta;
 */
export const ResponseShellCallCommandDeltaEventSchema = objectSchema<ResponseShellCallCommandDeltaEvent>(z.object({
  type: z.literal('response.shell_call_command.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  delta: z.string(),
  obfuscation: z.string().optional(),
}));

/**
 * A streaming event that indicated a shell command was completed.
 *
 * @example
 * ResponseShellCallCommandDoneEventSchema.parse(json).command;
 */
export const ResponseShellCallCommandDoneEventSchema = objectSchema<ResponseShellCallCommandDoneEvent>(z.object({
  type: z.literal('response.shell_call_command.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
}));

/**
 * A delta of stdout/stderr emitted while a shell call was running.
 *
 * @example
 * ShellCallOutputDeltaSchema.parse({ stdout: 'hello\n' });
 */
export const ShellCallOutputDeltaSchema = objectSchema<ShellCallOutputDelta>(z.object({
  stdout: z.string().optional(),
  stderr: z.string().optional(),
}));

/**
 * A streaming event that indicated shell call output was incrementally added.
 *
 * @example
 * ResponseShellCallOutputContentDeltaEventSchema.parse(json).delta.stdout;
 */
export const ResponseShellCallOutputContentDeltaEventSchema = objectSchema<ResponseShellCallOutputContentDeltaEvent>(z.object({
  type: z.literal('response.shell_call_output_content.delta'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  delta: ShellCallOutputDeltaSchema,
}));

/**
 * A streaming event that indicated shell call output was completed.
 *
 * @example
 * const { output } = ResponseShellCallOutputContentDoneEventSchema.parse(json);
 */
export const ResponseShellCallOutputContentDoneEventSchema = objectSchema<ResponseShellCallOutputContentDoneEvent>(z.object({
  type: z.literal('response.shell_call_output_content.done'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  output: z.array(ResponseFunctionShellCallOutputContentSchema),
}));

/**
 * Emitted when there is an additional text delta.
 *
 * @example
 * process.stdout.write(ResponseTextDeltaEventSchema.parse(json).delta);
 */
export const ResponseTextDeltaEventSchema = objectSchema<ResponseTextDeltaEvent>(z.object({
  type: z.literal('response.output_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
}));

/**
 * Emitted when text content is finalized.
 *
 * @example
 * const { text } = ResponseTextDoneEventSchema.parse(json);
 */
export const ResponseTextDoneEventSchema = objectSchema<ResponseTextDoneEvent>(z.object({
  type: z.literal('response.output_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
}));

/**
 * Emitted when a web search call is completed.
 *
 * @example
 * ResponseWebSearchCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseWebSearchCallCompletedEventSchema = objectSchema<ResponseWebSearchCallCompletedEvent>(z.object({
  type: z.literal('response.web_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a web search call is initiated.
 *
 * @example
 * ResponseWebSearchCallInProgressEventSchema.parse({
 *   type: 'response.web_search_call.in_progress', output_index: 0, item_id: 'ws_123',
 * });
 */
export const ResponseWebSearchCallInProgressEventSchema = objectSchema<ResponseWebSearchCallInProgressEvent>(z.object({
  type: z.literal('response.web_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

/**
 * Emitted when a web search call is executing.
 *
 * @example
 * const { item_id } = ResponseWebSearchCallSearchingEventSchema.parse(json);
 */
export const ResponseWebSearchCallSearchingEventSchema = objectSchema<ResponseWebSearchCallSearchingEvent>(z.object({
  type: z.literal('response.web_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
}));

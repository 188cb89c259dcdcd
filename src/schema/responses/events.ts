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

/**
 * Emitted when there is a partial audio response.
 *
 * @example
 * const chunk = Buffer.from(ResponseAudioDeltaEventSchema.parse(json).delta, 'base64');
 */
export const ResponseAudioDeltaEventSchema = z.object({
  type: z.literal('response.audio.delta'),
  sequence_number: z.number().optional(),
  delta: z.string(),
});
/**
 * Emitted when there is a partial audio response.
 *
 * @example
 * const audio: Buffer[] = [];
 * const onAudio = (e: ResponseAudioDeltaEvent) => audio.push(Buffer.from(e.delta, 'base64'));
 */
export type ResponseAudioDeltaEvent = z.infer<typeof ResponseAudioDeltaEventSchema>;

/**
 * Emitted when the audio response is complete.
 *
 * @example
 * ResponseAudioDoneEventSchema.parse({ type: 'response.audio.done', sequence_number: 12 });
 */
export const ResponseAudioDoneEventSchema = z.object({
  type: z.literal('response.audio.done'),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the audio response is complete.
 *
 * @example
 * const isAudioDone = (e: ResponseStreamEvent): e is ResponseAudioDoneEvent => e.type === 'response.audio.done';
 */
export type ResponseAudioDoneEvent = z.infer<typeof ResponseAudioDoneEventSchema>;

/**
 * Emitted when there is a partial transcript of audio.
 *
 * @example
 * process.stdout.write(ResponseAudioTranscriptDeltaEventSchema.parse(json).delta);
 */
export const ResponseAudioTranscriptDeltaEventSchema = z.object({
  type: z.literal('response.audio.transcript.delta'),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when there is a partial transcript of audio.
 *
 * @example
 * let transcript = '';
 * const onTranscript = (e: ResponseAudioTranscriptDeltaEvent) => { transcript += e.delta; };
 */
export type ResponseAudioTranscriptDeltaEvent = z.infer<typeof ResponseAudioTranscriptDeltaEventSchema>;

/**
 * Emitted when the full audio transcript is completed.
 *
 * @example
 * ResponseAudioTranscriptDoneEventSchema.safeParse(json).success;
 */
export const ResponseAudioTranscriptDoneEventSchema = z.object({
  type: z.literal('response.audio.transcript.done'),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the full audio transcript is completed.
 *
 * @example
 * if (event.type === 'response.audio.transcript.done') console.log('\ntranscript complete');
 */
export type ResponseAudioTranscriptDoneEvent = z.infer<typeof ResponseAudioTranscriptDoneEventSchema>;

/**
 * Emitted when a partial code snippet is streamed by the code interpreter.
 *
 * @example
 * const { item_id, delta } = ResponseCodeInterpreterCallCodeDeltaEventSchema.parse(json);
 */
export const ResponseCodeInterpreterCallCodeDeltaEventSchema = z.object({
  type: z.literal('response.code_interpreter_call_code.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a partial code snippet is streamed by the code interpreter.
 *
 * @example
 * const chunks: string[] = [];
 * const onCode = (e: ResponseCodeInterpreterCallCodeDeltaEvent) => chunks.push(e.delta);
 */
export type ResponseCodeInterpreterCallCodeDeltaEvent = z.infer<typeof ResponseCodeInterpreterCallCodeDeltaEventSchema>;

/**
 * Emitted when the code snippet is finalized by the code interpreter.
 *
 * @example
 * console.log(ResponseCodeInterpreterCallCodeDoneEventSchema.parse(json).code);
 */
export const ResponseCodeInterpreterCallCodeDoneEventSchema = z.object({
  type: z.literal('response.code_interpreter_call_code.done'),
  output_index: z.number(),
  item_id: z.string(),
  code: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the code snippet is finalized by the code interpreter.
 *
 * @example
 * if (event.type === 'response.code_interpreter_call_code.done') console.log(event.code);
 */
export type ResponseCodeInterpreterCallCodeDoneEvent = z.infer<typeof ResponseCodeInterpreterCallCodeDoneEventSchema>;

/**
 * Emitted when the code interpreter call is completed.
 *
 * @example
 * ResponseCodeInterpreterCallCompletedEventSchema.parse(json).output_index;
 */
export const ResponseCodeInterpreterCallCompletedEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the code interpreter call is completed.
 *
 * @example
 * const key = (e: ResponseCodeInterpreterCallCompletedEvent) => `${e.output_index}:${e.item_id}`;
 */
export type ResponseCodeInterpreterCallCompletedEvent = z.infer<typeof ResponseCodeInterpreterCallCompletedEventSchema>;

/**
 * Emitted when a code interpreter call is in progress.
 *
 * @example
 * ResponseCodeInterpreterCallInProgressEventSchema.parse({
 *   type: 'response.code_interpreter_call.in_progress', output_index: 1, item_id: 'ci_123',
 * });
 */
export const ResponseCodeInterpreterCallInProgressEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a code interpreter call is in progress.
 *
 * @example
 * if (event.type === 'response.code_interpreter_call.in_progress') console.log('running code', event.item_id);
 */
export type ResponseCodeInterpreterCallInProgressEvent =
  z.infer<typeof ResponseCodeInterpreterCallInProgressEventSchema>;

/**
 * Emitted when the code interpreter is actively interpreting the code snippet.
 *
 * @example
 * const { item_id } = ResponseCodeInterpreterCallInterpretingEventSchema.parse(json);
 */
export const ResponseCodeInterpreterCallInterpretingEventSchema = z.object({
  type: z.literal('response.code_interpreter_call.interpreting'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the code interpreter is actively interpreting the code snippet.
 *
 * @example
 * const status = (e: ResponseCodeInterpreterCallInterpretingEvent) => `interpreting ${e.item_id}`;
 */
export type ResponseCodeInterpreterCallInterpretingEvent =
  z.infer<typeof ResponseCodeInterpreterCallInterpretingEventSchema>;

/**
 * Emitted when the model response is complete.
 *
 * @example
 * const { response } = ResponseCompletedEventSchema.parse(json);
 * console.log(response.usage?.total_tokens);
 */
export const ResponseCompletedEventSchema = z.object({
  type: z.literal('response.completed'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the model response is complete.
 *
 * @example
 * const finalText = (e: ResponseCompletedEvent) => e.response.output_text ?? '';
 */
export type ResponseCompletedEvent = z.infer<typeof ResponseCompletedEventSchema>;

/**
 * Emitted when a new content part is added.
 *
 * @example
 * const { part, content_index } = ResponseContentPartAddedEventSchema.parse(json);
 */
export const ResponseContentPartAddedEventSchema = z.object({
  type: z.literal('response.content_part.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  part: ResponseContentPartSchema,
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a new content part is added.
 *
 * @example
 * if (event.type === 'response.content_part.added' && event.part.type === 'refusal') console.warn('refusing');
 */
export type ResponseContentPartAddedEvent = z.infer<typeof ResponseContentPartAddedEventSchema>;

/**
 * Emitted when a content part is done.
 *
 * @example
 * ResponseContentPartDoneEventSchema.parse(json).part.type; // 'output_text' | 'refusal' | 'reasoning_text'
 */
export const ResponseContentPartDoneEventSchema = z.object({
  type: z.literal('response.content_part.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  sequence_number: z.number().optional(),
  part: ResponseContentPartSchema,
});
/**
 * Emitted when a content part is done.
 *
 * @example
 * const doneText = (e: ResponseContentPartDoneEvent) => (e.part.type === 'refusal' ? e.part.refusal : e.part.text);
 */
export type ResponseContentPartDoneEvent = z.infer<typeof ResponseContentPartDoneEventSchema>;

/**
 * An event that is emitted when a response is created.
 *
 * @example
 * const { id, model } = ResponseCreatedEventSchema.parse(json).response;
 */
export const ResponseCreatedEventSchema = z.object({
  type: z.literal('response.created'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/**
 * An event that is emitted when a response is created.
 *
 * @example
 * if (event.type === 'response.created') console.log('started', event.response.id);
 */
export type ResponseCreatedEvent = z.infer<typeof ResponseCreatedEventSchema>;

/**
 * Event representing a delta (partial update) to the input of a custom tool call.
 *
 * @example
 * ResponseCustomToolCallInputDeltaEventSchema.parse(json).delta;
 */
export const ResponseCustomToolCallInputDeltaEventSchema = z.object({
  type: z.literal('response.custom_tool_call_input.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
});
/**
 * Event representing a delta (partial update) to the input of a custom tool call.
 *
 * @example
 * let input = '';
 * const onInput = (e: ResponseCustomToolCallInputDeltaEvent) => { input += e.delta; };
 */
export type ResponseCustomToolCallInputDeltaEvent = z.infer<typeof ResponseCustomToolCallInputDeltaEventSchema>;

/**
 * Event indicating that input for a custom tool call is complete.
 *
 * @example
 * const { item_id, input } = ResponseCustomToolCallInputDoneEventSchema.parse(json);
 */
export const ResponseCustomToolCallInputDoneEventSchema = z.object({
  type: z.literal('response.custom_tool_call_input.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
  input: z.string(),
});
/**
 * Event indicating that input for a custom tool call is complete.
 *
 * @example
 * if (event.type === 'response.custom_tool_call_input.done') console.log(event.item_id, event.input);
 */
export type ResponseCustomToolCallInputDoneEvent = z.infer<typeof ResponseCustomToolCallInputDoneEventSchema>;

/**
 * Emitted when an error occurs.
 *
 * @example
 * const { code, message, param } = ResponseErrorEventSchema.parse(json);
 */
export const ResponseErrorEventSchema = z.object({
  type: z.literal('error'),
  code: z.string().nullable(),
  message: z.string(),
  param: z.string().nullable(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when an error occurs.
 *
 * @example
 * const describe = (e: ResponseErrorEvent) => (e.code ? `${e.code}: ${e.message}` : e.message);
 */
export type ResponseErrorEvent = z.infer<typeof ResponseErrorEventSchema>;

/**
 * An event that is emitted when a response fails.
 *
 * @example
 * const { error } = ResponseFailedEventSchema.parse(json).response;
 */
export const ResponseFailedEventSchema = z.object({
  type: z.literal('response.failed'),
  sequence_number: z.number().optional(),
  response: ResponseSchema,
});
/**
 * An event that is emitted when a response fails.
 *
 * @example
 * if (event.type === 'response.failed') console.error(event.response.error?.message);
 */
export type ResponseFailedEvent = z.infer<typeof ResponseFailedEventSchema>;

/**
 * Emitted when a file search call is completed (results found).
 *
 * @example
 * ResponseFileSearchCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseFileSearchCallCompletedEventSchema = z.object({
  type: z.literal('response.file_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a file search call is completed (results found).
 *
 * @example
 * const onSearchDone = (e: ResponseFileSearchCallCompletedEvent) => console.log('file search done', e.item_id);
 */
export type ResponseFileSearchCallCompletedEvent = z.infer<typeof ResponseFileSearchCallCompletedEventSchema>;

/**
 * Emitted when a file search call is initiated.
 *
 * @example
 * ResponseFileSearchCallInProgressEventSchema.parse({
 *   type: 'response.file_search_call.in_progress', output_index: 0, item_id: 'fs_123',
 * });
 */
export const ResponseFileSearchCallInProgressEventSchema = z.object({
  type: z.literal('response.file_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a file search call is initiated.
 *
 * @example
 * if (event.type === 'response.file_search_call.in_progress') console.log('searching files...');
 */
export type ResponseFileSearchCallInProgressEvent = z.infer<typeof ResponseFileSearchCallInProgressEventSchema>;

/**
 * Emitted when a file search is currently searching.
 *
 * @example
 * const { output_index } = ResponseFileSearchCallSearchingEventSchema.parse(json);
 */
export const ResponseFileSearchCallSearchingEventSchema = z.object({
  type: z.literal('response.file_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a file search is currently searching.
 *
 * @example
 * const searching: ResponseFileSearchCallSearchingEvent = {
 *   type: 'response.file_search_call.searching', output_index: 0, item_id: 'fs_123',
 * };
 */
export type ResponseFileSearchCallSearchingEvent = z.infer<typeof ResponseFileSearchCallSearchingEventSchema>;

/**
 * Emitted when there is a partial function-call arguments delta.
 *
 * @example
 * const { item_id, delta } = ResponseFunctionCallArgumentsDeltaEventSchema.parse(json);
 */
export const ResponseFunctionCallArgumentsDeltaEventSchema = z.object({
  type: z.literal('response.function_call_arguments.delta'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  delta: z.string(),
});
/**
 * Emitted when there is a partial function-call arguments delta.
 *
 * @example
 * const args = new Map<string, string>();
 * const onArgs = (e: ResponseFunctionCallArgumentsDeltaEvent) =>
 *   args.set(e.item_id, (args.get(e.item_id) ?? '') + e.delta);
 */
export type ResponseFunctionCallArgumentsDeltaEvent = z.infer<typeof ResponseFunctionCallArgumentsDeltaEventSchema>;

/**
 * Emitted when function-call arguments are finalized.
 *
 * @example
 * const { name, arguments: args } = ResponseFunctionCallArgumentsDoneEventSchema.parse(json);
 * const params = JSON.parse(args);
 */
export const ResponseFunctionCallArgumentsDoneEventSchema = z.object({
  type: z.literal('response.function_call_arguments.done'),
  item_id: z.string(),
  // Absent on the real wire (recordings of the OpenAI API), though the OpenAPI description requires it.
  name: z.string().optional(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  arguments: z.string(),
});
/**
 * Emitted when function-call arguments are finalized.
 *
 * @example
 * if (event.type === 'response.function_call_arguments.done') console.log(event.name, JSON.parse(event.arguments));
 */
export type ResponseFunctionCallArgumentsDoneEvent = z.infer<typeof ResponseFunctionCallArgumentsDoneEventSchema>;

/**
 * Emitted when an image generation tool call has completed and the final image is available.
 *
 * @example
 * ResponseImageGenCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseImageGenCallCompletedEventSchema = z.object({
  type: z.literal('response.image_generation_call.completed'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item_id: z.string(),
});
/**
 * Emitted when an image generation tool call has completed and the final image is available.
 *
 * @example
 * const onImage = (e: ResponseImageGenCallCompletedEvent) => console.log('image ready', e.item_id);
 */
export type ResponseImageGenCallCompletedEvent = z.infer<typeof ResponseImageGenCallCompletedEventSchema>;

/**
 * Emitted when an image generation tool call is actively generating an image (intermediate state).
 *
 * @example
 * ResponseImageGenCallGeneratingEventSchema.safeParse(json).success;
 */
export const ResponseImageGenCallGeneratingEventSchema = z.object({
  type: z.literal('response.image_generation_call.generating'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when an image generation tool call is actively generating an image (intermediate state).
 *
 * @example
 * if (event.type === 'response.image_generation_call.generating') console.log('drawing...', event.item_id);
 */
export type ResponseImageGenCallGeneratingEvent = z.infer<typeof ResponseImageGenCallGeneratingEventSchema>;

/**
 * Emitted when an image generation tool call is in progress.
 *
 * @example
 * ResponseImageGenCallInProgressEventSchema.parse({
 *   type: 'response.image_generation_call.in_progress', output_index: 0, item_id: 'ig_123',
 * });
 */
export const ResponseImageGenCallInProgressEventSchema = z.object({
  type: z.literal('response.image_generation_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when an image generation tool call is in progress.
 *
 * @example
 * const isImageStart = (e: ResponseStreamEvent): e is ResponseImageGenCallInProgressEvent =>
 *   e.type === 'response.image_generation_call.in_progress';
 */
export type ResponseImageGenCallInProgressEvent = z.infer<typeof ResponseImageGenCallInProgressEventSchema>;

/**
 * Emitted when a partial image is available during image generation streaming.
 *
 * @example
 * const { partial_image_b64, partial_image_index } = ResponseImageGenCallPartialImageEventSchema.parse(json);
 */
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
/**
 * Emitted when a partial image is available during image generation streaming.
 *
 * @example
 * const preview = (e: ResponseImageGenCallPartialImageEvent) =>
 *   `data:image/${e.output_format ?? 'png'};base64,${e.partial_image_b64}`;
 */
export type ResponseImageGenCallPartialImageEvent = z.infer<typeof ResponseImageGenCallPartialImageEventSchema>;

/**
 * Emitted when the response is in progress.
 *
 * @example
 * ResponseInProgressEventSchema.parse(json).response.status; // 'in_progress'
 */
export const ResponseInProgressEventSchema = z.object({
  type: z.literal('response.in_progress'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the response is in progress.
 *
 * @example
 * if (event.type === 'response.in_progress') console.log('working on', event.response.id);
 */
export type ResponseInProgressEvent = z.infer<typeof ResponseInProgressEventSchema>;

/**
 * An event that is emitted when a response finishes as incomplete.
 *
 * @example
 * const reason = ResponseIncompleteEventSchema.parse(json).response.incomplete_details?.reason;
 */
export const ResponseIncompleteEventSchema = z.object({
  type: z.literal('response.incomplete'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/**
 * An event that is emitted when a response finishes as incomplete.
 *
 * @example
 * const truncated = (e: ResponseIncompleteEvent) => e.response.incomplete_details?.reason === 'max_output_tokens';
 */
export type ResponseIncompleteEvent = z.infer<typeof ResponseIncompleteEventSchema>;

/**
 * Emitted when there is a delta (partial update) to the arguments of an MCP tool call.
 *
 * @example
 * ResponseMcpCallArgumentsDeltaEventSchema.parse(json).delta;
 */
export const ResponseMcpCallArgumentsDeltaEventSchema = z.object({
  type: z.literal('response.mcp_call_arguments.delta'),
  output_index: z.number(),
  item_id: z.string(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when there is a delta (partial update) to the arguments of an MCP tool call.
 *
 * @example
 * const pieces: string[] = [];
 * const onMcpArgs = (e: ResponseMcpCallArgumentsDeltaEvent) => pieces.push(e.delta); // JSON.parse(pieces.join(''))
 */
export type ResponseMcpCallArgumentsDeltaEvent = z.infer<typeof ResponseMcpCallArgumentsDeltaEventSchema>;

/**
 * Emitted when the arguments for an MCP tool call are finalized.
 *
 * @example
 * const args = JSON.parse(ResponseMcpCallArgumentsDoneEventSchema.parse(json).arguments);
 */
export const ResponseMcpCallArgumentsDoneEventSchema = z.object({
  type: z.literal('response.mcp_call_arguments.done'),
  output_index: z.number(),
  item_id: z.string(),
  arguments: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the arguments for an MCP tool call are finalized.
 *
 * @example
 * if (event.type === 'response.mcp_call_arguments.done') console.log(event.item_id, event.arguments);
 */
export type ResponseMcpCallArgumentsDoneEvent = z.infer<typeof ResponseMcpCallArgumentsDoneEventSchema>;

/**
 * Emitted when an MCP tool call has completed successfully.
 *
 * @example
 * ResponseMcpCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseMcpCallCompletedEventSchema = z.object({
  type: z.literal('response.mcp_call.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when an MCP tool call has completed successfully.
 *
 * @example
 * const onMcpDone = (e: ResponseMcpCallCompletedEvent) => console.log('MCP call done', e.item_id);
 */
export type ResponseMcpCallCompletedEvent = z.infer<typeof ResponseMcpCallCompletedEventSchema>;

/**
 * Emitted when an MCP tool call has failed.
 *
 * @example
 * const { item_id, output_index } = ResponseMcpCallFailedEventSchema.parse(json);
 */
export const ResponseMcpCallFailedEventSchema = z.object({
  type: z.literal('response.mcp_call.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when an MCP tool call has failed.
 *
 * @example
 * if (event.type === 'response.mcp_call.failed') console.error('MCP call failed', event.item_id);
 */
export type ResponseMcpCallFailedEvent = z.infer<typeof ResponseMcpCallFailedEventSchema>;

/**
 * Emitted when an MCP tool call is in progress.
 *
 * @example
 * const started = ResponseMcpCallInProgressEventSchema.safeParse(json);
 * if (started.success) console.log('calling MCP tool', started.data.item_id);
 */
export const ResponseMcpCallInProgressEventSchema = z.object({
  type: z.literal('response.mcp_call.in_progress'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  item_id: z.string(),
});
/**
 * Emitted when an MCP tool call is in progress.
 *
 * @example
 * const pending = new Set<string>();
 * const onMcpStart = (e: ResponseMcpCallInProgressEvent) => pending.add(e.item_id);
 */
export type ResponseMcpCallInProgressEvent = z.infer<typeof ResponseMcpCallInProgressEventSchema>;

/**
 * Emitted when the list of available MCP tools has been successfully retrieved.
 *
 * @example
 * ResponseMcpListToolsCompletedEventSchema.parse(json).output_index;
 */
export const ResponseMcpListToolsCompletedEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.completed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the list of available MCP tools has been successfully retrieved.
 *
 * @example
 * if (event.type === 'response.mcp_list_tools.completed') console.log('MCP tools listed', event.item_id);
 */
export type ResponseMcpListToolsCompletedEvent = z.infer<typeof ResponseMcpListToolsCompletedEventSchema>;

/**
 * Emitted when the attempt to list available MCP tools has failed.
 *
 * @example
 * ResponseMcpListToolsFailedEventSchema.safeParse(json).success;
 */
export const ResponseMcpListToolsFailedEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.failed'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the attempt to list available MCP tools has failed.
 *
 * @example
 * const onListFailed = (e: ResponseMcpListToolsFailedEvent) => console.error('could not list MCP tools', e.item_id);
 */
export type ResponseMcpListToolsFailedEvent = z.infer<typeof ResponseMcpListToolsFailedEventSchema>;

/**
 * Emitted when the system is in the process of retrieving the list of available MCP tools.
 *
 * @example
 * const { item_id } = ResponseMcpListToolsInProgressEventSchema.parse(json);
 */
export const ResponseMcpListToolsInProgressEventSchema = z.object({
  type: z.literal('response.mcp_list_tools.in_progress'),
  item_id: z.string(),
  output_index: z.number(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when the system is in the process of retrieving the list of available MCP tools.
 *
 * @example
 * const listing: ResponseMcpListToolsInProgressEvent = {
 *   type: 'response.mcp_list_tools.in_progress', item_id: 'mcpl_123', output_index: 0,
 * };
 */
export type ResponseMcpListToolsInProgressEvent = z.infer<typeof ResponseMcpListToolsInProgressEventSchema>;

/**
 * Emitted when a new output item is added.
 *
 * @example
 * const { item, output_index } = ResponseOutputItemAddedEventSchema.parse(json);
 */
export const ResponseOutputItemAddedEventSchema = z.object({
  type: z.literal('response.output_item.added'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
});
/**
 * Emitted when a new output item is added.
 *
 * @example
 * if (event.type === 'response.output_item.added' && event.item.type === 'function_call') console.log(event.item.name);
 */
export type ResponseOutputItemAddedEvent = z.infer<typeof ResponseOutputItemAddedEventSchema>;

/**
 * Emitted when an output item is marked done.
 *
 * @example
 * const { item } = ResponseOutputItemDoneEventSchema.parse(json);
 * if (item.type === 'message') console.log(item.content);
 */
export const ResponseOutputItemDoneEventSchema = z.object({
  type: z.literal('response.output_item.done'),
  output_index: z.number(),
  sequence_number: z.number().optional(),
  item: ResponseOutputItemSchema,
});
/**
 * Emitted when an output item is marked done.
 *
 * @example
 * const items: ResponseOutputItem[] = [];
 * const onItemDone = (e: ResponseOutputItemDoneEvent) => { items[e.output_index] = e.item; };
 */
export type ResponseOutputItemDoneEvent = z.infer<typeof ResponseOutputItemDoneEventSchema>;

/**
 * Emitted when an annotation is added to output text content.
 *
 * @example
 * const { annotation, annotation_index } = ResponseOutputTextAnnotationAddedEventSchema.parse(json);
 */
export const ResponseOutputTextAnnotationAddedEventSchema = z.object({
  type: z.literal('response.output_text.annotation.added'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  annotation_index: z.number(),
  sequence_number: z.number().optional(),
  annotation: ResponseAnnotationSchema.nullable(),
});
/**
 * Emitted when an annotation is added to output text content.
 *
 * @example
 * if (event.type === 'response.output_text.annotation.added' && event.annotation?.type === 'url_citation') {
 *   console.log(event.annotation.url);
 * }
 */
export type ResponseOutputTextAnnotationAddedEvent = z.infer<typeof ResponseOutputTextAnnotationAddedEventSchema>;

/**
 * Emitted when a response is queued and waiting to be processed.
 *
 * @example
 * ResponseQueuedEventSchema.parse(json).response.id;
 */
export const ResponseQueuedEventSchema = z.object({
  type: z.literal('response.queued'),
  response: ResponseSchema,
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a response is queued and waiting to be processed.
 *
 * @example
 * if (event.type === 'response.queued') console.log('queued', event.response.id);
 */
export type ResponseQueuedEvent = z.infer<typeof ResponseQueuedEventSchema>;

/**
 * Emitted when a new reasoning summary part is added.
 *
 * @example
 * const { summary_index, part } = ResponseReasoningSummaryPartAddedEventSchema.parse(json);
 */
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
/**
 * Emitted when a new reasoning summary part is added.
 *
 * @example
 * const summaries: string[] = [];
 * const onPart = (e: ResponseReasoningSummaryPartAddedEvent) => { summaries[e.summary_index] = e.part.text; };
 */
export type ResponseReasoningSummaryPartAddedEvent = z.infer<typeof ResponseReasoningSummaryPartAddedEventSchema>;

/**
 * Emitted when a reasoning summary part is completed.
 *
 * @example
 * ResponseReasoningSummaryPartDoneEventSchema.parse(json).part.text;
 */
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
/**
 * Emitted when a reasoning summary part is completed.
 *
 * @example
 * if (event.type === 'response.reasoning_summary_part.done') console.log(event.summary_index, event.part.text);
 */
export type ResponseReasoningSummaryPartDoneEvent = z.infer<typeof ResponseReasoningSummaryPartDoneEventSchema>;

/**
 * Emitted when a delta is added to a reasoning summary text.
 *
 * @example
 * process.stderr.write(ResponseReasoningSummaryTextDeltaEventSchema.parse(json).delta);
 */
export const ResponseReasoningSummaryTextDeltaEventSchema = z.object({
  type: z.literal('response.reasoning_summary_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a delta is added to a reasoning summary text.
 *
 * @example
 * if (event.type === 'response.reasoning_summary_text.delta') process.stderr.write(event.delta);
 */
export type ResponseReasoningSummaryTextDeltaEvent = z.infer<typeof ResponseReasoningSummaryTextDeltaEventSchema>;

/**
 * Emitted when a reasoning summary text is completed.
 *
 * @example
 * const { text, summary_index } = ResponseReasoningSummaryTextDoneEventSchema.parse(json);
 */
export const ResponseReasoningSummaryTextDoneEventSchema = z.object({
  type: z.literal('response.reasoning_summary_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a reasoning summary text is completed.
 *
 * @example
 * const summaryLine = (e: ResponseReasoningSummaryTextDoneEvent) => `#${e.summary_index + 1}: ${e.text}`;
 */
export type ResponseReasoningSummaryTextDoneEvent = z.infer<typeof ResponseReasoningSummaryTextDoneEventSchema>;

/**
 * Emitted when a delta is added to a reasoning text.
 *
 * @example
 * ResponseReasoningTextDeltaEventSchema.parse(json).delta;
 */
export const ResponseReasoningTextDeltaEventSchema = z.object({
  type: z.literal('response.reasoning_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a delta is added to a reasoning text.
 *
 * @example
 * const reasoning: string[] = [];
 * const onReasoning = (e: ResponseReasoningTextDeltaEvent) => reasoning.push(e.delta);
 */
export type ResponseReasoningTextDeltaEvent = z.infer<typeof ResponseReasoningTextDeltaEventSchema>;

/**
 * Emitted when a reasoning text is completed.
 *
 * @example
 * console.log(ResponseReasoningTextDoneEventSchema.parse(json).text);
 */
export const ResponseReasoningTextDoneEventSchema = z.object({
  type: z.literal('response.reasoning_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a reasoning text is completed.
 *
 * @example
 * if (event.type === 'response.reasoning_text.done') console.log('reasoning:', event.text);
 */
export type ResponseReasoningTextDoneEvent = z.infer<typeof ResponseReasoningTextDoneEventSchema>;

/**
 * Emitted when there is a partial refusal text.
 *
 * @example
 * const { delta } = ResponseRefusalDeltaEventSchema.parse(json);
 */
export const ResponseRefusalDeltaEventSchema = z.object({
  type: z.literal('response.refusal.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when there is a partial refusal text.
 *
 * @example
 * let refusal = '';
 * const onRefusal = (e: ResponseRefusalDeltaEvent) => { refusal += e.delta; };
 */
export type ResponseRefusalDeltaEvent = z.infer<typeof ResponseRefusalDeltaEventSchema>;

/**
 * Emitted when refusal text is finalized.
 *
 * @example
 * ResponseRefusalDoneEventSchema.parse(json).refusal;
 */
export const ResponseRefusalDoneEventSchema = z.object({
  type: z.literal('response.refusal.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  refusal: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when refusal text is finalized.
 *
 * @example
 * if (event.type === 'response.refusal.done') console.warn('model refused:', event.refusal);
 */
export type ResponseRefusalDoneEvent = z.infer<typeof ResponseRefusalDoneEventSchema>;

/**
 * A streaming event that indicated a shell command was added to a tool call.
 *
 * @example
 * const { command_index, command } = ResponseShellCallCommandAddedEventSchema.parse(json);
 */
export const ResponseShellCallCommandAddedEventSchema = z.object({
  type: z.literal('response.shell_call_command.added'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
});
/**
 * A streaming event that indicated a shell command was added to a tool call.
 *
 * @example
 * const commands: string[] = [];
 * const onCommand = (e: ResponseShellCallCommandAddedEvent) => { commands[e.command_index] = e.command; };
 */
export type ResponseShellCallCommandAddedEvent = z.infer<typeof ResponseShellCallCommandAddedEventSchema>;

/**
 * A streaming event that indicated a shell command was incrementally updated.
 *
 * @example
 * ResponseShellCallCommandDeltaEventSchema.parse(json).delta;
 */
export const ResponseShellCallCommandDeltaEventSchema = z.object({
  type: z.literal('response.shell_call_command.delta'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  delta: z.string(),
  obfuscation: z.string().optional(),
});
/**
 * A streaming event that indicated a shell command was incrementally updated.
 *
 * @example
 * const commands: string[] = [];
 * const onDelta = (e: ResponseShellCallCommandDeltaEvent) => {
 *   commands[e.command_index] = (commands[e.command_index] ?? '') + e.delta;
 * };
 */
export type ResponseShellCallCommandDeltaEvent = z.infer<typeof ResponseShellCallCommandDeltaEventSchema>;

/**
 * A streaming event that indicated a shell command was completed.
 *
 * @example
 * ResponseShellCallCommandDoneEventSchema.parse(json).command;
 */
export const ResponseShellCallCommandDoneEventSchema = z.object({
  type: z.literal('response.shell_call_command.done'),
  sequence_number: z.number().optional(),
  output_index: z.number(),
  command_index: z.number(),
  command: z.string(),
});
/**
 * A streaming event that indicated a shell command was completed.
 *
 * @example
 * if (event.type === 'response.shell_call_command.done') console.log('$', event.command);
 */
export type ResponseShellCallCommandDoneEvent = z.infer<typeof ResponseShellCallCommandDoneEventSchema>;

/**
 * A delta of stdout/stderr emitted while a shell call was running.
 *
 * @example
 * ShellCallOutputDeltaSchema.parse({ stdout: 'hello\n' });
 */
export const ShellCallOutputDeltaSchema = z.object({
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});
/**
 * A delta of stdout/stderr emitted while a shell call was running.
 *
 * @example
 * const print = (d: ShellCallOutputDelta) => {
 *   process.stdout.write(d.stdout ?? '');
 *   process.stderr.write(d.stderr ?? '');
 * };
 */
export type ShellCallOutputDelta = z.infer<typeof ShellCallOutputDeltaSchema>;

/**
 * A streaming event that indicated shell call output was incrementally added.
 *
 * @example
 * ResponseShellCallOutputContentDeltaEventSchema.parse(json).delta.stdout;
 */
export const ResponseShellCallOutputContentDeltaEventSchema = z.object({
  type: z.literal('response.shell_call_output_content.delta'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  delta: ShellCallOutputDeltaSchema,
});
/**
 * A streaming event that indicated shell call output was incrementally added.
 *
 * @example
 * if (event.type === 'response.shell_call_output_content.delta') process.stdout.write(event.delta.stdout ?? '');
 */
export type ResponseShellCallOutputContentDeltaEvent = z.infer<typeof ResponseShellCallOutputContentDeltaEventSchema>;

/**
 * A streaming event that indicated shell call output was completed.
 *
 * @example
 * const { output } = ResponseShellCallOutputContentDoneEventSchema.parse(json);
 */
export const ResponseShellCallOutputContentDoneEventSchema = z.object({
  type: z.literal('response.shell_call_output_content.done'),
  sequence_number: z.number().optional(),
  item_id: z.string(),
  output_index: z.number(),
  command_index: z.number(),
  output: z.array(ResponseFunctionShellCallOutputContentSchema),
});
/**
 * A streaming event that indicated shell call output was completed.
 *
 * @example
 * const exitCodes = (e: ResponseShellCallOutputContentDoneEvent) =>
 *   e.output.map((o) => (o.outcome.type === 'exit' ? o.outcome.exit_code : null));
 */
export type ResponseShellCallOutputContentDoneEvent = z.infer<typeof ResponseShellCallOutputContentDoneEventSchema>;

/**
 * Emitted when there is an additional text delta.
 *
 * @example
 * process.stdout.write(ResponseTextDeltaEventSchema.parse(json).delta);
 */
export const ResponseTextDeltaEventSchema = z.object({
  type: z.literal('response.output_text.delta'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  delta: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
});
/**
 * Emitted when there is an additional text delta.
 *
 * @example
 * if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
 */
export type ResponseTextDeltaEvent = z.infer<typeof ResponseTextDeltaEventSchema>;

/**
 * Emitted when text content is finalized.
 *
 * @example
 * const { text } = ResponseTextDoneEventSchema.parse(json);
 */
export const ResponseTextDoneEventSchema = z.object({
  type: z.literal('response.output_text.done'),
  item_id: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  text: z.string(),
  sequence_number: z.number().optional(),
  logprobs: z.array(ResponseTextDeltaLogprobSchema).optional(),
});
/**
 * Emitted when text content is finalized.
 *
 * @example
 * const onText = (e: ResponseTextDoneEvent) => console.log(`[${e.output_index}/${e.content_index}]`, e.text);
 */
export type ResponseTextDoneEvent = z.infer<typeof ResponseTextDoneEventSchema>;

/**
 * Emitted when a web search call is completed.
 *
 * @example
 * ResponseWebSearchCallCompletedEventSchema.parse(json).item_id;
 */
export const ResponseWebSearchCallCompletedEventSchema = z.object({
  type: z.literal('response.web_search_call.completed'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a web search call is completed.
 *
 * @example
 * if (event.type === 'response.web_search_call.completed') console.log('search finished', event.item_id);
 */
export type ResponseWebSearchCallCompletedEvent = z.infer<typeof ResponseWebSearchCallCompletedEventSchema>;

/**
 * Emitted when a web search call is initiated.
 *
 * @example
 * ResponseWebSearchCallInProgressEventSchema.parse({
 *   type: 'response.web_search_call.in_progress', output_index: 0, item_id: 'ws_123',
 * });
 */
export const ResponseWebSearchCallInProgressEventSchema = z.object({
  type: z.literal('response.web_search_call.in_progress'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a web search call is initiated.
 *
 * @example
 * const onSearchStart = (e: ResponseWebSearchCallInProgressEvent) => console.log('searching the web...', e.item_id);
 */
export type ResponseWebSearchCallInProgressEvent = z.infer<typeof ResponseWebSearchCallInProgressEventSchema>;

/**
 * Emitted when a web search call is executing.
 *
 * @example
 * const { item_id } = ResponseWebSearchCallSearchingEventSchema.parse(json);
 */
export const ResponseWebSearchCallSearchingEventSchema = z.object({
  type: z.literal('response.web_search_call.searching'),
  output_index: z.number(),
  item_id: z.string(),
  sequence_number: z.number().optional(),
});
/**
 * Emitted when a web search call is executing.
 *
 * @example
 * const status = new Map<string, string>();
 * if (event.type === 'response.web_search_call.searching') status.set(event.item_id, 'searching');
 */
export type ResponseWebSearchCallSearchingEvent = z.infer<typeof ResponseWebSearchCallSearchingEventSchema>;

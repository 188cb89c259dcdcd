/**
 * Compile-time proof that the Responses types inferred from our schemas fit the official SDK's types: a value we
 * validated can be handed to code written against `openai`'s types. Every `const` below only compiles if its
 * assertion holds (`npx tsc -p tsconfig.json --noEmit`); the jest test at the end makes the file count as a spec.
 *
 * A few fields differ from the official types on purpose, each pinned below so that any other change breaks
 * this file:
 * - wider so that recorded and published streams validate: every event's `sequence_number`, the `logprobs` of
 *   `response.output_text.delta` / `.done` and `usage.input_tokens_details` may be absent; `Response.user` and
 *   `Response.usage` may be `null`;
 * - newer values of the description: `Response.service_tier` may be `fast` or `ultrafast`;
 * - `Response.output_text` is not sent by the API (the SDK adds it; so do `accumulateResponse()` and
 *   `finalResponse()`, whose `ResponseSnapshot` has it);
 * - where the OpenAPI description and the SDK disagree, the description wins: an MCP call's `error` is an object
 *   (the SDK says string), a function call output's `call_id` may be absent (and `null`, as an input item);
 * - the five `response.shell_call_*` events of the description are not in the SDK's union yet.
 * The objects are proven assignable once exactly these differences are undone.
 */
import type * as Official from 'openai/resources/responses/responses';
import type { Reasoning as OfficialReasoning } from 'openai/resources/shared';
import type {
  Response,
  ResponseAnnotation,
  ResponseApplyPatchToolCall,
  ResponseApplyPatchToolCallOutput,
  ResponseCodeInterpreterToolCall,
  ResponseCompactionItem,
  ResponseComputerToolCall,
  ResponseComputerToolCallOutputItem,
  ResponseContentPart,
  ResponseCustomToolCall,
  ResponseCustomToolCallOutputItem,
  ResponseError,
  ResponseFileSearchToolCall,
  ResponseFunctionShellToolCall,
  ResponseFunctionShellToolCallOutput,
  ResponseFunctionToolCall,
  ResponseFunctionToolCallOutputItem,
  ResponseFunctionWebSearch,
  ResponseImageGenerationCall,
  ResponseInputContent,
  ResponseInputFile,
  ResponseInputImage,
  ResponseInputItem,
  ResponseInputText,
  ResponseLocalShellCall,
  ResponseLocalShellCallOutput,
  ResponseMcpApprovalRequest,
  ResponseMcpApprovalResponse,
  ResponseMcpCall,
  ResponseMcpListTools,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseReasoningItem,
  ResponseSnapshot,
  ResponseStreamEvent,
  ResponseStreamEventType,
  ResponseTextDeltaEvent,
  ResponseTextDoneEvent,
  ResponseToolSearchCall,
  ResponseToolSearchOutputItem,
  ResponseUsage,
  Responses,
} from '../../src/index';

/** `true` when every `A` is a `B`. */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Not<T extends boolean> = T extends true ? false : true;

/** `T` with its fields `K` required and never `undefined` (undoes "may be absent"). */
type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

// ---- the differences, undone ----------------------------------------------------------------------------------

type McpCallLike = Omit<ResponseMcpCall, 'error'> & { error?: string | null };
type FunctionCallOutputItemLike = Present<ResponseFunctionToolCallOutputItem, 'call_id'>;
type OutputItemLike =
  | Exclude<ResponseOutputItem, { type: 'mcp_call' | 'function_call_output' }>
  | McpCallLike
  | FunctionCallOutputItemLike;
type FunctionCallOutputParamLike = Omit<Responses.FunctionCallOutputItemParam, 'call_id'> & { call_id: string };
type InputItemLike =
  | Exclude<ResponseInputItem, { type?: 'mcp_call' | 'function_call_output' }>
  | McpCallLike
  | FunctionCallOutputParamLike;
type UsageLike = Present<ResponseUsage, 'input_tokens_details'>;
type ResponseLike = Omit<Response, 'user' | 'usage' | 'output_text' | 'output' | 'instructions' | 'service_tier'> & {
  service_tier?: Exclude<Response['service_tier'], 'fast' | 'ultrafast'>;
  user?: string;
  usage?: UsageLike;
  output_text: string;
  output: OutputItemLike[];
  instructions: string | InputItemLike[] | null;
};
type ShellEventType = Extract<ResponseStreamEventType, `response.shell_call${string}`>;

/** An event of ours with every difference undone. */
type WithSequenceNumber<T> = Omit<T, 'sequence_number'> & { sequence_number: number };
type EventLike<E> = E extends { response: Response }
  ? WithSequenceNumber<Omit<E, 'response'> & { response: ResponseLike }>
  : E extends { item: ResponseOutputItem }
    ? WithSequenceNumber<Omit<E, 'item'> & { item: OutputItemLike }>
    : E extends ResponseTextDeltaEvent | ResponseTextDoneEvent
      ? Present<E, 'sequence_number' | 'logprobs'>
      : E extends { sequence_number?: number }
        ? Present<E, 'sequence_number'>
        : E;

// ---- objects without deviation: assignable as they are ------------------------------------------------------

const objects = {
  outputMessage: true satisfies Assignable<ResponseOutputMessage, Official.ResponseOutputMessage>,
  outputText: true satisfies Assignable<ResponseOutputText, Official.ResponseOutputText>,
  outputRefusal: true satisfies Assignable<ResponseOutputRefusal, Official.ResponseOutputRefusal>,
  annotation: true satisfies Assignable<ResponseAnnotation, Official.ResponseOutputText['annotations'][number]>,
  contentPart: true satisfies Assignable<ResponseContentPart, Official.ResponseContentPartAddedEvent['part']>,
  functionToolCall: true satisfies Assignable<ResponseFunctionToolCall, Official.ResponseFunctionToolCall>,
  fileSearchToolCall: true satisfies Assignable<ResponseFileSearchToolCall, Official.ResponseFileSearchToolCall>,
  webSearch: true satisfies Assignable<ResponseFunctionWebSearch, Official.ResponseFunctionWebSearch>,
  computerToolCall: true satisfies Assignable<ResponseComputerToolCall, Official.ResponseComputerToolCall>,
  computerToolCallOutputItem: true satisfies Assignable<ResponseComputerToolCallOutputItem, Official.ResponseComputerToolCallOutputItem>,
  reasoningItem: true satisfies Assignable<ResponseReasoningItem, Official.ResponseReasoningItem>,
  codeInterpreterToolCall: true satisfies Assignable<ResponseCodeInterpreterToolCall, Official.ResponseCodeInterpreterToolCall>,
  customToolCall: true satisfies Assignable<ResponseCustomToolCall, Official.ResponseCustomToolCall>,
  customToolCallOutputItem: true satisfies Assignable<ResponseCustomToolCallOutputItem, Official.ResponseCustomToolCallOutputItem>,
  imageGenerationCall: true satisfies Assignable<ResponseImageGenerationCall, Official.ResponseOutputItem.ImageGenerationCall>,
  localShellCall: true satisfies Assignable<ResponseLocalShellCall, Official.ResponseOutputItem.LocalShellCall>,
  localShellCallOutput: true satisfies Assignable<ResponseLocalShellCallOutput, Official.ResponseOutputItem.LocalShellCallOutput>,
  shellToolCall: true satisfies Assignable<ResponseFunctionShellToolCall, Official.ResponseFunctionShellToolCall>,
  shellToolCallOutput: true satisfies Assignable<ResponseFunctionShellToolCallOutput, Official.ResponseFunctionShellToolCallOutput>,
  applyPatchToolCall: true satisfies Assignable<ResponseApplyPatchToolCall, Official.ResponseApplyPatchToolCall>,
  applyPatchToolCallOutput: true satisfies Assignable<ResponseApplyPatchToolCallOutput, Official.ResponseApplyPatchToolCallOutput>,
  mcpListTools: true satisfies Assignable<ResponseMcpListTools, Official.ResponseOutputItem.McpListTools>,
  mcpApprovalRequest: true satisfies Assignable<ResponseMcpApprovalRequest, Official.ResponseOutputItem.McpApprovalRequest>,
  mcpApprovalResponse: true satisfies Assignable<ResponseMcpApprovalResponse, Official.ResponseOutputItem.McpApprovalResponse>,
  toolSearchCall: true satisfies Assignable<ResponseToolSearchCall, Official.ResponseToolSearchCall>,
  toolSearchOutputItem: true satisfies Assignable<ResponseToolSearchOutputItem, Official.ResponseToolSearchOutputItem>,
  compactionItem: true satisfies Assignable<ResponseCompactionItem, Official.ResponseCompactionItem>,
  inputText: true satisfies Assignable<ResponseInputText, Official.ResponseInputText>,
  inputImage: true satisfies Assignable<ResponseInputImage, Official.ResponseInputImage>,
  inputFile: true satisfies Assignable<ResponseInputFile, Official.ResponseInputFile>,
  inputContent: true satisfies Assignable<ResponseInputContent, Official.ResponseInputContent>,
  tool: true satisfies Assignable<Responses.Tool, Official.Tool>,
  functionTool: true satisfies Assignable<Responses.FunctionTool, Official.FunctionTool>,
  fileSearchTool: true satisfies Assignable<Responses.FileSearchTool, Official.FileSearchTool>,
  webSearchTool: true satisfies Assignable<Responses.WebSearchTool, Official.WebSearchTool>,
  mcpTool: true satisfies Assignable<Responses.McpTool, Official.Tool.Mcp>,
  toolChoice: true satisfies Assignable<Responses.ResponseToolChoice, Official.Response['tool_choice']>,
  textConfig: true satisfies Assignable<Responses.ResponseTextConfig, Official.ResponseTextConfig>,
  reasoning: true satisfies Assignable<NonNullable<Responses.Reasoning>, OfficialReasoning>,
  error: true satisfies Assignable<ResponseError, Official.ResponseError | null>,
};

// ---- the response, output items, input items and events: assignable once the differences are undone ----------

const undone = {
  outputItem: true satisfies Assignable<OutputItemLike, Official.ResponseOutputItem>,
  inputItem: true satisfies Assignable<InputItemLike, Official.ResponseInputItem>,
  usage: true satisfies Assignable<UsageLike, Official.ResponseUsage>,
  response: true satisfies Assignable<ResponseLike, Official.Response>,
  snapshot: true satisfies Assignable<
    Omit<ResponseSnapshot, keyof ResponseLike> & ResponseLike,
    Official.Response
  >,
  events: true satisfies Assignable<
    EventLike<Exclude<ResponseStreamEvent, { type: ShellEventType }>>,
    Official.ResponseStreamEvent
  >,
  textDelta: true satisfies Assignable<EventLike<ResponseTextDeltaEvent>, Official.ResponseTextDeltaEvent>,
};

const differences = {
  sequenceNumberMayBeAbsent: true satisfies Equal<ResponseTextDeltaEvent['sequence_number'], number | undefined>,
  textDeltaLogprobsMayBeAbsent: true satisfies Equal<
    ResponseTextDeltaEvent['logprobs'],
    Official.ResponseTextDeltaEvent['logprobs'] | undefined
  >,
  inputTokensDetailsMayBeAbsent: true satisfies Equal<
    ResponseUsage['input_tokens_details'],
    Official.ResponseUsage['input_tokens_details'] | undefined
  >,
  userMayBeNull: true satisfies Equal<Response['user'], Official.Response['user'] | null>,
  serviceTierMayBeFast: true satisfies Equal<Response['service_tier'], Official.Response['service_tier'] | 'fast' | 'ultrafast'>,
  usageMayBeNull: true satisfies Equal<Response['usage'], ResponseUsage | null | undefined>,
  outputTextIsNotSent: true satisfies Equal<Response['output_text'], string | null | undefined>,
  snapshotHasOutputText: true satisfies Equal<ResponseSnapshot['output_text'], string>,
  mcpCallErrorIsAnObject: true satisfies Not<Assignable<ResponseMcpCall['error'], Official.ResponseOutputItem.McpCall['error']>>,
  functionCallOutputCallIdMayBeAbsent: true satisfies Equal<ResponseFunctionToolCallOutputItem['call_id'], string | undefined>,
  functionCallOutputParamCallIdMayBeAbsent: true satisfies Equal<
    Responses.FunctionCallOutputItemParam['call_id'],
    string | null | undefined
  >,
  shellEventsAreExtra: true satisfies Equal<
    Exclude<ResponseStreamEventType, Official.ResponseStreamEvent['type']>,
    ShellEventType
  >,
  // The same event types as the official union otherwise, but `error` (which ends our streams with an error).
  sameEventTypes: true satisfies Equal<Exclude<Official.ResponseStreamEvent['type'], ResponseStreamEventType>, 'error'>,
  responseDiffers: true satisfies Not<Assignable<Response, Official.Response>>,
  eventsDiffer: true satisfies Not<Assignable<ResponseStreamEvent, Official.ResponseStreamEvent>>,
};

describe('inferred Responses types against the official openai types', () => {
  it.each(Object.entries({ ...objects, ...undone, ...differences }))('%s', (_, holds) => {
    expect(holds).toBe(true);
  });
});

/**
 * Compile-time proof that the declared Responses wire types (src/wire/) fit the official SDK's types: a value we
 * validated can be handed to code written against `openai`'s types. A type test, checked by `tsc` (`npm test`
 * runs `npm run typecheck` first), not by jest: every `expectTypeOf` below is a compile error when it does not
 * hold.
 *
 * A few fields differ from the official types (openai 7.x), each pinned below so that any other change breaks
 * this file:
 * - wider so that recorded and published streams validate: every event's `sequence_number`, the `logprobs` of
 *   `response.output_text.delta` / `.done` and `usage.input_tokens_details` may be absent; `Response.user` and
 *   `Response.usage` may be `null`;
 * - `Response.output_text` is not sent by the API (the SDK adds it; so do `accumulateResponse()` and
 *   `finalResponse()`, whose `ResponseSnapshot` has it);
 * - newer than our schemas, in the SDK only: `Response.access_programs` (required there) and
 *   `usage.input_tokens_details.cache_write_tokens_details` are not declared by our schemas (sent fields are
 *   kept untouched all the same).
 * The objects are proven assignable once exactly these differences are undone.
 *
 * Differences of openai 6.x's types that 7.x no longer has, now plain assignability checks: `service_tier`
 * `fast` / `ultrafast`, an MCP call's `error` object, a function call output's optional `call_id`, and the five
 * `response.shell_call_*` events.
 */
import { expectTypeOf } from 'expect-type';
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
  ResponseFunctionCallArgumentsDoneEvent,
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

/** `T` with its fields `K` required and never `undefined` (undoes "may be absent"). */
type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

// ---- the differences, undone ----------------------------------------------------------------------------------

type UsageLike = Omit<ResponseUsage, 'input_tokens_details'> & {
  input_tokens_details: Present<NonNullable<ResponseUsage['input_tokens_details']>, 'cache_write_tokens'>;
};
/** An output item with the fields real streams omit (and the OpenAPI description requires) present again. */
type OutputItemLike<I = ResponseOutputItem> = I extends ResponseFunctionWebSearch
  ? Present<I, 'action'>
  : I extends ResponseImageGenerationCall
    ? Present<I, 'result'>
    : I;
type JsonSchemaFormat = Extract<NonNullable<Responses.ResponseTextConfig['format']>, { type: 'json_schema' }>;
type TextConfigLike = Omit<Responses.ResponseTextConfig, 'format'> & {
  format?:
    | Exclude<NonNullable<Responses.ResponseTextConfig['format']>, JsonSchemaFormat>
    | (Omit<JsonSchemaFormat, 'description'> & { description?: string });
};
type ResponseLike = Omit<Response, 'user' | 'usage' | 'output_text' | 'output' | 'text' | 'instructions'> & {
  instructions: string | Array<OutputItemLike<ResponseInputItem>> | null;
  user?: string;
  usage?: UsageLike;
  output_text: string;
  output: OutputItemLike[];
  text?: TextConfigLike;
  access_programs: Official.Response['access_programs'];
};

/** An event of ours with every difference undone. */
type WithSequenceNumber<T> = Omit<T, 'sequence_number'> & { sequence_number: number };
type EventLike<E> = E extends { response: Response }
  ? WithSequenceNumber<Omit<E, 'response'> & { response: ResponseLike }>
  : E extends { item: ResponseOutputItem }
    ? WithSequenceNumber<Omit<E, 'item'> & { item: OutputItemLike<E['item']> }>
    : E extends ResponseTextDeltaEvent | ResponseTextDoneEvent
      ? Present<E, 'sequence_number' | 'logprobs'>
      : E extends ResponseFunctionCallArgumentsDoneEvent
        ? Present<E, 'sequence_number' | 'name'>
        : E extends { sequence_number?: number }
          ? Present<E, 'sequence_number'>
          : E;

/** The `type` of each member of the union `U` that does not fit the union `O` as it is. */
type Misfits<U, O> = U extends { type: infer T } ? ([U] extends [O] ? never : T) : never;

// ---- the checks can fail ------------------------------------------------------------------------------------

// @ts-expect-error an output item is not an input text: were expect-type's checks ever vacuous, this would compile
expectTypeOf<ResponseOutputItem>().toExtend<Official.ResponseInputText>();

// ---- objects without deviation: assignable as they are ------------------------------------------------------

expectTypeOf<ResponseOutputMessage>().toExtend<Official.ResponseOutputMessage>();
expectTypeOf<ResponseOutputText>().toExtend<Official.ResponseOutputText>();
expectTypeOf<ResponseOutputRefusal>().toExtend<Official.ResponseOutputRefusal>();
expectTypeOf<ResponseAnnotation>().toExtend<Official.ResponseOutputText['annotations'][number]>();
expectTypeOf<ResponseContentPart>().toExtend<Official.ResponseContentPartAddedEvent['part']>();
expectTypeOf<ResponseFunctionToolCall>().toExtend<Official.ResponseFunctionToolCall>();
expectTypeOf<ResponseFileSearchToolCall>().toExtend<Official.ResponseFileSearchToolCall>();
expectTypeOf<OutputItemLike<ResponseFunctionWebSearch>>().toExtend<Official.ResponseFunctionWebSearch>();
expectTypeOf<ResponseComputerToolCall>().toExtend<Official.ResponseComputerToolCall>();
expectTypeOf<ResponseComputerToolCallOutputItem>().toExtend<Official.ResponseComputerToolCallOutputItem>();
expectTypeOf<ResponseReasoningItem>().toExtend<Official.ResponseReasoningItem>();
expectTypeOf<ResponseCodeInterpreterToolCall>().toExtend<Official.ResponseCodeInterpreterToolCall>();
expectTypeOf<ResponseCustomToolCall>().toExtend<Official.ResponseCustomToolCall>();
expectTypeOf<ResponseCustomToolCallOutputItem>().toExtend<Official.ResponseCustomToolCallOutputItem>();
expectTypeOf<OutputItemLike<ResponseImageGenerationCall>>().toExtend<Official.ResponseOutputItem.ImageGenerationCall>();
expectTypeOf<ResponseLocalShellCall>().toExtend<Official.ResponseOutputItem.LocalShellCall>();
expectTypeOf<ResponseLocalShellCallOutput>().toExtend<Official.ResponseOutputItem.LocalShellCallOutput>();
expectTypeOf<ResponseFunctionShellToolCall>().toExtend<Official.ResponseFunctionShellToolCall>();
expectTypeOf<ResponseFunctionShellToolCallOutput>().toExtend<Official.ResponseFunctionShellToolCallOutput>();
expectTypeOf<ResponseApplyPatchToolCall>().toExtend<Official.ResponseApplyPatchToolCall>();
expectTypeOf<ResponseApplyPatchToolCallOutput>().toExtend<Official.ResponseApplyPatchToolCallOutput>();
expectTypeOf<ResponseMcpListTools>().toExtend<Official.ResponseOutputItem.McpListTools>();
expectTypeOf<ResponseMcpApprovalRequest>().toExtend<Official.ResponseOutputItem.McpApprovalRequest>();
expectTypeOf<ResponseMcpApprovalResponse>().toExtend<Official.ResponseOutputItem.McpApprovalResponse>();
expectTypeOf<ResponseToolSearchCall>().toExtend<Official.ResponseToolSearchCall>();
expectTypeOf<ResponseToolSearchOutputItem>().toExtend<Official.ResponseToolSearchOutputItem>();
expectTypeOf<ResponseCompactionItem>().toExtend<Official.ResponseCompactionItem>();
expectTypeOf<ResponseInputText>().toExtend<Official.ResponseInputText>();
expectTypeOf<ResponseInputImage>().toExtend<Official.ResponseInputImage>();
expectTypeOf<ResponseInputFile>().toExtend<Official.ResponseInputFile>();
expectTypeOf<ResponseInputContent>().toExtend<Official.ResponseInputContent>();
expectTypeOf<Responses.Tool>().toExtend<Official.Tool>();
expectTypeOf<Responses.FunctionTool>().toExtend<Official.FunctionTool>();
expectTypeOf<Responses.FileSearchTool>().toExtend<Official.FileSearchTool>();
expectTypeOf<Responses.WebSearchTool>().toExtend<Official.WebSearchTool>();
expectTypeOf<Responses.McpTool>().toExtend<Official.Tool.Mcp>();
expectTypeOf<Responses.ResponseToolChoice>().toExtend<Official.Response['tool_choice']>();
expectTypeOf<TextConfigLike>().toExtend<Official.ResponseTextConfig>();
expectTypeOf<NonNullable<Responses.Reasoning>>().toExtend<OfficialReasoning>();
expectTypeOf<ResponseError>().toExtend<Official.ResponseError | null>();
// Differences in openai 6.x, gone in 7.x: these fit as they are now.
expectTypeOf<ResponseMcpCall>().toExtend<Official.ResponseOutputItem.McpCall>();
expectTypeOf<ResponseMcpCall['error']>().toExtend<Official.ResponseOutputItem.McpCall['error']>();
expectTypeOf<ResponseFunctionToolCallOutputItem>().toExtend<Official.ResponseFunctionToolCallOutputItem>();
expectTypeOf<ResponseFunctionToolCallOutputItem['call_id']>().toEqualTypeOf<Official.ResponseFunctionToolCallOutputItem['call_id']>();
expectTypeOf<Misfits<OutputItemLike, Official.ResponseOutputItem>>().toBeNever();
// Input items take output items back as they came: the same two may lack `action` / `result`.
expectTypeOf<Misfits<ResponseInputItem, Official.ResponseInputItem>>().toEqualTypeOf<'web_search_call' | 'image_generation_call'>();
expectTypeOf<Misfits<OutputItemLike<ResponseInputItem>, Official.ResponseInputItem>>().toBeNever();
expectTypeOf<Response['service_tier']>().toEqualTypeOf<Official.Response['service_tier']>();
expectTypeOf<Extract<ResponseStreamEventType, `response.shell_call${string}`>>().toExtend<Official.ResponseStreamEvent['type']>();

// ---- the response, its usage and the events: assignable once the differences are undone -------------------------

expectTypeOf<UsageLike>().toExtend<Official.ResponseUsage>();
// A plain assignability check: expect-type's conditional types give up on the output item union inside.
type Fits<A, B> = [A] extends [B] ? true : false;
expectTypeOf<Fits<ResponseLike, Official.Response>>().toEqualTypeOf<true>();
expectTypeOf<Fits<Omit<ResponseSnapshot, keyof ResponseLike> & ResponseLike, Official.Response>>().toEqualTypeOf<true>();
expectTypeOf<Fits<Response, Official.Response>>().toEqualTypeOf<false>();
// Event by event: expect-type's conditional types give up on the whole union at once (a plain assignment of it
// compiles), and an event type named here says which event does not fit.
type EventMisfits<E> = E extends { type: infer T } ? ([EventLike<E>] extends [Official.ResponseStreamEvent] ? never : T) : never;
expectTypeOf<EventMisfits<ResponseStreamEvent>>().toBeNever();
expectTypeOf<EventLike<ResponseTextDeltaEvent>>().toExtend<Official.ResponseTextDeltaEvent>();

// ---- the differences, pinned ----------------------------------------------------------------------------------

expectTypeOf<ResponseTextDeltaEvent['sequence_number']>().toEqualTypeOf<number | undefined>();
expectTypeOf<ResponseTextDeltaEvent['logprobs']>().toEqualTypeOf<Official.ResponseTextDeltaEvent['logprobs'] | undefined>();
type OfficialInputTokensDetails = Official.ResponseUsage['input_tokens_details'];
expectTypeOf<ResponseUsage['input_tokens_details']>().toEqualTypeOf<
  | {
      cached_tokens: OfficialInputTokensDetails['cached_tokens'];
      // Absent in real (and Azure) recordings, although the OpenAPI description requires it.
      cache_write_tokens?: OfficialInputTokensDetails['cache_write_tokens'];
    }
  | undefined
>();
// The other fields real streams omit, pinned.
expectTypeOf<undefined>().toExtend<ResponseFunctionWebSearch['action']>();
expectTypeOf<undefined>().toExtend<ResponseImageGenerationCall['result']>();
expectTypeOf<undefined>().toExtend<ResponseFunctionCallArgumentsDoneEvent['name']>();
expectTypeOf<null>().toExtend<JsonSchemaFormat['description']>();
expectTypeOf<keyof OfficialInputTokensDetails>().toEqualTypeOf<
  keyof NonNullable<ResponseUsage['input_tokens_details']> | 'cache_write_tokens_details'
>();
expectTypeOf<Response['user']>().toEqualTypeOf<Official.Response['user'] | null>();
expectTypeOf<Response['usage']>().toEqualTypeOf<ResponseUsage | null | undefined>();
expectTypeOf<Response['output_text']>().toEqualTypeOf<string | null | undefined>();
expectTypeOf<ResponseSnapshot['output_text']>().toEqualTypeOf<string>();
// The only field the SDK requires that our schema does not declare (its optional extras, such as `image`, fit).
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
expectTypeOf<Exclude<RequiredKeys<Official.Response>, keyof Response>>().toEqualTypeOf<'access_programs'>();
expectTypeOf<Responses.FunctionCallOutputItemParam['call_id']>().toEqualTypeOf<string | null | undefined>();
// The same event types as the official union, but `error` (which ends our streams with an error instead of being
// emitted; `spec/schema/sdk-event-types.spec.ts` holds the reader's known types to the union at run time).
expectTypeOf<Exclude<ResponseStreamEventType, Official.ResponseStreamEvent['type']>>().toEqualTypeOf<never>();
expectTypeOf<Exclude<Official.ResponseStreamEvent['type'], ResponseStreamEventType>>().toEqualTypeOf<'error'>();
// Without undoing them the objects do not fit.
expectTypeOf<Response>().not.toExtend<Official.Response>();
expectTypeOf<ResponseStreamEvent>().not.toExtend<Official.ResponseStreamEvent>();
// The same event-by-event check without undoing: it names the text delta (`sequence_number`, `logprobs`).
type RawMisfits<E> = E extends { type: infer T } ? ([E] extends [Official.ResponseStreamEvent] ? never : T) : never;
expectTypeOf<RawMisfits<ResponseTextDeltaEvent>>().toEqualTypeOf<'response.output_text.delta'>();

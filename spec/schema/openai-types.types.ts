/**
 * Compile-time proof that the types inferred from our schemas fit the official SDK's types: a value we
 * validated can be handed to code written against `openai`'s types. A type test, checked by `tsc` (`npm test`
 * runs `npm run typecheck` first), not by jest: every `expectTypeOf` below is a compile error when it does not
 * hold.
 *
 * Five fields are wider than the official types on purpose (the published streams send them so): `Run.instructions`
 * may be `null`; `RunStep.expired_at`, `RunStep.metadata`, `Message.attachments` and `Thread.tool_resources` may
 * be absent. Those objects are proven assignable once exactly these fields are made non-null / present again
 * (their own types are still checked), and each widening is pinned, so that any other change breaks this file.
 * The SDK's `ErrorObject` has an optional `misalignment` that ours does not declare (it is passed through
 * untouched); ours still fits it, and the difference is pinned too.
 */
import { expectTypeOf } from 'expect-type';
import type {
  AssistantStreamEvent as OfficialAssistantStreamEvent,
  AssistantTool as OfficialAssistantTool,
  MessageStreamEvent as OfficialMessageStreamEvent,
  RunStepStreamEvent as OfficialRunStepStreamEvent,
  RunStreamEvent as OfficialRunStreamEvent,
  ThreadStreamEvent as OfficialThreadStreamEvent,
} from 'openai/resources/beta/assistants';
import type {
  Annotation as OfficialAnnotation,
  AnnotationDelta as OfficialAnnotationDelta,
  ImageFile as OfficialImageFile,
  ImageFileContentBlock as OfficialImageFileContentBlock,
  Message as OfficialMessage,
  MessageContent as OfficialMessageContent,
  MessageContentDelta as OfficialMessageContentDelta,
  MessageDelta as OfficialMessageDelta,
  MessageDeltaEvent as OfficialMessageDeltaEvent,
  Text as OfficialText,
  TextContentBlock as OfficialTextContentBlock,
  TextDelta as OfficialTextDelta,
  TextDeltaBlock as OfficialTextDeltaBlock,
} from 'openai/resources/beta/threads/messages';
import type {
  RequiredActionFunctionToolCall as OfficialRequiredActionFunctionToolCall,
  Run as OfficialRun,
  RunStatus as OfficialRunStatus,
} from 'openai/resources/beta/threads/runs/runs';
import type {
  CodeInterpreterToolCall as OfficialCodeInterpreterToolCall,
  CodeInterpreterToolCallDelta as OfficialCodeInterpreterToolCallDelta,
  FileSearchToolCall as OfficialFileSearchToolCall,
  FileSearchToolCallDelta as OfficialFileSearchToolCallDelta,
  FunctionToolCall as OfficialFunctionToolCall,
  FunctionToolCallDelta as OfficialFunctionToolCallDelta,
  RunStep as OfficialRunStep,
  RunStepDelta as OfficialRunStepDelta,
  RunStepDeltaEvent as OfficialRunStepDeltaEvent,
  ToolCall as OfficialToolCall,
  ToolCallDelta as OfficialToolCallDelta,
} from 'openai/resources/beta/threads/runs/steps';
import type {
  AssistantResponseFormatOption as OfficialAssistantResponseFormatOption,
  AssistantToolChoiceOption as OfficialAssistantToolChoiceOption,
  Thread as OfficialThread,
} from 'openai/resources/beta/threads/threads';
import type { ErrorObject as OfficialErrorObject, FunctionDefinition as OfficialFunctionDefinition } from 'openai/resources/shared';
import type {
  Annotation,
  AnnotationDelta,
  AssistantEventData,
  AssistantResponseFormatOption,
  AssistantStreamEvent,
  AssistantStreamEventName,
  AssistantTool,
  AssistantToolChoiceOption,
  CodeInterpreterToolCall,
  CodeInterpreterToolCallDelta,
  ErrorObject,
  FileSearchToolCall,
  FileSearchToolCallDelta,
  FunctionDefinition,
  FunctionToolCall,
  FunctionToolCallDelta,
  ImageFile,
  ImageFileContentBlock,
  Message,
  MessageContent,
  MessageContentDelta,
  MessageDelta,
  MessageDeltaEvent,
  RequiredActionFunctionToolCall,
  Run,
  RunStatus,
  RunStep,
  RunStepDelta,
  RunStepDeltaEvent,
  Text,
  TextContentBlock,
  TextDelta,
  TextDeltaBlock,
  Thread,
  ToolCall,
  ToolCallDelta,
} from '../../src/schema/assistants/index.js';
import type { MessageStreamEvent, RunStepStreamEvent, RunStreamEvent, ThreadStreamEvent } from '../../src/index';

/** `T` with its fields `K` required and never `undefined` (undoes "may be absent"). */
type Present<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };
/** `T` with its fields `K` never `null` (undoes "may be null"). */
type NonNull<T, K extends keyof T> = Omit<T, K> & { [P in K]: Exclude<T[P], null> };

// The deliberate widenings, undone; our own types of these fields are kept, so they are checked too.
type OfficialRunLike = NonNull<Run, 'instructions'>;
type OfficialRunStepLike = Present<RunStep, 'expired_at' | 'metadata'>;
type OfficialMessageLike = Present<Message, 'attachments'>;
type OfficialThreadLike = Present<Thread, 'tool_resources'>;

/** An event data type with the widenings undone. */
type AsOfficialData<D> = D extends Run
  ? OfficialRunLike
  : D extends RunStep
    ? OfficialRunStepLike
    : D extends Message
      ? OfficialMessageLike
      : D extends Thread
        ? OfficialThreadLike
        : D;

/** Our event union with the widenings undone. */
type OfficialLikeEvent<E extends AssistantStreamEvent> = E extends { event: infer K; data: infer D }
  ? { event: K; data: AsOfficialData<D> }
  : never;

// ---- the checks can fail -----------------------------------------------------------------------------------

// @ts-expect-error a Run is not a Message: were expect-type's checks ever vacuous, this line would not compile
expectTypeOf<Run>().toExtend<OfficialMessage>();

// ---- objects without deviation: assignable as they are ---------------------------------------------------

expectTypeOf<MessageDeltaEvent>().toExtend<OfficialMessageDeltaEvent>();
expectTypeOf<MessageDelta>().toExtend<OfficialMessageDelta>();
expectTypeOf<RunStepDeltaEvent>().toExtend<OfficialRunStepDeltaEvent>();
expectTypeOf<RunStepDelta>().toExtend<OfficialRunStepDelta>();
expectTypeOf<MessageContent>().toExtend<OfficialMessageContent>();
expectTypeOf<MessageContentDelta>().toExtend<OfficialMessageContentDelta>();
expectTypeOf<Text>().toExtend<OfficialText>();
expectTypeOf<TextDelta>().toExtend<OfficialTextDelta>();
expectTypeOf<TextContentBlock>().toExtend<OfficialTextContentBlock>();
expectTypeOf<TextDeltaBlock>().toExtend<OfficialTextDeltaBlock>();
expectTypeOf<ImageFile>().toExtend<OfficialImageFile>();
expectTypeOf<ImageFileContentBlock>().toExtend<OfficialImageFileContentBlock>();
expectTypeOf<Annotation>().toExtend<OfficialAnnotation>();
expectTypeOf<AnnotationDelta>().toExtend<OfficialAnnotationDelta>();
expectTypeOf<ToolCall>().toExtend<OfficialToolCall>();
expectTypeOf<ToolCallDelta>().toExtend<OfficialToolCallDelta>();
expectTypeOf<FunctionToolCall>().toExtend<OfficialFunctionToolCall>();
expectTypeOf<FunctionToolCallDelta>().toExtend<OfficialFunctionToolCallDelta>();
expectTypeOf<CodeInterpreterToolCall>().toExtend<OfficialCodeInterpreterToolCall>();
expectTypeOf<CodeInterpreterToolCallDelta>().toExtend<OfficialCodeInterpreterToolCallDelta>();
expectTypeOf<FileSearchToolCall>().toExtend<OfficialFileSearchToolCall>();
expectTypeOf<FileSearchToolCallDelta>().toExtend<OfficialFileSearchToolCallDelta>();
expectTypeOf<RequiredActionFunctionToolCall>().toExtend<OfficialRequiredActionFunctionToolCall>();
expectTypeOf<AssistantTool>().toExtend<OfficialAssistantTool>();
expectTypeOf<FunctionDefinition>().toExtend<OfficialFunctionDefinition>();
expectTypeOf<AssistantResponseFormatOption>().toExtend<OfficialAssistantResponseFormatOption>();
expectTypeOf<AssistantToolChoiceOption>().toExtend<OfficialAssistantToolChoiceOption>();
expectTypeOf<ErrorObject>().toExtend<OfficialErrorObject>();
expectTypeOf<RunStatus>().toEqualTypeOf<OfficialRunStatus>();

// ---- Run, RunStep, Message, Thread: assignable once the pinned widenings are undone ---------------------

expectTypeOf<OfficialRunLike>().toExtend<OfficialRun>();
expectTypeOf<OfficialRunStepLike>().toExtend<OfficialRunStep>();
expectTypeOf<OfficialMessageLike>().toExtend<OfficialMessage>();
expectTypeOf<OfficialThreadLike>().toExtend<OfficialThread>();

// ---- the differences, pinned ------------------------------------------------------------------------------

expectTypeOf<Run['instructions']>().toEqualTypeOf<OfficialRun['instructions'] | null>();
expectTypeOf<RunStep['expired_at']>().toEqualTypeOf<OfficialRunStep['expired_at'] | undefined>();
expectTypeOf<RunStep['metadata']>().toEqualTypeOf<OfficialRunStep['metadata'] | undefined>();
expectTypeOf<Message['attachments']>().toEqualTypeOf<OfficialMessage['attachments'] | undefined>();
expectTypeOf<Thread['tool_resources']>().toEqualTypeOf<OfficialThread['tool_resources'] | undefined>();
// Without undoing them the objects do not fit: the widenings are the only difference.
expectTypeOf<Run>().not.toExtend<OfficialRun>();
expectTypeOf<RunStep>().not.toExtend<OfficialRunStep>();
expectTypeOf<Message>().not.toExtend<OfficialMessage>();
expectTypeOf<Thread>().not.toExtend<OfficialThread>();
// The SDK's error object has one more field, `misalignment` (optional); ours is the rest of it exactly.
expectTypeOf<keyof OfficialErrorObject>().toEqualTypeOf<keyof ErrorObject | 'misalignment'>();
expectTypeOf<{ [K in keyof ErrorObject]: ErrorObject[K] }>().toEqualTypeOf<{
  [K in Exclude<keyof OfficialErrorObject, 'misalignment'>]: OfficialErrorObject[K];
}>();

// ---- events ---------------------------------------------------------------------------------------------

// The same event names as the official union, but `error` (which ends our streams with an error instead).
expectTypeOf<AssistantStreamEventName>().toEqualTypeOf<Exclude<OfficialAssistantStreamEvent['event'], 'error'>>();
expectTypeOf<OfficialLikeEvent<AssistantStreamEvent>>().toExtend<OfficialAssistantStreamEvent>();
expectTypeOf<OfficialLikeEvent<ThreadStreamEvent>>().toExtend<OfficialThreadStreamEvent>();
expectTypeOf<OfficialLikeEvent<RunStreamEvent>>().toExtend<OfficialRunStreamEvent>();
expectTypeOf<OfficialLikeEvent<RunStepStreamEvent>>().toExtend<OfficialRunStepStreamEvent>();
expectTypeOf<OfficialLikeEvent<MessageStreamEvent>>().toExtend<OfficialMessageStreamEvent>();
// Delta events carry no widened object: they fit as they are.
expectTypeOf<Extract<AssistantStreamEvent, { event: 'thread.message.delta' }>>().toExtend<OfficialAssistantStreamEvent>();
expectTypeOf<Extract<AssistantStreamEvent, { event: 'thread.run.step.delta' }>>().toExtend<OfficialAssistantStreamEvent>();
expectTypeOf<AssistantEventData<'thread.run.step.delta'>>().toEqualTypeOf<RunStepDeltaEvent>();

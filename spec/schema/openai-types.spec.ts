/**
 * Compile-time proof that the types inferred from our schemas fit the official SDK's types: a value we
 * validated can be handed to code written against `openai`'s types. Every `const` below only compiles if its
 * assertion holds (`npx tsc -p tsconfig.json --noEmit`); the jest test at the end makes the file count as a spec.
 *
 * Five fields are wider than the official types on purpose (the published streams send them so): `Run.instructions`
 * may be `null`; `RunStep.expired_at`, `RunStep.metadata`, `Message.attachments` and `Thread.tool_resources` may
 * be absent. Those objects are proven assignable once exactly these fields are made non-null / present again
 * (their own types are still checked), and each widening is pinned, so that any other change breaks this file.
 */
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
  MessageStreamEvent,
  RequiredActionFunctionToolCall,
  Run,
  RunStatus,
  RunStep,
  RunStepDelta,
  RunStepDeltaEvent,
  RunStepStreamEvent,
  RunStreamEvent,
  Text,
  TextContentBlock,
  TextDelta,
  TextDeltaBlock,
  Thread,
  ThreadStreamEvent,
  ToolCall,
  ToolCallDelta,
} from '../../src/schema/assistants/index.js';

/** `true` when every `A` is a `B`. */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Not<T extends boolean> = T extends true ? false : true;

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

// ---- objects without deviation: assignable as they are ---------------------------------------------------

const objects = {
  messageDeltaEvent: true satisfies Assignable<MessageDeltaEvent, OfficialMessageDeltaEvent>,
  messageDelta: true satisfies Assignable<MessageDelta, OfficialMessageDelta>,
  runStepDeltaEvent: true satisfies Assignable<RunStepDeltaEvent, OfficialRunStepDeltaEvent>,
  runStepDelta: true satisfies Assignable<RunStepDelta, OfficialRunStepDelta>,
  messageContent: true satisfies Assignable<MessageContent, OfficialMessageContent>,
  messageContentDelta: true satisfies Assignable<MessageContentDelta, OfficialMessageContentDelta>,
  text: true satisfies Assignable<Text, OfficialText>,
  textDelta: true satisfies Assignable<TextDelta, OfficialTextDelta>,
  textContentBlock: true satisfies Assignable<TextContentBlock, OfficialTextContentBlock>,
  textDeltaBlock: true satisfies Assignable<TextDeltaBlock, OfficialTextDeltaBlock>,
  imageFile: true satisfies Assignable<ImageFile, OfficialImageFile>,
  imageFileContentBlock: true satisfies Assignable<ImageFileContentBlock, OfficialImageFileContentBlock>,
  annotation: true satisfies Assignable<Annotation, OfficialAnnotation>,
  annotationDelta: true satisfies Assignable<AnnotationDelta, OfficialAnnotationDelta>,
  toolCall: true satisfies Assignable<ToolCall, OfficialToolCall>,
  toolCallDelta: true satisfies Assignable<ToolCallDelta, OfficialToolCallDelta>,
  functionToolCall: true satisfies Assignable<FunctionToolCall, OfficialFunctionToolCall>,
  functionToolCallDelta: true satisfies Assignable<FunctionToolCallDelta, OfficialFunctionToolCallDelta>,
  codeInterpreterToolCall: true satisfies Assignable<CodeInterpreterToolCall, OfficialCodeInterpreterToolCall>,
  codeInterpreterToolCallDelta: true satisfies Assignable<CodeInterpreterToolCallDelta, OfficialCodeInterpreterToolCallDelta>,
  fileSearchToolCall: true satisfies Assignable<FileSearchToolCall, OfficialFileSearchToolCall>,
  fileSearchToolCallDelta: true satisfies Assignable<FileSearchToolCallDelta, OfficialFileSearchToolCallDelta>,
  requiredActionFunctionToolCall: true satisfies Assignable<
    RequiredActionFunctionToolCall,
    OfficialRequiredActionFunctionToolCall
  >,
  assistantTool: true satisfies Assignable<AssistantTool, OfficialAssistantTool>,
  functionDefinition: true satisfies Assignable<FunctionDefinition, OfficialFunctionDefinition>,
  responseFormat: true satisfies Assignable<AssistantResponseFormatOption, OfficialAssistantResponseFormatOption>,
  toolChoice: true satisfies Assignable<AssistantToolChoiceOption, OfficialAssistantToolChoiceOption>,
  errorObject: true satisfies Equal<ErrorObject, OfficialErrorObject>,
  runStatus: true satisfies Equal<RunStatus, OfficialRunStatus>,
};

// ---- Run, RunStep, Message, Thread: assignable once the pinned widenings are undone ---------------------

const topLevel = {
  run: true satisfies Assignable<OfficialRunLike, OfficialRun>,
  runStep: true satisfies Assignable<OfficialRunStepLike, OfficialRunStep>,
  message: true satisfies Assignable<OfficialMessageLike, OfficialMessage>,
  thread: true satisfies Assignable<OfficialThreadLike, OfficialThread>,
};

const widenings = {
  runInstructionsMayBeNull: true satisfies Equal<Run['instructions'], OfficialRun['instructions'] | null>,
  runStepExpiredAtMayBeAbsent: true satisfies Equal<RunStep['expired_at'], OfficialRunStep['expired_at'] | undefined>,
  runStepMetadataMayBeAbsent: true satisfies Equal<RunStep['metadata'], OfficialRunStep['metadata'] | undefined>,
  messageAttachmentsMayBeAbsent: true satisfies Equal<
    Message['attachments'],
    OfficialMessage['attachments'] | undefined
  >,
  threadToolResourcesMayBeAbsent: true satisfies Equal<Thread['tool_resources'], OfficialThread['tool_resources'] | undefined>,
  // Without undoing them the objects do not fit: the widenings are the only difference.
  runDiffers: true satisfies Not<Assignable<Run, OfficialRun>>,
  runStepDiffers: true satisfies Not<Assignable<RunStep, OfficialRunStep>>,
  messageDiffers: true satisfies Not<Assignable<Message, OfficialMessage>>,
  threadDiffers: true satisfies Not<Assignable<Thread, OfficialThread>>,
};

// ---- events ---------------------------------------------------------------------------------------------

const events = {
  // The same event names as the official union, but `error` (which ends our streams with an error instead).
  names: true satisfies Equal<AssistantStreamEventName, Exclude<OfficialAssistantStreamEvent['event'], 'error'>>,
  all: true satisfies Assignable<OfficialLikeEvent<AssistantStreamEvent>, OfficialAssistantStreamEvent>,
  thread: true satisfies Assignable<OfficialLikeEvent<ThreadStreamEvent>, OfficialThreadStreamEvent>,
  run: true satisfies Assignable<OfficialLikeEvent<RunStreamEvent>, OfficialRunStreamEvent>,
  runStep: true satisfies Assignable<OfficialLikeEvent<RunStepStreamEvent>, OfficialRunStepStreamEvent>,
  message: true satisfies Assignable<OfficialLikeEvent<MessageStreamEvent>, OfficialMessageStreamEvent>,
  // Delta events carry no widened object: they fit as they are.
  messageDelta: true satisfies Assignable<
    Extract<AssistantStreamEvent, { event: 'thread.message.delta' }>,
    OfficialAssistantStreamEvent
  >,
  runStepDelta: true satisfies Assignable<
    Extract<AssistantStreamEvent, { event: 'thread.run.step.delta' }>,
    OfficialAssistantStreamEvent
  >,
  dataByName: true satisfies Equal<AssistantEventData<'thread.run.step.delta'>, RunStepDeltaEvent>,
};

describe('inferred types against the official openai types', () => {
  it.each(Object.entries({ ...objects, ...topLevel, ...widenings, ...events }))('%s', (_, holds) => {
    expect(holds).toBe(true);
  });
});

import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { ImageFile, Message, MessageDelta, RunStep, RunStepDelta, Text, TextDelta, ToolCall, ToolCallDelta } from '../../wire/assistants.js';

/**
 * A callback of {@link AssistantStreamHandler}, checked as a method is: a handler written for a narrower type than
 * the one it is given (`onToolCallDone(call: FunctionToolCall)`, in a subclass of `AssistantEventHandler` or an
 * object) still fits, and, being a property, it may be `undefined` in an app compiled with
 * `exactOptionalPropertyTypes` (`{ onTextDelta: verbose ? print : undefined }`).
 *
 * @example
 * const onTextDelta: HandlerCallback<[delta: TextDelta, snapshot: Text]> = (delta) => process.stdout.write(delta.value ?? '');
 */
export type HandlerCallback<Args extends unknown[]> = { bivariant(...args: Args): void }['bivariant'];

/**
 * The callbacks `handleEvents()` calls, named and ordered as in the official SDKs (`on('textDelta', ...)` in
 * Node, `on_text_delta` in Python). Every callback is optional. Snapshots are as accumulated at that moment and
 * are never mutated afterwards.
 *
 * @example
 * const handler: AssistantStreamHandler = {
 *   onTextDelta: (delta, snapshot) => process.stdout.write(delta.value ?? ''),
 *   onToolCallDone: (call) => console.log('\ncalled', call.type),
 * };
 */
export interface AssistantStreamHandler {
  /** Every event, before the more specific callbacks. */
  onEvent?: HandlerCallback<[event: AssistantStreamEvent]> | undefined;
  /** `thread.run.step.created`. */
  onRunStepCreated?: HandlerCallback<[runStep: RunStep]> | undefined;
  /** Each `thread.run.step.delta`, with the run step so far. */
  onRunStepDelta?: HandlerCallback<[delta: RunStepDelta, snapshot: RunStep]> | undefined;
  /** A run step completed, failed, was cancelled or expired: the server's final object (twice, as the SDK does). */
  onRunStepDone?: HandlerCallback<[runStep: RunStep, snapshot: RunStep]> | undefined;
  /** `thread.message.created`. */
  onMessageCreated?: HandlerCallback<[message: Message]> | undefined;
  /** Each `thread.message.delta`, with the message so far. */
  onMessageDelta?: HandlerCallback<[delta: MessageDelta, snapshot: Message]> | undefined;
  /** A message completed or ended incomplete: the server's final object. */
  onMessageDone?: HandlerCallback<[message: Message]> | undefined;
  /** A text content block began (its first delta), with its text so far. */
  onTextCreated?: HandlerCallback<[text: Text]> | undefined;
  /** A text fragment, with the block's text so far (the fragment included). */
  onTextDelta?: HandlerCallback<[delta: TextDelta, snapshot: Text]> | undefined;
  /** A text block ended: another block began or the message ended. */
  onTextDone?: HandlerCallback<[text: Text, snapshot: Message]> | undefined;
  /** An image file block ended (image files arrive whole). */
  onImageFileDone?: HandlerCallback<[imageFile: ImageFile, snapshot: Message]> | undefined;
  /** A tool call began (its first fragment), with the call so far. */
  onToolCallCreated?: HandlerCallback<[toolCall: ToolCall]> | undefined;
  /** A later fragment of the current tool call, with the call so far. */
  onToolCallDelta?: HandlerCallback<[delta: ToolCallDelta, snapshot: ToolCall]> | undefined;
  /** A tool call ended: another began, its step ended, or the run reached `requires_action` or a final state. */
  onToolCallDone?: HandlerCallback<[toolCall: ToolCall]> | undefined;
  /** The stream ended: completed, failed, or unsubscribed. Always the last callback, called once. */
  onEnd?: HandlerCallback<[]> | undefined;
  /** A `StreamTimeoutError` ended the stream (then `onEnd`). */
  onTimeout?: HandlerCallback<[]> | undefined;
  /** Any other error ended the stream (then `onEnd`). */
  onException?: HandlerCallback<[error: unknown]> | undefined;
}

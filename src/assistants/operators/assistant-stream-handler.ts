import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { ImageFile, Message, MessageDelta, RunStep, RunStepDelta, Text, TextDelta, ToolCall, ToolCallDelta } from '../../wire/assistants.js';

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
  onEvent?: ((event: AssistantStreamEvent) => void) | undefined;
  /** `thread.run.step.created`. */
  onRunStepCreated?: ((runStep: RunStep) => void) | undefined;
  /** Each `thread.run.step.delta`, with the run step so far. */
  onRunStepDelta?: ((delta: RunStepDelta, snapshot: RunStep) => void) | undefined;
  /** A run step completed, failed, was cancelled or expired: the server's final object (twice, as the SDK does). */
  onRunStepDone?: ((runStep: RunStep, snapshot: RunStep) => void) | undefined;
  /** `thread.message.created`. */
  onMessageCreated?: ((message: Message) => void) | undefined;
  /** Each `thread.message.delta`, with the message so far. */
  onMessageDelta?: ((delta: MessageDelta, snapshot: Message) => void) | undefined;
  /** A message completed or ended incomplete: the server's final object. */
  onMessageDone?: ((message: Message) => void) | undefined;
  /** A text content block began (its first delta), with its text so far. */
  onTextCreated?: ((text: Text) => void) | undefined;
  /** A text fragment, with the block's text so far (the fragment included). */
  onTextDelta?: ((delta: TextDelta, snapshot: Text) => void) | undefined;
  /** A text block ended: another block began or the message ended. */
  onTextDone?: ((text: Text, snapshot: Message) => void) | undefined;
  /** An image file block ended (image files arrive whole). */
  onImageFileDone?: ((imageFile: ImageFile, snapshot: Message) => void) | undefined;
  /** A tool call began (its first fragment), with the call so far. */
  onToolCallCreated?: ((toolCall: ToolCall) => void) | undefined;
  /** A later fragment of the current tool call, with the call so far. */
  onToolCallDelta?: ((delta: ToolCallDelta, snapshot: ToolCall) => void) | undefined;
  /** A tool call ended: another began, its step ended, or the run reached `requires_action` or a final state. */
  onToolCallDone?: ((toolCall: ToolCall) => void) | undefined;
  /** The stream ended: completed, failed, or unsubscribed. Always the last callback, called once. */
  onEnd?: (() => void) | undefined;
  /** A `StreamTimeoutError` ended the stream (then `onEnd`). */
  onTimeout?: (() => void) | undefined;
  /** Any other error ended the stream (then `onEnd`). */
  onException?: ((error: unknown) => void) | undefined;
}

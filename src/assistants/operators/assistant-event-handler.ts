import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, Run, RunStep } from '../../wire/assistants.js';
import type { AssistantStreamState } from '../snapshot/state.js';
import type { AssistantStreamHandler } from './assistant-stream-handler.js';

// How handleEvents() hands a handler the state it is about to report on (a key, not state: the state lives in the
// handler instance).
const PUBLISH = /* @__PURE__ */ Symbol('publishState');

/**
 * @internal Called by handleEvents() before each event's callbacks: the state they see (with `event`, that state
 * with `event` as the current event: what `onEvent` sees, before the event changed anything).
 *
 * @example
 * publishState(handler, state); // handler.currentRun is now state.currentRun
 */
export function publishState(handler: object, state: AssistantStreamState, event?: AssistantStreamEvent): void {
  if (!(handler instanceof AssistantEventHandler)) return;
  handler[PUBLISH](event === undefined || state.currentEvent === event ? state : { ...state, currentEvent: event });
}

/**
 * A base class for porting handler classes from the official SDKs: extend it, override the callbacks you need
 * (all of {@link AssistantStreamHandler}'s, as no-ops here), and pass an instance to `handleEvents()`. Inside a
 * callback, `this.currentEvent`, `this.currentRun`, `this.currentMessageSnapshot` and
 * `this.currentRunStepSnapshot` give the context, as Python's `current_event()` and friends do, and at the same
 * moments as the official SDKs: in `onEvent` the event is current but the snapshots are those before it, and a
 * message's done callbacks (`onTextDone`, `onImageFileDone`, `onMessageDone`) still see it as the current message.
 *
 * @example
 * import { AssistantEventHandler, handleEvents, untilDone } from 'rx-openai-stream';
 *
 * class Printer extends AssistantEventHandler {
 *   override onTextDelta(delta: TextDelta) { process.stdout.write(delta.value ?? ''); }
 *   override onToolCallDone(call: ToolCall) { console.log('\nrun is', this.currentRun?.status); }
 * }
 * events$.pipe(handleEvents(new Printer()), untilDone()).subscribe();
 */
export class AssistantEventHandler implements Required<AssistantStreamHandler> {
  // The state this instance last saw, written by handleEvents() before it calls the callbacks.
  #state: AssistantStreamState | undefined;

  /** @internal */
  [PUBLISH](state: AssistantStreamState): void {
    this.#state = state;
  }

  /** The latest event. */
  get currentEvent(): AssistantStreamEvent | undefined {
    return this.#state?.currentEvent;
  }
  /** The latest run object. */
  get currentRun(): Run | undefined {
    return this.#state?.currentRun;
  }
  /** The message being streamed, if any. */
  get currentMessageSnapshot(): Message | undefined {
    return this.#state?.currentMessageSnapshot;
  }
  /** The run step being streamed, if any. */
  get currentRunStepSnapshot(): RunStep | undefined {
    return this.#state?.currentRunStepSnapshot;
  }
  /** Every message so far, each in its latest form. */
  get messages(): readonly Message[] {
    return this.#state?.messages ?? [];
  }
  /** Every run step so far, each in its latest form. */
  get runSteps(): readonly RunStep[] {
    return this.#state?.runSteps ?? [];
  }

  onEvent(..._args: Parameters<NonNullable<AssistantStreamHandler['onEvent']>>): void {}
  onRunStepCreated(..._args: Parameters<NonNullable<AssistantStreamHandler['onRunStepCreated']>>): void {}
  onRunStepDelta(..._args: Parameters<NonNullable<AssistantStreamHandler['onRunStepDelta']>>): void {}
  onRunStepDone(..._args: Parameters<NonNullable<AssistantStreamHandler['onRunStepDone']>>): void {}
  onMessageCreated(..._args: Parameters<NonNullable<AssistantStreamHandler['onMessageCreated']>>): void {}
  onMessageDelta(..._args: Parameters<NonNullable<AssistantStreamHandler['onMessageDelta']>>): void {}
  onMessageDone(..._args: Parameters<NonNullable<AssistantStreamHandler['onMessageDone']>>): void {}
  onTextCreated(..._args: Parameters<NonNullable<AssistantStreamHandler['onTextCreated']>>): void {}
  onTextDelta(..._args: Parameters<NonNullable<AssistantStreamHandler['onTextDelta']>>): void {}
  onTextDone(..._args: Parameters<NonNullable<AssistantStreamHandler['onTextDone']>>): void {}
  onImageFileDone(..._args: Parameters<NonNullable<AssistantStreamHandler['onImageFileDone']>>): void {}
  onToolCallCreated(..._args: Parameters<NonNullable<AssistantStreamHandler['onToolCallCreated']>>): void {}
  onToolCallDelta(..._args: Parameters<NonNullable<AssistantStreamHandler['onToolCallDelta']>>): void {}
  onToolCallDone(..._args: Parameters<NonNullable<AssistantStreamHandler['onToolCallDone']>>): void {}
  onEnd(): void {}
  onTimeout(): void {}
  onException(..._args: Parameters<NonNullable<AssistantStreamHandler['onException']>>): void {}
}

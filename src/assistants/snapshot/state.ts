import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, Run, RunStep, Thread } from '../../wire/assistants.js';

/**
 * What a run stream has told so far, as `accumulateSnapshots()` emits it after each event. Immutable: a state
 * is never changed after it is emitted, and parts an event did not touch keep their identity from one state to
 * the next (cheap `===` change detection for Angular `OnPush` and signals).
 *
 * Messages, run steps and runs are keyed by id, so the events of several runs merged into one stream
 * accumulate side by side.
 *
 * @example
 * events$.pipe(accumulateSnapshots()).subscribe((state) => {
 *   console.log(state.currentRun?.status, state.currentMessageSnapshot?.content);
 * });
 */
export interface AssistantStreamState {
  /** The latest event. */
  readonly currentEvent: AssistantStreamEvent | undefined;
  /** The latest run object (of the run the latest run event was about). */
  readonly currentRun: Run | undefined;
  /** The message being streamed: set from `thread.message.created` until its `completed` / `incomplete`. */
  readonly currentMessageSnapshot: Message | undefined;
  /** The run step being streamed: set from `thread.run.step.created` until it ends. */
  readonly currentRunStepSnapshot: RunStep | undefined;
  /** The thread, when the stream created it (`thread.created`). */
  readonly thread: Thread | undefined;
  /** Every message seen, in order of first appearance, each in its latest form. */
  readonly messages: readonly Message[];
  /** Every run step seen, in order of first appearance, each in its latest form. */
  readonly runSteps: readonly RunStep[];
  /** Every run seen, in order of first appearance, each in its latest form. */
  readonly runs: readonly Run[];
}

/**
 * The state before any event: nothing seen.
 *
 * @example
 * const state = assistantStreamReducer(initialAssistantStreamState, event);
 */
export const initialAssistantStreamState: AssistantStreamState = /* @__PURE__ */ Object.freeze({
  currentEvent: undefined,
  currentRun: undefined,
  currentMessageSnapshot: undefined,
  currentRunStepSnapshot: undefined,
  thread: undefined,
  messages: /* @__PURE__ */ Object.freeze([]) as readonly Message[],
  runSteps: /* @__PURE__ */ Object.freeze([]) as readonly RunStep[],
  runs: /* @__PURE__ */ Object.freeze([]) as readonly Run[],
});

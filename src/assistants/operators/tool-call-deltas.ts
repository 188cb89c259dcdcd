import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent, RunStep, ToolCall, ToolCallDelta } from '../../schema/assistants/index.js';
import { accumulating } from './accumulating-operator.js';

/** One tool call fragment with the tool call as accumulated after it. */
export interface ToolCallDeltaWithSnapshot {
  /** The fragment as received: `index`, `type`, and the part of `function` / `code_interpreter` that arrived. */
  readonly delta: ToolCallDelta;
  /** The tool call so far (`function.arguments` concatenated, code `input` concatenated, outputs merged). */
  readonly snapshot: ToolCall;
  /** The run step the tool call belongs to, as accumulated. */
  readonly runStep: RunStep;
}

/**
 * Emits `{ delta, snapshot, runStep }` for every tool call fragment of a run stream, the first fragment of each
 * call included (so concatenating `delta.function.arguments` gives the whole arguments text).
 *
 * @example
 * import { filter } from 'rxjs';
 * import { toolCallDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(toolCallDeltas()).subscribe(({ snapshot }) => {
 *   if (snapshot.type === 'function') showArguments(snapshot.function.arguments);
 * });
 */
export function assistantToolCallDeltas(): OperatorFunction<AssistantStreamEvent, ToolCallDeltaWithSnapshot> {
  return accumulating<ToolCallDeltaWithSnapshot>({
    event(event, state, _previous, out) {
      if (event.event !== 'thread.run.step.delta') return;
      const details = event.data.delta.step_details;
      if (details?.type !== 'tool_calls' || !details.tool_calls) return;
      const runStep = state.currentRunStepSnapshot!;
      if (runStep.step_details.type !== 'tool_calls') return;
      for (const delta of details.tool_calls) {
        const snapshot = runStep.step_details.tool_calls[delta.index];
        if (snapshot) out.next({ delta, snapshot, runStep });
      }
    },
  });
}

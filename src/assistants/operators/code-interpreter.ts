import type { OperatorFunction } from 'rxjs';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { CodeInterpreterOutputDelta, CodeInterpreterToolCall } from '../../wire/assistants.js';
import { accumulating } from './accumulating-operator.js';

/**
 * A fragment of a code interpreter call: new input code and/or new outputs, with the call so far.
 *
 * @example
 * events$.pipe(codeInterpreterDeltas()).subscribe((d: CodeInterpreterDelta) => {
 *   editor.setValue(d.snapshot.code_interpreter.input);
 * });
 */
export interface CodeInterpreterDelta {
  /** Code that arrived with this fragment ('' when none). */
  readonly input: string;
  /** Outputs (logs, images) that arrived with this fragment. */
  readonly outputs: readonly CodeInterpreterOutputDelta[];
  /** The code interpreter call so far: whole `input`, merged `outputs`. */
  readonly snapshot: CodeInterpreterToolCall;
}

/**
 * Emits every fragment of code interpreter calls: the code as it is written (`input`) and the outputs (logs and
 * image files) as they arrive, each with the call so far.
 *
 * @example
 * import { codeInterpreterDeltas } from 'rx-openai-stream';
 *
 * events$.pipe(codeInterpreterDeltas()).subscribe(({ input, outputs }) => {
 *   process.stdout.write(input);
 *   for (const o of outputs) if (o.type === 'logs') console.log('\n>', o.logs);
 * });
 */
export function codeInterpreterDeltas(): OperatorFunction<AssistantStreamEvent, CodeInterpreterDelta> {
  return accumulating<CodeInterpreterDelta>({
    event(event, state, _previous, out) {
      if (event.event !== 'thread.run.step.delta') return;
      const details = event.data.delta.step_details;
      if (details?.type !== 'tool_calls' || !details.tool_calls) return;
      const step = state.currentRunStepSnapshot!;
      if (step.step_details.type !== 'tool_calls') return;
      for (const delta of details.tool_calls) {
        if (delta.type !== 'code_interpreter' || !delta.code_interpreter) continue;
        const snapshot = step.step_details.tool_calls[delta.index];
        if (snapshot?.type !== 'code_interpreter') continue;
        out.next({
          input: delta.code_interpreter.input ?? '',
          outputs: delta.code_interpreter.outputs ?? [],
          snapshot,
        });
      }
    },
  });
}

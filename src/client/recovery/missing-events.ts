import { findById } from '../../assistants/snapshot/reducer.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { DeliveredState, DeliveredStep } from './delivered-events.js';
import type { Message, MessageContentDelta, Run, RunStep, ToolCallDelta } from '../../wire/assistants.js';

/**
 * The events a cut stream did not deliver, given what it did deliver (`state`) and the run, its steps and its
 * messages as the server has them now. Applying them to `state` ends with the server's objects: text that was
 * missing arrives as one `thread.message.delta` per message (so `textDeltas()` sees all of it), and tool calls that
 * were missing, or whose function arguments or code interpreter input were cut short, as one
 * `thread.run.step.delta` per step (so `toolCallDeltas()` sees them), then each message's and step's final event,
 * then the run's. Nothing already received is repeated: a message or step the stream had completed gets nothing,
 * and a delta carries only the text, arguments, input or code interpreter outputs after what was received.
 *
 * A stream that continues a run after tool outputs (`submitted`: their `tool_call_id`s) did not deliver the run's
 * earlier steps, the stream before it did: the steps up to the last one holding a submitted tool call, and the
 * messages they created, get nothing but the final event of a step holding a submitted call, when this stream did
 * not deliver it (steps are created in order, so every step and message the run made after the submission comes
 * after that step).
 *
 * Pure: the same inputs give the same events.
 *
 * @internal
 * @example
 * const events = missingEvents(stateWhenCut, finalRun, stepsAsc, messagesAsc);
 */
export function missingEvents(
  state: DeliveredState,
  run: Run,
  steps: readonly RunStep[],
  messages: readonly Message[],
  submitted?: ReadonlySet<string>,
): AssistantStreamEvent[] {
  const events: AssistantStreamEvent[] = [];
  const messagesById = new Map(messages.map((message) => [message.id, message]));
  const done = new Set<string>();
  const runSteps = steps.filter((step) => step.run_id === run.id);
  const earlier = submitted === undefined || submitted.size === 0 ? 0 : lastIndexHolding(runSteps, submitted) + 1;

  runSteps.forEach((step, i) => {
    const seen: DeliveredStep | undefined = findById(state.runSteps, step.id);
    if (i < earlier) {
      // Delivered by the stream before the submission; only a submitted call's step may end after it.
      if (step.step_details.type === 'message_creation') done.add(step.step_details.message_creation.message_id);
      else if (holds(step, submitted!) && step.status !== 'in_progress' && seen?.status !== step.status) {
        events.push({ event: `thread.run.step.${step.status}`, data: step } as AssistantStreamEvent);
      }
      return;
    }
    if (!seen) {
      const details = step.step_details.type === 'tool_calls' ? { type: 'tool_calls' as const, tool_calls: [] } : step.step_details;
      events.push({ event: 'thread.run.step.created', data: { ...step, status: 'in_progress', step_details: details } });
    }
    const delta = toolCallsDelta(seen, step);
    if (delta !== undefined) events.push(delta);
    if (step.step_details.type === 'message_creation') {
      const message = messagesById.get(step.step_details.message_creation.message_id);
      if (message) {
        events.push(...messageEvents(state, message));
        done.add(message.id);
      }
    }
    if (step.status !== 'in_progress' && seen?.status !== step.status) {
      events.push({ event: `thread.run.step.${step.status}`, data: step } as AssistantStreamEvent);
    }
  });
  for (const message of messages) {
    if (message.run_id === run.id && !done.has(message.id)) events.push(...messageEvents(state, message));
  }
  const seenRun = findById(state.runs, run.id);
  if (seenRun?.status !== run.status) events.push({ event: `thread.run.${run.status}`, data: run } as AssistantStreamEvent);
  return events;
}

/** The position of the last step holding one of the `submitted` tool calls, or -1. */
function lastIndexHolding(steps: readonly RunStep[], submitted: ReadonlySet<string>): number {
  for (let i = steps.length - 1; i >= 0; i--) if (holds(steps[i]!, submitted)) return i;
  return -1;
}

function holds(step: RunStep, submitted: ReadonlySet<string>): boolean {
  // Entries read defensively: the step's check reads no further than the `tool_calls` array.
  return step.step_details.type === 'tool_calls' && step.step_details.tool_calls.some((call) => submitted.has((call as { id?: unknown } | null)?.id as string));
}

/**
 * The tool calls of `step` the stream did not receive (whole) and the rest of the function arguments or code
 * interpreter input and outputs it received only in part, as one step delta; `undefined` when nothing is missing.
 */
function toolCallsDelta(seen: DeliveredStep | undefined, step: RunStep): AssistantStreamEvent | undefined {
  if (step.step_details.type !== 'tool_calls') return undefined;
  const have = seen?.toolCalls ?? [];
  const entries: ToolCallDelta[] = [];
  step.step_details.tool_calls.forEach((call, index) => {
    if (typeof call !== 'object' || call === null) return;
    const received = have[index];
    if (received === undefined) {
      entries.push({ index, ...withOutputIndexes(call) } as ToolCallDelta);
    } else if (call.type === 'function') {
      const rest = restOf((call.function as { arguments?: unknown } | undefined)?.arguments, received);
      if (rest !== undefined) entries.push({ index, type: 'function', function: { arguments: rest } });
    } else if (call.type === 'code_interpreter') {
      const code = call.code_interpreter as { input?: unknown; outputs?: unknown } | undefined;
      const input = restOf(code?.input, received);
      const had = seen?.toolOutputs?.[index] ?? 0;
      const outputs = Array.isArray(code?.outputs) ? indexed((code.outputs as object[]).slice(had), had) : [];
      if (input === undefined && outputs.length === 0) return;
      const missed = { ...(input === undefined ? {} : { input }), ...(outputs.length === 0 ? {} : { outputs }) };
      entries.push({ index, type: 'code_interpreter', code_interpreter: missed } as ToolCallDelta);
    }
  });
  if (entries.length === 0) return undefined;
  return {
    event: 'thread.run.step.delta',
    data: { id: step.id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: entries } } },
  };
}

/** Outputs as a delta carries them: each with its `index` in the call's list, from `first` on. */
function indexed(outputs: readonly object[], first: number): object[] {
  return outputs.map((output, i) => ({ ...output, index: first + i }));
}

/** A whole tool call as a delta entry carries it: a code interpreter's outputs with their `index`. */
function withOutputIndexes(call: object): object {
  const code = (call as { code_interpreter?: { outputs?: unknown } }).code_interpreter;
  if (typeof code !== 'object' || code === null || !Array.isArray(code.outputs)) return call;
  return { ...call, code_interpreter: { ...code, outputs: indexed(code.outputs as object[], 0) } };
}

/** What `full` has after its first `received` characters; `undefined` when it is not a string or has nothing more. */
function restOf(full: unknown, received: number): string | undefined {
  return typeof full === 'string' && full.length > received ? full.slice(received) : undefined;
}

function messageEvents(state: DeliveredState, message: Message): AssistantStreamEvent[] {
  const seen = findById(state.messages, message.id);
  if (seen && seen.status !== 'in_progress') return [];
  const events: AssistantStreamEvent[] = [];
  if (!seen) {
    events.push({
      event: 'thread.message.created',
      data: { ...message, status: 'in_progress', content: [], completed_at: null, incomplete_at: null },
    });
  }
  const have = seen?.content ?? [];
  const content: MessageContentDelta[] = [];
  message.content.forEach((block, index) => {
    const had = have[index];
    if (block.type === 'text') {
      const received = had?.type === 'text' ? (had.text?.value ?? '') : '';
      const full = block.text.value;
      if (full.length > received.length && full.startsWith(received)) {
        content.push({ index, type: 'text', text: { value: full.slice(received.length) } });
      }
    } else if (had === undefined) {
      content.push({ index, ...block } as MessageContentDelta);
    }
  });
  if (content.length > 0) {
    events.push({
      event: 'thread.message.delta',
      data: { id: message.id, object: 'thread.message.delta', delta: { content } },
    });
  }
  if (message.status !== 'in_progress') {
    events.push({ event: `thread.message.${message.status}`, data: message } as AssistantStreamEvent);
  }
  return events;
}

/**
 * A run's timeline: the ticks that carry out a {@link Plan}. Each tick changes the stored objects and returns the
 * event that tells of the change, so the objects always end exactly as the stream said, whether anyone listens
 * or not. The sequences follow the API's: `thread.run.created`, `queued`, `in_progress`, step and message events
 * with token-sized deltas, then `completed` or `requires_action`.
 */
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { CodeInterpreterToolCall, FunctionToolCall, Message, MessageDelta, Run, RunStep, RunUsage, ToolCallDelta, ToolCallsStepDetails } from '../../wire/assistants.js';
import { newRunMessage, newRunStep, unixNow } from './objects.js';
import { tokenize, type Plan, type PlannedCall } from './script.js';
import { newId, type Store } from './store.js';

/**
 * How a tick is paced: `delta` ticks are token fragments, `status` ticks change the run's status, `event` ticks
 * are every other lifecycle event.
 *
 * @example
 * const delay = (pace: Pace) => (pace === 'delta' ? 25 : 20);
 */
export type Pace = 'event' | 'delta' | 'status';

/**
 * One change of a run and the event that tells of it.
 *
 * @example
 * const queued: Tick = { pace: 'event', apply: () => ({ event: 'thread.run.queued', data: run }) };
 */
export interface Tick {
  readonly pace: Pace;
  readonly apply: () => AssistantStreamEvent;
}

/**
 * The state a run's ticks share: the run, the step and message in progress, the token counts so far.
 *
 * @example
 * const work: RunWork = { store, run, promptTokens: 12, openStep: undefined, openMessage: undefined, usage };
 */
export interface RunWork {
  readonly store: Store;
  readonly run: Run;
  /** Tokens of the thread's messages and the instructions when the run started. */
  readonly promptTokens: number;
  openStep: RunStep | undefined;
  openMessage: Message | undefined;
  /** The usage of the steps completed (or waiting for tool outputs) so far. */
  usage: RunUsage;
}

function tick(pace: Pace, apply: () => AssistantStreamEvent): Tick {
  return { pace, apply };
}

/**
 * The whole timeline of a new run: `created`, `queued`, `in_progress`, then the plan.
 *
 * @example
 * driver.play(startTicks(work, planRun(input)), pacer);
 */
export function startTicks(work: RunWork, plan: Plan): Tick[] {
  const { run } = work;
  return [
    tick('event', () => ({ event: 'thread.run.created', data: run })),
    tick('event', () => ({ event: 'thread.run.queued', data: run })),
    tick('status', () => {
      run.status = 'in_progress';
      run.started_at = unixNow();
      return { event: 'thread.run.in_progress', data: run };
    }),
    ...planTicks(work, plan),
  ];
}

/**
 * The timeline after tool outputs: the tool call step completes with the outputs, the run is queued again, runs,
 * and carries out the plan (an answer and `completed`; or, scripted, more calls and `requires_action` again).
 *
 * @example
 * driver.play(submitTicks(work, new Map([['call_1', '22C']]), { kind: 'text', text: answer }), pacer);
 */
export function submitTicks(work: RunWork, outputs: ReadonlyMap<string, string>, plan: Plan): Tick[] {
  const { run } = work;
  return [
    tick('event', () => {
      const step = work.openStep!;
      for (const call of toolCalls(step)) {
        if (call.type === 'function') call.function.output = outputs.get(call.id) ?? null;
      }
      completeStep(work, step, argumentTokens(step), false); // counted when the run required action
      return { event: 'thread.run.step.completed', data: step };
    }),
    tick('event', () => {
      run.status = 'queued';
      run.required_action = null;
      return { event: 'thread.run.queued', data: run };
    }),
    tick('status', () => {
      run.status = 'in_progress';
      return { event: 'thread.run.in_progress', data: run };
    }),
    ...planTicks(work, plan),
  ];
}

/**
 * Cancellation: the run is `cancelling` at once, then the open message is incomplete, the open step cancelled
 * and the run `cancelled`.
 *
 * @example
 * driver.play(cancelTicks(work), pacer);
 */
export function cancelTicks(work: RunWork): Tick[] {
  const { run } = work;
  const ticks: Tick[] = [
    tick('event', () => {
      run.status = 'cancelling';
      return { event: 'thread.run.cancelling', data: run };
    }),
  ];
  const message = work.openMessage;
  if (message) {
    ticks.push(
      tick('event', () => {
        message.status = 'incomplete';
        message.incomplete_at = unixNow();
        message.incomplete_details = { reason: 'run_cancelled' };
        work.openMessage = undefined;
        return { event: 'thread.message.incomplete', data: message };
      }),
    );
  }
  const step = work.openStep;
  if (step) {
    ticks.push(
      tick('event', () => {
        step.status = 'cancelled';
        step.cancelled_at = unixNow();
        work.openStep = undefined;
        return { event: 'thread.run.step.cancelled', data: step };
      }),
    );
  }
  ticks.push(
    tick('status', () => {
      run.status = 'cancelled';
      run.cancelled_at = unixNow();
      run.required_action = null;
      run.expires_at = null;
      return { event: 'thread.run.cancelled', data: run };
    }),
  );
  return ticks;
}

function planTicks(work: RunWork, plan: Plan): Tick[] {
  switch (plan.kind) {
    case 'text':
      return [...messageTicks(work, plan.text), completeRunTick(work)];
    case 'refusal':
      return [...messageTicks(work, plan.refusal, 'refusal'), completeRunTick(work)];
    case 'functionCalls': {
      const said = plan.text === undefined ? [] : messageTicks(work, plan.text);
      return [...said, ...functionCallTicks(work, plan.calls), requiresActionTick(work)];
    }
    case 'codeInterpreter':
      return [...codeInterpreterTicks(work, plan), ...messageTicks(work, plan.text), completeRunTick(work)];
  }
}

/** A message creation step writing `text` (or a refusal) in token-sized deltas. */
function messageTicks(work: RunWork, text: string, block: 'text' | 'refusal' = 'text'): Tick[] {
  const { store, run } = work;
  const messageId = store.messages.newId();
  const tokens = tokenize(text);
  let step: RunStep;
  let message: Message;
  return [
    tick('event', () => {
      step = store.steps.add(
        newRunStep(store.steps.newId(), run, { type: 'message_creation', message_creation: { message_id: messageId } }),
      );
      work.openStep = step;
      return { event: 'thread.run.step.created', data: step };
    }),
    tick('event', () => ({ event: 'thread.run.step.in_progress', data: step })),
    tick('event', () => {
      message = store.messages.add(newRunMessage(messageId, run));
      work.openMessage = message;
      return { event: 'thread.message.created', data: message };
    }),
    tick('event', () => ({ event: 'thread.message.in_progress', data: message })),
    ...tokens.map((token, index) =>
      tick('delta', () => {
        const data = (delta: MessageDelta) => ({ id: message.id, object: 'thread.message.delta' as const, delta });
        const first = message.content[0];
        if (block === 'refusal') {
          if (first?.type === 'refusal') first.refusal += token;
          else message.content.push({ type: 'refusal', refusal: token });
          return { event: 'thread.message.delta', data: data({ content: [{ index: 0, type: 'refusal', refusal: token }] }) };
        }
        if (first?.type === 'text') first.text.value += token;
        else message.content.push({ type: 'text', text: { value: token, annotations: [] } });
        const text = index === 0 ? { value: token, annotations: [] } : { value: token };
        return { event: 'thread.message.delta', data: data({ content: [{ index: 0, type: 'text', text }] }) };
      }),
    ),
    tick('event', () => {
      message.status = 'completed';
      message.completed_at = unixNow();
      work.openMessage = undefined;
      return { event: 'thread.message.completed', data: message };
    }),
    tick('event', () => {
      completeStep(work, step, tokens.length);
      return { event: 'thread.run.step.completed', data: step };
    }),
  ];
}

/** A tool calls step whose function calls stream their arguments; it stays `in_progress` for the outputs. */
function functionCallTicks(work: RunWork, planned: readonly PlannedCall[]): Tick[] {
  let step: RunStep;
  const ticks = toolStepOpeningTicks(work, (created) => (step = created));
  planned.forEach((plan, index) => {
    const call: FunctionToolCall = {
      id: plan.id ?? newId('call_'),
      type: 'function',
      function: { name: plan.name, arguments: '', output: null },
    };
    ticks.push(
      tick('delta', () => {
        toolCalls(step).push(call);
        return stepDelta(step, { index, id: call.id, type: 'function', function: { ...call.function } });
      }),
      ...tokenize(plan.arguments).map((fragment) =>
        tick('delta', () => {
          call.function.arguments += fragment;
          return stepDelta(step, { index, type: 'function', function: { arguments: fragment } });
        }),
      ),
    );
  });
  return ticks;
}

/** The run waits for the outputs of the open step's function calls. */
function requiresActionTick(work: RunWork): Tick {
  const { run } = work;
  return tick('status', () => {
    const step = work.openStep!;
    const calls = toolCalls(step).filter((call): call is FunctionToolCall => call.type === 'function');
    work.usage = addUsage(work.usage, work.promptTokens, argumentTokens(step));
    run.status = 'requires_action';
    run.required_action = {
      type: 'submit_tool_outputs',
      submit_tool_outputs: {
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.function.name, arguments: call.function.arguments },
        })),
      },
    };
    run.usage = { ...work.usage };
    return { event: 'thread.run.requires_action', data: run };
  });
}

/** A code interpreter step: the input streams in fragments, then the logs, then the step completes. */
function codeInterpreterTicks(work: RunWork, plan: Extract<Plan, { kind: 'codeInterpreter' }>): Tick[] {
  let step: RunStep;
  const call: CodeInterpreterToolCall = {
    id: newId('call_'),
    type: 'code_interpreter',
    code_interpreter: { input: '', outputs: [] },
  };
  const fragments = tokenize(plan.input);
  return [
    ...toolStepOpeningTicks(work, (created) => (step = created)),
    tick('delta', () => {
      toolCalls(step).push(call);
      const opening = { input: '', outputs: [] };
      return stepDelta(step, { index: 0, id: call.id, type: 'code_interpreter', code_interpreter: opening });
    }),
    ...fragments.map((fragment) =>
      tick('delta', () => {
        call.code_interpreter.input += fragment;
        return stepDelta(step, { index: 0, type: 'code_interpreter', code_interpreter: { input: fragment } });
      }),
    ),
    tick('delta', () => {
      call.code_interpreter.outputs.push({ type: 'logs', logs: plan.logs });
      return stepDelta(step, {
        index: 0,
        type: 'code_interpreter',
        code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: plan.logs }] },
      });
    }),
    tick('event', () => {
      completeStep(work, step, fragments.length);
      return { event: 'thread.run.step.completed', data: step };
    }),
  ];
}

function toolStepOpeningTicks(work: RunWork, onCreated: (step: RunStep) => void): Tick[] {
  const { store, run } = work;
  let step: RunStep;
  return [
    tick('event', () => {
      step = store.steps.add(newRunStep(store.steps.newId(), run, { type: 'tool_calls', tool_calls: [] }));
      work.openStep = step;
      onCreated(step);
      return { event: 'thread.run.step.created', data: step };
    }),
    tick('event', () => ({ event: 'thread.run.step.in_progress', data: step })),
  ];
}

function completeRunTick(work: RunWork): Tick {
  const { run } = work;
  return tick('status', () => {
    run.status = 'completed';
    run.completed_at = unixNow();
    run.expires_at = null;
    run.usage = { ...work.usage };
    return { event: 'thread.run.completed', data: run };
  });
}

/** Completes a step with its usage, which counts towards the run's unless it was counted already. */
function completeStep(work: RunWork, step: RunStep, completionTokens: number, addToRun = true): void {
  step.status = 'completed';
  step.completed_at = unixNow();
  step.usage = {
    prompt_tokens: work.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: work.promptTokens + completionTokens,
  };
  if (addToRun) work.usage = addUsage(work.usage, work.promptTokens, completionTokens);
  if (work.openStep === step) work.openStep = undefined;
}

function addUsage(usage: RunUsage, prompt: number, completion: number): RunUsage {
  return {
    prompt_tokens: usage.prompt_tokens + prompt,
    completion_tokens: usage.completion_tokens + completion,
    total_tokens: usage.total_tokens + prompt + completion,
  };
}

/** The tokens of a tool calls step's function arguments. */
function argumentTokens(step: RunStep): number {
  return toolCalls(step).reduce(
    (sum, call) => sum + (call.type === 'function' ? tokenize(call.function.arguments).length : 0),
    0,
  );
}

function toolCalls(step: RunStep): ToolCallsStepDetails['tool_calls'] {
  return (step.step_details as ToolCallsStepDetails).tool_calls;
}

function stepDelta(step: RunStep, call: ToolCallDelta): AssistantStreamEvent {
  const delta = { step_details: { type: 'tool_calls' as const, tool_calls: [call] } };
  return { event: 'thread.run.step.delta', data: { id: step.id, object: 'thread.run.step.delta', delta } };
}


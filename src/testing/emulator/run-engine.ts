/**
 * Runs: creating one from an assistant and a thread, continuing it with tool outputs, cancelling it. The script
 * decides what a run does, the timeline how it is told, the driver when.
 */
import type { AssistantResponseFormatOption, AssistantTool, AssistantToolChoiceOption, Metadata, Run, Thread, ThreadToolResources, TruncationStrategy } from '../../wire/assistants.js';
import { badRequest } from './api-error.js';
import type { EmulatorCounters } from './counters.js';
import { unixNow, type Assistant } from './objects.js';
import type { ResolvedOptions } from './options.js';
import { RunDriver, statusPacer, streamPacer, type RunListener } from './run-driver.js';
import { answerToolOutputs, planOfAnswer, planRun, tokenize, type Plan } from './script.js';
import type { AnswerFacts, PlannedAnswer } from './scripted-answers.js';
import type { Store } from './store.js';
import { cancelTicks, startTicks, submitTicks, type RunWork } from './timeline.js';
import type { Timers } from './timers.js';
import { activeRun, addMessages, messageText } from './thread-messages.js';

/**
 * What a run request may set (everything else comes from the assistant).
 *
 * @example
 * const settings: RunSettings = { toolChoice: 'required', additionalMessages: [{ role: 'user', content: 'Hi' }] };
 * engine.start(thread, assistant, settings, undefined);
 */
export interface RunSettings {
  readonly model?: string | undefined;
  readonly instructions?: string | null | undefined;
  readonly additionalInstructions?: string | null | undefined;
  readonly tools?: AssistantTool[] | undefined;
  readonly metadata?: Metadata | undefined;
  readonly temperature?: number | null | undefined;
  readonly topP?: number | null | undefined;
  readonly maxPromptTokens?: number | null | undefined;
  readonly maxCompletionTokens?: number | null | undefined;
  readonly truncationStrategy?: TruncationStrategy | null | undefined;
  readonly toolChoice?: AssistantToolChoiceOption | null | undefined;
  readonly parallelToolCalls?: boolean | undefined;
  readonly responseFormat?: AssistantResponseFormatOption | null | undefined;
  /** Messages to add to the thread before the run starts (the request's `additional_messages`). */
  readonly additionalMessages?: unknown;
}

/**
 * One tool output of a `submit_tool_outputs` request.
 *
 * @example
 * engine.submitToolOutputs(run, [{ toolCallId: 'call_1', output: '22C' }], undefined);
 */
export interface ToolOutput {
  readonly toolCallId: string;
  readonly output: string;
}

/**
 * The scripted answer of a run request (`emulator.scriptAnswer`), asked once the run's input is known.
 *
 * @example
 * const scripted: RunAnswerLookup = (facts) => scriptedAnswerOf(ctx, 'assistants', facts);
 */
export type RunAnswerLookup = (facts: AnswerFacts) => PlannedAnswer | undefined;

/**
 * Creates, continues and cancels runs; keeps one {@link RunDriver} per run.
 *
 * @example
 * const run = engine.start(thread, assistant, {}, undefined); // non-streamed: 'queued', then in_progress, ...
 */
export class RunEngine {
  readonly #drivers = new Map<string, RunDriver>();

  constructor(
    private readonly store: Store,
    private readonly timers: Timers,
    private readonly options: ResolvedOptions,
    private readonly counters: EmulatorCounters,
  ) {}

  /**
   * Creates a run of `assistant` on `thread` and starts it; `listener` hears its events (a stream), from
   * `thread.run.created` on; without one, the run moves one status step at a time. Returns the run as created
   * (`queued`). 400 if the thread has an active run. A scripted answer (`scripted`) replaces the generated one.
   */
  start(
    thread: Thread,
    assistant: Assistant,
    settings: RunSettings,
    listener: RunListener | undefined,
    scripted?: RunAnswerLookup,
  ): Run {
    const busy = activeRun(this.store, thread.id);
    if (busy) throw badRequest(`Thread ${thread.id} already has an active run ${busy.id}.`);
    const added = addMessages(this.store, thread.id, settings.additionalMessages, 'additional_messages');
    const messages = this.store.messages.values((message) => message.thread_id === thread.id);
    const userText = messages.filter((message) => message.role === 'user').map(messageText).at(-1) ?? '';
    const tools = settings.tools ?? assistant.tools;
    let answer: PlannedAnswer | undefined;
    try {
      // Asked before the run exists: a `match.when` that throws (a 500) leaves no run behind to lock the thread.
      answer = scripted?.({ input: userText, tools: functionNames(tools), toolOutputs: [] });
    } catch (error) {
      for (const message of added) this.store.messages.delete(message.id);
      throw error;
    }
    this.counters.messagesCreated += added.length;
    const now = unixNow();
    const base = settings.instructions === undefined ? assistant.instructions : settings.instructions;
    const instructions = [base, settings.additionalInstructions]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('\n');
    // `tool_resources` is not documented on runs, but the API's streams carry it.
    const run: Run & { tool_resources: ThreadToolResources } = {
      id: this.store.runs.newId(),
      object: 'thread.run',
      created_at: now,
      assistant_id: assistant.id,
      thread_id: thread.id,
      status: 'queued',
      started_at: null,
      expires_at: now + 600,
      cancelled_at: null,
      failed_at: null,
      completed_at: null,
      required_action: null,
      last_error: null,
      model: settings.model ?? assistant.model,
      instructions,
      tools,
      tool_resources: {},
      metadata: settings.metadata ?? {},
      temperature: settings.temperature ?? assistant.temperature ?? 1,
      top_p: settings.topP ?? assistant.top_p ?? 1,
      max_completion_tokens: settings.maxCompletionTokens ?? null,
      max_prompt_tokens: settings.maxPromptTokens ?? null,
      truncation_strategy: settings.truncationStrategy ?? { type: 'auto', last_messages: null },
      incomplete_details: null,
      usage: null,
      response_format: settings.responseFormat ?? assistant.response_format ?? 'auto',
      tool_choice: settings.toolChoice ?? 'auto',
      parallel_tool_calls: settings.parallelToolCalls ?? true,
    };
    this.store.runs.add(run);
    this.counters.runsCreated++;
    const promptTokens = tokenize([instructions, ...messages.map(messageText)].join('\n')).length;
    const work: RunWork = {
      store: this.store,
      run,
      promptTokens,
      openStep: undefined,
      openMessage: undefined,
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    };
    const driver = new RunDriver(work, this.timers);
    this.#drivers.set(run.id, driver);
    const plan = answer
      ? planOfAnswer(answer)
      : planRun({ userText, tools: run.tools, toolChoice: run.tool_choice, parallelToolCalls: run.parallel_tool_calls });
    driver.play(startTicks(work, plan), this.#pacer(listener), listener);
    return run;
  }

  /**
   * Continues a run that requires action with the outputs of every call it asked for (400 otherwise). A scripted
   * answer (`scripted`) replaces the generated one (`<name> returned: <output>` lines).
   */
  submitToolOutputs(
    run: Run,
    outputs: readonly ToolOutput[],
    listener: RunListener | undefined,
    scripted?: RunAnswerLookup,
  ): Run {
    const driver = this.#driver(run);
    const calls = run.required_action?.submit_tool_outputs.tool_calls;
    if (run.status !== 'requires_action' || !calls) {
      throw badRequest(`Runs in status "${run.status}" do not accept tool outputs.`);
    }
    const expected = calls.map((call) => call.id).sort();
    const given = outputs.map((output) => output.toolCallId).sort();
    if (expected.join() !== given.join()) {
      throw badRequest(
        `Expected tool outputs for call_ids ${JSON.stringify(expected)}, got ${JSON.stringify(given)}`,
        'tool_outputs',
      );
    }
    const byId = new Map(outputs.map((output) => [output.toolCallId, output.output]));
    const named = calls.map((call) => ({ name: call.function.name, output: byId.get(call.id) ?? '' }));
    const messages = this.store.messages.values((message) => message.thread_id === run.thread_id);
    const userText = messages.filter((message) => message.role === 'user').map(messageText).at(-1) ?? '';
    // Asked before anything changes: a `match.when` that throws (a 500) leaves the run waiting for its outputs.
    const answer = scripted?.({ input: userText, tools: functionNames(run.tools), toolOutputs: named });
    this.counters.toolOutputsSubmitted++;
    const plan: Plan = answer ? planOfAnswer(answer) : { kind: 'text', text: answerToolOutputs(named) };
    driver.play(submitTicks(driver.work, byId, plan), this.#pacer(listener), listener);
    return run;
  }

  /**
   * Cancels a run that has not ended: `cancelling` at once, `cancelled` one step later (400 otherwise).
   */
  cancel(run: Run): Run {
    if (!['queued', 'in_progress', 'requires_action'].includes(run.status)) {
      throw badRequest(`Cannot cancel run with status '${run.status}'.`);
    }
    const driver = this.#driver(run);
    this.counters.runsCancelled++;
    driver.play(cancelTicks(driver.work)); // paced as the run was: its open streams hear the cancellation
    return run;
  }

  /** Stops every run (the emulator closes). */
  stopAll(): void {
    for (const driver of this.#drivers.values()) driver.stop();
  }

  #driver(run: Run): RunDriver {
    const driver = this.#drivers.get(run.id);
    if (!driver) throw badRequest(`Run ${run.id} cannot be changed.`);
    return driver;
  }

  #pacer(listener: RunListener | undefined) {
    return listener ? streamPacer(this.options) : statusPacer(this.options);
  }
}

function functionNames(tools: readonly AssistantTool[]): string[] {
  return tools.flatMap((tool) => (tool.type === 'function' ? [tool.function.name] : []));
}

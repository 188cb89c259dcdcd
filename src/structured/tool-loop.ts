/**
 * The engine of the tool loops (`runResponsesTools()`, `runChatTools()`): stream a turn, run its function calls
 * in parallel, send their outputs back, and go on until a turn has no calls or a stop condition holds. The two
 * APIs differ only in a {@link ToolLoopProtocol}; everything here is composed RxJS (`defer`, `concat`, `merge`, and
 * `connect` as `connectChained`), with its state in the subscription.
 */
import {
  catchError,
  concat,
  defaultIfEmpty,
  defer,
  EMPTY,
  expand,
  filter,
  finalize,
  from,
  ignoreElements,
  isObservable,
  map,
  merge,
  mergeAll,
  mergeMap,
  type Observable,
  of,
  type OperatorFunction,
  queueScheduler,
  subscribeOn,
  takeLast,
  tap,
  throwError,
} from 'rxjs';
import { abortOn } from '../client/abort-on.js';
import { excerpt, redactSecrets, textOf, messageOf } from '../errors/excerpt.js';
import { StreamParseError } from '../errors/stream-errors.js';
import { connectChained } from '../operators/connect-chained.js';
import {
  StructuredOutputError,
  StructuredOutputUnknownToolError,
  StructuredOutputValidationError,
} from '../errors/structured-errors.js';
import {
  ToolLoopIncompleteError,
  ToolLoopMaxStepsError,
  ToolLoopToolError,
} from '../errors/tool-loop-errors.js';
import { tokenUsage, type ToolLoopUsage } from '../protocols/protocol.js';
import type { ChatCompletion } from '../wire/chat.js';
import type { FunctionAndCustomToolCallOutput } from '../wire/responses.js';
import type { Response } from '../wire/responses-api.js';
import type { JsonSchemaTool, ToolContext, ToolLoopTool } from './loop-tools.js';
import { parseAndValidate } from './structured-text.js';
import { isZodSchema } from './zod-schema.js';

/**
 * One call of a turn: its kind (a `function` call, or a `custom` tool call, which a loop cannot run: it is
 * answered like a call to an unknown tool; with `runResponsesTools()`'s `approveMcp`, an `mcp_approval` request,
 * which the loop answers with the app's verdict), its id (an approval request's `id`), the tool's name (an MCP
 * tool's) and what the model wrote (a function's or an MCP tool's arguments, a custom tool's free-form input).
 *
 * @example
 * const call: ToolLoopCall = { type: 'function', callId: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' };
 */
export interface ToolLoopCall {
  readonly type: 'function' | 'custom' | 'mcp_approval';
  readonly callId: string;
  readonly name: string;
  /** A function call's arguments (JSON text, as the model wrote it); a custom tool call's `input`. */
  readonly arguments: string;
}

/**
 * A Chat Completions text content part (`{ type: 'text', text }`), which a `tool` message's `content` takes.
 *
 * @example
 * const part: ChatTextContentPart = { type: 'text', text: 'It is 21 °C in Oslo.' };
 */
export interface ChatTextContentPart {
  readonly type: 'text';
  readonly text: string;
}

/**
 * What a tool loop sends the model for a call: a text, or an array of content parts the API takes as a tool's
 * output (sent as they are rather than JSON-stringified): Responses input text / image / file parts
 * (`input_text`, `input_image`, `input_file`), Chat Completions text parts (`text`). Each loop narrows it to its
 * API's ({@link ResponsesToolOutput}, {@link ChatToolOutput}).
 *
 * @example
 * const output: ToolOutput = [{ type: 'input_text', text: 'The chart:' }, { type: 'input_image', image_url: url, detail: 'auto' }];
 */
export type ToolOutput = string | readonly (FunctionAndCustomToolCallOutput | ChatTextContentPart)[];

/**
 * What `runResponsesTools()` sends for a call (`function_call_output.output`): a text, or input content parts.
 *
 * @example
 * const output: ResponsesToolOutput = [{ type: 'input_file', file_id: 'file-abc123' }];
 */
export type ResponsesToolOutput = string | readonly FunctionAndCustomToolCallOutput[];

/**
 * What `runChatTools()` sends for a call (a `tool` message's `content`): a text, or text parts.
 *
 * @example
 * const output: ChatToolOutput = [{ type: 'text', text: 'sunny' }];
 */
export type ChatToolOutput = string | readonly ChatTextContentPart[];

/**
 * How one call ended: `ok` with the tool's result, or `error` (invalid arguments, an unknown tool, a custom tool
 * call, or a tool that failed, reported to the model); `output` is what was sent back to the model (a text, or the
 * content parts a tool returned; an error is always a text). For an MCP approval request, `result` is the verdict
 * (`{ approve, reason? }`, sent as an `mcp_approval_response`) and `output` is `''`; an `approveMcp` that failed is
 * an `error` whose `output` is the denial's reason.
 *
 * @example
 * const outcome: ToolCallOutcome = { call, status: 'ok', result: { temperature: 21 }, output: '{"temperature":21}' };
 */
export type ToolCallOutcome<O = ToolOutput> =
  | { readonly call: ToolLoopCall; readonly status: 'ok'; readonly result: unknown; readonly output: O }
  | { readonly call: ToolLoopCall; readonly status: 'error'; readonly error: unknown; readonly output: string };

/**
 * A finished turn, as `stopWhen` sees it: its step, the final response / completion, and how its calls ended
 * (empty when the model called no tool).
 *
 * @example
 * const stopWhen = (turn: ToolLoopTurn<ResponseSnapshot>) => turn.outcomes.some((o) => o.call.name === 'finish');
 */
export interface ToolLoopTurn<F, O = ToolOutput> {
  readonly step: number;
  readonly final: F;
  readonly outcomes: readonly ToolCallOutcome<O>[];
}

/**
 * Why the loop ended: the last turn had no calls, `stopWhen` held, `maxSteps` was reached with
 * `onMaxSteps: 'stop'`, the last turn called a tool the loop does not run and the app answers (Responses: a
 * `computer_call`, `shell_call`, `local_shell_call`, `apply_patch_call`, an `mcp_approval_request`; the loop ran
 * its own calls of that turn, whose outputs end the history, and sent nothing more: a request without an answer to
 * every call would be refused), or (`'tool_choice'`) the request's `tool_choice` forces one function and that
 * function ran: the model would be made to call it again on every further turn.
 *
 * @example
 * const done = (reason: ToolLoopStopReason) => reason === 'no_calls';
 */
export type ToolLoopStopReason = 'no_calls' | 'stop_when' | 'max_steps' | 'unanswered_calls' | 'tool_choice';

/**
 * What the loop gives at its end (`toolLoopResult()`): the last response / completion, the whole history (the
 * Responses input items / chat messages, ending with the model's last output), how many model requests it made,
 * why it stopped, and the tokens of all its requests (`undefined` when none reported usage: with Chat Completions,
 * ask for it with `stream_options: { include_usage: true }`).
 *
 * @example
 * loop$.pipe(toolLoopResult()).subscribe(({ final, history, steps, usage }) => console.log(steps, history.length, usage?.total));
 */
export interface ToolLoopResult<F, H> {
  readonly final: F;
  readonly history: readonly H[];
  readonly steps: number;
  readonly reason: ToolLoopStopReason;
  readonly usage: ToolLoopUsage | undefined;
}

/**
 * Every event of a tool loop, in order: per turn `turn.started` (with the request), each stream `event` of the turn
 * (with the call it belongs to, if any), `tool_call.started` / `tool_call.finished` per call (calls run in
 * parallel, so these interleave), `turn.finished`; at the end `loop.finished` with the {@link ToolLoopResult}.
 *
 * @example
 * loop$.subscribe((e) => {
 *   if (e.type === 'event') render(e.step, e.event);
 *   if (e.type === 'tool_call.finished') console.log(e.outcome.call.name, e.outcome.status);
 * });
 */
export type ToolLoopEvent<E, F, P, H, O = ToolOutput> =
  | { readonly type: 'turn.started'; readonly step: number; readonly request: P }
  | { readonly type: 'event'; readonly step: number; readonly callId: string | undefined; readonly event: E }
  | { readonly type: 'tool_call.started'; readonly step: number; readonly call: ToolLoopCall }
  | { readonly type: 'tool_call.finished'; readonly step: number; readonly outcome: ToolCallOutcome<O> }
  | { readonly type: 'turn.finished'; readonly step: number; readonly turn: ToolLoopTurn<F, O> }
  | ({ readonly type: 'loop.finished' } & ToolLoopResult<F, H>);

/**
 * The options a tool loop passes to each turn's request (`client.responses.stream(request, callOptions)`): timeouts,
 * `signal`, `headers`, ... as the client's call options: `ResponseStreamOptions` (with `onRecover`,
 * `cancelOnUnsubscribe`) for `runResponsesTools()`, `ChatStreamOptions` (with `requireDone`) for `runChatTools()`.
 * The `signal` ends the whole loop, running tools too, as unsubscribing does. An `idempotencyKey` is not passed on:
 * each turn is a request of its own, with a key of its own.
 *
 * @example
 * runResponsesTools(client, params, { tools, callOptions: { idleTimeout: 30_000, headers: { 'x-trace': id } } });
 */
export interface ToolLoopCallOptions<C> {
  readonly callOptions?: C | undefined;
}

/**
 * The call options each turn is sent with: the loop's, without an `idempotencyKey` (the same key on a second turn
 * would make a server that honours keys refuse it). @internal
 *
 * @example
 * const callOptions = turnOptions(options.callOptions);
 */
export function turnOptions<C>(given: C | undefined): C | undefined {
  if (given === undefined || given === null || typeof given !== 'object' || !('idempotencyKey' in given)) return given;
  const { idempotencyKey: _key, ...rest } = given as C & { idempotencyKey?: unknown };
  return rest as C;
}

/**
 * The options of a tool loop.
 *
 * @example
 * const options: ToolLoopOptions<ResponseSnapshot> = { tools: [getWeather], maxSteps: 5, onToolError: 'fail' };
 */
export interface ToolLoopOptions<F, O = ToolOutput> {
  /**
   * The tools the model may call, added to the request's `tools` (after those it has): a zod tool as a strict
   * function tool, a JSON-schema tool with its schema and `strict` (default `false`). Checked when the loop is
   * called: `ToolLoopDefinitionError` for a value that is neither, or two tools of one name;
   * `StructuredOutputSchemaError` (naming the tool) for a zod schema strict mode cannot represent.
   */
  readonly tools: readonly ToolLoopTool[];
  /** The most model requests (default 10; a whole number >= 1, else a `RangeError` when the loop is called). */
  readonly maxSteps?: number | undefined;
  /**
   * When turn `maxSteps - 1` still has calls (their tools have run): fail with `ToolLoopMaxStepsError`
   * (`'error'`, the default) or end cleanly with `loop.finished` (`'stop'`, reason `max_steps`).
   */
  readonly onMaxSteps?: 'error' | 'stop' | undefined;
  /**
   * A tool that throws / rejects / fails: its message is sent to the model as the output (`'report'`, default: at
   * most 1,000 characters, credentials masked; mind what your errors say) or the loop fails with `ToolLoopToolError`.
   */
  readonly onToolError?: 'report' | 'fail' | undefined;
  /**
   * Arguments that are not JSON, fail the schema or a JSON-schema tool's `parse`, a call to an unknown tool, or a
   * custom tool call: the error's message is sent as the output (`'report'`, default) or the loop fails with the
   * `StructuredOutput*Error`.
   */
  readonly onInvalidArguments?: 'report' | 'fail' | undefined;
  /**
   * How many of a turn's calls run at once (default all of them, in parallel; `1`: one after another, in call
   * order; a whole number >= 1 or `Infinity`, else a `RangeError` when the loop is called). The outputs are always
   * sent in call order.
   */
  readonly concurrency?: number | undefined;
  /** Checked after each turn's tools have run: `true` ends the loop (reason `stop_when`), no further request. */
  readonly stopWhen?: ((turn: ToolLoopTurn<F, O>) => boolean) | undefined;
}

/**
 * What differs between the APIs: how to stream a turn and reduce it to its final value, which call an event
 * belongs to, which calls the turn made, whether it was cut, which results go to the model as content parts, what
 * the turn's tokens were, and how the history and the next request grow.
 *
 * @internal
 * @example
 * type ChatLoop = ToolLoopProtocol<ChatCompletionChunk, ChatCompletion, ChatCompletionCreateParams, ChatToolsMessage, ChatToolOutput>;
 * const protocol: ChatLoop = {
 *   stream: (params) => client.chat.completions.stream(params),
 *   final: finalChatCompletion,
 *   ...rest, // callIds, calls, cut, contentOutput, usage, history, grow, next: see run-chat-tools.ts
 * };
 */
export interface ToolLoopProtocol<E, F, P, H, O> {
  stream(params: P): Observable<E>;
  /** The client's own `signal`, when it has one: it ends the loop as the call options' does. */
  readonly signal?: AbortSignal | undefined;
  final(): OperatorFunction<E, F>;
  /** A fresh, per-turn reader of which call an event belongs to. */
  callIds(): (event: E) => string | undefined;
  calls(final: F): readonly ToolLoopCall[];
  /** Whether the turn holds calls the loop does not answer (the app's to answer): the loop then ends after the turn. */
  readonly unanswered?: ((final: F) => boolean) | undefined;
  /**
   * The answer to a call no tool runs (an `mcp_approval` request): a value, a Promise or an Observable, as a tool's
   * `execute` gives (its signal aborts when the loop stops first); a failure is the call's, as a tool's.
   */
  readonly answer?: ((call: ToolLoopCall, final: F, context: ToolContext) => unknown) | undefined;
  /**
   * The function the request's `tool_choice` forces, if it names one: the model would call it again on every
   * further turn, so the loop ends after the turn in which it ran (its arguments valid, its tool done).
   */
  readonly forcedFunction?: ((request: P) => string | undefined) | undefined;
  /**
   * How the turn ended, when its generation did not finish normally (a token limit, a content filter): the API's
   * reason and the output before the cut (the last call's arguments, or the answer's text); `undefined` otherwise.
   */
  cut(final: F): { readonly finishReason: string; readonly text: string } | undefined;
  /** A tool's result when it is content parts the API takes as a tool's output (sent as they are), else `undefined`. */
  contentOutput(result: unknown): O | undefined;
  /** The turn's tokens, or `undefined` when it reported none. */
  usage(final: F): ToolLoopUsage | undefined;
  history(params: P): readonly H[];
  /** The history after a turn: the model's output, then the outputs of its calls (in call order). */
  grow(history: readonly H[], final: F, outputs: readonly ToolCallOutcome<O>[]): readonly H[];
  next(params: P, history: readonly H[], final: F, outputs: readonly ToolCallOutcome<O>[]): P;
}

/**
 * Runs the loop for one protocol (its options checked by {@link declareTools} first).
 *
 * @internal
 * @example
 * toolLoop(protocol, { model: 'gpt-4o', messages }, { tools: [add] }).subscribe(print);
 */
export function toolLoop<E, F extends ChatCompletion | Response, P, H, O extends ToolOutput>(
  protocol: ToolLoopProtocol<E, F, P, H, O>,
  params: P,
  options: ToolLoopOptions<F, O>,
): Observable<ToolLoopEvent<E, F, P, H, O>> {
  type Ev = ToolLoopEvent<E, F, P, H, O>;
  const maxSteps = options.maxSteps ?? 10;
  const tools = new Map(options.tools.map((tool) => [tool.name, tool]));
  // A turn's events, then the next turn to run (none after the last): the loop runs each turn flat, one after the
  // other (`expand` below), not each inside the one before it.
  const step = (index: number, request: P, history: readonly H[], usage: ToolLoopUsage | undefined): Observable<Ev | NextTurn<P, H>> =>
    defer(() => {
      let final: F | undefined;
      let calls: readonly ToolLoopCall[] = [];
      const finished: ToolCallOutcome<O>[] = [];
      const callIdOf = protocol.callIds();
      return concat(
        of<Ev>({ type: 'turn.started', step: index, request }),
        protocol.stream(request).pipe(
          connectChained((events) =>
            merge(
              events.pipe(map((event): Ev => ({ type: 'event', step: index, callId: callIdOf(event), event }))),
              events.pipe(
                protocol.final(),
                tap((value) => (final = value)),
                ignoreElements(),
              ),
            ),
          ),
        ),
        defer(() => {
          calls = protocol.calls(final as F);
          // A cut turn's calls may be cut too, and its answer is not a final one: none of them runs, no next request.
          const cut = protocol.cut(final as F);
          if (cut !== undefined) {
            const details = { step: index, ...cut, final: final as F, calls: calls.length };
            return throwError(() => new ToolLoopIncompleteError(details));
          }
          // A call without what running and answering it takes (a server's, not the API's): none runs.
          for (const call of calls) {
            const field = lacking(call);
            if (field === undefined) continue;
            const reason = 'A tool call the loop can neither run nor answer (its id, name or arguments are missing)';
            return throwError(() => new StreamParseError(reason, { data: textOf(call), path: field }));
          }
          const answer = protocol.answer;
          const answered = answer && ((call: ToolLoopCall, context: ToolContext) => answer(call, final as F, context));
          const run = (call: ToolLoopCall) => runCall<O>(call, index, tools, options, protocol.contentOutput, answered);
          return from(calls.map(run)).pipe(mergeAll(options.concurrency ?? Infinity));
        }).pipe(tap((event) => event.type === 'tool_call.finished' && finished.push(event.outcome))),
        defer(() => {
          const last = final as F;
          const outcomes = calls.map((call) => finished.find((outcome) => outcome.call === call)!);
          const turn: ToolLoopTurn<F, O> = { step: index, final: last, outcomes };
          const grown = protocol.grow(history, last, outcomes);
          const total = addUsage(usage, protocol.usage(last));
          const turnFinished = of<Ev>({ type: 'turn.finished', step: index, turn });
          const end = (reason: ToolLoopStopReason): Observable<Ev> =>
            concat(
              turnFinished,
              of<Ev>({ type: 'loop.finished', final: last, history: grown, steps: index + 1, reason, usage: total }),
            );
          // The next request must answer every call of the turn: with some the app's to answer, the loop stops.
          if (protocol.unanswered?.(last)) return end('unanswered_calls');
          if (calls.length === 0) return end('no_calls');
          if (options.stopWhen?.(turn)) return end('stop_when');
          // A forced function that ran ends the loop; so does one the loop has no tool for (answered as unknown): the
          // model, made to call it again, would get the same answer up to maxSteps. A call through a Responses
          // namespace tool is named `namespace.name` here (`crm.get_weather`), while a `tool_choice` names a function
          // by its name alone: the call of that name in any namespace is the forced one.
          const forced = protocol.forcedFunction?.(request);
          const isForced = (name: string) => name === forced || name.endsWith(`.${forced}`);
          const ranForced = ({ call, status }: ToolCallOutcome<O>) =>
            call.type === 'function' && isForced(call.name) && (status === 'ok' || !tools.has(call.name));
          if (forced !== undefined && outcomes.some(ranForced)) return end('tool_choice');
          if (index + 1 >= maxSteps) {
            if (options.onMaxSteps === 'stop') return end('max_steps');
            return concat(turnFinished, throwError(() => new ToolLoopMaxStepsError(index + 1, grown as ToolLoopMaxStepsError['history'], total)));
          }
          const next = new NextTurn(index + 1, protocol.next(request, grown, last, outcomes), grown, total);
          return concat(turnFinished, of(next));
        }),
      );
    });
  return defer(() => of(new NextTurn(0, params, protocol.history(params), undefined))).pipe(
    // Each turn when the one before asks for it, subscribed on the queue scheduler: with a client whose streams are
    // synchronous (canned turns in a test) a turn would otherwise start inside the one before it, and a long loop
    // run out of stack; the loop stays synchronous, one turn after the other.
    expand((value) =>
      value instanceof NextTurn ? step(value.index, value.request, value.history, value.usage).pipe(subscribeOn(queueScheduler)) : EMPTY,
    ),
    filter((value): value is Ev => !(value instanceof NextTurn)),
    // The call options' signal, and the client's, end the whole loop, as unsubscribing does (running tools too), not
    // only a request. (A signal of another kind is left to the client, which refuses it at the request.)
    abortOn((options as ToolLoopCallOptions<{ readonly signal?: AbortSignal } | null>).callOptions?.signal),
    abortOn(protocol.signal),
  );
}

/** The turn a loop runs next: its step, its request, the history so far and the tokens of the turns before it. */
class NextTurn<P, H> {
  constructor(
    readonly index: number,
    readonly request: P,
    readonly history: readonly H[],
    readonly usage: ToolLoopUsage | undefined,
  ) {}
}

type CallEvent<O> = ToolLoopEvent<never, never, never, never, O>;

/** What a call lacks to be run and answered (its id, its tool's name, its arguments as text), if anything. */
function lacking(call: ToolLoopCall): string | undefined {
  if (typeof call.callId !== 'string' || call.callId === '') return 'callId';
  if (typeof call.name !== 'string' || call.name === '') return 'name';
  if (typeof call.arguments !== 'string') return 'arguments';
  return undefined;
}

function runCall<O extends ToolOutput>(
  call: ToolLoopCall,
  step: number,
  tools: ReadonlyMap<string, ToolLoopTool>,
  options: Pick<ToolLoopOptions<unknown>, 'onToolError' | 'onInvalidArguments'>,
  contentOutput: (result: unknown) => O | undefined,
  answer: ((call: ToolLoopCall, context: ToolContext) => unknown) | undefined,
): Observable<CallEvent<O>> {
  return defer(() => {
    const started = of<CallEvent<O>>({ type: 'tool_call.started', step, call });
    const finished = (outcome: ToolCallOutcome<O>): CallEvent<O> => ({ type: 'tool_call.finished', step, outcome });
    const failed = (error: unknown): Observable<CallEvent<O>> =>
      options.onToolError === 'fail'
        ? throwError(() => new ToolLoopToolError(call.name, call.callId, step, error))
        : of(finished({ call, status: 'error', error, output: errorOutput(error) }));
    // A call the protocol answers (an MCP approval request): its answer is the result, nothing goes back as text.
    if (call.type === 'mcp_approval' && answer !== undefined) {
      return concat(
        started,
        execute((context) => answer(call, context), { callId: call.callId, step }).pipe(
          map((result) => finished({ call, status: 'ok', result, output: '' as O })),
          catchError(failed),
        ),
      );
    }
    const invalid = (error: unknown): Observable<CallEvent<O>> =>
      options.onInvalidArguments === 'fail'
        ? throwError(() => error)
        : of(finished({ call, status: 'error', error, output: errorOutput(error) }));
    // A custom tool call (free-form input) has no runner in a loop: it is answered as a call to an unknown tool.
    const tool = call.type === 'function' ? tools.get(call.name) : undefined;
    if (tool === undefined) {
      // Named with the tools the loop runs: the model is told which it may call.
      const knownTools = [...tools.keys()];
      const unknown = new StructuredOutputUnknownToolError(call.name, call.callId, { toolType: call.type === 'custom' ? 'custom' : 'function', knownTools });
      return concat(started, invalid(unknown));
    }
    return concat(
      started,
      argumentsOf(tool, call).pipe(
        map((args) => ({ valid: true as const, args })),
        catchError((error: unknown) => of({ valid: false as const, error })),
        mergeMap((parsed) =>
          !parsed.valid
            ? invalid(parsed.error)
            : execute((context) => (tool as JsonSchemaTool).execute(parsed.args, context), { callId: call.callId, step }).pipe(
                map((result) => finished({ call, status: 'ok', result, output: toolOutput(result, contentOutput) })),
                catchError(failed),
              ),
        ),
      ),
    );
  });
}

/**
 * A call's arguments as its tool's `execute` takes them: parsed and validated by a zod tool's schema; by a
 * JSON-schema tool's `parse` (a value or a Promise), or parsed as JSON. Fails with a `StructuredOutputError`; a
 * `parse` that fails with another error fails with a `StructuredOutputValidationError` whose `cause` it is.
 */
function argumentsOf(tool: ToolLoopTool, call: ToolLoopCall): Observable<unknown> {
  const details = { toolName: call.name, callId: call.callId };
  return defer(() => {
    if (isZodSchema(tool.parameters)) return of(parseAndValidate(call.arguments, tool.parameters, details));
    const jsonTool = tool as JsonSchemaTool;
    if (jsonTool.parse === undefined) return of(parseAndValidate(call.arguments, undefined, details));
    const parsed = jsonTool.parse(call.arguments);
    return isPromiseLike(parsed) ? from(Promise.resolve(parsed)) : of(parsed);
  }).pipe(catchError((error: unknown) => throwError(() => asInvalidArguments(error, call))));
}

function asInvalidArguments(error: unknown, call: ToolLoopCall): unknown {
  if (error instanceof StructuredOutputError) return error;
  // A zod 3 error thrown by a JSON-schema tool's `parse` (`schema.parse`) keeps its issues.
  const issues = (error as { issues?: unknown } | null)?.issues;
  const message = messageOf(error);
  return new StructuredOutputValidationError(
    isIssueList(issues) ? issues : [{ path: [], message, code: 'custom' }],
    call.arguments,
    { toolName: call.name, callId: call.callId, cause: error },
  );
}

function isIssueList(value: unknown): value is readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (issue: unknown) =>
        typeof issue === 'object' &&
        issue !== null &&
        Array.isArray((issue as { path?: unknown }).path) &&
        typeof (issue as { message?: unknown }).message === 'string',
    )
  );
}

/**
 * One run of a tool's `execute` (or of the answer to a call no tool runs), given its context: its last value
 * (`undefined` when it gave none); a plain value at once, a Promise when it settles. The signal aborts when
 * unsubscribed before the run ended.
 */
function execute(run: (context: ToolContext) => unknown, context: Omit<ToolContext, 'signal'>): Observable<unknown> {
  return defer(() => {
    const controller = new AbortController();
    let settled = false;
    return defer(() => {
      const result = run({ ...context, signal: controller.signal });
      if (isObservable(result)) return result;
      return isPromiseLike(result) ? from(Promise.resolve(result)) : of(result);
    }).pipe(
      // Settled as soon as the tool ends, before its result goes on: a subscriber that stops the loop at this
      // call's `tool_call.finished` must not abort the signal of a tool that has finished (it may undo its work then).
      tap({ complete: () => (settled = true), error: () => (settled = true) }),
      takeLast(1),
      defaultIfEmpty(undefined),
      finalize(() => {
        if (!settled) controller.abort();
      }),
    );
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** What is sent for a result: a string as it is, `undefined` as `''`, content parts as they are, else JSON. */
function toolOutput<O extends ToolOutput>(result: unknown, contentOutput: (result: unknown) => O | undefined): O {
  // Every loop's output type takes a string (`O` is `string | readonly Part[]`).
  const text = (value: string) => value as O;
  if (typeof result === 'string') return text(result);
  if (result === undefined) return text('');
  return contentOutput(result) ?? text(JSON.stringify(result) ?? '');
}

/**
 * `value` when it is a non-empty array of objects whose `type` is one of `types` (content parts an API takes as a
 * tool's output, sent as they are); `undefined` otherwise (the result is then JSON-stringified).
 *
 * @internal
 * @example
 * contentParts([{ type: 'text', text: 'sunny' }], (type) => type === 'text'); // the array
 */
export function contentParts<T>(value: unknown, isPartType: (type: unknown) => boolean): readonly T[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  for (const part of value as unknown[]) {
    if (typeof part !== 'object' || part === null || Array.isArray(part) || !isPartType((part as { type?: unknown }).type)) {
      return undefined;
    }
  }
  return value as readonly T[];
}

/**
 * One turn's {@link ToolLoopUsage} from the usage object of a completion or response, under the API's names;
 * `undefined` when it has none.
 *
 * @internal
 * @example
 * turnUsage(completion.usage, { input: 'prompt_tokens', output: 'completion_tokens' }); // { input: 9, output: 12, ... }
 */
export function turnUsage(usage: unknown, keys: { input: string; output: string }): ToolLoopUsage | undefined {
  const counts = tokenUsage(usage, keys.input, keys.output);
  if (counts === undefined) return undefined;
  const fields = usage as Record<string, unknown>;
  return {
    ...counts,
    inputDetails: addDetails({}, fields[`${keys.input}_details`]),
    outputDetails: addDetails({}, fields[`${keys.output}_details`]),
  };
}

function addUsage(total: ToolLoopUsage | undefined, turn: ToolLoopUsage | undefined): ToolLoopUsage | undefined {
  if (turn === undefined) return total;
  if (total === undefined) return turn;
  return {
    input: total.input + turn.input,
    output: total.output + turn.output,
    total: total.total + turn.total,
    inputDetails: addDetails(total.inputDetails, turn.inputDetails),
    outputDetails: addDetails(total.outputDetails, turn.outputDetails),
  };
}

/** The numeric entries of `details` added to `sums` (a new object; `Object.fromEntries`, so any key is a plain key). */
function addDetails(sums: Readonly<Record<string, number>>, details: unknown): Readonly<Record<string, number>> {
  if (typeof details !== 'object' || details === null) return sums;
  const added = new Map(Object.entries(sums));
  for (const [key, count] of Object.entries(details)) {
    if (typeof count === 'number') added.set(key, (added.get(key) ?? 0) + count);
  }
  return Object.fromEntries(added);
}

// What the model is told of a tool's failure: the error's message, shortened and with credentials masked (it is
// sent to the API; the whole error stays in the `tool_call.finished` event's outcome).
function errorOutput(error: unknown): string {
  return `Error: ${redactSecrets(excerpt(messageOf(error), 1000))}`;
}

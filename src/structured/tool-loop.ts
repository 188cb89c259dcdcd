/**
 * The engine of the tool loops (`runResponsesTools()`, `runChatTools()`): stream a turn, run its function calls
 * in parallel, send their outputs back, and go on until a turn has no calls or a stop condition holds. The two
 * APIs differ only in a {@link ToolLoopProtocol}; everything here is composed RxJS (`defer`, `concat`, `merge`,
 * `connect`), with its state in the subscription.
 */
import {
  catchError,
  concat,
  connect,
  defaultIfEmpty,
  defer,
  finalize,
  from,
  ignoreElements,
  isObservable,
  map,
  merge,
  mergeAll,
  type Observable,
  of,
  type OperatorFunction,
  takeLast,
  tap,
  throwError,
} from 'rxjs';
import type { z } from 'zod';
import { excerpt, redactSecrets } from '../errors/excerpt.js';
import { StructuredOutputUnknownToolError } from '../errors/structured-errors.js';
import { ToolLoopIncompleteError, ToolLoopMaxStepsError, ToolLoopToolError } from '../errors/tool-loop-errors.js';
import type { ChatCompletion } from '../wire/chat.js';
import type { Response } from '../wire/responses-api.js';
import { parseAndValidate } from './structured-text.js';

/**
 * What a tool's `execute` gets besides its arguments: a signal aborted when the loop is unsubscribed while the
 * tool runs, the call's id and the step (0 for the first model request).
 *
 * @example
 * const execute = async (args: { city: string }, { signal }: ToolContext) =>
 *   (await fetch(`https://wttr.in/${args.city}?format=3`, { signal })).text();
 */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly callId: string;
  readonly step: number;
}

/**
 * A function tool the loop can run: its name, description and zod parameters (sent as a strict function tool),
 * and `execute`, given the parsed and validated arguments. It returns a value, a Promise or an Observable (its
 * last value is the result; an Observable tool is unsubscribed when the loop is). A string result is sent to the
 * model as it is, `undefined` as `''`, any other value JSON-stringified.
 *
 * @example
 * const getWeather: RunnableTool<typeof GetWeather, { temperature: number }> = {
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: GetWeather,
 *   execute: async ({ city }, { signal }) => weatherApi(city, signal),
 * };
 */
export interface RunnableTool<S extends z.core.$ZodType = z.core.$ZodType, R = unknown> {
  readonly name: string;
  readonly description?: string;
  readonly parameters: S;
  /** Runs one call (method syntax: a tool of any schema fits a list of `RunnableTool`s). */
  execute(args: z.output<S>, context: ToolContext): R | PromiseLike<R> | Observable<R>;
}

/**
 * Declares a {@link RunnableTool} with its argument types inferred from the zod schema.
 *
 * @example
 * import { z } from 'zod';
 * import { zodTool } from 'rx-openai-stream/structured';
 *
 * const getWeather = zodTool({
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: z.object({ city: z.string() }),
 *   execute: ({ city }) => ({ city, temperature: 21 }), // sent as '{"city":"Oslo","temperature":21}'
 * });
 */
export function zodTool<S extends z.core.$ZodType, R>(tool: RunnableTool<S, R>): RunnableTool<S, R> {
  return tool;
}

/**
 * One function call of a turn: its id, the function and its arguments as the model wrote them.
 *
 * @example
 * const call: ToolLoopCall = { callId: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' };
 */
export interface ToolLoopCall {
  readonly callId: string;
  readonly name: string;
  readonly arguments: string;
}

/**
 * How one call ended: `ok` with the tool's result, or `error` (invalid arguments, an unknown tool, or a tool that
 * failed, reported to the model); `output` is the text sent back to the model.
 *
 * @example
 * const outcome: ToolCallOutcome = { call, status: 'ok', result: { temperature: 21 }, output: '{"temperature":21}' };
 */
export type ToolCallOutcome =
  | { readonly call: ToolLoopCall; readonly status: 'ok'; readonly result: unknown; readonly output: string }
  | { readonly call: ToolLoopCall; readonly status: 'error'; readonly error: unknown; readonly output: string };

/**
 * A finished turn, as `stopWhen` sees it: its step, the final response / completion, and how its calls ended
 * (empty when the model called no tool).
 *
 * @example
 * const stopWhen = (turn: ToolLoopTurn<ResponseSnapshot>) => turn.outcomes.some((o) => o.call.name === 'finish');
 */
export interface ToolLoopTurn<F> {
  readonly step: number;
  readonly final: F;
  readonly outcomes: readonly ToolCallOutcome[];
}

/**
 * Why the loop ended: the last turn had no calls, `stopWhen` held, or `maxSteps` was reached with
 * `onMaxSteps: 'stop'`.
 *
 * @example
 * const done = (reason: ToolLoopStopReason) => reason === 'no_calls';
 */
export type ToolLoopStopReason = 'no_calls' | 'stop_when' | 'max_steps';

/**
 * What the loop gives at its end (`toolLoopResult()`): the last response / completion, the whole history (the
 * Responses input items / chat messages, ending with the model's last output) and how many model requests it made.
 *
 * @example
 * loop$.pipe(toolLoopResult()).subscribe(({ final, history, steps }) => console.log(steps, history.length));
 */
export interface ToolLoopResult<F, H> {
  readonly final: F;
  readonly history: readonly H[];
  readonly steps: number;
  readonly reason: ToolLoopStopReason;
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
export type ToolLoopEvent<E, F, P, H> =
  | { readonly type: 'turn.started'; readonly step: number; readonly request: P }
  | { readonly type: 'event'; readonly step: number; readonly callId: string | undefined; readonly event: E }
  | { readonly type: 'tool_call.started'; readonly step: number; readonly call: ToolLoopCall }
  | { readonly type: 'tool_call.finished'; readonly step: number; readonly outcome: ToolCallOutcome }
  | { readonly type: 'turn.finished'; readonly step: number; readonly turn: ToolLoopTurn<F> }
  | ({ readonly type: 'loop.finished' } & ToolLoopResult<F, H>);

/**
 * The options of a tool loop.
 *
 * @example
 * const options: ToolLoopOptions<ResponseSnapshot> = { tools: [getWeather], maxSteps: 5, onToolError: 'fail' };
 */
export interface ToolLoopOptions<F> {
  /** The tools the model may call; each is added to the request's `tools` as a strict function tool. */
  readonly tools: readonly RunnableTool[];
  /** The most model requests (default 10). */
  readonly maxSteps?: number;
  /**
   * When turn `maxSteps - 1` still has calls (their tools have run): fail with `ToolLoopMaxStepsError`
   * (`'error'`, the default) or end cleanly with `loop.finished` (`'stop'`, reason `max_steps`).
   */
  readonly onMaxSteps?: 'error' | 'stop';
  /**
   * A tool that throws / rejects / fails: its message is sent to the model as the output (`'report'`, default: at
   * most 1,000 characters, credentials masked; mind what your errors say) or the loop fails with `ToolLoopToolError`.
   */
  readonly onToolError?: 'report' | 'fail';
  /**
   * Arguments that are not JSON or fail the schema, or a call to an unknown tool: the error's message is sent as
   * the output (`'report'`, default) or the loop fails with the `StructuredOutput*Error`.
   */
  readonly onInvalidArguments?: 'report' | 'fail';
  /**
   * How many of a turn's calls run at once (default all of them, in parallel; `1`: one after another, in call
   * order). The outputs are always sent in call order.
   */
  readonly concurrency?: number;
  /** Checked after each turn's tools have run: `true` ends the loop (reason `stop_when`), no further request. */
  readonly stopWhen?: (turn: ToolLoopTurn<F>) => boolean;
}

/**
 * What differs between the APIs: how to stream a turn and reduce it to its final value, which call an event
 * belongs to, which calls the turn made, whether it was cut, and how the history and the next request grow.
 *
 * @internal
 * @example
 * const protocol: ToolLoopProtocol<ChatCompletionChunk, ChatCompletion, ChatCompletionCreateParams, ChatToolsMessage> = {
 *   stream: (params) => client.chat.completions.stream(params),
 *   final: finalChatCompletion,
 *   ...rest, // callIds, calls, cut, history, grow, next: see run-chat-tools.ts
 * };
 */
export interface ToolLoopProtocol<E, F, P, H> {
  stream(params: P): Observable<E>;
  final(): OperatorFunction<E, F>;
  /** A fresh, per-turn reader of which call an event belongs to. */
  callIds(): (event: E) => string | undefined;
  calls(final: F): readonly ToolLoopCall[];
  /**
   * How the turn ended, when its generation did not finish normally (a token limit, a content filter): the API's
   * reason and the output before the cut (the last call's arguments, or the answer's text); `undefined` otherwise.
   */
  cut(final: F): { readonly finishReason: string; readonly text: string } | undefined;
  history(params: P): readonly H[];
  /** The history after a turn: the model's output, then the outputs of its calls (in call order). */
  grow(history: readonly H[], final: F, outputs: readonly ToolCallOutcome[]): readonly H[];
  next(params: P, history: readonly H[], final: F, outputs: readonly ToolCallOutcome[]): P;
}

/**
 * Runs the loop for one protocol.
 *
 * @internal
 * @example
 * toolLoop(protocol, { model: 'gpt-4o', messages }, { tools: [add] }).subscribe(print);
 */
export function toolLoop<E, F extends ChatCompletion | Response, P, H>(
  protocol: ToolLoopProtocol<E, F, P, H>,
  params: P,
  options: ToolLoopOptions<F>,
): Observable<ToolLoopEvent<E, F, P, H>> {
  type Ev = ToolLoopEvent<E, F, P, H>;
  const maxSteps = options.maxSteps ?? 10;
  // Two tools of one name: the API refuses the request, and a call could not tell which to run.
  const names = new Set<string>();
  for (const tool of options.tools) {
    if (names.has(tool.name)) throw new TypeError(`Two tools are named "${tool.name}": a tool loop needs one name per tool`);
    names.add(tool.name);
  }
  const step = (index: number, request: P, history: readonly H[]): Observable<Ev> =>
    defer(() => {
      let final: F | undefined;
      let calls: readonly ToolLoopCall[] = [];
      const finished: ToolCallOutcome[] = [];
      const callIdOf = protocol.callIds();
      return concat(
        of<Ev>({ type: 'turn.started', step: index, request }),
        protocol.stream(request).pipe(
          connect((events) =>
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
          return from(calls.map((call) => runCall(call, index, options))).pipe(mergeAll(options.concurrency ?? Infinity));
        }).pipe(tap((event) => event.type === 'tool_call.finished' && finished.push(event.outcome))),
        defer(() => {
          const last = final as F;
          const outcomes = calls.map((call) => finished.find((outcome) => outcome.call === call)!);
          const turn: ToolLoopTurn<F> = { step: index, final: last, outcomes };
          const grown = protocol.grow(history, last, outcomes);
          const turnFinished = of<Ev>({ type: 'turn.finished', step: index, turn });
          const end = (reason: ToolLoopStopReason): Observable<Ev> =>
            concat(turnFinished, of<Ev>({ type: 'loop.finished', final: last, history: grown, steps: index + 1, reason }));
          if (calls.length === 0) return end('no_calls');
          if (options.stopWhen?.(turn)) return end('stop_when');
          if (index + 1 >= maxSteps) {
            if (options.onMaxSteps === 'stop') return end('max_steps');
            return concat(turnFinished, throwError(() => new ToolLoopMaxStepsError(index + 1, grown)));
          }
          return concat(turnFinished, step(index + 1, protocol.next(request, grown, last, outcomes), grown));
        }),
      );
    });
  return defer(() => step(0, params, protocol.history(params)));
}

type CallEvent = ToolLoopEvent<never, never, never, never>;

function runCall(
  call: ToolLoopCall,
  step: number,
  options: Pick<ToolLoopOptions<unknown>, 'tools' | 'onToolError' | 'onInvalidArguments'>,
): Observable<CallEvent> {
  return defer(() => {
    const started = of<CallEvent>({ type: 'tool_call.started', step, call });
    const finished = (outcome: ToolCallOutcome): CallEvent => ({ type: 'tool_call.finished', step, outcome });
    const tool = options.tools.find((candidate) => candidate.name === call.name);
    let args: unknown;
    try {
      if (tool === undefined) throw new StructuredOutputUnknownToolError(call.name, call.callId);
      args = parseAndValidate(call.arguments, tool.parameters, { toolName: call.name, callId: call.callId });
    } catch (error) {
      if (options.onInvalidArguments === 'fail') return concat(started, throwError(() => error));
      return concat(started, of(finished({ call, status: 'error', error, output: errorOutput(error) })));
    }
    return concat(
      started,
      execute(tool, args, { callId: call.callId, step }).pipe(
        map((result) => finished({ call, status: 'ok', result, output: toolOutput(result) })),
        catchError((error: unknown) =>
          options.onToolError === 'fail'
            ? throwError(() => new ToolLoopToolError(call.name, call.callId, step, error))
            : of(finished({ call, status: 'error', error, output: errorOutput(error) })),
        ),
      ),
    );
  });
}

/**
 * One run of a tool: its last value (`undefined` when it gave none); a plain value at once, a Promise when it
 * settles. The signal aborts when unsubscribed before the tool ended.
 */
function execute(tool: RunnableTool, args: unknown, context: Omit<ToolContext, 'signal'>): Observable<unknown> {
  return defer(() => {
    const controller = new AbortController();
    let settled = false;
    return defer(() => {
      const result = tool.execute(args, { ...context, signal: controller.signal });
      if (isObservable(result)) return result;
      return isPromiseLike(result) ? from(Promise.resolve(result)) : of(result);
    }).pipe(
      takeLast(1),
      defaultIfEmpty(undefined),
      tap({ complete: () => (settled = true), error: () => (settled = true) }),
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

function toolOutput(result: unknown): string {
  if (typeof result === 'string') return result;
  if (result === undefined) return '';
  return JSON.stringify(result) ?? '';
}

// What the model is told of a tool's failure: the error's message, shortened and with credentials masked (it is
// sent to the API; the whole error stays in the `tool_call.finished` event's outcome).
function errorOutput(error: unknown): string {
  return `Error: ${redactSecrets(excerpt(error instanceof Error ? error.message : String(error), 1000))}`;
}


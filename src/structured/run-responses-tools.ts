import { defaultIfEmpty, defer, from, isObservable, map, type Observable, takeLast } from 'rxjs';
import type { ResponseCreateFields, ResponseCreateParams, ResponseStreamOptions } from '../client/resources/responses.js';
import { finalResponse } from '../responses/operators/final-response.js';
import type { ResponseSnapshot } from '../responses/snapshot/state.js';
import type { FunctionAndCustomToolCallOutput, ResponseInputItem, ResponseMcpApprovalRequest, ResponseOutputItem } from '../wire/responses.js';
import { textOf } from '../errors/excerpt.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import {
  contentParts,
  type ResponsesToolOutput,
  toolLoop,
  type ToolCallOutcome,
  type ToolLoopCall,
  type ToolLoopEvent,
  type ToolLoopCallOptions,
  type ToolLoopOptions,
  turnOptions,
  turnUsage,
} from './tool-loop.js';
import { declareTools, type ToolContext } from './loop-tools.js';

/**
 * What `runResponsesTools()` needs of a client: `responses.stream(params, options)` (the client of `createClient()`;
 * `options` are the loop's `callOptions`).
 *
 * @example
 * const client: ResponsesToolsClient = createClient();
 */
export interface ResponsesToolsClient {
  readonly responses: { stream(params: ResponseCreateParams, options?: ResponseStreamOptions): Observable<ResponseStreamEvent> };
  /** The client's `signal` (`createClient({ signal })`): the loop ends with it, running tools included. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One item of a Responses tool loop's history (`toolLoopResult()`'s `history`, `ToolLoopMaxStepsError`'s): an input
 * item of the request (a string `input` becomes a user message), an output item of the model (function calls and
 * reasoning included), or a tool's output (`function_call_output`, `custom_tool_call_output`). Items are as the
 * request and the API gave them: a field the types do not know passes through.
 *
 * @example
 * loop$.pipe(toolLoopResult()).subscribe(({ history }) =>
 *   console.log(history.filter((item) => item.type === 'function_call_output').length, 'tool outputs'));
 */
export type ResponsesToolsHistoryItem = ResponseInputItem | ResponseOutputItem;

/**
 * The events of `runResponsesTools()`: each Responses event of each turn, and the loop's own events.
 *
 * @example
 * const onEvent = (e: ResponsesToolLoopEvent) => e.type === 'event' && e.event.type === 'response.output_text.delta';
 */
export type ResponsesToolLoopEvent = ToolLoopEvent<
  ResponseStreamEvent,
  ResponseSnapshot,
  ResponseCreateParams,
  ResponsesToolsHistoryItem,
  ResponsesToolOutput
>;

/**
 * The app's verdict on an MCP approval request (`runResponsesTools()`'s `approveMcp`): `true` approves the call,
 * `false` denies it; `{ approve, reason }` too, with a reason the API is given.
 *
 * @example
 * const verdict: McpApprovalVerdict = { approve: false, reason: 'Deleting is not allowed here' };
 */
export type McpApprovalVerdict = boolean | { readonly approve: boolean; readonly reason?: string | undefined };

/**
 * The options only `runResponsesTools()` has.
 *
 * @example
 * const options: ResponsesToolLoopOptions = { approveMcp: (request) => request.server_label === 'docs' };
 */
export interface ResponsesToolLoopOptions {
  /**
   * Answers the MCP approval requests of a turn (`mcp_approval_request` items, for an `mcp` tool whose
   * `require_approval` asks for one): given the request and `{ signal, callId, step }` (`callId` is the request's
   * `id`), it gives a {@link McpApprovalVerdict}, as a value, a Promise or an Observable (its last value). The loop
   * sends each verdict as an `mcp_approval_response` with the next request, with the outputs of the turn's function
   * calls, and goes on; each request is a call of the loop's events (`type: 'mcp_approval'`, the MCP tool's `name`
   * and `arguments`), its outcome's `result` the verdict. Anything but a verdict, or a failure: with
   * `onToolError: 'report'` (the default) the call is denied, the error's message as the reason; with `'fail'` the
   * loop fails with `ToolLoopToolError`. Without `approveMcp`, a turn with an approval request ends the loop with
   * reason `'unanswered_calls'`, for the app to answer it.
   */
  readonly approveMcp?:
    | ((request: ResponseMcpApprovalRequest, context: ToolContext) => McpApprovalVerdict | PromiseLike<McpApprovalVerdict> | Observable<McpApprovalVerdict>)
    | undefined;
}

/**
 * A tool loop over the Responses API, as one cold Observable: streams a turn, runs its function calls in parallel
 * (arguments parsed and validated by each zod tool's schema, or parsed by a JSON-schema tool), sends the outputs
 * back as `function_call_output` input items (a tool's result as a string, or as the input content parts it
 * returned: `[{ type: 'input_text', text }, { type: 'input_image', image_url }]`, `input_file`, which the API takes
 * as the output), and goes on until a turn has no calls, `stopWhen` holds, `maxSteps` (default 10) requests were
 * made, or the function a `tool_choice` forces (`{ type: 'function', name }`) ran (`reason: 'tool_choice'`: the
 * model would be made to call it again every turn; the SDK's `ResponsesToolRunner` refuses such a request). A
 * custom tool call (`custom_tool_call`) is answered like a call to an unknown tool (`onInvalidArguments`), with a
 * `custom_tool_call_output`; an MCP approval request by `approveMcp` (see {@link ResponsesToolLoopOptions}). How a
 * turn follows the one before depends on the request:
 * - with a `conversation` (`store: false` too): the same `conversation`, and as `input` only the outputs. The
 *   conversation holds the turns before (the API adds each turn's input and output items to it), and the API
 *   refuses `previous_response_id` with a `conversation`;
 * - with `store: false`: the whole input again, the history with the model's output items (`include` gets
 *   `reasoning.encrypted_content`, as the SDK's runner adds it: a reasoning model's reasoning items can be replayed
 *   only with their content);
 * - otherwise: `previous_response_id` (the turn before) and the outputs.
 *
 * The tools are added to `params.tools`: zod tools as strict function tools, JSON-schema tools with their schema and
 * `strict`. Every event arrives wrapped with its `step` (and `callId`), with the loop's `turn.*`, `tool_call.*` and
 * `loop.finished` events; `toolLoopResult()` gives the last response, the history (from the request's `input` on:
 * a conversation's earlier items are not in it) and the tokens of all the turns. A turn whose response ended
 * `incomplete` (`max_output_tokens`, `content_filter`) fails the loop with `ToolLoopIncompleteError` once its
 * events are emitted: none of its calls runs, no further request. Unsubscribing aborts the current request and the
 * running tools (an Observable tool is unsubscribed, a Promise tool's `signal` aborted).
 *
 * The options are checked when it is called, before it returns, as `runChatTools()` checks them
 * (`ToolLoopDefinitionError`, `StructuredOutputSchemaError` with `toolName`, `RangeError`); everything after that
 * comes through the Observable.
 *
 * @example
 * import { switchMap } from 'rxjs';
 * import { z } from 'zod';
 * import { createClient } from 'rx-openai-stream';
 * import { runResponsesTools, toolLoopResult, zodTool } from 'rx-openai-stream/structured';
 *
 * const getWeather = zodTool({
 *   name: 'get_weather',
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }, { signal }) => ({ city, temperature: await lookUp(city, signal) }),
 * });
 * const client = createClient();
 * runResponsesTools(client, { model: 'gpt-4o', input: 'Weather in Oslo?' }, { tools: [getWeather] })
 *   .pipe(toolLoopResult())
 *   .subscribe(({ final }) => console.log(final.output_text));
 *
 * // In a conversation: every turn (the tool outputs too) joins it.
 * client.conversations.create().pipe(
 *   switchMap(({ id }) => runResponsesTools(client, { model: 'gpt-4o', input: 'Weather in Oslo?', conversation: id }, { tools: [getWeather] })),
 *   toolLoopResult(),
 * ).subscribe(({ final }) => console.log(final.output_text));
 */
export function runResponsesTools(
  client: ResponsesToolsClient,
  given: ResponseCreateParams | ResponseCreateFields,
  options: ToolLoopOptions<ResponseSnapshot, ResponsesToolOutput> & ToolLoopCallOptions<ResponseStreamOptions> & ResponsesToolLoopOptions,
): Observable<ResponsesToolLoopEvent> {
  const approveMcp = options.approveMcp;
  if (approveMcp !== undefined && typeof approveMcp !== 'function') {
    throw new TypeError(`runResponsesTools: approveMcp must be a function (got ${textOf(approveMcp)})`);
  }
  const callOptions = turnOptions(options.callOptions);
  // A body of an interface type (the SDK's) is read as the body it is: the loop copies what it sends, never writes it.
  const params = given as ResponseCreateParams;
  const declared = declareTools(options, 'runResponsesTools').map(({ name, parameters, strict, description }) => ({
    type: 'function',
    name,
    parameters,
    strict,
    ...(description === undefined ? {} : { description }),
  }));
  const existing = Array.isArray(params['tools']) ? (params['tools'] as unknown[]) : [];
  const inConversation = params.conversation !== undefined && params.conversation !== null;
  const stateless = params['store'] === false;
  const first: ResponseCreateParams = {
    ...params,
    tools: [...existing, ...declared],
    // The turns replay the model's output items, and a reasoning model's reasoning items need their content for
    // that (with `store: false` the API keeps nothing to look them up by id).
    ...(stateless && !inConversation ? { include: withEncryptedReasoning(params['include']) } : {}),
  };
  return toolLoop<ResponseStreamEvent, ResponseSnapshot, ResponseCreateParams, ResponsesToolsHistoryItem, ResponsesToolOutput>(
    {
      stream: (request) => client.responses.stream(request, callOptions),
      signal: client.signal,
      final: finalResponse,
      callIds: () => {
        const byItem = new Map<string, string>();
        return (event) => {
          const item = (event as { item?: { type?: unknown; id?: unknown; call_id?: unknown } }).item;
          if ((item?.type === 'function_call' || item?.type === 'custom_tool_call') && typeof item.call_id === 'string') {
            if (typeof item.id === 'string') byItem.set(item.id, item.call_id);
            return item.call_id;
          }
          const itemId = (event as { item_id?: unknown }).item_id;
          return typeof itemId === 'string' ? byItem.get(itemId) : undefined;
        };
      },
      calls: (final) =>
        (final.output ?? []).flatMap((item): ToolLoopCall[] => {
          if (item.type === 'function_call') {
            // A call through a namespace tool (`crm.search`) is the loop's tool of that qualified name, if any: never
            // a tool of the bare name (`search`), which would be another function.
            const name = typeof item.namespace === 'string' ? `${item.namespace}.${item.name}` : item.name;
            return [{ type: 'function', callId: item.call_id, name, arguments: item.arguments }];
          }
          if (item.type === 'custom_tool_call') {
            return [{ type: 'custom', callId: item.call_id, name: item.name, arguments: item.input }];
          }
          if (item.type === 'mcp_approval_request' && approveMcp !== undefined) {
            return [{ type: 'mcp_approval', callId: item.id, name: item.name, arguments: item.arguments }];
          }
          return [];
        }),
      unanswered: (final) => hasUnansweredCalls(final.output ?? [], approveMcp !== undefined),
      answer: (call, final, context) => {
        const request = (final.output ?? []).find((item) => item.type === 'mcp_approval_request' && item.id === call.callId);
        return defer(() => {
          const given = approveMcp!(request as ResponseMcpApprovalRequest, context);
          return isObservable(given) ? given : from(Promise.resolve(given));
        }).pipe(takeLast(1), defaultIfEmpty(undefined), map(verdictOf));
      },
      // A `tool_choice` naming a function makes the model call it on every turn: the loop ends once it ran.
      forcedFunction: (request) => forcedFunction(request['tool_choice']),
      cut: (final) => {
        if (final.status !== 'incomplete') return undefined;
        const output = final.output ?? [];
        const last = output[output.length - 1];
        const callText = last?.type === 'function_call' ? last.arguments : last?.type === 'custom_tool_call' ? last.input : undefined;
        return { finishReason: final.incomplete_details?.reason ?? 'incomplete', text: callText ?? final.output_text };
      },
      // A function call output takes input text, image and file parts.
      contentOutput: (result) =>
        contentParts<FunctionAndCustomToolCallOutput>(
          result,
          (type) => type === 'input_text' || type === 'input_image' || type === 'input_file',
        ),
      usage: (final) => turnUsage(final.usage, { input: 'input_tokens', output: 'output_tokens' }),
      history: (request) => inputItems(request.input),
      grow: (history, final, outcomes) => [...history, ...(final.output ?? []), ...functionCallOutputs(outcomes)],
      next: (request, history, final, outcomes) => {
        if (inConversation) return { ...request, input: functionCallOutputs(outcomes) };
        if (stateless) return { ...request, input: history };
        return { ...request, previous_response_id: final.id, input: functionCallOutputs(outcomes) };
      },
    },
    first,
    options,
  );
}

/** The function a Responses `tool_choice` forces (`{ type: 'function', name }`), if it forces one. */
function forcedFunction(toolChoice: unknown): string | undefined {
  if (typeof toolChoice !== 'object' || toolChoice === null) return undefined;
  const { type, name } = toolChoice as { type?: unknown; name?: unknown };
  return type === 'function' && typeof name === 'string' && name !== '' ? name : undefined;
}

/** `include` with `reasoning.encrypted_content` (once, after the caller's entries). */
function withEncryptedReasoning(include: unknown): unknown[] {
  const entries = Array.isArray(include) ? (include as unknown[]) : [];
  return entries.includes(ENCRYPTED_REASONING) ? entries : [...entries, ENCRYPTED_REASONING];
}

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * The input items answering a turn's calls: `function_call_output` per function call, `custom_tool_call_output` per
 * custom one, `mcp_approval_response` per MCP approval request (a failed `approveMcp` denies, its error the reason).
 */
function functionCallOutputs(outcomes: readonly ToolCallOutcome<ResponsesToolOutput>[]): ResponseInputItem[] {
  return outcomes.map((outcome): ResponseInputItem => {
    const { call, output } = outcome;
    if (call.type === 'mcp_approval') {
      const { approve, reason } = outcome.status === 'ok' ? (outcome.result as Verdict) : { approve: false, reason: outcome.output };
      return { type: 'mcp_approval_response', approval_request_id: call.callId, approve, ...(reason === undefined ? {} : { reason }) };
    }
    // Content parts are copied: the history is the caller's to keep, apart from what the tool returned.
    const sent = typeof output === 'string' ? output : [...output];
    return call.type === 'custom'
      ? { type: 'custom_tool_call_output', call_id: call.callId, output: sent }
      : { type: 'function_call_output', call_id: call.callId, output: sent };
  });
}

/**
 * Whether an output holds a call that neither the loop (a function or custom tool call) nor the server (an item of
 * the output with the call's `call_id` and a type ending in `_output`: a server-side tool search, a program) answers:
 * a call the app runs itself (`computer_call`, `shell_call`, `local_shell_call`, `apply_patch_call`, or any
 * newer such item with a `call_id`), or an `mcp_approval_request` (unless `approveMcp` answers them). Hosted tools'
 * items (a web search) have no `call_id`.
 */
function hasUnansweredCalls(output: readonly unknown[], approvesMcp: boolean): boolean {
  const items = output as ReadonlyArray<{ readonly type?: unknown; readonly call_id?: unknown } | null>;
  const answered = new Set<unknown>();
  for (const item of items) if (typeof item?.type === 'string' && item.type.endsWith('_output')) answered.add(item.call_id);
  return items.some((item) => {
    const type = item?.type;
    if (type === 'mcp_approval_request') return !approvesMcp;
    if (typeof type !== 'string' || typeof item!.call_id !== 'string' || type.endsWith('_output')) return false;
    return type !== 'function_call' && type !== 'custom_tool_call' && !answered.has(item!.call_id);
  });
}

/** The request's `input` as items (taken as the caller gave them: a string is a user message). */
function inputItems(input: unknown): ResponsesToolsHistoryItem[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return (Array.isArray(input) ? [...(input as unknown[])] : [input]) as ResponsesToolsHistoryItem[];
}

type Verdict = { readonly approve: boolean; readonly reason?: string | undefined };

/** What `approveMcp` gave, as a verdict; anything else is a `TypeError` (a failure of the call). */
function verdictOf(given: unknown): Verdict {
  if (typeof given === 'boolean') return { approve: given };
  const { approve, reason } = (typeof given === 'object' && given !== null ? given : {}) as { approve?: unknown; reason?: unknown };
  if (typeof approve === 'boolean' && (reason === undefined || typeof reason === 'string')) return { approve, reason };
  throw new TypeError(`approveMcp must give true, false or { approve, reason } (got ${textOf(given)})`);
}

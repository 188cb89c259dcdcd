import type { Observable } from 'rxjs';
import { finalChatCompletion } from '../chat/operators/final-chat-completion.js';
import type { ChatCompletionCreateFields, ChatCompletionCreateParams, ChatStreamOptions } from '../client/resources/chat.js';
import type { ChatCompletion, ChatCompletionChunk } from '../wire/chat.js';
import {
  type ChatTextContentPart,
  type ChatToolOutput,
  contentParts,
  toolLoop,
  type ToolLoopCall,
  type ToolLoopEvent,
  type ToolLoopCallOptions,
  type ToolLoopOptions,
  turnOptions,
  turnUsage,
} from './tool-loop.js';
import { declareTools } from './loop-tools.js';

/**
 * What `runChatTools()` needs of a client: `chat.completions.stream(params, options)` (the client of
 * `createClient()`; `options` are the loop's `callOptions`).
 *
 * @example
 * const client: ChatToolsClient = createClient();
 */
export interface ChatToolsClient {
  readonly chat: {
    readonly completions: { stream(params: ChatCompletionCreateParams, options?: ChatStreamOptions): Observable<ChatCompletionChunk> };
  };
  /** The client's `signal` (`createClient({ signal })`): the loop ends with it, running tools included. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One message of a chat tool loop's history (`ChatCompletionCreateParams['messages']`).
 *
 * @example
 * const message: ChatToolsMessage = { role: 'tool', tool_call_id: 'call_1', content: '21' };
 */
export type ChatToolsMessage = ChatCompletionCreateParams['messages'][number];

/**
 * The events of `runChatTools()`: each chunk of each turn, and the loop's own events.
 *
 * @example
 * const isDelta = (e: ChatToolLoopEvent) => e.type === 'event' && e.event.choices[0]?.delta?.content != null;
 */
export type ChatToolLoopEvent = ToolLoopEvent<
  ChatCompletionChunk,
  ChatCompletion,
  ChatCompletionCreateParams,
  ChatToolsMessage,
  ChatToolOutput
>;

/**
 * A tool loop over Chat Completions, as one cold Observable (what the official SDK's `runTools()` does): streams
 * a turn, runs the function calls of its first choice in parallel (arguments parsed and validated by each zod
 * tool's schema, or parsed by a JSON-schema tool), appends the assistant message with its `tool_calls` and one
 * `tool` message per call, and goes on until a turn has no calls, `stopWhen` holds, `maxSteps` (default 10)
 * requests were made, or (as the SDK's runner stops) the function a `tool_choice` forces ran (`reason:
 * 'tool_choice'`: the model would be made to call it again every turn). The tools are added to `params.tools`: zod
 * tools as strict function tools, JSON-schema tools with their schema and `strict`. A tool's result goes into its
 * `tool` message as a string, or as the text parts it returned (`[{ type: 'text', text }]`, which the API takes as
 * `content`). A custom tool call (`type: 'custom'`) is answered like a call to an unknown tool
 * (`onInvalidArguments`). Every chunk arrives wrapped with its `step` (and the `callId` of the tool call it
 * carries), with the loop's `turn.*`, `tool_call.*` and `loop.finished` events; `toolLoopResult()` gives the last
 * completion, the messages and the tokens of all the turns (with `stream_options: { include_usage: true }`). A
 * turn whose first choice finished with `length` or `content_filter` fails the loop with `ToolLoopIncompleteError`
 * once its chunks are emitted: none of its calls runs, no further request. Unsubscribing aborts the current request
 * and the running tools.
 *
 * The options are checked when it is called, before it returns (a mistake only code can fix, thrown where the
 * loop is made, as `zodFunction()` throws): `ToolLoopDefinitionError` for a value in `tools` that is no tool or
 * two tools of one name, `StructuredOutputSchemaError` (with `toolName`) for a zod schema strict mode cannot
 * represent, `RangeError` for `maxSteps` / `concurrency`. Everything after that comes through the Observable.
 *
 * @example
 * import { z } from 'zod';
 * import { createClient } from 'rx-openai-stream';
 * import { runChatTools, toolLoopResult, zodTool } from 'rx-openai-stream/structured';
 *
 * const add = zodTool({ name: 'add', parameters: z.object({ a: z.number(), b: z.number() }), execute: ({ a, b }) => a + b });
 * runChatTools(createClient(), { model: 'gpt-4o', messages: [{ role: 'user', content: 'Use add: 2 + 3' }] }, { tools: [add] })
 *   .pipe(toolLoopResult())
 *   .subscribe(({ final, history }) => console.log(final.choices[0]?.message.content, history.length));
 */
export function runChatTools(
  client: ChatToolsClient,
  given: ChatCompletionCreateParams | ChatCompletionCreateFields,
  options: ToolLoopOptions<ChatCompletion, ChatToolOutput> & ToolLoopCallOptions<ChatStreamOptions>,
): Observable<ChatToolLoopEvent> {
  const callOptions = turnOptions(options.callOptions);
  // A body of an interface type (the SDK's) is read as the body it is: the loop copies what it sends, never writes it.
  const params = given as ChatCompletionCreateParams;
  const declared = declareTools(options, 'runChatTools').map(({ name, parameters, strict, description }) => ({
    type: 'function',
    function: { name, parameters, strict, ...(description === undefined ? {} : { description }) },
  }));
  const existing = Array.isArray(params['tools']) ? (params['tools'] as unknown[]) : [];
  const first: ChatCompletionCreateParams = { ...params, tools: [...existing, ...declared] };
  return toolLoop<ChatCompletionChunk, ChatCompletion, ChatCompletionCreateParams, ChatToolsMessage, ChatToolOutput>(
    {
      stream: (request) => client.chat.completions.stream(request, callOptions),
      signal: client.signal,
      final: finalChatCompletion,
      callIds: () => {
        const byIndex = new Map<number, string>();
        return (chunk) => {
          // The loop runs the calls of choice 0: its chunks are told by the choice's `index` (with `n` > 1 they
          // interleave with the other choices').
          const calls = chunk.choices?.find((choice) => choice.index === 0)?.delta?.tool_calls;
          if (calls === undefined || calls.length === 0) return undefined;
          // Every fragment's id is noted (a server may send several calls' first fragments in one chunk); the
          // event is told by its first fragment's call.
          for (const call of calls) if (typeof call.id === 'string') byIndex.set(call.index, call.id);
          return byIndex.get(calls[0]!.index);
        };
      },
      // A `tool_choice` naming a function makes the model call it on every turn: the loop ends once it ran, as the
      // SDK's runTools() ends; invalid arguments are reported and the model calls again.
      forcedFunction: (request) => forcedFunction(request['tool_choice']),
      calls: (final) =>
        (final.choices[0]?.message.tool_calls ?? []).map((call): ToolLoopCall =>
          call.type === 'custom'
            ? { type: 'custom', callId: call.id, name: call.custom?.name, arguments: call.custom?.input }
            : { type: 'function', callId: call.id, name: call.function?.name, arguments: call.function?.arguments },
        ),
      cut: (final) => {
        const choice = final.choices[0];
        const finishReason = choice?.finish_reason;
        if (choice === undefined || (finishReason !== 'length' && finishReason !== 'content_filter')) return undefined;
        const calls = choice.message.tool_calls ?? [];
        const last = calls[calls.length - 1];
        if (last === undefined) return { finishReason, text: choice.message.content ?? '' };
        return { finishReason, text: last.type === 'function' ? last.function.arguments : last.custom.input };
      },
      // A tool message's `content` takes text parts.
      contentOutput: (result) => contentParts<ChatTextContentPart>(result, (type) => type === 'text'),
      usage: (final) => turnUsage(final.usage, { input: 'prompt_tokens', output: 'completion_tokens' }),
      // Without `messages` (or with something else), the API's 400 says what is wrong, as for a plain stream.
      history: (request) => (Array.isArray(request.messages) ? [...request.messages] : []),
      grow: (history, final, outcomes) => {
        const message = final.choices[0]?.message;
        if (message === undefined) return history;
        const assistant: ChatToolsMessage = {
          role: 'assistant',
          content: message.content,
          ...(message.refusal ? { refusal: message.refusal } : {}),
          // An audio answer's words are in its audio (`content` is null): the API takes it back by its id.
          ...(typeof message.audio?.id === 'string' ? { audio: { id: message.audio.id } } : {}),
          ...(message.tool_calls?.length ? { tool_calls: message.tool_calls } : {}),
        };
        const tools = outcomes.map(({ call, output }): ChatToolsMessage => ({
          role: 'tool',
          tool_call_id: call.callId,
          content: output,
        }));
        return [...history, assistant, ...tools];
      },
      next: (request, history) => ({ ...request, messages: [...history] }),
    },
    first,
    options,
  );
}

/** The function a chat `tool_choice` forces (`{ type: 'function', function: { name } }`), if it forces one. */
function forcedFunction(toolChoice: unknown): string | undefined {
  if (typeof toolChoice !== 'object' || toolChoice === null) return undefined;
  const { type, function: fn } = toolChoice as { type?: unknown; function?: { name?: unknown } | null };
  const name = type === 'function' && typeof fn === 'object' && fn !== null ? fn.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

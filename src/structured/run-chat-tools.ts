import type { Observable } from 'rxjs';
import { finalChatCompletion } from '../chat/operators/final-chat-completion.js';
import type { ChatCompletionCreateParams } from '../client/resources/chat.js';
import type { ChatCompletion, ChatCompletionChunk } from '../wire/chat.js';
import { zodFunction } from './request-formats.js';
import { toolLoop, type ToolLoopCall, type ToolLoopEvent, type ToolLoopOptions } from './tool-loop.js';

/**
 * What `runChatTools()` needs of a client: `chat.completions.stream(params)` (the client of `createClient()`).
 *
 * @example
 * const client: ChatToolsClient = createClient();
 */
export interface ChatToolsClient {
  readonly chat: { readonly completions: { stream(params: ChatCompletionCreateParams): Observable<ChatCompletionChunk> } };
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
 * const isDelta = (e: ChatToolLoopEvent) => e.type === 'event' && e.event.choices[0]?.delta.content != null;
 */
export type ChatToolLoopEvent = ToolLoopEvent<ChatCompletionChunk, ChatCompletion, ChatCompletionCreateParams, ChatToolsMessage>;

/**
 * A tool loop over Chat Completions, as one cold Observable (what the official SDK's `runTools()` does): streams
 * a turn, runs the function calls of its first choice in parallel (arguments parsed and validated by each tool's
 * zod schema), appends the assistant message with its `tool_calls` and one `tool` message per call, and goes on
 * until a turn has no calls, `stopWhen` holds or `maxSteps` (default 10) requests were made. The tools are added to
 * `params.tools` as strict function tools. Every chunk arrives wrapped with its `step` (and the `callId` of the
 * tool call it carries), with the loop's `turn.*`, `tool_call.*` and `loop.finished` events; `toolLoopResult()`
 * gives the last completion and the messages. A turn whose first choice finished with `length` or `content_filter`
 * fails the loop with `ToolLoopIncompleteError` once its chunks are emitted: none of its calls runs, no further
 * request. Unsubscribing aborts the current request and the running tools.
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
  params: ChatCompletionCreateParams,
  options: ToolLoopOptions<ChatCompletion>,
): Observable<ChatToolLoopEvent> {
  const existing = Array.isArray(params['tools']) ? (params['tools'] as unknown[]) : [];
  const declared = options.tools.map((tool) =>
    zodFunction({
      name: tool.name,
      parameters: tool.parameters,
      ...(tool.description === undefined ? {} : { description: tool.description }),
    }),
  );
  const first: ChatCompletionCreateParams = { ...params, tools: [...existing, ...declared] };
  return toolLoop<ChatCompletionChunk, ChatCompletion, ChatCompletionCreateParams, ChatToolsMessage>(
    {
      stream: (request) => client.chat.completions.stream(request),
      final: finalChatCompletion,
      callIds: () => {
        const byIndex = new Map<number, string>();
        return (chunk) => {
          const call = chunk.choices?.[0]?.delta?.tool_calls?.[0];
          if (call === undefined) return undefined;
          if (typeof call.id === 'string') byIndex.set(call.index, call.id);
          return byIndex.get(call.index);
        };
      },
      calls: (final) =>
        (final.choices[0]?.message.tool_calls ?? []).flatMap((call): ToolLoopCall[] =>
          call.type === 'function'
            ? [{ callId: call.id, name: call.function.name, arguments: call.function.arguments }]
            : [],
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
      history: (request) => [...request.messages],
      grow: (history, final, outcomes) => {
        const message = final.choices[0]?.message;
        if (message === undefined) return history;
        const assistant: ChatToolsMessage = {
          role: 'assistant',
          content: message.content,
          ...(message.refusal ? { refusal: message.refusal } : {}),
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

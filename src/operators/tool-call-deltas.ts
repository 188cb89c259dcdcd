import { Observable } from 'rxjs';
import { assistantStreamReducer } from '../assistants/snapshot/reducer.js';
import { initialAssistantStreamState } from '../assistants/snapshot/state.js';
import { chatCompletionReducer } from '../chat/snapshot/reducer.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotToolCall } from '../chat/snapshot/state.js';
import { outputPosition, responseReducer } from '../responses/snapshot/reducer.js';
import type { ResponseSnapshot } from '../responses/snapshot/state.js';
import type { AssistantStreamEvent } from '../wire/assistant-events.js';
import type { RunStep, ToolCall, ToolCallDelta } from '../wire/assistants.js';
import type { ChatCompletionChunk, ChatCompletionChunkToolCall } from '../wire/chat.js';
import type { ResponseCustomToolCall, ResponseCustomToolCallInputDeltaEvent, ResponseFunctionCallArgumentsDeltaEvent, ResponseFunctionToolCall, ResponseStreamEvent } from '../wire/responses-api.js';
import type { StreamValue } from './stream-value.js';
import { subscribeChained } from './subscribe-chained.js';

/**
 * One tool call fragment of a run stream with the tool call as accumulated after it.
 *
 * @example
 * d.snapshot.type === 'function'
 */
export interface ToolCallDeltaWithSnapshot {
  /** The fragment as received: `index`, `type`, and the part of `function` / `code_interpreter` that arrived. */
  readonly delta: ToolCallDelta;
  /** The tool call so far (`function.arguments` concatenated, code `input` concatenated, outputs merged). */
  readonly snapshot: ToolCall;
  /** The run step the tool call belongs to, as accumulated. */
  readonly runStep: RunStep;
}

/** One tool call fragment of a Chat Completions stream with the call so far. @example d.snapshot.function?.arguments */
export interface ChatToolCallDeltaWithSnapshot {
  /** The fragment as received: `index`, and `id`, `type`, `function.name` / `function.arguments` when present. */
  readonly delta: ChatCompletionChunkToolCall;
  /** The tool call so far (`function.arguments` concatenated). */
  readonly snapshot: ChatCompletionSnapshotToolCall;
  /** The choice the tool call belongs to. */
  readonly choiceIndex: number;
  /** The whole completion as accumulated. */
  readonly completion: ChatCompletionSnapshot;
}

/**
 * One fragment of a tool call's input in a Responses stream (`response.function_call_arguments.delta` or
 * `response.custom_tool_call_input.delta`) with the output item as accumulated after it.
 *
 * @example
 * const soFar = d.snapshot.type === 'function_call' ? d.snapshot.arguments : d.snapshot.input;
 */
export interface ResponseToolCallDeltaWithSnapshot {
  /** The delta event as received (`delta` holds the fragment, `output_index` the item). */
  readonly delta: ResponseFunctionCallArgumentsDeltaEvent | ResponseCustomToolCallInputDeltaEvent;
  /** The function call (`arguments` concatenated) or custom tool call (`input` concatenated) so far. */
  readonly snapshot: ResponseFunctionToolCall | ResponseCustomToolCall;
  /** The whole response as accumulated. */
  readonly response: ResponseSnapshot;
}

/**
 * What {@link toolCallDeltas} emits for a stream of `T`: {@link ToolCallDeltaWithSnapshot} for run events,
 * {@link ChatToolCallDeltaWithSnapshot} for chunks, {@link ResponseToolCallDeltaWithSnapshot} for Responses events.
 *
 * @example
 * type FromChunks = ToolCallDeltaOf<ChatCompletionChunk>; // ChatToolCallDeltaWithSnapshot
 */
export type ToolCallDeltaOf<T> = T extends AssistantStreamEvent
  ? ToolCallDeltaWithSnapshot
  : T extends ChatCompletionChunk
    ? ChatToolCallDeltaWithSnapshot
    : T extends ResponseStreamEvent
      ? ResponseToolCallDeltaWithSnapshot
      : never;

/**
 * Emits `{ delta, snapshot, ... }` for every fragment of a tool call, the first fragment of each call included
 * (so concatenating the fragments gives the whole arguments text), whatever the API:
 * - Assistants: every tool call fragment of `thread.run.step.delta` events, with `runStep`;
 * - Chat Completions: every `delta.tool_calls` fragment of every choice, with `choiceIndex` and `completion`;
 * - Responses: every `response.function_call_arguments.delta` and `response.custom_tool_call_input.delta`, with
 *   `response`.
 * The emitted type follows the source's type. Snapshots come from the same pure reducers as
 * `accumulateSnapshots()`, `accumulateChatCompletion()` and `accumulateResponse()`.
 *
 * @example
 * import { toolCallDeltas } from 'rx-openai-stream';
 *
 * chunks$.pipe(toolCallDeltas()).subscribe(({ snapshot }) => showArguments(snapshot.function?.arguments));
 * events$.pipe(toolCallDeltas()).subscribe(({ snapshot }) => {
 *   if (snapshot.type === 'function') showArguments(snapshot.function.arguments);
 * });
 */
export function toolCallDeltas(): <T extends StreamValue>(source: Observable<T>) => Observable<ToolCallDeltaOf<T>> {
  return <T extends StreamValue>(source: Observable<T>) =>
    new Observable<ToolCallDeltaOf<T>>((subscriber) => {
      const out = subscriber as unknown as { next(value: unknown): void; error(error: unknown): void };
      // One state per kind, created on first use: a merged stream of several kinds works too.
      let run = initialAssistantStreamState;
      let completion: ChatCompletionSnapshot | undefined;
      let response: ResponseSnapshot | undefined;
      return subscribeChained(source, subscriber, {
        next(value) {
          try {
            if (typeof (value as AssistantStreamEvent).event === 'string') {
              const event = value as AssistantStreamEvent;
              run = assistantStreamReducer(run, event);
              if (event.event !== 'thread.run.step.delta') return;
              const details = event.data.delta.step_details;
              if (details?.type !== 'tool_calls' || !details.tool_calls) return;
              const runStep = run.currentRunStepSnapshot!;
              if (runStep.step_details.type !== 'tool_calls') return;
              for (const delta of details.tool_calls) {
                const snapshot = runStep.step_details.tool_calls[delta.index];
                if (snapshot) out.next({ delta, snapshot, runStep } satisfies ToolCallDeltaWithSnapshot);
              }
            } else if ((value as ChatCompletionChunk).object === 'chat.completion.chunk') {
              const chunk = value as ChatCompletionChunk;
              completion = chatCompletionReducer(completion, chunk);
              for (const choice of chunk.choices) {
                const fragments = choice.delta?.tool_calls;
                if (!fragments) continue;
                const calls = completion.choices[choice.index]!.message.tool_calls!;
                for (const delta of fragments) {
                  out.next({
                    delta,
                    snapshot: calls[delta.index]!,
                    choiceIndex: choice.index,
                    completion,
                  } satisfies ChatToolCallDeltaWithSnapshot);
                }
              }
            } else {
              const event = value as ResponseStreamEvent;
              response = responseReducer(response, event);
              const type = event.type;
              if (type !== 'response.function_call_arguments.delta' && type !== 'response.custom_tool_call_input.delta') {
                return;
              }
              // By position, not wire index: after a gap in `output_index` the two differ.
              const item = response && response.output[outputPosition(response, event)];
              if (item?.type !== 'function_call' && item?.type !== 'custom_tool_call') return;
              out.next({
                delta: event as ResponseToolCallDeltaWithSnapshot['delta'],
                snapshot: item,
                response: response!,
              } satisfies ResponseToolCallDeltaWithSnapshot);
            }
          } catch (error) {
            out.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

import { Observable } from 'rxjs';
import { protocolAccumulations, type ToolCallDeltaOfKind, type ValueOfKind } from '../protocols/accumulations.js';
import type { ProtocolAccumulation, Sink } from '../protocols/protocol.js';
import { protocolOf } from '../protocols/registry.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotToolCall } from '../chat/snapshot/state.js';
import type { ResponseSnapshot } from '../responses/snapshot/state.js';
import type { RunStep, ToolCall, ToolCallDelta } from '../wire/assistants.js';
import type { ChatCompletionChunkToolCall } from '../wire/chat.js';
import type { ResponseCustomToolCall, ResponseCustomToolCallInputDeltaEvent, ResponseFunctionCallArgumentsDeltaEvent, ResponseFunctionToolCall } from '../wire/responses-api.js';
import type { StreamKind, StreamValue } from './stream-value.js';
import { unreadable } from './reducing-operator.js';
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
 * {@link ChatToolCallDeltaWithSnapshot} for chunks, {@link ResponseToolCallDeltaWithSnapshot} for Responses events
 * (for every protocol of `src/protocols/registry.ts`, what its accumulation's `toolCallDeltas` emits).
 *
 * @example
 * type FromChunks = ToolCallDeltaOf<ChatCompletionChunk>; // ChatToolCallDeltaWithSnapshot
 */
export type ToolCallDeltaOf<T> = {
  [K in StreamKind]: T extends ValueOfKind<K> ? ToolCallDeltaOfKind<K> : never;
}[StreamKind];

/**
 * Emits `{ delta, snapshot, ... }` for every fragment of a tool call, the first fragment of each call included
 * (so concatenating the fragments gives the whole arguments text), whatever the API:
 * - Assistants: every tool call fragment of `thread.run.step.delta` events, with `runStep`;
 * - Chat Completions: every `delta.tool_calls` fragment of every choice, with `choiceIndex` and `completion`;
 * - Responses: every `response.function_call_arguments.delta` and `response.custom_tool_call_input.delta`, with
 *   `response`.
 * The emitted type follows the source's type. Snapshots come from the same pure reducers as
 * `accumulateSnapshots()`, `accumulateChatCompletion()` and `accumulateResponse()`, and a value they cannot read
 * (built by hand) ends the stream with the same `SnapshotError`. It keeps one state per kind of stream: pipe each
 * stream through it before merging streams of one kind (merged first, their calls' snapshots would mix).
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
      const out = subscriber as unknown as Sink<unknown>;
      // One state per kind, created on first use: a merged stream of several kinds works too.
      const states = new Map<StreamKind, unknown>();
      return subscribeChained(source, subscriber, {
        next(value) {
          // One recognition step; the matched description accumulates the value and finds its tool calls.
          const protocol = protocolOf(value);
          if (protocol === undefined) return;
          const kind = protocol.kind;
          const accumulation = protocolAccumulations[kind] as ProtocolAccumulation<StreamValue, unknown, unknown>;
          try {
            const state = accumulation.reducer(states.has(kind) ? states.get(kind) : accumulation.initial, value);
            states.set(kind, state);
            accumulation.toolCallDeltas(value, state, out);
          } catch (error) {
            subscriber.error(unreadable(error, value));
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

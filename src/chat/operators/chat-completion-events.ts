import { concatMap, defer, type OperatorFunction } from 'rxjs';
import type { ChatCompletionChunk, ChatCompletionTokenLogprob } from '../../wire/chat.js';
import { unreadable } from '../../operators/reducing-operator.js';
import { detached } from '../../schema/json-values.js';
import { chatCompletionReducer, startsNewCompletion } from '../snapshot/reducer.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotChoice } from '../snapshot/state.js';
import { chunkChoices } from '../chunk-choices.js';

/**
 * A content fragment of a choice, with the choice's content so far (the SDK's `content.delta`).
 *
 * @example
 * e.snapshot.endsWith(e.delta)
 */
export interface ChatContentDeltaEvent {
  readonly type: 'content.delta';
  /** The choice it belongs to (the SDK's events do not say; with `n > 1` this tells them apart). */
  readonly choiceIndex: number;
  readonly delta: string;
  readonly snapshot: string;
}
/** A choice's content is complete (the SDK's `content.done`). @example save(e.choiceIndex, e.content) */
export interface ChatContentDoneEvent {
  readonly type: 'content.done';
  readonly choiceIndex: number;
  readonly content: string;
}
/** A refusal fragment of a choice, with the refusal so far (the SDK's `refusal.delta`). @example show(e.snapshot) */
export interface ChatRefusalDeltaEvent {
  readonly type: 'refusal.delta';
  readonly choiceIndex: number;
  readonly delta: string;
  readonly snapshot: string;
}
/** A choice's refusal is complete (the SDK's `refusal.done`). @example warn(e.refusal) */
export interface ChatRefusalDoneEvent {
  readonly type: 'refusal.done';
  readonly choiceIndex: number;
  readonly refusal: string;
}
/**
 * A fragment of a function tool call's arguments, with the arguments so far (the SDK's event).
 *
 * @example
 * show(e.name, e.arguments)
 */
export interface ChatToolCallArgumentsDeltaEvent {
  readonly type: 'tool_calls.function.arguments.delta';
  readonly choiceIndex: number;
  /** The tool call's index in the message's `tool_calls`. */
  readonly index: number;
  readonly name: string;
  /** The arguments text so far. */
  readonly arguments: string;
  /** The fragment that arrived ('' for a fragment without arguments). */
  readonly arguments_delta: string;
}
/** A function tool call's arguments are complete (the SDK's event). @example call(e.name, JSON.parse(e.arguments)) */
export interface ChatToolCallArgumentsDoneEvent {
  readonly type: 'tool_calls.function.arguments.done';
  readonly choiceIndex: number;
  readonly index: number;
  readonly name: string;
  readonly arguments: string;
}
/**
 * Content logprob tokens of a choice, with all so far (the SDK's `logprobs.content.delta`).
 *
 * @example
 * e.content[0]?.logprob
 */
export interface ChatLogprobsContentDeltaEvent {
  readonly type: 'logprobs.content.delta';
  readonly choiceIndex: number;
  readonly content: readonly ChatCompletionTokenLogprob[];
  readonly snapshot: readonly ChatCompletionTokenLogprob[];
}
/** A choice's content logprobs are complete (the SDK's `logprobs.content.done`). @example e.content.length */
export interface ChatLogprobsContentDoneEvent {
  readonly type: 'logprobs.content.done';
  readonly choiceIndex: number;
  readonly content: readonly ChatCompletionTokenLogprob[];
}
/**
 * Refusal logprob tokens of a choice, with all so far (the SDK's `logprobs.refusal.delta`).
 *
 * @example
 * e.refusal[0]?.token
 */
export interface ChatLogprobsRefusalDeltaEvent {
  readonly type: 'logprobs.refusal.delta';
  readonly choiceIndex: number;
  readonly refusal: readonly ChatCompletionTokenLogprob[];
  readonly snapshot: readonly ChatCompletionTokenLogprob[];
}
/** A choice's refusal logprobs are complete (the SDK's `logprobs.refusal.done`). @example e.refusal.length */
export interface ChatLogprobsRefusalDoneEvent {
  readonly type: 'logprobs.refusal.done';
  readonly choiceIndex: number;
  readonly refusal: readonly ChatCompletionTokenLogprob[];
}

/**
 * The events of the official SDK's `ChatCompletionStream` (`stream.on('content.delta', ...)` and friends) as
 * values, discriminated by `type` (the SDK's event names), each with the `choiceIndex` it belongs to.
 *
 * @example
 * function show(e: ChatCompletionStreamEvent) {
 *   if (e.type === 'content.delta') process.stdout.write(e.delta);
 * }
 */
export type ChatCompletionStreamEvent =
  | ChatContentDeltaEvent
  | ChatContentDoneEvent
  | ChatRefusalDeltaEvent
  | ChatRefusalDoneEvent
  | ChatToolCallArgumentsDeltaEvent
  | ChatToolCallArgumentsDoneEvent
  | ChatLogprobsContentDeltaEvent
  | ChatLogprobsContentDoneEvent
  | ChatLogprobsRefusalDeltaEvent
  | ChatLogprobsRefusalDoneEvent;

/**
 * The `type` of a {@link ChatCompletionStreamEvent}.
 *
 * @example
 * const type: ChatCompletionStreamEventType = 'content.delta';
 */
export type ChatCompletionStreamEventType = ChatCompletionStreamEvent['type'];

/** What has been announced of one choice: which `done` events fired, and which tool call is streaming. */
interface ChoiceProgress {
  contentDone: boolean;
  refusalDone: boolean;
  logprobsContentDone: boolean;
  logprobsRefusalDone: boolean;
  currentToolCall: number | undefined;
  doneToolCalls: Set<number>;
}

const NO_EVENTS: readonly ChatCompletionStreamEvent[] = /* @__PURE__ */ Object.freeze([]);

/**
 * Emits the official SDK's `ChatCompletionStream` events (openai 7.x) as typed values, with its firing rules:
 * - `content.delta` / `refusal.delta` for each non-null fragment once the choice has non-empty content / a
 *   refusal (with the text so far), `logprobs.content.delta` / `logprobs.refusal.delta` for each token array
 *   (with all tokens so far), `tool_calls.function.arguments.delta` for each fragment of a function call (with
 *   the arguments so far; custom tool calls have no events);
 * - `content.done`, `refusal.done` and the logprobs `done` events once each, when the choice gets its
 *   `finish_reason` or starts a tool call; `content.done` fires for empty content (`""`) too unless the message
 *   has a refusal, tool calls or a function call;
 * - `tool_calls.function.arguments.done` for the call that was streaming whenever another one starts (so
 *   interleaved parallel calls announce a call at every switch, with its arguments so far), and a last time, once
 *   for good, when the choice finishes.
 *
 * Pass event types to keep only those (the result is narrowed). One value per event, in the SDK's order; events
 * of all choices come interleaved, each with its `choiceIndex`. A stream of several completions (the chunks of
 * `runChatTools()`'s turns, say) is read one completion at a time, as the SDK's runner reads it: a chunk whose
 * non-empty `id` differs from the completion's starts the next one when it opens a message or that completion
 * finished (see `chatCompletionReducer`), whose choices
 * start anew (its content does not continue the previous one's, and each completion has its own `done` events).
 * The `done` events of a completion fire at its finish, so before the next one's first event; a completion that
 * never finished gets none, as at the end of a stream (and as in the SDK's per-completion stream). Deliberate differences: no `parsed` /
 * `parsed_arguments` fields (this library does not parse structured outputs), no `chunk` / `content` events
 * (use the chunks, or `accumulateChatCompletion()`, or `textDeltas()`), and a tool call that never got a `type`
 * is not announced (the SDK fails the stream there). With `logprobs: true`, each `logprobs.*.delta` event holds its
 * own list of every token so far (the SDK gives one list it keeps growing), so a long answer costs time in the
 * square of its length (`node bench/logprobs.mjs`).
 *
 * Built from RxJS operators with one state per subscription: `take(1)` stops the source at once. A chunk it cannot
 * read (built by hand, without the fields the library's sources check) ends the stream with a `SnapshotError` that
 * shows it, after the events before it.
 *
 * @example
 * import { chatCompletionEvents } from 'rx-openai-stream';
 *
 * chunks$.pipe(chatCompletionEvents('content.delta', 'tool_calls.function.arguments.done')).subscribe((e) => {
 *   if (e.type === 'content.delta') process.stdout.write(e.delta);
 *   else callTool(e.name, JSON.parse(e.arguments));
 * });
 */
export function chatCompletionEvents(): OperatorFunction<ChatCompletionChunk, ChatCompletionStreamEvent>;
/**
 * Emits only the events of the given types, typed as those (see the first signature for the rules).
 *
 * @example
 * chunks$.pipe(chatCompletionEvents('content.delta')).subscribe((e) => process.stdout.write(e.delta));
 */
export function chatCompletionEvents<K extends ChatCompletionStreamEventType>(
  ...types: [K, ...K[]]
): OperatorFunction<ChatCompletionChunk, Extract<ChatCompletionStreamEvent, { type: K }>>;
/**
 * The implementation of the signatures above: every event, or only those of `types` when some are given.
 *
 * @example
 * chunks$.pipe(chatCompletionEvents()).subscribe((e) => console.log(e.type, e.choiceIndex));
 */
export function chatCompletionEvents(
  ...types: ChatCompletionStreamEventType[]
): OperatorFunction<ChatCompletionChunk, ChatCompletionStreamEvent> {
  const wanted: ReadonlySet<string> | undefined = types.length > 0 ? new Set(types) : undefined;
  const on = (type: ChatCompletionStreamEventType) => wanted === undefined || wanted.has(type);
  return (source) =>
    defer(() => {
      // One subscription's state: the snapshot so far and what has been announced of each choice.
      let snapshot: ChatCompletionSnapshot | undefined;
      const progress: ChoiceProgress[] = [];
      const progressOf = (index: number): ChoiceProgress =>
        (progress[index] ??= {
          contentDone: false,
          refusalDone: false,
          logprobsContentDone: false,
          logprobsRefusalDone: false,
          currentToolCall: undefined,
          doneToolCalls: new Set(),
        });
      let out: ChatCompletionStreamEvent[] = [];
      const emit = (event: ChatCompletionStreamEvent) => {
        if (on(event.type)) out.push(event);
      };

      const contentDone = (choice: ChatCompletionSnapshotChoice) => {
        const state = progressOf(choice.index);
        const { message, logprobs } = choice;
        const choiceIndex = choice.index;
        const { content, refusal } = message;
        if (
          content != null &&
          (content !== '' || (!refusal && !message.tool_calls?.length && !message.function_call)) &&
          !state.contentDone
        ) {
          state.contentDone = true;
          emit({ type: 'content.done', choiceIndex, content });
        }
        if (refusal && !state.refusalDone) {
          state.refusalDone = true;
          emit({ type: 'refusal.done', choiceIndex, refusal });
        }
        if (logprobs?.content && !state.logprobsContentDone) {
          state.logprobsContentDone = true;
          emit({ type: 'logprobs.content.done', choiceIndex, content: logprobs.content });
        }
        if (logprobs?.refusal && !state.logprobsRefusalDone) {
          state.logprobsRefusalDone = true;
          emit({ type: 'logprobs.refusal.done', choiceIndex, refusal: logprobs.refusal });
        }
      };

      const toolCallDone = (choice: ChatCompletionSnapshotChoice, index: number) => {
        const state = progressOf(choice.index);
        if (state.doneToolCalls.has(index)) return;
        const call = choice.message.tool_calls?.[index];
        if (call?.type !== 'function') return;
        // Only the choice's end makes it final: until then every switch away from the call announces it again.
        if (choice.finish_reason) state.doneToolCalls.add(index);
        emit({
          type: 'tool_calls.function.arguments.done',
          choiceIndex: choice.index,
          index,
          name: call.function?.name ?? '',
          arguments: call.function?.arguments ?? '',
        });
      };

      const eventsOf = (chunk: ChatCompletionChunk): readonly ChatCompletionStreamEvent[] => {
        // A chunk of another completion: a new snapshot, whose choices start unannounced.
        const another = snapshot !== undefined && startsNewCompletion(snapshot, chunk);
        if (another) progress.length = 0;
        snapshot = chatCompletionReducer(another ? undefined : snapshot, chunk);
        out = [];
        for (const chunkChoice of chunkChoices(chunk)) {
          const choice = snapshot.choices[chunkChoice.index]!;
          const { delta } = chunkChoice;
          const message = choice.message;
          const choiceIndex = choice.index;
          const assistant = message.role === 'assistant';
          if (delta?.content != null && assistant && message.content) {
            emit({ type: 'content.delta', choiceIndex, delta: delta.content, snapshot: message.content });
          }
          if (delta?.refusal != null && assistant && message.refusal) {
            emit({ type: 'refusal.delta', choiceIndex, delta: delta.refusal, snapshot: message.refusal });
          }
          // The delta's entries copied: the chunk's own reach every subscription of a shared stream.
          const logprobs = chunkChoice.logprobs;
          if (logprobs?.content != null && assistant) {
            const snapshot = choice.logprobs?.content ?? [];
            emit({ type: 'logprobs.content.delta', choiceIndex, content: detached(logprobs.content), snapshot });
          }
          if (logprobs?.refusal != null && assistant) {
            const snapshot = choice.logprobs?.refusal ?? [];
            emit({ type: 'logprobs.refusal.delta', choiceIndex, refusal: detached(logprobs.refusal), snapshot });
          }

          const state = progressOf(choiceIndex);
          if (choice.finish_reason) {
            contentDone(choice);
            if (state.currentToolCall !== undefined) toolCallDone(choice, state.currentToolCall);
          }
          const fragments = delta?.tool_calls ?? [];
          for (const fragment of fragments) {
            if (state.currentToolCall !== fragment.index) {
              contentDone(choice);
              // Another tool call started: the one before is done (for now).
              if (state.currentToolCall !== undefined) toolCallDone(choice, state.currentToolCall);
            }
            state.currentToolCall = fragment.index;
          }
          for (const fragment of fragments) {
            const call = message.tool_calls?.[fragment.index];
            if (call?.type !== 'function') continue;
            emit({
              type: 'tool_calls.function.arguments.delta',
              choiceIndex,
              index: fragment.index,
              name: call.function?.name ?? '',
              arguments: call.function?.arguments ?? '',
              arguments_delta: fragment.function?.arguments ?? '',
            });
          }
        }
        return out.length === 0 ? NO_EVENTS : out;
      };

      return source.pipe(
        concatMap((chunk) => {
          try {
            return eventsOf(chunk);
          } catch (error) {
            // A chunk built by hand without what the sources check: a typed error that shows it.
            throw unreadable(error, chunk);
          }
        }),
      );
    });
}

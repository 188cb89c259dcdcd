import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { MissingRunError, StreamTimeoutError } from '../../errors/stream-errors.js';
import { isSettledRunStatus } from '../run-statuses.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { Message, RunStep } from '../../wire/assistants.js';
import { assistantStreamReducer, findById } from '../snapshot/reducer.js';
import { type AssistantStreamState, initialAssistantStreamState } from '../snapshot/state.js';
import type { AssistantStreamHandler } from './assistant-stream-handler.js';
import { publishState } from './assistant-event-handler.js';
import { subscribeChained } from '../../operators/subscribe-chained.js';

/**
 * Calls the handler's callbacks as events arrive, with the official SDKs' firing rules and arguments, and passes
 * every event through unchanged. The RxJS counterpart of `stream.on('textDelta', ...)` and of Python's
 * `AssistantEventHandler`.
 *
 * Firing rules (as in both official SDKs): `onEvent` first for every event. A content block's or tool call's
 * "created" fires on the first delta with a new `index`; "done" fires when a delta for another index arrives,
 * when the message or run step ends, or (tool calls) when the run reaches `requires_action` or a final state.
 * For text, the order on a new block is `onTextCreated`, `onMessageDelta`, `onTextDelta`, then the previous
 * block's `onTextDone`; for tool calls, the first fragment fires `onToolCallCreated` (after the previous call's
 * `onToolCallDone`) and later fragments `onToolCallDelta`. Unlike the SDKs, block and tool-call tracking is kept
 * per message and per run step, so merged streams of several runs fire correctly, and "done" callbacks receive
 * the server's final objects when the stream carries them.
 *
 * A callback that throws ends the stream with that error (as `tap` does), after `onException`. A stream that
 * completes while its (latest) run has not settled (a `[DONE]` too soon) ends with a `MissingRunError`, after
 * `onException` and `onEnd`, as the SDK reports it; a stream that carried no run completes as it came.
 *
 * @example
 * import { handleEvents, untilDone } from 'rx-openai-stream';
 *
 * events$.pipe(
 *   handleEvents({
 *     onTextCreated: () => process.stdout.write('\nassistant > '),
 *     onTextDelta: (delta) => process.stdout.write(delta.value ?? ''),
 *     onToolCallCreated: (call) => process.stdout.write(`\nassistant > ${call.type}\n`),
 *     onEnd: () => console.log('\n[done]'),
 *   }),
 *   untilDone(),
 * ).subscribe();
 */
export function handleEvents(handler: AssistantStreamHandler): MonoTypeOperatorFunction<AssistantStreamEvent> {
  return (source) =>
    new Observable<AssistantStreamEvent>((out) => {
      let state = initialAssistantStreamState;
      // The content block index each streaming message is on, and the tool call index each run step is on.
      const currentBlock = new Map<string, number>();
      const currentToolCall = new Map<string, number>();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        handler.onEnd?.();
      };
      // Set while an event's callbacks run: a consumer that stops from one of them (`unsubscribe()` in
      // `onToolCallDone`) gets the rest of that event's callbacks first, then `onEnd`, the last one (as the SDK does).
      let dispatching = false;
      let endAfterDispatch = false;

      const subscription = subscribeChained(source, out, {
        next(event) {
          dispatching = true;
          try {
            const previous = state;
            state = assistantStreamReducer(previous, event);
            // As the SDK's `event`: the event is the current one, the snapshots are still those before it.
            if (handler.onEvent) {
              publishState(handler, previous, event);
              handler.onEvent(event);
            }
            // At a message's end, its done callbacks still see it as the current message (the SDK's order).
            const ending = event.event === 'thread.message.completed' || event.event === 'thread.message.incomplete';
            const message = ending ? (findById(state.messages, event.data.id) ?? event.data) : undefined;
            publishState(handler, message ? { ...state, currentMessageSnapshot: message } : state);
            fire(handler, event, state, previous, currentBlock, currentToolCall);
            if (ending) publishState(handler, state);
          } catch (error) {
            dispatching = false;
            // Stopped from a callback before this one threw: the subscriber is gone, the error goes nowhere.
            return endAfterDispatch ? end() : fail(error);
          }
          dispatching = false;
          if (endAfterDispatch) return end();
          out.next(event);
        },
        error: (error: unknown) => fail(error),
        complete() {
          // The stream's (latest) run never settled: it ended early, at a `[DONE]` that came too soon. The SDK's
          // stream reports that as its error too; `finalRun()` and the other finals fail alike.
          const run = state.currentRun;
          if (run !== undefined && !isSettledRunStatus(run.status)) return fail(new MissingRunError(run.status));
          end();
          out.complete();
        },
      });

      // The stream's error, or what a callback threw on the way (as with `tap`); `onEnd` runs in any case.
      function fail(error: unknown) {
        // The first callback that throws gives the stream's error (even one that throws the error it was given).
        let failure: { readonly thrown: unknown } | undefined;
        try {
          if (error instanceof StreamTimeoutError) handler.onTimeout?.();
          else handler.onException?.(error);
        } catch (thrown) {
          failure = { thrown };
        }
        try {
          end();
        } catch (thrown) {
          failure ??= { thrown };
        }
        out.error(failure === undefined ? error : failure.thrown);
      }

      return () => {
        subscription.unsubscribe();
        if (dispatching) endAfterDispatch = true;
        else end();
      };
    });
}

function fire(
  handler: AssistantStreamHandler,
  event: AssistantStreamEvent,
  state: AssistantStreamState,
  previous: AssistantStreamState,
  currentBlock: Map<string, number>,
  currentToolCall: Map<string, number>,
): void {
  switch (event.event) {
    case 'thread.message.created':
      handler.onMessageCreated?.(event.data);
      return;
    case 'thread.message.delta': {
      const { id, delta } = event.data;
      const message = state.currentMessageSnapshot!;
      const before = findById(previous.messages, id)!;
      const contents = delta.content ?? [];
      contents.forEach((content, at) => {
        const block = message.content[content.index];
        // Once per new block, whatever number of entries of this delta are for it (a relay may merge two).
        const first = contents.findIndex((other) => other.index === content.index) === at;
        if (first && before.content[content.index] === undefined && block?.type === 'text') handler.onTextCreated?.(block.text);
      });
      handler.onMessageDelta?.(delta, message);
      for (const content of contents) {
        if (content.type === 'text' && content.text) {
          const block = message.content[content.index];
          if (block?.type === 'text') handler.onTextDelta?.(content.text, block.text);
        }
        const current = currentBlock.get(id);
        if (content.index !== current) {
          if (current !== undefined) blockDone(handler, message.content[current], message);
          currentBlock.set(id, content.index);
        }
      }
      return;
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete': {
      const current = currentBlock.get(event.data.id);
      if (current !== undefined) blockDone(handler, event.data.content[current], event.data);
      currentBlock.delete(event.data.id);
      handler.onMessageDone?.(event.data);
      return;
    }
    case 'thread.run.step.created':
      handler.onRunStepCreated?.(event.data);
      return;
    case 'thread.run.step.delta': {
      const { id, delta } = event.data;
      const step = state.currentRunStepSnapshot!;
      const details = delta.step_details;
      if (details?.type === 'tool_calls' && details.tool_calls && step.step_details.type === 'tool_calls') {
        const calls = step.step_details.tool_calls;
        for (const call of details.tool_calls) {
          const current = currentToolCall.get(id);
          if (call.index === current) {
            handler.onToolCallDelta?.(call, calls[call.index]!);
          } else {
            if (current !== undefined && calls[current]) handler.onToolCallDone?.(calls[current]);
            currentToolCall.set(id, call.index);
            if (calls[call.index]) handler.onToolCallCreated?.(calls[call.index]!);
          }
        }
      }
      handler.onRunStepDelta?.(delta, step);
      return;
    }
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      toolCallDone(handler, event.data.id, currentToolCall, previous, event.data);
      handler.onRunStepDone?.(event.data, event.data);
      return;
    }
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelled':
    case 'thread.run.expired': {
      // The run stopped: the tool call still open in any of its steps is done.
      for (const stepId of [...currentToolCall.keys()]) {
        const step = findById(state.runSteps, stepId);
        // (A step without its `run_id`, from a server that leaves it out, is taken for this run's.)
        if (step !== undefined && (step.run_id === undefined || step.run_id === event.data.id)) {
          toolCallDone(handler, stepId, currentToolCall, state);
        }
      }
      return;
    }
    default:
      return;
  }
}

function blockDone(handler: AssistantStreamHandler, block: Message['content'][number] | undefined, message: Message) {
  if (block?.type === 'text') handler.onTextDone?.(block.text, message);
  else if (block?.type === 'image_file') handler.onImageFileDone?.(block.image_file, message);
}

/** Fires `onToolCallDone` for the open tool call of a run step, preferring the server's final form of it. */
function toolCallDone(
  handler: AssistantStreamHandler,
  stepId: string,
  currentToolCall: Map<string, number>,
  state: AssistantStreamState,
  finalStep?: RunStep,
) {
  const index = currentToolCall.get(stepId);
  if (index === undefined) return;
  currentToolCall.delete(stepId);
  const accumulated = findById(state.runSteps, stepId);
  const fromFinal = finalStep?.step_details.type === 'tool_calls' ? finalStep.step_details.tool_calls[index] : undefined;
  const fromSnapshot =
    accumulated?.step_details.type === 'tool_calls' ? accumulated.step_details.tool_calls[index] : undefined;
  const call = fromFinal ?? fromSnapshot;
  if (call) handler.onToolCallDone?.(call);
}

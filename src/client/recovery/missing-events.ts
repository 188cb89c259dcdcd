import { findById } from '../../assistants/snapshot/reducer.js';
import type { AssistantStreamEvent } from '../../wire/assistant-events.js';
import type { DeliveredState } from './delivered-events.js';
import type { Message, MessageContentDelta, Run, RunStep } from '../../wire/assistants.js';

/**
 * The events a cut stream did not deliver, given what it did deliver (`state`) and the run, its steps and its
 * messages as the server has them now. Applying them to `state` ends with the server's objects: text that was
 * missing arrives as one `thread.message.delta` per message (so `textDeltas()` sees all of it), then each
 * message's and step's final event, then the run's. Nothing already received is repeated: a message or step the
 * stream had completed gets nothing, and a delta carries only the text after what was received.
 *
 * Pure: the same inputs give the same events.
 *
 * @internal
 * @example
 * const events = missingEvents(stateWhenCut, finalRun, stepsAsc, messagesAsc);
 */
export function missingEvents(
  state: DeliveredState,
  run: Run,
  steps: readonly RunStep[],
  messages: readonly Message[],
): AssistantStreamEvent[] {
  const events: AssistantStreamEvent[] = [];
  const messagesById = new Map(messages.map((message) => [message.id, message]));
  const done = new Set<string>();

  for (const step of steps) {
    if (step.run_id !== run.id) continue;
    const seen = findById(state.runSteps, step.id);
    if (!seen) events.push({ event: 'thread.run.step.created', data: { ...step, status: 'in_progress' } });
    if (step.step_details.type === 'message_creation') {
      const message = messagesById.get(step.step_details.message_creation.message_id);
      if (message) {
        events.push(...messageEvents(state, message));
        done.add(message.id);
      }
    }
    if (step.status !== 'in_progress' && seen?.status !== step.status) {
      events.push({ event: `thread.run.step.${step.status}`, data: step } as AssistantStreamEvent);
    }
  }
  for (const message of messages) {
    if (message.run_id === run.id && !done.has(message.id)) events.push(...messageEvents(state, message));
  }
  const seenRun = findById(state.runs, run.id);
  if (seenRun?.status !== run.status) events.push({ event: `thread.run.${run.status}`, data: run } as AssistantStreamEvent);
  return events;
}

function messageEvents(state: DeliveredState, message: Message): AssistantStreamEvent[] {
  const seen = findById(state.messages, message.id);
  if (seen && seen.status !== 'in_progress') return [];
  const events: AssistantStreamEvent[] = [];
  if (!seen) {
    events.push({
      event: 'thread.message.created',
      data: { ...message, status: 'in_progress', content: [], completed_at: null, incomplete_at: null },
    });
  }
  const have = seen?.content ?? [];
  const content: MessageContentDelta[] = [];
  message.content.forEach((block, index) => {
    const had = have[index];
    if (block.type === 'text') {
      const received = had?.type === 'text' ? (had.text?.value ?? '') : '';
      const full = block.text.value;
      if (full.length > received.length && full.startsWith(received)) {
        content.push({ index, type: 'text', text: { value: full.slice(received.length) } });
      }
    } else if (had === undefined) {
      content.push({ index, ...block } as MessageContentDelta);
    }
  });
  if (content.length > 0) {
    events.push({
      event: 'thread.message.delta',
      data: { id: message.id, object: 'thread.message.delta', delta: { content } },
    });
  }
  if (message.status !== 'in_progress') {
    events.push({ event: `thread.message.${message.status}`, data: message } as AssistantStreamEvent);
  }
  return events;
}

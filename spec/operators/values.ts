/** Small values of the three kinds of stream, for operator tests. */
import type { AssistantStreamEvent, ChatCompletionChunk, ResponseStreamEvent } from '../../src/index';
import { ev, message, run, step, textDelta, toolDelta } from '../helpers/events';
import { response } from '../responses/stream';

// ---- Assistants ----
export const runCreated = ev('thread.run.created', run('run_1', 'queued'));
export const runInProgress = ev('thread.run.in_progress', run('run_1', 'in_progress'));
export const messageCreated = ev('thread.message.created', message('msg_1', 'in_progress'));
export const hel: AssistantStreamEvent = textDelta('msg_1', [0, 'Hel']);
export const lo: AssistantStreamEvent = textDelta('msg_1', [0, 'lo']);
export const stepCreated = ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
export const callStart = toolDelta('step_1', { index: 0, id: 'call_1', name: 'f', args: '' });
export const callArgs = toolDelta('step_1', { index: 0, args: '{}' });
export const runCompleted = ev('thread.run.completed', run('run_1', 'completed'));
export const runRequiresAction = ev('thread.run.requires_action', run('run_1', 'requires_action'));

// ---- Chat Completions ----
export function chunk(choices: Array<Partial<ChatCompletionChunk['choices'][number]>>, extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: choices.map((c) => ({ index: 0, delta: {}, logprobs: null, finish_reason: null, ...c })),
    ...extra,
  } as ChatCompletionChunk;
}
export const chatRole = chunk([{ delta: { role: 'assistant', content: '' } }]);
export const chatHel = chunk([{ delta: { content: 'Hel' } }]);
export const chatLo = chunk([{ delta: { content: 'lo' } }]);
export const chatStop = chunk([{ delta: {}, finish_reason: 'stop' }]);
export const chatUsage = chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
export const chatTwoChoices = chunk([
  { index: 0, delta: { content: 'A' } },
  { index: 1, delta: { content: 'B' } },
]);
export const chatCallStart = chunk([
  { delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] } },
]);
export const chatCallArgs = chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] } }]);

// ---- Responses ----
export const responseCreated = { type: 'response.created', sequence_number: 0, response: response('in_progress') } as ResponseStreamEvent;
export const messageAdded = {
  type: 'response.output_item.added',
  sequence_number: 1,
  output_index: 0,
  item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] },
} as ResponseStreamEvent;
export const partAdded = {
  type: 'response.content_part.added',
  sequence_number: 2,
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
  part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
} as ResponseStreamEvent;
export const textDeltaEvent = (delta: string): ResponseStreamEvent =>
  ({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta, logprobs: [], sequence_number: 3 }) as ResponseStreamEvent;
export const functionAdded = {
  type: 'response.output_item.added',
  sequence_number: 4,
  output_index: 1,
  item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '', status: 'in_progress' },
} as ResponseStreamEvent;
export const argsDelta = (delta: string): ResponseStreamEvent =>
  ({ type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta, sequence_number: 5 }) as ResponseStreamEvent;
export const responseCompleted = { type: 'response.completed', sequence_number: 9, response: response('completed') } as ResponseStreamEvent;

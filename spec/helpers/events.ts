import type { AssistantStreamEvent, Message, Run, RunStep } from '../../src/index';

/** A run object as the API sends it. */
export function run(id: string, status: Run['status'], extra: Partial<Run> = {}): Run {
  return {
    id,
    object: 'thread.run',
    created_at: 1,
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    status,
    started_at: null,
    expires_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: '',
    tools: [],
    metadata: {},
    usage: null,
    temperature: 1,
    top_p: 1,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...extra,
  } as Run;
}

/** A message object; `content` defaults to none (as at creation). */
export function message(id: string, status: Message['status'], content: Message['content'] = [], runId = 'run_1'): Message {
  return {
    id,
    object: 'thread.message',
    created_at: 1,
    thread_id: 'thread_1',
    status,
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content,
    assistant_id: 'asst_1',
    run_id: runId,
    attachments: [],
    metadata: {},
  } as Message;
}

/** A text content block. */
export const textBlock = (value: string) => ({ type: 'text' as const, text: { value, annotations: [] } });

/** A run step of `type`, with tool calls for `tool_calls` steps. */
export function step(id: string, status: RunStep['status'], details: RunStep['step_details'], runId = 'run_1'): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: 1,
    assistant_id: 'asst_1',
    thread_id: 'thread_1',
    run_id: runId,
    type: details.type,
    status,
    step_details: details,
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
  } as RunStep;
}

export const ev = <E extends AssistantStreamEvent['event']>(event: E, data: Extract<AssistantStreamEvent, { event: E }>['data']) =>
  ({ event, data }) as AssistantStreamEvent;

/** A `thread.message.delta` with text fragments at the given content indexes. */
export function textDelta(messageId: string, ...parts: Array<[index: number, value: string]>): AssistantStreamEvent {
  return ev('thread.message.delta', {
    id: messageId,
    object: 'thread.message.delta',
    delta: { content: parts.map(([index, value]) => ({ index, type: 'text' as const, text: { value } })) },
  });
}

/** A `thread.run.step.delta` with function tool call fragments. */
export function toolDelta(
  stepId: string,
  ...calls: Array<{ index: number; id?: string; name?: string; args?: string }>
): AssistantStreamEvent {
  return ev('thread.run.step.delta', {
    id: stepId,
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: calls.map((c) => ({
          index: c.index,
          type: 'function' as const,
          ...(c.id ? { id: c.id } : {}),
          function: { ...(c.name ? { name: c.name } : {}), arguments: c.args ?? '' },
        })),
      },
    },
  });
}

/** SSE text of events, with `[DONE]` at the end unless `done` is false. */
export function sse(events: readonly AssistantStreamEvent[], done = true): string {
  const body = events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
  return done ? `${body}event: done\ndata: [DONE]\n\n` : body;
}

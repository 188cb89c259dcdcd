/** Responses event sequences and Chat Completions chunk sequences carrying structured outputs, as the APIs send them. */
import { z } from 'zod';
import type { ChatCompletionChunk, ResponseStreamEvent } from '../../src/index';
import { zodTool } from '../../src/structured';
import { encode } from '../helpers/bytes';
import { response } from '../responses/stream';

/** What JSON.stringify sends of a value: the wire form (the SDK's helpers attach non-enumerable parsers, left out). */
export function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Cuts text into pieces of `size` characters (the way deltas arrive, token by token). */
export function pieces(text: string, size = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * A Responses stream whose message answers `deltas` as output text: created, item added, part added, the deltas,
 * text done, part done, item done, and `response.completed` (or `end`).
 */
export function responseTextEvents(
  deltas: readonly string[],
  options: { end?: ResponseStreamEvent | null; phase?: string; before?: ResponseStreamEvent[] } = {},
): ResponseStreamEvent[] {
  let seq = 0;
  const e = (event: object) => ({ ...event, sequence_number: seq++ }) as ResponseStreamEvent;
  const text = deltas.join('');
  const part = (value: string) => ({ type: 'output_text', text: value, annotations: [], logprobs: [] });
  const item = (status: string, content: object[]) => ({
    type: 'message',
    id: 'msg_1',
    status,
    role: 'assistant',
    content,
    ...(options.phase ? { phase: options.phase } : {}),
  });
  const doneItem = item('completed', [part(text)]);
  return [
    e({ type: 'response.created', response: response('in_progress') }),
    ...(options.before ?? []).map(e),
    e({ type: 'response.output_item.added', output_index: 0, item: item('in_progress', []) }),
    e({ type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: part('') }),
    ...deltas.map((delta) =>
      e({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta, logprobs: [] }),
    ),
    e({ type: 'response.output_text.done', item_id: 'msg_1', output_index: 0, content_index: 0, text, logprobs: [] }),
    e({ type: 'response.content_part.done', item_id: 'msg_1', output_index: 0, content_index: 0, part: part(text) }),
    e({ type: 'response.output_item.done', output_index: 0, item: doneItem }),
    ...(options.end === null
      ? []
      : [options.end ?? e({ type: 'response.completed', response: response('completed', [doneItem as never]) })]),
  ];
}

/** A Responses stream where the model refuses. */
export function responseRefusalEvents(refusal: readonly string[]): ResponseStreamEvent[] {
  let seq = 0;
  const e = (event: object) => ({ ...event, sequence_number: seq++ }) as ResponseStreamEvent;
  const whole = refusal.join('');
  const item = (status: string, content: object[]) => ({ type: 'message', id: 'msg_1', status, role: 'assistant', content });
  return [
    e({ type: 'response.created', response: response('in_progress') }),
    e({ type: 'response.output_item.added', output_index: 0, item: item('in_progress', []) }),
    e({ type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'refusal', refusal: '' } }),
    ...refusal.map((delta) => e({ type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta })),
    e({ type: 'response.refusal.done', item_id: 'msg_1', output_index: 0, content_index: 0, refusal: whole }),
    e({ type: 'response.completed', response: response('completed') }),
  ];
}

/** A Responses stream of function calls (one output item each, arguments in `deltas`). */
export function responseFunctionCallEvents(
  calls: ReadonlyArray<{ name: string; callId: string; deltas: readonly string[] }>,
): ResponseStreamEvent[] {
  let seq = 0;
  const e = (event: object) => ({ ...event, sequence_number: seq++ }) as ResponseStreamEvent;
  const out: ResponseStreamEvent[] = [e({ type: 'response.created', response: response('in_progress') })];
  calls.forEach((call, output_index) => {
    const id = `fc_${output_index}`;
    const item = (status: string, args: string) => ({ type: 'function_call', id, call_id: call.callId, name: call.name, arguments: args, status });
    const args = call.deltas.join('');
    out.push(e({ type: 'response.output_item.added', output_index, item: item('in_progress', '') }));
    for (const delta of call.deltas) out.push(e({ type: 'response.function_call_arguments.delta', item_id: id, output_index, delta }));
    out.push(e({ type: 'response.function_call_arguments.done', item_id: id, output_index, name: call.name, arguments: args }));
    out.push(e({ type: 'response.output_item.done', output_index, item: item('completed', args) }));
  });
  out.push(e({ type: 'response.completed', response: response('completed') }));
  return out;
}

/** A `response.incomplete` event with the given reason. */
export function responseIncomplete(reason: 'max_output_tokens' | 'content_filter'): ResponseStreamEvent {
  return {
    type: 'response.incomplete',
    sequence_number: 99,
    response: response('incomplete', [], { incomplete_details: { reason } }),
  } as ResponseStreamEvent;
}

/** A Chat Completions chunk of choice 0 (or the given choices). */
export function chunk(choices: Array<Partial<ChatCompletionChunk['choices'][number]>>): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    system_fingerprint: 'fp_1',
    choices: choices.map((c) => ({ index: 0, delta: {}, logprobs: null, finish_reason: null, ...c })),
  } as ChatCompletionChunk;
}

/** A Chat Completions stream answering `deltas` as content, then the finish chunk. */
export function chatContentChunks(deltas: readonly string[], finish: 'stop' | 'length' | 'content_filter' = 'stop'): ChatCompletionChunk[] {
  return [
    chunk([{ delta: { role: 'assistant', content: '', refusal: null } }]),
    ...deltas.map((content) => chunk([{ delta: { content } }])),
    chunk([{ delta: {}, finish_reason: finish }]),
  ];
}

/** The SSE bytes of chunks, ending with `data: [DONE]`. */
export function chatSse(chunks: readonly ChatCompletionChunk[]): Uint8Array {
  return encode(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n');
}

/**
 * A `lookup` tool that records each query it runs and answers `answer`, for the loops' tests of cut turns (which
 * must run none of the turn's calls).
 */
export function recordingLookup(answer: string) {
  const executed: string[] = [];
  const tool = zodTool({
    name: 'lookup',
    parameters: z.object({ query: z.string() }),
    execute: ({ query }) => {
      executed.push(query);
      return answer;
    },
  });
  return { executed, tool };
}

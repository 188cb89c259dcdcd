import { MissingCompletionError } from '../../errors/stream-errors.js';
import type { ChatCompletion } from '../../schema/chat/index.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotChoice, ChatCompletionSnapshotToolCall } from './state.js';

/**
 * Turns the last snapshot of a stream into the whole {@link ChatCompletion}, by the official SDK's rules (so the
 * result deep-equals its `finalChatCompletion()` on the same bytes, without the SDK's `parsed: null` fields):
 * `object` becomes `chat.completion`, every choice needs its `finish_reason` and `role`, a missing `content` or
 * `refusal` becomes `null`, tool calls lose their streaming `index`, `system_fingerprint` is kept when set, and the
 * other chunk-level fields (`usage`, `service_tier`, ...) are the latest seen. Pure: nothing is mutated.
 *
 * Throws {@link MissingCompletionError} when there was no chunk, or a choice lacks its `finish_reason` or `role`
 * (or a tool call its `type`, `function.name` or `function.arguments`), as the SDK does. A tool call without an
 * `id` gets a random `call_...` one, as in the SDK. Deliberate differences: a `usage: null` left by the chunks
 * is dropped (the type says `usage` is an object when present), and a choice or tool call whose `index` was
 * skipped fails instead of leaving a hole in the array.
 *
 * @example
 * const completion = finalizeChatCompletion(chunks.reduce(chatCompletionReducer, undefined));
 */
export function finalizeChatCompletion(snapshot: ChatCompletionSnapshot | undefined): ChatCompletion {
  if (snapshot === undefined) throw new MissingCompletionError('the stream carried no chunk');
  const { id, choices, created, model, system_fingerprint, ...rest } = snapshot;
  const finished: unknown[] = [];
  for (let i = 0; i < choices.length; i++) finished.push(finalizeChoice(choices[i], i));
  const { usage, ...others } = rest;
  return {
    ...others,
    ...(usage != null ? { usage } : {}),
    id,
    choices: finished,
    created,
    model,
    object: 'chat.completion',
    ...(system_fingerprint ? { system_fingerprint } : {}),
  } as ChatCompletion;
}

function finalizeChoice(choice: ChatCompletionSnapshotChoice | undefined, position: number): unknown {
  if (choice === undefined) throw new MissingCompletionError(`choice ${position} never arrived`, position);
  const { message, finish_reason, index, logprobs, ...choiceRest } = choice;
  const { content = null, function_call, tool_calls, audio, ...messageRest } = message;
  if (!finish_reason) throw new MissingCompletionError(`choice ${index} has no finish_reason`, index);
  // The API streams `assistant` here; the type of a whole message says so (as the SDK's does).
  const role = message.role;
  if (!role) throw new MissingCompletionError(`choice ${index} has no role`, index);
  const refusal = message.refusal ?? null;
  const audioPart = audio ? { audio } : {};

  if (function_call) {
    const { arguments: args, name } = function_call;
    if (args == null) throw new MissingCompletionError(`choice ${index} has no function_call.arguments`, index);
    if (!name) throw new MissingCompletionError(`choice ${index} has no function_call.name`, index);
    return {
      ...choiceRest,
      message: { ...audioPart, content, function_call: { arguments: args, name }, role, refusal },
      finish_reason,
      index,
      logprobs,
    };
  }
  if (tool_calls) {
    const calls: unknown[] = [];
    for (let i = 0; i < tool_calls.length; i++) calls.push(finalizeToolCall(tool_calls[i], index, i));
    return {
      ...choiceRest,
      index,
      finish_reason,
      logprobs,
      message: { ...messageRest, ...audioPart, role, content, refusal, tool_calls: calls },
    };
  }
  return {
    ...choiceRest,
    message: { ...messageRest, ...audioPart, content, role, refusal },
    finish_reason,
    index,
    logprobs,
  };
}

function finalizeToolCall(call: ChatCompletionSnapshotToolCall | undefined, choice: number, position: number): unknown {
  const where = `choices[${choice}].tool_calls[${position}]`;
  if (call === undefined) throw new MissingCompletionError(`${where} never arrived`, choice);
  const { function: fn, type, id, ...toolRest } = call;
  const { arguments: args, name, ...fnRest } = fn ?? {};
  if (type == null) throw new MissingCompletionError(`${where} has no type`, choice);
  if (name == null) throw new MissingCompletionError(`${where} has no function.name`, choice);
  if (args == null) throw new MissingCompletionError(`${where} has no function.arguments`, choice);
  return { ...toolRest, id: id || `call_${randomId()}`, type, function: { ...fnRest, name, arguments: args } };
}

function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
}

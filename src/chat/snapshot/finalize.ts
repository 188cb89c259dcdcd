import { MissingCompletionError } from '../../errors/stream-errors.js';
import type { ChatCompletion } from '../../wire/chat.js';
import { isAudioDone } from './reducer.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotChoice, ChatCompletionSnapshotToolCall } from './state.js';

/**
 * Turns the last snapshot of a stream into the whole {@link ChatCompletion}, by the official SDK's rules (so the
 * result deep-equals its `finalChatCompletion()` on the same bytes, without the SDK's `parsed: null` fields):
 * `object` becomes `chat.completion`, every choice needs its `finish_reason` and `role`, a missing `content` or
 * `refusal` becomes `null`, tool calls lose their streaming `index`, `system_fingerprint` is kept when set, and the
 * other chunk-level fields (`usage`, `service_tier`, Azure's `prompt_filter_results`, ...) are the latest seen.
 * A choice whose last delta was an audio chunk carrying only `expires_at` (with the audio complete) gets
 * `finish_reason: 'stop'` when none came, as in the SDK. Pure: nothing is mutated.
 *
 * Throws {@link MissingCompletionError} when there was no chunk or no choice, or a choice lacks its `finish_reason` or
 * `role` (or a tool call its `function.name` / `function.arguments`, or a custom call its `custom.name`), as the
 * SDK does. A tool call without an `id` gets a random `call_...` one, as in the SDK. Deliberate differences: a
 * choice or tool call whose `index` was skipped fails instead of leaving a hole in the array; a tool call without a
 * `type` (Mistral's API and vLLM send none) takes the one its fields tell (`function` with a `function` object, else
 * `custom` with a `custom` one), where the SDK fails; with neither, it fails as the SDK does.
 *
 * @example
 * const completion = finalizeChatCompletion(chunks.reduce(chatCompletionReducer, undefined));
 */
export function finalizeChatCompletion(snapshot: ChatCompletionSnapshot | undefined): ChatCompletion {
  if (snapshot === undefined) throw new MissingCompletionError('the stream carried no chunk');
  const { id, choices, created, model, system_fingerprint, ...rest } = snapshot;
  // Chunks without a choice (Azure's prompt filter results, a usage chunk) are no answer: the SDK refuses them too.
  if (choices.length === 0) throw new MissingCompletionError('the stream carried no choice');
  const finished: unknown[] = [];
  for (let i = 0; i < choices.length; i++) finished.push(finalizeChoice(choices[i], i));
  return {
    ...rest,
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
  // Audio answers can end with an `expires_at`-only chunk instead of a `finish_reason`.
  const finishReason =
    finish_reason ?? (isAudioDone(choice) && isCompleteAudio(audio) ? ('stop' as const) : null);
  if (!finishReason) throw new MissingCompletionError(`choice ${index} has no finish_reason`, index);
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
      finish_reason: finishReason,
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
      finish_reason: finishReason,
      logprobs,
      message: { ...messageRest, ...audioPart, role, content, refusal, tool_calls: calls },
    };
  }
  return {
    ...choiceRest,
    message: { ...messageRest, ...audioPart, content, role, refusal },
    finish_reason: finishReason,
    index,
    logprobs,
  };
}

function finalizeToolCall(call: ChatCompletionSnapshotToolCall | undefined, choice: number, position: number): unknown {
  const where = `choices[${choice}].tool_calls[${position}]`;
  if (call === undefined) throw new MissingCompletionError(`${where} never arrived`, choice);
  // Without a type (Mistral's API and vLLM send none), the call is what it carries: a function (read first, as
  // `parsedToolCalls()` reads it), else a custom tool's input.
  const type = call.type ?? (call.function != null ? 'function' : call.custom != null ? 'custom' : undefined);
  if (type == null) throw new MissingCompletionError(`${where} has no type`, choice);
  if (type === 'custom') {
    const { custom, type: _type, id, ...toolRest } = call;
    const { input = '', name, ...customRest } = custom ?? ({} as { input?: string; name?: string });
    if (name == null) throw new MissingCompletionError(`${where} has no custom.name`, choice);
    return { ...toolRest, id: id || `call_${randomId()}`, type, custom: { ...customRest, name, input } };
  }
  const { function: fn, type: _type, id, ...toolRest } = call;
  const { arguments: args, name, ...fnRest } = fn ?? {};
  if (name == null) throw new MissingCompletionError(`${where} has no function.name`, choice);
  if (args == null) throw new MissingCompletionError(`${where} has no function.arguments`, choice);
  return { ...toolRest, id: id || `call_${randomId()}`, type, function: { ...fnRest, name, arguments: args } };
}

function isCompleteAudio(audio: { id?: unknown; data?: unknown; transcript?: unknown; expires_at?: unknown } | undefined) {
  return audio?.id != null && audio.data != null && audio.transcript != null && audio.expires_at != null;
}

function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
}

import type { Observable } from 'rxjs';
import type { ChatCompletionStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readProtocol } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import type { ConformanceSchema } from '../sources/decode-json-event.js';
import type { FromSSEOptions } from '../sources/from-sse.js';
import type { ServerSentEvent } from '../sources/server-sent-event.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import { chatSource } from './protocol.js';

/**
 * Options of {@link chatCompletionChunks}: those of `fromSSE()` (buffer limit, comment and retry callbacks), and
 * `conformance` to check every chunk against a full schema.
 *
 * @example
 * chatCompletionChunks(response, { maxBufferSize: 1024 * 1024, onComment: () => markAlive() });
 *
 * // Opt-in: every chunk must conform to the OpenAPI description (and the bundle carries its zod schema).
 * import { ChatCompletionChunkSchema } from 'rx-openai-stream/schemas';
 * chatCompletionChunks(response, { conformance: ChatCompletionChunkSchema });
 */
export interface ChatCompletionChunksOptions extends FromSSEOptions {
  /**
   * A zod schema every chunk must satisfy too, such as `ChatCompletionChunkSchema` (the OpenAPI description's
   * chunk: required fields, enums). Without it (the default) only the fields the library reads are checked
   * (see `schema/chat/chunk-check.ts`): real streams (Azure OpenAI's among them) omit fields the description
   * marks required, send `null`s and new enum values, and all of that passes through untouched.
   */
  conformance?: ConformanceSchema | undefined;
  /**
   * Whether the stream must end with `data: [DONE]`, as the API's streams do (default `true`: a body that ends
   * without it is an `IncompleteStreamError`, a cut). `false` for a compatible server that ends its event stream
   * without `[DONE]`: the stream is then complete when its body ends after every choice it carried reported a
   * `finish_reason`, and still a cut when the body ends before that (no chunk, a choice unfinished). The usage chunk
   * of `include_usage`, after the last finish, is not waited for.
   *
   * @example
   * chatCompletionChunks(await fetch(localServerUrl, init), { requireDone: false }).pipe(textDeltas());
   */
  requireDone?: boolean | undefined;
}

/**
 * Turns a Chat Completions stream (`stream: true`) into an Observable of {@link ChatCompletionChunk}s.
 *
 * Accepts what `fromSSE()` accepts, or an Observable of {@link ServerSentEvent}s. Each `data:` line is parsed
 * and the fields the library reads are checked (a string `id`, a `choices` array, each choice's integer `index`,
 * string `finish_reason`, object `delta` with string `content` / `refusal` / `role`, tool call fragments with an
 * integer `index` and string `id` / `type` / `function.name` / `function.arguments`, ...; the full list is in
 * `schema/chat/chunk-check.ts`). Everything else passes untouched, whatever it holds: Azure OpenAI's filter
 * results and its first chunk with empty `id` / `object` / `model`, `null`s, unknown keys, new enum values. Pass
 * `{ conformance: ChatCompletionChunkSchema }` to also hold every chunk to the OpenAPI description. What is
 * emitted is the chunk's JSON as `JSON.parse` returns it, unknown fields included (content chunks that repeat the
 * previous one's text around their values are read without `JSON.parse`, into an equal object: see
 * `sources/json-template.ts`). A tool call fragment without `index` (Gemini's OpenAI-compatible endpoint and
 * mistral.rs send whole calls without one) is given one, in a copy of the chunk: the call its `id` names, the next
 * when it starts one (the first, or a named one with a new `id` or after a named call), else the last call's; a named
 * fragment at an `index` that holds a call of another `id` (Ollama 0.20 sends parallel calls all at 0) gets a call of
 * its own. The usage chunk of `include_usage` that some compatible servers write without `choices` (or with
 * `"choices": null`), where the API writes `[]`, is emitted as the API's: a copy with `choices: []`. A `delta.content`
 * that is a list of parts (Mistral's Magistral: `thinking` and `text` parts) is emitted as the API's too: a copy whose
 * `content` is the text parts' text and whose `reasoning_content` the thinking parts' (a part of another kind fails
 * the stream with {@link StreamParseError}).
 * - `data: [DONE]` completes the Observable (and releases the connection).
 * - A `data: {"error": {...}}` line (or an `event: error`) fails it with {@link ChatCompletionStreamError}.
 * - A body that ends without `[DONE]`, or a connection that breaks mid-stream, fails it with
 *   {@link IncompleteStreamError} (with `completionId` and the last `finishReason` seen): never a plain
 *   completion, so a cut answer is never mistaken for a whole one. For a compatible server that never sends
 *   `[DONE]`, `{ requireDone: false }` takes the end of the body after every choice finished as the end.
 * - Invalid JSON, a read field of the wrong kind, or (with `conformance`) a schema violation fails it with
 *   {@link StreamParseError} (with the `path` of the field and an excerpt).
 *
 * Cold: one subscription reads the body once; `share()` it to feed several operators.
 *
 * @example
 * import { share } from 'rxjs';
 * import { chatCompletionChunks, textDeltas, finalChatCompletion } from 'rx-openai-stream';
 *
 * const response = await fetch('https://api.openai.com/v1/chat/completions', {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
 * });
 * const chunks$ = chatCompletionChunks(response).pipe(share());
 * chunks$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 * chunks$.pipe(finalChatCompletion()).subscribe((completion) => save(completion));
 */
export function chatCompletionChunks(
  source: ByteSource | Observable<ServerSentEvent>,
  options: ChatCompletionChunksOptions = {},
): Observable<ChatCompletionChunk> {
  return readProtocol(chatSource, source, options);
}

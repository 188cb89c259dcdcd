import type { Observable } from 'rxjs';
import { chatCompletionCheck } from '../body-checks.js';
import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';
import type { RequestOptions } from '../options.js';
import { chatProtocol, type ChatStreamOptions } from '../protocols/chat.js';
import { readJSON } from '../readers.js';
import { streamCall } from '../stream-call.js';
import type { Transport } from '../transport.js';

export type { ChatStreamOptions } from '../protocols/chat.js';

/**
 * One message of a chat completion request: a `role`, its `content` and any other field (`name`, `tool_calls`,
 * `tool_call_id`, ...).
 *
 * @example
 * const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];
 */
export interface ChatCompletionMessageParam {
  role: string;
  content?: unknown;
  [field: string]: unknown;
}

/**
 * The body of a chat completion request: `model`, `messages` and any other parameter of the API.
 *
 * @example
 * client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temperature: 0 });
 */
export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatCompletionMessageParam[];
  [field: string]: unknown;
}

/**
 * What the chat calls read of a body, as a type without an index signature: a body of an interface type (the
 * official SDK's `ChatCompletionCreateParamsStreaming`, messages of an app's own interface or of a completion the
 * library gave) fits it, where it cannot fit {@link ChatCompletionCreateParams}. The calls take either.
 *
 * @example
 * declare const sdkParams: OpenAI.Chat.ChatCompletionCreateParamsStreaming;
 * client.chat.completions.stream(sdkParams);
 */
export interface ChatCompletionCreateFields {
  readonly model: string;
  /** Messages: literals, or values of interface types (`role` optional: a compatible server's message may lack one). */
  readonly messages: ReadonlyArray<ChatCompletionMessageParam | { readonly role?: string | undefined }>;
}

/**
 * `client.chat.completions`.
 *
 * @example
 * client.chat.completions.stream({ model: 'gpt-4o', messages }).pipe(textDeltas()).subscribe(print);
 */
export interface ChatCompletionsResource {
  /**
   * Streams a completion (`stream: true` is set for you) as chunks. With `fallbackToPolling` (the client
   * option, or per call), a stream that cannot be established becomes one non-streaming request whose result
   * is emitted as equivalent chunks. A stream that ends without `[DONE]` and a finish reason fails with
   * `IncompleteStreamError` (with `requireDone: false`, the client option or per call, for a compatible server
   * that never sends `[DONE]`: one that ends before every choice finished); retries happen only before the first
   * chunk.
   *
   * @example
   * client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
   *   .pipe(textDeltas())
   *   .subscribe((text) => process.stdout.write(text));
   */
  stream(params: ChatCompletionCreateParams | ChatCompletionCreateFields, options?: ChatStreamOptions): Observable<ChatCompletionChunk>;
  /**
   * One non-streaming completion. It has no chunks to iterate: use `stream()` for those.
   *
   * @example
   * client.chat.completions.create({ model: 'gpt-4o', messages }).subscribe((c) => console.log(c.choices[0].message.content));
   */
  create(params: ChatCompletionCreateParams | ChatCompletionCreateFields, options?: RequestOptions): Observable<ChatCompletion>;
}

/**
 * `client.chat`.
 *
 * @example
 * client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 */
export interface ChatResource {
  readonly completions: ChatCompletionsResource;
}

/**
 * Builds `client.chat` on a transport.
 *
 * @internal
 * @example
 * const chat = chatResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * chat.completions.stream({ model: 'gpt-4o', messages }).pipe(textDeltas()).subscribe(print);
 */
export function chatResource(transport: Transport): ChatResource {
  const create = (params: ChatCompletionCreateParams | ChatCompletionCreateFields, options?: RequestOptions) => {
    const { stream: _ignored, stream_options: _alsoIgnored, ...body } = params as unknown as Record<string, unknown>;
    void _ignored;
    void _alsoIgnored;
    return transport.request({ method: 'POST', path: '/chat/completions', body }, options, readJSON(chatCompletionCheck));
  };
  return {
    completions: {
      create,
      stream: (params, options) =>
        streamCall(transport, chatProtocol, { transport, body: params as unknown as Record<string, unknown>, options, create: (callOptions) => create(params, callOptions) }),
    },
  };
}

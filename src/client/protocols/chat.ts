/**
 * Chat Completions streams in the client: decoded by `chatCompletionChunks()` (which fails a stream that ends
 * without `[DONE]`, or with `requireDone: false` before every choice finished); settled by a chunk with a finish
 * reason; the fallback is one
 * non-streaming request emitted as the equivalent chunks (`../fallback/chat-completion-chunks.ts`). The API
 * keeps no completion to recover a cut stream from, so a cut is reported.
 */
import { concatMap, type Observable, of } from 'rxjs';
import { chatCompletionChunks } from '../../chat/chat-completion-chunks.js';
import type { ChatCompletion, ChatCompletionChunk } from '../../wire/chat.js';
import { chatCompletionCheck } from '../body-checks.js';
import { chunksOfCompletion } from '../fallback/chat-completion-chunks.js';
import { answeredWithoutStream } from '../layers/fall-back.js';
import type { RequestOptions } from '../options.js';
import { type Transport, withCallKey } from '../transport.js';
import type { ClientProtocol } from './protocol.js';

/**
 * Options of `client.chat.completions.stream()`.
 *
 * @example
 * client.chat.completions.stream(params, { fallbackToPolling: true, onFallback: ({ reason }) => console.warn(reason) });
 */
export interface ChatStreamOptions extends RequestOptions {
  /** Called when the fallback to a non-streaming request starts (see `fallbackToPolling`). */
  onFallback?: ((info: { reason: unknown }) => void) | undefined;
  /**
   * Whether the stream must end with `data: [DONE]` (default: the client's `requireDone`, itself `true`); `false`
   * for a compatible server that ends its streams without it: the stream is whole once every choice finished and
   * the body ended (see `chatCompletionChunks()`'s `requireDone`). A body that ends before that is still a cut.
   *
   * @example
   * local.chat.completions.stream({ model: 'llama3', messages }, { requireDone: false }).pipe(textDeltas());
   */
  requireDone?: boolean | undefined;
}

/**
 * One streaming chat completion call. @internal
 *
 * @example
 * const call: ChatStreamCall = { transport, body, options, create: (body) => completions.create(body) };
 */
export interface ChatStreamCall {
  readonly transport: Transport;
  /** The create body (`stream: true` is added). */
  readonly body: Record<string, unknown>;
  readonly options: ChatStreamOptions | undefined;
  /** The non-streaming request of the fallback, sent with the stream's options (its `Idempotency-Key` too). */
  readonly create: (options: RequestOptions) => Observable<ChatCompletion>;
}

/**
 * The client's description of Chat Completions streams (see `./protocol.ts`).
 *
 * @internal
 * @example
 * streamCall(transport, chatProtocol, { transport, body: params, options, create: (o) => create(params, o) });
 */
export const chatProtocol: ClientProtocol<ChatCompletionChunk, ChatStreamCall> = {
  decode: (response, options) => chatCompletionChunks(response, { requireDone: options.requireDone }),
  nameOf: () => 'chunk',
  // The API sends no chunk, not even the role's, while a reasoning model thinks.
  firstEventDefault: 'request',
  start: ({ transport, body, options, create }) => {
    // One key for the stream's POST and the fallback's: the fallback is refused if the stream's POST was accepted.
    const callOptions = withCallKey(options);
    return {
      request: { spec: { method: 'POST', path: '/chat/completions', body: { ...body, stream: true } }, options: callOptions },
      fallback:
        (options?.fallbackToPolling ?? transport.options.fallbackToPolling)
          ? (reason) => {
              options?.onFallback?.({ reason });
              // A server that does not stream answered with the completion: not asked for (and paid for) twice.
              const answered = answeredWithoutStream(reason, chatCompletionCheck, 'chat.completion');
              return (answered ? of(answered) : create(callOptions)).pipe(concatMap(chunksOfCompletion));
            }
          : undefined,
    };
  },
};

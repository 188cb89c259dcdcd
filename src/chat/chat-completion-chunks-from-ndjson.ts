import type { Observable } from 'rxjs';
import type { ChatCompletionStreamError, IncompleteStreamError, StreamParseError } from '../errors/stream-errors.js';
import { readFramed } from '../protocols/read-protocol.js';
import type { ByteSource } from '../sources/byte-source.js';
import { ndjsonLines } from '../sources/from-ndjson.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import type { ChatCompletionChunksOptions } from './chat-completion-chunks.js';
import { chatSourceWithoutDone } from './protocol.js';

/**
 * Options of {@link chatCompletionChunksFromNdjson}: those of `chatCompletionChunks()` but the event-stream
 * callbacks and `requireDone` (an NDJSON body has no `[DONE]`: it is whole once every choice finished), where
 * `maxBufferSize` is the most characters one line may hold.
 *
 * @example
 * chatCompletionChunksFromNdjson(response, { maxBufferSize: 1024 * 1024 });
 */
export type ChatCompletionChunksFromNdjsonOptions = Omit<ChatCompletionChunksOptions, 'onComment' | 'onRetry' | 'requireDone'>;

/**
 * `chatCompletionChunks()` for a newline-delimited JSON body: one chunk per line, as the official SDK's
 * `stream.toReadableStream()` writes it (the body its `ChatCompletionStream.fromReadableStream()` reads in the
 * browser) and this library's `toNdjsonBody()`. For a browser app whose server relays streams that way; a server
 * that relays with `toEventStreamBody()` is read with `chatCompletionChunks()`.
 *
 * Each line is decoded and checked exactly as `chatCompletionChunks()` does a `data:` line (a `{"error": ...}`
 * line fails the stream with {@link ChatCompletionStreamError}; a line that is not JSON, or breaks a field the
 * library reads, with {@link StreamParseError} showing the line). NDJSON drops `[DONE]`, so the end is judged by
 * the chunks: the stream completes when its body ends after **every choice it carried reported a
 * `finish_reason`**; a body that ends before that (no chunk at all, or a choice still unfinished: a cut relay, a
 * server function stopped by its time limit, the server's own failure that broke the body off) fails with
 * {@link IncompleteStreamError} (`completionId`, the last `finishReason`). The official SDK's reader is laxer: any
 * end after one chunk is a whole answer. What comes after the last `finish_reason` (the usage chunk of
 * `stream_options.include_usage`) cannot be told missing: chunks say `"usage": null` whether or not it was asked
 * for (relays that write every field do). A `[DONE]` line, which no NDJSON writer sends, ends the stream as in an
 * event stream.
 *
 * Blank lines (heartbeats) are skipped; lines end with LF, CR LF or CR; a last line without its line end counts
 * when it is whole JSON (when it is not, the body was cut in the middle of it: {@link IncompleteStreamError}). The
 * content type is not looked at (the SDK's body has none); a `Response` with an error status fails with its
 * `APIError`. Only one completion per body: the NDJSON of the SDK's tool runners (several completions and the
 * tool messages between them) is not read.
 *
 * Cold, as `chatCompletionChunks()`: one subscription reads the body once (a factory is called per subscription).
 *
 * @example
 * import { chatCompletionChunksFromNdjson, textDeltas } from 'rx-openai-stream';
 *
 * // Server, with the official SDK: `return new Response(openai.chat.completions.stream(body).toReadableStream());`
 * const chunks$ = chatCompletionChunksFromNdjson((signal) => fetch('/api/chat', { method: 'POST', body, signal }));
 * chunks$.pipe(textDeltas()).subscribe((text) => output.append(text));
 */
export function chatCompletionChunksFromNdjson(
  source: ByteSource,
  options: ChatCompletionChunksFromNdjsonOptions = {},
): Observable<ChatCompletionChunk> {
  return readFramed(chatSourceWithoutDone, source, options, ndjsonLines);
}

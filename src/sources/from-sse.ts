import { createParser, type ParseError } from 'eventsource-parser';
import { Observable } from 'rxjs';
import type { APIError } from '../errors/api-errors.js';
import { excerpt } from '../errors/excerpt.js';
import { StreamBufferOverflowError, StreamNotEstablishedError } from '../errors/stream-errors.js';
import { withRequestId } from '../errors/base.js';
import { type ByteSource, checkByteSource, DEFAULT_MAX_BUFFER_SIZE, isResponse, readText } from './byte-source.js';
import { isJsonType, jsonAnswer } from './json-answer.js';
import { isEventStreamType, isWholeJson, type ServerSentEvent } from './server-sent-event.js';

/**
 * Options of {@link fromSSE}.
 *
 * @example
 * fromSSE(response, { maxBufferSize: 1024 * 1024, onComment: (text) => console.debug('keep-alive', text) })
 *   .subscribe((sse) => console.log(sse.event, sse.data));
 */
export interface FromSSEOptions {
  /**
   * The most characters one line, or one event (its `data`, `event` and `id` fields together), may hold: past it
   * the stream fails with {@link StreamBufferOverflowError} (and the body is cancelled), as soon as an unfinished
   * line or event's data passes it, else when the event ends (it is not delivered). Default 16 MiB.
   */
  maxBufferSize?: number | undefined;
  /** Called with the text of every `:` comment line (keep-alives). Comments never become events. */
  onComment?: ((comment: string) => void) | undefined;
  /** Called with the value of every valid `retry:` line. */
  onRetry?: ((retryMs: number) => void) | undefined;
}


/**
 * Reads a `text/event-stream` body as an Observable of {@link ServerSentEvent}s.
 *
 * Cold: each subscription reads the source once, so subscribe once (or `share()`). Bytes are decoded as UTF-8
 * across chunk boundaries (invalid sequences become U+FFFD, as in browsers' `EventSource`); CR, LF and CRLF line
 * ends, comments and `retry:` lines are handled by eventsource-parser. At the end of the body the last event is
 * delivered even without its closing blank line or its final line end (as the official SDKs do). Unsubscribing
 * cancels the reader, so an HTTP body stops downloading. A `Response` with an error status fails with the
 * matching {@link APIError}. A `Response` labelled as something else than an event stream is read as one all the
 * same (a proxy may relabel a stream); when it carried no event, the stream fails with
 * {@link StreamNotEstablishedError} showing the start of what it was (a proxy's HTML page, a JSON error). So does
 * a body that starts as JSON (`{` or `[`) or markup (`<`), whatever its label, as soon as its first KiB came: no
 * event comes from such a body. A body labelled JSON that starts as an object is read to its end instead (up to
 * `maxBufferSize`, and while it can still be one object: JSON lines fail as soon as their first KiB came): the error
 * carries the object in its `json` (a server that does not stream answers with the object it created). Newline-delimited JSON (what the official SDK's `toReadableStream()` writes, and
 * `toNdjsonBody()`) is read by `responseEventsFromNdjson()`, `chatCompletionChunksFromNdjson()` and `assistantEventsFromNdjson()`.
 *
 * @example
 * import { fromSSE } from 'rx-openai-stream';
 *
 * const response = await fetch('https://example.com/stream');
 * fromSSE(response).subscribe((sse) => console.log(sse.event, sse.data));
 */
export function fromSSE(source: ByteSource, options: FromSSEOptions = {}): Observable<ServerSentEvent> {
  return readSSE(source, options, undefined);
}

/**
 * {@link fromSSE}, told by its consumer whether the stream has ended by its own protocol (`[DONE]`, `event: done`, a
 * terminal event) when it stops: then, for the body of a fetch `Response`, given or returned by a factory (other
 * sources are cancelled at once, as by `fromSSE`), the body's end is most likely already queued behind that last
 * event, and it is read instead of cancelling the body (which in Node's `fetch` aborts the request with a
 * `DOMException` and destroys the connection, for every stream). A body that has more to send, or whose end has
 * not come by the next turn of the event loop, is cancelled as on any other stop.
 *
 * @internal
 * @example
 * let done = false;
 * readSSE(response, {}, () => done).subscribe((sse) => { if (sse.data === '[DONE]') done = true; });
 */
export function readSSE(
  source: ByteSource,
  options: FromSSEOptions,
  ended: (() => boolean) | undefined,
  opened?: (given: ByteSource) => void,
): Observable<ServerSentEvent> {
  checkByteSource(source);
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE;
  return new Observable<ServerSentEvent>((subscriber) => {
    // A Response labelled as something else than an event stream: read as one all the same (a proxy may relabel a
    // stream), but if it carried no event, it was not one, and its start says what it was. A factory's Response is
    // known once the factory returned it (`open` below).
    let type = contentTypeOf(source);
    let label = type && !isEventStreamType(type) ? type : undefined;
    // The `x-request-id` of the fetch `Response` read, given with the errors raised here (see `OpenAIStreamError`).
    let requestId: string | undefined;
    const open = (given: ByteSource) => {
      if (given !== source) {
        type = contentTypeOf(given);
        label = type && !isEventStreamType(type) ? type : undefined;
      }
      if (isResponse(given)) requestId = given.headers.get('x-request-id') ?? undefined;
      opened?.(given);
    };
    let sawEvent = false;
    // Set while the end of the body flushes the parser: an event dispatched then had no closing blank line.
    let flushing = false;
    let head = '';
    // The text last fed to the parser: the excerpt of an overflow (the parser does not say what it buffered).
    let lastPiece = '';

    const parser = createParser({
      // The parser counts an unfinished line with its field's name (`event: `) and its line end's `\r`, which are
      // no part of the event: with that much more, an event at the limit passes however the body was split (the
      // whole event is checked below).
      maxBufferSize: maxBufferSize + FIELD_NAME_SLACK,
      // The parser's own object is emitted as it is: no copy per event on the hot path (and no bookkeeping, but
      // for a relabelled Response).
      onEvent:
        label === undefined && typeof source !== 'function'
          ? (event) => {
              if (flushing) unfinished(event);
              if (sizeOf(event) > maxBufferSize) return oversize(event);
              subscriber.next(event);
            }
          : (event) => {
              if (flushing) unfinished(event);
              if (sizeOf(event) > maxBufferSize) return oversize(event);
              sawEvent = true;
              subscriber.next(event);
            },
      onComment: options.onComment,
      onRetry: options.onRetry,
      onError: (error: ParseError) => {
        // Unknown fields and invalid `retry:` values are ignored, as the SSE standard says; only an
        // overflow ends the stream.
        if (error.type === 'max-buffer-size-exceeded') {
          subscriber.error(withRequestId(new StreamBufferOverflowError(maxBufferSize, error.line ?? lastPiece), requestId));
        }
      },
    });

    // The parser bounds an unfinished line (whatever its field) and the data of an unfinished event, but not the
    // `event:` and `id:` values it keeps beside the data, nor a line that came whole in one piece: an event whose
    // fields hold more than the limit together fails here, once per event (three lengths), so no event over the
    // limit is delivered, however the body was split (memory held before it: at most its three fields, each under
    // the limit and one piece).
    const oversize = (event: ServerSentEvent): void => {
      const size = sizeOf(event);
      const shown = event.data.length > 0 ? event.data : (event.id ?? '');
      const overflow = new StreamBufferOverflowError(maxBufferSize, shown.slice(0, 256), { size, eventName: event.event?.slice(0, 256) });
      subscriber.error(withRequestId(overflow, requestId));
    };

    // Until the body's first character that is not blank: whether it starts as JSON (`{` or `[`) or markup (`<`)
    // does. An event stream starts with a field name (`data:`, ...) or a `:` comment; a line starting with `{` or
    // `<` would be a field of an unknown name, ignored: such a body is newline-delimited JSON (the official SDK's
    // `toReadableStream()`, `toNdjsonBody()`), a JSON answer or a page (a proxy's, under the event-stream label
    // too), and no event comes from it.
    let started = false;
    let notEvents = false;
    // A body labelled JSON that starts as an object: most likely the whole answer of a server that does not stream
    // (a gateway, a compatible server), the object the request created. It is kept (see `jsonAnswer`) so that the
    // error carries it: nothing received is lost, and the client's fallback goes on from it rather than asking again.
    let answer: ReturnType<typeof jsonAnswer> | undefined;
    let keeping = false;
    // eventsource-parser holds back a CR that ends a piece until the next piece shows whether an LF follows (CR LF
    // is one line end), so with CR-only line ends the last event of each network chunk would wait for the next one,
    // and a stream's terminal event for the end of the body. A CR that ends a piece is fed as CR LF at once, and an
    // LF that begins the next piece is dropped: it was that CR's.
    let afterCR = false;
    const feed = (piece: string): void => {
      // An empty piece (a zero-byte chunk) leaves a CR before it waiting for its LF.
      if (piece === '') return;
      const input = afterCR && piece[0] === '\n' ? piece.slice(1) : piece;
      afterCR = input.endsWith('\r');
      parser.feed(afterCR ? `${input}\n` : input);
    };
    const text = (piece: string): boolean => {
      if (!started) {
        const at = piece.search(/\S/);
        started = at !== -1;
        notEvents = piece[at] === '{' || piece[at] === '[' || piece[at] === '<';
        if (piece[at] === '{' && label !== undefined && isJsonType(label)) answer = jsonAnswer(maxBufferSize);
      }
      if ((label !== undefined || notEvents) && head.length < HEAD_CHARS) head += piece.slice(0, HEAD_CHARS - head.length);
      keeping = answer !== undefined && answer.push(piece);
      // No event can come from JSON or a page: what it is is shown as soon as enough of it came (or all of a JSON answer).
      if (notEvents) return keeping || head.length < HEAD_CHARS;
      lastPiece = piece;
      feed(piece);
      return true;
    };
    // Read for a protocol (`ended` given: the typed sources), whose data is JSON: a last event the body ended in
    // without its closing blank line, and whose data is not whole, is where the body was cut (a server or a proxy
    // that stopped in the middle of a write): thrown, so the reader reports the cut, not a parse error.
    const unfinished = (event: ServerSentEvent): void => {
      if (ended !== undefined && !isWholeJson(event.data)) {
        const name = event.event ? ` "${event.event}"` : '';
        throw new SyntaxError(`The body ended in the middle of an event${name}: ${excerpt(event.data)}`);
      }
    };
    const end = (rest: string): void => {
      if (notEvents) throw withRequestId(new StreamNotEstablishedError(type, head + rest, keeping ? answer!.end(rest) : undefined), requestId);
      if (rest) {
        lastPiece = rest;
        feed(rest);
      }
      // At the end of the body, the last event is delivered even when its closing blank line, or even its last
      // line end, never came, as the official SDKs do (they flush the unfinished line, then the pending event):
      // the first line end finishes a cut line (or is the LF of a CR LF), the second one dispatches. After a
      // complete event, they are blank lines that dispatch nothing. (`parser.reset({ consume: true })` would
      // parse the cut line but then drop the event.) A cut JSON payload is a cut stream for the typed sources
      // (`unfinished`); `fromSSE()` delivers it as it is, to fail where its JSON is parsed rather than vanish.
      flushing = true;
      parser.feed('\n\n');
      if (subscriber.closed) return;
      if (label !== undefined && !sawEvent) throw withRequestId(new StreamNotEstablishedError(label, head), requestId);
      subscriber.complete();
    };
    return readText(source, subscriber, ended, { text, end, opened: open });
  });
}

/** How much of a body that is not an event stream is kept, to show what it was. */
const HEAD_CHARS = 1024;

/** The content type of a `Response` source (`''` without one, or for other sources). */
function contentTypeOf(source: ByteSource): string {
  return (typeof Response !== 'undefined' && source instanceof Response && source.headers.get('content-type')) || '';
}

/** The most characters of a line of an event's field that are not its value: `event: ` and a `\r`. */
const FIELD_NAME_SLACK = 'event: \r'.length;

/** What an event holds, in characters: its `data`, `event` and `id` fields (the parser keeps all three). */
function sizeOf(event: ServerSentEvent): number {
  return event.data.length + (event.event?.length ?? 0) + (event.id?.length ?? 0);
}

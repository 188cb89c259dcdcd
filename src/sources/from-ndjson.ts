import { Observable } from 'rxjs';
import type { APIError } from '../errors/api-errors.js';
import { excerpt } from '../errors/excerpt.js';
import { StreamBufferOverflowError, StreamParseError } from '../errors/stream-errors.js';
import type { Framing } from '../protocols/read-protocol.js';
import { type ByteSource, checkByteSource, DEFAULT_MAX_BUFFER_SIZE, readText } from './byte-source.js';
import { isWholeJson, type ServerSentEvent } from './server-sent-event.js';

/*
 * Newline-delimited JSON (NDJSON): one JSON value per line, what the official SDK's `toReadableStream()` writes
 * (and `toNdjsonBody()`), which its `fromReadableStream()` helpers read. It is another framing of the values an
 * event stream carries, so it is read into the same `ServerSentEvent`s the event-stream parser makes, and the
 * API's reader (`src/<api>/protocol.ts`) decodes, checks and ends them as it does those of an event stream. Only
 * the NDJSON sources import this module: a bundle of the event-stream sources does not carry it.
 */


/**
 * What one line of an NDJSON body is as an event: the event to decode, or the {@link StreamParseError} to fail with.
 *
 * @internal
 * @example
 * const unnamed: LineEvent = (line) => ({ data: line });
 */
export type LineEvent = (line: string) => ServerSentEvent | StreamParseError;

/**
 * A line whose value is an event's data itself (Chat Completions chunks; Responses events, whose JSON `type` names
 * them): an unnamed event with the line as its data.
 */
const unnamedLine: LineEvent = (line) => ({ data: line });

/**
 * Reads a newline-delimited JSON body as the events of its lines: every line that is not blank becomes, through
 * `eventOf`, one {@link ServerSentEvent} (by default unnamed, its data the line).
 *
 * - Bytes are decoded as UTF-8 across chunk boundaries (a character split between chunks is whole; invalid
 *   sequences become U+FFFD); lines end with LF, CR LF or CR, as the official SDK's reader splits them. Blank
 *   lines (heartbeats) are skipped.
 * - A last line without its line end is read at the end of the body when it is whole JSON; a last line that is
 *   not (the body ended in the middle of it) fails the stream with a `SyntaxError` saying so, which the API's
 *   reader reports as the cut it is (`IncompleteStreamError`, with that cause).
 * - A first line that is an event-stream field (`data:`, `event:`) fails with {@link StreamParseError} saying the
 *   body is an event stream; a line longer than `maxBufferSize` fails with {@link StreamBufferOverflowError} (the
 *   body is cancelled).
 * - A `Response` with an error status fails with its {@link APIError}. Unsubscribing cancels the body, unless
 *   `ended()` says the stream ended by its protocol: then a fetch body's end is read rather than cancelled.
 *
 * @internal
 * @example
 * readNdjson(await fetch('/api/answer'), {}, undefined).subscribe((event) => console.log(JSON.parse(event.data)));
 */
export function readNdjson(
  source: ByteSource,
  options: { maxBufferSize?: number | undefined },
  ended: (() => boolean) | undefined,
  eventOf: LineEvent = unnamedLine,
  opened?: (given: ByteSource) => void,
): Observable<ServerSentEvent> {
  checkByteSource(source);
  const maxLine = options.maxBufferSize ?? DEFAULT_MAX_BUFFER_SIZE;
  return new Observable<ServerSentEvent>((subscriber) => {
    let first = true;

    /** One line: skipped when blank, else its event, emitted. False once the subscriber is closed. */
    const line = (text: string): boolean => {
      if (isBlank(text)) return true;
      if (first) {
        first = false;
        if (/^(?:data|event|id|retry)?:/.test(text)) {
          subscriber.error(
            new StreamParseError('Expected newline-delimited JSON but got an event stream (read it with the event-stream source)', { data: text }),
          );
          return false;
        }
      }
      const event = eventOf(text);
      if (event instanceof StreamParseError) subscriber.error(event);
      else subscriber.next(event);
      return !subscriber.closed;
    };

    const lines = lineSplitter(maxLine);
    return readText(source, subscriber, ended, {
      opened,
      text(piece) {
        lines.push(piece, line);
        return true;
      },
      end(rest) {
        lines.push(rest, line);
        if (subscriber.closed) return;
        const last = lines.end();
        if (!isBlank(last)) {
          // Written by the SDK or the relay, every line ends with a line end: a last line without one that is not
          // whole JSON is where the body was cut.
          if (!isWholeJson(last)) throw new SyntaxError(`The body ended in the middle of a line: ${excerpt(last)}`);
          if (!line(last)) return;
        }
        subscriber.complete();
      },
    });
  });
}

/**
 * Cuts text that arrives in pieces into lines (LF, CR LF or CR; a CR at the end of one piece and an LF at the
 * start of the next are one line end), keeping the unfinished one, at most `maxLine` characters.
 */
function lineSplitter(maxLine: number) {
  const lineEnd = /\r\n?|\n/g;
  let pending = '';
  let afterCR = false;
  return {
    /** Sends each line `text` finishes to `line`, until it returns false. */
    push(text: string, line: (text: string) => boolean): void {
      if (text.length === 0) return;
      let start = 0;
      if (afterCR) {
        afterCR = false;
        if (text.charCodeAt(0) === 0x0a) start = 1;
      }
      for (;;) {
        lineEnd.lastIndex = start;
        const found = lineEnd.exec(text);
        if (found === null) {
          if (pending.length + text.length - start > maxLine) throw new StreamBufferOverflowError(maxLine, pending + text.slice(start));
          pending += text.slice(start);
          return;
        }
        const end = found.index;
        const whole = pending + text.slice(start, end);
        pending = '';
        if (whole.length > maxLine) throw new StreamBufferOverflowError(maxLine, whole);
        start = end + found[0].length;
        // A CR last in this piece: an LF first in the next one belongs to it.
        if (found[0] === '\r' && start === text.length) afterCR = true;
        if (!line(whole)) return;
      }
    },
    /** The unfinished last line (`''` when the text ended with a line end). */
    end(): string {
      const last = pending;
      pending = '';
      return last;
    },
  };
}

/** Empty, or only whitespace (a JSON line never starts with whitespace as its writers write it). */
function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '');
}

/**
 * The framing of a newline-delimited JSON body whose lines are the events' data (unnamed events): what
 * `responseEventsFromNdjson()` and `chatCompletionChunksFromNdjson()` read with `readFramed()`.
 *
 * @internal
 * @example
 * readFramed(responsesSource, response, {}, ndjsonLines);
 */
export const ndjsonLines: Framing = (source, options, ended, opened) => readNdjson(source, options, ended, unnamedLine, opened);

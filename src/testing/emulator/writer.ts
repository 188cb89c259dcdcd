/**
 * Writing one HTTP response: status and headers sent with the first bytes (or on demand), text written at once
 * or trickled in small chunks, a clean end or a reset of the socket.
 */
import type { ServerResponse } from 'node:http';
import type { Timers } from './timers.js';

/**
 * How a trickled body is written: `chunkBytes` at a time, every `everyMs`.
 *
 * @example
 * writer.trickle({ chunkBytes: 3, everyMs: 1 });
 */
export interface Trickle {
  readonly chunkBytes: number;
  readonly everyMs: number;
}

/**
 * The writer of one response. Nothing is written after the client went away or the response ended.
 *
 * @example
 * const writer = new ResponseWriter(res, timers, { 'x-request-id': id }, (status) => console.log(status));
 * writer.head(200, { 'content-type': 'application/json' });
 * writer.write('{}');
 * writer.end();
 */
export class ResponseWriter {
  #status = 200;
  #headers: Record<string, string> = {};
  #trickle: Trickle | undefined;
  #pending: Buffer[] = [];
  #pumping = false;
  #ending = false;
  #resetting = false;
  #serverClosed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly timers: Timers,
    baseHeaders: Readonly<Record<string, string>>,
    private readonly onHead: (status: number) => void = () => {},
    /** Headers known only when the head goes out (`openai-processing-ms`: the time the answer took until then). */
    private readonly lateHeaders: () => Readonly<Record<string, string>> = () => ({}),
  ) {
    this.#headers = { ...baseHeaders };
  }

  /** Whether the response can take no more bytes (ended, reset, or the client went away). */
  get closed(): boolean {
    return this.#ending || this.res.destroyed || this.res.writableEnded;
  }

  /** Whether the emulator cut the connection itself (a reset fault or `close()`). */
  get serverClosed(): boolean {
    return this.#serverClosed;
  }

  /** Whether the status line went out. */
  get headersSent(): boolean {
    return this.res.headersSent;
  }

  /** Sets the status and adds headers, if nothing was sent yet. */
  head(status: number, headers: Readonly<Record<string, string>>): void {
    if (this.res.headersSent) return;
    this.#status = status;
    Object.assign(this.#headers, headers);
  }

  /** Trickles every later byte: `chunkBytes` at a time, every `everyMs`. */
  trickle(trickle: Trickle): void {
    this.#trickle = { chunkBytes: Math.max(1, Math.floor(trickle.chunkBytes)), everyMs: Math.max(0, trickle.everyMs) };
  }

  /** Sends the status and headers now (a stream starts before its first event). */
  flushHead(): void {
    if (this.res.headersSent || this.closed) return;
    this.res.writeHead(this.#status, { ...this.#headers, ...this.lateHeaders() });
    this.res.flushHeaders();
    this.onHead(this.#status);
  }

  /** Writes text (or queues it, when trickling). */
  write(text: string): void {
    if (this.closed) return;
    this.flushHead();
    if (!this.#trickle) {
      this.res.write(text);
      return;
    }
    this.#pending.push(Buffer.from(text, 'utf8'));
    this.#pump();
  }

  /** Ends the response once every queued byte is out. */
  end(): void {
    if (this.closed) return;
    this.flushHead();
    this.#ending = true;
    if (!this.#pumping) this.res.end();
  }

  /**
   * Resets the connection (the client sees ECONNRESET) once the bytes written so far had time to arrive: a
   * reset discards data still in flight.
   */
  reset(): void {
    if (this.closed) return;
    this.#ending = true;
    this.#resetting = true;
    this.#serverClosed = true;
    const resetWhenFlushed = (): void => {
      const socket = this.res.socket;
      if (this.res.destroyed || !socket) return;
      if (this.#pending.length > 0 || socket.writableLength > 0) {
        this.timers.after(5, resetWhenFlushed);
        return;
      }
      this.timers.after(20, () => {
        if (!socket.destroyed) socket.resetAndDestroy();
      });
    };
    resetWhenFlushed();
  }

  /** Destroys the connection at once (the emulator closes). */
  destroy(): void {
    this.#serverClosed = true;
    this.res.destroy();
  }

  /** Whether the response has its connection (one queued behind another on the same connection has none yet). */
  get attached(): boolean {
    return this.res.socket !== null && this.res.socket !== undefined;
  }

  /** Calls `fn` once the response is over, however it ended. */
  onClose(fn: () => void): void {
    if (this.res.closed) fn();
    else this.res.once('close', fn);
  }

  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    const step = () => {
      if (this.res.destroyed) {
        this.#pending = [];
        this.#pumping = false;
        return;
      }
      const head = this.#pending[0];
      if (!head) {
        this.#pumping = false;
        if (this.#ending && !this.#resetting && !this.res.writableEnded) this.res.end();
        return;
      }
      const size = this.#trickle!.chunkBytes;
      this.res.write(head.subarray(0, size));
      if (head.length > size) this.#pending[0] = head.subarray(size);
      else this.#pending.shift();
      this.timers.after(this.#trickle!.everyMs, step);
    };
    step();
  }
}

/**
 * The one shape every kind of stream takes in the client. A protocol file (`assistants.ts`, `responses.ts`,
 * `chat.ts`) says once what the client must know about its kind of stream: how its bytes decode (the API's source,
 * which also knows when a stream is complete), and, for one call, how the request is sent, how a cut stream is
 * completed and how to fall back.
 * The shared layers in `../layers/` take that description, and `../stream-call.ts` chains them:
 *
 *   attempt → retryStart → resume → fallBack → recoverCut → (observe)
 *
 * Adding a protocol to the client is one file here; a new event type goes to the protocol's `decode` (its
 * source, `src/<api>/protocol.ts`).
 */
import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import type { RequestOptions, ResolvedClientOptions } from '../options.js';
import type { RequestHold, RequestSpec } from '../transport.js';
import type { AdoptingRetry } from '../layers/retry-start.js';

/**
 * A kind of stream as the client sees it, and how one call of it is made reliable.
 *
 * @internal
 * @example
 * const chat: ClientProtocol<ChatCompletionChunk, ChatCall> = {
 *   decode: (response, options) => chatCompletionChunks(response, { requireDone: options.requireDone }),
 *   nameOf: () => 'chunk',
 *   start: ({ spec, options }) => ({ request: { spec, options } }),
 * };
 */
export interface ClientProtocol<E, C> {
  /**
   * The bytes of a `text/event-stream` body as events (the source: parsing and the checks of what is read), read
   * as the call's options (merged over the client's) say.
   */
  decode(response: Response, options: ResolvedClientOptions): Observable<E>;
  /** An event's name, as timeout errors report the last event. */
  nameOf(event: E): string;
  /**
   * What bounds the wait for a stream's first event when the call sets no `firstEventTimeout`: the idle timeout
   * (the default: an API that sends an event as soon as it begins, as Responses and run streams do), or `'request'`,
   * the request's `timeout` (Chat Completions, which sends nothing while a reasoning model thinks: a minute or more
   * of silence is a healthy call, already paid for).
   */
  readonly firstEventDefault?: 'idle' | 'request' | undefined;
  /**
   * One subscription of call `call`: what each layer does (a layer left out is not applied). `received()` is how
   * many events the subscription has delivered so far.
   */
  start(call: C, received: () => number): StreamPlan<E>;
}

/**
 * What the layers do for one subscription of a streaming call.
 *
 * @internal
 * @example
 * const plan: StreamPlan<ChatCompletionChunk> = { request: { spec, options }, fallback: (reason) => create$ };
 */
export interface StreamPlan<E> {
  /**
   * The request every attempt sends (with `stream: true` in its body or query) and its options; with `hold`, what
   * a request does when the subscriber leaves it once it was sent (see `RequestHold`).
   */
  readonly request: {
    readonly spec: RequestSpec;
    readonly options: RequestOptions | undefined;
    readonly hold?: RequestHold<E> | undefined;
  };
  /**
   * How this subscription's streams decode, when they share what they read (a Responses call's first stream and
   * those that resume it share the positions a compatible server leaves out); else as the protocol's `decode`.
   */
  readonly decode?: ((response: Response, options: ResolvedClientOptions) => Observable<E>) | undefined;
  /**
   * Retries before the first event that first check whether the failed attempt created something (then it is
   * adopted). Without it the transport retries as for any request (`maxRetries`, same `Idempotency-Key`).
   */
  readonly retry?: AdoptingRetry<E> | undefined;
  /** Streams again after a cut from where it stopped (a background response's `starting_after`). */
  readonly resume?: MonoTypeOperatorFunction<E> | undefined;
  /** The stream that replaces one that could not be established (`fallbackToPolling`), before any event. */
  readonly fallback?: ((reason: unknown) => Observable<E>) | undefined;
  /** The missing events of a cut stream, from the server's final objects; `undefined` when it cannot tell. */
  readonly recover?: ((reason: unknown) => Observable<E> | undefined) | undefined;
  /**
   * Sees every event delivered: what recovery compares with the server's objects, or whether an event told what the
   * request's `hold` waits for (a Responses create's response id).
   */
  readonly observe?: ((event: E) => void) | undefined;
}

import {
  assertInInjectionContext,
  computed,
  DestroyRef,
  inject,
  Injector,
  PendingTasks,
  PLATFORM_ID,
  type Signal,
  signal,
  type StateKey,
  TransferState,
  untracked,
} from '@angular/core';
import { catchError, EMPTY, map, merge, type Observable, type OperatorFunction, pipe, Subscription } from 'rxjs';
import { connectChained } from '../operators/connect-chained.js';
import { subscribeChained } from '../operators/subscribe-chained.js';
import type { StreamValue } from '../operators/stream-value.js';
import { textDeltas } from '../operators/text-deltas.js';
import { type SnapshotOf, streamSnapshots } from './stream-snapshots.js';

/**
 * Where a stream of {@link streamSignals} is: `'idle'` (none started yet, or on the server with `ssr: 'skip'`),
 * `'streaming'` (subscribed, not ended), `'done'` (completed), `'stopped'` (`stop()`, `start()` of another stream, or
 * the injection context destroyed, while streaming) or `'error'` (failed: `error()` holds why).
 *
 * @example
 * const label: Record<StreamStatus, string> = { idle: '', streaming: '…', done: '✓', stopped: 'stopped', error: '!' };
 */
export type StreamStatus = 'idle' | 'streaming' | 'done' | 'stopped' | 'error';

/**
 * Options of {@link streamSignals}.
 *
 * @example
 * streamSignals(chunks$, { text: textDeltas({ choice: 1 }), snapshot: false, injector: this.injector });
 */
export interface StreamSignalsOptions<E, S> {
  /**
   * The injector to use outside an injection context: its `DestroyRef` ends the stream. Only a running stream holds
   * a callback on it, so a long-lived injector (the app's) keeps nothing of streams that ended.
   */
  injector?: Injector | undefined;
  /** The text fragments of a value. Default `textDeltas()`: the output text of a Responses, Chat or Assistants stream. */
  text?: OperatorFunction<E, string> | undefined;
  /**
   * The snapshots the `snapshot` signal shows: an accumulating operator (`accumulateResponse()`,
   * `accumulateChatCompletion()`, `accumulateSnapshots()`, `partialParsed(schema)`, ...), or `false` for none
   * (`snapshot()` stays `undefined`, no work per event). Default: the library's snapshot of the stream's kind
   * ({@link SnapshotOf}); for a stream it cannot follow from the start (a Responses stream resumed with
   * `starting_after`) the snapshot stays at its last value while text and status go on. An error of an operator of
   * yours fails the stream.
   */
  snapshot?: OperatorFunction<E, S> | false | undefined;
  /**
   * On the server (server-side rendering): `'skip'` (default) starts no stream, the status stays `'idle'` and the
   * page renders at once, without the answer (the browser starts it after hydration); `'wait'` streams and holds
   * the rendering (a pending task) until the stream ends, so the page carries the whole answer. In the browser a
   * stream never holds the app's stability. The browser streams again after hydration, unless `transferKey` hands
   * the answer over.
   */
  ssr?: 'skip' | 'wait' | undefined;
  /**
   * With `ssr: 'wait'`, hands the answer the server streamed over to the browser, so that hydration shows it without
   * asking for it again: the name of an entry in Angular's `TransferState` (a string, or a key of `makeStateKey()`),
   * one per `streamSignals()` of a page. On the server, a stream that completes writes its final state there
   * (`{ status: 'done', text, snapshot }`, serialized into the page as JSON: the default snapshots are JSON data, a
   * snapshot operator of yours must give JSON data too: one JSON cannot write, a `bigint` or a cycle, is not handed
   * over, and dev mode warns); a stream that fails or is stopped writes nothing, and the browser streams again, as
   * without the key. In the browser, the first `start()` that finds the entry takes it
   * instead of subscribing: the signals show the server's text and snapshot, status `'done'`, and no request is sent
   * (nothing of the stream runs: its `tap()`, its `finalize()`). The entry is removed, so a later `start()` (a new
   * question, the last stream again) streams. Without the entry (the page was not rendered on the server, the
   * server's stream failed) `start()` streams. Without `ssr: 'wait'` there is nothing to hand over: dev mode warns.
   *
   * @example
   * readonly answer = streamSignals(
   *   this.client.responses.stream({ model: 'gpt-4.1-mini', input: 'Tell me about the sea' }),
   *   { ssr: 'wait', transferKey: 'sea-answer' }, // the page's answer, shown at hydration without a request
   * );
   */
  transferKey?: string | undefined;
}

/** The entry of `transferKey` in `TransferState`: a completed stream's final state, as JSON. */
interface TransferredStream<S> {
  status: 'done';
  text: string;
  snapshot?: S | undefined;
}

/**
 * The signals of a stream, and how to start and stop it. See {@link streamSignals}.
 *
 * @example
 * readonly answer: StreamSignals<ResponseStreamEvent> = streamSignals<ResponseStreamEvent>();
 */
export interface StreamSignals<E, S = SnapshotOf<E>> {
  /** The text so far (`''` before any, and after `start()`). */
  readonly text: Signal<string>;
  /** The latest snapshot (`undefined` before the first). */
  readonly snapshot: Signal<S | undefined>;
  readonly status: Signal<StreamStatus>;
  /** Why the stream failed (`undefined` unless the status is `'error'`): the library's typed errors. */
  readonly error: Signal<unknown>;
  /** Whether the status is `'streaming'`. */
  readonly inProgress: Signal<boolean>;
  /**
   * Starts `events$` (or the last stream again: a cold stream sends a new request), stopping the running one and
   * clearing text, snapshot and error. No-op once the injection context is destroyed. Reads nothing reactively (nor
   * does what runs in it: the stopped stream's `finalize()`, the new stream's subscription), so an effect may call it.
   * A stream's `finalize()` may start the next one (a conversation's next turn) when the stream ends or is stopped;
   * while `start(events$)` replaces a stream, a `start()` from that stream's `finalize()` is ignored: `events$` runs.
   */
  start(events$?: Observable<E>): void;
  /**
   * Unsubscribes (the request is aborted); the status becomes `'stopped'` if it was `'streaming'`. Reads nothing
   * reactively, as `start()`.
   */
  stop(): void;
}

/**
 * Turns a stream into signals for templates: `text` (so far), `snapshot` (latest), `status`, `error`,
 * `inProgress`, with `start()` / `stop()`. Works for Responses, Chat Completions and Assistants streams, zoneless
 * and with `OnPush` (signals mark the view for check). Call it in an injection context (a field initializer or
 * constructor), or pass `injector`; the stream is unsubscribed when that context is destroyed.
 *
 * With `events$` the stream starts at once; without it, at `start(events$)`: a chat starts one stream per prompt,
 * each `start()` stopping the one before. Subscribes once per start (text and snapshot come from one request).
 * On the server nothing is started unless `ssr: 'wait'` (see {@link StreamSignalsOptions.ssr}); with `transferKey`
 * the answer streamed there is handed over to the browser, which shows it without a request (see
 * {@link StreamSignalsOptions.transferKey}).
 *
 * @example
 * import { ChangeDetectionStrategy, Component } from '@angular/core';
 * import type { ResponseStreamEvent } from 'rx-openai-stream';
 * import { injectOpenAIStreamClient, streamSignals } from 'rx-openai-stream/angular';
 *
 * @Component({
 *   selector: 'app-chat',
 *   changeDetection: ChangeDetectionStrategy.OnPush,
 *   template: `
 *     <form (submit)="ask(prompt.value); $event.preventDefault()"><input #prompt /></form>
 *     <p>{{ answer.text() }}</p>
 *     @if (answer.inProgress()) { <button (click)="answer.stop()">Stop</button> }
 *     @if (answer.status() === 'error') { <p class="error">{{ answer.error() }}</p> }
 *   `,
 * })
 * export class Chat {
 *   private readonly client = injectOpenAIStreamClient();
 *   readonly answer = streamSignals<ResponseStreamEvent>();
 *   ask(input: string) {
 *     this.answer.start(this.client.responses.stream({ model: 'gpt-4o-mini', input }));
 *   }
 * }
 */
// `S = unknown`: with the kind alone written (`streamSignals<ResponseStreamEvent>(undefined, { snapshot })`),
// TypeScript infers no other type argument; the call still compiles, its snapshot typed `unknown`.
export function streamSignals<E extends StreamValue, S = unknown>(
  events$: Observable<E> | null | undefined,
  options: StreamSignalsOptions<E, S> & { snapshot: OperatorFunction<E, S> },
): StreamSignals<E, S>;
export function streamSignals<E extends StreamValue>(
  events$: Observable<E> | null | undefined,
  options: StreamSignalsOptions<E, never> & { snapshot: false },
): StreamSignals<E, never>;
export function streamSignals<E extends StreamValue = StreamValue>(
  events$?: Observable<E> | null,
  options?: StreamSignalsOptions<E, SnapshotOf<E>>,
): StreamSignals<E, SnapshotOf<E>>;
export function streamSignals<E extends StreamValue, S>(
  events$?: Observable<E> | null,
  options: StreamSignalsOptions<E, S> = {},
): StreamSignals<E, S> {
  if (!options.injector) assertInInjectionContext(streamSignals);
  const injector = options.injector ?? inject(Injector);
  const onServer = injector.get(PLATFORM_ID) === 'server';
  const pendingTasks = injector.get(PendingTasks);
  const destroyRef = injector.get(DestroyRef);
  // `transferState` is there when `transferKey` is.
  const transferKey = options.transferKey as StateKey<TransferredStream<S> | undefined>;
  const transferState = options.transferKey === undefined ? undefined : injector.get(TransferState);
  if (transferState && options.ssr !== 'wait' && (typeof ngDevMode === 'undefined' || ngDevMode)) {
    // Dev mode only: nothing is handed over without a stream on the server.
    console.warn(`rx-openai-stream: streamSignals() hands nothing over with transferKey '${options.transferKey}' unless ssr is 'wait'.`);
  }
  const textOf = options.text ?? (textDeltas() as OperatorFunction<E, string>);
  // The default snapshot stops, quietly, at a value its reducer refuses (a stream joined midway, such as a Responses
  // stream resumed with `starting_after`): text and status go on. A snapshot operator of yours fails the stream.
  const snapshotsOf =
    options.snapshot === false
      ? undefined
      : (options.snapshot ?? pipe(streamSnapshots<E>() as OperatorFunction<E, S>, catchError(() => EMPTY)));

  const text = signal('');
  const snapshot = signal<S | undefined>(undefined);
  const status = signal<StreamStatus>('idle');
  const error = signal<unknown>(undefined);
  let source = events$ ?? undefined;
  let current: Subscription | undefined;
  let destroyed = false;

  // start() and stop() read nothing reactively, whatever runs in them: an effect that calls them (`effect(() =>
  // answer.start(stream(prompt())))`) depends on what it reads itself only, not on what the stream it stops reads as
  // it ends (a `finalize()` that reads `text()`), nor on what the source reads when subscribed.
  const stop = () => untracked(stopRunning);
  const stopRunning = () => {
    const running = current;
    if (!running) return;
    current = undefined;
    // The state first: unsubscribing runs the stream's `finalize()`, which may start another stream.
    status.set('stopped');
    running.unsubscribe();
  };
  // Set while start(next) stops the stream it replaces: a start() from that stream's `finalize()` is superseded by
  // `next` (the caller's), rather than run and stopped at once, or left running beside it.
  let replacing = false;

  // The end of the injection context stops the stream. Registered for one stream's life only (the returned function
  // unregisters it): a stream that ended leaves nothing of these signals on a long-lived injector (`{ injector }` of
  // the app or of a service). `undefined` when the context is destroyed.
  const untilDestroyed = (): (() => void) | undefined => {
    // `destroyRef.destroyed` is Angular's from 20.1 on; `destroyed` is known here once a stream saw the end.
    if (destroyed || destroyRef.destroyed) return undefined;
    try {
      return destroyRef.onDestroy(() => {
        destroyed = true;
        stopRunning();
      });
    } catch {
      // Before Angular 20.1 (no `destroyed`), a destroyed context refuses the callback (NG0205, NG0911).
      destroyed = true;
      return undefined;
    }
  };

  // On the server, the completed stream's entry, if JSON can write it: the page's whole state is serialized at once,
  // and a value that fails there (a bigint, a cycle) would leave every entry out of the page, hydration's too.
  const handOver = (state: TransferState) => {
    const entry: TransferredStream<S> = { status: 'done', text: text(), snapshot: snapshot() };
    try {
      JSON.stringify(entry);
    } catch (failure) {
      if (typeof ngDevMode === 'undefined' || ngDevMode) {
        console.warn(`rx-openai-stream: streamSignals() hands nothing over with transferKey '${options.transferKey}': its snapshot is not JSON data.`, failure);
      }
      return;
    }
    state.set(transferKey, entry);
  };

  const start = (next?: Observable<E>) => untracked(() => startRunning(next));
  const startRunning = (next?: Observable<E>) => {
    if (destroyed || destroyRef.destroyed || replacing) return;
    if (next) source = next;
    const events = onServer && options.ssr !== 'wait' ? undefined : source;
    const unregister = events && untilDestroyed();
    if (events && !unregister) return;
    replacing = true;
    try {
      stopRunning();
    } finally {
      replacing = false;
    }
    text.set('');
    snapshot.set(undefined);
    error.set(undefined);
    status.set('idle');
    if (!events || !unregister) return;
    if (transferState) {
      // On the server, the entry is the last stream's, once it completes. In the browser, the entry the server wrote
      // stands for the stream, once: the server's answer, without a request.
      const entry = onServer ? undefined : transferState.get(transferKey, undefined);
      // Only a completed stream's, as written here: an entry of the app's own under the key is left alone.
      const handed = entry?.status === 'done' && typeof entry.text === 'string' ? entry : undefined;
      if (onServer || handed) transferState.remove(transferKey);
      if (handed) {
        unregister();
        text.set(handed.text);
        snapshot.set(handed.snapshot);
        status.set('done');
        return;
      }
    }
    const run = new Subscription(unregister);
    current = run;
    status.set('streaming');
    // On the server with `ssr: 'wait'`, the rendering waits for the stream's end.
    if (onServer) run.add(pendingTasks.add());
    const finish = () => {
      if (current === run) current = undefined;
      run.unsubscribe();
    };
    const values$ = snapshotsOf
      ? events.pipe(
          connectChained((shared) =>
            merge(
              shared.pipe(textOf, map((fragment) => ({ fragment }))),
              shared.pipe(snapshotsOf, map((state) => ({ state }))),
            ),
          ),
        )
      : events.pipe(textOf, map((fragment) => ({ fragment })));
    // Chained to `run`: a `stop()`, `start(next)` or destroy while a synchronous source emits (a replay, recorded
    // events) ends it at once, and nothing of it reaches the signals after.
    run.add(
      subscribeChained(values$, run, {
        next: (value: { fragment: string } | { state: S }) => {
          if (current !== run) return;
          if ('fragment' in value) text.update((so) => so + value.fragment);
          else snapshot.set(value.state);
        },
        // The state first, then the end: ending runs the stream's `finalize()`, which may start the next stream
        // (a conversation's next turn), whose state must stand.
        error: (failure: unknown) => {
          if (current !== run) return;
          // The context going away while the stream ran is a stop, whatever ended the stream first: a client on the
          // same injector (a root service's) ends its calls from its own earlier destroy hook.
          if (destroyRef.destroyed) {
            destroyed = true;
            status.set('stopped');
          } else {
            error.set(failure);
            status.set('error');
          }
          finish();
        },
        complete: () => {
          if (current !== run) return;
          if (onServer && transferState) handOver(transferState);
          status.set('done');
          finish();
        },
      }),
    );
  };

  if (source) start();

  return {
    text: text.asReadonly(),
    snapshot: snapshot.asReadonly(),
    status: status.asReadonly(),
    error: error.asReadonly(),
    inProgress: computed(() => status() === 'streaming'),
    start,
    stop,
  };
}

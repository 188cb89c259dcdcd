import {
  catchError,
  concat,
  defer,
  map,
  merge,
  Observable,
  type ObservedValueOf,
  of,
  type OperatorFunction,
  scan,
  startWith,
  Subscription,
} from 'rxjs';
import { subscribeChained } from './subscribe-chained.js';
import { hasOwn } from '../schema/json-values.js';

/**
 * Where one stream of a {@link mergeKeyed} view stands:
 * - `pending`: subscribed, nothing received yet;
 * - `streaming`: at least one value received, not ended;
 * - `done`: completed (`latest` is its last value);
 * - `error`: failed (`error` is why; `latest` keeps the last value received before the failure).
 *
 * @example
 * const label = (entry: StreamEntry<unknown>) => (entry.status === 'error' ? 'failed' : entry.status);
 */
export type StreamEntryStatus = 'pending' | 'streaming' | 'done' | 'error';

/**
 * One stream's entry in a {@link mergeKeyed} view: its status, the latest value it emitted, and its error.
 *
 * @example
 * function render(entry: StreamEntry<ResponseSnapshot>) {
 *   return entry.status === 'error' ? String(entry.error) : (entry.latest?.output_text ?? '');
 * }
 */
export interface StreamEntry<T> {
  readonly status: StreamEntryStatus;
  /** The latest value the stream emitted (`undefined` until the first). */
  readonly latest: T | undefined;
  /** Why the stream failed, when `status` is `error`. */
  readonly error?: unknown;
}

/**
 * What {@link mergeKeyed} emits: one {@link StreamEntry} per key of the record it was given.
 *
 * @example
 * type View = MergedView<{ alice: Observable<ResponseSnapshot>; bob: Observable<ChatCompletionSnapshot> }>;
 * // { readonly alice: StreamEntry<ResponseSnapshot>; readonly bob: StreamEntry<ChatCompletionSnapshot> }
 */
export type MergedView<S extends { readonly [K in keyof S]: Observable<unknown> }> = {
  readonly [K in keyof S]: StreamEntry<ObservedValueOf<S[K]>>;
};

type Change = { readonly key: string; readonly entry: StreamEntry<unknown> };

const PENDING: StreamEntry<never> = /* @__PURE__ */ Object.freeze({ status: 'pending', latest: undefined });

/**
 * Merges several streams, of the same or different kinds, into one view keyed by a name of yours: subscribes to
 * all of them at once and emits, at subscription and after every value, completion or error of any of them, an
 * object holding each stream's {@link StreamEntry} (status, latest value, error).
 *
 * - Each stream keeps its own state. Pipe each one through its own accumulating operator
 *   (`accumulateResponse()`, `accumulateChatCompletion()`, `accumulateSnapshots()`, ...) before merging: a
 *   Responses stream's events do not say which response they belong to, so raw events of several responses must
 *   not share one accumulator.
 * - One stream's failure is its own: its entry turns `error` (keeping the last value it had), the others go on.
 *   The view completes when every stream has ended.
 * - Unchanged entries keep their identity from one emission to the next (signals and `OnPush` re-render only the
 *   entry that changed). The view never mutates a value it emitted, and each view is frozen (shallowly): the next is
 *   made from it, so a change of yours would show in every later view.
 * - Unsubscribing unsubscribes from every stream (which aborts their requests). Nothing is shared between
 *   subscriptions: each subscription subscribes to every stream anew.
 * - Each value copies the view's entries (a new view object per value): the cost of a value grows with the number of
 *   streams, and a view of n streams of k values each costs about n² · k. For hundreds of streams, merge fewer, or
 *   thin out what each one emits (`auditTime`, `sampleTime`) before merging.
 *
 * @example
 * import { accumulateChatCompletion, accumulateResponse, createClient, mergeKeyed } from 'rx-openai-stream';
 *
 * const client = createClient();
 * mergeKeyed({
 *   summary: client.responses.stream({ model: 'gpt-4o', input: 'Summarise the report.' }).pipe(accumulateResponse()),
 *   title: client.chat.completions
 *     .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'A title for the report.' }] })
 *     .pipe(accumulateChatCompletion()),
 * }).subscribe((view) => {
 *   render(view.summary.latest?.output_text, view.title.latest?.choices[0]?.message.content, view.summary.status);
 * });
 */
export function mergeKeyed<S extends { readonly [K in keyof S]: Observable<unknown> }>(
  streams: S extends readonly unknown[] ? never : S,
): Observable<MergedView<S>> {
  // A view is a record (an array would come back as an object of index keys its type does not describe).
  if (Array.isArray(streams)) throw new TypeError('mergeKeyed() takes a record of streams by key, not an array (Object.fromEntries() makes one)');
  return defer(() => {
    const record = streams as unknown as Readonly<Record<string, Observable<unknown>>>;
    const keys = Object.keys(record);
    // Own properties for every key, `__proto__` included (an assignment would set the prototype instead).
    // Each view is frozen: the next one is made from it, so a consumer's change to one would show in every later view.
    const initial: Readonly<Record<string, StreamEntry<unknown>>> = Object.freeze(Object.fromEntries(keys.map((key) => [key, PENDING])));
    const changes = keys.map((key) => entryChanges(key, record[key]!));
    return merge(...changes).pipe(
      scan((view, { key, entry }) => Object.freeze({ ...view, [key]: entry }), initial),
      startWith(initial),
    );
  }) as Observable<MergedView<S>>;
}

/** One stream's entries: one per value, then `done`, or `error` with the last value kept. */
function entryChanges(key: string, stream: Observable<unknown>): Observable<Change> {
  return defer(() => {
    // The last value, so `done` and `error` entries keep it; it belongs to this subscription.
    let latest: unknown;
    return concat(
      // Deferred, so that a stream that is none (a plain-JS caller's Promise, `undefined`) fails as this key's entry.
      defer(() =>
        stream.pipe(
          map((value): Change => {
            latest = value;
            return { key, entry: { status: 'streaming', latest: value } };
          }),
        ),
      ),
      defer(() => of<Change>({ key, entry: { status: 'done', latest } })),
    ).pipe(catchError((error: unknown) => of<Change>({ key, entry: { status: 'error', latest, error } })));
  });
}

/**
 * A command of {@link mergeKeyedStreams}: start `stream` under `key` (replacing the stream the key had, which is
 * unsubscribed), or, with `stream: null`, stop the key's stream and drop its entry from the view.
 *
 * @example
 * const start: KeyedStream<ResponseSnapshot> = { key: 'chat-1', stream: client.responses.stream(body).pipe(accumulateResponse()) };
 * const stop: KeyedStream<ResponseSnapshot> = { key: 'chat-1', stream: null };
 */
export interface KeyedStream<T> {
  readonly key: string;
  readonly stream: Observable<T> | null;
}

/**
 * What {@link mergeKeyedStreams} emits: a {@link StreamEntry} for each key started and not stopped.
 *
 * @example
 * const texts = (view: KeyedView<ResponseSnapshot>) => Object.entries(view).map(([key, entry]) => [key, entry.latest?.output_text]);
 */
export type KeyedView<T> = Readonly<Record<string, StreamEntry<T>>>;

/**
 * {@link mergeKeyed} for a set of streams that changes while it runs: an operator on commands
 * ({@link KeyedStream}) that start a stream under a key, replace it, or stop it. It emits the view of every key
 * started and not stopped, at subscription (empty), after every command that changes it (a start; a stop of a key
 * in the view) and after every value, completion or error of any stream, with the same entries as `mergeKeyed()`
 * (`pending`, `streaming`, `done`, `error`).
 *
 * - Starting a key that has a stream unsubscribes the old one (its request is aborted) and the entry starts over
 *   as `pending`. `stream: null` unsubscribes the key's stream and drops its entry.
 * - A stream that ended keeps its `done` or `error` entry until its key is started again or stopped; one stream's
 *   failure stays in its own entry.
 * - Unchanged entries keep their identity from one emission to the next; the view never mutates a value it
 *   emitted (each view is frozen, shallowly), so each value of a stream copies the view's entries: stop (`stream: null`) the keys you no longer
 *   show, or each later value pays for them.
 * - A command for a key sent while that key's stream is being stopped (from the stream's own `finalize()`, say, to
 *   start a next turn) is dropped: the command that stopped it wins, and one key never runs two streams.
 * - The view completes when the commands complete and every stream has ended; an error of the commands is the
 *   view's error. Unsubscribing unsubscribes every stream.
 *
 * @example
 * import { Subject } from 'rxjs';
 * import { accumulateResponse, createClient, mergeKeyedStreams, type KeyedStream, type ResponseSnapshot } from 'rx-openai-stream';
 *
 * const client = createClient();
 * const commands = new Subject<KeyedStream<ResponseSnapshot>>();
 * commands.pipe(mergeKeyedStreams()).subscribe((view) => render(view)); // render each conversation's entry
 *
 * commands.next({ key: 'chat-1', stream: client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(accumulateResponse()) });
 * commands.next({ key: 'chat-2', stream: client.responses.stream({ model: 'gpt-4o', input: 'Hello' }).pipe(accumulateResponse()) });
 * commands.next({ key: 'chat-1', stream: null }); // stops chat-1 (aborts its request) and drops its entry
 */
export function mergeKeyedStreams<T>(): OperatorFunction<KeyedStream<T>, KeyedView<T>> {
  return (commands) =>
    new Observable<KeyedView<T>>((subscriber) => {
      // The view and the running streams belong to this subscription. A key is in `running` while its stream runs,
      // so a key that ended or was stopped holds nothing (a long session of many keys keeps only its view).
      // Each view is frozen: the next one is made from it, so a consumer's change to one would show in every later view.
      let view: KeyedView<T> = Object.freeze({});
      const running = new Map<string, Subscription>();
      let commandsEnded = false;
      const show = (next: KeyedView<T>) => {
        view = Object.freeze(next);
        subscriber.next(view);
      };
      const endIfDone = () => {
        if (commandsEnded && running.size === 0) subscriber.complete();
      };
      const stop = (key: string) => {
        const stream = running.get(key);
        running.delete(key);
        stream?.unsubscribe();
      };
      // Keys whose stream is being stopped by a command: a command for the same key sent from that stream's teardown
      // (its `finalize()` starting a conversation's next turn) is dropped, and the command that stops it wins. Else
      // both would run under one key, and the second would be neither shown nor stopped.
      const stopping = new Set<string>();

      subscriber.next(view);
      // A consumer that stopped at the empty view (`take(1)`): the commands are not even subscribed.
      if (subscriber.closed) return;
      // Chained (here and for each stream): when the subscriber is done (`take`, an unsubscribe), the commands and
      // every stream stop at once, in the middle of a synchronous emission too.
      return subscribeChained(commands, subscriber, {
        next({ key, stream }) {
          if (stopping.has(key)) return;
          stopping.add(key);
          try {
            stop(key);
          } finally {
            stopping.delete(key);
          }
          if (stream === null) {
            const rest = without(view, key);
            if (rest !== view) show(rest);
            return;
          }
          const own = new Subscription();
          running.set(key, own);
          subscriber.add(own);
          show({ ...view, [key]: PENDING });
          subscribeChained(entryChanges(key, stream), own, {
            next: ({ entry }) => show({ ...view, [key]: entry as StreamEntry<T> }),
            complete: () => {
              // Ended on its own (done or error entry shown): the key stays in the view; its subscription leaves the
              // subscriber (its teardown, above), so a long session keeps nothing of the streams that ended.
              if (running.get(key) === own) running.delete(key);
              own.unsubscribe();
              endIfDone();
            },
          });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          commandsEnded = true;
          endIfDone();
        },
      });
    });
}

/** The view without `key` (the same object when it has no such key). */
function without<T>(view: KeyedView<T>, key: string): KeyedView<T> {
  if (!hasOwn.call(view, key)) return view;
  const { [key]: _dropped, ...rest } = view;
  return rest;
}

import { catchError, concat, defer, map, merge, type Observable, type ObservedValueOf, of, scan, startWith } from 'rxjs';

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
export type MergedView<S extends Record<string, Observable<unknown>>> = {
  readonly [K in keyof S]: StreamEntry<ObservedValueOf<S[K]>>;
};

type Change = { readonly key: string; readonly entry: StreamEntry<unknown> };

const PENDING: StreamEntry<never> = Object.freeze({ status: 'pending', latest: undefined });

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
 *   entry that changed). The view never mutates a value it emitted.
 * - Unsubscribing unsubscribes from every stream (which aborts their requests). Nothing is shared between
 *   subscriptions: each subscription subscribes to every stream anew.
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
export function mergeKeyed<S extends Record<string, Observable<unknown>>>(streams: S): Observable<MergedView<S>> {
  return defer(() => {
    const keys = Object.keys(streams);
    // Own properties for every key, `__proto__` included (an assignment would set the prototype instead).
    const initial: Record<string, StreamEntry<unknown>> = Object.fromEntries(keys.map((key) => [key, PENDING]));
    const changes = keys.map((key) => entryChanges(key, streams[key]!));
    return merge(...changes).pipe(
      scan((view, { key, entry }) => ({ ...view, [key]: entry }), initial as Readonly<Record<string, StreamEntry<unknown>>>),
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
      stream.pipe(
        map((value): Change => {
          latest = value;
          return { key, entry: { status: 'streaming', latest: value } };
        }),
      ),
      defer(() => of<Change>({ key, entry: { status: 'done', latest } })),
    ).pipe(catchError((error: unknown) => of<Change>({ key, entry: { status: 'error', latest, error } })));
  });
}

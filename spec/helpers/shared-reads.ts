import { forkJoin, lastValueFrom, type Observable, type OperatorFunction, share } from 'rxjs';

/** What {@link readShared} resolves with: each reader's last value, under the reader's name. */
export type SharedReads<T, R extends Record<string, OperatorFunction<T, unknown>>> = {
  [K in keyof R]: R[K] extends OperatorFunction<T, infer V> ? V : never;
};

/**
 * Several readers of one stream, all subscribed to a single read of it (`share()`): a chunking is parsed once
 * rather than once per reader (a one-byte split costs a promise or more per byte), and the readers see the very
 * same values, so none of them may change what another one reads. Resolves with each reader's last value.
 *
 * @example
 * const { events, final } = await readShared(responseEvents(body), { events: toArray(), final: finalResponse() });
 */
export function readShared<T, R extends Record<string, OperatorFunction<T, unknown>>>(
  source$: Observable<T>,
  readers: R,
): Promise<SharedReads<T, R>> {
  const shared$ = source$.pipe(share());
  const reads = Object.fromEntries(Object.entries(readers).map(([name, reader]) => [name, shared$.pipe(reader)]));
  return lastValueFrom(forkJoin(reads)) as Promise<SharedReads<T, R>>;
}

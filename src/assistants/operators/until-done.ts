import { ignoreElements, type Observable, type OperatorFunction, concat, of } from 'rxjs';

/**
 * Consumes a stream to its end without handling its events, then emits one `undefined` and completes (errors
 * pass through). The equivalent of the SDKs' `until_done()` / `done()`: await it with `lastValueFrom`.
 *
 * @example
 * import { lastValueFrom } from 'rxjs';
 * import { handleEvents, untilDone } from 'rx-openai-stream';
 *
 * await lastValueFrom(events$.pipe(handleEvents(new MyHandler()), untilDone()));
 */
export function untilDone<T>(): OperatorFunction<T, void> {
  return (source: Observable<T>) => concat(source.pipe(ignoreElements()), of(undefined));
}

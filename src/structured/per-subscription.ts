import { concatWith, defer, filter, map, mergeMap, of, type OperatorFunction } from 'rxjs';

/** @internal What a step returns when it has nothing to emit. @example if (result === SKIP) return; */
export const SKIP: unique symbol = /* @__PURE__ */ Symbol('SKIP');

/**
 * @internal The steps of an operator with state: made once per subscription, `next` per value and `complete` at
 * the end (each returns a value to emit or {@link SKIP}, or throws a typed error).
 *
 * @example
 * const steps: OperatorSteps<string, number> = { next: (s) => s.length, complete: () => SKIP };
 */
export interface OperatorSteps<T, R> {
  next(value: T): R | typeof SKIP;
  complete(): R | typeof SKIP;
}

/**
 * Builds an operator from per-subscription steps by composing RxJS operators (`defer`, `map`, `concatWith`,
 * `filter`), so it chains to its subscriber: `take(1)` downstream stops even a synchronous source at once, and
 * teardown runs on every path. A step that throws fails the stream with that error.
 *
 * @internal
 * @example
 * const lengths = () => withSteps(() => ({ next: (s: string) => s.length, complete: () => SKIP }));
 */
export function withSteps<T, R>(create: () => OperatorSteps<T, R>): OperatorFunction<T, R> {
  return (source) =>
    defer(() => {
      const steps = create();
      return source.pipe(
        map((value) => steps.next(value)),
        concatWith(defer(() => of(steps.complete()))),
        filter((result): result is R => result !== SKIP),
      );
    });
}

/**
 * Like {@link withSteps}, for steps that may emit several values at once (each step returns an array).
 *
 * @internal
 * @example
 * const chars = () => withManySteps(() => ({ next: (s: string) => [...s], complete: () => [] }));
 */
export function withManySteps<T, R>(create: () => OperatorSteps<T, readonly R[]>): OperatorFunction<T, R> {
  return (source) =>
    defer(() => {
      const steps = create();
      return source.pipe(
        map((value) => steps.next(value)),
        concatWith(defer(() => of(steps.complete()))),
        mergeMap((results) => (results === SKIP ? [] : results)),
      );
    });
}

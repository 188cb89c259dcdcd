import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import { SnapshotError } from '../errors/stream-errors.js';
import { OpenAIStreamError } from '../errors/base.js';
import { excerpt, readFailure, redactSecrets, textOf } from '../errors/excerpt.js';
import { subscribeChained } from './subscribe-chained.js';

/**
 * What a reducing operator does with each value once the state includes it. @internal
 *
 * @example
 * const steps: ReducingSteps<number, unknown, number> = { complete: (n, out) => { out.next(n); out.complete(); } };
 * source$.pipe(reducing((n: number) => n + 1, 0, steps)); // emits the count of values
 */
export interface ReducingSteps<S, E, R> {
  /** Called after the reducer applied `event`; `previous` is the state before it. */
  event?: ((event: E, state: S, previous: S, out: Subscriber<R>) => void) | undefined;
  /** Called when the source completes, with the final state. Must complete `out` (or error it). */
  complete?: ((state: S, out: Subscriber<R>) => void) | undefined;
}

/**
 * The machinery shared by every operator that needs accumulated state (snapshots of a run, of a chat
 * completion, of a response): one state per subscription, advanced once per value by a pure reducer, and
 * errors of the reducer (a refused delta, a delta for something never created) ending the stream. Chained to
 * its subscriber: the source stops the moment the subscriber is done.
 *
 * @internal
 * @example
 * const count = () => reducing((n: number) => n + 1, 0, { complete: (n, out) => { out.next(n); out.complete(); } });
 */
export function reducing<S, E, R>(
  reducer: (state: S, event: E) => S,
  initial: S,
  steps: ReducingSteps<S, E, R>,
): OperatorFunction<E, R> {
  return (source) =>
    new Observable<R>((out) => {
      let state = initial;
      return subscribeChained(source, out, {
        next(event) {
          const previous = state;
          try {
            state = reducer(previous, event);
            steps.event?.(event, state, previous, out);
          } catch (error) {
            out.error(unreadable(error, event));
          }
        },
        error: (error: unknown) => out.error(error),
        complete() {
          if (!steps.complete) return out.complete();
          try {
            steps.complete(state, out);
          } catch (error) {
            out.error(error);
          }
        },
      });
    });
}

/**
 * `reducer`, whose failure on a value it cannot read is {@link unreadable}'s typed error: for `scan()` and `reduce()`.
 *
 * @internal
 * @example
 * events$.pipe(scan(readingWith(responseReducer), undefined));
 */
export function readingWith<A, S extends A, E>(reducer: (state: A, value: E) => S): (state: A, value: E) => S {
  return (state, value) => {
    try {
      return reducer(state, value);
    } catch (error) {
      throw unreadable(error, value);
    }
  };
}

/**
 * The error of a value the reducer could not read: the library's own errors as they are; anything else (a
 * `TypeError` of a value built by hand, without the fields the sources check) as a {@link SnapshotError} naming the
 * value, with an excerpt of it and the error as its `cause`.
 *
 * @internal
 * @example
 * out.error(unreadable(new TypeError("Cannot read properties of undefined (reading 'delta')"), event));
 */
export function unreadable(error: unknown, value: unknown): unknown {
  if (error instanceof OpenAIStreamError) return error;
  const { name, said } = readFailure(error, value);
  return new SnapshotError(`A value the snapshot cannot read (${said}): ${redactSecrets(excerpt(textOf(value)))}`, {
    eventName: name ?? typeof value,
    cause: error,
  });
}

/**
 * Type tests of mergeKeyed() and mergeKeyedStreams(), checked by `tsc` (`npm test` runs the type check beside jest).
 */
import { expectTypeOf } from 'expect-type';
import { type Observable, of, Subject } from 'rxjs';
import { type KeyedStream, type KeyedView, mergeKeyed, mergeKeyedStreams, type StreamEntry } from '../../src/index';

// mergeKeyed: one entry per key of the record, each typed by its stream.
const view$ = mergeKeyed({ count: of(1), name: of('x') });
expectTypeOf(view$).toEqualTypeOf<Observable<{ readonly count: StreamEntry<number>; readonly name: StreamEntry<string> }>>();

// mergeKeyedStreams: the entries' type comes from the commands, without naming it again.
const commands = new Subject<KeyedStream<number>>();
expectTypeOf(commands.pipe(mergeKeyedStreams())).toEqualTypeOf<Observable<KeyedView<number>>>();
expectTypeOf<KeyedView<number>[string]>().toEqualTypeOf<StreamEntry<number>>();
// A stop is a command of its own; a stream of another type is not.
commands.next({ key: 'a', stream: null });
// @ts-expect-error a stream of strings is not a stream of numbers
commands.next({ key: 'a', stream: of('text') });
// @ts-expect-error a command names its key
commands.next({ stream: of(1) });

// mergeKeyed takes a record typed by an interface, or a class instance, as well as a plain object type.
interface Panels {
  readonly count: Observable<number>;
  readonly name: Observable<string>;
}
const panels: Panels = { count: of(1), name: of('x') };
expectTypeOf(mergeKeyed(panels)).toEqualTypeOf<Observable<{ readonly count: StreamEntry<number>; readonly name: StreamEntry<string> }>>();
class Board {
  readonly score = of(3);
}
expectTypeOf(mergeKeyed(new Board())).toEqualTypeOf<Observable<{ readonly score: StreamEntry<number> }>>();
// @ts-expect-error every key names a stream
mergeKeyed({ count: of(1), label: 'not a stream' });
// An array or a tuple is no record of streams by key (its view would come back as an object of index keys).
// @ts-expect-error a tuple of streams
mergeKeyed([of(1), of('a')] as const);
// @ts-expect-error an array of streams
mergeKeyed([of(1), of(2)]);

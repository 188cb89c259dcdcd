/**
 * `ofEventType()` on Responses streams: the SDK's `stream.on(type, listener)` as a filter that narrows the event's
 * type (run streams: spec/assistants/operators.spec.ts).
 */
import { EventEmitter } from 'node:events';
import { from, lastValueFrom, Observable, take, tap, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ofEventType, responseEvents, type ResponseStreamEvent, type ResponseStreamEventType } from '../../src/index';
import { streamOf } from '../helpers/bytes';
import { richEvents, sse } from '../responses/stream';
import { sdkClientOver } from '../helpers/sdk';

const events = richEvents();
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('ofEventType on Responses events', () => {
  it('keeps the events of the named types, in order, and chains to its source (marbles)', () => {
    const first = (type: string) => events.find((e) => e.type === type)!;
    const [created, added, done, delta] = ['response.created', 'response.output_item.added', 'response.output_item.done', 'response.output_text.delta'].map(first);
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd|', { a: created, b: added, c: done, d: delta });
      expectObservable(source.pipe(ofEventType('response.output_text.delta'))).toBe('---d|', { d: delta });
      expectObservable(source.pipe(ofEventType('response.created', 'response.output_item.added'))).toBe('ab--|', { a: created, b: added });
      // take(1) after the filter ends the source's subscription at the first match.
      expectObservable(source.pipe(ofEventType('response.output_item.added'), take(1))).toBe('-(b|)', { b: added });
      expectSubscriptions(source.subscriptions).toBe(['^---!', '^---!', '^!']);
    });
  });

  it('a synchronous source stops at once with take()', () => {
    let pulled = 0;
    const many = from(Array.from({ length: 1000 }, () => events[0]!)).pipe(tap(() => pulled++));
    many.pipe(ofEventType('response.created'), take(2)).subscribe();
    expect(pulled).toBe(2);
  });

  it('gives the events the SDK hands to stream.on(type, listener), for every type it emits, on the same bytes', async () => {
    const types = [...new Set(events.map((e) => e.type))];
    expect(types.length).toBeGreaterThan(10);
    for (const type of types) {
      const ours = await lastValueFrom(responseEvents(streamOf([sse(events)])).pipe(ofEventType(type as ResponseStreamEventType), toArray()));
      const stream = sdkClientOver([sse(events)]).responses.stream({ model: 'gpt-4o', input: 'Hi' });
      const theirs: unknown[] = [];
      // The SDK adds the text so far to text and arguments deltas (`snapshot`); here that is toolCallDeltas()' or a scan().
      (stream as unknown as EventEmitter).on(type, ({ snapshot: _, ...e }: { snapshot?: unknown }) => theirs.push(e));
      await stream.done();
      expect({ type, events: ours }).toEqual({ type, events: theirs });
    }
  });

  it('reads a Responses event by its type when a server adds other keys, an `event` among them', async () => {
    // Compatible servers add keys of their own to the event's JSON; the type is what names a Responses event.
    const withExtra = events.map((e) => ({ ...e, event: 'message' }));
    const ours = await lastValueFrom(responseEvents(streamOf([sse(withExtra)])).pipe(ofEventType('response.completed'), toArray()));
    expect(ours.map((e) => [e.type, (e as { event?: unknown }).event])).toEqual([['response.completed', 'message']]);
  });

  it('narrows the type (checked by tsc)', async () => {
    const stream = (): Observable<ResponseStreamEvent> => from(events);
    const deltas = await lastValueFrom(stream().pipe(ofEventType('response.output_text.delta'), toArray()));
    const text: string = deltas.map((e) => e.delta).join('');
    const ends = await lastValueFrom(stream().pipe(ofEventType('response.completed', 'response.failed'), toArray()));
    const statuses = ends.map((e) => e.response.status);
    // @ts-expect-error a delta event has no `response`
    void deltas[0]?.response;
    // @ts-expect-error no event of either API has this type
    ofEventType('response.output_text.deltas');
    expect(text.length).toBeGreaterThan(0);
    expect(statuses).toEqual(['completed']);
  });
});

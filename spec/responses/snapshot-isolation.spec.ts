/**
 * Events of a shared stream reach every subscription: a consumer that changes the events it receives (every
 * object and array in them) changes no snapshot of `accumulateResponse()` or `finalResponse()` beside it, not
 * even one emitted earlier.
 */
import { from, share } from 'rxjs';
import { accumulateResponse, finalResponse, responseReducer, type ResponseSnapshot, type ResponseStreamEvent } from '../../src/index';
import { generatedEvents, logprobOf, richEvents } from './stream';
import { vandalize } from '../helpers/vandalize';

function pristineSnapshots(events: readonly ResponseStreamEvent[]): Array<ResponseSnapshot | undefined> {
  const snapshots: Array<ResponseSnapshot | undefined> = [];
  events.reduce<ResponseSnapshot | undefined>((state, event) => {
    const next = responseReducer(state, event);
    snapshots.push(next);
    return next;
  }, undefined);
  return snapshots.filter((s) => s !== undefined);
}

const streams: Array<[string, () => ResponseStreamEvent[]]> = [
  ['a rich stream (reasoning, tool calls, annotations, ...)', richEvents],
  [
    'a stream with logprobs, cut before its end',
    () =>
      generatedEvents(
        {
          items: [{ kind: 'message', parts: [{ kind: 'text', deltas: [{ text: 'Hel', logprobs: [logprobOf('Hel')] }, { text: 'lo', logprobs: [] }, { text: '!', logprobs: [] }] }] }],
          gaps: [],
        },
        false,
      ) as unknown as ResponseStreamEvent[],
  ],
];

describe.each(streams)('Snapshots of %s', (_name, make) => {
  it('do not change when another consumer of the shared events changes them', () => {
    const expected = pristineSnapshots(make());
    const expectedFinal = expected[expected.length - 1];
    const events$ = from(make()).pipe(share());
    const snapshots: ResponseSnapshot[] = [];
    let final: ResponseSnapshot | undefined;
    events$.pipe(accumulateResponse()).subscribe((s) => snapshots.push(s));
    events$.pipe(finalResponse()).subscribe((s) => (final = s));
    // Subscribed last: it gets each event after the reductions did, and wrecks it.
    events$.subscribe((event) => vandalize(event));
    expect(snapshots).toEqual(expected);
    expect(final).toEqual(expectedFinal);
    expect(JSON.stringify(snapshots)).not.toContain('vandal');
  });
});

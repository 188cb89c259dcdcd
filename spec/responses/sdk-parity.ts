/**
 * Runs bytes through this library and through the official SDK 7.x `ResponseStream` (fed the same bytes), so tests
 * compare what each gives: the events, the final response, and how the stream ended.
 */
import { forkJoin, lastValueFrom, share, takeLast, toArray } from 'rxjs';
import {
  accumulateResponse,
  finalResponse,
  responseEvents,
  type ResponseEventsOptions,
  type ResponseSnapshot,
  type ResponseStreamEvent,
} from '../../src/index';
import { streamOf } from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { sdkClientOver, withoutParsed } from '../helpers/sdk';

export interface Ours {
  events: ResponseStreamEvent[];
  final?: ResponseSnapshot;
  last?: ResponseSnapshot;
  error?: unknown;
}

export interface Sdk {
  events: unknown[];
  final?: unknown;
  error?: unknown;
}

/** This library over the chunks: every event, `finalResponse()`, the last `accumulateResponse()` snapshot. */
export async function ours(parts: readonly Uint8Array[], options: ResponseEventsOptions = {}): Promise<Ours> {
  try {
    // One read of the body feeds all three (`share()`), as an application would do.
    const events$ = responseEvents(streamOf(parts), options).pipe(share());
    const [events, final, snapshot] = await lastValueFrom(
      forkJoin([events$.pipe(toArray()), events$.pipe(finalResponse()), events$.pipe(accumulateResponse(), takeLast(1))]),
    );
    return { events, final, last: snapshot };
  } catch (error) {
    const events: ResponseStreamEvent[] = [];
    await new Promise<void>((resolve) =>
      responseEvents(streamOf(parts), options).subscribe({ next: (e) => events.push(e), error: () => resolve(), complete: resolve }),
    );
    return { events, error };
  }
}

/** The SDK's `ResponseStream` over the chunks: every event it yields and its `finalResponse()`. */
export async function sdk(parts: readonly Uint8Array[]): Promise<Sdk> {
  const stream = sdkClientOver(parts).responses.stream({ model: 'gpt-4o', input: 'Hi' });
  const events: unknown[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, final: await stream.finalResponse() };
  } catch (error) {
    return { events, error };
  }
}

/** Asserts that both completed with equal events and equal final responses (the last snapshot too). */
export function expectSameAnswers(mine: Ours, theirs: Sdk): void {
  expect(theirs.error).toBeUndefined();
  expect(mine.error).toBeUndefined();
  expectEqual(mine.events, theirs.events);
  const expected = withoutParsed(theirs.final);
  expectEqual(mine.final, expected);
  expectEqual(mine.last, expected);
}

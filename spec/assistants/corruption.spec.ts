import fc from 'fast-check';
import { lastValueFrom, share, forkJoin } from 'rxjs';
import { accumulateSnapshots, assistantEvents, finalMessages, handleEvents, OpenAIStreamError } from '../../src/index';
import { chunksOf, fixtureBytes, fixtureNames, splitAt, streamOf, withPublishedTypoFixed } from '../helpers/bytes';

const streams = fixtureNames('assistants').map((name) => withPublishedTypoFixed(fixtureBytes('assistants', name)));

/** Runs the whole pipeline; resolves with 'ok' or the error, never rejects. */
async function outcome(chunks: Uint8Array[]): Promise<'ok' | unknown> {
  const events$ = assistantEvents(streamOf(chunks)).pipe(handleEvents({}), share());
  return lastValueFrom(forkJoin([events$.pipe(accumulateSnapshots()), events$.pipe(finalMessages())])).then(
    () => 'ok',
    (error: unknown) => error,
  );
}

describe('random byte corruption', () => {
  it('always ends in a typed error or a valid result: never a hang, never an untyped exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: streams.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (which, flips, cuts) => {
          const bytes = streams[which]!.slice();
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const result = await outcome(splitAt(bytes, cuts.map((c) => c % bytes.length)));
          if (result !== 'ok') expect(result).toBeInstanceOf(OpenAIStreamError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('truncation at any byte is a typed error or a completed stream', async () => {
    const bytes = streams[0]!;
    for (let end = 0; end < bytes.length; end += 37) {
      const result = await outcome(chunksOf(bytes.subarray(0, end), 256));
      if (result !== 'ok') expect(result).toBeInstanceOf(OpenAIStreamError);
    }
  });
});

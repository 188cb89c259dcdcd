/**
 * How many cases a long property-based test runs (fast-check's `numRuns`).
 *
 * `npm test` must stay quick, so by default a long property runs its `quick` count: at most {@link QUICK_RUNS}
 * cases unless it says otherwise. The environment variable `PROPERTY_RUNS` raises every long property to that
 * many cases, up to its `thorough` count, for a thorough run before a release or after changing a reducer, a
 * pre-check or a template (`PROPERTY_RUNS=20000` runs each at its thorough count, as the authors meant it):
 *
 * ```sh
 * PROPERTY_RUNS=20000 npm test
 * PROPERTY_RUNS=20000 npx jest spec/assistants/reducer-fast-path.spec.ts
 * ```
 *
 * A failure prints fast-check's seed and path: rerun that case with `{ seed, path }` whatever the count.
 *
 * @param thorough the cases the property is meant to run in a thorough run
 * @param quick the cases it runs in a plain `npm test` (default: `thorough`, at most {@link QUICK_RUNS})
 * @example
 * fc.assert(fc.property(events, holds), { numRuns: propertyRuns(20_000) });
 * fc.assert(fc.property(longStreams, holds), { numRuns: propertyRuns(15, 3) }); // a costly case: fewer by default
 */
export function propertyRuns(thorough: number, quick = Math.min(thorough, QUICK_RUNS)): number {
  const configured = process.env['PROPERTY_RUNS'];
  if (configured === undefined || configured === '') return quick;
  const runs = Number(configured);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new RangeError(`PROPERTY_RUNS must be a positive whole number of cases (got ${JSON.stringify(configured)})`);
  }
  return Math.max(quick, Math.min(runs, thorough));
}

/** The most cases a long property runs by default in a plain `npm test`. */
export const QUICK_RUNS = 100;

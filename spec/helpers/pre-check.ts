import fc from 'fast-check';
import type { z } from 'zod';
import { propertyRuns } from './property-runs';

// Generators and properties for the hand-written checks that run before a zod schema on the hot path. Such a
// check must never accept what the schema rejects: it is a shortcut past the schema, not a second opinion.
// Values are generated around the accepted shape, each part either right, slightly wrong or anything at all,
// so both sides of every condition are reached.

export const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true });
export const numbers = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0));
/** Mostly `arb`, sometimes anything at all. */
export const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: anything });
/** Mostly `usual`, sometimes one of `others`. */
export const usually = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
/** An object with the given optional keys, sometimes with unknown keys mixed in. */
export const record = (model: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []) =>
  fc
    .tuple(fc.record(model, { requiredKeys }), fc.option(fc.dictionary(fc.string(), anything, { maxKeys: 3 }), { nil: undefined }))
    .map(([known, extra]) => (extra ? { ...extra, ...known } : known));

/**
 * The three properties every pre-check must hold: on values generated around the common shape, on the same
 * values as `JSON.parse` makes them, and on any JSON at all, whatever `check` accepts `schema` accepts.
 */
export function itNeverAcceptsWhatTheSchemaRejects(
  check: (value: unknown) => boolean,
  schema: z.ZodType,
  aroundTheShape: fc.Arbitrary<unknown>,
): void {
  const holds = (value: unknown) => {
    if (check(value)) expect(schema.safeParse(value).success).toBe(true);
  };

  it('never accepts a value the schema rejects (generated around the common shape)', () => {
    fc.assert(fc.property(aroundTheShape, holds), { numRuns: propertyRuns(20_000, 1_000) });
  });

  it('never accepts a value the schema rejects (values as JSON.parse makes them)', () => {
    fc.assert(
      fc.property(aroundTheShape, (value) => {
        let text: string | undefined;
        try {
          text = JSON.stringify(value);
        } catch {
          return; // not representable as JSON (a BigInt, a cycle)
        }
        if (text !== undefined) holds(JSON.parse(text));
      }),
      { numRuns: propertyRuns(20_000, 1_000) },
    );
  });

  it('never accepts a value the schema rejects (any JSON at all)', () => {
    fc.assert(fc.property(fc.jsonValue(), holds), { numRuns: propertyRuns(5_000, 500) });
  });
}

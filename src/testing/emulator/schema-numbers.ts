/**
 * Numbers of structured answers and function arguments: a value within a number schema's `minimum`, `maximum`,
 * `exclusiveMinimum`, `exclusiveMaximum`, a multiple of its `multipleOf`, whole for `type: 'integer'`, as strict
 * Structured Outputs guarantee.
 */

/**
 * A number valid for `schema`: the first of `seen` (the conversation's values for it: its value of the same name, a
 * hint of the user's message) that the schema accepts; else 0 when it may; else the valid value nearest to 0: the
 * lower bound (or the upper bound, when both are below 0), a multiple of `multipleOf` (whole multiples for
 * integers) next to it, one beyond an exclusive bound, or the middle of two close exclusive bounds. A schema no
 * number satisfies gets its lower bound (else its upper bound, else 0).
 *
 * @example
 * numberFor({ type: 'number', minimum: 1, multipleOf: 5 }, false, []); // 5
 * numberFor({ type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 0.7 }, false, []); // 0.6
 * numberFor({ type: 'integer', exclusiveMinimum: 0 }, true, [undefined, 3]); // 3
 */
export function numberFor(schema: Readonly<Record<string, unknown>>, integer: boolean, seen: readonly unknown[]): number {
  const num = (key: string): number | undefined => (typeof schema[key] === 'number' && Number.isFinite(schema[key]) ? schema[key] : undefined);
  // draft 4 wrote exclusive bounds as booleans beside `minimum` / `maximum`
  const low = bound(num('minimum'), schema['exclusiveMinimum'] === true, num('exclusiveMinimum'), (a, b) => a > b);
  const high = bound(num('maximum'), schema['exclusiveMaximum'] === true, num('exclusiveMaximum'), (a, b) => a < b);
  const multipleOf = num('multipleOf') !== undefined && num('multipleOf')! > 0 ? num('multipleOf') : undefined;
  const valid = (n: number): boolean =>
    Number.isFinite(n) &&
    (low === undefined || (low.open ? n > low.at : n >= low.at)) &&
    (high === undefined || (high.open ? n < high.at : n <= high.at)) &&
    (!integer || Number.isInteger(n)) &&
    (multipleOf === undefined || isMultiple(n, multipleOf));
  const offered = seen.find((value): value is number => typeof value === 'number' && valid(value));
  if (offered !== undefined) return offered;
  if (valid(0)) return 0;

  const step = integer ? wholeStep(multipleOf) : multipleOf;
  const candidates: number[] = [];
  if (step === undefined) {
    if (low !== undefined && low.at >= 0) candidates.push(low.at, low.at + 1);
    if (high !== undefined && high.at <= 0) candidates.push(high.at, high.at - 1);
    if (low !== undefined && high !== undefined) candidates.push((low.at + high.at) / 2);
  } else {
    const lowest = low === undefined ? -Infinity : Math.ceil(low.at / step);
    const highest = high === undefined ? Infinity : Math.floor(high.at / step);
    const k = Math.min(Math.max(0, lowest), highest);
    for (const near of [k, k + 1, k - 1, k + 2, k - 2]) candidates.push(multiple(near, step));
  }
  return candidates.find(valid) ?? low?.at ?? high?.at ?? 0;
}

interface Bound {
  readonly at: number;
  readonly open: boolean;
}

/** The tighter of an inclusive bound (exclusive with draft 4's boolean) and an exclusive one. */
function bound(
  inclusive: number | undefined,
  draft4Exclusive: boolean,
  exclusive: number | undefined,
  tighter: (a: number, b: number) => boolean,
): Bound | undefined {
  const first = inclusive === undefined ? undefined : { at: inclusive, open: draft4Exclusive };
  if (exclusive === undefined) return first;
  return first === undefined || tighter(exclusive, first.at) || exclusive === first.at ? { at: exclusive, open: true } : first;
}

/** The step of the whole multiples of `multipleOf` (1 without one): 0.5 → 1, 0.3 → 3, 2.5 → 5. */
function wholeStep(multipleOf: number | undefined): number {
  if (multipleOf === undefined) return 1;
  if (Number.isInteger(multipleOf)) return multipleOf;
  const scale = 10 ** decimals(multipleOf);
  const scaled = Math.round(multipleOf * scale);
  return scaled / gcd(scaled, scale);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** How many decimals `x` is written with (`0.25` → 2, `1e-7` → 7). */
function decimals(x: number): number {
  const [mantissa = '', exponent = '0'] = String(x).split('e');
  return Math.max(0, (mantissa.split('.')[1] ?? '').length - Number(exponent));
}

/** `k * step` written with no more decimals than `step` (`3 * 0.1` → 0.3, not 0.30000000000000004). */
function multiple(k: number, step: number): number {
  const places = decimals(step);
  return places === 0 ? k * step : Number((k * step).toFixed(Math.min(places, 100)));
}

/** Whether `n` is `step` times a whole number, as written (`0.3` of `0.1`: yes; `5.0000000001` of `5`: no). */
function isMultiple(n: number, step: number): boolean {
  return n === multiple(Math.round(n / step), step);
}

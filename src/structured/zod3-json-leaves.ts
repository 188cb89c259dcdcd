/**
 * The JSON Schema of zod 3's leaf schemas, read from `_def`, for `zod3-json-schema.ts`: strings, numbers, literals,
 * enums, and a `.default()`'s value. Each says what zod 3's check accepts, in the keywords zod 4 uses; where zod 4
 * writes its own schema otherwise, this is kept, and pinned in spec/structured/zod3-schemas.spec.ts: a format's
 * `pattern` is zod 3's check (`date`, `datetime`, `time`, `email`), or none where the format says the check (zod 4's
 * pattern is of its own check, which may differ, as its uuid asks for a version digit); a pattern check without
 * zod 4's `format` of its name (`starts_with`, `cuid`, ...: no JSON Schema format); `.int()` without zod 4's
 * safe-integer bounds, and `.safe()` as a number, not an integer (zod 3's checks); a format and a regex on one string
 * as `format` and `pattern` (zod 4: an `allOf`).
 *
 * - String checks: lengths, the formats (`email`, `url` as `uri`, `uuid`, `datetime` as `date-time` but for local
 *   ones, `date`, `duration`, `ip` of one version; `email`, `datetime` and `date` with zod 3's check as a pattern,
 *   when the string has no other) and patterns (`regex`, `startsWith`, `endsWith`, `includes`, `cuid`, `cuid2`,
 *   `ulid`, `nanoid`, `emoji`, each the strings zod 3's check accepts; two or more are an `allOf`, which strict mode
 *   refuses). `time` writes no format (JSON Schema's asks for an offset, zod 3's time refuses one; zod 4 writes none
 *   either), but its check's pattern; `jwt` and `cidr` write nothing (zod 4 writes formats of those names); `base64`
 *   writes `contentEncoding`, refused by strict mode as zod 4's `z.base64()` is; `trim` and the case changes apply
 *   when parsing.
 * - Number checks: `int` (`integer`, without bounds: zod 3's int has none), the bounds (the tighter of a bound and
 *   an exclusive one), `multipleOf`.
 */
import { StructuredOutputSchemaError } from '../errors/structured-errors.js';
import { escapeRegExp } from './escape-reg-exp.js';
import { location, type JsonSchemaNode } from './strict-schema-rules.js';

/**
 * A zod 3 definition: its kind and the fields of that kind.
 *
 * @internal
 * @example
 * const def = z3.string()._def as Def; // { typeName: 'ZodString', checks: [], coerce: false }
 */
export type Def = { readonly typeName: string; readonly description?: unknown } & { readonly [field: string]: unknown };

/**
 * Where a part of the schema is written: the keys from the root of the JSON Schema.
 *
 * @internal
 * @example
 * const path: Path = ['properties', 'tags', 'items'];
 */
export type Path = readonly (string | number)[];

/**
 * Patterns for the string checks that have no JSON Schema format, each the set of strings zod 3's check accepts
 * (read from zod 3's checks; a case-insensitive check as both cases, since a pattern has no flags).
 */
const STRING_PATTERNS: Readonly<Record<string, string>> = {
  // `.cuid()`: a `c` of either case, then eight or more characters, none a hyphen or white space.
  cuid: '^[Cc][^-\\s]{8,}$',
  // `.cuid2()`: one or more lower-case ASCII letters and digits.
  cuid2: '^[a-z0-9]+$',
  // `.ulid()`: 26 characters of Crockford's base 32 (digits, letters but I, L, O and U), of either case.
  ulid: '^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$',
  // `.nanoid()`: 21 characters, each an ASCII letter of either case, a digit, `_` or `-`.
  nanoid: '^[0-9A-Za-z_-]{21}$',
  // `.emoji()`: one or more characters, each pictographic or an emoji component (zod 3's Unicode properties).
  emoji: '^[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$',
};

/** zod 3's date check: a day that exists, a leap day only in a leap year (zod 4's check is the same). */
const DATE = '((\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\\d|3[01])|(0[469]|11)-(0[1-9]|[12]\\d|30)|(02)-(0[1-9]|1\\d|2[0-8])))';

/** zod 3's time of day, seconds optional unless a `precision` above 0 asks for that many digits (0: none). */
function timeOfDay(precision: unknown): string {
  const fraction = precision ? `\\.\\d{${precision as number}}` : precision == null ? '(\\.\\d+)?' : '';
  // `+` as zod 3 writes it (seconds repeated too): the pattern accepts what the check accepts.
  return `([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d${fraction})${precision ? '+' : '?'}`;
}

/**
 * The patterns of zod 3's checks that a JSON Schema `format` (or nothing) would say too widely, each the strings the
 * check accepts, written from its options as zod 3 builds its own regular expression: `date-time` takes offsets and
 * any fraction of a second where `.datetime()` takes `Z` alone unless `offset`, and the digits `precision` says;
 * `email` takes quoted names and more characters than `.email()`; `time` has no format here (JSON Schema's asks for
 * an offset). `date`'s calendar rule is the format's too, said here as zod 4 says it. zod 4 writes a pattern of its
 * own check for each.
 */
function formatPattern(check: Check): string | undefined {
  switch (check.kind) {
    case 'date':
      return `^${DATE}$`;
    case 'time':
      return `^${timeOfDay(check['precision'])}$`;
    case 'datetime': {
      const zone = [check['local'] === true ? 'Z?' : 'Z', ...(check['offset'] === true ? ['([+-]\\d{2}:?\\d{2})'] : [])];
      return `^${DATE}T${timeOfDay(check['precision'])}(${zone.join('|')})$`;
    }
    case 'email':
      // Not starting with a dot, no two dots in a row (zod 3 says so with look-aheads, written here without).
      return "^([A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";
    default:
      return undefined;
  }
}

/** The JSON Schema formats of zod 3's string checks (those with one). */
const STRING_FORMATS: Readonly<Record<string, string>> = {
  email: 'email',
  url: 'uri',
  uuid: 'uuid',
  datetime: 'date-time',
  date: 'date',
  duration: 'duration',
};

/**
 * The refusal of a part of the schema JSON Schema cannot say, at its JSON Schema location (with the error that
 * caused it, if one did).
 *
 * @internal
 * @example
 * throw refusal('Date cannot be represented in JSON Schema', ['properties', 'when']);
 */
export function refusal(problem: string, path: Path, cause?: unknown): StructuredOutputSchemaError {
  return new StructuredOutputSchemaError(problem, location(path), cause === undefined ? undefined : { cause });
}

/**
 * A check of a string or number definition (`{ kind: 'min', value: 2 }`).
 *
 * @example
 * const check: Check = { kind: 'email' };
 */
type Check = { readonly kind: string; readonly [field: string]: unknown };

/**
 * The checks of a string or number definition.
 *
 * @internal
 * @example
 * checksOf(z3.string().min(2)._def as Def); // [{ kind: 'min', value: 2 }]
 */
export function checksOf(def: Def): readonly Check[] {
  return Array.isArray(def['checks']) ? (def['checks'] as Check[]) : [];
}

/**
 * A string's schema, from its checks.
 *
 * @internal
 * @example
 * stringNode(checksOf(z3.string().email().max(64)._def as Def)); // { type: 'string', maxLength: 64, format: 'email' }
 */
export function stringNode(checks: readonly Check[]): JsonSchemaNode {
  let minLength: number | undefined;
  let maxLength: number | undefined;
  let format: string | undefined;
  let contentEncoding: string | undefined;
  const patterns: string[] = [];
  const formatPatterns: string[] = [];
  for (const check of checks) {
    const value = check['value'];
    switch (check.kind) {
      case 'min':
        minLength = Math.max(minLength ?? 0, value as number);
        break;
      case 'max':
        maxLength = Math.min(maxLength ?? Infinity, value as number);
        break;
      case 'length':
        minLength = Math.max(minLength ?? 0, value as number);
        maxLength = Math.min(maxLength ?? Infinity, value as number);
        break;
      case 'regex':
        patterns.push((check['regex'] as RegExp).source);
        break;
      case 'startsWith':
        patterns.push(`^${escapeRegExp(String(value))}`);
        break;
      case 'endsWith':
        patterns.push(`${escapeRegExp(String(value))}$`);
        break;
      case 'includes': {
        const position = check['position'];
        const before = typeof position === 'number' && position > 0 ? `^[\\s\\S]{${position},}` : '';
        patterns.push(`${before}${escapeRegExp(String(value))}`);
        break;
      }
      case 'ip':
        // A version-less ip is either format: neither one says it.
        if (check['version'] === 'v4' || check['version'] === 'v6') format = `ip${check['version']}`;
        break;
      case 'base64':
      case 'base64url':
        contentEncoding = check.kind; // refused by strict mode, as zod 4's `z.base64()` is
        break;
      case 'datetime':
        // A local datetime has no offset, which `date-time` asks for.
        if (check['local'] !== true) format = 'date-time';
        formatPatterns.push(formatPattern(check)!);
        break;
      case 'time':
      case 'date':
      case 'email':
        if (STRING_FORMATS[check.kind] !== undefined) format = STRING_FORMATS[check.kind];
        formatPatterns.push(formatPattern(check)!);
        break;
      default: {
        const pattern = STRING_PATTERNS[check.kind];
        if (pattern !== undefined) patterns.push(pattern);
        else if (STRING_FORMATS[check.kind] !== undefined) format = STRING_FORMATS[check.kind];
        // `jwt`, `cidr`, `trim`, `toLowerCase`, `toUpperCase`: no keyword; checked when parsing.
      }
    }
  }
  // A format check's pattern, when no other pattern is there: two would be an `allOf`, which strict mode refuses,
  // so a format and a regex stay `format` and `pattern` (zod 3 checks the rest when the answer is parsed).
  if (patterns.length === 0 && formatPatterns.length === 1) patterns.push(formatPatterns[0]!);
  return {
    type: 'string',
    ...lengths(minLength, maxLength),
    ...(format ? { format } : {}),
    ...(contentEncoding ? { contentEncoding } : {}),
    ...(patterns.length === 1 ? { pattern: patterns[0] } : {}),
    // Every pattern must match: `allOf` (zod 4 writes the same), which strict mode refuses.
    ...(patterns.length > 1 ? { allOf: patterns.map((pattern) => ({ type: 'string', pattern })) } : {}),
  };
}

function lengths(min: number | undefined, max: number | undefined): JsonSchemaNode {
  return { ...(min !== undefined ? { minLength: min } : {}), ...(max !== undefined ? { maxLength: max } : {}) };
}

/**
 * A number's schema, from its checks.
 *
 * @internal
 * @example
 * numberNode(checksOf(z3.number().int().positive()._def as Def), []); // { type: 'integer', exclusiveMinimum: 0 }
 */
export function numberNode(checks: readonly Check[], path: Path): JsonSchemaNode {
  let integer = false;
  let minimum: number | undefined;
  let exclusiveMinimum: number | undefined;
  let maximum: number | undefined;
  let exclusiveMaximum: number | undefined;
  const divisors: number[] = [];
  for (const check of checks) {
    const value = check['value'] as number;
    if (check.kind === 'int') integer = true;
    else if (check.kind === 'min') {
      if (check['inclusive'] === false) exclusiveMinimum = Math.max(exclusiveMinimum ?? -Infinity, value);
      else minimum = Math.max(minimum ?? -Infinity, value);
    } else if (check.kind === 'max') {
      if (check['inclusive'] === false) exclusiveMaximum = Math.min(exclusiveMaximum ?? Infinity, value);
      else maximum = Math.min(maximum ?? Infinity, value);
    } else if (check.kind === 'multipleOf') {
      if (!Number.isFinite(value) || value === 0) throw refusal(`A multipleOf divisor of ${value} cannot be represented in JSON Schema`, path);
      if (!divisors.includes(Math.abs(value))) divisors.push(Math.abs(value));
    }
    // `finite`: every JSON number is.
  }
  // Of a bound and an exclusive bound, the tighter one.
  const exMin = exclusiveMinimum !== undefined && exclusiveMinimum >= (minimum ?? -Infinity);
  const exMax = exclusiveMaximum !== undefined && exclusiveMaximum <= (maximum ?? Infinity);
  const [first, ...more] = divisors;
  return {
    type: integer ? 'integer' : 'number',
    ...(exMin ? { exclusiveMinimum } : minimum !== undefined ? { minimum } : {}),
    ...(exMax ? { exclusiveMaximum } : maximum !== undefined ? { maximum } : {}),
    ...(first !== undefined ? { multipleOf: first } : {}),
    ...(more.length > 0 ? { allOf: more.map((m) => ({ multipleOf: m })) } : {}),
  };
}

/**
 * A literal's schema (`const`), or the refusal of a value JSON has not.
 *
 * @internal
 * @example
 * literalNode('circle', []); // { type: 'string', const: 'circle' }
 */
export function literalNode(value: unknown, path: Path): JsonSchemaNode {
  if (value === null) return { type: 'null', const: null };
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return { type: typeof value, const: value };
  }
  if (typeof value === 'bigint') throw refusal('BigInt literals cannot be represented in JSON Schema', path);
  if (value === undefined) throw refusal('Literal `undefined` cannot be represented in JSON Schema', path);
  throw refusal(`A literal ${typeof value === 'number' ? String(value) : `of type ${typeof value}`} cannot be represented in JSON Schema`, path);
}

/**
 * An enum's schema, typed when its values are all strings or all numbers.
 *
 * @internal
 * @example
 * enumNode(['C', 'F']); // { type: 'string', enum: ['C', 'F'] }
 */
export function enumNode(values: readonly unknown[]): JsonSchemaNode {
  if (values.length === 0) return { not: {} }; // accepts nothing, as zod 4 writes it
  const type = values.every((v) => typeof v === 'string') ? 'string' : values.every((v) => typeof v === 'number') ? 'number' : undefined;
  return { ...(type ? { type } : {}), enum: [...values] };
}

/**
 * A TypeScript enum's values, without the reverse entries of its numeric members (as zod 3 reads it).
 *
 * @internal
 * @example
 * nativeEnumValues({ Up: 0, Down: 1, 0: 'Up', 1: 'Down' }); // [0, 1]
 */
export function nativeEnumValues(values: unknown): unknown[] {
  if (typeof values !== 'object' || values === null) return [];
  const object = values as Record<string, unknown>;
  return Object.keys(object)
    .filter((key) => typeof object[String(object[key])] !== 'number')
    .map((key) => object[key]);
}

/**
 * A `.default()`'s value as JSON (`default`), or the refusal of a bigint.
 *
 * @internal
 * @example
 * defaultValue(z3.string().default('d')._def as Def, []); // { default: 'd' }
 */
export function defaultValue(def: Def, path: Path): JsonSchemaNode {
  const value = (def['defaultValue'] as () => unknown)();
  let bigint = false;
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? ((bigint = true), null) : v));
  if (bigint) throw refusal('BigInt defaults cannot be represented in JSON Schema', path);
  return text === undefined ? {} : { default: JSON.parse(text) as unknown };
}

/**
 * Strings of structured answers and function arguments: a value for a string schema that honours its `format`,
 * `pattern`, `minLength` and `maxLength`, as strict Structured Outputs guarantee. The value is the first candidate
 * that satisfies them all: the conversation's values for it (its value of the same name, a hint of the user's
 * message), the scripted text, the property's name (or, for a known format, its examples), then for a pattern every
 * format's examples and strings built from the pattern, then those texts cut or padded to the lengths.
 */

/** Examples of a known `format`, and the check a value from the conversation must pass to be used instead. */
interface FormatRule {
  readonly examples: readonly string[];
  readonly check: RegExp;
}

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/i;
const EMAIL: FormatRule = { examples: ['user@example.com'], check: /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/ };
const HOSTNAME: FormatRule = {
  examples: ['example.com'],
  check: /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
};
// A hint is taken for a `uri` only when it is a web address with a domain name: schemas often narrow a URL further
// than their JSON Schema says (zod's `z.url({ protocol: /^https?$/, hostname })` writes `format: uri` alone), and
// any URI (`A:`, `mailto:x`) would pass the format but not them.
const URI: FormatRule = {
  examples: ['https://example.com/'],
  check: /^https?:\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?([/?#]\S*)?$/i,
};
const URI_REFERENCE: FormatRule = { examples: ['https://example.com/'], check: /^\S*$/ };

// The formats of JSON Schema (those strict Structured Outputs accept first) and zod's `z.jwt()`, `z.emoji()`,
// `z.cidrv4()` and `z.cidrv6()`.
// Several examples where schemas often narrow a format with a pattern (zod's `z.iso.datetime({ precision: 3 })`,
// `z.uuidv4()`): the first one the pattern accepts is taken.
const FORMATS: Readonly<Record<string, FormatRule>> = {
  'date-time': {
    examples: [
      '2024-01-01T12:00:00Z',
      '2024-01-01T12:00:00.000Z',
      '2024-01-01T12:00:00+00:00',
      '2024-01-01T12:00:00.000+00:00',
      '2024-01-01T12:00:00',
    ],
    check: DATE_TIME,
  },
  date: { examples: ['2024-01-01'], check: /^\d{4}-\d\d-\d\d$/ },
  time: {
    examples: ['12:00:00Z', '12:00:00', '12:00:00.000Z', '12:00:00+00:00', '12:00'],
    check: /^\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?$/i,
  },
  duration: { examples: ['P1D', 'PT1H'], check: /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/ },
  email: EMAIL,
  'idn-email': EMAIL,
  hostname: HOSTNAME,
  'idn-hostname': HOSTNAME,
  ipv4: { examples: ['192.0.2.1'], check: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/ },
  ipv6: { examples: ['2001:db8::1'], check: /^(?=[^:]*:[^:]*:)[0-9a-f:]{2,39}$/i },
  uuid: {
    examples: [
      '123e4567-e89b-12d3-a456-426614174000',
      'f47ac10b-58cc-4372-a567-0e02b2c3d479',
      '01890a5d-ac96-7b4b-bcce-b302099a8057',
    ],
    check: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  },
  uri: URI,
  iri: URI,
  'uri-reference': URI_REFERENCE,
  'iri-reference': URI_REFERENCE,
  'uri-template': { examples: ['https://example.com/{id}'], check: /^\S*$/ },
  'json-pointer': { examples: ['/a'], check: /^(\/([^~/]|~[01])*)*$/ },
  'relative-json-pointer': { examples: ['0'], check: /^\d+(#|(\/([^~/]|~[01])*)*)$/ },
  jwt: {
    examples: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl'],
    check: /^[\w-]+\.[\w-]+\.[\w-]*$/,
  },
  emoji: { examples: ['👍'], check: /^\p{Extended_Pictographic}+$/u },
  cidrv4: { examples: ['192.0.2.0/24'], check: /^[\d.]+\/\d+$/ },
  cidrv6: { examples: ['2001:db8::/32'], check: /^[0-9a-f:]+\/\d+$/i },
};

/** Every format's examples: tried against a pattern before strings built from it (`^\d{4}-\d\d-\d\d$`: a date). */
const EXAMPLES: readonly string[] = [...new Set(Object.values(FORMATS).flatMap((rule) => rule.examples))];

/**
 * Where a string of a structured answer or function argument may come from: the conversation's values for it, best
 * first (`seen`: its value of the same name, a hint of the user's message), the scripted text while no string took
 * it (`text`), the property's name (`name`).
 *
 * @example
 * const sources: StringSources = { seen: [undefined, 'Oslo'], text: 'You said: Hi', name: 'city' };
 */
export interface StringSources {
  readonly seen: readonly unknown[];
  readonly text: string | undefined;
  readonly name: string;
}

/**
 * A string valid for `schema`: the first of the candidates (see the module comment) that has the schema's
 * `format` (for the formats above; other formats are not checked), matches its `pattern` (when JavaScript compiles
 * it) and has its lengths. When none does (a pattern this generator cannot satisfy, lengths no example has), the
 * scripted text or the name cut or padded with `x` to the lengths: that string may break the pattern or format.
 *
 * @example
 * stringFor({ type: 'string', format: 'email' }, { seen: [], text: 'You said: Hi', name: 'contact' }); // 'user@example.com'
 * stringFor({ type: 'string', pattern: '^[A-Z]{3}$' }, { seen: [], text: 'You said: Hi', name: 'code' }); // 'AAA'
 * stringFor({ type: 'string', maxLength: 3 }, { seen: [], text: 'You said: Hi', name: 'code' }); // 'You'
 */
export function stringFor(schema: Readonly<Record<string, unknown>>, sources: StringSources): string {
  const format = typeof schema['format'] === 'string' ? FORMATS[schema['format']] : undefined;
  const pattern = typeof schema['pattern'] === 'string' ? compile(schema['pattern']) : undefined;
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  const valid = (value: string): boolean =>
    [...value].length >= min && value.length <= max && (format?.check.test(value) ?? true) && (pattern?.test(value) ?? true);

  const own = sources.text ?? sources.name;
  const candidates = [
    ...sources.seen.filter((value): value is string => typeof value === 'string'),
    ...(format === undefined ? [own, sources.name] : format.examples),
    ...(pattern === undefined ? [] : [...EXAMPLES, ...patternExamples(pattern, min)]),
  ];
  const fitted = [fit(own, min, max), fit(sources.name, min, max)];
  return [...candidates, ...fitted].find(valid) ?? fitted[0]!;
}

/** The longest string built or padded (a longer `minLength` is not met). */
const LONGEST = 100_000;

/** `text` cut to `max` UTF-16 units (whole characters) and padded with `x` to `min` characters. */
function fit(text: string, min: number, max: number): string {
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max) break;
    cut += char;
  }
  const missing = Math.min(min, LONGEST) - [...cut].length;
  return missing > 0 ? cut + 'x'.repeat(missing) : cut;
}

/** The pattern as a `RegExp` (Unicode mode first, as JSON Schema reads patterns), or `undefined` if neither compiles. */
function compile(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try the next mode
    }
  }
  return undefined;
}

type PatternNode =
  | { readonly kind: 'sequence'; readonly items: readonly PatternNode[] }
  | { readonly kind: 'choice'; readonly options: readonly PatternNode[] }
  | { readonly kind: 'repeat'; readonly node: PatternNode; readonly min: number; readonly max: number }
  | { readonly kind: 'char'; readonly source: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'impossible' };

// Tried in order for a character class, an escape or `.`: the first the atom accepts is used.
const CHARACTERS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...' _-.,:;/+=@#!?~*()[]{}<>|&%$^\'"`\\\t\n',
  'é',
  '👍',
  '\u20e3',
];

/**
 * Strings built from a pattern, shortest first: each repetition `n` times within its bounds (n = 0, 1, 2, 3,
 * `minLength`, 8, 32), each alternation its first or its last branch, each character class, escape or `.` its first
 * accepted character among letters, digits, punctuation and a few others. Lookarounds and word boundaries are left
 * out (the final check against the whole pattern tells); a back-reference gives nothing.
 */
function patternExamples(pattern: RegExp, minLength: number): string[] {
  const tree = parse(pattern.source);
  if (tree === undefined) return [];
  const picked = new Map<string, string | undefined>();
  const pick = (source: string): string | undefined => {
    if (!picked.has(source)) {
      let atom: RegExp | undefined;
      try {
        atom = new RegExp(`^(?:${source})$`, pattern.flags);
      } catch {
        atom = undefined;
      }
      picked.set(source, atom === undefined ? undefined : CHARACTERS.find((char) => atom.test(char)));
    }
    return picked.get(source);
  };
  const examples = new Set<string>();
  for (const times of [0, 1, 2, 3, minLength, 8, 32]) {
    for (const lastBranch of [false, true]) {
      const example = build(tree, { times, lastBranch, pick });
      if (example !== undefined) examples.add(example);
    }
  }
  return [...examples];
}

interface BuildOptions {
  readonly times: number;
  readonly lastBranch: boolean;
  readonly pick: (source: string) => string | undefined;
}

function build(node: PatternNode, options: BuildOptions): string | undefined {
  switch (node.kind) {
    case 'sequence': {
      let text = '';
      for (const item of node.items) {
        const part = build(item, options);
        if (part === undefined) return undefined;
        text += part;
      }
      return text;
    }
    case 'choice':
      return build(node.options[options.lastBranch ? node.options.length - 1 : 0]!, options);
    case 'repeat': {
      const count = Math.min(node.max, Math.max(node.min, options.times));
      if (count === 0) return '';
      const once = build(node.node, options);
      return once === undefined || once.length * count > LONGEST ? undefined : once.repeat(count);
    }
    case 'char':
      return options.pick(node.source);
    case 'literal':
      return node.text;
    case 'empty':
      return '';
    case 'impossible':
      return undefined;
  }
}

/** The tree of a pattern's syntax (ECMAScript), or `undefined` when it cannot be read. */
function parse(source: string): PatternNode | undefined {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`pattern: unexpected ${JSON.stringify(source.slice(at, at + 8))}`);
  };
  const upTo = (close: string, from: number): number => {
    const end = source.indexOf(close, from);
    return end === -1 ? fail() : end + 1;
  };

  const choice = (): PatternNode => {
    const options = [sequence()];
    while (source[at] === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'choice', options };
  };
  const sequence = (): PatternNode => {
    const items: PatternNode[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') items.push(quantified(atom()));
    return { kind: 'sequence', items };
  };
  const group = (): PatternNode => {
    at++; // (
    let lookaround = false;
    if (source.startsWith('?:', at)) at += 2;
    else if (source.startsWith('?=', at) || source.startsWith('?!', at)) [at, lookaround] = [at + 2, true];
    else if (source.startsWith('?<=', at) || source.startsWith('?<!', at)) [at, lookaround] = [at + 3, true];
    else if (source.startsWith('?<', at)) at = upTo('>', at);
    else if (source[at] === '?') fail();
    const inner = choice();
    if (source[at] !== ')') fail();
    at++;
    return lookaround ? { kind: 'empty' } : inner;
  };
  const characterClass = (): PatternNode => {
    let end = at + 1;
    if (source[end] === '^') end++;
    if (source[end] === ']') end++;
    while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
    if (end >= source.length) fail();
    const node: PatternNode = { kind: 'char', source: source.slice(at, end + 1) };
    at = end + 1;
    return node;
  };
  const escape = (): PatternNode => {
    const next = source[at + 1] ?? fail();
    const start = at;
    if (/[1-9]/.test(next)) {
      at += 2;
      while (/[0-9]/.test(source[at] ?? '')) at++;
      return { kind: 'impossible' };
    }
    if (next === 'k') {
      at = upTo('>', at);
      return { kind: 'impossible' };
    }
    if (next === 'b' || next === 'B') {
      at += 2;
      return { kind: 'empty' };
    }
    if ((next === 'p' || next === 'P' || next === 'u') && source[at + 2] === '{') at = upTo('}', at);
    else if (next === 'u') at += 6;
    else if (next === 'x') at += 4;
    else if (next === 'c') at += 3;
    else at += 2;
    return { kind: 'char', source: source.slice(start, at) };
  };
  const atom = (): PatternNode => {
    const char = source[at]!;
    if (char === '(') return group();
    if (char === '[') return characterClass();
    if (char === '\\') return escape();
    if (char === '*' || char === '+' || char === '?') fail();
    at++;
    if (char === '^' || char === '$') return { kind: 'empty' };
    if (char === '.') return { kind: 'char', source: '.' };
    const code = char.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && at < source.length) return { kind: 'literal', text: char + source[at++] };
    return { kind: 'literal', text: char };
  };
  const quantified = (node: PatternNode): PatternNode => {
    let bounds: [number, number] | undefined;
    const char = source[at];
    if (char === '*') bounds = [0, Infinity];
    else if (char === '+') bounds = [1, Infinity];
    else if (char === '?') bounds = [0, 1];
    if (bounds !== undefined) at++;
    else if (char === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (braces !== null) {
        const min = Number(braces[1]);
        bounds = [min, braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3])];
        at += braces[0].length;
      }
    }
    if (bounds === undefined) return node;
    if (source[at] === '?') at++; // lazy: the same strings
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  };

  try {
    const tree = choice();
    return at === source.length ? tree : undefined;
  } catch {
    return undefined;
  }
}

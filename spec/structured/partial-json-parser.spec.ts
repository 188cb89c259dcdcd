import fc from 'fast-check';
import { StructuredOutputError, StructuredOutputParseError } from '../../src/index';
import { createPartialJsonParser } from '../../src/structured';
import { binaryUnit } from '../helpers/binary-unit';
import { propertyRuns } from '../helpers/property-runs';

const numRuns = propertyRuns(5_000, 60);

/**
 * `partial` is what the parser may show while `final` streams: the same primitive, a prefix of the string, an
 * array whose elements are partials (all but the last complete), an object whose keys are a subset with partial
 * values (all but the last key in text order complete).
 */
function isDeepPartial(partial: unknown, final: unknown): boolean {
  if (typeof final === 'string') return typeof partial === 'string' && final.startsWith(partial);
  if (Array.isArray(final)) {
    if (!Array.isArray(partial) || partial.length > final.length) return false;
    return partial.every((p, i) => (i < partial.length - 1 ? deepEqual(p, final[i]) : isDeepPartial(p, final[i])));
  }
  if (typeof final === 'object' && final !== null) {
    if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) return false;
    const keys = Object.keys(partial);
    return keys.every((key, i) => {
      if (!Object.prototype.hasOwnProperty.call(final, key)) return false;
      const p = (partial as Record<string, unknown>)[key];
      const f = (final as Record<string, unknown>)[key];
      return i < keys.length - 1 ? deepEqual(p, f) : isDeepPartial(p, f);
    });
  }
  return Object.is(partial, final);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as never)[k], (b as never)[k]));
}

/**
 * Between two consecutive values, everything finished is shared: all array elements but the last and all object
 * properties but the last keep their identity.
 */
function sharesFinishedParts(previous: unknown, next: unknown): boolean {
  if (previous === next || typeof previous !== 'object' || previous === null) return true;
  if (typeof next !== 'object' || next === null) return false;
  if (Array.isArray(previous)) {
    const n = next as unknown[];
    for (let i = 0; i < previous.length - 1; i++) if (n[i] !== previous[i]) return false;
    return previous.length === 0 || sharesFinishedParts(previous[previous.length - 1], n[previous.length - 1]);
  }
  const keys = Object.keys(previous);
  const p = previous as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) if (n[keys[i]!] !== p[keys[i]!]) return false;
  return keys.length === 0 || sharesFinishedParts(p[keys[keys.length - 1]!], n[keys[keys.length - 1]!]);
}

/** Feeds `pieces` and checks every returned value against the final one; returns the final value. */
function feed(pieces: readonly string[]): unknown {
  const text = pieces.join('');
  const expected: unknown = JSON.parse(text);
  const parser = createPartialJsonParser();
  const seen: { value: unknown; copy: unknown }[] = [];
  let previous: unknown = undefined;
  let sofar = '';
  for (const piece of pieces) {
    const value = parser.push(piece);
    sofar += piece;
    // A prefix that is already a whole document (other than a number, which may still grow) shows exactly it.
    let whole: { value: unknown } | undefined;
    try {
      whole = { value: JSON.parse(sofar) };
    } catch {
      whole = undefined;
    }
    // Plain checks rather than `expect` in this loop (it runs for every character of every document, and each
    // `expect()` call builds an error for its stack): a failure throws, naming the piece and the document.
    const fail = (what: string): never => {
      throw new Error(`${what} after ${JSON.stringify(piece)}: ${JSON.stringify(value)} of ${text}`);
    };
    if (whole && typeof whole.value !== 'number' && !deepEqual(value, whole.value)) fail('not the whole document');
    if (parser.value !== value) fail('parser.value is not what push() returned');
    if (value !== previous) {
      // A new value only when something visible changed, sharing what was finished.
      if (deepEqual(value, previous)) fail('a new value equal to the previous one');
      if (!sharesFinishedParts(previous, value)) fail('a new value not sharing the finished parts');
      seen.push({ value, copy: structuredClone(value) });
    }
    if (value !== undefined && !isDeepPartial(value, expected)) fail('not a deep partial');
    previous = value;
  }
  const final = parser.end();
  expect(deepEqual(final, expected)).toBe(true);
  // Values handed out are never mutated afterwards.
  expect(seen.filter(({ value, copy }) => !deepEqual(value, copy))).toEqual([]);
  return final;
}

/** Splits `text` at the given cut points (any numbers; taken modulo the length). */
function split(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const tricky = [
  '{"a":"x\\"y\\\\z\\/\\b\\f\\n\\r\\t"}',
  '"\\uD83D\\uDE00 and \\u00e9 and \\u20AC"',
  '["😀", "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\uD800"]',
  '[[[]],[[1,[2,[3]]]],{},{"a":{"b":{"c":[]}}}]',
  '[0, -0, 1e5, 1E+5, 1.5e-3, -12.25E2, 123456789012345678901234567890, 0.1]',
  ' \n\t{ "a" :\r\n [ 1 , 2 ] , "b" : { } }\n ',
  '{"__proto__": {"polluted": true}, "constructor": 1}',
  '[true,false,null,"",{},[]]',
  '12',
  '-0.5e10',
  'true',
  'null',
  '""',
  '"\\u0000\\u001f"',
];

describe('createPartialJsonParser', () => {
  it('shows strings as they grow, numbers once ended, keys once their value starts', () => {
    const parser = createPartialJsonParser();
    expect(parser.push('{"ci')).toEqual({});
    expect(parser.push('ty": ')).toEqual({});
    expect(parser.push('"Pa')).toEqual({ city: 'Pa' });
    expect(parser.push('ris", "temp": 2')).toEqual({ city: 'Paris' });
    expect(parser.push('1.5')).toEqual({ city: 'Paris' });
    expect(parser.push(', "days": [tr')).toEqual({ city: 'Paris', temp: 21.5, days: [] });
    expect(parser.push('ue, {"x": null')).toEqual({ city: 'Paris', temp: 21.5, days: [true, { x: null }] });
    expect(parser.push('}]}')).toEqual({ city: 'Paris', temp: 21.5, days: [true, { x: null }] });
    expect(parser.end()).toEqual({ city: 'Paris', temp: 21.5, days: [true, { x: null }] });
  });

  it('returns the same reference when nothing visible changed, and the end value is that reference', () => {
    const parser = createPartialJsonParser();
    const a = parser.push('{"a": [1, 2');
    expect(parser.push('3')).toBe(a);
    expect(parser.push(' ')).not.toBe(a); // 23 ended
    const b = parser.value;
    expect(b).toEqual({ a: [1, 23] });
    expect(parser.push(']  }')).toBe(b);
    expect(parser.end()).toBe(b);
  });

  it('keeps finished parts identical across values (structural sharing)', () => {
    const parser = createPartialJsonParser();
    const first = parser.push('{"done": {"x": [1, 2]}, "items": [{"a": 1}, {"b": "x') as {
      done: unknown;
      items: unknown[];
    };
    const second = parser.push('yz') as typeof first;
    expect(second).not.toBe(first);
    expect(second.done).toBe(first.done);
    expect(second.items[0]).toBe(first.items[0]);
    expect(second.items[1]).toEqual({ b: 'xyz' });
  });

  it('holds back a split surrogate pair and a partial escape', () => {
    const parser = createPartialJsonParser();
    expect(parser.push('"a\\uD8')).toBe('a');
    expect(parser.push('3D')).toBe('a');
    expect(parser.push('\\uDE')).toBe('a');
    expect(parser.push('00')).toBe('a😀');
    expect(parser.push('\\')).toBe('a😀');
    expect(parser.push('n"')).toBe('a😀\n');
    expect(parser.end()).toBe('a😀\n');
    const raw = createPartialJsonParser();
    expect(raw.push('"😀'.slice(0, 2))).toBe(''); // the high half of a raw pair
    expect(raw.push('😀'.slice(1) + '"')).toBe('😀');
  });

  it('makes `__proto__` an own property, as JSON.parse does', () => {
    const value = feed(['{"__proto__": {"polluted": ', 'true}}']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(tricky)('parses %s like JSON.parse, whole, one character at a time, and in every two pieces', (text) => {
    feed([text]);
    feed([...text]);
    for (let i = 0; i <= text.length; i++) feed([text.slice(0, i), text.slice(i)]);
  });

  it('every prefix of generated documents is a deep partial; every split gives JSON.parse', () => {
    const documents = fc.oneof(
      fc.json(),
      // Any UTF-16 (lone surrogates too), raw and pretty-printed, and every non-ASCII character as a \u escape.
      fc.json({ stringUnit: binaryUnit }),
      fc.jsonValue({ stringUnit: binaryUnit }).map((v) => JSON.stringify(v, null, 2)),
      fc.jsonValue({ stringUnit: binaryUnit }).map((v) => JSON.stringify(v).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)),
    );
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        feed(split(text, cuts));
        feed([...text]);
      }),
      { numRuns },
    );
  });

  it('refuses what JSON.parse refuses, with a typed error (mutated documents)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', 'x', '0', ':', ' ', '\u0001'), (text, at, insert) => {
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(mutated);
        } catch {
          valid = false;
        }
        const parser = createPartialJsonParser();
        let error: unknown;
        let value: unknown;
        try {
          for (const ch of mutated) parser.push(ch);
          value = parser.end();
        } catch (e) {
          error = e;
        }
        if (valid) {
          expect(error).toBeUndefined();
          expect(deepEqual(value, expected)).toBe(true);
        } else {
          expect(error).toBeInstanceOf(StructuredOutputParseError);
        }
      }),
      { numRuns },
    );
  });

  it.each([
    ['{"a": tru!', 'unexpected character "!" in true', 9, '$.a'],
    ['[1, 2,]', 'where a value should start', 6, '$[2]'],
    ['{"a": 01}', 'expected "," or "}"', 7, '$.a'],
    ['{"a": -x}', 'in a number', 7, '$.a'],
    ['[1.e5]', 'in a number', 3, '$[0]'],
    ['{"a" 1}', 'expected ":"', 5, '$.a'],
    ['{"a": "x\ny"}', 'control character', 8, '$.a'],
    ['{"a": "\\x"}', 'bad escape', 8, '$.a'],
    ['"\\u12G4"', 'bad \\u escape digit', 5, '$'],
    ['{"a": 1} {', 'after the value', 9, '$'],
    ['{"a": [1}', 'expected "," or "]"', 8, '$.a[0]'],
    ['{1: 2}', 'where a key should start', 1, '$'],
  ])('%j fails with StructuredOutputParseError (%s at %d, %s)', (text, what, offset, path) => {
    const parser = createPartialJsonParser();
    let error: unknown;
    try {
      for (const ch of text) parser.push(ch);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect(error).toBeInstanceOf(StructuredOutputError);
    const e = error as StructuredOutputParseError;
    expect(e.reason).toBe('invalid_json');
    expect(e.message).toContain(what);
    expect(e.offset).toBe(offset);
    expect(e.path).toBe(path);
    expect(e.excerpt).toBe(text.slice(0, offset + 1));
    // A failed parser keeps failing the same way.
    expect(() => parser.push('1')).toThrow(e);
  });

  it.each([
    ['', 'no JSON value'],
    ['   ', 'no JSON value'],
    ['{"a": [1, 2', 'ended before the value was complete'],
    ['"abc', 'ended before the value was complete'],
    ['-', 'ended before the value was complete'],
    ['1e', 'ended before the value was complete'],
    ['tru', 'ended before the value was complete'],
  ])('an early end of %j is a StructuredOutputParseError', (text, what) => {
    const parser = createPartialJsonParser();
    parser.push(text);
    expect(() => parser.end()).toThrow(StructuredOutputParseError);
    expect(() => parser.end()).toThrow(what);
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"a": 1, "a": {"b": 2}}';
    const parser = createPartialJsonParser();
    for (const ch of text) parser.push(ch);
    expect(parser.end()).toEqual(JSON.parse(text));
  });

  it('refuses text after end()', () => {
    const parser = createPartialJsonParser();
    parser.push('1');
    expect(parser.end()).toBe(1);
    expect(() => parser.push('2')).toThrow(StructuredOutputParseError);
  });

  it('parses a large document fed in small pieces, with a new value for each visible change', () => {
    const doc = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ id: i, text: 'x'.repeat(20) })) });
    const parser = createPartialJsonParser();
    let changes = 0;
    let previous: unknown;
    for (let i = 0; i < doc.length; i += 7) {
      const value = parser.push(doc.slice(i, i + 7));
      if (value !== previous) changes++;
      previous = value;
    }
    expect(parser.end()).toEqual(JSON.parse(doc));
    expect(changes).toBeGreaterThan(2000);
  });
});

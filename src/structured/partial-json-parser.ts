/**
 * An incremental JSON parser for streamed structured outputs: fed the text in pieces, it keeps one small state
 * machine and returns, after each piece, the value parsed so far. Each character is looked at once, so the
 * parsing work is linear in the text; a new value is built only when something visible changed, and it shares
 * every finished part with the previous one (a shallow copy of each array and object on the path to the change:
 * for a value growing inside a very long array, that copy is the cost that grows).
 */
import { StructuredOutputParseError } from '../errors/structured-errors.js';

/**
 * What a value looks like while it streams: objects with some of their keys, arrays with their elements so far
 * (the last one possibly partial), strings partly filled. Numbers, booleans and `null` are whole or absent.
 *
 * @example
 * type Weather = { city: string; days: { high: number }[] };
 * const soFar: DeepPartial<Weather> = { city: 'Par', days: [{}] };
 */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * A parser for one JSON document arriving in pieces. Made by {@link createPartialJsonParser}; one per stream.
 *
 * @example
 * const parser = createPartialJsonParser();
 * parser.push('{"city": "Pa');   // { city: 'Pa' }
 * parser.push('ris", "temp": 2'); // { city: 'Paris' } (the number may still grow)
 * parser.push('1}');              // { city: 'Paris', temp: 21 }
 * parser.end();                   // { city: 'Paris', temp: 21 }
 */
export interface PartialJsonParser {
  /**
   * Feeds the next piece of text and returns the value parsed so far (`undefined` before anything is visible).
   * The same reference as before when nothing visible changed; otherwise a new value sharing every unchanged
   * part. Throws {@link StructuredOutputParseError} for invalid JSON (and again on every later call).
   */
  push(text: string): unknown;
  /**
   * Declares the text complete and returns the final value, equal to what `JSON.parse` gives for the whole text
   * (the same reference as the last `push` returned when nothing changed). Throws
   * {@link StructuredOutputParseError} when the text ended early or held no value.
   */
  end(): unknown;
  /** The value parsed so far, as the last `push` returned it. */
  readonly value: unknown;
}

// Parser modes. Plain numbers (not a `const enum`, which isolated modules cannot share) kept module-private.
const VALUE = 0; // expecting a value
const ARRAY_FIRST = 1; // after `[`: a value or `]`
const OBJECT_FIRST = 2; // after `{`: a key or `}`
const OBJECT_KEY = 3; // after `,` in an object: a key
const COLON = 4; // after a key
const AFTER_VALUE = 5; // after a value inside a container: `,` or the closing bracket
const END = 6; // after the top-level value: only whitespace
const STRING = 7; // inside a string (key or value)
const ESCAPE = 8; // after a backslash
const UNICODE = 9; // inside `\uXXXX`
const NUMBER = 10; // inside a number
const LITERAL = 11; // inside `true`, `false` or `null`
const FAILED = 12;
const ENDED = 13; // `end()` returned: nothing more may come

// Number grammar states (RFC 8259): which part of `-? int frac? exp?` the last character ended.
const N_MINUS = 0;
const N_ZERO = 1; // a leading 0: no more integer digits
const N_INT = 2;
const N_DOT = 3;
const N_FRAC = 4;
const N_E = 5;
const N_E_SIGN = 6;
const N_EXP = 7;

/** One open array or object. @internal */
interface Frame {
  readonly isArray: boolean;
  /** The container as it is now; shared with emitted values unless `gen` is the current generation. */
  container: unknown[] | Record<string, unknown>;
  /** The generation in which `container` was made: only a container of the current generation may be mutated. */
  gen: number;
  /** Objects: the key whose value is being parsed. */
  key: string;
  /** Whether the value being parsed already has its slot in `container` (arrays: the last element). */
  placed: boolean;
}

const EXCERPT_TAIL = 48;

/**
 * Makes a parser for one JSON document arriving in pieces (the `delta`s of a structured output, or of a tool
 * call's arguments). It returns after each piece the value so far:
 * - objects with the keys whose value has started (a key alone, without its value, is not shown);
 * - arrays with the elements so far;
 * - strings as far as they arrived (an escape is shown once complete; a `\u` high surrogate waits for its pair);
 * - numbers only once they cannot grow any more: after the character that ends them (a top-level number at
 *   `end()`); a partial number is left out, never shown wrong;
 * - `true`, `false`, `null` once complete.
 * Each piece costs time in proportion to its length (plus one shallow copy of each array or object on the path
 * to what changed, once per piece): the prefix is never parsed again. Values that were returned are never
 * mutated; a finished element or property keeps its identity in every later value.
 *
 * @example
 * import { createPartialJsonParser } from 'rx-openai-stream/structured';
 *
 * const parser = createPartialJsonParser();
 * for await (const delta of deltas) render(parser.push(delta));
 * const final = parser.end(); // deep-equal to JSON.parse(deltas.join(''))
 */
export function createPartialJsonParser(): PartialJsonParser {
  // Everything below is this parser's own state: one instance per stream (per subscription).
  let mode = VALUE;
  let root: unknown = undefined;
  let emitted: unknown = undefined;
  // Containers made in the current generation belong to the parser only; `push` returns a value by starting a
  // new generation, which makes everything returned read-only (copy on the next write).
  let gen = 1;
  const frames: Frame[] = [];
  let str = ''; // the string being parsed (key or value)
  // Whether `str` ends with a high surrogate, kept as it grows: reading `str`'s last character would flatten the
  // concatenated string, a copy of all of it per piece (quadratic in a long string value).
  let strEndsHigh = false;
  let strIsKey = false;
  let strDirty = false; // a value string grew since it was last placed
  let hex = 0;
  let hexDigits = 0;
  let num = '';
  let numState = N_MINUS;
  let literal = '';
  let literalPos = 0;
  let literalValue: unknown = null;
  let consumed = 0; // characters of earlier pieces
  let tail = ''; // the end of earlier pieces, for excerpts
  let failure: StructuredOutputParseError | undefined;

  function path(): string {
    let out = '$';
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i]!;
      const keyPending = i === frames.length - 1 && (mode === OBJECT_FIRST || mode === OBJECT_KEY || (strIsKey && mode >= STRING && mode <= UNICODE));
      if (frame.isArray) {
        const length = (frame.container as unknown[]).length;
        out += `[${frame.placed ? length - 1 : length}]`;
      } else if (!keyPending) {
        out += /^[A-Za-z_$][\w$]*$/.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`;
      }
    }
    return out;
  }

  function fail(what: string, text: string, at: number): never {
    const before = (tail + text.slice(0, at + 1)).slice(-EXCERPT_TAIL);
    failure = new StructuredOutputParseError(what, { offset: consumed + at, path: path(), excerpt: before });
    mode = FAILED;
    throw failure;
  }

  /**
   * Writes `value` as the current slot of frame `level` (or as the root for -1). A container returned earlier
   * is copied first, and the copy is written into its parent the same way; the walk stops at the first container
   * already private to this generation (its ancestors are private too), so each container is copied at most
   * once per returned value.
   */
  function place(level: number, value: unknown): void {
    let v = value;
    for (let i = level; i >= 0; i--) {
      const frame = frames[i]!;
      const container = frame.container;
      if (frame.isArray) {
        const array = container as unknown[];
        if (frame.placed && array[array.length - 1] === v) return;
        const fresh = frame.gen === gen;
        const target = fresh ? array : array.slice();
        if (frame.placed) target[target.length - 1] = v;
        else target.push(v);
        frame.placed = true;
        if (fresh) return;
        frame.container = target;
        frame.gen = gen;
        v = target;
      } else {
        const object = container as Record<string, unknown>;
        const key = frame.key;
        if (frame.placed && object[key] === v) return;
        const fresh = frame.gen === gen;
        const target = fresh ? object : { ...object };
        // `__proto__` from the text is an own property, as JSON.parse makes it, never the prototype.
        if (key === '__proto__') {
          Object.defineProperty(target, key, { value: v, writable: true, enumerable: true, configurable: true });
        } else {
          target[key] = v;
        }
        frame.placed = true;
        if (fresh) return;
        frame.container = target;
        frame.gen = gen;
        v = target;
      }
    }
    root = v;
  }

  /** A value is complete: place it and expect what may follow it. */
  function complete(value: unknown): void {
    place(frames.length - 1, value);
    mode = frames.length === 0 ? END : AFTER_VALUE;
  }

  function open(isArray: boolean): void {
    const container: unknown[] | Record<string, unknown> = isArray ? [] : {};
    place(frames.length - 1, container);
    frames.push({ isArray, container, gen, key: '', placed: false });
    mode = isArray ? ARRAY_FIRST : OBJECT_FIRST;
  }

  function close(): void {
    frames.pop();
    mode = frames.length === 0 ? END : AFTER_VALUE;
  }

  /** A value string as shown while partial: a trailing high surrogate waits for the low one. */
  function shownString(): string {
    return strEndsHigh ? str.slice(0, -1) : str;
  }

  /** Appends `piece` (not empty) to `str`. */
  function append(piece: string): void {
    str += piece;
    const last = piece.charCodeAt(piece.length - 1);
    strEndsHigh = last >= 0xd800 && last <= 0xdbff;
    strDirty = true;
  }

  /** Starts the value whose first character is `c` (at `text[i]`); whitespace was skipped by the caller. */
  function startValue(c: number, text: string, i: number): void {
    switch (c) {
      case 0x7b: // {
        return open(false);
      case 0x5b: // [
        return open(true);
      case 0x22: // "
        str = '';
        strEndsHigh = false;
        strIsKey = false;
        strDirty = true; // shown as '' at once: the key appears when its value starts
        mode = STRING;
        return;
      case 0x74: // t
        literal = 'true';
        literalValue = true;
        break;
      case 0x66: // f
        literal = 'false';
        literalValue = false;
        break;
      case 0x6e: // n
        literal = 'null';
        literalValue = null;
        break;
      case 0x2d: // -
        num = '-';
        numState = N_MINUS;
        mode = NUMBER;
        return;
      default:
        if (c >= 0x30 && c <= 0x39) {
          num = text[i]!;
          numState = c === 0x30 ? N_ZERO : N_INT;
          mode = NUMBER;
          return;
        }
        fail(`unexpected character ${JSON.stringify(text[i])} where a value should start`, text, i);
    }
    literalPos = 1;
    mode = LITERAL;
  }

  /** Advances the number grammar by digit or sign `c`; false when `c` cannot continue the number. */
  function numberStep(c: number): boolean {
    const digit = c >= 0x30 && c <= 0x39;
    switch (numState) {
      case N_MINUS:
        if (!digit) return false;
        numState = c === 0x30 ? N_ZERO : N_INT;
        return true;
      case N_ZERO:
      case N_INT:
        if (digit && numState === N_INT) return true;
        if (c === 0x2e) numState = N_DOT;
        else if (c === 0x65 || c === 0x45) numState = N_E;
        else return false;
        return true;
      case N_DOT:
        if (!digit) return false;
        numState = N_FRAC;
        return true;
      case N_FRAC:
        if (digit) return true;
        if (c === 0x65 || c === 0x45) {
          numState = N_E;
          return true;
        }
        return false;
      case N_E:
        if (c === 0x2b || c === 0x2d) numState = N_E_SIGN;
        else if (digit) numState = N_EXP;
        else return false;
        return true;
      case N_E_SIGN:
        if (!digit) return false;
        numState = N_EXP;
        return true;
      default: // N_EXP
        return digit;
    }
  }

  function numberComplete(): boolean {
    return numState === N_ZERO || numState === N_INT || numState === N_FRAC || numState === N_EXP;
  }

  function push(text: string): unknown {
    if (failure) throw failure;
    if (mode === ENDED) throw new StructuredOutputParseError('text after end()', { offset: consumed, path: '$', excerpt: text });
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (mode) {
        case STRING: {
          // Hot path: most characters are plain string content. Take the whole run up to the next quote,
          // backslash or control character with one slice, so a long string costs one concatenation per piece.
          const start = i;
          let d = c;
          while (d !== 0x22 && d !== 0x5c && d >= 0x20) {
            if (++i === n) break;
            d = text.charCodeAt(i);
          }
          if (i > start) append(text.slice(start, i));
          if (i === n) continue; // the piece ended inside the string
          if (d === 0x22) {
            i++;
            if (strIsKey) {
              const frame = frames[frames.length - 1]!;
              frame.key = str;
              frame.placed = false;
              mode = COLON;
            } else {
              strDirty = false;
              complete(str);
            }
          } else if (d === 0x5c) {
            i++;
            mode = ESCAPE;
          } else {
            fail('unescaped control character in a string', text, i);
          }
          continue;
        }
        case ESCAPE: {
          let decoded: string;
          switch (c) {
            case 0x22: decoded = '"'; break;
            case 0x5c: decoded = '\\'; break;
            case 0x2f: decoded = '/'; break;
            case 0x62: decoded = '\b'; break;
            case 0x66: decoded = '\f'; break;
            case 0x6e: decoded = '\n'; break;
            case 0x72: decoded = '\r'; break;
            case 0x74: decoded = '\t'; break;
            case 0x75: // u
              hex = 0;
              hexDigits = 0;
              mode = UNICODE;
              i++;
              continue;
            default:
              fail(`bad escape \\${text[i]}`, text, i);
          }
          append(decoded);
          mode = STRING;
          i++;
          continue;
        }
        case UNICODE: {
          const value = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
          if (value < 0) fail(`bad \\u escape digit ${JSON.stringify(text[i])}`, text, i);
          hex = hex * 16 + value;
          if (++hexDigits === 4) {
            // A high surrogate is kept as is: the low one follows as its own escape, and `shownString` hides the
            // lone half meanwhile.
            append(String.fromCharCode(hex));
            mode = STRING;
          }
          i++;
          continue;
        }
        case NUMBER:
          if (numberStep(c)) {
            num += text[i];
            i++;
            continue;
          }
          if (!numberComplete()) fail(`unexpected character ${JSON.stringify(text[i])} in a number`, text, i);
          // The number ended at this character, which is not consumed: the next mode reads it.
          complete(Number(num));
          continue;
        case LITERAL:
          if (c !== literal.charCodeAt(literalPos)) fail(`unexpected character ${JSON.stringify(text[i])} in ${literal}`, text, i);
          i++;
          if (++literalPos === literal.length) complete(literalValue);
          continue;
      }
      // Structural modes: whitespace is skipped everywhere between tokens.
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (mode) {
        case VALUE:
          startValue(c, text, i);
          break;
        case ARRAY_FIRST:
          if (c === 0x5d) close();
          else startValue(c, text, i);
          break;
        case OBJECT_FIRST:
        case OBJECT_KEY:
          if (c === 0x22) {
            str = '';
            strEndsHigh = false;
            strIsKey = true;
            mode = STRING;
          } else if (c === 0x7d && mode === OBJECT_FIRST) {
            close();
          } else {
            fail(`unexpected character ${JSON.stringify(text[i])} where a key should start`, text, i);
          }
          break;
        case COLON:
          if (c !== 0x3a) fail(`expected ":" after a key, got ${JSON.stringify(text[i])}`, text, i);
          mode = VALUE;
          break;
        case AFTER_VALUE: {
          const frame = frames[frames.length - 1]!;
          if (c === 0x2c) {
            if (frame.isArray) {
              frame.placed = false;
              mode = VALUE;
            } else {
              mode = OBJECT_KEY;
            }
          } else if (c === (frame.isArray ? 0x5d : 0x7d)) {
            close();
          } else {
            fail(`expected "," or "${frame.isArray ? ']' : '}'}", got ${JSON.stringify(text[i])}`, text, i);
          }
          break;
        }
        case END:
          fail(`unexpected character ${JSON.stringify(text[i])} after the value`, text, i);
          break;
        default: // FAILED cannot be reached: `failure` is set and thrown first.
          break;
      }
      i++;
    }
    // Once per piece, not per character: show the string value as far as it arrived.
    if (strDirty && (mode === STRING || mode === ESCAPE || mode === UNICODE) && !strIsKey) {
      strDirty = false;
      place(frames.length - 1, shownString());
    }
    consumed += n;
    tail = (tail + text).slice(-EXCERPT_TAIL);
    if (root !== emitted) {
      emitted = root;
      gen++; // everything reachable from `emitted` is now read-only
    }
    return emitted;
  }

  function end(): unknown {
    if (failure) throw failure;
    if (mode === NUMBER && frames.length === 0 && numberComplete()) complete(Number(num));
    if (mode !== END && mode !== ENDED) {
      const what = mode === VALUE && frames.length === 0 ? 'no JSON value' : 'the text ended before the value was complete';
      failure = new StructuredOutputParseError(what, { offset: consumed, path: path(), excerpt: tail });
      mode = FAILED;
      throw failure;
    }
    mode = ENDED; //: further pushes are refused
    emitted = root;
    gen++;
    return root;
  }

  return {
    push,
    end,
    get value() {
      return emitted;
    },
  };
}

import { hasOwn, isJsonObject } from '../schema/json-values.js';
/**
 * A shortcut around `JSON.parse` for the events of every token.
 *
 * Streams send one event per token, and consecutive ones differ only in a few values: a run's text deltas are
 * `{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"…"}}]}}`
 * with only `…` changing; a Responses text delta also counts up its `sequence_number`; a chat chunk may carry a
 * random `obfuscation` string. After parsing one such event the normal way, a template remembers the texts
 * between those values (its *segments*) and the kind of each value (its *slots*: a string, or a non-negative
 * integer). The next event whose text is the same segments around values of the same kinds is read by cutting out
 * the values and building the object with a literal: several times cheaper than `JSON.parse` of the whole text.
 *
 * What a template learns comes from the event's text alone: `learn` parses its own copy of the text (equal to what
 * the caller validated, since `JSON.parse` of the same text gives the same value) and never reads the object the
 * caller emitted, which a consumer may have changed since, or given getters. So every value is read once, from
 * a plain object no one else holds, and nothing a consumer does to an event reaches the events read after it.
 *
 * Why the result is always what `JSON.parse` would have returned: a template is only learned when the event's
 * text is exactly `JSON.stringify` of what the shape's `build` returns for it (so the text is compact, with keys
 * in `build`'s order), with each slot's value in one place. Any text made of the same segments around valid
 * tokens of the same kinds is then the serialisation of `build` with other values, and parses to it. A string
 * slot ends at the first unescaped quote, as in JSON; its body is taken verbatim when it holds no backslash or
 * control character, and is otherwise decoded as one JSON string literal (a body that is not one sends the event
 * down the normal path). An integer slot is plain digits without a leading zero, as `JSON.stringify` writes it.
 * A string slot's value is always a string of its own, never a slice of the event's text (V8 would keep the whole
 * text, and the decoded chunk it was cut from, alive as long as the value). `spec/sources/json-template.spec.ts`
 * checks all of this with fast-check.
 */

/**
 * A value that varies from event to event: the text of a token, a sequence number.
 *
 * @example
 * const slots: TemplateSlot[] = ['Hello', 42]; // a token's text, a sequence number
 */
export type TemplateSlot = string | number;

/**
 * What a {@link jsonTemplate} reads: one event shape whose varying values are strings or non-negative integers.
 *
 * @internal
 * @example
 * const textChunk: TemplateShape<{ id: string }, { id: string; text: string }> = {
 *   split: (json) => (isTextChunk(json) ? { fields: { id: json.id }, slots: [json.text] } : undefined),
 *   build: (fields, slots) => ({ id: fields.id, text: slots[0] as string }),
 * };
 */
export interface TemplateShape<Fields, Value> {
  /**
   * The parts of a parsed event that stay the same from event to event (`fields`) and its varying values
   * (`slots`, always as many and of the same kinds for this shape), or `undefined` when the event is not of
   * this shape. `fields` must hold only strings, finite numbers, booleans and `null`: objects in it would be
   * shared by every event built from it.
   */
  split(json: unknown): { readonly fields: Fields; readonly slots: readonly TemplateSlot[] } | undefined;
  /**
   * A new event of this shape: fresh objects and arrays every call, each slot at its place, no `undefined`
   * values. `slots` is only valid during the call (it is reused).
   */
  build(fields: Fields, slots: readonly TemplateSlot[]): Value;
}

/**
 * One stream's template for one shape: `read` returns the event a text stands for when the text fits the
 * learned template (else `undefined`, and the caller parses it the normal way); `learn` is given the texts of
 * events the caller parsed and validated, and keeps a template from one of the right shape. Its `json` argument
 * (the caller's parsed event) is not read: the template learns from its own parse of the text.
 *
 * @internal
 * @example
 * const template: JsonTemplate<unknown> = jsonTemplate(messageDeltaShape);
 * let event = template.read(sse.data);
 * if (event === undefined) template.learn(sse.data, (event = JSON.parse(sse.data)));
 */
export interface JsonTemplate<Value> {
  read(data: string): Value | undefined;
  learn(data: string, json?: unknown): void;
}

// Strings events hardly ever hold (private-use characters, which JSON.stringify writes as they are): where they
// land in a serialisation is where the slots go. An event that does hold one is caught by the checks of
// `segmentsOf` and gets no template.
const MARK_START = '\ue000slot';
const MARKS = Array.from({ length: 8 }, (_, i) => `${MARK_START}${i}\ue000`);
const MARK_JSON = MARKS.map((mark) => JSON.stringify(mark));
const MAX_INTEGER_DIGITS = 15;
const MAX_SHARED_LENGTH = 10;
const MAX_SHARED_STRINGS = 4096;
// Short streams (a run's answer of a hundred tokens, a thousand of them at once) would pay for a map each and
// keep few strings long; long ones keep their tokens (snapshot ropes, a consumer's array) long enough to matter.
const SHARE_AFTER = 256;

/**
 * Creates the template of one stream (it starts empty; keep one per subscription).
 *
 * @internal
 * @example
 * const deltas = jsonTemplate(messageDeltaShape);
 * const event = deltas.read(sse.data); // undefined: parse, validate, then deltas.learn(sse.data, json)
 */
export function jsonTemplate<Fields, Value>(shape: TemplateShape<Fields, Value>): JsonTemplate<Value> {
  // segments[0] slot 0 segments[1] slot 1 … segments[n]; a string slot's quotes belong to the segments around it.
  let segments: readonly string[] = [];
  let stringSlot: readonly boolean[] = [];
  let order: readonly number[] = [];
  let fields: Fields | undefined;
  const slots: TemplateSlot[] = [];
  // The one copy of each short value, from the SHARE_AFTER-th hit on (see `stringValue`).
  let known: Map<string, string> | undefined;
  // Learning costs a serialisation (a few µs); after a few attempts, a stream keeps trying only while its
  // templates pay off (several hits per attempt), so one whose events stop repeating soon stops trying.
  let attempts = 0;
  let hits = 0;

  return {
    read(data) {
      if (fields === undefined) return undefined;
      const first = segments[0]!;
      // `slice() ===` rather than `startsWith()`: V8 compares the cut string with a memory compare, several
      // times faster than `startsWith` with a position.
      if (data.slice(0, first.length) !== first) return undefined;
      let at = first.length;
      for (let i = 0; i < stringSlot.length; i++) {
        const end = stringSlot[i] ? stringEnd(data, at) : integerEnd(data, at);
        if (end < 0) return undefined;
        const token = data.slice(at, end);
        const value = stringSlot[i] ? stringValue(token, known) : Number(token);
        if (value === undefined) return undefined;
        slots[order[i]!] = value;
        const next = segments[i + 1]!;
        if (data.slice(end, end + next.length) !== next) return undefined;
        at = end + next.length;
      }
      if (at !== data.length) return undefined;
      if (++hits === SHARE_AFTER) known = new Map();
      return shape.build(fields, slots);
    },
    learn(data) {
      if (attempts >= 8 && attempts * 8 > hits) return;
      attempts++;
      try {
        // Our own parse of the text: the caller validated an equal value; the object it emitted is left alone (a
        // consumer may have changed it, or defined getters on it, by now).
        const parts = shape.split(JSON.parse(data));
        if (parts === undefined || parts.slots.length > MARKS.length) return;
        const learned = segmentsOf(shape.build(parts.fields, MARKS.slice(0, parts.slots.length)), parts.slots, data);
        if (learned === undefined) return;
        segments = learned.segments;
        stringSlot = learned.stringSlot;
        order = learned.order;
        fields = parts.fields;
      } catch {
        // Not JSON after all: no template from this text.
      }
    },
  };
}

/**
 * The segments of the text `built` (an event built with the marks as its slots) serialises to, if `data` is
 * exactly that text with `slots` in place of the marks; else `undefined`. Slots may sit in any order in the text:
 * `order[i]` is the slot at the i-th place.
 */
function segmentsOf(
  built: unknown,
  slots: readonly TemplateSlot[],
  data: string,
): { segments: string[]; stringSlot: boolean[]; order: number[] } | undefined {
  if (slots.some((slot) => typeof slot === 'number' && !isWrittenInteger(slot))) return undefined;
  const text = JSON.stringify(built);
  const places = slots.map((_, i) => ({ slot: i, at: text.indexOf(MARK_JSON[i]!) }));
  // Each mark exactly once.
  if (places.some(({ slot, at }) => at < 0 || text.indexOf(MARK_JSON[slot]!, at + 1) >= 0)) return undefined;
  places.sort((a, b) => a.at - b.at);
  const segments: string[] = [];
  const stringSlot: boolean[] = [];
  let from = 0;
  let written = '';
  for (const { slot, at } of places) {
    const isString = typeof slots[slot] === 'string';
    // A string slot's quotes belong to the segments around it; an integer slot is written bare.
    const segment = text.slice(from, at) + (isString ? '"' : '');
    segments.push(segment);
    stringSlot.push(isString);
    written += segment + writeSlot(slots[slot]!);
    from = at + MARK_JSON[slot]!.length - (isString ? 1 : 0);
  }
  const last = text.slice(from);
  segments.push(last);
  written += last;
  if (written !== data || segments.some((segment) => segment.includes(MARK_START))) return undefined;
  return { segments, stringSlot, order: places.map(({ slot }) => slot) };
}

/**
 * A JSON value that is not an object or array: what a template's fixed fields may hold.
 *
 * @example
 * const fields: Record<string, JsonPrimitive> = { type: 'response.output_text.delta', output_index: 0, obfuscation: null };
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * For shapes whose event is a flat record: its own fields as a new record (for `build` to copy with a spread),
 * with `placeholders` standing in for the fields named there (the slots and fresh arrays `build` fills in; the
 * shape checks those), or `undefined` when any other field is not a {@link JsonPrimitive}.
 *
 * @internal
 * @example
 * primitiveFields({ type: 't', delta: 'Hi', n: 1 }, { delta: '' }); // { type: 't', delta: '', n: 1 }
 */
export function primitiveFields(
  json: Readonly<Record<string, unknown>>,
  placeholders: Readonly<Record<string, JsonPrimitive>>,
): Record<string, JsonPrimitive> | undefined {
  const fields: Record<string, JsonPrimitive> = {};
  for (const key in json) {
    // `__proto__` would set the copy's prototype instead of a field.
    if (!hasOwn.call(json, key) || key === '__proto__') return undefined;
    const value = json[key];
    if (hasOwn.call(placeholders, key)) fields[key] = placeholders[key]!;
    // -0 is written as 0, so the text could not tell a template holding it from one holding 0.
    else if (value === null || typeof value === 'string' || typeof value === 'boolean' || isPlainNumber(value)) {
      fields[key] = value as JsonPrimitive;
    } else return undefined;
  }
  return fields;
}

/**
 * A finite number other than -0: one that `JSON.stringify` writes back as the same value.
 *
 * @internal
 * @example
 * isPlainNumber(JSON.parse('-0')); // false
 */
export function isPlainNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
}

/** A slot as `JSON.stringify` writes it, without a string's quotes (they are in the segments). */
function writeSlot(slot: TemplateSlot): string {
  return typeof slot === 'string' ? JSON.stringify(slot).slice(1, -1) : String(slot);
}

function isWrittenInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && String(value).length <= MAX_INTEGER_DIGITS;
}

/** Where the string body starting at `from` ends: its first unescaped quote, or -1. */
function stringEnd(data: string, from: number): number {
  let end = data.indexOf('"', from);
  while (end > 0) {
    let backslashes = 0;
    while (end - backslashes - 1 >= from && data.charCodeAt(end - backslashes - 1) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = data.indexOf('"', end + 1);
  }
  return -1;
}

/** Where the integer starting at `from` ends, or -1 unless it is digits as `JSON.stringify` writes them. */
function integerEnd(data: string, from: number): number {
  let end = from;
  while (end < data.length) {
    const code = data.charCodeAt(end);
    if (code < 0x30 || code > 0x39) break;
    end++;
  }
  const digits = end - from;
  if (digits === 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && data.charCodeAt(from) === 0x30)) return -1;
  return end;
}

/**
 * The value of a string body (a slice of the event's text): a copy of it when it needs no decoding, else decoded
 * as a JSON string literal (which makes a new string too). With `known` (a long stream), a short value is the one
 * copy `known` keeps of it: `JSON.parse` gives short strings as V8's internalized strings, which live outside the
 * young generation, and a long stream's consumers keep many equal tokens (see docs/performance.md, item 7).
 */
function stringValue(body: string, known: Map<string, string> | undefined): string | undefined {
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 0x5c || code < 0x20) return decodeStringBody(body);
  }
  if (body.length > MAX_SHARED_LENGTH) return ownString(body);
  if (known === undefined) return body;
  const seen = known.get(body);
  if (seen !== undefined) return seen;
  if (known.size < MAX_SHARED_STRINGS) known.set(body, body);
  return body;
}

/**
 * A string equal to `slice` that does not keep the text it was cut from alive. V8 makes a slice of 13 characters
 * or more a view into its parent (here the event's text, itself a view into the decoded chunk); a rope with a
 * one-character head, flattened by `slice`, holds a fresh copy instead (one character longer, and a view of it).
 * Shorter slices are copies already.
 */
function ownString(slice: string): string {
  return slice.length < SLICED_MIN_LENGTH ? slice : (' ' + slice).slice(1);
}

/** V8's `SlicedString::kMinLength`: shorter substrings are always copied. */
const SLICED_MIN_LENGTH = 13;

function decodeStringBody(body: string): string | undefined {
  try {
    return JSON.parse('"' + body + '"') as string;
  } catch {
    return undefined;
  }
}

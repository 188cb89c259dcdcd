/**
 * Values valid for a JSON schema, as strict mode guarantees them: the emulator's structured answers (a
 * `json_schema` format, see `structuredCompletion` in `completion-plan.ts`) and the arguments of its function calls
 * (`script.ts`) are both made here.
 */
import { numberFor } from './schema-numbers.js';
import { stringFor } from './schema-strings.js';
import { is } from './validate.js';

/**
 * What a generated value may take from the conversation, and which properties it has.
 *
 * @example
 * // a structured answer
 * const context: SchemaAnswerContext = { text: 'get_weather returned: {"city":"Paris"}', known: { city: 'Paris' } };
 * // a non-strict function call's arguments, for the message 'Weather in "Oslo" over 3 days'
 * const args: SchemaAnswerContext = { known: {}, hints: { string: 'Oslo', number: 3 }, requiredOnly: true };
 */
export interface SchemaAnswerContext {
  /** The scripted text, for the first string; without it, a string without a hint is its property's name. */
  readonly text?: string | undefined;
  /** The fields of JSON objects seen in the conversation (tool outputs, the user's message), by name. */
  readonly known: Readonly<Record<string, unknown>>;
  /** Values for any string and any number the schema accepts them for (where `known` has none that fits). */
  readonly hints?: { readonly string?: string | undefined; readonly number?: number | undefined } | undefined;
  /**
   * Only the required properties of each object (every declared one when it has no `required` list), as a
   * non-strict function call sends; else every property, as strict schemas require them all.
   */
  readonly requiredOnly?: boolean | undefined;
}

/**
 * The JSON schema of a `json_schema` format (`{ type: 'json_schema', schema }` in Responses,
 * `{ type: 'json_schema', json_schema: { schema } }` in Chat Completions), or `undefined` for any other format.
 *
 * @example
 * jsonSchemaOf({ type: 'json_schema', name: 'answer', schema: { type: 'object' } }); // { type: 'object' }
 * jsonSchemaOf({ type: 'text' }); // undefined
 */
export function jsonSchemaOf(format: unknown): Record<string, unknown> | undefined {
  if (!is.object(format) || format['type'] !== 'json_schema') return undefined;
  if (is.object(format['schema'])) return format['schema'];
  const nested = format['json_schema'];
  if (is.object(nested) && is.object(nested['schema'])) return nested['schema'];
  return {};
}

/**
 * The fields of every JSON object among `texts` (each text whole, or after a `name returned: ` prefix), later
 * texts winning: what a structured answer can take its values from.
 *
 * @example
 * knownFields(['get_weather returned: {"city":"Paris","temperature_c":18}']); // { city: 'Paris', temperature_c: 18 }
 */
export function knownFields(texts: readonly string[]): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const start = line.indexOf('{');
      const end = line.lastIndexOf('}');
      if (start === -1 || end < start) continue;
      try {
        const value: unknown = JSON.parse(line.slice(start, end + 1));
        if (is.object(value)) Object.assign(known, value);
      } catch {
        // not JSON: nothing to take
      }
    }
  }
  return known;
}

/**
 * A simple value valid for `schema`, as strict Structured Outputs guarantee one: a field of the same name and kind
 * seen in the conversation when the schema accepts it; else `const`, the first `enum` value; a string: the hint
 * when the schema accepts it, else the scripted text for the first string, the property's name after that, unless
 * its `format`, `pattern` or lengths ask for another ({@link stringFor}); a number or integer: the hint when the
 * schema accepts it, else 0, else the nearest valid value to 0 within the bounds (a multiple of `multipleOf`);
 * `true`; an array: `minItems` items (at least one while `maxItems` allows); an object: every property (as strict
 * schemas require; only the required ones with `requiredOnly`); a nullable or `anyOf` type: its first non-null
 * branch.
 * `$ref`s into `#/$defs` and `#/definitions` (and `#`, the root) are followed. A recursive schema ends at its first
 * recursion: where a `$ref` leads back to a schema being built, the shortest value is taken (an `anyOf`'s
 * non-recursive or null branch, an array of `minItems` items, only the required properties), and `null` only where
 * the schema has no finite value at all.
 *
 * @example
 * schemaAnswer(
 *   { type: 'object', properties: { city: { type: 'string' }, rain: { type: 'boolean' } }, required: ['city', 'rain'] },
 *   { text: 'You said: Hi', known: { city: 'Paris' } },
 * ); // '{"city":"Paris","rain":true}'
 * schemaAnswer(
 *   { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } }, required: ['city'] },
 *   { known: {}, hints: { string: 'Oslo', number: 3 }, requiredOnly: true },
 * ); // '{"city":"Oslo"}'
 */
export function schemaAnswer(schema: Record<string, unknown>, context: SchemaAnswerContext): string {
  const state: GenerationState = { root: schema, context, textUsed: false, depth: 0, building: new Set([schema]), ranks: undefined };
  return JSON.stringify(valueFor(schema, undefined, state, false));
}

interface GenerationState {
  readonly root: Record<string, unknown>;
  readonly context: SchemaAnswerContext;
  textUsed: boolean;
  depth: number;
  /** The root and the `$ref` targets being built around the current schema: a `$ref` to one of them recurses. */
  readonly building: Set<unknown>;
  /** Every `$ref` target's rank (see {@link rankOf}), computed when first needed. */
  ranks: Map<unknown, number> | undefined;
}

/** Beyond this many nested arrays and objects, values are the shortest. */
const MAX_DEPTH = 16;

/** What a `$ref` to nowhere stands for: any value. */
const ANY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The value of `schema`; with `shortest`, the shortest one (of least {@link rankOf}): no optional property, no
 * array item beyond `minItems`, `null` for a nullable array or object. `null` for a schema without a finite value.
 */
function valueFor(schema: unknown, name: string | undefined, state: GenerationState, shortest: boolean): unknown {
  if (!is.object(schema)) return null;
  if (state.depth > MAX_DEPTH) shortest = true;
  if (shortest && rankOf(schema, state) === Infinity) return null;
  const ref = schema['$ref'];
  if (is.string(ref)) {
    const target = resolve(ref, state.root);
    if (shortest || state.building.has(target)) return valueFor(target, name, state, true);
    state.building.add(target);
    const value = valueFor(target, name, state, false);
    state.building.delete(target);
    return value;
  }
  const seen = name === undefined ? undefined : state.context.known[name];
  const hints = state.context.hints;
  if ('const' in schema) return schema['const'];
  if (is.array(schema['enum']) && schema['enum'].length > 0) {
    return schema['enum'].includes(seen) ? seen : schema['enum'][0];
  }
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (is.array(branches) && branches.length > 0) return valueFor(branchOf(branches, state, shortest), name, state, shortest);
  if (is.array(schema['allOf']) && schema['allOf'].length > 0) return valueFor(schema['allOf'][0], name, state, shortest);
  const types = typesOf(schema);
  const type = types.find((t) => t !== 'null') ?? (types.includes('null') ? 'null' : undefined);
  if (shortest && types.includes('null') && (type === 'array' || type === 'object')) return null;
  switch (type) {
    case 'null':
      return null;
    case 'string': {
      const text = state.textUsed ? undefined : state.context.text;
      const value = stringFor(schema, { seen: [seen, hints?.string], text, name: name ?? 'text' });
      if (value === text) state.textUsed = true;
      return value;
    }
    case 'integer':
    case 'number':
      return numberFor(schema, type === 'integer', [seen, hints?.number]);
    case 'boolean':
      return typeof seen === 'boolean' ? seen : true;
    case 'array': {
      const count = itemCount(schema, shortest || isRecursive(itemSchema(schema, tupleOf(schema).length), state));
      state.depth++;
      const items = Array.from({ length: count }, (_, i) => valueFor(itemSchema(schema, i), undefined, state, shortest));
      state.depth--;
      return items;
    }
    case 'object': {
      state.depth++;
      const names = propertyNames(schema, shortest, state.context.requiredOnly === true);
      const entries = names.map((key) => [key, valueFor(propertySchema(schema, key), key, state, shortest)]);
      state.depth--;
      return Object.fromEntries(entries);
    }
    default:
      return seen ?? hints?.string ?? state.context.text ?? name ?? 'text';
  }
}

/**
 * The branch of an `anyOf` to build: the first non-null one that does not lead straight back to a schema being
 * built, else the null branch, else the first; among those with a finite value when any has one. The shortest
 * value takes the branch of least rank.
 */
function branchOf(branches: readonly unknown[], state: GenerationState, shortest: boolean): unknown {
  const ranks = branches.map((branch) => rankOf(branch, state));
  if (shortest) return branches[ranks.indexOf(Math.min(...ranks))];
  const finite = branches.filter((_, i) => ranks[i]! < Infinity);
  const pool = finite.length > 0 ? finite : branches;
  const isNull = (branch: unknown): boolean => is.object(branch) && branch['type'] === 'null';
  return pool.find((branch) => !isNull(branch) && !isRecursive(branch, state)) ?? pool.find(isNull) ?? pool[0];
}

/** Whether `schema` is a `$ref` to a schema being built. */
function isRecursive(schema: unknown, state: GenerationState): boolean {
  return is.object(schema) && is.string(schema['$ref']) && state.building.has(resolve(schema['$ref'], state.root));
}

/** The most items an array gets (a larger `minItems` is not met rather than filling the memory). */
const MOST_ITEMS = 10_000;

/** `minItems` items, and one when there may be one (unless the items recurse or the value is the shortest). */
function itemCount(schema: Record<string, unknown>, least: boolean): number {
  const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
  const tuple = tupleOf(schema);
  const open = !(is.array(schema['items']) ? schema['additionalItems'] === false : schema['items'] === false);
  const wanted = least ? min : Math.max(min, tuple.length, open ? 1 : 0);
  return Math.min(MOST_ITEMS, Math.max(min, Math.min(wanted, max, open ? Infinity : tuple.length)));
}

/** The schemas of a tuple's first items (`prefixItems`, or draft 7's `items` array). */
function tupleOf(schema: Record<string, unknown>): readonly unknown[] {
  if (is.array(schema['prefixItems'])) return schema['prefixItems'];
  return is.array(schema['items']) ? schema['items'] : [];
}

/** The schema of an array's item at `index`. */
function itemSchema(schema: Record<string, unknown>, index: number): unknown {
  const tuple = tupleOf(schema);
  if (index < tuple.length) return tuple[index];
  const rest = is.array(schema['items']) ? schema['additionalItems'] : schema['items'];
  return rest ?? ANY;
}

/**
 * Every declared property and the required ones; only the required ones in the shortest value, and with
 * `requiredOnly` when the schema lists them.
 */
function propertyNames(schema: Record<string, unknown>, shortest: boolean, requiredOnly = false): string[] {
  const required = is.array(schema['required']) ? schema['required'].filter(is.string) : [];
  if (shortest || (requiredOnly && is.array(schema['required']))) return required;
  const declared = is.object(schema['properties']) ? Object.keys(schema['properties']) : [];
  return [...declared, ...required.filter((key) => !declared.includes(key))];
}

/** The schema of property `key`: declared, else `additionalProperties`. */
function propertySchema(schema: Record<string, unknown>, key: string): unknown {
  const properties = schema['properties'];
  if (is.object(properties) && Object.prototype.hasOwnProperty.call(properties, key)) return properties[key];
  return is.object(schema['additionalProperties']) ? schema['additionalProperties'] : ANY;
}

function typesOf(schema: Record<string, unknown>): unknown[] {
  if (is.array(schema['type'])) return schema['type'];
  return [schema['type'] ?? inferType(schema)];
}

function inferType(schema: Record<string, unknown>): string | undefined {
  const has = (keys: readonly string[]): boolean => keys.some((key) => schema[key] !== undefined);
  if (has(['properties', 'required', 'additionalProperties'])) return 'object';
  if (has(['items', 'prefixItems', 'minItems', 'maxItems'])) return 'array';
  if (has(['pattern', 'format', 'minLength', 'maxLength'])) return 'string';
  if (has(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'])) return 'number';
  return undefined;
}

/**
 * How deep the shortest value of `schema` nests `$ref`s, arrays and objects: 0 for a scalar, `null`, an empty array;
 * an object one more than its deepest required property, an array one more than its `minItems` items, a `$ref` one
 * more than its target, an `anyOf` its least branch; `Infinity` when it has no finite value (a recursion with no
 * way out). A `$ref` adds one so that the shortest value, always taking a part of rank no higher, ends.
 */
function rankOf(schema: unknown, state: GenerationState): number {
  state.ranks ??= refRanks(state.root);
  return rankWith(schema, state.ranks, state.root);
}

function rankWith(schema: unknown, ranks: ReadonlyMap<unknown, number>, root: Record<string, unknown>): number {
  if (!is.object(schema)) return 0;
  const ref = schema['$ref'];
  if (is.string(ref)) return 1 + (ranks.get(resolve(ref, root)) ?? Infinity);
  if ('const' in schema || (is.array(schema['enum']) && schema['enum'].length > 0)) return 0;
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (is.array(branches) && branches.length > 0) return Math.min(...branches.map((branch) => rankWith(branch, ranks, root)));
  if (is.array(schema['allOf']) && schema['allOf'].length > 0) return rankWith(schema['allOf'][0], ranks, root);
  const types = typesOf(schema);
  if (types.includes('null')) return 0;
  const part = (child: unknown): number => rankWith(child, ranks, root);
  if (types[0] === 'object') return 1 + Math.max(0, ...propertyNames(schema, true).map((key) => part(propertySchema(schema, key))));
  if (types[0] === 'array') {
    const count = itemCount(schema, true);
    const tuple = tupleOf(schema).slice(0, count);
    const items = count > tuple.length ? [...tuple, itemSchema(schema, tuple.length)] : tuple;
    return count === 0 ? 0 : 1 + Math.max(...items.map(part));
  }
  return 0;
}

/** The rank of every `$ref` target reachable from `root` (and of `root`), by iteration to the fixed point. */
function refRanks(root: Record<string, unknown>): Map<unknown, number> {
  const targets: unknown[] = [root];
  const visited = new Set<unknown>([root]);
  for (let i = 0; i < targets.length; i++) {
    const pending = [targets[i]];
    while (pending.length > 0) {
      const node = pending.pop();
      if (!is.object(node)) continue;
      if (is.string(node['$ref'])) {
        const target = resolve(node['$ref'], root);
        if (!visited.has(target)) {
          visited.add(target);
          targets.push(target);
        }
        continue;
      }
      for (const key of ['items', 'prefixItems', 'additionalItems', 'additionalProperties', 'anyOf', 'oneOf', 'allOf']) {
        const child = node[key];
        pending.push(...(is.array(child) ? child : [child]));
      }
      if (is.object(node['properties'])) pending.push(...Object.values(node['properties']));
    }
  }
  const ranks = new Map<unknown, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const target of targets) {
      const rank = rankWith(target, ranks, root);
      if (rank < (ranks.get(target) ?? Infinity)) {
        ranks.set(target, rank);
        changed = true;
      }
    }
  }
  return ranks;
}

function resolve(ref: string, root: Record<string, unknown>): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return ANY;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!is.object(node)) return ANY;
    node = node[unescapePointer(part)];
  }
  return node ?? ANY;
}

/** A JSON pointer's part: `%`-escapes (as in a URI fragment) and `~1`, `~0` read. */
function unescapePointer(part: string): string {
  let decoded = part;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    // a lone `%`: taken as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

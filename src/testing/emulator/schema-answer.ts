/**
 * Structured answers in the emulator: when a request asks for JSON that follows a schema (Responses
 * `text.format` / Chat Completions `response_format` of type `json_schema`), the scripted answer is a simple value
 * valid for that schema, written as JSON, instead of the plain scripted text.
 */
import { answerCompletion, type CompletionAnswer, type CompletionInput } from './completion-plan.js';
import { tokenize } from './script.js';
import { is } from './validate.js';

/**
 * The answer to a request that asks for JSON following a schema (`format` of type `json_schema`): the text
 * answer becomes a value valid for the schema ({@link schemaAnswer}), its fields taken by name from the JSON of
 * the user's message and the tool outputs, its strings from the scripted text; the token limit cuts it as it
 * cuts any answer. `undefined` for any other format, and when the script calls functions.
 *
 * @example
 * structuredCompletion(request, { type: 'json_schema', name: 'weather', schema });
 * // { kind: 'text', fragments: ['{"', 'city', '":"', 'Paris', ...], truncated: false, completionTokens: 12 }
 */
export function structuredCompletion(input: CompletionInput, format: unknown): CompletionAnswer | undefined {
  const schema = jsonSchemaOf(format);
  if (schema === undefined) return undefined;
  const plain = answerCompletion({ ...input, maxTokens: null });
  if (plain.kind !== 'text') return undefined;
  const known = knownFields([input.userText, ...input.toolOutputs.map((output) => output.output)]);
  const all = tokenize(schemaAnswer(schema, { text: plain.fragments.join(''), known }));
  const fragments = all.slice(0, input.maxTokens ?? Infinity);
  return { kind: 'text', fragments, truncated: fragments.length < all.length, completionTokens: fragments.length };
}

/**
 * What a generated value may take from the conversation: the scripted text (for strings), and the fields of
 * JSON objects seen in it (tool outputs, the user's message), by name.
 *
 * @example
 * const context: SchemaAnswerContext = { text: 'get_weather returned: {"city":"Paris"}', known: { city: 'Paris' } };
 */
export interface SchemaAnswerContext {
  readonly text: string;
  readonly known: Readonly<Record<string, unknown>>;
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
 * A simple value valid for `schema`: a field of the same name and kind seen in the conversation when there is
 * one; else `const`, the first `enum` value; a string: the scripted text for the first string, the property's
 * name after that; a number: 0, or the nearest bound when 0 is out of bounds; an integer likewise; `true`; an array: `minItems` items (at least
 * one); an object: every property (as strict schemas require); a nullable or `anyOf` type: its first non-null
 * branch. `$ref`s into `#/$defs` and `#/definitions` are followed.
 *
 * @example
 * schemaAnswer(
 *   { type: 'object', properties: { city: { type: 'string' }, rain: { type: 'boolean' } }, required: ['city', 'rain'] },
 *   { text: 'You said: Hi', known: { city: 'Paris' } },
 * ); // '{"city":"Paris","rain":true}'
 */
export function schemaAnswer(schema: Record<string, unknown>, context: SchemaAnswerContext): string {
  const state = { root: schema, context, textUsed: false, depth: 0 };
  return JSON.stringify(valueFor(schema, undefined, state));
}

interface GenerationState {
  readonly root: Record<string, unknown>;
  readonly context: SchemaAnswerContext;
  textUsed: boolean;
  depth: number;
}

function valueFor(schema: unknown, name: string | undefined, state: GenerationState): unknown {
  if (!is.object(schema) || state.depth > 16) return null;
  const ref = schema['$ref'];
  if (is.string(ref)) return valueFor(resolve(ref, state.root), name, state);
  if ('const' in schema) return schema['const'];
  if (is.array(schema['enum']) && schema['enum'].length > 0) {
    const seen = name === undefined ? undefined : state.context.known[name];
    return schema['enum'].includes(seen) ? seen : schema['enum'][0];
  }
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (is.array(branches) && branches.length > 0) {
    const branch = branches.find((b) => !(is.object(b) && b['type'] === 'null')) ?? branches[0];
    return valueFor(branch, name, state);
  }
  if (is.array(schema['allOf']) && schema['allOf'].length > 0) return valueFor(schema['allOf'][0], name, state);
  const types = is.array(schema['type']) ? schema['type'] : [schema['type']];
  const type = types.find((t) => t !== 'null') ?? (types.includes('null') ? 'null' : inferType(schema));
  const seen = name === undefined ? undefined : state.context.known[name];
  switch (type) {
    case 'null':
      return null;
    case 'string':
      if (typeof seen === 'string') return seen;
      if (!state.textUsed) {
        state.textUsed = true;
        return state.context.text;
      }
      return name ?? 'text';
    case 'integer':
      if (typeof seen === 'number' && Number.isInteger(seen)) return seen;
      return Math.ceil(numberIn(schema));
    case 'number':
      if (typeof seen === 'number') return seen;
      return numberIn(schema);
    case 'boolean':
      return typeof seen === 'boolean' ? seen : true;
    case 'array': {
      const count = Math.max(1, typeof schema['minItems'] === 'number' ? schema['minItems'] : 1);
      state.depth++;
      const items = Array.from({ length: count }, () => valueFor(schema['items'] ?? {}, undefined, state));
      state.depth--;
      return items;
    }
    case 'object': {
      const properties = is.object(schema['properties']) ? schema['properties'] : {};
      const value: Record<string, unknown> = {};
      state.depth++;
      for (const [key, property] of Object.entries(properties)) value[key] = valueFor(property, key, state);
      state.depth--;
      return value;
    }
    default:
      return seen ?? state.context.text;
  }
}

/** 0 when the bounds allow it, else the nearest bound (`exclusiveMinimum`/`exclusiveMaximum` stepped by 1). */
function numberIn(schema: Record<string, unknown>): number {
  const num = (key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
  const low = num('minimum') ?? (num('exclusiveMinimum') === undefined ? undefined : num('exclusiveMinimum')! + 1);
  const high = num('maximum') ?? (num('exclusiveMaximum') === undefined ? undefined : num('exclusiveMaximum')! - 1);
  if (low !== undefined && low > 0) return low;
  if (high !== undefined && high < 0) return high;
  return 0;
}

function inferType(schema: Record<string, unknown>): string | undefined {
  if (is.object(schema['properties'])) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return undefined;
}

function resolve(ref: string, root: Record<string, unknown>): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!is.object(node)) return {};
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

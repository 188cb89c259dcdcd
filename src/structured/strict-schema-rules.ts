/**
 * The rules of strict Structured Outputs, written once: the keywords strict mode does not support, what counts as
 * an object or an array schema, and {@link strictSchemaViolation}, which reads a JSON Schema as the API does and
 * says what it refuses. `toStrictJsonSchema()` (`strict-json-schema.ts`) builds schemas by these rules; the
 * emulator (`rx-openai-stream/testing`) refuses requests that break them, as the API does. No zod here: the
 * emulator's entry imports this module.
 */

/**
 * A JSON Schema node (an object; boolean schemas are not supported in strict mode).
 *
 * @example
 * const node: JsonSchemaNode = { type: 'object', properties: {}, required: [], additionalProperties: false };
 */
export type JsonSchemaNode = Record<string, unknown>;

/**
 * Keywords strict mode does not support: a schema that uses them would validate differently on the server, and
 * the API refuses it (`'allOf' is not permitted.`).
 *
 * @example
 * STRICT_UNSUPPORTED_KEYWORDS.includes('allOf'); // true
 */
export const STRICT_UNSUPPORTED_KEYWORDS = [
  '$anchor',
  '$dynamicAnchor',
  '$dynamicRef',
  '$recursiveAnchor',
  '$recursiveRef',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'minContains',
  'maxContains',
  'allOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'propertyNames',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'prefixItems',
  'additionalItems',
  'contains',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'unevaluatedItems',
  'unevaluatedProperties',
] as const;

const OBJECT_KEYWORDS = ['properties', 'required', 'additionalProperties'] as const;

/**
 * Whether a value is a schema node (a plain object, not an array).
 *
 * @example
 * isSchemaNode({ type: 'string' }); // true
 * isSchemaNode(true); // false
 */
export function isSchemaNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON Schema location as the errors say it: the keys from the root joined by `/`, or `<root>` for the root.
 *
 * @internal
 * @example
 * location(['properties', 'tags', 'items']); // 'properties/tags/items'
 * location([]); // '<root>'
 */
export function location(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? '<root>' : path.join('/');
}

function hasType(node: JsonSchemaNode, name: string): boolean {
  const type = node['type'];
  return type === name || (Array.isArray(type) && type.includes(name));
}

/**
 * Whether a node describes objects: its `type` is (or includes) `object`, or it has no `type` and an object
 * keyword (`properties`, `required`, `additionalProperties`).
 *
 * @example
 * isObjectSchema({ properties: { a: { type: 'string' } } }); // true
 */
export function isObjectSchema(node: JsonSchemaNode): boolean {
  return hasType(node, 'object') || (node['type'] === undefined && OBJECT_KEYWORDS.some((keyword) => keyword in node));
}

/**
 * Whether a node describes arrays (its `type` is, or includes, `array`).
 *
 * @example
 * isArraySchema({ type: ['array', 'null'], items: { type: 'string' } }); // true
 */
export function isArraySchema(node: JsonSchemaNode): boolean {
  return hasType(node, 'array');
}

/**
 * The node a local `$ref` (`#`, `#/$defs/name`) points to, or `undefined`.
 *
 * @example
 * resolveRef({ $defs: { city: { type: 'string' } } }, '#/$defs/city'); // { type: 'string' }
 */
/**
 * The schema a local `$ref` points to (`#`, `#/definitions/Address`, ...), or `undefined` when it points nowhere.
 *
 * @internal
 * @example
 * resolveRef(root, '#/definitions/Address'); // root.definitions.Address
 */
export function resolveRef(root: JsonSchemaNode, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let target: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined; // a malformed escape points nowhere
    }
    if (!isSchemaNode(target) || !Object.prototype.hasOwnProperty.call(target, part)) return undefined;
    target = target[part];
  }
  return target;
}

/**
 * Whether a schema accepts `null` (following local `$ref`s once). Conservative: unsure means no.
 *
 * @example
 * acceptsNull({ type: ['string', 'null'] }, root); // true
 * acceptsNull({ anyOf: [{ type: 'string' }, { type: 'null' }] }, root); // true
 */
export function acceptsNull(node: unknown, root: JsonSchemaNode, seen: ReadonlySet<string> = new Set()): boolean {
  if (typeof node === 'boolean') return node;
  if (!isSchemaNode(node)) return false;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    if (seen.has(ref)) return false;
    const target = resolveRef(root, ref);
    return target !== undefined && acceptsNull(target, root, new Set([...seen, ref]));
  }
  const type = node['type'];
  if (type !== undefined && type !== 'null' && !(Array.isArray(type) && type.includes('null'))) return false;
  if ('const' in node && node['const'] !== null) return false;
  const values = node['enum'];
  if (values !== undefined && !(Array.isArray(values) && values.includes(null))) return false;
  const anyOf = node['anyOf'];
  if (anyOf !== undefined && !(Array.isArray(anyOf) && anyOf.some((branch) => acceptsNull(branch, root, seen)))) return false;
  for (const keyword of STRICT_UNSUPPORTED_KEYWORDS) if (node[keyword] !== undefined) return false;
  return true;
}

/**
 * What strict mode refuses in a schema: where (`context`, the keys from the root to the node: `['properties',
 * 'address']`; empty for the root) and why, in the API's words (`'additionalProperties' is required to be
 * supplied and to be false.`).
 *
 * @example
 * const violation: StrictSchemaViolation = { context: [], message: "'additionalProperties' is required to be supplied and to be false." };
 */
export interface StrictSchemaViolation {
  readonly context: ReadonlyArray<string | number>;
  readonly message: string;
  /** Whether the root itself is not an object schema (the API words this one without a context). */
  readonly root?: boolean | undefined;
}

/**
 * The first rule of strict mode a schema breaks, read as the API reads it (nothing is rewritten: a missing
 * `additionalProperties: false` or a property left out of `required` is a violation, not something to fill in),
 * or `undefined` when strict mode accepts it. The rules: the root is an object schema, not a union; every object
 * sets `additionalProperties: false` and lists every property in `required` (and nothing else); every array has
 * one `items` schema; no keyword of {@link STRICT_UNSUPPORTED_KEYWORDS}; every subschema (`properties`, `items`,
 * `anyOf`, `$defs`, `definitions`) is an object.
 *
 * @example
 * strictSchemaViolation({ type: 'object', properties: { a: { type: 'string' } }, required: [] });
 * // { context: [], message: "'required' is required to be supplied and to be an array including every key in properties. Missing 'a'." }
 * strictSchemaViolation({ type: 'object', properties: {}, required: [], additionalProperties: false }); // undefined
 */
export function strictSchemaViolation(schema: unknown): StrictSchemaViolation | undefined {
  if (!isSchemaNode(schema) || !hasType(schema, 'object') || schema['anyOf'] !== undefined) {
    const got = !isSchemaNode(schema) ? typeof schema : schema['anyOf'] !== undefined ? 'anyOf' : `type: "${String(schema['type'] ?? 'None')}"`;
    return { context: [], message: `schema must be a JSON Schema of 'type: "object"', got '${got}'.`, root: true };
  }
  return violationIn(schema, []);
}

function violationIn(node: unknown, context: ReadonlyArray<string | number>): StrictSchemaViolation | undefined {
  if (!isSchemaNode(node)) return { context, message: 'schema must be a JSON Schema object, not a boolean or another value.' };
  for (const keyword of STRICT_UNSUPPORTED_KEYWORDS) {
    if (node[keyword] !== undefined) return { context, message: `'${keyword}' is not permitted.` };
  }
  if (isObjectSchema(node)) {
    const properties = isSchemaNode(node['properties']) ? Object.keys(node['properties']) : [];
    const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : undefined;
    const missing = properties.find((key) => !required?.includes(key));
    if (missing !== undefined) {
      const message = `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
      return { context, message };
    }
    const extra = (required ?? []).find((key) => typeof key !== 'string' || !properties.includes(key));
    if (extra !== undefined) return { context, message: `Extra required key '${String(extra)}' supplied.` };
    if (node['additionalProperties'] !== false) {
      return { context, message: "'additionalProperties' is required to be supplied and to be false." };
    }
  }
  if (Array.isArray(node['items'])) return { context, message: "'items' must be a schema, not an array (tuples are not supported)." };
  if (isArraySchema(node) && node['items'] === undefined) return { context, message: 'array schema missing items.' };

  const children: Array<[ReadonlyArray<string | number>, unknown]> = [];
  for (const keyword of ['properties', '$defs', 'definitions'] as const) {
    const group = node[keyword];
    if (isSchemaNode(group)) for (const [key, child] of Object.entries(group)) children.push([[...context, keyword, key], child]);
  }
  if (node['items'] !== undefined) children.push([[...context, 'items'], node['items']]);
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf)) anyOf.forEach((branch, i) => children.push([[...context, 'anyOf', i], branch]));
  for (const [where, child] of children) {
    const found = violationIn(child, where);
    if (found) return found;
  }
  return undefined;
}

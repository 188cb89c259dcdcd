/**
 * zod schema → the JSON Schema that strict Structured Outputs accepts: zod 4's own `z.toJSONSchema` (draft 7), or
 * for a zod 3 schema `zod3JsonSchema()`, which writes it in the form zod 4 gives (what zod 3's checks accept, where
 * those differ); then one pass, the same for both versions, that closes every object (`additionalProperties:
 * false`), makes every property required (an optional property must accept `null`, else it is refused, as the
 * official SDK does), and refuses keywords the API cannot honour. The rules themselves (and the keywords) are `strict-schema-rules.ts`'s, which the emulator reads too.
 */
import { z } from 'zod';
import { StructuredOutputSchemaError } from '../errors/structured-errors.js';
import {
  acceptsNull,
  isArraySchema,
  isObjectSchema,
  isSchemaNode as isNode,
  location,
  resolveRef,
  STRICT_UNSUPPORTED_KEYWORDS as UNSUPPORTED,
  type JsonSchemaNode,
} from './strict-schema-rules.js';
import { zod3JsonSchema } from './zod3-json-schema.js';
import { isZod3Schema, isZod4Schema, type AnyZodSchema } from './zod-schema.js';
import { messageOf } from '../errors/excerpt.js';
import { hasOwn } from '../schema/json-values.js';

/**
 * The strict JSON Schema of a zod schema (zod 4's, classic or `zod/mini`, or zod 3's), as the `schema` of a
 * `json_schema` response format or the `parameters` of a strict function tool. Throws
 * {@link StructuredOutputSchemaError} for what strict mode cannot represent.
 *
 * @example
 * import { z } from 'zod';
 * import { z as z3 } from 'zod/v3';
 * import { toStrictJsonSchema } from 'rx-openai-stream/structured';
 *
 * toStrictJsonSchema(z.object({ city: z.string(), unit: z.enum(['C', 'F']).nullable() }));
 * // { type: 'object', properties: {...}, required: ['city', 'unit'], additionalProperties: false, ... }
 * toStrictJsonSchema(z3.object({ city: z3.string(), unit: z3.enum(['C', 'F']).nullable() })); // the same
 */
export function toStrictJsonSchema(schema: AnyZodSchema): JsonSchemaNode {
  const zod3 = isZod3Schema(schema);
  let json: JsonSchemaNode;
  try {
    json = zod3 ? zod3JsonSchema(schema) : zodJsonSchema(schema);
  } catch (error) {
    if (error instanceof StructuredOutputSchemaError) throw error;
    const what = messageOf(error);
    // The zod 3 converter says where its problems are: it makes every error of reading a part a refusal there. What
    // escapes it is thrown outside that guard (by a root `_def` whose `description` getter throws, ...): said of the
    // whole schema.
    if (zod3) throw new StructuredOutputSchemaError(what, '<root>', { cause: error });
    // zod 4 cannot read a zod 3 schema inside one of its own (it throws a TypeError there): said as such, and where.
    const inner = zod3Within(schema, [], new Set());
    if (inner !== undefined) {
      throw new StructuredOutputSchemaError('A zod 3 schema inside a zod 4 schema is not supported: use one version for the whole schema', location(inner), {
        cause: error,
      });
    }
    // zod's own refusal (a date, a transform, a bigint, ...): said where, as for every other refusal.
    throw new StructuredOutputSchemaError(what, unrepresentableAt(schema) ?? '<root>', { cause: error });
  }
  json = inlineRootRef(json);
  if (json['type'] !== 'object') {
    throw new StructuredOutputSchemaError(`The root must be an object schema, not ${JSON.stringify(json['type'] ?? 'untyped')}`, '<root>');
  }
  if (json['anyOf'] !== undefined) throw new StructuredOutputSchemaError('The root must not be a union', '<root>');
  strictify(json, [], json);
  return json;
}

/** zod's JSON Schema of `schema` (draft 7), with the checks and rewrites strict mode needs on the way. */
function zodJsonSchema(schema: z.core.$ZodType): JsonSchemaNode {
  return z.toJSONSchema(schema, {
    target: 'draft-7',
    metadata: metadataRegistry(),
    override: ({ zodSchema, jsonSchema, path }) => {
      const def = zodSchema._zod.def as { type: string; shape?: object; discriminator?: string };
      if (def.type === 'object' && def.shape && hasOwn.call(def.shape, '__proto__')) {
        throw new StructuredOutputSchemaError('The property name `__proto__` is not supported', location([...path, 'properties', '__proto__']));
      }
      const node = jsonSchema as JsonSchemaNode;
      // A discriminated union's branches exclude each other, so `anyOf` (which strict mode supports) says the
      // same as the `oneOf` zod writes.
      if (def.type === 'union' && def.discriminator !== undefined && Array.isArray(node['oneOf'])) {
        node['anyOf'] = node['oneOf'];
        delete node['oneOf'];
      }
    },
  }) as JsonSchemaNode;
}

/**
 * The registry zod reads each schema's metadata from (description, title, examples, and the `id` that makes it a
 * definition): zod's global registry, which every copy of zod from 4.1.13 on shares (through `globalThis`); for a
 * schema of an older copy (zod 3.25's `zod/v4`, zod 4 before 4.1.13) that has none there, its own `meta()`, which
 * reads its copy's registry. A `zod/mini` schema of such a copy has no `meta()`, and nothing of it leads to its
 * copy's registry: its metadata is not read. Made per conversion; it adds nothing to any registry.
 */
function metadataRegistry(): typeof z.globalRegistry {
  const global = z.globalRegistry;
  return Object.create(global, {
    get: { value: (schema: z.core.$ZodType) => global.get(schema) ?? ownMeta(schema) },
  }) as typeof z.globalRegistry;
}

/** The metadata a classic zod 4 schema's own `meta()` gives (from its own copy's registry), if any. */
function ownMeta(schema: unknown): z.core.GlobalMeta | undefined {
  const meta = (schema as { meta?: unknown }).meta;
  if (typeof meta !== 'function') return undefined;
  const value: unknown = meta.call(schema);
  return typeof value === 'object' && value !== null ? (value as z.core.GlobalMeta) : undefined;
}

// The kinds of zod schema that have no JSON Schema (zod refuses them).
const UNREPRESENTABLE: ReadonlySet<string> = /* @__PURE__ */ new Set(['bigint', 'symbol', 'undefined', 'void', 'date', 'nan', 'custom', 'function', 'transform', 'map', 'set']);

/** Whether zod refuses to write a schema of this definition: one of those kinds, or a literal of `undefined` or a bigint. */
function cannotWrite(def: { type: string; values?: unknown }): boolean {
  if (UNREPRESENTABLE.has(def.type)) return true;
  return def.type === 'literal' && Array.isArray(def.values) && def.values.some((value) => value === undefined || typeof value === 'bigint');
}

/** Where the first schema zod cannot write lies (a JSON Schema location), if it is one of those kinds. */
function unrepresentableAt(schema: z.core.$ZodType): string | undefined {
  let found: string | undefined;
  try {
    z.toJSONSchema(schema, {
      target: 'draft-7',
      unrepresentable: 'any',
      override: ({ zodSchema, path }) => {
        if (found === undefined && cannotWrite(zodSchema._zod.def as { type: string; values?: unknown })) found = location(path);
      },
    });
  } catch {
    // Where it is stays unknown.
  }
  return found;
}

/**
 * Where the first zod 3 schema inside a zod 4 one lies (its JSON Schema location, as zod 4 would write it), if one
 * does: through objects, arrays, unions, intersections, tuples, records, lazies, pipes and the wrappers.
 */
function zod3Within(schema: unknown, path: readonly (string | number)[], seen: Set<unknown>): readonly (string | number)[] | undefined {
  if (isZod3Schema(schema)) return path;
  if (!isZod4Schema(schema) || seen.has(schema)) return undefined;
  seen.add(schema);
  const children: [unknown, ...(string | number)[]][] = [];
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  try {
    const def = schema._zod.def as unknown as Record<string, unknown>;
    switch (def['type']) {
      case 'object':
        for (const [key, property] of Object.entries(def['shape'] ?? {})) children.push([property, 'properties', key]);
        children.push([def['catchall'], 'additionalProperties']);
        break;
      case 'array':
        children.push([def['element'], 'items']);
        break;
      case 'union':
        list(def['options']).forEach((option, i) => children.push([option, 'anyOf', i]));
        break;
      case 'intersection':
        children.push([def['left'], 'allOf', 0], [def['right'], 'allOf', 1]);
        break;
      case 'tuple':
        list(def['items']).forEach((item, i) => children.push([item, 'items', i]));
        children.push([def['rest'], 'additionalItems']);
        break;
      case 'record':
        children.push([def['keyType'], 'propertyNames'], [def['valueType'], 'additionalProperties']);
        break;
      case 'lazy':
        children.push([(def['getter'] as () => unknown)()]);
        break;
      case 'pipe':
        children.push([def['in']], [def['out']]);
        break;
      default:
        children.push([def['innerType']]);
    }
  } catch {
    // A shape or a lazy that throws, or `_zod` without a `def`: zod's own error says it.
  }
  for (const [child, ...keys] of children) {
    const found = zod3Within(child, [...path, ...keys], seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A root that is a `$ref` to one of its definitions (zod 4 writes a schema with an `id` so, used as the whole
 * schema) as that definition, which stays among the definitions for the `$ref`s inside it: strict mode wants an
 * object at the root, as the SDK sends it.
 */
function inlineRootRef(json: JsonSchemaNode): JsonSchemaNode {
  // Described (or titled) too, it is written `{ description, allOf: [{ $ref }], definitions }`.
  unwrapRef(json, ROOT_KEYWORDS);
  const seen = new Set<string>();
  for (let ref = json['$ref']; typeof ref === 'string'; ref = json['$ref']) {
    const target = resolveRef(json, ref);
    if (seen.has(ref) || !isNode(target) || target === json) {
      throw new StructuredOutputSchemaError(`The root's $ref ${JSON.stringify(ref)} does not lead to an object schema`, '<root>');
    }
    seen.add(ref);
    const { $ref: _ref, ...rest } = json;
    void _ref;
    // A copy: the definition itself is made strict on its own.
    json = { ...(structuredClone(target) as JsonSchemaNode), ...rest };
  }
  return json;
}

/** Keywords that only annotate a schema (they constrain nothing). */
const ANNOTATIONS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'description', 'title', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly',
]);
/** And those only a root has beside them. */
const ROOT_KEYWORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([...ANNOTATIONS, '$schema', 'definitions', '$defs']);

/**
 * zod 4 writes a `$ref` with annotations (`.describe()`, `.default()` of a schema with an id, or of a recursive
 * one) as `{ description, allOf: [{ $ref }] }`: a `$ref` beside its annotations says the same, and strict mode
 * takes it (as the SDK sends it), where it refuses `allOf`. Rewritten in place when `node` has nothing else than
 * `allowed` keywords beside that `allOf`.
 */
function unwrapRef(node: JsonSchemaNode, allowed: ReadonlySet<string>): void {
  const allOf = node['allOf'];
  if (!Array.isArray(allOf) || allOf.length !== 1 || !isNode(allOf[0]) || Object.keys(allOf[0]).join() !== '$ref') return;
  if (!Object.keys(node).every((key) => key === 'allOf' || allowed.has(key))) return;
  node['$ref'] = allOf[0]['$ref'];
  delete node['allOf'];
}

/** Makes `node` (a schema at `path`) strict, in place, and its subschemas too. */
function strictify(node: unknown, path: readonly string[], root: JsonSchemaNode): void {
  const where = location(path);
  if (!isNode(node)) throw new StructuredOutputSchemaError('A boolean or non-object schema is not supported', where);
  for (const key of Object.keys(node)) if (node[key] === undefined) delete node[key];
  unwrapRef(node, ANNOTATIONS);
  const ref = node['$ref'];
  if (ref !== undefined && (typeof ref !== 'string' || !isNode(resolveRef(root, ref)))) {
    throw new StructuredOutputSchemaError(`The $ref ${JSON.stringify(ref)} does not lead to a schema`, where);
  }
  const type = node['type'];
  if (Array.isArray(type) && type.length === 1) node['type'] = type[0];
  if (isObjectSchema(node)) {
    if (!('additionalProperties' in node)) node['additionalProperties'] = false;
    else if (node['additionalProperties'] !== false) {
      throw new StructuredOutputSchemaError('An object must not allow additional properties (a record or a loose object)', where);
    }
    const properties = isNode(node['properties']) ? node['properties'] : {};
    const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
    for (const key of required) {
      if (typeof key !== 'string' || !hasOwn.call(properties, key)) {
        throw new StructuredOutputSchemaError(`The required property ${JSON.stringify(key)} is not declared`, where);
      }
    }
    for (const [key, property] of Object.entries(properties)) {
      if (!required.includes(key) && !acceptsNull(property, root)) {
        throw new StructuredOutputSchemaError(
          `The property ${JSON.stringify(key)} is optional but not nullable: strict mode sends every property, so use .nullable() (or .optional().nullable())`,
          location([...path, 'properties', key]),
        );
      }
    }
    if (isNode(node['properties'])) node['required'] = Object.keys(properties);
  }
  if (Array.isArray(node['items'])) throw new StructuredOutputSchemaError('Tuples (`items` as an array) are not supported', where);
  for (const keyword of UNSUPPORTED) {
    if (node[keyword] !== undefined) throw new StructuredOutputSchemaError(`The keyword \`${keyword}\` is not supported`, where);
  }
  if (isArraySchema(node) && node['items'] === undefined) throw new StructuredOutputSchemaError('An array needs `items`', where);
  if (node['default'] === null) delete node['default'];

  for (const keyword of ['properties', '$defs', 'definitions'] as const) {
    const children = node[keyword];
    if (isNode(children)) for (const [key, child] of Object.entries(children)) strictify(child, [...path, keyword, key], root);
  }
  if (node['items'] !== undefined) strictify(node['items'], [...path, 'items'], root);
  if (isNode(node['additionalProperties'])) strictify(node['additionalProperties'], [...path, 'additionalProperties'], root);
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf)) anyOf.forEach((branch, i) => strictify(branch, [...path, 'anyOf', String(i)], root));
}

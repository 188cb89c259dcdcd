/**
 * zod 3 schema → JSON Schema (draft 7), read from `_def` alone (`typeName` and the fields of each kind), in the
 * form zod 4's `z.toJSONSchema` gives (nullables and unions as `type` lists or `anyOf`, recursion as
 * `definitions.__schema<n>`): then `toStrictJsonSchema()` makes it strict by the same pass, so one set of rules
 * serves both versions (the root, `required`, `additionalProperties`, the keywords strict mode refuses). For most
 * schemas that is what the same schema written in zod 4 gives; where zod 4 writes more than a zod 3 check says, or
 * its check is another, this describes zod 3's check (the string formats and pattern checks, `.int()`, `.safe()`,
 * `.catch()`: `zod3-json-leaves.ts`, and docs/structured-output.md lists them). What JSON Schema cannot say (a
 * date, a bigint, a map, ...) is refused here with `StructuredOutputSchemaError` and the JSON Schema location of the
 * offending part.
 *
 * - A schema used by several properties is written where it is used (zod 4 inlines too); a recursive one (a
 *   `z.lazy()` that leads back to a schema being written) becomes `definitions.__schema<n>` with `$ref`s to it,
 *   or `$ref: '#'` when it is the root, as zod 4 names them. The root is the schema inside the wrappers written
 *   as their inner schema (below): a cycle back to `Comment` in `Comment.refine(...)` is `#` too.
 * - Wrappers are written as their inner schema: `.optional()` (the property leaves `required`: strict mode then
 *   wants it nullable, and makes it required), `.nullable()` (`anyOf` with `{ type: 'null' }`, folded to a `type`
 *   list for plain types), `.default()` (with `default`; the property stays required, as the parsed object always
 *   has it), `.catch()` (its value is not written: it may depend on the error), `.readonly()` (with `readOnly`),
 *   `.brand()`, `z.lazy()`, and a refinement (`.refine()` / `.superRefine()`, checked when parsing). A description
 *   (`.describe()`) is written where it was given: zod 3 copies it onto a wrapper, which does not write it again.
 * - A transform (`a.transform(f)`) is written as its input side `a`, as a pipeline (`a.pipe(b)`) is: that is what
 *   the model writes, and `f` (or `b`: a coercion, a transform) applies when the answer is parsed. The zod 3
 *   converter the official SDK vendors (zod-to-json-schema) writes a transform so too (its effect strategy defaults
 *   to the input), though the SDK's strict check before it refuses every `ZodEffects`, refinements included. Here
 *   the versions differ: zod 4's `z.toJSONSchema` refuses a transform, and zod 4 schemas are left to it. A
 *   limitation: `b`'s own constraints are not written (`z3.string().pipe(z3.string().email().max(5))` is
 *   `{ type: 'string' }`; the two sides are not merged), so the model is not told them, and an answer that breaks
 *   them fails validation when parsed.
 * - `z.preprocess(f, a)` is written as `a`, as zod 4 writes its `z.preprocess()`: the model is asked for what `a`
 *   accepts, and `f` runs on the answer before `a` reads it, so `f` must pass such a value on (a coercion, a trim
 *   does).
 * - Strings, numbers, literals and enums: `zod3-json-leaves.ts`.
 */
import { StructuredOutputSchemaError } from '../errors/structured-errors.js';
import type { JsonSchemaNode } from './strict-schema-rules.js';
import {
  checksOf,
  defaultValue,
  enumNode,
  literalNode,
  nativeEnumValues,
  numberNode,
  refusal,
  stringNode,
  type Def,
  type Path,
} from './zod3-json-leaves.js';
import { isZod3Schema, isZod4Schema, type Zod3Schema } from './zod-schema.js';
import { messageOf } from '../errors/excerpt.js';
import { hasOwn } from '../schema/json-values.js';

/** One conversion's state: the schemas being written (to find cycles), and the definitions cycles made. */
interface Conversion {
  /** The root, and the wrappers around it that are written as it (a cycle back to one of them is `#`). */
  readonly roots: ReadonlySet<object>;
  readonly active: Set<object>;
  readonly refs: Map<object, string>;
  readonly definitions: Record<string, JsonSchemaNode>;
  next: number;
}

const DRAFT_7 = 'http://json-schema.org/draft-07/schema#';

/** The kinds of zod 3 schema that have no JSON Schema, by what zod 4 calls its own ("Date cannot be represented ..."). */
const UNREPRESENTABLE: Readonly<Record<string, string>> = {
  ZodDate: 'Date',
  ZodBigInt: 'BigInt',
  ZodSymbol: 'Symbols',
  ZodUndefined: 'Undefined',
  ZodVoid: 'Void',
  ZodNaN: 'NaN',
  ZodFunction: 'Function types',
  ZodMap: 'Map',
  ZodSet: 'Set',
  ZodPromise: 'Promises',
};

/**
 * The JSON Schema (draft 7) of a zod 3 schema, not yet strict: `toStrictJsonSchema()` makes it so. Throws
 * {@link StructuredOutputSchemaError} for what JSON Schema cannot say.
 *
 * @internal
 * @example
 * import { z as z3 } from 'zod/v3';
 * zod3JsonSchema(z3.object({ city: z3.string() }));
 * // { $schema: '...draft-07...', type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }
 */
export function zod3JsonSchema(schema: Zod3Schema): JsonSchemaNode {
  const conversion: Conversion = { roots: rootsOf(schema), active: new Set(), refs: new Map(), definitions: {}, next: 0 };
  const node = convert(schema, [], conversion);
  const definitions = Object.keys(conversion.definitions).length > 0 ? { definitions: conversion.definitions } : {};
  return { $schema: DRAFT_7, ...node, ...definitions };
}

function convert(schema: unknown, path: Path, c: Conversion): JsonSchemaNode {
  const def = defOf(schema, path);
  const self = identityOf(schema as object, def);
  // A lazy found by its function may be one of several described copies: each `$ref` to it carries its own
  // description, and the definition none (zod 4 writes its described references so).
  const description = typeof def.description === 'string' && !copiedDescription(def) ? def.description : undefined;
  const copy = self !== schema;
  const refTo = (target: string): JsonSchemaNode => (copy && description !== undefined ? { $ref: target, description } : { $ref: target });
  const ref = c.refs.get(self);
  if (ref !== undefined && !c.active.has(self)) return refTo(ref); // written already, as a definition
  if (c.active.has(self)) {
    // A cycle: the schema is written once, as a definition (the root is `#`), and referred to.
    if (ref !== undefined) return refTo(ref);
    const made = c.roots.has(self) ? '#' : `#/definitions/__schema${c.next++}`;
    c.refs.set(self, made);
    return refTo(made);
  }
  c.active.add(self);
  let node: JsonSchemaNode;
  try {
    node = kindNode(def, path, c);
  } catch (error) {
    if (error instanceof StructuredOutputSchemaError) throw error;
    // Not a refusal: a malformed `_def`, a lazy's or a default's function that throws. Said where, all the same.
    throw refusal(`The zod 3 schema could not be read: ${messageOf(error)}`, path, error);
  } finally {
    c.active.delete(self);
  }
  const cycle = c.refs.get(self);
  if (description !== undefined && (!copy || cycle === undefined || cycle === '#')) node['description'] = description;
  if (cycle === undefined || cycle === '#') return node;
  c.definitions[cycle.slice('#/definitions/'.length)] = node;
  return refTo(cycle);
}

/**
 * What a cycle is found by: the schema itself, or for a lazy its function. `.describe()` of a lazy makes a new lazy
 * of the same function, so a recursion through `Tree.describe('...')` meets a new schema every time round.
 */
function identityOf(schema: object, def: Def): object {
  const getter = def.typeName === 'ZodLazy' ? def['getter'] : undefined;
  return typeof getter === 'function' ? getter : schema;
}

/**
 * The schema and the wrappers it is written as, from the root in: `Comment.refine(...)` is the object `Comment`,
 * so a `z.lazy(() => Comment)` inside it is `$ref: '#'` (else `Comment` would become a definition, and the root a
 * bare `$ref`, which strict mode refuses).
 */
function rootsOf(schema: unknown): Set<object> {
  const roots = new Set<object>();
  try {
    for (let at = schema; typeof at === 'object' && at !== null && !roots.has(at); ) {
      roots.add(at);
      const def = (at as { _def?: Def })._def;
      if (def !== undefined) roots.add(identityOf(at, def));
      at = def === undefined || def.typeName === 'ZodNullable' ? undefined : innerOf(def);
    }
  } catch {
    // A getter that throws: the conversion meets it again, and says where.
  }
  return roots;
}

/** The field of a wrapper's definition that holds the schema it wraps (a lazy's is its getter). */
const WRAPPED: Readonly<Record<string, string>> = {
  ZodOptional: 'innerType',
  ZodNullable: 'innerType',
  ZodDefault: 'innerType',
  ZodCatch: 'innerType',
  ZodReadonly: 'innerType',
  ZodBranded: 'type',
  ZodEffects: 'schema',
  ZodPipeline: 'in',
};

/**
 * The schema a wrapper is written as, or `undefined` for what is no wrapper. Of a refinement, a transform or a
 * preprocess (`ZodEffects`), the schema it refines, transforms or is fed to: what the model writes.
 */
function innerOf(def: Def): unknown {
  if (def.typeName === 'ZodLazy') return (def['getter'] as () => unknown)();
  const field = WRAPPED[def.typeName];
  return field === undefined ? undefined : def[field];
}

function kindNode(def: Def, path: Path, c: Conversion): JsonSchemaNode {
  const refused = UNREPRESENTABLE[def.typeName];
  if (refused !== undefined) throw refusal(`${refused} cannot be represented in JSON Schema`, path);
  switch (def.typeName) {
    case 'ZodString':
      return stringNode(checksOf(def));
    case 'ZodNumber':
      return numberNode(checksOf(def), path);
    case 'ZodBoolean':
      return { type: 'boolean' };
    case 'ZodNull':
      return { type: 'null' };
    case 'ZodAny':
    case 'ZodUnknown':
      return {};
    case 'ZodNever':
      return { not: {} };
    case 'ZodLiteral':
      return literalNode(def['value'], path);
    case 'ZodEnum':
      return enumNode(Array.isArray(def['values']) ? [...(def['values'] as unknown[])] : []);
    case 'ZodNativeEnum':
      return enumNode(nativeEnumValues(def['values']));
    case 'ZodObject':
      return objectNode(def, path, c);
    case 'ZodArray':
      return arrayNode(def, path, c);
    case 'ZodTuple':
      return tupleNode(def, path, c);
    case 'ZodRecord':
      // Open-ended: strict mode refuses `additionalProperties` other than `false`, at this path.
      return { type: 'object', additionalProperties: convert(def['valueType'], [...path, 'additionalProperties'], c) };
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return compactTypes({ anyOf: optionsOf(def).map((option, i) => convert(option, [...path, 'anyOf', i], c)) });
    case 'ZodIntersection': {
      const left = convert(def['left'], [...path, 'allOf', 0], c);
      const right = convert(def['right'], [...path, 'allOf', 1], c);
      // zod 3 checks each side alone: a `.strict()` object refuses the keys only the other side has, so no answer
      // would pass (one object of all the keys is what the model would be asked for).
      if (refusesOthersKeys(def['left'], right) || refusesOthersKeys(def['right'], left)) {
        throw refusal("A .strict() object in an intersection refuses the other side's properties: zod 3 would reject every answer", path);
      }
      // Two closed objects are one object (zod 4 folds them so too); anything else stays `allOf`, refused.
      return foldObjects(left, right) ?? { allOf: [left, right] };
    }
    case 'ZodNullable':
      return compactTypes({ anyOf: [convert(def['innerType'], path, c), { type: 'null' }] });
    case 'ZodDefault':
      return { ...convert(def['innerType'], path, c), ...defaultValue(def, path) };
    case 'ZodReadonly':
      return { ...convert(def['innerType'], path, c), readOnly: true };
    case 'ZodOptional':
    case 'ZodCatch':
    case 'ZodBranded':
    case 'ZodLazy':
    case 'ZodPipeline':
    case 'ZodEffects':
      return convert(innerOf(def), path, c);
    default:
      throw refusal(`zod 3's ${def.typeName} cannot be represented in JSON Schema`, path);
  }
}

/** The definition of a zod 3 schema, or the refusal of what is none (a zod 4 schema inside a zod 3 one, ...). */
function defOf(schema: unknown, path: Path): Def {
  if (isZod4Schema(schema)) {
    throw refusal('A zod 4 schema inside a zod 3 schema is not supported: use one version for the whole schema', path);
  }
  if (!isZod3Schema(schema)) throw refusal('Not a zod 3 schema (no `_def.typeName` or no `safeParse`)', path);
  return schema._def as Def;
}

/** Whether a wrapper's description is the one zod 3 copied from its inner schema (written once, on the inner). */
function copiedDescription(def: Def): boolean {
  const field = WRAPPED[def.typeName];
  const innerDef = field === undefined ? undefined : (def[field] as { _def?: { description?: unknown } } | undefined)?._def;
  return innerDef !== undefined && innerDef.description === def.description;
}

/**
 * Whether `side` is a `.strict()` zod 3 object (through refinements, transforms, brands, lazies, pipes and the
 * other wrappers that check it as it is; not a `.catch()` or a preprocess, which may make an answer pass) without
 * some property of `other` (the other side's JSON Schema).
 */
function refusesOthersKeys(side: unknown, other: JsonSchemaNode): boolean {
  let def = (side as { _def?: Def } | undefined)?._def;
  for (let depth = 0; def !== undefined && def.typeName !== 'ZodObject' && depth < 32; depth++) {
    if (def.typeName === 'ZodCatch' || (def['effect'] as { type?: unknown } | undefined)?.type === 'preprocess') return false;
    def = (innerOf(def) as { _def?: Def } | undefined)?._def;
  }
  if (def?.typeName !== 'ZodObject' || def['unknownKeys'] !== 'strict') return false;
  const shape = shapeOf(def);
  if (typeof shape !== 'object' || shape === null) return false; // said by the object's own conversion
  const others = Object.keys((other['properties'] as object | undefined) ?? {});
  return others.some((key) => !hasOwn.call(shape, key));
}

/** A zod 3 object's shape (a function of it in some versions). */
function shapeOf(def: Def): unknown {
  return typeof def['shape'] === 'function' ? (def['shape'] as () => unknown)() : def['shape'];
}

/** The options of a union or a discriminated union (a map of them in some zod 3 versions). */
function optionsOf(def: Def): unknown[] {
  const options = def['options'];
  return options instanceof Map ? [...(options as Map<unknown, unknown>).values()] : (options as unknown[]);
}

function objectNode(def: Def, path: Path, c: Conversion): JsonSchemaNode {
  const shape = shapeOf(def);
  if (typeof shape !== 'object' || shape === null) throw refusal('A zod 3 object without a shape', path);
  const properties: Record<string, JsonSchemaNode> = {};
  const required: string[] = [];
  for (const [key, property] of Object.entries(shape)) {
    // zod leaves it out of what it parses, and on a plain object it is the prototype.
    if (key === '__proto__') throw refusal('The property name `__proto__` is not supported', [...path, 'properties', key]);
    properties[key] = convert(property, [...path, 'properties', key], c);
    if (!acceptsAbsence(property, new Set())) required.push(key);
  }
  const catchall = def['catchall'] as { _def?: { typeName?: unknown } } | undefined;
  const additional =
    catchall !== undefined && catchall._def?.typeName !== 'ZodNever'
      ? convert(catchall, [...path, 'additionalProperties'], c)
      : def['unknownKeys'] === 'passthrough'
        ? {} // a loose object, refused by strict mode as zod 4's `z.looseObject()` is
        : false;
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: additional };
}

/** Whether an object may lack the property (zod 3 parses `undefined` for it): `.optional()`, through wrappers. */
function acceptsAbsence(schema: unknown, seen: Set<unknown>): boolean {
  const def = (schema as { _def?: Def } | undefined)?._def;
  if (def === undefined || seen.has(schema)) return false;
  seen.add(schema);
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodAny':
    case 'ZodUnknown':
    case 'ZodUndefined':
    case 'ZodVoid':
      return true;
    case 'ZodDefault':
    case 'ZodCatch':
      return false; // they give a value for an absent one
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return optionsOf(def).some((option) => acceptsAbsence(option, seen));
    default: {
      const inner = innerOf(def);
      return inner !== undefined && acceptsAbsence(inner, seen);
    }
  }
}

function arrayNode(def: Def, path: Path, c: Conversion): JsonSchemaNode {
  const size = (field: string) => (def[field] as { value?: unknown } | null | undefined)?.value as number | undefined;
  const exact = size('exactLength');
  const min = exact ?? size('minLength');
  const max = exact ?? size('maxLength');
  return {
    ...(min !== undefined ? { minItems: min } : {}),
    ...(max !== undefined ? { maxItems: max } : {}),
    type: 'array',
    items: convert(def['type'], [...path, 'items'], c),
  };
}

/** Draft 7's tuple (`items` as a list), which strict mode refuses where it is, as it refuses zod 4's. */
function tupleNode(def: Def, path: Path, c: Conversion): JsonSchemaNode {
  const items = (def['items'] as unknown[]).map((item, i) => convert(item, [...path, 'items', i], c));
  const rest = def['rest'] == null ? false : convert(def['rest'], [...path, 'additionalItems'], c);
  return { type: 'array', items, additionalItems: rest, minItems: items.length, ...(rest === false ? { maxItems: items.length } : {}) };
}

/** `anyOf` of plain types (`{ type }` and nothing else) as one `type` list, as zod 4 writes it. */
function compactTypes(node: JsonSchemaNode): JsonSchemaNode {
  const branches = node['anyOf'] as unknown[];
  const types: string[] = [];
  for (const branch of branches) {
    const keys = typeof branch === 'object' && branch !== null ? Object.keys(branch) : [];
    if (keys.length !== 1 || keys[0] !== 'type') return node;
    const type = (branch as { type: unknown }).type;
    for (const member of Array.isArray(type) ? type : [type]) {
      if (typeof member !== 'string') return node;
      if (!types.includes(member)) types.push(member);
    }
  }
  return { type: types.length === 1 ? types[0] : types };
}

/** The keys of an object node that an intersection may merge (any other keyword says more than the two sides). */
const FOLDABLE: ReadonlySet<string> = /* @__PURE__ */ new Set(['type', 'properties', 'required', 'additionalProperties']);

/** Two closed objects as the one object both describe, or `undefined` when they are not that simple. */
function foldObjects(left: JsonSchemaNode, right: JsonSchemaNode): JsonSchemaNode | undefined {
  const simple = (node: JsonSchemaNode) =>
    node['type'] === 'object' && node['additionalProperties'] === false && Object.keys(node).every((key) => FOLDABLE.has(key));
  if (!simple(left) || !simple(right)) return undefined;
  const properties: Record<string, unknown> = { ...(left['properties'] as object) };
  for (const [key, schema] of Object.entries(right['properties'] as object)) {
    // One property in both: the same schema, or not foldable (strict mode cannot say "both").
    if (hasOwn.call(properties, key) && JSON.stringify(properties[key]) !== JSON.stringify(schema)) return undefined;
    properties[key] = schema;
  }
  const required = [...new Set([...((left['required'] as string[]) ?? []), ...((right['required'] as string[]) ?? [])])];
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

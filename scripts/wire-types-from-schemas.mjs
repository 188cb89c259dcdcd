// Writes the declared wire interfaces of src/wire/*.ts from the zod schemas of src/schema/ (the full OpenAPI
// conformance schemas, which are typed against those interfaces: `export const RunSchema: z.ZodType<Run>`).
//
//   node scripts/wire-types-from-schemas.mjs          rewrite src/wire/*.ts
//   node scripts/wire-types-from-schemas.mjs --check  exit 1 when src/wire/*.ts differ from what it would write
//
// Each exported `XxxSchema` becomes `Xxx`: an object schema an `interface`, anything else a `type`; a schema
// that another export names is referenced by that name, everything else is written inline. The doc comment of
// each type is kept from the file it replaces (or, before the schemas were typed against src/wire, taken from the
// `z.infer` type beside its schema). The schemas are loaded from a throwaway esbuild
// bundle of src/schema, so nothing here depends on a build.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

/** One output file per API, from the schema modules it reads (in the order they are written). */
const APIS = {
  assistants: {
    title: 'Assistants API objects and run-stream event payloads',
    files: ['common', 'thread', 'run', 'run-step', 'run-step-delta', 'message', 'message-delta', 'events'].map(
      (f) => `src/schema/assistants/${f}.ts`,
    ),
  },
  chat: {
    title: 'Chat Completions chunks and completions',
    files: ['src/schema/chat/chunk.ts', 'src/schema/chat/completion.ts'],
  },
  // Tools apart: their official names (`FunctionTool`, ...) are the Assistants' too, so they are exported in the
  // `Responses` namespace only.
  'responses-tools': {
    title: 'Responses API tools, tool choices and text settings',
    files: ['src/schema/responses/tools.ts'],
    inNamespace: 'Responses',
  },
  responses: {
    title: 'Responses API objects and stream events',
    files: ['common', 'content', 'output-items', 'input-items', 'response', 'events'].map(
      (f) => `src/schema/responses/${f}.ts`,
    ),
  },
  resources: {
    title: 'objects the client reads besides stream payloads: assistants, files, vector stores',
    files: ['src/schema/resources.ts'],
  },
};

// Object types written as type aliases, not interfaces: an alias fits a type with an index signature, so a value of
// it goes where request bodies take any object (a completion's message pushed onto a body's `messages` for the next
// turn: `ChatCompletionMessageParam` has an index signature, which no interface fits).
const AS_TYPE_ALIAS = new Set(['ChatCompletionMessage']);

const tmp = mkdtempSync(join(tmpdir(), 'wire-types-'));
const written = [];
try {
  const names = new Map(); // schema object -> exported type name (across all APIs, for cross-API references)
  const home = new Map(); // schema object -> the output file that declares it
  // One bundle of every schema module, so a schema is one object whichever file names it.
  const loaded = {};
  {
    const out = join(tmp, `schemas.mjs`);
    const all = Object.values(APIS).flatMap(({ files }) => files);
    await build({
      stdin: {
        contents: all.map((f, i) => `export * as m${i} from ${JSON.stringify(join(root, f))};`).join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      external: ['zod', 'zod/*'],
      logLevel: 'silent',
      absWorkingDir: root,
      nodePaths: [join(root, 'node_modules')],
    });
    // Resolve `zod` from the project, not from the temporary folder.
    writeFileSync(out, readFileSync(out, 'utf8').replace(/from "zod"/g, `from ${JSON.stringify(pathToFileURL(join(root, 'node_modules/zod/index.js')).href)}`));
    const bundle = await import(pathToFileURL(out).href);
    all.forEach((f, i) => (loaded[f] = bundle[`m${i}`]));
  }

  // Doc comments written in src/wire/ stay: read them from the files about to be rewritten.
  const wireDocs = {};
  for (const file of readdirSync(join(root, 'src/wire'))) {
    const text = readFileSync(join(root, 'src/wire', file), 'utf8');
    const docs = (wireDocs[file.replace(/\.ts$/, '')] = new Map());
    for (const match of text.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export (?:interface|type) (\w+)/g)) {
      docs.set(match[2], match[1]);
    }
  }

  // Names first, over every file, so references across output files resolve.
  const plan = {};
  for (const [api, { files }] of Object.entries(APIS)) {
    const own = new Map(); // name -> schema, in source order
    const docs = new Map(wireDocs[api]);
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      // `/** doc */ export type Name = z.infer<...>`, or after the migration `/** doc */ export const NameSchema`.
      for (const match of text.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export type (\w+)(?:<[^=]*>)? =\s*z\.infer/g)) {
        docs.set(match[2], match[1]);
      }
      for (const match of text.matchAll(/^export const (\w+)Schema\b/gm)) {
        const schema = loaded[file][`${match[1]}Schema`];
        if (schema?._zod) own.set(match[1], schema);
      }
    }
    for (const [name, schema] of own) {
      if (names.has(schema)) continue;
      names.set(schema, name);
      home.set(schema, api);
    }
    plan[api] = { own, docs };
  }

  let current; // the output file being written, and the names of other files it refers to
  for (const [api, { title, inNamespace }] of Object.entries(APIS)) {
    const { own, docs } = plan[api];
    current = { api, used: new Set() };
    const body = [];
    for (const [name, schema] of own) {
      const canonical = names.get(schema);
      const doc = docs.get(name);
      if (doc) body.push(doc);
      if (canonical !== name) {
        body.push(`export type ${name} = ${typeOf(schema, '')};`, '');
        continue;
      }
      const def = unwrapDef(schema);
      if (def.type === 'object' && !AS_TYPE_ALIAS.has(name)) body.push(`export interface ${name} ${objectBody(def, '')}`, '');
      else if (def.type === 'object') body.push(`export type ${name} = ${objectBody(def, '')};`, '');
      else body.push(`export type ${name} = ${typeOfDef(schema._zod.def, '')};`, '');
    }
    const imports = new Map();
    for (const schema of current.used) {
      imports.set(home.get(schema), [...(imports.get(home.get(schema)) ?? []), names.get(schema)]);
    }
    const lines = [
      `// Generated by scripts/wire-types-from-schemas.mjs from the schemas of src/schema: do not edit by hand.`,
      `/**`,
      ` * The ${title}, as declared interfaces: what the API sends, as far as the library knows it.`,
      ` * Fields the real wire omits or sends as null are optional or nullable here; values of enums the library does`,
      ` * not branch on may grow upstream (the runtime checks let unknown values through).`,
      ` *`,
      ` * @example`,
      // A module exported in a namespace only is reached through it.
      ...(inNamespace
        ? [` * import type { ${inNamespace} } from 'rx-openai-stream';`, ` * type First = ${inNamespace}.${[...own.keys()][0]};`]
        : [` * import type { ${[...own.keys()][0]} } from 'rx-openai-stream';`]),
      ` * @packageDocumentation`,
      ` */`,
      ...[...imports].sort().map(([from, list]) => `import type { ${list.sort().join(', ')} } from './${from}.js';`),
      '',
      ...body,
    ];
    written.push([join(root, `src/wire/${api}.ts`), lines.join('\n')]);
  }

  let stale = false;
  for (const [target, content] of written) {
    let before = '';
    try {
      before = readFileSync(target, 'utf8');
    } catch {}
    if (before === content) continue;
    stale = true;
    if (!check) writeFileSync(target, content);
    console.log(`${check ? 'stale' : 'wrote'} ${target.slice(root.length + 1)}`);
  }
  if (check && stale) process.exitCode = 1;

  /** The def of a schema, through the wrappers that do not change its output type. */
  function unwrapDef(schema) {
    let def = schema._zod.def;
    while (def.type === 'pipe' || def.type === 'readonly' || def.type === 'default' || def.type === 'prefault') {
      def = (def.type === 'pipe' ? def.in : def.innerType)._zod.def;
    }
    return def;
  }

  /** The TypeScript text of a schema's output type, referring to named schemas by name. */
  function typeOf(schema, indent) {
    const name = names.get(schema);
    if (name === undefined) return typeOfDef(schema._zod.def, indent);
    if (home.get(schema) !== current.api) current.used.add(schema);
    return name;
  }

  /** The TypeScript text of a def, written out (a named schema's own definition). */
  function typeOfDef(def, indent) {
    switch (def.type) {
      case 'string':
        return 'string';
      case 'number':
      case 'int':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'undefined':
        return 'undefined';
      case 'unknown':
        return 'unknown';
      case 'any':
        return 'any';
      case 'never':
        return 'never';
      case 'literal':
        return def.values.map(literal).join(' | ');
      case 'enum':
        return Object.values(def.entries).map(literal).join(' | ');
      case 'nullable':
        return `${wrapIntersection(typeOf(def.innerType, indent))} | null`;
      case 'optional':
        return `${wrapIntersection(typeOf(def.innerType, indent))} | undefined`;
      case 'array':
        return arrayOf(typeOf(def.element, indent));
      case 'tuple':
        return `[${def.items.map((item) => typeOf(item, indent)).join(', ')}${def.rest ? `, ...${arrayOf(typeOf(def.rest, indent))}` : ''}]`;
      case 'record':
        return `Record<${typeOf(def.keyType, indent)}, ${typeOf(def.valueType, indent)}>`;
      case 'union':
        return def.options.map((o) => wrapIntersection(typeOf(o, indent))).join(' | ');
      case 'intersection':
        return `${wrapUnion(typeOf(def.left, indent))} & ${wrapUnion(typeOf(def.right, indent))}`;
      case 'object':
        return objectBody(def, indent);
      case 'lazy':
        return typeOf(def.getter(), indent);
      case 'pipe':
        return typeOf(def.in, indent);
      case 'readonly':
      case 'default':
      case 'prefault':
      case 'catch':
        return typeOf(def.innerType, indent);
      default:
        throw new Error(`wire-types-from-schemas: no TypeScript for a zod "${def.type}" schema`);
    }
  }

  function objectBody(def, indent) {
    const inner = indent + '  ';
    const fields = Object.entries(def.shape).map(([key, value]) => {
      const optional = value._zod.optout === 'optional';
      const inner_ = optional && value._zod.def.type === 'optional' ? value._zod.def.innerType : value;
      const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key);
      return `${inner}${name}${optional ? '?' : ''}: ${typeOf(inner_, inner)};`;
    });
    if (def.catchall && def.catchall._zod.def.type !== 'never') {
      fields.push(`${inner}[key: string]: ${typeOf(def.catchall, inner)};`);
    }
    return fields.length ? `{\n${fields.join('\n')}\n${indent}}` : '{}';
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** A string, number or boolean literal, strings in single quotes. */
function literal(value) {
  return typeof value === 'string' ? `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : String(value);
}
/** Parentheses around an intersection inside a union (object literals and references need none). */
function wrapIntersection(text) {
  return text.includes(' & ') && !/^[[{]/.test(text) ? `(${text})` : text;
}
/** Parentheses around a union inside an intersection. */
function wrapUnion(text) {
  return text.includes(' | ') && !/^[[{]/.test(text) ? `(${text})` : text;
}
function arrayOf(text) {
  return /^[\w.]+$/.test(text) ? `${text}[]` : `Array<${text}>`;
}

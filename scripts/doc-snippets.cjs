// The TypeScript snippets of README.md and docs/*.md as files the project's type check compiles: every ```ts (or
// ```typescript) block becomes spec/docs/snippets/<doc>-<n>.ts (<doc>: the doc's file name in lower case, <n>: the
// block's place among the doc's TypeScript blocks, from 1), a module of its own, so that `tsc -b tsconfig.json`
// (`npm run typecheck`, `npm test`) checks the docs against the library, strictly, in the program it builds anyway.
//
//   node scripts/doc-snippets.cjs           writes the files (and deletes those of blocks that are gone)
//   node scripts/doc-snippets.cjs --check   exits 1, naming them, when the files on disk are not what it would write
//
// spec/docs/snippets.spec.ts runs `snippetFiles()` in memory and compares it with the files on disk (a CommonJS
// script, so that jest can require it).
//
// What a generated file holds (docs/CONTRIBUTING.md, "Tests", says it for the docs' writers):
// - The block, with the package's entries (`rx-openai-stream`, `/testing`, `/structured`, `/schemas`, `/angular`)
//   rewritten to relative paths to their sources in src/ (other specifiers are left as they are).
// - A name the block uses without declaring or importing it comes, first, from an import of that name in an
//   earlier block of the same doc (the import is repeated: a doc is read from the top); else from the doc's
//   context, spec/docs/contexts/<doc>.ts, when there is one and it exports the name; else from the shared context,
//   spec/docs/contexts/shared.ts. A context declares what snippets take from their surroundings (`export declare
//   const client: AssistantsStreamClient;`) and hands on the library's, rxjs' and Angular's functions that
//   fragments use without importing them (`export { textDeltas } from '../../../src/index.js';`). Any other name
//   is a global (fetch, process, jest's expect) or an error tsc reports. A context's value the block assigns to
//   (`emulator = await startEmulator()`) is a variable of the file, set from the context.
// - The files of spec/ are CommonJS (package.json has no "type"; `module: NodeNext`), where `await` at the top
//   level is an error: a block that awaits at its top level runs in an async function, its imports above it (a
//   block that also exports, with such an `await`, is an error tsc reports).
// - An HTML comment on the line before the fence (blank lines between allowed) says how to read the block:
//     <!-- snippet: skip (why) -->   not compiled: a type excerpt, pseudo-code (say why in the comment)
//     <!-- snippet: class -->        the body of a class (an Angular component's fields and methods): wrapped in
//                                    `export class Snippet { ... }`; a `this.<name>` it reads but does not
//                                    declare is a field set from the context's `<name>`
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, posix } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const COMMAND = 'node scripts/doc-snippets.cjs';
/** Where the generated files go (the folder is the generator's: other files in it are deleted). */
const OUT = 'spec/docs/snippets';
const CONTEXTS = 'spec/docs/contexts';
const ENTRIES = {
  'rx-openai-stream': 'src/index.js',
  'rx-openai-stream/testing': 'src/testing/index.js',
  'rx-openai-stream/structured': 'src/structured/index.js',
  'rx-openai-stream/schemas': 'src/schemas.js',
  'rx-openai-stream/angular': 'src/angular/index.js',
};
const LANGUAGES = new Set(['ts', 'typescript']);
const MODES = new Set(['skip', 'class']);
const MARKER = /^<!--\s*snippet:\s*([\w-]+)(.*?)-->\s*$/;

/** The docs whose snippets are checked: README.md and docs/*.md. */
function docPaths() {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

/** `readme` for README.md, `relay` for docs/relay.md. */
function docName(path) {
  return posix.basename(path, '.md').toLowerCase();
}

/**
 * The fenced blocks of a markdown text: `{ lang, code, line, mode }` (`line`: of the opening fence, from 1; `mode`:
 * of a `<!-- snippet: ... -->` comment before it, or undefined). Throws at a fence that is not closed, or a
 * snippet comment that is not before a TypeScript block or names no known mode.
 */
function blocksOf(path, text) {
  const lines = text.split('\n');
  const blocks = [];
  let marker;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const comment = MARKER.exec(line.trim());
    if (comment) {
      if (!MODES.has(comment[1])) throw new Error(`${path}:${i + 1}: unknown snippet mode "${comment[1]}" (${[...MODES].join(', ')})`);
      marker = { mode: comment[1], line: i + 1 };
      continue;
    }
    if (/^\s*<!--\s*snippet\b/.test(line)) throw new Error(`${path}:${i + 1}: a snippet comment is one line: <!-- snippet: <mode> ... -->`);
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!fence) {
      if (marker && line.trim() !== '') throw new Error(`${path}:${marker.line}: a snippet comment must come right before a \`\`\`ts block`);
      continue;
    }
    const close = new RegExp(`^\\s*${fence[2][0]}{${fence[2].length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`${path}:${i + 1}: the fence is not closed`);
    const lang = fence[3].toLowerCase();
    if (marker && !LANGUAGES.has(lang)) throw new Error(`${path}:${marker.line}: a snippet comment must come right before a \`\`\`ts block`);
    const indent = fence[1].length;
    const code = lines.slice(i + 1, end).map((l) => l.replace(/\r$/, '').slice(Math.min(indent, /^\s*/.exec(l)[0].length)));
    blocks.push({ lang, code: code.join('\n'), line: i + 1, mode: marker?.mode });
    marker = undefined;
    i = end;
  }
  if (marker) throw new Error(`${path}:${marker.line}: a snippet comment must come right before a \`\`\`ts block`);
  return blocks;
}

/** The names a module's top level declares (imports included). */
function declaredNames(source) {
  const names = new Set();
  const bind = (name) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      if (ts.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
      statement.name && ts.isIdentifier(statement.name)
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The identifiers a source refers to (a superset: property names after a dot and in literals left out). */
function usedNames(source) {
  const names = new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) ||
          ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) ||
          ts.isSetAccessor(parent)) && parent.name === node);
      if (!isMemberName) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The identifiers a source assigns to (`x = ...`, `x += ...`, `x++`). */
function assignedNames(source) {
  const names = new Set();
  const visit = (node) => {
    const assigned =
      ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? node.left
        : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
          (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) ? node.operand
          : undefined;
    if (assigned && ts.isIdentifier(assigned)) names.add(assigned.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The module specifiers of a source, as string literal nodes (imports, exports, `import('...')`). */
function specifiersOf(source) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A specifier as a generated file writes it: the package's entries are the sources in src/. */
function mapSpecifier(specifier) {
  const entry = ENTRIES[specifier];
  return entry === undefined ? specifier : posix.relative(OUT, entry);
}

/** The text of a source with the package's specifiers rewritten. */
function withMappedSpecifiers(source) {
  let text = source.text;
  for (const literal of specifiersOf(source).sort((a, b) => b.getStart(source) - a.getStart(source))) {
    const start = literal.getStart(source) + 1;
    text = text.slice(0, start) + mapSpecifier(literal.text) + text.slice(literal.end - 1);
  }
  return text;
}

/**
 * `name -> { from, binding }` for every binding an import declaration of the source makes (`binding`: how a named
 * import writes it, `type X`, `a as b`; or `default X`, `* as X`).
 */
function importsOf(source) {
  const imports = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause) continue;
    const from = mapSpecifier(statement.moduleSpecifier.text);
    const clause = statement.importClause;
    const typeOnly = clause.isTypeOnly ? 'type ' : '';
    if (clause.name) imports.set(clause.name.text, { from, line: `import ${typeOnly}${clause.name.text} from '${from}';` });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      imports.set(bindings.name.text, { from, line: `import ${typeOnly}* as ${bindings.name.text} from '${from}';` });
    }
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const type = clause.isTypeOnly || element.isTypeOnly ? 'type ' : '';
        const name = element.propertyName ? `${element.propertyName.text} as ${element.name.text}` : element.name.text;
        imports.set(element.name.text, { from, binding: `${type}${name}` });
      }
    }
  }
  return imports;
}

/** Import declarations for `{ from, binding }` and `{ from, line }`: one declaration per module for the named ones. */
function importLines(imports) {
  const named = new Map();
  const lines = [];
  for (const { from, binding, line } of imports) {
    if (line !== undefined) lines.push(line);
    else named.set(from, [...(named.get(from) ?? []), binding]);
  }
  for (const [from, bindings] of named) lines.push(`import { ${bindings.join(', ')} } from '${from}';`);
  return lines;
}

/** The names a context file exports (`export declare const x`, `export { a, b as c } from`, `export type T`). */
function contextExports(path) {
  const file = join(ROOT, path);
  if (!existsSync(file)) return new Set();
  const source = ts.createSourceFile(path, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names = new Set();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    } else if (ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const name of declaredNames({ statements: [statement] })) names.add(name);
    }
  }
  return names;
}

function parse(name, text) {
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** For a class fragment: the `this.<name>` it reads that none of its members declares. */
function undeclaredMembers(wrapped) {
  const members = new Set();
  const read = new Set();
  const cls = wrapped.statements.find(ts.isClassDeclaration);
  for (const member of cls?.members ?? []) if (member.name && ts.isIdentifier(member.name)) members.add(member.name.text);
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(node.name)) read.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(wrapped);
  return [...read].filter((name) => !members.has(name)).sort();
}

/**
 * What the generator writes: `files`, `relative path -> content`, for every TypeScript block of the docs that is
 * not skipped; `origins`, the `doc:line` of each one's block; `skipped`, the `doc:line` of the blocks marked skip;
 * `blocks`, how many TypeScript blocks there are. `docs`: README.md and docs/*.md as they are on disk, unless given.
 */
function snippetFiles(docs = docPaths().map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }))) {
  const files = new Map();
  const origins = new Map();
  const skipped = [];
  let count = 0;
  const shared = contextExports(`${CONTEXTS}/shared.ts`);
  for (const { path: doc, text: markdown } of docs) {
    const name = docName(doc);
    const own = contextExports(`${CONTEXTS}/${name}.ts`);
    const earlierImports = new Map();
    let n = 0;
    for (const block of blocksOf(doc, markdown)) {
      if (!LANGUAGES.has(block.lang)) continue;
      n++;
      count++;
      const file = `${OUT}/${name}-${n}.ts`;
      const code = block.code.replace(/\s+$/, '');
      const source = parse(file, code);
      const blockImports = importsOf(source);
      if (block.mode === 'skip') {
        skipped.push(`${doc}:${block.line}`);
        for (const [binding, line] of blockImports) earlierImports.set(binding, line);
        continue;
      }
      const wrapped = block.mode === 'class' ? parse(file, `export class Snippet {\n${code}\n}`) : source;
      const fields = block.mode === 'class' ? undeclaredMembers(wrapped) : [];
      const declared = declaredNames(wrapped);
      const used = usedNames(wrapped);
      for (const field of fields) used.add(field);
      // An import cannot be assigned to: a name the block assigns is a variable set from the context's value.
      const assigned = assignedNames(wrapped);
      const imports = [];
      const fromContexts = [];
      const variables = [];
      for (const free of [...used].sort()) {
        if (declared.has(free)) continue;
        if (earlierImports.has(free)) {
          imports.push(earlierImports.get(free));
          continue;
        }
        const context = own.has(free) ? name : shared.has(free) ? 'shared' : undefined;
        if (context === undefined) continue; // a global, a local of the block, or an error tsc reports
        const from = posix.relative(OUT, `${CONTEXTS}/${context}.js`);
        if (!assigned.has(free)) fromContexts.push({ from, binding: free });
        else {
          fromContexts.push({ from, binding: `${free} as ${free}FromContext` });
          variables.push(`let ${free} = ${free}FromContext;`);
        }
      }
      const head = [...importLines(imports), ...importLines(fromContexts), ...variables];
      const text = block.mode === 'class'
        ? `export class Snippet {\n${fields.map((field) => `  private readonly ${field} = ${field};\n`).join('')}${indent(withMappedSpecifiers(source))}\n}`
        : hasTopLevelAwait(source) ? inAsyncFunction(parse(file, withMappedSpecifiers(source))) : withMappedSpecifiers(source);
      const isModule = head.length > 0 || block.mode === 'class' || source.statements.some((s) => ts.isImportDeclaration(s) ||
        ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
      const header =
        `// Generated by \`${COMMAND}\` from the ${ordinal(n)} TypeScript block of ${doc}: do not edit.\n` +
        `// Edit the doc, then run \`${COMMAND}\` again.\n`;
      origins.set(file, `${doc}:${block.line}`);
      files.set(file, `${header}${head.length ? `${head.join('\n')}\n` : ''}\n${text}\n${isModule ? '' : '\nexport {};\n'}`);
      for (const [binding, line] of blockImports) earlierImports.set(binding, line);
    }
  }
  return { files, origins, skipped, blocks: count };
}

/** Whether a source awaits outside any function (`await x`, `for await`). */
function hasTopLevelAwait(source) {
  let found = false;
  const visit = (node) => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return found;
}

/** A block that awaits at its top level, as a CommonJS module can hold it: its imports, then the rest in an async function. */
function inAsyncFunction(source) {
  const imports = source.statements.filter(ts.isImportDeclaration);
  let rest = source.text;
  for (const statement of [...imports].reverse()) rest = rest.slice(0, statement.getStart(source)) + rest.slice(statement.end).replace(/^[ \t]*\n/, '');
  return [
    ...imports.map((statement) => statement.getText(source)),
    ...(imports.length ? [''] : []),
    '// The block awaits at its top level, which a CommonJS module (every file of spec/) cannot: here it runs in an async function.',
    'void (async () => {',
    indent(rest.replace(/^\s*\n/, '')),
    '})();',
  ].join('\n');
}

function indent(text) {
  return text.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
}

function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The generated files on disk: `relative path -> content`. */
function filesOnDisk() {
  const folder = join(ROOT, OUT);
  const files = new Map();
  if (!existsSync(folder)) return files;
  for (const name of readdirSync(folder).sort()) files.set(`${OUT}/${name}`, readFileSync(join(folder, name), 'utf8'));
  return files;
}

/**
 * The generated files that differ from what the docs give (missing, stale or left over), each with the doc block
 * it comes from (`origins`, of `snippetFiles()`).
 */
function differences(expected = snippetFiles(), actual = filesOnDisk()) {
  const { files, origins } = expected;
  const paths = [...new Set([...files.keys(), ...actual.keys()])].sort();
  return paths.flatMap((path) => {
    if (!actual.has(path)) return [`${path}: missing (the block at ${origins.get(path)})`];
    if (!files.has(path)) return [`${path}: no doc block gives it`];
    return files.get(path) === actual.get(path) ? [] : [`${path}: differs from the block at ${origins.get(path)}`];
  });
}

module.exports = { COMMAND, OUT, ENTRIES, LANGUAGES, blocksOf, docPaths, snippetFiles, filesOnDisk, differences };

if (require.main === module) {
  const generated = snippetFiles();
  const { files, skipped, blocks } = generated;
  if (process.argv.includes('--check')) {
    const found = differences(generated);
    if (found.length > 0) {
      console.error(`The docs' snippets and ${OUT} differ; run \`${COMMAND}\`:\n${found.map((line) => `  ${line}`).join('\n')}`);
      process.exit(1);
    }
    console.log(`${OUT}: ${files.size} files, in step with the docs' ${blocks} TypeScript blocks (${skipped.length} skipped).`);
  } else {
    const folder = join(ROOT, OUT);
    mkdirSync(folder, { recursive: true });
    for (const path of filesOnDisk().keys()) if (!files.has(path)) rmSync(join(ROOT, path));
    for (const [path, text] of files) {
      const target = join(ROOT, path);
      if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
    }
    console.log(`${OUT}: ${files.size} files from ${blocks} TypeScript blocks (${skipped.length} skipped: ${skipped.join(', ') || 'none'}).`);
  }
}

// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/.
// Source imports carry `.js` extensions, so the ESM output runs in Node as it is.
//
// Usage: node scripts/build.mjs [outDir] [--no-check]
// - outDir: default `dist`. The package spec builds into a temporary folder, so running the tests never deletes or
//   rewrites the working tree's dist/.
// - --no-check: emit without type checking (tsc --noCheck: the same JavaScript; declarations equal but for the order
//   of some inferred union members). For the package spec only: `npm test` has type-checked src/ just before.
//   `npm run build` always checks.
//
// One TypeScript program (checked, unless --no-check) emits the ESM half with its declarations. The CommonJS half
// is the same sources transpiled file by file: `isolatedModules` (tsconfig.json) guarantees that a file compiles
// alone to what the program emits, and the declarations do not depend on the module format, so they are copied.
// That saves a second program, which is most of the build's time. The transpiling runs while tsc does (tsc is a
// child process: two cores build at once).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = !args.includes('--no-check');
const outDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'dist'));
const esmDir = join(outDir, 'esm');
const cjsDir = join(outDir, 'cjs');
const ts = createRequire(join(root, 'package.json'))('typescript');

rmSync(outDir, { recursive: true, force: true });

// ESM: the program, with declarations (awaited below, after the CommonJS half).
const child = spawn(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--module', 'ES2022',
    '--moduleResolution', 'Bundler', '--outDir', esmDir, ...(check ? [] : ['--noCheck'])],
  { cwd: root, stdio: 'inherit' },
);
const tsc = new Promise((done) => {
  child.on('error', (error) => done({ status: null, signal: String(error) }));
  child.on('close', (status, signal) => done({ status, signal }));
});

// CommonJS: every source file of the same project, alone, plus the ESM half's declarations.
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
const rootDir = config.options.rootDir;
const compilerOptions = {
  ...config.options,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  outDir: cjsDir,
  declaration: false,
  noEmit: false,
};
for (const file of config.fileNames) {
  if (file.endsWith('.d.ts')) continue;
  const rel = relative(rootDir, file).replace(/\.ts$/, '');
  const out = join(cjsDir, rel + '.js');
  const { outputText, sourceMapText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions,
    fileName: file,
    reportDiagnostics: true,
  });
  if (diagnostics?.length) {
    console.error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
    child.kill();
    process.exit(1);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, outputText);
  if (sourceMapText !== undefined) {
    // Point the map at the source from where the file is, as the program's maps do.
    const map = JSON.parse(sourceMapText);
    map.sources = [relative(dirname(out), file).split(sep).join('/')];
    writeFileSync(out + '.map', JSON.stringify(map));
  }
}
const { status, signal } = await tsc;
if (status !== 0) {
  console.error(`tsc failed (${signal ?? status})`);
  process.exit(1);
}

// The declarations live once, in the CommonJS half (they do not depend on the module format): moved there from
// the ESM half, which keeps a one-line declaration per entry point that re-exports the CommonJS one (an ES module
// may take types from a CommonJS one; the other way round TypeScript refuses under node16 resolution).
for (const declaration of walk(esmDir).filter((file) => file.endsWith('.d.ts'))) {
  const target = join(cjsDir, relative(esmDir, declaration));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(declaration, target);
  rmSync(declaration);
}

// Each half says which module system its .js files use, whatever the root package.json says, and repeats
// `sideEffects: false`: bundlers read the nearest package.json, so without it here tree-shaking stops.
for (const [dir, type] of [[esmDir, 'module'], [cjsDir, 'commonjs']]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type, sideEffects: false }) + '\n');
}

// Declarations ship only where an entry point reaches them: tsc writes a .d.ts for every source file, but the
// internals of the emulator or of the client are no one's types. Walk each entry's imports and re-exports and
// delete the declarations nothing reaches.
const ENTRIES = ['index.d.ts', 'testing/index.d.ts', 'schemas.d.ts', 'structured/index.d.ts', 'angular/index.d.ts'];
const reached = new Set();
const visit = (file) => {
  if (reached.has(file) || !existsSync(file)) return;
  reached.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    visit(resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
  }
};
for (const entry of ENTRIES) visit(resolve(cjsDir, entry));
for (const file of walk(cjsDir)) if (file.endsWith('.d.ts') && !reached.has(file)) rmSync(file);
for (const entry of ENTRIES) {
  const stub = join(esmDir, entry);
  const target = relative(dirname(stub), join(cjsDir, entry)).split(sep).join('/').replace(/\.d\.ts$/, '.js');
  mkdirSync(dirname(stub), { recursive: true });
  writeFileSync(stub, `export * from '${target}';\n`);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

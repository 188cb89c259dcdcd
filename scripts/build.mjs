// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/.
// Source imports carry `.js` extensions, so the ESM output runs in Node as it is.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const tsc = (args) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', ...args], { stdio: 'inherit' });

// `--out DIR` builds elsewhere (the package spec and bench/size.mjs build into temporary folders).
const at = process.argv.indexOf('--out');
const out = at > 0 ? process.argv[at + 1] : 'dist';
rmSync(out, { recursive: true, force: true });
tsc(['-p', 'tsconfig.build.json', '--module', 'ES2022', '--moduleResolution', 'Bundler', '--outDir', `${out}/esm`]);
tsc(['-p', 'tsconfig.build.json', '--module', 'CommonJS', '--moduleResolution', 'Node10', '--outDir', `${out}/cjs`]);
// Each half says which module system its .js files use, whatever the root package.json says, and repeats
// `sideEffects: false`: bundlers read the nearest package.json, so without it here tree-shaking stops.
for (const [dir, type] of [[`${out}/esm`, 'module'], [`${out}/cjs`, 'commonjs']]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type, sideEffects: false }) + '\n');
}

// Declarations ship only where an entry point reaches them: tsc writes a .d.ts for every source file, but the
// internals of the emulator or of the client are no one's types. Walk each entry's imports and re-exports and
// delete the declarations (and their maps) nothing reaches.
const ENTRIES = ['index.d.ts', 'testing/index.d.ts', 'schemas.d.ts'];
for (const half of ['esm', 'cjs']) {
  const dir = resolve(out, half);
  const reached = new Set();
  const visit = (file) => {
    if (reached.has(file) || !existsSync(file)) return;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
    }
  };
  for (const entry of ENTRIES) visit(resolve(dir, entry));
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts') && !reached.has(path)) rmSync(path);
    }
  };
  walk(dir);
}

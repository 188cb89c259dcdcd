// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/.
// Source imports carry `.js` extensions, so the ESM output runs in Node as it is.
//
// Usage: node scripts/build.mjs [outDir] [--no-check]
// - outDir: default `dist`. The package spec builds into a temporary folder, so running the tests never deletes or
//   rewrites the working tree's dist/.
// - --no-check: emit without type checking (tsc --noCheck; the same files, in about half the time). For the
//   package spec only: `npm test` has type-checked src/ just before. `npm run build` always checks.
// The two halves compile in parallel.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = !args.includes('--no-check');
const outDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'dist'));
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const tsc = (args) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [tscBin, ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`tsc ${args.join(' ')} failed (${signal ?? code})`))));
  });

rmSync(outDir, { recursive: true, force: true });
const halves = [
  [join(outDir, 'esm'), 'module', ['--module', 'ES2022', '--moduleResolution', 'Bundler']],
  [join(outDir, 'cjs'), 'commonjs', ['--module', 'CommonJS', '--moduleResolution', 'Node10']],
];
await Promise.all(halves.map(([dir, , options]) => tsc(['-p', 'tsconfig.build.json', ...options, '--outDir', dir, ...(check ? [] : ['--noCheck'])])));
// Each half says which module system its .js files use, whatever the root package.json says.
for (const [dir, type] of halves) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }) + '\n');
}

// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/.
// Source imports carry `.js` extensions, so the ESM output runs in Node as it is.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

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

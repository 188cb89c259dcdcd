// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/.
// Source imports carry `.js` extensions, so the ESM output runs in Node as it is.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const tsc = (args) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', ...args], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
tsc(['-p', 'tsconfig.build.json', '--module', 'ES2022', '--moduleResolution', 'Bundler', '--outDir', 'dist/esm']);
tsc(['-p', 'tsconfig.build.json', '--module', 'CommonJS', '--moduleResolution', 'Node10', '--outDir', 'dist/cjs']);
// Each half says which module system its .js files use, whatever the root package.json says.
for (const [dir, type] of [['dist/esm', 'module'], ['dist/cjs', 'commonjs']]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type }) + '\n');
}

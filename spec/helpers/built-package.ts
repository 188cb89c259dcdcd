/**
 * The package as it is published, built once per content (`cachedBuild`, spec/helpers/build-cache.ts):
 * `scripts/build.mjs` builds it (never into the working tree's dist/) into
 * `node_modules/.cache/rx-openai-stream/built-package/<hash>/`, beside a copy of package.json and of `npm start`'s
 * demos (examples/*.mjs, which spec/package/example.spec.ts runs from there) and a
 * link to the project's node_modules, so `require('rx-openai-stream')` and `import` resolve through its `exports`
 * map to the built files, as they do for an app that installed it.
 *
 * The hash covers everything the build reads (src/, the build script and its configs, package.json, the lock
 * file) and the demos: while none of them changes, every suite and every run reuses the build; any change
 * builds anew. Suites that ask at the same time build once.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cachedBuild, root } from './build-cache';

/** `npm start`'s demos (not the Angular example's folder: a change to the app does not rebuild the package). */
const DEMOS = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.mjs'))
  .map((name) => `examples/${name}`);

/** What the build reads (and the demos copied beside it). */
export const PACKAGE_INPUTS: readonly string[] = ['src', ...DEMOS, 'scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The folder of the built package for the current sources (built now if no earlier suite or run built it). */
export function builtPackage(): Promise<string> {
  return cachedBuild({
    name: 'built-package',
    inputs: PACKAGE_INPUTS,
    build: (staging) => {
      copyFileSync(join(root, 'package.json'), join(staging, 'package.json'));
      mkdirSync(join(staging, 'examples'));
      for (const demo of DEMOS) copyFileSync(join(root, demo), join(staging, demo));
      symlinkSync(join(root, 'node_modules'), join(staging, 'node_modules'), 'dir');
      // Without a second type check: `npm test` checks src/ beside jest (the emitted JavaScript is the same).
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(staging, 'dist'), '--no-check'], { cwd: root, stdio: 'pipe' });
    },
  });
}

// Builds the Angular app with @angular/build's application builder (esbuild), called directly: no angular.json
// and no @angular/cli needed. Production settings, and `optimization.styles.inlineCritical: false` so that
// index.html has no inline `onload` handler (which a strict Content-Security-Policy refuses).
//
// Usage: node examples/angular-chat/build.mjs [outDir] [--package <folder>] [--cache <folder>]
//   (outDir default: examples/angular-chat/dist)
// The app lands in <outDir>/browser. Prints the build time.
// By default the app compiles the library from its source (tsconfig.json `paths` to ../../src). With `--package`,
// against a built package instead (a folder holding `dist/` as `node scripts/build.mjs <folder>/dist` writes it,
// and a node_modules that reaches the project's packages): `<outDir>/tsconfig.package.json` extends tsconfig.json
// with `paths` to the package's entry points (`dist/esm/index`, `dist/esm/angular/index`: TypeScript takes the
// .d.ts, esbuild the .js), as an app that installed the package sees it. The compiler then checks the app alone,
// not the library's source: about a third of the time.
// With `--cache`, the builder keeps its persistent cache (what it compiled and optimized, by content) in that folder,
// as `ng build` does in .angular/cache: a build after a change redoes only what the change touches (the test build
// of spec/browser/angular-chat.spec.ts: about half the time). Without it, every build starts from nothing.
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApplication } from '@angular/build';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Builds the app into `outDir` (its `browser` folder holds the site), against the library's source, or against
 * the built package in `packageDir`. Resolves with the build time in ms. With `packageDir`, keep both inside the
 * repository (the generated tsconfig in `outDir` and the package's imports resolve through its node_modules).
 *
 * @example
 * await buildApp('/tmp/angular-chat'); // /tmp/angular-chat/browser/index.html
 * // After `node scripts/build.mjs node_modules/.cache/pkg/dist --no-check`: the app on its dist/esm, as installed.
 * await buildApp('node_modules/.cache/angular-chat', { packageDir: 'node_modules/.cache/pkg' });
 */
export async function buildApp(outDir = resolve(here, 'dist'), { quiet = false, packageDir, cacheDir } = {}) {
  const startedAt = performance.now();
  outDir = resolve(outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let tsConfig = 'tsconfig.json';
  if (packageDir) {
    // Without an extension: TypeScript takes the .d.ts, the bundler (esbuild) the .js.
    const entry = (path) => [join(resolve(packageDir), 'dist', 'esm', path)];
    const generated = join(outDir, 'tsconfig.package.json');
    tsConfig = relative(here, generated); // the builder takes it relative to the workspace root
    const config = {
      extends: join(here, 'tsconfig.json'),
      compilerOptions: {
        paths: { 'rx-openai-stream': entry('index'), 'rx-openai-stream/angular': entry('angular/index') },
      },
    };
    writeFileSync(generated, JSON.stringify(config, null, 2) + '\n');
  }
  const controller = new AbortController();
  const log = (level) => (message) => {
    if (!quiet || level === 'error') console[level === 'info' ? 'log' : level](String(message).trimEnd());
  };
  const logger = { debug() {}, info: log('info'), warn: log('warn'), error: log('error'), fatal: log('error') };
  // The few things the builder reads of an Architect context.
  const context = {
    workspaceRoot: here,
    target: { project: 'angular-chat', target: 'build' },
    logger,
    signal: controller.signal,
    addTeardown() {},
    getProjectMetadata: async () => ({
      root: '',
      sourceRoot: 'src',
      cli: { cache: cacheDir ? { enabled: true, environment: 'all', path: resolve(cacheDir) } : { enabled: false } },
    }),
  };
  const options = {
    browser: 'src/main.ts',
    index: 'src/index.html',
    tsConfig,
    styles: ['src/styles.css'],
    polyfills: [],
    outputPath: { base: outDir, browser: 'browser' },
    deleteOutputPath: false, // emptied above (the generated tsconfig lives there)
    aot: true,
    optimization: { scripts: true, styles: { minify: true, inlineCritical: false }, fonts: false },
    outputHashing: 'all',
    sourceMap: false,
    extractLicenses: false,
    progress: false,
  };
  let success = false;
  try {
    for await (const result of buildApplication(options, context)) {
      success = result.success;
      break; // one build, no watch
    }
  } finally {
    controller.abort();
  }
  if (!success) throw new Error('The Angular build failed (see the errors above).');
  return performance.now() - startedAt;
}

/**
 * Bundles a TypeScript entry of the relay (it imports the library from `src/`) into one ES module at `outfile`;
 * packages stay imports, resolved from node_modules (so `outfile` must lie inside the repository).
 *
 * @example
 * await bundleServer(join(here, 'server', 'main.ts'), join(here, 'dist', 'server', 'main.mjs'));
 */
export async function bundleServer(entry, outfile) {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

// Run as a script (not imported): Node gives import.meta.url the real path, so the command's path is resolved too.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const packageAt = args.indexOf('--package');
  const packageDir = packageAt >= 0 ? args.splice(packageAt, 2)[1] : undefined;
  if (packageAt >= 0 && !packageDir) throw new Error('--package needs a folder.');
  const cacheAt = args.indexOf('--cache');
  const cacheDir = cacheAt >= 0 ? args.splice(cacheAt, 2)[1] : undefined;
  if (cacheAt >= 0 && !cacheDir) throw new Error('--cache needs a folder.');
  const outDir = resolve(args[0] ?? resolve(here, 'dist'));
  const ms = await buildApp(outDir, { packageDir, cacheDir });
  const against = packageDir ? `the package in ${resolve(packageDir)}` : 'the library\'s source';
  console.log(`Built the Angular app (against ${against}) into ${outDir}/browser in ${(ms / 1000).toFixed(1)} s.`);
}

// Builds the Angular app with @angular/build's application builder (esbuild), called directly: no angular.json
// and no @angular/cli needed. Production settings, and `optimization.styles.inlineCritical: false` so that
// index.html has no inline `onload` handler (which a strict Content-Security-Policy refuses).
//
// Usage: node examples/angular-chat/build.mjs [outDir]   (default: examples/angular-chat/dist)
// The app lands in <outDir>/browser. Prints the build time.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApplication } from '@angular/build';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Builds the app into `outDir` (its `browser` folder holds the site). Resolves with the build time in ms.
 *
 * @example
 * await buildApp('/tmp/angular-chat'); // /tmp/angular-chat/browser/index.html
 */
export async function buildApp(outDir = resolve(here, 'dist'), { quiet = false } = {}) {
  const startedAt = performance.now();
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
    getProjectMetadata: async () => ({ root: '', sourceRoot: 'src', cli: { cache: { enabled: false } } }),
  };
  const options = {
    browser: 'src/main.ts',
    index: 'src/index.html',
    tsConfig: 'tsconfig.json',
    styles: ['src/styles.css'],
    polyfills: [],
    outputPath: { base: resolve(outDir), browser: 'browser' },
    deleteOutputPath: true,
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? resolve(here, 'dist'));
  const ms = await buildApp(outDir);
  console.log(`Built the Angular app into ${outDir}/browser in ${(ms / 1000).toFixed(1)} s.`);
}

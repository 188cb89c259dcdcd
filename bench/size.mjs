// What users pay for what they import: browser bundle sizes, the size of the shipped declarations, and the time
// a consumer's two-line file takes to type-check against them with `skipLibCheck: false`.
//
//   npm run bench:size            (builds into a temporary folder first)
//   node bench/size.mjs --json    (machine-readable, also written to bench/results/size.json)
//
// Bundles: esbuild, minified, platform browser, ES modules, rxjs, zod and @angular/* external (every Angular or RxJS
// app has them already; an app that uses the structured subpath has zod, which its own schemas import), gzip level
// 9. The library is bundled from its ESM build, so its package.json files (`sideEffects`) count as they do for
// users. Goals (docs/performance.md): each bundle <= 25 KB gzip, declarations <= 1 MB,
// the consumer file type-checks in <= 4 s.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const work = mkdtempSync(join(tmpdir(), 'rx-openai-stream-size-'));
const pkg = join(work, 'node_modules', 'rx-openai-stream');

try {
  // The package as users install it: its package.json and a fresh build, in node_modules of a scratch project.
  mkdirSync(pkg, { recursive: true });
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(pkg, 'dist')], { cwd: root, stdio: 'ignore' });
  execFileSync('cp', [join(root, 'package.json'), pkg]);
  for (const dep of ['rxjs', 'zod', 'eventsource-parser', 'openai', 'typescript', '@types/node']) {
    mkdirSync(dirname(join(work, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), join(work, 'node_modules', dep));
  }

  const entries = {
    'responseEvents + textDeltas': `import { responseEvents, textDeltas } from 'rx-openai-stream';
      export const text$ = (r) => responseEvents(r).pipe(textDeltas());`,
    'assistantEvents + textDeltas + finalMessages': `import { assistantEvents, textDeltas, finalMessages } from 'rx-openai-stream';
      export const run = (r) => [assistantEvents(r).pipe(textDeltas()), assistantEvents(r).pipe(finalMessages())];`,
    'createClient().responses.stream()': `import { createClient } from 'rx-openai-stream';
      export const stream = (body) => createClient({ apiKey: 'k' }).responses.stream(body);`,
    // The client with the Assistants API too (shut down upstream): what an app that still streams runs carries.
    'createAssistantsClient().threads.runs.stream()': `import { createAssistantsClient } from 'rx-openai-stream';
      export const stream = (id, body) => createAssistantsClient({ apiKey: 'k' }).threads.runs.stream(id, body);`,
    // Angular apps have @angular/* already (external, like rxjs): what the /angular entry adds to an app.
    'angular: provideOpenAIStream + streamSignals': `import { provideOpenAIStream, streamSignals, injectOpenAIStreamClient } from 'rx-openai-stream/angular';
      export const providers = provideOpenAIStream({ baseURL: '/api/openai/v1' });
      export const answer = () => streamSignals(injectOpenAIStreamClient().responses.stream({ model: 'm', input: 'hi' }));`,
    // What Structured Outputs add: a request format and the parsed result (zod 4 or zod 3; both converters come along).
    'structured: zodTextFormat + finalParsed': `import { zodTextFormat, finalParsed } from 'rx-openai-stream/structured';
      export const format = (schema) => zodTextFormat(schema, 'answer');
      export const parsed = (schema) => finalParsed(schema);`,
    'official SDK: new OpenAI().responses.stream()': `import OpenAI from 'openai';
      export const stream = (body) => new OpenAI({ apiKey: 'k', dangerouslyAllowBrowser: true }).responses.stream(body);`,
  };
  const bundles = {};
  for (const [name, contents] of Object.entries(entries)) {
    const result = await build({
      stdin: { contents, resolveDir: work, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external: ['rxjs', 'rxjs/*', 'zod', 'zod/*', '@angular/*'],
      write: false,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0].contents;
    bundles[name] = { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }

  let declarations = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts')) declarations += statSync(path).size;
    }
  };
  walk(join(pkg, 'dist'));

  // A consumer's file, type-checked with the declarations (skipLibCheck false), against rxjs alone as a baseline.
  const typecheck = {};
  const consumers = {
    'import { responseEvents, textDeltas }': `import { responseEvents, textDeltas } from 'rx-openai-stream';
      export const text$ = (r: Response) => responseEvents(r).pipe(textDeltas());`,
    'rxjs alone': `import { of, map } from 'rxjs';
      export const x$ = of(1).pipe(map((n) => n + 1));`,
    'official SDK: responses.stream': `import OpenAI from 'openai';
      export const s = (c: OpenAI) => c.responses.stream({ model: 'm', input: 'hi' });`,
  };
  for (const [name, source] of Object.entries(consumers)) {
    const dir = mkdtempSync(join(work, 'consumer-'));
    writeFileSync(join(dir, 'index.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
          skipLibCheck: false, lib: ['ES2022', 'DOM'], types: [],
        },
        files: ['index.ts'],
      }),
    );
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, stdio: 'inherit' });
    typecheck[name] = Number(process.hrtime.bigint() - started) / 1e9;
  }

  const report = { node: process.version, date: new Date().toISOString(), bundles, declarations, typecheck };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/size.json'), JSON.stringify(report, null, 2) + '\n');
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    const kb = (n) => (n / 1024).toFixed(1) + ' KB';
    console.log('Browser bundles (esbuild --minify, rxjs, zod and @angular/* external):');
    for (const [name, b] of Object.entries(bundles)) console.log(`  ${name.padEnd(48)} ${kb(b.minified).padStart(10)}  ${kb(b.gzip).padStart(9)} gzip`);
    console.log(`Declarations (.d.ts) in dist: ${(declarations / 1024 / 1024).toFixed(2)} MB`);
    console.log('Type-check of a consumer file (skipLibCheck: false, tsc wall time):');
    for (const [name, s] of Object.entries(typecheck)) console.log(`  ${name.padEnd(48)} ${s.toFixed(2)} s`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

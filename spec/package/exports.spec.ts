/**
 * The package as it is published (`builtPackage()`: built by `scripts/build.mjs` outside the working tree's dist/,
 * beside a copy of package.json), so `require('rx-openai-stream')` and `import` resolve through its `exports` map
 * to the built files, as they do for an app that installed it. The consumers type-checked against it are written
 * beside it in the build cache (`consumersFolder()`); each resolves its own imports in its own node_modules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cachedBuild } from '../helpers/build-cache';
import { builtPackage, PACKAGE_INPUTS } from '../helpers/built-package';

const root = join(__dirname, '..', '..');
let pkg = ''; // the package folder: package.json, dist/, and node_modules linked to the project's for rxjs & co
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: pkg, encoding: 'utf8' });

/**
 * Checks that load the package's entries, each a function body returning what it found, run in one Node process
 * per module system (a process costs more than the checks): CommonJS bodies `require` the entries, ES module
 * bodies `await import()` them (resolved through the `import` condition of `exports`, as a static import is). The
 * Angular entries come last (they load @angular/compiler first). Each check gives its value, or `threw: <error>`.
 */
const CJS_CHECKS: Record<string, string> = {
  require: "const m = require('rx-openai-stream'); const t = require('rx-openai-stream/testing'); return [typeof m.assistantEvents, typeof m.createClient, typeof t.startEmulator, new m.NotFoundError(404, new Headers(), '') instanceof m.APIError].join(' ')",
  structured: "const s = require('rx-openai-stream/structured'); const { z } = require('zod'); return s.zodTextFormat(z.object({ a: z.string() }), 'x').schema.additionalProperties",
  schemas: "const s = require('rx-openai-stream/schemas'); return [s.RunSchema.safeParse({}).success, typeof s.responseEventDataSchemas['response.completed'].safeParse].join(' ')",
  angular: "require('@angular/compiler'); const a = require('rx-openai-stream/angular'); return [typeof a.provideOpenAIStream, typeof a.httpClientFetch, typeof a.streamSignals, String(a.OPENAI_STREAM_CLIENT)].join(' ')",
};
const ESM_CHECKS: Record<string, string> = {
  import: "const { textDeltas, createClient, StreamParseError } = await import('rx-openai-stream'); const { startEmulator } = await import('rx-openai-stream/testing'); return [typeof textDeltas, typeof createClient, typeof startEmulator, new StreamParseError('x', {}) instanceof Error].join(' ')",
  structured: "const { createPartialJsonParser } = await import('rx-openai-stream/structured'); const p = createPartialJsonParser(); return JSON.stringify(p.push('{\"a\": [1, \"x'))",
  schemas: "const { ResponseSchema, Responses } = await import('rx-openai-stream/schemas'); return [ResponseSchema.safeParse(null).success, typeof Responses.FunctionToolSchema.parse].join(' ')",
  // A run streamed end to end from the ESM build against the emulator (its own entry, rx-openai-stream/testing).
  stream: "const { lastValueFrom, toArray } = await import('rxjs'); const { createClient, textDeltas } = await import('rx-openai-stream'); const { startEmulator } = await import('rx-openai-stream/testing'); const emulator = await startEmulator({ pacing: 0 }); try { const client = createClient({ apiKey: 'k', baseURL: emulator.url }); const text = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'hi' }).pipe(textDeltas(), toArray())); return text.join('').length > 0 ? 'ok' : 'empty'; } finally { await emulator.close(); }",
  angular: "await import('@angular/compiler'); const { provideOpenAIStream, injectOpenAIStreamClient } = await import('rx-openai-stream/angular'); return [typeof provideOpenAIStream({ baseURL: '/api' }), typeof injectOpenAIStreamClient].join(' ')",
};
const loads: Partial<Record<'cjs' | 'esm', Record<string, string>>> = {};
/** The results of the CommonJS or the ES module checks (run on the first call). */
function loaded(kind: 'cjs' | 'esm'): Record<string, string> {
  const checks = kind === 'cjs' ? CJS_CHECKS : ESM_CHECKS;
  const body = Object.entries(checks)
    .map(([name, code]) => `try { out[${JSON.stringify(name)}] = String(await (async () => { ${code} })()); } catch (error) { out[${JSON.stringify(name)}] = 'threw: ' + String(error); }`)
    .join('\n');
  const script = `(async () => { const out = {};\n${body}\nconsole.log(JSON.stringify(out)); })();`;
  return (loads[kind] ??= JSON.parse(node(kind === 'cjs' ? ['-e', script] : ['--input-type=module', '-e', script])) as Record<string, string>);
}

/** A consumer project: its files, and the packages in its node_modules (linked to the project's, or `pkg`). */
interface Consumer {
  readonly files: Record<string, string>;
  readonly packages: readonly string[];
}

/**
 * The consumers check every declaration file but TypeScript's own standard library (see `typeCheck`), with the
 * strictest settings an app may have: an option left `undefined` (`process.env.OPENAI_API_KEY`) is still an option
 * under `exactOptionalPropertyTypes`.
 */
const CHECK_OPTIONS = {
  target: 'ES2022', strict: true, noEmit: true, incremental: true, exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true, skipLibCheck: false, skipDefaultLibCheck: true, lib: ['ES2022', 'DOM'], types: [],
};

/** An Angular app that installed the package (rxjs, Angular and the package in its node_modules). */
const ANGULAR_CONSUMER: Consumer = {
  packages: ['rxjs', '@angular/core', '@angular/common', 'rx-openai-stream'],
  files: {
    'app.ts': `import { provideOpenAIStream, streamSignals, injectOpenAIStreamClient, httpClientFetch, type StreamStatus } from 'rx-openai-stream/angular';
    import type { ResponseStreamEvent } from 'rx-openai-stream';
    import type { EnvironmentProviders, Signal } from '@angular/core';
    export const providers: EnvironmentProviders = provideOpenAIStream({ baseURL: '/api/openai/v1' });
    export const chat = () => {
      const answer = streamSignals<ResponseStreamEvent>();
      answer.start(injectOpenAIStreamClient().responses.stream({ model: 'm', input: 'hi' }));
      const status: Signal<StreamStatus> = answer.status;
      return [answer.text(), answer.snapshot()?.output_text, status(), httpClientFetch] as const;
    };\n`,
    // As the Angular CLI compiles an app: bundler resolution, ES modules.
    'tsconfig.json': JSON.stringify({
      compilerOptions: { ...CHECK_OPTIONS, module: 'ES2022', moduleResolution: 'bundler' },
      files: ['app.ts'],
    }),
  },
};

const CONSUMER_SOURCE = `import { createClient, handleEvents, responseEvents, textDeltas, StreamParseError, type ResponseStreamEvent, type Responses } from 'rx-openai-stream';
    declare const env: Record<string, string | undefined>;
    declare const lastEventId: string | undefined;
    declare const signal: AbortSignal | undefined;
    // The README's quickstart and relay, as written: options that may be undefined.
    const client = createClient({ apiKey: env['OPENAI_API_KEY'], baseURL: env['OPENAI_BASE_URL'] });
    export const resumed$ = client.responses.stream({ response_id: 'resp_1', starting_after: lastEventId === undefined ? undefined : Number(lastEventId) });
    export const answer$ = client.responses.stream({ model: 'gpt-4o', input: 'Hi' }, { signal });
    export const handled = handleEvents({ onTextDelta: env['VERBOSE'] ? (delta) => console.log(delta.value) : undefined });
    export const text$ = (r: Response) => responseEvents(r).pipe(textDeltas());
    export const isDelta = (e: ResponseStreamEvent) => e.type === 'response.output_text.delta' && e.delta.length > 0;
    export const isParse = (e: unknown) => e instanceof StreamParseError;
    export const tool: Responses.FunctionTool = { type: 'function', name: 'f', parameters: {}, strict: true };\n`;

/**
 * An app that installed the package: rxjs (its peer) and the package itself in its node_modules, nothing else. The
 * same file as a CommonJS module (the `require` types) and as an ES module (the `import` types).
 */
const CONSUMER: Consumer = {
  packages: ['rxjs', 'rx-openai-stream'],
  files: {
    'index.cts': CONSUMER_SOURCE,
    'index.mts': CONSUMER_SOURCE,
    'tsconfig.json': JSON.stringify({
      compilerOptions: { ...CHECK_OPTIONS, module: 'NodeNext', moduleResolution: 'NodeNext' },
      files: ['index.cts', 'index.mts'],
    }),
  },
};

/**
 * A CommonJS app whose TypeScript resolves packages the old way (`moduleResolution: node10`, what `module:
 * CommonJS` implies), which does not read `exports`: the subpaths' types come from `typesVersions`. Every entry
 * but `/angular`, whose Angular packages need `node16`, `nodenext` or `bundler` resolution themselves.
 */
const NODE10_CONSUMER: Consumer = {
  packages: ['rxjs', 'zod', 'rx-openai-stream'],
  files: {
    'index.ts': `import { responseEvents, textDeltas, type ResponseStreamEvent } from 'rx-openai-stream';
    import { startEmulator, type Emulator } from 'rx-openai-stream/testing';
    import { ResponseSchema } from 'rx-openai-stream/schemas';
    import { zodTextFormat, finalParsed } from 'rx-openai-stream/structured';
    import { z } from 'zod';
    export const text$ = (r: Response) => responseEvents(r).pipe(textDeltas());
    export const isDelta = (e: ResponseStreamEvent) => e.type === 'response.output_text.delta' && e.delta.length > 0;
    export const emulator: () => Promise<Emulator> = () => startEmulator({ pacing: 0 });
    export const valid = (value: unknown): boolean => ResponseSchema.safeParse(value).success;
    export const format = zodTextFormat(z.object({ city: z.string() }), 'weather');
    export const parsed = (r: Response) => responseEvents(r).pipe(finalParsed(z.object({ city: z.string() })));\n`,
    'tsconfig.json': JSON.stringify({
      compilerOptions: { ...CHECK_OPTIONS, module: 'CommonJS', moduleResolution: 'node10', esModuleInterop: true },
      files: ['index.ts'],
    }),
  },
};

const CONSUMERS: Record<string, Consumer> = { 'angular-consumer': ANGULAR_CONSUMER, consumer: CONSUMER, 'node10-consumer': NODE10_CONSUMER };

/**
 * The consumers' folder, written once per content (`cachedBuild`: the package's inputs and the consumers' files)
 * beside the package (`pkg`) they link to.
 */
function consumersFolder(): Promise<string> {
  return cachedBuild({
    name: 'package-consumers',
    inputs: PACKAGE_INPUTS,
    extra: [JSON.stringify(CONSUMERS), 'each with its own package.json'],
    build: (staging) => {
      for (const [name, { files, packages }] of Object.entries(CONSUMERS)) {
        const folder = join(staging, name);
        for (const dep of packages) {
          mkdirSync(dirname(join(folder, 'node_modules', dep)), { recursive: true });
          symlinkSync(dep === 'rx-openai-stream' ? pkg : join(root, 'node_modules', dep), join(folder, 'node_modules', dep), 'dir');
        }
        for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
        // An app's own package.json: without one, the repository's (named rx-openai-stream, with its `exports`) is
        // the nearest, and TypeScript resolves the package's name to the repository's dist/ as a self-reference.
        writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: name, private: true }));
      }
    },
  });
}

/**
 * The consumers check every declaration file but TypeScript's own standard library (`skipDefaultLibCheck`: the
 * package's, rxjs's and Angular's are checked; lib.dom.d.ts is TypeScript's to check, and the costliest).
 *
 * Type-checks the consumers in one `tsc --build` (one process: the standard library's declarations are parsed
 * once for all) and splits its report by project. `errors(consumer)`: the error lines of that consumer's project.
 * Run once, by whichever test asks first. The consumers are `incremental`, in a folder of the build cache: while
 * the package, the consumers and the lock file (TypeScript's, rxjs's and Angular's versions) are the same, `tsc -b`
 * finds a project that passed up to date (its `.tsbuildinfo` records that it had no errors) and checks nothing
 * again; any change of them is a new folder, checked anew. A project that had errors is always checked again.
 */
let checked: { errors(consumer: string): string[] } | undefined;
async function typeCheck(): Promise<{ errors(consumer: string): string[] }> {
  if (checked) return checked;
  const folder = await consumersFolder();
  const projects = Object.keys(CONSUMERS).map((name) => join(folder, name));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', '--verbose', ...projects], { cwd: folder, encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  // `--verbose` announces each project ("Building project '<dir>/tsconfig.json'...") before its diagnostics, or
  // says it is up to date ("Project '<dir>/tsconfig.json' is up to date ...").
  const sections = new Map<string, string>();
  let current = '';
  for (const line of output.split('\n')) {
    const building = /Building project '(.+)[\\/]tsconfig\.json'/.exec(line);
    const upToDate = /Project '(.+)[\\/]tsconfig\.json' is up to date/.exec(line);
    if (building) sections.set((current = resolve(folder, building[1]!)), '');
    else if (upToDate) sections.set(resolve(folder, upToDate[1]!), (current = ''));
    else if (current) sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  const errorLines = (text: string) => text.split('\n').filter((line) => /error TS\d+/.test(line));
  // Every project was built or up to date, and a failed build shows its errors (an error outside any project fails both).
  const unattributed = run.status === 0 && projects.every((project) => sections.has(project)) ? [] : [`tsc -b exited ${run.status}: ${output}`];
  checked = {
    errors: (consumer) => {
      const own = errorLines(sections.get(join(folder, consumer)) ?? '');
      const others = [...sections.values()].some((text) => errorLines(text).length > 0);
      return own.length > 0 ? own : others ? [] : unattributed;
    },
  };
  return checked;
}

describe('the built package', () => {
  beforeAll(async () => {
    pkg = await builtPackage();
  }, 180_000);

  it('emits ESM, CommonJS and type declarations', () => {
    for (const file of ['dist/esm/index.js', 'dist/cjs/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.d.ts', 'dist/esm/testing/index.js', 'dist/cjs/testing/index.js']) {
      expect(existsSync(join(pkg, file))).toBe(true);
    }
  });

  it('works with require()', () => {
    expect(loaded('cjs')['require']).toBe('function function function true');
  });

  it('works with import', () => {
    expect(loaded('esm')['import']).toBe('function function function true');
  });

  it('runs a stream end to end from the ESM build against the emulator', () => {
    expect(loaded('esm')['stream']).toBe('ok');
  });

  it('has structured outputs in rx-openai-stream/structured, both ways', () => {
    expect(loaded('cjs')['structured']).toBe('false');
    expect(loaded('esm')['structured']).toBe('{"a":[1,"x"]}');
  });

  it('has the opt-in OpenAPI schemas in rx-openai-stream/schemas, both ways', () => {
    expect(loaded('cjs')['schemas']).toBe('false function');
    expect(loaded('esm')['schemas']).toBe('false function');
  });

  it('has the Angular integration in rx-openai-stream/angular, both ways', () => {
    // Angular's packages are partially compiled: outside an Angular build (whose linker finishes them), Node needs
    // @angular/compiler loaded first. The entry itself has no decorators, nothing for a compiler to do.
    expect(loaded('cjs')['angular']).toBe('function function function InjectionToken rx-openai-stream: OPENAI_STREAM_CLIENT');
    expect(loaded('esm')['angular']).toBe('object function');
  });

  it('reaches Angular from the /angular entry only, in JavaScript and in declarations', () => {
    // Every file an entry reaches through its imports and re-exports (ESM JavaScript, CommonJS JavaScript,
    // declarations), with the bare specifiers it names.
    const reach = (entry: string) => {
      const files = new Set<string>();
      const bare = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file) || !existsSync(file)) return;
        files.add(file);
        const text = readFileSync(file, 'utf8');
        for (const [, specifier] of text.matchAll(/(?:from\s+|import\(|require\()\s*['"]([^'"]+)['"]/g)) {
          if (!specifier!.startsWith('.')) bare.add(specifier!);
          else if (file.endsWith('.d.ts')) visit(resolve(dirname(file), specifier!.replace(/\.js$/, '.d.ts')));
          else visit(resolve(dirname(file), specifier!.endsWith('.js') ? specifier! : `${specifier}.js`));
        }
      };
      visit(join(pkg, 'dist', entry));
      return { files, bare: [...bare] };
    };
    const angular = (specifiers: string[]) => specifiers.filter((specifier) => specifier.startsWith('@angular/'));
    for (const entry of ['index', 'testing/index', 'schemas', 'structured/index']) {
      for (const file of [`esm/${entry}.js`, `cjs/${entry}.js`, `cjs/${entry}.d.ts`]) {
        const { files, bare } = reach(file);
        expect(files.size).toBeGreaterThan(1);
        expect({ file, angular: angular(bare) }).toEqual({ file, angular: [] });
      }
    }
    for (const file of ['esm/angular/index.js', 'cjs/angular/index.js', 'cjs/angular/index.d.ts']) {
      expect({ file, angular: angular(reach(file).bare).sort() }).toEqual({ file, angular: ['@angular/common/http', '@angular/core'] });
    }
  });

  it('ships /angular declarations an Angular app type-checks with skipLibCheck off', async () => {
    expect((await typeCheck()).errors('angular-consumer')).toEqual([]);
  }, 60_000);

  it('types every entry for TypeScript that does not read `exports` (moduleResolution node10), with skipLibCheck off', async () => {
    // typesVersions names, for each subpath, the declarations its `require` condition names.
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      exports: Record<string, { require?: { types?: string } } | string>;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    const fromExports = Object.fromEntries(
      Object.entries(manifest.exports)
        .filter(([subpath]) => subpath !== '.' && subpath !== './package.json')
        .map(([subpath, target]) => [subpath.slice(2), [typeof target === 'string' ? target : target.require?.types]]),
    );
    expect(manifest.typesVersions).toEqual({ '*': fromExports });
    expect((await typeCheck()).errors('node10-consumer')).toEqual([]);
  }, 60_000);

  it('ships declarations a consumer type-checks with skipLibCheck off, and the main entry reaches no zod types', async () => {
    // Every declaration file the main entry reaches, through imports and re-exports.
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*['"]([^'"]+)['"]/g)) {
        if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!.replace(/\.js$/, '.d.ts')));
        else expect([file, specifier]).not.toEqual([file, 'zod']);
      }
    };
    visit(join(pkg, 'dist', 'esm', 'index.d.ts'));
    // The ES half re-exports the one set of declarations, in the CommonJS half.
    expect(readFileSync(join(pkg, 'dist', 'esm', 'index.d.ts'), 'utf8')).toBe("export * from '../cjs/index.js';\n");
    expect(reached.size).toBeGreaterThan(20);

    expect((await typeCheck()).errors('consumer')).toEqual([]);
  }, 60_000);
});

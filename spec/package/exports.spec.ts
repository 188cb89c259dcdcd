/**
 * The package as it is published (`builtPackage()`: built by `scripts/build.mjs` outside the working tree's dist/,
 * beside a copy of package.json), so `require('rx-openai-stream')` and `import` resolve through its `exports` map
 * to the built files, as they do for an app that installed it. Consumers are written into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { builtPackage } from '../helpers/built-package';

const root = join(__dirname, '..', '..');
let tmp = '';
let pkg = ''; // the package folder: package.json, dist/, and node_modules linked to the project's for rxjs & co
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: pkg, encoding: 'utf8' });

describe('the built package', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-package-'));
    pkg = await builtPackage();
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('emits ESM, CommonJS and type declarations', () => {
    for (const file of ['dist/esm/index.js', 'dist/cjs/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.d.ts', 'dist/esm/testing/index.js', 'dist/cjs/testing/index.js']) {
      expect(existsSync(join(pkg, file))).toBe(true);
    }
  });

  it('works with require()', () => {
    const out = node(['-e', "const m = require('rx-openai-stream'); const t = require('rx-openai-stream/testing'); console.log(typeof m.assistantEvents, typeof m.createClient, typeof t.startEmulator, new m.NotFoundError(404, new Headers(), '') instanceof m.APIError)"]);
    expect(out.trim()).toBe('function function function true');
  });

  it('works with import', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "import { textDeltas, createClient, StreamParseError } from 'rx-openai-stream'; import { startEmulator } from 'rx-openai-stream/testing'; console.log(typeof textDeltas, typeof createClient, typeof startEmulator, new StreamParseError('x', {}) instanceof Error)",
    ]);
    expect(out.trim()).toBe('function function function true');
  });

  it('runs a stream end to end from the ESM build against the emulator', () => {
    const script = `
      import { lastValueFrom, toArray, firstValueFrom } from 'rxjs';
      import { createClient, textDeltas } from 'rx-openai-stream';
      import { startEmulator } from 'rx-openai-stream/testing';
      const emulator = await startEmulator({ pacing: 0 });
      const client = createClient({ apiKey: 'k', baseURL: emulator.url });
      const { id } = await firstValueFrom(client.assistants.create({ model: 'gpt-4o' }));
      const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: 'hi' }] }));
      const text = await lastValueFrom(client.threads.runs.stream(thread.id, { assistant_id: id }).pipe(textDeltas(), toArray()));
      await emulator.close();
      console.log(text.join('').length > 0 ? 'ok' : 'empty');`;
    expect(node(['--input-type=module', '-e', script]).trim()).toBe('ok');
  });

  it('has structured outputs in rx-openai-stream/structured, both ways', () => {
    const cjs = node(['-e', "const s = require('rx-openai-stream/structured'); const { z } = require('zod'); console.log(s.zodTextFormat(z.object({ a: z.string() }), 'x').schema.additionalProperties)"]);
    expect(cjs.trim()).toBe('false');
    const esm = node(['--input-type=module', '-e', "import { createPartialJsonParser } from 'rx-openai-stream/structured'; const p = createPartialJsonParser(); console.log(JSON.stringify(p.push('{\"a\": [1, \"x')))"]);
    expect(esm.trim()).toBe('{"a":[1,"x"]}');
  });

  it('has the opt-in OpenAPI schemas in rx-openai-stream/schemas, both ways', () => {
    const cjs = node(['-e', "const s = require('rx-openai-stream/schemas'); console.log(s.RunSchema.safeParse({}).success, typeof s.responseEventDataSchemas['response.completed'].safeParse)"]);
    expect(cjs.trim()).toBe('false function');
    const esm = node(['--input-type=module', '-e', "import { ResponseSchema, Responses } from 'rx-openai-stream/schemas'; console.log(ResponseSchema.safeParse(null).success, typeof Responses.FunctionToolSchema.parse)"]);
    expect(esm.trim()).toBe('false function');
  });

  it('ships declarations a consumer type-checks with skipLibCheck off, and the main entry reaches no zod types', () => {
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

    const consumer = join(tmp, 'consumer');
    // An app that installed the package: rxjs (its peer) and the package itself in its node_modules, nothing else.
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(join(root, 'node_modules', 'rxjs'), join(consumer, 'node_modules', 'rxjs'), 'dir');
    symlinkSync(pkg, join(consumer, 'node_modules', 'rx-openai-stream'), 'dir');
    const source = `import { responseEvents, textDeltas, StreamParseError, type ResponseStreamEvent, type Responses } from 'rx-openai-stream';
      export const text$ = (r: Response) => responseEvents(r).pipe(textDeltas());
      export const isDelta = (e: ResponseStreamEvent) => e.type === 'response.output_text.delta' && e.delta.length > 0;
      export const isParse = (e: unknown) => e instanceof StreamParseError;
      export const tool: Responses.FunctionTool = { type: 'function', name: 'f', parameters: {}, strict: true };\n`;
    // The same file as a CommonJS module (the `require` types) and as an ES module (the `import` types).
    writeFileSync(join(consumer, 'index.cts'), source);
    writeFileSync(join(consumer, 'index.mts'), source);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
          skipLibCheck: false, lib: ['ES2022', 'DOM'], types: [],
        },
        files: ['index.cts', 'index.mts'],
      }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], { cwd: consumer, encoding: 'utf8' });
  }, 60_000);
});

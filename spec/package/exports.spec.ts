/**
 * The package as it is published: `scripts/build.mjs` builds it into a temporary folder (never the working tree's
 * dist/), beside a copy of package.json, so `require('rx-openai-stream')` and `import` resolve through its
 * `exports` map to the built files, as they do for an app that installed it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let tmp = '';
let pkg = ''; // the package folder: package.json, dist/, and node_modules linked to the project's for rxjs & co
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: pkg, encoding: 'utf8' });

describe('the built package', () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-package-'));
    pkg = join(tmp, 'rx-openai-stream');
    mkdirSync(pkg);
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    // Without a second type check: `npm test` has just checked src/ (the emitted JavaScript is the same).
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(pkg, 'dist'), '--no-check'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

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
});

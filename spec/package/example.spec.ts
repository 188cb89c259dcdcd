/**
 * `npm start`'s demos (examples/), run as a user runs them: the package is built into a temporary folder (as in
 * exports.spec.ts, never the working tree's dist/), the examples are copied beside it and import it by its name,
 * and they talk to the built-in emulator (no OPENAI_API_KEY).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let tmp = '';
let pkg = '';

function runExample(args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['OPENAI_API_KEY'];
  delete env['OPENAI_ASSISTANT_ID'];
  delete env['OPENAI_BASE_URL'];
  return execFileSync(process.execPath, [join(pkg, 'examples', 'live-run.mjs'), ...args], { cwd: pkg, env, encoding: 'utf8' });
}

describe('npm start (examples/live-run.mjs)', () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-example-'));
    pkg = join(tmp, 'rx-openai-stream');
    mkdirSync(pkg);
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    cpSync(join(root, 'examples'), join(pkg, 'examples'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(pkg, 'dist'), '--no-check'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs the Responses demo: a tool call, its output sent back, a structured answer validated at the end', () => {
    const out = runExample([]);
    expect(out).toContain('Using the built-in emulator');
    expect(out).toContain('assistant > calls get_weather({"city":"Paris"})');
    expect(out).toContain('tool > {"city":"Paris","temperature_c":18,"conditions":"light rain","umbrella":true}');
    const validated = /answer \(validated by finalParsed\):\n([\s\S]*?)\n\nsummary/.exec(out);
    expect(JSON.parse(validated![1]!)).toMatchObject({ city: 'Paris', temperature_c: 18, conditions: 'light rain', umbrella: true });
    expect(out).toMatch(/final status +completed/);
    expect(out).toMatch(/turns +2\n/);
    expect(out).toMatch(/tool calls +1\n/);
    expect(Number(/partial objects +(\d+)/.exec(out)![1])).toBeGreaterThan(5); // partialParsed saw it grow
    expect(out).toMatch(/streams \(streamMetrics\)\n +1\. completed .*\n +2\. completed /);
  }, 60_000);

  it('runs the Assistants demo with --assistants', () => {
    const out = runExample(['--assistants']);
    expect(out).toContain('assistant > calls get_weather');
    expect(out).toMatch(/final status +completed/);
    expect(out).toMatch(/tool calls +1\n/);
  }, 60_000);
});

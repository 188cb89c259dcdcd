/**
 * `npm start`'s demos (examples/), run as a user runs them: the examples sit beside the built package
 * (`builtPackage()`, as in exports.spec.ts, never the working tree's dist/) and import it by its name, and they talk
 * to the built-in emulator (no OPENAI_API_KEY), or to it standing in for the API. The built-in emulator streams
 * without pauses (`DEMO_PACE=fast`; `npm start` keeps the emulator's human pace): the output is the same.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../../src/testing/index';
import { builtPackage } from '../helpers/built-package';

let pkg = '';

function runExample(args: string[], live: Record<string, string> = {}): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_PACE: 'fast' };
  delete env['OPENAI_API_KEY'];
  delete env['OPENAI_ASSISTANT_ID'];
  delete env['OPENAI_BASE_URL'];
  Object.assign(env, live);
  return execFileSync(process.execPath, [join(pkg, 'examples', 'live-run.mjs'), ...args], { cwd: pkg, env, encoding: 'utf8' });
}

/** As runExample, without blocking this process (which serves the emulator the example talks to). */
function runExampleAsync(args: string[], live: Record<string, string>): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...live };
  delete env['OPENAI_ASSISTANT_ID'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(pkg, 'examples', 'live-run.mjs'), ...args], { cwd: pkg, env, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('npm start (examples/live-run.mjs)', () => {
  beforeAll(async () => {
    pkg = await builtPackage();
  }, 180_000);

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

  it('takes the real-API path when OPENAI_API_KEY is set: the key and base URL from the environment reach the server', async () => {
    // The emulator stands in for api.openai.com: the demo cannot tell, so this runs exactly the code a key runs.
    // It accepts only this key, so a completed demo proves the key from the environment was sent.
    const emulator = await startEmulator({ pacing: 0, apiKey: 'sk-live-path' });
    try {
      const out = await runExampleAsync([], { OPENAI_API_KEY: 'sk-live-path', OPENAI_BASE_URL: emulator.url, OPENAI_MODEL: 'gpt-4.1' });
      expect(out).toContain('Using the OpenAI API (gpt-4.1).');
      expect(out).toContain('assistant > calls get_weather({"city":"Paris"})');
      expect(out).toMatch(/final status +completed/);
      const posts = emulator.requests.filter((request) => request.method === 'POST' && request.path === '/v1/responses');
      expect(posts.map((post) => [post.status, (post.body as { model?: string }).model])).toEqual([
        [200, 'gpt-4.1'],
        [200, 'gpt-4.1'],
      ]);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('runs the Assistants demo with --assistants', () => {
    const out = runExample(['--assistants']);
    expect(out).toContain('assistant > calls get_weather');
    expect(out).toMatch(/final status +completed/);
    expect(out).toMatch(/tool calls +1\n/);
    // The tool step shows in both streams (it completes at the start of the tool outputs' stream): counted once.
    expect(out).toMatch(/run steps +2\n/);
  }, 60_000);
});

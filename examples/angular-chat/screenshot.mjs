// Takes docs/images/angular-chat.png: the app mid-conversation, both conversations streaming, against the
// built-in emulator, in headless Chromium (the one the browser tests use).
//
// Usage: node examples/angular-chat/screenshot.mjs [outFile]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildApp, bundleServer } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outFile = resolve(process.argv[2] ?? join(root, 'docs', 'images', 'angular-chat.png'));
const outDir = join(here, 'dist');

await buildApp(outDir, { quiet: true });
const harness = await bundleServer(join(here, 'server', 'harness.ts'), join(outDir, 'server', 'harness.mjs'));
const { startEmulator, startRelay } = await import(pathToFileURL(harness).href);

const emulator = await startEmulator({ pacing: { eventMs: 20, deltaMs: 70 } });
const relay = await startRelay({
  browserDir: join(outDir, 'browser'),
  upstream: { apiKey: 'emulator', baseURL: emulator.url },
  model: 'gpt-4.1-mini',
});
const executablePath = execFileSync(process.execPath, [join(root, 'spec', 'browser', 'chromium-path.mjs')], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
  await page.goto(relay.url);
  const ask = async (conversation, prompt) => {
    await page.getByTestId(`conversation-${conversation}`).click();
    await page.getByTestId('prompt').fill(prompt);
    await page.getByTestId('send').click();
  };
  const textOf = (n) => page.getByTestId('message').nth(n).getByTestId('message-text').textContent();
  const waitFor = (predicate) => page.waitForFunction(predicate, undefined, { timeout: 60_000 });

  // A finished exchange with a tool call, then both conversations streaming at once.
  await ask('A', 'Please get weather in Paris for me');
  await waitFor(() => document.querySelector('[data-testid="message"]')?.getAttribute('data-status') === 'done');
  await ask('B', 'Write a short poem about a lighthouse keeper who listens to the ships passing in the night fog');
  await waitFor(() => (document.querySelectorAll('[data-testid="message-text"]')[1]?.textContent ?? '').length > 20);
  await ask('A', 'And what should I pack for a rainy weekend there with two kids and a dog?');
  await waitFor(() => (document.querySelectorAll('[data-testid="message-text"]')[2]?.textContent ?? '').length > 25);
  await page.getByTestId('prompt').fill('get weather in Oslo');
  mkdirSync(dirname(outFile), { recursive: true });
  await page.screenshot({ path: outFile });
  console.log(`Saved ${outFile} (${(await textOf(1)).length} and ${(await textOf(2)).length} characters streamed so far).`);
} finally {
  await browser.close();
  await relay.close();
  await emulator.close();
}

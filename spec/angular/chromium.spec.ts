/**
 * rx-openai-stream/angular in a real browser: headless Chromium (as spec/browser, same Chromium) runs a zoneless
 * Angular app bundled by esbuild from `spec/angular/browser/page.ts` (JIT), whose OnPush component streams through
 * the provided client (HttpClient with the fetch backend, an interceptor adding the key) to the emulator, behind a
 * same-origin server that serves the page and forwards `/v1/*`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { type Emulator, startEmulator } from '../../src/testing/index';
import type { AngularTest } from './browser/page';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { cachedBuild } from '../helpers/build-cache';

const root = join(__dirname, '..', '..');
const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bundle.js"></script></head><body></body></html>`;

describe('rx-openai-stream/angular in headless Chromium', () => {
  let tmp = '';
  let bundle = '';
  let emulator: Emulator;
  let server: http.Server;
  let browser: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  function inPage<K extends keyof AngularTest>(name: K, ...args: Parameters<AngularTest[K]>): Promise<Awaited<ReturnType<AngularTest[K]>>> {
    return page.evaluate(`window.angularTest.${name}(...${JSON.stringify(args)})`) as Promise<Awaited<ReturnType<AngularTest[K]>>>;
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-angular-browser-'));
    // Bundled once per content (the library, the page, the tsconfig esbuild reads, the lock file: Angular's and
    // esbuild's versions).
    const built = await cachedBuild({
      name: 'angular-page-bundle',
      inputs: ['src', 'spec/angular/browser', 'tsconfig.json', 'package-lock.json'],
      build: async (staging) => {
        await esbuild.build({
          absWorkingDir: root,
          entryPoints: [join(__dirname, 'browser', 'page.ts')],
          bundle: true,
          platform: 'browser',
          format: 'esm',
          target: 'es2022',
          outfile: join(staging, 'bundle.js'),
          logLevel: 'silent',
        });
      },
    });
    bundle = readFileSync(join(built, 'bundle.js'), 'utf8');
    // Paced, so that a stream takes many renders; the key the page's interceptor adds is the only one accepted.
    emulator = await startEmulator({ pacing: { eventMs: 10, deltaMs: 15 }, apiKey: 'browser-key' });
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/v1/')) {
        const upstream = http.request({ host: '127.0.0.1', port: emulator.port, method: req.method, path: url, headers: req.headers });
        upstream.on('response', (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.flushHeaders();
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        // The browser went away before the end: so does the upstream request.
        res.on('close', () => {
          if (!res.writableFinished) upstream.destroy();
        });
        req.pipe(upstream);
      } else if (url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const executablePath = chromiumExecutable();
    browser = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction('typeof window.angularTest === "object"', undefined, { timeout: 20_000 });
  }, 90_000);

  afterEach(() => expect(pageErrors).toEqual([]));

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await emulator?.close();
    await esbuild.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs zoneless in Chromium', async () => {
    const environment = await inPage('environment');
    expect(environment.userAgent).toMatch(/Chrome\/\d+/);
    expect(environment.zone).toBe('undefined');
  });

  it('renders the answer progressively in an OnPush component, then done', async () => {
    const result = await inPage('progressive', 'Tell me about the sea and the sky, the wind and the rain');
    expect(result.error).toBe('');
    const streaming = result.shown.filter((shown) => shown.status === 'streaming' && shown.text !== '');
    // Several renders with more and more text while the stream was still open.
    const lengths = [...new Set(streaming.map((shown) => shown.text.length))];
    expect(lengths.length).toBeGreaterThan(3);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(result.shown.at(-1)).toEqual({ text: result.final, status: 'done' });
    expect(result.final.length).toBeGreaterThan(lengths[0]!);
    const record = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').at(-1)!;
    expect(record).toMatchObject({ status: 200, outcome: 'finished' });
  });

  it('the app is stable while a stream runs; destroying the component closes the connection', async () => {
    const result = await inPage('stableWhileStreaming', JSON.stringify({ kind: 'stall', afterEvents: 6 }));
    expect(result.status).toBe('streaming');
    expect(result.text.length).toBeGreaterThan(0);
    const record = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').at(-1)!;
    // A fault is recorded when it acts: the stall, once its sixth event is out, which may come just after the page
    // saw the first text. Waited for (up to 2 s, generously: a few ms at this pacing).
    for (let i = 0; i < 200 && record.faults.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(record.faults).toEqual(['stall']);
    expect(record.outcome).toBeUndefined();
    expect(await inPage('destroyChat')).toEqual({ statusBefore: 'streaming' });
    expect(await record.ended).toMatchObject({ clientClosed: true });
  });
});

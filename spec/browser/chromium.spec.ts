/**
 * The library in a real browser: a headless Chromium, driven by playwright-core, runs a bundle that
 * esbuild builds from `src/` (platform `browser`), served by one local node:http server that also reverse-
 * proxies `/v1/*` to the emulator, as a real app puts a proxy in front of the API (same origin, no CORS). One
 * more page, on a server of its own, reads a relayed stream with the browser's own `EventSource`.
 *
 * Chromium: the system's at /usr/bin/chromium when there is one, otherwise the Linux x64 build that the
 * devDependency `@sparticuz/chromium` ships in its npm package (`chromium-path.mjs` picks one and unpacks the
 * latter once into node_modules/.cache). Nothing is downloaded and nothing is installed outside `npm install`;
 * without either Chromium every test here fails (nothing is skipped).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { relayToNodeResponse, responseEvents, type ResponseStreamEvent } from '../../src/index';
import { type Emulator, startEmulator } from '../../src/testing/index';
import type { BrowserTest } from './page';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { fixtureNames } from '../helpers/bytes';
import { listen } from '../helpers/local-server';
import { recordingBytes } from '../relay/recordings';
import { until } from '../helpers/until';

const root = join(__dirname, '..', '..');

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>rx-openai-stream in Chromium</title>
<script type="module" src="/bundle.js"></script></head><body></body></html>`;

const EVENT_SOURCE_PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
  window.seen = [];
  window.source = new EventSource('/events');
  for (const type of TYPES) window.source.addEventListener(type, (event) => window.seen.push(event.lastEventId));
</script></body></html>`;

// Headers that describe one connection, not the message: a proxy never forwards them.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEndHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/**
 * One server for the page, the bundle, and a streaming reverse proxy of `/v1/*` to `upstream()`. Bodies are
 * piped both ways (nothing is buffered), and when the browser goes away before the response finished, the
 * upstream request is destroyed, so the API sees the cancellation.
 */
async function startSite(bundle: () => string, upstream: () => Emulator) {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/v1/')) {
      const target = upstream();
      const upstreamReq = http.request({
        agent,
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: url,
        headers: { ...endToEndHeaders(req.headers), host: `127.0.0.1:${target.port}` },
      });
      upstreamReq.on('response', (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, endToEndHeaders(upstreamRes.headers));
        res.flushHeaders();
        upstreamRes.pipe(res);
        upstreamRes.on('error', () => res.destroy());
      });
      upstreamReq.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"message":"bad gateway"}}');
        else res.destroy();
      });
      // The browser closed the exchange before the response finished (an aborted fetch): cancel upstream too.
      res.on('close', () => {
        if (!res.writableFinished) upstreamReq.destroy();
      });
      req.pipe(upstreamReq);
      return;
    }
    if (req.method === 'GET' && url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
    } else if (req.method === 'GET' && url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle());
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

describe('the library in headless Chromium (esbuild bundle of src/, same-origin proxy to the emulator)', () => {
  let tmp: string | undefined;
  let bundleText = '';
  let bundleInputs: string[] = [];
  let fast: Emulator | undefined;
  let slow: Emulator | undefined;
  let target: Emulator | undefined;
  let site: Awaited<ReturnType<typeof startSite>> | undefined;
  let browser: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];

  /** Runs `window.browserTest[name]()` in the page (an expression string: nothing of Node's code crosses over). */
  function inPage<K extends keyof BrowserTest>(name: K): Promise<Awaited<ReturnType<BrowserTest[K]>>> {
    return page!.evaluate(`window.browserTest.${name}()`) as Promise<Awaited<ReturnType<BrowserTest[K]>>>;
  }

  beforeAll(async () => {
    const executablePath = chromiumExecutable();
    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-browser-'));
    const outfile = join(tmp, 'bundle.js');
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [join(__dirname, 'page.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      outfile,
      sourcemap: 'inline',
      metafile: true,
      logLevel: 'silent',
    });
    bundleText = readFileSync(outfile, 'utf8');
    bundleInputs = Object.keys(result.metafile.inputs); // relative to absWorkingDir

    fast = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5 });
    slow = await startEmulator({ pacing: { eventMs: 30, deltaMs: 30 }, statusStepMs: 5, pollAfterMs: 5 });
    target = fast;
    site = await startSite(() => bundleText, () => target!);

    // A persistent context on a fresh folder: the profile (--user-data-dir) is new for every run.
    browser = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    await page.goto(`${site.origin}/`);
    await page.waitForFunction('typeof window.browserTest === "object"', undefined, { timeout: 10_000 });
  }, 60_000);

  afterEach(() => {
    target = fast;
    // An uncaught error in the page fails the test that caused it, whatever it asserted.
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await fast?.close();
    await slow?.close();
    await esbuild.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('builds for the browser from src/ without the Node-only emulator, and runs in Chromium, not Node', async () => {
    expect(bundleInputs).toContain(join('src', 'index.ts'));
    expect(bundleInputs.filter((input) => input.startsWith(join('src', 'testing')))).toEqual([]);
    expect(bundleInputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    const environment = await inPage('environment');
    expect(environment.userAgent).toMatch(/Chrome\/\d+/);
    expect(environment.hasWindow).toBe(true);
    expect(environment.hasProcess).toBe(false);
  });

  it('streams a run through the proxy: textDeltas() adds up to finalMessages(), one run created', async () => {
    const before = fast!.counters.runsCreated;
    const result = await inPage('streamRun');
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.deltaCount).toBeGreaterThan(1);
    expect(result.text).toBe(result.finalText);
    expect(result.finalRole).toBe('assistant');
    expect(fast!.counters.runsCreated).toBe(before + 1);
    // The run request reached the emulator as an event stream, through the proxy, and finished normally.
    const record = await fast!.waitForRequest({ method: 'POST', path: new RegExp(`/threads/${result.threadId}/runs$`) });
    expect(record.streamed).toBe(true);
    expect((await record.ended).outcome).toBe('finished');
  });

  it('createAndPoll ends completed', async () => {
    const result = await inPage('createAndPoll');
    expect(result.statuses.length).toBeGreaterThan(1);
    expect(result.statuses.at(-1)).toBe('completed');
  });

  it('unsubscribing after the first text delta aborts the fetch, and the proxy carries the abort to the API', async () => {
    target = slow;
    const before = slow!.counters.runsCreated;
    const result = await inPage('cancelAfterFirstDelta');
    expect(result.firstDelta.length).toBeGreaterThan(0);
    const record = await slow!.waitForRequest({ method: 'POST', path: /\/runs$/ });
    expect(record.path).toBe(`/v1/threads/${result.threadId}/runs`);
    const ended = await record.ended;
    expect(ended.clientClosed).toBe(true);
    expect(ended.outcome).toBe('client-closed');
    expect(slow!.counters.runsCreated).toBe(before + 1);
  });

  it('keeps typed errors through bundling: a 404 is a NotFoundError, by name and by instanceof', async () => {
    const result = await inPage('notFound');
    expect(result).toMatchObject({
      threw: true,
      name: 'NotFoundError',
      status: 404,
      isNotFoundError: true,
      isAPIError: true,
      isOpenAIStreamError: true,
      isError: true,
    });
    expect(result.requestId).toMatch(/^req_/);
  });

  it('the relay answers an EventSource reconnect after the last event with 204, and EventSource closes, every event received once', async () => {
    // A page of its own, on a server of its own: a relayed Responses recording (relayToNodeResponse with a factory
    // that resumes after Last-Event-ID). After the last event the body ends; EventSource reconnects with the last
    // id, the relay answers 204 No Content, and EventSource stops for good (readyState CLOSED).
    const name = fixtureNames('responses-recorded')[0]!;
    const events: ResponseStreamEvent[] = await lastValueFrom(responseEvents(new Response(recordingBytes('responses-recorded', name))).pipe(toArray()));
    const types = [...new Set(events.map((event) => event.type))];
    const requests: { lastEventId: string | undefined; status: number }[] = [];
    const server = await listen((req, res) => {
      if (req.url !== '/events') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(EVENT_SOURCE_PAGE.replace('TYPES', JSON.stringify(types)));
        return;
      }
      const record = { lastEventId: req.headers['last-event-id'] as string | undefined, status: 0 };
      requests.push(record);
      res.once('finish', () => (record.status = res.statusCode));
      // `reconnectMs`: EventSource reconnects after 50 ms (its own wait is about 3 s).
      relayToNodeResponse(req, res, (lastEventId) =>
        from(events.filter((event) => (event.sequence_number ?? -1) > Number(lastEventId ?? -1))), { format: 'responses', reconnectMs: 50 });
    });

    const page = await browser!.newPage();
    try {
      await page.goto(server.url);
      // EventSource is CLOSED (2) only when the server told it to stop: after any other end it reconnects.
      await page.waitForFunction('window.source.readyState === 2');
      const seen = (await page.evaluate('window.seen')) as string[];
      expect(seen).toEqual(events.map((event) => String(event.sequence_number)));
      const last = String(events.at(-1)!.sequence_number);
      await until(() => requests.every((record) => record.status !== 0) && requests.length >= 2, { what: 'the server to see both requests end' });
      expect(requests).toEqual([
        { lastEventId: undefined, status: 200 },
        { lastEventId: last, status: 204 },
      ]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 30_000);
});

/**
 * The relay and the browser's own `EventSource`, in headless Chromium: a page opens an EventSource on a relayed
 * Responses recording (`relayToNodeResponse` with a factory that resumes after `Last-Event-ID`). After the last
 * event the server ends the body; EventSource reconnects with the last event's id, the relay answers 204 No Content
 * because nothing is left, and EventSource stops for good (`readyState` CLOSED) having received every event once.
 *
 * Chromium: see chromium.spec.ts (the system's, or the one `@sparticuz/chromium` ships).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { chromium, type BrowserContext } from 'playwright-core';
import { relayToNodeResponse, responseEvents, type ResponseStreamEvent } from '../../src/index';
import { fixtureNames } from '../helpers/bytes';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { listen, type LocalServer } from '../helpers/local-server';
import { recordingBytes } from '../relay/recordings';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
  window.seen = [];
  window.source = new EventSource('/events');
  for (const type of TYPES) window.source.addEventListener(type, (event) => window.seen.push(event.lastEventId));
</script></body></html>`;

describe('the relay and EventSource in headless Chromium', () => {
  let browser: BrowserContext | undefined;
  let server: LocalServer | undefined;
  let tmp = '';
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('a reconnect after the last event is answered 204 and EventSource closes, every event received once', async () => {
    const name = fixtureNames('responses-recorded')[0]!;
    const events: ResponseStreamEvent[] = await lastValueFrom(responseEvents(new Response(recordingBytes('responses-recorded', name))).pipe(toArray()));
    const types = [...new Set(events.map((event) => event.type))];
    const requests: { lastEventId: string | undefined; status: number }[] = [];
    server = await listen((req, res) => {
      if (req.url !== '/events') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE.replace('TYPES', JSON.stringify(types)));
        return;
      }
      const record = { lastEventId: req.headers['last-event-id'] as string | undefined, status: 0 };
      requests.push(record);
      res.once('finish', () => (record.status = res.statusCode));
      relayToNodeResponse(req, res, (lastEventId) =>
        from(events.filter((event) => (event.sequence_number ?? -1) > Number(lastEventId ?? -1))), { format: 'responses' });
    });

    tmp = mkdtempSync(join(tmpdir(), 'rx-openai-stream-eventsource-'));
    browser = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(server.url);
    // EventSource is CLOSED (2) only when the server told it to stop: after any other end it reconnects.
    await page.waitForFunction('window.source.readyState === 2');
    const seen = (await page.evaluate('window.seen')) as string[];
    expect(seen).toEqual(events.map((event) => String(event.sequence_number)));
    const last = String(events.at(-1)!.sequence_number);
    await until(() => requests.every((record) => record.status !== 0) && requests.length >= 2);
    expect(requests).toEqual([
      { lastEventId: undefined, status: 200 },
      { lastEventId: last, status: 204 },
    ]);
  }, 30_000);
});

async function until(condition: () => boolean, what = 'the server to see both requests end'): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 500) throw new Error(`Waited 5 s for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

/**
 * The Angular example (examples/angular-chat) end to end in headless Chromium: the app is built with
 * `@angular/build` against the package as it is published (`builtPackage()`), once per content (`cachedBuild`: a
 * rerun with the same library, app and lock file reuses the build), served by its relay
 * (examples/angular-chat/server/relay.ts) in front of the emulator, and driven through its `data-testid`s: an
 * answer streams in, Stop cancels it upstream, two conversations stream at once, a dropped connection resumes
 * without a duplicated or missing character, a tool call shows while it streams, and all of it under the relay's
 * strict Content-Security-Policy (Trusted Types required) without a console error or a policy violation.
 *
 * Chromium: see chromium.spec.ts (the system's, or the one `@sparticuz/chromium` ships).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startEmulator, type Emulator, type RequestRecord } from '../../src/testing/index';
import { CHROMIUM_ARGS, chromiumExecutable } from '../helpers/chromium';
import { startRelay, type Relay } from '../../examples/angular-chat/server/relay';
import { cachedBuild, root } from '../helpers/build-cache';
import { builtPackage } from '../helpers/built-package';
import { streamGate, type StreamGate } from './stream-gate';
import { until } from '../helpers/until';

/**
 * What the app's build reads: the library (as `builtPackage()` builds it), the app, and the lock file (the
 * builder's and Angular's versions). Not the relay (server/), which ts-jest loads from source.
 */
const APP_INPUTS = [
  'src',
  'scripts/build.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
  'examples/angular-chat/src',
  'examples/angular-chat/build.mjs',
  'examples/angular-chat/tsconfig.json',
  'examples/angular-chat/package.json',
];

/**
 * The production build of the app (type check, AOT, esbuild), as `npm run demo` does it but against the built
 * package (`build.mjs --package`, as an app that installed it: the compiler checks the app, not the library's
 * source). The folder of the build; its `browser/` holds the site. The builder's own persistent cache (`--cache`,
 * by content, as `ng build` keeps it) lives beside the build cache, so a rebuild after a change of the library or
 * the app redoes only what changed.
 */
async function builtApp(): Promise<string> {
  return cachedBuild({
    name: 'angular-chat',
    inputs: APP_INPUTS,
    build: async (staging) => {
      const pkg = await builtPackage();
      const builderCache = join(root, 'node_modules', '.cache', 'rx-openai-stream', 'angular-builder');
      const args = [join(root, 'examples', 'angular-chat', 'build.mjs'), staging, '--package', pkg, '--cache', builderCache];
      await promisify(execFile)(process.execPath, args, {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
      });
    },
  });
}

/** An answer ("You said: <prompt>", one fragment per word) of about a hundred fragments: still streaming when Stop comes. */
const LONG_PROMPT = Array.from(
  { length: 6 },
  (_, i) => `Paragraph ${i + 1}: tell me about the sea, the lighthouse, its keeper and the ships passing at night.`,
).join(' ');

/** Half as long, for the answers the tests watch (or hold) at full speed. */
const MEDIUM_PROMPT = LONG_PROMPT.slice(0, LONG_PROMPT.indexOf('Paragraph 4:')).trim();

interface Sample {
  text: string;
  status: string | null;
  tools: number;
}

// Each test waits on streams paced in real time, in a browser, beside the rest of `npm test`: room to spare.
jest.setTimeout(120_000);

describe('examples/angular-chat in headless Chromium (built with @angular/build, relay in front of the emulator)', () => {
  /**
   * Two emulators, each behind its own relay. `fast` streams answers one event at a time (so the page shows them
   * growing), and its relay reads them through `gate` (./stream-gate.ts): a test that acts mid-answer (a second
   * conversation, a dropped connection) holds an answer after its first text deltas, acts, then releases it, at
   * full speed and without racing the stream. `slow` paces answers for the Stop test, which needs the upstream
   * response itself still in progress when the cancel reaches it. `open(speed)` picks one: `emulator`, `relay`.
   */
  const servers: Partial<Record<'slow' | 'fast', { emulator: Emulator; relay: Relay }>> = {};
  const gate: StreamGate = streamGate();
  let emulator: Emulator;
  let relay: Relay;
  let browser: Browser;
  let page: Page;
  /** Console errors and warnings, page errors, and CSP / Trusted Types violations of the page under test. */
  let problems: string[] = [];
  /** Console lines a test causes on purpose (a violation it provokes, a connection it drops), and those seen. */
  let expectedConsole: RegExp | undefined;
  let expectedSeen: string[] = [];

  beforeAll(async () => {
    const executablePath = chromiumExecutable();
    const app = await builtApp();
    // Slow enough to act mid-answer: a fragment every 40 ms. Fast: a fragment every 5 ms.
    for (const [speed, pacing] of [['slow', { eventMs: 5, deltaMs: 40 }], ['fast', { eventMs: 1, deltaMs: 5 }]] as const) {
      const upstream = await startEmulator({ pacing });
      servers[speed] = {
        emulator: upstream,
        relay: await startRelay({
          browserDir: join(app, 'browser'),
          upstream: { apiKey: 'emulator', baseURL: upstream.url, ...(speed === 'fast' ? { fetch: gate.fetch } : {}) },
          model: 'gpt-4.1-mini',
        }),
      };
    }
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of Object.values(servers)) {
      await server.relay.close();
      await server.emulator.close();
    }
  });

  beforeEach(async () => {
    problems = [];
    expectedConsole = undefined;
    expectedSeen = [];
    page = await browser.newPage();
    // Runs before the app's scripts (injected by the browser, not subject to the page's CSP).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`securitypolicyviolation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      if (expectedConsole?.test(message.text())) {
        expectedSeen.push(message.text());
        return;
      }
      problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  });

  afterEach(async () => {
    gate.releaseAll();
    await page?.close();
    // Every test runs the app without a console error, a page error or a CSP / Trusted Types violation.
    expect(problems).toEqual([]);
  });

  /** Opens the app served by the `slow` or `fast` relay; resolves with the page's response (for its headers). */
  async function open(speed: 'slow' | 'fast') {
    ({ emulator, relay } = servers[speed]!);
    const response = await page.goto(relay.url);
    await page.getByTestId('status').filter({ hasText: 'Ready' }).waitFor();
    return response!;
  }

  async function ask(conversation: 'A' | 'B', prompt: string): Promise<void> {
    await page.getByTestId(`conversation-${conversation}`).click();
    await page.getByTestId('prompt').fill(prompt);
    await page.getByTestId('send').click();
  }

  /** The nth assistant message (0-based). */
  const message = (n: number) => page.getByTestId('message').nth(n);

  /** Waits until the nth message has text and is still streaming; resolves with that text. */
  async function midAnswer(n: number): Promise<string> {
    const handle = await page.waitForFunction(
      (index) => {
        const element = document.querySelectorAll('[data-testid="message"]')[index];
        const text = element?.querySelector('[data-testid="message-text"]')?.textContent ?? '';
        return element?.getAttribute('data-status') === 'streaming' && text.length > 0 ? text : false;
      },
      n,
      { timeout: 60_000, polling: 'raf' },
    );
    return (await handle.jsonValue()) as string;
  }

  async function settled(n: number, status = 'done'): Promise<string> {
    await page.waitForFunction(
      ([index, wanted]) => document.querySelectorAll('[data-testid="message"]')[index as number]?.getAttribute('data-status') === wanted,
      [n, status] as const,
      { timeout: 60_000 },
    );
    return (await message(n).getByTestId('message-text').textContent()) ?? '';
  }

  /** Records every change of the nth message (text, status, tool calls) from now on, in the page (it may not exist yet). */
  async function recordChanges(n: number): Promise<() => Promise<Sample[]>> {
    await page.evaluate((index) => {
      const samples: Sample[] = [];
      (window as unknown as { samples: Sample[] }).samples = samples;
      const take = () => {
        const element = document.querySelectorAll('[data-testid="message"]')[index];
        if (!element) return;
        samples.push({
          text: element.querySelector('[data-testid="message-text"]')?.textContent ?? '',
          status: element.getAttribute('data-status'),
          tools: element.querySelectorAll('[data-testid="tool-call"]').length,
        });
      };
      new MutationObserver(take).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }, n);
    return () => page.evaluate(() => (window as unknown as { samples: Sample[] }).samples);
  }

  /** The emulator's whole answer of a response: the text of its stored output. */
  async function emulatorAnswer(responseId: string): Promise<{ status: string; text: string }> {
    const response = await fetch(`${emulator.url}/responses/${responseId}`, { headers: { authorization: 'Bearer emulator' } });
    const body = (await response.json()) as { status: string; output: Array<{ type: string; content?: Array<{ text: string }> }> };
    const text = body.output.flatMap((item) => (item.type === 'message' ? (item.content ?? []).map((part) => part.text) : [])).join('');
    return { status: body.status, text };
  }

  async function responseIdOf(n: number): Promise<string> {
    const id = await message(n).getAttribute('data-response-id');
    expect(id).toMatch(/^resp_/);
    return id!;
  }

  /** The emulator's record of the streamed POST that created the response answering `prompt`. */
  function upstreamPost(prompt: string): RequestRecord {
    const records = emulator.requests.filter(
      (record) => record.method === 'POST' && record.path === '/v1/responses' && JSON.stringify(record.body).includes(prompt),
    );
    expect(records).toHaveLength(1);
    return records[0]!;
  }

  it('serves the page under a strict CSP: scripts from the origin only, Trusted Types required', async () => {
    const response = await open('fast');
    const csp = response.headers()['content-security-policy'] ?? '';
    const directives = new Map(csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }));
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('require-trusted-types-for')).toBe("'script'");
    expect(directives.get('trusted-types')).toBe('angular angular#bundler');
    expect(directives.get('style-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]+'$/);
    // No inline script or handler in the page (critical CSS is not inlined: no onload attribute).
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // The policy is enforced: a string reaching an HTML sink is refused, and reported (which also shows that
    // the violation listener every test relies on works).
    expectedConsole = /TrustedHTML|^securitypolicyviolation: require-trusted-types-for /;
    const sink = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'allowed';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(sink).toBe('TypeError');
    await page.evaluate(() => new Promise((done) => setTimeout(done, 0))); // the report is an event: let it fire
    await until(() => expectedSeen.some((line) => line.startsWith('securitypolicyviolation:')), { what: 'the policy violation to be reported', everyMs: 20 });
    expect(expectedSeen.filter((line) => line.startsWith('securitypolicyviolation: require-trusted-types-for'))).toHaveLength(1);
  });

  it('streams an answer: the message grows while streaming and ends with the emulator\'s whole answer', async () => {
    await open('fast');
    const samples = await recordChanges(0);
    await page.getByTestId('prompt').fill(MEDIUM_PROMPT);
    await page.getByTestId('send').click();
    const text = await settled(0);
    const streamed = new Set((await samples()).filter((s) => s.status === 'streaming' && s.text !== '').map((s) => s.text));
    expect(streamed.size).toBeGreaterThan(3); // seen growing before the end, not all at once
    const whole = await emulatorAnswer(await responseIdOf(0));
    expect(whole).toEqual({ status: 'completed', text: `You said: ${MEDIUM_PROMPT}` });
    expect(text).toBe(whole.text);
    await expect(page.getByTestId('status').textContent()).resolves.toBe('Done');
  });

  it('Stop ends the answer and the upstream request: the emulator sees its client close and the response cancelled', async () => {
    await open('slow');
    const prompt = `Stop me. ${LONG_PROMPT}`;
    await ask('A', prompt);
    await midAnswer(0);
    await page.getByTestId('stop').click();
    const text = await settled(0, 'stopped');
    await expect(page.getByTestId('status').textContent()).resolves.toBe('Stopped');

    // The relay's upstream request (the streamed POST) was closed by its client: the relay.
    const post = await upstreamPost(prompt).ended;
    expect(post.outcome).toBe('client-closed');
    // And the background response was cancelled upstream (the client's cancelOnUnsubscribe, through the relay).
    const id = await responseIdOf(0);
    const cancel = await emulator.waitForRequest({ method: 'POST', path: `/v1/responses/${id}/cancel` });
    expect((await cancel.ended).status).toBe(200);
    const upstream = await emulatorAnswer(id);
    expect(upstream.status).toBe('cancelled');
    // Nothing more arrived: the text stopped where it was, short of the whole answer.
    expect(await message(0).getByTestId('message-text').textContent()).toBe(text);
    expect(`You said: ${prompt}`.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(`You said: ${prompt}`.length);
  });

  it('streams two conversations at once into one view, each message with its own text', async () => {
    await open('fast');
    const promptA = `Conversation A. ${MEDIUM_PROMPT}`;
    const promptB = `Conversation B. ${MEDIUM_PROMPT}`;
    // Each answer holds after its third text delta until both are streaming.
    const [holdA, holdB] = [gate.hold(3), gate.hold(3)];
    await ask('A', promptA);
    await holdA.reached;
    await midAnswer(0);
    await ask('B', promptB);
    await holdB.reached;
    await midAnswer(1);
    // Both stream at the same time.
    await page.getByTestId('status').filter({ hasText: 'Streaming 2 answers' }).waitFor();
    await expect(message(0).getAttribute('data-status')).resolves.toBe('streaming');
    holdA.release();
    holdB.release();
    const [textA, textB] = [await settled(0), await settled(1)];
    await expect(message(0).getAttribute('data-conversation')).resolves.toBe('A');
    await expect(message(1).getAttribute('data-conversation')).resolves.toBe('B');
    expect(textA).toBe((await emulatorAnswer(await responseIdOf(0))).text);
    expect(textB).toBe((await emulatorAnswer(await responseIdOf(1))).text);
    expect(textA).toBe(`You said: ${promptA}`);
    expect(textB).toBe(`You said: ${promptB}`);
    // Two requests upstream, each finished normally.
    expect((await upstreamPost(promptA).ended).outcome).toBe('finished');
    expect((await upstreamPost(promptB).ended).outcome).toBe('finished');
  });

  it('resumes after a dropped connection: every piece of text once, none missing', async () => {
    await open('fast');
    const prompt = `Drop me. ${MEDIUM_PROMPT}`;
    // The answer holds after its fifth text delta: the connection drops mid-answer.
    const hold = gate.hold(5);
    await ask('A', prompt);
    await hold.reached;
    const before = await midAnswer(0);
    // The browser's connection breaks mid-answer (the relay destroys its socket, as a network failure would).
    // Chromium logs the broken response (and nothing else may appear).
    expectedConsole = /^Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING$/;
    expect(relay.dropStreams()).toBe(1);
    hold.release();
    const text = await settled(0);
    const id = await responseIdOf(0);
    const whole = await emulatorAnswer(id);
    expect(whole.text).toBe(`You said: ${prompt}`);
    expect(text).toBe(whole.text);
    expect(whole.text.startsWith(before)).toBe(true);
    await until(() => expectedSeen.length > 0, { what: 'the expected console line', everyMs: 20 });
    expect(expectedSeen).toEqual(['Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING']);
    // The browser resumed after the last event it had: the relay asked upstream for the events after it.
    const resume = emulator.requests.find((record) => record.method === 'GET' && record.path === `/v1/responses/${id}`);
    expect(resume?.query).toMatch(/(^|&)stream=true(&|$)/);
    expect(resume?.query).toMatch(/(^|&)starting_after=\d+(&|$)/);
    await expect(page.getByTestId('status').textContent()).resolves.toBe('Done · resumed 1 dropped connection');
  });

  it('Enter sends the prompt, but not the Enter that ends an input method composition (IME)', async () => {
    await open('fast');
    const prompt = page.getByTestId('prompt');
    await prompt.fill('こんにちは');
    // The Enter that picks a conversion candidate: a keydown during the composition (Safari marks it keyCode 229).
    for (const composing of [{ isComposing: true }, { keyCode: 229 }]) {
      await prompt.dispatchEvent('keydown', { key: 'Enter', code: 'Enter', ...composing });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect([composing, await page.getByTestId('message').count()]).toEqual([composing, 0]);
      await expect(prompt.inputValue()).resolves.toBe('こんにちは');
    }
    await prompt.press('Enter');
    await expect(settled(0)).resolves.toBe('You said: こんにちは');
    await expect(prompt.inputValue()).resolves.toBe('');
  });

  it('shows a tool call as it streams, then the answer after the relay ran the tool', async () => {
    await open('fast');
    const samples = await recordChanges(0);
    await ask('B', 'Please get weather in Paris for me');
    const text = await settled(0);
    const seen = await samples();
    // The call showed before any text of the answer.
    expect(seen.some((s) => s.tools === 1 && s.text === '' && s.status === 'streaming')).toBe(true);
    await expect(message(0).getByTestId('tool-call').textContent()).resolves.toContain('get_weather');
    await expect(message(0).getByTestId('tool-call').textContent()).resolves.toContain('{"city":"Paris"}');
    expect(text).toBe('get_weather returned: {"city":"Paris","temperature_c":18,"conditions":"light rain"}');
  });
});

/**
 * What a Responses stream read instead of streamed (a cut stored stream settled, the fallback's polls) keeps of
 * the stream: the fields its `include` asked for (the response is read with the same `include`), and the
 * citation events of a recorded web search (`annotation.added`), as the uncut stream had them.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { createClient, type ResponseStreamEvent } from '../../src/index';
import { dataValuesOf, fixtureBytes } from '../helpers/bytes';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';

const ctx = useEmulator();
const INCLUDE = ['message.output_text.logprobs', 'web_search_call.action.sources'];
const INPUT = 'Tell me about the sea';

/** Runs `work`, then checks that it read the response (`GET /responses/{id}`) at least once, each time with `include[]` `expected`. */
async function expectRetrievesWith(expected: readonly string[], work: () => Promise<unknown>): Promise<void> {
  const from = ctx.emulator.requests.length;
  await work();
  const includes = ctx.emulator.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && /^\/v1\/responses\/resp_[^/]+$/.test(r.path))
    .map((r) => new URLSearchParams(r.query).getAll('include[]'));
  expect(includes.length).toBeGreaterThan(0);
  for (const include of includes) expect(include).toEqual(expected);
}

describe("a Responses stream read instead of streamed keeps the stream's include", () => {
  it('the settle of a cut stored stream reads the response with it', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 6 }, { match: { method: 'POST', path: '/responses' } });
    await expectRetrievesWith(INCLUDE, async () => {
      const events = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, include: INCLUDE }).pipe(toArray()));
      expect(events.at(-1)?.type).toBe('response.completed');
    });
  });

  it("the fallback's polls of a background response too", async () => {
    ctx.emulator.inject({ kind: 'streamIgnored' });
    await expectRetrievesWith(INCLUDE, async () => {
      const options = { fallbackToPolling: true };
      const events = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT, background: true, include: INCLUDE }, options).pipe(toArray()));
      expect(events.at(-1)?.type).toBe('response.completed');
    });
  });

  it('a stream without include reads the response without one', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 6 }, { match: { method: 'POST', path: '/responses' } });
    await expectRetrievesWith([], () => lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: INPUT })));
  });
});

describe('a recorded web search cut before its message, settled', () => {
  const recorded = dataValuesOf<ResponseStreamEvent>(fixtureBytes('responses-recorded', 'web-search-annotations.sse'));
  const completed = recorded.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
  const firstMessage = recorded.findIndex((e) => e.type === 'response.output_item.added' && e.item.type === 'message');
  const sse = (events: readonly ResponseStreamEvent[]) => events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');

  it('emits every citation (annotation.added) of the uncut stream, in order', async () => {
    // A server whose stream ends before the message (the connection closes), and that serves the settled response.
    const server = await listen((req, res) => {
      req.resume();
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(sse(recorded.slice(0, firstMessage)));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completed.response));
      }
    });
    try {
      const client = createClient({ apiKey: 'test', baseURL: `${server.url}/v1`, maxRetries: 0, pollIntervalMs: 1 });
      const events = await lastValueFrom(client.responses.stream({ model: 'gpt-4o', input: 'news', tools: [{ type: 'web_search' }] }).pipe(toArray()));
      expect(events.at(-1)?.type).toBe('response.completed');
      const cited = (list: readonly ResponseStreamEvent[]) =>
        list.flatMap((e) => (e.type === 'response.output_text.annotation.added' ? [[e.annotation_index, e.annotation]] : []));
      expect(cited(recorded)).toHaveLength(12);
      expect(cited(events)).toEqual(cited(recorded));
    } finally {
      await server.close();
    }
  });
});

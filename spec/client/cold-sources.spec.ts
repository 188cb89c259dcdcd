import OpenAI from 'openai';
import { first, firstValueFrom, lastValueFrom, retry, take, toArray } from 'rxjs';
import {
  assistantEvents,
  chatCompletionChunks,
  finalRun,
  fromOpenAIStream,
  fromSSE,
  InternalServerError,
  responseEvents,
  textDeltas,
} from '../../src/index';
import { useEmulator } from '../helpers/emulator';

// A source given a factory is cold: each subscription calls it, so `retry()` sends the request again.

const ctx = useEmulator();
const HEADERS = { authorization: 'Bearer test', 'content-type': 'application/json', 'openai-beta': 'assistants=v2' };

/** A factory POSTing `body` to `path`, recording the signals it was given. */
function poster(path: string, body: unknown) {
  const signals: AbortSignal[] = [];
  const factory = (signal: AbortSignal) => {
    signals.push(signal);
    return fetch(`${ctx.emulator.url}${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body), signal });
  };
  return { factory, signals };
}

const chatBody = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi there' }], stream: true };
const failTwice = (path: string | RegExp) =>
  ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path }, times: 2 });
const requestsTo = (path: RegExp, from: number) => ctx.emulator.requests.slice(from).filter((r) => r.method === 'POST' && path.test(r.path));

describe('factories make sources cold: retry(2) re-issues the request', () => {
  it('chatCompletionChunks(factory): 3 requests, the third streams', async () => {
    const from = ctx.emulator.requests.length;
    failTwice('/chat/completions');
    const { factory, signals } = poster('/chat/completions', chatBody);
    const text = await lastValueFrom(chatCompletionChunks(factory).pipe(retry(2), textDeltas(), toArray()));
    expect(text.join('').length).toBeGreaterThan(0);
    expect(requestsTo(/\/chat\/completions$/, from).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(signals).toHaveLength(3);
  });

  it('responseEvents(factory)', async () => {
    const from = ctx.emulator.requests.length;
    failTwice('/responses');
    const { factory } = poster('/responses', { model: 'gpt-4o', input: 'Hi', stream: true });
    const events = await lastValueFrom(responseEvents(factory).pipe(retry(2), toArray()));
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(requestsTo(/\/responses$/, from)).toHaveLength(3);
  });

  it('assistantEvents(factory): one run created, by the third request', async () => {
    const assistant = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    const from = ctx.emulator.requests.length;
    const runs = ctx.emulator.counters.runsCreated;
    failTwice(/\/runs$/);
    const { factory } = poster(`/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true });
    const run = await lastValueFrom(assistantEvents(factory).pipe(retry(2), finalRun()));
    expect(run.status).toBe('completed');
    expect(requestsTo(/\/runs$/, from)).toHaveLength(3);
    expect(ctx.emulator.counters.runsCreated - runs).toBe(1);
  });

  it('fromSSE(factory)', async () => {
    const from = ctx.emulator.requests.length;
    failTwice('/chat/completions');
    const { factory } = poster('/chat/completions', chatBody);
    const events = await lastValueFrom(fromSSE(factory).pipe(retry(2), toArray()));
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(requestsTo(/\/chat\/completions$/, from)).toHaveLength(3);
  });

  it('fromOpenAIStream(factory) with the official SDK', async () => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const from = ctx.emulator.requests.length;
    failTwice('/chat/completions');
    const signals: AbortSignal[] = [];
    const source = (signal: AbortSignal) => {
      signals.push(signal);
      return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal });
    };
    const chunks = await lastValueFrom(fromOpenAIStream(source).pipe(retry(2), toArray()));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(requestsTo(/\/chat\/completions$/, from)).toHaveLength(3);
    expect(signals.map((s) => s.aborted)).toEqual([false, false, false]);
  });

  it('without retry, the factory’s error status fails with the typed APIError', async () => {
    ctx.emulator.inject({ kind: 'serverError', status: 500 }, { match: { method: 'POST', path: '/chat/completions' } });
    // A factory may ignore the signal.
    const factory = () =>
      fetch(`${ctx.emulator.url}/chat/completions`, { method: 'POST', headers: HEADERS, body: JSON.stringify(chatBody) });
    await expect(lastValueFrom(chatCompletionChunks(factory))).rejects.toBeInstanceOf(InternalServerError);
  });
});

describe('the factory’s signal', () => {
  it('is aborted on unsubscribe, and the server sees the connection close', async () => {
    ctx.emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: { method: 'POST', path: '/chat/completions' } });
    const { factory, signals } = poster('/chat/completions', chatBody);
    const from = ctx.emulator.requests.length;
    await firstValueFrom(chatCompletionChunks(factory).pipe(take(1)));
    expect(signals.map((s) => s.aborted)).toEqual([true]);
    const [record] = requestsTo(/\/chat\/completions$/, from);
    expect((await record!.ended).clientClosed).toBe(true);
  });

  it('is aborted when unsubscribed before the factory’s promise resolved (SDK stream)', async () => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const signals: AbortSignal[] = [];
    const source = (signal: AbortSignal) => {
      signals.push(signal);
      return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal });
    };
    fromOpenAIStream(source).subscribe().unsubscribe();
    expect(signals.map((s) => s.aborted)).toEqual([true]);
  });

  it('is not aborted after a stream read to its end; a stream ended by [DONE] surfaces no error either', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const { factory, signals } = poster('/chat/completions', chatBody);
      const events = await lastValueFrom(fromSSE(factory).pipe(toArray()));
      expect(events.length).toBeGreaterThan(2);
      await lastValueFrom(chatCompletionChunks(factory).pipe(toArray()));
      await new Promise((resolve) => setImmediate(resolve));
      expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('is not aborted when the consumer stops at the terminal event itself (first(…))', async () => {
    const responses = poster('/responses', { model: 'gpt-4o', input: 'Hi', stream: true });
    const completed = await firstValueFrom(responseEvents(responses.factory).pipe(first((e) => e.type === 'response.completed')));
    expect(completed.type).toBe('response.completed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(responses.signals.map((signal) => signal.aborted)).toEqual([false]);
  });

  it('is not aborted after a protocol source ends by its own protocol ([DONE], event: done, a terminal Responses event)', async () => {
    const from = ctx.emulator.requests.length;
    // Chat's signal is also checked by 'is not aborted after a stream read to its end'; here the emulator's view of
    // the exchange is checked too.
    const chat = poster('/chat/completions', chatBody);
    await lastValueFrom(chatCompletionChunks(chat.factory).pipe(toArray()));
    const responses = poster('/responses', { model: 'gpt-4o', input: 'Hi', stream: true });
    const events = await lastValueFrom(responseEvents(responses.factory).pipe(toArray()));
    expect(events.at(-1)?.type).toBe('response.completed');
    const assistant = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    const run = poster(`/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true });
    await lastValueFrom(assistantEvents(run.factory).pipe(toArray()));
    await new Promise((resolve) => setImmediate(resolve));
    expect([chat, responses, run].map(({ signals }) => signals.map((signal) => signal.aborted))).toEqual([[false], [false], [false]]);
    // The server saw each exchange end as it sent it, not closed by the client.
    const streams = ctx.emulator.requests.slice(from).filter((r) => r.method === 'POST' && /\/(completions|responses|runs)$/.test(r.path));
    const outcomes = await Promise.all(streams.map((r) => r.ended.then((ended) => ended.outcome)));
    expect(outcomes).toEqual(['finished', 'finished', 'finished']);
  });
});

import { catchError, firstValueFrom, forkJoin, lastValueFrom, of, share, toArray } from 'rxjs';
import {
  ChatCompletionStreamError,
  ResponseStreamError,
  finalChatCompletion,
  finalResponse,
  IncompleteStreamError,
  StreamTimeoutError,
  streamMetrics,
  textDeltas,
  toolCallDeltas,
} from '../../src/index';
import { useEmulator, weatherTool } from '../helpers/emulator';

const ctx = useEmulator();
const messages = [{ role: 'user', content: 'Write a short line about the sea' }];

describe('client.chat.completions', () => {
  it('stream() gives chunks whose text and final completion match create()', async () => {
    const chunks$ = ctx.client.chat.completions.stream({ model: 'gpt-4o', messages, stream_options: { include_usage: true } }).pipe(share());
    const { text, completion, metrics } = await firstValueFrom(
      forkJoin({ text: chunks$.pipe(textDeltas(), toArray()), completion: chunks$.pipe(finalChatCompletion()), metrics: chunks$.pipe(streamMetrics()) }),
    );
    expect(text.length).toBeGreaterThan(2);
    expect(completion.choices[0]!.message.content).toBe(text.join(''));
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(metrics).toMatchObject({ kind: 'chat', completed: true, deltaCount: text.length, finishReason: 'stop' });
    expect(metrics.timeToFirstToken).toBeGreaterThanOrEqual(0);

    const created = await firstValueFrom(ctx.client.chat.completions.create({ model: 'gpt-4o', messages }));
    expect(created.object).toBe('chat.completion');
    expect(created.choices[0]!.message.content).toBe(completion.choices[0]!.message.content);
  });

  it('cannot be misused: the non-streamed completion is not a stream of chunks (checked by the compiler)', () => {
    const completion$ = ctx.client.chat.completions.create({ model: 'gpt-4o', messages });
    // @ts-expect-error a ChatCompletion is not a chunk: textDeltas() does not accept create()'s result
    const misuse = () => completion$.pipe(textDeltas());
    // @ts-expect-error nor does finalChatCompletion()
    const misuseToo = () => completion$.pipe(finalChatCompletion());
    expect([typeof misuse, typeof misuseToo]).toEqual(['function', 'function']);
  });

  it('streams tool call arguments through toolCallDeltas()', async () => {
    const deltas = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What does get_weather say about "Rome"?' }], tools: [weatherTool] })
        .pipe(toolCallDeltas(), toArray()),
    );
    const last = deltas.at(-1)!;
    expect(JSON.parse((last.snapshot as { function: { arguments: string } }).function.arguments)).toEqual({ city: 'Rome' });
  });

  it('a cut chat stream is IncompleteStreamError, and streamMetrics says it was cut', async () => {
    ctx.emulator.inject({ kind: 'reset', afterEvents: 4 }, { match: { method: 'POST', path: '/chat/completions' } });
    const chunks$ = ctx.client.chat.completions.stream({ model: 'gpt-4o', messages }).pipe(share());
    const [error, metrics] = await Promise.all([
      lastValueFrom(chunks$).then(() => undefined, (e: unknown) => e),
      lastValueFrom(chunks$.pipe(streamMetrics(), catchError(() => of(undefined)), toArray())),
    ]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(metrics[0]).toMatchObject({ completed: false, deltaCount: 3 });
  });

  it('a silent chat stream times out', async () => {
    ctx.emulator.inject({ kind: 'stall', afterEvents: 2 }, { match: { method: 'POST', path: '/chat/completions' } });
    const error = await lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages }, { idleTimeout: 100 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'idle', timeoutMs: 100 });
    expect(error).toBeInstanceOf(StreamTimeoutError);
  });

  it('retries a 429 before the first chunk', async () => {
    ctx.emulator.inject({ kind: 'rateLimit', retryAfterMs: 10 }, { match: { method: 'POST', path: '/chat/completions' } });
    const text = await lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages }).pipe(textDeltas(), toArray()));
    expect(text.join('')).toContain('sea');
  });

  it('falls back to a non-streaming request emitted as equivalent chunks', async () => {
    const streamed = await lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages }).pipe(finalChatCompletion()));
    ctx.emulator.inject({ kind: 'serverError', status: 502, retryAfterMs: 5 }, { match: { method: 'POST', path: '/chat/completions' }, times: 3 });
    const reasons: unknown[] = [];
    const fallback = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages }, { fallbackToPolling: true, maxRetries: 2, onFallback: ({ reason }) => reasons.push(reason) })
        .pipe(finalChatCompletion()),
    );
    expect(reasons).toHaveLength(1);
    expect(fallback.choices.map((c) => [c.message.content, c.finish_reason])).toEqual(streamed.choices.map((c) => [c.message.content, c.finish_reason]));
  });
});

describe('client.responses', () => {
  it('stream() gives events whose text and final response match create()', async () => {
    const events$ = ctx.client.responses.stream({ model: 'gpt-4o', input: 'Tell me about the sea' }).pipe(share());
    const { text, response, metrics } = await firstValueFrom(
      forkJoin({ text: events$.pipe(textDeltas(), toArray()), response: events$.pipe(finalResponse()), metrics: events$.pipe(streamMetrics()) }),
    );
    expect(text.length).toBeGreaterThan(2);
    expect(response.output_text).toBe(text.join(''));
    expect(response.status).toBe('completed');
    expect(metrics).toMatchObject({ kind: 'responses', completed: true, deltaCount: text.length });
    const created = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: 'Tell me about the sea' }));
    expect(created.status).toBe('completed');
  });

  it('falls back to a non-streaming request emitted as equivalent events', async () => {
    const streamed = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hello there' }).pipe(finalResponse()));
    ctx.emulator.inject({ kind: 'serverError', status: 503, retryAfterMs: 5 }, { match: { method: 'POST', path: '/responses' }, times: 3 });
    const fallback = await lastValueFrom(
      ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hello there' }, { fallbackToPolling: true, maxRetries: 2 }).pipe(finalResponse()),
    );
    expect(fallback.output_text).toBe(streamed.output_text);
    expect(fallback.status).toBe('completed');
  });

  it('a cut stream of a response that is not stored is IncompleteStreamError', async () => {
    ctx.emulator.inject({ kind: 'endEarly', afterEvents: 5 }, { match: { method: 'POST', path: '/responses' } });
    const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi', store: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it('an error event fails with ResponseStreamError; holding the socket after the last event still completes', async () => {
    ctx.emulator.inject({ kind: 'errorEvent', afterEvents: 3 }, { match: { method: 'POST', path: '/responses' } });
    const error = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseStreamError);
    ctx.emulator.inject({ kind: 'holdAfterDone' }, { match: { method: 'POST', path: '/responses' } });
    const response = await lastValueFrom(ctx.client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(finalResponse()));
    expect(response.status).toBe('completed');
  });
});

describe('in-stream errors of chat', () => {
  it('an error payload fails with ChatCompletionStreamError; [DONE] with the socket held still completes', async () => {
    ctx.emulator.inject({ kind: 'errorEvent', afterEvents: 3 }, { match: { method: 'POST', path: '/chat/completions' } });
    const error = await lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect((error as ChatCompletionStreamError).code).toBe('server_error');
    ctx.emulator.inject({ kind: 'holdAfterDone' }, { match: { method: 'POST', path: '/chat/completions' } });
    const completion = await lastValueFrom(ctx.client.chat.completions.stream({ model: 'gpt-4o', messages }).pipe(finalChatCompletion()));
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });
});

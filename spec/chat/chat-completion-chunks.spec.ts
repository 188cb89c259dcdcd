import { lastValueFrom, of, Subject, toArray } from 'rxjs';
import {
  ChatCompletionStreamError,
  chatCompletionChunks,
  finalChatCompletion,
  IncompleteStreamError,
  type ServerSentEvent,
  ServerStreamError,
  StreamParseError,
  textDeltas,
} from '../../src/index';
import { encode, streamOf } from '../helpers/bytes';

const chunk = (extra: object = {}, choice: object = {}) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { content: 'Hi' }, logprobs: null, finish_reason: null, ...choice }],
    ...extra,
  });

const body = (...lines: string[]) => encode(lines.map((line) => `data: ${line}\n\n`).join(''));

async function outcome(bytes: Uint8Array): Promise<{ values: unknown[]; error?: unknown }> {
  const values: unknown[] = [];
  return new Promise((resolve) =>
    chatCompletionChunks(streamOf([bytes])).subscribe({
      next: (v) => values.push(v),
      error: (error: unknown) => resolve({ values, error }),
      complete: () => resolve({ values }),
    }),
  );
}

describe('chatCompletionChunks', () => {
  it('emits the parsed JSON of each chunk, unknown fields included, and completes at [DONE]', async () => {
    const { values, error } = await outcome(body(chunk({ future_field: { a: 1 } }), '[DONE]'));
    expect(error).toBeUndefined();
    expect(values).toEqual([JSON.parse(chunk({ future_field: { a: 1 } }))]);
  });

  it('reads chunks of compatible servers: no `id`, `object` absent or `chat.completion`; textDeltas and the final completion see them', async () => {
    const bare = (delta: object, finish: string | null, object?: string) =>
      JSON.stringify({ ...(object === undefined ? {} : { object }), choices: [{ index: 0, delta, finish_reason: finish }] });
    for (const object of [undefined, 'chat.completion']) {
      const bytes = body(bare({ role: 'assistant', content: 'Hel' }, null, object), bare({ content: 'lo' }, null, object), bare({}, 'stop', object), '[DONE]');
      const texts = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(textDeltas(), toArray()));
      expect(texts).toEqual(['Hel', 'lo']);
      const final = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()));
      expect(final.choices[0]!.message.content).toBe('Hello');
      expect(final.choices[0]!.finish_reason).toBe('stop');
    }
    // An `id` that is there must still be a string.
    const { error } = await outcome(body(JSON.stringify({ id: 5, choices: [] }), '[DONE]'));
    expect((error as StreamParseError).path).toBe('id');
  });

  it('stops reading at [DONE]: what follows is never read', async () => {
    const stream = streamOf([body(chunk(), '[DONE]'), body(chunk())]);
    const values = await lastValueFrom(chatCompletionChunks(stream).pipe(toArray()));
    expect(values).toHaveLength(1);
    expect(stream.cancelled()).toBe(true);
  });

  it('reads an Observable of server-sent events as well', async () => {
    const events: ServerSentEvent[] = [{ data: chunk() }, { data: '[DONE]' }];
    expect(await lastValueFrom(chatCompletionChunks(of(...events)).pipe(toArray()))).toHaveLength(1);
  });

  it('fails with IncompleteStreamError when the body ends without [DONE], saying how far it got', async () => {
    const { values, error } = await outcome(body(chunk(), chunk({}, { delta: {}, finish_reason: 'stop' })));
    expect(values).toHaveLength(2);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    const cut = error as IncompleteStreamError;
    expect(cut.completionId).toBe('chatcmpl-1');
    expect(cut.finishReason).toBe('stop');
    expect(cut.receivedEvents).toBe(2);
    expect(cut.runId).toBeUndefined();
    expect(cut.message).toContain('chat completion chatcmpl-1');
  });

  it('a body that ends cleanly in the middle of a chunk is a cut (IncompleteStreamError after the chunks before, the half chunk in its cause), not a parse error', async () => {
    const whole = chunk();
    const half = chunk({}, { delta: { content: ' there' } });
    const { values, error } = await outcome(encode(`data: ${whole}\n\ndata: ${half.slice(0, 40)}`));
    expect(values).toEqual([JSON.parse(whole)]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ completionId: 'chatcmpl-1', receivedEvents: 1 });
    expect(((error as Error).cause as Error).message).toBe(`The body ended in the middle of an event: ${half.slice(0, 40)}`);
    // A last event whole but for its line end is read: `[DONE]` here.
    const unterminated = await outcome(encode(`data: ${whole}\n\ndata: [DONE]`));
    expect(unterminated).toEqual({ values: [JSON.parse(whole)] });
  });

  it('fails with IncompleteStreamError when the body is empty', async () => {
    const { error } = await outcome(new Uint8Array());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError).receivedEvents).toBe(0);
  });

  it('turns a transport failure mid-stream into IncompleteStreamError with the cause', async () => {
    const sse = new Subject<ServerSentEvent>();
    const errors: unknown[] = [];
    chatCompletionChunks(sse).subscribe({ error: (e: unknown) => errors.push(e) });
    sse.next({ data: chunk() });
    const reset = new Error('ECONNRESET');
    sse.error(reset);
    expect(errors[0]).toBeInstanceOf(IncompleteStreamError);
    expect((errors[0] as IncompleteStreamError).cause).toBe(reset);
  });

  it('fails with ChatCompletionStreamError on an {"error": ...} data line, keeping code, type, param', async () => {
    const failure = JSON.stringify({
      error: { message: 'The server had an error', type: 'server_error', param: 'messages', code: 'overloaded' },
    });
    const { values, error } = await outcome(body(chunk(), failure, '[DONE]'));
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect(error).toBeInstanceOf(ServerStreamError);
    const e = error as ChatCompletionStreamError;
    expect([e.code, e.type, e.param]).toEqual(['overloaded', 'server_error', 'messages']);
    expect(e.message).toBe('The stream reported an error (overloaded): The server had an error');
    expect(e.data).toBe(failure);
  });

  it('fails with ChatCompletionStreamError on an `event: error`, even without JSON', async () => {
    const { error } = await outcome(encode('event: error\ndata: overloaded\n\n'));
    expect(error).toBeInstanceOf(ChatCompletionStreamError);
    expect((error as Error).message).toContain('overloaded');
  });

  it('fails with StreamParseError on invalid JSON, after the chunks before it', async () => {
    const { values, error } = await outcome(body(chunk(), '{"id": "chatcmpl-1", '));
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).message).toContain('Invalid JSON');
    expect((error as StreamParseError).excerpt).toBe('{"id": "chatcmpl-1", ');
  });

  it('fails with StreamParseError naming the path of a read field of the wrong kind', async () => {
    const { error } = await outcome(body(chunk({}, { finish_reason: 42 })));
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('choices.0.finish_reason');
  });

  it('fails with StreamParseError on JSON that is not a chunk (null, a number)', async () => {
    expect((await outcome(body('null'))).error).toBeInstanceOf(StreamParseError);
    expect((await outcome(body('42'))).error).toBeInstanceOf(StreamParseError);
  });

  it('unsubscribing stops reading the body', async () => {
    const stream = streamOf([body(chunk()), body(chunk())]);
    const subscription = chatCompletionChunks(stream).subscribe();
    subscription.unsubscribe();
    // The cancel goes through the stream's promises: settled within this turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.cancelled()).toBe(true);
  });

  it('is cold: nothing is read before subscribing', () => {
    const stream = streamOf([body(chunk(), '[DONE]')]);
    chatCompletionChunks(stream);
    expect(stream.locked).toBe(false);
  });
});

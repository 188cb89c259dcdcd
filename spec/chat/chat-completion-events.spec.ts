import { build } from 'esbuild';
import { join } from 'node:path';
import { from, lastValueFrom, take, tap, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  StreamParseError,
} from '../../src/index';
import { ChatCompletionChunkSchema } from '../../src/schemas';
import { encode, streamOf } from '../helpers/bytes';
import { chatBytes, sdkChat } from './sdk-chat';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const chunk = (delta: object, extra: object = {}): ChatCompletionChunk =>
  ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null, ...extra }],
  }) as ChatCompletionChunk;
const role = chunk({ role: 'assistant', content: '' });
const hi = chunk({ content: 'Hi' });
const stop = chunk({}, { finish_reason: 'stop' });

describe('chatCompletionEvents', () => {
  it('emits per chunk and unsubscribes from the source when the result is unsubscribed (marbles)', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const chunks = cold('a-b-c|', { a: role, b: hi, c: stop });
      expectObservable(chunks.pipe(chatCompletionEvents())).toBe('--x-y|', {
        x: { type: 'content.delta', choiceIndex: 0, delta: 'Hi', snapshot: 'Hi' },
        y: { type: 'content.done', choiceIndex: 0, content: 'Hi' },
      });
      expectSubscriptions(chunks.subscriptions).toBe('^----!');
      const more = cold('a-b-b-b-c|', { a: role, b: hi, c: stop });
      expectObservable(more.pipe(chatCompletionEvents(), take(1))).toBe('--(x|)', {
        x: { type: 'content.delta', choiceIndex: 0, delta: 'Hi', snapshot: 'Hi' },
      });
      expectSubscriptions(more.subscriptions).toBe('^-!');
    });
  });

  it('take(1) stops a synchronous source at once', async () => {
    let pulled = 0;
    const source = from([role, hi, hi, hi, hi, stop]).pipe(tap(() => pulled++));
    const first = await lastValueFrom(source.pipe(chatCompletionEvents(), take(1), toArray()));
    expect(first).toHaveLength(1);
    expect(pulled).toBe(2);
  });

  it('keeps one state per subscription (two subscriptions of one operator do not share it)', async () => {
    const events = chatCompletionEvents('content.done');
    const source = from([role, hi, stop]);
    const a = await lastValueFrom(source.pipe(events, toArray()));
    const b = await lastValueFrom(source.pipe(events, toArray()));
    expect(a).toEqual([{ type: 'content.done', choiceIndex: 0, content: 'Hi' }]);
    expect(b).toEqual(a);
  });

  it('does not announce a tool call that never got a type, where the SDK fails the stream (deliberate)', async () => {
    const chunks = [
      role,
      chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }),
      chunk({}, { finish_reason: 'tool_calls' }),
    ];
    const events = await lastValueFrom(from(chunks).pipe(chatCompletionEvents(), toArray()));
    expect(events).toEqual([]);
    const sdk = await sdkChat([chatBytes(chunks)]);
    expect(sdk.completion).toEqual({ sdkRejected: expect.stringContaining('type') });
  });
});

describe('chatCompletionChunks conformance', () => {
  const body = (...chunks: object[]) =>
    encode(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n');
  const odd = { ...role, service_tier: 'turbo', choices: [{ index: 0, delta: { role: 'critic' }, finish_reason: 'paused' }] };

  it('passes new enum values by default, and refuses them with `conformance: ChatCompletionChunkSchema`', async () => {
    const lenient = await lastValueFrom(chatCompletionChunks(streamOf([body(odd)])).pipe(toArray()));
    expect(lenient).toEqual([odd]);
    const strict = lastValueFrom(chatCompletionChunks(streamOf([body(odd)]), { conformance: ChatCompletionChunkSchema }));
    await expect(strict).rejects.toBeInstanceOf(StreamParseError);
    const ok = await lastValueFrom(
      chatCompletionChunks(streamOf([body(role, hi, hi, stop)]), { conformance: ChatCompletionChunkSchema }).pipe(toArray()),
    );
    expect(ok).toEqual([role, hi, hi, stop]);
  });

  it('the default path of chatCompletionChunks() and assistantEvents() bundles no zod schema', async () => {
    for (const entry of ['src/chat/chat-completion-chunks.ts', 'src/assistants/assistant-events.ts']) {
      const result = await build({
        entryPoints: [join(__dirname, '..', '..', entry)],
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform: 'node',
        external: ['rxjs', 'eventsource-parser'],
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect({ entry, zod: inputs.filter((path) => /node_modules\/zod|src\/schema\/(chat|assistants)\/(chunk|completion|common|run|message|thread|events)\.ts$/.test(path)) }).toEqual({
        entry,
        zod: [],
      });
    }
  });
});

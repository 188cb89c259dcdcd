import { lastValueFrom, map, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateChatCompletion,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  chatCompletionReducer,
  type ChatCompletionSnapshot,
  finalChatCompletion,
  finalizeChatCompletion,
  MissingCompletionError,
  SnapshotError,
} from '../../src/index';
import { encode, streamOf } from '../helpers/bytes';
import { sdkClientOver } from '../helpers/sdk';
import { chatBytes, sdkChat } from './sdk-chat';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

type Choice = ChatCompletionChunk['choices'][number];

/** A chunk with the given choices (`index` 0 by default); every object in it frozen, to prove nothing mutates it. */
function chunk(choices: Array<Partial<Choice>>, extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk {
  return deepFreeze({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    system_fingerprint: 'fp_1',
    choices: choices.map((c) => ({ index: 0, delta: {}, logprobs: null, finish_reason: null, ...c })),
    ...extra,
  } as ChatCompletionChunk);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const reduce = (chunks: ChatCompletionChunk[]) =>
  chunks.reduce<ChatCompletionSnapshot | undefined>(chatCompletionReducer, undefined)!;

const token = (text: string) => ({ token: text, logprob: -0.1, bytes: [...encode(text)], top_logprobs: [] });

const role = chunk([{ delta: { role: 'assistant', content: '' } }]);
const hel = chunk([{ delta: { content: 'Hel' } }]);
const lo = chunk([{ delta: { content: 'lo' } }]);
const stop = chunk([{ delta: {}, finish_reason: 'stop' }]);
const usage = chunk([], { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });

describe('chatCompletionReducer', () => {
  it('concatenates content and keeps the finish reason, never mutating a chunk (all are frozen)', () => {
    const snapshot = reduce([role, hel, lo, stop, usage]);
    expect(snapshot.choices[0]).toEqual({
      index: 0,
      finish_reason: 'stop',
      logprobs: null,
      message: { role: 'assistant', content: 'Hello' },
    });
    expect(snapshot.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(snapshot.system_fingerprint).toBe('fp_1');
  });

  it('shares the choices a chunk did not touch, and the snapshot itself for an empty chunk without id', () => {
    const a = reduce([chunk([{ index: 0, delta: { role: 'assistant', content: 'A' } }, { index: 1, delta: { role: 'assistant', content: 'B' } }])]);
    const b = chatCompletionReducer(a, chunk([{ index: 1, delta: { content: '!' } }]));
    expect(b.choices[0]).toBe(a.choices[0]);
    expect(b.choices[1]).not.toBe(a.choices[1]);
    expect(b.choices[1]!.message.content).toBe('B!');
    expect(a.choices[1]!.message.content).toBe('B');
    expect(chatCompletionReducer(b, chunk([], { id: '' }))).toBe(b);
  });

  it('merges tool call fragments by index: id, type and name once, arguments concatenated', () => {
    const snapshot = reduce([
      chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{"y"' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 1, function: { arguments: ':2}' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
    ]);
    expect(snapshot.choices[0]!.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
      { id: 'call_b', type: 'function', function: { name: 'g', arguments: '{"y":2}' } },
    ]);
    const completion = finalizeChatCompletion(snapshot);
    expect(completion.choices[0]!.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: snapshot.choices[0]!.message.tool_calls,
    });
  });

  it('concatenates logprobs and refusal tokens; the first chunk of a choice is not counted twice', () => {
    const snapshot = reduce([
      chunk([{ delta: { role: 'assistant', refusal: 'No' }, logprobs: { content: null, refusal: [token('No')] } }]),
      chunk([{ delta: { refusal: '.' }, logprobs: { content: null, refusal: [token('.')] } }]),
      chunk([{ delta: {}, finish_reason: 'stop' }]),
    ]);
    expect(snapshot.choices[0]!.message.refusal).toBe('No.');
    expect(snapshot.choices[0]!.logprobs).toEqual({ content: null, refusal: [token('No'), token('.')] });
  });

  it("counts a choice's first logprob tokens once, as the official SDK 7.x does", async () => {
    const chunks = [
      chunk([{ delta: { role: 'assistant', content: 'Hi' }, logprobs: { content: [token('Hi')], refusal: null } }]),
      chunk([{ delta: {}, finish_reason: 'stop' }]),
    ];
    const bytes = encode(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n');
    const sdk = await sdkClientOver([bytes]).chat.completions.stream({ model: 'gpt-4o', messages: [] }).finalChatCompletion();
    expect(sdk.choices[0]!.logprobs!.content).toEqual([token('Hi')]);
    const ours = await lastValueFrom(chatCompletionChunks(streamOf([bytes])).pipe(finalChatCompletion()));
    expect(ours.choices[0]!.logprobs!.content).toEqual([token('Hi')]);
  });

  it('keeps chunk-level fields from the latest chunk that has an id', () => {
    const snapshot = reduce([role, chunk([{ delta: { content: 'x' } }], { id: '', model: 'ignored' }), chunk([], { model: 'gpt-4o-2', service_tier: 'default' })]);
    expect(snapshot.model).toBe('gpt-4o-2');
    expect(snapshot.service_tier).toBe('default');
    expect(snapshot.choices[0]!.message.content).toBe('x');
  });

  it('refuses keys that could reach a prototype, and absurd indexes', () => {
    const poisoned = JSON.parse(
      '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"__proto__":{"role":"tool"}},"finish_reason":null}]}',
    ) as ChatCompletionChunk;
    expect(() => reduce([poisoned])).toThrow(SnapshotError);
    expect(() => reduce([chunk([{ index: 1e9 }])])).toThrow(SnapshotError);
    expect(() => reduce([chunk([{ delta: { tool_calls: [{ index: -1 }] } }])])).toThrow(SnapshotError);
  });
});

describe('finalizeChatCompletion', () => {
  it('fails with MissingCompletionError without chunks, finish reason or role', () => {
    expect(() => finalizeChatCompletion(undefined)).toThrow(MissingCompletionError);
    expect(() => finalizeChatCompletion(reduce([role, hel]))).toThrow(/choice 0 has no finish_reason/);
    expect(() => finalizeChatCompletion(reduce([hel, stop]))).toThrow(/choice 0 has no role/);
  });

  it("fails with MissingCompletionError when no choice came (a usage chunk, Azure's prompt filter chunk), as the SDK refuses it", async () => {
    const filter = { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] };
    for (const chunks of [[usage], [filter], [filter, usage]] as ChatCompletionChunk[][]) {
      expect(() => finalizeChatCompletion(reduce(chunks))).toThrow(new MissingCompletionError('the stream carried no choice'));
      const sdk = await sdkChat([chatBytes(chunks)]);
      expect(sdk.completion).toEqual({ sdkRejected: expect.stringContaining('without producing a ChatCompletionMessage') });
    }
  });

  it('builds a chat.completion: null content and refusal when absent, usage from the last chunk', () => {
    expect(finalizeChatCompletion(reduce([role, hel, lo, stop, usage]))).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      system_fingerprint: 'fp_1',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      choices: [
        { index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hello', refusal: null } },
      ],
    });
  });

  it('keeps a usage left null by the chunks, as the official SDK 7.x does', () => {
    const completion = finalizeChatCompletion(reduce([chunk([{ delta: { role: 'assistant', content: 'x' } }], { usage: null }), stop]));
    expect(completion.usage).toBeNull();
  });
});

describe('accumulateChatCompletion / finalChatCompletion (marbles)', () => {
  it('emits a snapshot per chunk (an empty first fragment makes the content "", as in the SDK 7.x)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('a-b-c|', { a: role, b: hel, c: lo });
      expectObservable(chunks.pipe(accumulateChatCompletion(), map((s) => s.choices[0]!.message))).toBe('x-y-z|', {
        x: { role: 'assistant', content: '' },
        y: { role: 'assistant', content: 'Hel' },
        z: { role: 'assistant', content: 'Hello' },
      });
    });
  });

  it('finalChatCompletion emits once at the end, and nothing when the stream fails', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b-c-d|', { a: role, b: hel, c: lo, d: stop }).pipe(finalChatCompletion())).toBe('-------(x|)', {
        x: finalizeChatCompletion(reduce([role, hel, lo, stop])),
      });
      expectObservable(cold('a-b-#', { a: role, b: hel }).pipe(finalChatCompletion())).toBe('----#');
    });
  });

  it('finalChatCompletion fails with MissingCompletionError when a choice never finished', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b|', { a: role, b: hel }).pipe(finalChatCompletion())).toBe(
        '---#',
        undefined,
        new MissingCompletionError('choice 0 has no finish_reason', 0),
      );
    });
  });
});

describe('chatCompletionEvents (marbles)', () => {
  const call = (index: number, name: string | undefined, args: string) =>
    chunk([{ delta: { tool_calls: [{ index, ...(name ? { id: `call_${index}`, type: 'function' as const } : {}), function: { ...(name ? { name } : {}), arguments: args } }] } }]);

  it('fires content deltas, then content.done when the choice finishes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b-c-d|', { a: role, b: hel, c: lo, d: stop }).pipe(chatCompletionEvents())).toBe('--x-y-z|', {
        x: { type: 'content.delta', choiceIndex: 0, delta: 'Hel', snapshot: 'Hel' },
        y: { type: 'content.delta', choiceIndex: 0, delta: 'lo', snapshot: 'Hello' },
        z: { type: 'content.done', choiceIndex: 0, content: 'Hello' },
      });
    });
  });

  it('fires a tool call done when the next starts and when the choice finishes; filters by type', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('r-a-b-c-d-s|', {
        r: chunk([{ delta: { role: 'assistant' } }]),
        a: call(0, 'f', ''),
        b: call(0, undefined, '{}'),
        c: call(1, 'g', '{"'),
        d: call(1, undefined, '}'),
        s: chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
      });
      expectObservable(chunks.pipe(chatCompletionEvents('tool_calls.function.arguments.done'))).toBe('------x---y|', {
        x: { type: 'tool_calls.function.arguments.done', choiceIndex: 0, index: 0, name: 'f', arguments: '{}' },
        y: { type: 'tool_calls.function.arguments.done', choiceIndex: 0, index: 1, name: 'g', arguments: '{"}' },
      });
    });
  });

  it('keeps choices apart with choiceIndex', async () => {
    const events = await lastValueFrom(
      chatCompletionChunks(
        streamOf([
          encode(
            [
              chunk([{ index: 0, delta: { role: 'assistant', content: 'A' } }, { index: 1, delta: { role: 'assistant', content: 'B' } }]),
              chunk([{ index: 1, delta: {}, finish_reason: 'stop' }]),
              chunk([{ index: 0, delta: {}, finish_reason: 'length' }]),
            ]
              .map((c) => `data: ${JSON.stringify(c)}\n\n`)
              .join('') + 'data: [DONE]\n\n',
          ),
        ]),
      ).pipe(chatCompletionEvents('content.done'), toArray()),
    );
    expect(events).toEqual([
      { type: 'content.done', choiceIndex: 1, content: 'B' },
      { type: 'content.done', choiceIndex: 0, content: 'A' },
    ]);
  });
});

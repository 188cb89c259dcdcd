import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { maybe, numbers, record, usually } from '../helpers/pre-check';
import {
  type ChatCompletionChunk,
  chatCompletionEvents,
  chatCompletionReducer,
  MissingCompletionError,
  finalizeChatCompletion,
  SnapshotError,
  textDeltas,
  toolCallDeltas,
} from '../../src/index';
import { ChatCompletionChunkSchema } from '../../src/schemas';
import { chatCompletionChunkIssue, isCommonChatCompletionChunk } from '../../src/schema/chat/chunk-check';
import { propertyRuns } from '../helpers/property-runs';

// Cheap cases, most of which the full schema refuses, so the properties take many of them (RUNS × 20: 800 in a plain
// run, 400,000 with PROPERTY_RUNS=20000).
const RUNS = propertyRuns(20_000, 40);

const nullableString = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined));

const delta = record({
  role: maybe(usually<string | undefined>('assistant', 'user', 'system', 'developer', 'tool', undefined, '', 'ASSISTANT')),
  content: maybe(nullableString),
  refusal: maybe(nullableString),
  tool_calls: maybe(
    fc.constantFrom(
      undefined,
      null,
      [],
      [{ index: 0 }],
      [{ index: 'x' }],
      [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{' } }],
      [{ index: 1, type: 'custom', custom: { name: 'sql', input: 'SELECT' } }],
      [{ index: 0, function: { arguments: 1 } }],
      [{ index: 0, custom: { input: 2 } }],
      [{ index: 0, type: 7 }],
    ),
  ),
  function_call: maybe(fc.constantFrom(undefined, {}, { name: 'f' }, { name: 1 }, { arguments: '{}' })),
  audio: maybe(fc.constantFrom(undefined, null, { id: 'a', data: 'x' }, { expires_at: 1 }, { expires_at: 'x' }, { data: 1 })),
});
const choice = record(
  {
    index: maybe(fc.oneof({ weight: 3, arbitrary: fc.nat() }, numbers)),
    delta: maybe(delta),
    finish_reason: maybe(
      usually<string | null | undefined>(null, 'stop', 'length', 'tool_calls', 'content_filter', 'function_call', 'STOP', undefined, ''),
    ),
    logprobs: maybe(fc.constantFrom(undefined, null, { content: null, refusal: null }, { content: 1 })),
  },
  ['index', 'delta', 'finish_reason'],
);
const usage = record({
  completion_tokens: maybe(numbers),
  prompt_tokens: maybe(numbers),
  total_tokens: maybe(numbers),
  completion_tokens_details: maybe(fc.constantFrom(undefined, {}, { audio_tokens: 'x' })),
  prompt_tokens_details: maybe(fc.constantFrom(undefined, {}, { cached_tokens: 1 })),
}, ['completion_tokens', 'prompt_tokens', 'total_tokens']);
const chunk = record(
  {
    id: maybe(fc.string()),
    object: maybe(usually('chat.completion.chunk', 'chat.completion', 'thread.message.delta')),
    created: maybe(fc.oneof({ weight: 3, arbitrary: fc.nat() }, numbers)),
    model: maybe(fc.string()),
    system_fingerprint: maybe(fc.oneof(fc.string(), fc.constant(undefined), fc.constant(null))),
    obfuscation: maybe(fc.oneof(fc.string(), fc.constant(undefined), fc.constant(null))),
    service_tier: maybe(
      usually<string | null | undefined>(undefined, null, 'auto', 'default', 'flex', 'scale', 'priority', 'fast', 'slow', ''),
    ),
    usage: maybe(fc.oneof(fc.constant(undefined), fc.constant(null), usage)),
    moderation: maybe(fc.constantFrom(undefined, null, {}, { input: 1 })),
    choices: maybe(fc.array(maybe(choice), { maxLength: 3 })),
  },
  ['id', 'object', 'created', 'model', 'choices'],
);


const isIndex = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
/** Whether every choice and tool call `index` in a chunk the schema accepted is an integer >= 0. */
function integerIndexes(value: unknown): boolean {
  const chunk = value as ChatCompletionChunk;
  return chunk.choices.every(
    (choice) => isIndex(choice.index) && (choice.delta?.tool_calls ?? []).every((call) => isIndex(call.index)),
  );
}

const isLibraryError = (error: unknown) => error instanceof SnapshotError || error instanceof MissingCompletionError;

/** Every reader of chunks over `chunks`; resolves when none of them threw anything but the library's own errors. */
async function readAll(chunks: ChatCompletionChunk[]): Promise<void> {
  for (const read of [
    () => chunks.reduce(chatCompletionReducer, undefined),
    () => finalizeChatCompletion(chunks.reduce(chatCompletionReducer, undefined)),
    () => lastValueFrom(from(chunks).pipe(chatCompletionEvents(), toArray())),
    () => lastValueFrom(from(chunks).pipe(textDeltas(), toArray())),
    () => lastValueFrom(from(chunks).pipe(toolCallDeltas(), toArray())),
  ]) {
    try {
      await read();
    } catch (error) {
      if (!isLibraryError(error)) throw error;
    }
  }
}

describe('chatCompletionChunkIssue (what chatCompletionChunks() checks by default)', () => {
  it('accepts every chunk the full schema accepts, indexes aside (the description allows any number there)', () => {
    fc.assert(
      fc.property(maybe(chunk), (value) => {
        if (!ChatCompletionChunkSchema.safeParse(value).success || !integerIndexes(value)) return;
        expect(chatCompletionChunkIssue(value)).toBeUndefined();
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it('whatever it accepts, every reader of chunks reads without a TypeError (only typed library errors)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(maybe(chunk), { maxLength: 4 }), async (values) => {
        const accepted = values.filter((v) => isCommonChatCompletionChunk(v)) as ChatCompletionChunk[];
        await readAll(accepted);
        // The same as JSON.parse makes them.
        let text: string | undefined;
        try {
          text = JSON.stringify(accepted);
        } catch {
          return; // not representable as JSON (a BigInt)
        }
        const parsed = (JSON.parse(text) as unknown[]).filter((v) => isCommonChatCompletionChunk(v));
        await readAll(parsed as ChatCompletionChunk[]);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('accepts what Azure OpenAI sends: the empty first chunk, filter results, null fingerprint, a choice without delta', () => {
    const azure = [
      '{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}',
      '{"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1,"id":"chatcmpl-1","model":"gpt-4o","object":"chat.completion.chunk","system_fingerprint":null}',
      '{"choices":[{"content_filter_offsets":{"check_offset":0,"start_offset":0,"end_offset":5},"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"finish_reason":null,"index":0}],"created":1,"id":"chatcmpl-1","model":"gpt-4o","object":"chat.completion.chunk","system_fingerprint":null}',
    ];
    for (const line of azure) expect(chatCompletionChunkIssue(JSON.parse(line))).toBeUndefined();
  });

  it('passes unknown enum values, unknown keys, nulls and missing unread fields', () => {
    const chunk = { id: 'c', choices: [{ index: 0, delta: { role: 'critic', content: 'x' }, finish_reason: 'paused', shiny: 1 }], service_tier: 'turbo', usage: 'n/a' };
    expect(chatCompletionChunkIssue(chunk)).toBeUndefined();
    expect(chatCompletionChunkIssue({ id: 'c', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, type: 'web', function: null }] } }] })).toBeUndefined();
  });

  it('names the path of a read field of the wrong kind', () => {
    const chunk = (choice: object, extra: object = {}) => ({ id: 'c', choices: [{ index: 0, delta: {}, ...choice }], ...extra });
    const cases: Array<[unknown, string]> = [
      [null, ''],
      [{ id: 7, choices: [] }, 'id'],
      [{ id: 'c' }, 'choices'],
      [chunk({ index: -1 }), 'choices.0.index'],
      [chunk({ index: 1.5 }), 'choices.0.index'],
      [chunk({ finish_reason: 1 }), 'choices.0.finish_reason'],
      [chunk({ delta: 'x' }), 'choices.0.delta'],
      [chunk({ delta: { content: 1 } }), 'choices.0.delta.content'],
      [chunk({ delta: { refusal: {} } }), 'choices.0.delta.refusal'],
      [chunk({ delta: { role: 1 } }), 'choices.0.delta.role'],
      [chunk({ delta: { tool_calls: {} } }), 'choices.0.delta.tool_calls'],
      [chunk({ delta: { tool_calls: [{ index: 'x' }] } }), 'choices.0.delta.tool_calls.0.index'],
      [chunk({ delta: { tool_calls: [{ index: 0, function: { arguments: 1 } }] } }), 'choices.0.delta.tool_calls.0.function.arguments'],
      [chunk({ delta: { tool_calls: [{ index: 0, custom: { input: [] } }] } }), 'choices.0.delta.tool_calls.0.custom.input'],
      [chunk({ delta: { function_call: { name: 2 } } }), 'choices.0.delta.function_call.name'],
      [chunk({ delta: { audio: { expires_at: 'soon' } } }), 'choices.0.delta.audio.expires_at'],
      [chunk({ logprobs: { content: 'x' } }), 'choices.0.logprobs.content'],
    ];
    for (const [value, path] of cases) expect({ value, path: chatCompletionChunkIssue(value)?.path }).toEqual({ value, path });
  });
});

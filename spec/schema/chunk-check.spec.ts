import fc from 'fast-check';
import { itNeverAcceptsWhatTheSchemaRejects, maybe, numbers, record, usually } from '../helpers/pre-check';
import { ChatCompletionChunkSchema } from '../../src/schema/chat/index';
import { isCommonChatCompletionChunk } from '../../src/schema/chat/chunk-check';

const nullableString = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined));

const delta = record({
  role: maybe(usually<string | undefined>('assistant', 'user', 'system', 'developer', 'tool', undefined, '', 'ASSISTANT')),
  content: maybe(nullableString),
  refusal: maybe(nullableString),
  tool_calls: maybe(fc.constantFrom(undefined, [], [{ index: 0 }], [{ index: 'x' }])),
  function_call: maybe(fc.constantFrom(undefined, {}, { name: 'f' }, { name: 1 })),
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

describe('isCommonChatCompletionChunk (the fast path before ChatCompletionChunkSchema)', () => {
  itNeverAcceptsWhatTheSchemaRejects(isCommonChatCompletionChunk, ChatCompletionChunkSchema, maybe(chunk));

  it('accepts the chunks the API sends for text (so the fast path is taken)', () => {
    const common = fc.record(
      {
        id: fc.string(),
        object: fc.constant('chat.completion.chunk' as const),
        created: fc.nat(),
        model: fc.string(),
        system_fingerprint: fc.string(),
        service_tier: fc.constantFrom('default' as const, null),
        usage: fc.constant(null),
        choices: fc.array(
          fc.record(
            {
              index: fc.nat(),
              delta: fc.record(
                {
                  role: fc.constant('assistant' as const),
                  content: fc.oneof(fc.string(), fc.constant(null)),
                  refusal: fc.oneof(fc.string(), fc.constant(null)),
                },
                { requiredKeys: [] },
              ),
              logprobs: fc.constant(null),
              finish_reason: fc.constantFrom(null, 'stop' as const, 'length' as const),
            },
            { requiredKeys: ['index', 'delta', 'finish_reason'] },
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: ['id', 'object', 'created', 'model', 'choices'] },
    );
    fc.assert(
      fc.property(common, (value) => {
        expect(ChatCompletionChunkSchema.safeParse(value).success).toBe(true);
        expect(isCommonChatCompletionChunk(value)).toBe(true);
      }),
    );
    const wire =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}';
    expect(isCommonChatCompletionChunk(JSON.parse(wire))).toBe(true);
    const usageChunk =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":3,"total_tokens":23}}';
    expect(isCommonChatCompletionChunk(JSON.parse(usageChunk))).toBe(true);
  });

  it('leaves everything else to the schema', () => {
    const chunk = (choice: unknown, extra: object = {}) => ({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [choice],
      ...extra,
    });
    const choice = (delta: unknown, extra: object = {}) => ({ index: 0, delta, finish_reason: null, ...extra });
    expect(isCommonChatCompletionChunk(chunk(choice({ tool_calls: [{ index: 0 }] })))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({ function_call: { name: 'f' } })))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({}, { logprobs: { content: [], refusal: null } })))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({}, { index: Infinity })))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({}, { finish_reason: undefined })))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({}), { moderation: {} }))).toBe(false);
    expect(isCommonChatCompletionChunk(chunk(choice({}), { created: NaN }))).toBe(false);
    expect(isCommonChatCompletionChunk(null)).toBe(false);
  });
});

/**
 * The chat fallback (`fallbackToPolling`) emits a non-streaming completion as the chunks a stream would have carried:
 * accumulated, they give back the completion whole, whatever fields it has beside the ones the library reads.
 */
import { from, lastValueFrom } from 'rxjs';
import { chunksOfCompletion } from '../../src/client/fallback/chat-completion-chunks';
import { type ChatCompletion, finalChatCompletion } from '../../src/index';
import { chatBytes, ourChat, sdkChat } from '../chat/sdk-chat';

/** A completion with what the API (and Azure OpenAI) may send beside content: annotations, audio, filters, usage. */
const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_1',
  service_tier: 'default',
  prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }],
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'See https://example.com',
        refusal: null,
        annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com', title: 'Example', start_index: 4, end_index: 23 } }],
        audio: { id: 'audio_1', data: 'UklGRg==', expires_at: 1_700_003_600, transcript: 'See example dot com' },
      },
      logprobs: null,
      finish_reason: 'stop',
      content_filter_results: { hate: { filtered: false, severity: 'safe' } },
    },
    {
      index: 1,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      logprobs: { content: [{ token: 'x', logprob: -0.1, bytes: [120], top_logprobs: [] }], refusal: null },
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
} as unknown as ChatCompletion;

describe('the chat fallback chunks of a completion', () => {
  it('accumulate back to the completion, every field kept (annotations, audio, filter results, usage)', async () => {
    const chunks = chunksOfCompletion(completion);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(await lastValueFrom(from(chunks).pipe(finalChatCompletion()))).toEqual(completion);
  });

  it("give the events a stream of the completion gives, as the SDK reads the same chunks: each tool call's arguments.done too", async () => {
    const chunks = chunksOfCompletion(completion);
    const [ours, sdk] = await Promise.all([ourChat([chatBytes(chunks)]), sdkChat([chatBytes(chunks)])]);
    expect(ours.events).toEqual(sdk.events);
    const done = (ours.events as Array<{ type: string; name?: string; arguments?: string }>).filter((e) => e.type === 'tool_calls.function.arguments.done');
    expect(done.map((e) => `${e.name} ${e.arguments}`)).toEqual(['get_weather {"city":"Oslo"}', 'get_time {}']);
  });

  it('a completion with only what the library reads gives the same completion back', async () => {
    const plain = {
      id: 'chatcmpl-2',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    } as unknown as ChatCompletion;
    expect(await lastValueFrom(from(chunksOfCompletion(plain)).pipe(finalChatCompletion()))).toEqual(plain);
  });
});

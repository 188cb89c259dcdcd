/**
 * Chunks of a shared stream reach every subscription: a consumer that changes the chunks it receives (every object
 * and array in them: `usage`, `logprobs` entries, Azure's filter results, ...) changes no snapshot, final completion
 * or event of the chat operators beside it, not even one emitted earlier. Over every published and recorded chat
 * stream, and one with the fields the recordings lack.
 */
import { from, lastValueFrom, share, toArray } from 'rxjs';
import {
  accumulateChatCompletion,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  finalChatCompletion,
} from '../../src/index';
import { fixtureBytes, fixtureNames, streamOf } from '../helpers/bytes';
import { vandalize } from '../helpers/vandalize';

const filtered = { hate: { filtered: false, severity: 'safe' } };
/** Fields no recording has: Azure's filter results on the chunk and its choice, a choice's `message`, extra keys. */
const unrecorded = [
  { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: filtered }] },
  { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi', annotations: [{ type: 'url_citation' }] }, content_filter_results: filtered, logprobs: { content: [{ token: 'Hi', logprob: -1, bytes: [72, 105], top_logprobs: [] }], refusal: null } }] },
  { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' }, extra: { a: [1] } }] }, finish_reason: 'tool_calls' }] },
  { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 1, message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, completion_tokens_details: { reasoning_tokens: 0 } } },
] as unknown as ChatCompletionChunk[];

const streams: Array<[string, () => Promise<ChatCompletionChunk[]>]> = [
  ...['chat-completions', 'chat-recorded'].flatMap((folder) =>
    fixtureNames(folder).map((name): [string, () => Promise<ChatCompletionChunk[]>] => [
      `${folder}/${name}`,
      () => lastValueFrom(chatCompletionChunks(streamOf([fixtureBytes(folder, name)])).pipe(toArray())),
    ]),
  ),
  ['chunks with the fields no recording has', async () => structuredClone(unrecorded)],
];

describe.each(streams)('the chat operators over %s', (_name, chunksOf) => {
  it('give what they give alone when another consumer of the shared chunks changes them', async () => {
    const alone = await lastValueFrom(from(await chunksOf()).pipe(accumulateChatCompletion(), toArray()));
    const finalAlone = await lastValueFrom(from(await chunksOf()).pipe(finalChatCompletion()));
    const eventsAlone = await lastValueFrom(from(await chunksOf()).pipe(chatCompletionEvents(), toArray()));
    const chunks$ = from(await chunksOf()).pipe(share());
    const snapshots: unknown[] = [];
    const events: unknown[] = [];
    let final: unknown;
    chunks$.pipe(accumulateChatCompletion()).subscribe((s) => snapshots.push(s));
    chunks$.pipe(finalChatCompletion()).subscribe((c) => (final = c));
    chunks$.pipe(chatCompletionEvents()).subscribe((e) => events.push(e));
    // Subscribed last: it gets each chunk after the reductions did, and wrecks it.
    chunks$.subscribe((chunk) => vandalize(chunk));
    expect(snapshots).toEqual(alone);
    expect(final).toEqual(finalAlone);
    expect(events).toEqual(eventsAlone);
    expect(JSON.stringify([snapshots, final, events])).not.toContain('vandal');
  });
});

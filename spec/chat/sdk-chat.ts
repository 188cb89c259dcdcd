/**
 * Our Chat Completions operators and the official SDK 7.x's `ChatCompletionStream`, driven by the same bytes.
 */
import { forkJoin, lastValueFrom, share, toArray } from 'rxjs';
import {
  accumulateChatCompletion,
  type ChatCompletion,
  type ChatCompletionChunk,
  chatCompletionChunks,
  chatCompletionEvents,
  type ChatCompletionSnapshot,
  type ChatCompletionStreamEvent,
  finalChatCompletion,
} from '../../src/index';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { encode, streamOf } from '../helpers/bytes';
import { sdkClientOver, withoutParsed } from '../helpers/sdk';

export const SDK_EVENTS = [
  'content.delta',
  'content.done',
  'refusal.delta',
  'refusal.done',
  'tool_calls.function.arguments.delta',
  'tool_calls.function.arguments.done',
  'logprobs.content.delta',
  'logprobs.content.done',
  'logprobs.refusal.delta',
  'logprobs.refusal.done',
] as const;

export interface ChatOutcome {
  snapshots: unknown[];
  completion: unknown;
  events: unknown[];
}

/** The bytes of a data-only stream of these chunks (objects or raw JSON lines), ending with `[DONE]`. */
export function chatBytes(chunks: ReadonlyArray<object | string>): Uint8Array {
  return encode(
    chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n',
  );
}

/** The SDK's snapshots (one per chunk), final completion and events over the bytes, without its `parsed` fields. */
export async function sdkChat(parts: Uint8Array[]): Promise<ChatOutcome> {
  const stream = sdkClientOver(parts).chat.completions.stream({ model: 'gpt-4o', messages: [] });
  const events: unknown[] = [];
  const snapshots: unknown[] = [];
  const on = stream.on as (event: string, listener: (...args: never[]) => void) => unknown;
  for (const type of SDK_EVENTS) {
    // Copied when fired: the SDK keeps mutating the objects its events point to.
    on.call(stream, type, (props: object) => events.push(structuredClone({ type, ...props })));
  }
  on.call(stream, 'chunk', (_chunk: unknown, snapshot: unknown) => snapshots.push(structuredClone(snapshot)));
  const completion = await stream.finalChatCompletion().catch((error: unknown) => ({ sdkRejected: String(error) }));
  return withoutParsed({ snapshots, completion, events }) as ChatOutcome;
}

/**
 * The SDK's `ChatCompletionStream.fromReadableStream()` over these chunks (one JSON line each): the reader of a
 * stream holding several completions (a runner's `toReadableStream()`), which starts a new completion when a chunk
 * brings another `id`. Its snapshots (one per chunk), events and `finalChatCompletion()` (the last completion),
 * without its `parsed` fields.
 */
export async function sdkChatOfSeveral(chunks: readonly object[]): Promise<ChatOutcome> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encode(chunks.map((c) => `${JSON.stringify(c)}\n`).join('')));
      controller.close();
    },
  });
  const stream = ChatCompletionStream.fromReadableStream(body);
  const events: unknown[] = [];
  const snapshots: unknown[] = [];
  const on = stream.on as (event: string, listener: (...args: never[]) => void) => unknown;
  for (const type of SDK_EVENTS) on.call(stream, type, (props: object) => events.push(structuredClone({ type, ...props })));
  on.call(stream, 'chunk', (_chunk: unknown, snapshot: unknown) => snapshots.push(structuredClone(snapshot)));
  const completion = await stream.finalChatCompletion().catch((error: unknown) => ({ sdkRejected: String(error) }));
  return withoutParsed({ snapshots, completion, events }) as ChatOutcome;
}

/**
 * Ours over the same bytes, in the SDK's terms (events without `choiceIndex`). The three readers subscribe to one
 * read of the bytes (`share()`), so a one-byte chunking is parsed once rather than three times, and they see the
 * very same chunk objects (none may change what another reads); each reader over its own read of the bytes is
 * compared with the SDK in fixtures.spec.ts.
 */
export async function ourChat(parts: Uint8Array[]): Promise<ChatOutcome> {
  const chunks$ = chatCompletionChunks(streamOf(parts)).pipe(share());
  const [snapshots, completion, events] = await lastValueFrom(
    forkJoin([
      chunks$.pipe(accumulateChatCompletion(), toArray()),
      chunks$.pipe(finalChatCompletion()),
      chunks$.pipe(chatCompletionEvents(), toArray()),
    ]),
  );
  return { snapshots, completion, events: events.map(({ choiceIndex: _choiceIndex, ...rest }) => rest) };
}

/** Tool call ids the SDK makes up (`call_<uuid>`) for calls that came without one, made comparable. */
export function withoutMadeUpIds(completion: unknown): unknown {
  return JSON.parse(JSON.stringify(completion).replace(/"call_[0-9a-f-]{36}"/g, '"call_made_up"'));
}

export type { ChatCompletion, ChatCompletionChunk, ChatCompletionSnapshot, ChatCompletionStreamEvent };

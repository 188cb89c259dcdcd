/**
 * Compile-time proof that the Chat Completions types inferred from our schemas fit the official SDK's types: a
 * value we validated (or built, for `ChatCompletion`) can be handed to code written against `openai`'s types.
 * Every `const` below only compiles if its assertion holds (`npx tsc -p tsconfig.json --noEmit`); the jest test
 * at the end makes the file count as a spec.
 *
 * One field is wider than the official type on purpose: `service_tier` may be `fast` (the OpenAPI description
 * lists it; the SDK does not yet). Chunks and completions are proven assignable once exactly that value is
 * removed again, and the widening is pinned, so that any other change breaks this file.
 */
import type {
  ChatCompletion as OfficialChatCompletion,
  ChatCompletionAudio as OfficialChatCompletionAudio,
  ChatCompletionChunk as OfficialChatCompletionChunk,
  ChatCompletionMessage as OfficialChatCompletionMessage,
  ChatCompletionMessageCustomToolCall as OfficialChatCompletionMessageCustomToolCall,
  ChatCompletionMessageFunctionToolCall as OfficialChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageToolCall as OfficialChatCompletionMessageToolCall,
  ChatCompletionTokenLogprob as OfficialChatCompletionTokenLogprob,
} from 'openai/resources/chat/completions/completions';
import type { CompletionUsage as OfficialCompletionUsage } from 'openai/resources/completions';
import type {
  ChatCompletion,
  ChatCompletionAudio,
  ChatCompletionChoiceLogprobs,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCall,
  ChatCompletionFinishReason,
  ChatCompletionMessage,
  ChatCompletionMessageCustomToolCall,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageToolCall,
  ChatCompletionModeration,
  ChatCompletionTokenLogprob,
  CompletionUsage,
} from '../../src/index';

/** `true` when every `A` is a `B`. */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Not<T extends boolean> = T extends true ? false : true;

/** `T` with `service_tier: 'fast'` removed again (undoes the widening). */
type WithoutFast<T extends { service_tier?: unknown }> = Omit<T, 'service_tier'> & {
  service_tier?: Exclude<T['service_tier'], 'fast'>;
};

type OfficialChoice = OfficialChatCompletionChunk['choices'][number];

const objects = {
  delta: true satisfies Assignable<ChatCompletionChunkDelta, OfficialChoice['delta']>,
  toolCallFragment: true satisfies Assignable<ChatCompletionChunkToolCall, NonNullable<OfficialChoice['delta']['tool_calls']>[number]>,
  chunkChoice: true satisfies Assignable<ChatCompletionChunkChoice, OfficialChoice>,
  logprobs: true satisfies Assignable<ChatCompletionChoiceLogprobs, NonNullable<OfficialChoice['logprobs']>>,
  tokenLogprob: true satisfies Assignable<ChatCompletionTokenLogprob, OfficialChatCompletionTokenLogprob>,
  usage: true satisfies Assignable<CompletionUsage, OfficialCompletionUsage>,
  moderation: true satisfies Assignable<ChatCompletionModeration, NonNullable<OfficialChatCompletionChunk['moderation']>>,
  finishReason: true satisfies Equal<ChatCompletionFinishReason, OfficialChatCompletion['choices'][number]['finish_reason']>,
  message: true satisfies Assignable<ChatCompletionMessage, OfficialChatCompletionMessage>,
  functionToolCall: true satisfies Assignable<ChatCompletionMessageFunctionToolCall, OfficialChatCompletionMessageFunctionToolCall>,
  customToolCall: true satisfies Assignable<ChatCompletionMessageCustomToolCall, OfficialChatCompletionMessageCustomToolCall>,
  toolCall: true satisfies Assignable<ChatCompletionMessageToolCall, OfficialChatCompletionMessageToolCall>,
  audio: true satisfies Equal<ChatCompletionAudio, OfficialChatCompletionAudio>,
};

const topLevel = {
  chunk: true satisfies Assignable<WithoutFast<ChatCompletionChunk>, OfficialChatCompletionChunk>,
  completion: true satisfies Assignable<WithoutFast<ChatCompletion>, OfficialChatCompletion>,
};

const widenings = {
  chunkServiceTierMayBeFast: true satisfies Equal<
    ChatCompletionChunk['service_tier'],
    OfficialChatCompletionChunk['service_tier'] | 'fast'
  >,
  completionServiceTierMayBeFast: true satisfies Equal<
    ChatCompletion['service_tier'],
    OfficialChatCompletion['service_tier'] | 'fast'
  >,
  // Without undoing it the objects do not fit: the widening is the only difference.
  chunkDiffers: true satisfies Not<Assignable<ChatCompletionChunk, OfficialChatCompletionChunk>>,
  completionDiffers: true satisfies Not<Assignable<ChatCompletion, OfficialChatCompletion>>,
};

describe('inferred Chat Completions types against the official openai types', () => {
  it.each(Object.entries({ ...objects, ...topLevel, ...widenings }))('%s', (_, holds) => {
    expect(holds).toBe(true);
  });
});

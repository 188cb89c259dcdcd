/**
 * Compile-time proof that the Chat Completions types inferred from our schemas fit the official SDK's types: a
 * value we validated (or built, for `ChatCompletion`) can be handed to code written against `openai`'s types.
 * A type test, checked by `tsc` (`npm test` runs `npm run typecheck` first), not by jest: every `expectTypeOf`
 * below is a compile error when it does not hold.
 *
 * No field differs any more: `service_tier: 'fast'`, once our only widening, is in the SDK's types since openai
 * 7.x, so chunks and completions are assignable as they are (and the tier unions are equal).
 */
import { expectTypeOf } from 'expect-type';
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

type OfficialChoice = OfficialChatCompletionChunk['choices'][number];

// @ts-expect-error a chunk is not a completion: were expect-type's checks ever vacuous, this line would not compile
expectTypeOf<ChatCompletionChunk>().toExtend<OfficialChatCompletion>();

expectTypeOf<ChatCompletionChunkDelta>().toExtend<OfficialChoice['delta']>();
expectTypeOf<ChatCompletionChunkToolCall>().toExtend<NonNullable<OfficialChoice['delta']['tool_calls']>[number]>();
// Pinned widening: a choice may come without `delta` (Azure OpenAI's trailing content-filter chunk).
expectTypeOf<undefined>().toExtend<ChatCompletionChunkChoice['delta']>();
expectTypeOf<Omit<ChatCompletionChunkChoice, 'delta'> & { delta: ChatCompletionChunkDelta }>().toExtend<OfficialChoice>();
expectTypeOf<ChatCompletionChoiceLogprobs>().toExtend<NonNullable<OfficialChoice['logprobs']>>();
expectTypeOf<ChatCompletionTokenLogprob>().toExtend<OfficialChatCompletionTokenLogprob>();
expectTypeOf<CompletionUsage>().toExtend<OfficialCompletionUsage>();
expectTypeOf<ChatCompletionModeration>().toExtend<NonNullable<OfficialChatCompletionChunk['moderation']>>();
expectTypeOf<ChatCompletionFinishReason>().toEqualTypeOf<OfficialChatCompletion['choices'][number]['finish_reason']>();
expectTypeOf<ChatCompletionMessage>().toExtend<OfficialChatCompletionMessage>();
expectTypeOf<ChatCompletionMessageFunctionToolCall>().toExtend<OfficialChatCompletionMessageFunctionToolCall>();
expectTypeOf<ChatCompletionMessageCustomToolCall>().toExtend<OfficialChatCompletionMessageCustomToolCall>();
expectTypeOf<ChatCompletionMessageToolCall>().toExtend<OfficialChatCompletionMessageToolCall>();
expectTypeOf<ChatCompletionAudio>().toEqualTypeOf<OfficialChatCompletionAudio>();

// The whole chunk and completion, once the pinned widenings are undone: a chunk's `object` may be `''` and its
// `system_fingerprint` null (Azure OpenAI's first, prompt-filter chunk), its choices may lack `delta`; a
// completion's `usage` may be null (the SDK 7.x keeps the `usage: null` of the chunks at run time).
type UndoneChoice = Omit<ChatCompletionChunkChoice, 'delta'> & { delta: ChatCompletionChunkDelta };
type UndoneChunk = Omit<ChatCompletionChunk, 'object' | 'system_fingerprint' | 'choices'> & {
  object: 'chat.completion.chunk';
  system_fingerprint?: string;
  choices: UndoneChoice[];
};
expectTypeOf<UndoneChunk>().toExtend<OfficialChatCompletionChunk>();
expectTypeOf<''>().toExtend<ChatCompletionChunk['object']>();
expectTypeOf<null>().toExtend<ChatCompletionChunk['system_fingerprint']>();
expectTypeOf<Omit<ChatCompletion, 'usage'> & { usage?: CompletionUsage }>().toExtend<OfficialChatCompletion>();
expectTypeOf<null>().toExtend<ChatCompletion['usage']>();
expectTypeOf<ChatCompletionChunk['service_tier']>().toEqualTypeOf<OfficialChatCompletionChunk['service_tier']>();
expectTypeOf<ChatCompletion['service_tier']>().toEqualTypeOf<OfficialChatCompletion['service_tier']>();

/**
 * The content chunk of a Chat Completions stream as a {@link TemplateShape}: what lets `chatCompletionChunks()`
 * read most chunks without `JSON.parse` (see `sources/json-template.ts`). It only learns from chunks that
 * `isCommonChatCompletionChunk` accepted, and what it builds differs from such a chunk only in the strings of
 * `content` and `obfuscation`, which that check accepts whatever they hold.
 */
import {
  isPlainNumber,
  type JsonPrimitive,
  primitiveFields,
  type TemplateShape,
} from '../../sources/json-template.js';
import { hasOwn, isJsonObject } from '../json-values.js';
import type { ChatCompletionChunk } from './chunk.js';

/** What one stream's content chunks share. */
interface ContentChunkFields {
  /** The chunk's top-level fields (`id`, `model`, `created`, ...), with placeholders for `choices` and `obfuscation`. */
  readonly top: Readonly<Record<string, JsonPrimitive>>;
  readonly index: number;
  /** Whether the choice carries `logprobs: null`. */
  readonly logprobs: boolean;
  /** Whether the chunk carries an `obfuscation` string (the second slot). */
  readonly obfuscation: boolean;
}

const PLACEHOLDERS = { choices: null, obfuscation: '' };

/**
 * `{ ...top-level strings, numbers and nulls, choices: [{ index, delta: { content }, logprobs?: null,
 * finish_reason: null }], obfuscation? }`, the strings being `content` and `obfuscation`.
 *
 * @internal
 * @example
 * const chunks = jsonTemplate(contentChunkShape);
 */
export const contentChunkShape: TemplateShape<ContentChunkFields, ChatCompletionChunk> = {
  split(json) {
    if (!isJsonObject(json)) return undefined;
    const choices = json['choices'];
    if (!Array.isArray(choices) || choices.length !== 1) return undefined;
    const choice: unknown = choices[0];
    if (!isJsonObject(choice) || choice['finish_reason'] !== null) return undefined;
    const index = choice['index'];
    const delta = choice['delta'];
    if (!isPlainNumber(index) || !Number.isSafeInteger(index) || index < 0) return undefined;
    if (!isJsonObject(delta) || typeof delta['content'] !== 'string') return undefined;
    const logprobs = hasOwn.call(choice, 'logprobs');
    if (logprobs && choice['logprobs'] !== null) return undefined;
    const obfuscation = json['obfuscation'];
    if (obfuscation !== undefined && typeof obfuscation !== 'string') return undefined;
    const top = primitiveFields(json, PLACEHOLDERS);
    if (top === undefined) return undefined;
    const content = delta['content'];
    return {
      fields: { top, index, logprobs, obfuscation: obfuscation !== undefined },
      slots: obfuscation === undefined ? [content] : [content, obfuscation],
    };
  },
  build(fields, slots) {
    const content = slots[0] as string;
    // A copy of the top level (fast: same keys, same order every time), then the parts that change.
    const chunk: Record<string, unknown> = { ...fields.top };
    chunk['choices'] = [
      fields.logprobs
        ? { index: fields.index, delta: { content }, logprobs: null, finish_reason: null }
        : { index: fields.index, delta: { content }, finish_reason: null },
    ];
    if (fields.obfuscation) chunk['obfuscation'] = slots[1];
    return chunk as unknown as ChatCompletionChunk;
  },
};


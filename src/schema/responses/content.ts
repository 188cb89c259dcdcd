/**
 * Content parts of the Responses API: input text / image / file, output text (with annotations and logprobs),
 * refusals, reasoning text and summaries.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { FileInputDetailSchema, ResponseImageDetailSchema } from './common.js';
import type { FunctionAndCustomToolCallOutput, PromptCacheBreakpointConfig, ResponseAnnotation, ResponseContainerFileCitation, ResponseContentPart, ResponseFileCitation, ResponseFilePath, ResponseInputContent, ResponseInputFile, ResponseInputImage, ResponseInputText, ResponseOutputMessageContent, ResponseOutputRefusal, ResponseOutputText, ResponseOutputTextLogprob, ResponseOutputTextTopLogprob, ResponseReasoningText, ResponseSummaryText, ResponseTextDeltaLogprob, ResponseURLCitation } from '../../wire/responses-api.js';
export type { FunctionAndCustomToolCallOutput, PromptCacheBreakpointConfig, ResponseAnnotation, ResponseContainerFileCitation, ResponseContentPart, ResponseFileCitation, ResponseFilePath, ResponseInputContent, ResponseInputFile, ResponseInputImage, ResponseInputText, ResponseOutputMessageContent, ResponseOutputRefusal, ResponseOutputText, ResponseOutputTextLogprob, ResponseOutputTextTopLogprob, ResponseReasoningText, ResponseSummaryText, ResponseTextDeltaLogprob, ResponseURLCitation } from '../../wire/responses-api.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * A citation to a file.
 *
 * @example
 * ResponseFileCitationSchema.parse({ type: 'file_citation', file_id: 'file-abc', index: 42, filename: 'report.pdf' });
 */
export const ResponseFileCitationSchema = objectSchema<ResponseFileCitation>(z.object({
  type: z.literal('file_citation'),
  file_id: z.string(),
  index: z.number(),
  filename: z.string(),
}));

/**
 * A citation for a web resource used to generate a model response.
 *
 * @example
 * const { url, title } = ResponseURLCitationSchema.parse(json);
 */
export const ResponseURLCitationSchema = objectSchema<ResponseURLCitation>(z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  title: z.string(),
}));

/**
 * A citation for a container file used to generate a model response.
 *
 * @example
 * ResponseContainerFileCitationSchema.parse(json).container_id;
 */
export const ResponseContainerFileCitationSchema = objectSchema<ResponseContainerFileCitation>(z.object({
  type: z.literal('container_file_citation'),
  container_id: z.string(),
  file_id: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  filename: z.string(),
}));

/**
 * A path to a file.
 *
 * @example
 * ResponseFilePathSchema.parse({ type: 'file_path', file_id: 'file-xyz', index: 0 });
 */
export const ResponseFilePathSchema = objectSchema<ResponseFilePath>(z.object({
  type: z.literal('file_path'),
  file_id: z.string(),
  index: z.number(),
}));

/**
 * An annotation that applies to a span of output text.
 *
 * @example
 * const annotation = ResponseAnnotationSchema.parse(json);
 * if (annotation.type === 'url_citation') console.log(annotation.url);
 */
export const ResponseAnnotationSchema: z.ZodType<ResponseAnnotation> = typedSchema(z.discriminatedUnion('type', [
  ResponseFileCitationSchema,
  ResponseURLCitationSchema,
  ResponseContainerFileCitationSchema,
  ResponseFilePathSchema,
]));

/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * PromptCacheBreakpointConfigSchema.parse({ mode: 'explicit' });
 */
export const PromptCacheBreakpointConfigSchema = objectSchema<PromptCacheBreakpointConfig>(z.object({
  mode: z.literal('explicit'),
}));

/**
 * A text input to the model.
 *
 * @example
 * ResponseInputTextSchema.parse({ type: 'input_text', text: 'Summarize this file.' });
 */
export const ResponseInputTextSchema = objectSchema<ResponseInputText>(z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
}));

/**
 * An image input to the model.
 *
 * @example
 * ResponseInputImageSchema.parse({ type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' });
 */
export const ResponseInputImageSchema = objectSchema<ResponseInputImage>(z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: ResponseImageDetailSchema,
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
}));

/**
 * A file input to the model.
 *
 * @example
 * ResponseInputFileSchema.parse({ type: 'input_file', file_url: 'https://example.com/a.pdf', detail: 'low' });
 */
export const ResponseInputFileSchema = objectSchema<ResponseInputFile>(z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().optional(),
  file_data: z.string().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
  file_url: z.string().optional(),
  detail: FileInputDetailSchema.optional(),
}));

/**
 * One content part of a function or custom tool call output: text, image or file (by `type`).
 *
 * @example
 * const part = FunctionAndCustomToolCallOutputSchema.parse({ type: 'input_text', text: '42' });
 */
export const FunctionAndCustomToolCallOutputSchema: z.ZodType<FunctionAndCustomToolCallOutput> = typedSchema(z.discriminatedUnion('type', [
  ResponseInputTextSchema,
  ResponseInputImageSchema,
  ResponseInputFileSchema,
]));

/**
 * One content part of an input message: text, image or file (by `type`).
 *
 * @example
 * ResponseInputContentSchema.parse(json).type; // 'input_text' | 'input_image' | 'input_file'
 */
export const ResponseInputContentSchema: z.ZodType<ResponseInputContent> = typedSchema(FunctionAndCustomToolCallOutputSchema); // the yaml defines it twice, identically

/**
 * The top log probability of a token.
 *
 * @example
 * ResponseOutputTextTopLogprobSchema.parse({ token: 'Hi', logprob: -0.3, bytes: [72, 105] });
 */
export const ResponseOutputTextTopLogprobSchema = objectSchema<ResponseOutputTextTopLogprob>(z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
}));

/**
 * The log probability of a token.
 *
 * @example
 * const { token, top_logprobs } = ResponseOutputTextLogprobSchema.parse(json);
 */
export const ResponseOutputTextLogprobSchema = objectSchema<ResponseOutputTextLogprob>(z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
  top_logprobs: z.array(ResponseOutputTextTopLogprobSchema),
}));

/**
 * A text output from the model.
 *
 * @example
 * const { text, annotations } = ResponseOutputTextSchema.parse(json);
 */
export const ResponseOutputTextSchema = objectSchema<ResponseOutputText>(z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(ResponseAnnotationSchema),
  logprobs: z.array(ResponseOutputTextLogprobSchema).optional(),
}));

/**
 * A refusal from the model.
 *
 * @example
 * ResponseOutputRefusalSchema.parse({ type: 'refusal', refusal: "I can't help with that." });
 */
export const ResponseOutputRefusalSchema = objectSchema<ResponseOutputRefusal>(z.object({
  type: z.literal('refusal'),
  refusal: z.string(),
}));

/**
 * Reasoning text from the model.
 *
 * @example
 * ResponseReasoningTextSchema.parse(json).text;
 */
export const ResponseReasoningTextSchema = objectSchema<ResponseReasoningText>(z.object({
  type: z.literal('reasoning_text'),
  text: z.string(),
}));

/**
 * A content part as `response.content_part.*` events carry it: output text, refusal or reasoning text (by `type`).
 *
 * @example
 * const part = ResponseContentPartSchema.parse(json);
 * if (part.type === 'refusal') console.warn(part.refusal);
 */
export const ResponseContentPartSchema: z.ZodType<ResponseContentPart> = typedSchema(z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
  ResponseReasoningTextSchema,
]));

/**
 * One content part of an output message: output text or refusal (by `type`).
 *
 * @example
 * ResponseOutputMessageContentSchema.safeParse({ type: 'reasoning_text', text: '' }).success; // false
 */
export const ResponseOutputMessageContentSchema: z.ZodType<ResponseOutputMessageContent> = typedSchema(z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
]));

/**
 * A logprob is the logarithmic probability that the model assigns to producing a particular token at a given
 * position in the sequence.
 *
 * @example
 * ResponseTextDeltaLogprobSchema.parse({ token: ' world', logprob: -0.02 });
 */
export const ResponseTextDeltaLogprobSchema = objectSchema<ResponseTextDeltaLogprob>(z.object({
  token: z.string(),
  logprob: z.number(),
  top_logprobs: z.array(z.object({
    token: z.string().optional(),
    logprob: z.number().optional(),
  })).optional(),
}));

/**
 * A summary text from the model.
 *
 * @example
 * ResponseSummaryTextSchema.parse({ type: 'summary_text', text: 'Checked both totals.' });
 */
export const ResponseSummaryTextSchema = objectSchema<ResponseSummaryText>(z.object({
  type: z.literal('summary_text'),
  text: z.string(),
}));

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

/** A citation to a file. */
export const ResponseFileCitationSchema = z.object({
  type: z.literal('file_citation'),
  file_id: z.string(),
  index: z.number(),
  filename: z.string(),
});
/** A citation to a file. */
export type ResponseFileCitation = z.infer<typeof ResponseFileCitationSchema>;

/** A citation for a web resource used to generate a model response. */
export const ResponseURLCitationSchema = z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  title: z.string(),
});
/** A citation for a web resource used to generate a model response. */
export type ResponseURLCitation = z.infer<typeof ResponseURLCitationSchema>;

/** A citation for a container file used to generate a model response. */
export const ResponseContainerFileCitationSchema = z.object({
  type: z.literal('container_file_citation'),
  container_id: z.string(),
  file_id: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  filename: z.string(),
});
/** A citation for a container file used to generate a model response. */
export type ResponseContainerFileCitation = z.infer<typeof ResponseContainerFileCitationSchema>;

/** A path to a file. */
export const ResponseFilePathSchema = z.object({
  type: z.literal('file_path'),
  file_id: z.string(),
  index: z.number(),
});
/** A path to a file. */
export type ResponseFilePath = z.infer<typeof ResponseFilePathSchema>;

/** An annotation that applies to a span of output text. */
export const ResponseAnnotationSchema = z.discriminatedUnion('type', [
  ResponseFileCitationSchema,
  ResponseURLCitationSchema,
  ResponseContainerFileCitationSchema,
  ResponseFilePathSchema,
]);
/** An annotation that applies to a span of output text. */
export type ResponseAnnotation = z.infer<typeof ResponseAnnotationSchema>;

/** Marks the exact end of a reusable prompt prefix. */
export const PromptCacheBreakpointConfigSchema = z.object({
  mode: z.literal('explicit'),
});
/** Marks the exact end of a reusable prompt prefix. */
export type PromptCacheBreakpointConfig = z.infer<typeof PromptCacheBreakpointConfigSchema>;

/** A text input to the model. */
export const ResponseInputTextSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
});
/** A text input to the model. */
export type ResponseInputText = z.infer<typeof ResponseInputTextSchema>;

/** An image input to the model. */
export const ResponseInputImageSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: ResponseImageDetailSchema,
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
});
/** An image input to the model. */
export type ResponseInputImage = z.infer<typeof ResponseInputImageSchema>;

/** A file input to the model. */
export const ResponseInputFileSchema = z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().optional(),
  file_data: z.string().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
  file_url: z.string().optional(),
  detail: FileInputDetailSchema.optional(),
});
/** A file input to the model. */
export type ResponseInputFile = z.infer<typeof ResponseInputFileSchema>;

/** One content part of a function or custom tool call output: text, image or file (by `type`). */
export const FunctionAndCustomToolCallOutputSchema = z.discriminatedUnion('type', [
  ResponseInputTextSchema,
  ResponseInputImageSchema,
  ResponseInputFileSchema,
]);
/** One content part of a function or custom tool call output: text, image or file (by `type`). */
export type FunctionAndCustomToolCallOutput = z.infer<typeof FunctionAndCustomToolCallOutputSchema>;

/** One content part of an input message: text, image or file (by `type`). */
export const ResponseInputContentSchema = FunctionAndCustomToolCallOutputSchema; // the yaml defines it twice, identically
/** One content part of an input message: text, image or file (by `type`). */
export type ResponseInputContent = z.infer<typeof ResponseInputContentSchema>;

/** The top log probability of a token. */
export const ResponseOutputTextTopLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
});
/** The top log probability of a token. */
export type ResponseOutputTextTopLogprob = z.infer<typeof ResponseOutputTextTopLogprobSchema>;

/** The log probability of a token. */
export const ResponseOutputTextLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
  top_logprobs: z.array(ResponseOutputTextTopLogprobSchema),
});
/** The log probability of a token. */
export type ResponseOutputTextLogprob = z.infer<typeof ResponseOutputTextLogprobSchema>;

/** A text output from the model. */
export const ResponseOutputTextSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(ResponseAnnotationSchema),
  logprobs: z.array(ResponseOutputTextLogprobSchema).optional(),
});
/** A text output from the model. */
export type ResponseOutputText = z.infer<typeof ResponseOutputTextSchema>;

/** A refusal from the model. */
export const ResponseOutputRefusalSchema = z.object({
  type: z.literal('refusal'),
  refusal: z.string(),
});
/** A refusal from the model. */
export type ResponseOutputRefusal = z.infer<typeof ResponseOutputRefusalSchema>;

/** Reasoning text from the model. */
export const ResponseReasoningTextSchema = z.object({
  type: z.literal('reasoning_text'),
  text: z.string(),
});
/** Reasoning text from the model. */
export type ResponseReasoningText = z.infer<typeof ResponseReasoningTextSchema>;

/** A content part as `response.content_part.*` events carry it: output text, refusal or reasoning text (by `type`). */
export const ResponseContentPartSchema = z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
  ResponseReasoningTextSchema,
]);
/** A content part as `response.content_part.*` events carry it: output text, refusal or reasoning text (by `type`). */
export type ResponseContentPart = z.infer<typeof ResponseContentPartSchema>;

/** One content part of an output message: output text or refusal (by `type`). */
export const ResponseOutputMessageContentSchema = z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
]);
/** One content part of an output message: output text or refusal (by `type`). */
export type ResponseOutputMessageContent = z.infer<typeof ResponseOutputMessageContentSchema>;

/**
 * A logprob is the logarithmic probability that the model assigns to producing a particular token at a given
 * position in the sequence.
 */
export const ResponseTextDeltaLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  top_logprobs: z.array(z.object({
    token: z.string().optional(),
    logprob: z.number().optional(),
  })).optional(),
});
/**
 * A logprob is the logarithmic probability that the model assigns to producing a particular token at a given
 * position in the sequence.
 */
export type ResponseTextDeltaLogprob = z.infer<typeof ResponseTextDeltaLogprobSchema>;

/** A summary text from the model. */
export const ResponseSummaryTextSchema = z.object({
  type: z.literal('summary_text'),
  text: z.string(),
});
/** A summary text from the model. */
export type ResponseSummaryText = z.infer<typeof ResponseSummaryTextSchema>;

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

/**
 * A citation to a file.
 *
 * @example
 * ResponseFileCitationSchema.parse({ type: 'file_citation', file_id: 'file-abc', index: 42, filename: 'report.pdf' });
 */
export const ResponseFileCitationSchema = z.object({
  type: z.literal('file_citation'),
  file_id: z.string(),
  index: z.number(),
  filename: z.string(),
});
/**
 * A citation to a file.
 *
 * @example
 * const cite = (c: ResponseFileCitation) => `[${c.filename}]`;
 */
export type ResponseFileCitation = z.infer<typeof ResponseFileCitationSchema>;

/**
 * A citation for a web resource used to generate a model response.
 *
 * @example
 * const { url, title } = ResponseURLCitationSchema.parse(json);
 */
export const ResponseURLCitationSchema = z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  title: z.string(),
});
/**
 * A citation for a web resource used to generate a model response.
 *
 * @example
 * const link = (c: ResponseURLCitation) => `[${c.title}](${c.url})`;
 */
export type ResponseURLCitation = z.infer<typeof ResponseURLCitationSchema>;

/**
 * A citation for a container file used to generate a model response.
 *
 * @example
 * ResponseContainerFileCitationSchema.parse(json).container_id;
 */
export const ResponseContainerFileCitationSchema = z.object({
  type: z.literal('container_file_citation'),
  container_id: z.string(),
  file_id: z.string(),
  start_index: z.number(),
  end_index: z.number(),
  filename: z.string(),
});
/**
 * A citation for a container file used to generate a model response.
 *
 * @example
 * const span = (c: ResponseContainerFileCitation) => [c.start_index, c.end_index];
 */
export type ResponseContainerFileCitation = z.infer<typeof ResponseContainerFileCitationSchema>;

/**
 * A path to a file.
 *
 * @example
 * ResponseFilePathSchema.parse({ type: 'file_path', file_id: 'file-xyz', index: 0 });
 */
export const ResponseFilePathSchema = z.object({
  type: z.literal('file_path'),
  file_id: z.string(),
  index: z.number(),
});
/**
 * A path to a file.
 *
 * @example
 * const path: ResponseFilePath = { type: 'file_path', file_id: 'file-xyz', index: 3 };
 */
export type ResponseFilePath = z.infer<typeof ResponseFilePathSchema>;

/**
 * An annotation that applies to a span of output text.
 *
 * @example
 * const annotation = ResponseAnnotationSchema.parse(json);
 * if (annotation.type === 'url_citation') console.log(annotation.url);
 */
export const ResponseAnnotationSchema = z.discriminatedUnion('type', [
  ResponseFileCitationSchema,
  ResponseURLCitationSchema,
  ResponseContainerFileCitationSchema,
  ResponseFilePathSchema,
]);
/**
 * An annotation that applies to a span of output text.
 *
 * @example
 * const source = (a: ResponseAnnotation) => (a.type === 'url_citation' ? a.url : a.file_id);
 */
export type ResponseAnnotation = z.infer<typeof ResponseAnnotationSchema>;

/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * PromptCacheBreakpointConfigSchema.parse({ mode: 'explicit' });
 */
export const PromptCacheBreakpointConfigSchema = z.object({
  mode: z.literal('explicit'),
});
/**
 * Marks the exact end of a reusable prompt prefix.
 *
 * @example
 * const marker: PromptCacheBreakpointConfig = { mode: 'explicit' };
 */
export type PromptCacheBreakpointConfig = z.infer<typeof PromptCacheBreakpointConfigSchema>;

/**
 * A text input to the model.
 *
 * @example
 * ResponseInputTextSchema.parse({ type: 'input_text', text: 'Summarize this file.' });
 */
export const ResponseInputTextSchema = z.object({
  type: z.literal('input_text'),
  text: z.string(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
});
/**
 * A text input to the model.
 *
 * @example
 * const part: ResponseInputText = { type: 'input_text', text: 'Hello', prompt_cache_breakpoint: { mode: 'explicit' } };
 */
export type ResponseInputText = z.infer<typeof ResponseInputTextSchema>;

/**
 * An image input to the model.
 *
 * @example
 * ResponseInputImageSchema.parse({ type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' });
 */
export const ResponseInputImageSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: ResponseImageDetailSchema,
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
});
/**
 * An image input to the model.
 *
 * @example
 * const image: ResponseInputImage = { type: 'input_image', file_id: 'file-abc123', detail: 'high' };
 */
export type ResponseInputImage = z.infer<typeof ResponseInputImageSchema>;

/**
 * A file input to the model.
 *
 * @example
 * ResponseInputFileSchema.parse({ type: 'input_file', file_url: 'https://example.com/a.pdf', detail: 'low' });
 */
export const ResponseInputFileSchema = z.object({
  type: z.literal('input_file'),
  file_id: z.string().nullable().optional(),
  filename: z.string().optional(),
  file_data: z.string().optional(),
  prompt_cache_breakpoint: PromptCacheBreakpointConfigSchema.optional(),
  file_url: z.string().optional(),
  detail: FileInputDetailSchema.optional(),
});
/**
 * A file input to the model.
 *
 * @example
 * const file: ResponseInputFile = {
 *   type: 'input_file', filename: 'notes.txt', file_data: 'data:text/plain;base64,SGk=',
 * };
 */
export type ResponseInputFile = z.infer<typeof ResponseInputFileSchema>;

/**
 * One content part of a function or custom tool call output: text, image or file (by `type`).
 *
 * @example
 * const part = FunctionAndCustomToolCallOutputSchema.parse({ type: 'input_text', text: '42' });
 */
export const FunctionAndCustomToolCallOutputSchema = z.discriminatedUnion('type', [
  ResponseInputTextSchema,
  ResponseInputImageSchema,
  ResponseInputFileSchema,
]);
/**
 * One content part of a function or custom tool call output: text, image or file (by `type`).
 *
 * @example
 * const parts: FunctionAndCustomToolCallOutput[] = [
 *   { type: 'input_text', text: 'Report attached' },
 *   { type: 'input_file', file_id: 'file-abc123' },
 * ];
 */
export type FunctionAndCustomToolCallOutput = z.infer<typeof FunctionAndCustomToolCallOutputSchema>;

/**
 * One content part of an input message: text, image or file (by `type`).
 *
 * @example
 * ResponseInputContentSchema.parse(json).type; // 'input_text' | 'input_image' | 'input_file'
 */
export const ResponseInputContentSchema = FunctionAndCustomToolCallOutputSchema; // the yaml defines it twice, identically
/**
 * One content part of an input message: text, image or file (by `type`).
 *
 * @example
 * const textOf = (c: ResponseInputContent) => (c.type === 'input_text' ? c.text : '');
 */
export type ResponseInputContent = z.infer<typeof ResponseInputContentSchema>;

/**
 * The top log probability of a token.
 *
 * @example
 * ResponseOutputTextTopLogprobSchema.parse({ token: 'Hi', logprob: -0.3, bytes: [72, 105] });
 */
export const ResponseOutputTextTopLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
});
/**
 * The top log probability of a token.
 *
 * @example
 * const probability = (t: ResponseOutputTextTopLogprob) => Math.exp(t.logprob);
 */
export type ResponseOutputTextTopLogprob = z.infer<typeof ResponseOutputTextTopLogprobSchema>;

/**
 * The log probability of a token.
 *
 * @example
 * const { token, top_logprobs } = ResponseOutputTextLogprobSchema.parse(json);
 */
export const ResponseOutputTextLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()),
  top_logprobs: z.array(ResponseOutputTextTopLogprobSchema),
});
/**
 * The log probability of a token.
 *
 * @example
 * const alternatives = (lp: ResponseOutputTextLogprob) => lp.top_logprobs.map((t) => t.token);
 */
export type ResponseOutputTextLogprob = z.infer<typeof ResponseOutputTextLogprobSchema>;

/**
 * A text output from the model.
 *
 * @example
 * const { text, annotations } = ResponseOutputTextSchema.parse(json);
 */
export const ResponseOutputTextSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(ResponseAnnotationSchema),
  logprobs: z.array(ResponseOutputTextLogprobSchema).optional(),
});
/**
 * A text output from the model.
 *
 * @example
 * const part: ResponseOutputText = { type: 'output_text', text: 'Hello!', annotations: [] };
 */
export type ResponseOutputText = z.infer<typeof ResponseOutputTextSchema>;

/**
 * A refusal from the model.
 *
 * @example
 * ResponseOutputRefusalSchema.parse({ type: 'refusal', refusal: "I can't help with that." });
 */
export const ResponseOutputRefusalSchema = z.object({
  type: z.literal('refusal'),
  refusal: z.string(),
});
/**
 * A refusal from the model.
 *
 * @example
 * const warn = (r: ResponseOutputRefusal) => console.warn('refused:', r.refusal);
 */
export type ResponseOutputRefusal = z.infer<typeof ResponseOutputRefusalSchema>;

/**
 * Reasoning text from the model.
 *
 * @example
 * ResponseReasoningTextSchema.parse(json).text;
 */
export const ResponseReasoningTextSchema = z.object({
  type: z.literal('reasoning_text'),
  text: z.string(),
});
/**
 * Reasoning text from the model.
 *
 * @example
 * const thought: ResponseReasoningText = { type: 'reasoning_text', text: 'First, compare the totals.' };
 */
export type ResponseReasoningText = z.infer<typeof ResponseReasoningTextSchema>;

/**
 * A content part as `response.content_part.*` events carry it: output text, refusal or reasoning text (by `type`).
 *
 * @example
 * const part = ResponseContentPartSchema.parse(json);
 * if (part.type === 'refusal') console.warn(part.refusal);
 */
export const ResponseContentPartSchema = z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
  ResponseReasoningTextSchema,
]);
/**
 * A content part as `response.content_part.*` events carry it: output text, refusal or reasoning text (by `type`).
 *
 * @example
 * const textOf = (part: ResponseContentPart) => (part.type === 'refusal' ? part.refusal : part.text);
 */
export type ResponseContentPart = z.infer<typeof ResponseContentPartSchema>;

/**
 * One content part of an output message: output text or refusal (by `type`).
 *
 * @example
 * ResponseOutputMessageContentSchema.safeParse({ type: 'reasoning_text', text: '' }).success; // false
 */
export const ResponseOutputMessageContentSchema = z.discriminatedUnion('type', [
  ResponseOutputTextSchema,
  ResponseOutputRefusalSchema,
]);
/**
 * One content part of an output message: output text or refusal (by `type`).
 *
 * @example
 * const render = (content: ResponseOutputMessageContent[]) =>
 *   content.map((c) => (c.type === 'output_text' ? c.text : `[refused: ${c.refusal}]`)).join('');
 */
export type ResponseOutputMessageContent = z.infer<typeof ResponseOutputMessageContentSchema>;

/**
 * A logprob is the logarithmic probability that the model assigns to producing a particular token at a given
 * position in the sequence.
 *
 * @example
 * ResponseTextDeltaLogprobSchema.parse({ token: ' world', logprob: -0.02 });
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
 *
 * @example
 * const confident = (lp: ResponseTextDeltaLogprob) => lp.logprob > Math.log(0.9);
 */
export type ResponseTextDeltaLogprob = z.infer<typeof ResponseTextDeltaLogprobSchema>;

/**
 * A summary text from the model.
 *
 * @example
 * ResponseSummaryTextSchema.parse({ type: 'summary_text', text: 'Checked both totals.' });
 */
export const ResponseSummaryTextSchema = z.object({
  type: z.literal('summary_text'),
  text: z.string(),
});
/**
 * A summary text from the model.
 *
 * @example
 * const summary = (parts: ResponseSummaryText[]) => parts.map((p) => p.text).join('\n');
 */
export type ResponseSummaryText = z.infer<typeof ResponseSummaryTextSchema>;

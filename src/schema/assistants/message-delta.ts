/**
 * The data of `thread.message.delta`: the changed fields of a message while it streams. Content blocks and
 * annotations carry the `index` they apply to; every other field may be absent from a delta.
 */
import { z } from 'zod';
import { ImageDetailSchema, MessageRoleSchema } from './message.js';

/** A delta of a file citation annotation at `index` of the text block's annotations. */
export const FileCitationDeltaAnnotationSchema = z.object({
  index: z.number(),
  type: z.literal('file_citation'),
  text: z.string().optional(),
  file_citation: z
    .object({
      file_id: z.string().optional(),
      quote: z.string().optional(),
    })
    .optional(),
  start_index: z.number().optional(),
  end_index: z.number().optional(),
});
/** A delta of a file citation annotation. */
export type FileCitationDeltaAnnotation = z.infer<typeof FileCitationDeltaAnnotationSchema>;

/** A delta of a file path annotation at `index` of the text block's annotations. */
export const FilePathDeltaAnnotationSchema = z.object({
  index: z.number(),
  type: z.literal('file_path'),
  text: z.string().optional(),
  file_path: z.object({ file_id: z.string().optional() }).optional(),
  start_index: z.number().optional(),
  end_index: z.number().optional(),
});
/** A delta of a file path annotation. */
export type FilePathDeltaAnnotation = z.infer<typeof FilePathDeltaAnnotationSchema>;

/** A delta of one annotation (by `type`). */
export const AnnotationDeltaSchema = z.discriminatedUnion('type', [
  FileCitationDeltaAnnotationSchema,
  FilePathDeltaAnnotationSchema,
]);
/** A delta of one annotation. */
export type AnnotationDelta = z.infer<typeof AnnotationDeltaSchema>;

/** A delta of a text: a `value` fragment to append, new `annotations`. */
export const TextDeltaSchema = z.object({
  value: z.string().optional(),
  annotations: z.array(AnnotationDeltaSchema).optional(),
});
/** A delta of a text. */
export type TextDelta = z.infer<typeof TextDeltaSchema>;

/**
 * A delta of the text block at `index` of the message content.
 *
 * @example
 * TextDeltaBlockSchema.parse({ index: 0, type: 'text', text: { value: 'Hel' } });
 */
export const TextDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('text'),
  text: TextDeltaSchema.optional(),
});
/** A delta of a text block. */
export type TextDeltaBlock = z.infer<typeof TextDeltaBlockSchema>;

/** A delta of an image file: `{ file_id?, detail? }`. */
export const ImageFileDeltaSchema = z.object({
  file_id: z.string().optional(),
  detail: ImageDetailSchema.optional(),
});
/** A delta of an image file. */
export type ImageFileDelta = z.infer<typeof ImageFileDeltaSchema>;

/** A delta of the image file block at `index`. */
export const ImageFileDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('image_file'),
  image_file: ImageFileDeltaSchema.optional(),
});
/** A delta of an image file block. */
export type ImageFileDeltaBlock = z.infer<typeof ImageFileDeltaBlockSchema>;

/** A delta of an image URL: `{ url?, detail? }`. */
export const ImageURLDeltaSchema = z.object({
  url: z.string().optional(),
  detail: ImageDetailSchema.optional(),
});
/** A delta of an image URL. */
export type ImageURLDelta = z.infer<typeof ImageURLDeltaSchema>;

/** A delta of the image URL block at `index`. */
export const ImageURLDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('image_url'),
  image_url: ImageURLDeltaSchema.optional(),
});
/** A delta of an image URL block. */
export type ImageURLDeltaBlock = z.infer<typeof ImageURLDeltaBlockSchema>;

/** A delta of the refusal block at `index`: a `refusal` fragment to append. */
export const RefusalDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('refusal'),
  refusal: z.string().optional(),
});
/** A delta of a refusal block. */
export type RefusalDeltaBlock = z.infer<typeof RefusalDeltaBlockSchema>;

/** A delta of one content block: image file, text, refusal or image URL (by `type`). */
export const MessageContentDeltaSchema = z.discriminatedUnion('type', [
  ImageFileDeltaBlockSchema,
  TextDeltaBlockSchema,
  RefusalDeltaBlockSchema,
  ImageURLDeltaBlockSchema,
]);
/** A delta of one content block. */
export type MessageContentDelta = z.infer<typeof MessageContentDeltaSchema>;

/** The changed fields of a message: `{ role?, content? }`. */
export const MessageDeltaSchema = z.object({
  role: MessageRoleSchema.optional(),
  content: z.array(MessageContentDeltaSchema).optional(),
});
/** The changed fields of a message. */
export type MessageDelta = z.infer<typeof MessageDeltaSchema>;

/**
 * The data of `thread.message.delta`: `{ id, object: 'thread.message.delta', delta }`.
 *
 * @example
 * const result = MessageDeltaEventSchema.safeParse(json);
 * if (result.success) {
 *   for (const block of result.data.delta.content ?? []) if (block.type === 'text') write(block.text?.value ?? '');
 * }
 */
export const MessageDeltaEventSchema = z.object({
  id: z.string(),
  object: z.literal('thread.message.delta'),
  delta: MessageDeltaSchema,
});
/** The data of `thread.message.delta`. */
export type MessageDeltaEvent = z.infer<typeof MessageDeltaEventSchema>;

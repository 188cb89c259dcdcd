/**
 * The data of `thread.message.delta`: the changed fields of a message while it streams. Content blocks and
 * annotations carry the `index` they apply to; every other field may be absent from a delta.
 */
import { z } from 'zod';
import { ImageDetailSchema, MessageRoleSchema } from './message.js';
import type { AnnotationDelta, FileCitationDeltaAnnotation, FilePathDeltaAnnotation, ImageFileDelta, ImageFileDeltaBlock, ImageURLDelta, ImageURLDeltaBlock, MessageContentDelta, MessageDelta, MessageDeltaEvent, RefusalDeltaBlock, TextDelta, TextDeltaBlock } from '../../wire/assistants.js';
export type { AnnotationDelta, FileCitationDeltaAnnotation, FilePathDeltaAnnotation, ImageFileDelta, ImageFileDeltaBlock, ImageURLDelta, ImageURLDeltaBlock, MessageContentDelta, MessageDelta, MessageDeltaEvent, RefusalDeltaBlock, TextDelta, TextDeltaBlock } from '../../wire/assistants.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * A delta of a file citation annotation at `index` of the text block's annotations.
 *
 * @example
 * FileCitationDeltaAnnotationSchema.parse({ index: 0, type: 'file_citation', file_citation: { file_id: 'file-abc' } });
 */
export const FileCitationDeltaAnnotationSchema = objectSchema<FileCitationDeltaAnnotation>(z.object({
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
}));

/**
 * A delta of a file path annotation at `index` of the text block's annotations.
 *
 * @example
 * FilePathDeltaAnnotationSchema.parse({ index: 1, type: 'file_path', file_path: { file_id: 'file-abc' } });
 */
export const FilePathDeltaAnnotationSchema = objectSchema<FilePathDeltaAnnotation>(z.object({
  index: z.number(),
  type: z.literal('file_path'),
  text: z.string().optional(),
  file_path: z.object({ file_id: z.string().optional() }).optional(),
  start_index: z.number().optional(),
  end_index: z.number().optional(),
}));

/**
 * A delta of one annotation (by `type`).
 *
 * @example
 * AnnotationDeltaSchema.parse({ index: 0, type: 'file_path' });
 */
export const AnnotationDeltaSchema: z.ZodType<AnnotationDelta> = typedSchema(z.discriminatedUnion('type', [
  FileCitationDeltaAnnotationSchema,
  FilePathDeltaAnnotationSchema,
]));

/**
 * A delta of a text: a `value` fragment to append, new `annotations`.
 *
 * @example
 * TextDeltaSchema.parse({ value: 'lo, wor' });
 */
export const TextDeltaSchema = objectSchema<TextDelta>(z.object({
  value: z.string().optional(),
  annotations: z.array(AnnotationDeltaSchema).optional(),
}));

/**
 * A delta of the text block at `index` of the message content.
 *
 * @example
 * TextDeltaBlockSchema.parse({ index: 0, type: 'text', text: { value: 'Hel' } });
 */
export const TextDeltaBlockSchema = objectSchema<TextDeltaBlock>(z.object({
  index: z.number(),
  type: z.literal('text'),
  text: TextDeltaSchema.optional(),
}));

/**
 * A delta of an image file: `{ file_id?, detail? }`.
 *
 * @example
 * ImageFileDeltaSchema.parse({ file_id: 'file-abc' });
 */
export const ImageFileDeltaSchema = objectSchema<ImageFileDelta>(z.object({
  file_id: z.string().optional(),
  detail: ImageDetailSchema.optional(),
}));

/**
 * A delta of the image file block at `index`.
 *
 * @example
 * ImageFileDeltaBlockSchema.parse({ index: 1, type: 'image_file', image_file: { file_id: 'file-abc' } });
 */
export const ImageFileDeltaBlockSchema = objectSchema<ImageFileDeltaBlock>(z.object({
  index: z.number(),
  type: z.literal('image_file'),
  image_file: ImageFileDeltaSchema.optional(),
}));

/**
 * A delta of an image URL: `{ url?, detail? }`.
 *
 * @example
 * ImageURLDeltaSchema.parse({ url: 'https://example.com/cat.png' });
 */
export const ImageURLDeltaSchema = objectSchema<ImageURLDelta>(z.object({
  url: z.string().optional(),
  detail: ImageDetailSchema.optional(),
}));

/**
 * A delta of the image URL block at `index`.
 *
 * @example
 * ImageURLDeltaBlockSchema.parse({ index: 0, type: 'image_url', image_url: { url: 'https://example.com/cat.png' } });
 */
export const ImageURLDeltaBlockSchema = objectSchema<ImageURLDeltaBlock>(z.object({
  index: z.number(),
  type: z.literal('image_url'),
  image_url: ImageURLDeltaSchema.optional(),
}));

/**
 * A delta of the refusal block at `index`: a `refusal` fragment to append.
 *
 * @example
 * RefusalDeltaBlockSchema.parse({ index: 0, type: 'refusal', refusal: "I can't" });
 */
export const RefusalDeltaBlockSchema = objectSchema<RefusalDeltaBlock>(z.object({
  index: z.number(),
  type: z.literal('refusal'),
  refusal: z.string().optional(),
}));

/**
 * A delta of one content block: image file, text, refusal or image URL (by `type`).
 *
 * @example
 * MessageContentDeltaSchema.parse({ index: 0, type: 'text', text: { value: 'Hel' } }).index; // 0
 */
export const MessageContentDeltaSchema: z.ZodType<MessageContentDelta> = typedSchema(z.discriminatedUnion('type', [
  ImageFileDeltaBlockSchema,
  TextDeltaBlockSchema,
  RefusalDeltaBlockSchema,
  ImageURLDeltaBlockSchema,
]));

/**
 * The changed fields of a message: `{ role?, content? }`.
 *
 * @example
 * MessageDeltaSchema.parse({ role: 'assistant', content: [] });
 */
export const MessageDeltaSchema = objectSchema<MessageDelta>(z.object({
  role: MessageRoleSchema.optional(),
  content: z.array(MessageContentDeltaSchema).optional(),
}));

/**
 * The data of `thread.message.delta`: `{ id, object: 'thread.message.delta', delta }`.
 *
 * @example
 * const result = MessageDeltaEventSchema.safeParse(json);
 * if (result.success) {
 *   for (const block of result.data.delta.content ?? []) if (block.type === 'text') write(block.text?.value ?? '');
 * }
 */
export const MessageDeltaEventSchema = objectSchema<MessageDeltaEvent>(z.object({
  id: z.string(),
  object: z.literal('thread.message.delta'),
  delta: MessageDeltaSchema,
}));

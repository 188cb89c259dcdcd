/**
 * The data of `thread.message.delta`: the changed fields of a message while it streams. Content blocks and
 * annotations carry the `index` they apply to; every other field may be absent from a delta.
 */
import { z } from 'zod';
import { ImageDetailSchema, MessageRoleSchema } from './message.js';

/**
 * A delta of a file citation annotation at `index` of the text block's annotations.
 *
 * @example
 * FileCitationDeltaAnnotationSchema.parse({ index: 0, type: 'file_citation', file_citation: { file_id: 'file-abc' } });
 */
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
/**
 * A delta of a file citation annotation.
 *
 * @example
 * const delta: FileCitationDeltaAnnotation = { index: 0, type: 'file_citation', start_index: 10, end_index: 22 };
 */
export type FileCitationDeltaAnnotation = z.infer<typeof FileCitationDeltaAnnotationSchema>;

/**
 * A delta of a file path annotation at `index` of the text block's annotations.
 *
 * @example
 * FilePathDeltaAnnotationSchema.parse({ index: 1, type: 'file_path', file_path: { file_id: 'file-abc' } });
 */
export const FilePathDeltaAnnotationSchema = z.object({
  index: z.number(),
  type: z.literal('file_path'),
  text: z.string().optional(),
  file_path: z.object({ file_id: z.string().optional() }).optional(),
  start_index: z.number().optional(),
  end_index: z.number().optional(),
});
/**
 * A delta of a file path annotation.
 *
 * @example
 * const delta: FilePathDeltaAnnotation = { index: 1, type: 'file_path', text: 'sandbox:/mnt/data/out.csv' };
 */
export type FilePathDeltaAnnotation = z.infer<typeof FilePathDeltaAnnotationSchema>;

/**
 * A delta of one annotation (by `type`).
 *
 * @example
 * AnnotationDeltaSchema.parse({ index: 0, type: 'file_path' });
 */
export const AnnotationDeltaSchema = z.discriminatedUnion('type', [
  FileCitationDeltaAnnotationSchema,
  FilePathDeltaAnnotationSchema,
]);
/**
 * A delta of one annotation.
 *
 * @example
 * function fileIdOf(a: AnnotationDelta) {
 *   return a.type === 'file_citation' ? a.file_citation?.file_id : a.file_path?.file_id;
 * }
 */
export type AnnotationDelta = z.infer<typeof AnnotationDeltaSchema>;

/**
 * A delta of a text: a `value` fragment to append, new `annotations`.
 *
 * @example
 * TextDeltaSchema.parse({ value: 'lo, wor' });
 */
export const TextDeltaSchema = z.object({
  value: z.string().optional(),
  annotations: z.array(AnnotationDeltaSchema).optional(),
});
/**
 * A delta of a text.
 *
 * @example
 * let text = '';
 * const append = (delta: TextDelta) => (text += delta.value ?? '');
 */
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
/**
 * A delta of a text block.
 *
 * @example
 * const block: TextDeltaBlock = { index: 0, type: 'text', text: { value: 'Hi' } };
 */
export type TextDeltaBlock = z.infer<typeof TextDeltaBlockSchema>;

/**
 * A delta of an image file: `{ file_id?, detail? }`.
 *
 * @example
 * ImageFileDeltaSchema.parse({ file_id: 'file-abc' });
 */
export const ImageFileDeltaSchema = z.object({
  file_id: z.string().optional(),
  detail: ImageDetailSchema.optional(),
});
/**
 * A delta of an image file.
 *
 * @example
 * const delta: ImageFileDelta = { detail: 'high' };
 */
export type ImageFileDelta = z.infer<typeof ImageFileDeltaSchema>;

/**
 * A delta of the image file block at `index`.
 *
 * @example
 * ImageFileDeltaBlockSchema.parse({ index: 1, type: 'image_file', image_file: { file_id: 'file-abc' } });
 */
export const ImageFileDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('image_file'),
  image_file: ImageFileDeltaSchema.optional(),
});
/**
 * A delta of an image file block.
 *
 * @example
 * const block: ImageFileDeltaBlock = { index: 1, type: 'image_file' };
 */
export type ImageFileDeltaBlock = z.infer<typeof ImageFileDeltaBlockSchema>;

/**
 * A delta of an image URL: `{ url?, detail? }`.
 *
 * @example
 * ImageURLDeltaSchema.parse({ url: 'https://example.com/cat.png' });
 */
export const ImageURLDeltaSchema = z.object({
  url: z.string().optional(),
  detail: ImageDetailSchema.optional(),
});
/**
 * A delta of an image URL.
 *
 * @example
 * const delta: ImageURLDelta = { detail: 'low' };
 */
export type ImageURLDelta = z.infer<typeof ImageURLDeltaSchema>;

/**
 * A delta of the image URL block at `index`.
 *
 * @example
 * ImageURLDeltaBlockSchema.parse({ index: 0, type: 'image_url', image_url: { url: 'https://example.com/cat.png' } });
 */
export const ImageURLDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('image_url'),
  image_url: ImageURLDeltaSchema.optional(),
});
/**
 * A delta of an image URL block.
 *
 * @example
 * const block: ImageURLDeltaBlock = { index: 0, type: 'image_url', image_url: { detail: 'auto' } };
 */
export type ImageURLDeltaBlock = z.infer<typeof ImageURLDeltaBlockSchema>;

/**
 * A delta of the refusal block at `index`: a `refusal` fragment to append.
 *
 * @example
 * RefusalDeltaBlockSchema.parse({ index: 0, type: 'refusal', refusal: "I can't" });
 */
export const RefusalDeltaBlockSchema = z.object({
  index: z.number(),
  type: z.literal('refusal'),
  refusal: z.string().optional(),
});
/**
 * A delta of a refusal block.
 *
 * @example
 * const block: RefusalDeltaBlock = { index: 0, type: 'refusal', refusal: ' help with that.' };
 */
export type RefusalDeltaBlock = z.infer<typeof RefusalDeltaBlockSchema>;

/**
 * A delta of one content block: image file, text, refusal or image URL (by `type`).
 *
 * @example
 * MessageContentDeltaSchema.parse({ index: 0, type: 'text', text: { value: 'Hel' } }).index; // 0
 */
export const MessageContentDeltaSchema = z.discriminatedUnion('type', [
  ImageFileDeltaBlockSchema,
  TextDeltaBlockSchema,
  RefusalDeltaBlockSchema,
  ImageURLDeltaBlockSchema,
]);
/**
 * A delta of one content block.
 *
 * @example
 * function fragmentOf(block: MessageContentDelta): string {
 *   return block.type === 'text' ? (block.text?.value ?? '') : block.type === 'refusal' ? (block.refusal ?? '') : '';
 * }
 */
export type MessageContentDelta = z.infer<typeof MessageContentDeltaSchema>;

/**
 * The changed fields of a message: `{ role?, content? }`.
 *
 * @example
 * MessageDeltaSchema.parse({ role: 'assistant', content: [] });
 */
export const MessageDeltaSchema = z.object({
  role: MessageRoleSchema.optional(),
  content: z.array(MessageContentDeltaSchema).optional(),
});
/**
 * The changed fields of a message.
 *
 * @example
 * if (event.event === 'thread.message.delta') {
 *   const delta: MessageDelta = event.data.delta;
 *   console.log(delta.content?.length ?? 0);
 * }
 */
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
/**
 * The data of `thread.message.delta`.
 *
 * @example
 * const data: MessageDeltaEvent = {
 *   id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 'Hi' } }] },
 * };
 */
export type MessageDeltaEvent = z.infer<typeof MessageDeltaEventSchema>;

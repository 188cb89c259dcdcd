/**
 * Schemas of the API objects the client reads besides run-stream objects: assistants, files, vector stores,
 * vector store files and file batches, and list pages.
 */
import { z } from 'zod';
import { AssistantToolSchema, MetadataSchema } from './assistants/common.js';
import type { Assistant, FileObject, VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../wire/resources.js';
export type { Assistant, FileObject, VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../wire/resources.js';
export type { ListPage } from '../wire/list-page.js';
import { objectSchema, type ObjectSchema } from './object-schema.js'; // the type: what this file's declarations name

/**
 * An assistant (`asst_...`).
 *
 * @example
 * const assistant = AssistantSchema.parse(await response.json());
 * console.log(assistant.model, assistant.tools.length);
 */
export const AssistantSchema = objectSchema<Assistant>(z.object({
  id: z.string(),
  object: z.literal('assistant'),
  created_at: z.number(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  model: z.string(),
  instructions: z.string().nullable(),
  tools: z.array(AssistantToolSchema),
  metadata: MetadataSchema,
}));

/**
 * An uploaded file (`file-...`).
 *
 * @example
 * const file = FileObjectSchema.parse(await response.json()); // { id: 'file-...', object: 'file', ... }
 */
export const FileObjectSchema = objectSchema<FileObject>(z.object({
  id: z.string(),
  object: z.literal('file'),
  bytes: z.number(),
  created_at: z.number(),
  filename: z.string(),
  purpose: z.string(),
  status: z.string().optional(),
}));

const FileCountsSchema = z.object({
  in_progress: z.number(),
  completed: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  total: z.number(),
});

/**
 * A vector store (`vs_...`).
 *
 * @example
 * const store = VectorStoreSchema.parse(json);
 * if (store.status === 'completed') console.log(store.file_counts.completed);
 */
export const VectorStoreSchema = objectSchema<VectorStore>(z.object({
  id: z.string(),
  object: z.literal('vector_store'),
  created_at: z.number(),
  name: z.string().nullable(),
  status: z.enum(['expired', 'in_progress', 'completed']),
  usage_bytes: z.number(),
  file_counts: FileCountsSchema,
  metadata: MetadataSchema,
}));

/**
 * A file attached to a vector store.
 *
 * @example
 * VectorStoreFileSchema.parse(json).status; // 'in_progress', 'completed', 'cancelled' or 'failed'
 */
export const VectorStoreFileSchema = objectSchema<VectorStoreFile>(z.object({
  id: z.string(),
  object: z.literal('vector_store.file'),
  created_at: z.number(),
  vector_store_id: z.string(),
  status: z.enum(['in_progress', 'completed', 'cancelled', 'failed']),
  usage_bytes: z.number(),
  last_error: z.object({ code: z.string(), message: z.string() }).nullable(),
}));

/**
 * A batch of files added to a vector store (`vsfb_...`).
 *
 * @example
 * const batch = VectorStoreFileBatchSchema.parse(await response.json());
 * console.log(batch.id, batch.status);
 */
export const VectorStoreFileBatchSchema = objectSchema<VectorStoreFileBatch>(z.object({
  id: z.string(),
  object: z.literal('vector_store.files_batch'),
  created_at: z.number(),
  vector_store_id: z.string(),
  status: z.enum(['in_progress', 'completed', 'cancelled', 'failed']),
  file_counts: FileCountsSchema,
}));

/**
 * A page of a list endpoint, for the item schema given.
 *
 * @example
 * const MessagesPageSchema = listPageSchema(MessageSchema);
 */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
    has_more: z.boolean(),
  });
}

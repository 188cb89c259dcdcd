/** The thread object, the data of `thread.created`. */
import { z } from 'zod';
import { MetadataSchema } from './common.js';
import type { Thread, ThreadToolResources } from '../../wire/assistants.js';
export type { Thread, ThreadToolResources } from '../../wire/assistants.js';
import { objectSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * Resources the thread makes available to the tools: code interpreter file IDs, file search vector stores.
 *
 * @example
 * ThreadToolResourcesSchema.parse({ code_interpreter: { file_ids: ['file-abc'] } });
 */
export const ThreadToolResourcesSchema = objectSchema<ThreadToolResources>(z.object({
  code_interpreter: z.object({ file_ids: z.array(z.string()).optional() }).optional(),
  file_search: z.object({ vector_store_ids: z.array(z.string()).optional() }).optional(),
}));

/**
 * A thread that contains messages (`object: 'thread'`).
 *
 * Deviation from the yaml: `tool_resources` is required there (and in the official SDK type) but optional
 * here, because the published `thread.created` stream examples omit it.
 *
 * @example
 * ThreadSchema.safeParse({ id: 'thread_1', object: 'thread', created_at: 1710351818, metadata: {} }).success; // true
 */
export const ThreadSchema = objectSchema<Thread>(z.object({
  id: z.string(),
  object: z.literal('thread'),
  created_at: z.number(),
  tool_resources: ThreadToolResourcesSchema.nullable().optional(),
  metadata: MetadataSchema,
}));

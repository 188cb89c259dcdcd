/**
 * Small shapes shared across the Responses API objects: metadata, roles, statuses, model ids, service tiers.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { typedSchema } from '../object-schema.js';
import type { DetailEnum, FileDetailEnum, FileInputDetail, ModelIdsShared, ResponseImageDetail, ResponseMessageRole, ResponseMetadata, ResponseServiceTier, ResponsesModel, VectorStoreFileAttributes } from '../../wire/responses-api.js';
export type { DetailEnum, FileDetailEnum, FileInputDetail, ModelIdsShared, ResponseImageDetail, ResponseMessageRole, ResponseMetadata, ResponseServiceTier, ResponsesModel, VectorStoreFileAttributes } from '../../wire/responses-api.js';

/**
 * The level of detail of an image input.
 *
 * @example
 * DetailEnumSchema.parse('high'); // 'high'
 */
export const DetailEnumSchema: z.ZodType<DetailEnum> = typedSchema(z.enum(['low', 'high', 'auto', 'original']));

/**
 * The level of detail of a file input.
 *
 * @example
 * FileDetailEnumSchema.safeParse('original').success; // false: only 'auto', 'low' and 'high'
 */
export const FileDetailEnumSchema: z.ZodType<FileDetailEnum> = typedSchema(z.enum(['auto', 'low', 'high']));

/**
 * The level of detail of a file input.
 *
 * @example
 * FileInputDetailSchema.parse('high');
 */
export const FileInputDetailSchema: z.ZodType<FileInputDetail> = typedSchema(FileDetailEnumSchema); // the yaml defines it twice, identically

/**
 * The level of detail of an image input.
 *
 * @example
 * ResponseImageDetailSchema.parse('auto');
 */
export const ResponseImageDetailSchema: z.ZodType<ResponseImageDetail> = typedSchema(DetailEnumSchema); // the yaml defines it twice, identically

/**
 * The role of a message's author.
 *
 * @example
 * ResponseMessageRoleSchema.parse('developer');
 */
export const ResponseMessageRoleSchema: z.ZodType<ResponseMessageRole> = typedSchema(z.enum([
  'unknown',
  'user',
  'assistant',
  'system',
  'critic',
  'discriminator',
  'developer',
  'tool',
]));

/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * ResponseMetadataSchema.parse({ user_id: 'u_123', session: 'abc' });
 */
export const ResponseMetadataSchema: z.ZodType<ResponseMetadata> = typedSchema(z.record(z.string(), z.string()).nullable());

/**
 * A model id (any string).
 *
 * @example
 * ModelIdsSharedSchema.parse('gpt-4o-mini');
 */
export const ModelIdsSharedSchema: z.ZodType<ModelIdsShared> = typedSchema(z.string());

/**
 * A model id, such as `gpt-4o` or `o3` (any string: new models keep coming).
 *
 * @example
 * ResponsesModelSchema.parse('o3');
 */
export const ResponsesModelSchema: z.ZodType<ResponsesModel> = typedSchema(ModelIdsSharedSchema); // the yaml defines it twice, identically

/**
 * Specifies the processing type used for serving the request.
 *
 * @example
 * ResponseServiceTierSchema.parse('flex');
 * ResponseServiceTierSchema.parse(null); // nullable
 */
export const ResponseServiceTierSchema: z.ZodType<ResponseServiceTier> = typedSchema(z.enum([
  'auto',
  'default',
  'flex',
  'scale',
  'priority',
  'fast',
  'ultrafast',
]).nullable());

/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * VectorStoreFileAttributesSchema.parse({ author: 'Ada', year: 1843, draft: false });
 */
export const VectorStoreFileAttributesSchema: z.ZodType<VectorStoreFileAttributes> = typedSchema(z.record(z.string(), z.union([
  z.string(),
  z.number(),
  z.boolean(),
])).nullable());

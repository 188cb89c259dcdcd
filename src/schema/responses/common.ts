/**
 * Small shapes shared across the Responses API objects: metadata, roles, statuses, model ids, service tiers.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';

/**
 * The level of detail of an image input.
 *
 * @example
 * DetailEnumSchema.parse('high'); // 'high'
 */
export const DetailEnumSchema = z.enum(['low', 'high', 'auto', 'original']);
/**
 * The level of detail of an image input.
 *
 * @example
 * const detail: DetailEnum = 'original';
 */
export type DetailEnum = z.infer<typeof DetailEnumSchema>;

/**
 * The level of detail of a file input.
 *
 * @example
 * FileDetailEnumSchema.safeParse('original').success; // false: only 'auto', 'low' and 'high'
 */
export const FileDetailEnumSchema = z.enum(['auto', 'low', 'high']);
/**
 * The level of detail of a file input.
 *
 * @example
 * const detail: FileDetailEnum = 'low';
 */
export type FileDetailEnum = z.infer<typeof FileDetailEnumSchema>;

/**
 * The level of detail of a file input.
 *
 * @example
 * FileInputDetailSchema.parse('high');
 */
export const FileInputDetailSchema = FileDetailEnumSchema; // the yaml defines it twice, identically
/**
 * The level of detail of a file input.
 *
 * @example
 * const sharp = (detail: FileInputDetail) => detail === 'high';
 */
export type FileInputDetail = z.infer<typeof FileInputDetailSchema>;

/**
 * The level of detail of an image input.
 *
 * @example
 * ResponseImageDetailSchema.parse('auto');
 */
export const ResponseImageDetailSchema = DetailEnumSchema; // the yaml defines it twice, identically
/**
 * The level of detail of an image input.
 *
 * @example
 * const detail: ResponseImageDetail = 'low';
 */
export type ResponseImageDetail = z.infer<typeof ResponseImageDetailSchema>;

/**
 * The role of a message's author.
 *
 * @example
 * ResponseMessageRoleSchema.parse('developer');
 */
export const ResponseMessageRoleSchema = z.enum([
  'unknown',
  'user',
  'assistant',
  'system',
  'critic',
  'discriminator',
  'developer',
  'tool',
]);
/**
 * The role of a message's author.
 *
 * @example
 * const fromModel = (role: ResponseMessageRole) => role === 'assistant';
 */
export type ResponseMessageRole = z.infer<typeof ResponseMessageRoleSchema>;

/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * ResponseMetadataSchema.parse({ user_id: 'u_123', session: 'abc' });
 */
export const ResponseMetadataSchema = z.record(z.string(), z.string()).nullable();
/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * const metadata: ResponseMetadata = { order_id: '1234' };
 */
export type ResponseMetadata = z.infer<typeof ResponseMetadataSchema>;

/**
 * A model id (any string).
 *
 * @example
 * ModelIdsSharedSchema.parse('gpt-4o-mini');
 */
export const ModelIdsSharedSchema = z.string();
/**
 * A model id (any string).
 *
 * @example
 * const model: ModelIdsShared = 'gpt-4.1';
 */
export type ModelIdsShared = z.infer<typeof ModelIdsSharedSchema>;

/**
 * A model id, such as `gpt-4o` or `o3` (any string: new models keep coming).
 *
 * @example
 * ResponsesModelSchema.parse('o3');
 */
export const ResponsesModelSchema = ModelIdsSharedSchema; // the yaml defines it twice, identically
/**
 * A model id, such as `gpt-4o` or `o3` (any string: new models keep coming).
 *
 * @example
 * const model: ResponsesModel = response.model;
 */
export type ResponsesModel = z.infer<typeof ResponsesModelSchema>;

/**
 * Specifies the processing type used for serving the request.
 *
 * @example
 * ResponseServiceTierSchema.parse('flex');
 * ResponseServiceTierSchema.parse(null); // nullable
 */
export const ResponseServiceTierSchema = z.enum([
  'auto',
  'default',
  'flex',
  'scale',
  'priority',
  'fast',
  'ultrafast',
]).nullable();
/**
 * Specifies the processing type used for serving the request.
 *
 * @example
 * const tier: ResponseServiceTier = response.service_tier ?? null;
 */
export type ResponseServiceTier = z.infer<typeof ResponseServiceTierSchema>;

/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * VectorStoreFileAttributesSchema.parse({ author: 'Ada', year: 1843, draft: false });
 */
export const VectorStoreFileAttributesSchema = z.record(z.string(), z.union([
  z.string(),
  z.number(),
  z.boolean(),
])).nullable();
/**
 * Set of 16 key-value pairs that can be attached to an object.
 *
 * @example
 * const attributes: VectorStoreFileAttributes = { region: 'eu', priority: 2 };
 */
export type VectorStoreFileAttributes = z.infer<typeof VectorStoreFileAttributesSchema>;

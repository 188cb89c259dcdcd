/**
 * Small shapes shared across the Responses API objects: metadata, roles, statuses, model ids, service tiers.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';

/** The level of detail of an image input. */
export const DetailEnumSchema = z.enum(['low', 'high', 'auto', 'original']);
/** The level of detail of an image input. */
export type DetailEnum = z.infer<typeof DetailEnumSchema>;

/** The level of detail of a file input. */
export const FileDetailEnumSchema = z.enum(['auto', 'low', 'high']);
/** The level of detail of a file input. */
export type FileDetailEnum = z.infer<typeof FileDetailEnumSchema>;

/** The level of detail of a file input. */
export const FileInputDetailSchema = FileDetailEnumSchema; // the yaml defines it twice, identically
/** The level of detail of a file input. */
export type FileInputDetail = z.infer<typeof FileInputDetailSchema>;

/** The level of detail of an image input. */
export const ResponseImageDetailSchema = DetailEnumSchema; // the yaml defines it twice, identically
/** The level of detail of an image input. */
export type ResponseImageDetail = z.infer<typeof ResponseImageDetailSchema>;

/** The role of a message's author. */
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
/** The role of a message's author. */
export type ResponseMessageRole = z.infer<typeof ResponseMessageRoleSchema>;

/** Set of 16 key-value pairs that can be attached to an object. */
export const ResponseMetadataSchema = z.record(z.string(), z.string()).nullable();
/** Set of 16 key-value pairs that can be attached to an object. */
export type ResponseMetadata = z.infer<typeof ResponseMetadataSchema>;

/** A model id (any string). */
export const ModelIdsSharedSchema = z.string();
/** A model id (any string). */
export type ModelIdsShared = z.infer<typeof ModelIdsSharedSchema>;

/** A model id, such as `gpt-4o` or `o3` (any string: new models keep coming). */
export const ResponsesModelSchema = ModelIdsSharedSchema; // the yaml defines it twice, identically
/** A model id, such as `gpt-4o` or `o3` (any string: new models keep coming). */
export type ResponsesModel = z.infer<typeof ResponsesModelSchema>;

/** Specifies the processing type used for serving the request. */
export const ResponseServiceTierSchema = z.enum([
  'auto',
  'default',
  'flex',
  'scale',
  'priority',
  'fast',
  'ultrafast',
]).nullable();
/** Specifies the processing type used for serving the request. */
export type ResponseServiceTier = z.infer<typeof ResponseServiceTierSchema>;

/** Set of 16 key-value pairs that can be attached to an object. */
export const VectorStoreFileAttributesSchema = z.record(z.string(), z.union([
  z.string(),
  z.number(),
  z.boolean(),
])).nullable();
/** Set of 16 key-value pairs that can be attached to an object. */
export type VectorStoreFileAttributes = z.infer<typeof VectorStoreFileAttributesSchema>;

/**
 * The data of `thread.run.step.delta`: the changed fields of a run step while it streams. Every field but the
 * discriminators and indexes may be absent from a delta.
 */
import { z } from 'zod';
import type { CodeInterpreterLogs, CodeInterpreterOutputDelta, CodeInterpreterOutputImage, CodeInterpreterToolCallDelta, FileSearchToolCallDelta, FunctionToolCallDelta, RunStepDelta, RunStepDeltaEvent, RunStepDeltaMessageDelta, RunStepDeltaStepDetails, ToolCallDelta, ToolCallDeltaObject } from '../../wire/assistants.js';
export type { CodeInterpreterLogs, CodeInterpreterOutputDelta, CodeInterpreterOutputImage, CodeInterpreterToolCallDelta, FileSearchToolCallDelta, FunctionToolCallDelta, RunStepDelta, RunStepDeltaEvent, RunStepDeltaMessageDelta, RunStepDeltaStepDetails, ToolCallDelta, ToolCallDeltaObject } from '../../wire/assistants.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * A fragment of a code interpreter's text output (the yaml's `...CodeOutputLogsObject` delta).
 *
 * @example
 * CodeInterpreterLogsSchema.parse({ index: 0, type: 'logs', logs: '4' });
 */
export const CodeInterpreterLogsSchema = objectSchema<CodeInterpreterLogs>(z.object({
  index: z.number(),
  type: z.literal('logs'),
  logs: z.string().optional(),
}));

/**
 * A code interpreter's image output as a delta: `{ index, type: 'image', image?: { file_id? } }`.
 *
 * @example
 * CodeInterpreterOutputImageSchema.parse({ index: 1, type: 'image', image: { file_id: 'file-plot' } });
 */
export const CodeInterpreterOutputImageSchema = objectSchema<CodeInterpreterOutputImage>(z.object({
  index: z.number(),
  type: z.literal('image'),
  image: z.object({ file_id: z.string().optional() }).optional(),
}));

/**
 * One code interpreter output delta: logs or image (by `type`).
 *
 * @example
 * CodeInterpreterOutputDeltaSchema.parse({ index: 0, type: 'logs', logs: 'Hello' });
 */
export const CodeInterpreterOutputDeltaSchema: z.ZodType<CodeInterpreterOutputDelta> = typedSchema(z.discriminatedUnion('type', [
  CodeInterpreterLogsSchema,
  CodeInterpreterOutputImageSchema,
]));

/**
 * A delta of a code interpreter call at `index` of the step's tool calls: a fragment of `input`, new `outputs`.
 *
 * @example
 * CodeInterpreterToolCallDeltaSchema.parse({ index: 0, type: 'code_interpreter', code_interpreter: { input: 'pri' } });
 */
export const CodeInterpreterToolCallDeltaSchema = objectSchema<CodeInterpreterToolCallDelta>(z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('code_interpreter'),
  code_interpreter: z
    .object({
      input: z.string().optional(),
      outputs: z.array(CodeInterpreterOutputDeltaSchema).optional(),
    })
    .optional(),
}));

/**
 * A delta of a file search call; `file_search` is an open object (for now always empty).
 *
 * @example
 * FileSearchToolCallDeltaSchema.parse({ index: 0, id: 'call_2', type: 'file_search', file_search: {} });
 */
export const FileSearchToolCallDeltaSchema = objectSchema<FileSearchToolCallDelta>(z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('file_search'),
  file_search: z.record(z.string(), z.unknown()),
}));

/**
 * A delta of a function call at `index`: the first one carries `id` and `name`, the next ones `arguments`
 * fragments to concatenate.
 *
 * @example
 * FunctionToolCallDeltaSchema.parse({ index: 0, type: 'function', function: { arguments: '{"loc' } });
 */
export const FunctionToolCallDeltaSchema = objectSchema<FunctionToolCallDelta>(z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('function'),
  function: z
    .object({
      name: z.string().optional(),
      arguments: z.string().optional(),
      output: z.string().nullable().optional(),
    })
    .optional(),
}));

/**
 * A delta of one tool call: code interpreter, file search or function (by `type`).
 *
 * @example
 * ToolCallDeltaSchema.parse({ index: 0, type: 'function', function: { name: 'get_weather' } });
 */
export const ToolCallDeltaSchema: z.ZodType<ToolCallDelta> = typedSchema(z.discriminatedUnion('type', [
  CodeInterpreterToolCallDeltaSchema,
  FileSearchToolCallDeltaSchema,
  FunctionToolCallDeltaSchema,
]));

/**
 * Delta step details of a message creation step: `{ type: 'message_creation', message_creation?: { message_id? } }`.
 *
 * @example
 * RunStepDeltaMessageDeltaSchema.parse({ type: 'message_creation', message_creation: { message_id: 'msg_1' } });
 */
export const RunStepDeltaMessageDeltaSchema = objectSchema<RunStepDeltaMessageDelta>(z.object({
  type: z.literal('message_creation'),
  message_creation: z.object({ message_id: z.string().optional() }).optional(),
}));

/**
 * Delta step details of a tool calls step: `{ type: 'tool_calls', tool_calls?: ToolCallDelta[] }`.
 *
 * @example
 * ToolCallDeltaObjectSchema.parse({ type: 'tool_calls', tool_calls: [{ index: 0, type: 'code_interpreter' }] });
 */
export const ToolCallDeltaObjectSchema = objectSchema<ToolCallDeltaObject>(z.object({
  type: z.literal('tool_calls'),
  tool_calls: z.array(ToolCallDeltaSchema).optional(),
}));

/**
 * The delta step details (by `type`).
 *
 * @example
 * RunStepDeltaStepDetailsSchema.parse({ type: 'tool_calls' });
 */
export const RunStepDeltaStepDetailsSchema: z.ZodType<RunStepDeltaStepDetails> = typedSchema(z.discriminatedUnion('type', [
  RunStepDeltaMessageDeltaSchema,
  ToolCallDeltaObjectSchema,
]));

/**
 * The changed fields of a run step: `{ step_details? }`.
 *
 * @example
 * RunStepDeltaSchema.parse({ step_details: { type: 'tool_calls', tool_calls: [] } });
 */
export const RunStepDeltaSchema = objectSchema<RunStepDelta>(z.object({
  step_details: RunStepDeltaStepDetailsSchema.optional(),
}));

/**
 * The data of `thread.run.step.delta`: `{ id, object: 'thread.run.step.delta', delta }`.
 *
 * @example
 * const result = RunStepDeltaEventSchema.safeParse(json);
 * if (result.success && result.data.delta.step_details?.type === 'tool_calls') {
 *   for (const call of result.data.delta.step_details.tool_calls ?? []) console.log(call.index);
 * }
 */
export const RunStepDeltaEventSchema = objectSchema<RunStepDeltaEvent>(z.object({
  id: z.string(),
  object: z.literal('thread.run.step.delta'),
  delta: RunStepDeltaSchema,
}));

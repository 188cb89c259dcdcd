/**
 * The data of `thread.run.step.delta`: the changed fields of a run step while it streams. Every field but the
 * discriminators and indexes may be absent from a delta.
 */
import { z } from 'zod';

/** A fragment of a code interpreter's text output (the yaml's `...CodeOutputLogsObject` delta). */
export const CodeInterpreterLogsSchema = z.object({
  index: z.number(),
  type: z.literal('logs'),
  logs: z.string().optional(),
});
/** A fragment of a code interpreter's text output. */
export type CodeInterpreterLogs = z.infer<typeof CodeInterpreterLogsSchema>;

/** A code interpreter's image output as a delta: `{ index, type: 'image', image?: { file_id? } }`. */
export const CodeInterpreterOutputImageSchema = z.object({
  index: z.number(),
  type: z.literal('image'),
  image: z.object({ file_id: z.string().optional() }).optional(),
});
/** A code interpreter's image output as a delta. */
export type CodeInterpreterOutputImage = z.infer<typeof CodeInterpreterOutputImageSchema>;

/** One code interpreter output delta: logs or image (by `type`). */
export const CodeInterpreterOutputDeltaSchema = z.discriminatedUnion('type', [
  CodeInterpreterLogsSchema,
  CodeInterpreterOutputImageSchema,
]);
/** One code interpreter output delta. */
export type CodeInterpreterOutputDelta = z.infer<typeof CodeInterpreterOutputDeltaSchema>;

/**
 * A delta of a code interpreter call at `index` of the step's tool calls: a fragment of `input`, new `outputs`.
 *
 * @example
 * CodeInterpreterToolCallDeltaSchema.parse({ index: 0, type: 'code_interpreter', code_interpreter: { input: 'pri' } });
 */
export const CodeInterpreterToolCallDeltaSchema = z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('code_interpreter'),
  code_interpreter: z
    .object({
      input: z.string().optional(),
      outputs: z.array(CodeInterpreterOutputDeltaSchema).optional(),
    })
    .optional(),
});
/** A delta of a code interpreter call. */
export type CodeInterpreterToolCallDelta = z.infer<typeof CodeInterpreterToolCallDeltaSchema>;

/** A delta of a file search call; `file_search` is an open object (for now always empty). */
export const FileSearchToolCallDeltaSchema = z.object({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal('file_search'),
  file_search: z.record(z.string(), z.unknown()),
});
/** A delta of a file search call. */
export type FileSearchToolCallDelta = z.infer<typeof FileSearchToolCallDeltaSchema>;

/**
 * A delta of a function call at `index`: the first one carries `id` and `name`, the next ones `arguments`
 * fragments to concatenate.
 *
 * @example
 * FunctionToolCallDeltaSchema.parse({ index: 0, type: 'function', function: { arguments: '{"loc' } });
 */
export const FunctionToolCallDeltaSchema = z.object({
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
});
/** A delta of a function call. */
export type FunctionToolCallDelta = z.infer<typeof FunctionToolCallDeltaSchema>;

/** A delta of one tool call: code interpreter, file search or function (by `type`). */
export const ToolCallDeltaSchema = z.discriminatedUnion('type', [
  CodeInterpreterToolCallDeltaSchema,
  FileSearchToolCallDeltaSchema,
  FunctionToolCallDeltaSchema,
]);
/** A delta of one tool call. */
export type ToolCallDelta = z.infer<typeof ToolCallDeltaSchema>;

/** Delta step details of a message creation step: `{ type: 'message_creation', message_creation?: { message_id? } }`. */
export const RunStepDeltaMessageDeltaSchema = z.object({
  type: z.literal('message_creation'),
  message_creation: z.object({ message_id: z.string().optional() }).optional(),
});
/** Delta step details of a message creation step. */
export type RunStepDeltaMessageDelta = z.infer<typeof RunStepDeltaMessageDeltaSchema>;

/** Delta step details of a tool calls step: `{ type: 'tool_calls', tool_calls?: ToolCallDelta[] }`. */
export const ToolCallDeltaObjectSchema = z.object({
  type: z.literal('tool_calls'),
  tool_calls: z.array(ToolCallDeltaSchema).optional(),
});
/** Delta step details of a tool calls step. */
export type ToolCallDeltaObject = z.infer<typeof ToolCallDeltaObjectSchema>;

/** The delta step details (by `type`). */
export const RunStepDeltaStepDetailsSchema = z.discriminatedUnion('type', [
  RunStepDeltaMessageDeltaSchema,
  ToolCallDeltaObjectSchema,
]);
/** The delta step details. */
export type RunStepDeltaStepDetails = z.infer<typeof RunStepDeltaStepDetailsSchema>;

/** The changed fields of a run step: `{ step_details? }`. */
export const RunStepDeltaSchema = z.object({
  step_details: RunStepDeltaStepDetailsSchema.optional(),
});
/** The changed fields of a run step. */
export type RunStepDelta = z.infer<typeof RunStepDeltaSchema>;

/**
 * The data of `thread.run.step.delta`: `{ id, object: 'thread.run.step.delta', delta }`.
 *
 * @example
 * const result = RunStepDeltaEventSchema.safeParse(json);
 * if (result.success && result.data.delta.step_details?.type === 'tool_calls') {
 *   for (const call of result.data.delta.step_details.tool_calls ?? []) console.log(call.index);
 * }
 */
export const RunStepDeltaEventSchema = z.object({
  id: z.string(),
  object: z.literal('thread.run.step.delta'),
  delta: RunStepDeltaSchema,
});
/** The data of `thread.run.step.delta`. */
export type RunStepDeltaEvent = z.infer<typeof RunStepDeltaEventSchema>;

/** The run object (the data of every `thread.run.*` event) and the tool calls a run requires. */
import { z } from 'zod';
import {
  AssistantResponseFormatOptionSchema,
  AssistantToolChoiceOptionSchema,
  AssistantToolSchema,
  MetadataSchema,
  RunIncompleteDetailsSchema,
  RunLastErrorSchema,
  RunUsageSchema,
  TruncationStrategySchema,
} from './common.js';
import type { RequiredActionFunctionToolCall, Run, RunRequiredAction, RunStatus } from '../../wire/assistants.js';
export type { RequiredActionFunctionToolCall, Run, RunRequiredAction, RunStatus } from '../../wire/assistants.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js'; // the type: what this file's declarations name

/**
 * The status of a run.
 *
 * @example
 * RunStatusSchema.safeParse('in_progress').success; // true
 * RunStatusSchema.safeParse('paused').success; // false (a status the library does not know)
 */
export const RunStatusSchema: z.ZodType<RunStatus> = typedSchema(z.enum([
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
  'cancelled',
  'failed',
  'completed',
  'incomplete',
  'expired',
]));

/**
 * A function call the run waits for (the yaml's `RunToolCallObject`): submit its output under `id`.
 *
 * @example
 * RequiredActionFunctionToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } });
 */
export const RequiredActionFunctionToolCallSchema = objectSchema<RequiredActionFunctionToolCall>(z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
}));

/**
 * What a `requires_action` run needs: `{ type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls } }`.
 *
 * @example
 * const action = RunRequiredActionSchema.parse(run.required_action);
 * console.log(action.submit_tool_outputs.tool_calls.length);
 */
export const RunRequiredActionSchema = objectSchema<RunRequiredAction>(z.object({
  type: z.literal('submit_tool_outputs'),
  submit_tool_outputs: z.object({
    tool_calls: z.array(RequiredActionFunctionToolCallSchema),
  }),
}));

/**
 * A run on a thread (`object: 'thread.run'`), the data of every `thread.run.*` event.
 *
 * Deviation from the yaml: `instructions` is a required `string` there (and in the official SDK type) but
 * nullable here, because the published run stream examples send `"instructions": null` (as does the yaml's own
 * example of the run object).
 *
 * @example
 * const result = RunSchema.safeParse(json);
 * if (result.success && result.data.status === 'requires_action') {
 *   const calls = result.data.required_action?.submit_tool_outputs.tool_calls;
 * }
 */
export const RunSchema = objectSchema<Run>(z.object({
  id: z.string(),
  object: z.literal('thread.run'),
  created_at: z.number(),
  thread_id: z.string(),
  assistant_id: z.string(),
  status: RunStatusSchema,
  required_action: RunRequiredActionSchema.nullable(),
  last_error: RunLastErrorSchema.nullable(),
  expires_at: z.number().nullable(),
  started_at: z.number().nullable(),
  cancelled_at: z.number().nullable(),
  failed_at: z.number().nullable(),
  completed_at: z.number().nullable(),
  incomplete_details: RunIncompleteDetailsSchema.nullable(),
  model: z.string(),
  instructions: z.string().nullable(),
  tools: z.array(AssistantToolSchema),
  metadata: MetadataSchema,
  usage: RunUsageSchema.nullable(),
  temperature: z.number().nullable().optional(),
  top_p: z.number().nullable().optional(),
  max_prompt_tokens: z.number().nullable(),
  max_completion_tokens: z.number().nullable(),
  truncation_strategy: TruncationStrategySchema.nullable(),
  tool_choice: AssistantToolChoiceOptionSchema.nullable(),
  parallel_tool_calls: z.boolean(),
  response_format: AssistantResponseFormatOptionSchema.nullable(),
}));

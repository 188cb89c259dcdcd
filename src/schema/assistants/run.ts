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
import type { ObjectSchema } from '../object-schema.js';

/**
 * The status of a run.
 *
 * @example
 * RunStatusSchema.options; // ['queued', 'in_progress', ..., 'expired']
 */
export const RunStatusSchema: z.ZodType<RunStatus> = z.enum([
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
  'cancelled',
  'failed',
  'completed',
  'incomplete',
  'expired',
]);

/**
 * The statuses after which a run changes no more: `completed`, `failed`, `cancelled`, `expired`, `incomplete`
 * (`requires_action` is not among them: the run continues once tool outputs are submitted).
 *
 * @example
 * TERMINAL_RUN_STATUSES.includes('completed'); // true
 */
export const TERMINAL_RUN_STATUSES = ['completed', 'failed', 'cancelled', 'expired', 'incomplete'] as const satisfies
  readonly RunStatus[];
/**
 * A status after which a run changes no more.
 *
 * @example
 * if (isTerminalRunStatus(run.status)) {
 *   const status: TerminalRunStatus = run.status; // 'completed', 'failed', ...
 * }
 */
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

const terminalRunStatuses: ReadonlySet<string> = new Set(TERMINAL_RUN_STATUSES);

/**
 * Whether a run status is terminal (see {@link TERMINAL_RUN_STATUSES}).
 *
 * @example
 * isTerminalRunStatus(run.status); // true for 'completed', false for 'requires_action'
 */
export function isTerminalRunStatus(status: string): status is TerminalRunStatus {
  return terminalRunStatuses.has(status);
}

/**
 * The statuses at which a run stops for now: terminal, or waiting for tool outputs (`requires_action`). A run
 * stream ends at them, polling stops at them, and `finalRun()` reports the last run in one of them.
 *
 * @example
 * RUN_SETTLED_STATUSES.has('requires_action'); // true
 */
export const RUN_SETTLED_STATUSES: ReadonlySet<string> = new Set([...TERMINAL_RUN_STATUSES, 'requires_action']);

/**
 * A function call the run waits for (the yaml's `RunToolCallObject`): submit its output under `id`.
 *
 * @example
 * RequiredActionFunctionToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } });
 */
export const RequiredActionFunctionToolCallSchema: ObjectSchema<RequiredActionFunctionToolCall> = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
});

/**
 * What a `requires_action` run needs: `{ type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls } }`.
 *
 * @example
 * const action = RunRequiredActionSchema.parse(run.required_action);
 * console.log(action.submit_tool_outputs.tool_calls.length);
 */
export const RunRequiredActionSchema: ObjectSchema<RunRequiredAction> = z.object({
  type: z.literal('submit_tool_outputs'),
  submit_tool_outputs: z.object({
    tool_calls: z.array(RequiredActionFunctionToolCallSchema),
  }),
});

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
export const RunSchema: ObjectSchema<Run> = z.object({
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
});

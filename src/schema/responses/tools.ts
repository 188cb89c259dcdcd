/**
 * The tools a response may use (`Tool`, by `type`), the tool choice, and the text, reasoning and prompt settings a
 * response echoes back.
 *
 * Written from `ResponseStreamEvent.schema.yaml` (the public OpenAPI description); names follow the official
 * SDK's types where it has one. Strings' lengths and patterns, numbers' ranges and defaults are not checked: the
 * schemas check shapes, once per event, and the API stays the authority on values.
 */
import { z } from 'zod';
import { ResponseInputFileSchema, ResponseInputImageSchema, ResponseInputTextSchema } from './content.js';
import type { ApplyPatchTool, ApproximateLocation, AutoCodeInterpreterToolParam, CallableToolAllowedCaller, CodeInterpreterTool, ComparisonFilter, CompoundFilter, ComputerEnvironment, ComputerTool, ComputerUsePreviewTool, ContainerAutoParam, ContainerMemoryLimit, ContainerNetworkPolicyAllowlistParam, ContainerNetworkPolicyDisabledParam, ContainerNetworkPolicyDomainSecretParam, ContainerReferenceParam, CustomGrammarFormatParam, CustomTextFormatParam, CustomTool, EmptyModelParam, FileSearchTool, Filters, FunctionShellTool, FunctionTool, FunctionToolParam, GrammarSyntax1, HybridSearchOptions, ImageGenActionEnum, ImageGenerationTool, InlineSkillParam, InlineSkillSourceParam, InputFidelity, LocalEnvironmentParam, LocalShellTool, LocalSkillParam, MCPToolFilter, McpTool, NamespaceTool, ProgrammaticToolCallingParam, RankerVersionType, RankingOptions, Reasoning, ReasoningEffort, ReasoningModeEnum, ResponseFormatJSONObject, ResponseFormatJsonSchemaSchema, ResponseFormatText, ResponseFormatTextConfig, ResponseFormatTextJSONSchemaConfig, ResponsePrompt, ResponsePromptVariables, ResponseTextConfig, ResponseToolChoice, SearchContentType, SearchContextSize, SkillReferenceParam, Tool, ToolChoiceAllowed, ToolChoiceApplyPatch, ToolChoiceCustom, ToolChoiceFunction, ToolChoiceMcp, ToolChoiceOptions, ToolChoiceProgrammaticToolCalling, ToolChoiceShell, ToolChoiceTypes, ToolSearchExecutionType, ToolSearchTool, ToolsArray, Verbosity, WebSearchApproximateLocation, WebSearchPreviewTool, WebSearchTool } from '../../wire/responses-api.js';
export type { ApplyPatchTool, ApproximateLocation, AutoCodeInterpreterToolParam, CallableToolAllowedCaller, CodeInterpreterTool, ComparisonFilter, CompoundFilter, ComputerEnvironment, ComputerTool, ComputerUsePreviewTool, ContainerAutoParam, ContainerMemoryLimit, ContainerNetworkPolicyAllowlistParam, ContainerNetworkPolicyDisabledParam, ContainerNetworkPolicyDomainSecretParam, ContainerReferenceParam, CustomGrammarFormatParam, CustomTextFormatParam, CustomTool, EmptyModelParam, FileSearchTool, Filters, FunctionShellTool, FunctionTool, FunctionToolParam, GrammarSyntax1, HybridSearchOptions, ImageGenActionEnum, ImageGenerationTool, InlineSkillParam, InlineSkillSourceParam, InputFidelity, LocalEnvironmentParam, LocalShellTool, LocalSkillParam, MCPToolFilter, McpTool, NamespaceTool, ProgrammaticToolCallingParam, RankerVersionType, RankingOptions, Reasoning, ReasoningEffort, ReasoningModeEnum, ResponseFormatJSONObject, ResponseFormatJsonSchemaSchema, ResponseFormatText, ResponseFormatTextConfig, ResponseFormatTextJSONSchemaConfig, ResponsePrompt, ResponsePromptVariables, ResponseTextConfig, ResponseToolChoice, SearchContentType, SearchContextSize, SkillReferenceParam, Tool, ToolChoiceAllowed, ToolChoiceApplyPatch, ToolChoiceCustom, ToolChoiceFunction, ToolChoiceMcp, ToolChoiceOptions, ToolChoiceProgrammaticToolCalling, ToolChoiceShell, ToolChoiceTypes, ToolSearchExecutionType, ToolSearchTool, ToolsArray, Verbosity, WebSearchApproximateLocation, WebSearchPreviewTool, WebSearchTool } from '../../wire/responses-api.js';
import { objectSchema, typedSchema, type ObjectSchema } from '../object-schema.js';

/**
 * Who may call a tool: directly the model, or a program (programmatic tool calling).
 *
 * @example
 * CallableToolAllowedCallerSchema.parse('programmatic');
 */
export const CallableToolAllowedCallerSchema: z.ZodType<CallableToolAllowedCaller> = typedSchema(z.enum(['direct', 'programmatic']));

/**
 * Allows the assistant to create, delete, or update files using unified diffs.
 *
 * @example
 * ApplyPatchToolSchema.parse({ type: 'apply_patch' });
 */
export const ApplyPatchToolSchema = objectSchema<ApplyPatchTool>(z.object({
  type: z.literal('apply_patch'),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * The approximate location of the user, for search tools.
 *
 * @example
 * ApproximateLocationSchema.parse({ type: 'approximate', country: 'FR', city: 'Paris' });
 */
export const ApproximateLocationSchema = objectSchema<ApproximateLocation>(z.object({
  type: z.literal('approximate'),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}));

/**
 * The memory limit of a container.
 *
 * @example
 * ContainerMemoryLimitSchema.parse('4g');
 */
export const ContainerMemoryLimitSchema: z.ZodType<ContainerMemoryLimit> = typedSchema(z.enum(['1g', '4g', '16g', '64g']));

/**
 * A container network policy with network access disabled.
 *
 * @example
 * ContainerNetworkPolicyDisabledParamSchema.parse({ type: 'disabled' });
 */
export const ContainerNetworkPolicyDisabledParamSchema = objectSchema<ContainerNetworkPolicyDisabledParam>(z.object({
  type: z.literal('disabled'),
}));

/**
 * A secret injected for requests to one domain from a container.
 *
 * @example
 * ContainerNetworkPolicyDomainSecretParamSchema.parse({ domain: 'api.example.com', name: 'API_KEY', value: 'sk-...' });
 */
export const ContainerNetworkPolicyDomainSecretParamSchema = objectSchema<ContainerNetworkPolicyDomainSecretParam>(z.object({
  domain: z.string(),
  name: z.string(),
  value: z.string(),
}));

/**
 * A container network policy allowing only the listed domains.
 *
 * @example
 * ContainerNetworkPolicyAllowlistParamSchema.parse({ type: 'allowlist', allowed_domains: ['pypi.org'] });
 */
export const ContainerNetworkPolicyAllowlistParamSchema = objectSchema<ContainerNetworkPolicyAllowlistParam>(z.object({
  type: z.literal('allowlist'),
  allowed_domains: z.array(z.string()),
  domain_secrets: z.array(ContainerNetworkPolicyDomainSecretParamSchema).optional(),
}));

/**
 * Configuration for a code interpreter container.
 *
 * @example
 * AutoCodeInterpreterToolParamSchema.parse({ type: 'auto', memory_limit: '4g', file_ids: ['file-abc'] });
 */
export const AutoCodeInterpreterToolParamSchema = objectSchema<AutoCodeInterpreterToolParam>(z.object({
  type: z.literal('auto'),
  file_ids: z.array(z.string()).optional(),
  memory_limit: ContainerMemoryLimitSchema.nullable().optional(),
  network_policy: z.discriminatedUnion('type', [
    ContainerNetworkPolicyDisabledParamSchema,
    ContainerNetworkPolicyAllowlistParamSchema,
  ]).optional(),
}));

/**
 * A tool that runs Python code to help generate a response to a prompt.
 *
 * @example
 * CodeInterpreterToolSchema.parse({ type: 'code_interpreter', container: { type: 'auto' } });
 */
export const CodeInterpreterToolSchema = objectSchema<CodeInterpreterTool>(z.object({
  type: z.literal('code_interpreter'),
  container: z.union([z.string(), AutoCodeInterpreterToolParamSchema]),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * A filter used to compare a specified attribute key to a given value using a defined comparison operation.
 *
 * @example
 * ComparisonFilterSchema.parse({ type: 'gte', key: 'year', value: 2020 });
 */
export const ComparisonFilterSchema = objectSchema<ComparisonFilter>(z.object({
  type: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin']),
  key: z.string(),
  value: z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.array(z.union([z.string(), z.number()])),
  ]),
}));

/**
 * Combine multiple filters using `and` or `or`.
 *
 * @example
 * CompoundFilterSchema.parse({
 *   type: 'and', filters: [{ type: 'eq', key: 'team', value: 'core' }, { type: 'lt', key: 'age', value: 30 }],
 * });
 */
export const CompoundFilterSchema: ObjectSchema<CompoundFilter> = objectSchema<CompoundFilter>(z.object({
  type: z.enum(['and', 'or']),
  get filters() {
    return z.array(z.union([ComparisonFilterSchema, CompoundFilterSchema]));
  },
}));

/**
 * The environment a computer use tool controls.
 *
 * @example
 * ComputerEnvironmentSchema.parse('browser');
 */
export const ComputerEnvironmentSchema: z.ZodType<ComputerEnvironment> = typedSchema(z.enum(['windows', 'mac', 'linux', 'ubuntu', 'browser']));

/**
 * A tool that controls a virtual computer.
 *
 * @example
 * ComputerToolSchema.parse({ type: 'computer' });
 */
export const ComputerToolSchema = objectSchema<ComputerTool>(z.object({
  type: z.literal('computer'),
}));

/**
 * A tool that controls a virtual computer.
 *
 * @example
 * ComputerUsePreviewToolSchema.parse({
 *   type: 'computer_use_preview', environment: 'browser', display_width: 1024, display_height: 768,
 * });
 */
export const ComputerUsePreviewToolSchema = objectSchema<ComputerUsePreviewTool>(z.object({
  type: z.literal('computer_use_preview'),
  environment: ComputerEnvironmentSchema,
  display_width: z.number(),
  display_height: z.number(),
}));

/**
 * A reference to a stored skill for the shell tool.
 *
 * @example
 * SkillReferenceParamSchema.parse({ type: 'skill_reference', skill_id: 'skill_123', version: '2' });
 */
export const SkillReferenceParamSchema = objectSchema<SkillReferenceParam>(z.object({
  type: z.literal('skill_reference'),
  skill_id: z.string(),
  version: z.string().optional(),
}));

/**
 * The inline payload of a skill for the shell tool (base64).
 *
 * @example
 * InlineSkillSourceParamSchema.parse({ type: 'base64', media_type: 'application/zip', data: 'UEsDBBQ...' });
 */
export const InlineSkillSourceParamSchema = objectSchema<InlineSkillSourceParam>(z.object({
  type: z.literal('base64'),
  media_type: z.literal('application/zip'),
  data: z.string(),
}));

/**
 * A skill given inline to the shell tool.
 *
 * @example
 * const { name, description } = InlineSkillParamSchema.parse(json);
 */
export const InlineSkillParamSchema = objectSchema<InlineSkillParam>(z.object({
  type: z.literal('inline'),
  name: z.string(),
  description: z.string(),
  source: InlineSkillSourceParamSchema,
}));

/**
 * A container created automatically for the shell tool.
 *
 * @example
 * ContainerAutoParamSchema.parse({
 *   type: 'container_auto', memory_limit: '1g', skills: [{ type: 'skill_reference', skill_id: 'skill_1' }],
 * });
 */
export const ContainerAutoParamSchema = objectSchema<ContainerAutoParam>(z.object({
  type: z.literal('container_auto'),
  file_ids: z.array(z.string()).optional(),
  memory_limit: ContainerMemoryLimitSchema.nullable().optional(),
  network_policy: z.discriminatedUnion('type', [
    ContainerNetworkPolicyDisabledParamSchema,
    ContainerNetworkPolicyAllowlistParamSchema,
  ]).optional(),
  skills: z.array(z.discriminatedUnion('type', [SkillReferenceParamSchema, InlineSkillParamSchema])).optional(),
}));

/**
 * A reference to an existing container for the shell tool.
 *
 * @example
 * ContainerReferenceParamSchema.parse({ type: 'container_reference', container_id: 'cntr_abc123' });
 */
export const ContainerReferenceParamSchema = objectSchema<ContainerReferenceParam>(z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
}));

/**
 * The syntax of a custom tool's grammar: `lark` or `regex`.
 *
 * @example
 * GrammarSyntax1Schema.parse('lark');
 */
export const GrammarSyntax1Schema: z.ZodType<GrammarSyntax1> = typedSchema(z.enum(['lark', 'regex']));

/**
 * A grammar defined by the user.
 *
 * @example
 * CustomGrammarFormatParamSchema.parse({ type: 'grammar', syntax: 'regex', definition: '^\\d{4}-\\d{2}-\\d{2}$' });
 */
export const CustomGrammarFormatParamSchema = objectSchema<CustomGrammarFormatParam>(z.object({
  type: z.literal('grammar'),
  syntax: GrammarSyntax1Schema,
  definition: z.string(),
}));

/**
 * Unconstrained free-form text.
 *
 * @example
 * CustomTextFormatParamSchema.parse({ type: 'text' });
 */
export const CustomTextFormatParamSchema = objectSchema<CustomTextFormatParam>(z.object({
  type: z.literal('text'),
}));

/**
 * A custom tool that processes input using a specified format.
 *
 * @example
 * CustomToolSchema.parse({ type: 'custom', name: 'run_sql', description: 'Runs a SQL query' });
 */
export const CustomToolSchema = objectSchema<CustomTool>(z.object({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().optional(),
  format: z.discriminatedUnion('type', [CustomTextFormatParamSchema, CustomGrammarFormatParamSchema]).optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * An empty object.
 *
 * @example
 * EmptyModelParamSchema.parse({});
 */
export const EmptyModelParamSchema = objectSchema<EmptyModelParam>(z.object({}));

/**
 * The ranker of a file search.
 *
 * @example
 * RankerVersionTypeSchema.parse('default-2024-11-15');
 */
export const RankerVersionTypeSchema: z.ZodType<RankerVersionType> = typedSchema(z.enum(['auto', 'default-2024-11-15']));

/**
 * Weights of the embedding and text parts of a hybrid file search.
 *
 * @example
 * HybridSearchOptionsSchema.parse({ embedding_weight: 0.7, text_weight: 0.3 });
 */
export const HybridSearchOptionsSchema = objectSchema<HybridSearchOptions>(z.object({
  embedding_weight: z.number(),
  text_weight: z.number(),
}));

/**
 * Ranking options of a file search.
 *
 * @example
 * RankingOptionsSchema.parse({ ranker: 'auto', score_threshold: 0.5 });
 */
export const RankingOptionsSchema = objectSchema<RankingOptions>(z.object({
  ranker: RankerVersionTypeSchema.optional(),
  score_threshold: z.number().optional(),
  hybrid_search: HybridSearchOptionsSchema.optional(),
}));

/**
 * A file search filter: a comparison or a compound of filters (by `type`).
 *
 * @example
 * const filter = FiltersSchema.parse(json);
 * if (filter.type === 'and' || filter.type === 'or') console.log(filter.filters.length);
 */
export const FiltersSchema: z.ZodType<Filters> = typedSchema(z.discriminatedUnion('type', [ComparisonFilterSchema, CompoundFilterSchema]));

/**
 * A tool that searches for relevant content from uploaded files.
 *
 * @example
 * FileSearchToolSchema.parse({ type: 'file_search', vector_store_ids: ['vs_123'], max_num_results: 5 });
 */
export const FileSearchToolSchema = objectSchema<FileSearchTool>(z.object({
  type: z.literal('file_search'),
  vector_store_ids: z.array(z.string()),
  max_num_results: z.number().optional(),
  ranking_options: RankingOptionsSchema.optional(),
  filters: FiltersSchema.nullable().optional(),
}));

/**
 * A skill available in a local shell environment.
 *
 * @example
 * LocalSkillParamSchema.parse({ name: 'lint', description: 'Runs the linter', path: './skills/lint' });
 */
export const LocalSkillParamSchema = objectSchema<LocalSkillParam>(z.object({
  name: z.string(),
  description: z.string(),
  path: z.string(),
}));

/**
 * A local environment for the shell tool.
 *
 * @example
 * LocalEnvironmentParamSchema.parse({ type: 'local' });
 */
export const LocalEnvironmentParamSchema = objectSchema<LocalEnvironmentParam>(z.object({
  type: z.literal('local'),
  skills: z.array(LocalSkillParamSchema).optional(),
}));

/**
 * A tool that allows the model to execute shell commands.
 *
 * @example
 * FunctionShellToolSchema.parse({ type: 'shell', environment: { type: 'container_auto' } });
 */
export const FunctionShellToolSchema = objectSchema<FunctionShellTool>(z.object({
  type: z.literal('shell'),
  environment: z.discriminatedUnion('type', [
    ContainerAutoParamSchema,
    LocalEnvironmentParamSchema,
    ContainerReferenceParamSchema,
  ]).nullable().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * Defines a function in your own code the model can choose to call.
 *
 * @example
 * FunctionToolSchema.parse({
 *   type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: true,
 * });
 */
export const FunctionToolSchema = objectSchema<FunctionTool>(z.object({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable(),
  output_schema: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * A function inside a namespace tool.
 *
 * @example
 * FunctionToolParamSchema.parse({ type: 'function', name: 'list_issues', description: 'Lists open issues' });
 */
export const FunctionToolParamSchema = objectSchema<FunctionToolParam>(z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  parameters: EmptyModelParamSchema.nullable().optional(),
  strict: z.boolean().nullable().optional(),
  type: z.literal('function'),
  output_schema: z.record(z.string(), z.unknown()).nullable().optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
}));

/**
 * Whether the image generation tool generates or edits (or decides itself).
 *
 * @example
 * ImageGenActionEnumSchema.parse('edit');
 */
export const ImageGenActionEnumSchema: z.ZodType<ImageGenActionEnum> = typedSchema(z.enum(['generate', 'edit', 'auto']));

/**
 * Control how much effort the model will exert to match the style and features, especially facial features, of
 * input images.
 *
 * @example
 * InputFidelitySchema.parse('high');
 */
export const InputFidelitySchema: z.ZodType<InputFidelity> = typedSchema(z.enum(['high', 'low']));

/**
 * A tool that generates images using the GPT image models.
 *
 * @example
 * ImageGenerationToolSchema.parse({ type: 'image_generation', quality: 'high', output_format: 'webp' });
 */
export const ImageGenerationToolSchema = objectSchema<ImageGenerationTool>(z.object({
  type: z.literal('image_generation'),
  model: z.string().optional(),
  quality: z.enum(['low', 'medium', 'high', 'auto']).optional(),
  size: z.string().optional(),
  output_format: z.enum(['png', 'webp', 'jpeg']).optional(),
  output_compression: z.number().optional(),
  moderation: z.enum(['auto', 'low']).optional(),
  background: z.enum(['transparent', 'opaque', 'auto']).optional(),
  input_fidelity: InputFidelitySchema.nullable().optional(),
  input_image_mask: z.object({
    image_url: z.string().optional(),
    file_id: z.string().optional(),
  }).optional(),
  partial_images: z.number().optional(),
  action: ImageGenActionEnumSchema.optional(),
}));

/**
 * A tool that allows the model to execute shell commands in a local environment.
 *
 * @example
 * LocalShellToolSchema.parse({ type: 'local_shell' });
 */
export const LocalShellToolSchema = objectSchema<LocalShellTool>(z.object({
  type: z.literal('local_shell'),
}));

/**
 * A filter object to specify which tools are allowed.
 *
 * @example
 * MCPToolFilterSchema.parse({ tool_names: ['search', 'fetch'] });
 */
export const MCPToolFilterSchema = objectSchema<MCPToolFilter>(z.object({
  tool_names: z.array(z.string()).optional(),
  read_only: z.boolean().optional(),
}));

/**
 * Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
 *
 * @example
 * McpToolSchema.parse({ type: 'mcp', server_label: 'deepwiki', server_url: 'https://mcp.deepwiki.com/mcp' });
 */
export const McpToolSchema = objectSchema<McpTool>(z.object({
  type: z.literal('mcp'),
  server_label: z.string(),
  server_url: z.string().optional(),
  connector_id: z.enum([
    'connector_dropbox',
    'connector_gmail',
    'connector_googlecalendar',
    'connector_googledrive',
    'connector_microsoftteams',
    'connector_outlookcalendar',
    'connector_outlookemail',
    'connector_sharepoint',
  ]).optional(),
  tunnel_id: z.string().optional(),
  authorization: z.string().optional(),
  server_description: z.string().optional(),
  headers: z.record(z.string(), z.string()).nullable().optional(),
  allowed_tools: z.union([z.array(z.string()), MCPToolFilterSchema]).nullable().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
  require_approval: z.union([
    z.object({
      always: MCPToolFilterSchema.optional(),
      never: MCPToolFilterSchema.optional(),
    }),
    z.enum(['always', 'never']),
  ]).nullable().optional(),
  defer_loading: z.boolean().optional(),
}));

/**
 * Groups function/custom tools under a shared namespace.
 *
 * @example
 * NamespaceToolSchema.parse({
 *   type: 'namespace', name: 'github', description: 'GitHub tools', tools: [{ type: 'function', name: 'list_prs' }],
 * });
 */
export const NamespaceToolSchema = objectSchema<NamespaceTool>(z.object({
  type: z.literal('namespace'),
  name: z.string(),
  description: z.string(),
  tools: z.array(z.discriminatedUnion('type', [FunctionToolParamSchema, CustomToolSchema])),
}));

/**
 * The programmatic tool calling tool: the model writes programs that call tools.
 *
 * @example
 * ProgrammaticToolCallingParamSchema.parse({ type: 'programmatic_tool_calling' });
 */
export const ProgrammaticToolCallingParamSchema = objectSchema<ProgrammaticToolCallingParam>(z.object({
  type: z.literal('programmatic_tool_calling'),
}));

/**
 * Optional map of values to substitute in for variables in your prompt.
 *
 * @example
 * ResponsePromptVariablesSchema.parse({ customer_name: 'Ada', topic: { type: 'input_text', text: 'billing' } });
 */
export const ResponsePromptVariablesSchema: z.ZodType<ResponsePromptVariables> = typedSchema(z.record(z.string(), z.union([
  z.string(),
  z.discriminatedUnion('type', [
    ResponseInputTextSchema,
    ResponseInputImageSchema,
    ResponseInputFileSchema,
  ]),
])).nullable());

/**
 * Reference to a prompt template and its variables.
 *
 * @example
 * ResponsePromptSchema.parse({ id: 'pmpt_123', version: '2', variables: { city: 'Lisbon' } });
 */
export const ResponsePromptSchema: z.ZodType<ResponsePrompt> = typedSchema(z.object({
  id: z.string(),
  version: z.string().nullable().optional(),
  variables: ResponsePromptVariablesSchema.optional(),
}).nullable());

/**
 * The reasoning mode of a response.
 *
 * @example
 * const mode = ReasoningModeEnumSchema.parse(json); // any string
 */
export const ReasoningModeEnumSchema: z.ZodType<ReasoningModeEnum> = typedSchema(z.string());

/**
 * Constrains effort on reasoning for reasoning models.
 *
 * @example
 * ReasoningEffortSchema.parse('medium');
 */
export const ReasoningEffortSchema: z.ZodType<ReasoningEffort> = typedSchema(z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullable());

/**
 * Reasoning settings of a response (reasoning models only): effort, summary, context.
 *
 * @example
 * ReasoningSchema.parse({ effort: 'low', summary: 'auto' });
 */
export const ReasoningSchema = objectSchema<Reasoning>(z.object({
  mode: ReasoningModeEnumSchema.optional(),
  effort: ReasoningEffortSchema.optional(),
  summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
  context: z.enum(['auto', 'current_turn', 'all_turns']).nullable().optional(),
  generate_summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
}));

/**
 * JSON object response format.
 *
 * @example
 * ResponseFormatJSONObjectSchema.parse({ type: 'json_object' });
 */
export const ResponseFormatJSONObjectSchema = objectSchema<ResponseFormatJSONObject>(z.object({
  type: z.literal('json_object'),
}));

/**
 * The schema for the response format, described as a JSON Schema object.
 *
 * @example
 * ResponseFormatJsonSchemaSchemaSchema.parse({ type: 'object', properties: { answer: { type: 'string' } } });
 */
export const ResponseFormatJsonSchemaSchemaSchema: z.ZodType<ResponseFormatJsonSchemaSchema> = typedSchema(z.record(z.string(), z.unknown()));

/**
 * Default response format.
 *
 * @example
 * ResponseFormatTextSchema.parse({ type: 'text' });
 */
export const ResponseFormatTextSchema: ObjectSchema<ResponseFormatText> = CustomTextFormatParamSchema; // the yaml defines it twice, identically

/**
 * JSON Schema response format.
 *
 * @example
 * ResponseFormatTextJSONSchemaConfigSchema.parse({
 *   type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true,
 * });
 */
export const ResponseFormatTextJSONSchemaConfigSchema = objectSchema<ResponseFormatTextJSONSchemaConfig>(z.object({
  type: z.literal('json_schema'),
  // The real wire sends `description: null` when the request gave none.
  description: z.string().nullable().optional(),
  name: z.string(),
  schema: ResponseFormatJsonSchemaSchemaSchema,
  strict: z.boolean().nullable().optional(),
}));

/**
 * An object specifying the format that the model must output.
 *
 * @example
 * const format = ResponseFormatTextConfigSchema.parse(json);
 * if (format.type === 'json_schema') console.log(format.name);
 */
export const ResponseFormatTextConfigSchema: z.ZodType<ResponseFormatTextConfig> = typedSchema(z.discriminatedUnion('type', [
  ResponseFormatTextSchema,
  ResponseFormatTextJSONSchemaConfigSchema,
  ResponseFormatJSONObjectSchema,
]));

/**
 * Constrains the verbosity of the model's response.
 *
 * @example
 * VerbositySchema.parse('low');
 */
export const VerbositySchema: z.ZodType<Verbosity> = typedSchema(z.enum(['low', 'medium', 'high']).nullable());

/**
 * Configuration options for a text response from the model.
 *
 * @example
 * ResponseTextConfigSchema.parse({ format: { type: 'text' }, verbosity: 'medium' });
 */
export const ResponseTextConfigSchema = objectSchema<ResponseTextConfig>(z.object({
  format: ResponseFormatTextConfigSchema.optional(),
  verbosity: VerbositySchema.optional(),
}));

/**
 * A kind of content a web search may return.
 *
 * @example
 * SearchContentTypeSchema.parse('image');
 */
export const SearchContentTypeSchema: z.ZodType<SearchContentType> = typedSchema(z.enum(['text', 'image']));

/**
 * How much search context a web search uses: `low`, `medium` or `high`.
 *
 * @example
 * SearchContextSizeSchema.parse('high');
 */
export const SearchContextSizeSchema: z.ZodType<SearchContextSize> = typedSchema(z.enum(['low', 'medium', 'high']));

/**
 * Forces the model to call the apply_patch tool when executing a tool call.
 *
 * @example
 * ToolChoiceApplyPatchSchema.parse({ type: 'apply_patch' });
 */
export const ToolChoiceApplyPatchSchema = objectSchema<ToolChoiceApplyPatch>(z.object({
  type: z.literal('apply_patch'),
}));

/**
 * Forces the model to call the shell tool when a tool call is required.
 *
 * @example
 * ToolChoiceShellSchema.parse({ type: 'shell' });
 */
export const ToolChoiceShellSchema = objectSchema<ToolChoiceShell>(z.object({
  type: z.literal('shell'),
}));

/**
 * A tool choice forcing the programmatic tool calling tool.
 *
 * @example
 * ToolChoiceProgrammaticToolCallingSchema.parse({ type: 'programmatic_tool_calling' });
 */
export const ToolChoiceProgrammaticToolCallingSchema: z.ZodType<ToolChoiceProgrammaticToolCalling> = typedSchema(ProgrammaticToolCallingParamSchema); // the yaml defines it twice, identically

/**
 * The approximate location of the user.
 *
 * @example
 * WebSearchApproximateLocationSchema.parse({ country: 'GB', city: 'London' });
 */
export const WebSearchApproximateLocationSchema: z.ZodType<WebSearchApproximateLocation> = typedSchema(z.object({
  type: z.literal('approximate').optional(),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}).nullable());

/**
 * Search the Internet for sources related to the prompt.
 *
 * @example
 * WebSearchToolSchema.parse({ type: 'web_search', filters: { allowed_domains: ['openai.com'] } });
 */
export const WebSearchToolSchema = objectSchema<WebSearchTool>(z.object({
  type: z.enum(['web_search', 'web_search_2025_08_26']),
  external_web_access: z.boolean().optional(),
  filters: z.object({
    allowed_domains: z.array(z.string()).nullable().optional(),
  }).nullable().optional(),
  user_location: WebSearchApproximateLocationSchema.optional(),
  search_context_size: z.enum(['low', 'medium', 'high']).optional(),
}));

/**
 * Who runs a tool search: the server or the client.
 *
 * @example
 * ToolSearchExecutionTypeSchema.parse('server');
 */
export const ToolSearchExecutionTypeSchema: z.ZodType<ToolSearchExecutionType> = typedSchema(z.enum(['server', 'client']));

/**
 * Hosted or BYOT tool search configuration for deferred tools.
 *
 * @example
 * ToolSearchToolSchema.parse({ type: 'tool_search', execution: 'server' });
 */
export const ToolSearchToolSchema = objectSchema<ToolSearchTool>(z.object({
  type: z.literal('tool_search'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  description: z.string().nullable().optional(),
  parameters: EmptyModelParamSchema.nullable().optional(),
}));

/**
 * This tool searches the web for relevant results to use in a response.
 *
 * @example
 * WebSearchPreviewToolSchema.parse({ type: 'web_search_preview', search_context_size: 'medium' });
 */
export const WebSearchPreviewToolSchema = objectSchema<WebSearchPreviewTool>(z.object({
  type: z.enum(['web_search_preview', 'web_search_preview_2025_03_11']),
  user_location: ApproximateLocationSchema.nullable().optional(),
  search_context_size: SearchContextSizeSchema.optional(),
  search_content_types: z.array(SearchContentTypeSchema).optional(),
}));

/**
 * A tool that can be used to generate a response.
 *
 * @example
 * const tool = ToolSchema.parse(json);
 * if (tool.type === 'function') console.log(tool.name, tool.parameters);
 */
export const ToolSchema: z.ZodType<Tool> = typedSchema(z.discriminatedUnion('type', [
  FunctionToolSchema,
  FileSearchToolSchema,
  ComputerToolSchema,
  ComputerUsePreviewToolSchema,
  WebSearchToolSchema,
  McpToolSchema,
  CodeInterpreterToolSchema,
  ProgrammaticToolCallingParamSchema,
  ImageGenerationToolSchema,
  LocalShellToolSchema,
  FunctionShellToolSchema,
  CustomToolSchema,
  NamespaceToolSchema,
  ToolSearchToolSchema,
  WebSearchPreviewToolSchema,
  ApplyPatchToolSchema,
]));

/**
 * Constrains the tools available to the model to a pre-defined set.
 *
 * @example
 * ToolChoiceAllowedSchema.parse({
 *   type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }],
 * });
 */
export const ToolChoiceAllowedSchema = objectSchema<ToolChoiceAllowed>(z.object({
  type: z.literal('allowed_tools'),
  mode: z.enum(['auto', 'required']),
  tools: z.array(z.record(z.string(), z.unknown())),
}));

/**
 * Use this option to force the model to call a specific custom tool.
 *
 * @example
 * ToolChoiceCustomSchema.parse({ type: 'custom', name: 'run_sql' });
 */
export const ToolChoiceCustomSchema = objectSchema<ToolChoiceCustom>(z.object({
  type: z.literal('custom'),
  name: z.string(),
}));

/**
 * Use this option to force the model to call a specific function.
 *
 * @example
 * ToolChoiceFunctionSchema.parse({ type: 'function', name: 'get_weather' }).name;
 */
export const ToolChoiceFunctionSchema = objectSchema<ToolChoiceFunction>(z.object({
  type: z.literal('function'),
  name: z.string(),
}));

/**
 * Use this option to force the model to call a specific tool on a remote MCP server.
 *
 * @example
 * ToolChoiceMcpSchema.parse({ type: 'mcp', server_label: 'deepwiki', name: 'ask_question' });
 */
export const ToolChoiceMcpSchema = objectSchema<ToolChoiceMcp>(z.object({
  type: z.literal('mcp'),
  server_label: z.string(),
  name: z.string().nullable().optional(),
}));

/**
 * Controls which (if any) tool is called by the model.
 *
 * @example
 * ToolChoiceOptionsSchema.parse('required');
 */
export const ToolChoiceOptionsSchema: z.ZodType<ToolChoiceOptions> = typedSchema(z.enum(['none', 'auto', 'required']));

/**
 * Indicates that the model should use a built-in tool to generate a response.
 *
 * @example
 * ToolChoiceTypesSchema.parse({ type: 'code_interpreter' });
 */
export const ToolChoiceTypesSchema = objectSchema<ToolChoiceTypes>(z.object({
  type: z.enum([
    'file_search',
    'web_search_preview',
    'computer',
    'computer_use_preview',
    'computer_use',
    'web_search_preview_2025_03_11',
    'image_generation',
    'code_interpreter',
  ]),
}));

/**
 * How the model should select which tool (or tools) to use when generating a response.
 *
 * @example
 * const choice = ResponseToolChoiceSchema.parse(json);
 * if (typeof choice !== 'string' && choice.type === 'function') console.log('forced', choice.name);
 */
export const ResponseToolChoiceSchema: z.ZodType<ResponseToolChoice> = typedSchema(z.union([
  ToolChoiceOptionsSchema,
  // A plain union: the compiler cannot type a discriminated union nested in a union of declared schemas.
  z.union([
    ToolChoiceAllowedSchema,
    ToolChoiceTypesSchema,
    ToolChoiceFunctionSchema,
    ToolChoiceMcpSchema,
    ToolChoiceCustomSchema,
    ToolChoiceProgrammaticToolCallingSchema,
    ToolChoiceApplyPatchSchema,
    ToolChoiceShellSchema,
  ]),
]));

/**
 * An array of tools the model may call while generating a response.
 *
 * @example
 * ToolsArraySchema.parse([{ type: 'web_search' }, { type: 'code_interpreter', container: { type: 'auto' } }]);
 */
export const ToolsArraySchema: z.ZodType<ToolsArray> = typedSchema(z.array(ToolSchema));

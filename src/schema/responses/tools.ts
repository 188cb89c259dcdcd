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

/**
 * Who may call a tool: directly the model, or a program (programmatic tool calling).
 *
 * @example
 * CallableToolAllowedCallerSchema.parse('programmatic');
 */
export const CallableToolAllowedCallerSchema = z.enum(['direct', 'programmatic']);
/**
 * Who may call a tool: directly the model, or a program (programmatic tool calling).
 *
 * @example
 * const callers: CallableToolAllowedCaller[] = ['direct', 'programmatic'];
 */
export type CallableToolAllowedCaller = z.infer<typeof CallableToolAllowedCallerSchema>;

/**
 * Allows the assistant to create, delete, or update files using unified diffs.
 *
 * @example
 * ApplyPatchToolSchema.parse({ type: 'apply_patch' });
 */
export const ApplyPatchToolSchema = z.object({
  type: z.literal('apply_patch'),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * Allows the assistant to create, delete, or update files using unified diffs.
 *
 * @example
 * const tool: ApplyPatchTool = { type: 'apply_patch', allowed_callers: ['direct'] };
 */
export type ApplyPatchTool = z.infer<typeof ApplyPatchToolSchema>;

/**
 * The approximate location of the user, for search tools.
 *
 * @example
 * ApproximateLocationSchema.parse({ type: 'approximate', country: 'FR', city: 'Paris' });
 */
export const ApproximateLocationSchema = z.object({
  type: z.literal('approximate'),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
});
/**
 * The approximate location of the user, for search tools.
 *
 * @example
 * const location: ApproximateLocation = { type: 'approximate', city: 'Tokyo', timezone: 'Asia/Tokyo' };
 */
export type ApproximateLocation = z.infer<typeof ApproximateLocationSchema>;

/**
 * The memory limit of a container.
 *
 * @example
 * ContainerMemoryLimitSchema.parse('4g');
 */
export const ContainerMemoryLimitSchema = z.enum(['1g', '4g', '16g', '64g']);
/**
 * The memory limit of a container.
 *
 * @example
 * const memory: ContainerMemoryLimit = '16g';
 */
export type ContainerMemoryLimit = z.infer<typeof ContainerMemoryLimitSchema>;

/**
 * A container network policy with network access disabled.
 *
 * @example
 * ContainerNetworkPolicyDisabledParamSchema.parse({ type: 'disabled' });
 */
export const ContainerNetworkPolicyDisabledParamSchema = z.object({
  type: z.literal('disabled'),
});
/**
 * A container network policy with network access disabled.
 *
 * @example
 * const offline: ContainerNetworkPolicyDisabledParam = { type: 'disabled' };
 */
export type ContainerNetworkPolicyDisabledParam = z.infer<typeof ContainerNetworkPolicyDisabledParamSchema>;

/**
 * A secret injected for requests to one domain from a container.
 *
 * @example
 * ContainerNetworkPolicyDomainSecretParamSchema.parse({ domain: 'api.example.com', name: 'API_KEY', value: 'sk-...' });
 */
export const ContainerNetworkPolicyDomainSecretParamSchema = z.object({
  domain: z.string(),
  name: z.string(),
  value: z.string(),
});
/**
 * A secret injected for requests to one domain from a container.
 *
 * @example
 * const secret: ContainerNetworkPolicyDomainSecretParam = {
 *   domain: 'api.github.com', name: 'GITHUB_TOKEN', value: process.env.GITHUB_TOKEN ?? '',
 * };
 */
export type ContainerNetworkPolicyDomainSecretParam = z.infer<typeof ContainerNetworkPolicyDomainSecretParamSchema>;

/**
 * A container network policy allowing only the listed domains.
 *
 * @example
 * ContainerNetworkPolicyAllowlistParamSchema.parse({ type: 'allowlist', allowed_domains: ['pypi.org'] });
 */
export const ContainerNetworkPolicyAllowlistParamSchema = z.object({
  type: z.literal('allowlist'),
  allowed_domains: z.array(z.string()),
  domain_secrets: z.array(ContainerNetworkPolicyDomainSecretParamSchema).optional(),
});
/**
 * A container network policy allowing only the listed domains.
 *
 * @example
 * const policy: ContainerNetworkPolicyAllowlistParam = { type: 'allowlist', allowed_domains: ['files.example.com'] };
 */
export type ContainerNetworkPolicyAllowlistParam = z.infer<typeof ContainerNetworkPolicyAllowlistParamSchema>;

/**
 * Configuration for a code interpreter container.
 *
 * @example
 * AutoCodeInterpreterToolParamSchema.parse({ type: 'auto', memory_limit: '4g', file_ids: ['file-abc'] });
 */
export const AutoCodeInterpreterToolParamSchema = z.object({
  type: z.literal('auto'),
  file_ids: z.array(z.string()).optional(),
  memory_limit: ContainerMemoryLimitSchema.nullable().optional(),
  network_policy: z.discriminatedUnion('type', [
    ContainerNetworkPolicyDisabledParamSchema,
    ContainerNetworkPolicyAllowlistParamSchema,
  ]).optional(),
});
/**
 * Configuration for a code interpreter container.
 *
 * @example
 * const container: AutoCodeInterpreterToolParam = { type: 'auto', network_policy: { type: 'disabled' } };
 */
export type AutoCodeInterpreterToolParam = z.infer<typeof AutoCodeInterpreterToolParamSchema>;

/**
 * A tool that runs Python code to help generate a response to a prompt.
 *
 * @example
 * CodeInterpreterToolSchema.parse({ type: 'code_interpreter', container: { type: 'auto' } });
 */
export const CodeInterpreterToolSchema = z.object({
  type: z.literal('code_interpreter'),
  container: z.union([z.string(), AutoCodeInterpreterToolParamSchema]),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * A tool that runs Python code to help generate a response to a prompt.
 *
 * @example
 * const tool: CodeInterpreterTool = { type: 'code_interpreter', container: 'cntr_abc123' };
 */
export type CodeInterpreterTool = z.infer<typeof CodeInterpreterToolSchema>;

/**
 * A filter used to compare a specified attribute key to a given value using a defined comparison operation.
 *
 * @example
 * ComparisonFilterSchema.parse({ type: 'gte', key: 'year', value: 2020 });
 */
export const ComparisonFilterSchema = z.object({
  type: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin']),
  key: z.string(),
  value: z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.array(z.union([z.string(), z.number()])),
  ]),
});
/**
 * A filter used to compare a specified attribute key to a given value using a defined comparison operation.
 *
 * @example
 * const filter: ComparisonFilter = { type: 'in', key: 'lang', value: ['en', 'fr'] };
 */
export type ComparisonFilter = z.infer<typeof ComparisonFilterSchema>;

/**
 * Combine multiple filters using `and` or `or`.
 *
 * @example
 * CompoundFilterSchema.parse({
 *   type: 'and', filters: [{ type: 'eq', key: 'team', value: 'core' }, { type: 'lt', key: 'age', value: 30 }],
 * });
 */
export const CompoundFilterSchema = z.object({
  type: z.enum(['and', 'or']),
  get filters() {
    return z.array(z.union([ComparisonFilterSchema, CompoundFilterSchema]));
  },
});
/**
 * Combine multiple filters using `and` or `or`.
 *
 * @example
 * const either: CompoundFilter = {
 *   type: 'or', filters: [{ type: 'eq', key: 'tag', value: 'a' }, { type: 'eq', key: 'tag', value: 'b' }],
 * };
 */
export type CompoundFilter = z.infer<typeof CompoundFilterSchema>;

/**
 * The environment a computer use tool controls.
 *
 * @example
 * ComputerEnvironmentSchema.parse('browser');
 */
export const ComputerEnvironmentSchema = z.enum(['windows', 'mac', 'linux', 'ubuntu', 'browser']);
/**
 * The environment a computer use tool controls.
 *
 * @example
 * const env: ComputerEnvironment = 'ubuntu';
 */
export type ComputerEnvironment = z.infer<typeof ComputerEnvironmentSchema>;

/**
 * A tool that controls a virtual computer.
 *
 * @example
 * ComputerToolSchema.parse({ type: 'computer' });
 */
export const ComputerToolSchema = z.object({
  type: z.literal('computer'),
});
/**
 * A tool that controls a virtual computer.
 *
 * @example
 * const tools: ComputerTool[] = [{ type: 'computer' }];
 */
export type ComputerTool = z.infer<typeof ComputerToolSchema>;

/**
 * A tool that controls a virtual computer.
 *
 * @example
 * ComputerUsePreviewToolSchema.parse({
 *   type: 'computer_use_preview', environment: 'browser', display_width: 1024, display_height: 768,
 * });
 */
export const ComputerUsePreviewToolSchema = z.object({
  type: z.literal('computer_use_preview'),
  environment: ComputerEnvironmentSchema,
  display_width: z.number(),
  display_height: z.number(),
});
/**
 * A tool that controls a virtual computer.
 *
 * @example
 * const aspect = (t: ComputerUsePreviewTool) => t.display_width / t.display_height;
 */
export type ComputerUsePreviewTool = z.infer<typeof ComputerUsePreviewToolSchema>;

/**
 * A reference to a stored skill for the shell tool.
 *
 * @example
 * SkillReferenceParamSchema.parse({ type: 'skill_reference', skill_id: 'skill_123', version: '2' });
 */
export const SkillReferenceParamSchema = z.object({
  type: z.literal('skill_reference'),
  skill_id: z.string(),
  version: z.string().optional(),
});
/**
 * A reference to a stored skill for the shell tool.
 *
 * @example
 * const skill: SkillReferenceParam = { type: 'skill_reference', skill_id: 'skill_pdf_tools' };
 */
export type SkillReferenceParam = z.infer<typeof SkillReferenceParamSchema>;

/**
 * The inline payload of a skill for the shell tool (base64).
 *
 * @example
 * InlineSkillSourceParamSchema.parse({ type: 'base64', media_type: 'application/zip', data: 'UEsDBBQ...' });
 */
export const InlineSkillSourceParamSchema = z.object({
  type: z.literal('base64'),
  media_type: z.literal('application/zip'),
  data: z.string(),
});
/**
 * The inline payload of a skill for the shell tool (base64).
 *
 * @example
 * const source: InlineSkillSourceParam = { type: 'base64', media_type: 'application/zip', data: 'UEsDBBQ...' };
 */
export type InlineSkillSourceParam = z.infer<typeof InlineSkillSourceParamSchema>;

/**
 * A skill given inline to the shell tool.
 *
 * @example
 * const { name, description } = InlineSkillParamSchema.parse(json);
 */
export const InlineSkillParamSchema = z.object({
  type: z.literal('inline'),
  name: z.string(),
  description: z.string(),
  source: InlineSkillSourceParamSchema,
});
/**
 * A skill given inline to the shell tool.
 *
 * @example
 * const skill: InlineSkillParam = {
 *   type: 'inline', name: 'csv-tools', description: 'Helpers for CSV files',
 *   source: { type: 'base64', media_type: 'application/zip', data: 'UEsDBBQ...' },
 * };
 */
export type InlineSkillParam = z.infer<typeof InlineSkillParamSchema>;

/**
 * A container created automatically for the shell tool.
 *
 * @example
 * ContainerAutoParamSchema.parse({
 *   type: 'container_auto', memory_limit: '1g', skills: [{ type: 'skill_reference', skill_id: 'skill_1' }],
 * });
 */
export const ContainerAutoParamSchema = z.object({
  type: z.literal('container_auto'),
  file_ids: z.array(z.string()).optional(),
  memory_limit: ContainerMemoryLimitSchema.nullable().optional(),
  network_policy: z.discriminatedUnion('type', [
    ContainerNetworkPolicyDisabledParamSchema,
    ContainerNetworkPolicyAllowlistParamSchema,
  ]).optional(),
  skills: z.array(z.discriminatedUnion('type', [SkillReferenceParamSchema, InlineSkillParamSchema])).optional(),
});
/**
 * A container created automatically for the shell tool.
 *
 * @example
 * const container: ContainerAutoParam = {
 *   type: 'container_auto', network_policy: { type: 'allowlist', allowed_domains: ['pypi.org'] },
 * };
 */
export type ContainerAutoParam = z.infer<typeof ContainerAutoParamSchema>;

/**
 * A reference to an existing container for the shell tool.
 *
 * @example
 * ContainerReferenceParamSchema.parse({ type: 'container_reference', container_id: 'cntr_abc123' });
 */
export const ContainerReferenceParamSchema = z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
});
/**
 * A reference to an existing container for the shell tool.
 *
 * @example
 * const existing: ContainerReferenceParam = { type: 'container_reference', container_id: 'cntr_abc123' };
 */
export type ContainerReferenceParam = z.infer<typeof ContainerReferenceParamSchema>;

/**
 * The syntax of a custom tool's grammar: `lark` or `regex`.
 *
 * @example
 * GrammarSyntax1Schema.parse('lark');
 */
export const GrammarSyntax1Schema = z.enum(['lark', 'regex']);
/**
 * The syntax of a custom tool's grammar: `lark` or `regex`.
 *
 * @example
 * const syntax: GrammarSyntax1 = 'regex';
 */
export type GrammarSyntax1 = z.infer<typeof GrammarSyntax1Schema>;

/**
 * A grammar defined by the user.
 *
 * @example
 * CustomGrammarFormatParamSchema.parse({ type: 'grammar', syntax: 'regex', definition: '^\\d{4}-\\d{2}-\\d{2}$' });
 */
export const CustomGrammarFormatParamSchema = z.object({
  type: z.literal('grammar'),
  syntax: GrammarSyntax1Schema,
  definition: z.string(),
});
/**
 * A grammar defined by the user.
 *
 * @example
 * const format: CustomGrammarFormatParam = { type: 'grammar', syntax: 'lark', definition: 'start: "yes" | "no"' };
 */
export type CustomGrammarFormatParam = z.infer<typeof CustomGrammarFormatParamSchema>;

/**
 * Unconstrained free-form text.
 *
 * @example
 * CustomTextFormatParamSchema.parse({ type: 'text' });
 */
export const CustomTextFormatParamSchema = z.object({
  type: z.literal('text'),
});
/**
 * Unconstrained free-form text.
 *
 * @example
 * const format: CustomTextFormatParam = { type: 'text' };
 */
export type CustomTextFormatParam = z.infer<typeof CustomTextFormatParamSchema>;

/**
 * A custom tool that processes input using a specified format.
 *
 * @example
 * CustomToolSchema.parse({ type: 'custom', name: 'run_sql', description: 'Runs a SQL query' });
 */
export const CustomToolSchema = z.object({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().optional(),
  format: z.discriminatedUnion('type', [CustomTextFormatParamSchema, CustomGrammarFormatParamSchema]).optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * A custom tool that processes input using a specified format.
 *
 * @example
 * const tool: CustomTool = {
 *   type: 'custom', name: 'year', format: { type: 'grammar', syntax: 'regex', definition: '\\d{4}' },
 * };
 */
export type CustomTool = z.infer<typeof CustomToolSchema>;

/**
 * An empty object.
 *
 * @example
 * EmptyModelParamSchema.parse({});
 */
export const EmptyModelParamSchema = z.object({});
/**
 * An empty object.
 *
 * @example
 * const args: EmptyModelParam = {};
 */
export type EmptyModelParam = z.infer<typeof EmptyModelParamSchema>;

/**
 * The ranker of a file search.
 *
 * @example
 * RankerVersionTypeSchema.parse('default-2024-11-15');
 */
export const RankerVersionTypeSchema = z.enum(['auto', 'default-2024-11-15']);
/**
 * The ranker of a file search.
 *
 * @example
 * const ranker: RankerVersionType = 'auto';
 */
export type RankerVersionType = z.infer<typeof RankerVersionTypeSchema>;

/**
 * Weights of the embedding and text parts of a hybrid file search.
 *
 * @example
 * HybridSearchOptionsSchema.parse({ embedding_weight: 0.7, text_weight: 0.3 });
 */
export const HybridSearchOptionsSchema = z.object({
  embedding_weight: z.number(),
  text_weight: z.number(),
});
/**
 * Weights of the embedding and text parts of a hybrid file search.
 *
 * @example
 * const hybrid: HybridSearchOptions = { embedding_weight: 1, text_weight: 1 };
 */
export type HybridSearchOptions = z.infer<typeof HybridSearchOptionsSchema>;

/**
 * Ranking options of a file search.
 *
 * @example
 * RankingOptionsSchema.parse({ ranker: 'auto', score_threshold: 0.5 });
 */
export const RankingOptionsSchema = z.object({
  ranker: RankerVersionTypeSchema.optional(),
  score_threshold: z.number().optional(),
  hybrid_search: HybridSearchOptionsSchema.optional(),
});
/**
 * Ranking options of a file search.
 *
 * @example
 * const ranking: RankingOptions = { score_threshold: 0.2, hybrid_search: { embedding_weight: 0.5, text_weight: 0.5 } };
 */
export type RankingOptions = z.infer<typeof RankingOptionsSchema>;

/**
 * A file search filter: a comparison or a compound of filters (by `type`).
 *
 * @example
 * const filter = FiltersSchema.parse(json);
 * if (filter.type === 'and' || filter.type === 'or') console.log(filter.filters.length);
 */
export const FiltersSchema = z.discriminatedUnion('type', [ComparisonFilterSchema, CompoundFilterSchema]);
/**
 * A file search filter: a comparison or a compound of filters (by `type`).
 *
 * @example
 * const recent: Filters = { type: 'gt', key: 'created', value: 1700000000 };
 */
export type Filters = z.infer<typeof FiltersSchema>;

/**
 * A tool that searches for relevant content from uploaded files.
 *
 * @example
 * FileSearchToolSchema.parse({ type: 'file_search', vector_store_ids: ['vs_123'], max_num_results: 5 });
 */
export const FileSearchToolSchema = z.object({
  type: z.literal('file_search'),
  vector_store_ids: z.array(z.string()),
  max_num_results: z.number().optional(),
  ranking_options: RankingOptionsSchema.optional(),
  filters: FiltersSchema.nullable().optional(),
});
/**
 * A tool that searches for relevant content from uploaded files.
 *
 * @example
 * const search: FileSearchTool = {
 *   type: 'file_search', vector_store_ids: ['vs_123'], filters: { type: 'eq', key: 'lang', value: 'en' },
 * };
 */
export type FileSearchTool = z.infer<typeof FileSearchToolSchema>;

/**
 * A skill available in a local shell environment.
 *
 * @example
 * LocalSkillParamSchema.parse({ name: 'lint', description: 'Runs the linter', path: './skills/lint' });
 */
export const LocalSkillParamSchema = z.object({
  name: z.string(),
  description: z.string(),
  path: z.string(),
});
/**
 * A skill available in a local shell environment.
 *
 * @example
 * const skill: LocalSkillParam = { name: 'deploy', description: 'Deploys the app', path: '/opt/skills/deploy' };
 */
export type LocalSkillParam = z.infer<typeof LocalSkillParamSchema>;

/**
 * A local environment for the shell tool.
 *
 * @example
 * LocalEnvironmentParamSchema.parse({ type: 'local' });
 */
export const LocalEnvironmentParamSchema = z.object({
  type: z.literal('local'),
  skills: z.array(LocalSkillParamSchema).optional(),
});
/**
 * A local environment for the shell tool.
 *
 * @example
 * const env: LocalEnvironmentParam = { type: 'local', skills: [{ name: 'lint', description: 'Lints', path: './l' }] };
 */
export type LocalEnvironmentParam = z.infer<typeof LocalEnvironmentParamSchema>;

/**
 * A tool that allows the model to execute shell commands.
 *
 * @example
 * FunctionShellToolSchema.parse({ type: 'shell', environment: { type: 'container_auto' } });
 */
export const FunctionShellToolSchema = z.object({
  type: z.literal('shell'),
  environment: z.discriminatedUnion('type', [
    ContainerAutoParamSchema,
    LocalEnvironmentParamSchema,
    ContainerReferenceParamSchema,
  ]).nullable().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * A tool that allows the model to execute shell commands.
 *
 * @example
 * const shell: FunctionShellTool = { type: 'shell', environment: { type: 'local' } };
 */
export type FunctionShellTool = z.infer<typeof FunctionShellToolSchema>;

/**
 * Defines a function in your own code the model can choose to call.
 *
 * @example
 * FunctionToolSchema.parse({
 *   type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: true,
 * });
 */
export const FunctionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable(),
  output_schema: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * Defines a function in your own code the model can choose to call.
 *
 * @example
 * const getWeather: FunctionTool = {
 *   type: 'function', name: 'get_weather', description: 'Current weather for a city', strict: true,
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 */
export type FunctionTool = z.infer<typeof FunctionToolSchema>;

/**
 * A function inside a namespace tool.
 *
 * @example
 * FunctionToolParamSchema.parse({ type: 'function', name: 'list_issues', description: 'Lists open issues' });
 */
export const FunctionToolParamSchema = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  parameters: EmptyModelParamSchema.nullable().optional(),
  strict: z.boolean().nullable().optional(),
  type: z.literal('function'),
  output_schema: z.record(z.string(), z.unknown()).nullable().optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/**
 * A function inside a namespace tool.
 *
 * @example
 * const fn: FunctionToolParam = { type: 'function', name: 'create_issue', strict: true };
 */
export type FunctionToolParam = z.infer<typeof FunctionToolParamSchema>;

/**
 * Whether the image generation tool generates or edits (or decides itself).
 *
 * @example
 * ImageGenActionEnumSchema.parse('edit');
 */
export const ImageGenActionEnumSchema = z.enum(['generate', 'edit', 'auto']);
/**
 * Whether the image generation tool generates or edits (or decides itself).
 *
 * @example
 * const action: ImageGenActionEnum = 'generate';
 */
export type ImageGenActionEnum = z.infer<typeof ImageGenActionEnumSchema>;

/**
 * Control how much effort the model will exert to match the style and features, especially facial features, of
 * input images.
 *
 * @example
 * InputFidelitySchema.parse('high');
 */
export const InputFidelitySchema = z.enum(['high', 'low']);
/**
 * Control how much effort the model will exert to match the style and features, especially facial features, of
 * input images.
 *
 * @example
 * const fidelity: InputFidelity = 'low';
 */
export type InputFidelity = z.infer<typeof InputFidelitySchema>;

/**
 * A tool that generates images using the GPT image models.
 *
 * @example
 * ImageGenerationToolSchema.parse({ type: 'image_generation', quality: 'high', output_format: 'webp' });
 */
export const ImageGenerationToolSchema = z.object({
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
});
/**
 * A tool that generates images using the GPT image models.
 *
 * @example
 * const tool: ImageGenerationTool = { type: 'image_generation', background: 'transparent', partial_images: 2 };
 */
export type ImageGenerationTool = z.infer<typeof ImageGenerationToolSchema>;

/**
 * A tool that allows the model to execute shell commands in a local environment.
 *
 * @example
 * LocalShellToolSchema.parse({ type: 'local_shell' });
 */
export const LocalShellToolSchema = z.object({
  type: z.literal('local_shell'),
});
/**
 * A tool that allows the model to execute shell commands in a local environment.
 *
 * @example
 * const tool: LocalShellTool = { type: 'local_shell' };
 */
export type LocalShellTool = z.infer<typeof LocalShellToolSchema>;

/**
 * A filter object to specify which tools are allowed.
 *
 * @example
 * MCPToolFilterSchema.parse({ tool_names: ['search', 'fetch'] });
 */
export const MCPToolFilterSchema = z.object({
  tool_names: z.array(z.string()).optional(),
  read_only: z.boolean().optional(),
});
/**
 * A filter object to specify which tools are allowed.
 *
 * @example
 * const readOnly: MCPToolFilter = { read_only: true };
 */
export type MCPToolFilter = z.infer<typeof MCPToolFilterSchema>;

/**
 * Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
 *
 * @example
 * McpToolSchema.parse({ type: 'mcp', server_label: 'deepwiki', server_url: 'https://mcp.deepwiki.com/mcp' });
 */
export const McpToolSchema = z.object({
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
});
/**
 * Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
 *
 * @example
 * const gmail: McpTool = {
 *   type: 'mcp', server_label: 'gmail', connector_id: 'connector_gmail', require_approval: 'never',
 * };
 */
export type McpTool = z.infer<typeof McpToolSchema>;

/**
 * Groups function/custom tools under a shared namespace.
 *
 * @example
 * NamespaceToolSchema.parse({
 *   type: 'namespace', name: 'github', description: 'GitHub tools', tools: [{ type: 'function', name: 'list_prs' }],
 * });
 */
export const NamespaceToolSchema = z.object({
  type: z.literal('namespace'),
  name: z.string(),
  description: z.string(),
  tools: z.array(z.discriminatedUnion('type', [FunctionToolParamSchema, CustomToolSchema])),
});
/**
 * Groups function/custom tools under a shared namespace.
 *
 * @example
 * const qualifiedNames = (ns: NamespaceTool) => ns.tools.map((t) => `${ns.name}.${t.name}`);
 */
export type NamespaceTool = z.infer<typeof NamespaceToolSchema>;

/**
 * The programmatic tool calling tool: the model writes programs that call tools.
 *
 * @example
 * ProgrammaticToolCallingParamSchema.parse({ type: 'programmatic_tool_calling' });
 */
export const ProgrammaticToolCallingParamSchema = z.object({
  type: z.literal('programmatic_tool_calling'),
});
/**
 * The programmatic tool calling tool: the model writes programs that call tools.
 *
 * @example
 * const tool: ProgrammaticToolCallingParam = { type: 'programmatic_tool_calling' };
 */
export type ProgrammaticToolCallingParam = z.infer<typeof ProgrammaticToolCallingParamSchema>;

/**
 * Optional map of values to substitute in for variables in your prompt.
 *
 * @example
 * ResponsePromptVariablesSchema.parse({ customer_name: 'Ada', topic: { type: 'input_text', text: 'billing' } });
 */
export const ResponsePromptVariablesSchema = z.record(z.string(), z.union([
  z.string(),
  z.discriminatedUnion('type', [
    ResponseInputTextSchema,
    ResponseInputImageSchema,
    ResponseInputFileSchema,
  ]),
])).nullable();
/**
 * Optional map of values to substitute in for variables in your prompt.
 *
 * @example
 * const variables: ResponsePromptVariables = {
 *   city: 'Lisbon', photo: { type: 'input_image', file_id: 'file-abc', detail: 'auto' },
 * };
 */
export type ResponsePromptVariables = z.infer<typeof ResponsePromptVariablesSchema>;

/**
 * Reference to a prompt template and its variables.
 *
 * @example
 * ResponsePromptSchema.parse({ id: 'pmpt_123', version: '2', variables: { city: 'Lisbon' } });
 */
export const ResponsePromptSchema = z.object({
  id: z.string(),
  version: z.string().nullable().optional(),
  variables: ResponsePromptVariablesSchema.optional(),
}).nullable();
/**
 * Reference to a prompt template and its variables.
 *
 * @example
 * const prompt: ResponsePrompt = { id: 'pmpt_123', variables: { name: 'Ada' } };
 */
export type ResponsePrompt = z.infer<typeof ResponsePromptSchema>;

/**
 * The reasoning mode of a response.
 *
 * @example
 * const mode = ReasoningModeEnumSchema.parse(json); // any string
 */
export const ReasoningModeEnumSchema = z.string();
/**
 * The reasoning mode of a response.
 *
 * @example
 * const mode: ReasoningModeEnum | undefined = response.reasoning?.mode;
 */
export type ReasoningModeEnum = z.infer<typeof ReasoningModeEnumSchema>;

/**
 * Constrains effort on reasoning for reasoning models.
 *
 * @example
 * ReasoningEffortSchema.parse('medium');
 */
export const ReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullable();
/**
 * Constrains effort on reasoning for reasoning models.
 *
 * @example
 * const effort: ReasoningEffort = 'high';
 */
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

/**
 * Reasoning settings of a response (reasoning models only): effort, summary, context.
 *
 * @example
 * ReasoningSchema.parse({ effort: 'low', summary: 'auto' });
 */
export const ReasoningSchema = z.object({
  mode: ReasoningModeEnumSchema.optional(),
  effort: ReasoningEffortSchema.optional(),
  summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
  context: z.enum(['auto', 'current_turn', 'all_turns']).nullable().optional(),
  generate_summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
});
/**
 * Reasoning settings of a response (reasoning models only): effort, summary, context.
 *
 * @example
 * const reasoning: Reasoning = { effort: 'high', summary: 'detailed', context: 'all_turns' };
 */
export type Reasoning = z.infer<typeof ReasoningSchema>;

/**
 * JSON object response format.
 *
 * @example
 * ResponseFormatJSONObjectSchema.parse({ type: 'json_object' });
 */
export const ResponseFormatJSONObjectSchema = z.object({
  type: z.literal('json_object'),
});
/**
 * JSON object response format.
 *
 * @example
 * const format: ResponseFormatJSONObject = { type: 'json_object' };
 */
export type ResponseFormatJSONObject = z.infer<typeof ResponseFormatJSONObjectSchema>;

/**
 * The schema for the response format, described as a JSON Schema object.
 *
 * @example
 * ResponseFormatJsonSchemaSchemaSchema.parse({ type: 'object', properties: { answer: { type: 'string' } } });
 */
export const ResponseFormatJsonSchemaSchemaSchema = z.record(z.string(), z.unknown());
/**
 * The schema for the response format, described as a JSON Schema object.
 *
 * @example
 * const schema: ResponseFormatJsonSchemaSchema = { type: 'object', required: ['answer'], additionalProperties: false };
 */
export type ResponseFormatJsonSchemaSchema = z.infer<typeof ResponseFormatJsonSchemaSchemaSchema>;

/**
 * Default response format.
 *
 * @example
 * ResponseFormatTextSchema.parse({ type: 'text' });
 */
export const ResponseFormatTextSchema = CustomTextFormatParamSchema; // the yaml defines it twice, identically
/**
 * Default response format.
 *
 * @example
 * const plain: ResponseFormatText = { type: 'text' };
 */
export type ResponseFormatText = z.infer<typeof ResponseFormatTextSchema>;

/**
 * JSON Schema response format.
 *
 * @example
 * ResponseFormatTextJSONSchemaConfigSchema.parse({
 *   type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true,
 * });
 */
export const ResponseFormatTextJSONSchemaConfigSchema = z.object({
  type: z.literal('json_schema'),
  // The real wire sends `description: null` when the request gave none.
  description: z.string().nullable().optional(),
  name: z.string(),
  schema: ResponseFormatJsonSchemaSchemaSchema,
  strict: z.boolean().nullable().optional(),
});
/**
 * JSON Schema response format.
 *
 * @example
 * const format: ResponseFormatTextJSONSchemaConfig = {
 *   type: 'json_schema', name: 'weather', schema: { type: 'object', properties: { temp: { type: 'number' } } },
 * };
 */
export type ResponseFormatTextJSONSchemaConfig = z.infer<typeof ResponseFormatTextJSONSchemaConfigSchema>;

/**
 * An object specifying the format that the model must output.
 *
 * @example
 * const format = ResponseFormatTextConfigSchema.parse(json);
 * if (format.type === 'json_schema') console.log(format.name);
 */
export const ResponseFormatTextConfigSchema = z.discriminatedUnion('type', [
  ResponseFormatTextSchema,
  ResponseFormatTextJSONSchemaConfigSchema,
  ResponseFormatJSONObjectSchema,
]);
/**
 * An object specifying the format that the model must output.
 *
 * @example
 * const isStructured = (f: ResponseFormatTextConfig) => f.type !== 'text';
 */
export type ResponseFormatTextConfig = z.infer<typeof ResponseFormatTextConfigSchema>;

/**
 * Constrains the verbosity of the model's response.
 *
 * @example
 * VerbositySchema.parse('low');
 */
export const VerbositySchema = z.enum(['low', 'medium', 'high']).nullable();
/**
 * Constrains the verbosity of the model's response.
 *
 * @example
 * const verbosity: Verbosity = response.text?.verbosity ?? null;
 */
export type Verbosity = z.infer<typeof VerbositySchema>;

/**
 * Configuration options for a text response from the model.
 *
 * @example
 * ResponseTextConfigSchema.parse({ format: { type: 'text' }, verbosity: 'medium' });
 */
export const ResponseTextConfigSchema = z.object({
  format: ResponseFormatTextConfigSchema.optional(),
  verbosity: VerbositySchema.optional(),
});
/**
 * Configuration options for a text response from the model.
 *
 * @example
 * const text: ResponseTextConfig = { format: { type: 'json_object' }, verbosity: 'low' };
 */
export type ResponseTextConfig = z.infer<typeof ResponseTextConfigSchema>;

/**
 * A kind of content a web search may return.
 *
 * @example
 * SearchContentTypeSchema.parse('image');
 */
export const SearchContentTypeSchema = z.enum(['text', 'image']);
/**
 * A kind of content a web search may return.
 *
 * @example
 * const kinds: SearchContentType[] = ['text', 'image'];
 */
export type SearchContentType = z.infer<typeof SearchContentTypeSchema>;

/**
 * How much search context a web search uses: `low`, `medium` or `high`.
 *
 * @example
 * SearchContextSizeSchema.parse('high');
 */
export const SearchContextSizeSchema = z.enum(['low', 'medium', 'high']);
/**
 * How much search context a web search uses: `low`, `medium` or `high`.
 *
 * @example
 * const size: SearchContextSize = 'medium';
 */
export type SearchContextSize = z.infer<typeof SearchContextSizeSchema>;

/**
 * Forces the model to call the apply_patch tool when executing a tool call.
 *
 * @example
 * ToolChoiceApplyPatchSchema.parse({ type: 'apply_patch' });
 */
export const ToolChoiceApplyPatchSchema = z.object({
  type: z.literal('apply_patch'),
});
/**
 * Forces the model to call the apply_patch tool when executing a tool call.
 *
 * @example
 * const choice: ToolChoiceApplyPatch = { type: 'apply_patch' };
 */
export type ToolChoiceApplyPatch = z.infer<typeof ToolChoiceApplyPatchSchema>;

/**
 * Forces the model to call the shell tool when a tool call is required.
 *
 * @example
 * ToolChoiceShellSchema.parse({ type: 'shell' });
 */
export const ToolChoiceShellSchema = z.object({
  type: z.literal('shell'),
});
/**
 * Forces the model to call the shell tool when a tool call is required.
 *
 * @example
 * const choice: ToolChoiceShell = { type: 'shell' };
 */
export type ToolChoiceShell = z.infer<typeof ToolChoiceShellSchema>;

/**
 * A tool choice forcing the programmatic tool calling tool.
 *
 * @example
 * ToolChoiceProgrammaticToolCallingSchema.parse({ type: 'programmatic_tool_calling' });
 */
export const ToolChoiceProgrammaticToolCallingSchema = ProgrammaticToolCallingParamSchema; // the yaml defines it twice, identically
/**
 * A tool choice forcing the programmatic tool calling tool.
 *
 * @example
 * const choice: ToolChoiceProgrammaticToolCalling = { type: 'programmatic_tool_calling' };
 */
export type ToolChoiceProgrammaticToolCalling = z.infer<typeof ToolChoiceProgrammaticToolCallingSchema>;

/**
 * The approximate location of the user.
 *
 * @example
 * WebSearchApproximateLocationSchema.parse({ country: 'GB', city: 'London' });
 */
export const WebSearchApproximateLocationSchema = z.object({
  type: z.literal('approximate').optional(),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}).nullable();
/**
 * The approximate location of the user.
 *
 * @example
 * const location: WebSearchApproximateLocation = {
 *   type: 'approximate', region: 'California', timezone: 'America/Los_Angeles',
 * };
 */
export type WebSearchApproximateLocation = z.infer<typeof WebSearchApproximateLocationSchema>;

/**
 * Search the Internet for sources related to the prompt.
 *
 * @example
 * WebSearchToolSchema.parse({ type: 'web_search', filters: { allowed_domains: ['openai.com'] } });
 */
export const WebSearchToolSchema = z.object({
  type: z.enum(['web_search', 'web_search_2025_08_26']),
  external_web_access: z.boolean().optional(),
  filters: z.object({
    allowed_domains: z.array(z.string()).nullable().optional(),
  }).nullable().optional(),
  user_location: WebSearchApproximateLocationSchema.optional(),
  search_context_size: z.enum(['low', 'medium', 'high']).optional(),
});
/**
 * Search the Internet for sources related to the prompt.
 *
 * @example
 * const search: WebSearchTool = { type: 'web_search', search_context_size: 'low', user_location: { country: 'DE' } };
 */
export type WebSearchTool = z.infer<typeof WebSearchToolSchema>;

/**
 * Who runs a tool search: the server or the client.
 *
 * @example
 * ToolSearchExecutionTypeSchema.parse('server');
 */
export const ToolSearchExecutionTypeSchema = z.enum(['server', 'client']);
/**
 * Who runs a tool search: the server or the client.
 *
 * @example
 * const execution: ToolSearchExecutionType = 'client';
 */
export type ToolSearchExecutionType = z.infer<typeof ToolSearchExecutionTypeSchema>;

/**
 * Hosted or BYOT tool search configuration for deferred tools.
 *
 * @example
 * ToolSearchToolSchema.parse({ type: 'tool_search', execution: 'server' });
 */
export const ToolSearchToolSchema = z.object({
  type: z.literal('tool_search'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  description: z.string().nullable().optional(),
  parameters: EmptyModelParamSchema.nullable().optional(),
});
/**
 * Hosted or BYOT tool search configuration for deferred tools.
 *
 * @example
 * const toolSearch: ToolSearchTool = { type: 'tool_search', execution: 'client', description: 'Finds CRM tools' };
 */
export type ToolSearchTool = z.infer<typeof ToolSearchToolSchema>;

/**
 * This tool searches the web for relevant results to use in a response.
 *
 * @example
 * WebSearchPreviewToolSchema.parse({ type: 'web_search_preview', search_context_size: 'medium' });
 */
export const WebSearchPreviewToolSchema = z.object({
  type: z.enum(['web_search_preview', 'web_search_preview_2025_03_11']),
  user_location: ApproximateLocationSchema.nullable().optional(),
  search_context_size: SearchContextSizeSchema.optional(),
  search_content_types: z.array(SearchContentTypeSchema).optional(),
});
/**
 * This tool searches the web for relevant results to use in a response.
 *
 * @example
 * const preview: WebSearchPreviewTool = { type: 'web_search_preview_2025_03_11', search_content_types: ['text'] };
 */
export type WebSearchPreviewTool = z.infer<typeof WebSearchPreviewToolSchema>;

/**
 * A tool that can be used to generate a response.
 *
 * @example
 * const tool = ToolSchema.parse(json);
 * if (tool.type === 'function') console.log(tool.name, tool.parameters);
 */
export const ToolSchema = z.discriminatedUnion('type', [
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
]);
/**
 * A tool that can be used to generate a response.
 *
 * @example
 * const toolName = (tool: Tool) => ('name' in tool ? tool.name : tool.type);
 */
export type Tool = z.infer<typeof ToolSchema>;

/**
 * Constrains the tools available to the model to a pre-defined set.
 *
 * @example
 * ToolChoiceAllowedSchema.parse({
 *   type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }],
 * });
 */
export const ToolChoiceAllowedSchema = z.object({
  type: z.literal('allowed_tools'),
  mode: z.enum(['auto', 'required']),
  tools: z.array(z.record(z.string(), z.unknown())),
});
/**
 * Constrains the tools available to the model to a pre-defined set.
 *
 * @example
 * const choice: ToolChoiceAllowed = { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] };
 */
export type ToolChoiceAllowed = z.infer<typeof ToolChoiceAllowedSchema>;

/**
 * Use this option to force the model to call a specific custom tool.
 *
 * @example
 * ToolChoiceCustomSchema.parse({ type: 'custom', name: 'run_sql' });
 */
export const ToolChoiceCustomSchema = z.object({
  type: z.literal('custom'),
  name: z.string(),
});
/**
 * Use this option to force the model to call a specific custom tool.
 *
 * @example
 * const choice: ToolChoiceCustom = { type: 'custom', name: 'date_parser' };
 */
export type ToolChoiceCustom = z.infer<typeof ToolChoiceCustomSchema>;

/**
 * Use this option to force the model to call a specific function.
 *
 * @example
 * ToolChoiceFunctionSchema.parse({ type: 'function', name: 'get_weather' }).name;
 */
export const ToolChoiceFunctionSchema = z.object({
  type: z.literal('function'),
  name: z.string(),
});
/**
 * Use this option to force the model to call a specific function.
 *
 * @example
 * const force = (name: string): ToolChoiceFunction => ({ type: 'function', name });
 */
export type ToolChoiceFunction = z.infer<typeof ToolChoiceFunctionSchema>;

/**
 * Use this option to force the model to call a specific tool on a remote MCP server.
 *
 * @example
 * ToolChoiceMcpSchema.parse({ type: 'mcp', server_label: 'deepwiki', name: 'ask_question' });
 */
export const ToolChoiceMcpSchema = z.object({
  type: z.literal('mcp'),
  server_label: z.string(),
  name: z.string().nullable().optional(),
});
/**
 * Use this option to force the model to call a specific tool on a remote MCP server.
 *
 * @example
 * const choice: ToolChoiceMcp = { type: 'mcp', server_label: 'github' };
 */
export type ToolChoiceMcp = z.infer<typeof ToolChoiceMcpSchema>;

/**
 * Controls which (if any) tool is called by the model.
 *
 * @example
 * ToolChoiceOptionsSchema.parse('required');
 */
export const ToolChoiceOptionsSchema = z.enum(['none', 'auto', 'required']);
/**
 * Controls which (if any) tool is called by the model.
 *
 * @example
 * const choice: ToolChoiceOptions = 'none';
 */
export type ToolChoiceOptions = z.infer<typeof ToolChoiceOptionsSchema>;

/**
 * Indicates that the model should use a built-in tool to generate a response.
 *
 * @example
 * ToolChoiceTypesSchema.parse({ type: 'code_interpreter' });
 */
export const ToolChoiceTypesSchema = z.object({
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
});
/**
 * Indicates that the model should use a built-in tool to generate a response.
 *
 * @example
 * const choice: ToolChoiceTypes = { type: 'file_search' };
 */
export type ToolChoiceTypes = z.infer<typeof ToolChoiceTypesSchema>;

/**
 * How the model should select which tool (or tools) to use when generating a response.
 *
 * @example
 * const choice = ResponseToolChoiceSchema.parse(json);
 * if (typeof choice !== 'string' && choice.type === 'function') console.log('forced', choice.name);
 */
export const ResponseToolChoiceSchema = z.union([
  ToolChoiceOptionsSchema,
  z.discriminatedUnion('type', [
    ToolChoiceAllowedSchema,
    ToolChoiceTypesSchema,
    ToolChoiceFunctionSchema,
    ToolChoiceMcpSchema,
    ToolChoiceCustomSchema,
    ToolChoiceProgrammaticToolCallingSchema,
    ToolChoiceApplyPatchSchema,
    ToolChoiceShellSchema,
  ]),
]);
/**
 * How the model should select which tool (or tools) to use when generating a response.
 *
 * @example
 * const describeChoice = (c: ResponseToolChoice) => (typeof c === 'string' ? c : c.type);
 */
export type ResponseToolChoice = z.infer<typeof ResponseToolChoiceSchema>;

/**
 * An array of tools the model may call while generating a response.
 *
 * @example
 * ToolsArraySchema.parse([{ type: 'web_search' }, { type: 'code_interpreter', container: { type: 'auto' } }]);
 */
export const ToolsArraySchema = z.array(ToolSchema);
/**
 * An array of tools the model may call while generating a response.
 *
 * @example
 * const tools: ToolsArray = [{ type: 'local_shell' }, { type: 'apply_patch' }];
 */
export type ToolsArray = z.infer<typeof ToolsArraySchema>;

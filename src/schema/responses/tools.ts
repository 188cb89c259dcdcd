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

/** Who may call a tool: directly the model, or a program (programmatic tool calling). */
export const CallableToolAllowedCallerSchema = z.enum(['direct', 'programmatic']);
/** Who may call a tool: directly the model, or a program (programmatic tool calling). */
export type CallableToolAllowedCaller = z.infer<typeof CallableToolAllowedCallerSchema>;

/** Allows the assistant to create, delete, or update files using unified diffs. */
export const ApplyPatchToolSchema = z.object({
  type: z.literal('apply_patch'),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/** Allows the assistant to create, delete, or update files using unified diffs. */
export type ApplyPatchTool = z.infer<typeof ApplyPatchToolSchema>;

/** The approximate location of the user, for search tools. */
export const ApproximateLocationSchema = z.object({
  type: z.literal('approximate'),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
});
/** The approximate location of the user, for search tools. */
export type ApproximateLocation = z.infer<typeof ApproximateLocationSchema>;

/** The memory limit of a container. */
export const ContainerMemoryLimitSchema = z.enum(['1g', '4g', '16g', '64g']);
/** The memory limit of a container. */
export type ContainerMemoryLimit = z.infer<typeof ContainerMemoryLimitSchema>;

/** A container network policy with network access disabled. */
export const ContainerNetworkPolicyDisabledParamSchema = z.object({
  type: z.literal('disabled'),
});
/** A container network policy with network access disabled. */
export type ContainerNetworkPolicyDisabledParam = z.infer<typeof ContainerNetworkPolicyDisabledParamSchema>;

/** A secret injected for requests to one domain from a container. */
export const ContainerNetworkPolicyDomainSecretParamSchema = z.object({
  domain: z.string(),
  name: z.string(),
  value: z.string(),
});
/** A secret injected for requests to one domain from a container. */
export type ContainerNetworkPolicyDomainSecretParam = z.infer<typeof ContainerNetworkPolicyDomainSecretParamSchema>;

/** A container network policy allowing only the listed domains. */
export const ContainerNetworkPolicyAllowlistParamSchema = z.object({
  type: z.literal('allowlist'),
  allowed_domains: z.array(z.string()),
  domain_secrets: z.array(ContainerNetworkPolicyDomainSecretParamSchema).optional(),
});
/** A container network policy allowing only the listed domains. */
export type ContainerNetworkPolicyAllowlistParam = z.infer<typeof ContainerNetworkPolicyAllowlistParamSchema>;

/** Configuration for a code interpreter container. */
export const AutoCodeInterpreterToolParamSchema = z.object({
  type: z.literal('auto'),
  file_ids: z.array(z.string()).optional(),
  memory_limit: ContainerMemoryLimitSchema.nullable().optional(),
  network_policy: z.discriminatedUnion('type', [
    ContainerNetworkPolicyDisabledParamSchema,
    ContainerNetworkPolicyAllowlistParamSchema,
  ]).optional(),
});
/** Configuration for a code interpreter container. */
export type AutoCodeInterpreterToolParam = z.infer<typeof AutoCodeInterpreterToolParamSchema>;

/** A tool that runs Python code to help generate a response to a prompt. */
export const CodeInterpreterToolSchema = z.object({
  type: z.literal('code_interpreter'),
  container: z.union([z.string(), AutoCodeInterpreterToolParamSchema]),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/** A tool that runs Python code to help generate a response to a prompt. */
export type CodeInterpreterTool = z.infer<typeof CodeInterpreterToolSchema>;

/** A filter used to compare a specified attribute key to a given value using a defined comparison operation. */
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
/** A filter used to compare a specified attribute key to a given value using a defined comparison operation. */
export type ComparisonFilter = z.infer<typeof ComparisonFilterSchema>;

/** Combine multiple filters using `and` or `or`. */
export const CompoundFilterSchema = z.object({
  type: z.enum(['and', 'or']),
  get filters() {
    return z.array(z.union([ComparisonFilterSchema, CompoundFilterSchema]));
  },
});
/** Combine multiple filters using `and` or `or`. */
export type CompoundFilter = z.infer<typeof CompoundFilterSchema>;

/** The environment a computer use tool controls. */
export const ComputerEnvironmentSchema = z.enum(['windows', 'mac', 'linux', 'ubuntu', 'browser']);
/** The environment a computer use tool controls. */
export type ComputerEnvironment = z.infer<typeof ComputerEnvironmentSchema>;

/** A tool that controls a virtual computer. */
export const ComputerToolSchema = z.object({
  type: z.literal('computer'),
});
/** A tool that controls a virtual computer. */
export type ComputerTool = z.infer<typeof ComputerToolSchema>;

/** A tool that controls a virtual computer. */
export const ComputerUsePreviewToolSchema = z.object({
  type: z.literal('computer_use_preview'),
  environment: ComputerEnvironmentSchema,
  display_width: z.number(),
  display_height: z.number(),
});
/** A tool that controls a virtual computer. */
export type ComputerUsePreviewTool = z.infer<typeof ComputerUsePreviewToolSchema>;

/** A reference to a stored skill for the shell tool. */
export const SkillReferenceParamSchema = z.object({
  type: z.literal('skill_reference'),
  skill_id: z.string(),
  version: z.string().optional(),
});
/** A reference to a stored skill for the shell tool. */
export type SkillReferenceParam = z.infer<typeof SkillReferenceParamSchema>;

/** The inline payload of a skill for the shell tool (base64). */
export const InlineSkillSourceParamSchema = z.object({
  type: z.literal('base64'),
  media_type: z.literal('application/zip'),
  data: z.string(),
});
/** The inline payload of a skill for the shell tool (base64). */
export type InlineSkillSourceParam = z.infer<typeof InlineSkillSourceParamSchema>;

/** A skill given inline to the shell tool. */
export const InlineSkillParamSchema = z.object({
  type: z.literal('inline'),
  name: z.string(),
  description: z.string(),
  source: InlineSkillSourceParamSchema,
});
/** A skill given inline to the shell tool. */
export type InlineSkillParam = z.infer<typeof InlineSkillParamSchema>;

/** A container created automatically for the shell tool. */
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
/** A container created automatically for the shell tool. */
export type ContainerAutoParam = z.infer<typeof ContainerAutoParamSchema>;

/** A reference to an existing container for the shell tool. */
export const ContainerReferenceParamSchema = z.object({
  type: z.literal('container_reference'),
  container_id: z.string(),
});
/** A reference to an existing container for the shell tool. */
export type ContainerReferenceParam = z.infer<typeof ContainerReferenceParamSchema>;

/** The syntax of a custom tool's grammar: `lark` or `regex`. */
export const GrammarSyntax1Schema = z.enum(['lark', 'regex']);
/** The syntax of a custom tool's grammar: `lark` or `regex`. */
export type GrammarSyntax1 = z.infer<typeof GrammarSyntax1Schema>;

/** A grammar defined by the user. */
export const CustomGrammarFormatParamSchema = z.object({
  type: z.literal('grammar'),
  syntax: GrammarSyntax1Schema,
  definition: z.string(),
});
/** A grammar defined by the user. */
export type CustomGrammarFormatParam = z.infer<typeof CustomGrammarFormatParamSchema>;

/** Unconstrained free-form text. */
export const CustomTextFormatParamSchema = z.object({
  type: z.literal('text'),
});
/** Unconstrained free-form text. */
export type CustomTextFormatParam = z.infer<typeof CustomTextFormatParamSchema>;

/** A custom tool that processes input using a specified format. */
export const CustomToolSchema = z.object({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().optional(),
  format: z.discriminatedUnion('type', [CustomTextFormatParamSchema, CustomGrammarFormatParamSchema]).optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/** A custom tool that processes input using a specified format. */
export type CustomTool = z.infer<typeof CustomToolSchema>;

/** An empty object. */
export const EmptyModelParamSchema = z.object({});
/** An empty object. */
export type EmptyModelParam = z.infer<typeof EmptyModelParamSchema>;

/** The ranker of a file search. */
export const RankerVersionTypeSchema = z.enum(['auto', 'default-2024-11-15']);
/** The ranker of a file search. */
export type RankerVersionType = z.infer<typeof RankerVersionTypeSchema>;

/** Weights of the embedding and text parts of a hybrid file search. */
export const HybridSearchOptionsSchema = z.object({
  embedding_weight: z.number(),
  text_weight: z.number(),
});
/** Weights of the embedding and text parts of a hybrid file search. */
export type HybridSearchOptions = z.infer<typeof HybridSearchOptionsSchema>;

/** Ranking options of a file search. */
export const RankingOptionsSchema = z.object({
  ranker: RankerVersionTypeSchema.optional(),
  score_threshold: z.number().optional(),
  hybrid_search: HybridSearchOptionsSchema.optional(),
});
/** Ranking options of a file search. */
export type RankingOptions = z.infer<typeof RankingOptionsSchema>;

/** A file search filter: a comparison or a compound of filters (by `type`). */
export const FiltersSchema = z.discriminatedUnion('type', [ComparisonFilterSchema, CompoundFilterSchema]);
/** A file search filter: a comparison or a compound of filters (by `type`). */
export type Filters = z.infer<typeof FiltersSchema>;

/** A tool that searches for relevant content from uploaded files. */
export const FileSearchToolSchema = z.object({
  type: z.literal('file_search'),
  vector_store_ids: z.array(z.string()),
  max_num_results: z.number().optional(),
  ranking_options: RankingOptionsSchema.optional(),
  filters: FiltersSchema.nullable().optional(),
});
/** A tool that searches for relevant content from uploaded files. */
export type FileSearchTool = z.infer<typeof FileSearchToolSchema>;

/** A skill available in a local shell environment. */
export const LocalSkillParamSchema = z.object({
  name: z.string(),
  description: z.string(),
  path: z.string(),
});
/** A skill available in a local shell environment. */
export type LocalSkillParam = z.infer<typeof LocalSkillParamSchema>;

/** A local environment for the shell tool. */
export const LocalEnvironmentParamSchema = z.object({
  type: z.literal('local'),
  skills: z.array(LocalSkillParamSchema).optional(),
});
/** A local environment for the shell tool. */
export type LocalEnvironmentParam = z.infer<typeof LocalEnvironmentParamSchema>;

/** A tool that allows the model to execute shell commands. */
export const FunctionShellToolSchema = z.object({
  type: z.literal('shell'),
  environment: z.discriminatedUnion('type', [
    ContainerAutoParamSchema,
    LocalEnvironmentParamSchema,
    ContainerReferenceParamSchema,
  ]).nullable().optional(),
  allowed_callers: z.array(CallableToolAllowedCallerSchema).nullable().optional(),
});
/** A tool that allows the model to execute shell commands. */
export type FunctionShellTool = z.infer<typeof FunctionShellToolSchema>;

/** Defines a function in your own code the model can choose to call. */
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
/** Defines a function in your own code the model can choose to call. */
export type FunctionTool = z.infer<typeof FunctionToolSchema>;

/** A function inside a namespace tool. */
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
/** A function inside a namespace tool. */
export type FunctionToolParam = z.infer<typeof FunctionToolParamSchema>;

/** Whether the image generation tool generates or edits (or decides itself). */
export const ImageGenActionEnumSchema = z.enum(['generate', 'edit', 'auto']);
/** Whether the image generation tool generates or edits (or decides itself). */
export type ImageGenActionEnum = z.infer<typeof ImageGenActionEnumSchema>;

/**
 * Control how much effort the model will exert to match the style and features, especially facial features, of
 * input images.
 */
export const InputFidelitySchema = z.enum(['high', 'low']);
/**
 * Control how much effort the model will exert to match the style and features, especially facial features, of
 * input images.
 */
export type InputFidelity = z.infer<typeof InputFidelitySchema>;

/** A tool that generates images using the GPT image models. */
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
/** A tool that generates images using the GPT image models. */
export type ImageGenerationTool = z.infer<typeof ImageGenerationToolSchema>;

/** A tool that allows the model to execute shell commands in a local environment. */
export const LocalShellToolSchema = z.object({
  type: z.literal('local_shell'),
});
/** A tool that allows the model to execute shell commands in a local environment. */
export type LocalShellTool = z.infer<typeof LocalShellToolSchema>;

/** A filter object to specify which tools are allowed. */
export const MCPToolFilterSchema = z.object({
  tool_names: z.array(z.string()).optional(),
  read_only: z.boolean().optional(),
});
/** A filter object to specify which tools are allowed. */
export type MCPToolFilter = z.infer<typeof MCPToolFilterSchema>;

/** Give the model access to additional tools via remote Model Context Protocol (MCP) servers. */
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
/** Give the model access to additional tools via remote Model Context Protocol (MCP) servers. */
export type McpTool = z.infer<typeof McpToolSchema>;

/** Groups function/custom tools under a shared namespace. */
export const NamespaceToolSchema = z.object({
  type: z.literal('namespace'),
  name: z.string(),
  description: z.string(),
  tools: z.array(z.discriminatedUnion('type', [FunctionToolParamSchema, CustomToolSchema])),
});
/** Groups function/custom tools under a shared namespace. */
export type NamespaceTool = z.infer<typeof NamespaceToolSchema>;

/** The programmatic tool calling tool: the model writes programs that call tools. */
export const ProgrammaticToolCallingParamSchema = z.object({
  type: z.literal('programmatic_tool_calling'),
});
/** The programmatic tool calling tool: the model writes programs that call tools. */
export type ProgrammaticToolCallingParam = z.infer<typeof ProgrammaticToolCallingParamSchema>;

/** Optional map of values to substitute in for variables in your prompt. */
export const ResponsePromptVariablesSchema = z.record(z.string(), z.union([
  z.string(),
  z.discriminatedUnion('type', [
    ResponseInputTextSchema,
    ResponseInputImageSchema,
    ResponseInputFileSchema,
  ]),
])).nullable();
/** Optional map of values to substitute in for variables in your prompt. */
export type ResponsePromptVariables = z.infer<typeof ResponsePromptVariablesSchema>;

/** Reference to a prompt template and its variables. */
export const ResponsePromptSchema = z.object({
  id: z.string(),
  version: z.string().nullable().optional(),
  variables: ResponsePromptVariablesSchema.optional(),
}).nullable();
/** Reference to a prompt template and its variables. */
export type ResponsePrompt = z.infer<typeof ResponsePromptSchema>;

/** The reasoning mode of a response. */
export const ReasoningModeEnumSchema = z.string();
/** The reasoning mode of a response. */
export type ReasoningModeEnum = z.infer<typeof ReasoningModeEnumSchema>;

/** Constrains effort on reasoning for reasoning models. */
export const ReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullable();
/** Constrains effort on reasoning for reasoning models. */
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

/** Reasoning settings of a response (reasoning models only): effort, summary, context. */
export const ReasoningSchema = z.object({
  mode: ReasoningModeEnumSchema.optional(),
  effort: ReasoningEffortSchema.optional(),
  summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
  context: z.enum(['auto', 'current_turn', 'all_turns']).nullable().optional(),
  generate_summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
});
/** Reasoning settings of a response (reasoning models only): effort, summary, context. */
export type Reasoning = z.infer<typeof ReasoningSchema>;

/** JSON object response format. */
export const ResponseFormatJSONObjectSchema = z.object({
  type: z.literal('json_object'),
});
/** JSON object response format. */
export type ResponseFormatJSONObject = z.infer<typeof ResponseFormatJSONObjectSchema>;

/** The schema for the response format, described as a JSON Schema object. */
export const ResponseFormatJsonSchemaSchemaSchema = z.record(z.string(), z.unknown());
/** The schema for the response format, described as a JSON Schema object. */
export type ResponseFormatJsonSchemaSchema = z.infer<typeof ResponseFormatJsonSchemaSchemaSchema>;

/** Default response format. */
export const ResponseFormatTextSchema = CustomTextFormatParamSchema; // the yaml defines it twice, identically
/** Default response format. */
export type ResponseFormatText = z.infer<typeof ResponseFormatTextSchema>;

/** JSON Schema response format. */
export const ResponseFormatTextJSONSchemaConfigSchema = z.object({
  type: z.literal('json_schema'),
  description: z.string().optional(),
  name: z.string(),
  schema: ResponseFormatJsonSchemaSchemaSchema,
  strict: z.boolean().nullable().optional(),
});
/** JSON Schema response format. */
export type ResponseFormatTextJSONSchemaConfig = z.infer<typeof ResponseFormatTextJSONSchemaConfigSchema>;

/** An object specifying the format that the model must output. */
export const ResponseFormatTextConfigSchema = z.discriminatedUnion('type', [
  ResponseFormatTextSchema,
  ResponseFormatTextJSONSchemaConfigSchema,
  ResponseFormatJSONObjectSchema,
]);
/** An object specifying the format that the model must output. */
export type ResponseFormatTextConfig = z.infer<typeof ResponseFormatTextConfigSchema>;

/** Constrains the verbosity of the model's response. */
export const VerbositySchema = z.enum(['low', 'medium', 'high']).nullable();
/** Constrains the verbosity of the model's response. */
export type Verbosity = z.infer<typeof VerbositySchema>;

/** Configuration options for a text response from the model. */
export const ResponseTextConfigSchema = z.object({
  format: ResponseFormatTextConfigSchema.optional(),
  verbosity: VerbositySchema.optional(),
});
/** Configuration options for a text response from the model. */
export type ResponseTextConfig = z.infer<typeof ResponseTextConfigSchema>;

/** A kind of content a web search may return. */
export const SearchContentTypeSchema = z.enum(['text', 'image']);
/** A kind of content a web search may return. */
export type SearchContentType = z.infer<typeof SearchContentTypeSchema>;

/** How much search context a web search uses: `low`, `medium` or `high`. */
export const SearchContextSizeSchema = z.enum(['low', 'medium', 'high']);
/** How much search context a web search uses: `low`, `medium` or `high`. */
export type SearchContextSize = z.infer<typeof SearchContextSizeSchema>;

/** Forces the model to call the apply_patch tool when executing a tool call. */
export const ToolChoiceApplyPatchSchema = z.object({
  type: z.literal('apply_patch'),
});
/** Forces the model to call the apply_patch tool when executing a tool call. */
export type ToolChoiceApplyPatch = z.infer<typeof ToolChoiceApplyPatchSchema>;

/** Forces the model to call the shell tool when a tool call is required. */
export const ToolChoiceShellSchema = z.object({
  type: z.literal('shell'),
});
/** Forces the model to call the shell tool when a tool call is required. */
export type ToolChoiceShell = z.infer<typeof ToolChoiceShellSchema>;

/** A tool choice forcing the programmatic tool calling tool. */
export const ToolChoiceProgrammaticToolCallingSchema = ProgrammaticToolCallingParamSchema; // the yaml defines it twice, identically
/** A tool choice forcing the programmatic tool calling tool. */
export type ToolChoiceProgrammaticToolCalling = z.infer<typeof ToolChoiceProgrammaticToolCallingSchema>;

/** The approximate location of the user. */
export const WebSearchApproximateLocationSchema = z.object({
  type: z.literal('approximate').optional(),
  country: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
}).nullable();
/** The approximate location of the user. */
export type WebSearchApproximateLocation = z.infer<typeof WebSearchApproximateLocationSchema>;

/** Search the Internet for sources related to the prompt. */
export const WebSearchToolSchema = z.object({
  type: z.enum(['web_search', 'web_search_2025_08_26']),
  external_web_access: z.boolean().optional(),
  filters: z.object({
    allowed_domains: z.array(z.string()).nullable().optional(),
  }).nullable().optional(),
  user_location: WebSearchApproximateLocationSchema.optional(),
  search_context_size: z.enum(['low', 'medium', 'high']).optional(),
});
/** Search the Internet for sources related to the prompt. */
export type WebSearchTool = z.infer<typeof WebSearchToolSchema>;

/** Who runs a tool search: the server or the client. */
export const ToolSearchExecutionTypeSchema = z.enum(['server', 'client']);
/** Who runs a tool search: the server or the client. */
export type ToolSearchExecutionType = z.infer<typeof ToolSearchExecutionTypeSchema>;

/** Hosted or BYOT tool search configuration for deferred tools. */
export const ToolSearchToolSchema = z.object({
  type: z.literal('tool_search'),
  execution: ToolSearchExecutionTypeSchema.optional(),
  description: z.string().nullable().optional(),
  parameters: EmptyModelParamSchema.nullable().optional(),
});
/** Hosted or BYOT tool search configuration for deferred tools. */
export type ToolSearchTool = z.infer<typeof ToolSearchToolSchema>;

/** This tool searches the web for relevant results to use in a response. */
export const WebSearchPreviewToolSchema = z.object({
  type: z.enum(['web_search_preview', 'web_search_preview_2025_03_11']),
  user_location: ApproximateLocationSchema.nullable().optional(),
  search_context_size: SearchContextSizeSchema.optional(),
  search_content_types: z.array(SearchContentTypeSchema).optional(),
});
/** This tool searches the web for relevant results to use in a response. */
export type WebSearchPreviewTool = z.infer<typeof WebSearchPreviewToolSchema>;

/** A tool that can be used to generate a response. */
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
/** A tool that can be used to generate a response. */
export type Tool = z.infer<typeof ToolSchema>;

/** Constrains the tools available to the model to a pre-defined set. */
export const ToolChoiceAllowedSchema = z.object({
  type: z.literal('allowed_tools'),
  mode: z.enum(['auto', 'required']),
  tools: z.array(z.record(z.string(), z.unknown())),
});
/** Constrains the tools available to the model to a pre-defined set. */
export type ToolChoiceAllowed = z.infer<typeof ToolChoiceAllowedSchema>;

/** Use this option to force the model to call a specific custom tool. */
export const ToolChoiceCustomSchema = z.object({
  type: z.literal('custom'),
  name: z.string(),
});
/** Use this option to force the model to call a specific custom tool. */
export type ToolChoiceCustom = z.infer<typeof ToolChoiceCustomSchema>;

/** Use this option to force the model to call a specific function. */
export const ToolChoiceFunctionSchema = z.object({
  type: z.literal('function'),
  name: z.string(),
});
/** Use this option to force the model to call a specific function. */
export type ToolChoiceFunction = z.infer<typeof ToolChoiceFunctionSchema>;

/** Use this option to force the model to call a specific tool on a remote MCP server. */
export const ToolChoiceMcpSchema = z.object({
  type: z.literal('mcp'),
  server_label: z.string(),
  name: z.string().nullable().optional(),
});
/** Use this option to force the model to call a specific tool on a remote MCP server. */
export type ToolChoiceMcp = z.infer<typeof ToolChoiceMcpSchema>;

/** Controls which (if any) tool is called by the model. */
export const ToolChoiceOptionsSchema = z.enum(['none', 'auto', 'required']);
/** Controls which (if any) tool is called by the model. */
export type ToolChoiceOptions = z.infer<typeof ToolChoiceOptionsSchema>;

/** Indicates that the model should use a built-in tool to generate a response. */
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
/** Indicates that the model should use a built-in tool to generate a response. */
export type ToolChoiceTypes = z.infer<typeof ToolChoiceTypesSchema>;

/** How the model should select which tool (or tools) to use when generating a response. */
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
/** How the model should select which tool (or tools) to use when generating a response. */
export type ResponseToolChoice = z.infer<typeof ResponseToolChoiceSchema>;

/** An array of tools the model may call while generating a response. */
export const ToolsArraySchema = z.array(ToolSchema);
/** An array of tools the model may call while generating a response. */
export type ToolsArray = z.infer<typeof ToolsArraySchema>;
